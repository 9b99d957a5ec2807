//! Applying a batch's edits one by one to a working copy of the schedule. Every reference
//! is checked against the copy as it is at that line (an edit may name a shift an earlier
//! line added); the first problem stops the batch, which is then discarded whole.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use wfm_core::history::InputIssue;

use super::log::LogEntry;
use super::notes::{Annotations, SharedActivity, ShiftComment};
use super::ops::{Edit, LocatedEdit};
use crate::scenario::Scenario;
use crate::schedule::{AgentSchedule, PlacedActivity, Schedule, Shift};

type Fail = Box<InputIssue>;
type R<T> = std::result::Result<T, Fail>;

/// The schedule being edited and what the batch did so far.
pub(crate) struct Work<'a> {
    pub(crate) scenario: &'a Scenario,
    pub(crate) file: &'a str,
    pub(crate) schedule: Schedule,
    pub(crate) notes: Annotations,
    /// The lines that touched each agent.
    pub(crate) touched: BTreeMap<String, Vec<u64>>,
    /// Agent-days whose breaks and meals are to be re-placed (re-optimise).
    pub(crate) reoptimise_days: BTreeSet<(String, NaiveDate)>,
    pub(crate) reoptimise: bool,
    pub(crate) log: Vec<LogEntry>,
    line: u64,
}

impl<'a> Work<'a> {
    pub(crate) fn new(
        scenario: &'a Scenario,
        file: &'a str,
        schedule: &Schedule,
        notes: &Annotations,
        reoptimise: bool,
    ) -> Self {
        Self {
            scenario,
            file,
            schedule: schedule.clone(),
            notes: notes.clone(),
            touched: BTreeMap::new(),
            reoptimise_days: BTreeSet::new(),
            reoptimise,
            log: Vec::new(),
            line: 0,
        }
    }

    fn fail(&self, field: &str, reason: impl Into<String>) -> Fail {
        Box::new(InputIssue::new(self.file, self.line, field, reason))
    }

    fn touch(&mut self, agent: &str) {
        let lines = self.touched.entry(agent.to_owned()).or_default();
        if lines.last() != Some(&self.line) {
            lines.push(self.line);
        }
    }

    /// Applies one edit.
    pub(crate) fn apply(&mut self, e: &LocatedEdit) -> R<()> {
        self.line = e.line;
        match &e.edit {
            Edit::MoveShift { agent, date, start } => self.move_shift(agent, *date, *start),
            Edit::ResizeShift {
                agent,
                date,
                start,
                end,
                duration_minutes,
            } => self.resize_shift(agent, *date, *start, *end, *duration_minutes),
            Edit::AddShift {
                agent,
                date,
                start,
                end,
                duration_minutes,
            } => self.add_shift(agent, *date, *start, *end, *duration_minutes),
            Edit::DeleteShift { agent, date } => self.delete_shift(agent, *date),
            Edit::CopyShift { agent, date, to } => self.copy_shift(agent, *date, to),
            Edit::Comment { agent, date, text } => self.comment(agent, *date, text),
            Edit::AddActivity {
                agents,
                date,
                activity,
                start,
                end,
                duration_minutes,
                shared,
                instance,
            } => {
                let span = (*start, *end, *duration_minutes);
                self.add_activity(agents, *date, activity, span, *shared, instance.as_deref())
            }
            Edit::RemoveActivity {
                agent,
                date,
                activity,
                at,
            } => self.remove_activity(agent, *date, activity, *at),
            Edit::ReplaceActivity {
                agent,
                date,
                activity,
                at,
                with,
            } => self.replace_activity(agent, *date, activity, *at, with),
            Edit::SetActivity {
                agent,
                date,
                activity,
                at,
                start,
                end,
                duration_minutes,
            } => self.set_activity(
                agent,
                *date,
                activity,
                *at,
                (*start, *end, *duration_minutes),
            ),
            Edit::SetShared {
                instance,
                start,
                end,
                duration_minutes,
            } => {
                let i = self.instance(instance)?;
                self.set_shared(i, (*start, *end, *duration_minutes))
            }
            Edit::AddAttendees { instance, agents } => self.add_attendees(instance, agents),
            Edit::RemoveAttendees { instance, agents } => self.remove_attendees(instance, agents),
        }
    }

    // ---- references ------------------------------------------------------------------

    /// The agent's index in the schedule; an agent of the configuration without shifts
    /// gets an (empty) entry.
    fn agent(&mut self, field: &str, name: &str) -> R<usize> {
        if let Some(i) = self.schedule.agents.iter().position(|a| a.agent == name) {
            return Ok(i);
        }
        if self.scenario.group_of(name).is_none() {
            return Err(self.fail(
                field,
                format!(
                    "unknown agent '{name}': in no staffing group of the schedule's configuration"
                ),
            ));
        }
        self.schedule.agents.push(AgentSchedule {
            agent: name.to_owned(),
            shifts: Vec::new(),
        });
        Ok(self.schedule.agents.len() - 1)
    }

    fn date(&self, date: NaiveDate) -> R<()> {
        let r = self.scenario.request();
        if date < r.start || date > r.end {
            return Err(self.fail(
                "date",
                format!(
                    "{date} is outside the schedule's dates {} to {}",
                    r.start, r.end
                ),
            ));
        }
        Ok(())
    }

    /// A time of a shift of `date`: within a day before the date and two after (a local
    /// evening shift ends the next UTC day).
    fn time(&self, field: &str, date: NaiveDate, t: DateTime<Utc>) -> R<()> {
        let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        if t < midnight - Duration::days(1) || t >= midnight + Duration::days(2) {
            return Err(self.fail(field, format!("{t} is outside the schedule around {date}")));
        }
        Ok(())
    }

    fn shift(&self, agent: usize, date: NaiveDate) -> R<usize> {
        let a = &self.schedule.agents[agent];
        a.shifts
            .iter()
            .position(|s| s.date == date)
            .ok_or_else(|| self.fail("date", format!("{} has no shift on {date}", a.agent)))
    }

    fn known_activity(&self, field: &str, name: &str) -> R<()> {
        if self.scenario.activity(name).is_none() {
            return Err(self.fail(
                field,
                format!("unknown activity '{name}': not in the schedule's configuration"),
            ));
        }
        Ok(())
    }

    fn activity(
        &self,
        agent: usize,
        shift: usize,
        name: &str,
        at: Option<DateTime<Utc>>,
    ) -> R<usize> {
        let a = &self.schedule.agents[agent];
        let s = &a.shifts[shift];
        let of_name: Vec<usize> = (0..s.activities.len())
            .filter(|&i| s.activities[i].activity == name)
            .collect();
        if of_name.is_empty() {
            return Err(self.fail(
                "activity",
                format!("{}'s shift on {} has no '{name}'", a.agent, s.date),
            ));
        }
        match at {
            Some(t) => of_name
                .into_iter()
                .find(|&i| s.activities[i].start == t)
                .ok_or_else(|| {
                    self.fail(
                        "at",
                        format!(
                            "{}'s shift on {} has no '{name}' starting at {t}",
                            a.agent, s.date
                        ),
                    )
                }),
            None if of_name.len() == 1 => Ok(of_name[0]),
            None => Err(self.fail(
                "at",
                format!(
                    "{}'s shift on {} has {} '{name}': give the start of the one meant",
                    a.agent,
                    s.date,
                    of_name.len()
                ),
            )),
        }
    }

    fn instance(&self, id: &str) -> R<usize> {
        self.notes
            .shared
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| self.fail("instance", format!("no shared activity '{id}'")))
    }

    /// `[start, end)` from a start and an end or a duration (default `default` minutes);
    /// a non-positive length is refused, naming the field.
    fn span(
        &self,
        start: DateTime<Utc>,
        end: Option<DateTime<Utc>>,
        minutes: Option<i64>,
        default: i64,
    ) -> R<(DateTime<Utc>, DateTime<Utc>)> {
        let end = match (end, minutes) {
            (Some(_), Some(_)) => {
                return Err(self.fail("duration_minutes", "give an end or a duration, not both"));
            }
            (Some(e), None) => e,
            (None, Some(m)) if m <= 0 => {
                return Err(self.fail("duration_minutes", format!("{m} is not a positive length")));
            }
            (None, Some(m)) if m > 24 * 60 => {
                return Err(self.fail("duration_minutes", format!("{m} is longer than a day")));
            }
            (None, Some(m)) => start + Duration::minutes(m),
            (None, None) => start + Duration::minutes(default),
        };
        if end <= start {
            return Err(self.fail("end", format!("{end} is not after the start {start}")));
        }
        Ok((start, end))
    }

    // ---- shifts ------------------------------------------------------------------------

    fn move_shift(&mut self, agent: &str, date: NaiveDate, start: DateTime<Utc>) -> R<()> {
        let a = self.agent("agent", agent)?;
        let i = self.shift(a, date)?;
        self.time("start", date, start)?;
        let s = &self.schedule.agents[a].shifts[i];
        let delta = start - s.start;
        let shared: Vec<bool> = s
            .activities
            .iter()
            .map(|p| self.notes.instance_of(p, agent).is_some())
            .collect();
        let s = &mut self.schedule.agents[a].shifts[i];
        s.start += delta;
        s.end += delta;
        for (p, shared) in s.activities.iter_mut().zip(shared) {
            if !shared {
                p.start += delta;
                p.end += delta;
            }
        }
        self.touch(agent);
        self.fit_to_shift(a, i);
        Ok(())
    }

    fn resize_shift(
        &mut self,
        agent: &str,
        date: NaiveDate,
        start: Option<DateTime<Utc>>,
        end: Option<DateTime<Utc>>,
        minutes: Option<i64>,
    ) -> R<()> {
        let a = self.agent("agent", agent)?;
        let i = self.shift(a, date)?;
        let s = &self.schedule.agents[a].shifts[i];
        let start = start.unwrap_or(s.start);
        self.time("start", date, start)?;
        let keep_end = (end.is_none() && minutes.is_none()).then_some(s.end);
        let (start, end) = self.span(start, end.or(keep_end), minutes, 0)?;
        self.time("end", date, end)?;
        let s = &mut self.schedule.agents[a].shifts[i];
        (s.start, s.end) = (start, end);
        self.touch(agent);
        self.fit_to_shift(a, i);
        Ok(())
    }

    fn add_shift(
        &mut self,
        agent: &str,
        date: NaiveDate,
        start: DateTime<Utc>,
        end: Option<DateTime<Utc>>,
        minutes: Option<i64>,
    ) -> R<()> {
        let a = self.agent("agent", agent)?;
        self.date(date)?;
        if self.shift(a, date).is_ok() {
            return Err(self.fail("date", format!("{agent} has a shift on {date} already")));
        }
        self.time("start", date, start)?;
        let (start, end) = self.span(start, end, minutes, 0)?;
        self.time("end", date, end)?;
        let shifts = &mut self.schedule.agents[a].shifts;
        shifts.push(Shift {
            date,
            start,
            end,
            activities: Vec::new(),
        });
        shifts.sort_by_key(|s| (s.date, s.start));
        self.touch(agent);
        Ok(())
    }

    fn delete_shift(&mut self, agent: &str, date: NaiveDate) -> R<()> {
        let a = self.agent("agent", agent)?;
        let i = self.shift(a, date)?;
        self.schedule.agents[a].shifts.remove(i);
        self.leave_shared(agent, date);
        self.notes
            .comments
            .retain(|c| !(c.agent == agent && c.date == date));
        self.touch(agent);
        Ok(())
    }

    fn copy_shift(&mut self, agent: &str, date: NaiveDate, to: &[String]) -> R<()> {
        let a = self.agent("agent", agent)?;
        let i = self.shift(a, date)?;
        if to.is_empty() {
            return Err(self.fail("to", "name at least one agent to copy the shift to"));
        }
        let source = self.schedule.agents[a].shifts[i].clone();
        let joins: Vec<usize> = (0..self.notes.shared.len())
            .filter(|&k| {
                let m = &self.notes.shared[k];
                m.date == date && source.activities.iter().any(|p| m.is(p, agent))
            })
            .collect();
        for target in to {
            if target == agent {
                return Err(self.fail("to", format!("{agent} is the agent copied from")));
            }
            let t = self.agent("to", target)?;
            self.leave_shared(target, date);
            let shifts = &mut self.schedule.agents[t].shifts;
            shifts.retain(|s| s.date != date);
            shifts.push(source.clone());
            shifts.sort_by_key(|s| (s.date, s.start));
            for &k in &joins {
                self.notes.shared[k].agents.push(target.clone());
            }
            self.touch(target);
        }
        Ok(())
    }

    fn comment(&mut self, agent: &str, date: NaiveDate, text: &str) -> R<()> {
        let a = self.agent("agent", agent)?;
        self.shift(a, date)?;
        self.notes
            .comments
            .retain(|c| !(c.agent == agent && c.date == date));
        if !text.trim().is_empty() {
            self.notes.comments.push(ShiftComment {
                agent: agent.to_owned(),
                date,
                text: text.to_owned(),
            });
            self.notes
                .comments
                .sort_by(|x, y| (&x.agent, x.date).cmp(&(&y.agent, y.date)));
        }
        self.touch(agent);
        Ok(())
    }

    // ---- activities --------------------------------------------------------------------

    fn add_activity(
        &mut self,
        agents: &[String],
        date: NaiveDate,
        activity: &str,
        (start, end, minutes): (DateTime<Utc>, Option<DateTime<Utc>>, Option<i64>),
        shared: bool,
        instance: Option<&str>,
    ) -> R<()> {
        self.known_activity("activity", activity)?;
        if agents.is_empty() {
            return Err(self.fail("agents", "name at least one agent"));
        }
        let default = self
            .scenario
            .activity(activity)
            .map_or(0, |x| i64::from(x.duration_minutes));
        self.time("start", date, start)?;
        let (start, end) = self.span(start, end, minutes, default)?;
        self.time("end", date, end)?;
        let mut seen = BTreeSet::new();
        for agent in agents {
            if !seen.insert(agent) {
                return Err(self.fail("agents", format!("{agent} is named twice")));
            }
            let a = self.agent("agents", agent)?;
            let i = self.shift(a, date)?;
            let placed = PlacedActivity {
                activity: activity.to_owned(),
                start,
                end,
            };
            self.place(a, i, placed);
        }
        if shared {
            let id = match instance {
                Some(id) if self.notes.shared.iter().any(|s| s.id == id) => {
                    return Err(
                        self.fail("instance", format!("shared activity '{id}' exists already"))
                    );
                }
                Some(id) if id.trim().is_empty() => {
                    return Err(self.fail("instance", "an instance id cannot be empty"));
                }
                Some(id) => id.to_owned(),
                None => self.notes.next_id(),
            };
            self.notes.shared.push(SharedActivity {
                id,
                activity: activity.to_owned(),
                date,
                start,
                end,
                agents: agents.to_vec(),
            });
        } else if instance.is_some() {
            return Err(self.fail("instance", "an instance id needs \"shared\": true"));
        }
        Ok(())
    }

    fn remove_activity(
        &mut self,
        agent: &str,
        date: NaiveDate,
        activity: &str,
        at: Option<DateTime<Utc>>,
    ) -> R<()> {
        let a = self.agent("agent", agent)?;
        let i = self.shift(a, date)?;
        let k = self.activity(a, i, activity, at)?;
        let p = self.schedule.agents[a].shifts[i].activities.remove(k);
        for m in &mut self.notes.shared {
            if m.is(&p, agent) {
                m.agents.retain(|x| x != agent);
            }
        }
        self.notes.shared.retain(|m| !m.agents.is_empty());
        self.touch(agent);
        Ok(())
    }

    fn replace_activity(
        &mut self,
        agent: &str,
        date: NaiveDate,
        activity: &str,
        at: Option<DateTime<Utc>>,
        with: &str,
    ) -> R<()> {
        self.known_activity("with", with)?;
        let a = self.agent("agent", agent)?;
        let i = self.shift(a, date)?;
        let k = self.activity(a, i, activity, at)?;
        let p = self.schedule.agents[a].shifts[i].activities[k].clone();
        if let Some(m) = self.notes.shared.iter().position(|m| m.is(&p, agent)) {
            let members = self.notes.shared[m].agents.clone();
            for member in &members {
                self.rewrite_member(member, &self.notes.shared[m].clone(), |x| {
                    x.activity = with.to_owned();
                });
            }
            self.notes.shared[m].activity = with.to_owned();
            return Ok(());
        }
        self.schedule.agents[a].shifts[i].activities[k].activity = with.to_owned();
        self.touch(agent);
        Ok(())
    }

    fn set_activity(
        &mut self,
        agent: &str,
        date: NaiveDate,
        activity: &str,
        at: Option<DateTime<Utc>>,
        span: (Option<DateTime<Utc>>, Option<DateTime<Utc>>, Option<i64>),
    ) -> R<()> {
        let a = self.agent("agent", agent)?;
        let i = self.shift(a, date)?;
        let k = self.activity(a, i, activity, at)?;
        let p = self.schedule.agents[a].shifts[i].activities[k].clone();
        if let Some(m) = self.notes.shared.iter().position(|m| m.is(&p, agent)) {
            return self.set_shared(m, span);
        }
        let (start, end) = self.new_span(date, &p, span)?;
        let s = &mut self.schedule.agents[a].shifts[i];
        s.activities.remove(k);
        self.place(
            a,
            i,
            PlacedActivity {
                activity: p.activity,
                start,
                end,
            },
        );
        Ok(())
    }

    /// The new times of `p`: a start alone keeps its length.
    fn new_span(
        &self,
        date: NaiveDate,
        p: &PlacedActivity,
        (start, end, minutes): (Option<DateTime<Utc>>, Option<DateTime<Utc>>, Option<i64>),
    ) -> R<(DateTime<Utc>, DateTime<Utc>)> {
        if start.is_none() && end.is_none() && minutes.is_none() {
            return Err(self.fail("start", "give a new start, end or duration_minutes"));
        }
        let s = start.unwrap_or(p.start);
        self.time("start", date, s)?;
        let keep = (end.is_none() && minutes.is_none()).then_some(s + (p.end - p.start));
        let (s, e) = self.span(s, end.or(keep), minutes, 0)?;
        self.time("end", date, e)?;
        Ok((s, e))
    }

    fn set_shared(
        &mut self,
        m: usize,
        span: (Option<DateTime<Utc>>, Option<DateTime<Utc>>, Option<i64>),
    ) -> R<()> {
        let old = self.notes.shared[m].clone();
        let probe = PlacedActivity {
            activity: old.activity.clone(),
            start: old.start,
            end: old.end,
        };
        let (start, end) = self.new_span(old.date, &probe, span)?;
        for member in &old.agents {
            let Some((a, i)) = self.member_shift(member, &old) else {
                continue;
            };
            let shift = &mut self.schedule.agents[a].shifts[i];
            shift.activities.retain(|x| !old.is(x, member));
            self.place(
                a,
                i,
                PlacedActivity {
                    activity: old.activity.clone(),
                    start,
                    end,
                },
            );
        }
        (self.notes.shared[m].start, self.notes.shared[m].end) = (start, end);
        Ok(())
    }

    fn add_attendees(&mut self, id: &str, agents: &[String]) -> R<()> {
        let m = self.instance(id)?;
        let inst = self.notes.shared[m].clone();
        for agent in agents {
            if inst.agents.contains(agent) || self.notes.shared[m].agents.contains(agent) {
                return Err(self.fail("agents", format!("{agent} attends '{id}' already")));
            }
            let a = self.agent("agents", agent)?;
            let i = self.shift(a, inst.date)?;
            self.place(
                a,
                i,
                PlacedActivity {
                    activity: inst.activity.clone(),
                    start: inst.start,
                    end: inst.end,
                },
            );
            self.notes.shared[m].agents.push(agent.clone());
        }
        Ok(())
    }

    fn remove_attendees(&mut self, id: &str, agents: &[String]) -> R<()> {
        let m = self.instance(id)?;
        let inst = self.notes.shared[m].clone();
        for agent in agents {
            if !inst.agents.contains(agent) {
                return Err(self.fail("agents", format!("{agent} does not attend '{id}'")));
            }
            if let Some((a, i)) = self.member_shift(agent, &inst) {
                self.schedule.agents[a].shifts[i]
                    .activities
                    .retain(|x| !inst.is(x, agent));
            }
            self.touch(agent);
        }
        self.notes.shared[m].agents.retain(|a| !agents.contains(a));
        self.notes.shared.retain(|s| !s.agents.is_empty());
        Ok(())
    }

    // ---- helpers -----------------------------------------------------------------------

    fn member_shift(&self, agent: &str, m: &SharedActivity) -> Option<(usize, usize)> {
        let a = self.schedule.agents.iter().position(|x| x.agent == agent)?;
        let i = self.schedule.agents[a]
            .shifts
            .iter()
            .position(|s| s.date == m.date && s.activities.iter().any(|p| m.is(p, agent)))?;
        Some((a, i))
    }

    fn rewrite_member(&mut self, agent: &str, m: &SharedActivity, f: impl Fn(&mut PlacedActivity)) {
        if let Some((a, i)) = self.member_shift(agent, m) {
            for p in &mut self.schedule.agents[a].shifts[i].activities {
                if m.is(p, agent) {
                    f(p);
                }
            }
            self.touch(agent);
        }
    }

    /// `agent`'s shared instances on `date` lose them as an attendee.
    fn leave_shared(&mut self, agent: &str, date: NaiveDate) {
        for m in &mut self.notes.shared {
            if m.date == date {
                m.agents.retain(|x| x != agent);
            }
        }
        self.notes.shared.retain(|m| !m.agents.is_empty());
    }

    /// Puts `placed` into shift `i` of agent `a`; breaks and meals it overlaps are
    /// shortened (the longer side kept) or removed — or, when re-optimising, left for the
    /// re-placement of the day.
    fn place(&mut self, a: usize, i: usize, placed: PlacedActivity) {
        let agent = self.schedule.agents[a].agent.clone();
        let date = self.schedule.agents[a].shifts[i].date;
        let (lo, hi) = (placed.start, placed.end);
        let is_break = |scenario: &Scenario, p: &PlacedActivity| {
            scenario
                .activity(&p.activity)
                .is_some_and(|x| x.kind.is_break())
        };
        let mut out = Vec::new();
        let mut to_reoptimise = false;
        for p in std::mem::take(&mut self.schedule.agents[a].shifts[i].activities) {
            let overlaps = p.start < hi && p.end > lo;
            let shared = self.notes.instance_of(&p, &agent).is_some();
            if !overlaps || !is_break(self.scenario, &p) || shared {
                out.push(p);
                continue;
            }
            if self.reoptimise {
                to_reoptimise = true;
                out.push(p);
                continue;
            }
            let before = (lo - p.start).num_minutes().max(0);
            let after = (p.end - hi).num_minutes().max(0);
            let from = p.minutes();
            let kept = if before >= after && before > 0 {
                Some(PlacedActivity {
                    end: lo,
                    ..p.clone()
                })
            } else if after > 0 {
                Some(PlacedActivity {
                    start: hi,
                    ..p.clone()
                })
            } else {
                None
            };
            self.log.push(LogEntry::Shortened {
                agent: agent.clone(),
                date,
                activity: p.activity.clone(),
                from_minutes: from,
                to_minutes: kept.as_ref().map_or(0, PlacedActivity::minutes),
            });
            out.extend(kept);
        }
        out.push(placed);
        out.sort_by_key(|p| (p.start, p.end));
        self.schedule.agents[a].shifts[i].activities = out;
        if to_reoptimise {
            self.reoptimise_days.insert((agent.clone(), date));
        }
        self.touch(&agent);
    }

    /// Cuts shift `i`'s individual activities to its bounds (removing those left empty)
    /// and logs each; when re-optimising, the day's breaks are re-placed instead.
    fn fit_to_shift(&mut self, a: usize, i: usize) {
        let agent = self.schedule.agents[a].agent.clone();
        let s = &self.schedule.agents[a].shifts[i];
        let (lo, hi, date) = (s.start, s.end, s.date);
        if self.reoptimise {
            self.reoptimise_days.insert((agent.clone(), date));
        }
        let mut out = Vec::new();
        for p in std::mem::take(&mut self.schedule.agents[a].shifts[i].activities) {
            let inside = p.start >= lo && p.end <= hi;
            if inside || self.notes.instance_of(&p, &agent).is_some() {
                out.push(p);
                continue;
            }
            let cut = PlacedActivity {
                activity: p.activity.clone(),
                start: p.start.max(lo),
                end: p.end.min(hi),
            };
            let kept = (cut.end > cut.start).then_some(cut);
            self.log.push(LogEntry::Shortened {
                agent: agent.clone(),
                date,
                activity: p.activity.clone(),
                from_minutes: p.minutes(),
                to_minutes: kept.as_ref().map_or(0, PlacedActivity::minutes),
            });
            out.extend(kept);
        }
        self.schedule.agents[a].shifts[i].activities = out;
    }
}
