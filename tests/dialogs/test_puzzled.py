"""A question typed back at the guide's question, which no answer says."""
from __future__ import annotations

import pytest

from dialogs.puzzled import asks_what_is_meant


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
    "Qu'est-ce que la Maison apportera ? Un accès aux droits, une aide au numérique et un lieu de rencontre pour tous.",
    "Un bourg-centre et des hameaux dispersés.",
    "Pourquoi pas",
    "oui",
    "Comment le tissu urbain est organisé ? Un bourg et douze hameaux.",
])
def test_an_answer_is_no_question_back(text):
    assert not asks_what_is_meant(text)
