"""A Département's France services bus, said in its own words at the guide's choices."""
from __future__ import annotations

import pytest

from dialogs.loader import load_guide
from dialogs.parsing import parse_answer

GUIDE = load_guide()


@pytest.mark.parametrize(("question", "typed", "answer"), [
    ("port_contribution", "le bus, deux conseillères et le chauffeur", ["personnel", "equipement"]),
    ("port_contribution", "un camping-car aménagé", ["equipement"]),
    ("budget_detr_usage", "pour l'achat du bus", "investissement"),
    ("budget_etat_usage", "pour les salaires", "fonctionnement"),
    ("dev_indicateurs", "le nombre de personnes accueillies et les démarches réalisées",
     ["frequentation", "services_rendus"]),
])
def test_a_bus_said_in_its_words_is_the_option_it_means(question, typed, answer):
    assert parse_answer(GUIDE.questions[question], typed) == answer
