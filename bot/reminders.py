"""Sending due reminders: a periodic job claims them, sends them within Telegram's limits, records each outcome."""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from telegram import Bot
from telegram.error import Forbidden, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, ContextTypes

from bot.handlers import keyboard, send_text
from bot.render import Renderer
from states.reminder_queue import BLOCKED, FAILED, SENT, Delivery, ReminderQueue, Result

log = logging.getLogger(__name__)

# Telegram allows about 30 messages a second overall. A bucket of one refilled every 1/29.5 s spaces
# messages evenly, a little under the limit, so no one-second window ever holds more than 30
# (a bucket of 30 would allow bursts of 60 in a second).
MESSAGES_PER_SECOND = 29.5
RETRIES_AFTER_429 = 3
# Chats served at once: enough to keep the limiter busy over a slow network, few enough that a
# user's reply waits behind at most this many reminders in the limiter's queue.
CHATS_AT_ONCE = 8


def rate_limiter() -> AIORateLimiter:
    return AIORateLimiter(overall_max_rate=1, overall_time_period=1 / MESSAGES_PER_SECOND,
                          max_retries=RETRIES_AFTER_429)


@dataclass
class Report:
    sent: int = 0
    blocked: int = 0
    failed: int = 0

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


class ReminderDispatcher:
    def __init__(self, queue: ReminderQueue, renderer: Renderer) -> None:
        self.queue = queue
        self.renderer = renderer
        # One writer thread: outcomes are committed one after the other instead of queueing for
        # SQLite's write lock from many threads (which cost more than the writes themselves).
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reminders")
        self.chats = asyncio.Semaphore(CHATS_AT_ONCE)
        self.results: list[Result] = []
        self.flushing: asyncio.Future | None = None

    def close(self) -> None:
        self.writer.shutdown(wait=True)

    async def job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The JobQueue's periodic callback."""
        report = await self.run_once(context.bot)
        if report.sent or report.blocked or report.failed:
            log.info("Reminders: %d sent, %d to blocked users, %d to retry", report.sent, report.blocked,
                     report.failed)

    async def run_once(self, bot: Bot) -> Report:
        """Send everything due now, batch after batch; one chat's messages in order, chats side by side."""
        report = Report()
        while True:
            batch = await self._in_writer(self.queue.claim)
            by_chat: dict[int, list[Delivery]] = defaultdict(list)
            for delivery in batch.deliveries:
                by_chat[delivery.chat_id].append(delivery)
            await asyncio.gather(*(self._chat(bot, items, report) for items in by_chat.values()))
            await self._flush()
            if not batch.full:
                return report

    async def _in_writer(self, function, *args):
        return await asyncio.get_running_loop().run_in_executor(self.writer, function, *args)

    async def _chat(self, bot: Bot, deliveries: list[Delivery], report: Report) -> None:
        async with self.chats:
            for delivery in deliveries:
                result = await self._send(bot, delivery)
                report.count(result.outcome)
                self._record(result)
                if result.outcome == BLOCKED:
                    return  # the rest of this chat's reminders were paused with it

    async def _send(self, bot: Bot, delivery: Delivery) -> Result:
        try:
            await send_text(bot, delivery.chat_id, self.renderer.html(delivery.reply),
                            keyboard(delivery.reply.buttons))
        except Forbidden:
            return Result(delivery, BLOCKED)
        except RetryAfter as error:
            return Result(delivery, FAILED, str(error), error.retry_after.total_seconds())
        except TelegramError as error:
            return Result(delivery, FAILED, str(error))
        except Exception as error:  # one broken reminder must not stop the others; it is retried, then dropped
            log.exception("Reminder %s could not be sent", delivery.reminder.id)
            return Result(delivery, FAILED, f"{type(error).__name__}: {error}")
        return Result(delivery, SENT)

    def _record(self, result: Result) -> None:
        """Queue an outcome for the writer; outcomes that arrive while it writes go in its next transaction."""
        self.results.append(result)
        if self.flushing is None or self.flushing.done():
            self.flushing = asyncio.ensure_future(self._write_results())

    async def _write_results(self) -> None:
        while self.results:
            results, self.results = self.results, []
            await self._in_writer(self.queue.record, results)

    async def _flush(self) -> None:
        if self.flushing is not None:
            await self.flushing
