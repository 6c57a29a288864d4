"""A Département running a France services bus: what it brings, a list read in part; its tour; its yearly committee."""
from __future__ import annotations

from tests.bot.test_carrier_identity import current_values, reach_the_siret
from tests.bot.test_meant_input import reach_objectives, reach_stakes, reach_team_functions, versions
from tests.bot.test_pasted import reach_monday
from tests.bot.test_verdicts import reach_the_yearly_committee
from tests.support.walk import question_in

BROUGHT = "le bus lui-même (acheté 280 000 €), les deux conseillères, le chauffeur, le carburant et l'assurance"


async def reach_the_contribution(client, services):
    await reach_the_siret(client, services)
    await client.click("Je ne sais pas encore")
    await client.send("Hôtel du Département, 58039 Nevers Cedex")
    await client.send("M. Fabien Bazin, président du Conseil départemental")
    replies = await client.send("14/12/2026")
    assert question_in(services.guide, replies[-1]).id == "port_contribution"


async def test_a_list_read_in_part_names_every_part_not_read_and_keeps_the_text_as_its_details(client, services):
    """The bus and the driver were not read, the fuel was the only part named as not read, and the whole text, the
    details the convention asks for, was lost: after the options were ticked, "Précisez l'apport…" came empty."""
    guide = services.guide
    await reach_the_contribution(client, services)
    refused, asked = await client.send("le bus, le carburant, les deux conseillères, le chèque carburant")
    assert refused.text.startswith("⚠️ Je n'ai pas reconnu « le chèque carburant ».\n")  # the fuel: its share

    refused, asked = await client.send(BROUGHT)
    assert refused.text == (
        "⚠️ Je n'ai pas reconnu « l'assurance ».\n☑️ J'ai coché : Du personnel, Du matériel et des équipements, Une "
        "participation financière. Touchez ce qui manque, puis « ✅ Valider ».\n📝 Votre texte est noté pour "
        "« Précisez l'apport de la structure porteuse. »")
    assert "☑️ Du personnel" in asked.labels and "☑️ Du matériel et des équipements" in asked.labels
    assert current_values(services, "port_contribution") == []  # nothing validated yet
    assert current_values(services, "port_contribution_detail")[-1] == BROUGHT  # kept at once, the last said

    recap = (await client.click("Valider"))[-1]
    assert current_values(services, "port_contribution") == [["personnel", "equipement", "financement"]]
    assert "📋 Récapitulatif : Le portage juridique" in recap.text  # not asked again
    assert f"Précisez l'apport de la structure porteuse.\n➡️ {BROUGHT}" in recap.text
    assert question_in(guide, recap) is None


async def test_a_mistyped_option_is_no_detail_to_keep(client, services):
    """"du personel": a typing error, suggested as the option it is, never kept as the convention's details."""
    await reach_the_contribution(client, services)
    refused, _ = await client.send("des locaux, du personel")
    assert "Vouliez-vous dire 1. Du personnel ?" in refused.text and "📝" not in refused.text
    assert current_values(services, "port_contribution_detail") == []


async def test_a_bus_tour_pasted_gives_the_hours_and_keeps_the_places_day_by_day(client, services):
    """The tour of a France services bus, a place before each day's hours, was refused whole ("Je n'ai pas reconnu
    les horaires du lundi : « lormes 9h-12h… »"), nothing recorded and the places nowhere."""
    await reach_monday(client)
    said, notice, asked = await client.send(
        "Lundi : Lormes 9h-12h, Brassy 14h-16h30\nMardi : Montsauche-les-Settons 9h-12h et 13h30-16h30\n"
        "Mercredi : Châtillon-en-Bazois 9h-12h\nJeudi : Luzy 9h-12h 14h-17h\nVendredi : Moulins-Engilbert 9h-12h\n"
        "Samedi et dimanche : pas de tournée")
    assert said.text.replace("\u202f", " ").startswith("🕘 Horaires retenus :\n• Lundi : 9 h – 12 h, 14 h – 16 h 30\n")
    assert notice.text == (
        "ℹ️ Notés jour par jour à « Comment organiserez-vous le planning de la Maison ? », hors des horaires : "
        "« Lormes », « Brassy », « Montsauche-les-Settons », « Châtillon-en-Bazois », « Luzy », « Moulins-Engilbert ».")
    assert versions(services, "tech_horaires_lundi") == [[[540, 720], [840, 990]]]
    assert versions(services, "tech_horaires_dimanche") == [[]]
    assert versions(services, "tech_planning") == [
        "Lundi : Lormes 9h-12h, Brassy 14h-16h30\nMardi : Montsauche-les-Settons 9h-12h et 13h30-16h30\n"
        "Mercredi : Châtillon-en-Bazois 9h-12h\nJeudi : Luzy 9h-12h 14h-17h\nVendredi : Moulins-Engilbert 9h-12h"]
    assert question_in(services.guide, asked).id == "tech_animation"

    # One day said again from its question: its hours, and its line of the tour, changed.
    for _ in range(8):
        await client.click("↩️ Retour")
    said, notice, _ = await client.send("9h-12h à Lormes, 14h-17h à Brassy")
    assert said.text.replace("\u202f", " ") == "➡️ Réponse retenue : 9 h – 12 h, 14 h – 17 h."
    assert "« à Lormes », « à Brassy »" in notice.text
    assert versions(services, "tech_planning")[-1].startswith("Lundi : 9h-12h à Lormes, 14h-17h à Brassy\nMardi : ")

    # The planning written by the user is theirs: the places are said not kept, never written over it.
    await client.click("↩️ Retour")
    await client.send("Une conseillère au volant, l'autre à l'accueil ; permanence CAF un lundi sur deux.")
    for _ in range(8):
        await client.click("↩️ Retour")
    _, notice, _ = await client.send("Lormes 9h-12h")
    assert notice.text == "ℹ️ Non repris dans les horaires : « Lormes »."
    assert versions(services, "tech_planning")[-1].startswith("Une conseillère au volant")


async def test_a_yes_to_the_yearly_committee_said_with_its_date_and_guests_keeps_both(client, services):
    """"oui, le premier est prévu le 12 mars…, avec les 12 maires, la sous-préfète et les opérateurs" was refused
    whole ("Répondez seulement par oui ou par non"): the guests' list stood between the yes and the date."""
    guide = services.guide
    replies = await reach_the_yearly_committee(client, guide, "passer")  # left unanswered at stage 1
    assert question_in(guide, replies[-1]).id == "dev_comite_annuel"
    said, place, asked = await client.send("oui, le premier est prévu le 14 mars à 14h30 à l'Hôtel du Département, "
                                           "avec les 12 maires, la sous-préfète et les opérateurs")
    assert said.text == ("➡️ Réponse retenue : Oui.\n📝 Et à « À quelle date se tiendra le prochain comité de "
                         "pilotage ? », j'ai noté : 14 mars 2028.\nℹ️ Cette question ne garde pas de précision : "
                         "« à 14h30 » n'est pas enregistré.")  # the next 12 March, on the frozen clock
    assert place.text == "➡️ Réponse retenue pour « Où se tiendra-t-il ? » : Hôtel du Département."
    assert versions(services, "dev_comite_annuel") == [None, True]
    assert versions(services, "dev_comite_date") == ["2028-03-14"]
    # The guests are asked next, the ones named ticked for the user to validate, nothing recorded for them yet.
    assert question_in(guide, asked).id == "dev_comite_membres"
    assert "Cochées : Collectivités concernées, Préfecture de département, Partenaires." in asked.text
    assert versions(services, "dev_comite_membres") == []
    asked = (await client.click("Valider"))[-1]
    assert versions(services, "dev_comite_membres") == [["collectivites", "prefecture", "partenaires"]]
    assert question_in(guide, asked).id == "dev_comite_horaire"
    said = await client.send("à partir de 14h30, deux heures environ")
    assert "mardi 14 mars 2028, 14 h 30 – 16 h 30" in said[0].text.replace("\u202f", " ")
    assert "📍 Hôtel du Département" in said[0].text
    assert versions(services, "dev_comite_horaire") == [[[870, 990]]]


async def test_a_yes_with_words_after_it_at_a_list_is_no_other_option(client, services):
    """"oui, le premier est prévu le 12 mars…", typed at the committee's guests one screen late, was stored as an
    « Autre » guest, which the calendar file then listed among the people to invite."""
    await reach_stakes(client)
    refused, asked = await client.send("oui, le premier est prévu le 12 mars")
    assert refused.text.startswith("⚠️ Je n'ai pas reconnu « oui, le premier est prévu le 12 mars »")
    assert versions(services, "enjeux") == [] and versions(services, "enjeux_autre") == []


async def test_a_text_saying_moi_is_kept_and_said_to_name_no_one_in_the_dossier(client, services):
    """"c'est moi qui coordonne" was printed as typed in the convention signed by the Département's president,
    where "moi" names no one: kept, and the user told so, for a name or a function if they wish."""
    await reach_objectives(client, services)
    said, asked = await client.send("Je veux rapprocher Mon espace santé et les démarches des habitants.")
    assert said.text == ("ℹ️ Dans le dossier, « Je » ne dira pas à la Préfecture de qui il s'agit. Si besoin, "
                         "touchez ↩️ Retour pour écrire un nom ou une fonction.")
    assert versions(services, "objectifs") == ["Je veux rapprocher Mon espace santé et les démarches des habitants."]
    assert question_in(services.guide, asked).id != "objectifs" and "↩️ Retour" in asked.labels
    await client.click("↩️ Retour")
    replies = await client.send("Rapprocher Mon espace santé et les démarches des habitants.")
    assert not any("ne dira pas" in reply.text for reply in replies)


async def test_the_time_worked_is_no_ones_name_and_a_total_said_after_a_sum_is_the_answer(client, services):
    """Two advisers at the bus's desk: "60 % chacune, donc 1,2" was no number, and "60 % chacune", typed after one
    ↩️ too many, replaced the advisers' names with a share of time."""
    guide = services.guide
    await reach_team_functions(client, "accueil")
    await client.send("Camille Roy et Inès Barbier, conseillères France services")
    refused, _ = await client.send("60 % chacune")
    assert refused.text == "⚠️ Tapez le total pour toutes les personnes. Exemple : 1,2 pour deux personnes à 60 %."
    said, asked = await client.send("60 % chacune, donc 1,2")
    assert said.text == "➡️ Réponse retenue : 1,2."
    assert versions(services, "equipe_etp_accueil") == ["1.2"]
    await client.click("↩️ Retour")
    asked = (await client.click("↩️ Retour"))[-1]
    assert question_in(guide, asked).id == "equipe_agent_accueil"
    refused, _ = await client.send("60 % chacune")
    assert refused.text == ("⚠️ « 60 % chacune » ressemble à un temps de travail. Cette question demande le prénom "
                            "et le nom d'une personne, ou « à recruter ».")
    assert versions(services, "equipe_agent_accueil") == ["Camille Roy et Inès Barbier, conseillères France services"]
