"""Benchmark: start-up time and idle memory of the real bot process, against a database of 10,000 projects
(python bench/startup.py).

The database is migrated, then filled in bulk (users, projects, memberships, answers, planned reminders). The
bot is started as in production, `python -m bot run`, polling a fake Bot API served over HTTP on localhost; the
time runs from the process start to its first getUpdates, and the memory is the process's resident set
(VmRSS) once it has been idle for a few seconds, then after a short conversation. "children" counts the
processes the bot has started: none until a first /dossier or chart starts the document workers.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # first: before bench/, whose dossier.py would hide the dossier package

from sqlalchemy import insert, update  # noqa: E402

from dialogs.loader import load_guide  # noqa: E402
from dialogs.model import Kind  # noqa: E402
from store import migrate  # noqa: E402
from store.db import make_engine  # noqa: E402
from store.models import Answer, Membership, Project, Reminder, User  # noqa: E402
from tests.support.bot_process import stop  # noqa: E402
from tests.support.http_api import BotApiServer  # noqa: E402
from tests.support.instances import RULES, update_for  # noqa: E402
from tests.support.telegram import ChatClient  # noqa: E402

GOALS = {"startup_s": 1.5, "idle_mib": 120}
TOKEN = "123456:BENCH-startup"
BATCH = 5_000
CONVERSATION = [("/start", "nom de votre projet"), ("MSAP du banc d'essai", "territoire"),
                ("Causses et Vallées", "Quelles règles suit"), (RULES, "Qui est le chef de projet"),
                ("Claire Morel", "Quelle est sa fonction")]


class TimedBotApi(BotApiServer):
    """The fake Bot API, noting when the bot first asks for updates: from then on it serves."""

    def __init__(self) -> None:
        super().__init__()
        self.polling = threading.Event()
        self.first_poll: float | None = None

    def answer(self, method: str, params: dict) -> tuple[int, dict]:
        if method == "getUpdates" and self.first_poll is None:
            self.first_poll = time.perf_counter()
            self.polling.set()
        return super().answer(method, params)


class _NoApplication:
    """ChatClient only builds updates here; the bot process consumes them."""


def fill(url: str, projects: int, answers_per_project: int, seed: int = 11) -> None:
    """Projects spread over the guide's steps, each with its owner, text answers and two planned reminders."""
    guide = load_guide()
    steps = [step.id for stage in guide.stages for step in stage.steps]
    texts = [q for q in guide.question_list if q.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT)]
    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    database = make_engine(url)
    try:
        with database.begin() as connection:
            for first in range(1, projects + 1, BATCH):
                ids = range(first, min(first + BATCH, projects + 1))
                connection.execute(insert(User), [{"id": n, "name": f"Chef de projet {n}", "created_at": now,
                                                   "active_project_id": None, "creating_project": False}
                                                  for n in ids])
                connection.execute(insert(Project), [
                    {"id": n, "name": f"MSAP n°{n}", "territory": f"Communauté de communes {n % 400}",
                     "referential": guide.guide.referential, "referential_version": guide.guide.version,
                     "state": rng.choice(steps), "revision": rng.randint(1, 80), "created_at": now,
                     "updated_at": now} for n in ids])
                connection.execute(insert(Membership), [
                    {"user_id": n, "project_id": n, "role": "owner", "created_at": now} for n in ids])
                connection.execute(update(User).where(User.id.between(ids[0], ids[-1])).values(
                    active_project_id=User.id))
                connection.execute(insert(Answer), [
                    {"project_id": n, "user_id": n, "created_at": now, "is_current": True, "question_id": q.id,
                     "kind": q.kind.value, "status": "answered", "value": f"Réponse {n} à {q.id}",
                     "step_id": None}
                    for n in ids for q in rng.sample(texts, min(answers_per_project, len(texts)))])
                connection.execute(insert(Reminder), [
                    {"project_id": n, "user_id": n, "kind": kind, "status": "pending", "attempts": 0,
                     "due_at": now + timedelta(days=rng.randint(2, 300)), "created_at": now}
                    for n in ids for kind in ("committee_30", "activity_report")])
    finally:
        database.dispose()


def rss_mib(pid: int, field: str = "VmRSS") -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M).group(1)) / 1024


def children(pid: int) -> list[int]:
    """Processes started by `pid`: its document workers, and multiprocessing's resource tracker with them."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def one_start(directory: Path, url: str, idle_seconds: float, user_id: int) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_"))}
    with TimedBotApi() as server:
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=server.base_url,
                   TELEGRAM_BASE_FILE_URL=server.base_url, DATABASE_URL=url)
        with open(directory / "bot.log", "a") as log:
            started = time.perf_counter()
            bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=directory, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        try:
            if not server.polling.wait(60):
                raise SystemExit(f"the bot never polled; see {directory / 'bot.log'}")
            startup = server.first_poll - started
            time.sleep(idle_seconds)  # the reminder job has run (first after 1 s, then every 30 s)
            idle = rss_mib(bot.pid)
            user = ChatClient(_NoApplication(), server.api, user_id=user_id, first_name="Banc")
            for text, expected in CONVERSATION:
                seen = len(server.api.sent())
                server.push(update_for(server, user, text))
                _wait_for_reply(server, seen, expected)
            talked = rss_mib(bot.pid)
            return {"startup_s": startup, "idle_mib": idle, "talked_mib": talked,
                    "peak_mib": rss_mib(bot.pid, "VmHWM"), "children": len(children(bot.pid))}
        finally:
            stop(bot)


def _wait_for_reply(server: BotApiServer, seen: int, expected: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with server.lock:
            if any(expected in sent.text for sent in server.api.sent(seen)):
                return
        time.sleep(0.02)
    raise SystemExit(f"no reply containing {expected!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=12, help="text answers per project")
    parser.add_argument("--runs", type=int, default=5, help="bot starts (the first one may meet a cold disk)")
    parser.add_argument("--idle", type=float, default=5.0, help="seconds idle before the memory is read")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        url = f"sqlite:///{directory / 'bench.db'}"
        started = time.perf_counter()
        migrate.upgrade(url)
        fill(url, args.projects, args.answers)
        size = (directory / "bench.db").stat().st_size / 2**20
        print(f"database: {args.projects:,} projects, {args.answers} answers and 2 reminders each, "
              f"{size:.0f} MiB, filled in {time.perf_counter() - started:.1f} s")
        runs = [one_start(directory, url, args.idle, 900_000 + run) for run in range(args.runs)]
        log = (directory / "bot.log").read_text()
        if "Traceback" in log:
            print(log[-3000:], file=sys.stderr)
            raise SystemExit("the bot logged a traceback")
    print(f"{'run':<5}{'start-up s':>12}{'idle MiB':>10}{'after chat MiB':>16}{'peak MiB':>10}{'children':>10}")
    for number, run in enumerate(runs, start=1):
        print(f"{number:<5}{run['startup_s']:>12.2f}{run['idle_mib']:>10.1f}{run['talked_mib']:>16.1f}"
              f"{run['peak_mib']:>10.1f}{run['children']:>10}")
    startup = statistics.median(run["startup_s"] for run in runs)
    idle = statistics.median(run["idle_mib"] for run in runs)
    for label, value, goal, unit in [("start-up to the first getUpdates", startup, GOALS["startup_s"], "s"),
                                     ("idle resident memory", idle, GOALS["idle_mib"], "MiB")]:
        verdict = "met" if value < goal else "missed"
        print(f"{label} (median of {len(runs)}): {value:.2f} {unit}  (goal < {goal} {unit}: {verdict})")


if __name__ == "__main__":
    main()
