"""A French postal address typed on one line: "12 place de la Mairie, 12400 Saint-Affrique"."""
from __future__ import annotations

import re

from text_to_num import text2num

from dialogs.errors import ParseError
from dialogs.formatting import proper_name
from dialogs.pasted import contact_lines, is_contact, lines, one_line

ADDRESS_MAX = 300
POSTAL_CODE_MIN = 1000   # 01000: Ain; below, no French postal code
POSTAL_CODE_MAX = 98999  # overseas collectivities and Monaco end at 98xxx

# Five digits standing alone, then the commune, which starts with a letter and runs to a comma or the end.
_CODE_RE = re.compile(r"(?<![0-9])[0-9]{5}(?![0-9])")
_COMMUNE_RE = re.compile(r"[ ,]*(?P<rest>[^\W\d_][^,;]*)")
_CEDEX_RE = re.compile(r"(?:^|\s+)cedex(?:\s+[0-9]{1,3})?\s*$", re.IGNORECASE)
_COUNTRY_RE = re.compile(r"[\s,]+france\s*$", re.IGNORECASE)
_TRAILING_RE = re.compile(r"[\s.,;:!?-]+$")


def _squash(text: str) -> str:
    """Control characters dropped, every run of whitespace (newlines, U+00A0) made one space, ends trimmed."""
    return re.sub(r"\s+", " ", "".join(" " if ord(c) < 32 else c for c in text)).strip()


def _plausible(code: str) -> bool:
    return POSTAL_CODE_MIN <= int(code) <= POSTAL_CODE_MAX


def _postal(address: str) -> tuple[str, str] | None:
    """The last plausible postal code followed by a commune, and the text of that commune.

    The last one wins, so a number of the street or a post-office box ("BP 30012, 12400 …") does not hide it."""
    found = None
    for code in _CODE_RE.finditer(address):
        after = _COMMUNE_RE.match(address, code.end())
        if _plausible(code[0]) and after is not None:
            found = (code[0], after["rest"])
    return found


def parse_address(text: str) -> str:
    """The address as typed, whitespace collapsed and its lines apart by commas; it must hold a postal code followed
    by the commune."""
    address = _squash(one_line(text))
    if not address:
        raise ParseError("text.empty")
    if len(address) > ADDRESS_MAX:
        raise ParseError("text.too_long", max_length=ADDRESS_MAX, length=len(address))
    if not commune_of(address):
        has_code = any(_plausible(code) for code in _CODE_RE.findall(address))
        raise ParseError("address.commune" if has_code else "address.postal_code")
    return _street_number(address.removesuffix(".") if not address.endswith("..") else address)


def _street_number(address: str) -> str:
    """"Trente-quatre rue Robert Schuman, …" as "34 rue Robert Schuman, …": a number dictated in words at the start
    of the address is written as the documents print it; the street's own words are left as they are."""
    words = address.split(" ")
    for count in range(min(len(words) - 1, 4), 0, -1):
        if not _STREET_RE.match(words[count]):
            continue  # "Trois Chênes, 12400 …" is a place's name
        try:
            number = text2num(" ".join(words[:count]).lower(), "fr")
        except ValueError:
            continue
        return " ".join([str(number), *words[count:]])
    return address


# What follows a street number: the kind of way, or bis, ter…
_STREET_RE = re.compile(r"(?:rue|avenue|av|bd|boulevard|place|pl|chemin|ch|route|rte|all[ée]e|impasse|imp|quai|cours"
                        r"|square|rond-point|r[ée]sidence|lotissement|lot|cit[ée]|esplanade|passage|voie|parvis"
                        r"|promenade|sentier|bis|ter|quater)\b\.?", re.IGNORECASE)


def postal_code_of(address: str) -> str:
    """'12400' for "12 place de la Mairie, 12400 Saint-Affrique"; "" when there is none."""
    found = _postal(_squash(address))
    return found[0] if found else ""


def commune_of(address: str) -> str:
    """The commune after the postal code, as typed, without "CEDEX", the country or trailing punctuation.

    "12 place de la Mairie, 12400 Saint-Affrique" gives "Saint-Affrique"; "Mairie, 12400 SAINT AFFRIQUE CEDEX"
    gives "SAINT AFFRIQUE"; "" when the address has no postal code followed by a commune.
    """
    found = _postal(_squash(address))
    if found is None:
        return ""
    commune = _TRAILING_RE.sub("", found[1].split("(")[0])  # "… Bourganeuf (au 1er étage, …)": an aside, no commune
    commune = _TRAILING_RE.sub("", _COUNTRY_RE.sub("", _CEDEX_RE.sub("", commune)))
    return commune if re.search(r"[^\W\d_]", commune) else ""


def with_proper_commune(address: str) -> str:
    """The address with its commune's capitals, when it was typed all lowercase: "8 av de la gare 43300 langeac" is
    "8 av de la gare 43300 Langeac"."""
    commune = commune_of(address)
    if not commune or commune != commune.lower() or (at := address.rfind(commune)) < 0:
        return address
    return address[:at] + proper_name(commune) + address[at + len(commune):]


# A complement of address that may stand on its own line above the street ("Bâtiment B", "Lieu-dit Le Mas").
_COMPLEMENT_RE = re.compile(r"\b(?:b[aâ]t(?:iment)?|escalier|esc|[ée]tage|appartement|appt|bp|cs|za|zi|zac|zone"
                            r"|lieu[- ]dit|hameau|le bourg|domaine|ferme|village|quartier)\b", re.IGNORECASE)


def not_address_lines(text: str) -> list[str]:
    """The lines of a letterhead pasted as an address that are no part of it: its phone, e-mail and web lines, and
    the addressee's name above the street ("Centre social Le Lien" over "2 rue de la Gare"). A line above the
    postal code's own line is kept ("Le Bourg", "Mairie" over "23250 Saint-Hilaire"): it may be all the street
    there is; so is a complement ("Bâtiment B", "Résidence les Pins")."""
    contacts = contact_lines(text) if len(lines(text)) > 1 else [part for part in _parts(text) if is_contact(part)]
    kept = [line for line in _parts(text) if line not in contacts]
    first_figure = next((number for number, line in enumerate(kept) if re.search(r"[0-9]", line)), None)
    if first_figure is None or _CODE_RE.match(kept[first_figure]) or not _postal(_squash(" ".join(kept))):
        return contacts
    return [line for line in kept[:first_figure] if not (_STREET_RE.search(line) or _COMPLEMENT_RE.search(line))
            ] + contacts


def _parts(text: str) -> list[str]:
    """The lines of a letterhead; typed on one line, its parts between commas ("CCOG, 16 bis rue…, 97320 …")."""
    return lines(text) if len(lines(text)) > 1 else [part.strip() for part in text.split(",") if part.strip()]


def without_parts(text: str, dropped: list[str]) -> str:
    """The address without those lines, or those parts of its one line."""
    return ("\n" if len(lines(text)) > 1 else ", ").join(part for part in _parts(text) if part not in dropped)
