//! `POST /oauth/par`: a recipient pushes its request (RFC 9126) before the citizen sees it, so
//! that what is asked is authenticated, checked against the registration and never carried
//! through the browser.

use super::client::{ClientCredentials, authenticate};
use super::grants::{self, PendingRequest, REQUEST_LIFETIME, REQUEST_URI_PREFIX, Step};
use super::metadata::DETAILS_TYPE;
use super::{OAuthError, dpop, endpoints};
use crate::problem::Problem;
use crate::state::AppState;
use axum::Form;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use overblik_core::local_today;
use overblik_core::sharing::check_terms;
use overblik_model::{Area, FieldError, Frequency, Kind, Pointer, Recipient, Scope, Terms};
use serde::Deserialize;
use serde_json::{Value, json};

/// A pushed authorization request's parameters.
#[derive(Debug, Deserialize)]
pub struct PushedRequest {
    client_id: Option<String>,
    client_assertion_type: Option<String>,
    client_assertion: Option<String>,
    response_type: Option<String>,
    redirect_uri: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    state: Option<String>,
    authorization_details: Option<String>,
    scope: Option<String>,
    request: Option<String>,
    dpop_jkt: Option<String>,
}

fn invalid_request(detail: impl Into<String>) -> Problem {
    Problem::oauth(StatusCode::BAD_REQUEST, "invalid_request", detail)
}

/// `POST /oauth/par`.
pub async fn push(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<PushedRequest>, FormRejection>,
) -> Result<Response, OAuthError> {
    Ok(pushed(&state, &headers, form).await?)
}

async fn pushed(
    state: &AppState,
    headers: &HeaderMap,
    form: Result<Form<PushedRequest>, FormRejection>,
) -> Result<Response, Problem> {
    let Form(request) = form.map_err(|rejection| invalid_request(rejection.body_text()))?;
    let recipient = authenticate(
        state,
        &ClientCredentials {
            client_id: request.client_id.clone(),
            client_assertion_type: request.client_assertion_type.clone(),
            client_assertion: request.client_assertion.clone(),
        },
    )
    .await?;
    if request.request.is_some() {
        return Err(Problem::oauth(
            StatusCode::BAD_REQUEST,
            "request_not_supported",
            "send the parameters themselves, not a request object",
        ));
    }
    if request.response_type.as_deref() != Some("code") {
        return Err(Problem::oauth(
            StatusCode::BAD_REQUEST,
            "unsupported_response_type",
            "response_type must be code",
        ));
    }
    let redirect_uri = request
        .redirect_uri
        .filter(|uri| recipient.redirect_uris.contains(uri))
        .ok_or_else(|| {
            invalid_request("redirect_uri is missing or not registered for this client")
        })?;
    if request.code_challenge_method.as_deref() != Some("S256") {
        return Err(invalid_request("code_challenge_method must be S256 (PKCE)"));
    }
    let code_challenge = request
        .code_challenge
        .filter(|challenge| challenge.len() == 43 && is_base64url(challenge))
        .ok_or_else(|| {
            invalid_request("code_challenge must be a base64url SHA-256 (43 characters)")
        })?;
    if request
        .scope
        .as_deref()
        .is_some_and(|scope| !scope.trim().is_empty())
    {
        return Err(Problem::oauth(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            format!("there are no scopes: ask with authorization_details of type {DETAILS_TYPE}"),
        ));
    }
    if request
        .state
        .as_ref()
        .is_some_and(|state| state.len() > 512)
    {
        return Err(invalid_request("state may have at most 512 characters"));
    }
    let details = request
        .authorization_details
        .ok_or_else(|| invalid_request("authorization_details are required"))?;
    let terms = parse_details(&details, &recipient)?;
    let proven = match headers.contains_key("dpop") {
        true => Some(
            dpop::check(
                state,
                headers,
                &Method::POST,
                &endpoints::pushed_request(&state.settings.public_url),
                None,
            )
            .await
            .map_err(|error| {
                Problem::oauth(
                    StatusCode::BAD_REQUEST,
                    "invalid_dpop_proof",
                    error.to_string(),
                )
            })?
            .jkt,
        ),
        false => None,
    };
    if let (Some(proven), Some(named)) = (&proven, &request.dpop_jkt)
        && proven != named
    {
        return Err(invalid_request(
            "dpop_jkt differs from the DPoP proof's key",
        ));
    }
    let pending = PendingRequest {
        redirect_uri,
        state: request.state,
        code_challenge,
        terms,
        dpop_jkt: proven.or(request.dpop_jkt),
    };
    let (handle, _) = grants::put(
        state,
        Step::Request,
        &recipient.id,
        &pending,
        REQUEST_LIFETIME,
    )
    .await?;
    let body = json!({
        "request_uri": format!("{REQUEST_URI_PREFIX}{handle}"),
        "expires_in": REQUEST_LIFETIME.num_seconds(),
    });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

fn is_base64url(text: &str) -> bool {
    text.bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

/// The terms asked for in `authorization_details`: one object of type `overblik_data` with
/// `areas`, `kinds`, `frequency` (`once` or `ongoing`), `until` (for ongoing), `data_from`
/// and `retention_days`. Every offending field is named by its pointer.
fn parse_details(text: &str, recipient: &Recipient) -> Result<Terms, Problem> {
    let refused = |errors: Vec<FieldError>| Problem {
        errors,
        ..Problem::oauth(
            StatusCode::BAD_REQUEST,
            "invalid_authorization_details",
            "authorization_details must be corrected; see errors",
        )
    };
    let root = Pointer::root().key("authorization_details");
    let fail = |pointer: Pointer, detail: &str| FieldError {
        pointer,
        detail: detail.to_owned(),
    };
    let value: Value = serde_json::from_str(text)
        .map_err(|_| refused(vec![fail(root.clone(), "must be a JSON array")]))?;
    let Some([details]) = value.as_array().map(Vec::as_slice) else {
        return Err(refused(vec![fail(
            root,
            "must be an array of exactly one object",
        )]));
    };
    let at = root.index(0);
    let Some(object) = details.as_object() else {
        return Err(refused(vec![fail(at, "must be an object")]));
    };
    let mut errors = Vec::new();
    for key in object.keys() {
        if ![
            "type",
            "areas",
            "kinds",
            "frequency",
            "until",
            "data_from",
            "retention_days",
        ]
        .contains(&key.as_str())
        {
            errors.push(fail(at.key(key), "is not a field of overblik_data"));
        }
    }
    if object.get("type").and_then(Value::as_str) != Some(DETAILS_TYPE) {
        errors.push(fail(at.key("type"), "must be overblik_data"));
    }
    let list = |key: &str, errors: &mut Vec<FieldError>| -> Vec<String> {
        match object.get(key).and_then(Value::as_array) {
            Some(items) if !items.is_empty() && items.len() <= 32 => items
                .iter()
                .enumerate()
                .filter_map(|(index, item)| {
                    let text = item.as_str().map(str::to_owned);
                    if text.is_none() {
                        errors.push(fail(at.key(key).index(index), "must be a string"));
                    }
                    text
                })
                .collect(),
            _ => {
                errors.push(fail(at.key(key), "must be a list of 1 to 32 names"));
                Vec::new()
            }
        }
    };
    let areas: Vec<Area> = list("areas", &mut errors)
        .iter()
        .enumerate()
        .filter_map(|(index, name)| {
            let area = name.parse().ok();
            if area.is_none() {
                errors.push(fail(at.key("areas").index(index), "is not a life area"));
            }
            area
        })
        .collect();
    let kinds: Vec<Kind> = list("kinds", &mut errors)
        .iter()
        .enumerate()
        .filter_map(|(index, name)| {
            let kind = name.parse().ok();
            if kind.is_none() {
                errors.push(fail(
                    at.key("kinds").index(index),
                    "is not a kind of record",
                ));
            }
            kind
        })
        .collect();
    let frequency = match object.get("frequency").and_then(Value::as_str) {
        Some("once") => Some(Frequency::Once),
        Some("ongoing") => Some(Frequency::Ongoing),
        _ => {
            errors.push(fail(at.key("frequency"), "must be once or ongoing"));
            None
        }
    };
    let mut day = |key: &str| -> Option<NaiveDate> {
        let value = object.get(key)?;
        let day = value.as_str().and_then(|text| text.parse().ok());
        if day.is_none() {
            errors.push(fail(at.key(key), "must be a date (YYYY-MM-DD)"));
        }
        day
    };
    let until = day("until");
    let data_from = day("data_from");
    let retention_days = match object.get("retention_days").map(Value::as_u64) {
        Some(Some(days)) => u32::try_from(days).ok(),
        _ => None,
    };
    if retention_days.is_none() {
        errors.push(fail(
            at.key("retention_days"),
            "must be a whole number of days",
        ));
    }
    let today = local_today(Utc::now());
    if frequency == Some(Frequency::Ongoing) && until.is_none() && !object.contains_key("until") {
        errors.push(fail(
            at.key("until"),
            "an ongoing consent needs its last day",
        ));
    }
    let scope = Scope::new(areas, kinds);
    let (Some(scope), Some(frequency), Some(retention_days), true) =
        (scope, frequency, retention_days, errors.is_empty())
    else {
        return Err(refused(errors));
    };
    let terms = Terms {
        scope,
        data_from,
        frequency,
        last_day: until.unwrap_or(today),
        retention_days,
    };
    check_terms(&terms, recipient, today).map_err(|errors| {
        refused(
            errors
                .into_iter()
                .map(|error| FieldError {
                    pointer: at.key(error.pointer.as_str().trim_start_matches('/')),
                    ..error
                })
                .collect(),
        )
    })?;
    Ok(terms)
}
