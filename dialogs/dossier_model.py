"""Which answers feed which part of the documents (dialogs/dossier.yaml), checked against the guide."""
from __future__ import annotations

from pathlib import Path

from pydantic import Field

from dialogs.errors import GuideError
from dialogs.model import Identifier, Kind, Question, Strict
from dialogs.yaml_files import read_yaml

DOSSIER_FILE = Path(__file__).parent / "dossier.yaml"


class PartnerSources(Strict):
    question: Identifier
    services_prefix: str
    convention_prefix: str
    signed_suffix: str


class Day(Strict):
    day: str
    question: Identifier


class ConventionSource(Strict):
    title: str = Field(min_length=1)
    questions: list[Identifier]
    project: bool = False           # the project's name and territory
    budget_resources: bool = False  # the resource lines of the budget
    schedule: bool = False          # the weekly opening hours


class DossierSources(Strict):
    leader: Identifier
    carrier: Identifier
    summary: list[Identifier]
    partners: PartnerSources
    local_actors: list[Identifier]
    delivery: list[Identifier]
    schedule: list[Day]
    spaces: Identifier
    equipment: Identifier
    team: list[Identifier]
    training: list[Identifier]
    follow_up: list[Identifier]
    annexes: list[str]
    convention: list[ConventionSource] = Field(min_length=10, max_length=10)

    def question_ids(self) -> set[str]:
        ids = {self.leader, self.carrier, self.partners.question, self.spaces, self.equipment,
               *self.summary, *self.local_actors, *self.delivery, *self.team, *self.training, *self.follow_up,
               *(d.question for d in self.schedule)}
        return ids | {q for item in self.convention for q in item.questions}


def load_dossier_sources(questions: dict[str, Question], path: Path = DOSSIER_FILE) -> DossierSources:
    """The sources, every question id checked against the guide."""
    sources = DossierSources.model_validate(read_yaml(path))
    unknown = sorted(q for q in sources.question_ids() if q not in questions)
    if unknown:
        raise GuideError(f"{path.name}: not questions of the guide: {unknown}")
    operators = questions[sources.partners.question]
    if operators.kind is not Kind.MULTI:
        raise GuideError(f"{path.name}: partners.question must be a multiple choice")
    return sources
