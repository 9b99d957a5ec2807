//! Time-off requests: who asks, what they ask for, the rules evaluated on them with every
//! failure's numbers, and the status they move through:
//! Pending → Approved | Denied | Cancelled, plus Waitlisted (a request denied for want of
//! allowance that waits, first come first served, for room to open).

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::allowance::{AllowanceKey, AllowanceSlot, hours};
use super::deduction::Deduction;

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Waiting for a supervisor.
    Pending,
    /// Approved: deducted from the balance and the allowance.
    Approved,
    /// Denied.
    Denied,
    /// Cancelled (what was deducted was given back).
    Cancelled,
    /// Denied for want of allowance, waiting for room (approved first come, first served).
    Waitlisted,
}

impl RequestStatus {
    /// Every status, in the order above.
    pub const ALL: [Self; 5] = [
        Self::Pending,
        Self::Approved,
        Self::Denied,
        Self::Cancelled,
        Self::Waitlisted,
    ];

    /// The stored and shown name.
    ///
    /// ```
    /// assert_eq!(wfm_scheduler::timeoff::RequestStatus::Waitlisted.as_str(), "waitlisted");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Denied => "denied",
            Self::Cancelled => "cancelled",
            Self::Waitlisted => "waitlisted",
        }
    }

    /// The status of a name (case-insensitive).
    ///
    /// ```
    /// use wfm_scheduler::timeoff::RequestStatus;
    /// assert_eq!(RequestStatus::parse("Approved"), Some(RequestStatus::Approved));
    /// ```
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Whether a supervisor may take `action` on a request in this status.
    ///
    /// ```
    /// use wfm_scheduler::timeoff::{Action, RequestStatus};
    /// assert!(RequestStatus::Approved.allows(Action::Cancel));
    /// assert!(!RequestStatus::Cancelled.allows(Action::Approve));
    /// ```
    pub fn allows(self, action: Action) -> bool {
        use RequestStatus::*;
        match action {
            Action::Approve | Action::Deny => matches!(self, Pending | Waitlisted),
            Action::Cancel | Action::Edit => matches!(self, Pending | Waitlisted | Approved),
        }
    }
}

impl fmt::Display for RequestStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a supervisor does to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Approve.
    Approve,
    /// Deny.
    Deny,
    /// Cancel.
    Cancel,
    /// Change the activity, times or reason.
    Edit,
}

impl Action {
    /// The past participle an error uses (`cannot be approved`).
    pub fn done(self) -> &'static str {
        match self {
            Self::Approve => "approved",
            Self::Deny => "denied",
            Self::Cancel => "cancelled",
            Self::Edit => "edited",
        }
    }
}

/// Who made a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requester {
    /// The agent, for themselves: agent-requestable types only.
    Agent,
    /// A supervisor: any time-off type, may override the time-off rules.
    Supervisor,
}

/// A rule a request breaks, with its numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum RuleFailure {
    /// A slot whose allowance is 0: it blocks every request.
    AllowanceBlocked {
        /// The slot.
        slot: AllowanceKey,
    },
    /// A slot with too little allowance left.
    AllowanceShort {
        /// The slot.
        slot: AllowanceKey,
        /// Seconds the request needs in it.
        needed_seconds: i64,
        /// Seconds left in it.
        remaining_seconds: i64,
    },
    /// The agent's balance of the type is below the deduction.
    BalanceShort {
        /// The time-off type.
        activity: String,
        /// Seconds the request deducts.
        needed_seconds: i64,
        /// The agent's balance, seconds.
        balance_seconds: i64,
    },
    /// The staffing group needs a supervisor's approval.
    SupervisorApproval {
        /// The staffing group.
        group: String,
    },
}

impl RuleFailure {
    /// Whether this failure is for want of group allowance (a waitlist can wait for it).
    pub fn is_allowance(&self) -> bool {
        matches!(self, Self::AllowanceShort { .. })
    }
}

impl fmt::Display for RuleFailure {
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// use wfm_scheduler::timeoff::{AllowanceKey, RuleFailure};
    /// let slot = AllowanceKey::new("Support", "VACAY", Utc.with_ymd_and_hms(2026, 12, 20, 9, 0, 0).unwrap());
    /// let f = RuleFailure::AllowanceShort { slot, needed_seconds: 3600, remaining_seconds: 900 };
    /// assert_eq!(f.to_string(), "allowance of Support (VACAY) 2026-12-20 09:00–10:00 lacks 0.75 h: needs 1 h, 0.25 h left");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let slot_name = |k: &AllowanceKey| {
            format!(
                "allowance of {} ({}) {}–{}",
                k.group,
                k.activities,
                k.start.format("%Y-%m-%d %H:%M"),
                k.end().format("%H:%M")
            )
        };
        match self {
            Self::AllowanceBlocked { slot } => {
                write!(f, "{} is 0: the slot is blocked", slot_name(slot))
            }
            Self::AllowanceShort {
                slot,
                needed_seconds,
                remaining_seconds,
            } => write!(
                f,
                "{} lacks {} h: needs {} h, {} h left",
                slot_name(slot),
                hours(needed_seconds - remaining_seconds.max(&0)),
                hours(*needed_seconds),
                hours(*remaining_seconds)
            ),
            Self::BalanceShort {
                activity,
                needed_seconds,
                balance_seconds,
            } => write!(
                f,
                "balance of {activity} lacks {} h: needs {} h, {} h left",
                hours(needed_seconds - balance_seconds.max(&0)),
                hours(*needed_seconds),
                hours(*balance_seconds)
            ),
            Self::SupervisorApproval { group } => {
                write!(f, "staffing group {group} needs a supervisor's approval")
            }
        }
    }
}

/// Exactly what an approved request took, so a cancel or an edit gives exactly that back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deducted {
    /// From the agent's balance, seconds (0 for a type not deducted).
    pub balance_seconds: i64,
    /// From each allowance slot, seconds.
    pub slots: Vec<(AllowanceKey, i64)>,
}

/// A time-off request as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeOffRequest {
    /// Its number (0 until stored).
    pub id: i64,
    /// The agent.
    pub agent: String,
    /// The agent's staffing group.
    pub staffing_group: String,
    /// The forecast group whose allowance it uses.
    pub forecast_group: String,
    /// The time-off activity.
    pub activity: String,
    /// Start, UTC.
    pub start: DateTime<Utc>,
    /// End, UTC.
    pub end: DateTime<Utc>,
    /// Whether it was asked as whole days.
    pub full_day: bool,
    /// The requester's reason.
    pub reason: String,
    /// Agent or supervisor.
    pub requested_by: Requester,
    /// Who made it.
    pub actor: String,
    /// A supervisor overrode the time-off rules.
    pub override_rules: bool,
    /// Wait for allowance when it is short.
    pub waitlist: bool,
    /// Where it stands.
    pub status: RequestStatus,
    /// The rules it broke when last evaluated, with their numbers.
    pub failures: Vec<RuleFailure>,
    /// What it would deduct (computed when evaluated).
    pub deduction: Deduction,
    /// What was deducted (empty unless approved).
    pub deducted: Deducted,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Who last changed it, and why (a supervisor's note).
    pub note: String,
}

/// What the rules say about a request: every failure, and the status it gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// Every rule broken, with its numbers (also when overridden).
    pub failures: Vec<RuleFailure>,
    /// The status the request gets.
    pub status: RequestStatus,
}

/// One allowance slot a request touches and the seconds it needs there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched {
    /// The slot as it stands.
    pub slot: AllowanceSlot,
    /// Seconds of the deduction inside it.
    pub needed_seconds: i64,
}

/// What a request is evaluated on.
#[derive(Debug, Clone, Copy)]
pub struct RuleInput<'a> {
    /// Who asks.
    pub requested_by: Requester,
    /// A supervisor overrides the time-off rules.
    pub override_rules: bool,
    /// The requester will wait for allowance.
    pub waitlist: bool,
    /// The time-off type.
    pub activity: &'a str,
    /// The slots touched (a slot with no allowance set is not listed: no group check).
    pub touched: &'a [Touched],
    /// `Some((deduction, balance))` seconds when the type is deducted from the balance.
    pub balance: Option<(i64, i64)>,
    /// The staffing group when it needs a supervisor's approval.
    pub supervisor_approval: Option<&'a str>,
}

/// Evaluates the time-off rules: auto-approve iff every touched slot has room and the
/// balance covers the deduction, unless the group needs a supervisor's approval.
///
/// An agent's request touching a blocked slot (0) is denied; one short of allowance is
/// denied, or waitlisted when the agent chose to wait; one short of balance or needing a
/// supervisor stays pending. A supervisor's request is approved when the rules hold (or
/// are overridden), else pending.
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// use wfm_scheduler::timeoff::*;
/// let key = AllowanceKey::new("Support", "VACAY", Utc.with_ymd_and_hms(2026, 12, 22, 9, 0, 0).unwrap());
/// let blocked = [Touched { slot: AllowanceSlot { key, uploaded_seconds: 0, used_seconds: 0 }, needed_seconds: 3600 }];
/// let input = RuleInput { requested_by: Requester::Agent, override_rules: false, waitlist: false,
///     activity: "VACAY", touched: &blocked, balance: Some((3600, 36_000)), supervisor_approval: None };
/// let e = evaluate(&input);
/// assert_eq!(e.status, RequestStatus::Denied);
/// assert!(matches!(e.failures[0], RuleFailure::AllowanceBlocked { .. }));
/// ```
pub fn evaluate(input: &RuleInput<'_>) -> Evaluation {
    let mut failures = Vec::new();
    for t in input.touched.iter().filter(|t| t.needed_seconds > 0) {
        if t.slot.uploaded_seconds == 0 {
            failures.push(RuleFailure::AllowanceBlocked {
                slot: t.slot.key.clone(),
            });
        } else if t.slot.remaining_seconds() < t.needed_seconds {
            failures.push(RuleFailure::AllowanceShort {
                slot: t.slot.key.clone(),
                needed_seconds: t.needed_seconds,
                remaining_seconds: t.slot.remaining_seconds(),
            });
        }
    }
    if let Some((needed, balance)) = input.balance
        && balance < needed
    {
        failures.push(RuleFailure::BalanceShort {
            activity: input.activity.to_owned(),
            needed_seconds: needed,
            balance_seconds: balance,
        });
    }
    let status = match input.requested_by {
        Requester::Supervisor if input.override_rules || failures.is_empty() => {
            RequestStatus::Approved
        }
        Requester::Supervisor => RequestStatus::Pending,
        Requester::Agent => {
            if let Some(group) = input.supervisor_approval {
                failures.push(RuleFailure::SupervisorApproval {
                    group: group.to_owned(),
                });
            }
            agent_status(&failures, input.waitlist)
        }
    };
    Evaluation { failures, status }
}

fn agent_status(failures: &[RuleFailure], waitlist: bool) -> RequestStatus {
    let blocked = failures
        .iter()
        .any(|f| matches!(f, RuleFailure::AllowanceBlocked { .. }));
    let short = failures.iter().any(RuleFailure::is_allowance);
    if blocked {
        RequestStatus::Denied
    } else if short && waitlist {
        RequestStatus::Waitlisted
    } else if short {
        RequestStatus::Denied
    } else if failures.is_empty() {
        RequestStatus::Approved
    } else {
        RequestStatus::Pending
    }
}

/// The slots `deduction` touches among `slots` (those of the request's group whose
/// activities include its type) and the seconds it needs in each.
pub fn touched(deduction: &Deduction, slots: &[AllowanceSlot]) -> Vec<Touched> {
    slots
        .iter()
        .map(|s| Touched {
            slot: s.clone(),
            needed_seconds: deduction.seconds_in(s.key.start, s.key.end()),
        })
        .filter(|t| t.needed_seconds > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn slot(uploaded: i64, used: i64) -> Touched {
        let key = AllowanceKey::new(
            "Support",
            "EMERGENCY||VACAY",
            Utc.with_ymd_and_hms(2026, 12, 20, 9, 0, 0).unwrap(),
        );
        Touched {
            slot: AllowanceSlot {
                key,
                uploaded_seconds: uploaded,
                used_seconds: used,
            },
            needed_seconds: 3600,
        }
    }

    fn input<'a>(touched: &'a [Touched], by: Requester) -> RuleInput<'a> {
        RuleInput {
            requested_by: by,
            override_rules: false,
            waitlist: false,
            activity: "VACAY",
            touched,
            balance: Some((3600, 7200)),
            supervisor_approval: None,
        }
    }

    #[test]
    fn room_and_balance_auto_approve() {
        let t = [slot(12 * 3600, 0)];
        let e = evaluate(&input(&t, Requester::Agent));
        assert_eq!((e.status, e.failures.len()), (RequestStatus::Approved, 0));
    }

    #[test]
    fn every_failure_is_listed_with_its_numbers() {
        let t = [slot(3600, 2700)];
        let mut i = input(&t, Requester::Agent);
        i.balance = Some((3600, 1800));
        let e = evaluate(&i);
        assert_eq!(e.status, RequestStatus::Denied);
        let text: Vec<String> = e.failures.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "allowance of Support (EMERGENCY||VACAY) 2026-12-20 09:00–10:00 lacks 0.75 h: needs 1 h, 0.25 h left",
                "balance of VACAY lacks 0.5 h: needs 1 h, 0.5 h left",
            ]
        );
        i.waitlist = true;
        assert_eq!(evaluate(&i).status, RequestStatus::Waitlisted);
    }

    #[test]
    fn a_short_balance_or_a_group_needing_approval_leaves_it_pending() {
        let t = [slot(12 * 3600, 0)];
        let mut i = input(&t, Requester::Agent);
        i.supervisor_approval = Some("Day team");
        assert_eq!(evaluate(&i).status, RequestStatus::Pending);
        i.supervisor_approval = None;
        i.balance = Some((3600, 0));
        assert_eq!(evaluate(&i).status, RequestStatus::Pending);
    }

    #[test]
    fn a_supervisor_override_approves_and_still_lists_the_failures() {
        let t = [slot(0, 0)];
        let mut i = input(&t, Requester::Supervisor);
        assert_eq!(evaluate(&i).status, RequestStatus::Pending);
        i.override_rules = true;
        let e = evaluate(&i);
        assert_eq!(e.status, RequestStatus::Approved);
        assert_eq!(e.failures.len(), 1);
    }
}
