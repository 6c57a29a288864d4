"""Updates go through the database inbox: stored before Telegram is told they arrived, processed from there.

Polling: python-telegram-bot's Updater puts each fetched update into the application's queue before its next
getUpdates confirms the batch. Webhook: the handler puts the update into the queue before answering 200. The queue
below stores the update in `put`, so in both modes the row is committed before Telegram lets go of the update.
"""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

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


# Updates whose JSON arrived and that were not queued (a stopped poller's batch) are not kept past this many.
RAW_KEPT = 1000


class InboxQueue(asyncio.Queue):
    """The application's update queue; an update is in the inbox before it is in the queue."""

    def __init__(self, inbox: Inbox, calls: DatabaseCalls) -> None:
        super().__init__()
        self.inbox = inbox
        self.calls = calls
        self._raw: dict[int, dict[str, Any]] = {}

    def arrived(self, payload: object) -> None:
        """An update's JSON as Telegram sent it, which `put` stores as it is.

        Serialising the parsed update again (python-telegram-bot's to_dict) costs about 50 µs an update.
        """
        if isinstance(payload, dict) and type(payload.get("update_id")) is int:
            if len(self._raw) >= RAW_KEPT:
                self._raw.clear()
            self._raw[payload["update_id"]] = payload

    async def put(self, item: object) -> None:
        if isinstance(item, Update):
            payload = self._raw.pop(item.update_id, None) or item.to_dict()
            stored = await self.calls(self.inbox.receive, item.update_id, chat_key(item), payload)
            if not stored:
                # Delivered again: it is processed, or queued where it was first received (or at a restart).
                log.info("Update %s is already in the inbox", item.update_id)
                return
        await super().put(item)

    def requeue(self, update: Update) -> None:
        """Queue an update that is already stored."""
        self.put_nowait(update)


class ArrivingUpdates(BaseRequest):
    """The getUpdates transport, handing each update's JSON to the inbox queue as it arrives (polling).

    The body is parsed here a second time: python-telegram-bot keeps only the objects it builds from it.
    """

    def __init__(self, request: BaseRequest, queue: InboxQueue) -> None:
        self.request = request
        self.queue = queue

    @property
    def read_timeout(self) -> float | None:
        return self.request.read_timeout

    async def initialize(self) -> None:
        await self.request.initialize()

    async def shutdown(self) -> None:
        await self.request.shutdown()

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout=None, write_timeout=None, connect_timeout=None,
                         pool_timeout=None) -> tuple[int, bytes]:
        code, body = await self.request.do_request(url, method, request_data, read_timeout=read_timeout,
                                                   write_timeout=write_timeout, connect_timeout=connect_timeout,
                                                   pool_timeout=pool_timeout)
        if code == 200 and url.endswith("/getUpdates"):
            try:
                result = json.loads(body).get("result")
            except (ValueError, AttributeError):  # python-telegram-bot reports a bad body; its updates are none
                result = None
            for payload in result if isinstance(result, list) else ():
                self.queue.arrived(payload)
        return code, body


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
