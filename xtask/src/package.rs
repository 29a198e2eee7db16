//! The npm package in `pkg/`: two entries, each a build of the wasm crate with its own `.wasm`
//! (`wattwaechter`: decoders and device client; `wattwaechter/decoders`: the decoders alone),
//! each in three forms — the ES module for browsers and bundlers (`wasm-bindgen --target
//! web`), the same as CommonJS (converted by esbuild) for `require`, and the Node entries
//! (`node.js`, `node.cjs`, checked in) that load the `.wasm` from disk synchronously — plus
//! `wattwaechter/decoders/inline`, the decoders with their `.wasm` inside the JavaScript.
//! Each entry's gzipped `.wasm` has a budget that `cargo xtask test` enforces.

use crate::tools::{ensure_release_tools, ensure_target, ensure_wasm_bindgen, release_tool};
use crate::{cargo, root, run, Result, WASM};
use base64::Engine as _;
use std::path::Path;

/// One entry of the npm package: a build of the wasm crate with its own `.wasm`.
pub struct Entry {
    /// What the entry holds (for the size report).
    pub what: &'static str,
    /// The cargo feature arguments of its build.
    features: &'static [&'static str],
    /// Its directory, relative to the workspace root.
    dir: &'static str,
    /// The name of its files (`{name}.js`, `{name}_bg.wasm`, …).
    name: &'static str,
    /// The budget of its gzipped `.wasm`: a guard against regressions, not a target.
    pub gzipped_budget: u64,
}

/// `import … from "wattwaechter"` (everything) and `"wattwaechter/decoders"` (no client).
pub const ENTRIES: [Entry; 2] = [
    Entry {
        what: "`wattwaechter` (decoders and device client)",
        features: &[],
        dir: "pkg",
        name: "wattwaechter",
        // 280 KiB, raised by the measured cost of the German and English message catalogue
        // (+10,436 bytes gzipped), then of capture import and the DSMR CRC (+7,522), then of
        // the anonymizer (+8,905), then of the frame explainer (+18,776).
        gzipped_budget: 326 * 1024,
    },
    Entry {
        what: "`wattwaechter/decoders` (decoders only)",
        features: &["--no-default-features"],
        dir: "pkg/decoders",
        name: "decoders",
        // 120 KiB, raised by the measured cost of the German and English message catalogue
        // (+13,476 bytes gzipped), then of capture import and the DSMR CRC (+7,106), then of
        // the anonymizer (+8,935), then of the frame explainer (+17,562).
        gzipped_budget: 167 * 1024,
    },
];

/// The `.wasm` of one entry: bytes raw and gzipped.
pub struct WasmSize {
    /// What the entry holds.
    pub what: &'static str,
    /// Bytes.
    pub raw: u64,
    /// Bytes gzipped (`gzip -9`).
    pub gzipped: u64,
}

/// TypeScript ≥ 5.2 knows `Symbol.dispose` (which wasm-bindgen declares on classes) only with
/// the `esnext.disposable` library; this line brings it along, so consumers compile with the
/// default `lib` of their target.
const DISPOSABLE_LIB: &str = "/// <reference lib=\"esnext.disposable\" />\n";

/// Builds the npm package into `pkg/`; returns the size of each entry's `.wasm`.
pub fn build() -> Result<Vec<WasmSize>> {
    ensure_target("wasm32-unknown-unknown", None)?;
    ensure_wasm_bindgen()?;
    ensure_release_tools()?;
    let mut sizes = Vec::new();
    for entry in &ENTRIES {
        sizes.push(build_entry(entry)?);
    }
    inline_decoders()?;
    let root = root();
    for license in ["LICENSE", "LICENSE-MIT", "LICENSE-APACHE"] {
        std::fs::copy(root.join(license), root.join("pkg").join(license))
            .map_err(|e| format!("copying {license}: {e}"))?;
    }
    vendor_www()?;
    eprintln!();
    for s in &sizes {
        eprintln!(
            "pkg: {}: .wasm {} bytes ({:.1} KiB), gzipped {} bytes ({:.1} KiB)",
            s.what,
            s.raw,
            s.raw as f64 / 1024.0,
            s.gzipped,
            s.gzipped as f64 / 1024.0
        );
    }
    Ok(sizes)
}

fn build_entry(entry: &Entry) -> Result<WasmSize> {
    let root = root();
    let dir = root.join(entry.dir);
    let built = root.join("target/wasm32-unknown-unknown/wasm-release/wattwaechter_wasm.wasm");
    run(
        &format!("build wasm: {}", entry.what),
        cargo()
            .args([
                "build",
                "-p",
                WASM,
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                "wasm-release",
            ])
            .args(entry.features),
    )?;
    run(
        "wasm-bindgen --target web",
        std::process::Command::new("wasm-bindgen")
            .args(["--target", "web", "--out-name", entry.name, "--out-dir"])
            .arg(&dir)
            .arg(&built),
    )?;
    let wasm = dir.join(format!("{}_bg.wasm", entry.name));
    run(
        "wasm-opt -Oz",
        release_tool("wasm-opt")
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
                "-o",
            ])
            .arg(&wasm)
            .arg(&wasm),
    )?;
    // The declarations: with the library of `Symbol.dispose`, and the same for CommonJS.
    let dts = dir.join(format!("{}.d.ts", entry.name));
    let declarations = read(&dts)?;
    let declarations = format!("{DISPOSABLE_LIB}{declarations}");
    write(&dts, &declarations)?;
    write(
        &dir.join(format!("{}.d.cts", entry.name)),
        &commonjs_declarations(&declarations)?,
    )?;
    // The same glue as CommonJS, for `require` (the `.wasm` is shared; `node.cjs` loads it).
    run(
        "esbuild: the CommonJS glue",
        release_tool("esbuild")
            .arg(dir.join(format!("{}.js", entry.name)))
            .args([
                "--bundle",
                "--format=cjs",
                "--platform=neutral",
                "--log-level=warning",
                // Only `init()` without arguments uses it; the Node entries pass the bytes.
                "--define:import.meta.url=undefined",
            ])
            .arg(format!(
                "--outfile={}",
                dir.join(format!("{}.cjs", entry.name)).display()
            )),
    )?;
    let raw = std::fs::metadata(&wasm)
        .map_err(|e| format!("{}: {e}", wasm.display()))?
        .len();
    Ok(WasmSize {
        what: entry.what,
        raw,
        gzipped: gzip_len(&wasm)?,
    })
}

/// The declarations for `require`: the Node entry (`node.cjs`) exports the glue, already
/// instantiated, as `module.exports`; the glue's `init()` (its default export in the ES
/// module) is no default export there, so its declaration becomes a plain function.
fn commonjs_declarations(declarations: &str) -> Result<String> {
    const INIT: &str = "export default function __wbg_init";
    if !declarations.contains(INIT) {
        return Err(format!(
            "the declarations have no `{INIT}` (wasm-bindgen changed?)"
        ));
    }
    Ok(declarations.replace(INIT, "export function __wbg_init"))
}

/// `pkg/decoders/inline-wasm.js`: the decoders' `.wasm` as base64 text, which
/// `inline.js` (checked in) instantiates on import.
fn inline_decoders() -> Result {
    let dir = root().join("pkg/decoders");
    let wasm = std::fs::read(dir.join("decoders_bg.wasm"))
        .map_err(|e| format!("decoders_bg.wasm: {e}"))?;
    let text = base64::engine::general_purpose::STANDARD.encode(wasm);
    write(
        &dir.join("inline-wasm.js"),
        &format!(
            "// The decoders' WebAssembly as base64 (generated by `cargo xtask pkg`).\nexport default \"{text}\";\n"
        ),
    )
}

/// Checks every entry against its budget. The build is deterministic, so this is a size
/// check, not a timed one.
pub fn within_budgets(sizes: &[WasmSize]) -> Result {
    for (entry, size) in ENTRIES.iter().zip(sizes) {
        let budget = entry.gzipped_budget;
        if size.gzipped > budget {
            return Err(format!(
                "{}: {} bytes gzipped, above the budget of {budget}",
                entry.what, size.gzipped
            ));
        }
        eprintln!(
            "== size budget: {} {} of {budget} bytes gzipped: ok",
            entry.what, size.gzipped
        );
    }
    Ok(())
}

/// Copies the page's chart library (uPlot, from npm) into `www/vendor/`, with its type
/// declarations beside the module (for the page's type check), and Swagger UI (npm
/// `swagger-ui-dist`) into `www/vendor/swagger-ui/` for the API documentation at `/docs/`.
fn vendor_www() -> Result {
    let root = root();
    let from = root.join("tools/npm/node_modules/uplot/dist");
    let to = root.join("www/vendor");
    std::fs::create_dir_all(&to).map_err(|e| format!("{}: {e}", to.display()))?;
    for (f, as_name) in [
        ("uPlot.esm.js", "uPlot.esm.js"),
        ("uPlot.min.css", "uPlot.min.css"),
        ("uPlot.d.ts", "uPlot.esm.d.ts"),
    ] {
        std::fs::copy(from.join(f), to.join(as_name)).map_err(|e| format!("copying {f}: {e}"))?;
    }
    let from = root.join("tools/npm/node_modules/swagger-ui-dist");
    let to = to.join("swagger-ui");
    std::fs::create_dir_all(&to).map_err(|e| format!("{}: {e}", to.display()))?;
    for f in [
        "swagger-ui-bundle.js",
        "swagger-ui.css",
        "LICENSE",
        "NOTICE",
    ] {
        std::fs::copy(from.join(f), to.join(f)).map_err(|e| format!("copying {f}: {e}"))?;
    }
    Ok(())
}

/// The length of `path` compressed with `gzip -9` (the number people compare).
pub fn gzip_len(path: &Path) -> Result<u64> {
    let out = std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
