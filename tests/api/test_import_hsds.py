"""``guichets import`` of Open Referral HSDS 3.0: a JSON array of services (our own /hsds
output as the sample) and a tabular datapackage folder."""

import csv
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from api.cli import app as cli
from api.models import AccessPoint
from api.services.hsds import hsds_id
from api.services.hsds.importing import hsds_records, read_services
from api.services.imports import import_records
from tests.conftest import NOW

LATER = NOW + timedelta(days=1)


@pytest.fixture
def services_file(client: TestClient, tmp_path: Path) -> Path:
    ids = [i["id"] for i in client.get("/v1/access-points?limit=500").json()["items"]]
    services = [client.get(f"/hsds/services/{hsds_id('service', i)}").json() for i in ids]
    path = tmp_path / "services.json"
    path.write_text(json.dumps(services), encoding="utf-8")
    return path


def run(engine: Engine, path: Path) -> Any:
    with Session(engine) as session:
        records = list(
            hsds_records(session=session, services=read_services(path), source=path.name)
        )
        return import_records(session=session, records=records, now=LATER, actor="test")


def stored(engine: Engine) -> dict[str, AccessPoint]:
    with Session(engine) as session:
        return {p.name_fr: p for p in session.exec(select(AccessPoint)).all()}


def test_hsds_json_services_come_back(
    services_file: Path, empty: Engine, client: TestClient
) -> None:
    report = run(empty, services_file)
    # Outreach sessions with no known place have no HSDS location: refused, as on the API.
    unplaced = {
        hsds_id("service", i["id"])
        for i in client.get("/v1/access-points?kind=outreach&limit=500").json()["items"]
        if i["location"] is None
    }
    assert {ref.split("(")[1].rstrip(")") for ref, _ in report.rejected} == unplaced
    assert all("needs an address, a location or a host venue" in why for _, why in report.rejected)
    assert len(report.created) == 122 - len(unplaced)
    imported = stored(empty)
    originals = {
        i["name"]: i
        for i in client.get("/v1/access-points?limit=500").json()["items"]
        if hsds_id("service", i["id"]) not in unplaced
    }
    for name, original in originals.items():
        mine = imported[name]
        assert mine.opening_hours == original["opening_hours"], name
        assert [p["number"] for p in mine.phones] == [p["number"] for p in original["phones"]], name
        assert mine.languages == original["languages"] and mine.themes == original["themes"], name
        assert (mine.service_area or None) == original["service_area"], name
        if original["location"]:
            assert (mine.lat, mine.lon) == (
                original["location"]["lat"],
                original["location"]["lon"],
            ), name
        assert (mine.kind == "phone_line") == (original["kind"] == "phone_line"), name
    again = run(empty, services_file)
    assert (
        again.created == [] and again.updated == [] and len(again.unchanged) == len(report.created)
    )


def write_table(folder: Path, name: str, rows: list[dict[str, Any]]) -> None:
    with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=sorted({k for row in rows for k in row}))
        writer.writeheader()
        writer.writerows(rows)


def test_hsds_datapackage_folder(tmp_path: Path, empty: Engine) -> None:
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "datapackage.json").write_text(json.dumps({"name": "hsds-sample", "resources": []}))
    service, org, place = (
        "11111111-1111-4111-8111-111111111111",
        "22222222-2222-4222-8222-222222222222",
        "33333333-3333-4333-8333-333333333333",
    )
    write_table(
        folder, "organizations", [{"id": org, "name": "Maison de quartier test", "description": ""}]
    )
    write_table(
        folder,
        "services",
        [
            {
                "id": service,
                "organization_id": org,
                "name": "Permanence logement",
                "status": "active",
            }
        ],
    )
    write_table(
        folder,
        "locations",
        [
            {
                "id": place,
                "location_type": "physical",
                "name": "Permanence logement",
                "latitude": "50.85",
                "longitude": "4.35",
            }
        ],
    )
    write_table(
        folder,
        "service_at_locations",
        [
            {
                "id": "44444444-4444-4444-8444-444444444444",
                "service_id": service,
                "location_id": place,
            }
        ],
    )
    write_table(
        folder,
        "addresses",
        [
            {
                "id": "55555555-5555-4555-8555-555555555555",
                "location_id": place,
                "address_1": "Rue Haute 12",
                "city": "Bruxelles",
                "postal_code": "1000",
                "country": "BE",
                "state_province": "Brussels-Capital Region",
                "address_type": "physical",
            }
        ],
    )
    write_table(
        folder,
        "phones",
        [
            {
                "id": "66666666-6666-4666-8666-666666666666",
                "service_id": service,
                "number": "02 223 37 74",
            }
        ],
    )
    write_table(
        folder,
        "schedules",
        [
            {
                "id": "77777777-7777-4777-8777-777777777777",
                "service_id": service,
                "freq": "WEEKLY",
                "byday": "MO,TU",
                "opens_at": "09:00",
                "closes_at": "12:00",
            },
            {
                "id": "88888888-8888-4888-8888-888888888888",
                "service_id": service,
                "freq": "WEEKLY",
                "byday": "MO,TU",
                "opens_at": "13:00",
                "closes_at": "16:00",
            },
        ],
    )
    write_table(
        folder,
        "languages",
        [{"id": "99999999-9999-4999-8999-999999999999", "service_id": service, "code": "fr"}],
    )
    report = run(empty, folder)
    assert report.rejected == [] and report.created == [service]
    point = stored(empty)["Permanence logement"]
    assert point.opening_hours == "Mo,Tu 09:00-12:00,13:00-16:00"
    assert point.phones[0]["number"] == "+3222233774" and point.languages == ["fr"]
    assert (point.postcode, point.nis_code, point.lat) == ("1000", "21004", 50.85)
    assert point.organization_id == "maison-de-quartier-test"


def test_bad_services_are_rejected(tmp_path: Path, empty: Engine) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps([{"id": "x-1", "status": "active"}, {"id": "x-2", "name": "Sans numéro"}])
    )
    report = run(empty, path)
    reasons = dict(report.rejected)
    assert "not an HSDS service" in reasons["service 1 (x-1)"]
    assert "needs an address, a location or a host venue" in reasons["service 2 (x-2)"]
    (tmp_path / "obj.json").write_text('{"hello": 1}')
    with pytest.raises(ValueError, match="expected a JSON array"):
        read_services(tmp_path / "obj.json")


def test_import_command_reads_hsds(services_file: Path, cli_reference_database: str) -> None:
    result = CliRunner().invoke(cli, ["import", str(services_file)])
    assert result.exit_code == 1, result.output  # the unplaced outreach sessions
    assert "organizations created" in result.output and "rejected service" in result.output
