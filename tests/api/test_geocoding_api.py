"""Geocoding on write and address origins, through the app with a network-free geocoder."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.models import Role
from api.routers.params import get_geocoder
from api.services.keys import create_key
from tests.api.test_writes import auth, new_place
from tests.conftest import NOW
from tests.geocoder_fake import FakeNominatim, fake_geocoder


@pytest.fixture
def key(session: Session) -> str:
    return create_key(session=session, name="geo", role=Role.ADMIN, organization_id=None, now=NOW)[
        1
    ]


@pytest.fixture
def geocoding(app: FastAPI) -> Iterator[None]:
    geocoder = fake_geocoder()
    app.dependency_overrides[get_geocoder] = lambda: geocoder
    yield
    app.dependency_overrides.pop(get_geocoder)


def place_at(street: str, postcode: str = "1020", nis: str = "21004") -> dict[str, Any]:
    return new_place(
        organization_id="cpas-ocmw-bruxelles",
        names={"fr": f"Permanence {street}"},
        address={"street": street, "postcode": postcode, "nis_code": nis},
    )


def test_written_address_is_geocoded(client: TestClient, key: str, geocoding: None) -> None:
    response = client.post(
        "/v1/access-points", json=place_at("Boulevard Émile Bockstael 114"), headers=auth(key)
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["location"] == {"lat": 50.8783, "lon": 4.3478, "precision": "building"}
    assert body["notices"] and body["notices"][0].startswith("located by geocoding (building)")


def test_not_found_or_down_falls_back_to_the_postcode(
    client: TestClient, key: str, geocoding: None
) -> None:
    missing = client.post(
        "/v1/access-points", json=place_at("Rue Inconnue 3"), headers=auth(key)
    ).json()
    assert missing["location"]["precision"] == "postcode"
    assert "did not find the address" in missing["notices"][0]
    FakeNominatim.failing = True
    down = client.post("/v1/access-points", json=place_at("Rue Haute 12"), headers=auth(key)).json()
    assert down["location"]["precision"] == "postcode"
    assert "did not answer" in down["notices"][0]


def test_geocoding_off_says_so(client: TestClient, key: str) -> None:
    body = client.post(
        "/v1/access-points", json=place_at("Boulevard Émile Bockstael 114"), headers=auth(key)
    ).json()
    assert body["location"]["precision"] == "postcode"
    assert body["notices"] == ["geocoding is off: placed at the centroid of its postcode"]


def test_new_address_is_located_again(client: TestClient, key: str, geocoding: None) -> None:
    created = client.post(
        "/v1/access-points", json=place_at("Rue Haute 12", "1000", "21004"), headers=auth(key)
    )
    url = created.headers["location"]
    assert created.json()["location"]["precision"] == "street"
    moved = client.patch(
        url,
        json={"address": {"street": "Boulevard Émile Bockstael 114", "postcode": "1020"}},
        headers=auth(key, created.headers["etag"]),
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["location"]["lat"] == 50.8783


def test_nearest_from_an_address(client: TestClient, geocoding: None) -> None:
    body = client.get(
        "/v1/access-points/nearest?address=Boulevard Émile Bockstael 114, 1020 Bruxelles"
    ).json()
    assert body["origin"] == {
        "lat": 50.8783,
        "lon": 4.3478,
        "source": "address",
        "nis_code": "21004",
    }
    assert body["items"]
    missing = client.get("/v1/access-points/nearest?address=Rue Inconnue 3")
    assert missing.status_code == 422 and "address not found" in missing.text
    FakeNominatim.failing = True
    down = client.get("/v1/access-points/nearest?address=Rue Haute")
    assert down.status_code == 503 and "give a postcode" in down.json()["detail"]


def test_nearest_from_an_address_without_geocoder_is_503(client: TestClient) -> None:
    response = client.get("/v1/access-points/nearest?address=Rue Haute 12, Bruxelles")
    assert response.status_code == 503
    assert "no geocoder configured" in response.json()["detail"]
