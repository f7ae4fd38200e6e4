"""Text search: the search index of the access points, filled from the existing rows.

SQLite: an FTS5 table, ``access_point_search`` (rowid = ``access_point.pk``; columns name,
organization, body, themes), and a trigger that drops a document with its row. PostgreSQL:
the table ``access_point_search`` (``access_point_pk``, ``document`` tsvector, weights A-D
for the four columns) with a GIN index. The documents are written by the application
(``api.services.search_index``): words normalised in Python (case, accents), the same on
both engines. FTS5's ``remove_diacritics`` and PostgreSQL's ``unaccent`` (contrib, applied
to every column of the document) are the engines' own accent folding, kept as a second line
for text that did not go through that normalisation.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from collections.abc import Sequence

from alembic import op

from api.services.search_index import rebuild_search_index

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE = [
    """CREATE VIRTUAL TABLE access_point_search USING fts5(
         name, organization, body, themes, tokenize = 'unicode61 remove_diacritics 2'
       )""",
    # Access points are never deleted by the application; a row deleted by hand takes its
    # document with it (PostgreSQL: the foreign key's ON DELETE CASCADE).
    """CREATE TRIGGER access_point_search_delete AFTER DELETE ON access_point
       BEGIN
         DELETE FROM access_point_search WHERE rowid = OLD.pk;
       END""",
]
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """CREATE TABLE access_point_search (
         access_point_pk integer PRIMARY KEY REFERENCES access_point (pk) ON DELETE CASCADE,
         document tsvector NOT NULL
       )""",
    # fastupdate off: writes are few, and a GIN pending list left by a bulk write (a rebuild,
    # an import) is read in full by every search until VACUUM merges it (100 ms instead of
    # 0.2 at 100 000 access points).
    """CREATE INDEX ix_access_point_search_document ON access_point_search
       USING gin (document) WITH (fastupdate = off)""",
]


def upgrade() -> None:
    """Create the index and write a document for every access point already there."""
    bind = op.get_bind()
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(bind.dialect.name)
    if statements is None:
        return
    for statement in statements:
        op.execute(statement)
    rebuild_search_index(connection=bind)


def downgrade() -> None:
    """Drop the index."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS access_point_search_delete")
    op.execute("DROP TABLE IF EXISTS access_point_search")
