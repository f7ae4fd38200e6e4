"""Keeping the search index in step with the directory: one search document per access
point (``api.search.document``), rewritten by every write, in the writer's transaction.

Storage (migration 0004): on SQLite the FTS5 table ``access_point_search`` (rowid =
``access_point.pk``, columns name, organization, body, themes); on PostgreSQL the table
``access_point_search`` (``access_point_pk``, ``document`` tsvector with a GIN index), the
four columns told apart by the weight labels A-D, each passed through ``unaccent``. Both
receive words already normalised in Python, so that both engines index the same words.

Who calls what: ``save_access_point`` (every access point write: API, restore, seed,
imports) calls ``index_access_points`` with the row's pk; an organization rename (API or
seed) calls ``index_organization``. Rows written by raw SQL (the benchmark's generator) need
``rebuild_search_index``; a change of what a document holds (``THEME_LABELS``,
``build_document``) needs a migration that calls it.
"""

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlmodel import Session

from api.models.common import THEME_LABELS, Theme
from api.search.document import SearchDocument, build_document

# Lightweight tables: the migration runs this code against the schema of its own revision.
_ACCESS_POINT = sa.table(
    "access_point",
    sa.column("pk", sa.Integer),
    sa.column("organization_id", sa.String),
    sa.column("name_fr", sa.String),
    sa.column("name_nl", sa.String),
    sa.column("name_en", sa.String),
    sa.column("description", sa.String),
    sa.column("host", sa.String),
    sa.column("themes", sa.JSON),
)
_ORGANIZATION = sa.table(
    "organization", sa.column("id", sa.String), sa.column("name"), sa.column("name_nl")
)
_ROWS = sa.select(
    _ACCESS_POINT.c.pk,
    _ACCESS_POINT.c.name_fr,
    _ACCESS_POINT.c.name_nl,
    _ACCESS_POINT.c.name_en,
    _ACCESS_POINT.c.description,
    _ACCESS_POINT.c.host,
    _ACCESS_POINT.c.themes,
    _ORGANIZATION.c.name.label("organization_name"),
    _ORGANIZATION.c.name_nl.label("organization_name_nl"),
).select_from(
    _ACCESS_POINT.outerjoin(_ORGANIZATION, _ORGANIZATION.c.id == _ACCESS_POINT.c.organization_id)
)
_BATCH = 1000

_SQLITE_DELETE = sa.text("DELETE FROM access_point_search WHERE rowid = :pk")
_SQLITE_INSERT = sa.text(
    "INSERT INTO access_point_search (rowid, name, organization, body, themes) "
    "VALUES (:pk, :name, :organization, :body, :themes)"
)
# unaccent (contrib, migration 0004) is PostgreSQL's own accent folding: the words arrive
# normalised already, so it changes nothing for them, as FTS5's remove_diacritics on SQLite.
_POSTGRESQL_UPSERT = sa.text(
    "INSERT INTO access_point_search (access_point_pk, document) VALUES (:pk, "
    "setweight(to_tsvector('simple', unaccent(CAST(:name AS text))), 'A') || "
    "setweight(to_tsvector('simple', unaccent(CAST(:organization AS text))), 'B') || "
    "setweight(to_tsvector('simple', unaccent(CAST(:body AS text))), 'C') || "
    "setweight(to_tsvector('simple', unaccent(CAST(:themes AS text))), 'D')) "
    "ON CONFLICT (access_point_pk) DO UPDATE SET document = EXCLUDED.document"
)


def theme_labels(themes: Iterable[str]) -> list[str]:
    """The labels (fr, nl, en) of ``themes`` (theme ids; unknown ones are skipped)."""
    known = {t.value for t in Theme}
    return [label for t in themes if t in known for label in THEME_LABELS[Theme(t)].values()]


def _document(row: Any, organization_names: tuple[str | None, str | None] | None) -> SearchDocument:
    org_names = organization_names or (row.organization_name, row.organization_name_nl)
    return build_document(
        names=(row.name_fr, row.name_nl, row.name_en),
        organization_names=org_names,
        texts=(row.description, row.host),
        theme_labels=theme_labels(row.themes or []),
    )


def _write(
    connection: Connection, documents: list[tuple[int, SearchDocument]], *, fresh: bool
) -> None:
    params = [
        {
            "pk": pk,
            "name": d.name,
            "organization": d.organization,
            "body": d.body,
            "themes": d.themes,
        }
        for pk, d in documents
    ]
    if connection.dialect.name == "postgresql":
        connection.execute(_POSTGRESQL_UPSERT, params)
        return
    if not fresh:
        connection.execute(_SQLITE_DELETE, [{"pk": p["pk"]} for p in params])
    connection.execute(_SQLITE_INSERT, params)


def _index(
    connection: Connection,
    statement: sa.Select,
    organization_names: tuple[str | None, str | None] | None = None,
    *,
    fresh: bool = False,
) -> int:
    """Write the documents of ``statement``'s rows, ``_BATCH`` at a time in pk order (keyset,
    so that a rebuild of a large table never holds it all in memory)."""
    count = 0
    after = 0
    while True:
        batch = connection.execute(
            statement.where(_ACCESS_POINT.c.pk > after).order_by(_ACCESS_POINT.c.pk).limit(_BATCH)
        ).all()
        if not batch:
            return count
        documents = [(row.pk, _document(row, organization_names)) for row in batch]
        _write(connection, documents, fresh=fresh)
        count += len(batch)
        after = batch[-1].pk


def index_access_points(*, session: Session, pks: Iterable[int]) -> int:
    """Rewrite the search documents of the access points ``pks`` from their rows as the
    session sees them (flushed) and their organization's names. Does not commit. Returns
    how many were written."""
    wanted = sorted(set(pks))
    if not wanted:
        return 0
    statement = _ROWS.where(_ACCESS_POINT.c.pk.in_(wanted))
    return _index(session.connection(), statement)


def index_organization(
    *, session: Session, organization_id: str, name: str, name_nl: str | None
) -> int:
    """Rewrite the search documents of every access point of ``organization_id`` with the
    organization's new ``name`` and ``name_nl`` (called before the rename is flushed). Does
    not commit. Returns how many were written."""
    statement = _ROWS.where(_ACCESS_POINT.c.organization_id == organization_id)
    return _index(session.connection(), statement, (name, name_nl))


def rebuild_search_index(*, connection: Connection) -> int:
    """Rewrite the search document of every access point (migrations, rows inserted by raw
    SQL). Does not commit. Returns how many were written."""
    connection.execute(sa.text("DELETE FROM access_point_search"))
    return _index(connection, _ROWS, fresh=True)
