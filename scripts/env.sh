# Sourced by the setup and test scripts: the project's own toolchain environment.
# cmake and libclang (for HiGHS) come from pip into .venv, never from the host.
WFM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export WFM_ROOT
export VIRTUAL_ENV="$WFM_ROOT/.venv"
# Prepend once: pyo3's build script may watch PATH, so sourcing this twice must not
# change it (that would rebuild pyo3).
case ":$PATH:" in
    *":$VIRTUAL_ENV/bin:"*) ;;
    *) export PATH="$VIRTUAL_ENV/bin:$PATH" ;;
esac
export PYO3_PYTHON="$VIRTUAL_ENV/bin/python"
LIBCLANG_PATH="$("$VIRTUAL_ENV/bin/python" -c 'import clang, os; print(os.path.join(os.path.dirname(clang.__file__), "native"))' 2>/dev/null || true)"
export LIBCLANG_PATH
# Two cores: let cargo use both, and keep cmake (HiGHS) from oversubscribing.
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
# The extension is built by cargo in the same invocation family as the tests (see
# scripts/develop-python.sh), in pyo3's extension-module mode (no libpython link). Every
# cargo command sees the same PYO3_* environment, so nothing is compiled twice: pyo3's
# build script watches these variables, and polars (through pyo3-polars) depends on pyo3.
export PYO3_BUILD_EXTENSION_MODULE=1
