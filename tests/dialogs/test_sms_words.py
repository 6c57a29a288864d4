"""What a phone types without autocorrection: SMS spellings ("c bon", "qq", "jsp") and elisions without their
apostrophe ("je l ai pas"), read as the words they stand for wherever the guide reads words."""
from __future__ import annotations

import pytest

from dialogs.folding import spelt_out, typed_words
from dialogs.loader import load_guide
from dialogs.parsing import DEFER, NEXT, parse_answer, parse_yes_no, typed_at_recap, typed_button

GUIDE = load_guide()


@pytest.mark.parametrize(("typed", "meant"), [
    ("c bon", "c'est bon"),
    ("C est bon !", "c'est bon"),
    ("jsp", "je sais pas"),
    ("je l ai pas sous la main", "je l'ai pas sous la main"),
    ("qq touristes l ete", "quelques touristes l'ete"),
    ("ts les 4", "tous les 4"),
    ("Bjr", "bonjour"),
    ("nb de demandes", "nombre de demandes"),
    ("Wi-Fi pour le public", "wi-fi pour le public"),
    # A letter alone is no SMS: "catégorie C", "plan C et D".
    ("agent de catégorie C", "agent de categorie c"),
    ("catégorie C et B", "categorie c et b"),
    ("CC du Pays Dunois", "cc du pays dunois"),
])
def test_typed_words_are_spelt_out(typed, meant):
    assert typed_words(typed) == meant


def test_spelling_out_leaves_whole_words_alone():
    assert spelt_out("la prefecture de la creuse, les associations") == "la prefecture de la creuse, les associations"


@pytest.mark.parametrize(("question", "typed", "meant"), [
    ("chef_projet_temps", "qq heures par semaine, le reste c est le guichet", "temps_partiel"),
    ("populations_presentes", "residents surtout, qq touristes l ete", ["residents", "touristes"]),
    ("populations_presentes", "ts les 4", ["residents", "salaries", "touristes", "personnes_de_passage"]),
    ("dev_indicateurs", "frequentation, nb de demandes par partenaire", ["frequentation", "services_rendus"]),
])
def test_an_option_said_in_sms_is_read(question, typed, meant):
    assert parse_answer(GUIDE.questions[question], typed) == meant


@pytest.mark.parametrize("typed", ["jsp", "je l ai pas sous la main", "j y reviendrai"])
def test_not_knowing_in_sms_is_the_later_button(typed):
    assert typed_button(GUIDE.questions["port_siret"], typed) == DEFER


def test_a_yes_a_no_and_the_recap_s_next_in_sms():
    assert parse_yes_no("nn") is False
    assert typed_at_recap("c bon", 3) == NEXT and typed_at_recap("c ok", 3) == NEXT
