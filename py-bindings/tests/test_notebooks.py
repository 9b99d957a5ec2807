"""The example notebooks (``examples/*.ipynb``, issue 19 item 13) run headless from the
repository root with nbclient, as a planner would run them in Jupyter: no cell raises,
every notebook shows at least one chart inline (an ``image/png`` output: the user's
``inline`` backend is kept), and the numbers the story tells are the ones printed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, List

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

#: What each notebook must print: the numbers its story stands on.
KEY_OUTPUTS: Dict[str, List[str]] = {
    "staffing": ["(14, 20)", "busiest half hour:"],
    "forecasting": ["546 days from 2024-08-01 for 6 queue × channel series"],
    "capacity_plan": ["4 of 4 weeks short of staff"],
    "schedule": ["[]", '"local time (each agent\'s own zone)"', "'time (America/New_York)'",
                 "quarter hours short of the goal"],
}


def _texts(cell) -> List[str]:
    """The text a code cell shows: streams and plain-text results."""
    texts = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            texts.append(out["text"])
        elif out["output_type"] in ("execute_result", "display_data"):
            texts.append(out.get("data", {}).get("text/plain", ""))
    return texts


#: Notebooks that need a service and run in their own test (smaller), not here.
RUN_ELSEWHERE = {"forecast_on_spark": "test_spark.py"}


def test_every_example_notebook_is_checked() -> None:
    names = [p.stem for p in EXAMPLES.glob("*.ipynb") if p.stem not in RUN_ELSEWHERE]
    assert sorted(names) == sorted(KEY_OUTPUTS)


@pytest.mark.parametrize("name", sorted(KEY_OUTPUTS))
def test_example_notebook_runs_and_shows_its_charts_and_numbers(name: str, tmp_path: Path) -> None:
    book = nbformat.read(EXAMPLES / f"{name}.ipynb", as_version=4)
    # committed without outputs: the diffs stay the cells a person wrote
    assert all(not c.get("outputs") for c in book.cells if c.cell_type == "code")
    # a deprecated name of ours fails the run (wfm's warnings are hidden in a notebook
    # by default: they are attributed to wfm's modules, not to the notebook's code)
    book.cells.insert(0, nbformat.v4.new_code_cell(
        'import warnings\nwarnings.filterwarnings("error", category=DeprecationWarning, module=r"wfm(\\.|$)")'
    ))
    env = dict(os.environ, MPLCONFIGDIR=str(tmp_path))
    env.pop("MPLBACKEND", None)  # Jupyter's own inline backend, as a planner has it
    client = nbclient.NotebookClient(
        book, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute(env=env)  # raises CellExecutionError naming the cell that failed
    outputs = [out for c in book.cells if c.cell_type == "code" for out in c.outputs]
    assert not [o for o in outputs if o["output_type"] == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert images, f"{name}: no chart shown inline"
    # the notebooks use today's names: no deprecated argument or attribute shown either
    warned = [o["text"] for o in outputs if o["output_type"] == "stream" and "DeprecationWarning" in o["text"]]
    assert not warned, f"{name}: {warned}"
    shown = "\n".join(t for c in book.cells if c.cell_type == "code" for t in _texts(c))
    for expected in KEY_OUTPUTS[name]:
        assert expected in shown, f"{name}: {expected!r} not in the outputs"
    # no result floods the notebook (progress bars on stderr are not results)
    results = [o.get("data", {}).get("text/plain", "") for o in outputs if o["output_type"] == "execute_result"]
    assert max(map(len, results), default=0) < 5000
