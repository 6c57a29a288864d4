"""Teams: invitations by link, a partner's organisation and confirmation, and what members hear of each other.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain ALTER TABLE on membership, as in 0011: batch mode would copy and drop the table.


def upgrade() -> None:
    op.add_column("membership", sa.Column("partner", sa.String(90), nullable=True))
    op.add_column("membership", sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))
    # Projects of before had one member, who created them: their owner (porteur).
    op.execute("UPDATE membership SET role = 'owner' WHERE role IS NULL OR role NOT IN "
               "('owner', 'contributor', 'partner', 'reader')")
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("partner", sa.String(90), nullable=True),
        sa.Column("invited_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.BigInteger(), nullable=True),
        sa.Column("used_by", sa.BigInteger(), nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name="fk_invitation_project_id_project",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["invited_by"], ["user.id"], name="fk_invitation_invited_by_user",
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["opened_by"], ["user.id"], name="fk_invitation_opened_by_user",
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["used_by"], ["user.id"], name="fk_invitation_used_by_user", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_invitation"),
    )
    op.create_index("ix_invitation_project_id", "invitation", ["project_id"])
    op.create_index("ix_invitation_token_hash", "invitation", ["token_hash"], unique=True)
    op.create_table(
        "team_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name="fk_team_event_project_id_project",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name="fk_team_event_user_id_user", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_team_event"),
    )
    op.create_index("ix_team_event_project_created", "team_event", ["project_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_team_event_project_created", table_name="team_event")
    op.drop_table("team_event")
    op.drop_index("ix_invitation_token_hash", table_name="invitation")
    op.drop_index("ix_invitation_project_id", table_name="invitation")
    op.drop_table("invitation")
    # Members invited with another role would become owners if kept: going back to one-member projects, they go.
    op.execute("DELETE FROM membership WHERE role <> 'owner'")
    op.execute("ALTER TABLE membership DROP COLUMN confirmed_at")
    op.execute("ALTER TABLE membership DROP COLUMN partner")
