"""The bot's SQLite write-ahead log is copied back by a thread of its own, not inside an answer's commit."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import text

from store import migrate
from store.db import Checkpoints, make_engine


def _write(engine, count: int, first: int = 0) -> None:
    for number in range(first, first + count):
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO processed_update (update_id, processed_at) "
                                    "VALUES (:n, '2027-07-01 10:00:00')"), {"n": number})


def _frames_in_log(engine) -> int:
    connection = engine.raw_connection()
    try:
        _, frames, _ = connection.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        return frames
    finally:
        connection.close()


@pytest.fixture
def engine(tmp_path):
    url = f"sqlite:///{tmp_path / 'guide.db'}"
    migrate.upgrade(url)
    engine = make_engine(url, background_checkpoints=True)
    yield engine
    engine.dispose()


def test_without_the_thread_no_commit_copies_the_log_back(engine):
    _write(engine, 1200)
    assert _frames_in_log(engine) > 1000  # SQLite's own checkpoint, at 1,000 pages, is off


def test_the_thread_copies_the_log_back_while_answers_are_written(engine):
    checkpoints = Checkpoints(engine, interval=0.05)
    try:
        _write(engine, 1200)
        time.sleep(0.3)
        _write(engine, 1, first=5000)  # the first write after a complete checkpoint starts the log again from its beginning
        assert _frames_in_log(engine) < 50
    finally:
        checkpoints.close()
