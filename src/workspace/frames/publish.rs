//! The frames of publishing, search and a supervisor's view (see the parent module for
//! the conventions).

use chrono::Utc;
use polars::prelude::{Column, DataFrame, PolarsResult};

use super::{ids, instants, text};
use crate::scheduling::search::AgentRow;
use crate::scheduling::workspace::AgentView;
use crate::store::ChangeRecord;

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Change records: `seq`, `schedule`, `revision`, `cause`, `agent`, `dates` (the days
/// touched, comma-separated), `before` and `after` (the shifts as JSON arrays, as in the
/// JSON lines of `wfm schedule changes`), `actor`, `at`, `key`.
///
/// ```
/// let df = wfm::workspace::frames::changes(&[])?;
/// assert_eq!(df.get_column_names()[..3], ["seq", "schedule", "revision"]);
/// # Ok::<(), polars::prelude::PolarsError>(())
/// ```
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn changes(rows: &[ChangeRecord]) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(vec![
        ids("seq", rows, |r| r.seq),
        ids("schedule", rows, |r| r.schedule.0),
        ids("revision", rows, |r| r.revision),
        text("cause", rows, |r| r.cause.as_str().to_owned()),
        text("agent", rows, |r| r.agent.clone()),
        text("dates", rows, |r| {
            r.dates
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")
        }),
        text("before", rows, |r| json(&r.before)),
        text("after", rows, |r| json(&r.after)),
        text("actor", rows, |r| r.actor.clone()),
        instants("at", rows, |r| Some(r.at))?,
        text("key", rows, |r| r.key.clone()),
    ])
}

/// Agents found: `agent`, `staffing_group`, `supervisors` (comma-separated),
/// `time_zone`, `shifts`, `first_shift` (UTC; null without a shift).
///
/// ```
/// let df = wfm::workspace::frames::agent_rows(&[])?;
/// assert_eq!(df.get_column_names()[..2], ["agent", "staffing_group"]);
/// # Ok::<(), polars::prelude::PolarsError>(())
/// ```
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn agent_rows(rows: &[AgentRow]) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(vec![
        text("agent", rows, |r| r.agent.clone()),
        text("staffing_group", rows, |r| r.staffing_group.clone()),
        text("supervisors", rows, |r| r.supervisors.join(",")),
        text("time_zone", rows, |r| r.time_zone.name().to_owned()),
        ids("shifts", rows, |r| {
            i64::try_from(r.shifts).unwrap_or(i64::MAX)
        }),
        instants("first_shift", rows, |r| r.first_shift)?,
    ])
}

/// Several agents' shifts (a supervisor's team): `agent`, `time_zone`, `day` (local,
/// text), `start`, `end` (UTC), `local_start`, `local_end` (`HH:MM` and the zone's
/// abbreviation), `paid_hours`, `activities` (local clock).
///
/// ```
/// let df = wfm::workspace::frames::team_shifts(&[])?;
/// assert_eq!(df.get_column_names()[..2], ["agent", "time_zone"]);
/// # Ok::<(), polars::prelude::PolarsError>(())
/// ```
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn team_shifts(views: &[AgentView]) -> PolarsResult<DataFrame> {
    let rows: Vec<_> = views
        .iter()
        .flat_map(|v| v.shifts.iter().map(move |s| (v, s)))
        .collect();
    DataFrame::new_infer_height(vec![
        text("agent", &rows, |(v, _)| v.agent.clone()),
        text("time_zone", &rows, |(v, _)| v.time_zone.name().to_owned()),
        text("day", &rows, |(_, s)| s.start.date_naive().to_string()),
        instants("start", &rows, |(_, s)| Some(s.start.with_timezone(&Utc)))?,
        instants("end", &rows, |(_, s)| Some(s.end.with_timezone(&Utc)))?,
        text("local_start", &rows, |(_, s)| {
            s.start.format("%H:%M %Z").to_string()
        }),
        text("local_end", &rows, |(_, s)| {
            s.end.format("%H:%M %Z").to_string()
        }),
        Column::new(
            "paid_hours".into(),
            rows.iter().map(|(_, s)| s.paid_hours).collect::<Vec<f64>>(),
        ),
        text("activities", &rows, |(_, s)| s.activities_text()),
    ])
}
