//! SML from a byte stream (a serial IR head, a socket): each frame decoded as soon as its last
//! byte arrives, whatever pieces the bytes come in.
//!
//! [`SmlStream`] puts the transport's push decoder ([`transport::Decoder`]) and the message
//! decoder together. Its frames are exactly those [`decode`](super::decode) finds in the whole
//! input, for every way the input is cut into chunks (property-tested over every capture),
//! with their offsets counted from the stream's first byte. Memory is the frame buffer (the
//! largest frame accepted) and one scratch [`Frame`], never the stream's length.
//!
//! ```
//! use wattwaechter::sml::{encode, stream::SmlStream, DecodeOptions, Status};
//! let capture = [encode::frame(&[]), encode::frame(&[])].concat();
//! let mut stream = SmlStream::new(DecodeOptions::default());
//! let mut statuses = Vec::new();
//! for chunk in capture.chunks(7) {
//!     let mut rest = chunk;
//!     while !rest.is_empty() {
//!         let (frame, after) = stream.feed(rest);
//!         if let Some(frame) = frame {
//!             statuses.push(frame.status);
//!         }
//!         rest = after;
//!     }
//! }
//! if let Some(frame) = stream.finish() {
//!     statuses.push(frame.status);
//! }
//! assert_eq!(statuses.len(), 2);
//! ```

use super::buffer::{FrameBuffer, VecBuf};
use super::decode::{decode_payload_into, DecodeOptions, Frame};
use super::transport::{self, FrameSpan, TransportFrame};
use alloc::borrow::Cow;

/// Decodes SML frames from a stream of bytes, pushed in chunks of any size.
#[derive(Debug, Clone)]
pub struct SmlStream<B: FrameBuffer = VecBuf> {
    transport: transport::Decoder<B>,
    options: DecodeOptions,
    frame: Frame,
}

impl SmlStream<VecBuf> {
    /// A stream decoder whose frame buffer grows up to `options.max_payload`.
    pub fn new(options: DecodeOptions) -> Self {
        Self::with_buffer(VecBuf::with_limit(options.max_payload), options)
    }
}

impl<B: FrameBuffer> SmlStream<B> {
    /// A stream decoder over a frame buffer of your choice (a fixed
    /// [`ArrayBuf`](super::buffer::ArrayBuf) on targets without a heap for payloads).
    pub fn with_buffer(buf: B, options: DecodeOptions) -> Self {
        SmlStream {
            transport: transport::Decoder::new(buf),
            options,
            frame: Frame::empty(),
        }
    }

    /// Consumes bytes from `input` until a frame is complete, and returns it with the bytes
    /// not consumed yet (feed them next). `(None, [])` when `input` ended without completing
    /// a frame.
    pub fn feed<'i>(&mut self, input: &'i [u8]) -> (Option<&Frame>, &'i [u8]) {
        let (found, rest) = self.transport.feed(input);
        match found {
            Some(t) => {
                decode_transport_frame(&t, &self.options, &mut self.frame);
                (Some(&self.frame), rest)
            }
            None => (None, rest),
        }
    }

    /// Ends the stream: the frame it was inside of, if any (cut by the end).
    pub fn finish(&mut self) -> Option<&Frame> {
        let t = self.transport.finish()?;
        decode_transport_frame(&t, &self.options, &mut self.frame);
        Some(&self.frame)
    }

    /// How many bytes the stream has consumed.
    pub fn position(&self) -> u64 {
        self.transport.position()
    }

    /// The options frames are decoded with.
    pub fn options(&self) -> &DecodeOptions {
        &self.options
    }
}

/// Decodes the frame the transport handed out. Offsets are `usize` (on a 32-bit target they
/// wrap after 4 GiB of stream, days of a meter's output).
fn decode_transport_frame(t: &TransportFrame<'_>, options: &DecodeOptions, frame: &mut Frame) {
    let span = FrameSpan {
        range: t.start as usize..t.end as usize,
        payload: Cow::Borrowed(t.payload),
        status: t.status,
        crc: t.crc,
        misaligned_end: t.misaligned_end,
        nonzero_padding: t.nonzero_padding,
        padding: t.padding,
    };
    decode_payload_into(&span, None, options, frame);
}

/// Frames from an [`embedded_io::Read`] (a UART driver) on targets without `std`: reads into
/// a chunk of `N` bytes and decodes each frame as it completes. Nothing here allocates but the
/// frame's readings.
#[cfg(feature = "embedded-io")]
#[derive(Debug)]
pub struct SmlReader<R, B: FrameBuffer, const N: usize> {
    reader: R,
    stream: SmlStream<B>,
    chunk: [u8; N],
    /// The bytes of `chunk` not fed to the stream yet: `at..filled`.
    at: usize,
    filled: usize,
    ended: bool,
}

#[cfg(feature = "embedded-io")]
impl<R, B: FrameBuffer, const N: usize> SmlReader<R, B, N> {
    /// Frames from `reader`, decoded by `stream`.
    pub fn new(reader: R, stream: SmlStream<B>) -> Self {
        SmlReader {
            reader,
            stream,
            chunk: [0; N],
            at: 0,
            filled: 0,
            ended: false,
        }
    }

    /// The stream decoder (its position and options).
    pub fn stream(&self) -> &SmlStream<B> {
        &self.stream
    }

    /// Feeds what is left of the last read; `true` when a frame completed (it is then
    /// `self.stream.frame`).
    fn feed_pending(&mut self) -> bool {
        if self.at == self.filled {
            return false;
        }
        let (frame, rest) = self.stream.feed(&self.chunk[self.at..self.filled]);
        let complete = frame.is_some();
        self.at = self.filled - rest.len();
        complete
    }

    /// The end of the input: the frame it cut, if any.
    fn end(&mut self) -> Option<&Frame> {
        if self.ended {
            return None;
        }
        self.ended = true;
        self.stream.finish()
    }
}

#[cfg(feature = "embedded-io")]
impl<R: embedded_io::Read, B: FrameBuffer, const N: usize> SmlReader<R, B, N> {
    /// Reads until a frame is complete and returns it; `None` once the reader has ended (a
    /// read of 0 bytes) and the last frame was handed out.
    pub fn next_frame(&mut self) -> Result<Option<&Frame>, R::Error> {
        loop {
            if self.feed_pending() {
                return Ok(Some(&self.stream.frame));
            }
            if self.ended {
                return Ok(None);
            }
            let n = self.reader.read(&mut self.chunk)?;
            if n == 0 {
                return Ok(self.end());
            }
            (self.at, self.filled) = (0, n);
        }
    }
}

#[cfg(feature = "embedded-io-async")]
impl<R: embedded_io_async::Read, B: FrameBuffer, const N: usize> SmlReader<R, B, N> {
    /// [`next_frame`](Self::next_frame) for an async reader (embassy and the like).
    pub async fn next_frame_async(&mut self) -> Result<Option<&Frame>, R::Error> {
        loop {
            if self.feed_pending() {
                return Ok(Some(&self.stream.frame));
            }
            if self.ended {
                return Ok(None);
            }
            let n = self.reader.read(&mut self.chunk).await?;
            if n == 0 {
                return Ok(self.end());
            }
            (self.at, self.filled) = (0, n);
        }
    }
}
