"""The fake Bot API served over HTTP on localhost, for the bot running as a real process."""
from __future__ import annotations

import json
import threading
import time
from email.parser import BytesParser
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

from tests.support.telegram import FakeBotApi


SENDS = {"sendMessage", "sendDocument", "sendPhoto", "editMessageText"}


class BotApiServer:
    """Serves `FakeBotApi` answers at http://127.0.0.1:<port>/bot<token>/<method>.

    getUpdates honours offsets as Telegram does: an offset confirms every update below it, and a confirmed update
    is never delivered again. Its `allowed_updates`, like Telegram's, stands until a call gives another: an
    update of a kind left out is never delivered. `hold_sends()` makes messages wait unanswered, as a bot killed mid-send leaves them.
    """

    def __init__(self) -> None:
        self.api = FakeBotApi()
        self.updates: list[dict] = []
        self.lock = threading.Lock()
        self.confirmed = 0  # the highest offset a getUpdates gave
        self.allowed: list[str] | None = None  # the kinds of update the bot asked for; None: all
        self.held = 0  # sends waiting while sends are held
        self._open = threading.Event()
        self._open.set()
        self._holding = SENDS
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                kind = self.headers.get("Content-Type", "")
                if kind.startswith("multipart/form-data"):
                    params = _multipart(kind, raw)
                elif "json" in kind:
                    params = json.loads(raw.decode())
                else:
                    params = {k: _maybe_json(v) for k, v in parse_qsl(raw.decode())}
                status, payload = server.answer(self.path.rsplit("/", 1)[-1], params)
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot process was killed while polling: that is the point of the test

            def log_message(self, *args):
                """Quiet."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/bot"

    def __enter__(self) -> BotApiServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, method: str, params: dict) -> tuple[int, dict]:
        if method == "getUpdates":
            with self.lock:
                self.confirmed = max(self.confirmed, int(params.get("offset") or 0))
                if params.get("allowed_updates") is not None:
                    self.allowed = list(params["allowed_updates"])
            deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.3)
            while True:
                with self.lock:
                    ready = [u for u in self.updates if u["update_id"] >= self.confirmed and self._allowed(u)]
                if ready or time.monotonic() >= deadline:
                    return 200, {"ok": True, "result": ready}
                time.sleep(0.02)
        if method in self._holding and not self._open.is_set():
            with self.lock:
                self.held += 1
            self._open.wait(60)
            return 502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}
        with self.lock:
            self.api.calls.append((method, params))
            status, result = self.api.answer(method, params)
        if status != 200:
            return status, {"ok": False, "error_code": status, "description": result}
        return 200, {"ok": True, "result": result}

    def _allowed(self, update: dict) -> bool:
        return self.allowed is None or any(kind in self.allowed for kind in update if kind != "update_id")

    def push(self, *updates: dict) -> None:
        """Updates for the next getUpdates, in one batch when given together."""
        with self.lock:
            self.updates.extend(updates)

    def hold_sends(self, methods: set[str] = SENDS) -> None:
        self._holding = methods
        self._open.clear()

    def release_sends(self) -> None:
        """Held sends fail (their bot is gone); later ones are answered again."""
        self._open.set()


def _multipart(kind: str, raw: bytes) -> dict:
    """A file upload's fields as FakeBotApi takes them: a file as bytes, with `<field>_filename`."""
    message = BytesParser(policy=default).parsebytes(f"Content-Type: {kind}\r\n\r\n".encode() + raw)
    params = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if part.get_filename() is not None:
            params[name], params[f"{name}_filename"] = part.get_payload(decode=True), part.get_filename()
        else:
            params[name] = _maybe_json(part.get_payload(decode=True).decode())
    return params


def _maybe_json(value: str):
    try:
        return json.loads(value)
    except ValueError:
        return value
