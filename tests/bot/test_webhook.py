"""The webhook of a real `python -m bot run`: what it refuses, before reading what, and what it costs.

Requests are written on a raw socket so that a test can send headers without the body they announce: an answer
that arrives while the body is still unsent was decided before the body was read.
"""
from __future__ import annotations

import json
import socket
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from bot.webhook import MAX_BODY_BYTES, NO_SECRET_WARNING
from tests.bot.test_startup import WEBHOOK_SECRET, free_port, post_update, start_bot
from tests.support.bot_process import stop
from tests.support.http_api import BotApiServer
from tests.support.instances import NoApplication, wait_for
from tests.support.telegram import ChatClient

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGTERM, /proc")

TWO_MB = 2 * 1024 * 1024


def webhook_env(port: int, secret: str | None = WEBHOOK_SECRET) -> dict[str, str]:
    env = dict(WEBHOOK_URL="https://bot.example.org/hook", WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(port))
    if secret is not None:
        env["WEBHOOK_SECRET"] = secret
    return env


def request_head(length: int, secret: str | None = WEBHOOK_SECRET, chunked: bool = False) -> bytes:
    lines = ["POST /hook HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {length}")
    if secret is not None:
        lines.append(f"X-Telegram-Bot-Api-Secret-Token: {secret}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def status_of(answer: bytes) -> int | None:
    """The status code of a raw HTTP answer; None when the server closed the connection without one."""
    return int(answer.split()[1]) if answer.startswith(b"HTTP/1.1 ") else None


def answer_to(port: int, head: bytes, body: bytes = b"") -> int | None:
    """Send `head` then `body`; the status the server answers, or None if it closed the connection instead."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        try:
            connection.sendall(head)
            connection.sendall(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # it answered and closed while the body was still on its way
        try:
            return status_of(connection.recv(4096))
        except ConnectionResetError:
            return None


def answer_to_head_alone(port: int, head: bytes) -> int | None:
    """The status answered to headers whose announced body never comes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(head)
        return status_of(connection.recv(4096))


def chunked(body: bytes, size: int = 64 * 1024) -> bytes:
    parts = [b"%x\r\n%s\r\n" % (len(body[i:i + size]), body[i:i + size]) for i in range(0, len(body), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def resident_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))


def stored_updates(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "bot.db") as database:
        return database.execute("SELECT count(*) FROM received_update").fetchone()[0]


def assert_clean(tmp_path: Path) -> str:
    log = (tmp_path / "bot.log").read_text()
    assert "Traceback" not in log, log
    return log


def test_the_limit_is_a_megabyte():
    assert MAX_BODY_BYTES == 1024 * 1024


def test_bodies_over_the_limit_are_refused_unread_and_cost_no_memory(tmp_path):
    port = free_port()
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=6101, first_name="Léa")
        bot = start_bot(tmp_path, server, **webhook_env(port))
        try:
            post_update(port, user.message_update("/start"))
            wait_for(server, lambda s: "nom de votre projet" in s.text)
            # Announced too large: refused on the headers, the body never sent.
            assert answer_to_head_alone(port, request_head(TWO_MB)) == 413

            before = resident_kb(bot.pid)
            payload = b'{"update_id": 1, "padding": "' + b"x" * TWO_MB + b'"}'
            for _ in range(3):
                assert answer_to(port, request_head(len(payload)), payload) in (413, None)
            grown_kb = resident_kb(bot.pid) - before
            assert grown_kb < 2 * 1024, f"three posts of 2 MB made the process grow by {grown_kb} kB"

            # No length announced: the server reads up to the limit, then closes the connection. What it read is
            # let go at once (before: about 600 kB kept per post until a full garbage collection).
            before = resident_kb(bot.pid)
            for _ in range(20):
                assert answer_to(port, request_head(0, chunked=True), chunked(payload)) in (400, 413, None)
            grown_kb = resident_kb(bot.pid) - before
            assert grown_kb < 6 * 1024, f"twenty chunked posts of 2 MB made the process grow by {grown_kb} kB"

            post_update(port, user.message_update("MSAP des Causses"))
            wait_for(server, lambda s: "territoire" in s.text)
        finally:
            stop(bot)
    assert_clean(tmp_path)


def test_malformed_json_and_non_updates_get_400_and_are_not_stored(tmp_path):
    port = free_port()
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=6102, first_name="Hugo")
        bot = start_bot(tmp_path, server, **webhook_env(port))
        try:
            post_update(port, user.message_update("/start"))
            wait_for(server, lambda s: "nom de votre projet" in s.text)
            stored = stored_updates(tmp_path)
            for body in (b'{"update_id": 7, "message": ', b"\xff\xfe", b"[]", b'"text"', b'{"hello": 1}',
                         b'{"update_id": "7"}', b'{"update_id": 7, "message": "not a message"}', b""):
                assert answer_to(port, request_head(len(body)), body) == 400, body
            assert stored_updates(tmp_path) == stored

            post_update(port, user.message_update("MSAP des Causses"))
            wait_for(server, lambda s: "territoire" in s.text)
            assert stored_updates(tmp_path) == stored + 1
        finally:
            stop(bot)
    log = assert_clean(tmp_path)
    assert NO_SECRET_WARNING not in log


def test_a_wrong_or_missing_secret_gets_403_before_the_body_is_read(tmp_path):
    port = free_port()
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=6103, first_name="Inès")
        bot = start_bot(tmp_path, server, **webhook_env(port))
        try:
            post_update(port, user.message_update("/start"))
            wait_for(server, lambda s: "nom de votre projet" in s.text)
            with server.lock:
                webhook = next(params for name, params in server.api.calls if name == "setWebhook")
            assert webhook["secret_token"] == WEBHOOK_SECRET and webhook["url"] == "https://bot.example.org/hook"
            stored = stored_updates(tmp_path)
            forged = json.dumps(user.message_update("/aide")).encode()
            assert answer_to_head_alone(port, request_head(len(forged), secret="wrong-secret")) == 403
            assert answer_to_head_alone(port, request_head(TWO_MB, secret="wrong-secret")) == 403
            assert answer_to_head_alone(port, request_head(len(forged), secret=None)) == 403
            assert answer_to(port, request_head(len(forged), secret="wrong-secret"), forged) == 403
            time.sleep(0.5)
            assert stored_updates(tmp_path) == stored
            assert not [s for s in server.api.sent() if "Comment fonctionne le guide" in s.text]
        finally:
            stop(bot)
    assert_clean(tmp_path)


def test_without_a_secret_the_log_warns_at_start_and_updates_are_served(tmp_path):
    port = free_port()
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=6104, first_name="Paul")
        bot = start_bot(tmp_path, server, **webhook_env(port, secret=None))
        try:
            post_update(port, user.message_update("/start"))  # its secret header is simply not checked
            wait_for(server, lambda s: "nom de votre projet" in s.text)
        finally:
            stop(bot)
    log = assert_clean(tmp_path)
    assert [line for line in log.splitlines() if NO_SECRET_WARNING in line and "WARNING" in line], log
