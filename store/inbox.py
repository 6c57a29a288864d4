"""The inbox: Telegram updates stored as received, then processed from here, each once, in update_id order per chat.

An update is received when its row is in `received_update`, processed when `processed_update` holds its id (the
engine claims it in the transaction of its answer; updates no handler takes are marked after dispatch).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, DateTime, Engine, bindparam, delete, select, text

from store.db import write_statement
from store.models import ProcessedUpdate, ReceivedUpdate, utcnow
from store.prepared import Prepared

RECEIVED, PROCESSED = ReceivedUpdate.__table__, ProcessedUpdate.__table__

# Telegram redelivers an unconfirmed update for at most a day: processed updates (ids and contents) and sent
# messages are kept this long, then pruned (bot.app's prune job).
KEPT_FOR = timedelta(days=2)

_TIME = DateTime(timezone=True)
# Text, as in store/repo.py: ON CONFLICT … RETURNING reads the same on SQLite and PostgreSQL.
_RECEIVE = Prepared(text("INSERT INTO received_update (update_id, chat_id, payload, received_at) "
                         "VALUES (:update_id, :chat_id, :payload, :now) ON CONFLICT DO NOTHING RETURNING update_id"
                         ).bindparams(bindparam("payload", type_=JSON), bindparam("now", type_=_TIME)))
_MARK = text("INSERT INTO processed_update (update_id, processed_at) VALUES (:update_id, :now) "
             "ON CONFLICT DO NOTHING").bindparams(bindparam("now", type_=_TIME))
_PENDING = (select(RECEIVED.c.update_id, RECEIVED.c.payload)
            .outerjoin(PROCESSED, PROCESSED.c.update_id == RECEIVED.c.update_id)
            .where(PROCESSED.c.update_id.is_(None))
            .order_by(RECEIVED.c.update_id))


@dataclass(frozen=True)
class StoredUpdate:
    update_id: int
    payload: dict[str, Any]


class Inbox:
    def __init__(self, database: Engine, clock: Callable[[], datetime] = utcnow) -> None:
        self.database = database
        self.clock = clock

    def receive(self, update_id: int, chat_id: int | None, payload: dict[str, Any]) -> bool:
        """Store an update as received, committed on return; False when it was already stored."""
        with write_statement(self.database) as connection:
            row = _RECEIVE.first(connection, {"update_id": update_id, "chat_id": chat_id, "payload": payload,
                                              "now": self.clock()})
        return row is not None

    def pending(self, chat_id: int | None = None, before: int | None = None) -> list[StoredUpdate]:
        """Stored updates not processed yet, oldest first: all of them, or a chat's older than `before`."""
        query = _PENDING
        if chat_id is not None:
            query = query.where(RECEIVED.c.chat_id == chat_id)
        if before is not None:
            query = query.where(RECEIVED.c.update_id < before)
        with self.database.connect() as connection:
            return [StoredUpdate(update_id, payload) for update_id, payload in connection.execute(query)]

    def forget_before(self, cutoff: datetime) -> None:
        """Drop the updates processed before `cutoff` (past Telegram's redelivery window), ids and contents."""
        with self.database.begin() as connection:
            old = select(PROCESSED.c.update_id).where(PROCESSED.c.processed_at < cutoff)
            connection.execute(delete(RECEIVED).where(RECEIVED.c.update_id.in_(old)))
            connection.execute(delete(PROCESSED).where(PROCESSED.c.processed_at < cutoff))

    def mark_processed(self, update_id: int) -> None:
        """Record the update as processed, if its handling did not already."""
        with self.database.begin() as connection:
            connection.execute(_MARK, {"update_id": update_id, "now": self.clock()})
