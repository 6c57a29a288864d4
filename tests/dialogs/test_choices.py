"""What a typed list names besides its options, options typed with a letter wrong, and counts of numbered places."""
from __future__ import annotations

import datetime
import re

import pytest

from dialogs.budget_model import load_budget_model
from dialogs.choices import (abridged_option, choice_clauses, close_options, match_choice, match_option,
                             option_and_name, options_mentioned, read_list, said_after_name, says_added, says_where,
                             with_other)
from dialogs.errors import ParseError
from dialogs.loader import load_guide
from dialogs.model import Kind, Option, Question
from dialogs.parsing import names_nothing, parse_answer, says_none_of
from dialogs.referentials import load_referentials

QUALITIES = Question(id="qualites", prompt="Quelles qualités ?", kind=Kind.MULTI, options=[
    Option(id="polyvalence", label="Polyvalence"), Option(id="diplomatie", label="Diplomatie"),
    Option(id="pedagogie", label="Pédagogie"), Option(id="autre", label="Autre")])
TOOL = Question(id="outil", prompt="Quel outil ?", kind=Kind.CHOICE, options=[
    Option(id="tableur", label="Tableur", words=["Excel"]), Option(id="logiciel", label="Logiciel dédié"),
    Option(id="autre", label="Autre")])
CARRIER = Question(id="porteur", prompt="Qui portera juridiquement la Maison ?", kind=Kind.CHOICE, options=[
    Option(id="collectivite", label="La collectivité locale", words=["commune", "communauté de communes", "mairie",
                                                                     "ville"]),
    Option(id="structure_existante", label="Une structure existante", words=["CCAS", "centre social"]),
    Option(id="bureau_poste", label="Un bureau de Poste", words=["La Poste", "bureau de poste"])])


@pytest.mark.parametrize(("text", "said"), [
    ("la communauté de communes Causse et Vallées de la Dordogne",
     ("collectivite", "Communauté de communes Causse et Vallées de la Dordogne")),
    ("c'est la mairie de Latronquière", ("collectivite", "Mairie de Latronquière")),
    ("le CCAS de Figeac.", ("structure_existante", "CCAS de Figeac")),
    ("La Poste de Latronquière", ("bureau_poste", "La Poste de Latronquière")),  # its article is its name's
    ("C'est la Ville de Bordeaux qui porte, via la direction du développement social urbain.",
     ("collectivite", "Ville de Bordeaux")),  # the sentence goes on after the name
    ("finalement c'est la Communauté de communes Cœur du Perche qui porte, décision du conseil du 10 décembre",
     ("collectivite", "Communauté de communes Cœur du Perche")),  # changed after a council: the name alone
    ("plutôt la communauté de communes Cœur du Perche", ("collectivite", "Communauté de communes Cœur du Perche")),
    ("une commune rurale", None),                # words about it, no name
    ("la communauté de communes", None),
    ("Communauté de communes du causse", None),  # no capital after the words: not sure it is the name
    ("la mairie ou le CCAS de Figeac", None),
    ("la commune, pas le CCAS de Figeac", None),
    ("Latronquière", None),
    # Set apart after its kind, a possessive before it: the name is what follows, the kind its first words.
    ("Notre centre social, le centre social Le Lien (association loi 1901)",
     ("structure_existante", "Centre social Le Lien (association loi 1901)")),
    ("notre centre social, La Passerelle", ("structure_existante", "La Passerelle")),
    ("Notre communauté de communes, Monts et Vallées Ouest Creuse",
     ("collectivite", "Communauté de communes Monts et Vallées Ouest Creuse")),
    # Rémalard-en-Perche: the kind, then its name in brackets, the kind's words first
    ("la commune (commune nouvelle de Rémalard en Perche)", ("collectivite", "Commune nouvelle de Rémalard en Perche")),
    ("la commune de Rémalard (Orne)", ("collectivite", "Commune de Rémalard (Orne)"))])
def test_an_option_said_with_the_name_of_what_it_is(text, said):
    assert option_and_name(CARRIER, text) == said


@pytest.mark.parametrize("staff", ["nos deux animatrices d'accueil", "une salariée", "les employés du centre",
                                   "notre secrétaire"])
def test_the_carrier_s_staff_is_said_by_what_they_are(staff):
    contribution = load_guide().questions["port_contribution"]
    assert parse_answer(contribution, f"{staff} et nos locaux") == ["personnel", "locaux"]


def test_a_funder_sharing_a_word_with_an_option_is_its_autre_not_a_misspelling():
    """"nos fonds propres" shares "fonds" with « Europe » (fonds européens): the whole list was refused, the CAF
    with it, and "la CC" named no intercommunality."""
    funding = load_guide().questions["budget_autres_financements"]
    assert with_other(funding, "la commune, la CC Monts et Vallées, la CAF (prestation animation globale) et nos "
                               "fonds propres") == (["commune", "intercommunalite", "autre"],
                                                    "la CAF (prestation animation globale) et nos fonds propres")
    assert with_other(QUALITIES, "polyvalance") is None  # an option mistyped is asked again


def test_an_answer_that_is_all_of_one_option_s_words_is_that_option():
    """"Une association à créer" is all the words of the ad hoc structure, "association" only a start of the
    existing one's: not one or the other at random, nor refused."""
    carrier = load_guide().questions["port_porteur"]
    assert match_option(carrier.options, "une association à créer") == "structure_ad_hoc"
    assert match_option(carrier.options, "notre association") == "structure_existante"
    assert match_option(carrier.options, "nos agents") is None  # a possessive is no option's word


@pytest.mark.parametrize(("question", "text", "said"), [
    (QUALITIES, "patience, polyvalence et discrétion", (["polyvalence", "autre"], "patience, discrétion")),
    (QUALITIES, "l'écoute", (["autre"], "l'écoute")),
    (TOOL, "Google Sheets", ("autre", "Google Sheets")),
    (QUALITIES, "tous, plus l'écoute", (["polyvalence", "diplomatie", "pedagogie", "autre"], "l'écoute")),
    # One thing said with "et" inside stays as typed: not "la patience, le sens du contact".
    (QUALITIES, "polyvalence, la patience et le sens du contact", (["polyvalence", "autre"],
                                                                   "la patience et le sens du contact")),
    (QUALITIES, "la patience et l'écoute, polyvalence, le calme", (["polyvalence", "autre"],
                                                                  "la patience et l'écoute, le calme"))])
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


@pytest.mark.parametrize(("text", "said"), [
    # A list copied from a note: its heading, bullets and asides are no « Autre »
    ("Enjeux identifiés dans la note :\n- polyvalence (accueil, orientation)\n- diplomatie ;\n- l'écoute.",
     (["polyvalence", "diplomatie", "autre"], "l'écoute")),
    ("polyvalence (accueil, orientation), la patience", (["polyvalence", "autre"], "la patience")),
    ("Programme :\n1. Polyvalence / diplomatie (2 postes)\n2. L'écoute", (["polyvalence", "diplomatie", "autre"],
                                                                        "L'écoute"))])  # " / " apart, as "et"
def test_a_pasted_list_gives_its_items_only(text, said):
    assert with_other(QUALITIES, text) == said


def test_an_option_named_with_an_aside_inside_is_read():
    funding = load_guide().questions["budget_autres_financements"]
    assert parse_answer(funding, "- DETR 2027 : 40 %\n- Région BFC (contrat territorial) : 20 %") == [
        "region_cper", "detr"]


def test_options_heading_their_details_in_a_pasted_note_are_the_items():
    """"Polyvalence :⏎- accueil, orientation⏎Diplomatie :⏎- …": the details under each option are no « Autre »."""
    note = "Qualités :\nPolyvalence :\n- accueil, orientation\nDiplomatie :\n- gestion des conflits"
    assert parse_answer(QUALITIES, note) == ["polyvalence", "diplomatie"]
    assert with_other(QUALITIES, "Polyvalence :\n- accueil\nAutre :\n- l'écoute\n- la patience") == (
        ["polyvalence", "autre"], "l'écoute, la patience")


@pytest.mark.parametrize("text", ["1) et 3)", "1. et 3.", "1.\n3.", "- 1\n- 3"])
def test_options_typed_by_their_numbers_are_no_pasted_list(text):
    assert parse_answer(QUALITIES, text) == ["polyvalence", "pedagogie"]


def test_a_pasted_list_naming_options_only_ticks_them():
    pasted = "Qualités attendues :\n1. Polyvalence (accueil, orientation, suivi) ;\n2. Pédagogie."
    assert parse_answer(QUALITIES, pasted) == ["polyvalence", "pedagogie"]
    assert with_other(QUALITIES, pasted) is None


def test_without_an_autre_option_nothing_is_taken_for_one():
    question = Question(id="q", prompt="Q ?", kind=Kind.MULTI, options=QUALITIES.options[:3])
    assert with_other(question, "patience") is None


@pytest.mark.parametrize(("text", "close"), [
    ("polyvalance", [(1, "Polyvalence")]), ("le tact", None), ("pédagogue", [(3, "Pédagogie")])])
def test_an_option_typed_with_a_letter_wrong_is_suggested(text, close):
    assert close_options(QUALITIES.options, text) == ({"close": close} if close else {})


@pytest.mark.parametrize(("text", "nothing"), [
    ("plus tard", True), ("Aucun.", True), ("pas encore", True), ("c'est quoi ?", True), ("On verra", True),
    ("les trois premiers", True), ("le 2 et le 4", True), ("la deuxième", True), ("l'écoute", False), ("une permanence juridique", False),
    ("Google Sheets", False), ("les deux", True), ("1 et 3", True),
    ("deux postes en libre-service", False), ("2 postes en libre-service", False), ("les 3 communes", False),
    ("le reste à Oloron", True), ("les autres sont à Pau", True), ("le restaurant scolaire", False)])
def test_vague_words_name_nothing(text, nothing):
    assert names_nothing(text) is nothing


ADVISERS = Question(id="conseillers", prompt="Quels postes ?", kind=Kind.MULTI, counted="conseiller", options=[
    Option(id="c1", label="Conseiller 1"), Option(id="c2", label="Conseiller 2"), Option(id="c3", label="Conseiller 3"),
    Option(id="c4", label="Conseiller 4 et suivants")])


@pytest.mark.parametrize(("text", "ticked"), [
    ("deux", ["c1", "c2"]), ("2 conseillers", ["c1", "c2"]), ("Trois conseillers.", ["c1", "c2", "c3"]),
    ("un conseiller", ["c1"]), ("Deux conseillères.", ["c1", "c2"]), ("une conseillère", ["c1"]),
    ("six conseillers", ["c1", "c2", "c3", "c4"]),
    ("2", ["c2"]), ("1, 3", ["c1", "c3"])])  # a figure alone is an option's number, as everywhere
def test_a_count_of_what_the_options_number_ticks_the_first_ones(text, ticked):
    assert parse_answer(ADVISERS, text) == ticked


def test_a_count_said_with_who_ticks_the_first_ones_and_says_who_is_not_kept():
    """"2 conseilleres : Nadine et Karine" was refused, « 2 conseilleres : Nadine » not read."""
    assert parse_answer(ADVISERS, "2 conseilleres : Nadine et Karine") == ["c1", "c2"]
    assert read_list(ADVISERS, "2 conseilleres : Nadine et Karine").details == ["Nadine et Karine"]
    assert read_list(ADVISERS, "deux conseillers (à recruter)").details == ["à recruter"]
    assert read_list(ADVISERS, "deux conseillers").details == []


@pytest.mark.parametrize(("text", "ticked", "details"), [
    ("un seul", ["c1"], []), ("une seule conseillère pour l'instant", ["c1"], []),
    ("deux pour commencer", ["c1", "c2"], []),
    ("un seul pour l'instant, le deuxième sera Julie si la mairie est d'accord", ["c1"],
     ["le deuxième sera Julie si la mairie est d'accord"]),
    ("2 conseillères, Nadine et Karine", ["c1", "c2"], ["Nadine et Karine"])])
def test_a_count_said_alone_for_now_or_with_a_clause_ticks_the_first_ones(text, ticked, details):
    """"un seul pour l'instant, le deuxième sera Julie si la mairie est d'accord" was "Je n'ai pas reconnu…"."""
    assert parse_answer(ADVISERS, text) == ticked
    assert read_list(ADVISERS, text).details == details


def test_a_figure_counted_by_the_names_after_it_is_a_count():
    """"3 : Martine, Karim et le conseiller à recruter" ticked « Conseiller 3 » alone and refused the rest."""
    assert parse_answer(ADVISERS, "3 : Martine, Karim et le conseiller à recruter") == ["c1", "c2", "c3"]
    assert read_list(ADVISERS, "3 : Martine, Karim et la recrue").details == ["Martine, Karim et la recrue"]
    assert parse_answer(ADVISERS, "3 : Martine et Karim") == ["c3"]  # two names: the third post, who holds it


def test_a_count_is_read_only_where_the_options_are_counted():
    with pytest.raises(ParseError):
        parse_answer(Question(id="q", prompt="Q ?", kind=Kind.MULTI, options=ADVISERS.options), "deux conseillers")
    with pytest.raises(ValueError, match="counted is only for multiple choices"):
        Question(id="q", prompt="Q ?", kind=Kind.CHOICE, counted="conseiller", options=ADVISERS.options)


@pytest.mark.parametrize(("text", "ticked"), [
    ("tous, plus Autre", ["polyvalence", "diplomatie", "pedagogie", "autre"]),
    ("la diplomatie, plus la pédagogie", ["diplomatie", "pedagogie"]),
    ("l'ensemble des qualités", ["polyvalence", "diplomatie", "pedagogie"]),
    ("toutes les qualités, avec Autre", ["polyvalence", "diplomatie", "pedagogie", "autre"]),
    ("la diplomatie ainsi que la pédagogie", ["diplomatie", "pedagogie"])])
def test_tous_and_a_joining_word_are_read_inside_a_list(text, ticked):
    assert parse_answer(QUALITIES, text) == ticked


@pytest.mark.parametrize(("text", "ticked"), [
    ("tout : le personnel, le local (le bureau de poste), l'équipement et la formation",
     ["personnel", "locaux", "equipement", "formation"]),
    ("tt : le personnel et la formation", ["personnel", "formation"]),
    ("un peu de tout : le personnel et le local", ["personnel", "locaux"]),
    ("à la fois le personnel et le local", ["personnel", "locaux"])])
def test_all_then_a_list_is_what_the_list_names(text, ticked):
    assert parse_answer(load_guide().questions["port_contribution"], text) == ticked


@pytest.mark.parametrize(("text", "ticked"), [
    ("les trois, pas autre", ["polyvalence", "diplomatie", "pedagogie"]),
    ("les trois sauf la pédagogie", ["polyvalence", "diplomatie"]),
    ("polyvalence et diplomatie mais pas la pédagogie", ["polyvalence", "diplomatie"]),
    ("pas la pédagogie, juste la diplomatie", ["diplomatie"]),
    ("pas mal de polyvalence, et la diplomatie", ["polyvalence", "diplomatie"]),  # "pas mal" says much of it
    ("la diplomatie (pas la pédagogie)", ["diplomatie"]),
    # dictated, the "not" softened (Marseille 15e)
    ("la polyvalence et la diplomatie pas vraiment de pédagogie", ["polyvalence", "diplomatie"]),
    ("la diplomatie, quasiment pas de pédagogie", ["diplomatie"]),
    ("la diplomatie pas trop la pédagogie", ["diplomatie"])])
def test_an_option_said_not_to_tick_is_not_ticked(text, ticked):
    """"les deux, pas autre" was refused with « Autre » suggested, the very option the user had left out."""
    assert parse_answer(QUALITIES, text) == ticked


def test_a_list_saying_only_what_not_to_tick_is_asked_again():
    with pytest.raises(ParseError):
        parse_answer(QUALITIES, "pas la pédagogie")


def test_a_list_refused_names_its_misspelt_option_first_then_what_it_did_not_read_as_typed():
    with pytest.raises(ParseError) as refused:
        parse_answer(QUALITIES, "le sens du contact et l'écoute, polyvalance")
    assert refused.value.params == {"unknown": "le sens du contact",  # named too, for none to seem taken
                                    "unknowns": ["le sens du contact", "l'écoute", "polyvalance"],
                                    "close": [(1, "Polyvalence")]}
    without_other = Question(id="q", prompt="Q ?", kind=Kind.MULTI, options=QUALITIES.options[:3])
    with pytest.raises(ParseError) as refused:
        parse_answer(without_other, "diplomatie, le sens du contact et l'écoute")
    assert refused.value.params == {"unknown": "le sens du contact et l'écoute", "ticked": ["diplomatie"]}


FUNDERS = Question(id="financeurs", prompt="Quels financeurs ?", kind=Kind.MULTI, options=[
    Option(id="commune", label="Commune"), Option(id="aucune", label="Aucune pour l'instant", words=["aucun"])])


@pytest.mark.parametrize("text", ["non", "Aucun.", "rien pour l'instant", "non, aucun"])
def test_none_said_at_a_list_offering_it_is_that_option(text):
    assert parse_answer(FUNDERS, text) == ["aucune"]
    assert not says_none_of(FUNDERS, text)


@pytest.mark.parametrize(("text", "none"), [
    ("non", True), ("Aucune.", True), ("non, rien pour le moment", True), ("pas de covoiturage mais un SEL", False),
    ("polyvalence", False),
    # Rémalard-en-Perche, typed short
    ("RAS", True), ("R.A.S.", True), ("non pas pour l'instant", True), ("pas besoin", True), ("ras le bol", False)])
def test_none_said_at_a_list_without_such_an_option_is_said_as_such(text, none):
    assert says_none_of(QUALITIES, text) is none


def test_parts_each_one_option_away_are_suggested_together_with_the_numbers_to_type():
    with pytest.raises(ParseError) as refused:
        parse_answer(QUALITIES, "de la polyvalance et de la pédagogue")
    assert refused.value.params == {
        "unknown": "de la polyvalance", "unknowns": ["de la polyvalance", "de la pédagogue"],
        "close": [(1, "Polyvalence"), (3, "Pédagogie")], "numbers": "1, 3"}


def test_a_part_mistyped_beside_a_part_naming_nothing_names_both():
    """"polyvalance et la gestion du stress" said only « polyvalance » and its option: the rest seemed taken."""
    with pytest.raises(ParseError) as refused:
        parse_answer(QUALITIES, "polyvalance et la gestion du stress")
    assert refused.value.params == {"unknown": "polyvalance", "unknowns": ["polyvalance", "la gestion du stress"],
                                    "close": [(1, "Polyvalence")]}


def test_a_part_sharing_a_word_with_an_option_but_saying_more_is_no_option_mistyped():
    """"les personnes âgées" was suggested as « Personnes de passage »; with the saisonniers (Salariés) and a part
    naming nothing, it is an « Autre » worded as typed."""
    question = load_guide().questions["populations_presentes"]
    text = "les personnes âgées, les saisonniers et les jeunes qui partent étudier à Corte ou sur le continent"
    assert with_other(question, text) == (
        ["salaries", "autre"], "les personnes âgées, les jeunes qui partent étudier à Corte ou sur le continent")


@pytest.mark.parametrize(("text", "chosen"), [
    ("des locaux et une subvention", ["locaux", "financement"]),
    ("un agent et un ordinateur", ["personnel", "equipement"]),
    ("une salle, la formation", ["locaux", "formation"])])
def test_a_contribution_said_in_everyday_words_is_its_option(text, chosen):
    """What a carrier or a partner brings, said as people say it: the convention-cadre lists the options."""
    question = load_guide().questions["port_contribution"]
    assert parse_answer(question, text, datetime.date(2027, 1, 1)) == chosen


def test_a_contribution_not_read_suggests_the_option_its_words_share():
    question = load_guide().questions["part_contribution_caf"]
    with pytest.raises(ParseError) as refused:
        parse_answer(question, "les locaux et une partie du financement", datetime.date(2027, 1, 1))
    assert refused.value.params["close"] == [(4, "Une participation financière")]
    assert refused.value.params["ticked"] == ["locaux"]


@pytest.mark.parametrize(("text", "chosen"), [
    ("internet, 3 ordinateurs, une imprimante et le wifi",
     ["internet_haut_debit", "postes_informatiques", "imprimante_scanner", "wifi_public"]),
    ("deux postes", ["postes_informatiques"])])
def test_a_count_before_an_options_words_names_that_option(text, chosen):
    """"3 ordinateurs" are « Postes informatiques »: how many is for the details, not another option."""
    question = load_guide().questions["tech_equipements"]
    assert parse_answer(question, text, datetime.date(2027, 1, 1)) == chosen
    assert match_option(question.options, "0 ordinateur") is None  # none: not « Postes informatiques »


def test_a_comma_before_the_last_et_is_one_separator():
    """"…, et la salle numérique": the "et" after the comma is no part of the last option's name."""
    assert parse_answer(QUALITIES, "polyvalence, diplomatie, et pédagogie", datetime.date(2027, 1, 1)) == [
        "polyvalence", "diplomatie", "pedagogie"]
    assert with_other(QUALITIES, "polyvalence, et la patience") == (["polyvalence", "autre"], "la patience")


def test_the_communication_kit_said_as_people_say_it():
    question = next(q for q in load_guide().questions.values() if any(o.id == "kakemono" for o in q.options))
    assert parse_answer(question, "des affiches, des flyers et un roll-up", datetime.date(2027, 1, 1)) == [
        "affiche", "kakemono", "plaquette"]


def test_the_committees_guests_said_as_people_say_them():
    """"la sous-préfète" is the State's representative; "le conseil départemental" a collectivité concernée."""
    question = load_guide().questions["dev_comite_membres"]
    assert parse_answer(question, "les maires, la sous-préfète, les partenaires et le conseil départemental",
                        datetime.date(2027, 1, 1)) == ["collectivites", "prefecture", "partenaires"]


@pytest.mark.parametrize("typed", ["un tiers temps à peu près", "un jour par semaine", "20 %", "un quart-temps"])
def test_a_project_leaders_share_of_time_said_as_people_say_it(typed):
    """"un tiers temps à peu près" was refused at « Quel temps de travail sera consacré au projet ? »."""
    question = load_guide().questions["chef_projet_temps"]
    assert parse_answer(question, typed, datetime.date(2027, 1, 1)) == "temps_partiel"


@pytest.mark.parametrize(("typed", "expected"), [
    ("le 2", "mi_temps"), ("la 2e", "mi_temps"), ("option 2", "mi_temps"), ("n° 2", "mi_temps"),
    ("la deuxième", "mi_temps"), ("le premier", "temps_plein"), ("la troisième", "temps_partiel"),
    ("Deux", "mi_temps"), ("Trois.", "temps_partiel"), ("le deux", "mi_temps"),  # dictated: the number in words
])
def test_an_option_typed_by_its_place_is_that_option(typed, expected):
    """"le 2" was refused where "2" was taken."""
    question = load_guide().questions["chef_projet_temps"]
    assert parse_answer(question, typed, datetime.date(2027, 1, 1)) == expected


@pytest.mark.parametrize("typed", ["la 5", "le dixième", "la poste", "Neuf"])
def test_a_place_beyond_the_options_is_no_option(typed):
    with pytest.raises(ParseError):
        parse_answer(load_guide().questions["chef_projet_temps"], typed, datetime.date(2027, 1, 1))


def test_both_options_said_in_a_list_are_ticked_and_not_suggested_again():
    """"les deux, surtout l'isolement…" ticked nothing and suggested « 2. Maillage territorial »."""
    question = load_guide().questions["enjeux"]
    assert parse_answer(question, "le 1 et le 2", datetime.date(2027, 1, 1)) == [
        "cohesion_sociale", "maillage_territorial"]
    assert parse_answer(question, "les deux enjeux", datetime.date(2027, 1, 1)) == [
        "cohesion_sociale", "maillage_territorial"]
    with pytest.raises(ParseError) as refused:
        parse_answer(question, "les deux, l'isolement des villages", datetime.date(2027, 1, 1))
    assert refused.value.params["ticked"] == ["cohesion_sociale", "maillage_territorial"]
    assert "close" not in refused.value.params
    # Stressed, what was named says no other item: "surtout…", "notamment…" are details, unless another option,
    # which is ticked too.
    assert parse_answer(question, "les deux, surtout l'isolement des villages", datetime.date(2027, 1, 1)) == [
        "cohesion_sociale", "maillage_territorial"]
    assert parse_answer(question, "cohésion sociale, surtout le maillage territorial", datetime.date(2027, 1, 1)) \
        == ["cohesion_sociale", "maillage_territorial"]


def test_a_list_of_stakes_said_shortly_and_with_their_details():
    """"isolement, fermeture de la trésorerie et de la poste de Bedous" was refused for "isolement", then "de la
    poste de Bedous" would have been a part naming nothing: it goes on with the closure before it."""
    question = load_guide().questions["enjeux_maillage"]
    assert parse_answer(question, "isolement, fermeture de la tresorerie et de la poste de Bedous",
                        datetime.date(2027, 1, 1)) == ["isolement_territorial", "disparition_services"]
    with pytest.raises(ParseError) as refused:  # after a comma, a new part: not read, said
        parse_answer(question, "isolement, de la poste", datetime.date(2027, 1, 1))
    assert refused.value.params["unknown"] == "de la poste"
    # A label's first word that is none of its words is read only in an answer typed to the question
    assert match_option(question.options, "couverture") is None
    assert match_option(question.options, "couverture", first_words=True) == "couverture_equipements"


@pytest.mark.parametrize("question_id", ["acteurs_locaux", "part_acteurs_locaux"])
def test_the_intercommunality_is_named_as_local_officials_write_it(question_id):
    """"la CC, le Département, une association…" made « la CC » an « Autre », as the portage step did not."""
    question = load_guide().questions[question_id]
    typed = "la CC, le Département, une association d'aide à domicile (ADMR)"
    assert parse_answer(question, typed, datetime.date(2027, 1, 1)) == [
        "departement", "communes_intercommunalites", "associations"]
    assert parse_answer(question, "l'interco", datetime.date(2027, 1, 1)) == ["communes_intercommunalites"]


def test_a_hyphenated_label_written_as_one_word_starts_an_answer_too():
    """"covoiturage entre voisins, un point numérique…" was all « Autre »: the fiche writes « Co-voiturage »."""
    question = load_guide().questions["nouveaux_services"]
    assert parse_answer(question, "covoiturage entre voisins", datetime.date(2027, 1, 1)) == ["covoiturage"]
    assert with_other(question, "covoiturage entre voisins, un point numérique à la médiathèque") == (
        ["covoiturage", "autre"], "un point numérique à la médiathèque")


def test_an_option_said_with_its_details_is_that_option_and_details_after_et_go_on():
    """"touristes l'été et l'hiver, randonneurs du GR10 et du chemin de Saint-Jacques" was refused for
    "touristes l'été": a label followed by words naming no other option is that option."""
    question = load_guide().questions["populations_presentes"]
    typed = "résidents, touristes l'été et l'hiver, randonneurs du GR10 et du chemin de st jacques, camionneurs"
    assert parse_answer(question, typed, datetime.date(2027, 1, 1)) == ["residents", "touristes",
                                                                       "personnes_de_passage"]
    assert parse_answer(question, "touristes l'été et salariés", datetime.date(2027, 1, 1)) == [
        "salaries", "touristes"]
    with pytest.raises(ParseError):  # "mi-temps plein" names two options: neither is taken
        parse_answer(load_guide().questions["chef_projet_temps"], "mi temps plein", datetime.date(2027, 1, 1))


def test_ways_of_delivering_services_said_as_people_say_them():
    """"un point fixe à Bedous + un bus itinérant dans les villages le jeudi" was refused: "+" parted nothing,
    "bus" was no option's word, and "dans" was read as naming « Point fixe dans une collectivité »."""
    question = load_guide().questions["port_modes"]
    assert parse_answer(question, "un point fixe à Bedous + un bus itinérant dans les villages le jeudi",
                        datetime.date(2027, 1, 1)) == ["point_fixe", "itinerance"]
    assert parse_answer(question, "point fixe & antennes", datetime.date(2027, 1, 1)) == ["point_fixe", "antennes"]


@pytest.mark.parametrize("typed", ["la cc du haut bearn", "la comcom", "l'EPCI", "la CdC"])
def test_a_community_of_communes_said_shortly_carries_the_maison(typed):
    """"la cc du haut bearn" was refused at « Qui portera juridiquement la Maison ? »."""
    assert parse_answer(load_guide().questions["port_porteur"], typed, datetime.date(2027, 1, 1)) == "collectivite"


@pytest.mark.parametrize(("typed", "details"), [
    ("2 agents, le local de l'ancienne perception", True), ("le personnel et les locaux", False),
    ("1, 2", False), ("tous", False), ("une salle et un agent", False), ("une subvention de 5 000 €", True),
    ("tout sauf la formation", False), ("le personnel et les locaux mais pas la formation", False)])
def test_a_list_says_more_than_its_options_names_only_with_words_of_its_own(typed, details):
    from dialogs.choices import with_details
    said = with_details(load_guide().questions["port_contribution"], typed)
    assert (said is not None) is details and (said is None or said[1] == typed)


def test_premises_the_carrier_owns_said_as_people_say_it():
    """"c'est un bâtiment de la cc, on le rénove" was refused at « Comment disposerez-vous des locaux ? »."""
    question = load_guide().questions["tech_foncier"]
    assert parse_answer(question, "c'est un batiment de la cc, on le renove",
                        datetime.date(2027, 1, 1)) == "batiment_public_existant"


GUIDE = load_guide()


@pytest.mark.parametrize(("question", "text", "meant"), [
    ("chef_projet_temps", "Je dirais à peu près la moitié de mon temps.", "mi_temps"),
    ("chef_projet_temps", "tout mon temps", "temps_plein"),
    ("enjeux", "Surtout la cohésion sociale", ["cohesion_sociale"]),
    ("enjeux", "notamment le maillage territorial.", ["maillage_territorial"]),
    ("populations_presentes", "Essentiellement des résidents. Quelques salariés de la zone commerciale du Lac.",
     ["residents", "salaries"]),
    ("populations_presentes", "beaucoup de résidents, peu de touristes", ["residents", "touristes"]),
    ("part_offre_base", "Toute l'offre de base évidemment.", ["accueil", "services_en_ligne",
                                                                "demarches_administratives", "mise_en_relation",
                                                                "porter_a_connaissance"]),
    ("part_offre_base", "tout ça sauf 5", ["accueil", "services_en_ligne", "demarches_administratives",
                                         "mise_en_relation"]),
    ("tech_foncier", "C'est un bâtiment municipal, la mairie annexe.", "batiment_public_existant"),
    ("tech_equipements", "Trois postes, une imprimante scanner, le wifi public et bien sûr la fibre.",
     ["internet_haut_debit", "postes_informatiques", "imprimante_scanner", "wifi_public"]),
    ("equipe_statut_accompagnement", "Ce seront des contractuelles, en CDD de trois ans.", "contractuel"),
    ("equipe_statut_accueil", "une agente titulaire", "titulaire"),
    ("equipe_statut_accueil", "salariées en CDI de l'association", "contractuel"),  # an association's staff
    ("equipe_savoir_etre", "Les trois", ["polyvalence", "diplomatie", "pedagogie"]),
    ("equipe_savoir_etre", "les 3 qualités", ["polyvalence", "diplomatie", "pedagogie"]),
    ("port_porteur", "la ville", "collectivite"), ("port_porteur", "c'est la métropole", "collectivite"),
    ("operateurs", "Il y a La Poste, une agence France Travail, la CAF",
     ["la_poste", "pole_emploi", "caf"])])
def test_an_option_said_in_a_sentence_is_that_option(question, text, meant):
    assert parse_answer(GUIDE.questions[question], text) == meant


def test_sentences_after_the_options_are_no_autre_but_said_not_read():
    """"… Le quartier est en QPV": context, to be told apart from the options ticked, not filed as another one."""
    question = GUIDE.questions["enjeux"]
    text = "Surtout la cohésion sociale. Le quartier est en QPV, beaucoup de familles monoparentales."
    assert with_other(question, text) is None
    with pytest.raises(ParseError) as refused:
        parse_answer(question, text)
    assert refused.value.params["ticked"] == ["cohesion_sociale"]
    assert refused.value.params["unknown"].startswith("Le quartier est en QPV")


@pytest.mark.parametrize(("text", "chosen", "details"), [
    ("la fermeture des services publics et l'éloignement, Angoulême est à 35 km",
     {"disparition_services", "isolement_territorial"}, ["Angoulême est à 35 km"]),
    ("l'isolement, la poste a fermé", {"isolement_territorial"}, ["la poste a fermé"])])
def test_a_sentence_ending_the_list_says_more_of_what_it_named(text, chosen, details):
    """Val-de-Bonnieure: "…et l'éloignement, Angoulême est à 35 km" stored « Autre » worded "Angoulême est à 35
    km", which the dossier printed among the stakes ("…disparition de services classiques et Angoulême est à 35
    km")."""
    read = read_list(GUIDE.questions["enjeux_maillage"], text)
    assert (read.chosen, read.details, read.unknown) == (chosen, details, [])
    described = read_list(GUIDE.questions["enjeux_maillage"], "l'isolement des hameaux et le bus qui ne passe que 2 "
                                                              "fois par semaine")
    assert described.unknown == ["le bus qui ne passe que 2 fois par semaine"]  # a thing described: its « Autre »


def test_a_quantity_said_last_is_a_remark_unless_it_names_an_option():
    """Haut-Allier: "accompagnement des gens…, bcp de personnes agees" stored « Autre » worded "bcp de personnes
    agees", which the dossier would print as a stake of its own."""
    read = read_list(GUIDE.questions["enjeux_cohesion"], "accompagnement des gens surtout pr les demarches en ligne, "
                                                         "bcp de personnes agees")
    assert (read.chosen, read.details[-1:], read.unknown) == ({"accompagnement_personnes"}, ["bcp de personnes agees"],
                                                              [])
    read = read_list(GUIDE.questions["populations_presentes"], "des touristes l'été, beaucoup de saisonniers")
    assert (read.chosen, read.unknown) == ({"touristes", "salaries"}, [])
    read = read_list(GUIDE.questions["enjeux_cohesion"], "beaucoup de personnes âgées")
    assert read.unknown == ["beaucoup de personnes âgées"]  # nothing named before: no remark on it


@pytest.mark.parametrize("end", ["rien d'autre de precis", "et c'est tout", "pas d'autres", "rien de plus",
                                 "rien d'autre sur place", "rien d'autre de présent sur le territoire"])  # Les Rousses
def test_nothing_else_ending_a_list_is_no_autre(end):
    """Haut-Allier: "…, france travail brioude, rien d'autre de precis" stored « Autre » worded "rien d'autre de
    precis", which the dossier would print among the operators."""
    read = read_list(_france_services_question("operateurs"), f"poste, MSA a brioude, {end}")
    assert (read.chosen, read.unknown) == ({"la_poste", "msa"}, [])


@pytest.mark.parametrize("end", [". Les autres sont à Lannion ou à Guingamp.", ", les autres à Lannion",
                                 ". Tous les autres sont à Guingamp", ", le reste à Lannion",
                                 ", les autres partenaires ne sont pas présents", ". Les autres : à Lannion (20 km)"])
def test_the_others_said_elsewhere_after_a_list_are_a_detail(end):
    """Plouaret: "La Poste…, la MSA… . Les autres sont à Lannion ou à Guingamp." was asked as « Autre » mistyped;
    "tous les autres sont à Guingamp" ticked every operator, "les autres à Lannion" « Autre »."""
    read = read_list(_france_services_question("operateurs"), f"La Poste (agence postale communale), la MSA{end}")
    end = end[2:]
    assert (read.chosen, read.unknown, read.details[-1]) == ({"la_poste", "msa"}, [], end)
    read = read_list(_france_services_question("operateurs"), "La Poste, la MSA et tous les autres")
    assert "caf" in read.chosen  # every one, said as such


def test_what_a_funder_pays_for_said_last_is_no_other_funder():
    """Haut-Allier: "…, la cc finance le reste + fonctionnement" stored « Autre » worded "fonctionnement"."""
    read = read_list(GUIDE.questions["budget_autres_financements"], "DETR 40% sur le bus, la cc finance le reste + "
                                                                    "fonctionnement")
    assert (read.chosen, read.unknown) == ({"detr", "intercommunalite"}, [])


def test_a_stressed_detail_goes_on_after_et_and_the_next_item_is_the_autre():
    question = GUIDE.questions["enjeux_cohesion"]
    text = ("L'accompagnement des personnes, notamment pour les démarches CAF et les titres de séjour, et aussi "
            "l'accès au numérique")
    assert with_other(question, text) == (["accompagnement_personnes", "autre"], "l'accès au numérique")


def test_all_but_an_option_then_a_clause_ticks_what_was_read_and_says_the_rest_not_read():
    """"Tout sauf la salle de réunion, on utilisera celle de la mairie" ticked nothing; the sentence ending the list
    says more of it (Bourganeuf: "ils feront les deux" is a sentence too), kept apart as its details."""
    question = GUIDE.questions["tech_espaces"]
    read = read_list(question, "Tout sauf la salle de réunion, on utilisera celle de la mairie.")
    assert "salle_reunion" not in read.chosen and len(read.chosen) == 5 and not read.unknown
    assert read.details == ["on utilisera celle de la mairie."]


def test_other_funding_said_as_a_sentence_ticks_the_local_authorities_it_names():
    """"La Ville évidemment, la Métropole peut-être, et des crédits…" was one « Autre » holding it all."""
    question = GUIDE.questions["budget_autres_financements"]
    with pytest.raises(ParseError) as refused:
        parse_answer(question, "La Ville évidemment, la Métropole peut-être, et des crédits politique de la ville de "
                               "l'État.")
    assert refused.value.params["ticked"] == ["commune"]  # "la Métropole peut-être": not decided, not ticked
    assert refused.value.params["close"] == [(10, "Autre subvention de l'État")]


def test_what_a_list_says_of_its_options_is_set_apart():
    """"accompagnement : les aînés, les jeunes" ticks the option; what follows the colon, stressed or in brackets
    is what the chat says it does not keep."""
    stakes = load_guide().questions["enjeux_cohesion"]
    today = datetime.date(2027, 1, 1)
    assert parse_answer(stakes, "accompagnement : les aînés, les jeunes", today) == ["accompagnement_personnes"]
    assert read_list(stakes, "accompagnement : les aînés, les jeunes").details == ["les aînés", "les jeunes"]
    # An option after the details is read; one mistyped is still asked again.
    assert parse_answer(stakes, "accompagnement des personnes : les aînés, le 2", today) == [
        "accompagnement_personnes", "nouveaux_services"]
    with pytest.raises(ParseError):
        parse_answer(stakes, "accompagnement : les aînés, developement de nouvaux services", today)
    # "nouveaux services" is one of the option's words: named, not mistyped
    assert parse_answer(stakes, "accompagnement : les aînés, nouveaux services", today) == [
        "accompagnement_personnes", "nouveaux_services"]
    # « Autre : … » heads no details: its words are the « Autre »'s.
    assert read_list(stakes, "autre : la traduction").details == []
    # The option's words alone before the colon: what follows it, brackets and all, is said not kept.
    assert read_list(load_guide().questions["enjeux"], "cohésion sociale : l'accès aux droits (CAF, CGSS)"
                     ).details == ["l'accès aux droits (CAF, CGSS)"]
    assert read_list(stakes, "Accompagnement des personnes, Développement de nouveaux services").details == []
    mesh = load_guide().questions["enjeux_maillage"]
    assert read_list(mesh, "isolement (pirogue), disparition des services, surtout la poste").details == [
        "pirogue", "surtout la poste"]


def test_a_single_collectivite_outre_mer_names_the_departement_and_the_region():
    """"la CTG" was an « Autre » aid, and an « Autre » local actor."""
    guide, today = load_guide(), datetime.date(2027, 1, 1)
    aids = guide.questions["budget_autres_financements"]
    assert parse_answer(aids, "la CTG et le FEDER", today) == ["departement", "region_cper", "europe"]
    assert read_list(aids, "Collectivité territoriale de Martinique").notes == [aids.together[0].note]
    assert parse_answer(guide.questions["acteurs_locaux"], "la CTG, la commune", today) == [
        "departement", "communes_intercommunalites"]


@pytest.mark.parametrize("typed", ["la CCOG, Communauté de communes de l'Ouest Guyanais",
                                   "la CCOG (Communauté de communes de l'Ouest Guyanais)"])
def test_a_carrier_s_acronym_said_before_its_name_goes_after_it(typed):
    """"la CCOG, Communauté de communes de l'Ouest Guyanais" was refused, « La collectivité locale » suggested."""
    carrier = load_guide().questions["port_porteur"]
    assert option_and_name(carrier, typed) == ("collectivite", "Communauté de communes de l'Ouest Guyanais (CCOG)")
    assert option_and_name(carrier, "CCAS, mairie de Figeac") is None  # no option's words after the acronym


def test_an_acronym_with_small_letters_said_before_the_carrier_s_name_goes_after_it():
    """Mayotte: "la CCSud (communaute de communes du Sud de Mayotte)" was refused."""
    carrier = load_guide().questions["port_porteur"]
    assert option_and_name(carrier, "la CCSud (communaute de communes du Sud de Mayotte)") == (
        "collectivite", "Communaute de communes du Sud de Mayotte (CCSud)")
    assert option_and_name(carrier, "La Poste (agence postale)") is None  # a capital word, no acronym
    # Haut-Allier: the acronym typed small, the name in brackets spelt out in full, though without a capital.
    assert option_and_name(carrier, "la cc (communaute de communes des rives du haut allier)") == (
        "collectivite", "Communaute de communes des rives du haut allier (CC)")
    assert option_and_name(carrier, "la cc (une commune rurale)") is None


@pytest.mark.parametrize(("typed", "head", "details"), [
    ("décision reçue, labellisée par arrêté préfectoral du 12 septembre 2023", "décision reçue",
     ["labellisée par arrêté préfectoral du 12 septembre 2023"]),
    ("Envoyée, par courrier recommandé", "Envoyée", ["par courrier recommandé"]),
    ("décision reçue le 3 décembre : refusée, les horaires", "décision reçue le 3 décembre",
     ["refusée", "les horaires"]),
    ("décision reçue le 4 décembre : accordée", "décision reçue le 4 décembre", ["accordée"]),
    ("décision reçue", "décision reçue", []), ("envoyée le 3 mars", "envoyée le 3 mars", []),
    ("je ne sais pas", "je ne sais pas", [])])
def test_a_single_choice_said_with_more_is_its_option_s_clause_and_the_rest(typed, head, details):
    assert choice_clauses(load_guide().questions["label_demande_etat"].options, typed) == (head, details)


@pytest.mark.parametrize(("question", "typed", "head", "details"), [
    ("equipe_statut_coordination", "contractuelle (CDD de 3 ans)", "contractuelle", ["CDD de 3 ans"]),
    ("equipe_statut_coordination", "à recruter (un conseiller), à temps plein", "à recruter",
     ["un conseiller", "à temps plein"]),
    (None, "Assurance maladie (CPAM)", "Assurance maladie (CPAM)", []),  # the label's own
    (None, "la Carsat (CPAM)", "la Carsat (CPAM)", []),  # another option's: no detail of this one
    # Plouaret: the option said again after its first words is no detail
    ("tech_foncier", "C'est la mairie, donc un bâtiment communal.", "C'est la mairie", []),
    ("tech_foncier", "C'est la mairie, rénovée en 2019", "C'est la mairie", ["rénovée en 2019"]),
])
def test_what_a_single_choice_says_in_brackets_is_a_detail(question, typed, head, details):
    """"contractuelle (CDD de 3 ans)" kept the status and dropped the contract without a word."""
    options = load_guide().questions[question].options if question else [
        Option(id="cnam", label="Assurance maladie (CPAM)"), Option(id="carsat", label="Carsat (Assurance retraite)")]
    assert choice_clauses(options, typed) == (head, details)


@pytest.mark.parametrize(("typed", "chosen", "details"), [
    ("on utilise déjà l'outil de l'ANCT : fréquentation et demandes par opérateur",
     {"frequentation", "services_rendus"}, ["on utilise déjà l'outil de l'ANCT"]),
    ("Indicateurs : les visites, les démarches", {"frequentation", "services_rendus"}, ["Indicateurs"]),
    ("Autre : la satisfaction des usagers", {"autre"}, []),
    ("l'outil de l'ANCT : la satisfaction", set(), [])])  # introduced, but no option listed: not so read
def test_a_list_after_a_colon_is_read_without_what_introduces_it(typed, chosen, details):
    read = read_list(load_guide().questions["dev_indicateurs"], typed)
    assert (read.chosen, read.details) == (chosen, details)


@pytest.mark.parametrize(("typed", "chosen"), [
    ("on participe aux rencontres régionales du Grand Est", {"rencontres_nationales_regionales"}),
    ("nous participons au déploiement et aux rencontres", {"deploiement", "rencontres_nationales_regionales"})])
def test_how_a_maison_takes_part_in_the_network_said_as_a_sentence(typed, chosen):
    """"on participe aux rencontres régionales du Grand Est" was an « Autre » so worded, beside the very option."""
    assert read_list(load_guide().questions["dev_contribution_reseau"], typed).chosen == chosen


def test_a_proper_name_is_no_options_word_mistyped():
    """"CAF de La Réunion" was offered « Europe » (« Union européenne »): a slip keeps the word's first letter."""
    options = load_budget_model().resources
    assert close_options([category.option for category in options], "CAF de La Réunion") == {}
    assert close_options([category.option for category in options], "Eurpoe") == {"close": [(6, "Europe")]}


def test_what_a_list_says_of_an_option_is_kept_by_option():
    """Réunion: "des permanences dans les écarts (Les Lianes, Vincendo, Langevin)" said where they will be held."""
    question = load_guide().questions["port_modes"]
    read = read_list(question, "un point fixe au centre-ville + des permanences dans les écarts (Les Lianes, Vincendo, "
                               "Langevin)")
    assert read.chosen == {"point_fixe", "itinerance"}
    assert read.described == {"point_fixe": "au centre-ville",
                              "itinerance": "dans les écarts (Les Lianes, Vincendo, Langevin)"}
    assert read_list(question, "itinérance : en mairies de village").described == {
        "itinerance": "en mairies de village"}
    assert read_list(question, "point fixe, itinérance").described == {}
    # Places joined by "et" go on with the description, not with the list: "Bérive" was lost.
    assert read_list(question, "un point fixe et des permanences à Trois-Mares et Bérive").described == {
        "itinerance": "à Trois-Mares et Bérive"}
    # Haute-Marne: "itinérante" is the option's word too, and the day comes before the place.
    read = read_list(question, "un point fixe à la mairie, et une permanence itinérante le jeudi matin à Bourmont")
    assert read.described == {"point_fixe": "à la mairie", "itinerance": "le jeudi matin à Bourmont"}
    assert read_list(question, "des permanences itinérantes").described == {}


def test_a_place_is_said_after_the_day_it_is_held_on():
    assert says_where("le jeudi matin à Bourmont") and says_where("un mardi sur deux en mairie de Dapani")
    assert not says_where("le jeudi matin") and not says_where("tous les mardis") and not says_where("bus")
    # Plouaret: how often, then where
    assert says_where("une demi-journée par mois au Vieux-Marché et à Loguivy-Plougras.")
    assert says_where("deux fois par mois à la mairie du Vieux-Marché") and not says_where("une fois par mois")
    read = read_list(load_guide().questions["port_modes"], "Un point fixe à la mairie de Plouaret, et des "
                     "permanences une demi-journée par mois au Vieux-Marché et à Loguivy-Plougras.")
    assert read.described["itinerance"] == "une demi-journée par mois au Vieux-Marché et à Loguivy-Plougras."


@pytest.mark.parametrize("typed", ["la salle de réunion, à l'étage", "la salle de réunion de la mairie, au premier",
                                   "La salle de réunion est celle de la mairie, à l'étage."])
def test_where_an_option_is_said_after_it_is_a_detail(typed):
    """Plouaret: "…, à l'étage." after the meeting room was « Je n'ai pas reconnu « à l'étage. » »."""
    read = read_list(load_guide().questions["tech_espaces"], "L'accueil, " + typed)
    assert (read.chosen, read.unknown) == ({"point_accueil", "salle_reunion"}, [])
    assert read.details[-1] == typed.rpartition(", ")[2]


def test_an_item_said_next_with_puis_is_one_more_item():
    """Plouaret: "…, puis les mises à jour des opérateurs." was not read: "puis" joins one more item."""
    read = read_list(load_guide().questions["equipe_besoins_formation"],
                     "La formation initiale France services, puis les mises à jour des opérateurs.")
    assert (read.chosen, read.unknown) == ({"offre_nationale", "actualiser_offre_operateurs"}, [])


def test_a_clause_saying_how_takes_no_option_back():
    """"la commune de Saint-Joseph, via son CCAS pour la partie accompagnement social" was refused: the CCAS is
    an option of its own, but "via" says how the commune will do it."""
    question = load_guide().questions["port_porteur"]
    typed = "la commune de Saint-Joseph, via son CCAS pour la partie accompagnement social"
    assert parse_answer(question, typed, datetime.date(2027, 1, 1)) == "collectivite"
    assert option_and_name(question, typed) == ("collectivite", "Commune de Saint-Joseph")
    with pytest.raises(ParseError):
        parse_answer(question, "la mairie, le CCAS", datetime.date(2027, 1, 1))  # two carriers: which one?


def test_the_options_a_text_mentions_anywhere_are_numbered():
    coverage = load_guide().questions["tech_couverture"]
    assert options_mentioned(coverage.options, "la fibre arrive en mars, pour l'instant ADSL à 8 méga") == [
        (1, "Très haut débit"), (2, "Haut débit")]
    assert options_mentioned(coverage.options, "bof") == []
    with pytest.raises(ParseError) as refused:
        parse_answer(coverage, "la fibre arrive en mars, pour l'instant ADSL", datetime.date(2027, 1, 1))
    assert refused.value.key == "choice.several"
    with pytest.raises(ParseError) as refused:  # one of them close to a word typed: both are suggested
        parse_answer(coverage, "fibre ou ADSL", datetime.date(2027, 1, 1))
    assert refused.value.params["close"] == [(1, "Très haut débit"), (2, "Haut débit")]


def test_what_a_clause_after_a_name_says_is_set_apart():
    assert said_after_name("la commune nouvelle de Val-de-Meuse, en régie directe") == "en régie directe"
    assert said_after_name("la commune de Saint-Joseph, via son CCAS") == "via son CCAS"
    assert said_after_name("la Ville de Bordeaux qui porte le projet") is None  # says nothing the name leaves out
    assert said_after_name("la communauté de communes du Causse") is None


def test_a_communes_contribution_as_its_finance_officer_lists_it():
    """"la coordinatrice" and "l'autofinancement" were not recognised as staff and a financial participation."""
    question = load_guide().questions["port_contribution"]
    assert parse_answer(question, "les locaux (bâtiment communal rénové), la coordinatrice, le mobilier et "
                                  "l'informatique, plus l'autofinancement", datetime.date(2027, 1, 1)) == [
        "personnel", "locaux", "equipement", "financement"]


def test_the_cssm_is_mayotte_s_caf_assurance_maladie_and_assurance_retraite_in_the_2016_fiche():
    """The 2016 fiche's operators have no Urssaf; in Mayotte the farmers are the MSA's, not the CSSM's."""
    guide = load_guide()
    for question_id in ("operateurs", "part_operateurs"):
        read = read_list(guide.questions[question_id], "La Poste, la Caisse de sécurité sociale de Mayotte")
        assert read.chosen == {"la_poste", "caf", "cnam", "carsat"} and not read.unknown
        assert read.notes[0].startswith("À Mayotte, la CSSM remplit les missions de la CAF")


def test_the_partners_named_at_the_committee_s_guests_are_the_partners():
    """"la CSSM, France Travail, La Poste" was an « Autre » guest, and the committee was said to lack the partners."""
    guests = load_guide().questions["dev_comite_membres"]
    assert parse_answer(guests, "les 4 maires, la sous-prefete, la CSSM, France Travail, La Poste, le Departement") \
        == ["collectivites", "prefecture", "partenaires"]


@pytest.mark.parametrize("text", ["les maires, la CC et la Préfecture", "la Collectivité de Corse et la sous-préfète",
                                  "l'interco et la com com voisine", "la CTG, le sous-préfet", "l'agglo"])
def test_the_committee_s_local_authorities_are_read_as_teams_name_them(text):
    """"la CC" among the committee's guests was not read; nor was the Collectivité de Corse, which holds the
    Département's powers there."""
    question = load_guide().questions["dev_comite_membres"]
    assert "collectivites" in read_list(question, text).chosen and not read_list(question, text).unknown


@pytest.mark.parametrize(("typed", "chosen", "unknown"), [
    ("rien de tout ça à part un peu de covoiturage", {"covoiturage"}, []),
    ("pas grand-chose, sauf le SEL", {"sel"}, []),
    ("aucun, sauf si la CC accepte", set(), ["aucun", "sauf si la CC accepte"])])  # a condition, not the only one
def test_nothing_but_something_is_that_alone(typed, chosen, unknown):
    question = load_guide().questions["nouveaux_services"]
    read = read_list(question, typed)
    assert (read.chosen, read.unknown) == (chosen, unknown)


def test_the_longest_of_an_option_s_words_is_the_one_said():
    """"salaires et traitements", listed after "salaires", was read as "salaires" followed by "et traitements",
    which took the option back."""
    options = [Option(id="salaires", label="Salaires et charges", words=["salaires", "salaires et traitements"]),
               Option(id="loyer", label="Loyer")]
    assert match_option(options, "salaires et traitements") == "salaires"


@pytest.mark.parametrize(("typed", "head", "details"), [
    ("on la prépare, envoi prévu fin janvier après le conseil communautaire", "on la prépare",
     ["envoi prévu fin janvier après le conseil communautaire"]),
    ("envoi prévu fin janvier", "envoi prévu fin janvier", []), ("pas encore envoyé", "pas encore envoyé", [])])
def test_a_request_being_prepared_said_in_words_is_in_preparation(typed, head, details):
    """Saint-Éloy: "on la prépare, envoi prévu fin janvier…" at « Où en est votre demande de financement ? » was not
    recognised; "envoi prévu" is no « Envoyée »."""
    options = load_guide().questions["label_demande_etat"].options
    assert match_choice(options, typed) == "en_preparation"
    assert choice_clauses(options, typed) == (head, details)


def test_a_new_thing_after_an_option_s_details_and_et_is_another_item():
    """Saint-Éloy: "la fréquentation par jour, les démarches par opérateur et la satisfaction des usagers
    (questionnaire)" kept « la satisfaction des usagers » as what the demands were said with, not kept; details go on
    after « et » with a complement ("de la poste") or said as they were ("l'été et l'hiver")."""
    question = load_guide().questions["dev_indicateurs"]
    read = read_list(question, "la fréquentation par jour, les démarches par opérateur et la satisfaction des usagers "
                               "(questionnaire)")
    assert read.chosen == {"frequentation", "services_rendus"}
    assert read.unknown == ["la satisfaction des usagers (questionnaire)"]
    assert read.described == {"services_rendus": "par opérateur"}


def test_a_part_of_a_list_naming_two_options_suggests_both():
    """Saint-Éloy: "le Département via le contrat de territoire" suggested « Département » alone, not the
    departmental contracts it also names."""
    question = load_guide().questions["budget_autres_financements"]
    with pytest.raises(ParseError) as refused:
        parse_answer(question, "la DETR, le Département via le contrat de territoire")
    assert refused.value.params["close"] == [(3, "Département"), (5, "Contrats départementaux")]
    assert refused.value.params["ticked"] == ["detr"]


@pytest.mark.parametrize("typed", [
    "les deux : la trésorerie de Saint-Éloy a fermé en 2024 et beaucoup de personnes âgées sans voiture ni internet",
    "tous : on a perdu la trésorerie",
    "LES DEUX. la MSAP de la poste a fermé en 2022 et depuis les gens vont a Mortagne ou Nogent (25 km)"])
def test_every_option_said_then_why_is_every_option_and_the_why_a_detail(typed):
    """Saint-Éloy: "les deux : la trésorerie … a fermé en 2024 …" at « Quels enjeux la Maison doit-elle servir ? » was
    stored as « Autre », worded with the whole text; Rémalard-en-Perche, "LES DEUX. la MSAP …", a full stop
    after."""
    question = load_guide().questions["enjeux"]
    assert parse_answer(question, typed) == ["cohesion_sociale", "maillage_territorial"]
    assert read_list(question, typed).details == [re.split(r" : |\. ", typed, maxsplit=1)[1]]


@pytest.mark.parametrize(("typed", "chosen"), [
    ("surtout accompagner les personnes âgées dans leurs démarches en ligne", {"accompagnement_personnes"}),
    ("aider les habitants et développer de nouveaux services", {"accompagnement_personnes", "nouveaux_services"}),
    # Rémalard-en-Perche: what « surtout » introduces goes on after its comma
    ("accompagnement surtout les personnes agees, les demarches en ligne", {"accompagnement_personnes"})])
def test_a_social_stake_said_with_a_verb_is_its_option(typed, chosen):
    """Saint-Éloy: "surtout accompagner les personnes âgées…" was stored as « Autre » worded with the whole text."""
    read = read_list(load_guide().questions["enjeux_cohesion"], typed)
    assert read.chosen == chosen and not read.unknown


def test_a_territorial_stake_said_with_what_it_is_about_is_its_option():
    """Saint-Éloy: "la fermeture de la trésorerie, l'isolement des hameaux et le bus qui ne passe que 2 fois par
    semaine" made "l'isolement des hameaux et le bus…" the « Autre »."""
    read = read_list(load_guide().questions["enjeux_maillage"], "la fermeture de la trésorerie, l'isolement des "
                                                                 "hameaux et le bus qui ne passe que 2 fois par semaine")
    assert read.chosen == {"disparition_services", "isolement_territorial"}
    assert read.unknown == ["le bus qui ne passe que 2 fois par semaine"]


def _france_services_question(question_id: str) -> Question:
    referentials = load_referentials(load_budget_model())
    return next(r for key, r in referentials.items() if key != "msap").guide.questions[question_id]


def test_an_operator_said_gone_is_not_ticked_nor_an_other_one():
    """Saint-Éloy: "…, plus de trésorerie" read "plus" as one more item: « de trésorerie » became the « Autre »."""
    question = _france_services_question("operateurs")
    read = read_list(question, "La Poste, la CAF, plus de trésorerie")
    assert read.chosen == {"la_poste", "caf"} and not read.unknown
    assert read_list(question, "la trésorerie de Saint-Éloy").chosen == {"dgfip"}


def test_an_operator_named_inside_a_part_is_asked_about_not_taken_for_an_other_one():
    """Saint-Éloy: "une permanence MSA le jeudi" became the « Autre » and the MSA was left unticked."""
    question = _france_services_question("operateurs")
    assert with_other(question, "La Poste à Saint-Éloy, une permanence MSA le jeudi") is None
    with pytest.raises(ParseError) as refused:
        parse_answer(question, "La Poste à Saint-Éloy, une permanence MSA le jeudi")
    assert refused.value.params["close"] == [(5, "MSA")]
    assert refused.value.params["ticked"] == ["la_poste"]


@pytest.mark.parametrize(("text", "added"), [("+ la fibre et le wifi", True), ("plus le wifi", True),
                                             ("en plus, le wifi", True), ("plus de trésorerie", False),
                                             ("la fibre", False)])
def test_a_list_says_it_adds_to_the_ticks_with_a_plus_only(text, added):
    """Les Rousses: "+ la fibre et le wifi" under an answer adds to it; "plus de trésorerie" says none is left."""
    assert says_added(text) is added


@pytest.mark.parametrize(("question_id", "text", "ticked"), [
    ("nouveaux_services", "une association de covoiturage", ["covoiturage"]),
    ("nouveaux_services", "une plateforme de covoiturage et un SEL", ["covoiturage", "sel"]),
    ("acteurs_locaux", "une association de parents d'élèves", ["associations"])])  # the association is the partner
def test_a_service_named_by_what_offers_it_is_its_option(question_id, text, ticked):
    assert parse_answer(load_guide().questions[question_id], text) == ticked


def test_a_thing_named_after_et_is_not_the_details_of_the_option_before():
    """"une association de covoiturage pour l'emploi et un fab lab…": the fab lab is one more service."""
    read = read_list(load_guide().questions["nouveaux_services"],
                     "le covoiturage pour l'emploi et un fab lab au Marché aux puces")
    assert read.described == {"covoiturage": "pour l'emploi"}
    assert read.unknown == ["un fab lab au Marché aux puces"]


def test_an_other_said_with_il_y_a_is_what_there_is():
    assert with_other(load_guide().questions["nouveaux_services"], "Il y a une épicerie solidaire") == (
        ["autre"], "une épicerie solidaire")


@pytest.mark.parametrize(("text", "chosen", "details"), [
    ("la CAF, La Poste qui a fermé en 2023", {"caf"}, ["La Poste qui a fermé en 2023"]),
    ("la CAF, La Poste mais elle est partie", {"caf"}, ["La Poste mais elle est partie"]),
    ("la CAF, La Poste fermée depuis 2023", {"caf"}, ["La Poste fermée depuis 2023"]),
    ("la CAF, La Poste qui va fermer", {"caf", "la_poste"}, [])])  # still there
def test_an_operator_said_closed_is_not_ticked_and_said_not_kept(text, chosen, details):
    """Marseille 15e: "…, La Poste à la Cabucelle mais elle a fermé en 2023" ticked La Poste as present."""
    read = read_list(_france_services_question("operateurs"), text)
    assert read.chosen == chosen and read.details == details


@pytest.mark.parametrize(("text", "chosen"), [
    ("La CAF avec une antenne à Saint-Antoine France Travail à l'agence de Saint-Louis la CPAM",
     {"caf", "pole_emploi", "cnam"}),
    ("la CAF la MSA", {"caf", "msa"})])
def test_a_list_dictated_without_commas_is_read_at_each_option_it_names(text, chosen):
    read = read_list(_france_services_question("operateurs"), text)
    assert read.chosen == chosen and not read.unknown


@pytest.mark.parametrize("question_id", ["acteurs_locaux", "part_acteurs_locaux"])
@pytest.mark.parametrize(("text", "chosen"), [
    ("la maison départementale de la solidarité", {"departement"}),
    ("la MDS et le CCAS", {"departement", "communes_intercommunalites"}),
    ("la mairie de secteur", {"communes_intercommunalites"}),
    ("dept (AS du CMS le jeudi), mairie + CDC Coeur du Perche, ADMR, secours catho",
     {"departement", "communes_intercommunalites", "associations"}),
    ("le conseil général et le CD", {"departement"})])
def test_a_local_actor_named_by_its_office_is_its_body(question_id, text, chosen):
    """Marseille 15e: "la maison départementale de la solidarité" (the Département's social services) was not read;
    Rémalard-en-Perche: nor "dept" and "secours catho", as a phone abridges them, nor the « conseil général » of
    before 2015 that people still say."""
    assert read_list(load_guide().questions[question_id], text).chosen == chosen


@pytest.mark.parametrize(("text", "said"), [
    ("C'est l'association qui gère le centre social Saint-Louis", None),  # whose name is not given
    ("l'association Centre social Saint-Louis", ("structure_existante", "Association Centre social Saint-Louis"))])
def test_a_carrier_s_kind_alone_is_no_name(text, said):
    assert option_and_name(load_guide().questions["port_porteur"], text) == said


def test_details_go_on_after_et_only_with_the_same_kind_of_words():
    """"avec la CAF et la CPAM et trois postes…": the CPAM goes on with the visio's details, the computers do not."""
    read = read_list(load_guide().questions["tech_solution"],
                     "De la visio avec la CAF et la CPAM et trois postes en libre accès avec une imprimante")
    assert read.described == {"visio": "avec la CAF et la CPAM"}
    assert read.unknown == ["trois postes en libre accès avec une imprimante"]


@pytest.mark.parametrize(("typed", "option"), [
    ("en prep", "en_preparation"), ("dossier a compl", "a_completer"), ("en instr", "en_instruction"),
    ("env", None), ("en", None), ("prep", None), ("en préparation", None)])  # the label whole is match_choice's
def test_an_option_typed_cut_short_word_by_word_is_that_option(typed, option):
    """Rémalard-en-Perche: "en prep" for « En préparation »; a word cut below four letters names nothing."""
    assert abridged_option(GUIDE.questions["label_demande_etat"].options, typed) == option
