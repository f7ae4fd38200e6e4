"""Signals back into the directory (issue 13, part 3): recent incident reports counted per
place (window edges, median wait, synthetic and other kinds left out), the editors' list,
the phone lines' reachability (service and JSON). Where they show (pages):
``tests/api/test_incident_signals_pages.py``, which uses this module's incidents."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlmodel import Session, col, select

from api.models import AccessPoint, AccountRole
from api.models.common import Kind, Status
from api.models.incidents import Incident, IncidentChannel
from api.pages.accounts.session import SignedIn
from api.services.incidents.reachability import phone_line_reachability
from api.services.incidents.signals import recent_signals, signalled_places
from tests.conftest import NOW

TODAY = NOW.date()  # Monday 23 November 2026, Brussels
SECRET = "Madame Dupont 0470 12 34 56"


def _incident(
    session: Session,
    access_point_id: str | None,
    kinds: list[str],
    *,
    on: date = TODAY,
    wait: int | None = None,
    channel: IncidentChannel = IncidentChannel.COUNTER,
    reporter: str = "account:1",
    organization_id: str | None = None,
) -> None:
    session.add(
        Incident(
            occurred_on=on,
            access_point_id=access_point_id,
            organization_id=organization_id,
            channel=channel,
            kinds=kinds,
            wait_minutes=wait,
            text=SECRET,
            reporter=reporter,
            created_at=NOW.astimezone(UTC),
        )
    )


def _points(session: Session, kind: Kind, n: int = 2) -> list[AccessPoint]:
    points = session.exec(
        select(AccessPoint)
        .where(col(AccessPoint.kind) == kind.value)
        .where(col(AccessPoint.status) == Status.ACTIVE.value)
        .order_by(col(AccessPoint.id))
    ).all()
    assert len(points) >= n
    return list(points[:n])


def _signalled_place(session: Session, point: AccessPoint) -> None:
    """Six signalling incidents on ``point`` in the window (3 closed, 4 unreachable, one
    both; known waits 10, 40, 70: median 40) and five that must not count."""
    pid = point.id
    phone = IncidentChannel.PHONE
    _incident(session, pid, ["closed_during_hours"])  # today
    _incident(session, pid, ["closed_during_hours"], on=TODAY - timedelta(days=29))  # first day
    _incident(session, pid, ["unreachable_phone"], wait=10, channel=phone)
    _incident(session, pid, ["unreachable_phone"], wait=40, channel=phone)
    _incident(session, pid, ["unreachable_phone", "closed_during_hours"], wait=70)
    _incident(session, pid, ["unreachable_phone"], channel=phone)  # wait not given
    # Not counted: a day too early, tomorrow, synthetic, no signal kind, the organization.
    _incident(session, pid, ["unreachable_phone"], wait=25, on=TODAY - timedelta(days=30))
    _incident(session, pid, ["closed_during_hours"], on=TODAY + timedelta(days=1))
    _incident(session, pid, ["unreachable_phone"], wait=1000, reporter="synthetic")
    _incident(session, pid, ["delay", "sent_to_online_form"], wait=5)
    _incident(session, None, ["closed_during_hours"], organization_id=point.organization_id)
    session.commit()


@contextmanager
def _statements(session: Session) -> Iterator[list[str]]:
    seen: list[str] = []
    engine = session.get_bind().engine

    def count(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _signed_in(role: AccountRole, organizations: frozenset[str] | None) -> SignedIn:
    return SignedIn(
        account_id=1,
        email=f"{role.value}@example.be",
        display_name=role.value,
        role=role,
        organization_ids=organizations,
        language="en",
    )


# The service


def test_signals_count_the_30_days_and_the_median_of_known_waits(session: Session) -> None:
    first, second, quiet = _points(session, Kind.GUICHET, 3)
    _signalled_place(session, first)
    _incident(session, second.id, ["unreachable_phone"], wait=30)
    _incident(session, second.id, ["unreachable_phone"], wait=45)
    session.commit()
    with _statements(session) as seen:
        found = recent_signals(
            session=session, access_point_ids=[first.id, second.id, quiet.id], now=NOW
        )
    assert len([s for s in seen if "incident" in s]) == 1  # one query for the batch
    assert set(found) == {first.id, second.id}
    signals = found[first.id]
    assert (signals.reports, signals.closed_during_hours, signals.unreachable_phone) == (6, 3, 4)
    assert (signals.median_wait_minutes, signals.waits_known) == (40.0, 3)
    assert [(k.value, n) for k, n in signals.by_kind()] == [
        ("unreachable_phone", 4),
        ("closed_during_hours", 3),
    ]
    assert found[second.id].median_wait_minutes == 37.5  # even count: the mean of the two


def test_the_window_ends_on_the_brussels_day(session: Session) -> None:
    point = _points(session, Kind.GUICHET, 1)[0]
    _incident(session, point.id, ["closed_during_hours"], on=date(2026, 10, 25))
    _incident(session, point.id, ["closed_during_hours"], on=date(2026, 10, 24))
    session.commit()
    # 23 November 00:30 in Brussels is still 22 November in UTC: the window is Brussels'.
    just_after_midnight = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    found = recent_signals(session=session, access_point_ids=[point.id], now=just_after_midnight)
    assert found[point.id].closed_during_hours == 1
    # On 24 November the first day is 26 October: nothing is left.
    later = recent_signals(
        session=session, access_point_ids=[point.id], now=NOW + timedelta(days=1)
    )
    assert later == {}


def test_editors_list_only_their_organizations_places(session: Session) -> None:
    first, other = _points(session, Kind.GUICHET, 2)
    if first.organization_id == other.organization_id:
        other = session.exec(
            select(AccessPoint).where(col(AccessPoint.organization_id) != first.organization_id)
        ).first()
        assert other is not None
    _signalled_place(session, first)
    _incident(session, other.id, ["closed_during_hours"])
    session.commit()
    editor = _signed_in(AccountRole.EDITOR, frozenset({first.organization_id}))
    admin = _signed_in(AccountRole.ADMIN, None)
    mine = signalled_places(session=session, actor=editor, now=NOW)
    assert [p.access_point_id for p in mine] == [first.id]
    listed = signalled_places(session=session, actor=admin, now=NOW)
    assert [p.access_point_id for p in listed] == [first.id, other.id]  # most reported first
    assert listed[0].signals.reports == 6


def test_reachability_of_a_phone_line_over_twelve_months(session: Session) -> None:
    line = _points(session, Kind.PHONE_LINE, 1)[0]
    phone = IncidentChannel.PHONE
    for kinds, wait in [
        (["unreachable_phone"], 60),
        (["unreachable_phone"], 45),
        (["unreachable_phone"], None),
        (["unreachable_phone", "paying_line"], 20),
        (["sent_to_online_form"], 35),
        (["paying_line"], None),
    ]:
        _incident(session, line.id, kinds, wait=wait, channel=phone)
    # The first day of the twelve months counts (answered after 10 minutes); the day before
    # does not, nor a visit, nor a synthetic report.
    _incident(session, line.id, ["other"], wait=10, channel=phone, on=date(2025, 11, 24))
    _incident(session, line.id, ["unreachable_phone"], wait=5, channel=phone, on=date(2025, 11, 23))
    _incident(session, line.id, ["closed_during_hours"], channel=IncidentChannel.COUNTER)
    _incident(session, line.id, ["unreachable_phone"], wait=1, channel=phone, reporter="synthetic")
    session.commit()
    figure = phone_line_reachability(session=session, access_point_id=line.id, now=NOW)
    assert (figure.since, figure.until) == (date(2025, 11, 24), TODAY)
    assert (figure.reports, figure.answered, figure.answered_share) == (7, 3, 0.429)
    assert (figure.median_wait_minutes, figure.waits_known) == (35.0, 5)


# JSON


def test_reachability_json(client: TestClient, session: Session) -> None:
    line = _points(session, Kind.PHONE_LINE, 1)[0]
    _incident(session, line.id, ["unreachable_phone"], wait=50, channel=IncidentChannel.PHONE)
    _incident(session, line.id, ["other"], wait=20, channel=IncidentChannel.PHONE)
    session.commit()
    answer = client.get(f"/v1/access-points/{line.id}/reachability")
    assert answer.status_code == 200
    assert answer.json() == {
        "access_point_id": line.id,
        "since": "2025-11-24",
        "until": "2026-11-23",
        "reports": 2,
        "answered": 1,
        "answered_share": 0.5,
        "median_wait_minutes": 35.0,
        "waits_known": 2,
    }
    assert SECRET not in answer.text


def test_reachability_json_refuses_unknown_ids_and_other_kinds(
    client: TestClient, session: Session
) -> None:
    assert client.get("/v1/access-points/no-such-line/reachability").status_code == 404
    counter = _points(session, Kind.GUICHET, 1)[0]
    refused = client.get(f"/v1/access-points/{counter.id}/reachability")
    assert refused.status_code == 422
    error = refused.json()["detail"][0]
    assert error["loc"] == ["path", "access_point_id"]
    assert "not a phone line" in error["msg"]
    empty = _points(session, Kind.PHONE_LINE, 1)[0]
    figure = client.get(f"/v1/access-points/{empty.id}/reachability").json()
    assert (figure["reports"], figure["answered_share"], figure["median_wait_minutes"]) == (
        0,
        None,
        None,
    )
