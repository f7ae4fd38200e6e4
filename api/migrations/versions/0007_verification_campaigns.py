"""Verification of entries (method, date) and verification campaigns with their tasks.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from collections.abc import Sequence

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Placeholder, filled by the work on this part."""


def downgrade() -> None:
    """Placeholder, filled by the work on this part."""
