//! Frames from a byte stream, whatever the meter speaks: SML or D0, given or detected from the
//! first bytes, each frame handed out as a [`DumpFrame`] (the form dump reports use) as soon as
//! it is certain.
//!
//! [`FrameStream`] is push-based (`push(chunk)` → the frames completed by it, `finish()`);
//! [`read_frames`] (feature `std`) is an iterator over any [`std::io::Read`] (a serial port, a
//! pipe, a file). For bare-metal targets without this allocation per frame, use
//! [`SmlStream`] directly (and its readers over `embedded-io`).
//!
//! The frames are exactly those of decoding the whole input at once ([`dump::sml_frames`],
//! [`dump::d0_frames`]), for any way it is cut into chunks.
//!
//! ```
//! use wattwaechter::stream::{FrameStream, StreamProtocol};
//! let capture = b"/ISk5MT174-0001\r\n\r\n1.8.0(001234.5*kWh)\r\n!\r\n".repeat(2);
//! let mut stream = FrameStream::new(StreamProtocol::Auto, Default::default());
//! let mut frames = Vec::new();
//! for chunk in capture.chunks(16) {
//!     frames.extend(stream.push(chunk));
//! }
//! frames.extend(stream.finish());
//! assert_eq!(frames.len(), 2);
//! assert_eq!(frames[1].values[0].value.as_deref(), Some("001234.5"));
//! ```

use crate::d0::stream::D0Stream;
use crate::dump::{self, DumpFrame, Protocol};
use crate::sml::stream::SmlStream;
use crate::sml::DecodeOptions;
use crate::text::Lang;
use alloc::vec::Vec;

/// What a stream carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum StreamProtocol {
    /// Detected from the first bytes: SML at its first start sequence, D0 at its first
    /// identification line (whichever comes first); after 4 KiB without either, as a dump
    /// would be ([`dump::detect`]).
    #[default]
    Auto,
    /// SML 1.04.
    Sml,
    /// D0 (IEC 62056-21).
    D0,
}

/// How many bytes detection looks at before it decides as a dump would.
pub const DETECT_WINDOW: usize = 4096;

/// Decodes frames from a byte stream pushed in chunks of any size.
#[derive(Debug, Clone)]
pub struct FrameStream {
    state: State,
    options: DecodeOptions,
    lang: Lang,
}

#[derive(Debug, Clone)]
enum State {
    /// The first bytes, until they tell the protocol.
    Detecting(Vec<u8>),
    Sml(alloc::boxed::Box<SmlStream>),
    D0(D0Stream),
}

impl FrameStream {
    /// A stream of `protocol`; SML frames are decoded with `options`.
    pub fn new(protocol: StreamProtocol, options: DecodeOptions) -> Self {
        let state = match protocol {
            StreamProtocol::Auto => State::Detecting(Vec::new()),
            StreamProtocol::Sml => State::Sml(alloc::boxed::Box::new(SmlStream::new(options))),
            StreamProtocol::D0 => State::D0(D0Stream::new()),
        };
        FrameStream {
            state,
            options,
            lang: Lang::En,
        }
    }

    /// The same stream with its frames' texts (error sentences, OBIS names) in `lang`.
    pub fn with_lang(self, lang: Lang) -> Self {
        FrameStream { lang, ..self }
    }

    /// Adds `chunk`; returns the frames it completed (none, often).
    pub fn push(&mut self, chunk: &[u8]) -> Vec<DumpFrame> {
        if let State::Detecting(seen) = &mut self.state {
            seen.extend_from_slice(chunk);
            let Some(protocol) = detect_early(seen) else {
                return Vec::new();
            };
            let seen = core::mem::take(seen);
            return self.start(protocol, &seen);
        }
        self.decode(chunk)
    }

    /// Ends the stream: the frames still pending, as the end of a capture leaves them.
    pub fn finish(&mut self) -> Vec<DumpFrame> {
        let mut out = Vec::new();
        if let State::Detecting(seen) = &mut self.state {
            let seen = core::mem::take(seen);
            let protocol = match dump::detect(&seen) {
                Protocol::D0 => StreamProtocol::D0,
                _ => StreamProtocol::Sml,
            };
            out = self.start(protocol, &seen);
        }
        match &mut self.state {
            State::Sml(s) => out.extend(s.finish().map(|f| dump::sml_frame(f, self.lang))),
            State::D0(s) => {
                let capture = s.finish();
                out.extend(dump::d0_frames_of(capture, self.lang));
            }
            State::Detecting(_) => {}
        }
        out
    }

    /// The protocol, once known.
    pub fn protocol(&self) -> Option<Protocol> {
        match self.state {
            State::Detecting(_) => None,
            State::Sml(_) => Some(Protocol::Sml),
            State::D0(_) => Some(Protocol::D0),
        }
    }

    /// How many bytes the stream has consumed.
    pub fn position(&self) -> u64 {
        match &self.state {
            State::Detecting(seen) => seen.len() as u64,
            State::Sml(s) => s.position(),
            State::D0(s) => s.position() as u64,
        }
    }

    fn start(&mut self, protocol: StreamProtocol, seen: &[u8]) -> Vec<DumpFrame> {
        self.state = match protocol {
            StreamProtocol::D0 => State::D0(D0Stream::new()),
            _ => State::Sml(alloc::boxed::Box::new(SmlStream::new(self.options))),
        };
        self.decode(seen)
    }

    fn decode(&mut self, chunk: &[u8]) -> Vec<DumpFrame> {
        let mut out = Vec::new();
        match &mut self.state {
            State::Sml(s) => {
                let mut rest = chunk;
                while !rest.is_empty() {
                    let (frame, after) = s.feed(rest);
                    out.extend(frame.map(|f| dump::sml_frame(f, self.lang)));
                    rest = after;
                }
            }
            State::D0(s) => out.extend(dump::d0_frames_of(s.push(chunk), self.lang)),
            State::Detecting(_) => {}
        }
        out
    }
}

/// The protocol the first bytes of a stream show: the first SML start sequence or D0
/// identification line, whichever comes first; after [`DETECT_WINDOW`] bytes, what a dump
/// would say.
fn detect_early(seen: &[u8]) -> Option<StreamProtocol> {
    let sml = memchr::memmem::find(seen, &crate::sml::transport::START);
    let d0 = crate::d0::first_identification(seen);
    match (sml, d0) {
        (Some(s), Some(d)) if d < s => Some(StreamProtocol::D0),
        (Some(_), _) => Some(StreamProtocol::Sml),
        (None, Some(_)) => Some(StreamProtocol::D0),
        (None, None) if seen.len() >= DETECT_WINDOW => {
            Some(match dump::detect(&seen[..DETECT_WINDOW]) {
                Protocol::D0 => StreamProtocol::D0,
                _ => StreamProtocol::Sml,
            })
        }
        (None, None) => None,
    }
}

/// The frames of a byte stream read from `reader` (a serial port, a pipe, a file), one at a
/// time: each as soon as it is certain, the last ones at the end of the input. Reads in
/// chunks of up to 4 KiB; memory is one frame (plus what the caller keeps).
#[cfg(feature = "std")]
pub fn read_frames<R: std::io::Read>(
    reader: R,
    protocol: StreamProtocol,
    options: DecodeOptions,
) -> ReadFrames<R> {
    ReadFrames {
        reader,
        stream: FrameStream::new(protocol, options),
        ready: alloc::collections::VecDeque::new(),
        chunk: alloc::vec![0; 4096],
        done: false,
    }
}

/// Iterator returned by [`read_frames`].
#[cfg(feature = "std")]
#[derive(Debug)]
pub struct ReadFrames<R> {
    reader: R,
    stream: FrameStream,
    ready: alloc::collections::VecDeque<DumpFrame>,
    chunk: Vec<u8>,
    done: bool,
}

#[cfg(feature = "std")]
impl<R> ReadFrames<R> {
    /// The stream decoder (its protocol and position).
    pub fn stream(&self) -> &FrameStream {
        &self.stream
    }
}

#[cfg(feature = "std")]
impl<R: std::io::Read> Iterator for ReadFrames<R> {
    type Item = std::io::Result<DumpFrame>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(frame) = self.ready.pop_front() {
                return Some(Ok(frame));
            }
            if self.done {
                return None;
            }
            match self.reader.read(&mut self.chunk) {
                Ok(0) => {
                    self.done = true;
                    self.ready.extend(self.stream.finish());
                }
                Ok(n) => self.ready.extend(self.stream.push(&self.chunk[..n])),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}
