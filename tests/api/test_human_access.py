"""Human access over time (issue 13, part 4): a counter whose hours go from 30 to 12 a week
through the editing service shows as a drop at the week of the change, in the JSON, the CSV
and on the page; unknown hours are counted apart; exactly one scope is asked."""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.hours import BRUSSELS
from api.models import AccessPoint, AccessPointCreate, ClosureCreate, OrganizationCreate
from api.services.editing.access_points import (
    create_access_point,
    delete_access_point,
    update_access_point,
)
from api.services.editing.closures import add_closure
from api.services.editing.organizations import create_organization
from api.services.observatory.human_access import human_access_series
from api.services.observatory.human_access_csv import HUMAN_ACCESS_CSV_COLUMNS
from api.services.observatory.opendata import DICTIONARY_PATH, LICENCE_URL
from tests.conftest import NOW

ORGANIZATION = "cpas-test-heures"
COUNTER = "guichet-test-heures"
CREATED = datetime(2026, 9, 2, 11, 0, tzinfo=BRUSSELS)  # a Wednesday: week of 2026-08-31
CHANGED = datetime(2026, 10, 14, 15, 0, tzinfo=BRUSSELS)  # a Wednesday: week of 2026-10-12
THIRTY = "Mo-Fr 09:00-12:00,13:00-16:00"  # 30 h
TWELVE = "Mo,Th 09:00-12:00,13:00-16:00"  # 12 h
SCHAERBEEK = "21015"


@dataclass(frozen=True)
class Editor:
    """An admin actor of the editing services (the ``Actor`` protocol)."""

    name: str = "test editor"
    is_admin: bool = True
    organization_ids: frozenset[str] | None = None


@pytest.fixture
def counter(session: Session) -> None:
    """A counter of a new organization in Schaerbeek, 30 h a week from CREATED, 12 h a week
    from CHANGED; and a phone line of the same organization whose hours are not known."""
    editor = Editor()
    create_organization(
        session=session,
        actor=editor,
        data=OrganizationCreate(id=ORGANIZATION, name="CPAS test des heures"),
        now=CREATED,
    )
    body = {
        "id": COUNTER,
        "organization_id": ORGANIZATION,
        "kind": "guichet",
        "names": {"fr": "Guichet test des heures"},
        "address": {"street": "Place Colignon 1", "postcode": "1030", "nis_code": SCHAERBEEK},
        "opening_hours": THIRTY,
    }
    _, version = create_access_point(
        session=session, actor=editor, data=AccessPointCreate.model_validate(body), now=CREATED
    )
    line = {
        "id": "ligne-test-heures",
        "organization_id": ORGANIZATION,
        "kind": "phone_line",
        "names": {"fr": "Ligne test des heures"},
        "phones": [{"number": "+3222000000"}],
        "service_area": [SCHAERBEEK, "21001"],
    }
    create_access_point(
        session=session, actor=editor, data=AccessPointCreate.model_validate(line), now=CREATED
    )
    update_access_point(
        session=session,
        actor=editor,
        access_point_id=COUNTER,
        body={"opening_hours": TWELVE},
        merge=True,
        expected_version=version,
        now=CHANGED,
    )


def _weeks(series: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(week["week"]): week for week in series}


@pytest.mark.usefixtures("counter")
def test_the_drop_is_at_the_week_of_the_change(client: TestClient) -> None:
    answer = client.get("/v1/observatory/human-access", params={"organization_id": ORGANIZATION})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["scope"] == "organization" and body["scope_name"] == "CPAS test des heures"
    assert body["since"] == "2026-08-31"
    assert body["until"] == "2026-11-23"  # the week of NOW
    weeks = _weeks(body["weeks"])
    assert len(weeks) == 13
    assert weeks["2026-08-31"]["counter_hours"] == 30
    assert weeks["2026-10-05"]["counter_hours"] == 30
    assert weeks["2026-10-12"]["counter_hours"] == 12
    assert weeks["2026-11-16"]["counter_hours"] == 12
    # 2026-11-02 has All Saints' Day (Sunday 1st, not a weekday) and 11-11 Armistice: the
    # schedule has no PH rule, so nothing changes.
    assert weeks["2026-11-09"]["counter_hours"] == 12
    # The phone line's hours are not known: counted apart, never as 0 hours.
    assert all(w["counters"] == 1 and w["counters_unknown"] == 0 for w in weeks.values())
    assert all(w["phone_lines"] == 0 and w["phone_lines_unknown"] == 1 for w in weeks.values())
    assert all(w["phone_line_hours"] == 0 for w in weeks.values())


@pytest.mark.usefixtures("counter")
def test_commune_and_region(client: TestClient) -> None:
    commune = client.get("/v1/observatory/human-access", params={"nis_code": SCHAERBEEK}).json()
    assert commune["scope_name"] == "Schaerbeek"
    weeks = _weeks(commune["weeks"])
    # Before the seed (NOW's week) only the test places exist in the history.
    assert (weeks["2026-10-05"]["counter_hours"], weeks["2026-10-12"]["counter_hours"]) == (30, 12)
    assert weeks["2026-10-12"]["phone_lines_unknown"] == 1  # the line serves Schaerbeek
    # The line serves Schaerbeek and Brussels (21001): counted in Brussels too, not the counter.
    brussels = _weeks(
        client.get("/v1/observatory/human-access", params={"nis_code": "21001"}).json()["weeks"]
    )
    assert brussels["2026-10-12"]["counters"] == 0
    assert brussels["2026-10-12"]["phone_lines_unknown"] == 1
    region = client.get("/v1/observatory/human-access", params={"region": "brussels"}).json()
    weeks = _weeks(region["weeks"])
    assert (weeks["2026-10-05"]["counter_hours"], weeks["2026-10-12"]["counter_hours"]) == (30, 12)
    assert weeks["2026-10-12"]["phone_lines_unknown"] == 1  # once, though it serves two communes
    # The seeded places count from NOW's week on.
    assert weeks["2026-11-23"]["counters"] > 1
    wallonia = client.get("/v1/observatory/human-access", params={"region": "wallonia"}).json()
    assert "2026-10-12" not in _weeks(wallonia["weeks"])


@pytest.mark.usefixtures("counter")
def test_csv(client: TestClient) -> None:
    answer = client.get(
        "/v1/observatory/human-access.csv", params={"organization_id": ORGANIZATION}
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.headers["link"] == (
        f'<{LICENCE_URL}>; rel="license", <{DICTIONARY_PATH}>; rel="describedby"'
    )
    rows = list(csv.DictReader(io.StringIO(answer.text.lstrip("\ufeff"))))
    assert list(rows[0]) == list(HUMAN_ACCESS_CSV_COLUMNS)
    by_week = {row["week"]: row for row in rows}
    assert by_week["2026-10-05"]["counter_hours"] == "30.00"
    assert by_week["2026-10-12"]["counter_hours"] == "12.00"
    assert by_week["2026-10-12"]["phone_lines_unknown"] == "1"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"region": "brussels", "nis_code": SCHAERBEEK},
        {"region": "flanders"},
        {"nis_code": "11002"},  # Antwerp: not covered
        {"nis_code": "123"},
    ],
)
def test_exactly_one_covered_scope(client: TestClient, params: dict[str, str]) -> None:
    for path in ("/v1/observatory/human-access", "/v1/observatory/human-access.csv"):
        answer = client.get(path, params=params)
        assert answer.status_code == 422, answer.text
        assert answer.json()["detail"]


def test_unknown_ids(client: TestClient) -> None:
    assert client.get("/v1/observatory/human-access?nis_code=99999").status_code == 404
    assert client.get("/v1/observatory/human-access?organization_id=nope").status_code == 404


def test_seed_only_starts_at_the_seed_week(session: Session) -> None:
    series = human_access_series(session=session, now=NOW, region="brussels")
    assert series.since == series.until == date(2026, 11, 23)
    week = series.weeks[0]
    assert week.counters > 0 and week.counter_hours > 0


@pytest.mark.usefixtures("counter")
@pytest.mark.parametrize(
    ("lang", "heading", "counters"),
    [
        ("fr", "Accès humain dans le temps", "Guichets"),
        ("nl", "Menselijke toegang door de tijd", "Loketten"),
        ("en", "Human access over time", "Counters"),
    ],
)
def test_page_shows_the_drop(client: TestClient, lang: str, heading: str, counters: str) -> None:
    answer = client.get(
        "/observatory/human-access", params={"organization_id": ORGANIZATION, "lang": lang}
    )
    assert answer.status_code == 200, answer.text
    page = answer.text
    assert heading in page
    # The chart is inlined SVG, named for screen readers, with its legend in the language.
    assert '<svg role="img" aria-label=' in page
    assert f">{counters}</text>" in page
    assert "style=" not in page and "<script" not in page.split("</main>")[0]
    # The table: 12 h from the week of the change, 30 h the week before.
    assert re.search(r'data-week="2026-10-12">.*?<td class="number">12</td>', page, re.S)
    assert re.search(r'data-week="2026-10-05">.*?<td class="number">30</td>', page, re.S)
    assert f"/v1/observatory/human-access.csv?organization_id={ORGANIZATION}" in page
    assert f'href="/observatory/data?lang={lang}"' in page  # the data dictionary, the licence
    if lang == "en":
        assert (
            "counters 12 hours a week in all (counted: 1; with unknown hours, not counted: 0); "
            "phone lines 0 hours (counted: 0; with unknown hours, not counted: 1)"
        ) in page
    policy = answer.headers["content-security-policy"]
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy


_TRANSLATE = r'transform="translate\(([-\d.]+),([-\d.]+)\)'


def _chart_points(svg: str) -> list[tuple[float, float]]:
    """The (x, y) of the first series' points in a line chart's SVG (Vega's symbol marks)."""
    marks = svg[svg.index('class="mark-symbol role-mark') :]
    marks = marks[: marks.index("</g>")]
    colour = re.findall(r'fill="(#[0-9A-Fa-f]{6})"', marks)[0]
    return [
        (float(x), float(y)) for x, y in re.findall(_TRANSLATE + rf'[^>]*fill="{colour}"', marks)
    ]


def _y_scale(svg: str) -> tuple[float, float, float, float]:
    """Two labelled ticks of the vertical axis: (pixel, value) of the lowest and highest."""
    labels = [
        (float(y) - 4, float(text))  # a label stands 4 px below its tick (its baseline)
        for y, text in re.findall(
            r'text-anchor="end" transform="translate\([-\d.]+,([-\d.]+)\)"[^>]*>(\d+)</text>', svg
        )
    ]
    (low_px, low), (high_px, high) = max(labels), min(labels)
    return low_px, low, high_px, high


@pytest.mark.usefixtures("counter")
def test_the_chart_drops_at_the_week_of_the_change(client: TestClient) -> None:
    """Read back from the drawn SVG: each point's week (the time axis runs from the first
    week to the last) and hours (the labelled vertical axis)."""
    page = client.get(
        "/observatory/human-access", params={"organization_id": ORGANIZATION, "lang": "en"}
    ).text
    svg = page[page.index("<svg") : page.index("</svg>")]
    points = _chart_points(svg)
    assert len(points) == 13  # one a week, 2026-08-31 to 2026-11-23
    first, last = date(2026, 8, 31), date(2026, 11, 23)
    right = max(x for x, _ in points)
    low_px, low, high_px, high = _y_scale(svg)
    drawn = {
        (first + timedelta(days=round(x / right * (last - first).days))).isoformat(): round(
            low + (y - low_px) * (high - low) / (high_px - low_px), 1
        )
        for x, y in points
    }
    assert drawn["2026-08-31"] == drawn["2026-10-05"] == 30
    assert drawn["2026-10-12"] == drawn["2026-11-23"] == 12
    assert sorted(drawn) == [(first + timedelta(weeks=n)).isoformat() for n in range(13)]


def test_page_defaults_to_brussels_and_refuses_two_choices(client: TestClient) -> None:
    answer = client.get("/observatory/human-access?lang=en")
    assert answer.status_code == 200
    assert "Human access over time: Brussels-Capital Region" in answer.text
    # The main menu marks the Observatory as where the reader is.
    assert re.search(r'href="/observatory\?lang=en" aria-current="page"', answer.text)
    two = client.get("/observatory/human-access?lang=en&region=brussels&nis_code=21015")
    assert two.status_code == 422
    assert "Choose one region, one commune or one organization" in two.text
    assert client.get("/observatory/human-access?lang=en&nis_code=99999").status_code == 404


@pytest.mark.usefixtures("counter")
def test_closures_temporary_closure_and_deletion(session: Session) -> None:
    editor = Editor()
    # The organization closes Tuesday and Wednesday of the week of 2026-09-14: 30 - 12 h.
    add_closure(
        session=session,
        actor=editor,
        data=ClosureCreate(start=date(2026, 9, 15), end=date(2026, 9, 16), reason="Formation"),
        now=CREATED,
        organization_id=ORGANIZATION,
    )
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == COUNTER)).one()
    _, version = update_access_point(
        session=session,
        actor=editor,
        access_point_id=COUNTER,
        body={"status": "temporarily_closed"},
        merge=True,
        expected_version=point.version,
        now=datetime(2026, 10, 28, 9, 0, tzinfo=BRUSSELS),  # week of 2026-10-26
    )
    delete_access_point(
        session=session,
        actor=editor,
        access_point_id=COUNTER,
        expected_version=version,
        now=datetime(2026, 11, 10, 9, 0, tzinfo=BRUSSELS),  # week of 2026-11-09
    )
    series = human_access_series(session=session, now=NOW, organization_id=ORGANIZATION)
    weeks = {w.week.isoformat(): w for w in series.weeks}
    assert weeks["2026-09-07"].counter_hours == 30
    assert weeks["2026-09-14"].counter_hours == 18
    assert weeks["2026-10-19"].counter_hours == 12
    # Temporarily closed: a counter of 0 hours, known.
    assert (weeks["2026-10-26"].counter_hours, weeks["2026-10-26"].counters) == (0, 1)
    # Closed for good (deleted): no longer counted at all.
    assert (weeks["2026-11-09"].counters, weeks["2026-11-09"].counters_unknown) == (0, 0)
