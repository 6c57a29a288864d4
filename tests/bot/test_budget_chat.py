"""The budget builder through the real application: lines, the subsidy rule, the plan, the checks."""
from __future__ import annotations

import struct

from sqlalchemy import select

from store.models import BudgetLine
from store.repo import Repository
from tests.bot.test_conversation import create_project
from tests.support.budget_chat import add_charge, add_resource
from tests.support.telegram import FRANCE_SERVICES_RULES
from tests.support.walk import question_in


def seen(sent) -> str:
    """The text as read on a phone: Babel's narrow no-break spaces read as spaces."""
    return sent.text.replace("\u202f", " ").replace("\xa0", " ")


async def open_budget(client):
    await create_project(client)
    return (await client.send("/budget"))[0]


async def test_an_empty_budget_explains_what_to_enter(client):
    summary = await open_budget(client)
    assert "Saisissez les charges de fonctionnement pour calculer la subvention." in seen(summary)
    assert {"➕ Investissement", "➕ Fonctionnement", "➕ Ressource"} <= set(summary.labels)
    # Not "0 €": nothing is computed yet.
    assert "Labellisation         à calculer" in seen(summary) and "Labellisation                0 €" not in seen(summary)
    assert ("Plan de financement\nAucune ligne pour l'instant : ajoutez une charge ou une ressource, avec les boutons "
            "ou en tapant la ligne (« Loyer 6 000 € »).") in seen(summary)
    assert "Forfait" not in seen(summary)   # the 2016 fiche's rule is a rate


async def test_an_empty_france_services_budget_names_the_forfait_it_will_get(client):
    await client.start_project("France services du Lévézou", "Lévézou", FRANCE_SERVICES_RULES)
    summary = seen((await client.send("/budget"))[0])
    assert ("Forfait France services 2026 : 50 000 €, versé dans la limite du budget de fonctionnement.\n"
            "Saisissez les charges de fonctionnement pour calculer la subvention.") in summary


async def test_the_budgets_year_is_typed_from_the_summary_and_the_place_in_the_guide_is_kept(client, services):
    await client.start_project("France services du Lévézou", "Lévézou", FRANCE_SERVICES_RULES)
    await client.send("Marie Dupont")  # stage 1's first answer: the guide moves on to the second question
    await client.send("/budget")
    summary = (await add_charge(client, "fonctionnement", "Salaires et charges", "60 000 €"))[0]
    assert "Année du budget non renseignée : c'est le montant de 2026" in seen(summary)
    assert "📅 Année du budget" in summary.labels
    asked = (await client.click("📅 Année du budget"))[0]
    assert asked.text.startswith("📅 Pour quelle année civile préparez-vous le budget ?")
    assert "✖️ Annuler" in asked.labels
    replies = await client.send("bientôt")
    assert "Je n'ai pas reconnu une année. Exemple : 2028" in replies[0].text and replies[1].text == asked.text
    summary = (await client.send("2027"))[0]
    # The forfait of 2027 is not published yet: the last one, said so; the year is no longer asked.
    assert seen(summary).startswith("💶 Budget 2027 : France services du Lévézou")
    assert "Le montant de 2027 n'est pas encore publié : c'est celui de 2026" in seen(summary)
    assert "📅 Année du budget" not in summary.labels
    # The guide's own answer, given where the guide was left.
    with services.database.connect() as connection:
        repo = Repository(connection)
        assert repo.answers(repo.projects(1001)[0][0].id)["budget_annee"].value == 2027
    replies = await client.send("/start")
    assert "Vous en étiez à l'étape 1" in replies[0].text
    assert "question 2/" in (await client.click("▶️ Continuer"))[-1].text


async def test_typing_the_budgets_year_can_be_cancelled(client):
    await client.start_project("France services du Lévézou", "Lévézou", FRANCE_SERVICES_RULES)
    summary = (await client.send("/budget"))[0]
    assert "📅 Année du budget" in summary.labels
    await client.click("📅 Année du budget")
    summary = (await client.click("✖️ Annuler"))[0]
    assert "📅 Année du budget" in summary.labels and seen(summary).startswith("💶 Budget : ")
    # The next text answers the guide's question again, not the year.
    replies = await client.send("2027")
    assert not replies[0].text.startswith("💶")


async def test_lines_give_the_subsidy_the_formula_and_what_remains_to_finance(client):
    await open_budget(client)
    await add_charge(client, "fonctionnement", "Salaires et charges", "40 000 €")
    await add_charge(client, "fonctionnement", "Loyer ou hébergement", "6 000")
    await add_charge(client, "fonctionnement", "Autre charge de fonctionnement", "12k€", label="Entretien & ménage")
    await add_charge(client, "investissement", "Mobilier", "4 500,50 €")
    summary = (await add_resource(client, "Commune", "fonctionnement", "10 000 €"))[0]
    # "50% de son budget annuel de fonctionnement, avec un plancher de 10 000 € … un plafond de 35 000 €"
    assert "50 % de 58 000 € = 29 000 €." in seen(summary)
    assert "Fonctionnement : 39 000 € de ressources pour 58 000 € de charges." in seen(summary)
    assert "Reste à financer : 19 000 € (32,8 %)" in seen(summary)
    assert "Entretien &amp; ménage" not in seen(summary) and "Entretien & ménage" in seen(summary)
    assert "4 500,50 €" in seen(summary)
    assert "Investissement : 0 € de ressources pour 4 500,50 € de charges." in seen(summary)


async def test_a_line_is_changed_and_removed_and_history_is_kept(client, services):
    await open_budget(client)
    await add_charge(client, "fonctionnement", "Salaires et charges", "40 000 €")
    await add_charge(client, "fonctionnement", "Loyer ou hébergement", "6 000 €")
    lines = (await client.click("✏️ Modifier une ligne"))[0]
    assert "2. Loyer ou hébergement : 6 000 €" in seen(lines)
    await client.click("✏️ 2")
    asked = (await client.click("Changer le montant"))[0]
    assert "Ligne actuelle : Loyer ou hébergement, 6 000 €." in seen(asked)
    invalid = await client.send("beaucoup")
    assert "Je n'ai pas reconnu un montant. Exemple : 12 500 € ou 12,5 k€." in seen(invalid[0])
    # Each change is said before the summary, which may not show it (a line's label is cut there).
    changed, summary = await client.send("12,5 k€")
    assert seen(changed) == "✏️ Ligne modifiée : Loyer ou hébergement : 12 500 €."
    assert "50 % de 52 500 € = 26 250 €." in seen(summary)
    await client.click("✏️ Modifier une ligne")
    await client.click("✏️ 1")
    await client.click("Changer le libellé")
    changed, summary = await client.send("Salaires chargés (1,5 ETP)")
    assert seen(changed) == "✏️ Ligne modifiée : Salaires chargés (1,5 ETP) : 40 000 €."
    assert "Salaires chargés (1…" in seen(summary)
    await client.click("✏️ Modifier une ligne")
    await client.click("✏️ 1")
    changed, summary = await client.click("Supprimer")
    assert seen(changed) == "🗑 Ligne supprimée : Salaires chargés (1,5 ETP), 40 000 €."
    assert "50 % de 12 500 € = 6 250 €, porté au plancher de 10 000 €." in seen(summary)
    with services.database.connect() as connection:
        assert len(connection.execute(select(BudgetLine.id)).all()) == 5


async def test_an_investment_is_asked_its_amount_and_operations_a_years(client):
    await open_budget(client)
    await client.click("➕ Investissement")
    asked = (await client.click("Mobilier"))[0]
    assert "Quel montant, en euros ?" in asked.text
    # A wrong amount says why, then asks the same again.
    replies = await client.send("-4 500 €")
    assert [seen(reply) for reply in replies[:1]] == [
        "⚠️ Un montant ne peut pas être négatif. Tapez-le sans signe moins. Exemple : 12 500 €."]
    assert "Quel montant, en euros ?" in replies[1].text
    await client.send("4 500 €")
    await client.click("➕ Ressource")
    await client.click("DETR")
    assert "Quel montant, en euros ?" in (await client.click("Investissement"))[0].text
    await client.click("✖️ Annuler")
    await client.click("➕ Fonctionnement")
    assert "Quel montant pour l'année, en euros ?" in (await client.click("Salaires et charges"))[0].text
    await client.send("40 000 €")
    await client.click("✏️ Modifier une ligne")
    await client.click("✏️ 1")  # the investment, first
    asked = (await client.click("Changer le montant"))[0]
    assert "Ligne actuelle : Mobilier, 4 500 €." in seen(asked) and "Quel montant, en euros ?" in asked.text


async def test_an_amount_typed_with_what_it_pays_for_keeps_both(client, services):
    """Rémalard-en-Perche: "18000 (travaux bureau confidentiel + boucle magnetique)" under « Aménagement des locaux »
    was « Je n'ai pas reconnu un montant »."""
    await open_budget(client)
    await client.click("➕ Investissement")
    await client.click("Aménagement des locaux")
    summary = (await client.send("18000 (travaux bureau confidentiel + boucle magnetique)"))[-1]
    assert "Aménagement des loc…    18 000 €" in seen(summary)  # the label cut to fit a phone
    with services.database.connect() as connection:
        assert connection.execute(select(BudgetLine.label, BudgetLine.cents)).all() == [
            ("Aménagement des locaux (travaux bureau confidentiel + boucle magnetique)", 1_800_000)]


async def test_ceiling_and_implausibly_small_budgets(client):
    await open_budget(client)
    summary = (await add_charge(client, "fonctionnement", "Salaires et charges", "100 000 €"))[0]
    assert "50 % de 100 000 € = 50 000 €, plafonné à 35 000 €." in seen(summary)
    await client.click("✏️ Modifier une ligne")
    await client.click("✏️ 1")
    await client.click("Changer le montant")
    summary = (await client.send("8 000 €"))[-1]
    assert "Le plancher de 10 000 € dépasse le budget de fonctionnement (8 000 €)" in seen(summary)
    report = (await client.send("/conformite"))[0]
    assert "❌ Un budget de fonctionnement plausible" in seen(report)
    assert "Budget de fonctionnement de 8 000 € : c'est moins que le plancher de 10 000 €." in seen(report)


async def test_detr_for_operating_costs_is_not_cumulative_with_the_labelling(client):
    await open_budget(client)
    await add_charge(client, "fonctionnement", "Salaires et charges", "40 000 €")
    summary = (await add_resource(client, "DETR", "investissement", "20 000 €"))[0]
    assert "ne se cumulent pas" not in seen(summary)
    report = (await client.send("/conformite"))[0]
    assert "✅ FNADT et DETR non cumulés pour le fonctionnement" in seen(report)
    await client.send("/budget")
    summary = (await add_resource(client, "DETR", "fonctionnement", "5 000 €"))[0]
    assert "La DETR et le FNADT ne se cumulent pas pour le fonctionnement" in seen(summary)
    report = (await client.send("/conformite"))[0]
    assert "❌ FNADT et DETR non cumulés pour le fonctionnement" in seen(report)
    assert "ne se cumule pas avec la DETR. Réservez ces aides à l'investissement." in seen(report)


async def test_a_maison_opening_during_the_year(client):
    await open_budget(client)
    # The calendar-year recommendation leads to step 3 of the budget stage, whose questions frame the year.
    await client.send("/conformite")
    replies = await client.click("🔧 Un budget calé sur l'année civile")
    for text in ["2027", "oui", "non", "1er septembre 2027"]:
        replies = await client.send(text)
    assert "Récapitulatif" in replies[-1].text and "💶 Budget" in replies[-1].labels
    await client.click("💶 Budget")
    summary = (await add_charge(client, "fonctionnement", "Salaires et charges", "16 000 €"))[0]
    assert ("le budget de fonctionnement couvre 4 mois d'activité. Les charges de fonctionnement saisies sont celles "
            "de ces mois, pas d'une année entière.") in seen(summary)
    assert "c'est à la Préfecture de le confirmer" in seen(summary)
    assert "50 % de 16 000 € = 8 000 €, porté au plancher de 10 000 €." in seen(summary)


async def test_the_resources_chart_is_sent_as_a_picture(client, api):
    await open_budget(client)
    await add_charge(client, "fonctionnement", "Salaires et charges", "58 000 €")
    await add_resource(client, "Département", "fonctionnement", "9 000 €")
    await client.click("📊 Graphique")
    assert any(name == "sendChatAction" and params["action"] == "upload_photo" for name, params in api.calls)
    (png,) = api.photos()
    width, height = struct.unpack(">II", png[16:24])
    assert png.startswith(b"\x89PNG") and width >= 600 and height >= 200


async def test_cancel_leaves_the_budget_untouched_and_commands_end_the_entry(client, services):
    await open_budget(client)
    await client.click("➕ Fonctionnement")
    await client.click("Salaires et charges")
    summary = (await client.click("Annuler"))[0]
    assert "Saisissez les charges" in seen(summary)
    await client.click("➕ Ressource")
    await client.click("Commune")
    await client.click("Fonctionnement")
    await client.send("/aide")
    replies = await client.send("Claire Morel")  # an answer to the guide again, not an amount
    assert "Je n'ai pas reconnu un montant" not in replies[0].text
    with services.database.connect() as connection:
        assert connection.execute(select(BudgetLine.id)).all() == []


async def test_aucune_is_ticked_alone(client, services):
    """"Aucune pour l'instant" among the other aids: ticking it unticks them, and ticking one unticks it."""
    await create_project(client)
    await client.send("/menu")
    replies = await client.click("6. Préparer le budget")
    while (asked := question_in(services.guide, replies[-1])) is None or asked.id != "budget_autres_financements":
        replies = await client.click("Étape suivante" if asked is None else "Passer")
    await client.click("⬜ Commune")
    ticked = (await client.click("⬜ Département"))[-1]
    assert "Cochées : Commune, Département." in ticked.text
    alone = (await client.click("⬜ Aucune pour l'instant"))[-1]
    assert "Cochées : Aucune pour l'instant." in alone.text and "☑️ Commune" not in alone.labels
    back = (await client.click("⬜ Commune"))[-1]
    assert "Cochées : Commune." in back.text and "⬜ Aucune pour l'instant" in back.labels
    refused = (await client.send("commune, aucune pour l'instant"))[0]
    assert refused.text.startswith("⚠️ « Aucune pour l'instant » se coche seule.")
