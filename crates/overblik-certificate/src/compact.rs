//! The compact form: a signed CWT in a text short enough for a QR code.
//!
//! The text is `OB1:` followed by the base45 (RFC 9285) of a tagged COSE_Sign1 (RFC 9052):
//! EdDSA (alg -8) over Ed25519, its protected header holding the algorithm and the key id (the
//! 32 bytes the base64url `kid` stands for), its unprotected header empty, its payload this CWT
//! claims set (RFC 8392):
//!
//! | key | claim | value |
//! |---|---|---|
//! | 1 | `iss` | the issuer's URL |
//! | 4 | `exp` | `valid_until`, seconds since 1970 |
//! | 6 | `iat` | `issued_at`, seconds since 1970 |
//! | 7 | `cti` | the id's ASCII bytes |
//! | 65535 | `status` | `{"status_list": {"idx": index, "uri": uri}}` (Token Status List) |
//! | -65537 | type id | text |
//! | -65538 | `vct` | text |
//! | -65539 | fields | `[[name, value], ..]` |
//! | -65540 | sources | `[name, ..]` |
//!
//! The negative keys are in the private use range (below -65536, RFC 8392 §9.1), so they
//! cannot clash with a registered claim.
//!
//! Unlike the EU certificates' `HC1:`, the COSE bytes are not compressed. What they hold is
//! mostly a signature, a key id and short distinct texts, which zlib shrinks by about a seventh
//! (a QR code one version smaller); uncompressed, every bit of the text is covered, where a zlib
//! stream has bits its reader ignores, and a reader has no inflating to bound.
//!
//! Reading is strict: the text must be the one encoding of its bytes, and the bytes the one
//! encoding of their COSE structure, so changing any character either breaks the form, changes
//! the key id, or changes what the signature covers.

mod claims;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use coset::{CoseSign1, CoseSign1Builder, HeaderBuilder, TaggedCborSerializable as _, iana};

use crate::{Attested, Forged, IssuerKey, PublicKeys};

/// What every compact form starts with: Overblik, version 1.
pub const PREFIX: &str = "OB1:";

/// The attestation signed by `key`, as `OB1:` and base45.
pub fn seal(attested: &Attested, key: &IssuerKey) -> String {
    let kid = URL_SAFE_NO_PAD
        .decode(key.kid())
        .expect("a kid is the base64url of a thumbprint");
    let protected = HeaderBuilder::new()
        .algorithm(iana::Algorithm::EdDSA)
        .key_id(kid)
        .build();
    let bytes = CoseSign1Builder::new()
        .protected(protected)
        .payload(claims::encode(attested))
        .create_signature(b"", |data| key.sign(data).to_vec())
        .build()
        .to_tagged_vec()
        .expect("a COSE_Sign1 of known parts always encodes");
    format!("{PREFIX}{}", base45::encode(bytes))
}

/// The attestation a compact form carries, if `keys` has the key it is signed with and it is
/// signed. Whitespace around the text, as a QR reader may add, is ignored.
pub fn open(text: &str, keys: &PublicKeys) -> Result<Attested, Forged> {
    let encoded = text
        .trim()
        .strip_prefix(PREFIX)
        .ok_or_else(|| Forged::malformed(format!("it does not start with {PREFIX}")))?;
    let bytes = base45::decode(encoded).map_err(|_| Forged::malformed("it is not base45"))?;
    // The decoder takes a last pair above 255 modulo 256, so two texts could give the same bytes.
    if base45::encode(&bytes) != encoded {
        return Err(Forged::malformed("it is not base45 in its one encoding"));
    }
    let sign1 = CoseSign1::from_tagged_slice(&bytes)
        .map_err(|e| Forged::malformed(format!("it is not a tagged COSE_Sign1 ({e})")))?;
    // The signature covers the protected header and the payload; this covers the rest.
    if sign1.clone().to_tagged_vec().ok().as_deref() != Some(bytes.as_slice()) {
        return Err(Forged::malformed(
            "its COSE_Sign1 is not in its one encoding",
        ));
    }
    let header = &sign1.protected.header;
    let expected = HeaderBuilder::new()
        .algorithm(iana::Algorithm::EdDSA)
        .key_id(header.key_id.clone())
        .build();
    if *header != expected || header.key_id.is_empty() || !sign1.unprotected.is_empty() {
        return Err(Forged::malformed(
            "its headers are not just EdDSA and a key id, protected",
        ));
    }
    let key = keys
        .find(&URL_SAFE_NO_PAD.encode(&header.key_id))
        .ok_or(Forged::UnknownKey)?;
    sign1.verify_signature(b"", |signature, data| {
        key.verifies(data, signature)
            .then_some(())
            .ok_or(Forged::BadSignature)
    })?;
    let payload = sign1
        .payload
        .as_deref()
        .ok_or_else(|| Forged::malformed("it carries no payload"))?;
    claims::decode(payload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{attested, with_fields};
    use crate::{PublicKey, qr::Qr};

    fn keys(keys: &[&IssuerKey]) -> PublicKeys {
        PublicKeys::new(
            keys.iter()
                .map(|key| key.public())
                .collect::<Vec<PublicKey>>(),
        )
    }

    fn cose(text: &str) -> CoseSign1 {
        let bytes = base45::decode(&text[PREFIX.len()..]).expect("base45");
        CoseSign1::from_tagged_slice(&bytes).expect("a COSE_Sign1")
    }

    fn text_of(sign1: CoseSign1) -> String {
        format!(
            "{PREFIX}{}",
            base45::encode(sign1.to_tagged_vec().expect("encodes"))
        )
    }

    #[test]
    fn a_sealed_attestation_opens_as_it_was() {
        let key = IssuerKey::generate();
        let text = seal(&attested(), &key);
        assert!(text.starts_with(PREFIX));
        assert_eq!(open(&text, &keys(&[&key])), Ok(attested()));
    }

    #[test]
    fn it_opens_with_whitespace_around_as_a_reader_gives_it() {
        let key = IssuerKey::generate();
        let text = format!("  {}\r\n", seal(&attested(), &key));
        assert_eq!(open(&text, &keys(&[&key])), Ok(attested()));
    }

    #[test]
    fn it_opens_with_a_key_rotated_from() {
        let (old, new) = (IssuerKey::generate(), IssuerKey::generate());
        let text = seal(&attested(), &old);
        assert_eq!(open(&text, &keys(&[&new, &old])), Ok(attested()));
    }

    #[test]
    fn a_key_not_trusted_is_unknown() {
        let text = seal(&attested(), &IssuerKey::generate());
        assert_eq!(
            open(&text, &keys(&[&IssuerKey::generate()])),
            Err(Forged::UnknownKey)
        );
    }

    #[test]
    fn a_changed_field_breaks_the_signature() {
        let key = IssuerKey::generate();
        let mut sign1 = cose(&seal(&attested(), &key));
        let mut changed = attested();
        changed.fields[0].1 = "Somewhere else 1".into();
        sign1.payload = Some(claims::encode(&changed));
        assert_eq!(
            open(&text_of(sign1), &keys(&[&key])),
            Err(Forged::BadSignature)
        );
    }

    #[test]
    fn a_changed_signature_byte_breaks_the_signature() {
        let key = IssuerKey::generate();
        let mut sign1 = cose(&seal(&attested(), &key));
        sign1.signature[10] ^= 1;
        assert_eq!(
            open(&text_of(sign1), &keys(&[&key])),
            Err(Forged::BadSignature)
        );
    }

    #[test]
    fn a_payload_signed_by_another_key_claiming_the_trusted_kid_is_bad() {
        let (trusted, other) = (IssuerKey::generate(), IssuerKey::generate());
        let genuine = cose(&seal(&attested(), &trusted));
        let mut forged = cose(&seal(&attested(), &other));
        forged.protected = genuine.protected.clone();
        let tbs = forged.tbs_data(b"");
        forged.signature = other.sign(&tbs).to_vec();
        assert_eq!(
            open(&text_of(forged), &keys(&[&trusted])),
            Err(Forged::BadSignature)
        );
    }

    #[test]
    fn changing_any_character_is_noticed() {
        let key = IssuerKey::generate();
        let keys = keys(&[&key]);
        let text = seal(&attested(), &key);
        for (at, original) in text.char_indices().skip(PREFIX.len()) {
            let other = if original == 'A' { 'B' } else { 'A' };
            let mut changed = text.clone();
            changed.replace_range(at..at + 1, &other.to_string());
            assert!(
                open(&changed, &keys).is_err(),
                "a change at {at} went unnoticed"
            );
        }
    }

    #[test]
    fn a_second_spelling_of_the_last_byte_is_malformed() {
        let key = IssuerKey::generate();
        let mut attested = attested();
        let mut bytes = base45::decode(&seal(&attested, &key)[PREFIX.len()..]).expect("base45");
        if bytes.len().is_multiple_of(2) {
            attested.sources[0].push('X');
            bytes = base45::decode(&seal(&attested, &key)[PREFIX.len()..]).expect("base45");
        }
        // An odd last byte is two characters; a value 256 higher is read as the same byte.
        let text = format!("{PREFIX}{}", base45::encode(&bytes));
        let last = u32::from(*bytes.last().expect("a byte")) + 256;
        let table = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        let respelled = format!(
            "{}{}{}",
            &text[..text.len() - 2],
            char::from(table[(last % 45) as usize]),
            char::from(table[(last / 45) as usize]),
        );
        assert_eq!(base45::decode(&respelled[PREFIX.len()..]), Ok(bytes));
        let keys = PublicKeys::new(vec![key.public()]);
        assert_eq!(open(&text, &keys), Ok(attested));
        assert!(matches!(open(&respelled, &keys), Err(Forged::Malformed(_))));
    }

    #[test]
    fn a_second_spelling_of_the_cose_structure_is_malformed() {
        let key = IssuerKey::generate();
        let text = seal(&attested(), &key);
        let mut bytes = base45::decode(&text[PREFIX.len()..]).expect("base45");
        // Tag 18, an array of 4, the protected header as a bstr of a one-byte length, then
        // the empty unprotected map: respelled with a needless length byte, 0xB8 0x00.
        assert_eq!(bytes[..3], [0xD2, 0x84, 0x58]);
        let unprotected = 4 + usize::from(bytes[3]);
        assert_eq!(bytes[unprotected], 0xA0);
        bytes.splice(unprotected..=unprotected, [0xB8, 0x00]);
        assert!(CoseSign1::from_tagged_slice(&bytes).is_ok());
        let respelled = format!("{PREFIX}{}", base45::encode(&bytes));
        let keys = PublicKeys::new(vec![key.public()]);
        assert!(matches!(open(&respelled, &keys), Err(Forged::Malformed(_))));
    }

    #[test]
    fn headers_beyond_the_algorithm_and_key_id_are_malformed() {
        let key = IssuerKey::generate();
        let keys = PublicKeys::new(vec![key.public()]);
        let mut unprotected = cose(&seal(&attested(), &key));
        unprotected.unprotected.content_type =
            Some(coset::ContentType::Assigned(iana::CoapContentFormat::Cbor));
        assert!(matches!(
            open(&text_of(unprotected), &keys),
            Err(Forged::Malformed(_))
        ));
        let mut protected = cose(&seal(&attested(), &key));
        protected.protected.header.content_type = Some(coset::ContentType::Text("x".into()));
        protected.protected.original_data = None;
        let tbs = protected.tbs_data(b"");
        protected.signature = key.sign(&tbs).to_vec();
        assert!(matches!(
            open(&text_of(protected), &keys),
            Err(Forged::Malformed(_))
        ));
    }

    #[test]
    fn other_texts_are_malformed() {
        let keys = keys(&[&IssuerKey::generate()]);
        for text in ["", "OB1:", "HC1:6BF", "OB1:abc", "OB1:0", "OB1:ZZZ"] {
            assert!(
                matches!(open(text, &keys), Err(Forged::Malformed(_))),
                "{text:?} was not malformed"
            );
        }
    }

    #[test]
    fn twenty_fields_fit_in_a_qr_code_of_version_25_at_most() {
        let text = seal(&with_fields(20), &IssuerKey::generate());
        let qr = Qr::new(&text).expect("it fits in a QR code");
        assert!(
            qr.version() <= 25,
            "version {} for {} characters",
            qr.version(),
            text.len()
        );
    }
}
