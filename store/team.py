"""A project's team: its members and roles, and the invitation links that bring new members in.

An invitation's token is random (192 bits), sent once in the link and never stored: the table keeps its
SHA-256, so a database leak opens no project. A token carries no project id; the row does.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, insert, select, update

from store.models import Answer, Invitation, Membership, Reminder, User, as_utc

INVITATION, MEMBERSHIP, USER, REMINDER, ANSWER = (m.__table__ for m in (Invitation, Membership, User, Reminder,
                                                                         Answer))
TOKEN_BYTES = 24
VALID_FOR = timedelta(days=7)
VALID, USED, REVOKED, EXPIRED = "valid", "used", "revoked", "expired"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class InvitationRow:
    id: int
    project_id: int
    role: str
    partner: str | None
    invited_by: int | None
    inviter: str | None  # the inviter's name; None once they erased themselves
    expires_at: datetime
    opened_by: int | None
    used_by: int | None  # None once the person who used it erased themselves: used_at still says it was used
    used_at: datetime | None
    revoked_at: datetime | None

    def state(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return REVOKED
        if self.used_at is not None:
            return USED
        return EXPIRED if now >= self.expires_at else VALID


@dataclass(frozen=True)
class Member:
    user_id: int
    name: str
    role: str
    partner: str | None
    confirmed_at: datetime | None


_INVITATION = (select(INVITATION.c.id, INVITATION.c.project_id, INVITATION.c.role, INVITATION.c.partner,
                      INVITATION.c.invited_by, USER.c.name, INVITATION.c.expires_at, INVITATION.c.opened_by,
                      INVITATION.c.used_by, INVITATION.c.used_at, INVITATION.c.revoked_at)
               .join_from(INVITATION, USER, INVITATION.c.invited_by == USER.c.id, isouter=True))
_MEMBERS = (select(MEMBERSHIP.c.user_id, USER.c.name, MEMBERSHIP.c.role, MEMBERSHIP.c.partner,
                   MEMBERSHIP.c.confirmed_at)
            .join_from(MEMBERSHIP, USER, MEMBERSHIP.c.user_id == USER.c.id)
            .order_by(MEMBERSHIP.c.created_at, MEMBERSHIP.c.user_id))


def _invitation(row) -> InvitationRow:
    values = row._asdict()
    values["inviter"] = values.pop("name")
    values["expires_at"] = as_utc(values["expires_at"])
    return InvitationRow(**values)


class Team:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def members(self, project_id: int) -> list[Member]:
        """The project's members, in the order they joined."""
        rows = self.connection.execute(_MEMBERS.where(MEMBERSHIP.c.project_id == project_id))
        return [Member(r.user_id, r.name, r.role, r.partner, as_utc(r.confirmed_at) if r.confirmed_at else None)
                for r in rows]

    def member(self, project_id: int, user_id: int) -> Member | None:
        return next((m for m in self.members(project_id) if m.user_id == user_id), None)

    def invite(self, project_id: int, role: str, partner: str | None, invited_by: int,
               now: datetime) -> tuple[str, InvitationRow]:
        """A new invitation; returns the token, which only the link will ever hold."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        invitation_id = self.connection.execute(insert(INVITATION).values(
            project_id=project_id, token_hash=token_hash(token), role=role, partner=partner, invited_by=invited_by,
            created_at=now, expires_at=now + VALID_FOR).returning(INVITATION.c.id)).scalar_one()
        return token, self.get(invitation_id)

    def find(self, token: str) -> InvitationRow | None:
        row = self.connection.execute(_INVITATION.where(INVITATION.c.token_hash == token_hash(token))).first()
        return _invitation(row) if row is not None else None

    def get(self, invitation_id: int) -> InvitationRow | None:
        row = self.connection.execute(_INVITATION.where(INVITATION.c.id == invitation_id)).first()
        return _invitation(row) if row is not None else None

    def waiting(self, project_id: int, now: datetime) -> list[InvitationRow]:
        """The project's links still valid, oldest first."""
        rows = self.connection.execute(_INVITATION.where(
            INVITATION.c.project_id == project_id, INVITATION.c.used_at.is_(None),
            INVITATION.c.revoked_at.is_(None), INVITATION.c.expires_at > now).order_by(INVITATION.c.id))
        return [_invitation(row) for row in rows]

    def opened(self, invitation_id: int, user_id: int) -> None:
        """The user was shown the invitation: only they may accept it now."""
        self.connection.execute(update(INVITATION).where(INVITATION.c.id == invitation_id)
                                .values(opened_by=user_id))

    def accept(self, invitation: InvitationRow, user_id: int, now: datetime) -> None:
        self.connection.execute(update(INVITATION).where(INVITATION.c.id == invitation.id)
                                .values(used_by=user_id, used_at=now))
        self.connection.execute(insert(MEMBERSHIP).values(
            user_id=user_id, project_id=invitation.project_id, role=invitation.role, partner=invitation.partner,
            created_at=now))

    def revoke(self, invitation_id: int, now: datetime) -> None:
        self.connection.execute(update(INVITATION).where(INVITATION.c.id == invitation_id).values(revoked_at=now))

    def set_role(self, project_id: int, user_id: int, role: str) -> None:
        """A new role; a partner's organisation goes with the partner role."""
        self.connection.execute(update(MEMBERSHIP).where(
            MEMBERSHIP.c.project_id == project_id, MEMBERSHIP.c.user_id == user_id).values(
            role=role, partner=None, confirmed_at=None, focus_question=None, draft_question=None,
            draft_choices=None, budget_pending=None, awaiting=None))

    def wrote(self, project_id: int, user_id: int) -> bool:
        """Whether the member gave any answer in the project, kept now or in an answer's history."""
        return self.connection.execute(select(ANSWER.c.id).where(
            ANSWER.c.project_id == project_id, ANSWER.c.user_id == user_id).limit(1)).first() is not None

    def remove(self, project_id: int, user_id: int) -> None:
        """The member leaves the project; what they wrote stays, with their name."""
        self.connection.execute(delete(REMINDER).where(REMINDER.c.project_id == project_id,
                                                       REMINDER.c.user_id == user_id))
        self.connection.execute(delete(MEMBERSHIP).where(MEMBERSHIP.c.project_id == project_id,
                                                         MEMBERSHIP.c.user_id == user_id))
        self.connection.execute(update(USER).where(USER.c.id == user_id, USER.c.active_project_id == project_id)
                                .values(active_project_id=None))

    def confirm(self, project_id: int, user_id: int, now: datetime) -> None:
        self.connection.execute(update(MEMBERSHIP).where(
            MEMBERSHIP.c.project_id == project_id, MEMBERSHIP.c.user_id == user_id).values(confirmed_at=now))
