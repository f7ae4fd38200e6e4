"""Query parameters shared by the endpoints that return access points."""

from typing import Annotated

from fastapi import Depends, Query, Request

from api.db import SessionDep
from api.geocoding import Geocoder
from api.models.common import Kind, Theme, Wheelchair
from api.models.responses import Origin
from api.services.filters import AccessPointFilters
from api.services.reference import resolve_origin


async def directory_filters(
    kind: Annotated[Kind | None, Query(description="guichet, phone_line, epn or outreach")] = None,
    theme: Annotated[Theme | None, Query(description="A theme of GET /v1/themes")] = None,
    language: Annotated[
        str | None,
        Query(
            pattern=r"^[a-z]{2}$",
            description="ISO 639-1 code of a language spoken there",
            examples=["nl"],
        ),
    ] = None,
    municipality: Annotated[
        str | None,
        Query(pattern=r"^\d{5}$", description="NIS code of the municipality", examples=["21004"]),
    ] = None,
    walk_in: Annotated[bool | None, Query(description="Reachable without an appointment")] = None,
    free_of_charge: Annotated[bool | None, Query()] = None,
    wheelchair: Annotated[Wheelchair | None, Query()] = None,
) -> AccessPointFilters:
    """Collect the directory filters (combined with AND) into one value. ``postcode`` is not
    here: it is a filter on the list but the origin of the nearest search."""
    return AccessPointFilters(
        kind=kind,
        theme=theme,
        language=language,
        municipality=municipality,
        walk_in=walk_in,
        free_of_charge=free_of_charge,
        wheelchair=wheelchair,
    )


FiltersDep = Annotated[AccessPointFilters, Depends(directory_filters)]


def get_geocoder(request: Request) -> Geocoder | None:
    """The app's geocoder (None when geocoding is off); tests override it."""
    geocoder: Geocoder | None = request.app.state.geocoder
    return geocoder


GeocoderDep = Annotated[Geocoder | None, Depends(get_geocoder)]


def nearest_origin(
    session: SessionDep,
    geocoder: GeocoderDep,
    lat: Annotated[
        float | None,
        Query(ge=-90, le=90, description="Latitude, WGS84 degrees", examples=[50.8759]),
    ] = None,
    lon: Annotated[
        float | None,
        Query(ge=-180, le=180, description="Longitude, WGS84 degrees", examples=[4.3484]),
    ] = None,
    postcode: Annotated[
        str | None,
        Query(pattern=r"^\d{4}$", description="Belgian postcode as origin", examples=["1020"]),
    ] = None,
    address: Annotated[
        str | None,
        Query(
            min_length=3,
            max_length=200,
            description="A Belgian address as origin (geocoded; needs a configured geocoder)",
            examples=["Boulevard Émile Bockstael 114, 1020 Bruxelles"],
        ),
    ] = None,
) -> Origin:
    """The origin of a nearest search, from exactly one of ``lat``+``lon``, ``postcode`` or
    ``address``."""
    return resolve_origin(
        session=session, lat=lat, lon=lon, postcode=postcode, address=address, geocoder=geocoder
    )


OriginDep = Annotated[Origin, Depends(nearest_origin)]
