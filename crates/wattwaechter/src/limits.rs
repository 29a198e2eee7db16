//! How much one decoding call may report.
//!
//! A report costs memory per frame and per value, whatever the input spent on them: a
//! hostile input can make every 8-byte start sequence an aborted frame and every 3-byte `(1)`
//! a D0 value, and its report would be a hundred times its size. The real captures of this
//! project spend 135 bytes and more on a frame and 23 and more on a value. So a report holds at
//! most one frame per 64 bytes of input and one value per 16 bytes ([`Limits::for_input`];
//! never fewer than 4,096 frames and 16,384 values, so small inputs are never cut): real
//! captures stay below, and the report's memory stays within a small multiple of the input
//! (measured in `tests/peak_memory.rs`). A decoder that reaches a limit stops there and says
//! so ([`Truncation`]); the caller can raise the limits.

/// The largest input the decoding entry points (the npm package's decoders) take by default:
/// 64 MiB, a day of SML at one 400-byte telegram per second and far more than a device's ring
/// buffer. The limits below keep the report within a small multiple of it.
pub const DEFAULT_MAX_INPUT: usize = 64 * 1024 * 1024;

/// The most frames (or telegrams) and values one call reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Frames (SML) or telegrams (D0).
    pub max_frames: usize,
    /// Values, over all frames.
    pub max_values: usize,
}

impl Limits {
    /// Input bytes per frame that the default limits allow.
    pub const BYTES_PER_FRAME: usize = 64;
    /// Input bytes per value that the default limits allow.
    pub const BYTES_PER_VALUE: usize = 16;
    /// The fewest frames the default limits allow, for any input.
    pub const MIN_FRAMES: usize = 4096;
    /// The fewest values the default limits allow, for any input.
    pub const MIN_VALUES: usize = 16_384;

    /// No limits (for callers that bound the input themselves).
    pub const UNLIMITED: Limits = Limits {
        max_frames: usize::MAX,
        max_values: usize::MAX,
    };

    /// The default for an input of `len` bytes: one frame per [`Self::BYTES_PER_FRAME`] and
    /// one value per [`Self::BYTES_PER_VALUE`] bytes, at least [`Self::MIN_FRAMES`] and
    /// [`Self::MIN_VALUES`].
    pub const fn for_input(len: usize) -> Limits {
        let frames = len / Self::BYTES_PER_FRAME;
        let values = len / Self::BYTES_PER_VALUE;
        Limits {
            max_frames: if frames > Self::MIN_FRAMES {
                frames
            } else {
                Self::MIN_FRAMES
            },
            max_values: if values > Self::MIN_VALUES {
                values
            } else {
                Self::MIN_VALUES
            },
        }
    }
}

impl Limits {
    /// The default for a log of `len` bytes (lines as frames, CSV fields as values): one line
    /// per 16 bytes and one field per 4 bytes, at least 16,384 lines and 65,536 fields. A log
    /// line is 20 bytes and more (its timestamp alone), a field 5 and more with its separator.
    pub const fn for_log(len: usize) -> Limits {
        let lines = len / 16;
        let fields = len / 4;
        Limits {
            max_frames: if lines > 16_384 { lines } else { 16_384 },
            max_values: if fields > 65_536 { fields } else { 65_536 },
        }
    }
}

/// Which limit was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum LimitKind {
    /// [`Limits::max_frames`].
    Frames,
    /// [`Limits::max_values`].
    Values,
}

/// Where a decoder stopped because a limit was reached: everything before `offset` is
/// reported, nothing from it on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Truncation {
    /// The first byte not decoded: the start of the frame that did not fit.
    pub offset: usize,
    /// The limit that was reached.
    pub limit: LimitKind,
    /// Its value.
    pub max: usize,
}

impl core::fmt::Display for Truncation {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let what = match self.limit {
            LimitKind::Frames => "frames",
            LimitKind::Values => "values",
        };
        write!(
            f,
            "the input holds more than {} {what}, the limit of one call; decoding stopped at byte {}",
            self.max, self.offset
        )
    }
}

/// Counts frames and values against [`Limits`].
#[derive(Debug, Clone)]
pub(crate) struct Tally {
    limits: Limits,
    frames: usize,
    values: usize,
}

impl Tally {
    pub(crate) fn new(limits: Limits) -> Self {
        Tally {
            limits,
            frames: 0,
            values: 0,
        }
    }

    /// Admits a frame with `values` values that starts at `offset`, or says where to stop.
    pub(crate) fn admit(&mut self, offset: usize, values: usize) -> Result<(), Truncation> {
        let stop = |limit, max| Truncation { offset, limit, max };
        if self.frames >= self.limits.max_frames {
            return Err(stop(LimitKind::Frames, self.limits.max_frames));
        }
        if values > self.limits.max_values - self.values.min(self.limits.max_values) {
            return Err(stop(LimitKind::Values, self.limits.max_values));
        }
        self.frames += 1;
        self.values += values;
        Ok(())
    }

    /// Would `values` more values (of a frame under construction) still fit?
    pub(crate) fn values_fit(&self, values: usize) -> bool {
        values <= self.limits.max_values - self.values.min(self.limits.max_values)
    }

    /// The limits counted against.
    pub(crate) fn limits(&self) -> Limits {
        self.limits
    }
}
