//! The async client, over reqwest (tokio).

use crate::shared::{
    self, lock, now_ms, BudgetStatus, Device, Exchange, Interpret, Options, SharedBudget,
};
use std::time::Duration;
use wattwaechter::api::{Method, TokenPair};
use wattwaechter::client::{
    Action, ApiError, Call, Credentials, HttpRequest, RequestSpec, TokenRotation,
};

/// A WattWächter device, called from async code (tokio).
///
/// ```no_run
/// # async fn example() -> Result<(), wattwaechter_client::ApiError> {
/// use wattwaechter_client::{Client, Options};
///
/// let device = Client::new("192.168.1.50", Options::default())?;
/// println!("firmware {}", device.alive().await?.version);
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Client {
    device: Device,
    http: reqwest::Client,
}

/// A call in progress; if its future is dropped (a timeout of the caller's, a cancelled
/// task), it leaves the budget's queue, so that the calls behind it are not held up.
struct InFlight<'a> {
    call: Call,
    budget: &'a SharedBudget,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.call.cancel(&mut lock(self.budget));
    }
}

impl Client {
    /// A client for the device at `host` (`wattwaechter-XXXXXXXXXXXX.local`, an IP,
    /// `host:port`, or a base URL such as `http://127.0.0.1:8321`). Refuses options out of
    /// range.
    pub fn new(host: &str, options: Options) -> Result<Self, ApiError> {
        let device = Device::new(host, options)?;
        let http = reqwest::Client::builder()
            // The device never redirects: a redirect is reported, not followed.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ApiError::invalid(format!("the HTTP client could not start: {e}")))?;
        Ok(Client { device, http })
    }

    /// Replaces the tokens (after a rotation done elsewhere, or when the user enters one).
    pub fn set_credentials(&self, credentials: Credentials) {
        *lock(&self.device.credentials) = credentials;
    }

    /// The shared request budget of this device.
    pub fn budget_status(&self) -> BudgetStatus {
        shared::status(&self.device.budget)
    }

    /// Generates new tokens, confirms them within the device's 60 s and switches this client
    /// to them — only after the device confirmed. Returns the new pair (store it).
    pub async fn rotate_tokens(&self) -> Result<TokenPair, ApiError> {
        let mut rotation = TokenRotation::new();
        let ex = self.run(rotation.start()).await?;
        let secrets = self.device.secrets();
        let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
        let confirm = rotation.on_generated(&ex.response(), now_ms(), &refs)?;
        if !rotation.may_confirm(now_ms()) {
            return Err(rotation.expire());
        }
        let ex = self.run(confirm).await?;
        let pair = rotation.on_confirmed(&ex.response(), now_ms(), &refs)?;
        self.set_credentials(Credentials::pair(
            pair.token_read.clone(),
            pair.token_write.clone(),
        ));
        Ok(pair)
    }

    /// One endpoint: the call's waits and exchanges, then its answer read as `T` says.
    pub(crate) async fn call<T: Interpret>(
        &self,
        spec: Result<RequestSpec, ApiError>,
    ) -> Result<T::Out, ApiError> {
        let spec = spec?;
        let endpoint = spec.endpoint;
        let ex = self.run(spec).await?;
        let secrets = self.device.secrets();
        let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
        T::interpret(endpoint, &ex, &refs)
    }

    /// The core's call state machine, driven with tokio's timer and reqwest.
    async fn run(&self, spec: RequestSpec) -> Result<Exchange, ApiError> {
        let mut flight = InFlight {
            call: Call::new(spec, self.device.call_options, now_ms()),
            budget: &self.device.budget,
        };
        loop {
            match self.device.poll(&mut flight.call) {
                Action::WaitUntil(t) => {
                    tokio::time::sleep(Duration::from_millis(t.saturating_sub(now_ms()))).await
                }
                Action::Fail(e) => return Err(e),
                Action::Send(request) => {
                    let secrets = self.device.secrets();
                    let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
                    let ex = self.send(&request, &refs).await?;
                    if self.device.settle(&mut flight.call, &ex, &refs) {
                        return Ok(ex);
                    }
                }
            }
        }
    }

    /// One exchange with the device; the body is read chunk by chunk up to the limit.
    async fn send(&self, request: &HttpRequest, secrets: &[&str]) -> Result<Exchange, ApiError> {
        let url = shared::url(&self.device.host, &request.path_and_query);
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self
            .http
            .request(method, &url)
            .timeout(Duration::from_millis(u64::from(request.timeout_ms)));
        for (k, v) in &request.headers {
            builder = builder.header(*k, v.as_str());
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let failure = |e: reqwest::Error| {
            let mut error = if e.is_timeout() {
                ApiError::timeout(request.timeout_ms, secrets)
            } else {
                ApiError::network(&e.to_string(), false, secrets)
            };
            error.endpoint = Some(request.endpoint);
            error
        };
        let mut response = builder.send().await.map_err(failure)?;
        let status = response.status().as_u16();
        let too_large = || self.device.too_large(request.endpoint, status);
        if response
            .content_length()
            .is_some_and(|n| n > self.device.max_body_bytes)
        {
            return Err(too_large());
        }
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(failure)? {
            if (body.len() + chunk.len()) as u64 > self.device.max_body_bytes {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Exchange {
            status,
            retry_after,
            body,
        })
    }
}
