"""Will it still be open when they get there? The walk from the origin and the state of an
access point at the arrival instant (issue 5; walking speed and detour in ``api.geo``)."""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

import sqlalchemy as sa
from sqlmodel import Session, col

from api import hours
from api.geo import walking_minutes
from api.models import Closure

if TYPE_CHECKING:
    from api.services.index.held import HeldOpenings
    from api.services.index.lookups import Memo


class ArrivalMode(StrEnum):
    """``flag``: every place says whether it will be open when the person arrives on foot;
    ``exclude``: places that will not be open then are left out."""

    FLAG = "flag"
    EXCLUDE = "exclude"


_CLOSURES_BETWEEN = sa.select(
    col(Closure.access_point_id), col(Closure.organization_id), col(Closure.start), col(Closure.end)
).where(
    col(Closure.start) <= sa.bindparam("last"),
    col(Closure.end) >= sa.bindparam("first"),
    col(Closure.cancelled_at).is_(None),
)


def arrival_time(at: datetime, distance_m: float) -> datetime:
    """When a person leaving at ``at`` arrives on foot at ``distance_m`` metres (elapsed time,
    through UTC so that a walk over a DST change is not an hour off)."""
    walk = timedelta(minutes=walking_minutes(distance_m))
    return (at.astimezone(UTC) + walk).astimezone(at.tzinfo)


ArrivalStates = dict[tuple[str | None, datetime, hours.Coordinates | None], bool]
"""Whether a value (at a place, for sun times) is open during an arrival minute."""

_LAST_INSTANT = timedelta(seconds=59, microseconds=999_999)


def _is_open(value: str | None, at: datetime, place: hours.Coordinates | None) -> bool:
    return hours.state_at(value, at, coordinates=place)[0] is hours.OpeningState.OPEN


class KnownOpening(Protocol):
    """What an opening computed at the request's instant says of later ones: an
    ``hours.Opening`` or its API form (``OpeningPublic``)."""

    @property
    def state(self) -> hours.OpeningState: ...

    @property
    def closes_at(self) -> datetime | None: ...

    @property
    def next_opens_at(self) -> datetime | None: ...


def arrival_told_by(opening: KnownOpening, arrival: datetime) -> bool | None:
    """Whether a place is open at ``arrival`` as its ``opening`` computed at an instant
    ``at <= arrival`` tells it, without evaluating its hours again; None when it cannot tell.

    For a value that walks alike from any start (``hours.walks_alike``), an opening holds
    for every instant up to its next change: open before ``closes_at`` (None: not within
    366 days), not open before ``next_opens_at`` (None: nothing opens within 366 days).
    When it holds up to the end of the arrival minute, that is what ``open_during_minute``
    answers too (the whole stretch from ``at`` is in one state). Closure days are the
    caller's: an open stretch they hide is skipped by ``next_opens_at`` but not by this."""
    # In UTC: aware datetimes of one zone compare by wall time, blind to the repeated
    # autumn hour.
    last = arrival.astimezone(UTC).replace(second=0, microsecond=0) + _LAST_INSTANT
    state, closes, opens = opening.state, opening.closes_at, opening.next_opens_at
    if state is hours.OpeningState.OPEN and (closes is None or last < closes.astimezone(UTC)):
        return True
    if state is hours.OpeningState.CLOSED and (opens is None or last < opens.astimezone(UTC)):
        return False
    return None


def open_during_minute(
    value: str | None,
    arrival: datetime,
    place: hours.Coordinates | None,
    memo: ArrivalStates,
    held: "HeldOpenings | None" = None,
) -> bool:
    """Whether ``value`` (at ``place`` when it has sun times) is open at ``arrival``, memoised
    in ``memo`` per arrival minute: hours change state on whole minutes only (the syntax has
    no seconds), so the minute's first instant answers for all of it; a sun time may fall
    inside a minute, so such a value is memoised only when its first and last instants
    agree, and otherwise evaluated at ``arrival`` itself. A sun-time value's opening held
    in ``held`` (the index's) for the whole arrival minute answers without evaluating."""
    minute = arrival.replace(second=0, microsecond=0)
    key = (value, minute, place)
    found = memo.get(key)
    if found is None and held is not None and value is not None and place is not None:
        opening = held.get((value, (), place), minute)
        if opening is not None:
            found = memo[key] = opening.state is hours.OpeningState.OPEN
    if found is None:
        found = _is_open(value, minute, place)
        if place is not None and _is_open(value, minute + _LAST_INSTANT, place) != found:
            return _is_open(value, arrival, place)
        memo[key] = found
    return found


ArrivalQuery = tuple[str, str, str | None, float, hours.Coordinates | None, "KnownOpening | None"]
"""An arrival question: access point id, organization id, opening hours, distance in
metres, the place's (lat, lon), its opening at the request's instant (or None)."""


class ArrivalCheck:
    """Will an access point be open when the person gets there on foot? Its state at the
    arrival instant, closures applied (the closures of every day a walk within
    ``max_distance_m`` can end on are read once). ``states``: a memo shared by the requests
    of one minute (the index's ``MinuteState.arrivals``), else one of this check's own;
    ``memo`` (the index's, for one database state) keeps the closures read per span of days;
    ``held``: the index's openings of sun-time values held across minutes."""

    def __init__(
        self,
        *,
        session: Session,
        at: datetime,
        max_distance_m: float,
        states: ArrivalStates | None = None,
        memo: "Memo | None" = None,
        held: "HeldOpenings | None" = None,
    ) -> None:
        last = arrival_time(at, max_distance_m)
        span = {"first": at.date(), "last": last.date()}

        def read() -> list[tuple[str, str, date, date]]:
            found = session.connection().execute(_CLOSURES_BETWEEN, span)
            # A closure names its access point or its organization: the other is "".
            return [(a or "", o or "", start, end) for a, o, start, end in found]

        rows = read() if memo is None else memo.remember(("closures", *span.values()), read)
        self.at = at
        # Keyed by ("access_point" | "organization", id): the two id spaces may share a slug.
        self.closed: dict[tuple[str, str], list[tuple[date, date]]] = {}
        for ap_id, org_id, start, end in rows:
            owner = ("access_point", ap_id) if ap_id else ("organization", org_id)
            self.closed.setdefault(owner, []).append((start, end))
        self.states: ArrivalStates = {} if states is None else states
        self.held = held
        # Per request: each result is asked twice (``prefetch``, then the call), and many
        # results share a walk of the same minutes.
        self._arrivals: dict[int, datetime] = {}
        self._known_memo: dict[
            tuple[object, ...], bool | tuple[str | None, datetime, hours.Coordinates | None]
        ] = {}

    def arrival_at(self, distance_m: float) -> datetime:
        """``arrival_time(at, distance_m)``, memoised per walk (whole minutes)."""
        minutes = walking_minutes(distance_m)
        found = self._arrivals.get(minutes)
        if found is None:
            found = self._arrivals[minutes] = arrival_time(self.at, distance_m)
        return found

    def __call__(
        self,
        access_point_id: str,
        organization_id: str,
        opening_hours: str | None,
        distance_m: float,
        *,
        coordinates: hours.Coordinates | None = None,
        opening: KnownOpening | None = None,
    ) -> bool:
        """Whether the access point will be open when the person, leaving at ``at``, arrives
        after ``distance_m`` metres on foot: False on a closure day of the access point or
        its organization, else the state of ``opening_hours`` (at ``coordinates``, its (lat,
        lon), for sun times) during the arrival minute (``open_during_minute``). The
        ``opening`` at ``at`` (closures applied), when given, answers without evaluating
        until its next change, if the value walks alike from any start
        (``hours.walks_alike``)."""
        found = self._known(
            (access_point_id, organization_id, opening_hours, distance_m, coordinates, opening)
        )
        if isinstance(found, bool):
            return found
        return open_during_minute(*found, self.states, self.held)

    def _known(
        self, query: ArrivalQuery
    ) -> bool | tuple[str | None, datetime, hours.Coordinates | None]:
        # The answer when known without evaluating the hours, else what to evaluate; the
        # same all request long for the same question (an access point has one opening).
        key = (*query[:5], query[5] is None)
        found = self._known_memo.get(key)
        if found is None:
            found = self._known_memo[key] = self._know(query)
        return found

    def _know(
        self, query: ArrivalQuery
    ) -> bool | tuple[str | None, datetime, hours.Coordinates | None]:
        access_point_id, organization_id, opening_hours, distance_m, coordinates, opening = query
        arrival = self.arrival_at(distance_m)
        day = arrival.date()
        for owner in (("access_point", access_point_id), ("organization", organization_id)):
            if any(start <= day <= end for start, end in self.closed.get(owner, ())):
                return False
        # Values with sun times are evaluated at the place (``coordinates``, its (lat, lon)),
        # the others once per value and arrival minute.
        place = coordinates if hours.needs_coordinates(opening_hours) else None
        if opening is not None and hours.walks_alike(opening_hours or ""):
            # An evaluation costs up to a millisecond (opening_hours.js); this, nothing.
            told = arrival_told_by(opening, arrival)
            if told is not None:
                return told
        return opening_hours, arrival, place

    def prefetch(self, places: Sequence[ArrivalQuery]) -> None:
        """Evaluate at once what this check will be asked of ``places`` (the arguments of
        ``__call__``, in order) and does not know yet: their values at their arrival minutes
        (sun times at the minute's first and last instants), the values opening_hours.js
        evaluates in one call into it (a call costs more than an evaluation). The answers
        are those the calls would compute one by one (``open_during_minute``)."""
        todo: dict[tuple[str | None, datetime, hours.Coordinates | None], None] = {}
        for place in places:
            found = self._known(place)
            if isinstance(found, bool):
                continue
            value, arrival, at_place = found
            key = (value, arrival.replace(second=0, microsecond=0), at_place)
            # Held openings answer sun times as ``open_during_minute`` reads them.
            if key in self.states or (at_place is not None and self._held_for(*key)):
                continue
            todo[key] = None
        # A sun time may fall inside a minute: both its ends; the others change on minutes.
        queries = [
            (value, instant, at_place)
            for value, minute, at_place in todo
            for instant in ((minute, minute + _LAST_INSTANT) if at_place else (minute,))
        ]
        states = iter(hours.states_at(queries))
        for key in todo:
            first = next(states)[0] is hours.OpeningState.OPEN
            last = next(states)[0] is hours.OpeningState.OPEN if key[2] else first
            # A change within the minute: the arrival instant itself decides (not memoised).
            if first == last:
                self.states[key] = first

    def _held_for(
        self, value: str | None, minute: datetime, place: hours.Coordinates | None
    ) -> bool:
        return self.held is not None and self.held.holds((value or "", (), place), minute)
