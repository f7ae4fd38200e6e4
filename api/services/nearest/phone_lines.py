"""Phone lines have no place: they are found through the municipalities their
``service_area`` covers (the ``access_point_service_area`` table, kept by triggers)."""

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlmodel import Session, col

from api.models import AccessPoint, AccessPointServiceArea
from api.models.common import Kind
from api.services.filters import AccessPointFilters, filter_conditions

if TYPE_CHECKING:
    from api.services.index.lookups import Memo


@lru_cache(maxsize=256)
def lines_statement(dialect: str, filters: AccessPointFilters) -> sa.Select:
    """Phone lines serving the municipality ``:nis``, by id; built once per filter set."""
    query: sa.Select = (
        sa.select(
            col(AccessPoint.pk),
            col(AccessPoint.id),
            col(AccessPoint.organization_id),
            col(AccessPoint.opening_hours),
        )
        .where(*filter_conditions(filters, dialect))
        .where(col(AccessPoint.kind) == Kind.PHONE_LINE.value)
        .where(
            col(AccessPoint.pk).in_(
                sa.select(col(AccessPointServiceArea.access_point_pk)).where(
                    col(AccessPointServiceArea.nis_code) == sa.bindparam("nis")
                )
            )
        )
        .order_by(col(AccessPoint.id))
    )
    return query


def find_phone_lines(
    *,
    session: Session,
    nis_code: str | None,
    is_open: Callable[[str, str, str | None], bool] | None,
    limit: int,
    filters: AccessPointFilters,
    matching: set[int] | None = None,
    memo: "Memo | None" = None,
) -> list[int]:
    """pks of up to ``limit`` phone lines whose service area holds ``nis_code`` (and, when
    given, in ``matching``; with ``is_open``, only those it says are open), by id; none
    without a ``nis_code``. With ``memo`` (the index's) the lines serving a municipality
    are read once per database state and filters."""
    if nis_code is None:
        return []
    code = nis_code

    def read() -> list[tuple[int, str, str, str | None]]:
        query = lines_statement(session.get_bind().dialect.name, filters)
        rows = session.connection().execute(query, {"nis": code})
        return [(pk, ap_id, org_id, hours) for pk, ap_id, org_id, hours in rows]

    lines = read() if memo is None else memo.remember(("lines", code, filters), read)
    found: list[int] = []
    for pk, ap_id, org_id, opening_hours in lines:
        if matching is not None and pk not in matching:
            continue
        if is_open is None or is_open(ap_id, org_id, opening_hours):
            found.append(pk)
            if len(found) == limit:
                break
    return found
