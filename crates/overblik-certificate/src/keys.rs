//! The issuer's signing key, the public keys a verifier trusts, and their JWK forms.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _};
use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

/// Why a key could not be read.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The text is not an Ed25519 private key in PKCS#8 PEM.
    #[error("the text is not an Ed25519 private key in PKCS#8 PEM: {0}")]
    Pem(String),
    /// The JSON is not the public JWK of an Ed25519 key (or a set of them).
    #[error("the JSON is not an Ed25519 public key as a JWK: {0}")]
    Jwk(String),
}

/// The issuer's Ed25519 signing key and its key id (`kid`): the RFC 7638 JWK thumbprint of
/// its public JWK, base64url.
pub struct IssuerKey {
    signing: SigningKey,
    kid: String,
}

impl IssuerKey {
    /// A new random key.
    pub fn generate() -> Self {
        Self::from_signing(SigningKey::generate(&mut rand::rngs::OsRng))
    }

    /// Reads a PKCS#8 PEM `PRIVATE KEY`.
    pub fn from_pem(text: &str) -> Result<Self, KeyError> {
        let signing = SigningKey::from_pkcs8_pem(text).map_err(|e| KeyError::Pem(e.to_string()))?;
        Ok(Self::from_signing(signing))
    }

    /// The key as a PKCS#8 PEM `PRIVATE KEY`.
    pub fn to_pem(&self) -> String {
        self.signing
            .to_pkcs8_pem(LineEnding::LF)
            .expect("an Ed25519 key always has a PKCS#8 form")
            .to_string()
    }

    /// The key id.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public half, to publish.
    pub fn public(&self) -> PublicKey {
        PublicKey {
            kid: self.kid.clone(),
            verifying: self.signing.verifying_key(),
        }
    }

    /// The 64-byte Ed25519 signature of `message`.
    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }

    fn from_signing(signing: SigningKey) -> Self {
        let kid = thumbprint(&signing.verifying_key());
        Self { signing, kid }
    }
}

impl fmt::Debug for IssuerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuerKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// An issuer's public key and its key id.
#[derive(Clone, Debug)]
pub struct PublicKey {
    kid: String,
    verifying: VerifyingKey,
}

impl PublicKey {
    /// The key id: the RFC 7638 thumbprint of the key's JWK, base64url.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The key as a public JWK: `{"kty":"OKP","crv":"Ed25519","x":..,"kid":..,"alg":"EdDSA","use":"sig"}`.
    pub fn to_jwk(&self) -> Value {
        json!({
            "kty": "OKP",
            "crv": "Ed25519",
            "x": URL_SAFE_NO_PAD.encode(self.verifying.as_bytes()),
            "kid": self.kid,
            "alg": "EdDSA",
            "use": "sig",
        })
    }

    /// Reads a public JWK of an Ed25519 key. Its `kid`, if given, must be its thumbprint; a JWK
    /// with a private part (`d`) is refused, so a secret published by mistake is noticed.
    pub fn from_jwk(jwk: &Value) -> Result<Self, KeyError> {
        let member = |name: &str| jwk.get(name).and_then(Value::as_str);
        if member("kty") != Some("OKP") || member("crv") != Some("Ed25519") {
            return Err(KeyError::Jwk("not an OKP key on Ed25519".into()));
        }
        if jwk.get("d").is_some() {
            return Err(KeyError::Jwk("it holds a private key".into()));
        }
        if jwk.get("alg").is_some_and(|alg| alg != "EdDSA") {
            return Err(KeyError::Jwk("its alg is not EdDSA".into()));
        }
        if jwk.get("use").is_some_and(|usage| usage != "sig") {
            return Err(KeyError::Jwk("its use is not sig".into()));
        }
        let x = member("x")
            .and_then(|x| URL_SAFE_NO_PAD.decode(x).ok())
            .and_then(|x| <[u8; 32]>::try_from(x).ok())
            .ok_or_else(|| KeyError::Jwk("x is not 32 bytes in base64url".into()))?;
        let verifying = VerifyingKey::from_bytes(&x)
            .map_err(|_| KeyError::Jwk("x is not a point on Ed25519".into()))?;
        let kid = thumbprint(&verifying);
        if jwk.get("kid").is_some_and(|given| given != kid.as_str()) {
            return Err(KeyError::Jwk("its kid is not its thumbprint".into()));
        }
        Ok(Self { kid, verifying })
    }

    /// Whether `signature` is this key's Ed25519 signature of `message` (strict verification:
    /// no small-order keys, no malleable signatures).
    pub(crate) fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        ed25519_dalek::Signature::from_slice(signature)
            .is_ok_and(|signature| self.verifying.verify_strict(message, &signature).is_ok())
    }
}

/// The keys a verifier trusts: the issuer's current key and those it rotated from.
#[derive(Clone, Debug, Default)]
pub struct PublicKeys(Vec<PublicKey>);

impl PublicKeys {
    /// The set of these keys.
    pub fn new(keys: Vec<PublicKey>) -> Self {
        Self(keys)
    }

    /// The key with this key id.
    pub fn find(&self, kid: &str) -> Option<&PublicKey> {
        self.0.iter().find(|key| key.kid == kid)
    }

    /// The keys as a JWK Set: `{"keys":[..]}`.
    pub fn to_jwks(&self) -> Value {
        json!({ "keys": self.0.iter().map(PublicKey::to_jwk).collect::<Vec<_>>() })
    }

    /// Reads a JWK Set of Ed25519 public keys; any other key in it is an error.
    pub fn from_jwks(jwks: &Value) -> Result<Self, KeyError> {
        let keys = jwks
            .get("keys")
            .and_then(Value::as_array)
            .ok_or_else(|| KeyError::Jwk("a JWK Set has an array \"keys\"".into()))?;
        keys.iter()
            .map(PublicKey::from_jwk)
            .collect::<Result<_, _>>()
            .map(Self)
    }
}

/// The RFC 7638 thumbprint of an Ed25519 key's JWK: SHA-256 of its required members in
/// lexicographic order, without spaces, base64url.
fn thumbprint(key: &VerifyingKey) -> String {
    let canonical = format!(
        r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#,
        URL_SAFE_NO_PAD.encode(key.as_bytes())
    );
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_round_trip_keeps_the_key() {
        let key = IssuerKey::generate();
        let again = IssuerKey::from_pem(&key.to_pem()).expect("its own PEM reads back");
        assert_eq!(again.kid(), key.kid());
        assert_eq!(again.sign(b"x"), key.sign(b"x"));
    }

    #[test]
    fn debug_does_not_print_the_secret() {
        let key = IssuerKey::generate();
        let shown = format!("{key:?}");
        assert!(shown.contains(key.kid()));
        let secret_hex: String = key
            .signing
            .to_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(!shown.contains(&secret_hex));
        assert!(!shown.contains("SigningKey"));
    }

    #[test]
    fn jwks_round_trip_keeps_kids() {
        let keys = PublicKeys::new(vec![
            IssuerKey::generate().public(),
            IssuerKey::generate().public(),
        ]);
        let again = PublicKeys::from_jwks(&keys.to_jwks()).expect("its own JWKS reads back");
        for key in &keys.0 {
            assert!(again.find(key.kid()).is_some());
        }
    }

    #[test]
    fn a_jwk_whose_kid_is_not_its_thumbprint_is_refused() {
        let mut jwk = IssuerKey::generate().public().to_jwk();
        jwk["kid"] = json!("someone-else");
        assert!(PublicKey::from_jwk(&jwk).is_err());
    }

    #[test]
    fn the_kid_is_the_rfc_7638_thumbprint() {
        // RFC 8037, appendix A.3: the thumbprint of its example Ed25519 key.
        let x = URL_SAFE_NO_PAD
            .decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
            .expect("the RFC's x is base64url");
        let key = VerifyingKey::from_bytes(&x.try_into().expect("32 bytes"))
            .expect("the RFC's key is a point");
        assert_eq!(
            thumbprint(&key),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }
}
