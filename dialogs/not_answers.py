"""What is typed at a question and answers nothing: a question back ("c'est quoi le tissu urbain ?", "je ne
comprends pas"), a goodbye ("stop", "à demain")."""
from __future__ import annotations

import re

from dialogs.folding import fold

# Folded text. What may come first: a greeting, an excuse, a filler.
_BEFORE = (r"(?:(?:bonjour|bonsoir|excusez-moi|excusez moi|pardon|desole|desolee|euh+|heu+|mais|alors|et"
           r"|je (?:ne )?sais pas(?: trop| vraiment| bien)?)\b[\s,.!…]*)*")  # "je ne sais pas trop, c'est quoi… ?"
# Said in any length: the question was not understood.
_NOT_UNDERSTOOD_RE = re.compile(
    _BEFORE + r"(?:je ne comprends pas|je comprends pas|j'ai pas compris|je n'ai pas compris|pas compris"
    r"|je ne vois pas ce que|je vois pas ce que|je ne suis pas sure? de (?:bien )?comprendre"
    r"|je ne suis pas sure? de ce que)\b")
# A question about the question, when the text ends with "?" or is short.
_WHAT_IS_MEANT_RE = re.compile(
    _BEFORE + r"(?:c'est quoi|c est quoi|c'est qui|c est qui|qui c'est|qui est-ce|qu'est-ce que|qu'est ce que"
    r"|qu'est-ce qu'|qu'est ce qu'|que veut dire"
    r"|que veulent dire|ca veut dire quoi|ca signifie quoi|que signifie|qu'entendez-vous|qu'entendez vous"
    r"|que voulez-vous dire|que voulez vous dire|vous voulez dire quoi|on met quoi|je mets quoi|je met quoi"
    r"|il faut mettre quoi|je dois mettre quoi|je dois repondre quoi|que dois-je|que dois je|que faut-il"
    r"|que faut il|qu'est-ce qu'il faut|qu'est ce qu'il faut|c'est-a-dire|c'est a dire|ca concerne quoi"
    r"|comment ca)\b")
_ALONE = frozenset({"", "quoi", "hein", "comment", "pardon", "cad", "c-a-d", "kesako", "quesaco"})
_SHORT = 10  # words: "c'est quoi un ETP" said without its question mark


# "Une fois par semaine, comme je l'ai dit", "rampe prévue (voir plus haut)", "Comme je disais, l'isolement…": a
# clause pointing at what was said before, which the dossier's reader never saw; the answer stands without it.
_AS_SAID = (r"(?:comme (?:je l'ai|on l'a|je vous l'ai|d[ée]j[àa]) dit|comme je (?:vous )?(?:le )?disais"
            r"|comme (?:dit|indiqu[ée]|pr[ée]cis[ée])(?: (?:plus haut|avant|pr[ée]c[ée]demment))?"
            r"|je l'ai d[ée]j[àa] dit|je (?:le )?r[ée]p[èe]te"
            r"|(?:voir|cf\.?) (?:plus haut|ci-dessus|au-dessus|pr[ée]c[ée]demment"
            r"|(?:la |ma |mes )?r[ée]ponses? pr[ée]c[ée]dentes?))")
AS_SAID_RE = re.compile(rf"^\s*{_AS_SAID}\s*[,:;]\s*|[\s,;(–—-]*\b{_AS_SAID}\b\)?\s*(?=[.!]?\s*$)", re.IGNORECASE)


def asks_what_is_meant(text: str) -> bool:
    folded = fold(text)
    bare = folded.strip(" ?!.…")
    if bare in _ALONE:
        return bare != "" or "?" in folded
    if _NOT_UNDERSTOOD_RE.match(folded):
        return True
    return _WHAT_IS_MEANT_RE.match(folded) is not None and (folded.endswith("?") or len(bare.split()) <= _SHORT)


# Folded, end punctuation aside: the user leaves for now; their answers wait for them.
_GOODBYES = frozenset({
    "stop", "arret", "arreter", "on arrete", "j'arrete", "je m'arrete", "je m'arrete la", "on s'arrete la",
    "on arrete la", "j'arrete la", "pause", "on fait une pause", "je fais une pause", "au revoir", "a plus tard",
    "a plus", "a bientot", "a demain", "a lundi", "bonne soiree", "bonne journee", "bonne nuit", "fin", "quitter",
    "je quitte", "je reprendrai plus tard", "je continuerai plus tard", "je finirai plus tard",
    "on reprendra plus tard", "on continuera plus tard", "je reviens plus tard", "je reviendrai plus tard",
    "ciao", "bye",
})
_THANKS_RE = re.compile(r"^(?:(?:merci(?: beaucoup)?|ok|d'accord)\b[\s,.!]*)+")
_FOR_NOW_RE = re.compile(r"\s+pour (?:aujourd'hui|ce soir|ce matin|le moment|l'instant|cette fois)$")


def says_goodbye(text: str) -> bool:
    """"Stop", "Merci, à demain !": the user leaves for now."""
    words = _FOR_NOW_RE.sub("", _THANKS_RE.sub("", fold(text)).strip(" .!…,"))
    return words in _GOODBYES


_THANKS = frozenset({"merci", "merci beaucoup", "merci bien", "merci a vous", "merci pour votre aide", "grand merci",
                     "mille mercis", "super merci", "parfait merci", "top merci", "ok merci", "d'accord merci",
                     "thanks", "thank you"})


def says_thanks(text: str) -> bool:
    """"Merci !" alone: said to the guide, not to its question."""
    return fold(text).strip(" .!…,🙏🙂😊👍").replace(",", "") in _THANKS
