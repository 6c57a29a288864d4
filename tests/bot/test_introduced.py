"""Answers typed in full, polite sentences, as an association's coordinator writes them: Bourganeuf (Creuse)."""
from __future__ import annotations

import pytest

from dossier.pdf import render_dossier_pdf
from store.repo import Repository
from tests.bot import test_budget_typed as budget_typed
from tests.bot import test_meant_input as meant_input
from tests.bot import test_yes_no_said as yes_no_said
from tests.bot.test_meant_input import versions
from tests.dossier import test_view as view
from tests.dossier.test_pdf import page_texts
from tests.support.telegram import FRANCE_SERVICES_RULES
from tests.support.walk import kept_without, question_in


@pytest.mark.parametrize(("typed", "name", "said"), [
    ("Bonjour, c'est pour la France services de Bourganeuf, portée par notre association Familles Rurales",
     "France services de Bourganeuf", "portée par notre association Familles Rurales"),
    ("Il s'agit de la Maison France services du Haut-Jura", "Maison France services du Haut-Jura", None),
])
async def test_a_name_introduced_in_a_sentence_is_the_name(client, services, typed, name, said):
    """"Bonjour, c'est pour la France services de Bourganeuf, portée par notre association Familles Rurales" was the
    project's name, as every document would print it."""
    await client.send("/start")
    [asked] = await client.send(typed)
    assert asked.text.startswith(f"Projet « {name} » créé ✅\n")
    if said:
        assert f"ℹ️ Cette question ne garde pas de précision : « {said} » n'est pas enregistré." in asked.text
    with services.database.connect() as connection:
        [(project, _)] = Repository(connection).projects(1001)
    assert project.name == name


async def test_a_territory_introduced_by_we_cover_is_the_territory(client, services):
    """"Nous couvrons la communauté de communes Creuse Sud-Ouest, environ 12 000 habitants (Creuse)" was refused:
    « ressemble à une phrase »."""
    await client.send("/start")
    await client.send("France services de Bourganeuf")
    replies = await client.send("Nous couvrons la communauté de communes Creuse Sud-Ouest, environ 12 000 habitants "
                                "(Creuse)")
    assert "Quelles règles suit « France services de Bourganeuf »" in replies[-1].text
    with services.database.connect() as connection:
        [(project, _)] = Repository(connection).projects(1001)
    assert project.territory.startswith("Communauté de communes Creuse Sud-Ouest")


@pytest.mark.parametrize("typed", ["Les deux je dirais. Surtout l'isolement des personnes âgées dans les villages",
                                   "les deux, je pense"])
async def test_a_list_said_with_a_hedge_ticks_its_options(client, services, typed):
    """"Les deux je dirais. Surtout l'isolement…" was refused: « Je n'ai pas reconnu « Les deux je dirais » »."""
    await meant_input.reach_stakes(client)
    said, *_ = await client.send(typed)
    assert said.text.startswith("➡️ Réponse retenue : Cohésion sociale, Maillage territorial.")
    assert versions(services, "enjeux") == [["cohesion_sociale", "maillage_territorial"]]


async def test_as_i_said_before_a_list_is_no_other_option(client, services):
    """"Comme je disais, l'isolement et la disparition des services (…)" ticked « Autre », worded "Comme je disais",
    which the dossier would have printed as a stake."""
    await meant_input.reach_stakes(client)
    await client.send("les deux")
    await client.send("l'accompagnement des personnes")
    said, *_ = await client.send("Comme je disais, l'isolement et la disparition des services (trésorerie fermée, "
                                 "La Poste en horaires réduits)")
    assert said.text.startswith("➡️ Réponse retenue : Isolement territorial, Disparition de services classiques.")
    assert versions(services, "enjeux_maillage") == [["isolement_territorial", "disparition_services"]]
    assert versions(services, "enjeux_maillage_autre") == []


async def test_i_do_not_know_what_you_mean_shows_what_the_fiche_asks(client, services):
    """"Je ne sais pas trop, qu'est-ce que vous entendez par là exactement ?" left the question for later, as
    « 🕓 Je ne sais pas encore » does, without saying what it asks; the answer then typed, "Ah d'accord. Surtout…",
    kept its "Ah d'accord." for the dossier to print."""
    await meant_input.reach_population(client, services)
    await client.send("3600")
    asked = question_in(services.guide, client.last())
    puzzled, again = await client.send("Je ne sais pas trop, qu'est-ce que vous entendez par là exactement ?")
    assert puzzled.text.startswith("❓ Je ne peux pas vous répondre ici. Voici ce que demande la fiche technique")
    assert question_in(services.guide, again) == asked
    assert versions(services, asked.id) == []
    await client.send("Ah d'accord. Surtout de l'emploi public et de l'aide à domicile, l'agriculture recule.")
    assert versions(services, asked.id) == ["Surtout de l'emploi public et de l'aide à domicile, l'agriculture recule."]


async def test_the_same_as_another_answer_then_the_answer_keeps_the_answer(client, services):
    """"Idem que pour les déplacements : ils vont à Guéret quand ils peuvent, …" was refused whole, to type again."""
    await meant_input.reach_population(client, services)
    for typed in ("12000", "population âgée", "un bourg et des hameaux", "emploi public", "logements vacants",
                  "un car par jour", "Étape suivante", "résidents", "personnes âgées", "aide aux démarches",
                  "mairies, un bureau de poste"):
        await client.send(typed)
    assert question_in(services.guide, client.last()).id == "pratiques_acces"
    said, _ = await client.send("Idem que pour les déplacements : ils vont à Guéret quand ils peuvent, sinon ils "
                                "demandent à un voisin.")
    assert said.text.startswith("ℹ️ Non repris : « Idem que pour les déplacements ».")
    assert versions(services, "pratiques_acces") == ["ils vont à Guéret quand ils peuvent, sinon ils demandent à un "
                                                      "voisin."]


async def reach_new_services(client, services):
    """Stage 1, step 3, at « Quels nouveaux services avez-vous repérés sur le territoire ? »."""
    await meant_input.reach_population(client, services)
    for typed in ("12000", "population âgée", "un bourg et des hameaux", "emploi public", "logements vacants",
                  "un car par jour", "Étape suivante", "résidents", "personnes âgées", "aide aux démarches",
                  "mairies, un bureau de poste", "trajets vers Guéret"):
        await client.send(typed)
    assert question_in(services.guide, client.last()).id == "nouveaux_services"


async def test_a_group_of_an_option_and_an_option_said_absent_in_a_list(client, services):
    """"Il y a un groupe de covoiturage sur Facebook et une épicerie solidaire itinérante. Pas de SEL à ma
    connaissance." was refused: « un groupe de covoiturage » named no option, and the sentence saying which one is
    not there made the épicerie no « Autre »."""
    await reach_new_services(client, services)
    said, _ = await client.send("Il y a un groupe de covoiturage sur Facebook et une épicerie solidaire itinérante. "
                                "Pas de SEL à ma connaissance.")
    assert said.text.startswith("➡️ Réponse retenue : Co-voiturage, Autre.")
    assert versions(services, "nouveaux_services") == [["covoiturage", "autre"]]
    assert versions(services, "nouveaux_services_autre") == ["une épicerie solidaire itinérante"]


async def test_a_sure_yes_with_a_date_to_confirm_is_a_yes(client, services):
    """"Oui bien sûr, le premier pourrait être le 16 mars 2027 à 14h en mairie de Bourganeuf, à confirmer avec la
    CC." at stage 1 was « Votre réponse laisse un doute »: the date is to confirm, not the committee."""
    await yes_no_said.reach(client, services, 1, "dev_comite_annuel")
    said, _ = await client.send("Oui bien sûr, le premier pourrait être le 16 mars 2027 à 14h en mairie de Bourganeuf, "
                                "à confirmer avec la CC.")
    assert said.text == kept_without("Oui", "le premier pourrait être le 16 mars 2027 à 14h en mairie de Bourganeuf, "
                                            "à confirmer avec la CC")
    assert versions(services, "dev_comite_annuel") == [True]
    refused, _ = await client.send("oui, à vérifier avec la sous-préfecture")  # at the next question: the yes's own
    assert refused.text.startswith("⚠️ Votre réponse laisse un doute")


async def test_a_hedge_is_no_person_for_the_dossier(client, services):
    """"…, et la CPAM je crois. Les autres sont à Guéret ou à Limoges." was told « Dans le dossier, « je » ne dira
    pas à la Préfecture de qui il s'agit »: "je crois" names no one."""
    await yes_no_said.reach(client, services, 1, "operateurs")
    replies = await client.send("La Poste, la CAF (permanence un mardi sur deux), et la CPAM je crois. Les autres sont "
                                "à Guéret ou à Limoges.")
    assert replies[0].text.startswith("➡️ Réponse retenue : La Poste, CAF, Assurance maladie (CPAM).")
    assert not any("ne dira pas à la Préfecture" in reply.text for reply in replies)


async def test_all_then_a_remark_after_a_comma_ticks_all(client, services):
    """"Tous, c'est obligatoire il me semble." ticked all five and refused « c'est obligatoire il me semble »."""
    await yes_no_said.reach(client, services, 2, "part_offre_base")
    said, _ = await client.send("Tous, c'est obligatoire il me semble.")
    assert said.text.startswith("➡️ Réponse retenue : Accueil, Accompagnement à l'utilisation des services en ligne")
    assert "« c'est obligatoire il me semble » n'est pas enregistré." in said.text
    assert len(versions(services, "part_offre_base")[-1]) == 5


async def test_why_not_an_option_is_no_no(client, services):
    """"…, et pourquoi pas un tiers-lieu plus tard." took « pas un tiers-lieu » for a no and recorded an « Autre »
    worded "pourquoi"; the option said maybe is suggested, the other ticked for the user to complete."""
    await yes_no_said.reach(client, services, 2, "part_offre_complementaire")
    refused, _ = await client.send("L'accompagnement numérique avec des ateliers collectifs le mercredi "
                                   "après-midi, et pourquoi pas un tiers-lieu plus tard.")
    assert refused.text.startswith("⚠️ Je n'ai pas reconnu « pourquoi pas un tiers-lieu plus tard. »")
    assert "4. Développement d'un tiers-lieu" in refused.text
    assert "☑️ J'ai coché : Accompagnement numérique." in refused.text
    assert versions(services, "part_offre_complementaire") == []
    assert versions(services, "part_offre_complementaire_autre") == []


async def test_an_operator_joining_if_it_agrees_is_not_ticked(client, services):
    """"Tous les partenaires nationaux, plus la mission locale si elle est d'accord." named an « Autre » operator
    « la mission locale si elle est d'accord », for the convention's table of signatories."""
    await yes_no_said.reach(client, services, 2, "part_operateurs", FRANCE_SERVICES_RULES)
    said, _ = await client.send("Tous les partenaires nationaux, plus la mission locale si elle est d'accord.")
    assert said.text.endswith("Urssaf.\nℹ️ Cette question ne garde pas de précision : « la mission locale si elle est "
                              "d'accord » n'est pas enregistré.")
    assert "autre" not in versions(services, "part_operateurs")[-1]
    assert versions(services, "part_operateurs_autre") == []


async def test_the_places_of_an_option_kept_elsewhere_are_not_said_lost(client, services):
    """"…, et des permanences itinérantes dans 3 villages : Royère-de-Vassivière le mardi, …" said each village
    « n'est pas enregistré », then kept them all at « Où les permanences itinérantes se tiendront-elles ? »."""
    await yes_no_said.reach(client, services, 3, "port_modes")
    said, kept, _ = await client.send(
        "Un point fixe à Bourganeuf dans nos locaux, et des permanences itinérantes dans 3 villages : "
        "Royère-de-Vassivière le mardi, Saint-Dizier-Leyrenne le jeudi matin et Pontarion un vendredi sur deux.")
    assert said.text == kept_without("Point fixe (un lieu d'accueil permanent), Itinérance : permanences hors de la "
                                     "Maison", "à Bourganeuf dans nos locaux")
    assert kept.text.startswith("➡️ Réponse retenue pour « Où les permanences itinérantes se tiendront-elles ? » : "
                                "Royère-de-Vassivière le mardi")


async def test_as_indicated_before_an_answer_is_not_printed(client, services):
    """"Comme indiqué : chaque semaine, sauf Pontarion un vendredi sur deux." kept « Comme indiqué : » for the
    dossier, whose reader never saw what was indicated."""
    await yes_no_said.reach(client, services, 3, "port_modes")
    await client.send("le point fixe et l'itinérance")
    await client.send("Royère-de-Vassivière, Saint-Dizier-Leyrenne et Pontarion")
    await client.send("Comme indiqué : chaque semaine, sauf Pontarion un vendredi sur deux.")
    assert versions(services, "port_itinerance_frequence") == ["Chaque semaine, sauf Pontarion un vendredi sur deux"]


@pytest.mark.parametrize("typed", ["Je dois le demander à notre trésorière, je vous le donne plus tard.",
                                   "je vous le donne plus tard"])
async def test_an_answer_promised_for_later_leaves_the_question_for_later(client, services, typed):
    """"Je dois le demander à notre trésorière, je vous le donne plus tard." at the SIRET was « Un numéro SIRET ne
    contient que des chiffres », as if a number had been typed."""
    await yes_no_said.reach(client, services, 3, "port_siret")
    replies = await client.send(typed)
    assert not any(reply.text.startswith("⚠️") for reply in replies)
    assert question_in(services.guide, replies[-1]).id != "port_siret"
    assert versions(services, "port_siret") == [None]


async def test_our_president_then_her_name_is_her_name_and_function(client, services):
    """"Notre présidente, Mme Claudine Rougier" was the name of the carrier's legal representative, the function
    asked next."""
    await yes_no_said.reach(client, services, 3, "port_representant_nom")
    await client.send("Notre présidente, Mme Claudine Rougier")
    assert versions(services, "port_representant_nom") == ["Mme Claudine Rougier"]
    assert versions(services, "port_representant_fonction") == ["présidente"]


async def test_that_day_after_a_date_is_no_other_day(client, services):
    """"…le 9 janvier 2027 à 18h30 au siège, on votera ce jour-là." said « là » not kept: "ce jour" was read as a day
    after the date."""
    await yes_no_said.reach(client, services, 3, "port_deliberation_date")
    said, _ = await client.send("Le conseil d'administration doit se réunir le 9 janvier 2027 à 18h30 au siège, on "
                                "votera ce jour-là.")
    assert said.text.endswith("« à 18h30 au siège, on votera ce jour-là » n'est pas enregistré.")
    assert versions(services, "port_deliberation_date") == ["2027-01-09"]


async def test_a_siret_said_in_a_sentence_is_the_siret(client, services):
    """"Voilà, la trésorière me l'a envoyé : 318 245 796 00038" was « Un numéro SIRET ne contient que des chiffres »."""
    await yes_no_said.reach(client, services, 3, "port_siret")
    await client.send("Voilà, la trésorière me l'a envoyé : 318 245 796 00038")
    assert versions(services, "port_siret") == ["31824579600038"]


async def test_the_same_address_as_the_carriers_said_by_what_it_is(client, services):
    """"La même que celle de l'association" at the Maison's address was « Il manque le code postal », the carrier
    being "Association Familles Rurales de Bourganeuf"; the same address is not the same floor."""
    await yes_no_said.reach(client, services, 3, "port_porteur")
    await client.send("Notre association, Familles Rurales de Bourganeuf, qui existe depuis 1987.")
    await client.send("31824579600038")
    await client.send("2 rue de la Mairie 23400 Bourganeuf (au 1er étage, au-dessus de la médiathèque)")
    await yes_no_said.goto_stage(client, 4)
    await client.send("dans nos locaux")
    said, _ = await client.send("La même que celle de l'association")
    assert said.text == "➡️ Réponse retenue : 2 rue de la Mairie 23400 Bourganeuf."
    assert versions(services, "tech_adresse") == ["2 rue de la Mairie 23400 Bourganeuf"]


async def test_premises_we_rent_name_the_rental(client, services):
    """"Ce sont nos locaux, que nous louons à la commune…" suggested « Bâtiment public existant » alone: "louons"
    was no word of « Location »."""
    await yes_no_said.reach(client, services, 4, "tech_foncier")
    refused, _ = await client.send("Ce sont nos locaux, que nous louons à la commune pour un euro symbolique.")
    assert "2. Locaux existants de la structure porteuse" in refused.text and "3. Location" in refused.text
    await client.send("on loue à la commune")
    assert versions(services, "tech_foncier") == ["location"]


async def test_two_acronyms_joined_by_and_are_one_detail(client, services):
    """"La visio pour les rendez-vous CAF et CPAM, et un poste en libre-service" kept « pour les rendez-vous CAF »
    apart and made « CPAM, et un poste en libre-service » an « Autre » solution."""
    await yes_no_said.reach(client, services, 4, "tech_solution")
    said, ticked, _ = await client.send("La visio pour les rendez-vous CAF et CPAM, et un poste en libre-service.")
    assert said.text.startswith("➡️ Réponse retenue : Visioconférence.\nℹ️ Cette question ne garde pas de précision : "
                                "« pour les rendez-vous CAF et CPAM » n'est pas enregistré.")
    assert versions(services, "tech_solution") == [["visio"]]
    assert "j'ai coché « un poste en libre-service » :" in ticked.text  # at the equipment, without its stop


async def test_and_also_under_ticks_to_validate_adds_to_them(client, services):
    """"Et aussi une imprimante-scanner et le wifi pour le public, valider" under the equipment the chat had ticked
    was taken for a correction of the answer before: « Je n'ai pas pu reprendre votre modification »."""
    await yes_no_said.reach(client, services, 4, "tech_solution")
    await client.send("La visio, et un poste en libre-service.")
    said, *_ = await client.send("Et aussi une imprimante-scanner et le wifi pour le public, valider")
    assert said.text.startswith("➡️ Réponse retenue : Postes informatiques, Imprimante et scanner, Wi-Fi pour le public")
    assert versions(services, "tech_equipements") == [["postes_informatiques", "imprimante_scanner", "wifi_public"]]
    assert versions(services, "tech_solution") == [["visio"]]


async def test_the_three_required_spaces_said_as_required(client, services):
    """"Les trois obligatoires, plus le coin documentation." ticked the documentation alone, the question's help
    naming the three spaces the cahier des charges requires."""
    await yes_no_said.reach(client, services, 4, "tech_espaces")
    said, note, _ = await client.send("Les trois obligatoires, plus le coin documentation.")
    assert said.text == ("➡️ Réponse retenue : Point d'accueil, Point d'attente, Espace confidentiel, Espace "
                         "documentation.")
    assert note.text == "ℹ️ Les trois espaces que demande le cahier des charges sont cochés."


async def test_a_sentence_after_a_name_is_said_not_kept(client, services):
    """"Deux agents à recruter d'ici avril, les fiches de poste sont en cours de rédaction." kept the first part and
    left the sentence out without a word."""
    await yes_no_said.reach(client, services, 5, "equipe_agent_accueil")
    said, _ = await client.send("Deux agents à recruter d'ici avril, les fiches de poste sont en cours de rédaction.")
    assert said.text == kept_without("Deux agents à recruter d'ici avril",
                                     "les fiches de poste sont en cours de rédaction")


async def test_a_total_said_first_then_each_share_is_the_total(client, services):
    """"1,6 au total, 0,8 chacun" was « Tapez le total pour toutes les personnes »."""
    await yes_no_said.reach(client, services, 5, "equipe_etp_accueil")
    said, _ = await client.send("1,6 au total, 0,8 chacun")
    assert versions(services, "equipe_etp_accueil") == ["1.6"]
    assert said.text.startswith("➡️ Réponse retenue : 1,6")


async def test_the_same_ones_then_a_sentence_copies_who_does_the_function_before(client, services):
    """"Les mêmes deux agents, ils feront les deux." at the accompaniment was stored as the name of who does it."""
    await meant_input.answer_the_reception(client, "Deux agents à recruter d'ici avril", "1,6", "4")
    said, _ = await client.send("Les mêmes deux agents, ils feront les deux.")
    assert said.text == "➡️ Réponse retenue : Deux agents à recruter d'ici avril."
    assert versions(services, "equipe_agent_accompagnement") == ["Deux agents à recruter d'ici avril"]


async def test_the_same_time_as_another_function_is_not_counted_twice(client, services):
    """"Pareil, 1,6 en tout mais c'est le même temps que l'accueil" kept 1,6 at the accompaniment too: the dossier
    would have added the same hours twice."""
    await meant_input.answer_the_reception(client, "Deux agents à recruter d'ici avril", "1,6", "4")
    await client.send("les mêmes")
    refused, _ = await client.send("Pareil, 1,6 en tout mais c'est le même temps que l'accueil")
    assert "les chiffres s'additionnent" in refused.text
    assert versions(services, "equipe_etp_accompagnement") == []


async def test_a_name_then_who_she_is_keeps_the_name(client, services):
    """"À Mme Lemoine directement, c'est elle qui suit le dossier." was the name of whom the dossier goes to."""
    await yes_no_said.reach(client, services, 7, "label_destinataire")
    said, _ = await client.send("À Mme Lemoine directement, c'est elle qui suit le dossier.")
    assert said.text == kept_without("Mme Lemoine", "c'est elle qui suit le dossier")
    assert versions(services, "label_destinataire") == ["Mme Lemoine"]


async def test_a_yes_said_with_the_questions_own_words_and_more_is_a_yes(client, services):
    """"Oui, une seule demande comme l'a expliqué la préfecture." was « Votre réponse laisse un doute »: « seule »
    is the question's own word, and nothing in it doubts or restricts the yes."""
    await yes_no_said.reach(client, services, 7, "label_demande_unique", FRANCE_SERVICES_RULES)
    said, _ = await client.send("Oui, une seule demande comme l'a expliqué la préfecture.")
    assert said.text == kept_without("Oui", "une seule demande comme l'a expliqué la préfecture")
    assert versions(services, "label_demande_unique") == [True]


async def test_a_charge_described_then_its_amount_after_a_comma_is_one_line(client, services):
    """"Salaires : 2 agents à 0,8 ETP, environ 52 000 € charges comprises, …" was « Il manque le montant de
    « Salaires : 2 agents à 0,8 ETP » », no line added."""
    await budget_typed.reach(client, services, "budget_charges_fonctionnement")
    added, *_ = await client.send("Salaires : 2 agents à 0,8 ETP, environ 52 000 € charges comprises, déplacements "
                                  "pour l'itinérance 2 500 €")
    assert budget_typed.seen(added).startswith("➕ Lignes ajoutées :\n• 2 agents à 0,8 ETP : 52 000 € (Salaires et "
                                               "charges)\n")
    assert [line[2] for line in budget_typed.stored(services)] == [5_200_000, 250_000]


async def test_a_symbolic_rent_is_a_line_and_no_clause_is_lost_without_a_word(client, services):
    """"…, plus ma part de coordination 18 000 €. Loyer 1 € symbolique. Téléphone et internet 1 200 €, …" added
    three lines and asked for « ma part de coordination », « Les autres lignes sont ajoutées »: the rent, whose
    "symbolique" was read as a line without its amount, was lost without a word."""
    await budget_typed.reach(client, services, "budget_charges_fonctionnement")
    added, refused, _ = await client.send("plus ma part de coordination 18 000 €. Loyer 1 € symbolique. Téléphone "
                                          "1 200 €")
    assert "• Loyer ou hébergement : 1 €" in budget_typed.seen(added)
    assert refused.text.startswith("⚠️ Je n'ai pas reconnu « ma part de coordination ».")
    refused, _ = await client.send("ma part de coordination 18 000 €, fournitures de bureau, formation 500 €, "
                                   "communication 300 €")
    assert refused.text.endswith("Aucune ligne n'a été ajoutée.")  # two clauses not read: none added, none lost
    assert [line[0] for line in budget_typed.stored(services)] == ["loyer_hebergement", "telecoms"]


async def test_that_is_all_validate_said_together_validates_the_lines(client, services):
    """"c'est tout, valider" under the charges typed was « Pour le budget, touchez une catégorie… »."""
    await budget_typed.reach(client, services, "budget_charges_fonctionnement")
    await client.send("loyer 6 000 €")
    replies = await client.send("c'est tout, valider")
    assert not any(reply.text.startswith("⚠️") for reply in replies)
    assert question_in(services.guide, replies[-1]).id != "budget_charges_fonctionnement"


async def test_the_letter_is_made_at_the_commune_without_the_addresss_aside(client, services):
    """Bourganeuf: the carrier's seat typed "2 rue de la Mairie 23400 Bourganeuf (au 1er étage, au-dessus de la
    médiathèque)" ended the letter to the Préfecture with « Fait à Bourganeuf (au 1er étage, le 6 décembre 2026 »."""
    await yes_no_said.reach(client, services, 3, "port_adresse")
    await client.send("2 rue de la Mairie 23400 Bourganeuf (au 1er étage, au-dessus de la médiathèque)")
    letter = " ".join(" ".join(page_texts(render_dossier_pdf(view.build(services, draft=True)))).split())
    assert "Fait à Bourganeuf, le 20 juin 2027" in letter


async def test_all_with_the_tool_used_is_no_other_thing_measured(client, services):
    """"Les trois, avec l'outil de l'ANCT je crois." added « l'outil de l'ANCT » to what the dashboard measures: the
    dossier printed « fréquentation, services rendus, activité du lieu et l'outil de l'ANCT »."""
    await yes_no_said.reach(client, services, 8, "dev_indicateurs", FRANCE_SERVICES_RULES)
    said, *_ = await client.send("Les trois, avec l'outil de l'ANCT je crois.")
    assert said.text.startswith("➡️ Réponse retenue : Fréquentation, Services rendus, Activité du lieu.")
    assert versions(services, "dev_indicateurs") == [["frequentation", "services_rendus", "activite_lieu"]]
    assert versions(services, "dev_indicateurs_autre") == []
