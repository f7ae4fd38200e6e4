"""The HSDS 3.0 API, validated against the official Open Referral JSON schemas
(tests/hsds-3.0, CC BY-SA 4.0) with a Draft 2020-12 validator and a format checker."""

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from api.services.hsds import hsds_id

SCHEMAS = Path(__file__).parent.parent / "hsds-3.0"


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / "compiled" / f"{name}.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def page_validator() -> Draft202012Validator:
    page = json.loads((SCHEMAS / "openapi.json").read_text(encoding="utf-8"))["components"][
        "schemas"
    ]["Page"]
    return Draft202012Validator(page, format_checker=Draft202012Validator.FORMAT_CHECKER)


def valid(name: str, document: Any) -> None:
    errors = sorted(validator(name).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def valid_page(body: dict[str, Any], item: str) -> None:
    assert not list(page_validator().iter_errors(body))
    for content in body["contents"]:
        valid(item, content)


def test_root(client: TestClient) -> None:
    body = client.get("/hsds/").json()
    assert body["version"] == "3.0" and body["openapi_url"].endswith("/openapi.json")


def test_services_pages_validate(client: TestClient) -> None:
    first = client.get("/hsds/services?per_page=40").json()
    valid_page(first, "service_list")
    assert first["total_items"] == 122 and first["total_pages"] == 4 and first["first_page"]
    last = client.get("/hsds/services?per_page=40&page=4").json()
    assert last["last_page"] and last["size"] == 2


@pytest.mark.parametrize(
    "our_id",
    [
        "cpas-schaerbeek",
        "phone-allo-aide-sociale-federation-des-services-sociaux",
        "epn-bibliotheque-adolphe-max",
        "cpas-anderlecht",
    ],
)
def test_full_service_validates(client: TestClient, our_id: str) -> None:
    response = client.get(f"/hsds/services/{hsds_id('service', our_id)}")
    assert response.status_code == 200
    valid("service", response.json())


def test_schedules_and_areas(client: TestClient) -> None:
    schaerbeek = client.get(f"/hsds/services/{hsds_id('service', 'cpas-schaerbeek')}").json()
    rows = {(s["byday"], s["opens_at"], s["closes_at"]) for s in schaerbeek["schedules"]}
    # Mo-Th 08:00-12:05,12:50-16:30; Fr 08:00-12:05; PH off: one row per distinct opening.
    assert rows == {("MO,TU,WE,TH,FR", "08:00", "12:05"), ("MO,TU,WE,TH", "12:50", "16:30")}
    assert all(
        s["timezone"] == 1.0 and "Mo-Th 08:00-12:05" in s["description"]
        for s in schaerbeek["schedules"]
    )
    assert schaerbeek["organization"]["name"] == "CPAS de Schaerbeek"
    assert schaerbeek["service_at_locations"][0]["location"]["latitude"] == 50.851756
    line = client.get(f"/hsds/services/{hsds_id('service', 'phone-actiris-0800')}").json()
    assert "service_at_locations" not in line
    assert {a["extent"] for a in line["service_areas"]} == {f"210{n:02d}" for n in range(1, 20)}
    assert line["phones"][0]["number"] == "+3280035123"


def test_service_at_locations_by_postcode_and_proximity(client: TestClient) -> None:
    near = client.get("/hsds/service_at_locations?postcode=1030&proximity=1500").json()
    valid_page(near, "service_at_location_list")
    assert near["contents"]
    assert hsds_id("service_at_location", "townhall-schaerbeek") in {
        c["id"] for c in near["contents"]
    }
    in_commune = client.get("/hsds/service_at_locations?postcode=1030&per_page=100").json()
    assert hsds_id("service_at_location", "cpas-schaerbeek") in {
        c["id"] for c in in_commune["contents"]
    }
    assert client.get("/hsds/service_at_locations?proximity=100").status_code == 422
    one = client.get(
        f"/hsds/service_at_locations/{hsds_id('service_at_location', 'cpas-schaerbeek')}"
    )
    valid("service_at_location", one.json())
    assert (
        client.get(
            f"/hsds/service_at_locations/{hsds_id('service_at_location', 'phone-tele-accueil-fr')}"
        ).status_code
        == 404
    )


def test_organizations_validate(client: TestClient) -> None:
    listed = client.get("/hsds/organizations?per_page=100").json()
    valid_page(listed, "organization_list")
    one = client.get(f"/hsds/organizations/{hsds_id('organization', 'actiris')}").json()
    valid("organization", one)
    assert {s["name"] for s in one["services"]} >= {
        "Actiris — centrale téléphonique pour chercheurs d'emploi"
    }


def test_taxonomy_and_filters(client: TestClient) -> None:
    terms = client.get("/hsds/taxonomy_terms").json()["contents"]
    digital = next(t for t in terms if t["code"] == "digital_help")
    found = client.get(f"/hsds/services?taxonomy_term_id={digital['id']}&per_page=100").json()[
        "contents"
    ]
    ours = client.get("/v1/access-points?theme=digital_help&limit=500").json()["items"]
    assert {s["id"] for s in found} == {hsds_id("service", i["id"]) for i in ours} != set()
    assert client.get("/hsds/services?taxonomy_term_id=nope").status_code == 422
    later = client.get("/hsds/services?modified_after=2027-01-01T00:00").json()
    assert later["empty"] and later["total_items"] == 0
    assert client.get("/hsds/services?search=laeken").json()["total_items"] >= 1
    assert client.get(f"/hsds/services/{hsds_id('service', 'no-such')}").status_code == 404


def test_the_validator_bites() -> None:
    with pytest.raises(AssertionError):
        valid("service", {"id": "not-a-uuid", "name": "x", "status": "open"})


def test_organization_filter(client: TestClient) -> None:
    actiris = hsds_id("organization", "actiris")
    body = client.get(f"/hsds/services?organization_id={actiris}").json()
    assert body["total_items"] == 2
    assert (
        client.get(
            "/hsds/services?organization_id=00000000-0000-0000-0000-000000000000"
        ).status_code
        == 422
    )


def test_hsds_lists_are_cacheable(client: TestClient) -> None:
    first = client.get("/hsds/services?per_page=10")
    assert first.headers["cache-control"] == "public, max-age=300"
    assert (
        client.get(
            "/hsds/services?per_page=10", headers={"If-None-Match": first.headers["etag"]}
        ).status_code
        == 304
    )
    other = client.get(
        "/hsds/services?per_page=11", headers={"If-None-Match": first.headers["etag"]}
    )
    assert other.status_code == 200
