"""Where the bot runs its synchronous database work: inline on SQLite, in a worker thread on PostgreSQL.

SQLite has one writer at a time, and a unit of work here takes a fraction of a millisecond: run in the event
loop, the process is that one writer, with no thread hop and no waiting on the file lock between its own
threads. PostgreSQL waits on the network, so its work goes to a thread and the loop serves other chats meanwhile.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine

T = TypeVar("T")


class DatabaseCalls:
    def __init__(self, database: Engine) -> None:
        self.inline = database.dialect.name == "sqlite"

    async def __call__(self, function: Callable[..., T], *args: object) -> T:
        if self.inline:
            return function(*args)
        return await asyncio.to_thread(function, *args)
