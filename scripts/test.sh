#!/usr/bin/env bash
# Quick start, part 2: every test, Rust and Python, from whatever state the checkout is
# in (it installs what is missing first). This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
start=$(date +%s)

say "format"
cargo fmt --all --check

WFM_SETUP_NO_DEMO=1 bash scripts/setup.sh
# shellcheck source=env.sh
source scripts/env.sh

# The store tests run against both backends: a throw-away PostgreSQL cluster (installed
# from Debian packages when missing), stopped and removed however the run ends.
say "PostgreSQL: a throw-away cluster for the store tests"
eval "$(bash scripts/postgres.sh start)"
trap 'bash scripts/postgres.sh stop "$WFM_PG_DIR"' EXIT
export WFM_REQUIRE_POSTGRES=1

say "Rust tests (unit, integration, benches in test mode)"
cargo test --workspace --all-targets

say "Rust doctests"
cargo test --workspace --doc

# rustdoc on our crates only (--no-deps; the dependencies' metadata is the build's):
# a broken intra-doc link or a bad doc attribute fails the run.
say "API docs (rustdoc, warnings denied)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps

say "Python tests"
python -m pytest -q py-bindings/tests

# The stubs (_wfm.pyi) against the compiled extension, and the package's type hints.
say "Python types (stubtest of wfm._wfm, mypy of the package)"
(cd py-bindings/python && python -m mypy.stubtest wfm._wfm)
(cd py-bindings && python -m mypy python/wfm)

# Not `-q`: mkdocs 1.6 with --quiet drops warnings before strict mode counts them, so a
# broken link would pass (mkdocs/mkdocs#4126).
say "user guide (mkdocs, strict: a broken link fails)"
python -m mkdocs build --strict

say "clippy"
cargo clippy --workspace --all-targets -- -D warnings

# Last: maturin sets PYO3_CONFIG_FILE, so pyo3, numpy and the extension are compiled
# once more for the wheel (not polars or HiGHS; see scripts/wheel-smoke.sh).
say "Python wheel and sdist (maturin, dev profile), installed into a fresh venv, smoke-tested"
bash scripts/wheel-smoke.sh

echo "all tests passed in $(( $(date +%s) - start )) s"
