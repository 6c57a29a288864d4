"""Answers dictated on a phone through the real Application (Marseille 15e): no comma between what is said, the
first words answering and the rest saying more."""
from __future__ import annotations

from tests.bot import test_option_details as option_details
from tests.bot.test_conversation import create_project
from tests.bot.test_meant_input import reach_the_carrier, versions
from tests.bot.test_pasted import reach_objectives
from tests.bot.test_yes_no_said import reach
from tests.support.walk import answer_until, kept_without, question_in


async def at_the_time(client) -> None:
    """The project leader named, at « Quel temps de travail sera consacré au projet ? »."""
    await create_project(client)
    await client.send("Samia Haddad")
    await client.send("chargée de mission au centre social")


async def test_a_share_dictated_then_what_the_rest_of_the_time_goes_to_is_the_share(client, services):
    """"un jour par semaine le reste du temps je m'occupe de l'accueil du centre social" was "Je n'ai pas reconnu"."""
    await at_the_time(client)
    replies = await client.send("un jour par semaine le reste du temps je m'occupe de l'accueil du centre social")
    assert replies[0].text == kept_without("Moins d'un mi-temps",
                                           "le reste du temps je m'occupe de l'accueil du centre social")
    assert versions(services, "chef_projet_temps") == ["temps_partiel"]


async def test_a_share_between_two_options_dictated_with_more_says_which_two(client, services):
    await at_the_time(client)
    typed = "Environ trois jours par semaine le reste du temps je m'occupe de l'accueil du centre social"
    replies = await client.send(typed)
    assert replies[0].text == (f"⚠️ « {typed} » se situe entre 2. Mi-temps et 1. Temps plein. Tapez le numéro le plus "
                               "proche, ou utilisez les boutons.")
    assert versions(services, "chef_projet_temps") == []
    replies = await client.send("Deux")  # the number asked for, as dictation writes it
    assert replies[0].text == "➡️ Réponse retenue : Mi-temps."
    assert versions(services, "chef_projet_temps") == ["mi_temps"]


async def test_a_territory_dictated_with_its_population_answers_both(client, services):
    """"Le quinzième arrondissement surtout la Cabucelle et les Crottes environ trente-cinq mille habitants" was all
    the territory, and « Combien d'habitants… ? » came next."""
    await reach_objectives(client, services)
    await client.click("Passer")
    understood, asked = await client.send(
        "Le quinzième arrondissement surtout la Cabucelle et les Crottes environ trente-cinq mille habitants")
    assert understood.text.replace("\u202f", " ") == (
        "➡️ Réponse retenue : Le quinzième arrondissement surtout la Cabucelle et les Crottes.\n📝 Et à « Combien "
        "d'habitants compte ce territoire ? », j'ai noté : 35 000.")
    assert versions(services, "population") == [35000]
    assert question_in(services.guide, asked).id == "diag_demographie"


async def test_a_population_dictated_with_not_really_is_not_ticked(client, services):
    """"Surtout des résidents et des salariés de la zone portuaire pas vraiment de touristes" ticked « Résidents »
    alone, « Je n'ai pas reconnu … Salariés ou Touristes ? »."""
    await reach(client, services, 1, "populations_presentes")
    replies = await client.send(
        "Surtout des résidents et des salariés de la zone portuaire pas vraiment de touristes")
    assert not any(reply.text.startswith("⚠️") for reply in replies)
    assert versions(services, "populations_presentes") == [["residents", "salaries"]]


async def test_a_service_named_by_what_offers_it_ticks_its_option(client, services):
    """"Il y a une épicerie solidaire, une association de covoiturage pour l'emploi et un fab lab…" was all an «
    Autre », « Co-voiturage » not ticked and "Il y a" printed."""
    await reach(client, services, 1, "nouveaux_services")
    replies = await client.send("Il y a une épicerie solidaire, une association de covoiturage pour l'emploi et un "
                                "fab lab au Marché aux puces")
    assert replies[0].text == ("➡️ Réponse retenue : Co-voiturage, Autre.\nℹ️ Cette question ne garde pas de "
                               "précision : « pour l'emploi » n'est pas enregistré.\n📝 Et à « Quel autre nouveau "
                               "service ? », j'ai noté : une épicerie solidaire, un fab lab au Marché aux puces.")
    assert versions(services, "nouveaux_services") == [["covoiturage", "autre"]]
    assert versions(services, "nouveaux_services_autre") == ["une épicerie solidaire, un fab lab au Marché aux puces"]


async def test_a_yes_dictated_with_whom_one_met_and_when_answers_the_three(client, services):
    """"Oui j'ai eu madame Giraud de la préfecture … le douze novembre au téléphone" noted the date, then asked the
    referent's name the sentence had given."""
    await reach(client, services, 1, "prefecture_contactee")
    replies = await client.send("Oui j'ai eu madame Giraud de la préfecture déléguée à l'égalité des chances le "
                                "douze novembre au téléphone")
    assert versions(services, "prefecture_contactee") == [True]
    assert versions(services, "referent_nom") == ["madame Giraud de la préfecture déléguée à l'égalité des chances"]
    assert versions(services, "date_premier_contact") == ["2026-11-12"]
    assert question_in(services.guide, replies[-1]).id == "documents_recus"


async def test_not_yet_dictated_then_a_sentence_is_a_no(client, services):
    """"Pas encore elle doit me les envoyer par mail la semaine prochaine" was « Demandé, mais pas encore là ?
    Répondez non pour l'instant », the no just said asked for."""
    await reach(client, services, 1, "documents_recus")
    replies = await client.send("Pas encore elle doit me les envoyer par mail la semaine prochaine")
    assert replies[0].text == kept_without("Non", "elle doit me les envoyer par mail la semaine prochaine")
    assert versions(services, "documents_recus") == [False]


async def test_a_yes_of_course_dictated_then_its_terms_quotes_the_terms_alone(client, services):
    await reach(client, services, 1, "dev_comite_annuel")
    said, _ = await client.send("Oui bien sûr avec la mairie de secteur la préfecture la CAF et la métropole")
    assert said.text == kept_without("Oui", "avec la mairie de secteur la préfecture la CAF et la métropole")


async def test_operators_dictated_in_a_row_are_ticked_and_the_one_closed_is_not(client, services):
    """"La CAF avec une antenne à Saint-Antoine France Travail à l'agence de Saint-Louis la CPAM et La Poste à la
    Cabucelle mais elle a fermé en deux mille vingt-trois" ticked La Poste alone, the one gone."""
    await option_details.reach(client, services)
    typed = ("La CAF avec une antenne à Saint-Antoine France Travail à l'agence de Saint-Louis la CPAM et La Poste à "
             "la Cabucelle mais elle a fermé en deux mille vingt-trois")
    replies = await client.send(typed)
    assert replies[0].text == ("➡️ Réponse retenue : France Travail (ex-Pôle emploi), CAF, Assurance maladie (CPAM).\n"
                               "📝 Et à « Comment ces opérateurs délivrent-ils leurs services sur le territoire ? », "
                               f"j'ai noté : {typed}.")
    assert versions(services, "operateurs") == [["pole_emploi", "caf", "cnam"]]


async def test_local_actors_dictated_in_a_row_are_ticked(client, services):
    await option_details.reach(client, services, "acteurs_locaux")
    await client.send("La mairie de secteur la maison départementale de la solidarité la mission locale Marseille nord "
                      "et plein d'associations comme le Secours populaire et les centres sociaux")
    assert versions(services, "acteurs_locaux") == [["departement", "communes_intercommunalites", "missions_locales",
                                                     "associations"]]


async def test_meetings_counted_then_dictated_one_by_one_are_the_count(client, services):
    await option_details.reach(client, services, "rencontres_bilaterales")
    said, _ = await client.send("Trois une avec la CAF une avec la mission locale et une avec la mairie de secteur")
    assert said.text == kept_without("3", "une avec la CAF une avec la mission locale et une avec la mairie de secteur")
    assert versions(services, "rencontres_bilaterales") == [3]


async def test_not_yet_dictated_then_what_is_planned_is_a_no(client, services):
    await option_details.reach(client, services, "comite_pilotage_installe")
    said, *_ = await client.send("Pas encore la première réunion est prévue le quinze janvier à la mairie de secteur")
    assert said.text == kept_without("Non", "la première réunion est prévue le quinze janvier à la mairie de secteur")
    assert versions(services, "comite_pilotage_installe") == [False]


async def test_none_visited_yet_dictated_then_the_visit_to_come_is_none(client, services):
    await option_details.reach(client, services, "visites_maisons")
    said, *_ = await client.send("Aucune pour l'instant on doit aller voir celle de l'Estaque en janvier")
    assert said.text == kept_without("0", "on doit aller voir celle de l'Estaque en janvier")
    assert versions(services, "visites_maisons") == [0]


async def test_the_carrier_described_without_its_name_leaves_the_name_asked(client, services):
    """"C'est l'association qui gère le centre social Saint-Louis elle est agréée par la CAF" noted « Association »
    as the carrier's official name."""
    await reach_the_carrier(client)
    replies = await client.send("C'est l'association qui gère le centre social Saint-Louis elle est agréée par la CAF")
    assert replies[0].text == kept_without("Une structure existante", "qui gère le centre social Saint-Louis elle est "
                                           "agréée par la CAF")
    assert versions(services, "port_porteur") == ["structure_existante"]
    assert versions(services, "port_porteur_nom") == []


async def test_a_siret_dictated_with_words_before_it_is_its_digits(client, services):
    await reach_the_carrier(client)
    await client.send("l'association Centre social Saint-Louis")
    asked, = await client.send("Le SIRET c'est le 200 067 510 00012")  # "Un numéro SIRET ne contient que des chiffres"
    assert versions(services, "port_siret") == ["20006751000012"]
    assert question_in(services.guide, asked).id == "port_adresse"


async def test_a_place_in_the_heart_of_the_neighbourhood_is_in_its_centre(client, services):
    """« Dans le bourg-centre » was taken, « du quartier » said not kept."""
    await option_details.reach(client, services, "tech_localisation")
    said, *_ = await client.send("Au cœur du quartier")
    assert said.text == "➡️ Réponse retenue : Dans le bourg-centre."


async def test_what_the_surface_holds_dictated_after_it_is_said_not_kept(client, services):
    await option_details.reach(client, services, "tech_surface")
    said, *_ = await client.send("Environ quatre-vingts mètres carrés avec l'accueil une salle d'attente et deux "
                                 "bureaux")
    assert said.text == kept_without("80", "avec l'accueil une salle d'attente et deux bureaux")


async def test_not_for_now_dictated_then_why_is_a_no(client, services):
    await option_details.reach(client, services, "tech_visites_domicile")
    said, *_ = await client.send("Non pas pour le moment on n'a pas le personnel pour ça")
    assert said.text == kept_without("Non", "on n'a pas le personnel pour ça")


async def test_what_follows_the_solutions_details_after_et_is_one_more_solution(client, services):
    """"De la visio avec la CAF et la CPAM et trois postes en libre accès avec une imprimante" kept the computers and
    the printer as details of the visio, said not kept."""
    await option_details.reach(client, services, "tech_solution")
    said, _ = await client.send("De la visio avec la CAF et la CPAM et trois postes en libre accès avec une imprimante")
    assert said.text == ("➡️ Réponse retenue : Visioconférence, Autre.\nℹ️ Cette question ne garde pas de précision : "
                         "« avec la CAF et la CPAM » n'est pas enregistré.\n📝 Et à « Quelle autre solution ? », j'ai "
                         "noté : trois postes en libre accès avec une imprimante.")


async def test_a_morning_dictated_with_nine_in_words_is_its_hours(client, services):
    """"Le mercredi seulement le matin de neuf heures à midi" was refused: « neuf » after « le matin » stayed a word."""
    await option_details.reach(client, services, "tech_horaires_mercredi")
    said, *_ = await client.send("Le mercredi seulement le matin de neuf heures à midi")
    assert said.text == "🕘 Horaires retenus :\n• Mercredi : 9 h – 12 h"
    assert versions(services, "tech_horaires_mercredi") == [[[540, 720]]]


async def test_hours_dictated_in_words_with_the_place_are_its_hours(client, services):
    await option_details.reach(client, services, "tech_horaires_samedi")
    replies = await client.send("Le samedi de neuf heures à midi au centre commercial pour la permanence")
    assert replies[1].text == ("ℹ️ Notés jour par jour à « Comment organiserez-vous le planning de la Maison ? », "
                               "hors des horaires : « au centre commercial pour la permanence ».")
    assert versions(services, "tech_horaires_samedi") == [[[540, 720]]]


async def test_posts_shared_with_another_function_are_asked_for_this_one_s_share(client, services):
    """"Deux temps plein partagés entre l'accueil et l'accompagnement" was 2 ETP for the reception, and the same two
    people would be counted again at the accompaniment."""
    await option_details.reach(client, services, "equipe_etp_accueil")
    said, *_ = await client.send("Deux temps plein partagés entre l'accueil et l'accompagnement")
    assert said.text.startswith("⚠️ « Deux temps plein partagés entre l'accueil et l'accompagnement » : dans le "
                                "dossier, chaque réponse compte à part")
    assert versions(services, "equipe_etp_accueil") == []


async def test_a_name_dictated_with_its_time_keeps_the_time_apart(client, services):
    """"Moi Samia Haddad à mi-temps" stored « Samia Haddad à mi-temps » as the coordinator's name."""
    await reach(client, services, 5, "equipe_fonctions")
    await answer_until(client, services.guide, await client.send("la coordination"), "equipe_agent_coordination")
    await client.send("Moi Samia Haddad à mi-temps")
    assert versions(services, "equipe_agent_coordination") == ["Samia Haddad"]
    assert versions(services, "equipe_etp_coordination") == ["0.5"]


async def test_what_a_choice_s_words_are_said_with_is_quoted_without_them(client, services):
    """"L'accompagnement des personnes surtout pour les démarches en ligne…" quoted the whole text as not kept, the
    option's own words included."""
    await reach(client, services, 1, "enjeux_cohesion")
    said, *_ = await client.send("L'accompagnement des personnes surtout pour les démarches en ligne la CAF et les "
                                 "titres de séjour")
    assert said.text == kept_without("Accompagnement des personnes",
                                     "surtout pour les démarches en ligne la CAF et les titres de séjour")
