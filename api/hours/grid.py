"""The week grid of the hours editor and the OSM ``opening_hours`` value it stands for.

Pure: no web framework, no database, no clock. A ``WeekGrid`` is what most counters publish:
for each weekday, Monday to Sunday, up to ``MAX_RANGES`` time ranges (a lunch break is two
ranges), and whether the place is closed on the ten Belgian public holidays (``PH off``).

- ``grid_to_value`` writes the OSM value (``Mo-Fr 09:00-12:00,13:00-16:00; PH off``) and
  gives it in the canonical form of opening_hours.js, through ``validate_opening_hours``,
  as every write is stored (``api.hours``, DESIGN.md "Opening hours: semantics").
- ``grid_from_value`` reads a value back into a grid when the grid can say it exactly, else
  gives None: then the raw value is authoritative (comments, months, ``||``, hours past
  midnight, ``sunrise``... are not in the grid).

Rules of the syntax followed by the reader
(https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification): a rule after ``;``
replaces the hours of the days it selects, a rule after ``,`` (an additional rule) adds
to them, ``off``/``closed`` closes the selected days, ``24/7`` is every day from 00:00 to
24:00, and days no rule selects are closed. ``PH off`` is read only as the last rule (a
later rule would reopen some public holidays).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

from api.hours.syntax import InvalidOpeningHours
from api.hours.validation import validate_opening_hours

DAY_CODES: tuple[str, ...] = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
"""OSM weekday codes, Monday first (``date.weekday()`` order)."""

MAX_RANGES = 3
"""Time ranges per day in the grid: a morning, an afternoon and an evening."""

DAY_MINUTES = 24 * 60


@dataclass(frozen=True, order=True, slots=True)
class TimeRange:
    """Open from ``opens`` to ``closes``, in minutes after local midnight (Europe/Brussels);
    ``closes`` may be 1440 (24:00, the end of the day)."""

    opens: int
    closes: int

    def osm(self) -> str:
        """As OSM writes it: ``09:00-12:30``, ``18:00-24:00``."""
        return f"{clock_text(self.opens)}-{clock_text(self.closes)}"


def clock_text(minutes: int) -> str:
    """Minutes after midnight as ``HH:MM`` (1440 is ``24:00``)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _empty_week() -> tuple[tuple[TimeRange, ...], ...]:
    return ((),) * 7


@dataclass(frozen=True, slots=True)
class WeekGrid:
    """``days``: seven tuples of ``TimeRange`` (Monday first), each sorted; an empty tuple is
    a closed day. ``closed_on_public_holidays``: ``PH off``. A grid without any range means
    the hours are not known (no value)."""

    days: tuple[tuple[TimeRange, ...], ...] = field(default_factory=_empty_week)
    closed_on_public_holidays: bool = False

    @property
    def empty(self) -> bool:
        """No time range on any day."""
        return not any(self.days)


class GridProblemKind(StrEnum):
    """What is wrong with one day of a grid (the form says it in the editor's language)."""

    BACKWARDS = "backwards"
    """A range closes at or before it opens (hours past midnight are not in the grid)."""
    OVERLAP = "overlap"
    """Two ranges of the day overlap."""
    TOO_MANY = "too_many"
    """More than ``MAX_RANGES`` ranges."""
    OUT_OF_DAY = "out_of_day"
    """A time outside 00:00-24:00."""
    EMPTY_WITH_HOLIDAYS = "empty_with_holidays"
    """``PH off`` ticked but no hours: say the hours or untick it."""


@dataclass(frozen=True, slots=True)
class GridProblem:
    """``kind`` of problem on ``day`` (0 = Monday; None for the grid as a whole) at the range
    ``position`` (0-based; None for the whole day)."""

    kind: GridProblemKind
    day: int | None
    position: int | None = None


class InvalidGrid(ValueError):
    """A grid that does not make a schedule; ``problems`` says where and why."""

    def __init__(self, problems: Sequence[GridProblem]) -> None:
        super().__init__("; ".join(f"{p.kind} on day {p.day} range {p.position}" for p in problems))
        self.problems = tuple(problems)


def grid_problems(grid: WeekGrid) -> list[GridProblem]:
    """Every problem of ``grid``, day by day (empty when it makes a schedule): a range that
    closes at or before it opens, a time outside the day, overlapping ranges, more than
    ``MAX_RANGES`` ranges, ``PH off`` without any hours. Ranges touching (12:00-12:00) are
    allowed."""
    problems: list[GridProblem] = []
    for day, ranges in enumerate(grid.days):
        if len(ranges) > MAX_RANGES:
            problems.append(GridProblem(GridProblemKind.TOO_MANY, day))
        for position, span in enumerate(ranges):
            if not (0 <= span.opens < DAY_MINUTES and 0 < span.closes <= DAY_MINUTES):
                problems.append(GridProblem(GridProblemKind.OUT_OF_DAY, day, position))
            elif span.closes <= span.opens:
                problems.append(GridProblem(GridProblemKind.BACKWARDS, day, position))
        ordered = sorted(enumerate(ranges), key=lambda item: item[1])
        for (_, before), (position, after) in pairwise(ordered):
            if after.opens < before.closes:
                problems.append(GridProblem(GridProblemKind.OVERLAP, day, position))
    if grid.empty and grid.closed_on_public_holidays:
        problems.append(GridProblem(GridProblemKind.EMPTY_WITH_HOLIDAYS, None))
    return problems


def _day_selector(days: Sequence[int]) -> str:
    """``Mo-We,Fr`` for days 0, 1, 2, 4: runs of three days or more as a range."""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAY_CODES[run[0]]}-{DAY_CODES[run[-1]]}")
        else:
            parts.extend(DAY_CODES[day] for day in run)
    return ",".join(parts)


def grid_to_value(grid: WeekGrid) -> str | None:
    """The OSM ``opening_hours`` value of ``grid``, canonical (as stored), or None when the
    grid has no hours at all (hours unknown). Days with the same ranges share one rule, in
    the order of their first day (``Mo-Th 09:00-12:00,13:00-16:00; Fr 09:00-12:00``); every
    day from 00:00 to 24:00 is ``24/7``; ``; PH off`` ends it when the place is closed on
    public holidays. Raises ``InvalidGrid`` (see ``grid_problems``)."""
    problems = grid_problems(grid)
    if problems:
        raise InvalidGrid(problems)
    if grid.empty:
        return None
    days = [tuple(sorted(ranges)) for ranges in grid.days]
    if all(ranges == (TimeRange(0, DAY_MINUTES),) for ranges in days):
        rules = ["24/7"]
    else:
        groups: dict[tuple[TimeRange, ...], list[int]] = {}
        for day, ranges in enumerate(days):
            if ranges:
                groups.setdefault(ranges, []).append(day)
        rules = [
            f"{_day_selector(members)} {','.join(span.osm() for span in ranges)}"
            for ranges, members in groups.items()
        ]
    if grid.closed_on_public_holidays:
        rules.append("PH off")
    return validate_opening_hours("; ".join(rules))


_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_TIME = r"[0-2]\d:[0-5]\d"
_RULE = re.compile(
    rf"(?P<days>24/7|{_DAY}(?:-{_DAY})?(?:,{_DAY}(?:-{_DAY})?)*)"
    rf"(?: (?P<hours>off|closed|{_TIME}-{_TIME}(?:,{_TIME}-{_TIME})*))?"
)
_PH_OFF = re.compile(r"PH (?:off|closed)")


def _selected_days(selector: str) -> list[int]:
    """Day indexes of ``Mo-We,Fr``; a range may wrap over the week end (``Sa-Mo``)."""
    days: list[int] = []
    for part in selector.split(","):
        first, _, last = part.partition("-")
        start = DAY_CODES.index(first)
        end = DAY_CODES.index(last) if last else start
        days.extend((start + n) % 7 for n in range((end - start) % 7 + 1))
    return days


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _rule_hours(hours: str | None) -> list[TimeRange] | None:
    """The ranges of a rule, [] for off/closed, None when the grid cannot say them (a bare
    day selector, hours past midnight or beyond 24:00)."""
    if hours is None:
        return None
    if hours in ("off", "closed"):
        return []
    ranges: list[TimeRange] = []
    for text in hours.split(","):
        opens, closes = (_minutes(part) for part in text.split("-"))
        if not (opens < closes <= DAY_MINUTES):
            return None
        ranges.append(TimeRange(opens, closes))
    return ranges


def grid_from_value(value: str | None) -> WeekGrid | None:
    """The grid that says exactly what ``value`` says, or None when no grid can (or when
    opening_hours.js refuses it). None or an empty value is the empty grid (hours unknown).
    The value is first put in its canonical form (``validate_opening_hours``), so
    ``Mo-Fr 9-17`` reads as ``Mo-Fr 09:00-17:00``."""
    if value is None or not value.strip():
        return WeekGrid()
    try:
        canonical = validate_opening_hours(value)
    except InvalidOpeningHours:
        return None
    rules = canonical.split("; ")
    closed_on_public_holidays = _PH_OFF.fullmatch(rules[-1]) is not None
    if closed_on_public_holidays:
        rules.pop()
    week: list[list[TimeRange]] = [[] for _ in DAY_CODES]
    for rule in rules:
        # ", " (with a space) between rules adds to the days; "," inside a rule lists.
        for position, part in enumerate(rule.split(", ")):
            match = _RULE.fullmatch(part)
            if match is None:
                return None
            if match["days"] == "24/7":
                if match["hours"] is not None:
                    return None
                days, ranges = list(range(7)), [TimeRange(0, DAY_MINUTES)]
            else:
                days, found = _selected_days(match["days"]), _rule_hours(match["hours"])
                if found is None or (position > 0 and not found):
                    return None
                ranges = found
            for day in days:
                week[day] = (week[day] if position > 0 else []) + ranges
    grid = WeekGrid(tuple(tuple(sorted(day)) for day in week), closed_on_public_holidays)
    if grid_problems(grid):
        return None
    return grid
