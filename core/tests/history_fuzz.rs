//! Fuzzing the history parsers with proptest: random bytes and random mutations of valid
//! files never panic, and every rejection names a line (≥ 1, within the input) and a
//! reason; accepted volume is conserved; a file fails exactly on its bad rows.

use proptest::prelude::*;
use wfm_core::history::{
    HISTORY_HEADER_LINE, HistoryCsvOptions, HistoryCsvReader, RawFormat, RawOptions,
    read_history_csv, read_raw_contacts,
};
use wfm_core::{CoreError, IntervalLength};

fn options() -> HistoryCsvOptions {
    HistoryCsvOptions::new(IntervalLength::Fifteen)
}

/// Lines in `input` as the parser counts them (at least 1, for the empty file's issue).
fn line_count(input: &[u8]) -> u64 {
    (input.iter().filter(|&&b| b == b'\n').count() as u64 + 1).max(1)
}

/// The invariants of any outcome.
fn check_outcome(
    input: &[u8],
    result: Result<(u64, u64, u64), CoreError>,
) -> Result<(), TestCaseError> {
    match result {
        Ok((rows, records, _)) => prop_assert_eq!(rows, records),
        Err(CoreError::InvalidInput { issues, total }) => {
            prop_assert!(!issues.is_empty());
            prop_assert!(total >= issues.len() as u64);
            let max_line = line_count(input);
            for i in &issues {
                prop_assert_eq!(&i.file, "fuzz");
                prop_assert!(i.line >= 1, "line 0 in {:?}", i);
                prop_assert!(
                    i.line <= max_line,
                    "line {} beyond {} in {:?}",
                    i.line,
                    max_line,
                    i
                );
                prop_assert!(!i.reason.is_empty(), "empty reason in {:?}", i);
            }
            prop_assert!(
                issues.windows(2).all(|w| w[0].line <= w[1].line),
                "not in line order"
            );
        }
        Err(other) => prop_assert!(false, "unexpected error {other:?}"),
    }
    Ok(())
}

fn parse_csv(input: &[u8]) -> Result<(u64, u64, u64), CoreError> {
    read_history_csv("fuzz", input, &options()).map(|h| {
        let sum: u64 = h.history.records.iter().map(|r| r.volume).sum();
        assert_eq!(sum, h.summary.volume);
        (h.summary.rows, h.history.records.len() as u64, sum)
    })
}

/// Bytes biased towards CSV structure so the fuzzer reaches the row checks.
fn csvish_bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        4 => prop::sample::select(b"0123456789,,,\n\n-:.TZ ".to_vec()),
        2 => prop::sample::select(b"VOICECHATdaily15mins30minsQq\r\"".to_vec()),
        1 => any::<u8>(),
    ];
    prop::collection::vec(byte, 0..max)
}

/// A valid file of `n` rows: unique (queue, timestamp) keys, random counts.
fn valid_file(rows: &[(u8, u16, u32, u32)]) -> String {
    let mut s = format!("{HISTORY_HEADER_LINE}\n");
    for (i, (q, aht, vol, handled)) in rows.iter().enumerate() {
        let q = q % 3;
        let t = 1_719_792_000 + i as i64 * 900;
        let ts = chrono::DateTime::from_timestamp(t, 0)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ");
        let ch = if q == 1 { "CHAT" } else { "VOICE" };
        s.push_str(&format!(
            "Queue {q},q{q},{ch},{ts},15mins,{vol},{aht}.5,{handled}\n"
        ));
    }
    s
}

fn rows_strategy() -> impl Strategy<Value = Vec<(u8, u16, u32, u32)>> {
    prop::collection::vec(
        (any::<u8>(), any::<u16>(), 0u32..100_000, 0u32..100_000),
        1..40,
    )
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    DuplicateLine(usize),
    DeleteLine(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop_oneof![prop::sample::select(b",\n\r\"-.:Z0 ".to_vec()), any::<u8>(),];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(p, b)| Mutation::Replace(p, b)),
        (any::<usize>(), byte).prop_map(|(p, b)| Mutation::Insert(p, b)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        any::<usize>().prop_map(Mutation::DeleteLine),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Replace(p, b) if !bytes.is_empty() => bytes[p % len] = b,
            Mutation::Insert(p, b) => bytes.insert(p % (bytes.len() + 1), b),
            Mutation::Delete(p) if !bytes.is_empty() => {
                bytes.remove(p % len);
            }
            Mutation::DuplicateLine(p) | Mutation::DeleteLine(p) => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let i = p % lines.len();
                if matches!(m, Mutation::DuplicateLine(_)) {
                    let copy = lines[i].clone();
                    lines.insert(i, copy);
                } else {
                    lines.remove(i);
                }
                bytes = lines.join(&b'\n');
            }
            _ => {}
        }
    }
    bytes
}

/// A row that is valid or broken in one known way (exactly one issue on its line).
#[derive(Debug, Clone)]
enum Row {
    Valid(u32),
    NegativeVolume,
    DecimalVolume,
    BadChannel,
    OffBoundary,
    Blank,
    ExtraField,
    WrongInterval,
    BadAht,
    BadName,
}

fn row() -> impl Strategy<Value = Row> {
    prop_oneof![
        10 => (0u32..10_000).prop_map(Row::Valid),
        1 => Just(Row::NegativeVolume),
        1 => Just(Row::DecimalVolume),
        1 => Just(Row::BadChannel),
        1 => Just(Row::OffBoundary),
        1 => Just(Row::Blank),
        1 => Just(Row::ExtraField),
        1 => Just(Row::WrongInterval),
        1 => Just(Row::BadAht),
        1 => Just(Row::BadName),
    ]
}

fn render(i: usize, r: &Row) -> String {
    let t = 1_719_792_000 + i as i64 * 900;
    let ts = chrono::DateTime::from_timestamp(t, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let off = chrono::DateTime::from_timestamp(t + 60, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    match r {
        Row::Valid(v) => format!("Sales,q1,VOICE,{ts},15mins,{v},300,{v}"),
        Row::NegativeVolume => format!("Sales,q1,VOICE,{ts},15mins,-4,300,1"),
        Row::DecimalVolume => format!("Sales,q1,VOICE,{ts},15mins,4.5,300,1"),
        Row::BadChannel => format!("Sales,q1,PHONE,{ts},15mins,4,300,1"),
        Row::OffBoundary => format!("Sales,q1,VOICE,{off},15mins,4,300,1"),
        Row::Blank => String::new(),
        Row::ExtraField => format!("Sales,q1,VOICE,{ts},15mins,4,300,1,"),
        Row::WrongInterval => format!("Sales,q1,VOICE,{ts},30mins,4,300,1"),
        Row::BadAht => format!("Sales,q1,VOICE,{ts},15mins,4,3m,1"),
        Row::BadName => format!("Sales!,q1,VOICE,{ts},15mins,4,300,1"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in csvish_bytes(600)) {
        check_outcome(&bytes, parse_csv(&bytes))?;
    }

    #[test]
    fn random_rows_after_a_valid_header_never_panic(body in csvish_bytes(800)) {
        let mut input = format!("{HISTORY_HEADER_LINE}\n").into_bytes();
        input.extend_from_slice(&body);
        check_outcome(&input, parse_csv(&input))?;
    }

    #[test]
    fn mutated_valid_files_never_panic(rows in rows_strategy(), mutations in prop::collection::vec(mutation(), 1..6)) {
        let input = apply(valid_file(&rows).into_bytes(), &mutations);
        check_outcome(&input, parse_csv(&input))?;
    }

    #[test]
    fn accepted_volume_is_the_sum_of_the_rows(rows in rows_strategy(), chunk in 1usize..50) {
        let input = valid_file(&rows);
        let expected: u64 = rows.iter().map(|r| u64::from(r.2)).sum();
        let whole = read_history_csv("fuzz", input.as_bytes(), &options()).unwrap();
        prop_assert_eq!(whole.summary.volume, expected);
        prop_assert_eq!(whole.history.total_volume(), expected);
        prop_assert_eq!(whole.summary.rows, rows.len() as u64);
        // streamed in chunks of any size: the same records
        let mut o = options();
        o.chunk_rows = chunk;
        let mut reader = HistoryCsvReader::new("fuzz", input.as_bytes(), o);
        let mut streamed = Vec::new();
        while let Some(c) = reader.next_chunk().unwrap() {
            prop_assert!(c.records.len() <= chunk);
            streamed.extend_from_slice(c.records);
        }
        prop_assert_eq!(reader.finish().unwrap().volume, expected);
        prop_assert_eq!(streamed, whole.history.records);
    }

    #[test]
    fn a_file_fails_exactly_on_its_bad_rows(rows in prop::collection::vec(row(), 1..60)) {
        let mut input = format!("{HISTORY_HEADER_LINE}\n");
        for (i, r) in rows.iter().enumerate() {
            input.push_str(&render(i, r));
            input.push('\n');
        }
        let bad_lines: Vec<u64> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !matches!(r, Row::Valid(_)))
            .map(|(i, _)| i as u64 + 2)
            .collect();
        match read_history_csv("fuzz", input.as_bytes(), &options()) {
            Ok(h) => {
                prop_assert!(bad_lines.is_empty());
                let expected: u64 = rows.iter().map(|r| match r { Row::Valid(v) => u64::from(*v), _ => 0 }).sum();
                prop_assert_eq!(h.summary.volume, expected);
            }
            Err(CoreError::InvalidInput { issues, .. }) => {
                let lines: Vec<u64> = issues.iter().map(|i| i.line).collect();
                prop_assert_eq!(lines, bad_lines);
            }
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    #[test]
    fn raw_parsers_never_panic(bytes in csvish_bytes(600), json in any::<bool>()) {
        let format = if json { RawFormat::JsonLines } else { RawFormat::Csv };
        let r = read_raw_contacts("fuzz", &bytes[..], &RawOptions::new(format, IntervalLength::Fifteen));
        check_outcome(&bytes, r.map(|h| (h.summary.records, h.history.records.len() as u64, 0)))?;
    }
}
