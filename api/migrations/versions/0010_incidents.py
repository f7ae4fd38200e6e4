"""Incident reports ("fiches incident") from front-desk workers.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from api.models.types import UTCDateTime

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXED = (
    "occurred_on",
    "access_point_id",
    "organization_id",
    "residence_nis_code",
    "reporter",
    "created_at",
)


def upgrade() -> None:
    """Create ``incident``; an incident outlives the directory entry it names (SET NULL)."""
    op.create_table(
        "incident",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column(
            "access_point_id",
            sa.String(120),
            sa.ForeignKey("access_point.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column(
            "organization_id",
            sa.String(120),
            sa.ForeignKey("organization.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("other_service_name", sa.String(200), nullable=True),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("residence_nis_code", sa.String(5), nullable=True),
        sa.Column("theme", sa.String(40), nullable=True),
        sa.Column("kinds", sa.JSON(), nullable=False),
        sa.Column("wait_minutes", sa.Integer(), nullable=True),
        sa.Column("delay_days", sa.Integer(), nullable=True),
        sa.Column("consequences", sa.JSON(), nullable=False),
        sa.Column("worker_minutes", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(1000), nullable=True),
        sa.Column("text_removed_at", UTCDateTime(), nullable=True),
        sa.Column("reporter", sa.String(40), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    for column in _INDEXED:
        op.create_index(f"ix_incident_{column}", "incident", [column])


def downgrade() -> None:
    """Drop ``incident`` and its indexes."""
    for column in _INDEXED:
        op.drop_index(f"ix_incident_{column}", table_name="incident")
    op.drop_table("incident")
