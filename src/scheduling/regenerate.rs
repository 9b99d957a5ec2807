//! Regenerating several forecast groups at once (up to six, as the reference allows):
//! one draft per forecast group from the current configuration and the group's published
//! short-term forecast, generated in parallel, each with its own report. A group that
//! fails (no published forecast, a solver failure) is reported with its error; the
//! others' drafts are stored all the same.
//!
//! Each group runs on its own connection to the workspace file (SQLite serialises the
//! short writes; the solving, the long part, runs side by side) in one pool of at most
//! as many threads as the machine has cores; each MIP solves on one HiGHS thread, so the
//! run never asks for more threads than that.

use std::sync::Arc;

use rayon::prelude::*;
use wfm_core::clock::FixedClock;

use super::workspace::{CreateSchedule, ScheduleSummary, create_schedule, schedule_summary};
use crate::Workspace;
use crate::error::{Result, WfmError};

/// Most forecast groups regenerated at once.
pub const MAX_REGENERATED_GROUPS: usize = 6;

/// One forecast group's result of `regenerate`.
#[derive(Debug)]
pub struct GroupRun {
    /// The forecast group.
    pub forecast_group: String,
    /// Its stored draft's summary (with the generator's report), or why none was made.
    pub outcome: Result<ScheduleSummary>,
}

/// Checks the asked groups: 1 to [`MAX_REGENERATED_GROUPS`], none twice or blank.
fn check_groups(groups: &[String]) -> Result<()> {
    let bad = |expected: String| WfmError::InvalidArgument {
        argument: "forecast groups",
        value: groups.join(","),
        expected,
    };
    if groups.is_empty() || groups.len() > MAX_REGENERATED_GROUPS {
        return Err(bad(format!(
            "1 to {MAX_REGENERATED_GROUPS} forecast groups at once (got {})",
            groups.len()
        )));
    }
    for (i, g) in groups.iter().enumerate() {
        if g.trim().is_empty() {
            return Err(bad("a forecast group name, not a blank one".into()));
        }
        if groups[..i].contains(g) {
            return Err(bad(format!(
                "each forecast group once ({g:?} is named twice)"
            )));
        }
    }
    Ok(())
}

/// Generates a draft schedule for each of `groups` (the configuration's request with its
/// forecast group replaced; `request`'s other settings for every group, its name with
/// the group appended), in parallel; results in the order asked.
///
/// # Errors
/// `InvalidArgument` for no group, more than [`MAX_REGENERATED_GROUPS`], a blank or
/// repeated one, or a request that names one forecast group already; a group's own
/// failure is in its [`GroupRun`], not here.
pub(crate) fn regenerate(
    ws: &Workspace,
    groups: &[String],
    request: &CreateSchedule,
) -> Result<Vec<GroupRun>> {
    check_groups(groups)?;
    if let Some(fg) = &request.forecast_group {
        return Err(WfmError::InvalidArgument {
            argument: "forecast group",
            value: fg.clone(),
            expected: "no single forecast group when several are regenerated".into(),
        });
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(groups.len());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| WfmError::Store(format!("cannot start {threads} threads: {e}")))?;
    let (location, actor, now) = (ws.location().clone(), ws.actor().clone(), ws.now());
    let run = |group: &String| -> Result<ScheduleSummary> {
        let mut own = Workspace::open_at(&location, false)?;
        own.set_actor(actor.clone());
        own.set_clock(Arc::new(FixedClock::new(now)));
        let asked = CreateSchedule {
            forecast_group: Some(group.clone()),
            name: request.name.as_ref().map(|n| format!("{n} ({group})")),
            ..request.clone()
        };
        let doc = create_schedule(&mut own, &asked)?;
        schedule_summary(&own, doc.id)
    };
    Ok(pool.install(|| {
        groups
            .par_iter()
            .map(|g| GroupRun {
                forecast_group: g.clone(),
                outcome: run(g),
            })
            .collect()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("G{i}")).collect()
    }

    #[test]
    fn one_to_six_distinct_groups_are_accepted() {
        assert!(check_groups(&names(1)).is_ok());
        assert!(check_groups(&names(6)).is_ok());
        for bad in [
            names(0),
            names(7),
            vec!["A".into(), "A".into()],
            vec![" ".into()],
        ] {
            let e = check_groups(&bad).unwrap_err();
            assert!(
                matches!(
                    e,
                    WfmError::InvalidArgument {
                        argument: "forecast groups",
                        ..
                    }
                ),
                "{e}"
            );
        }
        let e = check_groups(&names(7)).unwrap_err();
        assert!(e.to_string().contains("1 to 6"), "{e}");
    }

    #[test]
    fn a_failing_group_does_not_lose_the_others_draft() {
        use crate::scheduling::fixture::{publish_forecast, workspace};
        use wfm_scheduler::generate::TimeLimit;
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _, _) = workspace(dir.path());
        publish_forecast(&mut ws);
        let request = CreateSchedule {
            name: Some("March".into()),
            time_limit_seconds: TimeLimit::new(20.0).unwrap(),
            ..CreateSchedule::default()
        };
        let groups = ["Nowhere".to_owned(), "Support".to_owned()];
        let runs = ws.schedules().regenerate(&groups, &request).unwrap();
        let order: Vec<&str> = runs.iter().map(|r| r.forecast_group.as_str()).collect();
        assert_eq!(order, ["Nowhere", "Support"]);
        let e = runs[0].outcome.as_ref().unwrap_err();
        assert!(e.to_string().contains("Nowhere"), "{e}");
        let s = runs[1].outcome.as_ref().unwrap();
        assert_eq!(s.listing.info.name, "March (Support)");
        assert!(s.shifts > 0 && s.violations.is_empty());
        assert!(!s.report.weeks.is_empty());
        // stored: the workspace lists it
        assert_eq!(ws.schedules().list().unwrap().len(), 1);
        let twice = CreateSchedule {
            forecast_group: Some("Support".into()),
            ..CreateSchedule::default()
        };
        assert!(ws.schedules().regenerate(&groups[1..], &twice).is_err());
    }
}
