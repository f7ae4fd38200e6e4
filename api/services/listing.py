"""Listing the directory: filtered pages with keyset cursors, the change feed for
``updated_since`` (with tombstones), and the full iteration the exports stream."""

import base64
import binascii
import dataclasses
import json
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api import hours
from api.errors import InvalidQueryError
from api.i18n import DEFAULT_LANGUAGE, Language
from api.models import AccessPoint
from api.models.responses import AccessPointPage, Residence
from api.search import SearchQuery
from api.services.access_points import load_closures, read_many
from api.services.filters import AccessPointFilters, filter_conditions
from api.services.nearest.competence import competence_flags
from api.services.place_hours import coordinates_of
from api.services.search import match_condition, ranked_matches


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
    search: SearchQuery | None = None,
) -> Iterator[AccessPoint]:
    """Every access point matching ``filters`` (and ``search``), read ``batch`` rows at a
    time (keyset, never an OFFSET), in the order of ``iterate_positions``."""
    for point, _ in iterate_positions(
        session=session,
        filters=filters,
        updated_since=updated_since,
        after=after,
        batch=batch,
        search=search,
    ):
        yield point


def iterate_positions(
    *,
    session: Session,
    filters: AccessPointFilters,
    updated_since: datetime | None,
    after: dict[str, str] | None = None,
    batch: int = 500,
    search: SearchQuery | None = None,
) -> Iterator[tuple[AccessPoint, dict[str, str]]]:
    """Every access point matching ``filters`` with the position after it (for cursors),
    read ``batch`` rows at a time (keyset, never an OFFSET):

    - in id order;
    - with ``search``, only those matching it, best rank first (``api.services.search``),
      then id;
    - with ``updated_since``, those changed after it (inactive ones included, as tombstones)
      in (``updated_at``, id) order, ``search`` only filtering: a row changed while the
      iteration runs moves to the end and comes again with its new version, so every
      version is delivered once, none is skipped.

    ``after`` resumes after a position given with an earlier row. Raises
    ``InvalidQueryError`` (422) for a position that does not fit the order."""
    dialect = session.get_bind().dialect.name
    if updated_since is not None:
        filters = dataclasses.replace(filters, include_inactive=True)
    conditions = filter_conditions(filters, dialect)
    keys: tuple[Any, ...]
    statement: Any
    if updated_since is not None:
        if search is not None:
            conditions.append(match_condition(search, dialect))
        conditions.append(col(AccessPoint.updated_at) > updated_since)
        keys = (col(AccessPoint.updated_at), col(AccessPoint.id))
        statement = select(col(AccessPoint.pk), *keys).where(*conditions)
    elif search is not None:
        ranked = ranked_matches(search, dialect, conditions)
        # Rank descending: the key is its negative, so that every key ascends.
        keys = ((-ranked.c.score).label("rank"), ranked.c.id)
        statement = select(ranked.c.pk, *keys)
    else:
        keys = (col(AccessPoint.id),)
        statement = select(col(AccessPoint.pk), *keys).where(*conditions)
    values: list[Any] | None = None
    if after is not None:
        try:
            values = [_KEY_TYPES[name](after[name]) for name in _names(keys)]
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidQueryError(
                "invalid cursor: pass the next_cursor of the previous page unchanged, "
                "with the same q and updated_since",
                loc=("query", "cursor"),
            ) from exc
    yield from _by_keys(session, statement, keys, values, batch)


# How a position (strings) turns back into key values.
_KEY_TYPES: dict[str, Callable[[str], Any]] = {
    "id": str,
    "rank": int,
    "updated_at": datetime.fromisoformat,
}


def _names(keys: tuple[Any, ...]) -> list[str]:
    return [str(key.name) for key in keys]


_ROWS_BY_PK = select(AccessPoint).where(
    col(AccessPoint.pk).in_(sa.bindparam("pks", expanding=True))
)


def _by_keys(
    session: Session,
    statement: Any,
    keys: tuple[Any, ...],
    after: list[Any] | None,
    batch: int,
) -> Iterator[tuple[AccessPoint, dict[str, str]]]:
    """The access points of ``statement`` (rows of a pk and the values of ``keys``) in the
    order of ``keys``, after the key values ``after``, ``batch`` at a time, each with its
    position: its key values as strings, by key name. The order is found on the narrow rows;
    only the access points of each batch are read whole."""
    names = _names(keys)
    values = after
    while True:
        query = statement
        if values is not None:
            # (k1, k2, ...) > (v1, v2, ...), spelled out so that each value takes its key's
            # SQL type (UTCDateTime).
            query = query.where(
                sa.or_(
                    *(
                        sa.and_(
                            *(k == v for k, v in zip(keys[:i], values, strict=False)),
                            keys[i] > values[i],
                        )
                        for i in range(len(keys))
                    )
                )
            )
        rows = session.execute(query.order_by(*keys).limit(batch)).all()
        wanted = [row[0] for row in rows]
        points = {p.pk: p for p in session.execute(_ROWS_BY_PK, {"pks": wanted}).scalars()}
        for pk, *values in rows:
            yield (
                points[pk],
                {
                    name: v.isoformat() if isinstance(v, datetime) else str(v)
                    for name, v in zip(names, values, strict=True)
                },
            )
        if len(rows) < batch:
            return


def list_access_points(
    *,
    session: Session,
    filters: AccessPointFilters,
    at: datetime,
    open_at: datetime | None,
    limit: int,
    cursor: str | None,
    updated_since: datetime | None = None,
    search: SearchQuery | None = None,
    lang: Language = DEFAULT_LANGUAGE,
    residence: Residence | None = None,
) -> AccessPointPage:
    """A page of the directory, in the order of ``iterate_positions``: id order; with
    ``search`` (``q``) only the matching ones, best rank first; with ``updated_since`` the
    changes after it (tombstones included) in change order, ``search`` only filtering. With
    ``open_at`` only access points open at that instant (closures applied) are kept;
    ``opening`` is computed at ``at`` and said in words in ``lang``; with ``residence`` each
    item says whether it serves it (``competent``; leaving out those that do not is the
    filters' ``competent_for``). Keyset pagination: pages neither skip nor repeat a
    version."""
    after = decode_cursor(cursor) if cursor else None
    rows = iterate_positions(
        session=session,
        filters=filters,
        updated_since=updated_since,
        after=after,
        batch=max(limit * 2, 50),
        search=search,
    )
    found: list[tuple[AccessPoint, dict[str, str]]] = []
    while len(found) <= limit:
        chunk = list(islice(rows, limit + 1))
        if not chunk:
            break
        if open_at:
            still = {
                p.id for p in keep_open(session=session, points=[p for p, _ in chunk], at=open_at)
            }
            chunk = [(p, position) for p, position in chunk if p.id in still]
        found.extend(chunk)
    page = found[:limit]
    next_cursor = encode_cursor(page[-1][1]) if len(found) > limit else None
    points = [p for p, _ in page]
    items = read_many(session=session, points=points, at=at, lang=lang)
    if residence is not None:
        flags = competence_flags(
            session=session, pks=(p.pk for p in points if p.pk), residence=residence
        )
        for point, item in zip(points, items, strict=True):
            item.competent = flags.get(point.pk or 0)
    return AccessPointPage(items=items, next_cursor=next_cursor)


def keep_open(
    *, session: Session, points: Sequence[AccessPoint], at: datetime
) -> list[AccessPoint]:
    """Those of ``points`` that are open at ``at``, closures applied."""
    closures = load_closures(session=session, access_points=points, from_day=at.date())
    return [
        p
        for p in points
        if hours.compute_opening(
            opening_hours=p.opening_hours,
            at=at,
            closures=closures.get(p.id, ()),
            coordinates=coordinates_of(p),
        ).state
        is hours.OpeningState.OPEN
    ]
