"""Text copied from a document or a spreadsheet and pasted as an answer: its lines, bullets, heading and cells.

A project leader often has a note or a table already written: what they paste keeps its layout (a heading line
ending with a colon, a bullet or a number before each item, one line per item, cells apart by tabs).
"""
from __future__ import annotations

import re

# A bullet or an item's number at a line's start: "- ", "• ", "* ", "1. ", "2) ", "a) ".
_BULLET_RE = re.compile(r"^[ \t]*(?:[-–—•·▪◦‣*>]+|(?:[0-9]{1,2}|[a-z])[.)])[ \t]+", re.MULTILINE)
# What closes an item in a list written as a document would: "… ;", "… ,", "… et", the last one's full stop.
_ITEM_END_RE = re.compile(r"\s*(?:[;,.]|\bet)\s*$", re.IGNORECASE)
# A line break where a name or a place runs on: "…La Grandvallière\n(Jura, 39)", "…de mission,\ncommunauté…".
_RUNS_ON_RE = re.compile(r"\s*\n\s*(?=[(–—-])|(?<=[,;:(–—-])\s*\n\s*")


_BRACKETS_RE = re.compile(r"\s*\([^()]*\)")


def in_brackets(text: str, position: int) -> bool:
    """Whether this place of the text is inside brackets: a comma there is an aside's ("(rampe, sanitaires)")."""
    return text.count("(", 0, position) > text.count(")", 0, position)


def without_asides(text: str) -> str:
    """The text without what it says in brackets."""
    return _BRACKETS_RE.sub("", text)


def asides(text: str) -> list[str]:
    """What the text says in brackets, each aside without them."""
    return [found.strip()[1:-1].strip() for found in _BRACKETS_RE.findall(text) if found.strip()[1:-1].strip()]


def in_typed_order(text: str, parts: list[str]) -> list[str]:
    """Parts of a text in the order they were typed; a part not there as typed, last."""
    return sorted(parts, key=lambda part: found if (found := text.find(part)) >= 0 else len(text))


def lines(text: str) -> list[str]:
    """The lines of a text that hold something, each without its surrounding spaces."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def without_heading(text: str) -> str:
    """"Enjeux identifiés dans la note :\\n- cohésion sociale…": the list without the line that introduced it."""
    head, newline, rest = text.strip().partition("\n")
    return rest if newline and head.rstrip().endswith(":") and rest.strip() else text


def list_items(text: str) -> list[str]:
    """The items of a list pasted one per line, without their bullets or numbers; a one-line text is one item, as
    typed ("1) et 3)" names options by their numbers)."""
    if "\n" not in text.strip():
        return [text]
    return [_ITEM_END_RE.sub("", line) for line in lines(_BULLET_RE.sub("", without_heading(text)))]


def one_line(text: str) -> str:
    """A name, a place or a function pasted over several lines, as one line: "Communauté de communes La
    Grandvallière\\n(Jura, 39)" is "Communauté de communes La Grandvallière (Jura, 39)"; lines that are items
    of their own are set apart by commas."""
    if "\n" not in text.strip():
        return text
    joined = _RUNS_ON_RE.sub(" ", text.strip())
    return ", ".join(line.rstrip(",") for line in lines(_BULLET_RE.sub("", joined)))


def rows(text: str) -> str:
    """A table pasted from a spreadsheet, its cells apart by tabs, as lines a reader can read: "Présentoir⇥2⇥300 €"
    is "Présentoir – 2 – 300 €" (a tab prints as one space in a document)."""
    return "\n".join(" – ".join(cells(line)) if "\t" in line else line for line in text.split("\n"))


def cells(text: str) -> list[str]:
    """The cells of a spreadsheet row pasted as it was copied (apart by tabs); one cell for any other text."""
    return [cell.strip() for cell in text.split("\t") if cell.strip()] or [text]


# A phone number, an e-mail or a web address, with the word people put before it ("Tél. :", "Courriel :").
_CONTACT = (r"(?:(?:t[ée]l[ée]phone|t[ée]l|portable|mobile|fixe|ligne directe|standard|courriel|e-?mail|m[ée]l"
            r"|site(?: internet| web)?)\.?\s*:?\s*)?"
            r"(?:(?:\+33\s?(?:\(0\)\s?)?|0)[1-9](?:[\s.-]?[0-9]{2}){4}"  # a French phone number
            r"|[^\s@]+@[^\s@]+\.[^\s@]+|(?:https?://|www\.)\S+)")
_CONTACT_LINE_RE = re.compile(rf"{_CONTACT}(?:\s*[-–—|/,;]?\s*{_CONTACT})*", re.IGNORECASE)


def contact_lines(text: str) -> list[str]:
    """The lines of a signature pasted over several lines that are only a phone number, an e-mail or a web
    address, which no question of the guide asks."""
    return [line for line in lines(text) if is_contact(line)] if "\n" in text.strip() else []


def is_contact(part: str) -> bool:
    """Whether a line, or a part of one between commas, is only a phone number, an e-mail or a web address."""
    return _CONTACT_LINE_RE.fullmatch(part.strip()) is not None


def without_lines(text: str, dropped: list[str]) -> str:
    """The text without those lines."""
    return "\n".join(line for line in lines(text) if line not in dropped)


# Where a figure's source follows it: "9 214 habitants au recensement de 2021", "… selon l'Insee", "… en 2021".
_SOURCE_RE = re.compile(r"\s+(?:au|en|selon|d['’]apr[eè]s|sources?)\b.*$", re.IGNORECASE | re.DOTALL)
_YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}")
_TOTAL_RE = re.compile(r"(?:en tout|au total)\.?", re.IGNORECASE)


def figure_alone(text: str) -> str | None:
    """A figure copied with its label and source, without them: "Population municipale (Insee, RP 2021)\\t9 214"
    (a spreadsheet row), "Population 2021 : 9 214 habitants", "9 214 habitants au recensement de 2021". None
    when nothing was left out, or when what was left out holds another figure than a year: which is meant is not
    sure. An aside in brackets is left out whatever it holds: "1 ETP (35 h)", "12 400 (dont 3 000 en QPV)"."""
    return _figure_and_source(text)[0]


def figure_source(text: str) -> str | None:
    """What follows the figure `figure_alone` takes, which it leaves out: "au recensement de 2021" of "9 214
    habitants au recensement de 2021", "au rez-de-chaussée + une salle à l'étage" of "95 m2 au rez-de-chaussée +
    une salle à l'étage"; None when it takes none, or nothing follows it."""
    return _figure_and_source(text)[1]


def _figure_and_source(text: str) -> tuple[str | None, str | None]:
    bare = without_asides(text)
    cell = cells(bare)[-1].rpartition(":")[2]
    alone = _SOURCE_RE.sub("", cell).strip()
    left_out = bare.replace(alone, " ", 1)
    if not alone or alone == text.strip() or not all(map(_YEAR_RE.fullmatch, re.findall(r"[0-9]+", left_out))):
        return None, None
    source = _SOURCE_RE.search(cell)
    if source is None or _TOTAL_RE.fullmatch(source[0].strip()):
        return alone, None  # "1,2 en tout" says a total, as "environ" an estimate: nothing left out
    return alone, source[0].strip()


# A letter's greeting at a text's start, its name and comma included: "Bonjour Élodie,", "Madame la Directrice,".
_GREETING_RE = re.compile(r"\s*(?:bonjour|bonsoir|salut|coucou|madame|monsieur|mesdames|messieurs|ch[eè]re?s?)\b"
                          r"[^\n,.!?:;]{0,40}[,!]\s*(?=\S)", re.IGNORECASE)
# Its closing, and the signature after it, at a text's end: "Cordialement, Gilles Chabrier, Maire de Murat…".
_CLOSING_RE = re.compile(r"(?:^|(?<=[.!?\n]))\s*(?:bien |tr[eè]s )?(?:cordialement|cdlt|bien [àa] (?:vous|toi)"
                         r"|salutations(?: distingu[ée]es)?|amicalement|bises|bonne (?:journ[ée]e|soir[ée]e|fin de "
                         r"journ[ée]e)|belle journ[ée]e|[àa] bient[ôo]t)\b\s*(?:[,.!]\s*(?:\n[\s\S]{0,300}|[^\n]{0,120})"
                         r"|\n[\s\S]{0,300})?\s*$", re.IGNORECASE)


def letter_parts(text: str) -> tuple[str, list[str]]:
    """A text forwarded or pasted from a letter or an e-mail, without its greeting and its closing with the
    signature after it ("Bonjour Élodie, … Cordialement, Gilles Chabrier, 04 71…"), which no answer keeps; and
    those parts, as typed. The text as it is when it has neither, or nothing else."""
    body, parts = text, []
    if (greeting := _GREETING_RE.match(body)) is not None:
        parts.append(greeting.group().strip().rstrip(",!").strip())
        body = body[greeting.end():]
    if (closing := _CLOSING_RE.search(body)) is not None:
        parts.append(" ".join(closing.group().split()))
        body = body[:closing.start()]
    body = body.strip()
    return (body, parts) if body and parts else (text, [])
