//! The history CSV (SPEC §2.1): one test per rule, each asserting the line, column and
//! reason of what is reported.

use wfm_core::history::{
    Granularity, HISTORY_HEADER_LINE, HistoryCsvOptions, HistoryCsvReader, HistoryImport,
    InputIssue, read_history_csv,
};
use wfm_core::{Channel, CoreError, IntervalLength};

const ROW1: &str = "Sales,q1,VOICE,2024-07-01T08:00:00Z,15mins,12,240.5,11";
const ROW2: &str = "Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,8,200,8";
const ROW3: &str = "Support (EU),q-2_x.y,CHAT,2024-07-01T00:00:00Z,daily,300,610.25,290";

fn file(rows: &[&str]) -> String {
    let mut s = String::from(HISTORY_HEADER_LINE);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s
}

fn parse_in(text: &[u8], interval: IntervalLength) -> Result<HistoryImport, CoreError> {
    read_history_csv("h.csv", text, &HistoryCsvOptions::new(interval))
}

fn parse(text: &[u8]) -> Result<HistoryImport, CoreError> {
    parse_in(text, IntervalLength::Fifteen)
}

/// The issues of an invalid input.
fn issues(text: &[u8]) -> Vec<InputIssue> {
    match parse(text) {
        Err(CoreError::InvalidInput { issues, total }) => {
            assert_eq!(issues.len() as u64, total);
            issues
        }
        other => panic!("expected issues, got {other:?}"),
    }
}

/// The single issue of an invalid input, as `(line, column, reason)`.
fn one(text: &[u8]) -> (u64, String, String) {
    let all = issues(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    let i = all.into_iter().next().unwrap();
    assert_eq!(i.file, "h.csv");
    (i.line, i.column, i.reason)
}

fn one_row(row: &str) -> (u64, String, String) {
    one(file(&[ROW1, row]).as_bytes())
}

#[test]
fn a_valid_file_is_read_whole() {
    let out = parse(file(&[ROW1, ROW2, ROW3]).as_bytes()).unwrap();
    let s = &out.summary;
    assert_eq!(
        (s.rows, s.interval_rows, s.daily_rows, s.queues),
        (3, 2, 1, 2)
    );
    assert_eq!((s.volume, s.handled), (320, 309));
    assert_eq!(
        s.first_start.unwrap().to_rfc3339(),
        "2024-07-01T00:00:00+00:00"
    );
    assert_eq!(
        s.last_start.unwrap().to_rfc3339(),
        "2024-07-01T08:15:00+00:00"
    );
    let r = out.history.records[2];
    assert_eq!(r.channel, Channel::Chat);
    assert_eq!(r.granularity, Granularity::Daily);
    assert_eq!((r.volume, r.aht_seconds, r.handled), (300, 610.25, 290));
    assert_eq!(out.history.queues.id(r.queue).as_str(), "q-2_x.y");
    assert_eq!(out.history.queues.name(r.queue), "Support (EU)");
    assert_eq!(out.history.records[0].queue, out.history.records[1].queue);
}

#[test]
fn crlf_bom_and_a_missing_final_newline_are_fine() {
    let crlf = file(&[ROW1, ROW2]).replace('\n', "\r\n");
    assert_eq!(parse(crlf.as_bytes()).unwrap().summary.rows, 2);
    let bom = format!("\u{feff}{}", file(&[ROW1]));
    assert_eq!(parse(bom.as_bytes()).unwrap().summary.rows, 1);
    let no_newline = format!("{HISTORY_HEADER_LINE}\n{ROW1}");
    assert_eq!(parse(no_newline.as_bytes()).unwrap().summary.rows, 1);
}

#[test]
fn wrong_header_names_the_column() {
    let text = file(&[ROW1]).replace("QueueId", "QueueID");
    let (line, column, reason) = one(text.as_bytes());
    assert_eq!((line, column.as_str()), (1, "QueueID"));
    assert!(
        reason.starts_with(
            "column 2 is \"QueueID\", expected \"QueueId\" (names are case-sensitive)"
        ),
        "{reason}"
    );
    // misnamed but 8 columns: rows are still checked
    let text = file(&["Sales,q1,VOICE,2024-07-01T08:00:00Z,15mins,-1,240,11"])
        .replace("TimeStamp", "Time");
    let all = issues(text.as_bytes());
    assert_eq!(
        all.iter()
            .map(|i| (i.line, i.column.as_str()))
            .collect::<Vec<_>>(),
        [(1, "Time"), (2, "IncomingContactVolume")]
    );
}

#[test]
fn extra_header_column() {
    let text = format!("{HISTORY_HEADER_LINE},Comment\n{ROW1},x\n");
    let (line, column, reason) = one(text.as_bytes());
    assert_eq!((line, column.as_str()), (1, "Comment"));
    assert!(
        reason.starts_with("extra column 9 \"Comment\": the header must be exactly QueueName,"),
        "{reason}"
    );
}

#[test]
fn missing_header_column() {
    let header = HISTORY_HEADER_LINE.replace(",ContactsHandled", "");
    let text = format!("{header}\nSales,q1,VOICE,2024-07-01T08:00:00Z,15mins,12,240\n");
    let (line, column, reason) = one(text.as_bytes());
    assert_eq!((line, column.as_str()), (1, ""));
    assert!(
        reason.starts_with("missing column ContactsHandled"),
        "{reason}"
    );
}

#[test]
fn extra_column_in_a_row() {
    let (line, column, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,8,200,8,oops");
    assert_eq!((line, column.as_str()), (3, ""));
    assert_eq!(
        reason,
        "has 9 fields, expected 8: an extra column, or a comma inside a value"
    );
}

#[test]
fn missing_columns_in_a_row() {
    let (line, column, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,8");
    assert_eq!((line, column.as_str()), (3, ""));
    assert_eq!(
        reason,
        "has 6 fields, expected 8: missing AverageHandleTime, ContactsHandled"
    );
}

#[test]
fn blank_lines_are_errors_but_one_final_newline_is_not() {
    let text = format!("{HISTORY_HEADER_LINE}\n{ROW1}\n\n{ROW2}\n");
    assert_eq!(
        one(text.as_bytes()),
        (
            3,
            String::new(),
            "blank line: blank rows are not allowed".into()
        )
    );
    let text = format!("{HISTORY_HEADER_LINE}\n{ROW1}\n,,,,,,,\n{ROW2}\n");
    assert_eq!(one(text.as_bytes()).0, 3);
    // trailing blank rows: each one reported
    let text = format!("{HISTORY_HEADER_LINE}\n{ROW1}\n\n\n");
    let lines: Vec<u64> = issues(text.as_bytes()).iter().map(|i| i.line).collect();
    assert_eq!(lines, [3, 4]);
    let text = format!("{HISTORY_HEADER_LINE}\r\n{ROW1}\r\n\r\n");
    assert_eq!(one(text.as_bytes()).0, 3);
}

#[test]
fn timestamp_without_z() {
    let (line, column, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:15:00,15mins,8,200,8");
    assert_eq!((line, column.as_str()), (3, "TimeStamp"));
    assert_eq!(
        reason,
        "\"2024-07-01T08:15:00\" has no time zone: UTC timestamps end in Z, like 2024-07-01T08:15:00Z"
    );
    let (_, _, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:15:00+02:00,15mins,8,200,8");
    assert!(
        reason.contains("has offset +02:00: timestamps must be UTC and end in Z"),
        "{reason}"
    );
    let (_, _, reason) = one_row("Sales,q1,VOICE,01/07/2024 08:15,15mins,8,200,8");
    assert!(
        reason.contains("is not an ISO 8601 UTC timestamp"),
        "{reason}"
    );
    let (_, _, reason) = one_row("Sales,q1,VOICE,2024-13-01T08:15:00Z,15mins,8,200,8");
    assert!(reason.contains("not a valid date and time"), "{reason}");
}

#[test]
fn timestamp_off_the_interval_boundary() {
    let (line, column, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:10:00Z,15mins,8,200,8");
    assert_eq!((line, column.as_str()), (3, "TimeStamp"));
    assert_eq!(
        reason,
        "\"2024-07-01T08:10:00Z\" is not on a 15-minute boundary: intervals start at :00, :15, :30 or :45 with 0 seconds"
    );
    let (_, _, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:15:30Z,15mins,8,200,8");
    assert!(reason.contains("not on a 15-minute boundary"));
    let text = file(&["Sales,q1,VOICE,2024-07-01T08:45:00Z,30mins,8,200,8"]);
    let (_, _, reason) = match parse_in(text.as_bytes(), IntervalLength::Thirty) {
        Err(CoreError::InvalidInput { issues, .. }) => (
            issues[0].line,
            issues[0].column.clone(),
            issues[0].reason.clone(),
        ),
        other => panic!("{other:?}"),
    };
    assert!(
        reason.contains("not on a 30-minute boundary: intervals start at :00 or :30"),
        "{reason}"
    );
    let (line, column, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:00:00Z,daily,8,200,8");
    assert_eq!((line, column.as_str()), (3, "TimeStamp"));
    assert_eq!(
        reason,
        "\"2024-07-01T08:00:00Z\" is not the start of a day: daily rows start at 00:00:00Z"
    );
}

#[test]
fn wrong_channel() {
    let (line, column, reason) = one_row("Sales,q1,voice,2024-07-01T08:15:00Z,15mins,8,200,8");
    assert_eq!((line, column.as_str()), (3, "ChannelType"));
    assert_eq!(reason, "\"voice\" must be upper case: VOICE or CHAT");
    let (_, _, reason) = one_row("Sales,q1,EMAIL,2024-07-01T08:15:00Z,15mins,8,200,8");
    assert_eq!(reason, "\"EMAIL\" is not a channel: expected VOICE or CHAT");
    let (_, _, reason) = one_row("Sales,q1,TASK,2024-07-01T08:15:00Z,15mins,8,200,8");
    assert_eq!(reason, "\"TASK\" is not a channel: expected VOICE or CHAT");
}

#[test]
fn negative_and_decimal_volumes() {
    let (line, column, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,-8,200,8");
    assert_eq!((line, column.as_str()), (3, "IncomingContactVolume"));
    assert_eq!(
        reason,
        "\"-8\" is negative: a non-negative whole number is needed"
    );
    let (_, column, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,8.5,200,8");
    assert_eq!(column, "IncomingContactVolume");
    assert_eq!(
        reason,
        "\"8.5\" has decimals: a whole number is needed (no decimals)"
    );
    let (_, column, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,8,200,8.0");
    assert_eq!(column, "ContactsHandled");
    assert!(reason.contains("has decimals"));
}

#[test]
fn non_numeric_aht() {
    let (line, column, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,8,n/a,8");
    assert_eq!((line, column.as_str()), (3, "AverageHandleTime"));
    assert_eq!(
        reason,
        "\"n/a\" is not a number: decimal seconds like 245.5 are needed"
    );
    let (_, _, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,8,-3.5,8");
    assert_eq!(
        reason,
        "\"-3.5\" is negative: non-negative decimal seconds are needed"
    );
}

#[test]
fn forbidden_characters_in_names() {
    let (line, column, reason) = one_row("Sales/EU,q1x,VOICE,2024-07-01T08:15:00Z,15mins,8,200,8");
    assert_eq!((line, column.as_str()), (3, "QueueName"));
    assert_eq!(
        reason,
        "\"Sales/EU\" contains '/': only letters, digits, spaces and - _ . ( ) are allowed"
    );
    let (_, column, reason) = one_row("Sales,q#1,VOICE,2024-07-01T08:15:00Z,15mins,8,200,8");
    assert_eq!(column, "QueueId");
    assert!(reason.contains("contains '#'"));
    let (_, column, reason) = one_row("\"Sales\",q1,VOICE,2024-07-01T08:15:00Z,15mins,8,200,8");
    assert_eq!(column, "QueueName");
    assert!(reason.contains("(fields cannot be quoted)"));
    let (_, column, reason) = one_row("Sales, q1,VOICE,2024-07-01T08:15:00Z,15mins,8,200,8");
    assert_eq!(column, "QueueId");
    assert!(reason.contains("leading or trailing space"));
    // Unicode letters are letters
    assert!(
        parse(file(&["Ventes Québec,q1,VOICE,2024-07-01T08:15:00Z,15mins,8,200,8"]).as_bytes())
            .is_ok()
    );
}

#[test]
fn thirty_minute_row_in_a_fifteen_minute_workspace() {
    let (line, column, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:30:00Z,30mins,8,200,8");
    assert_eq!((line, column.as_str()), (3, "IntervalDuration"));
    assert_eq!(
        reason,
        "30mins rows cannot be loaded into a workspace with 15-minute intervals: use 15mins (or daily)"
    );
    let (_, _, reason) = one_row("Sales,q1,VOICE,2024-07-01T08:30:00Z,hourly,8,200,8");
    assert_eq!(
        reason,
        "\"hourly\" is not a duration: expected 15mins, 30mins or daily"
    );
}

#[test]
fn duplicate_rows_name_both_lines() {
    let text = file(&[ROW1, ROW2, ROW3, ROW1, ROW3]);
    let all = issues(text.as_bytes());
    let got: Vec<(u64, &str, &str)> = all
        .iter()
        .map(|i| (i.line, i.column.as_str(), i.reason.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                5,
                "",
                "duplicate row: line 2 has the same QueueId, ChannelType, IntervalDuration and TimeStamp"
            ),
            (
                6,
                "",
                "duplicate row: line 4 has the same QueueId, ChannelType, IntervalDuration and TimeStamp"
            ),
        ]
    );
    // adjacent duplicates too, and other channels or durations are not duplicates
    let text = file(&[ROW1, ROW1]);
    assert_eq!(one(text.as_bytes()).0, 3);
    let chat = ROW1.replace("VOICE", "CHAT");
    assert!(parse(file(&[ROW1, &chat]).as_bytes()).is_ok());
}

#[test]
fn one_queue_id_keeps_one_name() {
    let (line, column, reason) = one_row("Sales EU,q1,VOICE,2024-07-01T08:15:00Z,15mins,8,200,8");
    assert_eq!((line, column.as_str()), (3, "QueueName"));
    assert_eq!(
        reason,
        "\"Sales EU\" differs from \"Sales\", the name of QueueId \"q1\" on line 2: one queue has one name"
    );
}

#[test]
fn a_file_that_is_not_utf8() {
    let mut text = file(&[ROW1]).into_bytes();
    text.extend_from_slice(b"Ventes Qu\xE9bec,q9,VOICE,2024-07-01T08:15:00Z,15mins,8,200,8\n");
    let (line, column, reason) = one(&text);
    assert_eq!((line, column.as_str()), (3, "QueueName"));
    assert_eq!(
        reason,
        "not valid UTF-8 (byte 0xE9 at position 10): save the file as UTF-8"
    );
    // UTF-16 (as Excel's "Unicode text" writes it): one issue, not one per line
    let utf16: Vec<u8> = std::iter::once(0xFEFF_u16)
        .chain(file(&[ROW1, ROW2]).encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(
        one(&utf16),
        (
            1,
            String::new(),
            "the file is UTF-16: save it as UTF-8".into()
        )
    );
    let latin1_header = b"Queue\xD1ame,QueueId\n";
    assert_eq!(
        one(latin1_header).2,
        "the file is not UTF-8 text: save it as UTF-8"
    );
}

#[test]
fn an_empty_file_and_a_header_only_file() {
    let (line, column, reason) = one(b"");
    assert_eq!((line, column.as_str()), (1, ""));
    assert!(
        reason.starts_with("empty file: expected the header QueueName,QueueId,"),
        "{reason}"
    );
    let (line, _, reason) = one(format!("{HISTORY_HEADER_LINE}\n").as_bytes());
    assert_eq!(
        (line, reason.as_str()),
        (1, "the file has a header but no rows")
    );
    let (line, _, reason) = one(b"\n");
    assert_eq!(line, 1);
    assert!(reason.starts_with("blank first line"));
}

#[test]
fn missing_values_are_named() {
    let all = issues(file(&[",,VOICE,,15mins,,,"]).as_bytes());
    let got: Vec<(u64, &str, &str)> = all
        .iter()
        .map(|i| (i.line, i.column.as_str(), i.reason.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (2, "QueueName", "missing value"),
            (2, "QueueId", "missing value"),
            (2, "TimeStamp", "missing value"),
            (2, "IncomingContactVolume", "missing value"),
            (2, "AverageHandleTime", "missing value"),
            (2, "ContactsHandled", "missing value"),
        ]
    );
}

#[test]
fn every_error_is_reported_in_line_order() {
    let text = file(&[
        ROW1,
        "Sales,q1,VOICE,2024-07-01T08:10:00Z,15mins,-1,abc,8", // 3 errors
        "",                                                    // blank
        "Sales,q1,CHATS,2024-07-01T08:15:00Z,30mins,8,200,8",  // 2 errors
        ROW1,                                                  // duplicate of line 2
    ]);
    let all = issues(text.as_bytes());
    let got: Vec<(u64, &str)> = all.iter().map(|i| (i.line, i.column.as_str())).collect();
    assert_eq!(
        got,
        [
            (3, "TimeStamp"),
            (3, "IncomingContactVolume"),
            (3, "AverageHandleTime"),
            (4, ""),
            (5, "ChannelType"),
            (5, "IntervalDuration"),
            (6, ""),
        ]
    );
    assert_eq!(
        all[0].to_string(),
        "h.csv:3: TimeStamp: \"2024-07-01T08:10:00Z\" is not on a 15-minute boundary: intervals start at :00, :15, :30 or :45 with 0 seconds"
    );
}

#[test]
fn issues_are_capped_but_all_counted() {
    let rows: Vec<String> = (0..50)
        .map(|i| format!("Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,{i}.5,200,8"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let mut options = HistoryCsvOptions::new(IntervalLength::Fifteen);
    options.max_issues = 5;
    match read_history_csv("h.csv", file(&rows).as_bytes(), &options) {
        Err(e @ CoreError::InvalidInput { .. }) => {
            let CoreError::InvalidInput { issues, total } = &e else {
                unreachable!()
            };
            assert_eq!((issues.len(), *total), (5, 50));
            assert_eq!(
                issues.iter().map(|i| i.line).collect::<Vec<_>>(),
                [2, 3, 4, 5, 6]
            );
            assert!(
                e.to_string()
                    .starts_with("50 error(s) in the input, nothing was applied:\nh.csv:2: ")
            );
            assert!(e.to_string().ends_with("… and 45 more"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn overlong_lines_are_skipped_and_reported() {
    let long = format!(
        "Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,8,200,{}",
        "9".repeat(70_000)
    );
    let (line, column, reason) = one_row(&long);
    assert_eq!((line, column.as_str()), (3, ""));
    assert_eq!(
        reason,
        "line of 70050 bytes is longer than the 65536 allowed"
    );
}

#[test]
fn streaming_yields_chunks_and_stops_at_the_first_issue() {
    let rows: Vec<String> = (0..10)
        .map(|i| {
            format!(
                "Q{},q{},VOICE,2024-07-01T{:02}:00:00Z,15mins,{i},100,{i}",
                i % 3,
                i % 3,
                i
            )
        })
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let mut options = HistoryCsvOptions::new(IntervalLength::Fifteen);
    options.chunk_rows = 4;
    let text = file(&rows);
    let mut reader = HistoryCsvReader::new("h.csv", text.as_bytes(), options.clone());
    let mut sizes = Vec::new();
    let mut volume = 0;
    while let Some(chunk) = reader.next_chunk().unwrap() {
        sizes.push((chunk.records.len(), chunk.queues.len()));
        volume += chunk.records.iter().map(|r| r.volume).sum::<u64>();
    }
    assert_eq!(sizes, [(4, 3), (4, 3), (2, 3)]);
    let summary = reader.finish().unwrap();
    assert_eq!((summary.volume, volume), (45, 45));
    assert_eq!(summary.bytes, text.len() as u64);

    // an error on line 7: the first chunk (lines 2–5) was yielded, nothing after
    let mut bad = rows.clone();
    bad[5] = "Q2,q2,VOICE,2024-07-01T05:00:00Z,15mins,x,100,5";
    let text = file(&bad);
    let mut reader = HistoryCsvReader::new("h.csv", text.as_bytes(), options);
    let mut yielded = 0;
    while let Some(chunk) = reader.next_chunk().unwrap() {
        yielded += chunk.records.len();
    }
    assert_eq!(yielded, 4);
    assert_eq!(reader.issue_count(), 1);
    let err = reader.finish().unwrap_err();
    assert_eq!(err.issues()[0].line, 7);
}

#[test]
fn daily_and_interval_rows_of_the_workspace_mix_in_one_file() {
    let out = parse_in(
        file(&[
            "Sales,q1,VOICE,2024-07-01T08:30:00Z,30mins,8,200,8",
            "Sales,q1,VOICE,2024-07-01T00:00:00Z,daily,8,200,8",
        ])
        .as_bytes(),
        IntervalLength::Thirty,
    )
    .unwrap();
    assert_eq!((out.summary.interval_rows, out.summary.daily_rows), (1, 1));
}

/// Found by fuzzing (issue 17): two accepted rows whose volumes sum past `u64::MAX` made
/// `History::total_volume` panic ("attempt to add with overflow"); it saturates, as the
/// summary's volume does.
#[test]
fn total_volume_of_huge_accepted_counts_saturates_instead_of_overflowing() {
    let max = u64::MAX;
    let text = file(&[
        &format!("Sales,q1,VOICE,2024-07-01T08:00:00Z,15mins,{max},240.5,0"),
        &format!("Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,{max},240.5,0"),
    ]);
    let h = read_history_csv(
        "h.csv",
        text.as_bytes(),
        &HistoryCsvOptions::new(IntervalLength::Fifteen),
    )
    .unwrap();
    assert_eq!(h.summary.volume, max);
    assert_eq!(h.history.total_volume(), max);
}
