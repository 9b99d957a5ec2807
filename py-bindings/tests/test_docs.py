"""The examples in the docstrings run and give what they show, and every public callable
of the package has one (the Python API reference, docs/reference/python.md, shows them)."""

from __future__ import annotations

import doctest
import importlib
import inspect
from typing import Iterator, List, Tuple

import pytest

MODULES = [
    "wfm",
    "wfm._errors",
    "wfm.staffing",
    "wfm._wfm",
    "wfm.workspace",
    "wfm.documents",
    "wfm.publishing",
    "wfm.capacity",
    "wfm.forecasting",
    "wfm.scheduling",
    "wfm.schedule_edit",
    "wfm.reports",
    "wfm.interval",
    "wfm._names",
    "wfm._display",
    "wfm.plot",
    "wfm.demo",
    "wfm.distributed",
    "wfm.distributed._groups",
    "wfm.distributed._synthetic",
    "wfm.timeoff",
    "wfm.adherence",
    "wfm.plot_adherence",
    "wfm.access",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def _has_example(doc: object) -> bool:
    return ">>>" in (doc or "")  # type: ignore[operator]


def _public_callables() -> Iterator[Tuple[str, object, object]]:
    """``(name, item, owner)`` for every public function of ``wfm`` and ``wfm.plot`` and
    every public method and property of the public classes (``owner``: the class, else
    ``None``). Data fields (NamedTuple and dataclass fields, the extension's read-only
    attributes) are not callables and are described by their class."""
    import wfm
    import wfm.documents
    import wfm.plot

    for module in (wfm, wfm.plot, wfm.documents):
        for name in module.__all__:
            item = getattr(module, name)
            if isinstance(item, type):
                for member, value in vars(item).items():
                    if member.startswith("_"):
                        continue
                    if isinstance(value, (staticmethod, classmethod)):
                        value = value.__func__
                    if inspect.isfunction(value) or isinstance(value, property):
                        yield f"{module.__name__}.{name}.{member}", value, None
                    elif inspect.ismethoddescriptor(value) and not inspect.isdatadescriptor(value):
                        yield f"{module.__name__}.{name}.{member}", value, item
            elif callable(item):
                yield f"{module.__name__}.{name}", item, None


def test_every_public_function_has_an_example() -> None:
    missing: List[str] = []
    for name, item, owner in _public_callables():
        if owner is not None:
            # a method of the compiled extension (its docstring comes from Rust): called in
            # an example of its class
            method = name.rsplit(".", 1)[1]
            lines = [l for l in (owner.__doc__ or "").splitlines() if l.lstrip().startswith(">>>")]
            if not any(f".{method}(" in l for l in lines):
                missing.append(name)
        elif not _has_example(item.__doc__):
            missing.append(name)
    assert missing == [], f"no example (>>>) in the docstring of: {', '.join(missing)}"


def test_the_walk_reaches_the_methods_the_reference_documents() -> None:
    names = {name for name, _, _ in _public_callables()}
    for expected in (
        "wfm.staff",
        "wfm.Workspace.create",
        "wfm.Workspace.upgrade",
        "wfm.Workspace.interval",
        "wfm.Workspace.import_history",
        "wfm.ImportResult.source_id",
        "wfm.ScheduleResult.short_intervals",
        "wfm.InvalidInputError.to_frame",
        "wfm.Staffing.to_dict",
        "wfm.QueueMetrics.to_dict",
        "wfm.plot.gantt",
    ):
        assert expected in names


def test_internal_helpers_are_not_in_the_public_namespace() -> None:
    import wfm

    assert not hasattr(wfm, "checked")
    public = {n for n in dir(wfm) if not n.startswith("_")}
    modules = {
        "capacity",
        "documents",
        "forecasting",
        "interval",
        "plot",
        "publishing",
        "reports",
        "schedule_edit",
        "scheduling",
        "staffing",
        "workspace",
        "demo",
        "distributed",
        "timeoff",
        "adherence",
        "plot_adherence",
        "access",
    }
    assert public - modules == set(wfm.__all__) - {"__version__"}


def test_the_stub_documents_the_extension_as_it_documents_itself() -> None:
    """The API reference reads the extension's docstrings from ``_wfm.pyi`` (statically):
    they must be the ones the compiled extension carries (written in Rust)."""
    import ast
    from pathlib import Path

    from wfm import _wfm

    stub = Path(_wfm.__file__).with_name("_wfm.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    stale: List[str] = []

    def check(name: str, node: ast.AST, runtime: object) -> None:
        written = inspect.cleandoc(ast.get_docstring(node, clean=False) or "")
        if written != inspect.cleandoc(getattr(runtime, "__doc__", None) or ""):
            stale.append(name)

    compared = 0
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            cls = getattr(_wfm, node.name)
            check(node.name, node, cls)
            compared += 1
            for sub in node.body:
                if isinstance(sub, ast.FunctionDef) and not sub.name.startswith("_"):
                    check(f"{node.name}.{sub.name}", sub, cls.__dict__[sub.name])
                    compared += 1
        elif isinstance(node, ast.FunctionDef) and node.name in ("erlang_b", "queue_metrics", "staff"):
            check(node.name, node, getattr(_wfm, node.name))
            compared += 1
    assert compared >= 28
    assert stale == [], f"_wfm.pyi docstrings differ from the extension's: {', '.join(stale)}"


def test_a_chart_without_axes_keeps_the_users_matplotlib_backend(tmp_path) -> None:
    """``wfm.plot`` used to switch to ``Agg`` when it made its own Axes, which silenced a
    notebook's inline charts; the examples draw on a ``Figure`` and the functions keep
    whatever backend the user chose."""
    import os
    import subprocess
    import sys

    script = (
        "import matplotlib, polars as pl, wfm.plot\n"
        "from datetime import datetime, timezone\n"
        "cov = pl.DataFrame({'interval_start': [datetime(2026, 3, 2, tzinfo=timezone.utc)],"
        " 'required': [2], 'scheduled': [1]})\n"
        "wfm.plot.coverage(cov)\n"
        "print(matplotlib.get_backend())\n"
    )
    env = dict(os.environ, MPLBACKEND="pdf", MPLCONFIGDIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "pdf"


def test_the_reference_page_extension_fences_examples_and_drops_roles() -> None:
    """The griffe extension of the API reference (scripts/griffe_doctest_fences.py) keeps
    its own examples; it needs the documentation tools (requirements-dev.txt)."""
    pytest.importorskip("griffe")
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "griffe_doctest_fences.py"
    spec = importlib.util.spec_from_file_location("griffe_doctest_fences", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = doctest.testmod(module)
    assert result.attempted == 3 and result.failed == 0


def test_every_example_is_run_by_the_doctests() -> None:
    """An example doctest does not find (a wrapper hiding its module, a module missing from
    MODULES) would never run: each public callable's example is one of the tests."""
    found = set()
    for name in MODULES:
        for test in doctest.DocTestFinder().find(importlib.import_module(name)):
            if test.examples:
                found.add(test.name)
    not_run: List[str] = []
    for name, item, owner in _public_callables():
        if owner is not None:  # called in its class's example, which runs
            target: object = owner
        else:
            target = item.fget if isinstance(item, property) else item
        if f"{target.__module__}.{target.__qualname__}" not in found:
            not_run.append(name)
    assert not_run == [], f"examples doctest does not run: {', '.join(not_run)}"
