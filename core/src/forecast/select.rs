//! Model selection by an internal backtest: each candidate is fitted at a few origins
//! before the end of the history and scored by pooled WAPE on what followed, each origin
//! weighted by its recency (an origin `half_life` points before the end counts half as
//! much as one at the end), so a level the most recent weeks contradict loses; the
//! winner's residuals calibrate the prediction intervals.

use super::output::CandidateScore;

/// Backtest origins (point indexes) spaced `horizon` apart before `n`, keeping at least
/// `min_train` points of training; the latest origin first.
pub(crate) fn origins(n: usize, horizon: usize, count: usize, min_train: usize) -> Vec<usize> {
    (1..=count)
        .filter_map(|j| n.checked_sub(j * horizon))
        .filter(|&o| o >= min_train)
        .collect()
}

/// Result of a selection run.
pub(crate) struct Selection {
    /// Index of the best single candidate.
    pub best: usize,
    /// The candidates whose mean forecast beat the best single one, best first (empty
    /// when no combination was asked for or none won).
    pub combined: Vec<usize>,
    /// Every candidate's score (and the combination's, last, when tried).
    pub scores: Vec<CandidateScore>,
    /// `(forecast, actual)` of the winner (single or combined) at the origins that
    /// calibrate the intervals.
    pub pairs: Vec<(f64, f64)>,
}

/// How the backtest scores: the points forecast from each origin, the recency
/// half-life (points; infinite = every origin alike), the latest origin whose
/// forecasts calibrate the intervals (origins nearer the end forecast fewer points than
/// the horizon and would make the band too narrow), and how many of the best
/// candidates to try averaging (0 or 1: none).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Weighting {
    pub horizon: usize,
    pub half_life: f64,
    pub calibrate_until: usize,
    pub combine: usize,
}

/// Weight of an origin `age` points before the end of the history.
fn recency(age: usize, half_life: f64) -> f64 {
    if half_life.is_finite() && half_life > 0.0 {
        0.5f64.powf(age as f64 / half_life)
    } else {
        1.0
    }
}

/// One candidate's forecasts per origin (`None` where it cannot fit).
type Runs = Vec<Option<Vec<f64>>>;

/// The recency-weighted WAPE of `runs` (infinite if any origin failed) and the pairs of
/// the calibrating origins.
fn score(actual: &[f64], origins: &[usize], w: &Weighting, runs: &Runs) -> (f64, Vec<(f64, f64)>) {
    let (mut err, mut sum) = (0.0, 0.0);
    let mut pairs = Vec::new();
    let mut ok = !origins.is_empty();
    for (&o, run) in origins.iter().zip(runs) {
        let to = (o + w.horizon).min(actual.len());
        let weight = recency(actual.len() - o, w.half_life);
        let Some(f) = run else {
            ok = false;
            continue;
        };
        for (fi, &ai) in f.iter().zip(&actual[o..to]) {
            err += weight * (fi - ai).abs();
            sum += weight * ai;
            if o <= w.calibrate_until {
                pairs.push((*fi, ai));
            }
        }
    }
    let wape = if ok && sum > 0.0 {
        err / sum
    } else {
        f64::INFINITY
    };
    (wape, pairs)
}

/// Scores `names.len()` candidates: `run(candidate, origin, to)` returns the forecasts of
/// points `origin..to` (or `None` when the candidate cannot fit there), weighted as
/// `w` says; then the mean of the `w.combine` best, which wins when it scores lower.
pub(crate) fn select(
    names: &[&str],
    actual: &[f64],
    origins: &[usize],
    w: &Weighting,
    run: impl Fn(usize, usize, usize) -> Option<Vec<f64>>,
) -> Selection {
    let runs: Vec<Runs> = (0..names.len())
        .map(|c| {
            origins
                .iter()
                .map(|&o| run(c, o, (o + w.horizon).min(actual.len())))
                .collect()
        })
        .collect();
    let mut scored: Vec<(f64, Vec<(f64, f64)>)> =
        runs.iter().map(|r| score(actual, origins, w, r)).collect();
    let mut scores: Vec<CandidateScore> = names
        .iter()
        .zip(&scored)
        .map(|(name, s)| CandidateScore {
            name: (*name).to_owned(),
            wape: s.0,
        })
        .collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| scored[a].0.total_cmp(&scored[b].0));
    let best = order.first().copied().unwrap_or(0);
    let top: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&c| scored[c].0.is_finite())
        .take(w.combine)
        .collect();
    let mut combined = Vec::new();
    let mut pairs = scored.get_mut(best).map(|s| std::mem::take(&mut s.1));
    if top.len() >= 2 {
        let mean: Runs = (0..origins.len())
            .map(|k| {
                let parts: Option<Vec<&Vec<f64>>> =
                    top.iter().map(|&c| runs[c][k].as_ref()).collect();
                let parts = parts?;
                let n = parts.iter().map(|p| p.len()).min()?;
                Some(
                    (0..n)
                        .map(|i| parts.iter().map(|p| p[i]).sum::<f64>() / parts.len() as f64)
                        .collect(),
                )
            })
            .collect();
        let (wape, mean_pairs) = score(actual, origins, w, &mean);
        let name = top.iter().map(|&c| names[c]).collect::<Vec<_>>().join("+");
        scores.push(CandidateScore {
            name: format!("mean:{name}"),
            wape,
        });
        if wape < scored[best].0 {
            combined = top;
            pairs = Some(mean_pairs);
        }
    }
    Selection {
        best,
        combined,
        scores,
        pairs: pairs.unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(horizon: usize) -> Weighting {
        Weighting {
            horizon,
            half_life: f64::INFINITY,
            calibrate_until: usize::MAX,
            combine: 0,
        }
    }

    #[test]
    fn a_mean_of_the_best_wins_when_it_scores_lower() {
        // one candidate 20 % high, one 20 % low: their mean is right
        let actual = vec![10.0; 20];
        let run =
            |c: usize, o: usize, to: usize| Some(vec![if c == 0 { 12.0 } else { 8.0 }; to - o]);
        let w = Weighting {
            combine: 2,
            calibrate_until: 10,
            ..plain(5)
        };
        let s = select(&["high", "low"], &actual, &[15, 10], &w, run);
        assert_eq!(s.combined, [0, 1]);
        assert_eq!(s.scores[2].name, "mean:high+low");
        assert!(s.scores[2].wape < 1e-12);
        // only the origin at 10 calibrates
        assert_eq!(s.pairs.len(), 5);
        assert!(s.pairs.iter().all(|p| (p.0 - 10.0).abs() < 1e-12));
    }

    #[test]
    fn picks_the_best() {
        assert_eq!(origins(100, 20, 3, 50), [80, 60]);
        let actual = vec![1.0; 10];
        let s = select(&["two", "one"], &actual, &[5], &plain(5), |c, o, to| {
            Some(vec![if c == 0 { 2.0 } else { 1.0 }; to - o])
        });
        assert_eq!(s.best, 1);
        assert_eq!(s.scores[0].wape, 1.0);
        assert_eq!(s.pairs.len(), 5);
    }

    #[test]
    fn recent_origins_weigh_more() {
        // "old" is right at the older origin, "new" at the recent one: with equal weights
        // they tie; with a half-life the recent origin decides.
        let actual = vec![1.0; 20];
        let run = |c: usize, o: usize, to: usize| {
            let right = (c == 0 && o == 10) || (c == 1 && o == 15);
            Some(vec![if right { 1.0 } else { 2.0 }; to - o])
        };
        let tie = select(&["old", "new"], &actual, &[15, 10], &plain(5), run);
        assert_eq!(tie.scores[0].wape, tie.scores[1].wape);
        let recent = Weighting {
            half_life: 5.0,
            ..plain(5)
        };
        let s = select(&["old", "new"], &actual, &[15, 10], &recent, run);
        assert_eq!(s.best, 1);
        assert!(s.scores[1].wape < s.scores[0].wape);
    }
}
