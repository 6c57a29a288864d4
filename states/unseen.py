"""A text typed while the last screen shown is not the guide's question (/avancement, /aide, /equipe…).

Words that would answer or act on whatever question is on screen ("oui", "ok", "aucun", "passer") then refer to
that screen, not to the question out of sight: the question is shown again and nothing is recorded. Other words
still answer it, as they do after /aide, where people type their answer having read the help.
"""
from __future__ import annotations

import re

from dialogs.budget_typed import says_none
from dialogs.model import Kind, Question
from dialogs.parsing import said_yes_no, says_none_of, typed_button, typed_validate

# membership.awaiting after one of these templates, shown last (see Engine._shown).
ELSEWHERE = "elsewhere"
SCREENS_WITHOUT_QUESTION = frozenset({
    "progress", "help", "conformity", "checklist", "checklist_stage", "deferred", "team", "team_member", "projects",
    "passage", "personal_data", "privacy", "budget_lines", "budget_line", "budget_chart", "committee_calendar",
    "dossier_sending", "team_invite_role", "team_invite_partner", "team_invitation", "team_no_links",
    "project_leave_confirm", "project_delete_confirm"})
# "3", "1, 3": a button's number of the screen shown ("3. Calibrer l'équipe" under /checklist), never an option's
# number or a count for the question out of sight.
_FIGURES_RE = re.compile(r"\s*[0-9]+(?:\s*(?:,|;|et|\s)\s*[0-9]+)*\s*[.!]?\s*")


def acts_on_any_question(question: Question, text: str) -> bool:
    """True for a text that says nothing of its own, only yes, no, that will do, nothing, a figure, or a button's
    word."""
    return bool(_FIGURES_RE.fullmatch(text) or said_yes_no(text) is not None or typed_validate(text)
                or typed_button(question, text) is not None or says_none_of(question, text)
                or (question.kind is Kind.BUDGET and says_none(text)))
