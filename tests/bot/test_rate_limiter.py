"""Telegram's limits with replies first: a reply goes at once while the second has room, whatever reminders wait."""
from __future__ import annotations

import asyncio

from bot.app import REMINDERS
from bot.limiter import LOW, MESSAGES_PER_SECOND, RETRIES_AFTER_429, SLACK, PriorityRateLimiter, rate_limiter
from bot.services import build_services
from tests.bot.test_reminder_delivery import people_with_reminders
from tests.conftest import make_settings, start_application
from tests.support.clock import FrozenClock
from tests.support.telegram import ChatClient, FakeBotApi

SLOT = 1 / MESSAGES_PER_SECOND
# How late a busy machine's event loop may run a call the limiter let go: far from a burst (0) and from a slot.
LATE = SLOT / 2
REPLY_CHAT = 1001


class TimedApi(FakeBotApi):
    """Answers at once; keeps the event loop's time and the chat of each message, in the order Telegram got them.

    Its times include the event loop's own delays between the limiter and the transport, which on a busy machine
    reach several milliseconds: spacing is measured where the limiter lets a call go (`Timed.released`).
    """

    def __init__(self) -> None:
        super().__init__()
        self.sent_at: list[tuple[float, int]] = []

    def answer(self, name, params):
        if name == "sendMessage":
            self.sent_at.append((asyncio.get_running_loop().time(), int(params["chat_id"])))
        return super().answer(name, params)

    def chats(self) -> list[int]:
        return [chat for _, chat in self.sent_at]


class Timed(PriorityRateLimiter):
    """The production limiter, noting the loop time and the chat of each message it lets go."""

    def __init__(self) -> None:
        super().__init__(MESSAGES_PER_SECOND, max_retries=RETRIES_AFTER_429)
        self.released: list[tuple[float, int]] = []

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        async def released(*call_args, **call_kwargs):
            if endpoint == "sendMessage":
                self.released.append((asyncio.get_running_loop().time(), int(data["chat_id"])))
            return await callback(*call_args, **call_kwargs)
        return await super().process_request(released, args, kwargs, endpoint, data, rate_limit_args)

    def times(self) -> list[float]:
        return [when for when, _ in self.released]


def _in_a_second(times: list[float], start: int) -> int:
    """Messages let go in the second that begins with message `start` (the limiter's timer may fire SLACK early)."""
    return sum(1 for when in times[start:] if when - times[start] < 1.0 - SLACK)


async def until_sent(api: TimedApi, count: int) -> None:
    while len(api.sent_at) < count:
        await asyncio.sleep(0.001)


async def test_a_reply_made_during_a_batch_of_reminders_goes_out_before_the_rest(services):
    api = TimedApi()
    limiter = Timed()
    application = await start_application(services, api, limiter=limiter)
    bot = application.bot
    try:
        reminders = [2000 + n for n in range(60)]
        batch = [asyncio.create_task(bot.send_message(chat, f"Rappel {chat}", rate_limit_args=LOW))
                 for chat in reminders]
        await until_sent(api, 20)
        before = len(api.sent_at)
        loop = asyncio.get_running_loop()
        made = loop.time()
        await bot.send_message(REPLY_CHAT, "Réponse")
        await asyncio.gather(*batch)
        released = {chat: when for when, chat in limiter.released}
        chats = api.chats()
        # At once: the second had room; at most the reminder already given its slot went out between.
        assert chats.index(REPLY_CHAT) <= before + 1
        assert len(chats) - chats.index(REPLY_CHAT) - 1 >= 60 - before - 1  # the rest of the batch came after
        assert released[REPLY_CHAT] - made < LATE
        assert sorted(chats) == [REPLY_CHAT, *reminders]  # every reminder still went out, once
        times = limiter.times()
        reminder_times = [when for when, chat in limiter.released if chat != REPLY_CHAT]
        # Telegram's overall limit held: never 30 in a second; the reminders spaced one slot apart.
        assert max(_in_a_second(times, index) for index in range(len(times))) <= 29
        assert min(later - earlier for earlier, later in zip(reminder_times, reminder_times[1:])) > SLOT - LATE
    finally:
        await application.shutdown()


async def test_replies_go_at_once_while_the_second_has_room_and_never_30_in_a_second(services):
    limiter = Timed()
    application = await start_application(services, TimedApi(), limiter=limiter)
    bot = application.bot
    try:
        start = asyncio.get_running_loop().time()
        await asyncio.gather(*(bot.send_message(1000 + n, "Réponse") for n in range(35)))
        times = limiter.times()
        assert times[28] - start < 0.1  # 29 replies without waiting for one another
        assert times[29] - times[0] >= 1.0 - 0.01  # the 30th when the first leaves the second
        assert max(_in_a_second(times, index) for index in range(len(times))) <= 29
    finally:
        await application.shutdown()


async def test_normal_calls_all_go_before_waiting_low_ones_and_the_order_holds_within_each(services):
    api = TimedApi()
    application = await start_application(services, api, limiter=rate_limiter())
    bot = application.bot
    try:
        low = [asyncio.create_task(bot.send_message(3000 + n, "Rappel", rate_limit_args=LOW)) for n in range(5)]
        await until_sent(api, 1)
        normal = [asyncio.create_task(bot.send_message(1000 + n, "Réponse")) for n in range(3)]
        await asyncio.gather(*low, *normal)
        chats = api.chats()
        # The first reminder found the slot free; any given its slot meanwhile goes before; then the replies.
        replies = [chats.index(1000 + n) for n in range(3)]
        assert replies == sorted(replies) and replies[-1] - replies[0] == 2 and replies[0] <= 2
        assert [chat for chat in chats if chat >= 3000] == [3000 + n for n in range(5)]
    finally:
        await application.shutdown()


async def test_a_cancelled_call_does_not_hold_the_others(services):
    api = TimedApi()
    application = await start_application(services, api, limiter=rate_limiter())
    bot = application.bot
    try:
        first = asyncio.create_task(bot.send_message(3000, "Rappel", rate_limit_args=LOW))
        cancelled = asyncio.create_task(bot.send_message(3001, "Rappel", rate_limit_args=LOW))
        last = asyncio.create_task(bot.send_message(3002, "Rappel", rate_limit_args=LOW))
        await asyncio.sleep(0)
        cancelled.cancel()
        await asyncio.gather(first, last)
        assert api.chats() == [3000, 3002]
    finally:
        await application.shutdown()


class Recording(PriorityRateLimiter):
    """The production limiter, noting the priority each message was sent with."""

    def __init__(self) -> None:
        super().__init__(MESSAGES_PER_SECOND, max_retries=3)
        self.priorities: dict[int, list[object]] = {}

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        if endpoint == "sendMessage":
            self.priorities.setdefault(int(data["chat_id"]), []).append(rate_limit_args)
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)


async def test_the_dispatcher_sends_at_low_priority_and_a_reply_overtakes_its_batch(database_url):
    clock = FrozenClock("2027-11-27 10:00")
    api = TimedApi()
    limiter = Recording()
    services = build_services(make_settings(database_url), clock=clock)
    application = await start_application(services, api, limiter=limiter)
    try:
        users = await people_with_reminders(services, application, api, 12)
        assert all(set(priorities) == {None} for priorities in limiter.priorities.values())  # the replies
        limiter.priorities.clear()
        api.sent_at.clear()
        clock.set("2028-05-14 09:00")
        dispatch = asyncio.create_task(application.bot_data[REMINDERS].run_once(application.bot))
        await until_sent(api, 2)
        before = len(api.sent_at)
        replies = await ChatClient(application, api, user_id=users[0]).send("/start")
        report = await dispatch
        assert report.sent == 12
        chats = api.chats()
        assert chats.index(users[0], before) <= before + 1  # the reply, ahead of the reminders still waiting
        assert f"Maison {users[0]}" in replies[0].text
        assert {chat: set(priorities) for chat, priorities in limiter.priorities.items()} == {
            user: ({LOW, None} if user == users[0] else {LOW}) for user in users}
    finally:
        await application.shutdown()
        services.close()


class ThrottlingApi(TimedApi):
    """Answers 429 (retry after 1 s) to the first message; notes when it refused."""

    def __init__(self) -> None:
        super().__init__()
        self.refused_at: float | None = None

    def answer(self, name, params):
        if name == "sendMessage" and self.refused_at is None:
            self.refused_at = asyncio.get_running_loop().time()
            return 429, {"description": "Too Many Requests: retry after 1", "parameters": {"retry_after": 1}}
        return super().answer(name, params)


async def test_after_a_429_nothing_goes_until_telegram_said_then_the_calls_go_one_slot_apart(services):
    api = ThrottlingApi()
    limiter = Timed()
    application = await start_application(services, api, limiter=limiter)
    bot = application.bot
    try:
        refused = asyncio.create_task(bot.send_message(3000, "Rappel", rate_limit_args=LOW))
        while api.refused_at is None:
            await asyncio.sleep(0.001)
        others = [asyncio.create_task(bot.send_message(1000 + n, "Réponse")) for n in range(5)]
        await asyncio.gather(refused, *others)
        times = limiter.times()[1:]  # after the refused call's
        assert min(times) - api.refused_at >= 1.1 - 0.01  # retry_after + 0.1 s, as AIORateLimiter waits
        assert min(later - earlier for earlier, later in zip(times, times[1:])) > SLOT - LATE  # no burst
        # Replies first still: the refused reminder, tried again, goes after the replies that waited with it.
        assert api.chats() == [1000, 1001, 1002, 1003, 1004, 3000]
    finally:
        await application.shutdown()
