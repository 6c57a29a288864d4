"""A question typed back at the guide's question, which no answer says."""
from __future__ import annotations

import pytest

from dialogs.not_answers import asks_what_is_meant, says_goodbye, says_thanks


@pytest.mark.parametrize("text", [
    "C'est quoi le tissu urbain ?",
    "c'est quoi un ETP",
    "?",
    "Quoi ?",
    "Comment ça ?",
    "Je ne comprends pas la question.",
    "Bonjour. Je ne suis pas sûr de comprendre, c'est quoi exactement le nom du projet ?",
    "Qu'est-ce que vous entendez par opérateurs",
    "Désolé, j'ai pas compris",
    "On met quoi ici ?",
    "C'est qui le référent en Préfecture ?",
])
def test_a_question_back_asks_what_is_meant(text):
    assert asks_what_is_meant(text)


@pytest.mark.parametrize("text", [
    "Qu'est-ce que la Maison apportera ? Un accès aux droits, une aide au numérique, un lieu de rencontre.",
    "Un bourg-centre et des hameaux dispersés.",
    "Pourquoi pas",
    "oui",
    "Comment le tissu urbain est organisé ? Un bourg et douze hameaux.",
])
def test_an_answer_is_no_question_back(text):
    assert not asks_what_is_meant(text)


@pytest.mark.parametrize("text", ["stop", "Merci, à demain !", "à plus tard", "Au revoir.", "Fin",
                                  "Je m'arrête là pour aujourd'hui"])
def test_a_goodbye_is_said(text):
    assert says_goodbye(text)


@pytest.mark.parametrize("text", ["plus tard", "merci", "Arrêt de bus devant la mairie", "Fin 2027"])
def test_an_answer_or_a_later_is_no_goodbye(text):
    assert not says_goodbye(text)


@pytest.mark.parametrize(("text", "thanks"), [("merci", True), ("Merci beaucoup !", True), ("Ok, merci 🙏", True),
                                              ("Merci à la CAF pour son accueil", False), ("mercredi", False)])
def test_thanks_alone_are_said_to_the_guide(text, thanks):
    assert says_thanks(text) is thanks
