//! Issue 26: long-term forecasts on short, drifting histories hold against the baselines
//! a planner computes by hand (seasonal naive, the 4- and 8-week weekday means).

use wfm_core::forecast::{ContactSeries, Forecaster, LongTermModel, Predict};
use wfm_core::history::Granularity;

/// A small deterministic generator (xorshift) of multiplicative noise.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A day's volume around `mean`: ±8 % noise.
    fn day(&mut self, mean: f64) -> f64 {
        (mean * (0.92 + 0.16 * self.unit())).round()
    }
}

/// Weekday factors, Monday first; Sunday closed.
const WEEKDAY: [f64; 7] = [1.25, 1.1, 1.05, 1.0, 0.95, 0.65, 0.0];

/// 2023-07-01 as a day number (a Saturday).
const START: i32 = 19_539;

fn weekday(d: i32) -> usize {
    (d + 3).rem_euclid(7) as usize
}

/// One run: the history, the actual days after it, the forecast and its P10–P90 band.
struct Run {
    history: Vec<f64>,
    actual: Vec<f64>,
    forecast: Vec<f64>,
    band: Vec<(f64, f64)>,
}

/// The long-term forecast of `horizon` days after `hist` days of `truth` (with noise,
/// and `holiday` days at 5 %), against the actual days.
fn run(truth: impl Fn(i32) -> f64, hist: i32, horizon: i32, holiday: impl Fn(i32) -> bool) -> Run {
    let mut rng = Rng(0x2026);
    let all: Vec<f64> = (START..START + hist + horizon)
        .map(|d| {
            let v = rng.day(truth(d));
            if holiday(d) { (v * 0.05).round() } else { v }
        })
        .collect();
    let (y, actual) = all.split_at(hist as usize);
    let s = ContactSeries::volume_only(
        Granularity::Daily,
        i64::from(START) * 86_400,
        chrono_tz::UTC,
        y.to_vec(),
    )
    .unwrap();
    let f = LongTermModel::default()
        .fit(&s)
        .unwrap()
        .predict(horizon as usize)
        .unwrap();
    Run {
        history: y.to_vec(),
        actual: actual.to_vec(),
        forecast: f.points.iter().map(|p| p.volume).collect(),
        band: f.points.iter().map(|p| (p.p10, p.p90)).collect(),
    }
}

fn wape(f: &[f64], a: &[f64]) -> f64 {
    f.iter().zip(a).map(|(f, a)| (f - a).abs()).sum::<f64>() / a.iter().sum::<f64>()
}

fn bias(f: &[f64], a: &[f64]) -> f64 {
    f.iter().zip(a).map(|(f, a)| f - a).sum::<f64>() / a.iter().sum::<f64>()
}

/// The best of the planner's baselines: the mean of each weekday over the last 1, 4 and
/// 8 weeks, repeated.
fn best_baseline(y: &[f64], a: &[f64]) -> f64 {
    [1, 4, 8]
        .iter()
        .map(|&weeks| {
            let tail = &y[y.len() - 7 * weeks..];
            let f: Vec<f64> = (0..a.len())
                .map(|i| (0..weeks).map(|w| tail[w * 7 + i % 7]).sum::<f64>() / weeks as f64)
                .collect();
            wape(&f, a)
        })
        .fold(f64::INFINITY, f64::min)
}

/// Issue 26, item 1 (regression): about 10 months of history whose level falls over the
/// following 90 days (a yearly swing past its peak, the history not holding a year) were
/// over-forecast by about 15 % and lost to the seasonal naive forecast, although the
/// model's own backtest looked unbiased: the selection trusted a level and a trend the
/// most recent weeks contradicted.
#[test]
fn a_short_history_whose_level_falls_is_not_over_forecast() {
    // Rising to a peak around day 200 (mid-January), falling after it; 4 %/year growth.
    let truth = |d: i32| {
        let t = f64::from(d - START);
        let yearly = 1.0 + 0.15 * (2.0 * std::f64::consts::PI * (t - 200.0) / 365.25).cos();
        1000.0 * WEEKDAY[weekday(d)] * yearly * (0.04 * t / 365.25).exp()
    };
    let Run {
        history: y,
        actual: a,
        forecast: f,
        ..
    } = run(truth, 275, 90, |_| false);
    let (w, b) = (wape(&f, &a), bias(&f, &a));
    let base = best_baseline(&y, &a);
    assert!(
        b < 0.12,
        "bias {b:+.3} (WAPE {w:.3}, best baseline {base:.3})"
    );
    assert!(w <= base, "WAPE {w:.3} vs the best baseline's {base:.3}");
}

/// Holidays not given inside the last 4 weeks (a Christmas week at 5 %) pull the weekday
/// means down; the robust recent level is not pulled.
#[test]
fn unknown_holidays_in_the_last_weeks_do_not_pull_the_level_down() {
    let truth = |d: i32| 800.0 * WEEKDAY[weekday(d)];
    let christmas = |d: i32| (START + 174..START + 178).contains(&d);
    let Run {
        history: y,
        actual: a,
        forecast: f,
        ..
    } = run(truth, 182, 90, christmas);
    let (w, b) = (wape(&f, &a), bias(&f, &a));
    assert!(b.abs() < 0.03, "bias {b:+.3}");
    assert!(w < 0.8 * best_baseline(&y, &a), "WAPE {w:.3}");
}

/// With 14 months of history the 90 days ahead follow last year's shape at the recent
/// level (the year-ago candidate), which no weekday mean can: a yearly swing of ±15 %
/// and 10 %/year growth.
#[test]
fn fourteen_months_follow_last_years_shape_at_the_recent_level() {
    let truth = |d: i32| {
        let t = f64::from(d - START);
        let yearly = 1.0 + 0.15 * (2.0 * std::f64::consts::PI * (t - 180.0) / 365.25).cos();
        1000.0 * WEEKDAY[weekday(d)] * yearly * (0.10 * t / 365.25).exp()
    };
    let Run {
        history: y,
        actual: a,
        forecast: f,
        band,
    } = run(truth, 428, 90, |_| false);
    let w = wape(&f, &a);
    let base = best_baseline(&y, &a);
    assert!(
        w < 0.7 * base,
        "WAPE {w:.3} vs the best baseline's {base:.3}"
    );
    let open: Vec<bool> = a.iter().map(|&x| x > 0.0).collect();
    let inside = band
        .iter()
        .zip(&a)
        .zip(&open)
        .filter(|(_, o)| **o)
        .filter(|((b, x), _)| b.0 <= **x && **x <= b.1)
        .count();
    let cover = inside as f64 / open.iter().filter(|&&o| o).count() as f64;
    assert!(cover >= 0.6, "P10–P90 coverage {cover:.3}");
}
