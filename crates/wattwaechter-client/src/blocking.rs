//! The blocking client, over ureq.

use crate::shared::{self, lock, now_ms, BudgetStatus, Device, Exchange, Interpret, Options};
use std::time::Duration;
use wattwaechter::api::{Method, TokenPair};
use wattwaechter::client::{
    Action, ApiError, Call, Credentials, HttpRequest, RequestSpec, TokenRotation,
};

/// A WattWächter device, called from blocking code (one thread waits for each call).
///
/// ```no_run
/// use wattwaechter_client::{BlockingClient, Options};
///
/// let device = BlockingClient::new("192.168.1.50", Options::default())?;
/// println!("firmware {}", device.alive()?.version);
/// # Ok::<(), wattwaechter_client::ApiError>(())
/// ```
#[derive(Debug)]
pub struct BlockingClient {
    device: Device,
    agent: ureq::Agent,
}

impl BlockingClient {
    /// A client for the device at `host` (`wattwaechter-XXXXXXXXXXXX.local`, an IP,
    /// `host:port`, or a base URL such as `http://127.0.0.1:8321`). Refuses options out of
    /// range.
    pub fn new(host: &str, options: Options) -> Result<Self, ApiError> {
        let device = Device::new(host, options)?;
        let agent = ureq::Agent::config_builder()
            // The device never redirects: a redirect is reported, not followed.
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .into();
        Ok(BlockingClient { device, agent })
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
    pub fn rotate_tokens(&self) -> Result<TokenPair, ApiError> {
        let mut rotation = TokenRotation::new();
        let ex = self.run(rotation.start())?;
        let secrets = self.device.secrets();
        let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
        let confirm = rotation.on_generated(&ex.response(), now_ms(), &refs)?;
        if !rotation.may_confirm(now_ms()) {
            return Err(rotation.expire());
        }
        let ex = self.run(confirm)?;
        let pair = rotation.on_confirmed(&ex.response(), now_ms(), &refs)?;
        self.set_credentials(Credentials::pair(
            pair.token_read.clone(),
            pair.token_write.clone(),
        ));
        Ok(pair)
    }

    /// One endpoint: the call's waits and exchanges, then its answer read as `T` says.
    pub(crate) fn call<T: Interpret>(
        &self,
        spec: Result<RequestSpec, ApiError>,
    ) -> Result<T::Out, ApiError> {
        let spec = spec?;
        let endpoint = spec.endpoint;
        let ex = self.run(spec)?;
        let secrets = self.device.secrets();
        let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
        T::interpret(endpoint, &ex, &refs)
    }

    /// The core's call state machine, driven with sleeps and ureq.
    fn run(&self, spec: RequestSpec) -> Result<Exchange, ApiError> {
        let mut call = Call::new(spec, self.device.call_options, now_ms());
        loop {
            match self.device.poll(&mut call) {
                Action::WaitUntil(t) => {
                    std::thread::sleep(Duration::from_millis(t.saturating_sub(now_ms())))
                }
                Action::Fail(e) => return Err(e),
                Action::Send(request) => {
                    let secrets = self.device.secrets();
                    let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
                    let ex = self.send(&request, &refs)?;
                    if self.device.settle(&mut call, &ex, &refs) {
                        return Ok(ex);
                    }
                }
            }
        }
    }

    /// One exchange with the device.
    fn send(&self, request: &HttpRequest, secrets: &[&str]) -> Result<Exchange, ApiError> {
        let url = shared::url(&self.device.host, &request.path_and_query);
        let timeout = Some(Duration::from_millis(u64::from(request.timeout_ms)));
        let sent = match request.method {
            Method::Get | Method::Delete => {
                let mut b = if request.method == Method::Get {
                    self.agent.get(&url)
                } else {
                    self.agent.delete(&url)
                };
                for (k, v) in &request.headers {
                    b = b.header(*k, v.as_str());
                }
                b.config().timeout_global(timeout).build().call()
            }
            Method::Post => {
                let mut b = self.agent.post(&url);
                for (k, v) in &request.headers {
                    b = b.header(*k, v.as_str());
                }
                let b = b.config().timeout_global(timeout).build();
                match &request.body {
                    Some(body) => b.send(body.as_str()),
                    None => b.send_empty(),
                }
            }
        };
        let mut response = sent.map_err(|e| self.failure(e, request, secrets))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(String::from)
        };
        let retry_after = header("retry-after");
        let declared = header("content-length").and_then(|n| n.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > self.device.max_body_bytes) {
            return Err(self.device.too_large(request.endpoint, status));
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(self.device.max_body_bytes)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => self.device.too_large(request.endpoint, status),
                other => self.failure(other, request, secrets),
            })?;
        Ok(Exchange {
            status,
            retry_after,
            body,
        })
    }

    /// A transport failure as the client's error.
    fn failure(&self, e: ureq::Error, request: &HttpRequest, secrets: &[&str]) -> ApiError {
        let mut error = match e {
            ureq::Error::Timeout(_) => ApiError::timeout(request.timeout_ms, secrets),
            other => ApiError::network(&other.to_string(), false, secrets),
        };
        error.endpoint = Some(request.endpoint);
        error
    }
}
