"""A dispatcher that dies while sending: after its lease, at most one reminder per chat goes out twice; a write
the database refuses repeats none.

The dying dispatcher runs in this process against the real database; at the moment of death it makes no
more Bot API call, no answer reaches it, and nothing more of it reaches the database. Its writes are slow,
as on a loaded database, so outcomes lag behind Telegram when it dies.
"""
from __future__ import annotations

import asyncio
import re
import threading
import time
from collections import Counter
from contextlib import suppress
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot.app import REMINDERS
from bot.reminders import CHATS_AT_ONCE, ReminderDispatcher
from bot.services import build_services
from states.reminder_queue import LEASE, ReminderQueue
from store import migrate
from store.models import Reminder
from store.reminders import Planned, ReminderStore
from store.repo import Repository
from tests.bot.test_reminder_delivery import people_with_reminders
from tests.conftest import make_settings, start_application
from tests.store.conftest import POSTGRES_ADMIN_URL, postgres_url  # noqa: F401 (a fixture)
from tests.support.clock import FrozenClock, paris
from tests.support.telegram import FakeBotApi

CHATS = CHATS_AT_ONCE + 4
PER_CHAT = 4
DELIVERED_BEFORE_DEATH = 2 * CHATS_AT_ONCE + 3
SENDING = "2028-05-14 09:00"
DAYS_LEFT = re.compile(r"dans (\d+) jours")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.skipif(
    not POSTGRES_ADMIN_URL, reason="TEST_POSTGRES_URL is not set"))])
def backend_url(request, tmp_path) -> str:
    """A migrated database on each backend."""
    url = f"sqlite:///{tmp_path / 'guide.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    migrate.upgrade(url)
    return url


class MortalApi(FakeBotApi):
    """Telegram, for a dispatcher that dies once `lives` messages were delivered to it.

    A message is delivered as its call arrives; the answer takes `latency` to come back. Once dead, a call
    in flight never gets its answer, and a new call never reaches Telegram.
    """

    def __init__(self, latency: float = 0.005) -> None:
        super().__init__()
        self.latency = latency
        self.lives: int | None = None
        self.dead = asyncio.Event()
        self.on_death = lambda: None

    async def do_request(self, url, method, request_data=None, **timeouts):
        if self.dead.is_set():
            await asyncio.Event().wait()  # a dead process calls no one
        answer = await super().do_request(url, method, request_data, **timeouts)
        if url.endswith("/sendMessage") and self.lives is not None:
            self.lives -= 1
            if self.lives == 0:
                self.on_death()
                self.dead.set()
        await asyncio.sleep(self.latency)
        if self.dead.is_set():
            await asyncio.Event().wait()  # the answer never arrives
        return answer

    def revive(self) -> None:
        self.lives = None
        self.dead.clear()

    def received(self) -> Counter[tuple[int, int]]:
        """How many times each (chat, days before the committee) reminder was delivered."""
        return Counter((m["chat"]["id"], int(DAYS_LEFT.search(m["text"])[1])) for m in self.messages.values()
                       if "Comité de pilotage" in m["text"])


class MortalQueue(ReminderQueue):
    """The dying dispatcher's queue: slow commits, and none after its death."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.dead = threading.Event()
        self.buried = threading.Event()

    def write(self, results, starting):
        time.sleep(0.02)
        if self.dead.is_set():
            self.buried.wait()
            raise RuntimeError("the process is dead")
        return super().write(results, starting)


def reminders(services, *where) -> list[tuple[int, int]]:
    """(chat, days before the committee) of the committee reminders matching `where`: what their text says."""
    with services.database.connect() as connection:
        rows = connection.execute(select(Reminder.user_id, Reminder.event_date).where(
            Reminder.kind == "committee_30", *where)).all()
    return [(user, (day - paris(SENDING).date()).days) for user, day in rows]


def started_without_outcome(services) -> dict[int, list[int]]:
    """Per chat, the reminders left claimed with their send started."""
    left: dict[int, list[int]] = {}
    for user, days in reminders(services, Reminder.status == "claimed", Reminder.send_started_at.is_not(None)):
        left.setdefault(user, []).append(days)
    return left


async def test_after_a_dispatcher_dies_only_the_reminder_it_was_sending_in_a_chat_is_sent_again(backend_url):
    clock = FrozenClock("2027-11-27 10:00")
    api = MortalApi()
    services = build_services(make_settings(backend_url), clock=clock)
    application = await start_application(services, api)
    dying = MortalQueue(services.database, services.reminders.notes, services.reminders.planner, clock,
                        owner="dies")
    dead = ReminderDispatcher(dying, services.renderer)
    try:
        users = await people_with_reminders(services, application, api, CHATS)  # one each
        with services.database.begin() as connection:
            store = ReminderStore(connection)
            for user in users:
                project = Repository(connection).user(user, "").active_project_id
                for days in range(31, 30 + PER_CHAT):
                    store.add(project, user, Planned("committee_30", paris(SENDING) - timedelta(minutes=days), None,
                                                     (paris(SENDING) + timedelta(days=days)).date()))
        clock.set(SENDING)
        api.messages.clear()
        api.lives = DELIVERED_BEFORE_DEATH
        api.on_death = dying.dead.set
        run = asyncio.create_task(dead.run_once(application.bot))
        await asyncio.wait_for(api.dead.wait(), timeout=20)
        await asyncio.sleep(0.1)  # what was on its way stops where a killed process would have left it
        run.cancel()
        with suppress(asyncio.CancelledError):
            await run
        before = api.received()
        assert sum(before.values()) == DELIVERED_BEFORE_DEATH and max(before.values()) == 1

        in_doubt = started_without_outcome(services)
        assert all(len(days) == 1 for days in in_doubt.values()), in_doubt  # at most one per chat
        assert len(in_doubt) > 1  # it died with several chats in flight: the case under test happened

        api.revive()
        clock.advance(seconds=LEASE.total_seconds() + 1)
        report = await application.bot_data[REMINDERS].run_once(application.bot)
        received = api.received()
        assert sorted(received) == sorted(reminders(services)) and len(received) == CHATS * PER_CHAT
        twice = {key for key, times in received.items() if times > 1}
        assert max(received.values()) == 2
        # Only a reminder whose send had started is repeated, and only if Telegram had it before the death.
        assert twice == {(user, days[0]) for user, days in in_doubt.items() if (user, days[0]) in before}
        assert len({user for user, _ in twice}) == len(twice)
        assert twice  # some in-flight sends had reached Telegram
        assert report.sent == CHATS * PER_CHAT - sum(before.values()) + len(twice)
        with services.database.connect() as connection:
            assert set(connection.execute(select(Reminder.status).where(Reminder.kind == "committee_30"))
                       .scalars()) == {"sent"}
    finally:
        dying.buried.set()
        if dead.writing is not None:
            await asyncio.wait([dead.writing], timeout=5)
        dead.close()
        await application.shutdown()
        services.close()



class RefusingOnceQueue(ReminderQueue):
    """A queue whose database refuses its `refuse_at`-th write (a lock timeout, a dropped connection)."""

    def __init__(self, *args, refuse_at: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.writes = 0
        self.refuse_at = refuse_at

    def write(self, results, starting):
        self.writes += 1
        if self.writes == self.refuse_at:
            raise OperationalError("UPDATE reminder", {}, Exception("database is locked"))
        return super().write(results, starting)


async def test_a_write_the_database_refuses_stops_those_sends_and_keeps_the_outcomes_for_the_next(database_url):
    clock = FrozenClock("2027-11-27 10:00")
    api = MortalApi(latency=0)
    services = build_services(make_settings(database_url), clock=clock)
    application = await start_application(services, api)
    queue = RefusingOnceQueue(services.database, services.reminders.notes, services.reminders.planner, clock,
                              refuse_at=3)
    dispatcher = ReminderDispatcher(queue, services.renderer)
    try:
        users = await people_with_reminders(services, application, api, CHATS)
        with services.database.begin() as connection:
            store = ReminderStore(connection)
            for user in users:
                project = Repository(connection).user(user, "").active_project_id
                store.add(project, user, Planned("committee_30", paris(SENDING) - timedelta(minutes=1), None,
                                                 (paris(SENDING) + timedelta(days=31)).date()))
        clock.set(SENDING)
        api.messages.clear()
        with pytest.raises(OperationalError):
            await dispatcher.run_once(application.bot)
        assert 0 < sum(api.received().values()) < 2 * CHATS
        clock.advance(seconds=LEASE.total_seconds() + 1)  # the sends that did not begin are claimed again
        await dispatcher.run_once(application.bot)
        received = api.received()
        assert sorted(received) == sorted(reminders(services)) and max(received.values()) == 1
        with services.database.connect() as connection:
            assert set(connection.execute(select(Reminder.status).where(Reminder.kind == "committee_30"))
                       .scalars()) == {"sent"}
    finally:
        dispatcher.close()
        await application.shutdown()
        services.close()
