"""Load the guide from YAML, reject a malformed one with a message naming file and field."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from string import Formatter

import yaml
from pydantic import ValidationError

from dialogs.checks import PLACEHOLDERS
from dialogs.choices import ambiguous_words
from dialogs.conditions import follow_up, leaves, proof_leaves
from dialogs.errors import GuideError
from dialogs.yaml_files import read_yaml
from dialogs.model import (CHOICE_KINDS, AnsweredRule, AnyOf, AtLeast, AtMostRule, BudgetEnteredRule, BudgetState,
                           Check, ChecklistItem, DateOrderRule, DatesBeforeRule, EachAnswered, EachSelectedRule, Equals,
                           Guide, GuideHeader, IncludesAllRule, Kind, MinOpenDaysRule, MinSelectedRule,
                           MinWeeklyHoursRule, Option, Proof, Question, Stage, StateAidRule, Step, YesRule, other_of)

GUIDE_DIR = Path(__file__).parent / "guide"
HEADER_FILE = "guide.yaml"


@dataclass(frozen=True)
class LoadedGuide:
    """The validated guide with the lookups the engine needs."""

    guide: Guide
    files: dict[str, str] = field(default_factory=dict)  # stage id -> file name

    @property
    def stages(self) -> list[Stage]:
        return self.guide.stages

    @cached_property
    def steps(self) -> list[Step]:
        return [step for stage in self.stages for step in stage.steps]

    @cached_property
    def step_index(self) -> dict[str, int]:
        return {step.id: i for i, step in enumerate(self.steps)}

    @cached_property
    def stage_of_step(self) -> dict[str, Stage]:
        return {step.id: stage for stage in self.stages for step in stage.steps}

    @cached_property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for step in self.steps for q in step.questions}

    @cached_property
    def step_of_question(self) -> dict[str, Step]:
        return {q.id: step for step in self.steps for q in step.questions}

    @cached_property
    def question_list(self) -> list[Question]:
        return list(self.questions.values())

    @cached_property
    def question_index(self) -> dict[str, int]:
        return {q.id: i for i, q in enumerate(self.question_list)}

    @cached_property
    def implied(self) -> dict[str, list[Question]]:
        """The choices an answer may also answer, by the question whose answer it is (Question.implied_by)."""
        found: dict[str, list[Question]] = {}
        for question in self.question_list:
            if question.implied_by is not None:
                found.setdefault(question.implied_by, []).append(question)
        return found

    @cached_property
    def territory_count(self) -> Question | None:
        """The count the project's territory may be said with at its creation (its population), if the guide has
        one."""
        territory = next((q for q in self.question_list if q.project_territory), None)
        then = self.questions.get(territory.also_answers or "") if territory is not None else None
        return then if then is not None and then.unit is not None else None

    @cached_property
    def checks(self) -> list[Check]:
        return [check for stage in self.stages for check in stage.checks]

    @cached_property
    def checklist(self) -> list[ChecklistItem]:
        return [item for stage in self.stages for item in stage.checklist]

    @cached_property
    def _recalled(self) -> dict[str, list[Question]]:
        return {step.id: [self.questions[q] for q in step.recall] for step in self.steps}

    def recalled(self, step: Step) -> list[Question]:
        """Questions of earlier steps this step shows again for confirmation (none for a partner's part of a step)."""
        return self._recalled[step.id] if step.recall else []

    def step(self, step_id: str) -> Step:
        return self.steps[self.step_index[step_id]]

    def stage(self, stage_id: str) -> Stage:
        return next(stage for stage in self.stages if stage.id == stage_id)


def load_guide(directory: Path = GUIDE_DIR) -> LoadedGuide:
    header = GuideHeader.model_validate(_read(directory / HEADER_FILE))
    stage_files = sorted(p for p in directory.glob("*.yaml") if p.name != HEADER_FILE)
    if not stage_files:
        raise GuideError(f"{directory}: no stage file")
    stages, files = [], {}
    for path in stage_files:
        try:
            stage = Stage.model_validate(_read(path))
        except ValidationError as error:
            raise GuideError(_describe(path, error)) from None
        stages.append(stage)
        files[stage.id] = path.name
    stages.sort(key=lambda s: s.order)
    guide = Guide(**header.model_dump(), stages=stages)
    _check(guide, files)
    return LoadedGuide(guide, files)


def _read(path: Path) -> dict:
    try:
        data = read_yaml(path)
    except (OSError, yaml.YAMLError) as error:
        raise GuideError(f"{path.name}: {error}") from None
    if not isinstance(data, dict):
        raise GuideError(f"{path.name}: expected a mapping at the top level")
    return data


def _describe(path: Path, error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{path.name}: {where}: {first['msg']}"


def _check(guide: Guide, files: dict[str, str]) -> None:
    """Cross-file rules pydantic cannot see: unique ids, orders, conditions on earlier questions."""
    seen: dict[str, str] = {}
    orders: dict[int, str] = {}
    earlier: dict[str, Question] = {}
    showable: dict[str, bool] = {}
    for stage in guide.stages:
        where = files[stage.id]
        if stage.order in orders:
            raise GuideError(f"{where}: order: {stage.order} is also the order of {orders[stage.order]}")
        orders[stage.order] = where
        for label, item_id in [("stage", stage.id)] + [("step", s.id) for s in stage.steps]:
            if item_id in seen:
                raise GuideError(f"{where}: {label} id {item_id!r} is used twice (also in {seen[item_id]})")
            seen[item_id] = where
        for step in stage.steps:
            for question in step.questions:
                field_path = f"{where}: steps.{step.id}.questions.{question.id}"
                if question.id in earlier or question.id in seen:
                    raise GuideError(f"{field_path}: id is used twice")
                _check_condition(question, earlier, field_path)
                _check_named(question, earlier, field_path)
                _check_option_words(question, field_path)
                earlier[question.id] = question
                showable[question.id] = _can_be_shown(question, earlier, showable)
            for position, question in enumerate(step.questions):
                field_path = f"{where}: steps.{step.id}.questions.{question.id}"
                _check_also_answers(question, step.questions[position + 1:position + 3], field_path)
                _check_implied_by(question, step.questions[:position], field_path)
                if unknown := set(question.identifies) - {later.id for later in step.questions[position + 1:]}:
                    raise GuideError(f"{field_path}.identifies: {sorted(unknown)[0]!r} is not a later question of "
                                     "its step")
                texts_later = {later.id for later in step.questions[position + 1:]
                               if later.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT)}
                if wrong := [o.described_at for o in question.options if o.described_at not in (None, *texts_later)]:
                    raise GuideError(f"{field_path}: described_at {wrong[0]!r} is not a later text question of its "
                                     "step")
                dates_later = {later.id for later in step.questions[position + 1:] if later.kind is Kind.DATE}
                if wrong := [o.dated_again for o in question.options if o.dated_again not in (None, *dates_later)]:
                    raise GuideError(f"{field_path}: dated_again {wrong[0]!r} is not a later date question of its "
                                     "step")
            if not any(showable[q.id] for q in step.questions):
                raise GuideError(f"{where}: steps.{step.id}: unreachable step, no question can be shown")
            for recalled in step.recall:
                if recalled not in earlier or any(q.id == recalled for q in step.questions):
                    raise GuideError(f"{where}: steps.{step.id}.recall: {recalled!r} is not a question of an earlier step")
    if len(territories := [q.id for q in earlier.values() if q.project_territory]) > 1:
        raise GuideError(f"project_territory: {territories[1]!r} is the project's territory as {territories[0]!r} is")
    # Checks and checklists may name any question of the guide, earlier or later.
    labels: dict[str, str] = {}
    for stage in guide.stages:
        where = files[stage.id]
        steps = {step.id for step in stage.steps}
        for item in [*stage.checks, *stage.checklist]:
            if item.id in seen:
                raise GuideError(f"{where}: id {item.id!r} is used twice (also in {seen[item.id]})")
            seen[item.id] = where
        for check in stage.checks:
            if check.step not in steps:
                raise GuideError(f"{where}: checks.{check.id}.step: {check.step!r} is not a step of this stage")
            step = next(step for step in stage.steps if step.id == check.step)
            held = {q.id for q in step.questions} | set(step.recall)
            for number, rule in enumerate(check.rules):
                field_path = f"{where}: checks.{check.id}.rules.{number}"
                _check_rule(rule, earlier, field_path)
                if rule_questions(rule) and not held & rule_questions(rule):
                    # The "fix it" button opens this step: it must hold what the rule reads.
                    raise GuideError(f"{field_path}: none of its questions is in step {check.step!r}")
        for item in stage.checklist:
            # One action, one item: the same action listed twice could show two states.
            if item.label in labels:
                raise GuideError(f"{where}: checklist.{item.id}.label: {item.label!r} is also the label of "
                                 f"{labels[item.label]}")
            labels[item.label] = item.id
            _check_proof(item.proved_by, earlier, f"{where}: checklist.{item.id}.proved_by")


def rule_questions(rule) -> set[str]:
    """The guide questions a rule reads (budget lines aside)."""
    if isinstance(rule, (AnsweredRule, YesRule, MinWeeklyHoursRule, MinOpenDaysRule)):
        return set(rule.questions)
    if isinstance(rule, (IncludesAllRule, MinSelectedRule, EachSelectedRule)):
        followups = ([rule.followup.format(option=o) for o in rule.options]
                     if getattr(rule, "followup", None) else [])
        return {rule.question, *followups}
    if isinstance(rule, (DateOrderRule,)):
        return {rule.earlier, rule.later}
    if isinstance(rule, DatesBeforeRule):
        return {rule.question, rule.later, *(rule.earlier.format(option=o) for o in rule.options)}
    if isinstance(rule, AtMostRule):
        return {rule.question, rule.larger, *(rule.smaller.format(option=o) for o in rule.options)}
    if isinstance(rule, StateAidRule):
        return {rule.listed_in, *(aid.question for aid in rule.aids)}
    if isinstance(rule, BudgetEnteredRule):
        return {rule.question}
    return set()


def _check_rule(rule, questions: dict[str, Question], field_path: str) -> None:
    """Rule parameters name real questions of the right kind, options they have, known placeholders."""
    def question(question_id: str, *kinds: Kind) -> Question:
        found = questions.get(question_id)
        if found is None:
            raise GuideError(f"{field_path}: {question_id!r} is not a question of the guide")
        if kinds and found.kind not in kinds:
            raise GuideError(f"{field_path}: {question_id!r} is {found.kind.value}, expected "
                             + " or ".join(k.value for k in kinds))
        return found

    def multi_choice(question_id: str, options: list[str]) -> None:
        """A multiple choice that offers these options."""
        unknown = set(options) - {o.id for o in question(question_id, Kind.MULTI).options}
        if unknown:
            raise GuideError(f"{field_path}: {sorted(unknown)} not options of {question_id!r}")

    if isinstance(rule, AnsweredRule):
        for question_id in rule.questions:
            question(question_id)
    elif isinstance(rule, YesRule):
        for question_id in rule.questions:
            question(question_id, Kind.YES_NO)
    elif isinstance(rule, (IncludesAllRule, MinSelectedRule)):
        multi_choice(rule.question, rule.options)
        if isinstance(rule, MinSelectedRule) and rule.followup:
            for option in rule.options:
                question(f"{rule.followup}{option}")
    elif isinstance(rule, MinWeeklyHoursRule):
        for question_id in rule.questions:
            question(question_id, Kind.TIME_RANGES, Kind.HOURS)
    elif isinstance(rule, MinOpenDaysRule):
        for question_id in rule.questions:
            question(question_id, Kind.TIME_RANGES)
    elif isinstance(rule, DateOrderRule):
        question(rule.earlier, Kind.DATE)
        question(rule.later, Kind.DATE)
    elif isinstance(rule, (EachSelectedRule, DatesBeforeRule)):
        multi_choice(rule.question, rule.options)
        pattern = rule.followup if isinstance(rule, EachSelectedRule) else rule.earlier
        for option in rule.options:
            question(pattern.format(option=option), *([Kind.DATE] if isinstance(rule, DatesBeforeRule) else []))
        if isinstance(rule, DatesBeforeRule):
            question(rule.later, Kind.DATE)
        if unknown := set(rule.not_for) - set(rule.options):
            raise GuideError(f"{field_path}.not_for: {sorted(unknown)} not options of the rule")
        for option, condition in rule.not_for.items():
            _check_condition_targets(condition, questions, f"{field_path}.not_for.{option}")
    elif isinstance(rule, AtMostRule):
        multi_choice(rule.question, rule.options)
        for option in rule.options:
            question(rule.smaller.format(option=option), Kind.INTEGER, Kind.DECIMAL)
        question(rule.larger, Kind.INTEGER, Kind.DECIMAL)
    elif isinstance(rule, BudgetEnteredRule):
        question(rule.question, Kind.BUDGET)
    elif isinstance(rule, StateAidRule):
        question(rule.listed_in, Kind.MULTI)
        for aid in rule.aids:
            target = question(aid.question, Kind.CHOICE)
            if rule.operating not in {o.id for o in target.options}:
                raise GuideError(f"{field_path}: {rule.operating!r} is not an option of {aid.question!r}")
    for extra in [getattr(rule, "contradiction", None)]:
        if extra is not None and ({n for _, n, _, _ in Formatter().parse(extra) if n is not None}
                                  - PLACEHOLDERS[type(rule)]):
            raise GuideError(f"{field_path}.contradiction: unknown placeholder")
    used = {name for _, name, _, _ in Formatter().parse(rule.reason) if name is not None}
    if used - PLACEHOLDERS[type(rule)]:
        raise GuideError(f"{field_path}.reason: unknown placeholder(s) {sorted(used - PLACEHOLDERS[type(rule)])}")


def _check_condition_targets(condition, questions: dict[str, Question], field_path: str) -> None:
    for leaf in leaves(condition):
        if leaf.question not in questions:
            raise GuideError(f"{field_path}: {leaf.question!r} is not a question of the guide")
        _check_values(leaf, questions[leaf.question], field_path)


def _check_proof(proof: Proof | None, questions: dict[str, Question], field_path: str) -> None:
    """A checklist proof names real questions and options; a budget state names none."""
    for leaf in proof_leaves(proof):
        if isinstance(leaf, BudgetState):
            continue
        if isinstance(leaf, EachAnswered):
            target = questions.get(leaf.each_of)
            if target is None or target.kind is not Kind.MULTI:
                raise GuideError(f"{field_path}: each_of {leaf.each_of!r} is not a multiple choice of the guide")
            unknown = set(leaf.options) - {o.id for o in target.options}
            if unknown:
                raise GuideError(f"{field_path}: {sorted(unknown)} not options of {leaf.each_of!r}")
            for option in leaf.options:
                test = follow_up(leaf, option)
                if test.question not in questions:
                    raise GuideError(f"{field_path}: {test.question!r} is not a question of the guide")
                _check_values(test, questions[test.question], field_path)
        else:
            _check_condition_targets(leaf, questions, field_path)


def _check_also_answers(question: Question, following: list[Question], field_path: str) -> None:
    """What words typed along with an answer also answer is the text right after it (after a list's « Autre », its
    wording): a short one for a name, the details of a multiple choice ("2 agents, le local de l'ancienne
    perception") a long one too; after a short text that is no name, a count in its unit ("…, 16 000 habitants")."""
    if question.also_answers is None:
        return
    if following and following[0].id == other_of(question.id):
        following = following[1:]  # a list's « Autre » is asked for its wording first, its details after
    then = following[0] if following else None
    counted = question.kind is Kind.SHORT_TEXT and not question.person
    if counted:
        if then is None or then.id != question.also_answers or then.unit is None:
            raise GuideError(f"{field_path}.also_answers: {question.also_answers!r} is not the count in a unit right "
                             f"after it")
        return
    kinds = (Kind.SHORT_TEXT, Kind.LONG_TEXT) if question.kind is Kind.MULTI else (Kind.SHORT_TEXT,)
    if then is None or then.id != question.also_answers or then.kind not in kinds:
        raise GuideError(f"{field_path}.also_answers: {question.also_answers!r} is not the text right after it")


def _check_implied_by(question: Question, before: list[Question], field_path: str) -> None:
    """What implies a choice's or a decimal's answer is a short text asked before it in its step."""
    if question.implied_by is not None and not any(
            q.id == question.implied_by and q.kind is Kind.SHORT_TEXT for q in before):
        raise GuideError(f"{field_path}.implied_by: {question.implied_by!r} is not a short text before it in its step")


def _check_named(question: Question, earlier: dict[str, Question], field_path: str) -> None:
    """A named prompt takes its name from an earlier short text."""
    if question.named is not None and getattr(earlier.get(question.named.by), "kind", None) is not Kind.SHORT_TEXT:
        raise GuideError(f"{field_path}.named.by: {question.named.by!r} is not an earlier short text")


def _check_option_words(question: Question, field_path: str) -> None:
    """A label or word typed names one option: two options said alike would make a typed answer a guess."""
    named_together = [Option(id=f"together_{n}", label=group.words[0], words=group.words[1:])
                      for n, group in enumerate(question.together)]  # a name for several is a name like an option's
    if clashes := ambiguous_words([*question.options, *named_together]):
        raise GuideError(f"{field_path}.options: {clashes[0]!r} names two options once typed, or none")


def _check_condition(question: Question, earlier: dict[str, Question], field_path: str) -> None:
    for leaf in leaves(question.when):
        target = earlier.get(leaf.question)
        if target is None:
            raise GuideError(f"{field_path}.when: names {leaf.question!r}, which is not an earlier question")
        _check_values(leaf, target, f"{field_path}.when")


def _check_values(leaf, target: Question, field_path: str) -> None:
    if isinstance(leaf, AtLeast) and target.kind not in (Kind.INTEGER, Kind.DECIMAL, Kind.MULTI):
        raise GuideError(f"{field_path}: at_least compares a number or a multiple choice, not {target.id!r}")
    wanted = leaf.any_of if isinstance(leaf, AnyOf) else [leaf.equals] if isinstance(leaf, Equals) else []
    for value in wanted:
        if target.kind in CHOICE_KINDS and value not in {o.id for o in target.options}:
            raise GuideError(f"{field_path}: {value!r} is not an option of {target.id!r}")
        if target.kind is Kind.YES_NO and not isinstance(value, bool):
            raise GuideError(f"{field_path}: {target.id!r} is yes/no, compare it to true or false")


def _can_be_shown(question: Question, earlier: dict[str, Question], showable: dict[str, bool]) -> bool:
    """False when the condition needs a question never shown, or one answer to be two values."""
    required_values: dict[str, set] = {}
    for leaf in leaves(question.when):
        if not showable[leaf.question]:
            return False
        if isinstance(leaf, Equals) and earlier[leaf.question].kind is not Kind.MULTI:
            required_values.setdefault(leaf.question, set()).add(leaf.equals)
    return all(len(values) == 1 for values in required_values.values())
