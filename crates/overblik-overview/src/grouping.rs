//! What needs attention, with one authority's many bills together: a citizen with 115 open
//! invoices from their municipality sees one line with the count and the total, not 115.

use crate::{AttentionItem, AttentionKind};
use chrono::NaiveDate;
use overblik_model::{Area, Currency, Money, ProviderId};
use overblik_store::StoredRecord;
use std::collections::{BTreeMap, HashMap};

/// From how many bills of one authority and one kind on they are shown as one.
pub const GROUP_FROM: usize = 3;

/// One line of what needs attention: an item, or an authority's bills together.
#[derive(Debug, Clone, PartialEq)]
pub enum AttentionEntry<'a> {
    One(&'a AttentionItem),
    Bills(Bills),
}

/// An authority's bills of one kind (due, or overdue), together.
#[derive(Debug, Clone, PartialEq)]
pub struct Bills {
    pub provider: ProviderId,
    pub kind: AttentionKind,
    /// The area of the first of them, for the link to see them all.
    pub area: Area,
    pub count: usize,
    /// Their amounts added up, one sum per currency.
    pub total: Vec<Money>,
    /// The soonest due day among them.
    pub first_due: Option<NaiveDate>,
}

/// `items` with each authority's bills of one kind together where it has at least
/// [`GROUP_FROM`]; `records` are the records the items were worked out from. A group takes
/// the place of its first bill.
pub fn grouped<'a>(
    items: &'a [AttentionItem],
    records: &[StoredRecord],
) -> Vec<AttentionEntry<'a>> {
    let found: HashMap<_, _> = records.iter().map(|stored| (stored.id, stored)).collect();
    let bill_of = |item: &AttentionItem| {
        let is_bill = matches!(
            item.kind,
            AttentionKind::PaymentDue | AttentionKind::OverduePayment
        );
        let stored = found.get(&item.record).filter(|_| is_bill)?;
        Some((stored.provider.clone(), item.kind, stored.area()))
    };
    let mut counts: HashMap<(ProviderId, AttentionKind), usize> = HashMap::new();
    for item in items {
        if let Some((provider, kind, _)) = bill_of(item) {
            *counts.entry((provider, kind)).or_default() += 1;
        }
    }
    let mut entries: Vec<AttentionEntry<'a>> = Vec::new();
    let mut placed: HashMap<(ProviderId, AttentionKind), usize> = HashMap::new();
    let mut sums: HashMap<usize, BTreeMap<Currency, i64>> = HashMap::new();
    for item in items {
        let Some((provider, kind, area)) = bill_of(item) else {
            entries.push(AttentionEntry::One(item));
            continue;
        };
        let key = (provider.clone(), kind);
        if counts[&key] < GROUP_FROM {
            entries.push(AttentionEntry::One(item));
            continue;
        }
        let at = *placed.entry(key).or_insert_with(|| {
            entries.push(AttentionEntry::Bills(Bills {
                provider,
                kind,
                area,
                count: 0,
                total: Vec::new(),
                first_due: None,
            }));
            entries.len() - 1
        });
        if let AttentionEntry::Bills(bills) = &mut entries[at] {
            bills.count += 1;
            bills.first_due = match (bills.first_due, item.date) {
                (Some(first), Some(date)) => Some(first.min(date)),
                (first, date) => first.or(date),
            };
        }
        if let Some(amount) = item.amount {
            *sums
                .entry(at)
                .or_default()
                .entry(amount.currency())
                .or_default() += amount.minor();
        }
    }
    for (at, sum) in sums {
        if let AttentionEntry::Bills(bills) = &mut entries[at] {
            bills.total = sum
                .into_iter()
                .map(|(currency, minor)| Money::new(minor, currency))
                .collect();
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{self, record, stored};
    use crate::{Moment, overview};
    use overblik_store::SubjectSummary;
    use serde_json::json;

    #[test]
    fn an_authoritys_many_bills_are_one_line_with_their_total() {
        let bill = |due: &str, amount: i64| {
            record(
                "payment",
                "85",
                json!({"date": due, "direction": "from_citizen", "gross": amount, "tax": 0,
                       "net": amount, "payment_status": "upcoming"}),
            )
        };
        let mut records = vec![
            bill("2026-12-10", 100),
            bill("2026-12-01", 250),
            bill("2026-12-05", 50),
        ];
        records.push(record(
            "deadline",
            "85",
            json!({"due": "2026-12-02", "action": "Indsend"}),
        ));
        let records = stored(records);
        let today: NaiveDate = fixtures::TODAY.parse().expect("a day");
        let moment = Moment {
            now: fixtures::now(),
            today,
            last_visit: None,
            language: overblik_model::Language::En,
        };
        let summary = SubjectSummary::of(&records, moment.now, None);
        let attention = overview(&summary, &[], moment).attention;
        assert_eq!(attention.items.len(), 4);
        let entries = grouped(&attention.items, &summary.may_need_attention);
        assert_eq!(entries.len(), 2, "{entries:?}");
        let AttentionEntry::Bills(bills) = &entries[0] else {
            panic!("the bills come first, at the place of the soonest: {entries:?}");
        };
        assert_eq!(bills.count, 3);
        assert_eq!(bills.total, [Money::new(40_000, Currency::DKK)]);
        assert_eq!(
            bills.first_due.map(|day| day.to_string()),
            Some("2026-12-01".to_owned())
        );
        assert!(
            matches!(entries[1], AttentionEntry::One(item) if item.kind == AttentionKind::Deadline)
        );
        // Two bills stay two lines.
        let two = stored(vec![bill("2026-12-10", 100), bill("2026-12-01", 250)]);
        let summary = SubjectSummary::of(&two, moment.now, None);
        let attention = overview(&summary, &[], moment).attention;
        assert_eq!(
            grouped(&attention.items, &summary.may_need_attention).len(),
            2
        );
    }
}
