//! Reading a large upload on two threads: the file split after its middle line, each
//! half read by the one-thread reader (the second with the header line in front), the
//! rows joined and renumbered. Whenever the halves could disagree with reading the whole
//! file — an error in either, rows of one key in both, quotes (a quoted field may hold
//! a line break), a header not on the first line — the whole file is read again on one
//! thread, so rows and error messages are always the one-thread reader's.

use std::collections::{HashMap, HashSet};

use wfm_scheduler::timeoff::{AllowanceRow, BalanceRow};

/// Files shorter than this are read on one thread.
const MIN_BYTES: usize = 1 << 20;

/// Reads `text` with `read`, in two halves at once when it is large (see the module
/// docs); `line` is a row's line number, `apart` whether rows of the two halves can
/// hold no repeat between them.
pub(crate) fn read_in_halves<R: Send, E: Send>(
    text: &str,
    read: impl Fn(&str) -> Result<Vec<R>, E> + Sync,
    line: impl Fn(&mut R) -> &mut u64,
    apart: impl Fn(&[R], &[R]) -> bool,
) -> Result<Vec<R>, E> {
    let Some((first, second, offset)) = halves(text) else {
        return read(text);
    };
    let (a, b) = std::thread::scope(|s| {
        let b = s.spawn(|| read(&second));
        (read(first), b.join())
    });
    match (a, b) {
        (Ok(mut a), Ok(Ok(mut b))) if apart(&a, &b) => {
            for r in &mut b {
                *line(r) += offset;
            }
            a.append(&mut b);
            Ok(a)
        }
        _ => read(text),
    }
}

/// The first half of `text` (up to and with its middle line break), the header line
/// followed by the rest, and how many lines the first half holds after the header.
fn halves(text: &str) -> Option<(&str, String, u64)> {
    if text.len() < MIN_BYTES || text.contains('"') {
        return None;
    }
    let bytes = text.as_bytes();
    let header_end = bytes.iter().position(|&b| b == b'\n')? + 1;
    if text[..header_end].trim().is_empty() {
        return None;
    }
    let half = text.len() / 2;
    // after a line break: a character boundary
    let mid = half + bytes[half..].iter().position(|&b| b == b'\n')? + 1;
    if mid <= header_end || mid >= text.len() {
        return None;
    }
    let (first, rest) = text.split_at(mid);
    let mut second = String::with_capacity(header_end + rest.len());
    second.push_str(&text[..header_end]);
    second.push_str(rest);
    let lines = first.bytes().filter(|&b| b == b'\n').count() as u64;
    Some((first, second, lines - 1))
}

/// Whether two halves of an allowance upload hold no slot twice: for each group and
/// activities, the halves' time ranges do not meet (files come in runs of one group).
pub(crate) fn allowances_apart(a: &[AllowanceRow], b: &[AllowanceRow]) -> bool {
    fn ranges(rows: &[AllowanceRow]) -> HashMap<(&str, &str), (i64, i64)> {
        let mut out: HashMap<(&str, &str), (i64, i64)> = HashMap::new();
        let same = |x: &AllowanceRow, y: &AllowanceRow| {
            x.key.group == y.key.group && x.key.activities == y.key.activities
        };
        for run in rows.chunk_by(same) {
            let (lo, hi) = run.iter().fold((i64::MAX, i64::MIN), |(lo, hi), r| {
                let t = r.key.start.timestamp();
                (lo.min(t), hi.max(t))
            });
            let key = (run[0].key.group.as_str(), run[0].key.activities.as_str());
            let e = out.entry(key).or_insert((lo, hi));
            *e = (e.0.min(lo), e.1.max(hi));
        }
        out
    }
    let (x, y) = (ranges(a), ranges(b));
    x.iter()
        .all(|(k, &(lo, hi))| y.get(k).is_none_or(|&(l, h)| hi < l || h < lo))
}

/// Whether two halves of a balance upload hold no agent and activity twice (an agent
/// cut by the split has its activities compared).
pub(crate) fn balances_apart(a: &[BalanceRow], b: &[BalanceRow]) -> bool {
    let same = |x: &BalanceRow, y: &BalanceRow| x.agent == y.agent;
    let agents: HashSet<&str> = a.chunk_by(same).map(|r| r[0].agent.as_str()).collect();
    b.chunk_by(same)
        .filter(|run| agents.contains(run[0].agent.as_str()))
        .all(|run| {
            let agent = run[0].agent.as_str();
            let before: HashSet<&str> = a
                .iter()
                .filter(|r| r.agent == agent)
                .map(|r| r.activity.as_str())
                .collect();
            run.iter().all(|r| !before.contains(r.activity.as_str()))
        })
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use wfm_scheduler::timeoff::read_balances;

    use super::*;

    fn balances(body: &str) -> String {
        format!("AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\n{body}")
    }

    /// 40 rows per agent (2,000 agents: over a MiB): agents a0, a1, … with 40 activities each.
    fn big(agents: usize) -> String {
        let mut s = String::new();
        for i in 0..agents * 40 {
            let _ = writeln!(s, "agent{},ACTIVITY{},{}.5", i / 40, i % 40, i % 100);
        }
        s
    }

    fn by_halves(text: &str) -> Result<Vec<BalanceRow>, String> {
        read_in_halves(
            text,
            |t| read_balances(t, "b.csv", None, None).map_err(|e| e.to_string()),
            |r| &mut r.line,
            balances_apart,
        )
    }

    fn whole(text: &str) -> Result<Vec<BalanceRow>, String> {
        read_balances(text, "b.csv", None, None).map_err(|e| e.to_string())
    }

    #[test]
    fn a_large_file_is_split_after_its_middle_line_and_renumbered() {
        let text = balances(&big(2000));
        assert!(text.len() > MIN_BYTES);
        let (first, second, offset) = halves(&text).unwrap();
        assert!(first.ends_with('\n'));
        assert!(second.starts_with("AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\nagent"));
        assert_eq!(offset as usize, first.lines().count() - 1);
        let rows = by_halves(&text).unwrap();
        assert_eq!(rows, whole(&text).unwrap());
        assert_eq!(rows.len(), 80_000);
        assert_eq!(rows[79_999].line, 80_001);
    }

    #[test]
    fn small_quoted_or_late_headed_files_are_read_whole() {
        assert!(halves(&balances("ana,A,1\n")).is_none());
        let text = balances(&big(2000));
        assert!(halves(&format!("\n{text}")).is_none());
        assert!(halves(&text.replacen("agent7,", "\"agent7\",", 1)).is_none());
    }

    #[test]
    fn an_error_or_a_repeat_across_the_halves_reads_as_the_whole_file_does() {
        let text = balances(&big(2000));
        // an agent cut by the split repeats an activity of the first half
        let (first, _, _) = halves(&text).unwrap();
        let last = first.lines().last().unwrap().to_owned();
        let repeated = format!("{text}{last}\n");
        assert!(!balances_apart(
            &whole(first).unwrap(),
            &whole(&balances(&format!("{last}\n"))).unwrap()
        ));
        let e = by_halves(&repeated).unwrap_err();
        assert_eq!(e, whole(&repeated).unwrap_err());
        assert!(e.contains("the same agent and activity as line"), "{e}");
        let bad = text.replacen("agent1999,ACTIVITY39,99.5", "agent1999,ACTIVITY39,-1", 1);
        assert_eq!(by_halves(&bad).unwrap_err(), whole(&bad).unwrap_err());
    }

    #[test]
    fn allowance_halves_are_apart_when_no_group_and_activities_meet_in_time() {
        use chrono::{TimeZone, Utc};
        use wfm_scheduler::timeoff::AllowanceKey;
        let row = |group: &str, h: u32| AllowanceRow {
            line: 0,
            key: AllowanceKey::new(
                group,
                "VACAY",
                Utc.with_ymd_and_hms(2026, 12, 1, h, 0, 0).unwrap(),
            ),
            seconds: Some(1),
        };
        let a = [row("G0", 1), row("G0", 2), row("G1", 5)];
        assert!(allowances_apart(&a, &[row("G1", 6), row("G2", 1)]));
        assert!(allowances_apart(&a, &[row("G0", 3), row("G1", 4)]));
        assert!(!allowances_apart(&a, &[row("G1", 6), row("G0", 2)]));
        assert!(!allowances_apart(&a, &[row("G0", 0), row("G0", 9)]));
    }
}
