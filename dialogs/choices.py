"""A choice typed instead of tapped: an option's label, id, number or one of its words; several at a multiple choice.

What is typed is taken only when it names one option for sure. Otherwise the error names the options that look
close, for the user to pick by number: a guess would put words in their mouth.
"""
from __future__ import annotations

import re
from difflib import get_close_matches
from os.path import commonprefix
from functools import lru_cache
from collections.abc import Sequence
from typing import Any, NamedTuple

from dialogs.errors import ParseError
from dialogs.folding import ORDINALS, SPELT_NUMBERS, fold, spelt_out, typed_words
from dialogs.formatting import upper_first
from dialogs.full_time import share_first, share_said
from dialogs.model import OTHER, Kind, Option, Question, Together
from dialogs.not_answers import AS_SAID_RE
from dialogs.pasted import asides, in_brackets, in_typed_order, lines, list_items, without_asides
from dialogs.schedule import WEEKDAYS

CLOSE_LABEL_MIN = 4  # a shorter label ("Oui", "Non") inside a typed text is too often a mere word of it
# A word this long shared with a label names what the option is about ("bâtiment", "centre"); a shorter one is
# more often grammar ("dans", "pour").
CLOSE_WORD_MIN = 5
# A word this long that no option has says something else, singular and unaccented ("âgées" is "agee"): grammar's
# short words are no option's and never typed as one ("les", "des").
MORE_WORD_MIN = 4
CLOSE_MAX = 5
CLOSE_SPELLING = 0.8  # difflib's ratio above which a typed word is a misspelling of an option's word
_STEM = 6  # "territoire" and « territorial » share theirs: "le maillage du territoire" says no more than the option
# The end of a sentence ("Surtout la cohésion sociale. Le quartier…"), not an initial's full stop ("M. Dupont").
_SENTENCE_END = r"(?<=\w\w)\.\s+(?-i:(?=[A-ZÀ-Ý]))"
# ", et" is one separator, not a comma then a part starting with "et"; so is the end of a sentence.
_LIST_SEP_RE = re.compile(r"(\s*[,;\n]\s*(?:(?:et|ainsi que)\s+)?|\s+et\s+|\s+ainsi que\s+|\s+[+&/]\s+|"
                          r"(?<=[^\W\d_])/(?=[^\W\d_])|"  # "caf/cpam/carsat", typed without spaces
                          + _SENTENCE_END + ")", re.IGNORECASE)
# Articles, which a phone user types differently or not at all: "le personnel" for « Du personnel »,
# "collectivité locale" for « La collectivité locale », "le matériel et les équipements"; and the "aussi" of
# a list said aloud ("la coordination aussi"), the "en" of "en CDD".


def _split_list(text: str) -> list[str]:
    """A list's parts at even places and the separators between them, as `re.split` gives them; a list pasted one
    item per line is read without its heading and bullets, and a comma in brackets is the aside's own:
    "cohésion sociale (publics fragiles, vieillissement)" is one part."""
    text = "\n".join(list_items(text))
    pieces, start = [], 0
    for separator in _LIST_SEP_RE.finditer(text):
        if not in_brackets(text, separator.start()):
            pieces += [text[start:separator.start()], separator.group()]
            start = separator.end()
    return pieces + [text[start:]]


_IGNORED_WORDS = frozenset({"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "en", "aussi",
                            "egalement", "notre", "nos", "mon", "ma", "mes"})  # "notre association", "nos agents"
_WORD_RE = re.compile(r"[^\W_]+")
# How a spoken answer starts before it names the option: "c'est la mairie", "ce sera un prestataire", "je dirais
# à peu près la moitié", "surtout la cohésion sociale", "juste la cohésion", "quelques salariés", "il y a une agence
# France Travail", "celui de l'ANCT", "un groupe de covoiturage"; and an answer changed, "finalement c'est la
# communauté de communes".
_LEAD_INS = (("c", "est"), ("ce", "sera"), ("ce", "seront"), ("ce", "sont"), ("ce", "serait"), ("je", "dirais"),
             ("je", "pense"), ("a", "peu", "pres"), ("environ",), ("plutot",), ("surtout",), ("notamment",),
             ("principalement",), ("donc",), ("avant", "tout"), ("en", "particulier"), ("essentiellement",),
             ("majoritairement",), ("a", "la", "fois"), ("juste",), ("seulement",), ("uniquement",), ("beaucoup",),
             ("quelques",), ("plusieurs",), ("pas", "mal"), ("tres", "peu"), ("un", "peu"), ("peu",), ("certains",),
             ("certaines",), ("celui", "de"), ("celle", "de"), ("ceux", "de"), ("celles", "de"),
             ("il", "y", "a"), ("on", "a"), ("nous", "avons"), ("une", "agence"), ("l", "agence"), ("agence",),
             ("bien", "sur"), ("evidemment",), ("bien", "entendu"), ("finalement",), ("en", "fait"), ("au", "final"),
             ("en", "definitive"), ("apres", "reflexion"),
             ("on", "participe"), ("nous", "participons"), ("on", "participera"), ("nous", "participerons"),
             *((article, kind, "de") for article, kind in (("un", "groupe"), ("une", "page"), ("un", "reseau"),
                                                           ("une", "plateforme"), ("un", "site"))))
# How it may end, stressing what it named: "l'accompagnement surtout", "l'isolement avant tout".
_STRESSED_ENDS = (("surtout",), ("principalement",), ("essentiellement",), ("prioritairement",), ("avant", "tout"),
                  ("en", "priorite"), ("en", "premier"), ("bien", "sur"), ("evidemment",), ("bien", "entendu"))
_OF_COURSE_RE = re.compile(r"[\s,]+(?:bien sur|evidemment|bien entendu|naturellement|absolument)$")  # folded
_NAMED = "agence"  # a lead-in word a name may start with: "l'agence France Travail de Nogent"
# After an option's words, these make the answer something else than that option alone.
_HEDGES = frozenset({"ou", "ni", "pas", "non", "sauf", "mais", "plutot", "et"})
# Or say it is not there yet: "la fibre arrive en 2027" is no « Très haut débit » (folded, as `bare_words` gives them).
_TO_COME = frozenset({"bientot", "prevu", "prevue", "arrive", "arrivera", "arriveront", "attendu", "attendue", "venir",
                      "futur", "future"})


def _choice_key(text: str) -> str:
    """Normalise an option label, id or answer for comparison ("qq heures" as "quelques heures")."""
    return spelt_out(fold(text)).rstrip(".!?").strip()


def label_key(text: str) -> str:
    """A label as typed on a phone: "mi temps", "mitemps" and "Mi-temps" alike."""
    return re.sub(r"[\s\u2010\u2011-]+", "", _choice_key(text))


@lru_cache(maxsize=4096)  # labels and words are read again at every typed answer
def bare_words(text: str) -> tuple[str, ...]:
    """The words of a label or an answer but its articles and a "c'est" before them: « Du personnel », "le
    personnel" and "c'est du personnel" are ("personnel",)."""
    words = _WORD_RE.findall(_choice_key(text))
    while lead_in := next((lead_in for lead_in in _LEAD_INS if tuple(words[:len(lead_in)]) == lead_in), None):
        words = words[len(lead_in):]
    if stressed := next((end for end in _STRESSED_ENDS if len(words) > len(end) and tuple(words[-len(end):]) == end),
                        None):
        words = words[:-len(stressed)]
    return tuple(_singular(word) for word in words if word not in _IGNORED_WORDS)


def _without_lead_ins(text: str) -> str:
    """The text from where it names something: "finalement c'est la communauté de communes…" from "la"."""
    words = list(_WORD_RE.finditer(text))
    keys = [_choice_key(word[0]) for word in words]
    said = 0
    while lead_in := next((lead_in for lead_in in _LEAD_INS if tuple(keys[said:said + len(lead_in)]) == lead_in
                           and _NAMED not in lead_in), None):
        said += len(lead_in)
    if not said or said == len(words):
        return text
    return text[words[said].start():]


def _singular(word: str) -> str:
    """"affiches" as "affiche": one or several of a thing name the same option. Applied to both sides alike."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and word not in SPELT_NUMBERS else word  # "trois"


def _said_by_words(option: Option, typed: tuple[str, ...]) -> tuple[str, ...] | None:
    """What follows the option's label or one of its words at the start of the typed words ("du Lot" after
    "communauté de communes", "l'été" after « Touristes »); None when neither starts them. An id is matched whole."""
    if typed == bare_words(option.label) or "_".join(typed) == option.id:
        return ()
    if len(typed) > 1 and (typed[0].isdigit() or typed[0] in SPELT_NUMBERS) and typed[0] not in ("0", "zero"):
        typed = typed[1:]  # "3 ordinateurs": how many is for the details, the option is what they are
    said = max((words for words in map(bare_words, (option.label, _HYPHEN_RE.sub("", option.label),
                                                    *_label_names(option.label), *option.words))
                if typed[:len(words)] == words), key=len, default=None)  # "salaires et traitements", not "salaires"
    return None if said is None else typed[len(said):]


@lru_cache(maxsize=1024)
def _label_names(label: str) -> tuple[str, ...]:
    """A label's other names: before its brackets, and the acronym in them ("un SEL aux Rousses", "un système
    d'échange local aux Rousses" of « Système d'échange local (SEL) »)."""
    if (bare := without_asides(label).strip()) == label.strip():
        return ()
    return (bare, *(aside for aside in asides(label) if _ACRONYM_RE.fullmatch(aside)))


_ACRONYM_RE = re.compile(r"[A-Z][A-Za-z0-9]{1,7}")  # "SEL", "CPAM", "DGFiP"; not "Pôle" nor "retraite"
_CAPITALS_RE = re.compile(r"[A-Z][A-Z0-9]{1,7}")  # "CAF", "CPAM": an acronym, typed all in capitals


_HYPHEN_RE = re.compile(r"(?<=\w)-(?=\w)")  # « Co-voiturage » is also written "covoiturage"


# Small words any label may hold ("Itinérance : permanences hors de la Maison"): sharing them names no other option.
_LINKS = frozenset(map(_singular, ("dans", "sur", "hors", "pour", "avec", "sans", "chez", "entre", "vers", "sous",
                                   "par", "leur", "leurs", "tous", "tout", "plus", "que", "qui")))


def match_option(options: Sequence[Option], text: str, first_words: bool = False) -> str | None:
    """The id of the option text names (label, id, 1-based number, one of its words), if it names one for sure;
    with first_words, also a label's first words that start no other ("isolement", typed as the answer)."""
    key = _choice_key(text)
    if not key:
        return None
    label = label_key(key)
    for option in options:
        if key == option.id or label == label_key(option.label):
            return option.id
    if (number := re.fullmatch(r"([0-9]{1,3})\)?", key)) and 1 <= int(number[1]) <= len(options):
        return options[int(number[1]) - 1].id
    if (rank := _rank(key)) is not None and 1 <= rank <= len(options):
        return options[rank - 1].id
    if (bare := without_asides(text).strip()) != text.strip() and bare:  # "La Poste (agence postale)",
        return match_option(options, bare, first_words)  # "Région BFC (contrat territorial) : 20 %": asides
    if (held := _holding_share(options, text)) is not None:
        return held
    typed = bare_words(text)
    said = {option.id: rest for option in options
            if typed and (rest := _said_by_words(option, typed)) is not None}
    if not said and (about := _about(typed)) != typed:  # "une association de covoiturage": what it is about names
        typed = about  # the option, unless the structure is one ("une association de parents", a partner)
        said = {option.id: rest for option in options if (rest := _said_by_words(option, typed)) is not None}
    if first_words and not said and sum(map(len, typed)) >= 5:
        said = {option.id: () for option in options if bare_words(option.label)[:len(typed)] == typed}
    if not said and not _LIST_SEP_RE.search(without_asides(text)):  # "Lannion-Trégor Communauté": one name
        said = {option.id: () for option in options for end in map(bare_words, option.name_ends)
                if len(typed) > len(end) and typed[-len(end):] == end}
    if len(said) > 1 and len(whole := [option_id for option_id, rest in said.items() if not rest]) == 1:
        said = {whole[0]: ()}  # "une association à créer" is all an option's words, "association" only another's
    if len(said) != 1:
        return None
    [(option_id, rest)] = said.items()
    # "la mairie ou La Poste", "la mairie, La Poste": what follows the words may take them back or add another
    # option, which a multiple choice reads on its own; "mi-temps plein" names two.
    if rest and (_HEDGES.intersection(rest) or _TO_COME.intersection(rest)
                 or _set_apart(options, option_id, typed, text) or any(
            len(word) > 2 and word not in _LINKS | _KINDS and word in bare_words(option.label)
            for option in options if option.id != option_id for word in rest)):
        return None
    return option_id


# Words of a kind of place or body, which name no option alone: "à l'agence de Saint-Louis" after France Travail is
# not the Anah (« Agence nationale de l'habitat »).
_KINDS = frozenset({"agence", "nationale", "national", "maison", "centre", "caisse", "direction", "bureau",
                    "ministere", "antenne"})
# What offers a service, named before what the service is (folded, singular).
_STRUCTURES = frozenset({"association", "plateforme", "service", "reseau", "application", "appli", "dispositif",
                         "offre", "site", "structure"})


def _about(typed: tuple[str, ...]) -> tuple[str, ...]:
    """The words after a structure said first ("covoiturage" of "une association de covoiturage"), else them all."""
    return typed[1:] if len(typed) > 1 and typed[0] in _STRUCTURES else typed


def _set_apart(options: Sequence[Option], option_id: str, typed: tuple[str, ...], text: str) -> bool:
    """Whether the text sets parts apart beyond the option's own words: "la mairie, La Poste" does, "complété et
    renvoyé le 3 décembre" (one of « Envoyée »'s words, then a date) does not."""
    option = next(option for option in options if option.id == option_id)
    own = max((len(_LIST_SEP_RE.findall(words)) for words in (option.label, *option.words)
               if typed[:len(bare_words(words))] == bare_words(words)), default=0)
    return len(_LIST_SEP_RE.findall(text)) > own


def _holding_share(options: Sequence[Option], text: str) -> str | None:
    """The option standing for the share of a full-time post a text says ("20 %", "un jour par semaine")."""
    if not any(option.full_time for option in options) or (share := share_said(text)) is None:
        return None
    held = [option.id for option in options if option.full_time and option.full_time.holds(share.value)]
    return held[0] if len(held) == 1 else None


# What the time not given to the project goes to, said after its share: "le reste du temps je m'occupe de l'accueil"
# (folded). It says nothing of the option, unlike "pendant six mois, puis un temps plein".
_REST_OF_TIME_RE = re.compile(r"(?:le reste|le restant|l'autre partie|l'autre moitie)"
                              r"(?: (?:du|de mon|de son|de leur|de notre) temps)?\b")


def _parts(options: Sequence[Option], text: str) -> tuple[str, list[str]]:
    """A single choice's answer as its first part and the others: set apart by commas or "et", or, dictated
    without a comma, a share of a post then what the rest of the time goes to."""
    head, *others = _split_list(text)[0::2]
    if not others and any(option.full_time for option in options) and (first := share_first(text)) is not None \
            and _rest_of_time(first[1]):
        return first[0], [first[1]]
    return head, others


def _rest_of_time(text: str) -> bool:
    return _REST_OF_TIME_RE.match(typed_words(text)) is not None


def options_around(options: Sequence[Option], text: str) -> list[tuple[int, str]]:
    """The options just below and just above a share of a full-time post that none stands for ("80 %" between «
    Mi-temps » and « Temps plein »), as (number, label); empty unless the text says a share between two."""
    head, others = _parts(options, text)
    if others and all(map(_rest_of_time, others)):  # "trois jours par semaine, le reste du temps à l'accueil"
        text = head
    if not any(option.full_time for option in options) or (share := share_said(text)) is None:
        return []
    placed = [(option.full_time.middle, number, option.label) for number, option in enumerate(options, start=1)
              if option.full_time]
    below = max((place for place in placed if place[0] < share.value), default=None)
    above = min((place for place in placed if place[0] > share.value), default=None)
    return [] if below is None or above is None else [below[1:], above[1:]]


# "le 2", "la deuxième", "option 3", "n° 2", "la 2e": an option by its place, as people type it without the buttons;
# "deux", as dictation writes the number asked for.
_RANK_RE = re.compile(r"(?:(?:le|la|l'|option|choix|reponse|numero|n°|no)\s*)*"
                      r"(?:(?P<digits>[0-9]{1,2})(?:er|re|ere|e|eme|ieme)?|(?P<word>[a-z-]+))")


def _rank(key: str) -> int | None:
    if (said := _RANK_RE.fullmatch(key)) is None:
        return None
    return int(said["digits"]) if said["digits"] else ORDINALS.get(said["word"]) or SPELT_NUMBERS.get(said["word"])


# What a name is said after ("c'est la communauté de communes…"), left out of the name taken, unless the article
# is the option's own ("La Poste de Figeac").
_ARTICLE_RE = re.compile(r"^(?:(?:la|le|les|un|une|notre|nos|mon|ma|mes)\s+|l['’]\s*)", re.IGNORECASE)


# What follows a name in a sentence saying more about it: "… qui porte le projet", "…, via sa direction".
_NAME_ENDS_RE = re.compile(r"\s+(?:qui|que|qu')\s*|\s*,\s+(?:via|avec|par|pour|en|car|parce|dont|qui|et)\b",
                           re.IGNORECASE)


def said_after_name(text: str) -> str | None:
    """What a clause after a name says, which the name leaves out: "en régie directe" of "la commune de
    Val-de-Meuse, en régie directe", "via son CCAS" of "la commune, via son CCAS"; None without such a clause."""
    if (how := said_how(text)[1]) is not None:
        return how
    clause = next((end for end in _NAME_ENDS_RE.finditer(text) if end[0].lstrip().startswith(",")), None)
    if clause is None:
        return None
    return text[clause.start():].lstrip(" ,").strip() or None


# A name's acronym said first, then the name: "la CCOG, Communauté de communes…", "le SIVOM (syndicat…)", "la
# CCSud (communauté de communes du Sud)".
_ACRONYM_FIRST_RE = re.compile(r"\s*(?:(?:la|le|les|l['’])\s*)?(?P<acronym>[A-Z][A-Z0-9]{1,7}|[A-Z]{2}[A-Za-z0-9]{1,7}"
                               r"|(?P<small>[a-z]{2,5})(?=\s*\())"  # "la cc (communauté de communes…)"
                               r"\s*(?:,|\(|[–—-]\s)\s*(?P<rest>[^()]+?)\)?\s*")


def option_and_name(question: Question, text: str, spelt: bool = False) -> tuple[str, str] | None:
    """A single choice's option and the name of what it is, typed together: "la communauté de communes Causse et
    Vallées de la Dordogne" is « La collectivité locale » and "Communauté de communes Causse et Vallées de la
    Dordogne". None unless the words of one option start the text and a proper name follows them (`spelt`: an
    acronym's name spelt out, "de" something, capitals or not), with no word that takes the option back ("ou",
    "pas"…) nor another option's words."""
    text = said_how(text)[0]  # "la commune de Saint-Joseph, via son CCAS…": the name, then how it works
    if (first := _ACRONYM_FIRST_RE.fullmatch(text)) is not None and (
            said := option_and_name(question, first["rest"], spelt=first["small"] is not None)) and match_option(
            question.options, first["acronym"]) in (None, said[0]):  # "la cc (communauté de communes…)"
        return said[0], f"{said[1]} ({first['acronym'].upper() if first['small'] else first['acronym']})"
    typed = bare_words(text)
    said = {option.id: rest for option in question.options
            if typed and (rest := _said_by_words(option, typed))}
    if len(said) != 1:
        return None
    [(option_id, rest)] = said.items()
    others = [bare_words(words) for option in question.options if option.id != option_id
              for words in (option.label, *option.words)]
    if (_HEDGES - {"et"}).intersection(rest) or any(
            other and any(rest[i:i + len(other)] == other for i in range(len(rest))) for other in others):
        return None  # "la mairie ou le CCAS": not sure which
    following = set(rest)
    if not any(word[:1].isupper() and _singular(fold(word)) in following for word in _WORD_RE.findall(text)) and not (
            spelt and re.search(r"\b(?:de|du|des|d['’])\s*\w", text, re.IGNORECASE)):
        return None  # "une commune rurale": words about it, not its name
    name = _without_lead_ins(text).strip().rstrip(".")
    name = _NAME_ENDS_RE.split(name, maxsplit=1)[0]  # "la Ville de Bordeaux qui porte, via…": its name ends there
    option = question.option(option_id)
    if _said_by_words(option, bare_words(name)) == ():  # "l'association qui gère le centre social…": whose name is
        return None  # not given
    if (kinded := _KIND_THEN_NAME_RE.fullmatch(name)) is not None and _said_by_words(option, bare_words(
            kinded["kind"])) == () and _said_by_words(option, bare_words(kinded["name"])):  # "la commune (commune
        return option_id, upper_first(kinded["name"].strip())  # nouvelle de Rémalard)": the name in brackets
    kind, comma, named = name.partition(",")
    if comma and (named := named.strip()) and _said_by_words(option, bare_words(kind)) == ():
        # Set apart after its kind: "notre association, le centre social Le Lien", "…, La Passerelle" (a name's
        # own article), "notre communauté de communes, Monts et Vallées" (the kind is the name's first words).
        if (article := _ARTICLE_RE.match(named)) is None:
            return option_id, upper_first(f"{_ARTICLE_RE.sub('', kind, count=1)} {named}")
        return option_id, named if article[0][0].isupper() else upper_first(named[article.end():])
    if not any(_ARTICLE_RE.match(words) and fold(name).startswith(fold(words)) for words in option.words):
        name = _ARTICLE_RE.sub("", name, count=1)
    return option_id, upper_first(name)


_KIND_THEN_NAME_RE = re.compile(r"(?P<kind>[^()]+?)\s*\((?P<name>[^()]+)\)")


# "à mi-temps sur le projet": the time of work given to the project, as a clause of a function says it.
_ON_THE_PROJECT_RE = re.compile(r"\s+(?:sur|pour|dans|consacr[ée]e?s? [àa]) (?:le|ce) projet$", re.IGNORECASE)


def option_said_last(options: Sequence[Option], text: str) -> str | None:
    """The option a text or one of its clauses names by its last words ("2 agentes à recruter", "Marie Fontaine,
    agent titulaire", "un conseiller à recruter, temps plein") or, for a time of work, by the share a clause says
    ("chargée de mission à la CC, à 50 % sur le projet"), if only one does."""
    clauses = {text, *(_ON_THE_PROJECT_RE.sub("", clause) for clause in re.split(r"\s*[,;()]\s*", text))}
    said = {option.id for clause in clauses if (typed := bare_words(clause))
            for option in options for words in map(bare_words, (option.label, *option.words))
            if words and typed[-len(words):] == words and (typed != words or clause != text)}  # alone: match_choice
    said |= {held for clause in clauses - {text} if (held := _holding_share(options, clause)) is not None}
    return said.pop() if len(said) == 1 else None


def match_choice(options: Sequence[Option], text: str) -> str | None:
    """The option a single choice's answer names; "un bâtiment de la CC, on le rénove": a clause after a comma
    that looks like no option is that option's details ("la mairie, La Poste" names two)."""
    if (option_id := match_option(options, text, first_words=True)) is not None:
        return option_id
    head, others = _parts(options, text)
    if not others or (option_id := match_option(options, head, first_words=True)) is None:
        return None
    number = next(n for n, option in enumerate(options, start=1) if option.id == option_id)

    def doubtful(part: str) -> bool:
        """"la mairie, sauf refus", "la mairie, La Poste"; not "un bâtiment municipal, la mairie annexe", nor "la
        commune, via son CCAS", which says how."""
        if re.match(rf"\s*(?:{_MEANS})\b", part, re.IGNORECASE) or _rest_of_time(part):
            return False
        return bool(_HEDGES.intersection(bare_words(part))) or match_option(options, part) not in (None, option_id) \
            or any(close != number for close, _ in close_options(options, part).get("close", []))
    return None if any(map(doubtful, others)) else option_id


def abridged_option(options: Sequence[Option], text: str) -> str | None:
    """The one option whose label a text types cut short, word by word: "en prep" is « En préparation », "dossier a
    compl" « Dossier à compléter »; a word cut to fewer than four letters is no word of it, and one word alone cut
    ("comm") may start several. None otherwise."""
    typed = bare_words(text)
    if len(_WORD_RE.findall(text)) < 2:
        return None

    def cut(label: tuple[str, ...]) -> bool:
        return len(label) == len(typed) and typed != label and all(
            said == word or (len(said) >= 4 and word.startswith(said)) for said, word in zip(typed, label))
    found = {option.id for option in options if typed and any(
        cut(bare_words(phrase)) for phrase in (option.label, *option.words))}
    return found.pop() if len(found) == 1 else None


def choice_clauses(options: Sequence[Option], text: str) -> tuple[str, list[str]]:
    """A single choice's answer as the clause naming its option and what it says after it, set apart, which the
    option does not keep: "décision reçue, labellisée par arrêté du 12 septembre 2023" is "décision reçue" and
    ["labellisée par arrêté du 12 septembre 2023"]; the whole text and none when it names the option alone."""
    said_aside = [aside for aside in asides(text) if not _options_own(options, aside)]  # "contractuelle (CDD…)"
    if said_aside and match_choice(options, text) is not None:
        head, details = _clauses(options, without_asides(text))
        return head, in_typed_order(text, details + said_aside)
    return _clauses(options, text)


def said_past_option(option: Option, clause: str) -> str | None:
    """What a single choice's clause says past its option's words, as typed: "avec Mme Kerhervé" of "En discussion
    avec Mme Kerhervé"; None when it says nothing more, or does not start with them."""
    rest = _said_by_words(option, bare_words(clause))
    more = _past_own_words(option, rest) if rest else None
    if not more or more in _EVERY_WORDS:  # "quelques heures par semaine": how often, the option's
        return None
    return _saying(clause.strip().rstrip(" .!"), more).strip() or None


# How often, as bare words read it ("par mois" is ("par", "moi")): the phrases typed, read the same way.
_EVERY_WORDS = frozenset(bare_words(f"{each} {unit}") for each in ("par", "chaque")
                         for unit in ("semaine", "mois", "jour", "an", "année")) \
    | frozenset(map(bare_words, ("tous les jours", "toutes les semaines", "tous les mois", "tous les ans")))


def _options_own(options: Sequence[Option], aside: str) -> bool:
    """Whether words in brackets are an option's own: its label, a word of it, or what its label has in brackets
    ("CPAM" of « Assurance maladie (CPAM) »)."""
    return label_key(aside) in {label_key(said) for option in options for phrase in (option.label, *option.words)
                                for said in (*asides(phrase), phrase)}


def _clauses(options: Sequence[Option], text: str) -> tuple[str, list[str]]:
    head, colon, said = text.partition(" : ")  # "décision reçue le 3 décembre : refusée", as French sets a colon
    if colon and said.strip() and match_option(options, head, first_words=True) is not None:
        return head.strip(), [part.strip() for part in _split_list(said)[0::2] if part.strip()]
    if match_option(options, text, first_words=True) is not None or match_choice(options, text) is None:
        return text, []
    head, others = _parts(options, text)
    named = match_choice(options, head)  # "c'est la mairie, donc un bâtiment communal": the option said again
    again = next((option for option in options if option.id == named), None)
    return head, [part.strip() for part in others if part.strip() and (again is None or not _option_alone(again, part))]


def _option_alone(option: Option, text: str) -> bool:
    """Whether a text is an option's words and nothing more: "donc un bâtiment communal"."""
    rest = _said_by_words(option, bare_words(text))
    return rest is not None and not _past_own_words(option, rest)


def after_head(text: str, head: str) -> str:
    """What a choice's answer says after its `head`, the clause naming its option (choice_clauses), as typed:
    "à 25 minutes de Zonza, Serra-di-Scopamène, Carbini" of "au centre du bourg, à 25 minutes de Zonza,
    Serra-di-Scopamène, Carbini", "refusée, les horaires…" of "décision reçue : refusée, les horaires…"."""
    if (at := text.find(head)) < 0:
        return "".join(_split_list(text)[2:]).strip()
    rest = text[at + len(head):]
    separator = re.match(r"\s*:\s*", rest) or _LIST_SEP_RE.match(rest)
    return rest[separator.end() if separator else 0:].strip()


def with_details(question: Question, text: str) -> tuple[list[str], str] | None:
    """"2 agents, le local de l'ancienne perception": the options a list names and, as it says more than their
    names, the whole text as their details; None when it names options only ("le personnel et les locaux") or is
    not read."""
    try:
        chosen = parse_multi(question, text)
    except ParseError:
        return None
    text = _listed_after_all(text) or text  # "tout : le personnel et le local": those two named, no more
    named = {bare_words(phrase) for option in question.options for phrase in (option.label, *option.words)} | {
        bare_words(words) for group in question.together for words in group.words}
    listed = f"{said[0]}, {said[2]}" if (said := _all_but(question, text)) is not None else text
    if _SPACED_NUMBERS_RE.fullmatch(typed_words(listed)):
        return None  # "3 4 6 9": options' numbers
    parts = [part for part in _split_list(_less_said(question, listed)[0])[0::2] if part.strip()]  # "tout sauf…"
    if all(bare_words(part) in named or _rank(_choice_key(part)) or _choice_key(part).isdigit()
           or _says_all(typed_words(part)) or _says_both(question, typed_words(part)) for part in parts):
        return None
    return chosen, text.strip()


def close_options(options: Sequence[Option], text: str) -> dict[str, list[tuple[int, str]]]:
    """`close`: the options whose label holds the typed words, or that the typed words hold ("covoiturage près de
    chez moi"), else those sharing the most of its longer words, with their numbers, for the message to suggest;
    never taken as the answer ("moins d'un" may not mean « Moins d'un mi-temps »). {} when none does. An aside
    is no part of what was meant: "La Poste (fonds de péréquation)" is not « Europe » (fonds européens)."""
    text = without_asides(text).strip() or text
    typed = bare_words(text)
    if not typed or _TO_COME.intersection(typed):  # "la fibre arrive en 2027": the option it names is not there yet
        return {}
    typed_key = label_key(text)
    close = []
    for number, option in enumerate(options, start=1):
        words = bare_words(option.label)
        option_key = label_key(option.label)
        if (any(words[i:i + len(typed)] == typed for i in range(len(words) - len(typed) + 1))
                or (len(option_key) >= CLOSE_LABEL_MIN and option_key in typed_key)):
            close.append((number, option.label))
    if not close:
        long_words = {_singular(word) for word in _WORD_RE.findall(_choice_key(text)) if len(word) >= CLOSE_WORD_MIN}
        said = [set().union(*map(bare_words, [option.label, *option.words])) for option in options]
        shared = [sum(_alike(word, words) for word in long_words) for words in said]
        close = [(number, option.label) for number, (option, count) in enumerate(zip(options, shared), 1)
                 if count and count == max(shared)]
    return {"close": close[:CLOSE_MAX]} if close else {}


def _says_more(options: Sequence[Option], part: str) -> bool:
    """Whether a list's part holds a word no option has: "nos fonds propres" shares "fonds" with « Europe » (fonds
    européens) but is something else, while "polyvalance" is an option mistyped."""
    said = set().union(*(bare_words(words) for option in options for words in (option.label, *option.words)))
    return any(len(word) >= MORE_WORD_MIN and not _alike(word, said) and not any(
        len(commonprefix((word, other))) >= _STEM for other in said) for word in bare_words(without_asides(part)))


def _alike(word: str, words: set[str]) -> bool:
    """The word is one of the words, or one typed with a letter or two wrong ("polyvalance"), its first letter
    right as in most slips: "Réunion" is no « Union européenne » mistyped."""
    return word in words or any(close[0] == word[0] for close in get_close_matches(
        word, words, n=3, cutoff=CLOSE_SPELLING))


# "tous", "toutes": every option but "Autre", which asks for its wording, and one ticked alone ("Aucune"), which
# says the opposite; "les deux" when two are left so.
_ALL = frozenset({"tous", "toutes", "tout", "tout cocher", "tous les choix", "toutes les reponses", "l'ensemble"})
# Before a colon and a list, what says the list is all there is to it: "tout : le personnel, le local…" (folded).
_ALL_THEN_LISTED = _ALL | {"un peu de tout", "de tout", "a la fois", "les deux", "plusieurs choses", "plusieurs"}
# "les deux", "les 3 qualités", "toutes les quatre": every option, said by their number (folded).
_BOTH_RE = re.compile(r"(?:tous |toutes )?les (?P<count>[a-z]+|[0-9]+)(?: [a-z]+)?")
# "…, via l'outil de l'ANCT", "…, avec l'outil de l'ANCT" (with a tool, not with someone)
_A_TOOL = (r" (?:l['’]|le |les |un |une |des |notre |nos )?(?:outils?|logiciels?|tableurs?|applications?|plateformes?"
           r"|fichiers?)\b")
_MEANS = rf"via|gr[âa]ce [àa]|au moyen d[eu']?|[àa] l'aide d[eu']?|par le biais d[eu']?|avec(?={_A_TOOL})"
# What joins one more item to a list said aloud: "tous, plus la Chambre d'agriculture", "les 2, + l'accès aux droits".
# ("plus de trésorerie" says there is none any more: no item joined)
_CONNECTOR_RE = re.compile(r"^\s*(?:(?:plus(?!\s+(?:de|d['’]|du|des|aucune?|rien|tard)\b)|ainsi que"
                           r"|avec(?!" + _A_TOOL + r")|et aussi|mais aussi|aussi|en plus|puis|ensuite)\s+|\+\s*)",
                           re.IGNORECASE)
_STRESS_RE = re.compile(r"(?:surtout|notamment|en particulier|particulierement|principalement|dont|" + _MEANS + r")\b",
                        re.IGNORECASE)  # "…, surtout l'isolement": what was named, stressed or how, no other item
# What ends a list saying it names all there is (folded): "rien d'autre de précis", "et c'est tout".
# Said after an option, it is not decided yet (folded): "le forum, on verra", "l'annuaire, peut-être", "la mission
# locale si elle est d'accord" (whether it joins is theirs to say).
_UNDECIDED_RE = re.compile(r"(?:on verra|a voir|peut-etre|pas sur|pas encore sur|a definir|a confirmer|on ne sait pas"
                           r"|je ne sais pas|pas decide|pas encore decide"
                           r"|s(?:i (?:elle|elles|il|ils) |'ils? )(?:est d'accord|sont d'accord|accepte|acceptent"
                           r"|le veut|le veulent|le souhaite|le souhaitent))")
_UNDECIDED_END_RE = re.compile(rf"(?:\s|,)(?:{_UNDECIDED_RE.pattern})$")  # "l'OCAS à voir"
# "les autres sont à Lannion", "le reste à Guingamp", "tous les autres ne sont pas présents", ending a list: the options
# not named are elsewhere, neither ticked nor an « Autre » (folded).
_OTHERS_ELSEWHERE_RE = re.compile(r"(?:tous |toutes )?(?:les autres|le reste)(?: partenaires| operateurs| services)?"
                                  r"(?: sont| se trouvent| restent)?\s*:?\s*(?:a|au|aux|en|sur|vers|loin|ailleurs"
                                  r"|absents?|hors|pas|ne|n'y)\b.*")
_NOTHING_ELSE_RE = re.compile(r"(?:et )?(?:rien d'autre|rien de plus|c'est tout|pas d'autres?|aucune? autres?|pas plus"
                              r"|valider|je valide|on valide|c'est bon|voila)"  # "…, valider": the list is done
                              r"(?: de precis| de present| pour l'instant| pour le moment| a priori| a ma connaissance"
                              r"| sur place| sur le territoire| localement| ici)*")  # "rien d'autre sur place"
# What a budget's line is for, said after a funder as "+ fonctionnement": said of it, no other funder (folded).
_USE_RE = re.compile(r"(?:(?:en|pour|le|l'|du|de|et) ?)*(?:fonctionnement|investissement)s?")
# How many, said before what a list's part names: "beaucoup de saisonniers", "bcp de personnes âgées".
_QUANTITY_RE = re.compile(r"\s*(?:(?:beaucoup|bcp|peu|plein|pas mal|[ée]norm[ée]ment|trop|de plus en plus)"
                          r"\s+d(?:e\s+|['’])|de nombreu(?:x|ses)\s+|la plupart des\s+)", re.IGNORECASE)
# A sentence with its own subject and verb ending a list, after an option named: what it says of it, never another
# item ("l'éloignement, Angoulême est à 35 km", "…, la poste a fermé"); not a thing described ("le bus qui passe…").
_STATEMENT_RE = re.compile(r"(?:(?!qui\b|que\b|qu['’])[^\W\d_][\w'’-]*\s+){1,4}"
                           r"(?:est|sont|[ée]tait|[ée]taient|sera|seront|n['’]est|n['’]a|n['’]ont|ne sont"
                           r"|(?:a|ont)\s+(?:[ée]t[ée]|ferm[ée]e?s?|disparue?s?|quitt[ée]e?s?|perdue?s?))\b",
                           re.IGNORECASE)


def is_statement(text: str) -> bool:
    """Whether a text starts as a sentence with its own subject and verb ("le recrutement est lancé, …", "ils feront
    les deux")."""
    return _STATEMENT_RE.match(text.strip()) is not None or _PRONOUN_FIRST_RE.match(text.strip()) is not None


_PRONOUN_FIRST_RE = re.compile(r"(?:il|elle|ils|elles|on|nous|c['’]\s*est|ce\s+sont)\s+(?:ne\s+|n['’])?"
                               r"(?:[a-zàâçéèêëîïôûùü]{2,})\b")  # "ils feront les deux", "c'est elle qui suit…"


# "on utilise déjà l'outil de l'ANCT", "nous passons par un tableur": the tool a sentence says is used.
_USED = r"(?:on|nous)\s+(?:utilis(?:e|ons|era|erons)|pass(?:e|ons|era|erons)\s+par)(?:\s+d[ée]j[àa])?"
_MEANS_RE = re.compile(r"^\s*(?:" + _MEANS + r"|avec|" + _USED + r")\s*", re.IGNORECASE)


def said_how(text: str) -> tuple[str, str | None]:
    """A text, and the clause after it saying how, set apart: "la commune, via son CCAS" is "la commune" and "via
    son CCAS"; the whole text and None without one."""
    if (means := re.search(rf"\s*,\s*(?=(?:{_MEANS})\b)", text, re.IGNORECASE)) is None:
        return text, None
    return text[:means.start()], text[means.end():].strip()


def without_means(text: str) -> str:
    """What a "how" names: "l'outil de l'ANCT" of "via l'outil de l'ANCT"."""
    return _MEANS_RE.sub("", text, count=1)
_SPACED_NUMBERS_RE = re.compile(r"[0-9]+(?: +[0-9]+)+")  # "2 3": options' numbers, as a phone user types them
_SPACED_NUMBERS_FIRST_RE = re.compile(r"\s*[0-9]+(?: +[0-9]+)+(?=\s*(?:[(:,;+]|et\s))")  # "1 2 3 4 + un …"
# Folded: "tous les opérateurs", "toute l'offre de base évidemment", "tout ça".
_ALL_START_RE = re.compile(r"(?:tous |toutes |l'ensemble |toute (?:la |l')|tout (?:le |l'|ca\b|cela\b))")
_LESS_RE = re.compile(r"\b(?:sauf|sans|exceptee?s?|hormis|a part|moins)\b")  # folded
# "tous sauf la MSA", "tous les partenaires nationaux plus la Mission locale": every option, less or more some.
_ALL_BUT_RE = re.compile(r",?\s+(?:(?P<less>sauf|sans|except[ée]e?s?|hormis|[àa] part|moins)|plus|avec(?!" + _A_TOOL
                         + r")|en plus de|ainsi que)\s+", re.IGNORECASE)  # "les trois, avec l'outil de l'ANCT": how


def _says_all(typed: str) -> bool:
    """"tous", "tous les partenaires", "l'ensemble des opérateurs": every option; never "tous sauf…", which
    only a whole answer says (see _all_but)."""
    return typed in _ALL or (_ALL_START_RE.match(typed) is not None and _LESS_RE.search(typed) is None)


def _says_both(question: Question, typed: str) -> bool:
    said = _BOTH_RE.fullmatch(typed)
    count = None if said is None else int(said["count"]) if said["count"].isdigit() else SPELT_NUMBERS.get(
        said["count"])
    return count is not None and count >= 2 and count == len(_every(question))


def _all_but(question: Question, text: str) -> tuple[str, bool, str] | None:
    """"tous sauf la MSA": ("tous", True, "la MSA"); "tous les partenaires plus la Mission locale": (…, False, …);
    "les deux sauf…" likewise; None when the text does not start with every option and then less or more."""
    head = re.split(r"[;\n]", text, maxsplit=1)[0]
    for found in _ALL_BUT_RE.finditer(head):
        if _says_all(said := typed_words(head[:found.start()])) or _says_both(question, said):
            return head[:found.start()], found["less"] is not None, text[found.end():]
        return None
    return None


def says_added(text: str) -> bool:
    """Whether a list typed says it adds to what is ticked: "+ la fibre et le wifi", "en plus le wifi"."""
    return _ADDED_RE.match(text) is not None


_ADDED_RE = re.compile(r"\s*(?:\+|(?:en plus|plus(?!\s+(?:de|d['’]|du|des|aucune?|rien|tard)\b)|et aussi|aussi|ajouter"
                       r"|ajoutez|ajoute)(?![\w'’-]))", re.IGNORECASE)  # not "plus de trésorerie": none left


def less_then_more(text: str) -> tuple[str, str]:
    """What follows "tous sauf": the options left out, then those said with a "plus" ("passage, plus les
    saisonniers"), which are ticked."""
    more = _MORE_AFTER_LESS_RE.search(text)
    return (text[:more.start()], text[more.end():]) if more else (text, "")


_MORE_AFTER_LESS_RE = re.compile(r"\s*,?\s*(?:\+|(?<![\w'’-])(?:plus(?!\s+(?:de|d['’]|du|des|aucune?|rien|tard)\b)"
                                 r"|en plus|ainsi que|et aussi|mais aussi)(?![\w'’-]))\s*", re.IGNORECASE)


def _every(question: Question) -> list[str]:
    """What "tous" ticks."""
    return [option.id for option in question.options if option.in_all and not option.alone and option.id != OTHER]


# "non", "aucun", "rien pour l'instant", "RAS" (rien à signaler), "non pas pour l'instant": no option applies.
_NONE_AT_ALL_RE = re.compile(r"(?:non,? )?(?:aucun|aucune|rien|neant|non|pas encore|pas a ma connaissance"
                             r"|r\.? ?a\.? ?s|rien a signaler|pas(?= pour l'instant| pour le moment| a ce jour)"
                             r"|pas besoin|non merci|pas vraiment)"
                             r"(?:,? (?:pour l'instant|pour le moment|a ce jour|de particulier))?")


def says_no_option(text: str) -> bool:
    return _NONE_AT_ALL_RE.fullmatch(typed_words(text).rstrip(" .!")) is not None


def none_option(question: Question) -> str | None:
    """The option saying that none applies (« Aucune pour l'instant »), if the question has one."""
    return match_option(question.options, "aucun")


def parse_multi(question: Question, text: str) -> list[str]:
    """Split a list of options on commas, semicolons, " et " and newlines; longest label match wins."""
    typed = _OF_COURSE_RE.sub("", typed_words(text))  # "les 5 bien sûr"
    every = _every(question)
    if typed in _ALL or _says_both(question, typed):
        return every
    if says_no_option(text) and match_option(question.options, text) is None and (none := none_option(question)):
        return [none]  # "non" where the list says « Aucune pour l'instant »
    if question.counted is not None and (count := _count_said(question.counted, text)[0]) is not None:
        return [option.id for option in question.options[:count]]
    if (said := _all_but(question, text)) is not None and said[1]:  # every option, less those named
        less_said, more_said = less_then_more(said[2])
        less, _, runs, *_ = read_list(question, less_said)
        if runs:  # "tout sauf la salle de réunion, on utilisera…": what was read is ticked, the rest said not read
            ticked = [option for option in every if option not in less] if less else []
            raise ParseError("choice.invalid", unknown=runs[0], **close_options(question.options, runs[0]),
                             **({"ticked": ticked} if ticked else {}))
        more, unknown, runs, *_ = read_list(question, more_said) if more_said else (set(), [], [])
        if unknown:
            raise _not_read(question, set(every) - less | more, unknown, runs)
        return _ticked(question, set(every) - less | more, text)
    chosen, unknown, runs, *_ = read_list(question, text)
    if unknown:
        raise _not_read(question, chosen, unknown, runs)
    return _ticked(question, chosen, text)


def options_mentioned(options: Sequence[Option], text: str) -> list[tuple[int, str]]:
    """The options whose label or words a text holds anywhere, numbered: "la fibre arrive en mars, pour l'instant
    ADSL" holds « Très haut débit » (fibre) and « Haut débit » (ADSL)."""
    typed = bare_words(text)
    spans = [(i, i + len(words), number) for number, option in enumerate(options, start=1)
             for words in map(bare_words, (option.label, *option.words)) if words
             for i in range(len(typed) - len(words) + 1) if typed[i:i + len(words)] == words]
    # "commune nouvelle" is one option's words, though "commune" is another's: the longer says which
    held = {number for start, end, number in spans
            if not any(s <= start and end <= e and (e - s) > (end - start) and n != number for s, e, n in spans)}
    return [(number, options[number - 1].label) for number in sorted(held)]


def options_named(question: Question, text: str) -> list[str]:
    """The options a sentence names among other words ("…prévu le 12 mars, avec les maires et la sous-préfète"),
    in the list's order; the other words are not read."""
    chosen = read_list(question, text).chosen
    return [option.id for option in question.options if option.id in chosen]


def _together(question: Question, part: str) -> Together | None:
    """The question's name for several options that the part is, or starts ("la CGSS de Guyane"), if any."""
    typed = bare_words(without_asides(part))
    return next((group for group in question.together for words in map(bare_words, group.words)
                 if typed[:len(words)] == words and not _HEDGES.intersection(typed[len(words):])), None)


def _close_or_named(options: Sequence[Option], part: str) -> list[tuple[int, str]]:
    """The options a part not read is close to, and those it names among other words ("le Département via le
    contrat de territoire", "une permanence MSA le jeudi")."""
    close = close_options(options, part).get("close", [])
    named = _named_in(options, part)
    return sorted({*close, *named}) if len(named) > 1 or not close else close


def _named_in(options: Sequence[Option], part: str) -> list[tuple[int, str]]:
    """The options but « Autre » a part names among other words, numbered."""
    return [(number, label) for number, label in options_mentioned(options, part) if options[number - 1].id != OTHER]


def _not_read(question: Question, chosen: set[str], unknown: list[str], runs: list[str]) -> ParseError:
    """The refusal of a list with parts naming no option: the options it did name (`ticked`, for the chat to tick
    them), and the parts' likely options (`close`), all of them when each part is one option away."""
    read = {"ticked": [option.id for option in question.options if option.id in chosen]} if chosen else {}
    closes = [(part, [(number, label) for number, label in _close_or_named(question.options, part)
                      if question.options[number - 1].id not in chosen]) for part in unknown]  # not one ticked
    if len(unknown) > 1 and all(len(close) == 1 for _, close in closes):
        guessed = sorted({close[0][0] for _, close in closes} | {
            number for number, option in enumerate(question.options, start=1) if option.id in chosen})
        return ParseError("choice.invalid", unknown=unknown[0], close=sorted({close[0] for _, close in closes}),
                          unknowns=unknown, numbers=", ".join(map(str, guessed)), **read)
    if any(close for _, close in closes) and not all(close for _, close in closes):
        # "polyvalance et la gestion du stress": the option mistyped said with what it may be, and the other
        # parts named too, for none to seem taken
        return ParseError("choice.invalid", unknown=unknown[0], unknowns=unknown,
                          close=sorted({option for _, close in closes for option in close}), **read)
    # An option mistyped is the one to say, with what it may be; else every run of words not read, as typed, for
    # none to seem taken.
    part, close = next(((part, close) for part, close in closes if close), (runs[0], []))
    unread = {"close": close} if close else {"unread": runs} if len(runs) > 1 else {}
    return ParseError("choice.invalid", unknown=part, **unread, **read)


# "2 conseillères : Nadine et Karine", "deux conseillers (à recruter)", "un seul, le deuxième sera Julie…": the
# count, then who or how.
_COUNT_THEN_RE = re.compile(r"\s*(?P<count>[^:(–—,]+?)\s*(?::|\(|,|\s[–—-]\s)\s*(?P<details>\S.*?)\)?\s*")
# "un seul", "une seule conseillère pour l'instant", "deux pour commencer" (folded): the count is all they say.
_ALONE = r"(?: seule?s?)?"
_FOR_NOW = (r"(?: (?:pour l'instant|pour le moment|pour commencer|pour demarrer|au depart|au debut"
            r"|dans un premier temps|a ce stade))?")


def _count_said(noun: str, text: str) -> tuple[int | None, str]:
    """How many of the counted thing a text says, and what it says of them after a colon or in brackets."""
    if (count := _count(noun, typed_words(text))) is not None:
        return count, ""
    if (said := _COUNT_THEN_RE.fullmatch(text)) is None:
        return None, ""
    if (count := _count(noun, typed_words(said["count"]))) is not None:
        return count, said["details"]
    figure = typed_words(said["count"])  # "3 : Martine, Karim et la recrue": a figure its names count
    if figure.isdigit() and int(figure) > 1 and len(_split_list(said["details"])[0::2]) == int(figure):
        return int(figure), said["details"]
    return None, ""


def _count(noun: str, typed: str) -> int | None:
    """How many of the counted thing "deux", "2 conseillers", "deux conseillères" say; None for anything else ("2"
    alone is the number of an option)."""
    noun = re.escape(fold(noun))
    match = re.fullmatch(rf"(?P<n>[0-9]{{1,2}}|[a-z-]+){_ALONE}(?P<noun> {noun}e?s?)?{_ALONE}{_FOR_NOW}", typed)
    if match is None or (match["n"].isdigit() and not match["noun"]):
        return None
    count = int(match["n"]) if match["n"].isdigit() else SPELT_NUMBERS.get(match["n"])
    return count if count else None


# "Autre : l'accès aux droits", "1 et autres (le numérique)": what follows is the « Autre », commas and all.
_OTHER_SAID_RE = re.compile(r"(?:^|[,;\n]|\s(?:et|ou|plus)\s)\s*autres?\s*(?P<open>:|\(|[–—-]\s)\s*(?P<words>\S.*)$",
                            re.IGNORECASE | re.DOTALL)


def other_said(text: str) -> bool:
    """"Autre : l'accès aux droits", "1 et autres (le numérique)": the text gives the words of an « Autre »."""
    return _OTHER_SAID_RE.search(text) is not None


# "le reste c'est La Poste": the other one named is La Poste; "il y a une épicerie solidaire": an épicerie solidaire.
_THE_REST_IS_RE = re.compile(r"^\s*(?:(?:tout )?le reste\s*,?\s*(?:c['’]\s*est|c|ce sont|ce sera|=|:)"
                             r"|il y a|on a|nous avons)\s+", re.IGNORECASE)


def with_other(question: Question, text: str) -> tuple[Any, str] | None:
    """"polyvalence, patience": the options named and « Autre », with the words for it ("patience"), when the
    question offers « Autre » and those words look like no option (a mistyped option is asked again); None
    otherwise."""
    if OTHER not in {option.id for option in question.options}:
        return None
    if (said := _OTHER_SAID_RE.search(text)) is not None:
        words = said["words"].strip().removesuffix(")").rstrip() if said["open"] == "(" else said["words"].strip()
        words = ", ".join(list_items(words))  # "Autre :⏎- attractivité du bourg⏎- tourisme", pasted
        if question.kind is Kind.CHOICE:
            return (OTHER, words) if not text[:said.start()].strip() else None
        chosen, unknown, *_ = read_list(question, text[:said.start()])
        return None if unknown else (_ticked(question, chosen | {OTHER}, text), words)
    if re.search(_SENTENCE_END, _less_said(question, text)[0] if question.kind is Kind.MULTI else text):
        return None  # sentences after the options tell about them: "… Le quartier est en QPV" is no other one (not
        # "… Pas de SEL à ma connaissance.", saying which is not ticked)
    if question.kind is Kind.CHOICE:
        chosen, unknown, runs = set(), [text.strip()], [text.strip()]
    else:
        if (said := _all_but(question, text)) is None or not said[1]:
            chosen, unknown, runs, *_ = read_list(question, text)
        elif not (less_more := less_then_more(said[2]))[1]:
            return None  # what "tous sauf…" leaves out is no « Autre »
        else:  # "tous sauf…, plus les frontaliers"
            chosen, unknown, runs, *_ = read_list(question, less_more[1])
            chosen |= set(_every(question)) - read_list(question, less_more[0]).chosen
    if not unknown or OTHER in chosen or any(
            (close_options(question.options, part) and (question.kind is Kind.CHOICE or not _says_more(
                question.options, part))) or _ALL_START_RE.match(typed_words(part))
            or (question.kind is Kind.MULTI and _named_in(question.options, part))  # "une permanence MSA…"
            for part in unknown):  # "la CAF, tous sauf la MSA" is not read, nor an « Autre »
        return None
    runs = [_THE_REST_IS_RE.sub("", run, count=1) or run for run in runs]
    if question.kind is Kind.CHOICE:
        return OTHER, runs[0]
    return _ticked(question, chosen | {OTHER}, text), ", ".join(runs)


class ListRead(NamedTuple):
    """A list read against a question's options."""
    chosen: set[str]  # the options it names
    unknown: list[str]  # its parts that name none, in order
    runs: list[str]  # those parts as typed, the ones next to each other kept together
    details: list[str]  # what it says of the options named, which a list of options does not keep
    notes: list[str]  # why a name typed ticked several options (the question's `together`)
    # The parts saying more of an option than its name, by option, for the question its `described_at` names.
    described: dict[str, str]
    # The options it says not to tick, or not yet ("les deux, pas autre", "le forum, on verra"): untouched on screen.
    withdrawn: frozenset[str] = frozenset()


# "l'accompagnement des personnes : beaucoup ne parlent pas français": an option, then what it is about.
_HEADED_RE = re.compile(r"(?P<head>[^:()]+?)\s*:\s+(?P<tail>\S.*)", re.DOTALL)


def _said_of(candidate: str) -> list[str]:
    """What a part naming an option says of it: after a colon ("cohésion sociale : l'accès aux droits (CAF)"),
    else in brackets."""
    head = _HEADED_RE.fullmatch(candidate.strip())
    if head is not None and not in_brackets(candidate.strip(), head.start("tail")):
        return [head["tail"].strip()]
    return asides(candidate)


def _listed_after_all(text: str) -> str | None:
    """"tout : le personnel, le local et la formation": the list after a colon that a word for all introduces."""
    head, colon, listed = text.partition(":")
    return listed.strip() or None if colon and typed_words(head) in _ALL_THEN_LISTED else None


# After words for every option, what sets them apart from why: a colon, or the end of a sentence ("LES DEUX. la …").
_THEN_WHY_RE = re.compile(r"\s*(?::|[.!](?=\s)|,(?=\s*(?:c['’]\s*est|car|parce|puisque)\b))\s*",
                          re.IGNORECASE)  # "tous, c'est obligatoire il me semble"


def _every_then_why(question: Question, text: str) -> str | None:
    """What follows a colon or a full stop after words for every option ("les deux : la trésorerie a fermé…", "Les
    deux. La MSAP a fermé…", "tous : …") when it names none of them: why, which no option keeps; None for another
    text."""
    head, said = (text[:apart.start()], text[apart.end():]) if (apart := _THEN_WHY_RE.search(text)) else (text, "")
    typed = typed_words(head)
    if not said.strip() or not (_says_all(typed) or _says_both(question, typed)) or read_list(question, said).chosen:
        return None
    return said.strip()


def _introduced(question: Question, text: str) -> ListRead | None:
    """"on utilise déjà l'outil de l'ANCT : fréquentation et demandes par opérateur": the list after a colon that
    words naming no option introduce, those words being what it says besides its options; None for another text."""
    head = _HEADED_RE.fullmatch(text.strip())
    if head is None or in_brackets(text.strip(), head.start("tail")) or match_option(
            question.options, head["head"], first_words=True) is not None or not typed_words(head["head"]):
        return None
    read = read_list(question, head["tail"])
    return read._replace(details=[head["head"].strip(), *read.details]) if read.chosen and not read.unknown else None


# "les deux, pas autre", "la cohésion mais pas le maillage", "pas le maillage, juste la cohésion", "pas vraiment de
# touristes": an option said not to be ticked, up to the list's next comma.
_NOT = (r"(?:(?:quasi(?:ment)?|presque)\s+)?(?<!pourquoi\s)pas(?:\s+(?:vraiment|trop|tellement|beaucoup|encore))?"
        r"(?!\s+mal\b)")  # "pourquoi pas un tiers-lieu": not a no
_LESS_PART_RE = re.compile(rf"(?:^|,\s*|\s+)(?:(?:mais|et)\s+)?(?:{_NOT}|plus\s+(?:de|d['’]|du|des|aucune?)"
                           r"|sauf|sans|hormis|[àa] part|ni)\s+"
                           r"(?P<option>[^,;\n]+?)\s*(?=[,;\n]|$)", re.IGNORECASE)


def _less_said(question: Question, text: str) -> tuple[str, set[str]]:
    """A list without what it says not to tick, and the options so named."""
    less: set[str] = set()
    for said in reversed(list(_LESS_PART_RE.finditer(text))):
        if not in_brackets(text, said.start()) and (
                option_id := match_option(question.options, said["option"], first_words=True)) is not None:
            less.add(option_id)
            text = text[:said.start()] + text[said.end():]
    return text, less


# Why the options were named, after them: "le maillage parce qu'on a perdu la trésorerie", "…, car la poste ferme"
# ("car" after a comma only: "le car scolaire" is a coach).
_REASON_RE = re.compile(r"\s*(?:,\s*car\b|[,;]?\s+(?:parce\s+qu|puisqu|vu\s+qu|[ée]tant\s+donn[ée]\s+qu)(?:e\b|['’]))",
                        re.IGNORECASE)


# Nothing but what follows: "rien de tout ça à part le covoiturage", "aucun sauf le SEL" (unlike "tous sauf…"; and
# "aucun, sauf si la CC accepte" is a condition).
_NONE_BUT_RE = re.compile(r"\s*(?:rien|aucune?|pas\s+grand[\s-]chose)\b[^,;:]*?\s*,?\s*"
                          r"(?:(?:mis\s+)?[àa]\s+part|sauf|hormis|except[ée]|si\s+ce\s+n['’]est)\s+"
                          r"(?P<only>(?!si\b|s['’]il)\S.*)", re.IGNORECASE | re.DOTALL)


# A hedge after words for every option, which ticks them as the words alone do: "Les deux je dirais. …" (a hedge
# after one option stays with it, said not kept: "un SEL aux Rousses je crois").
_HEDGE_RE = re.compile(r"^(\s*(?:(?:tous |toutes )?les (?:deux|trois|quatre|[2-9])|tous|toutes|tout))\s*,?\s*"
                       r"(?:je dirais|je dirai|je pense|je crois|il me semble|(?:à|a) mon avis|(?:à|a) priori)"
                       r"(?=\s*(?:[,.;:!]|$))", re.IGNORECASE)


def read_list(question: Question, text: str) -> ListRead:
    """How a list typed at a multiple choice names the question's options ("réduire les trajets vers Figeac et
    Brive" is one run, not two), and what it says of them in brackets, stressed ("surtout…"), after a colon or as
    the reason for them ("parce que…"), which the options ticked do not keep; the options it says not to tick ("les
    deux, pas autre") are not."""
    if (only := _NONE_BUT_RE.fullmatch(text)) is not None:
        return read_list(question, only["only"])  # "rien de tout ça à part un peu de covoiturage": that alone
    text = _HEDGE_RE.sub(r"\1", AS_SAID_RE.sub("", text))  # "comme je disais, …", "les deux je dirais."
    reason = next((found for found in _REASON_RE.finditer(text) if not in_brackets(text, found.start())), None)
    if reason is not None and reason.start() and (read := read_list(question, text[:reason.start()])).chosen \
            and not read.unknown and not read_list(question, because := text[reason.start():].strip(" ,;")).chosen:
        return read._replace(details=[*read.details, because])  # a reason naming an option goes on with the list
    text, less = _less_said(question, text)
    read = _read_list(question, text)
    read.chosen.difference_update(less)
    return read._replace(withdrawn=read.withdrawn | set(less))


def _read_list(question: Question, text: str) -> ListRead:
    text = _headings_named(question.options, text) or text
    if (listed := _listed_after_all(text)) and (read := read_list(question, listed)).chosen and not read.unknown:
        return read  # "tout : le personnel, le local et la formation": what the list names
    if (why := _every_then_why(question, text)) is not None:  # "les deux : la trésorerie a fermé en 2024…"
        return ListRead(set(_every(question)), [], [], [why], [], {})
    if (introduced := _introduced(question, text)) is not None:
        return introduced
    if question.counted is not None and (counted := _count_said(question.counted, text))[0] is not None:
        chosen = {option.id for option in question.options[:counted[0]]}
        return ListRead(chosen, [], [], [counted[1]] if counted[1] else [], [], {})
    typed = typed_words(text)
    if _SPACED_NUMBERS_RE.fullmatch(typed):
        text = ", ".join(typed.split())
    elif numbers := _SPACED_NUMBERS_FIRST_RE.match(text):  # "1 3 (la trésorerie a fermé)": what follows, the last's
        text = ", ".join(numbers[0].split()) + text[numbers.end():]
    elif _SPACED_NUMBERS_RE.fullmatch(typed_words(without_asides(text))):  # "2 (la guichetière) 3 4": the aside, the
        text = re.sub(r"(?<=[0-9)])\s+(?=[0-9])", ", ", text)  # number's before it
    if (said := _all_but(question, text)) is not None and not said[1]:
        text = f"{said[0]}, {said[2]}"  # "tous … plus X": X is one more item
    pieces = _split_list(text)
    parts, seps = [], []
    for part, sep in zip(pieces[0::2], pieces[1::2] + [""]):
        items = _dictated_items(question.options, part)
        parts += items
        seps += [", "] * (len(items) - 1) + [sep]
    span = 1 + max(len(_LIST_SEP_RE.findall(o.label)) for o in question.options)
    read = ListRead(set(), [], [], [], [], {})
    options = {option.id: option for option in question.options}
    i, follows, detailed = 0, -1, -1  # the index a part naming no option follows on from; one after an option's details
    describing = None  # the option whose description the parts after it go on with: "à Trois-Mares et Bérive"
    headed = False  # after "option : …", the parts naming no option are still what follows the colon
    fresh = None  # the details said right after an option's words, which a part after « et » may go on with

    def no_other_option(part: str) -> bool:
        return not any(question.options[number - 1].id not in read.chosen
                       for number, _ in close_options(question.options, part).get("close", []))
    named_last: tuple[str, str] | None = None  # the option the part before named, alone, and its words
    undecided: set[str] = set()
    gone: set[str] = set()
    while i < len(parts):
        parts[i] = _CONNECTOR_RE.sub("", parts[i])  # "…, plus la fibre", or "Plus la fibre" under ticks
        if not parts[i].strip():
            i += 1
            continue
        said = typed_words(parts[i])
        if named_last is not None and _UNDECIDED_RE.fullmatch(said.rstrip(" .!")):  # "le forum, on verra": the
            read.chosen.discard(named_last[0])  # option before is not decided, said not kept
            read.described.pop(named_last[0], None)
            undecided.add(named_last[0])
            read.details.append(f"{named_last[1].strip()}{seps[i - 1]}{parts[i].strip()}")
            i, named_last = i + 1, None
            continue
        named_last = None
        if read.chosen and _OTHERS_ELSEWHERE_RE.fullmatch(said):  # "…. Les autres sont à Lannion": not ticked,
            read.details.append(parts[i].strip())  # nor an « Autre »
            i += 1
            continue
        if _says_all(said) or _says_both(question, said):  # "tous, plus la Chambre…"
            read.chosen.update(_every(question))
            i += 1
            continue
        if read.chosen and _NOTHING_ELSE_RE.fullmatch(said):  # "…, rien d'autre de précis": no other item
            i += 1
            continue
        if (group := _together(question, parts[i])) is not None:  # "la CGSS de Guyane", outre-mer
            read.chosen.update(group.options)
            read.details.extend(asides(parts[i]))
            if group.note not in read.notes:
                read.notes.append(group.note)
            i, headed, detailed = i + 1, False, -1
            continue
        for j in range(min(len(parts), i + span), i, -1):
            if j > i + 1 and _choice_key(parts[i]).isdigit():
                continue  # "4, une imprimante": the option numbered 4, then another, not four printers
            candidate = "".join(parts[k] + (seps[k] if k < j - 1 else "") for k in range(i, j))
            if (option_id := match_option(question.options, candidate, first_words=True)) is not None:
                named_last = (option_id, candidate) if option_id not in read.chosen else None
                read.chosen.add(option_id)
                if option_id != OTHER:  # "Autre (…)": its words, not details
                    read.details.extend(_said_of(candidate))
                i, headed = j, False
                more = _past_own_words(options[option_id], _said_by_words(options[option_id], bare_words(candidate))
                                       or _said_by_words(options[option_id], _about(bare_words(candidate))))
                detailed = j if more else -1
                if more or asides(candidate):  # "des permanences dans les écarts (Les Lianes, Vincendo)"
                    head = _HEADED_RE.fullmatch(candidate.strip())
                    headed = head is not None and not in_brackets(candidate.strip(), head.start("tail"))
                    read.described[option_id] = head["tail"].strip() if headed else _saying(candidate.strip(), more)
                if more and _GONE_RE.search(fold(read.described[option_id])) and named_last is not None:
                    read.chosen.discard(option_id)  # "La Poste, qui a fermé en 2023": no longer there, said not kept
                    del read.described[option_id]
                    read.details.append(candidate.strip())
                    gone.add(option_id)
                    more = named_last = None
                elif named_last is not None and (_UNDECIDED_END_RE.search(f" {typed_words(candidate)}")
                                                 or candidate.rstrip().endswith("?")):
                    read.chosen.discard(option_id)  # "dept a voir", "CDC ?": not decided, said not kept
                    read.described.pop(option_id, None)
                    read.details.append(candidate.strip())
                    undecided.add(option_id)
                    more = named_last = None
                describing = option_id if more or asides(candidate) else None
                fresh = read.described.get(option_id) if more else None
                break
        else:
            part = parts[i].strip()
            if (head := _HEADED_RE.fullmatch(part)) is not None and not in_brackets(part, head.start("tail")) and (
                    option_id := match_option(question.options, head["head"], first_words=True)) not in (None, OTHER):
                read.chosen.add(option_id)
                read.details.append(head["tail"].strip())
                read.described[option_id] = head["tail"].strip()
                i, headed, detailed, describing = i + 1, True, -1, option_id
                continue
            if (much := _QUANTITY_RE.match(part)) is not None and (option_id := match_option(
                    question.options, part[much.end():], first_words=True)) not in (None, OTHER):
                read.chosen.add(option_id)  # "beaucoup de saisonniers"
                i, headed, detailed, describing = i + 1, False, -1, None
                continue
            stated = bool(read.chosen) and i == len(parts) - 1 and (  # "…, X est à 35 km", "…, bcp de retraités"
                is_statement(part) or much is not None or _USE_RE.fullmatch(typed_words(part)) is not None)
            stated = stated or bool(i and _PLACE_LEAD_RE.match(part) and match_option(  # "la salle de réunion, à
                question.options, parts[i - 1], first_words=True) is not None)  # l'étage": where the option is
            if ((detailed == i and seps[i - 1].strip() == "et" and (fresh is None or _goes_on(fresh, part)))
                    or (detailed == i and fresh is not None and _STRESSED_FIRST_RE.match(fresh)  # "accompagnement
                        and seps[i - 1].strip() in (",", "et"))  # surtout les personnes âgées, les démarches…"
                    or (i and _STRESS_RE.match(part)) or headed or stated
                    or (describing is not None and part[:1].isupper() and says_where(read.described[describing]))
                    ) and (no_other_option(part)  # "dans les villages de Hamouro, Dapani et Mtsamoudou": places
                           or (headed and _says_more(question.options, part))):  # "…, un point d'attache au siège"
                if headed or stated or _STRESS_RE.match(part):
                    read.details.append(part)
                if describing is not None and not stated:  # a remark on the whole list, kept apart
                    read.described[describing] += seps[i - 1] + part
                i += 1  # "la fermeture de la trésorerie et de la poste", "les deux, surtout le bourg": details
                detailed = i  # "notamment la CAF et les titres de séjour": still the details, the same kept to go on
                continue
            if read.chosen and _UNDECIDED_END_RE.search(typed_words(part)):  # "tous, plus l'OCAS (…) à voir":
                read.details.append(part)  # not decided, neither ticked nor an « Autre »: said not kept
                i += 1
                continue
            read.runs.append(read.runs.pop() + seps[i - 1] + part if follows == i else part)
            read.unknown.append(part)
            i += 1
            follows, describing = i, None
    return read._replace(withdrawn=frozenset(undecided | gone))


def _dictated_items(options: Sequence[Option], part: str) -> list[str]:
    """A part of a list dictated without commas, at each option it names: "La CAF avec une antenne à Saint-Antoine",
    "France Travail à l'agence de Saint-Louis" and "la CPAM" of the three said in a row; the part alone unless it
    starts with an option and names another after it, or names an option whole."""
    if match_option(options, part) is not None:
        return [part]
    words = list(_WORD_RE.finditer(part))
    cuts, until = [], 0  # where each option named starts; where the last one's words end
    for number, word in enumerate(words):
        typed = bare_words(part[word.start():])
        named = [(option, rest) for option in options if option.id != OTHER and typed
                 and (rest := _said_by_words(option, typed)) is not None]
        if len(named) != 1 or word.start() < until:
            continue  # "mi temps plein": « Temps plein » inside « Mi-temps »'s words
        own = len(typed) - len(named[0][1])
        until = next((end.end() for end in words[number:] if len(bare_words(part[word.start():end.end()])) >= own),
                     len(part))
        if not number or fold(words[number - 1][0]) not in _LINKING:  # "… via le contrat de territoire": how
            cuts.append(word.start())
    if len(cuts) < 2 or part[:cuts[0]].strip():
        return [part]
    return [part[start:end].strip() for start, end in zip(cuts, [*cuts[1:], len(part)])]


# What says a thing named is no longer there, of itself (folded): "qui a fermé en 2023", "mais elle est partie",
# "fermée depuis"; not "(la trésorerie a fermé)", of another.
_GONE_RE = re.compile(r"\b(?:qui|il|elle|ils|elles)\s+(?:(?:a|ont|est|sont|avait|avaient)\s+"
                      r"(?:(?:definitivement|deja)\s+)?(?:fermee?s?|disparue?s?|partie?s?|demenagee?s?)\b"
                      r"|n'(?:existe|existent|est|sont)\s+plus\b)"
                      r"|^(?:qui\s+|mais\s+)?fermee?s?\s+(?:depuis|en|l'an|il y a)\b")


# Where a thing is, said after it (folded or not): "à l'étage", "au rez-de-chaussée", "dans le hall".
_PLACE_LEAD_RE = re.compile(r"(?:[àa]|au|aux|dans|sur|sous|pr[èe]s d[eu']|derri[èe]re|devant|[àa] c[ôo]t[ée] d[eu'])"
                            r"\s*(?:l['’]|la |le |les )?(?:[ée]tage|rez-de-chauss[ée]e|hall|sous-sol|entr[ée]e|fond|"
                            r"premier|1er|mairie|bourg|centre)", re.IGNORECASE)


# After « et », what goes on with the details before it: a complement ("et de la poste"), or the same kind of word
# the details, or the object of their preposition, start with ("l'été et l'hiver", "avec la CSSM et la préfecture").
_PREPOSITIONS = frozenset({"de", "du", "des", "d'", "à", "a", "au", "aux", "en", "par", "pour", "avec", "sur", "dans",
                           "chez", "sans", "selon"})
# Words after which an option named says how or where, not one more item (folded).
_LINKING = frozenset({fold(word).rstrip("'") for word in _PREPOSITIONS} | {"via", "aupres", "grace"})
_ARTICLES = frozenset({"le", "la", "les", "l'", "un", "une", "son", "sa", "ses", "leur", "leurs", "notre", "nos",
                       "votre", "vos", "mon", "ma", "mes"})
_AT_PLACE = frozenset({"à", "a", "au", "aux", "en", "dans", "sur"})
_SOME = frozenset({"un", "une", "des"})
_LEAD_WORD_RE = re.compile(r"[^\W\d_]+['’]?")


def _lead_words(text: str) -> list[str]:
    return [word.lower().replace("’", "'") for word in _LEAD_WORD_RE.findall(text)[:2]]


_STRESSED_FIRST_RE = re.compile(r"^\s*(?:surtout|notamment|en particulier|particuli[èe]rement|principalement)\s+",
                                re.IGNORECASE)


def _goes_on(details: str, part: str) -> bool:
    """Whether a part after « et » goes on with the details an option was said with ("… de la trésorerie et de la
    poste", "touristes l'été et l'hiver", "visio avec la CSSM et la préfecture"); not another thing named ("les
    démarches par opérateur et la satisfaction des usagers", "l'isolement des hameaux et le bus…")."""
    if _CAPITALS_RE.fullmatch(part.strip(" .")) and _CAPITALS_RE.fullmatch(details.split()[-1]):
        return True  # "pour les rendez-vous CAF et CPAM": one more body by its acronym
    said, then = _lead_words(_STRESSED_FIRST_RE.sub("", details, count=1) or details), _lead_words(part)
    if not said or not then:  # "surtout pour les démarches en ligne… et les titres de séjour": what is stressed
        return False
    if then[0] in _PREPOSITIONS:
        return True
    if said[0] in _AT_PLACE and then[0] not in _ARTICLES:  # "à bois d'amont et bellefontaine": one more place
        return True

    def alike(one: str, other: str) -> bool:  # "pour l'emploi et un fab lab": a thing named, not the same kind
        return one == other or (one in _ARTICLES and other in _ARTICLES and (one in _SOME) == (other in _SOME))
    return alike(said[0], then[0]) or (said[0] in _PREPOSITIONS and len(said) > 1 and alike(said[1], then[0]))


def _past_own_words(option: Option, more: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """What follows an option's words once the option's other words said with them are past: "le jeudi" of
    "une permanence itinérante le jeudi", both words of « Itinérance »."""
    own = sorted({bare_words(words) for words in option.words} - {()}, key=len, reverse=True)
    while more and (words := next((words for words in own if more[:len(words)] == words), None)) is not None:
        more = more[len(words):]
    return more


def _plain_words(text: str) -> tuple[str, ...]:
    """A text's words as `bare_words` gives them, a lead-in at its start kept ("surtout", "juste")."""
    return tuple(_singular(word) for word in _WORD_RE.findall(_choice_key(text)) if word not in _IGNORED_WORDS)


def _saying(candidate: str, more: tuple[str, ...]) -> str:
    """What a part says after its option's words: "dans les écarts (Les Lianes)" of "des permanences dans les
    écarts (Les Lianes)", whose words past the option's are `more`; the whole part when they cannot be found."""
    for word in _WORD_RE.finditer(candidate):
        if more and more in (bare_words(said := candidate[word.start():]), _plain_words(said)):  # "surtout les…"
            return said.rstrip(") ") if in_brackets(candidate, word.start()) else said  # "itinérance (bus)"
    return candidate


# Where a place is said: after a preposition of place, or by its proper name ("Les Lianes, Vincendo"), after how
# often or the day it is held on, if said first ("une demi-journée par mois au Vieux-Marché", "le jeudi matin à
# Bourmont").
_HOW_OFTEN = (r"(?:(?:une|un|1|deux|2|trois|3)\s+(?:demi-)?(?:journ[ée]e|matin[ée]e|apr[èe]s-midi|fois|jour)s?"
              r"(?:\s+(?:par|tous les|toutes les)\s+(?:semaine|mois|quinzaine|15 jours|deux semaines))?[\s,]+)")
_WHERE_RE = re.compile(rf"{_HOW_OFTEN}?"
                       rf"(?:(?:le|les|chaque|tous les|un|une)\s+)?(?:(?:{'|'.join(WEEKDAYS)})s?"
                       r"(?:\s+(?:matin|après-midi|soir)s?)?(?:\s+sur\s+deux)?[\s,]+)?"
                       r"(?:(?:à|au|aux|en|dans|chez|sur|sous|près de|auprès de|vers|entre)\s|[A-ZÀ-Ý]"
                       r"|a\s(?!lieu\b|été\b|ete\b))")  # "a bois d'amont", typed without the accent


def says_where(text: str) -> bool:
    """Whether a text names a place: "dans les écarts", "en mairies de village", "Les Lianes", "le jeudi matin à
    Bourmont"; not "bus", nor "le jeudi"."""
    return _WHERE_RE.match(text.strip()) is not None


def _headings_named(options: Sequence[Option], text: str) -> str | None:
    """A note pasted with an option heading its details ("Cohésion sociale :⏎- accompagnement des aînés⏎Maillage
    territorial :⏎- …"): those headings, one per line, the details under them being no items; None for any other
    text."""
    headings = [line for line in lines(text) if line.endswith(":")]
    named = [line for line in headings if match_option(options, line[:-1], first_words=True) is not None]
    return "\n".join(line[:-1].rstrip() for line in named) if named and len(lines(text)) > len(headings) else None


def _ticked(question: Question, chosen: set[str], text: str) -> list[str]:
    """The options chosen, in the question's order; an option ticked alone refused with others."""
    if not chosen:
        raise ParseError("choice.invalid", unknown=text.strip())
    alone = [option.label for option in question.options if option.alone and option.id in chosen]
    if alone and len(chosen) > 1:
        raise ParseError("choice.alone", label=alone[0])
    return [o.id for o in question.options if o.id in chosen]


def ambiguous_words(options: Sequence[Option]) -> list[str]:
    """The labels and words that name two of the options once typed, for the loader to refuse."""
    said: dict[tuple[str, ...], str] = {}
    clashes = []
    for option in options:
        for phrase in [option.label, *option.words]:
            words = bare_words(phrase)
            if not words or said.setdefault(words, option.id) != option.id:
                clashes.append(phrase)
    return clashes
