#!/usr/bin/env bash
# Shift-selection peer benchmark: wfm (good_lp + HiGHS) vs pyworkforce 0.5.1 (CP-SAT).
# See README.md beside this file.
#
#   bash benches/peers/shifts/run.sh [INSTANCE.json ...]   # default: every reference instance
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
PYWF_VERSION=0.5.1
PYTHON="${PYTHON:-python3}"
VENV="${TMPDIR:-/tmp}/wfm-peer-pyworkforce-$PYWF_VERSION"
if ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; \
        sys.exit(m.version('pyworkforce') != '$PYWF_VERSION')" 2>/dev/null; then
    echo "run.sh: making $VENV with pyworkforce==$PYWF_VERSION" >&2
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyworkforce==$PYWF_VERSION"
fi
(
    cd "$ROOT"
    # shellcheck source=/dev/null
    source scripts/env.sh
    # the one dev profile (HiGHS is built as Release by cmake either way)
    cargo build --workspace --lib --bins
    cargo build --workspace --example shift_instances
)
exec "$ROOT/.venv/bin/python" "$HERE/compare.py" \
    --wfm-example "$ROOT/target/debug/examples/shift_instances" \
    --pyworkforce-python "$VENV/bin/python" "$@"
