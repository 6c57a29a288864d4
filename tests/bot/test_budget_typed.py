"""Budget lines typed at the guide's budget questions, through the real application: stored as the buttons
would store them, or refused with nothing stored."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from store.models import BudgetLine
from store.repo import Repository
from tests.bot.test_budget_chat import seen
from tests.bot.test_conversation import create_project
from tests.bot.test_meant_input import versions
from tests.support.walk import kept_without, question_in


async def reach(client, services, question_id: str):
    """The budget stage opened from the menu, then questions passed until this one is asked."""
    await create_project(client)
    await client.send("/menu")
    replies = await client.click("6. Préparer le budget")
    while (asked := question_in(services.guide, replies[-1])) is None or asked.id != question_id:
        replies = await client.click("Étape suivante" if asked is None else "Passer")
    return replies[-1]


def stored(services) -> list[tuple]:
    with services.database.connect() as connection:
        return [tuple(row) for row in connection.execute(
            select(BudgetLine.category, BudgetLine.label, BudgetLine.cents, BudgetLine.use).order_by(BudgetLine.id))]


async def test_charges_typed_as_one_says_them_are_added_and_the_question_lists_them(client, services):
    asked = await reach(client, services, "budget_charges_fonctionnement")
    assert "ou tapez-la avec son montant (Loyer 6 000 €)" in seen(asked)
    replies = await client.send("salaires 70 000 €, loyer 6 000 € et 3 000 € de ménage")
    assert seen(replies[0]) == ("➕ Lignes ajoutées :\n• Salaires et charges : 70 000 €\n"
                                "• Loyer ou hébergement : 6 000 €\n• Ménage : 3 000 € (Autre charge de fonctionnement)")
    assert "• Salaires et charges : 70 000 €\n" in seen(replies[-1]) and "Total : 79 000 €" in seen(replies[-1])
    assert stored(services) == [("salaires", "Salaires et charges", 7_000_000, "fonctionnement"),
                                ("loyer_hebergement", "Loyer ou hébergement", 600_000, "fonctionnement"),
                                ("autre_fonctionnement", "Ménage", 300_000, "fonctionnement")]
    done = await client.send("ok")
    assert "➡️ 79 000 €" in seen(done[0])


async def test_a_line_not_read_for_sure_stores_nothing_and_says_why(client, services):
    await reach(client, services, "budget_charges_fonctionnement")
    for typed, said in [
        ("salair 70000", "Je n'ai pas reconnu « salair ». Vouliez-vous dire « Salaires et charges » ?"),
        ("fournitures 500, ménage, téléphone 300", "Il manque le montant de « ménage ». Exemple : ménage 2 000 €. "
                                                  "Aucune ligne n'a été ajoutée."),
        ("Autre charge de fonctionnement 500, loyer 600", "Pour « Autre charge de fonctionnement », tapez ce que "
                                                          "c'est, avec le montant. Exemple : Ménage 3 000 €. "
                                                          "Aucune ligne n'a été ajoutée."),
        ("maintenance 500 € par mois", "Tapez le total pour l'année du budget."),
        ("70 000", "Pour quelle catégorie ? Tapez-la avec le montant."),
    ]:
        replies = await client.send(typed)
        assert said in seen(replies[0]), typed
        assert question_in(services.guide, replies[-1]).id == "budget_charges_fonctionnement"
    assert stored(services) == []


async def test_a_category_alone_asks_its_amount_as_its_button_does(client, services):
    await reach(client, services, "budget_charges_fonctionnement")
    asked = await client.send("les fournitures")
    assert asked[-1].text.startswith("Fournitures\nQuel montant pour l'année, en euros ?")
    back = await client.send("1 500 €")
    assert question_in(services.guide, back[-1]).id == "budget_charges_fonctionnement"
    assert stored(services) == [("fournitures", "Fournitures", 150_000, "fonctionnement")]


async def test_no_investment_is_said_in_a_word(client, services):
    await reach(client, services, "budget_charges_investissement")
    replies = await client.send("aucun")
    assert "➡️ 0 €" in seen(replies[0])
    assert stored(services) == []


async def test_ok_after_a_line_refused_validates_no_empty_section(client, services):
    """"ok" typed right after "Aucune ligne n'a été ajoutée" validated no investment at all, which the dossier
    would have printed as such."""
    await reach(client, services, "budget_charges_investissement")
    await client.send("mobillier 2 700 €")  # misspelt: "Vouliez-vous dire « Mobilier » ?"
    notice, asked = await client.send("ok")
    assert notice.text == ("ℹ️ Aucune ligne n'est saisie ici. S'il n'y en a pas, tapez « aucun ». Sinon, tapez "
                           "chaque ligne avec son montant.")
    assert question_in(services.guide, asked).id == "budget_charges_investissement"
    assert versions(services, "budget_charges_investissement") == []
    replies = await client.send("aucun")
    assert "➡️ 0 €" in seen(replies[0])


async def test_resources_say_what_they_fund_or_are_asked_it(client, services):
    asked = await reach(client, services, "budget_ressources")
    assert "(Commune 5 000 € en fonctionnement)" in seen(asked)
    added = await client.send("Commune 20 000 € en fonctionnement, DETR 10 000 € en investissement")
    assert seen(added[0]) == ("➕ Lignes ajoutées :\n• Commune : 20 000 € (fonctionnement)\n"
                              "• DETR : 10 000 € (investissement)")
    asked = await client.send("Région Occitanie 5 000")  # its use asked next, its wording kept for the dossier
    assert "cette ressource finance-t-elle l'investissement ou le fonctionnement ?" in asked[-1].text
    back = await client.click("Fonctionnement")
    assert question_in(services.guide, back[-1]).id == "budget_ressources"
    refused = await client.send("FNADT 30 000 €")
    assert "Le financement lié à la labellisation est calculé pour vous" in refused[0].text
    refused = await client.send("Département 3 000 €, Europe 8 000 €")
    assert seen(refused[0]) == ("⚠️ Précisez ce que finance chaque ressource. Exemple : Commune 5 000 € en "
                                "fonctionnement, DETR 20 000 € en investissement. Aucune ligne n'a été ajoutée.")
    assert stored(services) == [("commune", "Commune", 2_000_000, "fonctionnement"),
                                ("detr", "DETR", 1_000_000, "investissement"),
                                ("region", "Région Occitanie", 500_000, "fonctionnement")]


async def test_lines_of_both_charges_typed_under_the_summary_each_go_where_they_fit(client, services):
    """"salaires 95 000 €, loyer 6 000 €, fluides 3 000, informatique 2 500" was refused whole ("Je ne sais pas à
    quelle partie du budget ajouter…"): the computers fit only the investment, the rest only the operation."""
    await create_project(client)
    await client.send("/budget")
    added = await client.send("salaires 95 000 €, loyer 6 000 €, fluides 3 000, informatique 2 500")
    assert seen(added[0]) == ("➕ Lignes ajoutées :\n• Salaires et charges : 95 000 € (fonctionnement)\n"
                              "• Loyer ou hébergement : 6 000 € (fonctionnement)\n"
                              "• Fluides : 3 000 € (Loyer ou hébergement, fonctionnement)\n"
                              "• Équipement informatique : 2 500 € (investissement)")
    assert stored(services) == [("salaires", "Salaires et charges", 9_500_000, "fonctionnement"),
                                ("loyer_hebergement", "Loyer ou hébergement", 600_000, "fonctionnement"),
                                ("loyer_hebergement", "Fluides", 300_000, "fonctionnement"),
                                ("informatique", "Équipement informatique", 250_000, "investissement")]
    refused = await client.send("salaires 95 000 €, ménage 3 000")  # « Autre » in every part: which is the user's
    assert seen(refused[0]).startswith("⚠️ Je ne sais pas à quelle partie du budget ajouter")
    assert len(stored(services)) == 4


async def test_a_part_named_before_its_lines_under_the_summary_is_where_they_go(client, services):
    """"Ressources : …" was refused whole ("Je ne sais pas à quelle partie…"): the part named, its « Autre » lines
    are the user's own; "le reste" has no amount, the plan already counts it."""
    await create_project(client)
    await client.send("/budget")
    refused = await client.send("Ressources : CAF de La Réunion 10 000 en fonctionnement ; commune le reste")
    assert seen(refused[0]) == (
        "⚠️ Pour « commune le reste », tapez le montant. Le reste à financer s'affiche déjà sous le plan de "
        "financement, en autofinancement du porteur : s'il revient au porteur, n'ajoutez pas de ligne. Aucune ligne "
        "n'a été ajoutée.")
    assert seen(refused[1]).startswith("💶 Budget : ") and stored(services) == []
    added = await client.send("Ressources : CAF de La Réunion 10 000 en fonctionnement")
    assert seen(added[0]) == "➕ Ligne ajoutée :\n• CAF de La Réunion : 10 000 € (Autre ressource, fonctionnement)"
    added = await client.send("Fonctionnement : salaires 68 000 € charges comprises ; ménage des locaux 1 200")
    assert stored(services) == [
        ("autre_ressource", "CAF de La Réunion", 1_000_000, "fonctionnement"),
        ("salaires", "Salaires et charges", 6_800_000, "fonctionnement"),
        ("autre_fonctionnement", "Ménage des locaux", 120_000, "fonctionnement")]
    assert seen(added[-1]).startswith("💶 Budget : ")


async def test_what_an_amount_is_said_with_stays_with_its_line_and_the_lines_typed_with_it_are_added(client, services):
    """Val-de-Bonnieure: "…, formation CNFPT 1 200 €, loyer 0 car c'est la mairie" under /budget was "Il manque le
    montant de « loyer 0 car c'est la mairie »", and none of the lines typed with it was added."""
    await create_project(client)
    await client.send("/budget")
    added = await client.send("fonctionnement : conseillère temps plein 34 000 € charges comprises, formation CNFPT "
                              "1 200 €, loyer 0 car c'est la mairie")
    assert seen(added[0]).startswith("➕ Lignes ajoutées :\n• Conseillère temps plein : 34 000 € (Salaires et charges")
    assert stored(services)[-1] == ("loyer_hebergement", "Loyer (car c'est la mairie)", 0, "fonctionnement")
    # Resources under the summary, their use after a remark: "Je ne sais pas à quelle partie du budget ajouter…"
    added = await client.send("DETR 11 800 € (40 % des travaux) en investissement, Département de la Charente "
                              "5 000 € en investissement")
    assert seen(added[0]).startswith("➕ Lignes ajoutées :\n• DETR (40 % des travaux) : 11 800 €")
    assert stored(services)[-2:] == [("detr", "DETR (40 % des travaux)", 1_180_000, "investissement"),
                                     ("departement", "Département de la Charente", 500_000, "investissement")]


async def test_a_line_typed_under_the_budget_summary_goes_to_the_budget_never_to_the_guides_question(client, services):
    await create_project(client)
    await client.send("/budget")
    added = await client.send("salaires 70 000 €")
    assert seen(added[0]) == "➕ Ligne ajoutée :\n• Salaires et charges : 70 000 €"
    assert seen(added[1]).startswith("💶 Budget : ") and "Salaires et charges     70 000 €" in seen(added[1])
    # An « Autre » line could be a charge or a resource: the user says which part, nothing is guessed.
    refused = await client.send("ménage 3 000")
    assert seen(refused[0]).startswith("⚠️ Je ne sais pas à quelle partie du budget ajouter « ménage 3 000 ».")
    assert "Rien n'a été enregistré." in seen(refused[0]) and seen(refused[1]).startswith("💶 Budget : ")
    await client.click("➕ Ressource")
    added = await client.send("3 000 € de la CAF en fonctionnement")
    assert seen(added[0]) == "➕ Ligne ajoutée :\n• CAF : 3 000 € (Autre ressource, fonctionnement)"
    assert stored(services) == [("salaires", "Salaires et charges", 7_000_000, "fonctionnement"),
                                ("autre_ressource", "CAF", 300_000, "fonctionnement")]
    with services.database.connect() as connection:
        assert Repository(connection).answers(Repository(connection).projects(1001)[0][0].id) == {}
    # Back to the guide, a text answers its question again.
    await client.send("/start")
    await client.click("▶️ Continuer")
    answered = await client.send("Marie Dupont")
    assert "question 2/" in answered[-1].text


async def test_no_typed_under_another_screen_is_no_empty_budget_out_of_sight(client, services):
    """"non" after /avancement validated the investment question at 0 € unseen; the question is shown instead."""
    await reach(client, services, "budget_charges_investissement")
    await client.send("/avancement")
    shown = await client.send("non")
    assert seen(shown[0]).startswith("ℹ️ Je n'ai rien enregistré : la question en cours n'était plus affichée.")
    assert question_in(services.guide, shown[-1]).id == "budget_charges_investissement"
    assert versions(services, "budget_charges_investissement") == []
    done = await client.send("aucun")
    assert "➡️ 0 €" in seen(done[0])
    assert versions(services, "budget_charges_investissement") == [0]


SPREADSHEET = ("Poste\tMontant 2027\nSalaires et charges (2 ETP)\t78 400,00 €\nMaintenance informatique\t1 800,00 €\n"
               "Fournitures\t1 200,00 €\nTotal\t81 400,00 €")


async def test_a_table_pasted_from_a_spreadsheet_adds_its_lines_and_checks_its_total(client, services):
    """The heading row was an « Autre » line of 2 027 € and the total row was refused as no category."""
    await reach(client, services, "budget_charges_fonctionnement")
    refused, _ = await client.send(SPREADSHEET.replace("81 400", "81 000"))  # a line cut off, or mistyped
    assert seen(refused) == ("⚠️ Le total collé (81 000 €) n'est pas la somme des lignes (81 400 €). Vérifiez les "
                             "montants, puis envoyez-les à nouveau. Aucune ligne n'a été ajoutée.")
    assert stored(services) == []
    await client.send(SPREADSHEET)
    assert stored(services) == [("salaires", "Salaires et charges (2 ETP)", 7_840_000, "fonctionnement"),
                                ("maintenance_informatique", "Maintenance informatique", 180_000, "fonctionnement"),
                                ("fournitures", "Fournitures", 120_000, "fonctionnement")]


async def test_a_source_funding_both_uses_shows_which_line_is_the_investment(client, services):
    """"Département de la N…" twice in the budget: the "(inv.)" after a long name was cut off with it."""
    await reach(client, services, "budget_ressources")
    added = await client.send("Département de la Nièvre 84 700 € en fonctionnement et 59 600 € en investissement")
    assert seen(added[0]) == ("➕ Lignes ajoutées :\n• Département de la Nièvre : 84 700 € (Département, "
                              "fonctionnement)\n• Département de la Nièvre : 59 600 € (Département, investissement)")
    summary = seen((await client.send("/budget"))[0])
    assert "Département de la N…    84 700 €" in summary and "Département … (inv.)    59 600 €" in summary


async def test_a_river_maison_s_charges_and_a_line_two_categories_may_hold(client, services):
    """French Guiana: "Connexion satellite", the pirogue's and the plane's costs were refused; "Billets d'avion
    pour les formations" suggested only « Formation », and its suggested form "Déplacements : …" was refused too."""
    await reach(client, services, "budget_charges_fonctionnement")
    replies = await client.send("Billets d'avion pour les formations à Cayenne 3 600 €")
    assert seen(replies[0]) == (
        "⚠️ Je n'ai pas reconnu « Billets d'avion pour les formations à Cayenne ». Vouliez-vous dire « Déplacements "
        "(itinérance) » ou « Formation » ? Pour garder ce libellé, tapez la catégorie devant lui : « Déplacements "
        "(itinérance) : Billets d'avion pour les formations à Cayenne », avec le montant.")
    assert stored(services) == []
    await client.send("Connexion satellite 4 800 €⏎Carburant pirogue pour les permanences 9 000 €⏎Déplacements "
                      "(itinérance) : Billets d'avion pour les formations à Cayenne 3 600 €".replace("⏎", "\n"))
    assert stored(services) == [
        ("telecoms", "Connexion satellite", 480_000, "fonctionnement"),
        ("deplacements", "Carburant pirogue pour les permanences", 900_000, "fonctionnement"),
        ("deplacements", "Billets d'avion pour les formations à Cayenne", 360_000, "fonctionnement")]


async def test_the_rest_said_to_be_la_poste_s_is_another_aid_worded_la_poste(client, services):
    """A post office's Maison: "la commune un peu, le reste c la poste (fonds de perequation)" was refused, with
    « Europe » suggested for the "fonds" of its aside."""
    await reach(client, services, "budget_autres_financements")
    said, _ = await client.send("la commune un peu, le reste c la poste (fonds de perequation)")
    assert said.text.startswith("➡️ Réponse retenue : Commune, Autre.")
    assert "la poste (fonds de perequation)" in said.text
    assert versions(services, "budget_autres_financements") == [["commune", "autre"]]
    assert versions(services, "budget_autres_financements_autre") == ["la poste (fonds de perequation)"]


def current(services) -> list[tuple]:
    """The budget's lines as they stand, earlier versions left out."""
    with services.database.connect() as connection:
        return [tuple(row) for row in connection.execute(
            select(BudgetLine.category, BudgetLine.label, BudgetLine.cents, BudgetLine.use)
            .where(BudgetLine.is_current, BudgetLine.removed.is_(False)).order_by(BudgetLine.line_key))]


async def test_a_line_typed_again_with_another_amount_asks_to_replace_it_or_add_one(client, services):
    """"loyer 4 000" after "loyer 6 000", a revised amount, was added as a second line: the rent counted twice."""
    await create_project(client)
    await client.send("/budget")
    await client.send("loyer 6 000 €")
    asked = await client.send("loyer 4 000")
    assert seen(asked[0]) == ("« Loyer ou hébergement » a déjà une ligne de 6 000 €. Faut-il remplacer ce montant "
                              "par 4 000 €, ou ajouter une autre ligne ?")
    assert asked[0].labels == ["🔁 Remplacer le montant", "➕ Ajouter une autre ligne", "✖️ Annuler"]
    assert len(current(services)) == 1  # nothing added while the user decides
    await client.click("🔁 Remplacer le montant")
    assert current(services) == [("loyer_hebergement", "Loyer ou hébergement", 400_000, "fonctionnement")]
    await client.send("salaires 30 000")
    await client.send("salaires 25 000")  # a second agent's
    added = await client.send("ajouter")
    assert seen(added[0]).startswith("💶 Budget : ")
    assert [row[2] for row in current(services)] == [400_000, 3_000_000, 2_500_000]
    await client.send("loyer 5 000")
    await client.click("✖️ Annuler")
    assert [row[2] for row in current(services)] == [400_000, 3_000_000, 2_500_000]


async def test_the_aids_already_in_the_budget_are_ticked_and_a_state_aids_lines_shown_where_its_use_is_asked(
        client, services):
    """Réunion: the resources typed under /budget first, then stage 6 asked « Quelles autres aides financières avez-
    vous repérées ? » with nothing ticked, and the DETR's use, which its line already said."""
    await create_project(client)
    await client.send("/budget")
    await client.send("Ressources : DETR 22 000 en investissement ; CAF de La Réunion 10 000 en fonctionnement")
    await client.send("/menu")
    replies = await client.click("6. Préparer le budget")
    while (asked := question_in(services.guide, replies[-1])) is None or asked.id != "budget_autres_financements":
        replies = await client.click("Étape suivante" if asked is None else "Passer")
    shown = seen(replies[-1])
    assert ("💶 D'après votre budget : DETR (investissement) : 22 000 €, CAF de La Réunion (fonctionnement) : "
            "10 000 €. Les cases sont cochées d'après ces lignes.") in shown
    assert "Cochées : DETR, Autre." in shown
    assert versions(services, "budget_autres_financements") == []  # ticked, not answered until validated
    replies = await client.click("Valider")
    assert versions(services, "budget_autres_financements") == [["detr", "autre"]]
    while (asked := question_in(services.guide, replies[-1])) is None or asked.id != "budget_detr_usage":
        replies = await client.click("Passer")
    assert "💶 Dans votre budget : DETR (investissement) : 22 000 €." in seen(replies[-1])


async def test_a_line_changed_from_the_guide_s_question_goes_back_to_it(client, services):
    """Saint-Éloy: a line's label changed from « Quelles charges de fonctionnement… ? » ended on the budget's summary,
    out of the guide, with no way back but the menu."""
    await reach(client, services, "budget_charges_fonctionnement")
    await client.send("salaires 70 000 €, loyer 6 000 €")
    await client.click("✏️ Modifier une ligne")
    await client.click("✏️ 2")
    await client.click("Changer le montant")
    back = (await client.send("7 000 €"))[-1]
    assert question_in(services.guide, back).id == "budget_charges_fonctionnement"
    assert "• Loyer ou hébergement : 7 000 €" in seen(back)
    await client.click("✏️ Modifier une ligne")
    await client.click("✏️ 2")
    back = (await client.click("🗑 Supprimer"))[-1]
    assert question_in(services.guide, back).id == "budget_charges_fonctionnement"
    assert "• Loyer ou hébergement" not in seen(back) and "Total : 70 000 €" in seen(back)


async def test_a_line_s_category_is_changed(client, services):
    """Saint-Éloy: "coordination mi-temps 21 000 €" filed under « Autre charge de fonctionnement » could be relabelled,
    amended or removed, not moved to « Salaires et charges »."""
    await reach(client, services, "budget_charges_fonctionnement")
    await client.send("entretien 2 000 €, salaires 70 000 €")
    await client.click("✏️ Modifier une ligne")
    await client.click("✏️ 2")
    asked = (await client.click("Changer la catégorie"))[0]
    assert "Salaires et charges" not in asked.labels  # its own category is not offered
    assert {"Formation", "Autre charge de fonctionnement", "✖️ Annuler"} <= set(asked.labels)
    back = (await client.click("Formation"))[-1]
    assert question_in(services.guide, back).id == "budget_charges_fonctionnement"
    # The line's name was its category's: it follows; a line's own wording stays.
    assert stored(services)[-1] == ("formation", "Formation", 7_000_000, "fonctionnement")
    await client.click("✏️ Modifier une ligne")
    await client.click("✏️ 1")
    await client.click("Changer la catégorie")
    await client.click("Salaires et charges")
    assert stored(services)[-1] == ("salaires", "Entretien", 200_000, "fonctionnement")
    with services.database.connect() as connection:
        assert len(connection.execute(select(BudgetLine.id)).all()) == 4  # two lines, each with its earlier version


async def test_a_year_said_with_a_clause_is_the_budget_s_year(client, services):
    """Saint-Éloy: "2027, ouverture prévue en mai donc 8 mois" at « Pour quelle année civile préparez-vous le
    budget ? » was "Je n'ai pas reconnu une année. Exemple : 2027"."""
    await reach(client, services, "budget_annee")
    understood, _ = await client.send("2027, ouverture prévue en mai donc 8 mois")
    assert understood.text == kept_without("2027", "ouverture prévue en mai donc 8 mois")
    assert versions(services, "budget_annee") == [2027]


async def test_an_aid_said_through_another_suggests_both(client, services):
    """Saint-Éloy: "le Département via le contrat de territoire" suggested « Département » alone."""
    await reach(client, services, "budget_autres_financements")
    refused, _ = await client.send("la DETR pour l'investissement (40 %), le Département via le contrat de territoire, "
                                   "et la CC en autofinancement")
    assert refused.text == ("⚠️ Je n'ai pas reconnu « le Département via le contrat de territoire ». Vouliez-vous dire "
                            "3. Département ou 5. Contrats départementaux ?\n☑️ J'ai coché : Intercommunalité, DETR. "
                            "Touchez ce qui manque, puis « ✅ Valider ».")


async def test_lines_typed_with_one_not_recognised_are_added_and_that_one_asked_again(client, services):
    """Les Rousses: seven charges typed at once, one of them not recognised: "Aucune ligne n'a été ajoutée", the
    six others to type again."""
    await reach(client, services, "budget_charges_fonctionnement")
    added, refused, asked = await client.send("maintenance 1500 ; fournitures 800 ; telecomunication 600")
    assert seen(added) == "➕ Lignes ajoutées :\n• Maintenance informatique : 1 500 €\n• Fournitures : 800 €"
    assert seen(refused) == ("⚠️ Je n'ai pas reconnu « telecomunication ». Vouliez-vous dire « Télécoms » ? Tapez la "
                             "catégorie avec le montant, ou touchez-la. Les autres lignes sont ajoutées.")
    assert question_in(services.guide, asked).id == "budget_charges_fonctionnement"
    assert stored(services) == [("maintenance_informatique", "Maintenance informatique", 150_000, "fonctionnement"),
                                ("fournitures", "Fournitures", 80_000, "fonctionnement")]


async def test_premises_of_la_poste_valued_are_a_line_of_their_own(client, services):
    """Les Rousses: "locaux de la poste valorises 3600€/an" was « Vouliez-vous dire « Salaires et charges » ? »: the
    "poste" of La Poste read as a job post."""
    await reach(client, services, "budget_charges_fonctionnement")
    added, *_ = await client.send("salaires 38 000€ ; locaux de la poste valorises 3600€/an")
    assert seen(added) == ("➕ Lignes ajoutées :\n• Salaires et charges : 38 000 €\n• Locaux de la poste : 3 600 € "
                           "(Autre charge de fonctionnement)")


@pytest.mark.parametrize(("typed", "use"), [("invest (les toilettes et le bureau)", "investissement"),
                                            ("en fonct", "fonctionnement")])
async def test_what_the_detr_funds_said_short_is_its_use(client, services, typed, use):
    """Les Rousses: "invest (les toilettes et le bureau)" at « La DETR financera-t-elle l'investissement ou le
    fonctionnement ? » was not recognised, though "en invest" said the use of a resource line typed."""
    await reach(client, services, "budget_autres_financements")
    await client.send("DETR")
    replies = await client.click("Valider")
    while (asked := question_in(services.guide, replies[-1])) is None or asked.id != "budget_detr_usage":
        replies = await client.click("Passer")
    await client.send(typed)
    assert versions(services, "budget_detr_usage") == [use]
