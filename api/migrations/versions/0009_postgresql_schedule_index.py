"""PostgreSQL schedule index: the sparse nearest search (a Sunday night) on PostgreSQL too.

SQLite has, since 0001, a second R*Tree over (schedule id, lat, lon) so that a search at an
hour when few places are open asks for the places whose schedule is open instead of reading
every row within 25 km. This is PostgreSQL's equivalent:

- ``access_point_schedule`` (id, opening_hours): the distinct ``opening_hours`` values, as on
  SQLite, kept by a trigger on every insert and change of hours (never emptied: a value no
  place uses any more finds no place);
- a GiST index over (``access_point_schedule_key(opening_hours)``, ``ll_to_earth(lat, lon)``)
  (``btree_gist`` for the integer, ``earthdistance`` for the place): one index probe per open
  schedule reads only the places with that schedule within the radius. The key is the first
  32 bits of the value's MD5 (``''`` for none), deterministic across servers and versions;
  two values sharing a key only make a probe return rows the search checks and drops.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """CREATE FUNCTION access_point_schedule_key(opening_hours text) RETURNS integer
       LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT ('x' || substr(md5(coalesce(opening_hours, '')), 1, 8))::bit(32)::integer $$""",
    """CREATE TABLE access_point_schedule (
         id serial PRIMARY KEY,
         opening_hours text NOT NULL UNIQUE
       )""",
    """INSERT INTO access_point_schedule (opening_hours)
       SELECT DISTINCT opening_hours FROM access_point
       WHERE opening_hours IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL
       ORDER BY opening_hours""",
    """CREATE FUNCTION access_point_schedule_add() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO access_point_schedule (opening_hours) VALUES (NEW.opening_hours)
           ON CONFLICT (opening_hours) DO NOTHING;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER access_point_schedule_add
       AFTER INSERT OR UPDATE OF opening_hours, lat, lon ON access_point
       FOR EACH ROW
       WHEN (NEW.opening_hours IS NOT NULL AND NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL)
       EXECUTE FUNCTION access_point_schedule_add()""",
    """CREATE INDEX ix_access_point_schedule_earth ON access_point
       USING gist (access_point_schedule_key(opening_hours), ll_to_earth(lat, lon))""",
]


def upgrade() -> None:
    """Create the schedule table, its trigger and the index (PostgreSQL only)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    """Drop them again (btree_gist stays: extensions may serve others)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_access_point_schedule_earth")
    op.execute("DROP TRIGGER IF EXISTS access_point_schedule_add ON access_point")
    op.execute("DROP FUNCTION IF EXISTS access_point_schedule_add()")
    op.execute("DROP TABLE IF EXISTS access_point_schedule")
    op.execute("DROP FUNCTION IF EXISTS access_point_schedule_key(text)")
