"""The carrier's identity as the Préfecture reads it: a SIRET number and postal addresses."""
from __future__ import annotations

import pytest

from bot.render import Renderer
from dialogs.address import commune_of, not_address_lines, parse_address, postal_code_of
from dialogs.formatting import siret as show_siret
from dialogs.model import Kind, Question
from dialogs.parsing import ParseError, from_json, luhn_valid, parse_answer, parse_siret, to_json
from states.events import Reply

# 200 067 510 00012 passes the Luhn check; so does La Poste's head office, 356 000 000 00048. La Poste's other
# establishments follow INSEE's rule for its SIREN: 356 000 000 40007 fails Luhn, but its digits add up to 25.
VALID = "200 067 510 00012"
LA_POSTE_HEAD_OFFICE = "35600000000048"
LA_POSTE_OFFICE = "356 000 000 40007"

_RENDERER = Renderer()


def _invalid(text: str, kind: Kind) -> str:
    """The chat's message for what a user typed to a question of this kind."""
    with pytest.raises(ParseError) as info:
        parse_answer(Question(id="q", prompt="Question ?", kind=kind), text)
    return _RENDERER.html(Reply("invalid", {"key": info.value.key, "params": info.value.params, "kind": kind.value}))


def _show(kind: str, value) -> str:
    template = _RENDERER.environment.from_string('{% from "_macros.html.j2" import show %}{{ show(answer) }}')
    return template.render(answer={"status": "answered", "kind": kind, "value": value})


# ---------------------------------------------------------------- SIRET


@pytest.mark.parametrize("typed", [VALID, "20006751000012", " 200067510 00012 ", "200\u00a0067\u00a0510\u00a000012",
                                   "200.067.510.00012", "200-067-510-00012"])
def test_a_siret_is_kept_as_its_fourteen_digits_however_it_is_spaced(typed):
    assert parse_siret(typed) == "20006751000012"


def test_a_siret_is_shown_in_its_usual_groups():
    assert show_siret("20006751000012") == VALID
    assert _show("siret", "20006751000012") == VALID


def test_the_luhn_check():
    assert luhn_valid("20006751000012") and luhn_valid(LA_POSTE_HEAD_OFFICE)
    assert not luhn_valid("20006751000013")
    assert not luhn_valid("35600000040007")


def test_la_poste_establishments_follow_their_own_rule():
    assert parse_siret(LA_POSTE_OFFICE) == "35600000040007"  # not Luhn-valid: the sum of its digits is 25
    assert parse_siret(LA_POSTE_HEAD_OFFICE) == LA_POSTE_HEAD_OFFICE
    with pytest.raises(ParseError, match="siret.checksum"):
        parse_siret("356 000 000 40008")  # neither rule holds
    with pytest.raises(ParseError, match="siret.checksum"):
        parse_siret("356 000 001 40006")  # the rule is La Poste's only: another SIREN is checked by Luhn


def test_a_siret_too_short_says_how_many_digits_were_typed():
    assert _invalid("200 067 510 000", Kind.SIRET) == (
        "⚠️ Un SIRET compte 14 chiffres ; vous en avez tapé 12. Exemple : 200 012 342 00008.")
    assert "vous en avez tapé 15" in _invalid("200 067 510 000 123", Kind.SIRET)


def test_a_siret_with_a_wrong_digit_is_refused_with_where_to_check_it():
    message = _invalid("200 067 510 00013", Kind.SIRET)
    assert message.startswith("⚠️ Ce numéro SIRET n'est pas valide : vérifiez les chiffres")
    assert "annuaire-entreprises.data.gouv.fr" in message
    transposed = "200 067 501 00012"  # two digits swapped: the check digit catches it
    assert "n'est pas valide" in _invalid(transposed, Kind.SIRET)


def test_a_siret_with_letters_is_refused():
    assert _invalid("200 067 51O 00012", Kind.SIRET) == (  # a letter O for a zero
        "⚠️ Un numéro SIRET ne contient que des chiffres. Exemple : 200 012 342 00008.")
    assert "que des chiffres" in _invalid("SIRET du centre social : 200 067 510 00012", Kind.SIRET)
    assert "que des chiffres" in _invalid("siret", Kind.SIRET)
    assert "vide" in _invalid("   ", Kind.SIRET)


@pytest.mark.parametrize("typed", ["SIRET 200 067 510 00012", "N° SIRET : 200 067 510 00012 (avis Insee)",
                                   "Siret: 20006751000012", "n°SIRET 200.067.510.00012", "Numéro SIRET : " + VALID,
                                   "Le SIRET c'est le 200 067 510 00012", "c'est le 200 067 510 00012",  # dictated
                                   "notre siret est 200 067 510 00012"])
def test_a_siret_copied_with_its_label_is_its_digits(typed):
    assert parse_siret(typed) == "20006751000012"


def test_a_siren_typed_for_a_siret_says_which_digits_are_missing():
    assert _invalid("SIREN 200 067 510", Kind.SIRET) == (
        "⚠️ Un SIRET compte 14 chiffres ; vous en avez tapé 9. C'est le SIREN : ajoutez les 5 chiffres de "
        "l'établissement, sur l'avis de situation Insee. Exemple : 200 012 342 00008.")


def test_the_example_of_the_messages_is_itself_valid():
    assert parse_siret("200 012 342 00008") == "20001234200008"


def test_a_siret_round_trips_through_json_as_a_string():
    assert to_json(Kind.SIRET, "00012345600011") == "00012345600011"  # leading zeros kept
    assert from_json(Kind.SIRET, "00012345600011") == "00012345600011"


# ---------------------------------------------------------------- addresses


@pytest.mark.parametrize(("typed", "stored", "commune"), [
    ("12 place de la Mairie, 12400 Saint-Affrique", "12 place de la Mairie, 12400 Saint-Affrique", "Saint-Affrique"),
    ("  12  place de la Mairie\n12400   Saint-Affrique ", "12 place de la Mairie, 12400 Saint-Affrique",
     "Saint-Affrique"),  # pasted over lines (a letterhead): its lines apart by commas, as written on one
    ("Mairie\n12 place de la Mairie\n12400 Saint-Affrique", "Mairie, 12 place de la Mairie, 12400 Saint-Affrique",
     "Saint-Affrique"),
    ("Mairie, 12400 SAINT AFFRIQUE CEDEX", "Mairie, 12400 SAINT AFFRIQUE CEDEX", "SAINT AFFRIQUE"),
    ("Hôtel de ville, 75004 Paris Cedex 04.", "Hôtel de ville, 75004 Paris Cedex 04", "Paris"),  # no full stop
    ("BP 30012, 12400 Saint-Affrique, France", "BP 30012, 12400 Saint-Affrique, France", "Saint-Affrique"),
    ("Le Bourg, 01000 Bourg-en-Bresse", "Le Bourg, 01000 Bourg-en-Bresse", "Bourg-en-Bresse"),
    ("3 rue Neuve 97200 Fort-de-France", "3 rue Neuve 97200 Fort-de-France", "Fort-de-France"),
    ("1 allée des Tilleuls 12400 L'Hospitalet-du-Larzac", "1 allée des Tilleuls 12400 L'Hospitalet-du-Larzac",
     "L'Hospitalet-du-Larzac"),
])
def test_an_address_is_kept_as_typed_and_its_commune_read_after_the_postal_code(typed, stored, commune):
    assert parse_address(typed) == stored
    assert commune_of(stored) == commune
    assert parse_answer(Question(id="q", prompt="Adresse ?", kind=Kind.ADDRESS), typed) == stored


def test_the_postal_code_of_an_address():
    assert postal_code_of("12 place de la Mairie, 12400 Saint-Affrique") == "12400"
    assert postal_code_of("12 place de la Mairie") == ""


def test_an_address_without_a_postal_code_is_refused_with_an_example():
    assert _invalid("12 place de la Mairie, Saint-Affrique", Kind.ADDRESS) == (
        "⚠️ Il manque le code postal. Écrivez l'adresse sur une ligne, avec le code postal puis la commune. "
        "Exemple : 12 place de la Mairie, 12400 Saint-Affrique.")
    assert "Il manque le code postal" in _invalid("2 rue des Lilas, 00400 Nulle-part", Kind.ADDRESS)  # no such code
    assert "Il manque le code postal" in _invalid("Mairie, 1240 Saint-Affrique", Kind.ADDRESS)  # four digits


def test_an_address_without_its_commune_asks_for_it():
    assert _invalid("12 place de la Mairie, 12400", Kind.ADDRESS) == (
        "⚠️ Écrivez la commune après le code postal. Exemple : 12 place de la Mairie, 12400 Saint-Affrique.")


def test_commune_of_something_that_is_not_an_address_is_empty():
    assert commune_of("") == "" and commune_of("Mairie") == "" and commune_of("12400") == ""


def test_an_address_too_long_for_the_dossier_is_refused():
    assert "trop longue" in _invalid("12 place de la Mairie, 12400 Saint-Affrique " + "x" * 300, Kind.ADDRESS)


@pytest.mark.parametrize(("typed", "kept"), [
    ("Trente-quatre rue Robert Schuman, 33300 Bordeaux.", "34 rue Robert Schuman, 33300 Bordeaux"),
    ("deux bis rue Neuve, 33000 Bordeaux", "2 bis rue Neuve, 33000 Bordeaux"),
    ("Cent vingt avenue Thiers, 33100 Bordeaux", "120 avenue Thiers, 33100 Bordeaux"),
    ("Trois Chênes, 12400 Millau", "Trois Chênes, 12400 Millau"),  # a place's name, not a number
    ("Place Pey-Berland, 33077 Bordeaux Cedex", "Place Pey-Berland, 33077 Bordeaux Cedex")])
def test_a_street_number_dictated_in_words_is_written_in_figures(typed, kept):
    assert parse_address(typed) == kept


@pytest.mark.parametrize(("text", "unkept"), [
    ("Centre social Le Lien\n2 rue de la Gare\n23300 La Souterraine\nTél. 05 55 63 12 34",
     ["Centre social Le Lien", "Tél. 05 55 63 12 34"]),
    ("Mairie de Dun\n2 place de l'Église\n23800 Dun-le-Palestel\ncontact@dun.fr", ["Mairie de Dun", "contact@dun.fr"]),
    ("Le Bourg\n23250 Saint-Hilaire-le-Château", []),  # all the street a village has
    ("Mairie\n23300 La Souterraine", []),
    ("Résidence les Pins\n3 rue de la Gare\n23300 La Souterraine", []),  # a complement of the address
    ("Bâtiment B\n3 rue de la Gare\n23300 La Souterraine", []),
    ("2 rue de la Gare, 23300 La Souterraine", []),
    # On one line, its parts between commas: the carrier's acronym, a phone.
    ("CCOG, 16 bis rue du Capitaine Bernard, 97320 Saint-Laurent-du-Maroni, tél. 05 94 27 20 00",
     ["CCOG", "tél. 05 94 27 20 00"]),
    ("Mairie, 23300 La Souterraine", []), ("Résidence les Pins, 3 rue de la Gare, 23300 La Souterraine", []),
    ("BP 30012, 12400 Saint-Affrique", [])])
def test_a_letterhead_s_addressee_and_contacts_are_no_part_of_the_address(text, unkept):
    assert not_address_lines(text) == unkept
