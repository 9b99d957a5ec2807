//! `wfm forecast refresh`: the reference's cadence as one idempotent command.
//!
//! For every group and kind that has a forecast, the last computed one is recomputed
//! (with the settings it was computed with) when
//! - its inputs changed: a history file was loaded or removed, or the group's queues
//!   changed (the fingerprint in [`GroupForecast::inputs`](super::GroupForecast)), or
//! - short-term: it is one day old or older, or
//! - long-term: it is a week old, or it is the weekday the group's first long-term
//!   forecast was created and the last computation is a day old or older.
//!
//! Running it twice in a row does nothing the second time, so a cron line keeps a
//! workspace current, e.g. `15 2 * * * wfm --workspace /data/cc.wfm forecast refresh`.

use chrono::{DateTime, Datelike, Utc};

use super::workspace::{ComputeOptions, compute_forecast, current_fingerprint};
use super::{FORECAST_DOCUMENT, ForecastKind};
use crate::Workspace;
use crate::error::Result;

const DAY: i64 = 86_400;

/// What a refresh did for one group and kind.
#[derive(Debug, Clone, PartialEq)]
pub struct RefreshAction {
    /// The forecast group.
    pub group: String,
    /// Short- or long-term.
    pub kind: ForecastKind,
    /// Why it was due (`None`: not due, left alone).
    pub reason: Option<String>,
    /// The error, if the recomputation failed (the old version stays).
    pub error: Option<String>,
}

/// Why a forecast of `kind` last computed at `computed_at`, first created at
/// `first_created` (Unix seconds), is due at `now`; `None` if it is not.
///
/// ```
/// use chrono::TimeZone;
/// use wfm::forecasting::{ForecastKind, is_due};
/// let monday = chrono::Utc.with_ymd_and_hms(2025, 1, 6, 2, 0, 0).unwrap().timestamp();
/// let at = |days: i64| chrono::DateTime::from_timestamp(monday + days * 86_400, 0).unwrap();
/// assert!(is_due(ForecastKind::Short, monday, monday, false, at(1)).is_some());
/// assert!(is_due(ForecastKind::Long, monday, monday, false, at(3)).is_none());
/// assert!(is_due(ForecastKind::Long, monday, monday, false, at(7)).is_some());
/// ```
pub fn is_due(
    kind: ForecastKind,
    computed_at: i64,
    first_created: i64,
    inputs_changed: bool,
    now: DateTime<Utc>,
) -> Option<String> {
    if inputs_changed {
        return Some("its inputs changed (history or group queues)".into());
    }
    let age = now.timestamp() - computed_at;
    match kind {
        ForecastKind::Short if age >= DAY => Some("daily short-term recomputation".into()),
        ForecastKind::Short => None,
        ForecastKind::Long if age >= 7 * DAY => Some("weekly long-term recomputation".into()),
        ForecastKind::Long => {
            let weekday = DateTime::from_timestamp(first_created, 0).map(|d| d.weekday());
            (age >= DAY && weekday == Some(now.weekday())).then(|| {
                format!(
                    "weekly long-term recomputation ({}, the weekday it was created)",
                    now.weekday()
                )
            })
        }
    }
}

/// Recomputes every forecast that is due at `now` (see the module's source); returns one
/// action per group and kind that has a forecast, in group order. A failed
/// recomputation is reported in its action and does not stop the others.
///
/// # Errors
/// A storage failure.
pub(crate) fn refresh_forecasts(
    ws: &mut Workspace,
    now: DateTime<Utc>,
) -> Result<Vec<RefreshAction>> {
    let mut keys: Vec<(String, ForecastKind)> = Vec::new();
    for d in ws.documents_unchecked(FORECAST_DOCUMENT, None)? {
        if let Ok(kind) = d.name.parse::<ForecastKind>()
            && !keys.contains(&(d.scope.clone(), kind))
        {
            keys.push((d.scope.clone(), kind));
        }
    }
    keys.sort_by(|a, b| (&a.0, a.1.to_string()).cmp(&(&b.0, b.1.to_string())));
    let mut actions = Vec::new();
    for (group, kind) in keys {
        let Some(last) = ws.latest_unchecked(FORECAST_DOCUMENT, &group, &kind.to_string(), None)?
        else {
            continue;
        };
        let (info, stored) = super::workspace::read_forecast(ws, last.id)?;
        let mut meta = stored.meta.clone();
        if meta.weeks == 0 {
            meta.weeks = u32::try_from(stored.end().saturating_sub(stored.start) / (7 * DAY))
                .unwrap_or(1)
                .max(1);
        }
        let computed_at = if meta.computed_at > 0 {
            meta.computed_at
        } else {
            info.created_at.timestamp()
        };
        let first = if meta.first_created > 0 {
            meta.first_created
        } else {
            computed_at
        };
        let (changed, error) = match current_fingerprint(ws, &group, kind, &meta) {
            Ok(f) => (f != stored.inputs, None),
            Err(e) => (false, Some(e.to_string())),
        };
        let mut action = RefreshAction {
            group: group.clone(),
            kind,
            reason: None,
            error,
        };
        if action.error.is_none() {
            action.reason = is_due(kind, computed_at, first, changed, now);
        }
        if action.reason.is_some() {
            let options = ComputeOptions {
                start: meta.start.and_then(|t| DateTime::from_timestamp(t, 0)),
                weeks: Some(meta.weeks),
                holidays: meta.holidays.as_ref().map(Into::into),
            };
            if let Err(e) = compute_forecast(ws, &group, kind, &options, now) {
                action.error = Some(e.to_string());
            }
        }
        actions.push(action);
    }
    Ok(actions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn short_term_is_due_after_a_day() {
        let t = at(2025, 1, 6, 2).timestamp();
        assert_eq!(
            is_due(ForecastKind::Short, t, t, false, at(2025, 1, 7, 1)),
            None
        );
        assert!(is_due(ForecastKind::Short, t, t, false, at(2025, 1, 7, 2)).is_some());
        assert!(is_due(ForecastKind::Short, t, t, true, at(2025, 1, 6, 3)).is_some());
    }

    #[test]
    fn long_term_follows_the_weekday_it_was_created() {
        // first created Monday 2025-01-06, last computed Monday 2025-01-13
        let first = at(2025, 1, 6, 2).timestamp();
        let last = at(2025, 1, 13, 2).timestamp();
        for day in 14..=19 {
            assert_eq!(
                is_due(ForecastKind::Long, last, first, false, at(2025, 1, day, 3)),
                None,
                "day {day}"
            );
        }
        // the next Monday, early: still a day since the last computation
        assert!(is_due(ForecastKind::Long, last, first, false, at(2025, 1, 20, 2)).is_some());
        // recomputed on a Wednesday (history loaded): the next Monday still is due
        let wed = at(2025, 1, 15, 12).timestamp();
        assert!(is_due(ForecastKind::Long, wed, first, false, at(2025, 1, 20, 2)).is_some());
        // the same Monday twice: not again
        let mon = at(2025, 1, 20, 2).timestamp();
        assert_eq!(
            is_due(ForecastKind::Long, mon, first, false, at(2025, 1, 20, 9)),
            None
        );
    }

    #[test]
    fn refresh_recomputes_what_is_due_and_only_that() {
        use crate::history::ImportOptions;
        use std::path::Path;
        let dir = tempfile::tempdir().unwrap();
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/daily.csv");
        let mut ws = Workspace::create(
            &dir.path().join("w.wfm"),
            wfm_core::IntervalLength::Thirty,
            None,
        )
        .unwrap();
        ws.import_history(&sample, &ImportOptions::default())
            .unwrap();
        ws.create_group("Sales", &["1001".parse().unwrap()])
            .unwrap();
        let monday = at(2024, 8, 5, 2); // a Monday
        let options = ComputeOptions {
            weeks: Some(2),
            ..ComputeOptions::default()
        };
        compute_forecast(&mut ws, "Sales", ForecastKind::Long, &options, monday).unwrap();
        let did = |ws: &mut Workspace, now| {
            refresh_forecasts(ws, now)
                .unwrap()
                .into_iter()
                .map(|a| (a.group, a.reason.is_some(), a.error))
                .collect::<Vec<_>>()
        };
        let idle = vec![("Sales".to_owned(), false, None)];
        let busy = vec![("Sales".to_owned(), true, None)];
        assert_eq!(did(&mut ws, at(2024, 8, 6, 2)), idle);
        // the next Monday: due once
        assert_eq!(did(&mut ws, at(2024, 8, 12, 2)), busy);
        assert_eq!(did(&mut ws, at(2024, 8, 12, 3)), idle);
        // a history import changes the inputs
        ws.import_history(&sample, &ImportOptions::default())
            .unwrap();
        assert_eq!(did(&mut ws, at(2024, 8, 12, 4)), busy);
        assert_eq!(did(&mut ws, at(2024, 8, 12, 5)), idle);
        // so does a change of the group's queues
        ws.edit_group(
            "Sales",
            &crate::store::GroupEdit {
                add: vec!["1002".parse().unwrap()],
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(did(&mut ws, at(2024, 8, 12, 6)), busy);
        let (_, f) = super::super::workspace::last_forecast(
            &ws,
            "Sales",
            ForecastKind::Long,
            crate::workspace::Version::Computed,
        )
        .unwrap()
        .unwrap();
        assert_eq!(f.series.len(), 4);
        assert_eq!(f.meta.first_created, monday.timestamp());
    }

    #[test]
    fn a_missed_weekday_is_caught_up_after_a_week() {
        let first = at(2025, 1, 6, 2).timestamp(); // Monday
        let last = at(2025, 1, 7, 2).timestamp(); // Tuesday
        assert!(is_due(ForecastKind::Long, last, first, false, at(2025, 1, 14, 2)).is_some());
    }
}
