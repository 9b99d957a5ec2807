//! A shift length's activity group → the generator's [`BreakRule`]s: placement windows as
//! offsets from the start, narrowed so that any placement keeps the profile's break
//! spacing.

use super::{GRID, bad};
use crate::error::Result;
use crate::generate::{BreakKind, BreakRule};
use crate::model::{ActivityGroup, ActivityKind, Anchor, ShiftProfile};
use crate::scenario::Scenario;

/// The break rules of a `len`-interval shift with their activity names, windows narrowed
/// to honour the break spacing; `None` if that is impossible.
pub(super) fn breaks_of(
    scenario: &Scenario,
    profile: &ShiftProfile,
    len: u32,
) -> Result<Option<(Vec<BreakRule>, Vec<String>)>> {
    let Some(group) = profile.activity_group(len * GRID) else {
        return Ok(profile
            .activity_groups
            .is_empty()
            .then(|| (Vec::new(), Vec::new())));
    };
    let Some(mut rules) = placed_rules(scenario, group, len)? else {
        return Ok(None);
    };
    rules.sort_by_key(|r| (r.0.earliest_offset, r.0.latest_offset));
    let min = profile.min_break_interval_minutes.map(|m| m.div_ceil(GRID));
    let max = profile.max_break_interval_minutes.map(|m| m / GRID);
    if !keep_spacing(&mut rules, min, max) || !in_order(&rules, len) {
        return Ok(None);
    }
    Ok(Some(rules.into_iter().map(|r| (r.0, r.1)).unzip()))
}

/// A break rule, its activity's name, and whether it counts for the break spacing.
type Placed = (BreakRule, String, bool);

/// The rules of `group`'s activities on a `len`-interval shift, windows as offsets from
/// the start (on the grid); `None` when a window is empty.
///
/// # Errors
/// [`crate::SchedulerError::InvalidModel`] for an unknown activity or one off the grid.
fn placed_rules(
    scenario: &Scenario,
    group: &ActivityGroup,
    len: u32,
) -> Result<Option<Vec<Placed>>> {
    let mut rules: Vec<Placed> = Vec::new();
    for p in &group.activities {
        let Some(def) = scenario.activity(&p.activity) else {
            return bad(format!("activity '{}' is unknown", p.activity));
        };
        let minutes = p.duration(def);
        if !minutes.is_multiple_of(GRID) {
            return bad(format!(
                "activity '{}' lasts {minutes} min, not a multiple of 15",
                p.activity
            ));
        }
        let base = match p.anchor {
            Anchor::Start => 0,
            Anchor::End => i64::from(len * GRID),
        };
        let e = (base + i64::from(p.earliest_minutes)).max(0);
        let l = base + i64::from(p.latest_minutes);
        if l < e {
            return Ok(None);
        }
        let (e, l) = ((e as u32).div_ceil(GRID), l as u32 / GRID);
        if l < e {
            return Ok(None);
        }
        rules.push((
            BreakRule {
                kind: if def.kind == ActivityKind::Meal {
                    BreakKind::Meal
                } else {
                    BreakKind::Break
                },
                length: minutes / GRID,
                earliest_offset: e,
                latest_offset: l,
                paid: def.paid,
            },
            p.activity.clone(),
            def.kind.is_break(),
        ));
    }
    Ok(Some(rules))
}

/// Narrows the windows of consecutive breaks (those that count, in window order) until
/// any placement keeps at least `min` and at most `max` intervals between them, taking
/// from the wider window first; `false` if a window would become empty.
fn keep_spacing(rules: &mut [Placed], min: Option<u32>, max: Option<u32>) -> bool {
    let idx: Vec<usize> = (0..rules.len()).filter(|&i| rules[i].2).collect();
    for w in idx.windows(2) {
        let (i, j) = (w[0], w[1]);
        if let Some(min) = min {
            while rules[i].0.latest_offset + rules[i].0.length + min > rules[j].0.earliest_offset {
                let (a, b) = (&rules[i].0, &rules[j].0);
                if a.latest_offset > a.earliest_offset
                    && a.latest_offset - a.earliest_offset >= b.latest_offset - b.earliest_offset
                {
                    rules[i].0.latest_offset -= 1;
                } else if b.earliest_offset < b.latest_offset {
                    rules[j].0.earliest_offset += 1;
                } else {
                    return false;
                }
            }
        }
        if let Some(max) = max {
            while rules[j].0.latest_offset > rules[i].0.earliest_offset + rules[i].0.length + max {
                let (a, b) = (&rules[i].0, &rules[j].0);
                if b.latest_offset > b.earliest_offset
                    && b.latest_offset - b.earliest_offset >= a.latest_offset - a.earliest_offset
                {
                    rules[j].0.latest_offset -= 1;
                } else if a.earliest_offset < a.latest_offset {
                    rules[i].0.earliest_offset += 1;
                } else {
                    return false;
                }
            }
        }
    }
    true
}

/// Whether the windows follow one another inside the shift (each break after the
/// latest end of the one before, the last ending by `len`).
fn in_order(rules: &[Placed], len: u32) -> bool {
    let mut free = 0;
    for r in rules {
        if r.0.earliest_offset < free || r.0.latest_offset + r.0.length > len {
            return false;
        }
        free = r.0.latest_offset + r.0.length;
    }
    true
}
