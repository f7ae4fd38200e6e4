"""The concrete opening calendar of a place, day by day (Europe/Brussels).

Pure: no FastAPI, no database, no clock.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, timedelta

from api.hours.closures import closure_on
from api.hours.engine import _compiled, _Span, _timeline
from api.hours.public_holidays import public_holiday
from api.hours.timezone import BRUSSELS, day_bounds, start_of_day
from api.hours.types import Closure, Coordinates, Interval, OpeningState


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One local day (Europe/Brussels) of ``calendar``.

    ``intervals``: the OPEN and UNKNOWN intervals of the day, clipped to it, closures applied
    (none on a closure day). ``public_holiday``: French name of the Belgian national public
    holiday that day (one of the ten ``PH`` days of opening_hours.js, named by the ``holidays``
    package, see ``public_holiday``), else None; ``public_holiday_names``: its names
    ``{"fr", "nl", "en"}``, or ``{}``. ``closure``: the closure covering the day (the first
    given), or None. ``state``: the day as a whole: CLOSED on a closure day, else OPEN when
    it has an open interval, UNKNOWN when it only has unknown ones (hours not known at all
    are one UNKNOWN interval over the whole day: unknown is never closed), else CLOSED.
    """

    day: date
    intervals: list[Interval]
    public_holiday: str | None
    public_holiday_names: dict[str, str]
    closure: Closure | None
    state: OpeningState


def _day_state(intervals: Sequence[Interval], closure: Closure | None) -> OpeningState:
    if closure is not None:
        return OpeningState.CLOSED
    states = {interval.state for interval in intervals}
    for state in (OpeningState.OPEN, OpeningState.UNKNOWN):
        if state in states:
            return state
    return OpeningState.CLOSED


def calendar(
    *,
    opening_hours: str | None,
    start: date,
    days: int,
    closures: Sequence[Closure] = (),
    coordinates: Coordinates | None = None,
) -> list[CalendarDay]:
    """``days`` consecutive local days (Europe/Brussels) from ``start``, each with its OPEN and
    UNKNOWN intervals clipped to the day (none on a closure day), the Belgian public holiday it
    falls on and the closure covering it (see ``CalendarDay``).

    Empty or None hours, and a stored value ``validate_opening_hours`` refuses, are not known:
    each day is one UNKNOWN interval from midnight to midnight (state UNKNOWN), except a
    closure day, which is closed; so is a value with sunrise, sunset, dawn or dusk without the
    place's ``coordinates`` (``(lat, lon)``, WGS84 degrees). Raises ValueError when ``days``
    is negative.
    """
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")
    compiled = _compiled(opening_hours, coordinates)
    timeline: Iterator[_Span] = iter(())
    if compiled is not None and days:
        first, last = start_of_day(start), start_of_day(start + timedelta(days=days))
        timeline = _timeline(compiled, first.astimezone(UTC), last.astimezone(UTC))
    current = next(timeline, None)
    out: list[CalendarDay] = []
    for n in range(days):
        day = start + timedelta(days=n)
        day_start, day_end = (bound.astimezone(UTC) for bound in day_bounds(day))
        intervals: list[Interval] = []
        if compiled is None:
            intervals.append(
                Interval(
                    day_start.astimezone(BRUSSELS),
                    day_end.astimezone(BRUSSELS),
                    OpeningState.UNKNOWN,
                    None,
                )
            )
        while current is not None and current.start < day_end:
            if current.state is not OpeningState.CLOSED:
                begin = max(current.start, day_start).astimezone(BRUSSELS)
                finish = min(current.end, day_end).astimezone(BRUSSELS)
                intervals.append(Interval(begin, finish, current.state, current.comment))
            if current.end > day_end:
                break
            current = next(timeline, None)
        closure = closure_on(day, closures)
        names = public_holiday(day) or {}
        out.append(
            CalendarDay(
                day=day,
                intervals=[] if closure is not None else intervals,
                public_holiday=names.get("fr"),
                public_holiday_names=names,
                closure=closure,
                state=_day_state(intervals, closure),
            )
        )
    return out
