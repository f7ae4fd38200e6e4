"""The directory filters shared by the list and the nearest search, as SQL conditions."""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from api.models import AccessPoint, AccessPointServiceArea
from api.models.common import Kind, Status, Theme, Wheelchair


@dataclass(frozen=True, slots=True)
class AccessPointFilters:
    """Filters that combine with AND; None means "any". ``language`` is ISO 639-1,
    ``municipality`` a NIS code, ``postcode`` four digits. ``competent_for`` (a NIS code, the
    person's residence) leaves out the access points whose ``service_area`` does not cover
    it (those without a stated service area stay). Inactive access points are left out
    unless ``include_inactive`` (sync: they are the tombstones of deletions)."""

    kind: Kind | None = None
    theme: Theme | None = None
    language: str | None = None
    municipality: str | None = None
    postcode: str | None = None
    walk_in: bool | None = None
    free_of_charge: bool | None = None
    wheelchair: Wheelchair | None = None
    competent_for: str | None = None
    include_inactive: bool = False


def json_list_contains(column: Any, value: str, dialect: str) -> ColumnElement[bool]:
    """SQL condition: the JSON array in ``column`` has the string ``value`` as an element
    (SQLite's json_each, PostgreSQL's jsonb containment)."""
    if dialect == "postgresql":
        return sa.cast(column, JSONB).contains([value])
    each = sa.func.json_each(column).table_valued("value")
    return sa.exists(sa.select(sa.literal(1)).select_from(each).where(each.c.value == value))


def filter_conditions(filters: AccessPointFilters, dialect: str) -> list[ColumnElement[bool]]:
    """The SQL conditions on ``access_point`` for ``filters`` (dialect: "sqlite" or
    "postgresql")."""
    conditions: list[ColumnElement[bool]] = []
    if not filters.include_inactive:
        conditions.append(col(AccessPoint.status) != Status.INACTIVE.value)
    if filters.kind is not None:
        conditions.append(col(AccessPoint.kind) == filters.kind.value)
    if filters.theme is not None:
        conditions.append(json_list_contains(AccessPoint.themes, filters.theme.value, dialect))
    if filters.language is not None:
        conditions.append(json_list_contains(AccessPoint.languages, filters.language, dialect))
    if filters.municipality is not None:
        conditions.append(col(AccessPoint.nis_code) == filters.municipality)
    if filters.postcode is not None:
        conditions.append(col(AccessPoint.postcode) == filters.postcode)
    for name in ("walk_in", "free_of_charge"):
        wanted = getattr(filters, name)
        if wanted is not None:
            conditions.append(getattr(AccessPoint, name).is_(wanted))
    if filters.wheelchair is not None:
        conditions.append(col(AccessPoint.wheelchair) == filters.wheelchair.value)
    if filters.competent_for is not None:
        conditions.append(_competent_for(filters.competent_for))
    return conditions


def _competent_for(nis_code: str) -> ColumnElement[bool]:
    area = AccessPointServiceArea
    restricted = sa.exists().where(col(area.access_point_pk) == col(AccessPoint.pk))
    serving = col(AccessPoint.pk).in_(
        sa.select(col(area.access_point_pk)).where(col(area.nis_code) == nis_code)
    )
    return sa.or_(sa.not_(restricted), serving)
