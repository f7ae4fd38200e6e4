"""Editors' writes on closures, on one access point or on a whole organization: they apply
at once to openings, ``nearest`` and calendars. Never deleted: cancelled."""

from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

from api.errors import InvalidQueryError, NotFoundError
from api.models import AccessPoint, Actor, ChangeAction, Closure, ClosureCreate, ClosureRead
from api.models.organization import ClosureBase
from api.services.editing.access_points import merge_patch
from api.services.editing.history import (
    apply_versioned_change,
    check_version,
    diff_fields,
    record_change,
)
from api.services.editing.organizations import existing_organization
from api.services.keys import check_may_edit


def _closure_read(closure: Closure) -> tuple[ClosureRead, int]:
    return ClosureRead.model_validate(closure, from_attributes=True), closure.version


def add_closure(
    *,
    session: Session,
    actor: Actor,
    data: ClosureCreate,
    now: datetime,
    access_point_id: str | None = None,
    organization_id: str | None = None,
) -> tuple[ClosureRead, int]:
    """Close one access point, or every access point of an organization, from ``start`` to
    ``end``; it applies at once to openings, ``nearest`` and calendars. Raises 404, 403.
    Commits."""
    if access_point_id is not None:
        point = session.exec(
            select(AccessPoint).where(col(AccessPoint.id) == access_point_id)
        ).first()
        if point is None:
            raise NotFoundError(f"no access point with id {access_point_id!r}")
        check_may_edit(actor, point.organization_id)
    else:
        assert organization_id is not None
        check_may_edit(actor, existing_organization(session, organization_id).id)
    closure = Closure(
        **data.model_dump(), access_point_id=access_point_id, organization_id=organization_id
    )
    insert_closure(session=session, closure=closure, now=now, actor=actor.name)
    session.commit()
    return _closure_read(closure)


def insert_closure(*, session: Session, closure: Closure, now: datetime, actor: str) -> None:
    """Store a new ``closure`` (already validated) and record its creation in the history
    (who: ``actor``, when: ``now``), as version 1. The one way a closure is created: by an
    editor (``add_closure``) or by the seed (the days off of ``seed/data/days_off.csv``).
    Does not commit."""
    session.add(closure)
    session.flush()
    snapshot = _snapshot(closure)
    record_change(
        session=session,
        resource="closure",
        resource_id=str(closure.id),
        version=1,
        action=ChangeAction.CREATE,
        now=now,
        actor=actor,
        changes={k: {"before": None, "after": v} for k, v in snapshot.items() if v is not None},
        snapshot=snapshot,
    )


def get_closure(*, session: Session, closure_id: int) -> tuple[ClosureRead, int]:
    """One closure and its version. Raises ``NotFoundError`` (404)."""
    closure = session.get(Closure, closure_id)
    if closure is None:
        raise NotFoundError(f"no closure with id {closure_id}")
    return _closure_read(closure)


def list_closures(
    *, session: Session, access_point_id: str | None = None, organization_id: str | None = None
) -> list[ClosureRead]:
    """The closures of an access point or an organization, cancelled ones included, by start."""
    query = select(Closure).order_by(col(Closure.start), col(Closure.id))
    if access_point_id is not None:
        query = query.where(col(Closure.access_point_id) == access_point_id)
    else:
        query = query.where(col(Closure.organization_id) == organization_id)
    return [ClosureRead.model_validate(row, from_attributes=True) for row in session.exec(query)]


def _closure_owner(session: Session, closure: Closure) -> str:
    if closure.access_point_id is None:
        assert closure.organization_id is not None
        return closure.organization_id
    point = session.exec(
        select(AccessPoint).where(col(AccessPoint.id) == closure.access_point_id)
    ).one()
    return point.organization_id


def _existing_closure(session: Session, closure_id: int) -> Closure:
    closure = session.get(Closure, closure_id)
    if closure is None:
        raise NotFoundError(f"no closure with id {closure_id}")
    return closure


def update_closure(
    *,
    session: Session,
    actor: Actor,
    closure_id: int,
    body: dict[str, Any],
    merge: bool,
    expected_version: int,
    now: datetime,
) -> tuple[ClosureRead, int]:
    """Replace or merge-patch (RFC 7396) the dates and reasons of a closure at
    ``expected_version``. Raises 404, 403, 412, 422. Commits."""
    closure = _existing_closure(session, closure_id)
    check_may_edit(actor, _closure_owner(session, closure))
    check_version("closure", str(closure_id), closure.version, expected_version)
    # The stored dates as they are (not validated again: one written before today's rules,
    # at 9999-12-31 say, can still be moved back into range).
    before = ClosureBase.model_validate(closure, from_attributes=True).model_dump(mode="json")
    try:
        data = ClosureCreate.model_validate(merge_patch(before, body) if merge else body)
    except ValidationError as exc:
        raise InvalidQueryError(str(exc), loc=("body",)) from exc
    changes = diff_fields(before, data.model_dump(mode="json"))
    if changes:
        apply_versioned_change(
            session=session,
            row=closure,
            values=data.model_dump(),
            resource="closure",
            resource_id=str(closure_id),
            action=ChangeAction.UPDATE,
            now=now,
            actor=actor.name,
            changes=changes,
            snapshot=lambda: _snapshot(closure),
        )
    return _closure_read(closure)


def cancel_closure(
    *, session: Session, actor: Actor, closure_id: int, expected_version: int, now: datetime
) -> tuple[ClosureRead, int]:
    """Cancel a closure (kept, with ``cancelled_at``). Raises 404, 403, 412. Commits."""
    closure = _existing_closure(session, closure_id)
    check_may_edit(actor, _closure_owner(session, closure))
    check_version("closure", str(closure_id), closure.version, expected_version)
    if closure.cancelled_at is None:
        apply_versioned_change(
            session=session,
            row=closure,
            values={"cancelled_at": now},
            resource="closure",
            resource_id=str(closure_id),
            action=ChangeAction.DELETE,
            now=now,
            actor=actor.name,
            changes={"cancelled_at": {"before": None, "after": now.isoformat()}},
            snapshot=lambda: _snapshot(closure),
        )
    return _closure_read(closure)


def _snapshot(closure: Closure) -> dict[str, Any]:
    return ClosureRead.model_validate(closure, from_attributes=True).model_dump(mode="json")
