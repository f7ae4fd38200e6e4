"""People's accounts (editors, workers, admins) and their organizations.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from collections.abc import Sequence

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Placeholder, filled by the work on this part."""


def downgrade() -> None:
    """Placeholder, filled by the work on this part."""
