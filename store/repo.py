"""Data access for one unit of work, on one connection, returning plain rows.

Statements are built once at import and executed through SQLAlchemy Core: the ORM's
identity map and flush cost several milliseconds per update, Core a few tens of microseconds
per statement.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, DateTime, bindparam, func, insert, select, text, update

from store.prepared import Prepared
from store.models import Answer, BudgetLine, ChecklistMark, Membership, Project, User, as_utc, utcnow

USER, PROJECT, MEMBERSHIP, ANSWER, MARK, LINE = (
    m.__table__ for m in (User, Project, Membership, Answer, ChecklistMark, BudgetLine))


@dataclass
class UserRow:
    id: int
    name: str
    active_project_id: int | None
    creating_project: bool
    inactive_since: datetime | None = None
    last_seen_at: datetime | None = None
    inactivity_warned_at: datetime | None = None
    projects: int = 0  # how many projects the user belongs to (read, never written: memberships say it)


@dataclass
class ProjectRow:
    id: int
    name: str
    territory: str | None
    referential: str
    referential_version: str
    state: str
    revision: int
    members: int = 1  # how many people belong to the project (read, never written)


@dataclass
class MembershipRow:
    user_id: int
    project_id: int
    role: str
    focus_question: str | None
    draft_question: str | None
    draft_choices: list[str] | None
    budget_pending: dict[str, Any] | None = None
    reminder_settings: dict[str, bool] | None = None
    awaiting: str | None = None
    cut_text_at: datetime | None = None
    cut_text_question: str | None = None
    last_tap_message: int | None = None
    last_tap_data: str | None = None
    last_tap_revision: int | None = None
    last_tap_at: datetime | None = None
    partner: str | None = None  # a partner's organisation ("part_operateurs:caf")
    last_answered: str | None = None
    asked_question: str | None = None
    last_text_digest: str | None = None
    last_text_at: datetime | None = None
    last_text_question: str | None = None


@dataclass(frozen=True)
class BudgetLineRow:
    key: int
    section: str
    category: str
    label: str
    cents: int
    use: str


@dataclass(frozen=True)
class StoredAnswer:
    status: str
    value: Any
    kind: str
    # The step where the answer was given or confirmed (a question recalled in a later step); None: its own.
    step: str | None = None
    # Who gave it (None once they erased themselves), their name, and when (UTC): about the answer, not part of it.
    author_id: int | None = field(default=None, compare=False)
    author: str | None = field(default=None, compare=False)
    at: datetime | None = field(default=None, compare=False)
    # The Telegram message it was typed in: an edit of that message changes it.
    message_id: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class AnswerVersion:
    """One stored version of an answer: what it said, and when it was recorded (UTC)."""

    status: str
    value: Any
    at: datetime


@dataclass(frozen=True)
class MarkRow:
    """A checklist item's current hand mark: ticked or unticked, and when (UTC)."""

    done: bool
    at: datetime


@dataclass(frozen=True)
class ChecklistEvidence:
    """What dates a project's checklist: every version of every answer (oldest first), the current hand marks,
    and when the budget's lines last changed (None without any line)."""

    answers: dict[str, list[AnswerVersion]]
    marks: dict[str, MarkRow]
    budget_changed: datetime | None



def _columns(table, row_type) -> list:
    return [table.c[f.name] for f in fields(row_type) if f.name in table.c]


# ON CONFLICT … RETURNING reads the same on SQLite (3.35+) and PostgreSQL, and as text it is
# compiled once; the dialect-specific insert() constructs are recompiled on every call.
_CLAIM = Prepared(text("INSERT INTO processed_update (update_id, processed_at) VALUES (:update_id, :now) "
                       "ON CONFLICT DO NOTHING RETURNING update_id"
                       ).bindparams(bindparam("now", type_=DateTime(timezone=True))))
_NEW_USER = Prepared(text('INSERT INTO "user" (id, name, creating_project, created_at, last_seen_at) '
                          "VALUES (:user_id, :name, false, :now, :now) ON CONFLICT DO NOTHING"
                          ).bindparams(bindparam("now", type_=DateTime(timezone=True))))
# Transaction-scoped: released at commit or rollback, and held across every instance on the database.
_LOCK_CHAT = text("SELECT pg_advisory_xact_lock(:chat_id)")
_PROJECT_COUNT = select(func.count()).where(MEMBERSHIP.c.user_id == USER.c.id).scalar_subquery()
_USER = Prepared(select(*[USER.c[f.name] for f in fields(UserRow) if f.name != "projects"], _PROJECT_COUNT)
                 .where(USER.c.id == bindparam("user_id")))
_PROJECTS = (select(*_columns(PROJECT, ProjectRow), MEMBERSHIP.c.role)
             .join_from(MEMBERSHIP, PROJECT, MEMBERSHIP.c.project_id == PROJECT.c.id)
             .where(MEMBERSHIP.c.user_id == bindparam("user_id"))
             .order_by(PROJECT.c.id))
_TEAM = MEMBERSHIP.alias("team")
_MEMBER_COUNT = select(func.count()).where(_TEAM.c.project_id == PROJECT.c.id).scalar_subquery()
_MEMBER = Prepared(
    select(*_columns(MEMBERSHIP, MembershipRow), *[c.label(f"p_{c.name}") for c in _columns(PROJECT, ProjectRow)],
           _MEMBER_COUNT)
    .join_from(MEMBERSHIP, PROJECT, MEMBERSHIP.c.project_id == PROJECT.c.id)
    .where(MEMBERSHIP.c.user_id == bindparam("user_id"), MEMBERSHIP.c.project_id == bindparam("project_id"))
    .with_for_update(of=PROJECT)  # serialises concurrent updates of one project on PostgreSQL
)
_ANSWERS = Prepared(select(ANSWER.c.question_id, ANSWER.c.status, ANSWER.c.value, ANSWER.c.kind,
                            ANSWER.c.step_id, ANSWER.c.user_id, USER.c.name, ANSWER.c.created_at,
                            ANSWER.c.message_id)
                     .join_from(ANSWER, USER, ANSWER.c.user_id == USER.c.id, isouter=True)
                     .where(ANSWER.c.project_id == bindparam("project_id"), ANSWER.c.is_current.is_(True)))
_SUPERSEDE = Prepared(update(ANSWER)
                      .where(ANSWER.c.project_id == bindparam("p_id"), ANSWER.c.question_id == bindparam("q_id"),
                             ANSWER.c.is_current.is_(True))
                      .values(is_current=False))
_ADD_ANSWER = Prepared(insert(ANSWER), keys=("project_id", "question_id", "kind", "status", "value", "user_id",
                                             "is_current", "step_id", "created_at", "message_id"))
_PROJECT_VALUES = ("name", "territory", "referential", "referential_version", "state", "revision", "updated_at")
_SAVE_PROJECT = Prepared(update(PROJECT).where(PROJECT.c.id == bindparam("p_id")), keys=_PROJECT_VALUES)
_MEMBERSHIP_VALUES = ("focus_question", "draft_question", "draft_choices", "budget_pending", "reminder_settings",
                      "awaiting", "cut_text_at", "cut_text_question", "last_tap_message", "last_tap_data",
                      "last_tap_revision", "last_tap_at", "last_answered", "asked_question", "last_text_digest",
                      "last_text_at", "last_text_question")
_SAVE_MEMBERSHIP = Prepared(update(MEMBERSHIP).where(MEMBERSHIP.c.user_id == bindparam("u_id"),
                                                     MEMBERSHIP.c.project_id == bindparam("p_id")),
                            keys=_MEMBERSHIP_VALUES)
_MARKS = select(MARK.c.item_id, MARK.c.done).where(MARK.c.project_id == bindparam("project_id"),
                                                  MARK.c.is_current.is_(True))
_UNMARK = (update(MARK).where(MARK.c.project_id == bindparam("p_id"), MARK.c.item_id == bindparam("i_id"),
                              MARK.c.is_current.is_(True)).values(is_current=False))
_LINES = (select(LINE.c.line_key, LINE.c.section, LINE.c.category, LINE.c.label, LINE.c.cents, LINE.c.use)
          .where(LINE.c.project_id == bindparam("project_id"), LINE.c.is_current.is_(True),
                 LINE.c.removed.is_(False))
          .order_by(LINE.c.line_key))
_LAST_LINE_KEY = select(func.max(LINE.c.line_key)).where(LINE.c.project_id == bindparam("project_id"))
_SUPERSEDE_LINE = (update(LINE).where(LINE.c.project_id == bindparam("p_id"), LINE.c.line_key == bindparam("key"),
                                      LINE.c.is_current.is_(True)).values(is_current=False))
_VERSIONS = (select(ANSWER.c.question_id, ANSWER.c.status, ANSWER.c.value, ANSWER.c.created_at)
             .where(ANSWER.c.project_id == bindparam("project_id")).order_by(ANSWER.c.id))
_DATED_MARKS = select(MARK.c.item_id, MARK.c.done, MARK.c.created_at).where(
    MARK.c.project_id == bindparam("project_id"), MARK.c.is_current.is_(True))
# Removing a line is a change too: its current row is the removal.
_BUDGET_CHANGED = select(func.max(LINE.c.created_at)).where(LINE.c.project_id == bindparam("project_id"),
                                                            LINE.c.is_current.is_(True))
_HISTORY = (select(ANSWER.c.status, ANSWER.c.value, ANSWER.c.kind, ANSWER.c.step_id, ANSWER.c.user_id, USER.c.name,
                   ANSWER.c.created_at, ANSWER.c.message_id)
            .join_from(ANSWER, USER, ANSWER.c.user_id == USER.c.id, isouter=True)
            .where(ANSWER.c.project_id == bindparam("project_id"), ANSWER.c.question_id == bindparam("question_id"))
            .order_by(ANSWER.c.id))

_TYPED_IN = (select(ANSWER.c.question_id).distinct()
             .where(ANSWER.c.project_id == bindparam("project_id"), ANSWER.c.user_id == bindparam("user_id"),
                    ANSWER.c.message_id == bindparam("message_id")))


class Repository:
    def __init__(self, connection: Connection, clock: Callable[[], datetime] = utcnow) -> None:
        """`clock` dates the rows this unit of work adds (answers, hand marks, budget lines)."""
        self.connection = connection
        self.clock = clock

    def claim_update(self, update_id: int, now: datetime | None = None) -> bool:
        """Record a Telegram update id; False when it was already processed."""
        # Not rowcount: psycopg 3 reports -1 once SQLAlchemy has closed an INSERT's cursor.
        return _CLAIM.first(self.connection, {"update_id": update_id, "now": now or utcnow()}) is not None

    def lock_chat(self, chat_id: int) -> None:
        """Hold the chat until this unit of work ends: one update of a chat at a time, across all instances.

        PostgreSQL takes an advisory lock; SQLite needs none, its write transactions run one at a time.
        """
        if self.connection.dialect.name == "postgresql":
            self.connection.execute(_LOCK_CHAT, {"chat_id": chat_id})

    def user(self, user_id: int, name: str) -> UserRow:
        """The user, created on first contact; the stored name follows the Telegram name."""
        name = name[:200]
        row = _USER.first(self.connection, {"user_id": user_id})
        if row is None:
            # Insert or get: another unit of work may have created the user since the select.
            _NEW_USER.run(self.connection, {"user_id": user_id, "name": name, "now": self.clock()})
            row = _USER.first(self.connection, {"user_id": user_id})
        user = UserRow(*row)
        for field_name in ("inactive_since", "last_seen_at", "inactivity_warned_at"):
            instant = getattr(user, field_name)
            setattr(user, field_name, as_utc(instant) if instant is not None else None)
        if user.name != name:
            user.name = name
            self.save_user(user)
        return user

    def save_user(self, user: UserRow) -> None:
        self.connection.execute(update(USER).where(USER.c.id == user.id).values(
            name=user.name, active_project_id=user.active_project_id, creating_project=user.creating_project,
            inactive_since=user.inactive_since, last_seen_at=user.last_seen_at,
            inactivity_warned_at=user.inactivity_warned_at))

    def membership(self, user_id: int, project_id: int) -> tuple[MembershipRow, ProjectRow] | None:
        """The user's membership of the project and the project, locked; None for a non-member."""
        row = _MEMBER.first(self.connection, {"user_id": user_id, "project_id": project_id})
        if row is None:
            return None
        split = len(fields(MembershipRow))
        membership = MembershipRow(*row[:split])
        for name in ("cut_text_at", "last_tap_at", "last_text_at"):
            instant = getattr(membership, name)
            setattr(membership, name, as_utc(instant) if instant is not None else None)
        return membership, ProjectRow(*row[split:])

    def projects(self, user_id: int) -> list[tuple[ProjectRow, str]]:
        """The user's projects, oldest first, each with the user's role in it."""
        split = len(_columns(PROJECT, ProjectRow))
        return [(ProjectRow(*row[:split]), row[split])
                for row in self.connection.execute(_PROJECTS, {"user_id": user_id})]

    def create_project(self, owner: UserRow, name: str, referential: str, version: str,
                       state: str) -> tuple[MembershipRow, ProjectRow]:
        project_id = self.connection.execute(insert(PROJECT).values(
            name=name, referential=referential, referential_version=version, state=state, revision=0,
        ).returning(PROJECT.c.id)).scalar_one()
        self.connection.execute(insert(MEMBERSHIP).values(user_id=owner.id, project_id=project_id, role="owner"))
        owner.active_project_id = project_id
        owner.creating_project = False
        owner.projects += 1
        self.save_user(owner)
        return (MembershipRow(owner.id, project_id, "owner", None, None, None),
                ProjectRow(project_id, name, None, referential, version, state, 0))

    def project(self, project_id: int) -> ProjectRow:
        row = self.connection.execute(select(*_columns(PROJECT, ProjectRow)).where(PROJECT.c.id == project_id)).one()
        return ProjectRow(*row)

    def save_project(self, project: ProjectRow) -> None:
        _SAVE_PROJECT.run(self.connection, {"p_id": project.id, "name": project.name,
                                            "territory": project.territory,
                                            "referential": project.referential,
                                            "referential_version": project.referential_version,
                                            "state": project.state, "revision": project.revision,
                                            "updated_at": self.clock()})

    def save_membership(self, membership: MembershipRow) -> None:
        _SAVE_MEMBERSHIP.run(self.connection, {
            "u_id": membership.user_id, "p_id": membership.project_id, "focus_question": membership.focus_question,
            "draft_question": membership.draft_question, "draft_choices": membership.draft_choices,
            "budget_pending": membership.budget_pending, "reminder_settings": membership.reminder_settings,
            "awaiting": membership.awaiting, "cut_text_at": membership.cut_text_at,
            "cut_text_question": membership.cut_text_question, "last_tap_message": membership.last_tap_message,
            "last_tap_data": membership.last_tap_data, "last_tap_revision": membership.last_tap_revision,
            "last_tap_at": membership.last_tap_at, "last_answered": membership.last_answered,
            "asked_question": membership.asked_question, "last_text_digest": membership.last_text_digest,
            "last_text_at": membership.last_text_at, "last_text_question": membership.last_text_question})

    def answers(self, project_id: int) -> dict[str, StoredAnswer]:
        rows = _ANSWERS.rows(self.connection, {"project_id": project_id})
        return {question_id: StoredAnswer(status, value, kind, step, author_id, author, as_utc(at), message_id)
                for question_id, status, value, kind, step, author_id, author, at, message_id in rows}

    def record_answer(self, project_id: int, question_id: str, kind: str, status: str, value: Any,
                      user_id: int, step_id: str | None = None, message_id: int | None = None) -> None:
        """Add the answer; the previous one stays in the table, marked as no longer current.

        step_id names the step where it was given or confirmed when that is not the question's own step;
        message_id, the Telegram message it was typed in.
        """
        _SUPERSEDE.run(self.connection, {"p_id": project_id, "q_id": question_id})
        _ADD_ANSWER.run(self.connection, {"project_id": project_id, "question_id": question_id, "kind": kind,
                                          "status": status, "value": value, "user_id": user_id,
                                          "is_current": True, "step_id": step_id, "created_at": self.clock(),
                                          "message_id": message_id})

    def history(self, project_id: int, question_id: str) -> list[StoredAnswer]:
        """Every version of the answer, oldest first, each with its author."""
        rows = self.connection.execute(_HISTORY, {"project_id": project_id, "question_id": question_id})
        return [StoredAnswer(*row[:6], as_utc(row[6]), row[7]) for row in rows]

    def questions_typed_in(self, project_id: int, user_id: int, message_id: int) -> set[str]:
        """The questions this user answered in that message, whatever has replaced those answers since."""
        return set(self.connection.execute(_TYPED_IN, {"project_id": project_id, "user_id": user_id,
                                                       "message_id": message_id}).scalars())

    def checklist_marks(self, project_id: int) -> dict[str, bool]:
        """Checklist items ticked (True) or unticked (False) by hand."""
        return dict(self.connection.execute(_MARKS, {"project_id": project_id}).all())

    def mark_checklist(self, project_id: int, item_id: str, done: bool, user_id: int) -> None:
        """Tick or untick an item; earlier marks stay, as history."""
        self.connection.execute(_UNMARK, {"p_id": project_id, "i_id": item_id})
        self.connection.execute(insert(MARK), {"project_id": project_id, "item_id": item_id, "done": done,
                                               "user_id": user_id, "is_current": True, "created_at": self.clock()})

    def checklist_evidence(self, project_id: int) -> ChecklistEvidence:
        """Every answer's versions, the current hand marks and the budget's last change, with their times."""
        answers: dict[str, list[AnswerVersion]] = {}
        for question_id, status, value, at in self.connection.execute(_VERSIONS, {"project_id": project_id}):
            answers.setdefault(question_id, []).append(AnswerVersion(status, value, as_utc(at)))
        marks = {item_id: MarkRow(done, as_utc(at))
                 for item_id, done, at in self.connection.execute(_DATED_MARKS, {"project_id": project_id})}
        changed = self.connection.execute(_BUDGET_CHANGED, {"project_id": project_id}).scalar()
        return ChecklistEvidence(answers, marks, as_utc(changed) if changed is not None else None)

    def budget_lines(self, project_id: int) -> list[BudgetLineRow]:
        return [BudgetLineRow(*row) for row in self.connection.execute(_LINES, {"project_id": project_id})]

    def add_budget_line(self, project_id: int, user_id: int, section: str, category: str, label: str,
                        cents: int, use: str) -> int:
        """A new line; returns its key."""
        key = (self.connection.execute(_LAST_LINE_KEY, {"project_id": project_id}).scalar() or 0) + 1
        self._insert_line(project_id, user_id, key, section=section, category=category, label=label, cents=cents,
                          use=use)
        return key

    def change_budget_line(self, project_id: int, user_id: int, line: BudgetLineRow, label: str | None = None,
                           cents: int | None = None, removed: bool = False, category: str | None = None) -> None:
        """A new version of the line (or its removal); earlier versions stay as history."""
        self.connection.execute(_SUPERSEDE_LINE, {"p_id": project_id, "key": line.key})
        self._insert_line(project_id, user_id, line.key, section=line.section, category=category or line.category,
                          label=line.label if label is None else label, cents=line.cents if cents is None else cents,
                          use=line.use, removed=removed)

    def _insert_line(self, project_id: int, user_id: int, key: int, removed: bool = False, **values: Any) -> None:
        self.connection.execute(insert(LINE), {"project_id": project_id, "line_key": key, "user_id": user_id,
                                               "removed": removed, "is_current": True, "created_at": self.clock(),
                                               **values})
