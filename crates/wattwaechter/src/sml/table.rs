//! Readings as columns: every reading of every frame in flat arrays ([`reading_table`]).

use super::decode::{for_each_frame, DecodeOptions, Frame, ObjName, ReadingValue};
use crate::hex;
use crate::obis::Obis;
use crate::status::Status;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// The readings of a capture as columns (see [`reading_table`]).
///
/// Frame columns have one entry per frame found (every status); row columns have one entry per
/// reading, in input order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadingTable {
    /// The distinct object names, in order of first appearance: OBIS text (`1-0:1.8.0*255`)
    /// for 6-byte names, hex otherwise.
    pub codes: Vec<String>,
    /// Per frame: its first byte in the input.
    pub frame_offsets: Vec<usize>,
    /// Per frame: how it ended (readings of frames that are not `ok` are not protected by a
    /// matching CRC).
    pub frame_statuses: Vec<Status>,
    /// Per frame: the meter's time (`actSensorTime` of the first GetListResponse: seconds
    /// index or Unix time), if it sent one.
    pub frame_times: Vec<Option<u32>>,
    /// Per row: the index of its frame in the frame columns.
    pub row_frames: Vec<u32>,
    /// Per row: the index of its object name in [`codes`](Self::codes).
    pub row_codes: Vec<u32>,
    /// Per row: the DLMS unit code, `0` when the meter sent none.
    pub row_units: Vec<u8>,
    /// Per row: the number with the scaler applied; NaN when the value is no number (an
    /// octet string, a time, a boolean, or absent).
    pub row_values: Vec<f64>,
}

/// Decodes every frame of `input` and returns its readings as columns.
///
/// One row per reading, each distinct object name once.
///
/// This is the lean form: to chart a capture, to filter readings by frame status, or to hand
/// the readings to JavaScript as typed arrays (the npm package's `decodeReadings`). Values are
/// `f64` with the scaler applied, so counters above 2^53 round; [`decode`](super::decode())
/// keeps the exact decimals, times, octet strings, quirks and errors.
///
/// ```
/// use wattwaechter::sml::{encode, reading_table, DecodeOptions, GetListResponse, ListEntry,
///     Message, MessageBody, Status, Value};
///
/// let power = ListEntry::reading(&[1, 0, 16, 7, 0, 255], Some(27), Some(-1), Some(Value::Int { value: 4321, width: 4 }));
/// let body = MessageBody::GetListResponse(GetListResponse::readings(b"meter", vec![power]));
/// let wire = encode::frame(&encode::message(&Message::new(b"t", body)));
/// let table = reading_table(&wire, &DecodeOptions::default());
/// assert_eq!(table.codes, ["1-0:16.7.0*255"]);
/// assert_eq!(table.frame_statuses, [Status::Ok]);
/// assert_eq!((table.row_frames[0], table.row_codes[0], table.row_units[0]), (0, 0, 27));
/// assert_eq!(table.row_values, [432.1]);
/// ```
pub fn reading_table(input: &[u8], options: &DecodeOptions) -> ReadingTable {
    let mut builder = Builder::default();
    for_each_frame(input, options, |f| builder.frame(f));
    builder.table
}

/// Collects frames into a [`ReadingTable`].
#[derive(Default)]
struct Builder {
    table: ReadingTable,
    /// The object names behind `table.codes`, same order, each with its [`packed`] form.
    names: Vec<(Option<u64>, ObjName)>,
}

/// An object name of up to 7 bytes (OBIS codes have 6) as one number, length included, so
/// that comparing two names is one comparison (a slice comparison is a memcmp call on wasm).
fn packed(name: &[u8]) -> Option<u64> {
    if name.len() > 7 {
        return None;
    }
    let mut word = [0u8; 8];
    word[..name.len()].copy_from_slice(name);
    word[7] = name.len() as u8;
    Some(u64::from_le_bytes(word))
}

impl Builder {
    fn frame(&mut self, f: &Frame) {
        let index = self.table.frame_offsets.len() as u32;
        self.table.frame_offsets.push(f.range.start);
        self.table.frame_statuses.push(f.status);
        self.table
            .frame_times
            .push(f.sensor_time.map(|t| t.seconds()));
        let mut previous = None;
        for r in &f.readings {
            let code = self.code(&r.obj_name, previous);
            previous = Some(code);
            let t = &mut self.table;
            t.row_frames.push(index);
            t.row_codes.push(code);
            t.row_units.push(r.unit.map_or(0, |u| u.code));
            t.row_values.push(match r.value {
                ReadingValue::Number { value, .. } => value.to_f64(),
                _ => f64::NAN,
            });
        }
    }

    /// The index of `name` in `codes`, adding it when new. Meters send their readings in the
    /// same order every time, so the code after the previous row's is tried first.
    fn code(&mut self, name: &ObjName, previous: Option<u32>) -> u32 {
        let key = packed(name);
        let same = |(k, n): &(Option<u64>, ObjName)| match (k, key) {
            (Some(a), Some(b)) => *a == b,
            _ => n == name,
        };
        let guess = previous.map_or(0, |p| p as usize + 1);
        if self.names.get(guess).is_some_and(same) {
            return guess as u32;
        }
        if let Some(i) = self.names.iter().position(same) {
            return i as u32;
        }
        self.table.codes.push(match Obis::from_bytes(name) {
            Some(obis) => obis.to_string(),
            None => hex::encode(name),
        });
        self.names.push((key, name.clone()));
        (self.names.len() - 1) as u32
    }
}
