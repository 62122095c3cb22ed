//! Search across one citizen's own records.

use overblik_model::{Language, Record, RecordDetails};
use overblik_store::StoredRecord;

/// The most characters a query may have; longer ones are cut.
const MAX_QUERY_CHARS: usize = 100;

/// The citizen's records that contain every word of `query`, in the order given.
///
/// Words are matched case-insensitively against the titles in both languages, the status
/// and the texts a citizen would remember (a place, a creditor, a sender, an action, ...).
/// Only the records passed in are searched: the caller passes one citizen's records.
pub fn search<'r>(records: &'r [StoredRecord], query: &str) -> Vec<&'r StoredRecord> {
    let query: String = query
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect::<String>()
        .to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    records
        .iter()
        .filter(|stored| {
            let text = searchable_text(&stored.record);
            words.iter().all(|word| text.contains(word))
        })
        .collect()
}

/// The record's searchable texts, lower-cased and joined.
fn searchable_text(record: &Record) -> String {
    let mut texts: Vec<&str> = vec![
        record.title_in(Language::Da),
        record.title_in(Language::En),
        record.classification.as_str(),
    ];
    if let Some(status) = &record.status {
        texts.extend([status.get(Language::Da), status.get(Language::En)]);
    }
    match &record.details {
        RecordDetails::Case(case) => {
            texts.extend(
                case.status_history
                    .iter()
                    .flat_map(|s| [s.status.get(Language::Da), s.status.get(Language::En)]),
            );
            texts.extend(
                case.journal
                    .iter()
                    .chain(&case.documents)
                    .map(|item| item.title.as_str()),
            );
            texts.extend(
                case.decision
                    .as_ref()
                    .map(|decision| decision.text.as_str()),
            );
        }
        RecordDetails::Benefit(benefit) => {
            texts.extend(
                benefit
                    .reason
                    .iter()
                    .flat_map(|r| [r.get(Language::Da), r.get(Language::En)]),
            );
        }
        RecordDetails::Payment(_) => {}
        RecordDetails::Debt(debt) => texts.push(debt.creditor.as_str()),
        RecordDetails::Appointment(appointment) => {
            texts.extend(
                appointment
                    .place
                    .iter()
                    .chain(&appointment.with_whom)
                    .map(|t| t.as_str()),
            );
        }
        RecordDetails::Deadline(deadline) => texts.push(deadline.action.as_str()),
        RecordDetails::Document(document) => texts.push(document.sender.as_str()),
        RecordDetails::RegisterFact(fact) => {
            texts.extend(fact.attributes.iter().flat_map(|a| {
                [
                    a.name.get(Language::Da),
                    a.name.get(Language::En),
                    a.value.as_str(),
                ]
            }));
        }
        RecordDetails::AccessEvent(event) => {
            texts.extend([
                event.organisation.as_str(),
                event.what.as_str(),
                event.purpose.as_str(),
            ]);
        }
    }
    texts.join("\n").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{record, stored};
    use serde_json::json;

    #[test]
    fn every_word_must_match_somewhere_in_the_record() {
        let records = stored(vec![
            record(
                "appointment",
                "89.02",
                json!({"start": "2026-12-03T09:00:00+01:00", "end": "2026-12-03T09:30:00+01:00", "place": "Øjenambulatoriet, Demo Hospital"}),
            ),
            record(
                "debt",
                "86.01",
                json!({"creditor": "Skattestyrelsen", "principal": 10, "interest": 0, "fees": 0, "outstanding": 10, "due": "2026-10-01", "debt_status": "open"}),
            ),
        ]);
        let titles = |query: &str| -> Vec<String> {
            search(&records, query)
                .iter()
                .map(|r| r.record.kind().to_string())
                .collect()
        };
        assert_eq!(titles("øjenambulatoriet"), ["appointment"]);
        assert_eq!(
            titles("HOSPITAL appointments"),
            ["appointment"],
            "the catalogue title counts, in English too"
        );
        assert_eq!(titles("skattestyrelsen"), ["debt"]);
        assert!(titles("skattestyrelsen hospital").is_empty());
        assert!(titles("   ").is_empty());
    }
}
