"""Partner sites: streamed exports, sync with tombstones and a stable cursor, HTTP caching."""

import csv
import io
import json
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.clock import get_now
from api.models import Role
from api.services.keys import create_key
from tests.api.test_writes import auth
from tests.conftest import NOW

EXPORT = "/v1/export/access-points"


@pytest.fixture
def later(app: FastAPI) -> None:
    """Writes in these tests happen an hour after the seed."""
    app.dependency_overrides[get_now] = lambda: NOW + timedelta(hours=1)


@pytest.fixture
def admin(session: Session) -> str:
    return create_key(
        session=session, name="sync-admin", role=Role.ADMIN, organization_id=None, now=NOW
    )[1]


def test_geojson_is_an_rfc7946_feature_collection(client: TestClient) -> None:
    response = client.get(f"{EXPORT}.geojson")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection" and "OpenStreetMap" in body["attribution"]
    features = {f["id"]: f for f in body["features"]}
    assert len(features) == 122
    schaerbeek = features["cpas-schaerbeek"]
    assert schaerbeek["geometry"] == {
        "type": "Point",
        "coordinates": [4.401445, 50.851756],
    }  # lon, lat
    assert schaerbeek["properties"]["location_precision"] == "building"
    assert features["phone-tele-accueil-fr"]["geometry"] is None


def test_csv_has_a_bom_and_one_row_per_access_point(client: TestClient) -> None:
    response = client.get(f"{EXPORT}.csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 122
    row = next(r for r in rows if r["id"] == "cpas-schaerbeek")
    assert row["phones"] == "+3222403080" and row["phones_display"] == "02 240 30 80"
    assert row["nis_code"] == "21015" and row["languages"] == "fr ; nl"
    assert (
        response.headers["content-disposition"]
        == 'attachment; filename="guichets-access-points.csv"'
    )


def test_ndjson_and_filters(client: TestClient) -> None:
    lines = client.get(f"{EXPORT}.ndjson?kind=epn").text.splitlines()
    assert lines and all(json.loads(line)["kind"] == "epn" for line in lines)


def test_updated_since_returns_changes_and_tombstones(
    client: TestClient, admin: str, later: None
) -> None:
    since = "2026-11-23T10:00:00%2B01:00"  # the seed's time: nothing changed after it yet
    assert client.get(f"/v1/access-points?updated_since={since}").json()["items"] == []
    client.patch(
        "/v1/access-points/cpas-evere",
        json={"email": "info@example.org"},
        headers=auth(admin, '"1"'),
    )
    client.delete("/v1/access-points/townhall-evere", headers=auth(admin, '"1"'))
    changed = client.get(f"/v1/access-points?updated_since={since}").json()["items"]
    assert {(i["id"], i["status"]) for i in changed} == {
        ("cpas-evere", "active"),
        ("townhall-evere", "inactive"),
    }
    exported = [
        json.loads(line)
        for line in client.get(f"{EXPORT}.ndjson?updated_since={since}").text.splitlines()
    ]
    assert {i["id"] for i in exported} == {"cpas-evere", "townhall-evere"}
    assert "townhall-evere" not in {
        i["id"] for i in client.get("/v1/access-points?limit=500").json()["items"]
    }


def test_cursor_neither_skips_nor_repeats_while_rows_change(
    client: TestClient, admin: str, later: None
) -> None:
    since = "2026-01-01T00:00:00%2B01:00"
    first = client.get(f"/v1/access-points?updated_since={since}&limit=30").json()
    read = [(i["id"], i["updated_at"]) for i in first["items"]]
    # Between pages: change a row already read and a row not read yet.
    already, later = read[0][0], "townhall-woluwe-saint-pierre"
    assert later not in {r[0] for r in read}
    for ap_id in (already, later):
        etag = client.get(f"/v1/access-points/{ap_id}").headers["etag"]
        assert (
            client.patch(
                f"/v1/access-points/{ap_id}",
                json={"email": "x@example.org"},
                headers=auth(admin, etag),
            ).status_code
            == 200
        )
    cursor = first["next_cursor"]
    while cursor:
        page = client.get(
            f"/v1/access-points?updated_since={since}&limit=30&cursor={cursor}"
        ).json()
        read += [(i["id"], i["updated_at"]) for i in page["items"]]
        cursor = page["next_cursor"]
    assert len(read) == len(set(read)), "a version came twice"
    ids = [r[0] for r in read]
    assert set(ids) == {i["id"] for i in client.get("/v1/access-points?limit=500").json()["items"]}
    # The changed rows come again at the end with their new version, and only them.
    assert {i for i in ids if ids.count(i) > 1} == {already}
    assert ids[-1] in (already, later) and ids[-2] in (already, later)


def test_conditional_requests(client: TestClient, admin: str) -> None:
    for url in (f"{EXPORT}.geojson", "/v1/access-points?limit=5&at=2026-11-23T10:00"):
        first = client.get(url)
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert "max-age" in first.headers["cache-control"]
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
        assert client.get(url, headers={"If-None-Match": '"0-nothing"'}).status_code == 200
    before = client.get(f"{EXPORT}.geojson").headers["etag"]
    client.patch(
        "/v1/access-points/cpas-evere",
        json={"email": "new@example.org"},
        headers=auth(admin, '"1"'),
    )
    after = client.get(f"{EXPORT}.geojson", headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["etag"] != before
