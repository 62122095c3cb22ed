//! The Danish demo country.

mod common;

use overblik_demo::Country;
use overblik_model::Preset;

country_suite!(Country::Dk, Preset::Dk, ["da", "en"]);

#[test]
fn the_crates_own_names_are_denmarks() {
    let today = common::today();
    let ids = |citizens: &mut dyn Iterator<Item = overblik_demo::Citizen>| -> Vec<String> {
        citizens.map(|citizen| citizen.national_id).collect()
    };
    assert_eq!(
        ids(&mut overblik_demo::citizens(3, 20, today)),
        ids(&mut country().citizens(3, 20, today))
    );
    assert_eq!(
        overblik_demo::AUTHORITIES.len(),
        Country::Dk.authorities().len()
    );
    assert_eq!(
        overblik_demo::AUTHORITATIVE_FACTS,
        Country::Dk.authoritative_facts()
    );
}
