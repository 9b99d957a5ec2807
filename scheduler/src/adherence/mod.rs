//! Schedule adherence: whether agents follow a published schedule, historically and in
//! real time, from their state events.
//!
//! The path: [`EventReader`] reads events as a stream (the reference's agent event stream
//! or the plain CSV / JSON-lines form; [`for_each_event`] parses on several threads), [`Sequencer`] drops duplicates and orders them
//! within a watermark, [`AdherenceRules`] turns shifts into [`ScheduledSpan`]s (an
//! activity counts by its type, not its name; activities with adherence off are not
//! computed), [`agent_states`] turns events into [`StateSpan`]s (with the missing-logout
//! rule), [`adherence`] compares the two (per day: [`schedule_adherence`]; per week or
//! range: [`by_period`]), [`Monitor`] does it live, [`service_impact`] prices it in
//! service-level points (an agent in several schedules in one team at a time:
//! [`counted_layers`]), and [`sample_events`] makes a realistic day for tests and demos.
//!
//! Instants are UTC epoch milliseconds (`i64`) throughout.

mod combine;
mod compute;
mod counted;
mod day;
mod event;
mod impact;
mod lines;
mod monitor;
mod parallel;
mod parse;
mod rules;
mod sample;
mod sequence;
mod state;
mod tape;
#[cfg(test)]
mod tests;
mod time;
mod timeline;

pub use combine::{
    CombinedAdherence, Layer, ScheduleConflict, combined_adherence, day_plans, schedule_conflicts,
    shift_bounds,
};
/// The inline string type of [`AgentEvent`]'s names (`compact_str`'s).
pub use compact_str::CompactString;
pub use compute::{AdherenceException, AdherenceTotals, AgentAdherence, NO_STATE, adherence};
pub use counted::{CountedLayer, counted_layers, counted_schedules};
pub use day::{DayAdherence, Period, PeriodAdherence, agent_states, by_period, schedule_adherence};
pub use event::{AgentEvent, EventKey, EventType, events_by_agent};
pub use impact::{ALL_TEAMS, ImpactInterval, available_agents, service_impact};
pub use monitor::{AdherenceAlert, LiveStatus, Monitor};
pub use parallel::for_each_event;
pub use parse::EventReader;
pub use rules::{AdherenceRules, ScheduledSpan, WORK};
pub use sample::{EventFormat, SampleOptions, sample_day, sample_events, write_events};
pub use sequence::{LATE_LISTED, LateEvent, SequenceReport, Sequencer};
pub use state::{ScheduledKind, StateKind};
pub use time::{DAY_MS, day_of, day_start, hms, instant, instant_text, parse_instant};
pub use timeline::{StateSpan, state_spans};
