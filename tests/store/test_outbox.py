"""The outbox hands a chat's messages out oldest first, to one sender at a time."""
from __future__ import annotations

from datetime import timedelta

import pytest

from store import migrate
from store.db import make_engine
from store.models import utcnow
from store.outbox import Outbox, write
from tests.support.clock import FrozenClock

LEASE = timedelta(seconds=30)


@pytest.fixture
def database(database_url):
    migrate.upgrade(database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def add(database, chat_id: int, *texts: str, update_id: int | None = None) -> None:
    with database.begin() as connection:
        write(connection, chat_id, update_id, [{"kind": "text", "html": text} for text in texts])


def drain(outbox: Outbox, chat_id: int) -> list[str]:
    said = []
    while (message := outbox.claim_next(chat_id, LEASE)) is not None:
        said.append(message.payload["html"])
        outbox.sent(message)
    return said


def test_messages_go_out_in_order_per_chat(database):
    add(database, 1, "un", "deux")
    add(database, 2, "autre")
    add(database, 1, "trois « é »")
    outbox = Outbox(database, "a")
    assert drain(outbox, 1) == ["un", "deux", "trois « é »"]
    assert drain(outbox, 2) == ["autre"]
    assert outbox.chats_due() == []


def test_a_held_message_holds_its_chat_until_its_lease_ends(database):
    clock = FrozenClock("2027-07-01 10:00")
    add(database, 1, "un", "deux")
    first, second = Outbox(database, "a", clock), Outbox(database, "b", clock)
    held = first.claim_next(1, LEASE)
    assert held.payload["html"] == "un" and held.attempts == 1
    assert second.claim_next(1, LEASE) is None  # not "deux" before "un"
    assert second.chats_due() == []
    clock.advance(seconds=31)  # the first sender died without marking it: its fate is unknown, it goes again
    assert second.chats_due() == [1]
    again = second.claim_next(1, LEASE)
    assert (again.payload["html"], again.attempts) == ("un", 2)
    second.sent(again)
    first.sent(held)
    assert drain(second, 1) == ["deux"]


def test_a_failed_message_lets_the_next_ones_go_and_a_retry_waits(database):
    clock = FrozenClock("2027-07-01 10:00")
    add(database, 1, "un", "deux", "trois")
    outbox = Outbox(database, "a", clock)
    outbox.failed(outbox.claim_next(1, LEASE), "Forbidden: bot was blocked by the user")
    message = outbox.claim_next(1, LEASE)
    assert message.payload["html"] == "deux"
    outbox.retry_later(message, timedelta(seconds=5), "Timed out")
    assert outbox.claim_next(1, LEASE) is None
    clock.advance(seconds=6)
    assert drain(outbox, 1) == ["deux", "trois"]


def test_a_single_instance_starting_releases_its_predecessors_leases(database):
    add(database, 1, "un")
    Outbox(database, "dead").claim_next(1, LEASE)
    outbox = Outbox(database, "new")
    assert outbox.claim_next(1, LEASE) is None
    outbox.release_all()
    assert drain(outbox, 1) == ["un"]


def test_sent_messages_are_pruned(database):
    add(database, 1, "un", "deux")
    outbox = Outbox(database, "a")
    outbox.sent(outbox.claim_next(1, LEASE))
    outbox.forget_before(utcnow() + timedelta(seconds=1))
    assert drain(outbox, 1) == ["deux"]
