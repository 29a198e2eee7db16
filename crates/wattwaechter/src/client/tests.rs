use super::*;
use crate::api::{AuthLevel, Endpoint, Latest, Method, SettingsUpdate, SystemInfo, Timezone};
use alloc::string::String;
use alloc::vec::Vec;

const READ: &str = "READTOKEN1234567";
const WRITE: &str = "WRITETOKEN765432";

fn every_request() -> Vec<RequestSpec> {
    vec![
        requests::alive(),
        requests::system_info(),
        requests::led(),
        requests::selftest(),
        requests::wifi_scan(true),
        requests::timezones(),
        requests::reboot(),
        requests::latest(),
        requests::history_high_res("2024-03-08").unwrap(),
        requests::history_low_res("2024-03-01", 31).unwrap(),
        requests::settings(),
        requests::update_settings(&SettingsUpdate::new().led_enable(false)).unwrap(),
        requests::generate_tokens(),
        requests::confirm_tokens("NEWWRITE"),
        requests::setup_token(),
        requests::mqtt_ca(),
        requests::mqtt_ca_upload("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")
            .unwrap(),
        requests::mqtt_ca_delete(),
        requests::mqtt_status(),
        requests::modbus_status(),
        requests::cloud_pair("WW-ABCD2345").unwrap(),
        requests::cloud_unpair(),
        requests::ota_check(),
        requests::ota_start(),
        requests::rawdump(),
        requests::logs_persistent(),
        requests::logs_ram(),
    ]
}

#[test]
fn every_endpoint_has_a_builder_and_builds_correctly() {
    let all = every_request();
    let mut endpoints: Vec<Endpoint> = all.iter().map(|r| r.endpoint).collect();
    endpoints.dedup();
    assert_eq!(endpoints, Endpoint::ALL);
    let creds = Credentials::pair(READ, WRITE);
    for spec in &all {
        let req = spec.build(&creds, 10_000);
        let e = spec.endpoint;
        assert_eq!(req.method, e.method());
        assert!(req.path_and_query.starts_with(&e.full_path()), "{e:?}");
        let auth = req
            .headers
            .iter()
            .find(|(k, _)| *k == "Authorization")
            .map(|(_, v)| v.as_str());
        match e.auth() {
            AuthLevel::None => assert_eq!(auth, None, "{e:?}"),
            AuthLevel::Read => assert_eq!(auth, Some("Bearer READTOKEN1234567"), "{e:?}"),
            AuthLevel::Write => assert_eq!(auth, Some("Bearer WRITETOKEN765432"), "{e:?}"),
        }
        let content_type = req
            .headers
            .iter()
            .any(|(k, v)| *k == "Content-Type" && v == "application/json");
        assert_eq!(content_type, req.body.is_some(), "{e:?}");
        assert_eq!(
            req.timeout_ms,
            if e == Endpoint::OtaStart {
                30_000
            } else {
                10_000
            }
        );
        let shown = alloc::format!("{req:?} {spec:?}");
        assert!(
            !shown.contains(READ) && !shown.contains(WRITE) && !shown.contains("NEWWRITE"),
            "{shown}"
        );
    }
}

#[test]
fn queries_bodies_and_urls() {
    let c = Credentials::none();
    let r = requests::history_low_res("2024-03-01", 7)
        .unwrap()
        .build(&c, 5000);
    assert_eq!(
        r.path_and_query,
        "/api/v1/history/lowRes?start=2024-03-01&days=7"
    );
    assert_eq!(
        r.url("wattwaechter-abc.local"),
        "http://wattwaechter-abc.local/api/v1/history/lowRes?start=2024-03-01&days=7"
    );
    assert_eq!(
        r.url("http://127.0.0.1:8321/"),
        "http://127.0.0.1:8321/api/v1/history/lowRes?start=2024-03-01&days=7"
    );
    assert_eq!(r.url(""), "/api/v1/history/lowRes?start=2024-03-01&days=7");
    assert!(r.headers.is_empty(), "no token configured, none sent");
    assert_eq!(
        requests::wifi_scan(false).build(&c, 0).path_and_query,
        "/api/v1/system/wifi_scan"
    );
    assert_eq!(
        requests::confirm_tokens("X9").body.as_deref(),
        Some(r#"{"new_write_token":"X9"}"#)
    );
    assert_eq!(
        requests::cloud_pair("WW-1").unwrap().body.as_deref(),
        Some(r#"{"pairing_token":"WW-1"}"#)
    );
    // A single token is used for both levels; a READ-only credential is sent to WRITE
    // endpoints too (the device answers 403, which the error explains).
    let one = Credentials::token("ONLYTOKEN");
    assert_eq!(one.for_level(AuthLevel::Write), Some("ONLYTOKEN"));
    let read_only = Credentials {
        read: Some("R0000".into()),
        write: None,
    };
    assert_eq!(read_only.for_level(AuthLevel::Write), Some("R0000"));
    assert!(!alloc::format!("{read_only:?}").contains("R0000"));
}

#[test]
fn validation_before_sending() {
    for ok in ["2024-02-29", "2023-12-31", "2000-02-29", "2024-03-08"] {
        assert!(validate_date(ok).is_ok(), "{ok}");
    }
    for bad in [
        "2023-02-29",
        "1900-02-29",
        "2024-13-01",
        "2024-04-31",
        "24-03-08",
        "2024/03/08",
        "2024-03-8",
        "",
        "2024-03-08T00:00",
    ] {
        let e = validate_date(bad).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidRequest, "{bad}");
    }
    assert!(requests::history_low_res("2024-03-01", 0).is_err());
    assert!(requests::history_low_res("2024-03-01", 32).is_err());
    assert!(requests::history_low_res("2024-03-01", 1).is_ok());
    assert!(requests::history_high_res("yesterday").is_err());
    assert!(requests::update_settings(&SettingsUpdate::new()).is_err());
    assert!(requests::mqtt_ca_upload("not a pem").is_err());
    assert!(requests::cloud_pair(" ").is_err());
}

fn resp(
    status: u16,
    retry_after: Option<&'static str>,
    body: &'static [u8],
) -> HttpResponse<'static> {
    HttpResponse {
        status,
        retry_after,
        body,
    }
}

#[test]
fn every_documented_status() {
    let secrets = [READ, WRITE];
    let latest =
        |r: HttpResponse<'_>| interpret_json::<Latest>(Endpoint::HistoryLatest, &r, &secrets);
    let ok = latest(resp(
        200,
        None,
        br#"{"timestamp":1,"datetime":"x","16.7.0":{"value":5,"unit":"W"}}"#,
    ))
    .unwrap()
    .unwrap();
    assert_eq!(ok.power(), Some(5.0));
    assert!(latest(resp(202, None, br#"{"timestamp":1}"#))
        .unwrap()
        .is_some());
    assert_eq!(latest(resp(204, None, b"")).unwrap(), None);
    let no_204 =
        interpret_json::<SystemInfo>(Endpoint::SystemInfo, &resp(204, None, b""), &secrets)
            .unwrap_err();
    assert_eq!(no_204.kind, ErrorKind::BadResponse);
    let cases: &[(u16, Option<&str>, ErrorKind, Option<u32>)] = &[
        (400, None, ErrorKind::BadRequest, None),
        (401, None, ErrorKind::Unauthorized, None),
        (403, None, ErrorKind::Forbidden, None),
        (404, None, ErrorKind::NotFound, None),
        (413, None, ErrorKind::PayloadTooLarge, None),
        (429, Some("10"), ErrorKind::RateLimited, Some(10)),
        (503, Some("5"), ErrorKind::Busy, Some(5)),
        (503, None, ErrorKind::Busy, None),
        (500, None, ErrorKind::Http, None),
        (302, None, ErrorKind::Redirected, None),
    ];
    for &(status, retry_after, kind, retry) in cases {
        let e = latest(HttpResponse {
            status,
            retry_after,
            body: br#"{"error":"Too many requests"}"#,
        })
        .unwrap_err();
        assert_eq!(
            (e.kind, e.status, e.retry_after),
            (kind, Some(status), retry),
            "{status}"
        );
        assert_eq!(e.endpoint, Some(Endpoint::HistoryLatest));
        assert!(!e.message.is_empty());
    }
    let e = latest(resp(429, Some("10"), br#"{"error":"Too many requests"}"#)).unwrap_err();
    assert!(
        e.message.contains("25 per 10 s")
            && e.message.contains("retry after 10 s")
            && e.message.contains("Too many requests"),
        "{}",
        e.message
    );
    let e =
        interpret_json::<crate::api::SetupTokens>(Endpoint::SetupToken, &resp(403, None, b""), &[])
            .unwrap_err();
    assert!(e.message.contains("initial setup"), "{}", e.message);
    let e =
        interpret_json::<crate::api::Reboot>(Endpoint::SystemReboot, &resp(403, None, b""), &[])
            .unwrap_err();
    assert!(e.message.contains("WRITE token"), "{}", e.message);
    // Bodies that are not the promised JSON.
    for body in [
        &b"<html>oops</html>"[..],
        b"",
        b"{\"timestamp\": [1,2]}",
        b"\xff\xfe",
    ] {
        let e = interpret_json::<Latest>(
            Endpoint::HistoryLatest,
            &HttpResponse {
                status: 200,
                retry_after: None,
                body,
            },
            &secrets,
        )
        .unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadResponse, "{body:?}");
    }
    let tz = interpret_json::<Vec<Timezone>>(
        Endpoint::SystemTimezones,
        &resp(200, None, br#"[{"name":"UTC","utcOffsetMin":0}]"#),
        &[],
    )
    .unwrap()
    .unwrap();
    assert_eq!(tz[0].name, "UTC");
    // Text and binary endpoints.
    assert_eq!(
        interpret_text(Endpoint::LogsRam, &resp(204, None, b""), &[]).unwrap(),
        ""
    );
    assert_eq!(
        interpret_text(Endpoint::LogsRam, &resp(200, None, b"Z\xc3"), &[]).unwrap(),
        "Z\u{fffd}"
    );
    assert_eq!(
        interpret_binary(Endpoint::LogsRawdump, &resp(204, None, b""), &[]).unwrap(),
        None
    );
    assert_eq!(
        interpret_binary(Endpoint::LogsRawdump, &resp(200, None, b"\x1b\x1b"), &[])
            .unwrap()
            .unwrap(),
        b"\x1b\x1b"
    );
    assert_eq!(
        interpret_binary(Endpoint::LogsRawdump, &resp(404, None, b""), &[])
            .unwrap_err()
            .kind,
        ErrorKind::NotFound
    );
}

#[test]
fn errors_never_contain_a_token() {
    let secrets = [READ, WRITE];
    let echo: &'static [u8] = b"{\"error\":\"bad token READTOKEN1234567 / WRITETOKEN765432\"}";
    for status in [200, 204, 400, 401, 403, 404, 413, 429, 500, 503] {
        for endpoint in Endpoint::ALL {
            let r = HttpResponse {
                status,
                retry_after: Some("1"),
                body: echo,
            };
            let e = match interpret_json::<SystemInfo>(*endpoint, &r, &secrets) {
                Err(e) => e,
                Ok(_) => continue,
            };
            let all = alloc::format!("{e} {e:?} {}", serde_json::to_string(&e).unwrap());
            assert!(
                !all.contains(READ) && !all.contains(WRITE),
                "{status} {endpoint:?}: {all}"
            );
        }
    }
    let net = ApiError::network("connection refused by WRITETOKEN765432", true, &secrets);
    assert!(!net.message.contains(WRITE));
    assert!(net.message.contains("CORS") && net.message.contains("proxy"));
    assert!(!ApiError::network("refused", false, &[])
        .message
        .contains("CORS"));
    assert_eq!(ApiError::timeout(10_000, &[]).kind, ErrorKind::Timeout);
    assert_eq!(redact("a READTOKEN1234567 b", &[READ]), "a <redacted> b");
    assert_eq!(
        redact("abc", &["ab"]),
        "abc",
        "secrets shorter than 4 characters are not redacted"
    );
    let names: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "network",
            "timeout",
            "unauthorized",
            "forbidden",
            "notFound",
            "rateLimited",
            "busy",
            "badRequest",
            "payloadTooLarge",
            "badResponse",
            "http",
            "invalidRequest",
            "responseTooLarge",
            "redirected"
        ]
    );
    for k in ErrorKind::ALL {
        assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
    }
}

#[test]
fn retry_only_429_and_503() {
    let p = RetryPolicy::default();
    let err = |status: u16, retry: Option<&'static str>| {
        error_for_status(Endpoint::SettingsUpdate, &resp(status, retry, b""), &[])
    };
    assert_eq!(
        p.decide(&err(429, Some("10")), 1),
        RetryDecision::RetryAfterMs(10_000)
    );
    assert_eq!(
        p.decide(&err(503, Some("5")), 2),
        RetryDecision::RetryAfterMs(5_000)
    );
    assert_eq!(
        p.decide(&err(503, None), 1),
        RetryDecision::RetryAfterMs(1_000),
        "fallback: attempt seconds"
    );
    assert_eq!(
        p.decide(&err(503, None), 2),
        RetryDecision::RetryAfterMs(2_000)
    );
    assert_eq!(
        p.decide(&err(429, Some("10")), 3),
        RetryDecision::GiveUp,
        "bounded"
    );
    assert_eq!(
        p.decide(&err(429, Some("600")), 1),
        RetryDecision::GiveUp,
        "an absurd wait is reported"
    );
    for status in [400, 401, 403, 404, 413, 500] {
        assert_eq!(
            p.decide(&err(status, None), 1),
            RetryDecision::GiveUp,
            "{status}"
        );
    }
    // A WRITE that timed out may have been executed: never retried.
    assert_eq!(
        p.decide(&ApiError::timeout(10_000, &[]), 1),
        RetryDecision::GiveUp
    );
    assert_eq!(
        p.decide(&ApiError::network("reset", false, &[]), 1),
        RetryDecision::GiveUp
    );
    assert_eq!(
        RetryPolicy::none().decide(&err(429, Some("1")), 1),
        RetryDecision::GiveUp
    );
}

#[test]
fn rate_budget_basics() {
    let mut b = RateBudget::new(3, 1000);
    assert_eq!(b.try_acquire(0), Ok(()));
    assert_eq!(b.try_acquire(10), Ok(()));
    assert_eq!(b.try_acquire(20), Ok(()));
    assert_eq!(b.try_acquire(30), Err(1000));
    assert_eq!(b.try_acquire(1000), Ok(()));
    assert_eq!(b.try_acquire(1001), Err(1010));
    b.back_off(5000);
    assert_eq!(b.try_acquire(4000), Err(5000));
    let t1 = b.enqueue();
    let t2 = b.enqueue();
    assert_eq!(
        b.poll(t2, 5000),
        Poll::WaitUntil(5001),
        "second in line waits for the first"
    );
    assert_eq!(b.poll(t1, 5000), Poll::Ready);
    assert_eq!(b.poll(t2, 5000), Poll::Ready);
    let t3 = b.enqueue();
    b.cancel(t3);
    assert_eq!(b.queued(), 0);
    assert_eq!(RateBudget::device_share(1.0).unwrap().limit(), 25);
    assert_eq!(RateBudget::device_share(0.5).unwrap().limit(), 12);
    assert_eq!(RateBudget::device_share(0.01).unwrap().limit(), 1);
    for bad in [0.0, -1.0, f64::NAN, 1.5, f64::INFINITY] {
        let e = RateBudget::device_share(bad).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidRequest, "{bad}");
    }
}

#[test]
fn token_rotation_switches_only_after_confirm() {
    let mut rot = TokenRotation::new();
    assert_eq!(rot.start().endpoint, Endpoint::TokensGenerate);
    let generated = br#"{"success":true,"pending":{"token_read":"NEWREAD1","token_write":"NEWWRITE1"},"expires_in":60}"#;
    let confirm = rot
        .on_generated(&resp(200, None, generated), 1_000, &[])
        .unwrap();
    assert_eq!(confirm.endpoint, Endpoint::TokensConfirm);
    assert_eq!(
        confirm.body.as_deref(),
        Some(r#"{"new_write_token":"NEWWRITE1"}"#)
    );
    assert!(rot.may_confirm(1_000 + 58_000));
    assert!(!rot.may_confirm(1_000 + 58_001));
    let pair = rot
        .on_confirmed(
            &resp(
                200,
                None,
                br#"{"success":true,"message":"Tokens activated successfully."}"#,
            ),
            5_000,
            &[],
        )
        .unwrap();
    assert_eq!(
        (pair.token_read.as_str(), pair.token_write.as_str()),
        ("NEWREAD1", "NEWWRITE1")
    );
    assert!(rot.is_done());

    // The confirm fails: no new tokens, and the error does not leak them.
    let mut rot = TokenRotation::new();
    rot.start();
    rot.on_generated(&resp(200, None, generated), 0, &[])
        .unwrap();
    let e = rot
        .on_confirmed(
            &resp(401, None, br#"{"error":"NEWWRITE1 rejected"}"#),
            10,
            &[],
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthorized);
    assert!(!e.message.contains("NEWWRITE1"));
    assert!(!rot.is_done());

    // Too slow: the rotation is abandoned.
    let mut rot = TokenRotation::new();
    rot.start();
    rot.on_generated(&resp(200, None, generated), 0, &[])
        .unwrap();
    assert!(!rot.may_confirm(61_000));
    assert_eq!(rot.expire().kind, ErrorKind::Timeout);

    // Generate refused, or answered without tokens, or out of order.
    let mut rot = TokenRotation::new();
    rot.start();
    assert_eq!(
        rot.on_generated(&resp(403, None, b""), 0, &[])
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
    let mut rot = TokenRotation::new();
    rot.start();
    assert!(rot
        .on_generated(&resp(200, None, br#"{"success":false}"#), 0, &[])
        .is_err());
    let mut rot = TokenRotation::new();
    assert!(rot
        .on_confirmed(&resp(200, None, br#"{"success":true}"#), 0, &[])
        .is_err());
    let _ = (Method::Get, String::new());
}
