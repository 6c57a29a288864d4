"""A contact card shared from the phone's address book, through the real Application: a name where the question
asks for a person, its number not kept."""
from __future__ import annotations

from sqlalchemy import select

from store.models import Project
from tests.bot.test_conversation import create_project
from tests.bot.test_meant_input import versions
from tests.support.walk import question_in


def card(first_name: str, last_name: str | None = None, phone: str = "33612345678") -> dict:
    return {"contact": {"phone_number": phone, "first_name": first_name,
                        **({"last_name": last_name} if last_name else {}), "user_id": 4242}}


async def test_a_contact_card_answers_a_question_asking_for_a_person_without_its_number(client, services):
    await create_project(client)
    replies = await client.send_other(**card("Élodie", "Vergne"))
    assert versions(services, "chef_projet_nom") == ["Élodie Vergne"]
    assert replies[0].text == "➡️ Réponse retenue : Élodie Vergne."
    assert replies[1].text == "ℹ️ Coordonnées non enregistrées, le guide ne les demande pas : « 33612345678 »."
    assert question_in(services.guide, replies[-1]).id == "chef_projet_fonction"


async def test_a_contact_card_elsewhere_is_said_to_answer_only_a_person_question(client, services):
    await create_project(client)
    await client.send("Élodie Vergne")
    replies = await client.send_other(**card("Gilles", "Chabrier"))
    assert replies[0].text == "📇 Une fiche contact ne répond qu'à une question sur une personne, comme « Qui est " \
                              "le chef de projet ? ». Répondez par écrit ou avec les boutons, s'il vous plaît."
    assert question_in(services.guide, replies[-1]).id == "chef_projet_fonction"
    assert versions(services, "chef_projet_fonction") == []


async def test_a_contact_card_names_no_project(client, services):
    await client.send("/start")
    replies = await client.send_other(**card("Gilles", "Chabrier"))
    assert replies[0].text.startswith("📇 Une fiche contact ne répond qu'à une question sur une personne")
    assert "nom de votre projet" in replies[-1].text
    with services.database.connect() as connection:
        assert connection.execute(select(Project.name)).scalars().all() == []
