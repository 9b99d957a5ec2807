#!/usr/bin/env bash
# History import on both workspace backends in one run: the same generated CSV imported
# into a SQLite file and into a PostgreSQL database; prints rows/s for each.
#
#   bash benches/store_backends/import.sh [ROWS]          # default 10,000,000
#
# The CSV comes from benches/gen_history.py (15-minute intervals, VOICE and CHAT). The
# PostgreSQL side uses $WFM_TEST_POSTGRES (an admin URL) when set, else starts a
# throw-away cluster with scripts/postgres.sh and stops it afterwards. WFM_BIN may name
# an already built wfm binary (default: target/debug/wfm, built here).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROWS="${1:-10000000}"
cd "$ROOT"
# shellcheck source=/dev/null
source scripts/env.sh
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
if [[ -z "${WFM_BIN:-}" ]]; then
    cargo build --bin wfm >&2
    WFM_BIN="$TARGET/debug/wfm"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wfm-store-bench.XXXXXX")"
STARTED=""
cleanup() {
    [[ -n "$STARTED" ]] && bash "$ROOT/scripts/postgres.sh" stop "$WFM_PG_DIR"
    rm -rf "$WORK"
}
trap cleanup EXIT
if [[ -z "${WFM_TEST_POSTGRES:-}" ]]; then
    eval "$(bash "$ROOT/scripts/postgres.sh" start)"
    STARTED=1
fi

CSV="$WORK/history.csv"
python3 benches/gen_history.py "$CSV" "$ROWS" >&2
DB="wfm_bench_$$"
psql "$WFM_TEST_POSTGRES" -q -c "CREATE DATABASE $DB" >&2
PG_URL="${WFM_TEST_POSTGRES%/*}/$DB"

seconds() { python3 -c 'import time; print(time.monotonic())'; }

run() { # NAME LOCATION
    local name=$1 ws=$2 t0 t1 out stored
    "$WFM_BIN" --workspace "$ws" workspace create --interval 15 >/dev/null
    t0=$(seconds)
    out=$("$WFM_BIN" --workspace "$ws" history import "$CSV")
    t1=$(seconds)
    # the rows the import says it stored, e.g. "loaded as source 1 (10000000 rows, …"
    stored=$(grep -o '([0-9]* rows' <<<"$out" | tr -dc 0-9)
    [[ "$stored" == "$ROWS" ]] || { echo "$name stored $stored rows, not $ROWS" >&2; exit 1; }
    python3 -c "import sys; r=int(sys.argv[1]); s=float(sys.argv[3])-float(sys.argv[2]); print(f'{sys.argv[4]:<10} {r:>12,} rows  {s:8.1f} s  {r/s:>12,.0f} rows/s')" \
        "$stored" "$t0" "$t1" "$name"
}

echo "history import, $ROWS rows, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
run sqlite "$WORK/bench.wfm"
run postgres "$PG_URL"
psql "$WFM_TEST_POSTGRES" -q -c "DROP DATABASE $DB" >&2 || true
