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

echo "all tests passed in $(( $(date +%s) - start )) s"
