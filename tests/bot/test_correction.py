""""Pardon, je voulais dire…": a text that corrects the answer its writer gave last, through the real Application."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from store.models import Project
from tests.bot.test_conversation import create_project
from tests.bot.test_meant_input import reach_population, reach_stakes, versions
from tests.support.telegram import MSAP_RULES
from tests.support.walk import question_in, walk_step

TAKEN = "✏️ Modification prise en compte."


async def reach_time(client):
    """Stage 1, step 1, the project leader's name and function given: at the time they will give."""
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")


async def test_a_correction_replaces_the_last_answer_and_the_guide_stays_where_it_is(client, services):
    """One message gave a name and a function; the correction is the name's, the question the message answered."""
    await create_project(client)
    await client.send("Yannick Le Goff, maire")
    replies = await client.send("Oups, je me suis trompé, c'est Yannig Le Goff.")
    assert replies[0].text == f"{TAKEN}\nQui est le chef de projet de la future Maison ?\n➡️ Yannig Le Goff"
    assert question_in(services.guide, replies[-1]).id == "chef_projet_temps"
    assert versions(services, "chef_projet_nom") == ["Yannick Le Goff", "Yannig Le Goff"]
    assert versions(services, "chef_projet_fonction") == ["maire"]


async def test_a_tapped_choice_is_corrected_in_words_under_the_recap(client, services):
    await reach_time(client)
    await client.click("Mi-temps")
    replies = await client.send("Je voulais dire moins d'un mi-temps, pas mi-temps")
    assert replies[0].text == f"{TAKEN}\nQuel temps de travail sera consacré au projet ?\n➡️ Moins d'un mi-temps"
    assert "Récapitulatif" in replies[-1].text and "Moins d'un mi-temps" in replies[-1].text
    assert versions(services, "chef_projet_temps") == ["mi_temps", "temps_partiel"]


@pytest.mark.parametrize("correction", ["pardon je voulais dire les deux", "J'ai oublié la cohésion sociale",
                                        "et aussi la cohésion sociale"])
async def test_a_correction_that_shows_more_questions_asks_them_next(client, services, correction):
    """Cohésion sociale added to the stakes, the options said again or the one forgotten: its own question comes
    before the one in course."""
    await reach_stakes(client)
    await client.send("maillage territorial")
    replies = await client.send(correction)
    assert replies[0].text.endswith("➡️ Cohésion sociale, Maillage territorial")
    assert "cohésion sociale, que visez-vous" in replies[-1].text
    assert versions(services, "enjeux") == [["maillage_territorial"], ["cohesion_sociale", "maillage_territorial"]]


async def test_said_without_the_right_answer_the_question_is_asked_again_with_its_answer(client, services):
    await reach_time(client)
    replies = await client.send("Pardon, je me suis trompée.")
    assert question_in(services.guide, replies[-1]).id == "chef_projet_fonction"
    assert "Réponse actuelle : Chargée de mission" in replies[-1].text
    await client.send("Directrice générale des services")
    assert versions(services, "chef_projet_fonction") == ["Chargée de mission", "Directrice générale des services"]
    assert question_in(services.guide, client.last()).id == "chef_projet_temps"


async def test_a_correction_that_does_not_read_as_an_answer_keeps_the_answer_and_says_why(client, services):
    await reach_population(client, services)
    await client.send("12 000")
    replies = await client.send("Erreur : beaucoup")
    assert replies[0].text.startswith("✏️ Je n'ai pas pu reprendre votre modification : la réponse à « Combien")
    assert replies[1].text.startswith("⚠️")
    assert versions(services, "population") == [12000]


async def test_before_any_answer_the_right_answer_is_the_question_s(client, services):
    await create_project(client)
    replies = await client.send("Pardon, je voulais dire Marie Dupont")
    assert versions(services, "chef_projet_nom") == ["Marie Dupont"]
    assert question_in(services.guide, replies[-1]).id == "chef_projet_fonction"
    replies = await client.send("Désolé, erreur.")  # the name just given, reopened
    assert question_in(services.guide, replies[-1]).id == "chef_projet_nom"
    assert "Réponse actuelle : Marie Dupont" in replies[-1].text


async def test_with_nothing_to_correct_the_question_is_asked_again(client, services):
    await create_project(client)
    replies = await client.send("Désolé, erreur.")
    assert question_in(services.guide, replies[-1]).id == "chef_projet_nom"
    assert versions(services, "chef_projet_nom") == []


async def test_a_text_starting_with_the_word_error_is_an_answer(client, services):
    await reach_population(client, services)
    await client.send("12 000")
    await client.send("Erreur de calcul dans le dernier recensement : la population a baissé depuis.")
    assert versions(services, "population") == [12000]
    assert versions(services, "diag_demographie") == [
        "Erreur de calcul dans le dernier recensement : la population a baissé depuis."]


async def test_the_project_s_name_and_territory_are_corrected_before_the_guide_starts(client, services):
    await client.send("/start")
    await client.send("Maison de services de St Nicolas")
    replies = await client.send("Pardon, je voulais dire France services de Saint-Nicolas-du-Pélem")
    assert replies[0].text == "ℹ️ Nom du projet corrigé : « France services de Saint-Nicolas-du-Pélem »."
    assert "territoire" in replies[-1].text
    await client.send("Kreiz Breizh")
    replies = await client.send("je voulais dire CC du Kreiz-Breizh (Côtes-d'Armor)")
    assert replies[0].text == "ℹ️ Territoire corrigé : « CC du Kreiz-Breizh (Côtes-d'Armor) »."
    assert "Quelles règles suit « France services de Saint-Nicolas-du-Pélem" in replies[-1].text
    replies = await client.send("Pardon, je me suis trompé")  # no territory given: it is asked again
    assert "Sur quel territoire se situe le projet" in replies[-1].text
    await client.send("Communauté de communes du Kreiz-Breizh")
    await client.click(MSAP_RULES)
    with services.database.connect() as connection:
        assert connection.execute(select(Project.name, Project.territory)).all() == [
            ("France services de Saint-Nicolas-du-Pélem", "Communauté de communes du Kreiz-Breizh")]


async def test_the_help_says_how_to_correct_an_answer(client):
    await create_project(client)
    help_text = (await client.send("/aide"))[0].text
    assert "Une erreur dans votre dernière réponse ? Écrivez « Je voulais dire », puis la bonne réponse." \
           in help_text




async def test_a_corrected_text_keeps_its_full_stop(client, services):
    await reach_population(client, services)
    await client.send("3600")
    await client.send("Population âgée.")
    await client.send("Pardon, je voulais dire : population âgée, revenus modestes.")
    assert versions(services, "diag_demographie") == ["Population âgée.", "Population âgée, revenus modestes."]


async def test_what_was_forgotten_is_added_to_the_text(client, services):
    await reach_population(client, services)
    await client.send("3600")
    await client.send("Population vieillissante")
    replies = await client.send("Il manque : revenus modestes")
    assert replies[0].text.endswith("➡️ Population vieillissante, revenus modestes")
    assert versions(services, "diag_demographie") == ["Population vieillissante",
                                                      "Population vieillissante, revenus modestes"]
    replies = await client.send("J'ai oublié.")  # what one does not remember: left for later
    assert versions(services, "diag_organisation_spatiale") == [None]
    assert question_in(services.guide, replies[-1]).id == "diag_emplois"


async def test_a_starred_word_puts_the_closest_word_of_the_last_answer_right(client, services):
    await create_project(client)
    await client.send("Yannick Le Gof, maire")
    replies = await client.send("*Goff")
    assert replies[0].text == f"{TAKEN}\nQui est le chef de projet de la future Maison ?\n➡️ Yannick Le Goff"
    replies = await client.send("CPAM*")  # no word of it is close: nothing changes
    assert replies[0].text.startswith("✏️ Je n'ai pas pu reprendre votre modification")
    assert replies[1].text == ("⚠️ Je ne trouve pas de mot proche de « CPAM » à corriger dans "
                               "« Yannick Le Goff ». Écrivez « Je voulais dire », puis toute la réponse.")
    assert versions(services, "chef_projet_nom") == ["Yannick Le Gof", "Yannick Le Goff"]


async def test_a_starred_number_is_the_whole_answer(client, services):
    await reach_population(client, services)
    await client.send("3 500")
    await client.send("*3 600")
    assert versions(services, "population") == [3500, 3600]


async def test_a_starred_option_reopens_the_list(client, services):
    await reach_stakes(client)
    await client.send("maillage territorial")
    replies = await client.send("*cohésion")
    assert question_in(services.guide, replies[-1]).id == "enjeux" and "Réponse actuelle" in replies[-1].text


async def test_a_starred_word_puts_the_project_s_name_right(client, services):
    await client.send("/start")
    await client.send("France services de Rostrenn")
    replies = await client.send("*Rostrenen")
    assert replies[0].text == "ℹ️ Nom du projet corrigé : « France services de Rostrenen »."



async def test_a_correction_that_does_not_fit_the_question_goes_to_the_other_answer_of_its_message(client,
                                                                                                   services):
    """"Oui, avec les maires…" answered a yes and "Qu'ont répondu les acteurs sondés ?"; "je voulais dire : ils
    sont favorables" is no yes or no: it is the second one's."""
    replies = await create_project(client)
    while question_in(services.guide, replies[-1]) is None or question_in(
            services.guide, replies[-1]).id != "complementarites":
        replies = await walk_step(client, services.guide, replies)
        replies = await client.click("Étape suivante")
    await client.send("Aucune permanence CAF à moins de 30 km.")
    await client.send("Oui, avec les maires au conseil communautaire")
    replies = await client.send("Je voulais dire : ils sont favorables, surtout les maires")
    assert replies[0].text.endswith("➡️ Ils sont favorables, surtout les maires")
    assert versions(services, "acteurs_sondes") == [True]
    assert versions(services, "retours_acteurs") == ["avec les maires au conseil communautaire",
                                                     "Ils sont favorables, surtout les maires"]


async def test_a_correction_of_the_question_reopened_answers_it_and_the_guide_goes_on(client, services):
    await reach_time(client)
    await client.click("Mi-temps")
    await client.click("✏️ 3")  # reopened from the recap
    replies = await client.send("je voulais dire temps plein")
    assert replies[0].text.endswith("➡️ Temps plein") and "Récapitulatif" in replies[-1].text


@pytest.mark.parametrize("button", ["Passer", "Je ne sais pas encore"])
async def test_a_correction_after_passing_a_question_answers_that_question(client, services, button):
    """"Je ne sais pas, c'est le maire qui s'en occupe", then "pardon, je voulais dire : …": the question just
    left, not the answer before it (a list of partners replaced by one)."""
    await reach_population(client, services)
    await client.send("3 600")
    await client.click(button)  # « Que disent les données… ? »
    replies = await client.send("Pardon, je voulais dire : population âgée")
    assert replies[0].text.endswith("Que disent les données démographiques et socio-économiques ?\n"
                                    "➡️ Population âgée")
    assert versions(services, "diag_demographie")[-1] == "Population âgée"
    assert versions(services, "population") == [3600]
    assert question_in(services.guide, replies[-1]).id == "diag_organisation_spatiale"


async def test_a_text_corrected_with_also_is_said_whole(client, services):
    """"Je voulais dire : population âgée et aussi…" after "Population âgée." was appended to it: said twice."""
    await reach_population(client, services)
    await client.send("3600")
    await client.send("Population âgée.")
    await client.send("Je voulais dire : population âgée et aussi des revenus modestes.")
    assert versions(services, "diag_demographie")[-1] == "Population âgée et aussi des revenus modestes."
