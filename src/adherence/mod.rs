//! Schedule adherence on a workspace: agent state events imported (one transaction per
//! file), adherence per agent and day recomputed over the last 30 days whenever a
//! schedule is published or events arrive, reports per day, week or any range, the
//! exceptions, the service impact of a day, and the live monitor of today's published
//! schedules. The rules and the event formats are `wfm_scheduler::adherence`'s; this
//! module reads and stores.

mod conflicts;
mod impact;
mod import;
mod published;
mod recalc;
mod report;
pub mod store;
pub mod tables;
#[cfg(test)]
mod tests;
mod timeline;

pub use conflicts::{AdherenceConflict, adherence_conflicts};
pub use impact::day_impact;
pub use import::{EventImport, ImportOptions, import_events};
pub use published::{monitor_for_day, sample_day_events};
pub use recalc::{RECALC_DAYS, Recalculation, recalculate, recalculate_days};
pub use report::{ExceptionRow, adherence_exceptions, adherence_report};
pub use timeline::{TimelineRow, day_timeline};
