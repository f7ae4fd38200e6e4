"""Openings of places with sun times, held across minutes for the whole process.

A value with sunrise, sunset, dawn or dusk is evaluated by opening_hours.js at each place
(milliseconds a walk, tens when the place stays closed for weeks), so computing it again
each minute for each place costs more than the rest of an answer. But an opening does not
change while the walk's first stretch lasts: ``hours.compute_steady_opening`` says until
when (at most the next midnight, where closure days begin), and an opening depends only on
the value, the closures and the place, not on the database state. So the last one is kept
per (value, closures, place) and given again for any later minute that ends before then.

Values with an open end (``14:00+``) or a fallback rule (``||``) are never held: opening_hours.js
may answer them differently depending on where its walk started.
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from api import hours

HELD_AT_MOST = 32_768
"""Openings held at most (a few hundred bytes each): past it the memo starts afresh, so
that memory does not grow with the number of places ever answered."""

_LAST_INSTANT = timedelta(seconds=59, microseconds=999_999)

Key = tuple[str, tuple[hours.Closure, ...], hours.Coordinates | None]


class _Held(NamedTuple):
    opening: hours.Opening
    since: datetime  # UTC
    until: datetime


class HeldOpenings:
    """The process's held openings (see the module docstring). Thread-safe: entries are
    replaced whole, and a fresh memo replaces a full one rather than clearing it."""

    def __init__(self, at_most: int = HELD_AT_MOST) -> None:
        self._at_most = at_most
        self._held: dict[Key, _Held] = {}
        self.hits = 0
        """How many times a held opening was given again (the benchmark and tests read it;
        counted without a lock, so a close figure under concurrency)."""

    @property
    def at_most(self) -> int:
        """How many openings are held at most before the memo starts afresh."""
        return self._at_most

    def __len__(self) -> int:
        return len(self._held)

    def _holding(self, key: Key, minute: datetime) -> _Held | None:
        held = self._held.get(key)
        # In UTC: aware datetimes of one zone compare by wall time, blind to the repeated
        # autumn hour.
        start = minute.astimezone(UTC)
        if held is None or not held.since <= start or start + _LAST_INSTANT >= held.until:
            return None
        return held

    def holds(self, key: Key, minute: datetime) -> bool:
        """Whether an opening of ``key`` is held for the whole minute starting at
        ``minute`` (aware)."""
        return self._holding(key, minute) is not None

    def get(self, key: Key, minute: datetime) -> hours.Opening | None:
        """The held opening of ``key`` when it holds for the whole minute starting at
        ``minute`` (aware), else None."""
        held = self._holding(key, minute)
        if held is None:
            return None
        self.hits += 1
        return held.opening

    def opening(
        self,
        *,
        value: str,
        minute: datetime,
        closures: Sequence[hours.Closure],
        coordinates: hours.Coordinates | None,
    ) -> tuple[hours.Opening, bool]:
        """``hours.compute_opening`` of ``value`` at ``minute`` (the start of a minute,
        aware) at ``coordinates`` with ``closures``, held or computed (and then held when
        it holds beyond the minute); and whether it holds for the whole minute (False:
        something changes within it, so an instant of it must be computed on its own)."""
        key: Key = (value, tuple(closures), coordinates)
        found = self.get(key, minute)
        if found is not None:
            return found, True
        steady = hours.compute_steady_opening(
            opening_hours=value, at=minute, closures=closures, coordinates=coordinates
        )
        opening = steady.opening
        change = opening.closes_at or opening.next_opens_at
        whole = change is None or change > minute + _LAST_INSTANT
        if whole and steady.until is not None and hours.walks_alike(value):
            if len(self._held) >= self._at_most:
                self._held = {}
            self._held[key] = _Held(opening, minute.astimezone(UTC), steady.until)
        return opening, whole
