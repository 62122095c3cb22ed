//! "What needs your attention": the part of the overview that comes first.

use crate::{COMING_DAYS, Moment};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use overblik_model::record::{Actor, DebtStatus, Direction, PaymentStatus};
use overblik_model::values::{Currency, Money};
use overblik_model::{RecordDetails, RecordId};
use overblik_store::SubjectSummary;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Why an item needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttentionKind {
    /// A deadline that has passed without being met.
    OverdueDeadline,
    /// Money the citizen owes that is past its due date.
    OverduePayment,
    /// A case waiting for something from the citizen.
    WaitingForYou,
    /// A deadline in the coming weeks.
    Deadline,
    /// An appointment in the coming weeks.
    Appointment,
    /// Money the citizen owes that falls due in the coming weeks.
    PaymentDue,
}

impl AttentionKind {
    /// Late, or blocked until the citizen acts.
    pub fn is_pressing(self) -> bool {
        matches!(
            self,
            AttentionKind::OverdueDeadline
                | AttentionKind::OverduePayment
                | AttentionKind::WaitingForYou
        )
    }
}

/// One thing that needs the citizen's attention.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct AttentionItem {
    pub kind: AttentionKind,
    #[schema(value_type = String, format = Uuid)]
    pub record: RecordId,
    pub title: String,
    /// The title's BCP 47 language tag when it is not in the reader's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_language: Option<String>,
    /// The day it is due or takes place.
    pub date: Option<NaiveDate>,
    /// The amount owed, for payments and debts.
    pub amount: Option<Money>,
}

/// What needs the citizen's attention, most urgent first.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Attention {
    pub items: Vec<AttentionItem>,
    /// All the citizen owes now, overdue payments and outstanding debts, one sum per
    /// currency (none when nothing is owed).
    pub total_owed: Vec<Money>,
    /// Records that arrived since the citizen's last visit.
    #[schema(value_type = Vec<String>)]
    pub changed_since_last_visit: Vec<RecordId>,
}

pub(crate) fn attention(summary: &SubjectSummary, moment: Moment) -> Attention {
    let soon = moment.today + Duration::days(COMING_DAYS);
    let mut items = Vec::new();
    let mut total_owed: BTreeMap<Currency, i64> = BTreeMap::new();
    // The store hands over only records whose attention span reaches `moment.now`: these
    // rules must never list a record whose span does not.
    for stored in &summary.may_need_attention {
        let item = |kind, date, amount: Option<Money>| {
            let (title, language) = stored.record.title_shown(moment.language);
            AttentionItem {
                kind,
                record: stored.id,
                title: title.to_owned(),
                title_language: language.map(str::to_owned),
                date,
                amount,
            }
        };
        match &stored.record.details {
            RecordDetails::Deadline(deadline) if !deadline.done => {
                let due = deadline.due.get();
                if due < moment.today {
                    items.push(item(AttentionKind::OverdueDeadline, Some(due), None));
                } else if due <= soon {
                    items.push(item(AttentionKind::Deadline, Some(due), None));
                }
            }
            RecordDetails::Appointment(appointment) => {
                let end = appointment.end.get();
                let start_day = local_day(appointment.start.get());
                if end >= moment.now && start_day <= soon {
                    items.push(item(AttentionKind::Appointment, Some(start_day), None));
                }
            }
            RecordDetails::Payment(payment) if payment.direction == Direction::FromCitizen => {
                let date = payment.date.get();
                let amount = payment.amounts.net;
                if is_overdue(payment.payment_status)
                    || (payment.payment_status == PaymentStatus::Upcoming && date < moment.today)
                {
                    *total_owed.entry(amount.currency()).or_default() += amount.minor();
                    items.push(item(
                        AttentionKind::OverduePayment,
                        Some(date),
                        Some(amount),
                    ));
                } else if payment.payment_status == PaymentStatus::Upcoming && date <= soon {
                    items.push(item(AttentionKind::PaymentDue, Some(date), Some(amount)));
                }
            }
            // A paid or cancelled debt is not owed. A disputed one is, until the dispute is
            // settled: it counts in what is owed but is not pressed as due or overdue while the
            // creditor holds back. One paid by direct debit is counted and shown as due on its
            // coming date, but never as overdue: the money is taken on the day.
            RecordDetails::Debt(debt) if debt.debt_status.is_owed() => {
                *total_owed.entry(debt.outstanding.currency()).or_default() +=
                    debt.outstanding.minor();
                // A credit note (nothing or less than nothing outstanding) is owed to the
                // citizen, not by them: it lowers the total and asks for nothing.
                if debt.debt_status == DebtStatus::InDispute || debt.outstanding.minor() <= 0 {
                    continue;
                }
                let may_be_overdue = debt.debt_status.may_be_overdue();
                let due = debt.due.get();
                let next_instalment = debt
                    .instalments
                    .iter()
                    .filter(|instalment| !instalment.paid)
                    .map(|instalment| instalment.date.get())
                    .min();
                match next_instalment {
                    Some(date) if date < moment.today && !may_be_overdue => {}
                    Some(date) if date < moment.today => {
                        items.push(item(
                            AttentionKind::OverduePayment,
                            Some(date),
                            Some(debt.outstanding),
                        ));
                    }
                    Some(date) if date <= soon => {
                        items.push(item(
                            AttentionKind::PaymentDue,
                            Some(date),
                            Some(debt.outstanding),
                        ));
                    }
                    Some(_) => {}
                    None if due < moment.today && !may_be_overdue => {}
                    None if due < moment.today => {
                        items.push(item(
                            AttentionKind::OverduePayment,
                            Some(due),
                            Some(debt.outstanding),
                        ));
                    }
                    None if due <= soon => {
                        items.push(item(
                            AttentionKind::PaymentDue,
                            Some(due),
                            Some(debt.outstanding),
                        ));
                    }
                    None => {}
                }
            }
            RecordDetails::Case(case) => {
                let open = case
                    .status_history
                    .last()
                    .is_some_and(|status| !status.is_final);
                let waiting = case
                    .next_step
                    .as_ref()
                    .filter(|step| step.actor == Actor::Citizen);
                if let (true, Some(step)) = (open, waiting) {
                    items.push(item(
                        AttentionKind::WaitingForYou,
                        step.due.map(|due| due.get()),
                        None,
                    ));
                }
            }
            _ => {}
        }
    }
    // What is already late or waits on the citizen first, then the rest by date.
    items.sort_by_key(|item| (!item.kind.is_pressing(), item.date, item.kind));
    let changed_since_last_visit = match moment.last_visit {
        Some(_) => summary.changed_since.clone(),
        None => Vec::new(),
    };
    Attention {
        items,
        total_owed: total_owed
            .into_iter()
            .filter(|(_, minor)| *minor > 0)
            .map(|(currency, minor)| Money::new(minor, currency))
            .collect(),
        changed_since_last_visit,
    }
}

fn is_overdue(status: PaymentStatus) -> bool {
    matches!(
        status,
        PaymentStatus::Overdue
            | PaymentStatus::SentToCollection
            | PaymentStatus::PartlyPaidOverdue
            | PaymentStatus::PartlyPaidSentToCollection
    )
}

/// The calendar day of a moment where the deployment is, where citizens keep their appointments.
fn local_day(at: DateTime<Utc>) -> NaiveDate {
    overblik_model::Country::current().today(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{TODAY, now, record, stored};
    use overblik_model::Language;
    use serde_json::json;

    fn moment(last_visit: Option<&str>) -> Moment {
        Moment {
            now: now(),
            today: TODAY.parse().expect("a date"),
            last_visit: last_visit.map(|at| at.parse().expect("a time")),
            language: Language::En,
        }
    }

    /// The attention over all of `records`, as a store would summarise them at the moment.
    fn attention(records: &[overblik_store::StoredRecord], moment: Moment) -> Attention {
        let summary = SubjectSummary::of(records, moment.now, moment.last_visit);
        super::attention(&summary, moment)
    }

    fn kinds(attention: &Attention) -> Vec<(AttentionKind, Option<String>)> {
        attention
            .items
            .iter()
            .map(|item| (item.kind, item.date.map(|d| d.to_string())))
            .collect()
    }

    #[test]
    fn deadlines_and_appointments_in_the_coming_weeks_need_attention() {
        let records = stored(vec![
            record(
                "deadline",
                "85",
                json!({"due": "2026-12-01", "action": "Send payslips"}),
            ),
            record(
                "deadline",
                "85.01",
                json!({"due": "2026-11-20", "action": "Too late"}),
            ),
            record(
                "deadline",
                "85.02",
                json!({"due": "2027-03-01", "action": "Far away"}),
            ),
            record(
                "deadline",
                "85.03",
                json!({"due": "2026-11-25", "action": "Done already", "done": true}),
            ),
            record(
                "appointment",
                "89.02",
                json!({"start": "2026-12-03T09:00:00+01:00", "end": "2026-12-03T09:30:00+01:00", "place": "Hospital"}),
            ),
            record(
                "appointment",
                "89.01",
                json!({"start": "2026-11-22T09:00:00+01:00", "end": "2026-11-22T09:30:00+01:00", "place": "Yesterday"}),
            ),
        ]);
        let attention = attention(&records, moment(None));
        assert_eq!(
            kinds(&attention),
            [
                (
                    AttentionKind::OverdueDeadline,
                    Some("2026-11-20".to_owned())
                ),
                (AttentionKind::Deadline, Some("2026-12-01".to_owned())),
                (AttentionKind::Appointment, Some("2026-12-03".to_owned())),
            ]
        );
        assert_eq!(
            attention.items[1].title, "Tax",
            "the catalogue's title when the provider gives none"
        );
    }

    #[test]
    fn pressing_items_come_first_then_the_rest_by_date() {
        let records = stored(vec![
            record(
                "deadline",
                "85",
                json!({"due": "2026-12-08", "action": "Later"}),
            ),
            record(
                "appointment",
                "89.02",
                json!({"start": "2026-12-01T09:00:00+01:00", "end": "2026-12-01T09:30:00+01:00", "place": "Sooner"}),
            ),
            record(
                "case",
                "15.04",
                json!({"status_history": [{"status": {"en": "Waiting"}, "at": "2026-11-01T10:00:00Z"}],
                "next_step": {"text": {"en": "Answer us"}, "actor": "citizen", "due": "2026-12-20"}}),
            ),
        ]);
        let order: Vec<AttentionKind> = attention(&records, moment(None))
            .items
            .iter()
            .map(|item| item.kind)
            .collect();
        assert_eq!(
            order,
            [
                AttentionKind::WaitingForYou,
                AttentionKind::Appointment,
                AttentionKind::Deadline
            ]
        );
    }

    #[test]
    fn money_owed_is_summed_and_due_payments_listed() {
        let records = stored(vec![
            record(
                "payment",
                "25.07",
                json!({"date": "2026-10-01", "direction": "from_citizen", "gross": 2650, "tax": 0, "net": 2650, "payment_status": "sent_to_collection"}),
            ),
            record(
                "payment",
                "28.15",
                json!({"date": "2026-12-01", "direction": "from_citizen", "gross": 2650, "tax": 0, "net": 2650, "payment_status": "upcoming"}),
            ),
            record(
                "payment",
                "87.01",
                json!({"date": "2026-12-01", "direction": "to_citizen", "gross": 1000, "tax": 370, "net": 630, "payment_status": "upcoming"}),
            ),
            record(
                "debt",
                "86.01",
                json!({"creditor": "Skat", "principal": 1000, "interest": 50, "fees": 0, "outstanding": 700.5,
                "due": "2026-10-01", "debt_status": "instalments", "instalments": [{"date": "2026-11-01", "amount": 300, "paid": true}, {"date": "2026-12-01", "amount": 300}]}),
            ),
            record(
                "debt",
                "86.02",
                json!({"creditor": "Skat", "principal": 10, "interest": 0, "fees": 0, "outstanding": 0, "due": "2026-10-01", "debt_status": "paid"}),
            ),
        ]);
        let attention = attention(&records, moment(None));
        assert_eq!(
            attention.total_owed,
            vec![Money::new(265_000 + 70_050, Currency::DKK)]
        );
        assert_eq!(
            kinds(&attention),
            [
                (AttentionKind::OverduePayment, Some("2026-10-01".to_owned())),
                (AttentionKind::PaymentDue, Some("2026-12-01".to_owned())),
                (AttentionKind::PaymentDue, Some("2026-12-01".to_owned())),
            ]
        );
    }

    #[test]
    fn what_is_owed_is_summed_per_currency_and_a_credit_note_lowers_it() {
        let euros = |amount: f64| json!({"amount": amount, "currency": "EUR"});
        let records = stored(vec![
            record(
                "payment",
                "25.07",
                json!({"date": "2026-10-01", "direction": "from_citizen", "gross": 100, "tax": 0, "net": 100, "payment_status": "overdue"}),
            ),
            record(
                "debt",
                "86.01",
                json!({"creditor": "Gemeente", "principal": euros(80.0), "interest": euros(0.0), "fees": euros(0.0),
                "outstanding": euros(80.0), "due": "2026-10-01", "debt_status": "overdue"}),
            ),
            record(
                "debt",
                "86.02",
                json!({"creditor": "Gemeente", "principal": euros(-30.0), "interest": euros(0.0), "fees": euros(0.0),
                "outstanding": euros(-30.0), "due": "2026-10-01", "debt_status": "open"}),
            ),
        ]);
        let attention = attention(&records, moment(None));
        assert_eq!(
            attention.total_owed,
            vec![
                Money::new(10_000, Currency::DKK),
                Money::new(5_000, Currency::EUR)
            ]
        );
        // The credit note asks nothing of the citizen.
        assert_eq!(
            kinds(&attention),
            [
                (AttentionKind::OverduePayment, Some("2026-10-01".to_owned())),
                (AttentionKind::OverduePayment, Some("2026-10-01".to_owned())),
            ]
        );
    }

    #[test]
    fn a_cancelled_debt_is_not_owed_a_disputed_one_not_pressed_a_direct_debit_never_overdue() {
        let debt = |code: &str, status: &str, due: &str, outstanding: i64| {
            record(
                "debt",
                code,
                json!({"creditor": "Gemeente", "principal": outstanding, "interest": 0, "fees": 0,
                "outstanding": outstanding, "due": due, "debt_status": status}),
            )
        };
        let records = stored(vec![
            debt("86.01", "cancelled", "2026-10-01", 500),
            debt("86.02", "in_dispute", "2026-10-01", 200),
            debt("86.03", "direct_debit", "2026-12-01", 100),
            debt("86.04", "direct_debit", "2026-11-01", 50),
            record(
                "contact",
                "86",
                json!({"channel": "phone", "direction": "from_citizen", "at": "2026-11-20T10:00:00Z", "summary": "Disputed the bill"}),
            ),
        ]);
        let attention = attention(&records, moment(None));
        assert_eq!(
            attention.total_owed,
            vec![Money::new(20_000 + 10_000 + 5_000, Currency::DKK)]
        );
        assert_eq!(
            kinds(&attention),
            [(AttentionKind::PaymentDue, Some("2026-12-01".to_owned()))]
        );
    }

    #[test]
    fn open_cases_waiting_for_the_citizen_need_attention() {
        let status = |text: &str, is_final: bool| json!({"status": {"en": text}, "at": "2026-11-01T10:00:00Z", "final": is_final});
        let records = stored(vec![
            record(
                "case",
                "15.04",
                json!({"status_history": [status("Waiting for you", false)],
                "next_step": {"text": {"en": "Send documents"}, "actor": "citizen", "due": "2026-11-30"}}),
            ),
            record(
                "case",
                "02.34",
                json!({"status_history": [status("In progress", false)],
                "next_step": {"text": {"en": "We decide"}, "actor": "authority"}}),
            ),
            record(
                "case",
                "02.34.02",
                json!({"status_history": [status("Closed", true)],
                "next_step": {"text": {"en": "Nothing"}, "actor": "citizen"}}),
            ),
        ]);
        let attention = attention(&records, moment(None));
        assert_eq!(
            kinds(&attention),
            [(AttentionKind::WaitingForYou, Some("2026-11-30".to_owned()))]
        );
    }

    #[test]
    fn what_arrived_since_the_last_visit_is_named() {
        let records = stored(vec![record(
            "deadline",
            "85",
            json!({"due": "2027-06-01", "action": "Later"}),
        )]);
        assert_eq!(
            attention(&records, moment(Some("2026-11-19T00:00:00Z"))).changed_since_last_visit,
            [records[0].id]
        );
        assert!(
            attention(&records, moment(Some("2026-11-21T00:00:00Z")))
                .changed_since_last_visit
                .is_empty()
        );
        assert!(
            attention(&records, moment(None))
                .changed_since_last_visit
                .is_empty()
        );
    }

    #[test]
    fn appointment_days_are_danish_days() {
        let late_evening: DateTime<Utc> = "2026-12-03T23:30:00Z".parse().expect("a time");
        assert_eq!(local_day(late_evening).to_string(), "2026-12-04");
        let summer_evening: DateTime<Utc> = "2026-07-03T22:30:00Z".parse().expect("a time");
        assert_eq!(local_day(summer_evening).to_string(), "2026-07-04");
        let summer_before: DateTime<Utc> = "2026-07-03T21:30:00Z".parse().expect("a time");
        assert_eq!(local_day(summer_before).to_string(), "2026-07-03");
    }
}
