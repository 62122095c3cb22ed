//! Search across one citizen's own records.

use overblik_model::{LocalizedText, Record, RecordDetails};
use overblik_store::StoredRecord;

/// The most characters a query may have; longer ones are cut.
const MAX_QUERY_CHARS: usize = 100;

/// The citizen's records that contain every word of `query`, in the order given.
///
/// Words are matched case-insensitively against the titles in every language, the status
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
    let title = record
        .title
        .as_ref()
        .unwrap_or(&record.classification.entry().title);
    let mut texts: Vec<&str> = every_language(title).collect();
    texts.push(record.classification.as_str());
    texts.extend(record.status.iter().flat_map(every_language));
    match &record.details {
        RecordDetails::Case(case) => {
            texts.extend(
                case.status_history
                    .iter()
                    .flat_map(|step| every_language(&step.status)),
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
            texts.extend(case.case_number.as_ref().map(|number| number.as_str()));
            texts.extend(case.description.as_ref().map(|text| text.as_str()));
            texts.extend(case.place.as_ref().map(|place| place.as_str()));
        }
        RecordDetails::Benefit(benefit) => {
            texts.extend(benefit.reason.iter().flat_map(every_language));
            if let Some(in_kind) = benefit.in_kind() {
                texts.extend(every_language(&in_kind.unit));
            }
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
            texts.extend(appointment.check_in_code.as_ref().map(|code| code.as_str()));
        }
        RecordDetails::Deadline(deadline) => texts.push(deadline.action.as_str()),
        RecordDetails::Document(document) => {
            texts.push(document.sender.as_str());
            texts.extend(document.body.as_ref().map(|body| body.as_str()));
        }
        RecordDetails::RegisterFact(fact) => {
            texts.extend(fact.attributes.iter().flat_map(|attribute| {
                every_language(&attribute.name).chain([attribute.value.as_str()])
            }));
        }
        RecordDetails::AccessEvent(event) => {
            texts.extend([
                event.organisation.as_str(),
                event.what.as_str(),
                event.purpose.as_str(),
            ]);
        }
        RecordDetails::Contact(contact) => {
            texts.push(contact.summary.as_str());
            texts.extend(contact.with_whom.as_ref().map(|who| who.as_str()));
        }
    }
    texts.join("\n").to_lowercase()
}

/// A text in each language it is given in: a citizen searches in whichever they read.
fn every_language(text: &LocalizedText) -> impl Iterator<Item = &str> {
    text.iter().map(|(_, text)| text.as_str())
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

    #[test]
    fn a_case_number_a_status_in_any_language_a_letters_text_and_a_contacts_summary_are_found() {
        let records = stored(vec![
            record(
                "case",
                "02.34",
                json!({"status_history": [{"status": {"nl": "Ontvangen", "ca": "Rebut"}, "at": "2026-11-01T10:00:00Z"}],
                "case_number": "BYG-2026-004171", "place": "Egevej 12"}),
            ),
            record(
                "document",
                "85.01",
                json!({"category": "message", "date": "2026-11-19", "sender": "Skat", "body": "Your refund\nis on its way"}),
            ),
            record(
                "contact",
                "86",
                json!({"channel": "chat", "direction": "to_citizen", "at": "2026-11-20T10:00:00Z", "summary": "Explained the instalment plan", "with_whom": "Anna Bakker"}),
            ),
        ]);
        let kinds = |query: &str| -> Vec<String> {
            search(&records, query)
                .iter()
                .map(|r| r.record.kind().to_string())
                .collect()
        };
        assert_eq!(kinds("byg-2026-004171"), ["case"]);
        assert_eq!(kinds("egevej"), ["case"]);
        assert_eq!(kinds("rebut"), ["case"], "a status in Catalan");
        assert_eq!(kinds("ontvangen"), ["case"], "and in Dutch");
        assert_eq!(kinds("refund"), ["document"]);
        assert_eq!(kinds("instalment bakker"), ["contact"]);
    }
}
