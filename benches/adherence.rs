//! Criterion benches of schedule adherence (issue 23's targets), both event formats:
//!
//! - ingest: parse + de-duplicate + order within a 5-minute watermark, events per second
//!   (target ≥ 1 M/s), parsed on the calling thread and on worker threads; and the whole
//!   import into a workspace file (parsed on worker threads, ordered and stored in one
//!   transaction, without the recalculation), printed per format;
//! - recompute: 30 days of 5,000 agents (≈ 7.5 M events) from events grouped by agent
//!   (target ≤ 5 s);
//! - monitor: events applied to the real-time monitor per second (target ≥ 100 k/s), and
//!   the p99 event-to-state latency (target ≤ 1 s), printed once.
//!
//! `cargo bench --profile dev --bench adherence` (the one build profile; see
//! ARCHITECTURE.md's Build); `ADHERENCE_BENCH=ingest` (or `recompute`, `monitor`) runs one
//! group, and `ADHERENCE_FORMAT=reference_json` (or `plain_csv`, `plain_jsonl`) one
//! format of ingest (e.g. under `perf record`). The printed figures are per run, the mean of 5: wall time and the process's CPU
//! time (every thread), with the load average.

use std::hint::black_box;
use std::ops::ControlFlow;
use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wfm::adherence::{ImportOptions, import_events};
use wfm::scheduler::adherence::{
    AdherenceRules, AgentEvent, EventFormat, EventReader, Monitor, SampleOptions, Sequencer,
    events_by_agent, for_each_event, sample_events, schedule_adherence, write_events,
};
use wfm::scheduler::{ActivityKind, AgentSchedule, PlacedActivity, Schedule, Shift, ShiftActivity};

/// This process's CPU time in seconds, every thread's (parsing may run on worker
/// threads), user and system (Linux `/proc/self/stat`, in the kernel's 1/100 s ticks), so
/// a rate can be reported independently of other processes sharing the cores; `None`
/// elsewhere.
fn cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/self/stat").ok()?;
    // the fields after the command name (which is in parentheses and may hold spaces)
    let fields: Vec<&str> = text.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

/// Runs `f` `REPEATS` times and prints its wall and CPU time per run and the rates of
/// `n` items per second of wall time and per CPU second (the machine may be shared: the
/// CPU rate is what the code does), with the load average.
fn report_cpu(label: &str, n: usize, mut f: impl FnMut()) {
    const REPEATS: u32 = 5; // the CPU clock ticks 1/100 s: runs of 0.1 s or more
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    for _ in 0..REPEATS {
        f();
    }
    let runs = f64::from(REPEATS);
    let wall = wall.elapsed().as_secs_f64() / runs;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("?");
    match cpu.zip(cpu_seconds()) {
        Some((a, b)) => eprintln!(
            "{label}: {n} items, wall {wall:.3} s, CPU {:.3} s, {:.2} M/s wall, {:.2} M per CPU second (load {load})",
            (b - a) / runs,
            n as f64 / wall / 1e6,
            n as f64 * runs / (b - a) / 1e6
        ),
        None => eprintln!("{label}: {n} items, wall {wall:.3} s (load {load})"),
    }
}

/// Whether the group `name` runs: all do, unless `ADHERENCE_BENCH` names another (the
/// groups' setup is costly, and criterion's filter does not skip it).
fn wanted(name: &str) -> bool {
    std::env::var("ADHERENCE_BENCH").map_or(true, |only| name.contains(&only))
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date")
}

fn rules() -> AdherenceRules {
    AdherenceRules::new(&[
        ShiftActivity::new("Break", ActivityKind::Break, 15, true),
        ShiftActivity::new("Lunch", ActivityKind::Meal, 30, false),
        ShiftActivity::new("Meeting", ActivityKind::NonProductive, 60, true),
    ])
}

/// `agents` agents with one 8.5-hour shift a day for `days` days, staggered starts.
fn schedule(agents: usize, days: i64) -> Schedule {
    let at = |d: NaiveDate, minutes: i64| {
        Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight"))
            + Duration::minutes(minutes)
    };
    let agents = (0..agents)
        .map(|i| {
            let start = 360 + (i as i64 % 16) * 30;
            let shifts = (0..days)
                .map(|k| {
                    let d = first_day() + Duration::days(k);
                    let p = |name: &str, a: i64, b: i64| PlacedActivity {
                        activity: name.into(),
                        start: at(d, start + a),
                        end: at(d, start + b),
                    };
                    Shift {
                        date: d,
                        start: at(d, start),
                        end: at(d, start + 510),
                        activities: vec![
                            p("Break", 120, 135),
                            p("Lunch", 240, 270),
                            p("Meeting", 420, 450),
                        ],
                    }
                })
                .collect();
            AgentSchedule {
                agent: format!("agent{i:05}"),
                shifts,
            }
        })
        .collect();
    Schedule { agents }
}

fn day_events(s: &Schedule, days: i64) -> Vec<AgentEvent> {
    let mut all = Vec::new();
    for k in 0..days {
        let options = SampleOptions {
            seed: k as u64,
            ..SampleOptions::default()
        };
        all.extend(sample_events(
            s,
            &rules(),
            first_day() + Duration::days(k),
            &options,
        ));
    }
    all
}

fn ingest(c: &mut Criterion) {
    if !wanted("ingest") {
        return;
    }
    let s = schedule(2_000, 1);
    let events = day_events(&s, 1);
    let mut group = c.benchmark_group("adherence_ingest");
    group.throughput(Throughput::Elements(events.len() as u64));
    group.sample_size(10);
    for (name, format) in [
        ("reference_json", EventFormat::Reference),
        ("plain_csv", EventFormat::Csv),
        ("plain_jsonl", EventFormat::JsonLines),
    ] {
        if std::env::var("ADHERENCE_FORMAT").is_ok_and(|only| only != name) {
            continue;
        }
        let mut text = Vec::new();
        write_events(&events, format, &mut text).expect("written");
        report_cpu(&format!("ingest {name}"), events.len(), || {
            let mut seq = Sequencer::new(5 * 60_000);
            for e in EventReader::new(&text[..], "bench") {
                seq.push(e.expect("valid"), &mut |e| drop(black_box(e)));
            }
            seq.finish(&mut |e| drop(black_box(e)));
        });
        report_cpu(
            &format!("ingest {name}, parsed on worker threads"),
            events.len(),
            || {
                let mut seq = Sequencer::new(5 * 60_000);
                for_each_event(&text[..], "bench", &mut |e| {
                    seq.push(e.expect("valid"), &mut |e| drop(black_box(e)));
                    ControlFlow::Continue(())
                });
                seq.finish(&mut |e| drop(black_box(e)));
            },
        );
        sections(name, &text, events.len());
        store_once(name, &text, events.len());
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut seq = Sequencer::new(5 * 60_000);
                let mut n = 0u64;
                for e in EventReader::new(black_box(&text[..]), "bench") {
                    seq.push(e.expect("valid"), &mut |_| n += 1);
                }
                seq.finish(&mut |_| n += 1);
                n
            })
        });
        group.bench_function(format!("{name}_threads"), |b| {
            b.iter(|| {
                let mut seq = Sequencer::new(5 * 60_000);
                let mut n = 0u64;
                for_each_event(black_box(&text[..]), "bench", &mut |e| {
                    seq.push(e.expect("valid"), &mut |_| n += 1);
                    ControlFlow::Continue(())
                });
                seq.finish(&mut |_| n += 1);
                n
            })
        });
    }
    group.finish();
}

/// A rough profile of ingest: the lines read alone, each line scanned by serde_json
/// (every value, keeping none), the events parsed, and parsed and sequenced.
fn sections(name: &str, text: &[u8], n: usize) {
    use std::io::BufRead;
    report_cpu(&format!("  {name}: lines read"), n, || {
        let mut buf = String::new();
        let mut r = text;
        while r.read_line(&mut buf).expect("read") > 0 {
            black_box(&buf);
            buf.clear();
        }
    });
    if text.first() == Some(&b'{') {
        report_cpu(&format!("  {name}: lines scanned by serde_json"), n, || {
            for line in text.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                let v: serde::de::IgnoredAny = serde_json::from_slice(line).expect("JSON");
                black_box(v);
            }
        });
    }
    report_cpu(&format!("  {name}: events parsed"), n, || {
        for e in EventReader::new(text, "bench") {
            drop(black_box(e.expect("valid")));
        }
    });
}

/// The whole import of `text` into a new workspace file (wall and CPU), then the events
/// read back.
fn store_once(name: &str, text: &[u8], n: usize) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut made = 0;
    let mut fresh = || {
        made += 1;
        wfm::Workspace::create(
            &dir.path().join(format!("w{made}.wfm")),
            wfm::core::IntervalLength::Thirty,
            None,
        )
        .expect("a workspace")
    };
    let mut spaces: Vec<wfm::Workspace> = (0..5).map(|_| fresh()).collect();
    let options = ImportOptions {
        recalculate: false,
        ..ImportOptions::default()
    };
    let mut next = spaces.iter_mut();
    report_cpu(&format!("import into a workspace {name}"), n, || {
        let ws = next.next().expect("a workspace per run");
        let r = import_events(ws, text, "bench", &options).expect("imported");
        assert_eq!(r.info.events as usize, r.sequence.released as usize);
    });
    let ws = &spaces[0];
    report_cpu(&format!("read back from the workspace {name}"), n, || {
        let events = ws
            .backend()
            .expect("the raw store")
            .events_between(i64::MIN, i64::MAX)
            .expect("read");
        assert_eq!(black_box(events).len(), n);
    });
}

fn recompute(c: &mut Criterion) {
    if !wanted("recompute") {
        return;
    }
    let s = schedule(5_000, 30);
    let events = day_events(&s, 30);
    let n = events.len();
    eprintln!("recompute: {n} events for 5,000 agents × 30 days");
    let mut group = c.benchmark_group("adherence_recompute");
    group.throughput(Throughput::Elements(n as u64));
    group.sample_size(10);
    group.sampling_mode(criterion::SamplingMode::Flat);
    // events arrive from the store by value and are moved into their agent's list
    let by_agent = events_by_agent(events);
    let range = (first_day(), first_day() + Duration::days(29));
    report_cpu("recompute 5,000 agents x 30 days (events)", n, || {
        black_box(schedule_adherence(&rules(), &s, &by_agent, range));
    });
    group.bench_function("5000_agents_30_days", |b| {
        b.iter(|| schedule_adherence(&rules(), &s, black_box(&by_agent), range).len())
    });
    group.finish();
}

fn monitor(c: &mut Criterion) {
    if !wanted("monitor") {
        return;
    }
    let s = schedule(5_000, 1);
    let events = day_events(&s, 1);
    report_cpu("monitor apply (events)", events.len(), || {
        let mut m = Monitor::new(rules(), &s, first_day(), 5);
        for e in &events {
            black_box(m.apply(e));
        }
    });
    // event-to-state latency: the time from an event's arrival to its agent's new status
    let mut m = Monitor::new(rules(), &s, first_day(), 5);
    let mut lat: Vec<f64> = Vec::with_capacity(events.len());
    for e in &events {
        let t = Instant::now();
        black_box(m.apply(e));
        lat.push(t.elapsed().as_secs_f64());
    }
    lat.sort_by(f64::total_cmp);
    let p = |q: f64| lat[((lat.len() as f64 - 1.0) * q) as usize] * 1e6;
    eprintln!(
        "monitor latency over {} events: p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        lat.len(),
        p(0.5),
        p(0.99),
        p(1.0)
    );
    let mut group = c.benchmark_group("adherence_monitor");
    group.throughput(Throughput::Elements(events.len() as u64));
    group.sample_size(10);
    group.bench_function("apply_5000_agents_day", |b| {
        b.iter(|| {
            let mut m = Monitor::new(rules(), &s, first_day(), 5);
            for e in &events {
                black_box(m.apply(e));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, ingest, recompute, monitor);
criterion_main!(benches);
