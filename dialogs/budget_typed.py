"""Budget lines typed instead of tapped: "salaires 70 000 €, loyer 6 000 €" at a budget question.

A line is a category of the question's section and an amount, in either order ("6 000 € de loyer"); a resource may
say what it funds ("en fonctionnement"). Words that name no category make a line of the section's « Autre », in
the user's own words, unless they look like a category mistyped: that one is suggested, never taken.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dialogs.budget_model import INVESTMENT, OPERATING, Category, Use
from dialogs.choices import bare_words, close_options, match_option
from dialogs.errors import ParseError
from dialogs.folding import SPELT_NUMBERS, figures, fold, typed_words
from dialogs.formatting import upper_first
from dialogs.parsing import SHORT_TEXT_MAX, parse_euros, parse_text
from dialogs.pasted import in_brackets, without_asides

# A figure, its thousands grouped by spaces or dots, its cents, then "k" and the currency, each optional.
_AMOUNT_RE = re.compile(
    r"(?<![\w,.])(?:[0-9]{1,3}(?:[ \u00a0\u202f.][0-9]{3})+|[0-9]+)(?:[,.][0-9]+)?"
    r"(?P<unit>\s*k(?![^\W\d_]))?(?P<currency>\s*(?:€|euros?\b|eur\b))?", re.IGNORECASE)
# A figure without a unit is an amount only where a line's words may follow it: "70 000, loyer", "6 000 de loyer";
# "3 agents", "12 mois" are words of the line.
_AFTER_BARE_AMOUNT_RE = re.compile(
    r"\s*(?:$|[,;:\n.()=/-]|(?:et|en|pour|par|de|d'|d’|du|des|au|aux|à|a|soit|ht|ttc|an|annuels?|annuelles?|sur"
    r"|toutes charges|charges (?:sociales |patronales )?(?:comprises|incluses)|brut|car|parce|puisque"
    r"|invest(?:issement)?s?|fonct(?:ionnement)?s?)\b)",
    re.IGNORECASE)
_USE_RE = re.compile(r"\b(?:en |pour (?:l'|l’|le )|d'|d’|de l'|de l’|du |au )?"
                     r"(?P<use>invest(?:issement)?|fonct(?:ionnement)?)s?\b", re.IGNORECASE)
# How an amount is counted, which the line does not keep in its words: "par an", "HT", "charges comprises".
_COUNTED_RE = re.compile(r"(?:\bpar an\b|\bpar ann[ée]e\b|/ ?an\b|\bannuel(?:le)?s?\b|\bpour l['’]ann[ée]e\b"
                         r"|\b[àa] l['’]ann[ée]e\b|\bsur l['’]ann[ée]e\b|\bsur un an\b|\bHT\b|\bTTC\b"
                         r"|\b(?:toutes )?charges (?:sociales |patronales )?(?:comprises|incluses)\b"
                         r"|\bbrut charg[ée]\b|\bcharg(?:é|és|ée|ées)(?!\w)"
                         r"|\bsymboliques?\b)", re.IGNORECASE)  # "1 € symbolique"
_MONTHLY_RE = re.compile(r"\bpar mois\b|/ ?mois\b|\bmensuel(?:le)?s?\b|\bchaque mois\b|\btous les mois\b",
                         re.IGNORECASE)
_PRODUCT_RE = re.compile(r"[0-9€]\s*[x×*]\s*[0-9]", re.IGNORECASE)
# Not a decimal comma ("0,2 etp"); a sentence's end: "Loyer 1 € symbolique. Téléphone et internet 1 200 €".
_SEPARATORS = re.compile(r"(?<![0-9]),|,(?![0-9])|[;\n]|(?:(?<=[^\W\d_]{2})|(?<=€))\.\s+(?=[A-ZÀ-Ý])")
_EMPTY_BRACKETS_RE = re.compile(r"\(\W*\)")
_REMARK_RE = re.compile(r"\s*\([^()]*\)\s*")  # "(2 ETP)" after an amount: part of the line's words
_BECAUSE_RE = re.compile(r"\s*(?:car|parce qu(?:e|')|puisque?)\b[^()]*$", re.IGNORECASE)
_JOINT_RE = re.compile(r"\s+(?:et|puis|plus|ainsi que)\s+", re.IGNORECASE)
# What joins a line to the next, or an amount to its words ("6 000 € de loyer"), kept out of a line's wording.
_EDGE_WORDS = (r"(?:et|puis|plus|ainsi que|avec|pour|de|d['’]|du|des|en|le|la|les|l['’]|soit|:|=|-|–"
               r"|(?:valoris|estim|[ée]valu)[ée]e?s?(?: [àa])?)")
_LEADING_RE = re.compile(rf"^(?:[\s,;:=\-–]+|{_EDGE_WORDS}(?:\s+|(?<=['’])))+", re.IGNORECASE)
_TRAILING_RE = re.compile(rf"(?:[\s,;:=\-–]+|(?<![^\W_]){_EDGE_WORDS})+$", re.IGNORECASE)


@dataclass(frozen=True)
class TypedLine:
    category: Category
    cents: int | None  # None: the category alone, as if its button was tapped
    label: str | None = None  # an « Autre » line's wording
    use: Use | None = None  # what a resource funds, when said


def read_lines(section: Sequence[Category], text: str, subsidy_words: Sequence[str],
               names: Sequence[str] = ()) -> list[TypedLine]:
    """The lines a text gives for this section; ParseError naming what could not be read, nothing taken then.

    A table pasted from a spreadsheet may keep its heading row ("Poste⇥Montant 2027"), left out, or name what
    each column of amounts funds ("Financeur⇥Investissement⇥Fonctionnement"); its total row must be the sum of
    the lines, column by column: a paste cut short or mistyped is not taken."""
    heading, text = part_heading(text)
    text, totals = _table_body(text)
    lines = _read(section, text, subsidy_words, names)
    if heading in (INVESTMENT, OPERATING):  # "Fonctionnement : CAF 10 000, commune 16 500": what both fund
        lines = [line if line.use else replace(line, use=heading) for line in lines]
    for use, total in totals.items():
        if (added := sum(line.cents or 0 for line in lines if use is None or line.use == use)) != total:
            raise ParseError("budget.total", total=total, sum=added)
    return lines


RESOURCES = "ressources"
# A part of the budget named before its lines, as a spreadsheet or a note heads them: "Fonctionnement : salaires…",
# "Dépenses d'investissement –", "Ressources : DETR…".
_HEADING_RE = re.compile(
    r"\s*(?:(?:les\s+)?(?:charges|d[ée]penses|co[uû]ts?|budget)\s+(?:de\s+|d['’]\s*))?"
    r"(?P<use>fonctionnement|investissement)s?\s*(?::|[–—-]\s)\s*"
    r"|\s*(?:les\s+)?(?P<resources>ressources|recettes|financements?|financeurs|plan de financement)"
    r"\s*(?::|[–—-]\s)\s*",
    re.IGNORECASE)


def part_heading(text: str) -> tuple[str | None, str]:
    """The part of the budget a text names before its lines (INVESTMENT, OPERATING or RESOURCES), and its lines;
    None and the whole text when it names none."""
    if (said := _HEADING_RE.match(text)) is None or not text[said.end():].strip():
        return None, text
    return (said["use"].lower() if said["use"] else RESOURCES), text[said.end():]


def _table_body(text: str) -> tuple[str, dict[Use | None, int]]:
    """A pasted table's lines, one amount each (what its column funds said after it), without its heading row
    and total rows; and the amounts of its total row (in cents), by what their column funds."""
    rows = [row for row in text.strip().split("\n") if row.strip()]
    if len(rows) < 2:
        return text, {}  # "total 3000" alone is no table: refused as a category it is not
    uses: list[Use | None] = []
    if all(word in _HEADING_WORDS or _YEAR_RE.fullmatch(word) for word in bare_words(rows[0])):
        uses = [_use(cell) for cell in rows[0].split("\t")]  # "Financeur⇥Investissement⇥Fonctionnement"
        rows = rows[1:]  # "Poste⇥Montant 2027", "Charges de fonctionnement"
    lines, totals = [], {}
    for row in rows:
        cells = row.split("\t")
        amounts = [(uses[i] if i < len(uses) else None, cell, found) for i, cell in enumerate(cells)
                   if (i or len(cells) == 1) and (found := _amounts(figures(cell)))]
        if len(amounts) > 1 and not all(use for use, _, _ in amounts):  # "Mobilier⇥4 440 €⇥5 328 €": HT and TTC?
            raise ParseError("budget.columns", row=cells[0].strip())
        if _TOTAL_RE.match(fold(row)):
            if not _SUBTOTAL_RE.match(fold(row)):
                totals |= {use: int(parse_euros(found[0][0]) * 100) for use, _, found in amounts if len(found) == 1}
            continue
        lines += [f"{cells[0]} {cell} en {use}" for use, cell, _ in amounts] if any(use for use, _, _ in amounts) \
            else [row]
    return ("\n".join(lines), totals) if lines else (text, {})


# A table's heading and total rows, as a spreadsheet has them (folded words, singular as `bare_words` gives them).
_HEADING_WORDS = frozenset({"poste", "libelle", "intitule", "designation", "nature", "categorie", "montant", "charge",
                            "ressource", "recette", "depense", "budget", "previsionnel", "annee", "fonctionnement",
                            "investissement", "euro", "eur", "ttc", "ht", "financeur", "financement", "source",
                            "origine", "organisme"})
_YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}")
_TOTAL_RE = re.compile(r"\W*(?:sous[- ]?)?total\b")
_SUBTOTAL_RE = re.compile(r"\W*sous[- ]?total\b")


def _read(section: Sequence[Category], text: str, subsidy_words: Sequence[str],
          names: Sequence[str] = ()) -> list[TypedLine]:
    text = figures(re.sub(r"[ \t\u00a0\u202f]+", " ", text).strip()).rstrip(" .!")  # dictated: words, a full stop
    text = _ALSO_RE.sub("", text)  # "…, la Métropole 10 000 en fonctionnement aussi"
    if _MONTHLY_RE.search(text):
        raise ParseError("budget.monthly")
    if _PRODUCT_RE.search(text):  # "500 € x 12": the total is the user's to give, not a sum to guess the terms of
        raise ParseError("budget.product")
    amounts = _amounts(text)
    if not amounts and _REMAINDER_RE.search(text):
        raise _no_amount(text)
    if not amounts:
        category, label = _category(section, text, subsidy_words, with_amount=False)
        return [TypedLine(category, None, label)]
    # "électricité, eau, chauffage : 2 400 €": one line, whose words list what it covers.
    clauses = [text] if len(amounts) == 1 and _LISTED_RE.search(text[:amounts[0].start()]) else _clauses(text)
    lines: list[TypedLine] = []
    refusals: list[ParseError] = []
    for clause in clauses:
        try:
            for words, amount in _pieces(clause, _amounts(clause)):
                lines.append(_same_source(lines, words, amount)
                             or _line(section, words, amount, subsidy_words, names))
        except ParseError as error:
            refusals.append(error)
    if not refusals:
        return lines
    refused = refusals[0]
    if len(amounts) > 1 or len(clauses) > 1:  # the message says so: a line read fine is not taken alone…
        refused.params["several"] = True
    raise PartlyRead(refused, lines) if len(lines) > 1 and len(refusals) == 1 and refused.key == "budget.category" \
        else refused  # …unless one clause names no category: the others are added, that one asked for again (of two
    # clauses refused, the second would be lost without a word)


class PartlyRead(ParseError):
    """Lines read fine in a message whose one clause names no category: added, that clause asked for again."""

    def __init__(self, refused: ParseError, lines: list[TypedLine]) -> None:
        super().__init__(refused.key, **(refused.params | {"several": False, "others_added": True}))
        self.lines = lines

    def none_added(self) -> ParseError:
        """The refusal where the other lines are not added after all: it says none was."""
        return ParseError(self.key, **(self.params | {"several": True, "others_added": False}))


_ALSO_RE = re.compile(r"\s+(?:aussi|également|egalement|de même|de meme)\b", re.IGNORECASE)
_LISTED_RE = re.compile(r"[,;].*:\s*$")  # words listed, then a colon and the one amount


def _amounts(text: str) -> list[re.Match]:
    return [match for match in _AMOUNT_RE.finditer(text)
            if match["unit"] or match["currency"] or _AFTER_BARE_AMOUNT_RE.match(text, match.end())]


def amount_and_words(text: str) -> tuple[int, str] | None:
    """An amount typed with what it pays for, where the amount alone is asked: "18000 (travaux bureau confidentiel)"
    is 1 800 000 cents and "travaux bureau confidentiel"; None unless it holds one figure, an amount, and some
    words ("18 000 ou 20 000" is no amount)."""
    amounts = _amounts(text)
    if len(amounts) != 1 or len(_AMOUNT_RE.findall(text)) != 1:
        return None
    words = (text[:amounts[0].start()] + " " + text[amounts[0].end():]).strip(" ,;:-–")
    if words.startswith("(") and words.endswith(")") and words.count("(") == 1:
        words = words[1:-1].strip()
    if not any(c.isalpha() for c in words):
        return None
    try:
        return int(parse_euros(amounts[0][0]) * 100), words
    except ParseError:
        return None


def typed_clauses(text: str) -> list[str]:
    """The lines a message types, one per clause, as read_lines cuts them."""
    return _clauses(text)


def _clauses(text: str) -> list[str]:
    """The text cut at its commas, semicolons and new lines (not a decimal comma), and at an "et" with an amount
    on each side: "salaires 70 000 €, loyer 6 000 € et 3 000 € de ménage" is three clauses."""
    spans = [match.span() for match in _amounts(text)]
    parts, start = [], 0
    for separator in _SEPARATORS.finditer(text):
        if not in_brackets(text, separator.start()) \
                and not any(begin <= separator.start() < end for begin, end in spans):
            parts.append(text[start:separator.start()])
            start = separator.end()
    parts.append(text[start:])
    merged: list[str] = []
    for part in parts:  # "le local mis à disposition par la mairie, valorisé 4 800 €": one line
        if merged and (valued := _VALUED_RE.match(part)) and _amounts(part) and not _amounts(merged[-1]):
            merged[-1] += f" {part[valued.end():]}" if valued["about"] else "," + part  # "…, environ 52 000 €"
        else:
            merged.append(part)
    return [clause for part in merged for clause in _joined(part)]


# What gives the amount of the clause before it: "…, valorisé 4 800 € par an", "…, estimé à 2 000 €", "Salaires : 2
# agents à 0,8 ETP, environ 52 000 € charges comprises".
_VALUED_RE = re.compile(r"\s*(?:(?:valoris|estim|[ée]valu)[ée]e?s?\b|(?P<about>environ|soit|[àa] peu pr[èe]s)\b)",
                        re.IGNORECASE)


def _joined(part: str) -> list[str]:
    for joint in _JOINT_RE.finditer(part):
        before, after = part[:joint.start()], part[joint.end():]
        if _amounts(before) and _amounts(after):
            return [before, *_joined(after)]
    return [part]


def _same_source(lines: list[TypedLine], words: str, amount: str) -> TypedLine | None:
    """"Département 84 700 € en fonctionnement et 59 600 € en investissement": an amount said with only another use
    than the line before it is that line's source again, for that use."""
    if not lines or _unqualified(words) or (use := _use(words)) is None or use == lines[-1].use:
        return None
    return TypedLine(lines[-1].category, int(parse_euros(amount) * 100), lines[-1].label, use)


def _line(section: Sequence[Category], words: str, amount: str, subsidy_words: Sequence[str],
          names: Sequence[str] = ()) -> TypedLine:
    cents = int(parse_euros(amount) * 100)
    typed, words = words, _clean(_COUNTED_RE.sub(" ", words))
    bare = _with_article(typed, _unqualified(words), names)
    if bare != words and _named(section, bare) is None and (named := _named(section, words)) is not None:
        # « Autre charge de fonctionnement »: a use in its very name, and what follows it the line's wording
        return TypedLine(named, cents, _category(section, words, subsidy_words, with_amount=True)[1])
    category, label = _category(section, bare, subsidy_words, with_amount=True, names=names)
    return TypedLine(category, cents, label, _use(words))


def _pieces(text: str, amounts: list[re.Match]) -> list[tuple[str, str]]:
    """Each amount with its line's words: those after it when the text starts with an amount, else before it.
    What follows an amount up to the next line's words ("en fonctionnement") still belongs to it."""
    if not amounts:
        if rest := _unqualified(text):
            raise _no_amount(rest)
        return []
    if not _clean(text[:amounts[0].start()]):
        ends = [match.start() for match in amounts[1:]] + [len(text)]
        return [(text[match.end():end], match[0]) for match, end in zip(amounts, ends)]
    pieces = []
    start = 0
    for index, match in enumerate(amounts):
        words = text[start:match.start()]
        if index:
            qualifier, words = _qualifier(words)
            pieces[-1] = (pieces[-1][0] + " " + qualifier, pieces[-1][1])
        pieces.append((words, match[0]))
        start = match.end()
    qualifier, rest = _qualifier(text[start:])
    if _BECAUSE_RE.match(rest):  # "loyer 0 car c'est la mairie": why, kept with the line as a remark in brackets
        rest = f" ({rest.strip()})"
    if (remark := _REMARK_RE.match(rest)) is not None:  # "(40 % des travaux) en investissement": its use after it
        more, after = _qualifier(rest[remark.end():])
        if not _unqualified(after):
            qualifier, rest = qualifier + remark[0] + more, ""
    if rest := _unqualified(rest):
        raise _no_amount(rest)
    pieces[-1] = (pieces[-1][0] + " " + qualifier, pieces[-1][1])
    return pieces


# "commune de Saint-Joseph le reste": a funder for what the others leave, which the plan computes already.
_REMAINDER_RE = re.compile(r"\b(?:le |la |au )?(?:reste|restant|solde)\b(?! de\b)", re.IGNORECASE)


def _no_amount(words: str) -> ParseError:
    return ParseError("budget.remainder" if _REMAINDER_RE.search(words) else "budget.no_amount", unknown=words)


def _qualifier(words: str) -> tuple[str, str]:
    """What qualifies the amount before `words` ("en fonctionnement", "par an"), and the words left."""
    rest = words
    while True:
        stripped = _LEADING_RE.sub("", rest)
        said = _USE_RE.match(stripped) or _COUNTED_RE.match(stripped)
        if said is None:
            break
        rest = stripped[said.end():]
    return words[:len(words) - len(rest)], rest


def _use(words: str) -> Use | None:
    said = {INVESTMENT if match["use"].lower().startswith("invest") else OPERATING
            for match in _USE_RE.finditer(words)}
    if len(said) > 1:
        raise ParseError("budget.two_uses")
    return said.pop() if said else None


def _unqualified(words: str) -> str:
    """The words without what qualifies an amount ("en fonctionnement", "par an")."""
    return _clean(_USE_RE.sub(" ", _COUNTED_RE.sub(" ", words)))


def _clean(words: str) -> str:
    """Words without what joins them to an amount or another line, nor the brackets a use or "par an" left empty."""
    words = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", re.sub(r"\s+", " ", _EMPTY_BRACKETS_RE.sub(" ", words))))
    return _TRAILING_RE.sub("", _LEADING_RE.sub("", words.strip())).strip()


def _with_article(typed: str, words: str, names: Sequence[str]) -> str:
    """"la poste 9 000": the line's words « La Poste », whose article the leading words lost, as `names` prints it."""
    for name in names:
        article, _, bare = name.partition(" ")
        if fold(words).startswith(fold(bare)) and re.search(
                rf"(?<![\w'])({re.escape(article)})\s+{re.escape(words[:len(bare)])}", typed, re.IGNORECASE):
            return name + words[len(bare):]
    return words


def _category(section: Sequence[Category], words: str, subsidy_words: Sequence[str],
              with_amount: bool, names: Sequence[str] = ()) -> tuple[Category, str | None]:
    """The category the words name, and the line's own wording: an « Autre » line's, or words that say more than
    the category ("Travaux d'accessibilité", "Mairie de Cajarc"), which the dossier prints as typed."""
    typed = bare_words(words)
    if not typed:
        raise ParseError("budget.amount_only" if with_amount else "budget.buttons")
    named = _named(section, words)
    if (named is None or named.other) and any(typed[:len(said)] == said for said in map(bare_words, subsidy_words)):
        raise ParseError("budget.subsidy", unknown=words)  # "forfait 30 000 €"; "forfaits 4G" are telecoms
    if named is not None:
        said = {bare_words(named.label), *(() if named.other else map(bare_words, named.words))}  # « Autre »: named
        return named, None if typed in said or "_".join(typed) == named.id else _wording(_after_name(named, words))
    unnamed = without_asides(words)  # "locaux de la Poste": La Poste's "poste" is no job post, close to « Salaires »
    for name in names:
        unnamed = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", unnamed, flags=re.IGNORECASE)
    close = close_options([category.option for category in section], unnamed) if unnamed.strip() else {}
    # "Billets d'avion pour les formations": the category its first words name, and the one named further on.
    leading = [category.label for category in section if any(
        typed[:len(said)] == said for said in map(bare_words, category.option.words) if said)]
    if close or leading:
        raise ParseError("budget.category", unknown=words, worded=bool(leading), close=list(dict.fromkeys(
            [*leading, *(label for _, label in close.get("close", []))])))
    if not with_amount:
        raise ParseError("budget.buttons")
    other = next((category for category in section if category.other), None)
    if other is None or fold(words) in _NOT_A_LABEL:
        raise ParseError("budget.category", unknown=words)
    return other, _wording(words)


def _after_name(category: Category, words: str) -> str:
    """"Déplacements : entretien du véhicule", "autre charge de fonctionnement : ménage": the category named, then,
    set apart, what the line pays for, which is its wording. "CC La Grandvallière" is a name, kept whole."""
    for name in sorted([category.label, *category.words], key=len, reverse=True):
        if fold(words).startswith(fold(name)) and (said := _SET_APART_RE.match(words[len(name):])) and said[1]:
            return said[1]
    return words


_SET_APART_RE = re.compile(r"\s*[:–-]\s+(.+)$")


def _wording(words: str) -> str:
    return upper_first(parse_text(words, SHORT_TEXT_MAX))


def _named(section: Sequence[Category], words: str) -> Category | None:
    """The category the words name for sure; "téléphone et internet", both words of one, name it too, and so does
    "CC Monts et Vallées Ouest Creuse", whose "et" goes on with a proper name."""
    words = re.sub(r"(?<=[0-9]),(?=[0-9])", ".", words)  # "salaires 1,5 etp": a figure, no list of two
    said_first = [category for category in section if _after_name(category, words) != words]
    if len(said_first) == 1:  # "Déplacements : billets d'avion pour les formations", whatever follows the colon
        return said_first[0]
    options = [category.option for category in section]
    if (found := match_option(options, words)) is None:
        parts = {said for part in re.split(r"\s+(?:et|ou)\s+|\s*[/+&]\s*", words)  # "6 postes + imprimante"
                 if (said := match_option(options, _uncounted(part))) is not None or not part[:1].isupper()}
        found = parts.pop() if len(parts) == 1 else None
    if found is None and (counted := _COUNT_RE.match(words)):  # "2 agents", "un conseiller à mi-temps"
        return _named(section, words[counted.end():])
    return next((category for category in section if category.id == found), None)


_COUNT_RE = re.compile(rf"(?:[0-9]+|{'|'.join(SPELT_NUMBERS)})\s+(?=[^\W\d_])", re.IGNORECASE)


def _uncounted(words: str) -> str:
    return words[counted.end():] if (counted := _COUNT_RE.match(words)) else words

# Words that say nothing of what a line is for: asked again rather than kept as an « Autre » line's wording.
_NOT_A_LABEL = frozenset({"autre", "autres", "divers", "etc", "total", "budget", "montant", "somme", "charges",
                          "ressources", "recettes", "depenses", "frais"})


# "aucun", "rien", "pas d'investissement": no line in this section, what « Valider » says with none entered.
_NONE_RE = re.compile(r"(?:aucun|aucune|rien|neant|non|zero|0|pas d'|pas de|il n'y en a pas|il n'y en aura pas)\b")


def says_none(text: str) -> bool:
    return bool(_NONE_RE.match(typed_words(text)))


# Under « 🔁 Remplacer le montant » and « ➕ Ajouter une autre ligne », those buttons' words typed (folded).
REPLACE, BESIDE = "replace", "beside"
_REPLACE_RE = re.compile(r"rempla\w*.*|oui|ok|le nouveau(?: montant)?")
_BESIDE_RE = re.compile(r"(?:ajout\w*|une autre|les deux|garder les deux)\b.*")


def replace_or_beside(text: str) -> str | None:
    """REPLACE for "remplacer", BESIDE for "ajouter une autre ligne"; None for anything else."""
    words = typed_words(text)
    return REPLACE if _REPLACE_RE.fullmatch(words) else BESIDE if _BESIDE_RE.fullmatch(words) else None
