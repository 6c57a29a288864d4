"""The accents a word typed bare is missing, for the documents: "Communaute de communes" as "Communauté de communes"."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from dialogs.folding import fold
from dialogs.yaml_files import read_yaml

ACCENTS_FILE = Path(__file__).with_name("accents.yaml")
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@cache
def _accented() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """Each bare word with its accents (its plural in -s too), and each phrase's pattern with its accented form."""
    data = read_yaml(ACCENTS_FILE)
    words = {fold(word): word for word in data["words"]}
    words |= {f"{bare}s": f"{word}s" for bare, word in list(words.items()) if not word.endswith(("s", "x"))}
    phrases = [(re.compile(rf"(?<!\w){re.escape(bare)}(?!\w)", re.IGNORECASE), accented)
               for bare, accented in data["phrases"].items()]
    return words, phrases


def _cased(accented: str, typed: str) -> str:
    """The accented word written as it was typed: "Communaute" as "Communauté", "PREFECTURE" as "PRÉFECTURE"."""
    if typed.isupper() and len(typed) > 1:
        return accented.upper()
    if len(accented) == len(typed):  # letter by letter: "Franche-Comte" as "Franche-Comté", "Sous-Prefet"
        return "".join(a.upper() if t.isupper() else a for a, t in zip(accented, typed))
    return accented[:1].upper() + accented[1:] if typed[:1].isupper() else accented


# "a Bretoncelles le mercredi", "…, a Mortagne": « à » before a place's name, where a clause starts; "on a France
# Travail", "la CC a Marie Dupont" keep the verb.
_TO_PLACE_RE = re.compile(r"(?:^|(?<=[,;(])\s*)[aA](?= [A-ZÀ-Ý])")


def with_accents(text: str) -> str:
    """The text with the accents of the words it types bare that are no French word without them; a word typed
    with an accent, or that is French bare, as typed."""
    words, phrases = _accented()
    text = _TO_PLACE_RE.sub(lambda found: found[0][:-1] + ("à" if found[0][-1] == "a" else "À"), text)
    for pattern, accented in phrases:
        text = pattern.sub(lambda found, accented=accented: _cased(accented, found[0]), text)
    return _WORD_RE.sub(lambda found: _cased(words[found[0].lower()], found[0])
                        if found[0].lower() in words else found[0], text)
