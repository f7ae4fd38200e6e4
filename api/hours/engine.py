"""Evaluation: the state at an instant, the next changes, a calendar of days."""

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from opening_hours import State

from api.hours.public_holidays import easter_sunday, js_public_holiday_name
from api.hours.reference import ReferenceHours, reference_states
from api.hours.syntax import (
    PH_COMMENT,
    Compiled,
    Evaluator,
    InvalidOpeningHours,
    compile_at_place,
    compile_opening_hours,
)
from api.hours.timezone import BRUSSELS, to_brussels
from api.hours.types import Coordinates, OpeningState

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


def states_at(
    queries: Sequence[tuple[str | None, datetime, Coordinates | None]],
) -> list[tuple[OpeningState, str | None]]:
    """``state_at(opening_hours, at, coordinates=coordinates)`` for each
    ``(opening_hours, at, coordinates)`` of ``queries``, the same answers, with every value
    evaluated by opening_hours.js (sun times at a place) asked in one call into it rather
    than one call each (a call costs more than an evaluation)."""
    answers: list[tuple[OpeningState, str | None] | None] = [None] * len(queries)
    batch: list[tuple[int, ReferenceHours, datetime]] = []
    for k, (opening_hours, at, coordinates) in enumerate(queries):
        compiled = _compiled(opening_hours, coordinates)
        if compiled is not None and not compiled.tags_ph:
            wall = _wall(at)
            evaluator = _evaluator(compiled, wall.date())
            if isinstance(evaluator, ReferenceHours):
                batch.append((k, evaluator, wall))
                continue
        answers[k] = state_at(opening_hours, at, coordinates=coordinates)
    found = reference_states([(evaluator, wall) for _, evaluator, wall in batch])
    for (k, _, _), (state, raw) in zip(batch, found, strict=True):
        answers[k] = (_state(state), raw or None)
    return [answer for answer in answers if answer is not None]


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
