//! The OpenAPI document in the repository (`docs/openapi.json`) is the one the models
//! generate: a change of a model, an endpoint or a description shows up here first.
//!
//! `UPDATE_OPENAPI=1 cargo test -p wattwaechter --features openapi --test openapi` rewrites it.

use wattwaechter::api::{openapi, Endpoint, BASE_PATH};

fn checked_in() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json")
}

fn generated() -> String {
    let mut text = serde_json::to_string_pretty(&openapi::document()).expect("JSON");
    text.push('\n');
    text
}

#[test]
fn the_checked_in_document_is_the_generated_one() {
    let text = generated();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(checked_in(), &text).expect("writing docs/openapi.json");
        return;
    }
    let on_disk = std::fs::read_to_string(checked_in()).unwrap_or_default();
    if on_disk != text {
        let line = on_disk
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| on_disk.lines().count().min(text.lines().count()));
        panic!(
            "docs/openapi.json differs from the generated document from line {} on; \
             run UPDATE_OPENAPI=1 cargo test -p wattwaechter --features openapi --test openapi \
             and review the diff",
            line + 1
        );
    }
}

#[test]
fn every_endpoint_is_an_operation_with_its_auth() {
    let doc = openapi::document();
    let mut operations = 0;
    for &e in Endpoint::ALL {
        let op = &doc["paths"][e.path()][e.method().as_str().to_ascii_lowercase()];
        assert!(
            op.is_object(),
            "{} {} missing",
            e.method().as_str(),
            e.path()
        );
        operations += 1;
        let security = op["security"].as_array().expect("security");
        let schemes: Vec<&str> = security
            .iter()
            .flat_map(|s| s.as_object().expect("requirement").keys())
            .map(String::as_str)
            .collect();
        let want: &[&str] = match e.auth() {
            wattwaechter::api::AuthLevel::None => &[],
            wattwaechter::api::AuthLevel::Read => &["readToken", "writeToken"],
            wattwaechter::api::AuthLevel::Write => &["writeToken"],
        };
        assert_eq!(schemes, want, "{e:?}");
        for status in ["429", "503"] {
            assert!(op["responses"][status].is_object(), "{e:?} lacks {status}");
        }
        assert_eq!(
            op["responses"]["204"].is_object(),
            e.may_have_no_data(),
            "{e:?}: 204"
        );
    }
    assert_eq!(operations, 27);
    let served = doc["servers"][0]["url"].as_str();
    assert_eq!(served, Some(BASE_PATH));
}

#[test]
fn every_example_belongs_to_an_operation() {
    let examples: serde_json::Value =
        serde_json::from_str(include_str!("../src/api/openapi_examples.json")).expect("JSON");
    let doc = openapi::document();
    let operations: Vec<&serde_json::Value> = doc["paths"]
        .as_object()
        .expect("paths")
        .values()
        .flat_map(|item| item.as_object().expect("path item").values())
        .collect();
    for (kind, at) in [("answers", "/responses/200"), ("requests", "/requestBody")] {
        for (id, example) in examples[kind].as_object().expect(kind) {
            let op = operations
                .iter()
                .find(|op| op["operationId"] == id.as_str())
                .unwrap_or_else(|| panic!("{kind}: no operation {id}"));
            let media = op
                .pointer(&format!("{at}/content/application~1json/example"))
                .unwrap_or_else(|| panic!("{kind}: {id} has no JSON body"));
            assert_eq!(media, example, "{id}");
        }
    }
    // Every JSON answer has its example.
    let answers = examples["answers"].as_object().expect("answers").len();
    let json_answers = operations
        .iter()
        .filter(|op| {
            op.pointer("/responses/200/content/application~1json")
                .is_some()
        })
        .count();
    assert_eq!(answers, json_answers);
}
