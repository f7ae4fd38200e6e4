"""Reading access points: one by id, the filtered and paged directory, and the mapping from
the flat table to the API shape with its opening state."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api import hours
from api.errors import NotFoundError
from api.i18n import DEFAULT_LANGUAGE, Language
from api.models import (
    AccessPoint,
    AccessPointPublic,
    Closure,
    ClosurePublic,
    Organization,
    OrganizationRef,
)
from api.models.common import Kind, Precision, Status, Theme, Wheelchair
from api.models.parts import Access, Address, Location, Names, PhoneOut
from api.models.responses import (
    AccessPointDetail,
    AccessPointRead,
    OpeningPublic,
)
from api.models.verification import VerificationMethod
from api.services.place_hours import coordinates_of, opening_public, week_public

ClosuresById = dict[str, list[hours.Closure]]

# Built once: these run for every answer, and building a statement costs more than running it.
_CLOSURES_NOT_ENDED = select(Closure).where(
    col(Closure.end) >= sa.bindparam("day"),
    col(Closure.cancelled_at).is_(None),
    sa.or_(
        col(Closure.access_point_id).in_(sa.bindparam("ids", expanding=True)),
        col(Closure.organization_id).in_(sa.bindparam("orgs", expanding=True)),
    ),
)
_ORGANIZATION_NAMES = select(Organization.id, Organization.name, Organization.name_nl).where(
    col(Organization.id).in_(sa.bindparam("ids", expanding=True))
)


def load_closures(
    *, session: Session, access_points: Iterable[AccessPoint], from_day: date
) -> ClosuresById:
    """The closures of each access point (its own and its organization's) that have not ended
    before ``from_day``, keyed by access point id, sorted by start."""
    points = list(access_points)
    ids = {p.id for p in points}
    orgs = {p.organization_id for p in points}
    if not points:
        return {}
    params = {"day": from_day, "ids": sorted(ids), "orgs": sorted(orgs)}
    rows = session.execute(_CLOSURES_NOT_ENDED, params).scalars().all()
    by_ap: dict[str, list[hours.Closure]] = defaultdict(list)
    by_org: dict[str, list[hours.Closure]] = defaultdict(list)
    for row in rows:
        item = hours.Closure(
            start=row.start, end=row.end, reason=row.reason, reason_nl=row.reason_nl
        )
        if row.access_point_id:
            by_ap[row.access_point_id].append(item)
        elif row.organization_id:
            by_org[row.organization_id].append(item)
    return {
        p.id: sorted(by_ap[p.id] + by_org[p.organization_id], key=lambda c: (c.start, c.end))
        for p in points
    }


def to_public(
    point: AccessPoint,
    *,
    organization_name: str,
    organization_name_nl: str | None = None,
    closures: Sequence[hours.Closure],
) -> AccessPointPublic:
    """Map a stored row to the nested shape partner sites read (DESIGN.md).

    Built with ``model_construct`` (a quarter of the cost of validating): the row was validated
    through ``AccessPointCreate`` when it was written, and this runs for every result of every
    query. Stored enum values are turned back into their enums so that serialisation is exact.
    """
    location = None
    if point.lat is not None and point.lon is not None and point.location_precision:
        location = Location.model_construct(
            lat=point.lat, lon=point.lon, precision=Precision(point.location_precision)
        )
    address = None
    if any((point.street, point.postcode, point.municipality, point.nis_code)):
        address = Address.model_construct(
            street=point.street,
            postcode=point.postcode,
            municipality=point.municipality,
            nis_code=point.nis_code,
        )
    return AccessPointPublic.model_construct(
        id=point.id,
        kind=Kind(point.kind),
        name=point.name_fr,
        names=Names.model_construct(fr=point.name_fr, nl=point.name_nl, en=point.name_en),
        organization=OrganizationRef.model_construct(
            id=point.organization_id, name=organization_name, name_nl=organization_name_nl
        ),
        description=point.description,
        themes=[Theme(theme) for theme in point.themes],
        languages=point.languages,
        address=address,
        location=location,
        host=point.host,
        service_area=point.service_area,
        phones=[PhoneOut.model_construct(**phone) for phone in point.phones],
        email=point.email,
        website=point.website,
        opening_hours=point.opening_hours,
        opening_hours_note=point.opening_hours_note,
        access=Access.model_construct(
            walk_in=point.walk_in,
            appointment_by_phone=point.appointment_by_phone,
            appointment_online_only=point.appointment_online_only,
            free_of_charge=point.free_of_charge,
            wheelchair=Wheelchair(point.wheelchair),
        ),
        documents_to_bring=point.documents_to_bring,
        closures=[
            ClosurePublic.model_construct(
                start=c.start, end=c.end, reason=c.reason, reason_nl=c.reason_nl
            )
            for c in closures
        ],
        status=Status(point.status),
        verified_at=point.verified_at,
        verification_method=(
            VerificationMethod(point.verification_method) if point.verification_method else None
        ),
        updated_at=point.updated_at,
        source=point.source,
    )


def organization_names(
    *, session: Session, ids: Iterable[str]
) -> dict[str, tuple[str, str | None]]:
    """Names of the given organizations, by id."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.execute(_ORGANIZATION_NAMES, {"ids": sorted(wanted)})
    return {org_id: (name, name_nl) for org_id, name, name_nl in rows}


def publics(
    *, session: Session, points: Sequence[AccessPoint], today: date
) -> list[AccessPointPublic]:
    """Public forms of ``points`` (closures not ended before ``today``), without an opening;
    two queries in all (organizations, closures). For exports."""
    closures = load_closures(session=session, access_points=points, from_day=today)
    names = organization_names(session=session, ids=(p.organization_id for p in points))
    return [
        to_public(
            p,
            organization_name=names.get(p.organization_id, ("", None))[0],
            organization_name_nl=names.get(p.organization_id, ("", None))[1],
            closures=closures.get(p.id, []),
        )
        for p in points
    ]


def read_pairs(
    *,
    session: Session,
    points: Sequence[AccessPoint],
    at: datetime,
    lang: Language = DEFAULT_LANGUAGE,
) -> list[tuple[AccessPointPublic, OpeningPublic]]:
    """Public forms of ``points`` with their opening at ``at`` (aware), its words in
    ``lang``, in the given order; two queries in all (organizations, closures)."""
    closures = load_closures(session=session, access_points=points, from_day=at.date())
    names = organization_names(session=session, ids=(p.organization_id for p in points))
    out = []
    for point in points:
        own = closures.get(point.id, [])
        public = to_public(
            point,
            organization_name=names.get(point.organization_id, ("", None))[0],
            organization_name_nl=names.get(point.organization_id, ("", None))[1],
            closures=own,
        )
        opening = hours.compute_opening(
            opening_hours=point.opening_hours,
            at=at,
            closures=own,
            coordinates=coordinates_of(point),
        )
        out.append((public, opening_public(opening, at=at, lang=lang, closures=own)))
    return out


def read_many(
    *,
    session: Session,
    points: Sequence[AccessPoint],
    at: datetime,
    lang: Language = DEFAULT_LANGUAGE,
) -> list[AccessPointRead]:
    """Like ``read_pairs``, each access point carrying its ``opening``."""
    return [
        AccessPointRead(**public.model_dump(), opening=opening)
        for public, opening in read_pairs(session=session, points=points, at=at, lang=lang)
    ]


def get_access_point(
    *,
    session: Session,
    access_point_id: str,
    at: datetime,
    lang: Language = DEFAULT_LANGUAGE,
) -> tuple[AccessPointDetail, int]:
    """One access point (inactive ones included, with their status), its opening at ``at``
    and its typical week from the day of ``at`` on, in words in ``lang``, with its version
    (the ETag). Raises ``NotFoundError`` (404)."""
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == access_point_id)).first()
    if point is None:
        raise NotFoundError(f"no access point with id {access_point_id!r}")
    read = read_many(session=session, points=[point], at=at, lang=lang)[0]
    week = week_public(
        point.opening_hours,
        week_of=hours.to_brussels(at).date(),
        lang=lang,
        coordinates=coordinates_of(point),
    )
    return AccessPointDetail(**read.model_dump(), week=week), point.version
