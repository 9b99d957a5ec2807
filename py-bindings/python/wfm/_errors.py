"""The exceptions of :mod:`wfm`.

Every error wfm raises is a :class:`WfmError`. Bad input — a table cell, a missing
column, an argument out of range — raises :class:`InvalidInputError`, which lists every
problem found, each located as ``FILE:LINE: COLUMN: reason`` exactly as the ``wfm``
command line prints it. The Rust extension raises these classes; they are defined here,
in Python, so they behave like any Python exception (pickling, ``except ValueError``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, List, NamedTuple, Tuple

if TYPE_CHECKING:  # pragma: no cover
    import polars as pl

__all__ = ["InputProblem", "InsufficientDataError", "InvalidInputError", "WfmError"]


class WfmError(Exception):
    """The base class of every error raised by wfm.

    >>> import wfm
    >>> issubclass(wfm.InvalidInputError, wfm.WfmError)
    True
    """


class InsufficientDataError(WfmError):
    """The history is not enough to forecast (docs/rules/data-sufficiency.md): the message names every failed
    rule with its numbers ("5 months of history, 6 needed") and the remedies (load more
    history, load synthetic history, or upload an own forecast as override).

    >>> import wfm
    >>> issubclass(wfm.InsufficientDataError, wfm.WfmError)
    True
    """


class InputProblem(NamedTuple):
    """One problem in the input: where it is and what is wrong.

    A tuple ``(file, line, column, reason)``. ``file`` is ``"<dataframe>"`` for a table
    passed in memory and ``"<arguments>"`` for a function's arguments; ``line`` is the
    1-based line the row would have in a CSV file (line 1 is the header, so row ``i`` of
    a DataFrame is line ``i + 2``), and 0 for arguments; ``column`` is the column or
    argument name, empty when the problem is a whole row or table.

    >>> p = InputProblem("<dataframe>", 3, "volume", "must be greater than 0, got -5")
    >>> str(p)
    '<dataframe>:3: volume: must be greater than 0, got -5'
    >>> file, line, column, reason = p
    >>> line
    3
    """

    file: str
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        if self.column:
            return f"{self.file}:{self.line}: {self.column}: {self.reason}"
        return f"{self.file}:{self.line}: {self.reason}"


class InvalidInputError(WfmError, ValueError):
    """The input has errors; every one of them is listed and nothing was computed.

    ``errors`` is the list of :class:`InputProblem` in input order (header problems
    first, then row by row); ``str(error)`` prints one per line as
    ``FILE:LINE: COLUMN: reason``; :meth:`to_frame` gives them as a polars DataFrame.
    A file with very many problems lists the first ones: ``not_shown`` counts the others
    (``total`` is all of them).

    >>> import wfm
    >>> try:
    ...     wfm.staff(volume=-5, aht_seconds=180, asa_seconds=15)
    ... except wfm.InvalidInputError as e:
    ...     print(e)
    ...     print(e.errors[0].column)
    1 error(s) in the input, nothing was applied:
    <arguments>:0: volume: must be 0 or greater, got -5
    volume
    """

    errors: List[InputProblem]
    not_shown: int

    def __init__(self, errors: Iterable[Tuple[str, int, str, str]], not_shown: int = 0) -> None:
        self.errors = [InputProblem(*e) for e in errors]
        self.not_shown = int(not_shown)
        lines = "\n".join(str(e) for e in self.errors)
        if self.not_shown:
            lines += f"\n… and {self.not_shown} more error(s) not shown"
        super().__init__(
            f"{self.total} error(s) in the input, nothing was applied:\n{lines}"
        )

    @property
    def total(self) -> int:
        """How many problems there are, listed or not.

        >>> import wfm
        >>> e = wfm.InvalidInputError([("a.csv", 2, "TimeStamp", "not a time")], not_shown=4)
        >>> len(e.errors), e.total
        (1, 5)
        """
        return len(self.errors) + self.not_shown

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), ([tuple(e) for e in self.errors], self.not_shown))

    def to_frame(self) -> pl.DataFrame:
        """The problems as a polars DataFrame with columns file, line, column, reason.

        >>> import wfm
        >>> e = wfm.InvalidInputError([("<dataframe>", 2, "aht_seconds", "missing value")])
        >>> e.to_frame().row(0)
        ('<dataframe>', 2, 'aht_seconds', 'missing value')
        """
        import polars as pl

        return pl.DataFrame(
            [tuple(e) for e in self.errors],
            schema={"file": pl.String, "line": pl.Int64, "column": pl.String, "reason": pl.String},
            orient="row",
        )
