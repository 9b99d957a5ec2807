//! Schedules on a workspace: generated from the configuration and the forecast
//! group's published short-term forecast, stored as `DocumentKind::Schedule` documents
//! (scope = the forecast group), draft until published.
//!
//! A schedule's document `uses` the forecast and the configuration version it was made
//! from, so neither can be deleted while a published schedule uses it; its content keeps
//! the configuration as used, so it can be shown, exported and validated later whatever
//! is imported since.
//!
//! Publishing rule (published is what agents see): at most one
//! published schedule per forecast group and dates for the same staffing group. Publishing
//! a schedule replaces the published one of the same forecast group, the same first and
//! last day and a shared staffing group (it is deleted, unless a published document uses
//! it); a published one of the forecast group whose dates overlap differently and which
//! shares a staffing group makes publishing fail, naming it (an agent would see two
//! schedules for one day). A published schedule is immutable and is not deleted by
//! [`delete_schedule`]; publishing a new one of the same dates replaces it.

use chrono::{Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use wfm_core::Channel;
use wfm_core::progress::Progress;
use wfm_scheduler::edit::Annotations;
use wfm_scheduler::generate::{Gap, GenerateOptions, HorizonReport, IntervalForecast, TimeLimit};
use wfm_scheduler::{Demand, Scenario, ScenarioConfig, Schedule, validate};

use super::workspace::{check_against_workspace, current_scenario};
use super::{SCHEDULE_FILES, ScheduleOutcome, generate_from_forecast};
use crate::Workspace;
use crate::capacity::lifecycle::published_forecast;
use crate::error::{Item, Refused, Result, WfmError};
use crate::store::{DocumentId, DocumentInfo, DocumentKind, DocumentStatus};

/// What [`Schedules::create`](crate::workspace::Schedules::create) is asked for; the defaults schedule the configuration's
/// request.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateSchedule {
    /// The schedule's name; default `"<staffing group>, <first day> to <last day>"`.
    pub name: Option<String>,
    /// The forecast group to schedule; default the configuration request's.
    pub forecast_group: Option<String>,
    /// The staffing group; default the first of the request's forecast group.
    pub staffing_group: Option<String>,
    /// The week's first day; default the request's first day. It must lie in the
    /// request's dates.
    pub week_start: Option<NaiveDate>,
    /// The channel the agents answer.
    pub channel: Channel,
    /// Solver time limit, seconds.
    pub time_limit_seconds: TimeLimit,
    /// Relative gap at which the solver may stop.
    pub relative_gap: Gap,
    /// Hears of every week done and may stop the run after it (the draft then holds the
    /// weeks done, its report marked stopped).
    pub watcher: Progress,
}

impl Default for CreateSchedule {
    fn default() -> Self {
        Self {
            name: None,
            forecast_group: None,
            staffing_group: None,
            week_start: None,
            channel: Channel::Voice,
            time_limit_seconds: TimeLimit::SIXTY_SECONDS,
            relative_gap: Gap::ONE_PERCENT,
            watcher: Progress::none(),
        }
    }
}

/// A schedule as stored in the workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredSchedule {
    /// The forecast group scheduled.
    pub forecast_group: String,
    /// The staffing groups scheduled.
    pub staffing_groups: Vec<String>,
    /// First day (UTC).
    pub start: NaiveDate,
    /// Last day (UTC, inclusive).
    pub end: NaiveDate,
    /// The channel whose demand it covers.
    pub channel: Channel,
    /// The configuration version used.
    pub scenario_id: DocumentId,
    /// The configuration as used.
    pub scenario: ScenarioConfig,
    /// The published short-term forecast used.
    pub forecast_id: DocumentId,
    /// Per agent, the shifts with their activities (UTC).
    pub schedule: Schedule,
    /// The generator's report.
    pub report: HorizonReport,
    /// The quarter-hour demand it was generated for, from `start` 00:00 UTC (what the
    /// review measures it against).
    pub demand: Vec<IntervalForecast>,
    /// When it was generated, UTC `YYYY-MM-DDTHH:MM:SSZ`.
    pub created_at: String,
    /// Shared activity instances and shift comments added by edits.
    #[serde(default, skip_serializing_if = "Annotations::is_empty")]
    pub annotations: Annotations,
}

impl StoredSchedule {
    /// The configuration it was made with, validated.
    ///
    /// # Errors
    /// [`WfmError::Scheduler`] if it no longer validates (only after a rule changed).
    pub fn scenario(&self) -> Result<Scenario> {
        Ok(Scenario::new(
            self.scenario.clone(),
            &format!(
                "the configuration of the schedule (document {})",
                self.scenario_id
            ),
        )?)
    }

    /// The schedule as a generation outcome, the validator run on it again.
    ///
    /// # Errors
    /// As [`StoredSchedule::scenario`].
    pub fn outcome(&self) -> Result<ScheduleOutcome> {
        let scenario = self.scenario()?;
        let violations = validate(&scenario, &self.schedule);
        Ok(ScheduleOutcome {
            scenario,
            week_start: self.start,
            schedule: self.schedule.clone(),
            report: self.report.clone(),
            violations,
            demand: Demand::from_quarters(self.start, self.demand.clone()),
            // a workspace run uses the generator's defaults (no occupancy cap)
            options: GenerateOptions::default(),
        })
    }

    /// Shifts in the schedule.
    pub fn shifts(&self) -> usize {
        self.schedule.agents.iter().map(|a| a.shifts.len()).sum()
    }
}

/// A row of [`Schedules::list`](crate::workspace::Schedules::list).
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleListing {
    /// The document (id, name, status, created, published, summary).
    pub info: DocumentInfo,
    /// The forecast group.
    pub forecast_group: String,
    /// The staffing groups.
    pub staffing_groups: Vec<String>,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
}

/// A stored schedule at a glance.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleSummary {
    /// The listing fields.
    pub listing: ScheduleListing,
    /// Agents of the staffing groups.
    pub agents: usize,
    /// Agents with at least one shift.
    pub agents_scheduled: usize,
    /// Shifts.
    pub shifts: usize,
    /// Paid hours over every shift.
    pub paid_hours: f64,
    /// Quarter hours short of the goal.
    pub short_intervals: usize,
    /// The generator's report.
    pub report: HorizonReport,
    /// What the validator finds now (empty: every rule holds).
    pub violations: Vec<String>,
    /// The short-term forecast document it used.
    pub forecast_id: DocumentId,
    /// The configuration version.
    pub scenario_id: DocumentId,
}

/// What [`Schedules::publish`](crate::workspace::Schedules::publish) did.
#[derive(Debug, Clone, PartialEq)]
pub struct SchedulePublished {
    /// The published schedule.
    pub info: DocumentInfo,
    /// Published schedules of the same forecast group, dates and staffing group it
    /// replaced (deleted).
    pub replaced: Vec<DocumentId>,
    /// Those kept because a published document uses them, with the reason.
    pub kept: Vec<(DocumentId, String)>,
    /// The sequence numbers of the change records written (one per agent whose published
    /// shifts changed; see `Schedules::changes_since`).
    pub changes: Vec<i64>,
}

/// The staffing group to schedule: the asked one (linked to the request's forecast group)
/// or the first of those.
fn pick_group(scenario: &Scenario, asked: Option<&str>) -> Result<String> {
    let fg = &scenario.request().forecast_group;
    let linked: Vec<&str> = scenario.run_groups().map(|g| g.name.as_str()).collect();
    match asked {
        Some(g) if linked.contains(&g) => Ok(g.to_owned()),
        Some(g) => Err(WfmError::Precondition {
            what: format!(
                "staffing group {g:?} is not linked to the request's forecast group {fg:?} \
                 (its staffing groups: {})",
                linked.join(", ")
            ),
        }),
        None => linked
            .first()
            .map(|g| (*g).to_owned())
            .ok_or_else(|| WfmError::Precondition {
                what: format!("no staffing group is linked to the request's forecast group {fg:?}"),
            }),
    }
}

/// Checks that the forecast's `channel` points cover every interval from `start` to
/// `end`.
pub(super) fn summary(s: &StoredSchedule, paid_hours: f64) -> String {
    format!(
        "{}, {} to {}: {} shifts, {:.1} paid hours, {} quarter hour(s) short",
        s.staffing_groups.join(", "),
        s.start,
        s.end,
        s.shifts(),
        paid_hours,
        s.report.unmet_intervals.len()
    )
}

pub(super) fn paid_hours(scenario: &Scenario, schedule: &Schedule) -> f64 {
    schedule.paid_hours_by_day(scenario).values().sum()
}

/// Generates a schedule of the configuration's request (or the asked staffing group and
/// week) from the forecast group's latest published short-term forecast (its overrides
/// applied) and stores it as a draft. Its document uses the forecast and the
/// configuration version.
///
/// # Errors
/// `NotFound` without a configuration; `Precondition` or `OutOfRange` for an unknown staffing group, a week outside the
/// request, a forecast group unknown to the workspace, no published short-term forecast
/// ("publish the short-term forecast of G and regenerate");
/// [`WfmError::ForecastDoesNotCover`] when that forecast does not cover every day asked
/// for; [`WfmError::Scheduler`] for a configuration the generator does not map yet
/// (named) or a solver failure.
pub(crate) fn create_schedule(
    ws: &mut Workspace,
    request: &CreateSchedule,
) -> Result<DocumentInfo> {
    let (scenario_doc, mut stored_scenario) = current_scenario(ws)?;
    if let Some(fg) = &request.forecast_group {
        stored_scenario.config.request.forecast_group.clone_from(fg);
    }
    let scenario = stored_scenario.scenario(scenario_doc.id)?;
    check_against_workspace(ws, &scenario, &stored_scenario.file)?;
    let r = scenario.request().clone();
    // one staffing group and one week when either is asked for, else the whole request
    let only = match (&request.staffing_group, request.week_start) {
        (None, None) => None,
        (group, week) => Some((
            pick_group(&scenario, group.as_deref())?,
            week.unwrap_or(r.start),
        )),
    };
    let start = only.as_ref().map_or(r.start, |o| o.1);
    if start < r.start || start > r.end {
        return Err(WfmError::OutOfRange {
            what: "week start",
            value: start.to_string(),
            allowed: format!(
                "outside the request's dates {} to {}: import a configuration whose [request] \
                 covers it",
                r.start, r.end
            ),
        });
    }
    let end = if only.is_some() {
        (start + Duration::days(6)).min(r.end)
    } else {
        r.end
    };
    let fg = r.forecast_group.clone();
    let (forecast_doc, forecast) = published_forecast(ws, &fg, "short")?;
    let Some(_) = forecast.interval() else {
        return Err(WfmError::Precondition {
            what: format!(
                "the published short-term forecast of {fg} (document {}) is daily: a schedule \
                 needs intervals",
                forecast_doc.id
            ),
        });
    };
    let options = GenerateOptions::new(wfm_scheduler::generate::Limits {
        time_limit_seconds: request.time_limit_seconds,
        relative_gap: request.relative_gap,
    });
    let groups: Vec<String> = match &only {
        Some((group, _)) => vec![group.clone()],
        None => scenario.run_groups().map(|g| g.name.clone()).collect(),
    };
    let label = format!(
        "(the published short-term forecast of {fg}, document {})",
        forecast_doc.id
    );
    let (schedule, mut report, demand) = generate_from_forecast(
        &scenario,
        only.as_ref().map(|(g, d)| (g.as_str(), *d)),
        (&label, &forecast, request.channel),
        &options,
        &mut super::week_callback(&request.watcher),
    )?;
    // a run stopped by its watcher is stored as the weeks done
    let scenario = super::scheduled_part(&scenario, &report)?;
    let end = end.min(scenario.request().end);
    // the draft is stored whatever the validator finds, marked by its status (the CLI
    // lists the violations and exits 1: the policy of `wfm schedule generate`)
    report.set_violations(validate(&scenario, &schedule).len());
    let stored = StoredSchedule {
        forecast_group: fg.clone(),
        staffing_groups: groups,
        start,
        end,
        channel: request.channel,
        scenario_id: scenario_doc.id,
        scenario: scenario.config().clone(),
        forecast_id: forecast_doc.id,
        report,
        demand: demand.quarters().to_vec(),
        created_at: crate::tables::utc_text(Utc::now()),
        schedule,
        annotations: Annotations::default(),
    };
    let name = request
        .name
        .clone()
        .unwrap_or_else(|| format!("{}, {start} to {end}", stored.staffing_groups.join(", ")));
    if name.trim().is_empty() {
        return Err(WfmError::InvalidArgument {
            argument: "schedule name",
            value: name,
            expected: "a schedule needs a name".into(),
        });
    }
    let hours = paid_hours(&scenario, &stored.schedule);
    ws.put_json_unchecked(
        DocumentKind::Schedule,
        &fg,
        &name,
        &summary(&stored, hours),
        &[forecast_doc.id, scenario_doc.id],
        &stored,
    )
}

/// A schedule document and its content.
///
/// # Errors
/// `NotFound` if `id` is not a schedule of the workspace; `Store` if it does not decode.
pub(crate) fn load_schedule(
    ws: &Workspace,
    id: DocumentId,
) -> Result<(DocumentInfo, StoredSchedule)> {
    let not_found = || WfmError::NotFound {
        item: Item::document(DocumentKind::Schedule, id.to_string()),
    };
    let is_schedule = ws
        .documents_unchecked(DocumentKind::Schedule, None)?
        .iter()
        .any(|d| d.id == id);
    if !is_schedule {
        return Err(not_found());
    }
    ws.get_json_unchecked(id)
}

fn listing(info: DocumentInfo, s: &StoredSchedule) -> ScheduleListing {
    ScheduleListing {
        info,
        forecast_group: s.forecast_group.clone(),
        staffing_groups: s.staffing_groups.clone(),
        start: s.start,
        end: s.end,
    }
}

/// Every schedule, oldest first.
///
/// # Errors
/// A storage failure or a document that does not decode.
pub(crate) fn list_schedules(ws: &Workspace) -> Result<Vec<ScheduleListing>> {
    ws.documents_unchecked(DocumentKind::Schedule, None)?
        .into_iter()
        .map(|d| {
            let (info, s): (_, StoredSchedule) = ws.get_json_unchecked(d.id)?;
            Ok(listing(info, &s))
        })
        .collect()
}

/// A schedule's summary: agents, shifts, paid hours, short intervals, the report and what
/// the validator finds.
///
/// # Errors
/// As [`load_schedule`].
pub(crate) fn schedule_summary(ws: &Workspace, id: DocumentId) -> Result<ScheduleSummary> {
    let (info, s) = load_schedule(ws, id)?;
    let outcome = s.outcome()?;
    let agents = outcome.scenario.agents();
    let agents = agents
        .iter()
        .filter(|a| {
            outcome
                .scenario
                .group_of(a)
                .is_some_and(|g| s.staffing_groups.contains(&g.name))
        })
        .count();
    Ok(ScheduleSummary {
        agents,
        agents_scheduled: s
            .schedule
            .agents
            .iter()
            .filter(|a| !a.shifts.is_empty())
            .count(),
        shifts: s.shifts(),
        paid_hours: paid_hours(&outcome.scenario, &s.schedule),
        short_intervals: s.report.unmet_intervals.len(),
        report: s.report.clone(),
        violations: outcome.violations.iter().map(ToString::to_string).collect(),
        forecast_id: s.forecast_id,
        scenario_id: s.scenario_id,
        listing: listing(info, &s),
    })
}

fn overlaps(a: &StoredSchedule, b: &StoredSchedule) -> bool {
    a.start <= b.end
        && b.start <= a.end
        && a.staffing_groups
            .iter()
            .any(|g| b.staffing_groups.contains(g))
}

/// Publishes a draft schedule (immutable afterwards; what agents see). See the
/// module's source for the one-published rule.
///
/// # Errors
/// `AlreadyPublished` if it is published already; `Precondition` if the forecast it was made from is gone
/// (regenerate), or a published schedule of other overlapping dates shares a staffing
/// group.
pub(crate) fn publish_schedule(ws: &mut Workspace, id: DocumentId) -> Result<SchedulePublished> {
    let (info, s) = load_schedule(ws, id)?;
    if info.status == DocumentStatus::Published {
        return Err(WfmError::AlreadyPublished {
            item: Item::stored(&info),
            refused: Refused::Publish,
        });
    }
    if !info.uses.contains(&s.forecast_id) {
        return Err(WfmError::Precondition {
            what: format!(
                "the short-term forecast schedule {id} was made from (document {}) was \
                 deleted since: generate the schedule again",
                s.forecast_id
            ),
        });
    }
    let mut replace = Vec::new();
    let mut replaced = Vec::new();
    let mut seen = Vec::new();
    for other in ws.documents_unchecked(DocumentKind::Schedule, Some(&s.forecast_group))? {
        if other.id == id || other.status != DocumentStatus::Published {
            continue;
        }
        seen.push(other.id);
        let (_, o): (_, StoredSchedule) = ws.get_json_unchecked(other.id)?;
        if !overlaps(&s, &o) {
            continue;
        }
        if (o.start, o.end) != (s.start, s.end) {
            return Err(WfmError::Precondition {
                what: format!(
                    "the published schedule {} ({:?}, {} to {}) of {} shares a staffing group \
                     and overlaps {} to {} with other dates: agents would see two schedules \
                     for a day; publish a schedule of the same dates to replace it",
                    other.id, other.name, o.start, o.end, s.forecast_group, s.start, s.end
                ),
            });
        }
        replace.push(other.id);
        replaced.push(o);
    }
    // one transaction, and only if no other run published or deleted a schedule of the
    // group since the decision above: two racing publications cannot both stand
    // with one change record per agent whose published shifts change, in the same
    // transaction
    let changes = super::changes::of_publication(ws, id, &s, &replaced);
    let (done, changes) = ws
        .store_mut()
        .publish_replacing_with_changes(id, &seen, &replace, &changes)?;
    // ADHERENCE HOOK: a change to a published schedule recomputes the last 30 days from
    // today (schedule edits call the same function after merge)
    let now = ws.now();
    crate::adherence::recalculate(ws, now)?;
    Ok(SchedulePublished {
        info: done.info,
        replaced: done.deleted,
        kept: done.kept,
        changes,
    })
}

/// Deletes a draft schedule.
///
/// # Errors
/// `NotFound` if it is unknown, `AlreadyPublished` if published (agents see it: publishing a new schedule of
/// the same dates replaces it).
pub(crate) fn delete_schedule(ws: &mut Workspace, id: DocumentId) -> Result<DocumentInfo> {
    let (info, _) = load_schedule(ws, id)?;
    if info.status == DocumentStatus::Published {
        return Err(WfmError::AlreadyPublished {
            item: Item::stored(&info),
            refused: Refused::Delete,
        });
    }
    ws.delete_document_unchecked(id)
}

/// Writes a stored schedule as the batch tables (schedule.json, shifts.csv,
/// activities.csv, coverage.csv, report.json; see [`write_schedule_dir`](super::write_schedule_dir)) plus the
/// configuration it was made with as `scenario.toml` (for `wfm schedule validate`) into
/// `dir`; returns the files. They appear together or not at all
/// ([`OutputDir`](crate::files::OutputDir)).
///
/// # Errors
/// [`WfmError::OutputIsInput`] when a file of `dir` would be the workspace (checked
/// first); as [`load_schedule`]; [`WfmError::Io`] if a file cannot be written.
pub(crate) fn export_schedule(
    ws: &Workspace,
    id: DocumentId,
    dir: &std::path::Path,
) -> Result<Vec<std::path::PathBuf>> {
    let mut names = SCHEDULE_FILES.to_vec();
    names.push("scenario.toml");
    crate::files::Inputs::new()
        .workspace(ws.path())
        .check_dir(dir, &names)?;
    let (_, s) = load_schedule(ws, id)?;
    let outcome = s.outcome()?;
    let review = outcome.review()?;
    let toml = format!(
        "# The configuration schedule {id} was generated with (document {}).\n\n{}",
        s.scenario_id,
        outcome.scenario.to_toml()?
    );
    let mut files = crate::files::OutputDir::create(dir)?;
    super::tables::write_schedule_files(&mut files, &outcome, &review)?;
    files.write("scenario.toml", toml.as_bytes())?;
    files.commit()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use wfm_core::IntervalLength;
    use wfm_core::forecast::ForecastPoint as Step;
    use wfm_core::history::Granularity;

    use super::*;
    use crate::scheduling::workspace::import_scenario;
    use wfm_core::forecast::{GroupForecast, GroupSeries};

    /// A published short-term forecast of Support from Monday 2026-03-02 for `days` days:
    /// 8 contacts per half hour 13:00–20:00 UTC Monday to Saturday, AHT 300 s.
    fn publish_forecast(ws: &mut Workspace, days: i64) -> DocumentId {
        let monday = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let from = monday
            .and_time(chrono::NaiveTime::MIN)
            .and_utc()
            .timestamp();
        let points = (0..days * 48)
            .map(|i| {
                let busy = i / 48 % 7 < 6 && (26..40).contains(&(i % 48));
                let v = if busy { 8.0 } else { 0.0 };
                Step {
                    start: from + i * 1800,
                    volume: v,
                    p10: v,
                    p50: v,
                    p90: v,
                    aht_seconds: 300.0,
                }
            })
            .collect();
        let series = GroupSeries {
            queue_id: "2001".into(),
            queue_name: "Support".into(),
            channel: Channel::Voice,
            model: "test".into(),
            points,
        };
        let f = GroupForecast::new(
            Granularity::Interval(IntervalLength::Thirty),
            from,
            (days * 48) as usize,
            vec![series],
        );
        let doc = ws
            .put_json(DocumentKind::Forecast, "Support", "short", "", &[], &f)
            .unwrap();
        ws.publish_document(doc.id).unwrap().id
    }

    fn workspace(dir: &Path) -> Workspace {
        let mut ws = Workspace::create(&dir.join("w.wfm"), IntervalLength::Thirty, None).unwrap();
        ws.create_group("Support", &["2001".parse().unwrap()])
            .unwrap();
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml"),
        )
        .unwrap();
        import_scenario(&mut ws, &text, "example.toml").unwrap();
        ws
    }

    fn create(ws: &mut Workspace, week_start: Option<&str>) -> Result<DocumentInfo> {
        create_schedule(
            ws,
            &CreateSchedule {
                week_start: week_start.map(|d| d.parse().unwrap()),
                time_limit_seconds: TimeLimit::new(20.0).unwrap(),
                ..CreateSchedule::default()
            },
        )
    }

    #[test]
    fn a_schedule_is_valid_records_its_inputs_and_publishing_replaces_the_same_dates() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(dir.path());
        let forecast = publish_forecast(&mut ws, 7);
        let a = create(&mut ws, None).unwrap();
        let (info, s) = load_schedule(&ws, a.id).unwrap();
        assert_eq!(info.status, DocumentStatus::Draft);
        assert_eq!(
            (s.forecast_id, s.staffing_groups.as_slice()),
            (
                forecast,
                &["Day team".to_owned(), "Evening team".to_owned()][..]
            )
        );
        assert!(info.uses.contains(&forecast) && info.uses.contains(&s.scenario_id));
        assert!(validate(&s.scenario().unwrap(), &s.schedule).is_empty());
        assert!(s.shifts() > 0);
        assert!(s.report.unmet_intervals.is_empty());
        publish_schedule(&mut ws, a.id).unwrap();
        // the forecast is used by a published schedule
        let e = ws.delete_document(forecast).unwrap_err();
        assert!(
            matches!(&e, WfmError::InUse { item, used_by }
                if item.id == Some(forecast) && used_by.id == Some(a.id)),
            "{e}"
        );
        assert!(
            e.to_string().contains("used by the published schedule"),
            "{e}"
        );
        // other overlapping dates with the same staffing group: refused, naming it
        let b = create(&mut ws, Some("2026-03-03")).unwrap();
        let (_, sb) = load_schedule(&ws, b.id).unwrap();
        assert_eq!(
            (sb.start.to_string(), sb.end.to_string()),
            ("2026-03-03".into(), "2026-03-08".into())
        );
        let e = publish_schedule(&mut ws, b.id).unwrap_err();
        assert!(matches!(e, WfmError::Precondition { .. }), "{e}");
        assert!(
            e.to_string()
                .contains(&format!("published schedule {}", a.id)),
            "{e}"
        );
        delete_schedule(&mut ws, b.id).unwrap();
        // the same dates: replaced
        let c = create(&mut ws, None).unwrap();
        let p = publish_schedule(&mut ws, c.id).unwrap();
        assert_eq!(p.replaced, [a.id]);
        assert!(load_schedule(&ws, a.id).is_err());
        assert_eq!(list_schedules(&ws).unwrap().len(), 1);
        let e = delete_schedule(&mut ws, c.id).unwrap_err();
        assert!(
            matches!(&e, WfmError::AlreadyPublished { item, refused: Refused::Delete }
                if item.id == Some(c.id)),
            "{e}"
        );
        // not a schedule
        let e = load_schedule(&ws, forecast).unwrap_err();
        assert!(
            matches!(&e, WfmError::NotFound { item }
                if item.kind == crate::ItemKind::Document(DocumentKind::Schedule)),
            "{e}"
        );
    }

    #[test]
    fn a_draft_whose_forecast_was_replaced_must_be_generated_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(dir.path());
        let old = publish_forecast(&mut ws, 7);
        let a = create(&mut ws, None).unwrap();
        publish_forecast(&mut ws, 7);
        // a draft does not keep the older published forecast
        ws.delete_document(old).unwrap();
        let e = publish_schedule(&mut ws, a.id).unwrap_err();
        assert!(matches!(e, WfmError::Precondition { .. }), "{e}");
        assert!(e.to_string().contains("generate the schedule again"), "{e}");
    }

    #[test]
    fn requests_the_forecast_or_the_configuration_cannot_serve_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(dir.path());
        let e = create(&mut ws, None).unwrap_err();
        assert!(
            matches!(&e, WfmError::NotFound { item }
                if item.status == Some(DocumentStatus::Published) && item.name == "short"),
            "{e}"
        );
        publish_forecast(&mut ws, 3);
        let e = create(&mut ws, None).unwrap_err();
        assert!(
            e.to_string()
                .contains("not every day from 2026-03-02 to 2026-03-08"),
            "{e}"
        );
        publish_forecast(&mut ws, 7);
        let e = create(&mut ws, Some("2026-03-09")).unwrap_err();
        assert!(
            matches!(&e, WfmError::OutOfRange { what: "week start", value, .. } if value == "2026-03-09"),
            "{e}"
        );
        let e = create_schedule(
            &mut ws,
            &CreateSchedule {
                staffing_group: Some("Night team".into()),
                ..CreateSchedule::default()
            },
        )
        .unwrap_err();
        assert!(matches!(e, WfmError::Precondition { .. }), "{e}");
        assert!(e.to_string().contains("Day team, Evening team"), "{e}");
        assert!(list_schedules(&ws).unwrap().is_empty());
    }
}
