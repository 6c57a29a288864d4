"""French display of parsed values (Babel): euros, dates, weekly hours, SIRET numbers; French quotation marks."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

from dialogs.folding import fold

LOCALE = "fr_FR"


def euros(amount: Decimal) -> str:
    """'35 000 €' for whole amounts, '12 500,50 €' otherwise; a no-break space before '€', which a line's end
    would otherwise leave alone (French typography)."""
    pattern = "#,##0\u00a0¤" if amount == amount.to_integral_value() else "#,##0.00\u00a0¤"
    return format_currency(amount, "EUR", format=pattern, locale=LOCALE, currency_digits=False)


def cents(amount: int) -> str:
    """An amount kept in integer cents, the French way."""
    return euros(Decimal(amount) / 100)


def long_date(day: date) -> str:
    """'10 juin 2028', '1er mai 2027'."""
    return _first(day, format_date(day, format="long", locale=LOCALE))


def full_date(day: date) -> str:
    """'samedi 10 juin 2028', 'samedi 1er mai 2027'."""
    return _first(day, format_date(day, format="full", locale=LOCALE))


def weekday(day: date) -> str:
    """'mardi'."""
    return format_date(day, format="EEEE", locale=LOCALE)


def _first(day: date, text: str) -> str:
    # French writes the first day of a month as an ordinal; CLDR's patterns do not.
    return re.sub(r"(?<!\d)1 ", "1er ", text, count=1) if day.day == 1 else text


def hours(minutes: int) -> str:
    whole, rest = divmod(minutes, 60)
    return f"{whole} h {rest:02d}" if rest else f"{whole} h"


def integer(number: int) -> str:
    """'12 400', but '2027': French typography leaves four-digit numbers whole (years above all)."""
    return str(number) if abs(number) < 10_000 else format_decimal(number, locale=LOCALE)


def time_ranges(ranges: list[list[int]]) -> str:
    """'9 h – 12 h, 14 h – 17 h 30'."""
    return ", ".join(f"{hours(start)} – {hours(end)}" for start, end in ranges)


def decimal(number: Decimal | int) -> str:
    """A number with its decimals in French: "1,5", "2", "12 400,25"."""
    return format_decimal(number, format="#,##0.##", locale=LOCALE)


def siret(digits: str) -> str:
    """'123 456 789 00015': the SIREN in three groups of three, then the establishment's five digits."""
    if len(digits) != 14:
        return digits
    return f"{digits[:3]} {digits[3:6]} {digits[6:9]} {digits[9:]}"


def french_list(items) -> str:
    """"la CAF, la MSA et La Poste"; "" for no item."""
    words = [str(item) for item in items if item]
    return format_list(words, locale=LOCALE) if words else ""


# The small words of French proper names, lowercase but first: "Saint-Jean-de-Luz", "Le Puy-en-Velay", "Marie de
# La Tour" (folded).
_PARTICLES = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "en", "sur", "sous", "lès", "aux", "au", "et"})


def proper_name(text: str) -> str:
    """A name of a person or a commune typed all lowercase, with its capitals: "jean-pierre vigouroux" is "Jean-Pierre
    Vigouroux", "saint-jean-de-luz" "Saint-Jean-de-Luz"; a name with a capital already is kept as typed."""
    if text != text.lower():
        return text
    words = re.split(r"([\s'’-]+)", text)
    return "".join(word if not word.strip(" '’-") or (n and word in _PARTICLES) else word[:1].upper() + word[1:]
                   for n, word in enumerate(words))


def at_place(town: str) -> str:
    """"à Plouaret", "aux Rousses", "au Vieux-Marché": a commune after "à", its article joined as French joins it."""
    for article, joined in (("Les ", "aux "), ("Le ", "au ")):
        if town.startswith(article):
            return joined + town[len(article):]
    return f"à {town}"


def upper_first(text: str) -> str:
    """"Président de la CC Causse": the first letter raised, the others as typed (str.capitalize lowers them)."""
    return text[:1].upper() + text[1:]


# Data, not sentences: the first words of a place or a time that a phone writes with a capital, folded; a name's
# first word ("La Poste", "Le Bourg") is none of them.
_LINKING_WORDS = frozenset({"a", "au", "aux", "en", "dans", "sur", "sous", "chez", "par", "pour", "pres", "aupres",
                            "devant", "entre", "vers", "chaque", "tous", "toutes", "une", "un", "deux", "trois"})


def lower_first(text: str) -> str:
    """"Sur les places des mairies" set inside a sentence: the capital a phone gave its linking word lowered, or its
    article before a common noun ("Le directeur régional"); a name kept as typed ("La Poste", "Le Bourg")."""
    words = text.split(maxsplit=1)
    first, after = (words[0], words[1] if len(words) > 1 else "") if words else ("", "")
    if first[:2] in ("L'", "L’"):  # "L'élu référent"
        first, after = first[:2], first[2:]
    linking = fold(first) in _LINKING_WORDS and first[1:] == first[1:].lower()
    article = fold(first) in ("le", "la", "les", "l'", "l’") and after[:1].islower()
    return text[:1].lower() + text[1:] if linking or article else text


def in_parentheses(text: str) -> str:
    """"(Clichy-sous-Bois [93])": French typography sets brackets, not a second pair of parentheses, inside them."""
    return f"({text.replace('(', '[').replace(')', ']')})"


def guillemets(text: str) -> str:
    """French quotation marks hold to what they quote: "« France services du Larzac »" never leaves "»" alone at
    the start of a line, on a phone or on a page. Only the space changes, to a no-break one."""
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
