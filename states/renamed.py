"""A name answered anew for another one (the carrier, the project leader): the answers given for the former."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from dialogs.folding import fold
from dialogs.formatting import french_list
from dialogs.model import Question
from states.progress import ANSWERED, ProjectView

# Above this likeness of the folded names, the new one corrects the former's spelling ("Remalard" → "Rémalard"):
# still the same body, nothing to check.
SAME_NAME = 0.85


def another_name(before: object, after: object) -> bool:
    """Whether a name answered again names someone or something else than the one it replaces; one completing or
    shortening it, all of whose words the other has ("Élodie Vergne" → "Élodie Vergne-Chabrier"), names the same."""
    if not isinstance(before, str) or not isinstance(after, str):
        return False
    words = [set(_WORD_RE.findall(fold(name))) for name in (before, after)]
    if all(words) and (words[0] <= words[1] or words[1] <= words[0]):
        return False
    return SequenceMatcher(None, fold(before), fold(after)).ratio() < SAME_NAME


_WORD_RE = re.compile(r"\w+")


def names_member(answer: object, member: str) -> bool:
    """Whether a person's name answered is this member's full name, as Telegram gives it ("Marie-Paule Santoni"); a
    first name alone names too many people to say."""
    return isinstance(answer, str) and len(_WORD_RE.findall(member)) > 1 and not another_name(answer, member)


def answers_to_check(question: Question, view: ProjectView, answered_now: set[str]) -> str:
    """The short names of the answers describing the former name, given and shown, none of them given just now:
    "l'adresse, le représentant légal et sa fonction"; "" for none."""
    return french_list(name for question_id, name in question.identifies.items()
                       if question_id not in answered_now and view.status(question_id) == ANSWERED
                       and view.visible(view.guide.questions[question_id]))
