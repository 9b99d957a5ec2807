#!/usr/bin/env bash
# The Python package as a user installs it: a wheel (and an sdist) built by maturin,
# installed into a fresh virtual environment, smoke-tested there (scripts/wheel_smoke.py)
# — not the development install of .venv.
#
# The wheel is built with the workspace's one `dev` profile and the environment of
# scripts/env.sh, so cargo reuses the test build's artifacts (a `--release` build would
# compile polars and HiGHS again: tens of minutes on two cores; release wheels are a
# manual step, see docs/installation.md). Only pyo3, numpy and the extension compile
# again (~45 s): maturin sets PYO3_CONFIG_FILE, which pyo3's build script watches; the
# next plain cargo command compiles those three back (~30 s). No `--strip`: it changes
# the profile and would compile more. The sdist is checked for its manifests only
# (building it compiles everything from scratch).
# The venv gets the wheel's dependencies (polars, numpy) from the package index, through
# pip's cache after the first run. Prints the time each step took.
set -euo pipefail
cd "$(dirname "$0")/.."
# the environment of the tests (scripts/test.sh has it already)
if [ -z "${PYO3_BUILD_EXTENSION_MODULE:-}" ]; then
    # shellcheck source=env.sh
    source scripts/env.sh
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/wfm-wheel.XXXXXX")
trap 'rm -rf "$out"' EXIT
t0=$(date +%s)
(cd py-bindings && maturin build --profile dev --interpreter "$PYO3_PYTHON" \
    --out "$out/dist" --quiet)
(cd py-bindings && maturin sdist --out "$out/dist" >/dev/null)
t1=$(date +%s)
ls "$out/dist"/wfm_engine-*.whl >/dev/null
sdist=$(ls "$out/dist"/wfm_engine-*.tar.gz)
listing=$(tar tzf "$sdist")
for f in pyproject.toml Cargo.toml py-bindings/Cargo.toml python/wfm/__init__.py; do
    grep -qx "wfm_engine-[^/]*/$f" <<<"$listing" || { echo "the sdist lacks $f" >&2; exit 1; }
done
"$PYO3_PYTHON" -m venv "$out/venv"
# no PYTHONPATH and no .venv: the wheel alone provides `wfm`
env -u PYTHONPATH "$out/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "$out/dist"/wfm_engine-*.whl
t2=$(date +%s)
(cd "$out" && env -u PYTHONPATH "$out/venv/bin/python" "$WFM_ROOT/scripts/wheel_smoke.py" "$WFM_ROOT")
t3=$(date +%s)
echo "wheel and sdist $((t1 - t0)) s, fresh venv and install $((t2 - t1)) s, smoke test $((t3 - t2)) s" \
    "($(du -h "$out/dist"/wfm_engine-*.whl | cut -f1) wheel)"
