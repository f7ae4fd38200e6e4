"""Is an access point open at an instant, or are its hours unknown then: closures of the day
first, then its schedule, each distinct schedule evaluated once per query (``OpenCheck``)."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api import hours
from api.models import Closure

_CLOSED_ON_DAY = select(Closure.access_point_id, Closure.organization_id).where(
    col(Closure.start) <= sa.bindparam("day"),
    col(Closure.end) >= sa.bindparam("day"),
    col(Closure.cancelled_at).is_(None),
)


# The group of a schedule whose state depends on where the place is (sunrise, sunset, dawn,
# dusk: ``hours.needs_coordinates``) in ``OpenCheck.schedule_group``: possibly in any state.
AT_PLACE = "at_place"


class OpenCheck:
    """Is an access point open at ``at``, or are its hours unknown then? Closures first (one
    query for the day: a closed place is known to be closed, neither open nor unknown), then
    its schedule; many access points share a schedule, so each distinct string is evaluated
    once per query, except a value with sun times (``hours.needs_coordinates``), evaluated
    once per value and place (its ``lat``, ``lon``)."""

    def __init__(self, *, session: Session, at: datetime) -> None:
        rows = session.execute(_CLOSED_ON_DAY, {"day": at.date()}).all()
        self.at = at
        self.closed_points = {a for a, _ in rows if a}
        self.closed_orgs = {o for _, o in rows if o}
        self.states: dict[str | None, hours.OpeningState] = {}
        # Values with sun times, and their states per (value, lat, lon).
        self.placed: set[str] = set()
        self.placed_states: dict[tuple[str, float, float], hours.OpeningState] = {}

    def schedule_state(
        self, opening_hours: str | None, lat: float | None = None, lon: float | None = None
    ) -> hours.OpeningState:
        """The state of the schedule alone at ``at`` at the place (``lat``, ``lon``, WGS84
        degrees; only values with sun times use them: without them such a value is
        unknown), memoised for the query."""
        state = self.states.get(opening_hours)
        if state is not None:
            return state
        if opening_hours is not None and (
            opening_hours in self.placed or hours.needs_coordinates(opening_hours)
        ):
            self.placed.add(opening_hours)
            if lat is None or lon is None:
                return hours.OpeningState.UNKNOWN
            key = (opening_hours, lat, lon)
            state = self.placed_states.get(key)
            if state is None:
                state = hours.state_at(opening_hours, self.at, coordinates=(lat, lon))[0]
                self.placed_states[key] = state
            return state
        state = hours.state_at(opening_hours, self.at)[0]
        self.states[opening_hours] = state
        return state

    def schedule_group(self, opening_hours: str | None) -> hours.OpeningState | str:
        """The state of the schedule wherever the place is, or ``AT_PLACE`` when it depends
        on where it is (to be read and checked per place): groups schedules in the sparse
        search."""
        if opening_hours is not None and hours.needs_coordinates(opening_hours):
            return AT_PLACE
        return self.schedule_state(opening_hours)

    def state(
        self,
        access_point_id: str,
        organization_id: str,
        opening_hours: str | None,
        lat: float | None = None,
        lon: float | None = None,
    ) -> hours.OpeningState:
        """The access point's state at ``at``, closures applied; ``lat``, ``lon``: where it
        is (None for a phone line)."""
        if access_point_id in self.closed_points or organization_id in self.closed_orgs:
            return hours.OpeningState.CLOSED
        return self.schedule_state(opening_hours, lat, lon)

    def __call__(
        self, access_point_id: str, organization_id: str, opening_hours: str | None
    ) -> bool:
        return self.state(access_point_id, organization_id, opening_hours) is (
            hours.OpeningState.OPEN
        )
