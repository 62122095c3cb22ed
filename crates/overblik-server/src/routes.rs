//! Every route the server answers, registered together with who may call it and whether it
//! shows a citizen's data. The router is built from these entries and nothing else, so the
//! tests that walk [`Routes::table`] reach every route there is.

use crate::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodFilter, MethodRouter, on};

/// Who may call a route, and whether its answer shows a citizen's data. A route that shows
/// it (`*Reads`) leaves one entry in that citizen's log per request, before it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone: signing in, the log's public proofs, health, the API documents, the style sheet.
    Public,
    /// A signed-in citizen; the answer shows no citizen's data (a form, a change).
    Citizen,
    /// A signed-in citizen, and the answer shows a citizen's data: their own, or that of the
    /// person they act for.
    CitizenReads,
    /// A secret the citizen was given, carried in the request itself rather than a session:
    /// the e-mail confirmation link.
    Secret,
    /// A secret the citizen made, and the answer shows their data: the calendar feed.
    SecretReads,
    /// A provider: at the token endpoint with its signed assertion, elsewhere with the access
    /// token it was given.
    Provider,
    /// A provider, and the answer shows a citizen's data (a correction request).
    ProviderReads,
    /// A registered recipient: at the pushed-request and token endpoints with its signed
    /// assertion, elsewhere with its DPoP-bound token.
    Recipient,
    /// A recipient, and the answer shows a citizen's data as their consent allows.
    RecipientReads,
    /// Anyone who brings a certificate or its code: the answer shows what it attests, and
    /// the check is in its holder's log first.
    VerifierReads,
}

impl Access {
    /// Whether the route needs a signed-in citizen.
    pub fn needs_session(self) -> bool {
        matches!(self, Self::Citizen | Self::CitizenReads)
    }

    /// Whether the answer shows a citizen's data, and so is logged in their log first.
    pub fn reads(self) -> bool {
        matches!(
            self,
            Self::CitizenReads
                | Self::SecretReads
                | Self::ProviderReads
                | Self::RecipientReads
                | Self::VerifierReads
        )
    }

    /// Whether a browser carries the caller's credential (a cookie) by itself, so that a
    /// change must be refused when another site asks for it.
    pub fn browser_credential(self) -> bool {
        !matches!(
            self,
            Self::Provider | Self::ProviderReads | Self::Recipient | Self::RecipientReads
        )
    }
}

/// One method on one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    /// The path as registered, with `{name}` for each parameter.
    pub path: String,
    pub access: Access,
}

/// A router under construction, with the table of what it holds.
pub struct Routes {
    router: Router<AppState>,
    table: Vec<Route>,
}

impl std::fmt::Debug for Routes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Routes")
            .field("table", &self.table)
            .finish_non_exhaustive()
    }
}

impl Default for Routes {
    fn default() -> Self {
        Self::new()
    }
}

impl Routes {
    pub fn new() -> Self {
        Self {
            router: Router::new(),
            table: Vec::new(),
        }
    }

    pub fn get<H, T>(self, path: &str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.on(Method::GET, path, access, handler)
    }

    pub fn post<H, T>(self, path: &str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.on(Method::POST, path, access, handler)
    }

    pub fn put<H, T>(self, path: &str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.on(Method::PUT, path, access, handler)
    }

    pub fn delete<H, T>(self, path: &str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.on(Method::DELETE, path, access, handler)
    }

    /// A POST whose body may be up to `body_bytes`, beyond the server's usual limit.
    pub fn post_large<H, T>(self, path: &str, access: Access, body_bytes: usize, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let method_router =
            on(MethodFilter::POST, handler).layer(DefaultBodyLimit::max(body_bytes));
        self.add(Method::POST, path, access, method_router)
    }

    fn on<H, T>(self, method: Method, path: &str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone())
            .unwrap_or_else(|_| panic!("{method} is not a method a route can have"));
        self.add(method, path, access, on(filter, handler))
    }

    fn add(
        mut self,
        method: Method,
        path: &str,
        access: Access,
        method_router: MethodRouter<AppState>,
    ) -> Self {
        self.router = self.router.route(path, method_router);
        self.table.push(Route {
            method,
            path: path.to_owned(),
            access,
        });
        self
    }

    /// Puts `layer` around every route registered so far (after routing, as
    /// [`Router::route_layer`]).
    pub fn route_layer<L>(mut self, layer: L) -> Self
    where
        L: tower::Layer<axum::routing::Route> + Clone + Send + Sync + 'static,
        L::Service: tower::Service<axum::extract::Request> + Clone + Send + Sync + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Response:
            axum::response::IntoResponse + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Error:
            Into<std::convert::Infallible> + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Future: Send + 'static,
    {
        self.router = self.router.route_layer(layer);
        self
    }

    /// Puts `layer` around every route registered so far, and around the fallback.
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: tower::Layer<axum::routing::Route> + Clone + Send + Sync + 'static,
        L::Service: tower::Service<axum::extract::Request> + Clone + Send + Sync + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Response:
            axum::response::IntoResponse + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Error:
            Into<std::convert::Infallible> + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Future: Send + 'static,
    {
        self.router = self.router.layer(layer);
        self
    }

    /// `other`'s routes under `prefix`.
    pub fn nest(mut self, prefix: &str, other: Routes) -> Self {
        self.router = self.router.nest(prefix, other.router);
        self.table
            .extend(other.table.into_iter().map(|route| Route {
                path: format!("{prefix}{}", route.path),
                ..route
            }));
        self
    }

    /// `other`'s routes beside these.
    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }

    /// The router, and the table of every route it holds.
    pub fn into_parts(self) -> (Router<AppState>, Vec<Route>) {
        (self.router, self.table)
    }
}
