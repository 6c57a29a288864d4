"""The view model of the documents: plain, already formatted data; the dossier, the convention-cadre and the
checklist are all composed from one Dossier.

Every text is ready to print (amounts, dates and hours in French); user answers are kept verbatim and escaped
by the templates, never interpreted. No chat prompt is ever part of it: the templates word each section.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from dialogs.folding import fold
from dossier.answers import Answers
from dossier.checklist_view import ChecklistItemView, ChecklistStage

__all__ = ["Answers", "BudgetView", "CarrierView", "CheckGroup", "ChecklistItemView", "ChecklistStage",
           "CheckView", "DayHours", "Dossier", "LabelView", "LocalPartnerView", "Milestone", "MoneyLine",
           "OperatorsRule", "Party", "PartnerView", "PlanView", "RequirementCount", "SourceView", "TeamRow"]


@dataclass(frozen=True)
class SourceView:
    """A text the referential's rules come from."""

    title: str                # "Arrêté du 16 juin 2025 approuvant le référentiel France services"
    url: str                  # "" when it has none


@dataclass(frozen=True)
class LabelView:
    """The label the project asks for, as its referential names and grounds it (dialogs/referentials/*.yaml)."""

    name: str                 # "Maison de services au public", "France services": kickers, footers, « … » in prose
    visas: list[str]          # the convention-cadre's legal visas, in order: "Vu l'arrêté du 16 juin 2025 … ;"
    texts: list[str]          # the same texts as a sentence cites them: "l'arrêté du 16 juin 2025 approuvant …"
    sources: list[SourceView]


@dataclass(frozen=True)
class CarrierView:
    """The legal carrier ("structure porteuse") as the Préfecture identifies it; "" where not answered."""

    name: str                 # legal name, verbatim
    kind: str                 # "La collectivité locale", "Une structure existante", …
    legal_form: str           # the ad hoc structure's legal form, when one is created
    siret: str                # "213 501 723 00017"
    address: str
    town: str                 # the commune of the address, for "Fait à …"
    representative: str       # "Marie Dupont"
    function: str             # "Présidente de la communauté de communes"
    deliberation_on: str      # "12 janvier 2027"
    deliberation_planned: bool = False  # its date is after the document's: "prévue le …", never "a approuvé"
    by_decision: bool = False  # approved by its management's decision (La Poste), not an assembly's deliberation


@dataclass(frozen=True)
class PartnerView:
    """A national operator retained as a partner."""

    key: str                  # the option id ("caf")
    short_name: str           # its name in a sentence ("la CAF"), from dialogs/dossier.yaml
    legal_name: str           # the signing body's official name, verbatim
    signatory: str            # "Nom, fonction" of the person signing for it
    services: str
    contributions: str        # "du personnel et des équipements"
    contribution_detail: str
    staff: bool               # its staff work in the Maison (a contribution chosen)
    referent: str
    convention: str           # "signée", "en discussion", "à préparer", ""
    signed_on: str            # "2 mars 2027" or ""
    detail_repeats: bool = False  # the detail names every contribution ticked: said alone, not after them
    shared: bool = False      # its signing body signs for another operator too (outre-mer, the CGSS)

    @property
    def name(self) -> str:
        """Its name in the convention-cadre, as for the other parties: its legal name, "" (a blank to fill in) until
        given."""
        return self.legal_name


@dataclass(frozen=True)
class LocalPartnerView:
    """A local actor associated with the Maison (a category of the guide, named by its official name)."""

    key: str
    category: str             # "Le Département"
    legal_name: str
    signatory: str
    contributions: str


@dataclass(frozen=True)
class Party:
    """One party to the convention-cadre, named by its legal name and represented by a named person."""

    role: str                 # "gestionnaire" | "operateur" | "partenaire_local"
    name: str                 # "" when not answered: a blank to fill in
    representative: str       # "Marie Dupont, présidente" or ""
    label: str = ""           # whom a blank name stands for ("la CAF", "le Département"); "" for the carrier


@dataclass(frozen=True)
class TeamRow:
    function: str             # "Accueil"
    agent: str                # a name, or "à recruter"
    fte: str                  # "0,8"
    status: str               # "Agent titulaire de la structure porteuse", …
    training: str


@dataclass(frozen=True)
class Milestone:
    date: str                 # "15 mars 2027"
    label: str                # "Signature de la convention avec la CAF"
    done: bool                # in the past on the day the document is made


@dataclass(frozen=True)
class DayHours:
    day: str                  # "Lundi"
    hours: str                # "9 h – 12 h, 14 h – 17 h", "fermé", or "" when not given


@dataclass(frozen=True)
class CheckView:
    id: str
    title: str
    state: str                # "satisfied" | "pending" | "not_met"
    reason: str               # French reason when not met, else ""
    fiche: str                # the fiche line it enforces
    kind: str                 # "exigence" | "recommandation" | "coherence" (dialogs.model)
    kind_name: str            # "Exigence du cahier des charges", "Recommandation de la fiche technique", …
    verdict: str              # the state in words for its kind: "Respectée", "Non suivie", "À renseigner", …
    evidence: str = ""        # what in the answers shows it: "Opérateurs partenaires : la CAF et La Poste."
    to_confirm: bool = False  # a parameter not found in a primary text: printed "règle à confirmer" (the reader is the Préfecture)
    # Its `fiche` quotes the fiche technique of the shared guide; False for a rule the referential replaced or
    # added, whose text names its own source ("Arrêté du 16 juin 2025 … : …").
    from_fiche: bool = True


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
    empty: bool = False       # nothing entered on this side: no balance to state


@dataclass(frozen=True)
class BudgetView:
    year: str                             # "2027" or ""
    investment_charges: list[MoneyLine]
    operating_charges: list[MoneyLine]
    investment_total: str
    operating_total: str
    resources: list[MoneyLine]            # the labelling subsidy first
    subsidy: str                          # "29 000 €"
    # "50 % de 58 000 € = 29 000 €" (or with its floor, ceiling, cap), or a forfait's
    # "Forfait France services 2026 : 50 000 € (FNADT 25 000 €, FNFS 25 000 €)"
    subsidy_formula: str
    operating: PlanView
    investment: PlanView
    notes: list[str]                      # partial year, whole calendar year, DETR conflict, implausible budget
    subsidy_kind: str = "rate"            # "rate": the fiche's 50 %, whose sentences the templates hold; "forfait"
    subsidy_rule: str = ""                # a forfait: what it is and how the funds share it
    subsidy_caveats: list[str] = field(default_factory=list)  # a forfait: amount not yet published, bonus to confirm
    subsidy_source: str = ""              # a forfait: where its amounts come from
    funds: list[str] = field(default_factory=list)  # as titles name them: "FNADT", "FNFS"
    investment_said: bool = False         # lines entered, or validated without any: "none" is then a fact


@dataclass(frozen=True)
class OperatorsRule:
    """What the requirements of the referential ask of the national operators, for the partners' part."""

    minimum: int              # at least this many ("au moins deux"); 0 when no rule counts them
    required: list[str]       # every one of these, by short name (France services: all national partners)


@dataclass(frozen=True)
class Dossier:
    draft: bool                           # "BROUILLON" on every page, the missing list first
    generated_on: str                     # "27 novembre 2026"
    referential: str                      # "Fiche technique … (Maison de services au public 2016)"
    label: LabelView                      # the label asked for: its name, visas and sources
    project: str
    territory: str
    a: Answers                            # every answer, by question id, as printed
    carrier: CarrierView
    leader: str                           # the project leader, "" when not given
    leader_function: str
    missing: list[str]                    # required answers missing, by step: "Étape 3 · Le portage juridique …"
    unmet: list[CheckView]                # rules not met, each with its kind: requirements first
    partners: list[PartnerView]
    operators_rule: OperatorsRule
    local_partners: list[LocalPartnerView]
    parties: list[Party]                  # the convention's parties: the carrier, each operator, each local partner
    schedule: list[DayHours]
    schedule_total: str                   # "26 h par semaine" or ""
    team: list[TeamRow]
    team_fte: str                         # "2,5" or ""
    milestones: list[Milestone]           # in date order
    checks: list[CheckView]               # every rule, in guide order
    check_groups: list[CheckGroup]        # the same rules by kind: requirements, recommendations, plausibility
    requirements: RequirementCount
    conformity: str                       # "Exigences du cahier des charges : 14 respectées sur 17 ; 2 non …"
    budget: BudgetView
    annexes: list[str]                    # documents to attach
    checklist: list[ChecklistStage]

    @property
    def partner_names(self) -> list[str]:
        """Each operator's signing body once, though it signs for several; every blank kept, one per name to give."""
        named = {fold(p.name): p.name for p in reversed(self.partners) if p.name}
        return [p.name for p in self.partners if not p.name or named.pop(fold(p.name), None) is not None]

    @property
    def name_says_label(self) -> bool:
        """The project's name already says its label ("France services de Cajarc"): covers and footers print the
        name alone, never the label twice."""
        return fold(self.label.name) in fold(self.project)
