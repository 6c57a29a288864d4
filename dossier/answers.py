"""A project's answers as the document templates read them: printed values, never the chat's prompts.

Templates compose their sentences from these values (`a.tech_adresse`, `a.has("port_modes", "itinerance")`).
An id that is not a question of the guide raises, so a template cannot silently print nothing for a typo.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from dialogs import formatting
from dialogs.address import with_proper_commune
from dialogs.formatting import french_list, proper_name
from dialogs.model import CHOICE_KINDS, OTHER, Kind, Question, other_of
from dialogs.parsing import bare_name, from_json, without_full_stop
from dialogs.ui import UiTexts


class Answers:
    """Read-only access by question id to a project's answered values, formatted in French."""

    def __init__(self, questions: Mapping[str, Question], values: Mapping[str, Any], ui: UiTexts) -> None:
        self._questions = questions
        self._values = values
        self._ui = ui

    def __getattr__(self, question_id: str) -> str:
        if question_id.startswith("_"):
            raise AttributeError(question_id)
        return self.text(question_id)

    def question(self, question_id: str) -> Question:
        try:
            return self._questions[question_id]
        except KeyError:
            raise AttributeError(f"not a question of the guide: {question_id}") from None

    def asks(self, question_id: str) -> bool:
        """Whether the project's rules ask this question at all (France services' commitments, for instance)."""
        return question_id in self._questions

    def value(self, question_id: str) -> Any:
        """The parsed value, or None when not answered."""
        question = self.question(question_id)
        if question_id not in self._values:
            return None
        return from_json(question.kind, self._values[question_id])

    def has(self, question_id: str, option_id: str | None = None) -> bool:
        """Answered at all, or, with an option, that option chosen (single or multiple choice)."""
        value = self.value(question_id)
        if option_id is None:
            return value is not None and value != [] and value != ""
        return value == option_id or (isinstance(value, list) and option_id in value)

    def yes(self, question_id: str) -> bool:
        return self.value(question_id) is True

    def no(self, question_id: str) -> bool:
        return self.value(question_id) is False

    def labels(self, question_id: str) -> list[str]:
        """The chosen options' labels; "Autre" replaced by the words typed for it, when there are some."""
        question, value = self.question(question_id), self.value(question_id)
        if value is None:
            return []
        chosen = value if isinstance(value, list) else [value]
        other = other_of(question_id)
        labels = []
        for option_id in chosen:
            if option_id == OTHER and other in self._questions:
                labels.append(self.text(other))
            else:
                labels.append(question.option(option_id).label)
        return [label for label in labels if label]

    def lower(self, question_id: str) -> str:
        """The chosen options inside a sentence: "cohésion sociale et maillage territorial" (typed words kept)."""
        other = self.text(other_of(question_id)) if other_of(question_id) in self._questions else ""
        return french_list(label if label == other else label[:1].lower() + label[1:]
                           for label in self.labels(question_id))

    def join(self, items: Iterable[str]) -> str:
        return french_list(items)

    def text(self, question_id: str) -> str:
        """The answer as printed, or "" when there is none."""
        question, value = self.question(question_id), self.value(question_id)
        if value is None:
            return ""
        if question.kind in CHOICE_KINDS:
            return french_list(self.labels(question_id))
        if question.person and bare_name(value):
            return proper_name(value)  # "elodie garnier", typed lowercase on a phone
        return printed(question.kind, value, self._ui)


def printed(kind: Kind, value: Any, ui: UiTexts) -> str:
    """A parsed value as a document prints it, for every kind but the choices (their labels, see Answers)."""
    if kind is Kind.YES_NO:
        return ui.buttons.answer_yes if value else ui.buttons.answer_no
    if kind is Kind.INTEGER:
        return formatting.integer(value)
    if kind is Kind.DECIMAL:
        return formatting.decimal(value)
    if kind is Kind.EUROS:
        return formatting.euros(value)
    if kind is Kind.DATE:
        return formatting.long_date(value)
    if kind is Kind.HOURS:
        return ui.documents.per_week.format(hours=formatting.hours(value))
    if kind is Kind.TIME_RANGES:
        return formatting.time_ranges(value) if value else ui.documents.closed
    if kind is Kind.SIRET:
        return formatting.siret(value)
    if kind is Kind.BUDGET:
        return ""   # budget lines are printed from the budget, not from this question
    if kind is Kind.ADDRESS:
        return with_proper_commune(without_full_stop(str(value)))  # "… 43300 langeac": its commune's capital
    if kind is Kind.SHORT_TEXT:
        return without_full_stop(str(value))  # a name or an address typed as a sentence, before it was read so
    return str(value)
