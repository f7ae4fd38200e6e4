"""Reading the directory for the HSDS 3.0 API: filters, pages (HSDS ``page``/``per_page``)
and the reverse lookup of HSDS UUIDs."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from api.errors import InvalidQueryError, NotFoundError
from api.geo import Point, box_around, haversine_m
from api.models import AccessPoint, Organization, OrganizationPublic
from api.models.common import Kind, Theme
from api.services import hsds
from api.services.access_points import publics
from api.services.filters import AccessPointFilters, filter_conditions
from api.services.reference import locate_postcode
from api.services.search import match_condition, parse_search


def _theme_of(taxonomy_term_id: str) -> Theme:
    for theme in Theme:
        if hsds.hsds_id("taxonomy_term", theme.value) == taxonomy_term_id:
            return theme
    raise InvalidQueryError(
        f"unknown taxonomy_term_id {taxonomy_term_id!r}: see /hsds/taxonomy_terms",
        loc=("query", "taxonomy_term_id"),
    )


def _our_id(session: Session, kind: str, table: Any, hsds_value: str) -> str:
    # HSDS ids are UUIDv5 of ours: find the one that hashes to it (a scan of the ids only).
    for (our_id,) in session.execute(sa.select(table.id)):
        if hsds.hsds_id(kind, our_id) == hsds_value:
            return str(our_id)
    raise NotFoundError(f"no {kind} with id {hsds_value!r}")


@dataclass(frozen=True, slots=True)
class HsdsListQuery:
    """The paging and filters every HSDS list takes (combined with AND)."""

    page: int = 1
    per_page: int = 50
    search: str | None = None
    taxonomy_term_id: str | None = None
    modified_after: datetime | None = None
    organization_id: str | None = None


def _conditions(session: Session, query: HsdsListQuery, *, located_only: bool) -> list[Any]:
    dialect = session.get_bind().dialect.name
    search, organization_id = query.search, query.organization_id
    theme = _theme_of(query.taxonomy_term_id) if query.taxonomy_term_id else None
    conditions: list[Any] = filter_conditions(
        AccessPointFilters(theme=theme, include_inactive=True), dialect
    )
    text_search = parse_search(search, parameter="search")
    if text_search is not None:
        # The directory's text search (q): names, organization, description, themes, synonyms.
        conditions.append(match_condition(text_search, dialect))
    if query.modified_after is not None:
        conditions.append(col(AccessPoint.updated_at) >= query.modified_after)
    if organization_id is not None:
        try:
            ours = _our_id(session, "organization", Organization, organization_id)
        except NotFoundError as exc:
            raise InvalidQueryError(
                f"unknown organization_id {organization_id!r}: see /hsds/organizations",
                loc=("query", "organization_id"),
            ) from exc
        conditions.append(col(AccessPoint.organization_id) == ours)
    if located_only:
        conditions += [
            col(AccessPoint.kind) != Kind.PHONE_LINE.value,
            col(AccessPoint.lat).is_not(None),
        ]
    return conditions


def _paged(session: Session, statement: Any, query: HsdsListQuery) -> tuple[list[Any], int]:
    """One page of ``statement``'s rows and the total count."""
    total = session.exec(
        select(func.count()).select_from(statement.order_by(None).subquery())
    ).one()
    offset = (query.page - 1) * query.per_page
    return list(session.exec(statement.offset(offset).limit(query.per_page)).all()), total


def _access_point_page(
    session: Session,
    today: date,
    rows: Sequence[AccessPoint],
    total: int,
    query: HsdsListQuery,
    render: Callable[..., dict[str, Any]],
) -> dict[str, Any]:
    items = [
        render(p, today=today, full=False)
        for p in publics(session=session, points=rows, today=today)
    ]
    return hsds.page(items, total=total, page_number=query.page, per_page=query.per_page)


def list_services(*, session: Session, today: date, query: HsdsListQuery) -> dict[str, Any]:
    """A page of services (every access point), by id."""
    statement = select(AccessPoint).where(*_conditions(session, query, located_only=False))
    rows, total = _paged(session, statement.order_by(col(AccessPoint.id)), query)
    return _access_point_page(session, today, rows, total, query, hsds.service)


def list_service_at_locations(
    *,
    session: Session,
    today: date,
    query: HsdsListQuery,
    postcode: str | None,
    proximity: float | None,
) -> dict[str, Any]:
    """A page of service_at_locations (located access points). ``postcode`` alone: those
    with that postcode or serving its municipality; with ``proximity`` (metres): those
    within that distance of the postcode's centroid, nearest first."""
    statement = select(AccessPoint).where(*_conditions(session, query, located_only=True))
    statement = statement.order_by(col(AccessPoint.id))
    if postcode is None and proximity is not None:
        raise InvalidQueryError(
            "proximity needs a postcode to measure from", loc=("query", "proximity")
        )
    if postcode is not None:
        place = locate_postcode(session=session, postcode=postcode)
        if proximity is not None:
            box = box_around(place.point, proximity)
            statement = statement.where(
                col(AccessPoint.lat).between(box.min_lat, box.max_lat),
                col(AccessPoint.lon).between(box.min_lon, box.max_lon),
            )
            near = [
                (haversine_m(place.point, Point(p.lat or 0, p.lon or 0)), p.id, p)
                for p in session.exec(statement)
            ]
            found = [p for d, _, p in sorted(near, key=lambda t: (t[0], t[1])) if d <= proximity]
            chunk = found[(query.page - 1) * query.per_page : query.page * query.per_page]
            return _access_point_page(
                session, today, chunk, len(found), query, hsds.service_at_location
            )
        statement = statement.where(
            sa.or_(
                col(AccessPoint.postcode) == postcode, col(AccessPoint.nis_code) == place.nis_code
            )
        )
    rows, total = _paged(session, statement, query)
    return _access_point_page(session, today, rows, total, query, hsds.service_at_location)


def _one(session: Session, kind: str, hsds_value: str) -> AccessPoint:
    our_id = _our_id(session, kind, AccessPoint, hsds_value)
    return session.exec(select(AccessPoint).where(col(AccessPoint.id) == our_id)).one()


def get_service(*, session: Session, service_id: str, today: date) -> dict[str, Any]:
    """One service, fully nested (its organization and service_at_location included)."""
    point = _one(session, "service", service_id)
    public = publics(session=session, points=[point], today=today)[0]
    data = hsds.service(public, today=today, full=True)
    org = session.get(Organization, point.organization_id)
    if org is not None:
        data["organization"] = hsds.organization(
            OrganizationPublic.model_validate(org, from_attributes=True)
        )
    if public.location is not None and public.kind is not Kind.PHONE_LINE:
        sal = hsds.service_at_location(public, today=today, full=True)
        sal.pop("service", None)
        data["service_at_locations"] = [sal]
    return data


def get_service_at_location(
    *, session: Session, service_at_location_id: str, today: date
) -> dict[str, Any]:
    """One service_at_location with its location, schedules and service."""
    point = _one(session, "service_at_location", service_at_location_id)
    public = publics(session=session, points=[point], today=today)[0]
    if public.location is None:
        raise NotFoundError(f"no service_at_location with id {service_at_location_id!r}")
    return hsds.service_at_location(public, today=today, full=True)


def list_organizations(*, session: Session, query: HsdsListQuery) -> dict[str, Any]:
    """A page of organizations, by id (only ``search`` filters them)."""
    statement = select(Organization).order_by(col(Organization.id))
    if query.search:
        statement = statement.where(
            func.lower(col(Organization.name)).like(f"%{query.search.lower()}%")
        )
    rows, total = _paged(session, statement, query)
    contents = [
        hsds.organization(OrganizationPublic.model_validate(o, from_attributes=True)) for o in rows
    ]
    return hsds.page(contents, total=total, page_number=query.page, per_page=query.per_page)


def get_organization(*, session: Session, organization_id: str, today: date) -> dict[str, Any]:
    """One organization with its services."""
    our_id = _our_id(session, "organization", Organization, organization_id)
    org = session.get(Organization, our_id)
    assert org is not None
    data = hsds.organization(OrganizationPublic.model_validate(org, from_attributes=True))
    points = session.exec(
        select(AccessPoint)
        .where(col(AccessPoint.organization_id) == our_id)
        .order_by(col(AccessPoint.id))
    ).all()
    services = [
        hsds.service(p, today=today, full=False)
        for p in publics(session=session, points=points, today=today)
    ]
    if services:
        data["services"] = services
    return data
