//! `new WattWaechter(host, options)`: one async method per endpoint.

use crate::convert::{api_error, from_js, is_error_named, to_js};
use crate::net::{self, Exchange};
use js_sys::Promise;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use wattwaechter::api::*;
use wattwaechter::client::{
    interpret_binary, interpret_json, interpret_text, origin_of, requests, timer_delay_ms, Action,
    ApiError, Call, CallOptions, Credentials, HttpResponse, Next, RateBudget, RequestSpec,
    RetryPolicy, TokenRotation, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS,
};

/// Constructor options other than the numbers and `fetch` (see [`NUMBER_OPTIONS`]).
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct Options {
    token: Option<String>,
    read_token: Option<String>,
    write_token: Option<String>,
}

/// The numeric options, read from the JS object directly: through JSON, `NaN` and `Infinity`
/// would turn into `null` and pass as "not given".
const NUMBER_OPTIONS: [&str; 4] = ["timeoutMs", "maxRetries", "rateShare", "maxBodyBytes"];

/// A numeric option: `None` when absent; refused when it is not a number.
fn number_option(options: &JsValue, key: &str) -> Result<Option<f64>, JsValue> {
    let v = js_sys::Reflect::get(options, &key.into()).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_f64().map(Some).ok_or_else(|| {
        api_error(&ApiError::invalid(format!(
            "WattWaechter options: {key} must be a number"
        )))
    })
}

/// A whole number in `range`, or the error for `key`.
fn whole(key: &str, n: f64, range: std::ops::RangeInclusive<f64>) -> Result<f64, JsValue> {
    if n.fract() == 0.0 && range.contains(&n) {
        Ok(n)
    } else {
        Err(api_error(&ApiError::invalid(format!(
            "WattWaechter options: {key} {n}: it must be a whole number from {} to {}",
            range.start(),
            range.end()
        ))))
    }
}

#[wasm_bindgen(typescript_custom_section)]
const OPTIONS_TS: &str = r#"
/** Options of `new WattWaechter(host, options)`. */
export interface ClientOptions {
  /** One token for everything (a WRITE token can also read). */
  token?: string;
  /** The READ token (used for READ endpoints). */
  readToken?: string;
  /** The WRITE token (used for WRITE endpoints). */
  writeToken?: string;
  /** The longest a call takes, in ms, waiting for the request budget, retries and the device's answers included (default 30000, room for one wait of the budget or of the device's Retry-After; OTA start at least 30000; at most 2147483647). A wait that cannot end in time fails at once with `rateLimited` and `retryAfter`. */
  timeoutMs?: number;
  /** Attempts after 429/503 in total (default 3). */
  maxRetries?: number;
  /** This client's share of the device's 25 requests per 10 s, above 0 and at most 1 (default 1). Every client for the same device (host spelled any way) in this page/worker shares one budget. */
  rateShare?: number;
  /** The largest answer body read, in bytes (default 16 MiB, far above any real answer); a larger one fails with `responseTooLarge`. */
  maxBodyBytes?: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}
"#;

thread_local! {
    /// One budget per device (by origin) for the whole page or worker.
    static BUDGETS: RefCell<HashMap<String, Rc<RefCell<RateBudget>>>> = RefCell::new(HashMap::new());
}

/// The budget every client for the device at `host` shares: keyed by its origin, so that every
/// spelling of one device (`127.0.0.1:9101`, `http://127.0.0.1:9101/`) gets the same one; an
/// empty host is the page's own origin.
fn budget_for(host: &str, share: f64) -> Result<Rc<RefCell<RateBudget>>, ApiError> {
    let budget = RateBudget::device_share(share)?;
    let key = match origin_of(host) {
        own if own.is_empty() => page_origin(),
        origin => origin,
    };
    Ok(BUDGETS.with(|b| {
        b.borrow_mut()
            .entry(key)
            .or_insert_with(|| Rc::new(RefCell::new(budget)))
            .clone()
    }))
}

/// `location.origin` where there is one (pages and workers), else `""`.
fn page_origin() -> String {
    js_sys::Reflect::get(&js_sys::global(), &"location".into())
        .ok()
        .filter(JsValue::is_object)
        .and_then(|l| js_sys::Reflect::get(&l, &"origin".into()).ok())
        .and_then(|o| o.as_string())
        .map(|o| origin_of(&o))
        .unwrap_or_default()
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

async fn sleep_until(until_ms: u64) {
    gloo_timers::future::TimeoutFuture::new(timer_delay_ms(until_ms, now_ms())).await;
}

/// Whether `e` is an error of the device client (a type guard in TypeScript: in a `catch`,
/// `e` is `unknown`).
#[wasm_bindgen(js_name = isWattWaechterError, unchecked_return_type = "e is WattWaechterError")]
pub fn is_wattwaechter_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: JsValue) -> bool {
    is_error_named(&e, "WattWaechterError")
}

/// A WattWächter device.
#[wasm_bindgen]
pub struct WattWaechter {
    device: Rc<Device>,
}

/// The client's state, shared with its requests in flight (so they do not borrow the JS
/// object: `free()` during a request is fine, and every request is one future of one type).
struct Device {
    host: String,
    credentials: RefCell<Credentials>,
    options: CallOptions,
    max_body_bytes: u64,
    budget: Rc<RefCell<RateBudget>>,
    fetch: Option<js_sys::Function>,
}

#[wasm_bindgen]
impl WattWaechter {
    /// `host`: `wattwaechter-XXXXXXXXXXXX.local`, an IP, `host:port`, or a base URL
    /// (`http://127.0.0.1:8321`); `""` for the page's own origin (the simulator's proxy mode).
    /// Throws `invalidRequest` for options out of range.
    #[wasm_bindgen(constructor)]
    pub fn new(
        host: String,
        #[wasm_bindgen(unchecked_optional_param_type = "ClientOptions")] options: JsValue,
    ) -> Result<WattWaechter, JsValue> {
        let (fetch_fn, numbers) = if options.is_object() {
            let mut numbers = [None; NUMBER_OPTIONS.len()];
            for (n, key) in numbers.iter_mut().zip(NUMBER_OPTIONS) {
                *n = number_option(&options, key)?;
            }
            let fetch =
                js_sys::Reflect::get(&options, &"fetch".into()).unwrap_or(JsValue::UNDEFINED);
            (fetch, numbers)
        } else {
            (JsValue::UNDEFINED, [None; NUMBER_OPTIONS.len()])
        };
        let [timeout_ms, max_retries, rate_share, max_body_bytes] = numbers;
        // Read above: a function does not survive the JSON the rest goes through, numbers
        // would lose NaN and Infinity.
        let plain = if options.is_object() {
            let copy = js_sys::Object::assign(&js_sys::Object::new(), options.unchecked_ref());
            for key in NUMBER_OPTIONS.iter().chain(&["fetch"]) {
                let _ = js_sys::Reflect::delete_property(&copy, &(*key).into());
            }
            copy.into()
        } else {
            options
        };
        let o: Options = from_js(plain, "WattWaechter options")?;
        let credentials = Credentials::from_parts(o.token, o.read_token, o.write_token);
        let timeout_ms = match timeout_ms {
            Some(n) => whole("timeoutMs", n, 1.0..=f64::from(MAX_TIMEOUT_MS))? as u32,
            None => DEFAULT_TIMEOUT_MS,
        };
        let max_attempts = match max_retries {
            Some(n) => whole("maxRetries", n, 0.0..=100.0)?.max(1.0) as u32,
            None => RetryPolicy::default().max_attempts,
        };
        let call_options = CallOptions {
            timeout_ms,
            retry: RetryPolicy {
                max_attempts,
                ..RetryPolicy::default()
            },
        };
        call_options.validate().map_err(|e| api_error(&e))?;
        let max_body_bytes = match max_body_bytes {
            Some(n) => whole("maxBodyBytes", n, 1.0..=2f64.powi(53))? as u64,
            None => DEFAULT_MAX_BODY_BYTES,
        };
        let fetch = if fetch_fn.is_function() {
            Some(fetch_fn.unchecked_into())
        } else {
            None
        };
        Ok(WattWaechter {
            device: Rc::new(Device {
                budget: budget_for(&host, rate_share.unwrap_or(1.0)).map_err(|e| api_error(&e))?,
                host,
                credentials: RefCell::new(credentials),
                options: call_options,
                max_body_bytes,
                fetch,
            }),
        })
    }

    /// Replaces the tokens (after a rotation done elsewhere, or when the user enters one).
    #[wasm_bindgen(js_name = setToken)]
    pub fn set_token(&self, token: Option<String>) {
        *self.device.credentials.borrow_mut() = match token {
            Some(t) => Credentials::token(t),
            None => Credentials::none(),
        };
    }

    /// The shared request budget for this device: its limit per window, the calls waiting for
    /// it, and how long until the next request may start (ms; 0 = now), the device's
    /// `Retry-After` included.
    #[wasm_bindgen(js_name = budgetStatus, unchecked_return_type = "BudgetStatus")]
    pub fn budget_status(&self) -> Result<JsValue, JsValue> {
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct S {
            limit: u32,
            window_ms: u64,
            queued: usize,
            wait_ms: u64,
        }
        let now = now_ms();
        let mut b = self.device.budget.borrow_mut();
        to_js(&S {
            limit: b.limit(),
            window_ms: b.window_ms(),
            queued: b.queued(),
            wait_ms: b.earliest_start(now).saturating_sub(now),
        })
    }
}

#[wasm_bindgen(typescript_custom_section)]
const BUDGET_TS: &str = r#"
/** `budgetStatus()`: the request budget this client shares with every client for the same device. */
export interface BudgetStatus {
  /** Requests per window. */
  limit: number;
  /** The window in ms (the device's 10 s plus a safety margin). */
  windowMs: number;
  /** Calls waiting for the budget now. */
  queued: number;
  /** How long until the next request may start, in ms (0: now), the device's Retry-After included. */
  waitMs: number;
}
"#;

impl WattWaechter {
    /// One request: the call's waits and exchanges, and `convert` on the final answer. Every
    /// endpoint's promise is this one future (measured: an `async fn` per endpoint put a state
    /// machine and a `future_to_promise` per endpoint into the `.wasm`).
    fn call(&self, spec: Result<RequestSpec, ApiError>, convert: Convert) -> Promise {
        let device = Rc::clone(&self.device);
        future_to_promise(async move {
            let spec = spec.map_err(|e| api_error(&e))?;
            let endpoint = spec.endpoint;
            let ex = device.run(spec).await.map_err(|e| api_error(&e))?;
            device.interpret(&ex, |resp, secrets| convert(endpoint, resp, secrets))
        })
    }
}

impl Device {
    fn secrets(&self) -> Vec<String> {
        self.credentials
            .borrow()
            .secrets()
            .into_iter()
            .map(String::from)
            .collect()
    }

    /// Lets the core interpret an exchange, with the current tokens as the secrets to redact.
    fn interpret<T>(&self, ex: &Exchange, f: impl FnOnce(&HttpResponse<'_>, &[&str]) -> T) -> T {
        let secrets = self.secrets();
        let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
        let resp = HttpResponse {
            status: ex.status,
            retry_after: ex.retry_after.as_deref(),
            body: &ex.body,
        };
        f(&resp, &refs)
    }

    /// Runs the core's call state machine: waits, sends, retries 429/503 while the call's
    /// timeout allows; returns the final answer.
    async fn run(&self, spec: RequestSpec) -> Result<Exchange, ApiError> {
        let mut call = Call::new(spec, self.options, now_ms());
        loop {
            let action = call.poll(
                &mut self.budget.borrow_mut(),
                &self.credentials.borrow(),
                now_ms(),
            );
            match action {
                Action::WaitUntil(t) => sleep_until(t).await,
                Action::Fail(e) => return Err(e),
                Action::Send(req) => {
                    let secrets = self.secrets();
                    let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
                    let ex = net::send(
                        &req.url(&self.host),
                        &req,
                        self.fetch.as_ref(),
                        self.max_body_bytes,
                        &refs,
                    )
                    .await?;
                    let answer = HttpResponse {
                        status: ex.status,
                        retry_after: ex.retry_after.as_deref(),
                        body: &ex.body,
                    };
                    let next =
                        call.on_answer(&mut self.budget.borrow_mut(), &answer, &refs, now_ms());
                    if next == Next::Done {
                        return Ok(ex);
                    }
                }
            }
        }
    }
}

/// The answer of one endpoint as a JS value, or the error to throw.
type Convert = fn(Endpoint, &HttpResponse<'_>, &[&str]) -> Result<JsValue, JsValue>;

/// A JSON endpoint's answer as its typed model, then as a JS object; `null` for a 204.
fn json<T: DeserializeOwned + serde::Serialize>(
    endpoint: Endpoint,
    resp: &HttpResponse<'_>,
    secrets: &[&str],
) -> Result<JsValue, JsValue> {
    match interpret_json::<T>(endpoint, resp, secrets) {
        Ok(Some(v)) => to_js(&v),
        Ok(None) => Ok(JsValue::NULL),
        Err(e) => Err(api_error(&e)),
    }
}

/// `/history/latest` as a JS object: the registers as sent, and the values the core's
/// [`Latest`] derives from them.
fn latest(
    endpoint: Endpoint,
    resp: &HttpResponse<'_>,
    secrets: &[&str],
) -> Result<JsValue, JsValue> {
    let latest = match interpret_json::<Latest>(endpoint, resp, secrets) {
        Ok(Some(l)) => l,
        Ok(None) => return Ok(JsValue::NULL),
        Err(e) => return Err(api_error(&e)),
    };
    let object = to_js(&latest)?;
    let number = |v: Option<f64>| v.map_or(JsValue::NULL, JsValue::from);
    let derived = [
        ("power", number(latest.power())),
        ("importTotal", number(latest.total_import())),
        ("exportTotal", number(latest.total_export())),
        ("medium", JsValue::from_str(latest.medium().as_str())),
        ("volume", number(latest.volume())),
        ("flow", number(latest.flow())),
    ];
    for (key, value) in derived {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), &value)?;
    }
    Ok(object)
}

/// A binary endpoint's answer as a `Uint8Array`; `null` for a 204.
fn binary(
    endpoint: Endpoint,
    resp: &HttpResponse<'_>,
    secrets: &[&str],
) -> Result<JsValue, JsValue> {
    match interpret_binary(endpoint, resp, secrets) {
        Ok(Some(bytes)) => Ok(js_sys::Uint8Array::from(bytes.as_slice()).into()),
        Ok(None) => Ok(JsValue::NULL),
        Err(e) => Err(api_error(&e)),
    }
}

/// A text endpoint's answer as a string.
fn text(endpoint: Endpoint, resp: &HttpResponse<'_>, secrets: &[&str]) -> Result<JsValue, JsValue> {
    interpret_text(endpoint, resp, secrets)
        .map(JsValue::from)
        .map_err(|e| api_error(&e))
}

// The docs are string literals: a `///` comment passed through a macro reaches the `.d.ts` as
// `r" …` (wasm-bindgen prints the raw string literal it desugars to).
macro_rules! endpoint {
    ($doc:literal, $name:ident, $js:literal, $ty:ty, $ts:literal, $spec:expr) => {
        #[wasm_bindgen]
        impl WattWaechter {
            #[doc = $doc]
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
            pub fn $name(&self) -> Promise {
                self.call(Ok($spec), json::<$ty>)
            }
        }
    };
}

endpoint!(
    "`GET /system/alive` (no auth).",
    alive,
    "alive",
    Alive,
    "Promise<Alive>",
    requests::alive()
);
endpoint!(
    "`GET /system/info`.",
    system_info,
    "systemInfo",
    SystemInfo,
    "Promise<SystemInfo>",
    requests::system_info()
);
endpoint!(
    "`GET /system/led`.",
    led,
    "led",
    Led,
    "Promise<Led>",
    requests::led()
);
endpoint!(
    "`POST /system/selftest` (about 2 s; 404 on gas/water devices).",
    selftest,
    "selftest",
    SelfTest,
    "Promise<SelfTest>",
    requests::selftest()
);
endpoint!(
    "`GET /system/timezones`.",
    timezones,
    "timezones",
    Vec<Timezone>,
    "Promise<Timezone[]>",
    requests::timezones()
);
endpoint!(
    "`POST /system/reboot` (WRITE).",
    reboot,
    "reboot",
    Reboot,
    "Promise<Reboot>",
    requests::reboot()
);
endpoint!(
    "`GET /settings`.",
    settings,
    "settings",
    Settings,
    "Promise<Settings>",
    requests::settings()
);
endpoint!("`POST /auth/tokens/generate` (WRITE): pending tokens, active only after confirming within 60 s. Prefer `rotateTokens()`.",
    generate_tokens, "generateTokens", TokensGenerated, "Promise<TokensGenerated>", requests::generate_tokens());
endpoint!(
    "`GET /setup/token` (only during initial setup).",
    setup_token,
    "setupToken",
    SetupTokens,
    "Promise<SetupTokens>",
    requests::setup_token()
);
endpoint!(
    "`GET /mqtt/ca`.",
    mqtt_ca,
    "mqttCa",
    CaStatus,
    "Promise<CaStatus>",
    requests::mqtt_ca()
);
endpoint!(
    "`DELETE /mqtt/ca` (WRITE; 404 without a custom certificate).",
    mqtt_ca_delete,
    "mqttCaDelete",
    CaAction,
    "Promise<CaAction>",
    requests::mqtt_ca_delete()
);
endpoint!(
    "`GET /mqtt/status`.",
    mqtt_status,
    "mqttStatus",
    MqttStatus,
    "Promise<MqttStatus>",
    requests::mqtt_status()
);
endpoint!(
    "`GET /modbus/status`.",
    modbus_status,
    "modbusStatus",
    ModbusStatus,
    "Promise<ModbusStatus>",
    requests::modbus_status()
);
endpoint!(
    "`DELETE /cloud/pair` (WRITE).",
    cloud_unpair,
    "cloudUnpair",
    SuccessMessage,
    "Promise<SuccessMessage>",
    requests::cloud_unpair()
);
endpoint!(
    "`GET /ota/check`.",
    ota_check,
    "otaCheck",
    OtaCheck,
    "Promise<OtaCheck>",
    requests::ota_check()
);
endpoint!(
    "`POST /ota/start` (WRITE; waits at least 30 s for the device).",
    ota_start,
    "otaStart",
    OtaStart,
    "Promise<OtaStart>",
    requests::ota_start()
);

#[wasm_bindgen]
impl WattWaechter {
    /// `GET /system/wifi_scan` (`refresh` starts a new scan).
    #[wasm_bindgen(js_name = wifiScan, unchecked_return_type = "Promise<WifiScan>")]
    pub fn wifi_scan(&self, refresh: Option<bool>) -> Promise {
        self.call(
            Ok(requests::wifi_scan(refresh.unwrap_or(false))),
            json::<WifiScan>,
        )
    }

    /// `GET /history/latest`: every register as the device sent it, plus what the core derives
    /// from them (`power`, `importTotal`, `exportTotal`, `medium`, `volume`, `flow`); `null`
    /// before the first reading (204).
    #[wasm_bindgen(unchecked_return_type = "Promise<Latest | null>")]
    pub fn latest(&self) -> Promise {
        self.call(Ok(requests::latest()), latest)
    }

    /// `GET /history/highRes?date=YYYY-MM-DD`; `null` when there is no data (204).
    #[wasm_bindgen(js_name = historyHighRes, unchecked_return_type = "Promise<HighRes | null>")]
    pub fn history_high_res(&self, date: String) -> Promise {
        self.call(requests::history_high_res(&date), json::<HighRes>)
    }

    /// `GET /history/lowRes?start=YYYY-MM-DD&days=N` (N 1–31); `null` when there is no data.
    #[wasm_bindgen(js_name = historyLowRes, unchecked_return_type = "Promise<LowRes | null>")]
    pub fn history_low_res(&self, start: String, days: u32) -> Promise {
        self.call(requests::history_low_res(&start, days), json::<LowRes>)
    }

    /// `POST /settings` (WRITE): a partial update — only the keys given are sent.
    #[wasm_bindgen(js_name = updateSettings, unchecked_return_type = "Promise<SettingsApplied>")]
    pub fn update_settings(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SettingsUpdate")] update: JsValue,
    ) -> Promise {
        let update: SettingsUpdate = match from_js(update, "updateSettings") {
            Ok(update) => update,
            Err(e) => return Promise::reject(&e),
        };
        self.call(requests::update_settings(&update), json::<SettingsApplied>)
    }

    /// `POST /auth/tokens/confirm` (WRITE). Prefer `rotateTokens()`.
    #[wasm_bindgen(js_name = confirmTokens, unchecked_return_type = "Promise<SuccessMessage>")]
    pub fn confirm_tokens(
        &self,
        #[wasm_bindgen(js_name = newWriteToken)] new_write_token: String,
    ) -> Promise {
        self.call(
            Ok(requests::confirm_tokens(&new_write_token)),
            json::<SuccessMessage>,
        )
    }

    /// `POST /mqtt/ca` (WRITE): a PEM certificate; too large → `payloadTooLarge`.
    #[wasm_bindgen(js_name = mqttCaUpload, unchecked_return_type = "Promise<CaAction>")]
    pub fn mqtt_ca_upload(&self, pem: String) -> Promise {
        self.call(requests::mqtt_ca_upload(&pem), json::<CaAction>)
    }

    /// `POST /cloud/pair` (WRITE) with the portal's `WW-XXXXXXXX` token.
    #[wasm_bindgen(js_name = cloudPair, unchecked_return_type = "Promise<SuccessMessage>")]
    pub fn cloud_pair(
        &self,
        #[wasm_bindgen(js_name = pairingToken)] pairing_token: String,
    ) -> Promise {
        self.call(requests::cloud_pair(&pairing_token), json::<SuccessMessage>)
    }

    /// `GET /logs/rawdump`: the ring buffer's bytes; `null` when it is empty (204).
    #[wasm_bindgen(unchecked_return_type = "Promise<Uint8Array | null>")]
    pub fn rawdump(&self) -> Promise {
        self.call(Ok(requests::rawdump()), binary)
    }

    /// `GET /logs/persistent`: the CSV file (lossy UTF-8; `""` when empty).
    #[wasm_bindgen(js_name = logsPersistent, unchecked_return_type = "Promise<string>")]
    pub fn logs_persistent(&self) -> Promise {
        self.call(Ok(requests::logs_persistent()), text)
    }

    /// `GET /logs/ram`: the RAM log (lossy UTF-8; `""` when empty).
    #[wasm_bindgen(js_name = logsRam, unchecked_return_type = "Promise<string>")]
    pub fn logs_ram(&self) -> Promise {
        self.call(Ok(requests::logs_ram()), text)
    }

    /// Generates new tokens, confirms them within the device's 60 s and switches this client to
    /// them — only after the device confirmed. Returns the new pair (store it!).
    #[wasm_bindgen(js_name = rotateTokens, unchecked_return_type = "Promise<TokenPair>")]
    pub fn rotate_tokens(&self) -> Promise {
        let device = Rc::clone(&self.device);
        future_to_promise(async move {
            let mut rotation = TokenRotation::new();
            let generate = rotation.start();
            let ex = device.run(generate).await.map_err(|e| api_error(&e))?;
            let confirm = device
                .interpret(&ex, |resp, secrets| {
                    rotation.on_generated(resp, now_ms(), secrets)
                })
                .map_err(|e| api_error(&e))?;
            if !rotation.may_confirm(now_ms()) {
                return Err(api_error(&rotation.expire()));
            }
            let ex = device.run(confirm).await.map_err(|e| api_error(&e))?;
            let pair = device
                .interpret(&ex, |resp, secrets| {
                    rotation.on_confirmed(resp, now_ms(), secrets)
                })
                .map_err(|e| api_error(&e))?;
            *device.credentials.borrow_mut() =
                Credentials::pair(pair.token_read.clone(), pair.token_write.clone());
            to_js(&pair)
        })
    }
}
