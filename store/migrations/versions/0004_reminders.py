"""Reminders, steering committees held, reminder settings and inactive recipients.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "committee_meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name=op.f("fk_committee_meeting_project_id_project"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"],
                                name=op.f("fk_committee_meeting_user_id_user"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_meeting")),
    )
    op.create_index(op.f("ix_committee_meeting_project_id"), "committee_meeting", ["project_id"], unique=False)
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("recurrence", sa.String(length=10), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=60), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name=op.f("fk_reminder_project_id_project"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_reminder_user_id_user"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
    )
    op.create_index("ix_reminder_status_due", "reminder", ["status", "due_at"], unique=False)
    op.create_index("ix_reminder_project_user", "reminder", ["project_id", "user_id"], unique=False)
    with op.batch_alter_table("membership") as batch:
        batch.add_column(sa.Column("reminder_settings", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("awaiting", sa.String(length=30), nullable=True))
    with op.batch_alter_table("user") as batch:
        batch.add_column(sa.Column("inactive_since", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user") as batch:
        batch.drop_column("inactive_since")
    with op.batch_alter_table("membership") as batch:
        batch.drop_column("awaiting")
        batch.drop_column("reminder_settings")
    op.drop_index("ix_reminder_project_user", table_name="reminder")
    op.drop_index("ix_reminder_status_due", table_name="reminder")
    op.drop_table("reminder")
    op.drop_index(op.f("ix_committee_meeting_project_id"), table_name="committee_meeting")
    op.drop_table("committee_meeting")
