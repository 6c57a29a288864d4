"""One action, one checklist item: the hand marks of a dropped duplicate item carry over to the item kept.

Stage 2 of the guide listed "Organiser des rencontres bilatérales" a second time (part_todo_rencontres), with
another proof than stage 1's item (diag_rencontres_bilaterales): the same action could show two states. The
duplicate is gone from the guide; a project's current hand tick on it becomes the kept item's, with its time,
unless the kept item has a mark of its own (an untick carries nothing: it is the state of an unmarked item).
Marks are append-only: the old row stays, as history. Running it again changes nothing. Self-contained: no
import of dialogs/ or of the app's models.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

mark = sa.table(
    "checklist_mark",
    sa.column("id", sa.Integer),
    sa.column("project_id", sa.Integer),
    sa.column("item_id", sa.String),
    sa.column("done", sa.Boolean),
    sa.column("user_id", sa.BigInteger),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("is_current", sa.Boolean),
)

# Dropped item -> the item that now stands for the action.
MERGES = {"part_todo_rencontres": "diag_rencontres_bilaterales"}


def upgrade() -> None:
    connection = op.get_bind()
    old, kept = mark.alias("old"), mark.alias("kept")
    for dropped, target in MERGES.items():
        has_own = (sa.select(kept.c.id)
                   .where(kept.c.project_id == old.c.project_id, kept.c.item_id == target, kept.c.is_current.is_(True))
                   .exists())
        rows = (sa.select(old.c.project_id, sa.literal(target, sa.String), old.c.done, old.c.user_id,
                          old.c.created_at, sa.true())
                .where(old.c.item_id == dropped, old.c.is_current.is_(True), old.c.done.is_(True), ~has_own)
                .order_by(old.c.id))
        connection.execute(mark.insert().from_select(
            ["project_id", "item_id", "done", "user_id", "created_at", "is_current"], rows))


def downgrade() -> None:
    # Nothing to undo: the carried marks are history now, like any other mark, and the dropped item's rows
    # are still there.
    pass
