//! The package's Rust side in Node 20: the tests every host runs (decoders on real fixtures,
//! the client against the simulators `cargo xtask test` starts), the device's own rate limit,
//! the 100-call burst.
#![cfg(target_arch = "wasm32")]

mod shared;

use wasm_bindgen_test::*;

shared::tests_for_every_host!();

#[wasm_bindgen_test]
async fn rate_limited_then_honoured() {
    shared::rate_limited_then_honoured().await;
}

#[wasm_bindgen_test]
async fn burst_of_100() {
    shared::burst_of_100().await;
}
