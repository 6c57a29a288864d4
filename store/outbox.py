"""The outbox: messages written in the transaction of the answer they follow, then sent in id order per chat.

A sender claims the oldest pending message of a chat, and only while nobody holds it (lease): two senders never
send one chat's messages side by side, whichever instance they run in. A sent message is marked sent before the
chat's next message goes out, so a crash can leave at most one message per chat to be sent again.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, insert, or_, select, update

from store.models import OutgoingMessage, utcnow
from store.prepared import Prepared

OUTBOX = OutgoingMessage.__table__
PENDING, SENT, FAILED = "pending", "sent", "failed"

# Built once: an expression built per call costs more than the statement itself.
_FREE = or_(OUTBOX.c.lease_until.is_(None), OUTBOX.c.lease_until <= bindparam("now"))
_OLDEST = Prepared(select(OUTBOX.c.id, OUTBOX.c.payload, OUTBOX.c.attempts)
                   .where(OUTBOX.c.chat_id == bindparam("chat"), OUTBOX.c.status == PENDING)
                   .order_by(OUTBOX.c.id).limit(1))
# Conditional on the lease, which PostgreSQL checks again on the locked row: one claimant wins.
_TAKE = (update(OUTBOX).where(OUTBOX.c.id == bindparam("m_id"), OUTBOX.c.status == PENDING, _FREE)
         .values(lease_until=bindparam("until"), claimed_by=bindparam("owner"), attempts=OUTBOX.c.attempts + 1)
         .returning(OUTBOX.c.id))
_ROW_KEYS = ("chat_id", "update_id", "payload", "status", "attempts", "created_at")
_ADD_ONE = Prepared(insert(OUTBOX).returning(OUTBOX.c.id), keys=(*_ROW_KEYS, "lease_until", "claimed_by"))
_ADD = Prepared(insert(OUTBOX), keys=_ROW_KEYS)
_FINISH = update(OUTBOX).where(OUTBOX.c.id == bindparam("m_id")).values(
    status=bindparam("new_status"), sent_at=bindparam("at"), lease_until=None, last_error=bindparam("error"))
_SENT = Prepared(update(OUTBOX).where(OUTBOX.c.id == bindparam("m_id")).values(
    status=SENT, sent_at=bindparam("at"), lease_until=None, last_error=None))
_EXTEND = update(OUTBOX).where(OUTBOX.c.id == bindparam("m_id"), OUTBOX.c.claimed_by == bindparam("owner")).values(
    lease_until=bindparam("until"))
_RETRY = update(OUTBOX).where(OUTBOX.c.id == bindparam("m_id")).values(
    lease_until=bindparam("until"), last_error=bindparam("error"))


@dataclass(frozen=True)
class Outgoing:
    id: int
    chat_id: int
    payload: dict[str, Any]
    attempts: int
    # Claimed with the rows of its reply, as its chat's only pending message: nothing of the chat waits behind it.
    alone: bool = False


def _rows(chat_id: int, update_id: int | None, payloads: list[dict[str, Any]], now: datetime) -> list[dict]:
    return [{"chat_id": chat_id, "update_id": update_id, "payload": payload, "status": PENDING, "attempts": 0,
             "created_at": now} for payload in payloads]


def write(connection: Connection, chat_id: int, update_id: int | None, payloads: list[dict[str, Any]],
          now: datetime | None = None) -> None:
    """Add messages for the chat, in this order, in the caller's transaction."""
    if payloads:
        _ADD.run_many(connection, _rows(chat_id, update_id, payloads, now or utcnow()))


class Outbox:
    def __init__(self, database: Engine, owner: str, clock: Callable[[], datetime] = utcnow) -> None:
        """`owner` names the claiming process in the rows it claims."""
        self.database = database
        self.owner = owner[:60]
        self.clock = clock
        self._unmarked: list[int] = []  # sent, to be marked sent by the next transaction (`sent_later`)

    def add_in(self, connection: Connection, chat_id: int, update_id: int | None, payloads: list[dict[str, Any]],
               lease: timedelta) -> Outgoing | None:
        """`write`, and claim the first message for this sender when nothing older of the chat is pending.

        The caller holds the chat (the engine's unit of work), so no other row of the chat appears meanwhile.
        """
        if not payloads:
            return None
        now = self.clock()
        older = _OLDEST.first(connection, {"chat": chat_id})
        rows = _rows(chat_id, update_id, payloads, now)
        if older is not None:
            _ADD.run_many(connection, rows)
            return None
        first = rows[0] | {"attempts": 1, "lease_until": now + lease, "claimed_by": self.owner}
        (message_id,) = _ADD_ONE.first(connection, first)
        _ADD.run_many(connection, rows[1:])
        return Outgoing(message_id, chat_id, payloads[0], 1, alone=len(payloads) == 1)

    def claim_next(self, chat_id: int, lease: timedelta) -> Outgoing | None:
        """The chat's oldest pending message, leased to this sender; None when there is none or it is held."""
        with self.database.begin() as connection:
            return self._claim(connection, chat_id, lease)

    def sent_then_next(self, message: Outgoing, lease: timedelta) -> Outgoing | None:
        """Mark the message sent and claim the chat's next one, in one transaction."""
        with self.database.begin() as connection:
            self._finish_in(connection, message, SENT, None)
            return self._claim(connection, message.chat_id, lease)

    def drop_then_next(self, message: Outgoing, lease: timedelta) -> Outgoing | None:
        """Delete the sent message and claim the chat's next one, in one transaction."""
        with self.database.begin() as connection:
            connection.execute(delete(OUTBOX).where(OUTBOX.c.id == message.id))
            return self._claim(connection, message.chat_id, lease)

    def _claim(self, connection: Connection, chat_id: int, lease: timedelta) -> Outgoing | None:
        now = self.clock()
        oldest = _OLDEST.first(connection, {"chat": chat_id})
        if oldest is None:
            return None
        message_id, payload, attempts = oldest
        taken = connection.execute(_TAKE, {"m_id": message_id, "now": now, "until": now + lease,
                                           "owner": self.owner}).first()
        if taken is None:
            return None
        return Outgoing(message_id, chat_id, payload, attempts + 1)

    # ---- marks written later, with the next transaction: a sent reply costs no transaction of its own

    def sent_later(self, message: Outgoing) -> None:
        """The message went out; it is marked sent by the next transaction of this outbox (or `mark_sent`).

        Only for a message nothing of its chat waits behind (`alone`): the chat's next message is written, and so
        claimed, in a transaction that marks this one first.
        """
        self._unmarked.append(message.id)

    def unmarked(self) -> list[int]:
        """Messages sent and not yet marked: what a transaction should mark (then call `marked`)."""
        return list(self._unmarked)

    def mark_in(self, connection: Connection, ids: list[int]) -> None:
        now = self.clock()
        _SENT.run_many(connection, [{"m_id": message_id, "at": now} for message_id in ids])

    def marked(self, ids: list[int]) -> None:
        """Those marks are committed; kept until then, so a rolled-back transaction loses none."""
        done = set(ids)
        self._unmarked = [message_id for message_id in self._unmarked if message_id not in done]

    def mark_sent(self) -> None:
        """Write the marks waiting for a transaction, in one of their own."""
        ids = self.unmarked()
        if ids:
            with self.database.begin() as connection:
                self.mark_in(connection, ids)
            self.marked(ids)

    # ----

    def extend(self, message: Outgoing, lease: timedelta) -> None:
        """Keep the message for longer work (documents)."""
        with self.database.begin() as connection:
            connection.execute(_EXTEND, {"m_id": message.id, "owner": self.owner, "until": self.clock() + lease})

    def sent(self, message: Outgoing) -> None:
        self._finish(message, SENT, None)

    def failed(self, message: Outgoing, error: str) -> None:
        """Given up: the chat's next messages go on."""
        self._finish(message, FAILED, error)

    def retry_later(self, message: Outgoing, after: timedelta, error: str) -> None:
        """Hold the message (and so the chat's next ones) until `after` has passed."""
        with self.database.begin() as connection:
            connection.execute(_RETRY, {"m_id": message.id, "until": self.clock() + after, "error": error[:300]})

    def _finish(self, message: Outgoing, status: str, error: str | None) -> None:
        with self.database.begin() as connection:
            self._finish_in(connection, message, status, error)

    def _finish_in(self, connection: Connection, message: Outgoing, status: str, error: str | None) -> None:
        connection.execute(_FINISH, {"m_id": message.id, "new_status": status,
                                     "at": self.clock() if status == SENT else None,
                                     "error": error[:300] if error else None})

    def chats_due(self) -> list[int]:
        """Chats with a pending message nobody holds: left by a crash, a failed send, or a retry that is due."""
        older = OUTBOX.alias("older")
        first = ~(select(older.c.id).where(older.c.chat_id == OUTBOX.c.chat_id, older.c.status == PENDING,
                                           older.c.id < OUTBOX.c.id).exists())
        with self.database.connect() as connection:
            return list(connection.execute(
                select(OUTBOX.c.chat_id).where(OUTBOX.c.status == PENDING, first, _FREE)
                .order_by(OUTBOX.c.chat_id), {"now": self.clock()}).scalars())

    def release_all(self) -> None:
        """Drop every lease: for a single instance starting, whose earlier self is gone."""
        with self.database.begin() as connection:
            connection.execute(update(OUTBOX).where(OUTBOX.c.status == PENDING, OUTBOX.c.lease_until.is_not(None))
                               .values(lease_until=None))

    def forget_before(self, cutoff: datetime) -> None:
        """Drop sent and failed messages older than `cutoff`."""
        with self.database.begin() as connection:
            connection.execute(delete(OUTBOX).where(OUTBOX.c.status != PENDING, OUTBOX.c.created_at < cutoff))
