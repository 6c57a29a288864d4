"""A project's team set up directly in the database, for tests about what each member gets (invitations by link
are tested through the bot in tests/bot/test_team.py)."""
from __future__ import annotations

from sqlalchemy import Connection, insert, select

from store.models import Membership, Project
from store.repo import Repository


def add_member(connection: Connection, project_id: int, user_id: int, name: str, role: str,
               partner: str | None = None, settings: dict[str, bool] | None = None) -> None:
    """`user_id` joins the project with `role`, which becomes their active project."""
    repo = Repository(connection)
    user = repo.user(user_id, name)
    connection.execute(insert(Membership).values(user_id=user_id, project_id=project_id, role=role, partner=partner,
                                                 reminder_settings=settings))
    user.active_project_id = project_id
    repo.save_user(user)


def the_project(services) -> int:
    """The id of the only project in the database."""
    with services.database.connect() as connection:
        return connection.execute(select(Project.id)).scalar_one()
