"""Pure parsers turning a user's free-text answer into a typed value, French habits first."""
from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from collections.abc import Collection, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from dialogs.address import commune_of, parse_address
from dialogs.choices import (abridged_option, bare_words, close_options, is_statement, label_key, match_choice,
                             match_option, none_option, options_around, options_mentioned, parse_multi, says_no_option)
from dialogs.errors import ParseError
from dialogs.folding import NUMBER_WORDS, NUMBER_WORDS_PATTERN, SPELT_NUMBERS, figures, fold, fold_in_place, typed_words
from dialogs.formatting import upper_first
from dialogs.full_time import Share, says_a_time, share_said
from dialogs.model import CHOICE_KINDS, Kind, Question
from dialogs.not_answers import AS_SAID_RE
from dialogs.pasted import asides, figure_alone, figure_source, in_typed_order, one_line, rows, without_asides
from dialogs.schedule import HOURS_IN_TEXT_RE, WEEKDAYS, parse_time_ranges

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 10_000

EUROS_MAX = 100_000_000
HOURS_MAX = 168
YEAR_MIN = 1990
YEAR_MAX = 2100

# Data, not user-facing sentences: matched against folded (lowercase, unaccented) input.
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)

# A yes/no answer is a run of these phrases, all of one polarity (True: yes, False: no); None marks the
# politeness around them, which changes nothing. Folded spelling; the longest phrase wins ("bien sur que non").
# How often, or on what terms a thing is done, which says it is (folded).
_ON_TERMS = ("ponctuellement", "occasionnellement", "parfois", "de temps en temps", "exceptionnellement", "rarement",
             "sur demande", "sur rendez-vous", "sur rdv")
_ON_TERMS_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, _ON_TERMS)) + r")\b")

YES_NO_PHRASES: dict[str, bool | None] = {
    **dict.fromkeys((
        "oui", "o", "ouais", "yes", "y", "ok", "okay", "d'accord", "bien sur", "bien sur que oui", "bien entendu",
        "absolument", "tout a fait", "exact", "exactement", "evidemment", "certainement", "volontiers",
        "c'est ca", "c'est fait", "c'est toujours ca", "toujours exact", "c'est toujours exact", "toujours valable",
        "c'est toujours valable", "toujours", "toujours le cas", "c'est toujours le cas", "rien n'a change",
        "pas de changement", "inchange", "inchangee", "toujours pareil",
        # A Maison open for years answers what a project plans: "c'est déjà en place", "déjà fait".
        "deja", "deja fait", "c'est deja fait", "en place", "c'est en place", "deja en place", "c'est deja en place",
        "deja le cas", "c'est deja le cas", "a eu lieu", "il a eu lieu", "elle a eu lieu", "ca a eu lieu",
        # The question's verb said back: "Le conseiller est-il formé, ou le sera-t-il ?" "il le sera".
        "c'est le cas", "ce sera le cas", "il l'est", "elle l'est", "ils le sont", "elles le sont", "il le sera",
        "elle le sera", "ils le seront", "elles le seront",
    ), True),
    **dict.fromkeys((
        "non", "n", "no", "nan", "pas encore", "pas du tout", "pas pour l'instant", "pas pour le moment",
        "toujours pas", "jamais", "aucun", "aucune", "bien sur que non", "absolument pas", "certainement pas",
        "pas besoin", "pas necessaire", "inutile",
        # Not when the Maison opens: what it does today is asked ("pas au début, peut-être en 2028" doubts it).
        "pas au debut", "pas au demarrage", "pas au lancement", "pas tout de suite", "pas dans un premier temps",
        "pas a l'ouverture", "pas des l'ouverture", "pas pour l'ouverture", "pas pour commencer",
        *(f"{no} {when}".rstrip() for when in ("", "encore") for no in (
            "ce n'est pas le cas", "ce ne sera pas le cas", "il ne l'est pas", "elle ne l'est pas",
            "ils ne le sont pas", "elles ne le sont pas", "il ne le sera pas", "elle ne le sera pas",
            "ils ne le seront pas", "elles ne le seront pas")),
        "pas encore le cas", "pas le cas",
    ), False),
    **dict.fromkeys((
        "merci", "merci beaucoup", "svp", "stp", "s'il vous plait", "s'il te plait", "je pense", "je crois",
        # on what terms, said with the yes or no: "oui si besoin"
        "si besoin", "au besoin", "si necessaire", "s'il le faut", "si c'est demande", "si c'est exige",
        "si c'est obligatoire", "si on nous le demande", "si demande", "si c'est la regle", "si c'est requis",
        "si c'est impose", "si le label l'exige", "si c'est prevu par le label",
    ), None),
    # How often, or on what terms a thing is done: done, then, alone or with a yes ("ponctuellement oui",
    # "exceptionnellement, sur rendez-vous").
    **dict.fromkeys(_ON_TERMS, True),
    "que oui": True, "que non": False,  # "je crois que oui", as "oui, je crois"
}
YES_EMOJI = ("\U0001F44D", "\u2705")  # thumbs up, white heavy check mark
NO_EMOJI = ("\u274C", "\U0001F44E")  # cross mark, thumbs down

# Words that would silently change a number's scale if tolerated as a unit.
_SCALE_WORDS = frozenset({
    "k", "m", "md", "mds", "mille", "millier", "milliers", "million", "millions", "milliard", "milliards",
})


def _squash(text: str) -> str:
    """Lowercase and collapse every kind of whitespace (incl. U+00A0, U+202F) into one space."""
    return re.sub(r"\s+", " ", text.replace("\u2212", "-")).strip().lower()


# "environ 12 000", "12 000 à peu près": an estimate is the number it gives ("plus de" and "moins de" are bounds,
# not estimates: refused as before).
_APPROXIMATELY = r"(?:environ|env\.?|[aà] peu pr[eè]s|pr[eè]s de|approximativement|~|≈)"
_ESTIMATE_RE = re.compile(rf"^{_APPROXIMATELY} ?(?P<number>.+?)(?: {_APPROXIMATELY})?$"
                          rf"|^(?P<alone>.+?) {_APPROXIMATELY}$")


def _number_text(text: str) -> str:
    """The squashed text of a number, without the words that make it an estimate."""
    squashed = _squash(text)
    match = _ESTIMATE_RE.match(squashed)
    return (match["number"] or match["alone"]) if match else squashed


_MONTHS_FOLDED = tuple(fold(m) for m in MONTHS)
_WEEKDAYS_FOLDED = tuple(fold(d) for d in WEEKDAYS)

# ---------------------------------------------------------------- integers

_WORD_UNIT = r"[^\W\d_]+(?:[ '.-]+[^\W\d_]+)*\.?"  # a label after a number: "habitants", "ETP", "agents."
_INTEGER_RE = re.compile(
    r"(?P<sign>[+-]?)\s*"
    r"(?P<num>[0-9]{1,3}(?P<sep>[ .])[0-9]{3}(?:(?P=sep)[0-9]{3})*|[0-9]+)"
    rf"(?:\s*(?P<unit>%|{_WORD_UNIT}))?"
)


# "m2" is how a phone keyboard writes m² (whose ² the unit pattern takes as a letter; 2 it would not), at the end or
# before where it is ("15m2 dans le bus"); before "plus un bureau", the total is asked.
_SQUARE_METRES = re.compile(r"(?<![^\W\d_])m2(?=$|\s+(?:dans|au|aux|en|[àa]|sur|pour|de|du|d[’']))")


def _is_scale(unit: str | None) -> bool:
    """True when the word after a number multiplies it ("k", "millions") instead of labelling it."""
    return bool(unit) and unit.split(" ")[0].rstrip(".") in _SCALE_WORDS


_SPELT_RE = re.compile(r"(?P<word>[a-z-]+)(?P<rest>(?: (?P<next>[^ ]+).*)?)")
# After the number, words that make it another one ("vingt et un", "trois cents", "un peu"): not read.
_NOT_A_UNIT = frozenset({"et", "ou", "a", "peu", "cent", "cents", "mille", "million", "millions", "quart", "quarts",
                         "demi", "virgule", "de", "sur", "dizaine", "douzaine", "quinzaine", "vingtaine", "centaine"})


def _digits_for_words(text: str) -> str:
    """"trois personnes" as "3 personnes"; any other text as it is."""
    text = figures(text).rstrip(" .!")  # "20.", "vingt." end a sentence
    match = _SPELT_RE.fullmatch(fold(text))
    if match is None or match["word"] not in SPELT_NUMBERS or match["next"] in _NOT_A_UNIT:
        return text
    return f"{SPELT_NUMBERS[match['word']]}{match['rest']}"


# "…, avec la CAF", "3 : la CSSM, la mission locale", "2 200 habitants. Nous travaillons avec…" (a sentence after it)
_PRONOUNS = r"on|nous|je|j['’]|il|elle|ils|elles"  # a sentence's subject, which starts it
# Dictated without a comma, what one of them was: "Trois une avec la CAF une avec la mission locale…".
_ONE_WITH = r"(?i:un|une)\s+(?=(?i:avec|[àa]|au|aux|pour|chez|en|sur|dans|aupr[èe]s)\s)"
_AFTER_FIGURE = "|".join(f"(?<=\\b(?i:{word}))" for word in ("[0-9]", *SPELT_NUMBERS))  # not "il y en a une avec…"
_FIGURE_CLAUSE_RE = re.compile(r",\s+|\s*:\s+|\s+[–—-]\s+|(?<=[^\W\d_]{2})[.!]\s+(?=[^\W\d_])"
                               rf"|(?:{_AFTER_FIGURE})\s+(?={_ONE_WITH})"
                               rf"|(?<=\S)\s+(?=(?i:{_PRONOUNS})\s)")  # "aucune on doit…"


def _before_clause(text: str) -> str:
    """"Une seule pour l'instant, avec la CAF", "3 : la CSSM, la mission locale": the number before a clause that
    holds no other one, or only what makes it up ("60 m² : la salle de 45 m² plus un bureau de 15 m²")."""
    if (clause := _FIGURE_CLAUSE_RE.search(text)) is None:
        return text
    head, tail = text[:clause.start()], text[clause.end():]
    if _made_up_of(head, tail) or _YEAR_ROUND_RE.search(typed_words(head)):
        return head
    # "x3 l'hiver", "trois fois plus en saison", "une avec la CAF": no other count
    tail = _ONE_WITH_RE.sub(" ", _RATIO_RE.sub(" ", typed_words(tail)))
    if (any(c.isdigit() for c in figures(tail)) or SPELT_NUMBERS.keys() & set(tail.split())) \
            and not _TO_COME_TERM_RE.search(tail):  # "0, une prévue en janvier": the count to come is not asked
        return text
    return head


_ONE_WITH_RE = re.compile(rf"\b{_ONE_WITH}")  # one of those counted, with whom or where: "une avec la CAF"
# A figure said to hold all year ("7200 à l'année"): the one asked, whatever the season's said after it (folded).
_YEAR_ROUND_RE = re.compile(r"\b(?:a l'annee|toute l'annee|permanents?|a l'annee pleine)\b")
# How many times another figure is this one: a ratio, no count of its own (folded).
_RATIO_RE = re.compile(r"(?<!\w)(?:[x×]\s*[0-9]+(?:[.,][0-9]+)?|(?:[0-9]+|\w+) fois (?:plus|moins)"
                       r"|le (?:double|triple))(?!\w)")


def _made_up_of(head: str, tail: str) -> bool:
    """Whether the one figure of `head` is the sum of those of `tail`, two or more: a total, then its parts."""
    total, parts = _FIGURE_RE.findall(figures(head)), _FIGURE_RE.findall(figures(tail))
    return len(total) == 1 and len(parts) > 1 and _whole(total[0]) == sum(map(_whole, parts))


def _whole(figure: str) -> int:
    """A figure as typed ("4 500", "4.500") as a number."""
    return int(re.sub(r"[ \u00a0\u202f.]", "", figure))


def _figure_head(question: Question, text: str) -> str:
    """The figure said before a clause ("3, avec la CAF", "un temps plein, elle fera aussi l'accompagnement"); for a
    decimal, unless the clause unsettles it ("1,5, à voir"); the whole text otherwise."""
    if question.kind is Kind.INTEGER:
        return _before_clause(text)
    head = _before_clause(text) if question.kind is Kind.DECIMAL else text
    return text if _UNSETTLED_RE.search(fold(text[len(head):])) else head


# Where a figure is, or what it holds, said after its unit: "dans le bus" of "15 m2 dans le bus", "avec l'accueil et
# deux bureaux" of "quatre-vingts mètres carrés avec…", which the unit pattern would take.
_WHERE_AFTER_UNIT_RE = re.compile(rf"(?:[0-9]|\b(?:{NUMBER_WORDS_PATTERN}))"
                                  r"\s*(?:m²|m2|m[èe]tres?\s+carr[ée]s|[^\W\d_]+)\.?\s+"
                                  r"(?P<where>(?:dans|au|aux|en|[àa]|sur|chez|avec|dont)\s+\D+)$", re.IGNORECASE)


def figure_remarks(question: Question, text: str) -> list[str]:
    """What a figure was said with that it does not keep: its asides ("recensement 2017", "dont 3 000 en QPV"),
    for a whole number the clause after it ("sûrement plus aujourd'hui"), and the words after a figure copied
    with its source ("au recensement de 2021", "au rez-de-chaussée + une salle à l'étage"); never its unit nor an
    "environ"."""
    coming = []
    if (done := _done_apart(question, text)) is not None:  # "+ 1 prévue avec la MSA", said of what is done
        text, coming = done[0], [done[1]]
    if (own := _figure_for_asked(question, text)) is not None:  # the other shares, said for something else
        return own[1] + coming
    bare = without_asides(text).strip()
    head = _figure_head(question, bare)
    if _is_year(question) and (said := _YEAR_THEN_RE.match(bare)) is not None:
        head = said["head"]  # "2027, ouverture en mai donc 8 mois": the clause holds a figure, not another year
    remarks = asides(text)
    if head != bare:  # the clause after the figure, without what opens it (", ", ". ": seen with what precedes it)
        said = bare[(clause.end() if (clause := _FIGURE_CLAUSE_RE.match(bare, len(head))) else len(head)):].strip()
        start = text.find(said[:20]) if said else -1
        if start >= 0 and re.search(r"\([^()]*\)\s*\w", text[start:]):  # "on doit aller voir celle de morbier
            remarks = [aside for aside in remarks if text.find(f"({aside}") < start]  # (…) en janvier": as typed
            said = text[start:].strip().rstrip(" .")
        remarks.append(said)
    if (where := _WHERE_AFTER_UNIT_RE.search(head)) is not None:  # "15 m² dans le bus": no part of the unit
        remarks.append(where["where"].strip())
    try:
        _figure(question, text, None)
    except ParseError:  # the figure is the one copied with its source: what follows it is not kept
        if (source := figure_source(text)) is not None and not any(source in remark for remark in remarks):
            remarks.append(source)
    return in_typed_order(text, remarks) + coming


# What makes a date said uncertain, which the date kept does not say (folded): "le 18 décembre (à confirmer)".
_DOUBT_RE = re.compile(r"\b(?:a confirmer|a verifier|sous reserve|normalement|en principe|a priori|probablement|"
                       r"sans doute|peut-etre|previsionnel(?:le)?|si possible|si tout va bien|sauf imprevu|"
                       r"en theorie|je crois|je pense|il me semble|sauf erreur)\b")


# A person's name not known yet, said after their function (folded): "…, nom à confirmer", "je n'ai pas encore son nom".
_NAME_AWAITED = (r"\b(?:(?:son |le |leur )?nom (?:a venir|a confirmer|a preciser|a definir|(?:encore )?inconnu"
                 r"|(?:pas encore |non )connu)(?: pour (?:l'instant|le moment))?"
                 r"|(?:je n'ai|j'ai|on n'a|on a|nous n'avons) pas encore (?:son|le|leur) nom)\b")
# How one reaches someone, after their name (folded): "à M. Le Bihan directement".
_DIRECTLY = r"\b(?:directement|en direct|en personne|lui-meme|elle-meme)\b"
# Doubts ending a text, one or several, after a comma, a dash, in brackets or not (folded): "…, je crois, à confirmer".
_TRAILING_DOUBTS_RE = re.compile(rf"(?:\s*[,;(–—]\s*|\s+-\s+|\s+)(?P<doubt>(?:{_NAME_AWAITED}|{_DIRECTLY}"
                                 rf"|{_DOUBT_RE.pattern})"
                                 rf"(?:\s*[,;]?\s*(?:{_DOUBT_RE.pattern}))*)\s*\)?[\s.!]*$")


def doubt_apart(text: str) -> tuple[str, str | None]:
    """A text and the doubts it ends with, as typed: ("CAF de la Haute-Loire", "à vérifier") of "CAF de la Haute-Loire
    (à vérifier)"; the text and None when it ends with none, or is nothing else."""
    folded = fold(text)
    found = _TRAILING_DOUBTS_RE.search(folded)
    if found is None or len(folded) != len(text) or not text[:found.start()].strip():
        return text, None
    return text[:found.start()].rstrip(), text[found.start("doubt"):found.end("doubt")]


# A clause saying a figure is not settled ("1,5, à voir"): the figure is asked again, not kept as sure (folded).
_UNSETTLED_RE = re.compile(_DOUBT_RE.pattern + r"|\b(?:a voir|on verra|a definir|a preciser|a discuter)\b")


def doubted_yes_no(text: str) -> str | None:
    """The doubt a yes or no is said with, after a "mais" or an "et" as after a comma: "à vérifier avec la
    préfecture" of "je crois que oui mais à vérifier avec la préfecture"; None when it has none."""
    folded = fold(text)
    for doubt in _DOUBT_RE.finditer(folded):
        head = re.sub(r"(?:\s+|^)(?:mais|et)\s*$", "", text[:doubt.start()].rstrip(" ,;"), flags=re.IGNORECASE)
        if head and len(folded) == len(text) and said_yes_no(head) is not None:
            return text[doubt.start():].strip(" .!")
    return None


# A doubt on when, not on whether: "probablement en avril", "normalement le 12 mars" (folded).
_DOUBT_ON_WHEN_RE = re.compile(rf"(?:{_DOUBT_RE.pattern})\s+(?:en|le|au|d[ée]but|fin|mi|courant|vers|avant|apres"
                               r"|d'ici)\b")


def doubt_on_when(text: str) -> bool:
    """Whether a text's doubt bears on a date it gives ("probablement en avril, avec M. le Sous-Préfet", "le 16 mars,
    à confirmer"), not on the yes said before it."""
    folded = fold(text.strip())
    if (doubt := _DOUBT_RE.search(folded)) is not None and any(  # "le premier le 16 mars, à confirmer avec la CC"
            _dates(date[0]) for date in _DATE_IN_TEXT_RE.finditer(folded[:doubt.start()])):
        return True
    return _DOUBT_ON_WHEN_RE.match(folded) is not None and (
        re.search(r"[0-9]", folded) is not None or _MONTH_IN_TEXT_RE.search(folded) is not None)


def doubts(text: str) -> list[str]:
    """The words saying a date is not sure yet, as typed: ["à confirmer"] of "le 18 décembre (à confirmer)"."""
    folded = fold(text)
    same_places = len(folded) == len(text)  # folding moved no character: the words quoted as typed
    return [text[found.start():found.end()] if same_places else found[0] for found in _DOUBT_RE.finditer(folded)]


def _integer(text: str) -> int:
    typed = _SQUARE_METRES.sub("m²", _number_text(_digits_for_words(text)))
    match = _INTEGER_RE.fullmatch(typed)
    decimal = None if match else _DECIMAL_RE.fullmatch(typed)
    if decimal and decimal["dec"] and len(decimal["dec"]) <= 2 and not _is_scale(decimal["unit"]):
        whole = int(decimal["int"].replace(" ", ""))  # "82,5 m²": a figure the question wants whole, rounded by them
        raise ParseError("integer.whole", typed=f"{decimal['int']},{decimal['dec']}", down=whole, up=whole + 1)
    if not match or _is_scale(match["unit"]):
        raise ParseError("integer.invalid")
    digits = match["num"].replace(" ", "").replace(".", "").lstrip("0") or "0"
    if len(digits) > 100:
        raise ParseError("integer.invalid")
    return -int(digits) if match["sign"] == "-" else int(digits)


# A count of none, as said to "Combien… ?": "aucune encore", "pas une seule pour l'instant" (folded).
_NONE_COUNT_RE = re.compile(r"(?:aucun|aucune|aucun\w* encore|pas encore|pas un|pas une|pas un seul|pas une seule"
                            r"|jamais|zero|nul|nulle)(?:[ ,]+(?:encore|pour l'instant|pour le moment|a ce jour"
                            r"|jusqu'ici|jusqu'a present))?")


# A count said in a sentence: "On en a visité une à Callac", "Nous en avons tenu 3 avec la CAF", "on est 3200
# habitants", "la commune compte 3 200 habitants": the sentence's start goes, and where or with whom after the
# number (the number is read alone).
_COUNT_LEAD_RE = re.compile(
    r"\s*(?:(?:(?:on|nous) en (?:a|avons)|j['’]en ai|il y en a|on en compte|nous en comptons)"
    r"(?:\s+(?:d[ée]j[àa]|eu|fait|visit[ée]e?s?|rencontr[ée]e?s?|tenue?s?|organis[ée]e?s?|vue?s?|fait)\b)*"
    r"|on est|nous sommes|il y a|(?:ce qui |ça |ca |cela )fait|soit|au total|en tout"
    r"|(?:la commune|le territoire|la communauté|la cc|elle|il) compte)"
    r"\s+",
    re.IGNORECASE)
_COUNT_DETAIL_RE = re.compile(r"\s+(?:[àa]|au|aux|avec|dont|chez)\s.*$", re.IGNORECASE | re.DOTALL)


# A figure as typed, its thousands apart or not ("4 500", "15000"); not one ending a word ("m3").
_FIGURE_RE = re.compile(r"(?<![\w,.])(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?![\d,])")


def _figures_apart(text: str) -> list[str]:
    """The figures of a text that words set apart ("4 500 l'hiver, 15 000 l'été"); none for a figure mistyped in
    groups ("1 5000"), which is one number to type again."""
    found = list(_FIGURE_RE.finditer(text))
    if any(not re.search(r"[^\W\d_]", text[before.end():after.start()]) for before, after in zip(found, found[1:])):
        return []
    return [figure[0] for figure in found]


def parse_integer(text: str, min: int | None = None, max: int | None = None) -> int:
    """Parse a whole number written the French way, or a small one spelt out ("trois"); negatives only when min
    allows them."""
    if (lead := _COUNT_LEAD_RE.match(text)) is not None:
        text = _COUNT_DETAIL_RE.sub("", text[lead.end():])
    said = _before_clause(text)
    try:
        value = 0 if _NONE_COUNT_RE.fullmatch(typed_words(said)) else _integer(said)
    except ParseError as error:
        if len(found := _figures_apart(figures(text))) > 1:  # "4 500 l'hiver, 15 000 l'été": which one?
            raise ParseError("integer.several", figures=found) from error
        raise
    low = min if min is not None else (0 if value < 0 else None)
    if (low is not None and value < low) or (max is not None and value > max):
        raise ParseError("integer.range", min=low, max=max)
    return value


# ---------------------------------------------------------------- euros

_EUROS_RE = re.compile(
    r"(?P<sign>[+-]?)\s*(?:(?:€|eur|euros?)\s*)?(?P<sign2>[+-]?)\s*"
    r"(?P<int>[0-9]{1,3}(?P<sep>[ .])[0-9]{3}(?:(?P=sep)[0-9]{3})*|[0-9]+)"
    r"(?:(?P<dsep>[,.])(?P<dec>[0-9]+))?"
    r"\s*(?P<k>k)?\s*(?:€|eur|euros?)?"
)


def parse_euros(text: str) -> Decimal:
    """Parse a non-negative amount in euros ("1 500,50 €", "35 k€") into a Decimal with 2 places."""
    match = _EUROS_RE.fullmatch(_number_text(figures(text)))
    if not match or (match["sign"] and match["sign2"]):
        raise ParseError("euros.invalid")
    dec = match["dec"] or ""
    if match["dsep"] == "." and len(dec) > 2:
        raise ParseError("euros.invalid")
    whole = match["int"].replace(" ", "").replace(".", "").lstrip("0")
    dec = dec.rstrip("0")
    shift = (3 if match["k"] else 0) + 2  # power of ten from the written unit to cents
    if len(whole) + shift > 12:
        raise ParseError("euros.range", min=0, max=EUROS_MAX)
    cents = int(whole + dec[:shift].ljust(shift, "0"))
    if "-" in (match["sign"], match["sign2"]) and (whole + dec).strip("0") != "":
        raise ParseError("euros.negative")
    if cents > EUROS_MAX * 100:
        raise ParseError("euros.range", min=0, max=EUROS_MAX)
    if len(dec) > shift:
        raise ParseError("euros.cents")
    return Decimal(f"{cents // 100}.{cents % 100:02d}")


# ---------------------------------------------------------------- decimals

# Thousands are grouped by spaces only: "1.500" could be 1 500 or 1,5, so three decimals are refused, zeros or not.
_DECIMAL_RE = re.compile(
    r"(?P<int>[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:[,.](?P<dec>[0-9]+))?"
    rf"(?:\s*(?P<unit>{_WORD_UNIT}))?"
)


def parse_decimal(text: str, min: int | Decimal | None = None, max: int | Decimal | None = None) -> Decimal:
    """Parse a non-negative number with at most two decimals ("1,5", "1.5 ETP", "12 400,25"); "1,50" gives 1.5."""
    match = _DECIMAL_RE.fullmatch(_number_text(_digits_for_words(text)))
    if not match or _is_scale(match["unit"]):
        raise ParseError("decimal.invalid")
    whole = match["int"].replace(" ", "").lstrip("0") or "0"
    if len(whole) > 100:
        raise ParseError("decimal.invalid")
    if len(match["dec"] or "") > 2:
        raise ParseError("decimal.places")
    dec = (match["dec"] or "").rstrip("0")
    value = Decimal(f"{whole}.{dec}" if dec else whole)
    if (min is not None and value < min) or (max is not None and value > max):
        raise ParseError("decimal.range", min=min, max=max)
    return value


# "60 % chacune, donc 1,2", "soit 1,2 ETP", "= 1,2", "…, disons 1 ETP": the figure kept after others (folded).
_TOTAL_SAID_RE = re.compile(r".*(?:\bdonc|\bsoit|=|\bau total|\ben tout|\bdisons|\bau final|\bfinalement)\s*:?\s*"
                            r"(?P<number>[0-9]+(?:[.,][0-9]{1,2})?)\s*(?:etp|equivalents? temps pleins?)?\s*"
                            r"(?:au total|en tout)?(?:\s+pour (?:l'|le |la |les )\S+)?")
# "1 ETP à elles 2", "1 etp pour les deux": a total shared by the people named before (folded).
_TOGETHER_RE = re.compile(r"(?P<number>[0-9]+(?:[.,][0-9]{1,2})?)\s*(?:etp|equivalents? temps pleins?)?\s*"
                          r"(?:a|pour) (?:elles|eux|nous|tous|toutes|les)(?: (?:[0-9]+|deux|trois|quatre|cinq|six))?")
_TOTAL_FIRST_RE = re.compile(r"(?P<number>[0-9]+(?:[.,][0-9]{1,2})?)\s*(?:etp|equivalents? temps pleins?)?\s*"
                             r"(?:au total|en tout)\b")  # "1,6 au total, 0,8 chacun": the total said first (folded)
_EACH_RE = re.compile(r"\bchacun(?:e|s|es)?\b|\bpar personne\b")


def _full_time(share: Share, min: int | Decimal | None, max: int | Decimal | None) -> Decimal:
    """A share of a full-time post as a decimal answer: a figure said ("12,5 %") keeps to two decimals like any
    other; one worked out from a time ("10 heures par semaine", 2/7) is rounded to them."""
    exact = Decimal(share.value.numerator) / Decimal(share.value.denominator)
    value = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if share.exact and value != exact:
        raise ParseError("decimal.places")
    value = Decimal(_plain_decimal(value))
    if (min is not None and value < min) or (max is not None and value > max):
        raise ParseError("decimal.range", min=min, max=max)
    return value


def _plain_decimal(value: Decimal | int) -> str:
    """'1.5', '2', '12400.25': no exponent, no trailing zeros."""
    text = format(Decimal(value), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# ---------------------------------------------------------------- hours

_WEEK_SUFFIX_RE = re.compile(r"\s*(?:(?:/|par|a la|chaque)\s*(?:semaine|sem)\.?|hebdo(?:madaires?)?)$")
_HOURS_UNIT = r"(?:h|hr|hrs|heure|heures)"
_HOURS_DECIMAL_RE = re.compile(rf"(?P<h>[0-9]+)(?:[,.](?P<frac>[0-9]+))?\s*{_HOURS_UNIT}?")
_HOURS_MINUTES_RE = re.compile(
    rf"(?P<h>[0-9]+)\s*(?:{_HOURS_UNIT}\s*(?:et\s*)?|:)(?P<m>[0-9]{{2}})\s*(?:min|mn|minutes?|{_HOURS_UNIT})?"
)


def parse_hours(text: str) -> int:
    """Parse a weekly duration ("24h30", "24,5", "35 heures par semaine") into minutes."""
    squashed = _WEEK_SUFFIX_RE.sub("", fold(figures(text))).strip()
    if match := _HOURS_MINUTES_RE.fullmatch(squashed):
        hours_digits, minutes = match["h"], int(match["m"])
        if minutes >= 60:
            raise ParseError("hours.invalid")
    elif match := _HOURS_DECIMAL_RE.fullmatch(squashed):
        hours_digits = match["h"]
        frac = Decimal(f"0.{match['frac'] or '0'}")
        minutes = int((frac * 60).to_integral_value(rounding=ROUND_HALF_UP))
    else:
        raise ParseError("hours.invalid")
    hours_digits = hours_digits.lstrip("0") or "0"
    if len(hours_digits) > 6:
        raise ParseError("hours.range", min=0, max=HOURS_MAX)
    total = int(hours_digits) * 60 + minutes
    if total > HOURS_MAX * 60:
        raise ParseError("hours.range", min=0, max=HOURS_MAX)
    return total


# ---------------------------------------------------------------- dates

_PREFIX_RE = re.compile(
    r"(?:le )?(?:(?P<weekday>" + "|".join(_WEEKDAYS_FOLDED) + r")\.?,? ?)?(?:le )?"
)
_DMY_RE = re.compile(r"(?P<d>[0-9]{1,2})(?P<s>[/.-])(?P<m>[0-9]{1,2})(?P=s)(?P<y>[0-9]{4}|[0-9]{2})")
_YMD_RE = re.compile(r"(?P<y>[0-9]{4})(?P<s>[/.-])(?P<m>[0-9]{1,2})(?P=s)(?P<d>[0-9]{1,2})")
_TEXT_DATE_RE = re.compile(
    r"(?P<d>[0-9]{1,2})(?P<er>er)? ?(?P<month>[a-z]+)\.? ?(?P<y>[0-9]{4}|[0-9]{2})"
)
# Without the year: "15 janvier", "15/01".
_DM_RE = re.compile(r"(?P<d>[0-9]{1,2})(?P<s>[/.-])(?P<m>[0-9]{1,2})")
_TEXT_DM_RE = re.compile(r"(?P<d>[0-9]{1,2})(?P<er>er)? ?(?P<month>[a-z]+)")
# A month without its day ("mars 2027", "en mars", "fin mars", "03/2027"): the day is asked for, never guessed.
_MONTH_ONLY_RE = re.compile(
    r"(?:(?:en|courant|debut|mi|fin|vers|avant|apres|d'ici|a partir de)[ -])?(?:au )?(?:mois (?:de |d'))?"
    r"(?P<month>[a-z]+)\.?(?: prochain| (?P<y>[0-9]{4}))?"
)
_NUMERIC_MONTH_RE = re.compile(r"(?P<m>[0-9]{1,2})[/.-](?P<y>[0-9]{4})")
LEAP_YEARS_APART = 8  # the longest wait for a 29 February (2096, then 2104)


class DateInferred(datetime.date):
    """A date not written in full, which the chat shows back: without its year ("15 mars"), the question's timing
    gave it, the next such day or the last one; said in words ("hier"), today gave it."""


# Days said relative to today, as people write them (folded: no accents, one kind of apostrophe).
_RELATIVE_DAYS = {"aujourd'hui": 0, "aujourdhui": 0, "ce jour": 0, "hier": -1, "avant-hier": -2, "avant hier": -2,
                  "demain": 1, "apres-demain": 2, "apres demain": 2}


# A day said by its weekday or as days ago, from today (folded): "mardi dernier", "la semaine dernière, mardi",
# "lundi de la semaine prochaine", "il y a 15 jours"; a doubt after it ("je crois") said not kept by `doubts`.
_WEEKDAY = "(?P<{0}>" + "|".join(_WEEKDAYS_FOLDED) + ")"
_DAY_SAID_RE = re.compile(
    r"(?:(?:le |ce )?" + _WEEKDAY.format("day") + r"(?: (?P<side>dernier|passe|prochain|qui vient))?"
    r"|la semaine (?P<week>derniere|prochaine),? (?:le )?" + _WEEKDAY.format("day2")
    + r"|(?:le )?" + _WEEKDAY.format("day3") + r" de la semaine (?P<week2>derniere|prochaine)"
    r"|il y a (?P<count>[0-9]{1,2}|une?|deux|trois|quatre|cinq|six|huit|quinze) (?P<unit>jours?|semaines?))"
    r"(?:,? (?:je crois|je pense|il me semble|sauf erreur|normalement|a confirmer|a verifier))?")


def _day_said(folded: str, today: datetime.date, timing: str | None) -> DateInferred | None:
    """The day a weekday or a count of days ago says from `today`; None for any other text, and for a weekday alone
    where the question does not say on which side of today it falls."""
    said = _DAY_SAID_RE.fullmatch(folded)
    if said is None:
        return None
    if said["count"]:
        count = int(said["count"]) if said["count"].isdigit() else SPELT_NUMBERS[said["count"]]
        day = today - datetime.timedelta(days=count * (7 if said["unit"].startswith("semaine") else 1))
    elif week := said["week"] or said["week2"]:  # that weekday in the calendar week before or after this one
        monday = today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(
            weeks=-1 if week == "derniere" else 1)
        day = monday + datetime.timedelta(days=_WEEKDAYS_FOLDED.index(said["day2"] or said["day3"]))
    else:
        side = {"dernier": "past", "passe": "past", "prochain": "next", "qui vient": "next"}.get(said["side"], timing)
        ahead = (_WEEKDAYS_FOLDED.index(said["day"]) - today.weekday()) % 7
        if side == "past":  # "mardi" at a past date is today on a Tuesday, "mardi dernier" a week ago
            ahead = ahead - 7 if ahead or said["side"] else 0
        elif side == "next":
            ahead = ahead or 7
        elif side != "future":
            return None
        day = today + datetime.timedelta(days=ahead)
    return DateInferred(day.year, day.month, day.day)


def _month_number(word: str) -> int | None:
    """Return 1..12 for a French month name or an unambiguous prefix of at least 3 letters."""
    if word in _MONTHS_FOLDED:
        return _MONTHS_FOLDED.index(word) + 1
    if len(word) >= 3:
        found = [i for i, name in enumerate(_MONTHS_FOLDED) if name.startswith(word)]
        if len(found) == 1:
            return found[0] + 1
    return None


_FIRST_DAY_RE = re.compile(r"\bpremier(?=\s+(?:" + "|".join(MONTHS + _MONTHS_FOLDED) + r"|[0-9]))", re.IGNORECASE)


def parse_date(text: str, today: datetime.date | None = None, timing: str | None = None) -> datetime.date:
    """Parse a calendar date ("15/03/2027", "2027-03-15", "lundi 1er mars 2027").

    Without its year ("15 mars", "15/03"), `timing` gives it from `today`: "future", the next 15 March (today
    included), "past", the last one, "nearest", the closer of the two; the date is then a `DateInferred`. Without
    them, the year is asked for.
    "hier", "aujourd'hui", "demain" are days from `today`, a `DateInferred` too. A sentence holding one date
    ("conseil communautaire du 12 novembre") is that date, a `DateInferred` as well: the rest was left out.
    """
    text = _FIRST_DAY_RE.sub("1er", figures(_months_in_full(text)))  # "le premier septembre", not "le premier en juin"
    try:
        return _parse_whole_date(text, today, timing)
    except ParseError as error:
        if error.key != "date.invalid":
            raise
        head, comma, _ = text.partition(",")
        if comma and month_alone(head):  # "début avril, date à caler avec la préfecture": the day is asked
            return _parse_whole_date(head, today, timing)  # raises date.no_day
        return _date_in_sentence(text, today, timing, error)


# A month shortened after a word that sets it ("en sept", "mi-oct", "fin janv."), where "sept" is no seven.
_MONTH_SHORT_RE = re.compile(r"\b(en|mi|fin|d[ée]but|courant|depuis|vers|avant|apr[èe]s)([ -])(janv|f[ée]vr?|avr|juil"
                             r"|sept|oct|nov|d[ée]c)\b\.?", re.IGNORECASE)


def _months_in_full(text: str) -> str:
    return _MONTH_SHORT_RE.sub(lambda said: said[1] + said[2] + MONTHS[_month_number(fold(said[3])) - 1], text)


def date_apart(text: str) -> tuple[str, str] | None:
    """A text ending with a date, set apart from it: "Mme Chabanon" and "en sept" of "Mme Chabanon en sept", "Mme
    Besson, sous-préfecture de Riom" and "rencontrée le 18 novembre" of "…, rencontrée le 18 novembre"; None when it
    holds no date, nothing before it, or a sentence ("on a vu la déléguée du préfet le 10 novembre")."""
    for clause in re.finditer(r"[^,]+", text):
        words = list(re.finditer(r"[\w'’.-]+", clause[0]))
        first = next((n for n, word in enumerate(words) if any(map(str.isdigit, word[0]))
                      or (_month_number(fold(word[0]).rstrip(".")) is not None  # "Mme Mars": a name
                          and (word[0].islower() or (n and fold(words[n - 1][0]) in _DATE_LEADS)))), None)
        if first is None:
            continue
        while first and (fold(words[first - 1][0]) in _DATE_LEADS or _day_in_words(words[first - 1][0])):
            first -= 1
        cut = clause.start() + (words[first].start() if first else 0)
        if first and _FIRST_PERSON_RE.search(before := text[clause.start():cut]) and not _names_met(before):
            return None  # "on a vu la déléguée du préfet le 10 novembre"; not "j'ai eu Mme Giraud le 12 novembre"
        return (text[:cut].strip(" ,"), text[cut:].strip()) if text[:cut].strip(" ,") else None
    return None


def _names_met(text: str) -> bool:
    """Whether a sentence says whom one met by their name: "j'ai eu madame Giraud de la préfecture"."""
    return (met := _MET_RE.match(text)) is not None and (
        _CIVILITY_RE.search(met["whom"]) is not None or any(word[:1].isupper() for word in met["whom"].split()))


def _day_in_words(word: str) -> bool:
    """Whether a word is a day of the month said in words, as dictation writes it: "douze", "vingt-deux"."""
    return all(part in SPELT_NUMBERS or part in ("premier", "trente", "et") for part in fold(word).split("-"))


# The words that lead to a date: "en septembre", "rencontrée le 18", "au mois de mai" (folded).
_DATE_LEADS = frozenset({"en", "le", "mi", "fin", "debut", "courant", "depuis", "vers", "au", "mois", "de", "du", "ce",
                         "cette", "des", "avant", "apres", "rencontre", "rencontree", "vu", "vue", "contacte",
                         "contactee", "appele", "appelee", "eu", "eue", "semaine", "la", "rdv", "rendez-vous",
                         "reunion"})


# What says a deadline before its date: "avant le 31 mars", "au plus tard le 31/03", "d'ici le 31 mars".
_BY = r"(?:au plus tard|avant|d['’]ici|jusqu['’]\s*au|jusqu['’]\s*[àa]|pour)\s+(?:le\s+)?"
_BY_RE = re.compile(r"^\s*" + _BY, re.IGNORECASE)
# The same inside a sentence, with the rest of its clause: "Merci de compléter avant le 15 janvier."
_BY_IN_TEXT_RE = re.compile(r"\b" + _BY + r"(?P<date>[^,;!?\n]+?)\s*(?:[,;!?\n]|\.(?!\d)|$)", re.IGNORECASE)


def with_whom_before_date(text: str) -> str | None:
    """Whom a thing dated is with, said before its date ("avec le préfet et les maires" of "avec le préfet et les
    maires, le 12 juin"), which a date does not keep; None otherwise."""
    apart = date_apart(text)
    return apart[0] if apart is not None and _WITH_WHOM_RE.match(apart[0]) else None


_WITH_WHOM_RE = re.compile(r"\s*(?:avec|en pr[ée]sence d(?:e|u|es)|entour[ée]e?s? d)\b", re.IGNORECASE)


def with_whom_said(text: str) -> str | None:
    """Whom a thing dated is with, said before its date (with_whom_before_date) or after it ("avec les maires" of
    "le 12 juin à 14h, avec les maires"); None otherwise."""
    return with_whom_before_date(text) or ((after := after_date(text)) and _whom_apart(after)[1])


def _whom_apart(text: str) -> tuple[str, str | None]:
    """A text without whom it says a thing is with, and that, as typed: "à 14h" and "avec les maires"."""
    said = re.search(r"(?<![\w'’])" + _WITH_WHOM_RE.pattern.removeprefix(r"\s*"), text, re.IGNORECASE)
    if said is None or _DOUBT_END_RE.search(fold(text[:said.start()])):  # "à confirmer avec la CC": whom to ask
        return text, None
    return text[:said.start()].rstrip(" ,;"), text[said.start():].strip(" ,;.!")


_DOUBT_END_RE = re.compile(rf"(?:{_DOUBT_RE.pattern}|\ba (?:voir|valider|caler|fixer)\b)\s*$")


def after_date(text: str) -> str | None:
    """What a sentence says after its date, as typed ("à 14h à la mairie" of "le 12 juin à 14h à la mairie"), which
    the date does not keep; None when nothing follows it but words dating it ("prochain") or doubting it."""
    folded = fold_in_place(text)
    dates = [found for found in _DATE_IN_TEXT_RE.finditer(folded) if _dates(found[0])]
    dates += _RELATIVE_DAY_IN_TEXT_RE.finditer(folded)
    if not dates:
        return None
    tail = text[max(found.end() for found in dates):].strip(" ,;:.!?()-–—")
    rest = _DATE_TAIL_RE.sub(" ", _DOUBT_RE.sub(" ", typed_words(tail)))
    return tail if re.search(r"\w", rest) else None


def _dates(said: str) -> bool:
    """Whether what _DATE_IN_TEXT_RE found is a date ("12/06", "12 juin"), not a time or a count ("14h", "3 élus")."""
    return not said[-1].isalpha() or _month_number(said.split()[-1].rstrip(".")) is not None


_RELATIVE_DAY_IN_TEXT_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _RELATIVE_DAYS), key=len, reverse=True))
                                      + r")\b(?!-)")  # not "ce jour-là"
# Words after a date that only date it: "le 12 juin prochain", "le 3 mars, c'est calé".
_DATE_TAIL_RE = re.compile(r"\b(?:prochaine?|derniere?|passee?|(?:de )?cette annee|(?:de )?l'annee prochaine"
                           r"|c'est (?:cale|fait|bon|note|fixe|valide|confirme|ok)|ok|voila|merci)\b")


def deadline_in(text: str, today: datetime.date | None) -> datetime.date | None:
    """The one date a sentence sets as a bound ("merci de compléter avant le 15 janvier", "fin février"), shown
    back as the date taken; None without one, or with several."""
    found = set()
    for said in _BY_IN_TEXT_RE.finditer(text):
        try:
            found.add(_month_bound(said["date"], today) or parse_date(said["date"], today, "future"))
        except ParseError:
            if re.search(r"[0-9]", said["date"]):
                return None  # "…, au plus tard le 20": another bound, not read
    if len(found) != 1:
        return None
    [day] = found
    return DateInferred(day.year, day.month, day.day)

# A deadline said by its month: "fin février" (its last day), "mi-mars" (the 15th), folded.
_MONTH_BOUND_RE = re.compile(r"(?P<bound>(?:(?:a )?la )?fin|mi)(?: du mois)?[ -]*(?:de |d')?(?P<month>[a-z]+)"
                             r"(?: (?P<year>[0-9]{4}))?")


def _month_bound(text: str, today: datetime.date | None) -> DateInferred | None:
    """"fin février" as 28 February (the next end of February from `today`), "mi-mars 2027" as 15 March 2027,
    shown back as the day taken; None for any other text."""
    said = _MONTH_BOUND_RE.fullmatch(typed_words(text).rstrip(" ."))
    if said is None or said["month"] not in _MONTHS_FOLDED or (said["year"] is None and today is None):
        return None
    month = _MONTHS_FOLDED.index(said["month"]) + 1
    year = int(said["year"]) if said["year"] else today.year + (month < today.month)
    return DateInferred(year, month, calendar.monthrange(year, month)[1] if said["bound"].endswith("fin") else 15)


# A date inside a sentence: the shapes parse_date reads, standing apart from other digits.
_DATE_IN_TEXT_RE = re.compile(
    r"(?<![0-9/.-])(?:(?:" + "|".join(_WEEKDAYS_FOLDED) + r")\.?,? )?"
    r"(?:[0-9]{1,2}(?P<s>[/.-])[0-9]{1,2}(?P=s)(?:[0-9]{4}|[0-9]{2})|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"|[0-9]{1,2}(?:er)? ?[a-z]+\.?(?: [0-9]{4})?|[0-9]{1,2}/[0-9]{1,2})(?![0-9/-]|\.[0-9])"
)
# Words that make the date in a sentence a bound, an estimate or one of several: not the date itself.
_NOT_THE_DATE_RE = re.compile(
    r"\b(?:avant|apres|vers|entre|environ|plus tard|d'ici|a partir|jusqu|des le|ou|semaine|quinzaine|courant"
    r"|debut|fin|mi|sauf|pas (?:sur|certain|confirme|fixe|definitif)|peut-etre|reporte|repousse|annule)\b"
)
# A negation makes the date not the date only in its own clause: "pas le 3 novembre", but "pas de délibération chez
# nous, accord donné le 3 novembre" is that date.
_CLAUSE_RE = re.compile(r"[^,;:.!?]+")
_NEGATION_RE = re.compile(r"\b(?:pas|non)\b")


# A sentence's tense, which says on which side of today a date without its year falls, whatever the question
# expected: "c'était le 30 septembre" for a deadline gone, "on l'enverra le 12 janvier" for a thing not done yet.
# Narrow on purpose: folded, "à" is "a", so an auxiliary counts only after its subject, before a participle ("on
# l'a déposé", not "on a une réunion"); and a date set in the past may be ahead ("la date limite a été fixée au 31
# mars"): setting it says nothing of its side of today.
_SETTING = (r"(?:fixe|prevu|programme|decide|annonce|arrete|cale|notifie|indique|donne|dit|demande|repousse|reporte"
            r"|avance|choisi|retenu)(?:e|es|s)?\b")
_NOT_PARTICIPLE = r"(?:cette|notre|votre|leur|leurs|quelque|quelques|toute|toutes|rendez|reunion)\b"
_PAST_TENSE_RE = re.compile(
    r"\b(?:c'etait|etai(?:t|ent)|avai(?:t|ent)|fut|(?:a|ont) ete(?! " + _SETTING + ")"
    r"|(?:j'ai|on a|il a|elle a|nous avons|vous avez|ils ont|elles ont|l'ai|l'a|l'avons|l'avez|l'ont)"
    r"(?: (?:bien|deja|enfin|finalement|tout))? (?!" + _SETTING + "|" + _NOT_PARTICIPLE + r")"
    r"(?:[a-z]{3,}(?:e|ee|es|ees|i|is|it|u|us)|(?:ouv|off|couv)erte?s?|pris|mis|rejointe?))\b")
_FUTURE_TENSE_RE = re.compile(
    r"\b(?:sera|seront|aura|auront|(?:va|vont|allons|allez) (?:[a-z]+ )?[a-z]+(?:er|ir|re)"
    r"|[a-z]{2,}(?:era|eront|erons|rra|rront|rrons|ira|iront|irons))\b")


def _tense(folded: str, timing: str | None) -> str | None:
    """"past" or "future" when the sentence says it in one tense only, else the question's `timing`."""
    past, future = bool(_PAST_TENSE_RE.search(folded)), bool(_FUTURE_TENSE_RE.search(folded))
    if timing is None or past == future:
        return timing
    return "past" if past else "future"


def _date_in_sentence(text: str, today: datetime.date | None, timing: str | None,
                      error: ParseError) -> DateInferred:
    """The one date a sentence holds, or `error`; a date in it that cannot be (a 31 April) says why."""
    folded = fold(text)
    if _NOT_THE_DATE_RE.search(folded):
        if not _NOT_THE_DATE_RE.search(without_part := _PART_OF_MONTH_RE.sub(" ", folded)) and without_part != folded:
            _refuse_a_month_in_a_sentence(folded)  # "fin février normalement": its day asked, as "fin février" is
        raise error
    timing = _tense(folded, timing)
    dates: set[datetime.date] = set()
    for match in _DATE_IN_TEXT_RE.finditer(folded):
        clause = next(c.group() for c in _CLAUSE_RE.finditer(folded) if c.start() <= match.start() < c.end())
        if _NEGATION_RE.search(clause):
            raise error
        try:
            dates.add(_parse_whole_date(match.group(), today, timing))
        except ParseError as refused:
            if refused.key != "date.invalid":
                raise
    if not dates:
        _refuse_a_month_in_a_sentence(folded)
    if len(dates) != 1:
        raise error
    [date] = dates
    return DateInferred(date.year, date.month, date.day)


_PART_OF_MONTH_RE = re.compile(r"\b(?:debut|fin|mi|courant)[ -](?=(?:" + "|".join(_MONTHS_FOLDED) + r")\b)")
_MONTH_IN_TEXT_RE = re.compile(r"\b(?P<month>" + "|".join(_MONTHS_FOLDED) + r")\b(?: (?P<y>[0-9]{4})\b)?")


def _refuse_a_month_in_a_sentence(folded: str) -> None:
    """"avec le sous-préfet en septembre": ParseError "date.no_day" when a sentence names one month, no day."""
    months = list(_MONTH_IN_TEXT_RE.finditer(folded))
    others = _MONTH_IN_TEXT_RE.sub(" ", folded)
    if len(months) == 1 and not re.search(r"[0-9]", others):
        raise ParseError("date.no_day", month=MONTHS[_month_number(months[0]["month"]) - 1], year=months[0]["y"])


def _parse_whole_date(text: str, today: datetime.date | None, timing: str | None) -> datetime.date:
    """parse_date for a text that is a date and nothing else."""
    folded = fold(text).rstrip(" .!")
    if folded in _RELATIVE_DAYS and today is not None:
        day = today + datetime.timedelta(days=_RELATIVE_DAYS[folded])
        return DateInferred(day.year, day.month, day.day)
    if today is not None and (day := _day_said(folded, today, timing)) is not None:
        return day
    prefix = _PREFIX_RE.match(folded)
    folded = folded[prefix.end():]
    if match := (_DMY_RE.fullmatch(folded) or _YMD_RE.fullmatch(folded) or _DM_RE.fullmatch(folded)):
        month = int(match["m"])
    elif match := _TEXT_DATE_RE.fullmatch(folded) or _TEXT_DM_RE.fullmatch(folded):
        month = _month_number(match["month"])
        if month is None or (match["er"] and int(match["d"]) != 1):
            raise ParseError("date.invalid")
    else:
        _refuse_a_month_alone(folded)
        if (alone := re.fullmatch(r"([0-9]{1,2})(?:er)?", folded)) is not None and 1 <= int(alone[1]) <= 31:
            raise ParseError("date.no_month", day=int(alone[1]))  # "le 12", after "Il me faut aussi le jour"
        raise ParseError("date.invalid")
    day = int(match["d"])
    if not 1 <= month <= 12 or day < 1:
        raise ParseError("date.invalid")
    typed_year = match.groupdict().get("y")
    if typed_year is None:
        return _without_year(day, month, prefix["weekday"], today, timing)
    year = int(typed_year) + (2000 if len(typed_year) == 2 else 0)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ParseError("date.range", min=YEAR_MIN, max=YEAR_MAX)
    return _checked(datetime.date, year, month, day, prefix["weekday"])


def day_alone(text: str) -> int | None:
    """The day of a month a text says alone ("le 6", "6", "le 1er"), as typed after « Il me faut aussi le jour »."""
    said = re.fullmatch(r"(?:le\s+)?([0-9]{1,2})(?:er)?", fold(text).strip(" .!"))
    return int(said[1]) if said is not None and 1 <= int(said[1]) <= 31 else None


def month_alone(text: str) -> bool:
    """Whether a text is a month and nothing more ("en octobre", "octobre 2026"): a date still without its day."""
    folded = fold(text).rstrip(" .!")
    try:
        _refuse_a_month_alone(folded[_PREFIX_RE.match(folded).end():])
    except ParseError:
        return True
    return False


def _refuse_a_month_alone(folded: str) -> None:
    """ParseError "date.no_day" when the text names a month but no day."""
    if match := _MONTH_ONLY_RE.fullmatch(folded):
        month = _month_number(match["month"])
    elif match := _NUMERIC_MONTH_RE.fullmatch(folded):
        month = int(match["m"]) if 1 <= int(match["m"]) <= 12 else None
    else:
        return
    if month is not None:
        raise ParseError("date.no_day", month=MONTHS[month - 1], year=match["y"])


def _without_year(day: int, month: int, weekday: str | None, today: datetime.date | None,
                  timing: str | None) -> DateInferred:
    if today is None or timing not in ("past", "future", "nearest"):
        raise ParseError("date.no_year")
    if timing == "nearest":  # "le 22 janvier" for a deliberation taken or to come: the one closest to today
        years = [year for year in (today.year - 1, today.year, today.year + 1)
                 if day <= calendar.monthrange(year, month)[1]]
        if years:
            year = min(years, key=lambda year: abs((datetime.date(year, month, day) - today).days))
            return _checked(DateInferred, year, month, day, weekday)
    step = 1 if timing == "future" else -1
    for year in range(today.year, today.year + step * LEAP_YEARS_APART, step):
        if day > calendar.monthrange(year, month)[1]:
            continue  # a 29 February outside a leap year
        days_ahead = (datetime.date(year, month, day) - today).days
        if days_ahead * step >= 0:
            return _checked(DateInferred, year, month, day, weekday)
    # No year has that day ("31 avril"): said as for this year.
    return _checked(DateInferred, today.year, month, day, weekday)


def _checked(kind: type[datetime.date], year: int, month: int, day: int, weekday: str | None) -> datetime.date:
    """The date, once the month is known to have the day and the weekday typed (if any) is the date's."""
    days = calendar.monthrange(year, month)[1]
    if day > days:
        raise ParseError("date.no_such_day", day=day, days=days, month=MONTHS[month - 1], year=year)
    date = kind(year, month, day)
    # "lundi 16 mars" when the 16th is a Tuesday: which of the two was meant, only the user knows.
    typed = _WEEKDAYS_FOLDED.index(weekday) if weekday else date.weekday()
    if typed != date.weekday():
        raise ParseError("date.weekday", date=datetime.date(year, month, day), weekday=WEEKDAYS[typed])
    return date


# ---------------------------------------------------------------- yes / no


_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # apostrophes stay inside a word: "d'accord", "l'instant"
_YES_NO_BY_WORDS = {tuple(_WORD_RE.findall(phrase)): polarity for phrase, polarity in YES_NO_PHRASES.items()}
_YES_NO_LONGEST = max(map(len, _YES_NO_BY_WORDS))


def _polarities(words: list[str]) -> set[bool | None]:
    """Split words into known phrases, longest first, and return their polarities; ParseError on an unknown word."""
    found: set[bool | None] = set()
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + _YES_NO_LONGEST), i, -1):
            if (phrase := tuple(words[i:j])) in _YES_NO_BY_WORDS:
                found.add(_YES_NO_BY_WORDS[phrase])
                i = j
                break
        else:
            raise ParseError("yes_no.invalid")
    return found


# Begun, not done, at a yes/no question: what it asks is not so yet ("Les profils de poste sont-ils rédigés ?"
# "en cours"); a text question keeps them as its answer ("Où en sont les conventions locales ?"). Folded.
_BEGUN = frozenset({"en cours", "c'est en cours", "en cours de redaction", "en cours de preparation",
                    "en cours d'elaboration", "en cours de finalisation", "en cours de signature", "on y travaille",
                    "pas termine", "pas fini", "pas encore fini", "pas encore termine"})


def parse_yes_no(text: str) -> bool:
    """Parse a yes/no answer ("Non, merci.", "oui bien sûr !"), tolerant of case, accents, punctuation and emoji."""
    yes_emoji = any(e in text for e in YES_EMOJI)
    no_emoji = any(e in text for e in NO_EMOJI)
    for emoji in YES_EMOJI + NO_EMOJI:
        text = text.replace(emoji, " ")
    polarities = _polarities(_WORD_RE.findall(typed_words(text))) - {None}
    polarities |= {vote for vote, shown in ((True, yes_emoji), (False, no_emoji)) if shown}
    if len(polarities) != 1:
        raise ParseError("yes_no.invalid")
    return polarities.pop()


def said_yes_no(text: str) -> bool | None:
    """The yes or no a text says; None when it says neither (or both)."""
    try:
        return parse_yes_no(text)
    except ParseError:
        return None


# Where a yes or no ends and what explains it begins: "non, des travaux sont prévus", "oui : le mardi".
_YES_NO_THEN_RE = re.compile(r"\s*(?:[,;:.!?(–—\n]+|\s[-+]\s|\s(?=car\b|parce que\b|puisque\b))\s*", re.IGNORECASE)


_BARE_YES_RE = re.compile(r"\s*oui\s+(?P<rest>\w.*)", re.IGNORECASE | re.DOTALL)
# A no dictated without a comma, then a sentence of its own with its subject: "pas encore elle doit me les envoyer",
# "non pas pour le moment on n'a pas le personnel", "pas encore la première réunion est prévue le 15 janvier".
_SUBJECT_RE = re.compile(rf"(?:{_PRONOUNS}|c['’]est|[çc]a)\b", re.IGNORECASE)


def _past_politeness(rest: str) -> str:
    """What follows a yes after the politeness that goes with it, dictated without a comma: "avec la mairie" of
    "bien sûr avec la mairie"."""
    words = list(re.finditer(r"\S+", rest))
    polite = next((n for n in range(min(3, len(words) - 1), 0, -1)
                   if said_yes_no(f"oui {rest[:words[n - 1].end()]}") is True), 0)
    return rest[words[polite].start():] if polite else rest


def _no_then_sentence(text: str) -> str | None:
    """The sentence after a no dictated without a comma, the no taking up to six words; None without one."""
    words = list(re.finditer(r"\S+", text))
    for n in range(min(6, len(words) - 1), 0, -1):
        head, rest = text[:words[n].start()], text[words[n].start():]
        if not _YES_NO_THEN_RE.search(head) and (_SUBJECT_RE.match(rest) or is_statement(rest)) \
                and said_yes_no(head) is False:  # "non, elle doit…": set apart already, read below
            return rest.strip()
    return None


def yes_no_then(text: str, asked: str = "") -> tuple[bool, str] | None:
    """A yes or no followed by words that say more ("non, des travaux sont prévus en 2027"): the answer and those
    words; None when the text does not start with a yes or no set apart from the rest. A yes typed without a comma
    is one only when no word after it makes it partial or to come, unless the question `asked` is of what will be
    ("oui formation en janvier, ouverture prévue en avril" to « … ou le sera-t-il ? »)."""
    partial = _NOT_WHOLE - _TO_COME if _WILL_BE_RE.search(fold(asked)) else _NOT_WHOLE
    if (bare := _BARE_YES_RE.match(text)) is not None and not partial.intersection(
            word for part in _WORD_RE.findall(fold(bare["rest"])) for word in part.split("'")):
        try:
            parse_yes_no(text)
        except ParseError:
            if said_yes_no(text.split(",")[0]) is not True:  # "oui évidemment, avec les 4 maires": the comma sets it apart
                return True, _past_politeness(bare["rest"]).strip()  # "oui les deux agents d'accueil", no comma
    if (said := _no_then_sentence(text)) is not None:
        return False, said
    if (begun := _begun_then(text)) is not None:  # "en cours avec le CDG 61", dictated: begun is not done, a no
        return False, begun
    if (when := _NO_THEN_RE.match(text)) is not None and (_MONTH_IN_TEXT_RE.search(fold(when["rest"]))
                                                          or _DAY_OR_YEAR_RE.search(when["rest"])):
        return False, when["rest"].strip()  # "non ouverture en juin 2027": when it will be, without a comma
    found = None
    for separator in _YES_NO_THEN_RE.finditer(text):
        try:  # "en cours, validation en janvier": begun is not done, a no
            value = False if typed_words(head := text[:separator.start()]) in _BEGUN else parse_yes_no(head)
        except ParseError:
            break  # the yes or no, and any politeness after it ("oui, bien sûr"), end here
        rest = text[separator.end():].strip()
        if "(" in separator.group():  # "oui (à confirmer)"; "oui (haut-jura) mais à confirmer": from the bracket
            rest = rest.removesuffix(")").rstrip() if rest.find(")") == len(rest) - 1 else \
                text[text.index("(", separator.start()):].strip()
        found = (value, rest)
        if value and said_yes_no(_ON_TERMS_RE.sub(" ", typed_words(head))) is None:  # "exceptionnellement, …": the
            found = (value, text.strip())  # terms are what the yes says: not kept by it
    return found if found is not None and found[1] else None


# A no typed without a comma before words about what is to come ("non ouverture en juin 2027"); not "non loin…".
_NO_THEN_RE = re.compile(r"\s*non\s+(?!(?:loin|merci|plus|pas|seulement|sans|encore)\b)(?P<rest>[^\W\d_].*)",
                         re.IGNORECASE | re.DOTALL)
_DAY_OR_YEAR_RE = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\d/])|(?<!\d)20\d\d(?!\d)")


def _begun_then(text: str) -> str | None:
    """What follows words saying a thing is begun, not done, typed without a comma ("avec le CDG 61" of "en cours
    avec le CDG 61"); None for another text."""
    typed, said = typed_words(text), text.strip()
    if typed.startswith("c'est "):  # "c'est en cours de rédaction par…"
        typed, said = typed.removeprefix("c'est "), said.split(maxsplit=1)[-1]
    begun = next((phrase for phrase in sorted(_BEGUN, key=len, reverse=True) if typed.startswith(f"{phrase} ")), None)
    if begun is None:
        return None
    rest = said.split(maxsplit=len(begun.split()))[-1].strip()
    return rest if rest and not rest.startswith((",", ";", ":", "(")) else None


# Where a text says one part then another: "le cahier des charges oui, les modèles pas encore".
_PARTS_RE = re.compile(r"\s*[,;]\s*(?:mais\s+|par contre\s+)?|\s+mais\s+|\s+et\s+(?=(?:les?|la|l['’]|pour)\b)"
                       r"|(?<=[^\W\d_]{2})\.\s+", re.IGNORECASE)
# A part still to do, said at its end (folded): "les toilettes pmr sont à faire", "la rampe reste à installer".
_TO_DO_END_RE = re.compile(r"\b(?:a faire|a prevoir|a creer|a installer|a amenager|a refaire|a mettre aux normes"
                           r"|a adapter|a realiser)$")


# A yes said of a part only, at its start (folded): "en partie, il m'a dit d'attendre la délibération".
_IN_PART_RE = re.compile(r"(?:oui,? )?(?:en partie|partiellement|pour partie|a moitie|pas tout a fait|pas completement"
                         r"|pas entierement|oui et non)\b")


def yes_in_part(text: str) -> bool:
    """Whether a text says yes of a part only ("en partie, il m'a dit d'attendre la délibération")."""
    return _IN_PART_RE.match(typed_words(text)) is not None


def yes_but_to_do(text: str) -> bool:
    """Whether a text says yes, and of a part that it is still to do ("oui de plain pied…. les toilettes pmr sont à
    faire"): a yes in part."""
    return any(_TO_DO_END_RE.search(typed_words(part)) for part in _PARTS_RE.split(text)) and yes_and_no(text)


def yes_and_no(text: str) -> bool:
    """Whether a text says yes of one part and no of another ("le cahier des charges oui, les modèles pas encore",
    "oui pour la CAF, non pour la MSA"): each part's yes or no said at its start or its end."""
    said = set()
    for part in _PARTS_RE.split(text):
        if _TO_DO_END_RE.search(typed_words(part)):  # "…. les toilettes pmr sont a faire": not yet, a no
            said.add(False)
            continue
        words = _WORD_RE.findall(typed_words(part))
        longest = range(min(len(words), _YES_NO_LONGEST), 0, -1)  # the longest first: "toujours pas" is a no
        for phrases in ((" ".join(words[:n]) for n in longest), (" ".join(words[-n:]) for n in longest)):
            said.add(next((vote for phrase in phrases if (vote := said_yes_no(phrase)) is not None), None))
    return {True, False} <= said


def text_and_count(text: str, unit: str) -> tuple[str, str] | None:
    """"les 31 communes de la CC, environ 16 000 habitants": the text, and its last clause when that counts `unit`
    in figures; dictated without a comma, the figure and what leads to it at its end ("… les Crottes environ
    trente-cinq mille habitants"); None otherwise."""
    head, comma, last = text.rpartition(",")
    if not comma:
        head, last = _count_last(text)
    if not head.strip() or not re.search(r"[0-9]", figures(last)) \
            or not (re.search(rf"\b{re.escape(fold(unit))}s?\b", fold(last)) or _counts_short(last, unit)):
        return None
    return head.strip(), last.strip()


# The words of a figure said aloud, and what leads to one ("environ", "près de"), folded.
_FIGURE_WORDS = NUMBER_WORDS | {"et"}
_COUNT_LEADS = frozenset({"environ", "env", "env.", "~", "soit", "pres", "de", "a", "peu", "quelque", "plus",
                          "moins", "avec", "pour"})


def _count_last(text: str) -> tuple[str, str]:
    """A text dictated without commas, and the figure at its end with what leads to it: "les Crottes" and "environ
    trente-cinq mille habitants"; ("", text) when it ends with no figure."""
    words = list(re.finditer(r"\S+", text))
    start = len(words)
    while start and not _figure_word(words[start - 1][0]):  # the unit and what follows it ("habitants environ")
        start -= 1
    if start == len(words) or start == 0:
        return "", text
    while start and _figure_word(words[start - 1][0]):
        start -= 1
    while start and fold(words[start - 1][0]) in _COUNT_LEADS:
        start -= 1
    return (text[:words[start].start()], text[words[start].start():]) if start else ("", text)


def _figure_word(word: str) -> bool:
    return any(c.isdigit() for c in word) or all(part in _FIGURE_WORDS for part in fold(word).split("-"))


def _counts_short(text: str, unit: str) -> bool:
    """Whether a figure of a text is followed by its unit shortened as people write it ("9500 hab", "hbts"): the
    unit's first letter and at least two more of its letters, in order."""
    return any(len(short := word.removesuffix("s")) >= 3 and short[0] == unit[0]
               and re.fullmatch(".*".join(map(re.escape, short)) + ".*", fold(unit))
               for word in re.findall(r"[0-9]\s*([a-z]+)\b", fold(figures(text))))


# A yes said in part, before what it says: "oui en partie : Julie Morel…", "en partie, la CAF…".
_PARTLY_YES_RE = re.compile(r"\s*(?:oui\b[\s,]*)?(?:en partie|partiellement|pour partie|plus ou moins|pas tou(?:te)?s"
                            r"|quelques-un(?:e)?s)\s*(?:[:,;–—]|\s-)\s*(?=\S)", re.IGNORECASE)


def after_partly_yes(text: str) -> str:
    """What a text says after a yes said in part ("la commune et la CAF" of "oui en partie : la commune et la CAF");
    the text itself otherwise."""
    return text[found.end():] if (found := _PARTLY_YES_RE.match(text)) is not None else text


# A thing asked for or waited on, not yet there: "on l'a demandée à la sous-préfecture", "en attente", "il doit me
# l'envoyer" (folded);
# unless it says it came ("demandée et reçue").
_AWAITED_RE = re.compile(r"\b(?:demandee?s?|reclamee?s?|sollicitee?s?|en attente|(?:on|nous|j') ?attend(?:s|ons)?"
                         r"|(?:doit|doivent|va|vont) (?:me |nous )?(?:l'|les |le |la )?(?:envoyer|transmettre|renvoyer)"
                         r"|(?:me |nous )?(?:l'|les )?(?:enverra|enverront|transmettra|transmettront))\b")
_CAME_RE = re.compile(r"\b(?:recue?s?|obtenue?s?|eue?s?|lue?s?|arrivee?s?)\b")


def says_awaited(text: str) -> bool:
    """Whether a text says something was asked for or is waited on, not that it came: "on l'a demandée à la
    sous-préfecture la semaine dernière", "toujours en attente du retour de la CAF"."""
    folded = _IF_RE.sub(" ", fold(text))  # "oui si c'est demandé": a condition, nothing asked for
    return _AWAITED_RE.search(folded) is not None and _CAME_RE.search(folded) is None


_IF_RE = re.compile(r"\bs(?:i\b|'(?=il|ils))[^,.;:!?]*")  # a condition, to the end of its clause (folded)


# What takes a no back or makes it doubtful: "non, enfin oui", "non mais bientôt" (folded words).
_NO_HEDGES = frozenset({"oui", "mais", "sauf", "enfin", "presque", "bientot", "partiellement", "partie", "si",
                        "sinon", "peut", "ou", "plutot", "normalement"})


# A question asking what will be ("La Maison appliquera-t-elle… ?", "…, ou le sera-t-il ?", "est-elle prévue ?"),
# folded: a yes said as planned ("oui, formation prévue en mars") is a yes, not one to come.
_WILL_BE_RE = re.compile(r"\b(?:\w+ra-t-(?:il|elle|on)|\w+ront-(?:ils|elles)|prevue?s?)\b")
_TO_COME = frozenset({"prevu", "prevue", "prevus", "prevues", "va", "vont", "bientot"})


# Said of the thing a question asks if it is planned: "inauguration prévue à l'ouverture" (folded).
_PLANNED_RE = re.compile(r"\b(?:prevue?s?|programmee?s?|envisagee?s?)\b")
_NOT_SURE = frozenset({"pas", "ne", "n", "non", "ni", "aucun", "aucune", "jamais", "sans", "rien", "si", "peut",
                       "ou", "mais", "sauf", "normalement", "encore", "plutot"})


def said_planned(text: str, asked: str) -> bool:
    """"inauguration prévue à l'ouverture avec le préfet" to « Prévoyez-vous une inauguration… ? »: a yes, said as
    what the question names being planned; not when a word takes it back or doubts it ("pas prévue", "prévue si…")."""
    words = {word for part in _WORD_RE.findall(fold(text)) for word in part.split("'")}
    asked_words = {word for word in _WORD_RE.findall(fold(asked)) if len(word) >= 5 and not _PLANNED_RE.fullmatch(word)}
    return bool(_PLANNED_RE.search(fold(text))) and not _NOT_SURE & words and bool(asked_words & words)


# A relative clause, which says who or what a noun is (folded): "qui ne peuvent pas se déplacer", "dont la voiture…".
_RELATIVE_RE = re.compile(r"\b(?:qui|dont)\b[^,;.()]*")


# What says a thing will serve or be there, as a yes said in a sentence (folded): "le bureau confidentiel servira
# aussi pour ça", "il y aura un bureau", "la salle de réunion fera office".
_SERVES_RE = re.compile(r"\b(?:servira|serviront|sert|servent|fera office|feront office|fait office|font office"
                        r"|sera utilisee?s?|seront utilisee?s?|on utilisera|nous utiliserons|sera partagee?s?"
                        r"|il y aura|il y a)\b")


def said_serving(text: str, asked: str) -> bool:
    """"le bureau confidentiel servira aussi pour ça" to « Un bureau est-il prévu pour les permanences… ? »: a yes,
    said as the thing the question names serving or being there; not when a word takes it back or doubts it."""
    folded = fold(text)
    words = {word for part in _WORD_RE.findall(folded) for word in part.split("'")}
    asked_words = {word for word in _WORD_RE.findall(fold(asked)) if len(word) >= 5}
    return bool(_SERVES_RE.search(folded)) and not _NOT_SURE & words and bool(asked_words & words)


def yes_no_because(text: str, asked: str = "") -> tuple[bool, str] | None:
    """"Pas encore, on attend les élections de mars", "oui, un coin numérique près de l'accueil": the yes or no,
    and what was said with it, which a yes/no question does not keep; None for anything else, or when those words
    take a no back or doubt it ("non, enfin oui", "non mais bientôt"), or make a yes partial, to come or doubtful
    ("oui mais pas tout", "oui pour l'instant"), to come unless the question `asked` is of what will be."""
    said = yes_no_then(text, asked)
    if said is None:
        return None
    described = _RELATIVE_RE.sub(" ", fold(said[1]))  # "… pour les personnes qui ne peuvent pas venir": whom
    words = {word for part in _WORD_RE.findall(described) for word in part.split("'")}
    if not said[0] and re.search(r"\ba part\b", described):
        return None  # "non, à part moi pour la coordination": a no but one
    partial = _NOT_WHOLE - _TO_COME if _WILL_BE_RE.search(fold(asked)) else _NOT_WHOLE
    return None if words & (partial if said[0] else _NO_HEDGES) else (said[0], said[1].rstrip(" .!"))


# How or when a yes was done, which keeps it whole: "oui par mail", "oui, hier", "oui sur rdv", "oui depuis
# l'ouverture" (folded);
# words that would make it partial, uncertain or to come are never so ("oui par mail mais pas encore lu").
# Or a sentence saying it was done: "oui elle nous les a envoyés par mail", "oui c'est fait".
_YES_HOW_RE = re.compile(r"(?:par|lors (?:de|du|des|d')|hier|avant-hier|ce matin|cette semaine|la semaine derniere|"
                         r"le mois dernier|au telephone|en main propre|en reunion|en visio|de vive voix|"
                         r"sur rendez-vous|sur rdv|a la demande|depuis|j'|je|on|nous|il|elle|ils|elles|c'est|ca|tout|"
                         r"pareil|idem|aussi|egalement|de meme|evidemment|absolument)\b")
# What makes a yes partial, to come or doubtful: then it is asked again.
_NOT_WHOLE = frozenset({"mais", "sauf", "pas", "ne", "n", "non", "partiellement", "partie", "presque", "bientot",
                        "cours", "reserve", "si", "quand", "peut", "normalement", "crois", "pense", "seulement",
                        "uniquement", "attente", "prevu", "prevue", "encore", "reste", "manque", "manquent", "faut",
                        "faudra", "doit", "doivent", "devrait", "devraient", "attend", "attendons", "va", "vont",
                        "demande", "demandes", "demandee", "demandees", "ou", "plutot", "sais", "sait", "instant",
                        "moment", "provisoirement", "temporairement", "probablement", "priori", "doute", "principe",
                        "theoriquement", "envisage", "envisageons", "reflexion", "etude", "discussion", "voir",
                        "verra", "depend", "enfin", "aucun", "aucune", "rien", "jamais", "confirmer", "verifier"})


def yes_how(text: str, asked: str = "") -> bool:
    """A yes followed by how or when it was done ("oui par mail", "oui, lors de la réunion"), or by words of the
    question `asked` only ("oui, avec l'ANCT" to "Coopérerez-vous avec l'ANCT… ?"): a yes all the same."""
    words = _WORD_RE.findall(fold(text))
    for head in range(1, min(len(words), _YES_NO_LONGEST) + 1):
        rest = " ".join(words[head:])
        if said_yes_no(" ".join(words[:head])) is True and (
                _YES_HOW_RE.match(rest) or (rest and set(words[head:]) <= set(_WORD_RE.findall(fold(asked))))) \
                and not _NOT_WHOLE.intersection(word for part in words[head:] for word in part.split("'")):
            return True
    return False


def yes_then_plain(text: str, asked: str) -> str | None:
    """What a yes is said with, when those words neither doubt, restrict nor take it back, the question's own words
    aside ("Oui, une seule demande comme l'a expliqué la préfecture" to « Faites-vous une seule demande… ? »): the
    words, which a yes does not keep; None otherwise."""
    if (said := yes_no_then(text, asked)) is None or not said[0] or _DOUBT_RE.search(fold(said[1])):
        return None
    words = {word for part in _WORD_RE.findall(fold(said[1])) for word in part.split("'")}
    if (words & (_NOT_WHOLE | _YES_NO_WORDS)) - set(_WORD_RE.findall(fold(asked).replace("'", " "))):
        return None
    return said[1].strip(" .!")


_YES_NO_WORDS = frozenset({"oui", "non", "enfin", "si", "ouais", "nan"})


def yes_told_more(text: str, asked: str = "") -> str | None:
    """What a yes that `yes_how` keeps whole tells beyond how it was done, which the question does not keep: a
    date or a figure, or five words and more not all the question's ("il s'est réuni le 3 novembre à Murat");
    None for "oui par mail" or "oui, avec l'ANCT"."""
    if (said := yes_no_then(text)) is None:
        return None
    words = set(_WORD_RE.findall(fold(said[1]))) - set(_WORD_RE.findall(fold(asked))) - _POLITE
    return said[1] if words and (re.search(r"[0-9]", said[1]) or len(words) >= 5) else None


_POLITE = frozenset({"bien", "sur", "evidemment", "absolument", "certainement", "tout", "a", "fait", "oui", "ok"})


# Words that answer nothing, though they would fill an « Autre » (folded): "plus tard", "on verra".
_VAGUE = frozenset({"plus tard", "on verra", "a voir", "a definir", "je verrai", "rien", "personne", "aucune idee",
                    "peut-etre", "a preciser", "je ne sais pas", "sais pas", "idem", "pareil", "autre", "autres",
                    "divers", "etc"})
# Options said by their number or rank ("les trois premiers", "le 2 et le 4", "la deuxième"), folded: these words
# and small ones between them name nothing of their own.
_RANK_RE = re.compile(r"(?:[0-9]+(?:er|re|e|eme)?|premier|premiere|dernier|derniere|second|seconde|[a-z]+ieme)s?")
# "le reste à Oloron", "les autres sont à Pau": said of the options not named, no other one; not "le reste, c'est
# La Poste", which names who (folded).
_THE_OTHERS_RE = re.compile(r"(?:tout )?(?:le reste|les autres)\b(?!,? *(?:c'est|ce sont|ce sera|=|:) *\S)")
_AROUND_RANKS = frozenset({"le", "la", "les", "l", "et", "ou", "option", "options", "choix", "reponse", "reponses",
                           "numero", "numeros", "n", "tous", "toutes"})


def names_nothing(text: str) -> bool:
    """A text that names nothing: a question, a yes or no ("aucun", "pas encore"), even with words after it ("oui,
    prévu le 12 mars": another question's answer), "plus tard", options by their number or rank ("les trois
    premiers", "le 2"), or hours; "deux postes en libre-service" names something."""
    words = typed_words(text)
    if text.rstrip().endswith("?") or words in _VAGUE or _THE_OTHERS_RE.match(words):
        return True
    tokens = _WORD_RE.findall(words.replace("'", " "))
    ranks = [t for t in tokens if _RANK_RE.fullmatch(t) or (t in SPELT_NUMBERS and t not in ("un", "une"))]  # articles
    if ranks and all(t in ranks or t in _AROUND_RANKS for t in tokens):
        return True
    return said_yes_no(text) is not None or yes_no_then(text) is not None or _hours_alone(text)


def _hours_alone(text: str) -> bool:
    """"14h-16h": hours, typed a question early (the committee's, after its guests), which name no one."""
    try:
        return bool(parse_time_ranges(text))
    except ParseError:
        return False


# ---------------------------------------------------------------- free text


def parse_text(text: str, max_length: int) -> str:
    """Clean free text: Windows newlines, control characters, surrounding whitespace; check length."""
    text = text.replace("\r\n", "\n")
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc").strip()
    if not text:
        raise ParseError("text.empty")
    if len(text) > max_length:
        raise ParseError("text.too_long", max_length=max_length, length=len(text))
    return text


# How a dictated answer starts before it says anything: "Euh, France services des Aubiers", "Alors c'est moi, …".
# Sounds that are no words go on their own; words that may start an answer ("alors que…", "Bon Secours") only
# with a comma after them, or "alors" before a "c'est".
_FILLER_RE = re.compile(r"(?:\s*(?:(?:euh+|heu+|hum+|hmm+|bah)\b[\s,.…!]*|(?:alors|bon|ben|donc|bref|eh bien|et bien"
                        r"|voil[aà])\s*[,…!]+\s*|alors\s+(?=c['’]\s*est\b|ce\s+ser|ce\s+sont\b)))+", re.IGNORECASE)


def spoken(text: str) -> str:
    """The text without the fillers a dictated answer starts with; unchanged when there are none or nothing else."""
    if (filler := _FILLER_RE.match(text)) is None or not text[filler.end():].strip():
        return text
    return text[filler.end():]


# Abbreviations that end with their own full stop (folded): "etc.", "env.", "av.".
_ABBREVIATIONS = frozenset({"etc", "env", "av", "bd", "cf", "ex", "min", "max", "hab", "tel", "fig", "art", "coll",
                            "ref", "vol", "no", "nb", "ed", "st", "ste", "dep", "dpt", "approx", "cie"})


def without_full_stop(text: str) -> str:
    """A name or a short answer as the documents print it: "Bordeaux Métropole, en Gironde." ends without its full
    stop; an abbreviation keeps its own ("etc.", "env."), not a word ("une demi-journée par mois.")."""
    if not text.endswith(".") or text.endswith("..") or (
            (last := re.search(r"(\w+)\.$", text)) and fold(last[1]) in _ABBREVIATIONS):
        return text
    return text[:-1].rstrip()


# What a newcomer types before naming anything: a greeting, a thanks, a test.
_NOT_A_NAME = frozenset({"bonjour", "bonsoir", "salut", "hello", "coucou", "merci", "ok", "d'accord", "test",
                         "essai", "start", "go", "aide", "help"})


_LETTER_RE = re.compile(r"[^\W\d_]")


# What comes before a name copied or introduced: "Nom du projet : …", "Bonjour, notre projet s'appelle …". The
# last one is the name's: what a newcomer says first of themselves is not printed on the documents.
_TITLE_LABEL_RE = re.compile(
    r"(?:^|(?<=[\s,.;:!?]))(?:nom\s+du\s+projet|intitul[ée]\s+du\s+projet|(?:(?:notre|mon|le|ce)\s+)?(?:projet"
    r"|(?P<territory>territoire))|nom|il|elle)\s*(?::|s['’]\s*appell?e(?:ra)?|se\s+nomme(?:ra)?"
    r"|s['’]\s*intitule(?:ra)?)\s*(?=\S)", re.IGNORECASE)
_BEFORE_LABEL_RE = re.compile(r"[\s,;.–—-]+$")  # "France services de Dun – Territoire : …": the name ends there
_GREETING_RE = re.compile(r"(?:bonjour|bonsoir|salut|hello|bjr|bsr|slt)(?:\s+(?:madame|monsieur|à\s+(?:tous|vous)))?"
                          r"\s*[,.!]+\s*", re.IGNORECASE)
# A sentence said of oneself ("je suis la directrice du centre social…", "on voudrait…") is no name to print.
_FIRST_PERSON_RE = re.compile(r"(?<![\w'’-])(?:je|nous|on)(?![\w'’-])|(?<![\w'’-])j['’](?=\w)", re.IGNORECASE)
_QUOTED_RE = re.compile(r"\s*[«\"“]\s*(?P<title>[^«»\"“”]+?)\s*[»\"”]\s*\.?")


def carried_apart(text: str) -> tuple[str, str | None]:
    """A project's name without whom it says carries it, and that, as typed: "France services de Bourganeuf" and
    "portée par notre association Familles Rurales"."""
    said = _CARRIED_BY_RE.search(text)
    return (text, None) if said is None or not said.start() else (text[:said.start()], said["by"])


# What a project's name is said with: an opening ("c'est pour la …", before a capital), its carrier after a comma.
_TITLE_INTRO_RE = re.compile(r"^(?i:c['’]\s*est|il\s+s['’]\s*agit|ce\s+sera)\s+(?i:pour\s+|de\s+|d['’]\s*)?"
                             r"(?i:(?:la|le|les|une?)\s+|l['’]\s*)?(?=[A-ZÀ-Ý])")
_TERRITORY_INTRO_RE = re.compile(r"(?:nous|on)\s+(?:(?:couvr\w*|intervenons|intervient|travaillons|travaille)"
                                 r"(?:\s+(?:sur|dans))?|(?:sommes|est)\s+(?:sur|dans))"
                                 r"\s+(?:(?:la|le|les)\s+|l['’]\s*)?", re.IGNORECASE)
_CARRIED_BY_RE = re.compile(r"\s*[,(–—-]\s*(?P<by>port[ée]e?s?\s+par\b[^)]*)\)?\s*$", re.IGNORECASE)


def territory_said(text: str) -> str | None:
    """The territory given along with a project's name ("Nom du projet : … – Territoire : CC du Pays Dunois"), as
    `parse_title` reads it; None when no label says it, or what it says is no title."""
    if not any(label["territory"] for label in _TITLE_LABEL_RE.finditer(text)):
        return None
    try:
        return parse_title(text, territory=True)
    except ParseError:
        return None


_WEB_ADDRESS_RE = re.compile(r"\s*(?:https?://|www\.)\S+\s*", re.IGNORECASE)


def parse_title(text: str, territory: bool = False) -> str:
    """A project's name or its territory, which every document prints: some words, not a greeting, a yes or no,
    a figure or a question. Copied from a document or introduced, its label, quotes and a greeting are left out
    ("Nom du projet : « … »", "Bonjour, notre projet s'appelle …"): the documents quote it themselves; of a name
    and a territory given together, the one asked."""
    text = typed = without_full_stop(one_line(parse_text(text, SHORT_TEXT_MAX)))
    if (greeting := _GREETING_RE.match(text)) is not None and text[greeting.end():]:
        text = text[greeting.end():]
    labels = list(_TITLE_LABEL_RE.finditer(text))
    mine = [label.end() for label in labels if bool(label["territory"]) == territory]
    start = mine[-1] if mine else 0
    end = min((label.start() for label in labels if bool(label["territory"]) != territory and label.start() >= start),
              default=len(text))
    text = text[start:] if end == len(text) else without_full_stop(_BEFORE_LABEL_RE.sub("", text[start:end]))
    if (quoted := _QUOTED_RE.fullmatch(text)) is not None:
        text = without_full_stop(quoted["title"])
    text = _TITLE_INTRO_RE.sub("", carried_apart(text)[0], count=1) or text  # "c'est pour la France services de…"
    if territory and (said := _TERRITORY_INTRO_RE.match(text)) and text[said.end():]:  # "nous couvrons la CC de…"
        text = upper_first(text[said.end():])
    words = typed_words(text)
    if text.rstrip().endswith("?"):
        raise ParseError("title.question")
    if not _LETTER_RE.search(text) or words in _NOT_A_NAME or words in _VAGUE or said_yes_no(text) is not None \
            or button_typed(text) is not None or _WEB_ADDRESS_RE.fullmatch(text):  # "Retour": a button's words
        raise ParseError("title.not_a_name", typed=text)
    if _FIRST_PERSON_RE.search(text):
        raise ParseError("title.sentence", typed=typed)
    return text


_CIVILITY = r"(?:m\.|mr\.?|mme\.?|monsieur|madame)"  # "M. Paul Roux", "Mme Leroy"
_CIVILITY_RE = re.compile(rf"(?<!\w){_CIVILITY}(?!\w)", re.IGNORECASE)
# "moi", "C'est moi", "moi-même", then what follows when it is set apart: ", Jean Rouvière", " (Jean Rouvière)", or
# dictated without a comma, a capital saying the name starts: "C'est moi Samia Haddad chargée de mission".
_SELF_FIRST = re.compile(r"\s*(?:c['’]\s*est\s+)?moi(?:[\s-]*m[eê]me)?(?:\s+qui\s+[^,:;(]+)?"
                         r"(?:\s*(?:$|[,:;(–—-]\s*)|\s+(?=(?-i:[A-ZÀ-Ý])))",
                         re.IGNORECASE)  # "c'est moi qui coordonnerai, Nadia Benali"


# What follows "moi, …" when it says how or how much rather than who: "à 20 %", "en plus de la coordination".
_NOT_A_NAME_START = frozenset({"a", "au", "aux", "en", "pour", "sur", "avec", "environ", "aussi", "egalement", "et",
                               "mais", "seul", "seule", "dans", "de", "du", "des", "car", "puisque", "comme"})


def _names_someone(text: str) -> bool:
    words = _WORD_RE.findall(fold(text))
    return bool(words) and words[0] not in _NOT_A_NAME_START and not any(c.isdigit() for c in text)


# "60 %", "0,5 ETP", "20 h": a share of time, which names no one.
_SHARE_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)?\s*(?:%|pour ?cent\b|etp\b|h\b|heures?\b)", re.IGNORECASE)
_TO_SOMEONE_RE = re.compile(rf"^\s*[àaÀA]\s+(?=(?i:{_CIVILITY}(?!\w))|[A-ZÀ-Ý])"
                            r"|^\s*(?i:(?:[àa]\s+la|[àa]\s+l['’]|au|aux)\s*)"
                            r"(?=(?i:r[ée]f[ée]rente?|charg[ée]e?|responsable|secr[ée]tari|service|bureau|p[ôo]le"
                            r"|direction|cellule|mission|sous-pr[ée]fe|pr[ée]fe|d[ée]l[ée]gu[ée]|conseill)\w*)")  # "à la référente FS", "au bureau des subventions"
# "j'ai eu M. Rivière de la sous-préfecture au téléphone la semaine dernière": whom one met, said in a sentence;
# the sentence's start goes, and how or when after the name (the name is kept alone).
_MET_RE = re.compile(r"^\s*(?:j['’]ai|on a|nous avons)\s+(?:eu|vu|rencontr[ée]e?|appel[ée]e?|contact[ée]e?|jointe?"
                     r"|parl[ée] (?:avec|à|a)|[ée]chang[ée] avec)\s+(?P<whom>\S.*?)"
                     r"(?:\s*,?\s+(?:au t[ée]l[ée]phone|par t[ée]l[ée]phone|par (?:mail|courriel|e-?mail)|en visio\w*"
                     r"|en r[ée]union|la semaine derni[èe]re|le mois dernier|hier|avant-hier|ce matin|r[ée]cemment"
                     r"|il y a)\b.*)?$", re.IGNORECASE | re.DOTALL)


# "RDV avec la sous-préfète de Mortagne", "réunion avec M. Roux": whom one met, said by the meeting.
_MEETING_WITH_RE = re.compile(r"^\s*(?:(?:un|une|le|la|l['’])\s*)?(?:rdv|rendez[- ]vous"
                              r"|r[ée]union|entretien|rencontre|[ée]change|appel|point)(?:\s+t[ée]l[ée]phonique)?"
                              r"\s+avec\s+(?P<whom>\S.*)$", re.IGNORECASE | re.DOTALL)


# "personne", "personne d'autre", "aucun": no one to name (folded); a name never starts so.
_NOBODY_RE = re.compile(r"(?:personne|aucun|aucune)(?: d'autre)?(?: pour l'instant| pour le moment)?\b(?![-'])")
# "à lui directement", "au référent": someone pointed at, whom the document, read alone, would not name (folded).
_POINTED_RE = re.compile(r"(?:directement )?(?:a |au |aux )?(?:lui|elle|eux|elles|lui-meme|elle-meme|(?:le|mon|notre)"
                         r" referent|referent)(?: directement| aussi| egalement)?")

# "Sylvie Garnaud (c'est moi)", "Sylvie Garnaud, c moi": a name given, and the person typing saying it is theirs.
_SELF_ASIDE = r"(?:c['’]?\s*est\s+|c\s+)?moi(?:[\s-]*m[eê]me)?"
_SELF_ASIDE_RE = re.compile(rf"\s*(?:\(\s*{_SELF_ASIDE}\s*\)|,\s*{_SELF_ASIDE}\s*$)", re.IGNORECASE)


# How someone was reached, said before their name or alone ("par mail", "par téléphone, Mme Roux"), or after it.
_REACHED_BY = (r"(?:(?:par|au|en)\s+(?:e-?mail|mail|courriel|t[ée]l[ée]phone|t[ée]l\.?|courrier|sms"
               r"|visio(?:conf[ée]rence)?|messagerie)"  # "sur démarches simplifiées", "en ligne": a platform, no one
               r"|en ligne|(?:sur|via|par)\s+(?:le site\s+|la plateforme\s+)?d[ée]marches[- ]simplifi[ée]es(?:\.fr)?"
               r"|(?:sur|via|par)\s+(?:la|une|le)\s+(?:plateforme|portail)(?:\s+en ligne)?)")
_HOW_REACHED_RE = re.compile(rf"\s*{_REACHED_BY}(?![\w'’-])\s*[,;:]?\s*", re.IGNORECASE)


def without_how_reached(text: str) -> str:
    """A text without how someone was reached at its start: "Mme Roux" of "par téléphone, Mme Roux"."""
    return text[reached.end():] if (reached := _HOW_REACHED_RE.match(text)) is not None else text


def how_reached_last(text: str) -> str | None:
    """How someone is reached, said after their name: "par mail" of "M. Jacquet, sous-préfecture, par mail"."""
    said = _HOW_REACHED_LAST_RE.search(text)
    return said["how"] if said is not None else None


_HOW_REACHED_LAST_RE = re.compile(rf",\s*(?P<how>{_REACHED_BY})\s*[.!]?\s*$", re.IGNORECASE)


# An appointment (folded), and what says it is still to come: "rdv fixé le 14/01", "prochaine réunion".
_MEETING_RE = re.compile(r"\b(?:rdv|rendez-vous|rendez vous|reunion)\b")
_TO_COME_WORDS_RE = re.compile(rf"{_PLANNED_RE.pattern}|\b(?:fixee?|planifiee?|prochaine?|a venir|pris)\b")


def meeting_to_come(text: str, today: datetime.date) -> tuple[str, str] | None:
    """What a text says before an appointment still to come, and the appointment ("Mme Roux" and "rdv fixé le
    14/01"; "" before "rdv fixé le 14/01 à la sous-préfecture"): a date no question on what was done asks for. None
    without one, or for a past one ("rendez-vous le 3 novembre", said in December)."""
    for clause in re.finditer(r"[^,;]+", text):
        said = fold(clause[0])
        if _MEETING_RE.search(said) is None:
            continue
        meeting = text[clause.start():].strip()
        try:
            to_come = parse_date(meeting, today, "nearest") > today
        except ParseError:
            to_come = False
        if to_come or _TO_COME_WORDS_RE.search(said):
            return text[:clause.start()].strip(" ,;"), meeting
        return None
    return None


_DIRECTLY_RE = re.compile(r"\s+directement$", re.IGNORECASE)


def statement_after_name(text: str) -> str | None:
    """The sentence said after a name, which a name does not keep: "le recrutement est lancé" of "une conseillère à
    recruter, le recrutement est lancé"; None without one."""
    return next((text[comma.end():] for comma in re.finditer(r"\s*,\s+", text) if is_statement(text[comma.end():])),
                None)


def parse_person(text: str) -> str:
    """Names of people, as the documents will print them: "moi" names no one but the person typing.

    "C'est moi, Jean Rouvière" is "Jean Rouvière"; "moi", "Paul Vidal et moi", "moi, secrétaire générale" are
    refused. A "Moi" after the first word is taken for a name; "(c'est moi)" after a name is left out."""
    typed = text.strip()
    if not (text := without_how_reached(text)).strip():
        raise ParseError("person.how", typed=typed)  # "par mail": how, not who
    if (how := _HOW_REACHED_LAST_RE.search(text)) is not None:  # "M. Jacquet, sous-préfecture, par mail"
        text = text[:how.start()]
    text = _IT_IS_RE.sub("", _FOR_BODY_RE.sub("", text, count=1), count=1)  # "pour la Poste c'est Philippe Mouget"
    text = _TO_SOMEONE_RE.sub("", text, count=1)  # "À qui … ?" "À Mme Roux, bureau des subventions"
    text = met["whom"] if (met := _MET_RE.match(text)) is not None else text
    text = met["whom"] if (met := _MEETING_WITH_RE.match(text)) is not None else text  # "(j'ai eu) rdv avec …"
    said = text  # "une conseillère à recruter, le recrutement est lancé": a sentence after the name goes, and after it
    text = text[:len(text) - len(after)].rstrip(" ,") if (after := statement_after_name(text)) else text
    text = _DIRECTLY_RE.sub("", text) or text  # "à Mme Lemoine directement": her
    text = _SELF_ASIDE_RE.sub("", text) or text
    if (start := _SELF_FIRST.match(text)) is not None:
        text = text[start.end():].strip()
        if start.group().rstrip().endswith("("):
            text = text.removesuffix(")").rstrip()
        if _says_function(text) or not _names_someone(text):  # "moi-même, à 20 %": how much, not who
            raise ParseError("person.self")
    if commune_of(text) and not _CIVILITY_RE.search(text):  # an address pasted a question late; "Mme Leroy, 4
        raise ParseError("person.address", typed=text)       # place Louis Lacrocq, 23000 Guéret" names her
    if _SHARE_RE.search(text) and not any(word[:1].isupper() for word in _WORD_RE.findall(_SHARE_RE.sub(" ", text))):
        raise ParseError("person.share", typed=text)  # "60 % chacune", the time worked typed a question early
    words = _WORD_RE.findall(text)  # "moi-même": "moi", "même"
    if not text or any(fold(word) == "moi" and (number == 0 or word.islower()) for number, word in enumerate(words)):
        raise ParseError("person.self")
    if _FIRST_PERSON_RE.search(said):  # "c'était déjà fait en 2023, on est labellisés": no one's name
        raise ParseError("person.sentence", typed=said)
    if _NOBODY_RE.match(typed_words(text)):  # "personne, c'est en ligne sur demarches-simplifiees.fr"
        raise ParseError("person.nobody", typed=said)
    if _POINTED_RE.fullmatch(typed_words(said).rstrip(" .!")):  # "à lui directement", "au référent"
        raise ParseError("person.pointed", typed=typed)
    if (both := name_and_share(text)) is not None and any(  # dictated "Samia Haddad à
            word[:1].isupper() for word in _WORD_RE.findall(both[0])):  # mi-temps": the time is no part of the name
        raise ParseError("person.and_share", name=both[0], share=both[1].strip())  # ("à recruter, temps plein": both)
    return text


# "c'est moi qui coordonne", "j'anime", "avec mon adjointe": the person typing, whom a document read by the Préfecture
# does not name. "Mon espace santé", "Ma Prime Rénov'" are names (capitalised), not so.
_SELF_SAID_RE = re.compile(r"(?<![\w'’-])(?:(?i:moi(?:-m[eê]me)?|je)|me|mon|ma|mes)(?![\w'’-])"
                           r"(?!\s+(?i:crois|pense|dirais|suppose|semble|connaissance)\b)"  # "je crois": no one
                           r"|(?<![\w'’-])(?i:[jm])['’](?=\w)")


def first_person(text: str) -> str | None:
    """The first word of a text saying the person typing ("moi", "j'"), as typed; None when there is none."""
    said = _SELF_SAID_RE.search(text)
    return said.group() if said else None


# What a person's function starts with, as people write it by their name ("Marie Dupont, chargée de mission", "le
# président, Raphaël Daubet"); before it, a title or an article. Folded spelling, hyphenated words apart.
_FUNCTION_WORDS = frozenset({
    "president", "presidente", "vice", "maire", "adjoint", "adjointe", "premier", "premiere", "directeur",
    "directrice", "dgs", "dga", "dgst", "dst", "sg", "secretaire", "charge", "chargee", "chef", "cheffe",
    "responsable", "resp", "dir", "coord", "conseiller",
    "conseillere", "coordinateur", "coordinatrice", "coordonnateur", "coordonnatrice", "animateur", "animatrice",
    "delegue", "deleguee", "elu", "elue", "agent", "agente", "gerant", "gerante", "administrateur",
    "administratrice", "tresorier", "tresoriere", "referent", "referente", "attache", "attachee", "assistant",
    "assistante", "ingenieur", "ingenieure", "technicien", "technicienne", "prefet", "prefete", "sous", "depute",
    "deputee", "senateur", "senatrice"})
# "je suis chargée de mission", "il est DGS", "notre présidente": a function said in a sentence.
_LEADING_BEFORE_FUNCTION_RE = re.compile(r"^(?:(?:m\.?|mme|mr|monsieur|madame|le|la|notre|votre|je\s+suis|il\s+est"
                                         r"|elle\s+est|c['’]\s*est|ce\s+sera)\s+|l['’]\s*)+", re.IGNORECASE)
# Whom a name is for, said first: "pour la Poste c'est le directeur…", "pour la CAF, ce sera…".
_FOR_BODY_RE = re.compile(r"^\s*pour\s+(?:la|le|les|l['’])\s*[^,]{1,40}?,?\s+(?=c['’]\s*est\b|ce sera\b)",
                          re.IGNORECASE)
_IT_IS_RE = re.compile(r"^\s*(?i:c['’]\s*est|ce\s+sera)\s+(?=[A-ZÀ-Ý]|(?i:m\.|mme|mr|monsieur|madame)\s)")
# "c'est Philippe Mouget": the name; "c'est moi" is the user's, "c'est en cours" no name
_NAME_APART_RE = re.compile(r"\s*(?:[,;:]|\s[-–—])\s*")
_NAME_PARENS_RE = re.compile(r"^([^()]+?)\s*\(([^()]+)\)$")
_CIVILITY_APART_RE = re.compile(rf"^([^,;:()]+?)\s+{_CIVILITY}\s+([^,;:()]+)$", re.IGNORECASE)


def _says_function(part: str) -> bool:
    words = _WORD_RE.findall(_LEADING_BEFORE_FUNCTION_RE.sub("", fold(part)).replace("'", " "))
    return bool(words) and words[0] in _FUNCTION_WORDS


# A share of a post in words, as said after a name (folded): "à mi-temps", "à temps plein".
_POST_SHARE_RE = re.compile(r"(?:a |en )?(?:un )?(?:mi[- ]temps|temps plein|plein temps|temps complet|temps partiel"
                            r"|tiers temps|quart temps|trois quarts temps)")


def name_and_share(text: str) -> tuple[str, str] | None:
    """A person's name and the share of their time, typed together: "moi, Thomas Girod, 10% de mon temps" ->
    ("Thomas Girod", "10% de mon temps"), "Moi Samia Haddad à mi-temps" -> ("Samia Haddad", "à mi-temps"); None
    unless the last clause is a share and what precedes a name."""
    head, comma, last = text.strip().rpartition(",")
    if comma and share_said(last) is None:
        return None
    if not comma:  # dictated: the share from the last « à »
        at = [said.start() for said in re.finditer(r"\s(?:à|a|en)\s", text)]
        head, last = (text[:at[-1]], text[at[-1]:]) if at else ("", text)
        if share_said(last) is None and not _POST_SHARE_RE.fullmatch(typed_words(last).strip()):
            return None
    if not head.strip():
        return None
    try:
        return without_full_stop(parse_person(head)), last.strip()
    except ParseError:
        return None


# Functions said in one word that no one bears as a surname, unlike "Maire" or "Chef".
_FUNCTION_ALONE = frozenset({"dgs", "dga", "dgst", "dst"})


def _name_before_function(text: str) -> tuple[str, str]:
    """"elodie garnier charge de mission a la cdc", typed without a comma: a name of two to four words, then a
    function of a few words; the text and nothing otherwise, since "Jean Maire" may be a surname."""
    words = list(re.finditer(r"\S+", text))
    starts = [n for n, word in enumerate(words) if _says_function(word[0])]
    if not starts or not 2 <= starts[0] <= 4 or any(c.isdigit() for c in text[:words[starts[0]].start()]):
        return text, ""
    function = words[starts[0]:]
    lone = function[0][0]  # "Anne Durand DGS"; "JM LEFEBVRE adjoint", lowercase after capitals, but not "Jean Maire"
    if len(function) < 2 and fold(lone) not in _FUNCTION_ALONE and not (
            lone.islower() and any(c.isupper() for c in text[:function[0].start()])):
        return text, ""
    return text[:function[0].start()].rstrip(), text[function[0].start():]


# Words no person's name holds, which make a text typed lowercase words about someone, not their name (folded).
_NOT_NAME_WORDS = frozenset({"un", "une", "le", "la", "les", "l", "a", "au", "aux", "et", "ou", "moi", "nous",
                             "recruter", "definir", "voir", "personne", "memes", "meme", "service", "equipe", "benevole",
                             "benevoles", "poste", "mairie", "cc", "cdc", "commune", "interne"})


def bare_name(text: str) -> bool:
    """Whether a text is a person's name and nothing more, two to five words of letters: "elodie garnier", "marie de
    la tour"; not "une conseillère à recruter", "agent d'accueil", "les mêmes"."""
    words = [word for word in re.split(r"[\s'’-]+", fold(text.strip())) if word]
    return 2 <= len(words) <= 5 and all(word.isalpha() for word in words) and words[0] not in _NOT_A_NAME_START \
        and not (_NOT_NAME_WORDS | _FUNCTION_WORDS).intersection(words)


def name_and_function(text: str) -> tuple[str, str] | None:
    """A person's name and function typed together, either first: "Marie Dupont, chargée de mission" or "Marie
    Dupont (DGS)" -> ("Marie Dupont", "chargée de mission"); "le président, Raphaël Daubet" -> ("Raphaël Daubet",
    "président"). None unless one part starts with a function's word and the other is a name: "Dupont, Marie" is
    a name; a signature pasted over lines is read as one line."""
    text = _FOR_BODY_RE.sub("", one_line(text.strip()), count=1)  # "pour la poste c'est le directeur…, P. Mouget"
    if (start := _SELF_FIRST.match(text)) is not None and not start.group().rstrip().endswith("("):
        text = text[start.end():]  # "C'est moi, Jean Rouvière, DGS": the name is the one given
    parens = _NAME_PARENS_RE.match(text)  # "Marie Dupont (DGS)", not "…, présidente de l'association (bénévole)"
    if parens is None or _NAME_APART_RE.search(parens[1]):
        parens = _CIVILITY_APART_RE.match(text)  # "le président M. Jean Casaubon"
    first, second = parens.groups() if parens else (*_NAME_APART_RE.split(text, maxsplit=1), "")[:2]
    if not second:
        first, second = _name_before_function(text)
    if not first or not second or _says_function(first) == _says_function(second):
        return None
    name, function = (first, second) if _says_function(second) else (second, first)
    if not parens and (named := _CIVILITY_APART_RE.match(function)) and _says_function(named[1]):
        name, function = named[2], f"{named[1]}, {name}"  # "directeur M. Paul Roux, CC du Val": the name is his
    if _NAME_APART_RE.search(name) or any(c.isdigit() for c in name) or len(_WORD_RE.findall(name)) > 6:
        return None  # "le président, Raphaël Daubet, Cauvaldor": which part is what is not sure
    try:
        name = without_full_stop(parse_person(name))
    except ParseError:
        return None
    return name, without_full_stop(_LEADING_BEFORE_FUNCTION_RE.sub("", function).strip())


# ---------------------------------------------------------------- SIRET

SIRET_LENGTH = 14
# La Poste's establishments share the SIREN 356 000 000; their SIRETs follow INSEE's own rule for it: the sum
# of the fourteen digits is a multiple of 5 (the head office's also passes the Luhn check).
LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    """The Luhn check of SIREN and SIRET numbers: every second digit from the right doubled, the sum ends in 0."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def siret_valid(digits: str) -> bool:
    """Fourteen digits whose check digit holds (La Poste's rule for its own SIREN)."""
    if len(digits) != SIRET_LENGTH or not digits.isascii() or not digits.isdigit():
        return False
    if digits.startswith(LA_POSTE_SIREN) and sum(map(int, digits)) % 5 == 0:
        return True
    return luhn_valid(digits)


# How a SIRET is copied from a letterhead or an Insee notice: "N° SIRET : …", "Siret ".
# "N° SIRET :", "le SIRET c'est le", "c'est le": what is said before the number.
_SIRET_LABEL_RE = re.compile(r"^\s*(?:(?:le|notre|son)\s+)?(?:(?:(?:n\s*[°o]\.?|num[ée]ro)\s*)?(?:de\s+|du\s+)?"
                             r"sire[tn]\s*[:.]?\s*)?(?:(?:c['’]\s*est|est)\s+(?:le\s+)?)?", re.IGNORECASE)


# Fourteen digits in a sentence, grouped as people type a SIRET: "… : 318 245 796 00038".
_SIRET_IN_TEXT_RE = re.compile(r"(?<![\d\w])\d{3}[\s.]?\d{3}[\s.]?\d{3}[\s.]?\d{5}(?![\d\w])")


def parse_siret(text: str) -> str:
    """A SIRET typed with or without spaces ("123 456 789 00015"; dots and dashes too) as its 14 digits; copied,
    without its label and an aside ("N° SIRET : 200 012 342 00008 (avis Insee)")."""
    bare = _SIRET_LABEL_RE.sub("", without_asides(text))
    if "siret" not in fold(text) and len(found := _SIRET_IN_TEXT_RE.findall(bare)) == 1:
        bare = found[0]  # "la trésorière me l'a envoyé : 318 245 796 00038"; not "SIRET du centre social : …", whose
        # number may be another body's
    digits = re.sub(r"[\s.\u2010-\u2013-]+", "", bare)
    if not digits:
        raise ParseError("text.empty" if not text.strip() else "siret.invalid")
    if not (digits.isascii() and digits.isdigit()):
        raise ParseError("siret.invalid")
    if len(digits) != SIRET_LENGTH:
        raise ParseError("siret.length", count=len(digits))
    if not siret_valid(digits):
        raise ParseError("siret.checksum")
    return digits


def _parse_ranges(question: Question, text: str) -> list[list[int]]:
    """A day's time ranges; `min` and `max` count the ranges, so that a meeting's hour (min 1) cannot be "fermé"."""
    closable = not question.min
    try:
        ranges = parse_time_ranges(text)
    except ParseError as error:
        raise ParseError(error.key, **error.params, closable=closable, max=question.max) from None
    if len(ranges) < (question.min or 0):
        raise ParseError("time_ranges.closed", max=question.max)
    if question.max is not None and len(ranges) > question.max:
        raise ParseError("time_ranges.count", max=question.max)
    return ranges


_DECIMALS_RE = re.compile(r"(?<![\w,.])\d+(?:[.,]\d+)?")


def reads_as_shown(question: Question, text: str, value: Any) -> bool:
    """Whether a typed answer already reads as the answer will be shown: the option's label, "oui", "non".

    Otherwise ("2", "1, 3", "pas encore", "un mi-temps") the reply says how it was understood."""
    if question.kind is Kind.YES_NO:
        return typed_words(text) in ("oui", "non")
    if question.kind is Kind.CHOICE:
        return label_key(text) == label_key(question.label_of(value))
    if question.kind is Kind.MULTI:
        return label_key(text) == label_key(", ".join(question.label_of(option) for option in value))
    figured = any(c.isdigit() for c in text)  # "trois", "l'an prochain", "de neuf heures à midi": said back
    if question.kind in (Kind.INTEGER, Kind.EUROS, Kind.DECIMAL) and (
            figure_alone(text) is not None or _PLUS_RE.search(without_asides(text))
            or _times_a_word(question, text) or len(_FIGURE_RE.findall(figures(without_asides(text)))) > 1):
        return False  # a figure copied with its label and source, a sum ("2 + 1"), a product, one among others
    if question.kind in (Kind.INTEGER, Kind.EUROS, Kind.HOURS):
        return figured
    if question.kind is Kind.TIME_RANGES:
        return figured or not value  # "fermé" reads as it is shown
    if question.kind is Kind.DECIMAL:
        share = share_said(text) if question.full_time_share else None  # "80 %", "2 jours par semaine": said back
        if len(_DECIMALS_RE.findall(text)) > 1:  # "0,8 pour l'accompagnement et 0,8 pour l'accueil": which is kept
            return False
        return figured and "%" not in text and (share is None or share.form == "fte") and not any(
            label_key(text) == label_key(word) for word in question.words)
    if question.person:
        return value == without_full_stop(text.strip())
    return True


# ---------------------------------------------------------------- buttons and commands typed

# What a phone user types instead of tapping a question's buttons (folded spelling, end punctuation dropped).
SKIP, DEFER, BACK, KEEP, CLEAR = "skip", "defer", "back", "keep", "clear"
DEFER_PARTNER, DEFER_PARTNERS = "defer_partner", "defer_partners"
TYPED_BUTTONS = {
    **dict.fromkeys(("passer", "je passe"), SKIP),
    **dict.fromkeys(("je ne sais pas", "je ne sais pas encore", "je sais pas", "ne sais pas", "sais pas",
                     "je ne sais pas trop", "aucune idee", "nsp", "je n'en sais rien", "j'en sais rien",
                     # « 🕓 Je ne sais pas encore » is "later": to complete, listed by /a_traiter
                     "plus tard", "a voir plus tard", "on verra plus tard", "je verrai plus tard", "on verra",
                     "je verrai", "a voir", "a completer", "a completer plus tard", "je reviendrai",
                     "j'y reviendrai", "pour plus tard", "pas maintenant",
                     # what one has not at hand: "je l'ai pas sous la main" at the SIRET
                     "je ne l'ai pas", "je l'ai pas", "je ne l'ai pas sous la main", "je l'ai pas sous la main",
                     "pas sous la main", "je ne sais plus", "je sais plus", "j'ai oublie", "je ne m'en souviens plus",
                     "je m'en souviens plus", "je ne me souviens plus", "je me souviens plus", "je ne le connais pas",
                     "je le connais pas", "a verifier", "je dois verifier", "je vais verifier", "je vais chercher"),
                    DEFER),
    # « 🕓 Tout ce partenaire plus tard », at a question about one of the project's partners
    **dict.fromkeys(("tout ce partenaire plus tard", "ce partenaire plus tard", "partenaire plus tard",
                     "le partenaire plus tard", "tout le partenaire plus tard"), DEFER_PARTNER),
    **dict.fromkeys(("retour", "revenir", "precedent", "question precedente", "annuler", "annule", "j'annule"), BACK),
    # Only under an answer given before, whose buttons these are.
    **dict.fromkeys(("garder", "garder cette reponse", "je garde", "on garde", "garder la reponse",
                     "garder ce territoire"), KEEP),
    **dict.fromkeys(("effacer", "effacer la reponse", "supprimer la reponse", "j'efface", "annuler la reponse"),
                    CLEAR),
}
# What does not apply to this project: « ⏭️ Passer » (folded); at a yes/no question, "pas besoin" is a no.
_NOT_APPLICABLE = frozenset({"sans objet", "non concerne", "non concernee", "non concernes", "pas concerne",
                             "pas concernee", "pas concernes", "non applicable", "pas applicable", "ne s'applique pas",
                             "pas besoin", "pas necessaire", "inutile", "pas utile", "n/a", "na",
                             # no date to give, at a date question ("pas de date limite, au fil de l'eau")
                             "pas de date", "pas de date limite", "aucune date", "aucune date limite", "pas de limite",
                             "pas de delai", "pas de date fixee", "pas de date butoir"})
_BUTTON_MARK_RE = re.compile(r"^[^\w'#]+")  # the emoji a button's label starts with, typed along: "🗑 Effacer…"
# "Not yet" at a question that asks what, who or when is « 🕓 Je ne sais pas encore »; at a yes/no question, a no.
_NOT_YET = frozenset({"pas encore", "pas encore defini", "pas encore definie", "pas encore connu", "pas encore connue",
                      "pas encore decide", "pas encore choisi", "pas encore identifie", "pas encore trouve",
                      "on ne sait pas encore", "on ne sait pas", "pas encore de nom", "pas encore fixe",
                      "pas encore fixee", "pas encore contacte", "pas encore contactee", "pas encore contactes",
                      "pas encore demande", "pas encore vu", "pas encore vue", "pas encore vus",
                      # someone not named yet: "pas encore désigné, à voir avec la DR"
                      *(f"{lead} {done}{end}" for lead in ("pas encore", "pas")
                        for done in ("designe", "nomme", "recrute") for end in ("", "e", "s", "es")),
                      "a designer", "a nommer", "a recruter plus tard", "en cours de designation",
                      "en cours de nomination"})


# What a phone user types instead of tapping « ✅ Valider » under the options ticked or the budget lines entered.
# What a text question may keep as its answer too: "terminé" at « Où en sont les conventions locales ? ».
_DONE = frozenset({"termine", "fini", "c'est fini"})
VALIDATE_PHRASES = frozenset({"valider", "je valide", "ok", "oui", "c'est tout", "c'est bon", "voila",
                              "ca sera tout"}) | _DONE


def button_typed(text: str) -> str | None:
    """What a text alone says a button does: BACK for "retour", KEEP for "garder"… (TYPED_BUTTONS); else None."""
    return TYPED_BUTTONS.get(_BUTTON_MARK_RE.sub("", typed_words(text)))


def typed_validate(text: str) -> bool:
    """"valider", "ok", and such phrases said together: "c'est tout, valider"."""
    words = typed_words(text)
    parts = [part for part in re.split(r"\s*[,;.!]\s*", words) if part]
    return words in VALIDATE_PHRASES or (bool(parts) and all(part in VALIDATE_PHRASES for part in parts))


# « Étape suivante » and the like, typed at a question as if under the step's recap: the user moves on.
MOVE_ON = "move_on"
_MOVE_ON_PHRASES = frozenset({"suivant", "suivante", "suite", "la suite", "etape suivante", "question suivante",
                              "continuer", "on continue", "on passe a la suite", "passons a la suite",
                              "passer a la suite", "on passe a l'etape suivante", "passons a l'etape suivante",
                              "on peut passer a la suite", "on peut continuer", "on avance", "allons-y"})
_BUTTON_END_RE = re.compile(r"[^\w'#]+$")  # "Étape suivante ➡️"


# Typed French drops the "ne" of a negation: "je sais pas trop" is "je ne sais pas trop".
_NE_RE = re.compile(r"\b(?:ne |n')")
_BUTTONS_WITHOUT_NE = {_NE_RE.sub("", phrase): meant for phrase, meant in TYPED_BUTTONS.items()}
_NOT_YET_WITHOUT_NE = frozenset(_NE_RE.sub("", phrase) for phrase in _NOT_YET)


# "on verra ça plus tard", "je compléterai plus tard", "je vais leur demander": « 🕓 Je ne sais pas encore » in a
# sentence (folded, without "ne"); "on verra tout ça plus tard", "plus tard pour tous": every partner's questions.
_LATER_VERBS = (r"verr|fer|completer|reviendr|regarder|rempli|donner|donn|mettr|ajouter|dir|repondr|renseigner|"
                r"demander|chercher|verifier|envoi|envoyer|transmettr")
# With whom or when it will be done, after it: "… avec chaque partenaire", "… quand j'aurai leurs réponses".
_LATER_WHEN = (r"(?P<when>\s+(?:avec|aupres d(?:e|u|es)|quand|lorsque|une fois|apres|d'ici|au|aux|a la|a l'"
               r"|lors d(?:e|u|es)|en|des|a partir d(?:e|u|es))\b.*)?")  # "on verra au rdv du 14 janvier"
_LATER_SAID_RE = re.compile(
    r"(?:(?:on|je|j'|nous)\s*(?:(?:le|la|les|l'|y|en|leur|lui|vous)\s*){0,2}(?:"
    + _LATER_VERBS + r")(?:a|ai|ons|e|ez)?|a voir|a faire|a remplir|a completer)"
    r"(?:\s+(?P<what>ca|cela|tout ca|tout cela|tout|le reste))?(?:\s+plus tard)?(?:\s+pour\s+(?P<whom>\S.*))?"
    + _LATER_WHEN)
# Every partner's questions of the step at once, typed only: twelve national partners ask seventy questions.
_ALL_LATER_RE = re.compile(r"(?:on verra |je verrai )?(?:tout ca|tout cela|tout|tous|tous les autres"
                           r"|le reste(?: des partenaires)?|les autres"
                           r"|(?:tous les (?:autres )?|tous ces |les autres |les )partenaires)"
                           r"(?: a completer)? plus tard"
                           r"|plus tard pour (?:tous|tout|tous les partenaires|les partenaires)" + _LATER_WHEN)
_ASKING_RE = re.compile(r"je (?:vais|dois) (?:leur |lui |vous )?(?:le |la |les |l')?(?:demander|me renseigner|chercher"
                        r"|verifier|voir)(?: (?:au|aux|a|avec) .+)?|je (?:me )?renseigne|je (?:leur |lui )?demande"
                        r"(?: (?:au|aux|a la|a l') ?.+)?|a voir avec (?:eux|elles|elle|lui|\S+ \S+)"
                        r"|a (?:faire|voir|remplir)")


def _later_said(words: str) -> str | None:
    """DEFER for a sentence saying the answer will come later, DEFER_PARTNERS for all of it; None otherwise."""
    if _ALL_LATER_RE.fullmatch(words):
        return DEFER_PARTNERS
    if _ASKING_RE.fullmatch(words):
        return DEFER
    said = _LATER_SAID_RE.fullmatch(words)
    if said is None or not ("plus tard" in words or said["what"] or said["when"]):
        return None
    everything = said["what"] in ("tout", "tout ca", "tout cela", "le reste") or (said["whom"] or "") in (
        "tous", "tout", "tous les partenaires", "les partenaires")
    return DEFER_PARTNERS if everything else DEFER


def _button_said(question: Question, words: str) -> str | None:
    if words in TYPED_BUTTONS:
        return TYPED_BUTTONS[words]
    if _BUTTON_END_RE.sub("", words) in _MOVE_ON_PHRASES:
        return MOVE_ON
    bare = _NE_RE.sub("", words)
    if bare in _BUTTONS_WITHOUT_NE:
        return _BUTTONS_WITHOUT_NE[bare]
    if (later := _later_said(bare)) is not None:
        return later
    if question.kind is Kind.YES_NO:
        return None
    return DEFER if bare in _NOT_YET_WITHOUT_NE else SKIP if words in _NOT_APPLICABLE else None


def typed_button(question: Question, text: str) -> str | None:
    """SKIP, DEFER, DEFER_PARTNER, DEFER_PARTNERS, BACK, KEEP or CLEAR when the text says what a button of the
    question does ("passer", "je ne sais pas", "ce partenaire plus tard", "retour", "garder", "effacer"), or every
    partner's questions ("tous les partenaires plus tard"); MOVE_ON for what the
    recap's « Étape suivante » does ("étape suivante", "on passe à la suite"), unless it names one of the
    question's options."""
    words = _BUTTON_MARK_RE.sub("", typed_words(text))
    # "je ne sais pas, je dois demander au directeur": the button said first, then why
    clauses = re.split(r"\s*[,;:.]\s+|\s+[–—-]\s+", words)
    whom = re.split(r"\s+pour\s+", clauses[0], maxsplit=1)[0]  # "je ne sais pas encore pour La Poste"
    meant = _button_said(question, words) or _button_said(question, clauses[0]) or _button_said(question, whom)
    if meant is None and len(clauses) > 1 and all(_button_said(question, clause) == DEFER for clause in clauses):
        meant = DEFER  # "je dois le demander à notre trésorière, je vous le donne plus tard"
    if meant is None or (question.kind in CHOICE_KINDS and match_option(question.options, text) is not None):
        return None
    return meant


def says_none_of(question: Question, text: str) -> bool:
    """"aucun", "non": no option applies, at a list none of whose options says it (else that option is the answer);
    "personne": no one to name, where a person's name is asked."""
    if question.person:
        return _NOBODY_RE.fullmatch(typed_words(text)) is not None
    return question.kind in CHOICE_KINDS and says_no_option(text) and match_option(question.options, text) is None \
        and none_option(question) is None


# What a phone user types under a step's recap ("Tout est juste ?") instead of tapping « Étape suivante » or ✏️.
NEXT = "next"
RECAP_NEXT_PHRASES = (
    "c'est bon", "tout est bon", "tout est juste", "c'est juste", "juste", "tout est correct", "correct", "parfait",
    "c'est ok", "valider", "je valide", "suivant", "suite", "etape suivante", "continuer", "on continue", "confirmer",
    "je confirme", "on passe a la suite", "passons a la suite", "passer a la suite", "on passe a l'etape suivante",
    "passons a l'etape suivante", "on peut passer a la suite", "on peut continuer", "on avance", "on y va", "allons-y",
)
_RECAP_NEXT_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(RECAP_NEXT_PHRASES, key=len, reverse=True)))
                            + r")\b")
_RECAP_EDIT_RE = re.compile(
    r"(?:\u270f\ufe0f? ?)?(?:(?:modifier|corriger|changer) )?(?:(?:la|le) )?(?:(?:question|reponse|numero|n°|no) ?)?"
    r"(?P<n>[0-9]{1,3})"
)


def typed_at_recap(text: str, answers: int) -> str | int | None:
    """NEXT for "oui", "c'est bon", "étape suivante"; BACK for "retour"; the number N (1-based) of "3", "✏️ 3" or
    "modifier la 3" among a recap's `answers`; None for anything else, "non" included."""
    words = typed_words(text)
    if match := _RECAP_EDIT_RE.fullmatch(words):
        number = int(match["n"])
        return number if 1 <= number <= answers else None
    if TYPED_BUTTONS.get(words) == BACK:
        return BACK
    rest = _RECAP_NEXT_RE.sub(" ", words).strip(" ,.!")
    if not rest:
        return NEXT
    return NEXT if said_yes_no(rest) else None


# A reply to a list of questions: "3 Temps plein", "la 3 : temps plein", "n° 3", the number first.
_NUMBERED_ANSWER_RE = re.compile(r"\s*(?:(?:la|le) )?(?:(?:question|réponse|n°|no) ?)?(?P<n>[0-9]{1,3})"
                                 r"(?:\s*[.):/–-]\s*|\s+(?![0-9])|$)(?P<answer>.*)", re.IGNORECASE | re.DOTALL)


def numbered_answer(text: str) -> tuple[int, str] | None:
    """The number a text starts with and what follows it ("" for the number alone); None without one."""
    if (match := _NUMBERED_ANSWER_RE.fullmatch(text)) is None:
        return None
    return int(match["n"]), match["answer"].strip()


# Under the menu: "5", "étape 5", "l'étape 5", a stage's title, or what « ▶️ Continuer » says.
_MENU_STAGE_RE = re.compile(r"(?:(?:a |aller a )?(?:l'|la )?etape )?(?P<n>[0-9]{1,2})")
_MENU_NUMBERED_RE = re.compile(r"[0-9]{1,2}[.)]? +")  # "6. Préparer le budget", the button's label typed
_MENU_RESUME = frozenset({"continuer", "reprendre", "on continue", "je continue", "suite", "la suite"})
# Where a user says they are going, before the stage: "on passe au portage", "aller à l'étape 3" (folded).
_MENU_GO_RE = re.compile(r"^(?:on passe|passons|passer|on va|allons|aller|je veux aller|je vais|on peut passer"
                         r"|on attaque|direction)\s+(?:a la |a l'|au |aux |a |vers )?")


def typed_at_menu(text: str, titles: Sequence[str]) -> str | int | None:
    """NEXT for "continuer"; the 1-based order of the stage a text names ("5", "étape 5", its title); None for
    anything else, which answers the guide's question."""
    typed = _BUTTON_MARK_RE.sub("", typed_words(text))
    words = _MENU_GO_RE.sub("", typed)
    if words in _MENU_RESUME:
        return NEXT
    if (match := _MENU_STAGE_RE.fullmatch(words)) is not None:
        order = int(match["n"])
        return order if 1 <= order <= len(titles) else None
    key = label_key(_MENU_NUMBERED_RE.sub("", words, count=1))
    if (order := next((order for order, title in enumerate(titles, start=1) if label_key(title) == key), None)):
        return order
    # "on passe au portage": where one goes, in words only one title holds, one of them a word of substance
    said = set(bare_words(words)) if words != typed else set()
    holding = [order for order, title in enumerate(titles, start=1) if said and said <= set(bare_words(title))]
    return holding[0] if len(holding) == 1 and max(map(len, said)) >= 5 else None


# Under /dossier: the button named, or a plain yes to what it offers.
DRAFT, FINAL = "draft", "final"
_DOSSIER_WORDS = {**dict.fromkeys(("brouillon", "le brouillon", "un brouillon", "en brouillon", "version brouillon"),
                                  DRAFT),
                  **dict.fromkeys(("final", "dossier final", "le dossier final", "version finale", "le final"), FINAL)}


def typed_at_dossier(text: str) -> str | bool | None:
    """DRAFT or FINAL for the button a text names ("brouillon", "dossier final"); True for a plain yes ("oui",
    "ok"), which is the draft unless the final dossier is offered too; None for anything else."""
    words = _BUTTON_MARK_RE.sub("", typed_words(text))
    if words in _DOSSIER_WORDS:
        return _DOSSIER_WORDS[words]
    return True if words in VALIDATE_PHRASES or said_yes_no(text) else None


# Under /projets: « ➕ Nouveau projet » in words, or a project named, all of its name or words only it has.
NEW_PROJECT = "new_project"
_NEW_PROJECT_WORDS = frozenset({"nouveau projet", "nouveau", "un nouveau projet", "creer un projet",
                                "creer un nouveau projet", "creer projet", "ajouter un projet"})
_OPEN_PROJECT_RE = re.compile(r"^(?:ouvrir|aller sur|aller a|passer a|passer sur|le projet|projet)\b\s*")


def typed_at_projects(text: str, names: Sequence[str]) -> str | int | None:
    """NEW_PROJECT for "nouveau projet"; the index in `names` of the one project the text names ("Saint-Céré" for
    "France services de Saint-Céré"); None for anything else, or words several names share."""
    words = _BUTTON_MARK_RE.sub("", typed_words(text))
    if words in _NEW_PROJECT_WORDS:
        return NEW_PROJECT
    said = bare_words(_OPEN_PROJECT_RE.sub("", words, count=1))
    if not said:
        return None
    whole = [index for index, name in enumerate(names) if bare_words(name) == said]
    within = [index for index, name in enumerate(names) if _contains(bare_words(name), said)]
    found = whole or within
    return found[0] if len(found) == 1 else None


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(words[start:start + len(part)] == part for start in range(len(words) - len(part) + 1))


# Under /a_traiter: « ✏️ Répondre 2 » in words.
_ANSWER_NUMBER_RE = re.compile(r"(?:repondre(?: a)?(?: la| le)? )?(?:la |le |n° ?|numero )?(?P<n>[0-9]{1,2})")


def typed_at_deferred(text: str) -> int | None:
    """The 1-based number of the question left for later a text names ("2", "répondre 2"); None otherwise."""
    match = _ANSWER_NUMBER_RE.fullmatch(_BUTTON_MARK_RE.sub("", typed_words(text)).rstrip(" .!"))
    return int(match["n"]) if match else None


# Where a committee meets, said with its date: "le 29 mars de 14h à 16h à la salle du conseil de la CC", "le 12 juin
# en mairie de Bitche", "à Bitche": after "à", "au", "en" or "dans" (not "il y a Marie"), a place's noun or a proper
# name.
_PLACE_NOUNS = ("salle", "mairie", "maison", "siège", "siege", "locaux", "local", "hôtel", "hotel", "espace", "centre",
                "médiathèque", "mediatheque", "foyer", "préfecture", "prefecture", "sous-préfecture",
                "sous-prefecture", "bureau", "bureaux", "France services", "communauté", "pôle", "pole", "visio",
                "visioconférence", "visioconference")
_PLACE_RE = re.compile(r"(?:^|,|(?<!\by)\s)(?:à|a|au|aux|en|dans)\s+(?P<place>(?:(?:la|le|les)\s+|l['’]\s*)?(?:"
                       + "|".join(map(re.escape, _PLACE_NOUNS)) + r")\b[^,;.!?\n]*|(?-i:[A-ZÀ-Ý][\w'’-]+)"
                       r"(?:[\s-](?:(?:sur|sous|en|le|la|les|de|du|des|d['’])[\s-])?(?-i:[A-ZÀ-Ý][\w'’-]+))*)",
                       re.IGNORECASE)
_AFTER_PLACE_RE = re.compile(r"\s+(?:avec|en pr[ée]sence d|pour|par)\b", re.IGNORECASE)  # "…, avec le préfet"
_PLACE_ARTICLE_RE = re.compile(r"^(?:(?:la|le|les)\s+|l['’]\s*)", re.IGNORECASE)


def place_said(text: str) -> str | None:
    """Where something meets, said in a sentence with its date and hours ("… à la salle du conseil de la CC"): the
    place, capitalised, without its article; None when no place is said."""
    return found.place if (found := _place_found(text)) is not None else None


class _PlaceFound(NamedTuple):
    place: str
    start: int  # of the preposition before it
    words: int  # where its own words start
    end: int


def _place_found(text: str, bare: bool = False) -> _PlaceFound | None:
    """The place a sentence says, as place_said reads it, and where it is in the text; `bare`, also a place's noun
    opening a clause without a preposition ("…, salle du conseil")."""
    found = [said for said in (_PLACE_RE.search(text), _BARE_PLACE_RE.search(text) if bare else None) if said]
    said = min(found, key=lambda said: said.start("place"), default=None)  # "salle du conseil de la CC à Bourganeuf"
    if said is None or fold(said["place"].split()[0]) in map(fold, MONTHS):  # "en Mars": a month
        return None
    end = said.end() if (more := _AFTER_PLACE_RE.search(said["place"])) is None else said.start("place") + more.start()
    place = upper_first(_PLACE_ARTICLE_RE.sub("", text[said.start("place"):end].strip(), count=1))
    return _PlaceFound(place, said.start(), said.start("place"), end)


class MeetingSaid(NamedTuple):
    """What a meeting's date was said with: its hours (one range), its place, and the other words, as typed, whom it
    is with apart ("avec les maires")."""
    hours: list[list[int]] | None
    place: str | None
    rest: list[str]


def meeting_said(text: str, hours: bool, place: bool) -> MeetingSaid:
    """The hours ("de 14h à 16h") and the place ("à la mairie", "salle du conseil") in what a date was said with,
    each when asked for; "à 14h", a start alone, stays in the rest."""
    text, whom = _whom_apart(text)
    typed = HOURS_IN_TEXT_RE.search(text) if hours else None
    ranges, gone = None, [False] * len(text)
    if typed is not None:
        try:
            said = parse_time_ranges(typed[0])
        except ParseError:
            said = []  # "à 14h": its end asked with the hours
        if len(said) == 1:
            ranges = said
            start = at.start() if (at := _AT_TIME_RE.search(text[:typed.start()])) else typed.start()
            gone[start:typed.end()] = [True] * (typed.end() - start)
    # The hours blanked, a place right after them reads as after "à": "à 14h salle du conseil".
    blank = text if typed is None else f"{text[:typed.start()]}{' ' * len(typed[0])}{text[typed.end():]}"
    if (where := _place_found(blank, bare=True) if place else None) is not None:
        start = where.words if typed is not None and where.start <= typed.start() < where.words else where.start
        gone[start:where.end] = [True] * (where.end - start)
    rest = " ".join("".join(" " if out else c for c, out in zip(text, gone)).split()).strip(" ,;:.!?()-–—")
    rest = re.sub(r" (?=[,;.])", "", rest)  # "à 14h30 , avec…", the place between them gone
    return MeetingSaid(ranges, where.place if where else None,
                       [*([rest] if re.search(r"\w{2,}", rest) else []), *([whom] if whom else [])])


_BARE_PLACE_RE = re.compile(r"(?:^|[,;:–—-])\s*(?P<place>(?:(?:la|le|les)\s+|l['’]\s*)?(?:"
                            + "|".join(map(re.escape, _PLACE_NOUNS)) + r")\b[^,;.!?\n]*)", re.IGNORECASE)
_AT_TIME_RE = re.compile(r"\b(?:à|a|dès|des|vers)\s+$", re.IGNORECASE)


def place_typed(text: str) -> str:
    """A place typed as an answer, as a document prints it: "à la salle des fêtes de Bitche" is "Salle des fêtes de
    Bitche", "à Bitche, salle 3" is "Bitche, salle 3"; other words stay as typed."""
    if (said := _PLACE_RE.match(text)) is None:
        return text
    return upper_first(_PLACE_ARTICLE_RE.sub("", text[said.start("place"):], count=1))


# Under a stage's checklist: every item ticked ("tout est fait", as « ☑️ Tout cocher »), or every hand tick taken back.
_ALL_DONE_RE = re.compile(r"(?:(?:c'est |oui,? )?(?:tout|tous|toutes)(?: (?:est|a ete|sont|ont ete|c'est))?"
                          r"(?: (?:fait|faits|faites|cocher|coche|cochees|cochez|fini|ok))?"
                          r"(?: pour (?:cette|l') ?etape)?|tout cocher|cocher tout|on a tout fait|j'ai tout fait)")
_NONE_DONE = frozenset({"tout decocher", "decocher tout", "rien", "rien n'est fait", "rien de fait", "aucune",
                        "tout decoche"})


def typed_at_checklist_stage(text: str) -> bool | None:
    """True for "tout est fait" under a stage's checklist, False for "tout décocher"; None for anything else."""
    words = _BUTTON_MARK_RE.sub("", typed_words(text)).rstrip(" .!")
    if words in _NONE_DONE:
        return False
    return True if _ALL_DONE_RE.fullmatch(words) else None


# An action said done under a stage's checklist (folded): "c'est fait", "fait", "reçue", "terminé", "ok".
_DONE_WORDS_RE = re.compile(r"\b(?:fait|faite|faits|faites|fini|finie|termine|terminee|recu|recue|recus|recues|ok"
                            r"|realise|realisee|valide|validee)\b")
# Words every action's label may hold, which say nothing of which one it is (folded).
_ACTION_WORDS = frozenset({"prendre", "connaissance", "prevoir", "organiser", "definir", "mettre", "place", "leurs",
                           "maison", "maisons", "selon", "entre", "avant", "apres", "notre", "votre"})


def item_said_done(labels: Sequence[str], text: str) -> int | None:
    """Under a stage's checklist, the one action a text says done by its own words ("la charte c'est fait, reçue
    hier": « Prendre connaissance de la charte graphique… »): its index in `labels`; None when it says no done, or
    names none, or several alike."""
    said = fold(text)
    if _DONE_WORDS_RE.search(said) is None:
        return None
    typed = {word for word in _WORD_RE.findall(said) if len(word) >= 5} - _ACTION_WORDS
    shared = [len(typed & set(_WORD_RE.findall(fold(label)))) for label in labels]
    best = max(shared, default=0)
    return shared.index(best) if best and shared.count(best) == 1 else None


TEAM_INVITE, TEAM_LEAVE, TEAM_HANDOVER = "invite", "leave", "handover"
# Under /equipe: « ➕ Inviter quelqu'un » in words, whoever is named ("inviter Paul"): the link is for anyone.
_INVITE_RE = re.compile(r"(?:inviter|invite|invitez|ajouter|ajoute|invitation|nouveau membre|nouvelle personne)\b")
# « 🚪 Quitter le projet » in words, said of oneself: "je veux quitter le projet", "me retirer de l'équipe".
_LEAVE_RE = re.compile(r"(?:je (?:veux |voudrais |souhaite |dois )?)?(?:quitter|quitte|partir|pars|sortir|sors"
                       r"|me retirer|me retire|retirez-moi|retire-moi)(?: (?:du|le|ce) projet| (?:de )?l'equipe)?")


# Handing the project over, said in a sentence: "je dois passer le projet au nouveau président" (folded).
_HANDOVER_RE = re.compile(r"\b(?:passer|transmettre|confier|ceder|remettre|donner|laisser)\b[^.?!]{0,30}\bprojet\b"
                          r"|\bpass(?:er|e) la main\b|\bnouvel?(?:le)? porteu(?:r|se)\b|\bsuccess(?:eur|rice)\b"
                          r"|\bremplacant")


def typed_at_team(text: str) -> str | None:
    """TEAM_INVITE or TEAM_LEAVE: what a button of /equipe does, said in words; TEAM_HANDOVER: the project to hand
    over, in a sentence; None for anything else."""
    words = _BUTTON_MARK_RE.sub("", typed_words(text))
    if _INVITE_RE.match(words):
        return TEAM_INVITE
    if _LEAVE_RE.fullmatch(words):
        return TEAM_LEAVE
    return TEAM_HANDOVER if _HANDOVER_RE.search(words) else None


# What is asked of the guide in words, which no question's answer says: "On en est où ?" is /avancement.
_COMMAND_PHRASES = {
    **dict.fromkeys(("on en est ou", "ou en est-on", "ou en est on", "ou on en est", "ou j'en suis", "ou en suis-je",
                     "ou en suis je", "ou en sommes-nous", "ou en sommes nous", "ou est-ce qu'on en est"),
                    "avancement"),
    **dict.fromkeys(("comment ca marche", "comment ca fonctionne", "au secours", "help"), "aide"),
}


def typed_command(text: str, commands: Collection[str]) -> str | None:
    """The command a text names without its slash ("aide", "Menu", "mes données") or asks for ("on en est où ?");
    None for anything else."""
    words = typed_words(text)
    name = _COMMAND_PHRASES.get(words) or words.lstrip("/").replace(" ", "_")
    return name if name in commands else None


# An invitation link pasted as text rather than opened: "https://t.me/<bot>?start=<token>" anywhere in the message.
_INVITATION_LINK_RE = re.compile(r"(?<![\w/])(?:https?://)?(?:www\.)?(?:t|telegram)\.me/\w+/?\?start=([\w-]{1,64})",
                                 re.IGNORECASE)


def typed_invitation(text: str) -> str | None:
    """The token of a bot link the text holds, which opening the link would have sent as "/start <token>"."""
    found = _INVITATION_LINK_RE.search(text)
    return found.group(1) if found else None


# ---------------------------------------------------------------- dispatch


# "pareil, 1 ETP", "idem : 2", "idem que pour les déplacements : …": the same as before, said again with its answer.
_SAME_THEN_RE = re.compile(r"^\s*(?:idem|pareil|(?:la )?m[eê]me chose)"
                           r"(?:\s+(?:que|qu['’]|comme)\s*(?:pour|à|a|au|aux)\s[^,:;–—\n]{1,40})?\s*[,:;–—-]\s*(?=\S)",
                           re.IGNORECASE)
# What an answer made of another one and more starts with after its "idem,": "plus la mairie", "+ le CCAS" (folded).
_MORE_START_RE = re.compile(r"(?:\+|(?:plus|et|avec|sauf|mais|moins|que|qu|aussi|en plus|ainsi que)\b)")


def same_then_said(text: str) -> tuple[str, str] | None:
    """"idem, logements vacants dans le bourg": the "idem" and the answer after it, which says something of its own;
    None for another text, and for "idem, plus la mairie", which adds to an answer the dossier cannot reach."""
    if (same := _SAME_THEN_RE.match(text)) is None:
        return None
    rest = text[same.end():]
    if _MORE_START_RE.match(typed_words(rest)) or len(_WORD_RE.findall(rest)) < 2 or same_answer_as(rest) is not None:
        return None  # "idem, ce sont les mêmes": no answer of its own
    return text[:same.end()].strip(" ,:;–—-"), rest


def parse_answer(question: Question, text: str, today: datetime.date | None = None) -> Any:
    """Parse text as an answer to question, according to its kind; `today` dates a date typed without its year."""
    kind = question.kind
    if kind is Kind.SHORT_TEXT:
        typed = without_full_stop(_words(one_line(parse_text(text, SHORT_TEXT_MAX))))
        if question.person and _POINTED_RE.fullmatch(typed_words(typed).rstrip(" .!")):  # "à lui directement"
            raise ParseError("person.pointed", typed=typed)
        typed = without_full_stop(doubt_apart(typed)[0])  # "…, je crois": the text kept, the doubt said not kept
        if question.person:
            return parse_person(typed)
        return place_typed(typed) if question.place else typed
    if kind is Kind.LONG_TEXT:
        return _words(rows(parse_text(text, LONG_TEXT_MAX)))
    if kind in (Kind.INTEGER, Kind.DECIMAL, Kind.EUROS):
        text = _SAME_THEN_RE.sub("", text, count=1) or text  # "pareil, 1 etp à elles 2": the figure said
        text = done[0] if (done := _done_apart(question, text)) is not None else text
        if (own := _figure_for_asked(question, text)) is not None:  # "…, 0,6 pour l'accompagnement et 0,6 pour
            return _figure(question, own[0], today)  # l'accueil" at the accompaniment's: its own share
        try:
            return _figure(question, text, today)
        except ParseError as error:
            if error.key == "figure.included":  # "1,6 en tout mais c'est le même temps que l'accueil": no head of it
                raise
            if (total := _sum(question, text, today)) is not None:  # "2 + 1"
                return total
            if question.kind is Kind.DECIMAL and (head := _figure_head(question, text)) != text:
                return _figure(question, head, today)  # "un temps plein, elle fera aussi l'accompagnement"
            if (alone := figure_alone(text)) is None:  # "Population municipale (Insee, RP 2021)⇥9 214", copied
                raise
            return _figure(question, alone, today)  # its refusal says what is wrong with the figure meant
    if kind is Kind.HOURS:
        return parse_hours(text)
    if kind is Kind.DATE:
        if question.deadline:  # "Avant quelle date… ?" "avant le 31 mars": the bound is the answer
            bare = _BY_RE.sub("", text, count=1) or text
            head = doubt_apart(re.split(r"\s*[,;]\s+", bare, maxsplit=1)[0].strip())[0]  # "fin février je pense, …"
            if (bound := _month_bound(bare, today) or _month_bound(head, today)) is not None:  # "avant fin février"
                return bound
            try:
                return parse_date(bare, today, question.timing)
            except ParseError as error:
                if (bound := deadline_in(text, today)) is None:
                    raise error
                return bound  # "merci de compléter avant le 15 janvier"
        return parse_date(text, today, question.timing)
    if kind is Kind.YES_NO:
        return False if typed_words(text) in _BEGUN else parse_yes_no(text)
    what = same_answer_as(text) if kind in CHOICE_KINDS else None
    if what is not None and match_option(question.options, text) is None:  # no answer alike found to copy
        raise ParseError("choice.elsewhere", typed=text.strip(), named=bool(what))
    if kind is Kind.CHOICE:
        option_id = match_choice(question.options, text)
        if option_id is None and says_no_option(text):
            option_id = none_option(question)
        if option_id is None:
            option_id = abridged_option(question.options, text)  # "en prep": « En préparation »
        if option_id is None and (around := options_around(question.options, text)):
            raise ParseError("choice.between", typed=text.strip(), around=around)  # "80 %" of a post
        if option_id is None:
            close = close_options(question.options, text)
            if len(named := options_mentioned(question.options, text)) > 1:  # "fibre ou ADSL": both suggested
                if not close:  # "la fibre arrive en mars, pour l'instant ADSL"
                    raise ParseError("choice.several", named=named)
                close = {**close, "close": sorted({*close.get("close", []), *named})}
            raise ParseError("choice.invalid", unknown=text.strip(), **close)
        return option_id
    if kind is Kind.MULTI:
        return parse_multi(question, text)
    if kind is Kind.TIME_RANGES:
        return _parse_ranges(question, text)
    if kind is Kind.SIRET:
        return parse_siret(text)
    if kind is Kind.ADDRESS:
        return parse_address(text)
    if kind is Kind.BUDGET:
        raise ParseError("budget.buttons")  # its lines are built with the budget desk's buttons
    raise AssertionError(f"unhandled kind {kind!r}")


def _times_a_word(question: Question, text: str) -> Decimal | None:
    """"deux temps pleins", "2 mi-temps": how many of one of the question's words; "2 x 0,8", "2 fois 80 %": how
    many of a figure or a share; None for anything else."""
    typed = typed_words(text)
    times = _TIMES_RE.fullmatch(typed)
    said = times or re.fullmatch(r"(?P<count>[0-9]{1,2}|[a-z-]+) (?P<word>.+)", typed)
    count = None if said is None else int(said["count"]) if said["count"].isdigit() else SPELT_NUMBERS.get(
        said["count"])
    if not count:
        return None
    words = {label_key(word): value for word, value in question.words.items()}
    value = words.get(label_key(said["word"])) or words.get(label_key(said["word"].removesuffix("s")))
    if value is None and times is not None:
        if question.full_time_share and (share := share_said(said["word"])) is not None:  # "2 x 80 %"
            return Decimal(share.value.numerator) / Decimal(share.value.denominator) * count
        try:
            value = parse_decimal(said["word"])
        except ParseError:
            return None
    return None if value is None else Decimal(str(value)) * count


# "les 2", "tous les deux", "toutes les trois" (folded): each of so many, said of people or things asked alike.
_EACH_OF_RE = re.compile(r"(?<![\w'])(?:(?:tous|toutes) )?les (?P<count>[2-9]|deux|trois|quatre|cinq)(?![\w'])")


def each_of(text: str) -> int | None:
    """How many a text says all of ("oui les 2 seront formés": 2); None when it says no such count."""
    said = _EACH_OF_RE.search(typed_words(text))
    return None if said is None else int(said["count"]) if said["count"].isdigit() else SPELT_NUMBERS[said["count"]]


# "2 x 0,8", "2 × 80 %", "deux fois 0,8" (folded): a count times a figure.
_TIMES_RE = re.compile(r"(?P<count>[0-9]{1,2}|[a-z]+)(?:\s*[×*]\s*|\s+(?:x|fois)\s+|(?<=[0-9])x\s*)"
                       r"(?P<word>[0-9a-z].*)")


_COUNT_BEFORE_RE = re.compile(r"(?:[0-9]|\b(?:" + "|".join(SPELT_NUMBERS) + r"))\s*$")  # "deux" of "deux mi-temps"


def word_said(question: Question, text: str) -> Decimal | None:
    """The value of the one word of the question a sentence says ("Karim Benali, à recruter, temps plein": 1);
    None when it says none, two, or a count of one ("deux mi-temps")."""
    typed = typed_words(text)
    said = {Decimal(str(value)) for word, value in question.words.items()
            if (found := re.search(r"(?<![\w-])" + re.escape(typed_words(word)) + r"(?![\w-])", typed))
            and not _COUNT_BEFORE_RE.search(typed[:found.start()])}
    return said.pop() if len(said) == 1 else None


# Years said from today (folded): "l'an prochain", "cette année".
_RELATIVE_YEARS = {"cette annee": 0, "l'annee en cours": 0, "cette annee-ci": 0, "l'an prochain": 1,
                   "l'annee prochaine": 1, "an prochain": 1, "annee prochaine": 1, "l'an dernier": -1,
                   "l'annee derniere": -1, "l'an passe": -1, "l'annee passee": -1, "dans deux ans": 2}


# "pour l'année 2027", "budget primitif 2027", "BP 2027", "l'exercice 2027": the words before a year (folded).
_YEAR_LEAD_RE = re.compile(r"^(?:(?:en|pour|l'annee|annee|budget primitif|budget previsionnel|budget|bp|"
                           r"exercice budgetaire|l'exercice|exercice|de l'exercice)\s+)+")


# "2027, ouverture prévue en mai donc 8 mois", "budget 2027 : 8 mois d'activité": a year, then a clause ("2027,5"
# is none).
_YEAR_THEN_RE = re.compile(r"\s*(?P<head>(?:[^\W\d_][\w' ]*\s)?(?:19|20)[0-9]{2})(?:,\s|\s*[;:]|\s[–—-]\s)\s*\S")


def _is_year(question: Question) -> bool:
    return question.kind is Kind.INTEGER and question.min is not None and question.min >= YEAR_MIN


def _parse_year(text: str, min: int, max: int | None, today: datetime.date | None) -> int:
    """A year: its figures, or said from today ("l'an prochain"); refused with a year for example."""
    if today is not None and (offset := _RELATIVE_YEARS.get(typed_words(text))) is not None:
        year = today.year + offset
        if year < min or (max is not None and year > max):
            raise ParseError("integer.range", min=min, max=max)
        return year
    try:
        return parse_integer(_YEAR_LEAD_RE.sub("", typed_words(text)), min, max)
    except ParseError as error:
        if error.key not in ("integer.invalid", "integer.whole"):  # "2027,5" is no year to round
            raise
        if (said := _YEAR_THEN_RE.match(text)) is not None:  # the clause after it, said not kept
            return _parse_year(said["head"], min, max, today)
        raise ParseError("integer.year", example=(today.year + 1) if today else 2027) from None


# An answer pointing at another one ("voir ci-dessus"): the dossier prints each answer where its reader meets it.
# "les mêmes", "la même personne", "les mêmes 2 agents": the people named at the question asked alike before (folded).
_THE_SAME = (r"(?:ce sont |ce seront |c'est |ce sera )?(?:les|la|le) memes?(?: [0-9]| deux| trois| quatre)?"
             r"(?: personnes?| agents?| agentes?| conseill(?:ere|er)s?)?")
# "ma réponse précédente", "la question au-dessus" (folded).
_PREVIOUS = (r"(?:(?:la |ma |mes |les |notre |nos )?(?:reponse|question)s? "
             r"(?:precedentes?|ci-dessus|plus haut|au-dessus|d'avant|d'au-dessus))")
_ELSEWHERE_RE = re.compile(r"(?:idem|pareil|" + _THE_SAME + r"|(?:c'est )?(?:la )?meme chose"
                           r"|(?:j'ai |je l'ai |on l'a |c'est )?deja (?:dit|repondu)"
                           r"(?: (?:plus haut|au-dessus|ci-dessus|avant|precedemment))?"
                           r"|(?:comme |voir |cf\.? )(?:ci-dessus|plus haut|au-dessus|precedemment|avant)"
                           r"|(?:voir |cf\.? |idem |pareil |comme )?(?:(?:c'est )?(?:la )?meme reponse qu(?:e |'))?"
                           + _PREVIOUS + r")[ .!]*")
# "Les mêmes, plus la mairie", "idem + le CCAS": an answer made of another one and more, which the dossier cannot
# print either (folded).
_ELSEWHERE_AND_MORE_RE = re.compile(r"(?:(?:ce sont |c'est )?(?:les|la|le) memes?(?: (?:acteurs|partenaires|que"
                                    r" (?:ci-dessus|avant|precedemment)))?|idem|pareil|meme chose|comme pour)"
                                    r"(?:[ .!]*$|\s*[,;+]|\s(?:plus|et|avec|sauf|mais|moins|que pour)\b"
                                    r"|(?<=idem)\s+qu(?:e\b|')|(?<=comme pour)\s)")  # not "pareil que Bretenoux"


# "idem que pour l'accueil", "pareil qu'à la coordination", "comme pour l'accueil", "la même adresse que le siège"
# (folded): what it is the same as.
_SAME_AS_NAMED_RE = re.compile(r"(?:(?:c'est )?(?:a )?(?:la |le )?meme (?:adresse|lieu|endroit|horaires?|personne)|idem"
                               r"|pareil|" + _THE_SAME + r"|(?:c'est )?(?:la )?meme chose|(?:c'est )?comme)"
                               r"(?: qu['e]\s*)?"
                               r"(?: ?(?:pour|a|au|aux))?(?: (?:celle|celui|celles|ceux) d(?:e|u|es))?"  # "celle de"
                               r" (?:(?:l'|le |la |les )\s*)?(?P<what>[^\W\d][\w' -]*?)[ .!]*")


def same_answer_as(text: str) -> str | None:
    """"idem", "voir ci-dessus": "" (the answer before); "idem que pour l'accueil": "accueil", the words naming
    which; None when the text says no such thing."""
    typed = typed_words(text)
    if _ELSEWHERE_RE.fullmatch(typed) or _ELSEWHERE_RE.fullmatch(typed_words(without_asides(text))) or all(
            _ELSEWHERE_RE.fullmatch(part) for part in re.split(r"\s*[,;]\s*", typed)):
        return ""  # "les mêmes (les 2 agents à recruter)", "idem, ce sont les mêmes"
    if (after := statement_after_name(text)) and _ELSEWHERE_RE.fullmatch(typed_words(text[:-len(after)].rstrip(" ,"))):
        return ""  # "Les mêmes deux agents, ils feront les deux."
    return named["what"] if (named := _SAME_AS_NAMED_RE.fullmatch(typed)) is not None else None


def mentions(text: str, words: str) -> bool:
    """Whether a text holds those folded words, whole: "pour l'accueil" holds "accueil", "accueillir" does not."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", fold(text)) is not None


def _without_as_said(text: str) -> str:
    """The answer without its "comme je l'ai dit", at its start or end."""
    said = AS_SAID_RE.sub("", text)
    return upper_first(said) if said != text and text[:1].isupper() else said


# A figure said to be counted in another answer (folded): "c'est compris dans le 1,5 ETP de l'accueil".
# A share said for what it is ("0,6 pour l'accompagnement"), among others said for something else.
_FIGURE_FOR_RE = re.compile(r"(?P<figure>[0-9]+(?:[.,][0-9]+)?)\s*(?:etp\s+)?pour\s+(?:l['’]\s*|le\s+|la\s+|les\s+)?"
                            r"(?P<what>[^\W\d_]{3,})", re.IGNORECASE)
_CLAUSES_RE = re.compile(r"\s*[,;]\s+|\s+et\s+")  # "1,2" is no clause


def shares_said(text: str) -> list[tuple[str, str, str]]:
    """The figures a text gives each for something named ("0,6 pour l'accueil"): figure, what, and the words."""
    return [(found["figure"], found["what"], found.group()) for found in _FIGURE_FOR_RE.finditer(text)]


def _figure_for_asked(question: Question, text: str) -> tuple[str, list[str]] | None:
    """The figure a text gives for what the question asks about, when it gives figures for several things ("0,6 pour
    l'accompagnement et 0,6 pour l'accueil" at « Combien d'ETP l'accompagnement… ? »), and its other clauses; None
    otherwise."""
    said = shares_said(text)
    own = [share for share in said if mentions(question.prompt, fold(share[1]))]
    if len(said) < 2 or len(own) != 1:
        return None
    figure, _, words = own[0]
    return figure, [clause.strip().rstrip(" .") for clause in _CLAUSES_RE.split(text)
                    if clause.strip() and words not in clause]


# A figure said to count for another answer too (folded): "compris dans le 1,2 de l'accueil"; "deux temps plein
# partagés entre l'accueil et l'accompagnement", unless this answer's own figure follows ("…, disons 1 ETP").
_INCLUDED_RE = re.compile(r"\b(?:compris|inclus)e?s? (?:dans|avec)\b|\bdeja compte(?:e|s|es)?\b"
                          r"|\b(?:le )?meme temps que\b")  # "c'est le même temps que l'accueil": the same hours
_SHARED_RE = re.compile(r"\b(?:partagee?s?|repartie?s?|a partager|a repartir) (?:entre|avec)\b")


def _figure(question: Question, text: str, today: datetime.date | None) -> Any:
    """A whole number, a year, a decimal or an amount in euros, as the question asks it."""
    kind = question.kind
    if _INCLUDED_RE.search(said := typed_words(text)) or (  # counted twice if its figure were kept
            _SHARED_RE.search(said) and len(_FIGURE_RE.findall(figures(text))) < 2):
        raise ParseError("figure.included", typed=text.strip())
    if kind is Kind.INTEGER:
        if _is_year(question):
            return _parse_year(text, question.min, question.max, today)
        if _YOU_DID_RE.search(fold(question.prompt)):  # "Combien… avez-vous visitées ?" "non, on doit aller…": none
            text = _NO_RE.sub("aucun", text, count=1)
        return parse_integer(text, question.min, question.max)
    if kind is Kind.DECIMAL:
        typed = label_key(re.sub(r"^\s*(?:[àa]|en)\s+", "", text))  # "à mi-temps", said after a name
        for word, value in question.words.items():
            if typed == label_key(word):
                return value
        if (times := _times_a_word(question, text)) is not None:
            return parse_decimal(str(times).replace(".", ","), question.min, question.max)
        if question.full_time_share and (share := share_said(text)) is not None:
            return _full_time(share, question.min, question.max)
        if (total := _TOTAL_SAID_RE.fullmatch(said) or _TOGETHER_RE.fullmatch(said) or _TOTAL_FIRST_RE.match(said)) \
                is not None:  # "60 % chacune, donc 1,2", "1 ETP à elles 2", "1,6 au total, 0,8 chacun"
            return parse_decimal(total["number"], question.min, question.max)
        if _EACH_RE.search(said):
            raise ParseError("decimal.each")  # "60 % chacune": the total is the user's to give
        if question.full_time_share and says_a_time(text):
            raise ParseError("decimal.share", typed=text.strip())  # a time not read is no count of posts
        return parse_decimal(text, question.min, question.max)
    value = parse_euros(text)
    if (question.min is not None and value < question.min) or (question.max is not None and value > question.max):
        raise ParseError("euros.range", min=question.min, max=question.max)
    return value


# "2 + 1", "85 m2 plus un bureau à l'étage" ("plus" before a figure or what is counted, not "plus ou moins").
_PLUS_RE = re.compile(r"(?<=\S)\s*\+\s*|\s+plus\s+(?=(?:un|une|des|le|la|les|l'|[0-9]))", re.IGNORECASE)


def _unit(term: str) -> str | None:
    """What a whole number is said to count ("m²" of "85 m2", "bureau à l'étage" of "un bureau à l'étage"), folded
    and in the singular; None for a figure alone or no whole number."""
    match = _INTEGER_RE.fullmatch(_SQUARE_METRES.sub("m²", _number_text(_digits_for_words(term))))
    return fold(match["unit"]).rstrip(".").removesuffix("s") if match and match["unit"] else None


# A question counting what the user did ("Combien… avez-vous visitées ?"), where "non" is none (folded prompt).
_YOU_DID_RE = re.compile(r"\bavez-vous\b")
_NO_RE = re.compile(r"^\s*non\b(?![-'’])", re.IGNORECASE)
# A figure added as still to come: "+ 1 prévue avec la MSA" (folded).
_TO_COME_TERM_RE = re.compile(rf"{_PLANNED_RE.pattern}|\b(?:planifiee?s?|a venir|a organiser|a prevoir|en projet"
                              r"|bientot)\b")


def _done_apart(question: Question, text: str) -> tuple[str, str] | None:
    """At a question counting what was done already ("Combien de rencontres… avez-vous déjà tenues ?"): the text
    without the figures added as still to come, and those ("2 (la CAF, la mairie) + 1 prévue avec la MSA" is 2);
    None when it adds none."""
    if not re.search(r"\bdeja\b", fold(question.prompt)):
        return None
    terms = list(_PLUS_RE.finditer(text))
    ends = [*(plus.start() for plus in terms), len(text)]
    coming = [(plus, end) for plus, end in zip(terms, ends[1:]) if _TO_COME_TERM_RE.search(fold(text[plus.end():end]))]
    if not coming:
        return None
    kept = "".join(text[start:end] for start, end in zip([0, *(end for _, end in coming)],
                                                          [plus.start() for plus, _ in coming] + [len(text)]))
    return kept.strip(), " + ".join(text[plus.end():end].strip() for plus, end in coming)


_AREA_RE = re.compile(r"(?<![\w,.])([0-9]+)\s*(?:m²|m2)(?!\w)", re.IGNORECASE)


def _area_sum(terms: list[str]) -> int | None:
    """The total of surfaces each said with what they are ("le bureau de 9 m2"): one figure in m² per term; None
    otherwise ("85 m2 + un bureau à l'étage" says no surface for the office)."""
    found = [_AREA_RE.findall(term) for term in terms]
    return sum(int(term[0]) for term in found) if all(len(term) == 1 for term in found) else None


def _sum(question: Question, text: str, today: datetime.date | None) -> Any:
    """"2 + 1" is 3, in the question's bounds; "2 (le conseiller et moi) + Julie le mardi" is refused, naming what
    was added to the figure, and so is "85 m2 + un bureau", which counts something else. None when the text is no
    figure plus something (nor a year: "2027 + 1")."""
    terms = _PLUS_RE.split(without_asides(text).strip())
    if len(terms) < 2 or not all(terms) or _is_year(question):
        return None
    try:
        first = _figure(question, terms[0], today)
    except ParseError:
        return None
    refused = ParseError("figure.added", first=terms[0], added=" + ".join(terms[1:]))
    if (area := _area_sum(terms)) is not None:  # "45 m2 pour l'espace FS + le bureau confidentiel de 9 m2"
        return _figure(question, str(area), today)
    if any(_unit(term) not in (None, _unit(terms[0])) for term in terms[1:]):
        raise refused
    try:
        added = [_figure(question, term, today) for term in terms[1:]]
    except ParseError:
        raise refused from None
    return _figure(question, _plain_decimal(first + sum(added)), today)


def _words(text: str) -> str:
    """A text answer, which "oui" alone never is: every text question asks what, who or how ("non" may say
    "none"); nor "valider" (the list just typed, validated again), a figure alone, a button's number typed under
    another screen, nor "voir ci-dessus"."""
    if not _LETTER_RE.search(text) or said_yes_no(text) or (typed_validate(text) and typed_words(text) not in _DONE):
        raise ParseError("text.words", typed=text)
    if _ELSEWHERE_RE.fullmatch(typed := typed_words(text)) or _ELSEWHERE_AND_MORE_RE.match(typed) \
            or not _without_as_said(text).strip(" .!"):
        raise ParseError("text.elsewhere", typed=text)
    said = _without_as_said(text)
    if (heard := _HEARD_RE.match(said)) is not None and said[heard.end():].strip():  # "Ah d'accord. Surtout…"
        said = upper_first(said[heard.end():])
    return said[yes.end():] if (yes := _YES_FIRST_RE.match(said)) is not None else said


# What answers the chat's explanation before the answer itself, which no document prints: "Ah d'accord. …".
_HEARD_RE = re.compile(r"\s*(?:(?:ah|oh)\s+)?(?:d['’]\s*accord|ok|okay|entendu|tr[èe]s bien|je vois|compris|merci)"
                       r"\s*[.!,;]+\s*", re.IGNORECASE)
# A yes before a text answer ("oui, panneau au rond-point…" at « Comment assurez-vous l'accès… ? »), which no text
# question asks for: the documents would print it.
_YES_FIRST_RE = re.compile(r"\s*(?i:oui)\s*[,:;.!–—-]\s*(?=\w)")


def to_json(kind: Kind | str, value: Any) -> Any:
    """Turn a parsed value into a JSON-serialisable value (None passes through)."""
    kind = Kind(kind)
    if value is None:
        return None
    if kind is Kind.EUROS:
        return format(value.quantize(Decimal("0.01")), "f")
    if kind is Kind.DECIMAL:
        return _plain_decimal(value)
    if kind is Kind.DATE:
        return value.isoformat()
    if kind is Kind.MULTI:
        return list(value)
    if kind in (Kind.SIRET, Kind.ADDRESS):
        return str(value)  # the SIRET's 14 digits; the address as typed, whitespace collapsed
    return value


def from_json(kind: Kind | str, raw: Any) -> Any:
    """Turn a value produced by to_json back into the parsed value (None passes through)."""
    kind = Kind(kind)
    if raw is None:
        return None
    if kind is Kind.EUROS:
        return Decimal(raw)
    if kind is Kind.DECIMAL:
        return Decimal(str(raw))
    if kind is Kind.DATE:
        return datetime.date.fromisoformat(raw)
    if kind is Kind.MULTI:
        return list(raw)
    return raw
