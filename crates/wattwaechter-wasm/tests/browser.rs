//! The package's Rust side in headless Chromium: the tests every host runs (decoders, the
//! client against the simulator with CORS on), and the clear error for a device without CORS.
#![cfg(target_arch = "wasm32")]

mod shared;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

shared::tests_for_every_host!();

#[wasm_bindgen_test]
async fn cors_off_is_explained() {
    shared::cors_off_is_explained().await;
}
