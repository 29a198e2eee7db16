//! The package's Rust side in headless Chromium: decoders, the client against the simulator
//! (with CORS on), and the clear error for a device without CORS.
#![cfg(target_arch = "wasm32")]

mod shared;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn decoders_on_real_fixtures() {
    shared::decoders_on_real_fixtures();
}

#[wasm_bindgen_test]
fn large_numbers_stay_exact() {
    shared::large_numbers_stay_exact();
}

#[wasm_bindgen_test]
fn tape_equals_serde_wasm_bindgen() {
    shared::tape_equals_serde_wasm_bindgen();
}

#[wasm_bindgen_test]
fn readings_columns_match_decode_sml() {
    shared::readings_columns_match_decode_sml();
}

/// The tests that reconfigure the shared simulator, one after the other (the runner polls
/// async tests concurrently).
#[wasm_bindgen_test]
async fn client_against_the_simulator() {
    shared::every_endpoint().await;
    shared::auth_errors_and_rotation().await;
    shared::busy_timeout_malformed().await;
}

#[wasm_bindgen_test]
async fn cors_off_is_explained() {
    shared::cors_off_is_explained().await;
}
