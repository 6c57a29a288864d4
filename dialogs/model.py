"""Typed model of the guide: stages, steps, questions, display conditions."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Kind(str, Enum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    INTEGER = "integer"
    EUROS = "euros"
    HOURS = "hours_per_week"
    DATE = "date"
    CHOICE = "choice"
    MULTI = "multi_choice"
    YES_NO = "yes_no"
    TIME_RANGES = "time_ranges"  # one day's opening hours: "9h-12h 14h-17h", or "fermé"
    DECIMAL = "decimal"  # a number with up to two decimals, French comma: "1,5"
    BUDGET = "budget_lines"  # lines of the budget builder, entered with buttons; the answer is their total in cents
    SIRET = "siret"  # an establishment's SIRET, typed with or without spaces; stored as its 14 digits
    ADDRESS = "address"  # a postal address on one line, with a French postal code and the commune after it


CHOICE_KINDS = {Kind.CHOICE, Kind.MULTI}
OTHER = "autre"  # the option whose wording is typed in the "<question>_autre" question


def other_of(question_id: str) -> str:
    """The question where the words for « Autre » at question_id are typed: "equipe_fonctions_autre"."""
    return f"{question_id}_{OTHER}"
# Answered by typing; the others are answered with buttons (typing works too, except for budget lines).
TYPED_KINDS = set(Kind) - CHOICE_KINDS - {Kind.YES_NO, Kind.BUDGET}
BUDGET_SECTIONS = ("investissement", "fonctionnement", "ressources")


class FullTimeShare(Strict):
    """The share of a full-time post an option stands for: exactly one (« Mi-temps »), or a span (« Moins d'un
    mi-temps », above 0 and below 0.5), which a time said in figures ("20 %", "un jour par semaine") names."""

    exactly: Decimal | None = None
    above: Decimal | None = None
    below: Decimal | None = None

    @model_validator(mode="after")
    def _one_way(self) -> "FullTimeShare":
        span = (self.above, self.below)
        if (self.exactly is None and None in span) or (self.exactly is not None and span != (None, None)):
            raise ValueError("a full-time share is either exactly a value, or above one and below another")
        return self

    def holds(self, value: Fraction) -> bool:
        if self.exactly is not None:
            return value == Fraction(self.exactly)
        return Fraction(self.above) < value < Fraction(self.below)

    @property
    def middle(self) -> Fraction:
        """Where it stands, to order the options around a share none holds."""
        return Fraction(self.exactly) if self.exactly is not None else (Fraction(self.above) + Fraction(self.below)) / 2


class Option(Strict):
    id: Identifier
    label: str = Field(min_length=1, max_length=60)
    # Ticked by "tous" typed at a multiple choice ("Autre" never is, nor an option ticked alone).
    in_all: bool = True
    # Ticked alone ("Aucune pour l'instant"): ticking it unticks the others, and ticking another unticks it.
    alone: bool = False
    # What an answer typed for this option may be or begin with, its article aside: "centre-bourg" for « Dans le
    # bourg-centre », "communauté de communes" for « La collectivité locale ». Only phrases that mean it for sure.
    # A budget category's option holds its words and its items (dialogs/budget_model.py), up to 20 of each.
    words: list[str] = Field(default_factory=list, max_length=40)
    # What a body's own name may end with when it is this option: "Communauté" of "Lannion-Trégor Communauté",
    # "Métropole" of "Rennes Métropole".
    name_ends: list[str] = Field(default_factory=list, max_length=10)
    # The share of a full-time post it stands for, which a time said in figures names ("20 %", "un jour par semaine").
    full_time: FullTimeShare | None = None
    # The budget's resource category of this funder: its lines tick the option until the list is answered.
    budget: Identifier | None = None
    # The text question further in its step asking where this option will be, which what a list says of it answers
    # when it names a place: « Itinérance » said "des permanences dans les écarts (Les Lianes)", not "(bus)".
    described_at: Identifier | None = None
    # The date question further in its step that a date typed when leaving this option for another answers anew:
    # the dossier sent back to be completed, then sent again on another day ("redéposé le 3 décembre").
    dated_again: Identifier | None = None


class Answered(Strict):
    """True once the question has a real answer (not skipped, not deferred)."""

    question: Identifier
    answered: Literal[True] = True


class Equals(Strict):
    """True when the answer equals a value (an option id, true/false for yes/no)."""

    question: Identifier
    equals: Union[bool, int, str]


class AnyOf(Strict):
    """True when a single choice is one of the options, or a multiple choice holds one of them."""

    question: Identifier
    any_of: list[Identifier] = Field(min_length=1)


class AtLeast(Strict):
    """True when a number is at least `at_least`, or a multiple choice holds at least that many options."""

    question: Identifier
    at_least: int = Field(ge=1)


class AllOf(Strict):
    all: list["Condition"] = Field(min_length=1)


Condition = Union[Answered, Equals, AnyOf, AtLeast, AllOf]
AllOf.model_rebuild()


class Named(Strict):
    """A prompt that names what the user typed for « Autre » at an earlier question, once it is answered."""

    by: Identifier = Field(description="The earlier short text holding the name: equipe_fonctions_autre.")
    prompt: str = Field(min_length=1, max_length=600, pattern=r"\{name\}",
                        description="The prompt with {name}: « Qui assurera la fonction « {name} » ? »")


class Together(Strict):
    """One organisation typed for what several options are: outre-mer, "la CGSS" is the Assurance maladie, the
    Assurance retraite, the Urssaf and the MSA's agricultural regime."""

    words: list[str] = Field(min_length=1, max_length=10)
    options: list[Identifier] = Field(min_length=2)
    note: str = Field(min_length=1, max_length=300, description="French, said when a typed answer ticked them.")


class Question(Strict):
    id: Identifier
    prompt: str = Field(min_length=1, max_length=600)
    kind: Kind
    required: bool = False
    help: str | None = Field(default=None, max_length=400)
    options: list[Option] = Field(default_factory=list)
    # Bounds of a number or an amount; for budget lines, their count; for time ranges, theirs (min 1: not "fermé").
    min: int | None = None
    max: int | None = None
    when: Condition | None = None
    # A date of something done ("past") or planned ("future"): the other side asks for a confirmation.
    timing: Literal["past", "future", "nearest"] | None = None
    # A date something must be done by: "avant le 31 mars", "au plus tard le 31 mars" say it.
    deadline: bool = False
    # The budget section a budget_lines question fills.
    budget: Literal["investissement", "fonctionnement", "ressources"] | None = None
    # Words a decimal may be typed as ("mi-temps": 0.5), read as option labels are.
    words: dict[str, Decimal] = Field(default_factory=dict)
    # A multiple choice whose options are places in a row (« Conseiller 1 », « Conseiller 2 »…, the last one "and
    # the next"): "deux conseillers" ticks the first two. The word counted, singular: "conseiller".
    counted: str | None = Field(default=None, pattern=r"^[a-zé]+$")
    # A decimal counted in full-time posts, which a share of one may say: "80 %" is 0.8, "deux jours par semaine" 0.4.
    full_time_share: bool = False
    # The answer names people, for the documents to print: "moi" is refused, "c'est moi, Jean Rouvière" is the name.
    person: bool = False
    # The answer is a place, which a calendar file and the dossier print: "à la salle des fêtes" is "Salle des fêtes".
    place: bool = False
    # The text right after it in its step, which words typed along with the answer answer too: a person's
    # function ("Marie Dupont, chargée de mission"), the name of what a choice's option is ("la communauté de
    # communes du Causse"), the details of a list ("2 agents, le local de l'ancienne perception"), the count
    # a short text ends with in its `unit` ("les 31 communes de la CC, environ 16 000 habitants").
    also_answers: Identifier | None = None
    # The territory the project was given at its creation stands for this answer until one is typed (the documents
    # print it); a count said there with it ("…, 3 200 habitants") answers its `also_answers`, as here.
    project_territory: bool = False
    # What a whole number counts, as people say it after the figure ("habitants").
    unit: str | None = Field(default=None, pattern=r"^[a-zé]+$")
    # An earlier short text of the step whose answer may name one of this choice's options or of this decimal's
    # words: "à recruter, temps plein" as who will do a job answers its status and its time too.
    implied_by: Identifier | None = None
    named: Named | None = None
    # The later answers of its step that describe who or what this answer names, each with a short French name
    # ("l'adresse"): when the name changes for another, the chat asks to check those already given.
    identifies: dict[Identifier, str] = Field(default_factory=dict)
    # The budget's resource category whose lines this question is about ("la DETR financera-t-elle…"): shown under it.
    budget_lines_of: Identifier | None = None
    # A multiple choice's options that one name typed ticks together.
    together: list[Together] = Field(default_factory=list)

    @model_validator(mode="after")
    def _options_match_kind(self) -> "Question":
        if self.timing is not None and self.kind is not Kind.DATE:
            raise ValueError(f"question {self.id}: timing is only for dates")
        if self.deadline and self.kind is not Kind.DATE:
            raise ValueError(f"question {self.id}: deadline is only for dates")
        if (self.budget is not None) != (self.kind is Kind.BUDGET):
            raise ValueError(f"question {self.id}: a budget_lines question names its budget section, and only it")
        if self.kind in CHOICE_KINDS and len(self.options) < 2:
            raise ValueError(f"question {self.id}: a {self.kind.value} needs at least two options")
        if self.kind not in CHOICE_KINDS and self.options:
            raise ValueError(f"question {self.id}: options are only for choices")
        if self.kind is not Kind.MULTI and any(o.alone for o in self.options):
            raise ValueError(f"question {self.id}: an option ticked alone is only for a multiple choice")
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError(f"question {self.id}: duplicate option id")
        if self.together and self.kind is not Kind.MULTI:
            raise ValueError(f"question {self.id}: together is only for a multiple choice")
        if unknown := [option for group in self.together for option in group.options if option not in ids]:
            raise ValueError(f"question {self.id}: together names no option {unknown[0]}")
        if self.words and self.kind is not Kind.DECIMAL:
            raise ValueError(f"question {self.id}: words are only for decimals")
        if self.counted is not None and self.kind is not Kind.MULTI:
            raise ValueError(f"question {self.id}: counted is only for multiple choices")
        if self.full_time_share and self.kind is not Kind.DECIMAL:
            raise ValueError(f"question {self.id}: full_time_share is only for decimals")
        if self.kind is not Kind.MULTI and any(o.described_at for o in self.options):
            raise ValueError(f"question {self.id}: an option's described_at is only for a multiple choice")
        if self.kind is not Kind.MULTI and any(o.budget for o in self.options):
            raise ValueError(f"question {self.id}: an option's budget is only for a multiple choice")
        if self.kind is not Kind.CHOICE and any(o.full_time for o in self.options):
            raise ValueError(f"question {self.id}: an option's full_time is only for a single choice")
        if self.person and self.kind is not Kind.SHORT_TEXT:
            raise ValueError(f"question {self.id}: person is only for short texts")
        if self.place and self.kind is not Kind.SHORT_TEXT:
            raise ValueError(f"question {self.id}: place is only for short texts")
        if self.implied_by is not None and not (self.kind is Kind.CHOICE or (self.kind is Kind.DECIMAL and self.words)):
            raise ValueError(f"question {self.id}: implied_by is only for a single choice or a decimal's words")
        if self.identifies and self.kind is not Kind.SHORT_TEXT:
            raise ValueError(f"question {self.id}: identifies is only for a short text naming someone or something")
        if self.also_answers is not None and not (self.kind is Kind.SHORT_TEXT or self.kind in CHOICE_KINDS):
            raise ValueError(f"question {self.id}: also_answers is only for a short text or a choice")
        if self.project_territory and self.kind is not Kind.SHORT_TEXT:
            raise ValueError(f"question {self.id}: project_territory is only for a short text")
        if self.unit is not None and self.kind is not Kind.INTEGER:
            raise ValueError(f"question {self.id}: unit is only for whole numbers")
        outside = [word for word, value in self.words.items()
                   if (self.min is not None and value < self.min) or (self.max is not None and value > self.max)]
        if outside:
            raise ValueError(f"question {self.id}: {', '.join(outside)} outside min and max")
        return self

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    def label_of(self, option_id: str) -> str:
        """An option's label; an option this referential does not offer (chosen under another, the answer kept
        when the project switched) is shown by its id."""
        return next((o.label for o in self.options if o.id == option_id), option_id)


class _Rule(Strict):
    reason: str = Field(min_length=1, max_length=300, description="French, shown when the rule is not met.")


class AnsweredRule(_Rule):
    """Every one of these questions that is shown has a real answer."""

    kind: Literal["answered"]
    questions: list[Identifier] = Field(min_length=1)


class YesRule(_Rule):
    """Every one of these yes/no questions is answered yes."""

    kind: Literal["yes"]
    questions: list[Identifier] = Field(min_length=1)


class IncludesAllRule(_Rule):
    """The multiple choice holds every one of these options; reason may use {missing}."""

    kind: Literal["includes_all"]
    question: Identifier
    options: list[Identifier] = Field(min_length=1)


class MinSelectedRule(_Rule):
    """At least `min` of these options are chosen; with `followup`, only those whose
    question `<followup><option>` is answered count. Reason may use {count} and {min}."""

    kind: Literal["min_selected"]
    question: Identifier
    options: list[Identifier] = Field(min_length=1)
    min: int = Field(ge=1)
    followup: str | None = None


class MinWeeklyHoursRule(_Rule):
    """The opening hours of these questions add up to `min_hours`; reason may use {total} and {min}."""

    kind: Literal["min_weekly_hours"]
    questions: list[Identifier] = Field(min_length=1)
    min_hours: float = Field(gt=0)


class MinOpenDaysRule(_Rule):
    """At least `min_days` of these days' opening hours (one time_ranges question a day) are not "fermé"; reason
    may use {count} and {min}."""

    kind: Literal["min_open_days"]
    questions: list[Identifier] = Field(min_length=1)
    min_days: int = Field(ge=1, le=7)


class DateOrderRule(_Rule):
    """The `earlier` date is not after the `later` one (pending while `later` is unanswered)."""

    kind: Literal["date_order"]
    earlier: Identifier
    later: Identifier


class EachSelectedRule(_Rule):
    """For each of these options chosen in the multiple choice, the question `followup` (with "{option}"
    replaced by the option id) is answered, and equals `equals` when given. Reason may use {missing}."""

    kind: Literal["each_selected"]
    question: Identifier
    options: list[Identifier] = Field(min_length=1)
    followup: str = Field(pattern=r"^[a-z][a-z0-9_]*\{option\}[a-z0-9_]*$")
    equals: Union[bool, str, None] = None
    # Options whose follow-up is not required while a condition holds: no local convention with La Poste when
    # La Poste carries the Maison.
    not_for: dict[Identifier, Condition] = Field(default_factory=dict)


class DatesBeforeRule(_Rule):
    """The dates `earlier` (with "{option}" replaced by each chosen option of `question`) are not after
    the `later` date; pending while `later` is unanswered. Reason may use {late}."""

    kind: Literal["dates_before"]
    question: Identifier
    options: list[Identifier] = Field(min_length=1)
    earlier: str = Field(pattern=r"^[a-z][a-z0-9_]*\{option\}[a-z0-9_]*$")
    later: Identifier
    not_for: dict[Identifier, Condition] = Field(default_factory=dict)  # as each_selected's


class AtMostRule(_Rule):
    """The sum of the numbers answered to `smaller` ("equipe_etp_{option}") for these options chosen in the multiple
    choice `question` is not above the number answered to `larger`; pending until each is answered. Reason may use
    {smaller} and {larger}."""

    kind: Literal["at_most"]
    question: Identifier
    options: list[Identifier] = Field(min_length=1)
    smaller: str = Field(pattern=r"^[a-z][a-z0-9_]*\{option\}[a-z0-9_]*$")
    larger: Identifier


class StateAid(Strict):
    """A State aid the guide asks about: the question saying what it funds, and its budget category."""

    question: Identifier
    category: Identifier
    name: str = Field(min_length=1, max_length=60)


class StateAidRule(_Rule):
    """No State aid funds operating costs beside the labelling subsidy, whether the answer to its question
    says so or one of its budget lines does. Known once `listed_in` (the aids identified) is answered, an
    aid's question is, or the budget has resources. Both reasons may use {aids}; `contradiction` is used
    when an aid's answer and its budget lines disagree."""

    kind: Literal["state_aid_not_cumulated"]
    aids: list[StateAid] = Field(min_length=1)
    listed_in: Identifier
    operating: Identifier
    contradiction: str = Field(min_length=1, max_length=300)


class BudgetEnteredRule(_Rule):
    """The operating charges are entered in the budget; not met once `question` (those lines) is skipped."""

    kind: Literal["budget_entered"]
    question: Identifier


class SubsidyPlausibleRule(_Rule):
    """The operating budget is at least the subsidy floor; reason may use {budget} and {floor}."""

    kind: Literal["subsidy_plausible"]


Rule = Annotated[Union[AnsweredRule, YesRule, IncludesAllRule, MinSelectedRule, MinWeeklyHoursRule, MinOpenDaysRule,
                       DateOrderRule,
                       EachSelectedRule, DatesBeforeRule, AtMostRule, StateAidRule, BudgetEnteredRule,
                       SubsidyPlausibleRule],
                 Field(discriminator="kind")]

# The three kinds of rule, named as such everywhere: the cahier des charges' requirements, the fiche's
# recommendations, and the guide's own plausibility checks. Only requirements are counted as requirements.
REQUIREMENT, RECOMMENDATION, PLAUSIBILITY = "exigence", "recommandation", "coherence"
CheckKind = Literal["exigence", "recommandation", "coherence"]


class Check(Strict):
    """A rule the project is checked against, citing the fiche line it comes from."""

    id: Identifier
    kind: CheckKind
    title: str = Field(min_length=1, max_length=120)
    fiche: str = Field(min_length=1, description="The fiche line this check enforces, quoted.")
    step: Identifier = Field(description="The step whose answers fix it.")
    rules: list[Rule] = Field(min_length=1)
    # A parameter not found in a primary text: shown to the user as a rule to confirm with the Préfecture.
    to_confirm: bool = False


BUDGET_ENTERED, BUDGET_BALANCED = "entered", "balanced"


class BudgetState(Strict):
    """A proof read from the budget's lines, not from a question: `entered` once an operating charge is entered
    (the labelling subsidy can be computed); `balanced` once, besides, the subsidy is plausible and the
    resources cover the charges of both the operating budget and the investment plan."""

    budget: Literal["entered", "balanced"]


class EachAnswered(Strict):
    """True when the multiple choice `each_of` is answered and, for each of these options chosen, the question
    `answered` (with "{option}" replaced by the option id) has a real answer: `equals` when it is given."""

    each_of: Identifier
    options: list[Identifier] = Field(min_length=1)
    answered: str = Field(pattern=r"^[a-z][a-z0-9_]*\{option\}[a-z0-9_]*$")
    equals: Union[bool, int, str, None] = None


class AllProved(Strict):
    all: list["Proof"] = Field(min_length=1)


_PROOF_KEYS = ("all", "budget", "each_of", "answered", "equals", "any_of", "at_least")


def _proof_tag(value: Any) -> str | None:
    """The key that says which proof this is, so a malformed one is reported against its own fields."""
    keys = value if isinstance(value, dict) else type(value).model_fields if isinstance(value, BaseModel) else ()
    return next((key for key in _PROOF_KEYS if key in keys), None)


# What proves a checklist item: the display conditions' tests on answers, plus the budget's state and "each
# option chosen has its follow-up answered". Only checklists take them: a question's display never reads the budget.
Proof = Annotated[Union[Annotated[AllProved, Tag("all")], Annotated[BudgetState, Tag("budget")],
                        Annotated[EachAnswered, Tag("each_of")], Annotated[Answered, Tag("answered")],
                        Annotated[Equals, Tag("equals")], Annotated[AnyOf, Tag("any_of")],
                        Annotated[AtLeast, Tag("at_least")]],
                  Discriminator(_proof_tag, custom_error_type="proof", custom_error_message=(
                      "a proof names one of: " + ", ".join(_PROOF_KEYS)))]
AllProved.model_rebuild()


class ChecklistItem(Strict):
    """An action item of the fiche; ticked by what proves it (answers, the budget), or by hand."""

    id: Identifier
    label: str = Field(min_length=1, max_length=120)
    fiche: str = Field(min_length=1)
    proved_by: Proof | None = None


class Step(Strict):
    id: Identifier
    title: str = Field(min_length=1, max_length=120)
    fiche: str = Field(min_length=1, description="The numbered part of the fiche this step comes from.")
    attention: list[str] = Field(default_factory=list, description="The fiche's points d'attention, quoted.")
    attention_by: str | None = Field(default=None, description=(
        "The referential whose texts replaced the fiche's points d'attention (its name); set when it is loaded."))
    questions: list[Question] = Field(min_length=1)
    tool: Literal["budget"] | None = Field(default=None, description="A tool the step's recap opens.")
    recall: list[Identifier] = Field(default_factory=list, description=(
        "Questions of earlier steps shown again here first, with their answer and a one-tap 'still true'."))
    weekly_hours: bool = Field(default=False, description=(
        "The recap adds up the step's time ranges into hours a week: opening hours, not a meeting's hour."))
    tour: Identifier | None = Field(default=None, description=(
        "The step's long text keeping, one line a day, the words typed around a day's opening hours: a bus's tour, "
        "its places."))

    @model_validator(mode="after")
    def _has_hours_to_add(self) -> Step:
        if self.weekly_hours and not any(q.kind is Kind.TIME_RANGES for q in self.questions):
            raise ValueError(f"step {self.id}: weekly_hours without a time_ranges question")
        if self.tour is not None and not any(q.id == self.tour and q.kind is Kind.LONG_TEXT for q in self.questions):
            raise ValueError(f"step {self.id}: tour {self.tour!r} is no long text of the step")
        return self


class Stage(Strict):
    id: Identifier
    order: int = Field(ge=1)
    title: str = Field(min_length=1, max_length=120)
    fiche: str = Field(min_length=1, description="The fiche section this stage comes from.")
    steps: list[Step] = Field(min_length=1)
    checks: list[Check] = Field(default_factory=list)
    checklist: list[ChecklistItem] = Field(default_factory=list)


class GuideHeader(Strict):
    referential: Identifier
    version: str = Field(min_length=1)
    source: str = Field(min_length=1)


class Guide(GuideHeader):
    stages: list[Stage] = Field(min_length=1)
