"""Closures (whole local days, Europe/Brussels) on top of a schedule: the one covering a day,
and the instants they close, for the engine, the calendar and the words."""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from api.hours.timezone import start_of_day
from api.hours.types import Closure

_DAY = timedelta(days=1)
# Writes refuse closures outside 1900-2200, but a stored one may reach the ends of the
# calendar (written before that rule, or by hand): the day after 9999-12-31 does not exist,
# nor does the UTC instant of 0001-01-01 00:00 in Brussels. Clamped to days whose midnights
# exist both ways, which changes nothing within a year of any instant a query accepts.
_FIRST_DAY, _LAST_DAY = date.min + _DAY, date.max - 2 * _DAY


def closure_on(day: date, closures: Sequence[Closure]) -> Closure | None:
    """The first of ``closures`` that covers the local ``day``, or None."""
    return next((c for c in closures if c.start <= day <= c.end), None)


def _midnight_utc(day: date) -> datetime:
    return start_of_day(min(max(day, _FIRST_DAY), _LAST_DAY)).astimezone(UTC)


def closed_ranges(closures: Sequence[Closure]) -> list[tuple[datetime, datetime]]:
    """Each closure as the UTC instants ``[its first midnight, the midnight after its last
    day)``, sorted by start; a closure that ends before it starts is left out."""
    return sorted(
        (_midnight_utc(c.start), _midnight_utc(min(c.end, _LAST_DAY) + _DAY))
        for c in closures
        if c.end >= c.start
    )
