//! Raw contact records (SPEC §2.2): aggregation by arrival interval, both formats, and
//! the same error discipline as the history CSV.

use proptest::prelude::*;
use wfm_core::history::{
    Granularity, HistoryRecord, InputIssue, RawFormat, RawImport, RawOptions, read_raw_contacts,
    rollup_daily,
};
use wfm_core::{Channel, CoreError, IntervalLength};

const HEADER: &str = "contact_id,channel,queue_id,queue_name,initiation_method,initiation_timestamp,enqueue_timestamp,agent_interaction_seconds,hold_seconds,acw_seconds,answered";

fn csv(rows: &[&str]) -> String {
    let mut s = String::from(HEADER);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s
}

fn read(text: &str, format: RawFormat, interval: IntervalLength) -> Result<RawImport, CoreError> {
    read_raw_contacts("raw", text.as_bytes(), &RawOptions::new(format, interval))
}

fn issues(text: &str, format: RawFormat) -> Vec<(u64, String, String)> {
    match read(text, format, IntervalLength::Fifteen) {
        Err(CoreError::InvalidInput { issues, .. }) => issues
            .into_iter()
            .map(
                |InputIssue {
                     line,
                     column,
                     reason,
                     ..
                 }| (line, column, reason),
            )
            .collect(),
        other => panic!("expected issues, got {other:?}"),
    }
}

fn hm(r: &HistoryRecord) -> String {
    r.start_utc().format("%H:%M").to_string()
}

#[test]
fn arrival_at_1650_counts_in_1645_for_15_and_1630_for_30_minutes() {
    let text = csv(&["c1,VOICE,q1,Sales,INBOUND,2024-07-01T16:50:00Z,,300,0,0,true"]);
    let fifteen = read(&text, RawFormat::Csv, IntervalLength::Fifteen).unwrap();
    assert_eq!(hm(&fifteen.history.records[0]), "16:45");
    assert_eq!(
        fifteen.history.records[0].granularity,
        Granularity::Interval(IntervalLength::Fifteen)
    );
    let thirty = read(&text, RawFormat::Csv, IntervalLength::Thirty).unwrap();
    assert_eq!(hm(&thirty.history.records[0]), "16:30");
    // a contact lasting 16:50–17:05 counts once, where it arrived
    assert_eq!(fifteen.history.records.len(), 1);
}

#[test]
fn volume_handled_and_aht_follow_the_spec() {
    let text = csv(&[
        "c1,VOICE,q1,Sales,INBOUND,2024-07-01T16:45:00Z,,200,20,30,true", // 250 s
        "c2,VOICE,q1,Sales,TRANSFER,2024-07-01T16:50:00Z,,100,0,0,true",  // 100 s
        "c3,VOICE,q1,Sales,CALLBACK,2024-07-01T16:59:59Z,,,,,false",      // abandoned
        "c4,VOICE,q1,Sales,OUTBOUND,2024-07-01T16:46:00Z,,900,0,0,true",  // excluded
        "c5,VOICE,,,OUTBOUND,2024-07-01T16:46:00Z,,900,0,0,true",         // excluded, no queue
        "c6,TASK,q1,Sales,INBOUND,2024-07-01T16:46:00Z,,900,0,0,true",    // excluded channel
        "c7,CHAT,q1,Sales,INBOUND,2024-07-01T17:00:00Z,,50.5,0,10,true",  // next interval, chat
        "c8,VOICE,q1,Sales,QUEUE_TRANSFER,2024-07-01T16:46:00Z,,9,0,0,true", // not counted
    ]);
    let out = read(&text, RawFormat::Csv, IntervalLength::Fifteen).unwrap();
    let recs = &out.history.records;
    assert_eq!(recs.len(), 2);
    let voice = recs.iter().find(|r| r.channel == Channel::Voice).unwrap();
    assert_eq!(
        (hm(voice), voice.volume, voice.handled, voice.aht_seconds),
        ("16:45".into(), 3, 2, 175.0)
    );
    let chat = recs.iter().find(|r| r.channel == Channel::Chat).unwrap();
    assert_eq!(
        (hm(chat), chat.volume, chat.handled, chat.aht_seconds),
        ("17:00".into(), 1, 1, 60.5)
    );
    let s = &out.summary;
    assert_eq!(
        (
            s.contacts,
            s.incoming,
            s.handled,
            s.excluded_by_method,
            s.excluded_by_channel,
            s.records
        ),
        (8, 4, 3, 3, 1, 2)
    );
    assert_eq!(out.history.queues.name(voice.queue), "Sales");
}

#[test]
fn enqueue_time_is_the_arrival_when_given() {
    let text = csv(&[
        "c1,VOICE,q1,Sales,TRANSFER,2024-07-01T16:40:00Z,2024-07-01T16:50:00.250Z,60,0,0,true",
    ]);
    let out = read(&text, RawFormat::Csv, IntervalLength::Fifteen).unwrap();
    assert_eq!(hm(&out.history.records[0]), "16:45");
    // offsets are converted (raw timestamps are instants)
    let text = csv(&["c1,VOICE,q1,Sales,INBOUND,2024-07-01T18:50:00+02:00,,60,0,0,true"]);
    assert_eq!(
        hm(&read(&text, RawFormat::Csv, IntervalLength::Fifteen)
            .unwrap()
            .history
            .records[0]),
        "16:45"
    );
}

#[test]
fn json_lines_give_the_same_history_as_csv() {
    let csv_text = csv(&[
        "c1,VOICE,q1,Sales,INBOUND,2024-07-01T16:45:00Z,,200,20,30,true",
        "c2,CHAT,q1,Sales,CALLBACK,2024-07-01T16:50:00Z,,,,,false",
    ]);
    let json = concat!(
        r#"{"contact_id":"c1","channel":"VOICE","queue_id":"q1","queue_name":"Sales","initiation_method":"INBOUND","initiation_timestamp":"2024-07-01T16:45:00Z","agent_interaction_seconds":200,"hold_seconds":20,"acw_seconds":30,"answered":true,"extra":{"ignored":1}}"#,
        "\n",
        r#"{"contact_id":"c2","channel":"CHAT","queue_id":"q1","queue_name":"Sales","initiation_method":"CALLBACK","initiation_timestamp":"2024-07-01T16:50:00Z","enqueue_timestamp":null,"agent_interaction_seconds":null,"answered":false}"#,
        "\n"
    );
    let a = read(&csv_text, RawFormat::Csv, IntervalLength::Fifteen).unwrap();
    let b = read(json, RawFormat::JsonLines, IntervalLength::Fifteen).unwrap();
    assert_eq!(a.history, b.history);
}

#[test]
fn csv_columns_in_any_order_with_quotes_and_extra_columns() {
    let text = "answered,comment,contact_id,channel,queue_id,queue_name,initiation_method,initiation_timestamp,agent_interaction_seconds,hold_seconds,acw_seconds\n\
                true,\"hello, world\",c1,VOICE,q1,\"Sales\",INBOUND,2024-07-01T16:45:00Z,10,0,0\n";
    let out = read(text, RawFormat::Csv, IntervalLength::Fifteen).unwrap();
    assert_eq!(out.history.records[0].volume, 1);
    assert_eq!(out.summary.ignored_columns, ["comment"]);
}

#[test]
fn daily_aggregation_and_rollup_agree() {
    let text = csv(&[
        "c1,VOICE,q1,Sales,INBOUND,2024-07-01T00:05:00Z,,100,0,0,true",
        "c2,VOICE,q1,Sales,INBOUND,2024-07-01T23:55:00Z,,300,0,0,true",
        "c3,VOICE,q1,Sales,INBOUND,2024-07-02T00:00:00Z,,50,0,0,false",
    ]);
    let intervals = read(&text, RawFormat::Csv, IntervalLength::Fifteen).unwrap();
    let mut options = RawOptions::new(RawFormat::Csv, IntervalLength::Fifteen);
    options.granularity = Granularity::Daily;
    let daily = read_raw_contacts("raw", text.as_bytes(), &options).unwrap();
    assert_eq!(
        rollup_daily(&intervals.history.records),
        daily.history.records
    );
    let d = daily.history.records[0];
    assert_eq!((d.volume, d.handled, d.aht_seconds), (2, 2, 200.0));
    assert_eq!(daily.history.records[1].aht_seconds, 0.0);
}

#[test]
fn every_field_error_is_named() {
    let text = csv(&[
        "c1,EMAIL,q1,Sales,INBOUND,2024-07-01T16:45:00Z,,200,20,30,true",
        "c2,VOICE,q/1,Sales,INBND,yesterday,,-5,x,,yes",
        "c3,VOICE,q1,Sales,INBOUND,2024-07-01T16:45:00Z,,1,0,0,true,extra",
        "",
        ",VOICE,,,INBOUND,2024-07-01T16:45:00Z,,1,0,0,true",
    ]);
    let got = issues(&text, RawFormat::Csv);
    let where_: Vec<(u64, &str)> = got.iter().map(|(l, c, _)| (*l, c.as_str())).collect();
    assert_eq!(
        where_,
        [
            (2, "channel"),
            (3, "queue_id"),
            (3, "initiation_method"),
            (3, "initiation_timestamp"),
            (3, "agent_interaction_seconds"),
            (3, "hold_seconds"),
            (3, "answered"),
            (4, ""),
            (5, ""),
            (6, "contact_id"),
            (6, "queue_id"),
            (6, "queue_name"),
        ]
    );
    assert_eq!(
        got[0].2,
        "\"EMAIL\" is not a channel: expected VOICE, CHAT or TASK"
    );
    assert!(
        got[2].2.starts_with(
            "\"INBND\" is not an initiation method: expected one of INBOUND, OUTBOUND,"
        )
    );
    assert_eq!(
        got[4].2,
        "\"-5\" is negative: non-negative decimal seconds are needed"
    );
    assert_eq!(got[6].2, "\"yes\" is not true or false");
    assert_eq!(got[7].2, "has 12 fields, the header has 11");
    assert_eq!(got[8].2, "blank line: blank rows are not allowed");
}

#[test]
fn duplicate_contact_ids_name_both_lines() {
    let text = csv(&[
        "c1,VOICE,q1,Sales,INBOUND,2024-07-01T16:45:00Z,,200,20,30,true",
        "c2,VOICE,q1,Sales,INBOUND,2024-07-01T16:45:00Z,,200,20,30,true",
        "c1,VOICE,q1,Sales,INBOUND,2024-07-01T17:45:00Z,,200,20,30,true",
    ]);
    assert_eq!(
        issues(&text, RawFormat::Csv),
        [(
            4,
            "contact_id".into(),
            "contact \"c1\" is also on line 2".into()
        )]
    );
}

#[test]
fn header_problems() {
    let got = issues("contact_id,channel,channel,queue_id\n", RawFormat::Csv);
    assert_eq!(
        got[0],
        (
            1,
            "channel".into(),
            "column channel appears twice (columns 2 and 3)".into()
        )
    );
    assert!(
        got.iter()
            .any(|(l, c, r)| *l == 1 && c.is_empty() && r == "missing column answered")
    );
    let got = issues("", RawFormat::Csv);
    assert_eq!(got.len(), 1);
    assert!(
        got[0]
            .2
            .starts_with("empty file: expected a header like contact_id,channel,")
    );
    assert_eq!(
        issues(&format!("{HEADER}\n"), RawFormat::Csv),
        [(1, String::new(), "the file has a header but no rows".into())]
    );
}

#[test]
fn json_line_errors() {
    let text = concat!(
        r#"{"contact_id":"c1","channel":"VOICE","queue_id":"q1","queue_name":"Sales","initiation_method":"INBOUND","initiation_timestamp":"2024-07-01T16:45:00Z","answered":true}"#,
        "\n",
        r#"{"contact_id":"c2","channel":"VOICE""#,
        "\n",
        "[1,2]\n",
        r#"{"contact_id":"c3","channel":["VOICE"],"queue_id":"q1","queue_name":"Sales","initiation_method":"INBOUND","initiation_timestamp":"2024-07-01T16:45:00Z","answered":true}"#,
        "\n",
        r#"{"contact_id":"c4","channel":"VOICE","queue_id":"q1","queue_name":"Sales","initiation_method":"INBOUND","initiation_timestamp":"2024-07-01T16:45:00Z"}"#,
        "\n",
    );
    let got = issues(text, RawFormat::JsonLines);
    assert_eq!(got.len(), 4, "{got:#?}");
    assert_eq!((got[0].0, got[0].1.as_str()), (2, ""));
    assert!(
        got[0]
            .2
            .starts_with("invalid JSON at character 36: EOF while parsing an object"),
        "{}",
        got[0].2
    );
    assert_eq!(
        got[1],
        (
            3,
            String::new(),
            "not a JSON object: each line must be one {...} record".into()
        )
    );
    assert_eq!(
        got[2],
        (
            4,
            "channel".into(),
            "is an array: expected a string, number or boolean".into()
        )
    );
    assert_eq!(got[3], (5, "answered".into(), "missing value".into()));
    assert_eq!(
        issues("", RawFormat::JsonLines)[0].2,
        "empty file: expected one JSON object per line"
    );
}

proptest! {
    /// Aggregation conserves volume, handled contacts and handle time, and the daily
    /// roll-up conserves them again.
    #[test]
    fn aggregation_conserves_contacts(
        contacts in prop::collection::vec(
            (0u8..3, 0u8..4, 0u8..3, 0i64..3 * 86_400, any::<bool>(), 0u32..2_000),
            1..200,
        ),
        thirty in any::<bool>(),
    ) {
        let methods = ["INBOUND", "TRANSFER", "CALLBACK", "OUTBOUND"];
        let channels = ["VOICE", "CHAT", "TASK"];
        let mut rows = Vec::new();
        let (mut incoming, mut handled, mut seconds) = (0u64, 0u64, 0u64);
        for (i, &(q, m, c, t, answered, secs)) in contacts.iter().enumerate() {
            let ts = chrono::DateTime::from_timestamp(1_719_792_000 + t, 0).unwrap().format("%Y-%m-%dT%H:%M:%SZ");
            rows.push(format!(
                "c{i},{},q{q},Queue {q},{},{ts},,{secs},0,0,{answered}",
                channels[c as usize], methods[m as usize]
            ));
            if m < 3 && c < 2 {
                incoming += 1;
                if answered {
                    handled += 1;
                    seconds += u64::from(secs);
                }
            }
        }
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        let interval = if thirty { IntervalLength::Thirty } else { IntervalLength::Fifteen };
        let out = read(&csv(&rows), RawFormat::Csv, interval).unwrap();
        let recs = &out.history.records;
        prop_assert_eq!(recs.iter().map(|r| r.volume).sum::<u64>(), incoming);
        prop_assert_eq!(recs.iter().map(|r| r.handled).sum::<u64>(), handled);
        let total: f64 = recs.iter().map(HistoryRecord::handle_seconds).sum();
        prop_assert!((total - seconds as f64).abs() < 1e-6 * (1.0 + seconds as f64));
        prop_assert!(recs.iter().all(|r| r.start % i64::from(interval.seconds()) == 0));
        let days = rollup_daily(recs);
        prop_assert_eq!(days.iter().map(|r| r.volume).sum::<u64>(), incoming);
        prop_assert_eq!(days.iter().map(|r| r.handled).sum::<u64>(), handled);
    }
}
