"""Benchmark: time, peak memory and page count of the documents of a complete project, the first dossier from
cold worker processes, and other users' reply times while four dossiers render at once
(python bench/dossier.py)."""
from __future__ import annotations

import argparse
import asyncio
import io
import logging
import multiprocessing
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # first: before bench/, whose dossier.py would hide the dossier package

from bot.config import Settings  # noqa: E402
from bot.rendering import ProcessRendering, ThreadRendering  # noqa: E402
from bot.services import Services, build_services  # noqa: E402
from dialogs.model import Kind  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from dossier.word import render_convention_docx, render_dossier_docx  # noqa: E402
from dossier.pdf import render_checklist_pdf, render_convention_pdf, render_dossier_pdf  # noqa: E402
from states.events import Choice, Command, Sender, Text  # noqa: E402
from store import migrate  # noqa: E402
from tests.support.projects import CONFORMANT  # noqa: E402
from tests.support.walk import answer_text  # noqa: E402

GOALS = {"docx": 0.3, "pdf": 1.0}


def fill_project(services: Services, user_id: int) -> None:
    """Walk the whole guide through the engine with the conformant project of the tests, and enter a budget."""
    engine, guide, sender = services.engine, services.guide, Sender(user_id, "Bench")
    for event in (Command(sender, "start"), Text(sender, "MSAP de démonstration"), Text(sender, "Pays test")):
        outcome = engine.handle(event)
    for _ in range(2000):
        last = outcome.replies[-1]
        if last.template == "finished":
            break
        if last.template == "recap":
            outcome = engine.handle(Choice(sender, last.buttons[-1][-1].data))
            continue
        if last.template == "date_confirm":  # a date on the unexpected side of today: keep it
            outcome = engine.handle(Choice(sender, last.buttons[0][0].data))
            continue
        question = next(q for q in guide.question_list if q.prompt == last.values["prompt"])
        if question.kind is Kind.BUDGET:  # left for later here: the lines are entered below, through /budget
            defer = next(b for row in last.buttons for b in row if b.data.split(":")[2] == "d")
            outcome = engine.handle(Choice(sender, defer.data))
            continue
        outcome = engine.handle(Text(sender, answer_text(question, CONFORMANT)))
    engine.handle(Command(sender, "budget"))
    for group, category, amount in [(1, "salaires", "40 000"), (1, "loyer_hebergement", "6 000"),
                                    (0, "mobilier", "20 000")]:
        add = next(b for row in engine.handle(Command(sender, "budget")).replies[0].buttons for b in row
                   if b.data.split(":")[2] == "+" and b.data.endswith(f":{group}"))
        categories = engine.handle(Choice(sender, add.data)).replies[0]
        pick = next(b for row in categories.buttons for b in row
                    if b.label == services.engine.budget.categories[category].label)
        engine.handle(Choice(sender, pick.data))
        engine.handle(Text(sender, amount))


def measure(render, dossier, runs: int) -> tuple[float, int, bytes]:
    content = render(dossier)  # warm-up: templates compiled, fonts loaded
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render(dossier)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    render(dossier)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak, content


def pages(content: bytes) -> str:
    """The page count of a PDF; a DOCX has none until a word processor lays it out."""
    return str(len(PdfReader(io.BytesIO(content)).pages)) if content.startswith(b"%PDF") else "-"


def workers_mib() -> list[float]:
    """Resident memory of this process's worker processes (the rendering pool's)."""
    sizes = []
    for child in multiprocessing.active_children():
        status = Path(f"/proc/{child.pid}/status").read_text()
        sizes.append(int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1)) / 1024)
    return sizes


async def first_dossier(rendering) -> float:
    """Seconds for a dossier from workers not yet started: what a user waits after the workers stopped idle."""
    start = time.perf_counter()
    await rendering.make(1, False)
    return time.perf_counter() - start


async def others_while_rendering(services: Services, rendering, renders: int, users: int,
                                 duration: float) -> list[float]:
    """Reply times of other users' updates (engine unit of work through a thread, as the bot does)."""
    engine = services.engine
    senders = [Sender(500_000 + n, f"U{n}") for n in range(users)]
    for sender in senders:
        for event in (Command(sender, "start"), Text(sender, "Projet"), Text(sender, "Territoire")):
            engine.handle(event)
    await rendering.make(1, False)  # workers started and warm
    jobs = [asyncio.create_task(rendering.make(1, False)) for _ in range(renders)]
    latencies, turn = [], 0
    deadline = time.perf_counter() + duration
    while time.perf_counter() < deadline or not all(job.done() for job in jobs):
        sender = senders[turn % users]
        turn += 1
        start = time.perf_counter()
        await asyncio.to_thread(engine.handle, Command(sender, "avancement"))
        latencies.append(time.perf_counter() - start)
        await asyncio.sleep(0.005)
    await asyncio.gather(*jobs)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'bench.db'}"
        migrate.upgrade(url)
        services = build_services(Settings(_env_file=None, telegram_bot_token="1:BENCH", database_url=url))
        try:
            fill_project(services, 1)
            dossier = services.documents.view(1, draft=False)
            print(f"complete project: {len(services.guide.steps)} steps, "
                  f"{len(dossier.checks)} checks, {dossier.requirements.met} of {dossier.requirements.total} "
                  f"requirements met, {'a draft' if dossier.draft else 'the final dossier'}")
            print(f"{'document':<22}{'median s':>10}{'peak MiB':>10}{'pages':>7}  goal")
            for name, kind, render in [("dossier DOCX", "docx", render_dossier_docx),
                                       ("convention DOCX", "docx", render_convention_docx),
                                       ("dossier PDF", "pdf", render_dossier_pdf),
                                       ("convention PDF", "pdf", render_convention_pdf),
                                       ("checklist PDF", "pdf", render_checklist_pdf)]:
                median, peak, content = measure(render, dossier, args.runs)
                verdict = "met" if median < GOALS[kind] else "missed"
                print(f"{name:<22}{median:>10.3f}{peak / 2**20:>10.1f}{pages(content):>7}  "
                      f"< {GOALS[kind]} s: {verdict}")
            for name, rendering in [("worker thread", ThreadRendering(services.documents)),
                                    ("worker processes (as served)", ProcessRendering(url))]:
                try:
                    if isinstance(rendering, ProcessRendering):
                        cold = asyncio.run(first_dossier(rendering))
                        print(f"first dossier (5 files) from cold worker processes: {cold:.2f} s")
                    latencies = sorted(asyncio.run(
                        others_while_rendering(services, rendering, renders=4, users=20, duration=2.0)))
                    if isinstance(rendering, ProcessRendering):
                        sizes = workers_mib()
                        print(f"worker processes after rendering: {len(sizes)}, resident "
                              + ", ".join(f"{size:.0f}" for size in sizes) + " MiB")
                finally:
                    rendering.close()
                p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] * 1000
                print(f"other users while 4 dossiers render in {name}: {len(latencies)} replies, "
                      f"p50 {statistics.median(latencies) * 1000:.1f} ms, p99 {p99:.1f} ms "
                      f"(goal < 50 ms: {'met' if p99 < 50 else 'missed'})")
        finally:
            services.close()


if __name__ == "__main__":
    main()
