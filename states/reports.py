"""The views a project can ask for at any time: conformity, checklist, deferred questions, stage end."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import groupby
from typing import Any
from zoneinfo import ZoneInfo

from dialogs import formatting
from dialogs.budget import BudgetSummary
from dialogs.calendar import local_date
from dialogs.checks import BY_HAND, PROVED, CheckResult, ItemState, Proofs, State, evaluate
from dialogs.loader import LoadedGuide
from dialogs.model import PLAUSIBILITY, RECOMMENDATION, REQUIREMENT, ChecklistItem, Question, Stage
from dialogs.partners import Partners
from dialogs.ui import UiTexts
from states.buttons import Action
from states.events import Button, Reply
from states.progress import DEFERRED, ProjectView
from store.repo import ChecklistEvidence

MakeButton = Callable[[str, str, "int | None"], Button]
KINDS = (REQUIREMENT, RECOMMENDATION, PLAUSIBILITY)  # the order in which every report lists them
# Lines /a_traiter lists at once, each with its button: Telegram refuses a keyboard of more than 100.
DEFERRED_SHOWN = 40
# Answers left for later this many in a row or more (in a recap), or questions about one partner (in /a_traiter): one
# line, not one each.
ONE_LINE_RUN = 3


class Reports:
    def __init__(self, guide: LoadedGuide, ui: UiTexts, view: ProjectView, button: MakeButton,
                 budget: Callable[[], BudgetSummary], evidence: Callable[[], ChecklistEvidence] | None = None,
                 zone: ZoneInfo | None = None, partners: Partners | None = None) -> None:
        """With `evidence` (the repository's checklist_evidence for the project) and the bot's `zone`, the
        checklist says on which day each item was proved or ticked, as the documents do; with `partners`, the
        questions left for later name the partner a run of them is about."""
        self.guide = guide
        self.partners = partners
        self.ui = ui
        self.view = view
        self.button = button
        self.budget = budget  # read only when a budget check or proof is evaluated
        self.evidence = evidence
        self.zone = zone

    def results(self, stages: list[Stage] | None = None) -> list[CheckResult]:
        return evaluate(stages or self.guide.stages, self.guide.questions, self.view.answers, self.budget)

    def conformity(self) -> Reply:
        results = self.results()
        rows = [[self.button(self.ui.buttons.fix.format(title=r.check.title), Action.FIX,
                             self.guide.checks.index(r.check))]
                for r in results if r.state is not State.SATISFIED]
        groups = [{"kind": kind, "checks": [_check_values(r) for r in results if r.check.kind == kind]}
                  for kind in KINDS]
        return Reply("conformity", {"requirements": requirement_counts(results),
                                    "groups": [g for g in groups if g["checks"]], "open": bool(rows)},
                     rows + [[self.button(self.ui.buttons.menu, Action.MENU, None)]])

    def checklist_states(self, marks: Mapping[str, bool]) -> dict[str, ItemState]:
        """Every item's state, as the documents compute it; `marks` are the hand marks, used when no evidence
        (which holds them with their times) was given."""
        if self.evidence is None:
            proofs, dated = Proofs(self.view.values, self.budget), marks
        else:
            evidence = self.evidence()
            proofs = Proofs(self.view.values, self.budget, evidence.answers, evidence.budget_changed)
            dated = evidence.marks
        return {item.id: proofs.state(item, dated.get(item.id)) for item in self.guide.checklist}

    def to_tick(self, marks: Mapping[str, bool]) -> int:
        """The items neither proved nor ticked by hand: what the guide's end asks the team to tick."""
        return sum(not state.done for state in self.checklist_states(marks).values())

    def checklist(self, marks: Mapping[str, bool]) -> Reply:
        states, stages = self.checklist_states(marks), []
        for stage in self.guide.stages:
            done = sum(states[item.id].done for item in stage.checklist)
            by_hand = sum(states[item.id].how == BY_HAND for item in stage.checklist)
            stages.append({"order": stage.order, "title": stage.title, "done": done, "by_hand": by_hand,
                           "total": len(stage.checklist)})
        rows = [[self.button(self.ui.buttons.stage.format(order=s["order"], title=s["title"]), Action.CHECKLIST, i)]
                for i, s in enumerate(stages) if s["total"]]
        rows.append([self.button(self.ui.buttons.menu, Action.MENU, None)])
        return Reply("checklist", {"stages": stages}, rows)

    def checklist_stage(self, stage: Stage, marks: Mapping[str, bool], edit: bool = False) -> Reply:
        """The stage's items; those no proof shows get a button to tick or untick them by hand."""
        states, items, rows = self.checklist_states(marks), [], []
        for item in stage.checklist:
            state = states[item.id]
            by_answer = state.how == PROVED
            items.append({"label": item.label, "fiche": item.fiche, "done": state.done, "proved": by_answer,
                          "provable": item.proved_by is not None, "on": self._day(state)})
            if not by_answer:
                template = self.ui.buttons.ticked if state.done else self.ui.buttons.unticked
                rows.append([self.button(template.format(label=item.label), Action.TICK,
                                         self.guide.checklist.index(item))])
        if len(rows) > 1:  # a Maison open for years has done them all: one tap, not ten
            every = all(states[item.id].done for item in stage.checklist)
            rows.append([self.button(self.ui.buttons.untick_all if every else self.ui.buttons.tick_all,
                                     Action.TICK_ALL, self.guide.stages.index(stage))])
        rows.append([self.button(self.ui.buttons.checklist, Action.CHECKLIST, None),
                     self.button(self.ui.buttons.menu, Action.MENU, None)])
        return Reply("checklist_stage", {"stage": stage.title, "order": stage.order, "items": items}, rows, edit=edit)

    def by_hand(self, stage: Stage, marks: Mapping[str, bool]) -> list[ChecklistItem]:
        """The stage's items no answer shows done, which are ticked by hand."""
        states = self.checklist_states(marks)
        return [item for item in stage.checklist if states[item.id].how != PROVED]

    def _day(self, state: ItemState) -> str:
        """"15 mars 2027", or "" when the item is not done or its day is not known."""
        if state.on is None or self.zone is None:
            return ""
        return formatting.long_date(local_date(state.on, self.zone))

    def deferred(self) -> Reply:
        """The questions left for later, by stage: the first DEFERRED_SHOWN lines with a button each (a partner's
        run of questions on one line, numbered from its first), then how many questions more."""
        stages, rows, more, number = [], [], 0, 1
        for stage in self.guide.stages:
            lines = []
            for run in self._deferred_runs(stage):
                if len(rows) == DEFERRED_SHOWN:
                    more += len(run)
                    continue
                lines.append({"number": number, "prompt": self.view.prompt(run[0])} if len(run) == 1 else
                             {"number": number, "last": number + len(run) - 1, "count": len(run),
                              "partner": self.partners.by_question[run[0].id].label})
                rows.append([self.button(self.ui.buttons.answer.format(number=number), Action.ANSWER,
                                         self.guide.question_index[run[0].id])])
                number += len(run)
            if lines:
                stages.append({"order": stage.order, "title": stage.title, "lines": lines})
        way_on = [self.button(self.ui.buttons.resume, Action.RESUME, None),
                  self.button(self.ui.buttons.menu, Action.MENU, None)]
        return Reply("deferred", {"stages": stages, "more": more}, [*rows, way_on])

    def deferred_listed(self) -> list[Question]:
        """The questions /a_traiter lists, in its order, a partner's run each: « ✏️ Répondre 1 » is the first."""
        runs = [run for stage in self.guide.stages for run in self._deferred_runs(stage)][:DEFERRED_SHOWN]
        return [question for run in runs for question in run]

    def _deferred_runs(self, stage: Stage) -> list[list[Question]]:
        """The stage's questions left for later, ONE_LINE_RUN or more about one partner in a row together (a France
        services project leaving its twelve partners for later had seventy lines), the others one by one."""
        questions = [q for step in stage.steps for q in self.view.own_questions(step)
                     if self.view.status(q.id) == DEFERRED]
        of = (lambda q: self.partners.by_question.get(q.id)) if self.partners is not None else (lambda q: None)
        runs: list[list[Question]] = []
        for partner, run in groupby(questions, key=of):
            run = list(run)
            runs += [run] if partner is not None and len(run) >= ONE_LINE_RUN else [[q] for q in run]
        return runs

    def stage_done(self, stage: Stage) -> Reply:
        progress = next(p for p in self.view.stage_progress() if p.stage is stage)
        return Reply("stage_done", {
            "order": stage.order, "title": stage.title, "total": progress.total, "done": progress.done,
            "deferred": progress.deferred, "checks": [_check_values(r) for r in self.results([stage])],
        })

def requirement_counts(results: list[CheckResult]) -> dict[str, int]:
    """The cahier des charges' requirements only: met, not met, still to be answered."""
    requirements = [r for r in results if r.requirement]
    return {"total": len(requirements), "met": sum(r.state is State.SATISFIED for r in requirements),
            "not_met": sum(r.state is State.NOT_MET for r in requirements),
            "pending": sum(r.state is State.PENDING for r in requirements)}


def _check_values(result: CheckResult) -> dict[str, Any]:
    return {"title": result.check.title, "fiche": result.check.fiche, "state": result.state.value,
            "to_confirm": result.check.to_confirm,
            "reason": result.reason, "stage": result.stage.title, "kind": result.check.kind}
