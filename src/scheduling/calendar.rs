//! An agent's (or a supervisor's team's) published shifts as an iCalendar file (RFC 5545)
//! or JSON, in each agent's own time zone.
//!
//! The `.ics` holds one `VEVENT` per shift, its start and end on the agent's local clock
//! (`DTSTART;TZID=America/New_York:20260307T080000`) with a `VTIMEZONE` per zone that
//! lists the zone's offset changes over the shifts' span (so calendars without the IANA
//! database show the right times across a daylight-saving change), and the shift's
//! activities (breaks, meals, meetings) as lines of its `DESCRIPTION` on the same local
//! clock: one event per working day keeps an agent's calendar readable. The event's
//! `UID` is the agent and the schedule day, so a re-imported calendar updates a
//! republished day instead of duplicating it.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz};

use super::workspace::{
    AgentPeriod, AgentShift, AgentView, StoredSchedule, agent_view, load_schedule,
};
use super::workspace_agent::view_of;
use crate::Workspace;
use crate::error::{Result, WfmError};
use crate::store::{DocumentId, DocumentStatus};

/// An agent's shifts of a published schedule over the whole schedule (every local day
/// a shift of it starts on), in the agent's time zone.
///
/// # Errors
/// As [`agent_view`]: `NotFound` for an unknown schedule, `Precondition` for a draft or
/// an agent not in it.
pub(crate) fn agent_schedule(ws: &Workspace, id: DocumentId, agent: &str) -> Result<AgentView> {
    let (_, s) = load_schedule(ws, id)?;
    // published, and the agent in it: checked as an agent's view checks
    agent_view(ws, id, agent, AgentPeriod::Day(s.start))?;
    let scenario = s.scenario()?;
    Ok(view_of(
        &s,
        &scenario,
        ws.settings()?.time_zone,
        (id, agent),
        whole(&s),
    ))
}

/// Every local day a shift of `s` can start on: a shift's local day lies within a day of
/// its UTC schedule day.
fn whole(s: &StoredSchedule) -> (NaiveDate, NaiveDate) {
    (s.start - Duration::days(1), s.end + Duration::days(1))
}

/// What a supervisor sees of a published schedule: every agent of the schedule's
/// staffing groups the supervisor is listed for (SPEC: "only they see the group's
/// published schedules"), each in the agent's own time zone, for `period` (`None`: the
/// whole schedule). Agents in name order.
///
/// # Errors
/// `NotFound` for an unknown schedule; `Precondition` for a draft, or a supervisor of
/// none of its staffing groups (the groups and their supervisors named).
pub(crate) fn supervisor_view(
    ws: &Workspace,
    id: DocumentId,
    supervisor: &str,
    period: Option<AgentPeriod>,
) -> Result<Vec<AgentView>> {
    let (info, s) = load_schedule(ws, id)?;
    if info.status != DocumentStatus::Published {
        return Err(WfmError::Precondition {
            what: format!(
                "schedule {id} is a draft: supervisors see published schedules only; publish it first"
            ),
        });
    }
    let groups: Vec<_> = s
        .scenario
        .staffing_groups
        .iter()
        .filter(|g| s.staffing_groups.contains(&g.name))
        .collect();
    let mut agents: Vec<&str> = groups
        .iter()
        .filter(|g| g.supervisors.iter().any(|x| x == supervisor))
        .flat_map(|g| g.agents.iter().map(String::as_str))
        .collect();
    if agents.is_empty() {
        let listed: Vec<String> = groups
            .iter()
            .map(|g| format!("{} ({})", g.name, g.supervisors.join(", ")))
            .collect();
        return Err(WfmError::Precondition {
            what: format!(
                "{supervisor:?} supervises none of schedule {id}'s staffing groups: {}",
                listed.join("; ")
            ),
        });
    }
    agents.sort_unstable();
    agents.dedup();
    let scenario = s.scenario()?;
    let zone = ws.settings()?.time_zone;
    let days = period.map_or_else(|| whole(&s), AgentPeriod::days);
    Ok(agents
        .into_iter()
        .map(|a| view_of(&s, &scenario, zone, (id, a), days))
        .collect())
}

/// Whose calendar: one agent's, or the agents a supervisor sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarOf {
    /// One agent's shifts.
    Agent(String),
    /// Every agent of the staffing groups a supervisor is listed for.
    Supervisor(String),
}

/// The file format of a calendar.
///
/// ```
/// use wfm::scheduling::calendar::CalendarFormat;
/// assert_eq!("ics".parse::<CalendarFormat>(), Ok(CalendarFormat::Ics));
/// assert_eq!(CalendarFormat::Json.extension(), "json");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarFormat {
    /// iCalendar (RFC 5545), `.ics`.
    Ics,
    /// JSON.
    Json,
}

impl CalendarFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Ics => "ics",
            Self::Json => "json",
        }
    }
}

impl std::str::FromStr for CalendarFormat {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "ics" => Ok(Self::Ics),
            "json" => Ok(Self::Json),
            _ => Err(format!("{s:?} is not a calendar format: use ics or json")),
        }
    }
}

/// The calendar of an agent or a supervisor's agents over the whole published schedule
/// `id`, as `.ics` text (stamped `ws.now()`) or JSON.
///
/// # Errors
/// As [`agent_schedule`] and [`supervisor_view`]; `Encode` if JSON fails.
pub(crate) fn calendar(
    ws: &Workspace,
    id: DocumentId,
    of: &CalendarOf,
    format: CalendarFormat,
) -> Result<String> {
    let views = match of {
        CalendarOf::Agent(a) => vec![agent_schedule(ws, id, a)?],
        CalendarOf::Supervisor(s) => supervisor_view(ws, id, s, None)?,
    };
    Ok(match format {
        CalendarFormat::Json => to_json(&views)?,
        CalendarFormat::Ics => {
            let (info, _) = load_schedule(ws, id)?;
            to_ics(&views, &info.name, ws.now())
        }
    })
}

/// The views as JSON (an array of agents, each with its zone, days and shifts; times
/// RFC 3339 with the local offset).
///
/// ```
/// use wfm::scheduling::calendar::to_json;
/// assert_eq!(to_json(&[])?, "[]");
/// # Ok::<(), wfm::WfmError>(())
/// ```
///
/// # Errors
/// `Encode` if serialising fails.
pub fn to_json(views: &[AgentView]) -> Result<String> {
    serde_json::to_string_pretty(views).map_err(|e| WfmError::Encode {
        what: "a calendar as JSON",
        detail: e.to_string(),
    })
}

/// The views as one iCalendar (RFC 5545) text: a `VTIMEZONE` per zone used and a
/// `VEVENT` per shift (see the module documentation); `name` is the calendar's name,
/// `stamp` the `DTSTAMP` of every event (when the file was made). Lines end in CRLF and
/// are folded at 75 octets.
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wfm::scheduling::calendar::to_ics;
/// use wfm::scheduling::workspace::{AgentShift, AgentView};
/// use wfm::store::DocumentId;
/// let zone = chrono_tz::America::New_York;
/// let at = |h| Utc.with_ymd_and_hms(2026, 3, 9, h, 0, 0).unwrap().with_timezone(&zone);
/// let day = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
/// let view = AgentView { agent: "kai".into(), time_zone: zone, schedule: DocumentId(4), days: (day, day),
///     shifts: vec![AgentShift { date: day, start: at(13), end: at(21), paid_hours: 8.0, activities: vec![] }] };
/// let ics = to_ics(&[view], "Support", Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap());
/// assert!(ics.contains("DTSTART;TZID=America/New_York:20260309T090000\r\n"));
/// assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"));
/// ```
pub fn to_ics(views: &[AgentView], name: &str, stamp: DateTime<Utc>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//wfm//schedule calendar//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", text(name)),
    ];
    let mut spans: BTreeMap<&str, (Tz, DateTime<Utc>, DateTime<Utc>)> = BTreeMap::new();
    for v in views {
        for s in &v.shifts {
            let (a, b) = (s.start.with_timezone(&Utc), s.end.with_timezone(&Utc));
            let e = spans
                .entry(v.time_zone.name())
                .or_insert((v.time_zone, a, b));
            e.1 = e.1.min(a);
            e.2 = e.2.max(b);
        }
    }
    for (zone, from, to) in spans.values() {
        lines.extend(vtimezone(
            *zone,
            *from - Duration::days(1),
            *to + Duration::days(1),
        ));
    }
    let several = views.len() > 1;
    for v in views {
        for s in &v.shifts {
            lines.extend(vevent(v, s, several, stamp));
        }
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::new();
    for l in &lines {
        fold(&mut out, l);
    }
    out
}

fn vevent(v: &AgentView, s: &AgentShift, several: bool, stamp: DateTime<Utc>) -> Vec<String> {
    let zone = v.time_zone.name();
    let mut description: Vec<String> = s
        .activities
        .iter()
        .map(|a| {
            format!(
                "{} {}–{}",
                a.activity,
                a.start.format("%H:%M"),
                a.end.format("%H:%M")
            )
        })
        .collect();
    description.push(format!("Paid hours {:.2}", s.paid_hours));
    let summary = if several {
        format!("{}: shift", v.agent)
    } else {
        "Shift".to_owned()
    };
    vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", text(&format!("{}/{}@wfm", s.date, v.agent))),
        format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")),
        format!("DTSTART;TZID={zone}:{}", s.start.format("%Y%m%dT%H%M%S")),
        format!("DTEND;TZID={zone}:{}", s.end.format("%Y%m%dT%H%M%S")),
        format!("SUMMARY:{}", text(&summary)),
        format!("DESCRIPTION:{}", text(&description.join("\n"))),
        format!("X-WFM-AGENT:{}", text(&v.agent)),
        format!("X-WFM-SCHEDULE:{}", v.schedule),
        "TRANSP:OPAQUE".to_owned(),
        "END:VEVENT".to_owned(),
    ]
}

/// A `VTIMEZONE` for `zone`: the observance in force at `from`, then one per offset
/// change up to `to` (found by 15-minute steps, then to the second by bisection).
fn vtimezone(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", zone.name()),
    ];
    let first = zone.offset_from_utc_datetime(&from.naive_utc());
    lines.extend(observance(from, first, first));
    let mut before = first;
    let mut t = from;
    while t < to {
        let next = t + Duration::minutes(15);
        let after = zone.offset_from_utc_datetime(&next.naive_utc());
        if after != before {
            // the first second with the new offset
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if zone.offset_from_utc_datetime(&mid.naive_utc()) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            lines.extend(observance(hi, before, after));
            before = after;
        }
        t = next;
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines
}

/// One `STANDARD` or `DAYLIGHT` observance starting at `onset` (UTC), written as the
/// local time before it, as RFC 5545 asks.
fn observance(
    onset: DateTime<Utc>,
    from: <Tz as TimeZone>::Offset,
    to: <Tz as TimeZone>::Offset,
) -> Vec<String> {
    let kind = if to.dst_offset().is_zero() {
        "STANDARD"
    } else {
        "DAYLIGHT"
    };
    let local = onset.naive_utc() + Duration::seconds(i64::from(from.fix().local_minus_utc()));
    vec![
        format!("BEGIN:{kind}"),
        format!("DTSTART:{}", local.format("%Y%m%dT%H%M%S")),
        format!("TZOFFSETFROM:{}", utc_offset(from.fix().local_minus_utc())),
        format!("TZOFFSETTO:{}", utc_offset(to.fix().local_minus_utc())),
        format!("TZNAME:{}", text(&to.to_string())),
        format!("END:{kind}"),
    ]
}

/// `+0100`, `-0430`, `+053000` (seconds only when not zero).
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma, newline.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (never inside a UTF-8 character) with CRLF.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests;
