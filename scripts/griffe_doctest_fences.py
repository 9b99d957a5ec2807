"""A griffe extension for the Python API reference (docs/reference/python.md): the
doctest examples of the ``wfm`` docstrings (``>>>`` lines up to the next blank line),
written in plain reStructuredText style, shown as ``pycon`` code blocks, and the Sphinx
roles (``:class:`wfm.Workspace```) shown as code.

Loaded by ``mkdocs.yml`` (mkdocstrings' ``extensions`` option); only the rendered page
changes, the docstrings and their doctests stay as they are.
"""

from __future__ import annotations

import re
from typing import Any, List

import griffe


_FLAGS = re.compile(r"\s*#\s*doctest:.*$")


def fence_examples(text: str) -> str:
    """``text`` with every run of ``>>>``/``...`` lines and their expected output, up to a
    blank line, wrapped in a ``pycon`` fence, without their ``# doctest:`` flags.

    >>> fence_examples("Adds.\\n\\n>>> 1 + 1\\n2\\n\\nDone.").split("\\n")
    ['Adds.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'Done.']
    >>> fence_examples(">>> f()  # doctest: +SKIP").split("\\n")
    ['```pycon', '>>> f()', '```']
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
        out.append(_FLAGS.sub("", line) if in_example else line)
    if in_example:
        out.append("```")
    return "\n".join(out)


_ROLE = re.compile(r":(?:class|func|meth|mod|attr|exc|data):(`[^`]+`)")


def drop_roles(text: str) -> str:
    """``text`` with each Sphinx role written as plain inline code.

    >>> drop_roles("Returns a :class:`wfm.CapacityPlan` (see :func:`forecast`).")
    'Returns a `wfm.CapacityPlan` (see `forecast`).'
    """
    return _ROLE.sub(r"\1", text)


class DoctestFences(griffe.Extension):
    """Fences the examples and plainly shows the roles of every docstring griffe loads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fence_examples(obj.docstring.value)
        if obj.docstring is not None:
            obj.docstring.value = drop_roles(obj.docstring.value)
