"""Erlang C peer benchmark: `wfm staff` against pyworkforce 0.5.1.

Run through run.sh (which makes the pyworkforce venv and builds wfm); by hand:

    .venv/bin/python benches/peers/erlang/compare.py --input FILE.csv \
        --wfm target/debug/wfm --pyworkforce-python /tmp/.../bin/python

It
  1. runs pyworkforce_side.py in the pyworkforce venv (one core, timed loop, plus one
     interval at 10^6 Erlangs);
  2. renames the reference columns to wfm's (transactions -> volume, asa_target_s ->
     service_level_seconds) and runs `wfm staff --input --output` --repeat times with
     RAYON_NUM_THREADS=1 and again with 2, keeping the best solve time (as wfm prints
     it) and the best wall time of the whole process (start, CSV read, solve, CSV write);
  3. runs wfm on a one-row batch at 10^6 Erlangs (best of --repeat);
  4. checks wfm's totals against the exact ones (known for the two reference files;
     for any other file: wfm's answer where both tools agree, exact_erlang.py where
     they differ) and explains every row where pyworkforce differs by one of its
     documented defects (README.md beside this file);
  5. prints the table and exits 0 when the totals match and every difference is
     explained, 1 otherwise (2 when a tool could not be run).

The speed goals (>= 1,000x pyworkforce on one core; < 10 ms at 10^6 Erlangs) are
reported as met or not met; they do not change the exit status.
"""
import argparse
import csv
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "erlang"

# sha256 of the reference files -> (Σagents, Σwith shrinkage) exact, and what
# pyworkforce 0.5.1 gives (from shared/reference/README.md, erlang/).
KNOWN = {
    "329ca13e3694b14b3389c1a54e89d0ec4c543207b11e7b410b68e302dc28a408": {
        "name": "bench_intervals_1000.csv", "exact": (187_799, 234_137),
        "pyworkforce": (187_800, 234_143)},
    "e19eecdb0e52bf300ebdf74d7ae4a3782a7331dbb237c68b228bd18452c12fc2": {
        "name": "bench_intervals_20000.csv", "exact": (3_582_680, 4_524_003),
        "pyworkforce": (3_582_688, 4_524_072)},
}

REF_COLUMNS = ("transactions", "aht_seconds", "interval_seconds", "asa_target_s",
               "service_level_target", "shrinkage", "max_occupancy")
# reference column -> wfm column
RENAME = {"transactions": "volume", "aht_seconds": "aht_seconds",
          "interval_seconds": "interval_seconds", "asa_target_s": "service_level_seconds",
          "service_level_target": "service_level_target", "shrinkage": "shrinkage",
          "max_occupancy": "max_occupancy"}

# The 10^6 Erlang interval (same as pyworkforce_side.MILLION).
MILLION = {"transactions": "3600000", "aht_seconds": "500", "interval_seconds": "1800",
           "asa_target_s": "20", "service_level_target": "0.8", "shrinkage": "0",
           "max_occupancy": "1"}

GOAL_SPEEDUP = 1000.0  # wfm solve on one thread vs pyworkforce on one core
GOAL_MILLION_S = 0.010  # wfm solve of one interval at 10^6 Erlangs
SOLVE_RESOLUTION_S = 1e-4  # wfm prints the solve time with 4 decimals

CLASSES = {
    "a": "(a) float ceil(raw / (1 - shrinkage))",
    "o": "(a') float ceil(A / max_occupancy) in the cap",
    "b": "(b) search starts at round(A+1), skips floor(A)+1",
    "c": "(c) SL target 1.0 (unreachable; wfm: error)",
}

SHORT = {"a": "(a)", "o": "(a')", "b": "(b)", "c": "(c)"}

STDERR_RE = re.compile(
    r"staffed (?P<n>\d+) intervals: (?P<agents>\d+) agents, (?P<shrink>\d+) with shrinkage; "
    r"read (?P<read>[0-9.]+) s, solved (?P<solve>[0-9.]+) s on (?P<threads>\d+) thread\(s\), "
    r"total (?P<total>[0-9.]+) s")


def fail(msg, code=2):
    print(f"compare.py: {msg}", file=sys.stderr)
    sys.exit(code)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_reference(path):
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in REF_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            fail(f"{path}: missing column(s) {', '.join(missing)}")
        rows = []
        for i, rec in enumerate(reader):
            row = {c: rec[c].strip() for c in REF_COLUMNS}
            row["id"] = rec["id"].strip() if "id" in rec else str(i)
            rows.append(row)
    if not rows:
        fail(f"{path}: no rows")
    return rows


def write_wfm_input(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id"] + [RENAME[c] for c in REF_COLUMNS])
        for r in rows:
            w.writerow([r["id"]] + [r[c] for c in REF_COLUMNS])


def run_wfm(wfm, src, dst, threads):
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    t0 = time.perf_counter()
    p = subprocess.run([str(wfm), "staff", "--input", str(src), "--output", str(dst)],
                       env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        fail(f"wfm staff failed (exit {p.returncode}) on {src}:\n{p.stderr}{p.stdout}")
    m = STDERR_RE.search(p.stderr)
    if not m:
        fail(f"could not parse wfm's summary line:\n{p.stderr}")
    out = {k: float(v) if "." in v else int(v) for k, v in m.groupdict().items()}
    out["wall"] = wall
    if out["threads"] != threads:
        fail(f"asked wfm for {threads} thread(s) (RAYON_NUM_THREADS), it used {out['threads']}")
    return out


def best_of(wfm, src, dst, threads, repeat):
    runs = [run_wfm(wfm, src, dst, threads) for _ in range(repeat)]
    totals = {(r["agents"], r["shrink"]) for r in runs}
    if len(totals) != 1:
        fail(f"wfm gave different totals on repeated runs: {sorted(totals)}", 1)
    return {
        "runs": runs,
        "solve": min(r["solve"] for r in runs),
        "wall": min(r["wall"] for r in runs),
        "total": min(r["total"] for r in runs),
        "agents": runs[0]["agents"],
        "shrink": runs[0]["shrink"],
        "n": runs[0]["n"],
    }


def read_wfm_output(path):
    with open(path, newline="") as f:
        return [(rec["id"], int(rec["agents"]), int(rec["agents_with_shrinkage"]))
                for rec in csv.DictReader(f)]


def load_exact(reference_dir):
    sys.path.insert(0, str(reference_dir))
    try:
        import exact_erlang  # noqa: PLC0415 (needs mpmath; only loaded when needed)
    except ImportError as e:
        fail(f"cannot import exact_erlang.py from {reference_dir}: {e}")
    return exact_erlang


def exact_answer(exact_erlang, r):
    e = exact_erlang.ExactErlangC(r["transactions"], r["aht_seconds"], r["interval_seconds"],
                                  r["asa_target_s"], r["shrinkage"], r["max_occupancy"])
    out = e.required_positions(r["service_level_target"])
    return None if out is None else (out["raw_positions"], out["positions"])


def classify(r, wfm_raw, wfm_pos, pw_raw, pw_pos):
    """The documented pyworkforce defects this row shows, each with the agents (with
    shrinkage) it adds: {class: extra}; {} when none fits."""
    s_exact = Fraction(r["shrinkage"])
    s_float = float(r["shrinkage"])
    if Fraction(r["service_level_target"]) >= 1:
        return {"c": None}
    if wfm_raw is None or pw_raw is None or pw_pos is None:
        return {}

    def exact_ceil(raw):
        return math.ceil(Fraction(raw) / (1 - s_exact))

    def float_ceil(raw):  # pyworkforce: ceil(raw_positions / (1 - self.shrinkage))
        return math.ceil(raw / (1 - s_float))

    if wfm_pos != exact_ceil(wfm_raw) or pw_pos != float_ceil(pw_raw):
        return {}  # wfm off the exact rule, or pyworkforce off its own: unexplained
    if pw_raw == wfm_raw:
        return {"a": 1} if pw_pos == wfm_pos + 1 else {}
    if pw_raw != wfm_raw + 1:
        return {}
    a_exact = (Fraction(r["transactions"]) * Fraction(r["aht_seconds"])
               / Fraction(r["interval_seconds"]))
    # pyworkforce: self.intensity = (self.n_transactions / self.interval) * self.aht
    a_float = (float(r["transactions"]) / float(r["interval_seconds"])) * float(r["aht_seconds"])
    first = math.floor(a_exact) + 1
    classes = {}
    extra = exact_ceil(pw_raw) - wfm_pos  # what one more raw position costs
    if wfm_raw == first and round(a_float + 1) == first + 1:
        classes["b"] = extra  # its search starts at round(A + 1) = floor(A) + 2
    elif (wfm_raw == math.ceil(a_exact / Fraction(r["max_occupancy"]))
          and pw_raw == math.ceil(a_float / float(r["max_occupancy"]))):
        classes["o"] = extra  # the occupancy cap: ceil(self.intensity / max_occupancy)
    if classes and pw_pos != exact_ceil(pw_raw):
        classes["a"] = pw_pos - exact_ceil(pw_raw)
    return classes


def fmt_int(n):
    return f"{n:,}" if n is not None else "—"


def fmt_s(s, solve=False):
    if solve and s < SOLVE_RESOLUTION_S / 2:
        return "<0.0001"
    return f"{s:.4f}" if s < 1 else f"{s:.3f}"


def fmt_x(x):
    return f"{x:,.0f}×" if x >= 10 else f"{x:.2g}×"


def rate(n, s):
    return n / max(s, SOLVE_RESOLUTION_S / 2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path,
                    default=DEFAULT_REFERENCE / "bench_intervals_20000.csv")
    ap.add_argument("--wfm", type=Path, default=ROOT / "target" / "debug" / "wfm")
    ap.add_argument("--pyworkforce-python", type=Path,
                    help="python of the venv with pyworkforce==0.5.1 (run.sh makes it)")
    ap.add_argument("--pyworkforce-json", type=Path,
                    help="reuse this output of pyworkforce_side.py instead of running it")
    ap.add_argument("--reference-dir", type=Path, default=DEFAULT_REFERENCE,
                    help="folder with exact_erlang.py")
    ap.add_argument("--repeat", type=int, default=5, help="wfm runs per setting (best kept)")
    ap.add_argument("--exact-all", action="store_true",
                    help="check wfm against exact_erlang.py on every row, not only where the "
                         "tools differ (slow: ~10-50 ms a row)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--verbose", action="store_true", help="list every differing row")
    args = ap.parse_args()
    args.input = args.input.resolve()

    if not args.wfm.exists():
        fail(f"{args.wfm} not found: build it with "
             "`source scripts/env.sh && cargo build --workspace --lib --bins`")
    if not args.input.exists():
        fail(f"{args.input} not found")
    if args.pyworkforce_json is None and args.pyworkforce_python is None:
        fail("give --pyworkforce-python (or --pyworkforce-json)")

    ncpu = os.cpu_count() or 1
    load_before = os.getloadavg()[0]
    rows = read_reference(args.input)
    digest = sha256(args.input)
    known = KNOWN.get(digest)
    work = Path(tempfile.mkdtemp(prefix="wfm-peer-erlang-"))
    try:
        status = compare(args, rows, digest, known, work, ncpu, load_before)
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(status)


def compare(args, rows, digest, known, work, ncpu, load_before):
    n = len(rows)
    # --- pyworkforce -------------------------------------------------------------------
    if args.pyworkforce_json:
        pw = json.loads(args.pyworkforce_json.read_text())
    else:
        pw_json = work / "pyworkforce.json"
        print(f"running pyworkforce on {n:,} intervals (one core) ...", file=sys.stderr)
        p = subprocess.run([str(args.pyworkforce_python), str(HERE / "pyworkforce_side.py"),
                            "--input", str(args.input), "--output", str(pw_json)])
        if p.returncode != 0:
            fail(f"pyworkforce_side.py failed (exit {p.returncode})")
        pw = json.loads(pw_json.read_text())
    if pw["intervals"] != n or pw["ids"] != [r["id"] for r in rows]:
        fail("the pyworkforce results are for another input file")

    # --- wfm -----------------------------------------------------------------------------
    # Rows with SL target >= 1 have no answer (wfm rejects them, and would fail the whole
    # batch): they are left out of wfm's input and of the totals; class (c).
    solvable = [i for i, r in enumerate(rows) if Fraction(r["service_level_target"]) < 1]
    if not solvable:
        fail("no row with a service-level target below 1")
    wfm_in, wfm_out = work / "wfm_input.csv", work / "wfm_output.csv"
    write_wfm_input(wfm_in, [rows[i] for i in solvable])
    print(f"running wfm staff on {len(solvable):,} intervals, {args.repeat} runs each on "
          "1 and 2 threads ...", file=sys.stderr)
    run_wfm(args.wfm, wfm_in, wfm_out, 1)  # warm the page cache, not counted
    w1 = best_of(args.wfm, wfm_in, wfm_out, 1, args.repeat)
    w2 = best_of(args.wfm, wfm_in, wfm_out, 2, args.repeat)
    if (w1["agents"], w1["shrink"]) != (w2["agents"], w2["shrink"]):
        fail(f"wfm totals differ between 1 and 2 threads: {w1['agents']}/{w1['shrink']} vs "
             f"{w2['agents']}/{w2['shrink']}", 1)
    out = read_wfm_output(wfm_out)
    if [o[0] for o in out] != [rows[i]["id"] for i in solvable]:
        fail("wfm's output rows are not the input rows in order")
    wfm_raw, wfm_pos = [None] * n, [None] * n
    for i, (_, a, s) in zip(solvable, out):
        wfm_raw[i], wfm_pos[i] = a, s
    if (sum(a for _, a, _ in out), sum(s for _, _, s in out)) != (w1["agents"], w1["shrink"]):
        fail("wfm's printed totals are not the sums of its output file", 1)

    million = None
    if "million" in pw:
        m_in, m_out = work / "million_input.csv", work / "million_output.csv"
        write_wfm_input(m_in, [dict(MILLION, id="million")])
        run_wfm(args.wfm, m_in, m_out, 1)
        wm = best_of(args.wfm, m_in, m_out, 1, args.repeat)
        million = {"pw": pw["million"], "wfm": wm}

    # --- answers -------------------------------------------------------------------------
    pw_raw, pw_pos, pw_err = pw["raw_positions"], pw["positions"], pw["errors"]
    differing = [i for i in range(n)
                 if (pw_raw[i], pw_pos[i]) != (wfm_raw[i], wfm_pos[i])]
    solvable_rows = set(solvable)
    checked = solvable if args.exact_all else [i for i in differing if i in solvable_rows]
    exact_erlang = load_exact(args.reference_dir) if checked else None
    if args.exact_all:
        print(f"computing the exact answer of all {len(checked):,} rows ...", file=sys.stderr)
    exact = {i: exact_answer(exact_erlang, rows[i]) for i in checked}
    wrong = [i for i in checked if exact[i] != (wfm_raw[i], wfm_pos[i])]
    classes = {}
    for i in differing:
        c = classify(rows[i], wfm_raw[i], wfm_pos[i], pw_raw[i], pw_pos[i])
        if c and "c" not in c and exact.get(i) != (wfm_raw[i], wfm_pos[i]):
            c = {}  # wfm disagrees with the exact reference: not pyworkforce's doing
        classes[i] = c
    unexplained = [i for i in differing if not classes[i]]

    # --- totals --------------------------------------------------------------------------
    wfm_tot = (w1["agents"], w1["shrink"])
    if known:
        exact_tot, exact_src = known["exact"], "reference README"
        if len(solvable) != n:
            fail("a known reference file with SL target 1.0 rows?")
    else:
        ea = sum(exact[i][0] if i in exact else wfm_raw[i] for i in solvable)
        es = sum(exact[i][1] if i in exact else wfm_pos[i] for i in solvable)
        exact_tot = (ea, es)
        exact_src = ("exact_erlang.py on every row" if args.exact_all else
                     f"wfm where both agree, exact_erlang.py on the {len(exact)} differing rows")
    pw_ok = [i for i in solvable if pw_raw[i] is not None]
    pw_tot = (sum(pw_raw[i] for i in pw_ok), sum(pw_pos[i] for i in pw_ok))
    totals_ok = wfm_tot == exact_tot

    # --- table ---------------------------------------------------------------------------
    def line(label, *cells, widths=(14, 16)):
        print(f"  {label:<50}" + "".join(f"{c:>{w}}" for c, w in zip(cells, widths)))

    print()
    print(f"Erlang C peer benchmark: wfm staff vs pyworkforce {pw['pyworkforce_version']} "
          f"(Python {pw['python']})")
    print(f"input   {args.input}  ({n:,} intervals"
          + (f"; reference file {known['name']}" if known else "; not a reference file")
          + f"; sha256 {digest[:12]})")
    print(f"wfm     {args.wfm}  (RAYON_NUM_THREADS=1 and 2, best of {args.repeat} runs)")
    load_after = os.getloadavg()[0]
    print(f"machine {ncpu} CPU(s); load average {load_before:.2f} before, {load_after:.2f} after")
    if max(load_before, load_after) > 0.5:
        print("        WARNING: something else was using the CPU: the timings are unreliable")
    print()
    print("answers")
    line("", "Σagents", "Σwith shrinkage")
    line("exact (see below)", fmt_int(exact_tot[0]), fmt_int(exact_tot[1]))
    line("wfm", fmt_int(wfm_tot[0]), fmt_int(wfm_tot[1]))
    line(f"pyworkforce {pw['pyworkforce_version']}", fmt_int(pw_tot[0]), fmt_int(pw_tot[1]))
    line("pyworkforce − exact", f"{pw_tot[0] - exact_tot[0]:+,}", f"{pw_tot[1] - exact_tot[1]:+,}")
    print(f"  wfm totals {'EQUAL' if totals_ok else 'DIFFER FROM'} the exact ones (exact: {exact_src})")
    if known and pw_tot != known["pyworkforce"]:
        print(f"  note: the reference README gives pyworkforce {known['pyworkforce'][0]:,} / "
              f"{known['pyworkforce'][1]:,}")
    print()
    print(f"rows where pyworkforce differs from wfm: {len(differing):,} of {n:,} "
          "(Σextra: agents with shrinkage pyworkforce adds)")
    line("defect", "rows", "Σextra agents", widths=(14, 16))
    for key, label in CLASSES.items():
        idx = [i for i in differing if key in classes[i]]
        extra = sum(classes[i][key] or 0 for i in idx)
        line(label, fmt_int(len(idx)), f"{extra:+,}" if key != "c" else "—")
    both = [i for i in differing if len(classes[i]) > 1]
    if both:
        print(f"    ({len(both)} row(s) show two defects; Σextra counts them under each)")
    line("UNEXPLAINED", fmt_int(len(unexplained)), "")
    listed = differing if args.verbose else unexplained[:20]
    for i in listed:
        r = rows[i]
        print(f"    id {r['id']}: " + ", ".join(f"{c}={r[c]}" for c in REF_COLUMNS)
              + f" | wfm {wfm_raw[i]}/{wfm_pos[i]}, pyworkforce {pw_raw[i]}/{pw_pos[i]}"
              + (f" ({pw_err[i]})" if pw_err[i] else "")
              + (f", exact {exact[i][0]}/{exact[i][1]}" if exact.get(i) else "")
              + f" -> {' '.join(SHORT[k] for k in classes[i]) or 'UNEXPLAINED'}")
    if len(unexplained) > len(listed):
        print(f"    ... and {len(unexplained) - len(listed)} more")
    if args.exact_all:
        print(f"wfm against exact_erlang.py on all {len(checked):,} rows: {len(wrong):,} differ")
    else:
        print(f"wfm against exact_erlang.py on the {len(checked):,} differing rows: "
              f"{len(wrong):,} differ")
    for i in wrong[:20]:
        r = rows[i]
        print(f"    id {r['id']}: " + ", ".join(f"{c}={r[c]}" for c in REF_COLUMNS)
              + f" | wfm {wfm_raw[i]}/{wfm_pos[i]}, exact {exact[i][0]}/{exact[i][1]}")
    print()

    pw_s = pw["batch_seconds"]
    pw_rate = n / pw_s
    nw = len(solvable)
    print(f"speed ({nw:,} intervals)")
    line("", "seconds", "intervals/s", "× pyworkforce", widths=(10, 14, 15))
    line("pyworkforce, Python loop, 1 core", fmt_s(pw_s), f"{pw_rate:,.0f}", "1×",
         widths=(10, 14, 15))
    speed = {}
    for label, w, key, solve in (
            ("wfm solve, 1 thread", w1, "solve", True),
            ("wfm solve, 2 threads", w2, "solve", True),
            ("wfm end-to-end process, 1 thread", w1, "wall", False),
            ("wfm end-to-end process, 2 threads", w2, "wall", False)):
        r = rate(nw, w[key])
        speed[label] = r / pw_rate
        line(label, fmt_s(w[key], solve), f"{r:,.0f}", fmt_x(r / pw_rate),
             widths=(10, 14, 15))
    print("    solve = wfm's own solve timer (parallel solve of the read and validated batch,")
    print("    chunk by chunk, without the CSV writing between chunks); end-to-end = wall")
    print("    time of the whole `wfm staff` process: start, CSV read, solve, CSV write")
    print()

    if million:
        mp, mw = million["pw"], million["wfm"]
        print("one interval at 10^6 Erlangs (3.6 M contacts / 30 min, AHT 500 s, 80 % in 20 s)")
        line("", "seconds", "agents", widths=(10, 14))
        line("pyworkforce", fmt_s(mp["seconds"]), fmt_int(mp["raw_positions"]), widths=(10, 14))
        line("wfm solve", fmt_s(mw["solve"], True), fmt_int(mw["agents"]), widths=(10, 14))
        line("wfm end-to-end process", fmt_s(mw["wall"]), "", widths=(10, 14))
        ratio = mp["seconds"] / max(mw["solve"], SOLVE_RESOLUTION_S / 2)
        print(f"  pyworkforce / wfm solve: {'>' if mw['solve'] < SOLVE_RESOLUTION_S / 2 else ''}"
              f"{ratio:,.0f}×; end-to-end {mp['seconds'] / mw['wall']:,.0f}×")
        if mw["solve"] < 20 * SOLVE_RESOLUTION_S:
            print("    (wfm prints its solve time in steps of 0.1 ms: that ratio is coarse)")
        if mp["raw_positions"] != mw["agents"]:
            print(f"  note: the answers differ (pyworkforce {mp['raw_positions']}, "
                  f"wfm {mw['agents']}); not checked against the exact reference here")
        print()

    print("goals")
    s1 = speed["wfm solve, 1 thread"]
    print(f"  ≥ {GOAL_SPEEDUP:,.0f}× pyworkforce on one core (wfm solve, 1 thread): {s1:,.0f}× — "
          f"{'met' if s1 >= GOAL_SPEEDUP else 'NOT MET'}")
    if million:
        ms = million["wfm"]["solve"]
        print(f"  < {GOAL_MILLION_S * 1000:.0f} ms for one interval at 10^6 Erlangs (wfm solve): "
              f"{'<0.1' if ms < SOLVE_RESOLUTION_S / 2 else f'{ms * 1000:.1f}'} ms — "
              f"{'met' if ms < GOAL_MILLION_S else 'NOT MET'}")
    else:
        print("  10^6 Erlangs: not measured")
    print()
    ok = totals_ok and not unexplained and not wrong
    problems = ([] if totals_ok else ["wfm totals differ from the exact ones"]) + (
        [f"{len(unexplained)} unexplained difference(s)"] if unexplained else []) + (
        [f"wfm differs from exact_erlang.py on {len(wrong)} row(s)"] if wrong else [])
    print("result: " + ("PASS (wfm totals equal the exact ones; every difference is a "
                        "documented pyworkforce defect)" if ok else "FAIL: " + "; ".join(problems)))
    return 0 if ok else 1


if __name__ == "__main__":
    main()
