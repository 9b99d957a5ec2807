//! A sample day of agent state events for a schedule (or several as one stream), with
//! the deviations real days have: late log-ins, long breaks, early leaving, contacts
//! coming and going, duplicates and heartbeats on request; written in the reference's JSON form or the plain CSV /
//! JSON-lines form. Seeded: the same options give the same events.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::combine::{Layer, WorkBlock, work_blocks};
use super::event::{AgentEvent, EventKey, EventType};
use super::rules::AdherenceRules;
use super::state::ScheduledKind;
use super::time::instant_text;
use crate::schedule::Schedule;

/// What the generator does.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SampleOptions {
    /// The random seed.
    pub seed: u64,
    /// Share of shifts logged in late (up to `late_minutes`); others log in up to 5 min
    /// early.
    pub late_login_share: f64,
    /// Longest late log-in, minutes.
    pub late_minutes: u32,
    /// Share of non-productive activities overrun (up to `long_break_minutes`).
    pub long_break_share: f64,
    /// Longest overrun, minutes.
    pub long_break_minutes: u32,
    /// Share of shifts left early (up to `early_leave_minutes`).
    pub early_leave_share: f64,
    /// Longest early leave, minutes.
    pub early_leave_minutes: u32,
    /// Contacts per productive hour (each a start and an end event).
    pub contacts_per_hour: f64,
    /// Heartbeats every this many seconds while nothing else happens (0: none).
    pub heartbeat_seconds: u32,
}

impl Default for SampleOptions {
    fn default() -> Self {
        Self {
            seed: 7,
            late_login_share: 0.2,
            late_minutes: 15,
            long_break_share: 0.2,
            long_break_minutes: 10,
            early_leave_share: 0.1,
            early_leave_minutes: 20,
            contacts_per_hour: 3.0,
            heartbeat_seconds: 0,
        }
    }
}

/// SplitMix64: small, seeded, good enough for sample data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn ms(&mut self, max_minutes: u32) -> i64 {
        (self.unit() * f64::from(max_minutes) * 60_000.0) as i64
    }
}

/// A sample day: events of every shift of `day` in `schedule`, in time order, each with
/// a fresh UUID-like `EventId`. Several schedules as one stream: [`sample_day`].
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wfm_scheduler::adherence::{AdherenceRules, SampleOptions, sample_events};
/// use wfm_scheduler::{AgentSchedule, Schedule, Shift};
/// let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let t = |h| Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap();
/// let schedule = Schedule { agents: vec![AgentSchedule { agent: "ana".into(),
///     shifts: vec![Shift { date: day, start: t(8), end: t(16), activities: vec![] }] }] };
/// let events = sample_events(&schedule, &AdherenceRules::default(), day, &SampleOptions::default());
/// assert!(events.len() > 10);
/// assert!(events.windows(2).all(|w| w[0].at <= w[1].at));
/// assert_eq!(events.last().unwrap().state, "Offline");
/// ```
pub fn sample_events(
    schedule: &Schedule,
    rules: &AdherenceRules,
    day: NaiveDate,
    options: &SampleOptions,
) -> Vec<AgentEvent> {
    sample_day(&[(rules, schedule)], day, options)
}

/// A sample day of several schedules (in publication order) as one stream: each agent's
/// day is their shifts of `day` in every schedule by time (where two overlap, the later
/// schedule's, as adherence counts it); shifts that meet or overlap are one stretch of
/// work (one log-in, one log-out). In time order, every event with its own `EventId`.
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wfm_scheduler::adherence::{AdherenceRules, EventType, SampleOptions, sample_day};
/// use wfm_scheduler::{AgentSchedule, Schedule, Shift};
/// let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let t = |h| Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap();
/// let one = |a, b| Schedule { agents: vec![AgentSchedule { agent: "ana".into(),
///     shifts: vec![Shift { date: day, start: t(a), end: t(b), activities: vec![] }] }] };
/// let (sales, support, rules) = (one(8, 12), one(12, 16), AdherenceRules::default());
/// let events = sample_day(&[(&rules, &sales), (&rules, &support)], day, &SampleOptions::default());
/// let logins = events.iter().filter(|e| e.event_type == EventType::Login).count();
/// assert_eq!(logins, 1); // 08–16 is one stretch of work
/// let mut keys: Vec<_> = events.iter().map(|e| e.key).collect();
/// keys.sort();
/// keys.dedup();
/// assert_eq!(keys.len(), events.len());
/// ```
pub fn sample_day(
    layers: &[Layer<'_>],
    day: NaiveDate,
    options: &SampleOptions,
) -> Vec<AgentEvent> {
    let mut rng = Rng(options.seed ^ 0xA5A5_5A5A);
    let mut out = Vec::new();
    for (agent, blocks) in work_blocks(layers, day) {
        for block in &blocks {
            let mut events = block_events(&mut rng, agent, block, options);
            heartbeats(&mut events, options.heartbeat_seconds);
            out.append(&mut events);
        }
    }
    out.sort_by_key(|e| e.at);
    for e in &mut out {
        e.key = EventKey(u128::from(rng.next()) << 64 | u128::from(rng.next()));
    }
    out
}

/// One stretch of an agent's work: a log-in near its start, its non-productive spans
/// (sometimes overrun), contacts while productive, a log-out near its end; in time order.
fn block_events(
    rng: &mut Rng,
    agent: &str,
    block: &WorkBlock,
    options: &SampleOptions,
) -> Vec<AgentEvent> {
    let mut events = Vec::new();
    let (s0, s1) = (block.start, block.end);
    let login = if rng.unit() < options.late_login_share {
        s0 + rng.ms(options.late_minutes)
    } else {
        s0 - rng.ms(5)
    };
    let logout = if rng.unit() < options.early_leave_share {
        s1 - rng.ms(options.early_leave_minutes)
    } else {
        s1 + rng.ms(5)
    };
    let mut push = |t: i64, ty, state: &str, contact| {
        events.push(AgentEvent {
            key: EventKey(0),
            event_type: ty,
            agent: agent.into(),
            at: t,
            state: state.into(),
            on_contact: contact,
            line: 0,
        });
    };
    push(login, EventType::Login, "Available", false);
    let mut t = login;
    for span in &block.spans {
        let end = span.end.min(logout);
        if span.kind == ScheduledKind::NonProductive && span.start >= t && span.start < logout {
            push(span.start, EventType::StateChange, &span.activity, false);
            let back = if rng.unit() < options.long_break_share {
                span.end + rng.ms(options.long_break_minutes)
            } else {
                span.end
            };
            t = back.min(logout);
            if t < logout {
                push(t, EventType::StateChange, "Available", false);
            }
            continue;
        }
        // contacts while productive
        let mut c = t.max(span.start);
        let rate = options.contacts_per_hour;
        while rate > 0.0 && c < end {
            let gap = (-rng.unit().max(1e-9).ln() * 3_600_000.0 / rate) as i64;
            let talk = 60_000 + rng.ms(8);
            if c + gap + talk >= end {
                break;
            }
            push(c + gap, EventType::StateChange, "Available", true);
            push(c + gap + talk, EventType::StateChange, "Available", false);
            c += gap + talk;
        }
        t = t.max(end);
    }
    push(logout, EventType::Logout, "Offline", false);
    events.sort_by_key(|e| e.at);
    events
}

/// Adds a heartbeat every `seconds` where an agent's events leave a longer gap.
fn heartbeats(agent: &mut Vec<AgentEvent>, seconds: u32) {
    if seconds == 0 {
        return;
    }
    let step = i64::from(seconds) * 1000;
    let mut beats = Vec::new();
    for w in agent.windows(2) {
        let mut t = w[0].at + step;
        while t < w[1].at && w[0].event_type != EventType::Logout {
            let mut b = w[0].clone();
            b.event_type = EventType::HeartBeat;
            b.at = t;
            beats.push(b);
            t += step;
        }
    }
    agent.extend(beats);
    agent.sort_by_key(|e| e.at);
}

/// The event formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventFormat {
    /// The reference's agent event stream (JSON lines).
    Reference,
    /// The plain CSV: `agent,timestamp,state,on_contact,event_id`.
    Csv,
    /// The plain JSON lines.
    JsonLines,
}

fn uuid(k: EventKey) -> String {
    let h = format!("{:032x}", k.0);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Writes `events` in `format` (the CSV with its header).
///
/// # Errors
/// The writer's.
///
/// ```
/// use wfm_scheduler::adherence::{AgentEvent, EventFormat, EventReader, write_events};
/// let e = vec![AgentEvent::plain("ana", 0, "Lunch", true)];
/// for format in [EventFormat::Reference, EventFormat::Csv, EventFormat::JsonLines] {
///     let mut text = Vec::new();
///     write_events(&e, format, &mut text)?;
///     let back: Vec<_> = EventReader::new(&text[..], "x").collect::<Result<_, _>>().unwrap();
///     assert_eq!((back[0].key, back[0].state.as_str(), back[0].on_contact), (e[0].key, "Lunch", true));
/// }
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_events(
    events: &[AgentEvent],
    format: EventFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = io::BufWriter::new(out);
    if format == EventFormat::Csv {
        writeln!(w, "agent,timestamp,state,on_contact,event_id")?;
    }
    for e in events {
        let ts = instant_text(e.at);
        match format {
            EventFormat::Csv => writeln!(
                w,
                "{},{ts},{},{},{}",
                e.agent,
                e.state,
                e.on_contact,
                uuid(e.key)
            )?,
            EventFormat::JsonLines => {
                let v = serde_json::json!({"agent": e.agent, "timestamp": ts, "state": e.state,
                    "on_contact": e.on_contact, "event_id": uuid(e.key)});
                writeln!(w, "{v}")?;
            }
            EventFormat::Reference => {
                let contacts: Vec<serde_json::Value> = if e.on_contact {
                    vec![
                        serde_json::json!({"ContactId": uuid(EventKey(!e.key.0)), "State": "CONNECTED", "Channel": "VOICE"}),
                    ]
                } else {
                    vec![]
                };
                let v = serde_json::json!({
                    "AWSAccountId": "000000000000", "EventId": uuid(e.key), "EventTimestamp": ts,
                    "EventType": e.event_type.as_str(), "Version": "2017-10-01",
                    "CurrentAgentSnapshot": {
                        "AgentStatus": {"Name": e.state, "StartTimestamp": ts, "Type": "CUSTOM"},
                        "Configuration": {"Username": e.agent},
                        "Contacts": contacts,
                    },
                    "PreviousAgentSnapshot": null,
                });
                writeln!(w, "{v}")?;
            }
        }
    }
    w.flush()
}
