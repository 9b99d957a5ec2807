//! The `.ics` is read back by a small RFC 5545 reader written here (unfolding, the
//! component tree, TEXT unescaping, local times resolved through the file's own
//! VTIMEZONE): every event must give back the shift's UTC instants, also across a
//! daylight-saving change.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

use super::*;
use crate::scheduling::fixture::{shift, store, workspace};
use crate::scheduling::workspace::publish_schedule;

/// A component: its name, properties `(name with parameters, value)` and children.
#[derive(Debug, Default)]
struct Component {
    name: String,
    props: Vec<(String, String)>,
    children: Vec<Component>,
}

impl Component {
    fn get(&self, name: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|(k, _)| k == name || k.starts_with(&format!("{name};")))
            .map(|(_, v)| v.as_str())
    }

    fn all(&self, name: &str) -> Vec<&Component> {
        self.children.iter().filter(|c| c.name == name).collect()
    }
}

/// Parses the text strictly: CRLF line ends, lines of at most 75 octets, continuation
/// lines starting with a space, BEGIN/END balanced.
fn parse(ics: &str) -> Component {
    assert!(ics.ends_with("\r\n"), "no final CRLF");
    let mut logical: Vec<String> = Vec::new();
    for line in ics[..ics.len() - 2].split("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare LF/CR in {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        match line.strip_prefix(' ') {
            Some(rest) => logical
                .last_mut()
                .expect("continuation first")
                .push_str(rest),
            None => logical.push(line.to_owned()),
        }
    }
    let mut stack = vec![Component::default()];
    for l in logical {
        let (key, value) = l.split_once(':').expect("a property without ':'");
        match key {
            "BEGIN" => stack.push(Component {
                name: value.to_owned(),
                ..Component::default()
            }),
            "END" => {
                let done = stack.pop().unwrap();
                assert_eq!(done.name, value, "END does not match BEGIN");
                stack.last_mut().unwrap().children.push(done);
            }
            _ => stack
                .last_mut()
                .unwrap()
                .props
                .push((key.to_owned(), value.to_owned())),
        }
    }
    assert_eq!(stack.len(), 1, "unclosed component");
    let mut root = stack.pop().unwrap();
    assert_eq!(root.children.len(), 1);
    root.children.pop().unwrap()
}

fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(c) => out.push(c),
                None => panic!("dangling backslash"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn offset(v: &str) -> i64 {
    let sign = if v.starts_with('-') { -1 } else { 1 };
    let (h, m) = (
        v[1..3].parse::<i64>().unwrap(),
        v[3..5].parse::<i64>().unwrap(),
    );
    sign * (h * 3600 + m * 60)
}

fn local(v: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").unwrap()
}

/// `DTSTART;TZID=…:local` resolved to UTC through the calendar's VTIMEZONE of that id:
/// the observance with the latest onset (its DTSTART less TZOFFSETFROM) at or before
/// the candidate instant (the local time less its TZOFFSETTO).
fn utc(cal: &Component, prop: &str, event: &Component) -> DateTime<Utc> {
    let (key, value) = event
        .props
        .iter()
        .find(|(k, _)| k.starts_with(&format!("{prop};")))
        .unwrap();
    let zone = key.split_once("TZID=").unwrap().1;
    let tz = cal
        .all("VTIMEZONE")
        .into_iter()
        .find(|t| t.get("TZID") == Some(zone))
        .unwrap_or_else(|| panic!("no VTIMEZONE for {zone}"));
    let observances: Vec<(NaiveDateTime, i64)> = tz
        .children
        .iter()
        .map(|o| {
            assert!(o.name == "STANDARD" || o.name == "DAYLIGHT");
            let onset = local(o.get("DTSTART").unwrap())
                - chrono::Duration::seconds(offset(o.get("TZOFFSETFROM").unwrap()));
            (onset, offset(o.get("TZOFFSETTO").unwrap()))
        })
        .collect();
    let l = local(value);
    let best = observances
        .iter()
        .filter(|(onset, to)| *onset <= l - chrono::Duration::seconds(*to))
        .max_by_key(|(onset, _)| *onset)
        .expect("a time before every observance");
    Utc.from_utc_datetime(&(l - chrono::Duration::seconds(best.1)))
}

#[test]
fn the_ics_gives_back_every_shift_instant_across_the_dst_change() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, config, forecast) = workspace(dir.path());
    // kai is on America/New_York: 13:00 UTC is 08:00 EST on Saturday 7 March and
    // 09:00 EDT on Sunday 8 March (the US change)
    let shifts = vec![shift(6, 13, 8), shift(7, 13, 8), shift(8, 13, 8)];
    let id = store(
        &mut ws,
        (config, forecast),
        "March, week 1",
        vec![("kai", shifts.clone()), ("ana", vec![shift(2, 8, 8)])],
    );
    let e = ws
        .schedules()
        .calendar(id, &CalendarOf::Agent("kai".into()), CalendarFormat::Ics)
        .unwrap_err();
    assert!(matches!(e, WfmError::Precondition { .. }), "{e}");
    publish_schedule(&mut ws, id).unwrap();
    let ics = ws
        .schedules()
        .calendar(id, &CalendarOf::Agent("kai".into()), CalendarFormat::Ics)
        .unwrap();
    let cal = parse(&ics);
    assert_eq!(cal.name, "VCALENDAR");
    assert_eq!(cal.get("VERSION"), Some("2.0"));
    assert!(cal.get("PRODID").is_some());
    assert_eq!(
        cal.get("X-WR-CALNAME").map(unescape).as_deref(),
        Some("March, week 1")
    );
    let zones = cal.all("VTIMEZONE");
    assert_eq!(zones.len(), 1);
    let kinds: Vec<(&str, Option<&str>, Option<&str>)> = zones[0]
        .children
        .iter()
        .map(|o| (o.name.as_str(), o.get("DTSTART"), o.get("TZNAME")))
        .collect();
    assert_eq!(
        kinds,
        [
            ("STANDARD", Some("20260305T080000"), Some("EST")),
            ("DAYLIGHT", Some("20260308T020000"), Some("EDT"))
        ]
    );
    let events = cal.all("VEVENT");
    assert_eq!(events.len(), 3);
    for (e, s) in events.iter().zip(&shifts) {
        assert_eq!(utc(&cal, "DTSTART", e), s.start);
        assert_eq!(utc(&cal, "DTEND", e), s.end);
        assert_eq!(e.get("DTSTAMP"), Some("20260301T090000Z"));
        assert!(e.get("UID").is_some_and(|u| u.contains("kai")));
    }
    assert_eq!(
        events[1].get("DTSTART;TZID=America/New_York"),
        Some("20260307T080000")
    );
    assert_eq!(
        events[2].get("DTSTART;TZID=America/New_York"),
        Some("20260308T090000")
    );
    // the break on the local clock
    let description = unescape(events[2].get("DESCRIPTION").unwrap());
    assert_eq!(description, "Break 11:00–11:15\nPaid hours 8.00");
}

#[test]
fn text_is_escaped_and_long_lines_are_folded_on_character_boundaries() {
    let zone = chrono_tz::Europe::Berlin;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let at = |h| {
        Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0)
            .unwrap()
            .with_timezone(&zone)
    };
    let view = AgentView {
        agent: "ana; the \\ one, ünïcödé".repeat(4),
        time_zone: zone,
        schedule: DocumentId(1),
        days: (day, day),
        shifts: vec![AgentShift {
            date: day,
            start: at(8),
            end: at(16),
            paid_hours: 8.0,
            activities: vec![],
        }],
    };
    let stamp = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
    let cal = parse(&to_ics(std::slice::from_ref(&view), "x", stamp));
    let e = cal.all("VEVENT")[0];
    assert_eq!(unescape(e.get("X-WFM-AGENT").unwrap()), view.agent);
    assert_eq!(
        unescape(e.get("SUMMARY").unwrap()),
        "Shift",
        "one agent: no name in the summary"
    );
    assert_eq!(utc(&cal, "DTSTART", e), at(8).with_timezone(&Utc));
    // no shift: no zone, a valid empty calendar
    let empty = AgentView {
        shifts: vec![],
        ..view
    };
    let cal = parse(&to_ics(&[empty], "x", stamp));
    assert!(cal.children.is_empty());
}

#[test]
fn a_supervisor_sees_the_agents_of_their_groups_each_on_their_own_clock() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, config, forecast) = workspace(dir.path());
    let id = store(
        &mut ws,
        (config, forecast),
        "s",
        vec![
            ("kai", vec![shift(8, 13, 8)]),
            ("ana", vec![shift(2, 8, 8)]),
        ],
    );
    publish_schedule(&mut ws, id).unwrap();
    let views = ws.schedules().supervisor_view(id, "sam", None).unwrap();
    let names: Vec<&str> = views.iter().map(|v| v.agent.as_str()).collect();
    // both example teams are sam's: every agent, by name
    assert_eq!(names.len(), 16);
    assert!(names.windows(2).all(|w| w[0] < w[1]));
    let kai = views.iter().find(|v| v.agent == "kai").unwrap();
    assert_eq!(kai.time_zone, chrono_tz::America::New_York);
    assert_eq!(
        kai.shifts[0].start.format("%H:%M %Z").to_string(),
        "09:00 EDT"
    );
    let ana = views.iter().find(|v| v.agent == "ana").unwrap();
    assert_eq!(ana.time_zone, chrono_tz::Europe::Berlin);
    let e = ws.schedules().supervisor_view(id, "zoe", None).unwrap_err();
    assert!(matches!(e, WfmError::Precondition { .. }), "{e}");
    assert!(e.to_string().contains("Day team (sam)"), "{e}");
    // the JSON calendar of the team
    let json = ws
        .schedules()
        .calendar(
            id,
            &CalendarOf::Supervisor("sam".into()),
            CalendarFormat::Json,
        )
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let kai = v
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agent"] == "kai")
        .unwrap();
    assert_eq!(kai["time_zone"], "America/New_York");
    assert_eq!(kai["shifts"][0]["start"], "2026-03-08T09:00:00-04:00");
}
