""""Pardon, je voulais dire 1 200", "j'ai oublié les touristes": a text that corrects the answer its writer gave
last, not one more answer."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from dialogs.errors import ParseError
from dialogs.folding import fold
from dialogs.model import Kind

_PUNCTUATION = r"[\s,.:;!…–—-]"
_APOSTROPHE = "['’]"
# What a correction opens with: an excuse, then the words saying the last answer was wrong. Said as a noun
# ("erreur", "correction"), the words must stand apart ("Erreur : 1200"), for a text may start with them.
_CORRECTING_RE = re.compile(
    rf"\s*(?:(?:pardon|oups|oops|zut|mince|d[ée]sol[ée]e?|excusez[- ]moi|ah|oh|non)\b{_PUNCTUATION}*)*"
    rf"(?:je voulais (?:dire|[ée]crire|mettre|taper|r[ée]pondre)\b(?:\s+qu(?:e\b|{_APOSTROPHE}))?"
    rf"|il fallait (?:lire|comprendre)\b"
    rf"|(?:(?:je me suis tromp[ée]e?|j{_APOSTROPHE}ai fait une (?:erreur|faute)(?: de frappe)?"
    rf"|c{_APOSTROPHE}[ée]tait une erreur|(?:une )?(?:erreur|faute) de frappe|erreur|correction|rectification"
    rf"|je (?:rectifie|corrige))"
    rf"(?:\s+(?:de|dans) (?:(?:la|le|les|ma|mon|mes) )?(?:r[ée]ponse|chiffre|nombre|date|saisie)s?)?"
    rf"(?=\s*(?:[,.:;!…–—-]|$|c{_APOSTROPHE}\s*est\b|la bonne\b|il faut\b|lire\b|plut[ôo]t\b|en fait\b))))"
    rf"{_PUNCTUATION}*"
    rf"(?:(?:c{_APOSTROPHE}\s*est|c{_APOSTROPHE}[ée]tait|il faut lire|lire|plut[ôo]t|en fait"
    rf"|la bonne r[ée]ponse (?:est|c{_APOSTROPHE}est))\b{_PUNCTUATION}*)*",
    re.IGNORECASE)
# What adds to the last answer rather than replaces it: "j'ai oublié les touristes", "il manque la CAF", "et aussi
# le maillage territorial".
_ADDING_RE = re.compile(
    rf"\s*(?:(?:pardon|oups|zut|mince|ah|oh)\b{_PUNCTUATION}*)*(?:j{_APOSTROPHE}ai oubli[ée]|on a oubli[ée]"
    rf"|(?:et )?il manque|j{_APOSTROPHE}ajoute|(?:il faut )?(?:aussi )?(?:ajouter|rajouter)|et aussi)"
    rf"(?: de (?:dire|mettre|cocher|pr[ée]ciser|citer))?\b{_PUNCTUATION}*(?=\w)", re.IGNORECASE)
_ALSO_RE = re.compile(r"\b(?:aussi|en plus|[ée]galement)\b", re.IGNORECASE)
# The answer taken back, said after the right one: "1200, pas 1500", "la mairie au lieu de la poste".
_INSTEAD_RE = re.compile(r"(?:\s*,\s*(?:et )?(?:pas|non)|\s+(?:et non|au lieu de|plut[ôo]t que))\s+[^,;]+$",
                         re.IGNORECASE)


# "*Rostrenen", "Rostrenen*": the chat's way to put a word right in the message before.
_STARRED_RE = re.compile(r"\s*(?:\*\s*(?P<after>[^*\s][^*]*?)|(?P<before>[^*\s][^*]*?)\s*\*)\s*")
_WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
WORDED_KINDS = (Kind.SHORT_TEXT, Kind.LONG_TEXT, Kind.ADDRESS)  # answers whose words "*Rostrenen" puts right
_CLOSE = 0.6  # difflib's ratio: "Rostrenn" and "Rostrenen", "Guingam" and "Guingamp"; not "CAF" and "MSA"


@dataclass(frozen=True)
class Correction:
    right: str  # the right answer, "" when the correction does not say it yet
    adds: bool  # what it says goes with the last answer: "j'ai oublié les touristes", "il manque la CAF"
    words: bool = False  # it puts words of the last answer right ("*Rostrenen"); in a number, the whole
    also: bool = False  # it says "aussi": with the options ticked before, in a list; a text is said whole

    def adds_to(self, kind: Kind) -> bool:
        """Whether the right answer goes with the last one to a question of that kind."""
        return self.adds or (self.also and kind is Kind.MULTI)

    def applied_to(self, before: str) -> str:
        """The right answer, where the last one was the text `before`; a word with no close one there is
        refused."""
        if not self.words:
            return self.right
        if (put_right := with_words_put_right(before, self.right)) is None:
            raise ParseError("correction.no_word", word=self.right, before=before)
        return put_right

    def right_for(self, kind: Kind, before: Any) -> str:
        """The right answer to a question of that kind whose last answer was `before`: starred words put right in
        a text; anything else said whole."""
        return self.applied_to(before) if kind in WORDED_KINDS and isinstance(before, str) else self.right


def corrected(text: str) -> Correction | None:
    """What a correction says, or None when the text is no correction."""
    if (starred := _STARRED_RE.fullmatch(text)) is not None:
        return Correction((starred["after"] or starred["before"]).strip(), adds=False, words=True)
    opening = _CORRECTING_RE.match(text)
    adding = _ADDING_RE.match(text) if opening is None else None
    if opening is None and adding is None:
        return None
    right = _INSTEAD_RE.sub("", text[(opening or adding).end():]).strip(" ,;:")
    # The capital a phone gave the message's first word belongs to the answer's: "Je voulais dire population…".
    if adding is None and next((c.isupper() for c in text if c.isalpha()), False) and right[:1].islower():
        right = right[:1].upper() + right[1:]
    return Correction(right, adds=adding is not None, also=_ALSO_RE.search(right) is not None)


def with_words_put_right(answer: str, words: str) -> str | None:
    """The answer with each word given in place of its closest one ("Rostrenn" → "Rostrenen"); None when a
    word has no close one in it, or is there already."""
    folded = [fold(word) for word in _WORD_RE.findall(answer)]
    spelt = _WORD_RE.findall(answer)
    for word in _WORD_RE.findall(words):
        close = difflib.get_close_matches(fold(word), folded, n=1, cutoff=_CLOSE)
        if not close or close[0] == fold(word) and spelt[folded.index(close[0])] == word:
            return None
        wrong = spelt[folded.index(close[0])]
        answer = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", word, answer, count=1)
    return answer


def likeness(text: str, answer: str) -> float:
    """How much a correction reads like an answer (0 to 1): which of a message's answers it puts right."""
    return difflib.SequenceMatcher(None, fold(text), fold(answer)).ratio()
