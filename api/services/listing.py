"""Listing the directory: filtered pages with keyset cursors, the change feed for
``updated_since`` (with tombstones), and the full iteration the exports stream."""

import base64
import binascii
import dataclasses
import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api import hours
from api.errors import InvalidQueryError
from api.models import AccessPoint
from api.models.responses import AccessPointPage
from api.services.access_points import load_closures, read_many
from api.services.filters import AccessPointFilters, filter_conditions


def encode_cursor(position: dict[str, str]) -> str:
    """Opaque cursor: where the previous page ended, as base64url JSON."""
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> dict[str, str]:
    """The position a cursor stands for. Raises ``InvalidQueryError`` (422) for a forged one."""
    try:
        raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True)
        position = json.loads(raw)
        if not isinstance(position, dict) or not isinstance(position.get("id"), str):
            raise ValueError("not a position")
        return position
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise InvalidQueryError(
            "invalid cursor: pass the next_cursor of the previous page unchanged",
            loc=("query", "cursor"),
        ) from exc


def iterate_access_points(
    *,
    session: Session,
    filters: AccessPointFilters,
    updated_since: datetime | None,
    after: dict[str, str] | None = None,
    batch: int = 500,
) -> Iterator[AccessPoint]:
    """Every access point matching ``filters``, read ``batch`` rows at a time (keyset, never
    an OFFSET): in id order, or, with ``updated_since``, those changed after it (inactive
    ones included, as tombstones) in (``updated_at``, id) order. A row changed while the
    iteration runs moves to the end and comes again with its new version: every version is
    delivered once, none is skipped. ``after`` resumes after a position of ``position_of``."""
    dialect = session.get_bind().dialect.name
    if updated_since is not None:
        filters = dataclasses.replace(filters, include_inactive=True)
    base = select(AccessPoint).where(*filter_conditions(filters, dialect))
    if updated_since is not None:
        base = base.where(col(AccessPoint.updated_at) > updated_since)
        order: tuple[Any, ...] = (col(AccessPoint.updated_at), col(AccessPoint.id))
    else:
        order = (col(AccessPoint.id),)
    position = after
    while True:
        query = base
        if position is not None:
            if updated_since is not None:
                stamp = datetime.fromisoformat(position["updated_at"])
                query = query.where(
                    sa.or_(
                        col(AccessPoint.updated_at) > stamp,
                        sa.and_(
                            col(AccessPoint.updated_at) == stamp,
                            col(AccessPoint.id) > position["id"],
                        ),
                    )
                )
            else:
                query = query.where(col(AccessPoint.id) > position["id"])
        rows = session.exec(query.order_by(*order).limit(batch)).all()
        yield from rows
        if len(rows) < batch:
            return
        position = position_of(rows[-1])


def position_of(point: AccessPoint) -> dict[str, str]:
    """Where an iteration stands after ``point`` (for cursors)."""
    return {"id": point.id, "updated_at": point.updated_at.isoformat()}


def list_access_points(
    *,
    session: Session,
    filters: AccessPointFilters,
    at: datetime,
    open_at: datetime | None,
    limit: int,
    cursor: str | None,
    updated_since: datetime | None = None,
) -> AccessPointPage:
    """A page of the directory, in id order, or with ``updated_since`` the changes after it
    (tombstones included) in change order (see ``iterate_access_points``). With ``open_at``
    only access points open at that instant (closures applied) are kept; ``opening`` is
    computed at ``at``. Keyset pagination: pages neither skip nor repeat a version."""
    after = decode_cursor(cursor) if cursor else None
    rows = iterate_access_points(
        session=session,
        filters=filters,
        updated_since=updated_since,
        after=after,
        batch=max(limit * 2, 50),
    )
    found: list[AccessPoint] = []
    while len(found) <= limit:
        chunk = list(islice(rows, limit + 1))
        if not chunk:
            break
        found.extend(keep_open(session=session, points=chunk, at=open_at) if open_at else chunk)
    page = found[:limit]
    next_cursor = encode_cursor(position_of(page[-1])) if len(found) > limit else None
    return AccessPointPage(
        items=read_many(session=session, points=page, at=at), next_cursor=next_cursor
    )


def keep_open(
    *, session: Session, points: Sequence[AccessPoint], at: datetime
) -> list[AccessPoint]:
    """Those of ``points`` that are open at ``at``, closures applied."""
    closures = load_closures(session=session, access_points=points, from_day=at.date())
    return [
        p
        for p in points
        if hours.compute_opening(
            opening_hours=p.opening_hours, at=at, closures=closures.get(p.id, ())
        ).state
        is hours.OpeningState.OPEN
    ]
