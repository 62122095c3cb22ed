//! Reading a stored record's JSON back.
//!
//! A `Record` keeps its kind's fields flattened beside the common ones, and serde reads a
//! flattened field by first copying the whole object into a buffer of its own. A citizen's
//! overview reads hundreds of records, so the store reads its bodies straight: the common
//! fields by name, and the details kept raw until `kind` says what they hold.

use overblik_model::record::{
    AccessEvent, Appointment, Benefit, Case, ContactEvent, Deadline, Debt, Document, Payment,
    RegisterFact,
};
use overblik_model::values::{Contact, Link, LocalizedText, Timestamp, Version};
use overblik_model::{Classification, Kind, Record, RecordDetails, SourceId};
use serde::Deserialize;
use serde_json::value::RawValue;

/// A stored body as [`Record`] writes it, its details not yet read.
#[derive(Deserialize)]
struct Body<'a> {
    id: SourceId,
    version: Version,
    classification: Classification,
    #[serde(default)]
    title: Option<LocalizedText>,
    #[serde(default)]
    status: Option<LocalizedText>,
    updated_at: Timestamp,
    #[serde(default)]
    link: Option<Link>,
    #[serde(default)]
    contact: Option<Contact>,
    #[serde(default)]
    hidden_until: Option<Timestamp>,
    kind: Kind,
    #[serde(borrow)]
    details: &'a RawValue,
}

/// Reads a body written by `serde_json::to_string(&record)`.
pub(crate) fn record(json: &str) -> serde_json::Result<Record> {
    let body: Body<'_> = serde_json::from_str(json)?;
    let details = body.details.get();
    let details = match body.kind {
        Kind::Case => RecordDetails::Case(serde_json::from_str::<Case>(details)?),
        Kind::Benefit => RecordDetails::Benefit(serde_json::from_str::<Benefit>(details)?),
        Kind::Payment => RecordDetails::Payment(serde_json::from_str::<Payment>(details)?),
        Kind::Debt => RecordDetails::Debt(serde_json::from_str::<Debt>(details)?),
        Kind::Appointment => {
            RecordDetails::Appointment(serde_json::from_str::<Appointment>(details)?)
        }
        Kind::Deadline => RecordDetails::Deadline(serde_json::from_str::<Deadline>(details)?),
        Kind::Document => RecordDetails::Document(serde_json::from_str::<Document>(details)?),
        Kind::RegisterFact => {
            RecordDetails::RegisterFact(serde_json::from_str::<RegisterFact>(details)?)
        }
        Kind::AccessEvent => {
            RecordDetails::AccessEvent(serde_json::from_str::<AccessEvent>(details)?)
        }
        Kind::Contact => RecordDetails::Contact(serde_json::from_str::<ContactEvent>(details)?),
    };
    Ok(Record {
        id: body.id,
        version: body.version,
        classification: body.classification,
        title: body.title,
        status: body.status,
        updated_at: body.updated_at,
        link: body.link,
        contact: body.contact,
        hidden_until: body.hidden_until,
        details,
    })
}

#[cfg(test)]
mod tests {
    use overblik_model::{Batch, SubjectKeySecret};

    /// Every example payload, written as the store writes it, reads back the same both ways.
    #[test]
    fn bodies_read_back_as_serde_reads_them() {
        let secret = SubjectKeySecret::new(vec![1; 32]).expect("long enough");
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
        let mut read = 0;
        for entry in std::fs::read_dir(folder).expect("the examples") {
            let text = std::fs::read_to_string(entry.expect("an entry").path()).expect("reads");
            let payload: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            let batch = Batch::parse(&payload, &secret, &overblik_model::batch::Unchecked)
                .expect("a valid example");
            for upsert in batch.upserts {
                let written = serde_json::to_string(&upsert.incoming.record).expect("writes");
                let straight = super::record(&written).expect("reads straight");
                let by_serde: overblik_model::Record =
                    serde_json::from_str(&written).expect("reads by serde");
                assert_eq!(straight, by_serde);
                assert_eq!(straight, upsert.incoming.record);
                read += 1;
            }
        }
        assert!(read >= 10, "{read} examples");
    }
}
