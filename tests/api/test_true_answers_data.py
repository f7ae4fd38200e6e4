"""The issue's questions, on the seeded data: Christmas morning, a search in Namur, the HSDS
region of a Walloon and a Brussels place. (PATCH with an unchanged address:
``test_writes_unchanged.py``; the merged organizations: ``test_seed.py``.)"""

import csv
from pathlib import Path

from fastapi.testclient import TestClient

from api.models.common import Region
from api.services.hsds import hsds_id
from api.services.reference import postcode_region
from seed.organizations import read_organizations

CHRISTMAS = {"open_at": "2026-12-25T10:00", "limit": 500}


def test_christmas_morning(client: TestClient) -> None:
    body = client.get("/v1/access-points", params=CHRISTMAS).json()
    open_now = {item["id"]: item for item in body["items"]}
    closed_on_holidays = {
        o.organization.id for o in read_organizations() if o.closed_on_public_holidays
    }
    # No public administration is open, but for a 24-hour line its source says is every day.
    administrations = [
        i
        for i, item in open_now.items()
        if item["organization"]["id"] in closed_on_holidays and item["opening_hours"] != "24/7"
    ]
    assert administrations == []
    assert "phone-cpas-charleroi-urgence-sociale" in open_now  # "7 jours sur 7, 24h sur 24"
    assert "townhall-schaerbeek" not in open_now and "phone-actiris-0800" not in open_now
    # Each item's opening describes Christmas morning, not the request's now (a Monday).
    fleche = open_now["maison-quartier-fleche"]["opening"]  # Fr 08:30-16:30, no PH rule
    assert fleche["closes_at"] == "2026-12-25T16:30:00+01:00"
    assert all(item["opening"]["state"] == "open" for item in body["items"])
    # With `at` too, the opening is at `at`: the filter stays Christmas.
    both = client.get("/v1/access-points", params=CHRISTMAS | {"at": "2026-12-24T09:00"}).json()
    assert {i["id"] for i in both["items"]} == set(open_now)
    at_eve = {i["id"]: i["opening"] for i in both["items"]}["maison-quartier-fleche"]
    assert at_eve["closes_at"] == "2026-12-24T17:00:00+01:00"  # Thursday: Mo-Th 08:30-17:00


def test_a_search_in_namur(client: TestClient) -> None:
    municipalities = client.get("/v1/municipalities", params={"region": "wallonia"}).json()
    by_nis = {m["nis_code"]: m for m in municipalities}
    assert by_nis["92094"]["name_fr"] == "Namur" and by_nis["92094"]["name_nl"] == "Namen"
    assert "21001" not in by_nis and len(by_nis) > 250
    found = client.get(
        "/v1/access-points/nearest", params={"postcode": "5000", "open": "any", "limit": 20}
    ).json()
    assert found["origin"]["source"] == "postcode"
    assert found["residence"]["nis_code"] == "92094"
    places = {
        item["access_point"]["id"]: item
        for item in found["competent"] + found["items"]
        if item["access_point"]["kind"] != "phone_line"
    }
    namur = places["townhall-namur-population-capucins"]
    assert namur["competent"] is True and namur["distance_m"] < 3000
    assert namur["approximate"] is True  # known to its postcode only
    # The CPAS of Charleroi and Liège serve their own residents: left out by default, and
    # listed, flagged, with their distances, when asked for whoever they serve.
    assert not {"cpas-charleroi", "cpas-liege"} & set(places)
    wider = client.get(
        "/v1/access-points/nearest",
        params={
            "postcode": "5000",
            "open": "any",
            "competence": "any",
            "max_distance_km": 80,
            "limit": 100,
        },
    ).json()
    walloon = {i["access_point"]["id"]: i for i in wider["items"] if i["distance_m"] is not None}
    assert {"cpas-charleroi", "cpas-liege", "cpas-mons"} <= set(walloon)
    assert walloon["cpas-charleroi"]["competent"] is False
    assert 25_000 < walloon["cpas-charleroi"]["distance_m"] < walloon["cpas-liege"]["distance_m"]


def _address(client: TestClient, our_id: str) -> dict[str, str]:
    url = f"/hsds/service_at_locations/{hsds_id('service_at_location', our_id)}"
    sal = client.get(url).json()
    return dict(sal["location"]["addresses"][0])


def test_hsds_addresses_are_in_their_region(client: TestClient) -> None:
    assert _address(client, "cpas-liege")["state_province"] == "Wallonia"
    assert _address(client, "cpas-schaerbeek")["state_province"] == "Brussels-Capital Region"
    # Namur's NIS code starts with 9, Brussels' with 2 (Brabant): neither is a region.
    assert _address(client, "townhall-namur-population-capucins")["state_province"] == ("Wallonia")


def test_the_postcode_plan_gives_the_region_of_every_postcode() -> None:
    names = {"Brussels-Capital": Region.BRUSSELS, "Wallonia": Region.WALLONIA}
    path = Path(__file__).parents[2] / "seed/data/be_postcodes.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 2781
    for row in rows:
        expected = names.get(row["region"], Region.FLANDERS)
        assert postcode_region(row["postcode"]) is expected, row["postcode"]
    assert postcode_region("0999") is None and postcode_region("12a4") is None
