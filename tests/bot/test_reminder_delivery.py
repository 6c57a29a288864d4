"""Telegram's refusals while reminders go out: 429 and outages waited out, 403 pauses one person, the rest delivered."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import text, update
from telegram.error import NetworkError, TimedOut

from bot.app import REMINDER_INTERVAL_SECONDS, REMINDERS
from bot.limiter import rate_limiter
from bot.reminders import CHATS_AT_ONCE, LONGEST_PAUSE
from bot.services import build_services
from store.models import Reminder
from store.reminders import Planned, ReminderStore
from store.repo import Repository
from tests.conftest import make_settings, start_application
from tests.support.clock import FrozenClock, paris
from tests.support.telegram import ChatClient, FakeBotApi, MSAP_RULES


class RefusingApi(FakeBotApi):
    """Answers 429 the first `throttle` times a message is sent, or until `flood_until`; 403 for the chats in
    `blocked`, 400 for those in `missing`; and no answer at all (a network error) until `outage_until`.

    The flood and the outage end by the test's clock, so minutes of them take no time.
    """

    def __init__(self, throttle: int = 0, retry_after: int = 1, clock: FrozenClock | None = None) -> None:
        super().__init__()
        self.throttle = throttle
        self.retry_after = retry_after
        self.clock = clock
        self.flood_until: datetime | None = None
        self.outage_until: datetime | None = None
        self.blocked: set[int] = set()
        self.missing: set[int] = set()
        self.refused: list[tuple[int, int]] = []  # (status, chat)
        self.tries: list[tuple[datetime, int]] = []  # (clock, chat) of every sendMessage, refused or not
        self.lost: list[tuple[datetime, int]] = []  # (clock, chat) of the sends the network lost

    async def do_request(self, url, method, request_data=None, **timeouts):
        if url.endswith("/sendMessage") and self.outage_until is not None and self.clock() < self.outage_until:
            chat = int(request_data.parameters["chat_id"])
            self.lost.append((self.clock(), chat))
            # What HTTPXRequest raises for httpx's timeouts and connection errors.
            raise TimedOut("Timed out") if len(self.lost) % 2 else NetworkError("httpx.ConnectError: unreachable")
        return await super().do_request(url, method, request_data, **timeouts)

    def answer(self, name, params):
        if name == "sendMessage":
            chat = int(params["chat_id"])
            if self.clock is not None:
                self.tries.append((self.clock(), chat))
            if chat in self.blocked:
                self.refused.append((403, chat))
                return 403, "Forbidden: bot was blocked by the user"
            if chat in self.missing:
                self.refused.append((400, chat))
                return 400, "Bad Request: chat not found"
            if self.throttle or (self.flood_until is not None and self.clock() < self.flood_until):
                self.throttle = max(self.throttle - 1, 0)
                self.refused.append((429, chat))
                return 429, {"description": f"Too Many Requests: retry after {self.retry_after}",
                             "parameters": {"retry_after": self.retry_after}}
        return super().answer(name, params)

    def delivered(self, about: str = "Comité de pilotage") -> list[int]:
        """The chats that received a message about `about` (refused calls are not messages)."""
        return sorted(m["chat"]["id"] for m in self.messages.values() if about in m.get("text", ""))


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock("2027-11-27 10:00")


async def people_with_reminders(services, application, api, count: int) -> list[int]:
    """`count` users with a project each and one committee reminder due on 14 May 2028 at 9:00."""
    users = [2001 + n for n in range(count)]
    for user in users:
        client = ChatClient(application, api, user_id=user, first_name=f"Élu {user}")
        for message in ("/start", f"Maison {user}", "Causses"):
            await client.send(message)
        await client.click(MSAP_RULES)
    with services.database.begin() as connection:
        # Only the committee reminder: the nudges and funding requests planned with the projects are dropped.
        connection.execute(text("UPDATE reminder SET status = 'cancelled'"))
        store = ReminderStore(connection)
        for user in users:
            project = Repository(connection).user(user, "").active_project_id
            store.add(project, user, Planned("committee_30", paris("2028-05-14 09:00"), None,
                                             paris("2028-06-13 00:00").date()))
    return users


def statuses(services) -> dict[int, list[str]]:
    with services.database.connect() as connection:
        rows = connection.execute(text("SELECT user_id, status FROM reminder WHERE kind = 'committee_30'")).all()
    return {user: [s for u, s in rows if u == user] for user, _ in rows}


async def test_a_429_is_waited_out_and_the_reminder_sent_once(database_url, clock):
    api = RefusingApi(retry_after=1)
    services = build_services(make_settings(database_url), clock=clock)
    application = await start_application(services, api, limiter=rate_limiter())
    try:
        users = await people_with_reminders(services, application, api, 3)
        api.throttle = 1
        clock.set("2028-05-14 09:00")
        await application.bot_data[REMINDERS].run_once(application.bot)
        assert api.delivered() == users  # each once, the throttled one included
        assert [status for status, _ in api.refused] == [429]
        assert all(states == ["sent"] for states in statuses(services).values())
    finally:
        await application.shutdown()
        services.close()


async def test_a_429_past_the_limiter_keeps_the_reminder_until_telegram_says(database_url, clock):
    api = RefusingApi(retry_after=30)
    services = build_services(make_settings(database_url), clock=clock)
    application = await start_application(services, api)  # no limiter: the 429 reaches the dispatcher
    try:
        users = await people_with_reminders(services, application, api, 2)
        api.throttle = 1
        clock.set("2028-05-14 09:00")
        dispatcher = application.bot_data[REMINDERS]
        first = await dispatcher.run_once(application.bot)
        # The refused one waits; so does the other unless it was sent before the 429 came back.
        assert (first.sent + first.delayed, first.failed) == (2, 0) and first.delayed >= 1
        throttled = api.refused[0][1]
        assert sorted(statuses(services)[throttled]) == ["pending"]
        assert (await dispatcher.run_once(application.bot)).sent == 0  # Telegram said 30 s
        clock.advance(seconds=31)
        assert (await dispatcher.run_once(application.bot)).sent == first.delayed
        assert api.delivered() == users
        assert all(states == ["sent"] for states in statuses(services).values())
    finally:
        await application.shutdown()
        services.close()


async def run_jobs(dispatcher, bot, clock: FrozenClock, until: datetime) -> list:
    """The periodic job at its pace on the test's clock, until `until`; the report of each run."""
    reports = []
    while clock() < until:
        reports.append(await dispatcher.run_once(bot))
        clock.advance(seconds=REMINDER_INTERVAL_SECONDS)
    return reports


async def test_three_minutes_of_flood_control_delay_every_reminder_and_lose_none(database_url, clock):
    api = RefusingApi(retry_after=20, clock=clock)
    services = build_services(make_settings(database_url), clock=clock)
    application = await start_application(services, api)  # no limiter: every 429 reaches the dispatcher
    try:
        users = await people_with_reminders(services, application, api, 2 * CHATS_AT_ONCE + 3)
        clock.set("2028-05-14 09:00")
        start = clock()
        api.flood_until = start + timedelta(minutes=3)
        reports = await run_jobs(application.bot_data[REMINDERS], application.bot, clock,
                                 api.flood_until + timedelta(minutes=2))
        assert api.delivered() == users  # each once, after the flood
        assert all(states == ["sent"] for states in statuses(services).values())
        assert sum(report.failed for report in reports) == 0
        during = [when for when, _ in api.tries if start <= when < api.flood_until]
        rounds = sorted(set(during))
        assert len(rounds) == 6  # one run every 30 s for 3 minutes: each tried again, none gave up
        # Telegram's 20 s were respected, and each run stopped at its first refusals instead of trying every chat.
        assert all(later - earlier >= timedelta(seconds=20) for earlier, later in zip(rounds, rounds[1:]))
        assert all(during.count(when) <= CHATS_AT_ONCE for when in rounds)
        assert min(when for when, _ in api.tries if when >= api.flood_until) == api.flood_until
    finally:
        await application.shutdown()
        services.close()


async def test_a_reminder_that_expires_during_the_flood_ends_expired_not_failed(database_url, clock):
    api = RefusingApi(retry_after=20, clock=clock)
    services = build_services(make_settings(database_url), clock=clock)
    application = await start_application(services, api)
    try:
        users = await people_with_reminders(services, application, api, 2)
        with services.database.begin() as connection:
            connection.execute(update(Reminder).where(Reminder.user_id == users[0], Reminder.kind == "committee_30")
                               .values(expires_at=paris("2028-05-14 09:01")))
        clock.set("2028-05-14 09:00")
        api.flood_until = clock() + timedelta(minutes=3)
        reports = await run_jobs(application.bot_data[REMINDERS], application.bot, clock,
                                 api.flood_until + timedelta(minutes=2))
        assert statuses(services) == {users[0]: ["expired"], users[1]: ["sent"]}
        assert api.delivered() == users[1:]
        assert sum(report.failed for report in reports) == 0
    finally:
        await application.shutdown()
        services.close()


async def test_ten_minutes_without_network_lose_no_reminder_and_tries_grow_sparser(database_url, clock):
    api = RefusingApi(clock=clock)
    services = build_services(make_settings(database_url), clock=clock)
    application = await start_application(services, api)
    try:
        users = await people_with_reminders(services, application, api, CHATS_AT_ONCE + 2)
        clock.set("2028-05-14 09:00")
        api.outage_until = clock() + timedelta(minutes=10)
        reports = await run_jobs(application.bot_data[REMINDERS], application.bot, clock,
                                 api.outage_until + LONGEST_PAUSE + timedelta(minutes=1))
        assert api.delivered() == users
        assert all(states == ["sent"] for states in statuses(services).values())
        assert sum(report.failed for report in reports) == 0
        rounds = sorted({when for when, _ in api.lost})
        gaps = [later - earlier for earlier, later in zip(rounds, rounds[1:])]
        assert gaps == sorted(gaps) and gaps[-1] > gaps[0]  # the longer the outage, the sparser the tries
        assert len(rounds) < 10  # against 20 runs of the job in those 10 minutes
    finally:
        await application.shutdown()
        services.close()


async def test_a_chat_telegram_does_not_know_fails_its_reminder_at_once(database_url, clock):
    api = RefusingApi(clock=clock)
    services = build_services(make_settings(database_url), clock=clock)
    application = await start_application(services, api)
    try:
        users = await people_with_reminders(services, application, api, 3)
        api.missing = {users[0]}
        clock.set("2028-05-14 09:00")
        reports = await run_jobs(application.bot_data[REMINDERS], application.bot, clock,
                                 clock() + timedelta(hours=1))
        assert (reports[0].sent, reports[0].failed) == (2, 1)
        assert statuses(services)[users[0]] == ["failed"]
        assert api.refused == [(400, users[0])]  # refused once: asking again would change nothing
        assert api.delivered() == users[1:]
    finally:
        await application.shutdown()
        services.close()


async def test_a_blocked_user_is_paused_the_others_served_and_unblocking_resumes(database_url, clock):
    api = RefusingApi()
    services = build_services(make_settings(database_url), clock=clock)
    application = await start_application(services, api)
    try:
        users = await people_with_reminders(services, application, api, 4)
        api.blocked = {users[1]}
        clock.set("2028-05-14 09:00")
        dispatcher = application.bot_data[REMINDERS]
        report = await dispatcher.run_once(application.bot)
        assert (report.sent, report.blocked) == (3, 1)
        assert statuses(services)[users[1]] == ["blocked"]
        assert (await dispatcher.run_once(application.bot)).blocked == 0  # not tried again while blocked
        # The answers are kept; writing again lifts the pause and the reminder still goes out.
        api.blocked = set()
        replies = await ChatClient(application, api, user_id=users[1]).send("/start")
        assert f"Maison {users[1]}" in replies[0].text
        assert (await dispatcher.run_once(application.bot)).sent == 1
        assert api.delivered() == users
        assert all(states == ["sent"] for states in statuses(services).values())
    finally:
        await application.shutdown()
        services.close()


async def test_a_reminder_that_cannot_be_written_does_not_stop_the_others(database_url, clock, monkeypatch, caplog):
    api = RefusingApi()
    services = build_services(make_settings(database_url), clock=clock)
    application = await start_application(services, api)
    try:
        users = await people_with_reminders(services, application, api, 3)
        clock.set("2028-05-14 09:00")
        html = services.renderer.html

        def broken_for_one(reply):
            if reply.values.get("project") == f"Maison {users[0]}":
                raise RuntimeError("template bug")
            return html(reply)

        monkeypatch.setattr(services.renderer, "html", broken_for_one)
        report = await application.bot_data[REMINDERS].run_once(application.bot)
        assert (report.sent, report.failed) == (2, 1)
        assert api.delivered() == users[1:]
        assert statuses(services)[users[0]] == ["pending"]  # retried later, a bounded number of times
        assert "template bug" in caplog.text
        for _ in range(6):
            clock.advance(hours=1)
            await application.bot_data[REMINDERS].run_once(application.bot)
        assert statuses(services)[users[0]] == ["failed"]
        assert api.delivered() == users[1:]
    finally:
        await application.shutdown()
        services.close()


async def test_reminders_planned_as_a_blocked_user_comes_back_are_not_left_on_hold(database_url, clock):
    api = RefusingApi()
    services = build_services(make_settings(database_url), clock=clock)
    application = await start_application(services, api)
    try:
        (user,) = await people_with_reminders(services, application, api, 1)
        with services.database.begin() as connection:
            connection.execute(text("UPDATE reminder SET status = 'cancelled'"))
            ReminderStore(connection).block_user(user, clock())
        await ChatClient(application, api, user_id=user).send("/rappels")  # plans the nudge and funding again
        with services.database.connect() as connection:
            waiting = connection.execute(text("SELECT status FROM reminder WHERE status <> 'cancelled'")).scalars()
            assert sorted(waiting) == ["pending", "pending"]
    finally:
        await application.shutdown()
        services.close()
