"""Where a project stands, derived from its answers: visible questions, current one, completeness."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from dialogs.conditions import holds
from dialogs.loader import LoadedGuide
from dialogs.model import OTHER, Question, Stage, Step, other_of
from store.repo import StoredAnswer

ANSWERED, SKIPPED, DEFERRED = "answered", "skipped", "deferred"
# A question listed: "3. Quel temps… ?" (a recap), "• Qui est… ?", "• Étape 4 : Quelle est l'adresse… ?".
_LISTED_RE = re.compile(r"(?:(?P<n>[0-9]{1,3})\. |• (?:[^:]{1,20} : )?)(?P<prompt>.+)")


@dataclass(frozen=True)
class StageProgress:
    stage: Stage
    total: int
    done: int
    deferred: int


class ProjectView:
    def __init__(self, guide: LoadedGuide, answers: dict[str, StoredAnswer]) -> None:
        self.guide = guide
        self.answers = answers

    def with_answer(self, question_id: str, answer: StoredAnswer) -> ProjectView:
        """The view once this answer is recorded, without reading the answers again."""
        return ProjectView(self.guide, {**self.answers, question_id: answer})

    @cached_property
    def values(self) -> dict[str, Any]:
        return {qid: a.value for qid, a in self.answers.items() if a.status == ANSWERED}

    def prompt(self, question: Question) -> str:
        """The question as asked now: "Qui assurera la fonction « Médiation » ?" once that name is typed."""
        named = question.named
        name = self.values.get(named.by) if named is not None else None
        if not isinstance(name, str) or not name.strip():
            return question.prompt
        # Inserted as text, never read as a template: the renderer escapes it with the rest of the prompt.
        return named.prompt.replace("{name}", name.strip())

    def questions_shown(self, message: str) -> list[tuple[Question, int | None]]:
        """The questions a message of the bot asked or said back, by their prompts on lines of their own, or listed;
        each with the number it is listed under ("3. Quel temps… ?" in a recap), if any."""
        prompts = {self.prompt(question): question for question in self.guide.question_list}
        shown = []
        for line in message.splitlines():
            listed = _LISTED_RE.fullmatch(line.strip())
            question = prompts.get(listed["prompt"] if listed else line.strip())
            if question is not None:
                shown.append((question, int(listed["n"]) if listed and listed["n"] else None))
        return shown

    def chosen_labels(self, question_id: str) -> list[str]:
        """A choice's options as chosen, by their labels; « Autre » as the words typed for it, when there are."""
        question, chosen = self.guide.questions[question_id], self.values.get(question_id) or []
        other = self.values.get(other_of(question_id))
        return [other.strip() if option == OTHER and isinstance(other, str) and other.strip()
                else question.label_of(option) for option in (chosen if isinstance(chosen, list) else [chosen])]

    def visible(self, question: Question) -> bool:
        return holds(question.when, self.values)

    def visible_questions(self, step: Step) -> list[Question]:
        """The step's questions shown for these answers: those recalled from earlier steps first."""
        return [q for q in [*self.guide.recalled(step), *step.questions] if self.visible(q)]

    def own_questions(self, step: Step) -> list[Question]:
        """The visible questions whose home is this step (what progress counts)."""
        return [q for q in step.questions if self.visible(q)]

    def handled(self, step: Step, question: Question) -> bool:
        """Answered, skipped or deferred; a recalled question, only once confirmed or answered in this step."""
        answer = self.answers.get(question.id)
        if answer is None:
            return False
        return question.id not in step.recall or answer.step == step.id

    def current_question(self, step: Step, focus: str | None, left_to: int | None = None) -> Question | None:
        """The question to ask now: the one reopened by the user, else the first not yet handled. `left_to`: a
        partner member, whose are the questions about its organisation someone else left for later."""
        visible = self.visible_questions(step)
        if focus is not None:
            for question in visible:
                if question.id == focus:
                    return question
        return next((q for q in visible if not self.handled(step, q) or left_to is not None and (
            answer := self.answers[q.id]).status == DEFERRED and answer.author_id != left_to), None)

    def missing_required(self, step: Step) -> list[Question]:
        return [q for q in self.visible_questions(step)
                if q.required and self.status(q.id) != ANSWERED]

    def step_complete(self, step_id: str) -> bool:
        return not self.missing_required(self.guide.step(step_id))

    def status(self, question_id: str) -> str | None:
        answer = self.answers.get(question_id)
        return answer.status if answer else None

    def stage_progress(self) -> list[StageProgress]:
        result = []
        for stage in self.guide.stages:
            visible = [q for step in stage.steps for q in self.own_questions(step)]
            result.append(StageProgress(
                stage=stage, total=len(visible),
                done=sum(1 for q in visible if self.status(q.id) in (ANSWERED, SKIPPED)),
                deferred=sum(1 for q in visible if self.status(q.id) == DEFERRED),
            ))
        return result
