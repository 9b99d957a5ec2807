//! The daily-total model both horizons share: robust weekday factors (ratio to a centred
//! weekly mean), a robust log-level regression with an optional damped trend, an optional
//! yearly Fourier term and an optional permanent level shift, re-anchored on recent data;
//! day-of-month effects (billing cycles) learned over the whole history when significant,
//! and special days (holidays) kept out of the fit and forecast with learned factors.
//!
//! Days that do not fit (holidays, outages, incident days) get small Huber weights, so
//! they neither drag the level nor the weekday factors.

use chrono::Datelike;

use super::calendar::weekday_of;
use super::robust::{dot, huber, median, robust_lstsq, weighted_median};
use super::special::{SpecialFactors, Specials};

/// One complete day of history: its local day number and total volume.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct DayObs {
    /// Days since 1970-01-01 (local date).
    pub day: i32,
    /// Volume of the day.
    pub total: f64,
}

/// How to fit a [`DailyLevel`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LevelSpec {
    /// Days of history the level/trend regression uses (all when `yearly`).
    pub window_days: usize,
    /// Fit a trend.
    pub trend: bool,
    /// Trend damping per day (1 = undamped).
    pub phi: f64,
    /// Yearly Fourier terms (2 harmonics), used only with ≥ 400 days.
    pub yearly: bool,
    /// Detect one permanent level shift in the regression window.
    pub shift: bool,
    /// Weeks of history the weekday factors use.
    pub weekday_weeks: usize,
    /// Significance (a variance ratio) day-of-month effects need to be kept; 0 keeps
    /// them always, `f64::INFINITY` never.
    pub dom_threshold: f64,
}

/// A fitted daily-total model.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DailyLevel {
    weekday: [f64; 7],
    end_day: i32,
    level: f64,
    slope: f64,
    phi: f64,
    yearly: Vec<f64>,
    /// Robust residuals of the fit's last days are ≈ 0; `bias` = mean of exp(residual).
    bias: f64,
    dom: Option<Vec<f64>>,
    special: SpecialFactors,
}

const HARMONICS: usize = 2;
const YEAR: f64 = 365.25;

fn fourier(day: i32, out: &mut Vec<f64>) {
    for k in 1..=HARMONICS {
        let a = 2.0 * std::f64::consts::PI * k as f64 * f64::from(day) / YEAR;
        out.push(a.cos());
        out.push(a.sin());
    }
}

/// Centred 7-day means (None where the window leaves the data).
fn centred_means(d: &[f64]) -> Vec<Option<f64>> {
    (0..d.len())
        .map(|i| {
            if i < 3 || i + 3 >= d.len() {
                None
            } else {
                Some(d[i - 3..=i + 3].iter().sum::<f64>() / 7.0)
            }
        })
        .collect()
}

/// Robust weekday factors (mean 1 over the week) from the last `weeks` weeks.
pub(crate) fn weekday_factors(days: &[DayObs], weeks: usize) -> ([f64; 7], Vec<f64>) {
    let n = days.len();
    let from = n.saturating_sub(weeks * 7 + 3);
    let mut d: Vec<f64> = days[from..].iter().map(|x| x.total).collect();
    let wd: Vec<u8> = days[from..].iter().map(|x| weekday_of(x.day)).collect();
    let mut w = [1.0; 7];
    for pass in 0..3 {
        let m = centred_means(&d);
        let mut per: [Vec<(f64, f64)>; 7] = Default::default();
        for i in 0..d.len() {
            if let Some(mi) = m[i].filter(|&v| v > 0.0) {
                per[wd[i] as usize].push((d[i] / mi, 1.0));
            }
        }
        for (k, p) in per.iter_mut().enumerate() {
            if let Some(v) = weighted_median(p) {
                w[k] = v;
            }
        }
        let mean = w.iter().sum::<f64>() / 7.0;
        if mean > 0.0 {
            w.iter_mut().for_each(|v| *v /= mean);
        }
        if pass == 2 {
            break;
        }
        // Clean days far from weekday × weekly mean, then refit.
        let z: Vec<Option<f64>> = (0..d.len())
            .map(|i| {
                m[i].map(|mi| {
                    let e = w[wd[i] as usize] * mi;
                    ((d[i] + 1.0) / (e + 1.0)).ln()
                })
            })
            .collect();
        let abs: Vec<f64> = z.iter().flatten().map(|v| v.abs()).collect();
        let scale = (median(&abs).unwrap_or(0.1) * 1.4826).max(0.03);
        for i in 0..d.len() {
            if let (Some(zi), Some(mi)) = (z[i], m[i])
                && zi.abs() > 3.0 * scale
            {
                d[i] = w[wd[i] as usize] * mi;
            }
        }
    }
    (w, d)
}

impl DailyLevel {
    /// Fits the model on complete, consecutive days; `None` with fewer than 14 days.
    /// Special days (and the day after) are left out of the fit; their factors are
    /// learned from their past occurrences.
    pub(crate) fn fit(days: &[DayObs], spec: &LevelSpec, special: &Specials) -> Option<Self> {
        let n = days.len();
        let long = spec.yearly || spec.window_days >= n;
        if !long && n >= 84 && spec.dom_threshold.is_finite() {
            // A short level window cannot see a monthly cycle: learn the day-of-month
            // effects over the whole history first, then fit the level net of them.
            let wide = LevelSpec {
                window_days: n.min(365),
                trend: true,
                phi: 1.0,
                shift: false,
                ..*spec
            };
            if let Some(dom) = Self::fit_with(days, &wide, special, None).and_then(|m| m.dom) {
                return Self::fit_with(days, spec, special, Some(dom));
            }
        }
        Self::fit_with(days, spec, special, None)
    }

    /// [`DailyLevel::fit`] with day-of-month effects given (`fixed_dom`) or estimated.
    fn fit_with(
        days: &[DayObs],
        spec: &LevelSpec,
        special: &Specials,
        fixed_dom: Option<Vec<f64>>,
    ) -> Option<Self> {
        let n = days.len();
        if n < 14 {
            return None;
        }
        let (weekday, _) = weekday_factors(days, spec.weekday_weeks);
        let end_day = days[n - 1].day;
        let yearly = spec.yearly && n >= 400;
        let from = if yearly {
            0
        } else {
            n.saturating_sub(spec.window_days.max(14))
        };
        let mut rows = Vec::new();
        let mut y = Vec::new();
        let mut t = Vec::new();
        for x in &days[from..] {
            let w = weekday[weekday_of(x.day) as usize];
            if w < 0.05 || x.total <= 0.0 || special.touches(x.day) {
                continue;
            }
            let mut r = vec![1.0];
            if spec.trend {
                r.push(f64::from(x.day - end_day));
            }
            if yearly {
                fourier(x.day, &mut r);
            }
            rows.push(r);
            let net = fixed_dom.as_ref().map_or(0.0, |d| d[dom_key(x.day)]);
            y.push((x.total / w).ln() - net);
            t.push(x.day);
        }
        if rows.len() < 7 {
            return None;
        }
        let base = vec![1.0; rows.len()];
        let (mut beta, mut wts) = robust_lstsq(&rows, &y, &base, 1.5, 6)?;
        let mut shift_at = None;
        if spec.shift
            && rows.len() >= 56
            && let Some(c) = best_shift(&rows, &y, &wts, &t)
        {
            for (r, &ti) in rows.iter_mut().zip(&t) {
                r.push(if ti >= c { 1.0 } else { 0.0 });
            }
            let fit = robust_lstsq(&rows, &y, &base, 1.5, 6)?;
            beta = fit.0;
            wts = fit.1;
            shift_at = Some(c);
        }
        // Day-of-month effects (billing cycles), kept only when clearly significant.
        let given = fixed_dom.is_some();
        let mut dom = fixed_dom.unwrap_or_else(|| vec![0.0; DOM_KEYS]);
        if !given && rows.len() >= 84 && spec.dom_threshold.is_finite() {
            let mut fit = Fit { y, beta, wts };
            add_dom_effects(&rows, &t, &base, spec.dom_threshold, &mut fit, &mut dom)?;
            Fit { y, beta, wts } = fit;
        }
        let p_trend = usize::from(spec.trend);
        let mut level = beta[0];
        if shift_at.is_some() {
            level += beta[beta.len() - 1];
        }
        let slope = if spec.trend { beta[1] } else { 0.0 };
        let yearly_coef = if yearly {
            beta[1 + p_trend..1 + p_trend + 2 * HARMONICS].to_vec()
        } else {
            Vec::new()
        };
        let bias = bias(&rows, &y, &beta, &wts);
        let factors = special.learn(days, &weekday);
        Some(Self {
            weekday,
            end_day,
            level,
            slope,
            phi: spec.phi.clamp(0.0, 1.0),
            yearly: yearly_coef,
            bias,
            dom: dom.iter().any(|&d| d != 0.0).then_some(dom),
            special: factors,
        })
    }

    /// A flat level of `mean` contacts a day from `end_day` on (0 every day when `mean` is
    /// 0): the forecast of a queue too sparse for any model to fit.
    pub(crate) fn flat(end_day: i32, mean: f64) -> Self {
        let open = mean > 0.0 && mean.is_finite();
        Self {
            weekday: [if open { 1.0 } else { 0.0 }; 7],
            end_day,
            level: if open { mean.ln() } else { 0.0 },
            slope: 0.0,
            phi: 1.0,
            yearly: Vec::new(),
            bias: 1.0,
            dom: None,
            special: SpecialFactors::default(),
        }
    }

    /// Fixed totals per weekday (Monday first) from `end_day` on, times the special days'
    /// factors: a baseline's forecast (the seasonal naive or a weekday mean) as a level
    /// model that keeps the holidays it is given.
    pub(crate) fn per_weekday(end_day: i32, totals: [f64; 7], special: SpecialFactors) -> Self {
        Self {
            weekday: totals.map(|t| if t.is_finite() { t.max(0.0) } else { 0.0 }),
            end_day,
            level: 0.0,
            slope: 0.0,
            phi: 1.0,
            yearly: Vec::new(),
            bias: 1.0,
            dom: None,
            special,
        }
    }

    /// The expected total of local day `day`.
    pub(crate) fn predict(&self, day: i32) -> f64 {
        let w = self.weekday[weekday_of(day) as usize];
        if w <= 0.0 {
            return 0.0;
        }
        let h = f64::from((day - self.end_day).max(0));
        let damp = if self.phi >= 1.0 {
            h
        } else {
            self.phi * (1.0 - self.phi.powf(h)) / (1.0 - self.phi)
        };
        let mut ln = self.level + self.slope * damp;
        if !self.yearly.is_empty() {
            let mut f = Vec::with_capacity(2 * HARMONICS);
            fourier(day, &mut f);
            ln += dot(&f, &self.yearly);
        }
        if let Some(dom) = &self.dom {
            ln += dom[dom_key(day)];
        }
        let v = w * ln.clamp(-50.0, 50.0).exp() * self.bias * self.special.factor(day);
        if v.is_finite() { v } else { 0.0 }
    }
}

/// Day-of-month groups: days 1, 2, 3, 4–5 and 6–9 of the month, the middle, and the last
/// 7–4, 3rd last, 2nd last and last days (where billing cycles put their peaks).
const DOM_KEYS: usize = 10;

/// A robust log-linear fit: the targets, coefficients and final weights.
struct Fit {
    y: Vec<f64>,
    beta: Vec<f64>,
    wts: Vec<f64>,
}

/// Day-of-month effects (billing cycles), kept only when clearly significant (their
/// explained variance over the residuals' at least `threshold`): estimated from the
/// residuals of `fit` in at most two rounds, each added to `dom`, taken off the targets
/// and refitted. `None` if a refit fails.
fn add_dom_effects(
    rows: &[Vec<f64>],
    t: &[i32],
    base: &[f64],
    threshold: f64,
    fit: &mut Fit,
    dom: &mut [f64],
) -> Option<()> {
    let keys: Vec<usize> = t.iter().map(|&d| dom_key(d)).collect();
    for _ in 0..2 {
        let res: Vec<f64> = (0..rows.len())
            .map(|i| fit.y[i] - dot(&rows[i], &fit.beta))
            .collect();
        let mut per: Vec<Vec<f64>> = vec![Vec::new(); DOM_KEYS];
        for i in 0..rows.len() {
            per[keys[i]].push(res[i]);
        }
        // Per-key medians (robust to the odd outage), shrunk towards 0.
        let cand: Vec<f64> = per
            .iter()
            .map(|r| {
                let n = r.len() as f64;
                median(r).map_or(0.0, |m| m * n / (n + 1.0))
            })
            .collect();
        let abs: Vec<f64> = res
            .iter()
            .zip(&keys)
            .map(|(r, &k)| (r - cand[k]).abs())
            .collect();
        let s2 = (median(&abs).unwrap_or(0.0) * 1.4826).powi(2).max(1e-8);
        let explained: f64 = per
            .iter()
            .zip(&cand)
            .map(|(r, c)| r.len() as f64 * c * c)
            .sum::<f64>()
            / DOM_KEYS as f64;
        let f = explained / s2;
        if f < threshold {
            break;
        }
        for (d, c) in dom.iter_mut().zip(&cand) {
            *d += c;
        }
        let ya: Vec<f64> = (0..rows.len()).map(|i| fit.y[i] - dom[keys[i]]).collect();
        let (beta, wts) = robust_lstsq(rows, &ya, base, 1.5, 6)?;
        *fit = Fit { y: ya, beta, wts };
    }
    Some(())
}

/// The bias correction of the log fit: the mean of exp(residual) over the well-fitting
/// days of the last 8 weeks, within [0.8, 1.25].
fn bias(rows: &[Vec<f64>], y: &[f64], beta: &[f64], wts: &[f64]) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    let last = rows.len().saturating_sub(56);
    for i in last..rows.len() {
        let r = y[i] - dot(&rows[i], beta);
        let w = wts[i] * huber(r / 0.1, 2.0);
        num += w * r.exp();
        den += w;
    }
    if den > 0.0 {
        (num / den).clamp(0.8, 1.25)
    } else {
        1.0
    }
}

fn dom_key(day: i32) -> usize {
    let Some(date) = chrono::NaiveDate::from_num_days_from_ce_opt(day + 719_163) else {
        return 5;
    };
    let dd = date.day();
    let next = if date.month() == 12 {
        chrono::NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)
    } else {
        chrono::NaiveDate::from_ymd_opt(date.year(), date.month() + 1, 1)
    };
    let dim = next.map_or(31, |n| (n - chrono::Duration::days(1)).day());
    let to_end = dim - dd; // 0 on the last day
    match (dd, to_end) {
        (1, _) => 0,
        (2, _) => 1,
        (3, _) => 2,
        (4 | 5, _) => 3,
        (6..=9, _) => 4,
        (_, 0) => 9,
        (_, 1) => 8,
        (_, 2) => 7,
        (_, 3..=6) => 6,
        _ => 5,
    }
}

/// The change day of the best single permanent shift, if it is clearly significant.
fn best_shift(rows: &[Vec<f64>], y: &[f64], w: &[f64], t: &[i32]) -> Option<i32> {
    let sse = |rows: &[Vec<f64>]| -> Option<f64> {
        let b = super::robust::weighted_lstsq(rows, y, w)?;
        Some(
            rows.iter()
                .zip(y)
                .zip(w)
                .map(|((x, &yi), &wi)| wi * (yi - dot(x, &b)).powi(2))
                .sum(),
        )
    };
    let base = sse(rows)?;
    let n = rows.len();
    let wsum: f64 = w.iter().sum();
    let mut best: Option<(f64, i32)> = None;
    let mut i = 28;
    while i + 28 < n {
        let c = t[i];
        let ext: Vec<Vec<f64>> = rows
            .iter()
            .zip(t)
            .map(|(r, &ti)| {
                let mut r = r.clone();
                r.push(if ti >= c { 1.0 } else { 0.0 });
                r
            })
            .collect();
        if let Some(s) = sse(&ext)
            && best.is_none_or(|(b, _)| s < b)
        {
            best = Some((s, c));
        }
        i += 7;
    }
    let (s, c) = best?;
    let sigma2 = s / wsum.max(1.0);
    // An F-like statistic: the reduction against the residual variance.
    ((base - s) / sigma2.max(1e-12) > 12.0).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(f: impl Fn(i32) -> f64, n: i32) -> Vec<DayObs> {
        (0..n)
            .map(|i| DayObs {
                day: 19_000 + i,
                total: f(19_000 + i),
            })
            .collect()
    }

    #[test]
    fn weekly_pattern_and_closed_day() {
        let pat = [120.0, 100.0, 100.0, 100.0, 80.0, 40.0, 0.0];
        let h = days(|d| pat[super::weekday_of(d) as usize], 84);
        let spec = LevelSpec {
            window_days: 56,
            trend: true,
            phi: 0.98,
            yearly: false,
            shift: true,
            weekday_weeks: 12,
            dom_threshold: 4.0,
        };
        let m = DailyLevel::fit(&h, &spec, &Specials::default()).unwrap();
        for d in 19_084..19_098 {
            let want = pat[super::weekday_of(d) as usize];
            assert!((m.predict(d) - want).abs() < 1e-6 * want.max(1.0), "{d}");
        }
    }

    #[test]
    fn level_shift_is_followed() {
        let h = days(|d| if d < 19_100 { 100.0 } else { 130.0 }, 182);
        let spec = LevelSpec {
            window_days: 182,
            trend: true,
            phi: 0.98,
            yearly: false,
            shift: true,
            weekday_weeks: 12,
            dom_threshold: 4.0,
        };
        let m = DailyLevel::fit(&h, &spec, &Specials::default()).unwrap();
        assert!(
            (m.predict(19_190) - 130.0).abs() < 1.0,
            "{}",
            m.predict(19_190)
        );
    }

    #[test]
    fn day_of_month_effect_is_learned() {
        let h: Vec<DayObs> = (0..400)
            .map(|i| {
                let d = 19_000 + i;
                let f = match dom_key(d) {
                    0 => 1.35,
                    1 => 1.25,
                    _ => 1.0,
                };
                let noise = 1.0 + 0.05 * (f64::from((i * 7919) % 13) / 6.0 - 1.0);
                DayObs {
                    day: d,
                    total: 100.0 * f * noise,
                }
            })
            .collect();
        let spec = LevelSpec {
            window_days: 182,
            trend: true,
            phi: 0.98,
            yearly: false,
            shift: false,
            weekday_weeks: 12,
            dom_threshold: 4.0,
        };
        let m = DailyLevel::fit(&h, &spec, &Specials::default()).unwrap();
        let dom = m.dom.as_ref().unwrap();
        assert!(
            dom[0] > 0.2 && dom[1] > 0.15 && dom[5].abs() < 0.05,
            "{dom:?}"
        );
        assert_eq!(dom_key(0), 0); // 1970-01-01
        assert_eq!(dom_key(30), 9); // 1970-01-31: last day of the month
        assert_eq!(dom_key(14), 5); // 1970-01-15
    }
}
