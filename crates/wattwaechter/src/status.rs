//! How a frame (SML) or telegram (D0) ended: one vocabulary for both protocols, so that dump
//! reports, the CLI and the page treat them alike.

/// The outcome of an SML frame or a D0 telegram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Status {
    /// Complete and intact: every CRC matches and every message parsed (SML); identification,
    /// data and `!` seen and the BCC matches if there is one (D0).
    Ok,
    /// The transport CRC or a message CRC (SML), or the block check character (D0), does not
    /// match.
    CrcMismatch,
    /// Only the end is in the input (D0: data without an identification line).
    TruncatedStart,
    /// The input ended inside it (D0: before `!`, or before ETX and the BCC).
    TruncatedEnd,
    /// A new frame or telegram started inside this one.
    Aborted,
    /// It breaks the transport rules or the syntax, or its messages do not parse.
    Malformed,
}

impl Status {
    /// Every status, in declaration order (`ALL[s as usize] == s`).
    pub const ALL: [Status; 6] = [
        Status::Ok,
        Status::CrcMismatch,
        Status::TruncatedStart,
        Status::TruncatedEnd,
        Status::Aborted,
        Status::Malformed,
    ];

    /// The stable snake_case name (`ok`, `crc_mismatch`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::CrcMismatch => "crc_mismatch",
            Status::TruncatedStart => "truncated_start",
            Status::TruncatedEnd => "truncated_end",
            Status::Aborted => "aborted",
            Status::Malformed => "malformed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn all_is_in_declaration_order() {
        for (i, s) in Status::ALL.into_iter().enumerate() {
            assert_eq!(s as usize, i, "{}", s.as_str());
        }
    }
}
