#!/usr/bin/env bash
# Quick start, part 1: install what wfm needs into the project (a local .venv with the
# build tools and Python packages; Debian packages only if missing), build it, install
# the Python package into .venv, and run `wfm demo` on the embedded sample data.
#
#   bash scripts/setup.sh            # install + build + demo
#   WFM_SETUP_NO_DEMO=1 bash scripts/setup.sh   # install + build only (used by test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Debian packages: a C/C++ compiler for HiGHS and SQLite, and venv support for Python.
need_apt=()
command -v cc >/dev/null 2>&1 || need_apt+=(gcc)
command -v c++ >/dev/null 2>&1 || need_apt+=(g++)
command -v make >/dev/null 2>&1 || need_apt+=(make)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need_apt+=(python3-venv)
# Java for the Spark tests of wfm.distributed (pyspark 4 runs on Java 17 or 21)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
    say "installing Debian packages: ${need_apt[*]}"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    say "creating .venv"
    python3 -m venv .venv
fi
stamp=.venv/.requirements-installed
if [ ! -f "$stamp" ] || ! cmp -s requirements-dev.txt "$stamp"; then
    say "installing Python build tools and packages into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -r requirements-dev.txt
    cp requirements-dev.txt "$stamp"
fi

# shellcheck source=env.sh
source scripts/env.sh

say "building wfm and the Python package into .venv (cargo, the one dev profile)"
bash scripts/develop-python.sh

if [ -z "${WFM_SETUP_NO_DEMO:-}" ]; then
    say "wfm demo"
    "${CARGO_TARGET_DIR:-target}/debug/wfm" demo --output demo-output
    python -m wfm.demo demo-output --history data/sample/daily.csv
    echo
    say "done: ${CARGO_TARGET_DIR:-target}/debug/wfm is the CLI; '.venv/bin/python -c \"import wfm\"' has the Python package"
fi
