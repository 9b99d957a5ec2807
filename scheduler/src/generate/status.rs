//! What a whole run's status says, [`ScheduleStatus`]: never "optimal" for a schedule
//! that misses the goal, breaks a rule, stopped at the time limit or ended above the
//! requested gap.
//!
//! # The rule, worst first
//! 1. [`ScheduleStatus::RulesBroken`]: a staffing group's minimum staff is not met, an
//!    agent's rule could not be kept (a [`super::RuleConflict`]), or (set by the caller
//!    that runs the validator) the independent validator finds a violation.
//! 2. [`ScheduleStatus::GoalMissed`]: some interval of the returned schedule has fewer
//!    productive agents than the goal needs (shifts of the tour model no agent took are
//!    not in it: what they leave short counts here).
//! 3. [`ScheduleStatus::TimeLimit`]: a solver call stopped at its time limit (or another
//!    solver limit) before reaching the gap.
//! 4. [`ScheduleStatus::AboveGap`]: every solver call ended within the requested gap, but
//!    the gap of the returned schedule's objective to the proven bound is above it.
//! 5. [`ScheduleStatus::Optimal`]: none of the above: within the requested gap of the
//!    optimum (proven optimal with a gap of 0), the goal met, every rule kept.

use serde::{Deserialize, Serialize};

use super::horizon::{lost_intervals, week_figures};
use super::{Gap, HorizonReport, SolveStatus, WeekReport, relative_gap};

/// How a whole run ended (see the module docs for the rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleStatus {
    /// Within the requested gap of the optimum, the goal met and every rule kept.
    Optimal,
    /// Every solve ended within the requested gap, the run's gap is above it.
    AboveGap,
    /// A solve stopped at the time limit (or another solver limit).
    TimeLimit,
    /// Some interval is short of the goal.
    GoalMissed,
    /// A rule is broken: minimum staff, an agent's rule, shifts no agent takes, or a
    /// violation the validator finds.
    RulesBroken,
}

impl ScheduleStatus {
    /// The status of the weeks of a run asked to stop at `gap`, whose `unmet` intervals
    /// are short of the goal (see the module docs).
    ///
    /// ```
    /// use wfm_scheduler::generate::{Gap, ScheduleStatus};
    /// assert_eq!(ScheduleStatus::of_weeks(&[], Gap::ONE_PERCENT, 0), ScheduleStatus::Optimal);
    /// assert_eq!(ScheduleStatus::of_weeks(&[], Gap::ONE_PERCENT, 3), ScheduleStatus::GoalMissed);
    /// ```
    pub fn of_weeks(weeks: &[WeekReport], gap: Gap, unmet: usize) -> Self {
        let broken = weeks
            .iter()
            .any(|w| !w.report.minimum_staff_missed.is_empty() || !w.report.conflicts.is_empty());
        let timed_out = weeks.iter().any(|w| {
            w.report.tours.status != SolveStatus::Optimal
                || w.report
                    .assignment
                    .is_some_and(|a| a.status != SolveStatus::Optimal)
        });
        // each returned week's gap to its valid bound, against what was asked (a hair of
        // tolerance for the floating-point sums)
        let above = weeks.iter().any(|w| {
            let (objective, bound) = week_figures(&w.report);
            relative_gap(objective, bound) > gap.value() + 1e-6
        });
        if broken {
            Self::RulesBroken
        } else if unmet > 0 {
            Self::GoalMissed
        } else if timed_out {
            Self::TimeLimit
        } else if above {
            Self::AboveGap
        } else {
            Self::Optimal
        }
    }

    /// The status once the independent validator found `violations` (any: rules broken).
    pub fn with_violations(self, violations: usize) -> Self {
        if violations > 0 {
            Self::RulesBroken
        } else {
            self
        }
    }
}

impl HorizonReport {
    /// The status and its text once the independent validator found `violations`.
    pub fn set_violations(&mut self, violations: usize) {
        self.status = self.status.with_violations(violations);
        self.status_text = self.describe(violations);
    }

    /// The status in a planner's words, about the returned schedule (the validator found
    /// `violations`): `"optimal — gap 0.40 % on the returned schedule (at most 1.00 %
    /// asked), goal met, every rule kept"`, or `"feasible — "` and what keeps it from
    /// optimal (goal missed in how many intervals and agent-hours, and in how many of
    /// them the tour model had covered; rules not kept; the time limit; the gap above
    /// what was asked), then the gap.
    ///
    /// ```
    /// use wfm_scheduler::generate::{HorizonReport, ScheduleStatus};
    /// let report: HorizonReport = serde_json::from_str(r#"{"status": "optimal",
    ///     "objective": 101.0, "lower_bound": 100.0, "gap": 0.0099, "seconds": 1.0,
    ///     "agents": 3, "shifts": 9, "paid_hours": 72.0, "unmet_intervals": [],
    ///     "warnings": [], "weeks": [], "requested_gap": 0.01}"#)?;
    /// assert_eq!(report.status, ScheduleStatus::Optimal);
    /// assert!(report.describe(0).starts_with("optimal — gap 0.99 %"));
    /// assert!(report.describe(2).starts_with("feasible — 2 rule violation(s); gap 0.99 %"));
    /// let above = HorizonReport { requested_gap: 0.005, status: ScheduleStatus::AboveGap, ..report };
    /// assert_eq!(above.describe(0), "feasible — gap 0.99 % on the returned schedule, above the 0.50 % asked");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn describe(&self, violations: usize) -> String {
        let status = self.status.with_violations(violations);
        let mut gap = format!("gap {:.2} % on the returned schedule", 100.0 * self.gap);
        if self.gap > self.requested_gap + 1e-6 {
            gap += &format!(", above the {:.2} % asked", 100.0 * self.requested_gap);
        }
        if status == ScheduleStatus::Optimal && !self.stopped {
            return format!(
                "optimal — {gap} (at most {:.2} % asked), goal met, every rule kept",
                100.0 * self.requested_gap
            );
        }
        let mut issues = Vec::new();
        if self.stopped {
            issues.push(format!(
                "stopped by the user after {} week(s)",
                self.weeks.len()
            ));
        }
        if !self.unmet_intervals.is_empty() {
            let short: u32 = self
                .weeks
                .iter()
                .map(|w| w.report.short_agent_intervals)
                .sum();
            let lost: usize = self.weeks.iter().map(|w| lost_intervals(&w.report)).sum();
            let why = if lost == 0 {
                "the tour model is short there too: these agents cannot cover them".to_owned()
            } else {
                format!(
                    "{lost} of them covered by the tour model but by no shifts the agents' \
                     rules allow: see the warnings"
                )
            };
            issues.push(format!(
                "goal missed in {} interval(s), {:.2} agent-hours short ({why})",
                self.unmet_intervals.len(),
                f64::from(short) / 4.0
            ));
        }
        if violations > 0 {
            issues.push(format!("{violations} rule violation(s)"));
        }
        let conflicts: usize = self.weeks.iter().map(|w| w.report.conflicts.len()).sum();
        if conflicts > 0 {
            issues.push(format!("{conflicts} agent rule(s) not kept"));
        }
        let mut missed: Vec<&str> = self
            .weeks
            .iter()
            .flat_map(|w| w.report.minimum_staff_missed.iter().map(String::as_str))
            .collect();
        missed.sort_unstable();
        missed.dedup();
        if !missed.is_empty() {
            issues.push(format!("minimum staff missed: {}", missed.join(", ")));
        }
        if status == ScheduleStatus::TimeLimit {
            issues.push("stopped at the time limit".into());
        }
        issues.push(gap);
        format!("feasible — {}", issues.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenerationReport, SolveReport};
    use chrono::NaiveDate;

    fn solve(objective: f64, lower_bound: f64) -> SolveReport {
        SolveReport {
            status: SolveStatus::Optimal,
            objective,
            lower_bound,
            gap: relative_gap(objective, lower_bound),
            seconds: 0.1,
            variables: 10,
            constraints: 10,
        }
    }

    fn week(tours: SolveReport) -> WeekReport {
        WeekReport {
            week_start: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            report: GenerationReport {
                tours,
                assignment: Some(solve(10.0, 10.0)),
                required: vec![],
                short_intervals: vec![],
                staff_floor: 0,
                conflicts: vec![],
                unassigned_shifts: 0,
                dropped_lengths: vec![],
                polish: Default::default(),
                pools: vec![],
                warnings: vec![],
                extra_shifts: 0,
                extra_cost: 0.0,
                minimum_staff_missed: vec![],
                objective: 0.0,
                lower_bound: 0.0,
                short_agent_intervals: 0,
                tour_short_intervals: vec![],
                tour_rounds: 0,
                lost: vec![],
            },
        }
    }

    #[test]
    fn gap_one_run_is_not_reported_optimal_at_a_72_percent_gap() {
        // HiGHS says "optimal" once the gap is within what was asked; asked 1 %, a run
        // at 72 % is above it
        let w = [week(solve(100.0, 28.0))];
        let gap = Gap::new(0.01).unwrap();
        assert_eq!(
            ScheduleStatus::of_weeks(&w, gap, 0),
            ScheduleStatus::AboveGap
        );
        // within what was asked (0.9): optimal within that gap
        let loose = Gap::new(0.9).unwrap();
        assert_eq!(
            ScheduleStatus::of_weeks(&w, loose, 0),
            ScheduleStatus::Optimal
        );
        // the shifts added for weekly minimums count in the run's gap
        let mut w = [week(solve(100.0, 100.0))];
        w[0].report.extra_cost = 10.0;
        assert_eq!(
            ScheduleStatus::of_weeks(&w, gap, 0),
            ScheduleStatus::AboveGap
        );
    }

    #[test]
    fn optimal_is_not_reported_with_minimum_staff_broken_or_the_goal_missed() {
        let gap = Gap::new(0.01).unwrap();
        let clean = [week(solve(100.0, 100.0))];
        assert_eq!(
            ScheduleStatus::of_weeks(&clean, gap, 0),
            ScheduleStatus::Optimal
        );
        assert_eq!(
            ScheduleStatus::of_weeks(&clean, gap, 4),
            ScheduleStatus::GoalMissed
        );
        let mut broken = clean.clone();
        broken[0].report.minimum_staff_missed = vec!["Day team".into()];
        assert_eq!(
            ScheduleStatus::of_weeks(&broken, gap, 0),
            ScheduleStatus::RulesBroken
        );
        // shifts of the tour model no agent took are not in the returned schedule: what
        // they leave short is the goal missed (counted by the caller), not a rule broken
        let mut unassigned = clean.clone();
        unassigned[0].report.unassigned_shifts = 2;
        assert_eq!(
            ScheduleStatus::of_weeks(&unassigned, gap, 3),
            ScheduleStatus::GoalMissed
        );
        let mut timed_out = clean.clone();
        timed_out[0].report.tours.status = SolveStatus::TimeLimit;
        assert_eq!(
            ScheduleStatus::of_weeks(&timed_out, gap, 0),
            ScheduleStatus::TimeLimit
        );
        assert_eq!(
            ScheduleStatus::Optimal.with_violations(1),
            ScheduleStatus::RulesBroken
        );
    }
}
