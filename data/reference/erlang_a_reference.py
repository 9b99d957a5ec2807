"""Independent high-precision reference for Erlang A (M/M/n+M), written to
data/reference/erlang_a_cases.csv for erlang/tests/erlang_a_reference.rs.

Run from the project root:

    .venv/bin/python data/reference/erlang_a_reference.py

(`--verify` recomputes every case of the existing CSV at 80 digits and reports the largest
relative change instead of writing; `--cases N`, `--seed S` and `--dps D` change the
defaults of 300 cases, seed 20240917 and 50 digits.) Needs mpmath; gmpy2, if installed,
only makes it faster (about 10 s with it).

The model: arrival rate lam = volume / interval, service rate mu = 1 / aht, abandon rate
theta = 1 / patience, s = agents * concurrency servers, offered traffic A = lam / mu. This
script does NOT use the incomplete-gamma / hypergeometric closed forms of the Rust code
(erlang/src/erlang_a.rs). It sums the birth-death chain directly:

    w_k = w_{k-1} * A / k                          for 1 <= k <= s,   w_0 = 1
    w_{s+j} = w_{s+j-1} * lam / (s mu + j theta)   for j >= 1

walking k upward by that recursion (mpmath numbers never overflow), and stops when the
remaining tail is below 1e-45 of the total. With pi = w / sum(w) and a = s mu / theta:

- waiting probability  P(N >= s)  (PASTA: the share of arrivals that find s busy);
- abandonment          theta * E[(N - s)+] / lam   (flow balance), and cross-checked
                       against 1 - P(answered) below;
- service level        P(N < s) + sum_j pi_{s+j} * a/(a+j+1) * Q_{j+1}, the share of
                       OFFERED contacts answered within t. A contact that finds j others
                       queued advances through phases of rate theta*(a+i), i = 0..j, so its
                       virtual wait D has exp(-theta D) ~ Beta(a, j+1); it is answered (its
                       Exp(theta) patience outlasts D) within t with probability
                       E[e^{-theta D}; D <= t] = a/(a+j+1) * P(Beta(a+1, j+1) >= e^{-theta t})
                       = a/(a+j+1) * Q_{j+1};
- ASA                  mean wait of ANSWERED contacts:
                       [sum_j pi_{s+j} * a/(a+j+1) * sum_{m=1}^{j+1} 1/(theta (a+m))]
                       / P(answered), P(answered) = P(N < s) + sum_j pi_{s+j} a/(a+j+1).

Q_n = P(Beta(alpha, n) >= u0) = 1 - betainc(alpha, n, 0, u0, regularized=True), alpha = a+1,
u0 = exp(-theta t). mpmath's betainc takes ~40 s per call at the largest parameters here
(alpha ~ 10^5, n ~ 10^4) and returns a bare 0 when the tail is below its working precision,
so for the second parameter n a whole number this script uses the exact negative-binomial
identity of the regularized incomplete beta function instead,

    Q_n = sum_{i >= n} C(alpha+i-1, i) u0^alpha (1-u0)^i,

all positive terms: Q is summed once for the largest n and then carried down by
Q_n = Q_{n+1} + C(alpha+n-1, n) u0^alpha (1-u0)^n, with no subtraction anywhere. The script
checks this against mpmath.betainc on small parameters before it runs (see
`check_beta_tail`), and every case checks that the two routes to the abandonment agree to
1e-35.

Floats are written with repr (shortest round-trip); inputs are floats exactly as the Rust
test will read them, converted to mpmath without rounding.
"""
import argparse
import csv
import math
import random
import sys
from pathlib import Path

import mpmath
from mpmath import mp, mpf

DST = Path(__file__).resolve().parent / "erlang_a_cases.csv"
COLUMNS = ["id", "volume", "aht_seconds", "interval_seconds", "patience_seconds",
           "concurrency", "agents", "answer_seconds", "waiting_probability",
           "abandon_probability", "service_level", "asa_seconds"]
TAIL = mpf("1e-45")


def beta_tail_from(alpha, n, u0):
    """Q_n = P(Beta(alpha, n) >= u0) for whole n >= 1, by the positive series."""
    q = 1 - u0
    if q == 0:
        return mpf(0)
    # log C(alpha+i-1, i) u0^alpha q^i at i = n, then the term ratio (alpha+i)/(i+1) * q.
    log_term = (mpmath.loggamma(alpha + n) - mpmath.loggamma(alpha) - mpmath.loggamma(n + 1)
                + alpha * mpmath.log(u0) + n * mpmath.log(q))
    term = mpmath.exp(log_term)
    total = mpf(0)
    i = n
    while True:
        total += term
        ratio = (alpha + i) / (i + 1) * q
        term *= ratio
        i += 1
        if ratio < 1 and term <= TAIL * total * (1 - ratio) or term == 0:
            # The remaining terms shrink by at least `ratio` each: their sum is below
            # term / (1 - ratio).
            return total + term / (1 - ratio) if ratio < 1 else total


def beta_tails(alpha, n_max, u0):
    """[Q_1, ..., Q_{n_max}], Q_n = P(Beta(alpha, n) >= u0), carried down without subtraction."""
    q = 1 - u0
    if q == 0:
        return [mpf(0)] * n_max
    out = [mpf(0)] * (n_max + 1)
    out[n_max] = beta_tail_from(alpha, n_max, u0)
    # C(alpha+n-1, n) u0^alpha q^n at n = n_max - 1, then downward by the inverse ratio.
    n = n_max - 1
    if n >= 1:
        term = mpmath.exp(mpmath.loggamma(alpha + n) - mpmath.loggamma(alpha)
                          - mpmath.loggamma(n + 1) + alpha * mpmath.log(u0) + n * mpmath.log(q))
        while n >= 1:
            out[n] = out[n + 1] + term
            # C(alpha+n-2, n-1) / C(alpha+n-1, n) = n / (alpha+n-1)
            term *= n / ((alpha + n - 1) * q)
            n -= 1
    return out[1:]


def check_beta_tail():
    """The negative-binomial series against mpmath.betainc (at 50 more digits) where
    betainc is quick."""
    worst = mpf(0)
    for alpha in [mpf("1.5"), mpf("7.25"), mpf("40.1"), mpf("233.7")]:
        for u0 in [mpmath.exp(mpf(-1) / 3), mpmath.exp(mpf(-20) / 90), mpmath.exp(mpf(-60) / 45)]:
            tails = beta_tails(alpha, 40, u0)
            for n in [1, 2, 5, 17, 40]:
                # betainc forms 1 - I(u0), which loses digits when the tail is small:
                # give it 50 more.
                with mp.extradps(50):
                    want = mpmath.betainc(alpha, n, u0, 1, regularized=True)
                if want > mpf("1e-30"):
                    worst = max(worst, abs(tails[n - 1] / want - 1))
    assert worst < mpf("1e-40"), f"beta tail disagrees with betainc: {worst}"
    return worst


def erlang_a(volume, aht, interval, patience, concurrency, agents, t):
    """Exact metrics by the direct birth-death sum (see the module docstring)."""
    lam = mpf(volume) / mpf(interval)
    mu = 1 / mpf(aht)
    theta = 1 / mpf(patience)
    s = agents * concurrency
    traffic = lam / mu
    # Lower part: w_k for k = 0..s-1 summed, w_s kept.
    w = mpf(1)
    below = mpf(0)
    for k in range(1, s + 1):
        below += w
        w *= traffic / k
    # Queue part: w_{s+j}, j = 0, 1, ... until the tail is negligible.
    queue = [w]
    total = below + w
    j = 0
    while True:
        j += 1
        ratio = lam / (s * mu + j * theta)
        w *= ratio
        queue.append(w)
        total += w
        # Beyond the mode the ratio only falls, so the rest of the (j-weighted) tail is below
        # w (j+1) / (1 - ratio)^2.
        if ratio < 1 and w * (j + 1) <= TAIL * total * (1 - ratio) ** 2:
            break
    a = s * mu / theta
    queued = sum(queue)
    pw = queued / total
    abandon = theta * sum(j * x for j, x in enumerate(queue)) / (lam * total)
    answered_if_queued = [x * a / (a + j + 1) for j, x in enumerate(queue)]
    answered = (below + sum(answered_if_queued)) / total
    assert abs((1 - answered) - abandon) <= mpf("1e-35") * max(abandon, mpf("1e-300")) or \
        abs((1 - answered) - abandon) <= mpf("1e-45"), (1 - answered, abandon)
    u0 = mpmath.exp(-theta * mpf(t))
    if t == 0:
        in_time_queued = mpf(0)
    else:
        tails = beta_tails(a + 1, len(queue), u0)
        in_time_queued = sum(x * q for x, q in zip(answered_if_queued, tails))
    sl = (below + in_time_queued) / total
    harmonic = mpf(0)
    wait_sum = mpf(0)
    for j, x in enumerate(answered_if_queued):
        harmonic += 1 / (theta * (a + j + 1))
        wait_sum += x * harmonic
    asa = wait_sum / total / answered
    return pw, abandon, sl, asa


def draw_cases(n, seed):
    rng = random.Random(seed)
    cases = []
    for i in range(n):
        traffic = math.exp(rng.uniform(math.log(0.05), math.log(5000.0)))
        aht = float(rng.randint(30, 900))
        interval = rng.choice([900.0, 1800.0])
        volume = max(round(traffic * interval / aht, 3), 0.001)
        traffic = volume * aht / interval
        patience = round(math.exp(rng.uniform(math.log(10.0), math.log(1200.0))), 1)
        concurrency = 1 if rng.random() < 0.8 else rng.choice([2, 3])
        per_agent = traffic / concurrency
        mode = i % 3
        if mode == 0:
            # Square-root staffing, from well below to well above the traffic.
            beta = rng.uniform(-4.0, 5.0)
            servers = traffic + beta * math.sqrt(traffic)
            agents = round(servers / concurrency)
        elif mode == 1:
            # A multiple of the traffic, 0.4 to 1.8: deep overload to idle.
            agents = round(per_agent * rng.uniform(0.4, 1.8))
        else:
            # A few agents either side of the traffic.
            agents = math.ceil(per_agent) + rng.randint(-3, 3)
        agents = max(int(agents), 1)
        t = rng.choice([0.0, 10.0, 20.0, 60.0])
        cases.append((i, volume, aht, interval, patience, concurrency, agents, t))
    return cases


def compute(case):
    _, volume, aht, interval, patience, concurrency, agents, t = case
    return erlang_a(volume, aht, interval, patience, concurrency, agents, t)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cases", type=int, default=300)
    p.add_argument("--seed", type=int, default=20240917)
    p.add_argument("--dps", type=int, default=50)
    p.add_argument("--verify", action="store_true",
                   help="recompute the existing CSV at 80 digits and report the largest change")
    args = p.parse_args()
    mp.dps = 80 if args.verify else args.dps
    print(f"beta tail vs mpmath.betainc: worst relative difference {check_beta_tail()}")
    if args.verify:
        worst = mpf(0)
        with DST.open() as f:
            for row in csv.DictReader(f):
                case = (int(row["id"]), float(row["volume"]), float(row["aht_seconds"]),
                        float(row["interval_seconds"]), float(row["patience_seconds"]),
                        int(row["concurrency"]), int(row["agents"]), float(row["answer_seconds"]))
                got = compute(case)
                for name, value in zip(COLUMNS[8:], got):
                    stored = mpf(row[name])
                    if value > mpf("1e-300"):
                        worst = max(worst, abs(stored / value - 1))
        print(f"largest relative difference of the CSV from 80 digits: {mpmath.nstr(worst, 3)}")
        return 0 if worst < mpf("1e-15") else 1
    cases = draw_cases(args.cases, args.seed)
    with DST.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for case in cases:
            metrics = compute(case)
            w.writerow([repr(x) for x in case] + [repr(float(m)) for m in metrics])
    print(f"wrote {len(cases)} cases to {DST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
