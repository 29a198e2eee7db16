//! `wattwaechter explain FILE`: every byte of a frame, which field it is and what it means.

use crate::input;
use crate::lang::{self, LangArg};
use crate::terminal::Shown;
use crate::Exit;
use std::cell::Cell;
use std::io::Write;
use std::path::PathBuf;
use wattwaechter::explain::{explain_at, explain_each, explain_nth, Explained, Span};

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An indented field tree with the hex of each field.
    Text,
    /// `{"frames": [{"index", "offset", "length", "status", "spans": [...]}]}`.
    Json,
}

/// `explain`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The capture: raw bytes, or text with --hex; `-` reads standard input.
    file: PathBuf,
    /// Only the frame with this index (from 0).
    #[arg(long, value_name = "N", conflicts_with = "offset")]
    frame: Option<usize>,
    /// Only the frame that holds this byte offset.
    #[arg(long, value_name = "N")]
    offset: Option<usize>,
    /// What to print.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The input is text (see `decode --hex`).
    #[arg(long)]
    hex: bool,
    /// Read at most this many bytes; a larger input is refused.
    #[arg(long, value_name = "BYTES", default_value_t = input::DEFAULT_MAX_INPUT)]
    max_input: u64,
    /// The language of the OBIS names (default: the locale's).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

/// Explains and prints, one frame at a time (a whole 64 MiB capture has tens of millions of
/// spans; only the frame being written is held).
pub fn run(args: Args) -> Result<Exit, String> {
    let (name, bytes) = input::read_capture(&args.file, args.max_input, args.hex)?;
    let lang = lang::choose(args.lang);
    let mut frames: Box<dyn Iterator<Item = Explained>> = match (args.frame, args.offset) {
        (Some(n), _) => Box::new(explain_nth(&bytes, n, lang).into_iter()),
        (None, Some(at)) => Box::new(explain_at(&bytes, at, lang).into_iter()),
        (None, None) => explain_each(&bytes, lang),
    };
    let Some(first) = frames.next() else {
        let count = explain_each(&bytes, lang).count();
        return Err(match (args.frame, args.offset) {
            _ if count == 0 => format!("{name} holds no SML frame and no D0 telegram"),
            (Some(n), _) => format!(
                "{name} has {count} frames (0 to {}), no frame {n}",
                count - 1
            ),
            (None, at) => format!("no frame holds byte {} of {name}", at.unwrap_or(0)),
        });
    };
    let mut frames = std::iter::once(first).chain(frames);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match args.format {
        Format::Json => {
            /// The document: the frames, each with its fields in the order the contract names.
            #[derive(serde::Serialize)]
            struct Doc<'a> {
                frames: OneByOne<'a>,
            }
            let doc = Doc {
                frames: OneByOne(Cell::new(Some(Box::new(frames)))),
            };
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
        Format::Text => frames.try_for_each(|f| write_tree(&mut out, &f, &bytes)),
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Exit::Done),
        other => other
            .map(|()| Exit::Done)
            .map_err(|e| format!("cannot write the output: {e}")),
    }
}

/// Frames written as a JSON array as they are explained (serialized once).
struct OneByOne<'a>(Cell<Option<Box<dyn Iterator<Item = Explained> + 'a>>>);

impl serde::Serialize for OneByOne<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.take().into_iter().flatten())
    }
}

/// How deep a path is: one level per `.` and per `[`.
fn depth(path: &str) -> usize {
    path.bytes().filter(|&b| b == b'.' || b == b'[').count()
}

/// The last part of a path (`value`, `val_list[3]`).
fn last(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

/// `frame 3 @1234, 456 bytes, ok`, then one line per span: offset, hex (the first 16 bytes),
/// the field indented by its depth, the type, the meaning, the verdict.
fn write_tree(out: &mut impl Write, f: &Explained, bytes: &[u8]) -> std::io::Result<()> {
    writeln!(
        out,
        "frame {} @{}, {} bytes, {}",
        f.index,
        f.offset,
        f.length,
        f.status.as_str()
    )?;
    let mut previous = "";
    for s in &f.spans {
        let Span {
            start,
            end,
            path,
            kind,
            meaning,
            verdict,
        } = s;
        let shown = &bytes[*start..(*end).min(start + 16)];
        let mut hex = wattwaechter::hex::encode(shown);
        if end - start > 16 {
            hex.push('…');
        }
        // A field's value follows its TL on one level: the name once.
        let name = if path == previous { "" } else { last(path) };
        previous = path;
        write!(
            out,
            "{start:>7}  {hex:<33} {:indent$}{name} {kind}",
            "",
            indent = 2 * depth(path)
        )?;
        if let Some(m) = meaning {
            write!(out, " = {}", Shown(m))?;
        }
        if let Some(v) = verdict {
            let kermit = v
                .computed_kermit
                .as_ref()
                .map_or(String::new(), |k| format!(", KERMIT {k}"));
            write!(
                out,
                " [{}: read {}, computed {}{kermit}]",
                if v.ok { "ok" } else { "MISMATCH" },
                v.read,
                v.computed
            )?;
        }
        writeln!(out)?;
    }
    writeln!(out)
}
