"""Evaluate the guide's declarative display conditions against answered values."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dialogs.model import AllOf, Answered, AnyOf, AtLeast, Condition, Equals


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
