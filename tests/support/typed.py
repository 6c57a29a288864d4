"""Answers as a user types them, parsed and stored as the engine does, and a check's state for them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dialogs.checks import State, evaluate
from dialogs.parsing import parse_answer, to_json


@dataclass(frozen=True)
class A:
    """A stored answer: its status and, answered, its value."""

    status: str
    value: Any = None


def answers(guide, **typed: str) -> dict[str, A]:
    """"-" skips, "?" defers."""
    result = {}
    for question_id, text in typed.items():
        question = guide.questions[question_id]
        if text in ("-", "?"):
            result[question_id] = A("skipped" if text == "-" else "deferred")
        else:
            result[question_id] = A("answered", to_json(question.kind, parse_answer(question, text)))
    return result


def state(guide, check_id: str, stored: dict[str, A]) -> tuple[State, str | None]:
    result = next(r for r in evaluate(guide.stages, guide.questions, stored) if r.check.id == check_id)
    return result.state, result.reason
