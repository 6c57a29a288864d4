"""Typed text reduced to what matters for comparison: case, accents, apostrophes and spacing set aside."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from text_to_num import alpha2digit


@lru_cache(maxsize=8192)  # labels, words and the typed text are folded again by each reading of an answer
def fold(text: str) -> str:
    """Lowercase, strip accents, unify apostrophes and collapse whitespace."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("\u2019", "'").replace("\u02bc", "'").casefold()
    return re.sub(r"\s+", " ", bare).strip()


def fold_in_place(text: str) -> str:
    """Lowercase, without accents, each character at its place: a part found in it is, at the same place, the part
    as typed."""
    return "".join(unicodedata.normalize("NFKD", c)[0].casefold()[:1] for c in text)


# How a phone types what the guide reads, folded: an elided word without its apostrophe ("l ete", "c est", "j ai pas",
# keyboards without autocorrection), and SMS spellings ("c bon", "qq heures", "jsp"), none of them an option's word.
_ELIDED_RE = re.compile(r"(?<![\w'-])(?:([djlmnst]|qu) (?=[aeiouyh])|(c) (?=est\b|etait\b))")
_SMS_WORDS = {
    "bjr": "bonjour", "bsr": "bonsoir", "slt": "salut", "jsp": "je sais pas", "jsais": "je sais", "chui": "je suis",
    "jsuis": "je suis", "qq": "quelques", "qqs": "quelques", "qqn": "quelqu'un", "qqch": "quelque chose",
    "bcp": "beaucoup", "pr": "pour", "ds": "dans", "tt": "tout", "ts": "tous", "tte": "toute", "ttes": "toutes",
    "tjrs": "toujours", "tjs": "toujours", "pb": "probleme", "pbs": "problemes", "rdv": "rendez-vous", "dc": "donc",
    "pcq": "parce que", "pck": "parce que", "psk": "parce que", "nn": "non", "ns": "nous", "qd": "quand",
    "mtn": "maintenant", "dsl": "desole", "asso": "association", "assos": "associations", "cad": "c'est-a-dire",
    "oki": "ok", "nb": "nombre", "nbre": "nombre", "aprem": "apres-midi", "perm": "permanence",
    "perms": "permanences", "dept": "departement", "dpt": "departement"}
_SMS_ALTERNATION = "|".join(_SMS_WORDS)
_SMS_RE = re.compile(rf"(?<![\w'-])(?:({_SMS_ALTERNATION})|c(?= (?:[b-df-hj-np-tv-z]|ok\b)))(?![\w'-])")
# As typed, lowercase only: "PB", "DS" in a text may be acronyms.
_SMS_TYPED_RE = re.compile(rf"(?<![\w'’-])({_SMS_ALTERNATION})(?![\w'’-])")


def abbreviations(text: str) -> list[str]:
    """The SMS spellings a text holds, as typed ("bcp", "ds"), each once."""
    return list(dict.fromkeys(_SMS_TYPED_RE.findall(text)))


def spelt_out(folded: str) -> str:
    """A folded text as if typed with its apostrophes and words in full: "c bon" is "c'est bon", "l ete" "l'ete"."""
    elided = _ELIDED_RE.sub(lambda m: (m[1] or m[2]) + "'", folded)
    return _SMS_RE.sub(lambda m: _SMS_WORDS[m[1]] if m[1] else "c'est", elided)


def typed_words(text: str) -> str:
    """Folded and spelt out, without the end punctuation a phone user adds: "Passer !" is "passer", "c bon" "c'est
    bon"."""
    return spelt_out(fold(text)).strip(" .!?…")


# A small count spelt out, as people type it on a phone: "trois", "deux agents". Folded spelling.
SPELT_NUMBERS = {word: value for value, word in enumerate((
    "zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
    "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt"))} | {"une": 1}
# The words of a figure said aloud (folded): "quatre-vingts", "trente-cinq mille".
NUMBER_WORDS = frozenset(SPELT_NUMBERS) | {"trente", "quarante", "cinquante", "soixante", "septante", "octante",
                                           "nonante", "vingts", "cent", "cents", "mille", "million", "millions"}
NUMBER_WORDS_PATTERN = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))  # the longest first, for a regex
# Ranks spelt out, folded: "premier", "deuxième", "seconde" name the option at that place in a list.
def _ordinal(word: str) -> str:
    stem = word.removesuffix("e")
    return (stem[:-1] + "v" if stem.endswith("neuf") else stem + "u" if stem.endswith("cinq") else stem) + "ieme"


ORDINALS = {_ordinal(word): value for word, value in SPELT_NUMBERS.items() if value > 1} | {
    "premier": 1, "premiere": 1, "second": 2, "seconde": 2}


def figures(text: str) -> str:
    """Numbers said in words as figures: "cinq mille cinq cents habitants" as "5500 habitants". A text holding
    figures already is left as it is ("1,5 million" is read as a whole)."""
    if any(c.isdigit() for c in text):
        return text
    # text2num takes "neuf" after "le …" for the adjective ("le matin de neuf heures"): before hours, it is nine
    return alpha2digit(_NINE_HOURS_RE.sub("9", text), "fr")


_NINE_HOURS_RE = re.compile(r"\bneuf(?=\s+heures?\b)", re.IGNORECASE)
