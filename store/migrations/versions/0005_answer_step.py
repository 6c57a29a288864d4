"""The step where an answer was given or confirmed; existing answers carried over to the reworked guide.

The guide now asks one fact in one place: duplicate questions are dropped, one question is split into
others, equipe_etp becomes a decimal, a few options disappear, and the budget is entered in the guide's
path through three budget_lines questions. A question asked in an earlier step may be recalled in a later
one; answer.step_id records the step where the answer was given or confirmed there.

The data part is self-contained (no import of dialogs/ or of the app's models: both move on, a migration
does not). Answers are append-only: a value is never updated nor a row deleted; a new current row
supersedes the old one, which stays as history. Every rule only acts while its target still needs it
(no current row, or a current row in the old form), so running it again changes nothing.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables as this revision knows them; sa.JSON decodes and encodes values the same on SQLite and PostgreSQL.
answer = sa.table(
    "answer",
    sa.column("id", sa.Integer),
    sa.column("project_id", sa.Integer),
    sa.column("question_id", sa.String),
    sa.column("kind", sa.String),
    sa.column("status", sa.String),
    sa.column("value", sa.JSON),
    sa.column("user_id", sa.BigInteger),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("is_current", sa.Boolean),
    sa.column("step_id", sa.String),
)
budget_line = sa.table(
    "budget_line",
    sa.column("id", sa.Integer),
    sa.column("project_id", sa.Integer),
    sa.column("user_id", sa.BigInteger),
    sa.column("section", sa.String),
    sa.column("use", sa.String),
    sa.column("cents", sa.BigInteger),
    sa.column("is_current", sa.Boolean),
    sa.column("removed", sa.Boolean),
)

# Dropped duplicate -> the question that now asks the fact.
MERGES = {
    "comite_pilotage_annuel": "dev_comite_annuel",
    "cooperation_cellule_nationale": "dev_cooperation_cellule",
    "exigences_partenaires": "part_obligations",
    "dev_signaletique": "tech_signaletique",
}
# exigences_structure's options, each now a fact of its own question (horaires_24h seeds nothing).
STRUCTURE = "exigences_structure"
SPACES_QUESTION, SPACES = "tech_espaces", ("point_accueil", "point_attente", "espace_confidentiel")
STRUCTURE_FACTS = {
    "internet_haut_debit": ("tech_equipements", "multi_choice", ["internet_haut_debit"]),
    "signaletique": ("tech_signaletique", "yes_no", True),
    "deontologie": ("dev_engagement_deontologie", "yes_no", True),
    "evaluation_actions": ("dev_engagement_evaluation", "yes_no", True),
}
CHARTER, CHARTER_KNOWN = "tech_charte_graphique", "tech_charte_connue"
FTE = "equipe_etp"
DASHBOARD_TOOL, DASHBOARD_REMOVED = "dev_tableau_bord_outil", "portail_national"
NETWORK_TOOLS, NETWORK_REMOVED = "dev_outils_reseau", "portail_collaboratif"
# budget_lines question -> the budget lines it totals: (section, use), None for any use.
BUDGET_QUESTIONS = {
    "budget_charges_fonctionnement": ("charge", "fonctionnement"),
    "budget_charges_investissement": ("charge", "investissement"),
    "budget_ressources": ("resource", None),
}

# Every question whose current answer the rules read, as a source or as a target that may already be answered.
SOURCES = (*MERGES, *MERGES.values(), STRUCTURE, SPACES_QUESTION,
           *(target for target, _, _ in STRUCTURE_FACTS.values()), CHARTER, CHARTER_KNOWN, FTE,
           DASHBOARD_TOOL, NETWORK_TOOLS, *BUDGET_QUESTIONS)

# "1,5 ETP", "1.5", "2", "0,8 etp", "1 équivalent temps plein": at most two decimals.
_FTE_RE = re.compile(r"(?P<units>[0-9]+)(?:[.,](?P<cents>[0-9]{1,2}))?"
                     r"(?:\s*(?:etp|équivalents?\s+temps\s+pleins?))?", re.IGNORECASE)
FTE_MAX = 1000


def parse_fte(text: Any) -> str | None:
    """The text of an old equipe_etp answer as a normalised decimal ("1.5", "2"), None when it is not one."""
    if not isinstance(text, str):
        return None
    match = _FTE_RE.fullmatch(" ".join(text.split()).rstrip("."))
    if match is None:
        return None
    number = Decimal(f"{match['units']}.{match['cents'] or '0'}")
    if number > FTE_MAX:
        return None
    # normalize() drops trailing zeros ("1.50" -> "1.5"); "f" keeps "10" from becoming "1E+1".
    return format(number.normalize(), "f")


class _Project:
    """One project's current answers, and the rows the carry-over adds to them."""

    def __init__(self) -> None:
        self.current: dict[str, dict[str, Any]] = {}
        self.changes: list[tuple[str, dict[str, Any]]] = []

    def has(self, question_id: str) -> bool:
        return question_id in self.current

    def set(self, question_id: str, kind: str, status: str, value: Any, user_id: int | None) -> None:
        row = {"kind": kind, "status": status, "value": value, "user_id": user_id}
        self.current[question_id] = row
        self.changes.append((question_id, row))

    def seed(self, question_id: str, kind: str, value: Any, user_id: int | None) -> None:
        """An answered fact for a question that has no answer yet."""
        if not self.has(question_id):
            self.set(question_id, kind, "answered", value, user_id)


def carry_over(project: _Project) -> None:
    """Apply the rules to one project's current answers, in order: explicit answers before seeded ones."""
    answers = project.current
    for dropped, kept in MERGES.items():
        if dropped in answers and kept not in answers:
            row = answers[dropped]
            project.set(kept, row["kind"], row["status"], row["value"], row["user_id"])

    structure = answers.get(STRUCTURE)
    if structure and structure["status"] == "answered" and isinstance(structure["value"], list):
        chosen, user_id = structure["value"], structure["user_id"]
        spaces = [option for option in SPACES if option in chosen]
        if spaces:
            project.seed(SPACES_QUESTION, "multi_choice", spaces, user_id)
        for option, (target, kind, value) in STRUCTURE_FACTS.items():
            if option in chosen:
                project.seed(target, kind, value, user_id)

    charter = answers.get(CHARTER)
    if charter and charter["status"] == "answered" and charter["value"] is True:
        project.seed(CHARTER_KNOWN, "yes_no", True, charter["user_id"])

    fte = answers.get(FTE)
    if fte and fte["kind"] == "short_text":
        if fte["status"] != "answered":
            project.set(FTE, "decimal", fte["status"], None, fte["user_id"])
        elif (number := parse_fte(fte["value"])) is not None:
            project.set(FTE, "decimal", "answered", number, fte["user_id"])
        else:
            # Left for later: the question shows in the user's list; the old text stays in history.
            project.set(FTE, "decimal", "deferred", None, fte["user_id"])

    tool = answers.get(DASHBOARD_TOOL)
    if tool and tool["status"] == "answered" and tool["value"] == DASHBOARD_REMOVED:
        project.set(DASHBOARD_TOOL, tool["kind"], "deferred", None, tool["user_id"])

    tools = answers.get(NETWORK_TOOLS)
    if tools and tools["status"] == "answered" and isinstance(tools["value"], list) \
            and NETWORK_REMOVED in tools["value"]:
        kept_options = [option for option in tools["value"] if option != NETWORK_REMOVED]
        if kept_options:
            project.set(NETWORK_TOOLS, tools["kind"], "answered", kept_options, tools["user_id"])
        else:
            project.set(NETWORK_TOOLS, tools["kind"], "deferred", None, tools["user_id"])


def carry_over_budget(projects: dict[int, _Project], connection: sa.Connection) -> None:
    """Each budget_lines question answered with the total of the project's lines, when it has some."""
    lines = connection.execute(
        sa.select(budget_line.c.project_id, budget_line.c.section, budget_line.c.use, budget_line.c.cents,
                  budget_line.c.user_id)
        .where(budget_line.c.is_current.is_(True), budget_line.c.removed.is_(False))
        .order_by(budget_line.c.id))
    totals: dict[tuple[int, str], list] = {}
    for project_id, section, use, cents, user_id in lines:
        for question_id, (wanted_section, wanted_use) in BUDGET_QUESTIONS.items():
            if section == wanted_section and wanted_use in (None, use):
                total = totals.setdefault((project_id, question_id), [0, None])
                total[0] += int(cents)
                total[1] = user_id  # ordered by id: the latest line's author wins
    for (project_id, question_id), (cents, user_id) in totals.items():
        project = projects.setdefault(project_id, _Project())
        if not project.has(question_id):
            project.set(question_id, "budget_lines", "answered", cents, user_id)


def upgrade() -> None:
    with op.batch_alter_table("answer") as batch:
        batch.add_column(sa.Column("step_id", sa.String(length=40), nullable=True))

    connection = op.get_bind()
    projects: dict[int, _Project] = defaultdict(_Project)
    rows = connection.execute(
        sa.select(answer.c.project_id, answer.c.question_id, answer.c.kind, answer.c.status, answer.c.value,
                  answer.c.user_id)
        .where(answer.c.is_current.is_(True), answer.c.question_id.in_(sorted(set(SOURCES))))
        .order_by(answer.c.id))
    for project_id, question_id, kind, status, value, user_id in rows:
        projects[project_id].current[question_id] = {"kind": kind, "status": status, "value": value,
                                                     "user_id": user_id}
    for project in projects.values():
        carry_over(project)
    carry_over_budget(projects, connection)

    now = datetime.now(timezone.utc)
    supersede = (sa.update(answer)
                 .where(answer.c.project_id == sa.bindparam("p_id"), answer.c.question_id == sa.bindparam("q_id"),
                        answer.c.is_current.is_(True))
                 .values(is_current=False))
    for project_id, project in projects.items():
        for question_id, row in project.changes:
            connection.execute(supersede, {"p_id": project_id, "q_id": question_id})
            # value None goes through sa.JSON as the application writes it (JSON null), so both read the same.
            connection.execute(sa.insert(answer).values(
                project_id=project_id, question_id=question_id, kind=row["kind"], status=row["status"],
                value=row["value"], user_id=row["user_id"], created_at=now, is_current=True, step_id=None))


def downgrade() -> None:
    # Only the column goes: the answers the upgrade added are history now, like any other answer, and the
    # rows they superseded are still there.
    with op.batch_alter_table("answer") as batch:
        batch.drop_column("step_id")
