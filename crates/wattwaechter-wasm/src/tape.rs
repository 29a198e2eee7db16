//! A fast path from Rust values to JS objects for the large decoder results.
//!
//! serde-wasm-bindgen builds a JS value by crossing from wasm to JS once per field and once per
//! string (each string decoded on its own): for a 1 MiB capture that is ~300,000 crossings and
//! costs twice the decoding. Here a serde [`Serializer`](ser::Serializer) writes the whole
//! value into flat buffers instead — a tape of operations, the numbers, the text (ASCII and
//! the rest apart) and the bytes — and `js/tape.js` builds the objects from them in one call. The result is the same value
//! serde-wasm-bindgen's `json_compatible()` serializer gives (a test compares both on every
//! fixture): objects for structs and maps, `null` for `None` and `()`, numbers for integers
//! within ±2^53 (larger ones are an error), `BigInt` for `i128`/`u128`, strings for unit
//! variants, `{ Variant: value }` for the other variants, `Uint8Array` for bytes.

use serde::ser::{self, Serialize};
use std::collections::HashMap;
use std::fmt;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/tape.js")]
extern "C" {
    /// Builds the JS value described by the tape (see `js/tape.js`).
    #[wasm_bindgen(js_name = buildFromTape)]
    fn build_from_tape(
        ops: &[u32],
        numbers: &[f64],
        ascii: &str,
        wide: &str,
        bytes: &[u8],
    ) -> JsValue;
}

/// The tape's operations; `js/tape.js` reads the same numbers.
mod op {
    pub const NULL: u32 = 0;
    pub const TRUE: u32 = 1;
    pub const FALSE: u32 = 2;
    /// The next number of the number buffer.
    pub const NUMBER: u32 = 3;
    /// An ASCII string: its length follows; the text is the next run of the ASCII buffer.
    pub const STRING: u32 = 4;
    /// A string seen before: its id follows.
    pub const KNOWN: u32 = 5;
    /// A string to remember: its id follows, then a `STRING` or `WIDE` op.
    pub const REMEMBER: u32 = 6;
    /// An array: its length follows, then the elements.
    pub const ARRAY: u32 = 7;
    /// An object: its number of entries follows, then key and value of each.
    pub const OBJECT: u32 = 8;
    /// A `Uint8Array`: its length follows; the bytes are the next run of the byte buffer.
    pub const BYTES: u32 = 9;
    /// A `BigInt`: a string op with its decimal digits follows.
    pub const BIGINT: u32 = 10;
    /// A string with non-ASCII characters: its UTF-16 length follows; the text is the next
    /// run of the wide buffer. (Kept apart so that the ASCII buffer decodes on the fast path
    /// into a one-byte JS string.)
    pub const WIDE: u32 = 11;
}

/// The largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Serialises `value` to a JS value through the tape.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> std::result::Result<JsValue, JsValue> {
    let mut tape = Tape::default();
    value
        .serialize(&mut tape)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.0)))?;
    Ok(build_from_tape(
        &tape.ops,
        &tape.numbers,
        &tape.ascii,
        &tape.wide,
        &tape.bytes,
    ))
}

/// The buffers a value is written into.
#[derive(Default)]
struct Tape {
    ops: Vec<u32>,
    numbers: Vec<f64>,
    /// The ASCII strings, concatenated.
    ascii: String,
    /// The other strings, concatenated.
    wide: String,
    bytes: Vec<u8>,
    /// Ids of the `&'static str`s written so far (field names, variant names), by address.
    known: HashMap<(usize, usize), u32, BuildAddressHasher>,
}

impl Tape {
    fn string(&mut self, s: &str) {
        if s.is_ascii() {
            self.ops.push(op::STRING);
            self.ops.push(s.len() as u32);
            self.ascii.push_str(s);
        } else {
            self.ops.push(op::WIDE);
            self.ops.push(s.encode_utf16().count() as u32);
            self.wide.push_str(s);
        }
    }

    /// A `&'static str` (field and variant names): sent once per call, then by id.
    fn static_string(&mut self, s: &'static str) {
        let key = (s.as_ptr() as usize, s.len());
        let next = self.known.len() as u32;
        match self.known.get(&key) {
            Some(&id) => {
                self.ops.push(op::KNOWN);
                self.ops.push(id);
            }
            None => {
                self.known.insert(key, next);
                self.ops.push(op::REMEMBER);
                self.ops.push(next);
                self.string(s);
            }
        }
    }

    fn number(&mut self, v: f64) -> Result {
        self.ops.push(op::NUMBER);
        self.numbers.push(v);
        Ok(())
    }

    /// A 64-bit integer: a number when JS holds it exactly, otherwise an error (as
    /// serde-wasm-bindgen without BigInts).
    fn safe_integer(&mut self, magnitude: u64, v: impl fmt::Display, as_f64: f64) -> Result {
        if magnitude > MAX_SAFE_INTEGER {
            return Err(unsafe_integer(v));
        }
        self.number(as_f64)
    }

    /// A 128-bit integer as a `BigInt`.
    fn bigint(&mut self, v: impl fmt::Display) -> Result {
        self.ops.push(op::BIGINT);
        self.string(&v.to_string());
        Ok(())
    }

    /// Starts an array or object whose length is only known at its end; returns where to
    /// write it.
    fn open(&mut self, kind: u32) -> usize {
        self.ops.push(kind);
        self.ops.push(0);
        self.ops.len() - 1
    }
}

/// A hasher for (address, length) keys: the address alone is a good hash.
#[derive(Default)]
struct AddressHasher(u64);

impl std::hash::Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = self.0.rotate_left(5) ^ n as u64;
    }
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

type BuildAddressHasher = std::hash::BuildHasherDefault<AddressHasher>;

/// A serialisation error (a custom error from a `Serialize` impl, or an integer beyond ±2^53).
#[derive(Debug)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

fn unsafe_integer(v: impl fmt::Display) -> Error {
    Error(format!("{v} can't be represented as a JavaScript number"))
}

type Result<T = ()> = std::result::Result<T, Error>;

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result {
        self.ops.push(if v { op::TRUE } else { op::FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.number(f64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.number(f64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.number(f64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.safe_integer(v.unsigned_abs(), v, v as f64)
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.bigint(v)
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.number(f64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.number(f64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.number(f64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.safe_integer(v, v, v as f64)
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.bigint(v)
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.number(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.number(v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        self.ops.push(op::BYTES);
        self.ops.push(v.len() as u32);
        self.bytes.extend_from_slice(v);
        Ok(())
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.ops.push(op::NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Result {
        self.static_string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.ops.push(op::OBJECT);
        self.ops.push(1);
        self.static_string(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>> {
        Ok(Compound::new(self, op::ARRAY, None))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>> {
        Ok(Compound::new(self, op::ARRAY, None))
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>> {
        Ok(Compound::new(self, op::ARRAY, None))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>> {
        Ok(Compound::new(self, op::ARRAY, Some(variant)))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>> {
        Ok(Compound::new(self, op::OBJECT, None))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>> {
        Ok(Compound::new(self, op::OBJECT, None))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>> {
        Ok(Compound::new(self, op::OBJECT, Some(variant)))
    }
}

/// An array or object being written; its length is filled in at the end.
pub(crate) struct Compound<'a> {
    tape: &'a mut Tape,
    /// Where the length goes.
    len_at: usize,
    len: u32,
}

impl<'a> Compound<'a> {
    /// Opens the container; inside `{ variant: … }` when it is an enum variant.
    fn new(tape: &'a mut Tape, kind: u32, variant: Option<&'static str>) -> Self {
        if let Some(v) = variant {
            tape.ops.push(op::OBJECT);
            tape.ops.push(1);
            tape.static_string(v);
        }
        let len_at = tape.open(kind);
        Compound {
            tape,
            len_at,
            len: 0,
        }
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.len += 1;
        value.serialize(&mut *self.tape)
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        self.len += 1;
        self.tape.static_string(key);
        value.serialize(&mut *self.tape)
    }

    fn close(self) -> Result {
        self.tape.ops[self.len_at] = self.len;
        Ok(())
    }
}

/// The serde traits of sequences and tuples: every element in order.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
                self.element(value)
            }
            fn end(self) -> Result {
                self.close()
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The serde traits of structs: named fields.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result {
                self.field(key, value)
            }
            fn end(self) -> Result {
                self.close()
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        self.len += 1;
        key.serialize(&mut *self.tape)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result {
        self.close()
    }
}
