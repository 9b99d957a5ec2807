"""Runs one forecasting peer on `gen_contact_history.py` output and prints its pooled
scores as one JSON line, on the split of `forecast_eval.rs` (the peer table of
../shared/reference/README.md):

* short-term: the last 4 weeks of intervals, trained on the 26 weeks before (prophet's
  DayWAPE: on the full history before the test, as in the reference table), pooled WAPE, bias,
  daily (UTC) totals WAPE, handled-weighted AHT WAPE, P10–P90 coverage over steps with a
  forecast or an actual above 0;
* long-term: the last 90 days of daily totals, trained on everything before.

    python peers.py DIR METHOD      METHOD: naive | mean4w | sf_mstl | augurs_mstl | prophet

Methods: seasonal naive (the last week repeated), 4-week slot mean (mean of the same
slot of the week over the last 4 weeks; AHT handled-weighted), statsforecast
MSTL(day, week) on intervals and AutoETS(season 7) on days, augurs MSTL(day, week) on
intervals and MSTL(7) on days (it refuses MSTL(7, 365) on 24 months), prophet (daily,
weekly and, on the full history, yearly seasonality, and the country holidays of the
queue's Country: volume on the 26 weeks for WAPE, bias and coverage, on the full history
before the test for DayWAPE as in the reference table; AHT on the 26 weeks). Forecasts
are clipped at 0. Needs the peer venv (venv.sh).
"""

import json
import logging
import os
import sys
import time
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
logging.getLogger("cmdstanpy").setLevel(logging.ERROR)
logging.getLogger("prophet").setLevel(logging.ERROR)


def load(path):
    df = pd.read_csv(path)
    df["ts"] = pd.to_datetime(df["TimeStamp"], utc=True)
    out = {}
    for (q, ch), g in df.groupby(["QueueId", "ChannelType"], sort=True):
        g = g.sort_values("ts")
        out[(q, ch)] = (
            g["ts"].dt.tz_localize(None).to_numpy(),
            g["IncomingContactVolume"].to_numpy(float),
            g["AverageHandleTime"].to_numpy(float),
            g["ContactsHandled"].to_numpy(float),
        )
    return out


# ---- the methods: each returns (p50, p10 or None, p90 or None) -------------------------


def naive(y, h, season):
    last = y[-season:]
    f = np.resize(last, h)
    return f, None, None


def mean4w(y, h, season, weights=None):
    past = y[-4 * season:].reshape(4, season)
    if weights is None:
        m = past.mean(axis=0)
    else:
        w = weights[-4 * season:].reshape(4, season)
        m = np.where(w.sum(0) > 0, (past * w).sum(0) / np.maximum(w.sum(0), 1e-9), 0.0)
    return np.resize(m, h), None, None


def sf_mstl(y, h, seasons):
    from statsforecast.models import MSTL

    m = MSTL(season_length=seasons)
    r = m.forecast(y=y.astype(float), h=h, level=[80])
    return r["mean"], r["lo-80"], r["hi-80"]


def sf_autoets(y, h, season):
    from statsforecast.models import AutoETS

    r = AutoETS(season_length=season).forecast(y=y.astype(float), h=h, level=[80])
    return r["mean"], r["lo-80"], r["hi-80"]


def augurs_mstl(y, h, seasons):
    import augurs as aug

    m = aug.MSTL.ets(seasons)
    m.fit(y.astype(float))
    r = m.predict(h, level=0.8)
    return np.asarray(r.point()), np.asarray(r.lower()), np.asarray(r.upper())


def prophet(ts, y, h, step, yearly, country, intervals=True):
    from prophet import Prophet

    df = pd.DataFrame({"ds": pd.to_datetime(ts), "y": y})
    m = Prophet(
        daily_seasonality=step < 86400,
        weekly_seasonality=True,
        yearly_seasonality=yearly,
        interval_width=0.8,
        uncertainty_samples=1000 if intervals else 0,
    )
    if country:
        m.add_country_holidays(country_name=country)
    m.fit(df)
    fut = pd.DataFrame({"ds": pd.to_datetime(ts[-1]) + pd.to_timedelta(step * np.arange(1, h + 1), unit="s")})
    r = m.predict(fut)
    lo = r["yhat_lower"].to_numpy() if intervals else None
    hi = r["yhat_upper"].to_numpy() if intervals else None
    return r["yhat"].to_numpy(), lo, hi


# ---- scoring ----------------------------------------------------------------------------


def main():
    d, method = sys.argv[1], sys.argv[2]
    ipath = next(
        os.path.join(d, f"intervals_{m}min.csv")
        for m in (15, 30)
        if os.path.exists(os.path.join(d, f"intervals_{m}min.csv"))
    )
    iv = load(ipath)
    # prophet gets the country holidays of its `holidays` package (queues.csv Country).
    qs = pd.read_csv(os.path.join(d, "queues.csv"))
    country = dict(zip(qs["QueueId"], qs["Country"]))
    daily = load(os.path.join(d, "daily.csv"))
    step = int((iv[next(iter(iv))][0][1] - iv[next(iter(iv))][0][0]) / np.timedelta64(1, "s"))
    spd = 86400 // step
    week = 7 * spd
    test, train = 28 * spd, 182 * spd
    s = dict(err=0.0, act=0.0, signed=0.0, day_err=0.0, day_act=0.0, aht_err=0.0, aht_act=0.0,
             inside=0, counted=0, lt_err=0.0, lt_act=0.0, lt_signed=0.0, lt_inside=0, lt_counted=0)
    has_aht = method in ("naive", "mean4w", "prophet")
    has_int = method in ("sf_mstl", "augurs_mstl", "prophet")
    t0 = time.time()
    for key, (ts, v, aht, hd) in iv.items():
        n = len(v)
        tr = slice(n - test - train, n - test)
        a, ah, hh = v[n - test:], aht[n - test:], hd[n - test:]
        if method == "naive":
            f, lo, hi = naive(v[tr], test, week)
            fa, _, _ = naive(aht[tr], test, week)
        elif method == "mean4w":
            f, lo, hi = mean4w(v[tr], test, week)
            fa, _, _ = mean4w(aht[tr], test, week, weights=hd[tr])
        elif method == "sf_mstl":
            f, lo, hi = sf_mstl(v[tr], test, [spd, week])
        elif method == "augurs_mstl":
            f, lo, hi = augurs_mstl(v[tr], test, [spd, week])
        elif method == "prophet":
            c = country.get(key[0])
            f, lo, hi = prophet(ts[tr], v[tr], test, step, yearly=False, country=c)
            full = slice(0, n - test)
            fday, _, _ = prophet(ts[full], v[full], test, step, yearly=True, country=c, intervals=False)
            fa, _, _ = prophet(ts[tr], aht[tr], test, step, yearly=False, country=c, intervals=False)
        else:
            raise SystemExit(f"unknown method {method}")
        f = np.clip(np.asarray(f, float), 0, None)
        s["err"] += float(np.abs(f - a).sum())
        s["signed"] += float((f - a).sum())
        s["act"] += float(a.sum())
        fd = (np.clip(np.asarray(fday, float), 0, None) if method == "prophet" else f)
        fd, ad = fd.reshape(28, spd).sum(1), a.reshape(28, spd).sum(1)
        s["day_err"] += float(np.abs(fd - ad).sum())
        s["day_act"] += float(ad.sum())
        if has_aht:
            fa = np.clip(np.asarray(fa, float), 0, None)
            m = hh > 0
            s["aht_err"] += float((hh[m] * np.abs(fa[m] - ah[m])).sum())
            s["aht_act"] += float((hh[m] * ah[m]).sum())
        if has_int:
            c = (f > 0) | (a > 0)
            s["counted"] += int(c.sum())
            s["inside"] += int((c & (a >= lo) & (a <= hi)).sum())
    for key, (ts, v, aht, hd) in daily.items():
        n = len(v)
        y, a = v[: n - 90], v[n - 90:]
        if method == "naive":
            f, lo, hi = naive(y, 90, 7)
        elif method == "mean4w":
            f, lo, hi = mean4w(y, 90, 7)
        elif method == "sf_mstl":
            f, lo, hi = sf_autoets(y, 90, 7)
        elif method == "augurs_mstl":
            f, lo, hi = augurs_mstl(y, 90, [7])
        else:
            f, lo, hi = prophet(ts[: n - 90], y, 90, 86400, yearly=True, country=country.get(key[0]))
        f = np.clip(np.asarray(f, float), 0, None)
        s["lt_err"] += float(np.abs(f - a).sum())
        s["lt_signed"] += float((f - a).sum())
        s["lt_act"] += float(a.sum())
        if has_int:
            c = (f > 0) | (a > 0)
            s["lt_counted"] += int(c.sum())
            s["lt_inside"] += int((c & (a >= lo) & (a <= hi)).sum())
    secs = time.time() - t0
    r = dict(
        method=method,
        series=len(iv),
        wape=s["err"] / s["act"],
        day_wape=s["day_err"] / s["day_act"],
        aht_wape=s["aht_err"] / s["aht_act"] if has_aht else None,
        lt_wape=s["lt_err"] / s["lt_act"],
        bias=s["signed"] / s["act"],
        lt_bias=s["lt_signed"] / s["lt_act"],
        coverage=s["inside"] / s["counted"] if has_int and s["counted"] else None,
        lt_coverage=s["lt_inside"] / s["lt_counted"] if has_int and s["lt_counted"] else None,
        seconds=secs,
    )
    print(json.dumps(r))


if __name__ == "__main__":
    main()
