"""Which answers feed which part of the documents (dialogs/dossier.yaml), checked against the guide."""
from __future__ import annotations

import string
from collections.abc import Iterable
from pathlib import Path

from pydantic import Field

from dialogs.errors import GuideError
from dialogs.model import Check, Identifier, Kind, Question, Strict
from dialogs.yaml_files import read_yaml

DOSSIER_FILE = Path(__file__).parent / "dossier.yaml"
OPTION = "{option}"
# Evidence fields computed from several answers rather than read from one question.
COMPUTED_EVIDENCE = frozenset({"referents", "conventions", "weekly_hours", "open_days", "operating_budget",
                               "operating_resources"})


class CarrierSources(Strict):
    name: Identifier
    kind: Identifier
    legal_form: Identifier
    siret: Identifier
    address: Identifier
    representative: Identifier
    function: Identifier
    deliberation: Identifier
    by_decision: list[Identifier] = Field(default_factory=list)  # options of `kind`


class LeaderSources(Strict):
    name: Identifier
    function: Identifier


class PerOption(Strict):
    """Questions asked once per option chosen in `question`: field -> id pattern with "{option}"."""

    question: Identifier
    fields: dict[str, str]
    names: dict[Identifier, str] = {}   # option id -> its name inside a sentence, article included
    # option id -> the shorter word its questions' ids use, where the option id would make them too long
    ids: dict[Identifier, Identifier] = {}

    def question_id(self, field: str, option_id: str) -> str:
        return self.fields[field].replace(OPTION, self.ids.get(option_id, option_id))


class Day(Strict):
    day: str
    question: Identifier


class MilestoneSource(Strict):
    question: Identifier
    label: str = Field(min_length=1)


class DossierSources(Strict):
    carrier: CarrierSources
    leader: LeaderSources
    operators: PerOption
    local_partners: PerOption
    team: PerOption
    schedule: list[Day]
    milestones: list[MilestoneSource]
    convention_signed: str
    evidence: dict[Identifier, list[str]]
    annexes: list[str]

    def question_ids(self) -> set[str]:
        ids = {*self.carrier.model_dump(exclude={"by_decision"}).values(), *self.leader.model_dump().values(),
               *(d.question for d in self.schedule), *(m.question for m in self.milestones)}
        return ids | {group.question for group in (self.operators, self.local_partners, self.team)}


def evidence_fields(sentence: str) -> list[str]:
    """The {fields} of one evidence sentence."""
    return [name for _, name, _, _ in string.Formatter().parse(sentence) if name]


def load_dossier_sources(questions: dict[str, Question], checks: Iterable[Check], path: Path = DOSSIER_FILE,
                         evidence: dict[str, list[str]] | None = None,
                         operator_names: dict[str, str] | None = None) -> DossierSources:
    """The sources, every question and check id checked against the guide; `evidence` and `operator_names`: a
    referential's own checks' sentences and operators' names, added to the file's."""
    check_ids = {check.id for check in checks}
    sources = DossierSources.model_validate(read_yaml(path))
    if evidence:
        sources = sources.model_copy(update={"evidence": {**sources.evidence, **evidence}})
    if operator_names:
        operators = sources.operators
        names = {**operators.names, **operator_names}
        sources = sources.model_copy(update={"operators": operators.model_copy(update={"names": names})})
    unknown = sorted(q for q in sources.question_ids() if q not in questions)
    if (kind := questions.get(sources.carrier.kind)) is not None:
        unknown += [f"option {option}" for option in sources.carrier.by_decision
                    if option not in {o.id for o in kind.options}]
    for group in (sources.operators, sources.local_partners, sources.team):
        question = questions.get(group.question)
        if question is None:
            continue
        if question.kind is not Kind.MULTI:
            raise GuideError(f"{path.name}: {group.question} must be a multiple choice")
        options = {o.id for o in question.options}
        unknown += [f"option {name}" for name in (*group.names, *group.ids) if name not in options]
        unknown += [pattern for field, pattern in group.fields.items()
                    if not any(group.question_id(field, option) in questions for option in options)]
    for check_id, sentences in sources.evidence.items():
        if check_id not in check_ids:
            unknown.append(f"check {check_id}")
        unknown += [name for sentence in sentences for name in evidence_fields(sentence)
                    if name not in questions and name not in COMPUTED_EVIDENCE]
    if unknown:
        raise GuideError(f"{path.name}: not questions or checks of the guide: {sorted(unknown)}")
    return sources
