//! What a certificate attests, as both signed forms carry it.

use chrono::{DateTime, Utc};

/// What a certificate attests, as both signed forms carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attested {
    /// The certificate's short code, `XXXX-XXXX-XXXX-XXXX`.
    pub id: String,
    /// The certificate's type, e.g. `residence`.
    pub type_id: String,
    /// The type's URI (an SD-JWT VC's `vct`).
    pub vct: String,
    /// The issuer's URL.
    pub issuer: String,
    /// When it was issued, in whole seconds.
    pub issued_at: DateTime<Utc>,
    /// Until when it holds, in whole seconds.
    pub valid_until: DateTime<Utc>,
    /// The attested fields (name, value), in order. Names are `[a-z_]+`, each once.
    pub fields: Vec<(String, String)>,
    /// The names of the authorities whose data it rests on.
    pub sources: Vec<String>,
    /// Its place in the issuer's Token Status List.
    pub status: StatusRef,
}

/// A certificate's place in its issuer's Token Status List.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRef {
    /// Its index in the list.
    pub index: u32,
    /// The URI the list's token is fetched from.
    pub uri: String,
}

/// The time of a whole number of seconds since 1970, if it is one chrono can hold.
pub(crate) fn from_seconds(seconds: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0)
}
