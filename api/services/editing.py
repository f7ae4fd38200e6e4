"""Writing access points and organizations: the one path every write takes (the seed now,
the API's write endpoints later), so that both validate and normalise the same way."""

from datetime import datetime
from typing import Any, Literal

from sqlmodel import Session, col, select

from api.errors import InvalidQueryError
from api.models import AccessPoint, AccessPointCreate, Organization, Postcode
from api.models.common import Precision
from api.services.reference import locate_postcode

UpsertResult = Literal["created", "updated", "unchanged"]


def check_address(*, session: Session, data: AccessPointCreate) -> None:
    """The postcode must exist and lie in the municipality of ``nis_code`` when both are
    given. Raises ``InvalidQueryError`` (422) naming the inconsistency."""
    address = data.address
    if address is None or address.postcode is None:
        return
    rows = session.exec(
        select(Postcode.nis_code).where(col(Postcode.postcode) == address.postcode)
    ).all()
    if not rows:
        raise InvalidQueryError(
            f"unknown Belgian postcode {address.postcode!r}", loc=("body", "address", "postcode")
        )
    if address.nis_code and address.nis_code not in set(rows):
        raise InvalidQueryError(
            f"postcode {address.postcode} is not in municipality {address.nis_code} "
            f"(it belongs to {', '.join(sorted(n for n in set(rows) if n))})",
            loc=("body", "address", "nis_code"),
        )


def stored_fields(*, session: Session, data: AccessPointCreate) -> dict[str, Any]:
    """The flat column values for a validated write. A place with an address but no
    coordinates gets its postcode's centroid with ``precision: postcode``."""
    address = data.address
    location = data.location
    lat = lon = None
    precision: Precision | None = None
    if location is not None:
        lat, lon, precision = location.lat, location.lon, location.precision
    elif address is not None and address.postcode is not None:
        place = locate_postcode(session=session, postcode=address.postcode)
        lat, lon, precision = place.point.lat, place.point.lon, Precision.POSTCODE
    return {
        **data.model_dump(include=set(AccessPoint.model_fields) - {"phones"}),
        "name_fr": data.names.fr,
        "name_nl": data.names.nl,
        "name_en": data.names.en,
        "street": address.street if address else None,
        "postcode": address.postcode if address else None,
        "municipality": address.municipality if address else None,
        "nis_code": address.nis_code if address else None,
        "lat": lat,
        "lon": lon,
        "location_precision": precision,
        "phones": [p.normalised().model_dump() for p in data.phones],
        **data.access.model_dump(),
    }


def upsert_access_point(
    *, session: Session, access_point_id: str, data: AccessPointCreate, now: datetime
) -> UpsertResult:
    """Create or update the access point ``access_point_id`` from validated ``data``;
    ``updated_at`` moves to ``now`` only when something changed. Does not commit.

    Raises ``InvalidQueryError`` (422) for an inconsistent address or an unknown organization.
    """
    check_address(session=session, data=data)
    if session.get(Organization, data.organization_id) is None:
        raise InvalidQueryError(
            f"unknown organization {data.organization_id!r}", loc=("body", "organization_id")
        )
    fields = stored_fields(session=session, data=data)
    fields.pop("id", None)
    current = session.exec(
        select(AccessPoint).where(col(AccessPoint.id) == access_point_id)
    ).first()
    if current is None:
        session.add(AccessPoint(id=access_point_id, updated_at=now, **fields))
        return "created"
    changed = {k: v for k, v in fields.items() if getattr(current, k) != v}
    if not changed:
        return "unchanged"
    for key, value in changed.items():
        setattr(current, key, value)
    current.updated_at = now
    session.add(current)
    return "updated"


def upsert_organization(*, session: Session, organization: Organization) -> UpsertResult:
    """Create or update an organization by id. Does not commit."""
    current = session.get(Organization, organization.id)
    if current is None:
        session.add(organization)
        return "created"
    values = organization.model_dump()
    changed = {k: v for k, v in values.items() if getattr(current, k) != v}
    for key, value in changed.items():
        setattr(current, key, value)
    return "updated" if changed else "unchanged"
