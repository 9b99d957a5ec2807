"""Progress of long calls — a tqdm bar or your callback — and Ctrl-C.

The long calls (:func:`wfm.generate_schedule`, ``ws.schedules.create``,
:func:`wfm.forecast`, :func:`wfm.capacity_plan`) take ``progress``:

- ``progress=True`` shows a ``tqdm.auto`` bar per stage (a widget in Jupyter, text on
  stderr elsewhere) when tqdm is installed; without tqdm nothing is shown;
- ``progress=fn`` calls ``fn(stage, done, total)`` after every step: a week scheduled
  (stage ``"scheduling weeks"``), a series fitted (``"fitting series"``), a day of a
  plan staffed (``"staffing the plan's days"``) and its hiring plan
  (``"planning the hiring"``). Steps of parallel work may arrive out of order.

The run stops at its next safe point (after the week in progress, before the next series
or day) when the callback raises, or on Ctrl-C — the interrupt button of Jupyter too. A
stopped schedule returns the weeks done, marked ``stopped_early`` (a warning says which
weeks are missing); a forecast or a plan, which have no meaningful part, raise the
``KeyboardInterrupt`` (or the callback's exception). A solver call in progress is not
interrupted: a week stops when its solve ends (at most its share of ``time_limit``).

>>> steps = []
>>> with watching(lambda stage, done, total: steps.append((stage, done, total))) as call:
...     call("fitting series", 1, 2)
>>> steps
[('fitting series', 1, 2)]
"""

from __future__ import annotations

import contextlib
from typing import Any, Callable, Iterator, Optional, Union

from wfm._errors import InvalidInputError

__all__ = ["Progress", "watching"]

#: What a long call's ``progress`` argument may be: ``None``/``False`` (nothing shown),
#: ``True`` (a tqdm bar) or a callable ``fn(stage, done, total)``.
Progress = Union[bool, Callable[[str, int, int], Any], None]


class _Bars:
    """One ``tqdm.auto`` bar per stage, replaced when the stage changes."""

    def __init__(self, tqdm: Any) -> None:
        self._tqdm = tqdm
        self._bar: Any = None
        self._stage: Optional[str] = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self.close()
            self._bar = self._tqdm(total=total, desc=stage)
            self._stage = stage
        bar = self._bar
        bar.total = total
        # parallel steps may arrive out of order: the bar only moves forward
        if done > bar.n:
            bar.update(done - bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
            self._stage = None


@contextlib.contextmanager
def watching(progress: Progress) -> Iterator[Optional[Callable[[str, int, int], Any]]]:
    """The callback to hand to the extension for ``progress`` (``None``: nobody
    watches), closing the bar it opened at the end.

    >>> with watching(None) as call:
    ...     call is None
    True
    """
    if progress is None or progress is False:
        yield None
        return
    if progress is True:
        try:
            from tqdm.auto import tqdm  # type: ignore[import-untyped]
        except ImportError:  # tqdm is optional: nothing shown without it
            yield None
            return
        bars = _Bars(tqdm)
        try:
            yield bars
        finally:
            bars.close()
        return
    if not callable(progress):
        raise InvalidInputError(
            [
                (
                    "<arguments>",
                    0,
                    "progress",
                    "must be True, False, None or a function (stage, done, total), "
                    f"got {progress!r:.40}",
                )
            ]
        )
    yield progress
