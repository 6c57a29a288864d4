"""An answer typed one question early, through the real Application: the carrier's address typed at its SIRET."""
from __future__ import annotations

import pytest

from tests.bot.test_carrier_identity import current_values, reach_the_siret
from tests.bot.test_conversation import create_project
from tests.bot.test_verdicts import goto_stage
from tests.bot.test_yes_no_said import reach
from tests.support.telegram import FRANCE_SERVICES_RULES
from tests.support.walk import kept_without, question_in, walk_step

ADDRESS = "Place du Général de Gaulle, 61110 Rémalard-en-Perche"


async def test_an_address_typed_at_the_siret_is_kept_for_the_address_question(client, services):
    """It was refused ("Un numéro SIRET ne contient que des chiffres") and lost: to be typed again later."""
    await reach_the_siret(client, services)
    refused, asked = await client.send(ADDRESS)
    assert refused.text == ("⚠️ Un numéro SIRET ne contient que des chiffres. Exemple : 200 012 342 00008.\n\n📝 Votre "
                            "texte est noté pour « Quelle est l'adresse du siège de la structure porteuse ? », plus "
                            "loin dans cette étape.")
    assert question_in(services.guide, asked).id == "port_siret"  # still asked: the address is no SIRET
    assert current_values(services, "port_adresse") == [ADDRESS]
    replies = await client.click("Je ne sais pas encore")
    assert question_in(services.guide, replies[-1]).id == "port_representant_nom"  # the address not asked again


async def test_a_text_no_later_question_reads_is_refused_as_before(client, services):
    await reach_the_siret(client, services)
    refused, _ = await client.send("la mairie de Rémalard")  # no postal code: no address either
    assert refused.text.startswith("⚠️ Un numéro SIRET") and "📝" not in refused.text
    assert current_values(services, "port_adresse") == []


async def test_the_maisons_address_said_to_be_the_carriers_is_copied(client, services):
    """"même adresse que le siège de la CC" at « Quelle est l'adresse de la Maison ? » was refused: no postal code."""
    await reach_the_siret(client, services)
    await client.send(ADDRESS)  # kept for the carrier's address
    await goto_stage(client, 4)
    await client.send("dans l'ancienne trésorerie")
    refused = await client.send("la même adresse que la médiathèque")  # no address answered names it
    assert refused[0].text.startswith("⚠️ Il manque le code postal.")
    replies = await client.send("même adresse que le siège de la CC")
    assert replies[0].text == f"➡️ Réponse retenue : {ADDRESS}."
    assert current_values(services, "tech_adresse") == [ADDRESS]


@pytest.mark.parametrize("typed", ["La même que la mairie.", "même adresse que la commune"])  # the carrier's name
async def test_the_maisons_address_said_to_be_the_town_hall_s_is_the_carrier_s(client, services, typed):
    """Plouaret: "La même que la mairie." at « Quelle est l'adresse de la Maison ? » was refused (no postal code):
    the carrier, the commune, has its seat at the town hall, "1 place de la Mairie"."""
    await create_project(client)
    replies = await goto_stage(client, 3)
    replies = await walk_step(client, services.guide, replies)
    await client.click("Étape suivante")
    await client.send("La commune de Plouaret")
    await client.send("212 201 879 00013")
    await client.send("1 place de la Mairie, 22420 Plouaret")
    await goto_stage(client, 4)
    await client.send("au rez-de-chaussée de la mairie")
    replies = await client.send(typed)
    assert replies[0].text == "➡️ Réponse retenue : 1 place de la Mairie, 22420 Plouaret."
    assert current_values(services, "tech_adresse") == ["1 place de la Mairie, 22420 Plouaret"]


@pytest.mark.parametrize(("typed", "unkept"), [
    # It ticked « Autre » worded "via l'outil de l'ANCT", an indicator the dossier would print, then asked the tool.
    ("fréquentation et services rendus, via l'outil de l'ANCT", ""),
    # Plouaret: "avec l'outil de l'ANCT" was the words of an « Autre » indicator
    ("fréquentation et services rendus, avec l'outil de l'ANCT", ""),
    # It ticked « Autre » worded "on utilise déjà l'outil de l'ANCT : fréquentation"; "demandes par opérateur" is
    # one of « Services rendus »'s own words.
    ("on utilise déjà l'outil de l'ANCT : fréquentation et demandes par opérateur", "")])
async def test_how_a_list_is_kept_answers_the_choice_asking_it_next(client, services, typed, unkept):
    await create_project(client, rules=FRANCE_SERVICES_RULES)
    await goto_stage(client, 8)
    *said, asked = await client.send(typed)
    assert [reply.text for reply in said] == [
        "➡️ Réponse retenue : Fréquentation, Services rendus." + unkept,
        "➡️ Réponse retenue pour « Avec quel outil tiendrez-vous ce tableau de bord ? » : Les outils de suivi de "
        "l'ANCT."]
    assert current_values(services, "dev_indicateurs") == [["frequentation", "services_rendus"]]
    assert current_values(services, "dev_tableau_bord_outil") == ["outils_anct"]
    assert question_in(services.guide, asked).id != "dev_tableau_bord_outil"

async def test_an_option_said_to_be_seen_later_is_not_ticked(client, services):
    """Plouaret: "Les fiches pratiques, l'annuaire et les formations. Le forum, on verra." ticked the forum, and
    refused « on verra » alone: validated, the dossier would have said the forum will be used."""
    await reach(client, services, 8, "dev_outils_reseau", FRANCE_SERVICES_RULES)
    said, _ = await client.send("Les fiches pratiques, l'annuaire et les formations. Le forum, on verra.")
    assert said.text == ("➡️ Réponse retenue : Fiches pratiques, Annuaire, Formations.\nℹ️ Cette question ne garde "
                         "pas de précision : « Le forum, on verra » n'est pas enregistré.")
    assert current_values(services, "dev_outils_reseau") == [["fiches_pratiques", "annuaire", "formations"]]


async def test_an_option_said_to_be_seen_later_under_its_tick_is_unticked(client, services):
    """Plouaret: typed again under the ticks of a list refused (the forum among them), "…. Le forum, on verra." kept
    the forum's tick."""
    await reach(client, services, 8, "dev_outils_reseau", FRANCE_SERVICES_RULES)
    refused, _ = await client.send("le forum, les fiches pratiques, l'anuaire")
    assert "☑️ J'ai coché : Fiches pratiques, Forum." in refused.text
    said, _ = await client.send("Les fiches pratiques, l'annuaire et les formations. Le forum, on verra.")
    assert said.text.startswith("➡️ Réponse retenue : Fiches pratiques, Annuaire, Formations.\n")
    assert current_values(services, "dev_outils_reseau") == [["fiches_pratiques", "annuaire", "formations"]]


async def test_the_tool_said_as_the_one_of_its_maker_is_that_tool(client, services):
    """Plouaret: "Celui de l'ANCT" at « Avec quel outil tiendrez-vous ce tableau de bord ? » was an « Autre » tool
    worded "Celui de l'ANCT", for the dossier to print."""
    await create_project(client, rules=FRANCE_SERVICES_RULES)
    await goto_stage(client, 8)
    await client.send("fréquentation")
    await client.click("Valider")
    said, _ = await client.send("Celui de l'ANCT")
    assert said.text == "➡️ Réponse retenue : Les outils de suivi de l'ANCT."
    assert current_values(services, "dev_tableau_bord_outil") == ["outils_anct"]


async def test_a_new_indicator_after_another_s_details_is_the_other_one(client, services):
    """Saint-Éloy: "… les démarches par opérateur et la satisfaction des usagers (questionnaire)" said « par opérateur
    et la satisfaction des usagers (questionnaire) » not kept: the third indicator was lost."""
    await create_project(client, rules=FRANCE_SERVICES_RULES)
    await goto_stage(client, 8)
    said, _ = await client.send("la fréquentation par jour, les démarches par opérateur et la satisfaction des usagers "
                                "(questionnaire)")
    assert said.text == ("➡️ Réponse retenue : Fréquentation, Services rendus, Autre.\nℹ️ Cette question ne garde pas "
                         "de précision : « par opérateur » n'est pas enregistré.\n📝 Et à « Quel autre indicateur ? », "
                         "j'ai noté : la satisfaction des usagers (questionnaire).")
    assert current_values(services, "dev_indicateurs_autre") == ["la satisfaction des usagers (questionnaire)"]


async def reach_the_request_s_state(client, services) -> None:
    await create_project(client, rules=FRANCE_SERVICES_RULES)
    await goto_stage(client, 7)
    for typed in ("oui", "passer", "passer", "oui", "étape suivante"):  # no addressee, no deadline
        replies = await client.send(typed)
    assert question_in(services.guide, replies[-1]).id == "label_demande_etat"


async def test_a_request_being_prepared_said_in_words_is_in_preparation(client, services):
    """Saint-Éloy: "on la prépare, envoi prévu fin janvier après le conseil communautaire" was not recognised."""
    await reach_the_request_s_state(client, services)
    said, _ = await client.send("on la prépare, envoi prévu fin janvier après le conseil communautaire")
    assert said.text == kept_without("En préparation", "envoi prévu fin janvier après le conseil communautaire")
    assert current_values(services, "label_demande_etat") == ["en_preparation"]


async def test_a_decision_said_with_its_outcome_and_date_answers_all_three(client, services):
    """"décision reçue, labellisée par arrêté préfectoral du 12 septembre 2023", by a Maison labelled long ago:
    « Décision reçue » alone was kept, the rest dropped without a word."""
    await reach_the_request_s_state(client, services)
    *said, asked = await client.send("décision reçue, labellisée par arrêté préfectoral du 12 septembre 2023")
    assert [reply.text for reply in said] == [
        "➡️ Réponse retenue : Décision reçue.",
        "➡️ Réponse retenue pour « Quelle est la décision du Préfet ? » : Accordée.",
        "➡️ Réponse retenue pour « À quelle date la décision a-t-elle été rendue ? » : 12 septembre 2023."]
    assert current_values(services, "label_decision") == ["accordee"]
    assert current_values(services, "label_date_decision") == ["2023-09-12"]
    assert question_in(services.guide, asked).id == "label_date_envoi"


async def test_a_refusal_said_with_its_date_and_reasons_answers_all_four(client, services):
    """"décision reçue le 3 décembre : refusée, les horaires restent sous les 24 heures": « Décision reçue » alone
    was kept, the refusal asked again, its reasons kept nowhere."""
    await reach_the_request_s_state(client, services)
    *said, asked = await client.send("décision reçue le 3 décembre 2026 : refusée, les horaires restent sous les "
                                     "24 heures")
    assert [reply.text for reply in said] == [
        "➡️ Réponse retenue : Décision reçue.",
        "➡️ Réponse retenue pour « Quelle est la décision du Préfet ? » : Refusée.",
        "➡️ Réponse retenue pour « À quelle date la décision a-t-elle été rendue ? » : 3 décembre 2026.",
        "➡️ Réponse retenue pour « Quels motifs le Préfet donne-t-il au refus ? » : les horaires restent sous les 24 "
        "heures."]
    assert current_values(services, "label_refus_motifs") == ["les horaires restent sous les 24 heures"]
    assert question_in(services.guide, asked).id == "label_date_envoi"


async def test_a_dossier_said_sent_again_with_its_date_answers_both(client, services):
    """"complété et renvoyé le 3 décembre": the words of « Envoyée » hold an "et", read as a list of two; the bot
    hesitated between « Envoyée » and « Dossier à compléter » and the date was lost."""
    await reach_the_request_s_state(client, services)
    *said, asked = await client.send("complété et renvoyé le 3 décembre 2026")
    assert [reply.text for reply in said] == [
        "➡️ Réponse retenue : Envoyée.",
        "➡️ Réponse retenue pour « À quelle date avez-vous envoyé le dossier ? » : 3 décembre 2026."]
    assert current_values(services, "label_demande_etat") == ["envoyee"]
    assert current_values(services, "label_date_envoi") == ["2026-12-03"]
    assert asked.text.startswith("📋 Récapitulatif : Suivre la demande de financement")


async def test_a_decision_said_before_a_colon_is_its_outcome_and_date(client, services):
    """"décision reçue le 4 décembre : accordée" was « Décision reçue » alone, the rest dropped without a word."""
    await reach_the_request_s_state(client, services)
    *said, asked = await client.send("décision reçue le 4 décembre 2026 : accordée")
    assert [reply.text for reply in said] == [
        "➡️ Réponse retenue : Décision reçue.",
        "➡️ Réponse retenue pour « Quelle est la décision du Préfet ? » : Accordée.",
        "➡️ Réponse retenue pour « À quelle date la décision a-t-elle été rendue ? » : 4 décembre 2026."]
    assert question_in(services.guide, asked).id == "label_date_envoi"


async def test_a_dossier_sent_back_said_with_what_is_missing_keeps_it(client, services):
    await reach_the_request_s_state(client, services)
    *said, asked = await client.send("incomplet, il manque la délibération du conseil")
    assert [reply.text for reply in said] == [
        "➡️ Réponse retenue : Dossier à compléter.",
        "➡️ Réponse retenue pour « Que demande la Préfecture pour compléter le dossier ? » : il manque la "
        "délibération du conseil."]
    assert question_in(services.guide, asked).id == "label_date_envoi"
    await client.send("le 15 septembre 2026")
    await client.send("passer")  # no date to send it back by: the step's recap
    await client.click("✏️ 1")
    *said, _ = await client.send("redéposé le 3 décembre 2026")  # complete this time: sent on another day
    assert [reply.text for reply in said] == [
        "➡️ Réponse retenue : Envoyée.",
        "➡️ Réponse retenue pour « À quelle date avez-vous envoyé le dossier ? » : 3 décembre 2026."]
    assert current_values(services, "label_date_envoi") == ["2026-09-15", "2026-12-03"]  # the first kept in history
    await client.click("✏️ 1")
    await client.click("Dossier à compléter")  # sent back once more, then sent again, tapped: its date asked anew
    await client.click("✏️ 1")
    asked = (await client.click("En instruction en Préfecture"))[-1]
    assert question_in(services.guide, asked).id == "label_date_envoi"
    assert "Réponse actuelle : 3 décembre 2026" in asked.text


async def test_a_letter_pasted_as_what_is_asked_gives_the_date_to_return_the_dossier_by(client, services):
    """The Préfecture's letter pasted whole: its "avant le 15 janvier" was asked for again right after."""
    await reach_the_request_s_state(client, services)
    await client.send("Dossier à compléter")
    await client.send("le 15 septembre 2026")
    *said, asked = await client.send("Votre dossier est incomplet :\n- convention CAF non signée\n- horaires "
                                     "inférieurs à 24 h\nMerci de compléter avant le 15 janvier.")
    assert said[-1].text == ("➡️ Réponse retenue pour « Avant quelle date renvoyer le dossier complété ? » : "
                             "15 janvier 2028.")
    assert asked.text.startswith("📋 Récapitulatif : Suivre la demande de financement")
    assert current_values(services, "label_complements_date") == ["2028-01-15"]


async def test_a_state_said_with_its_date_or_with_words_kept_nowhere(client, services):
    await reach_the_request_s_state(client, services)
    *said, asked = await client.send("envoyée le 3 mars 2026")
    assert [reply.text for reply in said] == [
        "➡️ Réponse retenue : Envoyée.",
        "➡️ Réponse retenue pour « À quelle date avez-vous envoyé le dossier ? » : 3 mars 2026."]
    assert asked.text.startswith("📋 Récapitulatif : Suivre la demande de financement")
    await client.send("1")
    *said, _ = await client.send("En instruction en Préfecture, depuis le printemps")
    assert [reply.text for reply in said] == [
        "➡️ Réponse retenue : En instruction en Préfecture.\nℹ️ Cette question ne garde pas de précision : « depuis "
        "le printemps » n'est pas enregistré."]
    assert current_values(services, "label_date_envoi") == ["2026-03-03"]

