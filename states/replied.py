"""Which question a text sent as a reply to a list of questions answers (a recap, the answers left to give)."""
from __future__ import annotations

from datetime import date

from dialogs.correction import likeness
from dialogs.model import Kind, Question
from dialogs.parsing import ParseError, numbered_answer, parse_answer
from dialogs.ui import Notices
from states.progress import ProjectView

Shown = list[tuple[Question, int | None]]  # the questions a message lists, each with its number there, if any
_FREE = frozenset({Kind.SHORT_TEXT, Kind.LONG_TEXT, Kind.BUDGET})  # any words answer these
LIKE = 0.6  # difflib's ratio above which a text reads like an answer: "Marie Durand" and "Marie Dupont"


def meant_among(view: ProjectView, shown: Shown, text: str, today: date) -> tuple[Question | None, str]:
    """The question a reply answers, and the answer it gives: by its number ("3 Temps plein"); else the only one
    the text reads as an answer to, of those not answered in free words; else the only one whose answer it reads
    like ("Marie Durand" for "Marie Dupont"). None when several could take it."""
    numbers = {number: question for question, number in shown if number is not None}
    if (numbered := numbered_answer(text)) is not None and numbered[0] in numbers:
        return numbers[numbered[0]], numbered[1]
    read = [question for question, _ in shown if question.kind not in _FREE and _reads(question, text, today)]
    if not read:
        read = [question for question, _ in shown if question.kind in _FREE
                and isinstance(value := view.values.get(question.id), str) and likeness(text, value) >= LIKE]
    return (read[0], text) if len(read) == 1 else (None, text)


def which_question(notices: Notices, shown: Shown, text: str) -> str:
    """How to say which question of a list a reply answers: its number first, shown with the reply's first words
    ("« 1 beaucoup de résidences secondaires… » pour la question 1")."""
    numbers = [number for _, number in shown if number is not None]
    if not numbers:
        return notices.replied_which
    words = text.split()
    return notices.replied_which_number.format(number=numbers[0],
                                               words=" ".join(words[:4]) + ("…" if len(words) > 4 else ""))


def _reads(question: Question, text: str, today: date) -> bool:
    try:
        parse_answer(question, text, today)
    except ParseError:
        return False
    return True
