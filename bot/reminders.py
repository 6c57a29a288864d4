"""Sending due reminders: a periodic job claims them, sends them within Telegram's limits, records each outcome.

Flood control (429) and network errors never fail a reminder: the dispatcher pauses, gives back what it
holds, and the reminders wait until Telegram takes them or they expire. Only Telegram's refusal of the
message itself fails one. Each send is recorded as started, in the database, before Telegram is called.
"""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ContextTypes

from bot.calls import DatabaseCalls
from bot.handlers import keyboard, send_text
from bot.limiter import low_priority
from bot.render import Renderer
from states.reminder_queue import BLOCKED, DELAYED, FAILED, REFUSED, SENT, Delivery, ReminderQueue, Result

log = logging.getLogger(__name__)

# Chats served at once: enough to keep the limiter busy over a slow network. The limiter sends a reminder
# only when no reply is waiting (bot.limiter), so this does not bound a reply's wait.
CHATS_AT_ONCE = 8
# After a network error the dispatcher waits as long as the outage has lasted so far, within these bounds.
SHORTEST_PAUSE = timedelta(seconds=15)
LONGEST_PAUSE = timedelta(minutes=5)


@dataclass
class Report:
    sent: int = 0
    blocked: int = 0
    failed: int = 0  # refused by Telegram, or an error of ours
    delayed: int = 0  # given back after a 429 or a network error, to be sent later

    def count(self, outcome: str) -> None:
        name = {SENT: "sent", BLOCKED: "blocked", REFUSED: "failed", FAILED: "failed", DELAYED: "delayed"}[outcome]
        setattr(self, name, getattr(self, name) + 1)


class ReminderDispatcher:
    def __init__(self, queue: ReminderQueue, renderer: Renderer, calls: DatabaseCalls | None = None) -> None:
        """`calls`: on SQLite the writes run where the bot's other database work runs (the event loop), so
        they never queue for the file's write lock behind it."""
        self.queue = queue
        self.renderer = renderer
        self.inline = calls is not None and calls.inline
        # Otherwise one writer thread: outcomes are committed one after the other instead of queueing for
        # the write lock from many threads (which cost more than the writes themselves).
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reminders")
        self.chats = asyncio.Semaphore(CHATS_AT_ONCE)
        # Waiting for the writer: outcomes, and sends about to start (each with the future its chat awaits).
        self.results: list[Result] = []
        self.starting: list[tuple[Delivery, asyncio.Future[bool]]] = []
        self.writing: asyncio.Future | None = None
        self.write_error: Exception | None = None
        self.resume_at: datetime | None = None  # no send before, after a 429 or a network error
        self.outage_since: datetime | None = None  # first network error since the last message Telegram took

    def close(self) -> None:
        self.writer.shutdown(wait=True)

    async def job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The JobQueue's periodic callback."""
        report = await self.run_once(context.bot)
        if report.sent or report.blocked or report.failed or report.delayed:
            log.info("Reminders: %d sent, %d to blocked users, %d failed, %d delayed", report.sent, report.blocked,
                     report.failed, report.delayed)

    async def run_once(self, bot: Bot) -> Report:
        """Send everything due now, batch after batch; one chat's messages in order, chats side by side."""
        report = Report()
        await self._flush()  # outcomes a failed write kept go before any new claim
        while not self._paused():
            batch = await self._in_writer(self.queue.claim)
            by_chat: dict[int, list[Delivery]] = defaultdict(list)
            for delivery in batch.deliveries:
                by_chat[delivery.chat_id].append(delivery)
            chats = await asyncio.gather(*(self._chat(bot, items, report) for items in by_chat.values()),
                                         return_exceptions=True)
            await self._flush()
            for outcome in chats:
                if isinstance(outcome, BaseException):
                    raise outcome
            if not batch.full:
                break
        return report

    def _paused(self) -> bool:
        return self.resume_at is not None and self.queue.clock() < self.resume_at

    async def _in_writer(self, function, *args):
        if self.inline:
            return function(*args)
        return await asyncio.get_running_loop().run_in_executor(self.writer, function, *args)

    async def _chat(self, bot: Bot, deliveries: list[Delivery], report: Report) -> None:
        async with self.chats:
            for number, delivery in enumerate(deliveries):
                if not self._paused() and not await self._start(delivery):
                    log.warning("Reminder %s was taken over by another dispatcher when its lease ran out",
                                delivery.reminder.id)
                    continue
                if self._paused():  # before its start was recorded, or while it was
                    # Flood control or an outage: the rest wait, and other dispatchers leave them until then.
                    for waiting in deliveries[number:]:
                        report.count(DELAYED)
                        self._record(Result(waiting, DELAYED, "not tried: sending paused", self.resume_at))
                    return
                result = await self._send(bot, delivery)
                report.count(result.outcome)
                self._record(result)
                if result.outcome == BLOCKED:
                    return  # the rest of this chat's reminders were paused with it

    async def _send(self, bot: Bot, delivery: Delivery) -> Result:
        try:
            # Low priority: a reminder goes out only when no reply is waiting for Telegram's limit.
            await send_text(bot, delivery.chat_id, self.renderer.html(delivery.reply),
                            keyboard(delivery.reply.buttons), rate_limit_args=low_priority(bot))
        except Forbidden:
            return Result(delivery, BLOCKED)
        except RetryAfter as error:
            # Flood control: Telegram says how long (the rate limiter has already waited it out a few times).
            return Result(delivery, DELAYED, str(error), self._pause(error.retry_after))
        except BadRequest as error:  # before NetworkError, its base class in python-telegram-bot
            # The message itself, or a chat that does not exist: trying again would change nothing.
            return Result(delivery, REFUSED, str(error))
        except NetworkError as error:  # TimedOut included, and Telegram's 5xx
            now = self.queue.clock()
            self.outage_since = self.outage_since or now
            wait = min(max(now - self.outage_since, SHORTEST_PAUSE), LONGEST_PAUSE)
            return Result(delivery, DELAYED, f"{type(error).__name__}: {error}", self._pause(wait))
        except TelegramError as error:
            return Result(delivery, FAILED, str(error))
        except Exception as error:  # one broken reminder must not stop the others; it is retried, then dropped
            log.exception("Reminder %s could not be sent", delivery.reminder.id)
            return Result(delivery, FAILED, f"{type(error).__name__}: {error}")
        self.outage_since = None
        return Result(delivery, SENT)

    def _pause(self, wait: timedelta) -> datetime:
        """No send before now + wait (or a later time already set); returns when sending resumes."""
        until = self.queue.clock() + wait
        if self.resume_at is None or until > self.resume_at:
            self.resume_at = until
        return self.resume_at

    async def _start(self, delivery: Delivery) -> bool:
        """Record, before Telegram is called, that this send begins; False when the claim is no longer ours."""
        started = asyncio.get_running_loop().create_future()
        self.starting.append((delivery, started))
        self._wake_writer()
        return await started

    def _record(self, result: Result) -> None:
        self.results.append(result)
        self._wake_writer()

    def _wake_writer(self) -> None:
        """What arrives while the writer writes goes in its next transaction."""
        if self.writing is None or self.writing.done():
            self.writing = asyncio.ensure_future(self._write())

    async def _write(self) -> None:
        while self.results or self.starting:
            results, self.results = self.results, []
            starting, self.starting = self.starting, []
            try:
                ours = await self._in_writer(self.queue.write, results, [delivery for delivery, _ in starting])
            except Exception as error:
                # Nothing was written. The outcomes go first in the next write; no send waiting begins.
                self.results[:0] = results
                starting, self.starting = starting + self.starting, []
                for _, started in starting:
                    if not started.done():  # done: its chat was cancelled
                        started.set_exception(error)
                self.write_error = error
                return
            for delivery, started in starting:
                if not started.done():
                    started.set_result(delivery.reminder.id in ours)

    async def _flush(self) -> None:
        """Wait until every outcome recorded is written; raises if a write failed since the last flush."""
        if self.results:  # some kept by a write that failed
            self._wake_writer()
        while self.writing is not None and not self.writing.done():
            await self.writing
        if self.write_error is not None:
            error, self.write_error = self.write_error, None
            raise error
