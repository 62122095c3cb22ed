//! Attestations for the tests.

use chrono::{TimeZone as _, Utc};

use crate::{Attested, StatusRef};

/// A residence certificate with six fields.
pub(crate) fn attested() -> Attested {
    let fields = [
        ("name", "Karen Nielsen"),
        ("birth_date", "1984-03-12"),
        ("address", "Nørregade 12, 2. th."),
        ("postcode", "8000"),
        ("town", "Aarhus C"),
        ("resident_since", "2019-08-01"),
    ];
    Attested {
        id: "K7QM-2XPD-9HWT-4RNC".into(),
        type_id: "residence".into(),
        vct: "https://overblik.example/certificates/types/residence".into(),
        issuer: "https://overblik.example".into(),
        issued_at: Utc
            .with_ymd_and_hms(2026, 2, 3, 10, 15, 0)
            .single()
            .expect("a time"),
        valid_until: Utc
            .with_ymd_and_hms(2026, 5, 4, 10, 15, 0)
            .single()
            .expect("a time"),
        fields: fields
            .iter()
            .map(|(n, v)| ((*n).into(), (*v).into()))
            .collect(),
        sources: vec!["CPR".into(), "Aarhus Kommune".into()],
        status: StatusRef {
            index: 48_213,
            uri: "https://overblik.example/certificates/status/1".into(),
        },
    }
}

/// An attestation with `count` fields of a typical length.
pub(crate) fn with_fields(count: usize) -> Attested {
    Attested {
        fields: (0..count)
            .map(|i| {
                (
                    format!("field_{}", char::from(b'a' + (i % 26) as u8)),
                    format!("Value number {i:02}"),
                )
            })
            .collect(),
        ..attested()
    }
}
