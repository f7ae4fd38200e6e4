"""Editing: API keys, versions (ETags), the change history, Dutch closure reasons.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from api.models.types import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the editing tables and columns."""
    with op.batch_alter_table("access_point") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("organization") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(
            sa.Column("status", sa.String(20), nullable=False, server_default="active")
        )
    with op.batch_alter_table("closure") as batch:
        batch.add_column(sa.Column("reason_nl", sa.String(300), nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("cancelled_at", UTCDateTime(), nullable=True))
    op.create_table(
        "api_key",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column(
            "organization_id", sa.String(120), sa.ForeignKey("organization.id"), nullable=True
        ),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(12), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
    )
    op.create_table(
        "change",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("resource", sa.String(20), nullable=False),
        sa.Column("resource_id", sa.String(120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.Column("changed_by", sa.String(120), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.UniqueConstraint("resource", "resource_id", "version", name="change_one_per_version"),
    )
    op.create_index("ix_change_resource", "change", ["resource", "resource_id", "version"])


def downgrade() -> None:
    """Remove them."""
    op.drop_table("change")
    op.drop_table("api_key")
    with op.batch_alter_table("closure") as batch:
        batch.drop_column("cancelled_at")
        batch.drop_column("version")
        batch.drop_column("reason_nl")
    with op.batch_alter_table("organization") as batch:
        batch.drop_column("status")
        batch.drop_column("version")
    with op.batch_alter_table("access_point") as batch:
        batch.drop_column("version")
