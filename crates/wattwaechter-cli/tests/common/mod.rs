//! What the command-line tests share: the binary in an English locale, and running it with
//! bytes on standard input.
// Each test binary uses part of what is here.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `cmd` with `input` on standard input; the command may stop reading early (a limit), so
/// a broken pipe while writing is fine.
pub fn with_stdin(mut cmd: Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let _ = child.stdin.take().expect("a pipe").write_all(input);
    child.wait_with_output().expect("the binary ends")
}

/// The binary, in an English locale whatever the machine's (the tests that want German say
/// so with `--lang de` or their own `LANG`).
pub fn wattwaechter() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wattwaechter"));
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    cmd
}
