//! Powers of attorney: giving, accepting and revoking them, listing one's own, and starting
//! to act for someone. The rules live here once, for the pages and the citizen API.

use crate::Core;
use crate::acting::{self, Basis, Reader, Representation, local_today, register_name};
use crate::error::{Conflict, Error, Refusal, Result};
use chrono::{DateTime, NaiveDate, Utc};
use overblik_model::{
    Area, FieldError, Kind, Mandate, MandateId, NationalId, Permission, Pointer, Scope, SubjectKey,
};
use overblik_store::StoreError;
use serde::Deserialize;
use utoipa::ToSchema;

/// The longest name a grantor may write for the holder.
const MAX_NAME: usize = 100;

/// A power of attorney as the grantor asks for it, field by field as a form or a JSON body
/// gives it; every field is checked, and every wrong one named.
#[derive(Default, Deserialize, ToSchema)]
pub struct GrantRequest {
    /// The holder's national identifier, of the deployment's scheme (in Denmark a CPR
    /// number, DDMMYY-SSSS). Turned into a key at once; never stored, shown or repeated in
    /// an error. The served document gives the scheme's pattern.
    #[serde(default)]
    #[schema(required = true, pattern = r"^.+$")]
    pub holder_national_id: String,
    /// The holder's name, as the grantor knows them: one line of at most 100 characters.
    #[serde(default)]
    #[schema(
        required = true,
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub holder_name: String,
    /// The life areas the holder may see, at least one.
    #[serde(default)]
    #[schema(required = true, value_type = Vec<Area>, min_items = 1)]
    pub areas: Vec<String>,
    /// The kinds of record the holder may see, at least one.
    #[serde(default)]
    #[schema(required = true, value_type = Vec<Kind>, min_items = 1)]
    pub kinds: Vec<String>,
    /// `read` or `read_and_act`.
    #[serde(default)]
    #[schema(required = true, value_type = Permission)]
    pub permission: String,
    /// The first day (YYYY-MM-DD, in the deployment's time zone), today or later.
    #[serde(default)]
    #[schema(required = true, value_type = NaiveDate)]
    pub valid_from: String,
    /// The last day (YYYY-MM-DD, in the deployment's time zone), inclusive; not before `valid_from`.
    #[serde(default)]
    #[schema(required = true, value_type = NaiveDate)]
    pub valid_until: String,
}

impl std::fmt::Debug for GrantRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GrantRequest")
            .field("holder_national_id", &"(redacted)")
            .field("areas", &self.areas)
            .field("kinds", &self.kinds)
            .field("permission", &self.permission)
            .field("valid_from", &self.valid_from)
            .field("valid_until", &self.valid_until)
            .finish_non_exhaustive()
    }
}

/// The signed-in citizen's own powers of attorney, given and held, that are still listed
/// (ended ones for 15 months), and everyone they may act for today.
#[derive(Debug)]
pub struct OwnMandates {
    pub given: Vec<Mandate>,
    pub held: Vec<Mandate>,
    pub can_act_for: Vec<Representation>,
}

/// What a party does to a power of attorney once it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The holder accepts it.
    Accept,
    /// The grantor revokes it, or the holder gives it up.
    Revoke,
}

/// Someone the citizen starts to act for: on what basis, what it gives, and the holder's
/// own name (from the register, for the subject's log).
#[derive(Debug)]
pub struct StartActing {
    pub basis: Basis,
    pub representation: Representation,
    pub holder_name: String,
}

/// Only the citizen themselves changes their powers of attorney: a holder acting for
/// someone cannot give, accept or revoke any on their behalf.
fn own_changes_only(reader: &Reader) -> Result<()> {
    match reader.acting {
        Some(_) => Err(Error::Forbidden(Refusal::ActingForAnother)),
        None => Ok(()),
    }
}

impl Core {
    /// Gives the power of attorney `request` asks for, over the reader's own data.
    pub async fn grant_mandate(&self, reader: &Reader, request: &GrantRequest) -> Result<Mandate> {
        own_changes_only(reader)?;
        let grantor = reader.session.subject;
        let now = Utc::now();
        let today = local_today(now);
        let mut errors = Vec::new();
        let mut wrong = |field: &str, detail: &str| {
            errors.push(FieldError {
                pointer: Pointer::root().key(field),
                detail: detail.to_owned(),
            });
        };
        let holder = match request.holder_national_id.trim().parse::<NationalId>() {
            Ok(id) => {
                let holder = self.subject_key_secret.subject_key(&id);
                if holder == grantor {
                    wrong(
                        "holder_national_id",
                        "is your own; give the power of attorney to someone else",
                    );
                }
                Some(holder)
            }
            Err(error) => {
                wrong("holder_national_id", &error.to_string());
                None
            }
        };
        let holder_name = request.holder_name.trim();
        if holder_name.is_empty() {
            wrong(
                "holder_name",
                "is required: the name of the person you trust",
            );
        } else if holder_name.chars().count() > MAX_NAME
            || holder_name.chars().any(char::is_control)
        {
            wrong(
                "holder_name",
                &format!("must be at most {MAX_NAME} characters on one line"),
            );
        }
        let areas: Vec<Area> = request
            .areas
            .iter()
            .filter_map(|area| area.parse().ok())
            .collect();
        if areas.len() != request.areas.len() {
            wrong("areas", "names a life area that does not exist");
        } else if areas.is_empty() {
            wrong("areas", "must name at least one life area");
        }
        let kinds: Vec<Kind> = request
            .kinds
            .iter()
            .filter_map(|kind| kind.parse().ok())
            .collect();
        if kinds.len() != request.kinds.len() {
            wrong("kinds", "names a kind of record that does not exist");
        } else if kinds.is_empty() {
            wrong("kinds", "must name at least one kind of record");
        }
        let permission = request.permission.parse::<Permission>();
        if let Err(detail) = &permission {
            wrong("permission", detail);
        }
        let day = |value: &str| NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok();
        let valid_from = day(&request.valid_from);
        match valid_from {
            None => wrong("valid_from", "must be a date written YYYY-MM-DD"),
            Some(from) if from < today => wrong("valid_from", "must be today or later"),
            Some(_) => {}
        }
        let valid_until = day(&request.valid_until);
        match (valid_from, valid_until) {
            (_, None) => wrong("valid_until", "must be a date written YYYY-MM-DD"),
            (Some(from), Some(until)) if until < from => {
                wrong("valid_until", "must not be before valid_from");
            }
            _ => {}
        }
        let scope = Scope::new(areas, kinds);
        let (Some(holder), Some(scope), Ok(permission), Some(valid_from), Some(valid_until), true) = (
            holder,
            scope,
            permission,
            valid_from,
            valid_until,
            errors.is_empty(),
        ) else {
            return Err(Error::Invalid(errors));
        };
        let mandate = Mandate {
            id: MandateId::random(),
            grantor,
            grantor_name: register_name(self, &grantor).await?.unwrap_or_default(),
            holder,
            holder_name: holder_name.to_owned(),
            scope,
            permission,
            valid_from,
            valid_until,
            granted_at: now,
            accepted_at: None,
            revoked_at: None,
            first_used_at: None,
        };
        self.store.put_mandate(&mandate).await?;
        tracing::info!(mandate = %mandate.id, "a power of attorney was given");
        Ok(mandate)
    }

    /// Makes `change` to the power of attorney `id` (as a URL names it) as the reader, now:
    /// `NotFound` if it is not theirs to change (or no id at all), a conflict if it was
    /// settled before.
    pub async fn change_mandate(
        &self,
        reader: &Reader,
        change: Change,
        id: &str,
    ) -> Result<Mandate> {
        own_changes_only(reader)?;
        let id: MandateId = id.parse().map_err(|_| Error::NotFound)?;
        let (party, now) = (&reader.session.subject, Utc::now());
        let changed = match change {
            Change::Accept => self.store.accept_mandate(&id, party, now).await,
            Change::Revoke => self.store.revoke_mandate(&id, party, now).await,
        };
        let changed = changed.map_err(|error| match error {
            StoreError::Conflict(_) => Error::Conflict(Conflict::MandateSettled),
            other => Error::from(other),
        })?;
        tracing::info!(mandate = %id, ?change, "a power of attorney was changed");
        Ok(changed)
    }

    /// The reader's own powers of attorney, given and held, and whom they may act for.
    pub async fn own_mandates(&self, reader: &Reader) -> Result<OwnMandates> {
        let me = reader.session.subject;
        let today = local_today(Utc::now());
        let (mandates, can_act_for) = tokio::try_join!(
            self.store.mandates_of(&me),
            acting::representations(self, &me, today)
        )?;
        let (given, held) = mandates
            .into_iter()
            .filter(|mandate| mandate.is_listed(today))
            .partition(|mandate| mandate.grantor == me);
        Ok(OwnMandates {
            given,
            held,
            can_act_for,
        })
    }

    /// The reader's powers of attorney first used by their holder since `since`, for the
    /// notice on the grantor's overview; none while acting for someone.
    pub async fn mandates_first_used_since(
        &self,
        reader: &Reader,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<Mandate>> {
        if reader.acting.is_some() {
            return Ok(Vec::new());
        }
        let me = reader.session.subject;
        let mut mandates = self.store.mandates_of(&me).await?;
        mandates.retain(|mandate| {
            mandate.grantor == me
                && mandate
                    .first_used_at
                    .is_some_and(|used| since.is_none_or(|since| used > since))
        });
        Ok(mandates)
    }

    /// What acting on `basis` (as written in a form or request) gives `holder` today;
    /// `None` if it names no one they may act for.
    pub async fn start_acting(
        &self,
        holder: &SubjectKey,
        basis: &str,
    ) -> Result<Option<StartActing>> {
        let Ok(basis) = basis.parse::<Basis>() else {
            return Ok(None);
        };
        let today = local_today(Utc::now());
        let Some(representation) = acting::representation(self, holder, basis, today).await? else {
            return Ok(None);
        };
        let holder_name = match &representation.holder_name {
            Some(name) => name.clone(),
            None => register_name(self, holder).await?.unwrap_or_default(),
        };
        tracing::info!(basis = %basis, "a citizen acts for another");
        Ok(Some(StartActing {
            basis,
            representation,
            holder_name,
        }))
    }
}
