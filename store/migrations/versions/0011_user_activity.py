"""When each user was last active, and when they were warned that inactivity will erase them.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, not batch mode: on SQLite, batch mode copies "user" and drops the original, and with foreign
# keys on that drop deletes every membership and reminder (ON DELETE CASCADE). SQLite adds and (3.35+) drops a
# column in place.


def upgrade() -> None:
    op.add_column("user", sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("user", sa.Column("inactivity_warned_at", sa.DateTime(timezone=True), nullable=True))
    # Users of before: last seen when they last changed a project of theirs, else when they arrived.
    op.execute('UPDATE "user" SET last_seen_at = COALESCE((SELECT MAX(p.updated_at) FROM project p '
               'JOIN membership m ON m.project_id = p.id WHERE m.user_id = "user".id), created_at)')


def downgrade() -> None:
    op.execute('ALTER TABLE "user" DROP COLUMN inactivity_warned_at')
    op.execute('ALTER TABLE "user" DROP COLUMN last_seen_at')
