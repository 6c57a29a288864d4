"""Repository reads and writes, on every backend, against the migrated schema."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from store import migrate
from store.db import make_sessions
from store.models import Answer, Membership, Project, User
from store.repo import Repository, StoredAnswer

TELEGRAM_ID = 7_000_000_001  # beyond 32 bits, as real Telegram ids can be
OTHER_ID = 7_000_000_002


@pytest.fixture
def sessions(database_url, engine):
    migrate.upgrade(database_url)
    return make_sessions(engine)


def new_project(repo: Repository, user_id: int = TELEGRAM_ID, name: str = "Camille") -> Membership:
    return repo.create_project(repo.user(user_id, name), "Maison de Lure", "msap", "2024.1", "welcome")


def test_claim_update_once(sessions):
    with sessions.begin() as session:
        repo = Repository(session)
        assert repo.claim_update(TELEGRAM_ID) is True
        assert repo.claim_update(TELEGRAM_ID) is False
        assert repo.claim_update(TELEGRAM_ID + 1) is True
    with sessions.begin() as session:
        assert Repository(session).claim_update(TELEGRAM_ID) is False


def test_user_is_created_then_renamed(sessions):
    with sessions.begin() as session:
        created = Repository(session).user(TELEGRAM_ID, "Camille")
        assert (created.id, created.name, created.creating_project) == (TELEGRAM_ID, "Camille", False)
    with sessions.begin() as session:
        Repository(session).user(TELEGRAM_ID, "Camille D.")
    with sessions() as session:
        stored = session.scalars(select(User)).all()
        assert [(user.id, user.name) for user in stored] == [(TELEGRAM_ID, "Camille D.")]


def test_user_name_is_cut_to_the_column_size(sessions):
    with sessions.begin() as session:
        Repository(session).user(TELEGRAM_ID, "x" * 250)
    with sessions() as session:
        assert len(session.get(User, TELEGRAM_ID).name) == 200


def test_create_project_makes_the_owner_member(sessions):
    with sessions.begin() as session:
        membership = new_project(Repository(session))
        project_id = membership.project_id
    with sessions.begin() as session:
        repo = Repository(session)
        found = repo.membership(TELEGRAM_ID, project_id)
        assert found is not None
        assert (found.user_id, found.project_id, found.role) == (TELEGRAM_ID, project_id, "owner")
        assert found.project.name == "Maison de Lure"
        assert found.project.revision == 0
        owner = session.get(User, TELEGRAM_ID)
        assert owner.active_project_id == project_id
        assert owner.creating_project is False


def test_membership_of_unknown_project_is_none(sessions):
    with sessions.begin() as session:
        repo = Repository(session)
        repo.user(TELEGRAM_ID, "Camille")
        assert repo.membership(TELEGRAM_ID, 12345) is None


def test_a_user_reaches_only_their_own_projects(sessions):
    with sessions.begin() as session:
        repo = Repository(session)
        mine = new_project(repo, TELEGRAM_ID, "Camille").project_id
        theirs = new_project(repo, OTHER_ID, "Dominique").project_id
    assert mine != theirs
    with sessions.begin() as session:
        repo = Repository(session)
        assert repo.membership(TELEGRAM_ID, mine) is not None
        assert repo.membership(TELEGRAM_ID, theirs) is None
        assert repo.membership(OTHER_ID, mine) is None
        assert repo.membership(OTHER_ID, theirs) is not None


def test_record_answer_keeps_history_and_one_current(sessions):
    with sessions.begin() as session:
        project_id = new_project(Repository(session)).project_id
    with sessions.begin() as session:
        Repository(session).record_answer(project_id, "q_name", "text", "answered", "Lure", TELEGRAM_ID)
    with sessions.begin() as session:
        repo = Repository(session)
        repo.record_answer(project_id, "q_name", "text", "answered", "Lure-Nord", TELEGRAM_ID)
        repo.record_answer(project_id, "q_services", "choices", "answered", ["caf", "cpam"], TELEGRAM_ID)

    with sessions() as session:
        repo = Repository(session)
        assert repo.history(project_id, "q_name") == [
            StoredAnswer("answered", "Lure", "text"),
            StoredAnswer("answered", "Lure-Nord", "text"),
        ]
        assert repo.answers(project_id) == {
            "q_name": StoredAnswer("answered", "Lure-Nord", "text"),
            "q_services": StoredAnswer("answered", ["caf", "cpam"], "choices"),
        }
        rows = session.scalars(select(Answer).where(Answer.question_id == "q_name").order_by(Answer.id)).all()
        assert [row.is_current for row in rows] == [False, True]


def test_answers_are_per_project(sessions):
    with sessions.begin() as session:
        repo = Repository(session)
        first = new_project(repo).project_id
        second = new_project(repo).project_id
        repo.record_answer(first, "q_name", "text", "answered", "Lure", TELEGRAM_ID)
        repo.record_answer(second, "q_name", "text", "skipped", None, TELEGRAM_ID)
    with sessions() as session:
        repo = Repository(session)
        assert repo.answers(first) == {"q_name": StoredAnswer("answered", "Lure", "text")}
        assert repo.answers(second) == {"q_name": StoredAnswer("skipped", None, "text")}
        assert repo.history(first, "q_name") == [StoredAnswer("answered", "Lure", "text")]


def test_deleting_a_project_cascades_to_members_and_answers(sessions):
    with sessions.begin() as session:
        repo = Repository(session)
        project_id = new_project(repo).project_id
        repo.record_answer(project_id, "q_name", "text", "answered", "Lure", TELEGRAM_ID)
    with sessions.begin() as session:
        session.execute(Project.__table__.delete().where(Project.id == project_id))
    with sessions() as session:
        assert session.scalars(select(Membership)).all() == []
        assert session.scalars(select(Answer)).all() == []
        assert session.get(User, TELEGRAM_ID).active_project_id is None
