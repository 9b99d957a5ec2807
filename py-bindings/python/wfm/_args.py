"""Arguments of the public functions checked against their annotations, so that a bad
argument raises :class:`wfm.InvalidInputError` naming it — never a bare ``TypeError``,
``OverflowError`` or ``AttributeError`` from the conversion into Rust.

:func:`checked` wraps a function (:func:`checked_methods` every public method of a class):

- before the call, each argument is converted by its annotation: ``str`` must be a
  string; ``int`` a whole number from 0 to 2⁶³ − 1 (wfm's are counts and ids; ``bool``
  and ``3.0`` refused); ``float`` a real number
  (a string refused); ``bool`` a bool; ``Optional[X]`` ``None`` or an ``X``; a list of
  names (``List[str]``, ``Sequence[str]``) an iterable of strings, **a single string
  being one name** (``create_group("G", "1002")`` is the queue ``"1002"``, not ``"1"``,
  ``"0"``, ``"0"``, ``"2"``); a path a string or ``os.PathLike``. Other annotations
  (DataFrames, dates) are passed as given. Every problem is listed, not just the first.
- a day or an instant (the arguments named ``start``, ``end``, ``week_start``,
  ``as_of``, ``date``, ``week``) may be a ``datetime.date`` or ``datetime.datetime``:
  it becomes the text wfm reads — a date ``YYYY-MM-DD``; a datetime its UTC instant
  (a naive one is UTC), ``YYYY-MM-DD`` at midnight, else ``YYYY-MM-DDTHH:MM:SSZ``.
- a ``TypeError``, ``OverflowError`` or ``AttributeError`` the call still raises (a
  negative or huge int for a Rust ``u32`` / ``u64``, a wrong number of arguments) becomes
  an :class:`InvalidInputError` too, its message kept as the reason.

>>> @checked
... def add(names: List[str], times: int) -> List[str]:
...     return names * times
>>> add("1002", 2)
['1002', '1002']
>>> try:
...     add(["a"], "2")
... except InvalidInputError as e:
...     print(e.errors[0])
<arguments>:0: times: must be a whole number, got '2'
"""

from __future__ import annotations

import collections.abc
import datetime as _dt
import functools
import inspect
import numbers
import operator
import os
import typing
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, TypeVar, Union

from wfm._errors import InvalidInputError, WfmError

__all__ = ["checked", "checked_methods", "when"]

F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=type)

_FILE = "<arguments>"
_NONE = type(None)
# the int arguments of wfm are counts and ids (weeks, intervals, source and document ids)
_MAX_INT = 2**63 - 1
# the arguments that are a day or an instant (``datetime`` objects accepted)
_WHEN = frozenset({"start", "end", "week_start", "as_of", "date", "week"})


class _Bad(Exception):
    """One argument's problem (internal)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _names(value: Any) -> List[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (bytes, bytearray, dict)) or not isinstance(value, Iterable):
        raise _Bad(f"must be a name or a list of names, got {_show(value)}")
    names = list(value)
    for n in names:
        if not isinstance(n, str):
            raise _Bad(f"must be a list of names (strings), got the item {_show(n)}")
    return names


def _when_text(value: Any) -> Any:
    """A ``date``/``datetime`` as the text wfm reads (see the module docs); anything
    else unchanged.

    >>> _when_text(_dt.date(2024, 8, 5)), _when_text(_dt.datetime(2024, 8, 5))
    ('2024-08-05', '2024-08-05')
    >>> bogota = _dt.timezone(_dt.timedelta(hours=-5))
    >>> _when_text(_dt.datetime(2024, 8, 5, 8, 30, tzinfo=bogota))
    '2024-08-05T13:30:00Z'
    """
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        if value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


@typing.overload
def when(value: None) -> None: ...
@typing.overload
def when(value: Union[str, _dt.date]) -> str: ...
def when(value: Union[str, _dt.date, None]) -> Optional[str]:
    """A day or start as the text the extension reads (a ``checked`` function's argument
    is converted already; this says so to the type checker).

    >>> when(_dt.date(2024, 8, 5)), when("2024-08-05"), when(None)
    ('2024-08-05', '2024-08-05', None)
    """
    return typing.cast(Optional[str], _when_text(value))


def _is_path(a: Any) -> bool:
    return (
        a is os.PathLike
        or typing.get_origin(a) is os.PathLike
        or getattr(a, "__forward_arg__", "").startswith("os.PathLike")
    )


def _is_path_union(args: Tuple[Any, ...]) -> bool:
    """Whether a union is a path: ``str`` and ``os.PathLike`` and nothing else."""
    return str in args and any(_is_path(a) for a in args) and all(
        a is str or _is_path(a) for a in args
    )


def _convert(value: Any, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union:
        if value is None and _NONE in args:
            return None
        rest = tuple(a for a in args if a is not _NONE)
        if _is_path_union(rest):
            if isinstance(value, (str, os.PathLike)):
                return value
            raise _Bad(f"must be a path (a string or os.PathLike), got {_show(value)}")
        if len(rest) == 1:
            return _convert(value, rest[0])
        return value  # a union of other kinds: the callee decides
    if origin in (list, collections.abc.Sequence, collections.abc.Iterable):
        if args and args[0] is str:
            return _names(value)
        return value
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise _Bad(f"must be True or False, got {_show(value)}")
    if hint is int:
        if isinstance(value, bool) or isinstance(value, (str, bytes, float)):
            raise _Bad(f"must be a whole number, got {_show(value)}")
        try:
            number = operator.index(value)
        except TypeError:
            raise _Bad(f"must be a whole number, got {_show(value)}") from None
        if not 0 <= number <= _MAX_INT:
            raise _Bad(f"must be a whole number from 0 to {_MAX_INT}, got {number}")
        return number
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise _Bad(f"must be a number, got {_show(value)}")
        return float(value)
    if hint is str:
        if isinstance(value, str):
            return value
        raise _Bad(f"must be a string, got {_show(value)}")
    return value


def _hints(func: Callable[..., Any]) -> Dict[str, Any]:
    try:
        return typing.get_type_hints(func)
    except Exception:  # an annotation naming a type only imported for type checking
        hints = {}
        namespace = getattr(func, "__globals__", {})
        for name, text in getattr(func, "__annotations__", {}).items():
            try:
                hints[name] = eval(text, namespace) if isinstance(text, str) else text
            except Exception:
                continue
        return hints


def checked(func: F) -> F:
    """``func`` with its arguments checked (see the module docs)."""
    try:
        signature: Optional[inspect.Signature] = inspect.signature(func)
    except (TypeError, ValueError):
        signature = None
    hints = _hints(func) if signature is not None else {}
    hints.pop("return", None)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if signature is not None and hints:
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as e:
                raise InvalidInputError([(_FILE, 0, "", str(e))]) from None
            problems = []
            for name, value in list(bound.arguments.items()):
                hint = hints.get(name)
                if hint is None:
                    continue
                kind = signature.parameters[name].kind
                if kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
                    continue
                if name in _WHEN:
                    value = bound.arguments[name] = _when_text(value)
                try:
                    bound.arguments[name] = _convert(value, hint)
                except _Bad as bad:
                    problems.append((_FILE, 0, name, bad.reason))
            if problems:
                raise InvalidInputError(problems)
            args, kwargs = bound.args, bound.kwargs
        try:
            return func(*args, **kwargs)
        except WfmError:
            raise
        except (TypeError, OverflowError, AttributeError) as e:
            raise InvalidInputError([(_FILE, 0, "", str(e))]) from e

    return typing.cast(F, wrapper)


def call_checked(func: F) -> F:
    """``func`` raising :class:`wfm.InvalidInputError`, as :func:`checked` does, for a
    call that does not fit its signature, but checking no value: for a function whose
    callee checks every value itself (the extension's scalar functions), where a
    per-call signature check would cost more than the work (``wfm.staff`` in a loop).

    >>> @call_checked
    ... def f(a: int) -> int:
    ...     return a
    >>> f(b=1)
    Traceback (most recent call last):
    ...
    wfm._errors.InvalidInputError: 1 error(s) in the input, nothing was applied:
    <arguments>:0: f() got an unexpected keyword argument 'b'
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except WfmError:
            raise
        except (TypeError, OverflowError, AttributeError) as e:
            raise InvalidInputError([(_FILE, 0, "", str(e))]) from e

    return typing.cast(F, wrapper)


def checked_methods(cls: C) -> C:
    """``cls`` with ``__init__`` and every public method (static and class methods too)
    :func:`checked`."""
    for name, member in list(vars(cls).items()):
        if name.startswith("_") and name != "__init__":
            continue
        if isinstance(member, staticmethod):
            setattr(cls, name, staticmethod(checked(member.__func__)))
        elif isinstance(member, classmethod):
            setattr(cls, name, classmethod(checked(member.__func__)))
        elif inspect.isfunction(member):
            setattr(cls, name, checked(member))
    return cls
