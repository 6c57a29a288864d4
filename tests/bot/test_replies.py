"""A text sent as a reply to an earlier message (swiped in the app) answers that message's question, through the
real Application."""
from __future__ import annotations

from tests.bot.test_conversation import create_project
from tests.bot.test_meant_input import reach_prefecture_question, reach_stakes, versions
from tests.bot.test_team import current_answers, owner, two_at_the_function  # noqa: F401 (a fixture)
from tests.bot.test_projects import onboard
from tests.support.telegram import MSAP_RULES
from tests.support.walk import question_in

TAKEN = "✏️ Modification prise en compte."


async def at_the_time(client):
    """Stage 1, step 1, name and function given: the messages that asked them, and the time's."""
    name_asked = (await create_project(client))[-1]
    name_sent = client.message_update("Marie Dupont")
    function_asked = (await client.deliver(name_sent))[-1]
    time_asked = (await client.send("Chargée de mission"))[-1]
    return name_asked, function_asked, time_asked


async def test_a_reply_to_an_earlier_question_answers_it_not_the_question_in_course(client, services):
    name_asked, function_asked, _ = await at_the_time(client)
    replies = await client.reply(function_asked, "Directrice générale des services")
    assert replies[0].text == f"{TAKEN}\nQuelle est sa fonction et dans quelle structure ?\n" \
                              "➡️ Directrice générale des services"
    assert versions(services, "chef_projet_fonction") == ["Chargée de mission", "Directrice générale des services"]
    assert versions(services, "chef_projet_temps") == []
    assert question_in(services.guide, replies[-1]).id == "chef_projet_temps"


async def test_a_reply_under_the_recap_changes_that_answer_and_shows_the_recap_again(client, services):
    _, _, time_asked = await at_the_time(client)
    await client.click("Mi-temps")
    replies = await client.reply(time_asked, "finalement temps plein")
    assert replies[0].text == "➡️ Réponse retenue pour « Quel temps de travail sera consacré au projet ? » : Temps plein."
    assert "Récapitulatif" in replies[-1].text and "➡️ Temps plein" in replies[-1].text
    assert versions(services, "chef_projet_temps") == ["mi_temps", "temps_plein"]


async def test_a_reply_to_a_question_of_a_step_left_changes_it_and_the_guide_stays(client, services):
    name_asked, _, _ = await at_the_time(client)
    await client.click("Mi-temps")
    await client.click("Étape suivante")
    replies = await client.reply(name_asked, "Marie Durand")
    assert replies[0].text == f"{TAKEN}\nQui est le chef de projet de la future Maison ?\n➡️ Marie Durand"
    assert versions(services, "chef_projet_nom") == ["Marie Dupont", "Marie Durand"]
    assert question_in(services.guide, replies[-1]).id == "enjeux"
    assert versions(services, "enjeux") == []


async def test_a_reply_that_does_not_answer_its_question_keeps_the_answer_and_says_why(client, services):
    _, _, time_asked = await at_the_time(client)
    await client.click("Mi-temps")
    await client.click("Étape suivante")
    replies = await client.reply(time_asked, "on verra avec le président")
    assert replies[0].text.startswith("✏️ Je n'ai pas pu reprendre votre modification : la réponse à « Quel temps")
    assert versions(services, "chef_projet_temps") == ["mi_temps"]
    assert question_in(services.guide, replies[-1]).id == "enjeux"


async def test_a_name_and_function_typed_without_a_comma_are_set_apart(client, services):
    """Haut-Allier: "moi, elodie garnier charge de mission a la cdc" was stored as the project leader's name, and the
    function asked next."""
    await create_project(client)
    understood, asked = await client.send("moi, elodie garnier charge de mission a la cdc")
    assert versions(services, "chef_projet_nom") == ["elodie garnier"]
    assert versions(services, "chef_projet_fonction") == ["charge de mission a la cdc"]
    assert question_in(services.guide, asked).id == "chef_projet_temps"


async def test_a_name_and_function_dictated_after_moi_without_any_comma_are_set_apart(client, services):
    """Marseille 15e, dictated: "C'est moi Samia Haddad chargée de mission au centre social" was refused, "write the
    name rather than « moi »", though the name was there."""
    await create_project(client)
    understood, asked = await client.send("C'est moi Samia Haddad chargée de mission au centre social")
    assert versions(services, "chef_projet_nom") == ["Samia Haddad"]
    assert versions(services, "chef_projet_fonction") == ["chargée de mission au centre social"]
    assert question_in(services.guide, asked).id == "chef_projet_temps"


async def test_a_function_abridged_in_brackets_after_the_name_is_set_apart(client, services):
    """Les Rousses: "moi, thomas girod (resp. de secteur la poste)" was the name the dossier would print."""
    await create_project(client)
    understood, asked = await client.send("moi, thomas girod (resp. de secteur la poste)")
    assert versions(services, "chef_projet_nom") == ["thomas girod"]
    assert versions(services, "chef_projet_fonction") == ["resp. de secteur la poste"]
    assert question_in(services.guide, asked).id == "chef_projet_temps"


async def test_a_function_in_one_lowercase_word_after_a_name_in_capitals_is_set_apart(client, services):
    """Rémalard-en-Perche: "JM LEFEBVRE adjoint" was the name the dossier would print."""
    await create_project(client)
    understood, asked = await client.send("JM LEFEBVRE adjoint")
    assert versions(services, "chef_projet_nom") == ["JM LEFEBVRE"]
    assert versions(services, "chef_projet_fonction") == ["adjoint"]
    assert question_in(services.guide, asked).id == "chef_projet_temps"


async def test_a_reply_to_one_s_own_answer_corrects_it(client, services):
    """The message gave a name and a function; the reply is read as the correction of the one it fits."""
    name_asked = (await create_project(client))[-1]
    sent = client.message_update("Camille Delma, chargée de mission")
    await client.deliver(sent)
    replies = await client.reply(sent, "Camille Delmas")
    assert replies[0].text == f"{TAKEN}\nQui est le chef de projet de la future Maison ?\n➡️ Camille Delmas"
    assert versions(services, "chef_projet_nom") == ["Camille Delma", "Camille Delmas"]
    assert versions(services, "chef_projet_fonction") == ["chargée de mission"]
    assert question_in(services.guide, replies[-1]).id == "chef_projet_temps"
    replies = await client.reply(sent, "chargée de mission à la communauté de communes Hautes Terres")
    assert replies[0].text.endswith("➡️ chargée de mission à la communauté de communes Hautes Terres")
    assert versions(services, "chef_projet_fonction") == [
        "chargée de mission", "chargée de mission à la communauté de communes Hautes Terres"]
    assert versions(services, "chef_projet_nom") == ["Camille Delma", "Camille Delmas"]


async def test_a_reply_to_a_question_left_for_later_answers_it(client, services):
    await reach_stakes(client)
    stakes_asked = client.last()
    await client.click("Je ne sais pas encore")
    replies = await client.reply(stakes_asked, "cohésion sociale et maillage territorial")
    assert versions(services, "enjeux")[-1] == ["cohesion_sociale", "maillage_territorial"]
    assert replies[0].text == "➡️ Réponse retenue pour « Quels enjeux la Maison doit-elle servir ? » : " \
                              "Cohésion sociale, Maillage territorial."


async def test_a_reply_to_the_question_in_course_or_to_no_question_is_an_answer_as_typed(client, services):
    name_asked = (await create_project(client))[-1]
    replies = await client.reply(name_asked, "Marie Dupont")
    assert question_in(services.guide, replies[-1]).id == "chef_projet_fonction"
    welcome = next(m for m in client.api.sent() if "Bonjour" in m.text)
    replies = await client.reply(welcome, "Chargée de mission")
    assert versions(services, "chef_projet_fonction") == ["Chargée de mission"]
    assert question_in(services.guide, replies[-1]).id == "chef_projet_temps"


async def test_a_reply_to_a_question_a_teammate_answered_replaces_it_and_theirs_can_come_back(
        owner, application, api, services):
    claire = await two_at_the_function(owner, application, api)
    function_asked = claire.last()
    await owner.send("Directrice du centre social")
    await claire.send("/equipe")  # another screen since: no question asked there
    replies = await claire.reply(function_asked, "Chargée de mission à la mairie")
    assert current_answers(services)["chef_projet_fonction"] == ("Chargée de mission à la mairie", 1002)
    assert replies[0].text == f"{TAKEN}\nQuelle est sa fonction et dans quelle structure ?\n" \
                              "➡️ Chargée de mission à la mairie"
    told = replies[-2]
    assert told.text.startswith("ℹ️ Marie Dupont avait répondu :\n➡️ Directrice du centre social\n")
    assert told.labels == ["↩️ Remettre la réponse de Marie Dupont"]
    assert "Quel temps de travail sera" in replies[-1].text
    await claire.click("Remettre la réponse de Marie Dupont")
    assert current_answers(services)["chef_projet_fonction"] == ("Directrice du centre social", 1001)


async def test_a_reply_to_a_recap_answers_the_question_it_numbers_or_the_only_one_it_fits(client, services):
    await at_the_time(client)
    recap = (await client.click("Mi-temps"))[-1]
    await client.click("Étape suivante")
    replies = await client.reply(recap, "2 : Directrice générale des services")
    assert replies[0].text == f"{TAKEN}\nQuelle est sa fonction et dans quelle structure ?\n" \
                              "➡️ Directrice générale des services"
    assert question_in(services.guide, replies[-1]).id == "enjeux"
    replies = await client.reply(recap, "temps plein")  # only the time reads it as an answer
    assert replies[0].text == f"{TAKEN}\nQuel temps de travail sera consacré au projet ?\n➡️ Temps plein"
    assert versions(services, "chef_projet_temps") == ["mi_temps", "temps_plein"]

    replies = await client.reply(recap, "Jean Martin")  # a name, or a function: which one is not said
    assert replies[0].text == "ℹ️ Je n'ai rien enregistré : ce message porte sur plusieurs questions. Répondez-lui " \
                              "en commençant par le numéro de la question dans la liste : « 1 Jean Martin » pour " \
                              "la question 1. Voici la question en cours."
    assert versions(services, "chef_projet_nom") == ["Marie Dupont"]
    replies = await client.reply(recap, "Marie Durand")  # like one answer only: the name put right
    assert replies[0].text == f"{TAKEN}\nQui est le chef de projet de la future Maison ?\n➡️ Marie Durand"
    assert question_in(services.guide, replies[-1]).id == "enjeux"
    replies = await client.reply(recap, "1")  # the number alone: the question, asked again at its step
    assert question_in(services.guide, replies[-1]).id == "chef_projet_nom"
    assert "Réponse actuelle : Marie Durand" in replies[-1].text


async def test_a_reply_to_a_question_the_project_no_longer_asks_records_nothing(client, services):
    await reach_stakes(client)
    await client.click("Cohésion sociale")
    asked = (await client.click("Valider"))[-1]
    assert question_in(services.guide, asked).id == "enjeux_cohesion"
    await client.click("Je ne sais pas encore")
    stakes = next(m for m in reversed(client.api.sent()) if m.text.startswith("Quels enjeux la Maison"))
    await client.reply(stakes, "maillage territorial")  # cohésion sociale no longer among them
    replies = await client.reply(asked, "accompagnement des personnes")
    assert replies[0].text.startswith("ℹ️ Je n'ai rien enregistré : d'après les réponses données depuis")
    assert versions(services, "enjeux_cohesion") == [None]  # left for later, and nothing since


async def test_a_reply_understood_with_a_remark_names_its_question_once(client, services):
    await at_the_time(client)
    await client.click("Mi-temps")
    await client.click("Étape suivante")
    await client.click("Cohésion sociale")
    await client.click("Valider")
    objectives = (await client.click("Passer"))[-1]
    await client.click("Passer")
    population = (await client.click("Passer"))[-1]
    assert question_in(services.guide, population).id == "population"
    await client.click("Passer")
    replies = await client.reply(objectives, "Éviter 40 km aux habitants des hameaux")
    assert replies[0].text == "Quels objectifs fixez-vous à la Maison ?\n➡️ Éviter 40 km aux habitants des hameaux"
    replies = await client.reply(population, "environ 6 500 (Insee 2021)")
    assert replies[0].text.startswith("➡️ Réponse retenue pour « Combien d'habitants compte ce territoire ? » : 6500.")
    assert "« Insee 2021 » n'est pas enregistré" in replies[0].text
    assert versions(services, "population")[-1] == 6500


async def test_the_help_says_how_to_answer_a_question_further_up(client):
    await create_project(client)
    help_text = (await client.send("/aide"))[0].text
    assert "Pour changer une réponse plus haut, répondez à sa question dans Telegram (appui long sur le message, puis " \
           "« Répondre ») : votre texte va à cette question." in help_text


async def test_a_reply_with_a_date_to_confirm_asks_it_at_the_question_s_step(client, services):
    await reach_prefecture_question(client, services.guide)
    await client.send("oui")
    await client.send("M. Roux, sous-préfecture de Saint-Flour")
    asked = client.last()
    assert question_in(services.guide, asked).id == "date_premier_contact"
    await client.send("12/10/2026")
    while question_in(services.guide, client.last()) is not None:
        await client.click("Passer")
    await client.click("Étape suivante")
    later = question_in(services.guide, client.last())
    assert later is not None and services.guide.step_of_question[later.id].id != "prefecture"
    replies = await client.reply(asked, "le 12 janvier 2028")  # not passed yet: a slip of the year, maybe
    assert replies[-1].text.startswith("⚠️ « À quelle date l'avez-vous contacté pour la première fois ? » : le "
                                       "12 janvier 2028 n'est pas encore passé.")
    assert versions(services, "date_premier_contact") == ["2026-10-12"]
    await client.click("Oui")
    assert versions(services, "date_premier_contact") == ["2026-10-12", "2028-01-12"]
    assert client.last().text.startswith("📋 Récapitulatif : Le cahier des charges")  # « Étape suivante » goes on


async def test_after_a_reply_from_another_screen_the_question_in_course_is_in_sight(client, services):
    name_asked, _, _ = await at_the_time(client)
    await client.click("Mi-temps")
    await client.click("Étape suivante")
    await client.send("/equipe")
    replies = await client.reply(name_asked, "Marie Durand")
    assert question_in(services.guide, replies[-1]).id == "enjeux"
    replies = await client.send("ok")  # under the question just shown again: not a text to a screen out of sight
    assert "n'était plus affichée" not in replies[0].text


async def test_a_reply_to_a_question_of_another_project_records_nothing_here(client, services):
    await onboard(client, "MSAP des Causses", "Larzac")
    await client.send("/projets")
    await client.click("Nouveau projet")
    await client.send("MSAP du Ségala")
    await client.send("Ségala")
    segala_asked = (await client.click(MSAP_RULES))[-1]
    assert segala_asked.text.startswith("📁 MSAP du Ségala")
    await client.send("/projets")
    await client.click("📁 MSAP des Causses")
    replies = await client.reply(segala_asked, "Jeanne Martin")
    assert replies[0].text == "📁 MSAP des Causses\nℹ️ Je n'ai rien enregistré : ce message concerne le projet " \
                              "« MSAP du Ségala ». Pour y répondre, ouvrez ce projet avec /projets, puis répondez " \
                              "de nouveau. Voici la question en cours."
    assert versions(services, "chef_projet_nom") == []
    causses_asked = replies[-1]
    replies = await client.reply(causses_asked, "Jeanne Martin")
    assert versions(services, "chef_projet_nom") == ["Jeanne Martin"]


async def test_a_reply_to_the_list_of_required_answers_answers_the_one_listed(client, services):
    await create_project(client)
    await client.click("Je ne sais pas encore")
    await client.send("Chargée de mission")
    await client.click("Mi-temps")
    missing = (await client.click("Étape suivante"))[0]
    assert missing.text.startswith("Avant l'étape suivante, il reste une réponse obligatoire :\n"
                                   "• Qui est le chef de projet de la future Maison ?")
    await client.send("/menu")
    await client.click("2.")  # the partners' stage: elsewhere
    replies = await client.reply(missing, "Marie Dupont")
    assert replies[0].text == "Qui est le chef de projet de la future Maison ?\n➡️ Marie Dupont"
    assert versions(services, "chef_projet_nom") == [None, "Marie Dupont"]


async def test_a_reply_to_the_dossier_s_list_of_missing_answers_gives_the_one_it_reads_as(client, services):
    await create_project(client, "MSAP du Pays de Lure", "Haute-Saône")
    await client.send("Claire Morel")
    summary = (await client.send("/dossier"))[0]
    assert "• Étape 1 : Quels enjeux la Maison doit-elle servir ?" in summary.text
    assert "• Étape 1 : Avez-vous contacté votre référent en Préfecture ?" in summary.text
    replies = await client.reply(summary, "cohésion sociale")  # of the stage's listed questions, the list's
    assert versions(services, "enjeux") == [["cohesion_sociale"]]
    assert replies[0].text == "Quels enjeux la Maison doit-elle servir ?\n➡️ Cohésion sociale"
    replies = await client.reply(summary, "oui")  # the referent contacted, or the Maison's neutrality: which one?
    assert replies[0].text.startswith("ℹ️ Je n'ai rien enregistré : ce message porte sur plusieurs questions,")
    assert versions(services, "prefecture_contactee") == []


async def test_a_reply_adding_to_a_list_adds_to_its_options(client, services):
    await reach_stakes(client)
    stakes_asked = client.last()
    await client.click("Cohésion sociale")
    await client.click("Valider")
    await client.click("Passer")  # at the objectives now
    replies = await client.reply(stakes_asked, "et aussi le maillage territorial")
    assert versions(services, "enjeux")[-1] == ["cohesion_sociale", "maillage_territorial"]
    assert replies[0].text.endswith("➡️ Cohésion sociale, Maillage territorial")
