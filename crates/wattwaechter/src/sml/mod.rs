//! SML 1.04 (Smart Message Language): transport, messages, values, encoder.
//!
//! * [`transport`]: frames on the wire (start/end sequences, escaping, padding, CRC); a push
//!   [`Decoder`](transport::Decoder) and the slice API [`decode_frames`](transport::decode_frames).
//! * [`parse`]: messages of a payload ([`messages`](parse::messages)).
//! * [`decode()`]: both in one call, with readings, quirks and errors per frame.
//! * [`reading_table`]: the readings of every frame as columns (the lean form).
//! * [`encode`]: the way back, for tests and the simulator.

pub mod buffer;
mod decode;
pub mod encode;
pub mod error;
pub mod parse;
pub mod stream;
mod table;
pub(crate) mod tl;
pub mod transport;
pub mod types;

pub use crate::quirk::{Quirk, Quirks};
pub use crate::status::Status;
pub(crate) use decode::message_crc_kind;
pub use decode::{
    decode, decode_iter, decode_span, decode_span_into, for_each_frame, try_for_each_frame,
    DecodeOptions, Frame, FrameError, FrameErrorKind, ObjName, Reading, ReadingValue,
};
pub use error::{ParseError, ParseErrorKind};
pub use table::{reading_table, ReadingTable};
pub use types::*;
