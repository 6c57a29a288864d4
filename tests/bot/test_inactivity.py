"""Users silent for 23 months are warned that their data will be erased, then erased at 24; activity voids it; a
shared project stays with its team."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from bot.app import INACTIVITY
from bot.services import build_services
from store.models import Answer, Project, Reminder, User
from tests.conftest import make_settings, start_application
from tests.support.clock import FrozenClock
from tests.support.members import add_member, the_project
from tests.support.telegram import ChatClient, FakeBotApi, MSAP_RULES
from tests.support.traces import rows_mentioning

USER_ID = 913_579_246


@pytest.fixture
async def world(database_url):
    clock = FrozenClock("2027-01-10 10:00")
    services = build_services(make_settings(database_url), clock=clock)
    api = FakeBotApi()
    application = await start_application(services, api)
    yield services, application, api, clock
    await application.shutdown()
    services.close()


async def sweep(application) -> None:
    await application.bot_data[INACTIVITY].job(SimpleNamespace(bot=application.bot))


async def test_a_silent_user_is_warned_then_erased_and_nothing_is_left(world):
    services, application, api, clock = world
    client = ChatClient(application, api, user_id=USER_ID, first_name="Octave", last_name="Silencieux")
    for message in ("/start", "MSAP des Causses", "Larzac", "Jeanne Martin"):
        await client.send(message)
    await client.click(MSAP_RULES)

    clock.set("2028-12-09 10:00")  # 23 months less a day: nothing yet
    await sweep(application)
    assert not [m for m in api.sent() if "vont être effacées" in m.text]

    clock.set("2028-12-10 12:00")
    await sweep(application)
    warnings = [m for m in api.sent() if "vont être effacées" in m.text]
    assert len(warnings) == 1 and warnings[0].chat_id == USER_ID, api.calls[-3:]
    assert "depuis 23 mois" in warnings[0].text and "à partir du 10 janvier 2029" in warnings[0].text
    await sweep(application)  # warned once, not at every pass
    assert len([m for m in api.sent() if "vont être effacées" in m.text]) == 1

    clock.set("2029-01-10 12:00")
    await sweep(application)
    assert rows_mentioning(services.database, str(USER_ID), "Silencieux") == []
    with services.database.connect() as connection:
        assert connection.execute(select(Project.id)).all() == []


async def test_any_activity_voids_the_warning(world):
    services, application, api, clock = world
    client = ChatClient(application, api, user_id=USER_ID, first_name="Octave", last_name="Revenu")
    await client.start_project()
    clock.set("2028-12-10 12:00")
    await sweep(application)
    await client.send("/avancement")  # back before the erasure
    clock.set("2029-01-11 12:00")
    await sweep(application)
    with services.database.connect() as connection:
        user = connection.execute(select(User.inactivity_warned_at, Project.name)
                                  .join_from(User, Project, User.active_project_id == Project.id)).one()
    assert user == (None, "MSAP des Causses")


async def test_a_bot_down_for_long_warns_first_and_erases_a_month_later(world):
    services, application, api, clock = world
    client = ChatClient(application, api, user_id=USER_ID, first_name="Octave", last_name="Absent")
    await client.start_project()
    clock.set("2029-06-01 12:00")  # 29 months later, the first pass: a warning, not an erasure
    await sweep(application)
    warning = [m for m in api.sent() if "vont être effacées" in m.text][-1]
    assert "à partir du 1 juillet 2029" in warning.text or "à partir du 1er juillet 2029" in warning.text
    with services.database.connect() as connection:
        assert connection.execute(select(User.id)).scalars().all() == [USER_ID]
    clock.set("2029-07-01 12:00")
    await sweep(application)
    with services.database.connect() as connection:
        assert connection.execute(select(User.id)).scalars().all() == []


async def test_a_silent_owner_s_project_stays_with_its_team_and_a_contributor_takes_it_over(world):
    services, application, api, clock = world
    octave = ChatClient(application, api, user_id=USER_ID, first_name="Octave", last_name="Silencieux")
    await octave.start_project()
    await octave.send("Jeanne Martin")
    project = the_project(services)
    with services.database.begin() as connection:  # a reader joined first, then a contributor
        add_member(connection, project, 2002, "Paul Roux", "reader")
        add_member(connection, project, 2003, "Claire Martin", "contributor")
    claire = ChatClient(application, api, user_id=2003, first_name="Claire", last_name="Martin")
    paul = ChatClient(application, api, user_id=2002, first_name="Paul", last_name="Roux")

    clock.set("2028-12-01 10:00")  # the team works on; Octave has said nothing for 23 months
    await claire.send("Directrice")
    await paul.send("/avancement")
    clock.set("2028-12-10 12:00")
    await sweep(application)
    warning = next(m for m in api.sent() if "vont être effacées" in m.text)
    assert warning.chat_id == USER_ID and "Un projet qui a d'autres membres leur reste" in warning.text

    clock.set("2029-01-10 12:00")
    since = len(api.calls)
    await sweep(application)
    told = api.sent(since)
    assert [m.chat_id for m in told] == [2003], told
    assert "Vous êtes maintenant porteur du projet « MSAP des Causses »" in told[0].text
    assert "depuis 24 mois" in told[0].text
    assert rows_mentioning(services.database, str(USER_ID), "Silencieux") == []
    team = (await claire.send("/equipe"))[-1]
    assert "Claire Martin (vous) : porteur du projet" in team.text and "Paul Roux : lecteur" in team.text
    assert any("Inviter" in label for label in team.labels), team.labels
    with services.database.connect() as connection:
        answers = dict(connection.execute(select(Answer.question_id, Answer.user_id)
                                          .where(Answer.is_current.is_(True))).all())
    assert answers == {"chef_projet_nom": None, "chef_projet_fonction": 2003}  # Octave's stays, authorless


async def test_a_reader_taking_a_project_over_gets_the_owner_s_reminders_at_once(world):
    services, application, api, clock = world
    octave = ChatClient(application, api, user_id=USER_ID, first_name="Octave", last_name="Silencieux")
    await octave.start_project()
    project = the_project(services)
    with services.database.begin() as connection:
        add_member(connection, project, 2002, "Paul Roux", "reader")
    paul = ChatClient(application, api, user_id=2002, first_name="Paul", last_name="Roux")
    clock.set("2028-12-01 10:00")
    await paul.send("/avancement")  # the reader stays active
    assert "nudge" not in waiting_kinds(services, 2002)  # a reader is not nudged
    clock.set("2028-12-10 12:00")
    await sweep(application)
    clock.set("2029-01-10 12:00")
    await sweep(application)
    assert "Vous êtes maintenant porteur" in api.sent()[-1].text
    assert "nudge" in waiting_kinds(services, 2002)  # planned in the sweep, not at his next answer


def waiting_kinds(services, user_id: int) -> set[str]:
    with services.database.connect() as connection:
        return set(connection.execute(select(Reminder.kind).where(Reminder.user_id == user_id,
                                                                  Reminder.status == "pending")).scalars())
