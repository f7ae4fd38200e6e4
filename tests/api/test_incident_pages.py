"""The incident pages: signed-in accounts only (workers too), the form without JavaScript
(prefilled place, errors beside their fields), the confirmation step showing the text as it
will be stored, the stored row without personal data, my incidents and Withdraw, the admins'
list with the texts, the workspace's menu."""

from datetime import timedelta
from html import escape

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.models import AccessPoint, AccountRole, Municipality, Organization
from api.models.common import Status
from api.models.incidents import Incident
from api.services.privacy import REMOVED
from tests.conftest import NOW
from tests.workspace import hidden_fields, make_account, post_form, sign_in


def _point(session: Session) -> AccessPoint:
    point = session.exec(select(AccessPoint).order_by(col(AccessPoint.id))).first()
    assert point is not None
    return point


def _worker(client: TestClient, session: Session, email: str = "w@example.be") -> None:
    make_account(session, email=email, role=AccountRole.WORKER)
    sign_in(client, email)


def _form(point: AccessPoint, **changes: str | list[str]) -> dict[str, str | list[str]]:
    return {
        "occurred_on": (NOW.date() - timedelta(days=1)).isoformat(),
        "access_point_id": point.id,
        "channel": "counter",
        "kinds": ["closed_during_hours", "sent_to_online_form"],
        "consequences": ["delay"],
        "worker_minutes": "20",
        "text": "Fermé à 10h.",
    } | changes


def test_signed_out_sent_to_sign_in(client: TestClient, session: Session) -> None:
    point = _point(session)
    for url in (f"/incidents/new?access_point={point.id}", "/incidents/mine", "/incidents"):
        answer = client.get(url, follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/login?next=%2Fincidents")


def test_form_prefilled_from_a_place(client: TestClient, session: Session) -> None:
    point = _point(session)
    _worker(client, session)
    page = client.get(f"/incidents/new?access_point={point.id}&lang=en")
    assert page.status_code == 200
    assert point.name_en or point.name_fr in page.text
    assert f'name="access_point_id" value="{point.id}"' in page.text
    assert f'value="{NOW.date().isoformat()}"' in page.text
    assert 'name="csrftoken"' in page.text and "<script" not in page.text
    assert 'href="/incidents/new?lang=en"' in page.text  # the menu, and "choose another"
    assert 'href="/incidents/mine?lang=en"' in page.text
    unknown = client.get("/incidents/new?access_point=nowhere&lang=en")
    assert 'name="organization_id"' in unknown.text and 'name="other_service_name"' in unknown.text


def test_the_places_are_offered_by_name(client: TestClient, session: Session) -> None:
    """Without a place in the link, the access point field suggests the directory's places
    by name (a datalist: no JavaScript), its value the id; places closed for good are not."""
    point = _point(session)
    organization = session.get(Organization, point.organization_id)
    assert organization is not None
    closed = session.exec(select(AccessPoint).order_by(col(AccessPoint.id).desc())).first()
    assert closed is not None and closed.id != point.id
    closed.status = Status.INACTIVE.value
    session.add(closed)
    session.commit()
    _worker(client, session)
    page = client.get("/incidents/new?lang=nl").text
    assert 'list="access_point_id-choices"' in page
    label = f"{point.name_nl or point.name_fr} — {organization.name}"
    assert f'<option value="{point.id}">{escape(label)}</option>' in page
    assert f'<option value="{closed.id}">' not in page


def test_the_place_page_link_leads_to_the_form(client: TestClient, session: Session) -> None:
    point = _point(session)
    place = client.get(f"/access-points/{point.id}?lang=en")
    link = f"/incidents/new?access_point={point.id}&amp;lang=en"
    assert link in place.text
    signed_out = client.get(link.replace("&amp;", "&"), follow_redirects=False)
    assert signed_out.headers["location"].startswith("/login?next=%2Fincidents%2Fnew")
    _worker(client, session)
    form = client.get(link.replace("&amp;", "&"))
    assert f'name="access_point_id" value="{point.id}"' in form.text


def test_french_and_dutch(client: TestClient, session: Session) -> None:
    _worker(client, session)
    assert "Signaler un incident" in client.get("/incidents/new?lang=fr").text
    dutch = client.get("/incidents/new?lang=nl").text
    assert "Een incident melden" in dutch and "Telefoonlijn onbereikbaar" in dutch


def test_review_then_confirm_stores_no_personal_data(client: TestClient, session: Session) -> None:
    point = _point(session)
    _worker(client, session)
    text = (
        "Mme née le 12/03/1985, rue de la Loi 16, tél. 0470 12 34 56, "
        "mail marie@example.be. Fermé à 10h."
    )
    review = post_form(client, "/incidents/new?lang=en", _form(point, text=text))
    assert review.status_code == 200, review.text
    assert f"Mme née le {REMOVED}, {REMOVED}, tél. {REMOVED}, mail {REMOVED}." in review.text
    assert "4 pieces of personal data were removed" in review.text
    assert "Closed during announced hours" in review.text
    assert "0470" not in review.text and "marie@" not in review.text
    assert session.exec(select(Incident)).all() == []
    confirmed = post_form(client, "/incidents/confirm?lang=en", hidden_fields(review.text))
    assert confirmed.status_code == 303
    assert confirmed.headers["location"].startswith("/incidents/mine?lang=en&created=")
    stored = session.exec(select(Incident)).one()
    assert stored.text == (
        f"Mme née le {REMOVED}, {REMOVED}, tél. {REMOVED}, mail {REMOVED}. Fermé à 10h."
    )
    assert stored.kinds == ["closed_during_hours", "sent_to_online_form"]
    assert stored.reporter.startswith("account:")
    mine = client.get(confirmed.headers["location"])
    assert "Your incident report was stored" in mine.text
    assert point.name_fr in mine.text and "Fermé à 10h" not in mine.text


def test_a_pasted_page_address_names_the_place(client: TestClient, session: Session) -> None:
    point = _point(session)
    _worker(client, session)
    pasted = f"http://localhost:8000/access-points/{point.id}?lang=fr"
    review = post_form(client, "/incidents/new?lang=en", _form(point, access_point_id=pasted))
    assert review.status_code == 200
    assert ("access_point_id", [point.id]) in hidden_fields(review.text).items()


def test_change_goes_back_to_the_form(client: TestClient, session: Session) -> None:
    point = _point(session)
    _worker(client, session)
    review = post_form(client, "/incidents/new?lang=en", _form(point))
    fields = dict(hidden_fields(review.text)) | {"step": "edit"}
    again = post_form(client, "/incidents/new?lang=en", fields)
    assert again.status_code == 200
    assert 'value="closed_during_hours" checked' in again.text
    assert "Fermé à 10h.</textarea>" in again.text


def test_errors_beside_their_fields(client: TestClient, session: Session) -> None:
    point = _point(session)
    _worker(client, session)
    answer = post_form(
        client,
        "/incidents/new?lang=en",
        _form(
            point,
            occurred_on=(NOW.date() + timedelta(days=3)).isoformat(),
            other_service_name="Guichet X",
            kinds=[],
            wait_minutes="abc",
        ),
    )
    assert answer.status_code == 422
    for field in ("occurred_on", "service", "kinds", "wait_minutes"):
        assert f'id="{field}-errors"' in answer.text, field
    wrong = post_form(
        client,
        "/incidents/new?lang=en",
        _form(point, kinds=["delay"], wait_minutes="10", residence_nis_code="99999"),
    )
    assert wrong.status_code == 422
    assert "The minutes waited go with" in wrong.text
    assert 'id="residence_nis_code-errors"' in wrong.text
    assert session.exec(select(Incident)).all() == []


def test_commune_and_other_service(client: TestClient, session: Session) -> None:
    municipality = session.exec(select(Municipality)).first()
    assert municipality is not None
    _worker(client, session)
    form = _form(
        _point(session),
        access_point_id="",
        other_service_name="Guichet régional",
        residence_nis_code=municipality.nis_code,
        theme="housing",
    )
    review = post_form(client, "/incidents/new?lang=en", form)
    assert "Guichet régional" in review.text and "Housing" in review.text
    confirmed = post_form(client, "/incidents/confirm?lang=en", hidden_fields(review.text))
    assert confirmed.status_code == 303
    stored = session.exec(select(Incident)).one()
    assert stored.residence_nis_code == municipality.nis_code and stored.theme == "housing"


def test_withdraw_own_only(client: TestClient, session: Session) -> None:
    point = _point(session)
    _worker(client, session)
    review = post_form(client, "/incidents/new?lang=en", _form(point))
    post_form(client, "/incidents/confirm?lang=en", hidden_fields(review.text))
    incident = session.exec(select(Incident)).one()
    mine = client.get("/incidents/mine?lang=en")
    assert f'action="/incidents/{incident.id}/withdraw?lang=en"' in mine.text
    client.post("/logout")
    client.cookies.clear()
    _worker(client, session, "other@example.be")
    assert "You have not reported any incident." in client.get("/incidents/mine?lang=en").text
    refused = post_form(client, f"/incidents/{incident.id}/withdraw?lang=en", {})
    assert refused.status_code == 404
    assert session.get(Incident, incident.id) is not None
    client.cookies.clear()
    sign_in(client, "w@example.be")
    done = post_form(client, f"/incidents/{incident.id}/withdraw?lang=en", {})
    assert done.status_code == 303
    assert session.exec(select(Incident)).all() == []
    assert "The incident report was withdrawn." in client.get(done.headers["location"]).text


def test_without_csrf_refused(client: TestClient, session: Session) -> None:
    point = _point(session)
    _worker(client, session)
    answer = client.post("/incidents/confirm?lang=en", data=_form(point))
    assert answer.status_code == 403
    assert session.exec(select(Incident)).all() == []


def test_admin_list_with_texts(client: TestClient, session: Session) -> None:
    point = _point(session)
    _worker(client, session)
    review = post_form(client, "/incidents/new?lang=en", _form(point))
    post_form(client, "/incidents/confirm?lang=en", hidden_fields(review.text))
    assert client.get("/incidents?lang=en").status_code == 403
    assert 'href="/incidents?lang=en"' not in client.get("/incidents/mine?lang=en").text
    client.cookies.clear()
    make_account(session, email="boss@example.be", role=AccountRole.ADMIN)
    sign_in(client, "boss@example.be")
    listing = client.get("/incidents?lang=en")
    assert listing.status_code == 200
    assert "Fermé à 10h." in listing.text and point.name_fr in listing.text
    assert 'href="/incidents?lang=en"' in listing.text


def test_the_menu_offers_a_worker_only_what_opens(client: TestClient, session: Session) -> None:
    """A worker's menu: the incident pages, not the editing pages (their 403); an editor's:
    both."""
    _worker(client, session)
    page = client.get("/incidents/mine?lang=en").text
    assert 'href="/incidents/new?lang=en"' in page
    for editing in ("/edit?lang=en", "/edit/verification?lang=en", "/edit/reports?lang=en"):
        assert f'href="{editing}"' not in page
        assert client.get(editing.split("?")[0]).status_code == 403
    client.cookies.clear()
    make_account(session, email="ed@example.be", role=AccountRole.EDITOR, organization_ids=[])
    sign_in(client, "ed@example.be")
    page = client.get("/incidents/mine?lang=en").text
    assert 'href="/edit/verification?lang=en"' in page and 'href="/incidents/new?lang=en"' in page
