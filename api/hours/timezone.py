"""Europe/Brussels time: reading instants and cutting local days."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")
"""The time zone of every answer (daylight saving time included)."""


def to_brussels(at: datetime) -> datetime:
    """``at`` as an aware datetime in Europe/Brussels (tzinfo is ``BRUSSELS`` itself).

    - aware: the same instant, converted (an aware Brussels datetime at a wall time that does
      not exist is normalised, e.g. 02:30+01:00 on 2027-03-28 becomes 03:30+02:00);
    - naive: read as Brussels local time. A local time that does not exist (the spring gap,
      e.g. 2027-03-28T02:30) becomes the first instant after the gap (03:00+02:00); an
      ambiguous local time (the autumn fold, e.g. 2026-10-25T02:30) is its first occurrence
      (+02:00). Rule from DESIGN.md, "Opening hours: semantics".

    Raises OverflowError only within a day of ``datetime.min`` or ``datetime.max``.
    """
    if at.tzinfo is not None and at.utcoffset() is not None:
        # Through UTC: astimezone() to the tzinfo a datetime already has changes nothing.
        return at.astimezone(UTC).astimezone(BRUSSELS)
    local = at.replace(tzinfo=BRUSSELS, fold=0)
    if local.astimezone(UTC).astimezone(BRUSSELS).replace(tzinfo=None) == at.replace(fold=0):
        return local
    return _end_of_gap(local)


def _end_of_gap(local: datetime) -> datetime:
    # In a gap, fold=0 reads the wall time with the offset from before the change and fold=1
    # with the offset from after: the change lies between those two instants, found to the
    # second by bisection (zone rules change on whole seconds).
    before = local.replace(fold=1).astimezone(UTC)
    after = local.replace(fold=0).astimezone(UTC)
    old_offset = before.astimezone(BRUSSELS).utcoffset()
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) // 2
        middle = middle.replace(microsecond=0)
        if middle.astimezone(BRUSSELS).utcoffset() == old_offset:
            before = middle
        else:
            after = middle
    return after.astimezone(BRUSSELS)


def start_of_day(day: date) -> datetime:
    """00:00 Europe/Brussels on ``day`` (midnight always exists there: changes happen at 02:00
    and 03:00)."""
    return datetime.combine(day, time(0), tzinfo=BRUSSELS)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The local day ``day`` as a half-open range of aware Brussels datetimes; 23 or 25 hours
    long on the days the clocks change."""
    return start_of_day(day), start_of_day(day + timedelta(days=1))
