//! The provider API's OpenAPI document is a contract: a snapshot catches every change to it.

mod common;

use utoipa::OpenApi;

#[test]
fn the_provider_openapi_document_is_unchanged() {
    insta::assert_json_snapshot!(overblik_server::provider::ProviderApi::openapi());
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
    let built =
        serde_json::to_value(overblik_server::provider::ProviderApi::openapi()).expect("json");
    assert_eq!(served, built);
}

#[test]
fn the_citizen_openapi_document_is_unchanged() {
    insta::assert_json_snapshot!(overblik_server::citizen_api::CitizenApi::openapi());
}
