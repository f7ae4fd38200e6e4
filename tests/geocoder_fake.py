"""A geopy adapter that answers like Nominatim without the network, so that tests run
geopy's real request building and response parsing."""

from typing import Any, ClassVar
from urllib.parse import parse_qs, urlparse

from geopy.adapters import AdapterHTTPError, BaseSyncAdapter

from api.config import Settings
from api.geocoding import Geocoder, build_geocoder

# Answers by the start of the query (Nominatim's jsonv2-like rows; positions from OSM).
KNOWN: dict[str, list[dict[str, Any]]] = {
    "Boulevard Émile Bockstael 114": [
        {
            "lat": "50.8783",
            "lon": "4.3478",
            "display_name": "114, Boulevard Émile Bockstael, Laeken, Bruxelles, 1020, Belgique",
            "class": "building",
            "type": "yes",
            "addresstype": "building",
            "address": {
                "house_number": "114",
                "road": "Boulevard Émile Bockstael",
                "postcode": "1020",
            },
        }
    ],
    "Rue Haute": [
        {
            "lat": "50.8389",
            "lon": "4.3484",
            "display_name": "Rue Haute, Marolles, Bruxelles, 1000, België / Belgique",
            "class": "highway",
            "type": "residential",
            "addresstype": "road",
            "address": {"road": "Rue Haute", "postcode": "1000"},
        }
    ],
    "Champs-Élysées": [
        {
            "lat": "48.8698",
            "lon": "2.3078",
            "display_name": "Avenue des Champs-Élysées, Paris",
            "class": "highway",
            "type": "primary",
        }
    ],
}


class FakeNominatim(BaseSyncAdapter):
    """Records every request; answers from ``KNOWN``; fails when asked to."""

    requests: ClassVar[list[tuple[str, dict[str, Any]]]] = []
    failing: ClassVar[bool] = False

    def get_json(self, url: str, *, timeout: float, headers: dict[str, Any]) -> Any:
        """Nominatim's /search answer for the ``q`` of ``url``."""
        FakeNominatim.requests.append((url, headers))
        if FakeNominatim.failing:
            raise AdapterHTTPError("Service Unavailable", status_code=503, headers={}, text="")
        query = parse_qs(urlparse(url).query)["q"][0]
        return next((rows for start, rows in KNOWN.items() if query.startswith(start)), [])

    def get_text(self, url: str, *, timeout: float, headers: dict[str, Any]) -> str:
        """Not used by Nominatim's geocode."""
        raise NotImplementedError


def fake_geocoder() -> Geocoder:
    """A real geopy Nominatim geocoder wired to ``FakeNominatim``."""
    FakeNominatim.requests = []
    FakeNominatim.failing = False
    settings = Settings(
        geocoder_user_agent="guichets-tests (tests@example.org)", geocoder_min_delay_s=0
    )
    geocoder = build_geocoder(settings, adapter_factory=FakeNominatim)
    assert geocoder is not None
    return geocoder
