//! The data-sufficiency check on a workspace: the effective baseline of all
//! queues of all forecast groups (or one group's), short- and long-term, as of a date.

use chrono::{DateTime, Utc};
use serde::Serialize;
use wfm_core::history::{
    ForecastGroupQueues, Horizon, QueueId, SufficiencyOptions, SufficiencyReport, check_sufficiency,
};

use crate::error::{Item, ItemKind, Result, WfmError};
use crate::store::Workspace;

/// The short- and long-term reports.
#[derive(Debug, Clone, Serialize)]
pub struct SufficiencyCheck {
    /// The groups checked.
    pub groups: Vec<String>,
    /// Interval data at the workspace interval.
    pub short_term: SufficiencyReport,
    /// Daily data.
    pub long_term: SufficiencyReport,
}

impl SufficiencyCheck {
    /// Whether both horizons pass.
    ///
    /// ```ignore
    /// assert!(check.passed());
    /// ```
    pub fn passed(&self) -> bool {
        self.short_term.passed() && self.long_term.passed()
    }
}

impl Workspace {
    /// Checks data sufficiency as of `as_of` over the queues of every forecast group (or
    /// only of `group`); the reports name each failed rule with its numbers.
    ///
    /// # Errors
    /// `Precondition` if there is no forecast group (`NotFound`: no such group).
    ///
    /// ```
    /// use wfm::Workspace;
    /// use wfm::core::IntervalLength;
    /// let dir = tempfile::tempdir()?;
    /// let mut ws = Workspace::create(&dir.path().join("w.wfm"), IntervalLength::Thirty, None)?;
    /// ws.create_group("Sales", &["q1".parse()?])?;
    /// let check = ws.check_sufficiency(None, chrono::Utc::now())?;
    /// assert!(!check.passed()); // no history at all
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_sufficiency(
        &self,
        group: Option<&str>,
        as_of: DateTime<Utc>,
    ) -> Result<SufficiencyCheck> {
        let interval = self.settings()?.interval;
        let mut groups = self.groups()?;
        if let Some(name) = group {
            groups.retain(|g| g.name == name);
            if groups.is_empty() {
                return Err(WfmError::NotFound {
                    item: Item::new(ItemKind::ForecastGroup, name),
                });
            }
        }
        if groups.is_empty() {
            return Err(WfmError::Precondition {
                what: "no forecast group: the check covers the queues of all groups; create one"
                    .into(),
            });
        }
        let groups: Vec<ForecastGroupQueues> = groups
            .into_iter()
            .map(|g| ForecastGroupQueues {
                name: g.name,
                queues: g.queues,
            })
            .collect();
        let queues: Vec<QueueId> = groups.iter().flat_map(|g| g.queues.clone()).collect();
        let loaded = self.load_history_unchecked(Some(&queues))?;
        let report = |horizon: Horizon| {
            check_sufficiency(
                loaded.layers.effective().map(|e| e.record),
                &loaded.queues,
                &groups,
                &SufficiencyOptions::new(as_of, horizon),
            )
        };
        Ok(SufficiencyCheck {
            groups: groups.iter().map(|g| g.name.clone()).collect(),
            short_term: report(Horizon::ShortTerm(interval)),
            long_term: report(Horizon::LongTerm),
        })
    }
}
