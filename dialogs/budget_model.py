"""The budget builder as data: line categories and the labelling subsidy rule (dialogs/budget.yaml)."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from dialogs.choices import ambiguous_words
from dialogs.errors import GuideError
from dialogs.model import Identifier, Kind, Option, Question, Strict
from dialogs.yaml_files import read_yaml

BUDGET_FILE = Path(__file__).parent / "budget.yaml"
INVESTMENT, OPERATING = "investissement", "fonctionnement"
Use = Literal["investissement", "fonctionnement"]


class Category(Strict):
    id: Identifier
    label: str = Field(min_length=1, max_length=60)
    other: bool = False   # the user names the line
    state_aid: bool = False  # a State aid (DETR…): not cumulative with the labelling subsidy for operating costs
    # What a line typed for this category may begin with ("loyer", "mairie"), as an option's words.
    words: list[str] = Field(default_factory=list, max_length=20)
    # The same for what the line pays for ("carburant", "chauffeur"): the line's wording, printed as typed.
    items: list[str] = Field(default_factory=list, max_length=20)
    # What a funder's own name may end with ("Lannion-Trégor Communauté"), as an option's.
    name_ends: list[str] = Field(default_factory=list, max_length=10)

    @cached_property
    def option(self) -> Option:
        """The category as a choice, for a line typed instead of tapped."""
        return Option(id=self.id, label=self.label, words=[*self.words, *self.items], name_ends=self.name_ends)


class SubsidyRule(Strict):
    """The fiche's rule: a share of the operating budget, between a floor and a ceiling."""

    kind: Literal["rate"] = "rate"
    rate_percent: int = Field(gt=0, le=100)
    floor_euros: int = Field(ge=0)
    ceiling_euros: int = Field(gt=0)
    funds: list[str] = Field(min_length=1, description="The funds it comes from, as sentences name them.")
    fiche: str


class Fund(Strict):
    """A fund paying its share of a forfait."""

    id: Identifier
    label: str = Field(min_length=1, max_length=80)
    percent: int = Field(gt=0, le=100)
    short: str | None = Field(default=None, min_length=1, max_length=20,
                              description="Its name in a formula (« FNFS »); the label when absent.")

    @property
    def name(self) -> str:
        return self.short or self.label


class Bonus(Strict):
    """An increase of the forfait where the territory qualifies (a yes/no question asks); its amount may be
    unknown, then it is announced, not counted."""

    question: Identifier
    label: str = Field(min_length=1, max_length=120)
    euros: int | None = Field(default=None, gt=0)
    source: str
    to_confirm: bool = False


class ForfaitRule(Strict):
    """A yearly forfait per labelled structure: the amount of the budget's year (the last year listed at or before
    it), shared between funds, never above the operating budget."""

    kind: Literal["forfait"]
    label: str = Field(min_length=1, max_length=60, description="Its name in messages: « Forfait France services ».")
    by_year: dict[int, int] = Field(min_length=1, description="From this year on: euros a year.")
    funds: list[Fund] = Field(min_length=1)
    bonus: Bonus | None = None
    source: str

    @model_validator(mode="after")
    def _funds_share_everything(self) -> ForfaitRule:
        if sum(fund.percent for fund in self.funds) != 100:
            raise ValueError("the funds' percents must add up to 100")
        if len({fund.id for fund in self.funds}) != len(self.funds):
            raise ValueError("two funds share an id")
        if any(euros <= 0 for euros in self.by_year.values()):
            raise ValueError("a forfait is a positive number of euros")
        return self

    def listed_year(self, year: int) -> int | None:
        """The year whose amount applies to `year`: the last listed at or before it; None before the first."""
        return max((listed for listed in self.by_year if listed <= year), default=None)

    @property
    def last_year(self) -> int:
        return max(self.by_year)


class FramingQuestions(Strict):
    """The guide questions giving the budget year, whether the Maison operates, and its opening date."""

    year: Identifier
    operating: Identifier
    opening: Identifier


def _said_once(categories: list[Category]) -> list[Category]:
    """A typed line names one category of its section: two said alike would make it a guess."""
    if clashes := ambiguous_words([category.option for category in categories]):
        raise ValueError(f"{clashes[0]!r} names two categories once typed, or none")
    return categories


Section = Annotated[list[Category], Field(min_length=1), AfterValidator(_said_once)]


class Charges(Strict):
    investissement: Section
    fonctionnement: Section


class BudgetModel(Strict):
    framing: FramingQuestions
    # The fiche's rule (budget.yaml); a referential may give a project another (dialogs/referential_model.py).
    subsidy: SubsidyRule | ForfaitRule
    charges: Charges
    resources: Section
    subsidy_words: list[str] = Field(default_factory=list)
    names_with_article: list[str] = Field(default_factory=list)  # "La Poste": one article, then the name

    @cached_property
    def categories(self) -> dict[str, Category]:
        every = [*self.charges.investissement, *self.charges.fonctionnement, *self.resources]
        return {category.id: category for category in every}

    def section(self, name: str) -> list[Category]:
        """A budget question's categories, by its section's name (model.BUDGET_SECTIONS)."""
        return {"investissement": self.charges.investissement, "fonctionnement": self.charges.fonctionnement,
                "ressources": self.resources}[name]

    def charge_use(self, category_id: str) -> Use:
        return INVESTMENT if any(c.id == category_id for c in self.charges.investissement) else OPERATING


def load_budget_model(path: Path = BUDGET_FILE) -> BudgetModel:
    return BudgetModel.model_validate(read_yaml(path))


def check_framing(model: BudgetModel, questions: dict[str, Question]) -> None:
    """The framing names guide questions of the right kinds, and so does a forfait's bonus; else the guide cannot
    start."""
    expected = {model.framing.year: Kind.INTEGER, model.framing.operating: Kind.YES_NO,
                model.framing.opening: Kind.DATE}
    for question_id, kind in expected.items():
        question = questions.get(question_id)
        if question is None or question.kind is not kind:
            raise GuideError(f"budget.yaml: framing: {question_id!r} must be a {kind.value} question of the guide")
    bonus = model.subsidy.bonus if isinstance(model.subsidy, ForfaitRule) else None
    if bonus is not None:
        question = questions.get(bonus.question)
        if question is None or question.kind is not Kind.YES_NO:
            raise GuideError(f"subsidy: bonus: {bonus.question!r} must be a {Kind.YES_NO.value} question of the guide")


def check_funders(model: BudgetModel, questions: dict[str, Question]) -> None:
    """The budget's resource categories the guide's questions name exist; else the guide cannot start."""
    resources = {category.id for category in model.resources}
    for question in questions.values():
        named = [question.budget_lines_of] + [option.budget for option in question.options]
        if unknown := [category for category in named if category is not None and category not in resources]:
            raise GuideError(f"question {question.id}: {unknown[0]!r} is no resource category of budget.yaml")
