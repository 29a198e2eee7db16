//! The async client against a device (or the simulator): its state, the latest values, and a
//! dump decoded by the core.
//!
//! ```sh
//! cargo run -p wattwaechter-sim -- --port 8321 &
//! cargo run -p wattwaechter-client --example async_client -- 127.0.0.1:8321
//! ```

use wattwaechter::dump::{self, DumpOptions};
use wattwaechter_client::{Client, ErrorKind, Options};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let host = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("WATTWAECHTER_HOST").ok())
        .unwrap_or_else(|| "127.0.0.1:8321".into());
    let options = match std::env::var("WATTWAECHTER_TOKEN") {
        Ok(token) => Options::token(token),
        Err(_) => Options::default(),
    };
    let device = Client::new(&host, options)?;
    let alive = device.alive().await?;
    println!("{host}: firmware {}", alive.version);
    match device.latest().await {
        Ok(Some(latest)) => println!(
            "power {:?} W, import {:?} kWh, export {:?} kWh",
            latest.power(),
            latest.total_import(),
            latest.total_export()
        ),
        Ok(None) => println!("no reading yet"),
        Err(e) if e.kind == ErrorKind::Unauthorized => {
            eprintln!("{e}");
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    }
    if let Some(bytes) = device.rawdump().await? {
        let report = dump::decode(&bytes, &DumpOptions::default())?;
        println!(
            "dump: {} bytes, {} frames ok, {} with CRC errors",
            report.bytes, report.summary.frames_ok, report.summary.frames_crc_mismatch
        );
    }
    Ok(())
}
