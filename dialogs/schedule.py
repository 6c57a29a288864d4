"""One day's opening hours: "9h-12h 14h-17h" in, [[540, 720], [840, 1020]] (minutes) out."""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from dialogs.errors import ParseError
from dialogs.folding import NUMBER_WORDS_PATTERN, figures, fold_in_place, typed_words

DAY_MINUTES = 24 * 60
# Data, not sentences: what people type for a closed day, folded (lowercase, no accents).
CLOSED_WORDS = frozenset({"ferme", "fermee", "ferme toute la journee", "non", "aucune", "aucun", "-", "0",
                          "pas d'ouverture", "closed", "rien"})

# "fermé le lundi", "c'est fermé ce jour-là", "nous sommes fermés": closed all day, said in a sentence (folded).
_CLOSED_RE = re.compile(
    r"(?:(?:c'est|on est|nous sommes|elle est|la maison est)\s+)?(?:fermee?s?|pas ouverte?|pas d'ouverture"
    r"|pas de (?:tournee|permanence|passage))"
    r"(?:\s+(?:le |les )?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?|\s+ce jour(?:-| )?la"
    r"|\s+toute la journee)?(?:,?\s+(?:bien sur|evidemment|naturellement|bien entendu))?")

_HALF_DAY_RE = re.compile(r"\b(?:matin|apres-midi|soir)\b")

_TIME = r"(?P<{0}h>[0-9]{{1,2}})(?:(?:h|:)(?P<{0}m>[0-9]{{2}})?)?"
_RANGE_RE = re.compile(_TIME.format("a") + r" ?- ?" + _TIME.format("b"))
_SINGLE_TIME_RE = re.compile(r"(?:-|vers )? ?" + _TIME.format("a"))  # "à 14h" folds to "-14h"

# A meeting's hours said in a sentence with its date ("le 12 mars de 14h à 16h"), or alone once it has one.
HOURS_IN_TEXT_RE = re.compile(r"(?:(?:de|entre) )?[0-9]{1,2} ?[h:] ?(?:[0-9]{2})?"
                              r"(?: ?(?:-|à|a|et|jusqu'à) ?[0-9]{1,2} ?[h:] ?(?:[0-9]{2})?)?", re.IGNORECASE)


def _fold(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    bare = bare.casefold().replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    # Hours said as a sentence says them: "de 9 heures à midi et demi", "14 heures et quart".
    bare = re.sub(r"(?<!apres-)(?<!apres )\bmidi\b", "12h", bare)
    bare = re.sub(r"([0-9])\s*heures?\b", r"\1h", bare)
    bare = re.sub(r"([0-9])h\s+et\s+(?:demie?|quart)\b", lambda m: m[1] + ("h15" if m[0].endswith("quart") else "h30"),
                  bare)
    bare = re.sub(r"([0-9])\s*h\s*([0-9]{2})(?![0-9]|\s*[h:])", r"\1h\2", bare)  # "14 h 30" -> "14h30"
    bare = re.sub(r"([0-9])\s+h\b", r"\1h", bare)
    # "le matin seulement, de 9 h à midi", "fermé l'après-midi, 9h-12h": what the hours say already
    bare = re.sub(r"\b(?:fermee?s? (?:le matin|l'apres[- ]midi|apres[- ]midi|le soir)|seulement|uniquement"
                  r"|ouverte?s?|de|le matin|l'apres-midi|apres-midi|matin|soir)\b", " ", bare)
    bare = re.sub(r"\s+a\s+", "-", f" {bare} ")  # "9h à 12h" -> "9h-12h"
    bare = re.sub(r"\s*(?:,|;|/|\bet\b|\+)\s*", " ", bare)
    return re.sub(r"\s+", " ", bare).strip()


# "à partir de 14h30, deux heures environ", "14h30 pour 1h30", "14h (durée 90 minutes)": a start and a length
# (folded). A length needs its link or its unit in full: "9h, 14h" is two hours, never nine to eleven at night.
_SMALL_NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4}
_START_AND_LENGTH_RE = re.compile(
    r"(?:a partir de |des |de |debut a |debut )?(?P<h>[0-9]{1,2}) ?(?:h|heures?|:) ?(?P<m>[0-9]{2})?"
    r" ?,? ?\(? ?(?:(?P<link>pour|pendant|durant|duree|sur|d'une duree de) (?:une duree de )?(?:environ )?)?"
    r"(?P<n>[0-9]{1,3}|une?|deux|trois|quatre) ?(?P<unit>heures?|h|minutes?|min)"
    r"(?: ?(?P<half>et demie)| ?(?P<nm>[0-9]{2}))?(?: environ)? ?\)?")


def _start_and_length(words: str) -> list[int] | None:
    """The range a start and its length say; None for anything else."""
    said = _START_AND_LENGTH_RE.fullmatch(words.strip(" ."))
    if said is None or not (said["link"] or said["unit"] in ("heure", "heures", "minute", "minutes")):
        return None
    count = _SMALL_NUMBERS.get(said["n"]) or int(said["n"])
    length = count if said["unit"].startswith("min") else count * 60 + (30 if said["half"] else int(said["nm"] or 0))
    start = _minutes(said["h"], said["m"])
    return [start, start + length] if 0 < length <= 12 * 60 and start + length <= DAY_MINUTES else None


def _minutes(hours: str, minutes: str | None) -> int:
    value = int(hours) * 60 + int(minutes or 0)
    if int(minutes or 0) >= 60 or value > DAY_MINUTES:
        raise ParseError("time_ranges.invalid")
    return value


# Why a day is closed, in brackets after it: "fermé (préparation, entretien)".
_WHY_CLOSED_RE = re.compile(r"(?P<closed>[^()]+?)\s*\((?P<why>[^()]+)\)\s*")


def _closed(text: str) -> bool:
    """Whether a day's text says it is closed all day: "fermé", "pas ouvert le mercredi"; not "fermé le matin"."""
    folded, words = _fold(text).strip(" .!"), typed_words(text)
    return (folded in CLOSED_WORDS or bool(_CLOSED_RE.fullmatch(words))) and not _HALF_DAY_RE.search(words)


def _closed_why(text: str) -> str | None:
    """Why a day is said closed, in brackets after it: "préparation du bus" of "fermé (préparation du bus)"."""
    said = _WHY_CLOSED_RE.fullmatch(text)
    return said["why"].strip() if said is not None and _closed(said["closed"]) else None


# A day said closed, then open on other terms, after a comma or in brackets: "fermé, sauf les semaines paires 9h-12h".
_CLOSED_BUT_RE = re.compile(r"(?P<closed>[^,;:()]+?)\s*(?:[,;:]\s*|\(\s*)(?P<rest>[^()]+?)\)?[\s.!]*")


def closed_words(text: str) -> tuple[str, str] | None:
    """What a day said closed is said with, which its hours cannot hold: the planning's line and the words themselves.
    Why it is closed ("préparation du bus" of "fermé (préparation du bus)"), or when it opens all the same, every
    other week ("fermé, sauf les semaines paires 9h-12h" and "sauf les semaines paires 9h-12h"); None otherwise."""
    if (why := _closed_why(text)) is not None:
        return why, why
    said = _CLOSED_BUT_RE.fullmatch(text.strip())
    if said is None or not _closed(said["closed"]) or not _ALTERNATE_RE.search(typed_words(said["rest"])):
        return None
    return text.strip().rstrip(" .!"), said["rest"].strip()


# A day open every other week, which weekly hours cannot say (folded): "1 semaine sur 2", "un samedi sur deux".
_ALTERNATE_RE = re.compile(r"\b(?:une?|1) (?:semaine|fois|samedi|lundi|mardi|mercredi|jeudi|vendredi|dimanche)s? sur "
                           r"(?:deux|2)\b|\btous les (?:15|quinze) jours\b|\btoutes les (?:deux|2) semaines\b"
                           r"|\bsemaines? (?:paires?|impaires?)\b")


_HOUR_TYPED_RE = re.compile(r"[0-9]{1,2}h(?:[0-9]{2})?")
_APART_RE = re.compile(r"[,;/+&]|\bet\b", re.IGNORECASE)


def parse_time_ranges(text: str) -> list[list[int]]:
    """The day's opening ranges in minutes since midnight, in order; [] for a closed day."""
    text = figures(text)
    folded, words = _fold(text).strip(" .!"), typed_words(text)
    if _closed(text) or _closed_why(text) is not None:
        return []  # "fermé le matin" is no closed day: its afternoon's hours are asked
    if _ALTERNATE_RE.search(words):
        raise ParseError("time_ranges.alternate", day=None, typed=text.strip())
    if (ranged := _start_and_length(words)) is not None:
        return [ranged]
    if len(times := folded.split()) in (2, 4) and all(map(_HOUR_TYPED_RE.fullmatch, times)) \
            and not _APART_RE.search(text):  # "14h 16h" typed without the dash; "9h, 14h" are two starts
        folded = " ".join(f"{start}-{end}" for start, end in zip(times[0::2], times[1::2]))
    ranges, position = [], 0
    for match in _RANGE_RE.finditer(folded):
        if folded[position:match.start()].strip():
            raise ParseError("time_ranges.invalid")
        start, end = _minutes(match["ah"], match["am"]), _minutes(match["bh"], match["bm"])
        if start >= end:
            raise ParseError("time_ranges.order")
        ranges.append([start, end])
        position = match.end()
    if not ranges and _SINGLE_TIME_RE.fullmatch(folded):
        raise ParseError("time_ranges.no_end")  # "14h": a start without its end
    if not ranges or folded[position:].strip():
        raise ParseError("time_ranges.invalid")
    ranges.sort()
    if any(later[0] < earlier[1] for earlier, later in zip(ranges, ranges[1:])):
        raise ParseError("time_ranges.overlap")
    return ranges


# The parts of a day's hours said with words around them ("Lormes 9h-12h, Brassy 14h-16h30"), each part's times,
# and the words linking a place to the times after it ("Luzy de 9h à midi").
_PART_RE = re.compile(r"\s*(?:[,;\n\t]|\bet\b|\bpuis\b)\s*")
_TIME_WORD_RE = re.compile(r"\b[0-9]{1,2}(?:\s*(?:heures?|h)(?:\s*[0-9]{2}|\s+et\s+(?:demie?|quart))?|:[0-9]{2})?"
                           r"|\bmidi(?:\s+et\s+demie?)?", re.IGNORECASE)
_LINK_BEFORE_RE = re.compile(r"(?:^|\s+)(?:de|dès|des|à partir de|a partir de|entre)$", re.IGNORECASE)


_NUMBER = NUMBER_WORDS_PATTERN
# Hours said in words, with their minutes: "neuf heures", "dix-sept heures trente", "vingt et une heures".
_HOURS_IN_WORDS_RE = re.compile(rf"\b(?:(?:{_NUMBER})(?:[ -]et[ -]|[ -]))*(?:{_NUMBER})\s+heures?"
                                rf"(?:\s+(?:{_NUMBER})(?:[ -](?:{_NUMBER}))*)?\b", re.IGNORECASE)


def hours_among_words(text: str) -> tuple[list[list[int]], list[str]] | None:
    """"Lormes 9h-12h, Brassy 14h-16h30", "9h-12h à Lormes": a day's hours said with words around them (the
    places of a bus's tour), and those words as typed; None when there are no such words or the hours are not
    read once they are set apart. Hours said in words are read, not the other words ("Trois-Mares")."""
    hours: list[str] = []
    words: list[str] = []
    text = _HOURS_IN_WORDS_RE.sub(lambda said: figures(said[0]), text)
    for part in _PART_RE.split(text.strip()):
        times = list(_TIME_WORD_RE.finditer(part))
        if not times:
            words.append(part)
            continue
        hours.append(part[times[0].start():times[-1].end()])
        words += [_LINK_BEFORE_RE.sub("", part[:times[0].start()].strip()),
                  part[times[-1].end():]]
    # "le matin", "fermé l'après-midi", "de": what the hours say already, no word around them
    words = [word for word in (word.strip(" .:()-") for word in words) if _fold(word).strip(" .:()-")]
    if not words or not hours:
        return None
    try:
        return parse_time_ranges(" ".join(hours)), words
    except ParseError:
        return None


def total_minutes(days: list[list[list[int]]]) -> int:
    return sum(end - start for day in days for start, end in day)


# Data, not sentences: the days as typed, folded; dates read them too (dialogs.parsing).
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# "pareil", "idem", "comme lundi": a day's hours said as another day's. Folded spelling.
_SAME = (r"(?:c'est |ce sera |ce sont )?(?:exactement )?(?:pareil|idem|la meme chose|meme chose|de meme|identique"
         r"|les memes horaires|memes horaires|meme horaires|les memes)")
_SAME_AS_BEFORE_RE = re.compile(_SAME + r"(?: que la veille| que hier| qu'hier)?|comme (?:la veille|hier|avant)")
_SAME_AS_DAY_RE = re.compile(
    r"(?P<same>" + _SAME + r" )?(?P<link>que |qu'|comme |pour )?(?:le )?(?P<day>" + "|".join(WEEKDAYS) + r")")


def same_hours_as(text: str) -> str | None:
    """"pareil", "idem", "comme la veille": "" (the day before); "comme lundi", "pareil que lundi": that weekday;
    None for anything else."""
    words = typed_words(text)
    if _SAME_AS_BEFORE_RE.fullmatch(words):
        return ""
    match = _SAME_AS_DAY_RE.fullmatch(words)
    if match is None or not (match["same"] or match["link"] == "comme "):
        return None  # "lundi", "le lundi" alone name no hours
    return match["day"]


# The days a line of a week's hours starts with: "lundi", "le samedi", "du lundi au vendredi", "lundi-vendredi",
# "lundi, mardi et jeudi" (folded).
_DAY = "(?:(?:" + "|".join(WEEKDAYS) + ")s?|week-?ends?)"  # "fermé le week-end": Saturday and Sunday
_DAYS_RE = re.compile(rf"(?:\b(?:du|le|les)\s+)?\b{_DAY}\b(?:\s*(?:,|et|au|a|-)\s*(?:le\s+)?\b{_DAY}\b)*")
_DAY_RE = re.compile(rf"\b{_DAY}\b")
_SPAN_RE = re.compile(r"\s(?:au|a)\s|-")
# "fermé le lundi": said before the day, as the day's hours are said after it.
_CLOSED_BEFORE_RE = re.compile(rf"\bfermee?s? +(?:le +|les +)?(?P<day>{_DAY})\b")  # not a cell, then a row
_CLOSED_WORD_RE = re.compile(r"\bfermee?s?\b")


# "…, plus le mardi et jeudi 14h-17h", "le mardi 14h-17h en plus": hours added to the day's given before, not put
# in their place (folded; said before the next days, or with their hours).
_ADDING_AFTER_RE = re.compile(r"(?<!en)(?<!de)[\s,;]+(?:plus|et aussi|ainsi que)$")
_ADDING_RE = re.compile(r"[\s,;]*\b(?:en plus|de plus|aussi|egalement)\b")
# "fermé le mercredi matin (permanence à Saint-Angeau)", "le vendredi après-midi fermé": a half-day closed, of
# the hours given before (folded, "fermé le mercredi" already turned into "mercredi ferme").
_HALF_CLOSED_RE = re.compile(r"(?:ferme\s+(?:le\s+|l')?(?P<half>matin|apres[- ]midi|soir)"
                             r"|(?P<half_first>matin|apres[- ]midi|soir)\s+ferme)\s*(?:\((?P<why>[^()]+)\))?")
NOON, LUNCH_END, EVENING = 12 * 60, 14 * 60, 18 * 60


def _without_half(ranges: list[list[int]], half: str) -> list[list[int]]:
    """A day's ranges less a half-day: "9h-12h30" less the morning is none, "9h-17h" 12h-17h, "9h-17h" less the
    afternoon 9h-12h."""
    if half == "matin":  # a morning's session goes whole; a day's range keeps its afternoon
        return [[max(low, NOON), high] for low, high in ranges if not (low < NOON and high <= LUNCH_END)]
    cut, session_end = (EVENING, EVENING) if half == "soir" else (NOON, LUNCH_END)
    return [[low, high] if high <= session_end else [low, cut] for low, high in ranges if low < cut]


def _merged(ranges: list[list[int]], more: list[list[int]]) -> list[list[int]]:
    """A day's ranges with more added, in order, overlapping ones joined."""
    joined: list[list[int]] = []
    for low, high in sorted(ranges + more):
        if joined and low <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], high)
        else:
            joined.append([low, high])
    return joined


def _days(head: str) -> list[str]:
    """The weekdays a line's head names: "du lundi au vendredi" is five, "le week-end" two."""
    said = _DAY_RE.findall(head)
    if any(day.startswith("week") for day in said):
        return list(WEEKDAYS[5:]) if len(said) == 1 else []
    named = [WEEKDAYS.index(day.rstrip("s")) for day in said]
    if len(named) == 2 and _SPAN_RE.search(head[head.index(WEEKDAYS[named[0]]):]) and named[0] < named[1]:
        named = list(range(named[0], named[1] + 1))
    return [WEEKDAYS[day] for day in named]


class Week(NamedTuple):
    """A week's hours typed at once: the days named and their ranges, and for the days said with words around their
    hours ("Lundi : Lormes 9h-12h, Brassy 14h-16h30"), what was typed after the day and those words; a day said open
    every other week is left out, its refusal kept (`alternate`) for the chat to say it at that day's question."""
    hours: dict[str, list[list[int]]]
    around: dict[str, tuple[str, list[str]]]
    alternate: ParseError | None = None


def parse_week(text: str) -> Week | None:
    """A week's hours typed at once, each line or part starting with its days: a table pasted from a spreadsheet
    ("Lundi⇥9h-12h⇥14h-17h⏎Mardi⇥9h-12h⇥fermé…") or a sentence ("du lundi au vendredi 9h-12h 14h-17h, samedi
    9h-12h, fermé le dimanche"). None when the text names no day with hours after it (the hours of the day asked,
    typed alone). A day's hours not read are refused, naming the day."""
    folded = _CLOSED_BEFORE_RE.sub(lambda said: f"{said['day']} ferme".ljust(len(said[0])), fold_in_place(text))
    heads = list(_DAYS_RE.finditer(folded))
    if not heads or _RANGE_RE.search(_fold(folded[:heads[0].start()])):
        return None  # hours before any day: they are the day asked's, "lundi" in them or not
    week, every_other = Week({}, {}), None
    if (alternate := _ALTERNATE_RE.search(folded)) is not None:  # "…, samedi 9h-12h un samedi sur deux"
        every_other = ([head for head in heads if head.start() <= alternate.start()][-1:] or heads[:1])[0]
        week = week._replace(alternate=ParseError("time_ranges.alternate", day=_days(every_other.group())[0],
                                                  typed=text[every_other.start():alternate.end()].strip()))
    ranges: list[list[int]] = []
    adding = False
    for head, following in zip(heads, [*heads[1:], None]):
        if alternate is not None and every_other.start() <= head.start() < alternate.end():
            continue  # its hours are not a week's: asked at its day ("samedi 9h-12h un samedi sur deux")
        end = following.start() if following else None
        hours, typed = (said[head.end():end].strip(" :,;.\t\n") for said in (folded, text))
        days, added, adding = _days(head.group()), adding, False
        if following and (more := _ADDING_AFTER_RE.search(hours)) is not None:  # "9h-12h30, plus" then "le mardi"
            hours, typed, adding = hours[:more.start()], typed[:more.start()], True
        if (more := _ADDING_RE.search(hours)) is not None:  # "14h-17h30 en plus"
            hours, typed = (said[:more.start()] + said[more.end():] for said in (hours, typed))
            added = True
        if not hours:
            continue  # "Dimanche⇥⇥" in a pasted table, "comme lundi": no hours said for it
        if (closed := _HALF_CLOSED_RE.fullmatch(hours)) is not None:
            _close_half(week, days, closed, typed)
            continue
        if (said := closed_words(typed)) is not None:  # "lundi fermé (préparation, entretien)": kept for the planning
            week.hours.update(dict.fromkeys(days, []))
            week.around.update(dict.fromkeys(days, (said[0], [said[1]])))
            continue
        if _RANGE_RE.search(_fold(hours)):
            hours = _CLOSED_WORD_RE.sub(" ", hours)  # "Mardi⇥9h-12h⇥fermé": its afternoon's cell
        try:
            ranges = ranges if week.hours and same_hours_as(hours) == "" else parse_time_ranges(hours)  # "idem"
        except ParseError as error:
            if (among := hours_among_words(typed)) is None:
                raise ParseError("time_ranges.day", day=days[0], typed=typed) from error
            ranges = among[0]
            week.around.update(dict.fromkeys(days, (typed, among[1])))
        week.hours.update({day: _merged(week.hours.get(day, []), ranges) if added else ranges for day in days})
    if week.alternate is not None and not week.hours:
        raise week.alternate
    return week if week.hours else None


def _close_half(week: Week, days: list[str], closed: re.Match, typed: str) -> None:
    """"fermé le mercredi matin (permanence à Saint-Angeau)": that half-day off the days' hours given before, what
    the brackets say kept for the planning; the first day without hours yet is refused, named."""
    if unknown := [day for day in days if day not in week.hours]:
        raise ParseError("time_ranges.day", day=unknown[0], typed=typed)
    week.hours.update({day: _without_half(week.hours[day], closed["half"] or closed["half_first"]) for day in days})
    if closed["why"]:  # where the team is meanwhile
        why = typed[closed.start("why"):closed.end("why")].strip()
        week.around.update(dict.fromkeys(days, (why, [why])))


def tour_lines(kept: str | None, parts: dict[str, str]) -> str | None:
    """The tour a text question keeps, one line a day ("Lundi : Lormes 9h-12h, Brassy 14h-16h30"), with the days'
    parts set; None when the text kept is the user's own, which is not changed."""
    lines: dict[str, str] = {}
    for line in (kept or "").splitlines():
        day, colon, said = line.partition(" : ")
        if not colon or fold_in_place(day) not in WEEKDAYS:
            return None
        lines[fold_in_place(day)] = said
    lines |= parts
    return "\n".join(f"{day.capitalize()} : {lines[day]}" for day in WEEKDAYS if day in lines)
