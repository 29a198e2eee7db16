//! English words for the texts the crate writes (findings) and its tools reuse (the CLI).

use alloc::format;
use alloc::string::String;

/// The plural ending of a noun counted `n` times: `""` for 1, `"s"` otherwise.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `n` and the noun, in the plural unless `n` is 1: `counted(1, "frame")` is "1 frame",
/// `counted(9, "frame")` is "9 frames".
pub fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", plural(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular() {
        assert_eq!(plural(0), "s");
        assert_eq!(plural(1), "");
        assert_eq!(plural(2), "s");
        assert_eq!(counted(1, "telegram"), "1 telegram");
        assert_eq!(counted(0, "range"), "0 ranges");
    }
}
