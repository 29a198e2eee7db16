//! `wattwaechter watch`: frames as they arrive, from a serial port (an IR read head), a pipe
//! or a growing file; Ctrl-C prints the summary so far.

use crate::input::display_name;
use crate::lang::{self, LangArg};
use crate::terminal::{JsonForTerminal, Shown};
use crate::Exit;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wattwaechter::dump::DumpFrame;
use wattwaechter::sml::{DecodeOptions, Status};
use wattwaechter::stream::{FrameStream, StreamProtocol};
use wattwaechter::text::{Arg, Lang, Message};

/// How `watch` prints each frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per frame: offset, length, status and the values.
    Text,
    /// One JSON object per frame (the frames of `decode --format json`).
    Jsonl,
}

/// The serial port's parity: none for SML (9600 8N1), even for D0 mode C (300 7E1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Parity {
    /// 8 data bits, no parity.
    None,
    /// 7 data bits, even parity.
    Even,
}

/// The protocol on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Protocol {
    /// SML or D0, from the first bytes.
    Auto,
    /// SML 1.04.
    Sml,
    /// D0 (IEC 62056-21).
    D0,
}

/// `watch` arguments.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  wattwaechter watch /dev/ttyUSB0                      # an IR head on an SML meter (9600 8N1)\n  wattwaechter watch /dev/ttyUSB0 --baud 300 --parity even   # D0 mode C (300 7E1)\n  cat capture.bin | wattwaechter watch - --format jsonl\n  wattwaechter watch growing.bin                      # follows the file as it grows"
)]
pub struct Args {
    /// A serial device (`/dev/ttyUSB0`), a file (followed as it grows) or `-` (standard input).
    pub path: PathBuf,
    /// How each frame is printed.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The protocol; `auto` tells SML from D0 by the first bytes.
    #[arg(long, value_enum, default_value_t = Protocol::Auto)]
    pub protocol: Protocol,
    /// The serial port's baud rate (SML meters: 9600; D0 mode C starts at 300).
    #[arg(long, default_value_t = 9600)]
    pub baud: u32,
    /// The serial port's parity (and with it the data bits: none = 8N1, even = 7E1).
    #[arg(long, value_enum, default_value_t = Parity::None)]
    pub parity: Parity,
    /// Stop at the end of a file instead of following it as it grows.
    #[arg(long)]
    pub no_follow: bool,
    /// Repair the DZG DVS74 power sign bug (opt-in; only the affected serial numbers).
    #[arg(long)]
    pub fix_dzg: bool,
    /// The language of the texts (errors, names, the summary); default: the locale's
    /// (LC_ALL, LC_MESSAGES, LANG), German or else English.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// What `watch` has seen so far, for the summary.
#[derive(Debug, Default, Clone)]
struct Seen {
    bytes: u64,
    frames: u64,
    ok: u64,
    crc_errors: u64,
    protocol: Option<&'static str>,
    lang: Lang,
}

impl Seen {
    fn add(&mut self, frame: &DumpFrame) {
        self.frames += 1;
        match frame.status {
            Status::Ok => self.ok += 1,
            Status::CrcMismatch => self.crc_errors += 1,
            _ => {}
        }
    }

    fn summary(&self) -> String {
        let count = |n: u64| Arg::Count(n);
        let counts = Message::new("report.watch_summary")
            .with("bytes", Arg::Offset(self.bytes))
            .with("frames", count(self.frames))
            .with("ok", count(self.ok))
            .with("crc", count(self.crc_errors))
            .with("other", count(self.frames - self.ok - self.crc_errors));
        format!(
            "{}{}",
            counts.render(self.lang),
            self.protocol.map(|p| format!(", {p}")).unwrap_or_default()
        )
    }
}

/// Runs `watch` until the input ends or Ctrl-C.
pub fn run(args: Args) -> Result<Exit, String> {
    let name = display_name(&args.path);
    let mut input = open(&args)?;
    let lang = lang::choose(args.lang);
    let seen = Arc::new(Mutex::new(Seen {
        lang,
        ..Seen::default()
    }));
    // Ctrl-C: the summary so far, then exit (a blocking read is not interrupted otherwise).
    let at_interrupt = Arc::clone(&seen);
    ctrlc::set_handler(move || {
        let seen = at_interrupt.lock().map(|s| s.clone()).unwrap_or_default();
        eprintln!("\n{}", seen.summary());
        std::process::exit(if seen.ok > 0 { 0 } else { 3 });
    })
    .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;
    let protocol = match args.protocol {
        Protocol::Auto => StreamProtocol::Auto,
        Protocol::Sml => StreamProtocol::Sml,
        Protocol::D0 => StreamProtocol::D0,
    };
    let options = DecodeOptions {
        fix_dzg_dvs74: args.fix_dzg,
        ..DecodeOptions::default()
    };
    let mut stream = FrameStream::new(protocol, options).with_lang(lang);
    let mut chunk = vec![0u8; 4096];
    let stdout = std::io::stdout();
    loop {
        let n = match input.read(&mut chunk) {
            Ok(0) if input.follows() => {
                std::thread::sleep(Duration::from_millis(200));
                continue;
            }
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // A serial port's read timeout: nothing arrived, keep waiting.
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => continue,
            Err(e) => return Err(format!("cannot read {name}: {e}")),
        };
        let frames = stream.push(&chunk[..n]);
        record(&seen, &stream, n as u64, &frames);
        if !print(&mut stdout.lock(), &frames, args.format, lang)? {
            return Ok(Exit::Done);
        }
    }
    let frames = stream.finish();
    record(&seen, &stream, 0, &frames);
    print(&mut stdout.lock(), &frames, args.format, lang)?;
    let seen = seen.lock().map(|s| s.clone()).unwrap_or_default();
    eprintln!("{}", seen.summary());
    Ok(if seen.ok > 0 {
        Exit::Done
    } else {
        Exit::NothingIntact
    })
}

fn record(seen: &Mutex<Seen>, stream: &FrameStream, bytes: u64, frames: &[DumpFrame]) {
    if let Ok(mut seen) = seen.lock() {
        seen.bytes += bytes;
        seen.protocol = stream.protocol().map(|p| p.as_str());
        for f in frames {
            seen.add(f);
        }
    }
}

/// Prints `frames`; `false` when the reader has gone (`| head`).
fn print(
    out: &mut impl Write,
    frames: &[DumpFrame],
    format: Format,
    lang: Lang,
) -> Result<bool, String> {
    let written = frames.iter().try_for_each(|f| match format {
        Format::Text => writeln!(out, "{}", line(f, lang)),
        Format::Jsonl => {
            let mut json = JsonForTerminal::new(&mut *out);
            serde_json::to_writer(&mut json, f)?;
            json.flush()?;
            writeln!(out)
        }
    });
    match written.and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(format!("cannot write the output: {e}")),
    }
}

/// One frame as a line: `@offset +length status [crc] · obis value unit · …`.
fn line(f: &DumpFrame, lang: Lang) -> String {
    let no_value = Message::new("report.no_value").render(lang);
    let values: Vec<String> = f
        .values
        .iter()
        .map(|v| {
            let value = v.value.as_deref().unwrap_or(&no_value);
            let unit = v
                .unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            format!("{} {value}{unit}", v.obis)
        })
        .collect();
    let crc = f
        .crc
        .map(|c| format!(" {}", c.as_str()))
        .unwrap_or_default();
    let error = f
        .error
        .as_ref()
        .map(|e| format!(" ({})", e.message))
        .unwrap_or_default();
    let text = format!(
        "@{} +{} {}{crc}{error}{}{}",
        f.offset,
        f.length,
        f.status.as_str(),
        if values.is_empty() { "" } else { " · " },
        values.join(" · ")
    );
    Shown(&text).to_string()
}

/// Where `watch` reads from.
trait Input: Read {
    /// A file that may still grow: the end of it is not the end of the input.
    fn follows(&self) -> bool {
        false
    }
}

impl Input for std::io::Stdin {}
impl Input for Box<dyn serialport::SerialPort> {}

/// A regular file, followed as it grows (or not).
struct FileInput {
    file: std::fs::File,
    follow: bool,
}

impl Read for FileInput {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.file.read(buf)
    }
}

impl Input for FileInput {
    fn follows(&self) -> bool {
        self.follow
    }
}

/// Opens the input: standard input, a serial port (a character device, configured with the
/// baud rate and parity) or a file.
fn open(args: &Args) -> Result<Box<dyn Input>, String> {
    let name = display_name(&args.path);
    if args.path == Path::new("-") {
        return Ok(Box::new(std::io::stdin()));
    }
    let meta = std::fs::metadata(&args.path).map_err(|e| format!("cannot read {name}: {e}"))?;
    if is_character_device(&meta) {
        let (data_bits, parity) = match args.parity {
            Parity::None => (serialport::DataBits::Eight, serialport::Parity::None),
            Parity::Even => (serialport::DataBits::Seven, serialport::Parity::Even),
        };
        let port = serialport::new(args.path.to_string_lossy(), args.baud)
            .data_bits(data_bits)
            .parity(parity)
            .stop_bits(serialport::StopBits::One)
            .timeout(Duration::from_millis(500))
            .open()
            .map_err(|e| format!("cannot open the serial port {name}: {e}"))?;
        return Ok(Box::new(port));
    }
    let file = std::fs::File::open(&args.path).map_err(|e| format!("cannot read {name}: {e}"))?;
    // A pipe (FIFO) ends when its writer closes it; a regular file is followed.
    let follow = meta.is_file() && !args.no_follow;
    Ok(Box::new(FileInput { file, follow }))
}

#[cfg(unix)]
fn is_character_device(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_char_device()
}

#[cfg(not(unix))]
fn is_character_device(_: &std::fs::Metadata) -> bool {
    false
}
