"""Will it still be open when they get there? The walk from the origin and the state of an
access point at the arrival instant (issue 5; walking speed and detour in ``api.geo``)."""

from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Session, col

from api import hours
from api.geo import walking_minutes
from api.models import Closure


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


class ArrivalCheck:
    """Will an access point be open when the person gets there on foot? Its state at the
    arrival instant, closures applied (the closures of every day a walk within
    ``max_distance_m`` can end on are read once)."""

    def __init__(self, *, session: Session, at: datetime, max_distance_m: float) -> None:
        last = arrival_time(at, max_distance_m)
        rows = session.execute(_CLOSURES_BETWEEN, {"first": at.date(), "last": last.date()})
        self.at = at
        # Keyed by ("access_point" | "organization", id): the two id spaces may share a slug.
        self.closed: dict[tuple[str, str], list[tuple[date, date]]] = {}
        for ap_id, org_id, start, end in rows:
            owner = ("access_point", ap_id) if ap_id else ("organization", org_id)
            self.closed.setdefault(owner, []).append((start, end))
        self.states: dict[tuple[str | None, datetime, hours.Coordinates | None], bool] = {}

    def __call__(
        self,
        access_point_id: str,
        organization_id: str,
        opening_hours: str | None,
        distance_m: float,
        *,
        coordinates: hours.Coordinates | None = None,
    ) -> bool:
        arrival = arrival_time(self.at, distance_m)
        day = arrival.date()
        for owner in (("access_point", access_point_id), ("organization", organization_id)):
            if any(start <= day <= end for start, end in self.closed.get(owner, ())):
                return False
        # Values with sun times are evaluated at the place (``coordinates``, its (lat, lon)),
        # the others once per value and arrival instant.
        place = coordinates if hours.needs_coordinates(opening_hours) else None
        key = (opening_hours, arrival, place)
        is_open = self.states.get(key)
        if is_open is None:
            state = hours.state_at(opening_hours, arrival, coordinates=place)[0]
            is_open = state is hours.OpeningState.OPEN
            self.states[key] = is_open
        return is_open
