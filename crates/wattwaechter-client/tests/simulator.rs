//! Both clients against the simulator: every endpoint with auth on, token rotation, 429 and
//! 503 waited out, a burst of 100 calls without a single 429 at the device; and against
//! hostile fake devices: endless bodies, redirects, an absurd `Retry-After`.

use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wattwaechter::api::SettingsUpdate;
use wattwaechter_client::{BlockingClient, Client, Credentials, ErrorKind, Options};
use wattwaechter_sim::{SimConfig, Simulator};

const READ: &str = "READ0123456789AB";
const WRITE: &str = "WRITE0123456789A";

fn config(auth: bool, rate_limit: bool) -> SimConfig {
    let mut c = SimConfig::default();
    c.runtime.selftest_ms = 10;
    c.runtime.rate_limit = rate_limit;
    c.runtime.auth_required = auth;
    c.control = true;
    c
}

fn pair() -> Options {
    Options {
        credentials: Credentials::pair(READ, WRITE),
        ..Options::default()
    }
}

async fn set(sim: &Simulator, json: &str) {
    let mut s = tokio::net::TcpStream::connect(sim.addr()).await.unwrap();
    let req = format!(
        "POST /__sim/config HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{json}",
        json.len()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

fn yesterday(sim: &Simulator) -> String {
    let t = sim.state().clock.now_s() - 86_400;
    wattwaechter_sim::clock::utc(t).date().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_async_client_calls_every_endpoint_with_auth() {
    let mut cfg = config(true, false);
    cfg.runtime.setup_mode = true;
    let sim = Simulator::start(cfg).await.unwrap();
    let c = Client::new(&sim.base_url(), pair()).unwrap();
    assert!(c.alive().await.unwrap().alive);
    assert_eq!(c.system_info().await.unwrap().model_id(), Some("ww_plus"));
    c.led().await.unwrap();
    assert_eq!(c.selftest().await.unwrap().result, "SUCCESS");
    assert!(c.wifi_scan(false).await.unwrap().count > 0);
    assert!(!c.timezones().await.unwrap().is_empty());
    let latest = c.latest().await.unwrap().expect("a reading");
    assert!(latest.power().is_some() && latest.total_import().unwrap() > 0.0);
    assert_eq!(
        c.history_high_res(&yesterday(&sim))
            .await
            .unwrap()
            .unwrap()
            .items
            .len(),
        96
    );
    assert!(c
        .history_low_res(&yesterday(&sim), 7)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        c.history_low_res(&yesterday(&sim), 40)
            .await
            .unwrap_err()
            .kind,
        ErrorKind::InvalidRequest
    );
    assert_eq!(c.settings().await.unwrap().timezone, "Europe/Berlin");
    let update = SettingsUpdate::new().device_name("async");
    assert!(c.update_settings(&update).await.unwrap().success);
    assert_eq!(c.setup_token().await.unwrap().write_token, WRITE);
    let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    assert!(c.mqtt_ca_upload(pem).await.unwrap().success);
    assert!(c.mqtt_ca().await.unwrap().has_custom_cert);
    assert!(c.mqtt_ca_delete().await.unwrap().success);
    c.mqtt_status().await.unwrap();
    c.modbus_status().await.unwrap();
    assert!(c.cloud_pair("WW-ABCD2345").await.unwrap().success);
    assert!(c.cloud_unpair().await.unwrap().success);
    assert!(c.ota_check().await.unwrap().ok);
    assert!(c.ota_start().await.unwrap().ok);
    assert_eq!(c.rawdump().await.unwrap().unwrap().len(), 4096);
    assert!(c.logs_persistent().await.unwrap().contains(';'));
    assert!(c.logs_ram().await.unwrap().contains(';'));
    assert!(c.reboot().await.unwrap().rebooting);
    // The READ token on a WRITE endpoint; no token at all.
    let read = Client::new(&sim.base_url(), Options::token(READ)).unwrap();
    let e = read.reboot().await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(!e.message.contains(READ), "{e}");
    let none = Client::new(&sim.base_url(), Options::default()).unwrap();
    assert_eq!(
        none.settings().await.unwrap_err().kind,
        ErrorKind::Unauthorized
    );
    // Token rotation: the client switches to the new tokens the device confirmed.
    let fresh = c.rotate_tokens().await.unwrap();
    assert_ne!(fresh.token_write, WRITE);
    assert_eq!(sim.state().runtime().write_token, fresh.token_write);
    assert!(c.settings().await.is_ok(), "the client uses the new tokens");
    assert_eq!(
        Client::new(&sim.base_url(), pair())
            .unwrap()
            .settings()
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Unauthorized,
        "the old ones are gone"
    );
}

#[test]
fn the_blocking_client_calls_every_endpoint_with_auth() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut cfg = config(true, false);
    cfg.runtime.setup_mode = true;
    let sim = rt.block_on(Simulator::start(cfg)).unwrap();
    let c = BlockingClient::new(&sim.base_url(), pair()).unwrap();
    assert!(c.alive().unwrap().alive);
    assert_eq!(c.system_info().unwrap().model_id(), Some("ww_plus"));
    c.led().unwrap();
    assert_eq!(c.selftest().unwrap().result, "SUCCESS");
    assert!(c.wifi_scan(true).unwrap().scanning);
    assert!(!c.timezones().unwrap().is_empty());
    assert!(c.latest().unwrap().unwrap().power().is_some());
    assert_eq!(
        c.history_high_res(&yesterday(&sim))
            .unwrap()
            .unwrap()
            .items
            .len(),
        96
    );
    assert!(c.history_low_res(&yesterday(&sim), 31).unwrap().is_some());
    assert_eq!(c.settings().unwrap().timezone, "Europe/Berlin");
    assert!(
        c.update_settings(&SettingsUpdate::new().led_enable(false))
            .unwrap()
            .success
    );
    assert_eq!(c.setup_token().unwrap().read_token, READ);
    c.mqtt_ca().unwrap();
    assert_eq!(c.mqtt_ca_delete().unwrap_err().kind, ErrorKind::NotFound);
    c.mqtt_status().unwrap();
    c.modbus_status().unwrap();
    // The device judges the pairing token's form.
    assert_eq!(
        c.cloud_pair("nope").unwrap_err().kind,
        ErrorKind::BadRequest
    );
    assert!(c.cloud_unpair().unwrap().success);
    assert!(c.ota_check().unwrap().ok);
    assert!(c.ota_start().unwrap().ok);
    assert_eq!(c.rawdump().unwrap().unwrap().len(), 4096);
    assert!(!c.logs_persistent().unwrap().is_empty());
    assert!(!c.logs_ram().unwrap().is_empty());
    let generated = c.generate_tokens().unwrap();
    assert!(
        c.confirm_tokens(&generated.pending.token_write)
            .unwrap()
            .success
    );
    assert_eq!(c.settings().unwrap_err().kind, ErrorKind::Unauthorized);
    c.set_credentials(Credentials::pair(
        generated.pending.token_read,
        generated.pending.token_write,
    ));
    assert!(c.reboot().unwrap().rebooting);
    drop(sim);
}

/// 429 and 503 are waited out (after `Retry-After`) within the call's timeout, and reported
/// with the wait when it does not fit.
#[tokio::test(flavor = "multi_thread")]
async fn rate_limits_and_heap_protection_are_waited_out() {
    let sim = Simulator::start(config(false, true)).await.unwrap();
    let c = Client::new(&sim.base_url(), Options::default()).unwrap();
    set(&sim, r#"{"busy": true}"#).await;
    let started = Instant::now();
    let url = sim.base_url();
    let later = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        url
    });
    let call = c.alive();
    let unbusy = async {
        let _ = later.await;
        set(&sim, r#"{"busy": false}"#).await;
    };
    let (alive, ()) = tokio::join!(call, unbusy);
    assert!(alive.unwrap().alive);
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(5) && took < Duration::from_secs(9),
        "503 Retry-After 5 waited out: {took:?}"
    );
    // A device-wide limit of 0: the 429's Retry-After (10 s) does not fit a 3 s call.
    set(&sim, r#"{"rate_limit_requests": 0}"#).await;
    let short = Client::new(
        &sim.base_url().replace("127.0.0.1", "localhost"),
        Options {
            timeout_ms: 3000,
            ..Options::default()
        },
    )
    .unwrap();
    let t = Instant::now();
    let e = short.alive().await.unwrap_err();
    assert_eq!(
        (e.kind, e.status, e.retry_after),
        (ErrorKind::RateLimited, Some(429), Some(10))
    );
    assert!(t.elapsed() < Duration::from_secs(2), "reported at once");
    // The next call to that device waits for the back-off — longer than its timeout.
    let e = short.alive().await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::RateLimited);
    assert!(e.status.is_none() && e.retry_after.unwrap() >= 9, "{e}");
}

/// 100 calls at once (async) from two clients of one device: they wait for the shared budget;
/// the device never says 429.
#[tokio::test(flavor = "multi_thread")]
async fn a_burst_of_100_calls_is_never_refused() {
    let sim = Simulator::start(config(false, true)).await.unwrap();
    let slow = Options {
        timeout_ms: 60_000,
        ..Options::default()
    };
    let a = Client::new(&sim.base_url(), slow.clone()).unwrap();
    let b = Client::new(&format!("{}/", sim.base_url().to_uppercase()), slow).unwrap();
    let started = Instant::now();
    let calls = (0..100).map(|i| {
        let (a, b) = (&a, &b);
        async move {
            if i % 2 == 0 {
                a.alive().await
            } else {
                b.alive().await
            }
        }
    });
    let results = futures_util::future::join_all(calls).await;
    let took = started.elapsed();
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(
        sim.state()
            .rejected_429
            .load(std::sync::atomic::Ordering::Relaxed),
        0,
        "the device never said 429"
    );
    assert!(
        took >= Duration::from_secs(30) && took < Duration::from_secs(40),
        "four waves of 25 at 25 per 10 s (+1 s margin): {took:?}"
    );
    eprintln!("100 calls in {took:?}, 0 refused by the device");
}

/// A fake device that answers every request with `answer` (then keeps streaming `endless`
/// bytes if given).
async fn fake_device(answer: &'static [u8], endless: bool) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf).await;
                let _ = s.write_all(answer).await;
                let chunk = vec![b'A'; 64 * 1024];
                while endless && s.write_all(&chunk).await.is_ok() {}
            });
        }
    });
    format!("127.0.0.1:{}", addr.port())
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_devices_get_clean_errors_in_both_clients() {
    let endless = fake_device(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n",
        true,
    )
    .await;
    let declared = fake_device(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: 3221225472\r\n\r\nAAAA",
        false,
    )
    .await;
    let redirect = fake_device(
        b"HTTP/1.1 307 Temporary Redirect\r\nlocation: http://127.0.0.1:9/api/v1/settings\r\ncontent-length: 0\r\n\r\n",
        false,
    )
    .await;
    let greedy = fake_device(
        b"HTTP/1.1 429 Too Many Requests\r\nretry-after: 999999\r\ncontent-length: 29\r\n\r\n{\"error\":\"Too many requests\"}",
        false,
    )
    .await;
    let small = Options {
        max_body_bytes: 1 << 20,
        ..Options::default()
    };
    let t = Instant::now();
    let e = Client::new(&endless, small.clone())
        .unwrap()
        .alive()
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.status),
        (ErrorKind::ResponseTooLarge, Some(200)),
        "{e}"
    );
    let e = Client::new(&declared, Options::default())
        .unwrap()
        .rawdump()
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::ResponseTooLarge);
    let e = Client::new(&redirect, Options::token(WRITE))
        .unwrap()
        .update_settings(&SettingsUpdate::new().device_name("x"))
        .await
        .unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Redirected, Some(307)));
    let e = Client::new(&greedy, Options::default())
        .unwrap()
        .alive()
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.retry_after),
        (ErrorKind::RateLimited, Some(999_999))
    );
    let later = Client::new(
        &format!("http://{greedy}/"),
        Options {
            timeout_ms: 2000,
            ..Options::default()
        },
    )
    .unwrap();
    let e = later.alive().await.unwrap_err();
    assert!(
        e.retry_after.unwrap() <= 60,
        "back-off clamped to 60 s: {e}"
    );
    assert!(later.budget_status().wait_ms <= 60_000);
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "all at once: {:?}",
        t.elapsed()
    );
    // The blocking client the same way.
    tokio::task::spawn_blocking(move || {
        let e = BlockingClient::new(&endless, small)
            .unwrap()
            .alive()
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::ResponseTooLarge, "{e}");
        let e = BlockingClient::new(&declared, Options::default())
            .unwrap()
            .rawdump()
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::ResponseTooLarge);
        let e = BlockingClient::new(&redirect, Options::default())
            .unwrap()
            .settings()
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Redirected);
        for bad in [0.0, -1.0, f64::NAN, 2.0] {
            let options = Options {
                rate_share: bad,
                ..Options::default()
            };
            assert_eq!(
                BlockingClient::new(&greedy, options).unwrap_err().kind,
                ErrorKind::InvalidRequest
            );
        }
    })
    .await
    .unwrap();
}
