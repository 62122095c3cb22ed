//! Notifications in SQLite: preferences, the outbox of notices and calendar feeds.

use crate::{from_millis, millis, other};
use chrono::{DateTime, Duration, Utc};
use overblik_model::notify::{
    Changes, Confirmation, MailOutcome, MailState, Moment, Notice, NoticeId, Preferences, Title,
    address_key,
};
use overblik_model::{Language, ProviderId, Record, RecordId, SubjectKey};
use overblik_store::outbox::notices_to_write;
use overblik_store::{
    CONFIRMATIONS_KEPT, ConfirmationsSent, MailJob, NotificationsExport, OutboxStats, StoreError,
    StoreResult, StoredCalendarFeed, StoredNotice, StoredPreferences,
};
use sqlx::sqlite::{SqlitePool, SqliteRow};
use sqlx::{Row, Sqlite, SqliteConnection, Transaction};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// How long an e-mail confirmation link works.
const CONFIRMATION_LIFETIME: Duration = Duration::days(7);

const NOTICE_COLUMNS: &str = "id, subject, happening, key, record_id, title, moment, created_at, \
    due_at, read_at, confirmation";

const PREFERENCE_COLUMNS: &str = "subject, email, email_confirmed_at, in_product, topics, \
    lead_hours, language, digest, email_details";

/// The happenings that are reminders, as an SQL list.
const REMINDERS: &str = "('appointment_reminder', 'deadline_reminder', 'payment_due')";

fn language_code(language: Language) -> &'static str {
    language.code()
}

fn bad(what: &str) -> StoreError {
    StoreError::Other(format!("a stored notice has a bad {what}").into())
}

fn subject_of(row: &SqliteRow) -> StoreResult<SubjectKey> {
    let bytes: Vec<u8> = row.try_get("subject").map_err(other)?;
    SubjectKey::from_slice(&bytes).ok_or_else(|| bad("subject"))
}

fn preferences_of(row: &SqliteRow) -> StoreResult<Preferences> {
    let topics: String = row.try_get("topics").map_err(other)?;
    let language: String = row.try_get("language").map_err(other)?;
    let confirmed: Option<i64> = row.try_get("email_confirmed_at").map_err(other)?;
    Ok(Preferences {
        email: row.try_get("email").map_err(other)?,
        email_confirmed: confirmed.is_some(),
        in_product: row.try_get("in_product").map_err(other)?,
        topics: serde_json::from_str(&topics).map_err(|_| bad("topics"))?,
        lead_hours: row
            .try_get::<i64, _>("lead_hours")
            .map_err(other)?
            .try_into()
            .map_err(|_| bad("lead"))?,
        language: Language::from_code(&language).ok_or_else(|| bad("language"))?,
        digest: row.try_get("digest").map_err(other)?,
        email_details: row.try_get("email_details").map_err(other)?,
    })
}

fn notice_of(row: &SqliteRow) -> StoreResult<Notice> {
    let id: Vec<u8> = row.try_get("id").map_err(other)?;
    let happening: String = row.try_get("happening").map_err(other)?;
    let record_id: Option<Vec<u8>> = row.try_get("record_id").map_err(other)?;
    let title: Option<String> = row.try_get("title").map_err(other)?;
    let moment: Option<String> = row.try_get("moment").map_err(other)?;
    let confirmation: Option<String> = row.try_get("confirmation").map_err(other)?;
    let record = match (record_id, title) {
        (Some(id), Some(title)) => Some((
            RecordId::from_uuid(uuid::Uuid::from_slice(&id).map_err(|_| bad("record"))?),
            serde_json::from_str::<Title>(&title).map_err(|_| bad("title"))?,
        )),
        _ => None,
    };
    Ok(Notice {
        id: NoticeId::from_uuid(uuid::Uuid::from_slice(&id).map_err(|_| bad("id"))?),
        subject: subject_of(row)?,
        happening: happening.parse().map_err(|_| bad("happening"))?,
        key: row.try_get("key").map_err(other)?,
        record,
        moment: match moment {
            Some(text) => Some(Moment::from_text(&text).ok_or_else(|| bad("moment"))?),
            None => None,
        },
        created_at: from_millis(row.try_get("created_at").map_err(other)?),
        due_at: from_millis(row.try_get("due_at").map_err(other)?),
        read_at: row
            .try_get::<Option<i64>, _>("read_at")
            .map_err(other)?
            .map(from_millis),
        confirmation: match confirmation {
            Some(text) => {
                Some(serde_json::from_str::<Confirmation>(&text).map_err(|_| bad("confirmation"))?)
            }
            None => None,
        },
    })
}

/// A notice's record id, title and confirmation as their columns keep them.
type NoticeColumns = (Option<Vec<u8>>, Option<String>, Option<String>);

fn stored_columns(notice: &Notice) -> StoreResult<NoticeColumns> {
    let (record_id, title) = match &notice.record {
        Some((id, title)) => (
            Some(id.as_uuid().as_bytes().to_vec()),
            Some(serde_json::to_string(title).map_err(StoreError::other)?),
        ),
        None => (None, None),
    };
    let confirmation = notice
        .confirmation
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(StoreError::other)?;
    Ok((record_id, title, confirmation))
}

/// Writes notices, leaving out those whose key is stored already, unless the one stored was
/// cancelled: a reminder wanted again (an appointment moved back, a record re-sent or moved
/// to another citizen) is made anew from the cancelled one.
pub(crate) async fn insert_notices(
    connection: &mut SqliteConnection,
    notices: &[Notice],
) -> StoreResult<u64> {
    let mut written = 0;
    for notice in notices {
        let (record_id, title, confirmation) = stored_columns(notice)?;
        written += sqlx::query(
            "INSERT INTO notices (id, subject, happening, key, record_id, title, moment,
                 moment_at, created_at, due_at, confirmation, mail_state, mail_due_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'pending', ?10)
             ON CONFLICT (key) DO UPDATE SET subject = excluded.subject,
                 happening = excluded.happening, record_id = excluded.record_id,
                 title = excluded.title, moment = excluded.moment,
                 moment_at = excluded.moment_at, created_at = excluded.created_at,
                 due_at = excluded.due_at, confirmation = excluded.confirmation,
                 mail_state = 'pending', mail_due_at = excluded.due_at, attempts = 0,
                 lease_until = NULL, last_error = NULL, read_at = NULL, sent_at = NULL
             WHERE notices.mail_state = 'cancelled'",
        )
        .bind(notice.id.as_uuid().as_bytes().as_slice())
        .bind(notice.subject.as_bytes().as_slice())
        .bind(notice.happening.as_str())
        .bind(&notice.key)
        .bind(record_id)
        .bind(title)
        .bind(notice.moment.map(Moment::to_text))
        .bind(notice.moment.map(|moment| millis(moment.instant())))
        .bind(millis(notice.created_at))
        .bind(millis(notice.due_at))
        .bind(confirmation)
        .execute(&mut *connection)
        .await
        .map_err(other)?
        .rows_affected();
    }
    Ok(written)
}

/// One batch's notices as its records are written: the reminder lead of each subject is
/// read once.
#[derive(Debug, Default)]
pub struct BatchNotices {
    leads: HashMap<SubjectKey, Duration>,
}

impl BatchNotices {
    /// Records the notices `changes` call for, written as `record_id`, and cancels the
    /// record's pending reminders that `changes` no longer want, and every notice of it that
    /// is another citizen's (the record was filed under the wrong one: even one told already
    /// leaves that citizen's list). `replaced`
    /// tells whether the record had a version before: a new record has nothing to cancel.
    #[expect(
        clippy::too_many_arguments,
        reason = "one written record and its context"
    )]
    pub async fn record_written(
        &mut self,
        tx: &mut Transaction<'_, Sqlite>,
        record_id: RecordId,
        subject: &SubjectKey,
        record: &Record,
        changes: Changes,
        replaced: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        if replaced {
            let reminder_keys =
                serde_json::to_string(&changes.reminder_keys).map_err(StoreError::other)?;
            sqlx::query(&format!(
                "UPDATE notices SET mail_state = 'cancelled', lease_until = NULL
                 WHERE record_id = ?1 AND mail_state <> 'cancelled'
                   AND (subject <> ?3
                        OR (mail_state IN ('pending', 'held') AND happening IN {REMINDERS}
                            AND key NOT IN (SELECT value FROM json_each(?2))))"
            ))
            .bind(record_id.as_uuid().as_bytes().as_slice())
            .bind(reminder_keys)
            .bind(subject.as_bytes().as_slice())
            .execute(&mut **tx)
            .await
            .map_err(other)?;
        }
        if changes.notices.is_empty() {
            return Ok(());
        }
        let lead = match self.leads.get(subject) {
            Some(lead) => *lead,
            None => {
                let hours: Option<i64> = sqlx::query_scalar(
                    "SELECT lead_hours FROM notification_preferences WHERE subject = ?1",
                )
                .bind(subject.as_bytes().as_slice())
                .fetch_optional(&mut **tx)
                .await
                .map_err(other)?;
                let lead = hours.map_or_else(|| Preferences::default().lead(), Duration::hours);
                self.leads.insert(*subject, lead);
                lead
            }
        };
        let notices = notices_to_write(record_id, subject, record, changes, lead, now);
        insert_notices(tx, &notices).await?;
        Ok(())
    }
}

/// A deleted record's pending reminders are not wanted any more.
pub async fn record_deleted(
    tx: &mut Transaction<'_, Sqlite>,
    provider: &ProviderId,
    source_id: &str,
) -> StoreResult<()> {
    sqlx::query(&format!(
        "UPDATE notices SET mail_state = 'cancelled', lease_until = NULL
         WHERE record_id = (SELECT id FROM records WHERE provider_id = ?1 AND source_id = ?2)
           AND happening IN {REMINDERS} AND mail_state IN ('pending', 'held')"
    ))
    .bind(provider.as_str())
    .bind(source_id)
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

/// The stored versions of a provider's records among `source_ids`, of the kinds that may
/// make notices, to tell what changed.
pub async fn versions_before(
    tx: &mut Transaction<'_, Sqlite>,
    provider: &ProviderId,
    source_ids: &[&str],
) -> StoreResult<HashMap<String, Record>> {
    let mut query = sqlx::QueryBuilder::<Sqlite>::new(
        "SELECT source_id, body FROM records WHERE provider_id = ",
    );
    query.push_bind(provider.as_str().to_owned());
    query.push(
        " AND body IS NOT NULL AND kind IN ('appointment', 'payment', 'debt', 'case', 'deadline')
          AND source_id IN (",
    );
    let mut list = query.separated(", ");
    for id in source_ids {
        list.push_bind(id.to_string());
    }
    query.push(")");
    let rows: Vec<(String, String)> = query
        .build_query_as()
        .fetch_all(&mut **tx)
        .await
        .map_err(other)?;
    rows.into_iter()
        .map(|(id, body)| {
            crate::body::record(&body)
                .map(|record| (id, record))
                .map_err(StoreError::other)
        })
        .collect()
}

pub async fn preferences(pool: &SqlitePool, subject: &SubjectKey) -> StoreResult<Preferences> {
    let row = sqlx::query(&format!(
        "SELECT {PREFERENCE_COLUMNS} FROM notification_preferences WHERE subject = ?1"
    ))
    .bind(subject.as_bytes().as_slice())
    .fetch_optional(pool)
    .await
    .map_err(other)?;
    row.map_or_else(|| Ok(Preferences::default()), |row| preferences_of(&row))
}

/// Makes sure the subject has a preferences row, with the defaults if it had none.
async fn ensure_preferences(
    connection: &mut SqliteConnection,
    subject: &SubjectKey,
) -> StoreResult<()> {
    let defaults = Preferences::default();
    sqlx::query(
        "INSERT INTO notification_preferences (subject, in_product, topics, lead_hours,
             language, digest, email_details)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (subject) DO NOTHING",
    )
    .bind(subject.as_bytes().as_slice())
    .bind(defaults.in_product)
    .bind(serde_json::to_string(&defaults.topics).map_err(StoreError::other)?)
    .bind(i64::from(defaults.lead_hours))
    .bind(language_code(defaults.language))
    .bind(defaults.digest)
    .bind(defaults.email_details)
    .execute(connection)
    .await
    .map_err(other)?;
    Ok(())
}

pub async fn put_preferences(
    writer: &SqlitePool,
    subject: &SubjectKey,
    preferences: &Preferences,
) -> StoreResult<()> {
    let mut tx = writer.begin().await.map_err(other)?;
    ensure_preferences(&mut tx, subject).await?;
    sqlx::query(
        "UPDATE notification_preferences SET in_product = ?2, topics = ?3, lead_hours = ?4,
             language = ?5, digest = ?6, email_details = ?7
         WHERE subject = ?1",
    )
    .bind(subject.as_bytes().as_slice())
    .bind(preferences.in_product)
    .bind(serde_json::to_string(&preferences.topics).map_err(StoreError::other)?)
    .bind(i64::from(preferences.lead_hours))
    .bind(language_code(preferences.language))
    .bind(preferences.digest)
    .bind(preferences.email_details)
    .execute(&mut *tx)
    .await
    .map_err(other)?;
    // Reminders not yet told move to the new lead time, but never before their record shows.
    let now = millis(Utc::now());
    let due = "max(moment_at - ?2, coalesce(
        (SELECT hidden_until FROM records WHERE records.id = notices.record_id), 0))";
    sqlx::query(&format!(
        "UPDATE notices SET due_at = {due}, mail_due_at = {due}
         WHERE subject = ?1 AND happening IN {REMINDERS} AND mail_state = 'pending'
           AND attempts = 0 AND due_at > ?3 AND moment_at IS NOT NULL"
    ))
    .bind(subject.as_bytes().as_slice())
    .bind(preferences.lead().num_milliseconds())
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(other)?;
    tx.commit().await.map_err(other)?;
    Ok(())
}

pub async fn change_email(
    writer: &SqlitePool,
    subject: &SubjectKey,
    address: Option<(&str, [u8; 32], &Notice)>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut tx = writer.begin().await.map_err(other)?;
    ensure_preferences(&mut tx, subject).await?;
    let (email, token_hash) = match address {
        Some((email, hash, _)) => (Some(email), Some(hash.to_vec())),
        None => (None, None),
    };
    sqlx::query(
        "UPDATE notification_preferences SET email = ?2, email_confirmed_at = NULL,
             email_token_hash = ?3, email_token_at = ?4
         WHERE subject = ?1",
    )
    .bind(subject.as_bytes().as_slice())
    .bind(email)
    .bind(token_hash)
    .bind(millis(now))
    .execute(&mut *tx)
    .await
    .map_err(other)?;
    if let Some((email, _, notice)) = address {
        insert_notices(&mut tx, std::slice::from_ref(notice)).await?;
        sqlx::query(
            "INSERT INTO email_confirmations_sent (subject, address_key, sent_at)
             VALUES (?1, ?2, ?3)",
        )
        .bind(subject.as_bytes().as_slice())
        .bind(address_key(email).as_slice())
        .bind(millis(now))
        .execute(&mut *tx)
        .await
        .map_err(other)?;
        sqlx::query("DELETE FROM email_confirmations_sent WHERE sent_at < ?1")
            .bind(millis(now - CONFIRMATIONS_KEPT))
            .execute(&mut *tx)
            .await
            .map_err(other)?;
    }
    tx.commit().await.map_err(other)?;
    Ok(())
}

pub async fn confirmations_sent(
    pool: &SqlitePool,
    subject: &SubjectKey,
    address: &str,
    since: DateTime<Utc>,
) -> StoreResult<ConfirmationsSent> {
    let times = |rows: Vec<i64>| rows.into_iter().map(from_millis).collect::<Vec<_>>();
    let by_subject: Vec<i64> = sqlx::query_scalar(
        "SELECT sent_at FROM email_confirmations_sent WHERE subject = ?1 AND sent_at >= ?2
         ORDER BY sent_at",
    )
    .bind(subject.as_bytes().as_slice())
    .bind(millis(since))
    .fetch_all(pool)
    .await
    .map_err(other)?;
    let to_address: Vec<i64> = sqlx::query_scalar(
        "SELECT sent_at FROM email_confirmations_sent WHERE address_key = ?1 AND sent_at >= ?2
         ORDER BY sent_at",
    )
    .bind(address_key(address).as_slice())
    .bind(millis(since))
    .fetch_all(pool)
    .await
    .map_err(other)?;
    Ok(ConfirmationsSent {
        by_subject: times(by_subject),
        to_address: times(to_address),
    })
}

pub async fn confirm_email(
    writer: &SqlitePool,
    token_hash: [u8; 32],
    now: DateTime<Utc>,
) -> StoreResult<SubjectKey> {
    let subject: Option<Vec<u8>> = sqlx::query_scalar(
        "UPDATE notification_preferences SET email_confirmed_at = ?2, email_token_hash = NULL
         WHERE email_token_hash = ?1 AND email IS NOT NULL AND email_token_at > ?3
         RETURNING subject",
    )
    .bind(token_hash.as_slice())
    .bind(millis(now))
    .bind(millis(now - CONFIRMATION_LIFETIME))
    .fetch_optional(writer)
    .await
    .map_err(other)?;
    let subject = subject.ok_or(StoreError::NotFound)?;
    SubjectKey::from_slice(&subject).ok_or_else(|| bad("subject"))
}

pub async fn add_notices(writer: &SqlitePool, notices: &[Notice]) -> StoreResult<u64> {
    let mut tx = writer.begin().await.map_err(other)?;
    let written = insert_notices(&mut tx, notices).await?;
    tx.commit().await.map_err(other)?;
    Ok(written)
}

pub async fn notices(
    pool: &SqlitePool,
    subject: &SubjectKey,
    now: DateTime<Utc>,
    limit: u32,
) -> StoreResult<Vec<Notice>> {
    let rows = sqlx::query(&format!(
        "SELECT {NOTICE_COLUMNS} FROM notices
         WHERE subject = ?1 AND due_at <= ?2 AND mail_state <> 'cancelled'
           AND happening <> 'email_confirmation'
         ORDER BY due_at DESC, seq DESC LIMIT ?3"
    ))
    .bind(subject.as_bytes().as_slice())
    .bind(millis(now))
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(other)?;
    rows.iter().map(notice_of).collect()
}

pub async fn mark_read(
    writer: &SqlitePool,
    subject: &SubjectKey,
    ids: &[NoticeId],
    at: DateTime<Utc>,
) -> StoreResult<u64> {
    let ids: Vec<String> = ids
        .iter()
        .map(|id| id.as_uuid().simple().to_string())
        .collect();
    let changed = sqlx::query(
        "UPDATE notices SET read_at = ?2
         WHERE subject = ?1 AND read_at IS NULL AND due_at <= ?2
           AND (?3 = '[]' OR hex(id) IN (SELECT upper(value) FROM json_each(?3)))",
    )
    .bind(subject.as_bytes().as_slice())
    .bind(millis(at))
    .bind(serde_json::to_string(&ids).map_err(StoreError::other)?)
    .execute(writer)
    .await
    .map_err(other)?
    .rows_affected();
    Ok(changed)
}

pub async fn claim_mail(
    writer: &SqlitePool,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u32,
) -> StoreResult<Vec<MailJob>> {
    let mut tx = writer.begin().await.map_err(other)?;
    let rows = sqlx::query(&format!(
        "UPDATE notices SET lease_until = ?2
         WHERE seq IN (
             SELECT seq FROM notices
             WHERE mail_state IN ('pending', 'held') AND mail_due_at <= ?1
               AND (lease_until IS NULL OR lease_until <= ?1)
             ORDER BY mail_due_at, seq LIMIT ?3)
         RETURNING {NOTICE_COLUMNS}, mail_state, attempts, mail_due_at"
    ))
    .bind(millis(now))
    .bind(millis(lease_until))
    .bind(i64::from(limit))
    .fetch_all(&mut *tx)
    .await
    .map_err(other)?;
    let mut preferences: HashMap<SubjectKey, Preferences> = HashMap::new();
    let mut jobs = Vec::with_capacity(rows.len());
    for row in &rows {
        let notice = notice_of(row)?;
        if let Entry::Vacant(slot) = preferences.entry(notice.subject) {
            let row = sqlx::query(&format!(
                "SELECT {PREFERENCE_COLUMNS} FROM notification_preferences WHERE subject = ?1"
            ))
            .bind(notice.subject.as_bytes().as_slice())
            .fetch_optional(&mut *tx)
            .await
            .map_err(other)?;
            slot.insert(
                row.map_or_else(|| Ok(Preferences::default()), |row| preferences_of(&row))?,
            );
        }
        let state: String = row.try_get("mail_state").map_err(other)?;
        let attempts: i64 = row.try_get("attempts").map_err(other)?;
        let mail_due_at: i64 = row.try_get("mail_due_at").map_err(other)?;
        jobs.push((
            mail_due_at,
            MailJob {
                preferences: preferences[&notice.subject].clone(),
                notice,
                state: state.parse::<MailState>().map_err(|_| bad("mail state"))?,
                attempts: attempts.try_into().unwrap_or(u32::MAX),
                lease_until,
            },
        ));
    }
    tx.commit().await.map_err(other)?;
    // RETURNING gives no order; the oldest due go first.
    jobs.sort_by_key(|(due, _)| *due);
    Ok(jobs.into_iter().map(|(_, job)| job).collect())
}

pub async fn settle_mail(
    writer: &SqlitePool,
    id: &NoticeId,
    lease_until: DateTime<Utc>,
    outcome: &MailOutcome,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let id = id.as_uuid().as_bytes().as_slice();
    let lease = millis(lease_until);
    let query = match outcome {
        MailOutcome::Sent => sqlx::query(
            "UPDATE notices SET mail_state = 'sent', sent_at = ?3, lease_until = NULL,
                 confirmation = NULL, last_error = NULL
             WHERE id = ?1 AND lease_until = ?2",
        )
        .bind(id)
        .bind(lease)
        .bind(millis(now)),
        MailOutcome::Skipped => sqlx::query(
            "UPDATE notices SET mail_state = 'skipped', lease_until = NULL, confirmation = NULL
             WHERE id = ?1 AND lease_until = ?2",
        )
        .bind(id)
        .bind(lease),
        MailOutcome::Failed { error } => sqlx::query(
            "UPDATE notices SET mail_state = 'failed', attempts = attempts + 1, last_error = ?3,
                 lease_until = NULL, confirmation = NULL
             WHERE id = ?1 AND lease_until = ?2",
        )
        .bind(id)
        .bind(lease)
        .bind(error.as_str()),
        MailOutcome::Retry { at, error } => sqlx::query(
            "UPDATE notices SET attempts = attempts + 1, mail_due_at = ?3, last_error = ?4,
                 lease_until = NULL
             WHERE id = ?1 AND lease_until = ?2",
        )
        .bind(id)
        .bind(lease)
        .bind(millis(*at))
        .bind(error.as_str()),
        MailOutcome::Hold { until } => sqlx::query(
            "UPDATE notices SET mail_state = 'held', mail_due_at = ?3, lease_until = NULL
             WHERE id = ?1 AND lease_until = ?2",
        )
        .bind(id)
        .bind(lease)
        .bind(millis(*until)),
    };
    let changed = query.execute(writer).await.map_err(other)?.rows_affected();
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn outbox_stats(pool: &SqlitePool, now: DateTime<Utc>) -> StoreResult<OutboxStats> {
    let (due, retrying, waiting, oldest): (i64, i64, i64, Option<i64>) = sqlx::query_as(
        "SELECT coalesce(sum(mail_due_at <= ?1), 0),
                coalesce(sum(attempts > 0), 0),
                coalesce(sum(mail_due_at > ?1), 0),
                min(CASE WHEN mail_due_at <= ?1 THEN mail_due_at END)
         FROM notices WHERE mail_state IN ('pending', 'held')",
    )
    .bind(millis(now))
    .fetch_one(pool)
    .await
    .map_err(other)?;
    let count = |value: i64| u64::try_from(value).unwrap_or(0);
    Ok(OutboxStats {
        due: count(due),
        retrying: count(retrying),
        waiting: count(waiting),
        oldest_due_at: oldest.map(from_millis),
    })
}

pub async fn put_calendar_feed(
    writer: &SqlitePool,
    subject: &SubjectKey,
    token_hash: [u8; 32],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO calendar_feeds (subject, token_hash, made_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (subject) DO UPDATE SET token_hash = excluded.token_hash,
             made_at = excluded.made_at",
    )
    .bind(subject.as_bytes().as_slice())
    .bind(token_hash.as_slice())
    .bind(millis(now))
    .execute(writer)
    .await
    .map_err(other)?;
    Ok(())
}

pub async fn calendar_feed(pool: &SqlitePool, token_hash: [u8; 32]) -> StoreResult<SubjectKey> {
    let subject: Vec<u8> =
        sqlx::query_scalar("SELECT subject FROM calendar_feeds WHERE token_hash = ?1")
            .bind(token_hash.as_slice())
            .fetch_optional(pool)
            .await
            .map_err(other)?
            .ok_or(StoreError::NotFound)?;
    SubjectKey::from_slice(&subject).ok_or_else(|| bad("subject"))
}

pub async fn calendar_feed_made(
    pool: &SqlitePool,
    subject: &SubjectKey,
) -> StoreResult<Option<DateTime<Utc>>> {
    let made: Option<i64> =
        sqlx::query_scalar("SELECT made_at FROM calendar_feeds WHERE subject = ?1")
            .bind(subject.as_bytes().as_slice())
            .fetch_optional(pool)
            .await
            .map_err(other)?;
    Ok(made.map(from_millis))
}

pub async fn revoke_calendar_feed(writer: &SqlitePool, subject: &SubjectKey) -> StoreResult<bool> {
    let removed = sqlx::query("DELETE FROM calendar_feeds WHERE subject = ?1")
        .bind(subject.as_bytes().as_slice())
        .execute(writer)
        .await
        .map_err(other)?
        .rows_affected();
    Ok(removed == 1)
}

fn stored_notice_of(row: &SqliteRow) -> StoreResult<StoredNotice> {
    let state: String = row.try_get("mail_state").map_err(other)?;
    let attempts: i64 = row.try_get("attempts").map_err(other)?;
    Ok(StoredNotice {
        notice: notice_of(row)?,
        mail_state: state.parse().map_err(|_| bad("mail state"))?,
        mail_due_at: from_millis(row.try_get("mail_due_at").map_err(other)?),
        attempts: attempts.try_into().map_err(|_| bad("attempts"))?,
        last_error: row.try_get("last_error").map_err(other)?,
        sent_at: row
            .try_get::<Option<i64>, _>("sent_at")
            .map_err(other)?
            .map(from_millis),
    })
}

fn hash_of(bytes: Vec<u8>) -> StoreResult<[u8; 32]> {
    bytes.try_into().map_err(|_| bad("token hash"))
}

pub async fn export(pool: &SqlitePool) -> StoreResult<NotificationsExport> {
    let mut export = NotificationsExport::default();
    let rows = sqlx::query(&format!(
        "SELECT {PREFERENCE_COLUMNS}, email_token_hash, email_token_at
         FROM notification_preferences ORDER BY subject"
    ))
    .fetch_all(pool)
    .await
    .map_err(other)?;
    for row in &rows {
        let token_hash: Option<Vec<u8>> = row.try_get("email_token_hash").map_err(other)?;
        let token_at: Option<i64> = row.try_get("email_token_at").map_err(other)?;
        export.preferences.push(StoredPreferences {
            subject: subject_of(row)?,
            preferences: preferences_of(row)?,
            email_confirmed_at: row
                .try_get::<Option<i64>, _>("email_confirmed_at")
                .map_err(other)?
                .map(from_millis),
            email_token: match (token_hash, token_at) {
                (Some(hash), Some(at)) => Some((hash_of(hash)?, from_millis(at))),
                _ => None,
            },
        });
    }
    let rows =
        sqlx::query("SELECT subject, token_hash, made_at FROM calendar_feeds ORDER BY subject")
            .fetch_all(pool)
            .await
            .map_err(other)?;
    for row in &rows {
        export.feeds.push(StoredCalendarFeed {
            subject: subject_of(row)?,
            token_hash: hash_of(row.try_get("token_hash").map_err(other)?)?,
            made_at: from_millis(row.try_get("made_at").map_err(other)?),
        });
    }
    let rows = sqlx::query(&format!(
        "SELECT {NOTICE_COLUMNS}, mail_state, mail_due_at, attempts, last_error, sent_at
         FROM notices ORDER BY seq"
    ))
    .fetch_all(pool)
    .await
    .map_err(other)?;
    export.notices = rows
        .iter()
        .map(stored_notice_of)
        .collect::<StoreResult<_>>()?;
    Ok(export)
}

pub async fn import(writer: &SqlitePool, export: &NotificationsExport) -> StoreResult<()> {
    let mut tx = writer.begin().await.map_err(other)?;
    for stored in &export.preferences {
        let chosen = &stored.preferences;
        sqlx::query(
            "INSERT INTO notification_preferences (subject, email, email_confirmed_at,
                 email_token_hash, email_token_at, in_product, topics, lead_hours, language,
                 digest, email_details)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )
        .bind(stored.subject.as_bytes().as_slice())
        .bind(&chosen.email)
        .bind(stored.email_confirmed_at.map(millis))
        .bind(stored.email_token.map(|(hash, _)| hash.to_vec()))
        .bind(stored.email_token.map(|(_, at)| millis(at)))
        .bind(chosen.in_product)
        .bind(serde_json::to_string(&chosen.topics).map_err(StoreError::other)?)
        .bind(i64::from(chosen.lead_hours))
        .bind(language_code(chosen.language))
        .bind(chosen.digest)
        .bind(chosen.email_details)
        .execute(&mut *tx)
        .await
        .map_err(other)?;
    }
    for feed in &export.feeds {
        sqlx::query(
            "INSERT INTO calendar_feeds (subject, token_hash, made_at) VALUES (?1, ?2, ?3)",
        )
        .bind(feed.subject.as_bytes().as_slice())
        .bind(feed.token_hash.as_slice())
        .bind(millis(feed.made_at))
        .execute(&mut *tx)
        .await
        .map_err(other)?;
    }
    for stored in &export.notices {
        let notice = &stored.notice;
        let (record_id, title, confirmation) = stored_columns(notice)?;
        sqlx::query(
            "INSERT INTO notices (id, subject, happening, key, record_id, title, moment,
                 moment_at, created_at, due_at, read_at, confirmation, mail_state, mail_due_at,
                 attempts, last_error, sent_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )
        .bind(notice.id.as_uuid().as_bytes().as_slice())
        .bind(notice.subject.as_bytes().as_slice())
        .bind(notice.happening.as_str())
        .bind(&notice.key)
        .bind(record_id)
        .bind(title)
        .bind(notice.moment.map(Moment::to_text))
        .bind(notice.moment.map(|moment| millis(moment.instant())))
        .bind(millis(notice.created_at))
        .bind(millis(notice.due_at))
        .bind(notice.read_at.map(millis))
        .bind(confirmation)
        .bind(stored.mail_state.as_str())
        .bind(millis(stored.mail_due_at))
        .bind(i64::from(stored.attempts))
        .bind(&stored.last_error)
        .bind(stored.sent_at.map(millis))
        .execute(&mut *tx)
        .await
        .map_err(other)?;
    }
    tx.commit().await.map_err(other)?;
    Ok(())
}
