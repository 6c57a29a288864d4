"""Updates go through the database inbox: stored before Telegram is told they arrived, processed from there.

Polling: python-telegram-bot's Updater puts each fetched update into the application's queue before its next
getUpdates confirms the batch. Webhook: the handler puts the update into the queue before answering 200. The queue
below stores the update in `put`, so in both modes the row is committed before Telegram lets go of the update.
"""
from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.ext import Application

from bot.calls import DatabaseCalls
from store.inbox import Inbox

log = logging.getLogger(__name__)


def chat_key(update: object) -> int | None:
    """The chat an update belongs to, which orders it; None for an update of no chat."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user else None


class InboxQueue(asyncio.Queue):
    """The application's update queue; an update is in the inbox before it is in the queue."""

    def __init__(self, inbox: Inbox, calls: DatabaseCalls) -> None:
        super().__init__()
        self.inbox = inbox
        self.calls = calls

    async def put(self, item: object) -> None:
        if isinstance(item, Update):
            stored = await self.calls(self.inbox.receive, item.update_id, chat_key(item), item.to_dict())
            if not stored:
                # Delivered again: it is processed, or queued where it was first received (or at a restart).
                log.info("Update %s is already in the inbox", item.update_id)
                return
        await super().put(item)

    def requeue(self, update: Update) -> None:
        """Queue an update that is already stored."""
        self.put_nowait(update)


async def recover(application: Application) -> int:
    """Queue, oldest first, every stored update not processed yet: what a crash or a stop left behind."""
    queue = application.update_queue
    if not isinstance(queue, InboxQueue):
        return 0
    pending = await queue.calls(queue.inbox.pending)
    for stored in pending:
        queue.requeue(Update.de_json(stored.payload, application.bot))
    if pending:
        log.info("%d stored update(s) to process", len(pending))
    return len(pending)
