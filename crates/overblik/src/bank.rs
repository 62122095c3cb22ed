//! Eksempel Bank, the demo's sample recipient: a budget check a person can try to see sharing
//! by consent from the service's side. It pushes its request, sends the citizen to Overblik's
//! consent page, trades the code, and shows what it fetched; "fetch again" refreshes its
//! token while the consent runs. It is a real OAuth client (`overblik_client::RecipientClient`,
//! PAR, PKCE, `private_key_jwt`, DPoP) mounted beside the demo, holding one citizen's tokens
//! at a time in memory: a demo, not a bank.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::Utc;
use overblik_client::{RecipientClient, Tokens};
use overblik_model::{Area, Kind, Recipient, Scope};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::Mutex;

/// The bank's client id.
pub const ID: &str = "eksempel-bank";
/// Where the demo mounts the bank.
pub const PATH: &str = "/eksempel-bank";
/// How long the bank asks to fetch: 90 days.
const DAYS: u64 = 90;

/// The registration the operator makes for the bank, at `url` (the demo's address).
pub fn registration(url: &str, public_jwk: &Value) -> anyhow::Result<Recipient> {
    Ok(Recipient {
        id: ID.parse().map_err(anyhow::Error::msg)?,
        name: "Eksempel Bank A/S".to_owned(),
        description: "Eksempel Bank's budget check reads your benefits, payments and debts to \
                      suggest a monthly budget. (A demo service.)"
            .to_owned(),
        privacy_policy: format!("{url}{PATH}/privacy"),
        redirect_uris: vec![format!("{url}{PATH}/callback")],
        public_keys: vec![public_jwk.to_string()],
        may_ask: Scope::new(
            vec![Area::Economy, Area::Benefits],
            vec![Kind::Benefit, Kind::Payment, Kind::Debt],
        )
        .ok_or_else(|| anyhow::anyhow!("the bank's scope is empty"))?,
        purpose: "Budget check: a monthly budget from your benefits, payments and debts".to_owned(),
        registered_at: Utc::now(),
    })
}

struct Bank {
    client: RecipientClient,
    redirect_uri: String,
    issuer: String,
    /// Requests waiting for the citizen, by `state`: their PKCE verifiers.
    waiting: Mutex<HashMap<String, String>>,
    /// The tokens of the one citizen who consented last.
    tokens: Mutex<Option<Tokens>>,
}

/// The bank's pages, to mount at [`PATH`] of the server at `url`.
pub fn router(client: RecipientClient, url: &str) -> Router {
    let bank = Arc::new(Bank {
        client,
        redirect_uri: format!("{url}{PATH}/callback"),
        issuer: url.to_owned(),
        waiting: Mutex::new(HashMap::new()),
        tokens: Mutex::new(None),
    });
    Router::new()
        .route("/", get(home))
        .route("/start", get(start))
        .route("/callback", get(callback))
        .route("/again", get(again))
        .route("/privacy", get(privacy))
        .with_state(bank)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} - Eksempel Bank</title></head><body><main>\
         <h1>{title}</h1>{body}</main></body></html>",
        title = escape(title)
    ))
}

async fn home(State(bank): State<Arc<Bank>>) -> Html<String> {
    let again = match *bank.tokens.lock().await {
        Some(_) => {
            format!("<p><a href=\"{PATH}/again\">Fetch again with the consent you gave</a></p>")
        }
        None => String::new(),
    };
    page(
        "Budget check",
        &format!(
            "<p>Eksempel Bank suggests a monthly budget from your benefits, payments and debts. \
             We ask Overblik for them; you decide there what to share and for how long.</p>\
             <p><a href=\"{PATH}/start\">Check my budget with data from Overblik</a></p>{again}"
        ),
    )
}

async fn privacy() -> Html<String> {
    page(
        "Privacy policy",
        "<p>This demo bank keeps what it fetches in memory only, until the demo stops.</p>",
    )
}

/// Pushes the request and sends the citizen to Overblik's consent page.
async fn start(State(bank): State<Arc<Bank>>) -> Response {
    let until = Utc::now()
        .date_naive()
        .checked_add_days(chrono::Days::new(DAYS))
        .unwrap_or_default();
    let details = json!({
        "type": "overblik_data",
        "areas": ["economy", "benefits"],
        "kinds": ["benefit", "payment", "debt"],
        "frequency": "ongoing",
        "until": until,
        "retention_days": DAYS,
    });
    match bank.client.push(&bank.redirect_uri, &details).await {
        Ok(authorization) => {
            bank.waiting
                .lock()
                .await
                .insert(authorization.state.clone(), authorization.verifier);
            Redirect::to(&authorization.url).into_response()
        }
        Err(error) => failed(&error.to_string()),
    }
}

#[derive(Debug, Deserialize)]
struct Callback {
    code: Option<String>,
    state: Option<String>,
    iss: Option<String>,
    error: Option<String>,
}

async fn callback(State(bank): State<Arc<Bank>>, Query(callback): Query<Callback>) -> Response {
    if callback.iss.as_deref() != Some(bank.issuer.as_str()) {
        return failed("the answer did not come from the Overblik we asked (iss)");
    }
    let verifier = match &callback.state {
        Some(state) => bank.waiting.lock().await.remove(state),
        None => None,
    };
    let Some(verifier) = verifier else {
        return failed("the answer is not to a request of ours (state)");
    };
    if callback.error.as_deref() == Some("access_denied") {
        return page(
            "No budget check",
            &format!("<p>You chose not to share. Nothing was fetched.</p><p><a href=\"{PATH}/\">Back</a></p>"),
        )
        .into_response();
    }
    let Some(code) = callback.code else {
        return failed("the answer has no code");
    };
    match bank
        .client
        .redeem(&code, &bank.redirect_uri, &verifier)
        .await
    {
        Ok(tokens) => {
            let access = tokens.access_token.clone();
            *bank.tokens.lock().await = Some(tokens);
            show(&bank, &access).await
        }
        Err(error) => failed(&error.to_string()),
    }
}

/// Refreshes the token (the consent may have ended or been revoked) and fetches again.
async fn again(State(bank): State<Arc<Bank>>) -> Response {
    let refresh = bank
        .tokens
        .lock()
        .await
        .as_ref()
        .and_then(|tokens| tokens.refresh_token.clone());
    let Some(refresh) = refresh else {
        return Redirect::to(&format!("{PATH}/")).into_response();
    };
    match bank.client.refresh(&refresh).await {
        Ok(tokens) => {
            let access = tokens.access_token.clone();
            *bank.tokens.lock().await = Some(tokens);
            show(&bank, &access).await
        }
        Err(error) => {
            *bank.tokens.lock().await = None;
            failed(&error.to_string())
        }
    }
}

/// Fetches the consented records and lists them.
async fn show(bank: &Bank, access_token: &str) -> Response {
    let answer = match bank.client.get(access_token, "/records?lang=en").await {
        Ok(answer) => answer,
        Err(error) => return failed(&error.to_string()),
    };
    let status = answer.status();
    let body: Value = answer.json().await.unwrap_or_default();
    if !status.is_success() {
        return failed(&format!("Overblik refused the fetch ({status}): {body}"));
    }
    let records = body["records"].as_array().cloned().unwrap_or_default();
    let rows: String = records
        .iter()
        .map(|record| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(record["title"].as_str().unwrap_or_default()),
                escape(record["record"]["kind"].as_str().unwrap_or_default()),
                escape(record["authority"]["name"].as_str().unwrap_or_default()),
            )
        })
        .collect();
    page(
        "Your budget check",
        &format!(
            "<p>We fetched {count} items from Overblik.</p>\
             <table><caption>What we fetched</caption><thead><tr><th scope=\"col\">Item</th>\
             <th scope=\"col\">Kind</th><th scope=\"col\">Authority</th></tr></thead>\
             <tbody>{rows}</tbody></table>\
             <p><a href=\"{PATH}/again\">Fetch again</a> · <a href=\"{PATH}/\">Back</a></p>",
            count = records.len()
        ),
    )
    .into_response()
}

fn failed(why: &str) -> Response {
    (
        StatusCode::BAD_GATEWAY,
        page(
            "The budget check stopped",
            &format!("<p>{}</p><p><a href=\"{PATH}/\">Back</a></p>", escape(why)),
        ),
    )
        .into_response()
}
