"""Documents and charts rendered in worker processes, as when the bot serves Telegram: started on first use,
stopped once idle, started again on the next request, never cut in the middle of a render."""
from __future__ import annotations

import asyncio
import multiprocessing
import re
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool

import pytest

from bot.config import SettingsError, load_settings
from bot.images import draw
from bot.rendering import ProcessRendering
from states.events import Command, Sender, Text

CHART = ("resources_chart", {"items": [("Subvention État (FNADT)", 3_000_000), ("Région", 1_250_050)],
                             "title": "Ressources prévisionnelles"})
SETTLE = 0.3  # seconds given to a stop that must not happen, several idle timeouts of the tests below


class FakeWorkers(Executor):
    """A pool whose work the test finishes by hand."""

    def __init__(self, broken: bool = False) -> None:
        self.broken = broken
        self.jobs: list[tuple[Future, tuple]] = []
        self.shut_down: dict | None = None

    def submit(self, function, /, *args, **kwargs) -> Future:
        if self.broken:
            raise BrokenProcessPool("a worker died")
        if self.shut_down is not None:
            raise RuntimeError("cannot schedule new futures after shutdown")
        future = Future()  # left pending, as if queued: shutdown(cancel_futures=True) may cancel it
        self.jobs.append((future, args))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.shut_down = {"pending": [f for f, _ in self.jobs if not f.done()], "cancel_futures": cancel_futures}
        if cancel_futures:
            for future, _ in self.jobs:
                future.cancel()

    def finish(self, number: int, result=b"png") -> None:
        self.jobs[number][0].set_result(result)


class Pools:
    """The factory the rendering calls to start workers; remembers every pool it started."""

    def __init__(self, *broken: bool) -> None:
        self.started: list[FakeWorkers] = []
        self.broken = list(broken)

    def __call__(self) -> FakeWorkers:
        self.started.append(FakeWorkers(self.broken.pop(0) if self.broken else False))
        return self.started[-1]


async def submitted(pools: Pools, number: int, count: int) -> None:
    """Let the event loop run until the `number`th pool started has `count` jobs."""
    while len(pools.started) <= number or len(pools.started[number].jobs) < count:
        await asyncio.sleep(0)


async def test_workers_start_on_first_use_and_stop_once_idle():
    pools = Pools()
    rendering = ProcessRendering("sqlite://", idle_seconds=0.05, start_workers=pools)
    try:
        assert pools.started == [] and not rendering.running
        chart = asyncio.create_task(rendering.draw(*CHART))
        await submitted(pools, 0, 1)
        pools.started[0].finish(0, b"chart")
        assert await chart == b"chart"
        assert await asyncio.to_thread(rendering.wait_until_stopped, 10)
        assert not rendering.running and rendering.idle_stops == 1
        assert pools.started[0].shut_down == {"pending": [], "cancel_futures": False}
    finally:
        rendering.close()


async def test_the_next_request_after_an_idle_stop_starts_new_workers():
    pools = Pools()
    rendering = ProcessRendering("sqlite://", idle_seconds=0.05, start_workers=pools)
    try:
        for number in range(2):
            files = asyncio.create_task(rendering.make(1, draft=True))
            await submitted(pools, number, 1)
            pools.started[number].finish(0, ["files"])
            assert await files == ["files"]
            assert await asyncio.to_thread(rendering.wait_until_stopped, 10)
        assert rendering.starts == 2 and len(pools.started) == 2
    finally:
        rendering.close()


async def test_a_render_in_flight_is_never_cut_by_the_idle_stop():
    pools = Pools()
    rendering = ProcessRendering("sqlite://", idle_seconds=0.02, start_workers=pools)
    try:
        long = asyncio.create_task(rendering.make(1, draft=False))
        short = asyncio.create_task(rendering.draw(*CHART))
        await submitted(pools, 0, 2)
        assert len(pools.started) == 1  # one pool serves both
        pools.started[0].finish(1)
        await short
        # The long render is still running: many idle timeouts pass without a stop.
        assert not await asyncio.to_thread(rendering.wait_until_stopped, SETTLE)
        assert rendering.running and pools.started[0].shut_down is None
        pools.started[0].finish(0, ["dossier"])
        assert await long == ["dossier"]
        assert await asyncio.to_thread(rendering.wait_until_stopped, 10)
        assert pools.started[0].shut_down["pending"] == []
    finally:
        rendering.close()


async def test_a_request_during_the_idle_countdown_keeps_the_workers():
    pools = Pools()
    rendering = ProcessRendering("sqlite://", idle_seconds=0.1, start_workers=pools)
    try:
        first = asyncio.create_task(rendering.draw(*CHART))
        await submitted(pools, 0, 1)
        pools.started[0].finish(0)
        await first  # the countdown has started
        second = asyncio.create_task(rendering.draw(*CHART))
        await submitted(pools, 0, 2)
        assert not await asyncio.to_thread(rendering.wait_until_stopped, SETTLE)
        assert rendering.running and rendering.idle_stops == 0
        pools.started[0].finish(1)
        await second
        assert await asyncio.to_thread(rendering.wait_until_stopped, 10)
        assert len(pools.started) == 1 and rendering.idle_stops == 1
    finally:
        rendering.close()


async def test_close_stops_the_workers_and_refuses_more_work():
    pools = Pools()
    rendering = ProcessRendering("sqlite://", idle_seconds=600, start_workers=pools)
    pending = asyncio.create_task(rendering.make(1, draft=True))
    await submitted(pools, 0, 1)
    rendering.close()
    assert rendering.wait_until_stopped(0) and pools.started[0].shut_down["cancel_futures"]
    with pytest.raises(asyncio.CancelledError):
        await pending
    with pytest.raises(RuntimeError):
        await rendering.draw(*CHART)


async def test_broken_workers_are_replaced():
    pools = Pools(True)  # the first pool is already broken when the first request arrives
    rendering = ProcessRendering("sqlite://", idle_seconds=600, start_workers=pools)
    try:
        chart = asyncio.create_task(rendering.draw(*CHART))
        await submitted(pools, 1, 1)
        pools.started[1].finish(0, b"chart")
        assert await chart == b"chart"
        # A worker dies mid-render: that request fails, the next one gets new workers.
        failing = asyncio.create_task(rendering.draw(*CHART))
        await submitted(pools, 1, 2)
        pools.started[1].jobs[1][0].set_exception(BrokenProcessPool("killed"))
        with pytest.raises(BrokenProcessPool):
            await failing
        again = asyncio.create_task(rendering.draw(*CHART))
        await submitted(pools, 2, 1)
        pools.started[2].finish(0, b"again")
        assert await again == b"again" and rendering.starts == 3
    finally:
        rendering.close()


async def test_worker_processes_render_the_same_files(services, database_url):
    marie = Sender(7001, "Marie")
    for event in (Command(marie, "start"), Text(marie, "MSAP de Millau"), Text(marie, "Grands Causses")):
        services.engine.handle(event)
    rendering = ProcessRendering(database_url, workers=1)
    try:
        files = await rendering.make(1, draft=True)
    finally:
        rendering.close()
    in_process = services.documents.make(1, draft=True)
    undated = lambda name: re.sub(r"\d{4}-\d{2}-\d{2}", "", name)  # noqa: E731 (the worker reads the real clock)
    assert [undated(f.filename) for f in files] == [undated(f.filename) for f in in_process]
    assert all(f.content for f in files) and files[0].content.startswith(b"%PDF")


async def test_worker_processes_draw_charts_stop_when_idle_and_start_again(database_url):
    rendering = ProcessRendering(database_url, workers=1, idle_seconds=0.2)
    try:
        first = await rendering.draw(*CHART)
        assert await asyncio.to_thread(rendering.wait_until_stopped, 60)
        assert multiprocessing.active_children() == []
        again = await rendering.draw(*CHART)
        assert rendering.starts == 2
    finally:
        rendering.close()
    assert first == again == draw(*CHART)


def test_the_idle_time_before_stopping_is_a_setting(monkeypatch):
    monkeypatch.setenv("RENDER_IDLE_MINUTES", "2.5")
    assert load_settings(_env_file=None).render_idle_minutes == 2.5
    monkeypatch.setenv("RENDER_IDLE_MINUTES", "0")
    with pytest.raises(SettingsError) as error:
        load_settings(_env_file=None)
    assert error.value.field == "RENDER_IDLE_MINUTES"
    monkeypatch.delenv("RENDER_IDLE_MINUTES")
    assert load_settings(_env_file=None).render_idle_minutes == 10
