"""Where documents are rendered: worker processes when serving, a worker thread in tests and the terminal.

Rendering a dossier is a second of CPU-bound Python (layout, font subsetting). In a thread it holds the
GIL, and every other chat's reply waits behind it; bench/dossier.py measures both ways.
"""
from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from dossier.files import DocumentMaker, OutFile

_maker: DocumentMaker | None = None  # one per worker process, built by its initializer


def _start_worker(database_url: str) -> None:
    global _maker
    from bot.services import build_document_maker  # imported in the worker, after the spawn
    _maker = build_document_maker(database_url)


def _make(project_id: int, draft: bool) -> list[OutFile]:
    assert _maker is not None
    return _maker.make(project_id, draft)


class ThreadRendering:
    def __init__(self, maker: DocumentMaker) -> None:
        self.maker = maker

    async def make(self, project_id: int, draft: bool) -> list[OutFile]:
        return await asyncio.to_thread(self.maker.make, project_id, draft)

    def close(self) -> None:
        """Nothing to stop."""


class ProcessRendering:
    def __init__(self, database_url: str, workers: int = 2) -> None:
        # spawn, not fork: the bot process runs threads, which fork would copy mid-flight.
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_start_worker, initargs=(database_url,))

    async def make(self, project_id: int, draft: bool) -> list[OutFile]:
        return await asyncio.get_running_loop().run_in_executor(self.pool, _make, project_id, draft)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)
