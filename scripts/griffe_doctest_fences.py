"""A griffe extension for the Python API reference (docs/reference/python.md): the
doctest examples of the ``wfm`` docstrings (``>>>`` lines up to the next blank line),
written in plain reStructuredText style, shown as ``pycon`` code blocks.

Loaded by ``mkdocs.yml`` (mkdocstrings' ``extensions`` option); only the rendered page
changes, the docstrings and their doctests stay as they are.
"""

from __future__ import annotations

from typing import Any, List

import griffe


def fence_examples(text: str) -> str:
    """``text`` with every run of ``>>>``/``...`` lines and their expected output, up to a
    blank line, wrapped in a ``pycon`` fence.

    >>> fence_examples("Adds.\\n\\n>>> 1 + 1\\n2\\n\\nDone.").split("\\n")
    ['Adds.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'Done.']
    """
    out: List[str] = []
    in_example = False
    for line in text.split("\n"):
        if not in_example and line.lstrip().startswith(">>>"):
            out.append("```pycon")
            in_example = True
        elif in_example and not line.strip():
            out.append("```")
            in_example = False
        out.append(line)
    if in_example:
        out.append("```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    """Fences the examples of every docstring griffe loads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fence_examples(obj.docstring.value)
