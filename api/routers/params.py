"""Query parameters shared by the endpoints that return access points."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request

from api.geocoding import Geocoder
from api.models.common import Kind, Theme, Wheelchair
from api.search import SearchQuery
from api.services.filters import AccessPointFilters
from api.services.nearest.competence import CompetenceMode
from api.services.search import parse_search


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


async def text_search(
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Text search, in French, Dutch or English, in the names, the "
            "organization, the description and the themes; case and accents do not matter, "
            "synonyms count (OCMW finds CPAS, werkloosheid finds chômage), the last word may "
            "be a beginning (chôm). Every word must be found. The list is then ranked by "
            "relevance (then id); nearest only keeps the matches. At most 10 words.",
            examples=["ziekenfonds"],
        ),
    ] = None,
) -> SearchQuery | None:
    """The parsed text search ``q``, or None when it is missing or blank. 422 for a text
    without a letter or digit, or with more than 10 words (small words such as "de" aside)."""
    return parse_search(q)


SearchDep = Annotated[SearchQuery | None, Depends(text_search)]


async def get_geocoder(request: Request) -> Geocoder | None:
    """The app's geocoder (None when geocoding is off); tests override it. Async: it does
    not block, so FastAPI calls it without a thread hop."""
    geocoder: Geocoder | None = request.app.state.geocoder
    return geocoder


GeocoderDep = Annotated[Geocoder | None, Depends(get_geocoder)]


@dataclass(frozen=True, slots=True)
class OriginParams:
    """The origin of a nearest search as asked: ``lat`` + ``lon`` (WGS84 degrees), a
    ``postcode`` or an ``address``; resolved (and checked: exactly one, inside Belgium) by
    ``api.services.reference.resolve_origin``."""

    lat: float | None
    lon: float | None
    postcode: str | None
    address: str | None


async def origin_params(
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
) -> OriginParams:
    """The origin parameters of a nearest search, parsed (no I/O: resolved later, in the
    search's worker thread)."""
    return OriginParams(lat=lat, lon=lon, postcode=postcode, address=address)


OriginParamsDep = Annotated[OriginParams, Depends(origin_params)]


ResidenceQuery = Annotated[
    str | None,
    Query(
        pattern=r"^(\d{4}|\d{5})$",
        description="Where the person lives: the NIS code of a municipality (5 digits) or a "
        "Belgian postcode (4 digits). It decides competence (a CPAS serves the residents of its "
        "commune only); the origin decides distance. Default on nearest: the origin's "
        "municipality.",
        examples=["21001"],
    ),
]
CompetenceQuery = Annotated[
    CompetenceMode,
    Query(
        description="competent: leave out the access points whose service_area does not cover "
        "the residence; any: keep them, flagged competent: false"
    ),
]
