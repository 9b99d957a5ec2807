#!/usr/bin/env bash
# Issue 20's evidence: `wfm schedule generate` on the demand-driven examples (and the
# older ones), one measure.py row each.
#   benches/schedule_demand/run.sh [WFM_BINARY] [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
wfm="${1:-$root/target/debug/wfm}"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
cd "$root/data/scenarios"
for pair in demand_300x2w:demand_2w demand_800x4w:demand_4w small:small medium:medium large:large; do
    s="${pair%%:*}" f="${pair##*:}"
    log="$out/$s.log"
    { time "$wfm" schedule generate --scenario "schedule_$s.toml" --forecast "forecast_$f.csv" \
        --time-limit 600 --output "$out/$s" ; } >"$log" 2>&1 || true
    echo "schedule_$s: $(python3 "$here/measure.py" "$out/$s" "$log")"
done
