//! The relying party: how Overblik signs citizens in with OpenID Connect, and the issuer's
//! metadata once it has been read.

use crate::problem::Problem;
use axum::http::StatusCode;
use axum_extra::extract::cookie::{Cookie, SameSite};
use openidconnect::core::CoreClient;
use openidconnect::{
    ClientId, ClientSecret, EndSessionUrl, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IssuerUrl, ProviderMetadataWithLogout, RedirectUrl,
};
use std::fmt;

/// Where the development OpenID provider is mounted when `dev_idp` is on.
pub const DEV_IDP_PATH: &str = "/dev-idp";

/// How Overblik signs citizens in.
#[derive(Clone)]
pub struct LoginSettings {
    /// The issuer's URL; its discovery document is read from `/.well-known/openid-configuration`.
    pub issuer_url: String,
    pub client_id: String,
    pub client_secret: String,
    /// The ID token claim that carries the national identifier.
    pub national_id_claim: String,
}

impl fmt::Debug for LoginSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginSettings")
            .field("issuer_url", &self.issuer_url)
            .field("client_id", &self.client_id)
            .field("national_id_claim", &self.national_id_claim)
            .finish_non_exhaustive()
    }
}

pub(super) type OidcClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// The relying party: settings, and the issuer's metadata once it has been read.
pub struct Login {
    pub(super) settings: LoginSettings,
    pub(super) public_url: String,
    secure_cookies: bool,
    pub(super) http: openidconnect::reqwest::Client,
    discovered: tokio::sync::OnceCell<Discovered>,
}

impl fmt::Debug for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Login")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

pub(super) struct Discovered {
    pub(super) client: OidcClient,
    pub(super) end_session: Option<EndSessionUrl>,
}

impl Login {
    pub fn new(settings: LoginSettings, public_url: &str) -> Self {
        let http = openidconnect::reqwest::Client::builder()
            // The issuer's answers are followed by us, not by the HTTP client (SSRF hygiene).
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .expect("an HTTP client builds");
        Self {
            settings,
            public_url: public_url.to_owned(),
            secure_cookies: public_url.starts_with("https://"),
            http,
            discovered: tokio::sync::OnceCell::new(),
        }
    }

    pub fn issuer_url(&self) -> &str {
        &self.settings.issuer_url
    }

    /// The issuer's metadata and a client for it, read once; a failed read is tried again
    /// at the next sign-in.
    pub(super) async fn discovered(&self) -> Result<&Discovered, Problem> {
        self.discovered
            .get_or_try_init(|| async {
                let issuer = IssuerUrl::new(self.settings.issuer_url.clone())
                    .map_err(|error| Problem::internal(&error))?;
                let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
                    .await
                    .map_err(|error| unavailable(&error))?;
                let end_session = metadata.additional_metadata().end_session_endpoint.clone();
                let redirect = RedirectUrl::new(format!("{}/login/callback", self.public_url))
                    .map_err(|error| Problem::internal(&error))?;
                let client = CoreClient::from_provider_metadata(
                    metadata,
                    ClientId::new(self.settings.client_id.clone()),
                    Some(ClientSecret::new(self.settings.client_secret.clone())),
                )
                .set_redirect_uri(redirect);
                Ok(Discovered {
                    client,
                    end_session,
                })
            })
            .await
    }

    pub(super) fn cookie<'c>(&self, name: &'c str, value: String, path: &'c str) -> Cookie<'c> {
        Cookie::build((name, value))
            .http_only(true)
            .secure(self.secure_cookies)
            .same_site(SameSite::Lax)
            .path(path)
            .build()
    }
}

pub(super) fn unavailable(error: &dyn std::error::Error) -> Problem {
    tracing::error!(%error, "the identity provider cannot be reached");
    Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "login-unavailable",
        "Sign-in is not available right now",
    )
}
