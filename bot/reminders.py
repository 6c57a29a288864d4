"""Sending due reminders: a periodic job claims them, sends them within Telegram's limits, records each outcome."""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from dataclasses import dataclass

from telegram import Bot
from telegram.error import Forbidden, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, ContextTypes

from bot.handlers import keyboard, send_text
from bot.render import Renderer
from states.reminder_queue import Delivery, ReminderQueue

log = logging.getLogger(__name__)

# Telegram allows about 30 messages a second overall. A bucket of one refilled every 1/30 s spaces
# messages evenly, so no one-second window ever holds more than 30 (a bucket of 30 would allow 60).
MESSAGES_PER_SECOND = 30
RETRIES_AFTER_429 = 3


def rate_limiter() -> AIORateLimiter:
    return AIORateLimiter(overall_max_rate=1, overall_time_period=1 / MESSAGES_PER_SECOND,
                          max_retries=RETRIES_AFTER_429)


@dataclass
class Report:
    sent: int = 0
    blocked: int = 0
    failed: int = 0


class ReminderDispatcher:
    def __init__(self, queue: ReminderQueue, renderer: Renderer) -> None:
        self.queue = queue
        self.renderer = renderer

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
            deliveries = await asyncio.to_thread(self.queue.claim)
            by_chat: dict[int, list[Delivery]] = defaultdict(list)
            for delivery in deliveries:
                by_chat[delivery.chat_id].append(delivery)
            await asyncio.gather(*(self._chat(bot, items, report) for items in by_chat.values()))
            if len(deliveries) < self.queue.batch:
                return report

    async def _chat(self, bot: Bot, deliveries: list[Delivery], report: Report) -> None:
        for delivery in deliveries:
            try:
                await send_text(bot, delivery.chat_id, self.renderer.html(delivery.reply),
                                keyboard(delivery.reply.buttons))
            except Forbidden:
                # Blocked: pause this person's reminders (all of them, this batch's included), go on with others.
                await asyncio.to_thread(self.queue.blocked, delivery)
                report.blocked += 1
                return
            except RetryAfter as error:
                await asyncio.to_thread(self.queue.failed, delivery, str(error), error.retry_after.total_seconds())
                report.failed += 1
                continue
            except TelegramError as error:
                await asyncio.to_thread(self.queue.failed, delivery, str(error))
                report.failed += 1
                continue
            await asyncio.to_thread(self.queue.sent, delivery)
            report.sent += 1
