"""The documents' view model from a project walked through the real application."""
from __future__ import annotations

import datetime

from dossier.view import build_dossier
from store.repo import Repository
from tests.bot.test_conversation import create_project
from tests.support.budget_chat import CONFORMANT_BUDGET, enter_budget
from tests.support.projects import CONFORMANT
from tests.support.walk import walk_guide


def build(services, draft=False):
    with services.database.connect() as connection:
        return build_dossier(services.documents.sources, Repository(connection), 1, draft,
                             datetime.date(2027, 6, 20))


async def test_a_complete_project_fills_every_part(client, services):
    replies = await create_project(client, "MSAP du Saint-Affricain", "Sud-Aveyron")
    await walk_guide(client, services.guide, replies, CONFORMANT)
    await enter_budget(client, CONFORMANT_BUDGET)
    dossier = build(services)
    assert dossier.project == "MSAP du Saint-Affricain" and dossier.territory == "Sud-Aveyron"
    assert dossier.generated_on == "20 juin 2027" and not dossier.draft
    assert dossier.leader == "Claire Morel" and dossier.carrier == "La collectivité locale"
    assert dossier.missing == [] and dossier.unmet == []
    assert [p.name for p in dossier.partners] == ["La Poste", "CAF", "MSA"]
    la_poste = dossier.partners[0]
    assert la_poste.convention == "Signée" or la_poste.convention.lower().startswith("sign")
    assert la_poste.signed_on == "2 mars 2027"
    assert dossier.schedule_total.replace("\u202f", " ") == "26 h par semaine"
    assert dossier.schedule[5].hours == "fermé"
    assert dossier.checks_satisfied == len(dossier.checks) == len(services.guide.checks)
    assert dossier.budget.subsidy_formula.replace("\u202f", " ") == "50 % de 58 000 € = 29 000 €"
    assert dossier.budget.operating.gap.replace("\u202f", " ") == "19 000 €"
    assert dossier.budget.operating.gap_percent == "32,8 %"
    assert len(dossier.convention) == 10 and all(item.title for item in dossier.convention)
    assert "MSAP du Saint-Affricain" in dossier.convention[0].text
    assert "Commune : 10" in dossier.convention[5].text
    assert dossier.convention[9].text == ""  # duration and renewal: always for the partners to write
    assert [stage.order for stage in dossier.checklist] == list(range(1, 9))


async def test_an_incomplete_project_lists_what_is_missing(client, services):
    await create_project(client)
    await client.send("Claire Morel")
    dossier = build(services, draft=True)
    assert dossier.draft
    missing = "\n".join(dossier.missing)
    assert "Étape 1 · Quels enjeux la Maison doit-elle servir ?" in missing
    assert "Étape 1 · Qui est le chef de projet" not in missing
    assert dossier.partners == [] and dossier.schedule_total == ""
    assert dossier.budget.subsidy_formula == "Budget de fonctionnement non encore renseigné"
    assert sum(1 for item in dossier.convention if not item.text) >= 5
