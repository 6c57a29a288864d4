"""The inbox keeps every received update until it is processed, in update_id order per chat."""
from __future__ import annotations

import threading
import time
from datetime import timedelta

from sqlalchemy import func, select

from store.inbox import Inbox, StoredUpdate
from store.models import ReceivedUpdate, User, utcnow
from store.repo import Repository


def update(update_id: int, chat_id: int) -> dict:
    return {"update_id": update_id, "message": {"chat": {"id": chat_id}, "text": f"n°{update_id} « é »"}}


def test_an_update_is_stored_once(database):
    inbox = Inbox(database)
    assert inbox.receive(10, 1, update(10, 1)) is True
    assert inbox.receive(10, 1, update(10, 1)) is False
    assert inbox.pending() == [StoredUpdate(10, update(10, 1))]


def test_pending_updates_come_oldest_first_and_leave_once_processed(database):
    inbox = Inbox(database)
    for update_id, chat_id in ((12, 1), (11, 2), (10, 1), (13, 1)):
        inbox.receive(update_id, chat_id, update(update_id, chat_id))
    assert [u.update_id for u in inbox.pending()] == [10, 11, 12, 13]
    assert [u.update_id for u in inbox.pending(chat_id=1, before=13)] == [10, 12]
    with database.begin() as connection:  # the engine's claim, in the transaction of the answer
        assert Repository(connection).claim_update(10)
    inbox.mark_processed(12)
    inbox.mark_processed(12)
    assert [u.update_id for u in inbox.pending()] == [11, 13]
    assert [u.update_id for u in inbox.pending(chat_id=1)] == [13]


def test_processed_updates_are_pruned_after_the_redelivery_window(database):
    inbox = Inbox(database)
    for update_id in (1, 2, 3):
        inbox.receive(update_id, 7, update(update_id, 7))
    with database.begin() as connection:
        repo = Repository(connection)
        repo.claim_update(1, utcnow() - timedelta(days=3))
        repo.claim_update(2, utcnow())
    inbox.forget_before(utcnow() - timedelta(days=2))
    with database.connect() as connection:
        stored = connection.execute(select(ReceivedUpdate.update_id).order_by(ReceivedUpdate.update_id)).scalars()
        assert list(stored) == [2, 3]
    assert [u.update_id for u in inbox.pending()] == [3]


def test_first_contact_is_insert_or_get(database):
    """Two units of work see no user and both create it: the second gets the first's row, not a violation."""
    created = threading.Event()
    with database.begin() as first:
        Repository(first).user(42, "Inès")

        def second() -> None:
            with database.begin() as connection:  # waits for the first: SQLite at BEGIN, PostgreSQL on the key
                results.append(Repository(connection).user(42, "Inès").id)
            created.set()

        results: list[int] = []
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.2)
    thread.join(10)
    assert created.is_set() and results == [42]
    with database.connect() as connection:
        assert connection.execute(select(func.count()).select_from(User)).scalar() == 1
