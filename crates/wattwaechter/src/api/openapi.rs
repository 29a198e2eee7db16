//! The OpenAPI 3.1 document of the REST API, built from [`Endpoint`]'s catalogue and the
//! models' JSON Schemas (schemars): the same types the clients parse, lenient forms included
//! (a number that may arrive as a string is described as such).
//!
//! The repository keeps the document as `docs/openapi.json` (a test fails when it differs from
//! [`document`]); the simulator serves it at `/api/v1/openapi.json`.

use super::*;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{json, Map, Value};

/// The OpenAPI version the document follows.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The document, as JSON. Keys are sorted (serde_json's map), so the text is stable.
pub fn document() -> Value {
    let settings =
        SchemaSettings::draft2020_12().with(|s| s.definitions_path = "/components/schemas".into());
    // Answers as the clients read them; request bodies as they write them.
    let mut g = Generators {
        answers: settings.clone().for_deserialize().into_generator(),
        requests: settings.for_serialize().into_generator(),
    };
    let mut paths = Map::new();
    for &endpoint in Endpoint::ALL {
        let path = paths
            .entry(endpoint.path().to_string())
            .or_insert_with(|| json!({}));
        path[endpoint.method().as_str().to_ascii_lowercase()] = operation(endpoint, &mut g);
    }
    let error = g.answers.subschema_for::<ErrorBody>();
    let mut schemas = g.answers.take_definitions(true);
    for (name, mut schema) in g.requests.take_definitions(true) {
        without_null(&mut schema);
        let clash = schemas.insert(name, schema);
        debug_assert!(
            clash.is_none(),
            "a type is both an answer and a request body"
        );
    }
    for schema in schemas.values_mut() {
        tidy_descriptions(schema);
    }
    schemas.sort_keys();
    json!({
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "WattWächter local REST API",
            "version": env!("CARGO_PKG_VERSION"),
            "summary": "The REST API of the WattWächter smart-meter reader, as the wattwaechter crates model it.",
            "description": INFO,
            "license": { "name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0" }
        },
        "servers": [
            {
                "url": "/api/v1",
                "description": "The server of this document: the simulator, or a real device behind wattwaechter-sim --proxy."
            },
            {
                "url": "http://{host}/api/v1",
                "description": "A device on the local network.",
                "variables": {
                    "host": {
                        "default": "wattwaechter-XXXXXXXXXXXX.local",
                        "description": "The device's mDNS name (XXXXXXXXXXXX: the last 12 hex digits of its MAC) or IP address."
                    }
                }
            }
        ],
        "tags": TAGS.iter().map(|(name, description)| json!({ "name": name, "description": description })).collect::<Vec<_>>(),
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "readToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The READ token: data, history, status, settings. Needed only while the device's `api_auth_required` setting is on (off by default)."
                },
                "writeToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The WRITE token: everything the READ token can, and changes (settings, tokens, OTA, reboot). Needed only while `api_auth_required` is on."
                }
            },
            "headers": {
                "Retry-After": {
                    "description": "Seconds to wait before the next request (10 after 429, 5 after 503).",
                    "required": true,
                    "schema": { "type": "integer", "minimum": 0 }
                }
            },
            "responses": {
                "BadRequest": error_response("A parameter or the body is invalid.", &error, false),
                "Unauthorized": error_response("`api_auth_required` is on and the token is missing or wrong.", &error, false),
                "Forbidden": error_response("The token may not do this (a READ token on a WRITE endpoint).", &error, false),
                "NotFound": error_response("Not available on this device, or nothing to act on.", &error, false),
                "PayloadTooLarge": error_response("The body is too large.", &error, false),
                "TooManyRequests": error_response(
                    "The device-wide rate limit: at most 25 requests per 10 s, shared by every client.",
                    &error,
                    true,
                ),
                "ServiceUnavailable": error_response(
                    "Heap protection: the device has less than 25 KB free heap (large answers under concurrent load).",
                    &error,
                    true,
                )
            }
        }
    })
}

/// The document's introduction.
const INFO: &str = "The WattWächter is an ESP32 that reads a household electricity (or gas, \
    water) meter through its optical interface and serves the readings over this API, \
    plain HTTP on port 80.\n\n\
    * **Auth** is off by default. With `api_auth_required` on, send `Authorization: Bearer \
    <token>`: the READ token for reading, the WRITE token for changes (it can read too). \
    `/system/alive`, `/system/wifi_scan` and `/setup/token` need none.\n\
    * **Limits**: 25 requests per 10 s for the whole device (429 with `Retry-After: 10`), \
    and 503 with `Retry-After: 5` when its free heap runs low. Retry after the given seconds.\n\
    * **Lenient values**: the schemas describe what the wattwaechter clients accept: \
    numbers may arrive as numeric strings, booleans as `0`/`1` or `\"true\"`, unknown enum \
    values and extra fields are kept. What the firmware sends is the first form of each.\n\n\
    Sources: the vendor's documentation and Python client (aio-wattwaechter 1.3.0), the Home \
    Assistant integration; the models live in the `wattwaechter` crate (`api`).";

/// The tags, one per API group.
const TAGS: &[(&str, &str)] = &[
    (
        "system",
        "Health, device information, LED, self-test, Wi-Fi scan, time zones, reboot.",
    ),
    (
        "history",
        "The newest reading of every register, 15-minute and daily history.",
    ),
    (
        "settings",
        "The device's settings (passwords never returned) and partial updates.",
    ),
    (
        "auth",
        "Two-phase token renewal, and the setup tokens of a new device.",
    ),
    (
        "mqtt",
        "The MQTT client: its custom CA certificate and its state.",
    ),
    ("modbus", "The Modbus TCP server's state and registers."),
    ("cloud", "Pairing with the vendor's portal."),
    ("ota", "Firmware updates."),
    ("logs", "The meter's raw ring buffer and the device's logs."),
];

/// A documented error answer: `{"error": …}`, with `Retry-After` for 429 and 503.
fn error_response(description: &str, schema: &schemars::Schema, retry_after: bool) -> Value {
    let mut r = json!({
        "description": description,
        "content": { "application/json": { "schema": schema } }
    });
    if retry_after {
        r["headers"] = json!({ "Retry-After": { "$ref": "#/components/headers/Retry-After" } });
    }
    r
}

/// The models' doc comments as API descriptions: Rust examples (fenced code) left out,
/// intra-doc links (`` [`OtaCheck`] ``) as plain code, wrapped lines joined.
fn tidy_descriptions(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    Value::String(text) if key == "description" => *text = for_people(text),
                    _ => tidy_descriptions(value),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tidy_descriptions),
        _ => {}
    }
}

fn for_people(doc: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_code = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(core::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line.trim());
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
        .join("\n\n")
        .replace("[`", "`")
        .replace("`]", "`")
}

/// The two schema generators: answers (what the clients accept: the `Deserialize` contract)
/// and request bodies (what they send: the `Serialize` contract).
struct Generators {
    answers: SchemaGenerator,
    requests: SchemaGenerator,
}

/// Removes `null` from the optional fields of a request body: the clients never send it (an
/// absent key leaves the setting as it is), and whether the firmware accepts it is unknown.
fn without_null(schema: &mut Value) {
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for property in properties.values_mut() {
        if let Some(Value::Array(types)) = property.get_mut("type") {
            types.retain(|t| t != "null");
            if types.len() == 1 {
                property["type"] = types[0].clone();
            }
        }
        let Some(Value::Array(any_of)) = property.get_mut("anyOf") else {
            continue;
        };
        any_of.retain(|s| s.get("type").is_none_or(|t| t != "null"));
        if let [only] = any_of.as_slice() {
            let only = only.clone();
            let object = property
                .as_object_mut()
                .expect("a property schema is an object");
            object.remove("anyOf");
            if let Value::Object(inner) = only {
                object.extend(inner);
            }
        }
    }
}

/// What a successful answer of one endpoint carries.
enum Success {
    /// 200 with a JSON body of this schema.
    Json(schemars::Schema),
    /// 200 with text of this media type.
    Text(&'static [&'static str]),
    /// 200 with bytes.
    Binary,
}

/// The parts of one operation that differ between endpoints.
struct Details {
    summary: &'static str,
    description: &'static str,
    tag: &'static str,
    parameters: Vec<Value>,
    request: Option<schemars::Schema>,
    success: Success,
    /// Documented failures besides auth, 429 and 503: (status, reference, when).
    failures: &'static [(u16, &'static str, &'static str)],
}

fn schema<T: JsonSchema>(g: &mut Generators) -> Success {
    Success::Json(g.answers.subschema_for::<T>())
}

fn query(name: &str, required: bool, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": required, "description": description, "schema": schema })
}

fn date(name: &str, description: &str) -> Value {
    query(
        name,
        true,
        description,
        json!({ "type": "string", "format": "date", "examples": ["2024-03-08"] }),
    )
}

/// The endpoint's own parts. One arm per endpoint: a new one does not compile without its
/// description.
fn details(endpoint: Endpoint, g: &mut Generators) -> Details {
    use Endpoint::*;
    let (summary, description, tag) = texts(endpoint);
    let mut d = Details {
        summary,
        description,
        tag,
        parameters: Vec::new(),
        request: None,
        success: Success::Binary,
        failures: &[],
    };
    d.success = match endpoint {
        SystemAlive => schema::<Alive>(g),
        SystemInfo => schema::<super::SystemInfo>(g),
        SystemLed => schema::<Led>(g),
        SystemSelftest => {
            d.failures = &[(
                404,
                "NotFound",
                "Gas and water devices have no IR transceiver.",
            )];
            schema::<SelfTest>(g)
        }
        SystemWifiScan => {
            d.parameters.push(query(
                "refresh",
                false,
                "`true` starts a new scan; without it the device answers its cached result.",
                json!({ "type": "boolean", "default": false }),
            ));
            schema::<WifiScan>(g)
        }
        SystemTimezones => schema::<Vec<Timezone>>(g),
        SystemReboot => schema::<Reboot>(g),
        HistoryLatest => schema::<Latest>(g),
        HistoryHighRes => {
            d.parameters.push(date("date", "The day (YYYY-MM-DD)."));
            d.failures = &[(400, "BadRequest", "The date is not a calendar day.")];
            schema::<HighRes>(g)
        }
        HistoryLowRes => {
            d.parameters
                .push(date("start", "The first day (YYYY-MM-DD)."));
            d.parameters.push(query(
                "days",
                true,
                "How many days, 1 to 31.",
                json!({ "type": "integer", "minimum": 1, "maximum": crate::client::MAX_LOWRES_DAYS }),
            ));
            d.failures = &[(
                400,
                "BadRequest",
                "The start is not a calendar day, or days is not 1 to 31.",
            )];
            schema::<LowRes>(g)
        }
        SettingsGet => schema::<Settings>(g),
        SettingsUpdate => {
            d.request = Some(g.requests.subschema_for::<super::SettingsUpdate>());
            d.failures = &[(
                400,
                "BadRequest",
                "The body is no JSON object, or a value is invalid.",
            )];
            schema::<SettingsApplied>(g)
        }
        TokensGenerate => schema::<TokensGenerated>(g),
        TokensConfirm => {
            d.request = Some(g.requests.subschema_for::<super::TokensConfirm>());
            d.failures = &[(
                400,
                "BadRequest",
                "No pending tokens, they expired (60 s), or the token is not the pending WRITE token.",
            )];
            schema::<SuccessMessage>(g)
        }
        SetupToken => {
            d.failures = &[(403, "Forbidden", "The initial setup is complete.")];
            schema::<SetupTokens>(g)
        }
        MqttCaGet => schema::<CaStatus>(g),
        MqttCaUpload => {
            d.request = Some(g.requests.subschema_for::<CaUpload>());
            d.failures = &[
                (400, "BadRequest", "The body holds no PEM certificate."),
                (413, "PayloadTooLarge", "The certificate is too large."),
            ];
            schema::<CaAction>(g)
        }
        MqttCaDelete => {
            d.failures = &[(404, "NotFound", "No custom certificate is installed.")];
            schema::<CaAction>(g)
        }
        MqttStatus => schema::<super::MqttStatus>(g),
        ModbusStatus => schema::<super::ModbusStatus>(g),
        CloudPair => {
            d.request = Some(g.requests.subschema_for::<super::CloudPair>());
            d.failures = &[(
                400,
                "BadRequest",
                "The pairing token is not of the form WW-XXXXXXXX.",
            )];
            schema::<SuccessMessage>(g)
        }
        CloudUnpair => schema::<SuccessMessage>(g),
        OtaCheck => schema::<super::OtaCheck>(g),
        OtaStart => schema::<super::OtaStart>(g),
        LogsRawdump => {
            d.failures = &[(
                404,
                "NotFound",
                "Gas and water devices have no SML ring buffer.",
            )];
            Success::Binary
        }
        LogsPersistent => {
            d.failures = &[(404, "NotFound", "There is no log file.")];
            Success::Text(&["text/csv", "text/plain"])
        }
        LogsRam => Success::Text(&["text/csv", "text/plain"]),
    };
    d
}

/// Summary, description and tag of each endpoint.
fn texts(endpoint: Endpoint) -> (&'static str, &'static str, &'static str) {
    use Endpoint::*;
    match endpoint {
        SystemAlive => ("Health check", "The device answers, with its firmware version. Needs no token; also used to see an update finish.", "system"),
        SystemInfo => ("Device information", "Sections (`uptime`, `wifi`, `ap`, `esp`, `heap`, and any the firmware adds) of name/value/unit entries; every value is a string. `esp.esp_id` is the device ID, `esp.model_id` the hardware (absent on older Plus firmware).", "system"),
        SystemLed => ("LED state", "The status the LED shows, with its priority, color and mode.", "system"),
        SystemSelftest => ("IR transceiver self-test", "Tests the optical head's transceiver; takes about 2 s.", "system"),
        SystemWifiScan => ("Wi-Fi networks", "The networks in reach. Needs no token. While a new scan runs, the list is empty and `scanning` is true.", "system"),
        SystemTimezones => ("Time zones", "The time zones the device knows, with their offset from UTC in minutes.", "system"),
        SystemReboot => ("Reboot", "Restarts the device.", "system"),
        HistoryLatest => ("Newest reading", "The newest value of every register the meter sends. 204 before the first reading.", "history"),
        HistoryHighRes => ("15-minute values of a day", "Up to 96 slots (sparse: key by `timestamp`). Items carry the meter reading and the slot's average power; the footer is the consumption over the whole answer, not a meter reading. 204 when the day has no data.", "history"),
        HistoryLowRes => ("Daily values", "One item per day: the meter reading at the start of the day and the day's consumption; the footer sums the range. Long ranges under load may be answered with 503. 204 when the range has no data.", "history"),
        SettingsGet => ("Settings", "Every setting; passwords are never returned.", "settings"),
        SettingsUpdate => ("Change settings", "A partial update: send only what changes. The answer echoes the request (`applied`), including values the device ignored or adjusted: read the settings again to see what is in effect.", "settings"),
        TokensGenerate => ("New tokens (step 1 of 2)", "New READ and WRITE tokens, not yet active: confirm them within 60 s, or the old ones stay valid.", "auth"),
        TokensConfirm => ("Activate the new tokens (step 2 of 2)", "Activates the pending tokens; the body names the pending WRITE token.", "auth"),
        SetupToken => ("Setup tokens", "The tokens of a new device, readable without a token only before its first Wi-Fi connection (through its access point).", "auth"),
        MqttCaGet => ("MQTT CA certificate", "Whether a custom CA certificate is installed, and the sizes of the bundle and of the certificate.", "mqtt"),
        MqttCaUpload => ("Install a custom CA certificate", "Adds a PEM certificate to the MQTT client's CA bundle.", "mqtt"),
        MqttCaDelete => ("Remove the custom CA certificate", "Removes the custom certificate from the bundle.", "mqtt"),
        MqttStatus => ("MQTT client state", "The connection state, the broker, and the last error.", "mqtt"),
        ModbusStatus => ("Modbus TCP server state", "The server's state and its registers (SunSpec-style), each with its value, validity and scale.", "modbus"),
        CloudPair => ("Pair with the portal", "Pairs the device with the vendor's portal using a token from it (`WW-XXXXXXXX`).", "cloud"),
        CloudUnpair => ("Unpair from the portal", "Removes the pairing.", "cloud"),
        OtaCheck => ("Firmware update available?", "The cached result of the device's own periodic check.", "ota"),
        OtaStart => ("Start the firmware update", "The device asks the update server before it answers: allow at least 30 s. It then downloads, flashes, verifies and reboots; poll `/system/alive` to see it back.", "ota"),
        LogsRawdump => ("The meter's raw ring buffer", "The bytes the optical head received, as a ring buffer: SML (or D0) as it came from the meter, possibly starting and ending inside a frame. 204 when the buffer is empty.", "logs"),
        LogsPersistent => ("The log file", "The device's CSV log file from flash. 204 when it is empty.", "logs"),
        LogsRam => ("The RAM log", "The log lines kept in RAM. 204 when it is empty.", "logs"),
    }
}

/// Example bodies by operation id (`answers`, `requests`), from the device documentation.
const EXAMPLES: &str = include_str!("openapi_examples.json");

/// The example `kind` (`answers` or `requests`) of the operation `id`.
fn example(kind: &str, id: &str) -> Option<Value> {
    let examples: Value = serde_json::from_str(EXAMPLES).expect("openapi_examples.json is JSON");
    examples.get(kind)?.get(id).cloned()
}

/// One operation object.
fn operation(endpoint: Endpoint, g: &mut Generators) -> Value {
    let d = details(endpoint, g);
    let id = operation_id(endpoint);
    let mut responses = Map::new();
    responses.insert(
        "200".into(),
        match d.success {
            Success::Json(schema) => {
                let mut media = json!({ "schema": schema });
                if let Some(example) = example("answers", &id) {
                    media["example"] = example;
                }
                json!({ "description": "OK", "content": { "application/json": media } })
            }
            Success::Text(types) => {
                let content: Map<String, Value> = types
                    .iter()
                    .map(|t| ((*t).into(), json!({ "schema": { "contentMediaType": t } })))
                    .collect();
                json!({ "description": "OK (text, cut bytewise: decode lossily)", "content": content })
            }
            Success::Binary => json!({
                "description": "OK (bytes)",
                "content": { "application/octet-stream": { "schema": { "contentMediaType": "application/octet-stream" } } }
            }),
        },
    );
    if endpoint.may_have_no_data() {
        responses.insert("204".into(), json!({ "description": "No data." }));
    }
    let reference = |name: &str| json!({ "$ref": alloc::format!("#/components/responses/{name}") });
    let mut failures: Vec<(u16, Value)> = Vec::new();
    for (status, name, when) in d.failures {
        let mut r = reference(name);
        r["description"] = (*when).into();
        failures.push((*status, r));
    }
    match endpoint.auth() {
        AuthLevel::None => {}
        AuthLevel::Read => failures.push((401, reference("Unauthorized"))),
        AuthLevel::Write => {
            failures.push((401, reference("Unauthorized")));
            failures.push((403, reference("Forbidden")));
        }
    }
    failures.push((429, reference("TooManyRequests")));
    failures.push((503, reference("ServiceUnavailable")));
    failures.sort_by_key(|(status, _)| *status);
    for (status, r) in failures {
        responses.insert(status.to_string(), r);
    }
    let security = match endpoint.auth() {
        AuthLevel::None => json!([]),
        AuthLevel::Read => json!([{ "readToken": [] }, { "writeToken": [] }, {}]),
        AuthLevel::Write => json!([{ "writeToken": [] }, {}]),
    };
    let mut op = json!({
        "operationId": id.clone(),
        "summary": d.summary,
        "description": d.description,
        "tags": [d.tag],
        "security": security,
        "responses": responses,
    });
    if !d.parameters.is_empty() {
        op["parameters"] = d.parameters.into();
    }
    if let Some(schema) = d.request {
        let mut media = json!({ "schema": schema });
        if let Some(example) = example("requests", &id) {
            media["example"] = example;
        }
        op["requestBody"] = json!({ "required": true, "content": { "application/json": media } });
    }
    if endpoint.timeout() == TimeoutClass::Long {
        op["x-min-timeout-ms"] = endpoint.timeout().min_ms().into();
    }
    op
}

/// `systemAlive`, `historyHighRes`, … from the endpoint's name.
fn operation_id(endpoint: Endpoint) -> String {
    let name = alloc::format!("{endpoint:?}");
    let mut chars = name.chars();
    let first = chars.next().map(|c| c.to_ascii_lowercase());
    first.into_iter().chain(chars).collect()
}
