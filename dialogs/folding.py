"""Typed text reduced to what matters for comparison: case, accents, apostrophes and spacing set aside."""
from __future__ import annotations

import re
import unicodedata

from text_to_num import alpha2digit


def fold(text: str) -> str:
    """Lowercase, strip accents, unify apostrophes and collapse whitespace."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("\u2019", "'").replace("\u02bc", "'").casefold()
    return re.sub(r"\s+", " ", bare).strip()


def typed_words(text: str) -> str:
    """Folded, without the end punctuation a phone user adds: "Passer !" is "passer"."""
    return fold(text).strip(" .!?…")


# A small count spelt out, as people type it on a phone: "trois", "deux agents". Folded spelling.
SPELT_NUMBERS = {word: value for value, word in enumerate((
    "zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
    "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt"))} | {"une": 1}
# Ranks spelt out, folded: "premier", "deuxième", "seconde" name the option at that place in a list.
def _ordinal(word: str) -> str:
    stem = word.removesuffix("e")
    return (stem[:-1] + "v" if stem.endswith("neuf") else stem + "u" if stem.endswith("cinq") else stem) + "ieme"


ORDINALS = {_ordinal(word): value for word, value in SPELT_NUMBERS.items() if value > 1} | {
    "premier": 1, "premiere": 1, "second": 2, "seconde": 2}


def figures(text: str) -> str:
    """Numbers said in words as figures: "cinq mille cinq cents habitants" as "5500 habitants". A text holding
    figures already is left as it is ("1,5 million" is read as a whole)."""
    return text if any(c.isdigit() for c in text) else alpha2digit(text, "fr")
