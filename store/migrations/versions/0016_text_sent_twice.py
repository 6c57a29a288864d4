"""A member's last text answering a question is remembered (a digest of it, its Telegram date, the question), so
that the same text sent again at once is recognised as sent twice, not taken for the next question's answer.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("membership") as batch:
        batch.add_column(sa.Column("last_text_digest", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("last_text_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("last_text_question", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("membership") as batch:
        batch.drop_column("last_text_question")
        batch.drop_column("last_text_at")
        batch.drop_column("last_text_digest")
