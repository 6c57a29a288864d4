"""What a member did that the rest of the team hears of: the event rows, and one waiting message per member.

An event joins the message already waiting for each other member, or plans a new one, due no sooner than
`spacing` after the member's latest team message: a member gets at most one such message per hour, whatever
the number of events and projects. A message tells the events from its row's creation until the creation of
the member's next team message of the project (or until it is sent), so each event is told once, even when a
send is retried after the next message was planned.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select

from store.models import Reminder, TeamEvent, User, as_utc
from store.reminders import MemberRow, ReminderRow, ReminderStore

TEAM_EVENT, REMINDER, USER = (m.__table__ for m in (TeamEvent, Reminder, User))
TEAM = "team"  # the reminder kind, and the switch in /rappels
# stage_done {"stage": order}; requirement {"check": id, "state": met | not_met | pending};
# confirmed {"partner": "<question>:<option>", "name": as the team calls it}; joined {"role": role,
# "partner": "<question>:<option>" | None, "name": …} (no "name" in events stored before it was kept);
# referential {"before": name, "after": name} (the rules' names as the member saw them)
STAGE_DONE, REQUIREMENT, CONFIRMED, JOINED = "stage_done", "requirement", "confirmed", "joined"
REFERENTIAL = "referential"
EVENT_KINDS = (STAGE_DONE, REQUIREMENT, CONFIRMED, JOINED, REFERENTIAL)
WAITING = ("pending", "blocked")  # a message not yet composed: new events join it


@dataclass(frozen=True)
class NewsPolicy:
    """Who hears the team's news and how often (dialogs/reminders.yaml, through states.reminder_plan)."""

    roles: frozenset[str]
    enabled_by_default: bool
    spacing: timedelta


@dataclass(frozen=True)
class TeamEventRow:
    kind: str
    details: dict[str, Any]
    created_at: datetime
    user_id: int | None  # None once the actor erased themselves
    actor: str | None    # the actor's current name; None once erased


def post(connection: Connection, project_id: int, actor_id: int, kind: str, details: dict[str, Any],
         now: datetime, policy: NewsPolicy) -> None:
    """Record what `actor_id` did and make sure each other member who wants the news has a message waiting.

    Called inside the unit of work that made the change, so the event and the messages commit with it.
    """
    if kind not in EVENT_KINDS:
        raise ValueError(f"unknown team event {kind!r}")
    connection.execute(insert(TEAM_EVENT).values(project_id=project_id, user_id=actor_id, kind=kind,
                                                 details=details, created_at=now))
    for member in ReminderStore(connection).members(project_id):
        if member.user_id == actor_id or not _wants(member, policy):
            continue  # the actor never hears of their own events
        if not _waiting(connection, project_id, member.user_id):
            connection.execute(insert(REMINDER).values(
                project_id=project_id, user_id=member.user_id, kind=TEAM, status=_status(member), attempts=0,
                due_at=_due(connection, member.user_id, now, policy.spacing), created_at=now))


def events_for(connection: Connection, reminder: ReminderRow, now: datetime) -> list[TeamEventRow]:
    """The events a team message tells its recipient, oldest first; never the recipient's own."""
    since = as_utc(reminder.created_at)
    following = connection.execute(select(func.min(REMINDER.c.created_at)).where(
        REMINDER.c.project_id == reminder.project_id, REMINDER.c.user_id == reminder.user_id,
        REMINDER.c.kind == TEAM, REMINDER.c.id > reminder.id)).scalar()
    query = (select(TEAM_EVENT.c.kind, TEAM_EVENT.c.details, TEAM_EVENT.c.created_at, TEAM_EVENT.c.user_id,
                    USER.c.name)
             .join_from(TEAM_EVENT, USER, TEAM_EVENT.c.user_id == USER.c.id, isouter=True)
             .where(TEAM_EVENT.c.project_id == reminder.project_id, TEAM_EVENT.c.created_at >= since,
                    TEAM_EVENT.c.created_at <= now,
                    or_(TEAM_EVENT.c.user_id.is_(None), TEAM_EVENT.c.user_id != reminder.user_id))
             .order_by(TEAM_EVENT.c.created_at, TEAM_EVENT.c.id))
    if following is not None:
        query = query.where(TEAM_EVENT.c.created_at < as_utc(following))
    return [TeamEventRow(kind, details, as_utc(created), user_id, name)
            for kind, details, created, user_id, name in connection.execute(query)]


def _wants(member: MemberRow, policy: NewsPolicy) -> bool:
    return member.role in policy.roles and (member.reminder_settings or {}).get(TEAM, policy.enabled_by_default)


def _waiting(connection: Connection, project_id: int, user_id: int) -> bool:
    # FOR UPDATE: on PostgreSQL a dispatcher claiming this row (SKIP LOCKED) passes it by until this event commits,
    # and a row it claimed meanwhile no longer matches here; so no event lands in a message already composed.
    return connection.execute(select(REMINDER.c.id).where(
        REMINDER.c.project_id == project_id, REMINDER.c.user_id == user_id, REMINDER.c.kind == TEAM,
        REMINDER.c.status.in_(WAITING)).limit(1).with_for_update()).first() is not None


def _due(connection: Connection, user_id: int, now: datetime, spacing: timedelta) -> datetime:
    """Now, or `spacing` after the member's latest team message (of any project), sent or about to be."""
    latest = connection.execute(select(func.max(func.coalesce(REMINDER.c.sent_at, REMINDER.c.due_at))).where(
        REMINDER.c.user_id == user_id, REMINDER.c.kind == TEAM,
        REMINDER.c.status.in_(("sent", "claimed", *WAITING)))).scalar()
    return now if latest is None else max(now, as_utc(latest) + spacing)


def _status(member: MemberRow) -> str:
    """A member who blocked the bot gets the message on hold, as the planner does (states.reminder_plan)."""
    return "blocked" if member.inactive_since is not None else "pending"
