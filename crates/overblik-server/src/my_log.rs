//! "My Log": a citizen's access log entries with their proof status, shared by the page and
//! the JSON API; and the public endpoints anyone may use to check the log (checkpoints, the
//! key, inclusion and consistency proofs), which reveal nothing about any entry.

use crate::problem::Problem;
use crate::routes::{Access, Routes};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use chrono::{DateTime, NaiveDate, Utc};
use overblik_ledger::verify::check_entry;
use overblik_ledger::{
    EntryFilter, LedgerError, Purpose, SealedEntry, UnsealedEntry, checkpoint, entry::Salt,
};
use overblik_model::{FieldError, Pointer, SubjectKey};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Where the public log endpoints live.
pub const PREFIX: &str = "/api/log/v1";

/// The most entries a page of the log shows; the export has them all.
pub const PAGE_SIZE: u32 = 200;
/// The most entries an export holds.
pub const EXPORT_LIMIT: u32 = 100_000;

/// The filters of the log, as the query string gives them.
/// An empty value is no filter, as an HTML form sends an untouched field.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LogParams {
    /// Only entries by this reader: `citizen` or an authority's id.
    pub authority: Option<String>,
    /// Only entries with this purpose code.
    #[param(schema_with = purpose_schema)]
    pub purpose: Option<String>,
    /// From this day (YYYY-MM-DD, in the deployment's time zone), inclusive; not after `to`.
    #[param(schema_with = day_schema)]
    pub from: Option<String>,
    /// Up to this day (YYYY-MM-DD, in the deployment's time zone), inclusive.
    #[param(schema_with = day_schema)]
    pub to: Option<String>,
}

/// A purpose code, or empty for any.
fn purpose_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(
            std::iter::once("").chain(Purpose::ALL.into_iter().map(Purpose::code)),
        ))
        .build()
}

/// A day written YYYY-MM-DD, or empty for no limit.
fn day_schema() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{
        KnownFormat, ObjectBuilder, OneOfBuilder, Schema, SchemaFormat, Type,
    };
    Schema::OneOf(
        OneOfBuilder::new()
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date))),
            )
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .max_length(Some(0)),
            )
            .build(),
    )
}

impl LogParams {
    /// The filter these parameters ask for, or every parameter that is wrong.
    pub fn filter(&self, limit: u32) -> Result<EntryFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut date = |name: &str, value: &Option<String>| -> Option<NaiveDate> {
            let value = value.as_deref().filter(|value| !value.is_empty())?;
            match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                Ok(date) => Some(date),
                Err(_) => {
                    errors.push(FieldError {
                        pointer: Pointer::root().key(name),
                        detail: format!("{name} must be a date written YYYY-MM-DD"),
                    });
                    None
                }
            }
        };
        let from = date("from", &self.from);
        let to = date("to", &self.to);
        let purpose = self.purpose.clone().filter(|purpose| !purpose.is_empty());
        if let Some(purpose) = &purpose
            && Purpose::of(purpose).is_none()
        {
            errors.push(FieldError {
                pointer: Pointer::root().key("purpose"),
                detail: format!(
                    "purpose must be one of {}",
                    Purpose::ALL.map(Purpose::code).join(", ")
                ),
            });
        }
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            errors.push(FieldError {
                pointer: Pointer::root().key("to"),
                detail: "to must not be before from".to_owned(),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(EntryFilter {
            actor: self.authority.clone().filter(|actor| !actor.is_empty()),
            purpose,
            from: from.map(start_of_day),
            until: to.and_then(|to| to.succ_opt()).map(start_of_day),
            ..EntryFilter::visible_now(limit)
        })
    }
}

/// The moment a Danish day starts.
fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0)
        .and_then(|midnight| {
            midnight
                .and_local_timezone(overblik_model::Country::current().time_zone)
                .earliest()
        })
        .map(|start| start.with_timezone(&Utc))
        .unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// An entry with whether the latest checkpoint proves it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProvenEntry {
    #[serde(flatten)]
    pub sealed: SealedEntry,
    /// True when the entry's inclusion proof checks against the latest signed checkpoint.
    pub proven: bool,
}

/// What My Log shows of the entries a filter selects, newest first.
#[derive(Debug)]
pub struct Shown {
    /// Entries awaiting their seal, newest first: newer than any sealed one.
    pub pending: Vec<UnsealedEntry>,
    /// Sealed entries, each with its proof status.
    pub entries: Vec<ProvenEntry>,
    /// The signed checkpoint the entries were checked against.
    pub checkpoint: String,
}

/// The citizen's entries that `filter` selects, newest first: those awaiting their seal, and
/// the sealed ones each with its proof status against the latest checkpoint.
pub async fn proven_entries(
    state: &AppState,
    subject: &SubjectKey,
    filter: &EntryFilter,
) -> Result<Shown, LedgerError> {
    // In this order an entry sealed meanwhile is read twice rather than not at all, and the
    // checkpoint covers every entry sealed before it was read.
    let pending = state.core.ledger.pending(subject, filter).await?;
    let entries = state.core.ledger.entries(subject, filter).await?;
    let (size, note) = state.core.ledger.checkpoint().await?;
    let signed = checkpoint::open(&note, state.core.ledger.verifier_key())
        .map_err(|error| LedgerError::Storage(error.to_string()))?;
    let sealed_salts: Vec<Salt> = entries.iter().map(|stored| stored.salt).collect();
    let entries = entries
        .into_iter()
        .map(|stored| {
            let sealed = SealedEntry::from(stored);
            let proven = sealed.index < size
                && state
                    .core
                    .ledger
                    .inclusion(size, sealed.index)
                    .is_ok_and(|proof| check_entry(&sealed, &proof, &signed).is_ok());
            ProvenEntry { sealed, proven }
        })
        .collect();
    Ok(Shown {
        pending: still_pending(pending, &sealed_salts),
        entries,
        checkpoint: note,
    })
}

pub use overblik_ledger::export::{ExportedEntry, LogExport, still_pending};

// ---- the public endpoints ----

pub fn public_routes() -> Routes {
    Routes::new()
        .get("/checkpoint", Access::Public, latest_checkpoint)
        .get("/key", Access::Public, verifier_key)
        .get("/proofs/inclusion", Access::Public, inclusion)
        .get("/proofs/consistency", Access::Public, consistency)
}

/// `GET /api/log/v1/checkpoint`: the latest signed checkpoint, as a signed note. Only reads:
/// checkpoints are signed on a schedule, never because someone asked.
async fn latest_checkpoint(State(state): State<AppState>) -> Result<impl IntoResponse, Problem> {
    let (_, note) = state.core.ledger.checkpoint().await.map_err(unavailable)?;
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], note))
}

/// `GET /api/log/v1/key`: the public key that verifies checkpoints.
async fn verifier_key(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{}\n", state.core.ledger.verifier_key()),
    )
}

#[derive(Debug, Deserialize)]
struct InclusionParams {
    size: Option<String>,
    index: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ConsistencyParams {
    old: Option<String>,
    new: Option<String>,
}

/// A proof: the hashes, base64, in the order RFC 6962 uses them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Proof {
    pub hashes: Vec<String>,
}

/// Reads the named numbers, naming each one that is missing or not a number.
fn numbers<const N: usize>(fields: [(&str, &Option<String>); N]) -> Result<[u64; N], Problem> {
    let mut values = [0u64; N];
    let mut errors = Vec::new();
    for (slot, (name, value)) in values.iter_mut().zip(fields) {
        match value.as_deref().map(str::parse::<u64>) {
            Some(Ok(number)) => *slot = number,
            _ => errors.push(FieldError {
                pointer: Pointer::root().key(name),
                detail: format!("{name} must be a whole number of entries"),
            }),
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(Problem::invalid_fields(errors))
    }
}

/// `GET /api/log/v1/proofs/inclusion?size=N&index=I`.
async fn inclusion(
    State(state): State<AppState>,
    Query(params): Query<InclusionParams>,
) -> Result<Json<Proof>, Problem> {
    let [size, index] = numbers([("size", &params.size), ("index", &params.index)])?;
    state.core.ledger.reach(size).await.map_err(unavailable)?;
    let proof = state
        .core
        .ledger
        .inclusion(size, index)
        .map_err(|_| Problem::not_found().detail("no such entry in a tree of that size"))?;
    Ok(Json(Proof {
        hashes: proof.iter().map(ToString::to_string).collect(),
    }))
}

/// `GET /api/log/v1/proofs/consistency?old=M&new=N`.
async fn consistency(
    State(state): State<AppState>,
    Query(params): Query<ConsistencyParams>,
) -> Result<Json<Proof>, Problem> {
    let [old, new] = numbers([("old", &params.old), ("new", &params.new)])?;
    state.core.ledger.reach(new).await.map_err(unavailable)?;
    let proof = state
        .core
        .ledger
        .consistency(new, old)
        .map_err(|_| Problem::not_found().detail("the log has no tree of that size"))?;
    Ok(Json(Proof {
        hashes: proof.iter().map(ToString::to_string).collect(),
    }))
}

pub fn unavailable(error: LedgerError) -> Problem {
    tracing::error!(%error, "the access log is unavailable");
    Problem::new(
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        "log-unavailable",
        "The access log cannot be read right now",
    )
}
