//! Measures the history CSV parser alone: reads a file (or a generated one held in
//! memory) through [`HistoryCsvReader`] and prints rows per second and peak memory.
//!
//! ```text
//! cargo run --release -p wfm-core --example history_throughput -- [FILE | --rows N]
//! ```

use std::io::BufReader;
use std::time::Instant;

use wfm_core::IntervalLength;
use wfm_core::history::{HISTORY_HEADER_LINE, HistoryCsvOptions, HistoryCsvReader};

/// `rows` rows: 20 queues × 2 channels × consecutive 15-minute intervals.
fn generate(rows: usize) -> Vec<u8> {
    let mut out = format!("{HISTORY_HEADER_LINE}\n").into_bytes();
    let per_series = rows.div_ceil(40);
    let mut n = 0;
    'all: for q in 0..20 {
        for ch in ["VOICE", "CHAT"] {
            for i in 0..per_series {
                if n == rows {
                    break 'all;
                }
                let t =
                    chrono::DateTime::from_timestamp(1_704_067_200 + i as i64 * 900, 0).unwrap();
                let line = format!(
                    "Queue {q},0f8e{q:04}-aaaa-bbbb-cccc-1234567890ab,{ch},{},15mins,{},{}.{},{}\n",
                    t.format("%Y-%m-%dT%H:%M:%SZ"),
                    (i * 7 + q) % 90,
                    200 + (i % 300),
                    i % 10,
                    (i * 7 + q) % 85
                );
                out.extend_from_slice(line.as_bytes());
                n += 1;
            }
        }
    }
    out
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// CPU seconds (user + system) this process has used, from `/proc/self/stat` (Linux;
/// NaN elsewhere): on a busy machine a steadier measure than wall time.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| {
        f.get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    (ticks(11) + ticks(12)) / 100.0 // fields 14 and 15 of stat(5), at 100 ticks per second
}

fn run<R: std::io::BufRead>(name: &str, input: R) {
    let cpu0 = cpu_seconds();
    let start = Instant::now();
    let mut reader =
        HistoryCsvReader::new(name, input, HistoryCsvOptions::new(IntervalLength::Fifteen));
    let mut rows = 0usize;
    while let Some(chunk) = reader.next_chunk().expect("readable") {
        rows += chunk.records.len();
    }
    let summary = reader.finish().expect("valid file");
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    assert_eq!(rows as u64, summary.rows);
    println!(
        "{name}: {} rows, {:.1} MB in {secs:.3} s = {:.2} M rows/s, {:.0} MB/s \
         (CPU {cpu:.2} s = {:.2} M rows/s); peak RSS {:.1} MiB",
        summary.rows,
        summary.bytes as f64 / 1e6,
        summary.rows as f64 / secs / 1e6,
        summary.bytes as f64 / secs / 1e6,
        summary.rows as f64 / cpu / 1e6,
        peak_rss_mib()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, n] if flag == "--rows" => {
            let data = generate(n.parse().expect("a row count"));
            run("<generated>", &data[..]);
        }
        [path] => {
            let file = std::fs::File::open(path).expect("a readable file");
            run(path, BufReader::with_capacity(1 << 20, file));
        }
        _ => {
            let data = generate(2_000_000);
            run("<generated>", &data[..]);
        }
    }
}
