"""Writes keep what they do not change: a field sent with its current value makes no new
version and no history entry; a building location is not replaced by the postcode's centre
unless the request says so; a NIS code fills the municipality; a schedule without a rule for
public holidays is accepted with a warning."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.models import Role
from api.services.keys import create_key
from tests.conftest import NOW

AP = "/v1/access-points"
IXELLES = f"{AP}/townhall-ixelles"


@pytest.fixture
def admin(session: Session) -> dict[str, str]:
    key = create_key(session=session, name="admin", role=Role.ADMIN, organization_id=None, now=NOW)
    return {"Authorization": f"Bearer {key[1]}"}


def history(client: TestClient, url: str) -> list[dict[str, Any]]:
    return list(client.get(f"{url}/history").json())


def patch(
    client: TestClient, admin: dict[str, str], url: str, body: dict[str, Any]
) -> dict[str, Any]:
    etag = client.get(url).headers["etag"]
    response = client.patch(url, json=body, headers=admin | {"If-Match": etag})
    assert response.status_code == 200, response.text
    return dict(response.json()) | {"etag": response.headers["etag"]}


def test_patch_with_an_unchanged_address(client: TestClient, admin: dict[str, str]) -> None:
    before = client.get(IXELLES)
    stored = before.json()
    assert stored["location"]["precision"] == "building"
    written = patch(client, admin, IXELLES, {"address": {"street": stored["address"]["street"]}})
    assert written["location"] == stored["location"]  # the building, not the 1050 centre
    assert written["etag"] == before.headers["etag"]
    assert len(history(client, IXELLES)) == 1  # only the seed's creation


def test_a_field_sent_with_its_current_value_changes_nothing(
    client: TestClient, admin: dict[str, str]
) -> None:
    url = f"{AP}/cpas-schaerbeek"
    before = client.get(url)
    current = before.json()
    written = patch(
        client,
        admin,
        url,
        {
            "opening_hours": current["opening_hours"],
            "languages": current["languages"],
            "names": current["names"],
            "access": {"walk_in": current["access"]["walk_in"]},
        },
    )
    assert (
        written["etag"] == before.headers["etag"]
        and written["updated_at"] == (current["updated_at"])
    )
    assert len(history(client, url)) == 1
    # PUT of the same body (no location: the stored building is kept) changes nothing either.
    body = {k: v for k, v in current.items() if k in PUT_FIELDS} | {
        "organization_id": current["organization"]["id"],
        "phones": [{"number": p["number"], "label": p["label"]} for p in current["phones"]],
    }
    put = client.put(url, json=body, headers=admin | {"If-Match": before.headers["etag"]})
    assert put.status_code == 200, put.text
    assert put.headers["etag"] == before.headers["etag"]
    assert put.json()["location"] == current["location"]


PUT_FIELDS = {
    "kind",
    "names",
    "description",
    "themes",
    "languages",
    "address",
    "host",
    "service_area",
    "email",
    "website",
    "opening_hours",
    "opening_hours_note",
    "access",
    "documents_to_bring",
    "status",
    "verified_at",
    "source",
}


def test_a_worse_location_only_when_the_request_says_so(
    client: TestClient, admin: dict[str, str]
) -> None:
    moved = patch(client, admin, IXELLES, {"address": {"street": "Chaussée d'Ixelles 200"}})
    assert moved["location"]["precision"] == "postcode"  # a new address: located again
    assert moved["etag"] == '"2"'
    dropped = patch(client, admin, f"{AP}/townhall-schaerbeek", {"location": None})
    assert dropped["location"]["precision"] == "postcode"  # asked for


def test_unchanged_organization_and_closure_make_no_version(
    client: TestClient, admin: dict[str, str]
) -> None:
    url = "/v1/organizations/cpas-ocmw-ixelles"
    before = client.get(url)
    written = client.patch(
        url,
        json={"name": before.json()["name"], "name_nl": before.json()["name_nl"]},
        headers=admin | {"If-Match": before.headers["etag"]},
    )
    assert written.status_code == 200 and written.headers["etag"] == before.headers["etag"]
    closure = client.post(
        f"{AP}/cpas-ixelles/closures",
        json={"start": "2026-12-28", "end": "2026-12-28", "reason": "Inventaire"},
        headers=admin,
    ).json()
    same = client.patch(
        f"/v1/closures/{closure['id']}",
        json={"reason": "Inventaire"},
        headers=admin | {"If-Match": '"1"'},
    )
    assert same.status_code == 200 and same.headers["etag"] == '"1"'


def test_a_nis_code_fills_the_municipality(client: TestClient, admin: dict[str, str]) -> None:
    body = {
        "kind": "guichet",
        "organization_id": "cpas-ocmw-ixelles",
        "names": {"fr": "Antenne sociale Flagey"},
        "address": {"street": "Place Flagey 7", "postcode": "1050", "nis_code": "21009"},
        "opening_hours": "Mo-Fr 09:00-12:00; PH off",
    }
    created = client.post(AP, json=body, headers=admin)
    assert created.status_code == 201, created.text
    assert created.json()["address"]["municipality"] == "Ixelles"
    assert created.json()["warnings"] == []
    # A postcode in one municipality gives its NIS code too.
    namur = body | {
        "names": {"fr": "Permanence Namur"},
        "address": {"street": "Rue de Fer 54", "postcode": "5000"},
    }
    made = client.post(AP, json=namur, headers=admin).json()
    assert made["address"] == {
        "street": "Rue de Fer 54",
        "postcode": "5000",
        "municipality": "Namur",
        "nis_code": "92094",
    }


def test_a_schedule_without_public_holidays_is_accepted_with_a_warning(
    client: TestClient, admin: dict[str, str]
) -> None:
    body = {
        "kind": "phone_line",
        "organization_id": "cpas-ocmw-ixelles",
        "names": {"fr": "Ligne sociale d'Ixelles"},
        "phones": [{"number": "02 515 61 11"}],
        "opening_hours": "Mo-Fr 09:00-12:00",
    }
    created = client.post(AP, json=body, headers=admin)
    assert created.status_code == 201, created.text
    (warning,) = created.json()["warnings"]
    assert warning.startswith("no rule for public holidays") and "`PH off`" in warning
    url = created.headers["location"]
    fixed = patch(client, admin, url, {"opening_hours": "Mo-Fr 09:00-12:00; PH off"})
    assert fixed["warnings"] == [] and fixed["etag"] == '"2"'
    always = patch(client, admin, url, {"opening_hours": "24/7"})
    assert always["warnings"] == []  # every day, holidays included
    outreach = client.post(
        AP,
        json=body | {"kind": "outreach", "names": {"fr": "Permanence au marché"}, "host": "Marché"},
        headers=admin,
    )
    assert outreach.status_code == 201 and outreach.json()["warnings"] == []
