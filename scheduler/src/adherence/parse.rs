//! The agent state event formats, read as a stream from any `BufRead` (one line in memory
//! at a time):
//!
//! - the reference's agent event stream, one JSON object per line: `EventType`
//!   (STATE_CHANGE, HEART_BEAT, LOGIN, LOGOUT), `EventId`, `EventTimestamp`,
//!   `CurrentAgentSnapshot` / `PreviousAgentSnapshot` with `AgentStatus.Name`,
//!   `Configuration.Username` and `Contacts[].State`; other keys are ignored;
//! - the plain form as JSON lines, `{"agent": …, "timestamp": …, "state": …,
//!   "on_contact": true}` (`on_contact` and `event_id` optional);
//! - the plain form as CSV with a header naming `agent`, `timestamp`, `state` and
//!   optionally `on_contact` and `event_id`, in any order (fields are not quoted).
//!
//! The format is told by the first non-blank line (`{`: JSON lines, each line the
//! reference's object if it has `EventType`, else the plain one). Every problem is an
//! [`InputIssue`] naming the file, line, field and reason.

use std::borrow::Cow;
use std::io::BufRead;

use serde::Deserialize;
use wfm_core::history::InputIssue;

use super::event::{AgentEvent, EventKey, EventType};
use super::lines::Lines;
use super::tape::TapeReader;
use super::time::parse_instant;

/// A JSON line's fields (serde_json's derived reader; the fast path,
/// [`TapeReader`], fills the same).
#[derive(Deserialize, Default)]
pub(super) struct Line<'a> {
    #[serde(rename = "EventType", borrow)]
    pub(super) event_type: Option<Cow<'a, str>>,
    #[serde(rename = "EventId", borrow)]
    pub(super) event_id: Option<Cow<'a, str>>,
    #[serde(rename = "EventTimestamp", borrow)]
    pub(super) event_timestamp: Option<Cow<'a, str>>,
    #[serde(rename = "CurrentAgentSnapshot", borrow)]
    pub(super) current: Option<Snapshot<'a>>,
    #[serde(rename = "PreviousAgentSnapshot", borrow)]
    pub(super) previous: Option<Previous<'a>>,
    #[serde(borrow)]
    pub(super) agent: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub(super) timestamp: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub(super) state: Option<Cow<'a, str>>,
    pub(super) on_contact: Option<bool>,
    #[serde(rename = "event_id", borrow)]
    pub(super) plain_id: Option<Cow<'a, str>>,
}

#[derive(Deserialize, Default)]
pub(super) struct Snapshot<'a> {
    #[serde(rename = "AgentStatus", borrow)]
    pub(super) status: Option<Status<'a>>,
    #[serde(rename = "Configuration", borrow)]
    pub(super) configuration: Option<Configuration<'a>>,
    #[serde(rename = "Contacts")]
    pub(super) contacts: Option<Active>,
}

/// The previous snapshot: only its login is read (when the current one lacks it); the
/// rest is skipped unread.
#[derive(Deserialize, Default)]
pub(super) struct Previous<'a> {
    #[serde(rename = "Configuration", borrow)]
    pub(super) configuration: Option<Configuration<'a>>,
}

#[derive(Deserialize)]
pub(super) struct Status<'a> {
    #[serde(rename = "Name", borrow)]
    pub(super) name: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
pub(super) struct Configuration<'a> {
    #[serde(rename = "Username", borrow)]
    pub(super) username: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct Contact<'a> {
    #[serde(rename = "State", borrow)]
    state: Option<Cow<'a, str>>,
}

/// Contact states that mean the contact is over (or never reached the agent).
const FINISHED: [&str; 5] = ["ENDED", "MISSED", "ERROR", "REJECTED", "MISSED_CALL"];

/// Whether a contact in `state` is still going on.
pub(super) fn going_on(state: Option<&str>) -> bool {
    state.is_some_and(|s| !FINISHED.iter().any(|f| f.eq_ignore_ascii_case(s)))
}

/// Whether any contact of a snapshot's list is still going on, read without keeping the
/// list.
pub(super) struct Active(pub(super) bool);

impl<'de> Deserialize<'de> for Active {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Contacts;
        impl<'de> serde::de::Visitor<'de> for Contacts {
            type Value = Active;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of contacts")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Active, A::Error> {
                let mut any = false;
                while let Some(c) = seq.next_element::<Contact<'de>>()? {
                    any |= going_on(c.state.as_deref());
                }
                Ok(Active(any))
            }
        }
        d.deserialize_seq(Contacts)
    }
}

/// The CSV header's column positions.
#[derive(Debug, Clone, Copy)]
pub(super) struct Columns {
    agent: usize,
    timestamp: usize,
    state: usize,
    on_contact: Option<usize>,
    event_id: Option<usize>,
    count: usize,
}

/// A stream's format, told by its first non-blank line.
#[derive(Debug, Clone, Copy)]
pub(super) enum Format {
    /// JSON lines (the reference's objects or the plain ones).
    Json,
    /// The plain CSV with these columns.
    Csv(Columns),
}

/// Reads agent state events from `input`, one per line; see the module docs. To parse
/// on several threads: [`for_each_event`](super::for_each_event).
///
/// ```
/// use wfm_scheduler::adherence::EventReader;
/// let text = "agent,timestamp,state\nana,2026-03-02T08:00:00Z,Available\n";
/// let events: Vec<_> = EventReader::new(text.as_bytes(), "states.csv").collect::<Result<_, _>>()?;
/// assert_eq!((events[0].agent.as_str(), events[0].line), ("ana", 2));
/// let bad = "{\"agent\": \"ana\", \"timestamp\": \"noon\", \"state\": \"Available\"}\n";
/// let e = EventReader::new(bad.as_bytes(), "s.jsonl").next().unwrap().unwrap_err();
/// assert_eq!(e.to_string(), "s.jsonl:1: timestamp: expected a UTC instant such as 2026-03-02T08:00:00.000Z, found \"noon\"");
/// # Ok::<(), wfm_scheduler::core::history::InputIssue>(())
/// ```
#[derive(Debug)]
pub struct EventReader<R> {
    lines: Lines<R>,
    buf: String,
    tape: TapeReader,
}

impl<R: BufRead> EventReader<R> {
    /// A reader of `input`, whose problems name `file`.
    pub fn new(input: R, file: &str) -> Self {
        Self {
            lines: Lines::new(input, file),
            buf: String::new(),
            tape: TapeReader::default(),
        }
    }

    /// Lines read so far.
    pub fn lines_read(&self) -> u64 {
        self.lines.lines_read()
    }
}

/// Where a line is: its problems name the file and line. The line parsers are not
/// generic, so they are compiled once, here.
pub(super) struct Place<'a> {
    pub(super) file: &'a str,
    pub(super) line: u64,
}

impl Place<'_> {
    /// The event of the line `buf` in `format` (JSON lines read with `tape`'s buffers).
    pub(super) fn parse(
        &self,
        format: Format,
        buf: &str,
        tape: &mut TapeReader,
    ) -> Result<AgentEvent, InputIssue> {
        match format {
            Format::Json => self.json(buf, tape),
            Format::Csv(c) => self.csv(buf, c),
        }
    }

    fn issue(&self, field: &str, reason: impl Into<String>) -> InputIssue {
        InputIssue::new(self.file, self.line, field, reason)
    }

    pub(super) fn header(&self, buf: &str) -> Result<Columns, InputIssue> {
        let names: Vec<String> = buf
            .trim_end_matches(['\r', '\n'])
            .split(',')
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect();
        let find = |n: &str| names.iter().position(|x| x == n);
        let need = |n: &str| {
            find(n).ok_or_else(|| {
                self.issue(
                    n,
                    format!(
                        "the header has no column {n:?}: expected agent,timestamp,state[,on_contact][,event_id] (or JSON lines)"
                    ),
                )
            })
        };
        Ok(Columns {
            agent: need("agent")?,
            timestamp: need("timestamp")?,
            state: need("state")?,
            on_contact: find("on_contact"),
            event_id: find("event_id"),
            count: names.len(),
        })
    }

    fn csv(&self, buf: &str, c: Columns) -> Result<AgentEvent, InputIssue> {
        let text = buf.trim_end_matches(['\r', '\n']);
        let mut fields = [""; 8];
        let mut n = 0;
        for f in text.split(',') {
            if n < fields.len() {
                fields[n] = trimmed(f);
            }
            n += 1;
        }
        if n != c.count || n > fields.len() {
            return Err(self.issue(
                "",
                format!("expected {} fields as in the header, found {n}", c.count),
            ));
        }
        let on_contact = match c.on_contact.map(|i| fields[i]) {
            None | Some("") => false,
            Some(v) => parse_bool(v).ok_or_else(|| {
                self.issue("on_contact", format!("expected true or false, found {v:?}"))
            })?,
        };
        let id = c.event_id.map(|i| fields[i]).filter(|s| !s.is_empty());
        self.plain(
            fields[c.agent],
            fields[c.timestamp],
            fields[c.state],
            on_contact,
            id,
        )
    }

    fn plain(
        &self,
        agent: &str,
        timestamp: &str,
        state: &str,
        on_contact: bool,
        id: Option<&str>,
    ) -> Result<AgentEvent, InputIssue> {
        let agent = self.text("agent", agent)?;
        let state = self.text("state", state)?;
        let at = self.instant("timestamp", timestamp)?;
        Ok(AgentEvent {
            key: id.map_or_else(
                || EventKey::of_content(agent, at, state, on_contact),
                EventKey::of_id,
            ),
            event_type: EventType::StateChange,
            agent: agent.into(),
            at,
            state: state.into(),
            on_contact,
            line: self.line,
        })
    }

    fn text<'t>(&self, field: &str, value: &'t str) -> Result<&'t str, InputIssue> {
        let v = trimmed(value);
        if v.is_empty() {
            Err(self.issue(field, "empty: a value is required"))
        } else {
            Ok(v)
        }
    }

    fn instant(&self, field: &str, value: &str) -> Result<i64, InputIssue> {
        parse_instant(value).ok_or_else(|| {
            self.issue(
                field,
                format!("expected a UTC instant such as 2026-03-02T08:00:00.000Z, found {value:?}"),
            )
        })
    }

    /// A JSON line: read off simd-json's tape where it can be, else by serde_json (which
    /// names the problems); see [`TapeReader`].
    fn json(&self, buf: &str, tape: &mut TapeReader) -> Result<AgentEvent, InputIssue> {
        if let Some(event) = tape.with_line(buf, |line| self.line(line)) {
            return event;
        }
        self.json_by_serde(buf)
    }

    /// A JSON line read by serde_json alone.
    pub(super) fn json_by_serde(&self, buf: &str) -> Result<AgentEvent, InputIssue> {
        let line: Line<'_> = serde_json::from_str(buf)
            .map_err(|e| self.issue("", format!("not a JSON object of an agent event: {e}")))?;
        self.line(&line)
    }

    fn line(&self, line: &Line<'_>) -> Result<AgentEvent, InputIssue> {
        let Some(kind) = line.event_type.as_deref() else {
            let missing = |f: &str| self.issue(f, "missing: a value is required");
            let agent = line.agent.as_deref().ok_or_else(|| missing("agent"))?;
            let ts = line
                .timestamp
                .as_deref()
                .ok_or_else(|| missing("timestamp"))?;
            let state = line.state.as_deref().ok_or_else(|| missing("state"))?;
            return self.plain(
                agent,
                ts,
                state,
                line.on_contact.unwrap_or(false),
                line.plain_id.as_deref(),
            );
        };
        self.reference(kind, line)
    }

    fn reference<'l>(&self, kind: &str, line: &'l Line<'_>) -> Result<AgentEvent, InputIssue> {
        let event_type = EventType::parse(kind).ok_or_else(|| {
            self.issue(
                "EventType",
                format!("expected STATE_CHANGE, HEART_BEAT, LOGIN or LOGOUT, found {kind:?}"),
            )
        })?;
        let id = line
            .event_id
            .as_deref()
            .ok_or_else(|| self.issue("EventId", "missing: a value is required"))?;
        let id = self.text("EventId", id)?;
        let ts = line
            .event_timestamp
            .as_deref()
            .ok_or_else(|| self.issue("EventTimestamp", "missing: a value is required"))?;
        let at = self.instant("EventTimestamp", ts)?;
        let username = |c: Option<&'l Configuration<'_>>| c.and_then(|c| c.username.as_deref());
        let agent = username(line.current.as_ref().and_then(|s| s.configuration.as_ref()))
            .or_else(|| {
                username(
                    line.previous
                        .as_ref()
                        .and_then(|s| s.configuration.as_ref()),
                )
            })
            .map(trimmed)
            .filter(|a| !a.is_empty())
            .ok_or_else(|| {
                self.issue(
                    "CurrentAgentSnapshot.Configuration.Username",
                    "missing: the agent's login is required",
                )
            })?;
        let status = line
            .current
            .as_ref()
            .and_then(|s| s.status.as_ref())
            .and_then(|s| s.name.as_deref());
        let state = match (event_type, status) {
            (EventType::Logout, _) => "Offline",
            (EventType::Login, None) => "Offline",
            (_, Some(s)) if !trimmed(s).is_empty() => trimmed(s),
            _ => {
                return Err(self.issue(
                    "CurrentAgentSnapshot.AgentStatus.Name",
                    "missing: the agent's status is required",
                ));
            }
        };
        let on_contact = event_type != EventType::Logout
            && line
                .current
                .as_ref()
                .and_then(|s| s.contacts.as_ref())
                .is_some_and(|a| a.0);
        Ok(AgentEvent {
            key: EventKey::of_id(id),
            event_type,
            agent: agent.into(),
            at,
            state: state.into(),
            on_contact,
            line: self.line,
        })
    }
}

/// `text` trimmed of white space; most values start and end with a visible ASCII
/// character and are returned as they are, without decoding characters from both ends.
fn trimmed(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        [only] if only.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "y" => Some(true),
        "false" | "0" | "no" | "n" => Some(false),
        _ => None,
    }
}

/// Every event or the problem of its line; reading goes on after a bad line, and stops
/// after a bad header or a read failure.
impl<R: BufRead> Iterator for EventReader<R> {
    type Item = Result<AgentEvent, InputIssue>;

    fn next(&mut self) -> Option<Self::Item> {
        self.buf.clear();
        let (line, format, _) = match self.lines.next_line(&mut self.buf)? {
            Ok(l) => l,
            Err(e) => return Some(Err(e)),
        };
        Some(
            Place {
                file: self.lines.file(),
                line,
            }
            .parse(format, &self.buf, &mut self.tape),
        )
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The shortcut of `trimmed` gives what `str::trim` gives.
        #[test]
        fn trimmed_is_trim(text in "[ \t\u{a0}\u{3000}]{0,2}[a-z\u{e9} ]{0,3}[ \t\u{a0}\u{2003}]{0,2}") {
            prop_assert_eq!(super::trimmed(&text), text.trim());
        }
    }
}
