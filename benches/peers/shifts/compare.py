#!/usr/bin/env python3
"""Shift-selection peer benchmark: wfm's minimum-cost cover (good_lp + HiGHS, days in
parallel on 2 threads) against pyworkforce 0.5.1's CP-SAT model (2 workers) on the
instances of ../shared/reference/scheduling/, in one run. Prints both objectives, the
proven optima of the reference README, both wall times (model building included) and the
ratio. Exit 1 if wfm's objective is not the proven optimum.

    python compare.py --wfm-example PATH --pyworkforce-python PATH [INSTANCE.json ...]
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
REFERENCE = ROOT.parent / "shared" / "reference" / "scheduling"
OPTIMA = {  # proven by CP-SAT 9.15 (reference README)
    "medium_peak60_8h30": 483,
    "large_peak400_8h30": 2930,
    "large_peak400_mixed": 18496,
    "xl_peak400_28d_5min_mixed": 72636,
}


def run(cmd) -> dict:
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--wfm-example", required=True, help="the built shift_instances example")
    p.add_argument("--pyworkforce-python", required=True)
    p.add_argument("instances", nargs="*")
    a = p.parse_args()
    files = [Path(f) for f in a.instances] or sorted(REFERENCE.glob("shift_instance_*.json"))
    files.sort(key=lambda f: f.stat().st_size)
    ok = True
    print(f"{'instance':<28}{'optimum':>9}{'wfm':>9}{'pyworkforce':>13}{'wfm s':>9}{'pywf s':>9}{'ratio':>8}")
    for f in files:
        w = run([a.wfm_example, str(f)])
        py = run([a.pyworkforce_python, str(Path(__file__).with_name("pyworkforce_side.py")), str(f)])
        best = OPTIMA.get(w["instance"])
        exact = best is None or (w["objective"] == best and w["proven_optimal"])
        ok &= exact
        print(f"{w['instance']:<28}{best if best is not None else '-':>9}{w['objective']:>9.0f}"
              f"{py['objective']:>13.0f}{w['seconds']:>9.3f}{py['seconds']:>9.3f}"
              f"{py['seconds'] / w['seconds']:>7.1f}x" + ("" if exact else "  NOT OPTIMAL"))
    print("result: PASS (wfm proves the reference optimum on every instance)" if ok else "result: FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
