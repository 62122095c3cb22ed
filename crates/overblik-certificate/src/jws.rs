//! Compact JWS (RFC 7515) signed with EdDSA over Ed25519, as the SD-JWT and the status list
//! token both are.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value, json};

use crate::{Forged, IssuerKey, PublicKeys};

/// `payload` signed by `key` as a compact JWS whose header is `{"alg":"EdDSA","typ":typ,"kid":..}`.
pub(crate) fn sign(typ: &str, payload: &Value, key: &IssuerKey) -> String {
    let header = json!({ "alg": "EdDSA", "typ": typ, "kid": key.kid() });
    let input = format!("{}.{}", encode_json(&header), encode_json(payload));
    let signature = URL_SAFE_NO_PAD.encode(key.sign(input.as_bytes()));
    format!("{input}.{signature}")
}

/// The payload of a compact JWS whose header has `alg` EdDSA and this `typ`, signed by the
/// key its `kid` names in `keys`.
pub(crate) fn verify(
    token: &str,
    typ: &str,
    keys: &PublicKeys,
) -> Result<Map<String, Value>, Forged> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Forged::malformed("a JWS has three parts separated by dots"));
    };
    // The signing input is the ASCII of the first two parts, exactly as received.
    let input = &token[..header.len() + 1 + payload.len()];
    let header = decode_object(header, "header")?;
    if header.get("alg").and_then(Value::as_str) != Some("EdDSA") {
        return Err(Forged::malformed("its alg is not EdDSA"));
    }
    if header.get("typ").and_then(Value::as_str) != Some(typ) {
        return Err(Forged::malformed(format!("its typ is not {typ}")));
    }
    // RFC 7515 §4.1.11: extensions marked critical must be understood, and we know none.
    if header.contains_key("crit") {
        return Err(Forged::malformed("its header has critical extensions"));
    }
    let kid = header
        .get("kid")
        .and_then(Value::as_str)
        .ok_or_else(|| Forged::malformed("its header names no kid"))?;
    let key = keys.find(kid).ok_or(Forged::UnknownKey)?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| Forged::malformed("its signature is not base64url"))?;
    if !key.verifies(input.as_bytes(), &signature) {
        return Err(Forged::BadSignature);
    }
    decode_object(payload, "payload")
}

/// `value` as base64url of its compact JSON.
pub(crate) fn encode_json(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

fn decode_object(part: &str, what: &str) -> Result<Map<String, Value>, Forged> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| Forged::malformed(format!("its {what} is not base64url")))?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(object)) => Ok(object),
        _ => Err(Forged::malformed(format!(
            "its {what} is not a JSON object"
        ))),
    }
}
