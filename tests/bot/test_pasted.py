"""Text copied from a note, a signature or a spreadsheet and pasted as an answer, through the real Application."""
from __future__ import annotations

import pytest

from sqlalchemy.orm import Session

from store.models import Project
from tests.bot.test_carrier_identity import reach_the_siret
from tests.bot.test_conversation import create_project
from tests.bot.test_meant_input import (reach_objectives, reach_population, reach_stakes, to_the_population,
                                        to_the_stakes, versions)
from tests.support.telegram import FRANCE_SERVICES_RULES
from tests.support.walk import question_in


async def test_a_territory_pasted_over_two_lines_is_kept_on_one(client, services):
    """"Communauté de communes La Grandvallière⏎(Jura, 39)" printed its line break in the middle of the letter."""
    await create_project(client, territory="Communauté de communes La Grandvallière\n(Jura, 39)")
    with Session(services.database) as session:
        assert session.query(Project.territory).scalar() == "Communauté de communes La Grandvallière (Jura, 39)"


async def test_a_signature_pasted_gives_the_name_and_function_and_says_its_contacts_are_not_kept(client, services):
    """The whole signature (name, function, structure, phone, e-mail) was stored as the project leader's name,
    and the function asked again."""
    await create_project(client)
    replies = await client.send("Claire Vuillet\nChargée de mission développement territorial\n"
                                "Communauté de communes La Grandvallière\n03 84 60 12 34\nclaire.vuillet@cc-gv.fr")
    assert replies[0].text == ("ℹ️ Coordonnées non enregistrées, le guide ne les demande pas : « 03 84 60 12 34 », "
                               "« claire.vuillet@cc-gv.fr ».")
    assert versions(services, "chef_projet_nom") == ["Claire Vuillet"]
    assert versions(services, "chef_projet_fonction") == [
        "Chargée de mission développement territorial, Communauté de communes La Grandvallière"]
    assert question_in(services.guide, replies[-1]).id == "chef_projet_temps"


async def test_a_letterhead_pasted_as_the_head_office_keeps_the_address_alone(client, services):
    """The carrier's name above the street and its phone below were printed in the dossier as its address."""
    await reach_the_siret(client, services)
    await client.send("200 067 510 00012")
    replies = await client.send("Centre social Le Lien\n2 rue de la Gare\n23300 La Souterraine\nTél. 05 55 63 12 34")
    assert replies[0].text == "ℹ️ Non repris dans l'adresse : « Centre social Le Lien », « Tél. 05 55 63 12 34 »."
    assert versions(services, "port_adresse") == ["2 rue de la Gare, 23300 La Souterraine"]
    assert question_in(services.guide, replies[-1]).id == "port_representant_nom"
    await client.send("retour")
    replies = await client.send("Le Bourg\n23250 Saint-Hilaire-le-Château")  # all the street a village has
    assert versions(services, "port_adresse")[-1] == "Le Bourg, 23250 Saint-Hilaire-le-Château"
    assert not replies[0].text.startswith("ℹ️")
    # Copied on one line, its parts between commas are read alike: "dont le siège est situé CCOG, 16 bis rue…".
    await client.send("retour")
    replies = await client.send("CCOG, 16 bis rue du Capitaine Bernard, 97320 Saint-Laurent-du-Maroni, "
                                "tél. 05 94 27 20 00")
    assert replies[0].text == "ℹ️ Non repris dans l'adresse : « CCOG », « tél. 05 94 27 20 00 »."
    assert versions(services, "port_adresse")[-1] == "16 bis rue du Capitaine Bernard, 97320 Saint-Laurent-du-Maroni"
    await client.send("retour")
    replies = await client.send("Mairie, 23250 Saint-Hilaire-le-Château")  # the postal code's own line: kept
    assert versions(services, "port_adresse")[-1] == "Mairie, 23250 Saint-Hilaire-le-Château"


async def test_a_letterhead_pasted_where_the_representative_is_asked_is_refused_alone(client, services):
    await reach_the_siret(client, services)
    await client.send("200 067 510 00012")
    await client.send("2 rue de la Gare, 23300 La Souterraine")
    refused, asked = await client.send("Centre social Le Lien\n2 rue de la Gare\n23300 La Souterraine\n"
                                       "Tél. 05 55 63 12 34")
    assert refused.text == ("⚠️ « Centre social Le Lien, 2 rue de la Gare, 23300 La Souterraine » ressemble à une "
                            "adresse. Cette question demande le prénom et le nom d'une personne.")
    assert question_in(services.guide, asked).id == "port_representant_nom"
    assert versions(services, "port_representant_nom") == []


async def test_a_list_pasted_from_a_note_ticks_its_items_and_nothing_else(client, services):
    """The heading and the end of a bracket ("vieillissement)") were ticked as « Autre » and printed as a stake."""
    await reach_stakes(client)
    replies = await client.send("Enjeux identifiés dans la note d'opportunité :\n"
                                "- cohésion sociale (accompagnement des publics fragiles, vieillissement) ;\n"
                                "- maillage territorial (fermeture de la trésorerie en 2024).")
    assert versions(services, "enjeux") == [["cohesion_sociale", "maillage_territorial"]]
    assert versions(services, "enjeux_autre") == []
    assert question_in(services.guide, replies[-1]).id == "enjeux_cohesion"


async def test_a_figure_copied_from_a_spreadsheet_row_is_read_and_said_back(client, services):
    """"Population municipale (Insee, RP 2021)⇥9 214" was "Je n'ai pas reconnu un nombre"."""
    await reach_population(client, services)
    understood, *_ = await client.send("Population municipale (Insee, RP 2021)\t9 214")
    assert understood.text == ("➡️ Réponse retenue : 9214.\nℹ️ Cette question ne garde pas de précision : « Insee, "
                               "RP 2021 » n'est pas enregistré.")
    assert versions(services, "population") == [9214]


async def test_what_follows_a_figure_copied_with_its_source_is_said_not_kept(client, services):
    """Haute-Marne: "environ 95 m2 au rez-de-chaussée + une salle à l'étage" kept 95 and dropped the room upstairs
    without a word, as "au recensement de 2021" after a population."""
    await reach_population(client, services)
    understood, *_ = await client.send("9 214 habitants au recensement de 2021")
    assert understood.text == ("➡️ Réponse retenue : 9214.\nℹ️ Cette question ne garde pas de précision : « au "
                               "recensement de 2021 » n'est pas enregistré.")
    assert versions(services, "population") == [9214]


async def test_what_a_figure_is_said_with_is_said_not_kept(client, services):
    """"environ 33 000 (recensement 2017), sûrement plus aujourd'hui" kept 33 000 and dropped the rest unsaid."""
    await reach_population(client, services)
    understood, asked = await client.send("environ 33 000 (recensement 2017), sûrement plus aujourd'hui")
    assert understood.text.replace("\u202f", " ") == ("➡️ Réponse retenue : 33 000.\nℹ️ Cette question ne garde pas de précision : "
                               "« recensement 2017 », « sûrement plus aujourd'hui » ne sont pas enregistrés.")
    assert versions(services, "population") == [33000]
    assert question_in(services.guide, asked).id == "diag_demographie"
    await client.click("↩️ Retour")
    [asked] = await client.send("12 400 habitants")  # its unit is no remark: nothing to say
    assert question_in(services.guide, asked).id == "diag_demographie"
    assert versions(services, "population") == [33000, 12400]


async def test_a_sum_is_its_total_and_a_figure_plus_words_asks_for_it(client, services):
    """"2 (le conseiller et moi) + Julie le mardi" at « Combien de personnes… ? » was "Je n'ai pas reconnu un
    nombre. Tapez-le en chiffres", which the 2 was."""
    await reach_population(client, services)
    refused, _ = await client.send("8 900 (la ville) + les communes associées")
    assert refused.text.replace("\u202f", " ") == (
        "⚠️ Vous avez écrit 8 900 + « les communes associées ». Cette question attend un seul nombre : tapez le "
        "total, en chiffres.")
    understood, _ = await client.send("8 900 + 314")
    assert understood.text == "➡️ Réponse retenue : 9214."
    assert versions(services, "population") == [9214]


async def test_a_population_said_in_a_sentence_is_its_figure(client, services):
    """Val-de-Bonnieure: "on est 3200 habitants" at « Combien d'habitants… ? » was "Je n'ai pas reconnu un nombre"."""
    await reach_population(client, services)
    asked, = await client.send("on est 3200 habitants")
    assert question_in(services.guide, asked).id == "diag_demographie"
    assert versions(services, "population") == [3200]


async def test_the_territory_given_at_creation_with_its_population_notes_the_count_apart(client, services):
    """Val-de-Bonnieure: "commune nouvelle de Val-de-Bonnieure (Charente), 3200 habitants" as the new project's
    territory was the territory printed ("…, 3200 habitants (3 200 habitants)"), and the population asked again."""
    await client.send("/start")
    await client.send("Maison France services de Val-de-Bonnieure")
    noted, chosen = await client.send("commune nouvelle de Val-de-Bonnieure (Charente), 3200 habitants")
    assert noted.text == "➡️ Réponse retenue pour « Combien d'habitants compte ce territoire ? » : 3200."
    assert "Quelles règles suit" in chosen.text
    created = await client.click(FRANCE_SERVICES_RULES)
    assert "« Maison France services de Val-de-Bonnieure », commune nouvelle de Val-de-Bonnieure (Charente), selon" \
        in created[0].text
    with Session(services.database) as session:
        assert session.query(Project.territory).scalar() == "commune nouvelle de Val-de-Bonnieure (Charente)"
    assert versions(services, "population") == [3200]
    asked = await to_the_population(client)  # answered: passed over
    assert question_in(services.guide, asked[-1]).id == "diag_demographie"


async def test_a_population_written_short_at_creation_is_noted_apart(client, services):
    """Haut-Allier: "cc des rives du haut allier (43), 22 communes, env 9500 hab" was all the territory, "env 9500 hab"
    printed in every document and the population asked later."""
    await client.send("/start")
    await client.send("Bus France services du Haut-Allier")
    noted, _ = await client.send("cc des rives du haut allier (43), 22 communes, env 9500 hab")
    assert noted.text == "➡️ Réponse retenue pour « Combien d'habitants compte ce territoire ? » : 9500."
    await client.click(FRANCE_SERVICES_RULES)
    with Session(services.database) as session:
        assert session.query(Project.territory).scalar() == "cc des rives du haut allier (43), 22 communes"
    assert versions(services, "population") == [9500]


async def test_a_territory_said_with_its_population_answers_both(client, services):
    """Saint-Éloy: "les 31 communes de la CC du Pays de Saint-Éloy, environ 16 000 habitants" at « Quel territoire la
    Maison couvrira-t-elle ? » was all the territory, and « Combien d'habitants… ? » came next."""
    await reach_objectives(client, services)
    await client.click("Passer")
    understood, asked = await client.send("les 31 communes de la CC du Pays de Saint-Éloy, environ 16 000 habitants")
    assert understood.text.replace("\u202f", " ") == (
        "➡️ Réponse retenue : les 31 communes de la CC du Pays de Saint-Éloy.\n📝 Et à « Combien d'habitants compte ce "
        "territoire ? », j'ai noté : 16 000.")
    assert versions(services, "territoire") == ["les 31 communes de la CC du Pays de Saint-Éloy"]
    assert versions(services, "population") == [16000]
    assert question_in(services.guide, asked).id == "diag_demographie"


async def test_a_population_said_again_with_the_territory_covered_says_the_one_it_replaces(client, services):
    """Rémalard-en-Perche: "env 2000 hab" with the commune at creation, then "…, env 6000 hab" with the communes the
    Maison covers: 6000 replaced 2000, and the chat only said "j'ai noté : 6000"."""
    await client.send("/start")
    await client.send("France services Rémalard-en-Perche")
    await client.send("Commune nouvelle de Rémalard-en-Perche (Orne), env 2000 hab")
    await client.click(FRANCE_SERVICES_RULES)
    await to_the_stakes(client)
    await client.click("Cohésion sociale")
    await client.click("Valider")
    await client.click("Passer")
    await client.click("Passer")
    understood, asked = await client.send("Rémalard et les communes autour, Bretoncelles, Condeau, env 6000 hab")
    assert understood.text.replace("\u202f", " ") == (
        "➡️ Réponse retenue : Rémalard et les communes autour, Bretoncelles, Condeau.\n📝 Et à « Combien d'habitants "
        "compte ce territoire ? », j'ai noté : 6000, à la place de « 2000 ».")
    assert versions(services, "population") == [2000, 6000]
    assert question_in(services.guide, asked).id == "diag_demographie"


async def test_a_sentence_after_the_population_given_at_creation_is_said_not_kept(client, services):
    """Plouaret: "…, environ 2 200 habitants. Nous travaillons avec Lannion-Trégor Communauté." noted 2200 and lost
    the last sentence without a word."""
    await client.send("/start")
    await client.send("France Services de Plouaret")
    noted, _ = await client.send("La commune de Plouaret, dans les Côtes-d'Armor (22), environ 2 200 habitants. "
                                 "Nous travaillons avec Lannion-Trégor Communauté.")
    assert noted.text == (
        "➡️ Réponse retenue pour « Combien d'habitants compte ce territoire ? » : 2200.\nℹ️ Cette question ne garde "
        "pas de précision : « Nous travaillons avec Lannion-Trégor Communauté » n'est pas enregistré.")
    assert versions(services, "population") == [2200]


@pytest.mark.parametrize(("typed", "said", "population"), [
    # "…, soit environ 7 500 habitants." after the communes listed was "Je n'ai pas reconnu un nombre".
    ("Plouaret et les communes voisines : Le Vieux-Marché, Trégrom et Lanvellec, soit environ 7 500 habitants.",
     "Plouaret et les communes voisines : Le Vieux-Marché, Trégrom et Lanvellec.\n📝 Et à « Combien d'habitants "
     "compte ce territoire ? », j'ai noté : 7500.", 7500),
    # A sentence after the count was lost without a word.
    ("Plouaret et ses voisines, environ 7 600 habitants. Nous travaillons avec Lannion-Trégor Communauté.",
     "Plouaret et ses voisines.\n📝 Et à « Combien d'habitants compte ce territoire ? », j'ai noté : 7600.\nℹ️ Cette "
     "question ne garde pas de précision : « Nous travaillons avec Lannion-Trégor Communauté » n'est pas enregistré.",
     7600)])
async def test_a_territory_said_with_the_total_of_its_communes_answers_both(client, services, typed, said, population):
    """Plouaret: the communes listed, then their population, at « Quel territoire la Maison couvrira-t-elle ? »."""
    await reach_objectives(client, services)
    await client.click("Passer")
    understood, asked = await client.send(typed)
    assert understood.text.replace("\u202f", " ") == "➡️ Réponse retenue : " + said
    assert versions(services, "population") == [population]
    assert question_in(services.guide, asked).id == "diag_demographie"


async def reach_monday(client) -> None:
    """Stage 4, at « Lundi : quelles heures d'ouverture ? »."""
    await create_project(client)
    await client.send("/conformite")
    await client.click("🔧 Horaires d'ouverture")


async def test_a_week_of_hours_pasted_from_a_table_fills_each_day(client, services):
    """The week's table pasted at Monday was "Je n'ai pas reconnu ces horaires"."""
    await reach_monday(client)
    said, asked = await client.send("Horaires d'ouverture :\nLundi\t9h-12h\t14h-17h\nMardi\t9h-12h\tfermé\n"
                                    "Mercredi\t9h-12h\t14h-17h\nJeudi\tfermé\t14h-18h\nVendredi\tidem\nSamedi\t\t")
    assert said.text.replace("\u202f", " ") == (
        "🕘 Horaires retenus :\n• Lundi : 9 h – 12 h, 14 h – 17 h\n• Mardi : 9 h – 12 h\n"
        "• Mercredi : 9 h – 12 h, 14 h – 17 h\n• Jeudi : 14 h – 18 h\n• Vendredi : 14 h – 18 h")
    assert versions(services, "tech_horaires_mardi") == [[[540, 720]]]
    assert versions(services, "tech_horaires_vendredi") == [[[840, 1080]]]  # "idem": Thursday's
    assert versions(services, "tech_horaires_samedi") == []  # nothing said for it: asked
    assert question_in(services.guide, asked).id == "tech_horaires_samedi"


async def test_a_week_said_in_a_sentence_fills_each_day(client, services):
    await reach_monday(client)
    *_, asked = await client.send("Du lundi au vendredi de 9 h à 12 h et de 14 h à 17 h, samedi matin 9h-12h, "
                                  "fermé le dimanche.")
    assert versions(services, "tech_horaires_jeudi") == [[[540, 720], [840, 1020]]]
    assert versions(services, "tech_horaires_samedi") == [[[540, 720]]]
    assert versions(services, "tech_horaires_dimanche") == [[]]
    assert question_in(services.guide, asked).id == "tech_planning"


async def test_a_bus_week_with_a_day_closed_for_a_reason_and_a_saturday_every_other_week(client, services):
    """Haut-Allier: "lundi fermé (preparation, entretien), …" refused Monday's hours; "samedi matin 1 semaine sur 2"
    would have counted three hours every week."""
    await reach_monday(client)
    said, kept, refused, asked = await client.send(
        "lundi fermé (preparation, entretien), du mardi au vendredi 9h-12h et 13h30-16h30, samedi matin 1 semaine sur "
        "2 9h-12h, dimanche fermé")
    assert refused.text.startswith("⚠️ « samedi matin 1 semaine sur 2 » : les horaires comptent pour chaque semaine")
    assert "« samedi fermé » s'il n'ouvre qu'une semaine sur deux" in refused.text
    # Plouaret: the other days are kept, the Saturday asked, not the whole week typed again
    assert "• Mardi : 9 h – 12 h, 13 h 30 – 16 h 30" in said.text.replace("\u202f", " ") and "Samedi" not in said.text
    assert question_in(services.guide, asked).id == "tech_horaires_samedi"
    assert versions(services, "tech_horaires_mardi") == [[[540, 720], [810, 990]]]
    assert versions(services, "tech_horaires_samedi") == []
    said, kept, _ = await client.send("lundi fermé (preparation, entretien), du mardi au vendredi 9h-12h et 13h30-16h30 "
                                      "(une commune le matin, une autre l'aprem), samedi et dimanche fermés")
    assert said.text.startswith("🕘 Horaires retenus :")
    assert kept.text == ("ℹ️ Notés jour par jour à « Comment organiserez-vous le planning de la Maison ? », hors des "
                         "horaires : « preparation, entretien », « une commune le matin », « une autre l'aprem ».")
    assert versions(services, "tech_horaires_lundi") == [[], []]  # the week typed again, at the Saturday
    assert versions(services, "tech_horaires_mardi") == [[[540, 720], [810, 990]]] * 2
    assert versions(services, "tech_horaires_samedi") == [[]]


async def test_a_day_said_closed_but_open_every_other_week_is_closed_its_terms_kept_for_the_planning(
        client, services):
    """Plouaret: "Fermé, sauf les semaines paires 9h-12h." at « Samedi : … », as the chat had asked, stored 9 h – 12 h
    for every week; "9h-12h une semaine sur deux" typed at one day was stored so too; and "fermé (préparation du
    bus)" at one day dropped why without a word."""
    await reach_monday(client)
    said, kept, _ = await client.send("fermé (préparation du bus)")
    assert said.text == "➡️ Réponse retenue : fermé."
    assert kept.text.endswith("hors des horaires : « préparation du bus ».")
    said, kept, _ = await client.send("Fermé, sauf les semaines paires 9h-12h.")
    assert said.text == "➡️ Réponse retenue : fermé."
    assert kept.text.endswith("hors des horaires : « sauf les semaines paires 9h-12h ».")
    refused, asked = await client.send("9h-12h une semaine sur deux")
    assert refused.text.startswith("⚠️ « 9h-12h une semaine sur deux » : les horaires comptent pour chaque semaine")
    assert question_in(services.guide, asked).id == "tech_horaires_mercredi"
    assert versions(services, "tech_horaires_lundi") == [[]] and versions(services, "tech_horaires_mardi") == [[]]
    assert versions(services, "tech_horaires_mercredi") == []
    planning = versions(services, "tech_planning")[-1]
    assert "Lundi : préparation du bus" in planning and "Mardi : Fermé, sauf les semaines paires 9h-12h" in planning


async def test_hours_added_to_some_days_and_a_morning_closed_are_read_as_the_week_they_make(client, services):
    """Val-de-Bonnieure: "…9h-12h30, plus le mardi et jeudi après-midi 14h-17h30" lost Tuesday's morning and kept
    « plus » as every day's place; "fermé le mercredi matin (permanence à Saint-Angeau)" refused the week."""
    await reach_monday(client)
    said, kept, asked = await client.send(
        "du lundi au vendredi 9h-12h30, plus le mardi et jeudi après-midi 14h-17h30, fermé le mercredi matin "
        "(permanence à Saint-Angeau)")
    assert said.text.replace("\u202f", " ") == (
        "🕘 Horaires retenus :\n• Lundi : 9 h – 12 h 30\n• Mardi : 9 h – 12 h 30, 14 h – 17 h 30\n• Mercredi : fermé\n"
        "• Jeudi : 9 h – 12 h 30, 14 h – 17 h 30\n• Vendredi : 9 h – 12 h 30")
    assert kept.text == ("ℹ️ Notés jour par jour à « Comment organiserez-vous le planning de la Maison ? », hors des "
                         "horaires : « permanence à Saint-Angeau ».")
    assert versions(services, "tech_horaires_mardi") == [[[540, 750], [840, 1050]]]
    assert versions(services, "tech_horaires_mercredi") == [[]]
    assert versions(services, "tech_planning") == ["Mercredi : permanence à Saint-Angeau"]
    assert question_in(services.guide, asked).id == "tech_horaires_samedi"
    said, asked = await client.send("fermé le week-end")
    assert said.text == "🕘 Horaires retenus :\n• Samedi : fermé\n• Dimanche : fermé"
    assert versions(services, "tech_horaires_dimanche") == [[]]
    assert question_in(services.guide, asked).id == "tech_animation"  # the planning holds Wednesday's line


async def test_a_week_with_a_day_not_read_records_nothing_and_names_the_day(client, services):
    await reach_monday(client)
    refused, asked = await client.send("Lundi 9h-12h\nMardi sur rendez-vous")
    assert refused.text == ("⚠️ Je n'ai pas reconnu les horaires du mardi : « sur rendez-vous ». Rien n'est "
                            "enregistré. Écrivez un jour par ligne. Exemple : Lundi 9h-12h 14h-17h.")
    assert versions(services, "tech_horaires_lundi") == [] and versions(services, "tech_horaires_mardi") == []
    assert question_in(services.guide, asked).id == "tech_horaires_lundi"


async def test_an_e_mail_forwarded_as_an_answer_keeps_the_message_alone(client, services):
    """The mayor's e-mail forwarded to the bot: "Bonjour Élodie," and the signature with his phone were stored, to
    be printed in the Préfecture's dossier."""
    await reach_objectives(client, services)
    forwarded = client.message_update(
        "Bonjour Élodie,\n\nÉviter aux habitants des hameaux d'aller à Saint-Flour.\n\nCordialement,\nGilles Chabrier\n"
        "Maire de Murat\n04 71 20 03 37", forward_origin={"type": "hidden_user", "sender_user_name": "Gilles Chabrier",
                                                          "date": 1764900000})
    replies = await client.deliver(forwarded)
    assert replies[0].text == ("ℹ️ Formules de politesse et signature non enregistrées : la réponse garde le message "
                               "seul. Écartées : « Bonjour Élodie », « Cordialement, Gilles Chabrier Maire de Murat "
                               "04 71 20 03 37 ».")
    assert versions(services, "objectifs") == ["Éviter aux habitants des hameaux d'aller à Saint-Flour."]
    assert question_in(services.guide, replies[-1]).id == "territoire"
