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
    /// Index of the winning candidate.
    pub best: usize,
    /// Every candidate's score.
    pub scores: Vec<CandidateScore>,
    /// `(forecast, actual)` of the winner over all origins.
    pub pairs: Vec<(f64, f64)>,
}

/// Weight of an origin `age` points before the end of the history.
fn recency(age: usize, half_life: f64) -> f64 {
    if half_life.is_finite() && half_life > 0.0 {
        0.5f64.powf(age as f64 / half_life)
    } else {
        1.0
    }
}

/// Scores `names.len()` candidates: `run(candidate, origin, to)` returns the forecasts of
/// points `origin..to` (or `None` when the candidate cannot fit there). Errors at an
/// origin are weighted by its recency (`half_life` in points; infinite = all alike).
pub(crate) fn select(
    names: &[&str],
    actual: &[f64],
    origins: &[usize],
    (horizon, half_life): (usize, f64),
    run: impl Fn(usize, usize, usize) -> Option<Vec<f64>>,
) -> Selection {
    let mut scores = Vec::with_capacity(names.len());
    let mut all_pairs: Vec<Vec<(f64, f64)>> = Vec::with_capacity(names.len());
    for (c, name) in names.iter().enumerate() {
        let (mut err, mut sum) = (0.0, 0.0);
        let mut pairs = Vec::new();
        let mut ok = !origins.is_empty();
        for &o in origins {
            let to = (o + horizon).min(actual.len());
            let w = recency(actual.len() - o, half_life);
            match run(c, o, to) {
                Some(f) => {
                    for (fi, &ai) in f.iter().zip(&actual[o..to]) {
                        err += w * (fi - ai).abs();
                        sum += w * ai;
                        pairs.push((*fi, ai));
                    }
                }
                None => ok = false,
            }
        }
        let wape = if ok && sum > 0.0 {
            err / sum
        } else {
            f64::INFINITY
        };
        scores.push(CandidateScore {
            name: (*name).to_owned(),
            wape,
        });
        all_pairs.push(pairs);
    }
    let best = scores
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.wape.total_cmp(&b.1.wape))
        .map_or(0, |(i, _)| i);
    let pairs = std::mem::take(&mut all_pairs[best]);
    Selection {
        best,
        scores,
        pairs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_best() {
        assert_eq!(origins(100, 20, 3, 50), [80, 60]);
        let actual = vec![1.0; 10];
        let s = select(
            &["two", "one"],
            &actual,
            &[5],
            (5, f64::INFINITY),
            |c, o, to| Some(vec![if c == 0 { 2.0 } else { 1.0 }; to - o]),
        );
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
        let tie = select(&["old", "new"], &actual, &[15, 10], (5, f64::INFINITY), run);
        assert_eq!(tie.scores[0].wape, tie.scores[1].wape);
        let s = select(&["old", "new"], &actual, &[15, 10], (5, 5.0), run);
        assert_eq!(s.best, 1);
        assert!(s.scores[1].wape < s.scores[0].wape);
    }
}
