//! The signature on webhook deliveries: `Overblik-Signature: v1=BASE64URL(Ed25519(id "."
//! time "." body))`, made with the platform's key and checked with its public JWK.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use serde_json::{Value, json};

/// Signs webhook bodies with the platform's key, derived from the server's token secret so
/// that every server of a deployment signs alike and nothing more needs configuring.
#[derive(Debug)]
pub struct WebhookSigner {
    pair: Ed25519KeyPair,
}

impl WebhookSigner {
    pub fn from_secret(secret: &[u8]) -> Self {
        use sha2::{Digest, Sha512};
        let digest = Sha512::new()
            .chain_update(b"overblik webhook signing key")
            .chain_update(secret)
            .finalize();
        let pair = Ed25519KeyPair::from_seed_unchecked(&digest[..32])
            .expect("any 32 bytes make an Ed25519 seed");
        Self { pair }
    }

    /// The `Overblik-Signature` value for a delivery.
    pub fn sign(&self, delivery: &str, timestamp: i64, body: &[u8]) -> String {
        let signature = self.pair.sign(&signed_message(delivery, timestamp, body));
        format!("v1={}", URL_SAFE_NO_PAD.encode(signature.as_ref()))
    }

    /// The public key as a JWK (RFC 8037), for receivers to verify with.
    pub fn jwk(&self) -> Value {
        json!({
            "kty": "OKP",
            "crv": "Ed25519",
            "alg": "EdDSA",
            "use": "sig",
            "x": URL_SAFE_NO_PAD.encode(self.pair.public_key().as_ref()),
        })
    }
}

fn signed_message(delivery: &str, timestamp: i64, body: &[u8]) -> Vec<u8> {
    let mut message = format!("{delivery}.{timestamp}.").into_bytes();
    message.extend_from_slice(body);
    message
}

/// Whether `signature` (an `Overblik-Signature` value) is the platform's, whose JWK `x` is
/// `public_key`, over this delivery: what a receiver checks.
pub fn verify(
    public_key: &str,
    delivery: &str,
    timestamp: i64,
    body: &[u8],
    signature: &str,
) -> bool {
    let (Ok(key), Some(Ok(signature))) = (
        URL_SAFE_NO_PAD.decode(public_key),
        signature
            .strip_prefix("v1=")
            .map(|encoded| URL_SAFE_NO_PAD.decode(encoded)),
    ) else {
        return false;
    };
    UnparsedPublicKey::new(&ED25519, key)
        .verify(&signed_message(delivery, timestamp, body), &signature)
        .is_ok()
}
