//! The fast path of the JSON lines: a line parsed with simd-json (SIMD, into a tape that
//! is kept between lines) and its [`Line`] read off the tape, skipping what is not used.
//!
//! It gives the [`Line`] serde_json's derived reader gives, or gives up (`None`) and
//! leaves the line to serde_json, whose problems name it: on a backslash or a control
//! character (escapes are unescaped by serde_json alone), on what simd-json does not
//! accept, and where the derived reader would refuse the line or read it another way (a
//! known field twice, or a value of another type, e.g. an object given as an array).
//! So events, problems and their text are what serde_json alone gives; the
//! property test `the_fast_path_reads_what_serde_json_reads` holds it to that.

use std::borrow::Cow;

use simd_json::prelude::*;
use simd_json::tape::{Object, Value};
use simd_json::{Buffers, INPUT_PADDING, Tape};

use super::parse::{Active, Configuration, Line, Previous, Snapshot, Status, going_on};

/// What parsing keeps between lines: simd-json's buffers, the tape and the padded copy of
/// the line.
pub(super) struct TapeReader {
    buffers: Buffers,
    tape: Tape<'static>,
    input: Vec<u8>,
}

impl std::fmt::Debug for TapeReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TapeReader").finish_non_exhaustive()
    }
}

impl Default for TapeReader {
    fn default() -> Self {
        Self {
            buffers: Buffers::new(1024),
            tape: Tape::null(),
            input: Vec::with_capacity(1024 + INPUT_PADDING),
        }
    }
}

impl TapeReader {
    /// `f` of the [`Line`] of `text`; `None` where serde_json must read it (see the
    /// module docs).
    pub(super) fn with_line<R>(&mut self, text: &str, f: impl FnOnce(&Line<'_>) -> R) -> Option<R> {
        let bytes = text.trim_end_matches(['\r', '\n']).as_bytes();
        // any byte below 0x20 or a backslash: left to serde_json (vectorised, no early exit)
        if bytes
            .iter()
            .fold(false, |odd, &b| odd | (b < 0x20) | (b == b'\\'))
        {
            return None;
        }
        self.input.clear();
        self.input.extend_from_slice(bytes);
        self.input.resize(bytes.len() + INPUT_PADDING, 0);
        let mut tape = std::mem::replace(&mut self.tape, Tape::null()).reset();
        let filled =
            simd_json::fill_tape_padded(&mut self.input, bytes.len(), &mut self.buffers, &mut tape);
        let out = match filled {
            Ok(()) => line(tape.as_value()).map(|l| f(&l)),
            Err(_) => None,
        };
        self.tape = tape.reset();
        out
    }
}

/// Marks field `bit` of an object seen; `None` if it was (the derived reader refuses a
/// field given twice).
fn once(seen: &mut u32, bit: u32) -> Option<()> {
    let was = *seen & (1 << bit) != 0;
    *seen |= 1 << bit;
    (!was).then_some(())
}

/// A field of `Option<T>`: null is `None`, else `read`; `None` (outer) where the derived
/// reader would not read it so.
fn optional<'t, 'i, T>(
    v: Value<'t, 'i>,
    read: impl FnOnce(Value<'t, 'i>) -> Option<T>,
) -> Option<Option<T>> {
    if v.is_null() {
        Some(None)
    } else {
        read(v).map(Some)
    }
}

fn text<'i>(v: Value<'_, 'i>) -> Option<Option<Cow<'i, str>>> {
    optional(v, |v| v.into_string().map(Cow::Borrowed))
}

/// An object's fields, each `(name, value)`, as a derived struct reads them (an array
/// would be read as the fields in order: left to serde_json).
fn fields<'t, 'i>(v: Value<'t, 'i>) -> Option<Object<'t, 'i>> {
    v.as_object()
}

fn line<'i>(v: Value<'_, 'i>) -> Option<Line<'i>> {
    let mut l = Line::default();
    let mut seen = 0;
    for (key, v) in fields(v)?.iter() {
        match key {
            "EventType" => {
                once(&mut seen, 0)?;
                l.event_type = text(v)?;
            }
            "EventId" => {
                once(&mut seen, 1)?;
                l.event_id = text(v)?;
            }
            "EventTimestamp" => {
                once(&mut seen, 2)?;
                l.event_timestamp = text(v)?;
            }
            "CurrentAgentSnapshot" => {
                once(&mut seen, 3)?;
                l.current = optional(v, snapshot)?;
            }
            "PreviousAgentSnapshot" => {
                once(&mut seen, 4)?;
                l.previous = optional(v, previous)?;
            }
            "agent" => {
                once(&mut seen, 5)?;
                l.agent = text(v)?;
            }
            "timestamp" => {
                once(&mut seen, 6)?;
                l.timestamp = text(v)?;
            }
            "state" => {
                once(&mut seen, 7)?;
                l.state = text(v)?;
            }
            "on_contact" => {
                once(&mut seen, 8)?;
                l.on_contact = optional(v, |v| v.as_bool())?;
            }
            "event_id" => {
                once(&mut seen, 9)?;
                l.plain_id = text(v)?;
            }
            _ => {}
        }
    }
    Some(l)
}

fn snapshot<'i>(v: Value<'_, 'i>) -> Option<Snapshot<'i>> {
    let mut s = Snapshot::default();
    let mut seen = 0;
    for (key, v) in fields(v)?.iter() {
        match key {
            "AgentStatus" => {
                once(&mut seen, 0)?;
                s.status = optional(v, status)?;
            }
            "Configuration" => {
                once(&mut seen, 1)?;
                s.configuration = optional(v, configuration)?;
            }
            "Contacts" => {
                once(&mut seen, 2)?;
                s.contacts = optional(v, contacts)?;
            }
            _ => {}
        }
    }
    Some(s)
}

fn previous<'i>(v: Value<'_, 'i>) -> Option<Previous<'i>> {
    let mut p = Previous::default();
    let mut seen = 0;
    for (key, v) in fields(v)?.iter() {
        if key == "Configuration" {
            once(&mut seen, 0)?;
            p.configuration = optional(v, configuration)?;
        }
    }
    Some(p)
}

fn status<'i>(v: Value<'_, 'i>) -> Option<Status<'i>> {
    let mut name = None;
    let mut seen = 0;
    for (key, v) in fields(v)?.iter() {
        if key == "Name" {
            once(&mut seen, 0)?;
            name = text(v)?;
        }
    }
    Some(Status { name })
}

fn configuration<'i>(v: Value<'_, 'i>) -> Option<Configuration<'i>> {
    let mut username = None;
    let mut seen = 0;
    for (key, v) in fields(v)?.iter() {
        if key == "Username" {
            once(&mut seen, 0)?;
            username = text(v)?;
        }
    }
    Some(Configuration { username })
}

/// Whether any contact of the list is still going on (each contact an object whose
/// `State` is a string or null).
fn contacts(v: Value<'_, '_>) -> Option<Active> {
    let mut any = false;
    for c in v.as_array()?.iter() {
        let mut seen = 0;
        for (key, v) in fields(c)?.iter() {
            if key == "State" {
                once(&mut seen, 0)?;
                any |= going_on(text(v)?.as_deref());
            }
        }
    }
    Some(Active(any))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::adherence::parse::{Format, Place};

    const REFERENCE: &str = r#"{"AWSAccountId":"000000000000","CurrentAgentSnapshot":{"AgentStatus":{"Name":"Available","StartTimestamp":"2026-03-02T08:00:00.000Z","Type":"CUSTOM"},"Configuration":{"Username":"ana"},"Contacts":[{"ContactId":"c-1","State":"CONNECTED","Channel":"VOICE"},{"State":"ENDED"}]},"EventId":"0a1b2c3d-0000-4000-8000-00000000000f","EventTimestamp":"2026-03-02T08:00:00.000Z","EventType":"STATE_CHANGE","PreviousAgentSnapshot":{"Configuration":{"Username":"ana"},"AgentStatus":{"Name":"Offline"}},"Version":"2017-10-01","n":[1,2.5e3,-0,true,false,null,{}]}"#;
    const PLAIN: &str = r#"{"agent":"ana","timestamp":"2026-03-02T08:00:00Z","state":"Lunch","on_contact":false,"event_id":"e-1"}"#;

    /// The line's event or problem by the fast path (and whether it took the line), and
    /// by serde_json alone.
    fn both(text: &str) -> (bool, String, String) {
        let place = Place { file: "f", line: 3 };
        let mut tape = TapeReader::default();
        let fast = tape.with_line(text, |_| ()).is_some();
        let show = |r: Result<crate::adherence::AgentEvent, _>| format!("{r:?}");
        (
            fast,
            show(place.parse(Format::Json, text, &mut tape)),
            show(place.json_by_serde(text)),
        )
    }

    #[test]
    fn ordinary_lines_take_the_fast_path_and_read_as_serde_json_reads_them() {
        for text in [REFERENCE, PLAIN, &format!("{PLAIN}\r\n")] {
            let (fast, a, b) = both(text);
            assert!(fast, "{text}");
            assert!(a.starts_with("Ok("), "{a}");
            assert_eq!(a, b);
        }
        let (_, a, _) = both(REFERENCE);
        assert!(a.contains("on_contact: true"), "{a}");
    }

    /// What the derived reader refuses or reads another way, what simd-json refuses, and
    /// escapes: left to serde_json, so the problem's text is serde_json's.
    #[test]
    fn lines_it_cannot_read_exactly_are_left_to_serde_json() {
        for text in [
            r#"{"agent":"ana","agent":"bo","timestamp":"2026-03-02T08:00:00Z","state":"x"}"#,
            r#"{"agent":5,"timestamp":"2026-03-02T08:00:00Z","state":"x"}"#,
            r#"{"agent":"a\u0062","timestamp":"2026-03-02T08:00:00Z","state":"x"}"#,
            r#"{"EventType":"LOGIN","CurrentAgentSnapshot":["x"]}"#,
            r#"{"EventType":"LOGIN","CurrentAgentSnapshot":{"Contacts":[["CONNECTED"]]}}"#,
            r#"{"EventType":"LOGIN","CurrentAgentSnapshot":{"Contacts":[null]}}"#,
            r#"{"agent":"ana"} x"#,
            r#"{"agent":"ana","n":1e400}"#,
            "{\"agent\":\"a\tb\"}",
            r#"["ana","2026-03-02T08:00:00Z","Available"]"#,
            "{",
        ] {
            let (fast, a, b) = both(text);
            assert!(!fast, "{text}");
            assert_eq!(a, b, "{text}");
        }
    }

    proptest! {
        /// Lines mangled at random read the same by both paths: events, problems, text.
        #[test]
        fn the_fast_path_reads_what_serde_json_reads(
            base in 0usize..2,
            edits in proptest::collection::vec((0usize..400, 0usize..4, "[a-zA-Z0-9:{}\\[\\]\",. \\\\-]{0,6}"), 1..4),
        ) {
            let mut text = [REFERENCE, PLAIN][base].to_string();
            for (at, len, with) in edits {
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let end = (at + len).min(text.len());
                text.replace_range(at..end, &with);
            }
            let (_, a, b) = both(&text);
            prop_assert_eq!(a, b, "{}", text);
        }
    }
}
