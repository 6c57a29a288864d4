"""A user's data, read for an export (/mes_donnees) or erased (/supprimer).

Erasing: a project whose only owner (porteur) the user is goes with everything in it; in a project with another
owner the user's answers, marks and lines stay with the project, their author cleared (shown as a former member),
and the user's membership and reminders go. An erasure the user did not ask for (24 months of silence) first hands
a project with other members over to one of them: its team keeps it. The stored Telegram traffic of their chat
goes too (raw updates carry their name and words), then the user.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Connection, Text, case, cast, delete, func, select, update

from store.models import (Answer, BudgetLine, ChecklistMark, CommitteeMeeting, Invitation, Membership,
                          OutgoingMessage, Project, ReceivedUpdate, Reminder, TeamEvent, User)
from store.team import Team

USER, PROJECT, MEMBERSHIP = User.__table__, Project.__table__, Membership.__table__
ANSWER, MARK, LINE = Answer.__table__, ChecklistMark.__table__, BudgetLine.__table__
MEETING, REMINDER = CommitteeMeeting.__table__, Reminder.__table__
INVITATION, TEAM_EVENT = Invitation.__table__, TeamEvent.__table__
RECEIVED, OUTGOING = ReceivedUpdate.__table__, OutgoingMessage.__table__
# What a project holds, children first: erased with a project nobody else belongs to.
_PROJECT_ROWS = (ANSWER, MARK, LINE, MEETING, REMINDER, INVITATION, TEAM_EVENT, MEMBERSHIP)
_AUTHORED = (ANSWER, MARK, LINE, MEETING, TEAM_EVENT)


@dataclass(frozen=True)
class ErasurePlan:
    """What /supprimer will do, shown before it is confirmed."""

    erased: list[str]  # projects whose only owner the user is
    kept: list[str]    # projects shared with others
    # The other members of the projects erased, told once it is done: (user id, project name).
    bereft: list[tuple[int, str]] = field(default_factory=list)
    # Members who became the owner of a project handed over (`erase_user`), told too:
    # (user id, project id, project name).
    heirs: list[tuple[int, int, str]] = field(default_factory=list)


def erasure_plan(connection: Connection, user_id: int) -> ErasurePlan:
    plan = ErasurePlan([], [])
    projects = _projects(connection, user_id)
    for project_id, name in projects:
        if _other_owners(connection, project_id, user_id):
            plan.kept.append(name)
        else:
            plan.erased.append(name)
            plan.bereft.extend((member, name) for member in _other_members(connection, project_id, user_id))
    plan.kept.extend(_left_with_answers(connection, user_id, {project_id for project_id, _ in projects}))
    return plan


def _left_with_answers(connection: Connection, user_id: int, member_of: set[int]) -> list[str]:
    """The projects the user has left that keep something they wrote: it stays there, as a former member's."""
    ids = set().union(*(connection.execute(select(table.c.project_id).where(table.c.user_id == user_id))
                        .scalars().all() for table in _AUTHORED)) - member_of
    return list(connection.execute(select(PROJECT.c.name).where(PROJECT.c.id.in_(ids)).order_by(PROJECT.c.id))
                .scalars()) if ids else []


def erase_user(connection: Connection, user_id: int, hand_over: bool = False) -> ErasurePlan:
    """Erase the user, in the caller's transaction.

    `hand_over`: a project the user is the only owner of, and which has other members, gets one of them as its
    owner (`_heir`) and stays, instead of being erased.
    """
    heirs = _hand_over(connection, user_id) if hand_over else []
    plan = replace(erasure_plan(connection, user_id), heirs=heirs)
    name = connection.execute(select(USER.c.name).where(USER.c.id == user_id)).scalar()
    for project_id, _ in _projects(connection, user_id):
        if _other_owners(connection, project_id, user_id):
            connection.execute(delete(REMINDER).where(REMINDER.c.project_id == project_id,
                                                      REMINDER.c.user_id == user_id))
            connection.execute(delete(MEMBERSHIP).where(MEMBERSHIP.c.project_id == project_id,
                                                        MEMBERSHIP.c.user_id == user_id))
            continue
        erase_project(connection, project_id)
    for table in _AUTHORED:  # what stays, in the projects kept and in those the user had left, as a former member's
        # An answer's message id points into the user's chat: it goes with them.
        erased = {"user_id": None, **({"message_id": None} if table is ANSWER else {})}
        connection.execute(update(table).where(table.c.user_id == user_id).values(erased))
    for column in (INVITATION.c.invited_by, INVITATION.c.opened_by, INVITATION.c.used_by):
        connection.execute(update(INVITATION).where(column == user_id).values({column.name: None}))
    connection.execute(delete(RECEIVED).where(RECEIVED.c.chat_id == user_id))
    connection.execute(delete(OUTGOING).where(OUTGOING.c.chat_id == user_id))
    if name:
        # Messages already sent to the others that name the user (the team screen, the team's news): kept only
        # for Telegram's redelivery window, they go now. The payload is JSON: the name as JSON writes it.
        connection.execute(delete(OUTGOING).where(OUTGOING.c.status == "sent", cast(OUTGOING.c.payload, Text)
                                                  .contains(json.dumps(name)[1:-1], autoescape=True)))
    connection.execute(delete(USER).where(USER.c.id == user_id))
    return plan


def erase_project(connection: Connection, project_id: int) -> None:
    """The project and everything in it, in the caller's transaction."""
    connection.execute(update(USER).where(USER.c.active_project_id == project_id).values(active_project_id=None))
    for table in _PROJECT_ROWS:
        connection.execute(delete(table).where(table.c.project_id == project_id))
    connection.execute(delete(PROJECT).where(PROJECT.c.id == project_id))


def personal_records(connection: Connection, user_id: int) -> dict[str, Any] | None:
    """Everything kept about the user, as plain JSON-ready values; None for an unknown user."""
    user = connection.execute(select(USER.c.id, USER.c.name, USER.c.created_at).where(USER.c.id == user_id)).first()
    if user is None:
        return None
    memberships = connection.execute(
        select(PROJECT.c.id, PROJECT.c.name, PROJECT.c.territory, PROJECT.c.referential, MEMBERSHIP.c.role,
               MEMBERSHIP.c.partner, MEMBERSHIP.c.created_at)
        .join_from(MEMBERSHIP, PROJECT, MEMBERSHIP.c.project_id == PROJECT.c.id)
        .where(MEMBERSHIP.c.user_id == user_id).order_by(PROJECT.c.id)).all()
    answers = connection.execute(
        select(ANSWER.c.project_id, ANSWER.c.question_id, ANSWER.c.status, ANSWER.c.value, ANSWER.c.created_at,
               ANSWER.c.is_current)
        .where(ANSWER.c.user_id == user_id).order_by(ANSWER.c.id)).all()
    marks = connection.execute(
        select(MARK.c.project_id, MARK.c.item_id, MARK.c.done, MARK.c.created_at, MARK.c.is_current)
        .where(MARK.c.user_id == user_id).order_by(MARK.c.id)).all()
    lines = connection.execute(
        select(LINE.c.project_id, LINE.c.section, LINE.c.category, LINE.c.label, LINE.c.cents, LINE.c.use,
               LINE.c.removed, LINE.c.created_at, LINE.c.is_current)
        .where(LINE.c.user_id == user_id).order_by(LINE.c.id)).all()
    meetings = connection.execute(
        select(MEETING.c.project_id, MEETING.c.held_on, MEETING.c.created_at)
        .where(MEETING.c.user_id == user_id).order_by(MEETING.c.id)).all()
    reminders = connection.execute(
        select(REMINDER.c.project_id, REMINDER.c.kind, REMINDER.c.due_at, REMINDER.c.status, REMINDER.c.sent_at)
        .where(REMINDER.c.user_id == user_id).order_by(REMINDER.c.due_at)).all()
    news = connection.execute(
        select(TEAM_EVENT.c.project_id, TEAM_EVENT.c.kind, TEAM_EVENT.c.details, TEAM_EVENT.c.created_at)
        .where(TEAM_EVENT.c.user_id == user_id).order_by(TEAM_EVENT.c.id)).all()
    # Every project the rows are of, those the user has left included: what they wrote there is theirs still.
    ids = {row.project_id for rows in (answers, marks, lines, meetings, reminders, news) for row in rows}
    names = dict(connection.execute(select(PROJECT.c.id, PROJECT.c.name).where(PROJECT.c.id.in_(ids))).all()) \
        if ids else {}
    return {
        "user": {"telegram_id": user.id, "name": user.name, "since": _when(user.created_at)},
        "projects": [{"project": row.name, "territory": row.territory, "referential": row.referential,
                      "role": row.role, "partner": row.partner, "since": _when(row.created_at)}
                     for row in memberships],
        "answers": [{"project": names.get(row.project_id), "question": row.question_id, "status": row.status,
                     "value": row.value, "at": _when(row.created_at), "current": row.is_current}
                    for row in answers],
        "checklist_marks": [{"project": names.get(row.project_id), "item": row.item_id, "done": row.done,
                             "at": _when(row.created_at), "current": row.is_current} for row in marks],
        "budget_lines": [{"project": names.get(row.project_id), "section": row.section, "category": row.category,
                          "label": row.label, "cents": row.cents, "use": row.use, "removed": row.removed,
                          "at": _when(row.created_at), "current": row.is_current} for row in lines],
        "committees_reported": [{"project": names.get(row.project_id), "held_on": _when(row.held_on),
                                 "at": _when(row.created_at)} for row in meetings],
        "reminders": [{"project": names.get(row.project_id), "kind": row.kind, "due": _when(row.due_at),
                       "status": row.status, "sent": _when(row.sent_at)} for row in reminders],
        "team_news": [{"project": names.get(row.project_id), "kind": row.kind, "details": row.details,
                       "at": _when(row.created_at)} for row in news],
    }


def _projects(connection: Connection, user_id: int) -> list[tuple[int, str]]:
    return [(row.id, row.name) for row in connection.execute(
        select(PROJECT.c.id, PROJECT.c.name).join_from(MEMBERSHIP, PROJECT, MEMBERSHIP.c.project_id == PROJECT.c.id)
        .where(MEMBERSHIP.c.user_id == user_id).order_by(PROJECT.c.id))]


def _hand_over(connection: Connection, user_id: int) -> list[tuple[int, int, str]]:
    """Give each project the user is the only owner of, and shares with others, a new owner."""
    heirs = []
    for project_id, name in _projects(connection, user_id):
        heir = None if _other_owners(connection, project_id, user_id) else _heir(connection, project_id, user_id)
        if heir is not None:
            Team(connection).set_role(project_id, heir, "owner")
            heirs.append((heir, project_id, name))
    return heirs


def _other_members(connection: Connection, project_id: int, user_id: int) -> list[int]:
    return list(connection.execute(select(MEMBERSHIP.c.user_id).where(
        MEMBERSHIP.c.project_id == project_id, MEMBERSHIP.c.user_id != user_id).order_by(
        MEMBERSHIP.c.created_at, MEMBERSHIP.c.user_id)).scalars())


# Who takes over a project: a contributor before a partner before a reader, the longest in the team first.
_SUCCESSION = case({"contributor": 0, "partner": 1, "reader": 2}, value=MEMBERSHIP.c.role, else_=3)


def _heir(connection: Connection, project_id: int, user_id: int) -> int | None:
    """The member who takes the project over; None when the user is its only member."""
    return connection.execute(select(MEMBERSHIP.c.user_id).where(
        MEMBERSHIP.c.project_id == project_id, MEMBERSHIP.c.user_id != user_id).order_by(
        _SUCCESSION, MEMBERSHIP.c.created_at, MEMBERSHIP.c.user_id).limit(1)).scalar()


def _other_owners(connection: Connection, project_id: int, user_id: int) -> int:
    return connection.execute(select(func.count()).select_from(MEMBERSHIP).where(
        MEMBERSHIP.c.project_id == project_id, MEMBERSHIP.c.user_id != user_id,
        MEMBERSHIP.c.role == "owner")).scalar_one()


def _when(value: date | datetime | None) -> str | None:
    """ISO 8601; stored instants are UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return (value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value).isoformat()
    return value.isoformat()
