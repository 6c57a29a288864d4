"""A member's last text cut at Telegram's length limit, and last button tap, kept on the membership.

Telegram apps send a text longer than 4,096 characters as several messages: the membership remembers when the
last text filled the limit and which question it answered, so the next part completes that answer. It also
remembers the last button tap that had an effect, so tapping it again does not act twice. New columns only,
all nullable: existing memberships start with nothing remembered.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("membership") as batch:
        batch.add_column(sa.Column("cut_text_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("cut_text_question", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("last_tap_message", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("last_tap_data", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("last_tap_revision", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("last_tap_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("membership") as batch:
        batch.drop_column("last_tap_at")
        batch.drop_column("last_tap_revision")
        batch.drop_column("last_tap_data")
        batch.drop_column("last_tap_message")
        batch.drop_column("cut_text_question")
        batch.drop_column("cut_text_at")
