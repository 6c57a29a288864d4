"""The migrations build exactly the models' schema, and go down and up again cleanly."""
from __future__ import annotations

import logging
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text

from store import migrate
from store.db import normalise_url
from store.models import Base, Reminder
from store.reminders import ReminderStore

APP_TABLES = {"user", "project", "membership", "answer", "processed_update", "checklist_mark", "budget_line",
              "committee_meeting", "reminder", "received_update", "outgoing_message", "invitation",
              "team_event"}
HEAD = migrate.HEAD


def table_names(engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def schema_diff(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_models_define_the_expected_tables():
    # Guards the comparison below: an empty metadata would also compare equal to an empty database.
    assert set(Base.metadata.tables) == APP_TABLES


def test_history_is_one_line_from_0001():
    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1
    assert script.get_bases() == ["0001"]


def test_the_head_the_bot_knows_is_the_newest_migration():
    # The bot compares a database's revision with it to leave Alembic unloaded when there is nothing to migrate.
    assert ScriptDirectory.from_config(migrate.alembic_config("sqlite://")).get_current_head() == migrate.HEAD


def test_empty_database_differs_from_models(engine):
    diff = schema_diff(engine)
    added = {op[1].name for op in diff if op[0] == "add_table"}
    assert added == APP_TABLES


def test_head_matches_models_exactly(database_url, engine):
    migrate.upgrade(database_url)
    assert schema_diff(engine) == []


def test_stairway_up_down_up(database_url, engine):
    assert migrate.current(database_url) is None
    migrate.upgrade(database_url)
    assert migrate.current(database_url) == HEAD
    assert table_names(engine) >= APP_TABLES

    migrate.downgrade(database_url, "base")
    assert migrate.current(database_url) is None
    assert table_names(engine) & APP_TABLES == set()

    migrate.upgrade(database_url)
    assert migrate.current(database_url) == HEAD
    assert schema_diff(engine) == []


def constraint_names(tables) -> dict[str, dict[str, set[str]]]:
    return {
        table.name: {
            "pk": {str(table.primary_key.name)},
            "fk": {str(fk.name) for fk in table.foreign_key_constraints},
            "ix": {str(index.name) for index in table.indexes},
        }
        for table in tables
    }


def test_constraint_and_index_names_match_models(database_url, engine):
    # compare_metadata matches foreign keys by their columns, not their names; batch mode
    # on SQLite needs the names, so they are checked here.
    migrate.upgrade(database_url)
    with engine.connect() as connection:
        inspector = inspect(connection)
        reflected = {
            name: {
                "pk": {inspector.get_pk_constraint(name)["name"]},
                "fk": {fk["name"] for fk in inspector.get_foreign_keys(name)},
                "ix": {index["name"] for index in inspector.get_indexes(name)},
            }
            for name in APP_TABLES
        }
    assert reflected == constraint_names(Base.metadata.tables.values())
    assert reflected["answer"]["ix"] == {"ix_answer_project_current"}
    assert reflected["user"]["fk"] == {"fk_user_active_project_id_project"}


def test_upgrade_through_a_given_connection(database_url, engine):
    config = migrate.alembic_config(database_url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert migrate.current(database_url) == HEAD
    assert schema_diff(engine) == []


def test_config_carries_the_normalised_url():
    config = migrate.alembic_config("postgres://u:p%40ss@host/db")
    assert config.get_main_option("sqlalchemy.url") == normalise_url("postgres://u:p%40ss@host/db")
    assert config.get_main_option("sqlalchemy.url").startswith("postgresql+psycopg://")
    assert config.get_main_option("script_location") == str(migrate.MIGRATIONS_DIR)


def test_offline_mode_is_refused(sqlite_url):
    with pytest.raises(RuntimeError, match="Offline"):
        command.upgrade(migrate.alembic_config(sqlite_url), "head", sql=True)


def test_upgrade_leaves_the_app_logging_alone(sqlite_url):
    app_logger = logging.getLogger("guide.test_migrations")
    root = logging.getLogger()
    before = (list(root.handlers), root.level, logging.getLogger("alembic").level)
    migrate.upgrade(sqlite_url)
    assert (list(root.handlers), root.level, logging.getLogger("alembic").level) == before
    assert app_logger.disabled is False


def test_reminders_planned_before_send_started_survive_its_migration_up_and_down(database_url, engine):
    due = datetime(2028, 5, 14, 7, 0, tzinfo=timezone.utc)
    migrate.upgrade(database_url, "0007")
    _user_project_reminder(engine)
    migrate.upgrade(database_url)
    with engine.begin() as connection:
        store = ReminderStore(connection)
        (row,) = store.claim(due, due + timedelta(minutes=5), "dispatcher", 10)
        assert (row.status, row.send_started_at) == ("claimed", None)
        assert store.start([row.id], "dispatcher", due, due + timedelta(minutes=5)) == {row.id}
    migrate.downgrade(database_url, "0007")
    with engine.connect() as connection:
        assert "send_started_at" not in {c["name"] for c in inspect(connection).get_columns("reminder")}
        assert connection.execute(select(Reminder.__table__.c.status)).scalars().all() == ["claimed"]
    migrate.upgrade(database_url)
    with engine.connect() as connection:
        assert connection.execute(select(Reminder.send_started_at)).scalars().all() == [None]


def test_instances_started_together_migrate_one_after_the_other(database_url):
    # Processes, as `python -m bot run` started several times: Alembic's context is one per process.
    command_line = [sys.executable, "-c", "import sys; from store import migrate; migrate.upgrade(sys.argv[1])",
                    database_url]
    processes = [subprocess.Popen(command_line, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    errors = [process.communicate(timeout=120)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], errors
    assert migrate.current(database_url) == HEAD


def test_users_keep_their_projects_and_reminders_through_the_activity_migration(database_url, engine):
    migrate.upgrade(database_url, "0010")
    _user_project_reminder(engine)
    migrate.upgrade(database_url)
    with engine.connect() as connection:
        # Last seen when the user's project last changed.
        assert str(connection.execute(text('SELECT last_seen_at FROM "user"')).scalar_one()).startswith("2027-03-04")
    migrate.downgrade(database_url, "0010")
    with engine.connect() as connection:
        assert "last_seen_at" not in {c["name"] for c in inspect(connection).get_columns("user")}
        # Not copied and dropped, which would have cascaded to these.
        assert connection.execute(text("SELECT count(*) FROM membership")).scalar_one() == 1
        assert connection.execute(text("SELECT count(*) FROM reminder")).scalar_one() == 1
    migrate.upgrade(database_url)
    assert migrate.current(database_url) == HEAD


def _user_project_reminder(engine) -> None:
    """A user, their project and a committee reminder, as the code of an older revision wrote them."""
    with engine.begin() as connection:
        connection.execute(text('INSERT INTO "user" (id, name, creating_project, created_at) '
                                "VALUES (1001, 'Marie', false, '2027-01-01 10:00:00')"))
        connection.execute(text("INSERT INTO project (id, name, referential, referential_version, state, revision, "
                                "created_at, updated_at) VALUES (1, 'MSAP', 'msap', '2024.1', 'welcome', 0, "
                                "'2027-01-01 10:00:00', '2027-03-04 05:06:07')"))
        connection.execute(text("INSERT INTO membership (user_id, project_id, role, created_at) "
                                "VALUES (1001, 1, 'owner', '2027-01-01 10:00:00')"))
        connection.execute(text("INSERT INTO reminder (project_id, user_id, kind, due_at, status, attempts, "
                                "created_at) VALUES (1, 1001, 'committee_30', '2028-05-14 07:00:00', 'pending', 0, "
                                "'2027-01-01 10:00:00')"))


def test_single_member_projects_become_their_owners_teams_and_come_back(database_url, engine):
    migrate.upgrade(database_url, "0011")
    _user_project_reminder(engine)
    migrate.upgrade(database_url, "0012")
    with engine.connect() as connection:
        member = connection.execute(text("SELECT user_id, role, partner, confirmed_at FROM membership")).one()
        assert tuple(member) == (1001, "owner", None, None)
        assert connection.execute(text("SELECT count(*) FROM reminder")).scalar_one() == 1
    with engine.begin() as connection:  # a team of the new revision: an invited reader and a pending link
        connection.execute(text('INSERT INTO "user" (id, name, creating_project, created_at) '
                                "VALUES (1002, 'Luc', false, '2027-01-01 10:00:00')"))
        connection.execute(text("INSERT INTO membership (user_id, project_id, role, created_at) "
                                "VALUES (1002, 1, 'reader', '2027-01-02 10:00:00')"))
        connection.execute(text("INSERT INTO invitation (project_id, token_hash, role, invited_by, created_at, "
                                "expires_at) VALUES (1, 'x', 'contributor', 1001, '2027-01-02 10:00:00', "
                                "'2027-01-09 10:00:00')"))
    migrate.downgrade(database_url, "0011")
    with engine.connect() as connection:
        # The older code gives every member every right: only the owner stays a member.
        assert connection.execute(text("SELECT user_id, role FROM membership")).all() == [(1001, "owner")]
        assert connection.execute(text("SELECT count(*) FROM reminder")).scalar_one() == 1
        assert "invitation" not in inspect(connection).get_table_names()
    migrate.upgrade(database_url)
    assert migrate.current(database_url) == HEAD
    with engine.connect() as connection:
        assert connection.execute(text("SELECT user_id, role FROM membership")).all() == [(1001, "owner")]
