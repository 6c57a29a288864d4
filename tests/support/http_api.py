"""The fake Bot API served over HTTP on localhost, for the bot running as a real process."""
from __future__ import annotations

import json
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

from tests.support.telegram import FakeBotApi


class BotApiServer:
    """Serves `FakeBotApi` answers at http://127.0.0.1:<port>/bot<token>/<method>; getUpdates honours offsets."""

    def __init__(self) -> None:
        self.api = FakeBotApi()
        self.updates: list[dict] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                kind = self.headers.get("Content-Type", "")
                if kind.startswith("multipart/"):
                    params = _form(kind, body)
                elif "json" in kind:
                    params = json.loads(body)
                else:
                    params = {k: _maybe_json(v) for k, v in parse_qsl(body.decode())}
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
            offset = int(params.get("offset") or 0)
            deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.3)
            while True:
                with self.lock:
                    ready = [u for u in self.updates if u["update_id"] >= offset]
                if ready or time.monotonic() >= deadline:
                    return 200, {"ok": True, "result": ready}
                time.sleep(0.02)
        with self.lock:
            self.api.calls.append((method, params))
            status, result = self.api.answer(method, params)
        if status != 200:
            return status, {"ok": False, "error_code": status, "description": result}
        return 200, {"ok": True, "result": result}

    def push(self, update: dict) -> None:
        with self.lock:
            self.updates.append(update)


def _maybe_json(value: str):
    try:
        return json.loads(value)
    except ValueError:
        return value


def _form(kind: str, body: bytes) -> dict:
    """A multipart upload's fields, as the in-process fake records them: a file's bytes and its `<name>_filename`."""
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {kind}\r\n\r\n".encode() + body)
    params, files = {}, {}
    for part in message.iter_parts():
        name, content = part.get_param("name", header="content-disposition"), part.get_payload(decode=True)
        if part.get_filename():
            files[name], files[f"{name}_filename"] = content, part.get_filename()
        else:
            params[name] = _maybe_json(content.decode())
    return params | files
