//! Notifications in PostgreSQL: preferences, the outbox of notices and calendar feeds.
//!
//! A batch's notices are gathered while its records are written and stored together at the
//! end, a statement for all of them rather than one a record.

use crate::{micros, other};
use chrono::{DateTime, Duration, Utc};
use overblik_model::notify::{
    Changes, Confirmation, MailOutcome, MailState, Moment, Notice, NoticeId, Preferences, Title,
    address_key,
};
use overblik_model::{Language, Record, RecordId, SubjectKey};
use overblik_store::outbox::notices_to_write;
use overblik_store::{
    CONFIRMATIONS_KEPT, ConfirmationsSent, MailJob, NotificationsExport, OutboxStats, StoreError,
    StoreResult, StoredCalendarFeed, StoredNotice, StoredPreferences,
};
use sqlx::postgres::{PgPool, PgRow};
use sqlx::{PgConnection, Postgres, Row, Transaction};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use uuid::Uuid;

/// How long an e-mail confirmation link works.
const CONFIRMATION_LIFETIME: Duration = Duration::days(7);

const NOTICE_COLUMNS: &str = "id, subject, happening, key, record_id, title, moment, created_at, \
    due_at, read_at, confirmation";

const PREFERENCE_COLUMNS: &str = "subject, email, email_confirmed_at, in_product, topics, \
    lead_hours, language, digest, email_details";

/// The happenings that are reminders, as an SQL list.
const REMINDERS: &str = "('appointment_reminder', 'deadline_reminder', 'payment_due')";

/// Writes notices, leaving out those whose key is stored already, unless the one stored was
/// cancelled: a reminder wanted again (an appointment moved back, a record re-sent or moved
/// to another citizen) is made anew from the cancelled one. The keys among them are unique.
const INSERT_NOTICES: &str = "
    INSERT INTO notices (id, subject, happening, key, record_id, title, moment, moment_at,
                         created_at, due_at, confirmation, mail_state, mail_due_at)
    SELECT id, subject, happening, key, record_id, title::jsonb, moment, moment_at,
           created_at, due_at, confirmation::jsonb, 'pending', due_at
    FROM UNNEST($1::uuid[], $2::bytea[], $3::text[], $4::text[], $5::uuid[], $6::text[],
                $7::text[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[],
                $11::text[])
        WITH ORDINALITY AS incoming (id, subject, happening, key, record_id, title, moment,
                                     moment_at, created_at, due_at, confirmation, position)
    ORDER BY position
    ON CONFLICT (key) DO UPDATE SET subject = excluded.subject, happening = excluded.happening,
        record_id = excluded.record_id, title = excluded.title, moment = excluded.moment,
        moment_at = excluded.moment_at, created_at = excluded.created_at,
        due_at = excluded.due_at, confirmation = excluded.confirmation, mail_state = 'pending',
        mail_due_at = excluded.due_at, attempts = 0, lease_until = NULL, last_error = NULL,
        read_at = NULL, sent_at = NULL
    WHERE notices.mail_state = 'cancelled'";

fn language_code(language: Language) -> &'static str {
    language.code()
}

fn bad(what: &str) -> StoreError {
    StoreError::Other(format!("a stored notice has a bad {what}").into())
}

fn subject_of(row: &PgRow) -> StoreResult<SubjectKey> {
    let bytes: Vec<u8> = row.try_get("subject").map_err(other)?;
    SubjectKey::from_slice(&bytes).ok_or_else(|| bad("subject"))
}

fn preferences_of(row: &PgRow) -> StoreResult<Preferences> {
    let topics: serde_json::Value = row.try_get("topics").map_err(other)?;
    let language: String = row.try_get("language").map_err(other)?;
    let confirmed: Option<DateTime<Utc>> = row.try_get("email_confirmed_at").map_err(other)?;
    Ok(Preferences {
        email: row.try_get("email").map_err(other)?,
        email_confirmed: confirmed.is_some(),
        in_product: row.try_get("in_product").map_err(other)?,
        topics: serde_json::from_value(topics).map_err(|_| bad("topics"))?,
        lead_hours: row
            .try_get::<i32, _>("lead_hours")
            .map_err(other)?
            .try_into()
            .map_err(|_| bad("lead"))?,
        language: Language::from_code(&language).ok_or_else(|| bad("language"))?,
        digest: row.try_get("digest").map_err(other)?,
        email_details: row.try_get("email_details").map_err(other)?,
    })
}

fn notice_of(row: &PgRow) -> StoreResult<Notice> {
    let happening: String = row.try_get("happening").map_err(other)?;
    let record_id: Option<Uuid> = row.try_get("record_id").map_err(other)?;
    let title: Option<serde_json::Value> = row.try_get("title").map_err(other)?;
    let moment: Option<String> = row.try_get("moment").map_err(other)?;
    let confirmation: Option<serde_json::Value> = row.try_get("confirmation").map_err(other)?;
    let record = match (record_id, title) {
        (Some(id), Some(title)) => Some((
            RecordId::from_uuid(id),
            serde_json::from_value::<Title>(title).map_err(|_| bad("title"))?,
        )),
        _ => None,
    };
    Ok(Notice {
        id: NoticeId::from_uuid(row.try_get("id").map_err(other)?),
        subject: subject_of(row)?,
        happening: happening.parse().map_err(|_| bad("happening"))?,
        key: row.try_get("key").map_err(other)?,
        record,
        moment: match moment {
            Some(text) => Some(Moment::from_text(&text).ok_or_else(|| bad("moment"))?),
            None => None,
        },
        created_at: row.try_get("created_at").map_err(other)?,
        due_at: row.try_get("due_at").map_err(other)?,
        read_at: row.try_get("read_at").map_err(other)?,
        confirmation: match confirmation {
            Some(value) => Some(
                serde_json::from_value::<Confirmation>(value).map_err(|_| bad("confirmation"))?,
            ),
            None => None,
        },
    })
}

/// Columns of notices to write, one vector per column.
#[derive(Default)]
struct NoticeRows {
    id: Vec<Uuid>,
    subject: Vec<Vec<u8>>,
    happening: Vec<&'static str>,
    key: Vec<String>,
    record_id: Vec<Option<Uuid>>,
    title: Vec<Option<String>>,
    moment: Vec<Option<String>>,
    moment_at: Vec<Option<DateTime<Utc>>>,
    created_at: Vec<DateTime<Utc>>,
    due_at: Vec<DateTime<Utc>>,
    confirmation: Vec<Option<String>>,
}

/// Writes notices, leaving out those whose key is stored already (or comes earlier among
/// them). Returns how many were written.
pub(crate) async fn insert_notices(
    connection: &mut PgConnection,
    notices: &[Notice],
) -> StoreResult<u64> {
    if notices.is_empty() {
        return Ok(0);
    }
    let mut rows = NoticeRows::default();
    let mut keys = std::collections::HashSet::new();
    for notice in notices {
        // One statement may not make the same row twice.
        if !keys.insert(notice.key.as_str()) {
            continue;
        }
        let (record_id, title) = match &notice.record {
            Some((id, title)) => (
                Some(*id.as_uuid()),
                Some(serde_json::to_string(title).map_err(StoreError::other)?),
            ),
            None => (None, None),
        };
        rows.id.push(*notice.id.as_uuid());
        rows.subject.push(notice.subject.as_bytes().to_vec());
        rows.happening.push(notice.happening.as_str());
        rows.key.push(notice.key.clone());
        rows.record_id.push(record_id);
        rows.title.push(title);
        rows.moment.push(notice.moment.map(Moment::to_text));
        rows.moment_at
            .push(notice.moment.map(|moment| micros(moment.instant())));
        rows.created_at.push(micros(notice.created_at));
        rows.due_at.push(micros(notice.due_at));
        rows.confirmation.push(
            notice
                .confirmation
                .as_ref()
                .map(serde_json::to_string)
                .transpose()
                .map_err(StoreError::other)?,
        );
    }
    let written = sqlx::query(INSERT_NOTICES)
        .bind(rows.id)
        .bind(rows.subject)
        .bind(rows.happening)
        .bind(rows.key)
        .bind(rows.record_id)
        .bind(rows.title)
        .bind(rows.moment)
        .bind(rows.moment_at)
        .bind(rows.created_at)
        .bind(rows.due_at)
        .bind(rows.confirmation)
        .execute(connection)
        .await
        .map_err(other)?
        .rows_affected();
    Ok(written)
}

/// A record a batch wrote, with what changed in it.
#[derive(Debug)]
struct Written<'a> {
    record_id: RecordId,
    subject: SubjectKey,
    record: &'a Record,
    changes: Changes,
}

/// One batch's notices, gathered as its records are written and stored by [`Self::write`]
/// in the batch's transaction, after the records.
#[derive(Debug, Default)]
pub struct BatchNotices<'a> {
    written: Vec<Written<'a>>,
    /// The records whose pending reminders are cancelled unless wanted.
    reconsidered: Vec<Uuid>,
    /// The reminders still wanted, as (record, key).
    wanted: (Vec<Uuid>, Vec<String>),
    /// Whose the written records are now, as (record, subject): a notice of a record that
    /// is another citizen's now is not theirs to get, nor to keep in their list.
    owners: (Vec<Uuid>, Vec<Vec<u8>>),
}

impl<'a> BatchNotices<'a> {
    /// Records the notices `changes` call for, written as `record_id`, and that the record's
    /// pending reminders that `changes` no longer want, and its pending notices that are
    /// another citizen's, are to be cancelled.
    pub fn record_written(
        &mut self,
        record_id: RecordId,
        subject: &SubjectKey,
        record: &'a Record,
        changes: Changes,
    ) {
        self.reconsidered.push(*record_id.as_uuid());
        self.owners.0.push(*record_id.as_uuid());
        self.owners.1.push(subject.as_bytes().to_vec());
        for key in &changes.reminder_keys {
            self.wanted.0.push(*record_id.as_uuid());
            self.wanted.1.push(key.clone());
        }
        self.written.push(Written {
            record_id,
            subject: *subject,
            record,
            changes,
        });
    }

    /// A deleted record's pending reminders are not wanted any more.
    pub fn record_deleted(&mut self, record_id: Uuid) {
        self.reconsidered.push(record_id);
    }

    /// Cancels the reminders no longer wanted and writes the new notices at `now`, each
    /// subject's reminder lead read once.
    pub async fn write(
        self,
        tx: &mut Transaction<'_, Postgres>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        if !self.reconsidered.is_empty() {
            sqlx::query(&format!(
                "UPDATE notices SET mail_state = 'cancelled', lease_until = NULL
                 WHERE record_id = ANY($1) AND happening IN {REMINDERS}
                   AND mail_state IN ('pending', 'held')
                   AND NOT EXISTS (
                       SELECT 1 FROM UNNEST($2::uuid[], $3::text[]) AS wanted (record_id, key)
                       WHERE wanted.record_id = notices.record_id AND wanted.key = notices.key)"
            ))
            .bind(&self.reconsidered)
            .bind(&self.wanted.0)
            .bind(&self.wanted.1)
            .execute(&mut **tx)
            .await
            .map_err(other)?;
        }
        // A statement of its own, a join on the record: folded into the one above, as an
        // OR, it would be a scan of the batch for every notice.
        if !self.owners.0.is_empty() {
            sqlx::query(
                "UPDATE notices SET mail_state = 'cancelled', lease_until = NULL
                 FROM UNNEST($1::uuid[], $2::bytea[]) AS owner (record_id, subject)
                 WHERE notices.record_id = owner.record_id
                   AND notices.subject <> owner.subject
                   AND notices.mail_state <> 'cancelled'",
            )
            .bind(&self.owners.0)
            .bind(&self.owners.1)
            .execute(&mut **tx)
            .await
            .map_err(other)?;
        }
        let mut subjects: Vec<Vec<u8>> = self
            .written
            .iter()
            .filter(|written| !written.changes.notices.is_empty())
            .map(|written| written.subject.as_bytes().to_vec())
            .collect();
        if subjects.is_empty() {
            return Ok(());
        }
        subjects.sort_unstable();
        subjects.dedup();
        let chosen: Vec<(Vec<u8>, i32)> = sqlx::query_as(
            "SELECT subject, lead_hours FROM notification_preferences WHERE subject = ANY($1)",
        )
        .bind(&subjects)
        .fetch_all(&mut **tx)
        .await
        .map_err(other)?;
        let leads: HashMap<Vec<u8>, Duration> = chosen
            .into_iter()
            .map(|(subject, hours)| (subject, Duration::hours(i64::from(hours))))
            .collect();
        let mut notices = Vec::new();
        for written in self.written {
            if written.changes.notices.is_empty() {
                continue;
            }
            let lead = leads
                .get(written.subject.as_bytes().as_slice())
                .copied()
                .unwrap_or_else(|| Preferences::default().lead());
            notices.extend(notices_to_write(
                written.record_id,
                &written.subject,
                written.record,
                written.changes,
                lead,
                now,
            ));
        }
        insert_notices(tx, &notices).await?;
        Ok(())
    }
}

/// The stored versions of the records at `(subject, id)`, of the kinds that may make
/// notices, to tell what changed; by record id.
pub async fn versions_before(
    tx: &mut Transaction<'_, Postgres>,
    records: &[(SubjectKey, Uuid)],
) -> StoreResult<HashMap<Uuid, Record>> {
    if records.is_empty() {
        return Ok(HashMap::new());
    }
    let (subjects, ids): (Vec<Vec<u8>>, Vec<Uuid>) = records
        .iter()
        .map(|(subject, id)| (subject.as_bytes().to_vec(), *id))
        .unzip();
    let rows: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT id, body FROM records
         WHERE (subject, id) IN (SELECT * FROM UNNEST($1::bytea[], $2::uuid[]))
           AND kind IN ('appointment', 'payment', 'debt', 'case', 'deadline')",
    )
    .bind(subjects)
    .bind(ids)
    .fetch_all(&mut **tx)
    .await
    .map_err(other)?;
    rows.into_iter()
        .map(|(id, body)| {
            serde_json::from_str(&body)
                .map(|record| (id, record))
                .map_err(StoreError::other)
        })
        .collect()
}

async fn preferences_in(
    connection: &mut PgConnection,
    subject: &SubjectKey,
) -> StoreResult<Preferences> {
    let row = sqlx::query(&format!(
        "SELECT {PREFERENCE_COLUMNS} FROM notification_preferences WHERE subject = $1"
    ))
    .bind(subject.as_bytes().as_slice())
    .fetch_optional(connection)
    .await
    .map_err(other)?;
    row.map_or_else(|| Ok(Preferences::default()), |row| preferences_of(&row))
}

pub async fn preferences(pool: &PgPool, subject: &SubjectKey) -> StoreResult<Preferences> {
    let mut connection = pool.acquire().await.map_err(other)?;
    preferences_in(&mut connection, subject).await
}

pub async fn put_preferences(
    pool: &PgPool,
    subject: &SubjectKey,
    preferences: &Preferences,
) -> StoreResult<()> {
    let mut tx = pool.begin().await.map_err(other)?;
    sqlx::query(
        "INSERT INTO notification_preferences (subject, in_product, topics, lead_hours,
             language, digest, email_details)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (subject) DO UPDATE SET in_product = excluded.in_product,
             topics = excluded.topics, lead_hours = excluded.lead_hours,
             language = excluded.language, digest = excluded.digest,
             email_details = excluded.email_details",
    )
    .bind(subject.as_bytes().as_slice())
    .bind(preferences.in_product)
    .bind(serde_json::to_value(&preferences.topics).map_err(StoreError::other)?)
    .bind(i32::from(preferences.lead_hours))
    .bind(language_code(preferences.language))
    .bind(preferences.digest)
    .bind(preferences.email_details)
    .execute(&mut *tx)
    .await
    .map_err(other)?;
    // Reminders not yet told move to the new lead time, but never before their record shows.
    let due = "GREATEST(moment_at - make_interval(hours => $2),
        (SELECT hidden_until FROM records
         WHERE records.subject = notices.subject AND records.id = notices.record_id))";
    sqlx::query(&format!(
        "UPDATE notices SET due_at = {due}, mail_due_at = {due}
         WHERE subject = $1 AND happening IN {REMINDERS} AND mail_state = 'pending'
           AND attempts = 0 AND due_at > $3 AND moment_at IS NOT NULL"
    ))
    .bind(subject.as_bytes().as_slice())
    .bind(i32::from(preferences.lead_hours))
    .bind(Utc::now())
    .execute(&mut *tx)
    .await
    .map_err(other)?;
    tx.commit().await.map_err(other)?;
    Ok(())
}

pub async fn change_email(
    pool: &PgPool,
    subject: &SubjectKey,
    address: Option<(&str, [u8; 32], &Notice)>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let defaults = Preferences::default();
    let (email, token_hash) = match address {
        Some((email, hash, _)) => (Some(email), Some(hash.to_vec())),
        None => (None, None),
    };
    let mut tx = pool.begin().await.map_err(other)?;
    sqlx::query(
        "INSERT INTO notification_preferences (subject, email, email_confirmed_at,
             email_token_hash, email_token_at, in_product, topics, lead_hours, language,
             digest, email_details)
         VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (subject) DO UPDATE SET email = excluded.email,
             email_confirmed_at = NULL, email_token_hash = excluded.email_token_hash,
             email_token_at = excluded.email_token_at",
    )
    .bind(subject.as_bytes().as_slice())
    .bind(email)
    .bind(token_hash)
    .bind(micros(now))
    .bind(defaults.in_product)
    .bind(serde_json::to_value(&defaults.topics).map_err(StoreError::other)?)
    .bind(i32::from(defaults.lead_hours))
    .bind(language_code(defaults.language))
    .bind(defaults.digest)
    .bind(defaults.email_details)
    .execute(&mut *tx)
    .await
    .map_err(other)?;
    if let Some((email, _, notice)) = address {
        insert_notices(&mut tx, std::slice::from_ref(notice)).await?;
        sqlx::query(
            "INSERT INTO email_confirmations_sent (subject, address_key, sent_at)
             VALUES ($1, $2, $3)",
        )
        .bind(subject.as_bytes().as_slice())
        .bind(address_key(email).as_slice())
        .bind(micros(now))
        .execute(&mut *tx)
        .await
        .map_err(other)?;
        sqlx::query("DELETE FROM email_confirmations_sent WHERE sent_at < $1")
            .bind(micros(now - CONFIRMATIONS_KEPT))
            .execute(&mut *tx)
            .await
            .map_err(other)?;
    }
    tx.commit().await.map_err(other)?;
    Ok(())
}

pub async fn confirmations_sent(
    pool: &PgPool,
    subject: &SubjectKey,
    address: &str,
    since: DateTime<Utc>,
) -> StoreResult<ConfirmationsSent> {
    let by_subject: Vec<DateTime<Utc>> = sqlx::query_scalar(
        "SELECT sent_at FROM email_confirmations_sent WHERE subject = $1 AND sent_at >= $2
         ORDER BY sent_at",
    )
    .bind(subject.as_bytes().as_slice())
    .bind(since)
    .fetch_all(pool)
    .await
    .map_err(other)?;
    let to_address: Vec<DateTime<Utc>> = sqlx::query_scalar(
        "SELECT sent_at FROM email_confirmations_sent WHERE address_key = $1 AND sent_at >= $2
         ORDER BY sent_at",
    )
    .bind(address_key(address).as_slice())
    .bind(since)
    .fetch_all(pool)
    .await
    .map_err(other)?;
    Ok(ConfirmationsSent {
        by_subject,
        to_address,
    })
}

pub async fn confirm_email(
    pool: &PgPool,
    token_hash: [u8; 32],
    now: DateTime<Utc>,
) -> StoreResult<SubjectKey> {
    let subject: Option<Vec<u8>> = sqlx::query_scalar(
        "UPDATE notification_preferences SET email_confirmed_at = $2, email_token_hash = NULL
         WHERE email_token_hash = $1 AND email IS NOT NULL AND email_token_at > $3
         RETURNING subject",
    )
    .bind(token_hash.as_slice())
    .bind(micros(now))
    .bind(now - CONFIRMATION_LIFETIME)
    .fetch_optional(pool)
    .await
    .map_err(other)?;
    let subject = subject.ok_or(StoreError::NotFound)?;
    SubjectKey::from_slice(&subject).ok_or_else(|| bad("subject"))
}

pub async fn add_notices(pool: &PgPool, notices: &[Notice]) -> StoreResult<u64> {
    let mut connection = pool.acquire().await.map_err(other)?;
    insert_notices(&mut connection, notices).await
}

pub async fn notices(
    pool: &PgPool,
    subject: &SubjectKey,
    now: DateTime<Utc>,
    limit: u32,
) -> StoreResult<Vec<Notice>> {
    let rows = sqlx::query(&format!(
        "SELECT {NOTICE_COLUMNS} FROM notices
         WHERE subject = $1 AND due_at <= $2 AND mail_state <> 'cancelled'
           AND happening <> 'email_confirmation'
         ORDER BY due_at DESC, seq DESC LIMIT $3"
    ))
    .bind(subject.as_bytes().as_slice())
    .bind(now)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(other)?;
    rows.iter().map(notice_of).collect()
}

pub async fn mark_read(
    pool: &PgPool,
    subject: &SubjectKey,
    ids: &[NoticeId],
    at: DateTime<Utc>,
) -> StoreResult<u64> {
    let ids: Vec<Uuid> = ids.iter().map(|id| *id.as_uuid()).collect();
    let changed = sqlx::query(
        "UPDATE notices SET read_at = $2
         WHERE subject = $1 AND read_at IS NULL AND due_at <= $2
           AND (cardinality($3::uuid[]) = 0 OR id = ANY($3))",
    )
    .bind(subject.as_bytes().as_slice())
    .bind(micros(at))
    .bind(ids)
    .execute(pool)
    .await
    .map_err(other)?
    .rows_affected();
    Ok(changed)
}

pub async fn claim_mail(
    pool: &PgPool,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u32,
) -> StoreResult<Vec<MailJob>> {
    let mut tx = pool.begin().await.map_err(other)?;
    // Rows another worker is claiming are skipped, not waited for; once it commits, their
    // lease keeps them out.
    let rows = sqlx::query(&format!(
        "WITH due AS MATERIALIZED (
             SELECT seq FROM notices
             WHERE mail_state IN ('pending', 'held') AND mail_due_at <= $1
               AND (lease_until IS NULL OR lease_until <= $1)
             ORDER BY mail_due_at, seq LIMIT $3
             FOR UPDATE SKIP LOCKED)
         UPDATE notices SET lease_until = $2
         WHERE seq IN (SELECT seq FROM due)
         RETURNING {NOTICE_COLUMNS}, seq, mail_state, attempts, mail_due_at"
    ))
    .bind(now)
    .bind(micros(lease_until))
    .bind(i64::from(limit))
    .fetch_all(&mut *tx)
    .await
    .map_err(other)?;
    let mut preferences: HashMap<SubjectKey, Preferences> = HashMap::new();
    let mut jobs = Vec::with_capacity(rows.len());
    for row in &rows {
        let notice = notice_of(row)?;
        if let Entry::Vacant(entry) = preferences.entry(notice.subject) {
            entry.insert(preferences_in(&mut tx, &notice.subject).await?);
        }
        let state: String = row.try_get("mail_state").map_err(other)?;
        let attempts: i32 = row.try_get("attempts").map_err(other)?;
        let mail_due_at: DateTime<Utc> = row.try_get("mail_due_at").map_err(other)?;
        let seq: i64 = row.try_get("seq").map_err(other)?;
        jobs.push((
            (mail_due_at, seq),
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
    pool: &PgPool,
    id: &NoticeId,
    lease_until: DateTime<Utc>,
    outcome: &MailOutcome,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let id = *id.as_uuid();
    let lease = micros(lease_until);
    let query = match outcome {
        MailOutcome::Sent => sqlx::query(
            "UPDATE notices SET mail_state = 'sent', sent_at = $3, lease_until = NULL,
                 confirmation = NULL, last_error = NULL
             WHERE id = $1 AND lease_until = $2",
        )
        .bind(id)
        .bind(lease)
        .bind(micros(now)),
        MailOutcome::Skipped => sqlx::query(
            "UPDATE notices SET mail_state = 'skipped', lease_until = NULL, confirmation = NULL
             WHERE id = $1 AND lease_until = $2",
        )
        .bind(id)
        .bind(lease),
        MailOutcome::Failed { error } => sqlx::query(
            "UPDATE notices SET mail_state = 'failed', attempts = attempts + 1, last_error = $3,
                 lease_until = NULL, confirmation = NULL
             WHERE id = $1 AND lease_until = $2",
        )
        .bind(id)
        .bind(lease)
        .bind(error.as_str()),
        MailOutcome::Retry { at, error } => sqlx::query(
            "UPDATE notices SET attempts = attempts + 1, mail_due_at = $3, last_error = $4,
                 lease_until = NULL
             WHERE id = $1 AND lease_until = $2",
        )
        .bind(id)
        .bind(lease)
        .bind(micros(*at))
        .bind(error.as_str()),
        MailOutcome::Hold { until } => sqlx::query(
            "UPDATE notices SET mail_state = 'held', mail_due_at = $3, lease_until = NULL
             WHERE id = $1 AND lease_until = $2",
        )
        .bind(id)
        .bind(lease)
        .bind(micros(*until)),
    };
    let changed = query.execute(pool).await.map_err(other)?.rows_affected();
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn outbox_stats(pool: &PgPool, now: DateTime<Utc>) -> StoreResult<OutboxStats> {
    let (due, retrying, waiting, oldest): (i64, i64, i64, Option<DateTime<Utc>>) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE mail_due_at <= $1),
                    count(*) FILTER (WHERE attempts > 0),
                    count(*) FILTER (WHERE mail_due_at > $1),
                    min(mail_due_at) FILTER (WHERE mail_due_at <= $1)
             FROM notices WHERE mail_state IN ('pending', 'held')",
    )
    .bind(now)
    .fetch_one(pool)
    .await
    .map_err(other)?;
    let count = |value: i64| u64::try_from(value).unwrap_or(0);
    Ok(OutboxStats {
        due: count(due),
        retrying: count(retrying),
        waiting: count(waiting),
        oldest_due_at: oldest,
    })
}

pub async fn put_calendar_feed(
    pool: &PgPool,
    subject: &SubjectKey,
    token_hash: [u8; 32],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO calendar_feeds (subject, token_hash, made_at) VALUES ($1, $2, $3)
         ON CONFLICT (subject) DO UPDATE SET token_hash = excluded.token_hash,
             made_at = excluded.made_at",
    )
    .bind(subject.as_bytes().as_slice())
    .bind(token_hash.as_slice())
    .bind(micros(now))
    .execute(pool)
    .await
    .map_err(other)?;
    Ok(())
}

pub async fn calendar_feed(pool: &PgPool, token_hash: [u8; 32]) -> StoreResult<SubjectKey> {
    let subject: Vec<u8> =
        sqlx::query_scalar("SELECT subject FROM calendar_feeds WHERE token_hash = $1")
            .bind(token_hash.as_slice())
            .fetch_optional(pool)
            .await
            .map_err(other)?
            .ok_or(StoreError::NotFound)?;
    SubjectKey::from_slice(&subject).ok_or_else(|| bad("subject"))
}

pub async fn calendar_feed_made(
    pool: &PgPool,
    subject: &SubjectKey,
) -> StoreResult<Option<DateTime<Utc>>> {
    sqlx::query_scalar("SELECT made_at FROM calendar_feeds WHERE subject = $1")
        .bind(subject.as_bytes().as_slice())
        .fetch_optional(pool)
        .await
        .map_err(other)
}

pub async fn revoke_calendar_feed(pool: &PgPool, subject: &SubjectKey) -> StoreResult<bool> {
    let removed = sqlx::query("DELETE FROM calendar_feeds WHERE subject = $1")
        .bind(subject.as_bytes().as_slice())
        .execute(pool)
        .await
        .map_err(other)?
        .rows_affected();
    Ok(removed == 1)
}

fn stored_notice_of(row: &PgRow) -> StoreResult<StoredNotice> {
    let state: String = row.try_get("mail_state").map_err(other)?;
    let attempts: i32 = row.try_get("attempts").map_err(other)?;
    Ok(StoredNotice {
        notice: notice_of(row)?,
        mail_state: state.parse().map_err(|_| bad("mail state"))?,
        mail_due_at: row.try_get("mail_due_at").map_err(other)?,
        attempts: attempts.try_into().map_err(|_| bad("attempts"))?,
        last_error: row.try_get("last_error").map_err(other)?,
        sent_at: row.try_get("sent_at").map_err(other)?,
    })
}

fn hash_of(bytes: Vec<u8>) -> StoreResult<[u8; 32]> {
    bytes.try_into().map_err(|_| bad("token hash"))
}

pub async fn export(pool: &PgPool) -> StoreResult<NotificationsExport> {
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
        let token_at: Option<DateTime<Utc>> = row.try_get("email_token_at").map_err(other)?;
        export.preferences.push(StoredPreferences {
            subject: subject_of(row)?,
            preferences: preferences_of(row)?,
            email_confirmed_at: row.try_get("email_confirmed_at").map_err(other)?,
            email_token: match (token_hash, token_at) {
                (Some(hash), Some(at)) => Some((hash_of(hash)?, at)),
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
            made_at: row.try_get("made_at").map_err(other)?,
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

pub async fn import(pool: &PgPool, export: &NotificationsExport) -> StoreResult<()> {
    let mut tx = pool.begin().await.map_err(other)?;
    for stored in &export.preferences {
        let chosen = &stored.preferences;
        sqlx::query(
            "INSERT INTO notification_preferences (subject, email, email_confirmed_at,
                 email_token_hash, email_token_at, in_product, topics, lead_hours, language,
                 digest, email_details)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(stored.subject.as_bytes().as_slice())
        .bind(&chosen.email)
        .bind(stored.email_confirmed_at.map(micros))
        .bind(stored.email_token.map(|(hash, _)| hash.to_vec()))
        .bind(stored.email_token.map(|(_, at)| micros(at)))
        .bind(chosen.in_product)
        .bind(serde_json::to_value(&chosen.topics).map_err(StoreError::other)?)
        .bind(i32::from(chosen.lead_hours))
        .bind(language_code(chosen.language))
        .bind(chosen.digest)
        .bind(chosen.email_details)
        .execute(&mut *tx)
        .await
        .map_err(other)?;
    }
    for feed in &export.feeds {
        sqlx::query(
            "INSERT INTO calendar_feeds (subject, token_hash, made_at) VALUES ($1, $2, $3)",
        )
        .bind(feed.subject.as_bytes().as_slice())
        .bind(feed.token_hash.as_slice())
        .bind(micros(feed.made_at))
        .execute(&mut *tx)
        .await
        .map_err(other)?;
    }
    for stored in &export.notices {
        let notice = &stored.notice;
        let (record_id, title) = match &notice.record {
            Some((id, title)) => (
                Some(*id.as_uuid()),
                Some(serde_json::to_value(title).map_err(StoreError::other)?),
            ),
            None => (None, None),
        };
        let confirmation = notice
            .confirmation
            .as_ref()
            .map(serde_json::to_value)
            .transpose()
            .map_err(StoreError::other)?;
        sqlx::query(
            "INSERT INTO notices (id, subject, happening, key, record_id, title, moment,
                 moment_at, created_at, due_at, read_at, confirmation, mail_state, mail_due_at,
                 attempts, last_error, sent_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
        )
        .bind(notice.id.as_uuid())
        .bind(notice.subject.as_bytes().as_slice())
        .bind(notice.happening.as_str())
        .bind(&notice.key)
        .bind(record_id)
        .bind(title)
        .bind(notice.moment.map(Moment::to_text))
        .bind(notice.moment.map(|moment| micros(moment.instant())))
        .bind(micros(notice.created_at))
        .bind(micros(notice.due_at))
        .bind(notice.read_at.map(micros))
        .bind(confirmation)
        .bind(stored.mail_state.as_str())
        .bind(micros(stored.mail_due_at))
        .bind(i32::try_from(stored.attempts).unwrap_or(i32::MAX))
        .bind(&stored.last_error)
        .bind(stored.sent_at.map(micros))
        .execute(&mut *tx)
        .await
        .map_err(other)?;
    }
    tx.commit().await.map_err(other)?;
    Ok(())
}
