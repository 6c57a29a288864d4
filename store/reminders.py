"""Reminder rows and the steering committees held: planning, claiming with a lease, recording the outcome."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, insert, or_, select, update

from store.models import CommitteeMeeting, Membership, Project, Reminder, User
from store.prepared import Prepared

REMINDER, MEETING, MEMBERSHIP, USER, PROJECT = (
    m.__table__ for m in (Reminder, CommitteeMeeting, Membership, User, Project))
ACTIVE = ("pending", "claimed", "blocked")  # still to be sent


@dataclass(frozen=True)
class ReminderRow:
    id: int
    project_id: int
    user_id: int
    kind: str
    due_at: datetime
    expires_at: datetime | None
    event_date: date | None
    recurrence: str | None
    status: str
    attempts: int
    send_started_at: datetime | None
    created_at: datetime  # a team news reminder tells what happened from then on


@dataclass(frozen=True)
class MemberRow:
    user_id: int
    role: str  # store.models.ROLES: which kinds concern the member
    reminder_settings: dict[str, bool] | None
    inactive_since: datetime | None


@dataclass(frozen=True)
class Planned:
    """A reminder as the planner wants it; (kind, due_at, event_date) identifies it."""

    kind: str
    due_at: datetime
    expires_at: datetime | None = None
    event_date: date | None = None
    recurrence: str | None = None


_ROW = [REMINDER.c[f.name] for f in fields(ReminderRow)]
_ROWS = select(*_ROW).where(REMINDER.c.project_id == bindparam("project_id"), REMINDER.c.status != "cancelled")
_MEMBERS = (select(MEMBERSHIP.c.user_id, MEMBERSHIP.c.role, MEMBERSHIP.c.reminder_settings, USER.c.inactive_since)
            .join_from(MEMBERSHIP, USER, MEMBERSHIP.c.user_id == USER.c.id)
            .where(MEMBERSHIP.c.project_id == bindparam("project_id")))
# Run on every answer; an IN list would be expanded at each execution.
_BUMP_NUDGE = Prepared(update(REMINDER)
                       .where(REMINDER.c.project_id == bindparam("p_id"), REMINDER.c.kind == "nudge",
                              or_(REMINDER.c.status == "pending", REMINDER.c.status == "blocked"))
                       .values(due_at=bindparam("due")))


def _claim(*due: Any) -> Any:
    """Claim, in one statement, the first reminders matching `due`.

    The same statement serves both databases: PostgreSQL locks the chosen rows and skips rows
    another dispatcher holds (FOR UPDATE SKIP LOCKED); SQLite ignores the clause, and its single
    writer lock serialises claims.
    """
    chosen = (select(REMINDER.c.id).where(*due).order_by(REMINDER.c.due_at, REMINDER.c.id)
              .limit(bindparam("limit")).with_for_update(skip_locked=True).cte("due"))
    return (update(REMINDER).where(REMINDER.c.id.in_(select(chosen.c.id)))
            .values(status="claimed", lease_until=bindparam("lease_until"), claimed_by=bindparam("owner"),
                    attempts=REMINDER.c.attempts + 1)
            .returning(*_ROW))


_CLAIM = _claim(or_(and_(REMINDER.c.status == "pending", REMINDER.c.due_at <= bindparam("now")),
                    and_(REMINDER.c.status == "claimed", REMINDER.c.lease_until < bindparam("now"))))
# The terminal shows the reminders of its one user between two prompts.
_CLAIM_FOR_USER = _claim(REMINDER.c.user_id == bindparam("recipient"), REMINDER.c.status == "pending",
                         REMINDER.c.due_at <= bindparam("now"))
_FINISH = (update(REMINDER).where(REMINDER.c.id == bindparam("r_id"), REMINDER.c.claimed_by == bindparam("owner"))
           .values(status=bindparam("status"), sent_at=bindparam("sent_at"), last_error=bindparam("error"),
                   lease_until=None))


class ReminderStore:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    # ---- planning

    def members(self, project_id: int) -> list[MemberRow]:
        return [MemberRow(*row) for row in self.connection.execute(_MEMBERS, {"project_id": project_id})]

    def rows(self, project_id: int) -> list[ReminderRow]:
        """Every reminder of the project but the cancelled ones, sent ones included."""
        return [ReminderRow(*row) for row in self.connection.execute(_ROWS, {"project_id": project_id})]

    def add(self, project_id: int, user_id: int, planned: Planned, status: str = "pending") -> None:
        self.connection.execute(insert(REMINDER), {
            "project_id": project_id, "user_id": user_id, "kind": planned.kind, "due_at": planned.due_at,
            "expires_at": planned.expires_at, "event_date": planned.event_date, "recurrence": planned.recurrence,
            "status": status, "attempts": 0})

    def cancel(self, ids: list[int]) -> None:
        if ids:
            self.connection.execute(update(REMINDER).where(REMINDER.c.id.in_(ids),
                                                           REMINDER.c.status.in_(("pending", "blocked")))
                                    .values(status="cancelled", lease_until=None))

    def bump_nudge(self, project_id: int, due: datetime) -> int:
        """Move the project's waiting nudges to `due`; returns how many there were."""
        return _BUMP_NUDGE.run(self.connection, {"p_id": project_id, "due": due})

    def committees(self, project_id: int) -> list[date]:
        """The dates of the committees held, oldest first."""
        return list(self.connection.execute(
            select(MEETING.c.held_on).where(MEETING.c.project_id == project_id).order_by(MEETING.c.held_on)
        ).scalars())

    def record_committee(self, project_id: int, held_on: date, user_id: int) -> None:
        self.connection.execute(insert(MEETING), {"project_id": project_id, "held_on": held_on, "user_id": user_id})

    # ---- dispatching

    def claim(self, now: datetime, lease_until: datetime, owner: str, limit: int,
              user_id: int | None = None) -> list[ReminderRow]:
        """Take up to `limit` due reminders (or ones whose claim lease ran out) for `owner`."""
        parameters = {"now": now, "lease_until": lease_until, "owner": owner, "limit": limit}
        if user_id is None:
            rows = self.connection.execute(_CLAIM, parameters)
        else:
            rows = self.connection.execute(_CLAIM_FOR_USER, {**parameters, "recipient": user_id})
        return sorted((ReminderRow(*row) for row in rows), key=lambda r: (r.due_at, r.id))

    def finish(self, reminder_id: int, owner: str, status: str, when: datetime | None = None,
               error: str | None = None) -> bool:
        """Record the outcome of a claimed reminder; False when the claim was lost to another dispatcher."""
        result = self.connection.execute(_FINISH, {
            "r_id": reminder_id, "owner": owner, "status": status, "error": error and error[:300],
            "sent_at": when if status == "sent" else None})
        return result.rowcount == 1

    def start(self, ids: list[int], owner: str, now: datetime, lease_until: datetime) -> set[int]:
        """Record that the sends of these claimed reminders begin, and renew their lease.

        Returns the ids still claimed by `owner`: a reminder whose lease ran out and was taken by another
        dispatcher is not among them, and must not be sent.
        """
        if not ids:
            return set()
        rows = self.connection.execute(
            update(REMINDER).where(REMINDER.c.id.in_(ids), REMINDER.c.claimed_by == owner,
                                   REMINDER.c.status == "claimed")
            .values(send_started_at=now, lease_until=lease_until).returning(REMINDER.c.id))
        return set(rows.scalars())

    def retry(self, reminder_id: int, owner: str, due: datetime, error: str, counted: bool = True) -> None:
        """Give a claimed reminder back, to be tried again at `due`.

        Not `counted`: the refusal was a passing one (429, network), and the claim does not use up an attempt.
        """
        self.connection.execute(update(REMINDER).where(REMINDER.c.id == reminder_id, REMINDER.c.claimed_by == owner)
                                .values(status="pending", due_at=due, last_error=error[:300], lease_until=None,
                                        send_started_at=None,
                                        attempts=REMINDER.c.attempts - (0 if counted else 1)))

    def has_active(self, user_id: int, project_id: int, kind: str) -> bool:
        return self.connection.execute(select(REMINDER.c.id).where(
            REMINDER.c.user_id == user_id, REMINDER.c.project_id == project_id, REMINDER.c.kind == kind,
            REMINDER.c.status.in_(ACTIVE)).limit(1)).first() is not None

    def block_user(self, user_id: int, now: datetime) -> None:
        """The user blocked the bot: keep everything, send nothing until they come back."""
        self.connection.execute(update(USER).where(USER.c.id == user_id).values(inactive_since=now))
        self.connection.execute(update(REMINDER).where(REMINDER.c.user_id == user_id,
                                                       REMINDER.c.status.in_(("pending", "claimed")))
                                .values(status="blocked", lease_until=None, send_started_at=None))

    def resume_user(self, user_id: int) -> None:
        self.connection.execute(update(REMINDER).where(REMINDER.c.user_id == user_id, REMINDER.c.status == "blocked")
                                .values(status="pending"))

    def projects(self, ids: set[int]) -> dict[int, tuple[str, str, str]]:
        """Name, state and referential of each project."""
        rows = self.connection.execute(select(PROJECT.c.id, PROJECT.c.name, PROJECT.c.state, PROJECT.c.referential)
                                       .where(PROJECT.c.id.in_(ids)))
        return {project_id: (name, state, referential) for project_id, name, state, referential in rows}

