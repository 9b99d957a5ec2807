#!/usr/bin/env python3
"""History import: `wfm history import` (parse, validate, write the workspace database,
commit) against `pandas.read_csv` + the same checks in pandas (`pandas_side.py`), on the
same file, in one run. Prints rows/s of each, the ratio, and the peak memory (max RSS of
each child process, from wait4).

    python compare.py --wfm target/debug/wfm [--rows 10000000] [--file F.csv] [--keep]
"""
import argparse
import json
import re
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def run(cmd, env=None):
    """Runs cmd; returns (seconds, max RSS in MiB, stdout)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"compare.py: {' '.join(map(str, cmd))} failed ({code}):\n{err.decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, out.decode()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--wfm", required=True)
    p.add_argument("--rows", type=int, default=10_000_000)
    p.add_argument("--file", help="an existing history CSV (else one is generated)")
    p.add_argument("--interval", type=int, choices=(15, 30), default=15)
    p.add_argument("--keep", action="store_true", help="keep the work folder")
    a = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wfm-peer-history-"))
    csv = Path(a.file) if a.file else work / "history.csv"
    if not a.file:
        print(f"generating {a.rows:,} rows into {csv} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(ROOT / "benches" / "gen_history.py"), str(csv),
                        str(a.rows), "--interval", str(a.interval)], check=True)
    size = csv.stat().st_size
    # wfm: a new workspace, then the import (parse + validate + SQLite write + commit)
    ws = work / "bench.wfm"
    env = dict(os.environ, WFM_WORKSPACE=str(ws))
    subprocess.run([a.wfm, "workspace", "create", "--interval", str(a.interval)], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    wfm_s, wfm_mib, out = run([a.wfm, "history", "import", str(csv)], env=env)
    loaded = re.search(r"loaded as source \d+ \((\d+) rows", out)
    rows = int(loaded.group(1)) if loaded else -1
    db_mib = ws.stat().st_size / 2**20
    # pandas: read_csv + the same checks
    pd_s, pd_mib, out = run([sys.executable, str(HERE / "pandas_side.py"), str(csv),
                             "--interval", str(a.interval)])
    pd_out = json.loads(out)
    if rows != pd_out["rows"] or pd_out["errors"] != 0:
        sys.exit(f"compare.py: the two sides disagree: wfm stored {rows} rows, pandas read "
                 f"{pd_out['rows']} with {pd_out['errors']} failing rows")
    print(f"file: {csv} ({size / 2**20:,.0f} MiB, {rows:,} rows)")
    print(f"wfm history import (parse + validate + database write + commit): "
          f"{wfm_s:7.2f} s  {rows / wfm_s / 1e6:6.2f} M rows/s  peak RSS {wfm_mib:7.0f} MiB  "
          f"(workspace file {db_mib:,.0f} MiB)")
    print(f"pandas read_csv + checks (no write):                              "
          f"{pd_s:7.2f} s  {rows / pd_s / 1e6:6.2f} M rows/s  peak RSS {pd_mib:7.0f} MiB  "
          f"(read {pd_out['read_s']:.2f} s, checks {pd_out['check_s']:.2f} s)")
    print(f"ratio: wfm is {pd_s / wfm_s:.1f}x faster than pandas and uses "
          f"{pd_mib / wfm_mib:.1f}x less memory")
    if a.keep:
        print(f"kept {work}")
    else:
        for f in work.iterdir():
            f.unlink()
        work.rmdir()


if __name__ == "__main__":
    main()
