"""A referential as data (dialogs/referentials/*.yaml): the rules a project is checked against, and how they differ.

The stage files of dialogs/guide/ are the questions every referential shares. A referential names itself, its
sources, its subsidy rule, and the questions and checks it replaces, adds or removes.
"""
from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field, model_validator

from dialogs.budget_model import ForfaitRule, SubsidyRule
from dialogs.model import Check, ChecklistItem, Identifier, Question, Strict


class Source(Strict):
    """A text the referential's rules come from."""

    id: Identifier
    title: str = Field(min_length=1, max_length=300)
    url: str | None = None


class AddedQuestion(Strict):
    after: Identifier = Field(description="The question it follows, in that question's step.")
    question: Question


class QuestionChanges(Strict):
    replace: list[Question] = Field(default_factory=list, description="Same id: another prompt, other options.")
    add: list[AddedQuestion] = Field(default_factory=list)
    remove: list[Identifier] = Field(default_factory=list)


class AddedCheck(Strict):
    stage: Identifier
    check: Check


class CheckChanges(Strict):
    replace: list[Check] = Field(default_factory=list, description="Same id: other rules or parameters.")
    add: list[AddedCheck] = Field(default_factory=list)
    remove: list[Identifier] = Field(default_factory=list)


class AddedItem(Strict):
    stage: Identifier
    item: ChecklistItem


class ChecklistChanges(Strict):
    replace: list[ChecklistItem] = Field(default_factory=list, description="Same id: another action or proof.")
    add: list[AddedItem] = Field(default_factory=list)
    remove: list[Identifier] = Field(default_factory=list)


class StepChange(Strict):
    """A step's points d'attention as this referential's texts give them."""

    id: Identifier
    attention: list[str]


Subsidy = Annotated[Union[SubsidyRule, ForfaitRule], Field(discriminator="kind")]


class ReferentialFile(Strict):
    id: Identifier
    version: str = Field(min_length=1, max_length=20)
    name: str = Field(min_length=1, max_length=60, description="The label's name: « France services ».")
    choice: str = Field(min_length=1, max_length=60, description="The button that chooses it.")
    summary: str = Field(min_length=1, max_length=200, description="One line under the choice: what it is.")
    # What a choice typed instead of tapped may say for it, as an option's `words`: "les règles en vigueur", "MSAP".
    words: list[str] = Field(default_factory=list, max_length=20)
    default: bool = Field(default=False, description="The referential of projects created before the choice.")
    # The referential that replaced this one: /passage shows what a project lacks to move to it.
    successor: Identifier | None = None
    sources: list[Source] = Field(min_length=1)
    # The dossier's legal visas ("Vu la loi n° 2000-321 …"), in order.
    visas: list[str] = Field(default_factory=list)
    requirements_basis: str = Field(min_length=1, max_length=300, description=(
        "What sets the requirements it checks, completing « Conditions de la labellisation fixées par … »."))
    # None: the fiche's rule of dialogs/budget.yaml.
    subsidy: Subsidy | None = None
    questions: QuestionChanges = Field(default_factory=QuestionChanges)
    checks: CheckChanges = Field(default_factory=CheckChanges)
    checklist: ChecklistChanges = Field(default_factory=ChecklistChanges)
    # What the documents quote from the answers for this referential's own checks, as dialogs/dossier.yaml's
    # `evidence` does for the shared ones.
    evidence: dict[Identifier, list[str]] = Field(default_factory=dict)
    # How the documents' sentences name the operators this referential adds ("l'Urssaf"), as dialogs/dossier.yaml's
    # `operators.names` does for the shared ones.
    operator_names: dict[Identifier, str] = Field(default_factory=dict)
    steps: list[StepChange] = Field(default_factory=list)

    @model_validator(mode="after")
    def _sources_unique(self) -> ReferentialFile:
        ids = [source.id for source in self.sources]
        if len(ids) != len(set(ids)):
            raise ValueError("two sources share an id")
        return self

