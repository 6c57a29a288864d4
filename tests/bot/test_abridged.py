"""Answers typed short, as a busy elected official types them on a phone: Rémalard-en-Perche (Orne)."""
from __future__ import annotations

import pytest

from tests.bot import test_meant_input as meant_input
from tests.bot import test_option_details as option_details
from tests.bot import test_yes_no_said as yes_no_said
from tests.bot.test_meant_input import versions
from tests.support.telegram import FRANCE_SERVICES_RULES
from tests.support.walk import kept_without, question_in


async def test_local_actors_abridged_are_ticked(client, services):
    """"dept (AS du CMS le jeudi), mairie + CDC Coeur du Perche, ADMR, secours catho" said « dept » and « secours
    catho » not read."""
    await option_details.reach(client, services, "acteurs_locaux")
    said, *_ = await client.send("dept (AS du CMS le jeudi), mairie + CDC Coeur du Perche, ADMR, secours catho")
    assert said.text.startswith("➡️ Réponse retenue : Département, Communes et intercommunalités, Associations.")
    assert versions(services, "acteurs_locaux") == [["departement", "communes_intercommunalites", "associations"]]


async def test_not_for_now_at_a_list_passes_it(client, services):
    """"non pas pour l'instant" at « Souhaitez-vous des partenaires sur une thématique spécifique ? » was not read."""
    await option_details.reach(client, services, "thematiques")
    said, *_ = await client.send("non pas pour l'instant")
    assert said.text.endswith("➡️ question passée") and versions(services, "thematiques") == [None]


async def test_a_perm_is_a_permanence_away_from_the_maison(client, services):
    """"point fixe a la mairie (ancien bureau de poste), + perm a Bretoncelles le mercredi matin" said « perm a
    Bretoncelles… » not read."""
    await option_details.reach(client, services, "port_modes")
    await client.send("point fixe a la mairie (ancien bureau de poste), + perm a Bretoncelles le mercredi matin")
    assert versions(services, "port_modes") == [["point_fixe", "itinerance"]]


async def test_the_carrier_s_kind_then_its_name_in_brackets_is_that_name(client, services):
    """"la commune (commune nouvelle de Rémalard en Perche)" noted « Commune (commune nouvelle de …) » as the official
    name the convention would print."""
    await meant_input.reach_the_carrier(client)
    said, _ = await client.send("la commune (commune nouvelle de Rémalard en Perche)")
    assert said.text == ("➡️ Réponse retenue : La collectivité locale.\n📝 Et à « Quel est le nom officiel de la "
                         "structure porteuse ? », j'ai noté : Commune nouvelle de Rémalard en Perche.")
    assert versions(services, "port_porteur_nom") == ["Commune nouvelle de Rémalard en Perche"]


async def test_numbers_then_one_more_item_tick_every_option_numbered(client, services):
    """"1 2 3 4 + un photocopieur" ticked the printer alone, « 1 2 3 4 » not read; "1 2 3 4, un photocopieur" lost
    the Wi-Fi, the 4 taken for four printers."""
    await option_details.reach(client, services, "tech_equipements")
    said, *_ = await client.send("1 2 3 4 + un photocopieur")
    assert said.text.startswith("➡️ Réponse retenue : Accès à Internet en haut débit, Postes informatiques, Imprimante "
                                "et scanner, Wi-Fi pour le public.")
    assert versions(services, "tech_equipements") == [["internet_haut_debit", "postes_informatiques",
                                                        "imprimante_scanner", "wifi_public"]]


async def test_a_count_times_a_share_is_their_product(client, services):
    """"2 x 0,8" at « Combien d'ETP l'accueil représente-t-il ? » was « Je n'ai pas reconnu un nombre »."""
    await option_details.reach(client, services, "equipe_etp_accueil")
    said, *_ = await client.send("2 x 0,8")
    assert said.text == "➡️ Réponse retenue : 1,6."
    assert versions(services, "equipe_etp_accueil") == ["1.6"]


async def test_each_function_s_share_said_together_says_back_this_one_too(client, services):
    """"0,8 pour l'accompagnement et 0,8 pour l'accueil" said the reception's share, not the one asked."""
    await meant_input.answer_the_reception(client, "2 agents à recruter", "1,6", "2")
    await client.send("les mêmes")
    said, along, _ = await client.send("0,8 pour l'accompagnement et 0,8 pour l'accueil")
    assert said.text == "➡️ Réponse retenue : 0,8."
    assert along.text == "➡️ Réponse retenue pour « Combien d'ETP l'accueil représente-t-il ? » : 0,8."
    assert versions(services, "equipe_etp_accompagnement") == ["0.8"]
    assert versions(services, "equipe_etp_accueil") == ["1.6", "0.8"]


async def test_a_name_and_function_with_the_share_after_a_comma_answer_the_share_too(client, services):
    """"Mme BRIERE secretaire de mairie, 10%" at « Qui assurera la coordination… ? » was the name the dossier would
    print, « , 10% » with it, and the share asked next."""
    await meant_input.reach_team_functions(client, "coordination")
    said, _ = await client.send("Mme BRIERE secretaire de mairie, 10%")
    assert said.text == ("➡️ Réponse retenue : Mme BRIERE secretaire de mairie.\n📝 Et à « Combien d'ETP la "
                         "coordination représente-t-elle ? », j'ai noté : 0,1.")
    assert versions(services, "equipe_agent_coordination") == ["Mme BRIERE secretaire de mairie"]
    assert versions(services, "equipe_etp_coordination") == ["0.1"]


async def test_a_yes_said_of_both_advisers_answers_both(client, services):
    """"oui les 2 seront formés avant l'ouverture" at « Le conseiller 1 est-il formé… ? », then the same question
    of the conseiller 2."""
    guide = await meant_input.reach_advisers(client, services)
    await client.send("1, 2")
    await client.click("Valider")
    said, along, asked = await client.send("oui les 2 seront formés avant l'ouverture (formation CNFPT)")
    assert said.text == kept_without("Oui", "les 2 seront formés avant l'ouverture (formation CNFPT)")
    assert along.text == ("➡️ Réponse retenue pour « Le conseiller 2 est-il formé, ou le sera-t-il avant d'accueillir "
                          "le public ? » : Oui.")
    assert versions(services, "fs_forme_conseiller_1") == versions(services, "fs_forme_conseiller_2") == [True]
    assert question_in(guide, asked).id != "fs_forme_conseiller_2"


async def test_begun_then_with_whom_without_a_comma_is_a_no(client, services):
    """"en cours avec le CDG 61" at « Les profils de poste sont-ils rédigés ? » was "Répondez par oui ou par non"."""
    await option_details.reach(client, services, "equipe_profils_rediges")
    said, _ = await client.send("en cours avec le CDG 61")
    assert said.text == kept_without("Non", "avec le CDG 61")
    assert versions(services, "equipe_profils_rediges") == [False]


async def test_options_numbers_with_an_aside_between_them_tick_them(client, services):
    """"2 (la guichetiere) 3 4" at « Quels besoins de formation identifiez-vous ? » was « Autre », worded so."""
    await option_details.reach(client, services, "equipe_besoins_formation")
    said, *_ = await client.send("2 (la guichetiere) 3 4")
    assert said.text == kept_without("Spécialiser un agent qui se réoriente, Actualiser la connaissance de l'offre des "
                                     "opérateurs, Suivre l'offre nationale de formation du réseau", "la guichetiere")
    assert versions(services, "equipe_besoins_formation") == [["specialiser_agent", "actualiser_offre_operateurs",
                                                               "offre_nationale"]]


async def test_funders_said_undecided_are_not_ticked(client, services):
    """"…, CDC ?, dept a voir" at « Quelles autres aides financières avez-vous repérées ? » ticked the CC and the
    Département, "a voir" said not kept."""
    await option_details.reach(client, services, "budget_autres_financements")
    said, *_ = await client.send("DETR pour les travaux (invest), commune pour le reste du fonctionnement, CDC ?, "
                                 "dept a voir")
    assert said.text.startswith("➡️ Réponse retenue : Commune, DETR.\nℹ️ Cette question ne garde pas de précision :")
    assert "« CDC ? », « dept a voir »" in said.text
    assert versions(services, "budget_autres_financements") == [["commune", "detr"]]


async def test_a_no_then_when_without_a_comma_is_a_no(client, services):
    """"non ouverture en juin 2027" at « La Maison fonctionne-t-elle déjà ? » was "Répondez par oui ou par non"."""
    await yes_no_said.reach(client, services, 6, "budget_annee")
    await client.send("2027")
    await client.send("oui")
    said, *_ = await client.send("non ouverture en juin 2027")
    assert said.text.startswith("➡️ Réponse retenue : Non.")
    assert versions(services, "budget_en_activite") == [False]


async def test_a_platform_is_no_one_to_send_the_dossier_to(client, services):
    """"sur demarches simplifiees" at « À qui transmettre le dossier… ? » was the person the dossier would name."""
    await yes_no_said.reach(client, services, 7, "label_destinataire")
    refused, _ = await client.send("sur demarches simplifiees")
    assert refused.text.startswith("⚠️ « sur demarches simplifiees » dit comment, pas qui.")
    assert versions(services, "label_destinataire") == []


async def test_an_option_typed_cut_short_is_that_option_said_back(client, services):
    """"en prep" at « Où en est votre demande de financement ? » was « Je n'ai pas reconnu »."""
    await yes_no_said.reach(client, services, 7, "label_demande_etat")
    said, *_ = await client.send("en prep")
    assert said.text == "➡️ Réponse retenue : En préparation."
    assert versions(services, "label_demande_etat") == ["en_preparation"]


async def test_freq_is_the_attendance(client, services):
    """"freq + services rendus (outil ANCT)" at « Que mesurera votre tableau de bord ? » made « freq » an « Autre »."""
    await yes_no_said.reach(client, services, 8, "dev_indicateurs")
    said, *_ = await client.send("freq + services rendus (outil ANCT)")
    assert said.text == kept_without("Fréquentation, Services rendus", "outil ANCT")
    assert versions(services, "dev_indicateurs") == [["frequentation", "services_rendus"]]


@pytest.mark.parametrize(("typed", "dated"), [
    ("oui avec le prefet et les maires, le 12 juin", ["2028-06-12"]), ("oui avec le prefet et les maires, en juin", [])])
async def test_whom_an_inauguration_is_with_is_said_not_kept(client, services, typed, dated):
    """France services rules: "oui avec le prefet et les maires, en juin" at « Prévoyez-vous une inauguration… ? »
    lost « avec le prefet et les maires » without a word, no question keeping guests."""
    await yes_no_said.reach(client, services, 8, "dev_inauguration", rules=FRANCE_SERVICES_RULES)
    said, *_ = await client.send(typed)
    assert "« avec le prefet et les maires » n'est pas enregistré." in said.text
    assert versions(services, "dev_inauguration") == [True]
    assert versions(services, "dev_inauguration_date") == dated


async def test_guests_before_the_committee_s_date_are_ticked_and_not_said_unkept(client, services):
    """The guests said before the date go to the list asked next, not into « n'est pas enregistré »."""
    await yes_no_said.reach(client, services, 8, "dev_comite_annuel")
    said, asked = await client.send("oui, avec les maires et la sous-préfète, le 14 mars")
    assert "n'est pas enregistré" not in said.text
    assert "Cochées : Collectivités concernées, Préfecture de département." in asked.text


async def test_a_meeting_s_hours_typed_without_a_dash_are_its_hours(client, services):
    """"14h 16h" at the committee's « De quelle heure à quelle heure ? » was « Je n'ai pas reconnu cet horaire »."""
    await yes_no_said.reach(client, services, 8, "dev_comite_horaire")
    asked, = await client.send("14h 16h")
    assert asked.text.startswith("Animer les partenariats · question 5/6")
    assert versions(services, "dev_comite_horaire") == [[[840, 960]]]
