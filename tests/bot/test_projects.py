"""Several projects for one user: /projets lists them, opens one, creates another; replies name their project."""
from __future__ import annotations

from sqlalchemy import select

from states.buttons import Action, Payload
from store.models import Membership, Project
from tests.support.telegram import ChatClient, MSAP_RULES
from tests.support.walk import question_in


async def onboard(client, name: str, territory: str) -> None:
    await client.send("/start")
    await client.send(name)
    await client.send(territory)
    await client.click(MSAP_RULES)


async def test_one_project_is_listed_with_its_stage_and_role_and_names_nothing_more(client):
    await onboard(client, "MSAP des Causses", "Larzac")
    replies = await client.send("/projets")
    listing = replies[-1]
    assert "MSAP des Causses (Larzac)" in listing.text and "Étape 1" in listing.text
    assert "porteur du projet" in listing.text
    assert listing.labels == ["✏️ Renommer ce projet", "➕ Nouveau projet", "☰ Menu"]
    assert not listing.text.startswith("📁 MSAP")  # one project: no name above each message


async def test_a_second_project_is_created_then_each_opens_where_it_was(client, services):
    await onboard(client, "MSAP des Causses", "Larzac")
    await client.send("Jeanne Martin")  # the first question of the guide, answered in the first project
    await client.send("/projets")
    asked = (await client.click("Nouveau projet"))[-1]
    assert "nom du nouveau projet" in asked.text and "« MSAP des Causses » reste tel quel" in asked.text
    created = (await client.send("MSAP du Ségala"))[-1]
    assert created.text.startswith("📁 MSAP du Ségala") and "territoire" in created.text
    await client.send("Ségala")
    first = (await client.click(MSAP_RULES))[-1]
    assert first.text.startswith("📁 MSAP du Ségala")
    assert question_in(services.guide, first).id == "chef_projet_nom"  # a new project starts at the beginning

    listing = (await client.send("/projets"))[-1]
    assert "MSAP des Causses (Larzac)" in listing.text and "👉 MSAP du Ségala (Ségala)" in listing.text
    assert "📁 MSAP des Causses" in listing.labels and "📁 MSAP du Ségala" not in listing.labels
    opened = await client.click("📁 MSAP des Causses")
    assert "Projet « MSAP des Causses » ouvert" in opened[0].text
    assert all(reply.text.startswith("📁 MSAP des Causses") for reply in opened)
    assert question_in(services.guide, opened[-1]).id == "chef_projet_fonction"  # where it was left

    with services.database.connect() as connection:
        projects = connection.execute(select(Project.name, Project.territory).order_by(Project.id)).all()
        roles = connection.execute(select(Membership.role)).scalars().all()
    assert projects == [("MSAP des Causses", "Larzac"), ("MSAP du Ségala", "Ségala")]
    assert roles == ["owner", "owner"]


async def test_naming_a_new_project_can_be_cancelled_or_left_by_a_command(client, services):
    await onboard(client, "MSAP des Causses", "Larzac")
    await client.send("/projets")
    await client.click("Nouveau projet")
    back = await client.click("Annuler")
    assert question_in(services.guide, back[-1]).id == "chef_projet_nom"
    await client.send("/projets")
    await client.click("Nouveau projet")
    progress = (await client.send("/avancement"))[-1]
    assert "Avancement : MSAP des Causses" in progress.text
    answered = await client.send("Jeanne Martin")  # an answer again, not a project's name
    assert question_in(services.guide, answered[-1]).id == "chef_projet_fonction"
    with services.database.connect() as connection:
        assert connection.execute(select(Project.name)).scalars().all() == ["MSAP des Causses"]


async def test_a_new_project_waiting_for_its_territory_can_be_left(client, services):
    await onboard(client, "MSAP des Causses", "Larzac")
    await client.send("/projets")
    await client.click("Nouveau projet")
    await client.send("MSAP du Ségala")
    listing = (await client.send("/projets"))[-1]
    assert "Territoire à indiquer" in listing.text
    opened = await client.click("📁 MSAP des Causses")
    assert question_in(services.guide, opened[-1]).id == "chef_projet_nom"
    await client.send("/projets")
    again = await client.click("📁 MSAP du Ségala")
    assert "Il reste à indiquer son territoire" in again[0].text and "territoire" in again[-1].text


async def test_a_forged_button_cannot_open_someone_elses_project(client, services, application, api):
    other = ChatClient(application, api, user_id=2002, first_name="Paul")
    await onboard(other, "MSAP de Paul", "Quercy")
    await onboard(client, "MSAP des Causses", "Larzac")
    with services.database.connect() as connection:
        mine = connection.execute(select(Project.id).where(Project.name == "MSAP des Causses")).scalar_one()
        theirs = connection.execute(select(Project.id).where(Project.name == "MSAP de Paul")).scalar_one()
    message = api.messages[client.last().message_id]
    forged = Payload(mine, None, Action.PROJECT_OPEN, theirs).encode()
    replies = await client.deliver(client.press_update(message, forged))
    assert api.toasts()[-1] == services.ui.notices.stale
    assert all("MSAP de Paul" not in reply.text for reply in replies)
    progress = (await client.send("/avancement"))[-1]
    assert "Avancement : MSAP des Causses" in progress.text


async def test_a_project_or_a_new_one_typed_under_the_list_does_what_its_button_does(client, services):
    """"nouveau projet" typed under /projets was stored as the project leader's name."""
    await onboard(client, "MSAP des Causses", "Larzac")
    await client.send("/projets")
    asked = (await client.send("nouveau projet"))[-1]
    assert "nom du nouveau projet" in asked.text
    await client.send("MSAP du Ségala")
    await client.send("Ségala")
    await client.click(MSAP_RULES)
    await client.send("/projets")
    opened = await client.send("les Causses")
    assert "Projet « MSAP des Causses » ouvert" in opened[0].text
    assert question_in(services.guide, opened[-1]).id == "chef_projet_nom"
    await client.send("/projets")
    answered = await client.send("Jeanne Martin")  # no project's name: the answer it always was
    assert question_in(services.guide, answered[-1]).id == "chef_projet_fonction"
    with services.database.connect() as connection:
        assert connection.execute(select(Project.name).order_by(Project.id)).scalars().all() == [
            "MSAP des Causses", "MSAP du Ségala"]
