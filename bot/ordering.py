"""Process updates of different chats concurrently and updates of one chat in order, one at a time.

In this process, a lock per chat. Across processes sharing the database, the engine holds the chat for its unit
of work (store.repo.Repository.lock_chat), and before an update is processed every older stored update of its
chat is processed first, whichever instance received it: the chat's oldest inbox row goes first.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseUpdateProcessor

from bot.inbox import chat_key
from bot.calls import DatabaseCalls
from store.inbox import Inbox

log = logging.getLogger(__name__)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, calls: DatabaseCalls, max_concurrent_updates: int = 64, inbox: Inbox | None = None,
                 shared: bool = True) -> None:
        """`shared`: other instances may receive this bot's updates (PostgreSQL); on SQLite only this process does,
        and its queue already holds the chat's older updates ahead of each one."""
        super().__init__(max_concurrent_updates)
        self.calls = calls
        self.inbox = inbox
        self.shared = shared
        self._by_engine: set[int] = set()  # updates the engine marked processed in its own transaction
        # Set by the application factory: older stored updates go through the application's handlers.
        self.application: Application | None = None
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        if key is None:
            await coroutine
            await self._processed(update)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] = self._holders.get(key, 0) + 1
        try:
            async with lock:
                await self._older_first(key, update)
                await coroutine
                await self._processed(update)
        finally:
            self._holders[key] -= 1
            if not self._holders[key]:
                del self._holders[key], self._locks[key]

    async def _older_first(self, key: int, update: Update) -> None:
        """Process the chat's stored updates older than this one that nobody has processed yet."""
        if self.inbox is None or self.application is None or not self.shared:
            return
        for stored in await self.calls(self.inbox.pending, key, update.update_id):
            older = Update.de_json(stored.payload, self.application.bot)
            log.info("Update %s of a chat waits for update %s", update.update_id, older.update_id)
            await self.application.process_update(older)
            await self._processed(older)

    def processed_by_engine(self, update_id: int) -> None:
        """The handlers' word that the engine has the update marked: no second write for it."""
        self._by_engine.add(update_id)

    async def _processed(self, update: object) -> None:
        """Mark the update processed even when no handler took it (the engine marks those it answers)."""
        if self.inbox is None or not isinstance(update, Update):
            return
        if update.update_id in self._by_engine:
            self._by_engine.discard(update.update_id)
            return
        await self.calls(self.inbox.mark_processed, update.update_id)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
