"""SQLite engine set-up: pragmas on every connection, write transactions that take the lock at BEGIN."""
from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from store import migrate
from store.db import (SQLITE_BUSY_TIMEOUT_MS, SQLITE_PAGE_SIZE, make_engine, normalise_url, write_statement,
                      write_transaction)
from store.models import ProcessedUpdate

THREADS = 2
INSERTS_PER_THREAD = 50


@pytest.fixture
def sqlite_engine(sqlite_url):
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


def test_pragmas_hold_on_every_new_connection(sqlite_engine):
    for _ in range(2):
        with sqlite_engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS
        # Closing the pool makes the next round open a brand-new DBAPI connection.
        sqlite_engine.dispose()


def test_a_new_file_has_small_pages_and_an_older_one_keeps_its_own(sqlite_url, tmp_path):
    migrate.upgrade(sqlite_url)
    older = tmp_path / "older.db"
    with sqlite3.connect(older) as made_before:  # a file made by an earlier version, at SQLite's default size
        made_before.execute("PRAGMA page_size=4096")
        made_before.execute("CREATE TABLE kept (value TEXT)")
        made_before.execute("INSERT INTO kept VALUES ('réponse')")
    engine = make_engine(f"sqlite:///{older}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA page_size").scalar() == 4096
            assert connection.exec_driver_sql("SELECT value FROM kept").scalar() == "réponse"
    finally:
        engine.dispose()
    with sqlite3.connect(make_url(sqlite_url).database) as new:
        assert new.execute("PRAGMA page_size").fetchone()[0] == SQLITE_PAGE_SIZE == 1024


def test_a_transaction_holds_the_write_lock_from_its_start(sqlite_url, sqlite_engine):
    migrate.upgrade(sqlite_url)
    other = sqlite3.connect(make_url(sqlite_url).database, timeout=0, isolation_level=None)
    try:
        with sqlite_engine.begin() as connection:
            connection.execute(text("SELECT 1"))  # a deferred BEGIN would hold no write lock yet
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released at commit
        other.execute("ROLLBACK")
    finally:
        other.close()



def _processed(sqlite_url) -> list[int]:
    """The update ids stored, as another connection sees them."""
    with sqlite3.connect(make_url(sqlite_url).database) as other:
        return [row[0] for row in other.execute("SELECT update_id FROM processed_update ORDER BY update_id")]


def test_a_unit_of_work_holds_the_write_lock_and_commits_its_statements_whatever_ran_them(sqlite_url,
                                                                                           sqlite_engine):
    migrate.upgrade(sqlite_url)
    other = sqlite3.connect(make_url(sqlite_url).database, timeout=0, isolation_level=None)
    try:
        with write_transaction(sqlite_engine) as connection:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            connection.connection.driver_connection.execute("INSERT INTO processed_update VALUES (1, '2026-12-01')")
            connection.execute(insert(ProcessedUpdate).values(update_id=2))  # through SQLAlchemy, mid-way
            assert _processed(sqlite_url) == []
        assert _processed(sqlite_url) == [1, 2]
        other.execute("BEGIN IMMEDIATE")  # released at commit
        other.execute("ROLLBACK")
    finally:
        other.close()


@pytest.mark.parametrize("through_sqlalchemy", [False, True])
def test_a_failed_unit_of_work_writes_nothing_and_the_next_one_runs(sqlite_url, sqlite_engine, through_sqlalchemy):
    migrate.upgrade(sqlite_url)
    with pytest.raises(RuntimeError):
        with write_transaction(sqlite_engine) as connection:
            connection.connection.driver_connection.execute("INSERT INTO processed_update VALUES (1, '2026-12-01')")
            if through_sqlalchemy:
                connection.execute(insert(ProcessedUpdate).values(update_id=2))
            raise RuntimeError("the engine failed")
    assert _processed(sqlite_url) == []
    with write_transaction(sqlite_engine) as connection:
        connection.execute(insert(ProcessedUpdate).values(update_id=3))
    assert _processed(sqlite_url) == [3]


def test_a_single_statement_is_committed_as_it_runs(sqlite_url, sqlite_engine):
    migrate.upgrade(sqlite_url)
    with write_statement(sqlite_engine) as connection:
        connection.connection.driver_connection.execute("INSERT INTO processed_update VALUES (1, '2026-12-01')")
        assert _processed(sqlite_url) == [1]
    with write_statement(sqlite_engine) as connection:  # through SQLAlchemy: committed on leaving
        connection.execute(insert(ProcessedUpdate).values(update_id=2))
    assert _processed(sqlite_url) == [1, 2]
    with write_transaction(sqlite_engine) as connection:  # no transaction was left open on the kept connection
        connection.execute(insert(ProcessedUpdate).values(update_id=3))
    assert _processed(sqlite_url) == [1, 2, 3]

def test_foreign_keys_are_enforced(sqlite_url, sqlite_engine):
    migrate.upgrade(sqlite_url)
    with pytest.raises(IntegrityError):
        with sqlite_engine.begin() as connection:
            connection.execute(
                text("INSERT INTO membership (user_id, project_id, role, created_at) "
                     "VALUES (1, 999, 'owner', '2026-01-01')")
            )


def test_concurrent_writers_do_not_hit_database_is_locked(sqlite_url, sqlite_engine):
    migrate.upgrade(sqlite_url)
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def writer(offset: int) -> None:
        try:
            start.wait()
            for i in range(INSERTS_PER_THREAD):
                with sqlite_engine.begin() as connection:
                    # Read before writing: under a deferred BEGIN this read snapshot cannot be
                    # upgraded to a write lock once the other thread commits, and SQLite fails
                    # at once instead of waiting.
                    connection.scalar(select(func.count()).select_from(ProcessedUpdate))
                    connection.execute(insert(ProcessedUpdate).values(update_id=offset * INSERTS_PER_THREAD + i))
        except BaseException as error:  # noqa: BLE001 - reported to the main thread below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with sqlite_engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(ProcessedUpdate)) == THREADS * INSERTS_PER_THREAD


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u:p@h:5432/d", "postgresql+psycopg://u:p@h:5432/d"),
        ("postgres://u:p@h/d", "postgresql+psycopg://u:p@h/d"),
        ("postgresql+psycopg2://u:p@h/d", "postgresql+psycopg://u:p@h/d"),
        ("sqlite:///data/guide.db", "sqlite:///data/guide.db"),
        ("sqlite:////abs/guide.db", "sqlite:////abs/guide.db"),
        ("sqlite+pysqlite:///guide.db", "sqlite:///guide.db"),
    ],
)
def test_normalise_url(given, expected):
    assert normalise_url(given) == expected


@pytest.mark.parametrize("given", ["mysql://u:p@h/d", "oracle://u:p@h/d"])
def test_normalise_url_rejects_other_backends(given):
    with pytest.raises(ValueError):
        normalise_url(given)
