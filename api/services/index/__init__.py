"""The in-memory open-now index of one worker process (issue 14).

``NearestIndex`` keeps a ``Snapshot`` of the located places (arrays, no ORM objects) and,
per minute, a ``MinuteState`` (each distinct schedule evaluated once, closures of the day on
top, k-d trees of the places open and of those unknown then). ``nearest`` asks it instead of
the rings of SQL queries; the database stays the source of truth. The openings of places
with sun times are held across minutes and snapshots (``held``: they depend on the value,
the closures and the place only) and, with ``warm``, computed ahead in a thread of their own
(``warmer``).

Freshness across processes: every write advances the change sequence (migration 0008,
triggers) in its own transaction. Each request that uses the index first reads the
sequence (one primary-key read) and, when it moved, rebuilds the snapshot before answering;
so a write acknowledged to one client is seen by the next request on every worker: the
bound is the rebuild time (see ``NearestIndex.last_build_s``), well under a second at
100 000 places.

An ``at`` that is not within ``WINDOW`` of now is answered by the direct path: its minute
would be computed for one query only.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlmodel import Session

from api import hours
from api.geo import Point
from api.i18n import Language
from api.models import CHANGE_SEQUENCE_ROW, AccessPointPublic
from api.models.responses import OpeningPublic
from api.services.filters import AccessPointFilters
from api.services.index.held import HeldOpenings
from api.services.index.minute import MinuteState, minute_of
from api.services.index.minute_build import build_minute_state
from api.services.index.publics import PlaceFacts, SerialisedPublic, public_parts
from api.services.index.search import find_places_indexed
from api.services.index.snapshot import Snapshot, build_snapshot
from api.services.index.warmer import HeldWarmer
from api.services.nearest.arrival import ArrivalCheck
from api.services.nearest.places import Found
from api.services.place_hours import coordinates_of, opening_public

__all__ = [
    "WINDOW",
    "MinuteState",
    "NearestIndex",
    "Snapshot",
    "find_places_indexed",
    "read_change_sequence",
]

WINDOW = timedelta(minutes=5)
"""How far from now an ``at`` may be and still be answered from the index."""

MINUTES_KEPT = 4
"""Minute states kept per snapshot (the current minute and a few around it)."""

# A constant of ours inlined (no parameter): run on the driver's own cursor, as the one read
# every indexed request makes, without SQLAlchemy's execution context around it.
_SEQUENCE = f"SELECT value FROM change_sequence WHERE id = {int(CHANGE_SEQUENCE_ROW)}"


def read_change_sequence(*, session: Session) -> int:
    """The change sequence as ``session`` sees it (0 before any write): one primary-key
    read. Raises the driver's error (``sqlite3.OperationalError``,
    ``psycopg.errors.UndefinedTable``) when the table is missing (migration 0008 not
    applied)."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(_SEQUENCE)
        row = cursor.fetchone()
    finally:
        cursor.close()
    return int(row[0] or 0) if row is not None else 0


class NearestIndex:
    """One process's index: the snapshot of the places at the last change sequence seen,
    and the minute states computed on it. Thread-safe (the sync handlers run in a pool):
    one thread rebuilds, the others wait for it rather than answer from a stale state."""

    def __init__(self, *, warm: bool = False) -> None:
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._minutes: OrderedDict[datetime, MinuteState] = OrderedDict()
        self.builds = 0
        """How many snapshots were built (tests and the benchmark read it)."""
        self.last_build_s = 0.0
        """Seconds the last snapshot took to build (read, arrays)."""
        self.held = HeldOpenings()
        """Openings of sun-time values held across minutes and snapshots (see ``held``)."""
        self.warmer = HeldWarmer(self.held) if warm else None
        """With ``warm``, computes ahead the openings of the places with sun times of each
        new minute (``warmer``): the application's index has it."""

    def close(self) -> None:
        """Stop the warmer's thread, if any (the application's shutdown)."""
        if self.warmer is not None:
            self.warmer.stop()

    @property
    def minutes_held(self) -> int:
        """How many minute states are held for the current snapshot."""
        return len(self._minutes)

    def usable_at(self, *, at: datetime, now: datetime) -> bool:
        """Whether ``at`` is close enough to ``now`` (``WINDOW``) for the index."""
        return abs(at - now) <= WINDOW

    def snapshot(self, *, session: Session) -> Snapshot:
        """The snapshot for the database state ``session`` sees: the current one when the
        change sequence has not moved, else a new one (built here, in this request)."""
        sequence = read_change_sequence(session=session)
        current = self._snapshot
        if current is not None and current.sequence == sequence:
            return current
        with self._lock:
            current = self._snapshot
            if current is not None and current.sequence == sequence:
                return current
            started = time.perf_counter()
            current = build_snapshot(session=session, sequence=sequence)
            self.last_build_s = time.perf_counter() - started
            self.builds += 1
            self._snapshot = current
            self._minutes = OrderedDict()
            return current

    def minute_state(self, *, session: Session, at: datetime) -> MinuteState:
        """The states of the current snapshot's places during the minute of ``at``
        (computed once per minute and snapshot, the last ``MINUTES_KEPT`` kept)."""
        snapshot = self.snapshot(session=session)
        key = minute_of(at)
        minutes = self._minutes
        state = minutes.get(key)
        if state is not None and state.snapshot is snapshot:
            return state
        with self._lock:
            state = self._minutes.get(key)
            if state is not None and state.snapshot is snapshot:
                return state  # another thread built it while this one waited
            state = build_minute_state(session=session, snapshot=snapshot, at=at, held=self.held)
            if self._snapshot is snapshot:
                self._minutes[key] = state
                while len(self._minutes) > MINUTES_KEPT:
                    self._minutes.popitem(last=False)
                if self.warmer is not None:
                    self.warmer.request(state)
        return state

    @staticmethod
    def read_pairs(
        *,
        session: Session,
        minute: MinuteState,
        pks: list[int],
        at: datetime,
        lang: Language,
        serialised: bool = False,
    ) -> tuple[
        dict[int, PlaceFacts], list[tuple[AccessPointPublic | SerialisedPublic, OpeningPublic]]
    ]:
        """What ``access_points.read_pairs`` answers for the access points ``pks`` at ``at``
        (within ``minute``, from ``minute_state``), in ``lang``: their public forms from the
        snapshot's memo (``publics.public_parts``; as their JSON with ``serialised``, for an
        answer that ``nearest.answer.assemble`` writes) and their openings from the
        minute's, with the words said at ``at``; and the facts of their rows, by pk."""
        parts = public_parts(session=session, snapshot=minute.snapshot, pks=pks, day=at.date())
        pairs: list[tuple[AccessPointPublic | SerialisedPublic, OpeningPublic]] = []
        for pk in pks:
            part = parts[pk]
            opening = minute.opening(
                opening_hours=part.row.opening_hours,
                at=at,
                closures=part.closures,
                coordinates=coordinates_of(part.row),
            )
            words = _said(minute, opening, at=at, lang=lang, closures=part.closures)
            pairs.append((part.public if serialised else part.model(), words))
        return {pk: part.row for pk, part in parts.items()}, pairs

    @staticmethod
    def find_places(
        *,
        minute: MinuteState,
        origin: Point,
        at: datetime,
        open_now: bool,
        on_arrival: ArrivalCheck | None,
        limit: int,
        max_distance_m: float,
        filters: AccessPointFilters,
        dialect: str,
        matching: set[int] | None = None,
        exclude: frozenset[int] = frozenset(),
        with_unknown: bool = False,
        serving: set[int] | None = None,
        residence: str | None = None,
    ) -> Found:
        """``find_places_indexed`` on ``minute`` (the minute state of ``at``, taken once per
        request from ``minute_state``): what ``nearest.places.find_places`` answers, from
        memory."""
        return find_places_indexed(
            minute=minute,
            origin=origin,
            at=at,
            open_now=open_now,
            on_arrival=on_arrival,
            limit=limit,
            max_distance_m=max_distance_m,
            filters=filters,
            dialect=dialect,
            matching=matching,
            exclude=exclude,
            with_unknown=with_unknown,
            serving=serving,
            residence=residence,
        )


def _said(
    minute: MinuteState,
    opening: hours.Opening,
    *,
    at: datetime,
    lang: Language,
    closures: Sequence[hours.Closure],
) -> OpeningPublic:
    """``opening_public`` of ``opening`` at ``at``: once per minute, language and closures
    when its words are the same all minute (``hours.said_alike_within``), else said now."""
    if not hours.said_alike_within(opening, minute.minute):
        return opening_public(opening, at=at, lang=lang, closures=closures)
    key = (opening, lang, tuple(closures))
    found = minute.said.get(key)
    if found is None:
        found = minute.said[key] = opening_public(opening, at=at, lang=lang, closures=closures)
    return found
