//! The repair rounds of [`super::generate`]: which shift types to cap after an
//! assignment left shifts of the tour model open, and which of two weeks to keep (see
//! the module docs of [`super`], "Repair").

use super::output::WeekSchedule;
use super::tour::Tours;

/// Caps every shift type of `tours` whose shifts the agents took fewer of than the tour
/// model staffed (`taken[k] < counts[k]`) at what they took, in `caps` (a cap only
/// lowers). Returns whether some type was capped (else no repair is needed).
///
/// A type the agents took all of stays as it is, so a round keeps what fits and moves
/// the rest of the coverage to other types (or other pools).
pub(super) fn cap_misfits(tours: &Tours, taken: &[u32], caps: &mut [Option<u32>]) -> bool {
    let mut capped = false;
    for (k, (&n, &got)) in tours.counts.iter().zip(taken).enumerate() {
        if got < n {
            caps[k] = Some(caps[k].map_or(got, |c| c.min(got)));
            capped = true;
        }
    }
    capped
}

/// Whether `week` is better than `best`: fewer agent rules broken, then a lower
/// objective (which counts the shortage at a penalty above any shift cost).
pub(super) fn better(week: &WeekSchedule, best: &WeekSchedule) -> bool {
    (week.conflicts.len(), week.objective) < (best.conflicts.len(), best.objective)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{Grid, Limits, ShiftLength, ShiftTemplate, WeekProblem, tour};

    fn tours() -> Tours {
        let grid = Grid::new(30).unwrap();
        let mut required = vec![0; grid.week() as usize];
        required[20] = 2;
        let template = ShiftTemplate::daily(
            16,
            20,
            1,
            vec![ShiftLength {
                length: 8,
                breaks: vec![],
            }],
        );
        tour::solve(
            &WeekProblem::new(grid, required, template),
            &Limits::default(),
        )
        .unwrap()
    }

    #[test]
    fn only_the_types_the_agents_took_fewer_of_are_capped_and_caps_only_lower() {
        let t = tours();
        let staffed: Vec<usize> = (0..t.counts.len()).filter(|&k| t.counts[k] > 0).collect();
        assert!(!staffed.is_empty());
        let mut caps = vec![None; t.counts.len()];
        // everything taken: nothing to repair
        assert!(!cap_misfits(&t, &t.counts, &mut caps));
        assert!(caps.iter().all(Option::is_none));
        let k = staffed[0];
        let mut taken = t.counts.clone();
        taken[k] -= 1;
        assert!(cap_misfits(&t, &taken, &mut caps));
        assert_eq!(caps[k], Some(t.counts[k] - 1));
        assert_eq!(caps.iter().flatten().count(), 1);
        // a later round that took more does not raise the cap
        caps[k] = Some(0);
        assert!(cap_misfits(&t, &taken, &mut caps));
        assert_eq!(caps[k], Some(0));
    }
}
