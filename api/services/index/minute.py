"""The opening state of every place at one minute, computed once for the whole process.

Every distinct schedule (``opening_hours`` string) is evaluated once per minute, not once
per query and place: opening hours change state only on whole minutes (the syntax has no
seconds), so the state at the start of a minute holds for all of it. The closures of the
day go on top (a closed place is known to be closed: neither open nor unknown). Values with
sunrise, sunset, dawn or dusk depend on where the place is and when exactly: they are
marked ``AT_PLACE`` and evaluated per place, many in one call into opening_hours.js
(``prefetch``), unless the process holds their opening for the minute (``held``, filled by
the answers and ahead of them by the index's warmer).

The places open at that minute and those whose hours are unknown then get their own k-d
trees (``scipy.spatial.cKDTree`` over unit vectors), which answer ``nearest`` without SQL.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from api import hours
from api.models.responses import OpeningPublic
from api.services.index.held import HeldOpenings
from api.services.index.snapshot import Snapshot
from api.services.nearest.arrival import ArrivalStates

CLOSED, OPEN, UNKNOWN, AT_PLACE = 0, 1, 2, 3
"""Codes of ``MinuteState.states``."""

_CHANGING = 4
"""In ``MinuteState.known``: a sun-time row whose state changes within the minute (its
state is asked at the instant itself)."""

_LAST_INSTANT = timedelta(seconds=59, microseconds=999_999)

_CODES = {
    hours.OpeningState.CLOSED: CLOSED,
    hours.OpeningState.OPEN: OPEN,
    hours.OpeningState.UNKNOWN: UNKNOWN,
}


def minute_of(at: datetime) -> datetime:
    """The start of the minute of ``at`` (aware): the key of a ``MinuteState``."""
    return at.replace(second=0, microsecond=0)


@dataclass(eq=False)
class MinuteState:
    """The state of each row of ``snapshot`` during the minute ``minute`` (aware, Brussels):
    ``states[i]`` one of ``CLOSED``, ``OPEN``, ``UNKNOWN``, ``AT_PLACE`` (to be evaluated
    at the place, see ``state_at``). Built by ``minute_build.build_minute_state``."""

    snapshot: Snapshot
    minute: datetime
    states: npt.NDArray[np.int8]
    at_place: npt.NDArray[np.intp]
    closed_points: frozenset[str] = frozenset()
    closed_orgs: frozenset[str] = frozenset()
    placed: dict[tuple[int, datetime], int] = field(default_factory=dict)
    schedule_open: dict[str | None, bool] = field(default_factory=dict)
    openings: dict[tuple[str | None, tuple[hours.Closure, ...]], hours.Opening] = field(
        default_factory=dict
    )
    placed_openings: dict[
        tuple[str, tuple[hours.Closure, ...], hours.Coordinates | None], hours.Opening
    ] = field(default_factory=dict)
    said: dict[tuple[hours.Opening, str, tuple[hours.Closure, ...]], OpeningPublic] = field(
        default_factory=dict
    )
    """Openings in words per language and closures, when said alike all minute."""
    arrivals: ArrivalStates = field(default_factory=dict)
    """Open on arrival, per value, arrival minute and (sun times) place: shared by the
    minute's requests (``nearest.arrival.ArrivalCheck``)."""
    held: HeldOpenings = field(default_factory=HeldOpenings)
    """Openings of sun-time values held across minutes (the index's, for the process)."""
    known: npt.NDArray[np.int8] = field(init=False)
    """The state code of each row for the whole minute, as far as known: ``states``, with
    each sun-time row's code once looked at (``_CHANGING`` when it changes within the
    minute). Written as rows are looked at, by any thread: each writes the same."""

    def __post_init__(self) -> None:
        self.known = self.states.copy()

    def state_at(self, i: int, at: datetime) -> int:
        """The state code of row ``i`` at ``at`` (within ``minute``): the minute's state,
        or for a value with sun times its state at the place: the same at the first and
        the last instant of the minute, it holds for the whole minute (memoised); else the
        minute holds the change and ``at`` itself is evaluated."""
        code = int(self.states[i])
        if code != AT_PLACE:
            return code
        found = self.placed.get((i, self.minute))
        if found is None:
            found = self._held_code(i)
        if found is None:
            first = self._evaluate(i, self.minute)
            last = self._evaluate(i, self.minute + _LAST_INSTANT)
            found = first if first == last else AT_PLACE
            self._note(i, found)
        if found != AT_PLACE:
            return found
        exact = self.placed.get((i, at))
        if exact is None:
            exact = self.placed[(i, at)] = self._evaluate(i, at)
        return exact

    def prefetch(self, rows: Sequence[int], at: datetime) -> None:
        """Evaluate at once (one call into opening_hours.js) what ``state_at`` will ask of
        ``rows`` at ``at`` and does not hold yet: the rows with sun times among them, at the
        minute's first and last instants, then at ``at`` those whose state changes within
        the minute. The answers are those ``state_at`` gives row by row."""
        todo = []
        for i in dict.fromkeys(rows):
            if self.states[i] != AT_PLACE or (i, self.minute) in self.placed:
                continue
            held = self._held_code(i)
            if held is None:
                todo.append(i)
            else:
                self._note(i, held)
        ends = self._evaluate_all(
            [(i, instant) for i in todo for instant in (self.minute, self.minute + _LAST_INSTANT)]
        )
        changing = []
        for k, i in enumerate(todo):
            first, last = ends[2 * k], ends[2 * k + 1]
            self._note(i, first if first == last else AT_PLACE)
            if first != last and (i, at) not in self.placed:
                changing.append(i)
        for i, code in zip(changing, self._evaluate_all([(i, at) for i in changing]), strict=True):
            self.placed[(i, at)] = code

    def codes_at(self, rows: npt.NDArray[np.intp], at: datetime) -> npt.NDArray[np.int8]:
        """``state_at`` of each of ``rows`` at ``at`` (within ``minute``), as one array: the
        rows whose state is known for the minute are read at once, the sun-time rows not
        yet looked at are ``prefetch``ed, and only those changing within the minute are
        asked one by one."""
        codes = self.known[rows]
        if np.any(codes == AT_PLACE):
            self.prefetch(rows[codes == AT_PLACE].tolist(), at)
            codes = self.known[rows]
        # Those changing within the minute, and any whose code another thread holds only
        # in the memo: one by one.
        changing = np.flatnonzero(codes >= AT_PLACE)
        if len(changing):
            codes[changing] = [self.state_at(i, at) for i in rows[changing].tolist()]
        return codes

    def _note(self, i: int, code: int) -> None:
        # The minute's code of a sun-time row, in the memo and in the array ``codes_at`` reads.
        self.placed[(i, self.minute)] = code
        self.known[i] = _CHANGING if code == AT_PLACE else code

    def is_open(
        self, access_point_id: str, organization_id: str, opening_hours: str | None
    ) -> bool:
        """Whether an access point without a place (a phone line) is open during the
        minute, closures of the day applied, as ``nearest.places.OpenCheck`` answers: a
        value with sun times has no place to be evaluated at, so it is not known to be
        open. Memoised per schedule for the minute."""
        if access_point_id in self.closed_points or organization_id in self.closed_orgs:
            return False
        found = self.schedule_open.get(opening_hours)
        if found is None:
            found = (
                opening_hours is None or not hours.needs_coordinates(opening_hours)
            ) and hours.state_at(opening_hours, self.minute)[0] is hours.OpeningState.OPEN
            self.schedule_open[opening_hours] = found
        return found

    def opening(
        self,
        *,
        opening_hours: str | None,
        at: datetime,
        closures: Sequence[hours.Closure] = (),
        coordinates: hours.Coordinates | None = None,
    ) -> hours.Opening:
        """``hours.compute_opening`` for ``at`` (within ``minute``), computed once per
        schedule and closures for the whole minute (state, ``closes_at``, ``next_opens_at``
        and comment do not change within a minute); a value with sun times once per place
        when its next change is after the minute (else at ``at`` itself: a sunset may fall
        inside the minute), and held across minutes while it holds (``held``)."""
        if opening_hours is not None and hours.needs_coordinates(opening_hours):
            return self._opening_at_place(opening_hours, at, tuple(closures), coordinates)
        key = (opening_hours, tuple(closures))
        found = self.openings.get(key)
        if found is None:
            found = self.openings[key] = hours.compute_opening(
                opening_hours=opening_hours, at=self.minute, closures=closures
            )
        return found

    def _opening_at_place(
        self,
        value: str,
        at: datetime,
        closures: tuple[hours.Closure, ...],
        coordinates: hours.Coordinates | None,
    ) -> hours.Opening:
        key = (value, closures, coordinates)
        found = self.placed_openings.get(key)
        if found is not None:
            return found
        found, whole = self.held.opening(
            value=value, minute=self.minute, closures=closures, coordinates=coordinates
        )
        if not whole:
            return hours.compute_opening(
                opening_hours=value, at=at, closures=closures, coordinates=coordinates
            )
        self.placed_openings[key] = found
        return found

    def _held_code(self, i: int) -> int | None:
        # A held opening of the row's value and place (no closures: the minute's states
        # put those on top) tells its state for the whole minute without opening_hours.js.
        s = self.snapshot
        value = s.schedules[int(s.schedule[i])]
        if value is None:
            return None
        coordinates = (float(s.lat[i]), float(s.lon[i]))
        held = self.held.get((value, (), coordinates), self.minute)
        return None if held is None else _CODES[held.state]

    def _evaluate(self, i: int, at: datetime) -> int:
        return self._evaluate_all([(i, at)])[0]

    def _evaluate_all(self, queries: list[tuple[int, datetime]]) -> list[int]:
        snapshot = self.snapshot
        answers = hours.states_at(
            [
                (
                    snapshot.schedules[int(snapshot.schedule[i])],
                    at,
                    (float(snapshot.lat[i]), float(snapshot.lon[i])),
                )
                for i, at in queries
            ]
        )
        return [_CODES[state] for state, _ in answers]

    def _rows(self, code: int) -> npt.NDArray[np.intp]:
        return np.flatnonzero(self.states == code)

    @cached_property
    def open_rows(self) -> npt.NDArray[np.intp]:
        """Rows open during the whole minute (sun-time values apart)."""
        return self._rows(OPEN)

    @cached_property
    def open_tree(self) -> cKDTree:
        """k-d tree of ``open_rows`` (its indices are positions in ``open_rows``)."""
        return cKDTree(self.snapshot.vectors[self.open_rows])

    @cached_property
    def at_place_tree(self) -> cKDTree:
        """k-d tree of ``at_place`` (values with sun times: their state is per place)."""
        return cKDTree(self.snapshot.vectors[self.at_place])

    @cached_property
    def unknown_rows(self) -> npt.NDArray[np.intp]:
        """Rows whose hours are unknown during the minute (sun-time values apart)."""
        return self._rows(UNKNOWN)

    @cached_property
    def unknown_tree(self) -> cKDTree:
        """k-d tree of ``unknown_rows``."""
        return cKDTree(self.snapshot.vectors[self.unknown_rows])
