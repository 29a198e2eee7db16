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
//!
//! A struct is written as its shape (the list of its field names, sent once per call in a
//! table of shapes) and its values, so field names cost nothing per object. Other strings
//! that repeat are sent once per call and then by id: variant names (by address, they are
//! `&'static str`) and the core's labels ([`wattwaechter::label`]: OBIS codes and meter IDs by
//! content; catalogue names, unit symbols, message names and quirks, which are static text,
//! by address). JS then holds one string per distinct label instead of one per occurrence.

use rustc_hash::FxHashMap;
use serde::ser::{self, Serialize};
use std::fmt;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/tape.js")]
extern "C" {
    /// Builds the JS value described by the tape (see `js/tape.js`).
    #[wasm_bindgen(js_name = buildFromTape)]
    #[allow(clippy::too_many_arguments)]
    fn build_from_tape(
        ops: &[u32],
        numbers: &[f64],
        ascii: &str,
        wide: &str,
        bytes: &[u8],
        shapes: &[u32],
        shape_keys: &str,
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
    /// An object with a known shape (a struct): the shape's id follows, then one value per
    /// field name of the shape.
    pub const SHAPED: u32 = 12;

    /// Every operation by name (`js/tape.js` names them `OP_<name>`).
    #[cfg(test)]
    pub const ALL: [(&str, u32); 13] = [
        ("NULL", NULL),
        ("TRUE", TRUE),
        ("FALSE", FALSE),
        ("NUMBER", NUMBER),
        ("STRING", STRING),
        ("KNOWN", KNOWN),
        ("REMEMBER", REMEMBER),
        ("ARRAY", ARRAY),
        ("OBJECT", OBJECT),
        ("BYTES", BYTES),
        ("BIGINT", BIGINT),
        ("WIDE", WIDE),
        ("SHAPED", SHAPED),
    ];
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
        &tape.shape_table,
        &tape.shape_keys,
    ))
}

/// A field name, compared and hashed by address (the same name at two addresses only makes
/// two shapes of one struct).
#[derive(Clone, Copy)]
struct Key(&'static str);

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Key {}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_usize(self.0.as_ptr() as usize);
        h.write_usize(self.0.len());
    }
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
    known: FxHashMap<(usize, usize), u32>,
    /// Ids of the labels of up to 15 bytes written so far, by [`packed`] content (hashed and
    /// compared as one number: a string comparison is a `memcmp` call on wasm).
    short_labels: FxHashMap<u128, u32>,
    /// Ids of the longer labels written so far, by content.
    labels: FxHashMap<String, u32>,
    /// The id the next remembered string gets.
    next_id: u32,
    /// The field names of the structs being written, innermost last.
    open_keys: Vec<Key>,
    /// Ids of the shapes (field name lists) written so far.
    shapes: FxHashMap<Box<[Key]>, u32>,
    /// The shapes by id.
    shape_list: Vec<Box<[Key]>>,
    /// The last shape of each struct (by the address of its name): tried first, since a struct
    /// almost always has the same fields.
    last_shape: FxHashMap<usize, u32>,
    /// The shapes in id order: field count, then the UTF-16 length of each name.
    shape_table: Vec<u32>,
    /// The field names of the shapes, concatenated.
    shape_keys: String,
    /// What the next string is (set inside a label newtype struct).
    in_label: LabelKind,
}

/// Whether the string being written is a label, and which kind.
#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum LabelKind {
    /// A plain string.
    #[default]
    None,
    /// A [`LABEL`](wattwaechter::label::LABEL): known by its content.
    Content,
    /// A [`STATIC_LABEL`](wattwaechter::label::STATIC_LABEL): static text, known by its
    /// address.
    Static,
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

    /// A `&'static str` (field and variant names, static labels): sent once per call, then by
    /// id. Known by its address: callers pass static text only (the type says so where it
    /// can; for a static label the core's `StaticLabel` holds a `&'static str`).
    fn static_string(&mut self, s: &str) {
        let key = (s.as_ptr() as usize, s.len());
        self.send_once(|t| &mut t.known, &key, || key, s);
    }

    /// A label: sent once per call, then by id.
    fn label(&mut self, s: &str) {
        match packed(s) {
            Some(key) => self.send_once(|t| &mut t.short_labels, &key, || key, s),
            None => self.send_once(|t| &mut t.labels, s, || s.to_owned(), s),
        }
    }

    /// Writes `s` by id if `key` is in the map `ids` picks, otherwise writes it and remembers
    /// it under `owned()`.
    fn send_once<K, Q>(
        &mut self,
        ids: impl Fn(&mut Self) -> &mut FxHashMap<K, u32>,
        key: &Q,
        owned: impl FnOnce() -> K,
        s: &str,
    ) where
        K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        if let Some(&id) = ids(self).get(key) {
            return self.known_string(id);
        }
        let id = self.remember();
        ids(self).insert(owned(), id);
        self.string(s);
    }

    fn known_string(&mut self, id: u32) {
        self.ops.push(op::KNOWN);
        self.ops.push(id);
    }

    /// Announces that the next string is to be remembered; returns its id.
    fn remember(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        self.ops.push(op::REMEMBER);
        self.ops.push(id);
        id
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

    /// Starts an array, object or struct whose length or shape is only known at its end;
    /// returns where to write it.
    fn open(&mut self, kind: u32) -> usize {
        self.ops.push(kind);
        self.ops.push(0);
        self.ops.len() - 1
    }

    /// The id of the shape made of the field names `open_keys[from..]`, of the struct (or
    /// struct variant) named `name`.
    fn shape(&mut self, from: usize, name: &'static str) -> u32 {
        let keys = &self.open_keys[from..];
        let name = name.as_ptr() as usize;
        if let Some(&id) = self.last_shape.get(&name) {
            if *self.shape_list[id as usize] == *keys {
                return id;
            }
        }
        let id = match self.shapes.get(keys) {
            Some(&id) => id,
            None => {
                let id = self.shape_list.len() as u32;
                self.shape_table.push(keys.len() as u32);
                for k in keys {
                    self.shape_table.push(k.0.encode_utf16().count() as u32);
                    self.shape_keys.push_str(k.0);
                }
                self.shapes.insert(keys.into(), id);
                self.shape_list.push(keys.into());
                id
            }
        };
        self.last_shape.insert(name, id);
        id
    }
}

/// A string of up to 15 bytes as one number, its length in the top byte.
fn packed(s: &str) -> Option<u128> {
    let bytes = s.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut word = [0u8; 16];
    word[..bytes.len()].copy_from_slice(bytes);
    word[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(word))
}

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

/// The `Serializer` methods of the types every JS number holds exactly.
macro_rules! small_numbers {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result {
            self.number(f64::from(v))
        }
    )*};
}

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
    small_numbers!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_f32: f32
    );
    fn serialize_i64(self, v: i64) -> Result {
        self.safe_integer(v.unsigned_abs(), v, v as f64)
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.safe_integer(v, v, v as f64)
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.bigint(v)
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.bigint(v)
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.number(v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        match std::mem::take(&mut self.in_label) {
            LabelKind::None => self.string(v),
            LabelKind::Content => self.label(v),
            LabelKind::Static => self.static_string(v),
        }
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
        name: &'static str,
        value: &T,
    ) -> Result {
        self.in_label = match name {
            wattwaechter::label::LABEL => LabelKind::Content,
            wattwaechter::label::STATIC_LABEL => LabelKind::Static,
            _ => LabelKind::None,
        };
        let result = value.serialize(&mut *self);
        self.in_label = LabelKind::None;
        result
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
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Compound<'a>> {
        Ok(Compound::shaped(self, name, None))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>> {
        Ok(Compound::shaped(self, variant, Some(variant)))
    }
}

/// An array, map or struct being written; its length (or, for a struct, its shape) is filled
/// in at the end.
pub(crate) struct Compound<'a> {
    tape: &'a mut Tape,
    /// Where the length or shape goes.
    len_at: usize,
    len: u32,
    /// For a struct: where its field names begin in `open_keys`, and its name.
    shape: Option<(usize, &'static str)>,
}

impl<'a> Compound<'a> {
    /// Opens an array or map; inside `{ variant: … }` when it is an enum variant.
    fn new(tape: &'a mut Tape, kind: u32, variant: Option<&'static str>) -> Self {
        Self::wrap(tape, variant);
        let len_at = tape.open(kind);
        Compound {
            tape,
            len_at,
            len: 0,
            shape: None,
        }
    }

    /// Opens the struct (or struct variant) `name`.
    fn shaped(tape: &'a mut Tape, name: &'static str, variant: Option<&'static str>) -> Self {
        Self::wrap(tape, variant);
        let shape = Some((tape.open_keys.len(), name));
        let len_at = tape.open(op::SHAPED);
        Compound {
            tape,
            len_at,
            len: 0,
            shape,
        }
    }

    /// `{ variant: … }` around an enum variant's content.
    fn wrap(tape: &mut Tape, variant: Option<&'static str>) {
        if let Some(v) = variant {
            tape.ops.push(op::OBJECT);
            tape.ops.push(1);
            tape.static_string(v);
        }
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.len += 1;
        value.serialize(&mut *self.tape)
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        self.tape.open_keys.push(Key(key));
        value.serialize(&mut *self.tape)
    }

    fn close(self) -> Result {
        self.tape.ops[self.len_at] = match self.shape {
            Some((from, name)) => {
                let id = self.tape.shape(from, name);
                self.tape.open_keys.truncate(from);
                id
            }
            None => self.len,
        };
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

#[cfg(test)]
mod tests {
    use super::op;

    /// `js/tape.js` names the same operations with the same numbers, and uses no bare number
    /// as an operation.
    #[test]
    fn the_reader_names_the_same_operations() {
        let js = include_str!("../js/tape.js");
        let named: Vec<(&str, u32)> = js
            .lines()
            .filter_map(|l| l.strip_prefix("const OP_"))
            .map(|l| {
                let (name, number) = l.trim_end_matches(';').split_once(" = ").unwrap();
                (name, number.parse().unwrap())
            })
            .collect();
        assert_eq!(named, op::ALL);
        let numbers: Vec<u32> = op::ALL.iter().map(|&(_, n)| n).collect();
        assert_eq!(numbers, (0..op::ALL.len() as u32).collect::<Vec<_>>());
        assert!(!js.lines().any(|l| l.trim_start().starts_with("case ")
            && l.trim_start()[5..].starts_with(|c: char| c.is_ascii_digit())));
    }
}
