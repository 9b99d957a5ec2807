#!/usr/bin/env bash
# Forecast accuracy of wfm against the peers, in one run (see README.md beside this file):
# generates the default data set of gen_contact_history.py and a second one (seed 7,
# 30-minute intervals, 10 queues), builds core/examples/forecast_eval (dev profile:
# wfm-core is opt-level 3 there), makes the throwaway peer venv (venv.sh), runs wfm and
# the peers at most 2 processes at a time, and prints one table per data set.
#
#   bash benches/peers/forecast/run.sh [--quick]     # --quick: no statsforecast, no prophet
#
# OUT= sets where the generated data goes (default /tmp/wfm-fc-peers; never committed);
# GEN_PYTHON= the python with numpy + pandas for the generator (default the project's
# .venv, else python3); JOBS= the parallel processes (default 2).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
GEN="${GEN:-$ROOT/../shared/tools/gen_contact_history.py}"
[ -f "$GEN" ] || GEN=/work/shared/tools/gen_contact_history.py
OUT="${OUT:-${TMPDIR:-/tmp}/wfm-fc-peers}"
JOBS="${JOBS:-2}"
if [ -z "${GEN_PYTHON:-}" ]; then
    GEN_PYTHON=python3
    for p in "$ROOT/.venv/bin/python" /work/main/.venv/bin/python; do
        if [ -x "$p" ]; then GEN_PYTHON="$p"; break; fi
    done
fi

PEER_PY="$(bash "$HERE/venv.sh")"

mkdir -p "$OUT"
[ -f "$OUT/default/daily.csv" ] ||
    "$GEN_PYTHON" "$GEN" --out-dir "$OUT/default" 2>"$OUT/default.log"
[ -f "$OUT/seed7-30min-10q/daily.csv" ] ||
    "$GEN_PYTHON" "$GEN" --out-dir "$OUT/seed7-30min-10q" --seed 7 --interval 30 --queues 10 \
        2>"$OUT/seed7-30min-10q.log"

(cd "$ROOT" && cargo build --quiet -p wfm-core --example forecast_eval)
EVAL="${CARGO_TARGET_DIR:-$ROOT/target}/debug/examples/forecast_eval"
# Another build in a shared target dir may replace the binary while the peers run.
cp -f "$EVAL" "$OUT/forecast_eval"

exec python3 "$HERE/compare.py" --eval "$OUT/forecast_eval" --peer-python "$PEER_PY" \
    --jobs "$JOBS" "$@" "$OUT/default" "$OUT/seed7-30min-10q"
