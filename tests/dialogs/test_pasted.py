"""Text pasted from a document: its lines, bullets, heading and spreadsheet cells."""
from __future__ import annotations

import pytest

from dialogs.pasted import cells, contact_lines, figure_alone, letter_parts, list_items, one_line, rows


@pytest.mark.parametrize(("text", "items"), [
    ("Enjeux de la note :\n- cohésion sociale ;\n- maillage territorial.",
     ["cohésion sociale", "maillage territorial"]),
    ("• la CAF\n• la MSA (permanence mensuelle)", ["la CAF", "la MSA (permanence mensuelle)"]),
    ("1. Éviter les trajets\n2) Rompre l'isolement et", ["Éviter les trajets", "Rompre l'isolement"]),
    ("Nos objectifs : éviter les trajets", ["Nos objectifs : éviter les trajets"]),  # one line: no heading
    ("1) et 3)", ["1) et 3)"]),  # one line, as typed: options by their numbers
    ("1.\n3.", ["1", "3"])])
def test_a_pasted_list_is_its_items(text, items):
    assert list_items(text) == items


@pytest.mark.parametrize(("text", "line"), [
    ("Communauté de communes La Grandvallière\n(Jura, 39)", "Communauté de communes La Grandvallière (Jura, 39)"),
    ("Chargée de mission\nCommunauté de communes La Grandvallière",
     "Chargée de mission, Communauté de communes La Grandvallière"),
    ("Chargée de mission,\n  CC La Grandvallière", "Chargée de mission, CC La Grandvallière"),
    ("Mairie de Morbier", "Mairie de Morbier")])
def test_a_name_pasted_over_lines_is_one_line(text, line):
    assert one_line(text) == line


def test_a_spreadsheet_row_is_its_cells():
    assert cells("Population municipale (Insee, RP 2021)\t9 214\t") == ["Population municipale (Insee, RP 2021)",
                                                                       "9 214"]
    assert cells("9 214 habitants") == ["9 214 habitants"]


def test_the_contact_lines_of_a_signature_are_told_apart():
    signature = ("Claire Vuillet\nChargée de mission\n03 84 60 12 34\nTél. : +33 (0)3 84 60 12 34 – www.cc-gv.fr\n"
                 "c.v@cc-gv.fr")
    assert contact_lines(signature) == ["03 84 60 12 34", "Tél. : +33 (0)3 84 60 12 34 – www.cc-gv.fr", "c.v@cc-gv.fr"]
    assert contact_lines("Claire Vuillet\n12 rue de la Gare") == [] and contact_lines("c.v@cc-gv.fr") == []


@pytest.mark.parametrize(("text", "figure"), [
    ("Population municipale (Insee, RP 2021)\t9 214", "9 214"),
    ("Population 2021 : 9 214 habitants", "9 214 habitants"),
    ("9 214 habitants au recensement de 2021", "9 214 habitants"), ("9 214", None),
    ("1 ETP (35 h hebdomadaires)", "1 ETP"), ("12 400 (dont 3 000 en QPV)", "12 400"),  # an aside, whatever it holds
    ("Communes : 12, habitants : 9 214", None)])  # another figure than a year left out: not sure
def test_a_figure_copied_with_its_label_and_source_stands_alone(text, figure):
    assert figure_alone(text) == figure


def test_a_table_pasted_from_a_spreadsheet_reads_as_lines():
    """"Présentoir⇥2⇥300 €" printed as "Présentoir 2 300 €" in the dossier: a tab is one space there."""
    assert rows("Présentoir\t2\t300 €\nChaises d'attente\t8\t\t640 €\nÀ commander en mars") == (
        "Présentoir – 2 – 300 €\nChaises d'attente – 8 – 640 €\nÀ commander en mars")


@pytest.mark.parametrize(("text", "body", "parts"), [
    ("Bonjour Élodie,\n\nCe qu'on retient de Riom : un accueil chaleureux.\n\nCordialement,\nGilles Chabrier\n"
     "Maire de Murat\n04 71 20 03 37", "Ce qu'on retient de Riom : un accueil chaleureux.",
     ["Bonjour Élodie", "Cordialement, Gilles Chabrier Maire de Murat 04 71 20 03 37"]),
    ("Madame la Directrice, la CAF tiendra une permanence le jeudi. Bien à vous, Fatou Diallo",
     "la CAF tiendra une permanence le jeudi.", ["Madame la Directrice", "Bien à vous, Fatou Diallo"]),
    ("Un relais pour les dossiers. Cordialement.", "Un relais pour les dossiers.", ["Cordialement."]),
])
def test_a_letter_forwarded_keeps_its_message_without_greeting_and_signature(text, body, parts):
    assert letter_parts(text) == (body, parts)


@pytest.mark.parametrize("text", [
    "Bonjour à tous les habitants : la Maison les accueillera", "Cordialement",
    "Nous voulons dire bonjour aux habitants. Bonne journée à tous ceux qui viennent.",
    "Les usagers repartent avec leur dossier complet. A bientôt pour la suite"])
def test_words_of_a_letter_inside_an_answer_stay(text):
    assert letter_parts(text) == (text, [])
