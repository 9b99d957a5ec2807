//! The requirement: required productive agents per interval from the forecast and the
//! goal, with wfm-erlang's staffing search (Erlang C, occupancy cap).

use serde::{Deserialize, Serialize};
use wfm_erlang::{Goal, MaxOccupancy, StaffingRequest, Workload};

use super::input::Grid;
use crate::error::{Result, SchedulerError};

/// One interval of the forecast.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct IntervalForecast {
    /// Contacts offered in the interval.
    pub volume: f64,
    /// Average handle time in seconds.
    pub aht_seconds: f64,
}

/// Required productive agents per interval: the fewest that meet `goal` with occupancy at
/// most `max_occupancy` (wfm-erlang's [`StaffingRequest`]). An interval without contacts
/// needs no agent.
///
/// # Examples
/// ```
/// use wfm_erlang::{Goal, MaxOccupancy};
/// use wfm_scheduler::generate::{Grid, IntervalForecast, requirement};
/// // 100 calls in 30 minutes, AHT 180 s, 80 % in 20 s, occupancy ≤ 85 %: 14 agents.
/// let grid = Grid::new(30)?;
/// let f = [IntervalForecast { volume: 100.0, aht_seconds: 180.0 },
///          IntervalForecast { volume: 0.0, aht_seconds: 0.0 }];
/// let goal = Goal::service_level(0.8, 20.0).unwrap();
/// let r = requirement(&grid, &f, goal, MaxOccupancy::new(0.85).unwrap())?;
/// assert_eq!(r, vec![14, 0]);
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
///
/// # Errors
/// [`SchedulerError::InvalidModel`] naming the interval whose volume or handle time the
/// queueing model rejects.
pub fn requirement(
    grid: &Grid,
    forecast: &[IntervalForecast],
    goal: Goal,
    max_occupancy: MaxOccupancy,
) -> Result<Vec<u32>> {
    let seconds = f64::from(grid.minutes() * 60);
    forecast
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if f.volume == 0.0 {
                return Ok(0);
            }
            let bad = |e: wfm_erlang::ErlangError| {
                SchedulerError::InvalidModel(format!("forecast interval {i}: {e}"))
            };
            let workload = Workload::new(f.volume, f.aht_seconds, seconds).map_err(bad)?;
            let staffing = StaffingRequest::new(workload, goal)
                .max_occupancy(max_occupancy)
                .solve()
                .map_err(bad)?;
            u32::try_from(staffing.agents).map_err(|_| {
                SchedulerError::InvalidModel(format!(
                    "forecast interval {i} needs {} agents",
                    staffing.agents
                ))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asa_goal_and_bad_forecast() {
        let grid = Grid::new(15).unwrap();
        let occ = MaxOccupancy::new(1.0).unwrap();
        // 1 call in 15 minutes with AHT 60 s: one agent answers at once (ASA 0 ≤ any).
        let f = [IntervalForecast {
            volume: 1.0,
            aht_seconds: 60.0,
        }];
        assert_eq!(
            requirement(&grid, &f, Goal::asa(30.0).unwrap(), occ).unwrap(),
            vec![1]
        );
        let bad = [IntervalForecast {
            volume: -1.0,
            aht_seconds: 60.0,
        }];
        let err = requirement(&grid, &bad, Goal::asa(30.0).unwrap(), occ).unwrap_err();
        assert!(err.to_string().contains("interval 0"), "{err}");
    }
}
