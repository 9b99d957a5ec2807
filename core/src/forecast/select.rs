//! Model selection by an internal backtest: each candidate is fitted at a few origins
//! before the end of the history and scored by pooled WAPE on what followed; the winner's
//! residuals calibrate the prediction intervals.

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

/// Scores `names.len()` candidates: `run(candidate, origin, to)` returns the forecasts of
/// points `origin..to` (or `None` when the candidate cannot fit there).
pub(crate) fn select(
    names: &[&str],
    actual: &[f64],
    origins: &[usize],
    horizon: usize,
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
            match run(c, o, to) {
                Some(f) => {
                    for (fi, &ai) in f.iter().zip(&actual[o..to]) {
                        err += (fi - ai).abs();
                        sum += ai;
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
        let s = select(&["two", "one"], &actual, &[5], 5, |c, o, to| {
            Some(vec![if c == 0 { 2.0 } else { 1.0 }; to - o])
        });
        assert_eq!(s.best, 1);
        assert_eq!(s.scores[0].wape, 1.0);
        assert_eq!(s.pairs.len(), 5);
    }
}
