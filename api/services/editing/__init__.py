"""Writing access points and organizations: the one path every write takes (the seed, the
API's write endpoints, restores), so that all validate, normalise, version and record their
changes the same way."""

from datetime import datetime
from typing import Any, Literal

from sqlmodel import Session, col, select

from api.errors import InvalidQueryError, PreconditionFailedError
from api.geocoding import Geocoder, GeocodingUnavailable
from api.models import (
    AccessPoint,
    AccessPointCreate,
    ChangeAction,
    Organization,
    Postcode,
)
from api.models.common import Precision
from api.models.organization import OrganizationBase
from api.services.access_points import to_public
from api.services.editing.history import check_version, diff_fields, record_change
from api.services.editing.rules import (
    check_sun_times,
    complete_address,
    hours_notices,
    hours_warnings,
    kept_location,
    public_holiday_warnings,
)
from api.services.reference import locate_postcode
from api.services.search_index import index_access_points

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


def _locate(
    *, session: Session, data: AccessPointCreate, geocoder: Geocoder | None, notices: list[str]
) -> tuple[float | None, float | None, Precision | None]:
    """Where a place without coordinates is: geocoded from its street address when a
    geocoder is configured, else its postcode's centroid with ``precision: postcode``."""
    address = data.address
    if address is None or address.postcode is None:
        return None, None, None
    if address.street:
        if geocoder is None:
            notices.append("geocoding is off: placed at the centroid of its postcode")
        else:
            query = ", ".join(
                p
                for p in (
                    address.street,
                    f"{address.postcode} {address.municipality or ''}".strip(),
                    "Belgique",
                )
                if p
            )
            try:
                found = geocoder.geocode(query)
            except GeocodingUnavailable as exc:
                notices.append(f"{exc}: placed at the centroid of its postcode")
            else:
                if found is not None:
                    notices.append(f"located by geocoding ({found.precision.value}): {found.label}")
                    return found.lat, found.lon, found.precision
                notices.append(
                    "the geocoder did not find the address: placed at the centroid of its postcode"
                )
    place = locate_postcode(session=session, postcode=address.postcode)
    return place.point.lat, place.point.lon, Precision.POSTCODE


def stored_fields(
    *,
    session: Session,
    data: AccessPointCreate,
    geocoder: Geocoder | None = None,
    notices: list[str] | None = None,
    kept: tuple[float, float, Precision] | None = None,
) -> dict[str, Any]:
    """The flat column values for a validated write. A place with an address but no
    coordinates keeps ``kept`` (its stored location, see ``rules.kept_location``), else
    is geocoded (when a geocoder is given) or gets its postcode's centroid with ``precision:
    postcode``; what was done is appended to ``notices``."""
    address = data.address
    location = data.location
    lat: float | None
    lon: float | None
    precision: Precision | None
    if location is not None:
        lat, lon, precision = location.lat, location.lon, location.precision
    elif kept is not None:
        lat, lon, precision = kept
    else:
        lat, lon, precision = _locate(
            session=session,
            data=data,
            geocoder=geocoder,
            notices=notices if notices is not None else [],
        )
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


def write_shape(point: AccessPoint, *, organization_name: str = "") -> dict[str, Any]:
    """The stored access point in the shape of a write body (``AccessPointCreate``), JSON
    types: what PATCH merges into and what the history keeps. A location that was only
    derived from the postcode is left out, so that it follows a change of postcode."""
    public = to_public(point, organization_name=organization_name, closures=[])
    body = public.model_dump(mode="json", include=set(AccessPointCreate.model_fields))
    body["organization_id"] = point.organization_id
    body["phones"] = [
        {"number": p["number"], "label": p["label"], "free_of_charge": p["free_of_charge"]}
        for p in body["phones"]
    ]
    if body["location"] and body["location"]["precision"] == Precision.POSTCODE.value:
        body["location"] = None
    return body


def save_access_point(
    *,
    session: Session,
    access_point_id: str,
    data: AccessPointCreate,
    now: datetime,
    actor: str,
    expected_version: int | None = None,
    action: ChangeAction | None = None,
    geocoder: Geocoder | None = None,
    notices: list[str] | None = None,
    warnings: list[str] | None = None,
    keep_location: bool = True,
) -> tuple[AccessPoint, UpsertResult]:
    """Create or update the access point ``access_point_id`` from validated ``data`` and
    record the change (who: ``actor``, when: ``now``, what: the fields before and after),
    and rewrite its search document (same transaction). Nothing changes, not even
    ``updated_at`` or the version, when nothing differs. Does not commit.

    The address is completed from the reference data (``rules.complete_address``: a
    NIS code fills its municipality). A place without coordinates keeps its stored location
    when its address is unchanged and that location is better than the postcode's centre
    (unless ``keep_location`` is false: the request sent ``location``), else is located by
    ``geocoder`` or at its postcode's centroid; ``notices`` receives what was done.
    ``warnings`` receives what the editor should fix (the warnings of opening_hours.js on
    the schedule as written, a schedule without a public-holiday rule); ``notices`` also
    says when the schedule was stored in its canonical form (before and after).
    ``expected_version`` (from If-Match) must be the current version, else
    ``PreconditionFailedError`` (412). Raises ``InvalidQueryError`` (422) for an
    inconsistent address, an unknown organization, or sun times (``sunrise``...) in the
    hours of a phone line or of a place without a location (``check_sun_times``).
    """
    data = complete_address(session=session, data=data)
    check_address(session=session, data=data)
    if session.get(Organization, data.organization_id) is None:
        raise InvalidQueryError(
            f"unknown organization {data.organization_id!r}", loc=("body", "organization_id")
        )
    current = session.exec(
        select(AccessPoint).where(col(AccessPoint.id) == access_point_id)
    ).first()
    fields = stored_fields(
        session=session,
        data=data,
        geocoder=geocoder,
        notices=notices,
        kept=kept_location(current, data) if keep_location else None,
    )
    fields.pop("id", None)
    check_sun_times(data=data, located=fields["lat"] is not None and fields["lon"] is not None)
    if warnings is not None:
        warnings.extend(hours_warnings(data))
        warnings.extend(public_holiday_warnings(data))
    if notices is not None:
        notices.extend(hours_notices(data))
    if current is None:
        if expected_version is not None:
            raise PreconditionFailedError(f"access point {access_point_id!r} does not exist yet")
        point = AccessPoint(id=access_point_id, updated_at=now, version=1, **fields)
        session.add(point)
        session.flush()
        assert point.pk is not None
        index_access_points(session=session, pks=[point.pk])
        after = write_shape(point)
        record_change(
            session=session,
            resource="access_point",
            resource_id=access_point_id,
            version=1,
            action=action or ChangeAction.CREATE,
            now=now,
            actor=actor,
            changes=diff_fields({}, after),
            snapshot=after,
        )
        return point, "created"
    if expected_version is not None:
        check_version("access point", access_point_id, current.version, expected_version)
    before = write_shape(current)
    changed = {k: v for k, v in fields.items() if getattr(current, k) != v}
    if not changed:
        return current, "unchanged"
    for key, value in changed.items():
        setattr(current, key, value)
    current.updated_at = now
    current.version += 1
    session.add(current)
    session.flush()
    assert current.pk is not None
    index_access_points(session=session, pks=[current.pk])
    after = write_shape(current)
    record_change(
        session=session,
        resource="access_point",
        resource_id=access_point_id,
        version=current.version,
        action=action or ChangeAction.UPDATE,
        now=now,
        actor=actor,
        changes=diff_fields(before, after),
        snapshot=after,
    )
    return current, "updated"


def upsert_organization(*, session: Session, organization: Organization) -> UpsertResult:
    """Create or update an organization by id from what the seed or an import says of it
    (names, website, source): its status and version are the editors'; a change of those
    facts is a new version. Does not commit."""
    current = session.get(Organization, organization.id)
    if current is None:
        session.add(organization)
        return "created"
    values = organization.model_dump(include=set(OrganizationBase.model_fields))
    changed = {k: v for k, v in values.items() if getattr(current, k) != v}
    for key, value in changed.items():
        setattr(current, key, value)
    if changed:
        current.version += 1
    return "updated" if changed else "unchanged"
