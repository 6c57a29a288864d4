"""Due reminders claimed in the database, their text composed, and the outcome of sending recorded.

A claim is a lease: a dispatcher that dies holding reminders loses them to the next one when the
lease ends. Each outcome is committed as soon as it is known, so a restart resends nothing sent.
"""
from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine as Database

from dialogs.calendar import as_utc
from states.events import Reply
from states.reminder_notes import ReminderNotes
from states.reminder_plan import Planner
from store.reminders import ReminderRow, ReminderStore
from store.repo import Repository

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5  # claims of one reminder, retries after 429 and network errors included
BACKOFF = timedelta(minutes=1)


@dataclass(frozen=True)
class Delivery:
    reminder: ReminderRow
    chat_id: int
    reply: Reply


SENT, BLOCKED, FAILED = "sent", "blocked", "failed"


@dataclass(frozen=True)
class Result:
    delivery: Delivery
    outcome: str  # SENT, BLOCKED (403) or FAILED
    error: str | None = None
    retry_after: float | None = None


@dataclass(frozen=True)
class Batch:
    """What to send now; `full` when the claim hit the batch size, so more may be due."""

    deliveries: list[Delivery]
    full: bool


class ReminderQueue:
    def __init__(self, database: Database, notes: ReminderNotes, planner: Planner, clock: Callable[[], datetime],
                 owner: str | None = None, lease: timedelta = LEASE, batch: int = 50) -> None:
        self.database = database
        self.notes = notes
        self.planner = planner
        self.clock = clock
        self.owner = owner or f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lease = lease
        self.batch = batch

    def claim(self, user_id: int | None = None) -> Batch:
        """Claim the due reminders (of one user, for the terminal) and compose what they say."""
        now = self.clock()
        with self.database.begin() as connection:
            store = ReminderStore(connection)
            rows = store.claim(now, now + self.lease, self.owner, self.batch, user_id)
            if not rows:
                return Batch([], False)
            projects = store.projects({row.project_id for row in rows})
            answers: dict[int, dict] = {}
            deliveries = []
            for row in rows:
                outcome = self._outcome(row, now)
                if outcome is None:
                    name, state = projects[row.project_id]
                    if self.notes.needs_answers(row) and row.project_id not in answers:
                        answers[row.project_id] = Repository(connection).answers(row.project_id)
                    reply = self.notes.compose(row, name, state, answers.get(row.project_id), now)
                    if reply is not None:
                        deliveries.append(Delivery(row, row.user_id, reply))
                        continue
                    outcome = "skipped"
                store.finish(row.id, self.owner, outcome, now)
                self._next(store, row, now)
            return Batch(deliveries, len(rows) == self.batch)

    def _outcome(self, row: ReminderRow, now: datetime) -> str | None:
        """Why a claimed reminder will not be sent, or None to send it."""
        if row.expires_at is not None and as_utc(row.expires_at) <= now:
            return "expired"
        if row.attempts > MAX_ATTEMPTS:
            return "failed"
        return None

    def record(self, results: list[Result]) -> None:
        """Record what Telegram answered for each delivery, in one transaction (a group commit)."""
        now = self.clock()
        with self.database.begin() as connection:
            store = ReminderStore(connection)
            for result in results:
                row = result.delivery.reminder
                if result.outcome == SENT:
                    if store.finish(row.id, self.owner, "sent", now):
                        self._next(store, row, now)
                elif result.outcome == BLOCKED:
                    # The recipient blocked the bot: their reminders wait, nothing is deleted.
                    store.block_user(result.delivery.chat_id, now)
                elif row.attempts >= MAX_ATTEMPTS:
                    if store.finish(row.id, self.owner, "failed", now, result.error):
                        self._next(store, row, now)
                else:
                    # Again later: after Telegram's retry_after when it gave one, else with a growing delay.
                    wait = (timedelta(seconds=result.retry_after) if result.retry_after
                            else BACKOFF * 2 ** (row.attempts - 1))
                    store.retry(row.id, self.owner, now + wait, result.error or "")

    def sent(self, delivery: Delivery) -> None:
        self.record([Result(delivery, SENT)])

    def _next(self, store: ReminderStore, row: ReminderRow, now: datetime) -> None:
        """A weekly or yearly reminder, whatever became of this one, has its next occurrence."""
        if row.recurrence and not store.has_active(row.user_id, row.project_id, row.kind):
            store.add(row.project_id, row.user_id, self.planner.next_occurrence(row.kind, now))
