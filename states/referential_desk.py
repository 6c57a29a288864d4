"""Which rules a project follows: the choice at its creation, a switch showing first what it would change, and
/passage, what a project lacks to move to the referential that replaced its own."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from dialogs.budget import project_budget
from dialogs.checks import State, evaluate
from dialogs.choices import match_choice
from dialogs.loader import rule_questions
from dialogs.model import REQUIREMENT, Option
from dialogs.referentials import Referential
from dialogs.ui import UiTexts
from states.buttons import Action
from states.events import Button, Reply
from states.progress import ProjectView
from store.repo import StoredAnswer


class ReferentialDesk:
    def __init__(self, referentials: dict[str, Referential], current: Referential, ui: UiTexts, project: str,
                 answers: dict[str, StoredAnswer], budget_lines: Callable[[], Iterable[Any]],
                 button: Callable[..., Button]) -> None:
        self.referentials = referentials
        self.order = list(referentials.values())
        self.current = current
        self.ui = ui
        self.project = project
        self.answers = answers
        self.budget_lines = budget_lines
        self.button = button

    def target(self, position: int | None) -> Referential | None:
        """The referential a button names by its position; None for a forged one."""
        return self.order[position] if position is not None and 0 <= position < len(self.order) else None

    def choice(self, again: bool = False) -> Reply:
        """At creation: which rules the project follows, one line each."""
        options = [{"name": r.meta.name, "choice": r.meta.choice, "summary": r.meta.summary} for r in self.order]
        rows = [[self.button(r.meta.choice, Action.REFERENTIAL_CHOOSE, i)] for i, r in enumerate(self.order)]
        rows.append([self.button(self.ui.buttons.back, Action.BACK)])  # to the territory given
        return Reply("choose_referential", {"project": self.project, "options": options, "again": again}, rows)

    def typed(self, text: str) -> Referential | None:
        """The referential a typed answer names for sure: "les règles en vigueur", "la 2", "MSAP"."""
        options = [Option(id=r.id, label=r.meta.choice, words=r.meta.words) for r in self.order]
        chosen = match_choice(options, text)
        return self.referentials[chosen] if chosen is not None else None

    def others(self) -> Reply:
        """From the menu: the referentials the project could follow instead."""
        rows = [[self.button(r.meta.choice, Action.REFERENTIAL_SWITCH, i)] for i, r in enumerate(self.order)
                if r is not self.current]
        rows.append([self.button(self.ui.buttons.menu, Action.MENU)])
        return Reply("referential_others", {"current": self.current.meta.name, "summary": self.current.meta.summary},
                     rows)

    def preview(self, target: Referential) -> Reply:
        """What following `target` would change, before the team decides; every answer is kept either way."""
        return Reply("referential_switch", {"project": self.project, "current": self.current.meta.name,
                                            "target": target.meta.name, **self.differences(target)},
                     [[self.button(self.ui.buttons.referential_confirm.format(name=target.meta.name),
                                   Action.REFERENTIAL_CHOOSE, self.order.index(target))],
                      [self.button(self.ui.buttons.menu, Action.MENU)]])

    def differences(self, target: Referential) -> dict[str, Any]:
        before, after = _requirements(self.current), _requirements(target)
        return {
            "added": [check.title for key, check in after.items() if key not in before],
            "removed": [check.title for key, check in before.items() if key not in after],
            "changed": [check.title for key, check in after.items() if key in before and before[key] != check],
            "to_confirm": [check.title for check in after.values() if check.to_confirm],
            "questions_added": len(set(target.guide.questions) - set(self.current.guide.questions)),
            "questions_removed": len(set(self.current.guide.questions) - set(target.guide.questions)),
            "subsidy_now": self._subsidy(self.current), "subsidy_then": self._subsidy(target),
        }

    def passage(self) -> Reply:
        """The requirements of the successor the project does not yet meet, each with what to do."""
        successor = self.referentials.get(self.current.meta.successor) if self.current.meta.successor else None
        if successor is None:
            return Reply("passage", {"current": self.current.meta.name, "target": None},
                         [[self.button(self.ui.buttons.menu, Action.MENU)]])
        shared = set(self.current.guide.questions)
        results = evaluate(successor.guide.stages, successor.guide.questions, self.answers,
                           lambda: self._budget(successor))
        items, rows = [], []
        for result in results:
            if not result.requirement or result.state is State.SATISFIED:
                continue
            asked_later = not set().union(*(rule_questions(rule) for rule in result.check.rules)) <= shared
            items.append({"title": result.check.title, "reason": result.reason, "state": result.state.value,
                          "to_confirm": result.check.to_confirm, "asked_later": asked_later})
            if not asked_later:
                rows.append([self.button(self.ui.buttons.fix.format(title=result.check.title), Action.PASSAGE_FIX,
                                         successor.guide.checks.index(result.check))])
        rows.append([self.button(self.ui.buttons.referential_confirm.format(name=successor.meta.name),
                                 Action.REFERENTIAL_SWITCH, self.order.index(successor))])
        rows.append([self.button(self.ui.buttons.menu, Action.MENU)])
        return Reply("passage", {"current": self.current.meta.name, "target": successor.meta.name, "items": items,
                                 "subsidy_now": self._subsidy(self.current),
                                 "subsidy_then": self._subsidy(successor)}, rows)

    def successor_check_step(self, position: int | None) -> str | None:
        """The step that answers a successor's check, named by its position; None for a forged one."""
        successor = self.referentials.get(self.current.meta.successor) if self.current.meta.successor else None
        if successor is None or position is None or not 0 <= position < len(successor.guide.checks):
            return None
        step = successor.guide.checks[position].step
        return step if step in self.current.guide.step_index else None

    def _budget(self, referential: Referential):
        values = ProjectView(referential.guide, self.answers).values
        return project_budget(referential.budget, values, self.budget_lines())

    def _subsidy(self, referential: Referential) -> int | None:
        """The labelling subsidy under this referential's rule for the project's budget; None without a budget."""
        summary = self._budget(referential)
        return summary.subsidy.cents if summary.operating.charges_cents else None


def _requirements(referential: Referential) -> dict:
    return {check.id: check for check in referential.guide.checks if check.kind == REQUIREMENT}
