"""Issue 13's "done means", end to end through the pages (both engines): a worker follows a
place page's "Report an incident" link, fills in the prefilled form, confirms, and the
place's editors find the place on their verification list (/edit/verification and /edit);
editors of another organization do not. The text never reaches the editors' pages."""

import re

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.models import AccessPoint, AccountRole
from api.models.common import Kind, Status
from api.models.incidents import Incident
from tests.workspace import FormData, hidden_fields, make_account, post_form, sign_in

_LINK = re.compile(r'href="(/incidents/new\?access_point=[^"]+)"')
TEXT = "Porte fermée à 10h, ZORGLUB-4412."


def _counter(session: Session) -> AccessPoint:
    point = session.exec(
        select(AccessPoint)
        .where(col(AccessPoint.kind) == Kind.GUICHET.value)
        .where(col(AccessPoint.status) == Status.ACTIVE.value)
        .order_by(col(AccessPoint.id))
    ).first()
    assert point is not None
    return point


def test_from_the_place_page_to_the_editors_list(client: TestClient, session: Session) -> None:
    point = _counter(session)
    make_account(session, email="worker@example.be", role=AccountRole.WORKER)
    make_account(
        session,
        email="editor@example.be",
        role=AccountRole.EDITOR,
        organization_ids=[point.organization_id],
    )
    other = session.exec(
        select(AccessPoint.organization_id).where(
            col(AccessPoint.organization_id) != point.organization_id
        )
    ).first()
    make_account(
        session, email="stranger@example.be", role=AccountRole.EDITOR, organization_ids=[str(other)]
    )
    line = "1 report in 30 days: closed during announced hours"

    # Before: nothing on the editor's list.
    sign_in(client, "editor@example.be")
    assert line not in client.get("/edit/verification?lang=en").text
    client.cookies.clear()

    # The worker: the place page's link, the form already naming the place and dated today.
    sign_in(client, "worker@example.be")
    place = client.get(f"/access-points/{point.id}?lang=en").text
    [link] = _LINK.findall(place)
    form = client.get(link.replace("&amp;", "&"))
    assert form.status_code == 200
    assert f'name="access_point_id" value="{point.id}"' in form.text
    dated = re.search(r'name="occurred_on" type="date" value="(\d{4}-\d{2}-\d{2})"', form.text)
    assert dated is not None
    # A handful of fields: the date and the place are given; channel, one kind, a text.
    filled: FormData = {
        "occurred_on": dated.group(1),
        "access_point_id": point.id,
        "channel": "counter",
        "kinds": ["closed_during_hours"],
        "text": TEXT,
    }
    review = post_form(client, "/incidents/new?lang=en", filled)
    assert review.status_code == 200, review.text
    assert "Check and confirm" in review.text
    confirmed = post_form(client, "/incidents/confirm?lang=en", hidden_fields(review.text))
    assert confirmed.status_code == 303
    stored = session.exec(select(Incident)).one()
    assert stored.access_point_id == point.id and stored.kinds == ["closed_during_hours"]
    client.cookies.clear()

    # The place's editor sees it on the verification list and the workspace home.
    sign_in(client, "editor@example.be")
    verification = client.get("/edit/verification?lang=en").text
    section = verification[verification.index('id="reported-heading"') :]
    assert line in section
    assert f'href="/edit/access-points/{point.id}?lang=en"' in section
    assert line in client.get("/edit?lang=en").text
    assert "ZORGLUB" not in verification
    client.cookies.clear()

    # An editor of another organization does not.
    sign_in(client, "stranger@example.be")
    assert line not in client.get("/edit/verification?lang=en").text
