"""The observatory's open data and demonstration set: the data dictionary describes every
CSV column and links CSVs that download; the synthetic reports are labelled, spread over the
directory and the year, deterministic, and counted apart by the observatory."""

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.models.incidents import Incident
from api.services.observatory.human_access_csv import HUMAN_ACCESS_CSV_COLUMNS
from api.services.observatory.incidents_synthetic import generate_synthetic_incidents
from api.services.observatory.opendata import INCIDENT_CSV_COLUMNS
from tests.conftest import NOW


def test_the_dictionary_describes_every_csv_column(client: TestClient) -> None:
    body = client.get("/v1/observatory/dictionary").json()
    assert body["licence"] == "ODbL 1.0"
    files = {f["path"]: [c["name"] for c in f["columns"]] for f in body["files"]}
    assert files["/v1/observatory/incidents.csv"] == list(INCIDENT_CSV_COLUMNS)
    assert files["/v1/observatory/human-access.csv"] == list(HUMAN_ACCESS_CSV_COLUMNS)
    assert all(c["description"] for f in body["files"] for c in f["columns"])
    page = client.get("/observatory/data", params={"lang": "en"})
    assert page.status_code == 200
    for name in [*INCIDENT_CSV_COLUMNS, *HUMAN_ACCESS_CSV_COLUMNS]:
        assert f"<code>{name}</code>" in page.text
    links = [link for f in body["files"] for link in f["downloads"]]
    assert len(links) == 4
    for link in links:
        assert f'href="{link.replace("&", "&amp;")}"' in page.text
        answer = client.get(link)
        assert answer.status_code == 200, (link, answer.text)
        assert answer.headers["content-type"].startswith("text/csv")


def _synthetic_rows(session: Session) -> list[tuple[Any, ...]]:
    incidents = session.exec(select(Incident).order_by(col(Incident.id))).all()
    return [
        (i.occurred_on, i.access_point_id, i.channel, i.residence_nis_code, i.theme, i.kinds)
        for i in incidents
    ]


def test_synthetic_reports_are_labelled_spread_and_deterministic(
    session: Session, client: TestClient
) -> None:
    today = NOW.date()
    added = generate_synthetic_incidents(session=session, count=300, seed=7, today=today, now=NOW)
    assert added == 300
    first = _synthetic_rows(session)
    incidents = session.exec(select(Incident)).all()
    assert {i.reporter for i in incidents} == {"synthetic"}
    assert all(i.text is None for i in incidents)
    assert all(today - timedelta(days=365) < i.occurred_on <= today for i in incidents)
    assert len({i.access_point_id for i in incidents}) > 50
    assert len({i.residence_nis_code for i in incidents}) > 50
    assert len({i.occurred_on.month for i in incidents}) == 12
    for incident in incidents:
        session.delete(incident)
    session.commit()
    generate_synthetic_incidents(session=session, count=300, seed=7, today=today, now=NOW)
    assert _synthetic_rows(session) == first
    body = client.get("/v1/observatory/incidents").json()
    assert body["synthetic"]["count"] == body["total"]["count"] == 300
    assert (
        client.get("/v1/observatory/incidents", params={"synthetic": "exclude"}).json()["total"][
            "count"
        ]
        == 0
    )
    html = client.get("/observatory", params={"lang": "en"}).text
    assert "Of these, 300 are synthetic reports" in html
