//! The SD-JWT VC form (RFC 9901 and draft-ietf-oauth-sd-jwt-vc): its holder may show some
//! fields and withhold the others.
//!
//! The issuer-signed JWT has the header `{"alg":"EdDSA","typ":"dc+sd-jwt","kid":..}` and the
//! claims `iss`, `iat`, `exp`, `vct`, `jti` (the id), `type_id`, `sources`, `status`
//! (`{"status_list":{"idx":..,"uri":..}}`), `_sd_alg` (`sha-256`) and `_sd`: the sorted
//! digests of the fields. Each field is an object property disclosure `[salt, name, value]`
//! with a 128-bit random salt; its digest is base64url(SHA-256(the disclosure's base64url
//! text)). The form is `<JWT>~<disclosure>~..~<disclosure>~`, with no key binding.
//!
//! Field names must not be those of the claims above, which RFC 9901 §7.1 forbids a disclosure
//! to repeat; a verifier refuses such a disclosure.

use std::collections::HashSet;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore as _;
use serde_json::{Map, Value, json};
use sha2::{Digest as _, Sha256};

use crate::attested::from_seconds;
use crate::{Attested, Forged, IssuerKey, PublicKeys, StatusRef, jws};

/// The JWS `typ` of an SD-JWT VC.
pub const TYP: &str = "dc+sd-jwt";

/// The attestation signed by `key` as an SD-JWT VC with every field disclosed, the
/// disclosures in the order of the fields.
pub fn issue(attested: &Attested, key: &IssuerKey) -> String {
    let disclosures: Vec<String> = attested
        .fields
        .iter()
        .map(|(name, value)| disclose(&salt(), name, value))
        .collect();
    let mut digests: Vec<String> = disclosures.iter().map(|d| digest(d)).collect();
    // Sorted, so the digests' order tells nothing of the fields' order.
    digests.sort();
    let payload = json!({
        "iss": attested.issuer,
        "iat": attested.issued_at.timestamp(),
        "exp": attested.valid_until.timestamp(),
        "vct": attested.vct,
        "jti": attested.id,
        "type_id": attested.type_id,
        "sources": attested.sources,
        "status": { "status_list": { "idx": attested.status.index, "uri": attested.status.uri } },
        "_sd_alg": "sha-256",
        "_sd": digests,
    });
    let mut form = jws::sign(TYP, &payload, key);
    for disclosure in &disclosures {
        form.push('~');
        form.push_str(disclosure);
    }
    form.push('~');
    form
}

/// The SD-JWT with only the disclosures of the fields named in `keep`, in their order in
/// `sd_jwt`. Names it has no disclosure for are passed over. The issuer's signature is not
/// checked: that is the verifier's part.
pub fn present(sd_jwt: &str, keep: &[&str]) -> Result<String, Forged> {
    let (jwt, disclosures) = split(sd_jwt)?;
    let mut form = jwt.to_owned();
    for disclosure in disclosures {
        let (name, _) = decode(disclosure)?;
        if keep.contains(&name.as_str()) {
            form.push('~');
            form.push_str(disclosure);
        }
    }
    form.push('~');
    Ok(form)
}

/// The attestation an SD-JWT VC carries, signed by a key in `keys`, with just the fields it
/// discloses, in the order of its disclosures (the fields' order, as [`issue`] and [`present`]
/// keep it). Whitespace around the text is ignored.
pub fn verify(text: &str, keys: &PublicKeys) -> Result<Attested, Forged> {
    let (jwt, disclosures) = split(text.trim())?;
    let mut payload = jws::verify(jwt, TYP, keys)?;
    if payload.get("_sd_alg").and_then(Value::as_str) != Some("sha-256") {
        return Err(Forged::malformed("its _sd_alg is not sha-256"));
    }
    let digests = payload
        .get("_sd")
        .and_then(Value::as_array)
        .ok_or_else(|| Forged::malformed("it has no _sd array"))?;
    let signed: HashSet<&str> = digests
        .iter()
        .map(|digest| {
            digest
                .as_str()
                .ok_or_else(|| Forged::malformed("a digest is not text"))
        })
        .collect::<Result<_, _>>()?;
    // RFC 9901 §7.1: a digest given twice makes the whole SD-JWT void.
    if signed.len() != digests.len() {
        return Err(Forged::malformed("its _sd has a digest twice"));
    }
    let mut seen = HashSet::new();
    let mut fields = Vec::new();
    for disclosure in disclosures {
        let digest = digest(disclosure);
        if !signed.contains(digest.as_str()) || !seen.insert(digest) {
            return Err(Forged::BadDisclosure);
        }
        let (name, value) = decode(disclosure)?;
        // RFC 9901 §7.1: a disclosure may not add a claim the payload already has.
        if payload.contains_key(&name) || name == "..." {
            return Err(Forged::BadDisclosure);
        }
        let value = value
            .as_str()
            .ok_or_else(|| Forged::malformed(format!("the field {name} is not text")))?;
        fields.push((name, value.to_owned()));
    }
    attested(&mut payload, fields)
}

/// The JWT and the disclosures of the form `<JWT>~<disclosure>~..~`; a key binding JWT after
/// the last `~` is refused, as these forms are not bound to a holder's key.
fn split(form: &str) -> Result<(&str, Vec<&str>), Forged> {
    let mut parts: Vec<&str> = form.split('~').collect();
    if parts.len() < 2 {
        return Err(Forged::malformed("an SD-JWT has a ~ after its JWT"));
    }
    if parts.pop() != Some("") {
        return Err(Forged::malformed("an SD-JWT without key binding ends in ~"));
    }
    let jwt = parts.remove(0);
    if parts.iter().any(|d| d.is_empty()) {
        return Err(Forged::malformed("an SD-JWT has no empty disclosure"));
    }
    Ok((jwt, parts))
}

/// The base64url of the object property disclosure `[salt, name, value]`.
fn disclose(salt: &str, name: &str, value: &str) -> String {
    URL_SAFE_NO_PAD.encode(json!([salt, name, value]).to_string())
}

/// The name and value an object property disclosure discloses.
fn decode(disclosure: &str) -> Result<(String, Value), Forged> {
    let json = URL_SAFE_NO_PAD
        .decode(disclosure)
        .map_err(|_| Forged::malformed("a disclosure is not base64url"))?;
    let parsed = serde_json::from_slice::<Value>(&json).ok();
    let Some(Value::Array(items)) = parsed else {
        return Err(Forged::malformed("a disclosure is not a JSON array"));
    };
    match <[Value; 3]>::try_from(items) {
        Ok([Value::String(_), Value::String(name), value]) => Ok((name, value)),
        _ => Err(Forged::malformed(
            "a disclosure is not [salt, name, value] of an object property",
        )),
    }
}

/// A disclosure's digest: base64url(SHA-256(the ASCII of its base64url)), RFC 9901 §4.2.3.
fn digest(disclosure: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(disclosure.as_bytes()))
}

/// 128 random bits, base64url, as RFC 9901 §9.3 recommends.
fn salt() -> String {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    URL_SAFE_NO_PAD.encode(salt)
}

/// The attestation of a verified payload and the fields it discloses.
fn attested(
    payload: &mut Map<String, Value>,
    fields: Vec<(String, String)>,
) -> Result<Attested, Forged> {
    let mut text = |name: &str| match payload.remove(name) {
        Some(Value::String(text)) => Ok(text),
        _ => Err(Forged::malformed(format!(
            "its {name} is missing or not text"
        ))),
    };
    let (issuer, vct, id, type_id) = (text("iss")?, text("vct")?, text("jti")?, text("type_id")?);
    let time = |name: &str| {
        payload
            .get(name)
            .and_then(Value::as_i64)
            .and_then(from_seconds)
            .ok_or_else(|| Forged::malformed(format!("its {name} is not whole seconds")))
    };
    let (issued_at, valid_until) = (time("iat")?, time("exp")?);
    let sources = payload
        .get("sources")
        .and_then(Value::as_array)
        .and_then(|sources| {
            sources
                .iter()
                .map(|s| s.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
        })
        .ok_or_else(|| Forged::malformed("its sources are not a list of texts"))?;
    let list = payload
        .get("status")
        .and_then(|status| status.get("status_list"));
    let status = list
        .and_then(|list| {
            Some(StatusRef {
                index: u32::try_from(list.get("idx")?.as_u64()?).ok()?,
                uri: list.get("uri")?.as_str()?.to_owned(),
            })
        })
        .ok_or_else(|| Forged::malformed("its status is not a Token Status List reference"))?;
    Ok(Attested {
        id,
        type_id,
        vct,
        issuer,
        issued_at,
        valid_until,
        fields,
        sources,
        status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::attested;

    fn keys(key: &IssuerKey) -> PublicKeys {
        PublicKeys::new(vec![key.public()])
    }

    /// The parts of a compact JWS, decoded.
    fn jws_parts(jwt: &str) -> (Value, Value, Vec<u8>) {
        let parts: Vec<Vec<u8>> = jwt
            .split('.')
            .map(|part| URL_SAFE_NO_PAD.decode(part).expect("base64url"))
            .collect();
        let json = |bytes: &[u8]| serde_json::from_slice(bytes).expect("JSON");
        (json(&parts[0]), json(&parts[1]), parts[2].clone())
    }

    #[test]
    fn digests_are_taken_over_the_disclosure_text_as_rfc_9901_shows() {
        // RFC 9901 §4.2.3: the disclosure of family_name "Möbius" and its SHA-256 digest.
        let disclosure = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0";
        assert_eq!(
            digest(disclosure),
            "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0"
        );
        let (name, value) = decode(disclosure).expect("the RFC's disclosure decodes");
        assert_eq!((name.as_str(), value), ("family_name", json!("Möbius")));
    }

    #[test]
    fn an_issued_sd_jwt_verifies_as_it_was() {
        let key = IssuerKey::generate();
        let form = issue(&attested(), &key);
        assert!(form.ends_with('~'));
        assert_eq!(form.matches('~').count(), attested().fields.len() + 1);
        assert_eq!(verify(&form, &keys(&key)), Ok(attested()));
    }

    #[test]
    fn its_jwt_is_as_sd_jwt_vc_says() {
        let key = IssuerKey::generate();
        let form = issue(&attested(), &key);
        let (header, payload, signature) = jws_parts(form.split('~').next().expect("a JWT"));
        assert_eq!(
            header,
            json!({ "alg": "EdDSA", "typ": "dc+sd-jwt", "kid": key.kid() })
        );
        assert_eq!(signature.len(), 64);
        assert_eq!(payload["vct"], json!(attested().vct));
        assert_eq!(payload["_sd_alg"], json!("sha-256"));
        assert_eq!(payload["status"]["status_list"]["idx"], json!(48_213));
        let digests: Vec<&str> = payload["_sd"]
            .as_array()
            .expect("_sd")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let mut sorted = digests.clone();
        sorted.sort_unstable();
        assert_eq!(digests, sorted);
        assert_eq!(digests.len(), attested().fields.len());
        assert!(payload.get("name").is_none(), "a field is in the clear");
    }

    #[test]
    fn a_presentation_keeping_one_field_verifies_with_just_that_field() {
        let key = IssuerKey::generate();
        let shown = present(&issue(&attested(), &key), &["town"]).expect("presents");
        let verified = verify(&shown, &keys(&key)).expect("verifies");
        assert_eq!(
            verified.fields,
            vec![("town".to_owned(), "Aarhus C".to_owned())]
        );
        assert_eq!(verified.id, attested().id);
    }

    #[test]
    fn a_presentation_keeping_nothing_verifies_with_no_fields() {
        let key = IssuerKey::generate();
        let shown = present(&issue(&attested(), &key), &[]).expect("presents");
        assert_eq!(verify(&shown, &keys(&key)).map(|a| a.fields), Ok(vec![]));
    }

    #[test]
    fn a_tampered_disclosure_is_bad() {
        let key = IssuerKey::generate();
        let form = issue(&attested(), &key);
        let original = form.split('~').nth(1).expect("a disclosure");
        let json = URL_SAFE_NO_PAD.decode(original).expect("base64url");
        let mut disclosure: Value = serde_json::from_slice(&json).expect("JSON");
        disclosure[2] = json!("Somebody Else");
        let tampered = URL_SAFE_NO_PAD.encode(disclosure.to_string());
        let form = form.replacen(original, &tampered, 1);
        assert_eq!(verify(&form, &keys(&key)), Err(Forged::BadDisclosure));
    }

    #[test]
    fn a_disclosure_given_twice_is_bad() {
        let key = IssuerKey::generate();
        let form = issue(&attested(), &key);
        let first = form.split('~').nth(1).expect("a disclosure");
        let doubled = format!("{form}{first}~");
        assert_eq!(verify(&doubled, &keys(&key)), Err(Forged::BadDisclosure));
    }

    #[test]
    fn a_disclosure_of_another_sd_jwt_is_bad() {
        let key = IssuerKey::generate();
        let form = issue(&attested(), &key);
        let other = issue(&attested(), &key);
        let foreign = other.split('~').nth(1).expect("a disclosure");
        assert_eq!(
            verify(&format!("{form}{foreign}~"), &keys(&key)),
            Err(Forged::BadDisclosure)
        );
    }

    #[test]
    fn a_changed_claim_breaks_the_signature() {
        let key = IssuerKey::generate();
        let form = issue(&attested(), &key);
        let jwt = form.split('~').next().expect("a JWT");
        let parts: Vec<&str> = jwt.split('.').collect();
        let (_, mut payload, _) = jws_parts(jwt);
        payload["exp"] = json!(4_102_444_800_i64);
        let changed = format!("{}.{}.{}", parts[0], jws::encode_json(&payload), parts[2]);
        let form = form.replacen(jwt, &changed, 1);
        assert_eq!(verify(&form, &keys(&key)), Err(Forged::BadSignature));
    }

    #[test]
    fn a_changed_signature_byte_breaks_the_signature() {
        let key = IssuerKey::generate();
        let form = issue(&attested(), &key);
        let jwt = form.split('~').next().expect("a JWT");
        let (_, _, mut signature) = jws_parts(jwt);
        signature[0] ^= 1;
        let dot = jwt.rfind('.').expect("a dot");
        let changed = format!("{}.{}", &jwt[..dot], URL_SAFE_NO_PAD.encode(signature));
        let form = form.replacen(jwt, &changed, 1);
        assert_eq!(verify(&form, &keys(&key)), Err(Forged::BadSignature));
    }

    #[test]
    fn a_key_not_trusted_is_unknown() {
        let form = issue(&attested(), &IssuerKey::generate());
        assert_eq!(
            verify(&form, &keys(&IssuerKey::generate())),
            Err(Forged::UnknownKey)
        );
    }

    #[test]
    fn a_jwt_re_signed_by_another_key_claiming_the_trusted_kid_is_bad() {
        let (trusted, other) = (IssuerKey::generate(), IssuerKey::generate());
        let form = issue(&attested(), &trusted);
        let jwt = form.split('~').next().expect("a JWT");
        let input = &jwt[..jwt.rfind('.').expect("a dot")];
        let forged = format!(
            "{input}.{}",
            URL_SAFE_NO_PAD.encode(other.sign(input.as_bytes()))
        );
        let form = form.replacen(jwt, &forged, 1);
        assert_eq!(verify(&form, &keys(&trusted)), Err(Forged::BadSignature));
    }

    #[test]
    fn another_typ_is_malformed() {
        let key = IssuerKey::generate();
        let jwt = jws::sign(
            "vc+sd-jwt",
            &json!({ "_sd_alg": "sha-256", "_sd": [] }),
            &key,
        );
        assert!(matches!(
            verify(&format!("{jwt}~"), &keys(&key)),
            Err(Forged::Malformed(_))
        ));
    }

    #[test]
    fn a_key_binding_jwt_is_refused() {
        let key = IssuerKey::generate();
        let form = format!("{}eyJhbGciOiJFZERTQSJ9.e30.AA", issue(&attested(), &key));
        assert!(matches!(
            verify(&form, &keys(&key)),
            Err(Forged::Malformed(_))
        ));
    }
}
