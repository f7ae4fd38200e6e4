"""Evaluation: the state at an instant, the next changes, a calendar of days."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from opening_hours import OpeningHours, State

from api.hours.public_holidays import easter_sunday, js_public_holiday_name, public_holiday
from api.hours.syntax import PH_COMMENT, Compiled, compile_opening_hours
from api.hours.timezone import add_absolute, day_bounds, start_of_day, to_brussels

HORIZON = timedelta(days=366)
"""How far ``closes_at`` and ``next_opens_at`` are looked for, in elapsed time from ``at``; a
change at or after ``at + HORIZON`` is not found (as opening_hours.js ``iterator.advance``)."""


class OpeningState(StrEnum):
    """Open, closed, or unknown (maybe open: by appointment, a comment-only rule, no data)."""

    OPEN = "open"
    CLOSED = "closed"
    UNKNOWN = "unknown"


_STATES = {State.OPEN: OpeningState.OPEN, State.CLOSED: OpeningState.CLOSED}


@dataclass(frozen=True, slots=True)
class Closure:
    """A dated exception that closes the place: local dates (Europe/Brussels) ``start`` to
    ``end``, both included, and an optional human ``reason``."""

    start: date
    end: date
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Opening:
    """The opening at one instant (all datetimes aware, Europe/Brussels).

    - ``closes_at``: when ``state`` is OPEN, the end of the current open stretch (a closure day
      cuts it at its 00:00); None otherwise or when it does not close within 366 days.
    - ``next_opens_at``: when CLOSED or UNKNOWN, the start of the next OPEN interval outside
      closure days; None when open or when nothing opens within 366 days.
    - ``comment``: the rule's comment (as opening_hours.js gives it, e.g. the holiday name for a
      matching ``PH`` rule without comment), or the closure reason when a closure applies.
    """

    state: OpeningState
    closes_at: datetime | None
    next_opens_at: datetime | None
    comment: str | None


@dataclass(frozen=True, slots=True)
class Interval:
    """A stretch ``[start, end)`` of one state and comment (aware, Europe/Brussels)."""

    start: datetime
    end: datetime
    state: OpeningState
    comment: str | None


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One local day (Europe/Brussels) of ``calendar``.

    ``intervals``: the OPEN and UNKNOWN intervals of the day, clipped to it, closures applied
    (none on a closure day). ``public_holiday``: French name of the Belgian national public
    holiday that day (one of the ten ``PH`` days of opening_hours.js, named by the ``holidays``
    package, see ``public_holiday``), else None; ``public_holiday_names``: its names
    ``{"fr", "nl", "en"}``, or ``{}``. ``closure``: the closure covering the day (the first
    given), or None.
    """

    day: date
    intervals: list[Interval]
    public_holiday: str | None
    public_holiday_names: dict[str, str]
    closure: Closure | None


def _compiled(opening_hours: str | None) -> Compiled | None:
    if opening_hours is None or not opening_hours.strip():
        return None
    return compile_opening_hours(opening_hours.strip())


def _is_easter_sunday(day: date) -> bool:
    return day == easter_sunday(day.year)


def _evaluator(compiled: Compiled, day: date) -> OpeningHours:
    if compiled.without_ph is not None and _is_easter_sunday(day):
        return compiled.without_ph
    return compiled.main


def _state(state: State) -> OpeningState:
    return _STATES.get(state, OpeningState.UNKNOWN)


def state_at(opening_hours: str | None, at: datetime) -> tuple[OpeningState, str | None]:
    """``(state, comment)`` of ``opening_hours`` at the instant ``at`` (aware; a naive value is
    read as Brussels local time, see ``to_brussels``), ignoring closures.

    The fast path for hot loops: one cached parse and one evaluation, no interval walking.
    Empty or None hours -> ``(UNKNOWN, None)``. Raises InvalidOpeningHours for a value that
    ``validate_opening_hours`` refuses.
    """
    compiled = _compiled(opening_hours)
    if compiled is None:
        return OpeningState.UNKNOWN, None
    local = to_brussels(at)
    day = local.date()
    state, raw = _evaluator(compiled, day).state(local)
    if compiled.tags_ph and raw == PH_COMMENT:
        return _state(state), js_public_holiday_name(day)
    return _state(state), raw or None


def _first_occurrence(boundary: datetime) -> datetime:
    # A boundary in the repeated hour of the autumn change is a wall time that happens twice:
    # opening-hours-py takes the second, opening_hours.js (JavaScript Date) the first.
    if not boundary.fold:
        return boundary
    first = boundary.replace(fold=0)
    if first.utcoffset() != boundary.utcoffset() and to_brussels(first) == first:
        return first
    return boundary


def _library_intervals(compiled: Compiled, start: datetime, end: datetime) -> Iterator[Interval]:
    # Easter Sunday comes from the expression without PH, every other day from the main one.
    cursor = start
    while cursor < end:
        day = cursor.date()
        if compiled.without_ph is not None and _is_easter_sunday(day):
            evaluator, stop = compiled.without_ph, min(end, day_bounds(day)[1])
        elif compiled.without_ph is not None:
            easter = easter_sunday(day.year)
            if easter < day:
                easter = easter_sunday(day.year + 1)
            evaluator, stop = compiled.main, min(end, start_of_day(easter))
        else:
            evaluator, stop = compiled.main, end
        for begin, finish, state, raw in evaluator.intervals(cursor, stop):
            if begin != cursor:
                begin = _first_occurrence(begin)
            if finish != stop:
                finish = _first_occurrence(finish)
            begin = max(begin, cursor)
            if finish > begin:
                yield Interval(begin, finish, _state(state), raw or None)
        cursor = stop


def _with_holiday_names(compiled: Compiled, piece: Interval) -> Iterator[Interval]:
    # A PH-tagged interval may span days (Jul-Aug Mo-Su,PH): its comment is decided per day.
    if not (compiled.tags_ph and piece.comment == PH_COMMENT):
        yield piece
        return
    cursor = piece.start
    while cursor < piece.end:
        stop = min(piece.end, day_bounds(cursor.date())[1])
        yield Interval(cursor, stop, piece.state, js_public_holiday_name(cursor.date()))
        cursor = stop


def _timeline(compiled: Compiled, start: datetime, end: datetime) -> Iterator[Interval]:
    """Successive intervals covering ``[start, end)``, two neighbours never sharing both state
    and comment (as the positions of opening_hours.js ``getIterator``)."""
    pending: Interval | None = None
    for raw in _library_intervals(compiled, start, end):
        for piece in _with_holiday_names(compiled, raw):
            if pending is None:
                pending = piece
            elif (pending.state, pending.comment) == (piece.state, piece.comment):
                pending = Interval(pending.start, piece.end, piece.state, piece.comment)
            else:
                yield pending
                pending = piece
    if pending is not None:
        yield pending


def _closure_on(day: date, closures: Sequence[Closure]) -> Closure | None:
    return next((c for c in closures if c.start <= day <= c.end), None)


def _closed_ranges(closures: Sequence[Closure]) -> list[tuple[datetime, datetime]]:
    return sorted(
        (start_of_day(c.start), start_of_day(c.end + timedelta(days=1)))
        for c in closures
        if c.end >= c.start
    )


def _first_open_outside(
    timeline: Iterator[Interval], closed: list[tuple[datetime, datetime]]
) -> datetime | None:
    for interval in timeline:
        if interval.state is not OpeningState.OPEN:
            continue
        begin = interval.start
        # Sorted by start, so pushing ``begin`` past each range that covers it, in order, also
        # crosses back-to-back and overlapping closures.
        for closed_start, closed_end in closed:
            if closed_start <= begin < closed_end:
                begin = closed_end
        if begin < interval.end:
            return begin
    return None


def compute_opening(
    *, opening_hours: str | None, at: datetime, closures: Sequence[Closure] = ()
) -> Opening:
    """The ``Opening`` of a place at the instant ``at`` (aware; naive is Brussels local time).

    Rules (DESIGN.md, "Opening hours: semantics"; opening_hours.js is the reference):
    ``closures`` override the schedule: on a closure day the state is CLOSED with the closure
    reason as comment, ``next_opens_at`` skips closure days and ``closes_at`` is cut at the
    start of a closure day. ``closes_at`` and ``next_opens_at`` come from walking the
    intervals (not from a next-change call, which also stops where only the comment changes),
    less than 366 days ahead. A comment-only rule (``Sa "sur rendez-vous"``) is UNKNOWN, never
    OPEN. Empty or None hours -> UNKNOWN with no times and no comment (CLOSED with the reason
    on a closure day). Raises InvalidOpeningHours for a value ``validate_opening_hours``
    refuses.
    """
    local = to_brussels(at)
    closure = _closure_on(local.date(), closures)
    compiled = _compiled(opening_hours)
    if compiled is None:
        if closure is not None:
            return Opening(OpeningState.CLOSED, None, None, closure.reason)
        return Opening(OpeningState.UNKNOWN, None, None, None)
    closed = _closed_ranges(closures)
    limit = add_absolute(local, HORIZON)
    timeline = _timeline(compiled, local, limit)
    if closure is not None:
        next_opens_at = _first_open_outside(timeline, closed)
        return Opening(OpeningState.CLOSED, None, next_opens_at, closure.reason)
    first = next(timeline)
    if first.state is not OpeningState.OPEN:
        return Opening(first.state, None, _first_open_outside(timeline, closed), first.comment)
    closes_at = next((i.start for i in timeline if i.state is not OpeningState.OPEN), None)
    cut = next((start for start, _ in closed if start > local), None)
    if cut is not None and cut < (closes_at or limit):
        closes_at = cut
    return Opening(OpeningState.OPEN, closes_at, None, first.comment)


def calendar(
    *,
    opening_hours: str | None,
    start: date,
    days: int,
    closures: Sequence[Closure] = (),
) -> list[CalendarDay]:
    """``days`` consecutive local days (Europe/Brussels) from ``start``, each with its OPEN and
    UNKNOWN intervals clipped to the day (none on a closure day), the Belgian public holiday it
    falls on and the closure covering it (see ``CalendarDay``).

    Empty or None hours give days without intervals. Raises ValueError when ``days`` is
    negative, InvalidOpeningHours for a value ``validate_opening_hours`` refuses.
    """
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")
    compiled = _compiled(opening_hours)
    timeline: Iterator[Interval] = iter(())
    if compiled is not None and days:
        end = start_of_day(start + timedelta(days=days))
        timeline = _timeline(compiled, start_of_day(start), end)
    current = next(timeline, None)
    out: list[CalendarDay] = []
    for n in range(days):
        day = start + timedelta(days=n)
        day_start, day_end = day_bounds(day)
        clipped: list[Interval] = []
        while current is not None and current.start < day_end:
            if current.state is not OpeningState.CLOSED:
                begin, finish = max(current.start, day_start), min(current.end, day_end)
                clipped.append(Interval(begin, finish, current.state, current.comment))
            if current.end > day_end:
                break
            current = next(timeline, None)
        closure = _closure_on(day, closures)
        names = public_holiday(day) or {}
        out.append(
            CalendarDay(
                day=day,
                intervals=[] if closure is not None else clipped,
                public_holiday=names.get("fr"),
                public_holiday_names=names,
                closure=closure,
            )
        )
    return out
