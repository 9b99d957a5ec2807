//! Time off, overtime and voluntary time off (VTO) as pure rules.
//!
//! - [`allowance`]: group allowances per forecast group × time-off activities × one-hour
//!   slot, read from the allowance CSV ([`read_allowances`]), with last uploaded and
//!   remaining hours;
//! - [`balance`]: agent balances as an append-only ledger ([`LedgerEntry`]) replayable as
//!   of any instant ([`replay`]), read from the balance CSV ([`read_balances`]);
//! - [`deduction`]: what an approved request takes, from the published shifts or, where
//!   none is published, from the shift profile ([`deduct_for_agent`]);
//! - [`request`]: the request, its status, the rules evaluated with every failure's
//!   numbers ([`evaluate`]);
//! - [`slots`]: overtime and VTO offers, first come first served ([`accept_outcome`]);
//! - [`suggest`]: how many overtime or VTO slots each interval of a review needs or can
//!   give ([`suggest_slots`]);
//! - [`changes`]: the schedule changes an approved request or an accepted slot implies
//!   ([`request_changes`], [`slot_changes`]), for the schedule-editing engine;
//! - [`place`]: those changes placed into a schedule through the editing engine, breaks
//!   and meals re-placed, the validator run ([`place_changes`]).
//!
//! Durations are whole seconds (`i64`); files and tables show hours ([`hours`]). Nothing
//! here reads a clock: "now" is a parameter.

pub mod allowance;
pub mod balance;
pub mod changes;
mod csv;
pub mod deduction;
mod error;
pub mod place;
pub mod request;
pub mod slots;
pub mod suggest;
#[cfg(test)]
pub(crate) mod testing;

pub use allowance::{
    ALLOWANCE_HEADER, AllowanceCheck, AllowanceKey, AllowanceRow, AllowanceSlot,
    LAST_UPLOADED_COLUMN, REMAINING_COLUMN, hours, latest_start, read_allowances,
};
pub use balance::{
    BALANCE_HEADER, Balance, BalanceRow, EntryKind, LedgerEntry, adjustment_seconds, read_balances,
    replay,
};
pub use changes::{ChangeKind, ScheduleChange, request_changes, slot_changes};
pub use csv::parse_utc;
pub use deduction::{Deduction, deduct, deduct_for_agent, deductible, profile_shift};
pub use error::TimeOffError;
pub use place::{Placed, place_changes};
pub use request::{
    Action, Deducted, Evaluation, RequestStatus, Requester, RuleFailure, RuleInput, TimeOffRequest,
    Touched, evaluate, touched,
};
pub use slots::{OfferedTo, ResponseStatus, SlotKind, SlotOffer, SlotResponse, accept_outcome};
pub use suggest::{SuggestedSlots, suggest_slots};
