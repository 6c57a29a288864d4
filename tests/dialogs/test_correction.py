"""What reads as a correction of the last answer, and the right answer it gives."""
from __future__ import annotations

import pytest

from dialogs.correction import Correction, corrected, with_words_put_right
from dialogs.model import Kind


@pytest.mark.parametrize(("text", "right"), [
    ("pardon je voulais dire CC du Kreiz-Breizh (Côtes-d'Armor)", "CC du Kreiz-Breizh (Côtes-d'Armor)"),
    ("Je me suis trompé, c'est 1200 habitants.", "1200 habitants."),  # a text's full stop is its own
    ("Erreur : 1200", "1200"),
    ("Oups, faute de frappe : 1 250", "1 250"),
    ("je voulais dire non", "non"),
    ("je voulais dire 1200, pas 1500", "1200"),
    ("Non, je voulais dire la mairie au lieu de la poste", "La mairie"),
    ("Correction, la bonne réponse est 12", "12"),
    ("Je corrige : 35 heures", "35 heures"),
    ("Désolé, erreur de frappe dans le chiffre, c'est 1300", "1300"),
    ("il fallait lire 13 rue de la Gare", "13 rue de la Gare"),
    ("je me suis trompée de date, le 12 mars", "le 12 mars"),
    ("Je voulais dire qu'il y aura deux agents", "Il y aura deux agents"),
    ("Je voulais dire population vieillissante", "Population vieillissante"),
    ("Pardon, je me suis trompé.", ""),
])
def test_a_correction_gives_the_right_answer(text, right):
    assert corrected(text) == Correction(right, adds=False)


@pytest.mark.parametrize(("text", "right"), [
    ("J'ai oublié les touristes", "les touristes"),
    ("il manque la CAF", "la CAF"),
    ("j'ai oublié de cocher salariés", "salariés"),
    ("et aussi le maillage territorial", "le maillage territorial"),
])
def test_what_was_forgotten_adds_to_the_answer(text, right):
    assert corrected(text) == Correction(right, adds=True)


def test_also_adds_to_a_list_only():
    """"il y a aussi…" goes with the options ticked before; a text said with "aussi" is the whole text."""
    correction = corrected("Je me suis trompé, il y a aussi des personnes de passage")
    assert correction == Correction("Il y a aussi des personnes de passage", adds=False, also=True)
    assert correction.adds_to(Kind.MULTI) and not correction.adds_to(Kind.LONG_TEXT)


@pytest.mark.parametrize("text", [
    "Erreur de calcul dans le dernier recensement : la population a baissé depuis.",
    "1200, pas 1500",
    "non merci",
    "Pardon ?",
    "correctement rempli",
    "Corrections apportées au PLU en 2024",
    "J'ai oublié",  # what one does not remember: no answer to add to
])
def test_an_answer_is_no_correction(text):
    assert corrected(text) is None


@pytest.mark.parametrize(("text", "right"), [("*Rostrenen", "Rostrenen"), ("Rostrenen*", "Rostrenen"),
                                             ("* 3 600", "3 600")])
def test_a_starred_word_is_a_correction_of_words(text, right):
    assert corrected(text) == Correction(right, adds=False, words=True)


@pytest.mark.parametrize(("answer", "words", "put_right"), [
    ("Permanences à Rostrenn le mardi", "Rostrenen", "Permanences à Rostrenen le mardi"),
    ("Un car pour guingam", "Guingamp", "Un car pour Guingamp"),
    ("La CAF et la MSA", "CPAM", None),  # no word is close
    ("Permanences à Rostrenen", "Rostrenen", None),  # right already
])
def test_a_starred_word_takes_the_place_of_the_closest(answer, words, put_right):
    assert with_words_put_right(answer, words) == put_right
