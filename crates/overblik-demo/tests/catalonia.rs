//! The Catalan demo country: DNI and NIE numbers, euros, texts in Catalan and Spanish.

mod common;

use overblik_demo::Country;
use overblik_model::Preset;

country_suite!(Country::Cat, Preset::Cat, ["ca", "es"]);

#[test]
fn most_citizens_have_a_dni_and_some_an_nie() {
    let (mut dni, mut nie) = (0, 0);
    for citizen in country().citizens(1, 300, common::today()) {
        let id: overblik_model::NationalId = citizen.national_id.parse().expect("a DNI or NIE");
        assert_eq!(id.formatted(), citizen.national_id);
        match citizen
            .national_id
            .starts_with(|c: char| c.is_ascii_digit())
        {
            true => dni += 1,
            false => nie += 1,
        }
    }
    assert!(dni > 150 && nie > 20, "{dni} DNI, {nie} NIE");
}
