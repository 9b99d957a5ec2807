#!/usr/bin/env bash
# Erlang C peer benchmark: wfm staff vs pyworkforce 0.5.1. See README.md beside this file.
#
#   bash benches/peers/erlang/run.sh [INPUT.csv] [compare.py options...]
#
# INPUT.csv defaults to ../shared/reference/erlang/bench_intervals_20000.csv (relative to
# the project root). Makes (or reuses) a throwaway venv with pyworkforce==0.5.1 under
# ${TMPDIR:-/tmp}, builds target/debug/wfm, and runs compare.py with the project's .venv.
# Exit status: compare.py's (0 = totals exact and every difference explained).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"

if [[ $# -ge 1 && "$1" != -* ]]; then
    INPUT="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
    shift
else
    INPUT="$ROOT/../shared/reference/erlang/bench_intervals_20000.csv"
fi
[[ -f "$INPUT" ]] || { echo "run.sh: input $INPUT not found" >&2; exit 2; }

# --- the peer: pyworkforce 0.5.1 in a throwaway venv ------------------------------
PEER_PYTHON="$(bash "$HERE/../pyworkforce_venv.sh")"

# --- wfm: the project's dev profile (the math crate at opt-level 3) ------------------
(
    cd "$ROOT"
    # shellcheck source=/dev/null
    source scripts/env.sh
    # --workspace: the same feature set as `cargo test`, so nothing is compiled twice
    cargo build --workspace --lib --bins
)

exec "$ROOT/.venv/bin/python" "$HERE/compare.py" \
    --input "$INPUT" \
    --wfm "$ROOT/target/debug/wfm" \
    --pyworkforce-python "$PEER_PYTHON" \
    "$@"
