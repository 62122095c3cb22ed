//! A citizen's past: five years of what authorities keep after it is over.
//!
//! Everything here lies behind today, so it adds to the citizen's records and areas without
//! adding to what needs their attention.

use super::{
    A_KASSE, BIBLIOTEK, Builder, CPR, GAELD, KOMMUNE, MOTOR, Monthly, REGION, SKAT, UDBETALING,
    UDDANNELSE, text,
};
use crate::Situation;
use chrono::Datelike;
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde_json::json;

/// How far back the past goes, in months.
const MONTHS: u32 = 60;

/// Post an authority may have sent: provider, classification, category, Danish and English
/// title, sender.
const POST: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        KOMMUNE,
        "25.07",
        "document",
        "Opkrævning",
        "Bill",
        "Eksempelby Kommune",
    ),
    (
        KOMMUNE,
        "25.01",
        "document",
        "Opkrævning af grundskyld",
        "Land tax bill",
        "Eksempelby Kommune",
    ),
    (
        KOMMUNE,
        "03.02",
        "message",
        "Din placering på ventelisten",
        "Your place on the waiting list",
        "Eksempelby Kommune",
    ),
    (
        KOMMUNE,
        "18.07",
        "message",
        "Nyt om fritidstilbud",
        "News about leisure activities",
        "Eksempelby Kommune",
    ),
    (
        REGION,
        "89.02.01",
        "message",
        "Invitation til screening",
        "Invitation to a screening",
        "Region Demo",
    ),
    (
        REGION,
        "89.02",
        "document",
        "Epikrise efter dit besøg",
        "Discharge summary after your visit",
        "Demo Hospital",
    ),
    (
        SKAT,
        "85.03",
        "document",
        "Nyt skattekort",
        "New tax card",
        "Skattestyrelsen (demo)",
    ),
    (
        SKAT,
        "85.06",
        "message",
        "Påmindelse om betaling",
        "Payment reminder",
        "Skattestyrelsen (demo)",
    ),
    (
        UDBETALING,
        "87",
        "message",
        "Kontrol af dine oplysninger",
        "A check of your details",
        "Udbetaling Danmark (demo)",
    ),
    (
        CPR,
        "16.05",
        "message",
        "Dit nye sundhedskort",
        "Your new health insurance card",
        "CPR-registeret (demo)",
    ),
    (
        CPR,
        "16.07",
        "message",
        "Dit pas udløber snart",
        "Your passport expires soon",
        "Borgerservice Eksempelby",
    ),
    (
        MOTOR,
        "90.02",
        "message",
        "Påmindelse om syn",
        "Inspection reminder",
        "Motorstyrelsen (demo)",
    ),
    (
        BIBLIOTEK,
        "95.01",
        "message",
        "Reservering klar til afhentning",
        "Reservation ready for pick-up",
        "Eksempelby Bibliotekerne",
    ),
    (
        BIBLIOTEK,
        "95.01",
        "message",
        "Lånetiden udløber",
        "Your loan is due",
        "Eksempelby Bibliotekerne",
    ),
];

/// Cases that may have come and gone: provider, classification, Danish and English title.
const CASES: &[(&str, &str, &str, &str)] = &[
    (
        KOMMUNE,
        "02.34.03",
        "Anmeldelse af skur",
        "Notice of a shed",
    ),
    (
        KOMMUNE,
        "03.02",
        "Opskrivning til almen bolig",
        "Waiting list for social housing",
    ),
    (KOMMUNE, "18.07", "Fritidspas", "Leisure pass"),
    (
        KOMMUNE,
        "25.07",
        "Henstand med betaling",
        "Deferred payment",
    ),
    (KOMMUNE, "27.01", "Hjælpemidler", "Assistive devices"),
    (
        REGION,
        "89.01",
        "Henvisning til fysioterapi",
        "Referral to physiotherapy",
    ),
    (
        REGION,
        "89.07",
        "Befordring til hospital",
        "Transport to hospital",
    ),
    (
        SKAT,
        "85.02",
        "Ændring af årsopgørelse",
        "Change of annual tax statement",
    ),
    (
        UDBETALING,
        "87.03",
        "Ansøgning om boligstøtte",
        "Application for housing benefit",
    ),
    (CPR, "16.07", "Ansøgning om pas", "Passport application"),
    (CPR, "16.05.01", "Skift af læge", "Change of doctor"),
    (
        MOTOR,
        "90.03",
        "Fornyelse af kørekort",
        "Renewal of driving licence",
    ),
];

/// Appointments that may have taken place: provider, classification, titles, place.
const APPOINTMENTS: &[(&str, &str, &str, &str, &str)] = &[
    (
        REGION,
        "89.02",
        "Ambulant kontrol",
        "Outpatient check-up",
        "Demo Hospital, indgang 2",
    ),
    (
        REGION,
        "89.02.01",
        "Screening",
        "Screening",
        "Demo Hospital, røntgen",
    ),
    (
        REGION,
        "89.03",
        "Blodprøve",
        "Blood test",
        "Demo Hospital, laboratoriet",
    ),
    (
        KOMMUNE,
        "15.04",
        "Samtale i jobcentret",
        "Meeting at the job centre",
        "Jobcenter Eksempelby, Prøvevej 1",
    ),
    (
        KOMMUNE,
        "27.01",
        "Visitationsbesøg",
        "Assessment visit",
        "Hjemme hos dig",
    ),
];

/// Deadlines that were met: provider, classification, titles, action.
const DEADLINES: &[(&str, &str, &str, &str, &str)] = &[
    (
        SKAT,
        "85.02",
        "Ret din årsopgørelse",
        "Correct your tax statement",
        "Ret årsopgørelsen, hvis noget mangler",
    ),
    (
        SKAT,
        "85.01",
        "Ret din forskudsopgørelse",
        "Correct your tax assessment",
        "Ret forskudsopgørelsen",
    ),
    (
        KOMMUNE,
        "25.07",
        "Betal regningen",
        "Pay the bill",
        "Betal regningen fra kommunen",
    ),
    (
        BIBLIOTEK,
        "95.01.02",
        "Aflever lånte bøger",
        "Return borrowed books",
        "Aflever eller forny dine bøger",
    ),
    (
        MOTOR,
        "90.02",
        "Syn af bil",
        "Vehicle inspection",
        "Få bilen synet hos et synsfirma",
    ),
    (
        CPR,
        "16.07",
        "Hent dit pas",
        "Collect your passport",
        "Hent dit nye pas i Borgerservice",
    ),
];

/// Look-ups authorities reported: provider, classification, organisation, system, what, purpose.
const LOOK_UPS: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        SKAT,
        "85",
        "Skattestyrelsen (demo)",
        "Skattemappen",
        "Indkomstoplysninger",
        "Kontrol af forskudsopgørelse",
    ),
    (
        UDBETALING,
        "87",
        "Udbetaling Danmark (demo)",
        "Ydelsessystemet",
        "Indkomst og formue",
        "Beregning af ydelse",
    ),
    (
        KOMMUNE,
        "27",
        "Eksempelby Kommune",
        "Omsorgssystemet",
        "Helbredsoplysninger",
        "Visitation",
    ),
    (
        REGION,
        "89",
        "Region Demo",
        "Sundhedsplatformen",
        "Journal",
        "Behandling",
    ),
    (
        GAELD,
        "86",
        "Gældsstyrelsen (demo)",
        "Inddrivelse",
        "Gæld og indkomst",
        "Kontrol af betalingsevne",
    ),
];

/// Adds the citizen's past to `b`: `moved_days` ago they moved to their current address.
pub(crate) fn past(b: &mut Builder, rng: &mut StdRng, situation: Situation, moved_days: i64) {
    addresses(b, rng, moved_days);
    tax_years(b, rng);
    let days = i64::from(MONTHS) * 30;
    for _ in 0..rng.gen_range(40..80) {
        let (provider, code, category, da, en, sender) = *POST.choose(rng).expect("post");
        let date = -rng.gen_range(1..days);
        b.add_changed(
            provider,
            "document",
            code,
            text(da, en),
            json!({"category": category, "date": b.date(date), "sender": sender}),
            date,
        );
    }
    for _ in 0..rng.gen_range(6..16) {
        let (provider, code, da, en, place) = *APPOINTMENTS.choose(rng).expect("appointments");
        let (day, hour) = (-rng.gen_range(2..days), rng.gen_range(8..15));
        b.add_changed(
            provider,
            "appointment",
            code,
            text(da, en),
            json!({"start": b.at(day, hour, 0), "end": b.at(day, hour, 30), "place": place}),
            day,
        );
    }
    for _ in 0..rng.gen_range(4..12) {
        let (provider, code, da, en) = *CASES.choose(rng).expect("cases");
        closed_case(b, rng, provider, code, (da, en), days);
    }
    for _ in 0..rng.gen_range(8..22) {
        let (provider, code, da, en, action) = *DEADLINES.choose(rng).expect("deadlines");
        let due = -rng.gen_range(3..days);
        b.add_changed(
            provider,
            "deadline",
            code,
            text(da, en),
            json!({"due": b.date(due), "action": action, "done": true}),
            due - rng.gen_range(1..3),
        );
    }
    for _ in 0..rng.gen_range(6..18) {
        let (provider, code, organisation, system, what, purpose) =
            *LOOK_UPS.choose(rng).expect("look-ups");
        let day = -rng.gen_range(1..days);
        b.add_changed(
            provider,
            "access_event",
            code,
            text("Opslag i dine oplysninger", "Look-up in your data"),
            json!({"organisation": organisation, "system": system, "at": b.at(day, 11, 20),
                   "what": what, "purpose": purpose}),
            day,
        );
    }
    money(b, rng, situation);
}

/// Earlier addresses, each ending the day the next began.
fn addresses(b: &mut Builder, rng: &mut StdRng, moved_days: i64) {
    let mut until = -moved_days;
    for _ in 0..rng.gen_range(1..=3) {
        let from = until - rng.gen_range(300..2500);
        let address = format!(
            "{} {}",
            ["Gammelvej", "Fortidsgade", "Tidligere Allé"][rng.gen_range(0..3)],
            rng.gen_range(1..90)
        );
        let (valid_from, valid_until) = (b.date(from), b.date(until - 1));
        let fact = b.fact(
            CPR,
            "93.02",
            "address",
            text("Tidligere adresse", "Earlier address"),
            &[("Adresse", "Address", address)],
        );
        fact["details"]["valid_from"] = json!(valid_from);
        fact["details"]["valid_until"] = json!(valid_until);
        until = from;
    }
}

/// The tax statement, assessment and settlement of each of the last five years.
fn tax_years(b: &mut Builder, rng: &mut StdRng) {
    let year = b.today.year();
    for back in 2..7 {
        let income_year = year - back;
        let statement = -365 * i64::from(back - 1) - rng.gen_range(200..240);
        b.add_changed(SKAT, "document", "85.02",
            text(&format!("Årsopgørelse {income_year}"), &format!("Annual tax statement {income_year}")),
            json!({"category": "document", "date": b.date(statement), "sender": "Skattestyrelsen (demo)"}), statement);
        let assessment = statement - 485;
        b.add_changed(SKAT, "document", "85.01",
            text(&format!("Forskudsopgørelse {income_year}"), &format!("Tax assessment {income_year}")),
            json!({"category": "message", "date": b.date(assessment), "sender": "Skattestyrelsen (demo)"}), assessment);
        let amount = rng.gen_range(200..9_000);
        let (title, direction) = if rng.gen_bool(0.7) {
            (text("Overskydende skat", "Tax refund"), "to_citizen")
        } else {
            (text("Restskat", "Unpaid tax"), "from_citizen")
        };
        let paid = statement + 30;
        b.add_changed(SKAT, "payment", "85.02", title,
            json!({"date": b.date(paid), "direction": direction, "gross": amount, "tax": 0, "net": amount, "payment_status": "paid"}), paid);
    }
}

/// Monthly money to and from the citizen, as their situation has it.
fn money(b: &mut Builder, rng: &mut StdRng, situation: Situation) {
    let working_age = !matches!(situation, Situation::Pensioner | Situation::Student);
    if working_age && rng.gen_bool(0.75) {
        monthly_bill(
            b,
            A_KASSE,
            "88.06",
            text("Kontingent til a-kassen", "A-kasse membership fee"),
            489,
            MONTHS,
        );
    }
    match situation {
        Situation::Family => {
            monthly_bill(
                b,
                KOMMUNE,
                "28.15",
                text("Forældrebetaling for børnehave", "Kindergarten fee"),
                2_650,
                36,
            );
            if rng.gen_bool(0.5) {
                let months = rng.gen_range(6..12);
                b.monthly_benefit(
                    UDBETALING,
                    "87.06",
                    text("Barselsdagpenge", "Parental benefit"),
                    Monthly {
                        gross_kr: 18_900,
                        tax_pct: 38,
                        granted_months: months,
                        paid_months: months,
                        ended_months_ago: rng.gen_range(36..MONTHS - months),
                    },
                );
            }
        }
        Situation::Debtor => {
            monthly_bill(
                b,
                GAELD,
                "86.01",
                text("Afdrag på gæld", "Instalment on debt"),
                1_500,
                24,
            );
        }
        Situation::Student => {
            let months = rng.gen_range(8..20);
            b.monthly_benefit(
                UDDANNELSE,
                "94.01",
                text(
                    "SU på ungdomsuddannelse",
                    "Grant for upper secondary school",
                ),
                Monthly {
                    gross_kr: 3_500,
                    tax_pct: 0,
                    granted_months: months,
                    paid_months: months,
                    ended_months_ago: rng.gen_range(37..MONTHS - months),
                },
            );
        }
        Situation::Worker | Situation::Farmer | Situation::Unemployed if rng.gen_bool(0.35) => {
            let months = rng.gen_range(3..12);
            b.monthly_benefit(
                A_KASSE,
                "88.02",
                text("Dagpenge", "Unemployment benefit"),
                Monthly {
                    gross_kr: 19_728,
                    tax_pct: 38,
                    granted_months: months,
                    paid_months: months,
                    ended_months_ago: rng.gen_range(20..MONTHS - months),
                },
            );
        }
        _ => {}
    }
}

/// A bill the citizen has paid on the first of each of the last `months` months.
fn monthly_bill(
    b: &mut Builder,
    provider: &'static str,
    code: &str,
    title: serde_json::Value,
    kr: i64,
    months: u32,
) {
    let this_month = b.today.with_day(1).unwrap_or(b.today);
    for back in (1..=months).rev() {
        let date = this_month
            .checked_sub_months(chrono::Months::new(back))
            .unwrap_or(this_month);
        let days = (date - b.today).num_days();
        b.add_changed(provider, "payment", code, title.clone(),
            json!({"date": b.date(days), "direction": "from_citizen", "gross": kr, "tax": 0, "net": kr, "payment_status": "paid"}), days);
    }
}

/// A case opened within the last `days` days and decided, with its whole course.
fn closed_case(
    b: &mut Builder,
    rng: &mut StdRng,
    provider: &'static str,
    code: &str,
    (da, en): (&str, &str),
    days: i64,
) {
    let opened = -rng.gen_range(90..days);
    let started = opened + rng.gen_range(1..10);
    let mut history = vec![
        json!({"status": text("Modtaget", "Received"), "at": b.at(opened, 10, 12)}),
        json!({"status": text("Under behandling", "In progress"), "at": b.at(started, 13, 30)}),
    ];
    let mut decided = started + rng.gen_range(5..40);
    if rng.gen_bool(0.3) {
        history.push(
            json!({"status": text("Afventer dig", "Waiting for you"), "at": b.at(decided, 9, 45)}),
        );
        decided += rng.gen_range(3..20);
        history.push(
            json!({"status": text("Under behandling", "In progress"), "at": b.at(decided, 14, 0)}),
        );
        decided += rng.gen_range(2..15);
    }
    history.push(
        json!({"status": text("Afgjort", "Decided"), "at": b.at(decided, 11, 0), "final": true}),
    );
    let details = json!({
        "case_worker": "Sagsbehandler Demo", "org_unit": "Borgerservice",
        "status_history": history,
        "decision": {"text": "Du har fået bevilget det, du søgte om.", "date": b.date(decided), "appeal_by": b.date(decided + 28)},
        "journal": [
            {"title": "Ansøgning modtaget", "date": b.date(opened)},
            {"title": "Sagen er oplyst", "date": b.date(started)},
            {"title": "Afgørelse sendt", "date": b.date(decided)},
        ],
        "documents": [
            {"title": "Kvittering for ansøgning", "date": b.date(opened)},
            {"title": "Afgørelse", "date": b.date(decided)},
        ],
    });
    let record = b.add_changed(provider, "case", code, text(da, en), details, decided);
    record["status"] = text("Afgjort", "Decided");
}
