"""Telegram's rate limits, replies first: reminders take only the sending slots no other call is waiting for.

Every call that names a chat goes out in a slot of the overall limit: at most 29 in any second. Replies (the
outbox sender) may go in a burst while the second has room; a waiting call marked `LOW` (what the reminders
dispatcher sends) is given a slot only when no normal call waits for one, and low calls are spaced 1/29.5 s
apart, so a reply waits at most about one such interval behind any number of reminders. Groups also
keep Telegram's per-group limit, as python-telegram-bot's AIORateLimiter does. Calls without a chat (a button's
toast, the commands' list) take no slot.

Flood control (429) is handled as AIORateLimiter handles it: every call waits Telegram's retry_after plus
0.1 s, the refused one is tried again up to `max_retries` times, then its RetryAfter reaches the caller.
"""
from __future__ import annotations

import asyncio
import enum
import logging
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import Bot
from telegram.constants import FloodLimit
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

# Telegram allows about 30 messages a second overall: no one-second window holds more than 29 of ours, and
# reminders, spaced 1/29.5 s apart, never fill one in a burst.
MESSAGES_PER_SECOND = 29.5
RETRIES_AFTER_429 = 3
SLACK = 0.001


class Priority(enum.Enum):
    LOW = "low"  # sent only when no normal call is waiting


LOW = Priority.LOW

ApiResult = bool | dict[str, Any] | list[dict[str, Any]]


def rate_limiter() -> PriorityRateLimiter:
    """The production limiter."""
    return PriorityRateLimiter(MESSAGES_PER_SECOND, max_retries=RETRIES_AFTER_429)


def low_priority(bot: Bot) -> Priority | None:
    """The `rate_limit_args` marking a call as low priority for `bot`; None where its limiter would not know
    the mark (python-telegram-bot refuses `rate_limit_args` without a limiter)."""
    return LOW if isinstance(getattr(bot, "rate_limiter", None), PriorityRateLimiter) else None


class Slots:
    """At most `capacity` calls in any `window` seconds of the event loop's clock; normal calls before low ones.

    Replies may come in a burst while the window has room: at people's pace nobody waits for Telegram's limit.
    Low calls are also spaced `interval` apart, so a steady flow of them never fills the window in one go and a
    reply arriving behind them waits at most until the oldest call leaves the window, about one interval. After
    a pause (Telegram's 429), every call is spaced for one window: no burst right after flood control.
    """

    def __init__(self, interval: float, capacity: int, window: float = 1.0) -> None:
        self.interval = interval
        self.capacity = capacity
        self.window = window
        self.given: deque[float] = deque(maxlen=capacity)  # loop times of the last calls given a slot
        self.resume_at = float("-inf")  # no slot before (a pause)
        self.paced_until = float("-inf")  # every call spaced `interval` apart before
        self.normal: deque[asyncio.Future[None]] = deque()
        self.low: deque[asyncio.Future[None]] = deque()
        self.timer: asyncio.TimerHandle | None = None

    def waiting(self) -> int:
        return len(self.normal) + len(self.low)

    def _earliest(self, low: bool, now: float) -> float:
        """The earliest loop time a call of this priority may be given a slot."""
        earliest = self.resume_at
        if len(self.given) == self.capacity:
            earliest = max(earliest, self.given[0] + self.window)
        if self.given and (low or now < self.paced_until):
            earliest = max(earliest, self.given[-1] + self.interval)
        return earliest

    async def take(self, priority: Priority | None, first: bool = False) -> None:
        """Wait for a slot; `first`: ahead of the calls of the same priority (a call Telegram asked to retry)."""
        loop = asyncio.get_running_loop()
        low = priority is Priority.LOW
        now = loop.time()
        ahead = self.normal or (low and self.low)  # waiting calls this one may not overtake
        if not ahead and now >= self._earliest(low, now):
            self.given.append(now)
            return
        queue = self.low if low else self.normal
        waiter = loop.create_future()
        if first:
            queue.appendleft(waiter)
        else:
            queue.append(waiter)
        self._arm(loop)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter in queue:
                queue.remove(waiter)
            raise

    def pause(self, until: float) -> None:
        """No slot before loop time `until`, then one window of spaced calls."""
        if until > self.resume_at:
            self.resume_at = until
            self.paced_until = until + self.window
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
                self._arm(asyncio.get_running_loop())

    def _arm(self, loop: asyncio.AbstractEventLoop) -> None:
        """Wake up when the first waiting call may go (normal calls first)."""
        queue = self._head()
        if self.timer is None and queue is not None:
            now = loop.time()
            self.timer = loop.call_at(max(now, self._earliest(queue is self.low, now)), self._give, loop)

    def _give(self, loop: asyncio.AbstractEventLoop) -> None:
        self.timer = None
        queue = self._head()
        now = loop.time()
        # The loop may run a timer a hair early; a millisecond is nothing to Telegram's limit.
        if queue is not None and now + SLACK >= self._earliest(queue is self.low, now):
            queue.popleft().set_result(None)
            self.given.append(now)
        self._arm(loop)

    def _head(self) -> deque[asyncio.Future[None]] | None:
        """The queue whose first call goes next, normal ones first; calls whose caller was cancelled are dropped."""
        for queue in (self.normal, self.low):
            while queue and queue[0].done():
                queue.popleft()
            if queue:
                return queue
        return None


class PriorityRateLimiter(BaseRateLimiter[Priority]):
    """Telegram's overall and per-group limits, normal calls before those marked `rate_limit_args=LOW`."""

    def __init__(self, messages_per_second: float = MESSAGES_PER_SECOND,
                 group_max_rate: float = FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP, group_time_period: float = 60,
                 max_retries: int = 0) -> None:
        self.slots = Slots(1 / messages_per_second, int(messages_per_second))
        self.group_max_rate = group_max_rate
        self.group_time_period = group_time_period
        self.groups: dict[int | str, AsyncLimiter] = {}
        self.max_retries = max_retries
        self.resume_at = float("-inf")  # loop time before which no call goes, after a 429

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, ApiResult]], args: Any,
                              kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
                              rate_limit_args: Priority | None) -> ApiResult:
        chat_id = data.get("chat_id")
        try:
            chat_id = int(chat_id)
        except (TypeError, ValueError):
            pass
        # A negative id or a @username is a group or a channel (python-telegram-bot cannot tell them apart).
        group = chat_id if isinstance(chat_id, str) or (isinstance(chat_id, int) and chat_id < 0) else None
        for attempt in range(self.max_retries + 1):
            try:
                return await self._run(callback, args, kwargs, chat_id is not None, group, rate_limit_args,
                                       retry=attempt > 0)
            except RetryAfter as error:
                if attempt == self.max_retries:
                    log.warning("Flood control: %s refused after %d retries", endpoint, self.max_retries)
                    raise
                wait = error.retry_after
                seconds = (wait.total_seconds() if isinstance(wait, timedelta) else wait) + 0.1
                log.info("Flood control: every call waits %.1f s", seconds)
                self._pause(asyncio.get_running_loop().time() + seconds)
        raise AssertionError("unreachable")

    async def _run(self, callback: Callable[..., Coroutine[Any, Any, ApiResult]], args: Any, kwargs: dict[str, Any],
                   chat: bool, group: int | str | None, priority: Priority | None, retry: bool) -> ApiResult:
        if group is not None and self.group_max_rate and self.group_time_period:
            async with self._group(group):
                return await self._in_slot(callback, args, kwargs, chat, priority, retry)
        return await self._in_slot(callback, args, kwargs, chat, priority, retry)

    async def _in_slot(self, callback: Callable[..., Coroutine[Any, Any, ApiResult]], args: Any,
                       kwargs: dict[str, Any], chat: bool, priority: Priority | None, retry: bool) -> ApiResult:
        if chat:
            await self.slots.take(priority, first=retry)  # no slot is given during a pause
        else:
            loop = asyncio.get_running_loop()
            while loop.time() < self.resume_at:
                await asyncio.sleep(self.resume_at - loop.time())
        return await callback(*args, **kwargs)

    def _pause(self, until: float) -> None:
        if until > self.resume_at:
            self.resume_at = until
        self.slots.pause(until)

    def _group(self, group: int | str) -> AsyncLimiter:
        if len(self.groups) > 512:  # forget the groups whose capacity is back in full, as AIORateLimiter does
            for key, limiter in list(self.groups.items()):
                if key != group and limiter.has_capacity(limiter.max_rate):
                    del self.groups[key]
        if group not in self.groups:
            self.groups[group] = AsyncLimiter(self.group_max_rate, self.group_time_period)
        return self.groups[group]
