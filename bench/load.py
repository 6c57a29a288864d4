"""Benchmark: simulated users answering at once through real `python -m bot run` processes, inbox and outbox included.

Each user, in its own thread, posts an update to the bot's webhook as Telegram does, then waits for the fake Bot
API (tests/support/http_api.py, served by this process) to receive the reply for its chat: /start, a project name,
a territory, the tap choosing the rules (the 2016 fiche), then `--answers` updates that answer the guide's first
questions (the first option of a choice, "oui" to a yes/no, a name to a text, the recap's first edit button). The latency of an update runs from the POST
to the first message the Bot API receives for that chat. On SQLite one process serves; on PostgreSQL two, behind a
round-robin forwarder written here, as tests/bot/test_instances.py does. At the end the answer rows in the
database are counted against the answers sent.

The processes run as in production, with the rate limiter that keeps them under Telegram's 30 messages a second
(29.5 per process). `--think` is the time a user takes to answer once the question is shown; with 0 the users
answer at once and the limiter sets the pace. `--ramp` spreads the users' first /start over that many seconds. `--no-limiter` starts the same command with the limiter removed
(bot.app.rate_limiter patched out), to see the processes' own cost.
"""
from __future__ import annotations

import argparse
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # first: before bench/, whose dossier.py would hide the dossier package

import psycopg  # noqa: E402
from psycopg import sql  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from store import migrate  # noqa: E402
from store.db import make_engine  # noqa: E402
from tests.support.bot_process import stop  # noqa: E402
from tests.support.http_api import BotApiServer  # noqa: E402
from tests.support.instances import (RULES, WEBHOOK_SECRET, NoApplication, RoundRobin, free_port,  # noqa: E402
                                     post_update, start_bot, update_for)
from tests.support.telegram import ChatClient  # noqa: E402

GOALS_SQLITE = {"p99_ms": 250.0, "max_ms": 1000.0}
POSTGRES_URL = "postgresql://postgres:postgres@localhost:5432/postgres"
ONBOARDING = [("/start", "nom de votre projet"), ("MSAP {n}", "territoire"),
              ("Territoire {n}", "Quelles règles suit"), (RULES, "Qui est le chef de projet")]
REPLY_SECONDS = 120.0  # a reply later than this is a failure, not a latency
NO_LIMITER = ("import runpy, bot.app; bot.app.rate_limiter = lambda: None; "
              "runpy.run_module('bot', run_name='__main__', alter_sys=True)")


class LoadBotApi(BotApiServer):
    """The fake Bot API, noting when each chat receives each message (sent or edited) and waking its user.

    Only that user: 200 threads woken by every message would queue for this process's GIL and delay the
    timestamps taken here, which would then measure the bench rather than the bot.
    """

    def __init__(self) -> None:
        super().__init__()
        self.received: dict[int, list[tuple[float, dict]]] = defaultdict(list)
        self.guard = threading.Lock()
        self.arrivals: dict[int, threading.Condition] = {}  # one per chat, all on `guard`
        self.methods: Counter[str] = Counter()

    def _arrival(self, chat_id: int) -> threading.Condition:
        """The chat's condition; the caller holds `guard`."""
        if chat_id not in self.arrivals:
            self.arrivals[chat_id] = threading.Condition(self.guard)
        return self.arrivals[chat_id]

    def answer(self, method: str, params: dict) -> tuple[int, dict]:
        status, payload = super().answer(method, params)
        with self.guard:
            self.methods[method] += 1
        if method in ("sendMessage", "editMessageText") and status == 200:
            now = time.perf_counter()
            chat_id = int(params["chat_id"])
            with self.guard:
                self.received[chat_id].append((now, payload["result"]))
                self._arrival(chat_id).notify_all()
        return status, payload

    def wait(self, chat_id: int, seen: int, done, seconds: float) -> bool:
        """Wait until the chat's messages after position `seen` satisfy `done`; False on time out."""
        deadline = time.monotonic() + seconds
        with self.guard:
            arrival = self._arrival(chat_id)
            while not done(self.received[chat_id][seen:]):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                arrival.wait(left)
            return True

    def messages(self, chat_id: int) -> list[tuple[float, dict]]:
        with self.guard:
            return list(self.received[chat_id])


def _buttons(message: dict) -> list[dict]:
    return [button for row in message.get("reply_markup", {}).get("inline_keyboard", []) for button in row]


def next_update(user: ChatClient, last: dict) -> tuple[str, dict]:
    """What the user sends to the question the bot last showed: a recap's first edit button, or an answer."""
    buttons = _buttons(last)
    for button in buttons:
        if button["text"] == "✏️ 1":
            return "press", user.press_update(last, button["callback_data"])
    actions = {button["callback_data"].split(":")[2] for button in buttons if button["callback_data"].count(":") >= 2}
    labels = {button["text"] for button in buttons}
    if "t" in actions:
        answer = "1"  # multiple choice: the first option, by number
    elif "o" in actions:
        answer = "oui" if "Oui" in labels else "1"  # yes/no, or a number
    else:
        answer = "Marie Dupont"  # a short or long text
    return "answer", user.message_update(answer)


def _asks(messages: list[tuple[float, dict]]) -> bool:
    """The reply ends with a question: a message with buttons."""
    return any(_buttons(message) for _, message in messages)


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    answers_sent: int = 0
    posted: int = 0
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.by_kind[kind].append(seconds)
            self.answers_sent += kind == "answer"

    def fail(self, message: str) -> None:
        with self.lock:
            self.failures.append(message)


def user_session(api: LoadBotApi, port: int, number: int, answers: int, think: float, ramp: float,
                 start: threading.Event, results: Results, seed: int) -> None:
    rng = random.Random(seed)
    user = ChatClient(NoApplication(), api.api, user_id=500_000 + number, first_name="Banc", last_name=f"U{number}")
    chat = user.user_id
    start.wait()
    time.sleep(rng.uniform(0, ramp))  # the users arrive over the ramp, not all in the same millisecond

    def exchange(kind: str, update: dict, done) -> bool:
        seen = len(api.messages(chat))
        started = time.perf_counter()
        with results.lock:
            results.posted += 1
        post_update(port, update, seconds=REPLY_SECONDS)
        if not api.wait(chat, seen, bool, REPLY_SECONDS):
            results.fail(f"user {number}: no reply to a {kind} in {REPLY_SECONDS:.0f} s")
            return False
        results.add(kind, api.messages(chat)[seen][0] - started)
        if not api.wait(chat, seen, done, REPLY_SECONDS):  # the rest of a reply may queue behind the limiter
            results.fail(f"user {number}: a {kind}'s reply never ended with the expected question")
            return False
        return True

    for template, expected in ONBOARDING:
        update = update_for(api, user, template.format(n=number))
        if not exchange("onboarding", update, lambda got, e=expected: any(e in m.get("text", "") for _, m in got)):
            return
        time.sleep(think * rng.uniform(0.5, 1.5))
    for _ in range(answers):
        last = api.messages(chat)[-1][1]
        kind, update = next_update(user, last)
        if not exchange(kind, update, _asks):
            return
        time.sleep(think * rng.uniform(0.5, 1.5))


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[max(1, min(len(sorted_values), math.ceil(fraction * len(sorted_values)))) - 1]


@dataclass
class Run:
    label: str
    instances: int
    users: int
    wall: float
    results: Results
    stored: int
    processed: int
    tracebacks: int
    calls: Counter[str]
    bots_cpu: float
    bench_cpu: float

    def row(self, label: str | None = None, values: list[float] | None = None) -> str:
        values = sorted(self.results.latencies if values is None else values)
        rate = len(values) / self.wall if values else 0.0
        return (f"{label or self.label:<28}{len(values):>8}{rate:>9.1f}{percentile(values, .5) * 1e3:>10.0f}"
                f"{percentile(values, .99) * 1e3:>10.0f}{(values[-1] if values else math.nan) * 1e3:>10.0f}")


def _start_bot(log: Path, api: LoadBotApi, url: str, port: int, no_limiter: bool) -> subprocess.Popen:
    """`python -m bot run` serving a webhook on `port`, as tests.support.instances.start_bot starts it."""
    if not no_limiter:
        return start_bot(log, api, url, webhook_port=port)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_"))}
    env.update(TELEGRAM_BOT_TOKEN="123456:INSTANCES-test", TELEGRAM_BASE_URL=api.base_url,
               TELEGRAM_BASE_FILE_URL=api.base_url, DATABASE_URL=url, WEBHOOK_URL="https://bot.example.org/hook",
               WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(port), WEBHOOK_SECRET=WEBHOOK_SECRET)
    with open(log, "a") as output:
        return subprocess.Popen([sys.executable, "-c", NO_LIMITER, "run"], cwd=log.parent, env=env,
                                stdout=output, stderr=subprocess.STDOUT)


def run_load(label: str, url: str, instances: int, args: argparse.Namespace, directory: Path) -> Run:
    migrate.upgrade(url)
    results = Results()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with LoadBotApi() as api:
        ports = [free_port() for _ in range(instances)]
        bots = [_start_bot(directory / f"bot{n}.log", api, url, port, args.no_limiter) for n, port in enumerate(ports)]
        forwarder = RoundRobin(ports) if instances > 1 else None
        port = forwarder.port if forwarder else ports[0]
        try:
            # Every instance up and warm: one chat per instance, its /start answered.
            for n, bot_port in enumerate(ports):
                warm = ChatClient(NoApplication(), api.api, user_id=400_000 + n, first_name="Chauffe")
                post_update(bot_port, warm.message_update("/start"), seconds=60)
                if not api.wait(warm.user_id, 0, bool, 60):
                    raise SystemExit(f"instance {n} never answered; see {directory / f'bot{n}.log'}")
            start = threading.Event()
            threads = [threading.Thread(target=user_session, daemon=True,
                                        args=(api, port, n, args.answers, args.think, args.ramp, start, results,
                                              args.seed + n))
                       for n in range(args.users)]
            for thread in threads:
                thread.start()
            began, bench_cpu = time.perf_counter(), time.process_time()
            start.set()
            for thread in threads:
                thread.join()
            wall, bench_cpu = time.perf_counter() - began, time.process_time() - bench_cpu
        finally:
            if forwarder:
                forwarder.close()
            for bot in bots:
                stop(bot)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Whole lives of the bot processes (start-up and warm-up included); PostgreSQL's own work is not counted.
    bots_cpu = (children.ru_utime + children.ru_stime) - (children_before.ru_utime + children_before.ru_stime)
    database = make_engine(url)
    try:
        with database.connect() as connection:
            stored = connection.execute(text("SELECT count(*) FROM answer")).scalar_one()
            processed = connection.execute(text("SELECT count(*) FROM processed_update")).scalar_one()
    finally:
        database.dispose()
    logs = "".join((directory / f"bot{n}.log").read_text() for n in range(instances))
    return Run(label, instances, args.users, wall, results, stored, processed - instances, logs.count("Traceback"),
               api.methods, bots_cpu, bench_cpu)


def _libpq(admin_url: str, database: str | None = None) -> str:
    url = make_url(admin_url).set(drivername="postgresql")
    return (url.set(database=database) if database else url).render_as_string(hide_password=False)


def run_postgres(args: argparse.Namespace, directory: Path) -> Run:
    name = f"bench_load_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_libpq(args.postgres_url), autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        return run_load("PostgreSQL, 2 instances", _libpq(args.postgres_url, name), 2, args, directory)
    finally:
        with psycopg.connect(_libpq(args.postgres_url), autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _reachable(admin_url: str) -> bool:
    try:
        psycopg.connect(_libpq(admin_url), connect_timeout=3).close()
        return True
    except psycopg.Error as error:
        print(f"PostgreSQL not reachable ({error.__class__.__name__}): its run is skipped; see --postgres-url")
        return False


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(runs: list[Run], args: argparse.Namespace) -> bool:
    limiter = "without the rate limiter" if args.no_limiter else "with the production rate limiter (29.5 msg/s each)"
    print(f"\n{args.users} users arriving over {args.ramp} s, {len(ONBOARDING)} onboarding updates (the rules' tap "
          f"included) and {args.answers} answers each, "
          f"think time {args.think} s, {limiter}; {os.cpu_count()} CPUs")
    print(f"{'run':<28}{'updates':>8}{'upd/s':>9}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for run in runs:
        print(run.row())
        for kind, values in sorted(run.results.by_kind.items()):
            print(run.row(f"  {kind}", values))
    print(f"\n{'run':<28}{'wall s':>8}{'posted':>8}{'processed':>10}{'answers sent':>14}{'stored':>8}"
          f"{'failures':>10}{'tracebacks':>11}")
    for run in runs:
        r = run.results
        print(f"{run.label:<28}{run.wall:>8.1f}{r.posted:>8}{run.processed:>10}{r.answers_sent:>14}{run.stored:>8}"
              f"{len(r.failures):>10}{run.tracebacks:>11}")
        for failure in r.failures[:5]:
            print(f"    {failure}")
    for run in runs:
        per_update = ", ".join(f"{method} {count / max(1, run.results.posted):.2f}"
                               for method, count in run.calls.most_common() if method != "getMe")
        print(f"Bot API calls per update, {run.label}: {per_update}")
        print(f"CPU, {run.label}: bot process(es) {run.bots_cpu:.1f} s in all, "
              f"{run.bots_cpu / max(1, run.results.posted) * 1e3:.1f} ms per update (start-up included); this bench "
              f"process (users, fake Bot API, forwarder) {run.bench_cpu:.1f} s")
    print(f"\n{'goal':<46}{'measured':>12}  verdict")
    ok = True
    for run in runs:
        values = sorted(run.results.latencies)
        checks = [(f"{run.label}: answers stored = sent", f"{run.stored}/{run.results.answers_sent}",
                   run.stored == run.results.answers_sent and not run.results.failures)]
        if run.instances == 1:
            checks += [(f"{run.label}: p99 < {GOALS_SQLITE['p99_ms']:.0f} ms", f"{percentile(values, .99) * 1e3:.0f} ms",
                        percentile(values, .99) * 1e3 < GOALS_SQLITE["p99_ms"]),
                       (f"{run.label}: max < {GOALS_SQLITE['max_ms']:.0f} ms", f"{values[-1] * 1e3:.0f} ms",
                        values[-1] * 1e3 < GOALS_SQLITE["max_ms"])]
        for label, measured, met in checks:
            ok &= met
            print(f"{label:<46}{measured:>12}  {verdict(met)}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--answers", type=int, default=5, help="updates per user after the four of onboarding")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds a user takes to answer a question (0: at once)")
    parser.add_argument("--ramp", type=float, default=1.0, help="seconds over which the users send their /start")
    parser.add_argument("--databases", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", POSTGRES_URL),
                        help="an administrator URL; the bench creates and drops its own database")
    parser.add_argument("--no-limiter", action="store_true", help="run the bot without its rate limiter")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-load-") as name:
        directory = Path(name)
        if args.databases in ("sqlite", "both"):
            (directory / "sqlite").mkdir()
            runs.append(run_load("SQLite, 1 instance", f"sqlite:///{directory / 'sqlite' / 'bench.db'}", 1, args,
                                 directory / "sqlite"))
        if args.databases == "postgres" or (args.databases == "both" and _reachable(args.postgres_url)):
            (directory / "postgres").mkdir()
            runs.append(run_postgres(args, directory / "postgres"))
    report(runs, args)


if __name__ == "__main__":
    main()
