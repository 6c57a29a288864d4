"""The view model of the documents: plain, already formatted data; the DOCX and the PDF read the same one.

Every text is ready to print (amounts, dates and hours in French); user answers are kept verbatim
and must be escaped by the renderers, never interpreted.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fact:
    label: str   # the question's prompt, or a short heading
    text: str    # the answer, formatted ("Oui", "9 h – 12 h, 14 h – 17 h", "12 400", "15 mars 2027", …)


@dataclass(frozen=True)
class StepView:
    title: str
    fiche: str
    facts: list[Fact]                     # answered questions only, in guide order
    deferred: list[str] = field(default_factory=list)   # prompts left for later


@dataclass(frozen=True)
class StageView:
    order: int
    title: str
    fiche: str
    steps: list[StepView]


@dataclass(frozen=True)
class Partner:
    name: str                 # "La Poste", "CAF", …
    services: str             # verbatim, "" when not given
    convention: str           # "à préparer", "en discussion", "signée", "" when not given
    signed_on: str            # "2 mars 2027" or ""


@dataclass(frozen=True)
class DayHours:
    day: str                  # "Lundi"
    hours: str                # "9 h – 12 h, 14 h – 17 h", "fermé", or "" when not given


@dataclass(frozen=True)
class CheckView:
    title: str
    state: str                # "satisfied" | "pending" | "not_met"
    reason: str               # French reason when not met, else ""
    fiche: str                # the fiche line it enforces
    kind: str                 # "exigence" | "recommandation" | "coherence" (dialogs.model)
    kind_name: str            # "Exigence du cahier des charges", "Recommandation de la fiche technique", …
    verdict: str              # the state in words for its kind: "Respectée", "Non suivie", "À renseigner", …


@dataclass(frozen=True)
class CheckGroup:
    kind: str                 # one group per kind of rule, always the three, in that order
    heading: str              # "Exigences du cahier des charges"
    intro: str                # what this kind of rule is, in one sentence
    checks: list[CheckView]   # in guide order; may be empty


@dataclass(frozen=True)
class RequirementCount:
    """The cahier des charges' requirements only: recommendations and plausibility checks are not counted."""

    met: int
    not_met: int
    pending: int              # not yet answered
    total: int


@dataclass(frozen=True)
class MoneyLine:
    label: str
    amount: str               # "12 500 €"
    use: str                  # "investissement" | "fonctionnement"


@dataclass(frozen=True)
class PlanView:
    charges: str
    resources: str
    gap: str                  # "" when balanced or in surplus
    gap_percent: str          # "32,8 %" or ""
    surplus: str              # "" unless resources exceed charges


@dataclass(frozen=True)
class BudgetView:
    year: str                             # "2027" or ""
    investment_charges: list[MoneyLine]
    operating_charges: list[MoneyLine]
    investment_total: str
    operating_total: str
    resources: list[MoneyLine]            # the labelling subsidy first
    subsidy: str                          # "29 000 €"
    subsidy_formula: str                  # "50 % de 58 000 € = 29 000 €" (or with its floor, ceiling, cap)
    operating: PlanView
    investment: PlanView
    notes: list[str]                      # partial year, whole calendar year, DETR conflict, implausible budget


@dataclass(frozen=True)
class ConventionItem:
    number: int                # 1..10, the items of décret n° 2016-403 of 4 April 2016
    title: str
    text: str                  # pre-filled from the answers; "" means a blank to fill in


@dataclass(frozen=True)
class ChecklistItemView:
    label: str
    done: bool


@dataclass(frozen=True)
class ChecklistStage:
    order: int
    title: str
    items: list[ChecklistItemView]


@dataclass(frozen=True)
class Dossier:
    draft: bool                           # "BROUILLON" on every page, the missing list first
    generated_on: str                     # "27 novembre 2026"
    referential: str                      # "Fiche technique … (msap 2016)"
    project: str
    territory: str
    carrier: str                          # the legal carrier, "" when not given
    leader: str                           # the project leader, "" when not given
    missing: list[str]                    # required answers missing: "Étape 2 · <prompt>", the budget included
    unmet: list[CheckView]                # rules not met, each with its kind: requirements first
    summary: list[Fact]                   # a few key facts for page 2
    stages: list[StageView]
    partners: list[Partner]
    local_actors: list[str]
    delivery: list[Fact]                  # delivery modes and points
    schedule: list[DayHours]
    schedule_total: str                   # "26 h par semaine" or ""
    spaces: list[str]
    equipment: list[str]
    team: list[Fact]
    training: list[Fact]
    checks: list[CheckView]               # every rule, in guide order
    check_groups: list[CheckGroup]        # the same rules by kind: requirements, recommendations, plausibility
    requirements: RequirementCount
    conformity: str                       # "Exigences du cahier des charges : 14 respectées sur 17 ; 2 non …"
    budget: BudgetView
    follow_up: list[Fact]                 # indicators, activity report, steering committee
    annexes: list[str]                    # documents to attach
    convention: list[ConventionItem]      # exactly ten
    checklist: list[ChecklistStage]
