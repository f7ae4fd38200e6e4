"""The observatory's incidents: exact aggregates on a known set, small counts suppressed in
every output (JSON, CSV, page), never a free text, a reporter or a typed service name, the
filters. The data dictionary and the synthetic reports: ``test_observatory_opendata.py``;
the command: ``test_incidents_cli.py``."""

import csv
import io
import re
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.models import AccessPoint
from api.models.incidents import Incident
from api.services.observatory.opendata import INCIDENT_CSV_COLUMNS
from tests.conftest import NOW

TEXT = "ZORGLUB planted text 7731"
REPORTER = "account:zorglub-7731"
SERVICE = "ZORGLUB service 7731"
SECRETS = ("ZORGLUB", "zorglub", "7731")
GROUPS = ("kind", "channel", "organization", "commune", "theme", "month")


def _incident(**fields: Any) -> Incident:
    values: dict[str, Any] = {
        "reporter": REPORTER,
        "created_at": NOW,
        "consequences": [],
        "text": TEXT,
    } | fields
    return Incident(**values)


@pytest.fixture
def known(session: Session) -> None:
    """23 incidents: 12 closed counters at the CPAS d'Anderlecht (October, Anderlecht, social
    aid, 6 give 30 minutes), 6 unreachable paying lines of the FdSS (November, Schaerbeek,
    housing, 10 minutes each), 3 online forms of a service outside the directory (September,
    Liège, no theme) and 2 synthetic delays by e-mail (November, no commune, taxes)."""
    place = session.exec(select(AccessPoint).where(col(AccessPoint.id) == "cpas-anderlecht"))
    assert place.first() is not None
    line = "phone-allo-aide-sociale-federation-des-services-sociaux"
    incidents = [
        _incident(
            occurred_on=date(2026, 10, 1 + n),
            access_point_id="cpas-anderlecht",
            channel="counter",
            residence_nis_code="21001",
            theme="social_aid",
            kinds=["closed_during_hours"],
            worker_minutes=30 if n < 6 else None,
        )
        for n in range(12)
    ]
    incidents += [
        _incident(
            occurred_on=date(2026, 11, 2 + n),
            access_point_id=line,
            channel="phone",
            residence_nis_code="21015",
            theme="housing",
            kinds=["unreachable_phone", "paying_line"],
            wait_minutes=40,
            worker_minutes=10,
        )
        for n in range(6)
    ]
    incidents += [
        _incident(
            occurred_on=date(2026, 9, 14),
            other_service_name=SERVICE,
            channel="online_form",
            residence_nis_code="62063",
            kinds=["online_form_requires_eid"],
        )
        for _ in range(3)
    ]
    incidents += [
        _incident(
            occurred_on=date(2026, 11, 2),
            access_point_id="cpas-anderlecht",
            channel="email",
            theme="taxes",
            kinds=["delay"],
            delay_days=60,
            reporter="synthetic",
            text=None,
        )
        for _ in range(2)
    ]
    session.add_all(incidents)
    session.commit()


def _table(body: dict[str, Any], group_by: str) -> dict[str | None, tuple[int | None, str | None]]:
    table = next(t for t in body["tables"] if t["group_by"] == group_by)
    return {row["key"]: (row["count"], row["suppression"]) for row in table["rows"]}


def _counts(node: Any) -> list[int]:
    """Every ``count`` anywhere in a JSON answer."""
    if isinstance(node, dict):
        found = [node["count"]] if isinstance(node.get("count"), int) else []
        return found + [c for value in node.values() for c in _counts(value)]
    if isinstance(node, list):
        return [c for value in node for c in _counts(value)]
    return []


@pytest.mark.usefixtures("known")
def test_the_aggregates_are_exact_and_small_counts_suppressed(client: TestClient) -> None:
    answer = client.get("/v1/observatory/incidents", params={"lang": "en"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["total"] == {"count": 23, "suppressed": False, "suppression": None}
    assert body["first_incident_on"] == "2026-09-14"
    assert body["synthetic"] == {"count": None, "suppressed": True, "suppression": "small"}
    assert body["worker_minutes"] == {
        "incidents": {"count": 12, "suppressed": False, "suppression": None},
        "total_minutes": 240,
        "median_minutes": 20.0,
    }
    kinds = _table(body, "kind")
    assert kinds["closed_during_hours"] == (12, None)
    assert kinds["unreachable_phone"] == (6, None)
    assert kinds["paying_line"] == (6, None)
    assert kinds["online_form_requires_eid"] == (None, "small")
    assert kinds["delay"] == (None, "small")
    assert kinds["lost_file"] == (0, None)
    channels = _table(body, "channel")
    assert channels["counter"] == (12, None)
    assert channels["phone"] == (6, None)
    assert channels["online_form"] == channels["email"] == (None, "small")
    assert channels["post"] == (0, None)
    # One small row (3, outside the directory): the FdSS' 6 is hidden too, else 23 - 14 = 9
    # would give... 9 - 6 = 3 away.
    assert _table(body, "organization") == {
        "cpas-ocmw-anderlecht": (14, None),
        "fdss": (None, "complementary"),
        None: (None, "small"),
    }
    assert _table(body, "commune") == {
        "21001": (12, None),
        "21015": (6, None),
        "62063": (None, "small"),
        None: (None, "small"),
    }
    themes = _table(body, "theme")
    assert themes["social_aid"] == (12, None)
    assert themes["housing"] == (6, None)
    assert themes["taxes"] == themes[None] == (None, "small")
    assert _table(body, "month") == {
        "2026-09": (None, "small"),
        "2026-10": (12, None),
        "2026-11": (None, "complementary"),
    }
    labels = {row["key"]: row["label"] for t in body["tables"] for row in t["rows"]}
    assert labels["21001"] == "Anderlecht"
    assert labels[None] == "Not stated"
    assert labels["2026-10"] == "October 2026"
    assert not [c for c in _counts(body) if 0 < c < 5]


@pytest.mark.usefixtures("known")
@pytest.mark.parametrize(
    ("params", "total"),
    [
        ({"from": "2026-10", "to": "2026-10"}, 12),
        ({"region": "brussels"}, 18),
        ({"nis_code": "21001"}, 12),
        ({"synthetic": "exclude"}, 21),
        ({"from": "2026-11"}, 8),
    ],
)
def test_the_filters(client: TestClient, params: dict[str, str], total: int) -> None:
    body = client.get("/v1/observatory/incidents", params=params).json()
    assert body["total"]["count"] == total
    assert not [c for c in _counts(body) if 0 < c < 5]


@pytest.mark.usefixtures("known")
@pytest.mark.parametrize(
    "params", [{"region": "wallonia"}, {"synthetic": "only"}, {"nis_code": "62063"}]
)
def test_fewer_than_five_incidents_publish_nothing(
    client: TestClient, params: dict[str, str]
) -> None:
    body = client.get("/v1/observatory/incidents", params=params).json()
    assert body["total"] == {"count": None, "suppressed": True, "suppression": "small"}
    assert body["first_incident_on"] is None
    assert body["worker_minutes"]["total_minutes"] is None
    assert [c for c in _counts(body) if c] == []


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-13"},
        {"to": "26-01"},
        {"from": "2026-10", "to": "2026-09"},
        {"nis_code": "99999"},
        {"nis_code": "abc"},
        {"group_by": "reporter"},
        {"region": "mars"},
    ],
)
def test_bad_filters_are_422(client: TestClient, params: dict[str, str]) -> None:
    answer = client.get("/v1/observatory/incidents", params=params)
    assert answer.status_code == 422, answer.text
    assert client.get("/v1/observatory/incidents.csv", params=params).status_code == 422


def _csv(client: TestClient, **params: str) -> list[dict[str, str]]:
    answer = client.get("/v1/observatory/incidents.csv", params=params)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    assert 'rel="license"' in answer.headers["link"]
    assert answer.text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(answer.text.lstrip("\ufeff"))))


@pytest.mark.usefixtures("known")
def test_the_csv_has_the_same_counts_and_no_small_value(client: TestClient) -> None:
    rows = _csv(client)
    assert list(rows[0]) == list(INCIDENT_CSV_COLUMNS)
    by_key = {(r["group_by"], r["key"]): r for r in rows}
    assert by_key[("total", "all")]["value"] == "23"
    assert by_key[("channel", "counter")]["value"] == "12"
    assert by_key[("worker_minutes", "sum")]["value"] == "240"
    assert by_key[("worker_minutes", "median")]["value"] == "20"
    small = by_key[("commune", "62063")]
    assert (small["value"], small["suppressed"], small["suppression"]) == ("", "true", "small")
    assert by_key[("organization", "fdss")]["suppression"] == "complementary"
    assert by_key[("synthetic", "synthetic")]["value"] == ""
    assert {r["group_by"] for r in rows} == {"total", "synthetic", "worker_minutes", *GROUPS}
    for row in rows:
        if row["unit"] == "incidents" and row["value"]:
            assert not 0 < int(row["value"]) < 5, row
    only_months = _csv(client, group_by="month", synthetic="exclude")
    assert {r["group_by"] for r in only_months} == {"total", "synthetic", "worker_minutes", "month"}
    assert only_months[0]["synthetic"] == "exclude"


def _number_cells(html: str) -> list[str]:
    return re.findall(r'<td class="number">([^<]*)</td>', html)


@pytest.mark.usefixtures("known")
@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_the_page_shows_less_than_five_and_links_the_open_data(
    client: TestClient, lang: str
) -> None:
    answer = client.get("/observatory", params={"lang": lang})
    assert answer.status_code == 200, answer.text
    html = answer.text
    cells = _number_cells(html)
    assert "&lt; 5" in cells
    for cell in cells:
        digits = cell.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        assert not (digits.isdigit() and 0 < int(digits) < 5), cell
    assert "<svg" in html and "<script" not in html and "style=" not in html
    for link in ("/observatory/data", "/observatory/human-access", "/v1/observatory/incidents.csv"):
        assert f'href="{link}' in html
    assert "23" in html  # the total, said in the summary


def test_the_page_in_dutch_says_what_it_counts(client: TestClient) -> None:
    html = client.get("/observatory", params={"lang": "nl"}).text
    assert "Incidenten per maand" in html
    assert client.get("/observatory", params={"from": "March", "lang": "en"}).status_code == 422


@pytest.mark.usefixtures("known")
def test_no_text_reporter_or_typed_name_in_any_output(client: TestClient) -> None:
    outputs = [client.get("/observatory/data").text, client.get("/v1/observatory/dictionary").text]
    for params in [{}, {"synthetic": "exclude"}, {"nis_code": "62063"}, {"region": "wallonia"}]:
        outputs.append(client.get("/v1/observatory/incidents", params=params).text)
        outputs.append(client.get("/v1/observatory/incidents.csv", params=params).text)
        for lang in ("fr", "nl", "en"):
            outputs.append(client.get("/observatory", params=params | {"lang": lang}).text)
        for group_by in GROUPS:
            outputs.append(
                client.get(
                    "/v1/observatory/incidents.csv", params=params | {"group_by": group_by}
                ).text
            )
    for output in outputs:
        for secret in SECRETS:
            assert secret not in output


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "mars", "lang": "fr"}, "Écrivez un mois sous la forme AAAA-MM"),
        ({"from": "2026-10", "to": "2026-01", "lang": "en"}, "must not come after the last"),
        ({"nis_code": "99999", "lang": "nl"}, "Deze filters kunnen niet worden gebruikt"),
    ],
)
def test_the_page_says_a_filter_it_cannot_use(
    client: TestClient, params: dict[str, str], message: str
) -> None:
    answer = client.get("/observatory", params=params)
    assert answer.status_code == 422
    assert message in answer.text
    assert 'role="alert"' in answer.text
