//! The recipient side of sharing by consent: a service a citizen shares data with, as the
//! FAPI 2.0 Security Profile has it. It pushes its request (PAR) with a PKCE challenge,
//! authenticates with `private_key_jwt`, and proves its DPoP key on every token request and
//! fetch. A recipient's signing key is the same kind as a provider's ([`ProviderKey`]), named
//! by its client id. The demo's sample bank, the tests and the benchmark use this client.

use crate::ProviderKey;
use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use jsonwebtoken::Header;
use jsonwebtoken::jwk::Jwk;
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// Where a recipient sends the citizen to consent.
pub const AUTHORIZE_PATH: &str = "/oauth/authorize";
pub const PUSHED_REQUEST_PATH: &str = "/oauth/par";
pub const TOKEN_PATH: &str = "/oauth/token";
/// The recipients' data API.
pub const SHARED_API_PREFIX: &str = "/api/shared/v1";

/// A client of one Overblik server for one registered recipient.
#[derive(Debug)]
pub struct RecipientClient {
    base_url: String,
    key: ProviderKey,
    dpop: ProviderKey,
    http: reqwest::Client,
}

/// A pushed request, waiting for the citizen: where to send them, and what to keep until they
/// come back.
#[derive(Debug, Clone)]
pub struct Authorization {
    /// The consent page's address for this request.
    pub url: String,
    pub state: String,
    pub verifier: String,
}

/// The token endpoint's answer.
#[derive(Debug, Clone, Deserialize)]
pub struct Tokens {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: i64,
    #[serde(default)]
    pub refresh_token: Option<String>,
    #[serde(default)]
    pub authorization_details: Value,
}

fn random() -> String {
    URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().as_bytes())
        + &URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().as_bytes())
}

impl RecipientClient {
    /// A client for the server at `base_url`, signing as `key` (whose name is the client id),
    /// with a new DPoP key of its own.
    pub fn new(base_url: &str, key: ProviderKey) -> anyhow::Result<Self> {
        let dpop = ProviderKey::generate("dpop", crate::KeyAlgorithm::Es256)?;
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .context("an HTTP client builds")?;
        Ok(Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            key,
            dpop,
            http,
        })
    }

    /// The client with another DPoP key (a test's second key, say).
    pub fn with_dpop_key(mut self, dpop: ProviderKey) -> Self {
        self.dpop = dpop;
        self
    }

    pub fn client_id(&self) -> &str {
        self.key.provider()
    }

    /// The server's issuer identifier, the audience of client assertions.
    pub fn issuer(&self) -> &str {
        &self.base_url
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// A fresh client assertion.
    pub fn assertion(&self) -> anyhow::Result<String> {
        Ok(self.key.sign_assertion(self.issuer())?)
    }

    /// A DPoP proof for `method` on `url`, naming `access_token` when there is one.
    pub fn proof(
        &self,
        method: &str,
        url: &str,
        access_token: Option<&str>,
    ) -> anyhow::Result<String> {
        let mut header = Header::new(self.dpop.jwt_algorithm());
        header.typ = Some("dpop+jwt".to_owned());
        let jwk: Jwk = serde_json::from_value(self.dpop.public_jwk().clone())?;
        header.jwk = Some(jwk);
        let mut claims = json!({
            "jti": uuid::Uuid::new_v4().to_string(),
            "htm": method,
            "htu": url,
            "iat": Utc::now().timestamp(),
        });
        if let Some(token) = access_token {
            claims["ath"] = json!(URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes())));
        }
        Ok(self.dpop.sign(&header, &claims)?)
    }

    /// Posts `form` to `path` with a fresh client assertion, and a DPoP proof if `prove`.
    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        prove: bool,
    ) -> anyhow::Result<reqwest::Response> {
        let url = self.url(path);
        let assertion = self.assertion()?;
        let mut fields: Vec<(&str, &str)> = vec![
            ("client_id", self.client_id()),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            ("client_assertion", &assertion),
        ];
        fields.extend_from_slice(form);
        let mut request = self.http.post(&url).form(&fields);
        if prove {
            request = request.header("DPoP", self.proof("POST", &url, None)?);
        }
        Ok(request.send().await?)
    }

    /// Pushes a request for `details` (one `authorization_details` object) with the citizen
    /// to come back to `redirect_uri`.
    pub async fn push(&self, redirect_uri: &str, details: &Value) -> anyhow::Result<Authorization> {
        let verifier = random();
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        let state = random();
        let details = json!([details]).to_string();
        let response = self
            .post_form(
                PUSHED_REQUEST_PATH,
                &[
                    ("response_type", "code"),
                    ("redirect_uri", redirect_uri),
                    ("code_challenge", &challenge),
                    ("code_challenge_method", "S256"),
                    ("state", &state),
                    ("authorization_details", &details),
                ],
                true,
            )
            .await?;
        let status = response.status();
        let body: Value = response.json().await.unwrap_or_default();
        if status != reqwest::StatusCode::CREATED {
            bail!("the pushed request was refused ({status}): {body}");
        }
        let request_uri = body["request_uri"]
            .as_str()
            .context("the answer has no request_uri")?;
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("client_id", self.client_id())
            .append_pair("request_uri", request_uri)
            .finish();
        Ok(Authorization {
            url: format!("{}{AUTHORIZE_PATH}?{query}", self.base_url),
            state,
            verifier,
        })
    }

    /// Trades the code the citizen came back with for tokens.
    pub async fn redeem(
        &self,
        code: &str,
        redirect_uri: &str,
        verifier: &str,
    ) -> anyhow::Result<Tokens> {
        let response = self
            .post_form(
                TOKEN_PATH,
                &[
                    ("grant_type", "authorization_code"),
                    ("code", code),
                    ("redirect_uri", redirect_uri),
                    ("code_verifier", verifier),
                ],
                true,
            )
            .await?;
        tokens(response).await
    }

    /// Trades a refresh token for the next tokens.
    pub async fn refresh(&self, refresh_token: &str) -> anyhow::Result<Tokens> {
        let response = self
            .post_form(
                TOKEN_PATH,
                &[
                    ("grant_type", "refresh_token"),
                    ("refresh_token", refresh_token),
                ],
                true,
            )
            .await?;
        tokens(response).await
    }

    /// `GET` of the data API at `path_and_query` (under `/api/shared/v1`) with the token and
    /// a fresh proof.
    pub async fn get(
        &self,
        access_token: &str,
        path_and_query: &str,
    ) -> anyhow::Result<reqwest::Response> {
        let url = self.url(&format!("{SHARED_API_PREFIX}{path_and_query}"));
        let target = url.split('?').next().unwrap_or(&url);
        let proof = self.proof("GET", target, Some(access_token))?;
        Ok(self
            .http
            .get(&url)
            .header("Authorization", format!("DPoP {access_token}"))
            .header("DPoP", proof)
            .send()
            .await?)
    }
}

async fn tokens(response: reqwest::Response) -> anyhow::Result<Tokens> {
    let status = response.status();
    if !status.is_success() {
        let body = response.text().await.unwrap_or_default();
        bail!("the token request was refused ({status}): {body}");
    }
    Ok(response.json().await?)
}
