//! Known-answer scenarios for the forecasting models: one test per contact-center
//! behaviour (weekly pattern, closed days, DST, outages, intervals, level shifts).

use chrono::{NaiveDate, TimeZone, Timelike};
use chrono_tz::Tz;
use proptest::prelude::*;
use wfm_core::forecast::{
    BacktestOptions, ContactSeries, Forecaster, LongTermModel, Predict, ShortTermModel, SpecialDay,
    backtest,
};
use wfm_core::history::Granularity;
use wfm_core::{Channel, IntervalLength};

const FIFTEEN: Granularity = Granularity::Interval(IntervalLength::Fifteen);

/// Local weekday (Mon = 0) and local hour (fractional) of a UTC instant.
fn local(t: i64, tz: Tz) -> (u32, f64) {
    use chrono::Datelike;
    let d = tz.timestamp_opt(t, 0).unwrap();
    (
        d.weekday().num_days_from_monday(),
        f64::from(d.hour()) + f64::from(d.minute()) / 60.0,
    )
}

/// Expected volume of a queue open 08:00–18:00 local on Mon–Sat (Saturday half as busy),
/// closed on Sunday; Monday has a bigger morning.
fn pattern(t: i64, tz: Tz) -> f64 {
    let (wd, h) = local(t, tz);
    if wd == 6 || !(8.0..18.0).contains(&h) {
        return 0.0;
    }
    let morning = if wd == 0 { 30.0 } else { 20.0 };
    let base = morning * (-0.5 * ((h - 10.0) / 1.5).powi(2)).exp()
        + 15.0 * (-0.5 * ((h - 14.5) / 2.0).powi(2)).exp()
        + 3.0;
    if wd == 5 { base * 0.5 } else { base }
}

/// A deterministic pseudo-random stream (xorshift) with a normal draw.
struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform().max(1e-12), self.uniform());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
    /// A count with mean `mu` and Poisson-like spread.
    fn count(&mut self, mu: f64) -> f64 {
        if mu <= 0.0 {
            return 0.0;
        }
        (mu + mu.sqrt() * self.normal()).round().max(0.0)
    }
}

fn series(start: i64, n: usize, tz: Tz, mut f: impl FnMut(usize, i64) -> f64) -> ContactSeries {
    let v: Vec<f64> = (0..n).map(|i| f(i, start + i as i64 * 900)).collect();
    ContactSeries::volume_only(FIFTEEN, start, tz, v).unwrap()
}

/// 2024-01-01T00:00:00Z, a Monday.
const JAN_1_2024: i64 = 1_704_067_200;
const DAY: usize = 96;

#[test]
fn pure_weekly_pattern_is_forecast_exactly() {
    let tz = chrono_tz::America::New_York;
    let s = series(JAN_1_2024, 8 * 7 * DAY, tz, |_, t| pattern(t, tz));
    let fitted = ShortTermModel::default().fit(&s).unwrap();
    let f = fitted.predict(7 * DAY).unwrap();
    for p in &f.points {
        let want = pattern(p.start, tz);
        assert!(
            (p.volume - want).abs() <= 1e-6 * want.max(1.0),
            "{}: {} vs {want} ({})",
            p.start,
            p.volume,
            fitted.model()
        );
    }
}

#[test]
fn closed_days_and_hours_forecast_zero() {
    let tz = chrono_tz::Europe::Berlin;
    let mut rng = Rng(7);
    let s = series(JAN_1_2024, 12 * 7 * DAY, tz, |_, t| {
        rng.count(pattern(t, tz))
    });
    let f = ShortTermModel::default()
        .fit(&s)
        .unwrap()
        .predict(14 * DAY)
        .unwrap();
    for p in &f.points {
        let (wd, h) = local(p.start, tz);
        if wd == 6 || !(8.0..18.0).contains(&h) {
            assert_eq!(p.volume, 0.0, "closed at {}", p.start);
            assert_eq!((p.p10, p.p50, p.p90), (0.0, 0.0, 0.0));
        } else {
            assert!(p.volume > 0.0, "open at {}", p.start);
        }
    }
}

#[test]
fn dst_moves_the_utc_curve_by_one_hour() {
    // Berlin: CET (UTC+1) until 2024-03-31 01:00Z, then CEST (UTC+2). History: the 8 weeks
    // before Monday 2024-03-25; forecast two weeks across the change.
    let tz = chrono_tz::Europe::Berlin;
    let start = JAN_1_2024 + 28 * 86_400; // Monday 2024-01-29
    let s = series(start, 8 * 7 * DAY, tz, |_, t| pattern(t, tz));
    let f = ShortTermModel::default()
        .fit(&s)
        .unwrap()
        .predict(14 * DAY)
        .unwrap();
    let first_open_utc_hour = |day: usize| {
        let p = f.points[day * DAY..(day + 1) * DAY]
            .iter()
            .find(|p| p.volume > 0.0)
            .unwrap();
        chrono::DateTime::from_timestamp(p.start, 0).unwrap().hour()
    };
    assert_eq!(first_open_utc_hour(0), 7); // Monday 2024-03-25: 08:00 CET = 07:00Z
    assert_eq!(first_open_utc_hour(7), 6); // Monday 2024-04-01: 08:00 CEST = 06:00Z
    // The local curve is the same, so the UTC values are shifted by exactly 4 slots.
    for k in 0..DAY - 4 {
        let before = f.points[k + 4].volume;
        let after = f.points[7 * DAY + k].volume;
        assert!((before - after).abs() < 1e-6 * before.max(1.0), "slot {k}");
    }
}

#[test]
fn an_outage_week_does_not_drag_the_forecast_down() {
    let tz = chrono_tz::UTC;
    let n = 12 * 7 * DAY;
    let outage = (9 * 7 * DAY)..(10 * 7 * DAY); // three weeks before the end
    let mut rng = Rng(11);
    let s = series(JAN_1_2024, n, tz, |i, t| {
        let mu = pattern(t, tz);
        let (_, h) = local(t, tz);
        // The whole week is down from 09:00 to 13:00 (≈ 5 % of its normal volume).
        let mu =
            if std::env::var("NOOUT").is_err() && outage.contains(&i) && (9.0..13.0).contains(&h) {
                mu * 0.05
            } else {
                mu
            };
        rng.count(mu)
    });
    let f = ShortTermModel::default()
        .fit(&s)
        .unwrap()
        .predict(7 * DAY)
        .unwrap();
    let (mut hit, mut want) = (0.0, 0.0);
    for p in &f.points {
        let (_, h) = local(p.start, tz);
        if (9.0..13.0).contains(&h) {
            hit += p.volume;
            want += pattern(p.start, tz);
        }
    }
    let total: f64 = f.total_volume();
    let expected: f64 = f.points.iter().map(|p| pattern(p.start, tz)).sum();
    eprintln!(
        "outage hours at {:.3}, week at {:.3} {}",
        hit / want,
        total / expected,
        f.model
    );
    assert!(
        (hit / want - 1.0).abs() < 0.03,
        "outage hours at {:.3} {}",
        hit / want,
        f.model
    );
    let total: f64 = f.total_volume();
    let expected: f64 = f.points.iter().map(|p| pattern(p.start, tz)).sum();
    assert!(
        (total / expected - 1.0).abs() < 0.03,
        "week at {:.3}",
        total / expected
    );
}

#[test]
fn quantiles_are_ordered_and_cover() {
    let tz = chrono_tz::Europe::London;
    let mut rng = Rng(5);
    let n = 20 * 7 * DAY;
    let s = series(JAN_1_2024, n, tz, |_, t| rng.count(pattern(t, tz)));
    let report = backtest(
        &ShortTermModel::default(),
        &s,
        &BacktestOptions {
            origins: 1,
            horizon: 28 * DAY,
        },
    )
    .unwrap();
    let cov = report.pooled.coverage.unwrap();
    assert!((0.7..=0.92).contains(&cov), "coverage {cov}");
    assert!(report.pooled.wape.unwrap() < 0.2);
    assert!(report.pooled.mase.unwrap() < 1.0);
    let f = ShortTermModel::default()
        .fit(&s)
        .unwrap()
        .predict(7 * DAY)
        .unwrap();
    for p in &f.points {
        assert!(p.p10 <= p.p50 && p.p50 <= p.p90, "{p:?}");
        assert!(p.p10 >= 0.0);
    }
}

#[test]
fn long_term_follows_trend_level_shift_and_closed_days() {
    // 30 months of daily totals: 2 %/month growth, weekday pattern, closed Sundays, a
    // permanent +20 % shift after 20 months, yearly cycle of ±10 %.
    let start = 19_000i32; // 2022-01-08
    let truth = |d: i32| {
        let wd = (d + 3).rem_euclid(7);
        if wd == 6 {
            return 0.0;
        }
        let t = f64::from(d - start);
        let wdf = [1.2, 1.0, 1.0, 1.0, 0.9, 0.5][wd as usize];
        let shift = if t >= 600.0 { 1.2 } else { 1.0 };
        1000.0
            * wdf
            * (0.02 * t / 30.4).exp()
            * shift
            * (1.0 + 0.1 * (2.0 * std::f64::consts::PI * f64::from(d) / 365.25).cos())
    };
    let n = 900;
    let mut rng = Rng(3);
    let v: Vec<f64> = (0..n).map(|i| rng.count(truth(start + i))).collect();
    let s = ContactSeries::volume_only(
        Granularity::Daily,
        i64::from(start) * 86_400,
        chrono_tz::UTC,
        v,
    )
    .unwrap();
    let fitted = LongTermModel::default().fit(&s).unwrap();
    let f = fitted.predict(90).unwrap();
    let (mut err, mut tot) = (0.0, 0.0);
    for (i, p) in f.points.iter().enumerate() {
        let want = truth(start + n + i as i32);
        if want == 0.0 {
            assert_eq!(p.volume, 0.0);
        }
        err += (p.volume - want).abs();
        tot += want;
        assert!(p.p10 <= p.p50 && p.p50 <= p.p90);
    }
    assert!(
        err / tot < 0.05,
        "WAPE vs truth {} ({})",
        err / tot,
        fitted.model()
    );
}

#[test]
fn special_days_are_learned_from_history() {
    // Every first Tuesday of a month is a holiday at 10 % of normal volume.
    let start = 19_000i32;
    let is_holiday = |d: i32| {
        let date = NaiveDate::from_num_days_from_ce_opt(d + 719_163).unwrap();
        use chrono::Datelike;
        date.weekday() == chrono::Weekday::Tue && date.day() <= 7
    };
    let truth = |d: i32| if is_holiday(d) { 50.0 } else { 500.0 };
    let n = 400;
    let v: Vec<f64> = (0..n).map(|i| truth(start + i)).collect();
    let s = ContactSeries::volume_only(
        Granularity::Daily,
        i64::from(start) * 86_400,
        chrono_tz::UTC,
        v,
    )
    .unwrap();
    let days: Vec<SpecialDay> = (start..start + n + 60)
        .filter(|&d| is_holiday(d))
        .map(|d| {
            SpecialDay::new(
                NaiveDate::from_num_days_from_ce_opt(d + 719_163).unwrap(),
                "holiday",
            )
        })
        .collect();
    let f = LongTermModel::default()
        .with_special_days(days)
        .fit(&s)
        .unwrap()
        .predict(60)
        .unwrap();
    for (i, p) in f.points.iter().enumerate() {
        let want = truth(start + n + i as i32);
        assert!(
            (p.volume - want).abs() < 0.02 * want,
            "day {i}: {}",
            p.volume
        );
    }
}

#[test]
fn series_from_history_records() {
    use wfm_core::history::{HistoryRecord, QueueIx};
    let rec = |start: i64, volume: u64| HistoryRecord {
        queue: QueueIx(0),
        channel: Channel::Chat,
        granularity: FIFTEEN,
        start,
        volume,
        aht_seconds: 400.0,
        handled: volume,
    };
    let s = ContactSeries::from_records(
        &[rec(JAN_1_2024 + 1800, 3), rec(JAN_1_2024, 2)],
        chrono_tz::UTC,
    )
    .unwrap();
    assert_eq!(s.volume(), &[2.0, 0.0, 3.0]);
    assert_eq!(s.start(), JAN_1_2024);
    let mixed = [
        rec(0, 1),
        HistoryRecord {
            channel: Channel::Voice,
            ..rec(900, 1)
        },
    ];
    assert!(ContactSeries::from_records(&mixed, chrono_tz::UTC).is_err());
    assert!(ContactSeries::from_records(&[rec(0, 1), rec(0, 2)], chrono_tz::UTC).is_err());
}

#[test]
fn refusals() {
    let s = series(JAN_1_2024, 10 * DAY, chrono_tz::UTC, |_, _| 1.0);
    assert!(matches!(
        ShortTermModel::default().fit(&s),
        Err(wfm_core::CoreError::ShortHistory { .. })
    ));
    assert!(LongTermModel::default().fit(&s).is_err()); // not daily
    let long = series(JAN_1_2024, 40 * DAY, chrono_tz::UTC, |_, _| 1.0);
    let fitted = ShortTermModel::default().fit(&long).unwrap();
    assert!(fitted.predict(126 * DAY + 1).is_err());
    assert!(fitted.predict(126 * DAY).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn forecasts_are_finite_non_negative_and_ordered(
        seed in 1u64..u64::MAX,
        scale in 0.0f64..200.0,
        zero_share in 0.0f64..0.9,
    ) {
        let mut rng = Rng(seed);
        let s = series(JAN_1_2024, 35 * 48, chrono_tz::Europe::Berlin, |_, _| {
            if rng.uniform() < zero_share {
                0.0
            } else {
                let mu = scale * rng.uniform();
                rng.count(mu)
            }
        });
        // 30-minute grid: re-wrap the same values.
        let s = ContactSeries::volume_only(
            Granularity::Interval(IntervalLength::Thirty), s.start(), s.tz(), s.volume().to_vec(),
        ).unwrap();
        let f = ShortTermModel::default().fit(&s).unwrap().predict(7 * 48).unwrap();
        for p in &f.points {
            prop_assert!(p.volume.is_finite() && p.volume >= 0.0);
            prop_assert!(p.aht_seconds.is_finite() && p.aht_seconds >= 0.0);
            prop_assert!(p.p10 <= p.p50 && p.p50 <= p.p90);
        }
    }

    #[test]
    fn daily_forecasts_are_finite_and_non_negative(
        seed in 1u64..u64::MAX,
        days in 28usize..500,
        scale in 0.0f64..5000.0,
    ) {
        let mut rng = Rng(seed);
        let v: Vec<f64> = (0..days)
            .map(|_| {
                let mu = scale * rng.uniform();
                rng.count(mu)
            })
            .collect();
        let s = ContactSeries::volume_only(Granularity::Daily, 0, chrono_tz::UTC, v).unwrap();
        let f = LongTermModel::default().fit(&s).unwrap().predict(549).unwrap();
        for p in &f.points {
            prop_assert!(p.volume.is_finite() && p.volume >= 0.0);
            prop_assert!(p.p10 <= p.p50 && p.p50 <= p.p90);
        }
    }
}

/// Regression (found by `daily_forecasts_are_finite_and_non_negative`): 28 days without a
/// contact were refused as "28 day(s) given, at least 28 needed"; a closed queue forecasts 0.
#[test]
fn a_long_term_history_without_contacts_forecasts_zero() {
    let s =
        ContactSeries::volume_only(Granularity::Daily, 0, chrono_tz::UTC, vec![0.0; 28]).unwrap();
    let fitted = LongTermModel::default().fit(&s).unwrap();
    assert_eq!(fitted.model(), "closed");
    let f = fitted.predict(90).unwrap();
    assert!(f.points.iter().all(|p| p.volume == 0.0 && p.p90 == 0.0));
}
