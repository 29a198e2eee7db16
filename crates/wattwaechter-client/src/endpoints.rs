//! Every endpoint, written once: the macro gives [`BlockingClient`](crate::BlockingClient) a
//! method and [`Client`](crate::Client) an `async` method of the same name for each.

#[allow(unused_imports)] // Each client uses them through the macro.
use crate::shared::{Binary, Json, JsonOrNone, Text};
#[allow(unused_imports)]
use wattwaechter::api::*;
#[allow(unused_imports)]
use wattwaechter::client::{requests, ApiError};

/// `endpoints! { /// doc  fn name(args) -> Out as Marker = spec; … }`: `spec` is the request
/// (`Result<RequestSpec, ApiError>`), `Marker` how its answer is read into `Out`.
macro_rules! endpoints {
    ($($(#[doc = $doc:literal])* fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty as $how:ty = $spec:expr;)*) => {
        #[cfg(feature = "blocking")]
        impl crate::BlockingClient {
            $(
                $(#[doc = $doc])*
                pub fn $name(&self $(, $arg: $ty)*) -> Result<$out, ApiError> {
                    self.call::<$how>($spec)
                }
            )*
        }
        #[cfg(feature = "async")]
        impl crate::Client {
            $(
                $(#[doc = $doc])*
                pub async fn $name(&self $(, $arg: $ty)*) -> Result<$out, ApiError> {
                    self.call::<$how>($spec).await
                }
            )*
        }
    };
}

endpoints! {
    /// `GET /system/alive` (no auth): the device answers and its firmware version.
    fn alive() -> Alive as Json<Alive> = Ok(requests::alive());
    /// `GET /system/info`: uptime, Wi-Fi, model, heap.
    fn system_info() -> SystemInfo as Json<SystemInfo> = Ok(requests::system_info());
    /// `GET /system/led`.
    fn led() -> Led as Json<Led> = Ok(requests::led());
    /// `POST /system/selftest` (about 2 s; 404 on gas/water devices).
    fn selftest() -> SelfTest as Json<SelfTest> = Ok(requests::selftest());
    /// `GET /system/wifi_scan` (no auth; `refresh` starts a new scan).
    fn wifi_scan(refresh: bool) -> WifiScan as Json<WifiScan> = Ok(requests::wifi_scan(refresh));
    /// `GET /system/timezones`.
    fn timezones() -> Vec<Timezone> as Json<Vec<Timezone>> = Ok(requests::timezones());
    /// `POST /system/reboot` (WRITE).
    fn reboot() -> Reboot as Json<Reboot> = Ok(requests::reboot());
    /// `GET /history/latest`; `None` before the first reading (204).
    fn latest() -> Option<Latest> as JsonOrNone<Latest> = Ok(requests::latest());
    /// `GET /history/highRes?date=YYYY-MM-DD`: the day's 15-minute slots; `None` without data.
    fn history_high_res(date: &str) -> Option<HighRes> as JsonOrNone<HighRes> = requests::history_high_res(date);
    /// `GET /history/lowRes?start=YYYY-MM-DD&days=N` (N 1–31); `None` without data.
    fn history_low_res(start: &str, days: u32) -> Option<LowRes> as JsonOrNone<LowRes> = requests::history_low_res(start, days);
    /// `GET /settings`.
    fn settings() -> Settings as Json<Settings> = Ok(requests::settings());
    /// `POST /settings` (WRITE): a partial update — only what was set is sent.
    fn update_settings(update: &SettingsUpdate) -> SettingsApplied as Json<SettingsApplied> = requests::update_settings(update);
    /// `POST /auth/tokens/generate` (WRITE): pending tokens, active only after confirming
    /// within 60 s. Prefer `rotate_tokens`.
    fn generate_tokens() -> TokensGenerated as Json<TokensGenerated> = Ok(requests::generate_tokens());
    /// `POST /auth/tokens/confirm` (WRITE). Prefer `rotate_tokens`.
    fn confirm_tokens(new_write_token: &str) -> SuccessMessage as Json<SuccessMessage> = Ok(requests::confirm_tokens(new_write_token));
    /// `GET /setup/token` (only during initial setup).
    fn setup_token() -> SetupTokens as Json<SetupTokens> = Ok(requests::setup_token());
    /// `GET /mqtt/ca`.
    fn mqtt_ca() -> CaStatus as Json<CaStatus> = Ok(requests::mqtt_ca());
    /// `POST /mqtt/ca` (WRITE): a PEM certificate; too large gives `PayloadTooLarge`.
    fn mqtt_ca_upload(certificate_pem: &str) -> CaAction as Json<CaAction> = requests::mqtt_ca_upload(certificate_pem);
    /// `DELETE /mqtt/ca` (WRITE; 404 without a custom certificate).
    fn mqtt_ca_delete() -> CaAction as Json<CaAction> = Ok(requests::mqtt_ca_delete());
    /// `GET /mqtt/status`.
    fn mqtt_status() -> MqttStatus as Json<MqttStatus> = Ok(requests::mqtt_status());
    /// `GET /modbus/status`.
    fn modbus_status() -> ModbusStatus as Json<ModbusStatus> = Ok(requests::modbus_status());
    /// `POST /cloud/pair` (WRITE) with the portal's `WW-XXXXXXXX` token.
    fn cloud_pair(pairing_token: &str) -> SuccessMessage as Json<SuccessMessage> = requests::cloud_pair(pairing_token);
    /// `DELETE /cloud/pair` (WRITE).
    fn cloud_unpair() -> SuccessMessage as Json<SuccessMessage> = Ok(requests::cloud_unpair());
    /// `GET /ota/check`.
    fn ota_check() -> OtaCheck as Json<OtaCheck> = Ok(requests::ota_check());
    /// `POST /ota/start` (WRITE; waits at least 30 s for the device).
    fn ota_start() -> OtaStart as Json<OtaStart> = Ok(requests::ota_start());
    /// `GET /logs/rawdump`: the ring buffer's bytes; `None` when it is empty (204).
    fn rawdump() -> Option<Vec<u8>> as Binary = Ok(requests::rawdump());
    /// `GET /logs/persistent`: the CSV file (lossy UTF-8; `""` when empty).
    fn logs_persistent() -> String as Text = Ok(requests::logs_persistent());
    /// `GET /logs/ram`: the RAM log (lossy UTF-8; `""` when empty).
    fn logs_ram() -> String as Text = Ok(requests::logs_ram());
}
