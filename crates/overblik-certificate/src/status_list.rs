//! The issuer's Token Status List (draft-ietf-oauth-status-list): one bit per certificate,
//! set once it is withdrawn, signed as a JWT anyone may fetch and cache.

use std::io::Read as _;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use flate2::Compression;
use flate2::read::{ZlibDecoder, ZlibEncoder};
use serde_json::{Value, json};

use crate::{Forged, IssuerKey, PublicKeys, jws};

/// The JWS `typ` of a status list token.
pub const TYP: &str = "statuslist+jwt";

/// The fewest entries a list has. A verifier fetching the list tells the issuer nothing of
/// which certificate it checks, as long as the list is shared by many; a list this long,
/// 16 KiB before compression, hides each certificate among 131072 ("herd privacy", in
/// the draft's privacy considerations) however few have been issued.
pub const MIN_LEN: u32 = 131_072;

/// The most a list's compressed bytes may expand to when read (2^27 entries), so that a
/// hostile token cannot make a verifier inflate without end.
const MAX_BYTES: u64 = 1 << 24;

/// A status list of one bit per entry: 0 valid, 1 invalid. Bit `i` is bit `i % 8` (least
/// significant first) of byte `i / 8`, as the draft lays it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusList {
    bytes: Vec<u8>,
}

impl StatusList {
    /// A list of at least `len` entries, all valid; it has at least [`MIN_LEN`] entries, and
    /// a whole number of bytes.
    pub fn new(len: u32) -> Self {
        let len = len.max(MIN_LEN) as usize;
        Self {
            bytes: vec![0; len.div_ceil(8)],
        }
    }

    /// The number of entries.
    pub fn len(&self) -> u64 {
        self.bytes.len() as u64 * 8
    }

    /// Whether the list has no entries (never, once made by [`StatusList::new`]).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Marks the entry at `index` invalid; the list grows to hold it if it must.
    pub fn set_invalid(&mut self, index: u32) {
        let byte = index as usize / 8;
        if byte >= self.bytes.len() {
            self.bytes.resize(byte + 1, 0);
        }
        self.bytes[byte] |= 1 << (index % 8);
    }

    /// Whether the entry at `index` is invalid. An index beyond the list counts as invalid:
    /// the issuer never gave it out, so a certificate claiming it is not to be trusted.
    pub fn is_invalid(&self, index: u32) -> bool {
        self.bytes
            .get(index as usize / 8)
            .is_none_or(|byte| byte & (1 << (index % 8)) != 0)
    }

    /// The list as a status list token for `uri`, signed by `key`, issued `now` and to be
    /// cached for `ttl_seconds` (and expiring then).
    pub fn token(
        &self,
        uri: &str,
        key: &IssuerKey,
        now: DateTime<Utc>,
        ttl_seconds: u32,
    ) -> String {
        let mut compressed = Vec::new();
        ZlibEncoder::new(self.bytes.as_slice(), Compression::best())
            .read_to_end(&mut compressed)
            .expect("compressing bytes in memory does not fail");
        let payload = json!({
            "sub": uri,
            "iat": now.timestamp(),
            "exp": now.timestamp() + i64::from(ttl_seconds),
            "ttl": ttl_seconds,
            "status_list": { "bits": 1, "lst": URL_SAFE_NO_PAD.encode(compressed) },
        });
        jws::sign(TYP, &payload, key)
    }

    /// The list a status list token holds, if it is signed by a key in `keys` and is the list
    /// at `expected_uri`. Whether it has expired (`exp`) is not checked here.
    pub fn from_token(jwt: &str, keys: &PublicKeys, expected_uri: &str) -> Result<Self, Forged> {
        let payload = jws::verify(jwt.trim(), TYP, keys)?;
        if payload.get("sub").and_then(Value::as_str) != Some(expected_uri) {
            return Err(Forged::malformed(format!(
                "it is not the status list {expected_uri}"
            )));
        }
        let list = payload
            .get("status_list")
            .ok_or_else(|| Forged::malformed("it holds no status_list"))?;
        if list.get("bits").and_then(Value::as_u64) != Some(1) {
            return Err(Forged::malformed(
                "its status list is not of one bit an entry",
            ));
        }
        let compressed = list
            .get("lst")
            .and_then(Value::as_str)
            .and_then(|lst| URL_SAFE_NO_PAD.decode(lst).ok())
            .ok_or_else(|| Forged::malformed("its lst is not base64url"))?;
        let mut bytes = Vec::new();
        ZlibDecoder::new(compressed.as_slice())
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| Forged::malformed("its lst is not zlib"))?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(Forged::malformed("its status list is too long"));
        }
        Ok(Self { bytes })
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone as _;

    use super::*;

    const URI: &str = "https://overblik.example/certificates/status/1";

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 2, 3, 10, 0, 0)
            .single()
            .expect("a time")
    }

    #[test]
    fn bits_are_laid_out_least_significant_first() {
        // The draft's example: statuses 1,0,0,1,1,1,0,1 and 1,1,0,0,0,1,0,1 are 0xB9 0xA3.
        let mut list = StatusList::new(16);
        for index in [0, 3, 4, 5, 7, 8, 9, 13, 15] {
            list.set_invalid(index);
        }
        assert_eq!(&list.bytes[..2], &[0xB9, 0xA3]);
        assert!(list.is_invalid(3) && !list.is_invalid(1));
    }

    #[test]
    fn a_list_is_padded_for_herd_privacy() {
        assert_eq!(StatusList::new(10).len(), u64::from(MIN_LEN));
        assert_eq!(StatusList::new(200_001).len(), 200_008);
    }

    #[test]
    fn a_list_reads_back_through_its_token() {
        let key = IssuerKey::generate();
        let mut list = StatusList::new(0);
        list.set_invalid(5);
        list.set_invalid(100_000);
        let token = list.token(URI, &key, now(), 3600);
        let read = StatusList::from_token(&token, &PublicKeys::new(vec![key.public()]), URI)
            .expect("its own token reads back");
        assert_eq!(read, list);
        assert!(read.is_invalid(5) && read.is_invalid(100_000));
        assert!(!read.is_invalid(4) && !read.is_invalid(6) && !read.is_invalid(99_999));
    }

    #[test]
    fn its_token_is_as_the_draft_says() {
        let key = IssuerKey::generate();
        let token = StatusList::new(0).token(URI, &key, now(), 3600);
        let part = |i: usize| -> Value {
            let part = token.split('.').nth(i).expect("a part");
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("base64url")).expect("JSON")
        };
        assert_eq!(
            part(0),
            json!({ "alg": "EdDSA", "typ": TYP, "kid": key.kid() })
        );
        let payload = part(1);
        assert_eq!(payload["sub"], json!(URI));
        assert_eq!(payload["exp"].as_i64(), Some(now().timestamp() + 3600));
        assert_eq!(payload["ttl"], json!(3600));
        assert_eq!(payload["status_list"]["bits"], json!(1));
    }

    #[test]
    fn a_token_for_another_list_is_refused() {
        let key = IssuerKey::generate();
        let token = StatusList::new(0).token(URI, &key, now(), 60);
        let keys = PublicKeys::new(vec![key.public()]);
        assert!(matches!(
            StatusList::from_token(&token, &keys, "https://overblik.example/other"),
            Err(Forged::Malformed(_))
        ));
    }

    #[test]
    fn a_token_signed_by_an_untrusted_key_is_refused() {
        let token = StatusList::new(0).token(URI, &IssuerKey::generate(), now(), 60);
        let keys = PublicKeys::new(vec![IssuerKey::generate().public()]);
        assert_eq!(
            StatusList::from_token(&token, &keys, URI),
            Err(Forged::UnknownKey)
        );
    }

    #[test]
    fn an_index_beyond_the_list_is_invalid() {
        assert!(StatusList::new(0).is_invalid(MIN_LEN));
    }
}
