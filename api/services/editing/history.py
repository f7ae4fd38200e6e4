"""The change history: every write records who, when, what (each changed field, before and
after) and the state after it, in the table ``change``; its last id is the directory's data
version."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlmodel import Session, col, func, select

from api.errors import PreconditionFailedError
from api.models import Change, ChangeAction, ChangePublic

NO_VERSION = 0
"""What ``If-Match`` says when it is not one of our ETags: a version no resource has."""


def check_version(kind: str, ident: str, current: int, expected: int) -> None:
    """Raise ``PreconditionFailedError`` (412) when ``expected`` (If-Match) is not current."""
    if expected == NO_VERSION:
        raise PreconditionFailedError(
            f'If-Match is not an ETag of {kind} {ident!r} (its ETag is now "{current}"): '
            "send the ETag header of your last read, as it came"
        )
    if current != expected:
        raise PreconditionFailedError(
            f"{kind} {ident!r} changed since you read it (now version {current}, your "
            f"If-Match says {expected}): read it again"
        )


def diff_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields of ``after`` that differ from ``before``, as ``{field: {before, after}}``."""
    return {
        key: {"before": before.get(key), "after": value}
        for key, value in after.items()
        if before.get(key) != value
    }


class Versioned(Protocol):
    """A stored row with a version counter (its ETag)."""

    version: int


def apply_versioned_change(
    *,
    session: Session,
    row: Versioned,
    values: dict[str, Any],
    resource: str,
    resource_id: str,
    action: ChangeAction,
    now: datetime,
    actor: str,
    changes: dict[str, Any],
    snapshot: Callable[[], dict[str, Any]],
) -> None:
    """Set ``values`` on ``row``, bump its version, record the change (with the state after
    it, from ``snapshot``) and commit: the last step of every organization and closure
    change."""
    for field, value in values.items():
        setattr(row, field, value)
    row.version += 1
    session.add(row)
    record_change(
        session=session,
        resource=resource,
        resource_id=resource_id,
        version=row.version,
        action=action,
        now=now,
        actor=actor,
        changes=changes,
        snapshot=snapshot(),
    )
    session.commit()


def changes_of(*, session: Session, resource: str, resource_id: str) -> list[ChangePublic]:
    """Every recorded change of one resource, oldest first."""
    rows = session.exec(
        select(Change)
        .where(col(Change.resource) == resource, col(Change.resource_id) == resource_id)
        .order_by(col(Change.version))
    )
    return [ChangePublic.model_validate(row, from_attributes=True) for row in rows]


def record_change(
    *,
    session: Session,
    resource: str,
    resource_id: str,
    version: int,
    action: ChangeAction,
    now: datetime,
    actor: str,
    changes: dict[str, Any],
    snapshot: dict[str, Any],
) -> None:
    """Keep one change in the history (table ``change``). Does not commit."""
    session.add(
        Change(
            resource=resource,
            resource_id=resource_id,
            version=version,
            action=action,
            changed_at=now,
            changed_by=actor,
            changes=changes,
            snapshot=snapshot,
        )
    )


def data_version(*, session: Session) -> tuple[int, datetime | None]:
    """The version of the whole directory: the id and time of the last recorded change
    (every write, seed included, records one). For list and export ETags."""
    last_id, last_at = session.execute(
        select(func.max(Change.id), func.max(Change.changed_at))
    ).one()
    if last_at is not None and last_at.tzinfo is None:
        last_at = last_at.replace(tzinfo=UTC)  # SQLite's max() bypasses the column type
    return int(last_id or 0), last_at
