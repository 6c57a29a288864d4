"""Tests for the pure answer parsers of dialogs.parsing."""
from __future__ import annotations

import datetime
import json
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.render import Renderer
from dialogs.budget_model import load_budget_model
from dialogs.choices import option_said_last, with_other
from dialogs.loader import load_guide
from dialogs.model import Kind, Option, Question
from dialogs.schedule import parse_time_ranges
from dialogs.parsing import (
    LONG_TEXT_MAX,
    MONTHS,
    SHORT_TEXT_MAX,
    DateInferred,
    ParseError,
    after_partly_yes,
    date_apart,
    doubt_apart,
    doubt_on_when,
    each_of,
    item_said_done,
    figure_remarks,
    from_json,
    said_planned,
    same_then_said,
    said_serving,
    with_whom_before_date,
    text_and_count,
    meeting_to_come,
    name_and_function,
    name_and_share,
    parse_answer,
    parse_date,
    parse_decimal,
    parse_euros,
    parse_hours,
    parse_integer,
    parse_person,
    parse_text,
    parse_yes_no,
    reads_as_shown,
    said_yes_no,
    same_answer_as,
    says_awaited,
    yes_and_no,
    yes_in_part,
    says_none_of,
    spoken,
    territory_said,
    to_json,
    parse_title, place_said, typed_at_checklist_stage, typed_at_deferred, typed_at_dossier, typed_at_menu, typed_at_projects,
    month_alone, numbered_answer, typed_at_recap, typed_at_team, yes_told_more, TEAM_HANDOVER, TEAM_INVITE, TEAM_LEAVE,
    typed_button,
    typed_command,
    word_said,
    yes_how,
    yes_no_because,
    yes_no_then,
)
from dialogs.referentials import load_referentials
from states.events import Reply

NNBSP = "\u202f"
NBSP = "\u00a0"


def raises_key(key: str, **params):
    """Context manager asserting a ParseError with this key (and these params, if given)."""

    class _Check:
        def __enter__(self):
            self._ctx = pytest.raises(ParseError)
            self.info = self._ctx.__enter__()
            return self.info

        def __exit__(self, *exc):
            handled = self._ctx.__exit__(*exc)
            assert self.info.value.key == key, self.info.value
            if params:
                assert self.info.value.params == params
            return handled

    return _Check()


# ---------------------------------------------------------------- ParseError


def test_parse_error_carries_key_and_params():
    err = ParseError("integer.range", min=0, max=100)
    assert isinstance(err, ValueError)
    assert err.key == "integer.range"
    assert err.params == {"min": 0, "max": 100}
    assert ParseError("text.empty").params == {}


# ---------------------------------------------------------------- integers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("42", 42),
        (" 42 ", 42),
        ("1500", 1500),
        ("1 500", 1500),
        (f"1{NNBSP}500", 1500),
        (f"1{NBSP}500", 1500),
        ("1.500", 1500),
        ("1.500.000", 1_500_000),
        ("1 000 000", 1_000_000),
        ("12400 habitants", 12400),
        ("12 400 habitants", 12400),
        ("3 communes", 3),
        ("50 %", 50),
        ("+7", 7),
        ("007", 7),
        ("120 m²", 120),
        ("120 m2", 120),  # square metres as a phone keyboard writes them
        ("120m2", 120),
        ("1 200 M2", 1200),
        ("env 15m2 dans le bus", 15),  # Haut-Allier: m² said with where, as "m²" was
        ("15 m2 dans le bus", 15),
        # A count said in a sentence, where or with whom left aside
        ("On en a visité une à Callac", 1),
        ("Nous en avons tenu 3 avec la CAF", 3),
        ("Il y en a 12", 12),
        ("j'en ai visité aucune", 0),
        # Val-de-Bonnieure: a count said as people say it, at « Combien d'habitants… ? »
        ("on est 3200 habitants", 3200),
        ("nous sommes environ 3 200 habitants à l'année", 3200),
        ("il y a 3200 habitants", 3200),
        ("la commune compte 3 200 habitants", 3200),
        ("ça fait 3200 habitants en tout", 3200),
        # Plouaret: the total of the communes listed before it
        ("soit environ 7 500 habitants.", 7500),
        ("soit 7500 habitants", 7500),
        ("au total 7 500 habitants", 7500),
        ("en tout 7 500 habitants", 7500),
        ("ce qui fait 7 500 habitants", 7500),
        ("environ 2 200 habitants. Nous travaillons avec Lannion-Trégor Communauté.", 2200),
        # Plouaret: a total, then what makes it up
        ("Environ 60 m² : la salle de 45 m² plus un petit bureau de 15 m².", 60),
        ("60 m2, soit 45 pour la salle et 15 pour le bureau", 60),
    ],
)
def test_parse_integer_accepts(text, expected):
    assert parse_integer(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "abc", "1 50", "1 5000", "1 500.000", "12-3", "35k", "2 millions",
     "3 k habitants", "--3", "1e3", "une dizaine", "1 500 2", "120 m", "120 km2"],
)
def test_parse_integer_invalid(text):
    with raises_key("integer.invalid"):
        parse_integer(text)


@pytest.mark.parametrize(("text", "typed", "down"), [
    ("1,5", "1,5", 1), ("1.5", "1,5", 1), ("1.50", "1,50", 1), ("82,5 m²", "82,5", 82), ("2,5", "2,5", 2)])
def test_a_figure_with_decimals_where_a_whole_one_is_asked_is_to_be_rounded(text, typed, down):
    """"82,5 m²" at "Quelle est la surface… ?" said "Je n'ai pas reconnu un nombre"."""
    with raises_key("integer.whole", typed=typed, down=down, up=down + 1):
        parse_integer(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("environ 12 000", 12000), ("env 2700 hab", 2700), ("12 000 habitants environ", 12000), ("à peu près 12400", 12400),
    ("a peu pres 12400", 12400), ("~12000", 12000), ("≈ 12 000", 12000), ("env. 3 000", 3000),
    ("près de 5 000 habitants", 5000), ("approximativement 800", 800)])
def test_an_estimate_is_the_number_it_gives(text, expected):
    assert parse_integer(text) == expected


@pytest.mark.parametrize("text", ["plus de 12 000", "moins de 500", "environ", "environ beaucoup",
                                  "on est plus de 3 000", "il y a moins de 500 habitants"])
def test_a_bound_or_a_word_alone_is_not_a_number(text):
    with raises_key("integer.invalid"):
        parse_integer(text)


@pytest.mark.parametrize(("text", "found"), [
    ("4 500 l'hiver, plus de 15 000 l'été avec les touristes", ["4 500", "15 000"]), ("entre 10 et 20", ["10", "20"]),
    ("2 ou 3 agents", ["2", "3"]), ("12 ans et 3 mois", ["12", "3"]), ("120 m3, ou 2", ["120", "2"]),
    ("60 m² : la salle de 40 m² et un bureau de 15 m²", ["60", "40", "15"])])  # no total of its parts
def test_several_figures_where_one_is_asked_are_named_back(text, found):
    """"4 500 l'hiver, plus de 15 000 l'été" at « Combien d'habitants… ? » was "Je n'ai pas reconnu un nombre"."""
    with raises_key("integer.several", figures=found):
        parse_integer(text)


def test_estimated_amounts_and_decimals():
    assert parse_euros("environ 12 500 €") == parse_euros("12,5 k€ environ") == Decimal("12500.00")
    assert parse_decimal("environ 1,5 ETP") == Decimal("1.5")


def test_parse_integer_negative_only_when_min_allows():
    assert parse_integer("-3", min=-10) == -3
    assert parse_integer("\u22123", min=-3) == -3  # Unicode minus sign
    with raises_key("integer.range", min=0, max=None):
        parse_integer("-3")
    with raises_key("integer.range", min=-2, max=5):
        parse_integer("-3", min=-2, max=5)


@pytest.mark.parametrize(("text", "low", "high"), [("101", 0, 100), ("4", 5, None), ("1 000", None, 999)])
def test_parse_integer_range(text, low, high):
    with raises_key("integer.range", min=low, max=high):
        parse_integer(text, min=low, max=high)


def test_parse_integer_bounds_are_inclusive():
    assert parse_integer("0", min=0, max=100) == 0
    assert parse_integer("100", min=0, max=100) == 100


def _group(n: int, sep: str) -> str:
    digits = str(n)
    head = len(digits) % 3 or 3
    return sep.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


@given(
    st.integers(min_value=0, max_value=10**15),
    st.sampled_from(["", " ", NBSP, NNBSP, "."]),
    st.sampled_from(["", " habitants", " communes", "  agents"]),
)
def test_parse_integer_round_trips_french_formats(n, sep, unit):
    assert parse_integer(_group(n, sep) + unit) == n


@given(st.integers(min_value=-10**9, max_value=-1), st.sampled_from(["", " ", NNBSP]))
def test_parse_integer_round_trips_negative(n, sep):
    assert parse_integer("-" + _group(-n, sep), min=n) == n


POPULATION = Question(id="population", prompt="Combien d'habitants compte ce territoire ?", kind=Kind.INTEGER, min=0)
GRANT = Question(id="detr", prompt="Quel montant de DETR ?", kind=Kind.EUROS)


@pytest.mark.parametrize(("question", "text", "expected"), [
    (POPULATION, "Population municipale (Insee, RP 2021)\t9 214", 9214),  # a spreadsheet row
    (POPULATION, "Population municipale 2021 : 9 214 habitants", 9214),
    (POPULATION, "9 214 habitants (Insee 2021)", 9214),
    (POPULATION, "9 214 habitants au recensement de 2021", 9214),
    (GRANT, "DETR 2027 (notifiée)\t25 000 €", Decimal("25000"))])
def test_a_figure_copied_with_its_label_and_source_is_read(question, text, expected):
    assert parse_answer(question, text) == expected


@pytest.mark.parametrize("text", ["Nombre de communes : 12, population : 9 214", "12 000 ou 13 000",
                                  "Communes\t12\tHabitants"])
def test_a_copied_text_with_another_figure_is_not_guessed(text):
    with pytest.raises(ParseError):
        parse_answer(POPULATION, text)


# ---------------------------------------------------------------- decimals


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,5", "1.5"),
        ("1.5", "1.5"),
        ("0,8", "0.8"),
        ("2", "2"),
        (" 1,50 ", "1.5"),
        ("2,0", "2"),
        ("2,00", "2"),
        ("0", "0"),
        ("0,05", "0.05"),
        ("007,10", "7.1"),
        ("1,5 ETP", "1.5"),
        ("1,5 etp", "1.5"),
        ("1,5ETP", "1.5"),
        ("0,8 équivalent temps plein", "0.8"),
        ("12 400,5", "12400.5"),
        (f"12{NNBSP}400,5", "12400.5"),
        (f"12{NBSP}400,5", "12400.5"),
        ("12\u2009400,5", "12400.5"),  # thin space
        ("1 000 000,25", "1000000.25"),
        ("12400.25", "12400.25"),
    ],
)
def test_parse_decimal_accepts(text, expected):
    value = parse_decimal(text)
    assert isinstance(value, Decimal)
    assert str(value) == expected  # trailing zeros dropped, never an exponent


@pytest.mark.parametrize(
    "text",
    ["", "   ", "un et demi", "abc", "-1,5", "\u22121,5", "- 0,5", "+1,5", "1,5 k", "1,5k", "1,5 K",
     "2 millions", "1,5 €", "1,5 %", ",5", "1,", "1 ,5", "1, 5", "1,5,5", "1.500.000", "12 40,5", "1234 567",
     "1,5 ou 2", "1e3", "1/2", "½", "Infinity", "NaN", "1" * 101, "1,5 ETP 2"],
)
def test_parse_decimal_invalid(text):
    with raises_key("decimal.invalid"):
        parse_decimal(text)


# "1.500" might be 1 500 written with a dot, so three digits after the separator are refused, zeros or not.
@pytest.mark.parametrize("text", ["1,555", "0,001", "1,500", "1.500", "1 500.000", "1,5555 ETP", "12 400,125"])
def test_parse_decimal_places(text):
    with raises_key("decimal.places"):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("10,01", 0, 10), ("0,49", Decimal("0.5"), None), ("1 000", None, 999), ("0", 1, 5)],
)
def test_parse_decimal_range(text, low, high):
    with raises_key("decimal.range", min=low, max=high):
        parse_decimal(text, min=low, max=high)


@pytest.mark.parametrize(("text", "total"), [
    ("2 x 0,8", Decimal("1.6")), ("2*0.8", Decimal("1.6")), ("deux fois 0,5", Decimal("1")),
    ("2 × 0,8 ETP", Decimal("1.6"))])
def test_a_count_times_a_figure_is_their_product(text, total):
    """Rémalard-en-Perche: "2 x 0,8" for two agents at 0,8 each was no number."""
    assert parse_answer(_question(Kind.DECIMAL, min=0, max=50), text) == total


@pytest.mark.parametrize(("text", "total"), [
    ("1 etp a elles 2", Decimal("1")), ("1 ETP à elles deux", Decimal("1")), ("1,5 pour les 3", Decimal("1.5")),
    ("0,8 ETP pour les deux", Decimal("0.8")), ("pareil, 1 etp a elles 2", Decimal("1"))])
def test_a_number_of_fte_shared_by_the_people_named_is_their_total(text, total):
    """"1 etp a elles 2" for the two counter clerks doing the welcome was no number."""
    question = _question(Kind.DECIMAL, min=0, max=50)
    assert parse_answer(question, text) == total
    with raises_key("decimal.each"):
        parse_answer(question, "0,5 chacune")


@pytest.mark.parametrize("text", ["2 temps plein mais partagés avec l'accompagnement, disons 1 ETP pour l'accueil",
                                  "deux agents, soit 1 ETP", "au final 1 etp"])
def test_a_figure_said_as_the_one_to_keep_after_others_is_the_answer(text):
    """Haut-Allier: "2 temps plein mais partagés…, disons 1 ETP pour l'accueil" was "Je n'ai pas reconnu un nombre"."""
    question = _question(Kind.DECIMAL, min=0, max=50, full_time_share=True)
    assert parse_answer(question, text) == 1
    assert reads_as_shown(question, text, Decimal(1)) is not text.startswith("2 temps")  # among others: said back


def test_parse_decimal_bounds_are_inclusive():
    assert parse_decimal("0", min=0, max=10) == 0
    assert parse_decimal("10,00", min=0, max=10) == 10
    assert parse_decimal("0,5", min=Decimal("0.5")) == Decimal("0.5")


@given(
    st.integers(min_value=0, max_value=1000 * 100).map(lambda c: Decimal(c).scaleb(-2)),
    st.sampled_from([",", "."]),
    st.sampled_from(["", " ETP", " etp"]),
)
def test_parse_decimal_round_trips_french_comma(number, sep, unit):
    written = format(number, "f").replace(".", sep)  # always two decimals: "12,50", "0,00"
    parsed = parse_decimal(written + unit, min=0, max=1000)
    assert parsed == number
    assert parsed == parse_decimal(written.rstrip("0").rstrip(sep))  # "12,5" and "12,50" are one number


@given(st.integers(min_value=0, max_value=10**12 * 100), st.sampled_from([" ", NBSP, NNBSP]))
def test_parse_decimal_reads_grouped_thousands(cents, sep):
    whole, rest = divmod(cents, 100)
    assert parse_decimal(f"{_group(whole, sep)},{rest:02d}") == Decimal(cents).scaleb(-2)


# ---------------------------------------------------------------- euros


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", "0.00"),
        ("1500", "1500.00"),
        ("1 500", "1500.00"),
        (f"1{NNBSP}500", "1500.00"),
        ("1 500,50 €", "1500.50"),
        (f"1{NBSP}500,5{NBSP}€", "1500.50"),
        ("1.500 €", "1500.00"),
        ("1.500,25 €", "1500.25"),
        ("1500.50", "1500.50"),
        ("1500.5", "1500.50"),
        ("35k€", "35000.00"),
        ("35 k€", "35000.00"),
        ("35 K€", "35000.00"),
        ("12,5 k€", "12500.00"),
        ("12,5k", "12500.00"),
        ("1,234 k€", "1234.00"),
        ("35 keur", "35000.00"),
        ("EUR 200", "200.00"),
        ("€200", "200.00"),
        ("200 euros", "200.00"),
        ("200 euro", "200.00"),
        ("200 EUR", "200.00"),
        ("1 000 000 €", "1000000.00"),
        ("100 000 000 €", "100000000.00"),
        ("1,230", "1.23"),
    ],
)
def test_parse_euros_accepts(text, expected):
    value = parse_euros(text)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)
    assert str(value) == expected  # quantized to 2 places


@pytest.mark.parametrize(
    "text",
    ["", "abc", "1 500.000", "1500.500", "1.5000", "1,500.50", "12 k k", "35 $", "1 50", "€", "k€", "--5", "- € -5"],
)
def test_parse_euros_invalid(text):
    with raises_key("euros.invalid"):
        parse_euros(text)


@pytest.mark.parametrize("text", ["1,234", "0,001", "12,5001", "1,234567 k€", "10,999"])
def test_parse_euros_cents(text):
    with raises_key("euros.cents"):
        parse_euros(text)


@pytest.mark.parametrize("text", ["-5", "-0,01 €", "€ -5", "- 12 500 €"])
def test_a_negative_amount_is_refused_as_negative(text):
    with raises_key("euros.negative"):
        parse_euros(text)
    assert _invalid("euros.negative") == (
        "⚠️ Un montant ne peut pas être négatif. Tapez-le sans signe moins. Exemple : 12 500 €.")


@pytest.mark.parametrize("text", ["100 000 000,01 €", "200 000 000", "100 001 k€", "9" * 5000])
def test_parse_euros_range(text):
    with raises_key("euros.range", min=0, max=100_000_000):
        parse_euros(text)


def test_parse_euros_minus_zero_is_zero():
    assert parse_euros("-0") == Decimal("0.00")


def _french_amount(cents: int, sep: str) -> str:
    text = f"{Decimal(cents) / 100:,.2f}"  # e.g. "1,500.50"
    return text.replace(",", "\0").replace(".", ",").replace("\0", sep)


@given(
    st.integers(min_value=0, max_value=100_000_000 * 100),
    st.sampled_from([" ", NBSP, NNBSP, "."]),
    st.sampled_from(["", " €", "€", " euros", f"{NNBSP}€"]),
    st.booleans(),
)
def test_parse_euros_round_trips_french_formats(cents, sep, suffix, drop_zero_cents):
    text = _french_amount(cents, sep)
    if drop_zero_cents and cents % 100 == 0:
        text = text[:-3]
    value = parse_euros(text + suffix)
    assert value == Decimal(cents) / 100
    assert value.as_tuple().exponent == -2


@given(st.integers(min_value=0, max_value=1_000_000), st.sampled_from(["k€", " k€", "k", " k", " keur"]))
def test_parse_euros_round_trips_thousands_form(hundreds, suffix):
    whole, tenth = divmod(hundreds, 10)
    text = _group(whole, " ") + (f",{tenth}" if tenth else "") + suffix
    assert parse_euros(text) == Decimal(hundreds * 100)


# ---------------------------------------------------------------- hours


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("24", 24 * 60),
        ("24h", 24 * 60),
        ("24 h", 24 * 60),
        ("24H", 24 * 60),
        ("24 heures", 24 * 60),
        ("1 heure", 60),
        ("24h30", 24 * 60 + 30),
        ("24 h 30", 24 * 60 + 30),
        ("24h30min", 24 * 60 + 30),
        ("24 heures et 30 minutes", 24 * 60 + 30),
        ("24h05", 24 * 60 + 5),
        ("24,5", 24 * 60 + 30),
        ("24.5 h", 24 * 60 + 30),
        ("24,25 heures", 24 * 60 + 15),
        ("24:30", 24 * 60 + 30),
        ("35 heures par semaine", 35 * 60),
        ("24 h/semaine", 24 * 60),
        ("24h / semaine", 24 * 60),
        ("24h par sem.", 24 * 60),
        ("0", 0),
        ("0h", 0),
        ("168h", 168 * 60),
        ("168:00", 168 * 60),
        ("7,33 h", 7 * 60 + 20),  # 0.33 h = 19.8 min, rounded to the minute
    ],
)
def test_parse_hours_accepts(text, minutes):
    assert parse_hours(text) == minutes


@pytest.mark.parametrize(
    "text", ["", "abc", "24h60", "24:75", "24h5", "24:5", "-3h", "24 jours", "h30", "24,5h30", "24 30", "24 m"]
)
def test_parse_hours_invalid(text):
    with raises_key("hours.invalid"):
        parse_hours(text)


@pytest.mark.parametrize("text", ["169", "168h01", "168:30", "200 heures", "9" * 5000 + "h"])
def test_parse_hours_range(text):
    with raises_key("hours.range", min=0, max=168):
        parse_hours(text)


@given(
    st.integers(min_value=0, max_value=168 * 60),
    st.sampled_from(["{h}h{m:02d}", "{h} h {m:02d}", "{h}:{m:02d}", "{h} heures {m:02d}", "{h}H{m:02d}min"]),
    st.sampled_from(["", " par semaine", "/semaine", " / semaine"]),
)
def test_parse_hours_round_trips_hours_minutes(total, pattern, suffix):
    h, m = divmod(total, 60)
    assert parse_hours(pattern.format(h=h, m=m) + suffix) == total


@given(st.integers(min_value=0, max_value=168), st.sampled_from(["{h}", "{h}h", "{h} h", "{h} heures"]))
def test_parse_hours_round_trips_whole_hours(h, pattern):
    assert parse_hours(pattern.format(h=h)) == h * 60


@given(st.integers(min_value=0, max_value=168 * 20 - 1), st.sampled_from([",", "."]), st.sampled_from(["", " h"]))
def test_parse_hours_round_trips_decimal_hours(twentieths, sep, unit):
    # multiples of 3 minutes are exact with two decimals (0.05 h)
    h, k = divmod(twentieths, 20)
    assert parse_hours(f"{h}{sep}{k * 5:02d}{unit}") == h * 60 + k * 3


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/03/2027", (2027, 3, 15)),
        ("15/3/2027", (2027, 3, 15)),
        ("5/3/2027", (2027, 3, 5)),
        ("15-03-2027", (2027, 3, 15)),
        ("15.03.2027", (2027, 3, 15)),
        ("2027-03-15", (2027, 3, 15)),
        ("15 mars 2027", (2027, 3, 15)),
        ("1er mars 2027", (2027, 3, 1)),
        ("1 mars 2027", (2027, 3, 1)),
        ("15 MARS 2027", (2027, 3, 15)),
        ("15 février 2027", (2027, 2, 15)),
        ("15 fevrier 2027", (2027, 2, 15)),
        ("15 Février 2027", (2027, 2, 15)),
        ("15 août 2027", (2027, 8, 15)),
        ("15 aout 2027", (2027, 8, 15)),
        ("15 décembre 2027", (2027, 12, 15)),
        ("15 decembre 2027", (2027, 12, 15)),
        ("15/03/27", (2027, 3, 15)),
        ("15 mars 27", (2027, 3, 15)),
        ("lundi 15 mars 2027", (2027, 3, 15)),
        ("Lundi, 15 mars 2027", (2027, 3, 15)),
        ("le lundi 15 mars 2027", (2027, 3, 15)),
        ("le 15 mars 2027", (2027, 3, 15)),
        ("mardi 16/03/2027", (2027, 3, 16)),
        ("15 sept. 2027", (2027, 9, 15)),
        ("15 janv 2027", (2027, 1, 15)),
        (" 15 mars 2027. ", (2027, 3, 15)),
        ("29/02/2028", (2028, 2, 29)),
        ("01/01/1990", (1990, 1, 1)),
        ("31/12/2100", (2100, 12, 31)),
    ],
)
def test_parse_date_accepts(text, expected):
    assert parse_date(text) == datetime.date(*expected)


@pytest.mark.parametrize(
    "text",
    ["", "demain", "15/13/2027", "0/1/2027", "15 foo 2027", "15 ju 2027", "2er mars 2027", "15/03-2027",
     "15032027", "15 ans", "15/13", "0 mars"],
)
def test_parse_date_invalid(text):
    with raises_key("date.invalid"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "day", "days", "month", "year"),
    [("31/02/2027", 31, 28, "février", 2027), ("29/02/2027", 29, 28, "février", 2027),
     ("32 janvier 2027", 32, 31, "janvier", 2027), ("2027-02-30", 30, 28, "février", 2027),
     ("31/04/2028", 31, 30, "avril", 2028)],
)
def test_a_day_the_month_does_not_have_is_named(text, day, days, month, year):
    with raises_key("date.no_such_day", day=day, days=days, month=month, year=year):
        parse_date(text)


@pytest.mark.parametrize(("text", "date", "weekday"), [
    ("lundi 16 mars 2027", (2027, 3, 16), "lundi"), ("Mardi, le 15/03/2027", (2027, 3, 15), "mardi"),
    ("le dimanche 1er mai 2027", (2027, 5, 1), "dimanche")])
def test_a_weekday_that_is_not_the_dates_is_not_guessed_between(text, date, weekday):
    with raises_key("date.weekday", date=datetime.date(*date), weekday=weekday):
        parse_date(text)


@pytest.mark.parametrize("text", ["15/03/1989", "01/01/2101", "1 mars 1900", "2200-01-01"])
def test_parse_date_range(text):
    with raises_key("date.range", min=1990, max=2100):
        parse_date(text)


_DATES = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31))


@given(_DATES, st.sampled_from(["{d:02d}/{m:02d}/{y}", "{d}/{m}/{y}", "{d:02d}-{m:02d}-{y}", "{d:02d}.{m:02d}.{y}"]))
def test_parse_date_round_trips_numeric(day, pattern):
    assert parse_date(pattern.format(d=day.day, m=day.month, y=day.year)) == day


@given(_DATES)
def test_parse_date_round_trips_iso(day):
    assert parse_date(day.isoformat()) == day


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@given(_DATES, st.sampled_from([str, str.upper, str.capitalize, _strip_accents]), st.booleans())
def test_parse_date_round_trips_french_words(day, style, first_as_er):
    d = "1er" if day.day == 1 and first_as_er else str(day.day)
    assert parse_date(f"{d} {style(MONTHS[day.month - 1])} {day.year}") == day


TODAY = datetime.date(2026, 12, 2)


@pytest.mark.parametrize(("text", "timing", "expected"), [
    ("15 janvier", "future", (2027, 1, 15)), ("15 janvier", "past", (2026, 1, 15)),
    ("le 15/01", "future", (2027, 1, 15)), ("15.01", "past", (2026, 1, 15)),
    ("2 décembre", "future", (2026, 12, 2)), ("2 décembre", "past", (2026, 12, 2)),  # today is both
    ("3 déc.", "past", (2025, 12, 3)), ("1er mars", "future", (2027, 3, 1)),
    ("vendredi 15 janvier", "future", (2027, 1, 15)),
    ("29 février", "future", (2028, 2, 29)), ("29 février", "past", (2024, 2, 29)),
])
def test_a_date_without_its_year_takes_the_next_or_the_last_one(text, timing, expected):
    parsed = parse_date(text, TODAY, timing)
    assert parsed == datetime.date(*expected) and isinstance(parsed, DateInferred)
    assert not isinstance(parse_date("15 janvier 2027", TODAY, timing), DateInferred)


@given(_DATES, _DATES, st.sampled_from(["future", "past"]), st.sampled_from(["{d} {month}", "{d}/{m}"]))
def test_a_date_without_its_year_is_that_day_on_the_right_side_of_today(day, today, timing, pattern):
    parsed = parse_date(pattern.format(d=day.day, m=day.month, month=MONTHS[day.month - 1]), today, timing)
    assert (parsed.month, parsed.day) == (day.month, day.day)
    assert (parsed >= today) if timing == "future" else (parsed <= today)
    # The nearest such day: a year away at most, or the next 29 February.
    assert abs((parsed - today).days) <= (366 if (day.month, day.day) != (2, 29) else 8 * 366)


@pytest.mark.parametrize(("text", "expected"), [
    ("hier", (2026, 12, 1)), ("Aujourd’hui", (2026, 12, 2)), ("avant-hier", (2026, 11, 30)),
    ("Demain !", (2026, 12, 3)), ("après-demain", (2026, 12, 4))])
def test_a_day_said_in_words_is_counted_from_today(text, expected):
    parsed = parse_date(text, TODAY, "past")
    assert parsed == datetime.date(*expected) and isinstance(parsed, DateInferred)


@pytest.mark.parametrize(("text", "timing", "expected"), [
    # Val-de-Bonnieure: "la semaine dernière, mardi je crois" at « À quelle date l'avez-vous contacté… ? »
    ("la semaine dernière, mardi je crois", "past", (2026, 11, 24)), ("mardi de la semaine dernière", "past",
                                                                      (2026, 11, 24)),
    ("mardi dernier", "past", (2026, 12, 1)), ("mardi", "past", (2026, 12, 1)), ("mercredi", "past", (2026, 12, 2)),
    ("jeudi", "future", (2026, 12, 3)), ("lundi prochain", "nearest", (2026, 12, 7)),
    ("le lundi de la semaine prochaine", "future", (2026, 12, 7)),
    ("il y a 15 jours", "past", (2026, 11, 17)), ("il y a trois semaines", "past", (2026, 11, 11)),
    ("il y a une semaine", None, (2026, 11, 25))])
def test_a_weekday_or_days_ago_are_counted_from_today(text, timing, expected):
    """TODAY is Wednesday 2 December 2026; the calendar week starts on Monday."""
    parsed = parse_date(text, TODAY, timing)
    assert parsed == datetime.date(*expected) and isinstance(parsed, DateInferred)


@pytest.mark.parametrize(("text", "timing"), [("mardi", "nearest"), ("mardi", None), ("la semaine dernière", "past"),
                                              ("mardi dernier", None)])
def test_a_weekday_without_its_side_of_today_or_a_week_alone_is_no_date(text, timing):
    with raises_key("date.invalid"):
        parse_date(text, TODAY if timing else None, timing)


def test_a_day_in_words_needs_a_today_to_count_from():
    with raises_key("date.invalid"):
        parse_date("hier")


def test_a_date_without_its_year_keeps_the_days_and_weekdays_checks():
    with raises_key("date.weekday", date=datetime.date(2027, 1, 15), weekday="lundi"):
        parse_date("lundi 15 janvier", TODAY, "future")
    with raises_key("date.no_such_day", day=31, days=30, month="avril", year=2026):
        parse_date("31 avril", TODAY, "past")
    # Nothing to date it from: the year is asked for.
    for text in ("15 mars", "15/03"):
        with raises_key("date.no_year"):
            parse_date(text)
    assert _invalid("date.no_year") == "⚠️ Précisez l'année. Exemple : 15 mars 2027."



@pytest.mark.parametrize(("text", "month", "year"), [
    ("mars 2027", "mars", "2027"), ("en mars", "mars", None), ("Fin mars.", "mars", None),
    ("Début avril 2027", "avril", "2027"), ("03/2027", "mars", "2027"), ("au mois de mai", "mai", None),
    ("mi-juin", "juin", None), ("septembre prochain", "septembre", None), ("courant oct.", "octobre", None),
    ("avec le sous-préfet en septembre", "septembre", None), ("l'inauguration en mai 2027", "mai", "2027"),
    ("Le premier en juin 2027.", "juin", "2027")])  # Plouaret: the first committee, not the 1st of a month
def test_a_month_without_its_day_asks_for_the_day(text, month, year):
    with raises_key("date.no_day", month=month, year=year):
        parse_date(text, TODAY, "future")


def test_what_names_no_month_is_not_a_date():
    for text in ("printemps 2027", "13/2027", "jui 2027", "bientôt", "début", "en septembre ou en octobre",
                 "réunion à 14h en septembre"):
        with raises_key("date.invalid"):
            parse_date(text, TODAY, "future")


def test_the_day_is_asked_for_with_the_month_and_year_typed():
    def said(deferrable, **params):
        return _RENDERER.html(Reply("invalid", {"key": "date.no_day", "params": params, "kind": "date",
                                                "deferrable": deferrable}))
    assert said(True, month="mars", year="2027") == (
        "⚠️ Il me faut aussi le jour. Exemple : 15 mars 2027. "
        "Jour inconnu pour l'instant ? Touchez «\u00a0🕓 Je ne sais pas encore\u00a0».")
    assert said(False, month="mai", year=None) == "⚠️ Il me faut aussi le jour. Exemple : 15 mai."

@pytest.mark.parametrize(("text", "expected"), [
    ("conseil communautaire du 12 novembre 2026", datetime.date(2026, 11, 12)),
    ("Délibération du 12/11/2026.", datetime.date(2026, 11, 12)),
    ("délibération n° 2026-45 du jeudi 12 novembre 2026", datetime.date(2026, 11, 12)),
    ("le 12 novembre 2026 à 18h30", datetime.date(2026, 11, 12)),
    ("Réunion prévue le 15/03/27, salle du conseil", datetime.date(2027, 3, 15)),
    # A negation in another clause is about something else: La Poste decides, it does not deliberate.
    ("pas de délibération chez nous, c'est la direction qui décide, accord donné le 3 novembre 2026",
     datetime.date(2026, 11, 3))])
def test_a_sentence_holding_one_date_is_that_date_said_back(text, expected):
    """The words around the date are left out, so the chat shows the date it took (a DateInferred)."""
    date = parse_date(text)
    assert date == expected and isinstance(date, DateInferred)


def test_a_date_in_a_sentence_takes_its_year_from_the_questions_timing():
    assert parse_date("conseil municipal du 12 novembre", TODAY, "past") == datetime.date(2026, 11, 12)


@pytest.mark.parametrize(("text", "timing", "expected"), [
    # A deadline already gone: "c'était" is the last 30 September, not the next one the question would expect.
    ("c'était le 30 septembre, on l'a déposé le 15", "future", datetime.date(2026, 9, 30)),
    ("la date limite était le 30 septembre", "future", datetime.date(2026, 9, 30)),
    ("ça a été le 2 mars", "future", datetime.date(2026, 3, 2)),
    ("on a ouvert le 2 septembre", "future", datetime.date(2026, 9, 2)),
    # A thing not done yet, at a question about one done: the next such day.
    ("ce sera le 12 janvier", "past", datetime.date(2027, 1, 12)),
    ("on l'enverra le 12 janvier", "past", datetime.date(2027, 1, 12)),
    # A date set in the past, or a thing one has, says nothing of the date's side of today: the question's timing.
    ("la date limite a été fixée au 31 mars", "future", datetime.date(2027, 3, 31)),
    ("on nous a indiqué le 31 mars", "future", datetime.date(2027, 3, 31)),
    ("on a une réunion le 12 janvier", "future", datetime.date(2027, 1, 12)),
    ("on a rendez-vous le 12 janvier", "future", datetime.date(2027, 1, 12))])
def test_a_date_in_a_sentence_takes_its_year_from_its_tense_before_the_questions_timing(text, timing, expected):
    """The chat then asks to confirm a date on the other side of today from the question's expectation."""
    assert parse_date(text, TODAY, timing) == expected


@pytest.mark.parametrize("text", [
    "avant le 15 mars 2027", "après le 15/03/2027", "vers le 15 mars 2027", "le 12 ou le 15 mars 2027",
    "entre le 12/03/2027 et le 15/03/2027", "réunions du 12/03/2027 et du 15/03/2027", "pas le 15 mars 2027",
    "au 3 rue du Marché", "12 personnes le 2", "semaine du 15 mars 2027", "reporté au 15 mars 2027",
    "le 15 mars 2027, pas sûr", "non, pas le 15 mars 2027"])
def test_a_sentence_with_a_bound_or_several_dates_is_not_a_date(text):
    with raises_key("date.invalid"):
        parse_date(text, TODAY, "future")


def test_a_date_in_a_sentence_that_cannot_be_says_why():
    with raises_key("date.no_such_day", day=31, days=30, month="avril", year=2027):
        parse_date("conseil du 31 avril 2027")
    with raises_key("date.no_year"):
        parse_date("conseil du 12 novembre")


# ---------------------------------------------------------------- buttons and commands typed

COMMAND_NAMES = ("start", "menu", "aide", "mes_donnees", "a_traiter", "conformite", "avancement")


@pytest.mark.parametrize(("text", "command"), [
    ("aide", "aide"), ("Aide !", "aide"), ("MENU", "menu"), ("/menu", "menu"), ("mes données", "mes_donnees"),
    ("À traiter", "a_traiter"), ("conformité.", "conformite"),
    ("de l'aide", None), ("aide au démarrage", None), ("menuiserie", None), ("Marie Dupont", None),
    ("On en est où ?", "avancement"), ("Où en suis-je ?", "avancement"), ("Comment ça marche ?", "aide"),
    ("où en est la CAF", None)])
def test_a_command_typed_without_its_slash_is_that_command(text, command):
    assert typed_command(text, COMMAND_NAMES) == command


@pytest.mark.parametrize(("text", "meant"), [
    ("passer", "skip"), ("Je passe.", "skip"), ("Je ne sais pas", "defer"), ("je sais pas…", "defer"),
    ("Aucune idée", "defer"), ("Plus tard", "defer"), ("on verra", "defer"), ("À compléter plus tard.", "defer"),
    ("retour", "back"), ("Question précédente", "back"), ("Pas encore", "defer"), ("pas encore défini", "defer"),
    ("plus tard en 2027", None), ("je ne sais pas qui", None), ("Marie Dupont", None),
    ("je l'ai pas sous la main", "defer"), ("À vérifier", "defer"), ("Je ne sais plus.", "defer"),
    # Then why: "je ne sais pas" is the button all the same
    ("Je ne sais pas, je dois demander au directeur du bureau.", "defer"), ("Plus tard : on verra avec la mairie",
                                                                           "defer"),
    ("pas encore, on cherche", "defer"), ("Marie Dupont, plus tard DGS", None),
    # The "ne" typed French drops, and what moves on or goes back
    ("je sais pas trop", "defer"), ("On sait pas encore", "defer"), ("J'en sais rien", "defer"),
    ("annuler", "back"), ("Étape suivante ➡️", "move_on"), ("on passe à la suite", "move_on"),
    # What does not apply is passed: "pas besoin, c'est nous le porteur" for La Poste's own local convention
    ("sans objet", "skip"), ("Non concernés.", "skip"), ("pas besoin, c'est nous le porteur", "skip"),
    ("pas besoin de local", None),
    ("pas de date limite, au fil de l'eau d'après lui", "skip"), ("aucune date", "skip")])  # Val-de-Bonnieure
def test_a_buttons_words_typed_are_that_button(text, meant):
    assert typed_button(_question(Kind.SHORT_TEXT), text) == meant


@pytest.mark.parametrize(("text", "meant"), [
    ("on verra ça plus tard", "defer"), ("je compléterai plus tard", "defer"), ("je le mettrai plus tard", "defer"),
    ("je vais leur demander", "defer"), ("je demande au maire", "defer"), ("à voir avec la directrice", "defer"),
    ("je ne sais pas encore pour La Poste", "defer"), ("pas encore contactés", "defer"), ("je vais voir", "defer"),
    ("on verra tout ça plus tard", "defer_partners"), ("tous les partenaires plus tard", "defer_partners"),
    ("plus tard pour tous", "defer_partners"), ("tous les autres partenaires plus tard", "defer_partners"),
    ("le reste des partenaires plus tard", "defer_partners"),
    # Val-de-Bonnieure: with whom or when it will be done, said after it
    ("on verra tout ça plus tard avec chaque partenaire", "defer_partners"),
    ("on verra ça plus tard avec eux", "defer"), ("je compléterai quand j'aurai leurs réponses", "defer"),
    ("je verrai avec chaque partenaire", "defer"),
    # Les Rousses: when, said as a meeting or a month, was kept as the Préfecture's expectations
    ("on verra au rdv du 14 janvier", "defer"), ("on verra en janvier", "defer"),
    ("on verra lors de la réunion", "defer"), ("on le verra à la sous-préfecture", "defer"),
    # Haut-Allier: someone not named yet, which the convention-cadre would print as a name
    ("pas encore designe, a voir avec la DR", "defer"), ("pas encore nommée", "defer"), ("à désigner", "defer"),
    ("en cours de désignation", "defer"), ("pas encore recruté", "defer"),
    ("La Poste, direction régionale de Normandie", None), ("Direction pour la Normandie", None),
    ("réunion prévue plus tard", None), ("je demande une subvention", None)])
def test_later_said_in_a_sentence_is_no_answer(text, meant):
    """"on verra tous les partenaires plus tard" became the official name of the body signing for La Poste, which
    the convention-cadre prints."""
    assert typed_button(_question(Kind.SHORT_TEXT), text) == meant


def test_not_yet_at_a_yes_no_question_is_its_no_not_later():
    """"pas encore" asked "À qui transmettre le dossier ?" was stored as the addressee; asked "Avez-vous contacté
    votre référent ?" it is a no."""
    assert typed_button(_question(Kind.YES_NO), "pas encore") is None
    assert parse_answer(_question(Kind.YES_NO), "pas encore") is False
    assert typed_button(_question(Kind.YES_NO), "pas besoin") is None
    assert parse_answer(_question(Kind.YES_NO), "pas besoin") is False


@pytest.mark.parametrize(("text", "meant"), [
    ("oui", "next"), ("Oui, tout est juste !", "next"), ("OK merci", "next"), ("\U0001F44D", "next"),
    ("C'est bon", "next"), ("Étape suivante", "next"), ("je confirme", "next"), ("3", 3), ("✏️ 3", 3),
    ("modifier la 3", 3), ("Question 1", 1), ("retour", "back"), ("On passe à la suite.", "next"),
    ("oui, passons à l'étape suivante", "next"), ("on y va", "next"), ("non", None), ("Non, c'est pas juste", None),
    ("oui mais la 3 est fausse", None), ("ajuster", None),
    ("7", None), ("0", None), ("Marie Dupont", None)])
def test_what_is_typed_under_a_recap_is_the_button_it_names(text, meant):
    assert typed_at_recap(text, answers=6) == meant


@pytest.mark.parametrize(("text", "more"), [
    ("oui par mail", None), ("oui, lors de la réunion", None), ("Oui bien sûr, avec l'animation nationale.", None),
    ("oui, il s'est réuni le 3 novembre à Murat", "il s'est réuni le 3 novembre à Murat"),
    ("oui on l'a fait la semaine dernière avec le maire", "on l'a fait la semaine dernière avec le maire")])
def test_a_yes_kept_whole_may_tell_more_than_how(text, more):
    assert yes_told_more(text, "Coopérerez-vous avec l'animation nationale du réseau ?") == more


@pytest.mark.parametrize(("text", "alone"), [
    ("en octobre", True), ("octobre 2026", True), ("Octobre.", True), ("le 14 octobre", False),
    ("Mme Vidal depuis janvier", False), ("M. Roux", False)])
def test_a_month_alone_is_a_date_without_its_day(text, alone):
    assert month_alone(text) is alone


@pytest.mark.parametrize(("text", "numbered"), [
    ("3 Temps plein", (3, "Temps plein")), ("la 3 : temps plein", (3, "temps plein")),
    ("2. Directrice", (2, "Directrice")), ("n° 4 – 6 500", (4, "6 500")), ("1", (1, "")), ("12 000 habitants", None), ("Temps plein", None)])
def test_a_reply_to_a_list_of_questions_names_one_by_its_number(text, numbered):
    assert numbered_answer(text) == numbered


@pytest.mark.parametrize(("text", "key"), [
    ("France services de Figeac", None), ("MSAP 2027", None), ("CC du Causse", None), ("Lot", None),
    ("Bonjour", "title.not_a_name"), ("Salut !", "title.not_a_name"), ("1", "title.not_a_name"),
    ("oui", "title.not_a_name"), ("à voir", "title.not_a_name"), ("Comment ça marche ?", "title.question")])
def test_a_project_or_territory_name_is_some_words(text, key):
    if key is None:
        assert parse_title(text) == text
    else:
        with raises_key(key):
            parse_title(text)


@pytest.mark.parametrize(("text", "title"), [
    ("Bordeaux Métropole, en Gironde.", "Bordeaux Métropole, en Gironde"),  # a title ends a sentence no more
    ("CC du Val etc.", "CC du Val etc."), ("Quartier Nord...", "Quartier Nord..."),  # its abbreviation's, its dots
    ("Saint-Jean (64).", "Saint-Jean (64)"), ("Une demi-journée par mois.", "Une demi-journée par mois")])  # a word
def test_a_title_is_printed_without_the_full_stop_of_a_sentence(text, title):
    assert parse_title(text) == title


FUNCTION = Question(id="fonction", prompt="Quelle est sa fonction et dans quelle structure ?", kind=Kind.SHORT_TEXT)


def test_a_table_pasted_as_a_text_answer_keeps_its_cells_apart():
    furniture = Question(id="mobilier", prompt="Quel mobilier de bureau prévoyez-vous ?", kind=Kind.LONG_TEXT)
    assert parse_answer(furniture, "Banque d'accueil\t1\t2 400 €\nChaises\t8\t640 €") == (
        "Banque d'accueil – 1 – 2 400 €\nChaises – 8 – 640 €")


@pytest.mark.parametrize(("text", "title"), [
    ("« France services de Saint-Laurent »", "France services de Saint-Laurent"),  # the documents quote it
    ('"France services de Saint-Laurent".', "France services de Saint-Laurent"),
    ("Nom du projet : « France services de Saint-Laurent »", "France services de Saint-Laurent"),
    ("Maison « Les Tilleuls »", "Maison « Les Tilleuls »"),  # a quote inside is the name's own
    ("Bonjour ! France services de Bénévent", "France services de Bénévent"),
    ("Bonjour, je suis la directrice du centre social Le Lien. Notre projet : France services du Pays Sostranien",
     "France services du Pays Sostranien"),  # introduced: the name follows its label, the last one
    ("Le projet s'appelle « Maison France services de Dun »", "Maison France services de Dun"),
    ("Il s'appellera France services du Pays Dunois.", "France services du Pays Dunois"),
    ("France services de Notre-Dame-de-Monts", "France services de Notre-Dame-de-Monts")])
def test_a_title_copied_with_its_label_or_quotes_is_the_title_alone(text, title):
    assert parse_title(text) == title


@pytest.mark.parametrize("text", ["Nom du projet : France services de Dun – Territoire : CC du Pays Dunois",
                                  "Bonjour, projet : France services de Dun, territoire : CC du Pays Dunois"])
def test_a_name_and_a_territory_pasted_together_are_each_read_apart(text):
    """The name took the territory, the last label of the message."""
    assert parse_title(text) == "France services de Dun"
    assert parse_title(text, territory=True) == territory_said(text) == "CC du Pays Dunois"
    assert territory_said("France services de Dun") is None
    assert parse_title("Territoire : CC La Grandvallière (Jura)", territory=True) == "CC La Grandvallière (Jura)"


@pytest.mark.parametrize("text", [
    "Bonjour, je suis la directrice du centre social Le Lien", "J'aimerais ouvrir une France services",
    "Nous sommes sur la CC Monts et Vallées Ouest Creuse"])
def test_a_sentence_said_of_oneself_is_no_title(text):
    with raises_key("title.sentence", typed=text):
        parse_title(text)


def test_a_name_or_a_function_pasted_over_lines_is_printed_on_one():
    assert parse_title("Communauté de communes La Grandvallière\n(Jura, 39)") == \
        "Communauté de communes La Grandvallière (Jura, 39)"
    assert parse_answer(FUNCTION, "Chargée de mission\nCommunauté de communes La Grandvallière") == \
        "Chargée de mission, Communauté de communes La Grandvallière"
    assert name_and_function("Claire Vuillet\nChargée de mission\nCC La Grandvallière") == \
        ("Claire Vuillet", "Chargée de mission, CC La Grandvallière")
    assert name_and_function("Le président\nJean Dupont") == ("Jean Dupont", "président")


@pytest.mark.parametrize(("text", "meant"), [
    ("Euh, France services des Aubiers", "France services des Aubiers"), ("euh la deuxième", "la deuxième"),
    ("Alors c'est moi, Nadia Benali", "c'est moi, Nadia Benali"), ("Bon, la 2", "la 2"), ("Hum hum oui", "oui"),
    ("Alors, ", "Alors, "),  # nothing else: as typed, for the question to say what it waits for
    ("alors que la poste a fermé", "alors que la poste a fermé"), ("Bon Secours", "Bon Secours"),
    ("Ben Salah Karim", "Ben Salah Karim")])
def test_the_fillers_a_dictated_answer_starts_with_are_not_part_of_it(text, meant):
    assert spoken(text) == meant


@pytest.mark.parametrize(("text", "meant"), [
    ("brouillon", "draft"), ("📝 Brouillon", "draft"), ("Le dossier final", "final"), ("oui", True), ("OK", True),
    ("oui merci", True), ("non", None), ("Marie Dupont", None), ("brouillon de la lettre", None)])
def test_what_is_typed_under_dossier_is_the_button_it_names(text, meant):
    assert typed_at_dossier(text) == meant


STAGE_TITLES = ["Établir un diagnostic pour définir le projet", "Définir le portage", "Calibrer l'équipe"]


@pytest.mark.parametrize(("text", "meant"), [
    ("2", 2), ("étape 3", 3), ("L'étape 1", 1), ("aller à l'étape 2", 2), ("Calibrer l'équipe", 3),
    ("3. Calibrer l'équipe", 3), ("définir le portage", 2), ("continuer", "next"), ("▶️ Continuer", "next"),
    ("4", None), ("0", None), ("Marie Dupont", None), ("l'équipe", None), ("2 agents", None),
    ("On passe au portage.", 2), ("on va au diagnostic", 1), ("passons à l'étape 3", 3), ("le portage", None),
    ("on passe à la suite du projet", None)])
def test_what_is_typed_under_the_menu_is_the_stage_it_names(text, meant):
    assert typed_at_menu(text, STAGE_TITLES) == meant


PROJECT_NAMES = ["MSAP des Causses", "France services de Saint-Céré", "MSAP du Ségala"]


@pytest.mark.parametrize(("text", "meant"), [
    ("nouveau projet", "new_project"), ("➕ Nouveau projet", "new_project"), ("Créer un nouveau projet", "new_project"),
    ("MSAP des Causses", 0), ("📁 MSAP des Causses", 0), ("les causses", 0), ("saint cere", 1),
    ("ouvrir Saint-Céré", 1), ("le projet du Ségala", 2), ("MSAP", None), ("Marie Dupont", None), ("oui", None),
    ("des", None), ("Causses et Ségala", None)])
def test_what_is_typed_under_projects_is_the_project_it_names(text, meant):
    assert typed_at_projects(text, PROJECT_NAMES) == meant


@pytest.mark.parametrize(("text", "meant"), [
    ("2", 2), ("Répondre 2", 2), ("✏️ Répondre 12", 12), ("la 3.", 3), ("répondre à la 1", 1), ("2 agents", None),
    ("Marie Dupont", None)])
def test_a_number_typed_under_the_list_of_questions_left_for_later_is_its_button(text, meant):
    assert typed_at_deferred(text) == meant


@pytest.mark.parametrize(("text", "meant"), [
    ("tout est fait", True), ("Tout !", True), ("☑️ Tout cocher", True), ("c'est tout fait pour cette étape", True),
    ("on a tout fait", True), ("⬜ Tout décocher", False), ("rien", False), ("tout sauf la visite", None),
    ("3", None), ("oui", None)])
def test_all_done_typed_under_a_stage_s_checklist(text, meant):
    assert typed_at_checklist_stage(text) is meant


@pytest.mark.parametrize(("text", "place"), [
    ("comité le 29 mars de 14h à 16h à la salle du conseil de la CC", "Salle du conseil de la CC"),
    ("le 12 juin en mairie de Bitche", "Mairie de Bitche"), ("29 mars à Bitche", "Bitche"),
    ("29/03/2027 à l'hôtel de ville de Saint-Avold", "Hôtel de ville de Saint-Avold"),
    ("le 3 mai au siège de la CC", "Siège de la CC"), ("le 29 mars 2027 de 14h à 16h", None),
    ("comité le 12 juin à 14h", None), ("le 12 Juin", None), ("le 12 juin, il y a Marie qui vient", None),
    ("le comité sera en Mars", None)])
def test_where_a_committee_meets_said_with_its_date(text, place):
    assert place_said(text) == place


@pytest.mark.parametrize(("typed", "kept"), [
    ("à la salle des fêtes de Bitche", "Salle des fêtes de Bitche"), ("à Bitche, salle 3", "Bitche, salle 3"),
    ("au siège de la CC.", "Siège de la CC"), ("salle du conseil, mairie de Salles-Curan",
                                              "salle du conseil, mairie de Salles-Curan")])
def test_a_place_typed_as_an_answer_is_kept_as_a_document_prints_it(typed, kept):
    """"à la salle des fêtes" at « Où se tiendra-t-il ? » made the dossier say "lieu : à la salle des fêtes"."""
    assert parse_answer(_question(Kind.SHORT_TEXT, place=True), typed) == kept
    assert parse_answer(_question(Kind.SHORT_TEXT), typed) == typed.removesuffix(".")
    with pytest.raises(ValueError, match="place is only for short texts"):
        _question(Kind.LONG_TEXT, place=True)


@pytest.mark.parametrize(("text", "meant"), [
    ("inviter Paul", TEAM_INVITE), ("➕ Inviter quelqu'un", TEAM_INVITE), ("Ajouter un membre", TEAM_INVITE),
    ("Invitation", TEAM_INVITE), ("🚪 Quitter le projet", TEAM_LEAVE), ("Je veux quitter le projet.", TEAM_LEAVE),
    ("me retirer de l'équipe", TEAM_LEAVE), ("je pars", TEAM_LEAVE), ("Directrice", None),
    ("inventaire des services", None), ("oui", None), ("partir de zéro", None),
    ("je quitte la CC en janvier, je dois passer le projet au nouveau président", TEAM_HANDOVER),
    ("transmettre le projet à Jean-Pierre", TEAM_HANDOVER), ("je passe la main", TEAM_HANDOVER),
    ("mon successeur arrive lundi", TEAM_HANDOVER), ("le projet est bien avancé", None)])
def test_inviting_or_leaving_is_what_is_typed_under_the_team_for_its_button(text, meant):
    assert typed_at_team(text) == meant


def test_an_option_named_like_a_button_stays_an_answer():
    question = Question(id="q", prompt="Q ?", kind=Kind.CHOICE,
                        options=[Option(id="oui", label="Oui"), Option(id="nsp", label="Je ne sais pas")])
    assert typed_button(question, "je ne sais pas") is None and parse_answer(question, "je ne sais pas") == "nsp"
    assert typed_button(question, "passer") == "skip"


def test_no_option_of_the_guide_is_taken_for_a_button_or_a_command():
    """Else tapping nothing and typing that option would never choose it."""
    from states.engine import COMMANDS
    for referential in load_referentials(load_budget_model()).values():
        for question in referential.guide.questions.values():
            for option in question.options:
                assert typed_command(option.label, COMMANDS) is None, (question.id, option.label)
                assert typed_button(_question(Kind.SHORT_TEXT), option.label) is None, (question.id, option.label)


# ---------------------------------------------------------------- yes / no


@pytest.mark.parametrize(
    "text",
    ["oui", "Oui", "OUI", "oui !", "Oui.", "o", "O", "ouais", "yes", "Y", "ok", "OK !", "d'accord", "D\u2019accord",
     "bien sûr", "Bien sur !", "absolument", "exact", "👍", "✅", "👍🏽", "✅\ufe0f", "oui 👍", "oui 😊", " oui\n"],
)
def test_parse_yes(text):
    assert parse_yes_no(text) is True


@pytest.mark.parametrize(
    "text", ["non", "Non.", "NON !", "n", "no", "nan", "pas encore", "Pas du tout !", "aucun", "❌", "👎", "non ❌",
             "pas au début", "Pas tout de suite.", "pas dans un premier temps", "pas à l'ouverture"]
)
def test_parse_no(text):
    assert parse_yes_no(text) is False


@pytest.mark.parametrize(("text", "value"), [
    ("il le sera", True), ("Elle l'est.", True), ("oui il le sera", True), ("ils le sont", True),
    ("elles le seront", True), ("c'est le cas", True), ("ce sera le cas", True),
    ("il ne l'est pas", False), ("il ne l'est pas encore", False), ("elle ne le sera pas", False),
    ("ce n'est pas le cas", False), ("pas encore le cas", False), ("non, il ne l'est pas", False)])
def test_a_yes_or_no_said_back_with_the_question_s_verb_is_one(text, value):
    """"il le sera, la formation CNFPT est prévue en février" at « Le conseiller 1 est-il formé, ou le sera-t-il… ? »
    was "Répondez par oui ou par non"."""
    assert parse_yes_no(text) is value


@pytest.mark.parametrize("text", ["", "peut-être", "oui non", "oui ❌", "non 👍", "👍❌", "bof", "?", "ouiii", "nonante"])
def test_parse_yes_no_invalid(text):
    with raises_key("yes_no.invalid"):
        parse_yes_no(text)


@pytest.mark.parametrize(
    "text",
    ["oui bien sûr", "oui, bien sûr !", "Oui merci", "OUI MERCI BEAUCOUP", "tout à fait", "Tout a fait.",
     "bien entendu", "Bien entendu !", "absolument", "exactement", "évidemment", "Evidemment", "certainement",
     "volontiers", "oui volontiers, merci", "c'est ça", "C\u2019est ça !", "c'est fait", "oui, c'est fait",
     "d'accord, merci", "ok svp", "oui s'il vous plaît", "oui je pense", "je pense, oui", "oui oui",
     "bien sûr que oui", "👍 merci", "« oui »", "Oui\u00a0!",
     "ponctuellement oui", "oui si besoin", "parfois oui", "oui, sur rdv",  # Haut-Allier: a yes, how often
     "oui si c'est la regle", "oui si c'est requis"],  # Les Rousses: a yes, on the label's terms
)
def test_parse_yes_phrases(text):
    assert parse_yes_no(text) is True


@pytest.mark.parametrize(
    "text",
    ["non merci", "Non, merci.", "NON MERCI", "non pas encore", "Non, pas encore.", "pas encore, merci",
     "pas pour l'instant", "Pas pour l\u2019instant", "pas pour le moment", "non, pas pour le moment",
     "toujours pas", "Non, toujours pas !", "jamais", "Jamais.", "non jamais", "aucune", "non, aucun",
     "pas du tout, merci", "non, bien sûr que non", "bien sûr que non", "absolument pas", "certainement pas",
     "non non", "non je pense", "merci, non", "❌ merci"],
)
def test_parse_no_phrases(text):
    assert parse_yes_no(text) is False


@pytest.mark.parametrize(
    "text",
    ["oui mais non", "oui et non", "non bien sûr", "oui, non", "jamais, oui", "oui pas encore", "non, exactement",
     "ok jamais", "oui mais plus tard", "peut-être bien", "je ne sais pas", "pas", "oui plus tard",
     "merci", "merci beaucoup", "svp", "je pense", "s'il vous plaît !", "non 👍 merci", "ok ❌",
     "pas vraiment", "ouiii merci", "oui 1", "o.k.", "oui; DROP TABLE answers"],
)
def test_parse_yes_no_refuses_mixed_or_unknown_words(text):
    with raises_key("yes_no.invalid"):
        parse_yes_no(text)


@given(
    st.lists(st.sampled_from(["oui", "ouais", "bien sûr", "tout à fait", "c'est ça", "volontiers"]), min_size=1),
    st.lists(st.sampled_from(["non", "pas encore", "jamais", "toujours pas", "pas pour l'instant"]), min_size=1),
    st.sampled_from([" ", ", ", " ! ", " merci "]),
    st.booleans(),
)
def test_parse_yes_no_any_mix_of_polarities_is_refused(yes, no, sep, yes_first):
    assert parse_yes_no(sep.join(yes)) is True
    assert parse_yes_no(sep.join(no)) is False
    with raises_key("yes_no.invalid"):
        parse_yes_no(sep.join(yes + no if yes_first else no + yes))


# ---------------------------------------------------------------- free text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  bonjour  ", "bonjour"),
        ("ligne 1\r\nligne 2", "ligne 1\nligne 2"),
        ("a\tb", "a\tb"),
        ("a\x00b\x07c\x1bd\x7fe\x85f", "abcdef"),
        ("Élodie, café, garçon", "Élodie, café, garçon"),
        ("Mairie 🏛️ ouverte", "Mairie 🏛️ ouverte"),
        ("<b>gras</b>", "<b>gras</b>"),
        ("{{ 7*7 }}", "{{ 7*7 }}"),
        ("مرحبا بالعالم", "مرحبا بالعالم"),
        ("\u200fשלום", "\u200fשלום"),  # RTL mark (category Cf) is kept
        ("\x00 x \x00", "x"),
    ],
)
def test_parse_text_accepts(text, expected):
    assert parse_text(text, SHORT_TEXT_MAX) == expected


@pytest.mark.parametrize("text", ["", "   ", "\r\n\t ", "\x00\x01"])
def test_parse_text_empty(text):
    with raises_key("text.empty"):
        parse_text(text, SHORT_TEXT_MAX)


def test_parse_text_too_long():
    assert parse_text("x" * SHORT_TEXT_MAX, SHORT_TEXT_MAX) == "x" * SHORT_TEXT_MAX
    with raises_key("text.too_long", max_length=SHORT_TEXT_MAX, length=SHORT_TEXT_MAX + 1):
        parse_text("x" * (SHORT_TEXT_MAX + 1), SHORT_TEXT_MAX)
    with raises_key("text.too_long", max_length=10, length=11):
        parse_text("  " + "y" * 11 + "  ", 10)


_CONTROLS = st.characters(categories=["Cc"]).filter(lambda c: c not in "\n\t\r")


@given(
    st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=1, max_size=SHORT_TEXT_MAX).map(str.strip).filter(bool),
    st.lists(st.tuples(st.integers(min_value=0), _CONTROLS), max_size=10),
    st.sampled_from(["", " ", "\n", "\t "]),
)
def test_parse_text_removes_only_control_characters(clean, insertions, padding):
    noisy = clean
    for position, control in insertions:
        at = position % (len(noisy) + 1)
        noisy = noisy[:at] + control + noisy[at:]
    assert parse_text(padding + noisy + padding, SHORT_TEXT_MAX) == clean


# ---------------------------------------------------------------- parse_answer


def _question(kind: Kind, **extra) -> Question:
    return Question(id="q", prompt="Question ?", kind=kind, **extra)


_OPTIONS = [
    Option(id="mairie", label="Mairie"),
    Option(id="emploi_formation", label="Emploi et formation"),
    Option(id="caf", label="Caisse d'allocations familiales"),
    Option(id="sante", label="Santé"),
]


def test_parse_answer_texts():
    assert parse_answer(_question(Kind.SHORT_TEXT), " salut ") == "salut"
    with raises_key("text.too_long", max_length=SHORT_TEXT_MAX, length=SHORT_TEXT_MAX + 1):
        parse_answer(_question(Kind.SHORT_TEXT), "x" * (SHORT_TEXT_MAX + 1))
    assert parse_answer(_question(Kind.LONG_TEXT), "x" * LONG_TEXT_MAX) == "x" * LONG_TEXT_MAX
    with raises_key("text.too_long", max_length=LONG_TEXT_MAX, length=LONG_TEXT_MAX + 1):
        parse_answer(_question(Kind.LONG_TEXT), "x" * (LONG_TEXT_MAX + 1))


@pytest.mark.parametrize(("text", "expected"), [("trois", 3), ("Deux agents", 2), ("une", 1), ("zéro", 0),
                                                ("dix-sept personnes", 17), ("vingt.", 20)])
def test_a_small_count_may_be_spelt_out(text, expected):
    assert parse_integer(text, 0) == expected


@pytest.mark.parametrize("text", ["un peu", "deux ou trois", "des milliers"])
def test_a_count_spelt_as_no_one_number_is_not_guessed(text):
    with raises_key("integer.invalid"):
        parse_integer(text, 0)


@pytest.mark.parametrize(("text", "expected"), [
    ("Une seule pour l'instant, avec la CAF.", 1), ("3, avec la CAF et la CPAM", 3),
    ("4 rencontres, toutes en mairie", 4), ("trois, quatre", None), ("12 400, dont 3 000 en QPV", None)])
def test_a_count_followed_by_a_clause_without_another_number_is_that_count(text, expected):
    assert_count(text, expected)


def assert_count(text: str, expected: int | None) -> None:
    """The count a text says, or None when it is refused: as no number, or as several ("12 400, dont 3 000")."""
    if expected is None:
        with pytest.raises(ParseError) as refused:
            parse_integer(text, 0)
        assert refused.value.key in ("integer.invalid", "integer.several")
    else:
        assert parse_integer(text, 0) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Aucune encore, on doit aller voir celle de Lormont en janvier.", 0), ("pas une seule pour l'instant", 0),
    ("aucune", 0), ("aucun, sauf 2", None), ("Aucunement", None)])
def test_none_said_to_how_many_is_zero(text, expected):
    assert_count(text, expected)
    with raises_key("integer.invalid" if expected is None else "integer.range"):
        parse_integer(text, 1)  # where none is no answer


@pytest.mark.parametrize(("text", "expected"), [("vingt et un", 21), ("trois mille", 3000), ("trois cents", 300),
                                                ("cent", 100), ("20.", 20)])
def test_a_count_spelt_in_several_words_is_read_by_french_grammar(text, expected):
    assert parse_integer(text, 0) == expected


@pytest.mark.parametrize(("text", "remark"), [
    ("~7200 a l'annee, x3 l'hiver avec les touristes", "x3 l'hiver avec les touristes"),
    ("7200 à l'année, trois fois plus l'hiver", "trois fois plus l'hiver"),
    ("7 200, le double en saison", "le double en saison"),
    ("7200 à l'année, 20 000 l'hiver", "20 000 l'hiver"),  # the figure asked is the one said to hold all year
    ("7200 habitants permanents, 25 000 en saison", "25 000 en saison")])
def test_a_population_said_with_its_season_is_the_year_s(text, remark):
    """Les Rousses: "~7200 a l'annee, x3 l'hiver avec les touristes" was "Je n'ai pas reconnu un nombre"."""
    question = _question(Kind.INTEGER, min=0)
    assert parse_answer(question, text, TODAY) == 7200
    assert figure_remarks(question, text) == [remark]


def test_two_counts_none_said_to_hold_all_year_are_still_refused():
    with raises_key("integer.invalid"):
        parse_answer(_question(Kind.INTEGER, min=0), "7200, 20 000 l'hiver", TODAY)


@pytest.mark.parametrize(("text", "year", "said_back"), [
    ("2027", 2027, False), ("en 2027", 2027, False), ("l'an prochain", 2027, True),
    ("L'année prochaine !", 2027, True), ("cette année", 2026, True), ("l'an dernier", 2025, True),
    # As a finance department says its budget's year: once "Je n'ai pas reconnu une année".
    ("budget primitif 2027", 2027, False), ("BP 2027", 2027, False), ("pour l'exercice 2027", 2027, False)])
def test_a_year_may_be_said_from_today(text, year, said_back):
    question = _question(Kind.INTEGER, min=2016, max=2100)
    assert parse_answer(question, text, TODAY) == year
    assert reads_as_shown(question, text, year) is not said_back


@pytest.mark.parametrize(("text", "remarks"), [
    ("2027, ouverture prévue en mai donc 8 mois", ["ouverture prévue en mai donc 8 mois"]),
    ("budget 2027 : 8 mois d'activité", ["8 mois d'activité"]), ("2027 (8 mois)", ["8 mois"])])
def test_a_year_said_with_a_clause_is_the_year_and_the_clause_a_remark(text, remarks):
    """"2027, ouverture prévue en mai donc 8 mois" was "Je n'ai pas reconnu une année. Exemple : 2027"."""
    question = _question(Kind.INTEGER, min=2016, max=2100)
    assert parse_answer(question, text, TODAY) == 2027
    assert figure_remarks(question, text) == remarks


def test_what_is_not_a_year_is_refused_with_one_for_example():
    with raises_key("integer.year", example=2027):
        parse_answer(_question(Kind.INTEGER, min=2016, max=2100), "bientôt", TODAY)
    with raises_key("integer.year", example=2027):  # not a whole number to round
        parse_answer(_question(Kind.INTEGER, min=2016, max=2100), "2027,5", TODAY)
    with raises_key("integer.range", min=2016, max=2100):
        parse_answer(_question(Kind.INTEGER, min=2016, max=2100), "3000", TODAY)
    with raises_key("integer.invalid"):  # not a year: no year said from today
        parse_answer(_question(Kind.INTEGER, min=0), "l'an prochain", TODAY)


@pytest.mark.parametrize("text", ["oui", "Oui !", "ok", "d'accord", "3", "12.", "?", "valider", "c'est bon"])
def test_a_yes_or_a_figure_alone_answers_no_text_question(text):
    """Every text question asks what, who or how: "oui" or "3" (a button's number, typed under another screen)
    would print as the answer in the dossier; so would "valider", typed after a list already validated (it was the
    committee's place in the calendar file: "📍 valider")."""
    for kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
        with raises_key("text.words", typed=text):
            parse_answer(_question(kind), text)
    assert parse_answer(_question(Kind.LONG_TEXT), "Terminé") == "Terminé"  # where a status is asked in words


@pytest.mark.parametrize("text", ["voir ci-dessus", "Idem.", "cf. ci-dessus", "comme plus haut", "déjà dit",
                                  "la même chose", "Les mêmes, plus la mairie.", "idem + le CCAS", "idem que La Poste",
                                  "les mêmes que ci-dessus", "Pareil que pour l'accueil.", "comme pour l'accueil",
                                  "la même que pour l'accueil",
                                  # Plouaret: the jobs' answer said the housing too
                                  "Voir ma réponse précédente.", "voir ma réponse au-dessus",
                                  "cf. ma réponse précédente",
                                  "j'ai déjà répondu", "déjà répondu plus haut", "voir question précédente",
                                  "voir mes réponses précédentes", "voir réponse précédente", "idem réponse précédente",
                                  "Même réponse que la question précédente"])
def test_an_answer_pointing_at_another_is_asked_in_words(text):
    """The dossier prints each answer in its own section: "voir ci-dessus" would point at nothing there."""
    with raises_key("text.elsewhere", typed=text):
        parse_answer(_question(Kind.LONG_TEXT), text)


@pytest.mark.parametrize(("text", "answer"), [
    ("Une fois par semaine, comme je l'ai dit.", "Une fois par semaine."),
    ("Une fois par semaine (comme dit plus haut)", "Une fois par semaine"),
    ("Comme je l'ai dit, une fois par semaine", "Une fois par semaine"),
    ("parking devant la mairie, rampe prévue (voir plus haut)", "parking devant la mairie, rampe prévue"),
    ("Rampe prévue, cf. ci-dessus.", "Rampe prévue."),
    ("Logements anciens (voir ma réponse précédente)", "Logements anciens")])
def test_a_pointer_at_what_was_said_before_is_left_out_of_the_answer(text, answer):
    """The dossier's reader never saw what was said before: "comme je l'ai dit" would point at nothing."""
    assert parse_answer(_question(Kind.LONG_TEXT), text) == answer
    with raises_key("text.elsewhere"):
        parse_answer(_question(Kind.LONG_TEXT), "comme je l'ai dit")


@pytest.mark.parametrize("text", ["Le même bâtiment que la mairie", "La même équipe qu'à Lormont", "Les Mesnils"])
def test_words_of_sameness_that_say_what_they_are_are_an_answer(text):
    assert parse_answer(_question(Kind.LONG_TEXT), text) == text


@pytest.mark.parametrize("text", ["non", "aucune", "Oui et non : cela dépend des jours", "Ouistreham",
                                  "pareil que Bretenoux", "voir ci-dessus pour les horaires"])
def test_a_no_or_more_than_a_yes_is_a_text_answer(text):
    assert parse_answer(_question(Kind.LONG_TEXT), text) == text


@pytest.mark.parametrize(("kind", "text"), [(Kind.DECIMAL, "C'est compris dans le 1,5 ETP de l'accueil."),
                                            (Kind.EUROS, "inclus dans le loyer"), (Kind.DECIMAL, "déjà compté"),
                                            (Kind.DECIMAL, "Deux temps plein partagés entre l'accueil et "
                                                           "l'accompagnement")])  # Marseille 15e, dictated
def test_a_figure_counted_in_another_answer_is_asked_for_its_own_share(kind, text):
    """Plouaret: "compris dans le 1,5 ETP de l'accueil" would count the same people twice if its 1,5 were kept."""
    with raises_key("figure.included", typed=text):
        parse_answer(_question(kind), text)
    assert parse_answer(_question(Kind.INTEGER), "3 agents, y compris moi") == 3  # a total, not counted elsewhere


@pytest.mark.parametrize(("text", "on_when"), [
    ("probablement en avril, avec M. le Sous-Préfet.", True), ("normalement le 12 mars", True),
    ("à vérifier avec la sous-préfecture", False), ("probablement", False), ("sans doute en fin d'année", False)])
def test_a_doubt_bears_on_a_date_only_when_one_follows_it(text, on_when):
    assert doubt_on_when(text) is on_when


def test_parse_answer_integer_uses_question_bounds():
    question = _question(Kind.INTEGER, min=1, max=50)
    assert parse_answer(question, "12 agents") == 12
    with raises_key("integer.range", min=1, max=50):
        parse_answer(question, "51")


def test_parse_answer_euros_uses_question_bounds():
    question = _question(Kind.EUROS, min=1000, max=50_000)
    assert parse_answer(question, "35 k€") == Decimal("35000.00")
    assert parse_answer(question, "50 000 €") == Decimal("50000.00")
    with raises_key("euros.range", min=1000, max=50_000):
        parse_answer(question, "50 000,01 €")
    with raises_key("euros.range", min=1000, max=50_000):
        parse_answer(question, "999")
    assert parse_answer(_question(Kind.EUROS), "1 500 €") == Decimal("1500.00")


def test_parse_answer_decimal_uses_question_bounds():
    question = _question(Kind.DECIMAL, min=0, max=10)
    assert parse_answer(question, "1,5 ETP") == Decimal("1.5")
    assert parse_answer(question, "10") == Decimal("10")
    with raises_key("decimal.range", min=0, max=10):
        parse_answer(question, "10,5")
    with raises_key("decimal.places"):
        parse_answer(question, "1,555")
    assert parse_answer(_question(Kind.DECIMAL), "12 400,5") == Decimal("12400.5")


@pytest.mark.parametrize("text", ["1 500 €", "12 400", "oui", "", "Valider"])
def test_parse_answer_budget_lines_are_not_typed(text):
    with raises_key("budget.buttons"):
        parse_answer(_question(Kind.BUDGET, budget="fonctionnement"), text)


_FTE = {"temps plein": Decimal(1), "mi-temps": Decimal("0.5"), "un mi-temps": Decimal("0.5")}


@pytest.mark.parametrize(("text", "expected"), [("mi-temps", "0.5"), ("Un mi temps", "0.5"), ("temps plein.", "1"),
                                                ("0,75", "0.75"), ("2", "2")])
def test_a_decimal_may_be_typed_as_one_of_its_questions_words(text, expected):
    question = _question(Kind.DECIMAL, min=0, max=10, words=_FTE)
    assert parse_answer(question, text) == Decimal(expected)


@pytest.mark.parametrize(("text", "expected"), [("80%", "0.8"), ("à 80 %", "0.8"), ("temps partiel à 80 %", "0.8"),
                                                ("100 %", "1")])
def test_a_share_of_a_full_time_post_may_be_typed_as_a_percentage(text, expected):
    question = _question(Kind.DECIMAL, min=0, max=10, full_time_share=True)
    assert parse_answer(question, text) == Decimal(expected)
    assert not reads_as_shown(question, text, Decimal(expected))  # the chat says what it took


def test_a_percentage_keeps_to_two_decimals_and_to_the_questions_bounds():
    question = _question(Kind.DECIMAL, min=0, max=1, full_time_share=True)
    with raises_key("decimal.places"):
        parse_answer(question, "12,5 %")  # 0.125
    with raises_key("decimal.range", min=0, max=1):
        parse_answer(question, "150 %")


def test_a_percentage_is_not_a_number_where_the_question_does_not_say_so():
    with raises_key("decimal.invalid"):
        parse_answer(_question(Kind.DECIMAL, min=0, max=10), "80 %")
    with pytest.raises(ValueError, match="full_time_share is only for decimals"):
        _question(Kind.INTEGER, full_time_share=True)


@pytest.mark.parametrize(("text", "expected"), [
    ("2 jours par semaine", "0.4"), ("deux jours par semaine", "0.4"), ("un jour par semaine", "0.2"),
    ("une demi-journée par semaine", "0.1"), ("deux jours et demi par semaine", "0.5"), ("3 jours/semaine", "0.6"),
    ("17h30 par semaine", "0.5"), ("10 heures par semaine", "0.29"), ("35 h", "1"), ("un tiers temps", "0.33"),
    ("trois quarts temps", "0.75"), ("20 % de son temps", "0.2"), ("1,5 ETP", "1.5"),
    ("6 jours par semaine à eux deux", "1.2"), ("env 1/3 temps", "0.33"), ("~ 2/3 temps", "0.67"),
    ("env. 20 %", "0.2")])
def test_a_share_of_a_full_time_post_may_be_said_as_a_time_a_week_or_a_fraction(text, expected):
    """A full-time week is 35 hours and five days: "un jour par semaine" was once read as 1 ETP, a whole post."""
    question = _question(Kind.DECIMAL, min=0, max=10, full_time_share=True)
    assert parse_answer(question, text) == Decimal(expected)
    assert reads_as_shown(question, text, Decimal(expected)) == (text == "1,5 ETP")


def test_a_time_of_work_not_read_is_no_count_of_full_time_posts():
    """"6 jours par semaine à eux deux" was once 6 ETP: a figure with words of time is a share, or refused."""
    question = _question(Kind.DECIMAL, min=0, max=10, full_time_share=True)
    with raises_key("decimal.share", typed="6 jours environ sur la semaine"):
        parse_answer(question, "6 jours environ sur la semaine")
    assert parse_answer(question, "2 agents") == 2  # people, not a time: as many posts


_TIMES = [Option(id="plein", label="Temps plein", full_time={"exactly": 1}),
          Option(id="mi", label="Mi-temps", full_time={"exactly": "0.5"}),
          Option(id="moins", label="Moins d'un mi-temps", full_time={"above": 0, "below": "0.5"}),
          Option(id="inconnu", label="À définir")]


@pytest.mark.parametrize(("text", "expected"), [
    ("20% de mon temps environ", "moins"), ("un jour par semaine", "moins"), ("0,2 ETP", "moins"),
    ("un tiers temps", "moins"), ("10 h par semaine", "moins"), ("la moitié de mon temps", "mi"), ("50 %", "mi"),
    ("deux jours et demi par semaine", "mi"), ("100 %", "plein"), ("35h", "plein"), ("5 jours sur 5", "plein"),
    ("4", "inconnu"), ("à 50 % sur le projet", "mi"), ("20 % de mon temps pour ce projet", "moins"),
    ("env 1/3 temps", "moins"), ("1/2 temps", "mi"), ("env 20%", "moins")])
def test_a_time_said_in_figures_names_the_option_that_stands_for_it(text, expected):
    assert parse_answer(_question(Kind.CHOICE, options=_TIMES), text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("un jour par semaine le reste du temps je m'occupe de l'accueil", "moins"),  # dictated: no comma
    ("un jour par semaine, le reste du temps je m'occupe de l'accueil", "moins"),
    ("la moitié de mon temps l'autre moitié c'est le guichet", "mi")])
def test_a_time_said_then_what_the_rest_of_the_time_goes_to_is_the_time(text, expected):
    assert parse_answer(_question(Kind.CHOICE, options=_TIMES), text) == expected


def test_a_time_said_then_another_is_not_taken_for_the_first():
    with raises_key("choice.invalid"):
        parse_answer(_question(Kind.CHOICE, options=_TIMES), "deux jours par semaine pendant six mois puis temps plein")
    typed = "trois jours par semaine le reste du temps à l'accueil"  # between two: which is asked
    with raises_key("choice.between", typed=typed, around=[(2, "Mi-temps"), (1, "Temps plein")]):
        parse_answer(_question(Kind.CHOICE, options=_TIMES), typed)


def test_a_time_said_in_a_clause_of_a_function_is_the_option_it_names_last():
    """"chargée de mission à la CC, à 50 % sur le projet" as the project leader's function left the time asked."""
    assert option_said_last(_TIMES, "chargée de mission développement territorial à la CC, à 50 % sur le projet") \
        == "mi"
    assert option_said_last(_TIMES, "chargée de mission, à mi-temps sur le projet") == "mi"
    assert option_said_last(_TIMES, "chargée de mission à la CC") is None


def test_a_time_no_option_stands_for_says_which_two_it_lies_between():
    """80 % is neither a half nor a whole post: the chat does not round it for the user."""
    with raises_key("choice.between", typed="80 %", around=[(2, "Mi-temps"), (1, "Temps plein")]):
        parse_answer(_question(Kind.CHOICE, options=_TIMES), "80 %")
    with raises_key("choice.invalid", unknown="150 %"):
        parse_answer(_question(Kind.CHOICE, options=_TIMES), "150 %")


def test_an_options_full_time_share_is_one_value_or_a_span_and_only_for_a_single_choice():
    with pytest.raises(ValueError, match="either exactly a value"):
        Option(id="x", label="X", full_time={"exactly": 1, "below": 2})
    with pytest.raises(ValueError, match="either exactly a value"):
        Option(id="x", label="X", full_time={"above": 0})
    with pytest.raises(ValueError, match="only for a single choice"):
        _question(Kind.MULTI, options=_TIMES)


def test_a_word_the_question_does_not_list_is_still_not_a_number():
    with raises_key("decimal.invalid"):
        parse_answer(_question(Kind.DECIMAL, min=0, max=10, words=_FTE), "quart temps")
    with raises_key("decimal.invalid"):
        parse_answer(_question(Kind.DECIMAL), "mi-temps")


@pytest.mark.parametrize(("extra", "error"), [
    ({"kind": Kind.INTEGER, "words": {"une": 1}}, "words are only for decimals"),
    ({"kind": Kind.DECIMAL, "max": 1, "words": {"deux temps pleins": 2}}, "deux temps pleins outside min and max")])
def test_words_are_for_decimals_and_within_their_bounds(extra, error):
    with pytest.raises(ValueError, match=error):
        Question(id="q", prompt="Question ?", **extra)


def test_parse_answer_other_kinds():
    assert parse_answer(_question(Kind.HOURS), "24h30") == 1470
    assert parse_answer(_question(Kind.DATE), "1er mars 2027") == datetime.date(2027, 3, 1)
    assert parse_answer(_question(Kind.YES_NO), "Oui !") is True
    with raises_key("yes_no.invalid"):
        parse_answer(_question(Kind.YES_NO), "peut-être")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mairie", "mairie"),
        ("mairie", "mairie"),
        ("MAIRIE.", "mairie"),
        ("sante", "sante"),
        ("Santé", "sante"),
        ("SANTE", "sante"),
        ("emploi_formation", "emploi_formation"),
        ("emploi et formation", "emploi_formation"),
        ("caisse d\u2019allocations familiales", "caf"),
        ("1", "mairie"),
        ("2", "emploi_formation"),
        ("4", "sante"),
        ("4.", "sante"),
        (" 3 ", "caf"),
    ],
)
def test_parse_answer_choice(text, expected):
    assert parse_answer(_question(Kind.CHOICE, options=_OPTIONS), text) == expected


@pytest.mark.parametrize("text", ["", "0", "5", "-1", "mai", "autre", "1, 2"])
def test_parse_answer_choice_invalid(text):
    with raises_key("choice.invalid", unknown=text.strip()):
        parse_answer(_question(Kind.CHOICE, options=_OPTIONS), text)


def test_two_options_named_for_a_single_choice_are_both_suggested():
    with raises_key("choice.invalid", unknown="Mairie et Santé", close=[(1, "Mairie"), (4, "Santé")]):
        parse_answer(_question(Kind.CHOICE, options=_OPTIONS), "Mairie et Santé")


def test_parse_answer_choice_label_beats_number():
    question = _question(Kind.CHOICE, options=[Option(id="zero", label="0"), Option(id="one", label="1"),
                                               Option(id="more", label="2 ou plus")])
    assert parse_answer(question, "1") == "one"
    assert parse_answer(question, "3") == "more"


_TIME = [Option(id="full", label="Temps plein"), Option(id="half", label="Mi-temps"),
         Option(id="less", label="Moins d'un mi-temps"), Option(id="wifi", label="Wi-Fi pour le public")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("mi temps", "half"), ("MI TEMPS", "half"), ("mitemps", "half"), ("mi - temps", "half"),
     ("Mi\u2011temps", "half"), ("moins d'un mi temps", "less"), ("moins d\u2019un mitemps", "less"),
     ("temps-plein", "full"), ("wifi pour le public", "wifi")],
)
def test_a_label_typed_with_a_space_for_its_hyphen_or_none_is_the_option(text, expected):
    assert parse_answer(_question(Kind.CHOICE, options=_TIME), text) == expected
    assert parse_answer(_question(Kind.MULTI, options=_TIME), f"{text}, Wi-Fi pour le public") == \
        [option.id for option in _TIME if option.id in (expected, "wifi")]


@pytest.mark.parametrize(("text", "close"), [
    ("mi", [(2, "Mi-temps"), (3, "Moins d'un mi-temps")]),
    ("temps", [(1, "Temps plein"), (2, "Mi-temps"), (3, "Moins d'un mi-temps")]),
    ("moins d'un", [(3, "Moins d'un mi-temps")]),
    ("mi temps plein", [(1, "Temps plein"), (2, "Mi-temps")]),
    # An option said with more words that take it back or name another: suggested, never taken.
    ("temps plein ou presque", [(1, "Temps plein")]),
    ("plein", [(1, "Temps plein")]),
    # Its longer words in another order: the option sharing the most of them.
    ("à plein temps", [(1, "Temps plein")]), ("un temps complet", [(1, "Temps plein"), (2, "Mi-temps"),
                                                                  (3, "Moins d'un mi-temps")]),
    ("à voir", None)])
def test_part_of_a_label_is_not_the_option_but_the_options_holding_it_are_suggested(text, close):
    """Never a guess ("moins d'un" may not mean « Moins d'un mi-temps »), but the message names what it might be."""
    with raises_key("choice.invalid", unknown=text, **({"close": close} if close else {})):
        parse_answer(_question(Kind.CHOICE, options=_TIME), text)
    if close is None:  # "Wi-Fi pour le public, à voir": the Wi-Fi not decided (Plouaret), none ticked
        with raises_key("choice.invalid", unknown=f"Wi-Fi pour le public, {text}"):
            parse_answer(_question(Kind.MULTI, options=_TIME), f"Wi-Fi pour le public, {text}")
        return
    with raises_key("choice.invalid", unknown=text, ticked=["wifi"], close=close):
        parse_answer(_question(Kind.MULTI, options=_TIME), f"Wi-Fi pour le public, {text}")


_APPORTS = [Option(id="personnel", label="Du personnel"), Option(id="locaux", label="Des locaux"),
            Option(id="equipement", label="Du matériel et des équipements"),
            Option(id="financement", label="Une participation financière")]


@pytest.mark.parametrize(("text", "expected"), [
    ("le personnel, les locaux", ["personnel", "locaux"]), ("personnel et locaux", ["personnel", "locaux"]),
    ("des locaux", ["locaux"]), ("la participation financière", ["financement"]),
    ("le matériel et les équipements", ["equipement"]), ("les locaux, le personnel aussi", ["personnel", "locaux"]),
    ("les participations financières", ["financement"]), ("les locaux et l'equipement", ["locaux", "equipement"])])
def test_a_label_typed_with_another_article_or_none_is_the_option(text, expected):
    """"le personnel" for « Du personnel »: the article is how one says it, not what one means."""
    assert parse_answer(_question(Kind.MULTI, options=_APPORTS), text) == expected


def test_a_labels_first_words_are_that_option_when_they_start_no_other():
    """"le matériel" for « Du matériel et des équipements »: said shorter, the same option; "le mat" is too short."""
    assert parse_answer(_question(Kind.MULTI, options=_APPORTS), "le personnel, le matériel") == [
        "personnel", "equipement"]
    with raises_key("choice.invalid", unknown="le mat", ticked=["personnel"]):
        parse_answer(_question(Kind.MULTI, options=_APPORTS), "le personnel, le mat")


_CARRIERS = [Option(id="collectivite", label="La collectivité locale",
                    words=["commune", "mairie", "communauté de communes", "communauté d'agglomération"]),
             Option(id="existante", label="Une structure existante", words=["centre social"]),
             Option(id="poste", label="Un bureau de Poste", words=["La Poste", "bureau de poste"])]


@pytest.mark.parametrize(("text", "expected"), [
    ("Communauté de communes du Pays de Lalbenque-Limogne", "collectivite"), ("la mairie", "collectivite"),
    ("Mairie de Lalbenque", "collectivite"), ("communaute d'agglomeration du Grand Cahors", "collectivite"),
    ("collectivité locale", "collectivite"), ("le centre social de Limogne", "existante"),
    ("la poste", "poste"), ("Bureau de Poste", "poste"), ("c'est la mairie", "collectivite"), ("en mairie", "collectivite"),
    ("Ce sera une structure existante", "existante")])
def test_an_answer_beginning_with_an_options_words_is_that_option(text, expected):
    question = _question(Kind.CHOICE, options=_CARRIERS)
    assert parse_answer(question, text) == expected
    assert not reads_as_shown(question, text, expected) or text.lower() == "bureau de poste"


@pytest.mark.parametrize("text", ["comm", "une nouvelle commune", "le Centre", "le département",
                                  "la mairie ou La Poste", "la mairie et la poste", "la mairie, sauf refus",
                                  "la mairie, La Poste"])
def test_words_elsewhere_in_an_answer_or_cut_short_name_no_option(text):
    """Only the start of the answer counts: "une nouvelle commune" could as well be a structure to create."""
    with raises_key("choice.invalid"):
        parse_answer(_question(Kind.CHOICE, options=_CARRIERS), text)


def test_an_options_words_never_swallow_the_next_options_of_a_list():
    """« Département » is a word of its option: "Département, Communes et intercommunalités" is still two options."""
    question = load_referentials(load_budget_model())["msap"].guide.questions["part_acteurs_locaux"]
    assert parse_answer(question, "Département, Communes et intercommunalités") == [
        "departement", "communes_intercommunalites"]
    assert parse_answer(question, "le Conseil départemental du Lot et la Mission locale") == [
        "departement", "missions_locales"]


def test_an_answer_beginning_with_the_words_of_two_options_is_refused():
    options = [*_CARRIERS[:2], Option(id="ad_hoc", label="Une structure ad hoc", words=["commune nouvelle"])]
    with raises_key("choice.invalid", unknown="commune nouvelle de Lalbenque", close=[(3, "Une structure ad hoc")]):
        parse_answer(_question(Kind.CHOICE, options=options), "commune nouvelle de Lalbenque")


@pytest.mark.parametrize(("text", "close"), [
    ("le bâtiment public de la mairie", [(1, "Bâtiment public existant")]),
    ("location ou achat", [(2, "Location")]),
    ("construction neuve ou achat", [(3, "Construction")]),
    ("un local à louer", [(2, "Location")]),  # a word of the option's, not of its label
    ("un ancien bâtiment", [(1, "Bâtiment public existant"), (3, "Construction")])])
def test_an_answer_sharing_a_longer_word_with_an_option_suggests_it(text, close):
    options = [Option(id="public", label="Bâtiment public existant"),
               Option(id="location", label="Location", words=["louer", "en location"]),
               Option(id="construction", label="Construction", words=["nouveau bâtiment"])]
    with raises_key("choice.invalid", unknown=text, close=close):
        parse_answer(_question(Kind.CHOICE, options=options), text)


def test_no_two_options_of_the_guide_read_alike_once_typed():
    for referential in load_referentials(load_budget_model()).values():
        for question in referential.guide.questions.values():
            for option in question.options:
                assert parse_answer(question, option.label.lower().replace("-", " ")) == \
                    (option.id if question.kind is Kind.CHOICE else [option.id])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mairie", ["mairie"]),
        ("santé, mairie", ["mairie", "sante"]),
        ("Santé ; Mairie", ["mairie", "sante"]),
        ("santé et mairie", ["mairie", "sante"]),
        ("santé ET mairie", ["mairie", "sante"]),
        ("santé\nmairie", ["mairie", "sante"]),
        ("santé\r\nmairie\r\n", ["mairie", "sante"]),
        ("4, 1", ["mairie", "sante"]),
        ("4,1", ["mairie", "sante"]),
        ("1 et 3", ["mairie", "caf"]),
        ("1 3", ["mairie", "caf"]),
        (" 4  1 ", ["mairie", "sante"]),
        ("mairie, 1, Mairie", ["mairie"]),
        ("Emploi et formation", ["emploi_formation"]),
        ("santé, emploi et formation et mairie", ["mairie", "emploi_formation", "sante"]),
        ("santé, , mairie,", ["mairie", "sante"]),
        # Rémalard-en-Perche: a number then an option after it is two items, whatever their separator
        ("4, la mairie", ["mairie", "sante"]), ("2, emploi et formation", ["emploi_formation"]),
        ("1 3 4 + emploi et formation", ["mairie", "emploi_formation", "caf", "sante"]),
        ("1 4 et la caisse d'allocations familiales", ["mairie", "caf", "sante"]),
        ("2 (pour la formation) 3 4", ["emploi_formation", "caf", "sante"]),  # an aside between numbers
    ],
)
def test_parse_answer_multi(text, expected):
    assert parse_answer(_question(Kind.MULTI, options=_OPTIONS), text) == expected


@pytest.mark.parametrize(
    ("text", "unknown", "ticked"),
    [("santé, piscine", "piscine", ["sante"]), ("7", "7", None), ("mairie et emplo", "emplo", ["mairie"]),
     ("", "", None), (" , ; ", ", ;", None), ("1 7", "7", ["mairie"])],
)
def test_parse_answer_multi_invalid(text, unknown, ticked):
    """What the list named is given with the refusal: the chat ticks it, for the user to add what is missing."""
    close = {"close": [(2, "Emploi et formation")]} if unknown == "emplo" else {}
    with raises_key("choice.invalid", unknown=unknown, **close, **({"ticked": ticked} if ticked else {})):
        parse_answer(_question(Kind.MULTI, options=_OPTIONS), text)


# ---------------------------------------------------------------- JSON


@pytest.mark.parametrize(
    ("kind", "value", "raw"),
    [
        (Kind.EUROS, Decimal("1500.50"), "1500.50"),
        (Kind.EUROS, Decimal("0.00"), "0.00"),
        (Kind.DATE, datetime.date(2027, 3, 15), "2027-03-15"),
        (Kind.HOURS, 1470, 1470),
        (Kind.INTEGER, -3, -3),
        (Kind.YES_NO, False, False),
        (Kind.CHOICE, "mairie", "mairie"),
        (Kind.MULTI, ["mairie", "sante"], ["mairie", "sante"]),
        (Kind.SHORT_TEXT, "é 🏛️", "é 🏛️"),
        ("euros", Decimal("12.30"), "12.30"),
        (Kind.DECIMAL, Decimal("1.5"), "1.5"),
        (Kind.DECIMAL, Decimal("2"), "2"),
        (Kind.DECIMAL, Decimal("0"), "0"),
        (Kind.DECIMAL, Decimal("12400.25"), "12400.25"),
        ("decimal", Decimal("1000"), "1000"),
        (Kind.BUDGET, 1_250_050, 1_250_050),
        (Kind.BUDGET, 0, 0),
    ],
)
def test_json_examples(kind, value, raw):
    assert to_json(kind, value) == raw
    back = from_json(kind, json.loads(json.dumps(to_json(kind, value))))
    assert back == value
    assert type(back) is type(value)
    assert str(back) == str(value)


@pytest.mark.parametrize(
    ("text", "raw"),
    [("1,50", "1.5"), ("2,0", "2"), ("2,00", "2"), ("0,00", "0"), ("0,05", "0.05"), ("10", "10"), ("100,10", "100.1"),
     ("12 400", "12400")],
)
def test_json_decimal_is_a_plain_normalised_string(text, raw):
    assert to_json(Kind.DECIMAL, parse_decimal(text)) == raw
    assert to_json(Kind.DECIMAL, Decimal(text.replace(" ", "").replace(",", "."))) == raw  # whatever its exponent
    assert from_json(Kind.DECIMAL, raw) == parse_decimal(text)
    assert type(from_json(Kind.DECIMAL, raw)) is Decimal


def test_json_decimal_never_uses_an_exponent():
    assert to_json(Kind.DECIMAL, Decimal("1.2E+3")) == "1200"
    assert to_json(Kind.DECIMAL, Decimal("0E-2")) == "0"


def test_json_none_passes_through():
    assert to_json(Kind.EUROS, None) is None
    assert from_json(Kind.DATE, None) is None


_VALUES = {
    Kind.SHORT_TEXT: st.text(min_size=1),
    Kind.LONG_TEXT: st.text(min_size=1),
    Kind.INTEGER: st.integers(),
    Kind.EUROS: st.integers(min_value=0, max_value=100_000_000 * 100).map(lambda c: Decimal(c).scaleb(-2)),
    Kind.HOURS: st.integers(min_value=0, max_value=168 * 60),
    Kind.DATE: _DATES,
    Kind.CHOICE: st.from_regex(r"[a-z][a-z0-9_]{0,39}", fullmatch=True),
    Kind.MULTI: st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,39}", fullmatch=True), unique=True),
    Kind.YES_NO: st.booleans(),
    Kind.TIME_RANGES: st.lists(st.lists(st.integers(0, 24 * 60), min_size=2, max_size=2).map(sorted), max_size=3),
    Kind.DECIMAL: st.integers(min_value=0, max_value=10**9).map(lambda c: Decimal(c).scaleb(-2)),
    Kind.BUDGET: st.integers(min_value=0, max_value=10**12),
    Kind.SIRET: st.from_regex(r"[0-9]{14}", fullmatch=True),
    Kind.ADDRESS: st.text(min_size=1),
}


def test_json_strategies_cover_every_kind():
    assert set(_VALUES) == set(Kind)


@given(st.sampled_from(list(Kind)).flatmap(lambda k: st.tuples(st.just(k), _VALUES[k])))
def test_json_round_trips(kind_value):
    kind, value = kind_value
    raw = json.loads(json.dumps(to_json(kind, value)))
    back = from_json(kind, raw)
    assert back == value
    assert type(back) is type(value)
    if kind is Kind.EUROS:
        assert back.as_tuple().exponent == -2
    if kind is Kind.DECIMAL:
        assert back == parse_decimal(raw)  # stored as the user could have typed it


# ---------------------------------------------------------------- messages

_RENDERER = Renderer()  # the bot's own environment, filters included


def _invalid(key: str, **params) -> str:
    return _RENDERER.html(Reply("invalid", {"key": key, "params": params, "kind": None}))


def _show(kind: str, value) -> str:
    template = _RENDERER.environment.from_string('{% from "_macros.html.j2" import show %}{{ show(answer) }}')
    return template.render(answer={"status": "answered", "kind": kind, "value": value})


def test_an_answer_said_back_ends_with_one_full_stop():
    """"j'ai noté : … sont partants.." once the answer's own full stop was followed by the sentence's."""
    def understood(value: str) -> str:
        answer = {"status": "answered", "kind": "long_text", "value": value}
        return _RENDERER.html(Reply("understood", {"answer": {"status": "answered", "kind": "yes_no", "value": True},
                                                   "then": "Qu'ont répondu les acteurs ?", "details": answer}))
    assert understood("La CAF est partante.").endswith("j'ai noté : <b>La CAF est partante.</b>")
    assert understood("La CAF est partante").endswith("j'ai noté : <b>La CAF est partante</b>.")
    assert understood("Partante ?").endswith("<b>Partante ?</b>")


def test_messages_for_a_date_that_does_not_exist_or_whose_weekday_is_wrong():
    assert _invalid("date.no_such_day", day=29, days=28, month="février", year=2027) == (
        "⚠️ Février 2027 n'a que 28 jours : il n'y a pas de 29 février. Vérifiez la date.")
    assert _invalid("date.weekday", date=datetime.date(2027, 3, 16), weekday="lundi") == (
        "⚠️ Le 16 mars 2027 est un mardi, pas un lundi. Écrivez la date voulue.")


def test_messages_for_the_decimal_errors():
    assert _invalid("decimal.invalid") == "⚠️ Je n'ai pas reconnu un nombre. Exemple : 1,5."
    assert _invalid("decimal.places") == "⚠️ Un nombre a au plus deux chiffres après la virgule. Exemple : 1,25."
    assert _invalid("decimal.range", min=Decimal("0.5"), max=12_400) == (
        "⚠️ Ce nombre doit être au moins 0,5 et au plus 12\u202f400.")
    assert _invalid("decimal.range", min=0, max=None) == "⚠️ Ce nombre doit être au moins 0."


def test_message_for_typed_budget_lines():
    assert _invalid("budget.buttons") == (
        "⚠️ Pour le budget, touchez une catégorie puis tapez son montant, ou tapez les deux. Exemple : Salaires "
        "70 000 €. Touchez «\u00a0Valider\u00a0» quand la liste est complète.")


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [("decimal", Decimal("1.5"), "1,5"), ("decimal", Decimal("2"), "2"),
     ("decimal", Decimal("12400.25"), "12\u202f400,25"), ("budget_lines", 1_250_050, "12\u202f500,50\xa0€"),
     ("budget_lines", 3_500_000, "35\u202f000\xa0€")],
)
def test_show_decimal_and_budget_answers(kind, value, shown):
    assert _show(kind, value) == shown


def test_every_decimal_error_has_its_own_message():
    for text in ("un et demi", "1,555", "11"):
        with pytest.raises(ParseError) as info:
            parse_decimal(text, min=0, max=10)
        assert "Je n'ai pas compris" not in _invalid(info.value.key, **info.value.params)


@pytest.mark.parametrize(("kind", "typed", "shown"), [
    (Kind.YES_NO, "Oui.", True), (Kind.YES_NO, "non", True), (Kind.YES_NO, "pas encore", False),
    (Kind.YES_NO, "👍", False),
    (Kind.CHOICE, "Santé", True), (Kind.CHOICE, "sante", True), (Kind.CHOICE, "4", False),
    (Kind.CHOICE, "santé publique", False),
    (Kind.MULTI, "Mairie, Santé", True), (Kind.MULTI, "1, 4", False), (Kind.MULTI, "mairie et santé", False),
    (Kind.DECIMAL, "0,5", True), (Kind.DECIMAL, "un mi-temps", False), (Kind.DECIMAL, "Mi temps", False),
    (Kind.INTEGER, "environ 12 000", True),
    # Figures said in words are said back in figures
    (Kind.EUROS, "quinze mille euros", False), (Kind.EUROS, "15 000 €", True),
    (Kind.HOURS, "trente-cinq heures", False), (Kind.TIME_RANGES, "de neuf heures à midi", False),
    (Kind.TIME_RANGES, "9h-12h", True), (Kind.TIME_RANGES, "fermé", True),
])
def test_an_answer_reads_as_shown_only_when_typed_as_the_reply_would_show_it(kind, typed, shown):
    extra = {"options": _OPTIONS} if kind in (Kind.CHOICE, Kind.MULTI) else {}
    if kind is Kind.DECIMAL:
        extra = {"words": {"mi-temps": Decimal("0.5"), "un mi-temps": Decimal("0.5")}}
    question = _question(kind, **extra)
    value = {Kind.CHOICE: "sante", Kind.MULTI: ["mairie", "sante"]}.get(kind)
    if kind is Kind.TIME_RANGES:
        value = parse_time_ranges(typed)
    assert reads_as_shown(question, typed, value) is shown


@pytest.mark.parametrize(("typed", "name"), [
    ("Marie Dupont", "Marie Dupont"), ("C'est moi, Jean Rouvière", "Jean Rouvière"),
    ("c’est moi : Jean Rouvière, DGS", "Jean Rouvière, DGS"), ("moi (Jean Rouvière)", "Jean Rouvière"),
    ("Moi - Jean Rouvière", "Jean Rouvière"), ("Daniel Moi", "Daniel Moi"), ("Moinet Paul", "Moinet Paul"),
    ("C'est moi qui coordonnerai, Nadia Benali.", "Nadia Benali"),
    ("C'est moi Samia Haddad", "Samia Haddad"), ("moi Samia Haddad", "Samia Haddad"),  # dictated, no comma
    ("à recruter", "à recruter"),
    ("à Mme Delphine Roux, bureau des subventions", "Mme Delphine Roux, bureau des subventions"),  # "À qui… ?"
    # The person typing says the name given is theirs: no one else is named.
    ("Sylvie Garnaud (c moi), responsable du bureau", "Sylvie Garnaud, responsable du bureau"),
    ("Sylvie Garnaud, c'est moi", "Sylvie Garnaud"), ("Sylvie Garnaud (moi-même)", "Sylvie Garnaud"),
    # Whom one met, said in a sentence: the name alone, without how or when.
    ("j'ai eu M. Rivière de la sous-préfecture de Confolens au téléphone la semaine dernière",
     "M. Rivière de la sous-préfecture de Confolens"),
    ("On a rencontré Mme Besson, sous-préfecture de Riom, hier", "Mme Besson, sous-préfecture de Riom"),
    ("RDV avec la sous prefete de Mortagne", "la sous prefete de Mortagne"),  # Rémalard-en-Perche: by the meeting
    ("j'ai eu rdv avec Mme Giraud", "Mme Giraud"), ("Point Jean", "Point Jean"),
    # A sentence after the name, and what follows it, go (Val-de-Bonnieure, at « Qui assurera l'accueil ? »).
    ("une conseillère à recruter, le recrutement est lancé, fiche de poste publiée sur emploi-territorial",
     "une conseillère à recruter"), ("Marie Dupont, elle est déjà en poste", "Marie Dupont"),
    ("Sophie Martin, qui est déjà agent d'accueil", "Sophie Martin, qui est déjà agent d'accueil"),
    # Haut-Allier, at « À qui transmettre le dossier… ? »: "à la" or "au" before a function
    ("a la referente FS de la pref, Mme Chabanon", "referente FS de la pref, Mme Chabanon"),
    ("au bureau des subventions, Mme Roux", "bureau des subventions, Mme Roux"),
])
def test_a_person_is_named_as_the_documents_will_print_it(typed, name):
    question = _question(Kind.SHORT_TEXT, person=True)
    assert parse_answer(question, typed) == name
    assert reads_as_shown(question, typed, name) is (typed == name)


@pytest.mark.parametrize("typed", ["moi", "Moi.", "C'est moi !", "moi-même", "Moi même", "Paul Vidal et moi",
                                   "moi et Paul Vidal", "c'est moi,", "moi, secretaire generale de la cc",
                                   "C'est moi : la DGS", "moi (directrice)", "Moi-même, à 20 %",
                                   "moi, en plus de la coordination",  # how much or how, not who
                                   "C'est moi Directrice du centre social"])  # dictated: a function, no one
def test_moi_names_no_one_the_documents_can_print(typed):
    with pytest.raises(ParseError) as raised:
        parse_answer(_question(Kind.SHORT_TEXT, person=True), typed)
    assert raised.value.key == "person.self"
    # A text not naming people keeps it, without a sentence's full stop.
    assert parse_answer(_question(Kind.SHORT_TEXT), typed) == typed.removesuffix(".")


def test_an_address_typed_where_a_person_is_asked_is_refused():
    """A letterhead pasted one question late was stored as the carrier's legal representative."""
    person = _question(Kind.SHORT_TEXT, person=True)
    with raises_key("person.address", typed="Centre social Le Lien, 2 rue de la Gare, 23300 La Souterraine"):
        parse_answer(person, "Centre social Le Lien\n2 rue de la Gare\n23300 La Souterraine")
    assert parse_answer(person, "Mme Leroy, bureau des subventions, 4 place Louis Lacrocq, 23000 Guéret") == (
        "Mme Leroy, bureau des subventions, 4 place Louis Lacrocq, 23000 Guéret")  # named, with where she works


@pytest.mark.parametrize("typed", ["à lui directement", "au référent", "Lui", "directement à elle"])
def test_someone_pointed_at_where_a_person_is_asked_is_refused(typed):
    """Val-de-Bonnieure: "à lui directement" at « À qui transmettre le dossier, si ce n'est pas à votre référent ? »
    was stored as the addressee, for the documents to print."""
    with raises_key("person.pointed", typed=typed):
        parse_answer(_question(Kind.SHORT_TEXT, person=True), typed)
    assert parse_answer(_question(Kind.SHORT_TEXT, person=True), "Luis Garcia") == "Luis Garcia"


@pytest.mark.parametrize("typed", ["c'était déjà fait en 2023, on est labellisés", "on verra avec la sous-préfète",
                                   "je le saurai lundi", "nous attendons sa réponse", "j'attends son retour"])
def test_a_sentence_typed_where_a_person_is_asked_is_refused(typed):
    """"c'était déjà fait en 2023, on est labellisés" was stored as whom to send the dossier to."""
    with raises_key("person.sentence", typed=typed):
        parse_answer(_question(Kind.SHORT_TEXT, person=True), typed)
    for name in ("Simone Onfray", "Léon Nouvel", "Mme Leroy, bureau des subventions"):
        assert parse_answer(_question(Kind.SHORT_TEXT, person=True), name) == name


def test_nobody_is_no_one_to_name_and_a_sentence_saying_so_is_no_name():
    """"personne, c'est en ligne sur demarches-simplifiees.fr" was stored as whom to send the dossier to."""
    person = _question(Kind.SHORT_TEXT, person=True)
    assert says_none_of(person, "personne") and says_none_of(person, "Personne d'autre.")
    assert not says_none_of(_question(Kind.SHORT_TEXT), "personne")
    typed = "personne, c'est en ligne sur demarches-simplifiees.fr"
    assert not says_none_of(person, typed)
    with raises_key("person.nobody", typed=typed):
        parse_answer(person, typed)
    assert parse_answer(person, "Mme Personnaz") == "Mme Personnaz"


def test_every_question_asking_who_names_people_the_documents_can_print():
    """"Qui préparera le rapport d'activité ?" answered "moi" printed "moi" in the dossier."""
    texts = [q for q in load_guide().questions.values() if q.kind is Kind.SHORT_TEXT and q.prompt.startswith(
        ("Qui ", "À qui ")) and "d'autre" not in q.prompt]
    assert {q.id for q in texts} >= {"dev_rapport_redacteur", "label_destinataire", "chef_projet_nom"}
    assert all(q.person for q in texts), [q.id for q in texts if not q.person]


def test_only_a_short_text_names_a_person():
    with pytest.raises(ValueError, match="person is only for short texts"):
        _question(Kind.LONG_TEXT, person=True)


@pytest.mark.parametrize("typed", ["tous", "Toutes !", "tout cocher"])
def test_tous_ticks_every_option_but_autre_and_aucune(typed):
    options = [*_OPTIONS, Option(id="autre", label="Autre"),
               Option(id="aucune", label="Aucune pour l'instant", alone=True)]
    question = _question(Kind.MULTI, options=options)
    assert parse_answer(question, typed) == ["mairie", "emploi_formation", "caf", "sante"]
    assert not reads_as_shown(question, typed, ["mairie", "emploi_formation", "caf", "sante"])


def test_les_deux_ticks_both_options_when_two_are_offered_besides_autre():
    two = _question(Kind.MULTI, options=[*_OPTIONS[:2], Option(id="autre", label="Autre")])
    assert parse_answer(two, "les deux") == ["mairie", "emploi_formation"]
    with pytest.raises(ParseError):
        parse_answer(_question(Kind.MULTI, options=_OPTIONS), "les deux")  # four: which two?


def test_tous_leaves_out_an_option_the_guide_keeps_apart():
    """France services' operators: "tous" are the national partners; GRDF is offered, but not one of them."""
    referentials = load_referentials(load_budget_model())
    question = referentials["france_services"].guide.questions["part_operateurs"]
    ticked = parse_answer(question, "tous")
    assert "grdf" not in ticked and "autre" not in ticked and len(ticked) == 13


@pytest.mark.parametrize(("typed", "ticked"), [
    ("tous sauf la CAF", ["mairie", "emploi_formation", "sante"]),
    ("Toutes, sauf la mairie et la santé", ["emploi_formation", "caf"]),
    ("la mairie, tous sauf la santé", ["mairie", "emploi_formation", "caf"]),  # what is not to tick, wherever said
    ("toutes sauf la mairie et la santé", ["emploi_formation", "caf"]),
    ("tous à part Santé", ["mairie", "emploi_formation", "caf"]),
    ("tous les services excepté la mairie", ["emploi_formation", "caf", "sante"])])
def test_tous_sauf_leaves_out_what_it_names(typed, ticked):
    """"tous sauf la CAF" ticked the CAF too: a requirement on every partner would have read as met."""
    assert parse_answer(_question(Kind.MULTI, options=_OPTIONS), typed) == ticked


def test_what_tous_sauf_names_must_be_read_and_is_no_autre():
    question = _question(Kind.MULTI, options=[*_OPTIONS, Option(id="autre", label="Autre")])
    with raises_key("choice.invalid", unknown="la piscine"):
        parse_answer(question, "tous sauf la piscine")
    assert with_other(question, "tous sauf la piscine") is None
    assert with_other(question, "la CAF, tous sauf la mairie") is None
    assert with_other(question, "tous plus la piscine") == (["mairie", "emploi_formation", "caf", "sante", "autre"],
                                                            "la piscine")


def test_an_option_ticked_alone_is_refused_with_others():
    question = _question(Kind.MULTI, options=[*_OPTIONS, Option(id="aucune", label="Aucune pour l'instant",
                                                                 alone=True)])
    assert parse_answer(question, "aucune pour l'instant") == ["aucune"]
    with pytest.raises(ParseError) as raised:
        parse_answer(question, "Mairie, aucune pour l'instant")
    assert raised.value.key == "choice.alone" and raised.value.params == {"label": "Aucune pour l'instant"}
    with pytest.raises(ValueError, match="ticked alone is only for a multiple choice"):
        _question(Kind.CHOICE, options=question.options)


@pytest.mark.parametrize(("text", "said"), [
    ("non, des travaux sont prévus en 2027", (False, "des travaux sont prévus en 2027")),
    ("Pas encore : il manque une rampe", (False, "il manque une rampe")),
    ("oui, bien sûr, le mardi matin", (True, "le mardi matin")),
    ("Non. Il faut une rampe.", (False, "Il faut une rampe.")),
    ("oui (rampe prévue)", (True, "rampe prévue")),
    ("non car il y a trois marches", (False, "car il y a trois marches")),
    ("non - il manque une rampe", (False, "il manque une rampe")),
    ("Oui\nRendez-vous avec le sous-préfet le 15/11/2026", (True, "Rendez-vous avec le sous-préfet le 15/11/2026")),
    ("non", None), ("oui merci", None), ("oui mais seulement le rez-de-chaussée", None), ("des travaux, non", None),
    ("non-voyants", None), ("oui, ", None),
    # Typed without the comma: a yes, unless what follows makes it partial or doubtful
    ("oui les deux agents d'accueil", (True, "les deux agents d'accueil")), ("oui pour l'instant", None),
    ("Non loin de la gare", None),
    # a no dictated without the comma, then a sentence of its own
    ("Pas encore elle doit me les envoyer", (False, "elle doit me les envoyer")),
    ("non pas encore on attend la délibération", (False, "on attend la délibération")),
    ("Pas encore la réunion est prévue le 15 janvier", (False, "la réunion est prévue le 15 janvier")),
    ("Non pas pour le moment on n'a pas le personnel", (False, "on n'a pas le personnel")),
    ("pas encore la totalité", None), ("non pas ça", None),
    ("oui + panneaux sur les places de stationnement", (True, "panneaux sur les places de stationnement")),
    ("Oui bien sûr avec la mairie de secteur et la CAF", (True, "avec la mairie de secteur et la CAF")),  # dictated
    ("oui tout à fait avec la CAF", (True, "avec la CAF")),
    ("en cours, validation au bureau communautaire de janvier",  # Haut-Allier: begun is not done
     (False, "validation au bureau communautaire de janvier")),
    ("en cours avec le CDG 61", (False, "avec le CDG 61")),  # Rémalard-en-Perche: without a comma
    ("c'est en cours de rédaction par le CDG", (False, "par le CDG")), ("en cours", None),
    ("non ouverture en juin 2027", (False, "ouverture en juin 2027")), ("non ouverture le 01/06", (False, "ouverture "
     "le 01/06")), ("non merci", None), ("non-voyants en 2027", None)])
def test_a_yes_or_no_set_apart_from_what_follows_is_read_with_it(text, said):
    assert yes_no_then(text) == said


@pytest.mark.parametrize("text, expected", [
    ("Hélène Vayssouze, directrice du pôle services de Cauvaldor",
     ("Hélène Vayssouze", "directrice du pôle services de Cauvaldor")),
    ("le président, Raphaël Daubet", ("Raphaël Daubet", "président")),
    ("Mme la Présidente, Marie Fabre", ("Marie Fabre", "Présidente")),
    ("Marie Dupont (DGS)", ("Marie Dupont", "DGS")),
    ("sandrine lacoste-bordenave, SG de la CC", ("sandrine lacoste-bordenave", "SG de la CC")),
    ("Jean Martin - chargé de mission à la CC", ("Jean Martin", "chargé de mission à la CC")),
    ("Marie Dupont, vice-présidente de la CC", ("Marie Dupont", "vice-présidente de la CC")),
    ("Marie Maire, directrice", ("Marie Maire", "directrice")),
    ("Marie Dupont, chargée de mission, CC du Val", ("Marie Dupont", "chargée de mission, CC du Val")),
    ("Dupont, Marie", None),                      # a name, surname first
    ("Marie Dupont", None),
    ("Jean-Pierre Martin", None),
    ("c'est moi, Jean Rouvière", None),           # parse_person's: "Jean Rouvière"
    ("c'est moi, Jean Rouvière, DGS", ("Jean Rouvière", "DGS")),
    ("le president m. jean-pierre casaubon", ("jean-pierre casaubon", "president")),  # the civility parts them
    ("la maire Mme Anne Dupont", ("Anne Dupont", "maire")),
    ("directeur M. Paul Roux, CC du Val", ("Paul Roux", "directeur, CC du Val")),
    ("M. Jean Martin", None),
    ("moi, directeur", None),
    ("le président, Raphaël Daubet, Cauvaldor", None),  # two commas after the function: which is the name?
    ("Paul Durand et Marie Dupont, co-directeurs", None),
    ("c'est moi, Nadia Benali, je suis chargée de mission politique de la ville.",  # dictated
     ("Nadia Benali", "chargée de mission politique de la ville")),
    ("Paul Roux, il est DGS.", ("Paul Roux", "DGS")),
    ("Le maire, Pierre Hurmic.", ("Pierre Hurmic", "maire")),
    ("Mme Odile Lacroix, présidente de l'association (bénévole)",  # the aside is the function's
     ("Mme Odile Lacroix", "présidente de l'association (bénévole)")),
    ("moi, elodie garnier charge de mission a la cdc", ("elodie garnier", "charge de mission a la cdc")),  # no comma
    ("C'est moi Samia Haddad chargée de mission au centre social",  # dictated: no comma at all
     ("Samia Haddad", "chargée de mission au centre social")),
    ("Paul Roux directeur du centre social", ("Paul Roux", "directeur du centre social")),
    ("Anne Durand DGS", ("Anne Durand", "DGS")),
    ("moi, thomas girod (resp. de secteur la poste)", ("thomas girod", "resp. de secteur la poste")),  # abridged
    # Les Rousses: whom it is for, said first
    ("pour la poste c'est le directeur d'enseigne du secteur, Philippe Mouget",
     ("Philippe Mouget", "directeur d'enseigne du secteur")),
    ("pour la CAF, ce sera la directrice, Mme Roux", ("Mme Roux", "directrice")),
    ("Paul Roux, dir. du centre social", ("Paul Roux", "dir. du centre social")),
    ("Jean Maire", None), ("Marie Chef", None), ("paul roux directeur", None),  # a surname, maybe
    ("JM LEFEBVRE adjoint", ("JM LEFEBVRE", "adjoint")),  # lowercase after capitals: no one's surname
    ("Paul Roux directeur", ("Paul Roux", "directeur")),
    ("le président de la CC", None), ("Jean Paul Pierre Jacques Roux directeur de la CC", None),
])
def test_a_name_and_a_function_typed_together_are_set_apart(text, expected):
    assert name_and_function(text) == expected



@pytest.mark.parametrize(("typed", "expected"), [
    ("le 22 janvier", datetime.date(2027, 1, 22)), ("15/11", datetime.date(2026, 11, 15)),
    ("le 15 mai", datetime.date(2027, 5, 15)), ("le 15 juillet", datetime.date(2026, 7, 15))])
def test_a_date_taken_or_to_come_is_the_one_closest_to_today(typed, expected):
    """A deliberation "le 22 janvier", typed on 3 December 2026, is the one to come, not January 2026's."""
    assert parse_date(typed, datetime.date(2026, 12, 3), "nearest") == expected


@pytest.mark.parametrize(("typed", "whole"), [
    ("oui par mail", True), ("Oui, hier.", True), ("oui sur rdv", True), ("oui, lors de la réunion du 12", True),
    ("oui par mail mais pas tout", False), ("non par mail", False), ("oui, partiellement", False),
    ("oui si besoin", False), ("oui, le 3 février", False),
    # A sentence saying it was done: a yes; one saying it is to come, partial or doubtful: asked again.
    ("Oui elle nous les a envoyés par mail la semaine d'après.", True), ("oui c'est fait", True),
    ("oui, tout est arrivé", True), ("Oui, pareil.", True), ("oui aussi", True), ("oui on les attend", False),
    ("oui il reste la convention", False),
    ("oui je crois", False), ("oui on va les recevoir", False), ("oui elle les a demandés", False),
    # A Maison open for years, asked what a project plans.
    ("c'est déjà en place depuis l'ouverture", True), ("oui, depuis 2023", True),
    ("déjà en place mais pas tout", False)])
def test_a_yes_said_with_how_or_when_is_a_yes_and_never_one_with_a_restriction(typed, whole):
    assert yes_how(typed) is whole


@pytest.mark.parametrize(("typed", "said"), [("déjà en place", True), ("Déjà fait !", True),
                                             ("c'est déjà le cas", True), ("pas en place", None),
                                             ("toujours en place", True), ("elle a eu lieu", True),
                                             ("il n'a pas eu lieu", None)])
def test_already_done_is_a_yes(typed, said):
    assert said_yes_no(typed) is said


@pytest.mark.parametrize(("typed", "said"), [
    ("Pas encore, on attend les élections municipales de mars.",
     (False, "on attend les élections municipales de mars")),
    ("non (trop tôt)", (False, "trop tôt")), ("non, enfin oui", None), ("non mais bientôt", None),
    ("non, peut-être en mars", None), ("non", None),
    ("pas au début, peut-être en 2028 avec le conseiller numérique", None),  # doubted as "non, peut-être…"
    ("Oui, un coin numérique avec les trois postes à côté de l'accueil.",
     (True, "un coin numérique avec les trois postes à côté de l'accueil")),
    ("oui, on attend", None), ("oui mais pas tout", None), ("oui, pour l'instant un bureau partagé", None),
    ("oui, enfin on verra", None),
    # Haut-Allier: a negation that describes whom, in a relative clause, takes nothing back
    ("ponctuellement oui, sur rdv, pour les personnes qui peuvent pas se deplacer jusqu'au bus",
     (True, "pour les personnes qui peuvent pas se deplacer jusqu'au bus")),
    ("oui, mais pas pour ceux qui habitent loin", None),
    ("non, a part moi pour la coordination", None)])  # Haut-Allier: a no but one, stored as a no
def test_a_yes_or_no_said_with_more_is_that_answer_unless_the_more_takes_it_back_or_doubts_it(typed, said):
    assert yes_no_because(typed) == said


@pytest.mark.parametrize(("typed", "asked", "said"), [
    ("oui, formation prévue en mars", "Le conseiller 1 est-il formé, ou le sera-t-il avant d'accueillir le public ?",
     (True, "formation prévue en mars")),
    ("oui, panneau prévu sur la façade", "La Maison appliquera-t-elle la charte graphique ?",
     (True, "panneau prévu sur la façade")),
    ("oui, prévu en mars", "Avez-vous contacté votre référent ?", None),  # done? not yet
    ("oui mais pas tout", "La Maison appliquera-t-elle la charte graphique ?", None)])
def test_a_yes_said_as_planned_is_a_yes_where_the_question_asks_what_will_be(typed, asked, said):
    """"oui, formation prévue en mars" at « …est-il formé, ou le sera-t-il… ? » was asked again."""
    assert yes_no_because(typed, asked) == said


@pytest.mark.parametrize(("typed", "whole"), [
    ("Oui bien sûr, avec l'ANCT.", True), ("oui, l'ANCT", True), ("oui, avec la Préfecture", False),
    ("oui, pas avec l'ANCT", False)])
def test_a_yes_repeating_the_words_of_the_question_is_a_yes(typed, whole):
    assert yes_how(typed, "Coopérerez-vous avec l'ANCT, qui anime le réseau France services ?") is whole


@pytest.mark.parametrize(("kind", "typed", "value"), [
    (Kind.INTEGER, "À peu près cinq mille cinq cents habitants.", 5500),
    (Kind.INTEGER, "douze mille quatre cents", 12400),
    (Kind.INTEGER, "vingt et un agents", 21),
    (Kind.EUROS, "quinze mille euros", Decimal("15000.00")),
    (Kind.EUROS, "12 500 € environ", Decimal("12500.00")),  # figures already: read as before
    (Kind.HOURS, "trente-cinq heures par semaine", 35 * 60),
    (Kind.DATE, "le quinze mars deux mille vingt-sept", datetime.date(2027, 3, 15)),
    (Kind.DATE, "le trente et un décembre deux mille vingt-six", datetime.date(2026, 12, 31)),
    (Kind.DATE, "le premier septembre deux mille vingt-sept", datetime.date(2027, 9, 1))])
def test_numbers_said_in_words_are_read_as_figures(kind, typed, value):
    """Dictated on a phone, or typed in a hurry: "cinq mille cinq cents" was "Je n'ai pas reconnu un nombre"."""
    assert parse_answer(_question(kind), typed, datetime.date(2026, 12, 3)) == value



@pytest.mark.parametrize(("typed", "value"), [
    ("Deux temps pleins.", Decimal("2")), ("2 mi-temps", Decimal("1")), ("deux", Decimal("2")),
    ("deux ETP", Decimal("2")), ("vingt temps pleins", None)])
def test_full_time_posts_counted_in_words(typed, value):
    """"Deux temps pleins" was "Je n'ai pas reconnu un nombre"."""
    question = load_guide().questions["equipe_etp_accompagnement"]
    if value is None:
        with raises_key("decimal.range"):
            parse_answer(question, typed)
    else:
        assert parse_answer(question, typed) == value


@pytest.mark.parametrize(("typed", "said"), [
    ("oui toujours", True), ("toujours", True), ("Rien n'a changé.", True), ("toujours pas", False),
    ("pas toujours", None)])
def test_still_exact_said_in_a_word(typed, said):
    """"oui toujours" to "Est-ce toujours exact ?" was "Je n'ai pas reconnu une date"."""
    assert said_yes_no(typed) is said


def test_the_message_for_decimals_where_a_whole_number_is_asked_says_how_to_round():
    assert _invalid("integer.whole", typed="82,5", down=82, up=83) == (
        "⚠️ Cette question attend un nombre entier : 82,5 a une virgule. Arrondissez-le, par exemple 82 ou 83.")


@pytest.mark.parametrize(("text", "what"), [
    ("idem", ""), ("voir ci-dessus", ""), ("idem que pour l'accueil", "accueil"),
    ("Pareil qu'à la coordination", "coordination"), ("comme pour l'accompagnement.", "accompagnement"),
    ("idem + le CCAS", None), ("Le tronc commun", None),
    ("les memes (les 2 agents a recruter)", "")])  # Haut-Allier: what the brackets say is the same again
def test_an_answer_said_the_same_as_another_names_which(text, what):
    assert same_answer_as(text) == what


@pytest.mark.parametrize("text", ["en cours de rédaction", "En cours.", "on y travaille !", "pas encore fini"])
def test_begun_is_not_done_yet_at_a_yes_no_question(text):
    """"Les profils de poste sont-ils rédigés ?" "en cours de rédaction" was "Répondez par oui ou par non"."""
    assert parse_answer(_question(Kind.YES_NO), text) is False
    assert not reads_as_shown(_question(Kind.YES_NO), text, False)  # said back: "Non"
    assert parse_answer(_question(Kind.LONG_TEXT), text) == text  # "Où en sont les conventions locales ?"


@pytest.mark.parametrize(("text", "value"), [
    ("Karim Benali, à recruter, temps plein", Decimal(1)), ("Martine Roussel, à mi-temps", Decimal("0.5")),
    ("Sophie, un mi-temps", Decimal("0.5")), ("deux mi-temps", None), ("un temps plein et un mi-temps", None),
    ("Marie Dupont", None)])
def test_a_time_said_along_with_who_is_read_once(text, value):
    """What answers « Combien d'ETP… ? » in who will do the job: one word of it, not a count of it, not two."""
    question = load_guide().questions["equipe_etp_accueil"]
    assert word_said(question, text) == value


@pytest.mark.parametrize("typed", ["avant le 31 mars", "au plus tard le 31/03/2027", "d'ici le 31 mars 2027",
                                   "jusqu'au 31 mars"])
def test_a_deadline_is_said_with_its_bound(typed):
    """« Avant quelle date le dossier doit-il être déposé ? » "avant le 31 mars" was no date: there, the bound is it."""
    deadline = _question(Kind.DATE, timing="future", deadline=True)
    assert parse_answer(deadline, typed, TODAY) == datetime.date(2027, 3, 31)
    with raises_key("date.invalid"):  # elsewhere, a bound is not the date asked
        parse_answer(_question(Kind.DATE, timing="future"), typed, TODAY)
    with pytest.raises(ValueError, match="deadline is only for dates"):
        _question(Kind.SHORT_TEXT, deadline=True)


@pytest.mark.parametrize(("typed", "day"), [
    ("avant fin fevrier", datetime.date(2027, 2, 28)), ("avant la fin février 2028", datetime.date(2028, 2, 29)),
    ("mi-mars", datetime.date(2027, 3, 15)), ("à la fin du mois de décembre", datetime.date(2026, 12, 31)),
    # Les Rousses: with a doubt and a clause after it, "Je n'ai pas reconnu une date"
    ("avant fin fevrier je pense, pour un passage en comite de mars", datetime.date(2027, 2, 28))])
def test_a_deadline_said_by_its_month_is_its_end_or_middle(typed, day):
    """Mayotte: "avant fin février" at « Avant quelle date… ? » asked for the day."""
    said = parse_answer(_question(Kind.DATE, timing="future", deadline=True), typed, TODAY)
    assert said == day and isinstance(said, DateInferred)  # said back as a day: "📅 Date retenue : …"
    with pytest.raises(ParseError):  # elsewhere, "fin février" says no day
        parse_answer(_question(Kind.DATE, timing="future"), typed, TODAY)


@pytest.mark.parametrize(("typed", "day"), [
    ("Merci de compléter avant le 15 janvier.", datetime.date(2027, 1, 15)),
    ("Bonjour, votre dossier est incomplet : convention non signée. À renvoyer d'ici le 15/01/2027, merci.",
     datetime.date(2027, 1, 15)),
    ("avant fin janvier, sinon refus", datetime.date(2027, 1, 31)),
    ("avant le 15 janvier ou le 20", None), ("avant le 15 janvier, au plus tard le 20", None), ("en janvier", None)])
def test_a_deadline_set_in_a_sentence_is_its_bound(typed, day):
    """A letter's "merci de compléter avant le 15 janvier" at « Avant quelle date… ? » was no date."""
    question = _question(Kind.DATE, timing="future", deadline=True)
    if day is None:
        with pytest.raises(ParseError):
            parse_answer(question, typed, TODAY)
    else:
        assert parse_answer(question, typed, TODAY) == day


@pytest.mark.parametrize(("kind", "text", "remarks"), [
    (Kind.INTEGER, "12 400 (dont 3 000 en QPV)", ["dont 3 000 en QPV"]),
    (Kind.INTEGER, "Une seule pour l'instant, avec la CAF", ["avec la CAF"]),
    (Kind.INTEGER, "3 : la CSSM, la mission locale, la préfecture", ["la CSSM, la mission locale, la préfecture"]),
    (Kind.INTEGER, "Population 2021 : 9 214", []),  # a label before the figure, which a copy holds
    (Kind.INTEGER, "environ 12 400 habitants", []),
    (Kind.INTEGER, "9 214 habitants au recensement de 2021", ["au recensement de 2021"]),  # copied with its source
    (Kind.INTEGER, "environ 95 m2 au rez-de-chaussée + une salle à l'étage",
     ["au rez-de-chaussée + une salle à l'étage"]),
    (Kind.INTEGER, "env 15m2 dans le bus", ["dans le bus"]),  # Haut-Allier: where, after its unit
    (Kind.INTEGER, "95 m² au rez-de-chaussée", ["au rez-de-chaussée"]),
    # Plouaret: a sentence after the figure is no part of its unit
    (Kind.INTEGER, "environ 2 200 habitants. Nous travaillons avec Lannion-Trégor Communauté.",
     ["Nous travaillons avec Lannion-Trégor Communauté."]),
    (Kind.INTEGER, "env. 2 200 habitants", []),
    (Kind.INTEGER, "Environ 60 m² : la salle de 45 m² plus un petit bureau de 15 m².",
     ["la salle de 45 m² plus un petit bureau de 15 m²."]),
    (Kind.DECIMAL, "1,5 ETP (35 h chacun)", ["35 h chacun"]),
    (Kind.DECIMAL, "1,5, à voir", []),  # a decimal's clause is not dropped: its figure is refused instead
    (Kind.DECIMAL, "1, elle fera aussi l'accompagnement", ["elle fera aussi l'accompagnement"]),
    (Kind.EUROS, "12 000 € (estimation)", ["estimation"]),
    # "en tout" says the figure is a total, as "environ" says it is an estimate: nothing is left out
    (Kind.DECIMAL, "1,2 en tout (le conseiller + Julie une journée)", ["le conseiller + Julie une journée"]),
    (Kind.DECIMAL, "1,2 au total", []),
    # in the order they were typed
    (Kind.INTEGER, "environ 33 000, sûrement plus (recensement 2017)", ["sûrement plus", "recensement 2017"]),
    # Les Rousses: the aside inside the clause was quoted apart, the clause without it, and "en janvier" again
    (Kind.INTEGER, "2 (caf, mairie), on doit aller voir celle de morbier (mouthe) en janvier",
     ["caf, mairie", "on doit aller voir celle de morbier (mouthe) en janvier"]),
    (Kind.INTEGER, "2, on doit aller voir celle de morbier en janvier",
     ["on doit aller voir celle de morbier en janvier"]),
])
def test_what_a_figure_is_said_with_is_set_apart(kind, text, remarks):
    assert figure_remarks(_question(kind), text) == remarks


@pytest.mark.parametrize(("text", "value"), [
    ("un temps plein, elle fera aussi l'accompagnement", Decimal("1")), ("0,5, le reste en accompagnement",
                                                                         Decimal("0.5")),
    ("1,5, à voir", None), ("0,8, peut-être moins", None)])
def test_a_decimal_then_a_clause_is_the_decimal_unless_the_clause_unsettles_it(text, value):
    """Val-de-Bonnieure: "un temps plein, elle fera aussi l'accompagnement" at « Combien d'ETP l'accueil
    représente-t-il ? » was "Je n'ai pas reconnu un nombre"."""
    question = load_guide().questions["equipe_etp_accueil"]
    if value is None:
        with pytest.raises(ParseError):
            parse_answer(question, text)
    else:
        assert parse_answer(question, text) == value


@pytest.mark.parametrize(("kind", "text", "value"), [
    (Kind.INTEGER, "2 + 1", 3), (Kind.INTEGER, "2+1 (Julie le mardi)", 3),
    (Kind.DECIMAL, "1 + 0,2", Decimal("1.2")), (Kind.EUROS, "12 000 € + 3 500 €", Decimal("15500.00"))])
def test_a_sum_of_figures_is_its_total(kind, text, value):
    """"2 + 1" at « Combien de personnes… ? » was "Je n'ai pas reconnu un nombre. Tapez-le en chiffres"."""
    assert parse_answer(_question(kind, min=0), text) == value


def test_a_figure_plus_words_asks_for_the_total():
    """"2 (le conseiller et moi) + Julie le mardi": the figure typed was said not to be one."""
    with pytest.raises(ParseError) as refused:
        parse_answer(_question(Kind.INTEGER, min=0), "2 (le conseiller et moi) + Julie le mardi")
    assert (refused.value.key, refused.value.params) == ("figure.added", {"first": "2", "added": "Julie le mardi"})


@pytest.mark.parametrize(("text", "first", "added"), [
    ("85 m2 + un bureau à l'étage", "85 m2", "un bureau à l'étage"),
    ("environ 85 m2 plus un bureau à l'étage", "environ 85 m2", "un bureau à l'étage"),
    ("85 m2 + 2 bureaux", "85 m2", "2 bureaux")])
def test_a_figure_plus_what_counts_something_else_asks_for_the_total(text, first, added):
    """Val-de-Bonnieure: "85 m2 + un bureau à l'étage" at « Quelle est la surface… ? » was 86 m², the office's
    article read as one more square metre."""
    with pytest.raises(ParseError) as refused:
        parse_answer(_question(Kind.INTEGER, min=1), text)
    assert (refused.value.key, refused.value.params) == ("figure.added", {"first": first, "added": added})


@pytest.mark.parametrize(("text", "value"), [
    ("2 agents + 1 agent", 3), ("80 m² + 15 m2", 95), ("2 plus 1", 3), ("1500 plus ou moins", 1500),
    # Les Rousses: surfaces each said with what they are
    ("env 45m2 pour l'espace FS + le bureau confidentiel de 9m2", 54)])
def test_a_sum_of_the_same_things_is_its_total(text, value):
    assert parse_answer(_question(Kind.INTEGER, min=0), text) == value


@pytest.mark.parametrize(("text", "value", "remarks"), [
    ("2 (caf en novembre, mairie des rousses) + 1 prevue avec la msa", 2,
     ["caf en novembre, mairie des rousses", "1 prevue avec la msa"]),
    ("3 + 1 prévue + 2 à venir", 3, ["1 prévue + 2 à venir"]), ("2 + 1", 3, [])])
def test_a_figure_added_as_to_come_is_not_counted_among_those_done(text, value, remarks):
    """Les Rousses: "2 (…) + 1 prevue avec la msa" at « Combien de rencontres… avez-vous déjà tenues ? » was
    refused, the total asked for, which would have counted the meeting to come."""
    question = Question(id="q", prompt="Combien de rencontres avez-vous déjà tenues ?", kind=Kind.INTEGER, min=0)
    assert parse_answer(question, text) == value
    assert figure_remarks(question, text) == remarks


@pytest.mark.parametrize(("text", "remarks"), [
    ("non, on doit aller voir celle de morbier en janvier", ["on doit aller voir celle de morbier en janvier"]),
    ("non", []), ("0, une prévue en janvier", ["une prévue en janvier"]),
    ("pas encore, une prévue en janvier", ["une prévue en janvier"]),
    # dictated, without a comma (Marseille 15e)
    ("Aucune pour l'instant on doit aller voir celle de l'Estaque en janvier",
     ["on doit aller voir celle de l'Estaque en janvier"])])
def test_no_visit_yet_and_one_to_come_is_none(text, remarks):
    """Les Rousses: "non, on doit aller voir celle de morbier … en janvier" at « Combien de France services
    existantes avez-vous visitées ? » was "Je n'ai pas reconnu un nombre"."""
    question = Question(id="q", prompt="Combien de France services avez-vous visitées ?", kind=Kind.INTEGER, min=0)
    assert parse_answer(question, text) == 0
    assert figure_remarks(question, text) == remarks


@pytest.mark.parametrize(("text", "value", "remarks"), [
    ("Trois, une avec la CAF, une avec la mission locale et une avec la mairie de secteur", 3,
     ["une avec la CAF, une avec la mission locale et une avec la mairie de secteur"]),
    ("Trois une avec la CAF une avec la mission locale", 3, ["une avec la CAF une avec la mission locale"]),  # dictated
    ("3 : une avec la CAF", 3, ["une avec la CAF"]), ("il y en a une avec la CAF", 1, ["avec la CAF"])])
def test_a_count_then_whom_each_one_was_with_is_the_count(text, value, remarks):
    """Marseille 15e: "Trois une avec la CAF une avec la mission locale et une avec la mairie de secteur" was "Je n'ai
    pas reconnu un nombre", each « une » read as one more figure."""
    question = Question(id="q", prompt="Combien de rencontres avez-vous déjà tenues ?", kind=Kind.INTEGER, min=0)
    assert parse_answer(question, text) == value
    assert figure_remarks(question, text) == remarks


@pytest.mark.parametrize(("text", "remarks"), [
    ("Environ quatre-vingts mètres carrés avec l'accueil une salle d'attente et deux bureaux",
     ["avec l'accueil une salle d'attente et deux bureaux"]), ("80 m2 avec l'accueil", ["avec l'accueil"]),
    ("80 m²", [])])
def test_what_a_surface_holds_said_after_its_unit_is_said_not_kept(text, remarks):
    """Marseille 15e: "… avec l'accueil une salle d'attente et deux bureaux" was dropped without a word."""
    question = Question(id="q", prompt="Quelle est la surface, en m² ?", kind=Kind.INTEGER, min=1)
    assert parse_answer(question, text) == 80
    assert figure_remarks(question, text) == remarks


def test_no_is_no_count_where_nothing_done_is_asked():
    with raises_key("integer.invalid"):
        parse_answer(_question(Kind.INTEGER, min=0), "non")


def test_a_figure_added_as_to_come_is_counted_where_nothing_done_is_asked():
    with pytest.raises(ParseError) as refused:
        parse_answer(_question(Kind.INTEGER, min=0), "2 + 1 prévue avec la MSA")
    assert refused.value.key == "figure.added"


@pytest.mark.parametrize("text", ["2 +", "Julie + 2", "2027 + 1"])
def test_what_is_no_sum_is_refused_as_before(text):
    question = _question(Kind.INTEGER, min=2000, max=2100) if text == "2027 + 1" else _question(Kind.INTEGER, min=0)
    with pytest.raises(ParseError) as refused:
        parse_answer(question, text)
    assert refused.value.key != "figure.added"


@pytest.mark.parametrize("text", ["3 : la CSSM, la mission locale, la préfecture", "3 - la CSSM", "3: la CSSM"])
def test_a_count_then_what_it_counts_is_the_count(text):
    """"3 : CSSM, mission locale, prefecture" at « Combien de rencontres… ? » was not a number."""
    assert parse_answer(_question(Kind.INTEGER, min=0), text) == 3


@pytest.mark.parametrize(("typed", "planned"), [
    ("inauguration prevue a l'ouverture avec le prefet", True), ("l'inauguration est programmée en septembre", True),
    ("inauguration pas prévue", False), ("inauguration prévue si le budget suit", False),
    ("une fête est prévue", False),  # nothing of the question named: not sure it is what it asks
    ("inauguration", False)])
def test_the_thing_asked_said_planned_is_a_yes(typed, planned):
    assert said_planned(typed, "Prévoyez-vous une inauguration de la Maison ?") is planned


@pytest.mark.parametrize(("typed", "serving"), [
    ("le bureau confidentiel servira aussi pour ca", True), ("il y aura un bureau à l'arrière", True),
    ("le bureau ne servira pas à ça", False), ("le bureau servira peut-être", False),
    ("la salle servira aussi", False)])  # the question's thing not named: not sure it is what it asks
def test_the_thing_asked_said_to_serve_is_a_yes(typed, serving):
    """Haut-Allier: "le bureau confidentiel servira aussi pour ca" was "Répondez par oui ou par non"."""
    assert said_serving(typed, "Un bureau est-il prévu pour les permanences des partenaires ?") is serving


@pytest.mark.parametrize(("text", "both"), [
    ("le cahier des charges oui, les modèles de convention pas encore", True),
    ("oui pour la CAF, non pour la MSA", True), ("la CAF oui mais la MSA non", True),
    ("oui", False), ("non, toujours pas", False), ("oui, pas de problème", False), ("non merci", False),
    ("pas encore mais ça va venir", False), ("oui, tout à fait, sans problème", False),
    ("oui le cdc, mais pas encore les modeles de convention", True),  # Haut-Allier: "Répondez par oui ou par non"
    ("oui la CAF, par contre non pour la MSA", True)])
def test_a_yes_of_one_part_and_a_no_of_another(text, both):
    assert yes_and_no(text) is both


@pytest.mark.parametrize(("text", "in_part"), [
    # Val-de-Bonnieure, at « Votre référent vous a-t-il indiqué les modalités pratiques de la labellisation ? »
    ("en partie, il m'a dit d'attendre la délibération pour déposer", True), ("oui en partie", True),
    ("à moitié", True), ("pas tout à fait", True), ("partiellement", True), ("tout à fait", False), ("oui", False)])
def test_a_yes_in_part(text, in_part):
    assert yes_in_part(text) is in_part


@pytest.mark.parametrize(("text", "awaited"), [
    ("on l'a demandée à la sous-préfecture la semaine dernière", True), ("toujours en attente de la CAF", True),
    ("j'attends leur retour", True), ("la demande est partie", True),
    ("il doit me l'envoyer par mail", True), ("la sous-préfecture va nous les transmettre", True),
    ("ils me l'enverront la semaine prochaine", True),
    ("demandée et reçue", False), ("il doit me rappeler", False), ("oui", False), ("on l'a lue", False)])
def test_a_thing_asked_for_and_not_come(text, awaited):
    assert says_awaited(text) is awaited


@pytest.mark.parametrize(("text", "rest"), [
    ("oui en partie : Julie Morel, mais elle est à la commune", "Julie Morel, mais elle est à la commune"),
    ("En partie, la CAF et la MSA", "la CAF et la MSA"), ("oui, partiellement - la CAF", "la CAF"),
    ("pas tous : la CAF oui", "la CAF oui"), ("oui, la CAF", "oui, la CAF"), ("en partie", "en partie")])
def test_what_follows_a_partly_yes_is_the_text_for_the_question_after_it(text, rest):
    assert after_partly_yes(text) == rest


@pytest.mark.parametrize("text", ["oui, à confirmer", "je crois que oui, à vérifier avec la sous-préfecture"])
def test_a_yes_to_confirm_or_check_is_no_yes_with_details(text):
    assert yes_no_because(text) is None
    assert parse_yes_no("je crois que oui") is True and parse_yes_no("je pense que non") is False


@pytest.mark.parametrize(("text", "said"), [
    ("les 31 communes de la CC du Pays de Saint-Éloy, environ 16 000 habitants",
     ("les 31 communes de la CC du Pays de Saint-Éloy", "environ 16 000 habitants")),
    ("cc des rives du haut allier (43), 22 communes, env 9500 hab",
     ("cc des rives du haut allier (43), 22 communes", "env 9500 hab")),
    ("la CC, 9 500 hbts", ("la CC", "9 500 hbts")), ("la CC, 9 500 hab.", ("la CC", "9 500 hab.")),
    ("la CC, 31 communes", None), ("la CC, beaucoup d'habitants", None), ("16 000 habitants", None),
    ("la CC, 12 hameaux", None), ("la CC, 9 500 ha", None),
    # dictated, without a comma
    ("Le quinzième arrondissement surtout la Cabucelle et les Crottes environ trente-cinq mille habitants",
     ("Le quinzième arrondissement surtout la Cabucelle et les Crottes", "environ trente-cinq mille habitants")),
    ("le 15e arrondissement 35 000 habitants environ", ("le 15e arrondissement", "35 000 habitants environ")),
    ("la CC du Val 22 communes", None), ("trente-cinq mille habitants", None)])
def test_a_text_ending_with_a_count_in_its_unit_is_the_text_and_the_count(text, said):
    assert text_and_count(text, "habitant") == said


@pytest.mark.parametrize(("text", "said"), [
    ("le sous prefet de Brioude + la referente de la pref (Mme Chabanon) en sept",
     "le sous prefet de Brioude + la referente de la pref (Mme Chabanon)"),
    ("Mme Chabanon en septembre", "Mme Chabanon"), ("M. Roux le 12/10", "M. Roux"),
    ("Mme Besson, sous-préfecture de Riom, rencontrée le 18 novembre", "Mme Besson, sous-préfecture de Riom"),
    ("Mme Marie Mars en mai", "Mme Marie Mars"),  # a name that is a month's, capitalised
    ("en octobre", None), ("Mme Roux", None), ("Mme Marie Mars", None),
    ("on a vu la déléguée du préfet le dix novembre", None),
    # dictated: the day in words, and whom one met by their name
    ("Mme Roux le vingt-deux octobre", "Mme Roux"),
    ("j'ai eu madame Giraud de la préfecture le douze novembre au téléphone",
     "j'ai eu madame Giraud de la préfecture")])
def test_what_a_text_says_before_its_date(text, said):
    assert (date_apart(text) or (None,))[0] == said


def test_a_month_then_a_clause_asks_the_day():
    """Haut-Allier: "debut avril, date a caler avec la pref" was "Je n'ai pas reconnu une date"."""
    with raises_key("date.no_day", month="avril", year=None):
        parse_date("debut avril, date a caler avec la pref", TODAY, "future")


@pytest.mark.parametrize("text", ["fin fevrier normalement", "mi-février a priori", "début février je pense"])
def test_a_part_of_a_month_said_with_a_doubt_asks_the_day(text):
    """Les Rousses: "fin fevrier normalement" was "Je n'ai pas reconnu une date", "fin fevrier" alone asked the day."""
    with raises_key("date.no_day", month="février", year=None):
        parse_date(text, TODAY, "nearest")


@pytest.mark.parametrize("text", ["avant fin février normalement", "fin février ou début mars"])
def test_a_part_of_a_month_with_a_bound_or_a_choice_is_still_no_date(text):
    with raises_key("date.invalid"):
        parse_date(text, TODAY, "nearest")


@pytest.mark.parametrize(("text", "month"), [("en sept", "septembre"), ("mi-sept", "septembre"),
                                             ("fin janv.", "janvier"), ("avec Mme Roux en oct", "octobre")])
def test_a_month_shortened_after_a_word_that_sets_it_is_that_month(text, month):
    """Haut-Allier: "en sept" was seven, no date at all."""
    with raises_key("date.no_day", month=month, year=None):
        parse_date(text, TODAY, "past")


@pytest.mark.parametrize(("text", "said"), [
    ("la poste - direction du reseau et de la banque haute-loire je crois, a confirmer",
     ("la poste - direction du reseau et de la banque haute-loire", "je crois, a confirmer")),
    ("CAF de la Haute-Loire (à vérifier)", ("CAF de la Haute-Loire", "à vérifier")),
    ("MSA Auvergne, sauf erreur", ("MSA Auvergne", "sauf erreur")),
    ("MSA Auvergne", ("MSA Auvergne", None)), ("je crois", ("je crois", None)),
    ("Caisse normalement fermée le lundi", ("Caisse normalement fermée le lundi", None)),
    # Plouaret: the function of a signatory whose name is awaited
    ("Le directeur régional, nom à confirmer", ("Le directeur régional", "nom à confirmer")),
    ("Le directeur régional, je n'ai pas encore son nom.", ("Le directeur régional", "je n'ai pas encore son nom")),
    ("le directeur régional (nom à venir)", ("le directeur régional", "nom à venir")),
    ("La directrice, nom inconnu pour l'instant", ("La directrice", "nom inconnu pour l'instant")),
    ("M. Le Bihan directement", ("M. Le Bihan", "directement"))])  # how to reach him, no part of his name
def test_a_doubt_ending_a_name_is_set_apart(text, said):
    """Haut-Allier: "… haute-loire je crois, a confirmer" was the name the convention-cadre prints."""
    assert doubt_apart(text) == said


@pytest.mark.parametrize(("text", "name"), [
    ("pour la poste c'est Philippe Mouget", "Philippe Mouget"), ("c'est Philippe Mouget", "Philippe Mouget"),
    ("c'est Mme Roux", "Mme Roux")])
def test_it_is_said_before_a_name_is_no_part_of_it(text, name):
    assert parse_person(text) == name


def test_how_someone_was_reached_is_no_part_of_their_name():
    """"oui, par téléphone, Mme Roux" kept "par téléphone, Mme Roux" as the referent's name, "oui par mail" "par
    mail"."""
    assert parse_person("par téléphone, Mme Roux") == "Mme Roux"
    assert parse_person("par mail à Mme Roux") == "Mme Roux"
    with raises_key("person.how", typed="par mail"):
        parse_person("par mail")
    # Rémalard-en-Perche: where the dossier is sent is no one
    for typed in ("sur demarches simplifiees", "en ligne", "via la plateforme"):
        with raises_key("person.how", typed=typed):
            parse_person(typed)
    assert parse_person("sur démarches simplifiées, Mme Roux") == "Mme Roux"


@pytest.mark.parametrize(("text", "expected"), [
    ("rdv fixé le 14/01 a la sous-pref de st claude", ("", "rdv fixé le 14/01 a la sous-pref de st claude")),
    ("Mme Roux, rdv prévu en janvier", ("Mme Roux", "rdv prévu en janvier")),
    ("Mme Roux, rendez-vous le 14 janvier", ("Mme Roux", "rendez-vous le 14 janvier")),  # to come, said in December
    ("Mme Roux, rendez-vous le 3 novembre", None),  # the first contact, a month ago
    ("Mme Roux, le 14 janvier", None)])
def test_a_meeting_to_come_is_set_apart(text, expected):
    assert meeting_to_come(text, TODAY) == expected


@pytest.mark.parametrize(("text", "value", "remarks"), [
    ("compris dans le 1,2 de l'accueil, disons 0,6 pour l'accompagnement et 0,6 pour l'accueil", Decimal("0.6"),
     ["compris dans le 1,2 de l'accueil", "0,6 pour l'accueil"]),
    ("0,5 pour l'accueil et 0,7 pour l'accompagnement", Decimal("0.7"), ["0,5 pour l'accueil"])])
def test_the_share_said_for_what_is_asked_among_others_is_its_answer(text, value, remarks):
    question = Question(id="q", prompt="Combien d'ETP l'accompagnement représente-t-il ?", kind=Kind.DECIMAL, min=0)
    assert parse_answer(question, text) == value
    assert figure_remarks(question, text) == remarks


@pytest.mark.parametrize(("text", "said"), [
    ("moi, Thomas Girod, 10% de mon temps", ("Thomas Girod", "10% de mon temps")),
    ("Thomas Girod, un jour par semaine", ("Thomas Girod", "un jour par semaine")),
    ("moi, 10%", None), ("Thomas Girod", None),
    # dictated, without a comma (Marseille 15e)
    ("Moi Samia Haddad à mi-temps", ("Samia Haddad", "à mi-temps")),
    ("Samia Haddad à 50 %", ("Samia Haddad", "à 50 %")),
    ("Jean Roux à la mairie", None)])
def test_a_name_and_a_share_of_one_s_time_are_set_apart(text, said):
    assert name_and_share(text) == said


def test_a_name_said_with_its_time_is_not_the_name():
    """"Moi Samia Haddad à mi-temps" was the coordinator's name, time and all; so was "Mme BRIERE secretaire de
    mairie, 10%", a comma before the time."""
    with raises_key("person.and_share", name="Samia Haddad", share="à mi-temps"):
        parse_answer(_question(Kind.SHORT_TEXT, person=True), "Moi Samia Haddad à mi-temps")
    with raises_key("person.and_share", name="Mme BRIERE secretaire de mairie", share="10%"):
        parse_answer(_question(Kind.SHORT_TEXT, person=True), "Mme BRIERE secretaire de mairie, 10%")


@pytest.mark.parametrize(("typed", "expected"), [
    ("idem, logements vacants dans le bourg", ("idem", "logements vacants dans le bourg")),
    ("Pareil : deux bureaux et une salle", ("Pareil", "deux bureaux et une salle")),
    ("idem + le CCAS", None), ("pareil, plus la mairie", None), ("même chose, avec la CAF", None),
    ("idem, ce sont les mêmes", None), ("idem", None), ("pareil, oui", None), ("Pareil que Bretenoux", None)])
def test_an_answer_of_its_own_after_idem_is_set_apart(typed, expected):
    """Rémalard-en-Perche: what follows "idem," is an answer when it says something alone, not "plus la mairie"."""
    assert same_then_said(typed) == expected


@pytest.mark.parametrize(("typed", "count"), [
    ("oui les 2 seront formés avant l'ouverture", 2), ("oui, tous les deux", 2), ("toutes les trois", 3),
    ("oui pour tous les opérateurs", None), ("oui", None), ("les 20 heures", None)])
def test_each_of_so_many_is_their_count(typed, count):
    """Rémalard-en-Perche: "oui les 2 seront formés" said of both advisers at the first one's question."""
    assert each_of(typed) == count


@pytest.mark.parametrize(("typed", "whom"), [
    ("avec le prefet et les maires, le 12 juin", "avec le prefet et les maires"),
    ("en présence du sous-préfet, le 3 mars", "en présence du sous-préfet"),
    ("Mme Chabanon en septembre", None), ("le premier est prévu le 14 mars", None), ("le 12 juin", None)])
def test_whom_a_date_is_with_is_set_apart(typed, whom):
    """Rémalard-en-Perche: "avec le prefet et les maires, en juin" lost the guests without a word."""
    assert with_whom_before_date(typed) == whom


def test_an_action_said_done_by_its_words_is_that_one_alone():
    """Rémalard-en-Perche: "la charte c'est fait, recue hier" under a stage's checklist."""
    labels = ["Prendre connaissance de la charte graphique et de l'identité visuelle des Maisons",
              "Organiser la maintenance du matériel informatique"]
    assert item_said_done(labels, "la charte c'est fait, recue hier") == 0
    assert item_said_done(labels, "la charte") is None  # not said done
    assert item_said_done([*labels, "Prévoir la signalétique selon la charte graphique"], "la charte c'est fait") \
        is None  # two actions name it
