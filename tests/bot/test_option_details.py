"""What a list of options is said with: the options ticked, and the chat saying which words it does not keep.

Through the real Application and the fake Bot API, as a chargée de mission in French Guiana typed her stakes.
"""
from __future__ import annotations

import pytest

from dialogs.parsing import same_answer_as
from tests.bot.test_conversation import create_project
from tests.bot.test_meant_input import reach_stakes, reach_team_functions, versions
from tests.bot.test_yes_no_said import reach as reach_in_stage
from tests.support.telegram import FRANCE_SERVICES_RULES
from tests.support.walk import answer_until, kept_without, question_in

NOT_KEPT = "ℹ️ Cette question ne garde pas de précision : "


async def test_an_option_then_a_colon_and_what_it_is_about_ticks_the_option(client, services):
    """"l'accompagnement des personnes : beaucoup d'habitants ne parlent pas bien le français" was an « Autre »
    holding the whole text, the option it names not ticked."""
    guide = services.guide
    await reach_stakes(client)
    await client.click("Cohésion sociale")
    await client.click("Valider")
    said, asked = await client.send("l'accompagnement des personnes : beaucoup d'habitants ne parlent pas bien le "
                                    "français (bushinengué, amérindiens, brésiliens)")
    assert said.text == ("➡️ Réponse retenue : Accompagnement des personnes.\n" + NOT_KEPT + "« beaucoup d'habitants"
                         " ne parlent pas bien le français (bushinengué, amérindiens, brésiliens) » n'est pas "
                         "enregistré.")
    assert versions(services, "enjeux_cohesion") == [["accompagnement_personnes"]]
    assert versions(services, "enjeux_cohesion_autre") == []
    assert question_in(guide, asked).id == "objectifs"
    # « Autre : … » and « Autre (…) » are the « Autre » and its wording, which was lost and asked for again.
    for back, typed in ((1, "autre : la traduction"), (2, "Autre (l'aide dans sa langue)")):
        for _ in range(back):  # past the « Autre »'s wording, once it is asked
            await client.click("↩️ Retour")
        said, asked = await client.send(typed)
        assert said.text.startswith("➡️ Réponse retenue : Autre.\n📝 Et à « Quel autre enjeu de cohésion sociale ? »")
        assert question_in(guide, asked).id == "objectifs"
    assert versions(services, "enjeux_cohesion")[-1] == ["autre"]
    assert versions(services, "enjeux_cohesion_autre") == ["la traduction", "l'aide dans sa langue"]


async def test_people_called_les_gens_are_the_people_the_option_names(client, services):
    """Haut-Allier: "accompagnement des gens surtout pr les demarches en ligne, bcp de personnes agees" was an
    « Autre » holding the whole text, which the dossier would print as a stake of its own."""
    await reach_stakes(client)
    await client.click("Cohésion sociale")
    await client.click("Valider")
    said, *_, asked = await client.send("accompagnement des gens surtout pr les demarches en ligne, "
                                        "bcp de personnes agees")
    assert said.text == ("➡️ Réponse retenue : Accompagnement des personnes.\n" + NOT_KEPT + "« surtout pr les "
                         "demarches en ligne », « bcp de personnes agees » ne sont pas enregistrés.")  # not its words
    assert versions(services, "enjeux_cohesion") == [["accompagnement_personnes"]]
    assert versions(services, "enjeux_cohesion_autre") == []
    assert question_in(services.guide, asked).id == "objectifs"


@pytest.mark.parametrize(("typed", "reason"), [
    ("le maillage parce qu'on a perdu la trésorerie", "parce qu'on a perdu la trésorerie"),
    ("surtout le maillage, car la poste ne fait plus que 3 matinées", "car la poste ne fait plus que 3 matinées")])
async def test_the_reason_given_for_an_option_is_said_not_kept(client, services, typed, reason):
    """"le maillage parce qu'on a perdu la trésorerie" was an « Autre » holding the whole text, the option it names
    not ticked; after a comma, "car…" was an « Autre » of its own."""
    await reach_stakes(client)
    said, asked = await client.send(typed)
    assert said.text == f"➡️ Réponse retenue : Maillage territorial.\n{NOT_KEPT}« {reason} » n'est pas enregistré."
    assert versions(services, "enjeux") == [["maillage_territorial"]]
    assert question_in(services.guide, asked).id == "enjeux_maillage"


async def test_details_in_brackets_or_stressed_are_said_not_kept(client, services):
    """"Les deux, et surtout l'isolement : …", "disparition des services (la trésorerie a fermé…)": the options
    were ticked and the rest dropped without a word."""
    guide = services.guide
    await reach_stakes(client)
    said, asked = await client.send("Les deux, et surtout l'isolement : Maripasoula n'est accessible que par avion")
    assert said.text == ("➡️ Réponse retenue : Cohésion sociale, Maillage territorial.\n" + NOT_KEPT + "« surtout "
                         "l'isolement : Maripasoula n'est accessible que par avion » n'est pas enregistré.")
    assert versions(services, "enjeux") == [["cohesion_sociale", "maillage_territorial"]]
    await client.click("Passer")
    assert question_in(guide, client.last()).id == "enjeux_maillage"
    said, asked = await client.send("isolement, disparition des services (la trésorerie a fermé, la Poste ouvre 2 "
                                    "jours par semaine), couverture (pas de banque)")
    assert said.text == ("➡️ Réponse retenue : Isolement territorial, Couverture spatiale des équipements, "
                         "Disparition de services classiques.\n" + NOT_KEPT + "« la trésorerie a fermé, la Poste "
                         "ouvre 2 jours par semaine », « pas de banque » ne sont pas enregistrés.")
    assert question_in(guide, asked).id == "objectifs"
    # Options' words alone, or with words that only lead to them, keep nothing out: nothing said.
    await client.click("↩️ Retour")
    said, _ = await client.send("isolement et quelques disparitions de services")
    assert said.text == "➡️ Réponse retenue : Isolement territorial, Disparition de services classiques."


async def reach(client, services, question_id: str = "operateurs"):
    """A France services project at stage 1's question, « Quels partenaires nationaux… sont présents ? » unless
    told, each question before it answered."""
    await create_project(client, "France services de Maripasoula", "Commune de Maripasoula (Guyane)",
                         FRANCE_SERVICES_RULES)
    guide = services.engine.referentials["france_services"].guide
    await answer_until(client, guide, [client.last()], question_id)
    return guide


async def test_an_operator_inside_a_part_is_suggested_and_one_gone_is_not_an_other_one(client, services):
    """Saint-Éloy: "…, une permanence MSA le jeudi, …, plus de trésorerie" stored « Autre » worded "une permanence MSA
    le jeudi, de trésorerie", the MSA unticked."""
    await reach(client, services)
    typed = ("La Poste à Saint-Éloy, une permanence MSA le jeudi, la CAF et la CPAM seulement à Riom, plus de "
             "trésorerie")
    refused, _ = await client.send(typed)
    assert refused.text == (
        "⚠️ Je n'ai pas reconnu « une permanence MSA le jeudi ». Vouliez-vous dire 5. MSA ?\n☑️ J'ai coché : La Poste, "
        "CAF, Assurance maladie (CPAM). Touchez ce qui manque, puis « ✅ Valider ».\n📝 Votre texte est noté pour "
        "« Comment ces opérateurs délivrent-ils leurs services sur le territoire ? »")
    await client.click("MSA")
    await client.click("Valider")
    assert versions(services, "operateurs") == [["la_poste", "caf", "cnam", "msa"]]
    assert versions(services, "offre_operateurs") == [typed]


async def test_numbers_typed_under_options_ticked_for_the_user_add_to_them(client, services):
    """Haut-Allier: "3 4 6 9" typed after « J'ai coché : La Poste, France Travail, MSA. Touchez ce qui manque »
    stored the CAF, the CPAM, the Carsat and the DGFiP alone, La Poste, France Travail and the MSA lost, and was
    refused as the text of « Comment ces opérateurs délivrent-ils… ? »."""
    guide = await reach(client, services)
    typed = "poste (2 bureaux + 1 APC), MSA a brioude, france travail brioude, une permanence CAF au Puy"
    refused, _ = await client.send(typed)
    assert "☑️ J'ai coché : La Poste, France Travail (ex-Pôle emploi), MSA." in refused.text
    said, asked = await client.send("3 4 6 9")
    assert said.text == ("➡️ Réponse retenue : La Poste, France Travail (ex-Pôle emploi), CAF, Assurance maladie "
                         "(CPAM), MSA, Carsat (Assurance retraite), Finances publiques (DGFiP).")
    assert versions(services, "operateurs") == [["la_poste", "pole_emploi", "caf", "cnam", "msa", "carsat", "dgfip"]]
    assert versions(services, "offre_operateurs") == [typed]
    assert question_in(guide, asked).id == "acteurs_locaux"  # the text noted answers the question after


async def test_an_other_one_typed_under_options_ticked_for_the_user_adds_to_them(client, services):
    """Plouaret: "Autre : la Mission locale Ouest Côtes-d'Armor" typed under the thirteen national partners ticked
    from "Tous les partenaires nationaux, plus la Mission locale et le point justice." stored « Autre » alone."""
    await reach(client, services)
    refused, _ = await client.send("La Poste, la CAF, la Mission locale et le point justice")
    assert "☑️ J'ai coché : La Poste, CAF." in refused.text
    said, *_ = await client.send("Autre : la Mission locale Ouest Côtes-d'Armor")
    assert said.text.startswith("➡️ Réponse retenue : La Poste, CAF, Autre.")
    assert versions(services, "operateurs") == [["la_poste", "caf", "autre"]]
    assert versions(services, "operateurs_autre") == ["la Mission locale Ouest Côtes-d'Armor"]


async def test_nothing_else_said_after_the_operators_is_no_other_one(client, services):
    """Haut-Allier: "…, france travail brioude, rien d'autre de precis" stored « Autre » worded "rien d'autre de
    precis"."""
    await reach(client, services)
    said, *_ = await client.send("poste (2 bureaux + 1 APC), MSA a brioude, france travail brioude, rien d'autre de "
                                 "precis")
    assert said.text.startswith("➡️ Réponse retenue : La Poste, France Travail (ex-Pôle emploi), MSA.\n")
    assert versions(services, "operateurs") == [["la_poste", "pole_emploi", "msa"]]
    assert versions(services, "operateurs_autre") == []


async def test_the_other_operators_said_elsewhere_are_no_other_one(client, services):
    """Plouaret: "La Poste (…), la MSA qui tient une permanence un mardi par mois. Les autres sont à Lannion ou à
    Guingamp." was asked « Vouliez-vous dire 15. Autre ? »."""
    guide = await reach(client, services)
    typed = ("La Poste (agence postale communale), la MSA qui tient une permanence un mardi par mois. Les autres sont "
             "à Lannion ou à Guingamp.")
    said, asked = await client.send(typed)
    assert said.text.startswith("➡️ Réponse retenue : La Poste, MSA.\n")
    assert versions(services, "operateurs") == [["la_poste", "msa"]]
    assert versions(services, "operateurs_autre") == []
    assert versions(services, "offre_operateurs") == [typed]  # where and how, the others' included
    assert question_in(guide, asked).id == "acteurs_locaux"


@pytest.mark.parametrize(("question_id", "typed", "said", "stored"), [
    # "Le directeur régional, je n'ai pas encore son nom." was refused as a sentence, the function lost; "…, nom à
    # confirmer" stored "Le directeur régional, nom".
    ("part_signataire_la_poste", "Le directeur régional, je n'ai pas encore son nom.", "Le directeur régional.\nℹ️ "
     "Cette question ne garde pas de précision : « je n'ai pas encore son nom » n'est pas enregistré.",
     "Le directeur régional"),
    # "En discussion avec Mme Kerhervé." at « Où en est la convention locale avec La Poste ? » was « En discussion »,
    # "avec Mme Kerhervé" gone without a word.
    ("part_convention_la_poste", "En discussion avec Mme Kerhervé.", "En discussion.\nℹ️ Cette question ne garde pas "
     "de précision : « avec Mme Kerhervé » n'est pas enregistré.", "en_discussion")])
async def test_what_a_partner_s_answer_is_said_with_is_said_not_kept(client, services, question_id, typed, said,
                                                                     stored):
    """Plouaret, at La Poste's questions: the answer kept, what it was said with said not kept."""
    await reach(client, services, question_id)
    understood, _ = await client.send(typed)
    assert understood.text == "➡️ Réponse retenue : " + said
    assert versions(services, question_id) == [stored]


async def test_a_partner_s_name_said_with_a_doubt_keeps_the_name_and_says_the_doubt_not_kept(client, services):
    """Haut-Allier: "la poste - direction du reseau… haute-loire je crois, a confirmer" was the name the
    convention-cadre prints, with a notice that « je » named no one."""
    await reach(client, services, "part_nom_la_poste")
    said, _ = await client.send("la poste - direction du reseau et de la banque haute-loire je crois, a confirmer")
    assert said.text == ("➡️ Réponse retenue : la poste - direction du reseau et de la banque haute-loire.\nℹ️ Cette "
                         "question ne garde pas de précision : « je crois, a confirmer » n'est pas enregistré.")
    assert versions(services, "part_nom_la_poste") == ["la poste - direction du reseau et de la banque haute-loire"]


async def test_a_referent_not_named_yet_is_left_for_later(client, services):
    """Haut-Allier: "pas encore designe, a voir avec la DR" was stored as La Poste's internal referent."""
    await reach(client, services, "part_referent_la_poste")
    said, _ = await client.send("pas encore designe, a voir avec la DR")
    assert said.text.endswith("➡️ à compléter plus tard")
    assert versions(services, "part_referent_la_poste") == [None]


async def test_the_cgss_typed_outre_mer_ticks_the_four_partners_it_stands_for(client, services):
    """"la CGSS" in French Guiana was an « Autre » operator, and the project lacked four national partners."""
    guide = await reach(client, services)
    replies = await client.send("La Poste (2 jours par semaine), la CGSS en permanence mensuelle, la CAF, la "
                                "gendarmerie pour les pré-plaintes")
    assert [reply.text for reply in replies[:-1]] == [
        "➡️ Réponse retenue : La Poste, CAF, Assurance maladie (CPAM), MSA, Carsat (Assurance retraite), Urssaf, "
        "Autre.\n📝 Et à « Quel autre opérateur ? », j'ai noté : la gendarmerie pour les pré-plaintes.",
        "ℹ️ Outre-mer, la CGSS remplit les missions de l'Assurance maladie, de la MSA, de l'Assurance retraite et de "
        "l'Urssaf : ces quatre partenaires sont cochés.",
        "➡️ Réponse retenue pour « Comment ces opérateurs délivrent-ils leurs services sur le territoire ? » : La "
        "Poste (2 jours par semaine), la CGSS en permanence mensuelle, la CAF, la gendarmerie pour les pré-plaintes."]
    assert versions(services, "operateurs") == [["la_poste", "caf", "cnam", "msa", "carsat", "urssaf", "autre"]]
    assert versions(services, "operateurs_autre") == ["la gendarmerie pour les pré-plaintes"]
    assert question_in(guide, replies[-1]).id == "acteurs_locaux"  # the details were for the question after
    # Stage 2's partners, by its full name: the same four, and the note.
    await client.send("/menu")
    replies = await client.click("2.")
    replies = await answer_until(client, guide, replies, "part_operateurs")
    replies = await client.send("La Poste, France Travail, la Caisse générale de sécurité sociale de la Guyane")
    assert replies[0].text == ("➡️ Réponse retenue : La Poste, France Travail (ex-Pôle emploi), Assurance maladie "
                               "(CPAM), MSA, Carsat (Assurance retraite), Urssaf.")
    assert replies[1].text.startswith("ℹ️ Outre-mer, la CGSS remplit")
    assert versions(services, "part_operateurs") == [["la_poste", "pole_emploi", "cnam", "msa", "carsat", "urssaf"]]


async def test_the_cssm_typed_in_mayotte_ticks_the_four_partners_it_stands_for(client, services):
    """"la CSSM" in Mayotte, where no CGSS exists, was an « Autre » operator beside "la prefecture (titres de
    sejour)", which is the Ministry of the Interior's."""
    guide = await reach(client, services)
    said, note, asked = await client.send("La Poste, France Travail, la CSSM, les impots, la prefecture (titres de "
                                          "sejour)")
    assert said.text.startswith(
        "➡️ Réponse retenue : La Poste, France Travail (ex-Pôle emploi), CAF, Assurance maladie (CPAM), Carsat "
        "(Assurance retraite), Ministère de l'Intérieur (ANTS), Finances publiques (DGFiP), Urssaf.\n")
    assert note.text == ("ℹ️ À Mayotte, la CSSM remplit les missions de la CAF, de l'Assurance maladie, de "
                         "l'Assurance retraite et de l'Urssaf : ces quatre partenaires sont cochés.")
    assert versions(services, "operateurs") == [
        ["la_poste", "pole_emploi", "caf", "cnam", "carsat", "interieur", "dgfip", "urssaf"]]
    assert question_in(guide, asked).id == "acteurs_locaux"


async def test_a_list_with_an_autre_and_details_answers_the_question_its_details_are_for(client, services):
    """"acces au droit (CDAD de Mayotte), et la traduction avec des mediateurs": "CDAD de Mayotte" was said not
    kept, then « Quels partenaires pourraient porter ces thématiques ? » asked for it."""
    guide = await reach(client, services, "thematiques")
    said, along, asked = await client.send("acces au droit (CDAD de Mayotte), et la traduction avec des mediateurs")
    assert said.text == ("➡️ Réponse retenue : Accès au droit, Autre.\n📝 Et à « Quelle autre thématique ? », j'ai "
                         "noté : la traduction avec des mediateurs.")
    assert along.text == ("➡️ Réponse retenue pour « Quels partenaires pourraient porter ces thématiques ? » : acces "
                          "au droit (CDAD de Mayotte), et la traduction avec des mediateurs.")
    assert versions(services, "partenaires_thematiques") == [
        "acces au droit (CDAD de Mayotte), et la traduction avec des mediateurs"]
    assert question_in(guide, asked).id == "rencontres_bilaterales"
    # Options' names and an « Autre » say nothing more: nothing for that question.
    await client.click("↩️ Retour")
    await client.click("↩️ Retour")
    await client.click("↩️ Retour")
    await client.send("culture, et la traduction")
    assert versions(services, "partenaires_thematiques") == [
        "acces au droit (CDAD de Mayotte), et la traduction avec des mediateurs"]


async def test_a_list_said_with_what_the_next_question_asks_answers_it_too(client, services):
    """"médico-social (médiation santé avec ADER) et accès au droit (CDAD de Guyane…)": the partners asked right
    after were said not kept, then asked for again."""
    guide = await reach(client, services)
    said, note, _ = await client.send("La Poste (2 jours par semaine), la CGSS en permanence mensuelle, la CAF une "
                                      "fois par trimestre")
    assert said.text == ("➡️ Réponse retenue : La Poste, CAF, Assurance maladie (CPAM), MSA, Carsat (Assurance "
                         "retraite), Urssaf.\n📝 Et à « Comment ces opérateurs délivrent-ils leurs services sur le "
                         "territoire ? », j'ai noté : La Poste (2 jours par semaine), la CGSS en permanence mensuelle, "
                         "la CAF une fois par trimestre.")
    assert note.text.startswith("ℹ️ Outre-mer, la CGSS")
    assert versions(services, "offre_operateurs") == [
        "La Poste (2 jours par semaine), la CGSS en permanence mensuelle, la CAF une fois par trimestre"]
    assert question_in(guide, client.last()).id == "acteurs_locaux"
    # The names alone say nothing more: the details already given stay.
    await client.click("↩️ Retour")
    await client.click("↩️ Retour")
    await client.send("La Poste, la CGSS, la CAF")
    assert question_in(guide, client.last()).id == "acteurs_locaux"
    assert len(versions(services, "offre_operateurs")) == 1
    said, asked = await client.send("la mairie, les associations (ADER, Aides)")
    assert said.text.endswith("j'ai noté : la mairie, les associations (ADER, Aides).")
    assert question_in(guide, asked).id == "attentes_acteurs"
    await client.send("Un relais pour les dossiers incomplets")
    said, asked = await client.send("médico-social (médiation santé avec ADER) et accès au droit (CDAD de Guyane)")
    assert said.text == ("➡️ Réponse retenue : Accès au droit, Médico-social.\n📝 Et à « Quels partenaires "
                         "pourraient porter ces thématiques ? », j'ai noté : médico-social (médiation santé avec "
                         "ADER) et accès au droit (CDAD de Guyane).")
    assert question_in(guide, asked).id == "rencontres_bilaterales"
    assert versions(services, "thematiques") == [["acces_au_droit", "medico_social"]]


async def test_an_option_said_in_its_own_words_with_an_aside_is_no_other_service(client, services):
    """"services avec la préfecture (titres de séjour, cartes grises), interprétariat" was one « Autre » holding
    it all, « Services délivrés avec la Préfecture » not ticked."""
    guide = await reach(client, services, "part_offre_complementaire")
    said, asked = await client.send("services avec la préfecture (titres de séjour, cartes grises), interprétariat")
    assert said.text == ("➡️ Réponse retenue : Services délivrés avec la Préfecture (permis), Autre.\n" + NOT_KEPT +
                         "« titres de séjour, cartes grises » n'est pas enregistré.\n📝 Et à « Quel autre service "
                         "complétera l'offre ? », j'ai noté : interprétariat.")
    assert versions(services, "part_offre_complementaire") == [["prefecture_permis", "autre"]]
    assert versions(services, "part_offre_complementaire_autre") == ["interprétariat"]
    assert question_in(guide, asked) is None  # the step's recap


async def test_idem_at_a_partner_s_question_copies_the_partner_s_before(client, services):
    """The CGSS signs for four partners outre-mer: "idem" at what the MSA brings was refused, and at La Poste's
    next partner it found no question alike (« part_nom_la_poste » and « part_nom_pole_emploi »)."""
    guide = await reach(client, services, "part_operateurs")
    await client.send("tous")
    await client.send("La Poste, direction régionale Antilles-Guyane")
    await client.send("Retrait d'espèces, colis")
    await client.send("Mme Lucie Pinas, responsable du secteur Ouest")
    await client.send("M. Paul Tiburce, directeur régional")
    await client.send("la formation des agents")
    await client.click("Passer")
    await client.click("En discussion")
    assert question_in(guide, client.last()).id == "part_nom_pole_emploi"
    await client.send("France Travail Guyane")
    await client.send("Inscription, suivi en visio")
    said, _ = await client.send("idem")  # the referent: the same person for both, say
    assert said.text == "➡️ Réponse retenue : Mme Lucie Pinas, responsable du secteur Ouest."
    await client.send("le directeur territorial")
    said, asked = await client.send("idem")
    assert said.text == "➡️ Réponse retenue : La formation des agents."
    assert question_in(guide, asked).id == "part_contribution_pole_emploi_detail"
    await client.click("Passer")
    said, _ = await client.send("idem")
    assert said.text == "➡️ Réponse retenue : En discussion."
    assert versions(services, "part_contribution_pole_emploi") == [["formation"]]
    assert versions(services, "part_convention_pole_emploi") == ["en_discussion"]


async def test_the_same_people_said_so_are_copied_from_the_function_before(client, services):
    """"les mêmes" at « Qui assurera l'accompagnement ? » was refused: "idem" only was read so."""
    guide = services.guide
    await reach_team_functions(client, "accueil et accompagnement")
    for answer in ("Deux agents à recruter", "2", "4", "Passer"):
        replies = await (client.click(answer) if answer == "Passer" else client.send(answer))
    assert question_in(guide, replies[-1]).id == "equipe_agent_accompagnement"
    understood, implied, _ = await client.send("les mêmes")
    assert understood.text == "➡️ Réponse retenue : Deux agents à recruter."
    assert implied.text.endswith("chargée de l'accompagnement ? » : À recruter.")
    assert versions(services, "equipe_agent_accompagnement") == ["Deux agents à recruter"]
    assert [same_answer_as(said) for said in ("la même personne", "ce sont les mêmes que pour l'accueil")] == [
        "", "accueil"]
    # Counted, as a phone user says them: "les memes 2 agents" was stored as who accompanies.
    replies = await client.click("↩️ Retour")
    while question_in(guide, replies[-1]).id != "equipe_agent_accompagnement":
        replies = await client.click("↩️ Retour")
    understood, *_ = await client.send("les memes 2 agents")
    assert understood.text == "➡️ Réponse retenue : Deux agents à recruter."
    # Haut-Allier: said again in brackets, "les memes (les 2 agents a recruter)" was stored as who accompanies.
    await client.click("↩️ Retour")
    understood, *_ = await client.send("les memes (les 2 agents a recruter)")
    assert understood.text == "➡️ Réponse retenue : Deux agents à recruter."
    assert versions(services, "equipe_agent_accompagnement")[-1] == "Deux agents à recruter"
    assert [same_answer_as(said) for said in ("les mêmes deux conseillères", "les mêmes 2")] == ["", ""]


async def test_idem_que_la_poste_at_the_carrier_s_contribution_copies_la_poste_s(client, services):
    """A France services in a post office: La Poste carries it and is a partner. "idem" at what the carrier brings
    was "Je n'ai pas reconnu « idem »": it names which answer now, and is told to when it does not."""
    guide = await reach(client, services, "port_contribution")
    la_poste = versions(services, "part_contribution_la_poste")[-1]
    assert la_poste
    refused, _ = await client.send("idem")
    assert refused.text == ("⚠️ Je ne sais pas à quelle réponse « idem » renvoie ici. Cochez les réponses, ou nommez "
                            "celle à reprendre : « idem que La Poste ».")
    said, asked = await client.send("idem que La Poste")
    assert said.text.startswith("➡️ Réponse retenue : ")
    assert versions(services, "port_contribution") == [la_poste]
    assert question_in(guide, asked).id == "port_contribution_detail"
    said, _ = await client.send("idem que La Poste")  # its details too: stored as typed before
    details = versions(services, "part_contribution_la_poste_detail")[-1]
    assert said.text == f"➡️ Réponse retenue : {details}"
    assert versions(services, "port_contribution_detail") == [details]


async def test_all_then_the_list_at_the_carrier_s_contribution_is_no_details_and_idem_naming_nothing_said_so(
        client, services):
    """"tt : le personnel, le local et la formation" was also noted as the contribution's details, word for word;
    "idem que …" naming no answer given was told to type "idem que La Poste"."""
    guide = await reach(client, services, "port_contribution")
    refused, _ = await client.send("idem que le Département")
    assert refused.text == ("⚠️ Je ne trouve pas de réponse déjà donnée pour « idem que le Département ». Cochez "
                            "les réponses.")
    said, asked = await client.send("tt : le personnel, le local et la formation")
    assert said.text == "➡️ Réponse retenue : Du personnel, Des locaux, La formation des agents."
    assert question_in(guide, asked).id == "port_contribution_detail"


async def test_a_plus_before_an_item_and_a_stress_after_an_option_are_no_words_of_it(client, services):
    """"les 2, + l'acces aux droits…" kept "+ l'acces…" as the « Autre »; "accompagnement surtout, …" was an
    « Autre » holding the whole text, « Accompagnement des personnes » not ticked."""
    guide = services.guide
    await reach_stakes(client)
    said, *_, asked = await client.send("les 2, + l'acces aux droits car bcp de gens ne parlent pas bien francais")
    assert said.text.startswith("➡️ Réponse retenue : Cohésion sociale, Maillage territorial, Autre.\n📝 Et à « Quel "
                                "autre enjeu ? », j'ai noté : l'acces aux droits car bcp")
    assert versions(services, "enjeux_autre") == ["l'acces aux droits car bcp de gens ne parlent pas bien francais"]
    assert question_in(guide, asked).id == "enjeux_cohesion"
    said, asked = await client.send("accompagnement surtout, les demarches en ligne sont un gros probleme ici")
    # the sentence ending the list says why, no other stake (the dossier would print it among them)
    assert said.text == kept_without("Accompagnement des personnes", "les demarches en ligne sont un gros probleme ici")
    assert versions(services, "enjeux_cohesion") == [["accompagnement_personnes"]]
    assert question_in(guide, asked).id == "enjeux_maillage"
    said, asked = await client.send("l'isolement avant tout")
    assert said.text == "➡️ Réponse retenue : Isolement territorial."
    assert versions(services, "enjeux_maillage") == [["isolement_territorial"]]


async def test_an_option_said_to_come_is_not_that_option(client, services):
    """"ADSL qui coupe souvent, la fibre arrive en 2027 normalement" suggested « Très haut débit », and "la fibre
    arrive en 2027" took it: the coverage said to come is none the Maison has."""
    await create_project(client, "France services de Bandrélé", "Bandrélé, Mayotte", FRANCE_SERVICES_RULES)
    guide = services.engine.referentials["france_services"].guide
    await client.send("/menu")
    replies = await client.click("4.")
    replies = await answer_until(client, guide, replies, "tech_couverture")
    refused, _ = await client.send("la fibre arrive en 2027")
    assert refused.text.startswith("⚠️ Je n'ai pas reconnu « la fibre arrive en 2027 »") and "1." not in refused.text
    assert versions(services, "tech_couverture") == []
    said, asked = await client.send("ADSL qui coupe souvent, la fibre arrive en 2027 normalement")
    assert said.text == ("➡️ Réponse retenue : Haut débit.\n" + NOT_KEPT + "« qui coupe souvent », « la fibre arrive "
                         "en 2027 normalement » ne sont pas enregistrés.")  # how the ADSL is, said too (Plouaret)
    assert versions(services, "tech_couverture") == ["haut_debit"]
    assert question_in(guide, asked).id == "tech_solution"
    # What it says of an option that no question keeps is said not kept, « Autre » or not.
    said, asked = await client.send("visio avec la CSSM et la prefecture, une box 4G en secours")
    assert said.text == ("➡️ Réponse retenue : Visioconférence, Autre.\n" + NOT_KEPT + "« avec la CSSM et la "
                         "prefecture » n'est pas enregistré.\n📝 Et à « Quelle autre solution ? », j'ai noté : une box "
                         "4G en secours.")
    assert versions(services, "tech_solution") == [["visio", "autre"]]


async def test_groups_of_residents_are_an_other_population_and_a_mistyped_part_names_the_rest_too(client, services):
    """"les personnes âgées, les saisonniers et les jeunes…" suggested « Personnes de passage » for "les personnes
    âgées" and never named the young ones: tapping the suggestion would have lost them."""
    await reach(client, services, "populations_presentes")
    understood = (await client.send("les personnes âgées, les saisonniers et les jeunes qui partent étudier à Corte "
                                    "ou sur le continent"))[0]
    assert understood.text == ("➡️ Réponse retenue : Salariés, Autre.\n📝 Et à « Quelle autre population ? », j'ai "
                               "noté : les personnes âgées, les jeunes qui partent étudier à Corte ou sur le "
                               "continent.")
    await at_stage_question(client, services, "5. ", "equipe_savoir_etre")
    told = (await client.send("polyvalance et la gestion du stress"))[0]
    assert told.text == ("⚠️ Je n'ai pas reconnu « polyvalance » ni « la gestion du stress ». Vouliez-vous dire "
                         "1. Polyvalence ? Utilisez les boutons.")


async def test_what_a_list_says_beyond_its_options_is_quoted_in_the_order_typed(client, services):
    """Saint-Éloy: "surtout des résidents âgés, quelques touristes l'été (lac des Fades) et des saisonniers agricoles"
    said « lac des Fades », « âgés », « agricoles » not kept: the aside first, though typed second."""
    await reach(client, services, "populations_presentes")
    understood = (await client.send("surtout des résidents âgés, quelques touristes l'été (lac des Fades) et des "
                                    "saisonniers agricoles"))[0]
    assert understood.text == kept_without("Résidents, Salariés, Touristes", "âgés", "lac des Fades", "agricoles")


async def test_what_a_choice_says_after_its_option_is_quoted_in_one_piece_as_typed(client, services):
    """"au centre du bourg, à 25 minutes de Zonza, Serra-di-Scopamène, Carbini": the villages were quoted one by one,
    as if each were a remark of its own."""
    await create_project(client, "France services de l'Alta Rocca", "Communauté de communes de l'Alta Rocca "
                         "(Corse-du-Sud)", FRANCE_SERVICES_RULES)
    await at_stage_question(client, services, "4. ", "tech_localisation")
    said = (await client.send("au centre du bourg, à 25 minutes de Zonza, Serra-di-Scopamène, Carbini"))[0]
    assert said.text == ("➡️ Réponse retenue : Dans le bourg-centre.\nℹ️ Cette question ne garde pas de précision : "
                         "« à 25 minutes de Zonza, Serra-di-Scopamène, Carbini » n'est pas enregistré.")


async def at_stage_question(client, services, stage: str, question_id: str) -> None:
    """The stage opened from the menu ("4. "), its questions before this one answered."""
    guide = services.engine.referentials["france_services"].guide
    await client.send("/menu")
    replies = await client.click(stage)
    replies = await answer_until(client, guide, replies, question_id)



@pytest.mark.parametrize(("typed", "said", "chosen", "other"), [
    ("rien de tout ça à part un peu de covoiturage entre voisins",
     "Co-voiturage.\n" + NOT_KEPT + "« entre voisins » n'est pas enregistré.", ["covoiturage"], []),
    ("aucun sauf le SEL", "Système d'échange local (SEL).", ["sel"], []),
    ("rien à part une épicerie ambulante le jeudi",
     "Autre.\n📝 Et à « Quel autre nouveau service ? », j'ai noté : une épicerie ambulante le jeudi.", ["autre"],
     ["une épicerie ambulante le jeudi"])])
async def test_nothing_but_an_option_is_that_option(client, services, typed, said, chosen, other):
    """"rien de tout ça à part un peu de covoiturage entre voisins" was an « Autre » holding the whole text, and
    "aucun sauf le SEL" ticked nothing: "sauf" took the SEL out, as in "tous sauf le SEL"."""
    await reach(client, services, "nouveaux_services")
    replies = await client.send(typed)
    assert replies[0].text == f"➡️ Réponse retenue : {said}"
    assert versions(services, "nouveaux_services") == [chosen]
    assert versions(services, "nouveaux_services_autre") == other


async def test_options_numbers_typed_with_spaces_then_why_tick_those_options(client, services):
    """Les Rousses: "1 3 (tresorerie de morez fermee en 2021, plus de caf a st claude)" was an « Autre » holding
    the whole text; "1, 3 (…)" ticked the two."""
    await reach_stakes(client)
    await client.send("les deux")
    await client.send("accompagnement")
    said, asked = await client.send("1 3 (tresorerie de morez fermee en 2021, plus de caf a st claude)")
    assert said.text == kept_without("Isolement territorial, Disparition de services classiques",
                                     "tresorerie de morez fermee en 2021, plus de caf a st claude")
    assert versions(services, "enjeux_maillage") == [["isolement_territorial", "disparition_services"]]
    assert question_in(services.guide, asked).id == "objectifs"


@pytest.mark.parametrize(("typed", "said", "ticked"), [
    ("tout sauf passage + les travailleurs frontaliers et les saisonniers",
     kept_without("Résidents, Salariés, Touristes", "frontaliers"), ["residents", "salaries", "touristes"]),
    ("tous sauf les personnes de passage, plus les frontaliers",
     "➡️ Réponse retenue : Résidents, Salariés, Touristes, Autre.\n📝 Et à « Quelle autre population ? », j'ai noté : "
     "les frontaliers.", ["residents", "salaries", "touristes", "autre"])])
async def test_what_follows_a_plus_after_all_but_is_ticked_too(client, services, typed, said, ticked):
    """Les Rousses: "tout sauf passage + les travailleurs frontaliers et les saisonniers" ticked Résidents and
    Touristes alone: what followed the "+" was left out with the « Personnes de passage »."""
    await reach(client, services, "populations_presentes")
    understood, *_ = await client.send(typed)
    assert understood.text == said
    assert versions(services, "populations_presentes") == [ticked]


async def test_an_option_s_acronym_and_a_short_word_tick_it_with_what_follows(client, services):
    """Les Rousses: "covoit (rezo pouce), un SEL aux rousses je crois, la navette station l'hiver" was an « Autre »
    holding the whole text: "covoit" was no word of « Co-voiturage », "un SEL aux rousses" none of « Système
    d'échange local (SEL) »."""
    await reach(client, services, "nouveaux_services")
    understood, *_ = await client.send("covoit (rezo pouce), un SEL aux rousses je crois, la navette station l'hiver")
    assert understood.text == (
        "➡️ Réponse retenue : Co-voiturage, Système d'échange local (SEL), Autre.\nℹ️ Cette question ne garde pas de "
        "précision : « rezo pouce », « aux rousses je crois » ne sont pas enregistrés.\n📝 Et à « Quel autre nouveau "
        "service ? », j'ai noté : la navette station l'hiver.")
    assert versions(services, "nouveaux_services") == [["covoiturage", "sel", "autre"]]
    assert versions(services, "nouveaux_services_autre") == ["la navette station l'hiver"]


async def test_a_meeting_to_come_added_to_those_held_is_not_counted(client, services):
    """Les Rousses: "2 (caf en novembre, mairie des rousses) + 1 prevue avec la msa" was refused, the total asked."""
    await reach(client, services, "rencontres_bilaterales")
    understood, *_ = await client.send("2 (caf en novembre, mairie des rousses) + 1 prevue avec la msa")
    assert understood.text == kept_without("2", "caf en novembre, mairie des rousses", "1 prevue avec la msa")
    assert versions(services, "rencontres_bilaterales") == [2]


async def test_no_visit_yet_is_none_visited_and_the_visit_to_come_said_not_kept(client, services):
    """Les Rousses: "non, on doit aller voir celle de morbier en janvier" was "Je n'ai pas reconnu un nombre"."""
    await reach(client, services, "visites_maisons")
    understood, *_ = await client.send("non, on doit aller voir celle de morbier en janvier")
    assert understood.text == kept_without("0", "on doit aller voir celle de morbier en janvier")
    assert versions(services, "visites_maisons") == [0]


@pytest.mark.parametrize("typed", ["les 5 bien sur", "tous, évidemment"])
async def test_every_option_said_with_of_course_ticks_them(client, services, typed):
    """Les Rousses: "les 5 bien sur" at the base offer's five services was "Je n'ai pas reconnu « les 5 bien sur »"."""
    await reach(client, services, "part_offre_base")
    understood, *_ = await client.send(typed)
    assert understood.text.startswith("➡️ Réponse retenue : Accueil, Accompagnement à l'utilisation des services en "
                                      "ligne, ")
    assert "ℹ️" not in understood.text
    assert len(versions(services, "part_offre_base")[0]) == 5


async def test_all_thirteen_and_one_still_to_see_ticks_the_thirteen(client, services):
    """Les Rousses: "les 13 + l'OCAS? (office cantonal suisse) a voir" was an « Autre » holding the whole text: "les
    13" was not read (one digit only), and the body still to see was no decided one."""
    await reach(client, services, "part_operateurs")
    understood, *_ = await client.send("les 13 + l'OCAS? (office cantonal suisse) a voir")
    assert understood.text.endswith("Agirc-Arrco (retraite complémentaire), Urssaf.\nℹ️ Cette question ne garde pas de "
                                    "précision : « l'OCAS? (office cantonal suisse) a voir » n'est pas enregistré.")
    assert len(versions(services, "part_operateurs")[0]) == 13


async def test_the_carrier_s_own_premises_are_an_answer_of_their_own(client, services):
    """Les Rousses: a France services in the post office had no answer to « Comment disposerez-vous des locaux ? »:
    "c'est le local de la poste" was refused, « Bâtiment public existant » suggested."""
    await reach_in_stage(client, services, 4, "tech_foncier")
    said, _ = await client.send("c'est le local de la poste (propriete de La Poste Immobilier)")
    assert said.text == ("➡️ Réponse retenue : Locaux existants de la structure porteuse.\nℹ️ Cette question ne garde "
                         "pas de précision : « propriete de La Poste Immobilier » n'est pas enregistré.")
    assert versions(services, "tech_foncier") == ["locaux_porteur"]


async def test_surfaces_said_with_what_they_are_make_their_total(client, services):
    """Les Rousses: "env 45m2 pour l'espace FS + le bureau confidentiel de 9m2" asked for the total."""
    await reach_in_stage(client, services, 4, "tech_surface")
    said, _ = await client.send("env 45m2 pour l'espace FS + le bureau confidentiel de 9m2")
    assert said.text == "➡️ Réponse retenue : 54."
    assert versions(services, "tech_surface") == [54]


async def test_a_documentation_corner_said_short_is_the_documentation_space(client, services):
    """Les Rousses: "…, un coin doc. …" at « Quels espaces la Maison comptera-t-elle ? » was not recognised."""
    await reach_in_stage(client, services, 4, "tech_espaces")
    said, *_ = await client.send("accueil (commun avec la poste), attente (3 chaises), bureau confidentiel, un coin doc")
    assert said.text.startswith("➡️ Réponse retenue : Point d'accueil, Point d'attente, Espace confidentiel, Espace "
                                "documentation.")
    assert versions(services, "tech_espaces") == [["point_accueil", "point_attente", "espace_confidentiel",
                                                   "documentation"]]


async def test_a_yes_before_a_text_answer_is_not_kept_for_the_dossier(client, services):
    """Les Rousses: "oui, panneau au rond-point de la N5 a demander au departement" at « Comment assurez-vous
    l'accès au lieu pour tous les publics ? » was printed "Accès pour tous les publics : oui, panneau…"."""
    await reach_in_stage(client, services, 4, "tech_acces_tous")
    await client.send("oui, panneau au rond-point de la N5 a demander au departement")
    assert versions(services, "tech_acces_tous") == ["panneau au rond-point de la N5 a demander au departement"]
