"""Data access for one unit of work: every read and write the engine makes, on one session."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from store.models import Answer, Membership, ProcessedUpdate, Project, User


@dataclass(frozen=True)
class StoredAnswer:
    status: str
    value: Any
    kind: str


class Repository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def claim_update(self, update_id: int) -> bool:
        """Record a Telegram update id; False when it was already processed."""
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = (
            insert(ProcessedUpdate).values(update_id=update_id).on_conflict_do_nothing()
            .returning(ProcessedUpdate.update_id)
        )
        # Not rowcount: SQLAlchemy reads it for an INSERT only after closing the cursor, and
        # psycopg 3 then reports -1, so every update looked already processed on PostgreSQL.
        return self.session.execute(statement).first() is not None

    def user(self, user_id: int, name: str) -> User:
        user = self.session.get(User, user_id)
        if user is None:
            user = User(id=user_id, name=name[:200], creating_project=False)
            self.session.add(user)
            self.session.flush()
        elif user.name != name[:200]:
            user.name = name[:200]
        return user

    def membership(self, user_id: int, project_id: int) -> Membership | None:
        """The user's membership of the project, the project row locked for this transaction."""
        project = self.session.execute(
            select(Project).where(Project.id == project_id).with_for_update()
        ).scalar_one_or_none()
        if project is None:
            return None
        return self.session.get(Membership, (user_id, project_id))

    def create_project(self, owner: User, name: str, referential: str, version: str, state: str) -> Membership:
        project = Project(name=name, referential=referential, referential_version=version, state=state, revision=0)
        self.session.add(project)
        self.session.flush()
        membership = Membership(user_id=owner.id, project_id=project.id, role="owner")
        self.session.add(membership)
        owner.active_project_id = project.id
        owner.creating_project = False
        self.session.flush()
        return membership

    def answers(self, project_id: int) -> dict[str, StoredAnswer]:
        rows = self.session.execute(
            select(Answer.question_id, Answer.status, Answer.value, Answer.kind)
            .where(Answer.project_id == project_id, Answer.is_current.is_(True))
        )
        return {row.question_id: StoredAnswer(row.status, row.value, row.kind) for row in rows}

    def record_answer(self, project_id: int, question_id: str, kind: str, status: str, value: Any,
                      user_id: int) -> None:
        """Add the answer; the previous one stays in the table, marked as no longer current."""
        self.session.execute(
            update(Answer)
            .where(Answer.project_id == project_id, Answer.question_id == question_id,
                   Answer.is_current.is_(True))
            .values(is_current=False)
        )
        self.session.add(Answer(project_id=project_id, question_id=question_id, kind=kind, status=status,
                                value=value, user_id=user_id, is_current=True))

    def history(self, project_id: int, question_id: str) -> list[StoredAnswer]:
        rows = self.session.execute(
            select(Answer.status, Answer.value, Answer.kind)
            .where(Answer.project_id == project_id, Answer.question_id == question_id)
            .order_by(Answer.id)
        )
        return [StoredAnswer(row.status, row.value, row.kind) for row in rows]
