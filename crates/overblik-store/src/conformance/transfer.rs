//! The transfer role: everything moves to another store unchanged.

use super::*;

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
