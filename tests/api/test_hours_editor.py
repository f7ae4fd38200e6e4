"""The live preview of the hours editor (GET /edit/hours/preview): editors only, the value
the form would save, its errors, the next 14 days in words, everything escaped."""

import re

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.models import AccountRole
from tests.workspace import make_account, sign_in

PASSWORD = "correct horse battery staple"
WEEK = {
    "hours_source": "grid",
    "hours_mo_1_opens": "09:00",
    "hours_mo_1_closes": "12:00",
    "hours_mo_2_opens": "13:00",
    "hours_mo_2_closes": "16:00",
    "hours_tu_1_opens": "09:00",
    "hours_tu_1_closes": "12:00",
    "hours_ph_off": "1",
}


def _signed_in(client: TestClient, session: Session, role: AccountRole) -> None:
    email = f"{role.value}@hours.example"
    make_account(session, email=email, role=role, password=PASSWORD, name=f"Hours {role.value}")
    sign_in(client, email, PASSWORD)


def _fragment(html: str) -> dict[str, str]:
    found = re.search(r'data-value="([^"]*)" data-ok="(yes|no)"', html)
    assert found is not None, html
    return {"value": found[1], "ok": found[2]}


def test_the_preview_asks_for_a_sign_in(client: TestClient) -> None:
    response = client.get("/edit/hours/preview", params=WEEK, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")


def test_a_worker_may_not_use_the_editors_preview(client: TestClient, session: Session) -> None:
    _signed_in(client, session, AccountRole.WORKER)
    assert client.get("/edit/hours/preview", params=WEEK).status_code == 403


def test_an_editor_sees_the_value_and_the_next_14_days(
    client: TestClient, session: Session
) -> None:
    _signed_in(client, session, AccountRole.EDITOR)
    response = client.get("/edit/hours/preview", params={**WEEK, "lang": "fr"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert _fragment(response.text) == {
        "value": "Mo 09:00-12:00,13:00-16:00; Tu 09:00-12:00; PH off",
        "ok": "yes",
    }
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', response.text)
    assert len(rows) == 14
    # The fixed clock is Monday 23 November 2026.
    assert rows[0] == ("lundi 23 novembre", "9h–12h, 13h–16h")
    assert rows[1] == ("mardi 24 novembre", "9h–12h")
    assert rows[2] == ("mercredi 25 novembre", "Fermé")


def test_errors_come_back_in_the_fragment_escaped(client: TestClient, session: Session) -> None:
    _signed_in(client, session, AccountRole.EDITOR)
    grid = client.get(
        "/edit/hours/preview",
        params={"hours_mo_1_opens": "14:00", "hours_mo_1_closes": "12:00", "lang": "en"},
    )
    assert _fragment(grid.text)["ok"] == "no"
    assert "Range 1 closes before it opens" in grid.text
    raw = client.get(
        "/edit/hours/preview",
        params={"hours_source": "raw", "hours_raw": "<script>x</script>", "lang": "nl"},
    )
    assert _fragment(raw.text)["ok"] == "no"
    assert "Deze waarde is geen geldige OpenStreetMap-syntaxis" in raw.text
    assert "<script>" not in raw.text and "&lt;script&gt;" in raw.text


def test_a_place_out_of_the_world_is_refused(client: TestClient, session: Session) -> None:
    _signed_in(client, session, AccountRole.EDITOR)
    response = client.get("/edit/hours/preview", params={**WEEK, "lat": "91", "lon": "4"})
    assert response.status_code == 422
