//! Life events and recommendations on the demo's citizens, as the provider API stores them:
//! every rule and event fires for someone it fits, each featured citizen sees at least one of
//! each with its reason, and what a citizen hid stays hidden.

use chrono::{Duration, NaiveDate};
use overblik_demo::{Citizen, Situation};
use overblik_model::{
    Batch, Country, Language, NationalId, OverviewChoices, ProviderId, RecordId, SubjectKey,
    SubjectKeySecret,
};
use overblik_overview::proactive::Rules;
use overblik_store::StoredRecord;
use serde_json::json;

fn today() -> NaiveDate {
    Country::current().today(chrono::Utc::now())
}

/// The citizen's own records (not their children's), parsed as the provider API parses them.
fn stored(citizen: &Citizen) -> (SubjectKey, Vec<StoredRecord>) {
    let secret = SubjectKeySecret::new(vec![7; 32]).expect("long enough");
    let id: NationalId = citizen.national_id.parse().expect("a valid identifier");
    let subject = secret.subject_key(&id);
    let upserts: Vec<_> = citizen
        .records
        .iter()
        .map(|(_, record)| record.clone())
        .collect();
    let batch = Batch::parse(
        &json!({"upserts": upserts}),
        &secret,
        &overblik_model::batch::Unchecked,
    )
    .expect("the demo's records are valid");
    let provider: ProviderId = "demo".parse().expect("an id");
    let records = batch
        .upserts
        .into_iter()
        .filter(|upsert| upsert.incoming.subject == subject)
        .map(|upsert| StoredRecord {
            id: RecordId::random(),
            provider: provider.clone(),
            subject: upsert.incoming.subject,
            stored_at: chrono::Utc::now(),
            changed_at: chrono::Utc::now(),
            record: upsert.incoming.record.into(),
        })
        .collect();
    (subject, records)
}

/// What each featured citizen must be told: a life event and a recommendation that fit them.
fn fitting(situation: Situation) -> (&'static str, &'static str) {
    match situation {
        Situation::Family => ("child-daycare-school", "school-enrolment"),
        Situation::Unemployed => ("unemployment", "unemployment-benefit-ending"),
        Situation::Pensioner => ("retirement", "housing-benefit-for-pensioner"),
        Situation::Farmer => ("home", "licence-expiring"),
        Situation::Student => ("starting-education", "student-grant-ending"),
        other => panic!("{other:?} is not featured"),
    }
}

fn featured_citizens_see_what_fits_them(country: overblik_demo::Country, preset: &str) {
    Country::install(
        overblik_model::Preset::from_code(preset)
            .expect("a preset")
            .country(),
    )
    .expect("installed first");
    let rules = Rules::shipped();
    let today = today();
    for citizen in country.citizens(7, 5, today) {
        let (_, records) = stored(&citizen);
        let choices = OverviewChoices::default();
        let (event, rule) = fitting(citizen.situation);
        let events = rules.events_of(&records, &choices, today, Language::En);
        let shown: Vec<&str> = events.iter().map(|shown| shown.event.id.as_str()).collect();
        assert!(
            shown.contains(&event),
            "{:?} in {preset} sees {shown:?}",
            citizen.situation
        );
        let advice = rules.recommendations_for(&records, &choices, today, Language::En);
        let found = advice
            .iter()
            .find(|shown| shown.rule.id == rule)
            .unwrap_or_else(|| panic!("{:?} in {preset} is not told {rule}", citizen.situation));
        // The reason names one of the citizen's own records.
        let because = found.because.as_ref().expect("a record it rests on");
        assert!(records.iter().any(|stored| stored.id == because.record));
        assert!(!because.title.is_empty());
    }
}

#[test]
fn featured_danish_citizens_see_a_fitting_life_event_and_recommendation() {
    featured_citizens_see_what_fits_them(overblik_demo::Country::Dk, "dk");
}

#[test]
fn featured_catalan_citizens_see_a_fitting_life_event_and_recommendation() {
    featured_citizens_see_what_fits_them(overblik_demo::Country::Cat, "cat");
}

#[test]
fn featured_dutch_citizens_see_a_fitting_life_event_and_recommendation() {
    featured_citizens_see_what_fits_them(overblik_demo::Country::Nl, "nl");
}

/// Every recommendation and every event that the data can tell fires for some citizen of
/// a demo of 300, and only for those its rule fits.
#[test]
fn every_rule_and_event_fires_for_a_demo_citizen_it_fits() {
    let rules = Rules::shipped();
    let today = today();
    let citizens: Vec<_> = overblik_demo::Country::Dk
        .citizens(11, 300, today)
        .map(|citizen| stored(&citizen).1)
        .collect();
    let choices = OverviewChoices::default();
    for rule in rules.recommendations() {
        let told: Vec<_> = citizens
            .iter()
            .filter_map(|records| {
                rules
                    .recommendations_for(records, &choices, today, Language::Da)
                    .into_iter()
                    .find(|shown| shown.rule.id == rule.id)
                    .map(|shown| (records, shown.because.expect("rests on a record")))
            })
            .collect();
        assert!(!told.is_empty(), "no demo citizen is told {}", rule.id);
        for (records, because) in told {
            let record = records
                .iter()
                .find(|stored| stored.id == because.record)
                .expect("the citizen's own record");
            assert!(
                rules
                    .first(&rule.when, std::slice::from_ref(record), today)
                    .is_some(),
                "{} rests on a record its rule does not match",
                rule.id
            );
            if let Some(date) = because.date {
                assert!(date >= today - Duration::days(366) && date <= today + Duration::days(366));
            }
        }
    }
    for event in rules.events() {
        let seen = citizens.iter().filter(|records| {
            rules
                .events_of(records, &choices, today, Language::Da)
                .iter()
                .any(|shown| shown.event.id == event.id && shown.detected.is_some())
        });
        if event.detect.is_empty() {
            assert_eq!(seen.count(), 0, "{} is only ever chosen", event.id);
        } else {
            assert!(
                seen.count() > 0,
                "no demo citizen is going through {}",
                event.id
            );
        }
    }
}

#[test]
fn a_hidden_recommendation_stays_hidden_and_a_chosen_event_shows() {
    let rules = Rules::shipped();
    let today = today();
    let pensioner = overblik_demo::Country::Dk
        .citizens(7, 5, today)
        .find(|citizen| citizen.situation == Situation::Pensioner)
        .expect("a featured pensioner");
    let (_, records) = stored(&pensioner);
    let mut choices = OverviewChoices::default();
    let advice = rules.recommendations_for(&records, &choices, today, Language::En);
    let housing = advice
        .iter()
        .find(|shown| shown.rule.id == "housing-benefit-for-pensioner")
        .expect("told of housing benefit");
    choices.dismiss(&housing.key);
    for _ in 0..3 {
        let again = rules.recommendations_for(&records, &choices, today, Language::En);
        assert!(again.iter().all(|shown| shown.key != housing.key));
        assert_eq!(again.len(), advice.len() - 1, "only the hidden one is gone");
    }
    assert!(
        !rules
            .events_of(&records, &choices, today, Language::En)
            .iter()
            .any(|shown| shown.event.id == "death-of-relative")
    );
    choices.choose_event("death-of-relative", true);
    let events = rules.events_of(&records, &choices, today, Language::En);
    let chosen = events
        .iter()
        .find(|shown| shown.event.id == "death-of-relative")
        .expect("the chosen event");
    assert!(chosen.chosen && chosen.detected.is_none());
}

#[test]
fn an_operator_extends_the_rules_and_a_wrong_file_is_refused_naming_what_is_wrong() {
    let texts = r#"{ da = "a", en = "b", ca = "c", es = "d" }"#;
    let extension = format!(
        r#"version = 1
[codes]
pension = {{ dk = ["87"] }}
[[recommendation]]
id = "payment-plan"
when = {{ overdue = true }}
title = {texts}
reason = {texts}
action = {texts}
link = "https://kommune.example.dk/afdrag"
"#
    );
    let rules = Rules::shipped().extended(&extension).expect("extends");
    let plan = rules
        .recommendations()
        .iter()
        .filter(|rule| rule.id == "payment-plan")
        .collect::<Vec<_>>();
    assert_eq!(plan.len(), 1, "replaced by id");
    assert_eq!(
        plan[0].link.as_deref(),
        Some("https://kommune.example.dk/afdrag")
    );
    assert_eq!(
        rules.recommendations().len(),
        Rules::shipped().recommendations().len()
    );

    for (file, says) in [
        ("version = 2".to_owned(), "version 2"),
        (
            format!(
                "version = 1\n[[recommendation]]\nid = \"x\"\nwhen = {{ codes = \"nowhere\" }}\ntitle = {texts}\nreason = {texts}\naction = {texts}"
            ),
            "names codes nowhere",
        ),
        (
            format!(
                "version = 1\n[[recommendation]]\nid = \"x\"\nwhen = {{ overdue = true }}\ntitle = {{ en = \"only English\" }}\nreason = {texts}\naction = {texts}"
            ),
            "recommendation x title has no text in da",
        ),
        (
            format!(
                "version = 1\n[[recommendation]]\nid = \"x\"\nwhen = {{ overdue = true }}\ntitle = {texts}\nreason = {texts}\naction = {texts}\nlink = \"javascript:alert(1)\""
            ),
            "give a page of Overblik or an https address",
        ),
        (
            format!(
                "version = 1\n[[recommendation]]\nid = \"x\"\nwhen = {{ turns = 6 }}\ntitle = {texts}\nreason = {texts}\naction = {texts}"
            ),
            "turns and turns_within_days",
        ),
        (
            "version = 1\n[[recommendation]]\nid = \"x\"\nwhen = { colour = \"red\" }".to_owned(),
            "colour",
        ),
    ] {
        let error = Rules::shipped().extended(&file).expect_err("refused");
        assert!(error.contains(says), "{error}");
    }
}
