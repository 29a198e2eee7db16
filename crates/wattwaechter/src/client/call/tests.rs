//! The call state machine, redaction before quoting, and the budget's key.

use super::*;
use crate::api::Endpoint;
use crate::client::{
    interpret_json, origin_of, redact, requests, ApiError, Credentials, ErrorKind, HttpResponse,
    RateBudget, RetryPolicy,
};
use alloc::string::String;
use alloc::vec::Vec;

const TOKEN: &str = "WRITETOKEN765432";

fn options(timeout_ms: u32) -> CallOptions {
    CallOptions {
        timeout_ms,
        retry: RetryPolicy::default(),
    }
}

fn answer(status: u16, retry_after: Option<&str>) -> HttpResponse<'_> {
    HttpResponse {
        status,
        retry_after,
        body: b"{\"error\":\"Too many requests\"}",
    }
}

/// Drives a call against scripted answers; returns what happened, with the time.
fn drive(
    call: &mut Call,
    budget: &mut RateBudget,
    mut now: u64,
    answers: &mut Vec<HttpResponse<'_>>,
) -> (Result<u16, ApiError>, u64, u32) {
    let creds = Credentials::token(TOKEN);
    let mut sent = 0;
    loop {
        match call.poll(budget, &creds, now) {
            Action::WaitUntil(t) => {
                assert!(t > now, "a wait moves time forward");
                now = t;
            }
            Action::Send(request) => {
                sent += 1;
                assert!(
                    now + u64::from(request.timeout_ms) <= call.deadline(),
                    "each request gets the time left"
                );
                let a = answers.remove(0);
                match call.on_answer(budget, &a, &[TOKEN], now) {
                    Next::Done => return (Ok(a.status), now, sent),
                    Next::Retry => {}
                }
            }
            Action::Fail(e) => return (Err(e), now, sent),
        }
    }
}

/// A device that asked for 999999 s held back every later call for days: the back-off is
/// now at most the retry policy's longest wait, and a call whose wait does not fit its
/// timeout fails at once with `rateLimited` and the wait left.
#[test]
fn a_huge_retry_after_cannot_freeze_later_calls() {
    let mut budget = RateBudget::device_share(1.0).unwrap();
    let mut first = Call::new(requests::alive(), options(10_000), 0);
    let (r, _, _) = drive(
        &mut first,
        &mut budget,
        0,
        &mut alloc::vec![answer(429, Some("999999"))],
    );
    assert_eq!(r.unwrap(), 429, "reported, not waited for");
    assert_eq!(
        budget.earliest_start(1_000),
        60_000,
        "held back for the policy's 60 s, not 999999 s"
    );
    let mut later = Call::new(requests::alive(), options(10_000), 1_000);
    let (r, at, sent) = drive(&mut later, &mut budget, 1_000, &mut Vec::new());
    let e = r.unwrap_err();
    assert_eq!(
        (e.kind, e.retry_after, at, sent),
        (ErrorKind::RateLimited, Some(59), 1_000, 0),
        "{e}"
    );
    assert!(
        e.message.contains("59 s") && e.message.contains("10000 ms"),
        "{e}"
    );
    assert_eq!(budget.queued(), 0, "the failed call left the queue");
    // A call that may wait long enough gets through after the back-off.
    let mut patient = Call::new(requests::alive(), options(120_000), 1_000);
    let (r, at, _) = drive(
        &mut patient,
        &mut budget,
        1_000,
        &mut alloc::vec![answer(200, None)],
    );
    assert_eq!((r.unwrap(), at), (200, 60_000));
}

#[test]
fn a_retry_happens_only_when_it_fits_before_the_deadline() {
    // Retry-After 10 s within a 30 s call: retried at 10 s.
    let mut budget = RateBudget::device_share(1.0).unwrap();
    let mut call = Call::new(requests::settings(), options(30_000), 0);
    let (r, at, sent) = drive(
        &mut call,
        &mut budget,
        0,
        &mut alloc::vec![answer(429, Some("10")), answer(200, None)],
    );
    assert_eq!((r.unwrap(), at, sent), (200, 10_000, 2));
    // The same within a 10 s call: the 429 is the answer.
    let mut budget = RateBudget::device_share(1.0).unwrap();
    let mut call = Call::new(requests::settings(), options(10_000), 0);
    let (r, at, sent) = drive(
        &mut call,
        &mut budget,
        0,
        &mut alloc::vec![answer(429, Some("10"))],
    );
    assert_eq!((r.unwrap(), at, sent), (429, 0, 1));
    // 503 with Retry-After 5, twice, then success: three attempts (the policy's limit).
    let mut budget = RateBudget::device_share(1.0).unwrap();
    let mut call = Call::new(requests::latest(), options(60_000), 0);
    let (r, at, sent) = drive(
        &mut call,
        &mut budget,
        0,
        &mut alloc::vec![
            answer(503, Some("5")),
            answer(503, Some("5")),
            answer(200, None)
        ],
    );
    assert_eq!((r.unwrap(), at, sent), (200, 10_000, 3));
    // Other errors are final at once.
    for status in [200, 204, 400, 401, 403, 404, 500, 307] {
        let mut budget = RateBudget::device_share(1.0).unwrap();
        let mut call = Call::new(requests::reboot(), options(10_000), 0);
        let (r, _, sent) = drive(
            &mut call,
            &mut budget,
            0,
            &mut alloc::vec![answer(status, Some("1"))],
        );
        assert_eq!((r.unwrap(), sent), (status, 1), "{status}");
    }
}

#[test]
fn queueing_for_the_budget_counts_against_the_timeout() {
    let mut budget = RateBudget::new(2, 10_000);
    let mut done = Vec::new();
    for _ in 0..2 {
        let mut c = Call::new(requests::alive(), options(5_000), 0);
        done.push(drive(&mut c, &mut budget, 0, &mut alloc::vec![answer(200, None)]).0);
    }
    assert!(done.iter().all(|r| r.is_ok()));
    // The third start is possible at 10 s: a 5 s call fails at once, a 20 s call waits.
    let mut short = Call::new(requests::alive(), options(5_000), 0);
    let e = drive(&mut short, &mut budget, 0, &mut Vec::new())
        .0
        .unwrap_err();
    assert_eq!((e.kind, e.retry_after), (ErrorKind::RateLimited, Some(10)));
    let mut long = Call::new(requests::alive(), options(20_000), 0);
    let (r, at, _) = drive(
        &mut long,
        &mut budget,
        0,
        &mut alloc::vec![answer(200, None)],
    );
    assert_eq!((r.unwrap(), at), (200, 10_000));
    // A call polled after its deadline times out.
    let mut late = Call::new(requests::alive(), options(1_000), 0);
    let e = drive(&mut late, &mut budget, 5_000, &mut Vec::new())
        .0
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout);
}

#[test]
fn timeouts_are_bounded_for_every_timer() {
    assert!(options(0).validate().is_err());
    assert!(options(MAX_TIMEOUT_MS).validate().is_ok());
    assert!(options(MAX_TIMEOUT_MS + 1).validate().is_err());
    assert!(options(u32::MAX).validate().is_err());
    let none = CallOptions {
        retry: RetryPolicy {
            max_attempts: 0,
            max_wait_s: 60,
        },
        ..options(1_000)
    };
    assert!(none.validate().is_err());
    // Even an unchecked huge timeout hands out requests whose timers a browser accepts.
    let mut budget = RateBudget::device_share(1.0).unwrap();
    let mut call = Call::new(requests::alive(), options(u32::MAX), 0);
    match call.poll(&mut budget, &Credentials::none(), 0) {
        Action::Send(r) => assert_eq!(r.timeout_ms, MAX_TIMEOUT_MS),
        other => panic!("{other:?}"),
    }
    assert_eq!(timer_delay_ms(u64::MAX, 0), MAX_TIMEOUT_MS);
    assert_eq!(timer_delay_ms(5, 10), 1);
    assert_eq!(timer_delay_ms(1_500, 1_000), 500);
    // OTA start's 30 s minimum applies to the call.
    let ota = Call::new(requests::ota_start(), options(1_000), 0);
    assert_eq!(ota.deadline(), 30_000);
}

/// The device's text was cut at 120 characters before redaction, so a token echoed near the
/// cut left its first characters in the message; a lower-case echo was not redacted at all.
#[test]
fn tokens_are_redacted_before_the_quote_is_cut_and_in_any_case() {
    let secrets = [TOKEN];
    for body in [
        alloc::format!("{{\"error\":\"{}{TOKEN} was refused\"}}", "x".repeat(110)),
        alloc::format!("{}{TOKEN} plain text", "y".repeat(112)),
        alloc::format!("{{\"error\":\"bad token {}\"}}", TOKEN.to_ascii_lowercase()),
        alloc::format!("bad token {}", "WriteToken765432"),
    ] {
        let r = HttpResponse {
            status: 400,
            retry_after: None,
            body: body.as_bytes(),
        };
        let e =
            interpret_json::<crate::api::Alive>(Endpoint::SystemAlive, &r, &secrets).unwrap_err();
        let shown = e.message.to_ascii_lowercase();
        // No run of 6 or more characters of the token, in any case.
        let token = TOKEN.to_ascii_lowercase();
        for start in 0..=token.len() - 6 {
            assert!(
                !shown.contains(&token[start..start + 6]),
                "part of the token in {:?}",
                e.message
            );
        }
    }
    assert_eq!(
        redact("Bearer writetoken765432 and WRITETOKEN765432", &secrets),
        "Bearer <redacted> and <redacted>"
    );
    assert_eq!(redact("äö WriteToken765432 ü", &secrets), "äö <redacted> ü");
}

#[test]
fn spellings_of_one_device_share_one_budget_key() {
    let key = origin_of("http://127.0.0.1:9101");
    assert_eq!(key, "http://127.0.0.1:9101");
    for spelling in [
        "127.0.0.1:9101",
        "http://127.0.0.1:9101/",
        "HTTP://127.0.0.1:9101",
        " 127.0.0.1:9101 ",
        "http://127.0.0.1:9101/some/path?x=1",
    ] {
        assert_eq!(origin_of(spelling), key, "{spelling}");
    }
    assert_eq!(
        origin_of("WattWaechter-AABBCCDDEEFF.local"),
        "http://wattwaechter-aabbccddeeff.local"
    );
    assert_eq!(origin_of("http://device:80"), origin_of("device"));
    assert_ne!(origin_of("device:8080"), origin_of("device"));
    assert_eq!(origin_of("https://device:443/"), "https://device");
    assert_eq!(origin_of(""), String::new());
}

#[test]
fn redirects_are_refused_with_their_own_kind() {
    for status in [301, 302, 303, 307, 308] {
        let r = HttpResponse {
            status,
            retry_after: None,
            body: b"",
        };
        let e = interpret_json::<crate::api::Alive>(Endpoint::SettingsUpdate, &r, &[]).unwrap_err();
        assert_eq!((e.kind, e.status), (ErrorKind::Redirected, Some(status)));
        assert!(e.message.contains("never redirects"), "{e}");
    }
    let e = ApiError::response_too_large(Endpoint::LogsRawdump, 200, 1024);
    assert_eq!(e.kind, ErrorKind::ResponseTooLarge);
    assert!(e.message.contains("1024 bytes"), "{e}");
}
