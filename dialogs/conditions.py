"""Evaluate the guide's declarative display conditions against answered values."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dialogs.model import (AllOf, AllProved, Answered, AnyOf, AtLeast, BudgetState, Condition, EachAnswered, Equals,
                           Proof)

QuestionTest = Answered | Equals | AnyOf | AtLeast


def holds(condition: Condition | None, values: Mapping[str, Any]) -> bool:
    """`values` holds only real answers: skipped and deferred questions are absent."""
    if condition is None:
        return True
    if isinstance(condition, AllOf):
        return all(holds(part, values) for part in condition.all)
    if condition.question not in values:
        return False
    value = values[condition.question]
    if isinstance(condition, Answered):
        return True
    if isinstance(condition, Equals):
        return value == condition.equals or (isinstance(value, list) and condition.equals in value)
    if isinstance(condition, AnyOf):
        chosen = value if isinstance(value, list) else [value]
        return any(option in chosen for option in condition.any_of)
    if isinstance(condition, AtLeast):
        return (len(value) if isinstance(value, list) else value) >= condition.at_least
    raise TypeError(condition)


def leaves(condition: Condition | None) -> Iterator[Answered | Equals | AnyOf | AtLeast]:
    """The simple conditions inside a condition, for validation."""
    if condition is None:
        return
    if isinstance(condition, AllOf):
        for part in condition.all:
            yield from leaves(part)
    else:
        yield condition


def proof_leaves(proof: Proof | None) -> Iterator[QuestionTest | BudgetState | EachAnswered]:
    """The simple proofs inside a checklist item's proof, for validation and evaluation."""
    if proof is None:
        return
    if isinstance(proof, AllProved):
        for part in proof.all:
            yield from proof_leaves(part)
    else:
        yield proof


def question_tests(leaf: QuestionTest | EachAnswered, values: Mapping[str, Any]) -> list[QuestionTest]:
    """The tests on single answers a question proof stands for with these answers: itself, or for "each", the
    multiple choice answered and the follow-up of each option chosen answered (or equal to the value given)."""
    if not isinstance(leaf, EachAnswered):
        return [leaf]
    chosen = values.get(leaf.each_of) or []
    return [Answered(question=leaf.each_of), *(follow_up(leaf, option) for option in leaf.options if option in chosen)]


def follow_up(leaf: EachAnswered, option: str) -> Answered | Equals:
    """The test an "each" proof makes on the follow-up question of one option."""
    question = leaf.answered.format(option=option)
    return Answered(question=question) if leaf.equals is None else Equals(question=question, equals=leaf.equals)
