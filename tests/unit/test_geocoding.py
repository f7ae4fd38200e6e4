"""Geocoding through geopy's Nominatim, with an adapter that answers without the network."""

from api.config import Settings
from api.geocoding import GeocodingUnavailable, build_geocoder
from api.models.common import Precision
from tests.geocoder_fake import FakeNominatim, fake_geocoder


def test_off_without_a_user_agent() -> None:
    assert build_geocoder(Settings(geocoder_user_agent=None)) is None


def test_building_and_street_precision() -> None:
    geocoder = fake_geocoder()
    place = geocoder.geocode("Boulevard Émile Bockstael 114, 1020 Bruxelles, Belgique")
    assert place is not None
    assert (place.lat, place.lon, place.precision) == (50.8783, 4.3478, Precision.BUILDING)
    street = geocoder.geocode("Rue Haute, 1000 Bruxelles")
    assert street is not None and street.precision is Precision.STREET
    url, headers = FakeNominatim.requests[0]
    assert "countrycodes=be" in url and "addressdetails=1" in url
    assert headers["User-Agent"] == "guichets-tests (tests@example.org)"


def test_not_found_and_outside_belgium_are_none() -> None:
    geocoder = fake_geocoder()
    assert geocoder.geocode("Nulle part 1") is None
    assert geocoder.geocode("Champs-Élysées 1, Paris") is None


def test_service_down_is_unavailable() -> None:
    geocoder = fake_geocoder()
    FakeNominatim.failing = True
    try:
        geocoder.geocode("Rue Haute")
    except GeocodingUnavailable as exc:
        assert "did not answer" in str(exc)
    else:
        raise AssertionError("a failing geocoder must raise GeocodingUnavailable")
