"""Repository reads and writes, on every backend, against the migrated schema."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from store import migrate
from store.inbox import Inbox
from store.models import Answer, BudgetLine, ChecklistMark, Membership, ProcessedUpdate, Project, User, utcnow
from store.repo import MembershipRow, ProjectRow, Repository, StoredAnswer

TELEGRAM_ID = 7_000_000_001  # beyond 32 bits, as real Telegram ids can be
OTHER_ID = 7_000_000_002


@pytest.fixture
def database(database_url, engine):
    migrate.upgrade(database_url)
    return engine


def new_project(repo: Repository, user_id: int = TELEGRAM_ID, name: str = "Camille") -> int:
    _, project = repo.create_project(repo.user(user_id, name), "Maison de Lure", "msap", "2024.1", "welcome")
    return project.id


def test_claim_update_once(database):
    with database.begin() as connection:
        repo = Repository(connection)
        assert repo.claim_update(TELEGRAM_ID) is True
        assert repo.claim_update(TELEGRAM_ID) is False
        assert repo.claim_update(TELEGRAM_ID + 1) is True
    with database.begin() as connection:
        assert Repository(connection).claim_update(TELEGRAM_ID) is False


def test_user_is_created_then_renamed(database):
    with database.begin() as connection:
        created = Repository(connection).user(TELEGRAM_ID, "Camille")
        assert (created.id, created.name, created.creating_project) == (TELEGRAM_ID, "Camille", False)
    with database.begin() as connection:
        Repository(connection).user(TELEGRAM_ID, "Camille D.")
    with database.connect() as connection:
        assert connection.execute(select(User.id, User.name)).all() == [(TELEGRAM_ID, "Camille D.")]


def test_user_name_is_cut_to_the_column_size(database):
    with database.begin() as connection:
        Repository(connection).user(TELEGRAM_ID, "x" * 250)
    with database.connect() as connection:
        assert len(connection.scalar(select(User.name))) == 200


def test_create_project_makes_the_owner_member(database):
    with database.begin() as connection:
        project_id = new_project(Repository(connection))
    with database.begin() as connection:
        repo = Repository(connection)
        membership, project = repo.membership(TELEGRAM_ID, project_id)
        assert membership == MembershipRow(TELEGRAM_ID, project_id, "owner", None, None, None, None)
        assert project == ProjectRow(project_id, "Maison de Lure", None, "msap", "2024.1", "welcome", 0)
        owner = repo.user(TELEGRAM_ID, "Camille")
        assert owner.active_project_id == project_id and owner.creating_project is False


def test_saved_rows_come_back(database):
    with database.begin() as connection:
        repo = Repository(connection)
        project_id = new_project(repo)
        membership, project = repo.membership(TELEGRAM_ID, project_id)
        project.territory, project.state, project.revision = "Haute-Saône", "partenaires", 7
        membership.focus_question, membership.draft_question = "objectifs", "enjeux"
        membership.draft_choices = ["cohesion_sociale"]
        # Times come back in UTC on every backend (SQLite stores them naive).
        membership.cut_text_at, membership.cut_text_question = utcnow().replace(microsecond=0), "objectifs"
        membership.last_tap_message, membership.last_tap_data = TELEGRAM_ID, "1:7:o:0"
        membership.last_tap_revision, membership.last_tap_at = 8, utcnow()
        repo.save_project(project)
        repo.save_membership(membership)
    with database.begin() as connection:
        assert Repository(connection).membership(TELEGRAM_ID, project_id) == (membership, project)


def test_membership_of_unknown_project_is_none(database):
    with database.begin() as connection:
        repo = Repository(connection)
        repo.user(TELEGRAM_ID, "Camille")
        assert repo.membership(TELEGRAM_ID, 12345) is None


def test_a_user_reaches_only_their_own_projects(database):
    with database.begin() as connection:
        repo = Repository(connection)
        mine = new_project(repo, TELEGRAM_ID, "Camille")
        theirs = new_project(repo, OTHER_ID, "Dominique")
    assert mine != theirs
    with database.begin() as connection:
        repo = Repository(connection)
        assert repo.membership(TELEGRAM_ID, mine) is not None
        assert repo.membership(TELEGRAM_ID, theirs) is None
        assert repo.membership(OTHER_ID, mine) is None
        assert repo.membership(OTHER_ID, theirs) is not None


def test_record_answer_keeps_history_and_one_current(database):
    with database.begin() as connection:
        project_id = new_project(Repository(connection))
    with database.begin() as connection:
        Repository(connection).record_answer(project_id, "q_name", "text", "answered", "Lure", TELEGRAM_ID)
    with database.begin() as connection:
        repo = Repository(connection)
        repo.record_answer(project_id, "q_name", "text", "answered", "Lure-Nord", TELEGRAM_ID)
        repo.record_answer(project_id, "q_services", "choices", "answered", ["caf", "cpam"], TELEGRAM_ID)

    with database.connect() as connection:
        repo = Repository(connection)
        assert repo.history(project_id, "q_name") == [
            StoredAnswer("answered", "Lure", "text"),
            StoredAnswer("answered", "Lure-Nord", "text"),
        ]
        assert repo.answers(project_id) == {
            "q_name": StoredAnswer("answered", "Lure-Nord", "text"),
            "q_services": StoredAnswer("answered", ["caf", "cpam"], "choices"),
        }
        current = connection.scalars(select(Answer.is_current).where(Answer.question_id == "q_name")
                                     .order_by(Answer.id)).all()
        assert current == [False, True]


def test_record_answer_keeps_the_step_where_it_was_confirmed(database):
    with database.begin() as connection:
        repo = Repository(connection)
        project_id = new_project(repo)
        repo.record_answer(project_id, "tech_espaces", "multi_choice", "answered", ["point_accueil"], TELEGRAM_ID)
        # Recalled in a later step and confirmed there: the same value, a new row naming that step.
        repo.record_answer(project_id, "tech_espaces", "multi_choice", "answered", ["point_accueil"], TELEGRAM_ID,
                           step_id="labellisation_locaux")
        repo.record_answer(project_id, "q_name", "text", "answered", "Lure", TELEGRAM_ID, None)
    with database.connect() as connection:
        repo = Repository(connection)
        assert repo.answers(project_id) == {
            "tech_espaces": StoredAnswer("answered", ["point_accueil"], "multi_choice", "labellisation_locaux"),
            "q_name": StoredAnswer("answered", "Lure", "text", None),
        }
        assert repo.history(project_id, "tech_espaces") == [
            StoredAnswer("answered", ["point_accueil"], "multi_choice"),
            StoredAnswer("answered", ["point_accueil"], "multi_choice", step="labellisation_locaux"),
        ]
        assert connection.scalars(select(Answer.step_id).order_by(Answer.id)).all() == [
            None, "labellisation_locaux", None]


def test_each_answer_keeps_its_author_and_when(database):
    with database.begin() as connection:
        repo = Repository(connection, clock=lambda: datetime(2027, 3, 3, 9, tzinfo=timezone.utc))
        project_id = new_project(repo)
        repo.record_answer(project_id, "q_name", "text", "answered", "Lure", TELEGRAM_ID)
    with database.connect() as connection:
        stored = Repository(connection).answers(project_id)["q_name"]
    assert (stored.author_id, stored.at) == (TELEGRAM_ID, datetime(2027, 3, 3, 9, tzinfo=timezone.utc))
    assert stored.author == "Camille"


def test_answers_are_per_project(database):
    with database.begin() as connection:
        repo = Repository(connection)
        first = new_project(repo)
        second = new_project(repo)
        repo.record_answer(first, "q_name", "text", "answered", "Lure", TELEGRAM_ID)
        repo.record_answer(second, "q_name", "text", "skipped", None, TELEGRAM_ID)
    with database.connect() as connection:
        repo = Repository(connection)
        assert repo.answers(first) == {"q_name": StoredAnswer("answered", "Lure", "text")}
        assert repo.answers(second) == {"q_name": StoredAnswer("skipped", None, "text")}
        assert repo.history(first, "q_name") == [StoredAnswer("answered", "Lure", "text")]


def test_deleting_a_project_cascades_to_members_and_answers(database):
    with database.begin() as connection:
        repo = Repository(connection)
        project_id = new_project(repo)
        repo.record_answer(project_id, "q_name", "text", "answered", "Lure", TELEGRAM_ID)
    with database.begin() as connection:
        connection.execute(Project.__table__.delete().where(Project.id == project_id))
    with database.connect() as connection:
        assert connection.execute(select(Membership.user_id)).all() == []
        assert connection.execute(select(Answer.id)).all() == []
        assert connection.scalar(select(User.active_project_id)) is None


def test_old_update_ids_are_forgotten(database):
    with database.begin() as connection:
        repo = Repository(connection)
        assert repo.claim_update(1) and repo.claim_update(2)
        connection.execute(ProcessedUpdate.__table__.update().where(ProcessedUpdate.update_id == 1)
                           .values(processed_at=utcnow() - timedelta(days=3)))
    Inbox(database).forget_before(utcnow() - timedelta(days=2))
    with database.begin() as connection:
        repo = Repository(connection)
        assert repo.claim_update(1) is True
        assert repo.claim_update(2) is False


def test_checklist_marks_keep_history_and_the_latest_wins(database):
    with database.begin() as connection:
        repo = Repository(connection)
        project_id = new_project(repo)
        repo.mark_checklist(project_id, "visiter_maisons", True, TELEGRAM_ID)
        repo.mark_checklist(project_id, "visiter_maisons", False, TELEGRAM_ID)
        repo.mark_checklist(project_id, "inauguration", True, TELEGRAM_ID)
    with database.connect() as connection:
        assert Repository(connection).checklist_marks(project_id) == {"visiter_maisons": False,
                                                                      "inauguration": True}
        assert len(connection.execute(select(ChecklistMark.id)).all()) == 3


def test_budget_lines_are_added_changed_and_removed_with_history(database):
    with database.begin() as connection:
        repo = Repository(connection)
        project_id = new_project(repo)
        rent = repo.add_budget_line(project_id, TELEGRAM_ID, "charge", "loyer_hebergement", "Loyer", 600_000,
                                    "fonctionnement")
        wages = repo.add_budget_line(project_id, TELEGRAM_ID, "charge", "salaires", "Salaires", 4_000_000,
                                     "fonctionnement")
        assert (rent, wages) == (1, 2)
    with database.begin() as connection:
        repo = Repository(connection)
        first, second = repo.budget_lines(project_id)
        repo.change_budget_line(project_id, TELEGRAM_ID, first, cents=0)
        repo.change_budget_line(project_id, TELEGRAM_ID, second, label="Salaires et charges")
        repo.change_budget_line(project_id, TELEGRAM_ID, repo.budget_lines(project_id)[0], removed=True)
    with database.connect() as connection:
        repo = Repository(connection)
        assert [(line.key, line.label, line.cents) for line in repo.budget_lines(project_id)] == [
            (2, "Salaires et charges", 4_000_000)]
        assert len(connection.execute(select(BudgetLine.id)).all()) == 5
        assert repo.add_budget_line(project_id, TELEGRAM_ID, "resource", "commune", "Commune", 1, "fonctionnement") == 3
