//! What both clients share: the options, the process-wide budgets, the clock, and turning a
//! final answer into a typed value.

use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Instant;
use wattwaechter::api::Endpoint;
use wattwaechter::client::{
    interpret_binary, interpret_json, interpret_text, origin_of, Action, ApiError, Call,
    CallOptions, Credentials, ErrorKind, HttpResponse, Next, RateBudget, RetryPolicy,
    DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS,
};

/// How a client behaves.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The tokens (none: the device's default, auth off).
    pub credentials: Credentials,
    /// The longest a call takes, in ms, waiting for the budget, the retries and the device's
    /// answers included (default 30 000; OTA start at least 30 000).
    pub timeout_ms: u32,
    /// Attempts after 429/503 in total, the first included (default 3).
    pub max_attempts: u32,
    /// This client's share of the device's 25 requests per 10 s, above 0 and at most 1
    /// (default 1). The first client for a device sets the shared budget's share.
    pub rate_share: f64,
    /// The largest answer body read, in bytes (default 16 MiB).
    pub max_body_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            credentials: Credentials::none(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            max_attempts: RetryPolicy::default().max_attempts,
            rate_share: 1.0,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

impl Options {
    /// The defaults with one token for everything (a WRITE token can also read).
    pub fn token(token: impl Into<String>) -> Self {
        Options {
            credentials: Credentials::token(token),
            ..Options::default()
        }
    }

    /// The core's call options, checked.
    pub(crate) fn call_options(&self) -> Result<CallOptions, ApiError> {
        let options = CallOptions {
            timeout_ms: self.timeout_ms,
            retry: RetryPolicy {
                max_attempts: self.max_attempts,
                ..RetryPolicy::default()
            },
        };
        options.validate()?;
        if self.max_body_bytes == 0 {
            return Err(ApiError::invalid("max_body_bytes must be at least 1"));
        }
        Ok(options)
    }
}

/// The state of a device's shared request budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetStatus {
    /// Requests per window.
    pub limit: u32,
    /// The window in ms (the device's 10 s plus a safety margin).
    pub window_ms: u64,
    /// Calls waiting for the budget now.
    pub queued: usize,
    /// How long until the next request may start, in ms (0: now), the device's
    /// `Retry-After` included.
    pub wait_ms: u64,
}

/// A budget shared by every client for one device in this process.
pub(crate) type SharedBudget = Arc<Mutex<RateBudget>>;

/// The budget every client for the device at `host` shares (keyed by its origin).
pub(crate) fn budget_for(host: &str, share: f64) -> Result<SharedBudget, ApiError> {
    static BUDGETS: OnceLock<Mutex<HashMap<String, SharedBudget>>> = OnceLock::new();
    let budget = RateBudget::device_share(share)?;
    let key = origin_of(host);
    if key.is_empty() {
        return Err(ApiError::invalid(
            "no host: give the device's name or address (wattwaechter-XXXXXXXXXXXX.local, 192.168.1.50, http://host:port)",
        ));
    }
    let mut all = lock(BUDGETS.get_or_init(Default::default));
    Ok(all
        .entry(key)
        .or_insert_with(|| Arc::new(Mutex::new(budget)))
        .clone())
}

/// Locks a mutex, also after a panic elsewhere (the budget stays consistent between calls).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Milliseconds on a monotonic clock shared by every client of the process.
pub(crate) fn now_ms() -> u64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_millis() as u64
}

/// The status of `budget` now.
pub(crate) fn status(budget: &SharedBudget) -> BudgetStatus {
    let now = now_ms();
    let mut b = lock(budget);
    BudgetStatus {
        limit: b.limit(),
        window_ms: b.window_ms(),
        queued: b.queued(),
        wait_ms: b.earliest_start(now).saturating_sub(now),
    }
}

/// What both clients hold of the device: where it is, the tokens, the call options, the body
/// limit and the shared budget.
#[derive(Debug)]
pub(crate) struct Device {
    pub host: String,
    pub credentials: Mutex<Credentials>,
    pub call_options: CallOptions,
    pub max_body_bytes: u64,
    pub budget: SharedBudget,
}

impl Device {
    /// The device at `host` with `options`, checked; its budget shared with every client for
    /// it in this process.
    pub(crate) fn new(host: &str, options: Options) -> Result<Self, ApiError> {
        Ok(Device {
            call_options: options.call_options()?,
            budget: budget_for(host, options.rate_share)?,
            host: host.to_string(),
            credentials: Mutex::new(options.credentials),
            max_body_bytes: options.max_body_bytes,
        })
    }

    /// The current tokens (for redaction while they may change).
    pub(crate) fn secrets(&self) -> Vec<String> {
        lock(&self.credentials)
            .secrets()
            .into_iter()
            .map(String::from)
            .collect()
    }

    /// The call's next step, with the current credentials and this device's budget.
    pub(crate) fn poll(&self, call: &mut Call) -> Action {
        let credentials = lock(&self.credentials).clone();
        call.poll(&mut lock(&self.budget), &credentials, now_ms())
    }

    /// Hands the device's answer to the call; `true` when the call is done with it (else it
    /// waits and sends again).
    pub(crate) fn settle(&self, call: &mut Call, ex: &Exchange, secrets: &[&str]) -> bool {
        let next = call.on_answer(&mut lock(&self.budget), &ex.response(), secrets, now_ms());
        next == Next::Done
    }

    /// The answer was larger than the client reads.
    pub(crate) fn too_large(&self, endpoint: Endpoint, status: u16) -> ApiError {
        ApiError::response_too_large(endpoint, status, self.max_body_bytes)
    }
}

/// What came back from the device.
pub(crate) struct Exchange {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: Vec<u8>,
}

impl Exchange {
    /// The answer as the core reads it.
    pub(crate) fn response(&self) -> HttpResponse<'_> {
        HttpResponse {
            status: self.status,
            retry_after: self.retry_after.as_deref(),
            body: &self.body,
        }
    }
}

/// How a final answer becomes a value: one marker type per kind of endpoint.
pub(crate) trait Interpret {
    /// What the endpoint's method returns.
    type Out;
    fn interpret(
        endpoint: Endpoint,
        ex: &Exchange,
        secrets: &[&str],
    ) -> Result<Self::Out, ApiError>;
}

/// A JSON endpoint that always answers with a value.
pub(crate) struct Json<T>(PhantomData<T>);

impl<T: DeserializeOwned> Interpret for Json<T> {
    type Out = T;
    fn interpret(endpoint: Endpoint, ex: &Exchange, secrets: &[&str]) -> Result<T, ApiError> {
        match interpret_json(endpoint, &ex.response(), secrets)? {
            Some(v) => Ok(v),
            None => {
                let mut e = ApiError::invalid(format!(
                    "{} answered 204 (no content), which this endpoint does not document",
                    endpoint.full_path()
                ));
                e.kind = ErrorKind::BadResponse;
                e.status = Some(ex.status);
                e.endpoint = Some(endpoint);
                Err(e)
            }
        }
    }
}

/// A JSON endpoint whose 204 means "no data" (`None`).
pub(crate) struct JsonOrNone<T>(PhantomData<T>);

impl<T: DeserializeOwned> Interpret for JsonOrNone<T> {
    type Out = Option<T>;
    fn interpret(
        endpoint: Endpoint,
        ex: &Exchange,
        secrets: &[&str],
    ) -> Result<Option<T>, ApiError> {
        interpret_json(endpoint, &ex.response(), secrets)
    }
}

/// A text endpoint (the logs): lossy UTF-8, `""` for a 204.
pub(crate) struct Text;

impl Interpret for Text {
    type Out = String;
    fn interpret(endpoint: Endpoint, ex: &Exchange, secrets: &[&str]) -> Result<String, ApiError> {
        interpret_text(endpoint, &ex.response(), secrets)
    }
}

/// A binary endpoint (the ring-buffer dump): `None` for a 204.
pub(crate) struct Binary;

impl Interpret for Binary {
    type Out = Option<Vec<u8>>;
    fn interpret(
        endpoint: Endpoint,
        ex: &Exchange,
        secrets: &[&str],
    ) -> Result<Option<Vec<u8>>, ApiError> {
        interpret_binary(endpoint, &ex.response(), secrets)
    }
}

/// The URL of a request to the device at `host`.
pub(crate) fn url(host: &str, path_and_query: &str) -> String {
    let host = host.trim().trim_end_matches('/');
    if host.contains("://") {
        format!("{host}{path_and_query}")
    } else {
        format!("http://{host}{path_and_query}")
    }
}
