//! A provider's client assertion at `POST /api/provider/v1/token`: which provider it claims to
//! be, and whether a key registered for that provider signed it, with claims the server
//! accepts. The provider holds two registered keys, one Ed25519 and one P-256.
//!
//! Anyone may send any text; only a provider may sign. So the fuzzer sends assertions of its
//! own (it holds no key, and none may pass), and has headers and claims of its choosing signed
//! with a registered key, as a provider's faulty client could (those pass only with the claims
//! the server promises to hold: issuer, subject, audience, a short lifetime, a jti kept until
//! the assertion expires).

#![no_main]

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use overblik_server::provider::token::{check_assertion, claimed_issuer};
use serde_json::{Value, json};
use std::sync::LazyLock;

const PROVIDER: &str = "fuzz-kommune";
const AUDIENCE: &str = "https://overblik.fuzz/api/provider/v1/token";

/// Keys made for these targets alone; they guard nothing.
const ED25519_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIDvVONOk97i67fvSpjBZ7NTVzGCvrfaMYtNZQMjNF6y9
-----END PRIVATE KEY-----
";
const ES256_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgqPZsVhr3zlrMGJQX
Ai25HmXvHbQ3hAgKbAz4kVUzYSyhRANCAAT9KmwCRqxXLGrZMGt76vbKzaUNibsc
kkpyVcumLwzlj1ZQKwv7+FguOu0KsfP2kyyvcndk13w3TjSnaiLoH9QC
-----END PRIVATE KEY-----
";

/// The provider's registered public keys, as the store keeps them.
static REGISTERED: LazyLock<Vec<String>> = LazyLock::new(|| {
    vec![
        json!({"kty": "OKP", "crv": "Ed25519", "x": "4c51HrjIaf3h4WCCt3VYRfS_OxSenNz_lEqelTexzLs",
               "kid": "ed", "use": "sig", "alg": "EdDSA"})
        .to_string(),
        json!({"kty": "EC", "crv": "P-256", "x": "_SpsAkasVyxq2TBre-r2ys2lDYm7HJJKclXLpi8M5Y8",
               "y": "VlArC_v4WC467Qqx8_aTLK9yd2TXfDdONKdqIugf1AI",
               "kid": "ec", "use": "sig", "alg": "ES256"})
        .to_string(),
    ]
});

static ED25519: LazyLock<EncodingKey> =
    LazyLock::new(|| EncodingKey::from_ed_pem(ED25519_PRIVATE.as_bytes()).expect("an Ed25519 key"));
static ES256: LazyLock<EncodingKey> =
    LazyLock::new(|| EncodingKey::from_ec_pem(ES256_PRIVATE.as_bytes()).expect("a P-256 key"));

#[derive(Arbitrary, Debug)]
enum Input {
    /// An assertion as anyone may send it, holding no key.
    AsSent(String),
    /// A payload of the fuzzer's choosing, signed with a registered key.
    SignedPayload { signer: Signer, payload: Vec<u8> },
    /// Claims of the fuzzer's choosing, signed with a registered key.
    SignedClaims { signer: Signer, claims: Claims },
}

/// Which key signs, and the header it signs under (which may name another algorithm or key).
#[derive(Arbitrary, Debug)]
struct Signer {
    es256: bool,
    alg: HeaderAlg,
    kid: Option<String>,
}

#[derive(Arbitrary, Debug)]
enum HeaderAlg {
    OfTheKey,
    EdDsa,
    Es256,
    Hs256,
    Rs256,
    None,
    Other(String),
}

#[derive(Arbitrary, Debug)]
struct Claims {
    iss: Name,
    sub: Name,
    aud: Name,
    iat: Option<i64>,
    exp: Option<i64>,
    jti: Option<String>,
}

/// A name in the claims: the right one, or any other.
#[derive(Arbitrary, Debug)]
enum Name {
    Right,
    Missing,
    Other(String),
}

impl Name {
    fn value(&self, right: &str) -> Option<Value> {
        match self {
            Name::Right => Some(json!(right)),
            Name::Missing => None,
            Name::Other(other) => Some(json!(other)),
        }
    }
}

/// Signs `payload` under a header of `signer`'s choosing, as a JWT in compact form.
fn sign(signer: &Signer, payload: &[u8]) -> String {
    let (key, algorithm, own) = if signer.es256 {
        (&*ES256, Algorithm::ES256, "ES256")
    } else {
        (&*ED25519, Algorithm::EdDSA, "EdDSA")
    };
    let alg = match &signer.alg {
        HeaderAlg::OfTheKey => own,
        HeaderAlg::EdDsa => "EdDSA",
        HeaderAlg::Es256 => "ES256",
        HeaderAlg::Hs256 => "HS256",
        HeaderAlg::Rs256 => "RS256",
        HeaderAlg::None => "none",
        HeaderAlg::Other(other) => other,
    };
    let mut header = json!({"alg": alg, "typ": "JWT"});
    if let Some(kid) = &signer.kid {
        header["kid"] = json!(kid);
    }
    let message = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let signature =
        jsonwebtoken::crypto::sign(message.as_bytes(), key, algorithm).expect("signing works");
    format!("{message}.{signature}")
}

/// `exp` and `iat` as the payload of `assertion` gives them.
fn times(assertion: &str) -> Option<(i64, i64)> {
    let payload = URL_SAFE_NO_PAD.decode(assertion.split('.').nth(1)?).ok()?;
    let claims: Value = serde_json::from_slice(&payload).ok()?;
    Some((claims["exp"].as_i64()?, claims["iat"].as_i64()?))
}

fuzz_target!(|input: Input| {
    let assertion = match &input {
        Input::AsSent(assertion) => assertion.clone(),
        Input::SignedPayload { signer, payload } => sign(signer, payload),
        Input::SignedClaims { signer, claims } => {
            let mut payload = serde_json::Map::new();
            for (name, value) in [
                ("iss", claims.iss.value(PROVIDER)),
                ("sub", claims.sub.value(PROVIDER)),
                ("aud", claims.aud.value(AUDIENCE)),
                ("iat", claims.iat.map(Value::from)),
                ("exp", claims.exp.map(Value::from)),
                ("jti", claims.jti.clone().map(Value::from)),
            ] {
                if let Some(value) = value {
                    payload.insert(name.to_owned(), value);
                }
            }
            sign(signer, Value::Object(payload).to_string().as_bytes())
        }
    };
    let Ok(claimed) = claimed_issuer(&assertion) else {
        return;
    };
    if claimed.issuer != PROVIDER {
        // Another provider is not registered: the server refuses it as it refuses a wrong key.
        return;
    }
    let Ok(checked) = check_assertion(&claimed, &REGISTERED, &[AUDIENCE]) else {
        return;
    };
    assert!(
        !matches!(input, Input::AsSent(_)),
        "an assertion nobody signed was accepted"
    );
    let (exp, iat) = times(&assertion).expect("an accepted assertion has exp and iat");
    assert!(
        i128::from(exp) - i128::from(iat) <= 300,
        "an assertion living {} seconds was accepted",
        i128::from(exp) - i128::from(iat)
    );
    assert!(
        checked.remember_until.timestamp() >= exp,
        "the jti of an assertion valid until {exp} is forgotten at {}",
        checked.remember_until
    );
});
