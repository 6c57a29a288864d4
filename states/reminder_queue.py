"""Due reminders claimed in the database, their text composed, and the outcome of sending recorded.

A claim is a lease: a dispatcher that dies holding reminders loses them to the next one when the
lease ends. A send is recorded as started before Telegram is called, and each outcome is committed
before the next send of the same chat starts; so a dispatcher that dies leaves at most one reminder
per chat whose send began with no outcome recorded, and only that one can be sent a second time.
"""
from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection
from sqlalchemy import Engine as Database

from dialogs.calendar import as_utc
from dialogs.reminder_model import TEAM
from states.events import Reply
from states.reminder_notes import ReminderNotes
from states.reminder_plan import Planner
from store import team_news
from store.reminders import ReminderRow, ReminderStore
from store.repo import Repository

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
# Claims of one reminder that ended in an error of ours (or a dispatcher that died): then it is dropped.
# A passing refusal (429, network error) does not count: that reminder waits for as long as it is meaningful.
MAX_ATTEMPTS = 5
BACKOFF = timedelta(minutes=1)


@dataclass(frozen=True)
class Delivery:
    reminder: ReminderRow
    chat_id: int
    reply: Reply


# Telegram took it; 403, the user blocked the bot; Telegram refused the message itself (400, chat not found);
# a passing refusal (429, network error), to be tried again at `retry_at`; another error, of ours.
SENT, BLOCKED, REFUSED, DELAYED, FAILED = "sent", "blocked", "refused", "delayed", "failed"


@dataclass(frozen=True)
class Result:
    delivery: Delivery
    outcome: str
    error: str | None = None
    retry_at: datetime | None = None  # DELAYED: not before


@dataclass(frozen=True)
class Batch:
    """What to send now; `full` when the claim hit the batch size, so more may be due."""

    deliveries: list[Delivery]
    full: bool


class ReminderQueue:
    def __init__(self, database: Database, notes: ReminderNotes | dict[str, ReminderNotes],
                 planner: Planner | Callable[[Connection, int], Planner], clock: Callable[[], datetime],
                 owner: str | None = None, lease: timedelta = LEASE, batch: int = 50) -> None:
        """`notes`: by referential id (a project's reminders read its own guide), or one for every project;
        `planner`: one for every project, or the one on a project's clock (the engine's project_planner)."""
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
            for row in rows:
                if row.send_started_at is not None:
                    log.warning("Reminder %s: a send began at %s and its outcome was never recorded; it is sent "
                                "again and may reach its recipient twice", row.id, row.send_started_at)
            projects = store.projects({row.project_id for row in rows})
            answers: dict[int, dict] = {}
            deliveries = []
            for row in rows:
                outcome = self._outcome(row, now)
                if outcome is None:
                    name, state, referential = projects[row.project_id]
                    notes = self.notes[referential] if isinstance(self.notes, dict) else self.notes
                    if notes.needs_answers(row) and row.project_id not in answers:
                        answers[row.project_id] = Repository(connection).answers(row.project_id)
                    news = team_news.events_for(connection, row, now) if row.kind == TEAM else None
                    reply = notes.compose(row, name, state, answers.get(row.project_id), now,
                                          self._planner(connection, row.project_id), news)
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

    def write(self, results: list[Result], starting: list[Delivery]) -> set[int]:
        """In one transaction (a group commit): the outcomes known, then the sends about to begin.

        Returns the ids of the reminders in `starting` that are still ours to send. The outcomes go first, so a
        chat's next send is never recorded as started before the outcome of its previous one.
        """
        now = self.clock()
        with self.database.begin() as connection:
            store = ReminderStore(connection)
            for result in results:
                self._record(store, result, now)
            return store.start([delivery.reminder.id for delivery in starting], self.owner, now, now + self.lease)

    def record(self, results: list[Result]) -> None:
        """Record what Telegram answered for each delivery, in one transaction."""
        self.write(results, [])

    def sent(self, delivery: Delivery) -> None:
        self.record([Result(delivery, SENT)])

    def _record(self, store: ReminderStore, result: Result, now: datetime) -> None:
        row = result.delivery.reminder
        if result.outcome == BLOCKED:
            # The recipient blocked the bot: their reminders wait, nothing is deleted.
            store.block_user(result.delivery.chat_id, now)
            return
        if result.outcome == DELAYED:
            retry_at = result.retry_at or now
            if row.expires_at is None or retry_at < as_utc(row.expires_at):
                store.retry(row.id, self.owner, retry_at, result.error or "", counted=False)
                return
            status = "expired"  # it would only be tried again once it no longer makes sense
        elif result.outcome == FAILED and row.attempts < MAX_ATTEMPTS:
            # Again later, with a growing delay.
            store.retry(row.id, self.owner, now + BACKOFF * 2 ** (row.attempts - 1), result.error or "")
            return
        else:
            status = {SENT: "sent", REFUSED: "failed", FAILED: "failed"}[result.outcome]
        if store.finish(row.id, self.owner, status, now, result.error):
            self._next(store, row, now)

    def _next(self, store: ReminderStore, row: ReminderRow, now: datetime) -> None:
        """A weekly or yearly reminder, whatever became of this one, has its next occurrence."""
        if row.recurrence and not store.has_active(row.user_id, row.project_id, row.kind):
            store.add(row.project_id, row.user_id,
                      self._planner(store.connection, row.project_id).next_occurrence(row.kind, now))

    def _planner(self, connection: Connection, project_id: int) -> Planner:
        """The project's calendar: its clock and holidays."""
        return self.planner if isinstance(self.planner, Planner) else self.planner(connection, project_id)
