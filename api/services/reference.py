"""Reference data: themes, municipalities, postcodes, and locating an origin."""

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from api.errors import InvalidQueryError, ServiceUnavailableError
from api.geo import Point, in_belgium
from api.geocoding import Geocoder, GeocodingUnavailable
from api.models import Municipality, MunicipalityPublic, Organization, OrganizationPublic, Postcode
from api.models.common import THEME_LABELS, Region
from api.models.responses import Origin, ThemePublic

if TYPE_CHECKING:
    from api.services.index.lookups import ReferencePlaces

# bpost's postcode plan: the first digits give the province, so the region. Checked against
# every postcode of seed/data/be_postcodes.csv (tests/api/test_true_answers_data.py).
_POSTCODE_REGIONS = (
    (1000, 1299, Region.BRUSSELS),
    (1300, 1499, Region.WALLONIA),  # Walloon Brabant
    (1500, 3999, Region.FLANDERS),  # Flemish Brabant, Antwerp, Limburg
    (4000, 7999, Region.WALLONIA),  # Liège, Namur, Luxembourg, Hainaut
    (8000, 9999, Region.FLANDERS),  # West and East Flanders
)


def postcode_region(postcode: str | None) -> Region | None:
    """The region of a Belgian postcode (bpost's plan), or None for anything that is not a
    four-digit postcode from 1000 to 9999."""
    if postcode is None or len(postcode) != 4 or not postcode.isdigit():
        return None
    number = int(postcode)
    return next((region for low, high, region in _POSTCODE_REGIONS if low <= number <= high), None)


@dataclass(frozen=True, slots=True)
class PostcodePlace:
    """A postcode's centroid (mean of its localities' GeoNames positions, WGS84 degrees) and
    the NIS code of its municipality (None when the source has none)."""

    postcode: str
    point: Point
    nis_code: str | None


def list_themes() -> list[ThemePublic]:
    """The controlled list of themes with French, Dutch and English labels."""
    return [ThemePublic(id=theme.value, labels=labels) for theme, labels in THEME_LABELS.items()]


def list_municipalities(
    *, session: Session, region: Region | None = None
) -> list[MunicipalityPublic]:
    """Municipalities sorted by NIS code, each with its postcodes; optionally one region."""
    query = select(Municipality).order_by(col(Municipality.nis_code))
    if region is not None:
        query = query.where(col(Municipality.region) == region.value)
    postcodes: dict[str, set[str]] = defaultdict(set)
    for code, nis in session.exec(select(Postcode.postcode, Postcode.nis_code)):
        if nis:
            postcodes[nis].add(code)
    return [
        MunicipalityPublic.model_validate(
            {**m.model_dump(warnings=False), "postcodes": sorted(postcodes[m.nis_code])}
        )
        for m in session.exec(query)
    ]


def list_organizations(*, session: Session) -> list[OrganizationPublic]:
    """Every organization, sorted by id."""
    rows = session.exec(select(Organization).order_by(col(Organization.id)))
    return [OrganizationPublic.model_validate(row, from_attributes=True) for row in rows]


def municipality_nis_codes(*, session: Session, region: Region | None = None) -> list[str]:
    """NIS codes of all municipalities, or of one region's."""
    query = select(Municipality.nis_code)
    if region is not None:
        query = query.where(col(Municipality.region) == region.value)
    return list(session.exec(query))


def locate_postcode(
    *, session: Session, postcode: str, places: "ReferencePlaces | None" = None
) -> PostcodePlace:
    """The centroid and municipality of a Belgian postcode (from ``places`` in memory when
    given, else SQL).

    Raises ``InvalidQueryError`` (422) when the postcode is not in the bpost/GeoNames list.
    """
    rows: list[tuple[float, float, str | None]] = (
        places.postcode(postcode)
        if places is not None
        else [
            (r.lat, r.lon, r.nis_code)
            for r in session.exec(
                select(Postcode)
                .where(col(Postcode.postcode) == postcode)
                .order_by(col(Postcode.id))
            )
        ]
    )
    if not rows:
        raise InvalidQueryError(
            f"unknown Belgian postcode {postcode!r}: give the 4 digits of a bpost postcode "
            "(1000 for Bruxelles, 1020 for Laeken)",
            loc=("query", "postcode"),
        )
    lat = sum(r[0] for r in rows) / len(rows)
    lon = sum(r[1] for r in rows) / len(rows)
    nis = next((r[2] for r in rows if r[2]), None)
    return PostcodePlace(postcode=postcode, point=Point(lat, lon), nis_code=nis)


def municipality_near(
    *, session: Session, point: Point, places: "ReferencePlaces | None" = None
) -> str | None:
    """NIS code of the municipality of the postcode locality nearest to ``point``.

    An approximation: guichets holds no municipal boundaries, only GeoNames locality points,
    so near a border the neighbouring municipality may be returned. With ``places`` (the
    postcodes in memory, ``api.services.index.lookups``) the same answer without SQL.
    """
    if places is not None:
        return places.municipality_near(point)
    for span in (0.05, 0.15, 0.5):
        rows = session.exec(
            select(Postcode.lat, Postcode.lon, Postcode.nis_code).where(
                col(Postcode.lat).between(point.lat - span, point.lat + span),
                col(Postcode.lon).between(point.lon - span, point.lon + span),
                col(Postcode.nis_code).is_not(None),
            )
        ).all()
        if rows:
            best = min(rows, key=lambda r: (r[0] - point.lat) ** 2 + (r[1] - point.lon) ** 2)
            return best[2]
    return None


def check_in_belgium(point: Point) -> None:
    """Raise ``InvalidQueryError`` (422) when ``point`` lies outside Belgium (with margin)."""
    if not in_belgium(point.lat, point.lon):
        raise InvalidQueryError(
            f"lat={point.lat}, lon={point.lon} is outside Belgium: guichets covers Brussels and "
            "Wallonia (Brussels is about lat=50.85, lon=4.35); "
            "check that lat and lon are not swapped",
            loc=("query", "lat"),
        )


def resolve_origin(
    *,
    session: Session,
    lat: float | None,
    lon: float | None,
    postcode: str | None,
    address: str | None = None,
    geocoder: Geocoder | None = None,
    places: "ReferencePlaces | None" = None,
) -> Origin:
    """The origin of a nearest search from exactly one of ``lat``+``lon`` (WGS84 degrees,
    inside Belgium), ``postcode`` (its centroid) or ``address`` (geocoded), with the
    origin's municipality.

    Raises ``InvalidQueryError`` (422) for lat without lon (or the reverse), two origins,
    none, coordinates outside Belgium, an unknown postcode or an address not found;
    ``ServiceUnavailableError`` (503) when an address is given and the geocoder is off or
    not answering. ``places``: the postcodes in memory (the index's), else SQL.
    """
    if (lat is None) != (lon is None):
        missing = "lon" if lon is None else "lat"
        raise InvalidQueryError(
            f"{missing} is missing: give both lat and lon (WGS84 degrees), or a postcode",
            loc=("query", missing),
        )
    given = [
        name
        for name, value in (("lat/lon", lat), ("postcode", postcode), ("address", address))
        if value is not None
    ]
    if len(given) > 1:
        raise InvalidQueryError(
            f"give one origin, not {' and '.join(given)}: a postcode, or lat/lon, or an address",
            loc=("query", "postcode"),
        )
    if lat is not None and lon is not None:
        point = Point(lat, lon)
        check_in_belgium(point)
        nis = municipality_near(session=session, point=point, places=places)
        return Origin(lat=lat, lon=lon, source="coordinates", nis_code=nis)
    if address is not None:
        return _address_origin(session=session, address=address, geocoder=geocoder)
    if postcode is None:
        raise InvalidQueryError(
            "say where the person is: lat and lon, a postcode (e.g. postcode=1020) or an address",
            loc=("query", "postcode"),
        )
    place = locate_postcode(session=session, postcode=postcode, places=places)
    return Origin(
        lat=place.point.lat, lon=place.point.lon, source="postcode", nis_code=place.nis_code
    )


def _address_origin(*, session: Session, address: str, geocoder: Geocoder | None) -> Origin:
    if geocoder is None:
        raise ServiceUnavailableError(
            "address search is off on this server (no geocoder configured): "
            "give a postcode or lat/lon"
        )
    try:
        found = geocoder.geocode(address)
    except GeocodingUnavailable as exc:
        raise ServiceUnavailableError(f"{exc}: try again, or give a postcode") from exc
    if found is None:
        raise InvalidQueryError(
            f"address not found in Belgium: {address!r}; check the street and the postcode, "
            "or give a postcode",
            loc=("query", "address"),
        )
    point = Point(found.lat, found.lon)
    nis = municipality_near(session=session, point=point)
    return Origin(lat=found.lat, lon=found.lon, source="address", nis_code=nis)
