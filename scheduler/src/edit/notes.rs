//! What a schedule carries besides its shifts once it is edited: shared activity
//! instances (one meeting many agents attend) and comments on shifts. Kept beside the
//! [`Schedule`](crate::Schedule) so that documents written before editing existed read
//! and write unchanged.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::schedule::{PlacedActivity, Schedule};

/// One activity instance shared by several agents (SPEC §6 "shared" activity): each
/// attendee's shift holds a [`PlacedActivity`] of the same activity and times; an edit of
/// the instance applies to all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedActivity {
    /// The instance id (unique in the schedule).
    pub id: String,
    /// The activity.
    pub activity: String,
    /// The schedule day of the attendees' shifts.
    pub date: NaiveDate,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant.
    pub end: DateTime<Utc>,
    /// The attendees, in the order they were added.
    pub agents: Vec<String>,
}

impl SharedActivity {
    /// Whether `placed` (in `agent`'s shift) is this instance's activity.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use wfm_scheduler::PlacedActivity;
    /// use wfm_scheduler::edit::SharedActivity;
    /// let t = |h| Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap();
    /// let m = SharedActivity { id: "standup".into(), activity: "Team meeting".into(),
    ///     date: "2026-03-02".parse().unwrap(), start: t(14), end: t(15), agents: vec!["ana".into()] };
    /// let p = PlacedActivity { activity: "Team meeting".into(), start: t(14), end: t(15) };
    /// assert!(m.is(&p, "ana") && !m.is(&p, "ben"));
    /// ```
    pub fn is(&self, placed: &PlacedActivity, agent: &str) -> bool {
        placed.activity == self.activity
            && placed.start == self.start
            && placed.end == self.end
            && self.agents.iter().any(|a| a == agent)
    }
}

/// A comment on one agent's shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftComment {
    /// The agent.
    pub agent: String,
    /// The shift's schedule day.
    pub date: NaiveDate,
    /// The comment.
    pub text: String,
}

/// Shared instances and comments of a schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotations {
    /// Shared activity instances.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared: Vec<SharedActivity>,
    /// Comments on shifts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<ShiftComment>,
}

impl Annotations {
    /// Whether there is nothing (the default, left out of a stored document).
    ///
    /// ```
    /// assert!(wfm_scheduler::edit::Annotations::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.shared.is_empty() && self.comments.is_empty()
    }

    /// The comment on `agent`'s shift of `date`.
    pub fn comment(&self, agent: &str, date: NaiveDate) -> Option<&str> {
        self.comments
            .iter()
            .find(|c| c.agent == agent && c.date == date)
            .map(|c| c.text.as_str())
    }

    /// The shared instance `placed` of `agent` belongs to.
    pub fn instance_of(&self, placed: &PlacedActivity, agent: &str) -> Option<&SharedActivity> {
        self.shared.iter().find(|s| s.is(placed, agent))
    }

    /// The next free generated instance id, `shared-N`.
    pub(crate) fn next_id(&self) -> String {
        let n = self
            .shared
            .iter()
            .filter_map(|s| s.id.strip_prefix("shared-")?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("shared-{}", n + 1)
    }

    /// Keeps only what still holds in `schedule`: an attendee whose shift no longer has
    /// the instance's activity at its times leaves it; an instance without attendees and
    /// a comment on a shift that is gone are dropped. Returns the attendees detached.
    pub(crate) fn reconcile(&mut self, schedule: &Schedule) -> Vec<(String, String)> {
        let has = |agent: &str, s: &SharedActivity| {
            schedule.agents.iter().any(|a| {
                a.agent == agent
                    && a.shifts.iter().any(|sh| {
                        sh.date == s.date
                            && sh.activities.iter().any(|p| {
                                p.activity == s.activity && p.start == s.start && p.end == s.end
                            })
                    })
            })
        };
        let mut detached = Vec::new();
        for s in &mut self.shared {
            let id = s.id.clone();
            let before = std::mem::take(&mut s.agents);
            for a in before {
                if has(&a, s) {
                    s.agents.push(a);
                } else {
                    detached.push((id.clone(), a));
                }
            }
        }
        self.shared.retain(|s| !s.agents.is_empty());
        self.comments.retain(|c| {
            schedule
                .agents
                .iter()
                .any(|a| a.agent == c.agent && a.shifts.iter().any(|s| s.date == c.date))
        });
        detached
    }
}
