"""Verification of entries and campaigns, through the services (both engines)."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, select

from api.errors import ForbiddenError, InvalidQueryError, PreconditionFailedError
from api.models import AccessPoint, Change
from api.models.common import Status
from api.models.verification import CampaignScope, TaskStatus, VerificationMethod
from api.services.verification import (
    call_first,
    campaign_views,
    mark_verified,
    open_campaign,
    record_check,
    stale_entries,
    tasks_for,
)
from tests.conftest import NOW


@dataclass(frozen=True)
class Person:
    """An ``Actor`` for the services: an admin, or an editor of some organizations."""

    name: str
    is_admin: bool = False
    organization_ids: frozenset[str] | None = None


ADMIN = Person(name="Admin <admin@example.be>", is_admin=True)


def _some_point(session: Session) -> AccessPoint:
    point = session.exec(
        select(AccessPoint)
        .where(col(AccessPoint.status) == Status.ACTIVE.value)
        .order_by(col(AccessPoint.id))
    ).first()
    assert point is not None
    return point


def test_mark_verified_records_method_and_moves_version(session: Session) -> None:
    point = _some_point(session)
    editor = Person(name="Ed <ed@example.be>", organization_ids=frozenset({point.organization_id}))
    version = point.version
    saved = mark_verified(
        session=session,
        actor=editor,
        access_point_id=point.id,
        method=VerificationMethod.PHONE_CALL,
        expected_version=version,
        now=NOW,
    )
    assert saved.verified_at == NOW.date()
    assert saved.verification_method == VerificationMethod.PHONE_CALL
    assert saved.version == version + 1
    change = session.exec(
        select(Change)
        .where(col(Change.resource_id) == point.id)
        .where(col(Change.version) == version + 1)
    ).one()
    assert change.changed_by == editor.name
    assert change.changes["verification_method"]["after"] == "phone_call"


def test_mark_verified_refuses_a_stale_version_and_a_foreign_editor(session: Session) -> None:
    point = _some_point(session)
    with pytest.raises(PreconditionFailedError):
        mark_verified(
            session=session,
            actor=ADMIN,
            access_point_id=point.id,
            method=VerificationMethod.VISIT,
            expected_version=point.version + 5,
            now=NOW,
        )
    stranger = Person(name="S <s@example.be>", organization_ids=frozenset({"someone-else"}))
    with pytest.raises(ForbiddenError):
        mark_verified(
            session=session,
            actor=stranger,
            access_point_id=point.id,
            method=VerificationMethod.VISIT,
            expected_version=point.version,
            now=NOW,
        )


def test_stale_entries_and_call_first(session: Session) -> None:
    point = _some_point(session)
    today = NOW.date()
    point.verified_at = today - timedelta(days=200)
    session.add(point)
    session.flush()
    editor = Person(name="Ed <ed@example.be>", organization_ids=frozenset({point.organization_id}))
    stale = stale_entries(session=session, actor=editor, today=today)
    assert point.id in {e.access_point_id for e in stale}
    assert {e.organization_id for e in stale} == {point.organization_id}
    mark_verified(
        session=session,
        actor=editor,
        access_point_id=point.id,
        method=VerificationMethod.WEBSITE,
        expected_version=None,
        now=NOW,
    )
    stale = stale_entries(session=session, actor=editor, today=today)
    assert point.id not in {e.access_point_id for e in stale}
    assert call_first(None, today=today)
    assert call_first(today - timedelta(days=366), today=today)
    assert not call_first(today - timedelta(days=200), today=today)
    assert not call_first(date(2026, 1, 1), today=date(2026, 12, 31))


def test_campaign_goes_from_open_to_done(session: Session) -> None:
    point = _some_point(session)
    organization = point.organization_id
    campaign = open_campaign(
        session=session,
        actor=ADMIN,
        title="Winter check",
        scope=CampaignScope.ORGANIZATION,
        values=[organization],
        now=NOW,
    )
    entries = session.exec(
        select(AccessPoint.id)
        .where(col(AccessPoint.organization_id) == organization)
        .where(col(AccessPoint.status) != Status.INACTIVE.value)
    ).all()
    (view,) = [v for v in campaign_views(session=session) if v.id == campaign.id]
    assert view.total == len(entries) and view.done == 0 and not view.finished
    editor = Person(name="Ed <ed@example.be>", organization_ids=frozenset({organization}))
    other = Person(name="O <o@example.be>", organization_ids=frozenset({"nobody"}))
    tasks = [t for t in tasks_for(session=session, account=editor) if t.campaign_id == campaign.id]
    assert sorted(t.access_point_id for t in tasks) == sorted(entries)
    assert tasks_for(session=session, account=other) == []
    first, *rest = tasks
    assert (
        record_check(session=session, access_point_id=first.access_point_id, actor=editor, now=NOW)
        == 1
    )
    for task in rest:
        mark_verified(
            session=session,
            actor=editor,
            access_point_id=task.access_point_id,
            method=VerificationMethod.EMAIL,
            expected_version=task.version,
            now=NOW,
        )
    (view,) = [v for v in campaign_views(session=session) if v.id == campaign.id]
    assert view.finished and view.percent == 100
    assert (view.changed, view.unchanged) == (1, len(entries) - 1)
    assert tasks_for(session=session, account=editor) == []
    assert TaskStatus.TO_DO.value == "to_do"


def test_open_campaign_needs_an_admin_and_matching_values(session: Session) -> None:
    editor = Person(name="Ed <ed@example.be>", organization_ids=frozenset({"x"}))
    with pytest.raises(ForbiddenError):
        open_campaign(
            session=session,
            actor=editor,
            title="t",
            scope=CampaignScope.KIND,
            values=["guichet"],
            now=NOW,
        )
    with pytest.raises(InvalidQueryError, match="no active entry"):
        open_campaign(
            session=session,
            actor=ADMIN,
            title="t",
            scope=CampaignScope.COMMUNE,
            values=["99999"],
            now=NOW,
        )
    with pytest.raises(InvalidQueryError, match="title"):
        open_campaign(
            session=session,
            actor=ADMIN,
            title="  ",
            scope=CampaignScope.KIND,
            values=["guichet"],
            now=NOW,
        )
    campaign = open_campaign(
        session=session,
        actor=ADMIN,
        title="Phones",
        scope=CampaignScope.KIND,
        values=["phone_line"],
        now=NOW,
    )
    (view,) = [v for v in campaign_views(session=session) if v.id == campaign.id]
    assert view.total > 0
