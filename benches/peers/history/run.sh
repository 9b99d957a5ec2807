#!/usr/bin/env bash
# History import peer benchmark: wfm vs pandas.read_csv + the same checks. See README.md.
#
#   bash benches/peers/history/run.sh [compare.py options...]   # default 10 M rows
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
(
    cd "$ROOT"
    # shellcheck source=/dev/null
    source scripts/env.sh
    # --workspace: the same feature set as `cargo test`, so nothing is compiled twice
    cargo build --workspace --lib --bins
)
exec "$ROOT/.venv/bin/python" "$HERE/compare.py" --wfm "$ROOT/target/debug/wfm" "$@"
