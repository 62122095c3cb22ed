//! Acting for someone else over HTTP: the encrypted cookie that says whom the citizen acts
//! for, and the extractors that turn a request into its reader. The rules themselves (what
//! a power of attorney or custody gives, how far it reaches) are `overblik_core::acting`.
//!
//! The choice travels in the cookie and is checked against the store on every request, so a
//! revocation, an expiry or a child's 18th birthday takes effect at once.

use crate::login::session::CitizenSession;
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, PrivateCookieJar, SameSite};
use chrono::{DateTime, Utc};
use overblik_core::{Disclosure, Error, Logged};
use overblik_ledger::{Channel, WhatWasRead};
use overblik_model::RecordId;
use overblik_store::{
    RecordFilter, Session, StoreResult, StoredRecord, SubjectOverview, SubjectSummary,
};
use serde::{Deserialize, Serialize};

pub use overblik_core::acting::{
    Acting, Basis, Reach, Reader, Representation, local_today, register_name, representation,
    representations,
};

/// The encrypted cookie that says whom the signed-in citizen is acting for.
pub const ACTING_COOKIE: &str = "overblik_acting";

/// Whom the cookie says the citizen acts for, and the holder's own name for the log.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActingChoice {
    basis: String,
    holder_name: String,
}

impl ActingChoice {
    /// The cookie that makes the citizen act on `basis` from the next request on.
    pub fn cookie(basis: Basis, holder_name: &str, secure: bool) -> Cookie<'static> {
        let choice = Self {
            basis: basis.to_string(),
            holder_name: holder_name.to_owned(),
        };
        let value = serde_json::to_string(&choice).unwrap_or_default();
        Cookie::build((ACTING_COOKIE, value))
            .path("/")
            .http_only(true)
            .secure(secure)
            .same_site(SameSite::Lax)
            .build()
    }

    /// The cookie that ends acting for someone.
    pub fn removal() -> Cookie<'static> {
        Cookie::build(ACTING_COOKIE).path("/").build()
    }
}

/// The reader of a request, as the extractor finds it: the signed-in citizen, and whom they
/// act for, checked against the store on every request; with where the request came in (the
/// pages or the API) and its id, which the log entries of its reads keep.
#[derive(Debug, Clone)]
pub struct Viewer {
    reader: Reader,
    channel: Channel,
    request_id: Option<String>,
}

impl std::ops::Deref for Viewer {
    type Target = Reader;

    fn deref(&self) -> &Reader {
        &self.reader
    }
}

impl Viewer {
    /// `reader`, on the request `parts`: a request under `/api/` comes through the citizen
    /// API, any other through the pages.
    fn of(reader: Reader, parts: &Parts) -> Self {
        let path = parts
            .extensions
            .get::<axum::extract::OriginalUri>()
            .map_or_else(|| parts.uri.path(), |original| original.0.path());
        Self {
            reader,
            channel: if path.starts_with("/api/") {
                Channel::Api
            } else {
                Channel::Web
            },
            request_id: crate::access_log::request_id(&parts.headers),
        }
    }
}

/// Why a request could not be answered as the citizen it comes from.
#[derive(Debug)]
pub enum ViewerRejection {
    /// No session, or it has ended.
    SignedOut(Problem),
    /// The cookie names someone the citizen can no longer act for: they are themselves
    /// again, and the answer removes the cookie.
    AccessEnded(Session),
    /// The store could not tell.
    Failed(Problem),
}

impl ViewerRejection {
    /// The API's answer.
    pub fn problem(self) -> Problem {
        match self {
            Self::SignedOut(problem) | Self::Failed(problem) => problem,
            Self::AccessEnded(_) => access_ended(),
        }
    }
}

/// The API's answer: an ended acting is told once, and its cookie removed with it, so the
/// holder's next request is their own.
impl axum::response::IntoResponse for ViewerRejection {
    fn into_response(self) -> axum::response::Response {
        let ended = matches!(self, Self::AccessEnded(_));
        let response = self.problem().into_response();
        if ended {
            end_acting(response)
        } else {
            response
        }
    }
}

/// The answer when a holder's access has ended since they chose to act.
pub fn access_ended() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "acting-ended",
        "You can no longer act for this person",
    )
    .detail(
        "the power of attorney or custody has ended; from your next request you see your own \
         data, and may choose again at /mandates",
    )
}

/// Adds the removal of the acting cookie to `response`: the citizen is themselves again.
pub fn end_acting(mut response: axum::response::Response) -> axum::response::Response {
    let mut removal = ActingChoice::removal();
    removal.make_removal();
    if let Ok(value) = axum::http::HeaderValue::from_str(&removal.to_string()) {
        response
            .headers_mut()
            .append(axum::http::header::SET_COOKIE, value);
    }
    response
}

/// The signed-in citizen for what is theirs whoever they act for (their own powers of
/// attorney, whom they act for): an acting that has ended does not stand in the way. The
/// handler passes its answer through [`Holder::answer`], which then removes the cookie.
#[derive(Debug)]
pub struct Holder {
    pub viewer: Viewer,
    acting_ended: bool,
}

impl Holder {
    /// `response`, ending an acting that has ended.
    pub fn answer(&self, response: axum::response::Response) -> axum::response::Response {
        if self.acting_ended {
            end_acting(response)
        } else {
            response
        }
    }
}

impl FromRequestParts<AppState> for Holder {
    type Rejection = ViewerRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match Viewer::from_request_parts(parts, state).await {
            Ok(viewer) => Ok(Self {
                viewer,
                acting_ended: false,
            }),
            Err(ViewerRejection::AccessEnded(session)) => Ok(Self {
                viewer: Viewer::of(
                    Reader {
                        session,
                        acting: None,
                    },
                    parts,
                ),
                acting_ended: true,
            }),
            Err(rejection) => Err(rejection),
        }
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = ViewerRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let CitizenSession(session) = CitizenSession::from_request_parts(parts, state)
            .await
            .map_err(ViewerRejection::SignedOut)?;
        let jar = PrivateCookieJar::from_headers(&parts.headers, state.cookie_key.clone());
        let Some(cookie) = jar.get(ACTING_COOKIE) else {
            let reader = Reader {
                session,
                acting: None,
            };
            return Ok(Self::of(reader, parts));
        };
        let choice: Option<(Basis, String)> = serde_json::from_str::<ActingChoice>(cookie.value())
            .ok()
            .and_then(|choice| Some((choice.basis.parse().ok()?, choice.holder_name)));
        let Some((basis, holder_name)) = choice else {
            return Err(ViewerRejection::AccessEnded(session));
        };
        let today = local_today(Utc::now());
        match representation(&state.core, &session.subject, basis, today).await {
            Ok(Some(representation)) => {
                let acting = Some(Acting {
                    representation,
                    holder_name,
                });
                Ok(Self::of(Reader { session, acting }, parts))
            }
            Ok(None) => Err(ViewerRejection::AccessEnded(session)),
            Err(error) => Err(ViewerRejection::Failed(Problem::from(error))),
        }
    }
}

impl Viewer {
    /// Where the request came in: the pages or the citizen API.
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// The server's id of the request, which the log keeps.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The subject's records that `filter` selects and the reader may see.
    pub async fn records(
        &self,
        state: &AppState,
        filter: &RecordFilter,
    ) -> StoreResult<Vec<StoredRecord>> {
        self.reader.records(&state.core, filter).await
    }

    /// The subject's standing records that the reader may see, in no order.
    pub async fn standing_records(&self, state: &AppState) -> StoreResult<Vec<StoredRecord>> {
        self.reader.standing_records(&state.core, Utc::now()).await
    }

    /// One of the subject's records; `NotFound` if it is beyond the reader's reach.
    pub async fn record(&self, state: &AppState, id: &RecordId) -> StoreResult<StoredRecord> {
        self.reader.record(&state.core, id).await
    }

    /// What the overview needs, narrowed to what the reader may see.
    pub async fn summary(
        &self,
        state: &AppState,
        now: DateTime<Utc>,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<SubjectSummary> {
        self.reader.summary(&state.core, now, since).await
    }

    /// What the overview page reads in one go, narrowed to what the reader may see.
    pub async fn overview(
        &self,
        state: &AppState,
        now: DateTime<Utc>,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<SubjectOverview> {
        self.reader.overview(&state.core, now, since).await
    }

    /// Makes the entry for this read durable before the data is served: the citizen's own
    /// read, or the holder's read on the subject's behalf, in the subject's log. The answer
    /// is disclosed with the [`Logged`] this returns.
    pub async fn log_read(&self, state: &AppState, read: WhatWasRead) -> Result<Logged, Error> {
        self.log(state, &self.disclosure(), read).await
    }

    /// Makes the entry durable for the signed-in citizen reading what is theirs whoever they
    /// act for (their powers of attorney, their notifications), in their own log.
    pub async fn log_own_read(&self, state: &AppState, read: WhatWasRead) -> Result<Logged, Error> {
        self.log(state, &Disclosure::own(self.session.subject), read)
            .await
    }

    async fn log(
        &self,
        state: &AppState,
        disclosure: &Disclosure,
        read: WhatWasRead,
    ) -> Result<Logged, Error> {
        let request_id = self.request_id.clone();
        state
            .core
            .log(disclosure, Utc::now(), self.channel, request_id, read)
            .await
    }
}

/// The cookie that makes the signed-in citizen act on `basis`, if it gives them access today;
/// the holder's own name from the register goes with it, for the subject's log.
pub async fn start_acting(
    state: &AppState,
    session: &CitizenSession,
    basis: &str,
) -> Result<Option<(Cookie<'static>, Representation)>, Problem> {
    let Some(started) = state.core.start_acting(&session.0.subject, basis).await? else {
        return Ok(None);
    };
    let secure = state.settings.public_url.starts_with("https://");
    Ok(Some((
        ActingChoice::cookie(started.basis, &started.holder_name, secure),
        started.representation,
    )))
}
