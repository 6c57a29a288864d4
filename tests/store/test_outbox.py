"""The outbox hands a chat's messages out oldest first, to one sender at a time."""
from __future__ import annotations

from datetime import timedelta

import pytest

from store.models import utcnow
from store.outbox import Outbox, write
from tests.support.clock import FrozenClock

LEASE = timedelta(seconds=30)


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


def test_a_reply_written_alone_is_claimed_with_it_and_a_later_one_waits_its_turn(database):
    outbox = Outbox(database, "a")
    with database.begin() as connection:
        first = outbox.add_in(connection, 1, 10, [{"kind": "text", "html": "un"}], LEASE)
    assert (first.payload["html"], first.attempts, first.alone) == ("un", 1, True)
    assert outbox.chats_due() == []  # held by the sender that wrote it
    with database.begin() as connection:
        # "un" is not sent yet: the next reply is written, not claimed, and waits behind it.
        assert outbox.add_in(connection, 1, 11, [{"kind": "text", "html": "deux"}], LEASE) is None
    with database.begin() as connection:
        several = outbox.add_in(connection, 2, 12, [{"kind": "text", "html": "a"}, {"kind": "text", "html": "b"}],
                                LEASE)
    assert (several.payload["html"], several.alone) == ("a", False)
    outbox.sent(first)
    assert drain(outbox, 1) == ["deux"]


def test_a_sent_mark_rides_on_the_next_transaction_and_survives_a_rollback(database):
    outbox = Outbox(database, "a")
    with database.begin() as connection:
        message = outbox.add_in(connection, 1, 10, [{"kind": "text", "html": "un"}], LEASE)
    outbox.sent_later(message)
    marks = outbox.unmarked()
    with pytest.raises(RuntimeError):
        with database.begin() as connection:
            outbox.mark_in(connection, marks)
            raise RuntimeError("the engine failed")
    outbox.release_all()  # as a restart would: only a mark committed keeps the message from going again
    assert outbox.unmarked() == [message.id]
    with database.begin() as connection:
        outbox.mark_in(connection, marks)
        assert outbox.add_in(connection, 1, 11, [{"kind": "text", "html": "deux"}], LEASE).payload["html"] == "deux"
    outbox.marked(marks)
    assert outbox.unmarked() == []
    assert drain(outbox, 1) == []  # "un" is sent, "deux" held by its claim


def test_marks_left_waiting_are_written_on_their_own(database):
    outbox = Outbox(database, "a")
    with database.begin() as connection:
        message = outbox.add_in(connection, 1, 10, [{"kind": "text", "html": "un"}], LEASE)
    outbox.sent_later(message)
    outbox.mark_sent()
    outbox.release_all()
    assert outbox.unmarked() == [] and drain(outbox, 1) == []
