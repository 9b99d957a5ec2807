#!/usr/bin/env bash
# The forecast robustness matrix (issue 26; see README.md beside this file): builds
# core/examples/forecast_eval, makes (or reuses) a throwaway venv with the peers
# (statsforecast, augurs) and the generator's numpy + pandas, and runs matrix.py.
#
#   bash benches/peers/forecast/run_matrix.sh [--grid small|medium|full] [--jobs 2]
#
# OUT= where the generated data sets go (default $TMPDIR/wfm-fc-matrix; never committed);
# VENV= the peer venv (default $TMPDIR/wfm-fc-matrix-venv); PYTHON= its interpreter.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
OUT="${OUT:-${TMPDIR:-/tmp}/wfm-fc-matrix}"
VENV="${VENV:-${TMPDIR:-/tmp}/wfm-fc-matrix-venv}"
PINS="statsforecast==2.1.1 augurs==0.8.0"
check='import importlib.metadata as m, sys
pins = dict(p.split("==") for p in sys.argv[1].split())
sys.exit(any(m.version(k) != v for k, v in pins.items()))'
if ! "$VENV/bin/python" -c "$check" "$PINS" 2>/dev/null; then
    echo "run_matrix.sh: making $VENV with $PINS" >&2
    rm -rf "$VENV"
    "${PYTHON:-python3}" -m venv "$VENV"
    # shellcheck disable=SC2086
    "$VENV/bin/pip" install --quiet --disable-pip-version-check $PINS numpy pandas >&2
fi
(cd "$ROOT" && cargo build --quiet -p wfm-core --example forecast_eval)
EVAL="${CARGO_TARGET_DIR:-$ROOT/target}/debug/examples/forecast_eval"
mkdir -p "$OUT"
# Another build in a shared target dir may replace the binary while the matrix runs.
cp -f "$EVAL" "$OUT/forecast_eval"
exec "$VENV/bin/python" "$HERE/matrix.py" --eval "$OUT/forecast_eval" --out "$OUT" "$@"
