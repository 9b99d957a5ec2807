"""The examples in the docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["wfm", "wfm._errors", "wfm.staffing", "wfm._wfm", "wfm.workspace", "wfm.capacity", "wfm.forecasting", "wfm.scheduling"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_every_public_function_has_an_example() -> None:
    import wfm

    for name in wfm.__all__:
        item = getattr(wfm, name)
        if callable(item) and not isinstance(item, type):
            assert ">>>" in (item.__doc__ or ""), f"wfm.{name} has no example"
