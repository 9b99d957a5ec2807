#!/usr/bin/env bash
# Makes (or reuses) the throwaway venv with pyworkforce 0.5.1 that the peer benchmarks
# compare against (0.5.2+ need Python >= 3.12), and prints its python's path.
#   PY=$(bash benches/peers/pyworkforce_venv.sh)      # PYTHON= picks the interpreter
set -euo pipefail
PYWF_VERSION=0.5.1
PYTHON="${PYTHON:-python3}"
VENV="${TMPDIR:-/tmp}/wfm-peer-pyworkforce-$PYWF_VERSION"
if ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; \
        sys.exit(m.version('pyworkforce') != '$PYWF_VERSION')" 2>/dev/null; then
    echo "pyworkforce_venv.sh: making $VENV with pyworkforce==$PYWF_VERSION ($("$PYTHON" --version))" >&2
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyworkforce==$PYWF_VERSION" >&2
fi
echo "$VENV/bin/python"
