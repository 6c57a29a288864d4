"""Where documents and charts are made: worker processes when serving, a worker thread in tests and the terminal.

Rendering a dossier is a second of CPU-bound Python (layout, font subsetting). In a thread it holds the
GIL, and every other chat's reply waits behind it; bench/dossier.py measures both ways. The workers also keep
WeasyPrint, docxtpl and matplotlib out of the bot process: each worker holds ~160 MB once it has rendered, so
they start on the first /dossier or chart and stop after some idle minutes (`Settings.render_idle_minutes`).
They also stop when the bot process dies, however it dies (kill -9 included): see `_WorkerPool`.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from typing import Any

from bot.images import draw
from dossier.files import DocumentMaker, OutFile

log = logging.getLogger(__name__)

# In a worker process: its database URL and time zone, given by the initializer; the maker, built on the first
# dossier.
_database_url: str | None = None
_timezone = "Europe/Paris"
_maker: DocumentMaker | None = None


def _start_worker(database_url: str, timezone: str, lifeline: Connection) -> None:
    global _database_url, _timezone
    _database_url, _timezone = database_url, timezone
    threading.Thread(target=_exit_with_the_bot, args=(lifeline,), name="lifeline", daemon=True).start()


def _exit_with_the_bot(lifeline: Connection) -> None:
    """In a worker: wait for end of file on the lifeline, which comes when the bot process has died, and exit."""
    try:
        while True:
            lifeline.recv_bytes()  # nothing is ever sent: this returns only by raising
    except (EOFError, OSError):
        pass
    # Whatever the worker is doing, nobody is left to take its result.
    os._exit(1)


def _worker_maker() -> DocumentMaker:
    global _maker
    if _maker is None:
        assert _database_url is not None
        from bot.services import build_document_maker  # imported in the worker, after the spawn
        _maker = build_document_maker(_database_url, _timezone)
    return _maker


def _make(project_id: int, draft: bool) -> list[OutFile]:
    return _worker_maker().make(project_id, draft)


def _personal(user_id: int) -> list[OutFile]:
    return _worker_maker().personal(user_id)


class ThreadRendering:
    def __init__(self, maker: DocumentMaker) -> None:
        self.maker = maker

    async def make(self, project_id: int, draft: bool) -> list[OutFile]:
        return await asyncio.to_thread(self.maker.make, project_id, draft)

    async def personal(self, user_id: int) -> list[OutFile]:
        return await asyncio.to_thread(self.maker.personal, user_id)

    async def draw(self, name: str, data: dict[str, Any]) -> bytes:
        # Drawing takes tens of milliseconds: off the event loop, so other chats are not kept waiting.
        return await asyncio.to_thread(draw, name, data)

    def close(self) -> None:
        """Nothing to stop."""


class ProcessRendering:
    """A pool of worker processes, started on first use and stopped once idle for `idle_seconds`.

    The idle countdown starts when the last piece of work in flight ends, and any new work cancels it: a
    render is never cut. After a stop, the next request starts new workers. `start_workers` builds the pool
    (tests pass a fake one).
    """

    def __init__(self, database_url: str, workers: int = 2, idle_seconds: float = 600.0,
                 start_workers: Callable[[], Executor] | None = None, timezone: str = "Europe/Paris") -> None:
        self.idle_seconds = idle_seconds
        self._start_workers = start_workers or functools.partial(_process_pool, database_url, workers, timezone)
        self._changed = threading.Condition()  # guards everything below
        self._pool: Executor | None = None
        self._busy = 0  # work submitted to the current pool and not finished
        self._timer: threading.Timer | None = None
        self._live = 0  # pools started and not yet completely shut down
        self._closed = False
        self.starts = 0  # pools started, and stopped for being idle: for the logs' reader and the tests
        self.idle_stops = 0

    async def make(self, project_id: int, draft: bool) -> list[OutFile]:
        return await asyncio.wrap_future(self._submit(_make, project_id, draft))

    async def personal(self, user_id: int) -> list[OutFile]:
        return await asyncio.wrap_future(self._submit(_personal, user_id))

    async def draw(self, name: str, data: dict[str, Any]) -> bytes:
        return await asyncio.wrap_future(self._submit(draw, name, data))

    @property
    def running(self) -> bool:
        """Whether a pool of workers is up (its processes start with its first piece of work)."""
        with self._changed:
            return self._pool is not None

    def wait_until_stopped(self, timeout: float | None = None) -> bool:
        """Block until every pool has shut down (idle stop or close); False if `timeout` passed first."""
        with self._changed:
            return self._changed.wait_for(lambda: self._live == 0, timeout)

    def close(self) -> None:
        """Stop for good: queued work is cancelled, a render in flight is waited for."""
        with self._changed:
            self._closed = True
            self._cancel_timer()
            pool, self._pool = self._pool, None
        if pool is not None:
            self._shut_down(pool, cancel_futures=True)

    def _submit(self, function: Callable, *args) -> Future:
        with self._changed:
            if self._closed:
                raise RuntimeError("the rendering workers are closed")
            self._cancel_timer()
            for attempt in (1, 2):
                if self._pool is None:
                    self._pool = self._start_workers()
                    self._busy = 0
                    self._live += 1
                    self.starts += 1
                    log.info("Rendering workers started")
                pool = self._pool
                try:
                    future = pool.submit(function, *args)
                    break
                except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh, once
                    log.warning("Rendering workers broken; starting new ones")
                    self._discard(pool)
                    if attempt == 2:
                        raise
            self._busy += 1
        future.add_done_callback(functools.partial(self._finished, pool))
        return future

    def _finished(self, pool: Executor, future: Future) -> None:
        with self._changed:
            if pool is not self._pool:
                return  # work of a pool already stopped by close() or discarded after breaking
            self._busy -= 1
            if not future.cancelled() and isinstance(future.exception(), BrokenProcessPool):
                self._discard(pool)
            elif self._busy == 0 and not self._closed:
                self._timer = threading.Timer(self.idle_seconds, self._stop_if_idle, args=(pool,))
                self._timer.daemon = True
                self._timer.start()

    def _discard(self, broken: Executor) -> None:
        """Called with the lock held: the next request starts a new pool; the broken one shuts down aside."""
        self._pool = None
        threading.Thread(target=self._shut_down, args=(broken,), kwargs={"cancel_futures": True},
                         daemon=True).start()

    def _stop_if_idle(self, pool: Executor) -> None:
        with self._changed:
            # Work that arrived while this timer fired has cancelled it; both checks hold only if none did.
            if self._pool is not pool or self._busy or self._timer is not threading.current_thread():
                return
            self._timer = None
            self._pool = None
            self.idle_stops += 1
        log.info("Rendering workers stopped after %g idle minutes", self.idle_seconds / 60)
        self._shut_down(pool)

    def _shut_down(self, pool: Executor, cancel_futures: bool = False) -> None:
        pool.shutdown(wait=True, cancel_futures=cancel_futures)
        with self._changed:
            self._live -= 1
            self._changed.notify_all()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


def _process_pool(database_url: str, workers: int, timezone: str) -> ProcessPoolExecutor:
    return _WorkerPool(database_url, workers, timezone)


class _WorkerPool(ProcessPoolExecutor):
    """Worker processes that exit when the bot process dies, whatever kills it.

    Each worker gets the reading end of a pipe whose only writing end stays in the bot process: when the bot dies,
    even by kill -9, the kernel closes that end and the worker's lifeline thread reads end of file. (Not
    PR_SET_PDEATHSIG: its "parent" is the thread that started the worker, and workers start in whichever thread
    submits work.)
    """

    def __init__(self, database_url: str, workers: int, timezone: str) -> None:
        # spawn, not fork: the bot process runs threads, which fork would copy mid-flight. Processes are spawned
        # as work arrives, up to `workers`; each takes a copy of the reading end, so both ends stay open here.
        context = multiprocessing.get_context("spawn")
        self._read_end, self._write_end = context.Pipe(duplex=False)
        super().__init__(max_workers=workers, mp_context=context, initializer=_start_worker,
                         initargs=(database_url, timezone, self._read_end))

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait, cancel_futures=cancel_futures)
        if wait:  # the workers have exited: nothing reads the lifeline any more
            self._read_end.close()
            self._write_end.close()
