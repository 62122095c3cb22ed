//! A certificate as the APIs answer about it: what it attests, with each field's label in
//! the reader's language, and where it stands.

use chrono::{DateTime, Utc};
use overblik_certificate::Attested;
use overblik_core::certificates::Issuer;
use overblik_model::{Certificate, CertificateState, CertificateTypeId, Language};
use serde::Serialize;
use utoipa::ToSchema;

/// What a certificate attests.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttestedView {
    /// The code a person types to check it, `XXXX-XXXX-XXXX-XXXX`.
    pub code: String,
    /// Its type's id in the catalogue.
    pub type_id: String,
    /// The type's name.
    pub title: String,
    /// What the type attests, in a sentence.
    pub attests: String,
    /// The attested fields; a presentation of an SD-JWT VC holds only those disclosed.
    pub fields: Vec<FieldView>,
    /// The authorities whose data it rests on.
    pub sources: Vec<String>,
    /// Who signed it.
    pub issuer: String,
    pub issued_at: DateTime<Utc>,
    pub valid_until: DateTime<Utc>,
}

/// One attested field.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldView {
    pub name: String,
    pub label: String,
    pub value: String,
}

impl AttestedView {
    /// What `attested` says, labelled in `language`.
    pub fn of(attested: &Attested, issuer: &Issuer, language: Language) -> Self {
        let kind = attested
            .type_id
            .parse::<CertificateTypeId>()
            .ok()
            .and_then(|id| issuer.types.get(&id));
        let (title, attests) = kind.map_or_else(
            || (attested.type_id.clone(), String::new()),
            |kind| {
                (
                    kind.title.get(language).to_owned(),
                    kind.attests.get(language).to_owned(),
                )
            },
        );
        Self {
            code: attested.id.clone(),
            type_id: attested.type_id.clone(),
            title,
            attests,
            fields: attested
                .fields
                .iter()
                .map(|(name, value)| FieldView {
                    name: name.clone(),
                    label: issuer.types.label(name, language).to_owned(),
                    value: value.clone(),
                })
                .collect(),
            sources: attested.sources.clone(),
            issuer: attested.issuer.clone(),
            issued_at: attested.issued_at,
            valid_until: attested.valid_until,
        }
    }
}

/// One of the citizen's own certificates.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateView {
    /// The number the citizen API names it by (its code is kept out of addresses).
    pub number: u32,
    pub state: CertificateState,
    #[serde(flatten)]
    pub attested: AttestedView,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Who issued it, when someone did for the citizen (a parent).
    pub issued_by: Option<String>,
    /// The compact signed form, as the PDF's QR code carries it.
    pub sealed: String,
}

impl CertificateView {
    pub fn of(
        certificate: &Certificate,
        issuer: &Issuer,
        language: Language,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            number: certificate.status_index,
            state: certificate.state(now),
            attested: AttestedView::of(&issuer.attested(certificate), issuer, language),
            revoked_at: certificate.revoked_at,
            issued_by: certificate.issued_by.as_ref().map(|by| by.name.clone()),
            sealed: certificate.sealed.clone(),
        }
    }
}

/// What a check found, for the API and the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Genuine, not revoked and not expired.
    Valid,
    /// Genuine, but its holder revoked it.
    Revoked,
    /// Genuine, but past its last day.
    Expired,
    /// Not signed by this issuer, or changed since.
    Forged,
    /// No certificate has the code.
    Unknown,
}

impl Verdict {
    pub fn of(state: CertificateState) -> Self {
        match state {
            CertificateState::Valid => Self::Valid,
            CertificateState::Revoked => Self::Revoked,
            CertificateState::Expired => Self::Expired,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
            Self::Forged => "forged",
            Self::Unknown => "unknown",
        }
    }
}
