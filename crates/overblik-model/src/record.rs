//! Records: the common fields every record has, and the fields of each kind.

use crate::catalogue::Classification;
use crate::ids::{NationalId, SourceId, SubjectKey, SubjectKeySecret};
use crate::parse::{At, FromJson, FromJsonScalar, Parser, expect_str};
use crate::values::{
    Contact, Date, Language, Link, LocalizedText, LongText, Money, ShortText, Timestamp, Version,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

/// Declares a string enum with its wire names, parsing and schema in one place.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant),+
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
        }
    }
}

impl Record {
    pub fn kind(&self) -> Kind {
        self.details.kind()
    }

    /// The title to show: the provider's own, or else the catalogue's plain-language title.
    pub fn title_in(&self, language: Language) -> &str {
        match &self.title {
            Some(title) => title.get(language),
            None => {
                let entry = self.classification.entry();
                match language {
                    Language::Da => &entry.da,
                    Language::En => &entry.en,
                }
            }
        }
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
            RecordDetails::Debt(debt) if debt.debt_status != DebtStatus::Paid => {
                AttentionSpan::WhileItStands
            }
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
}

impl FromJson for Decision {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let text = object.required(parser, "text");
        let date = object.required(parser, "date");
        let appeal_by = object.optional(parser, "appeal_by");
        object.finish(parser);
        let (date, appeal_by) = (date?, appeal_by?);
        check_order(
            parser,
            Some(&date),
            appeal_by.as_ref(),
            &at.key("appeal_by"),
            "must not be before the decision date",
        )?;
        Some(Self {
            text: text?,
            date,
            appeal_by,
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

impl FromJson for Amounts {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let amounts = read_amounts(parser, &mut object);
        object.finish(parser);
        amounts
    }
}

fn read_amounts(parser: &mut Parser, object: &mut crate::parse::Object<'_, '_>) -> Option<Amounts> {
    let gross: Option<Money> = object.required(parser, "gross");
    let tax: Option<Money> = object.required(parser, "tax");
    let net: Option<Money> = object.required(parser, "net");
    let (gross, tax, net) = (gross?, tax?, net?);
    if gross.ore() - tax.ore() != net.ore() {
        parser.fail(&object.field_at("net"), "must equal gross minus tax");
        return None;
    }
    Some(Amounts { gross, tax, net })
}

/// A benefit granted to the citizen: a pension, child benefit, housing support, ...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Benefit {
    pub granted_from: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub granted_until: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<LocalizedText>,
    pub repayable: bool,
    pub frequency: Frequency,
    pub paid_in: PaidIn,
    /// What one period pays.
    pub per_period: Amounts,
    /// Planned payments, soonest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payment_plan: Vec<PlannedPayment>,
}

impl FromJson for Benefit {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let granted_from = object.required(parser, "granted_from");
        let granted_until = object.optional(parser, "granted_until");
        let reason = object.optional(parser, "reason");
        let repayable = object.flag(parser, "repayable", false);
        let frequency = object.required(parser, "frequency");
        let paid_in = object.required(parser, "paid_in");
        let per_period = object.required(parser, "per_period");
        let payment_plan = object.list(parser, "payment_plan", MAX_ENTRIES);
        object.finish(parser);
        let (granted_from, granted_until) = (granted_from?, granted_until?);
        check_order(
            parser,
            Some(&granted_from),
            granted_until.as_ref(),
            &at.key("granted_until"),
            "must not be before granted_from",
        )?;
        Some(Self {
            granted_from,
            granted_until,
            reason: reason?,
            repayable: repayable?,
            frequency: frequency?,
            paid_in: paid_in?,
            per_period: per_period?,
            payment_plan: payment_plan?,
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
        let amounts = read_amounts(parser, &mut object);
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
    /// Which way money moves: to the citizen (a benefit paid out) or from them (a bill).
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
        let amounts = read_amounts(parser, &mut object);
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
        let (principal, interest, fees, outstanding) = (principal?, interest?, fees?, outstanding?);
        if outstanding.ore() > principal.ore() + interest.ore() + fees.ore() {
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
            instalments: instalments?,
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
}

impl FromJson for Document {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let category = object.required(parser, "category");
        let date = object.required(parser, "date");
        let sender = object.required(parser, "sender");
        let link = object.optional(parser, "link");
        object.finish(parser);
        Some(Self {
            category: category?,
            date: date?,
            sender: sender?,
            link: link?,
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
