"""The change sequence that tells every worker process its in-memory index is stale.

One row (``change_sequence``: id 1, value) advanced by triggers on every insert, update or
delete of ``access_point``, ``organization`` and ``closure``: the tables whose rows decide
what ``nearest`` answers. Triggers rather than calls in the services, so that every write
path (API, editing pages, imports, seed, restores, verification, plain SQL) advances it, in
the writing transaction (a rollback takes it back too). PostgreSQL advances it once per
statement, SQLite once per row (it has no statement triggers).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("access_point", "organization", "closure")
ADVANCE = "UPDATE change_sequence SET value = value + 1 WHERE id = 1"


def upgrade() -> None:
    """Create the counter, its row and the triggers that advance it."""
    op.create_table(
        "change_sequence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("value", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.execute("INSERT INTO change_sequence (id, value) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""CREATE FUNCTION guichets_advance_change_sequence() RETURNS trigger
                LANGUAGE plpgsql AS $$ BEGIN {ADVANCE}; RETURN NULL; END $$"""
        )
        for table in TABLES:
            op.execute(
                f"""CREATE TRIGGER {table}_change_sequence
                    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION guichets_advance_change_sequence()"""
            )
        return
    for table in TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"""CREATE TRIGGER {table}_change_sequence_{event.lower()}
                    AFTER {event} ON {table} BEGIN {ADVANCE}; END"""
            )


def downgrade() -> None:
    """Remove the triggers, the function (PostgreSQL) and the counter."""
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_change_sequence ON {table}")
        op.execute("DROP FUNCTION IF EXISTS guichets_advance_change_sequence()")
    else:
        for table in TABLES:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_change_sequence_{event}")
    op.drop_table("change_sequence")
