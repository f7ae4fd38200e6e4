"""Evaluation: the state at an instant, the next changes, a calendar of days."""

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from opening_hours import State

from api.hours.closures import closed_ranges, closure_on
from api.hours.public_holidays import easter_sunday, js_public_holiday_name
from api.hours.syntax import (
    PH_COMMENT,
    Compiled,
    Evaluator,
    InvalidOpeningHours,
    compile_at_place,
    compile_opening_hours,
)
from api.hours.timezone import BRUSSELS, to_brussels
from api.hours.types import Closure, Coordinates, Opening, OpeningState

HORIZON = timedelta(days=366)
"""How far ``closes_at`` and ``next_opens_at`` are looked for, in elapsed time from ``at``
(366 x 24 h, as opening_hours.js counts); a change at or after ``at + HORIZON`` is not found
(as opening_hours.js ``iterator.advance``)."""


_STATES = {State.OPEN: OpeningState.OPEN, State.CLOSED: OpeningState.CLOSED}


class _Span(NamedTuple):
    start: datetime  # UTC: aware datetimes sharing a ZoneInfo compare by wall time
    end: datetime
    state: OpeningState
    comment: str | None


def _compiled(opening_hours: str | None, coordinates: Coordinates | None) -> Compiled | None:
    if opening_hours is None or not opening_hours.strip():
        return None
    try:
        compiled = compile_opening_hours(opening_hours.strip())
    except InvalidOpeningHours:
        # A stored value the validator refuses (written before a rule changed, or by hand)
        # cannot be evaluated truthfully: it reads as unknown, never as a server error.
        return None
    if compiled.at_place:
        # Sunrise, sunset, dawn, dusk: where they are computed changes the answer. Without
        # the place's coordinates there is no true answer: unknown, never a guess.
        if coordinates is None:
            return None
        return compile_at_place(compiled.value, coordinates[0], coordinates[1])
    return compiled


def needs_coordinates(opening_hours: str | None) -> bool:
    """Whether the answers for ``opening_hours`` depend on where the place is (sunrise,
    sunset, dawn or dusk, computed at its coordinates by opening_hours.js). False for empty
    hours and for a stored value the validator refuses. Cached with the parse."""
    if opening_hours is None or not opening_hours.strip():
        return False
    try:
        return compile_opening_hours(opening_hours.strip()).at_place
    except InvalidOpeningHours:
        return False


def _is_easter_sunday(day: date) -> bool:
    return day == easter_sunday(day.year)


def _evaluator(compiled: Compiled, day: date) -> Evaluator:
    if compiled.without_ph is not None and _is_easter_sunday(day):
        return compiled.without_ph
    return compiled.main


def _state(state: State) -> OpeningState:
    return _STATES.get(state, OpeningState.UNKNOWN)


def state_at(
    opening_hours: str | None, at: datetime, *, coordinates: Coordinates | None = None
) -> tuple[OpeningState, str | None]:
    """``(state, comment)`` of ``opening_hours`` at the instant ``at`` (aware; a naive value is
    read as Brussels local time, see ``to_brussels``), ignoring closures. ``coordinates``:
    the place's ``(lat, lon)`` (WGS84 degrees), used only by values with sunrise, sunset,
    dawn or dusk, which are UNKNOWN without them.

    The fast path for hot loops: one cached parse and one evaluation, no interval walking
    (except, on a public holiday where a ``PH`` rule applies, a look at that day and the one
    before to name the holiday as opening_hours.js does). Empty or None hours, and a stored
    value that ``validate_opening_hours`` refuses, give ``(UNKNOWN, None)``.
    """
    compiled = _compiled(opening_hours, coordinates)
    if compiled is None:
        return OpeningState.UNKNOWN, None
    wall = _wall(at)
    evaluator = _evaluator(compiled, wall.date())
    state, raw = evaluator.state(wall)
    if compiled.tags_ph and raw == PH_COMMENT:
        return _state(state), _holiday_comment_at(evaluator, wall)
    return _state(state), raw or None


def _holiday_comment(begin: datetime, finish: datetime, day: date) -> str | None:
    """The comment opening_hours.js gives, on ``day``, to a stretch ``[begin, finish)`` (wall
    times) of a PH rule without comment: the holiday name, except on the part of a night
    that runs on from the day before (its "wrapped" rule keeps no holiday name: src/index.js,
    generateDateShifter returns only the state and the next date)."""
    name = js_public_holiday_name(day)
    if name is None:
        return None
    runs_on = begin < _wall_midnight(day) and finish < _wall_midnight(day + _DAY)
    return None if runs_on else name


def _holiday_comment_at(evaluator: Evaluator, wall: datetime) -> str | None:
    day = wall.date()
    if js_public_holiday_name(day) is None:
        return None
    # The stretch around ``wall``, from the day before, tells whether it runs on from there.
    for begin, finish, _, _ in evaluator.intervals(
        _wall_midnight(day - _DAY), _wall_midnight(day + _DAY)
    ):
        if begin <= wall < finish:
            return _holiday_comment(begin, finish, day)
    return None  # pragma: no cover - the intervals cover the two days


def _wall_pieces(
    compiled: Compiled, start: datetime, end: datetime
) -> Iterator[tuple[datetime, datetime, OpeningState, str | None]]:
    """The library's intervals over the naive wall-time range ``[start, end)``, Easter Sunday
    from the expression without PH, PH markers replaced as opening_hours.js comments them."""
    cursor = start
    while cursor < end:
        day = cursor.date()
        if compiled.without_ph is not None and _is_easter_sunday(day):
            evaluator: Evaluator = compiled.without_ph
            stop = min(end, _wall_midnight(day + _DAY))
        elif compiled.without_ph is not None:
            easter = easter_sunday(day.year)
            if easter < day:
                easter = easter_sunday(day.year + 1)
            evaluator, stop = compiled.main, min(end, _wall_midnight(easter))
        else:
            evaluator, stop = compiled.main, end
        # From the day before: a PH stretch's true start decides its holiday name. Not for
        # opening_hours.js, whose walk from an earlier instant may not give the state it
        # gives at ``cursor`` (an open end's guessed closing: unknown, or closed).
        since = cursor if compiled.by_reference else _wall_midnight(cursor.date() - _DAY)
        for begin, finish, state, raw in evaluator.intervals(min(cursor, since), stop):
            if finish <= cursor:
                continue
            if not (compiled.tags_ph and raw == PH_COMMENT):
                yield max(begin, cursor), finish, _state(state), raw or None
                continue
            # A PH-tagged stretch may span days (Jul-Aug Mo-Su,PH): the name is per day.
            piece = begin
            while piece < finish:
                midnight = min(finish, _wall_midnight(piece.date() + _DAY))
                if midnight > cursor:
                    comment = _holiday_comment(begin, finish, piece.date())
                    yield max(piece, cursor), midnight, _state(state), comment
                piece = midnight
        cursor = stop


_DAY = timedelta(days=1)


def _wall_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0))


def _wall(at: datetime) -> datetime:
    return to_brussels(at).replace(tzinfo=None)


def _instant(wall: datetime, fold: int = 0) -> datetime:
    # fold=0 reads a wall time in the spring gap with the offset from before the change and
    # takes the first of two in the autumn: JavaScript Date from local time does the same.
    return wall.replace(tzinfo=BRUSSELS, fold=fold).astimezone(UTC)


def _timeline(compiled: Compiled, start: datetime, end: datetime) -> Iterator[_Span]:
    """Successive spans covering the instants ``[start, end)`` (UTC), neighbours never sharing
    both state and comment (as the positions of opening_hours.js ``getIterator``).

    The library works in wall time; each boundary becomes an instant as opening_hours.js makes
    it (``_instant``). Spans stay contiguous and increasing: one that this turns backwards
    (wall times between 02:00 and 03:00 on the spring day) is dropped, and a walk that starts
    in the second occurrence of the repeated autumn hour keeps to that occurrence.
    """
    wall_end = _wall(end)
    last = start
    pending: _Span | None = None
    for _, finish, state, comment in _wall_pieces(compiled, _wall(start), wall_end):
        if finish == wall_end:
            stop = end
        else:
            stop = _instant(finish)
            if stop <= last:
                stop = _instant(finish, fold=1)
        if stop <= last:
            continue
        if pending is not None and (pending.state, pending.comment) == (state, comment):
            pending = _Span(pending.start, stop, state, comment)
        else:
            if pending is not None:
                yield pending
            pending = _Span(last, stop, state, comment)
        last = stop
    if pending is not None:
        yield pending


def _first_open_outside(
    timeline: Iterator[_Span], closed: list[tuple[datetime, datetime]]
) -> datetime | None:
    for span in timeline:
        if span.state is not OpeningState.OPEN:
            continue
        begin = span.start
        # Sorted by start, so pushing ``begin`` past each range that covers it, in order, also
        # crosses back-to-back and overlapping closures.
        for closed_start, closed_end in closed:
            if closed_start <= begin < closed_end:
                begin = closed_end
        if begin < span.end:
            return begin
    return None


def _local(instant: datetime | None) -> datetime | None:
    return None if instant is None else instant.astimezone(BRUSSELS)


def compute_opening(
    *,
    opening_hours: str | None,
    at: datetime,
    closures: Sequence[Closure] = (),
    coordinates: Coordinates | None = None,
) -> Opening:
    """The ``Opening`` of a place at the instant ``at`` (aware; naive is Brussels local time).

    Rules (DESIGN.md, "Opening hours: semantics"; opening_hours.js is the reference):
    ``closures`` override the schedule: on a closure day the state is CLOSED with the closure
    reason as comment, ``next_opens_at`` skips closure days and ``closes_at`` is cut at the
    start of a closure day. ``closes_at`` and ``next_opens_at`` come from walking the
    intervals (not from a next-change call, which also stops where only the comment changes),
    less than 366 days ahead. A comment-only rule (``Sa "sur rendez-vous"``) is UNKNOWN, never
    OPEN. Empty or None hours -> UNKNOWN with no times and no comment (CLOSED with the reason
    on a closure day); a stored value ``validate_opening_hours`` refuses reads the same way,
    and so does a value with sunrise, sunset, dawn or dusk without the place's
    ``coordinates`` (``(lat, lon)``, WGS84 degrees: where opening_hours.js computes them).
    """
    start = to_brussels(at).astimezone(UTC)
    closure = closure_on(_wall(at).date(), closures)
    compiled = _compiled(opening_hours, coordinates)
    if compiled is None:
        if closure is not None:
            return Opening(OpeningState.CLOSED, None, None, closure.reason)
        return Opening(OpeningState.UNKNOWN, None, None, None)
    closed = closed_ranges(closures)
    limit = start + HORIZON
    timeline = _timeline(compiled, start, limit)
    if closure is not None:
        found = _first_open_outside(timeline, closed)
        return Opening(OpeningState.CLOSED, None, _local(found), closure.reason)
    first = next(timeline)
    if first.state is not OpeningState.OPEN:
        found = _first_open_outside(timeline, closed)
        return Opening(first.state, None, _local(found), first.comment)
    closes_at = next((s.start for s in timeline if s.state is not OpeningState.OPEN), None)
    cut = next((begin for begin, _ in closed if begin > start), None)
    if cut is not None and cut < (closes_at or limit):
        closes_at = cut
    return Opening(OpeningState.OPEN, _local(closes_at), None, first.comment)
