"""The editors' side of problem reports: counts, the queue, resolutions."""

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.errors import ConflictError, ForbiddenError, NotFoundError
from api.models import AccessPoint, Actor
from api.models.reports import (
    ProblemReport,
    ProblemReportPublic,
    ReportKind,
    ReportStatus,
    Resolution,
)

RECENT_DAYS = 30
"""The public place page counts the open reports of this many last days."""
QUEUE_LIMIT = 500
"""Reports listed at most in one answer (newest first)."""


def count_open_reports(*, session: Session, access_point_ids: Iterable[str]) -> dict[str, int]:
    """Open reports per access point id, whatever their age; ids without any are absent.
    For the editors' home page."""
    ids = list(access_point_ids)
    if not ids:
        return {}
    rows = session.exec(
        select(ProblemReport.access_point_id, func.count())
        .where(col(ProblemReport.access_point_id).in_(ids))
        .where(ProblemReport.status == ReportStatus.OPEN)
        .group_by(col(ProblemReport.access_point_id))
    ).all()
    return {access_point_id: count for access_point_id, count in rows}


def recent_open_reports(
    *, session: Session, access_point_id: str, now: datetime
) -> list[tuple[ReportKind, int]]:
    """The open reports of the last ``RECENT_DAYS`` days on one place, counted by kind, the
    most frequent first (then in the order of ``ReportKind``). For the public place page:
    kinds and counts only, never the texts."""
    rows = session.exec(
        select(ProblemReport.kind)
        .where(ProblemReport.access_point_id == access_point_id)
        .where(ProblemReport.status == ReportStatus.OPEN)
        .where(ProblemReport.created_at >= now - timedelta(days=RECENT_DAYS))
    ).all()
    counts = Counter(ReportKind(kind) for kind in rows)
    order = list(ReportKind)
    return sorted(counts.items(), key=lambda item: (-item[1], order.index(item[0])))


def _public(report: ProblemReport, point: AccessPoint) -> ProblemReportPublic:
    assert report.id is not None
    return ProblemReportPublic(
        id=report.id,
        access_point_id=report.access_point_id,
        access_point_name=point.name_fr,
        organization_id=point.organization_id,
        kind=report.kind,
        text=report.text,
        status=report.status,
        created_at=report.created_at,
        resolved_at=report.resolved_at,
        resolved_by=report.resolved_by,
    )


def list_reports(
    *, session: Session, actor: Actor, status: ReportStatus | None = ReportStatus.OPEN
) -> list[ProblemReportPublic]:
    """The reports on the places of ``actor``'s organizations (all for an admin or an
    unbound key), newest first, at most ``QUEUE_LIMIT``; ``status`` None: every status."""
    query = select(ProblemReport, AccessPoint).join(
        AccessPoint, col(AccessPoint.id) == col(ProblemReport.access_point_id)
    )
    if actor.organization_ids is not None:
        query = query.where(col(AccessPoint.organization_id).in_(actor.organization_ids))
    if status is not None:
        query = query.where(ProblemReport.status == status)
    query = query.order_by(col(ProblemReport.created_at).desc(), col(ProblemReport.id).desc())
    return [_public(report, point) for report, point in session.exec(query.limit(QUEUE_LIMIT))]


def resolve_report(
    *, session: Session, actor: Actor, report_id: int, resolution: Resolution, now: datetime
) -> ProblemReportPublic:
    """Close an open report as ``resolution`` in the name of ``actor`` and commit.

    NotFoundError (404) for an unknown id; ForbiddenError (403) when the place is not one of
    the actor's organizations'; ConflictError (409) when it is already resolved."""
    found = session.exec(
        select(ProblemReport, AccessPoint)
        .join(AccessPoint, col(AccessPoint.id) == col(ProblemReport.access_point_id))
        .where(ProblemReport.id == report_id)
    ).first()
    if found is None:
        raise NotFoundError(f"no problem report with id {report_id}")
    report, point = found
    if actor.organization_ids is not None and point.organization_id not in actor.organization_ids:
        raise ForbiddenError(
            f"report {report_id} is about a place of {point.organization_id!r}, "
            "not one of your organizations"
        )
    if report.status != ReportStatus.OPEN:
        raise ConflictError(f"report {report_id} is already resolved ({report.status})")
    report.status = ReportStatus(resolution.value)
    report.resolved_at = now
    report.resolved_by = actor.name
    session.add(report)
    session.commit()
    session.refresh(report)
    return _public(report, point)
