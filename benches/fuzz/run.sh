#!/usr/bin/env bash
# Fuzzes every parser of a user's file for SECONDS each (default 600) and prints one table:
# parser, inputs, inputs/s, accepted, errors, distinct error kinds, error reports without a
# proper location (badloc), panics. Panicking inputs are saved under CRASH_DIR (default
# target/fuzz-crashes) with the seed. Exits 1 if any parser panicked or aborted.
#
#   benches/fuzz/run.sh                 # 600 s per parser, seed 1
#   benches/fuzz/run.sh 30              # 30 s per parser
#   SEED=7 benches/fuzz/run.sh 600 history-csv schedule-json
#
# Uses the dev profile with the project's environment, as every build here: scripts/env.sh,
# unless an environment was sourced already (a git worktree sources the main checkout's,
# so that the warm build is reused).
set -u -o pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH="${1:-600}"
shift || true
SEED="${SEED:-1}"
CRASH_DIR="${CRASH_DIR:-target/fuzz-crashes}"
if [ -z "${PYO3_BUILD_EXTENSION_MODULE:-}" ]; then
    # shellcheck disable=SC1091
    source scripts/env.sh
fi
cargo build --example fuzz || exit 2
BIN=target/debug/examples/fuzz
if [ "$#" -gt 0 ]; then PARSERS=("$@"); else mapfile -t PARSERS < <("$BIN" --list | cut -d' ' -f1); fi
LOG="target/fuzz-$(date -u +%Y%m%dT%H%M%SZ).log"
echo "fuzzing ${#PARSERS[@]} parsers, ${SECONDS_EACH} s each, seed ${SEED}; details in ${LOG}"
status=0
header=""
rows=()
for p in "${PARSERS[@]}"; do
    out="$("$BIN" --parser "$p" --seconds "$SECONDS_EACH" --seed "$SEED" --crashes "$CRASH_DIR")"
    rc=$?
    printf '%s\n' "$out" >>"$LOG"
    [ -z "$header" ] && header="$(printf '%s\n' "$out" | head -1)"
    row="$(printf '%s\n' "$out" | grep -E "^$p " || true)"
    if [ -z "$row" ]; then
        row="$(printf '%-20s ABORTED (exit %s): see %s' "$p" "$rc" "$LOG")"
        status=1
    elif [ "$rc" -ne 0 ]; then
        status=1
    fi
    rows+=("$row")
    printf '%s\n' "$out" | grep -E '^    ' || true
done
echo
echo "$header"
printf '%s\n' "${rows[@]}"
exit "$status"
