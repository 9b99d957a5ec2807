//! Evaluates the forecasting models on `gen_contact_history.py` output.
//!
//! `cargo run -p wfm-core --release --example forecast_eval -- DIR` where DIR holds
//! `intervals_15min.csv` (or `_30min`), `daily.csv` and `queues.csv`. Short-term: the last
//! 4 weeks of intervals forecast from the 26 weeks before; long-term: the last 90 days of
//! daily totals from everything before. Prints pooled WAPEs, interval coverage and timings,
//! then times 200 series × 26 weeks fit + forecast in parallel. With `--holidays`, the
//! holiday and half-day dates of `events.csv` (public calendar facts, not the outages or
//! spikes) are given to the models as special days; with `--public-holidays`, the built-in
//! public holidays (`wfm_core::forecast::public_holidays`) of each queue's `Country` in
//! `queues.csv` are (one label per holiday; `--shared-label` gives them all the label
//! "public holiday" instead); `--st-weeks N` trains the short-term
//! model on N weeks instead of 26; `--no-speed` skips the speed run, `--lt-only` the
//! short-term evaluation. `FORECAST_DUMP=DIR` writes the
//! long-term and daily short-term forecasts next to the actuals as CSV.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::DateTime;
use chrono_tz::Tz;
use rayon::prelude::*;
use wfm_core::IntervalLength;
use wfm_core::forecast::{
    ContactSeries, Country, Forecaster, LongTermModel, Predict, ShortTermModel, SpecialDay,
    public_holidays,
};
use wfm_core::history::Granularity;

type Key = (String, String);

#[derive(Default)]
struct Raw {
    start: i64,
    volume: Vec<f64>,
    handled: Vec<f64>,
    aht: Vec<f64>,
}

fn parse_ts(s: &str) -> i64 {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.timestamp())
        .unwrap_or_else(|e| panic!("bad timestamp {s}: {e}"))
}

fn read_history(path: &str) -> BTreeMap<Key, Raw> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out: BTreeMap<Key, Raw> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() < 8 {
            continue;
        }
        let r = out.entry((f[1].to_owned(), f[2].to_owned())).or_default();
        if r.volume.is_empty() {
            r.start = parse_ts(f[3]);
        }
        r.volume.push(f[5].parse().unwrap_or(0.0));
        r.aht.push(f[6].parse().unwrap_or(0.0));
        r.handled.push(f[7].parse().unwrap_or(0.0));
    }
    out
}

fn read_zones(path: &str) -> BTreeMap<String, Tz> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            Some((f.first()?.to_string(), f.get(3)?.parse().ok()?))
        })
        .collect()
}

/// Holidays and half days per queue from `events.csv` (public calendar knowledge; the
/// outages and spikes there are not used).
fn read_holidays(path: &str) -> BTreeMap<String, Vec<SpecialDay>> {
    let mut out: BTreeMap<String, Vec<SpecialDay>> = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(path) else {
        return out;
    };
    for l in text.lines().skip(1) {
        let f: Vec<&str> = l.split(',').collect();
        if f.len() > 4
            && (f[3] == "holiday" || f[3] == "halfday")
            && let Ok(d) = f[4].parse()
        {
            out.entry(f[0].to_owned())
                .or_default()
                .push(SpecialDay::new(d, f[3]));
        }
    }
    out
}

/// The built-in public holidays of each queue's `Country` column in `queues.csv`, for the
/// years 2000–2040 (one label per holiday, or one shared label).
fn read_public_holidays(path: &str, shared: bool) -> BTreeMap<String, Vec<SpecialDay>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (Some(qc), Some(cc)) = (col("QueueId"), col("Country")) else {
        panic!("{path}: no QueueId and Country columns");
    };
    lines
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let country: Country = f.get(cc)?.parse().ok()?;
            let mut days = public_holidays(country, 2000..=2040);
            if shared {
                for d in &mut days {
                    d.label = "public holiday".into();
                }
            }
            Some((f.get(qc)?.to_string(), days))
        })
        .collect()
}

fn series(r: &Raw, g: Granularity, tz: Tz, from: usize, to: usize) -> ContactSeries {
    let step = g.seconds();
    ContactSeries::new(
        g,
        r.start + from as i64 * step,
        tz,
        r.volume[from..to].to_vec(),
        r.handled[from..to].to_vec(),
        r.aht[from..to].to_vec(),
    )
    .expect("valid series")
}

#[derive(Default)]
struct Sums {
    err: f64,
    act: f64,
    signed: f64,
    day_err: f64,
    day_act: f64,
    aht_err: f64,
    aht_act: f64,
    inside: usize,
    counted: usize,
}

impl Sums {
    fn wape(&self) -> f64 {
        self.err / self.act
    }
}

/// The holidays given to the models, per queue, by the command line's flags.
fn special_days(dir: &str) -> BTreeMap<String, Vec<SpecialDay>> {
    let use_holidays = std::env::args().any(|a| a == "--holidays");
    let use_public = std::env::args().any(|a| a == "--public-holidays");
    let shared = std::env::args().any(|a| a == "--shared-label");
    let holidays = if use_holidays {
        read_holidays(&format!("{dir}/events.csv"))
    } else if use_public {
        read_public_holidays(&format!("{dir}/queues.csv"), shared)
    } else {
        BTreeMap::new()
    };
    println!(
        "special days from events.csv: {use_holidays}; built-in public holidays: {use_public}{}",
        if shared { " (one shared label)" } else { "" }
    );
    holidays
}

/// The short-term evaluation's data and window: the interval series, their step and
/// zones, and the steps trained on and tested.
struct ShortTerm {
    iv: BTreeMap<Key, Raw>,
    g: Granularity,
    spd: usize,
    test: usize,
    train: usize,
    zones: BTreeMap<String, Tz>,
}

impl ShortTerm {
    fn series(&self, q: &str, r: &Raw) -> ContactSeries {
        let tz = self.zones.get(q).copied().unwrap_or(chrono_tz::UTC);
        let n = r.volume.len();
        series(r, self.g, tz, n - self.test - self.train, n - self.test)
    }
}

impl Sums {
    fn add(&mut self, one: &Sums) {
        self.err += one.err;
        self.signed += one.signed;
        self.act += one.act;
        self.day_err += one.day_err;
        self.day_act += one.day_act;
        self.aht_err += one.aht_err;
        self.aht_act += one.aht_act;
        self.inside += one.inside;
        self.counted += one.counted;
    }
}

fn scores(scores: &[wfm_core::forecast::CandidateScore]) -> String {
    scores
        .iter()
        .map(|c| format!("{}={:.4}", c.name, c.wape))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Short-term: the last 4 weeks of every interval series forecast from the weeks before.
fn short_term(st: &ShortTerm, model_days: &dyn Fn(&str) -> Vec<SpecialDay>) -> Sums {
    let (spd, test) = (st.spd, st.test);
    let mut sums = Sums::default();
    for ((q, ch), r) in &st.iv {
        let n = r.volume.len();
        let fitted = ShortTermModel::default()
            .with_special_days(model_days(q))
            .fit(&st.series(q, r))
            .expect("fit");
        let f = fitted.predict(test).expect("predict");
        let mut one = Sums::default();
        for (i, p) in f.points.iter().enumerate() {
            let k = n - test + i;
            let (a, h, aht) = (r.volume[k], r.handled[k], r.aht[k]);
            one.err += (p.volume - a).abs();
            one.signed += p.volume - a;
            one.act += a;
            if h > 0.0 {
                one.aht_err += h * (p.aht_seconds - aht).abs();
                one.aht_act += h * aht;
            }
            if p.volume > 0.0 || a > 0.0 {
                one.counted += 1;
                one.inside += usize::from(a >= p.p10 && a <= p.p90);
            }
        }
        let mut dump = String::new();
        for d in 0..28 {
            let fs: f64 = f.points[d * spd..(d + 1) * spd]
                .iter()
                .map(|p| p.volume)
                .sum();
            let a: f64 = r.volume[n - test + d * spd..n - test + (d + 1) * spd]
                .iter()
                .sum();
            if std::env::var("FORECAST_DUMP").is_ok() {
                use std::fmt::Write as _;
                let _ = writeln!(dump, "{q},{ch},{},{fs},{a}", f.points[d * spd].start);
            }
            one.day_err += (fs - a).abs();
            one.day_act += a;
        }
        if let Ok(dir) = std::env::var("FORECAST_DUMP") {
            let _ = std::fs::write(format!("{dir}/st_{q}_{ch}.csv"), dump);
        }
        println!(
            "  ST {q} {ch:5} {:22} wape {:.4} day {:.4} aht {:.4} cov {:.3}  phi {:.4}  [{}]",
            fitted.model(),
            one.wape(),
            one.day_err / one.day_act,
            one.aht_err / one.aht_act,
            one.inside as f64 / one.counted.max(1) as f64,
            fitted.dispersion(),
            scores(fitted.scores())
        );
        sums.add(&one);
    }
    sums
}

/// Long-term: the last 90 days of every daily series forecast from everything before.
fn long_term(daily: &BTreeMap<Key, Raw>, model_days: &dyn Fn(&str) -> Vec<SpecialDay>) -> Sums {
    let mut lt = Sums::default();
    for ((q, ch), r) in daily {
        let n = r.volume.len();
        let s = series(r, Granularity::Daily, chrono_tz::UTC, 0, n - 90);
        let fitted = LongTermModel::default()
            .with_special_days(model_days(q))
            .fit(&s)
            .expect("fit");
        let f = fitted.predict(90).expect("predict");
        let (mut e, mut t) = (0.0, 0.0);
        if let Ok(dump) = std::env::var("FORECAST_DUMP") {
            use std::fmt::Write as _;
            let mut out = String::from("QueueId,ChannelType,TimeStamp,Forecast,P10,P90,Actual\n");
            for (i, p) in f.points.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "{q},{ch},{},{},{},{},{}",
                    p.start,
                    p.volume,
                    p.p10,
                    p.p90,
                    r.volume[n - 90 + i]
                );
            }
            let _ = std::fs::write(format!("{dump}/lt_{q}_{ch}.csv"), out);
        }
        for (i, p) in f.points.iter().enumerate() {
            let a = r.volume[n - 90 + i];
            e += (p.volume - a).abs();
            lt.signed += p.volume - a;
            t += a;
            if p.volume > 0.0 || a > 0.0 {
                lt.counted += 1;
                lt.inside += usize::from(a >= p.p10 && a <= p.p90);
            }
        }
        println!(
            "  LT {q} {ch:5} {:14} wape {:.4}  [{}]",
            fitted.model(),
            e / t,
            scores(fitted.scores())
        );
        lt.err += e;
        lt.act += t;
    }
    lt
}

fn print_pooled(st: &Sums, st_secs: f64, lt: &Sums, lt_secs: f64, w: &ShortTerm, n_daily: usize) {
    println!(
        "short-term ({} min, {} days → 4 weeks), pooled:",
        w.g.seconds() / 60,
        w.train / w.spd
    );
    println!("  volume WAPE            {:.4}", st.wape());
    println!("  volume bias            {:+.4}", st.signed / st.act);
    println!("  daily-total WAPE       {:.4}", st.day_err / st.day_act);
    println!("  AHT WAPE (by handled)  {:.4}", st.aht_err / st.aht_act);
    println!(
        "  P10–P90 coverage       {:.4} (open steps)",
        st.inside as f64 / st.counted.max(1) as f64
    );
    println!(
        "  fit + forecast         {st_secs:.2}s for {} series",
        w.iv.len()
    );
    println!("long-term (daily, 90 days), pooled:");
    println!("  volume WAPE            {:.4}", lt.wape());
    println!("  volume bias            {:+.4}", lt.signed / lt.act);
    println!(
        "  P10–P90 coverage       {:.4}",
        lt.inside as f64 / lt.counted.max(1) as f64
    );
    println!("  fit + forecast         {lt_secs:.2}s for {n_daily} series");
}

/// Speed: 200 series × 26 weeks, fit + 4-week forecast, on the rayon pool.
fn speed(w: &ShortTerm) {
    let pool: Vec<ContactSeries> = w.iv.iter().map(|((q, _), r)| w.series(q, r)).collect();
    let many: Vec<&ContactSeries> = (0..200).map(|i| &pool[i % pool.len()]).collect();
    let t3 = Instant::now();
    let total: f64 = many
        .par_iter()
        .map(|s| {
            let f = ShortTermModel::default().fit(s).expect("fit");
            f.predict(w.test).expect("predict").total_volume()
        })
        .sum();
    println!(
        "speed: 200 series × 26 weeks fit + 4-week forecast in {:.2}s on {} threads (Σ {total:.0})",
        t3.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/fcdata".into());
    let holidays = special_days(&dir);
    let model_days = |q: &str| holidays.get(q).cloned().unwrap_or_default();
    let zones = read_zones(&format!("{dir}/queues.csv"));
    let (minutes, ipath) = [15u32, 30]
        .iter()
        .map(|m| (*m, format!("{dir}/intervals_{m}min.csv")))
        .find(|(_, p)| std::path::Path::new(p).exists())
        .expect("no intervals_15min.csv or intervals_30min.csv");
    let g = Granularity::Interval(IntervalLength::from_minutes(minutes).expect("15 or 30"));
    let spd = (86_400 / g.seconds()) as usize;
    let t0 = Instant::now();
    let iv = read_history(&ipath);
    let daily = read_history(&format!("{dir}/daily.csv"));
    println!(
        "read {} interval and {} daily series in {:.1}s",
        iv.len(),
        daily.len(),
        t0.elapsed().as_secs_f64()
    );
    let test = 28 * spd;
    // `--st-weeks N` trains the short-term model on N weeks instead of 26 (capped).
    let weeks: usize = std::env::args()
        .skip_while(|a| a != "--st-weeks")
        .nth(1)
        .and_then(|w| w.parse().ok())
        .unwrap_or(26);
    let shortest = iv.values().map(|r| r.volume.len()).min().unwrap_or(0);
    let train = (weeks * 7 * spd).min(shortest.saturating_sub(test));
    let w = ShortTerm {
        iv,
        g,
        spd,
        test,
        train,
        zones,
    };
    let t1 = Instant::now();
    // `--lt-only` skips the short-term evaluation (its lines then read 0 / NaN).
    let lt_only = std::env::args().any(|a| a == "--lt-only");
    let st = if lt_only {
        Sums::default()
    } else {
        short_term(&w, &model_days)
    };
    let st_secs = t1.elapsed().as_secs_f64();
    let t2 = Instant::now();
    let lt = long_term(&daily, &model_days);
    let lt_secs = t2.elapsed().as_secs_f64();
    print_pooled(&st, st_secs, &lt, lt_secs, &w, daily.len());
    if !lt_only && !std::env::args().any(|a| a == "--no-speed") {
        speed(&w);
    }
}
