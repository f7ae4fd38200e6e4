"""A minute's state built: every distinct schedule evaluated once at the minute's start,
the closures of the day on top (``build_minute_state``)."""

from datetime import datetime

import numpy as np
from sqlmodel import Session

from api import hours
from api.services.index.held import HeldOpenings
from api.services.index.minute import _CODES, AT_PLACE, CLOSED, MinuteState, minute_of
from api.services.index.snapshot import Snapshot
from api.services.nearest.open_check import _CLOSED_ON_DAY


def build_minute_state(
    *, session: Session, snapshot: Snapshot, at: datetime, held: HeldOpenings | None = None
) -> MinuteState:
    """The states of ``snapshot``'s places during the minute of ``at`` (aware): each distinct
    schedule evaluated once at the minute's start (``hours.state_at``), then the closures of
    that day (one query) applied on top, as ``nearest.places.OpenCheck`` does per query."""
    minute = minute_of(at)
    by_schedule = np.full(len(snapshot.schedules), AT_PLACE, dtype=np.int8)
    # The values opening_hours.js evaluates are asked in one call (see hours.states_at).
    anywhere = [
        number
        for number, value in enumerate(snapshot.schedules)
        if value is None or not hours.needs_coordinates(value)
    ]
    found = hours.states_at([(snapshot.schedules[n], minute, None) for n in anywhere])
    for number, (state, _) in zip(anywhere, found, strict=True):
        by_schedule[number] = _CODES[state]
    states = by_schedule[snapshot.schedule] if len(snapshot) else by_schedule[:0]
    rows = session.connection().execute(_CLOSED_ON_DAY, {"day": at.date()}).all()
    closed_points = {a for a, _ in rows if a}
    closed_orgs = {o for _, o in rows if o}
    if closed_points or closed_orgs:
        orgs = np.array([org in closed_orgs for org in snapshot.organizations], dtype=bool)
        closed = orgs[snapshot.organization_codes]
        if closed_points:
            closed = closed | np.fromiter(
                (ap_id in closed_points for ap_id in snapshot.ids), bool, len(snapshot)
            )
        states = np.where(closed, np.int8(CLOSED), states)
    states.flags.writeable = False
    return MinuteState(
        snapshot=snapshot,
        minute=minute,
        states=states,
        at_place=np.flatnonzero(states == AT_PLACE),
        closed_points=frozenset(closed_points),
        closed_orgs=frozenset(closed_orgs),
        held=HeldOpenings() if held is None else held,
    )
