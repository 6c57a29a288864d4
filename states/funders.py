"""The budget's funders as the guide's questions about them see them: an aid listed in the budget's resources is
ticked in the list of aids until that list is answered; a State aid's lines are shown where its use is asked."""
from __future__ import annotations

from collections.abc import Sequence

from dialogs.model import Question
from states.budget_desk import RESOURCE
from store.repo import BudgetLineRow


def asks_of_budget(question: Question) -> bool:
    """Whether the budget's lines say something of this question's answer."""
    return question.budget_lines_of is not None or any(option.budget for option in question.options)


def budgeted_options(question: Question, lines: Sequence[BudgetLineRow]) -> list[str]:
    """The options of a list of aids whose funder has a line in the budget's resources."""
    funders = {line.category for line in lines if line.section == RESOURCE}
    return [option.id for option in question.options if option.budget in funders]


def budget_lines_shown(question: Question, lines: Sequence[BudgetLineRow]) -> list[dict]:
    """The resource lines a question is about, as the question shows them."""
    categories = {question.budget_lines_of} | {option.budget for option in question.options if option.budget}
    return [{"label": line.label, "cents": line.cents, "use": line.use} for line in lines
            if line.section == RESOURCE and line.category in categories]
