//! The overview at a glance, above everything else: the next payment to the citizen and its
//! amount, what they owe in all, their next appointment and how many of their cases are open.

use crate::Attention;
use crate::attention::AttentionKind;
use chrono::NaiveDate;
use overblik_model::record::{Provision, RecordDetails};
use overblik_model::{Money, RecordId};
use overblik_store::StoredRecord;

/// The four facts at the top of the overview.
#[derive(Debug, Clone, PartialEq)]
pub struct Glance {
    /// The soonest planned payment of a benefit, from today on.
    pub next_payment: Option<Dated>,
    /// All the citizen owes, one sum per currency.
    pub total_owed: Vec<Money>,
    /// The soonest appointment that needs attention.
    pub next_appointment: Option<Dated>,
    /// Cases whose latest status is not final.
    pub open_cases: usize,
}

/// A record's day, and the amount where there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    pub record: RecordId,
    pub date: NaiveDate,
    pub amount: Option<Money>,
}

/// The glance at `today`, from what needs attention and the citizen's standing records
/// (their benefits and cases).
pub fn glance(attention: &Attention, standing: &[StoredRecord], today: NaiveDate) -> Glance {
    let next_payment = standing
        .iter()
        .filter_map(|stored| match &stored.record.details {
            RecordDetails::Benefit(benefit) => match &benefit.provision {
                Provision::Money(money) => money
                    .payment_plan
                    .iter()
                    .filter(|planned| planned.date.get() >= today)
                    .map(|planned| Dated {
                        record: stored.id,
                        date: planned.date.get(),
                        amount: Some(planned.amounts.net),
                    })
                    .min_by_key(|dated| dated.date),
                Provision::InKind { .. } => None,
            },
            _ => None,
        })
        .min_by_key(|dated| dated.date);
    let next_appointment = attention
        .items
        .iter()
        .filter(|item| item.kind == AttentionKind::Appointment)
        .filter_map(|item| {
            Some(Dated {
                record: item.record,
                date: item.date?,
                amount: None,
            })
        })
        .min_by_key(|dated| dated.date);
    let open_cases = standing
        .iter()
        .filter(|stored| match &stored.record.details {
            RecordDetails::Case(case) => case
                .status_history
                .last()
                .is_some_and(|status| !status.is_final),
            _ => false,
        })
        .count();
    Glance {
        next_payment,
        total_owed: attention.total_owed.clone(),
        next_appointment,
        open_cases,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{self, record, stored};
    use crate::{Moment, overview};
    use overblik_store::SubjectSummary;
    use serde_json::json;

    #[test]
    fn the_next_payment_appointment_and_open_cases_are_found() {
        let records = stored(vec![
            record(
                "benefit",
                "87.01",
                json!({"granted_from": "2024-01-01", "repayable": false, "frequency": "monthly",
                       "paid_in": "advance", "per_period": {"gross": 100, "tax": 40, "net": 60},
                       "payment_plan": [
                           {"date": "2026-11-01", "gross": 100, "tax": 40, "net": 60},
                           {"date": "2026-12-01", "gross": 110, "tax": 40, "net": 70},
                           {"date": "2027-01-01", "gross": 120, "tax": 40, "net": 80}]}),
            ),
            record(
                "appointment",
                "89.02",
                json!({"start": "2026-12-03T09:00:00+01:00", "end": "2026-12-03T09:30:00+01:00", "place": "Hospital"}),
            ),
            record(
                "case",
                "85",
                json!({"status_history": [{"status": {"da": "Modtaget", "en": "Received"}, "at": "2026-11-01T10:00:00Z", "final": false}]}),
            ),
            record(
                "case",
                "85",
                json!({"status_history": [{"status": {"da": "Afgjort", "en": "Decided"}, "at": "2026-11-01T10:00:00Z", "final": true}]}),
            ),
        ]);
        let now = fixtures::now();
        let today: NaiveDate = fixtures::TODAY.parse().expect("a day");
        let moment = Moment {
            now,
            today,
            last_visit: None,
            language: overblik_model::Language::En,
        };
        let attention = overview(&SubjectSummary::of(&records, now, None), &[], moment).attention;
        let glance = glance(&attention, &records, today);
        let payment = glance.next_payment.expect("a payment");
        assert_eq!(payment.date.to_string(), "2026-12-01");
        let amount = payment.amount.expect("an amount");
        assert_eq!(amount.written(overblik_model::Language::En), "DKK 70.00");
        assert_eq!(
            glance.next_appointment.map(|dated| dated.date.to_string()),
            Some("2026-12-03".to_owned())
        );
        assert_eq!(glance.open_cases, 1);
        assert!(glance.total_owed.is_empty());
    }
}
