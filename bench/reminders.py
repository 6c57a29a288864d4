"""Benchmark: our own cost per reminder sent, the rate held under Telegram's 30 messages a second with the
production rate limiter, and how long a reply waits behind a batch of reminders (python bench/reminders.py)."""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import tempfile
import time
from collections import deque
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402
from telegram import InlineKeyboardMarkup  # noqa: E402
from telegram.constants import ParseMode  # noqa: E402
from telegram.ext import AIORateLimiter, Application, BaseRateLimiter  # noqa: E402
from telegram.request import RequestData  # noqa: E402

from canned import OfflineRequest  # noqa: E402
from bot.app import REMINDERS, build_application  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.limiter import MESSAGES_PER_SECOND, RETRIES_AFTER_429, rate_limiter  # noqa: E402
from bot.reminders import Report  # noqa: E402
from bot.services import Services, build_services  # noqa: E402
from states.events import Command, Sender, Text  # noqa: E402
from store import migrate  # noqa: E402
from store.models import Membership  # noqa: E402
from store.reminders import Planned, ReminderStore  # noqa: E402

NOW = datetime(2027, 11, 29, 8, 0, tzinfo=timezone.utc)  # a Monday, 09:00 in Paris
BOT_USER = {"id": 999_000, "is_bot": True, "first_name": "Guide MSAP", "username": "guide_msap_bot"}
WARM_UP = 100
GOAL_OWN_MS = 1.0
GOAL_RATE = 28.0
WINDOW_SECONDS, WINDOW_MESSAGES = 1.0, 30  # what the rate-checking fake Telegram tolerates
GOAL_REPLY_WAIT_MS = 100.0
REPLY_CHAT = 1  # a user who is sent no reminder


def _ok(result: Any) -> bytes:
    return json.dumps({"ok": True, "result": result}).encode()


CANNED = {
    "getMe": _ok({**BOT_USER, "can_join_groups": False, "can_read_all_group_messages": False,
                  "supports_inline_queries": False}),
    "sendMessage": _ok({"message_id": 1, "date": 1_700_000_000, "chat": {"id": 1, "type": "private"},
                        "from": BOT_USER, "text": "ok"}),
}
TOO_MANY = json.dumps({"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                       "parameters": {"retry_after": 1}}).encode()


class CannedTransport(OfflineRequest):
    """A Bot API answering at once from canned bytes; keeps the parameters of each message sent."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout=None, write_timeout=None, connect_timeout=None,
                         pool_timeout=None) -> tuple[int, bytes]:
        """Serialise the parameters as the HTTPX transport would, then answer."""
        name = url.rpartition("/")[2]
        params = request_data.json_parameters if request_data is not None else {}
        if name == "sendMessage":
            return self.message(params)
        return 200, CANNED.get(name, _ok(True))

    def message(self, params: dict[str, Any]) -> tuple[int, bytes]:
        """Accept a message."""
        self.sent.append(params)
        return 200, CANNED["sendMessage"]


class RateCheckingTransport(CannedTransport):
    """Answers 429 to a message that would be the 31st within one second, as Telegram may."""

    def __init__(self) -> None:
        super().__init__()
        self.accepted: deque[float] = deque()
        self.times: list[float] = []
        self.refused = 0

    def message(self, params: dict[str, Any]) -> tuple[int, bytes]:
        now = time.monotonic()
        while self.accepted and self.accepted[0] <= now - WINDOW_SECONDS:
            self.accepted.popleft()
        if len(self.accepted) >= WINDOW_MESSAGES:
            self.refused += 1
            return 429, TOO_MANY
        self.accepted.append(now)
        self.times.append(now)
        return super().message(params)


def members(services: Services, count: int) -> list[tuple[int, int]]:
    """`count` users, each with a new project made through the engine; (user id, project id) of each."""
    for user_id in range(10_000, 10_000 + count):
        sender = Sender(user_id, f"Bench {user_id}")
        for event in (Command(sender, "start"), Text(sender, f"MSAP {user_id}"), Text(sender, "Territoire")):
            services.engine.handle(event)
    with services.database.connect() as connection:
        return [tuple(row) for row in connection.execute(select(Membership.user_id, Membership.project_id))]


def add_reminders(services: Services, teams: list[tuple[int, int]], count: int) -> None:
    """`count` reminders due now, of three kinds, spread over the members round-robin."""
    today = NOW.date()
    kinds = [Planned("committee_30", NOW, NOW + timedelta(days=23), today + timedelta(days=30)),
             Planned("committee_followup", NOW, None, today - timedelta(days=1)),
             Planned("funding_request", NOW, NOW + timedelta(days=31), recurrence="yearly")]
    with services.database.begin() as connection:
        store = ReminderStore(connection)
        for n in range(count):
            user_id, project_id = teams[n % len(teams)]
            store.add(project_id, user_id, kinds[n % len(kinds)])


async def dispatch(services: Services, application: Application) -> tuple[Report, float]:
    """Send everything due; the report and the seconds it took."""
    start = time.perf_counter()
    report = await application.bot_data[REMINDERS].run_once(application.bot)
    return report, time.perf_counter() - start


async def bare_sends(application: Application, sent: list[dict[str, Any]]) -> float:
    """Seconds to send the same messages again with bare bot.send_message calls: PTB and the transport alone."""
    bot = application.bot
    messages = [(int(p["chat_id"]), p["text"],
                 InlineKeyboardMarkup.de_json(json.loads(p["reply_markup"]), bot) if "reply_markup" in p else None)
                for p in sent]
    start = time.perf_counter()
    for chat_id, text, markup in messages:
        await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)
    return time.perf_counter() - start


async def overhead(services: Services, teams: list[tuple[int, int]], count: int) -> None:
    """(a): our own work per reminder, PTB and the transport taken out."""
    transport = CannedTransport()
    # No rate limiter: this measures our own work per reminder, not Telegram's pace.
    application = build_application(services, request=transport, limiter=None)
    await application.initialize()
    try:
        add_reminders(services, teams, WARM_UP)
        await dispatch(services, application)  # templates compiled, statements cached
        transport.sent.clear()
        add_reminders(services, teams, count)
        report, total = await dispatch(services, application)
        sent = list(transport.sent)
        bare = await bare_sends(application, sent)
    finally:
        await application.shutdown()
    own = (total - bare) / count * 1e3
    print(f"(a) dispatch of {count} due reminders over {len(teams)} projects, instant fake Telegram, no limiter")
    print(f"    sent {report.sent}, blocked {report.blocked}, failed {report.failed}; "
          f"{len(sent)} sendMessage calls")
    print(f"    run_once total {total:.3f} s, {total / count * 1e3:.3f} ms per reminder")
    print(f"    same messages by bare bot.send_message: {bare:.3f} s, {bare / count * 1e3:.3f} ms per message")
    print(f"    our own work: {own:.3f} ms per reminder  (goal < {GOAL_OWN_MS} ms: "
          f"{'met' if own < GOAL_OWN_MS else 'missed'})")


async def rate(services: Services, teams: list[tuple[int, int]], count: int) -> None:
    """(b): the pace the production rate limiter holds, and whether Telegram would refuse any message."""
    transport = RateCheckingTransport()
    application = build_application(services, request=transport, limiter=rate_limiter())
    await application.initialize()
    try:
        add_reminders(services, teams, count)
        report, total = await dispatch(services, application)
    finally:
        await application.shutdown()
    times = transport.times
    span = times[-1] - times[0] if len(times) > 1 else float("nan")
    # Messages per second between the first send and the last: n messages make n - 1 intervals.
    achieved = (len(times) - 1) / span
    print(f"(b) {count} due reminders through the production rate limiter; fake Telegram answers 429 "
          f"beyond {WINDOW_MESSAGES} messages in any {WINDOW_SECONDS:g} s")
    print(f"    sent {report.sent}, failed {report.failed}; {len(times)} accepted, {transport.refused} answered 429; "
          f"run_once {total:.2f} s")
    ok = achieved >= GOAL_RATE and transport.refused == 0
    print(f"    sustained {achieved:.2f} msg/s over {span:.2f} s  (goal >= {GOAL_RATE:g} msg/s with no 429: "
          f"{'met' if ok else 'missed'})")


class TimedTransport(CannedTransport):
    """Answers at once; notes when each message reached Telegram, by chat."""

    def __init__(self) -> None:
        super().__init__()
        self.chats: list[int] = []

    def message(self, params: dict[str, Any]) -> tuple[int, bytes]:
        self.chats.append(int(params["chat_id"]))
        return super().message(params)


async def reply_wait(services: Services, teams: list[tuple[int, int]], count: int, replies: int,
                     limiter: BaseRateLimiter, name: str) -> None:
    """(c): replies sent while `count` reminders go out; how long each waited for Telegram's limit."""
    transport = TimedTransport()
    application = build_application(services, request=transport, limiter=limiter)
    await application.initialize()
    waits: list[float] = []
    overtaken: list[int] = []  # reminders sent between a reply's call and the reply itself
    try:
        add_reminders(services, teams, count)
        batch = asyncio.create_task(dispatch(services, application))
        await asyncio.sleep(0.2)  # the batch under way, the limiter's queue full
        for n in range(replies):
            before = len(transport.chats)
            start = time.perf_counter()
            # What the outbox sender does for a reply: a plain send_message, normal priority.
            await application.bot.send_message(REPLY_CHAT, f"Réponse {n}", parse_mode=ParseMode.HTML)
            waits.append(time.perf_counter() - start)
            overtaken.append(len(transport.chats) - before - 1)
            if batch.done():
                break
            await asyncio.sleep(0.2)
        during = not batch.done()
        report, total = await batch
    finally:
        await application.shutdown()
    ms = sorted(wait * 1e3 for wait in waits)
    print(f"    {name}: {len(ms)} replies during the batch{'' if during else ' (the batch ended before the last)'}; "
          f"{report.sent} reminders sent in {total:.2f} s")
    print(f"      reply wait: median {statistics.median(ms):.1f} ms, max {ms[-1]:.1f} ms; reminders sent ahead of "
          f"a reply: at most {max(overtaken)}  (goal < {GOAL_REPLY_WAIT_MS:g} ms: "
          f"{'met' if ms[-1] < GOAL_REPLY_WAIT_MS else 'missed'})")


async def main(args: argparse.Namespace) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    with tempfile.TemporaryDirectory(prefix="bench-") as directory:
        url = f"sqlite:///{Path(directory) / 'bench.db'}"
        migrate.upgrade(url)
        settings = Settings(_env_file=None, telegram_bot_token="123456:BENCH", database_url=url)
        services = build_services(settings, clock=lambda: NOW)
        try:
            teams = members(services, args.users)
            await overhead(services, teams, args.reminders)
            await rate(services, teams, args.rate_reminders)
            print(f"(c) a reply every 0.2 s while {args.reply_reminders} due reminders go out, instant fake Telegram")
            await reply_wait(services, teams, args.reply_reminders, args.replies, rate_limiter(),
                             "production limiter (replies first)")
            # Before issue 12: one AIORateLimiter for every call, reminders and replies in one queue.
            await reply_wait(services, teams, args.reply_reminders, args.replies,
                             AIORateLimiter(overall_max_rate=1, overall_time_period=1 / MESSAGES_PER_SECOND,
                                            max_retries=RETRIES_AFTER_429), "single-queue AIORateLimiter")
        finally:
            services.close()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reminders", type=int, default=2000, help="reminders of the overhead measurement")
    parser.add_argument("--users", type=int, default=200, help="users, each with a project of their own")
    parser.add_argument("--rate-reminders", type=int, default=300, help="reminders of the rate measurement")
    parser.add_argument("--reply-reminders", type=int, default=150, help="reminders of the reply-wait measurement")
    parser.add_argument("--replies", type=int, default=15, help="replies sent during that batch")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
