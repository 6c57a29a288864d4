"""The outbox: messages written in the transaction of the answer they follow, then sent in id order per chat.

A sender claims the oldest pending message of a chat, and only while nobody holds it (lease): two senders never
send one chat's messages side by side, whichever instance they run in. It marks the message sent right after
sending it, so a crash can leave at most that one message to be sent again.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, or_, select, update

from store.models import OutgoingMessage, utcnow

OUTBOX = OutgoingMessage.__table__
PENDING, SENT, FAILED = "pending", "sent", "failed"

@dataclass(frozen=True)
class Outgoing:
    id: int
    chat_id: int
    payload: dict[str, Any]
    attempts: int


def write(connection: Connection, chat_id: int, update_id: int | None, payloads: list[dict[str, Any]],
          now: datetime | None = None) -> None:
    """Add messages for the chat, in this order, in the caller's transaction."""
    if payloads:
        connection.execute(insert(OUTBOX), [
            {"chat_id": chat_id, "update_id": update_id, "payload": payload, "status": PENDING, "attempts": 0,
             "created_at": now or utcnow()} for payload in payloads])


class Outbox:
    def __init__(self, database: Engine, owner: str, clock: Callable[[], datetime] = utcnow) -> None:
        """`owner` names the claiming process in the rows it claims."""
        self.database = database
        self.owner = owner[:60]
        self.clock = clock

    def claim_next(self, chat_id: int, lease: timedelta) -> Outgoing | None:
        """The chat's oldest pending message, leased to this sender; None when there is none or it is held."""
        with self.database.begin() as connection:
            return self._claim(connection, chat_id, lease)

    def sent_then_next(self, message: Outgoing, lease: timedelta) -> Outgoing | None:
        """Mark the message sent and claim the chat's next one, in one transaction."""
        with self.database.begin() as connection:
            self._finish_in(connection, message, SENT, None)
            return self._claim(connection, message.chat_id, lease)

    def claim_in(self, connection: Connection, chat_id: int, lease: timedelta) -> Outgoing | None:
        """`claim_next` in the caller's transaction: the one that wrote the messages saves a round of its own."""
        return self._claim(connection, chat_id, lease)

    def _claim(self, connection: Connection, chat_id: int, lease: timedelta) -> Outgoing | None:
        now = self.clock()
        oldest = connection.execute(
            select(OUTBOX.c.id, OUTBOX.c.payload, OUTBOX.c.attempts)
            .where(OUTBOX.c.chat_id == chat_id, OUTBOX.c.status == PENDING)
            .order_by(OUTBOX.c.id).limit(1)).first()
        if oldest is None:
            return None
        # Conditional on the lease, which PostgreSQL checks again on the locked row: one claimant wins.
        claimed = connection.execute(
            update(OUTBOX)
            .where(OUTBOX.c.id == oldest.id, OUTBOX.c.status == PENDING, _free(now))
            .values(lease_until=now + lease, claimed_by=self.owner, attempts=OUTBOX.c.attempts + 1)
            .returning(OUTBOX.c.id)).first()
        if claimed is None:
            return None
        return Outgoing(oldest.id, chat_id, oldest.payload, oldest.attempts + 1)

    def extend(self, message: Outgoing, lease: timedelta) -> None:
        """Keep the message for longer work (documents)."""
        with self.database.begin() as connection:
            connection.execute(update(OUTBOX).where(OUTBOX.c.id == message.id, OUTBOX.c.claimed_by == self.owner)
                               .values(lease_until=self.clock() + lease))

    def sent(self, message: Outgoing) -> None:
        self._finish(message, SENT, None)

    def failed(self, message: Outgoing, error: str) -> None:
        """Given up: the chat's next messages go on."""
        self._finish(message, FAILED, error)

    def retry_later(self, message: Outgoing, after: timedelta, error: str) -> None:
        """Hold the message (and so the chat's next ones) until `after` has passed."""
        with self.database.begin() as connection:
            connection.execute(update(OUTBOX).where(OUTBOX.c.id == message.id).values(
                lease_until=self.clock() + after, last_error=error[:300]))

    def _finish(self, message: Outgoing, status: str, error: str | None) -> None:
        with self.database.begin() as connection:
            self._finish_in(connection, message, status, error)

    def _finish_in(self, connection: Connection, message: Outgoing, status: str, error: str | None) -> None:
        connection.execute(update(OUTBOX).where(OUTBOX.c.id == message.id).values(
            status=status, sent_at=self.clock() if status == SENT else None, lease_until=None,
            last_error=error[:300] if error else None))

    def chats_due(self) -> list[int]:
        """Chats with a pending message nobody holds: left by a crash, a failed send, or a retry that is due."""
        older = OUTBOX.alias("older")
        first = ~(select(older.c.id).where(older.c.chat_id == OUTBOX.c.chat_id, older.c.status == PENDING,
                                           older.c.id < OUTBOX.c.id).exists())
        with self.database.connect() as connection:
            return list(connection.execute(
                select(OUTBOX.c.chat_id).where(OUTBOX.c.status == PENDING, first, _free(self.clock()))
                .order_by(OUTBOX.c.chat_id)).scalars())

    def release_all(self) -> None:
        """Drop every lease: for a single instance starting, whose earlier self is gone."""
        with self.database.begin() as connection:
            connection.execute(update(OUTBOX).where(OUTBOX.c.status == PENDING, OUTBOX.c.lease_until.is_not(None))
                               .values(lease_until=None))

    def forget_before(self, cutoff: datetime) -> None:
        """Drop sent and failed messages older than `cutoff`."""
        with self.database.begin() as connection:
            connection.execute(delete(OUTBOX).where(OUTBOX.c.status != PENDING, OUTBOX.c.created_at < cutoff))


def _free(now: datetime):
    return or_(OUTBOX.c.lease_until.is_(None), OUTBOX.c.lease_until <= now)
