"""Database tables: users, projects, memberships, append-only answers, received and processed updates."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

# Named constraints let Alembic's batch mode on SQLite drop and recreate them by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def as_utc(instant: datetime) -> datetime:
    """SQLite gives back naive datetimes; everything stored is UTC."""
    return instant.replace(tzinfo=timezone.utc) if instant.tzinfo is None else instant.astimezone(timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    active_project_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="SET NULL"), nullable=True
    )
    # The welcome has been shown: the next plain text is taken as the new project's name.
    creating_project: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set when Telegram answered 403 (the user blocked the bot); cleared by the user's next message.
    inactive_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The user's last message or tap (kept to the day); data of users long gone is erased (dialogs/reminders.yaml).
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # When the user was told that their data would be erased for inactivity; cleared by their next activity.
    inactivity_warned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Project(Base):
    __tablename__ = "project"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    territory: Mapped[str | None] = mapped_column(String(300), nullable=True)
    referential: Mapped[str] = mapped_column(String(40))
    referential_version: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(60))
    # Bumped on every change; buttons carry it so a button from an old message is recognised.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="project")


class Membership(Base):
    __tablename__ = "membership"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), default="owner")  # owner | contributor | partner | reader
    # A partner's organisation: "<selecting question>:<option>" (e.g. "part_operateurs:caf"); None for other roles.
    partner: Mapped[str | None] = mapped_column(String(90), nullable=True)
    # When a partner last confirmed its part of the project.
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # This member's place inside the step: a question reopened from the recap or by "back".
    focus_question: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # Options ticked so far on a multiple-choice question, before "Valider".
    draft_question: Mapped[str | None] = mapped_column(String(40), nullable=True)
    draft_choices: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    # A budget line being entered or edited: which line, and what the next message should be.
    budget_pending: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # Reminder kinds this member switched on or off, over the defaults of dialogs/reminders.yaml.
    reminder_settings: Mapped[dict[str, bool] | None] = mapped_column(JSON, nullable=True)
    # What the next plain message is, when it is not an answer to the guide (e.g. "committee_date").
    awaiting: Mapped[str | None] = mapped_column(String(30), nullable=True)
    # The member's last text when it filled Telegram's length limit: the app may have cut a longer paste there.
    # Its Telegram date, and the question it answered (NULL: it was not taken as an answer).
    cut_text_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    cut_text_question: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # The member's last button tap that had an effect: its message, its data, the project's revision after it,
    # and when it was handled; a second tap of the same button with nothing changed since acts no more.
    last_tap_message: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    last_tap_data: Mapped[str | None] = mapped_column(String(64), nullable=True)
    last_tap_revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_tap_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The question the member handled last, answered, passed or left for later (the first one, when a message
    # answered two): what "pardon, je voulais dire…" corrects.
    last_answered: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # The question the bot's last reply to the member asked (NULL: the last reply asked none): what their next text
    # answers, though a teammate may have answered it or moved the project on since.
    asked_question: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # The member's last text taken as an answer: a digest of its words, its Telegram date and the question it
    # answered; the same text again at once was sent twice (states/repeats.py). No text is kept here.
    last_text_digest: Mapped[str | None] = mapped_column(String(16), nullable=True)
    last_text_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_text_question: Mapped[str | None] = mapped_column(String(40), nullable=True)

    project: Mapped[Project] = relationship(back_populates="memberships")


class _AppendOnly:
    """Rows that are never updated but for `is_current`: an edit adds a row, the old one stays as history."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)

    @declared_attr.directive
    def __table_args__(cls) -> tuple:
        return (Index(f"ix_{cls.__tablename__}_project_current", "project_id", "is_current"),)


class Answer(_AppendOnly, Base):
    """One row per answer given to a question of a project."""

    __tablename__ = "answer"

    question_id: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))  # answered | skipped | deferred
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    # The step where this answer was given or confirmed; NULL: the question's own step.
    step_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # The Telegram message the answer was typed in, whose edit changes it; NULL for a tap or the terminal.
    message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class ChecklistMark(_AppendOnly, Base):
    """A checklist item ticked or unticked by hand."""

    __tablename__ = "checklist_mark"

    item_id: Mapped[str] = mapped_column(String(40))
    done: Mapped[bool] = mapped_column(Boolean)


class BudgetLine(_AppendOnly, Base):
    """One version of a budget line; `line_key` ties the versions of a line, `removed` ends it."""

    __tablename__ = "budget_line"

    line_key: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(String(10))  # charge | resource
    category: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(300))
    cents: Mapped[int] = mapped_column(BigInteger)
    use: Mapped[str] = mapped_column(String(20))  # investissement | fonctionnement
    removed: Mapped[bool] = mapped_column(Boolean, default=False)


class CommitteeMeeting(Base):
    """A steering committee the team said took place."""

    __tablename__ = "committee_meeting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Reminder(Base):
    """One message to send to one member at a given time; the dispatcher claims it with a lease."""

    __tablename__ = "reminder"
    __table_args__ = (Index("ix_reminder_status_due", "status", "due_at"),
                      Index("ix_reminder_project_user", "project_id", "user_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Past this time the message no longer makes sense (a later one replaces it): it is not sent.
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The committee the reminder is about.
    event_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    recurrence: Mapped[str | None] = mapped_column(String(10), nullable=True)  # weekly | yearly
    status: Mapped[str] = mapped_column(String(10), default="pending")
    # Claims of this reminder, less those given back after a passing refusal (429, network error).
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(60), nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Committed before Telegram is called: set on a claimed reminder, the send began and its outcome is unknown.
    send_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Invitation(Base):
    """A link that makes whoever accepts it a member of the project, with a role; only the token's hash is kept."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    role: Mapped[str] = mapped_column(String(20))
    partner: Mapped[str | None] = mapped_column(String(90), nullable=True)
    invited_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The last person who opened the link and was asked to accept: only they can accept it.
    opened_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), nullable=True)
    used_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), nullable=True)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class TeamEvent(Base):
    """Something a member did that the rest of the team hears about (grouped, at most hourly)."""

    __tablename__ = "team_event"
    __table_args__ = (Index("ix_team_event_project_created", "project_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), nullable=True)
    # stage_done, requirement, confirmed, joined, referential: their details in store/team_news.py
    kind: Mapped[str] = mapped_column(String(30))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReceivedUpdate(Base):
    """A Telegram update as received, stored before Telegram is told it arrived; processed once `processed_update`
    holds its id."""

    __tablename__ = "received_update"
    __table_args__ = (Index("ix_received_update_chat", "chat_id", "update_id"),)

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # The chat the update belongs to (private chats: the user); None for an update of no chat.
    chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OutgoingMessage(Base):
    """One message to a chat, written in the transaction of the answer it follows; sent in id order per chat.

    A sender claims the chat's oldest pending row with a lease, sends it, then marks it sent: a crash between the
    two sends that one message again (at least once).
    """

    __tablename__ = "outgoing_message"
    __table_args__ = (Index("ix_outgoing_message_chat_status", "chat_id", "status", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # The update it answers; None for a message of no update.
    update_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # What to send, rendered: {"kind": "text" | "edit" | "image" | "documents" | "calendar", ...}.
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(60), nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ProcessedUpdate(Base):
    __tablename__ = "processed_update"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


ANSWER_STATUSES = ("answered", "skipped", "deferred")
# pending -> claimed -> sent; or expired (too late to make sense), cancelled (no longer planned),
# blocked (the recipient blocked the bot), failed (gave up after bounded retries), skipped (nothing to say).
REMINDER_STATUSES = ("pending", "claimed", "sent", "expired", "cancelled", "blocked", "failed", "skipped")
# porteur, contributeur, partenaire, lecteur
ROLES = ("owner", "contributor", "partner", "reader")
