"""A rural commune carrying its Maison, said in a DGS's own words at the guide's choices."""
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


@pytest.mark.parametrize(("typed", "answer"), [("en plein bourg", "dans_bourg_centre"),
                                               ("au bourg, à côté de l'église", "dans_bourg_centre")])
def test_the_place_said_as_a_dgs_says_it_is_the_option_it_means(typed, answer):
    assert parse_answer(GUIDE.questions["tech_localisation"], typed) == answer


@pytest.mark.parametrize(("typed", "answer"), [
    ("surtout des retraités, quelques familles, des saisonniers l'été", ["residents", "salaries"]),
    ("des retraités et des familles", ["residents"])])
def test_the_people_of_a_rural_commune_are_its_residents(typed, answer):
    """Val-de-Bonnieure: "surtout des retraités, quelques familles" at « Quelles populations sont présentes… ? » was
    stored as « Autre »."""
    assert parse_answer(GUIDE.questions["populations_presentes"], typed) == answer


def test_the_administration_said_as_a_dgs_says_it_is_the_structure_s():
    """Val-de-Bonnieure: "…, l'administratif reste à la mairie" at « Quelles fonctions sont indispensables… ? » was
    stored as « Autre » worded so."""
    typed = ("l'accueil et l'accompagnement par la conseillère, la coordination c'est moi, l'administratif reste à "
             "la mairie")
    assert parse_answer(GUIDE.questions["equipe_fonctions"], typed) == ["accueil", "accompagnement", "coordination",
                                                                       "administration"]
