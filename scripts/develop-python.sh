#!/usr/bin/env bash
# Installs the Python package `wfm` into .venv from this checkout, in development mode:
# cargo builds the extension (the same dev profile and environment as the tests, so
# nothing is compiled twice — `maturin develop` would set other PYO3_* variables and
# rebuild pyo3 and polars), the library is placed beside the pure-Python shell as
# `wfm/_wfm.abi3.so`, and a .pth file puts py-bindings/python on the venv's path.
# (For a wheel to distribute: `cd py-bindings && maturin build --release`.)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=env.sh
source scripts/env.sh
cargo build --workspace --lib --bins
cp -f "${CARGO_TARGET_DIR:-target}/debug/lib_wfm.so" py-bindings/python/wfm/_wfm.abi3.so
site=$(python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$WFM_ROOT/py-bindings/python" > "$site/wfm-dev.pth"
python -c 'import wfm; print("wfm", wfm.__version__, "installed in development mode from", wfm.__file__)'
