//! What one shift and one short agent-interval cost in the tour model's objective, kept
//! with the week so that its objective can be measured again after the polish changed
//! its shifts (the returned schedule's objective is the one reported, see
//! [`super::WeekSchedule::objective`]).

use super::input::Objective;

/// The tour model's prices (see `tour/costs.rs`): per shift by its paid intervals, and
/// per agent-interval short of the requirement or of a minimum set.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Price {
    /// What is minimised.
    pub objective: Objective,
    /// The fewest-shifts tie-break weight ε per paid interval (0 for other objectives).
    pub epsilon: f64,
    /// Minutes per interval of the model's grid.
    pub minutes: f64,
    /// The penalty per agent-interval short of the requirement.
    pub short_penalty: f64,
    /// The penalty per agent-interval short of a minimum set (a rule): above the
    /// requirement coverage of any one shift (see `tour/costs.rs`).
    #[serde(default)]
    pub minimum_penalty: f64,
}

impl Price {
    /// The objective's cost of one shift of `paid` paid intervals.
    ///
    /// ```
    /// use wfm_scheduler::generate::{Objective, Price};
    /// let price = Price { objective: Objective::PaidHours, epsilon: 0.0, minutes: 15.0,
    ///     short_penalty: 50.0, minimum_penalty: 1650.0 };
    /// assert_eq!(price.shift(32), 8.0);
    /// let fewest = Price { objective: Objective::FewestShifts, epsilon: 0.001, ..price };
    /// assert!((fewest.shift(32) - 1.032).abs() < 1e-12);
    /// ```
    pub fn shift(&self, paid: u32) -> f64 {
        let hours = f64::from(paid) * self.minutes / 60.0;
        match self.objective {
            Objective::FewestShifts => 1.0 + self.epsilon * f64::from(paid),
            Objective::PaidHours => hours,
            Objective::Cost {
                per_shift,
                per_paid_hour,
            } => per_shift + per_paid_hour * hours,
        }
    }

    /// The objective of shifts of `paid` intervals each, `short` agent-intervals short of
    /// the requirement and `minimum_short` of the minimum sets.
    ///
    /// ```
    /// use wfm_scheduler::generate::{Objective, Price};
    /// let price = Price { objective: Objective::PaidHours, epsilon: 0.0, minutes: 15.0,
    ///     short_penalty: 50.0, minimum_penalty: 1650.0 };
    /// assert_eq!(price.objective([32, 32], 1, 1), 16.0 + 50.0 + 1650.0);
    /// ```
    pub fn objective(
        &self,
        paid: impl IntoIterator<Item = u32>,
        short: u64,
        minimum_short: u64,
    ) -> f64 {
        paid.into_iter().map(|p| self.shift(p)).sum::<f64>()
            + self.short_penalty * short as f64
            + self.minimum_penalty * minimum_short as f64
    }
}
