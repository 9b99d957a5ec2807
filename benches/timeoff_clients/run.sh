#!/usr/bin/env bash
# 100 concurrent clients making time-off requests for 60 s, on SQLite and on PostgreSQL
# in one run, printed side by side: throughput, p50/p99 latency, outcomes, retries, and
# whether anything was lost or over-granted (see examples/timeoff_clients.rs).
#
#   bash benches/timeoff_clients/run.sh [CLIENTS] [SECONDS] [OUT_DIR]
#
# Starts a throw-away PostgreSQL cluster (scripts/postgres.sh) unless WFM_TEST_POSTGRES
# is set. Not a timed test: it reports, it asserts only "nothing lost, nothing over-granted"
# (exit 1 otherwise).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
clients=${1:-100}
seconds=${2:-60}
out=${3:-$(mktemp -d "${TMPDIR:-/tmp}/timeoff_clients.XXXXXX")}
mkdir -p "$out"
cd "$root"
cargo build -q --example timeoff_clients
bin="${CARGO_TARGET_DIR:-$root/target}/debug/examples/timeoff_clients"
started=""
if [[ -z "${WFM_TEST_POSTGRES:-}" ]]; then
    eval "$(bash scripts/postgres.sh start)"
    started=$WFM_PG_DIR
fi
trap '[[ -n "$started" ]] && bash scripts/postgres.sh stop "$started"' EXIT
status=0
"$bin" sqlite "$clients" "$seconds" >"$out/sqlite.json" || status=1
"$bin" postgres "$clients" "$seconds" >"$out/postgres.json" || status=1
python3 - "$out/sqlite.json" "$out/postgres.json" <<'PY'
import json, sys
rows = [json.loads(open(p).read().strip().splitlines()[-1]) for p in sys.argv[1:]]
fields = [
    ("clients", "{}"), ("seconds", "{:.1f}"), ("requests", "{}"), ("per_second", "{:.1f}"),
    ("p50_ms", "{:.1f}"), ("p99_ms", "{:.1f}"), ("max_ms", "{:.1f}"), ("errors", "{}"),
    ("retries", "{}"),
]
print(f"{'':24}" + "".join(f"{r['backend']:>14}" for r in rows))
for name, fmt in fields:
    print(f"{name:24}" + "".join(f"{fmt.format(r[name]):>14}" for r in rows))
for status in ("approved", "denied", "pending", "waitlisted"):
    print(f"{status:24}" + "".join(f"{r['outcomes'].get(status, 0):>14}" for r in rows))
print(f"{'lost or over-granted':24}" + "".join(f"{len(r['lost_or_over_granted']):>14}" for r in rows))
for r in rows:
    for p in r["lost_or_over_granted"]:
        print(f"{r['backend']}: {p}")
    if r.get("first_error"):
        print(f"{r['backend']}: first error: {r['first_error']}")
PY
echo "raw results: $out" >&2
exit $status
