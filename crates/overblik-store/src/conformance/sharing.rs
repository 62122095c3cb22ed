//! The sharing role: recipients, the steps of their requests, and the consents citizens give.

use super::*;
use crate::Grant;
use overblik_model::{Consent, ConsentId, Frequency, GivenBy, Recipient, RecipientId, Terms};

fn recipient_id(id: &str) -> RecipientId {
    id.parse().expect("a valid recipient id")
}

pub(super) fn recipient(id: &str) -> Recipient {
    Recipient {
        id: recipient_id(id),
        name: format!("Recipient {id} A/S"),
        description: "Works out what a household can borrow.".to_owned(),
        privacy_policy: format!("https://{id}.example.dk/privacy"),
        redirect_uris: vec![format!("https://{id}.example.dk/callback")],
        public_keys: vec![
            r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
                .to_owned(),
        ],
        may_ask: Scope::new(
            vec![Area::Economy, Area::Housing],
            vec![Kind::Debt, Kind::Appointment],
        )
        .expect("a scope"),
        purpose: "Credit assessment".to_owned(),
        registered_at: to_millis(Utc::now()),
    }
}

/// A consent `national_id` gave `recipient` at `given_at` (to the millisecond, as stores
/// keep times), ongoing, for records from a day on.
pub(super) fn consent(
    national_id: &str,
    recipient: &str,
    given_at: chrono::DateTime<Utc>,
) -> Consent {
    Consent {
        id: ConsentId::random(),
        subject: subject(national_id),
        recipient: recipient_id(recipient),
        purpose: "Credit assessment".to_owned(),
        terms: Terms {
            scope: Scope::new(vec![Area::Economy], vec![Kind::Debt]).expect("a scope"),
            data_from: Some("2026-01-01".parse().expect("a date")),
            frequency: Frequency::Ongoing,
            last_day: "2027-06-30".parse().expect("a date"),
            retention_days: 30,
        },
        given_at: to_millis(given_at),
        given_by: None,
        revoked_at: None,
        first_used_at: None,
        last_used_at: None,
    }
}

pub async fn recipients_are_registered_replaced_and_listed(store: &dyn Store) {
    let missing = store.recipient(&recipient_id("bank")).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    assert!(store.recipients().await.expect("lists").is_empty());
    let bank = recipient("bank");
    let insurer = recipient("insurer");
    store.put_recipient(&insurer).await.expect("registers");
    store.put_recipient(&bank).await.expect("registers");
    assert_eq!(store.recipient(&bank.id).await.expect("registered"), bank);
    let replaced = Recipient {
        name: "Eksempel Bank A/S".to_owned(),
        redirect_uris: vec!["https://bank.example.dk/return".to_owned()],
        ..bank.clone()
    };
    store.put_recipient(&replaced).await.expect("replaces");
    assert_eq!(
        store.recipient(&bank.id).await.expect("registered"),
        replaced
    );
    assert_eq!(
        store.recipients().await.expect("lists"),
        vec![replaced, insurer]
    );
}

pub async fn grants_are_read_until_they_expire_and_taken_once(store: &dyn Store) {
    let now = to_millis(Utc::now());
    let grant = Grant {
        handle: rand_hash(),
        recipient: recipient_id("bank"),
        body: r#"{"code_challenge":"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"}"#.to_owned(),
        expires_at: now + Duration::minutes(1),
    };
    store.put_grant(&grant).await.expect("stores");
    // Read as often as needed until it expires, its last moment included.
    assert_eq!(store.grant(&grant.handle, now).await.expect("reads"), grant);
    assert_eq!(
        store
            .grant(&grant.handle, grant.expires_at)
            .await
            .expect("reads"),
        grant
    );
    let after = grant.expires_at + Duration::milliseconds(1);
    let late = store.grant(&grant.handle, after).await;
    assert!(matches!(late, Err(StoreError::NotFound)), "{late:?}");
    let late = store.take_grant(&grant.handle, after).await;
    assert!(matches!(late, Err(StoreError::NotFound)), "{late:?}");

    // Taken once, then gone.
    assert_eq!(
        store.take_grant(&grant.handle, now).await.expect("takes"),
        grant
    );
    let twice = store.take_grant(&grant.handle, now).await;
    assert!(matches!(twice, Err(StoreError::NotFound)), "{twice:?}");
    let gone = store.grant(&grant.handle, now).await;
    assert!(matches!(gone, Err(StoreError::NotFound)), "{gone:?}");
    let unknown = store.grant(&rand_hash(), now).await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    // One written expired is never found, nor taken; writing others goes on.
    let expired = Grant {
        handle: rand_hash(),
        expires_at: now - Duration::seconds(1),
        ..grant.clone()
    };
    store.put_grant(&expired).await.expect("stores");
    let found = store.grant(&expired.handle, now).await;
    assert!(matches!(found, Err(StoreError::NotFound)), "{found:?}");
    let taken = store.take_grant(&expired.handle, now).await;
    assert!(matches!(taken, Err(StoreError::NotFound)), "{taken:?}");
    let fresh = Grant {
        handle: rand_hash(),
        ..grant.clone()
    };
    store.put_grant(&fresh).await.expect("stores");
    assert_eq!(store.grant(&fresh.handle, now).await.expect("reads"), fresh);
}

pub async fn consents_are_stored_and_listed_for_their_subject_only(store: &dyn Store) {
    let now = Utc::now();
    let older = consent(CITIZEN, "bank", now - Duration::days(2));
    let newer = Consent {
        terms: Terms {
            data_from: None,
            frequency: Frequency::Once,
            ..older.terms.clone()
        },
        given_by: Some(GivenBy {
            name: "Bo Holder".to_owned(),
            basis: format!("poa-{}", MandateId::random()),
        }),
        ..consent(CITIZEN, "insurer", now)
    };
    let neighbours = consent(NEIGHBOUR, "bank", now - Duration::days(1));
    for consent in [&older, &newer, &neighbours] {
        store.put_consent(consent).await.expect("stores");
        assert_eq!(&store.consent(&consent.id).await.expect("reads"), consent);
    }
    let again = store.put_consent(&older).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let missing = store.consent(&ConsentId::random()).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    assert_eq!(
        store.consents_of(&subject(CITIZEN)).await.expect("lists"),
        vec![newer, older]
    );
    assert_eq!(
        store.consents_of(&subject(NEIGHBOUR)).await.expect("lists"),
        vec![neighbours]
    );
    assert!(
        store
            .consents_of(&subject("030303-3333"))
            .await
            .expect("lists")
            .is_empty()
    );
}

pub async fn consents_are_revoked_once_by_their_subject_only(store: &dyn Store) {
    let now = Utc::now();
    let given = consent(CITIZEN, "bank", now);
    store.put_consent(&given).await.expect("stores");
    let revoked_at = to_millis(now + Duration::minutes(1));

    let by_another = store
        .revoke_consent(&given.id, &subject(NEIGHBOUR), revoked_at)
        .await;
    assert!(
        matches!(by_another, Err(StoreError::NotFound)),
        "{by_another:?}"
    );
    let unknown = store
        .revoke_consent(&ConsentId::random(), &subject(CITIZEN), revoked_at)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    assert_eq!(
        store.consent(&given.id).await.expect("reads").revoked_at,
        None
    );

    let revoked = store
        .revoke_consent(&given.id, &subject(CITIZEN), revoked_at)
        .await
        .expect("revokes");
    let expected = Consent {
        revoked_at: Some(revoked_at),
        ..given.clone()
    };
    assert_eq!(revoked, expected);
    assert_eq!(store.consent(&given.id).await.expect("reads"), expected);
    let twice = store
        .revoke_consent(&given.id, &subject(CITIZEN), revoked_at)
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    // Another subject still learns nothing of it.
    let by_another = store
        .revoke_consent(&given.id, &subject(NEIGHBOUR), revoked_at)
        .await;
    assert!(
        matches!(by_another, Err(StoreError::NotFound)),
        "{by_another:?}"
    );
}

pub async fn a_consents_first_use_is_told_once(store: &dyn Store) {
    let now = Utc::now();
    let given = consent(CITIZEN, "bank", now);
    store.put_consent(&given).await.expect("stores");
    let first = to_millis(now + Duration::minutes(1));
    assert!(
        store
            .note_consent_used(&given.id, first)
            .await
            .expect("notes")
    );
    let read = store.consent(&given.id).await.expect("reads");
    assert_eq!(
        (read.first_used_at, read.last_used_at),
        (Some(first), Some(first))
    );
    let second = to_millis(now + Duration::minutes(5));
    assert!(
        !store
            .note_consent_used(&given.id, second)
            .await
            .expect("notes")
    );
    let read = store.consent(&given.id).await.expect("reads");
    assert_eq!(
        (read.first_used_at, read.last_used_at),
        (Some(first), Some(second))
    );
}

pub async fn refresh_tokens_are_rotated_from_the_one_held_only(store: &dyn Store) {
    let given = consent(CITIZEN, "bank", Utc::now());
    let other = consent(CITIZEN, "insurer", Utc::now());
    store.put_consent(&given).await.expect("stores");
    store.put_consent(&other).await.expect("stores");
    let (a, b, c) = (rand_hash(), rand_hash(), rand_hash());
    let rotate = |id: ConsentId, current: Option<[u8; 32]>, next: [u8; 32]| async move {
        store
            .rotate_refresh(&id, current.as_ref(), &next)
            .await
            .expect("rotates or refuses")
    };
    // The first token, once.
    assert!(rotate(given.id, None, a).await);
    assert!(!rotate(given.id, None, b).await);
    // Each token is replaced once, by whoever presents it first.
    assert!(rotate(given.id, Some(a), b).await);
    assert!(!rotate(given.id, Some(a), c).await);
    assert!(rotate(given.id, Some(b), c).await);
    // Another consent's tokens are its own.
    assert!(!rotate(other.id, Some(c), a).await);
    assert!(rotate(other.id, None, a).await);
    assert!(!rotate(ConsentId::random(), None, a).await);
}
