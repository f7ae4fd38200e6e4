"""Marking an entry as checked by a person, and which entries need checking.

Rules (issue 12, part 3): an entry not checked for six months (``STALE_AFTER_DAYS``) is
listed as stale for its editors; after twelve months (``CALL_FIRST_AFTER_DAYS``), or when
never checked, the public pages tell the reader to call first.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, or_, select

from api import hours
from api.errors import NotFoundError
from api.models import AccessPoint, AccessPointCreate, Actor, Organization
from api.models.common import Status
from api.models.verification import (
    CALL_FIRST_AFTER_DAYS,
    STALE_AFTER_DAYS,
    VerificationMethod,
)
from api.services.editing import save_access_point, write_shape
from api.services.keys import check_may_edit
from api.services.verification.campaigns import close_tasks


@dataclass(frozen=True)
class StaleEntry:
    """An active entry not checked for six months: ``verified_at`` None when never checked."""

    access_point_id: str
    name: str
    organization_id: str
    organization_name: str
    verified_at: date | None
    verification_method: VerificationMethod | None
    version: int


def call_first(verified_at: date | None, *, today: date) -> bool:
    """True when the public should call before going: never checked, or last checked more
    than ``CALL_FIRST_AFTER_DAYS`` (365) days before ``today``."""
    return verified_at is None or (today - verified_at).days > CALL_FIRST_AFTER_DAYS


def mark_verified(
    *,
    session: Session,
    actor: Actor,
    access_point_id: str,
    method: VerificationMethod,
    expected_version: int | None,
    now: datetime,
) -> AccessPoint:
    """ "Checked today": set ``verified_at`` to ``now``'s date in Brussels and
    ``verification_method`` to ``method`` through the one write path
    (``editing.save_access_point``: the version moves and the history records both fields,
    unless the entry was already checked today the same way), then close the entry's open
    campaign tasks as checked unchanged. Commits and returns the stored entry.

    Raises ``NotFoundError`` (404) for an unknown id, ``ForbiddenError`` (403) when
    ``actor`` may not edit its organization, ``PreconditionFailedError`` (412) when
    ``expected_version`` is not the current version.
    """
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == access_point_id)).first()
    if point is None:
        raise NotFoundError(f"no access point with id {access_point_id!r}")
    check_may_edit(actor, point.organization_id)
    body = write_shape(point)
    body["verified_at"] = hours.to_brussels(now).date().isoformat()
    body["verification_method"] = method.value
    saved, _ = save_access_point(
        session=session,
        access_point_id=access_point_id,
        data=AccessPointCreate.model_validate(body),
        now=now,
        actor=actor.name,
        expected_version=expected_version,
    )
    close_tasks(
        session=session,
        access_point_id=access_point_id,
        actor=actor,
        now=now,
        changed=False,
        method=method,
    )
    session.commit()
    session.refresh(saved)
    return saved


def stale_entries(*, session: Session, actor: Actor, today: date) -> list[StaleEntry]:
    """The active entries ``actor`` may edit that were never checked or last checked more
    than ``STALE_AFTER_DAYS`` (183) days before ``today``: never checked first, then the
    oldest check first, then by name."""
    limit = today - timedelta(days=STALE_AFTER_DAYS)
    query = (
        select(AccessPoint, Organization.name)
        .join(Organization, col(Organization.id) == col(AccessPoint.organization_id))
        .where(col(AccessPoint.status) != Status.INACTIVE.value)
        .where(or_(col(AccessPoint.verified_at).is_(None), col(AccessPoint.verified_at) < limit))
    )
    if actor.organization_ids is not None and not actor.is_admin:
        query = query.where(col(AccessPoint.organization_id).in_(sorted(actor.organization_ids)))
    rows = session.exec(query).all()
    entries = [
        StaleEntry(
            access_point_id=point.id,
            name=point.name_fr,
            organization_id=point.organization_id,
            organization_name=organization_name,
            verified_at=point.verified_at,
            verification_method=(
                VerificationMethod(point.verification_method) if point.verification_method else None
            ),
            version=point.version,
        )
        for point, organization_name in rows
    ]
    return sorted(
        entries,
        key=lambda e: (e.verified_at is not None, e.verified_at or date.min, e.name.casefold()),
    )
