"""The planning workspace: one SQLite file holding a team's queues, forecast groups and
history (later forecasts, plans and schedules), shared with the ``wfm`` command line.

>>> import tempfile, pathlib, wfm
>>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.wfm"
>>> ws = wfm.Workspace.create(path, interval=30, time_zone="America/New_York")
>>> ws.create_group("Service", ["1002"])
['1002']
>>> ws.interval, ws.time_zone
(30, 'America/New_York')
>>> wfm.Workspace(path).groups()
{'Service': ['1002']}

Every change is one transaction: an import with any error raises
:class:`wfm.InvalidInputError` listing each problem as ``FILE:LINE: COLUMN: reason``
(``error.to_frame()`` gives them as a table) and leaves the workspace as it was.
"""

from __future__ import annotations

import io
import os
import warnings as _warnings
from typing import Dict, List, NamedTuple, Optional, Tuple, Union

import polars as pl

from wfm import _wfm
from wfm._args import checked_methods

__all__ = ["ImportResult", "Sufficiency", "Workspace"]

PathLike = Union[str, "os.PathLike[str]"]

_SOURCE_SCHEMA = {
    "source": pl.Int64,
    "file": pl.String,
    "kind": pl.String,
    "rows": pl.Int64,
    "first": pl.String,
    "last": pl.String,
    "contacts": pl.Int64,
    "loaded_at": pl.String,
}

_QUEUE_SCHEMA = {
    "id": pl.String,
    "name": pl.String,
    "active": pl.Boolean,
    "channels": pl.String,
    "group": pl.String,
    "time_zone": pl.String,
}


_VERSION_SCHEMA = {
    "id": pl.Int64,
    "group": pl.String,
    "kind": pl.String,
    "status": pl.String,
    "created": pl.String,
    "published": pl.String,
    "from": pl.String,
    "to": pl.String,
    "series": pl.Int64,
    "models": pl.String,
    "volume": pl.Float64,
}

_COMPARE_SCHEMA = {
    "queue": pl.String,
    "name": pl.String,
    "channel": pl.String,
    "computed": pl.Float64,
    "published": pl.Float64,
    "steps": pl.Int64,
    "actual": pl.Float64,
    "wape": pl.Float64,
    "bias": pl.Float64,
    "published_wape": pl.Float64,
    "published_bias": pl.Float64,
}


def _utc_created(df: pl.DataFrame) -> pl.DataFrame:
    return _utc_columns(df, ["created", "published", "from", "to"])


def _utc_columns(df: pl.DataFrame, names: List[str]) -> pl.DataFrame:
    """Parses ISO 8601 ``...Z`` text columns to UTC datetimes (empty text → null)."""
    return df.with_columns(
        pl.when(pl.col(n) == "")
        .then(None)
        .otherwise(pl.col(n))
        .str.to_datetime("%Y-%m-%dT%H:%M:%SZ", time_zone="UTC")
        .alias(n)
        for n in names
    )


def _sources_frame(rows: list) -> pl.DataFrame:
    df = pl.DataFrame(rows, schema=_SOURCE_SCHEMA, orient="row")
    return _utc_columns(df, ["first", "last", "loaded_at"])


class ImportResult(NamedTuple):
    """What an import stored: the new source (a one-row DataFrame like
    :meth:`Workspace.sources`), the ``(id, name)`` of queues met for the first time and
    the warnings (rows with an implausible volume, ``FILE:LINE: COLUMN: reason``: kept,
    but left out of forecasts)."""

    source: pl.DataFrame
    new_queues: List[tuple]
    warnings: List[str] = []

    @property
    def source_id(self) -> int:
        """The id of the new source (for :meth:`Workspace.remove_source`).

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> ws.import_history("data/sample/intervals_30min.csv").source_id
        1
        """
        return int(self.source["source"][0])

    @property
    def rows(self) -> int:
        """History records stored.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> ws.import_history("data/sample/daily.csv").rows
        2376
        """
        return int(self.source["rows"][0])


@checked_methods
class Workspace:
    """A planning workspace file, opened (``Workspace(path)``) or created
    (:meth:`Workspace.create`).

    Raises :class:`wfm.NotFoundError` if there is no workspace at ``path``.
    """

    def __init__(self, path: PathLike) -> None:
        self._ws = _wfm._Workspace(os.fspath(path))

    @classmethod
    def create(
        cls, path: PathLike, interval: int, time_zone: Optional[str] = None
    ) -> "Workspace":
        """Creates a workspace file with its interval (15 or 30 minutes, immutable) and
        time zone (an IANA name; UTC by default). Fails if the file exists.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> ws.interval, ws.time_zone
        (30, 'UTC')
        """
        self = cls.__new__(cls)
        self._ws = _wfm._Workspace.create(os.fspath(path), interval, time_zone)
        return self

    @staticmethod
    def upgrade(path: PathLike) -> Optional[Tuple[int, int]]:
        """Upgrades the workspace file at ``path`` to this wfm's schema, in one
        transaction, and returns the schema versions ``(before, after)`` (``None`` if it
        was current). ``Workspace(path)`` refuses an older schema rather than upgrading
        it silently; older wfm versions cannot open the file afterwards.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> wfm.Workspace.upgrade(ws.path) is None  # already current
        True
        """
        return _wfm._Workspace.upgrade(os.fspath(path))

    def __repr__(self) -> str:
        return f"Workspace({self.path!r}, interval={self.interval}, time_zone={self.time_zone!r})"

    @property
    def path(self) -> str:
        """The workspace file.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> ws.path.endswith("plan.wfm")
        True
        """
        return self._ws.settings()[0]

    @property
    def interval(self) -> int:
        """The interval in minutes (15 or 30).

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> ws.interval
        30
        """
        return self._ws.settings()[1]

    @property
    def time_zone(self) -> str:
        """The IANA time zone schedules are shown in (history stays UTC).

        >>> import tempfile, pathlib, wfm
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.wfm"
        >>> wfm.Workspace.create(path, interval=15, time_zone="Europe/Berlin").time_zone
        'Europe/Berlin'
        """
        return self._ws.settings()[2]

    # queues and forecast groups -----------------------------------------------------

    def queues(self) -> pl.DataFrame:
        """Every queue: ``id``, ``name``, ``active``, ``channels`` (``VOICE,CHAT``),
        ``group`` (null when in no forecast group) and ``time_zone`` (null: the
        workspace's).

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> ws.queues().select("id", "name", "group").rows()
        [('1001', 'Sales', 'Sales'), ('1002', 'Support', None), ('1003', 'Billing', None)]
        """
        df = pl.DataFrame(self._ws.queues(), schema=_QUEUE_SCHEMA, orient="row")
        return df.with_columns(
            pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c)
            for c in ("group", "time_zone")
        )

    def set_queue_time_zone(self, queue: str, time_zone: Optional[str] = None) -> None:
        """Sets the IANA time zone a queue's intraday pattern is forecast in
        (``None``: the workspace's); the next forecast computation uses it.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> ws.set_queue_time_zone("1001", "America/New_York")
        >>> ws.queues()["time_zone"][0]
        'America/New_York'
        """
        self._ws.set_queue_time_zone(queue, time_zone)

    def set_queue_active(self, queue: str, active: bool = True) -> None:
        """Deactivates (``active=False``) or reactivates a queue; it may stay in its group.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> ws.set_queue_active("1003", active=False)
        >>> ws.queues()["active"].to_list()
        [True, True, False]
        """
        self._ws.set_queue_active(queue, active)

    def groups(self) -> Dict[str, List[str]]:
        """Every forecast group: name → queue ids.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> ws.groups()
        {'Sales': ['1001']}
        """
        return dict(self._ws.groups())

    def create_group(self, name: str, queues: List[str]) -> List[str]:
        """Creates a forecast group of ``queues`` (each in no other group; a single
        string is one queue); returns the queue ids the workspace did not know yet.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> ws.create_group("Service", ["1002", "1003"])
        ['1002', '1003']
        >>> ws.groups()
        {'Service': ['1002', '1003']}
        """
        return self._ws.create_group(name, queues)

    def edit_group(
        self,
        name: str,
        *,
        add: Optional[List[str]] = None,
        remove: Optional[List[str]] = None,
        rename: Optional[str] = None,
    ) -> List[str]:
        """Adds or removes queues, or renames a group (this changes the history baseline
        of its forecasts); returns newly registered queue ids.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> ws.edit_group("Sales", add=["1003"], rename="Sales and billing")
        []
        >>> ws.groups()
        {'Sales and billing': ['1001', '1003']}
        """
        return self._ws.edit_group(name, list(add or []), list(remove or []), rename)

    def delete_group(self, name: str) -> None:
        """Deletes a forecast group; its queues become unassigned.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> ws.delete_group("Sales")
        >>> ws.groups()
        {}
        """
        self._ws.delete_group(name)

    # history ------------------------------------------------------------------------

    def import_history(self, path: PathLike, raw: Optional[str] = None) -> ImportResult:
        """Loads a history CSV (docs/formats/history-csv.md) as a new source, all or nothing; the newest
        source wins record by record. ``.jsonl``/``.ndjson`` files are raw contact
        records; ``raw="csv"`` reads a CSV of raw contact records (docs/formats/raw-contacts.md).

        Raises :class:`wfm.InvalidInputError` listing every problem of the file.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> result = ws.import_history("data/sample/intervals_30min.csv")
        >>> result.rows, result.new_queues
        (114336, [('1001', 'Sales'), ('1002', 'Support'), ('1003', 'Billing')])
        """
        row, new, warnings = self._ws.import_history(os.fspath(path), raw)
        for w in warnings:
            _warnings.warn(w, UserWarning, stacklevel=2)
        return ImportResult(_sources_frame([row]), list(new), list(warnings))

    def sources(self) -> pl.DataFrame:
        """The loaded history sources in load order: ``source`` (id), ``file``, ``kind``,
        ``rows``, ``first``/``last`` record start, ``contacts``, ``loaded_at``.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> _ = ws.import_history("data/sample/daily.csv")
        >>> ws.sources().select("source", "kind", "rows").rows()
        [(1, ...), (2, ...)]
        """
        return _sources_frame(self._ws.sources())

    def remove_source(self, source_id: int) -> pl.DataFrame:
        """Removes a source: what it covered falls back, record by record, to the next
        most recent source. Returns the removed source's row.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> daily = ws.import_history("data/sample/daily.csv")
        >>> ws.remove_source(daily.source_id)["rows"].to_list()
        [2376]
        >>> ws.sources().height
        1
        """
        return _sources_frame([self._ws.remove_source(source_id)])

    def history(self, group: Optional[str] = None, queue: Optional[str] = None) -> pl.DataFrame:
        """The effective history baseline (every queue, a group's, or one queue's) with the
        history CSV columns, ``TimeStamp`` as a UTC datetime.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> df = ws.history(queue="1001")
        >>> df.height, str(df["TimeStamp"].dtype)
        (38112, "Datetime(time_unit='ms', time_zone='UTC')")
        """
        data = self._ws.history_parquet(group, queue)
        df = pl.read_parquet(io.BytesIO(data))
        return df.with_columns(pl.col("TimeStamp").dt.replace_time_zone("UTC"))

    def export_history(
        self, path: PathLike, group: Optional[str] = None, queue: Optional[str] = None
    ) -> int:
        """Writes the effective baseline to a ``.csv`` (the history CSV format, imports back as is) or
        ``.parquet`` file; returns the rows written.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> ws.export_history(ws.path + ".sales.csv", group="Sales")
        38112
        """
        return self._ws.export_history(os.fspath(path), group, queue)

    def check_sufficiency(
        self, group: Optional[str] = None, as_of: Optional[str] = None
    ) -> "Sufficiency":
        """Data sufficiency (docs/rules/data-sufficiency.md) over the queues of every forecast group (or one
        group) as of a date ``YYYY-MM-DD`` (default now), short- and long-term.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> _ = ws.import_history("data/sample/daily.csv")
        >>> check = ws.check_sufficiency("Sales", as_of="2024-08-01")
        >>> check.passed, sorted(check.report)[:2]
        (True, ['groups', 'long_term'])
        """
        import json

        passed, report, text = self._ws.check_sufficiency(group, as_of)
        return Sufficiency(passed, json.loads(report), text)

    # -- forecasts: last computed and last published per group and kind --------

    def compute_forecast(
        self,
        group: str,
        kind: str,
        start: Optional[str] = None,
        weeks: Optional[int] = None,
    ) -> int:
        """Computes the group's ``"short"`` or ``"long"`` forecast from the workspace
        history (``start`` ``YYYY-MM-DD[THH:MM:SSZ]``, default after the history; weeks
        default 18 short, 78 long); it replaces the last computed (unpublished) version.
        Returns the document id.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> ws.compute_forecast("Sales", "short", weeks=1)
        1
        >>> ws.forecasts()["status"].to_list()
        ['draft']
        """
        return self._ws.compute_forecast(group, kind, start, weeks)[0]

    def publish_forecast(self, group: str, kind: str) -> int:
        """Publishes the last computed forecast (the previous published one is deleted
        unless a published plan or schedule uses it); returns its document id.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> _ = ws.compute_forecast("Sales", "short", weeks=1)
        >>> ws.publish_forecast("Sales", "short")
        1
        >>> ws.forecasts()["status"].to_list()
        ['published']
        """
        return self._ws.publish_forecast(group, kind)[0]

    def forecasts(self) -> pl.DataFrame:
        """Every forecast version: id, group, kind, status, created, published, from, to,
        series, models, volume.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> _ = ws.compute_forecast("Sales", "short", weeks=1)
        >>> ws.forecasts().select("id", "group", "kind", "status").rows()
        [(1, 'Sales', 'short', 'draft')]
        """
        df = pl.DataFrame(self._ws.forecasts(), schema=_VERSION_SCHEMA, orient="row")
        return _utc_created(df)

    def forecast(
        self, group: str, kind: str, published: bool = False, overrides: bool = True
    ) -> pl.DataFrame:
        """The last computed (or published) forecast, with the group's overrides unless
        ``overrides=False``: the forecast CSV's columns plus P10/P50/P90, ``TimeStamp``
        as a UTC datetime.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> _ = ws.compute_forecast("Sales", "short", weeks=1)
        >>> df = ws.forecast("Sales", "short")
        >>> df.height, df.columns[-3:]
        (672, ['P10', 'P50', 'P90'])
        """
        data = self._ws.forecast_parquet(group, kind, published, overrides)
        df = pl.read_parquet(io.BytesIO(data))
        return df.with_columns(
            pl.col("TimeStamp").str.to_datetime("%Y-%m-%dT%H:%M:%SZ", time_zone="UTC")
        )

    def compare_forecast(self, group: str, kind: str) -> pl.DataFrame:
        """Last computed vs last published totals per queue × channel, and actuals vs
        each where history overlaps (steps, actual, WAPE, bias).

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> _ = ws.compute_forecast("Sales", "short", weeks=1)
        >>> _ = ws.publish_forecast("Sales", "short")
        >>> _ = ws.compute_forecast("Sales", "short", weeks=1)
        >>> ws.compare_forecast("Sales", "short").select("queue", "channel").rows()
        [('1001', ...)...]
        """
        return pl.DataFrame(self._ws.compare_forecast(group, kind), schema=_COMPARE_SCHEMA, orient="row")

    def upload_forecast_override(self, group: str, overrides: Union[PathLike, pl.DataFrame]) -> int:
        """Stores the group's override file (a path, or a DataFrame with the forecast
        CSV's columns); it wholly replaces the previous one. Raises
        :class:`wfm.InvalidInputError` naming every problem, storing nothing. Returns the
        rows stored.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> _ = ws.compute_forecast("Sales", "short", weeks=1)
        >>> fc = ws.forecast("Sales", "short").head(1).drop("P10", "P50", "P90")
        >>> ws.upload_forecast_override("Sales", fc.with_columns(IncomingContactVolume=500))
        1
        >>> ws.forecast("Sales", "short")["IncomingContactVolume"][0]
        500.0
        """
        if isinstance(overrides, pl.DataFrame):
            df = overrides
            if isinstance(df.schema.get("TimeStamp"), pl.Datetime):
                df = df.with_columns(pl.col("TimeStamp").dt.strftime("%Y-%m-%dT%H:%M:%SZ"))
            return self._ws.upload_forecast_override(group, "<dataframe>", df.write_csv())
        with open(os.fspath(overrides), encoding="utf-8") as f:
            text = f.read()
        return self._ws.upload_forecast_override(group, os.fspath(overrides), text)

    def remove_forecast_override(self, group: str) -> None:
        """Removes the group's override file.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> _ = ws.compute_forecast("Sales", "short", weeks=1)
        >>> fc = ws.forecast("Sales", "short").head(1).drop("P10", "P50", "P90")
        >>> _ = ws.upload_forecast_override("Sales", fc.with_columns(IncomingContactVolume=500))
        >>> ws.remove_forecast_override("Sales")
        >>> ws.forecast("Sales", "short")["IncomingContactVolume"][0] == 500.0
        False
        """
        self._ws.remove_forecast_override(group)

    def export_forecast(
        self,
        group: str,
        kind: str,
        path: PathLike,
        published: bool = False,
        overrides: bool = True,
    ) -> int:
        """Writes the forecast download CSV (round-trips as an override file); returns
        the rows written.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> _ = ws.compute_forecast("Sales", "short", weeks=1)
        >>> ws.export_forecast("Sales", "short", ws.path + ".forecast.csv")
        672
        """
        return self._ws.export_forecast(group, kind, os.fspath(path), published, overrides)

    def backtest(self, group: str, kind: str) -> pl.DataFrame:
        """Rolling-origin backtests per series from the workspace history: WAPE, MASE,
        bias and P10–P90 coverage.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> _ = ws.compute_forecast("Sales", "short", weeks=1)
        >>> bt = ws.backtest("Sales", "short")
        >>> bt.height > 0
        True
        """
        return pl.read_parquet(io.BytesIO(self._ws.backtest_parquet(group, kind)))

    def refresh_forecasts(self) -> pl.DataFrame:
        """Recomputes what is due (short-term daily, long-term weekly on the weekday it
        was created, any forecast whose history or group queues changed): one row per
        group and kind with the reason (empty: up to date) and any error.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> _ = ws.compute_forecast("Sales", "short", weeks=1)
        >>> ws.refresh_forecasts().columns
        ['group', 'kind', 'reason', 'error']
        """
        return pl.DataFrame(
            self._ws.refresh_forecasts(),
            schema={"group": pl.String, "kind": pl.String, "reason": pl.String, "error": pl.String},
            orient="row",
        )


    # -- capacity plans -----------------------------------------------------------

    def create_scenario(self, path: PathLike, group: str = "*") -> str:
        """Stores a scenario TOML file (as ``data/scenarios/capacity_base.toml``) for a
        group (``"*"``: every group); returns its name. Raises
        :class:`wfm.InvalidInputError` naming the line and field of a bad value.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> ws.create_scenario("data/scenarios/capacity_base.toml")
        'Base 2025'
        """
        return _wfm.plan_scenario_create(self._ws, os.fspath(path), group)[1]

    def scenarios(self) -> pl.DataFrame:
        """Every stored scenario: id, name, group, status, created, published, summary.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.create_scenario("data/scenarios/capacity_base.toml")
        >>> ws.scenarios().select("name", "group", "status").rows()
        [('Base 2025', '*', 'draft')]
        """
        return _documents(_wfm.plan_documents(self._ws, "scenario"))

    def import_fte(self, path: PathLike) -> pl.DataFrame:
        """Imports the FTE and shrinkage CSV (every FORECAST_GROUP must be a group of the
        workspace; nothing is stored on error); one row per group loaded.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> for kind, weeks in (("long", 8), ("short", 2)):
        ...     _ = ws.compute_forecast("Sales", kind, weeks=weeks)
        ...     _ = ws.publish_forecast("Sales", kind)
        >>> ws.create_scenario("data/scenarios/capacity_base.toml")
        'Base 2025'
        >>> fte = ws.path + ".fte.csv"
        >>> _ = pathlib.Path(fte).write_text("FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,"
        ...     "OUT_OFFICE_SHRINKAGE\\nSales,2024-08-05T00:00:00Z,40,0.1,0.1\\n")
        >>> _ = ws.import_fte(fte)
        >>> ws.import_fte(fte).select("group", "status").rows()
        [('Sales', 'draft')]
        """
        return _documents(_wfm.plan_fte_import(self._ws, os.fspath(path)))

    def create_plan(
        self,
        name: str,
        group: str,
        scenario: str,
        start: str,
        weeks: int = 78,
        description: str = "",
    ) -> None:
        """Creates a plan from the group's latest published long- and short-term
        forecasts, the scenario and the group's latest FTE load.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> for kind, weeks in (("long", 8), ("short", 2)):
        ...     _ = ws.compute_forecast("Sales", kind, weeks=weeks)
        ...     _ = ws.publish_forecast("Sales", kind)
        >>> ws.create_scenario("data/scenarios/capacity_base.toml")
        'Base 2025'
        >>> fte = ws.path + ".fte.csv"
        >>> _ = pathlib.Path(fte).write_text("FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,"
        ...     "OUT_OFFICE_SHRINKAGE\\nSales,2024-08-05T00:00:00Z,40,0.1,0.1\\n")
        >>> _ = ws.import_fte(fte)
        >>> ws.create_plan("Budget", "Sales", "Base 2025", "2024-08-05", weeks=4)
        >>> ws.plans()["name"].to_list()
        ['Budget']
        """
        _wfm.plan_create(self._ws, name, group, scenario, start, weeks, description)

    def plans(self) -> pl.DataFrame:
        """Every plan: id, name, group, status, created, published, summary.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> for kind, weeks in (("long", 8), ("short", 2)):
        ...     _ = ws.compute_forecast("Sales", kind, weeks=weeks)
        ...     _ = ws.publish_forecast("Sales", kind)
        >>> ws.create_scenario("data/scenarios/capacity_base.toml")
        'Base 2025'
        >>> fte = ws.path + ".fte.csv"
        >>> _ = pathlib.Path(fte).write_text("FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,"
        ...     "OUT_OFFICE_SHRINKAGE\\nSales,2024-08-05T00:00:00Z,40,0.1,0.1\\n")
        >>> _ = ws.import_fte(fte)
        >>> ws.create_plan("Budget", "Sales", "Base 2025", "2024-08-05", weeks=4)
        >>> ws.plans().select("name", "group", "status").rows()
        [('Budget', 'Sales', 'draft')]
        """
        return _documents(_wfm.plan_documents(self._ws, "plan"))

    def plan(self, name: str, monthly: bool = False) -> pl.DataFrame:
        """A plan's weeks (or months) with the columns of ``plan_weekly.csv``.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> for kind, weeks in (("long", 8), ("short", 2)):
        ...     _ = ws.compute_forecast("Sales", kind, weeks=weeks)
        ...     _ = ws.publish_forecast("Sales", kind)
        >>> ws.create_scenario("data/scenarios/capacity_base.toml")
        'Base 2025'
        >>> fte = ws.path + ".fte.csv"
        >>> _ = pathlib.Path(fte).write_text("FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,"
        ...     "OUT_OFFICE_SHRINKAGE\\nSales,2024-08-05T00:00:00Z,40,0.1,0.1\\n")
        >>> _ = ws.import_fte(fte)
        >>> ws.create_plan("Budget", "Sales", "Base 2025", "2024-08-05", weeks=4)
        >>> ws.plan("Budget")["period_start"].to_list()
        ['2024-08-05', '2024-08-12', '2024-08-19', '2024-08-26']
        >>> ws.plan("Budget", monthly=True)["period_start"].to_list()
        ['2024-08-05', '2024-09-01']
        """
        periods, _ = _wfm.plan_periods(self._ws, name, monthly)
        return pl.read_parquet(io.BytesIO(periods))

    def plan_hiring(self, name: str) -> Optional[pl.DataFrame]:
        """A plan's hiring plan week by week (``None`` without a ``[hiring]`` policy).

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> for kind, weeks in (("long", 8), ("short", 2)):
        ...     _ = ws.compute_forecast("Sales", kind, weeks=weeks)
        ...     _ = ws.publish_forecast("Sales", kind)
        >>> ws.create_scenario("data/scenarios/capacity_base.toml")
        'Base 2025'
        >>> fte = ws.path + ".fte.csv"
        >>> _ = pathlib.Path(fte).write_text("FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,"
        ...     "OUT_OFFICE_SHRINKAGE\\nSales,2024-08-05T00:00:00Z,40,0.1,0.1\\n")
        >>> _ = ws.import_fte(fte)
        >>> ws.create_plan("Budget", "Sales", "Base 2025", "2024-08-05", weeks=4)
        >>> ws.plan_hiring("Budget") is None  # the scenario has no [hiring] policy
        True
        """
        _, hiring = _wfm.plan_periods(self._ws, name, False)
        return pl.read_parquet(io.BytesIO(hiring)) if hiring else None

    def override_plan(self, name: str, path: PathLike) -> None:
        """Overrides a draft plan's required FTE without shrinkage from an override CSV;
        dependent rows recompute, the computed values stay in ``required_fte_original``.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> for kind, weeks in (("long", 8), ("short", 2)):
        ...     _ = ws.compute_forecast("Sales", kind, weeks=weeks)
        ...     _ = ws.publish_forecast("Sales", kind)
        >>> ws.create_scenario("data/scenarios/capacity_base.toml")
        'Base 2025'
        >>> fte = ws.path + ".fte.csv"
        >>> _ = pathlib.Path(fte).write_text("FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,"
        ...     "OUT_OFFICE_SHRINKAGE\\nSales,2024-08-05T00:00:00Z,40,0.1,0.1\\n")
        >>> _ = ws.import_fte(fte)
        >>> ws.create_plan("Budget", "Sales", "Base 2025", "2024-08-05", weeks=4)
        >>> override = ws.path + ".override.csv"
        >>> _ = pathlib.Path(override).write_text("2024-08-12\\n50\\n")  # week starts, then required FTE
        >>> ws.override_plan("Budget", override)
        >>> ws.plan("Budget")["required_fte"][1]
        50.0
        """
        _wfm.plan_override(self._ws, name, os.fspath(path))

    def rerun_plan(
        self,
        name: str,
        start: Optional[str] = None,
        weeks: Optional[int] = None,
        scenario: Optional[str] = None,
    ) -> None:
        """Re-runs a draft plan with a new start, weeks or scenario, or to pick up a newer
        published forecast; refused when nothing changed.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> for kind, weeks in (("long", 8), ("short", 2)):
        ...     _ = ws.compute_forecast("Sales", kind, weeks=weeks)
        ...     _ = ws.publish_forecast("Sales", kind)
        >>> ws.create_scenario("data/scenarios/capacity_base.toml")
        'Base 2025'
        >>> fte = ws.path + ".fte.csv"
        >>> _ = pathlib.Path(fte).write_text("FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,"
        ...     "OUT_OFFICE_SHRINKAGE\\nSales,2024-08-05T00:00:00Z,40,0.1,0.1\\n")
        >>> _ = ws.import_fte(fte)
        >>> ws.create_plan("Budget", "Sales", "Base 2025", "2024-08-05", weeks=4)
        >>> ws.rerun_plan("Budget", weeks=2)
        >>> ws.plan("Budget").height
        2
        """
        _wfm.plan_rerun(self._ws, name, start, weeks, scenario)

    def publish_plan(self, name: str) -> None:
        """Publishes a plan: final, immutable.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> for kind, weeks in (("long", 8), ("short", 2)):
        ...     _ = ws.compute_forecast("Sales", kind, weeks=weeks)
        ...     _ = ws.publish_forecast("Sales", kind)
        >>> ws.create_scenario("data/scenarios/capacity_base.toml")
        'Base 2025'
        >>> fte = ws.path + ".fte.csv"
        >>> _ = pathlib.Path(fte).write_text("FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,"
        ...     "OUT_OFFICE_SHRINKAGE\\nSales,2024-08-05T00:00:00Z,40,0.1,0.1\\n")
        >>> _ = ws.import_fte(fte)
        >>> ws.create_plan("Budget", "Sales", "Base 2025", "2024-08-05", weeks=4)
        >>> ws.publish_plan("Budget")
        >>> ws.plans()["status"].to_list()
        ['published']
        """
        _wfm.plan_publish(self._ws, name)

    def export_plan(self, name: str, output: PathLike) -> List[str]:
        """Writes ``plan_weekly.csv``, ``plan_monthly.csv`` and ``plan.xlsx``; returns
        their paths.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> for kind, weeks in (("long", 8), ("short", 2)):
        ...     _ = ws.compute_forecast("Sales", kind, weeks=weeks)
        ...     _ = ws.publish_forecast("Sales", kind)
        >>> ws.create_scenario("data/scenarios/capacity_base.toml")
        'Base 2025'
        >>> fte = ws.path + ".fte.csv"
        >>> _ = pathlib.Path(fte).write_text("FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,"
        ...     "OUT_OFFICE_SHRINKAGE\\nSales,2024-08-05T00:00:00Z,40,0.1,0.1\\n")
        >>> _ = ws.import_fte(fte)
        >>> ws.create_plan("Budget", "Sales", "Base 2025", "2024-08-05", weeks=4)
        >>> [pathlib.Path(p).name for p in ws.export_plan("Budget", tempfile.mkdtemp())]
        ['plan_weekly.csv', 'plan_monthly.csv', 'plan.xlsx']
        """
        return _wfm.plan_export(self._ws, name, os.fspath(output))

    # -- scheduling -------------------------------------------------------------

    def import_scenario(self, path: PathLike) -> int:
        """Imports a scheduling scenario TOML (as ``data/scenarios/schedule_example.toml``:
        activities, shift profiles, staffing groups, staff rules and the request) as the
        workspace's scheduling configuration; returns its document id. Raises
        :class:`wfm.WfmError` naming the item and field of a bad value (nothing stored).

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Support", ["1002"])
        >>> _ = ws.compute_forecast("Support", "short", weeks=2)
        >>> _ = ws.publish_forecast("Support", "short")
        >>> toml = pathlib.Path(ws.path + ".toml")  # the example configuration, moved to this history's week
        >>> _ = toml.write_text(pathlib.Path("data/scenarios/schedule_example.toml").read_text()
        ...     .replace("2026-03-02", "2024-08-05").replace("2026-03-08", "2024-08-11"))
        >>> ws.import_scenario(toml)
        2
        """
        return _wfm.schedule_scenario_import(self._ws, os.fspath(path))[0]

    def export_scenario(self, path: Optional[PathLike] = None) -> str:
        """The scheduling configuration as scenario TOML (imports back unchanged);
        also written to ``path`` when given.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Support", ["1002"])
        >>> _ = ws.compute_forecast("Support", "short", weeks=2)
        >>> _ = ws.publish_forecast("Support", "short")
        >>> toml = pathlib.Path(ws.path + ".toml")  # the example configuration, moved to this history's week
        >>> _ = toml.write_text(pathlib.Path("data/scenarios/schedule_example.toml").read_text()
        ...     .replace("2026-03-02", "2024-08-05").replace("2026-03-08", "2024-08-11"))
        >>> _ = ws.import_scenario(toml)
        >>> text = ws.export_scenario()
        >>> 'forecast_group = "Support"' in text
        True
        """
        return _wfm.schedule_scenario_export(
            self._ws, None if path is None else os.fspath(path)
        )

    def scenario_blocks(self) -> Dict[str, List[str]]:
        """The configuration's building blocks: names per kind (``activities``,
        ``profiles``, ``staffing groups``, ``staff rules``, ``agents``).

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Support", ["1002"])
        >>> _ = ws.compute_forecast("Support", "short", weeks=2)
        >>> _ = ws.publish_forecast("Support", "short")
        >>> toml = pathlib.Path(ws.path + ".toml")  # the example configuration, moved to this history's week
        >>> _ = toml.write_text(pathlib.Path("data/scenarios/schedule_example.toml").read_text()
        ...     .replace("2026-03-02", "2024-08-05").replace("2026-03-08", "2024-08-11"))
        >>> _ = ws.import_scenario(toml)
        >>> ws.scenario_blocks()["staffing groups"]
        ['Day team', 'Evening team']
        """
        return dict(_wfm.schedule_scenario_blocks(self._ws)[4])

    def create_schedule(
        self,
        group: Optional[str] = None,
        week_start: Optional[str] = None,
        name: Optional[str] = None,
        channel: str = "VOICE",
        time_limit: float = 60.0,
        gap: float = 0.01,
    ) -> int:
        """Generates a draft schedule from the configuration and the forecast group's
        published short-term forecast (default: the request's first staffing group and
        week); returns its id.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Support", ["1002"])
        >>> _ = ws.compute_forecast("Support", "short", weeks=2)
        >>> _ = ws.publish_forecast("Support", "short")
        >>> toml = pathlib.Path(ws.path + ".toml")  # the example configuration, moved to this history's week
        >>> _ = toml.write_text(pathlib.Path("data/scenarios/schedule_example.toml").read_text()
        ...     .replace("2026-03-02", "2024-08-05").replace("2026-03-08", "2024-08-11"))
        >>> _ = ws.import_scenario(toml)
        >>> sid = ws.create_schedule(time_limit=10)
        >>> ws.schedule(sid)["status"]
        'draft'
        """
        row = _wfm.schedule_create(self._ws, group, week_start, name, channel, time_limit, gap)
        return int(row[0])

    def schedules(self) -> pl.DataFrame:
        """Every schedule: id, name, forecast_group, staffing_groups, from, to, status,
        created, published, summary.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Support", ["1002"])
        >>> _ = ws.compute_forecast("Support", "short", weeks=2)
        >>> _ = ws.publish_forecast("Support", "short")
        >>> toml = pathlib.Path(ws.path + ".toml")  # the example configuration, moved to this history's week
        >>> _ = toml.write_text(pathlib.Path("data/scenarios/schedule_example.toml").read_text()
        ...     .replace("2026-03-02", "2024-08-05").replace("2026-03-08", "2024-08-11"))
        >>> _ = ws.import_scenario(toml)
        >>> sid = ws.create_schedule(time_limit=10)
        >>> ws.schedules().select("forecast_group", "status").rows()
        [('Support', 'draft')]
        """
        df = pl.DataFrame(_wfm.schedule_list(self._ws), schema=_SCHEDULE_SCHEMA, orient="row")
        return _utc_columns(df, ["created", "published"]).with_columns(
            pl.col("from").str.to_date(), pl.col("to").str.to_date()
        )

    def schedule(self, schedule_id: int) -> dict:
        """A schedule's summary: its row's fields plus agents, agents_scheduled, shifts,
        paid_hours, short_intervals, unassigned_shifts, warnings, violations (what the
        validator finds now), forecast_id and scenario_id.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Support", ["1002"])
        >>> _ = ws.compute_forecast("Support", "short", weeks=2)
        >>> _ = ws.publish_forecast("Support", "short")
        >>> toml = pathlib.Path(ws.path + ".toml")  # the example configuration, moved to this history's week
        >>> _ = toml.write_text(pathlib.Path("data/scenarios/schedule_example.toml").read_text()
        ...     .replace("2026-03-02", "2024-08-05").replace("2026-03-08", "2024-08-11"))
        >>> _ = ws.import_scenario(toml)
        >>> sid = ws.create_schedule(time_limit=10)
        >>> s = ws.schedule(sid)
        >>> s["from"], s["to"], s["agents"], s["shifts"] > 0
        ('2024-08-05', '2024-08-11', 16, True)
        """
        row, numbers, warnings, violations, (forecast, scenario) = _wfm.schedule_summary(
            self._ws, schedule_id
        )
        out = dict(zip(_SCHEDULE_SCHEMA, row))
        out.update(zip(
            ["agents", "agents_scheduled", "shifts", "paid_hours", "short_intervals",
             "unassigned_shifts"],
            numbers,
        ))
        out.update(warnings=warnings, violations=violations, forecast_id=forecast,
                   scenario_id=scenario)
        return out

    def publish_schedule(self, schedule_id: int) -> List[int]:
        """Publishes a draft schedule (immutable; what agents see); returns the ids of the
        published schedules of the same forecast group, dates and staffing group it
        replaced.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Support", ["1002"])
        >>> _ = ws.compute_forecast("Support", "short", weeks=2)
        >>> _ = ws.publish_forecast("Support", "short")
        >>> toml = pathlib.Path(ws.path + ".toml")  # the example configuration, moved to this history's week
        >>> _ = toml.write_text(pathlib.Path("data/scenarios/schedule_example.toml").read_text()
        ...     .replace("2026-03-02", "2024-08-05").replace("2026-03-08", "2024-08-11"))
        >>> _ = ws.import_scenario(toml)
        >>> sid = ws.create_schedule(time_limit=10)
        >>> ws.publish_schedule(sid)  # it replaced no published schedule
        []
        >>> ws.schedule(sid)["status"]
        'published'
        """
        return _wfm.schedule_publish(self._ws, schedule_id)[1]

    def delete_schedule(self, schedule_id: int) -> None:
        """Deletes a draft schedule (a published one is refused).

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Support", ["1002"])
        >>> _ = ws.compute_forecast("Support", "short", weeks=2)
        >>> _ = ws.publish_forecast("Support", "short")
        >>> toml = pathlib.Path(ws.path + ".toml")  # the example configuration, moved to this history's week
        >>> _ = toml.write_text(pathlib.Path("data/scenarios/schedule_example.toml").read_text()
        ...     .replace("2026-03-02", "2024-08-05").replace("2026-03-08", "2024-08-11"))
        >>> _ = ws.import_scenario(toml)
        >>> sid = ws.create_schedule(time_limit=10)
        >>> ws.delete_schedule(sid)
        >>> ws.schedules().height
        0
        """
        _wfm.schedule_delete(self._ws, schedule_id)

    def export_schedule(self, schedule_id: int, output: PathLike) -> List[str]:
        """Writes ``schedule.json``, ``shifts.csv``, ``activities.csv``, ``coverage.csv``,
        ``report.json`` and the configuration used (``scenario.toml``); returns the
        paths.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Support", ["1002"])
        >>> _ = ws.compute_forecast("Support", "short", weeks=2)
        >>> _ = ws.publish_forecast("Support", "short")
        >>> toml = pathlib.Path(ws.path + ".toml")  # the example configuration, moved to this history's week
        >>> _ = toml.write_text(pathlib.Path("data/scenarios/schedule_example.toml").read_text()
        ...     .replace("2026-03-02", "2024-08-05").replace("2026-03-08", "2024-08-11"))
        >>> _ = ws.import_scenario(toml)
        >>> sid = ws.create_schedule(time_limit=10)
        >>> sorted(pathlib.Path(p).name for p in ws.export_schedule(sid, tempfile.mkdtemp()))
        ['activities.csv', 'activities.parquet', 'agent_hours.csv', 'agent_hours.parquet', 'coverage.csv',
         'coverage.parquet', 'report.json', 'scenario.toml', 'schedule.json', 'schedule.xlsx', 'shifts.csv',
         'shifts.parquet']
        """
        return _wfm.schedule_export(self._ws, schedule_id, os.fspath(output))

    def agent_schedule(
        self,
        schedule_id: int,
        agent: str,
        date: Optional[str] = None,
        week: Optional[str] = None,
    ) -> pl.DataFrame:
        """An agent's shifts of a published schedule on their own clock (their staff
        rule's time zone, else the workspace's), for one local ``date`` or the seven days
        from ``week`` (default: the schedule's first week): day, start, end (local
        datetimes), zone, paid_hours, activities.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> _ = ws.import_history("data/sample/intervals_30min.csv")
        >>> _ = ws.create_group("Support", ["1002"])
        >>> _ = ws.compute_forecast("Support", "short", weeks=2)
        >>> _ = ws.publish_forecast("Support", "short")
        >>> toml = pathlib.Path(ws.path + ".toml")  # the example configuration, moved to this history's week
        >>> _ = toml.write_text(pathlib.Path("data/scenarios/schedule_example.toml").read_text()
        ...     .replace("2026-03-02", "2024-08-05").replace("2026-03-08", "2024-08-11"))
        >>> _ = ws.import_scenario(toml)
        >>> sid = ws.create_schedule(time_limit=10)
        >>> _ = ws.publish_schedule(sid)
        >>> week = ws.agent_schedule(sid, "ana")
        >>> week.columns, week["day"].min() >= __import__("datetime").date(2024, 8, 5)
        (['day', 'start', 'end', 'zone', 'paid_hours', 'activities'], True)
        """
        zone, rows = _wfm.schedule_agent(self._ws, schedule_id, agent, date, week)
        df = pl.DataFrame(rows, schema=_AGENT_SCHEMA, orient="row")
        return df.with_columns(
            pl.col("day").str.to_date(),
            *(
                pl.col(c)
                .str.to_datetime("%Y-%m-%dT%H:%M:%SZ", time_zone="UTC")
                .dt.convert_time_zone(zone)
                for c in ("start", "end")
            ),
        )


_DOCUMENT_SCHEMA = {
    "id": pl.Int64,
    "name": pl.String,
    "group": pl.String,
    "status": pl.String,
    "created": pl.String,
    "published": pl.String,
    "summary": pl.String,
}


_SCHEDULE_SCHEMA = {
    "id": pl.Int64,
    "name": pl.String,
    "forecast_group": pl.String,
    "staffing_groups": pl.String,
    "from": pl.String,
    "to": pl.String,
    "status": pl.String,
    "created": pl.String,
    "published": pl.String,
    "summary": pl.String,
}

_AGENT_SCHEMA = {
    "day": pl.String,
    "start": pl.String,
    "end": pl.String,
    "zone": pl.String,
    "paid_hours": pl.Float64,
    "activities": pl.String,
}


def _documents(rows: list) -> pl.DataFrame:
    df = pl.DataFrame(rows, schema=_DOCUMENT_SCHEMA, orient="row")
    return _utc_columns(df, ["created", "published"])


class Sufficiency(NamedTuple):
    """The data-sufficiency check: ``passed``, the full ``report`` (a dict with the
    numbers of every rule, short- and long-term) and its ``text`` as the CLI prints it."""

    passed: bool
    report: dict
    text: str

    def __str__(self) -> str:
        return self.text
