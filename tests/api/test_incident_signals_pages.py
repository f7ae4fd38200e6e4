"""Signals back into the directory (issue 13, part 3), where they show: the place page (counts,
plurals, never a text), a phone line's reachability, the search results, the operator's view,
the editors' verification list and home (only the place's editors and admins). The service's
own tests and the incidents they use are in ``tests/api/test_incident_signals.py``."""

import re

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.models import AccessPoint, AccountRole
from api.models.common import Kind
from api.models.incidents import IncidentChannel
from tests.api.test_incident_signals import _incident, _points, _signalled_place
from tests.workspace import make_account, sign_in


def test_place_page_shows_counts_never_texts(client: TestClient, session: Session) -> None:
    point = _points(session, Kind.GUICHET, 1)[0]
    _signalled_place(session, point)
    page = client.get(f"/access-points/{point.id}?lang=en")
    assert page.status_code == 200
    assert "4 reports in 30 days: phone not answered; median wait 40 min" in page.text
    assert "3 reports in 30 days: closed during announced hours" in page.text
    assert f'href="/incidents/new?access_point={point.id}&amp;lang=en"' in page.text
    assert "Dupont" not in page.text and "0470" not in page.text
    assert "account:1" not in page.text
    french = client.get(f"/access-points/{point.id}?lang=fr").text
    assert "4 incidents signalés en 30 jours : téléphone sans réponse ; attente médiane 40 min" in (
        french.replace("\u202f", " ")
    )
    # A page for next week still counts up to today (the clock), not up to ``at``.
    ahead = client.get(f"/access-points/{point.id}?lang=en&at=2026-12-10T10:00").text
    assert "3 reports in 30 days: closed during announced hours" in ahead


def test_place_page_singular_and_half_minutes(client: TestClient, session: Session) -> None:
    point = _points(session, Kind.GUICHET, 1)[0]
    _incident(session, point.id, ["closed_during_hours"])
    _incident(session, point.id, ["unreachable_phone"], wait=30)
    _incident(session, point.id, ["unreachable_phone"], wait=45)
    session.commit()
    english = client.get(f"/access-points/{point.id}?lang=en").text
    assert "1 report in 30 days: closed during announced hours" in english
    assert "2 reports in 30 days: phone not answered; median wait 37.5 min" in english
    dutch = client.get(f"/access-points/{point.id}?lang=nl").text
    assert "1 incident gemeld in 30 dagen: gesloten tijdens de aangekondigde uren" in dutch
    phone = "2 incidenten gemeld in 30 dagen: telefoon niet opgenomen; mediane wachttijd 37,5 min"
    assert phone in dutch


def test_quiet_place_says_so(client: TestClient, session: Session) -> None:
    point = _points(session, Kind.GUICHET, 1)[0]
    page = client.get(f"/access-points/{point.id}?lang=en").text
    assert "No closure during announced hours and no unanswered call" in page
    assert "Phone line reachability" not in page


def test_phone_line_page_shows_reachability(client: TestClient, session: Session) -> None:
    line = _points(session, Kind.PHONE_LINE, 1)[0]
    for kinds, wait in [
        (["unreachable_phone"], 60),
        (["unreachable_phone"], 45),
        (["unreachable_phone"], None),
        (["unreachable_phone"], 20),
        (["sent_to_online_form"], 35),
        (["paying_line"], None),
        (["other"], 10),
    ]:
        _incident(session, line.id, kinds, wait=wait, channel=IncidentChannel.PHONE)
    session.commit()
    page = client.get(f"/access-points/{line.id}?lang=en").text
    assert "From 7 reports in 12 months: answered 3 times in 7; median wait 35 min" in page
    french = client.get(f"/access-points/{line.id}?lang=fr").text.replace("\u202f", " ")
    assert "D'après 7 incidents signalés en 12 mois : répondu 3 fois sur 7" in french.replace(
        "&#39;", "'"
    )
    # Small numbers are said as they are.
    other = _points(session, Kind.PHONE_LINE, 2)[1]
    _incident(session, other.id, ["paying_line"], channel=IncidentChannel.PHONE)
    session.commit()
    small = client.get(f"/access-points/{other.id}?lang=en").text
    assert "From 1 report in 12 months: answered 1 time in 1" in small


def _result_block(html: str, access_point_id: str) -> str:
    start = html.index(f'id="result-{access_point_id}"')
    return html[start : html.index("</article>", start)]


def test_search_results_show_the_signals_of_displayed_places(
    client: TestClient, session: Session
) -> None:
    url = "/?postcode=1030&open=any&lang=en"
    shown = re.findall(r'id="result-([^"]+)"', client.get(url).text)
    assert len(shown) >= 2
    signalled, quiet = shown[0], shown[1]
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == signalled)).one()
    _signalled_place(session, point)
    html = client.get(url).text
    block = _result_block(html, signalled)
    assert "4 reports in 30 days: phone not answered; median wait 40 min" in block
    assert "3 reports in 30 days: closed during announced hours" in block
    assert "reports in 30 days" not in _result_block(html, quiet)
    assert "Dupont" not in html


# The editors


def test_editors_see_reported_places_other_editors_do_not(
    client: TestClient, session: Session
) -> None:
    point = _points(session, Kind.GUICHET, 1)[0]
    _signalled_place(session, point)
    other_organization = session.exec(
        select(AccessPoint.organization_id).where(
            col(AccessPoint.organization_id) != point.organization_id
        )
    ).first()
    make_account(
        session,
        email="ed@example.be",
        role=AccountRole.EDITOR,
        organization_ids=[point.organization_id],
    )
    make_account(
        session,
        email="other@example.be",
        role=AccountRole.EDITOR,
        organization_ids=[str(other_organization)],
    )
    make_account(session, email="admin@example.be", role=AccountRole.ADMIN)
    line = "3 reports in 30 days: closed during announced hours"
    edit_link = f'href="/edit/access-points/{point.id}?lang=en"'

    sign_in(client, "ed@example.be")
    page = client.get("/edit/verification").text
    section = page[page.index('id="reported-heading"') : page.index('id="stale"')]
    assert line in section and edit_link in section and "Dupont" not in page
    home = client.get("/edit").text
    assert 'id="reported-heading"' in home and line in home
    assert "Worker reports (30 days)" in home
    assert '#reported-heading">6</a>' in home  # the count beside the open problem reports

    client.cookies.clear()
    sign_in(client, "other@example.be")
    page = client.get("/edit/verification").text
    assert "Reported by workers" in page and line not in page and edit_link not in page
    assert 'id="reported-heading"' not in client.get("/edit").text

    client.cookies.clear()
    sign_in(client, "admin@example.be")
    assert line in client.get("/edit/verification").text


def test_operator_view_shows_reachability_and_signals(client: TestClient, session: Session) -> None:
    url = "/lines?municipality=21015&lang=en"
    shown = re.findall(r'id="result-([^"]+)"', client.get(url).text)
    kinds = dict(
        session.exec(
            select(AccessPoint.id, AccessPoint.kind).where(col(AccessPoint.id).in_(shown))
        ).all()
    )
    line = next(i for i in shown if kinds[i] == Kind.PHONE_LINE.value)
    place = next(i for i in shown if kinds[i] != Kind.PHONE_LINE.value)
    for kinds_, wait in [(["unreachable_phone"], 50), (["other"], 10), (["paying_line"], None)]:
        _incident(session, line, kinds_, wait=wait, channel=IncidentChannel.PHONE)
    _incident(session, place, ["closed_during_hours"])
    session.commit()
    html = client.get(url).text
    line_block = _result_block(html, line)
    assert "From 3 reports in 12 months: answered 2 times in 3; median wait 30 min" in line_block
    assert "1 report in 30 days: phone not answered; median wait 50 min" in line_block
    place_block = _result_block(html, place)
    assert "1 report in 30 days: closed during announced hours" in place_block
    assert "Phone line reachability" not in place_block
