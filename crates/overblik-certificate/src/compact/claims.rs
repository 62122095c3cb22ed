//! The CWT claims set (RFC 8392) an attestation is sealed as; the parent module lists them.

use coset::cbor::Value;

use crate::attested::from_seconds;
use crate::{Attested, Forged, StatusRef};

const ISS: i64 = 1;
const EXP: i64 = 4;
const IAT: i64 = 6;
const CTI: i64 = 7;
const STATUS: i64 = 65535;
const TYPE_ID: i64 = -65537;
const VCT: i64 = -65538;
const FIELDS: i64 = -65539;
const SOURCES: i64 = -65540;

/// The attestation as the CBOR of its claims set.
pub(super) fn encode(attested: &Attested) -> Vec<u8> {
    let text = |s: &str| Value::Text(s.to_owned());
    let status = Value::Map(vec![(
        text("status_list"),
        Value::Map(vec![
            (text("idx"), Value::from(attested.status.index)),
            (text("uri"), text(&attested.status.uri)),
        ]),
    )]);
    let fields = attested
        .fields
        .iter()
        .map(|(name, value)| Value::Array(vec![text(name), text(value)]))
        .collect();
    let sources = attested.sources.iter().map(|s| text(s)).collect();
    let claims = Value::Map(vec![
        (Value::from(ISS), text(&attested.issuer)),
        (
            Value::from(EXP),
            Value::from(attested.valid_until.timestamp()),
        ),
        (
            Value::from(IAT),
            Value::from(attested.issued_at.timestamp()),
        ),
        (
            Value::from(CTI),
            Value::Bytes(attested.id.as_bytes().to_vec()),
        ),
        (Value::from(STATUS), status),
        (Value::from(TYPE_ID), text(&attested.type_id)),
        (Value::from(VCT), text(&attested.vct)),
        (Value::from(FIELDS), Value::Array(fields)),
        (Value::from(SOURCES), Value::Array(sources)),
    ]);
    let mut bytes = Vec::new();
    coset::cbor::ser::into_writer(&claims, &mut bytes)
        .expect("a CBOR value always writes to a Vec");
    bytes
}

/// The attestation a claims set holds: every claim above exactly once, and nothing else.
pub(super) fn decode(bytes: &[u8]) -> Result<Attested, Forged> {
    let mut rest = bytes;
    let claims: Value = coset::cbor::de::from_reader(&mut rest)
        .map_err(|_| Forged::malformed("its claims are not CBOR"))?;
    if !rest.is_empty() {
        return Err(Forged::malformed("its claims are followed by other bytes"));
    }
    let Value::Map(entries) = claims else {
        return Err(Forged::malformed("its claims are not a map"));
    };
    let mut claims = Claims::default();
    for (key, value) in entries {
        let key = key
            .as_integer()
            .and_then(|key| i64::try_from(key).ok())
            .ok_or_else(|| Forged::malformed("a claim's key is not a small integer"))?;
        let slot = match key {
            ISS => &mut claims.iss,
            EXP => &mut claims.exp,
            IAT => &mut claims.iat,
            CTI => &mut claims.cti,
            STATUS => &mut claims.status,
            TYPE_ID => &mut claims.type_id,
            VCT => &mut claims.vct,
            FIELDS => &mut claims.fields,
            SOURCES => &mut claims.sources,
            _ => return Err(Forged::malformed(format!("it has an unknown claim {key}"))),
        };
        if slot.replace(value).is_some() {
            return Err(Forged::malformed(format!("it has the claim {key} twice")));
        }
    }
    claims.attested()
}

/// The claims of a claims set, each once.
#[derive(Default)]
struct Claims {
    iss: Option<Value>,
    exp: Option<Value>,
    iat: Option<Value>,
    cti: Option<Value>,
    status: Option<Value>,
    type_id: Option<Value>,
    vct: Option<Value>,
    fields: Option<Value>,
    sources: Option<Value>,
}

impl Claims {
    fn attested(self) -> Result<Attested, Forged> {
        let id = String::from_utf8(bytes(self.cti, "cti")?)
            .map_err(|_| Forged::malformed("its cti is not text"))?;
        let fields = array(self.fields, "fields")?
            .into_iter()
            .map(|pair| match pair {
                Value::Array(pair) => match <[Value; 2]>::try_from(pair) {
                    Ok([Value::Text(name), Value::Text(value)]) => Ok((name, value)),
                    _ => Err(Forged::malformed("a field is not a pair of texts")),
                },
                _ => Err(Forged::malformed("a field is not a pair of texts")),
            })
            .collect::<Result<_, _>>()?;
        let sources = array(self.sources, "sources")?
            .into_iter()
            .map(|source| text(Some(source), "source"))
            .collect::<Result<_, _>>()?;
        Ok(Attested {
            id,
            type_id: text(self.type_id, "type id")?,
            vct: text(self.vct, "vct")?,
            issuer: text(self.iss, "iss")?,
            issued_at: time(self.iat, "iat")?,
            valid_until: time(self.exp, "exp")?,
            fields,
            sources,
            status: status(self.status)?,
        })
    }
}

/// The `status_list` member of a `status` claim, its only member.
fn status(value: Option<Value>) -> Result<StatusRef, Forged> {
    let wrong = || Forged::malformed("its status is not a Token Status List reference");
    let [(name, list)] = <[_; 1]>::try_from(map(value, "status")?).map_err(|_| wrong())?;
    if name.as_text() != Some("status_list") {
        return Err(wrong());
    }
    let [(first, first_value), (second, second_value)] =
        <[_; 2]>::try_from(map(Some(list), "status list")?).map_err(|_| wrong())?;
    let (idx, uri) = match (first.as_text(), second.as_text()) {
        (Some("idx"), Some("uri")) => (first_value, second_value),
        (Some("uri"), Some("idx")) => (second_value, first_value),
        _ => return Err(wrong()),
    };
    let index = idx
        .as_integer()
        .and_then(|idx| u32::try_from(idx).ok())
        .ok_or_else(wrong)?;
    Ok(StatusRef {
        index,
        uri: text(Some(uri), "status list uri")?,
    })
}

fn missing(what: &str) -> Forged {
    Forged::malformed(format!("its {what} is missing or of the wrong type"))
}

fn text(value: Option<Value>, what: &str) -> Result<String, Forged> {
    match value {
        Some(Value::Text(text)) => Ok(text),
        _ => Err(missing(what)),
    }
}

fn bytes(value: Option<Value>, what: &str) -> Result<Vec<u8>, Forged> {
    match value {
        Some(Value::Bytes(bytes)) => Ok(bytes),
        _ => Err(missing(what)),
    }
}

fn array(value: Option<Value>, what: &str) -> Result<Vec<Value>, Forged> {
    match value {
        Some(Value::Array(items)) => Ok(items),
        _ => Err(missing(what)),
    }
}

fn map(value: Option<Value>, what: &str) -> Result<Vec<(Value, Value)>, Forged> {
    match value {
        Some(Value::Map(entries)) => Ok(entries),
        _ => Err(missing(what)),
    }
}

fn time(value: Option<Value>, what: &str) -> Result<chrono::DateTime<chrono::Utc>, Forged> {
    value
        .as_ref()
        .and_then(Value::as_integer)
        .and_then(|seconds| i64::try_from(seconds).ok())
        .and_then(from_seconds)
        .ok_or_else(|| missing(what))
}
