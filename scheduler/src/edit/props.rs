//! Property test: random edit sequences on the validator-clean example schedule keep it
//! clean of every agent rule while rules are not overridden (an agent whose edit would
//! break one is skipped), and a batch that fails on bad input changes nothing.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use super::tests::{example, valid};
use super::*;
use crate::validate::validate;

const DAY_TEAM: [&str; 6] = ["ana", "ben", "carla", "dev", "eli", "lena"];
const EVENING: [&str; 2] = ["max", "nora"];

/// One random edit line (some refer to shifts that do not exist: bad input).
fn line(op: u8, agent: usize, day: u32, quarters: i64, other: usize) -> String {
    let a = if op % 5 == 4 {
        EVENING[agent % 2]
    } else {
        DAY_TEAM[agent % DAY_TEAM.len()]
    };
    let date = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
    let at = |h: i64| {
        (date.and_hms_opt(0, 0, 0).unwrap() + Duration::minutes(h * 60 + quarters * 15))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    let b = DAY_TEAM[other % DAY_TEAM.len()];
    match op % 10 {
        0 => format!(
            r#"{{"op":"move_shift","agent":"{a}","date":"{date}","start":"{}"}}"#,
            at(12)
        ),
        1 => format!(
            r#"{{"op":"resize_shift","agent":"{a}","date":"{date}","end":"{}"}}"#,
            at(20)
        ),
        2 => format!(r#"{{"op":"delete_shift","agent":"{a}","date":"{date}"}}"#),
        3 => format!(
            r#"{{"op":"add_shift","agent":"{a}","date":"{date}","start":"{}","duration_minutes":480}}"#,
            at(12)
        ),
        4 => format!(r#"{{"op":"copy_shift","agent":"{b}","date":"{date}","to":["{a}"]}}"#),
        5 => format!(
            r#"{{"op":"add_activity","agents":["{a}","{b}"],"date":"{date}","activity":"Team meeting","start":"{}","shared":{}}}"#,
            at(13),
            other.is_multiple_of(2)
        ),
        6 => format!(
            r#"{{"op":"set_activity","agent":"{a}","date":"{date}","activity":"Lunch","start":"{}"}}"#,
            at(16)
        ),
        7 => format!(
            r#"{{"op":"remove_activity","agent":"{a}","date":"{date}","activity":"Lunch"}}"#
        ),
        8 => {
            format!(r#"{{"op":"comment","agent":"{a}","date":"{date}","text":"note {quarters}"}}"#)
        }
        _ => format!(
            r#"{{"op":"replace_activity","agent":"{a}","date":"{date}","activity":"Lunch","with":"Team meeting"}}"#
        ),
    }
}

fn agent_violations(s: &Schedule) -> Vec<String> {
    validate(&example(), s)
        .into_iter()
        .filter(|v| v.agent.is_some())
        .map(|v| v.to_string())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_edits_without_override_keep_every_agent_rule(
        batches in prop::collection::vec(
            prop::collection::vec((0u8..50, 0usize..6, 2u32..=7, -8i64..8, 0usize..6), 1..4),
            1..5,
        ),
    ) {
        let sc = example();
        let ctx = EditContext::new(&sc);
        let mut schedule = valid();
        let mut notes = Annotations::default();
        for batch in batches {
            let text: String = batch
                .iter()
                .map(|&(op, a, d, q, o)| line(op, a, d, q, o) + "\n")
                .collect();
            let parsed = EditBatch::parse(&text, "props").unwrap();
            match apply_edits(&ctx, &schedule, &notes, &parsed, &EditOptions::default()) {
                Ok(out) => {
                    prop_assert!(agent_violations(&out.schedule).is_empty(),
                        "{text}\n{:?}\n{:?}", agent_violations(&out.schedule), out.log);
                    for m in &out.annotations.shared {
                        for a in &m.agents {
                            let s = out.schedule.agents.iter().find(|x| &x.agent == a).unwrap();
                            prop_assert!(s.shifts.iter().any(|sh| sh.activities.iter().any(|p| m.is(p, a))));
                        }
                    }
                    schedule = out.schedule;
                    notes = out.annotations;
                }
                Err(SchedulerError::InvalidEdits { issues }) => {
                    prop_assert_eq!(issues.len(), 1);
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
    }
}
