"""The project's name, which every document prints, changed from /projets by its owner, through the real
Application: the council chose another one, or the first was typed in a hurry."""
from __future__ import annotations

from sqlalchemy import select

from states.buttons import Action
from store.models import Project
from tests.bot.test_team import forge, invite, join, owner, person  # noqa: F401 (owner: a fixture)
from tests.support.walk import question_in

RENAME = "✏️ Renommer ce projet"


def name(services) -> str:
    with services.database.connect() as connection:
        return connection.execute(select(Project.name)).scalar_one()


async def test_the_owner_renames_the_project_and_the_guide_goes_on_where_it_was(owner, services):
    await owner.start_project()
    await owner.send("Jeanne Martin")
    await owner.send("/projets")
    replies = await owner.click(RENAME)
    assert replies[-1].text.startswith("Quel est le nouveau nom du projet ?\nNom actuel : « MSAP des Causses ».")
    refused = await owner.send("Bonjour")
    assert refused[0].text.startswith("⚠️ « Bonjour » ne ressemble pas à un nom")
    assert name(services) == "MSAP des Causses"
    replies = await owner.send("France services des Causses et du Larzac")
    assert replies[0].text == ("ℹ️ Projet renommé : « France services des Causses et du Larzac ». Les documents "
                               "porteront ce nom.")
    assert question_in(services.guide, replies[-1]).id == "chef_projet_fonction"
    assert name(services) == "France services des Causses et du Larzac"


async def test_retour_or_another_command_keeps_the_name_and_the_next_text_is_an_answer(owner, services):
    await owner.start_project()
    await owner.send("/projets")
    await owner.click(RENAME)
    replies = await owner.send("retour")
    assert replies[-1].text.startswith("📁 Vos projets")
    await owner.click(RENAME)
    await owner.send("/menu")
    await owner.click("Continuer")
    await owner.send("Jeanne Martin")
    assert name(services) == "MSAP des Causses"
    assert question_in(services.guide, owner.last()).id == "chef_projet_fonction"


async def test_only_the_owner_may_rename(owner, application, api, services):
    await owner.start_project()
    claire = person(application, api, 1002, "Claire", "Martin")
    await join(claire, await invite(owner, "contributeur"))
    replies = await claire.send("/projets")
    assert RENAME not in replies[-1].labels
    with services.database.connect() as connection:
        project_id = connection.execute(select(Project.id)).scalar_one()
    await forge(claire, project_id, Action.PROJECT_RENAME)
    await claire.send("Le projet de Claire")
    assert name(services) == "MSAP des Causses"
