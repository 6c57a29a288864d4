"""/animation: the network animator (ADMIN_USER_IDS) sees every project's stage, unmet requirements, quiet
projects and coming committees, with a CSV; nobody else reaches it."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import pytest
from sqlalchemy import select, update

from bot.services import build_services
from store.models import Project
from store.repo import Repository
from tests.conftest import TODAY, make_settings, start_application
from tests.support.clock import FrozenClock
from tests.support.telegram import ChatClient, FakeBotApi, MSAP_RULES

ANIMATOR = 7007


@pytest.fixture
async def network(database_url):
    services = build_services(make_settings(database_url, admin_user_ids=[ANIMATOR]), clock=FrozenClock(TODAY))
    api = FakeBotApi()
    application = await start_application(services, api)
    yield services, application, api
    await application.shutdown()
    services.close()


async def onboard(client: ChatClient, name: str, territory: str) -> None:
    for text in ("/start", name, territory):
        await client.send(text)
    await client.click(MSAP_RULES)


def project_id(services, name: str) -> int:
    with services.database.connect() as connection:
        return connection.execute(select(Project.id).where(Project.name == name)).scalar_one()


async def test_the_animator_sees_both_projects_and_their_csv(network):
    services, application, api = network
    claire = ChatClient(application, api, user_id=1001, first_name="Claire")
    paul = ChatClient(application, api, user_id=1002, first_name="Paul")
    await onboard(claire, "MSAP des Causses", "Larzac")
    await onboard(paul, "=MSAP du Ségala", "Ségala")  # a name a spreadsheet would take for a formula
    causses, segala = project_id(services, "MSAP des Causses"), project_id(services, "=MSAP du Ségala")
    with services.database.begin() as connection:
        repo = Repository(connection, clock=services.engine.clock)
        repo.record_answer(causses, "part_operateurs", "multi", "answered", ["la_poste"], 1001)
        repo.record_answer(causses, "dev_comite_date", "date", "answered", "2027-09-15", 1001)
        connection.execute(update(Project).where(Project.id == segala)
                           .values(updated_at=datetime(2027, 5, 2, 9, 0, tzinfo=timezone.utc)))

    animator = ChatClient(application, api, user_id=ANIMATOR, first_name="Anne")
    replies = await animator.send("/animation")
    view = replies[0].text
    assert "Animation du réseau · 2 projets" in view
    assert "Étape 1 : Établir un diagnostic pour définir le projet : 2" in view
    assert "Au moins deux opérateurs partenaires : 1 projet" in view
    quiet = view.split("Sans activité depuis plus de 30 jours")[1].split("Comités")[0]
    assert "=MSAP du Ségala (Ségala) : dernière activité le 2 mai 2027" in quiet and "Causses" not in quiet
    assert "15 septembre 2027 : MSAP des Causses" in view
    assert "Claire" not in view and "la_poste" not in view  # project-level facts, no member's answers

    (filename, content, caption) = api.documents[-1]
    assert filename == "projets-du-reseau-2027-07-01.csv" and "un par ligne" in caption
    rows = list(csv.reader(io.StringIO(content.decode()), delimiter=";"))
    assert rows[0] == ["Projet", "Territoire", "Référentiel", "Étape", "Exigences respectées",
                       "Exigences non respectées", "Exigences à renseigner", "Dernière activité"]
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"MSAP des Causses", "'=MSAP du Ségala"}  # kept as text by a spreadsheet
    causses_row = by_name["MSAP des Causses"]
    assert causses_row[1:4] == ["Larzac", "Maison de services au public",
                                "Étape 1 : Établir un diagnostic pour définir le projet"]
    assert int(causses_row[5]) >= 1 and by_name["'=MSAP du Ségala"][7] == "2027-05-02"


async def test_nobody_else_reaches_it(network):
    services, application, api = network
    claire = ChatClient(application, api, user_id=1001, first_name="Claire")
    await onboard(claire, "MSAP des Causses", "Larzac")
    replies = await claire.send("/animation")
    assert "Animation du réseau" not in replies[0].text
    assert "Je ne connais pas la commande" in replies[0].text
    assert api.documents == []
    stranger = ChatClient(application, api, user_id=1003, first_name="Inconnu")
    first = await stranger.send("/animation")
    assert "Animation du réseau" not in first[0].text and api.documents == []
