"""Claiming reminders with a lease: dispatchers side by side and a dead one send each reminder exactly once."""
from __future__ import annotations

import threading
from collections import Counter
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from states.reminder_queue import LEASE
from store import migrate
from store.db import make_engine
from store.models import Reminder
from store.reminders import Planned, ReminderStore
from store.repo import Repository
from tests.store.conftest import POSTGRES_ADMIN_URL

REMINDERS = 500
KILLED_BATCH = 40
BATCH = 25
KILLED_NOW = datetime(2028, 5, 14, 7, 0, tzinfo=timezone.utc)
# The live dispatchers start after the dead one's lease ran out, so they retake what it held.
LIVE_NOW = KILLED_NOW + LEASE + timedelta(seconds=1)

needs_postgres = pytest.mark.skipif(not POSTGRES_ADMIN_URL, reason="TEST_POSTGRES_URL is not set")


def seed(url: str, count: int) -> set[int]:
    """A migrated database with one member of one project and `count` reminders already due, in id order; their ids."""
    migrate.upgrade(url)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            repo = Repository(connection)
            _, project = repo.create_project(repo.user(1001, "Marie"), "MSAP", "msap", "2024.1", "welcome")
            store = ReminderStore(connection)
            for n in range(count):
                store.add(project.id, 1001, Planned("committee_30", KILLED_NOW - timedelta(minutes=count - n),
                                                   event_date=date(2028, 6, 13)))
        with engine.connect() as connection:
            return set(connection.execute(select(Reminder.id)).scalars())
    finally:
        engine.dispose()


def claim(url: str, owner: str, now: datetime, limit: int) -> list[int]:
    """One claim in its own transaction, as a dispatcher that then dies would leave it."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            return [row.id for row in ReminderStore(connection).claim(now, now + LEASE, owner, limit)]
    finally:
        engine.dispose()


def dispatch(url: str, owner: str, start: threading.Barrier, sent: list[tuple[str, int]],
             lock: threading.Lock) -> None:
    """Claim and send batch after batch, each outcome committed on its own, until nothing is left to claim."""
    engine = make_engine(url)
    try:
        start.wait()
        while True:
            with engine.begin() as connection:
                rows = ReminderStore(connection).claim(LIVE_NOW, LIVE_NOW + LEASE, owner, BATCH)
            if not rows:
                return
            for row in rows:
                with lock:
                    sent.append((owner, row.id))
                with engine.begin() as connection:
                    assert ReminderStore(connection).finish(row.id, owner, "sent", LIVE_NOW), row.id
    finally:
        engine.dispose()


def run_dispatchers(url: str, owners: list[str]) -> list[tuple[str, int]]:
    """Run one thread per owner, each with its own engine; (owner, id) of every send."""
    sent: list[tuple[str, int]] = []
    lock = threading.Lock()
    start = threading.Barrier(len(owners))
    errors: list[BaseException] = []

    def run(owner: str) -> None:
        try:
            dispatch(url, owner, start, sent, lock)
        except BaseException as error:  # re-raised below: pytest would only warn about a thread's exception
            errors.append(error)
            start.abort()

    threads = [threading.Thread(target=run, args=(owner,)) for owner in owners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a dispatcher never finished"
    if errors:
        raise errors[0]
    return sent


def statuses(url: str) -> Counter[str]:
    """How many reminders have each status."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return Counter(connection.execute(select(Reminder.status)).scalars())
    finally:
        engine.dispose()


def check_exactly_once(url: str, owners: list[str]) -> Counter[str]:
    """Seed, let a dispatcher die holding a batch, run the live ones; how many each sent."""
    ids = seed(url, REMINDERS)
    assert len(claim(url, "killed", KILLED_NOW, KILLED_BATCH)) == KILLED_BATCH
    sent = run_dispatchers(url, owners)
    times = Counter(reminder_id for _, reminder_id in sent)
    assert set(times) == ids
    assert [i for i, n in times.items() if n != 1] == []
    assert statuses(url) == {"sent": REMINDERS}
    return Counter(owner for owner, _ in sent)


@needs_postgres
def test_two_dispatchers_on_postgres_send_each_reminder_once(postgres_url):
    by_owner = check_exactly_once(postgres_url, ["live-a", "live-b"])
    # Both took part: SKIP LOCKED let them claim side by side rather than one after the other.
    assert by_owner["live-a"] > 0 and by_owner["live-b"] > 0, by_owner


@needs_postgres
def test_of_two_dispatchers_one_dies_holding_a_claim_and_the_other_sends_everything_once(postgres_url):
    ids = seed(postgres_url, REMINDERS)
    held = claim(postgres_url, "dies", KILLED_NOW, KILLED_BATCH)  # then the process is killed
    assert len(held) == KILLED_BATCH
    sent: list[int] = []
    engine = make_engine(postgres_url)
    try:
        # The survivor sends all it may take now, then, once the lease has run out, what the other held.
        for now in (KILLED_NOW, LIVE_NOW):
            while rows := _claim_batch(engine, "survives", now):
                for row in rows:
                    sent.append(row.id)
                    with engine.begin() as connection:
                        assert ReminderStore(connection).finish(row.id, "survives", "sent", now)
            if now == KILLED_NOW:
                assert set(sent) == ids - set(held)
    finally:
        engine.dispose()
    assert sorted(sent) == sorted(ids)
    assert statuses(postgres_url) == {"sent": REMINDERS}


def _claim_batch(engine, owner: str, now: datetime) -> list:
    with engine.begin() as connection:
        return ReminderStore(connection).claim(now, now + LEASE, owner, BATCH)


@needs_postgres
def test_a_claim_in_progress_is_skipped_not_waited_for(postgres_url):
    """Deterministic where the threaded test is left to chance: claims that overlap in time."""
    ids = sorted(seed(postgres_url, 30))
    first, second = make_engine(postgres_url), make_engine(postgres_url)
    try:
        with first.begin() as holding:
            held = ReminderStore(holding).claim(LIVE_NOW, LIVE_NOW + LEASE, "first", 10)
            with second.begin() as connection:
                # Waiting for the rows `first` holds would fail here instead of hanging the test.
                connection.exec_driver_sql("SET LOCAL lock_timeout = '2s'")
                other = ReminderStore(connection).claim(LIVE_NOW, LIVE_NOW + LEASE, "second", 10)
        assert [row.id for row in held] == ids[:10]
        assert [row.id for row in other] == ids[10:20]
    finally:
        first.dispose()
        second.dispose()


def test_a_dispatcher_on_sqlite_retakes_a_dead_ones_claims(sqlite_url):
    assert check_exactly_once(sqlite_url, ["live"]) == {"live": REMINDERS}


def test_a_claim_is_kept_until_its_lease_ends_then_lost(database_url):
    """Covers both backends: database_url is parametrised by tests/store/conftest.py."""
    (reminder_id,) = seed(database_url, 1)
    assert claim(database_url, "first", KILLED_NOW, 10) == [reminder_id]
    assert claim(database_url, "second", KILLED_NOW + LEASE - timedelta(seconds=1), 10) == []
    assert claim(database_url, "second", LIVE_NOW, 10) == [reminder_id]
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            store = ReminderStore(connection)
            assert store.finish(reminder_id, "first", "sent", LIVE_NOW) is False
            assert store.finish(reminder_id, "second", "sent", LIVE_NOW) is True
        with engine.connect() as connection:
            row = connection.execute(select(Reminder.status, Reminder.claimed_by, Reminder.attempts)).one()
        assert tuple(row) == ("sent", "second", 2)
    finally:
        engine.dispose()


def test_a_send_starts_only_under_a_claim_still_held_and_renews_it(database_url):
    (reminder_id,) = seed(database_url, 1)
    assert claim(database_url, "first", KILLED_NOW, 10) == [reminder_id]
    started = KILLED_NOW + timedelta(minutes=1)
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            assert ReminderStore(connection).start([reminder_id], "first", started, started + LEASE) == {reminder_id}
        # The lease runs from the start of the send, not from the claim.
        assert claim(database_url, "second", KILLED_NOW + LEASE + timedelta(seconds=1), 10) == []
        with engine.begin() as connection:
            (row,) = ReminderStore(connection).claim(started + LEASE + timedelta(seconds=1), started + 2 * LEASE,
                                                      "second", 10)
        assert row.send_started_at is not None  # the one a dead dispatcher may have sent: the only one resent
        with engine.begin() as connection:
            store = ReminderStore(connection)
            assert store.start([reminder_id], "first", started + LEASE, started + 2 * LEASE) == set()
            assert store.start([reminder_id], "second", started + LEASE, started + 2 * LEASE) == {reminder_id}
    finally:
        engine.dispose()
