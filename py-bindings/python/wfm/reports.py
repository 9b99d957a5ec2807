"""Typed reports: what a schedule run reports (:class:`ScheduleReport`) and a stored
schedule's summary (:class:`ScheduleSummary`), as frozen dataclasses with attributes,
a short repr and an HTML summary for Jupyter.

Both were dicts before; ``report["status"]`` still works for one release and issues a
``DeprecationWarning`` (use ``report.status``); :meth:`ScheduleReport.to_dict` gives the
dict. Keys a newer engine adds are kept in ``extra``.

>>> import wfm
>>> r = ScheduleReport.from_dict({"status": "optimal", "objective": 10.0, "lower_bound": 9.95,
...     "gap": 0.005, "seconds": 1.25, "agents": 3, "shifts": 15, "paid_hours": 120.0,
...     "unmet_intervals": [], "warnings": [], "weeks": []})
>>> r.status, r.gap
('optimal', 0.005)
>>> r
ScheduleReport(status='optimal', gap=0.5 %, shifts=15, agents=3, paid_hours=120, short intervals=0, seconds=1.25)
"""

from __future__ import annotations

import dataclasses
import warnings
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple

from wfm._display import shown, summary_html

__all__ = ["ScheduleReport", "ScheduleSummary"]


class _ByKey:
    """``report["key"]`` and ``report.get("key")`` of the dict these reports were, with a
    ``DeprecationWarning`` (removed in the next release)."""

    extra: Dict[str, Any]

    def _lookup(self, key: str) -> Any:
        names = {f.name for f in dataclasses.fields(self)}  # type: ignore[arg-type]
        if key in names and key != "extra":
            return getattr(self, key)
        return self.extra[key]

    def __getitem__(self, key: str) -> Any:
        warnings.warn(
            f'{type(self).__name__}["{key}"] is deprecated (removed in the next release): '
            f"use the attribute, e.g. .{key}, or .to_dict()",
            DeprecationWarning,
            stacklevel=2,
        )
        return self._lookup(key)

    def get(self, key: str, default: Any = None) -> Any:
        """Deprecated: ``report.get("key")`` of the former dict; use the attribute.

        >>> import warnings
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     ScheduleReport.from_dict({"status": "optimal"}).get("status")
        'optimal'
        """
        warnings.warn(
            f'{type(self).__name__}.get("{key}") is deprecated (removed in the next release): '
            "use the attribute",
            DeprecationWarning,
            stacklevel=2,
        )
        try:
            return self._lookup(key)
        except KeyError:
            return default

    def to_dict(self) -> Dict[str, Any]:
        """The report as the dict (and JSON) it was read from.

        >>> ScheduleReport.from_dict({"status": "optimal", "x": 1}).to_dict()["x"]
        1
        """
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]
        extra = out.pop("extra")
        return {**out, **extra}


def _split(cls: type, data: Mapping[str, Any], defaults: Dict[str, Any]) -> Dict[str, Any]:
    names = [f.name for f in dataclasses.fields(cls) if f.name != "extra"]
    known = {n: data.get(n, defaults.get(n)) for n in names}
    known["extra"] = {k: v for k, v in data.items() if k not in names}
    return known


@dataclass(frozen=True, repr=False)
class ScheduleReport(_ByKey):
    """What a schedule run reports (``report.json``, docs/formats/report-json.md).

    ``status`` (``"optimal"``, ``"above_gap"``, ``"time_limit"``, ``"goal_missed"``,
    ``"rules_broken"``), ``objective`` and its proven ``lower_bound``, the relative
    ``gap`` (a share), solver ``seconds``, ``agents`` scheduled, ``shifts``,
    ``paid_hours``, ``unmet_intervals`` (UTC starts of the quarter hours short of the
    goal), ``warnings``, ``weeks`` (per week the generator's own report, as dicts),
    ``lost_intervals`` (the short quarter hours the tour model covered, each with
    ``start``, ``agents_short`` and per pool the ``reasons``: which rule keeps which
    agents off it) and ``extra`` (keys this version does not know).

    >>> r = ScheduleReport.from_dict({"status": "goal_missed", "gap": 0.0004,
    ...                               "unmet_intervals": ["2026-03-02T15:00:00Z"]})
    >>> r.status, len(r.unmet_intervals), r.weeks
    ('goal_missed', 1, [])
    """

    status: str = ""
    objective: Optional[float] = None
    lower_bound: Optional[float] = None
    gap: Optional[float] = None
    seconds: Optional[float] = None
    agents: int = 0
    shifts: int = 0
    paid_hours: float = 0.0
    unmet_intervals: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)
    weeks: List[Dict[str, Any]] = field(default_factory=list)
    lost_intervals: List[Dict[str, Any]] = field(default_factory=list)
    extra: Dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ScheduleReport":
        """The report of a dict (the generator's JSON).

        >>> ScheduleReport.from_dict({"status": "time_limit", "shifts": 3}).shifts
        3
        """
        lists: Dict[str, List[Any]] = {
            "unmet_intervals": [],
            "warnings": [],
            "weeks": [],
            "lost_intervals": [],
        }
        values = _split(cls, data, {})
        for name, empty in lists.items():
            values[name] = list(values[name] or empty)
        for name, zero in (("status", ""), ("agents", 0), ("shifts", 0), ("paid_hours", 0.0)):
            if values[name] is None:
                values[name] = zero
        return cls(**values)

    def _lines(self) -> List[Tuple[str, Any]]:
        gap = None if self.gap is None else f"{shown(self.gap * 100)} %"
        return [
            ("status", self.status),
            ("gap", gap),
            ("objective", self.objective),
            ("lower bound", self.lower_bound),
            ("shifts", self.shifts),
            ("agents", self.agents),
            ("paid hours", self.paid_hours),
            ("short intervals", len(self.unmet_intervals)),
            ("warnings", len(self.warnings)),
            ("seconds", self.seconds),
        ]

    def __repr__(self) -> str:
        gap = "—" if self.gap is None else f"{shown(self.gap * 100)} %"
        return (
            f"ScheduleReport(status={self.status!r}, gap={gap}, shifts={self.shifts}, "
            f"agents={self.agents}, paid_hours={shown(self.paid_hours)}, "
            f"short intervals={len(self.unmet_intervals)}, seconds={shown(self.seconds)})"
        )

    def _repr_html_(self) -> str:
        return summary_html("Schedule report", self._lines())


@dataclass(frozen=True, repr=False)
class ScheduleSummary(_ByKey):
    """A stored schedule's summary (:meth:`wfm.Workspace.schedules` ``.get``): its
    ``id``, ``name``, ``forecast_group``, ``staffing_groups`` (comma-separated), ``from_date`` and
    ``to_date`` (ISO dates; the keys ``from``/``to``), ``status`` (``draft``,
    ``published``), ``created`` and ``published`` (UTC, empty when not), ``summary``,
    ``agents``, ``agents_scheduled``, ``shifts``, ``paid_hours``, ``short_intervals``
    (quarter hours short of the goal),
    ``unassigned_shifts``, ``warnings``, ``violations`` (what the validator finds now),
    ``forecast_id``, ``scenario_id`` and ``extra`` (keys this version does not know).

    >>> s = ScheduleSummary.from_dict({"id": 3, "name": "W32", "from": "2024-08-05",
    ...                                "to": "2024-08-11", "status": "draft", "shifts": 80})
    >>> s.from_date, s.status, s
    ('2024-08-05', 'draft', ScheduleSummary(id=3, name='W32', 2024-08-05 to 2024-08-11, draft, shifts=80, short intervals=0, violations=0))
    """

    id: int = 0
    name: str = ""
    forecast_group: str = ""
    staffing_groups: str = ""
    from_date: str = ""
    to_date: str = ""
    status: str = ""
    created: str = ""
    published: str = ""
    summary: str = ""
    agents: int = 0
    agents_scheduled: int = 0
    shifts: int = 0
    paid_hours: float = 0.0
    short_intervals: int = 0
    unassigned_shifts: int = 0
    warnings: List[str] = field(default_factory=list)
    violations: List[str] = field(default_factory=list)
    forecast_id: Optional[int] = None
    scenario_id: Optional[int] = None
    extra: Dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ScheduleSummary":
        """The summary of the dict the workspace returns (keys ``from`` and ``to``).

        >>> ScheduleSummary.from_dict({"from": "2024-08-05"}).from_date
        '2024-08-05'
        """
        renamed = {("from_date" if k == "from" else "to_date" if k == "to" else k): v
                   for k, v in data.items()}
        values = _split(cls, renamed, {})
        for f in dataclasses.fields(cls):
            if values[f.name] is None and f.default is not None:
                if f.default is not dataclasses.MISSING:
                    values[f.name] = f.default
                elif f.default_factory is not dataclasses.MISSING:
                    values[f.name] = f.default_factory()
        return cls(**values)

    def _lookup(self, key: str) -> Any:
        return super()._lookup({"from": "from_date", "to": "to_date"}.get(key, key))

    def to_dict(self) -> Dict[str, Any]:
        """The summary as the dict of the workspace (keys ``from`` and ``to``).

        >>> sorted(ScheduleSummary.from_dict({"from": "2024-08-05"}).to_dict())[:3]
        ['agents', 'agents_scheduled', 'created']
        """
        out = super().to_dict()
        out["from"] = out.pop("from_date")
        out["to"] = out.pop("to_date")
        return out

    def __repr__(self) -> str:
        return (
            f"ScheduleSummary(id={self.id}, name={self.name!r}, {self.from_date} to "
            f"{self.to_date}, {self.status}, shifts={self.shifts}, "
            f"short intervals={self.short_intervals}, violations={len(self.violations)})"
        )

    def _repr_html_(self) -> str:
        return summary_html(
            f"Schedule {self.id} {self.name}",
            [
                ("forecast group", self.forecast_group),
                ("staffing groups", self.staffing_groups),
                ("days", f"{self.from_date} to {self.to_date}"),
                ("status", self.status),
                ("agents scheduled", f"{self.agents_scheduled} of {self.agents}"),
                ("shifts", self.shifts),
                ("paid hours", self.paid_hours),
                ("short intervals", self.short_intervals),
                ("unassigned shifts", self.unassigned_shifts),
                ("warnings", len(self.warnings)),
                ("violations", len(self.violations)),
            ],
        )
