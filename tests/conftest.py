"""Shared fixtures: a migrated SQLite file, the services, the real application over a fake Bot API."""
from __future__ import annotations

import pytest

from bot.app import build_application
from bot.config import Settings
from bot.services import Services, build_services
from store import migrate
from tests.support.clock import FrozenClock
from tests.support.telegram import ChatClient, FakeBotApi

TEST_TOKEN = "123456:TEST-token"


def make_settings(database_url: str, **overrides) -> Settings:
    return Settings(_env_file=None, telegram_bot_token=TEST_TOKEN, database_url=database_url, **overrides)


@pytest.fixture
def database_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'guide.db'}"
    migrate.upgrade(url)
    return url


# The tests' "today": dates the scripts give as past (sent in June 2027) and planned (opening in
# September 2027) are both plausible, whatever the day the suite runs.
TODAY = "2027-07-01 10:00"


@pytest.fixture
def services(database_url):
    built = build_services(make_settings(database_url), clock=FrozenClock(TODAY))
    yield built
    built.close()


@pytest.fixture
def api() -> FakeBotApi:
    return FakeBotApi()


async def start_application(services: Services, api: FakeBotApi, **options):
    # Without Telegram's rate limiter: the conversation tests would wait 1/30 s per message.
    application = build_application(services, request=api, **{"limiter": None, **options})
    await application.initialize()
    return application


@pytest.fixture
async def application(services, api):
    app = await start_application(services, api)
    yield app
    await app.shutdown()


@pytest.fixture
def client(application, api) -> ChatClient:
    return ChatClient(application, api)
