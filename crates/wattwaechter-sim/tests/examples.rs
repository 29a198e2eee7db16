//! The simulator's answers against the vendor's example bodies in `tests/fixtures/api/`
//! (assembled from the vendor's own client tests): a check independent of the core's `api`
//! types the simulator is built from. Every key of an example is in the simulator's answer
//! with the same JSON type (`null` on either side matches anything); arrays are compared by
//! their elements' keys.

mod common;

use common::raw;
use serde_json::Value;
use std::collections::BTreeMap;
use wattwaechter_sim::{MediumKind, SimConfig, Simulator};

/// Every key path of a JSON value (`b/c`, `d[]/e`) with its type; array elements share the
/// path `[]`, and the registers of `/history/latest` (keyed by OBIS code, which registers
/// depends on the meter) share the key `<register>`.
fn shape(value: &Value, path: &str, out: &mut BTreeMap<String, &'static str>) {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(items) => {
            for item in items {
                shape(item, &format!("{path}[]"), out);
            }
            "array"
        }
        Value::Object(map) => {
            for (k, v) in map {
                let register = k.starts_with(|c: char| c.is_ascii_digit())
                    && wattwaechter::obis::Obis::parse(k).is_ok();
                let k = if register { "<register>" } else { k.as_str() };
                let key = if path.is_empty() {
                    k.to_string()
                } else {
                    format!("{path}/{k}")
                };
                shape(v, &key, out);
            }
            "object"
        }
    };
    // A path seen with null and with a value keeps the value's type.
    let seen = out.entry(path.to_string()).or_insert(kind);
    if *seen == "null" {
        *seen = kind;
    }
}

fn shape_of(value: &Value) -> BTreeMap<String, &'static str> {
    let mut out = BTreeMap::new();
    shape(value, "", &mut out);
    out
}

fn example(name: &str) -> Value {
    let path = format!(
        "{}/../../tests/fixtures/api/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The example's key paths missing from the answer, or there with another type.
fn differences(example: &Value, answer: &Value) -> Vec<String> {
    let theirs = shape_of(answer);
    shape_of(example)
        .into_iter()
        .filter_map(|(path, kind)| match theirs.get(&path) {
            None => Some(format!("{path}: missing ({kind} in the example)")),
            Some(&other) if other != kind && kind != "null" && other != "null" => {
                Some(format!("{path}: {other}, the example has {kind}"))
            }
            Some(_) => None,
        })
        .collect()
}

async fn simulator(medium: MediumKind) -> Simulator {
    let mut c = SimConfig::default();
    c.runtime.rate_limit = false;
    c.medium = medium;
    Simulator::start(c).await.unwrap()
}

async fn answer(sim: &Simulator, path: &str) -> Value {
    let a = raw(&sim.base_url(), "GET", &format!("/api/v1{path}"), &[], None)
        .await
        .unwrap();
    assert_eq!(a.status, 200, "{path}");
    serde_json::from_slice(&a.body).unwrap()
}

#[tokio::test]
async fn answers_have_the_shape_of_the_vendors_examples() {
    let day = |sim: &Simulator, days_ago: i64| {
        wattwaechter_sim::clock::utc(sim.state().clock.now_s() - days_ago * 86_400)
            .date()
            .to_string()
    };
    let mut failures = Vec::new();
    for (medium, suffix) in [
        (MediumKind::Electricity, "electricity"),
        (MediumKind::Gas, "gas"),
    ] {
        let sim = simulator(medium).await;
        let high = format!("/history/highRes?date={}", day(&sim, 1));
        let low = format!("/history/lowRes?start={}&days=7", day(&sim, 10));
        let mut cases = vec![
            (
                format!("history_latest_{suffix}.json"),
                "/history/latest".to_string(),
            ),
            (format!("history_highres_{suffix}.json"), high),
            (format!("history_lowres_{suffix}.json"), low),
        ];
        if medium == MediumKind::Electricity {
            cases.push(("settings_get.json".into(), "/settings".into()));
            cases.push(("system_info.json".into(), "/system/info".into()));
        }
        for (file, path) in cases {
            for d in differences(&example(&file), &answer(&sim, &path).await) {
                failures.push(format!("{file} vs GET {path}: {d}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The comparison fails where it should: a missing key and a changed type are named; other
/// registers with the same shape are not a difference.
#[test]
fn the_comparison_names_what_differs() {
    let example = serde_json::json!({"a": 1, "b": {"c": "x"}, "d": [{"e": true}], "n": null, "1.8.0": {"value": 1}});
    let answer =
        serde_json::json!({"a": "1", "b": {}, "d": [{"e": true}], "n": 5, "16.7.0": {"value": 2}});
    assert_eq!(
        differences(&example, &answer),
        [
            "a: string, the example has number",
            "b/c: missing (string in the example)"
        ]
    );
}
