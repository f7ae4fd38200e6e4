"""The values the opening-hours engine takes and gives (pure data, Europe/Brussels)."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

Coordinates = tuple[float, float]
"""A place's ``(lat, lon)``, WGS84 degrees: where sunrise, sunset, dawn and dusk are computed."""


class OpeningState(StrEnum):
    """Open, closed, or unknown (maybe open: by appointment, a comment-only rule, no data)."""

    OPEN = "open"
    CLOSED = "closed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Closure:
    """A dated exception that closes the place: local dates (Europe/Brussels) ``start`` to
    ``end``, both included, and an optional human ``reason`` in French (the comment of the
    opening on a closure day) and in Dutch (carried along for display)."""

    start: date
    end: date
    reason: str | None = None
    reason_nl: str | None = None


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
