//! The notifications role: notices written with batches, preferences, e-mail confirmation, calendar feeds.

use super::*;

pub async fn batches_write_each_notice_once_and_cancel_unwanted_reminders(store: &dyn Store) {
    let provider = register(store, "hospital").await;
    let first = appointment_in("a1", 1, 7, CITIZEN);
    apply(store, &provider, "k1", &batch(vec![first.clone()], vec![])).await;
    let notices = all_notices(store, CITIZEN).await;
    assert_eq!(
        happenings(&notices),
        [Happening::AppointmentNew, Happening::AppointmentReminder]
    );
    let news = notices
        .iter()
        .find(|notice| notice.happening == Happening::AppointmentNew)
        .expect("the news");
    assert!(news.due_at <= Utc::now(), "news is due at once");
    let reminder = notices
        .iter()
        .find(|notice| notice.happening == Happening::AppointmentReminder)
        .expect("the reminder");
    let Some(overblik_model::notify::Moment::At(start)) = reminder.moment else {
        panic!("a reminder has its moment");
    };
    assert_eq!(
        reminder.due_at,
        start - Duration::hours(24),
        "the default lead"
    );
    let records = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("records");
    assert_eq!(
        reminder.record.as_ref().map(|(id, _)| *id),
        Some(records[0].id)
    );
    assert!(all_notices(store, NEIGHBOUR).await.is_empty());

    // The same version again (a retry under a new key) is stale and makes nothing.
    apply(store, &provider, "k2", &batch(vec![first.clone()], vec![])).await;
    assert_eq!(all_notices(store, CITIZEN).await.len(), 2);

    // Moved: news of the change, a new reminder, and the old one cancelled.
    apply(
        store,
        &provider,
        "k3",
        &batch(vec![appointment_in("a1", 2, 8, CITIZEN)], vec![]),
    )
    .await;
    assert_eq!(
        happenings(&all_notices(store, CITIZEN).await),
        [
            Happening::AppointmentNew,
            Happening::AppointmentChanged,
            Happening::AppointmentReminder
        ]
    );

    // Moved back: the first reminder is wanted again, and made anew.
    apply(
        store,
        &provider,
        "k4",
        &batch(vec![as_version(&first, 3)], vec![]),
    )
    .await;
    let reminders: Vec<_> = all_notices(store, CITIZEN)
        .await
        .into_iter()
        .filter(|notice| notice.happening == Happening::AppointmentReminder)
        .collect();
    assert_eq!(reminders.len(), 1, "{reminders:?}");
    assert_eq!(reminders[0].due_at, start - Duration::hours(24));

    // Deleted: no reminder is left.
    apply(
        store,
        &provider,
        "k5",
        &batch(vec![], vec![json!({"id": "a1", "version": 4})]),
    )
    .await;
    assert_eq!(
        happenings(&all_notices(store, CITIZEN).await),
        [
            Happening::AppointmentNew,
            Happening::AppointmentChanged,
            Happening::AppointmentChanged
        ]
    );
}

pub async fn a_record_moved_to_another_citizen_takes_its_reminders_along(store: &dyn Store) {
    let provider = register(store, "hospital").await;
    let first = appointment_in("a1", 1, 7, CITIZEN);
    apply(store, &provider, "k1", &batch(vec![first.clone()], vec![])).await;
    // The news was told already (the citizen takes no e-mail): it is in their list.
    let now = Utc::now();
    let lease = now + Duration::minutes(1);
    for job in store.claim_mail(now, lease, 10).await.expect("claims") {
        store
            .settle_mail(&job.notice.id, lease, &MailOutcome::Skipped, now)
            .await
            .expect("settles");
    }
    assert_eq!(
        happenings(&all_notices(store, CITIZEN).await),
        [Happening::AppointmentNew, Happening::AppointmentReminder]
    );
    // Filed under the wrong citizen: the authority sends it again, under the right one.
    let mut moved = as_version(&first, 2);
    moved["subject"] = json!(NEIGHBOUR);
    apply(store, &provider, "k2", &batch(vec![moved], vec![])).await;
    let left = all_notices(store, CITIZEN).await;
    assert!(
        left.is_empty(),
        "nothing of it is left in the first citizen's list: {left:?}"
    );
    let reminders: Vec<_> = all_notices(store, NEIGHBOUR)
        .await
        .into_iter()
        .filter(|notice| notice.happening == Happening::AppointmentReminder)
        .collect();
    assert_eq!(
        reminders.len(),
        1,
        "the reminder is the right citizen's now"
    );
    assert_eq!(reminders[0].subject, subject(NEIGHBOUR));
}

pub async fn preferences_default_change_and_move_pending_reminders(store: &dyn Store) {
    let citizen = subject(CITIZEN);
    assert_eq!(
        store
            .notification_preferences(&citizen)
            .await
            .expect("reads"),
        Preferences::default()
    );
    let provider = register(store, "hospital").await;
    apply(
        store,
        &provider,
        "k1",
        &batch(vec![appointment_in("a1", 1, 7, CITIZEN)], vec![]),
    )
    .await;
    let chosen = Preferences {
        // Ignored here: only the confirmation flow sets the address.
        email: Some("ignored@example.org".to_owned()),
        email_confirmed: true,
        in_product: false,
        topics: [Topic::Reminder].into_iter().collect(),
        lead_hours: 3,
        language: overblik_model::Language::En,
        digest: true,
        email_details: true,
    };
    store
        .put_notification_preferences(&citizen, &chosen)
        .await
        .expect("writes");
    let stored = store
        .notification_preferences(&citizen)
        .await
        .expect("reads");
    assert_eq!(
        stored,
        Preferences {
            email: None,
            email_confirmed: false,
            ..chosen.clone()
        }
    );
    // Every interface language is kept as chosen.
    for language in overblik_model::Language::ALL {
        let in_language = Preferences {
            language,
            ..chosen.clone()
        };
        store
            .put_notification_preferences(&citizen, &in_language)
            .await
            .expect("writes");
        let read = store
            .notification_preferences(&citizen)
            .await
            .expect("reads");
        assert_eq!(read.language, language);
    }
    store
        .put_notification_preferences(&citizen, &chosen)
        .await
        .expect("writes");
    assert_eq!(
        store
            .notification_preferences(&subject(NEIGHBOUR))
            .await
            .expect("reads"),
        Preferences::default()
    );
    let reminder = all_notices(store, CITIZEN)
        .await
        .into_iter()
        .find(|notice| notice.happening == Happening::AppointmentReminder)
        .expect("the reminder");
    let start = reminder.moment.expect("a moment").instant();
    assert_eq!(
        reminder.due_at,
        start - Duration::hours(3),
        "moved to 3 hours"
    );

    // A new record's reminder takes the chosen lead at once.
    apply(
        store,
        &provider,
        "k2",
        &batch(vec![appointment_in("a2", 1, 9, CITIZEN)], vec![]),
    )
    .await;
    let later = all_notices(store, CITIZEN)
        .await
        .into_iter()
        .filter(|notice| notice.happening == Happening::AppointmentReminder)
        .max_by_key(|notice| notice.due_at)
        .expect("the second reminder");
    assert_eq!(
        later.due_at,
        later.moment.expect("a moment").instant() - Duration::hours(3)
    );

    // A hidden record's reminder waits until it shows, whatever the lead.
    let mut hidden = appointment_in("a3", 1, 10, CITIZEN);
    let start: chrono::DateTime<Utc> = hidden["details"]["start"]
        .as_str()
        .and_then(|text| text.parse().ok())
        .expect("a start");
    let shows = start - Duration::hours(2);
    hidden["hidden_until"] = json!(shows.to_rfc3339());
    apply(store, &provider, "k3", &batch(vec![hidden], vec![])).await;
    let week_ahead = Preferences {
        lead_hours: 168,
        ..chosen
    };
    store
        .put_notification_preferences(&citizen, &week_ahead)
        .await
        .expect("writes");
    let hidden_reminder = all_notices(store, CITIZEN)
        .await
        .into_iter()
        .find(|notice| {
            notice.happening == Happening::AppointmentReminder
                && notice.moment.map(|moment| moment.instant()) == Some(start)
        })
        .expect("the hidden record's reminder");
    assert_eq!(hidden_reminder.due_at, shows, "not before the record shows");
}

pub async fn confirmation_emails_are_counted_by_citizen_and_by_address(store: &dyn Store) {
    let now =
        chrono::DateTime::from_timestamp_millis(Utc::now().timestamp_millis()).expect("a time");
    let change = |national_id: &'static str, address: &'static str, at| async move {
        let notice = confirmation_notice(national_id, address, at);
        store
            .change_email(
                &subject(national_id),
                Some((address, rand_hash(), &notice)),
                at,
            )
            .await
            .expect("sets the address");
    };
    change(CITIZEN, "a@example.org", now - Duration::hours(2)).await;
    change(CITIZEN, "A@Example.org", now - Duration::minutes(30)).await;
    change(NEIGHBOUR, "a@example.org", now - Duration::minutes(10)).await;
    change(CITIZEN, "b@example.org", now).await;
    store
        .change_email(&subject(CITIZEN), None, now)
        .await
        .expect("removes the address");
    let sent = store
        .confirmations_sent(&subject(CITIZEN), "a@example.org", now - Duration::hours(1))
        .await
        .expect("reads");
    assert_eq!(
        sent.by_subject,
        [now - Duration::minutes(30), now],
        "the citizen's of the last hour, to any address; removing one sends nothing"
    );
    assert_eq!(
        sent.to_address,
        [now - Duration::minutes(30), now - Duration::minutes(10)],
        "the address's of the last hour, whoever asked, in any case of letters"
    );
}

pub async fn an_email_address_is_confirmed_once_by_its_own_token(store: &dyn Store) {
    let citizen = subject(CITIZEN);
    let now = Utc::now();
    let first = confirmation_notice(CITIZEN, "first@example.org", now);
    store
        .change_email(&citizen, Some(("first@example.org", [1; 32], &first)), now)
        .await
        .expect("sets the address");
    let preferences = store
        .notification_preferences(&citizen)
        .await
        .expect("reads");
    assert_eq!(preferences.email.as_deref(), Some("first@example.org"));
    assert!(!preferences.email_confirmed);

    // A newer address makes the first token useless.
    let second = confirmation_notice(CITIZEN, "second@example.org", now);
    store
        .change_email(
            &citizen,
            Some(("second@example.org", [2; 32], &second)),
            now,
        )
        .await
        .expect("sets the address");
    assert!(matches!(
        store.confirm_email([1; 32], now).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.confirm_email([9; 32], now).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        matches!(
            store.confirm_email([2; 32], now + Duration::days(8)).await,
            Err(StoreError::NotFound)
        ),
        "a week-old link has expired"
    );
    assert_eq!(
        store.confirm_email([2; 32], now).await.expect("confirms"),
        citizen
    );
    assert!(
        matches!(
            store.confirm_email([2; 32], now).await,
            Err(StoreError::NotFound)
        ),
        "a token works once"
    );
    let preferences = store
        .notification_preferences(&citizen)
        .await
        .expect("reads");
    assert_eq!(preferences.email.as_deref(), Some("second@example.org"));
    assert!(preferences.email_confirmed);
    // Both confirmation mails are in the outbox, and not in the citizen's list.
    let jobs = store
        .claim_mail(now, now + Duration::minutes(1), 10)
        .await
        .expect("claims");
    let mut addresses: Vec<_> = jobs
        .iter()
        .filter_map(|job| job.notice.confirmation.as_ref())
        .map(|confirmation| confirmation.address.as_str())
        .collect();
    addresses.sort_unstable();
    assert_eq!(addresses, ["first@example.org", "second@example.org"]);
    assert!(all_notices(store, CITIZEN).await.is_empty());

    store
        .change_email(&citizen, None, now)
        .await
        .expect("removes the address");
    let preferences = store
        .notification_preferences(&citizen)
        .await
        .expect("reads");
    assert_eq!(preferences.email, None);
    assert!(!preferences.email_confirmed);
}

pub async fn citizens_see_and_mark_only_their_own_due_notices(store: &dyn Store) {
    let mine = plain_notice(CITIZEN, "n1", Duration::seconds(-5));
    let later = plain_notice(CITIZEN, "n2", Duration::days(2));
    let theirs = plain_notice(NEIGHBOUR, "n3", Duration::seconds(-5));
    assert_eq!(
        store
            .add_notices(&[mine.clone(), later.clone(), theirs.clone()])
            .await
            .expect("adds"),
        3
    );
    let again = Notice {
        id: NoticeId::random(),
        ..mine.clone()
    };
    assert_eq!(
        store.add_notices(&[again]).await.expect("adds"),
        0,
        "same key"
    );

    let now = Utc::now();
    let listed = store
        .notices(&subject(CITIZEN), now, 10)
        .await
        .expect("lists");
    assert_eq!(listed.len(), 1, "only what is due");
    assert_eq!(listed[0].id, mine.id);
    assert_eq!(listed[0].record, mine.record);

    // The neighbour's id changes nothing of theirs when the citizen marks it.
    assert_eq!(
        store
            .mark_notices_read(&subject(CITIZEN), &[theirs.id], now)
            .await
            .expect("marks"),
        0
    );
    assert_eq!(
        store
            .mark_notices_read(&subject(CITIZEN), &[mine.id], now)
            .await
            .expect("marks"),
        1
    );
    let listed = store
        .notices(&subject(CITIZEN), now, 10)
        .await
        .expect("lists");
    assert!(listed[0].read_at.is_some());
    let neighbours = store
        .notices(&subject(NEIGHBOUR), now, 10)
        .await
        .expect("lists");
    assert!(neighbours[0].read_at.is_none());
    assert_eq!(
        store
            .mark_notices_read(&subject(NEIGHBOUR), &[], now)
            .await
            .expect("marks all"),
        1
    );
}

pub async fn calendar_feeds_are_made_replaced_and_revoked(store: &dyn Store) {
    let citizen = subject(CITIZEN);
    let now = Utc::now();
    assert_eq!(
        store.calendar_feed_made(&citizen).await.expect("reads"),
        None
    );
    store
        .put_calendar_feed(&citizen, [1; 32], now)
        .await
        .expect("makes");
    assert_eq!(store.calendar_feed([1; 32]).await.expect("opens"), citizen);
    assert!(
        store
            .calendar_feed_made(&citizen)
            .await
            .expect("reads")
            .is_some()
    );
    store
        .put_calendar_feed(&citizen, [2; 32], now)
        .await
        .expect("replaces");
    assert!(matches!(
        store.calendar_feed([1; 32]).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.calendar_feed([2; 32]).await.expect("opens"), citizen);
    assert!(store.revoke_calendar_feed(&citizen).await.expect("revokes"));
    assert!(!store.revoke_calendar_feed(&citizen).await.expect("revokes"));
    assert!(matches!(
        store.calendar_feed([2; 32]).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.calendar_feed([3; 32]).await,
        Err(StoreError::NotFound)
    ));
}
