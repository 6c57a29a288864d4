"""A share of a full-time post as people say it: "20 %", "0,2 ETP", "deux jours par semaine", "un tiers temps"."""

import re
from fractions import Fraction
from typing import NamedTuple

from dialogs.folding import SPELT_NUMBERS, figures, fold

# A full-time week in France: 35 hours (Code du travail, art. L3121-27), five working days.
WEEK_HOURS = 35
WEEK_DAYS = 5
_WEEKS_A_MONTH = Fraction(52, 12)

_NUMBER = r"[0-9]+(?:[.,][0-9]+)?|" + "|".join(sorted(SPELT_NUMBERS, key=len, reverse=True))
# Words around the share that say nothing more: "environ 20 %", "20 % de mon temps", "un tiers temps max".
_BEFORE = (r"(?:(?:environ|env\.?|a peu pres|approximativement|autour de|pres de|a|au plus|au maximum|maximum|max|"
           r"(?:un )?temps partiel a|je dirais|disons)\s+|[~≈]\s*)*")
# ..., and a total said for several people: "6 jours par semaine à eux deux".
_AFTER = (r"(?:\s+(?:de (?:mon|son|leur|notre|votre) temps(?: de travail)?|du temps(?: de travail)?|"
          r"de temps|d un temps (?:plein|complet)|d un etp|temps|environ|a peu pres|max|maximum|au maximum|"
          r"grand max|au plus|au total|en tout|ensemble|cumules?|(?:sur|pour|dans|consacres? a) (?:le|ce) projet|"
          r"(?:a|pour) (?:eux|elles|nous|vous|les) (?:deux|trois|quatre|[2-9])))*")
_WEEK = r"(?:\s*(?:par|/|chaque|la|a la|sur la|dans la)\s*semaine|\s+hebdo(?:madaires?)?|\s*(?:sur|/)\s*(?:5|cinq))"
_MONTH = r"(?:\s*(?:par|/|chaque|le|dans le|sur le)\s*mois|\s+mensuel(?:le)?s?)"
_PERIOD = rf"(?:(?P<week>{_WEEK})|(?P<month>{_MONTH}))?"
_HALF = r"(?P<half>\s+et demi(?:e)?|\s*(?:1/2|½))?"

_FORMS = {
    "percent": rf"(?P<number>{_NUMBER})\s*(?:%|pour ?cents?|pour 100|pourcents?)",
    "fte": rf"(?P<number>{_NUMBER})\s*(?:etp|equivalents? temps pleins?)",
    "days": rf"(?P<number>{_NUMBER})\s*(?:j|jours?|journees?){_HALF}{_PERIOD}",
    "half_days": rf"(?P<number>{_NUMBER})\s*(?:demi[- ]?journees?|demi[- ]?jours?){_PERIOD}",
    "hours": rf"(?P<number>{_NUMBER})\s*(?:h|heures?)(?:\s*(?P<minutes>[0-9]{{2}}))?{_PERIOD}",
    "ratio": r"(?P<number>[1-9])\s*/\s*(?P<over>[2-9]|10)",  # "1/3 temps"
    "fraction": r"(?:(?P<number>un|une|1|deux|2|trois|3|la)\s+)?"
                r"(?P<part>tiers|quarts?|cinquiemes?|5emes?|moitie|dixiemes?|10emes?)",
}
_PARTS = {"tiers": 3, "quart": 4, "cinquieme": 5, "5eme": 5, "moitie": 2, "dixieme": 10, "10eme": 10}
_SAID = {form: re.compile(rf"{_BEFORE}(?:{pattern}){_AFTER}") for form, pattern in _FORMS.items()}


class Share(NamedTuple):
    """How much of a full-time post, and the form it was said in: "percent", "fte", "days", "hours"…"""

    value: Fraction
    form: str

    @property
    def exact(self) -> bool:
        """Said as a figure of the post ("20 %", "0,2 ETP"), not worked out from a time or a fraction."""
        return self.form in ("percent", "fte")


def share_said(text: str) -> Share | None:
    """The share of a full-time post a text says, or None when it says none: "deux jours par semaine" is 2/5, "17h30
    par semaine" 1/2 (of 35 hours), "20 % de mon temps" 1/5, "un tiers temps" 1/3."""
    typed = re.sub(r"['’-]", " ", fold(figures(text))).strip(" .!?…")
    for form, pattern in _SAID.items():
        if (said := pattern.fullmatch(typed)) is None:
            continue
        number = _number(said["number"] if said["number"] not in (None, "la") else "un")
        if form == "percent":
            return Share(number / 100, form)
        if form == "fte":
            return Share(number, form)
        if form == "ratio":
            return Share(number / int(said["over"]), form)
        if form == "fraction":
            part = _PARTS.get(said["part"]) or _PARTS[said["part"].removesuffix("s")]
            return Share(number / part, form)
        if form == "hours":
            number += Fraction(int(said["minutes"] or 0), 60)
        week = {"days": WEEK_DAYS, "half_days": 2 * WEEK_DAYS, "hours": WEEK_HOURS}[form]
        if said.groupdict().get("half"):
            number += Fraction(1, 2)
        return Share(number / week / (_WEEKS_A_MONTH if said["month"] else 1), form)
    return None


def share_first(text: str) -> tuple[str, str] | None:
    """A text's first words saying a share of a post, and the words after them, as typed: "trois jours par semaine"
    and "le reste du temps je m'occupe de l'accueil" of the same, dictated without a comma; None when its first
    words say no share, or the share is all it says."""
    words = list(re.finditer(r"\S+", text))
    for end in range(len(words) - 1, 0, -1):
        head = text[:words[end - 1].end()]
        if share_said(head) is not None:
            return head, text[words[end].start():]
    return None


# A time of work, in words a share of a post is said in: a figure with one of these that `share_said` does not read
# is not a number of full-time posts ("6 jours environ sur la semaine" is no 6 ETP).
_TIME_WORDS_RE = re.compile(r"(?<![a-z])(?:jours?|journees?|demi journees?|h|heures?|semaines?|mois|hebdo\w*|"
                            r"pour ?cents?)(?![a-z])|%")


def says_a_time(text: str) -> bool:
    """Whether a text speaks of a time of work ("jours", "heures par semaine", "%")."""
    return _TIME_WORDS_RE.search(re.sub(r"['’-]", " ", fold(text))) is not None


def _number(said: str) -> Fraction:
    return Fraction(SPELT_NUMBERS[said]) if said in SPELT_NUMBERS else Fraction(said.replace(",", "."))
