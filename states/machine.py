"""The project state machine, built once from the guide; models are pooled, not rebuilt."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

from transitions import Machine

from dialogs.loader import LoadedGuide
from dialogs.model import Question

FINISHED = "termine"


class Turn(Protocol):
    """What the machine's conditions read: the project's answers as they stand."""

    def step_complete(self, step_id: str) -> bool: ...

    @property
    def question(self) -> Question | None: ...


class ProjectModel:
    """Carries one project's state while a trigger fires; transitions adds the trigger methods."""

    state: str


def goto_trigger(step_id: str) -> str:
    return f"goto_{step_id}"


def machine_definition(guide: LoadedGuide) -> dict:
    """States and transitions as data, shared by the runtime machine and the diagram."""
    steps = [step.id for step in guide.steps]
    states = steps + [FINISHED]
    transitions: list[dict] = []
    for current, following in zip(states, states[1:]):
        transitions.append({"trigger": "next", "source": current, "dest": following,
                            "conditions": [_complete(current)]})
        transitions.append({"trigger": "back", "source": following, "dest": current})
    for step in steps:
        transitions.append({"trigger": "answer", "source": step, "dest": None,
                            "conditions": [_asks_from(guide, step)]})
        transitions.append({"trigger": "skip", "source": step, "dest": None,
                            "conditions": [_asks_from(guide, step), _optional]})
        # Left for later, even a required question: the step's `next` still waits for its answer.
        transitions.append({"trigger": "defer", "source": step, "dest": None,
                            "conditions": [_asks_from(guide, step)]})
    # The menu jumps to a stage's first step, a conformity check to the step that fixes it; a question answered
    # from the list of those left for later goes back where the guide was, the end included.
    for state in states:
        transitions.append({"trigger": goto_trigger(state), "source": "*", "dest": state})
    return {"states": states, "transitions": transitions, "initial": steps[0]}


def _complete(step_id: str) -> Callable[[Turn], bool]:
    def complete(turn: Turn) -> bool:
        return turn.step_complete(step_id)
    return complete


def _asks_from(guide: LoadedGuide, step_id: str) -> Callable[[Turn], bool]:
    """The step holds the question, or recalls it from an earlier step."""
    step = guide.step(step_id)
    recalled = set(step.recall)

    def asks(turn: Turn) -> bool:
        return turn.question is not None and (
            guide.step_of_question[turn.question.id].id == step_id or turn.question.id in recalled)
    return asks


def _optional(turn: Turn) -> bool:
    return turn.question is not None and not turn.question.required


class ProjectMachine:
    """One machine for every project. A model is borrowed from a pool, given the stored
    state, triggered, and handed back: attaching a model costs more than a trigger."""

    def __init__(self, guide: LoadedGuide) -> None:
        definition = machine_definition(guide)
        self.states: list[str] = definition["states"]
        self.initial: str = definition["initial"]
        self._machine = Machine(
            model=None, states=definition["states"], transitions=definition["transitions"],
            initial=definition["initial"], auto_transitions=False, ignore_invalid_triggers=True,
        )
        self._pool: list[ProjectModel] = []
        self._lock = threading.Lock()

    @contextmanager
    def model(self, state: str) -> Iterator[ProjectModel]:
        if state not in self.states:
            state = self.initial  # a step removed from the guide: start its project again at the top
        with self._lock:
            model = self._pool.pop() if self._pool else None
        if model is None:
            model = ProjectModel()
            self._machine.add_model(model, initial=state)
        model.state = state
        try:
            yield model
        finally:
            with self._lock:
                self._pool.append(model)
