"""The organisations a partner member speaks for: each operator or local partner the guide asks about by name.

They come from dialogs/dossier.yaml, which already says which questions describe each operator and local
partner (its official name, services, referent, signatory, contributions, convention).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from dialogs.dossier_model import DossierSources, PerOption
from dialogs.loader import LoadedGuide
from dialogs.model import OTHER, Step, other_of


def partner_name(key: str | None, labels: Mapping[str, str], values: Mapping[str, Any]) -> str | None:
    """The organisation a partner member answers for, as the team calls it: its option's label ("CAF") or, for
    "Autre", the name the project typed for it ("Chambre d'agriculture"), as the dossier prints it."""
    if key is None:
        return None
    selector, _, option = key.partition(":")
    typed = values.get(other_of(selector)) if option == OTHER else None
    return typed.strip() if isinstance(typed, str) and typed.strip() else labels.get(key)


@dataclass(frozen=True)
class Partner:
    key: str          # "<selecting question>:<option>", as stored on memberships and invitations
    label: str        # the option's label: "CAF"
    name: str         # how a sentence names it, article included: "la CAF" (the label where the data has none)
    selector: str     # the multiple choice where the project chose this partner
    option: str
    questions: tuple[str, ...]  # its questions, in the guide's order
    step: str         # the step that asks them


class Partners:
    def __init__(self, guide: LoadedGuide, sources: DossierSources) -> None:
        self.guide = guide
        self.all: list[Partner] = [partner for group in (sources.operators, sources.local_partners)
                                   for partner in self._of(group)]
        self.by_key = {partner.key: partner for partner in self.all}
        self.by_question = {question: partner for partner in self.all for question in partner.questions}

    def asked_alike(self, question_id: str) -> str | None:
        """What a partner's question asks, whoever it asks it of: "part_contribution_detail" for the CAF's and for
        La Poste's; None for a question about no partner."""
        partner = self.by_question.get(question_id)
        return None if partner is None else re.sub(rf"_{partner.option}(?=_|$)", "", question_id, count=1)

    def _of(self, group: PerOption) -> list[Partner]:
        selector = self.guide.questions[group.question]
        partners = []
        for option in selector.options:
            ids = {group.question_id(field, option.id) for field in group.fields}
            questions = [q for q in self.guide.question_list if q.id in ids]
            if not questions:
                continue  # "Autre": no question asks about it by name
            steps = {self.guide.step_of_question[q.id].id for q in questions}
            if len(steps) != 1:
                raise ValueError(f"{selector.id}:{option.id}: a partner's questions must be in one step")
            named = group.names.get(option.id, option.label)
            partners.append(Partner(f"{selector.id}:{option.id}", option.label, named, selector.id, option.id,
                                    tuple(q.id for q in questions), steps.pop()))
        return partners

    def chosen(self, values: dict[str, Any]) -> list[Partner]:
        """The partners this project chose, in the guide's order."""
        return [p for p in self.all if p.option in (values.get(p.selector) or [])]

    def step(self, key: str) -> Step:
        """The partner's part of its step: only its questions, none recalled from earlier steps. An organisation
        these rules do not have (another referential's, before the project switched) has none to answer, in the
        step that chooses the partners."""
        if key not in self._steps:
            step = self.guide.step_of_question[key.partition(":")[0]]
            return step.model_copy(update={"questions": [], "recall": []})
        return self._steps[key]

    @cached_property
    def _steps(self) -> dict[str, Step]:
        steps = {}
        for partner in self.all:
            step = self.guide.step(partner.step)
            steps[partner.key] = step.model_copy(update={
                "questions": [q for q in step.questions if q.id in partner.questions], "recall": []})
        return steps
