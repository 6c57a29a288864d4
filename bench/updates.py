"""Benchmark: updates per second and latency of the full answer cycle against a bare python-telegram-bot echo."""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import itertools
import json
import logging
import math
import os
import platform
import pstats
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # first: before bench/, whose dossier.py would hide the dossier package

from sqlalchemy import event, text  # noqa: E402
from telegram import Update  # noqa: E402
from telegram.ext import Application, ApplicationBuilder, MessageHandler, filters  # noqa: E402
from telegram.request import RequestData  # noqa: E402

from canned import OfflineRequest  # noqa: E402
from tests.support.telegram import MSAP_RULES  # noqa: E402
from bot.app import build_application  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.services import Services, build_services  # noqa: E402
from states import engine as engine_module  # noqa: E402
from states.events import Outcome, Reply  # noqa: E402
from store import db, migrate, prepared  # noqa: E402

BENCH_TOKEN = "123456:BENCH"
BARE_TOKEN = "123:X"
BOT_USER = {"id": 999_000, "is_bot": True, "first_name": "Guide MSAP", "username": "guide_msap_bot"}
DATE = 1_700_000_000
WARM_UP = 100
CHUNK = 250  # updates a side runs before the other takes its turn
GOAL_RATIO = 0.25
GOAL_P99_MS = 5.0


def _ok(result: Any) -> bytes:
    """A successful Bot API response body."""
    return json.dumps({"ok": True, "result": result}).encode()


# Precomputed bodies: the transport's own cost is a dict lookup, the same for both sides.
_SENT = _ok({"message_id": 1, "date": DATE, "chat": {"id": 1, "type": "private"}, "from": BOT_USER, "text": "ok"})
CANNED = {
    "getMe": _ok({**BOT_USER, "can_join_groups": False, "can_read_all_group_messages": False,
                  "supports_inline_queries": False}),
    "sendMessage": _SENT,
    "editMessageText": _SENT,
    "answerCallbackQuery": _ok(True),
    "setMyCommands": _ok(True),
    "deleteWebhook": _ok(True),
}


class CannedTransport(OfflineRequest):
    """A Bot API that answers at once with canned bytes, counting calls and keeping the last message per chat."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.last_sent: dict[str, dict[str, str]] = {}

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout=None, write_timeout=None, connect_timeout=None,
                         pool_timeout=None) -> tuple[int, bytes]:
        """Serialise the parameters as the HTTPX transport would, then answer from the canned table."""
        name = url.rpartition("/")[2]
        self.calls[name] += 1
        if request_data is not None:
            params = request_data.json_parameters
            if name == "sendMessage":
                self.last_sent[params["chat_id"]] = params
        body = CANNED.get(name)
        if body is None:
            return 400, json.dumps({"ok": False, "error_code": 400, "description": f"{name} not canned"}).encode()
        return 200, body


class ErrorCounter(logging.Handler):
    """Counts ERROR records, so a failing handler cannot go unnoticed."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Count one record."""
        self.count += 1


_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


class Chat:
    """One private chat; builds unique update payloads."""

    def __init__(self, user_id: int) -> None:
        self.user = {"id": user_id, "is_bot": False, "first_name": "Marie", "last_name": f"B{user_id}",
                     "language_code": "fr"}
        self.chat = {"id": user_id, "type": "private", "first_name": "Marie"}

    def message(self, text: str) -> dict:
        """A text message update (a command when it starts with a slash)."""
        message = {"message_id": next(_message_ids), "date": DATE, "chat": self.chat, "from": self.user,
                   "text": text}
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return {"update_id": next(_update_ids), "message": message}

    def press(self, data: str) -> dict:
        """A button press on a bot message of this chat."""
        update_id = next(_update_ids)
        message = {"message_id": 1, "date": DATE, "chat": self.chat, "from": BOT_USER, "text": "recap"}
        return {"update_id": update_id, "callback_query": {"id": str(update_id), "from": self.user,
                                                           "chat_instance": "bench", "data": data,
                                                           "message": message}}


def _buttons(params: dict[str, str] | None) -> list[dict]:
    """The inline buttons of a sent message, flattened."""
    if not params or "reply_markup" not in params:
        return []
    markup = json.loads(params["reply_markup"])
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def next_full_update(chat: Chat, transport: CannedTransport) -> tuple[str, dict]:
    """The next update that answers what the bot last showed this user: a recap's edit button, or an answer."""
    buttons = _buttons(transport.last_sent.get(str(chat.user["id"])))
    for button in buttons:
        if button["text"] == "✏️ 1":
            return "button", chat.press(button["callback_data"])
    actions = {button["callback_data"].split(":")[2] for button in buttons}
    labels = {button["text"] for button in buttons}
    if "t" in actions:
        answer = "1"  # multiple choice: the first option, by number
    elif "o" in actions:
        answer = "oui" if "Oui" in labels else "1"  # yes/no (the parser takes the word the bot shows), or a number
    else:
        answer = "Marie Dupont"  # short or long text (the cycle stays on the first step's text questions)
    return "text", chat.message(answer)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), math.ceil(fraction * len(sorted_values))))
    return sorted_values[rank - 1]


class Side:
    """Latencies and checks collected for one side of the comparison."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.latencies: list[float] = []
        self.by_kind: dict[str, list[float]] = {}
        self.sends = 0
        self.silent = 0

    def add(self, kind: str, seconds: float, sends: int) -> None:
        """Record one processed update."""
        self.latencies.append(seconds)
        self.by_kind.setdefault(kind, []).append(seconds)
        self.sends += sends
        self.silent += sends == 0

    @property
    def throughput(self) -> float:
        """Updates per second of processing time (updates fed one after another)."""
        return len(self.latencies) / sum(self.latencies)

    def row(self, label: str | None = None, values: list[float] | None = None) -> str:
        """One line of the result table."""
        values = sorted(values if values is not None else self.latencies)
        rate = len(values) / sum(values)
        return (f"{label or self.name:<22}{len(values):>8}{rate:>12.0f}{percentile(values, .5) * 1e3:>10.3f}"
                f"{percentile(values, .99) * 1e3:>10.3f}{sum(values) / len(values) * 1e3:>10.3f}"
                f"{values[-1] * 1e3:>10.3f}")


async def feed(application: Application, transport: CannedTransport, side: Side | None,
               make_update: Callable[[int], tuple[str, dict]], count: int) -> None:
    """Process count updates one after another, timing each from its arrival in the update queue.

    The full side's queue is the inbox: the update is stored there before it is processed, as in production,
    handed its JSON as the getUpdates transport would (bot.inbox.ArrivingUpdates).
    """
    queue = application.update_queue
    arrived = getattr(queue, "arrived", None)
    for i in range(count):
        kind, payload = make_update(i)
        update = Update.de_json(payload, application.bot)
        before = transport.calls["sendMessage"]
        t0 = time.perf_counter()
        if arrived is not None:
            arrived(payload)
        await queue.put(update)
        await application.process_update(queue.get_nowait())
        elapsed = time.perf_counter() - t0
        if side is not None:
            side.add(kind, elapsed, transport.calls["sendMessage"] - before)


# ---------------------------------------------------------------- bare side


async def echo(update: Update, context) -> None:
    """Reply with the same text."""
    await update.message.reply_text(update.message.text)


class Bare:
    """A bare Application with one echo handler."""

    def __init__(self, users: int) -> None:
        self.transport = CannedTransport()
        self.application = (ApplicationBuilder().token(BARE_TOKEN).request(self.transport)
                            .get_updates_request(self.transport).build())
        self.application.add_handler(MessageHandler(filters.TEXT, echo))
        self.chats = [Chat(20_000 + i) for i in range(users)]
        self.texts = ["Marie Dupont", "Project officer", "1"]

    def make(self, i: int) -> tuple[str, dict]:
        """A text, round-robin over the users."""
        return "text", self.chats[i % len(self.chats)].message(self.texts[i % len(self.texts)])

    async def start(self) -> None:
        await self.application.initialize()

    async def stop(self) -> None:
        await self.application.shutdown()


# ---------------------------------------------------------------- full side


class Full:
    """The real application over a fresh migrated SQLite file."""

    def __init__(self, directory: str, users: int) -> None:
        url = f"sqlite:///{Path(directory) / 'bench.db'}"
        migrate.upgrade(url)
        settings = Settings(_env_file=None, telegram_bot_token=BENCH_TOKEN, database_url=url)
        self.services: Services = build_services(settings)
        self.transport = CannedTransport()
        # No rate limiter: this measures our own cost per update, not Telegram's 30 messages a second.
        self.application = build_application(self.services, request=self.transport, limiter=None)
        self.chats = [Chat(10_000 + i) for i in range(users)]

    def make(self, i: int) -> tuple[str, dict]:
        """The next answer cycle update, round-robin over the users."""
        return next_full_update(self.chats[i % len(self.chats)], self.transport)

    async def start(self) -> None:
        """Initialise the application and take every user past onboarding."""
        await self.application.initialize()
        for number, chat in enumerate(self.chats):
            for message in ("/start", f"Project {number}", f"Territory {number}"):
                await self.application.process_update(Update.de_json(chat.message(message), self.application.bot))
            rules = next(button for button in _buttons(self.transport.last_sent.get(str(chat.user["id"])))
                         if button["text"] == MSAP_RULES)  # the cycle answers the 2016 fiche's first questions
            await self.application.process_update(Update.de_json(chat.press(rules["callback_data"]),
                                                                 self.application.bot))

    def answers(self) -> int:
        """Rows in the answer table."""
        with self.services.database.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM answer")).scalar_one()

    async def stop(self) -> None:
        """Shut the application down and close the database."""
        await self.application.shutdown()
        self.services.close()


class FixedReply:
    """The floor's conversation: one fixed message (the help text, as long as a step's recap), nothing read or
    written beyond what `Engine.handle` does around any conversation (the claim, the user's row, the outbox)."""

    membership = project = None
    about_project = False

    def __init__(self, engine, repo, user) -> None:
        self.user = user

    def handle(self, event) -> Outcome:
        return Outcome([Reply("help")])

    def save(self) -> None:
        pass


@contextmanager
def fixed_conversation():
    """Replace the engine's conversation by `FixedReply` for the duration."""
    original = engine_module._Conversation
    engine_module._Conversation = FixedReply
    try:
        yield
    finally:
        engine_module._Conversation = original


async def compare(bare: Bare, full: Full, count: int) -> tuple[Side, Side, int]:
    """Warm both up, then measure count updates on each, the sides taking turns by CHUNK updates; returns the
    sides and the answer rows before the measured run.

    Taking turns, both sides see the same machine: a slower minute (another process, the CPU's clock) weighs on
    both, not on one side's whole run.
    """
    for side in (bare, full):
        await feed(side.application, side.transport, None, side.make, WARM_UP)
    answers_before = full.answers()
    bare_side, full_side = Side("bare PTB echo"), Side("full answer cycle")
    for start in range(0, count, CHUNK):
        chunk = min(CHUNK, count - start)
        await feed(bare.application, bare.transport, bare_side, bare.make, chunk)
        await feed(full.application, full.transport, full_side, full.make, chunk)
    return bare_side, full_side, answers_before


class DriverLog:
    """Records what SQLite's driver is given during a pass: every prepared statement with its converted values,
    every BEGIN and COMMIT (store.prepared and store.db run the hot path on the driver, below SQLAlchemy's events).
    """

    def __init__(self, full: Full) -> None:
        self.database = full.services.database
        self.statements: list[tuple[str, list | None]] = []
        self._parameters = prepared._Compiled.parameters
        self._transaction = db._transaction

    def __enter__(self) -> DriverLog:
        log, parameters, transaction = self.statements, self._parameters, self._transaction

        def recorded(compiled, values):
            converted = parameters(compiled, values)
            log.append((compiled.sql, converted))
            return converted

        @contextmanager
        def unit_of_work(connection):  # store.db.write_transaction's, which sends BEGIN and COMMIT itself
            log.append(("BEGIN IMMEDIATE", None))
            with transaction(connection) as inside:
                yield inside
            log.append(("COMMIT", None))

        prepared._Compiled.parameters = recorded
        db._transaction = unit_of_work
        event.listen(self.database, "begin", self._begin)
        event.listen(self.database, "commit", self._commit)
        return self

    def __exit__(self, *exc_info) -> None:
        prepared._Compiled.parameters = self._parameters
        db._transaction = self._transaction
        event.remove(self.database, "begin", self._begin)
        event.remove(self.database, "commit", self._commit)

    def _begin(self, connection) -> None:
        self.statements.append(("BEGIN IMMEDIATE", None))

    def _commit(self, connection) -> None:
        self.statements.append(("COMMIT", None))

    def replay(self, path: Path) -> float:
        """Run the same statements on the database file at `path`; seconds taken."""
        connection = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "wal_autocheckpoint=0", "foreign_keys=ON"):
            connection.execute(f"PRAGMA {pragma}")
        t0 = time.perf_counter()
        for statement, values in self.statements:
            connection.execute(statement, values or ()).fetchall()
        elapsed = time.perf_counter() - t0
        connection.close()
        return elapsed


async def breakdown(full: Full, count: int) -> None:
    """Time the engine, rendering and SQLite's own work inside the cycle."""
    engine, renderer = full.services.engine, full.services.renderer
    spent = Counter()
    original_handle, original_html = engine.handle, renderer.html

    def handle(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return original_handle(*args, **kwargs)
        finally:
            spent["engine.handle"] += time.perf_counter() - t0

    def html(*args):
        t0 = time.perf_counter()
        try:
            return original_html(*args)
        finally:
            spent["  of which renderer.html (Jinja)"] += time.perf_counter() - t0

    # The replay starts from the database as it is now, on a copy.
    database_file = Path(full.services.database.url.database)
    copy = database_file.with_name("replay.db")
    with sqlite3.connect(database_file) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    engine.handle, renderer.html = handle, html
    side = Side("breakdown")
    try:
        with DriverLog(full) as log:
            await feed(full.application, full.transport, side, full.make, count)
    finally:
        del engine.handle, renderer.html
    sqlite_time = log.replay(copy)
    total = sum(side.latencies)
    print(f"\nWhere the time goes ({count} updates, instrumented run, mean per update):")
    print(f"  {'process_update total':<40}{total / count * 1e6:>9.0f} µs  100 %")
    # The replies are rendered into outbox rows in the engine's transaction: the Jinja time is inside engine.handle.
    for name in ("engine.handle", "  of which renderer.html (Jinja)"):
        print(f"  {name:<40}{spent[name] / count * 1e6:>9.0f} µs  {spent[name] / total * 100:>3.0f} %")
    rest = total - spent["engine.handle"]
    print(f"  {'rest: PTB, inbox, sending':<40}{rest / count * 1e6:>9.0f} µs  {rest / total * 100:>3.0f} %")
    statements = [statement for statement, _ in log.statements]
    print(f"  {'SQLite alone (same statements replayed)':<40}{sqlite_time / count * 1e6:>9.0f} µs  "
          f"{sqlite_time / total * 100:>3.0f} %")
    print(f"  driver statements per update: {len(statements) / count:.1f}, of which COMMIT "
          f"{statements.count('COMMIT') / count:.1f} (the inbox's INSERT commits as it runs)")


async def profile(full: Full, count: int, top: int) -> None:
    """cProfile the cycle: everything, then our own code alone (SQLite's work runs in the event loop)."""
    profiler = cProfile.Profile()
    profiler.enable()
    await feed(full.application, full.transport, None, full.make, count)
    profiler.disable()
    # The loop's own plumbing (task stepping, this script) would hide the rest.
    plumbing = r"^(?!.*(asyncio/|selectors\.py|bench/updates\.py|contextvars))"
    ours = r"/(states|store|dialogs|bot)/"
    for title, restriction in (("the whole cycle (loop plumbing hidden)", plumbing),
                               ("our code alone (states, store, dialogs, bot)", ours)):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(restriction, top)
        print(f"\n==== cProfile, {count} updates, {title}, top {top} by cumulative time")
        lines = out.getvalue().splitlines()
        start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
        print("\n".join(line for line in lines[start:] if line.strip()))


async def measure_floor(bare: Bare, directory: str, args: argparse.Namespace) -> tuple[Side, Side]:
    """The same comparison, on a second database, with the conversation replaced by `FixedReply`."""
    full = Full(str(Path(directory) / "floor"), args.users)
    try:
        await full.start()  # onboarding with the real conversation: the users exist, each with a project
        with fixed_conversation():
            bare_side, floor, _ = await compare(bare, full, args.updates)
    finally:
        await full.stop()
    floor.name = "floor (fixed reply)"
    return bare_side, floor


def print_floor(bare: Side, floor: Side, full: Side) -> None:
    """What the conversation's own turn costs, and what it could cost at the goal."""
    print(f"\nfloor: the conversation replaced by one fixed reply; inbox, claim, user row, outbox, Jinja and "
          f"sending kept ({len(floor.latencies)} text updates, sides taking turns with a bare echo)")
    print(bare.row("bare PTB echo (again)"))
    print(floor.row())
    floor_mean = sum(floor.latencies) / len(floor.latencies)
    budget = 1 / (GOAL_RATIO * bare.throughput) - floor_mean
    turn = sum(full.latencies) / len(full.latencies) - floor_mean
    print(f"floor/bare: {floor.throughput / bare.throughput * 100:.1f} %; at {GOAL_RATIO * 100:.0f} % the "
          f"conversation's own turn would have to fit in {budget * 1e6:.0f} µs per update; it takes "
          f"{turn * 1e6:.0f} µs (full mean minus floor mean)")


# ---------------------------------------------------------------- main


def configure_logging() -> ErrorCounter:
    """Warnings and errors only; errors are counted."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for name in ("telegram", "httpx", "httpcore", "alembic", "sqlalchemy"):
        logging.getLogger(name).setLevel(logging.WARNING)
    counter = ErrorCounter()
    logging.getLogger().addHandler(counter)
    return counter


def verdict(ok: bool) -> str:
    """The goal's outcome as printed."""
    return "goal met" if ok else "goal missed"


async def main(args: argparse.Namespace) -> None:
    """Run both sides, print the table, optionally profile."""
    errors = configure_logging()
    print(f"Python {platform.python_version()} ({platform.python_implementation()}), "
          f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, {platform.platform()}")
    print(f"{args.updates} measured updates per side after {WARM_UP} warm-up updates; "
          f"{args.users} users on the full side; updates fed one after another, the sides taking turns by {CHUNK}")

    with tempfile.TemporaryDirectory(prefix="bench-") as directory:
        bare_app, full = Bare(args.users), Full(directory, args.users)
        try:
            await bare_app.start()
            await full.start()
            bare, full_side, answers_before = await compare(bare_app, full, args.updates)
            answers_after = full.answers()
            if args.floor:
                floor_bare, floor = await measure_floor(bare_app, directory, args)
            if args.profile:
                await breakdown(full, args.profile_updates)
                await profile(full, args.profile_updates, args.top)
        finally:
            await full.stop()
            await bare_app.stop()

    print(f"\n{'side':<22}{'updates':>8}{'upd/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'mean ms':>10}{'max ms':>10}")
    print(bare.row())
    print(full_side.row())
    for kind, values in sorted(full_side.by_kind.items()):
        print(full_side.row(f"  full: {kind} updates", values))

    text_updates = len(full_side.by_kind.get("text", []))
    print(f"\nreplies: bare {bare.sends} sendMessage for {len(bare.latencies)} updates "
          f"({bare.silent} without reply); full {full_side.sends} sendMessage for {len(full_side.latencies)} "
          f"updates ({full_side.silent} without reply)")
    print(f"answers: {answers_after - answers_before} rows committed during the run for {text_updates} text "
          f"answers; answer table: {answers_before} rows after warm-up, {answers_after} after the run")
    print(f"errors logged: {errors.count}")

    ratio = full_side.throughput / bare.throughput
    if args.floor:
        print_floor(floor_bare, floor, full_side)
    p99 = percentile(sorted(full_side.latencies), .99) * 1e3
    print(f"\nthroughput full/bare: {ratio * 100:.1f} %  "
          f"(goal >= {GOAL_RATIO * 100:.0f} %: {verdict(ratio >= GOAL_RATIO)})")
    print(f"full p99 latency: {p99:.3f} ms  (goal < {GOAL_P99_MS:.0f} ms: {verdict(p99 < GOAL_P99_MS)})")


def parse_args() -> argparse.Namespace:
    """Command line options."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--updates", type=int, default=2000, help="measured updates per side")
    parser.add_argument("--users", type=int, default=50, help="users answering round-robin on the full side")
    parser.add_argument("--floor", action="store_true",
                        help="also measure the cycle with the conversation replaced by one fixed reply")
    parser.add_argument("--profile", action="store_true", help="add a timing breakdown and cProfile tables")
    parser.add_argument("--profile-updates", type=int, default=2000, help="updates of each profiling pass")
    parser.add_argument("--top", type=int, default=25, help="lines of each cProfile table")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
