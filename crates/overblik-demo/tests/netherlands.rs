//! The Dutch demo country: BSNs, euros, texts in Dutch and English, and money given back.

mod common;

use overblik_demo::Country;
use overblik_model::Preset;
use serde_json::Value;

country_suite!(Country::Nl, Preset::Nl, ["nl", "en"]);

/// Whether `amount`, as a provider sent it, is below zero.
fn negative(amount: &Value) -> bool {
    amount.as_f64().is_some_and(|amount| amount < 0.0)
}

#[test]
fn featured_citizens_are_refunded_and_given_a_credit_note() {
    let featured: Vec<Value> = country()
        .citizens(1, 5, common::today())
        .flat_map(|citizen| citizen.records.into_iter().map(|(_, record)| record))
        .collect();
    let refunds = featured
        .iter()
        .filter(|record| record["kind"] == "payment" && negative(&record["details"]["net"]));
    assert!(refunds.count() >= 1, "a refund: a negative payment");
    let credit_notes = featured.iter().filter(|record| {
        let details = &record["details"];
        record["kind"] == "debt"
            && negative(&details["principal"])
            && negative(&details["outstanding"])
    });
    assert!(credit_notes.count() >= 1, "a credit note: a negative debt");
}
