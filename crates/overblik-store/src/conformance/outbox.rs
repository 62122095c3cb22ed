//! The outbox role: e-mails and webhook deliveries claimed and settled once.

use super::*;

pub async fn mail_is_claimed_once_per_lease_and_settled(store: &dyn Store) {
    let now = Utc::now();
    let notices: Vec<_> = (0..3)
        .map(|i| plain_notice(CITIZEN, &format!("m{i}"), Duration::seconds(-10 + i)))
        .collect();
    store.add_notices(&notices).await.expect("adds");
    store
        .add_notices(&[plain_notice(CITIZEN, "later", Duration::hours(1))])
        .await
        .expect("adds");
    let stats = store.outbox_stats(now).await.expect("stats");
    assert_eq!(
        OutboxStats {
            oldest_due_at: None,
            ..stats
        },
        OutboxStats {
            due: 3,
            retrying: 0,
            waiting: 1,
            oldest_due_at: None,
        }
    );
    assert_eq!(
        stats.oldest_due_at.map(|at| at.timestamp_millis()),
        Some(notices[0].due_at.timestamp_millis())
    );

    let lease = now + Duration::minutes(1);
    let first = store.claim_mail(now, lease, 2).await.expect("claims");
    let ids: Vec<_> = first.iter().map(|job| job.notice.id).collect();
    assert_eq!(ids, [notices[0].id, notices[1].id], "oldest due first");
    assert!(
        first
            .iter()
            .all(|job| job.state == MailState::Pending && job.attempts == 0)
    );
    assert_eq!(first[0].preferences, Preferences::default());
    let second = store.claim_mail(now, lease, 10).await.expect("claims");
    assert_eq!(
        second.iter().map(|job| job.notice.id).collect::<Vec<_>>(),
        [notices[2].id],
        "leased notices are not claimed twice"
    );

    store
        .settle_mail(&notices[0].id, lease, &MailOutcome::Sent, now)
        .await
        .expect("settles");
    let retry_at = now + Duration::seconds(30);
    store
        .settle_mail(
            &notices[1].id,
            lease,
            &MailOutcome::Retry {
                at: retry_at,
                error: "connection refused".to_owned(),
            },
            now,
        )
        .await
        .expect("settles");
    store
        .settle_mail(&notices[2].id, lease, &MailOutcome::Skipped, now)
        .await
        .expect("settles");
    assert!(
        store
            .claim_mail(now, lease, 10)
            .await
            .expect("claims")
            .is_empty()
    );
    let stats = store.outbox_stats(now).await.expect("stats");
    assert_eq!(
        (stats.due, stats.retrying),
        (0, 1),
        "a retry waiting for its time counts as retrying"
    );
    let stats = store.outbox_stats(retry_at).await.expect("stats");
    assert_eq!((stats.due, stats.retrying), (1, 1));
    let retried = store
        .claim_mail(retry_at, retry_at + Duration::minutes(1), 10)
        .await
        .expect("claims");
    assert_eq!(retried.len(), 1);
    assert_eq!(
        (retried[0].notice.id, retried[0].attempts),
        (notices[1].id, 1)
    );

    // A worker that died: its lease runs out and the notice is claimed again. The first
    // worker, late, can no longer write what became of it; the second can.
    let after_lease = retry_at + Duration::minutes(2);
    let again = store
        .claim_mail(after_lease, after_lease + Duration::minutes(1), 10)
        .await
        .expect("claims");
    let again = again
        .iter()
        .find(|job| job.notice.id == notices[1].id)
        .expect("claimed again");
    assert!(matches!(
        store
            .settle_mail(
                &notices[1].id,
                retried[0].lease_until,
                &MailOutcome::Hold { until: now },
                after_lease,
            )
            .await,
        Err(StoreError::NotFound)
    ));

    // Held for the digest: claimed again at the digest's time, as held.
    let digest_at = after_lease + Duration::hours(2);
    store
        .settle_mail(
            &notices[1].id,
            again.lease_until,
            &MailOutcome::Hold { until: digest_at },
            after_lease,
        )
        .await
        .expect("settles");
    let held = store
        .claim_mail(digest_at, digest_at + Duration::minutes(1), 10)
        .await
        .expect("claims");
    let job = held
        .iter()
        .find(|job| job.notice.id == notices[1].id)
        .expect("the held notice");
    assert_eq!(job.state, MailState::Held);
    // Given up for good: never claimed again.
    store
        .settle_mail(
            &notices[1].id,
            job.lease_until,
            &MailOutcome::Failed {
                error: "rejected permanently (550)".to_owned(),
            },
            digest_at,
        )
        .await
        .expect("settles");
    let stats = store.outbox_stats(digest_at).await.expect("stats");
    assert!(
        store
            .claim_mail(digest_at, digest_at + Duration::minutes(1), 10)
            .await
            .expect("claims")
            .iter()
            .all(|job| job.notice.id != notices[1].id)
    );
    assert_eq!(stats.retrying, 0, "a notice given up is not in the queue");
    assert!(matches!(
        store
            .settle_mail(&NoticeId::random(), lease, &MailOutcome::Sent, now)
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn webhook_deliveries_are_written_with_each_change_and_acknowledge_it(store: &dyn Store) {
    let health = register(store, "health").await;
    let now = Utc::now();
    let (unannounced, _) = report(store, &health, CITIZEN, now).await;
    assert!(
        store
            .claim_webhooks(now, now + Duration::minutes(1), 10)
            .await
            .expect("claims")
            .is_empty(),
        "no webhook registered, nothing to deliver"
    );
    assert_eq!(store.webhook(&health).await.expect("reads"), None);
    store
        .put_webhook(&health, Some("http://127.0.0.1:9/hook"))
        .await
        .expect("registers");
    assert_eq!(
        store.webhook(&health).await.expect("reads").as_deref(),
        Some("http://127.0.0.1:9/hook")
    );
    let (announced, _) = report(store, &health, CITIZEN, now).await;
    assert_eq!(store.webhook_backlog(now).await.expect("counts"), (1, 0));

    let lease = now + Duration::minutes(1);
    let jobs = store.claim_webhooks(now, lease, 10).await.expect("claims");
    assert_eq!(jobs.len(), 1);
    let job = &jobs[0];
    assert_eq!(
        (job.correction, job.revision, job.attempts, job.url.as_str()),
        (announced.id, 1, 0, "http://127.0.0.1:9/hook")
    );
    assert!(
        store
            .claim_webhooks(now, lease, 10)
            .await
            .expect("claims")
            .is_empty(),
        "a leased delivery is not claimed twice"
    );
    let retry_at = now + Duration::seconds(30);
    store
        .settle_webhook(
            &job.id,
            job.lease_until,
            &WebhookOutcome::Retry {
                at: retry_at,
                error: "connection refused".to_owned(),
            },
            now,
        )
        .await
        .expect("settles");
    assert_eq!(store.webhook_backlog(now).await.expect("counts"), (0, 1));
    assert!(
        store
            .claim_webhooks(now, lease, 10)
            .await
            .expect("claims")
            .is_empty()
    );
    let later = retry_at + Duration::seconds(1);
    let jobs = store
        .claim_webhooks(later, later + Duration::minutes(1), 10)
        .await
        .expect("claims");
    assert_eq!((jobs.len(), jobs[0].attempts), (1, 1));
    // A worker whose lease ran out and was taken over, late with its answer, changes nothing.
    store
        .settle_webhook(
            &jobs[0].id,
            job.lease_until,
            &WebhookOutcome::Retry {
                at: later + Duration::hours(1),
                error: "timed out".to_owned(),
            },
            later,
        )
        .await
        .expect("settles nothing");
    assert_eq!(
        store.webhook_backlog(later).await.expect("counts"),
        (1, 0),
        "still due, under the second worker's lease"
    );
    store
        .settle_webhook(
            &jobs[0].id,
            jobs[0].lease_until,
            &WebhookOutcome::Delivered,
            later,
        )
        .await
        .expect("settles");
    // A second settling changes nothing.
    store
        .settle_webhook(
            &jobs[0].id,
            jobs[0].lease_until,
            &WebhookOutcome::Delivered,
            later,
        )
        .await
        .expect("settles again");
    let delivered = store.correction(&announced.id).await.expect("reads");
    assert_eq!(delivered.state(), CorrectionState::Received);
    assert!(!delivered.awaits_acknowledgement());
    assert_eq!(store.webhook_backlog(later).await.expect("counts"), (0, 0));
    let pending = store
        .provider_corrections(&health, true, 10)
        .await
        .expect("lists");
    assert_eq!(
        pending.iter().map(|c| c.id).collect::<Vec<_>>(),
        [unannounced.id],
        "a delivered request is acknowledged"
    );

    store
        .withdraw_correction(&subject(CITIZEN), &announced.id, later)
        .await
        .expect("withdraws");
    store.put_webhook(&health, None).await.expect("removes");
    let jobs = store
        .claim_webhooks(later, later + Duration::minutes(1), 10)
        .await
        .expect("claims");
    assert_eq!(jobs.len(), 1);
    assert_eq!((jobs[0].revision, jobs[0].url.as_str()), (2, ""));
    store
        .settle_webhook(
            &jobs[0].id,
            jobs[0].lease_until,
            &WebhookOutcome::Dropped,
            later,
        )
        .await
        .expect("settles");
    assert_eq!(store.webhook_backlog(later).await.expect("counts"), (0, 0));
}
