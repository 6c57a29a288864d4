"""Real `python -m bot run` processes, polling or behind a webhook, on a given database."""
from __future__ import annotations

import itertools
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.support.http_api import BotApiServer
from tests.support.telegram import MSAP_RULES, Sent

WEBHOOK_SECRET = "instances-secret"


class NoApplication:
    """ChatClient only builds updates here; the running processes consume them."""


def start_bot(log: Path, server: BotApiServer, database_url: str, webhook_port: int | None = None,
              **env_extra: str) -> subprocess.Popen:
    """The bot as in production, polling `server`, or serving a webhook on `webhook_port`; its output goes to `log`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_"))}
    env.update(TELEGRAM_BOT_TOKEN="123456:INSTANCES-test", TELEGRAM_BASE_URL=server.base_url,
               TELEGRAM_BASE_FILE_URL=server.base_url, DATABASE_URL=database_url, **env_extra)
    if webhook_port is not None:
        env.update(WEBHOOK_URL="https://bot.example.org/hook", WEBHOOK_LISTEN="127.0.0.1",
                   WEBHOOK_PORT=str(webhook_port), WEBHOOK_SECRET=WEBHOOK_SECRET)
    with open(log, "a") as output:
        return subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=log.parent, env=env,
                                stdout=output, stderr=subprocess.STDOUT)


RULES = "tap: the rules"  # in a scripted conversation: the tap choosing the 2016 fiche for a new project


def update_for(server: BotApiServer, user, line: str) -> dict:
    """The update a scripted line stands for: a text, or RULES, the tap on the rules' button."""
    if line == RULES:
        with server.lock:
            return user.button_update(MSAP_RULES)
    return user.message_update(line)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def post_update(port: int, update: dict | bytes, seconds: float = 30.0) -> None:
    """Deliver an update to a bot's webhook as Telegram does, retrying until its server listens and answers 200."""
    body = update if isinstance(update, bytes) else json.dumps(update).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/hook", data=body, method="POST",
        headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET})
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 200
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def wait_for(server: BotApiServer, predicate, seconds: float = 30.0) -> Sent:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with server.lock:
            found = [s for s in server.api.sent() if predicate(s)]
        if found:
            return found[-1]
        time.sleep(0.05)
    raise AssertionError("the bot did not answer in time")


def wait_until(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


class RoundRobin:
    """The load balancer: each webhook call goes to the next instance, and its answer comes back."""

    def __init__(self, ports: list[int]) -> None:
        backends, lock = itertools.cycle(ports), threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with lock:
                    port = next(backends)
                post_update(port, body)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                """Quiet."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
