#!/usr/bin/env bash
# Shift-selection peer benchmark: wfm (good_lp + HiGHS) vs pyworkforce 0.5.1 (CP-SAT).
# See README.md beside this file.
#
#   bash benches/peers/shifts/run.sh [INSTANCE.json ...]   # default: every reference instance
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
PEER_PYTHON="$(bash "$HERE/../pyworkforce_venv.sh")"
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
    --pyworkforce-python "$PEER_PYTHON" "$@"
