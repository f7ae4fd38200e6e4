"""The pages of problem reports: the public form (CSRF, honeypot, errors beside fields,
thank-you page), the counts by kind on the place page, the editors' queue and its buttons."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.models import AccessPoint
from api.models.reports import ProblemReport, ReportStatus
from api.ratelimit import reset_all
from api.services.privacy import REMOVED
from tests.workspace import make_account, post_form, sign_in


@pytest.fixture(autouse=True)
def _fresh_limits() -> Iterator[None]:
    reset_all()
    yield
    reset_all()


def _place(session: Session) -> AccessPoint:
    point = session.exec(select(AccessPoint).order_by(col(AccessPoint.id))).first()
    assert point is not None
    return point


def _stored(session: Session, point_id: str) -> list[ProblemReport]:
    return list(
        session.exec(select(ProblemReport).where(ProblemReport.access_point_id == point_id))
    )


def test_place_page_links_to_the_form_and_says_none(client: TestClient, session: Session) -> None:
    point = _place(session)
    page = client.get(f"/access-points/{point.id}?lang=en")
    assert f'href="/access-points/{point.id}/report?lang=en"' in page.text
    assert "No problem reported in the last 30 days." in page.text
    slip = client.get(f"/access-points/{point.id}/referral?lang=fr&ui=en")
    assert f"/access-points/{point.id}/report?lang=en" in slip.text


def test_report_from_the_form(client: TestClient, session: Session) -> None:
    point = _place(session)
    form = client.get(f"/access-points/{point.id}/report?lang=fr")
    assert form.status_code == 200
    assert 'name="csrftoken"' in form.text and 'name="website"' in form.text
    answer = post_form(
        client,
        f"/access-points/{point.id}/report?lang=fr",
        {
            "kind": "closed_when_open",
            "text": "Fermé à 10h, appelez-moi au 0470 12 34 56",
            "website": "",
        },
    )
    assert answer.status_code == 201
    assert "Merci" in answer.text
    [stored] = _stored(session, point.id)
    assert stored.text == f"Fermé à 10h, appelez-moi au {REMOVED}"
    place = client.get(f"/access-points/{point.id}?lang=fr").text
    assert "1 signalement : trouvé fermé pendant les heures annoncées" in place
    assert "0470" not in place and "Fermé à 10h" not in place


def test_form_errors_honeypot_and_csrf(client: TestClient, session: Session) -> None:
    point = _place(session)
    url = f"/access-points/{point.id}/report?lang=en"
    client.get(url)
    missing = post_form(client, url, {"kind": "", "text": "x" * 501})
    assert missing.status_code == 422
    assert 'id="kind-errors"' in missing.text and 'id="text-errors"' in missing.text
    robot = post_form(client, url, {"kind": "moved", "website": "http://spam.example"})
    assert robot.status_code == 422
    no_token = client.post(url, data={"kind": "moved"})
    assert no_token.status_code == 403
    assert _stored(session, point.id) == []
    assert client.get("/access-points/nowhere/report").status_code == 404


def test_editor_resolves_from_the_queue(client: TestClient, session: Session) -> None:
    point = _place(session)
    client.get(f"/access-points/{point.id}/report")
    post_form(client, f"/access-points/{point.id}/report", {"kind": "no_answer", "text": "Rien"})
    make_account(
        session, email="ed@example.be", role="editor", organization_ids=[point.organization_id]
    )
    sign_in(client, "ed@example.be")
    queue = client.get("/edit/reports?lang=en")
    assert queue.status_code == 200
    assert "nobody answers the phone" in queue.text and "Rien" in queue.text
    [report] = _stored(session, point.id)
    done = post_form(
        client, f"/edit/reports/{report.id}/resolution?lang=en", {"resolution": "fixed"}
    )
    assert done.status_code == 303
    assert done.headers["location"].startswith("/edit/reports")
    session.refresh(report)
    assert report.status == ReportStatus.FIXED
    assert report.resolved_by is not None and report.resolved_by.endswith("<ed@example.be>")
    after = client.get(done.headers["location"])
    assert "The report was closed as: Fixed." in after.text
    again = post_form(
        client, f"/edit/reports/{report.id}/resolution?lang=en", {"resolution": "fixed"}
    )
    assert again.status_code == 409


def test_editor_of_another_organization_and_worker(client: TestClient, session: Session) -> None:
    point = _place(session)
    other = session.exec(
        select(AccessPoint).where(col(AccessPoint.organization_id) != point.organization_id)
    ).first()
    assert other is not None
    client.get(f"/access-points/{point.id}/report")
    post_form(client, f"/access-points/{point.id}/report", {"kind": "moved"})
    make_account(
        session, email="far@example.be", role="editor", organization_ids=[other.organization_id]
    )
    sign_in(client, "far@example.be")
    assert "No open problem report" in client.get("/edit/reports?lang=en").text
    [report] = _stored(session, point.id)
    refused = post_form(client, f"/edit/reports/{report.id}/resolution", {"resolution": "fixed"})
    assert refused.status_code == 403


def test_the_limit_is_said_on_the_form_in_dutch(client: TestClient, session: Session) -> None:
    point = _place(session)
    url = f"/access-points/{point.id}/report?lang=nl"
    client.get(url)
    for _ in range(10):
        assert post_form(client, url, {"kind": "moved"}).status_code == 201
    limited = post_form(client, url, {"kind": "moved"})
    assert limited.status_code == 429
    assert "probeer het later opnieuw" in limited.text
    assert len(_stored(session, point.id)) == 10
    place = client.get(f"/access-points/{point.id}?lang=nl").text
    assert "10 meldingen: de plaats is verhuisd" in place
