//! A type's JSON Schema (2020-12), standalone: the schema utoipa derives for the OpenAPI
//! documents (OpenAPI 3.1 schemas are JSON Schema 2020-12), with every schema it refers to
//! under `$defs`.

use serde_json::{Value, json};
use utoipa::ToSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::Schema;

/// The dialect every schema declares.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The JSON Schema of `T`, identified by `id` and titled `title`.
pub fn of<T: ToSchema>(id: &str, title: &str) -> Value {
    let mut referred: Vec<(String, RefOr<Schema>)> = Vec::new();
    T::schemas(&mut referred);
    let mut defs = serde_json::Map::new();
    for (name, schema) in referred {
        defs.insert(name, local_refs(to_value(&schema)));
    }
    let mut schema = match local_refs(to_value(&T::schema())) {
        Value::Object(schema) => schema,
        other => {
            let mut wrapped = serde_json::Map::new();
            wrapped.insert("allOf".to_owned(), json!([other]));
            wrapped
        }
    };
    schema.insert("$schema".to_owned(), json!(DIALECT));
    schema.insert("$id".to_owned(), json!(id));
    schema.insert("title".to_owned(), json!(title));
    if !defs.is_empty() {
        schema.insert("$defs".to_owned(), Value::Object(defs));
    }
    Value::Object(schema)
}

/// The JSON Schema of a list of `T`.
pub fn list_of<T: ToSchema>(id: &str, title: &str) -> Value {
    let mut schema = of::<T>(id, title);
    let Value::Object(object) = &mut schema else {
        return schema;
    };
    let mut item = serde_json::Map::new();
    for key in ["$schema", "$id", "title", "$defs"] {
        if let Some(value) = object.remove(key) {
            item.insert(key.to_owned(), value);
        }
    }
    // `item` now holds the header; the rest of `object` is the item's own schema.
    let own = std::mem::take(object);
    *object = item;
    object.insert("type".to_owned(), json!("array"));
    object.insert("items".to_owned(), Value::Object(own));
    schema
}

fn to_value(schema: &RefOr<Schema>) -> Value {
    serde_json::to_value(schema).unwrap_or(Value::Null)
}

/// Points references to components at `$defs` instead.
fn local_refs(value: Value) -> Value {
    match value {
        Value::Object(object) => Value::Object(
            object
                .into_iter()
                .map(|(key, value)| match (key.as_str(), value) {
                    ("$ref", Value::String(target)) => (
                        key,
                        Value::String(target.replace("#/components/schemas/", "#/$defs/")),
                    ),
                    (_, value) => (key, local_refs(value)),
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(local_refs).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, ToSchema)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
    }

    #[derive(serde::Serialize, ToSchema)]
    #[allow(dead_code)]
    struct Outer {
        inner: Inner,
        more: Vec<Inner>,
    }

    #[test]
    fn references_point_into_the_schema_itself() {
        let schema = of::<Outer>("urn:test", "Outer");
        assert_eq!(schema["$schema"], DIALECT);
        assert_eq!(schema["properties"]["inner"]["$ref"], "#/$defs/Inner");
        assert_eq!(
            schema["$defs"]["Inner"]["properties"]["name"]["type"],
            "string"
        );
        let list = list_of::<Outer>("urn:list", "Outers");
        assert_eq!(list["type"], "array");
        assert_eq!(
            list["items"]["properties"]["inner"]["$ref"],
            "#/$defs/Inner"
        );
        assert_eq!(list["$defs"]["Inner"]["type"], "object");
    }
}
