"""The opening at an instant: the state, when it closes or next opens, and how long that
answer holds, from the walk of ``api.hours.engine`` with the closures on top."""

import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import NamedTuple

from api.hours.closures import closed_ranges, closure_on
from api.hours.engine import (
    _DAY,
    HORIZON,
    _compiled,
    _instant,
    _Span,
    _timeline,
    _wall,
    _wall_midnight,
)
from api.hours.timezone import BRUSSELS, to_brussels
from api.hours.types import Closure, Coordinates, Opening, OpeningState

# An offset ("(sunset+01:00)") is in brackets; a comment may hold anything.
_OFFSETS_AND_COMMENTS = re.compile(r'\([^()]*\)|"[^"]*"')


@lru_cache(maxsize=4096)
def walks_alike(value: str) -> bool:
    """Whether ``value`` gives the same state at an instant whatever instant the walk of
    opening_hours.js started from: no open end (a ``+`` outside an offset's brackets and a
    comment: its guessed closing depends on the start) and no fallback rule (``||``,
    applied per instant). For such a value an ``Opening`` tells the state at later instants
    too: OPEN until ``closes_at``, not OPEN until ``next_opens_at``."""
    bare = _OFFSETS_AND_COMMENTS.sub("", value)
    return "+" not in bare and "||" not in bare


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
    return compute_steady_opening(
        opening_hours=opening_hours, at=at, closures=closures, coordinates=coordinates
    ).opening


class SteadyOpening(NamedTuple):
    """An ``Opening`` computed at ``at`` and the instant ``until`` (aware, UTC) before which
    ``compute_opening`` gives the same answer at every later instant: the end of the first
    stretch of one state and comment, at most the next midnight (a closure day begins
    there); None: only at ``at`` (unknown at first, or no change within the horizon, which
    moves with the instant)."""

    opening: Opening
    until: datetime | None


def compute_steady_opening(
    *,
    opening_hours: str | None,
    at: datetime,
    closures: Sequence[Closure] = (),
    coordinates: Coordinates | None = None,
) -> SteadyOpening:
    """``compute_opening`` (same arguments) and how long its answer holds
    (``SteadyOpening``): the walk from any later instant before ``until`` meets the same
    first stretch, then the same ones."""
    start = to_brussels(at).astimezone(UTC)
    wall = _wall(at)
    midnight = _instant(_wall_midnight(wall.date() + _DAY))
    closure = closure_on(wall.date(), closures)
    compiled = _compiled(opening_hours, coordinates)
    if compiled is None:
        if closure is not None:
            return SteadyOpening(Opening(OpeningState.CLOSED, None, None, closure.reason), None)
        return SteadyOpening(Opening(OpeningState.UNKNOWN, None, None, None), None)
    closed = closed_ranges(closures)
    limit = start + HORIZON
    timeline = _timeline(compiled, start, limit)
    if closure is not None:
        found = _first_open_outside(timeline, closed)
        opening = Opening(OpeningState.CLOSED, None, _local(found), closure.reason)
        return SteadyOpening(opening, midnight if found is not None else None)
    first = next(timeline)
    until = min(first.end, midnight) if first.state is not OpeningState.UNKNOWN else None
    if first.state is not OpeningState.OPEN:
        found = _first_open_outside(timeline, closed)
        opening = Opening(first.state, None, _local(found), first.comment)
        return SteadyOpening(opening, until if found is not None else None)
    closes_at = next((s.start for s in timeline if s.state is not OpeningState.OPEN), None)
    cut = next((begin for begin, _ in closed if begin > start), None)
    if cut is not None and cut < (closes_at or limit):
        closes_at = cut
    opening = Opening(OpeningState.OPEN, _local(closes_at), None, first.comment)
    return SteadyOpening(opening, until if closes_at is not None else None)
