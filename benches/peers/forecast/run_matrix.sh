#!/usr/bin/env bash
# The forecast robustness matrix (issue 26; see README.md beside this file): builds
# core/examples/forecast_eval, makes (or reuses) the peers' throwaway venv
# (venv.sh: statsforecast, augurs, numpy, pandas), and runs matrix.py.
#
#   bash benches/peers/forecast/run_matrix.sh [--grid small|medium|full] [--jobs 2]
#
# OUT= where the generated data sets go (default $TMPDIR/wfm-fc-matrix; never committed);
# PYTHON= the interpreter venv.sh makes the peer venv with.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
OUT="${OUT:-${TMPDIR:-/tmp}/wfm-fc-matrix}"
# The peers' venv is the one the forecast comparison uses (venv.sh: statsforecast, augurs).
PY="$(bash "$HERE/venv.sh")"
(cd "$ROOT" && cargo build --quiet -p wfm-core --example forecast_eval)
EVAL="${CARGO_TARGET_DIR:-$ROOT/target}/debug/examples/forecast_eval"
mkdir -p "$OUT"
# Another build in a shared target dir may replace the binary while the matrix runs.
cp -f "$EVAL" "$OUT/forecast_eval"
exec "$PY" "$HERE/matrix.py" --eval "$OUT/forecast_eval" --out "$OUT" "$@"
