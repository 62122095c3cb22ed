//! Both API documents are contracts: a snapshot catches every change to them, and the tests
//! below check that they are exact (schemathesis checks them against behaviour, see
//! `scripts/schemathesis`).

mod common;

use serde_json::Value;

#[test]
fn the_provider_openapi_document_is_unchanged() {
    insta::assert_json_snapshot!(overblik_server::provider::document());
}

#[tokio::test]
async fn the_document_is_served_under_the_api_prefix() {
    let app = common::TestApp::start().await;
    let served: serde_json::Value = app
        .http
        .get(app.url("/api/provider/v1/openapi.json"))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    let built = overblik_server::provider::document();
    assert_eq!(served, built);
}

#[test]
fn the_citizen_openapi_document_is_unchanged() {
    insta::assert_json_snapshot!(overblik_server::citizen_api::document());
}

fn provider_document() -> Value {
    overblik_server::provider::document()
}

fn citizen_document() -> Value {
    overblik_server::citizen_api::document()
}

/// Every value of `key` anywhere in `value`.
fn all_values<'v>(value: &'v Value, key: &str, found: &mut Vec<&'v Value>) {
    match value {
        Value::Object(map) => {
            for (name, inner) in map {
                if name == key {
                    found.push(inner);
                }
                all_values(inner, key, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| all_values(item, key, found)),
        _ => {}
    }
}

/// Every operation of a document: (method, path, operation).
fn operations(document: &Value) -> Vec<(String, String, &Value)> {
    let mut found = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            found.push((method.clone(), path.clone(), operation));
        }
    }
    found
}

/// Routes and their documentation cannot drift apart: every operation the router serves under
/// an API's prefix is in that API's document with the same method and path, and every
/// operation the document names is served.
#[tokio::test]
async fn every_api_route_is_documented_and_every_documented_operation_is_routed() {
    let app = common::TestApp::start().await;
    let table = overblik_server::route_table(&app.state);
    for (prefix, document) in [
        ("/api/provider/v1", provider_document()),
        ("/api/citizen/v1", citizen_document()),
    ] {
        let routed: std::collections::BTreeSet<(String, String)> = table
            .iter()
            .filter_map(|route| {
                let path = route.path.strip_prefix(prefix)?;
                let method = route.method.as_str().to_ascii_lowercase();
                (path != "/openapi.json").then(|| (method, path.to_owned()))
            })
            .collect();
        let documented: std::collections::BTreeSet<(String, String)> = operations(&document)
            .into_iter()
            .map(|(method, path, _)| (method, path))
            .collect();
        assert!(!routed.is_empty(), "{prefix} serves operations");
        assert_eq!(
            routed.difference(&documented).collect::<Vec<_>>(),
            Vec::<&(String, String)>::new(),
            "served under {prefix} but not documented"
        );
        assert_eq!(
            documented.difference(&routed).collect::<Vec<_>>(),
            Vec::<&(String, String)>::new(),
            "documented for {prefix} but not served"
        );
    }
}

fn schema<'d>(document: &'d Value, name: &str) -> &'d Value {
    let schema = &document["components"]["schemas"][name];
    assert!(schema.is_object(), "no schema {name}");
    schema
}

fn required(schema: &Value) -> Vec<&str> {
    schema["required"]
        .as_array()
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn every_reference_resolves() {
    for document in [provider_document(), citizen_document()] {
        let mut refs = Vec::new();
        all_values(&document, "$ref", &mut refs);
        assert!(!refs.is_empty());
        for reference in refs {
            let pointer = reference
                .as_str()
                .and_then(|text| text.strip_prefix('#'))
                .expect("a local reference");
            assert!(
                document.pointer(pointer).is_some(),
                "{reference} does not resolve"
            );
        }
    }
}

#[test]
fn kinds_are_documented_by_their_wire_names() {
    let document = citizen_document();
    let kind = schema(&document, "Kind");
    let names: Vec<&str> = kind["enum"]
        .as_array()
        .expect("an enum")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let wire: Vec<&str> = overblik_model::Kind::ALL
        .iter()
        .map(|kind| kind.as_str())
        .collect();
    assert_eq!(names, wire);
    assert!(names.contains(&"register_fact"));
}

#[test]
fn query_parameters_are_in_the_query_and_only_q_is_required() {
    let document = citizen_document();
    for (method, path, operation) in operations(&document) {
        for parameter in operation["parameters"].as_array().into_iter().flatten() {
            let name = parameter["name"].as_str().expect("name");
            let place = parameter["in"].as_str().expect("in");
            let in_path = path.contains(&format!("{{{name}}}"));
            assert_eq!(
                place,
                if in_path { "path" } else { "query" },
                "{method} {path}: {name}"
            );
            let must = in_path || (path == "/search" && name == "q");
            assert_eq!(
                parameter["required"].as_bool().unwrap_or(false),
                must,
                "{method} {path}: {name}"
            );
        }
    }
}

#[test]
fn request_bodies_declare_every_field_the_server_requires() {
    let citizen = citizen_document();
    let grant = required(schema(&citizen, "GrantRequest"));
    for field in [
        "holder_national_id",
        "holder_name",
        "areas",
        "kinds",
        "permission",
        "valid_from",
        "valid_until",
    ] {
        assert!(grant.contains(&field), "GrantRequest: {field}");
    }
    assert_eq!(
        schema(&citizen, "GrantRequest")["properties"]["kinds"]["items"]["$ref"],
        "#/components/schemas/Kind"
    );
    assert!(required(schema(&citizen, "ReportRequest")).contains(&"explanation"));
    assert!(required(schema(&citizen, "ReportRequest")).contains(&"kind"));
    assert!(required(schema(&citizen, "ActRequest")).contains(&"basis"));

    let provider = provider_document();
    let token = required(schema(&provider, "TokenRequest"));
    for field in ["grant_type", "client_assertion_type", "client_assertion"] {
        assert!(token.contains(&field), "TokenRequest: {field}");
    }
    assert!(required(schema(&provider, "WebhookRegistration")).contains(&"url"));
    assert!(required(schema(&provider, "AnswerRequest")).contains(&"state"));
    assert!(required(schema(&provider, "AcknowledgeRequest")).contains(&"revision"));
    assert_eq!(schema(&provider, "Version")["minimum"], 0);
    assert_eq!(
        schema(&provider, "AcknowledgeRequest")["properties"]["revision"]["minimum"],
        1
    );
}

#[test]
fn every_operation_documents_malformed_requests_and_unsupported_bodies() {
    for document in [provider_document(), citizen_document()] {
        for (method, path, operation) in operations(&document) {
            let responses = operation["responses"].as_object().expect("responses");
            assert!(responses.contains_key("400"), "{method} {path}: 400");
            if operation.get("requestBody").is_some() {
                assert!(responses.contains_key("415"), "{method} {path}: 415");
            }
        }
    }
}

#[test]
fn links_lead_from_answers_to_operations_on_what_they_name() {
    for document in [provider_document(), citizen_document()] {
        let ids: Vec<&str> = operations(&document)
            .iter()
            .filter_map(|(_, _, operation)| operation["operationId"].as_str())
            .collect();
        let mut links = Vec::new();
        all_values(&document, "links", &mut links);
        for set in links {
            for (name, link) in set.as_object().expect("links") {
                let to = link["operationId"].as_str().expect("operationId");
                assert!(ids.contains(&to), "link {name} leads to no operation {to}");
            }
        }
    }
    let citizen = citizen_document();
    let granted = &citizen["paths"]["/mandates"]["post"]["responses"]["201"]["links"];
    assert_eq!(granted["accept"]["operationId"], "accept");
    assert_eq!(granted["revoke"]["parameters"]["id"], "$response.body#/id");
    let reported =
        &citizen["paths"]["/records/{id}/corrections"]["post"]["responses"]["201"]["links"];
    assert_eq!(reported["withdraw"]["operationId"], "withdraw_correction");
    let area = &citizen["paths"]["/areas/{area}"]["get"]["responses"]["200"]["links"];
    assert_eq!(area["report"]["operationId"], "create_correction");
    let provider = provider_document();
    let listed = &provider["paths"]["/corrections"]["get"]["responses"]["200"]["links"];
    assert_eq!(
        listed["acknowledge"]["operationId"],
        "acknowledge_correction"
    );
}
