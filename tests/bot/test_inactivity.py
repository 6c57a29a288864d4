"""Users silent for 23 months are warned that their data will be erased, then erased at 24; activity voids it."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from bot.app import INACTIVITY
from bot.services import build_services
from store.models import Project, User
from tests.conftest import make_settings, start_application
from tests.support.clock import FrozenClock
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
