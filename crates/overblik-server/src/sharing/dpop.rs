//! DPoP proofs (RFC 9449): a recipient proves with every token request and every fetch that
//! it holds the private key its tokens are bound to, so that a stolen token is worth nothing.

use crate::state::AppState;
use axum::http::{HeaderMap, Method};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use jsonwebtoken::jwk::{AlgorithmParameters, Jwk};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use overblik_store::StoreError;
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The algorithms a proof may be signed with, as the metadata lists them.
pub const ALGORITHMS: [&str; 2] = ["ES256", "EdDSA"];

/// How old a proof may be, and how far ahead of this server's clock, in seconds.
const MAX_AGE_SECONDS: i64 = 120;
const LEEWAY_SECONDS: i64 = 30;

/// Why a proof was refused, said to the client (`invalid_dpop_proof`).
#[derive(Debug, thiserror::Error)]
pub enum ProofError {
    #[error("a DPoP header with one proof is required")]
    Missing,
    #[error("the DPoP proof is malformed: {0}")]
    Malformed(&'static str),
    #[error("the DPoP proof's signature does not verify with its key")]
    Signature,
    #[error("the DPoP proof is for another method or address")]
    Target,
    #[error("the DPoP proof is too old or from the future")]
    Time,
    #[error("the DPoP proof was used before")]
    Replayed,
    #[error("the DPoP proof does not name this access token (ath)")]
    Token,
    #[error("the proof could not be checked: {0}")]
    Store(#[from] StoreError),
}

#[derive(Debug, Deserialize)]
struct ProofClaims {
    jti: String,
    htm: String,
    htu: String,
    iat: i64,
    ath: Option<String>,
}

/// A checked proof: the thumbprint (RFC 7638) of the key that signed it, which tokens are
/// bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proof {
    pub jkt: String,
}

/// Checks the request's DPoP proof for `method` on `url` (this server's public address of
/// the endpoint, without query), and for `access_token` when the request carries one; each
/// proof is accepted once.
pub async fn check(
    state: &AppState,
    headers: &HeaderMap,
    method: &Method,
    url: &str,
    access_token: Option<&str>,
) -> Result<Proof, ProofError> {
    let mut values = headers.get_all("dpop").iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(ProofError::Missing);
    };
    let proof = value
        .to_str()
        .map_err(|_| ProofError::Malformed("not text"))?;
    let header =
        jsonwebtoken::decode_header(proof).map_err(|_| ProofError::Malformed("not a JWT"))?;
    if header.typ.as_deref() != Some("dpop+jwt") {
        return Err(ProofError::Malformed("typ must be dpop+jwt"));
    }
    let jwk = header.jwk.ok_or(ProofError::Malformed(
        "the header must carry the public key (jwk)",
    ))?;
    let expected = match &jwk.algorithm {
        AlgorithmParameters::EllipticCurve(_) => Algorithm::ES256,
        AlgorithmParameters::OctetKeyPair(_) => Algorithm::EdDSA,
        _ => return Err(ProofError::Malformed("the key must be EC P-256 or Ed25519")),
    };
    if header.alg != expected {
        return Err(ProofError::Malformed("alg does not fit the key"));
    }
    if carries_private_key(proof) {
        return Err(ProofError::Malformed("the key must be public (no d)"));
    }
    let jkt = thumbprint(&jwk).ok_or(ProofError::Malformed("unusable key"))?;
    let key = DecodingKey::from_jwk(&jwk).map_err(|_| ProofError::Malformed("unusable key"))?;
    let mut validation = Validation::new(expected);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    validation.validate_aud = false;
    let claims = jsonwebtoken::decode::<ProofClaims>(proof, &key, &validation)
        .map_err(|error| match error.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => ProofError::Signature,
            _ => ProofError::Malformed("the claims jti, htm, htu and iat are required"),
        })?
        .claims;
    if !claims.htm.eq_ignore_ascii_case(method.as_str()) || without_query(&claims.htu) != url {
        return Err(ProofError::Target);
    }
    let now = Utc::now().timestamp();
    if claims.iat < now - MAX_AGE_SECONDS || claims.iat > now + LEEWAY_SECONDS {
        return Err(ProofError::Time);
    }
    if claims.jti.is_empty() || claims.jti.len() > 255 {
        return Err(ProofError::Malformed("jti must have 1 to 255 characters"));
    }
    if let Some(token) = access_token {
        let expected = URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()));
        if claims.ath.as_deref() != Some(expected.as_str()) {
            return Err(ProofError::Token);
        }
    }
    let remember_until =
        chrono::DateTime::from_timestamp(now + MAX_AGE_SECONDS + LEEWAY_SECONDS, 0)
            .unwrap_or(chrono::DateTime::<Utc>::MAX_UTC);
    let fresh = state
        .core
        .store
        .use_assertion_id(&format!("dpop:{jkt}"), &claims.jti, remember_until)
        .await?;
    if !fresh {
        return Err(ProofError::Replayed);
    }
    Ok(Proof { jkt })
}

/// Whether the proof's header key has a private member, which the key types here keep in
/// `d`: a client that sends it has given its key away.
fn carries_private_key(proof: &str) -> bool {
    let header = proof
        .split('.')
        .next()
        .and_then(|part| URL_SAFE_NO_PAD.decode(part).ok())
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok());
    header.is_some_and(|header| header["jwk"].get("d").is_some())
}

/// `url` without its query and fragment, as `htu` is compared (RFC 9449 section 4.3).
fn without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// The JWK SHA-256 thumbprint (RFC 7638) of a public key: its required members in
/// lexicographic order, without spaces. `None` for another key type.
pub fn thumbprint(jwk: &Jwk) -> Option<String> {
    let text = |value: &str| serde_json::to_string(value).ok();
    let members = match &jwk.algorithm {
        AlgorithmParameters::EllipticCurve(key) => {
            let curve = serde_json::to_value(&key.curve).ok()?;
            format!(
                r#"{{"crv":{},"kty":"EC","x":{},"y":{}}}"#,
                curve,
                text(&key.x)?,
                text(&key.y)?
            )
        }
        AlgorithmParameters::OctetKeyPair(key) => {
            let curve = serde_json::to_value(&key.curve).ok()?;
            format!(r#"{{"crv":{},"kty":"OKP","x":{}}}"#, curve, text(&key.x)?)
        }
        _ => return None,
    };
    Some(URL_SAFE_NO_PAD.encode(Sha256::digest(members.as_bytes())))
}
