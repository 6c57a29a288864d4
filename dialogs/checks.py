"""The labelling checks, implemented once per rule kind; the guide declares them with parameters."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import Any, Protocol

from dialogs import formatting
from dialogs.budget import BudgetSummary
from dialogs.budget_model import OPERATING
from dialogs.conditions import QuestionTest, holds, proof_leaves, question_tests
from dialogs.model import (BUDGET_ENTERED, REQUIREMENT, AnsweredRule, BudgetEnteredRule, BudgetState, AtMostRule, Check,
                           ChecklistItem, DateOrderRule, DatesBeforeRule, EachSelectedRule, IncludesAllRule, Kind,
                           MinOpenDaysRule, MinSelectedRule, MinWeeklyHoursRule, Proof, Question, Stage, StateAidRule,
                           SubsidyPlausibleRule, YesRule)
from dialogs.schedule import total_minutes

ANSWERED, SKIPPED = "answered", "skipped"

# The placeholders each rule kind fills in its French reason.
PLACEHOLDERS: dict[type, set[str]] = {
    AnsweredRule: set(), YesRule: set(), IncludesAllRule: {"missing"}, MinSelectedRule: {"count", "min"},
    MinWeeklyHoursRule: {"total", "min"}, MinOpenDaysRule: {"count", "min"}, DateOrderRule: set(), EachSelectedRule: {"missing"},
    DatesBeforeRule: {"late"}, AtMostRule: {"smaller", "larger"}, StateAidRule: {"aids"}, BudgetEnteredRule: set(),
    SubsidyPlausibleRule: {"budget", "floor"},
}


class State(str, Enum):
    SATISFIED = "satisfied"
    PENDING = "pending"  # not yet answered
    NOT_MET = "not_met"


class Stored(Protocol):
    status: str
    value: Any


@dataclass(frozen=True)
class CheckResult:
    check: Check
    stage: Stage
    state: State
    reason: str | None = None

    @property
    def requirement(self) -> bool:
        return self.check.kind == REQUIREMENT


def budget_missing(budget: BudgetSummary) -> bool:
    """No operating charge entered: the subsidy, the funding plan and the dossier cannot be computed."""
    return budget.operating.charges_cents == 0


class _Answers:
    """What the rules read: statuses, real answers, which questions are shown, the budget."""

    def __init__(self, questions: Mapping[str, Question], answers: Mapping[str, Stored],
                 budget: Callable[[], BudgetSummary] | None) -> None:
        self.questions = questions
        self.answers = answers
        self._budget = budget
        self.values = {qid: a.value for qid, a in answers.items() if a.status == ANSWERED}

    @cached_property
    def budget(self) -> BudgetSummary | None:
        """Computed once, and only when a budget rule asks."""
        return self._budget() if self._budget else None

    def shown(self, question_id: str) -> bool:
        return holds(self.questions[question_id].when, self.values)

    def status(self, question_id: str) -> str | None:
        answer = self.answers.get(question_id)
        return answer.status if answer else None

    def labels(self, question_id: str, option_ids: list[str]) -> str:
        question = self.questions[question_id]
        return ", ".join(question.label_of(option) for option in option_ids)


def missing_required(questions: Iterable[Question], answers: Mapping[str, Stored]) -> list[Question]:
    """The required questions shown for these answers that have no real answer yet."""
    values = {qid: a.value for qid, a in answers.items() if a.status == ANSWERED}
    return [q for q in questions if q.required and holds(q.when, values)
            and (q.id not in answers or answers[q.id].status != ANSWERED)]


# How a checklist item is done: proved by the answers or the budget, or ticked by hand; "" when it is not done.
PROVED, BY_HAND = "proved", "hand"


class Version(Protocol):
    """One stored version of an answer, oldest first in a question's history."""

    status: str
    value: Any
    at: datetime


class Mark(Protocol):
    """A checklist item's current hand mark: ticked (done) or unticked, and when."""

    done: bool
    at: datetime


@dataclass(frozen=True)
class ItemState:
    """Where a checklist item stands; the chat and the documents both read it from `Proofs.state`."""

    done: bool
    how: str = ""                 # PROVED, BY_HAND, or "" when not done
    on: datetime | None = None    # when it was proved or ticked; None when not done or when no times were given


def budget_state(budget: BudgetSummary, state: str) -> bool:
    """`entered`: an operating charge is entered. `balanced`: besides, the labelling subsidy is plausible and
    neither the operating budget nor the investment plan lacks funding (a surplus is no gap). A forfait is always
    plausible: it has no floor, a small budget only caps it."""
    if budget_missing(budget):
        return False
    if state == BUDGET_ENTERED:
        return True
    return not budget.subsidy.implausible and not budget.operating.gap_cents and not budget.investment.gap_cents


class Proofs:
    """Evaluates checklist items: their proofs on the answered values and, computed once and only when a proof
    reads it, the budget. Given every version of the answers and the time the budget last changed, it also
    says since when a proof holds; without them, states come without dates."""

    def __init__(self, values: Mapping[str, Any], budget: Callable[[], BudgetSummary] | None = None,
                 history: Mapping[str, Sequence[Version]] | None = None,
                 budget_changed: datetime | None = None) -> None:
        self.values = values
        self._budget = budget
        self.history = history
        self.budget_changed = budget_changed

    @cached_property
    def budget(self) -> BudgetSummary | None:
        return self._budget() if self._budget else None

    def holds(self, proof: Proof | None) -> bool:
        """False for no proof, and for a budget proof when no budget was given."""
        return proof is not None and all(self._leaf_holds(leaf) for leaf in proof_leaves(proof))

    def _leaf_holds(self, leaf) -> bool:
        if isinstance(leaf, BudgetState):
            return self.budget is not None and budget_state(self.budget, leaf.budget)
        return all(holds(test, self.values) for test in question_tests(leaf, self.values))

    def since(self, proof: Proof) -> datetime | None:
        """When a proof that holds started to hold for good: the latest start of its parts.

        A test on an answer holds since the oldest version that, going back from the current one, still
        passes it: an answer confirmed again, or raised from 2 visits to 3, keeps its date. A budget state
        holds since the budget last changed. None when no times were given."""
        if self.history is None:
            return None
        starts: list[datetime | None] = []
        for leaf in proof_leaves(proof):
            if isinstance(leaf, BudgetState):
                starts.append(self.budget_changed)
            else:
                starts += [self._answer_since(test) for test in question_tests(leaf, self.values)]
        return None if not starts or None in starts else max(starts)

    def _answer_since(self, test: QuestionTest) -> datetime | None:
        start = None
        for version in reversed(self.history.get(test.question, ())):
            if version.status != ANSWERED or not holds(test, {test.question: version.value}):
                break
            start = version.at
        return start

    def state(self, item: ChecklistItem, mark: Mark | bool | None) -> ItemState:
        """Done when what proves the item holds, or when it is ticked by hand (`mark`: the current hand mark,
        dated, or a plain bool when no times are known).

        A proof wins over a hand mark. The answers (or the budget) say the action is done and the chat shows no
        button for it: to undo it, the team changes the answer; a hand untick never hides a proof. The date is
        the first sign the action was done: the proof's start, or a hand tick given before it. Once the proof no
        longer holds, the hand mark decides again."""
        by_hand = mark if isinstance(mark, bool) else mark is not None and mark.done
        ticked_at = mark.at if by_hand and not isinstance(mark, bool) else None
        if self.holds(item.proved_by):
            dates = [at for at in (self.since(item.proved_by), ticked_at) if at is not None]
            return ItemState(True, PROVED, min(dates) if dates else None)
        return ItemState(True, BY_HAND, ticked_at) if by_hand else ItemState(False)


def ticked(item: ChecklistItem, values: Mapping[str, Any], marks: Mapping[str, bool],
           budget: Callable[[], BudgetSummary] | None = None) -> bool:
    """A checklist item is done when what proves it holds, or when it was ticked by hand.

    Without `budget`, an item proved by the budget counts only when ticked by hand."""
    return Proofs(values, budget).state(item, marks.get(item.id)).done


def proved(item: ChecklistItem, values: Mapping[str, Any], budget: Callable[[], BudgetSummary] | None = None) -> bool:
    return Proofs(values, budget).holds(item.proved_by)


def evaluate(stages: list[Stage], questions: Mapping[str, Question], answers: Mapping[str, Stored],
             budget: Callable[[], BudgetSummary] | None = None) -> list[CheckResult]:
    """Every check of these stages, in guide order, with its state and French reason."""
    seen = _Answers(questions, answers, budget)
    return [_check(stage, check, seen) for stage in stages for check in stage.checks]


def _check(stage: Stage, check: Check, seen: _Answers) -> CheckResult:
    pending = False
    for rule in check.rules:
        state, values = _RULES[type(rule)](rule, seen)
        if state is State.NOT_MET:
            reason = rule.contradiction if values.pop("contradiction", False) else rule.reason
            return CheckResult(check, stage, state, reason.format(**values))
        pending = pending or state is State.PENDING
    return CheckResult(check, stage, State.PENDING if pending else State.SATISFIED)


def _worst(states: list[State]) -> State:
    if State.NOT_MET in states:
        return State.NOT_MET
    return State.PENDING if State.PENDING in states else State.SATISFIED


def _answered(rule: AnsweredRule, seen: _Answers) -> tuple[State, dict]:
    states = []
    for question_id in rule.questions:
        if seen.shown(question_id):
            status = seen.status(question_id)
            states.append(State.SATISFIED if status == ANSWERED else
                          State.NOT_MET if status == SKIPPED else State.PENDING)
    return _worst(states), {}


def _yes(rule: YesRule, seen: _Answers) -> tuple[State, dict]:
    states = []
    for question_id in rule.questions:
        status = seen.status(question_id)
        if status == ANSWERED and seen.shown(question_id):
            states.append(State.SATISFIED if seen.values[question_id] is True else State.NOT_MET)
        else:
            states.append(State.NOT_MET if status == SKIPPED else State.PENDING)
    return _worst(states), {}


def _includes_all(rule: IncludesAllRule, seen: _Answers) -> tuple[State, dict]:
    status = seen.status(rule.question)
    if status not in (ANSWERED, SKIPPED):
        return State.PENDING, {}
    chosen = seen.values.get(rule.question, [])
    missing = [option for option in rule.options if option not in chosen]
    return (State.NOT_MET if missing else State.SATISFIED), {"missing": seen.labels(rule.question, missing)}


def _min_selected(rule: MinSelectedRule, seen: _Answers) -> tuple[State, dict]:
    status = seen.status(rule.question)
    if status not in (ANSWERED, SKIPPED):
        return State.PENDING, {}
    chosen = [option for option in rule.options if option in seen.values.get(rule.question, [])]
    done = waiting = 0
    for option in chosen:
        followup = seen.status(f"{rule.followup}{option}") if rule.followup else ANSWERED
        done += followup == ANSWERED
        waiting += followup not in (ANSWERED, SKIPPED)
    values = {"count": done, "min": rule.min}
    if done >= rule.min:
        return State.SATISFIED, values
    return (State.PENDING if done + waiting >= rule.min else State.NOT_MET), values


def _min_open_days(rule: MinOpenDaysRule, seen: _Answers) -> tuple[State, dict]:
    """A day counts as open when its hours add up to more than nothing; an unanswered day may still open."""
    open_days, waiting = 0, False
    for question_id in rule.questions:
        if seen.status(question_id) == ANSWERED:
            open_days += total_minutes([seen.values[question_id]]) > 0
        elif seen.status(question_id) != SKIPPED:
            waiting = True
    values = {"count": open_days, "min": rule.min_days}
    if open_days >= rule.min_days:
        return State.SATISFIED, values
    return (State.PENDING if waiting else State.NOT_MET), values


def _min_weekly_hours(rule: MinWeeklyHoursRule, seen: _Answers) -> tuple[State, dict]:
    minutes, waiting = 0, False
    for question_id in rule.questions:
        if seen.status(question_id) == ANSWERED:
            value = seen.values[question_id]
            minutes += total_minutes([value]) if seen.questions[question_id].kind is Kind.TIME_RANGES else value
        elif seen.status(question_id) != SKIPPED:
            waiting = True
    needed = round(rule.min_hours * 60)
    values = {"total": formatting.hours(minutes), "min": formatting.hours(needed)}
    if minutes >= needed:
        return State.SATISFIED, values
    return (State.PENDING if waiting else State.NOT_MET), values


def _date_order(rule: DateOrderRule, seen: _Answers) -> tuple[State, dict]:
    if seen.status(rule.later) != ANSWERED:
        return State.PENDING, {}  # nothing to compare yet: not met either
    if seen.status(rule.earlier) != ANSWERED or not seen.shown(rule.earlier):
        return State.PENDING, {}
    earlier, later = (date.fromisoformat(str(seen.values[q])) for q in (rule.earlier, rule.later))
    return (State.SATISFIED if earlier <= later else State.NOT_MET), {}


def _option_labels(seen: _Answers, question_id: str, option_ids: list[str]) -> list[str]:
    return [seen.questions[question_id].option(option).label for option in option_ids]


def _chosen(rule: EachSelectedRule | DatesBeforeRule | AtMostRule, seen: _Answers) -> list[str]:
    """The rule's options chosen, but those it does not apply to now (`not_for`)."""
    exempt = getattr(rule, "not_for", {})
    return [option for option in rule.options if option in seen.values.get(rule.question, [])
            and not (option in exempt and holds(exempt[option], seen.values))]


def _per_option(seen: _Answers, question_id: str, failing: list[str], waiting: bool,
                placeholder: str) -> tuple[State, dict]:
    """Not met when an option fails (named in the reason), else pending while one waits for its answer."""
    values = {placeholder: ", ".join(_option_labels(seen, question_id, failing))}
    if failing:
        return State.NOT_MET, values
    return (State.PENDING if waiting else State.SATISFIED), values


def _each_selected(rule: EachSelectedRule, seen: _Answers) -> tuple[State, dict]:
    if seen.status(rule.question) not in (ANSWERED, SKIPPED):
        return State.PENDING, {}
    failing, waiting = [], False
    for option in _chosen(rule, seen):
        followup = rule.followup.format(option=option)
        status = seen.status(followup)
        if status == ANSWERED and seen.shown(followup):
            if rule.equals is not None and seen.values[followup] != rule.equals:
                failing.append(option)
        elif status == SKIPPED:
            failing.append(option)
        else:
            waiting = True
    return _per_option(seen, rule.question, failing, waiting, "missing")


def _dates_before(rule: DatesBeforeRule, seen: _Answers) -> tuple[State, dict]:
    # Until the options are chosen, no date can be late: that is not yet "met".
    if seen.status(rule.question) not in (ANSWERED, SKIPPED) or seen.status(rule.later) != ANSWERED:
        return State.PENDING, {}
    later = date.fromisoformat(str(seen.values[rule.later]))
    late, waiting = [], False
    for option in _chosen(rule, seen):
        earlier = rule.earlier.format(option=option)
        if seen.status(earlier) == ANSWERED and seen.shown(earlier):
            if date.fromisoformat(str(seen.values[earlier])) > later:
                late.append(option)
        else:
            waiting = True
    return _per_option(seen, rule.question, late, waiting, "late")


def _at_most(rule: AtMostRule, seen: _Answers) -> tuple[State, dict]:
    parts = [rule.smaller.format(option=option) for option in _chosen(rule, seen)]
    if not parts or any(seen.status(q) != ANSWERED or not seen.shown(q) for q in (*parts, rule.larger)):
        return State.PENDING, {}
    smaller, larger = sum(Decimal(str(seen.values[q])) for q in parts), Decimal(str(seen.values[rule.larger]))
    values = {"smaller": formatting.decimal(smaller), "larger": formatting.decimal(larger)}
    return (State.NOT_MET if smaller > larger else State.SATISFIED), values


def _state_aid(rule: StateAidRule, seen: _Answers) -> tuple[State, dict]:
    """An aid's answer and its budget lines are two ways of giving one fact; either can fail the rule."""
    uses = seen.budget.state_aid_uses if seen.budget is not None else {}
    failing, disagree, known = [], False, seen.status(rule.listed_in) == ANSWERED
    for aid in rule.aids:
        answered = seen.status(aid.question) == ANSWERED and seen.shown(aid.question)
        said = answered and seen.values[aid.question] == rule.operating
        lined = OPERATING in uses.get(aid.category, ())
        if said or lined:
            failing.append(aid.name)
        disagree = disagree or (answered and aid.category in uses and said != lined)
        known = known or answered or aid.category in uses
    values = {"aids": ", ".join(failing)}
    if failing:
        return State.NOT_MET, {**values, "contradiction": disagree}
    if known or (seen.budget is not None and seen.budget.resources):
        return State.SATISFIED, values
    return State.PENDING, values


def _budget_entered(rule: BudgetEnteredRule, seen: _Answers) -> tuple[State, dict]:
    if seen.budget is not None and not budget_missing(seen.budget):
        return State.SATISFIED, {}
    return (State.NOT_MET if seen.status(rule.question) == SKIPPED else State.PENDING), {}


def _subsidy_plausible(rule: SubsidyPlausibleRule, seen: _Answers) -> tuple[State, dict]:
    """The operating budget is at least the rate rule's floor. A forfait has no floor: the check does not apply,
    so it holds once the operating charges are entered (the forfait is then capped by the budget, never above)."""
    budget = seen.budget
    if budget is None or not budget.operating.charges_cents:
        return State.PENDING, {}
    if budget.floor_cents is None:  # a forfait: no floor to fall below
        return State.SATISFIED, {}
    values = {"budget": formatting.cents(budget.operating.charges_cents),
              "floor": formatting.cents(budget.floor_cents)}
    return (State.NOT_MET if budget.subsidy.implausible else State.SATISFIED), values


_RULES = {AnsweredRule: _answered, YesRule: _yes, IncludesAllRule: _includes_all,
          MinSelectedRule: _min_selected, MinWeeklyHoursRule: _min_weekly_hours, MinOpenDaysRule: _min_open_days,
          DateOrderRule: _date_order,
          EachSelectedRule: _each_selected, DatesBeforeRule: _dates_before, AtMostRule: _at_most,
          StateAidRule: _state_aid, BudgetEnteredRule: _budget_entered, SubsidyPlausibleRule: _subsidy_plausible}
