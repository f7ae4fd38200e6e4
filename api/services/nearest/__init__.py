"""The main query: which human being can this person reach, now, near here, for this need?

The answer has three groups (DESIGN.md), each access point in one of them only:

1. **competent**: the places whose ``service_area`` covers the person's residence (their
   CPAS, their town hall, the services of their region), whatever their state, the most
   local first: nearest is not competent;
2. **items**: the nearest places in the wanted state (``open=now``: open at ``at``), leaving
   out those that serve other residents only (unless ``competence=any``, then flagged), then
   the phone lines that serve the residence;
3. **unknown_hours** (``open=now``): the places nearby whose hours are not known at ``at``,
   counted and the nearest few listed, never silently dropped: unknown is never closed.

The package's parts: ``places`` (the widening ring search), ``spatial`` (the indexes it
asks), ``competence`` (residence and service areas), ``phone_lines``, ``arrival`` (the walk
and the state on arrival).
"""

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlmodel import Session, col

from api.geo import Point, haversine_m
from api.i18n import DEFAULT_LANGUAGE, Language
from api.models import AccessPoint
from api.models.responses import (
    NearestResponse,
    Origin,
    Residence,
    UnknownHoursGroup,
)
from api.services.filters import AccessPointFilters
from api.services.nearest.arrival import ArrivalCheck, ArrivalMode
from api.services.nearest.competence import (
    Competence,
    CompetenceMode,
    find_competent_places,
)
from api.services.nearest.items import build_items, describe_places
from api.services.nearest.phone_lines import find_phone_lines
from api.services.nearest.places import (
    UNKNOWN_LISTED,
    Candidate,
    OpenCheck,
    OpenMode,
    find_places,
)

if TYPE_CHECKING:
    # Only for the annotation: the index package reads this package's search constants.
    from api.services.index import MinuteState, NearestIndex
    from api.services.index.lookups import Memo

__all__ = ["CompetenceMode", "OpenMode", "describe_places", "find_nearest"]

_POSITIONS = sa.select(
    col(AccessPoint.pk), col(AccessPoint.id), col(AccessPoint.lat), col(AccessPoint.lon)
).where(col(AccessPoint.pk).in_(sa.bindparam("pks", expanding=True)))


def _competent_group(
    *,
    session: Session,
    origin: Point,
    residence: Residence,
    filters: AccessPointFilters,
    matching: set[int] | None,
    limit: int,
    max_distance_m: float,
    memo: "Memo | None" = None,
) -> list[Candidate | int]:
    """The competent places, the most local first, then nearest (those without a place
    last), then by id; a located one as a ``Candidate``, else its pk. The services of the
    residence's own commune (a service area of one municipality) come wherever they are;
    those of a wider area (a region, Belgium) only within ``max_distance_m``. With ``memo``
    (the index's) the places and their positions are read once per database state."""
    sizes = find_competent_places(session=session, residence=residence, filters=filters, memo=memo)

    def read_positions() -> dict[int, tuple[str, float | None, float | None]]:
        rows: Any = session.connection().execute(_POSITIONS, {"pks": sorted(sizes)})
        return {pk: (ap_id, lat, lon) for pk, ap_id, lat, lon in rows}

    positions = (
        memo.remember(("positions", residence.nis_code, filters), read_positions)
        if memo is not None
        else read_positions()
    )
    if matching is not None:
        sizes = {pk: size for pk, size in sizes.items() if pk in matching}
    ordered: list[tuple[int, float, str, Candidate | int]] = []
    for pk, size in sizes.items():
        ap_id, lat, lon = positions[pk]
        if lat is None or lon is None:
            ordered.append((size, float("inf"), ap_id, pk))
            continue
        distance = haversine_m(origin, Point(lat, lon))
        if distance > max_distance_m and size > 1:
            continue
        ordered.append((size, distance, ap_id, Candidate(distance, ap_id, pk)))
    ordered.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in ordered[:limit]]


def find_nearest(
    *,
    session: Session,
    origin: Origin,
    at: datetime,
    open_mode: OpenMode,
    limit: int,
    max_distance_m: float,
    filters: AccessPointFilters,
    arrival_mode: ArrivalMode = ArrivalMode.FLAG,
    lang: Language = DEFAULT_LANGUAGE,
    matching: set[int] | None = None,
    residence: Residence | None = None,
    competence: CompetenceMode = CompetenceMode.COMPETENT,
    index: "NearestIndex | None" = None,
    minute: "MinuteState | None" = None,
    serialised: bool = False,
) -> NearestResponse:
    """The answer for a person at ``origin`` (WGS84) living in ``residence`` (None: no
    competence is known, nothing is left out for it), at ``at`` (aware), in three groups
    (see the module): up to ``limit`` competent places (those of the residence's own
    commune wherever they are, the others within ``max_distance_m``); up to ``limit`` places within
    ``max_distance_m`` metres sorted by distance (metres, haversine) then id, then up to
    ``limit`` phone lines serving the residence (else the origin's municipality) by id; with
    ``OpenMode.NOW`` only those open at ``at`` (closures applied) in ``items``, and the
    places with unknown hours within the radius read (at most 5 km,
    ``places.UNKNOWN_NEARBY_M``) in ``unknown_hours`` (the nearest ``UNKNOWN_LISTED``).

    Each place carries the estimated walk (``api.geo.walking_minutes``), its arrival instant
    and whether it will be open then (``open_on_arrival``; null when its hours are unknown);
    with ``ArrivalMode.EXCLUDE`` the nearest places that will not be are left out (the
    search goes on until ``limit`` others are found). Openings are said in words in
    ``lang``. With ``matching`` (the pks that match a text search) only those are kept.
    With ``index`` (the process's ``api.services.index.NearestIndex``; ``at`` near now) the
    places are found in memory instead of by SQL rings: the same answer (the parity test);
    ``minute`` is its state for ``at`` when the caller took it already; ``serialised``: the
    results' public forms as their JSON, for ``answer.assemble`` only."""
    point = Point(origin.lat, origin.lon)
    # The index answers the same search from memory (api.services.index): same places,
    # order, distances; a search within one competence area stays on the SQL path. Its
    # minute state is taken once, so that one answer never mixes two database states.
    fast = index if filters.competent_for is None else None
    if fast is not None and minute is None:
        minute = fast.minute_state(session=session, at=at)
    memo = minute.snapshot.memo if minute is not None else None
    arrival = ArrivalCheck(
        session=session,
        at=at,
        max_distance_m=max_distance_m,
        states=minute.arrivals if minute is not None else None,
        memo=memo,
        held=minute.held if minute is not None else None,
    )
    competent: list[Candidate | int] = []
    if residence is not None:
        competent = _competent_group(
            session=session,
            origin=point,
            residence=residence,
            filters=filters,
            matching=matching,
            limit=limit,
            max_distance_m=max_distance_m,
            memo=memo,
        )
    taken = frozenset(c.pk if isinstance(c, Candidate) else c for c in competent)
    serves = Competence(session=session, residence=residence, memo=memo)
    # On the index's path the minute state answers "open?" (its closures of the day read).
    is_open = (
        OpenCheck(session=session, at=at) if open_mode is OpenMode.NOW and minute is None else None
    )
    wants_open = open_mode is OpenMode.NOW
    on_arrival = arrival if arrival_mode is ArrivalMode.EXCLUDE else None
    admit = competence is CompetenceMode.COMPETENT and residence is not None
    if fast is not None and minute is not None:
        found = fast.find_places(
            minute=minute,
            origin=point,
            at=at,
            open_now=wants_open,
            on_arrival=on_arrival,
            limit=limit,
            max_distance_m=max_distance_m,
            filters=filters,
            dialect=session.get_bind().dialect.name,
            matching=matching,
            exclude=taken,
            with_unknown=True,
            serving=serves.serving if admit else None,
            residence=residence.nis_code if residence is not None else None,
        )
    else:
        found = find_places(
            session=session,
            origin=point,
            is_open=is_open,
            on_arrival=on_arrival,
            limit=limit,
            max_distance_m=max_distance_m,
            filters=filters,
            matching=matching,
            exclude=taken,
            with_unknown=True,
            admit=serves.admit if competence is CompetenceMode.COMPETENT else None,
        )
    places, unknown = found.places, found.unknown
    lines = find_phone_lines(
        session=session,
        nis_code=residence.nis_code if residence is not None else origin.nis_code,
        # The same answer from the minute's memo of each schedule, on the fast path.
        is_open=minute.is_open if minute is not None and wants_open else is_open,
        limit=limit,
        filters=filters,
        matching=matching,
        memo=memo,
    )
    listed = [*competent, *places, *lines, *unknown[:UNKNOWN_LISTED]]
    items = build_items(
        session=session,
        listed=listed,
        at=at,
        arrival=arrival,
        serves=serves,
        lang=lang,
        index=fast,
        minute=minute,
        serialised=serialised,
    )
    n_competent, n_places, n_lines = len(competent), len(places), len(lines)
    split = n_competent + n_places + n_lines
    # Serialised results (``items.SerialisedItem``) are for ``answer.assemble`` only: the
    # response holding them is constructed, not validated.
    make: Callable[..., NearestResponse] = (
        NearestResponse.model_construct if serialised else NearestResponse
    )
    group: Callable[..., UnknownHoursGroup] = (
        UnknownHoursGroup.model_construct if serialised else UnknownHoursGroup
    )
    return make(
        origin=origin,
        residence=residence,
        at=at,
        competent=items[:n_competent],
        items=items[n_competent:split],
        unknown_hours=group(
            count=found.unknown_found, within_m=round(found.unknown_radius_m), items=items[split:]
        )
        if open_mode is OpenMode.NOW
        else None,
    )
