"""Every bad input gets a 4xx with a message a person can act on."""

import pytest
from fastapi.testclient import TestClient

NEAREST = "/v1/access-points/nearest"


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("lat=50.85", "lon is missing"),
        ("lon=4.35", "lat is missing"),
        ("lat=95&lon=4.35", "less than or equal to 90"),
        ("lat=48.8566&lon=2.3522", "outside Belgium"),
        ("lat=4.35&lon=50.85", "swapped"),
        ("postcode=1999", "unknown Belgian postcode"),
        ("postcode=10200", "should match pattern"),
        ("postcode=1020&lat=50.85&lon=4.35", "give one origin, not lat/lon and postcode"),
        ("", "say where the person is"),
        ("postcode=1020&at=tomorrow", "datetime"),
        ("postcode=1020&limit=101", "less than or equal to 100"),
        ("postcode=1020&kind=bakery", "guichet"),
        ("postcode=1020&theme=cooking", "social_aid"),
        ("postcode=1020&open=sometimes", "now"),
        ("postcode=1020&max_distance_km=0", "greater than 0"),
    ],
)
def test_nearest_rejects_with_a_message(client: TestClient, query: str, words: str) -> None:
    response = client.get(f"{NEAREST}?{query}")
    assert response.status_code == 422, response.text
    assert words in response.text


def test_unknown_id_is_404(client: TestClient) -> None:
    response = client.get("/v1/access-points/no-such-place")
    assert response.status_code == 404
    assert response.json() == {"detail": "no access point with id 'no-such-place'"}
    assert client.get("/v1/access-points/no-such-place/calendar").status_code == 404


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("limit=501", "less than or equal to 500"),
        ("cursor=@@@", "invalid cursor"),
        ("open_now=true&open_at=2026-11-23T10:00", "either open_at or open_now"),
        ("language=french", "should match pattern"),
        ("municipality=1000", "should match pattern"),
    ],
)
def test_list_rejects_with_a_message(client: TestClient, query: str, words: str) -> None:
    response = client.get(f"/v1/access-points?{query}")
    assert response.status_code == 422, response.text
    assert words in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/v1/export/access-points.csv?updated_since=0001-01-01T00:00:00%2B00:01",
        "/v1/access-points?updated_since=9999-12-31T23:59:00-00:01",
        "/v1/access-points/nearest?postcode=1020&at=0001-01-01T00:00",
        "/v1/access-points/cpas-schaerbeek/calendar?from=9999-12-31",
    ],
)
def test_dates_out_of_range_are_422(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422, response.text
    assert "between 1900 and 2200" in response.text
