//! The certificate role: certificates citizens had issued, and the issuer's status list.

use super::*;
use crate::CertificateStatuses;
use overblik_model::{Certificate, CertificateId, Claim, GivenBy, Language};
use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;

/// A residence certificate of `national_id`'s, issued at `issued_at` (to the millisecond, as
/// stores keep times) at `status_index`, with signed forms as long as real ones.
pub(super) fn certificate(
    national_id: &str,
    issued_at: chrono::DateTime<Utc>,
    status_index: u32,
) -> Certificate {
    let issued_at = to_millis(issued_at);
    Certificate {
        id: CertificateId::random(),
        subject: subject(national_id),
        type_id: "residence".parse().expect("a type id"),
        language: Language::Da,
        claims: vec![
            Claim {
                name: "address".to_owned(),
                value: "Vestergade 1, 1. th., 8000 Aarhus C".to_owned(),
            },
            Claim {
                name: "since".to_owned(),
                value: "2019-08-01".to_owned(),
            },
        ],
        sources: vec!["CPR-kontoret".to_owned()],
        issued_at,
        valid_until: issued_at + Duration::days(30),
        issued_by: None,
        revoked_at: None,
        status_index,
        key_id: "issuer-2026-11".to_owned(),
        sealed: format!("HC1:{}", "NCFOXN%TS3DH0RGPJB/IB-OM7533".repeat(60)),
        sd_jwt: format!(
            "eyJhbGciOiJFZERTQSJ9.{}.c2lnbmF0dXJl~{}~",
            "eyJpc3MiOiJodHRwczovL292ZXJibGlrLmRrIn0".repeat(40),
            ["WyJzYWx0IiwiYWRkcmVzcyIsIlZlc3RlcmdhZGUgMSJd"; 4].join("~")
        ),
    }
}

/// `count` calls of [`CertificateStore::next_status_index`](crate::CertificateStore) at once.
fn hand_out(store: &dyn Store, count: usize) -> Pin<Box<dyn Future<Output = Vec<u32>> + '_>> {
    Box::pin(async move {
        if count == 1 {
            return vec![
                store
                    .next_status_index()
                    .await
                    .expect("hands out a position"),
            ];
        }
        let (mut first, second) = tokio::join!(
            hand_out(store, count / 2),
            hand_out(store, count - count / 2)
        );
        first.extend(second);
        first
    })
}

pub async fn certificates_are_stored_and_listed_for_their_subject_only(store: &dyn Store) {
    let now = Utc::now();
    let index = || async { store.next_status_index().await.expect("hands out") };
    let older = certificate(CITIZEN, now - Duration::days(2), index().await);
    let newer = Certificate {
        language: Language::En,
        issued_by: Some(GivenBy {
            name: "Bo Holder".to_owned(),
            basis: format!("poa-{}", MandateId::random()),
        }),
        ..certificate(CITIZEN, now, index().await)
    };
    let neighbours = certificate(NEIGHBOUR, now - Duration::days(1), index().await);
    for certificate in [&older, &newer, &neighbours] {
        store.put_certificate(certificate).await.expect("stores");
        assert_eq!(
            &store.certificate(&certificate.id).await.expect("reads"),
            certificate
        );
    }
    let missing = store.certificate(&CertificateId::random()).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    // An id or a position is one certificate's: another with either is refused, unwritten.
    let again = store.put_certificate(&older).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let same_id = Certificate {
        subject: subject(NEIGHBOUR),
        status_index: index().await,
        ..older.clone()
    };
    let again = store.put_certificate(&same_id).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let same_position = certificate(NEIGHBOUR, now, newer.status_index);
    let again = store.put_certificate(&same_position).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let missing = store.certificate(&same_position.id).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    assert_eq!(
        store
            .certificates_of(&subject(CITIZEN))
            .await
            .expect("lists"),
        vec![newer, older],
        "newest first"
    );
    assert_eq!(
        store
            .certificates_of(&subject(NEIGHBOUR))
            .await
            .expect("lists"),
        vec![neighbours]
    );
    assert!(
        store
            .certificates_of(&subject("030303-3333"))
            .await
            .expect("lists")
            .is_empty()
    );
}

pub async fn certificates_are_revoked_once_by_their_subject_only(store: &dyn Store) {
    let now = Utc::now();
    let issued = certificate(
        CITIZEN,
        now,
        store.next_status_index().await.expect("hands out"),
    );
    let kept = certificate(
        CITIZEN,
        now - Duration::days(1),
        store.next_status_index().await.expect("hands out"),
    );
    store.put_certificate(&issued).await.expect("stores");
    store.put_certificate(&kept).await.expect("stores");
    let revoked_at = to_millis(now + Duration::minutes(1));

    let by_another = store
        .revoke_certificate(&issued.id, &subject(NEIGHBOUR), revoked_at)
        .await;
    assert!(
        matches!(by_another, Err(StoreError::NotFound)),
        "{by_another:?}"
    );
    let unknown = store
        .revoke_certificate(&CertificateId::random(), &subject(CITIZEN), revoked_at)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    assert_eq!(
        store.certificate(&issued.id).await.expect("reads"),
        issued,
        "unchanged"
    );
    assert!(
        store
            .certificate_statuses()
            .await
            .expect("reads")
            .revoked
            .is_empty()
    );

    let revoked = store
        .revoke_certificate(&issued.id, &subject(CITIZEN), revoked_at)
        .await
        .expect("revokes");
    let expected = Certificate {
        revoked_at: Some(revoked_at),
        ..issued.clone()
    };
    assert_eq!(revoked, expected);
    assert_eq!(
        store.certificate(&issued.id).await.expect("reads"),
        expected
    );
    assert_eq!(
        store
            .certificates_of(&subject(CITIZEN))
            .await
            .expect("lists"),
        vec![expected, kept.clone()]
    );
    let twice = store
        .revoke_certificate(&issued.id, &subject(CITIZEN), revoked_at)
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    // Another subject still learns nothing of it.
    let by_another = store
        .revoke_certificate(&issued.id, &subject(NEIGHBOUR), revoked_at)
        .await;
    assert!(
        matches!(by_another, Err(StoreError::NotFound)),
        "{by_another:?}"
    );
    let statuses = store.certificate_statuses().await.expect("reads");
    assert_eq!(statuses.revoked, vec![issued.status_index]);
    assert!(statuses.handed_out > issued.status_index.max(kept.status_index));
}

pub async fn status_positions_are_handed_out_once_and_revoked_ones_listed(store: &dyn Store) {
    assert_eq!(
        store.certificate_statuses().await.expect("reads"),
        CertificateStatuses::default(),
        "nothing handed out yet"
    );
    let mut handed = Vec::new();
    for _ in 0..3 {
        handed.push(store.next_status_index().await.expect("hands out"));
    }
    handed.extend(hand_out(store, 16).await);
    let distinct: BTreeSet<u32> = handed.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        19,
        "a position handed out twice: {handed:?}"
    );
    let last = *distinct.last().expect("positions");
    let statuses = store.certificate_statuses().await.expect("reads");
    assert_eq!(
        statuses,
        CertificateStatuses {
            handed_out: last + 1,
            revoked: Vec::new(),
        }
    );

    // Revoked positions are listed in order, whichever was issued or revoked first; the
    // list does not grow with them.
    let now = Utc::now();
    let certificates: Vec<Certificate> = [handed[12], handed[2], handed[7]]
        .into_iter()
        .map(|index| certificate(CITIZEN, now, index))
        .collect();
    for certificate in &certificates {
        store.put_certificate(certificate).await.expect("stores");
    }
    for certificate in &certificates[..2] {
        store
            .revoke_certificate(&certificate.id, &subject(CITIZEN), now)
            .await
            .expect("revokes");
    }
    let mut revoked = vec![handed[12], handed[2]];
    revoked.sort_unstable();
    assert_eq!(
        store.certificate_statuses().await.expect("reads"),
        CertificateStatuses {
            handed_out: last + 1,
            revoked,
        }
    );
    let next = store.next_status_index().await.expect("hands out");
    assert!(!distinct.contains(&next), "{next} was handed out before");
}
