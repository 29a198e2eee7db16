//! `new WattWaechter(host, options)`: one async method per endpoint.

use crate::convert::{api_error, from_js, to_js};
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
    interpret_binary, interpret_json, interpret_text, requests, ApiError, Credentials,
    HttpResponse, Poll, RateBudget, RequestSpec, RetryDecision, RetryPolicy, TokenRotation,
    DEFAULT_TIMEOUT_MS,
};

/// Constructor options.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct Options {
    token: Option<String>,
    read_token: Option<String>,
    write_token: Option<String>,
    timeout_ms: Option<u32>,
    max_retries: Option<u32>,
    rate_share: Option<f64>,
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
  /** Request timeout in ms (default 10000; OTA start always at least 30000). */
  timeoutMs?: number;
  /** Attempts after 429/503 in total (default 3). */
  maxRetries?: number;
  /** This client's share of the device's 25 requests per 10 s, 0–1 (default 1). Every client for the same host in this page/worker shares one budget. */
  rateShare?: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}
"#;

thread_local! {
    /// One budget per host for the whole page or worker.
    static BUDGETS: RefCell<HashMap<String, Rc<RefCell<RateBudget>>>> = RefCell::new(HashMap::new());
}

fn budget_for(host: &str, share: f64) -> Rc<RefCell<RateBudget>> {
    BUDGETS.with(|b| {
        b.borrow_mut()
            .entry(host.to_ascii_lowercase())
            .or_insert_with(|| Rc::new(RefCell::new(RateBudget::device_share(share))))
            .clone()
    })
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

async fn sleep_ms(ms: u64) {
    gloo_timers::future::TimeoutFuture::new(ms.min(u64::from(u32::MAX)) as u32).await;
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
    timeout_ms: u32,
    retry: RetryPolicy,
    budget: Rc<RefCell<RateBudget>>,
    fetch: Option<js_sys::Function>,
}

#[wasm_bindgen]
impl WattWaechter {
    /// `host`: `wattwaechter-XXXXXXXXXXXX.local`, an IP, `host:port`, or a base URL
    /// (`http://127.0.0.1:8321`); `""` for the page's own origin (the simulator's proxy mode).
    #[wasm_bindgen(constructor)]
    pub fn new(
        host: String,
        #[wasm_bindgen(unchecked_param_type = "ClientOptions | undefined")] options: JsValue,
    ) -> Result<WattWaechter, JsValue> {
        let fetch_fn = if options.is_object() {
            js_sys::Reflect::get(&options, &"fetch".into()).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        };
        // `fetch` is read above: a function does not survive the JSON the options go through.
        let plain = if options.is_object() {
            let copy = js_sys::Object::assign(&js_sys::Object::new(), options.unchecked_ref());
            let _ = js_sys::Reflect::delete_property(&copy, &"fetch".into());
            copy.into()
        } else {
            options
        };
        let o: Options = from_js(plain, "WattWaechter options")?;
        let credentials = match (o.token, o.read_token, o.write_token) {
            (Some(t), r, w) => Credentials {
                read: Some(r.unwrap_or_else(|| t.clone())),
                write: Some(w.unwrap_or(t)),
            },
            (None, r, w) => Credentials {
                read: r.clone().or(w.clone()),
                write: w.or(r),
            },
        };
        let fetch = if fetch_fn.is_function() {
            Some(fetch_fn.unchecked_into())
        } else {
            None
        };
        Ok(WattWaechter {
            device: Rc::new(Device {
                budget: budget_for(&host, o.rate_share.unwrap_or(1.0)),
                host,
                credentials: RefCell::new(credentials),
                timeout_ms: o.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
                retry: RetryPolicy {
                    max_attempts: o.max_retries.unwrap_or(3).max(1),
                    ..RetryPolicy::default()
                },
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

    /// The request budget's limit per 10 s and how many calls wait for it.
    #[wasm_bindgen(js_name = budgetStatus, unchecked_return_type = "{ limit: number; queued: number }")]
    pub fn budget_status(&self) -> Result<JsValue, JsValue> {
        #[derive(serde::Serialize)]
        struct S {
            limit: u32,
            queued: usize,
        }
        let b = self.device.budget.borrow();
        to_js(&S {
            limit: b.limit(),
            queued: b.queued(),
        })
    }
}

impl WattWaechter {
    /// One request: the budget, the exchange with its retries, and `convert` on the answer.
    /// Every endpoint's promise is this one future (measured: an `async fn` per endpoint put a
    /// state machine and a `future_to_promise` per endpoint into the `.wasm`).
    fn call(&self, spec: Result<RequestSpec, ApiError>, convert: Convert) -> Promise {
        let device = Rc::clone(&self.device);
        future_to_promise(async move {
            let spec = spec.map_err(|e| api_error(&e))?;
            let ex = device.exchange(&spec).await.map_err(|e| api_error(&e))?;
            device.interpret(&ex, |resp, secrets| convert(spec.endpoint, resp, secrets))
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

    /// Waits for the budget, sends, retries 429/503 as the policy says.
    async fn exchange(&self, spec: &RequestSpec) -> Result<Exchange, ApiError> {
        let mut attempt = 1;
        loop {
            let ticket = self.budget.borrow_mut().enqueue();
            loop {
                let now = now_ms();
                let poll = self.budget.borrow_mut().poll(ticket, now);
                match poll {
                    Poll::Ready => break,
                    Poll::WaitUntil(t) => sleep_ms(t.saturating_sub(now).max(1)).await,
                }
            }
            let req = spec.build(&self.credentials.borrow(), self.timeout_ms);
            let secrets = self.secrets();
            let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
            let ex = net::send(&req.url(&self.host), &req, self.fetch.as_ref(), &refs).await?;
            if ex.status == 429 || ex.status == 503 {
                let resp = HttpResponse {
                    status: ex.status,
                    retry_after: ex.retry_after.as_deref(),
                    body: &ex.body,
                };
                let err = wattwaechter::client::error_for_status(spec.endpoint, &resp, &refs);
                if let Some(s) = err.retry_after {
                    self.budget
                        .borrow_mut()
                        .back_off(now_ms() + u64::from(s) * 1000);
                }
                if let RetryDecision::RetryAfterMs(ms) = self.retry.decide(&err, attempt) {
                    sleep_ms(ms).await;
                    attempt += 1;
                    continue;
                }
            }
            return Ok(ex);
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
    "`GET /history/latest`; `null` before the first reading (204).",
    latest,
    "latest",
    Latest,
    "Promise<Latest | null>",
    requests::latest()
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
            let ex = device
                .exchange(&generate)
                .await
                .map_err(|e| api_error(&e))?;
            let confirm = device
                .interpret(&ex, |resp, secrets| {
                    rotation.on_generated(resp, now_ms(), secrets)
                })
                .map_err(|e| api_error(&e))?;
            if !rotation.may_confirm(now_ms()) {
                return Err(api_error(&rotation.expire()));
            }
            let ex = device.exchange(&confirm).await.map_err(|e| api_error(&e))?;
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
