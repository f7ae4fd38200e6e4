"""Turning an address into a position, with geopy (Nominatim by default).

Off unless ``GUICHETS_GEOCODER_USER_AGENT`` is set: Nominatim's usage policy requires a user
agent that identifies the application, and at most one request a second, which geopy's
``RateLimiter`` enforces. Tests give the geocoder a geopy adapter that answers without the
network, so that geopy's own parsing runs.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from geopy.adapters import AdapterHTTPError, BaseSyncAdapter
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from api.config import Settings
from api.geo import in_belgium
from api.models.common import Precision


class GeocodingUnavailable(Exception):
    """The geocoder is off, or did not answer (network, quota, timeout)."""


@dataclass(frozen=True, slots=True)
class GeocodedPlace:
    """A position found for an address (WGS84 degrees), and how precise it is."""

    lat: float
    lon: float
    precision: Precision
    label: str


# What Nominatim calls a place precise to the building.
_BUILDING_TYPES = {"building", "house", "office", "amenity", "townhall", "public_building"}


class Geocoder:
    """An address geocoder restricted to Belgium. ``geocode`` returns None when nothing is
    found and raises ``GeocodingUnavailable`` when the service cannot answer."""

    def __init__(self, lookup: Callable[..., Any]) -> None:
        self._lookup = lookup

    def geocode(self, query: str) -> GeocodedPlace | None:
        """The best match for ``query`` in Belgium, or None."""
        try:
            found = self._lookup(query, country_codes="be", addressdetails=True)
        except (GeopyError, AdapterHTTPError) as exc:
            raise GeocodingUnavailable(f"the geocoder did not answer: {exc}") from exc
        if found is None or not in_belgium(found.latitude, found.longitude):
            return None
        raw = found.raw or {}
        kind = {raw.get("addresstype"), raw.get("type"), raw.get("class")}
        precise = bool(kind & _BUILDING_TYPES) or "house_number" in (raw.get("address") or {})
        return GeocodedPlace(
            lat=found.latitude,
            lon=found.longitude,
            precision=Precision.BUILDING if precise else Precision.STREET,
            label=found.address,
        )


def build_geocoder(
    settings: Settings, adapter_factory: Callable[..., BaseSyncAdapter] | None = None
) -> Geocoder | None:
    """The configured geocoder, or None when geocoding is off (no user agent set)."""
    if not settings.geocoder_user_agent:
        return None
    nominatim = Nominatim(
        user_agent=settings.geocoder_user_agent,
        domain=settings.geocoder_domain,
        timeout=settings.geocoder_timeout_s,
        adapter_factory=adapter_factory,
    )
    limited = RateLimiter(
        nominatim.geocode,
        min_delay_seconds=settings.geocoder_min_delay_s,
        max_retries=1,
        error_wait_seconds=settings.geocoder_min_delay_s,
        swallow_exceptions=False,
    )
    return Geocoder(limited)
