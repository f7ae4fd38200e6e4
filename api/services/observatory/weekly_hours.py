"""The open hours of one schedule, week by week (Europe/Brussels). Pure: no database, no web
framework, no clock.

A week is Monday 00:00 to the next Monday 00:00, local time; its length is 168 hours, 167 in
the week the clocks go forward and 169 in the week they go back, and the open hours are
counted in elapsed time (an office open through the night of the change counts the hour that
was actually lived). The intervals come from the project's one opening-hours engine
(``api.hours.calendar``): lunch breaks, ``PH`` (the ten Belgian national public holidays) and
every other construct of the OSM ``opening_hours`` syntax are read as everywhere else in the
directory, and the ``closures`` (the place's and its organization's dated closures) remove
whole days.

Unknown is never zero: a schedule that is empty, unreadable, or only "unknown" (by
appointment, a comment without hours) in a week gives ``open_minutes = None`` for that week.
Where a week has both open and unknown stretches (``Mo-Fr 09:00-12:00; Sa unknown``), the
open ones are counted and the unknown ones given apart (``unknown_minutes``), never added.
"""

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from functools import lru_cache

from api.hours import Closure, Coordinates, OpeningState, calendar

MAX_WEEKS = 1100
"""At most ~21 years of weeks per call: a longer range is a caller's mistake."""


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """One week of one schedule.

    ``week``: its Monday (local date). ``open_minutes``: minutes open that week (elapsed
    time, closures applied), or None when the schedule says nothing known that week (empty,
    unreadable, or only unknown stretches). ``unknown_minutes``: minutes of "maybe open"
    stretches (``unknown``, comments without hours), not counted in ``open_minutes``.
    """

    week: date
    open_minutes: int | None
    unknown_minutes: int

    @property
    def open_hours(self) -> float | None:
        """``open_minutes`` in hours (two decimals), None when unknown."""
        return None if self.open_minutes is None else round(self.open_minutes / 60, 2)


def monday_of(day: date) -> date:
    """The Monday of the (ISO) week of ``day``."""
    return day - timedelta(days=day.weekday())


def weeks_hours(
    *,
    opening_hours: str | None,
    first_week: date,
    weeks: int,
    closures: Sequence[Closure] = (),
    coordinates: Coordinates | None = None,
) -> list[WeeklyHours]:
    """The ``weeks`` consecutive weeks from the Monday ``first_week``, each with its open and
    unknown minutes (see ``WeeklyHours``). ``opening_hours``: an OSM ``opening_hours`` value
    (Europe/Brussels), None or empty when not known; ``closures``: dated closures, both ends
    included; ``coordinates``: ``(lat, lon)`` for sunrise/sunset values (without them such a
    value is unknown). The schedule's days are cached (1024 schedules and ranges). Raises
    ValueError when ``first_week`` is not a Monday or ``weeks`` is not in 0..MAX_WEEKS.
    """
    if first_week.weekday() != 0:
        raise ValueError(f"first_week must be a Monday, got {first_week.isoformat()}")
    if not 0 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be between 0 and {MAX_WEEKS}, got {weeks}")
    seconds = _day_seconds(opening_hours or None, first_week, 7 * weeks, coordinates)
    out: list[WeeklyHours] = []
    for n in range(weeks):
        monday = first_week + timedelta(weeks=n)
        open_seconds = unknown_seconds = 0.0
        for offset in range(7):
            day = monday + timedelta(days=offset)
            if any(c.start <= day <= c.end for c in closures):
                continue  # a closure day is closed, whatever the schedule says
            open_seconds += seconds[2 * (7 * n + offset)]
            unknown_seconds += seconds[2 * (7 * n + offset) + 1]
        open_minutes, unknown_minutes = round(open_seconds / 60), round(unknown_seconds / 60)
        known = open_minutes > 0 or unknown_minutes == 0
        out.append(
            WeeklyHours(
                week=monday,
                open_minutes=open_minutes if known else None,
                unknown_minutes=unknown_minutes,
            )
        )
    return out


def weekly_hours(
    *,
    opening_hours: str | None,
    week: date,
    closures: Sequence[Closure] = (),
    coordinates: Coordinates | None = None,
) -> WeeklyHours:
    """The open and unknown minutes of one week (its Monday ``week``): ``weeks_hours`` for
    one week. Raises ValueError when ``week`` is not a Monday."""
    return weeks_hours(
        opening_hours=opening_hours,
        first_week=week,
        weeks=1,
        closures=closures,
        coordinates=coordinates,
    )[0]


@lru_cache(maxsize=1024)
def _day_seconds(
    opening_hours: str | None, start: date, days: int, coordinates: Coordinates | None
) -> "array[float]":
    # Open and unknown seconds of each day, flat (open, unknown, open, unknown...), without
    # closures: cached on the schedule alone, so that the places sharing a schedule (and the
    # versions of one place) share the work; an array keeps a cached range of ~20 years
    # under 128 KB.
    out = array("d")
    for day in calendar(
        opening_hours=opening_hours, start=start, days=days, coordinates=coordinates
    ):
        seconds = {OpeningState.OPEN: 0.0, OpeningState.UNKNOWN: 0.0}
        for interval in day.intervals:
            # Through UTC: two datetimes with the same tzinfo subtract as wall times,
            # which would make the night of a clock change 1 hour wrong.
            length = interval.end.astimezone(UTC) - interval.start.astimezone(UTC)
            seconds[interval.state] += length.total_seconds()
        out.append(seconds[OpeningState.OPEN])
        out.append(seconds[OpeningState.UNKNOWN])
    return out
