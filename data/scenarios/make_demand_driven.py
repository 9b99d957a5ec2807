#!/usr/bin/env python3
"""Writes the two demand-driven scheduling scenarios of data/scenarios/ and their forecasts.

    python data/scenarios/make_demand_driven.py [--wfm PATH/TO/wfm]

(the venv's python: the shared generator needs numpy.)

Outputs (in data/scenarios/, committed):

- forecast_demand_2w.csv, forecast_demand_4w.csv: 15-minute forecasts of a US Sales
  queue (America/New_York, open 08:00–20:00 local Monday to Saturday) from 2024-10-28 (a
  Monday) over 2 and 4 weeks, across the US DST change of 2024-11-03;
- schedule_demand_300x2w.toml: 300 named agents in 4 staffing groups, 2 weeks;
- schedule_demand_800x4w.toml: 800 named agents in 10 staffing groups, 4 weeks.

What makes them demand-driven (the opposite of the schedule_small/medium/large examples,
whose demand needs about half of what the agents' weekly minimums already force):

- mostly part-timers (6-hour shifts) with a low weekly minimum (12 h) and a high
  maximum (30 h), plus 8-hour and 10-hour full-timers with low minimums;
- the volume is scaled so that the first week's requirement (Erlang C at 80 % in 20 s,
  per 15-minute interval) is REQUIRED_SHARE of the roster's productive hours at their
  weekly maximums, several times what their weekly minimums force (both printed and
  written in the scenario's comment);
- a steep morning ramp: the generator's mean volume is multiplied by a morning surge
  (×(1 + SURGE) at 09:00–10:30 local, tapering from 08:00 and to 12:00);
- every profile is on the agents' local clock (America/New_York and America/Chicago),
  so the shift windows move by an hour in UTC on 2024-11-03 with the demand;
- minimum staff windows per group (UTC), must-work Mondays on the 10-hour profile,
  consecutive-day limits (max work days, min/max days off), agents joining and leaving
  mid-horizon.

How: the demand is the noise-free expected volume and AHT (`expected_15min.csv`) of the
seeded shared generator /work/shared/tools/gen_contact_history.py (queue 1001 "Sales",
one VOICE channel, seed SEED, no outages or spikes), from 2024-10-01, cut to the
horizon. Rosters are drawn with random.Random(SEED), so a rerun writes the same files
byte for byte. The TOML helpers come from make_schedule_scenarios.py.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_schedule_scenarios import ACTIVITIES, comment, find_wfm, toml_str, wrap_list  # noqa: E402

HERE = Path(__file__).resolve().parent
GENERATOR = Path(os.environ.get("WFM_HISTORY_GENERATOR",
                                "/work/shared/tools/gen_contact_history.py"))
SEED = 20241028
START = date(2024, 10, 28)  # a Monday; the US DST change is Sunday 2024-11-03
QUEUE_ID, QUEUE_NAME, QUEUE_ZONE = "1001", "Sales", "America/New_York"
FORECAST_GROUP = "FG_Sales"
GOAL_TARGET, GOAL_SECONDS = 0.8, 20
SURGE = 0.6
REQUIRED_SHARE = 0.70
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri"]

PT_HOURS = {"daily_min_hours": 6, "daily_max_hours": 6, "weekly_min_hours": 12,
            "weekly_max_hours": 30}
FT_HOURS = {"daily_min_hours": 8.5, "daily_max_hours": 8.5, "weekly_min_hours": 17,
            "weekly_max_hours": 42.5}
TEN_HOURS = {"daily_min_hours": 10.5, "daily_max_hours": 10.5, "weekly_min_hours": 21,
             "weekly_max_hours": 42}
# productive hours per shift (length less breaks and lunch) and shifts per week at most
SHIFT = {"pt": (6 - 0.25, 5), "ft": (8.5 - 1.0, 5), "ten": (10.5 - 1.0, 4)}
MIN_SHIFTS = {"pt": 2, "ft": 2, "ten": 2}

DAYS_MON_SAT = ('{ mon = "flexible", tue = "flexible", wed = "flexible", thu = "flexible", '
                'fri = "flexible", sat = "flexible", sun = "off" }')
DAYS_MUST_MON = ('{ mon = "work", tue = "flexible", wed = "flexible", thu = "flexible", '
                 'fri = "flexible", sat = "flexible", sun = "off" }')

SIX = """\
[[profiles.activity_groups]]         # 6 h: one break
name = "six"
shift_minutes = { min = 360, max = 360 }
activities = [{ activity = "Break", earliest_minutes = 120, latest_minutes = 210 }]
"""
EIGHT = """\
[[profiles.activity_groups]]         # 8 h 30: break, unpaid lunch, break
name = "eight"
shift_minutes = { min = 510, max = 510 }
activities = [
    { activity = "Break", earliest_minutes = 90, latest_minutes = 150 },
    { activity = "Lunch", earliest_minutes = 210, latest_minutes = 300 },
    { activity = "Break", anchor = "end", earliest_minutes = -120, latest_minutes = -75 },
]
"""
TEN = """\
[[profiles.activity_groups]]         # 10 h 30: break, unpaid lunch, break
name = "ten"
shift_minutes = { min = 630, max = 630 }
activities = [
    { activity = "Break", earliest_minutes = 90, latest_minutes = 150 },
    { activity = "Lunch", earliest_minutes = 270, latest_minutes = 330 },
    { activity = "Break", anchor = "end", earliest_minutes = -165, latest_minutes = -105 },
]
"""

PROFILES = {
    "NY part-time": f"""\
[[profiles]]
name = "NY part-time"
description = "Part-time 6 h with one 15-min break, 08:00–20:00 on the agent's clock"
days = {DAYS_MON_SAT}
clock = "local"
earliest_start = "08:00"
latest_end = "20:00"
min_shift_minutes = 360
max_shift_minutes = 360
work_days_per_week = {{ min = 2, max = 5 }}

{SIX}""",
    "Chicago flex": f"""\
[[profiles]]
name = "Chicago flex"
description = "6 h or 8 h 30 (by the agent's daily hours), 07:00–19:00 Chicago = 08:00–20:00 NY"
days = {DAYS_MON_SAT}
clock = "local"
earliest_start = "07:00"
latest_end = "19:00"
min_shift_minutes = 360
max_shift_minutes = 510
min_break_interval_minutes = 60
max_break_interval_minutes = 210
work_days_per_week = {{ min = 2, max = 5 }}

{SIX}
{EIGHT}""",
    "NY ten": f"""\
[[profiles]]
name = "NY ten"
description = "10 h 30 (30-min unpaid lunch, two breaks) on 2 to 4 days, Mondays must work"
days = {DAYS_MUST_MON}
clock = "local"
earliest_start = "08:00"
latest_end = "20:00"
min_shift_minutes = 630
max_shift_minutes = 630
min_break_interval_minutes = 60
max_break_interval_minutes = 240
work_days_per_week = {{ min = 2, max = 4 }}

{TEN}""",
}


@dataclass
class Group:
    name: str
    profile: str
    zone: str
    agents: list[str]
    hours: dict
    minimum_staff: list[dict] = field(default_factory=list)


@dataclass
class Rule:
    agent: str
    time_zone: str
    employment_start: date | None = None
    employment_end: date | None = None
    hours: dict | None = None
    consecutive_work_days: dict | None = None
    consecutive_days_off: dict | None = None


@dataclass
class Scenario:
    file: str
    forecast: str
    weeks: int
    groups: list[Group]
    rules: list[Rule]


def kind(s: Scenario, r: Rule) -> str:
    g = next(g for g in s.groups if r.agent in g.agents)
    hours = dict(g.hours)
    hours.update(r.hours or {})
    return {6: "pt", 8.5: "ft", 10.5: "ten"}[hours["daily_max_hours"]]


def hours_at(s: Scenario, which: int) -> float:
    """Productive hours a week of the roster: at their weekly maximums (which = 1) or
    at the fewest shifts their weekly minimums force (which = 0)."""
    total = 0.0
    for r in s.rules:
        per, most = SHIFT[kind(s, r)]
        total += per * (most if which else MIN_SHIFTS[kind(s, r)])
    return total


def build(weeks: int, blocks: list[tuple[str, str, str, int]], rng: random.Random) -> Scenario:
    """A roster from (group, profile, zone, agents) blocks; every agent has a staff rule
    (their zone). A third of the Chicago agents are full-time 8 h 30."""
    groups, rules, n = [], [], 0
    for name, profile, zone, size in blocks:
        agents = [f"a{i:03d}" for i in range(n + 1, n + size + 1)]
        n += size
        hours = {"NY part-time": PT_HOURS, "Chicago flex": PT_HOURS,
                 "NY ten": TEN_HOURS}[profile]
        ms = []
        if profile == "Chicago flex":
            ms = [{"start": "15:00", "end": "16:00", "agents": size // 4, "weekdays": WEEKDAYS}]
        elif profile == "NY part-time":
            ms = [{"start": "22:00", "end": "23:00", "agents": size // 10,
                   "weekdays": WEEKDAYS + ["Sat"]}]
        groups.append(Group(name, profile, zone, agents, dict(hours), ms))
        for a in agents:
            rules.append(Rule(a, zone))
        if profile == "Chicago flex":
            for r in rng.sample(rules[-size:], size // 3):
                r.hours = dict(FT_HOURS)
    s = Scenario("", "", weeks, groups, rules)
    mid = START + timedelta(days=7 * (weeks // 2) + 2)  # a Wednesday mid-horizon
    everyone = list(rules)
    for r in rng.sample(everyone, len(everyone) // 25):
        r.employment_start = mid
    leavers = [r for r in everyone if r.employment_start is None]
    for r in rng.sample(leavers, len(everyone) // 40):
        r.employment_end = mid + timedelta(days=1)
    for r in rng.sample(everyone, len(everyone) // 20):
        r.consecutive_work_days = {"max": 4}
    not_ten = [r for r in everyone if kind(s, r) != "ten"]
    for r in rng.sample(not_ten, len(everyone) // 30):
        r.consecutive_days_off = {"min": 2, "max": 3}
    return s


def small_variant(rng: random.Random) -> Scenario:
    s = build(2, [
        ("Sales NY part-time A", "NY part-time", QUEUE_ZONE, 80),
        ("Sales NY part-time B", "NY part-time", QUEUE_ZONE, 80),
        ("Sales Chicago", "Chicago flex", "America/Chicago", 80),
        ("Sales NY 10h", "NY ten", QUEUE_ZONE, 60),
    ], rng)
    s.file, s.forecast = "schedule_demand_300x2w.toml", "forecast_demand_2w.csv"
    return s


def large_variant(rng: random.Random) -> Scenario:
    blocks = [(f"Sales NY part-time {c}", "NY part-time", QUEUE_ZONE, 80) for c in "ABCDE"]
    blocks += [(f"Sales Chicago {c}", "Chicago flex", "America/Chicago", 80) for c in "ABC"]
    blocks += [(f"Sales NY 10h {c}", "NY ten", QUEUE_ZONE, 80) for c in "AB"]
    s = build(4, blocks, rng)
    s.file, s.forecast = "schedule_demand_800x4w.toml", "forecast_demand_4w.csv"
    return s


# ---- demand ------------------------------------------------------------------------------


def generated_demand(tmp: Path) -> list[tuple[datetime, float, float]]:
    """(UTC start, expected volume, expected AHT) per 15 minutes from 2024-10-01, from
    the shared generator."""
    cmd = [sys.executable, str(GENERATOR), "--out-dir", str(tmp / "gen"), "--queues", "1",
           "--channels", "VOICE", "--months", "2", "--start", "2024-10-01", "--interval",
           "15", "--seed", str(SEED), "--outages-per-year", "0", "--spikes-per-year", "0"]
    print("$", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    out = []
    with (tmp / "gen" / "expected_15min.csv").open(newline="") as f:
        for r in csv.DictReader(f):
            if r["QueueId"] == QUEUE_ID and r["ChannelType"] == "VOICE":
                t = datetime.fromisoformat(r["TimeStamp"].replace("Z", "+00:00"))
                out.append((t, float(r["ExpectedVolume"]), float(r["ExpectedAHT"])))
    return out


def surge(t: datetime) -> float:
    """The morning surge factor at UTC instant t (by the queue's local clock)."""
    local = t.astimezone(ZoneInfo(QUEUE_ZONE))
    h = local.hour + local.minute / 60
    if h < 8 or h >= 12:
        return 1.0
    if h < 9:
        up = (h - 8) / 1.0
    elif h < 10.5:
        up = 1.0
    else:
        up = (12 - h) / 1.5
    return 1.0 + SURGE * math.sin(up * math.pi / 2)


def horizon_rows(demand, weeks: int) -> list[tuple[datetime, float, float]]:
    lo = datetime(START.year, START.month, START.day, tzinfo=ZoneInfo("UTC"))
    hi = lo + timedelta(days=7 * weeks)
    return [(t, v * surge(t), a) for t, v, a in demand if lo <= t < hi]


def staff(wfm: Path, tmp: Path, rows, factor: float) -> list[int]:
    """Agents per row at the goal (Erlang C, one `wfm staff` batch), 0 where closed."""
    src, dst = tmp / "staff_in.csv", tmp / "staff_out.csv"
    busy = []
    with src.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "volume", "aht_seconds", "interval_seconds",
                    "service_level_target", "service_level_seconds"])
        for i, (_, v, a) in enumerate(rows):
            v = round(v * factor, 2)
            if v > 0 and a > 0:
                busy.append(i)
                w.writerow([i, v, round(a, 1), 900, GOAL_TARGET, GOAL_SECONDS])
    agents = [0] * len(rows)
    if busy:
        subprocess.run([str(wfm), "staff", "--input", str(src), "--output", str(dst)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with dst.open(newline="") as f:
            for r in csv.DictReader(f):
                agents[int(r["id"])] = int(r["agents"])
    return agents


def size(wfm: Path, tmp: Path, rows, capacity: float) -> dict:
    """The volume factor (4 decimals) whose first week needs REQUIRED_SHARE × capacity
    agent hours."""
    week1 = rows[: 7 * 96]
    target = REQUIRED_SHARE * capacity

    def hours(factor: float) -> float:
        return 0.25 * sum(staff(wfm, tmp, week1, factor))

    lo, hi = 0.0, 1.0
    while hours(hi) < target:
        lo, hi = hi, hi * 2
    while hi - lo > 1e-4:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if hours(mid) < target else (lo, mid)
    factor = round(hi, 4)
    need = staff(wfm, tmp, week1, factor)
    k = max(range(len(need)), key=lambda i: need[i])
    return {"factor": factor, "hours": 0.25 * sum(need), "peak_at": week1[k][0],
            "peak_agents": need[k]}


def write_forecast(path: Path, rows, factor: float) -> None:
    with path.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["QueueName", "QueueId", "ChannelType", "TimeStamp", "IntervalDuration",
                    "IncomingContactVolume", "AverageHandleTime"])
        for t, v, a in rows:
            v = round(v * factor, 2)
            w.writerow([QUEUE_NAME, QUEUE_ID, "VOICE", t.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "15mins", f"{v:.2f}", f"{a:.1f}" if v > 0 else "0.0"])


# ---- TOML --------------------------------------------------------------------------------


def render(s: Scenario, z: dict, minimum_hours: float, capacity: float) -> str:
    agents = sum(len(g.agents) for g in s.groups)
    end = START + timedelta(days=7 * s.weeks - 1)
    pt = sum(1 for r in s.rules if kind(s, r) == "pt")
    head = (
        "# A scheduling scenario for `wfm schedule generate --scenario FILE`, format\n"
        "# version 1 (scheduler/src/scenario/mod.rs). GENERATED by\n"
        "# data/scenarios/make_demand_driven.py: edit the script, not this file.\n#\n"
        + comment(
            f"Demand-driven: {agents} agents ({pt} part-time 6 h with a 12 h weekly "
            f"minimum), {len(s.groups)} staffing groups on the agents' local clock "
            "(America/New_York, America/Chicago), across the US DST change of "
            "2024-11-03.")
        + "#\n"
        + comment(
            f"Demand: {s.forecast}, the expected volume of the shared generator's Sales "
            f"queue (seed {SEED}) with a morning surge (× {1 + SURGE:.1f} at 09:00–10:30 "
            f"New York), volume × {z['factor']:.4f}: the first week needs "
            f"{z['hours']:.0f} agent hours at the goal (Erlang C per 15 minutes), "
            f"{100 * z['hours'] / capacity:.0f} % of the roster's {capacity:.0f} "
            f"productive hours at their weekly maximums and "
            f"{z['hours'] / minimum_hours:.1f} × the {minimum_hours:.0f} their weekly "
            f"minimums force; the busiest interval, {z['peak_at']:%Y-%m-%dT%H:%MZ}, needs "
            f"{z['peak_agents']} agents.")
        + "\n"
    )
    body = [
        head, "version = 1\n",
        f"name = {toml_str(f'Sales, demand-driven: {agents} agents, {s.weeks} weeks')}\n",
        f"description = {toml_str(f'{len(s.groups)} staffing groups, local clocks, 15 minutes')}\n",
        'interval = "15mins"\n',
        f"forecast_groups = [{toml_str(FORECAST_GROUP)}]\n\n",
        "[request]\n",
        f"forecast_group = {toml_str(FORECAST_GROUP)}\n",
        f'start = "{START}"                 # a Monday\n',
        f'end = "{end}"                   # inclusive: {s.weeks} weeks\n',
        f'goal = {{ type = "service_level", target = {GOAL_TARGET}, '
        f"within_seconds = {GOAL_SECONDS} }}\n\n",
        ACTIVITIES,
        "\n# ---- shift profiles (all on the agent's local clock) -------------------------------\n",
        "\n".join(PROFILES[p] for p in dict.fromkeys(g.profile for g in s.groups)),
        "\n# ---- staffing groups (minimum staff ranges are UTC) ---------------------------------\n",
    ]
    for g in s.groups:
        body += ["[[staffing_groups]]\n", f"name = {toml_str(g.name)}\n",
                 f"forecast_group = {toml_str(FORECAST_GROUP)}\n",
                 f"profile = {toml_str(g.profile)}\n", wrap_list("agents", g.agents),
                 f"hours = {toml_str(g.hours)}\n"]
        if g.minimum_staff:
            body.append(f"minimum_staff = {toml_str(g.minimum_staff)}\n")
        body.append("\n")
    body.append("# ---- staff rules ---------------------------------------------------------------------\n")
    for r in s.rules:
        body += ["[[staff_rules]]\n", f"agent = {toml_str(r.agent)}\n",
                 f"time_zone = {toml_str(r.time_zone)}\n"]
        for key in ("employment_start", "employment_end", "hours", "consecutive_work_days",
                    "consecutive_days_off"):
            v = getattr(r, key)
            if v:
                body.append(f"{key} = {toml_str(v)}\n")
        body.append("\n")
    return "".join(body).rstrip("\n") + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--wfm", help="the wfm binary (default: target/debug/wfm)")
    p.add_argument("--out-dir", default=str(HERE), help="where to write (default: here)")
    args = p.parse_args()
    wfm, out = find_wfm(args.wfm), Path(args.out_dir)
    if not wfm.exists():
        sys.exit(f"{wfm} not found: build it with `cargo build -p wfm` or pass --wfm")
    rng = random.Random(SEED)
    scenarios = [small_variant(rng), large_variant(rng)]
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        demand = generated_demand(tmp)
        for s in scenarios:
            rows = horizon_rows(demand, s.weeks)
            capacity, minimum = hours_at(s, 1), hours_at(s, 0)
            z = size(wfm, tmp, rows, capacity)
            write_forecast(out / s.forecast, rows, z["factor"])
            text = render(s, z, minimum, capacity)
            tomllib.loads(text)
            (out / s.file).write_text(text)
            print(f"{s.file}: {sum(len(g.agents) for g in s.groups)} agents, factor "
                  f"{z['factor']}, week 1 needs {z['hours']:.0f} h of {capacity:.0f} "
                  f"(minimums force {minimum:.0f}); peak {z['peak_at']} "
                  f"{z['peak_agents']} agents", file=sys.stderr)


if __name__ == "__main__":
    main()
