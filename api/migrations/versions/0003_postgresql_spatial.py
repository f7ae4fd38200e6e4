"""PostgreSQL spatial index: the contrib earthdistance GiST index on ll_to_earth(lat, lon).

earthdistance (with cube) ships with PostgreSQL's contrib; PostGIS would need a separate
package on every server for what is, here, a radius search.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the extensions and the index (PostgreSQL only; SQLite has its R*Trees)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS cube")
    op.execute("CREATE EXTENSION IF NOT EXISTS earthdistance")
    op.execute(
        "CREATE INDEX ix_access_point_earth ON access_point USING gist (ll_to_earth(lat, lon))"
    )


def downgrade() -> None:
    """Drop the index (the extensions may serve others)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_access_point_earth")
