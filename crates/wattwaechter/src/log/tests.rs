use super::*;

#[test]
fn the_client_mocks() {
    let csv = parse(b"timestamp,power,import,export\n1709913600,1234,12345.6,4567.8");
    assert_eq!(csv.separator, Some(','));
    assert_eq!(
        csv.header.as_deref().unwrap(),
        ["timestamp", "power", "import", "export"]
    );
    assert_eq!(csv.columns.time, Some(0));
    assert_eq!(csv.lines.len(), 1);
    assert_eq!(
        csv.lines[0].time.as_ref().unwrap().unix,
        Some(1_709_913_600)
    );
    assert_eq!(csv.lines[0].fields[2], "12345.6");
    let ram = parse(b"[2024-03-08 16:00:00] INFO: System started\n");
    assert_eq!(ram.separator, None);
    let l = &ram.lines[0];
    assert_eq!(l.level, Some(Level::Info));
    assert_eq!(l.message.as_deref(), Some("System started"));
    assert_eq!(l.time.as_ref().unwrap().civil.unwrap().hour, 16);
    assert!(!l.partial);
}

#[test]
fn cut_bytewise_inside_a_multibyte_character() {
    let text = "2024-03-08 16:00:00;W;Zähler getrennt\n2024-03-08 16:00:05;I;Zähler verbunden\n";
    let bytes = text.as_bytes();
    // Cut in the middle of the first 'ä' and of the last one.
    let start = text.find('ä').unwrap() + 1;
    let end = text.rfind('ä').unwrap() + 1;
    let log = parse(&bytes[start..end]);
    assert!(log.replaced_invalid_utf8);
    assert_eq!(log.lines.len(), 2);
    assert!(log.lines[0].partial && log.lines[1].partial);
    assert!(log.lines[0].raw.starts_with('\u{fffd}'));
    assert!(log.lines[1].raw.ends_with('\u{fffd}'));
}

#[test]
fn semicolons_tabs_levels_and_columns() {
    let log = parse(b"time;level;module;message\n2024-03-08T16:00:00Z;ERROR;mqtt;connect failed\n2024-03-08T16:00:10Z;WARN;wifi;rssi low\n2024-03-08T16:00:20Z;I;sml;frame ok\n");
    assert_eq!(log.separator, Some(';'));
    assert_eq!(
        log.columns,
        Columns {
            time: Some(0),
            level: Some(1),
            message: Some(3)
        }
    );
    let levels: Vec<_> = log.lines.iter().map(|l| l.level).collect();
    assert_eq!(
        levels,
        [Some(Level::Error), Some(Level::Warn), Some(Level::Info)]
    );
    assert_eq!(log.lines[2].message.as_deref(), Some("frame ok"));
    let tabs = parse(b"1709913600\tD\tboot\n1709913601\tE\tpanic\n");
    assert_eq!(tabs.separator, Some('\t'));
    assert_eq!(tabs.header, None);
    assert_eq!(tabs.columns.time, Some(0));
    assert_eq!(tabs.lines[1].level, Some(Level::Error));
    assert_eq!(tabs.lines[1].message.as_deref(), Some("panic"));
}

#[test]
fn esp_idf_lines_and_quotes() {
    let log = parse(
        b"I (1234) wifi: connected\r\nE (99) sml: crc error, frame dropped\r\nplain line\r\n",
    );
    assert_eq!(log.separator, None);
    assert_eq!(log.lines[0].uptime_ms, Some(1234));
    assert_eq!(log.lines[1].level, Some(Level::Error));
    assert_eq!(
        log.lines[1].message.as_deref(),
        Some("sml: crc error, frame dropped")
    );
    assert_eq!(log.lines[2].level, None);
    assert_eq!(log.lines[2].message, None);
    assert_eq!(log.lines[2].raw, "plain line");
    assert_eq!(split_csv(r#"a,"b,c","d""e""#, ','), ["a", "b,c", r#"d"e"#]);
}

#[test]
fn empty_and_odd_inputs() {
    assert!(parse(b"").lines.is_empty());
    assert!(parse(b"\n\n\r\n").lines.is_empty());
    let one = parse(b"just one line");
    assert_eq!(one.lines.len(), 1);
    assert!(one.lines[0].partial);
    assert_eq!(one.lines[0].number, 1);
    let numbers = parse(b"a\n\nb\n");
    let n: Vec<_> = numbers.lines.iter().map(|l| (l.number, l.offset)).collect();
    assert_eq!(n, [(1, 0), (3, 3)]);
}

#[test]
fn fields_are_counted_as_they_are_split() {
    for line in [
        "",
        "a",
        "a;b;c",
        ";;",
        "\"a;b\";c",
        "\"\";x",
        "\"a\"\"b\";c",
        "x\"y;z",
        "\"unclosed;a;b",
        "\"\"\"\";\"\"",
        "ä;ö;ü",
    ] {
        for sep in SEPARATORS {
            assert_eq!(
                count_fields(line, sep),
                split_csv(line, sep).len(),
                "{line:?} {sep:?}"
            );
        }
    }
}

#[test]
fn a_log_stops_at_its_limits_and_says_where() {
    let log = parse_with(
        b"a\nb\n\nc\nd\n",
        Limits {
            max_frames: 2,
            max_values: 10,
        },
    );
    assert_eq!(log.lines.len(), 2);
    assert_eq!(
        log.truncated,
        Some(Truncation {
            offset: 5,
            limit: LimitKind::Frames,
            max: 2
        })
    );
    let log = parse_with(
        b"1;2;3\n4;5;6\n7;8;9\n",
        Limits {
            max_frames: 10,
            max_values: 7,
        },
    );
    assert_eq!(log.lines.len(), 2);
    assert_eq!(
        log.truncated,
        Some(Truncation {
            offset: 12,
            limit: LimitKind::Values,
            max: 7
        })
    );
    assert_eq!(parse(b"1;2\n").truncated, None);
}
