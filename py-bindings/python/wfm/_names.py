"""One name per concept: the arguments of the public API use SPEC's glossary names, the
same as the staffing table's columns (``service_level_target``,
``service_level_seconds``, ``asa_target_seconds``). A former name keeps working for one
release with a ``DeprecationWarning``; errors name the argument as the caller wrote it in
the new spelling.

>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     deprecated("answer_seconds", 20, "service_level_seconds", None)
20
>>> caught[0].category.__name__
'DeprecationWarning'
"""

from __future__ import annotations

import contextlib
import functools
import re
import warnings
from typing import Any, Callable, Dict, Iterator, Mapping, TypeVar

from wfm._errors import InvalidArgumentError, InvalidInputError

__all__ = ["argument_errors", "deprecated", "public_names", "renamed"]

F = TypeVar("F", bound=Callable[..., Any])

_ARGUMENTS = "<arguments>"


def deprecated(old: str, old_value: Any, new: str, new_value: Any) -> Any:
    """The value of argument ``new``, taken from its former name ``old`` (with a
    ``DeprecationWarning``) when only that was given.

    Raises :class:`wfm.InvalidInputError` when both are given.

    >>> deprecated("service_level", None, "service_level_target", 0.8)
    0.8
    """
    if old_value is None:
        return new_value
    if new_value is not None:
        raise InvalidInputError(
            [(_ARGUMENTS, 0, old, f"give {new} only: {old} is its former name")]
        )
    warnings.warn(
        f"{old}= is deprecated and will be removed in the next release: use {new}=",
        DeprecationWarning,
        stacklevel=3,
    )
    return old_value


def _renamer(names: Mapping[str, str]) -> Any:
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    return lambda text: pattern.sub(lambda m: names[m.group(1)], text)


@contextlib.contextmanager
def public_names(names: Dict[str, str]) -> Iterator[None]:
    """Within the block, an :class:`wfm.InvalidInputError` about the arguments names
    them by their public names: ``names`` maps the extension's name to the public one.

    >>> try:
    ...     with public_names({"answer_seconds": "service_level_seconds"}):
    ...         raise InvalidInputError([("<arguments>", 0, "answer_seconds", "bad answer_seconds")])
    ... except InvalidInputError as e:
    ...     print(e.errors[0])
    <arguments>:0: service_level_seconds: bad service_level_seconds
    """
    try:
        yield
    except InvalidInputError as e:
        raise renamed(e, names) from None


def renamed(error: InvalidInputError, names: Dict[str, str]) -> InvalidInputError:
    """``error`` with its arguments named by their public names (``names`` maps the
    extension's name to the public one), as :func:`public_names` does for a block.

    >>> e = InvalidInputError([("<arguments>", 0, "asa_seconds", "must be positive")])
    >>> print(renamed(e, {"asa_seconds": "asa_target_seconds"}).errors[0])
    <arguments>:0: asa_target_seconds: must be positive
    """
    rename = _renamer(names)
    problems = [
        (p.file, p.line, _public_column(names, p.column), rename(p.reason))
        if p.file == _ARGUMENTS
        else (p.file, p.line, p.column, p.reason)
        for p in error.errors
    ]
    return InvalidInputError(problems, error.not_shown)


def _public_column(names: Dict[str, str], column: str) -> str:
    """The public name of an argument, with the element index of an array argument
    (``service_level[3]`` → ``service_level_target[3]``)."""
    name, bracket, index = column.partition("[")
    return names.get(name, name) + bracket + index


def argument_errors(**arguments: str) -> Callable[[F], F]:
    """A decorator: an :class:`wfm.InvalidArgumentError` of the decorated function about
    one of ``arguments`` (the error's ``argument`` → the Python argument's name) is
    raised as the :class:`wfm.InvalidInputError` every other function raises for that
    bad argument (``<arguments>:0: NAME: reason``).

    >>> @argument_errors(kind="kind")
    ... def f(kind):
    ...     raise InvalidArgumentError("no such kind", argument="kind", value=kind, expected="short")
    >>> try:
    ...     f("medium")
    ... except InvalidInputError as e:
    ...     print(e.errors[0])
    <arguments>:0: kind: no such kind
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except InvalidArgumentError as e:
                name = arguments.get(str(e.argument))
                if name is None:
                    raise
                raise InvalidInputError([(_ARGUMENTS, 0, name, e.message)]) from e

        return wrapper  # type: ignore[return-value]

    return decorate
