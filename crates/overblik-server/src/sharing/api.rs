//! The recipients' data API, `/api/shared/v1`: only what the consent covers, in the citizen
//! API's shapes. Every request carries a DPoP-bound access token and a fresh proof; the
//! consent is read again each time, so a revocation or an expiry stops the next request.

use super::token::{AUDIENCE, AccessClaims};
use super::{dpop, unusable_word};
use crate::citizen_api::{LanguageParam, RecordView};
use crate::problem::Problem;
use crate::state::AppState;
use axum::Json;
use axum::extract::{FromRequestParts, OriginalUri, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use overblik_core::Core;
use overblik_model::{Area, Consent, ConsentId, Frequency, Kind, Recipient};
use overblik_store::StoreError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

/// A refusal of the data API (RFC 6750 section 3 with RFC 9449's scheme): a problem document
/// with its OAuth error, and `WWW-Authenticate: DPoP` saying what to fix.
#[derive(Debug)]
pub struct Refused {
    problem: Problem,
}

impl Refused {
    fn new(status: StatusCode, error: &'static str, detail: impl Into<String>) -> Self {
        Self {
            problem: Problem::oauth(status, error, detail),
        }
    }

    fn token(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "invalid_token", detail)
    }
}

impl From<Problem> for Refused {
    fn from(problem: Problem) -> Self {
        Self { problem }
    }
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        let status = self.problem.status();
        let error = self.problem.error;
        let mut response = self.problem.into_response();
        if status == StatusCode::UNAUTHORIZED {
            let challenge = match error {
                Some(error) => format!(
                    "DPoP error=\"{error}\", algs=\"{}\"",
                    dpop::ALGORITHMS.join(" ")
                ),
                None => format!("DPoP algs=\"{}\"", dpop::ALGORITHMS.join(" ")),
            };
            if let Ok(value) = HeaderValue::from_str(&challenge) {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, value);
            }
        }
        response
    }
}

/// A request of a recipient under a consent in force: its token checked, its proof checked
/// against the token's key, the consent read again.
#[derive(Debug)]
pub struct SharedAccess {
    pub consent: Consent,
    pub recipient: Recipient,
}

impl FromRequestParts<AppState> for SharedAccess {
    type Rejection = Refused;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Refused> {
        let authorization = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .ok_or_else(|| Refused::token("an access token is required (Authorization: DPoP)"))?;
        let (scheme, token) = authorization
            .split_once(' ')
            .ok_or_else(|| Refused::token("Authorization must be DPoP followed by the token"))?;
        if !scheme.eq_ignore_ascii_case("dpop") {
            return Err(Refused::token(
                "the token is bound to a key: send it with the DPoP scheme and a DPoP proof",
            ));
        }
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_audience(&[AUDIENCE]);
        validation.set_issuer(&[state.settings.public_url.as_str()]);
        let claims = jsonwebtoken::decode::<AccessClaims>(
            token,
            &DecodingKey::from_secret(&state.settings.token_secret),
            &validation,
        )
        .map_err(|_| Refused::token("the access token is invalid or has expired"))?
        .claims;
        let path = parts
            .extensions
            .get::<OriginalUri>()
            .map_or_else(|| parts.uri.path().to_owned(), |uri| uri.path().to_owned());
        let url = format!("{}{path}", state.settings.public_url);
        let proof = dpop::check(state, &parts.headers, &parts.method, &url, Some(token))
            .await
            .map_err(|error| match error {
                dpop::ProofError::Store(error) => Refused::from(Problem::from(error)),
                error => Refused::new(
                    StatusCode::UNAUTHORIZED,
                    "invalid_dpop_proof",
                    error.to_string(),
                ),
            })?;
        if proof.jkt != claims.cnf.jkt {
            return Err(Refused::new(
                StatusCode::UNAUTHORIZED,
                "invalid_dpop_proof",
                "the DPoP proof is signed by another key than the token is bound to",
            ));
        }
        let id: ConsentId = claims
            .sub
            .parse()
            .map_err(|_| Refused::token("the access token is invalid"))?;
        let consent = match state.core.store.consent(&id).await {
            Ok(consent) if consent.recipient.as_str() == claims.client_id => consent,
            Ok(_) | Err(StoreError::NotFound) => {
                return Err(Refused::token("the access token is invalid"));
            }
            Err(other) => return Err(Problem::from(other).into()),
        };
        Core::usable(&consent, chrono::Utc::now())
            .map_err(|why| Refused::token(format!("the consent is {}", unusable_word(why))))?;
        let recipient = match state.core.store.recipient(&consent.recipient).await {
            Ok(recipient) => recipient,
            Err(StoreError::NotFound) => {
                return Err(Refused::token("the recipient is no longer registered"));
            }
            Err(other) => return Err(Problem::from(other).into()),
        };
        Ok(Self { consent, recipient })
    }
}

/// What a consent lets its recipient fetch, as the recipient sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentView {
    #[schema(value_type = String, format = Uuid)]
    pub id: ConsentId,
    pub purpose: String,
    pub areas: Vec<Area>,
    pub kinds: Vec<Kind>,
    pub frequency: Frequency,
    pub data_from: Option<NaiveDate>,
    pub until: NaiveDate,
    pub retention_days: u32,
}

/// `GET /api/shared/v1/consent`: what this consent covers.
pub async fn consent(access: SharedAccess) -> Json<ConsentView> {
    let consent = access.consent;
    Json(ConsentView {
        id: consent.id,
        purpose: consent.purpose,
        areas: consent.terms.scope.areas,
        kinds: consent.terms.scope.kinds,
        frequency: consent.terms.frequency,
        data_from: consent.terms.data_from,
        until: consent.terms.last_day,
        retention_days: consent.terms.retention_days,
    })
}

#[derive(Debug, Deserialize)]
pub struct RecordsQuery {
    area: Option<String>,
    kind: Option<String>,
    #[serde(flatten)]
    language: LanguageParam,
}

/// The records a fetch answers with.
#[derive(Debug, Serialize, ToSchema)]
pub struct SharedRecords {
    pub records: Vec<RecordView>,
}

/// `GET /api/shared/v1/records?area=&kind=`: the consented records, narrowed by the filters;
/// a filter beyond the consent is refused, and nothing is read or logged.
pub async fn records(
    State(state): State<AppState>,
    access: SharedAccess,
    query: Result<Query<RecordsQuery>, axum::extract::rejection::QueryRejection>,
    headers: axum::http::HeaderMap,
) -> Result<Json<SharedRecords>, Refused> {
    let Query(query) = query.map_err(|rejection| Problem::bad_request(rejection.body_text()))?;
    let scope = &access.consent.terms.scope;
    let beyond = |what: &str| {
        Refused::from(
            Problem::new(
                StatusCode::FORBIDDEN,
                "beyond-consent",
                "The consent does not cover this",
            )
            .detail(format!("the consent does not cover this {what}")),
        )
    };
    let area: Option<Area> = match query.area.as_deref() {
        None => None,
        Some(name) => {
            let area: Area = name
                .parse()
                .map_err(|_| Problem::bad_request("area is not a life area"))?;
            if !scope.areas.contains(&area) {
                return Err(beyond("area"));
            }
            Some(area)
        }
    };
    let kind: Option<Kind> = match query.kind.as_deref() {
        None => None,
        Some(name) => {
            let kind: Kind = name
                .parse()
                .map_err(|_| Problem::bad_request("kind is not a kind of record"))?;
            if !scope.kinds.contains(&kind) {
                return Err(beyond("kind"));
            }
            Some(kind)
        }
    };
    let request_id = headers
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let providers: HashMap<_, _> = state
        .core
        .store
        .providers()
        .await
        .map_err(Problem::from)?
        .into_iter()
        .map(|provider| (provider.id.clone(), provider))
        .collect();
    let disclosed = state
        .core
        .shared_records(&access.consent, &access.recipient, area, kind, request_id)
        .await
        .map_err(Problem::from)?;
    let language = query.language.language();
    let records = disclosed
        .into_inner()
        .into_iter()
        .filter_map(|stored| {
            let provider = providers.get(&stored.provider)?;
            Some(RecordView::of(stored, provider, language))
        })
        .collect();
    Ok(Json(SharedRecords { records }))
}
