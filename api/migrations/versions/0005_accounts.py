"""People's accounts (editors, workers, admins) and their organizations.

The history's ``changed_by`` is widened: a person is recorded as "Name <e-mail>" (up to
120 + 254 characters), unambiguous where a name alone is not.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from api.models.types import UTCDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create ``account`` and ``account_organization``; widen ``change.changed_by``."""
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("language", sa.String(2), nullable=False, server_default="fr"),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("disabled_at", UTCDateTime(), nullable=True),
        sa.Column("last_login_at", UTCDateTime(), nullable=True),
    )
    op.create_table(
        "account_organization",
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("account.id"), primary_key=True),
        sa.Column(
            "organization_id",
            sa.String(120),
            sa.ForeignKey("organization.id"),
            primary_key=True,
        ),
    )
    with op.batch_alter_table("change") as batch:
        batch.alter_column(
            "changed_by", existing_type=sa.String(120), type_=sa.String(400), nullable=False
        )


def downgrade() -> None:
    """Drop the account tables; ``changed_by`` back to 120 characters (longer names cut)."""
    op.execute("UPDATE change SET changed_by = substr(changed_by, 1, 120)")
    with op.batch_alter_table("change") as batch:
        batch.alter_column(
            "changed_by", existing_type=sa.String(400), type_=sa.String(120), nullable=False
        )
    op.drop_table("account_organization")
    op.drop_table("account")
