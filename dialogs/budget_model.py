"""The budget builder as data: line categories and the labelling subsidy rule (dialogs/budget.yaml)."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field

from dialogs.errors import GuideError
from dialogs.model import Identifier, Kind, Question, Strict
from dialogs.yaml_files import read_yaml

BUDGET_FILE = Path(__file__).parent / "budget.yaml"
INVESTMENT, OPERATING = "investissement", "fonctionnement"
Use = Literal["investissement", "fonctionnement"]


class Category(Strict):
    id: Identifier
    label: str = Field(min_length=1, max_length=60)
    other: bool = False   # the user names the line
    state_aid: bool = False  # a State aid (DETR…): not cumulative with the labelling subsidy for operating costs


class SubsidyRule(Strict):
    rate_percent: int = Field(gt=0, le=100)
    floor_euros: int = Field(ge=0)
    ceiling_euros: int = Field(gt=0)
    fiche: str


class FramingQuestions(Strict):
    """The guide questions giving the budget year, whether the Maison operates, and its opening date."""

    year: Identifier
    operating: Identifier
    opening: Identifier


class Charges(Strict):
    investissement: list[Category] = Field(min_length=1)
    fonctionnement: list[Category] = Field(min_length=1)


class BudgetModel(Strict):
    framing: FramingQuestions
    subsidy: SubsidyRule
    charges: Charges
    resources: list[Category] = Field(min_length=1)

    @cached_property
    def categories(self) -> dict[str, Category]:
        every = [*self.charges.investissement, *self.charges.fonctionnement, *self.resources]
        return {category.id: category for category in every}

    def charge_use(self, category_id: str) -> Use:
        return INVESTMENT if any(c.id == category_id for c in self.charges.investissement) else OPERATING


def load_budget_model(path: Path = BUDGET_FILE) -> BudgetModel:
    return BudgetModel.model_validate(read_yaml(path))


def check_framing(model: BudgetModel, questions: dict[str, Question]) -> None:
    """The framing names guide questions of the right kinds; else the guide cannot start."""
    expected = {model.framing.year: Kind.INTEGER, model.framing.operating: Kind.YES_NO,
                model.framing.opening: Kind.DATE}
    for question_id, kind in expected.items():
        question = questions.get(question_id)
        if question is None or question.kind is not kind:
            raise GuideError(f"budget.yaml: framing: {question_id!r} must be a {kind.value} question of the guide")
