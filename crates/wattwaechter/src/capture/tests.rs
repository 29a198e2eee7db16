use super::*;
use alloc::format;
use alloc::string::String;

fn fixture(name: &str) -> String {
    String::from_utf8(crate::test_fixtures::read(name)).expect("text")
}

fn capture() -> Vec<u8> {
    crate::test_fixtures::read("sml/EasyMeter_Q3A_A1064V1009.bin")
}

#[test]
fn every_format_of_a_real_capture_reads_back_to_its_bytes() {
    let bytes = capture();
    for (file, format, lines, skipped) in [
        ("import/EasyMeter_Q3A.xxd.txt", CaptureFormat::Xxd, 256, 0),
        (
            "import/EasyMeter_Q3A.hexdump-C.txt",
            CaptureFormat::HexdumpC,
            257,
            0,
        ),
        (
            "import/EasyMeter_Q3A.tasmota.txt",
            CaptureFormat::Tasmota,
            131,
            5,
        ),
        (
            "import/EasyMeter_Q3A.log.txt",
            CaptureFormat::LogLines,
            9,
            3,
        ),
    ] {
        let text = fixture(file);
        assert_eq!(detect(&text), format, "{file}");
        let c = read_text(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(c.bytes, bytes, "{file}");
        assert_eq!((c.lines, c.skipped_lines), (lines, skipped), "{file}");
    }
    let plain = crate::hex::encode(&bytes);
    let c = read_text(&plain).unwrap();
    assert_eq!((c.format, c.bytes), (CaptureFormat::Hex, bytes));
}

/// Bytes that are ASCII hex digits themselves: the ASCII column then looks like hex, and must
/// not be read.
#[test]
fn an_ascii_column_that_looks_like_hex_is_not_read() {
    let bytes = b"1b1b1b1b010101017605000000016200deadbeefcafe".to_vec();
    let xxd = "00000000: 3162 3162 3162 3162 3031 3031 3031 3031  1b1b1b1b01010101\n\
               00000010: 3736 3035 3030 3030 3030 3031 3632 3030  7605000000016200\n\
               00000020: 6465 6164 6265 6566 6361 6665            deadbeefcafe\n";
    let c = read_text(xxd).unwrap();
    assert_eq!((c.format, &c.bytes), (CaptureFormat::Xxd, &bytes));
    let hexdump =
        "00000000  31 62 31 62 31 62 31 62  30 31 30 31 30 31 30 31  |1b1b1b1b01010101|\n\
                   00000010  37 36 30 35 30 30 30 30  30 30 30 31 36 32 30 30  |7605000000016200|\n\
                   00000020  64 65 61 64 62 65 65 66  63 61 66 65              |deadbeefcafe|\n\
                   0000002c\n";
    let c = read_text(hexdump).unwrap();
    assert_eq!((c.format, &c.bytes), (CaptureFormat::HexdumpC, &bytes));
}

#[test]
fn a_hexdump_star_repeats_the_line_before_up_to_the_next_offset() {
    let text = "00000000  1b 1b 1b 1b 01 01 01 01  00 00 00 00 00 00 00 00  |................|\n\
                00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n\
                *\n\
                00000040  1b 1b 1b 1b 1a 00 12 34                           |.......4|\n\
                00000048\n";
    let c = read_text(text).unwrap();
    assert_eq!(c.bytes.len(), 0x48);
    assert!(c.bytes[16..64].iter().all(|&b| b == 0));
    assert_eq!(
        &c.bytes[64..],
        &[0x1b, 0x1b, 0x1b, 0x1b, 0x1a, 0x00, 0x12, 0x34]
    );
    // A hostile `*` does not allocate its 4 GiB.
    let hostile = "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\nffffffff\n";
    let e = read_text(hostile).unwrap_err();
    assert_eq!(e.problem, Problem::TooLarge { bytes: 0xffff_ffef });
    assert_eq!(e.line, 3);
}

#[test]
fn a_line_lost_in_copying_is_an_error_with_its_line() {
    let text = fixture("import/EasyMeter_Q3A.xxd.txt");
    let without: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|&(i, _)| i != 4)
        .map(|(_, l)| l)
        .collect();
    let e = read_text(&without.join("\n")).unwrap_err();
    assert_eq!(e.line, 5);
    assert_eq!(
        e.problem,
        Problem::Offset {
            found: 0x50,
            expected: 0x40
        }
    );
    assert_eq!(
        format!("{e}"),
        format!(
            "xxd output, line 5: offset 0x50 where 0x40 bytes were read (a line is missing or repeated) at byte {}",
            e.offset
        )
    );
}

#[test]
fn a_bad_digit_is_reported_at_its_line_and_byte() {
    let text = "00000000: 1b1b 1b1b 0101 0101  ........\n00000008: 7605 00g0 0001 6200  v.....b.\n";
    let e = read_text(text).unwrap_err();
    assert_eq!((e.format, e.line), (CaptureFormat::Xxd, 2));
    assert_eq!(&text[e.offset..e.offset + 1], "g");
    let e = read_text("1b1b\n1b1x").unwrap_err();
    assert_eq!((e.format, e.line, e.offset), (CaptureFormat::Hex, 2, 8));
    assert_eq!(e.problem, Problem::Hex(Some('x')));
}

#[test]
fn log_lines_take_the_hex_after_the_last_label() {
    let text = "12:00:00.001 INFO Message: 1b1b1b1b 01010101\n\
                12:00:00.002 INFO Connected: 42\n\
                Received data: 7605 0000 0001\n\
                something else entirely\n";
    let c = read_text(text).unwrap();
    assert_eq!(c.format, CaptureFormat::LogLines);
    assert_eq!(
        c.bytes,
        [0x1b, 0x1b, 0x1b, 0x1b, 1, 1, 1, 1, 0x76, 5, 0, 0, 0, 1]
    );
    assert_eq!((c.lines, c.skipped_lines), (2, 2));
}

/// A line of a million `:` once took every `:` as a label and scanned the rest of the line
/// for each (quadratic: 13 s for 200,000 in a release build); only the last one is tried now.
#[test]
fn a_line_of_colons_is_read_in_one_pass() {
    let text = ":".repeat(1_000_000);
    assert_eq!(detect(&text), CaptureFormat::Hex);
    assert!(read_text(&text).is_err());
    let labelled = format!("{}: 1b1b1b1b", "x:".repeat(500_000));
    assert_eq!(read_text(&labelled).unwrap().bytes, [0x1b; 4]);
}

#[test]
fn plain_hex_stays_as_it_was() {
    for text in [
        "1b1b1b1b 01010101",
        "0x1b, 0x1b, 0x1b",
        "1B 1B\r\n1B 1B\r\n",
        "",
    ] {
        let c = read_text(text).unwrap();
        assert_eq!(c.format, CaptureFormat::Hex, "{text:?}");
        assert_eq!(c.bytes, crate::hex::decode(text).unwrap());
    }
}
