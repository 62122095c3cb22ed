//! Records: the common fields every record has, and the fields of each kind.

use crate::catalogue::Classification;
use crate::identity::NationalId;
use crate::ids::{SourceId, SubjectKey, SubjectKeySecret};
use crate::parse::{At, FromJson, FromJsonScalar, Parser, expect_str};
use crate::values::{
    Contact, Date, Language, Link, LocalizedText, LongText, Money, Quantity, ShortText, Text,
    Timestamp, Version,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

/// Declares a string enum with its wire names, parsing and schema in one place.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])* $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $wire:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        pub enum $name {
            $($(#[$variant_meta])* #[serde(rename = $wire)] $variant),+
        }

        // Written out rather than derived: the derive does not see the serde renames through
        // this macro and would document the Rust names instead of the wire names.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($wire),+]))
                    .into()
            }
        }

        impl ToSchema for $name {}

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }
        }

        impl FromStr for $name {
            type Err = String;

            fn from_str(input: &str) -> Result<Self, Self::Err> {
                match input {
                    $($wire => Ok($name::$variant),)+
                    _ => Err(format!("must be one of {}", [$($wire),+].join(", "))),
                }
            }
        }

        impl FromJsonScalar for $name {
            fn from_json_scalar(value: &Value) -> Result<Self, String> {
                expect_str(value)?.parse()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

wire_enum! {
    /// The kinds of record.
    Kind {
        Case = "case",
        Benefit = "benefit",
        Payment = "payment",
        Debt = "debt",
        Appointment = "appointment",
        Deadline = "deadline",
        Document = "document",
        RegisterFact = "register_fact",
        AccessEvent = "access_event",
        Contact = "contact",
    }
}

/// The most status-history entries, journal notes or documents one record may carry.
const MAX_ENTRIES: usize = 500;

/// A record as a provider sends it and as Overblik keeps it (the subject is kept beside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Record {
    /// The provider's own identifier of the record.
    pub id: SourceId,
    /// The provider's version; an older or equal version never replaces a newer one.
    pub version: Version,
    /// Classification code from the catalogue; decides the life area.
    pub classification: Classification,
    /// The provider's title; without it the catalogue's plain-language title is shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<LocalizedText>,
    /// Current status as the citizen should read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<LocalizedText>,
    /// When the record last changed at the provider.
    pub updated_at: Timestamp,
    /// Deep link into the provider's own self-service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<Link>,
    /// Where to reach the authority about this record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// The record stays hidden from the citizen until this moment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden_until: Option<Timestamp>,
    /// The kind and the kind's own fields.
    #[serde(flatten)]
    pub details: RecordDetails,
}

/// The fields of each kind of record, tagged by `kind`, under `details`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", content = "details", rename_all = "snake_case")]
pub enum RecordDetails {
    Case(Case),
    Benefit(Benefit),
    Payment(Payment),
    Debt(Debt),
    Appointment(Appointment),
    Deadline(Deadline),
    Document(Document),
    RegisterFact(RegisterFact),
    AccessEvent(AccessEvent),
    Contact(ContactEvent),
}

impl RecordDetails {
    pub fn kind(&self) -> Kind {
        match self {
            RecordDetails::Case(_) => Kind::Case,
            RecordDetails::Benefit(_) => Kind::Benefit,
            RecordDetails::Payment(_) => Kind::Payment,
            RecordDetails::Debt(_) => Kind::Debt,
            RecordDetails::Appointment(_) => Kind::Appointment,
            RecordDetails::Deadline(_) => Kind::Deadline,
            RecordDetails::Document(_) => Kind::Document,
            RecordDetails::RegisterFact(_) => Kind::RegisterFact,
            RecordDetails::AccessEvent(_) => Kind::AccessEvent,
            RecordDetails::Contact(_) => Kind::Contact,
        }
    }
}

impl Record {
    pub fn kind(&self) -> Kind {
        self.details.kind()
    }

    /// The title to show: the provider's own, or else the catalogue's plain-language title.
    pub fn title_in(&self, language: Language) -> &str {
        self.title_shown(language).0
    }

    /// The title to show, with its language tag when that is not the reader's; see
    /// [`LocalizedText::shown`].
    pub fn title_shown(&self, language: Language) -> (&str, Option<&str>) {
        match &self.title {
            Some(title) => title.shown(language),
            None => self.classification.entry().title.shown(language),
        }
    }

    /// A fingerprint of what the citizen reads: everything but the provider's version and
    /// its time of change. Stores compare it with the stored version's, so that a provider
    /// sending the same record again with a new version does not make it "changed since
    /// your last visit".
    pub fn content_hash(&self) -> i64 {
        use sha2::{Digest, Sha256};
        let mut content = self.clone();
        content.version = Version::ZERO;
        content.updated_at = Timestamp::new(DateTime::UNIX_EPOCH);
        // Serialising a record cannot fail: every field is plain data with string keys.
        let bytes = serde_json::to_vec(&content).unwrap_or_default();
        let digest = Sha256::digest(bytes);
        let mut first = [0; 8];
        first.copy_from_slice(&digest[..8]);
        i64::from_be_bytes(first)
    }
}

/// How long a record may need the citizen's attention, as far as its content alone tells.
///
/// Stores keep this beside each record so that the overview reads only the records that
/// may need attention instead of all of a citizen's history. It must never be narrower than
/// the overview's own rules: a record those rules would list has a span reaching that moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttentionSpan {
    /// Settled, past or informative only: never.
    Never,
    /// Until this moment (an appointment, until it has ended).
    Until(DateTime<Utc>),
    /// For as long as the record stays as it is (an open deadline, money owed, a case
    /// waiting for the citizen).
    WhileItStands,
}

impl AttentionSpan {
    /// Whether the record may need attention at `at`.
    pub fn reaches(self, at: DateTime<Utc>) -> bool {
        match self {
            AttentionSpan::Never => false,
            AttentionSpan::Until(until) => until >= at,
            AttentionSpan::WhileItStands => true,
        }
    }

    /// The span as one number for a store's column, ordered like the span's end: Unix
    /// milliseconds, the smallest integer for never and the largest for while it stands, so
    /// that `end_millis >= now` tells whether the span reaches `now`.
    pub fn end_millis(self) -> i64 {
        match self {
            AttentionSpan::Never => i64::MIN,
            AttentionSpan::Until(until) => until.timestamp_millis(),
            AttentionSpan::WhileItStands => i64::MAX,
        }
    }
}

impl Record {
    /// See [`AttentionSpan`].
    pub fn attention_span(&self) -> AttentionSpan {
        match &self.details {
            RecordDetails::Deadline(deadline) if !deadline.done => AttentionSpan::WhileItStands,
            RecordDetails::Appointment(appointment) => AttentionSpan::Until(appointment.end.get()),
            RecordDetails::Payment(payment)
                if payment.direction == Direction::FromCitizen
                    && !matches!(
                        payment.payment_status,
                        PaymentStatus::Paid | PaymentStatus::PartlyPaid
                    ) =>
            {
                AttentionSpan::WhileItStands
            }
            // A disputed debt is still owed, and the overview counts it in what is owed.
            RecordDetails::Debt(debt) if debt.debt_status.is_owed() => AttentionSpan::WhileItStands,
            RecordDetails::Case(case)
                if case
                    .status_history
                    .last()
                    .is_some_and(|status| !status.is_final)
                    && case
                        .next_step
                        .as_ref()
                        .is_some_and(|step| step.actor == Actor::Citizen) =>
            {
                AttentionSpan::WhileItStands
            }
            _ => AttentionSpan::Never,
        }
    }
}

/// How long a record tells of the citizen's situation: a case until it is decided, a benefit
/// while it is granted or still paid, a register fact while it is valid. Life events,
/// recommendations and the glance at the top of the overview read standing records only, so
/// that a case closed years ago or a licence long expired says nothing of today.
///
/// Stores keep its end beside each record and read a citizen's standing records without
/// their history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Not a record that stands: another kind, or a decided case.
    Never,
    /// Up to and including this day.
    Until(NaiveDate),
    /// With no end given.
    Open,
}

impl Standing {
    /// The kinds of records that can stand; every other kind stands [`Standing::Never`].
    pub const KINDS: [Kind; 3] = [Kind::RegisterFact, Kind::Benefit, Kind::Case];

    /// Whether the record still stands on `day`.
    pub fn on(self, day: NaiveDate) -> bool {
        match self {
            Standing::Never => false,
            Standing::Until(last) => last >= day,
            Standing::Open => true,
        }
    }

    /// The end as one number for a store's column, ordered like the end: Unix milliseconds,
    /// the smallest integer for never and the largest for open. A last day counts until
    /// two days after it began in UTC, so that `end_millis >= now` holds wherever that day
    /// is still today; the rules then look at the day itself.
    pub fn end_millis(self) -> i64 {
        match self {
            Standing::Never => i64::MIN,
            Standing::Until(last) => (last + chrono::Days::new(2))
                .and_time(chrono::NaiveTime::MIN)
                .and_utc()
                .timestamp_millis(),
            Standing::Open => i64::MAX,
        }
    }
}

impl Record {
    /// See [`Standing`].
    pub fn standing(&self) -> Standing {
        let until = |end: Option<NaiveDate>| end.map_or(Standing::Open, Standing::Until);
        match &self.details {
            RecordDetails::Case(case)
                if case
                    .status_history
                    .last()
                    .is_some_and(|status| !status.is_final) =>
            {
                Standing::Open
            }
            RecordDetails::Benefit(benefit) => {
                // A benefit paid in arrears is still paid after its grant has ended.
                let last_paid = match &benefit.provision {
                    Provision::Money(money) => money
                        .payment_plan
                        .iter()
                        .map(|planned| planned.date.get())
                        .max(),
                    Provision::InKind { .. } => None,
                };
                until(
                    benefit.granted_until.map(|granted| {
                        last_paid.map_or(granted.get(), |paid| paid.max(granted.get()))
                    }),
                )
            }
            RecordDetails::RegisterFact(fact) => until(fact.valid_until.map(Date::get)),
            _ => Standing::Never,
        }
    }
}

/// A record together with the national identifier of its subject, as it arrives.
#[derive(Debug, Clone)]
pub struct IncomingRecord {
    pub subject: SubjectKey,
    pub record: Record,
}

impl IncomingRecord {
    /// Parses one record of a batch; national identifiers become subject keys right here.
    pub fn parse(
        parser: &mut Parser,
        value: &Value,
        at: &At<'_>,
        secret: &SubjectKeySecret,
    ) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let id = object.required(parser, "id");
        let version = object.required(parser, "version");
        let subject: Option<NationalId> = object.required(parser, "subject");
        let kind: Option<Kind> = object.required(parser, "kind");
        let classification = object.required(parser, "classification");
        let title = object.optional(parser, "title");
        let status = object.optional(parser, "status");
        let updated_at = object.required(parser, "updated_at");
        let link = object.optional(parser, "link");
        let contact = object.optional(parser, "contact");
        let hidden_until = object.optional(parser, "hidden_until");
        let details = match (kind, object.raw("details")) {
            (Some(kind), Some(details)) => {
                parse_details(parser, kind, details, &at.key("details"), secret)
            }
            (_, None) => {
                parser.fail(&at.key("details"), "is required");
                None
            }
            (None, Some(_)) => None,
        };
        object.finish(parser);
        Some(Self {
            subject: secret.subject_key(&subject?),
            record: Record {
                id: id?,
                version: version?,
                classification: classification?,
                title: title?,
                status: status?,
                updated_at: updated_at?,
                link: link?,
                contact: contact?,
                hidden_until: hidden_until?,
                details: details?,
            },
        })
    }
}

fn parse_details(
    parser: &mut Parser,
    kind: Kind,
    value: &Value,
    at: &At<'_>,
    secret: &SubjectKeySecret,
) -> Option<RecordDetails> {
    Some(match kind {
        Kind::Case => RecordDetails::Case(Case::from_json(parser, value, at)?),
        Kind::Benefit => RecordDetails::Benefit(Benefit::from_json(parser, value, at)?),
        Kind::Payment => RecordDetails::Payment(Payment::from_json(parser, value, at)?),
        Kind::Debt => RecordDetails::Debt(Debt::from_json(parser, value, at)?),
        Kind::Appointment => RecordDetails::Appointment(Appointment::from_json(parser, value, at)?),
        Kind::Deadline => RecordDetails::Deadline(Deadline::from_json(parser, value, at)?),
        Kind::Document => RecordDetails::Document(Document::from_json(parser, value, at)?),
        Kind::RegisterFact => {
            RecordDetails::RegisterFact(RegisterFact::parse(parser, value, at, secret)?)
        }
        Kind::AccessEvent => RecordDetails::AccessEvent(AccessEvent::from_json(parser, value, at)?),
        Kind::Contact => RecordDetails::Contact(ContactEvent::from_json(parser, value, at)?),
    })
}

/// Fails at `at` unless `earlier` is not after `later`.
fn check_order<T: PartialOrd>(
    parser: &mut Parser,
    earlier: Option<&T>,
    later: Option<&T>,
    at: &At<'_>,
    detail: &str,
) -> Option<()> {
    match (earlier, later) {
        (Some(earlier), Some(later)) if later < earlier => {
            parser.fail(at, detail);
            None
        }
        _ => Some(()),
    }
}

// ---- case ----

wire_enum! {
    /// Who must act next on a case.
    Actor { Citizen = "citizen", Authority = "authority", Other = "other" }
}

/// A case: an application, a complaint, a permit, a social or family matter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Case {
    /// The statuses the case has had, oldest first.
    pub status_history: Vec<CaseStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_step: Option<NextStep>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub journal: Vec<DatedItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DatedItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_worker: Option<ShortText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_unit: Option<ShortText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// The authority's own number of the case, as its letters give it: what the citizen
    /// quotes when they call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_number: Option<Text<40>>,
    /// What the case is about, in the authority's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LongText>,
    /// The address or place the case concerns (a building permit's plot, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<ShortText>,
    /// When the authority expects to decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_decision: Option<Date>,
}

impl FromJson for Case {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let status_history: Option<Vec<CaseStatus>> =
            object.list(parser, "status_history", MAX_ENTRIES);
        let next_step = object.optional(parser, "next_step");
        let journal = object.list(parser, "journal", MAX_ENTRIES);
        let documents = object.list(parser, "documents", MAX_ENTRIES);
        let case_worker = object.optional(parser, "case_worker");
        let org_unit = object.optional(parser, "org_unit");
        let decision = object.optional(parser, "decision");
        let case_number = object.optional(parser, "case_number");
        let description = object.optional(parser, "description");
        let place = object.optional(parser, "place");
        let expected_decision = object.optional(parser, "expected_decision");
        object.finish(parser);
        let status_history = status_history?;
        if status_history.is_empty() {
            parser.fail(&at.key("status_history"), "must have at least one status");
            return None;
        }
        if status_history
            .windows(2)
            .any(|pair| pair[1].at < pair[0].at)
        {
            parser.fail(
                &at.key("status_history"),
                "must be in time order, oldest first",
            );
            return None;
        }
        Some(Self {
            status_history,
            next_step: next_step?,
            journal: journal?,
            documents: documents?,
            case_worker: case_worker?,
            org_unit: org_unit?,
            decision: decision?,
            case_number: case_number?,
            description: description?,
            place: place?,
            expected_decision: expected_decision?,
        })
    }
}

/// One status in a case's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CaseStatus {
    /// The status as the citizen should read it.
    pub status: LocalizedText,
    pub at: Timestamp,
    /// Whether the case is closed with this status.
    #[serde(rename = "final")]
    pub is_final: bool,
}

impl FromJson for CaseStatus {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let status = object.required(parser, "status");
        let set_at = object.required(parser, "at");
        let is_final = object.flag(parser, "final", false);
        object.finish(parser);
        Some(Self {
            status: status?,
            at: set_at?,
            is_final: is_final?,
        })
    }
}

/// What happens next on a case and who must act.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NextStep {
    pub text: LocalizedText,
    pub actor: Actor,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
}

impl FromJson for NextStep {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let text = object.required(parser, "text");
        let actor = object.required(parser, "actor");
        let due = object.optional(parser, "due");
        object.finish(parser);
        Some(Self {
            text: text?,
            actor: actor?,
            due: due?,
        })
    }
}

/// A journal note or document of a case: a title, a date and perhaps a link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DatedItem {
    pub title: ShortText,
    pub date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<Link>,
}

impl FromJson for DatedItem {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let title = object.required(parser, "title");
        let date = object.required(parser, "date");
        let link = object.optional(parser, "link");
        object.finish(parser);
        Some(Self {
            title: title?,
            date: date?,
            link: link?,
        })
    }
}

/// The result of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Decision {
    pub text: LongText,
    pub date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appeal_by: Option<Date>,
    /// The first day a permit or grant the decision gives holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Date>,
    /// Its last day; without it, it holds with no end date. Only with `valid_from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Date>,
}

impl FromJson for Decision {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let text = object.required(parser, "text");
        let date = object.required(parser, "date");
        let appeal_by = object.optional(parser, "appeal_by");
        let valid_from = object.optional(parser, "valid_from");
        let valid_until = object.optional(parser, "valid_until");
        object.finish(parser);
        let (date, appeal_by) = (date?, appeal_by?);
        let (valid_from, valid_until): (Option<Date>, Option<Date>) = (valid_from?, valid_until?);
        check_order(
            parser,
            Some(&date),
            appeal_by.as_ref(),
            &at.key("appeal_by"),
            "must not be before the decision date",
        )?;
        // A period has a first day; an end alone would leave its start to be guessed.
        if valid_until.is_some() && valid_from.is_none() {
            parser.fail(&at.key("valid_until"), "must come with valid_from");
            return None;
        }
        check_order(
            parser,
            valid_from.as_ref(),
            valid_until.as_ref(),
            &at.key("valid_until"),
            "must not be before valid_from",
        )?;
        Some(Self {
            text: text?,
            date,
            appeal_by,
            valid_from,
            valid_until,
        })
    }
}

// ---- benefit ----

wire_enum! {
    /// How often a benefit is paid.
    Frequency {
        Once = "once",
        Weekly = "weekly",
        Fortnightly = "fortnightly",
        Monthly = "monthly",
        Quarterly = "quarterly",
        Yearly = "yearly",
    }
}

wire_enum! {
    /// Whether a benefit is paid before or after the period it covers.
    PaidIn { Advance = "advance", Arrears = "arrears" }
}

/// Gross, tax and net of one payment or period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Amounts {
    pub gross: Money,
    pub tax: Money,
    pub net: Money,
}

impl Amounts {
    /// Reads amounts that are never negative: a benefit's per period, a planned payment.
    fn read(parser: &mut Parser, object: &mut crate::parse::Object<'_, '_>) -> Option<Self> {
        read_amounts(parser, object, false)
    }
}

impl FromJson for Amounts {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let amounts = Amounts::read(parser, &mut object);
        object.finish(parser);
        amounts
    }
}

/// Gross, tax and net, in one currency, net being gross minus tax; negative only when
/// `signed` (a refund or a credit note).
fn read_amounts(
    parser: &mut Parser,
    object: &mut crate::parse::Object<'_, '_>,
    signed: bool,
) -> Option<Amounts> {
    let gross: Option<Money> = object.required(parser, "gross");
    let tax: Option<Money> = object.required(parser, "tax");
    let net: Option<Money> = object.required(parser, "net");
    let (gross, tax, net) = (gross?, tax?, net?);
    let mut valid = true;
    for (name, amount) in [("gross", gross), ("tax", tax), ("net", net)] {
        if !signed && amount.is_negative() {
            parser.fail(&object.field_at(name), "must not be negative");
            valid = false;
        }
        if amount.currency() != gross.currency() {
            parser.fail(&object.field_at(name), "must be in the currency of gross");
            valid = false;
        }
    }
    if valid && gross.minor() - tax.minor() != net.minor() {
        parser.fail(&object.field_at("net"), "must equal gross minus tax");
        return None;
    }
    valid.then_some(Amounts { gross, tax, net })
}

/// `amount`, or an error at `at` when it is negative.
fn not_negative(parser: &mut Parser, at: &At<'_>, amount: Option<Money>) -> Option<Money> {
    let amount = amount?;
    if amount.is_negative() {
        parser.fail(at, "must not be negative");
        return None;
    }
    Some(amount)
}

/// A benefit granted to the citizen: a pension, child benefit, housing support, hours of
/// home care, trips of special transport, ...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Benefit {
    pub granted_from: Date,
    /// The last day it is granted; without it, it is granted with no end date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub granted_until: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<LocalizedText>,
    pub repayable: bool,
    /// Money (`per_period`, with `frequency` and `paid_in`) or a service (`in_kind`): one of
    /// the two, never both.
    #[serde(flatten)]
    pub provision: Provision,
}

/// What a benefit gives: money each period, or a quantity of a service.
///
/// Stored and sent flattened into the benefit: a benefit in money has `frequency`,
/// `paid_in`, `per_period` and perhaps `payment_plan`, one in kind has `in_kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum Provision {
    Money(InMoney),
    InKind { in_kind: InKind },
}

/// A benefit paid in money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct InMoney {
    pub frequency: Frequency,
    pub paid_in: PaidIn,
    /// What one period pays.
    pub per_period: Amounts,
    /// Planned payments, soonest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payment_plan: Vec<PlannedPayment>,
}

/// A benefit given as a service, counted in its own unit: hours of care, trips, nights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct InKind {
    /// What is counted, such as `{"nl": "uur", "en": "hours"}`.
    pub unit: LocalizedText,
    /// How much is granted: in each `period`, or in all when there is none.
    pub granted: Quantity,
    /// How much of it is used (in the current period, when there is one). It may exceed what
    /// is granted: the citizen used more.
    pub used: Quantity,
    /// The period `granted` is counted over, such as `weekly`; without it, over the whole
    /// grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Frequency>,
}

impl InKind {
    /// What is left: granted less used, negative when more was used than granted.
    pub fn balance(&self) -> Quantity {
        self.granted.minus(self.used)
    }
}

impl FromJson for InKind {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let unit = object.required(parser, "unit");
        let granted = object.required(parser, "granted");
        let used = object.required(parser, "used");
        let period = object.optional(parser, "period");
        object.finish(parser);
        Some(Self {
            unit: unit?,
            granted: granted?,
            used: used?,
            period: period?,
        })
    }
}

impl Benefit {
    /// What it pays each period, for a benefit in money.
    pub fn in_money(&self) -> Option<&InMoney> {
        match &self.provision {
            Provision::Money(money) => Some(money),
            Provision::InKind { .. } => None,
        }
    }

    /// What it gives, for a benefit in kind.
    pub fn in_kind(&self) -> Option<&InKind> {
        match &self.provision {
            Provision::Money(_) => None,
            Provision::InKind { in_kind } => Some(in_kind),
        }
    }
}

impl FromJson for Benefit {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let granted_from = object.required(parser, "granted_from");
        let granted_until = object.optional(parser, "granted_until");
        let reason = object.optional(parser, "reason");
        let repayable = object.flag(parser, "repayable", false);
        let frequency: Option<Option<Frequency>> = object.optional(parser, "frequency");
        let paid_in: Option<Option<PaidIn>> = object.optional(parser, "paid_in");
        let per_period: Option<Option<Amounts>> = object.optional(parser, "per_period");
        let payment_plan: Option<Vec<PlannedPayment>> =
            object.list(parser, "payment_plan", MAX_ENTRIES);
        let in_kind: Option<Option<InKind>> = object.optional(parser, "in_kind");
        object.finish(parser);
        let (granted_from, granted_until) = (granted_from?, granted_until?);
        check_order(
            parser,
            Some(&granted_from),
            granted_until.as_ref(),
            &at.key("granted_until"),
            "must not be before granted_from",
        )?;
        let provision = match (per_period?, in_kind?) {
            (Some(_), Some(_)) => {
                parser.fail(
                    &at.key("in_kind"),
                    "must not be given with per_period: a benefit is either money or in kind",
                );
                None
            }
            (None, None) => {
                parser.fail(
                    at,
                    "must have per_period (a benefit in money) or in_kind (a service)",
                );
                None
            }
            (Some(per_period), None) => {
                let (frequency, paid_in) = (frequency?, paid_in?);
                for (name, missing) in [
                    ("frequency", frequency.is_none()),
                    ("paid_in", paid_in.is_none()),
                ] {
                    if missing {
                        parser.fail(&at.key(name), "is required for a benefit in money");
                    }
                }
                let payment_plan: Vec<PlannedPayment> = payment_plan?;
                let mut same_currency = true;
                for (index, planned) in payment_plan.iter().enumerate() {
                    if planned.amounts.gross.currency() != per_period.gross.currency() {
                        let plan_at = at.key("payment_plan");
                        parser.fail(
                            &plan_at.index(index).key("gross"),
                            "must be in the currency of per_period",
                        );
                        same_currency = false;
                    }
                }
                if !same_currency {
                    return None;
                }
                Some(Provision::Money(InMoney {
                    frequency: frequency?,
                    paid_in: paid_in?,
                    per_period,
                    payment_plan,
                }))
            }
            (None, Some(in_kind)) => {
                // What only money has would be shown nowhere: refused rather than dropped.
                let mut alone = true;
                for (name, given) in [
                    ("frequency", frequency?.is_some()),
                    ("paid_in", paid_in?.is_some()),
                    ("payment_plan", !payment_plan?.is_empty()),
                ] {
                    if given {
                        parser.fail(
                            &at.key(name),
                            "applies only to a benefit in money; in_kind has its own period",
                        );
                        alone = false;
                    }
                }
                alone.then_some(Provision::InKind { in_kind })
            }
        };
        Some(Self {
            granted_from,
            granted_until,
            reason: reason?,
            repayable: repayable?,
            provision: provision?,
        })
    }
}

/// A payment planned on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PlannedPayment {
    pub date: Date,
    #[serde(flatten)]
    pub amounts: Amounts,
}

impl FromJson for PlannedPayment {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let date = object.required(parser, "date");
        let amounts = Amounts::read(parser, &mut object);
        object.finish(parser);
        Some(Self {
            date: date?,
            amounts: amounts?,
        })
    }
}

// ---- payment ----

wire_enum! {
    /// Where a payment stands (the reference architecture's codes 1 to 7, by name).
    PaymentStatus {
        Upcoming = "upcoming",
        Paid = "paid",
        Overdue = "overdue",
        SentToCollection = "sent_to_collection",
        PartlyPaid = "partly_paid",
        PartlyPaidOverdue = "partly_paid_overdue",
        PartlyPaidSentToCollection = "partly_paid_sent_to_collection",
    }
}

wire_enum! {
    /// Which way something goes: to the citizen or from them. Money: a benefit paid out or a
    /// bill; a contact: the authority reaching out or the citizen.
    Direction { ToCitizen = "to_citizen", FromCitizen = "from_citizen" }
}

/// One payment, to or from the citizen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Payment {
    pub date: Date,
    pub direction: Direction,
    #[serde(flatten)]
    pub amounts: Amounts,
    pub payment_status: PaymentStatus,
    /// The last digits of the account, such as `****1234`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_hint: Option<crate::values::Text<20>>,
    /// The provider's id of the benefit this payment belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit_id: Option<SourceId>,
}

impl FromJson for Payment {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let date = object.required(parser, "date");
        let direction = object.required(parser, "direction");
        // A negative payment is a refund or a reversal of one.
        let amounts = read_amounts(parser, &mut object, true);
        let payment_status = object.required(parser, "payment_status");
        let account_hint = object.optional(parser, "account_hint");
        let benefit_id = object.optional(parser, "benefit_id");
        object.finish(parser);
        Some(Self {
            date: date?,
            direction: direction?,
            amounts: amounts?,
            payment_status: payment_status?,
            account_hint: account_hint?,
            benefit_id: benefit_id?,
        })
    }
}

// ---- debt ----

wire_enum! {
    /// Where a debt stands.
    DebtStatus {
        Open = "open",
        Overdue = "overdue",
        InCollection = "in_collection",
        Instalments = "instalments",
        Paid = "paid",
        /// The citizen disputes the debt; the creditor holds back while the dispute stands.
        InDispute = "in_dispute",
        /// It is taken from the citizen's account on its dates.
        DirectDebit = "direct_debit",
        /// The creditor has cancelled it (written off, remitted, raised in error).
        Cancelled = "cancelled",
    }
}

impl DebtStatus {
    /// Whether the debt is owed: every state but paid and cancelled. A disputed debt is owed
    /// until the dispute is settled, so it counts in what the citizen owes (and against a
    /// certificate of no debt), but see [`DebtStatus::may_be_overdue`].
    pub fn is_owed(self) -> bool {
        !matches!(self, DebtStatus::Paid | DebtStatus::Cancelled)
    }

    /// Whether a date of the debt that has passed makes it overdue, to be pressed on the
    /// citizen. Not while it is disputed (the creditor holds back until the dispute is
    /// settled), nor when it is paid by direct debit (the money is taken on the day; a debit
    /// that fails is the creditor's to report by changing the state).
    pub fn may_be_overdue(self) -> bool {
        self.is_owed() && !matches!(self, DebtStatus::InDispute | DebtStatus::DirectDebit)
    }
}

/// A debt the citizen owes a public creditor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Debt {
    pub creditor: ShortText,
    pub principal: Money,
    pub interest: Money,
    pub fees: Money,
    /// What is still owed in all.
    pub outstanding: Money,
    pub due: Date,
    pub debt_status: DebtStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_link: Option<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instalments: Vec<Instalment>,
}

impl FromJson for Debt {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let creditor = object.required(parser, "creditor");
        let principal: Option<Money> = object.required(parser, "principal");
        let interest: Option<Money> = object.required(parser, "interest");
        let fees: Option<Money> = object.required(parser, "fees");
        let outstanding: Option<Money> = object.required(parser, "outstanding");
        let due = object.required(parser, "due");
        let debt_status = object.required(parser, "debt_status");
        let payment_link = object.optional(parser, "payment_link");
        let instalments = object.list(parser, "instalments", MAX_ENTRIES);
        object.finish(parser);
        // A negative principal is a credit note, a negative outstanding a credit owed back.
        let interest = not_negative(parser, &at.key("interest"), interest);
        let fees = not_negative(parser, &at.key("fees"), fees);
        let (principal, interest, fees, outstanding) = (principal?, interest?, fees?, outstanding?);
        let mut same_currency = true;
        for (name, amount) in [
            ("interest", interest),
            ("fees", fees),
            ("outstanding", outstanding),
        ] {
            if amount.currency() != principal.currency() {
                parser.fail(&at.key(name), "must be in the currency of principal");
                same_currency = false;
            }
        }
        let instalments: Vec<Instalment> = instalments?;
        for (index, instalment) in instalments.iter().enumerate() {
            if instalment.amount.currency() != principal.currency() {
                let instalment_at = at.key("instalments");
                parser.fail(
                    &instalment_at.index(index).key("amount"),
                    "must be in the currency of principal",
                );
                same_currency = false;
            }
        }
        if !same_currency {
            return None;
        }
        if outstanding.minor() > principal.minor() + interest.minor() + fees.minor() {
            parser.fail(
                &at.key("outstanding"),
                "must not exceed principal plus interest plus fees",
            );
            return None;
        }
        Some(Self {
            creditor: creditor?,
            principal,
            interest,
            fees,
            outstanding,
            due: due?,
            debt_status: debt_status?,
            payment_link: payment_link?,
            instalments,
        })
    }
}

/// One instalment of a debt's payment plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Instalment {
    pub date: Date,
    pub amount: Money,
    pub paid: bool,
}

impl FromJson for Instalment {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let date = object.required(parser, "date");
        let amount = object.required(parser, "amount");
        let amount = not_negative(parser, &object.field_at("amount"), amount);
        let paid = object.flag(parser, "paid", false);
        object.finish(parser);
        Some(Self {
            date: date?,
            amount: amount?,
            paid: paid?,
        })
    }
}

// ---- appointment ----

/// A meeting with an authority: at a place or by video.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Appointment {
    pub start: Timestamp,
    pub end: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<ShortText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_link: Option<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with_whom: Option<ShortText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bring: Option<LongText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rebook_link: Option<Link>,
    /// Where the citizen cancels the appointment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_link: Option<Link>,
    /// The code the citizen gives on arrival (at a kiosk, at the desk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_in_code: Option<Text<40>>,
}

impl FromJson for Appointment {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let start: Option<Timestamp> = object.required(parser, "start");
        let end: Option<Timestamp> = object.required(parser, "end");
        let place: Option<Option<ShortText>> = object.optional(parser, "place");
        let video_link: Option<Option<Link>> = object.optional(parser, "video_link");
        let with_whom = object.optional(parser, "with_whom");
        let bring = object.optional(parser, "bring");
        let rebook_link = object.optional(parser, "rebook_link");
        let cancel_link = object.optional(parser, "cancel_link");
        let check_in_code = object.optional(parser, "check_in_code");
        object.finish(parser);
        let (start, end, place, video_link) = (start?, end?, place?, video_link?);
        if end <= start {
            parser.fail(&at.key("end"), "must be after start");
            return None;
        }
        if place.is_none() && video_link.is_none() {
            parser.fail(at, "must have a place or a video_link");
            return None;
        }
        Some(Self {
            start,
            end,
            place,
            video_link,
            with_whom: with_whom?,
            bring: bring?,
            rebook_link: rebook_link?,
            cancel_link: cancel_link?,
            check_in_code: check_in_code?,
        })
    }
}

// ---- deadline ----

/// Something the citizen must do by a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Deadline {
    pub due: Date,
    /// What must be done.
    pub action: LongText,
    /// Where to do it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_link: Option<Link>,
    pub done: bool,
}

impl FromJson for Deadline {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let due = object.required(parser, "due");
        let action = object.required(parser, "action");
        let action_link = object.optional(parser, "action_link");
        let done = object.flag(parser, "done", false);
        object.finish(parser);
        Some(Self {
            due: due?,
            action: action?,
            action_link: action_link?,
            done: done?,
        })
    }
}

// ---- document / message ----

wire_enum! {
    /// Whether an item is a document or a message.
    DocumentCategory { Document = "document", Message = "message" }
}

/// A document or message; its content stays with the provider unless it chooses otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Document {
    pub category: DocumentCategory,
    pub date: Date,
    pub sender: ShortText,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<Link>,
    /// The letter's or message's own text, where the provider sends it; line breaks are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<LongText>,
}

impl FromJson for Document {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let category = object.required(parser, "category");
        let date = object.required(parser, "date");
        let sender = object.required(parser, "sender");
        let link = object.optional(parser, "link");
        let body = object.optional(parser, "body");
        object.finish(parser);
        Some(Self {
            category: category?,
            date: date?,
            sender: sender?,
            link: link?,
            body: body?,
        })
    }
}

// ---- register fact ----

wire_enum! {
    /// The attribute sets a register can hold about a person.
    FactType {
        Name = "name",
        Address = "address",
        Family = "family",
        Custody = "custody",
        MaritalStatus = "marital_status",
        Occupation = "occupation",
        Education = "education",
        Vehicle = "vehicle",
        DrivingLicence = "driving_licence",
        Property = "property",
        Herd = "herd",
        FishingLicence = "fishing_licence",
        HealthInsurance = "health_insurance",
        /// A mandate the citizen gave for payments to be taken from their account.
        PaymentMandate = "payment_mandate",
        /// Land or a home held on a long lease (ground lease, erfpacht).
        Leasehold = "leasehold",
        /// A ship or boat registered to the citizen.
        Vessel = "vessel",
        Other = "other",
    }
}

impl FactType {
    /// Whether a fact of this type lets one citizen see or act on another's data (custody
    /// lets a parent act for a child). Such a fact counts only from a provider the operator
    /// designates as authoritative for it: [`crate::FactAuthorities`].
    pub fn grants_access(self) -> bool {
        matches!(self, Self::Custody)
    }
}

/// A typed set of attributes from a register: a name, an address, a vehicle, a herd, ...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RegisterFact {
    pub fact: FactType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Date>,
    /// Its last day; without it, it holds with no end date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Date>,
    /// Named values, shown in the order given.
    pub attributes: Vec<Attribute>,
    /// Another person this fact relates the subject to (a child, a spouse), as their subject key.
    ///
    /// Providers send the national identifier; it is turned into a key on arrival.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "010118-4321")]
    pub related_person: Option<SubjectKey>,
    /// The related person's day of birth: as their national identifier encodes it, or as the
    /// provider gives it where the identifier encodes none (a provider's date that differs
    /// from the identifier's is refused). Custody of a child ends on its 18th birthday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related_person_born: Option<Date>,
    /// The related person's name, as the register holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related_person_name: Option<ShortText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<ShortText>,
}

impl RegisterFact {
    fn parse(
        parser: &mut Parser,
        value: &Value,
        at: &At<'_>,
        secret: &SubjectKeySecret,
    ) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let fact = object.required(parser, "fact");
        let valid_from = object.optional(parser, "valid_from");
        let valid_until = object.optional(parser, "valid_until");
        let attributes: Option<Vec<Attribute>> = object.list(parser, "attributes", 50);
        let related_person: Option<Option<NationalId>> = object.optional(parser, "related_person");
        let related_person_born: Option<Option<Date>> =
            object.optional(parser, "related_person_born");
        let related_person_name = object.optional(parser, "related_person_name");
        let relation = object.optional(parser, "relation");
        object.finish(parser);
        let (valid_from, valid_until) = (valid_from?, valid_until?);
        check_order(
            parser,
            valid_from.as_ref(),
            valid_until.as_ref(),
            &at.key("valid_until"),
            "must not be before valid_from",
        )?;
        let related_person = related_person?;
        // The day of birth the identifier encodes is the person's; a provider's own field
        // counts only where the identifier encodes none, so no field makes an adult a minor.
        let encoded = related_person.as_ref().and_then(NationalId::birth_date);
        let given = related_person_born?;
        if let (Some(encoded), Some(given)) = (encoded, given.as_ref())
            && given.get() != encoded
        {
            parser.fail(
                &at.key("related_person_born"),
                "differs from the day of birth the related person's national identifier encodes",
            );
            return None;
        }
        let related_person_born = encoded.map(Date::new).or(given);
        Some(Self {
            fact: fact?,
            valid_from,
            valid_until,
            attributes: attributes?,
            related_person: related_person.map(|person| secret.subject_key(&person)),
            related_person_born,
            related_person_name: related_person_name?,
            relation: relation?,
        })
    }
}

/// One named value of a register fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Attribute {
    pub name: LocalizedText,
    pub value: ShortText,
}

impl FromJson for Attribute {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let name = object.required(parser, "name");
        let text = object.required(parser, "value");
        object.finish(parser);
        Some(Self {
            name: name?,
            value: text?,
        })
    }
}

// ---- access event ----

/// An access to the citizen's data that a provider reports about itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AccessEvent {
    pub organisation: ShortText,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<ShortText>,
    /// The person who looked, where the provider shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<ShortText>,
    pub at: Timestamp,
    /// What was looked at.
    pub what: LongText,
    pub purpose: ShortText,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<ShortText>,
}

impl FromJson for AccessEvent {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let organisation = object.required(parser, "organisation");
        let system = object.optional(parser, "system");
        let person = object.optional(parser, "person");
        let when = object.required(parser, "at");
        let what = object.required(parser, "what");
        let purpose = object.required(parser, "purpose");
        let legal_basis = object.optional(parser, "legal_basis");
        object.finish(parser);
        Some(Self {
            organisation: organisation?,
            system: system?,
            person: person?,
            at: when?,
            what: what?,
            purpose: purpose?,
            legal_basis: legal_basis?,
        })
    }
}

// ---- contact ----

wire_enum! {
    /// How the citizen and the authority were in contact.
    Channel {
        Phone = "phone",
        Visit = "visit",
        Email = "email",
        Letter = "letter",
        Chat = "chat",
    }
}

/// One contact between the citizen and the authority: a call, a visit, an e-mail, a letter
/// or a chat, and what it was about. Informative only: it never needs attention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ContactEvent {
    pub channel: Channel,
    /// Who reached out: the citizen (`from_citizen`) or the authority (`to_citizen`).
    pub direction: Direction,
    pub at: Timestamp,
    /// What it was about, in the authority's words.
    pub summary: LongText,
    /// Whom the citizen was in contact with, where the authority shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_whom: Option<ShortText>,
}

impl FromJson for ContactEvent {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let channel = object.required(parser, "channel");
        let direction = object.required(parser, "direction");
        let when = object.required(parser, "at");
        let summary = object.required(parser, "summary");
        let with_whom = object.optional(parser, "with_whom");
        object.finish(parser);
        Some(Self {
            channel: channel?,
            direction: direction?,
            at: when?,
            summary: summary?,
            with_whom: with_whom?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::FieldError;
    use serde_json::json;

    fn secret() -> SubjectKeySecret {
        SubjectKeySecret::new(vec![7; 32]).expect("long enough")
    }

    /// A record of `kind` with `details`, as a provider sends it.
    fn sent(kind: &str, details: Value) -> Value {
        json!({
            "id": "r1", "version": 1, "subject": "010190-1234", "kind": kind,
            "classification": "85", "updated_at": "2026-11-01T10:00:00Z", "details": details
        })
    }

    fn parse(value: &Value) -> Result<Record, Vec<FieldError>> {
        let mut parser = Parser::new();
        let parsed = IncomingRecord::parse(&mut parser, value, &At::root(), &secret());
        parser.finish(parsed).map(|incoming| incoming.record)
    }

    /// The record parses, and is stored and read back unchanged.
    fn accepted(kind: &str, details: Value) -> Record {
        let record = parse(&sent(kind, details)).expect("valid");
        let stored = serde_json::to_string(&record).expect("serializes");
        let back: Record = serde_json::from_str(&stored).expect("reads back");
        assert_eq!(back, record);
        record
    }

    /// The record is refused, each error naming the field by pointer.
    fn refused(kind: &str, details: Value, pointers: &[&str]) {
        let errors = parse(&sent(kind, details.clone())).expect_err("refused");
        let found: Vec<&str> = errors.iter().map(|error| error.pointer.as_str()).collect();
        assert_eq!(found, pointers, "{details}: {errors:?}");
    }

    /// `base` with the members of `patch` set (a `null` removes one).
    fn with(base: &Value, patch: Value) -> Value {
        let mut value = base.clone();
        for (key, member) in patch.as_object().expect("an object") {
            if member.is_null() {
                value.as_object_mut().expect("an object").remove(key);
            } else {
                value[key] = member.clone();
            }
        }
        value
    }

    #[test]
    fn the_content_hash_ignores_the_version_and_time_of_change_only() {
        let first = parse(&sent("case", case())).expect("valid");
        let again = parse(&with(
            &sent("case", case()),
            json!({"version": 9, "updated_at": "2026-12-01T10:00:00Z"}),
        ))
        .expect("valid");
        assert_eq!(first.content_hash(), again.content_hash());
        let mut moved = case();
        moved["place"] = json!("Egevej 14, 8000 Eksempelby");
        let changed = parse(&sent("case", moved)).expect("valid");
        assert_ne!(first.content_hash(), changed.content_hash());
        let retitled = parse(&with(
            &sent("case", case()),
            json!({"title": {"en": "Building permit"}}),
        ))
        .expect("valid");
        assert_ne!(first.content_hash(), retitled.content_hash());
    }

    fn case() -> Value {
        json!({
            "status_history": [{"status": {"en": "Received"}, "at": "2026-10-01T09:00:00Z"}],
            "case_number": "BYG-2026-004171",
            "description": "Extension of the house by 24 m².\nNeighbours have been heard.",
            "place": "Egevej 12, 8000 Eksempelby",
            "expected_decision": "2027-01-15"
        })
    }

    #[test]
    fn a_case_carries_its_number_description_place_and_expected_decision() {
        let record = accepted("case", case());
        let RecordDetails::Case(parsed) = &record.details else {
            panic!("a case");
        };
        assert_eq!(
            parsed.case_number.as_ref().map(Text::as_str),
            Some("BYG-2026-004171")
        );
        assert!(
            parsed
                .description
                .as_ref()
                .is_some_and(|text| text.as_str().contains('\n'))
        );
        assert_eq!(
            parsed.place.as_ref().map(Text::as_str),
            Some("Egevej 12, 8000 Eksempelby")
        );
        assert_eq!(
            parsed.expected_decision.map(|date| date.get().to_string()),
            Some("2027-01-15".to_owned())
        );
        let at = |field: &str| format!("/details/{field}");
        for (patch, pointer) in [
            (json!({"case_number": "x".repeat(41)}), at("case_number")),
            (json!({"case_number": ""}), at("case_number")),
            (json!({"case_number": 417}), at("case_number")),
            (json!({"description": "x".repeat(4001)}), at("description")),
            (json!({"place": "Egevej 12\n8000 Eksempelby"}), at("place")),
            (
                json!({"expected_decision": "2027-02-30"}),
                at("expected_decision"),
            ),
        ] {
            refused("case", with(&case(), patch), &[pointer.as_str()]);
        }
        // Each is optional.
        accepted(
            "case",
            with(
                &case(),
                json!({"case_number": null, "description": null, "place": null, "expected_decision": null}),
            ),
        );
    }

    #[test]
    fn a_decision_may_hold_for_a_period_with_or_without_an_end() {
        let decision = |validity: Value| {
            with(
                &case(),
                json!({"decision": with(&json!({"text": "Permit granted", "date": "2026-11-20"}), validity)}),
            )
        };
        let record = accepted("case", decision(json!({"valid_from": "2026-12-01"})));
        let RecordDetails::Case(parsed) = &record.details else {
            panic!("a case");
        };
        let granted = parsed.decision.as_ref().expect("a decision");
        assert!(granted.valid_from.is_some() && granted.valid_until.is_none());
        accepted(
            "case",
            decision(json!({"valid_from": "2026-12-01", "valid_until": "2036-11-30"})),
        );
        accepted(
            "case",
            decision(json!({"valid_from": "2026-12-01", "valid_until": "2026-12-01"})),
        );
        refused(
            "case",
            decision(json!({"valid_until": "2036-11-30"})),
            &["/details/decision/valid_until"],
        );
        refused(
            "case",
            decision(json!({"valid_from": "2026-12-01", "valid_until": "2026-11-30"})),
            &["/details/decision/valid_until"],
        );
        refused(
            "case",
            decision(json!({"valid_from": "1.12.2026"})),
            &["/details/decision/valid_from"],
        );
    }

    fn money_benefit() -> Value {
        json!({
            "granted_from": "2026-09-01", "frequency": "monthly", "paid_in": "advance",
            "per_period": {"gross": 2150, "tax": 0, "net": 2150}
        })
    }

    fn care_hours() -> Value {
        json!({
            "granted_from": "2026-09-01",
            "in_kind": {"unit": {"nl": "uur", "en": "hours"}, "granted": 12, "used": 4.5, "period": "weekly"}
        })
    }

    #[test]
    fn a_benefit_is_money_or_in_kind() {
        let record = accepted("benefit", care_hours());
        let RecordDetails::Benefit(benefit) = &record.details else {
            panic!("a benefit");
        };
        assert!(benefit.in_money().is_none());
        let in_kind = benefit.in_kind().expect("in kind");
        assert_eq!(in_kind.unit.get(Language::En), "hours");
        assert_eq!(in_kind.granted, Quantity::from_hundredths(1200));
        assert_eq!(in_kind.used, Quantity::from_hundredths(450));
        assert_eq!(in_kind.period, Some(Frequency::Weekly));
        assert_eq!(in_kind.balance(), Quantity::from_hundredths(750));
        // Granted without an end, and over the whole grant rather than per period.
        let trips = json!({
            "granted_from": "2026-01-01",
            "in_kind": {"unit": {"ca": "viatges", "es": "viajes"}, "granted": 40, "used": 0}
        });
        let record = accepted("benefit", trips);
        let RecordDetails::Benefit(benefit) = &record.details else {
            panic!("a benefit");
        };
        assert_eq!(benefit.granted_until, None);
        assert_eq!(benefit.in_kind().and_then(|in_kind| in_kind.period), None);
        // More used than granted is what happened, and is kept.
        let over = with(
            &care_hours(),
            json!({"in_kind": {"unit": {"en": "hours"}, "granted": 10, "used": 12.25}}),
        );
        let record = accepted("benefit", over);
        let RecordDetails::Benefit(benefit) = &record.details else {
            panic!("a benefit");
        };
        let balance = benefit.in_kind().expect("in kind").balance();
        assert!(balance.is_negative());
        assert_eq!(balance.written(Language::En), "-2.25");

        let money = accepted("benefit", money_benefit());
        let RecordDetails::Benefit(benefit) = &money.details else {
            panic!("a benefit");
        };
        assert_eq!(
            benefit.in_money().map(|money| money.frequency),
            Some(Frequency::Monthly)
        );
    }

    #[test]
    fn a_benefit_in_neither_or_both_forms_is_refused_naming_the_field() {
        let both = with(
            &money_benefit(),
            json!({"in_kind": care_hours()["in_kind"]}),
        );
        refused("benefit", both, &["/details/in_kind"]);
        let neither = with(
            &money_benefit(),
            json!({"per_period": null, "frequency": null, "paid_in": null}),
        );
        refused("benefit", neither, &["/details"]);
        // What only money has does not go with in_kind.
        refused(
            "benefit",
            with(
                &care_hours(),
                json!({"frequency": "monthly", "paid_in": "arrears"}),
            ),
            &["/details/frequency", "/details/paid_in"],
        );
        refused(
            "benefit",
            with(
                &care_hours(),
                json!({"payment_plan": [{"date": "2026-12-01", "gross": 1, "tax": 0, "net": 1}]}),
            ),
            &["/details/payment_plan"],
        );
        // Money still needs how often and when it is paid.
        refused(
            "benefit",
            with(
                &money_benefit(),
                json!({"frequency": null, "paid_in": null}),
            ),
            &["/details/frequency", "/details/paid_in"],
        );
    }

    #[test]
    fn an_in_kind_quantity_is_a_number_from_zero_with_two_decimals_at_most() {
        let in_kind = |granted: Value, used: Value| {
            with(
                &care_hours(),
                json!({"in_kind": {"unit": {"en": "hours"}, "granted": granted, "used": used}}),
            )
        };
        accepted("benefit", in_kind(json!(0), json!(0)));
        accepted("benefit", in_kind(json!(0.07), json!(1_000_000_000)));
        for (granted, used, pointer) in [
            (json!(-1), json!(0), "/details/in_kind/granted"),
            (json!(1.005), json!(0), "/details/in_kind/granted"),
            (json!("12"), json!(0), "/details/in_kind/granted"),
            (json!(1), json!(-0.5), "/details/in_kind/used"),
            (json!(1), json!(1e12), "/details/in_kind/used"),
            (json!(i64::MIN), json!(0), "/details/in_kind/granted"),
        ] {
            refused("benefit", in_kind(granted, used), &[pointer]);
        }
        let mut missing = care_hours();
        missing["in_kind"] = json!({"unit": {}, "used": 1, "period": "hourly"});
        refused(
            "benefit",
            missing,
            &[
                "/details/in_kind/unit",
                "/details/in_kind/granted",
                "/details/in_kind/period",
            ],
        );
        let mut extra = care_hours();
        extra["in_kind"]["left"] = json!(3);
        refused("benefit", extra, &["/details/in_kind/left"]);
    }

    #[test]
    fn quantities_are_written_as_each_language_writes_numbers() {
        let quantity = Quantity::from_hundredths(123_450);
        assert_eq!(quantity.written(Language::Da), "1.234,5");
        assert_eq!(quantity.written(Language::En), "1,234.5");
        assert_eq!(Quantity::from_hundredths(1200).written(Language::Es), "12");
        assert_eq!(Quantity::from_hundredths(-7).written(Language::Ca), "-0,07");
        assert_eq!(
            serde_json::to_value(Quantity::from_hundredths(450)).expect("serializes"),
            json!(4.5)
        );
        assert_eq!(
            serde_json::to_value(Quantity::from_hundredths(1200)).expect("serializes"),
            json!(12)
        );
    }

    fn debt_details(status: &str) -> Value {
        json!({
            "creditor": "Gemeente Voorbeeld", "principal": 100, "interest": 0, "fees": 0,
            "outstanding": 100, "due": "2026-10-01", "debt_status": status
        })
    }

    fn debt(status: &str) -> Record {
        accepted("debt", debt_details(status))
    }

    #[test]
    fn a_cancelled_debt_is_not_owed_and_a_disputed_one_is_not_pressed() {
        for (status, owed, pressed) in [
            ("open", true, true),
            ("overdue", true, true),
            ("in_collection", true, true),
            ("instalments", true, true),
            ("in_dispute", true, false),
            ("direct_debit", true, false),
            ("paid", false, false),
            ("cancelled", false, false),
        ] {
            let record = debt(status);
            let RecordDetails::Debt(parsed) = &record.details else {
                panic!("a debt");
            };
            assert_eq!(parsed.debt_status.as_str(), status);
            assert_eq!(parsed.debt_status.is_owed(), owed, "{status}");
            assert_eq!(parsed.debt_status.may_be_overdue(), pressed, "{status}");
            // What the overview counts as owed, it must be handed.
            let span = record.attention_span();
            assert_eq!(span == AttentionSpan::WhileItStands, owed, "{status}");
            assert_eq!(span == AttentionSpan::Never, !owed, "{status}");
        }
        let errors = parse(&sent("debt", debt_details("disputed"))).expect_err("refused");
        assert_eq!(errors[0].pointer.as_str(), "/details/debt_status");
        assert!(errors[0].detail.contains("in_dispute"), "{errors:?}");
    }

    fn contact() -> Value {
        json!({
            "channel": "phone", "direction": "from_citizen", "at": "2026-11-20T13:05:00Z",
            "summary": "Asked when the permit will be decided.\nTold mid-January.",
            "with_whom": "Klantcontactcentrum"
        })
    }

    #[test]
    fn a_contact_says_how_which_way_when_and_what_and_never_needs_attention() {
        let record = accepted("contact", contact());
        assert_eq!(record.kind(), Kind::Contact);
        assert_eq!(record.attention_span(), AttentionSpan::Never);
        let RecordDetails::Contact(parsed) = &record.details else {
            panic!("a contact");
        };
        assert_eq!(parsed.channel, Channel::Phone);
        assert_eq!(parsed.direction, Direction::FromCitizen);
        for channel in ["phone", "visit", "email", "letter", "chat"] {
            accepted("contact", with(&contact(), json!({"channel": channel})));
        }
        accepted(
            "contact",
            with(
                &contact(),
                json!({"with_whom": null, "direction": "to_citizen"}),
            ),
        );
        let at = |field: &str| format!("/details/{field}");
        for (patch, pointer) in [
            (json!({"channel": "fax"}), at("channel")),
            (json!({"direction": "outbound"}), at("direction")),
            (json!({"at": "2026-11-20 13:05"}), at("at")),
            (json!({"at": null}), at("at")),
            (json!({"summary": null}), at("summary")),
            (json!({"summary": " "}), at("summary")),
            (json!({"with_whom": "Anna\nBakker"}), at("with_whom")),
            (json!({"topic": "permit"}), at("topic")),
        ] {
            refused("contact", with(&contact(), patch), &[pointer.as_str()]);
        }
    }

    #[test]
    fn a_document_may_carry_its_text_with_its_line_breaks() {
        let letter = json!({
            "category": "message", "date": "2026-11-19", "sender": "Jobcenter",
            "body": "Dear Anna,\n\nYou are invited to a meeting.\n\nKind regards"
        });
        let record = accepted("document", letter.clone());
        let RecordDetails::Document(parsed) = &record.details else {
            panic!("a document");
        };
        assert_eq!(
            parsed.body.as_ref().map(Text::as_str),
            Some("Dear Anna,\n\nYou are invited to a meeting.\n\nKind regards")
        );
        for (body, pointer) in [
            (json!(""), "/details/body"),
            (json!("x".repeat(4001)), "/details/body"),
            (json!("a\u{0007}b"), "/details/body"),
            (json!(["a"]), "/details/body"),
        ] {
            refused("document", with(&letter, json!({"body": body})), &[pointer]);
        }
    }

    fn appointment() -> Value {
        json!({
            "start": "2026-12-08T08:30:00Z", "end": "2026-12-08T09:15:00Z",
            "place": "Stadskantoor, balie 3",
            "cancel_link": "https://afspraken.example.nl/annuleren/417",
            "check_in_code": "A-417"
        })
    }

    #[test]
    fn an_appointment_may_carry_a_cancel_link_and_a_check_in_code() {
        let record = accepted("appointment", appointment());
        let RecordDetails::Appointment(parsed) = &record.details else {
            panic!("an appointment");
        };
        assert_eq!(
            parsed.cancel_link.as_ref().map(Link::as_str),
            Some("https://afspraken.example.nl/annuleren/417")
        );
        assert_eq!(
            parsed.check_in_code.as_ref().map(Text::as_str),
            Some("A-417")
        );
        for (patch, pointer) in [
            (
                json!({"cancel_link": "http://afspraken.example.nl/x"}),
                "/details/cancel_link",
            ),
            (json!({"cancel_link": "annuleren"}), "/details/cancel_link"),
            (
                json!({"check_in_code": "x".repeat(41)}),
                "/details/check_in_code",
            ),
            (json!({"check_in_code": "A\n417"}), "/details/check_in_code"),
        ] {
            refused("appointment", with(&appointment(), patch), &[pointer]);
        }
    }

    #[test]
    fn the_new_register_facts_are_named_on_the_wire() {
        for fact in ["payment_mandate", "leasehold", "vessel"] {
            let record = accepted(
                "register_fact",
                json!({"fact": fact, "valid_from": "2020-01-01", "attributes": [{"name": {"en": "Name"}, "value": "x"}]}),
            );
            let RecordDetails::RegisterFact(parsed) = &record.details else {
                panic!("a register fact");
            };
            assert_eq!(parsed.fact.as_str(), fact);
            assert_eq!(parsed.valid_until, None, "open-ended");
            assert!(!parsed.fact.grants_access());
        }
        refused(
            "register_fact",
            json!({"fact": "boat", "attributes": []}),
            &["/details/fact"],
        );
    }

    /// What was stored before these fields existed reads as it did, none of them set.
    #[test]
    fn records_stored_before_the_new_fields_still_read() {
        let stored = |kind: &str, details: Value| -> Record {
            let body = json!({
                "id": "old", "version": 3, "classification": "85",
                "updated_at": "2025-01-01T00:00:00Z", "kind": kind, "details": details
            });
            serde_json::from_value(body).expect("an old body reads")
        };
        let benefit = stored(
            "benefit",
            json!({
                "granted_from": "2024-01-01", "repayable": false, "frequency": "monthly",
                "paid_in": "advance", "per_period": {"gross": 100000, "tax": 0, "net": 100000},
                "payment_plan": [{"date": "2025-02-01", "gross": 100000, "tax": 0, "net": 100000}]
            }),
        );
        let RecordDetails::Benefit(benefit) = &benefit.details else {
            panic!("a benefit");
        };
        let money = benefit.in_money().expect("in money");
        assert_eq!(
            money.per_period.net,
            Money::new(100_000, crate::Currency::DKK)
        );
        assert_eq!(money.payment_plan.len(), 1);
        let case = stored(
            "case",
            json!({
                "status_history": [{"status": {"da": "Modtaget"}, "at": "2024-01-01T00:00:00Z", "final": false}],
                "decision": {"text": "Bevilget", "date": "2024-02-01"}
            }),
        );
        let RecordDetails::Case(case) = &case.details else {
            panic!("a case");
        };
        assert_eq!(
            (
                &case.case_number,
                &case.description,
                &case.place,
                case.expected_decision
            ),
            (&None, &None, &None, None)
        );
        let decision = case.decision.as_ref().expect("a decision");
        assert_eq!((decision.valid_from, decision.valid_until), (None, None));
        let document = stored(
            "document",
            json!({"category": "document", "date": "2024-01-01", "sender": "Skat"}),
        );
        assert!(
            matches!(&document.details, RecordDetails::Document(document) if document.body.is_none())
        );
        let appointment = stored(
            "appointment",
            json!({"start": "2024-01-01T09:00:00Z", "end": "2024-01-01T10:00:00Z", "place": "Rådhuset"}),
        );
        assert!(matches!(
            &appointment.details,
            RecordDetails::Appointment(appointment)
                if appointment.cancel_link.is_none() && appointment.check_in_code.is_none()
        ));
        // And what is not set is not written.
        let written = serde_json::to_value(&appointment).expect("serializes");
        assert!(written["details"].get("cancel_link").is_none(), "{written}");
    }
}
