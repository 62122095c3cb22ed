//! The records role: batches, versions, deletes, idempotency and reading by subject.

use super::*;

pub async fn upserted_records_are_read_by_subject_area_kind_and_id(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let receipt = apply(
        store,
        &tax,
        "k1",
        &batch(
            vec![deadline("d1", 1, CITIZEN), appointment("a1", 1, CITIZEN)],
            vec![],
        ),
    )
    .await;
    assert_eq!(
        (receipt.upserted, receipt.deleted, receipt.stale.len()),
        (2, 0, 0)
    );

    let records = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    assert_eq!(records.len(), 2);
    // Newest change at the source first.
    assert_eq!(records[0].record.id.as_str(), "a1");
    assert!(
        records
            .iter()
            .all(|r| r.provider == tax && r.subject == subject(CITIZEN))
    );

    let health = RecordFilter {
        area: Some(Area::Health),
        ..all()
    };
    let found = store
        .subject_records(&subject(CITIZEN), &health)
        .await
        .expect("reads");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].record.kind(), Kind::Appointment);

    let deadlines = RecordFilter {
        kind: Some(Kind::Deadline),
        ..all()
    };
    let found = store
        .subject_records(&subject(CITIZEN), &deadlines)
        .await
        .expect("reads");
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].record.title.as_ref().and_then(|t| t.exactly("da")),
        Some("Frist 1")
    );

    let one = store
        .subject_record(&subject(CITIZEN), &found[0].id, Utc::now())
        .await
        .expect("reads one");
    assert_eq!(one, found[0]);
    assert_eq!(store.record_count(Some(&tax)).await.expect("counts"), 2);
    assert_eq!(store.record_count(None).await.expect("counts"), 2);
}

pub async fn other_subjects_records_are_never_returned(store: &dyn Store) {
    let tax = register(store, "tax").await;
    apply(
        store,
        &tax,
        "k1",
        &batch(
            vec![
                deadline("mine", 1, CITIZEN),
                deadline("theirs", 1, NEIGHBOUR),
            ],
            vec![],
        ),
    )
    .await;
    let mine = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    assert_eq!(mine.len(), 1);
    let theirs = store
        .subject_records(&subject(NEIGHBOUR), &all())
        .await
        .expect("reads");
    assert_eq!(theirs.len(), 1);
    let asked = store
        .subject_record(&subject(CITIZEN), &theirs[0].id, Utc::now())
        .await;
    assert!(matches!(asked, Err(StoreError::NotFound)), "{asked:?}");
    let unknown = store
        .subject_record(&subject(CITIZEN), &RecordId::random(), Utc::now())
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

pub async fn older_and_equal_versions_are_stale(store: &dyn Store) {
    let tax = register(store, "tax").await;
    apply(
        store,
        &tax,
        "k1",
        &batch(vec![deadline("d1", 5, CITIZEN)], vec![]),
    )
    .await;
    let receipt = apply(
        store,
        &tax,
        "k2",
        &batch(
            vec![deadline("d1", 4, CITIZEN), deadline("d2", 1, CITIZEN)],
            vec![],
        ),
    )
    .await;
    assert_eq!(receipt.upserted, 1);
    assert_eq!(receipt.stale.len(), 1);
    assert_eq!(receipt.stale[0].id.as_str(), "d1");
    assert_eq!(
        (
            receipt.stale[0].version.get(),
            receipt.stale[0].current_version.get()
        ),
        (4, 5)
    );
    let receipt = apply(
        store,
        &tax,
        "k3",
        &batch(vec![deadline("d1", 5, CITIZEN)], vec![]),
    )
    .await;
    assert_eq!((receipt.upserted, receipt.stale.len()), (0, 1));
    let records = store
        .subject_records(
            &subject(CITIZEN),
            &RecordFilter {
                kind: Some(Kind::Deadline),
                ..all()
            },
        )
        .await
        .expect("reads");
    let d1 = records
        .iter()
        .find(|r| r.record.id.as_str() == "d1")
        .expect("d1 is there");
    assert_eq!(d1.record.version.get(), 5);
}

pub async fn newer_versions_replace_and_keep_the_record_id(store: &dyn Store) {
    let tax = register(store, "tax").await;
    apply(
        store,
        &tax,
        "k1",
        &batch(vec![deadline("d1", 1, CITIZEN)], vec![]),
    )
    .await;
    let first = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    apply(
        store,
        &tax,
        "k2",
        &batch(vec![deadline("d1", 2, CITIZEN)], vec![]),
    )
    .await;
    let second = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].id, first[0].id);
    assert_eq!(second[0].record.version.get(), 2);
    assert_eq!(
        second[0]
            .record
            .title
            .as_ref()
            .and_then(|t| t.exactly("da")),
        Some("Frist 2")
    );
}

pub async fn deletes_remove_and_block_older_versions(store: &dyn Store) {
    let tax = register(store, "tax").await;
    apply(
        store,
        &tax,
        "k1",
        &batch(vec![deadline("d1", 1, CITIZEN)], vec![]),
    )
    .await;
    let receipt = apply(
        store,
        &tax,
        "k2",
        &batch(vec![], vec![json!({"id": "d1", "version": 2})]),
    )
    .await;
    assert_eq!(receipt.deleted, 1);
    assert!(
        store
            .subject_records(&subject(CITIZEN), &all())
            .await
            .expect("reads")
            .is_empty()
    );
    assert_eq!(store.record_count(Some(&tax)).await.expect("counts"), 0);
    // A late, older version must not bring the record back.
    let receipt = apply(
        store,
        &tax,
        "k3",
        &batch(vec![deadline("d1", 1, CITIZEN)], vec![]),
    )
    .await;
    assert_eq!((receipt.upserted, receipt.stale.len()), (0, 1));
    assert!(
        store
            .subject_records(&subject(CITIZEN), &all())
            .await
            .expect("reads")
            .is_empty()
    );
    // A newer version may.
    let receipt = apply(
        store,
        &tax,
        "k4",
        &batch(vec![deadline("d1", 3, CITIZEN)], vec![]),
    )
    .await;
    assert_eq!(receipt.upserted, 1);
    assert_eq!(
        store
            .subject_records(&subject(CITIZEN), &all())
            .await
            .expect("reads")
            .len(),
        1
    );
    // Deleting what was never there leaves a marker against older versions too.
    let receipt = apply(
        store,
        &tax,
        "k5",
        &batch(vec![], vec![json!({"id": "never", "version": 7})]),
    )
    .await;
    assert_eq!(receipt.deleted, 1);
    let receipt = apply(
        store,
        &tax,
        "k6",
        &batch(vec![deadline("never", 6, CITIZEN)], vec![]),
    )
    .await;
    assert_eq!((receipt.upserted, receipt.stale.len()), (0, 1));
}

pub async fn a_retried_batch_returns_the_first_receipt_and_writes_nothing(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let first_batch = batch(vec![deadline("d1", 1, CITIZEN)], vec![]);
    let first = store
        .apply_batch(&tax, &key("retry-me"), [1; 32], &first_batch)
        .await
        .expect("applies");
    let BatchOutcome::Applied(receipt) = first else {
        panic!("expected applied, got {first:?}")
    };
    let again = store
        .apply_batch(&tax, &key("retry-me"), [1; 32], &first_batch)
        .await
        .expect("answers");
    assert_eq!(again, BatchOutcome::Replayed(receipt));
    // The same key with another request writes nothing either.
    let other = batch(vec![deadline("d2", 1, CITIZEN)], vec![]);
    let reused = store
        .apply_batch(&tax, &key("retry-me"), [2; 32], &other)
        .await
        .expect("answers");
    assert_eq!(reused, BatchOutcome::KeyReused);
    assert_eq!(store.record_count(Some(&tax)).await.expect("counts"), 1);
}

pub async fn idempotency_keys_belong_to_one_provider(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let region = register(store, "region").await;
    apply(
        store,
        &tax,
        "shared-key",
        &batch(vec![deadline("d1", 1, CITIZEN)], vec![]),
    )
    .await;
    let receipt = apply(
        store,
        &region,
        "shared-key",
        &batch(vec![deadline("d1", 1, CITIZEN)], vec![]),
    )
    .await;
    assert_eq!(receipt.upserted, 1);
}

pub async fn providers_only_touch_their_own_records(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let region = register(store, "region").await;
    apply(
        store,
        &tax,
        "k1",
        &batch(vec![deadline("same-id", 1, CITIZEN)], vec![]),
    )
    .await;
    // The region uses the same id, a newer version and a delete: none of it reaches the tax record.
    apply(
        store,
        &region,
        "k1",
        &batch(vec![deadline("same-id", 9, CITIZEN)], vec![]),
    )
    .await;
    apply(
        store,
        &region,
        "k2",
        &batch(vec![], vec![json!({"id": "same-id", "version": 10})]),
    )
    .await;
    let records = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].provider, tax);
    assert_eq!(records[0].record.version.get(), 1);
}

pub async fn hidden_records_appear_at_their_time(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let mut hidden = deadline("later", 1, CITIZEN);
    let reveal = Utc::now() + Duration::days(3);
    hidden["hidden_until"] = json!(reveal.to_rfc3339());
    apply(
        store,
        &tax,
        "k1",
        &batch(vec![hidden, deadline("now", 1, CITIZEN)], vec![]),
    )
    .await;
    let today = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    assert_eq!(today.len(), 1);
    assert_eq!(today[0].record.id.as_str(), "now");
    let then = RecordFilter {
        visible_at: reveal + Duration::seconds(1),
        ..all()
    };
    let later = store
        .subject_records(&subject(CITIZEN), &then)
        .await
        .expect("reads");
    assert_eq!(later.len(), 2);
    let hidden_id = later
        .iter()
        .find(|r| r.record.id.as_str() == "later")
        .expect("there")
        .id;
    let early = store
        .subject_record(&subject(CITIZEN), &hidden_id, Utc::now())
        .await;
    assert!(matches!(early, Err(StoreError::NotFound)), "{early:?}");
    assert!(
        store
            .subject_record(&subject(CITIZEN), &hidden_id, then.visible_at)
            .await
            .is_ok()
    );
}

pub async fn the_subject_summary_agrees_with_the_records(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let now = Utc::now();
    let appointment_at = |id: &str, start: chrono::DateTime<Utc>| {
        let mut record = appointment(id, 1, CITIZEN);
        record["details"]["start"] = json!(start.to_rfc3339());
        record["details"]["end"] = json!((start + Duration::minutes(30)).to_rfc3339());
        record
    };
    let mut done = deadline("done", 1, CITIZEN);
    done["details"]["done"] = json!(true);
    let mut hidden = deadline("hidden", 1, CITIZEN);
    hidden["hidden_until"] = json!((now + Duration::days(3)).to_rfc3339());
    apply(
        store,
        &tax,
        "k1",
        &batch(
            vec![
                deadline("open", 1, CITIZEN),
                done,
                hidden,
                appointment_at("past", now - Duration::days(2)),
                appointment_at("coming", now + Duration::days(2)),
                deadline("gone", 1, CITIZEN),
                deadline("neighbour's", 1, NEIGHBOUR),
            ],
            vec![],
        ),
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let last_visit = Utc::now();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let mut closed = deadline("open", 2, CITIZEN);
    closed["details"]["done"] = json!(true);
    // Sent again with a new version and time of change, and nothing else changed: the
    // citizen has nothing new to read in it.
    let mut again = deadline("done", 2, CITIZEN);
    again["details"]["done"] = json!(true);
    again["title"] = json!({"da": "Frist 1"});
    again["updated_at"] = json!("2026-11-20T10:00:00Z");
    apply(
        store,
        &tax,
        "k2",
        &batch(
            vec![
                closed,
                again,
                appointment_at("new", now + Duration::days(20)),
            ],
            vec![json!({"id": "gone", "version": 2})],
        ),
    )
    .await;

    for (at, since) in [
        (Utc::now(), Some(last_visit)),
        (Utc::now(), None),
        (now + Duration::days(4), Some(last_visit)),
    ] {
        // The summary is read before the records: a store that keeps the records it decoded
        // answers the first summary from their bodies and the later ones from what it kept.
        let summary = store
            .subject_summary(&subject(CITIZEN), at, since)
            .await
            .expect("summarises");
        let visible = RecordFilter {
            visible_at: at,
            ..all()
        };
        let records = store
            .subject_records(&subject(CITIZEN), &visible)
            .await
            .expect("reads");
        assert_eq!(
            summary.clone().sorted(),
            SubjectSummary::of(&records, at, since).sorted(),
            "at {at} since {since:?}"
        );
        let mut attention: Vec<&str> = summary
            .may_need_attention
            .iter()
            .map(|stored| stored.record.id.as_str())
            .collect();
        attention.sort_unstable();
        let expected: &[&str] = if at > now + Duration::days(3) {
            &["hidden", "new"]
        } else {
            &["coming", "new"]
        };
        assert_eq!(attention, expected, "at {at}");
    }
    let summary = store
        .subject_summary(&subject(CITIZEN), Utc::now(), Some(last_visit))
        .await
        .expect("summarises");
    let tallied: u64 = summary.tallies.iter().map(|tally| tally.count).sum();
    assert_eq!(
        tallied, 5,
        "open, done, past, coming and new; not hidden, gone or the neighbour's"
    );
    assert_eq!(
        summary.changed_since.len(),
        2,
        "the closed deadline and the new appointment, not the one sent again unchanged"
    );
    let records = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    let again = records
        .iter()
        .find(|stored| stored.record.id.as_str() == "done")
        .expect("the deadline sent again");
    assert_eq!(again.record.version.get(), 2, "the new version is stored");
    assert!(
        again.changed_at < last_visit && again.stored_at > last_visit,
        "changed {} stored {}",
        again.changed_at,
        again.stored_at
    );
    let neighbour = store
        .subject_summary(&subject(NEIGHBOUR), Utc::now(), None)
        .await
        .expect("summarises");
    assert_eq!(neighbour.tallies.len(), 1);
    assert!(
        neighbour
            .may_need_attention
            .iter()
            .all(|stored| stored.subject == subject(NEIGHBOUR))
    );
}

pub async fn concurrent_batches_of_one_provider_apply_each_once(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let records = |version: i64| -> Batch {
        batch(
            (0..50)
                .map(|i| deadline(&format!("d{i}"), version, CITIZEN))
                .collect(),
            vec![],
        )
    };
    let (first, second) = (records(1), records(2));
    // Three tries of one request under one key, and a newer version under another key.
    let (same, newer) = (key("same"), key("newer"));
    let (a, b, c, newer) = tokio::join!(
        store.apply_batch(&tax, &same, [1; 32], &first),
        store.apply_batch(&tax, &same, [1; 32], &first),
        store.apply_batch(&tax, &same, [1; 32], &first),
        store.apply_batch(&tax, &newer, [2; 32], &second),
    );
    let outcomes = [a, b, c].map(|outcome| outcome.expect("applies or replays"));
    let applied: Vec<&BatchReceipt> = outcomes
        .iter()
        .filter_map(|outcome| match outcome {
            BatchOutcome::Applied(receipt) => Some(receipt),
            _ => None,
        })
        .collect();
    assert_eq!(applied.len(), 1, "{outcomes:?}");
    for outcome in &outcomes {
        match outcome {
            BatchOutcome::Applied(_) => {}
            BatchOutcome::Replayed(receipt) => assert_eq!(receipt, applied[0]),
            BatchOutcome::KeyReused => panic!("the same request was taken for another"),
        }
    }
    assert!(matches!(newer.expect("applies"), BatchOutcome::Applied(_)));
    let stored = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    assert_eq!(stored.len(), 50);
    assert!(stored.iter().all(|r| r.record.version.get() == 2));
    assert_eq!(store.record_count(Some(&tax)).await.expect("counts"), 50);
}

/// A case of `national_id`'s, received and open or decided.
fn case(id: &str, national_id: &str, decided: bool) -> Value {
    json!({
        "id": id, "version": 1, "subject": national_id, "kind": "case",
        "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
        "details": {"status_history": [
            {"status": {"en": "Received"}, "at": "2026-10-01T09:00:00Z", "final": decided}]}
    })
}

/// Stores for `CITIZEN` an open and a decided case, a case hidden for three days, a benefit
/// granted for 40 more days and one ended, a valid and an ended register fact and a
/// deadline, and an open case for `NEIGHBOUR`, all from provider "tax"; gives the provider
/// and the moment the days are counted from.
async fn store_standing_and_ended(store: &dyn Store) -> (ProviderId, DateTime<Utc>) {
    let tax = register(store, "tax").await;
    let now = Utc::now();
    let day = |days: i64| (now + Duration::days(days)).date_naive().to_string();
    let record = |id: &str, national_id: &str, kind: &str, classification: &str, details| {
        json!({
            "id": id, "version": 1, "subject": national_id, "kind": kind,
            "classification": classification, "updated_at": "2026-11-01T10:00:00Z",
            "details": details
        })
    };
    let benefit = |id: &str, until: String| {
        record(
            id,
            CITIZEN,
            "benefit",
            "85.01",
            json!({
            "granted_from": "2024-01-01", "granted_until": until, "repayable": false,
            "frequency": "monthly", "paid_in": "advance",
            "per_period": {"gross": 100, "tax": 40, "net": 60}}),
        )
    };
    let fact = |id: &str, until: Option<String>| {
        let mut details = json!({"fact": "address", "valid_from": "2020-03-01",
            "attributes": [{"name": {"en": "Address"}, "value": "Egevej 12"}]});
        if let Some(until) = until {
            details["valid_until"] = json!(until);
        }
        record(id, CITIZEN, "register_fact", "85.02", details)
    };
    let mut hidden = case("hidden", CITIZEN, false);
    hidden["hidden_until"] = json!((now + Duration::days(3)).to_rfc3339());
    apply(
        store,
        &tax,
        "k1",
        &batch(
            vec![
                case("open", CITIZEN, false),
                case("decided", CITIZEN, true),
                hidden,
                case("neighbour's", NEIGHBOUR, false),
                benefit("granted", day(40)),
                benefit("ended", day(-10)),
                fact("valid", None),
                fact("moved-away", Some(day(-400))),
                deadline("deadline", 1, CITIZEN),
            ],
            vec![],
        ),
    )
    .await;
    (tax, now)
}

/// The ids of a citizen's records, sorted.
fn ids_of(records: Vec<crate::StoredRecord>) -> Vec<String> {
    assert!(
        records
            .iter()
            .all(|stored| stored.subject == subject(CITIZEN))
    );
    let mut ids: Vec<String> = records
        .iter()
        .map(|stored| stored.record.id.to_string())
        .collect();
    ids.sort();
    ids
}

pub async fn standing_records_are_the_subjects_own_open_and_current_ones(store: &dyn Store) {
    let (tax, now) = store_standing_and_ended(store).await;
    let citizen = subject(CITIZEN);
    let ids = ids_of;
    let read = |at| store.standing_records(&citizen, at);
    assert_eq!(
        ids(read(now).await.expect("reads")),
        ["granted", "open", "valid"]
    );
    assert_eq!(
        ids(read(now + Duration::days(4)).await.expect("reads")),
        ["granted", "hidden", "open", "valid"]
    );
    assert_eq!(
        ids(read(now + Duration::days(60)).await.expect("reads")),
        ["hidden", "open", "valid"],
        "the benefit has ended"
    );
    // Decided since: it stands no more.
    let mut decided = case("open", CITIZEN, true);
    decided["version"] = json!(2);
    apply(store, &tax, "k2", &batch(vec![decided], vec![])).await;
    assert_eq!(ids(read(now).await.expect("reads")), ["granted", "valid"]);
}

pub async fn the_overview_read_is_the_summary_standing_records_and_choices(store: &dyn Store) {
    let (_, now) = store_standing_and_ended(store).await;
    let citizen = subject(CITIZEN);
    let choices = OverviewChoices {
        pinned_areas: vec![Area::Economy],
        chosen_events: vec!["moving".into()],
        ..OverviewChoices::default()
    };
    store
        .put_overview_choices(&citizen, &choices)
        .await
        .expect("writes");
    for (at, since) in [
        (now, Some(now - Duration::hours(1))),
        (now + Duration::days(4), None),
        (now + Duration::days(60), Some(now)),
    ] {
        let read = store
            .subject_overview(&citizen, at, since)
            .await
            .expect("reads");
        let summary = store.subject_summary(&citizen, at, since);
        assert_eq!(read.summary, summary.await.expect("reads"));
        let standing = store.standing_records(&citizen, at);
        assert_eq!(
            ids_of(read.standing),
            ids_of(standing.await.expect("reads"))
        );
        assert_eq!(read.choices, choices);
    }
    // The neighbour reads their own record and their own (default) choices.
    let neighbour = store
        .subject_overview(&subject(NEIGHBOUR), now, None)
        .await
        .expect("reads");
    let theirs: Vec<&str> = neighbour
        .standing
        .iter()
        .map(|stored| stored.record.id.as_str())
        .collect();
    assert_eq!(theirs, ["neighbour's"]);
    assert_eq!(neighbour.choices, OverviewChoices::default());
}
