"""One forecast group's work as Arrow in, Arrow out: what a Spark or Dask task runs.

Each class here is a picklable callable holding the run's options; called with the
rows of one group (a ``pyarrow.Table``), it calls the same :mod:`wfm` function a single
machine would (:func:`wfm.forecast`, :func:`wfm.capacity_plan`,
:func:`wfm.generate_schedule`) on those rows only, and returns the group's result rows
in a fixed schema: the group columns first, the result's columns, then ``error_kind``
and ``error``. A group whose call raises (too little history, a bad scenario) gives ONE
row: its group values, nulls, and the exception's class and message, so that every
other group still completes. A forecast's warnings are rows too (``warning`` set, the
forecast's columns null), which the adapters split off into a second DataFrame.

What the two adapters share is here as well: the group columns of ``by``, the
scenarios' texts, the task of each function built from its options, and a task on
pandas frames. Nothing here knows Spark or Dask.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import tempfile
import warnings
from typing import Any, Callable, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Set, Tuple, Union

import pyarrow as pa

#: The history columns (SPEC §2.1) a group's rows are cut to before the core reads them.
HISTORY_COLUMNS = (
    "QueueName",
    "QueueId",
    "ChannelType",
    "TimeStamp",
    "IntervalDuration",
    "IncomingContactVolume",
    "AverageHandleTime",
    "ContactsHandled",
)

#: The forecast columns (SPEC §3), before the quantile columns.
FORECAST_COLUMNS = (
    "QueueName",
    "QueueId",
    "ChannelType",
    "TimeStamp",
    "IntervalDuration",
    "IncomingContactVolume",
    "AverageHandleTime",
)

#: The two columns every result ends with: the exception's class name and message of a
#: group that failed (null for the rows of a group that completed).
ERROR_FIELDS = (pa.field("error_kind", pa.string()), pa.field("error", pa.string()))

#: The UTC instant type of every result (``Datetime("us", "UTC")`` in polars).
INSTANT = pa.timestamp("us", tz="UTC")

#: The column of a forecast's warning rows (null on its forecast and error rows).
WARNING = "warning"

#: A scenario's or CSV's path, or its text.
PathOrText = Union[str, "os.PathLike[str]"]
#: One scenario for every group, or a mapping of group to scenario (``"*"``: the rest).
Scenarios = Union[PathOrText, Mapping[str, PathOrText]]

_ran_setup = False


class Forecasts(NamedTuple):
    """A distributed forecast and its warnings, two DataFrames of the engine's (the
    same run: see the adapters' ``forecast_with_warnings``).

    >>> Forecasts("rows", "notes").warnings
    'notes'
    """

    #: the group columns, the forecast's columns, ``error_kind`` and ``error``
    forecasts: Any
    #: the group columns and ``warning``: each warning the group's forecast issued
    warnings: Any


def keys_of(by: Union[str, Sequence[str], None]) -> List[str]:
    """The group columns of ``by``: one column, several, or (``None``) queue × channel.

    >>> keys_of(None), keys_of("group")
    (['QueueId', 'ChannelType'], ['group'])
    """
    if by is None:
        return ["QueueId", "ChannelType"]
    return [by] if isinstance(by, str) else list(by)


def scenario_texts(scenario: Scenarios) -> Dict[str, str]:
    """The text of each group's scenario, ``"*"`` for every group without its own
    (the texts travel to the workers, which may not see the driver's files).

    >>> scenario_texts("version = 1")
    {'*': 'version = 1'}
    """
    if isinstance(scenario, Mapping):
        return {str(k): text_of(v) for k, v in scenario.items()}
    return {"*": text_of(scenario)}


def worker_setup(threads: Optional[int]) -> int:
    """Sizes the core's thread pool in this process to ``threads`` (``None``: as it
    is) before its first parallel call, and returns the size in force. A worker runs
    one task per core already: one thread each keeps the machine from oversubscription.

    >>> worker_setup(None) >= 1
    True
    """
    from wfm import _wfm

    return int(_wfm.core_threads(threads))


def quantile_names(quantiles: Sequence[float]) -> List[str]:
    """The forecast's quantile columns, named as the core names them.

    >>> quantile_names([0.1, 0.5, 0.9])
    ['P10', 'P50', 'P90']
    """
    return [f"P{int(float(q) * 100.0 + 0.5)}" for q in quantiles]


def key_fields(schema: pa.Schema, by: Sequence[str]) -> List[pa.Field]:
    """The group columns' fields of an input ``schema``, in ``by``'s order.

    >>> key_fields(pa.schema([("a", pa.int64()), ("g", pa.string())]), ["g"])
    [pyarrow.Field<g: string>]
    """
    return [schema.field(name) for name in by]


def _key_row(table: pa.Table, keys: Sequence[pa.Field]) -> Dict[str, Any]:
    return {f.name: table.column(f.name)[0].as_py() for f in keys}


def _error_table(schema: pa.Schema, key: Mapping[str, Any], error: BaseException) -> pa.Table:
    row = {f.name: [key.get(f.name)] for f in schema}
    row["error_kind"] = [type(error).__name__]
    row["error"] = [str(error)]
    return pa.Table.from_pydict(row, schema=schema)


def _conform(table: pa.Table, schema: pa.Schema, key: Mapping[str, Any]) -> pa.Table:
    """``table`` (a result's columns) with the group's values in front and the error
    columns null at the end, cast to ``schema``."""
    n = table.num_rows
    columns = []
    for f in schema:
        if f.name in key:
            columns.append(pa.array([key[f.name]] * n, type=f.type))
        elif f.name in table.column_names:
            columns.append(table.column(f.name).cast(f.type))
        else:
            columns.append(pa.nulls(n, type=f.type))
    return pa.Table.from_arrays(columns, schema=schema)


def _history_rows(table: pa.Table) -> pa.Table:
    """The history columns of a group's rows, sorted by queue, channel, duration and
    time: an engine delivers a group's rows in any order, the core then reads them in
    one (a file's)."""
    names = [c for c in HISTORY_COLUMNS if c in table.column_names]
    order = [(c, "ascending") for c in ("QueueId", "ChannelType", "IntervalDuration", "TimeStamp") if c in names]
    return table.select(names).sort_by(order)


class GroupTask:
    """What every per-group task shares: the group columns, the output schema, the
    core's thread count, and the error row of a group that fails."""

    def __init__(self, by: Sequence[str], schema: pa.Schema, threads: Optional[int]) -> None:
        self.by = list(by)
        self.schema = schema
        self.threads = threads

    def __call__(self, table: pa.Table) -> pa.Table:
        global _ran_setup
        if not _ran_setup:
            worker_setup(self.threads)
            _ran_setup = True
        if table.num_rows == 0:
            return self.schema.empty_table()
        key = _key_row(table, [self.schema.field(n) for n in self.by])
        try:
            return _conform(self.run(table, key), self.schema, key)
        except Exception as e:  # one group's failure is its row; the others go on
            return _error_table(self.schema, key, e)

    def run(self, table: pa.Table, key: Mapping[str, Any]) -> pa.Table:  # pragma: no cover
        raise NotImplementedError


def forecast_schema(keys: Sequence[pa.Field], quantiles: Sequence[float]) -> pa.Schema:
    """The schema of a distributed forecast: the group columns, the forecast CSV's
    columns (``TimeStamp`` a UTC instant), the quantiles, ``error_kind``, ``error``.

    >>> forecast_schema([pa.field("group", pa.string())], [0.5]).names[-5:]
    ['AverageHandleTime', 'P50', 'warning', 'error_kind', 'error']
    """
    fields = [f for f in keys if f.name not in FORECAST_COLUMNS]
    for name in FORECAST_COLUMNS:
        t = INSTANT if name == "TimeStamp" else (
            pa.float64() if name in ("IncomingContactVolume", "AverageHandleTime") else pa.string()
        )
        fields.append(pa.field(name, t))
    fields += [pa.field(q, pa.float64()) for q in quantile_names(quantiles)]
    fields.append(pa.field(WARNING, pa.string()))
    return pa.schema(fields + list(ERROR_FIELDS))


class Forecaster(GroupTask):
    """One group's :func:`wfm.forecast` (the options as there); the group's history
    rows in, its forecast rows out, then a row per warning the forecast issued
    (``warning`` set, the forecast's columns null).

    The group is forecast as one machine would forecast its rows alone: the time zones,
    public holidays and holidays file rows of queues outside the group are left out (on
    one machine they would fail the call, or warn, as queues not in the history).

    >>> import polars as pl
    >>> history = pl.read_csv("data/sample/daily.csv").with_columns(group=pl.lit("all"))
    >>> table = history.to_arrow()
    >>> f = Forecaster(["group"], forecast_schema(key_fields(table.schema, ["group"]), (0.5,)),
    ...                kind="long", weeks=1, start="2024-08-01T00:00:00Z", quantiles=(0.5,))
    >>> out = f(table)
    >>> out.num_rows, out.column("error").null_count == out.num_rows
    (42, True)
    """

    def __init__(
        self,
        by: Sequence[str],
        schema: pa.Schema,
        kind: str,
        weeks: int,
        start: Union[str, _dt.date, None] = None,
        quantiles: Sequence[float] = (0.1, 0.5, 0.9),
        time_zones: Optional[Mapping[str, str]] = None,
        public_holidays: Union[str, Mapping[str, str], None] = None,
        holidays: Optional[str] = None,
        threads: Optional[int] = 1,
    ) -> None:
        super().__init__(by, schema, threads)
        self.options = dict(
            kind=kind,
            weeks=weeks,
            start=start,
            quantiles=tuple(quantiles),
            time_zones=dict(time_zones) if time_zones else None,
            public_holidays=public_holidays,
        )
        #: the holidays CSV's text (shipped to the workers, not a path they may lack)
        self.holidays = holidays

    def run(self, table: pa.Table, key: Mapping[str, Any]) -> pa.Table:
        import polars as pl

        import wfm

        rows = _history_rows(table)
        queues = {str(q) for q in rows.column("QueueId").unique().to_pylist()} if "QueueId" in rows.column_names else set()
        history = pl.from_arrow(rows)
        assert isinstance(history, pl.DataFrame)
        options = scoped_options(self.options, queues)
        with tempfile.TemporaryDirectory(prefix="wfm-") as folder:
            holidays = None
            if self.holidays is not None:
                holidays = _written(folder, "holidays.csv", holidays_of(self.holidays, queues))
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")  # each group's, however many a worker runs
                result = wfm.forecast(history, holidays=holidays, **options)  # type: ignore[arg-type]
        notes = pa.table({WARNING: pa.array(wfm_warnings(caught), pa.string())})
        return pa.concat_tables([_conform(t, self.schema, key) for t in (result.to_arrow(), notes)])


def wfm_warnings(caught: Iterable[warnings.WarningMessage]) -> List[str]:
    """The texts of the warnings :mod:`wfm` issued among ``caught`` (a library's own
    warnings, a deprecation of pandas, are not the forecast's).

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warnings.warn("elsewhere")
    >>> wfm_warnings(caught)
    []
    """
    import wfm

    package = os.path.dirname(os.path.abspath(wfm.__file__)) + os.sep
    return [
        str(w.message)
        for w in caught
        if issubclass(w.category, UserWarning) and os.path.abspath(w.filename).startswith(package)
    ]


def scoped_options(options: Mapping[str, Any], queues: Set[str]) -> Dict[str, Any]:
    """``options`` of :func:`wfm.forecast` with the time zones and per-queue public
    holidays of ``queues`` only (and a public holiday country for ``*``).

    >>> scoped_options({"time_zones": {"q1": "Europe/Paris", "q2": "UTC"},
    ...                 "public_holidays": {"*": "US", "q2": "GB"}}, {"q1"})
    {'time_zones': {'q1': 'Europe/Paris'}, 'public_holidays': {'*': 'US'}}
    """
    out = dict(options)
    zones = out.get("time_zones")
    if zones:
        out["time_zones"] = {q: z for q, z in zones.items() if q in queues} or None
    countries = out.get("public_holidays")
    if isinstance(countries, Mapping):
        out["public_holidays"] = {q: c for q, c in countries.items() if q == "*" or q in queues} or None
    return out


def holidays_of(text: str, queues: Set[str]) -> str:
    r"""The holidays CSV (``date,name,scope``) with its header and the rows of every
    queue (``*``) or one of ``queues``; a row not of three fields stays, for the reader
    to report (its line number is then that of the group's file).

    >>> holidays_of("date,name,scope\n2024-12-25,Xmas,*\n2024-07-04,Sale,q1\n2024-07-05,Sale, q2\n", {"q2"})
    'date,name,scope\n2024-12-25,Xmas,*\n2024-07-05,Sale, q2\n'
    """
    return _rows_where(text, lambda f: len(f) != 3 or f[2].strip() == "*" or f[2].strip() in queues)


def fte_of(text: str, group: str) -> str:
    r"""The FTE/shrinkage CSV with its header and the rows of forecast group ``group``
    (a plan of one group refuses rows of another, as ``wfm plan --group`` does); a row
    not of five fields stays, for the reader to report.

    >>> fte_of("FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n"
    ...        "A,2025-01-06T00:00:00Z,30,8,12\nB,2025-01-06T00:00:00Z,12,10,5\n", "B").splitlines()[1:]
    ['B,2025-01-06T00:00:00Z,12,10,5']
    """
    return _rows_where(text, lambda f: len(f) != 5 or f[0].strip() == group)


def _rows_where(text: str, keep: Callable[[List[str]], bool]) -> str:
    """A CSV's header line and the lines whose fields ``keep`` keeps, as they were."""
    lines = text.splitlines(keepends=True)
    return "".join(lines[:1] + [line for line in lines[1:] if keep(next(csv.reader([line]), []))])


def plan_schema(keys: Sequence[pa.Field]) -> pa.Schema:
    """The schema of distributed capacity plans: the group columns, ``table``
    (``"weekly"`` or ``"monthly"``), the plan periods' columns (:data:`PLAN_FIELDS`),
    ``error_kind``, ``error``.

    >>> plan_schema([pa.field("group", pa.string())]).names[:3]
    ['group', 'table', 'period_start']
    """
    fields = [f for f in keys if f.name not in PLAN_NAMES]
    return pa.schema(fields + [pa.field("table", pa.string())] + list(PLAN_FIELDS) + list(ERROR_FIELDS))


#: Every column of a plan's weekly and monthly periods (``plan_weekly.csv``,
#: ``plan_monthly.csv``; hiring columns null without a hiring policy).
PLAN_FIELDS: Tuple[pa.Field, ...] = tuple(
    pa.field(name, kind)
    for name, kind in [
        ("period_start", pa.date32()),
        ("period_end", pa.date32()),
        ("days", pa.int64()),
        ("volume", pa.float64()),
        ("aht_seconds", pa.float64()),
        ("required_fte", pa.float64()),
        ("required_fte_original", pa.float64()),
        ("expected_occupancy", pa.float64()),
        ("peak_agents", pa.int64()),
        ("required_fte_with_shrinkage", pa.float64()),
        ("available_fte", pa.float64()),
        ("gap", pa.float64()),
        ("gap_pct", pa.float64()),
        ("required_ot_pct", pa.float64()),
        ("required_vto_pct", pa.float64()),
        ("ot_capped", pa.bool_()),
        ("vto_capped", pa.bool_()),
        ("unmet_fte", pa.float64()),
        ("hires", pa.int64()),
        ("fte_after_hires", pa.float64()),
        ("remaining_gap", pa.float64()),
        ("closable", pa.bool_()),
    ]
)
PLAN_NAMES: Tuple[str, ...] = tuple(f.name for f in PLAN_FIELDS) + ("table",)


class Planner(GroupTask):
    """One group's :func:`wfm.capacity_plan`: the group's forecast rows in (long-term
    ``daily`` and short-term interval rows together), its weekly then monthly periods
    out, each row marked in ``table``.

    ``scenarios`` maps a group (the first group column's value) to its scenario TOML
    text, ``"*"`` to the one for every other group; ``fte`` is the FTE/shrinkage CSV's
    text: the group plans with its rows of it (:func:`fte_of`), as one machine plans
    with ``fte=`` a file of the group's rows and ``group=`` the group.
    """

    def __init__(
        self,
        by: Sequence[str],
        schema: pa.Schema,
        scenarios: Mapping[str, str],
        start: Union[str, _dt.date],
        weeks: int = 78,
        fte: Optional[str] = None,
        threads: Optional[int] = 1,
    ) -> None:
        super().__init__(by, schema, threads)
        self.scenarios = dict(scenarios)
        self.start = start
        self.weeks = weeks
        self.fte = fte

    def run(self, table: pa.Table, key: Mapping[str, Any]) -> pa.Table:
        import polars as pl

        import wfm

        group = str(key[self.by[0]])
        rows = pl.from_arrow(table.select([c for c in FORECAST_COLUMNS]))
        assert isinstance(rows, pl.DataFrame)
        daily = pl.col("IntervalDuration") == "daily"
        with tempfile.TemporaryDirectory(prefix="wfm-") as folder:
            scenario = _written(folder, "scenario.toml", _scenario_of(self.scenarios, group))
            fte = None if self.fte is None else _written(folder, "fte.csv", fte_of(self.fte, group))
            plan = wfm.capacity_plan(
                rows.filter(daily),
                rows.filter(~daily),
                scenario,
                self.start,
                weeks=self.weeks,
                fte=fte,
                group=group if fte is not None else None,
                queues=None if fte is None else list(rows["QueueId"].unique(maintain_order=True)),
            )
        tables = [
            t.with_columns(pl.lit(name).alias("table"))
            for name, t in (("weekly", plan.weekly), ("monthly", plan.monthly))
        ]
        return pl.concat(tables, how="diagonal_relaxed").to_arrow()


def schedule_schema(keys: Sequence[pa.Field]) -> pa.Schema:
    """The schema of distributed schedules: one row per group with the report's
    numbers, the validator's findings, ``schedule_json`` (``schedule.json``) and
    ``report_json`` (``report.json``), ``error_kind``, ``error``.

    >>> schedule_schema([pa.field("group", pa.string())]).names[:3]
    ['group', 'status', 'status_text']
    """
    fields = [f for f in keys if f.name not in {g.name for g in SCHEDULE_FIELDS}]
    return pa.schema(fields + list(SCHEDULE_FIELDS) + list(ERROR_FIELDS))


#: A schedule's row: its status, objective, bound and gap, agents, shifts, paid hours,
#: short intervals, violations, and the schedule and report as JSON.
SCHEDULE_FIELDS = (
    pa.field("status", pa.string()),
    pa.field("status_text", pa.string()),
    pa.field("objective", pa.float64()),
    pa.field("lower_bound", pa.float64()),
    pa.field("gap", pa.float64()),
    pa.field("agents", pa.int64()),
    pa.field("shifts", pa.int64()),
    pa.field("paid_hours", pa.float64()),
    pa.field("short_intervals", pa.int64()),
    pa.field("violations", pa.list_(pa.string())),
    pa.field("schedule_json", pa.string()),
    pa.field("report_json", pa.string()),
)


class Scheduler(GroupTask):
    """One group's :func:`wfm.generate_schedule`: the group's short-term forecast rows
    in, one row out with the report and ``schedule.json``.

    ``scenarios`` maps a group (the first group column's value) to its scheduling
    scenario TOML text, ``"*"`` to the one for every other group.
    """

    def __init__(
        self,
        by: Sequence[str],
        schema: pa.Schema,
        scenarios: Mapping[str, str],
        channel: str = "VOICE",
        time_limit: float = 600.0,
        gap: float = 0.01,
        threads: Optional[int] = 1,
    ) -> None:
        super().__init__(by, schema, threads)
        self.scenarios = dict(scenarios)
        self.channel = channel
        self.time_limit = time_limit
        self.gap = gap

    def run(self, table: pa.Table, key: Mapping[str, Any]) -> pa.Table:
        import polars as pl

        import wfm

        group = str(key[self.by[0]])
        rows = pl.from_arrow(table.select([c for c in FORECAST_COLUMNS]))
        with tempfile.TemporaryDirectory(prefix="wfm-") as folder:
            scenario = _written(folder, "scenario.toml", _scenario_of(self.scenarios, group))
            result = wfm.generate_schedule(
                scenario, rows, channel=self.channel, time_limit=self.time_limit, gap=self.gap
            )
        r = result.report
        row = {
            "status": r.status,
            "status_text": r.get("status_text"),
            "objective": r.objective,
            "lower_bound": r.lower_bound,
            "gap": r.gap,
            "agents": r.agents,
            "shifts": r.shifts,
            "paid_hours": r.paid_hours,
            "short_intervals": len(r.unmet_intervals),
            "violations": list(result.violations),
            "schedule_json": result.schedule_json,
            "report_json": json.dumps(r.to_dict(), sort_keys=True, default=str),
        }
        return pa.Table.from_pylist([row], schema=pa.schema(SCHEDULE_FIELDS))


def _scenario_of(scenarios: Mapping[str, str], group: str) -> str:
    if group in scenarios:
        return scenarios[group]
    if "*" in scenarios:
        return scenarios["*"]
    raise KeyError(f"no scenario for group {group!r} (and no '*' scenario)")


def _written(folder: str, name: str, text: str) -> str:
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    return path


def text_of(source: Union[str, "os.PathLike[str]"]) -> str:
    """A scenario's or CSV's text: the file's content for a path to an existing file,
    else ``source`` itself (TOML or CSV text).

    >>> text_of("version = 1")
    'version = 1'
    """
    path = os.fspath(source)
    if "\n" not in path and os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            return f.read()
    return path


class ForecastOptions(NamedTuple):
    """The options of a distributed forecast: :func:`wfm.forecast`'s (``holidays`` a
    path, read on the driver, or the CSV's text) and the core's ``threads`` per task.

    >>> ForecastOptions("short", 2).quantiles
    (0.1, 0.5, 0.9)
    """

    kind: str
    weeks: int
    start: Union[str, _dt.date, None] = None
    quantiles: Sequence[float] = (0.1, 0.5, 0.9)
    holidays: Optional[PathOrText] = None
    time_zones: Optional[Mapping[str, str]] = None
    public_holidays: Union[str, Mapping[str, str], None] = None
    threads: Optional[int] = 1


def forecast_task(keys: Sequence[str], fields: Sequence[pa.Field], options: ForecastOptions) -> Forecaster:
    """The per-group task of a distributed forecast: group columns ``keys`` (their
    Arrow ``fields``) and the forecast's ``options``.

    >>> t = forecast_task(["group"], [pa.field("group", pa.string())], ForecastOptions("short", 2))
    >>> t.schema.names[:2], t.options["weeks"]
    (['group', 'QueueName'], 2)
    """
    o = options
    return Forecaster(
        keys,
        forecast_schema(fields, o.quantiles),
        kind=o.kind,
        weeks=o.weeks,
        start=o.start,
        quantiles=o.quantiles,
        time_zones=o.time_zones,
        public_holidays=o.public_holidays,
        holidays=None if o.holidays is None else text_of(o.holidays),
        threads=o.threads,
    )


def plan_task(
    keys: Sequence[str],
    fields: Sequence[pa.Field],
    scenario: Scenarios,
    start: Union[str, _dt.date],
    weeks: int,
    fte: Optional[PathOrText],
    threads: Optional[int],
) -> Planner:
    """The per-group task of distributed capacity plans (``scenario`` and ``fte`` paths
    or texts, read here).

    >>> t = plan_task(["group"], [pa.field("group", pa.string())], "x = 1", "2025-01-06", 2, None, 1)
    >>> t.scenarios, t.fte
    ({'*': 'x = 1'}, None)
    """
    return Planner(
        keys,
        plan_schema(fields),
        scenario_texts(scenario),
        start,
        weeks=weeks,
        fte=None if fte is None else text_of(fte),
        threads=threads,
    )


def schedule_task(
    keys: Sequence[str],
    fields: Sequence[pa.Field],
    scenario: Scenarios,
    channel: str,
    time_limit: float,
    gap: float,
    threads: Optional[int],
) -> Scheduler:
    """The per-group task of distributed schedules (``scenario`` paths or texts, read
    here).

    >>> t = schedule_task(["group"], [pa.field("group", pa.string())], {"A": "x = 1"}, "VOICE", 60.0, 0.01, 1)
    >>> t.scenarios, t.schema.names[-2:]
    ({'A': 'x = 1'}, ['error_kind', 'error'])
    """
    return Scheduler(
        keys,
        schedule_schema(fields),
        scenario_texts(scenario),
        channel=channel,
        time_limit=time_limit,
        gap=gap,
        threads=threads,
    )


class OnPandas:
    """A group task on the pandas frame of one group (Dask's ``groupby().apply``,
    Spark's ``applyInPandas`` where pyspark has no ``applyInArrow``).

    >>> import pandas as pd
    >>> task = OnPandas(forecast_task(["group"], [pa.field("group", pa.string())], ForecastOptions("short", 1)))
    >>> task(pd.DataFrame({"group": pd.Series([], dtype=object)})).columns[-3:].tolist()
    ['warning', 'error_kind', 'error']
    """

    def __init__(self, task: GroupTask) -> None:
        self.task = task

    def __call__(self, frame: Any) -> Any:
        missing = [k for k in self.task.by if k not in frame.columns]
        if missing:  # pandas 3 leaves the group columns out of the group's frame
            name = frame.name if isinstance(frame.name, tuple) else (frame.name,)
            values = dict(zip(self.task.by, name))
            frame = frame.assign(**{k: values[k] for k in missing})
        table = pa.Table.from_pandas(frame, preserve_index=False)
        return self.task(table).to_pandas()
