//! Storage for the unescaped payload of the frame being received.
//!
//! The push decoder is generic over [`FrameBuffer`] so that it runs without an allocator
//! ([`ArrayBuf`]) as well as with one (`Vec<u8>`, bounded by the decoder's limit).

use alloc::vec::Vec;

/// A growable byte store with a fixed upper bound.
pub trait FrameBuffer {
    /// Appends a byte; returns `false` (and stores nothing) when the buffer is full.
    fn push(&mut self, byte: u8) -> bool;
    /// Appends all of `bytes`; returns `false` (and stores nothing) when they do not fit.
    fn extend_from_slice(&mut self, bytes: &[u8]) -> bool {
        let len = self.as_slice().len();
        for &b in bytes {
            if !self.push(b) {
                self.truncate(len);
                return false;
            }
        }
        true
    }
    /// How many more bytes fit.
    fn spare_capacity(&self) -> usize;
    /// Shortens the contents to `len` bytes.
    fn truncate(&mut self, len: usize);
    /// The stored bytes.
    fn as_slice(&self) -> &[u8];
    /// Removes everything.
    fn clear(&mut self) {
        self.truncate(0);
    }
}

/// A fixed-capacity buffer for targets without an allocator.
#[derive(Debug, Clone)]
pub struct ArrayBuf<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> ArrayBuf<N> {
    /// An empty buffer.
    pub const fn new() -> Self {
        ArrayBuf {
            bytes: [0; N],
            len: 0,
        }
    }
}

impl<const N: usize> Default for ArrayBuf<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> FrameBuffer for ArrayBuf<N> {
    fn push(&mut self, byte: u8) -> bool {
        match self.bytes.get_mut(self.len) {
            Some(slot) => {
                *slot = byte;
                self.len += 1;
                true
            }
            None => false,
        }
    }
    fn extend_from_slice(&mut self, bytes: &[u8]) -> bool {
        match self.bytes.get_mut(self.len..self.len + bytes.len()) {
            Some(slots) => {
                slots.copy_from_slice(bytes);
                self.len += bytes.len();
                true
            }
            None => false,
        }
    }
    fn spare_capacity(&self) -> usize {
        N - self.len
    }
    fn truncate(&mut self, len: usize) {
        self.len = self.len.min(len);
    }
    fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// A heap buffer bounded by `limit` bytes (see [`DEFAULT_MAX_PAYLOAD`](super::transport::DEFAULT_MAX_PAYLOAD)).
#[derive(Debug, Clone, Default)]
pub struct VecBuf {
    bytes: Vec<u8>,
    limit: usize,
}

impl VecBuf {
    /// An empty buffer that refuses to grow beyond `limit` bytes.
    pub fn with_limit(limit: usize) -> Self {
        VecBuf {
            bytes: Vec::new(),
            limit,
        }
    }
}

impl FrameBuffer for VecBuf {
    fn push(&mut self, byte: u8) -> bool {
        if self.bytes.len() >= self.limit {
            return false;
        }
        self.bytes.push(byte);
        true
    }
    fn extend_from_slice(&mut self, bytes: &[u8]) -> bool {
        if self.bytes.len() + bytes.len() > self.limit {
            return false;
        }
        self.bytes.extend_from_slice(bytes);
        true
    }
    fn spare_capacity(&self) -> usize {
        self.limit.saturating_sub(self.bytes.len())
    }
    fn truncate(&mut self, len: usize) {
        self.bytes.truncate(len);
    }
    fn as_slice(&self) -> &[u8] {
        &self.bytes
    }
}
