//! The stored documents of a [`Workspace`] as typed handles, one per document kind, with
//! the same verbs: `list`, `get`, `create`/`compute`/`import`, `publish`, `delete`,
//! `export`, and the kind's own (`rerun`, `override_plan`, `compare`, `backtest`,
//! `agent_view`, …).
//!
//! | handle | documents | verbs |
//! |---|---|---|
//! | [`Workspace::forecasts`] | forecasts per group and kind | list, get, compute, publish, delete, export, compare, backtest, refresh |
//! | [`Workspace::overrides`] | a group's forecast override file | list, get, import, delete, export |
//! | [`Workspace::scenarios`] | capacity-plan scenarios | list, get, create, edit, delete |
//! | [`Workspace::fte_loads`] | FTE and shrinkage loads | list, import |
//! | [`Workspace::plans`] | capacity plans | list, get, create, override_plan, rerun, publish, export |
//! | [`Workspace::schedule_scenario`] | the scheduling configuration | get, import, blocks, export |
//! | [`Workspace::schedules`] | schedules | list, get, summary, create, publish, delete, export, agent_view |
//!
//! The CLI's subcommands and Python's `Workspace` properties are the same handles and
//! verbs. Listing returns one typed row per document (a struct per kind).
//!
//! A handle borrows the workspace mutably whatever the verb, so one handle type serves
//! reads and writes alike (a workspace opened read-only refuses the writes in its store).
//!
//! ```
//! use wfm::Workspace;
//! # let dir = tempfile::tempdir()?;
//! let mut ws = Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
//! assert!(ws.forecasts().list()?.is_empty());
//! assert!(ws.plans().list()?.is_empty());
//! assert!(ws.schedules().list()?.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod forecasts;
pub mod frames;
mod fte_loads;
mod overrides;
mod plans;
mod scenarios;
mod schedule_scenario;
mod schedules;

pub use forecasts::{ForecastVersion, Forecasts, Overrides, Version};
pub use fte_loads::{FteLoad, FteLoads};
pub use overrides::{ForecastOverrides, OverrideFile};
pub use plans::{PlanDocument, PlanRow, Plans};
pub use scenarios::{ScenarioRow, Scenarios};
pub use schedule_scenario::ScheduleScenario;
pub use schedules::Schedules;

use crate::Workspace;

impl Workspace {
    /// The forecasts of every forecast group (short- and long-term, computed and
    /// published).
    pub fn forecasts(&mut self) -> Forecasts<'_> {
        Forecasts::new(self)
    }

    /// The forecast groups' override files.
    pub fn overrides(&mut self) -> ForecastOverrides<'_> {
        ForecastOverrides::new(self)
    }

    /// The capacity-plan scenarios.
    pub fn scenarios(&mut self) -> Scenarios<'_> {
        Scenarios::new(self)
    }

    /// The FTE and shrinkage loads of the forecast groups.
    pub fn fte_loads(&mut self) -> FteLoads<'_> {
        FteLoads::new(self)
    }

    /// The capacity plans.
    pub fn plans(&mut self) -> Plans<'_> {
        Plans::new(self)
    }

    /// The scheduling configuration (building blocks and request).
    pub fn schedule_scenario(&mut self) -> ScheduleScenario<'_> {
        ScheduleScenario::new(self)
    }

    /// The schedules.
    pub fn schedules(&mut self) -> Schedules<'_> {
        Schedules::new(self)
    }
}
