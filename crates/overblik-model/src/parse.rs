//! A parser from JSON values into model types that reports every offending field.
//!
//! serde stops at the first error; a provider sending 10,000 records wants to see all of them.
//! Each type implements [`FromJson`], reading its fields through [`Object`], and every problem is
//! pushed to the [`Parser`] with the JSON pointer (RFC 6901) of the field it concerns.

use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;
use utoipa::ToSchema;

/// A JSON pointer (RFC 6901) into the request body, such as `/upserts/3/details/start`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the whole document.
    pub fn root() -> Self {
        Self(String::new())
    }

    /// The pointer to a member of the object this pointer names.
    pub fn key(&self, key: &str) -> Self {
        let escaped = key.replace('~', "~0").replace('/', "~1");
        Self(format!("{}/{escaped}", self.0))
    }

    /// The pointer to an element of the array this pointer names.
    pub fn index(&self, index: usize) -> Self {
        Self(format!("{}/{index}", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a value sits in the request body, as a chain of segments on the stack.
///
/// Parsing a batch visits dozens of fields per record; building a pointer string for each
/// would allocate for every one. The chain is turned into a [`Pointer`] only when an error
/// has to name it.
#[derive(Debug, Clone, Copy)]
pub struct At<'p> {
    parent: Option<&'p At<'p>>,
    segment: Segment<'p>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl At<'static> {
    /// The whole document.
    pub const fn root() -> Self {
        Self {
            parent: None,
            segment: Segment::Root,
        }
    }
}

impl<'p> At<'p> {
    /// A member of the object at this place.
    pub fn key<'a>(&'a self, key: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    /// An element of the array at this place.
    pub fn index(&self, index: usize) -> At<'_> {
        At {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }

    /// The JSON pointer to this place.
    pub fn pointer(&self) -> Pointer {
        let mut segments = Vec::new();
        let mut place = Some(self);
        while let Some(at) = place {
            segments.push(at.segment);
            place = at.parent;
        }
        segments
            .iter()
            .rev()
            .fold(Pointer::root(), |pointer, segment| match segment {
                Segment::Root => pointer,
                Segment::Key(key) => pointer.key(key),
                Segment::Index(index) => pointer.index(*index),
            })
    }
}

/// One offending field: where it is and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// JSON pointer to the offending field.
    #[schema(value_type = String, example = "/upserts/3/details/start")]
    pub pointer: Pointer,
    /// What is wrong, in words a developer can act on.
    pub detail: String,
}

impl FieldError {
    /// An error of the document's top-level member `name`.
    pub fn at(name: &str, detail: impl Into<String>) -> Self {
        Self {
            pointer: Pointer::root().key(name),
            detail: detail.into(),
        }
    }
}

/// Collects the errors found while parsing one document.
#[derive(Debug, Default)]
pub struct Parser {
    errors: Vec<FieldError>,
}

impl Parser {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an error at `pointer`.
    pub fn fail(&mut self, at: &At<'_>, detail: impl Into<String>) {
        self.errors.push(FieldError {
            pointer: at.pointer(),
            detail: detail.into(),
        });
    }

    /// Runs `f` and turns its result into the parsed value, or every error that was found.
    pub fn finish<T>(self, parsed: Option<T>) -> Result<T, Vec<FieldError>> {
        match parsed {
            Some(value) if self.errors.is_empty() => Ok(value),
            _ => Err(self.errors),
        }
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Opens `value` as an object, or records that it should have been one.
    pub fn object<'v, 'p>(&mut self, value: &'v Value, at: &At<'p>) -> Option<Object<'v, 'p>> {
        match value {
            Value::Object(map) => Some(Object {
                map,
                at: *at,
                known: Vec::new(),
            }),
            other => {
                self.fail(at, format!("must be an object, not {}", json_type(other)));
                None
            }
        }
    }

    /// Parses `value` as a list of at most `max` elements of `T`.
    pub fn list<T: FromJson>(&mut self, value: &Value, at: &At<'_>, max: usize) -> Option<Vec<T>> {
        let Value::Array(items) = value else {
            self.fail(at, format!("must be an array, not {}", json_type(value)));
            return None;
        };
        if items.len() > max {
            self.fail(
                at,
                format!("must have at most {max} elements, has {}", items.len()),
            );
            return None;
        }
        let mut parsed = Vec::with_capacity(items.len());
        let mut complete = true;
        for (index, item) in items.iter().enumerate() {
            match T::from_json(self, item, &at.index(index)) {
                Some(value) => parsed.push(value),
                None => complete = false,
            }
        }
        complete.then_some(parsed)
    }
}

/// A type that can be read from a JSON value, reporting its errors to the parser.
///
/// Returns `None` when the value is unusable; at least one error has then been recorded.
pub trait FromJson: Sized {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self>;
}

/// A scalar type parsed from a JSON value with a single error message on failure.
///
/// Implementing this gives [`FromJson`] for free.
pub trait FromJsonScalar: Sized {
    fn from_json_scalar(value: &Value) -> Result<Self, String>;
}

impl<T: FromJsonScalar> FromJson for T {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        T::from_json_scalar(value)
            .map_err(|detail| parser.fail(at, detail))
            .ok()
    }
}

/// An object being read field by field; fields not read are reported as unknown on `finish`.
#[derive(Debug)]
pub struct Object<'v, 'p> {
    map: &'v Map<String, Value>,
    at: At<'p>,
    known: Vec<&'static str>,
}

impl<'v, 'p> Object<'v, 'p> {
    /// Where this object is.
    pub fn at(&self) -> &At<'p> {
        &self.at
    }

    /// Where one of this object's fields is.
    pub fn field_at<'a>(&'a self, key: &'a str) -> At<'a> {
        self.at.key(key)
    }

    fn take(&mut self, key: &'static str) -> Option<&'v Value> {
        self.known.push(key);
        self.map.get(key).filter(|value| !value.is_null())
    }

    /// A field that must be present.
    pub fn required<T: FromJson>(&mut self, parser: &mut Parser, key: &'static str) -> Option<T> {
        match self.take(key) {
            Some(value) => T::from_json(parser, value, &self.at.key(key)),
            None => {
                parser.fail(&self.at.key(key), "is required");
                None
            }
        }
    }

    /// A field that may be absent or `null`: `Some(None)` then, `None` when present but invalid.
    pub fn optional<T: FromJson>(
        &mut self,
        parser: &mut Parser,
        key: &'static str,
    ) -> Option<Option<T>> {
        match self.take(key) {
            Some(value) => T::from_json(parser, value, &self.at.key(key)).map(Some),
            None => Some(None),
        }
    }

    /// A list field of at most `max` elements; absent means empty.
    pub fn list<T: FromJson>(
        &mut self,
        parser: &mut Parser,
        key: &'static str,
        max: usize,
    ) -> Option<Vec<T>> {
        match self.take(key) {
            Some(value) => parser.list(value, &self.at.key(key), max),
            None => Some(Vec::new()),
        }
    }

    /// A boolean field with a default when absent.
    pub fn flag(&mut self, parser: &mut Parser, key: &'static str, default: bool) -> Option<bool> {
        self.optional(parser, key)
            .map(|flag| flag.unwrap_or(default))
    }

    /// The raw value of a field, marked as known.
    pub fn raw(&mut self, key: &'static str) -> Option<&'v Value> {
        self.take(key)
    }

    /// Reports every field that was never read as unknown.
    pub fn finish(self, parser: &mut Parser) {
        for key in self.map.keys() {
            if !self.known.contains(&key.as_str()) {
                parser.fail(&self.at.key(key), "is not a known field");
            }
        }
    }
}

/// The JSON type of a value, for error messages.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads a JSON string or explains what was found instead.
pub fn expect_str(value: &Value) -> Result<&str, String> {
    value
        .as_str()
        .ok_or_else(|| format!("must be a string, not {}", json_type(value)))
}

impl FromJsonScalar for bool {
    fn from_json_scalar(value: &Value) -> Result<Self, String> {
        value
            .as_bool()
            .ok_or_else(|| format!("must be true or false, not {}", json_type(value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointers_escape_slash_and_tilde() {
        let root = At::root();
        let (a, c) = (root.key("a/b"), "c~d");
        assert_eq!(a.key(c).index(3).pointer().as_str(), "/a~1b/c~0d/3");
        assert_eq!(root.pointer().as_str(), "");
    }

    #[test]
    fn unknown_and_missing_fields_are_all_reported() {
        let value = json!({"known": true, "extra": 1, "more": 2});
        let mut parser = Parser::new();
        let mut object = parser.object(&value, &At::root()).expect("an object");
        let known: Option<bool> = object.required(&mut parser, "known");
        let missing: Option<bool> = object.required(&mut parser, "missing");
        object.finish(&mut parser);
        assert_eq!(known, Some(true));
        assert_eq!(missing, None);
        let pointers: Vec<_> = parser
            .finish(Some(()))
            .expect_err("three errors")
            .into_iter()
            .map(|error| error.pointer.to_string())
            .collect();
        assert_eq!(pointers, ["/missing", "/extra", "/more"]);
    }
}
