//! The transfer role: everything moves to another store unchanged.

use super::certificates::certificate;
use super::sharing::{consent, recipient};
use super::*;
use crate::{SharingExport, StoredConsent};
use overblik_model::{Certificate, CertificateId, Consent, ConsentId, GivenBy};

pub async fn records_move_to_another_store_unchanged(from: &dyn Store, to: &dyn Store) {
    let tax = register(from, "tax").await;
    let mut hidden = deadline("later", 1, NEIGHBOUR);
    hidden["hidden_until"] = json!((Utc::now() + Duration::days(3)).to_rfc3339());
    apply(
        from,
        &tax,
        "k1",
        &batch(
            vec![
                deadline("d1", 1, CITIZEN),
                appointment("a1", 1, CITIZEN),
                deadline("gone", 1, CITIZEN),
                hidden,
            ],
            vec![json!({"id": "never", "version": 4})],
        ),
    )
    .await;
    apply(
        from,
        &tax,
        "k2",
        &batch(
            vec![deadline("d1", 2, CITIZEN)],
            vec![json!({"id": "gone", "version": 2})],
        ),
    )
    .await;
    let exported = export_all(from, 2).await;
    let ids: Vec<&str> = exported.iter().map(|r| r.source_id.as_str()).collect();
    assert_eq!(
        ids,
        ["d1", "a1", "gone", "later", "never"],
        "first received first"
    );
    assert!(exported[2].live.is_none() && exported[4].live.is_none());
    assert_eq!(exported[0].version.get(), 2);

    register(to, "tax").await;
    to.import_records(&exported[..3]).await.expect("imports");
    to.import_records(&exported[3..]).await.expect("imports");
    assert_eq!(export_all(to, 1000).await, exported);
    for citizen in [CITIZEN, NEIGHBOUR] {
        let far = RecordFilter {
            visible_at: Utc::now() + Duration::days(4),
            ..all()
        };
        assert_eq!(
            to.subject_records(&subject(citizen), &far)
                .await
                .expect("reads"),
            from.subject_records(&subject(citizen), &far)
                .await
                .expect("reads"),
        );
    }
    assert_eq!(to.record_count(None).await.expect("counts"), 3);

    // The moved markers still keep older versions out, and newer versions keep the ids.
    let receipt = apply(
        to,
        &tax,
        "k3",
        &batch(
            vec![
                deadline("gone", 1, CITIZEN),
                deadline("never", 3, CITIZEN),
                deadline("d1", 3, CITIZEN),
            ],
            vec![],
        ),
    )
    .await;
    assert_eq!((receipt.upserted, receipt.stale.len()), (1, 2));
    let d1 = to
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads")
        .into_iter()
        .find(|r| r.record.id.as_str() == "d1")
        .expect("d1 is there");
    assert_eq!((d1.id, d1.record.version.get()), (exported[0].id, 3));

    // A record already there is a conflict, and nothing of that import is written.
    let again = to.import_records(&exported[3..]).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    assert_eq!(export_all(to, 1000).await.len(), 5);
}

pub async fn recipients_and_consents_move_to_another_store_unchanged(
    from: &dyn Store,
    to: &dyn Store,
) {
    let now = Utc::now();
    let (bank, insurer) = (recipient("bank"), recipient("insurer"));
    from.put_recipient(&insurer).await.expect("registers");
    from.put_recipient(&bank).await.expect("registers");
    // One consent in use under its second refresh token, one given by a holder, used and
    // revoked, and one never used, stored out of order.
    let used = consent(CITIZEN, "bank", now - Duration::days(3));
    let revoked = Consent {
        given_by: Some(GivenBy {
            name: "Bo Holder".to_owned(),
            basis: format!("poa-{}", MandateId::random()),
        }),
        ..consent(NEIGHBOUR, "insurer", now - Duration::days(2))
    };
    let unused = consent(CITIZEN, "insurer", now - Duration::days(1));
    for consent in [&unused, &revoked, &used] {
        from.put_consent(consent).await.expect("stores");
    }
    let (a, b, c) = (rand_hash(), rand_hash(), rand_hash());
    for (id, current, next) in [
        (used.id, None, a),
        (used.id, Some(a), b),
        (revoked.id, None, c),
    ] {
        assert!(
            from.rotate_refresh(&id, current.as_ref(), &next)
                .await
                .expect("rotates")
        );
    }
    for (id, days) in [(used.id, 2), (used.id, 1), (revoked.id, 2)] {
        from.note_consent_used(&id, to_millis(now - Duration::days(days)))
            .await
            .expect("notes");
    }
    from.revoke_consent(
        &revoked.id,
        &subject(NEIGHBOUR),
        to_millis(now - Duration::hours(1)),
    )
    .await
    .expect("revokes");

    let exported = from.export_sharing().await.expect("exports");
    assert_eq!(exported.recipients, vec![bank.clone(), insurer.clone()]);
    let mut expected = Vec::new();
    for (id, refresh_hash) in [(used.id, Some(b)), (revoked.id, Some(c)), (unused.id, None)] {
        expected.push(StoredConsent {
            consent: from.consent(&id).await.expect("reads"),
            refresh_hash,
        });
    }
    assert_eq!(exported.consents, expected, "oldest first, as they stand");
    let moved = &exported.consents[..2];
    assert!(moved[0].consent.first_used_at < moved[0].consent.last_used_at);
    assert!(moved[1].consent.revoked_at.is_some() && moved[1].consent.given_by.is_some());

    to.import_sharing(&SharingExport {
        consents: Vec::new(),
        ..exported.clone()
    })
    .await
    .expect("imports");
    for page in exported.consents.chunks(2) {
        to.import_sharing(&SharingExport {
            consents: page.to_vec(),
            ..SharingExport::default()
        })
        .await
        .expect("imports");
    }
    assert_eq!(to.export_sharing().await.expect("exports"), exported);
    assert_eq!(to.recipients().await.expect("lists"), vec![bank, insurer]);
    for national_id in [CITIZEN, NEIGHBOUR] {
        assert_eq!(
            to.consents_of(&subject(national_id)).await.expect("lists"),
            from.consents_of(&subject(national_id))
                .await
                .expect("lists"),
        );
    }

    // The recipient's refresh token goes on working, once; earlier ones and the revoked
    // consent's do not. Uses go on from the moved times: the first was told before.
    let rotate = |id: ConsentId, current: Option<[u8; 32]>, next: [u8; 32]| async move {
        to.rotate_refresh(&id, current.as_ref(), &next)
            .await
            .expect("rotates or refuses")
    };
    assert!(!rotate(used.id, None, c).await);
    assert!(!rotate(used.id, Some(a), c).await);
    assert!(rotate(used.id, Some(b), c).await);
    assert!(!rotate(used.id, Some(b), a).await);
    assert!(!rotate(revoked.id, Some(c), a).await);
    assert!(rotate(unused.id, None, a).await);
    assert!(!to.note_consent_used(&used.id, now).await.expect("notes"));
    let twice = to
        .revoke_consent(&revoked.id, &subject(NEIGHBOUR), now)
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");

    // A recipient or consent already there is a conflict, and nothing of that import is
    // written.
    let lender = recipient("lender");
    let again = to
        .import_sharing(&SharingExport {
            recipients: vec![lender.clone(), exported.recipients[0].clone()],
            consents: Vec::new(),
        })
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let missing = to.recipient(&lender.id).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let another = consent(NEIGHBOUR, "bank", now);
    let again = to
        .import_sharing(&SharingExport {
            recipients: vec![lender],
            consents: vec![
                StoredConsent {
                    consent: another.clone(),
                    refresh_hash: None,
                },
                exported.consents[0].clone(),
            ],
        })
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let missing = to.consent(&another.id).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    assert_eq!(to.recipients().await.expect("lists").len(), 2);
}

pub async fn certificates_move_to_another_store_unchanged(from: &dyn Store, to: &dyn Store) {
    let now = Utc::now();
    let mut index = Vec::new();
    for _ in 0..4 {
        index.push(from.next_status_index().await.expect("hands out"));
    }
    // One kept, one issued by a holder and revoked, and one of another citizen's, stored
    // out of order; the last position handed out was never used.
    let kept = certificate(CITIZEN, now - Duration::days(3), index[0]);
    let revoked = Certificate {
        issued_by: Some(GivenBy {
            name: "Bo Holder".to_owned(),
            basis: format!("poa-{}", MandateId::random()),
        }),
        ..certificate(CITIZEN, now - Duration::days(2), index[2])
    };
    let neighbours = certificate(NEIGHBOUR, now - Duration::days(1), index[1]);
    for certificate in [&neighbours, &revoked, &kept] {
        from.put_certificate(certificate).await.expect("stores");
    }
    from.revoke_certificate(
        &revoked.id,
        &subject(CITIZEN),
        to_millis(now - Duration::hours(1)),
    )
    .await
    .expect("revokes");

    let exported = from.export_certificates().await.expect("exports");
    let mut expected = Vec::new();
    for id in [kept.id, revoked.id, neighbours.id] {
        expected.push(from.certificate(&id).await.expect("reads"));
    }
    assert_eq!(exported, expected, "oldest first, as they stand");
    assert!(exported[1].revoked_at.is_some() && exported[1].issued_by.is_some());

    to.import_certificates(&[]).await.expect("imports nothing");
    to.import_certificates(&exported[..1])
        .await
        .expect("imports");
    to.import_certificates(&exported[1..])
        .await
        .expect("imports");
    assert_eq!(to.export_certificates().await.expect("exports"), exported);
    for national_id in [CITIZEN, NEIGHBOUR] {
        assert_eq!(
            to.certificates_of(&subject(national_id))
                .await
                .expect("lists"),
            from.certificates_of(&subject(national_id))
                .await
                .expect("lists"),
        );
    }
    let statuses = to.certificate_statuses().await.expect("reads");
    assert_eq!(statuses.revoked, vec![index[2]]);
    assert!(statuses.handed_out > index[2], "{statuses:?}");

    // The moved certificates are revoked as before, and new positions come after theirs.
    let twice = to
        .revoke_certificate(&revoked.id, &subject(CITIZEN), now)
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    let by_another = to
        .revoke_certificate(&kept.id, &subject(NEIGHBOUR), now)
        .await;
    assert!(
        matches!(by_another, Err(StoreError::NotFound)),
        "{by_another:?}"
    );
    let now_revoked = to
        .revoke_certificate(&kept.id, &subject(CITIZEN), to_millis(now))
        .await
        .expect("revokes");
    assert_eq!(now_revoked.revoked_at, Some(to_millis(now)));
    let next = to.next_status_index().await.expect("hands out");
    assert!(
        exported.iter().all(|moved| moved.status_index < next),
        "{next} is not beyond the moved positions"
    );
    assert!(to.certificate_statuses().await.expect("reads").handed_out > next);

    // A certificate already there, by id or by position, is a conflict, and nothing of that
    // import is written.
    for taken in [
        exported[2].clone(),
        Certificate {
            id: CertificateId::random(),
            ..exported[2].clone()
        },
    ] {
        let another = certificate(NEIGHBOUR, now, next + 1);
        let again = to.import_certificates(&[another.clone(), taken]).await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
        let missing = to.certificate(&another.id).await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    }
    assert_eq!(to.export_certificates().await.expect("exports").len(), 3);
}
