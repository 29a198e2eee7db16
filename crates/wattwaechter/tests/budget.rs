//! Property tests of the rate budget: never more than N starts in any window, FIFO order, no
//! starvation, and no needless waiting.
#![cfg(feature = "serde")]

use proptest::prelude::*;
use wattwaechter::client::{Poll, RateBudget};

/// Drives the budget like a client would: enqueue at arrival, poll the head whenever it may
/// go. Returns the start time of each request, in arrival order.
fn simulate(limit: u32, window: u64, arrivals: &[u64]) -> Vec<u64> {
    let mut budget = RateBudget::new(limit, window);
    let mut tickets = std::collections::VecDeque::new();
    let mut starts = Vec::new();
    let mut next = 0;
    let mut now = 0;
    let mut wake = u64::MAX;
    while starts.len() < arrivals.len() {
        let next_arrival = arrivals.get(next).copied().unwrap_or(u64::MAX);
        now = now.max(next_arrival.min(wake));
        while next < arrivals.len() && arrivals[next] <= now {
            tickets.push_back(budget.enqueue());
            next += 1;
        }
        wake = u64::MAX;
        while let Some(&t) = tickets.front() {
            match budget.poll(t, now) {
                Poll::Ready => {
                    tickets.pop_front();
                    starts.push(now);
                }
                Poll::WaitUntil(at) => {
                    assert!(at > now, "a wait is in the future");
                    wake = at;
                    break;
                }
            }
        }
    }
    starts
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn never_more_than_n_in_any_window_and_no_starvation(
        limit in 1u32..30,
        window in 100u64..20_000,
        gaps in prop::collection::vec(prop_oneof![Just(0u64), 0u64..50, 0u64..5_000], 1..200),
    ) {
        let mut arrivals = Vec::with_capacity(gaps.len());
        let mut t = 0;
        for g in gaps {
            t += g;
            arrivals.push(t);
        }
        let starts = simulate(limit, window, &arrivals);
        // Everyone was served (no starvation), in arrival order, never before arriving.
        prop_assert_eq!(starts.len(), arrivals.len());
        prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]));
        prop_assert!(starts.iter().zip(&arrivals).all(|(s, a)| s >= a));
        let n = limit as usize;
        for (k, &s) in starts.iter().enumerate() {
            // At most N starts in any window: the start N places earlier is a full window ago.
            if k >= n {
                prop_assert!(s >= starts[k - n] + window, "start {} at {} too close to {}", k, s, starts[k - n]);
            }
            // And no needless waiting: each starts as early as the rules allow.
            let mut earliest = arrivals[k];
            if k >= 1 { earliest = earliest.max(starts[k - 1]); }
            if k >= n { earliest = earliest.max(starts[k - n] + window); }
            prop_assert_eq!(s, earliest);
        }
    }
}

#[test]
fn a_burst_of_100_takes_the_time_the_budget_allows() {
    let starts = simulate(25, 10_000, &[0; 100]);
    assert_eq!(starts[24], 0);
    assert_eq!(starts[25], 10_000);
    assert_eq!(starts[99], 30_000);
}
