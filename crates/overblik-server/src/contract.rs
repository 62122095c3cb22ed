//! What both API documents say of every operation alike, added once here rather than
//! repeated on each route: the answers to a malformed request, to a body that is not JSON, to
//! too many requests, how a caller authenticates, and the links that lead from an answer to
//! the operations on what it names (OpenAPI links, which clients and stateful tests follow).

use crate::login::session::SESSION_COOKIE;
use utoipa::openapi::link::LinkBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Response, ResponseBuilder};

const GET: &str = "get";
const PUT: &str = "put";
const POST: &str = "post";
const DELETE: &str = "delete";
const PATCH: &str = "patch";

/// Adds `status` to `operation` as a problem answer, unless it documents that status itself.
fn problem(operation: &mut Operation, status: u16, description: &str) {
    let responses = &mut operation.responses.responses;
    responses.entry(status.to_string()).or_insert_with(|| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content(
                    crate::problem::PROBLEM_JSON,
                    Content::new(Some(Ref::from_schema_name("Problem"))),
                )
                .build(),
        )
    });
}

/// Reads a JSON number that is whole, written `3` or `3.0` (both are the integer 3 to JSON
/// Schema), or null.
pub fn whole_number<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i64>, D::Error> {
    let number: Option<serde_json::Number> = serde::Deserialize::deserialize(deserializer)?;
    let Some(number) = number else {
        return Ok(None);
    };
    number
        .as_i64()
        .or_else(|| {
            number
                .as_f64()
                .filter(|float| float.fract() == 0.0 && float.abs() < 9.0e15)
                .map(|float| float as i64)
        })
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom("must be a whole number"))
}

/// A string that is one of `values`.
pub fn one_of(values: &[&str]) -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(values.iter().copied()))
        .build()
}

/// Every operation of `openapi`, with its method.
fn operations(openapi: &mut OpenApi) -> impl Iterator<Item = (&str, &'static str, &mut Operation)> {
    openapi.paths.paths.iter_mut().flat_map(|(path, item)| {
        [
            (GET, item.get.as_mut()),
            (PUT, item.put.as_mut()),
            (POST, item.post.as_mut()),
            (DELETE, item.delete.as_mut()),
            (PATCH, item.patch.as_mut()),
        ]
        .into_iter()
        .filter_map(move |(method, operation)| Some((path.as_str(), method, operation?)))
    })
}

/// The answers every operation can give whatever it asks: before its handler runs, and
/// when the database (or, for a read, the access log) cannot be reached.
fn common_answers(operation: &mut Operation) {
    problem(
        operation,
        400,
        "The request is malformed: a parameter or the body cannot be read",
    );
    problem(
        operation,
        503,
        "The database or the access log cannot be reached right now, so nothing was done or \
         shown; try again shortly",
    );
    if operation.request_body.is_some() {
        problem(
            operation,
            413,
            "The body is larger than this operation accepts",
        );
        problem(
            operation,
            415,
            "The body is not of the documented media type",
        );
    }
}

/// A link from an answer of an operation to the operation `to`, with its parameters taken
/// from the answer (runtime expressions such as `$response.body#/id`).
fn link(
    openapi: &mut OpenApi,
    from: (&str, &str, &str),
    name: &str,
    to: &str,
    parameters: &[(&str, &str)],
    body: Option<serde_json::Value>,
) {
    let (path, method, status) = from;
    let Some((_, _, operation)) =
        operations(openapi).find(|(at, verb, _)| *at == path && *verb == method)
    else {
        panic!("no operation {method} {path} to link from");
    };
    let Some(RefOr::T(response)) = operation.responses.responses.get_mut(status) else {
        panic!("{method} {path} has no {status} answer to link from");
    };
    let mut builder = LinkBuilder::new().operation_id(to);
    for (parameter, expression) in parameters {
        builder = builder.parameter(*parameter, *expression);
    }
    let link = builder.request_body(body).build();
    let response: &mut Response = response;
    response.links.insert(name.to_owned(), RefOr::T(link));
}

/// The citizen API: authenticated by the session cookie; writes may be limited per citizen.
#[derive(Debug)]
pub struct CitizenContract;

impl utoipa::Modify for CitizenContract {
    fn modify(&self, openapi: &mut OpenApi) {
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "session",
                SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                    SESSION_COOKIE,
                    "The session cookie set by signing in at /login",
                ))),
            );
        openapi.security = Some(vec![SecurityRequirement::new(
            "session",
            Vec::<String>::new(),
        )]);
        for (_, method, operation) in operations(openapi) {
            common_answers(operation);
            if method != GET {
                problem(
                    operation,
                    429,
                    "Too many changes in a short time; try again after Retry-After seconds",
                );
            }
        }
        let record = [("id", "$response.body#/records/0/id")];
        link(
            openapi,
            ("/areas/{area}", GET, "200"),
            "record",
            "record",
            &record,
            None,
        );
        link(
            openapi,
            ("/search", GET, "200"),
            "record",
            "record",
            &record,
            None,
        );
        let report = Some(serde_json::json!({
            "kind": "missing",
            "explanation": "The record should also name my new address.",
        }));
        for from in [("/areas/{area}", GET, "200"), ("/search", GET, "200")] {
            link(
                openapi,
                from,
                "report",
                "create_correction",
                &record,
                report.clone(),
            );
        }
        let reported = ("/records/{id}/corrections", POST, "201");
        let correction = [("id", "$response.body#/id")];
        link(
            openapi,
            reported,
            "correction",
            "get_correction",
            &correction,
            None,
        );
        link(
            openapi,
            reported,
            "withdraw",
            "withdraw_correction",
            &correction,
            None,
        );
        let listed = [("id", "$response.body#/0/id")];
        link(
            openapi,
            ("/corrections", GET, "200"),
            "correction",
            "get_correction",
            &listed,
            None,
        );
        let attachment = [
            ("id", "$response.body#/id"),
            ("attachment", "$response.body#/attachments/0/id"),
        ];
        link(
            openapi,
            ("/corrections/{id}", GET, "200"),
            "attachment",
            "get_correction_attachment",
            &attachment,
            None,
        );
        let granted = ("/mandates", POST, "201");
        let mandate = [("id", "$response.body#/id")];
        link(openapi, granted, "accept", "accept", &mandate, None);
        link(openapi, granted, "revoke", "revoke", &mandate, None);
        let held = [("id", "$response.body#/held/0/id")];
        link(
            openapi,
            ("/mandates", GET, "200"),
            "accept",
            "accept",
            &held,
            None,
        );
        link(
            openapi,
            ("/mandates", GET, "200"),
            "revoke",
            "revoke",
            &held,
            None,
        );
        let basis = Some(serde_json::json!({"basis": "$response.body#/can_act_for/0/basis"}));
        link(openapi, ("/mandates", GET, "200"), "act", "act", &[], basis);
    }
}

/// The provider API: authenticated by a bearer token from `/token`.
#[derive(Debug)]
pub struct ProviderContract;

impl utoipa::Modify for ProviderContract {
    fn modify(&self, openapi: &mut OpenApi) {
        for (path, _, operation) in operations(openapi) {
            common_answers(operation);
            if path == "/token" {
                problem(
                    operation,
                    429,
                    "Too many token requests in a short time; try again after Retry-After seconds",
                );
            }
        }
        let listed = [("id", "$response.body#/corrections/0/id")];
        let list = ("/corrections", GET, "200");
        link(openapi, list, "correction", "get_correction", &listed, None);
        let revision =
            Some(serde_json::json!({"revision": "$response.body#/corrections/0/revision"}));
        link(
            openapi,
            list,
            "acknowledge",
            "acknowledge_correction",
            &listed,
            revision,
        );
        let one = [("id", "$response.body#/id")];
        let got = ("/corrections/{id}", GET, "200");
        link(openapi, got, "answer", "answer_correction", &one, None);
        let attachment = [
            ("id", "$response.body#/id"),
            ("attachment", "$response.body#/attachments/0/id"),
        ];
        link(
            openapi,
            got,
            "attachment",
            "get_correction_attachment",
            &attachment,
            None,
        );
        let acknowledged = ("/corrections/{id}/acknowledge", POST, "200");
        link(
            openapi,
            acknowledged,
            "answer",
            "answer_correction",
            &one,
            None,
        );
    }
}

/// The document as served: `openapi` in JSON, its links written as OpenAPI spells them
/// (utoipa 5 writes a link's `operationId` and `requestBody` in snake case).
pub fn document(openapi: &OpenApi) -> serde_json::Value {
    let mut document = serde_json::to_value(openapi).expect("an OpenAPI document is JSON");
    let paths = document
        .get_mut("paths")
        .and_then(serde_json::Value::as_object_mut);
    let responses = paths
        .into_iter()
        .flat_map(|paths| paths.values_mut())
        .filter_map(serde_json::Value::as_object_mut)
        .flat_map(|item| item.values_mut())
        .filter_map(|operation| operation.get_mut("responses")?.as_object_mut())
        .flat_map(|responses| responses.values_mut());
    for response in responses {
        let links = response
            .get_mut("links")
            .and_then(serde_json::Value::as_object_mut);
        for link in links.into_iter().flat_map(|links| links.values_mut()) {
            let Some(link) = link.as_object_mut() else {
                continue;
            };
            for (snake, camel) in [
                ("operation_id", "operationId"),
                ("operation_ref", "operationRef"),
                ("request_body", "requestBody"),
            ] {
                if let Some(value) = link.remove(snake) {
                    link.insert(camel.to_owned(), value);
                }
            }
        }
    }
    describe_identifiers(&mut document, overblik_model::Country::current().scheme);
    document
}

/// The fields that hold a national identifier, given the pattern and an example of the
/// deployment's identity scheme: the types cannot know which scheme a deployment runs.
fn describe_identifiers(document: &mut serde_json::Value, scheme: overblik_model::IdScheme) {
    match document {
        serde_json::Value::Object(object) => {
            if let Some(properties) = object
                .get_mut("properties")
                .and_then(serde_json::Value::as_object_mut)
            {
                for name in ["subject", "holder_national_id"] {
                    let field = properties
                        .get_mut(name)
                        .and_then(serde_json::Value::as_object_mut);
                    if let Some(field) = field.filter(|field| field.contains_key("pattern")) {
                        field.insert("pattern".to_owned(), scheme.pattern().into());
                        field.insert("example".to_owned(), scheme.example().into());
                    }
                }
            }
            object
                .values_mut()
                .for_each(|value| describe_identifiers(value, scheme));
        }
        serde_json::Value::Array(values) => values
            .iter_mut()
            .for_each(|value| describe_identifiers(value, scheme)),
        _ => {}
    }
}

/// The certificate verification API: anyone may call it, at the rate limit of token requests.
#[derive(Debug)]
pub struct VerifyContract;

impl utoipa::Modify for VerifyContract {
    fn modify(&self, openapi: &mut OpenApi) {
        for (_, _, operation) in operations(openapi) {
            common_answers(operation);
            problem(
                operation,
                429,
                "Too many checks in a short time; try again after Retry-After seconds",
            );
        }
    }
}
