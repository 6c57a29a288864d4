"""All eight stages through the real application: conformity, checklist, questions left for later."""
from __future__ import annotations

from tests.bot.test_conversation import create_project
from tests.support.budget_chat import CONFORMANT_BUDGET, enter_budget
from tests.support.projects import CONFORMANT, EXPECTED_UNMET, NONCONFORMANT
from tests.support.walk import walk_guide


async def test_a_conformant_project_walks_all_stages_and_meets_every_check(client, services):
    guide = services.guide
    replies = await create_project(client, "MSAP du Saint-Affricain", "Communauté de communes du Saint-Affricain")
    seen = await walk_guide(client, guide, replies, CONFORMANT)
    texts = "\n".join(s.text for s in seen)
    for stage in guide.stages:
        assert f"Étape {stage.order} terminée : {stage.title}" in texts
    assert "Total : 26 h par semaine" in texts
    assert "❌" not in texts
    summary = (await enter_budget(client, CONFORMANT_BUDGET))[0]
    assert "50 % de 58 000 € = 29 000 €." in summary.text.replace("\u202f", " ")
    report = (await client.send("/conformite"))[0]
    total = len(guide.checks)
    assert f"Conformité au cahier des charges : {total} sur {total}" in report.text
    assert report.text.count("✅") == total + 1
    assert not any(label.startswith("🔧") for label in report.labels)
    progress = (await client.send("/avancement"))[0]
    assert all(f"{stage.order}. {stage.title}" in progress.text for stage in guide.stages)
    # The committee date of stage 8 is in the calendar; a finished guide is not nudged.
    upcoming = (await client.send("/rappels"))[0].text
    assert "vendredi 20 octobre 2028" in upcoming
    assert "relance" not in upcoming


async def test_a_nonconformant_project_sees_exactly_what_is_not_met(client, services):
    guide = services.guide
    replies = await create_project(client)
    await walk_guide(client, guide, replies, NONCONFORMANT)
    # The same budget, but DETR also asked for operating costs.
    await enter_budget(client, CONFORMANT_BUDGET + [("resource", "fonctionnement", "DETR", "5 000 €", None)])
    expected = EXPECTED_UNMET | {"budget_check_non_cumul"}
    report = (await client.send("/conformite"))[0]
    total = len(guide.checks)
    assert f"{total - len(expected)} sur {total}" in report.text
    unmet = {check.id for check in guide.checks if f"❌ {check.title}" in report.text}
    assert unmet == expected
    for reason in [
        "1 opérateur(s) retenu(s) avec leurs services définis ; il en faut au moins 2.",
        "il manque : Mise en relation des usagers avec les opérateurs, Identification de situations à signaler",
        "Ouverture prévue : 23 h 30 par semaine", "Il manque dans l'aménagement du local : Espace confidentiel.",
        "Le dossier serait parti avant votre premier contact avec le référent",
    ]:
        assert reason in report.text, reason
    fixes = [label for label in report.labels if label.startswith("🔧")]
    assert len(fixes) == len(expected)
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
