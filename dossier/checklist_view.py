"""The documents' checklist: every action of the fiche, stage by stage, with one state and the day it was done.

The state comes from `dialogs.checks.Proofs.state`, as in the chat's /checklist: an item proved by the answers
or the budget, or ticked by hand, is done; its date is when the proof began to hold, or when it was ticked.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dialogs import formatting
from dialogs.budget import BudgetSummary
from dialogs.calendar import local_date
from dialogs.checks import ANSWERED, Proofs, Stored
from dialogs.loader import LoadedGuide
from store.repo import Repository

# The bot's default time zone (bot/config.py): the day an item was done, as the team lived it.
PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class ChecklistItemView:
    label: str
    done: bool
    done_on: str = ""   # "15 mars 2027": the day it was proved or ticked by hand; "" when not done
    how: str = ""       # "proved" (by the answers or the budget), "hand" (ticked by hand), "" when not done


@dataclass(frozen=True)
class ChecklistStage:
    order: int
    title: str
    items: list[ChecklistItemView]


def build_checklist(guide: LoadedGuide, answers: Mapping[str, Stored], repo: Repository, project_id: int,
                    budget: BudgetSummary, zone: ZoneInfo = PARIS) -> list[ChecklistStage]:
    """Every stage's checklist for one project, read through `repo` in the caller's transaction; dates are
    days in `zone`."""
    evidence = repo.checklist_evidence(project_id)
    values = {question_id: a.value for question_id, a in answers.items() if a.status == ANSWERED}
    proofs = Proofs(values, lambda: budget, evidence.answers, evidence.budget_changed)
    stages = []
    for stage in guide.stages:
        items = []
        for item in stage.checklist:
            state = proofs.state(item, evidence.marks.get(item.id))
            done_on = formatting.long_date(local_date(state.on, zone)) if state.done and state.on else ""
            items.append(ChecklistItemView(item.label, state.done, done_on, state.how))
        stages.append(ChecklistStage(stage.order, stage.title, items))
    return stages
