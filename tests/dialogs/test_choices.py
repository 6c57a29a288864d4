"""What a typed list names besides its options, and options typed with a letter wrong."""
from __future__ import annotations

import pytest

from dialogs.choices import close_options, with_other
from dialogs.model import Kind, Option, Question
from dialogs.parsing import names_nothing

QUALITIES = Question(id="qualites", prompt="Quelles qualités ?", kind=Kind.MULTI, options=[
    Option(id="polyvalence", label="Polyvalence"), Option(id="diplomatie", label="Diplomatie"),
    Option(id="pedagogie", label="Pédagogie"), Option(id="autre", label="Autre")])
TOOL = Question(id="outil", prompt="Quel outil ?", kind=Kind.CHOICE, options=[
    Option(id="tableur", label="Tableur", words=["Excel"]), Option(id="logiciel", label="Logiciel dédié"),
    Option(id="autre", label="Autre")])


@pytest.mark.parametrize(("question", "text", "said"), [
    (QUALITIES, "patience, polyvalence et discrétion", (["polyvalence", "autre"], "patience, discrétion")),
    (QUALITIES, "l'écoute", (["autre"], "l'écoute")),
    (TOOL, "Google Sheets", ("autre", "Google Sheets"))])
def test_what_names_no_option_is_the_autre_of_the_answer(question, text, said):
    assert with_other(question, text) == said


@pytest.mark.parametrize(("question", "text"), [
    (QUALITIES, "polyvalance"),  # a misspelt option: asked again, with the option suggested
    (QUALITIES, "pédagogue et patiente"),
    (QUALITIES, "polyvalence, diplomatie"),  # nothing else named
    (QUALITIES, "autre, écoute"),  # « Autre » named: its words are asked for as usual
    (TOOL, "un fichier Excel partagé")])
def test_a_misspelt_option_or_nothing_left_is_not_an_autre(question, text):
    assert with_other(question, text) is None


def test_without_an_autre_option_nothing_is_taken_for_one():
    question = Question(id="q", prompt="Q ?", kind=Kind.MULTI, options=QUALITIES.options[:3])
    assert with_other(question, "patience") is None


@pytest.mark.parametrize(("text", "close"), [
    ("polyvalance", [(1, "Polyvalence")]), ("le tact", None), ("pédagogue", [(3, "Pédagogie")])])
def test_an_option_typed_with_a_letter_wrong_is_suggested(text, close):
    assert close_options(QUALITIES, text) == ({"close": close} if close else {})


@pytest.mark.parametrize(("text", "nothing"), [
    ("plus tard", True), ("Aucun.", True), ("pas encore", True), ("c'est quoi ?", True), ("On verra", True),
    ("l'écoute", False), ("Google Sheets", False)])
def test_vague_words_name_nothing(text, nothing):
    assert names_nothing(text) is nothing
