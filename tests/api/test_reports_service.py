"""Problem reports in the services: received (honeypot, limits, scrubbed text), counted,
listed per organization and resolved; on SQLite and PostgreSQL."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from api.errors import ConflictError, ForbiddenError, NotFoundError
from api.models import AccessPoint
from api.models.reports import (
    REPORT_TEXT_MAX_LENGTH,
    ProblemReport,
    ProblemReportCreate,
    ReportKind,
    ReportStatus,
    Resolution,
)
from api.ratelimit import reset_all
from api.services.privacy import REMOVED
from api.services.reports import (
    HoneypotError,
    TooManyReportsError,
    count_open_reports,
    create_report,
    list_reports,
    recent_open_reports,
    resolve_report,
)
from tests.conftest import NOW


@dataclass(frozen=True)
class _Actor:
    name: str
    is_admin: bool
    organization_ids: frozenset[str] | None


@pytest.fixture(autouse=True)
def _fresh_limits() -> Iterator[None]:
    reset_all()
    yield
    reset_all()


def _points(session: Session) -> tuple[AccessPoint, AccessPoint]:
    first = session.exec(select(AccessPoint).order_by(col(AccessPoint.id))).first()
    assert first is not None
    other = session.exec(
        select(AccessPoint)
        .where(col(AccessPoint.organization_id) != first.organization_id)
        .order_by(col(AccessPoint.id))
    ).first()
    assert other is not None
    return first, other


def _report(
    session: Session, point_id: str, kind: ReportKind, *, address: str = "192.0.2.1", **extra: str
) -> int:
    receipt = create_report(
        session=session,
        access_point_id=point_id,
        data=ProblemReportCreate(kind=kind, **extra),
        client_address=address,
        now=NOW,
    )
    return receipt.id


def test_text_is_stored_scrubbed(session: Session) -> None:
    point, _ = _points(session)
    receipt = create_report(
        session=session,
        access_point_id=point.id,
        data=ProblemReportCreate(
            kind=ReportKind.NO_ANSWER, text="  Personne au 0470 12 34 56, écrire à a@example.be "
        ),
        client_address="192.0.2.1",
        now=NOW,
    )
    assert receipt.text == f"Personne au {REMOVED}, écrire à {REMOVED}"
    assert receipt.removed_count == 2
    stored = session.get(ProblemReport, receipt.id)
    assert stored is not None and stored.text == receipt.text
    assert stored.status == ReportStatus.OPEN


def test_a_text_that_grows_when_scrubbed_still_fits_its_column(session: Session) -> None:
    # 500 characters of short e-mail addresses: each "[removed]" is longer than "a@b.be".
    text = ("a@b.be " * 72)[:500]
    point, _ = _points(session)
    receipt = create_report(
        session=session,
        access_point_id=point.id,
        data=ProblemReportCreate(kind=ReportKind.OTHER, text=text),
        client_address="192.0.2.1",
        now=NOW,
    )
    assert receipt.text is not None and len(receipt.text) == REPORT_TEXT_MAX_LENGTH
    assert receipt.text.endswith("…") and "@" not in receipt.text
    session.flush()  # PostgreSQL refuses a value longer than its column
    stored = session.get(ProblemReport, receipt.id)
    assert stored is not None and stored.text == receipt.text


def test_empty_text_is_none(session: Session) -> None:
    point, _ = _points(session)
    stored = session.get(ProblemReport, _report(session, point.id, ReportKind.MOVED, text="   "))
    assert stored is not None and stored.text is None


def test_unknown_place_and_honeypot_refused(session: Session) -> None:
    point, _ = _points(session)
    with pytest.raises(NotFoundError):
        _report(session, "no-such-place", ReportKind.OTHER)
    with pytest.raises(HoneypotError):
        _report(session, point.id, ReportKind.OTHER, website="http://spam.example")
    assert count_open_reports(session=session, access_point_ids=[point.id]) == {}


def test_limit_per_address(session: Session) -> None:
    point, other = _points(session)
    for _ in range(10):
        _report(session, point.id, ReportKind.OTHER)
    with pytest.raises(TooManyReportsError):
        _report(session, other.id, ReportKind.OTHER)
    # Another address still may.
    _report(session, other.id, ReportKind.OTHER, address="198.51.100.7")


def test_limit_per_place(session: Session) -> None:
    point, _ = _points(session)
    for number in range(30):
        _report(session, point.id, ReportKind.OTHER, address=f"10.0.0.{number}")
    with pytest.raises(TooManyReportsError):
        _report(session, point.id, ReportKind.OTHER, address="10.0.1.1")


def test_counts_and_recent_kinds(session: Session) -> None:
    point, other = _points(session)
    _report(session, point.id, ReportKind.CLOSED_WHEN_OPEN)
    _report(session, point.id, ReportKind.CLOSED_WHEN_OPEN)
    old = _report(session, point.id, ReportKind.MOVED)
    stored = session.get(ProblemReport, old)
    assert stored is not None
    stored.created_at = NOW - timedelta(days=31)
    session.add(stored)
    session.commit()
    assert recent_open_reports(session=session, access_point_id=point.id, now=NOW) == [
        (ReportKind.CLOSED_WHEN_OPEN, 2)
    ]
    assert count_open_reports(session=session, access_point_ids=[point.id, other.id]) == {
        point.id: 3
    }


def test_editor_sees_and_resolves_only_their_organizations(session: Session) -> None:
    point, other = _points(session)
    mine = _report(session, point.id, ReportKind.HOURS_WRONG)
    theirs = _report(session, other.id, ReportKind.HOURS_WRONG)
    editor = _Actor("Ed <ed@example.be>", False, frozenset({point.organization_id}))
    admin = _Actor("Ad <ad@example.be>", True, None)
    assert [r.id for r in list_reports(session=session, actor=editor)] == [mine]
    assert {r.id for r in list_reports(session=session, actor=admin)} >= {mine, theirs}
    with pytest.raises(ForbiddenError):
        resolve_report(
            session=session, actor=editor, report_id=theirs, resolution=Resolution.FIXED, now=NOW
        )
    done = resolve_report(
        session=session, actor=editor, report_id=mine, resolution=Resolution.DUPLICATE, now=NOW
    )
    assert done.status == ReportStatus.DUPLICATE
    assert done.resolved_by == "Ed <ed@example.be>"
    assert list_reports(session=session, actor=editor) == []
    assert [r.id for r in list_reports(session=session, actor=editor, status=None)] == [mine]
    with pytest.raises(ConflictError):
        resolve_report(
            session=session, actor=admin, report_id=mine, resolution=Resolution.FIXED, now=NOW
        )
    with pytest.raises(NotFoundError):
        resolve_report(
            session=session, actor=admin, report_id=10**9, resolution=Resolution.FIXED, now=NOW
        )
    assert count_open_reports(session=session, access_point_ids=[point.id]) == {}
