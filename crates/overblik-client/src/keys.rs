//! A provider's signing key: generated, saved as PEM, and used to sign client assertions.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use ring::rand::SystemRandom;
use ring::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, Ed25519KeyPair, KeyPair as _,
};
use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::fmt;

/// How long a client assertion is valid: long enough to reach the server, short enough that a
/// stolen one is soon useless.
pub const ASSERTION_LIFETIME_SECONDS: i64 = 60;

/// The signature algorithms a provider key can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// EdDSA with Ed25519 (RFC 8037).
    Ed25519,
    /// ECDSA with P-256 and SHA-256.
    Es256,
}

impl std::str::FromStr for KeyAlgorithm {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        match input.to_ascii_lowercase().as_str() {
            "ed25519" | "eddsa" => Ok(Self::Ed25519),
            "es256" | "p-256" => Ok(Self::Es256),
            _ => Err("the algorithm must be ed25519 or es256".to_owned()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the key file has no PEM block with a PRIVATE KEY")]
    NoPrivateKey,
    #[error("the key file does not say which provider it belongs to (a 'provider:' line)")]
    NoProvider,
    #[error("the private key is neither an Ed25519 nor a P-256 key in PKCS#8")]
    UnsupportedKey,
    #[error("could not generate a key")]
    Generate,
    #[error("could not sign the assertion: {0}")]
    Sign(#[from] jsonwebtoken::errors::Error),
}

/// A provider's private key with the provider id it signs for.
pub struct ProviderKey {
    provider: String,
    algorithm: KeyAlgorithm,
    pkcs8: Vec<u8>,
    public_jwk: Value,
    kid: String,
}

impl fmt::Debug for ProviderKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProviderKey")
            .field("provider", &self.provider)
            .field("algorithm", &self.algorithm)
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
struct AssertionClaims<'a> {
    iss: &'a str,
    sub: &'a str,
    aud: &'a str,
    iat: i64,
    exp: i64,
    jti: String,
}

impl ProviderKey {
    /// Generates a new key for `provider`.
    pub fn generate(provider: &str, algorithm: KeyAlgorithm) -> Result<Self, KeyError> {
        let rng = SystemRandom::new();
        let pkcs8 = match algorithm {
            KeyAlgorithm::Ed25519 => Ed25519KeyPair::generate_pkcs8(&rng),
            KeyAlgorithm::Es256 => {
                EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            }
        }
        .map_err(|_| KeyError::Generate)?;
        Self::from_pkcs8(provider, pkcs8.as_ref().to_vec())
    }

    /// Reads a key from PKCS#8 DER, finding out which algorithm it is for.
    pub fn from_pkcs8(provider: &str, pkcs8: Vec<u8>) -> Result<Self, KeyError> {
        let (algorithm, public_jwk) = if let Ok(pair) = Ed25519KeyPair::from_pkcs8(&pkcs8) {
            let x = URL_SAFE_NO_PAD.encode(pair.public_key().as_ref());
            (
                KeyAlgorithm::Ed25519,
                json!({"crv": "Ed25519", "kty": "OKP", "x": x}),
            )
        } else if let Ok(pair) = EcdsaKeyPair::from_pkcs8(
            &ECDSA_P256_SHA256_FIXED_SIGNING,
            &pkcs8,
            &SystemRandom::new(),
        ) {
            // An uncompressed point: 0x04, then x and y of 32 bytes each.
            let point = pair.public_key().as_ref();
            let (x, y) = (
                URL_SAFE_NO_PAD.encode(&point[1..33]),
                URL_SAFE_NO_PAD.encode(&point[33..]),
            );
            (
                KeyAlgorithm::Es256,
                json!({"crv": "P-256", "kty": "EC", "x": x, "y": y}),
            )
        } else {
            return Err(KeyError::UnsupportedKey);
        };
        let kid = thumbprint(&public_jwk);
        let mut public_jwk = public_jwk;
        public_jwk["kid"] = json!(kid);
        public_jwk["use"] = json!("sig");
        public_jwk["alg"] = json!(match algorithm {
            KeyAlgorithm::Ed25519 => "EdDSA",
            KeyAlgorithm::Es256 => "ES256",
        });
        Ok(Self {
            provider: provider.to_owned(),
            algorithm,
            pkcs8,
            public_jwk,
            kid,
        })
    }

    /// Reads a key file written by [`ProviderKey::to_pem`]; `provider` overrides the file's own.
    pub fn from_pem(text: &str, provider: Option<&str>) -> Result<Self, KeyError> {
        let block = pem::parse_many(text)
            .map_err(|_| KeyError::NoPrivateKey)?
            .into_iter()
            .find(|block| block.tag() == "PRIVATE KEY")
            .ok_or(KeyError::NoPrivateKey)?;
        let named = text
            .lines()
            .take_while(|line| !line.starts_with("-----BEGIN"))
            .find_map(|line| line.strip_prefix("provider:"))
            .map(str::trim);
        let provider = provider.or(named).ok_or(KeyError::NoProvider)?;
        Self::from_pkcs8(provider, block.into_contents())
    }

    /// The key as a PEM file whose explanatory text (RFC 7468) names the provider.
    pub fn to_pem(&self) -> String {
        let block = pem::Pem::new("PRIVATE KEY", self.pkcs8.clone());
        format!(
            "Overblik provider signing key. Keep it secret.\nprovider: {}\nkid: {}\n{}",
            self.provider,
            self.kid,
            pem::encode(&block)
        )
    }

    pub fn provider(&self) -> &str {
        &self.provider
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    pub fn algorithm(&self) -> KeyAlgorithm {
        self.algorithm
    }

    /// The public half as a JWK, to register with Overblik.
    pub fn public_jwk(&self) -> &Value {
        &self.public_jwk
    }

    /// Signs a client assertion (RFC 7523) for the token endpoint at `audience`.
    pub fn sign_assertion(&self, audience: &str) -> Result<String, KeyError> {
        let now = Utc::now().timestamp();
        self.sign_claims(
            audience,
            now,
            now + ASSERTION_LIFETIME_SECONDS,
            &uuid::Uuid::new_v4().to_string(),
        )
    }

    /// Signs an assertion with chosen times and id; tests use it to make bad assertions.
    pub fn sign_claims(
        &self,
        audience: &str,
        iat: i64,
        exp: i64,
        jti: &str,
    ) -> Result<String, KeyError> {
        let mut header = Header::new(self.jwt_algorithm());
        header.kid = Some(self.kid.clone());
        let claims = AssertionClaims {
            iss: &self.provider,
            sub: &self.provider,
            aud: audience,
            iat,
            exp,
            jti: jti.to_owned(),
        };
        self.sign(&header, &claims)
    }

    /// The JWS algorithm this key signs with.
    pub fn jwt_algorithm(&self) -> Algorithm {
        match self.algorithm {
            KeyAlgorithm::Ed25519 => Algorithm::EdDSA,
            KeyAlgorithm::Es256 => Algorithm::ES256,
        }
    }

    /// Signs `claims` as a JWT under `header`, whose `alg` must be [`Self::jwt_algorithm`].
    pub fn sign(&self, header: &Header, claims: &impl Serialize) -> Result<String, KeyError> {
        let key = match self.algorithm {
            KeyAlgorithm::Ed25519 => EncodingKey::from_ed_der(&self.pkcs8),
            KeyAlgorithm::Es256 => EncodingKey::from_ec_der(&self.pkcs8),
        };
        Ok(jsonwebtoken::encode(header, claims, &key)?)
    }
}

/// The JWK thumbprint (RFC 7638) of a public key: SHA-256 over its required members in order.
pub fn thumbprint(jwk: &Value) -> String {
    let members: &[&str] = match jwk["kty"].as_str() {
        Some("EC") => &["crv", "kty", "x", "y"],
        _ => &["crv", "kty", "x"],
    };
    let canonical: serde_json::Map<String, Value> = members
        .iter()
        .map(|member| ((*member).to_owned(), jwk[*member].clone()))
        .collect();
    let text = serde_json::to_string(&canonical).expect("a JSON object serializes");
    URL_SAFE_NO_PAD.encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_survive_a_round_trip_through_pem() {
        for algorithm in [KeyAlgorithm::Ed25519, KeyAlgorithm::Es256] {
            let key = ProviderKey::generate("tax-agency", algorithm).expect("generates");
            let back = ProviderKey::from_pem(&key.to_pem(), None).expect("reads back");
            assert_eq!(back.provider(), "tax-agency");
            assert_eq!(back.public_jwk(), key.public_jwk());
            assert_eq!(back.algorithm(), algorithm);
            assert!(key.sign_assertion("https://overblik.example/token").is_ok());
        }
    }

    #[test]
    fn the_thumbprint_matches_rfc_7638s_example_shape() {
        // RFC 8037, appendix A.3: the thumbprint of its Ed25519 example key.
        let jwk = json!({"crv": "Ed25519", "kty": "OKP", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"});
        assert_eq!(
            thumbprint(&jwk),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }
}
