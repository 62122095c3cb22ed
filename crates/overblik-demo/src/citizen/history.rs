//! A citizen's past: five years of what authorities keep after it is over.
//!
//! Everything here lies behind today, so it adds to the citizen's records and areas without
//! adding to what needs their attention.

use super::{Builder, Monthly};
use crate::Situation;
use crate::country::{Grant, Of, Payment, whole};
use chrono::Datelike;
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde_json::json;

/// How far back the past goes, in months.
const MONTHS: u32 = 60;

/// Adds the citizen's past to `b`: `moved_days` ago they moved to their current address.
pub(crate) fn past(b: &mut Builder, rng: &mut StdRng, situation: Situation, moved_days: i64) {
    let d = &b.data.past;
    addresses(b, rng, moved_days);
    tax_years(b, rng);
    let days = i64::from(MONTHS) * 30;
    for _ in 0..rng.gen_range(40..80) {
        let letter = d.post.choose(rng).expect("post");
        let date = -rng.gen_range(1..days);
        let details = b.letter_details(letter, date);
        b.add_changed(&letter.of, "document", details, date);
    }
    for _ in 0..rng.gen_range(6..16) {
        let meeting = d.appointments.choose(rng).expect("appointments");
        let (day, hour) = (-rng.gen_range(2..days), rng.gen_range(8..15));
        let details = b.meeting_details(meeting, day, (hour, 0), 30);
        b.add_changed(&meeting.of, "appointment", details, day);
    }
    for _ in 0..rng.gen_range(4..12) {
        let case = d.cases.choose(rng).expect("cases");
        closed_case(b, rng, case, days);
    }
    for _ in 0..rng.gen_range(8..22) {
        let task = d.deadlines.choose(rng).expect("deadlines");
        let due = -rng.gen_range(3..days);
        let mut details = b.task_details(task, due);
        details["done"] = json!(true);
        b.add_changed(&task.of, "deadline", details, due - rng.gen_range(1..3));
    }
    for _ in 0..rng.gen_range(6..18) {
        let look_up = d.look_ups.choose(rng).expect("look-ups");
        let day = -rng.gen_range(1..days);
        let details = b.look_up_details(look_up, day, (11, 20));
        b.add_changed(&look_up.of, "access_event", details, day);
    }
    money(b, rng, situation);
}

/// Earlier addresses, each ending the day the next began.
fn addresses(b: &mut Builder, rng: &mut StdRng, moved_days: i64) {
    let mut until = -moved_days;
    for _ in 0..rng.gen_range(1..=3) {
        let from = until - rng.gen_range(300..2500);
        let address = (b.data.people.earlier_address)(rng);
        let (valid_from, valid_until) = (b.date(from), b.date(until - 1));
        let fact = &mut b.fact(&b.data.past.earlier_address, [address])["details"];
        fact["valid_from"] = json!(valid_from);
        fact["valid_until"] = json!(valid_until);
        until = from;
    }
}

/// The tax letters and settlement of each of the last five years.
fn tax_years(b: &mut Builder, rng: &mut StdRng) {
    let (resident, past) = (&b.data.resident, &b.data.past);
    let year = b.today.year();
    for back in 2..7 {
        let income_year = year - back;
        let statement = -365 * i64::from(back - 1) - rng.gen_range(200..240);
        b.yearly_letter(&resident.tax_statement, income_year, statement, statement);
        let assessment = statement - 485;
        b.yearly_letter(
            &resident.tax_assessment,
            income_year,
            assessment,
            assessment,
        );
        let amount: i32 = rng.gen_range(200..9_000);
        let (of, direction) = if rng.gen_bool(0.7) {
            (&past.tax_refund, "to_citizen")
        } else {
            (&past.tax_paid, "from_citizen")
        };
        let paid = statement + 30;
        let details = b.payment_details(whole(i64::from(amount)), paid, direction, "paid");
        b.add_changed(of, "payment", details, paid);
    }
}

/// Monthly money to and from the citizen, as their situation has it.
fn money(b: &mut Builder, rng: &mut StdRng, situation: Situation) {
    let d = b.data;
    let working_age = !matches!(situation, Situation::Pensioner | Situation::Student);
    if working_age && rng.gen_bool(0.75) {
        monthly_bill(b, &d.unemployed.monthly_bill, MONTHS);
    }
    match situation {
        Situation::Family => {
            monthly_bill(b, &d.family.daycare_fee, 36);
            if rng.gen_bool(0.5) {
                let months = rng.gen_range(6..12);
                let ended = rng.gen_range(36..MONTHS - months);
                ended_benefit(b, &d.family.parental_benefit, months, ended);
            }
        }
        Situation::Debtor => monthly_bill(b, &d.debtor.instalment, 24),
        Situation::Student => {
            let months = rng.gen_range(8..20);
            let ended = rng.gen_range(37..MONTHS - months);
            ended_benefit(b, &d.student.school_grant, months, ended);
        }
        Situation::Worker | Situation::Farmer | Situation::Unemployed if rng.gen_bool(0.35) => {
            let months = rng.gen_range(3..12);
            let ended = rng.gen_range(20..MONTHS - months);
            ended_benefit(b, &d.unemployed.benefit, months, ended);
        }
        _ => {}
    }
}

/// A benefit paid for `months` months that ended `ended` months ago.
fn ended_benefit(b: &mut Builder, grant: &Grant, months: u32, ended: u32) {
    b.monthly_benefit(
        grant,
        Monthly {
            granted_months: months,
            paid_months: months,
            ended_months_ago: ended,
        },
    );
}

/// A bill the citizen has paid on the first of each of the last `months` months.
fn monthly_bill(b: &mut Builder, bill: &Payment, months: u32) {
    let this_month = b.today.with_day(1).unwrap_or(b.today);
    for back in (1..=months).rev() {
        let date = this_month
            .checked_sub_months(chrono::Months::new(back))
            .unwrap_or(this_month);
        let days = (date - b.today).num_days();
        let details = b.payment_details(bill.amount, days, "from_citizen", "paid");
        b.add_changed(&bill.of, "payment", details, days);
    }
}

/// A case opened within the last `days` days and decided, with its whole course.
fn closed_case(b: &mut Builder, rng: &mut StdRng, of: &Of, days: i64) {
    let words = &b.data.case;
    let opened = -rng.gen_range(90..days);
    let started = opened + rng.gen_range(1..10);
    let mut history = vec![
        json!({"status": b.words(words.received), "at": b.at(opened, 10, 12)}),
        json!({"status": b.words(words.in_progress), "at": b.at(started, 13, 30)}),
    ];
    let mut decided = started + rng.gen_range(5..40);
    if rng.gen_bool(0.3) {
        history.push(json!({"status": b.words(words.waiting_for_you), "at": b.at(decided, 9, 45)}));
        decided += rng.gen_range(3..20);
        history.push(json!({"status": b.words(words.in_progress), "at": b.at(decided, 14, 0)}));
        decided += rng.gen_range(2..15);
    }
    history
        .push(json!({"status": b.words(words.decided), "at": b.at(decided, 11, 0), "final": true}));
    let details = json!({
        "case_worker": words.case_worker, "org_unit": words.org_unit,
        "status_history": history,
        "decision": {"text": words.granted, "date": b.date(decided), "appeal_by": b.date(decided + 28)},
        "journal": [
            {"title": words.application_received, "date": b.date(opened)},
            {"title": words.case_informed, "date": b.date(started)},
            {"title": words.decision_sent, "date": b.date(decided)},
        ],
        "documents": [
            {"title": words.receipt, "date": b.date(opened)},
            {"title": words.decision, "date": b.date(decided)},
        ],
    });
    let status = b.words(words.decided);
    b.add_changed(of, "case", details, decided)["status"] = status;
}
