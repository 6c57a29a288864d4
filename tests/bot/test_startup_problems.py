"""What stops `python -m bot run` at start-up is said in one line, and the process exits non-zero.

Each test starts the real command with one bad setting and reads everything it prints.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.bot.test_startup import free_port

TOKEN = "123456:PROBLEM-test"


def run_bot(tmp_path: Path, *command: str, **settings: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_"))}
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}")
    env.update(settings)
    return subprocess.run([sys.executable, "-m", "bot", *(command or ("run",))], cwd=tmp_path, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)


def one_line(result: subprocess.CompletedProcess) -> str:
    """The only line the process printed, having failed."""
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert result.returncode != 0, result.stdout
    assert len(lines) == 1, result.stdout
    return lines[0]


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """`path` (a file or a folder) cannot be written, by root either: root ignores modes, so it is made immutable."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root on a file system without chattr +i: nothing can be made read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.parametrize("command", ["run", "migrate"])
def test_an_unreachable_postgresql_server(tmp_path, command):
    port = free_port()
    line = one_line(run_bot(tmp_path, command, DATABASE_URL=f"postgresql://guide:s3cret@127.0.0.1:{port}/guide"))
    assert line.startswith("Base de données injoignable (postgresql://guide:***@127.0.0.1:"), line
    assert f":{port}/guide" in line and "Connection refused" in line
    assert "s3cret" not in line


def test_a_postgresql_host_that_never_answers(tmp_path):
    # A socket that accepts and stays silent, as a host behind a firewall dropping packets would.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        started = time.monotonic()
        line = one_line(run_bot(tmp_path, DATABASE_URL=f"postgresql://guide:s3cret@127.0.0.1:{port}/guide"))
    assert line.startswith("Base de données injoignable (postgresql://guide:***@127.0.0.1:"), line
    assert "timeout" in line.lower(), line
    assert time.monotonic() - started < 30


@pytest.mark.skipif(not os.environ.get("TEST_POSTGRES_URL"), reason="needs the PostgreSQL server of TEST_POSTGRES_URL")
def test_a_wrong_postgresql_password(tmp_path):
    url = make_url(os.environ["TEST_POSTGRES_URL"]).set(password="not-the-password")
    line = one_line(run_bot(tmp_path, DATABASE_URL=url.render_as_string(hide_password=False)))
    assert "authentification refusée" in line and "DATABASE_URL" in line, line
    assert "not-the-password" not in line


def test_a_read_only_sqlite_file(tmp_path):
    database = tmp_path / "data" / "guide.db"
    database.parent.mkdir()
    sqlite3.connect(database).close()
    with read_only(database):
        line = one_line(run_bot(tmp_path, DATABASE_URL=f"sqlite:///{database}"))
    assert line == f"Base de données en lecture seule : le fichier {database} ne peut pas être modifié"


def test_no_write_access_to_the_data_folder(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    with read_only(folder):
        line = one_line(run_bot(tmp_path, DATABASE_URL=f"sqlite:///{folder / 'guide.db'}"))
    assert line.startswith(f"Dossier des données sans droit d'écriture : {folder} ("), line


def test_an_unreachable_bot_api(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/bot"
    line = one_line(run_bot(tmp_path, TELEGRAM_BASE_URL=url, TELEGRAM_BASE_FILE_URL=url))
    assert line.startswith(f"API Telegram injoignable ({url}) : "), line
    assert TOKEN not in line


def test_a_token_the_bot_api_rejects(tmp_path):
    class Unauthorized(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's naming)
            body = b'{"ok": false, "error_code": 401, "description": "Unauthorized"}'
            self.send_response(401)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Unauthorized)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/bot"
        line = one_line(run_bot(tmp_path, TELEGRAM_BASE_URL=url, TELEGRAM_BASE_FILE_URL=url))
    finally:
        server.shutdown()
        server.server_close()
    assert line == f"L'API Telegram ({url}) refuse le jeton : vérifiez TELEGRAM_BOT_TOKEN"
    assert TOKEN not in line

