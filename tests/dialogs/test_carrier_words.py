"""A commune carrying its Maison, said in a DGS's own words at stage 3's choices."""
from __future__ import annotations

import pytest

from dialogs.loader import load_guide
from dialogs.parsing import parse_answer

GUIDE = load_guide()


@pytest.mark.parametrize(("question", "typed", "answer"), [
    ("port_modes", "un accueil fixe à la mairie, et une permanence le mercredi matin à Saint-Angeau",
     ["point_fixe", "itinerance"]),
    ("port_modes", "un accueil permanent au bourg", ["point_fixe"]),
    ("port_contribution", "les locaux de l'ancienne poste, et on paie le reste à charge", ["locaux", "financement"]),
    ("port_contribution", "le reste à charge", ["financement"]),
])
def test_a_carrier_s_words_are_the_option_they_mean(question, typed, answer):
    assert parse_answer(GUIDE.questions[question], typed) == answer
