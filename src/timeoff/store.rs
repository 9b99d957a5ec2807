//! [`TimeOffTx`]: what the time-off workflow reads and writes inside one store
//! transaction, in domain types (the SQLite backend is `store::sqlite::timeoff`; a second
//! backend implements the same). The workflow runs its rules between the reads and the
//! writes of one transaction, so two processes never grant the same allowance twice.

use chrono::{DateTime, Utc};
use wfm_scheduler::timeoff::{
    AllowanceKey, AllowanceRow, AllowanceSlot, Balance, BalanceRow, EntryKind, LedgerEntry,
    RequestStatus, SlotOffer, SlotResponse, TimeOffRequest,
};

use crate::error::Result;
use crate::store::{DocumentId, NewScheduleChange, ScheduleChange};

/// Which requests a search returns (every given field must match).
///
/// ```
/// let f = wfm::timeoff::RequestFilter { agent: Some("an".into()), ..Default::default() };
/// assert!(f.status.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    /// A fragment of the agent's name or login (case-insensitive).
    pub agent: Option<String>,
    /// The status.
    pub status: Option<RequestStatus>,
    /// Requests ending after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Requests starting before this instant.
    pub to: Option<DateTime<Utc>>,
    /// The forecast group.
    pub forecast_group: Option<String>,
}

/// Who uploaded a balance file, when and why (the same on each of its ledger entries).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use wfm::scheduler::timeoff::{BalanceRow, EntryKind};
/// let upload = wfm::timeoff::Upload {
///     at: Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap(),
///     actor: "planner",
///     reason: "uploaded from b.csv",
/// };
/// let row = BalanceRow { line: 2, agent: "ana".into(), activity: "VACAY_SK".into(), seconds: 36_000 };
/// let e = upload.entry(&row);
/// assert_eq!((e.kind, e.seconds, e.actor.as_str()), (EntryKind::Upload, 36_000, "planner"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Upload<'a> {
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: &'a str,
    /// Why (the file).
    pub reason: &'a str,
}

impl Upload<'_> {
    /// The ledger entry of one row.
    pub fn entry(&self, row: &BalanceRow) -> LedgerEntry {
        LedgerEntry {
            agent: row.agent.clone(),
            activity: row.activity.clone(),
            kind: EntryKind::Upload,
            seconds: row.seconds,
            at: self.at,
            actor: self.actor.to_owned(),
            reason: self.reason.to_owned(),
            request: None,
        }
    }
}

/// The time-off tables as seen inside one transaction.
pub trait TimeOffTx {
    /// The allowance slots of `group` starting in `(from − 1 h, to)`, those of every
    /// group when `group` is `None` and every time when `from`/`to` are `None`; in key
    /// order.
    ///
    /// # Errors
    /// A storage failure.
    fn allowance_slots(
        &self,
        group: Option<&str>,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<Vec<AllowanceSlot>>;
    /// Sets a slot's uploaded hours (seconds); `None` removes the slot's allowance (no
    /// group check) but keeps what approved requests use of it.
    ///
    /// # Errors
    /// A storage failure.
    fn put_allowance(&self, key: &AllowanceKey, seconds: Option<i64>) -> Result<()>;
    /// Sets the uploaded hours of every row of an allowance upload, in order: what
    /// [`put_allowance`](Self::put_allowance) does per row, which backends do in batches
    /// (a million rows is one upload).
    ///
    /// # Errors
    /// A storage failure.
    fn put_allowances(&self, rows: &[AllowanceRow]) -> Result<()> {
        for r in rows {
            self.put_allowance(&r.key, r.seconds)?;
        }
        Ok(())
    }
    /// Adds `seconds` (negative: gives back) to what a slot's requests use.
    ///
    /// # Errors
    /// A storage failure.
    fn use_allowance(&self, key: &AllowanceKey, seconds: i64) -> Result<()>;
    /// Appends a ledger entry and returns the balance after it.
    ///
    /// # Errors
    /// A storage failure.
    fn append_ledger(&self, entry: &LedgerEntry) -> Result<Balance>;
    /// Appends one upload entry per row of a balance upload, in order, each made by
    /// `upload`'s actor at its time for its reason, and sets those balances: what
    /// [`append_ledger`](Self::append_ledger) does per upload entry, which backends do in
    /// batches without reading the balances (an upload sets a balance whatever it was).
    ///
    /// # Errors
    /// A storage failure.
    fn upload_balances(&self, rows: &[BalanceRow], upload: &Upload<'_>) -> Result<()> {
        for r in rows {
            self.append_ledger(&upload.entry(r))?;
        }
        Ok(())
    }
    /// An agent's balance of a time-off type (zero if none).
    ///
    /// # Errors
    /// A storage failure.
    fn balance(&self, agent: &str, activity: &str) -> Result<Balance>;
    /// Every balance, by agent and activity.
    ///
    /// # Errors
    /// A storage failure.
    fn balances(&self) -> Result<Vec<(String, String, Balance)>>;
    /// The ledger in order, of one agent when given, up to `until` when given.
    ///
    /// # Errors
    /// A storage failure.
    fn ledger(&self, agent: Option<&str>, until: Option<DateTime<Utc>>)
    -> Result<Vec<LedgerEntry>>;
    /// Stores a new request; returns its number.
    ///
    /// # Errors
    /// A storage failure.
    fn insert_request(&self, request: &TimeOffRequest) -> Result<i64>;
    /// Stores a request's new state.
    ///
    /// # Errors
    /// A storage failure.
    fn update_request(&self, request: &TimeOffRequest) -> Result<()>;
    /// One request.
    ///
    /// # Errors
    /// A storage failure or a damaged row.
    fn request(&self, id: i64) -> Result<Option<TimeOffRequest>>;
    /// The requests matching `filter`, oldest first.
    ///
    /// # Errors
    /// A storage failure or a damaged row.
    fn requests(&self, filter: &RequestFilter) -> Result<Vec<TimeOffRequest>>;
    /// Stores a new offer; returns its number.
    ///
    /// # Errors
    /// A storage failure.
    fn insert_offer(&self, offer: &SlotOffer) -> Result<i64>;
    /// One offer.
    ///
    /// # Errors
    /// A storage failure or a damaged row.
    fn offer(&self, id: i64) -> Result<Option<SlotOffer>>;
    /// Every offer, oldest first.
    ///
    /// # Errors
    /// A storage failure or a damaged row.
    fn offers(&self) -> Result<Vec<SlotOffer>>;
    /// The responses to an offer, in the order they were given.
    ///
    /// # Errors
    /// A storage failure.
    fn responses(&self, offer: i64) -> Result<Vec<SlotResponse>>;
    /// Records an agent's response (replacing their earlier one).
    ///
    /// # Errors
    /// A storage failure.
    fn put_response(&self, response: &SlotResponse) -> Result<()>;

    // --- the schedule edit of a decision, in the decision's transaction ---

    /// Replaces a schedule's content, logs the edit and appends its change records, as
    /// [`WorkspaceStore::edit_schedule`](crate::store::WorkspaceStore::edit_schedule)
    /// does, inside this transaction: an approval and its schedule edit are stored
    /// together or not at all.
    ///
    /// # Errors
    /// [`WfmError::StaleVersion`](crate::WfmError::StaleVersion) if the schedule is no
    /// longer at `change.expected_version` (the whole transaction is then rolled back);
    /// `NotFound`; a backend without it.
    fn edit_schedule(&self, id: DocumentId, change: &NewScheduleChange) -> Result<ScheduleChange> {
        let _ = change;
        Err(crate::WfmError::Store(format!(
            "this store cannot edit schedule {id} inside a time-off transaction"
        )))
    }
}
