#!/usr/bin/env bash
# Makes (or reuses) the throwaway venv with the forecasting peers (statsforecast, augurs,
# prophet + numpy/pandas) and prints its python's path.
#   PY=$(bash benches/peers/forecast/venv.sh)      # PYTHON= picks the interpreter
set -euo pipefail
PINS="statsforecast==2.1.1 augurs==0.8.0 prophet==1.5.0"
PYTHON="${PYTHON:-python3}"
VENV="${TMPDIR:-/tmp}/wfm-peer-forecast"
check='import importlib.metadata as m, sys
pins = dict(p.split("==") for p in sys.argv[1].split())
sys.exit(any(m.version(k) != v for k, v in pins.items()))'
if ! "$VENV/bin/python" -c "$check" "$PINS" 2>/dev/null; then
    echo "venv.sh: making $VENV with $PINS ($("$PYTHON" --version))" >&2
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    # shellcheck disable=SC2086
    "$VENV/bin/pip" install --quiet --disable-pip-version-check $PINS numpy pandas >&2
fi
echo "$VENV/bin/python"
