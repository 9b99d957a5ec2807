//! What the time-off rules read from the rest of the workspace: the scheduling
//! configuration (agents, staffing groups, activities, profiles) and the published
//! schedules (the shifts a deduction is measured on).
//!
//! Read once per workspace state, not per decision: [`Context::load`] lists what the
//! context is made of — the configuration document (stored anew at each import: ids
//! are never reused) and each published schedule with its edit version (a published
//! schedule's content changes only through an edit, which raises it) — and reuses the
//! context read last when that list is the same ([`ContextCache`], one per
//! [`Workspace`]). A publish, an edit or an import in between, by this process or
//! another, changes the list, and the next decision reads them.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, Utc};
use wfm_scheduler::timeoff::{self, Deduction, TimeOffError};
use wfm_scheduler::{ActivityKind, Scenario, Shift};

use crate::Workspace;
use crate::error::Result;
use crate::scheduling::workspace::{self as scheduling, StoredSchedule, StoredScheduleScenario};
use crate::store::{DocumentId, DocumentInfo, DocumentKind, DocumentStatus};

/// What a context was read from: the configuration document (id, stored at, size) and
/// the published schedules with their versions, in listing order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sources {
    scenario: (DocumentId, DateTime<Utc>, u64),
    published: Vec<(DocumentId, u64)>,
}

/// The context read last on a workspace, with what it was read from (see the module
/// docs).
#[derive(Debug, Default)]
pub(crate) struct ContextCache(Mutex<Option<(Sources, Arc<Context>)>>);

impl ContextCache {
    fn get(&self, sources: &Sources) -> Option<Arc<Context>> {
        let last = self.0.lock().ok()?;
        last.as_ref()
            .filter(|(s, _)| s == sources)
            .map(|(_, c)| Arc::clone(c))
    }

    fn put(&self, sources: Sources, ctx: &Arc<Context>) {
        if let Ok(mut last) = self.0.lock() {
            *last = Some((sources, Arc::clone(ctx)));
        }
    }
}

/// The configuration and published schedules, read once per operation.
#[derive(Debug)]
pub(crate) struct Context {
    pub(crate) scenario: Scenario,
    pub(crate) published: Vec<Published>,
}

/// A published schedule as read, with its document and version (an edit made from it
/// is stored only if the schedule is still at that version).
#[derive(Debug)]
pub(crate) struct Published {
    pub(crate) id: DocumentId,
    pub(crate) version: u64,
    pub(crate) stored: StoredSchedule,
}

impl Published {
    /// Whether it is the schedule `agent` (of staffing group `group`) sees on `date`.
    pub(crate) fn covers(&self, group: &str, date: NaiveDate) -> bool {
        let s = &self.stored;
        s.start <= date && date <= s.end && s.staffing_groups.iter().any(|g| g == group)
    }
}

/// An agent's staffing group and its forecast group, and the group's time-off switches.
#[derive(Debug, Clone)]
pub(crate) struct AgentGroup {
    pub(crate) staffing_group: String,
    pub(crate) forecast_group: String,
    pub(crate) requests_enabled: bool,
    pub(crate) supervisor_approval: bool,
}

impl Context {
    /// The current configuration and every published schedule: read again only when
    /// one of them changed since the last call on this workspace (see the module docs).
    pub(crate) fn load(ws: &Workspace) -> Result<Arc<Self>> {
        let Some(doc) = ws
            .documents_unchecked(scheduling::SCENARIO_DOCUMENT, None)?
            .pop()
        else {
            // none: the error of reading it
            return Err(scheduling::current_scenario(ws).err().unwrap_or_else(|| {
                crate::WfmError::Store("the scheduling configuration vanished".into())
            }));
        };
        let mut published = Vec::new();
        for d in ws.documents_unchecked(DocumentKind::Schedule, None)? {
            if d.status == DocumentStatus::Published {
                published.push((d.id, ws.store().schedule_version(d.id)?));
            }
        }
        let sources = Sources {
            scenario: (doc.id, doc.created_at, doc.bytes),
            published,
        };
        let cache = ws.time_off_cache();
        if let Some(ctx) = cache.get(&sources) {
            return Ok(ctx);
        }
        let ctx = Arc::new(Self::read(ws, &doc, &sources.published)?);
        cache.put(sources, &ctx);
        Ok(ctx)
    }

    /// Reads the configuration `doc` and the published schedules at their versions.
    fn read(ws: &Workspace, doc: &DocumentInfo, published: &[(DocumentId, u64)]) -> Result<Self> {
        let scenario = ws
            .get_json_unchecked::<StoredScheduleScenario>(doc.id)?
            .1
            .scenario(doc.id)?;
        let mut schedules = Vec::with_capacity(published.len());
        for &(id, version) in published {
            schedules.push(Published {
                id,
                version,
                stored: ws.get_json_unchecked::<StoredSchedule>(id)?.1,
            });
        }
        Ok(Self {
            scenario,
            published: schedules,
        })
    }

    /// The agent's groups.
    pub(crate) fn agent(&self, agent: &str) -> Result<AgentGroup, TimeOffError> {
        let g = self
            .scenario
            .group_of(agent)
            .ok_or_else(|| TimeOffError::UnknownAgent {
                agent: agent.to_owned(),
            })?;
        Ok(AgentGroup {
            staffing_group: g.name.clone(),
            forecast_group: g.forecast_group.clone(),
            requests_enabled: g.time_off_requests,
            supervisor_approval: g.supervisor_approval,
        })
    }

    /// Checks `activity` is an activity of `kind`.
    pub(crate) fn activity_of_kind(
        &self,
        activity: &str,
        kind: ActivityKind,
        expected: &'static str,
    ) -> Result<&wfm_scheduler::ShiftActivity, TimeOffError> {
        let a = self
            .scenario
            .activity(activity)
            .ok_or_else(|| TimeOffError::UnknownActivity {
                activity: activity.to_owned(),
            })?;
        if a.kind != kind {
            return Err(TimeOffError::WrongActivityKind {
                activity: activity.to_owned(),
                expected,
            });
        }
        Ok(a)
    }

    /// The agent's published shifts on `date`, `None` when no published schedule covers
    /// the agent that day.
    fn published_shifts(&self, agent: &str, date: NaiveDate) -> Option<Vec<Shift>> {
        let s = &self.published[self.schedule_of(agent, date)?].stored;
        Some(
            s.schedule
                .agents
                .iter()
                .filter(|a| a.agent == agent)
                .flat_map(|a| a.shifts.iter().filter(|sh| sh.date == date).cloned())
                .collect(),
        )
    }

    /// The published schedule `agent` sees on `date` (the latest one covering it), by
    /// its position in `published`.
    pub(crate) fn schedule_of(&self, agent: &str, date: NaiveDate) -> Option<usize> {
        let group = self.scenario.group_of(agent)?;
        self.published
            .iter()
            .rposition(|p| p.covers(&group.name, date))
    }

    /// What a request of `agent` over `[start, end)` deducts.
    pub(crate) fn deduction(
        &self,
        agent: &str,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Deduction {
        timeoff::deduct_for_agent(&self.scenario, agent, start, end, &|d| {
            self.published_shifts(agent, d)
        })
    }

    /// Every time-off activity's name.
    pub(crate) fn time_off_activities(&self) -> std::collections::HashSet<String> {
        self.scenario
            .config()
            .activities
            .iter()
            .filter(|a| a.kind == ActivityKind::TimeOff)
            .map(|a| a.name.clone())
            .collect()
    }

    /// Every agent of a staffing group.
    pub(crate) fn agents(&self) -> std::collections::HashSet<String> {
        self.scenario
            .agents()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// The agents of a staffing group.
    pub(crate) fn group_agents(&self, group: &str) -> Option<Vec<String>> {
        self.scenario
            .config()
            .staffing_groups
            .iter()
            .find(|g| g.name == group)
            .map(|g| g.agents.clone())
    }

    /// The published schedules, the latest last.
    pub(crate) fn published_schedules(&self) -> impl DoubleEndedIterator<Item = &StoredSchedule> {
        self.published.iter().map(|p| &p.stored)
    }
}
