//! Importing a file of agent state events: parsed as a stream (on other threads than the
//! one that stores), de-duplicated and ordered
//! within the watermark, stored in one transaction (all or nothing: any bad line and
//! nothing is stored, every problem named `FILE:LINE: field: reason`), then the last 30
//! days recomputed.

use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;
use std::ops::ControlFlow;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use wfm_scheduler::adherence::{AgentEvent, SequenceReport, Sequencer, for_each_event, instant};

use super::published::published_schedules;
use super::recalc::{Recalculation, recalculate};
use super::store::EventImportInfo;
use crate::Workspace;
use crate::error::{InputError, Result, WfmError};

/// Problems kept per import (all are counted).
const KEPT_ERRORS: usize = 100;
/// Events written to the store at a time.
const CHUNK: usize = 8192;

/// How to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions {
    /// How long an event may arrive after newer ones and still be placed, minutes.
    pub watermark_minutes: u32,
    /// Recompute the last 30 days afterwards.
    pub recalculate: bool,
}

impl Default for ImportOptions {
    /// A 5-minute watermark, recomputed.
    fn default() -> Self {
        Self {
            watermark_minutes: 5,
            recalculate: true,
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventImport {
    /// The stored import.
    pub info: EventImportInfo,
    /// Duplicates, late events (not stored) and counts.
    pub sequence: SequenceReport,
    /// Events already stored by an earlier import (by key).
    pub already_stored: u64,
    /// Agents in no published schedule, with their event counts (stored all the same).
    pub unknown_agents: BTreeMap<String, u64>,
    /// The first and last event instants.
    pub span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The recalculation that followed.
    pub recalculation: Option<Recalculation>,
}

/// Imports the events of `input` (named `file` in problems); see the module docs.
///
/// # Errors
/// [`WfmError::InvalidInput`] with every problem (nothing stored); a storage failure.
pub fn import_events(
    ws: &mut Workspace,
    input: impl BufRead,
    file: &str,
    options: &ImportOptions,
) -> Result<EventImport> {
    ws.require_change(
        crate::access::Permission::SchedulingEdit,
        &crate::access::Target::Workspace,
        "adherence.import",
    )?;
    let known: HashSet<String> = published_schedules(ws, NaiveDate::MIN, NaiveDate::MAX)?
        .iter()
        .flat_map(|p| p.stored.schedule.agents.iter().map(|a| a.agent.clone()))
        .collect();
    let mut input = Some(input);
    let mut sequencer = Sequencer::new(i64::from(options.watermark_minutes) * 60_000);
    // events per agent (one look-up per event), the unknown ones picked out at the end
    let mut per_agent: foldhash::HashMap<String, u64> = foldhash::HashMap::default();
    let mut span: Option<(i64, i64)> = None;
    let mut new = 0u64;
    let now = ws.now();
    let actor = ws.actor().to_string();
    let info = ws
        .store_mut()
        .import_events(file, now, &actor, &mut |sink| {
            let Some(input) = input.take() else {
                return Ok(());
            };
            let (mut errors, mut not_shown) = (Vec::<InputError>::new(), 0u64);
            let mut chunk: Vec<AgentEvent> = Vec::with_capacity(CHUNK);
            let mut failure = None;
            // parsed on other threads while this one orders and stores
            for_each_event(input, file, &mut |item| {
                match item {
                    Ok(e) => {
                        match per_agent.get_mut(e.agent.as_str()) {
                            Some(n) => *n += 1,
                            None => drop(per_agent.insert(e.agent.to_string(), 1)),
                        }
                        span = Some(span.map_or((e.at, e.at), |(a, b)| (a.min(e.at), b.max(e.at))));
                        sequencer.push(e, &mut |e| chunk.push(e));
                    }
                    Err(issue) if errors.len() < KEPT_ERRORS => errors.push(issue),
                    Err(_) => not_shown += 1,
                }
                if chunk.len() >= CHUNK && errors.is_empty() {
                    match sink.add(&chunk) {
                        Ok(n) => new += n,
                        Err(e) => {
                            failure = Some(e);
                            return ControlFlow::Break(());
                        }
                    }
                    chunk.clear();
                }
                ControlFlow::Continue(())
            });
            if let Some(e) = failure {
                return Err(e);
            }
            if !errors.is_empty() {
                return Err(WfmError::InvalidInput { errors, not_shown });
            }
            sequencer.finish(&mut |e| chunk.push(e));
            new += sink.add(&chunk)?;
            Ok(())
        })?;
    let sequence = sequencer.report().clone();
    let recalculation = if options.recalculate {
        Some(recalculate(ws, now)?)
    } else {
        None
    };
    Ok(EventImport {
        info,
        already_stored: sequence.released.saturating_sub(new),
        sequence,
        unknown_agents: per_agent
            .into_iter()
            .filter(|(agent, _)| !known.contains(agent))
            .collect(),
        span: span.map(|(a, b)| (instant(a), instant(b))),
        recalculation,
    })
}
