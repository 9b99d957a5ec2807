//! Inputs shared by the `wfm plan` tests (stateless and on a workspace): 20 weeks of daily
//! forecast rows for two queues, one week of 30-minute pattern, the example scenario.

use std::path::{Path, PathBuf};

/// The first seven columns of the SPEC §3 forecast CSV.
pub const HEADER: &str = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime";

/// Writes `body` to `dir/name`.
pub fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

/// A timestamp `day` days and `minutes` minutes after Monday 2025-01-06.
pub fn stamp(day: i64, minutes: i64) -> String {
    let t =
        chrono::DateTime::from_timestamp(1_736_121_600 + day * 86_400 + minutes * 60, 0).unwrap(); // 2025-01-06
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// 20 weeks of daily VOICE and CHAT for two queues; one week of 30-minute pattern; the
/// example scenario: `(long.csv, short.csv, scenario.toml)` in `dir`.
pub fn inputs(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let mut long = format!("{HEADER}\n");
    for d in 0..140 {
        for (q, scale) in [("q1", 1.0), ("q2", 0.5)] {
            long += &format!(
                "Sales,{q},VOICE,{},daily,{},300\n",
                stamp(d, 0),
                2000.0 * scale
            );
            long += &format!(
                "Sales,{q},CHAT,{},daily,{},600\n",
                stamp(d, 0),
                400.0 * scale
            );
        }
    }
    let mut short = format!("{HEADER},P10,P50,P90\n");
    for d in 0..7 {
        for i in 0..48 {
            let v = if (26..42).contains(&i) { 20.0 } else { 0.0 };
            for ch in ["VOICE", "CHAT"] {
                short += &format!("Sales,q1,{ch},{},30mins,{v},300,1,2,3\n", stamp(d, 30 * i));
            }
        }
    }
    let scenario = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/capacity_base.toml"),
    )
    .unwrap();
    (
        write(dir, "long.csv", &long),
        write(dir, "short.csv", &short),
        write(dir, "scenario.toml", &scenario),
    )
}
