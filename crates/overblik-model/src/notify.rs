//! Notifications: what a change in a citizen's records is worth telling them, how they want
//! to be told, and the notices an outbox keeps until they are told.
//!
//! A notice is made in the same transaction as the change that causes it, keyed so that the
//! same event never makes two notices; reminders are notices due some time before the moment
//! they remind of. Whether and how a notice reaches the citizen is decided when it is sent,
//! by the preferences they have then.

use crate::correction::CorrectionId;
use crate::ids::{ProviderId, RecordId, SubjectKey};
use crate::record::{DebtStatus, Direction, PaymentStatus, Record, RecordDetails};
use crate::values::Language;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

/// The kinds of event a citizen can choose to be told about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// A new or changed appointment.
    Appointment,
    /// A reminder before an appointment or a deadline.
    Reminder,
    /// A payment or debt coming due, or overdue.
    Payment,
    /// A case's status changed.
    CaseStatus,
    /// An authority reported that it looked at the citizen's data.
    Access,
    /// Someone signed in as the citizen from a device not seen among their recent sign-ins.
    /// Only for those who ask for it.
    SignIn,
}

impl Topic {
    pub const ALL: [Topic; 6] = [
        Topic::Appointment,
        Topic::Reminder,
        Topic::Payment,
        Topic::CaseStatus,
        Topic::Access,
        Topic::SignIn,
    ];

    /// What a citizen is told about until they choose: everything but sign-ins.
    pub fn by_default(self) -> bool {
        self != Topic::SignIn
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Appointment => "appointment",
            Topic::Reminder => "reminder",
            Topic::Payment => "payment",
            Topic::CaseStatus => "case_status",
            Topic::Access => "access",
            Topic::SignIn => "sign_in",
        }
    }
}

impl FromStr for Topic {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Topic::ALL
            .into_iter()
            .find(|topic| topic.as_str() == input)
            .ok_or_else(|| {
                let names: Vec<_> = Topic::ALL.iter().map(|topic| topic.as_str()).collect();
                format!("must be one of {}", names.join(", "))
            })
    }
}

/// What one notice tells.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Happening {
    AppointmentNew,
    AppointmentChanged,
    AppointmentReminder,
    DeadlineReminder,
    PaymentDue,
    PaymentOverdue,
    CaseStatusChanged,
    AccessReported,
    /// An authority answered the citizen's report of an error (in progress, corrected or
    /// rejected).
    ReportAnswered,
    /// The link that confirms a new e-mail address; sent whatever the preferences.
    EmailConfirmation,
    /// The citizen (or someone for them) consented that a service may fetch their data.
    ConsentGiven,
    /// A service fetched data under a consent for the first time.
    ConsentUsed,
    /// Someone signed in as the citizen from a device not among their recent sign-ins.
    SignInNewDevice,
}

impl Happening {
    pub const ALL: [Happening; 13] = [
        Happening::AppointmentNew,
        Happening::AppointmentChanged,
        Happening::AppointmentReminder,
        Happening::DeadlineReminder,
        Happening::PaymentDue,
        Happening::PaymentOverdue,
        Happening::CaseStatusChanged,
        Happening::AccessReported,
        Happening::ReportAnswered,
        Happening::EmailConfirmation,
        Happening::ConsentGiven,
        Happening::ConsentUsed,
        Happening::SignInNewDevice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Happening::AppointmentNew => "appointment_new",
            Happening::AppointmentChanged => "appointment_changed",
            Happening::AppointmentReminder => "appointment_reminder",
            Happening::DeadlineReminder => "deadline_reminder",
            Happening::PaymentDue => "payment_due",
            Happening::PaymentOverdue => "payment_overdue",
            Happening::CaseStatusChanged => "case_status_changed",
            Happening::AccessReported => "access_reported",
            Happening::ReportAnswered => "report_answered",
            Happening::EmailConfirmation => "email_confirmation",
            Happening::ConsentGiven => "consent_given",
            Happening::ConsentUsed => "consent_used",
            Happening::SignInNewDevice => "sign_in_new_device",
        }
    }

    /// The topic a citizen chooses it by; `None` for what is always sent.
    pub fn topic(self) -> Option<Topic> {
        match self {
            Happening::AppointmentNew | Happening::AppointmentChanged => Some(Topic::Appointment),
            Happening::AppointmentReminder | Happening::DeadlineReminder => Some(Topic::Reminder),
            Happening::PaymentDue => Some(Topic::Payment),
            Happening::PaymentOverdue => Some(Topic::Payment),
            Happening::CaseStatusChanged | Happening::ReportAnswered => Some(Topic::CaseStatus),
            Happening::AccessReported | Happening::ConsentGiven | Happening::ConsentUsed => {
                Some(Topic::Access)
            }
            Happening::SignInNewDevice => Some(Topic::SignIn),
            Happening::EmailConfirmation => None,
        }
    }

    /// Reminders are due a lead time before their moment, and are moved when the citizen
    /// changes the lead time.
    pub fn is_reminder(self) -> bool {
        matches!(
            self,
            Happening::AppointmentReminder | Happening::DeadlineReminder | Happening::PaymentDue
        )
    }
}

impl FromStr for Happening {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Happening::ALL
            .into_iter()
            .find(|happening| happening.as_str() == input)
            .ok_or_else(|| format!("unknown happening {input}"))
    }
}

/// The lead times a citizen can choose for reminders, in hours.
pub const LEAD_HOURS: [u16; 5] = [1, 3, 24, 48, 168];

/// How a citizen wants to be told. E-mail goes only to a confirmed address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Preferences {
    /// The address e-mails go to, once confirmed.
    pub email: Option<String>,
    /// Whether the citizen confirmed `email` by the link sent to it.
    pub email_confirmed: bool,
    /// Notices are listed in Overblik itself.
    pub in_product: bool,
    /// What to be told about.
    pub topics: BTreeSet<Topic>,
    /// How long before an appointment, deadline or due payment the reminder comes, in hours:
    /// one of [`LEAD_HOURS`].
    pub lead_hours: u16,
    pub language: Language,
    /// One e-mail a day with everything new, instead of one e-mail a notice.
    pub digest: bool,
    /// E-mails name the record and its time; by default they only say what kind of news
    /// there is and link to it.
    pub email_details: bool,
}

impl Default for Preferences {
    /// Everything but sign-ins, listed in Overblik, a reminder a day before, in the
    /// deployment's first language; no e-mail until the citizen gives and confirms an address.
    fn default() -> Self {
        Self {
            email: None,
            email_confirmed: false,
            in_product: true,
            topics: Topic::ALL
                .into_iter()
                .filter(|topic| topic.by_default())
                .collect(),
            lead_hours: 24,
            language: crate::Country::current().language(),
            digest: false,
            email_details: false,
        }
    }
}

impl Preferences {
    /// Where e-mail about `happening` goes, if anywhere.
    pub fn mail_to(&self, happening: Happening) -> Option<&str> {
        let wanted = happening
            .topic()
            .is_none_or(|topic| self.topics.contains(&topic));
        match &self.email {
            Some(email) if self.email_confirmed && wanted => Some(email),
            _ => None,
        }
    }

    pub fn lead(&self) -> Duration {
        Duration::hours(i64::from(self.lead_hours))
    }
}

/// Checks an e-mail address the way a form should: one `@`, something on either side, a dot
/// in the domain, no spaces, at most 254 characters. Delivery is the real test, by the
/// confirmation link.
pub fn valid_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    address.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !address.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A notice's id: random, and the `Message-ID` of the e-mail that tells it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
pub struct NoticeId(uuid::Uuid);

impl NoticeId {
    pub fn random() -> Self {
        Self(uuid::Uuid::new_v4())
    }

    pub fn from_uuid(uuid: uuid::Uuid) -> Self {
        Self(uuid)
    }

    pub fn as_uuid(&self) -> &uuid::Uuid {
        &self.0
    }
}

impl FromStr for NoticeId {
    type Err = uuid::Error;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        uuid::Uuid::parse_str(input).map(Self)
    }
}

impl fmt::Display for NoticeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Debug for NoticeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NoticeId({})", self.0)
    }
}

/// The moment a notice is about: a time (an appointment) or a Danish day (a deadline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum Moment {
    At(DateTime<Utc>),
    On(NaiveDate),
}

impl Moment {
    /// The instant reminders count back from: the time itself, or 09:00 Danish time on the
    /// day, so that a day's reminder does not come at midnight.
    pub fn instant(self) -> DateTime<Utc> {
        match self {
            Moment::At(at) => at,
            Moment::On(day) => {
                let nine = day.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default());
                crate::Country::current()
                    .time_zone
                    .from_local_datetime(&nine)
                    .earliest()
                    .map_or_else(|| nine.and_utc(), |at| at.with_timezone(&Utc))
            }
        }
    }

    /// For storing: RFC 3339 for a time, `YYYY-MM-DD` for a day.
    pub fn to_text(self) -> String {
        match self {
            Moment::At(at) => at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            Moment::On(day) => day.to_string(),
        }
    }

    pub fn from_text(text: &str) -> Option<Self> {
        if let Ok(day) = text.parse::<NaiveDate>() {
            return Some(Moment::On(day));
        }
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|at| Moment::At(at.with_timezone(&Utc)))
    }
}

/// A record's title in every interface language, kept with the notice so it reads the same
/// later. Notices kept before Catalan and Spanish hold Danish and English only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = BTreeMap<String, String>)]
pub struct Title(BTreeMap<Language, String>);

impl Title {
    pub fn of(record: &Record) -> Self {
        Self(
            Language::ALL
                .into_iter()
                .map(|language| (language, record.title_in(language).to_owned()))
                .collect(),
        )
    }

    /// A title given per language.
    pub fn new<'a>(texts: impl IntoIterator<Item = (Language, &'a str)>) -> Self {
        Self(
            texts
                .into_iter()
                .map(|(language, text)| (language, text.to_owned()))
                .collect(),
        )
    }

    /// A title that reads the same in every language.
    pub fn same(text: &str) -> Self {
        Self::new(Language::ALL.map(|language| (language, text)))
    }

    pub fn get(&self, language: Language) -> &str {
        self.0
            .get(&language)
            .or_else(|| self.0.get(&Language::En))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }
}

/// When a new notice is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// At once (or when the record stops being hidden).
    Now,
    /// The citizen's lead time before the moment; a reminder whose time has already passed
    /// when it is made is not made.
    BeforeMoment,
}

/// A notice a change calls for, before a store gives it its id and due time.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNotice {
    pub happening: Happening,
    /// Unique for the event, so that the same event (a retried batch, a re-sent version)
    /// never makes a second notice.
    pub key: String,
    pub moment: Option<Moment>,
    pub due: Due,
}

/// What changed in one record as a batch wrote it: the notices to make, and the reminder
/// keys still wanted, so that a store can cancel the record's other pending reminders (an
/// appointment moved, a deadline met).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    pub notices: Vec<NewNotice>,
    pub reminder_keys: Vec<String>,
}

/// The notices a new version of a record calls for, given the version it replaced (`None`
/// for a new record) and the time it is written.
pub fn changes(
    provider: &ProviderId,
    before: Option<&Record>,
    after: &Record,
    now: DateTime<Utc>,
) -> Changes {
    let base = format!("{}/{}", provider.as_str(), after.id.as_str());
    let version = after.version.get();
    let mut changes = Changes::default();
    let remind = |changes: &mut Changes, happening: Happening, moment: Moment| {
        if moment.instant() > now {
            let key = format!(
                "{base}/{}/{}",
                happening.as_str(),
                moment.instant().timestamp()
            );
            changes.reminder_keys.push(key.clone());
            changes.notices.push(NewNotice {
                happening,
                key,
                moment: Some(moment),
                due: Due::BeforeMoment,
            });
        }
    };
    let now_notice = |happening: Happening, moment: Option<Moment>, key: String| NewNotice {
        happening,
        key,
        moment,
        due: Due::Now,
    };
    let previous = before.map(|record| &record.details);
    match &after.details {
        RecordDetails::Appointment(appointment) => {
            let moment = Moment::At(appointment.start.get());
            if appointment.start.get() > now {
                match previous {
                    None => changes.notices.push(now_notice(
                        Happening::AppointmentNew,
                        Some(moment),
                        format!("{base}/appointment_new"),
                    )),
                    Some(RecordDetails::Appointment(old))
                        if (old.start, old.end, &old.place, &old.video_link)
                            != (
                                appointment.start,
                                appointment.end,
                                &appointment.place,
                                &appointment.video_link,
                            ) =>
                    {
                        changes.notices.push(now_notice(
                            Happening::AppointmentChanged,
                            Some(moment),
                            format!("{base}/appointment_changed/{version}"),
                        ));
                    }
                    Some(_) => {}
                }
                remind(&mut changes, Happening::AppointmentReminder, moment);
            }
        }
        RecordDetails::Deadline(deadline) if !deadline.done => {
            remind(
                &mut changes,
                Happening::DeadlineReminder,
                Moment::On(deadline.due.get()),
            );
        }
        RecordDetails::Payment(payment) if payment.direction == Direction::FromCitizen => {
            let moment = Moment::On(payment.date.get());
            let overdue = |status: PaymentStatus| {
                matches!(
                    status,
                    PaymentStatus::Overdue | PaymentStatus::PartlyPaidOverdue
                )
            };
            let was_overdue = matches!(previous, Some(RecordDetails::Payment(old)) if overdue(old.payment_status));
            if overdue(payment.payment_status) && !was_overdue {
                changes.notices.push(now_notice(
                    Happening::PaymentOverdue,
                    Some(moment),
                    format!("{base}/payment_overdue/{version}"),
                ));
            }
            if matches!(
                payment.payment_status,
                PaymentStatus::Upcoming | PaymentStatus::PartlyPaid
            ) {
                remind(&mut changes, Happening::PaymentDue, moment);
            }
        }
        RecordDetails::Debt(debt) => {
            let moment = Moment::On(debt.due.get());
            let was_overdue = matches!(previous, Some(RecordDetails::Debt(old)) if old.debt_status == DebtStatus::Overdue);
            if debt.debt_status == DebtStatus::Overdue && !was_overdue {
                changes.notices.push(now_notice(
                    Happening::PaymentOverdue,
                    Some(moment),
                    format!("{base}/payment_overdue/{version}"),
                ));
            }
            if debt.debt_status == DebtStatus::Open {
                remind(&mut changes, Happening::PaymentDue, moment);
            }
        }
        RecordDetails::Case(case) => {
            let latest = case.status_history.iter().max_by_key(|status| status.at);
            let previous_latest = match previous {
                Some(RecordDetails::Case(old)) => old.status_history.iter().max_by_key(|s| s.at),
                _ => None,
            };
            let changed = match (latest, previous_latest) {
                (Some(latest), Some(old)) => latest != old,
                // A new case is news of its own kind, not a change of status.
                _ => false,
            };
            if changed {
                changes.notices.push(now_notice(
                    Happening::CaseStatusChanged,
                    None,
                    format!("{base}/case_status/{version}"),
                ));
            }
        }
        RecordDetails::AccessEvent(event) if before.is_none() => {
            changes.notices.push(now_notice(
                Happening::AccessReported,
                Some(Moment::At(event.at.get())),
                format!("{base}/access_reported"),
            ));
        }
        _ => {}
    }
    changes
}

/// A notice as an outbox keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: NoticeId,
    pub subject: SubjectKey,
    pub happening: Happening,
    pub key: String,
    /// The record it is about, with its title then.
    pub record: Option<(RecordId, Title)>,
    pub moment: Option<Moment>,
    pub created_at: DateTime<Utc>,
    /// When it is to be told; reminders and hidden records make this later than `created_at`.
    pub due_at: DateTime<Utc>,
    /// When the citizen marked it read in Overblik.
    pub read_at: Option<DateTime<Utc>>,
    /// For [`Happening::EmailConfirmation`] only: where the link goes and the link's token,
    /// kept until the e-mail is sent.
    pub confirmation: Option<Confirmation>,
}

/// The start of the key of a notice of an answer to a report, followed by the report's id.
const REPORT_ANSWER: &str = "report/";

/// The key of the notice that tells of the answer that is step `step` of `report`: each
/// answer is told once.
pub fn report_answer_key(report: CorrectionId, step: usize) -> String {
    format!("{REPORT_ANSWER}{report}/{step}")
}

impl Notice {
    /// Where in Overblik the notice leads: the report, for an answer to one; the page of
    /// what the citizen shares, for a consent; else the record it is about.
    pub fn href(&self) -> Option<String> {
        match self.happening {
            Happening::ConsentGiven | Happening::ConsentUsed => Some("/shared".to_owned()),
            Happening::SignInNewDevice => Some("/sign-ins".to_owned()),
            Happening::ReportAnswered => {
                let report = self.key.strip_prefix(REPORT_ANSWER)?.split('/').next()?;
                Some(format!("/reports/{report}"))
            }
            _ => self.record.as_ref().map(|(id, _)| format!("/records/{id}")),
        }
    }
}

/// The key of the notice that `consent` was given (`given`) or first used (`used`): each is
/// told once.
pub fn consent_key(consent: crate::ConsentId, what: &str) -> String {
    format!("consent/{consent}/{what}")
}

/// An e-mail address as the limits on confirmation e-mails count it: the SHA-256 of the
/// address in lower case, so the count keeps no address.
pub fn address_key(address: &str) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(address.trim().to_lowercase().as_bytes()).into()
}

/// The e-mail that confirms an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    pub address: String,
    pub token: String,
}

/// Where a notice stands as e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailState {
    /// To be sent when due (again, after a failed try).
    Pending,
    /// Waiting for the citizen's daily digest.
    Held,
    Sent,
    /// Not to be sent: the citizen wants no e-mail of it.
    Skipped,
    /// A reminder no longer wanted: the appointment moved, the deadline was met.
    Cancelled,
    /// It cannot be sent, however often it is tried: the SMTP server refused the address
    /// for good, or it is no address lettre can send to.
    Failed,
}

impl MailState {
    pub fn as_str(self) -> &'static str {
        match self {
            MailState::Pending => "pending",
            MailState::Held => "held",
            MailState::Sent => "sent",
            MailState::Skipped => "skipped",
            MailState::Cancelled => "cancelled",
            MailState::Failed => "failed",
        }
    }
}

impl FromStr for MailState {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        [
            MailState::Pending,
            MailState::Held,
            MailState::Sent,
            MailState::Skipped,
            MailState::Cancelled,
            MailState::Failed,
        ]
        .into_iter()
        .find(|state| state.as_str() == input)
        .ok_or_else(|| format!("unknown mail state {input}"))
    }
}

/// What became of one try to send a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailOutcome {
    Sent,
    Skipped,
    /// It failed for good: not tried again. `error` says why, without personal data.
    Failed {
        error: String,
    },
    /// It failed; try again at `at`. `error` says why, without personal data.
    Retry {
        at: DateTime<Utc>,
        error: String,
    },
    /// Keep it for the digest sent at `until`.
    Hold {
        until: DateTime<Utc>,
    },
}

/// How long to wait before the next try after `attempts` failed ones: doubling from `base`,
/// at most an hour.
pub fn backoff(base: std::time::Duration, attempts: u32) -> Duration {
    let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(16));
    let wait = base
        .saturating_mul(factor)
        .min(std::time::Duration::from_secs(3600));
    Duration::from_std(wait).unwrap_or(Duration::hours(1))
}

/// When the daily digest after `now` goes: the next 07:00 on the deployment's clocks.
pub fn next_digest(now: DateTime<Utc>) -> DateTime<Utc> {
    let zone = crate::Country::current().time_zone;
    let local = now.with_timezone(&zone);
    let seven = NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default();
    let mut day = local.date_naive();
    if local.time() >= seven {
        day = day.succ_opt().unwrap_or(day);
    }
    zone.from_local_datetime(&day.and_time(seven))
        .earliest()
        .map_or(now + Duration::days(1), |at| at.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::Batch;
    use crate::ids::SubjectKeySecret;
    use serde_json::json;

    /// A day's reminder and the digest keep the deployment's clocks, here fourteen hours
    /// ahead of UTC (this test installs its country: nextest runs it in a process alone).
    #[test]
    fn reminders_and_the_digest_follow_the_deployments_clocks() {
        let mut country = crate::Preset::Dk.country();
        country.time_zone = chrono_tz::Pacific::Kiritimati;
        country.install().expect("installed first");
        let day = NaiveDate::from_ymd_opt(2026, 12, 24).expect("a day");
        assert_eq!(
            Moment::On(day).instant().to_rfc3339(),
            "2026-12-23T19:00:00+00:00",
            "09:00 on Kiritimati"
        );
        let now = "2026-12-23T16:59:00Z".parse().expect("a time");
        assert_eq!(
            next_digest(now).to_rfc3339(),
            "2026-12-23T17:00:00+00:00",
            "07:00 on Kiritimati"
        );
    }

    fn record(details: serde_json::Value, kind: &str, version: i64) -> Record {
        let secret = SubjectKeySecret::new(b"notify-test-secret-0123456789abcdef".to_vec())
            .expect("a secret");
        let value = json!({
            "id": "r1", "version": version, "subject": "010190-1234", "kind": kind,
            "classification": "85", "updated_at": "2026-11-01T10:00:00Z", "details": details
        });
        let mut batch = Batch::parse(
            &json!({"upserts": [value]}),
            &secret,
            &crate::batch::Unchecked,
        )
        .expect("a valid record");
        batch.upserts.remove(0).incoming.record
    }

    fn provider() -> ProviderId {
        "health".parse().expect("a provider id")
    }

    fn now() -> DateTime<Utc> {
        "2026-12-01T12:00:00Z".parse().expect("a time")
    }

    fn appointment(start: &str, version: i64) -> Record {
        record(
            json!({"start": start, "end": "2026-12-10T11:00:00Z", "place": "Room 3"}),
            "appointment",
            version,
        )
    }

    #[test]
    fn a_new_appointment_is_news_and_gets_a_reminder() {
        let changes = changes(
            &provider(),
            None,
            &appointment("2026-12-10T10:00:00Z", 1),
            now(),
        );
        let happenings: Vec<_> = changes.notices.iter().map(|n| n.happening).collect();
        assert_eq!(
            happenings,
            [Happening::AppointmentNew, Happening::AppointmentReminder]
        );
        assert_eq!(changes.reminder_keys.len(), 1);
    }

    #[test]
    fn a_moved_appointment_is_a_change_with_a_new_reminder_and_a_resent_one_is_nothing_new() {
        let first = appointment("2026-12-10T10:00:00Z", 1);
        let moved = appointment("2026-12-10T09:00:00Z", 2);
        let moved_changes = changes(&provider(), Some(&first), &moved, now());
        assert_eq!(
            moved_changes.notices[0].happening,
            Happening::AppointmentChanged
        );
        let first_changes = changes(&provider(), None, &first, now());
        assert_ne!(moved_changes.reminder_keys, first_changes.reminder_keys);

        let again = changes(
            &provider(),
            Some(&first),
            &appointment("2026-12-10T10:00:00Z", 2),
            now(),
        );
        assert_eq!(
            again.notices.len(),
            1,
            "only the reminder, with the same key"
        );
        assert_eq!(again.reminder_keys, first_changes.reminder_keys);
    }

    #[test]
    fn past_appointments_and_met_deadlines_make_nothing() {
        let past = changes(
            &provider(),
            None,
            &appointment("2026-11-10T10:00:00Z", 1),
            now(),
        );
        assert_eq!(past, Changes::default());
        let done = record(
            json!({"due": "2026-12-20", "action": "Send it", "done": true}),
            "deadline",
            1,
        );
        assert_eq!(changes(&provider(), None, &done, now()), Changes::default());
    }

    #[test]
    fn a_day_reminds_from_nine_in_the_morning_danish_time() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 20).expect("a day");
        assert_eq!(
            Moment::On(day).instant(),
            "2026-12-20T08:00:00Z"
                .parse::<DateTime<Utc>>()
                .expect("a time")
        );
        let summer = NaiveDate::from_ymd_opt(2026, 7, 1).expect("a day");
        assert_eq!(
            Moment::On(summer).instant(),
            "2026-07-01T07:00:00Z"
                .parse::<DateTime<Utc>>()
                .expect("a time")
        );
    }

    #[test]
    fn a_case_status_change_is_news_once() {
        let case = |statuses: serde_json::Value, version| {
            record(json!({"status_history": statuses}), "case", version)
        };
        let received = json!([{"status": {"en": "Received"}, "at": "2026-11-01T10:00:00Z"}]);
        let decided = json!([
            {"status": {"en": "Received"}, "at": "2026-11-01T10:00:00Z"},
            {"status": {"en": "Decided"}, "at": "2026-11-20T10:00:00Z", "final": true}
        ]);
        let first = case(received, 1);
        let second = case(decided, 2);
        assert!(changes(&provider(), None, &first, now()).notices.is_empty());
        let changed = changes(&provider(), Some(&first), &second, now());
        assert_eq!(changed.notices[0].happening, Happening::CaseStatusChanged);
    }

    #[test]
    fn e_mail_goes_only_to_a_confirmed_address_and_only_for_chosen_topics() {
        let mut preferences = Preferences {
            email: Some("a@example.org".to_owned()),
            ..Preferences::default()
        };
        assert_eq!(preferences.mail_to(Happening::AppointmentNew), None);
        assert_eq!(
            preferences.mail_to(Happening::EmailConfirmation),
            None,
            "the confirmation goes to the address it carries"
        );
        preferences.email_confirmed = true;
        assert_eq!(
            preferences.mail_to(Happening::AppointmentNew),
            Some("a@example.org")
        );
        preferences.topics.remove(&Topic::Appointment);
        assert_eq!(preferences.mail_to(Happening::AppointmentNew), None);
        assert!(valid_email("a.b@example.dk"));
        for wrong in ["", "a", "a@b", "@b.dk", "a @b.dk", "a@b.dk.", "a@@b.dk"] {
            assert!(!valid_email(wrong), "{wrong:?}");
        }
    }

    #[test]
    fn back_off_doubles_up_to_an_hour_and_the_digest_goes_at_seven() {
        let base = std::time::Duration::from_secs(30);
        assert_eq!(backoff(base, 1), Duration::seconds(30));
        assert_eq!(backoff(base, 3), Duration::seconds(120));
        assert_eq!(backoff(base, 40), Duration::hours(1));
        let evening: DateTime<Utc> = "2026-12-01T20:00:00Z".parse().expect("a time");
        assert_eq!(
            next_digest(evening),
            "2026-12-02T06:00:00Z"
                .parse::<DateTime<Utc>>()
                .expect("a time")
        );
        let early: DateTime<Utc> = "2026-12-01T05:00:00Z".parse().expect("a time");
        assert_eq!(
            next_digest(early),
            "2026-12-01T06:00:00Z"
                .parse::<DateTime<Utc>>()
                .expect("a time")
        );
    }
}
