"""A reminder's send is recorded as started before Telegram is called.

A claimed reminder with send_started_at set and no outcome is one whose send began and whose result was never
recorded (the dispatcher died during the call): the only reminder of its chat that can be sent a second time.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reminder") as batch:
        batch.add_column(sa.Column("send_started_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reminder") as batch:
        batch.drop_column("send_started_at")
