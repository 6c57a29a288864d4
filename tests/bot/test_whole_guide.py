"""All eight stages through the real application: the three kinds of rule, the budget in the path."""
from __future__ import annotations

from tests.bot.test_conversation import create_project
from tests.support.projects import CONFORMANT, EXPECTED_UNMET, NONCONFORMANT
from tests.support.telegram import FRANCE_SERVICES_RULES
from tests.support.walk import walk_guide

# The same project under France services: every national partner, two trained advisers, the commitments.
FRANCE_SERVICES_ADDS = ("pole_emploi", "cnam", "carsat", "interieur", "justice", "dgfip", "cheque_energie", "anah",
                        "agirc_arrco", "urssaf")
CONFORMANT_FRANCE_SERVICES = {
    **CONFORMANT,
    "operateurs": "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13",
    "part_operateurs": "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13",
    "fs_conseillers": "1, 2",
    "fs_forme_conseiller_1": "oui",
    "fs_forme_conseiller_2": "oui",
    "fs_engagement_laicite": "oui",
    "fs_engagement_audits": "oui",
    "fs_france_ruralites": "non",
    # The operators France services adds and the 2016 project had not: their conventions, signed too.
    **{f"part_convention_{operator}": "3" for operator in FRANCE_SERVICES_ADDS},
    **{f"part_convention_{operator}_date": "23/03/2027" for operator in FRANCE_SERVICES_ADDS},
}

NO_BUDGET = {key: value for key, value in CONFORMANT.items()
             if key not in ("budget_charges_fonctionnement", "budget_charges_investissement", "budget_ressources")}


def requirements(guide) -> int:
    return sum(check.kind == "exigence" for check in guide.checks)


async def test_a_conformant_project_walks_all_stages_and_meets_every_check(client, services):
    guide = services.guide
    replies = await create_project(client, "MSAP du Saint-Affricain", "Communauté de communes du Saint-Affricain")
    seen = await walk_guide(client, guide, replies, CONFORMANT)
    texts = "\n".join(s.text for s in seen)
    for stage in guide.stages:
        assert f"Étape {stage.order} terminée : {stage.title}" in texts
    assert "Total : 26 h par semaine" in texts
    # The committee's hour (14h-16h, stage 8) is a meeting, not opening hours: no weekly total under its recap.
    assert texts.count("🕒 Total :") == 1
    assert "❌" not in texts
    total = requirements(guide)
    finished = seen[-1].text
    assert f"Exigences de la labellisation : les {total} sont respectées." in finished
    assert "budget manque" not in finished
    summary = (await client.send("/budget"))[0]
    assert "50 % de 58 000 € = 29 000 €." in summary.text.replace("\u202f", " ").replace("\xa0", " ")
    report = (await client.send("/conformite"))[0]
    assert f"Exigences de la labellisation : les {total} sont respectées." in report.text
    assert report.text.count("✅") == len(guide.checks) + 1
    assert not any(label.startswith("🔧") for label in report.labels)
    dossier = (await client.send("/dossier"))[0]
    assert f"les {total} sont respectées" in dossier.text and "📄 Dossier final" in dossier.labels
    progress = (await client.send("/avancement"))[0]
    assert all(f"{stage.order}. {stage.title}" in progress.text for stage in guide.stages)
    # The committee date of stage 8 is in the calendar; a finished guide is not nudged.
    upcoming = (await client.send("/rappels"))[0].text
    assert "vendredi 20 octobre 2028" in upcoming
    assert "relance" not in upcoming


async def test_a_guide_walked_without_a_budget_says_the_budget_is_missing_everywhere(client, services):
    guide = services.guide
    replies = await create_project(client)
    seen = await walk_guide(client, guide, replies, NO_BUDGET)
    finished = seen[-1].text
    assert "Le budget manque : aucune charge de fonctionnement n'est saisie." in finished
    dossier = (await client.send("/dossier"))[0]
    assert "Étape 6 : le budget (aucune charge de fonctionnement saisie, /budget)" in dossier.text
    assert "📄 Dossier final" not in dossier.labels
    report = (await client.send("/conformite"))[0]
    for text in (finished, dossier.text, report.text):
        assert "sont respectées" not in text and "est respectée" not in text
        assert "à renseigner" in text  # the budget's requirement cannot be known without it
    assert "📝 Brouillon" in dossier.labels


async def test_the_detr_answer_alone_fails_the_non_cumulation_requirement(client, services):
    replies = await create_project(client)
    await walk_guide(client, services.guide, replies, {**NO_BUDGET, "budget_detr_usage": "Fonctionnement"})
    report = (await client.send("/conformite"))[0].text
    assert "❌ FNADT et DETR non cumulés pour le fonctionnement" in report
    assert "ne se cumule pas avec la DETR" in report


async def test_a_nonconformant_project_sees_exactly_what_is_not_met(client, services):
    guide = services.guide
    replies = await create_project(client)
    # DETR said to fund operating costs, while its budget line funds investment: a contradiction.
    await walk_guide(client, guide, replies, {**NONCONFORMANT, "budget_detr_usage": "Fonctionnement"})
    expected = EXPECTED_UNMET | {"budget_check_non_cumul"}
    report = (await client.send("/conformite"))[0]
    total = requirements(guide)
    unmet_requirements = sum(guide.checks[i].kind == "exigence" for i, c in enumerate(guide.checks)
                             if c.id in expected)
    assert f"sur {total}, {unmet_requirements} non respectées" in report.text
    unmet = {check.id for check in guide.checks if f"❌ {check.title}" in report.text}
    assert unmet == expected
    for reason in [
        "Opérateurs retenus avec leurs services définis : 1 ; il en faut au moins 2.",
        "il manque : Mise en relation des usagers avec les opérateurs, Identification de situations à signaler",
        "Ouverture prévue : 23 h 30 par semaine", "Il manque dans l'aménagement du local : Espace confidentiel.",
        "Le dossier serait parti avant votre premier contact avec le référent",
        "Vos réponses et les lignes du budget se contredisent sur la DETR",
    ]:
        assert reason in report.text, reason
    fixes = [label for label in report.labels if label.startswith("🔧")]
    assert len(fixes) == len([c for c in guide.checks if f"✅ {c.title}" not in report.text])
    # A fix button opens the step that fixes it; the new answer is checked again at once.
    hours = next(c for c in guide.checks if c.id == "tech_check_horaires")
    replies = await client.click(f"🔧 {hours.title}")
    assert "Récapitulatif : " in replies[-1].text and "Total : 23 h 30 par semaine" in replies[-1].text
    wednesday = guide.step(hours.step).questions.index(guide.questions["tech_horaires_mercredi"])
    await client.click(f"✏️ {wednesday + 1}")
    replies = await client.send("9h-12h 14h-15h")
    assert "Total : 25 h par semaine" in replies[-1].text
    report = (await client.send("/conformite"))[0]
    assert f"✅ {hours.title}" in report.text


async def test_a_france_services_project_walks_all_stages_and_meets_todays_rules(client, services):
    guide = services.engine.referentials["france_services"].guide
    replies = await create_project(client, "France services du Saint-Affricain",
                                   "Communauté de communes du Saint-Affricain", FRANCE_SERVICES_RULES)
    seen = await walk_guide(client, guide, replies, CONFORMANT_FRANCE_SERVICES)
    texts = "\n".join(s.text for s in seen)
    assert "Quels partenaires nationaux de France services" in texts and "Laïcité" in texts
    total = requirements(guide)
    assert total > requirements(services.guide)  # France services asks more of a project
    finished = seen[-1].text
    assert f"Exigences de la labellisation : les {total} sont respectées." in finished, finished
    summary = (await client.send("/budget"))[0].text.replace("\u202f", " ").replace("\xa0", " ")
    # 58 000 € of operating charges in 2027: the last published forfait (2026's), said to be so.
    assert "Forfait France services 2026 : 50 000 € (FNADT 25 000 €, FNFS 25 000 €)" in summary
    assert "Le montant de 2027 n'est pas encore publié" in summary
    dossier = (await client.send("/dossier"))[0]
    assert f"les {total} sont respectées" in dossier.text and "📄 Dossier final" in dossier.labels

