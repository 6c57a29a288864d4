"""The bot process serves without loading the document and chart libraries: its workers load them; nor the
migration tool when the database is at its newest schema.

`python -m bot run` is started exactly as in production, with `-X importtime` so that the interpreter itself
lists every module the process imports; the list is read once the bot has answered a first message.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from store import migrate
from tests.support.bot_process import stop
from tests.support.http_api import BotApiServer
from tests.support.instances import WEBHOOK_SECRET, NoApplication, free_port, post_update, wait_for
from tests.support.telegram import ChatClient

# What documents and charts need, and the modules of ours that import it.
HEAVY = {"matplotlib", "weasyprint", "docxtpl", "docx", "fontTools", "pydyf"}
RENDERERS = {"dossier.pdf", "dossier.word", "dossier.charts", "dossier.docx_templates"}


def imported_modules(log: str) -> set[str]:
    """Module names from the lines `-X importtime` writes: 'import time: self | cumulative | name'."""
    return {line.rsplit("|", 1)[1].strip() for line in log.splitlines() if line.startswith("import time:")
            and not line.rstrip().endswith("imported package")}


def start_bot(tmp_path: Path, server: BotApiServer, **env_extra: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_"))}
    env.update(TELEGRAM_BOT_TOKEN="123456:STARTUP-test", TELEGRAM_BASE_URL=server.base_url,
               TELEGRAM_BASE_FILE_URL=server.base_url, DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}", **env_extra)
    with open(tmp_path / "bot.log", "w") as log:
        return subprocess.Popen([sys.executable, "-X", "importtime", "-m", "bot", "run"], cwd=tmp_path, env=env,
                                stdout=log, stderr=subprocess.STDOUT)


def assert_light(tmp_path: Path) -> None:
    log = (tmp_path / "bot.log").read_text()
    modules = imported_modules(log)
    assert {"bot.handlers", "telegram.ext", "states.engine"} <= modules, log  # the list is the bot's
    heavy = sorted(name for name in modules if name.split(".")[0] in HEAVY or name in RENDERERS)
    assert heavy == [], heavy
    assert "Traceback" not in log, log


def answer_a_first_start(tmp_path: Path, user_id: int, first_name: str) -> None:
    """The bot, polling, answers a user's first /start; then it is stopped."""
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=user_id, first_name=first_name)
        bot = start_bot(tmp_path, server)
        try:
            server.push(user.message_update("/start"))
            wait_for(server, lambda s: "nom de votre projet" in s.text)
        finally:
            stop(bot)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_the_polling_bot_answers_without_the_document_libraries(tmp_path):
    answer_a_first_start(tmp_path, 6001, "Léa")
    assert_light(tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_the_webhook_bot_answers_without_the_document_libraries(tmp_path):
    port = free_port()
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=6002, first_name="Hugo")
        bot = start_bot(tmp_path, server, WEBHOOK_URL="https://bot.example.org/hook", WEBHOOK_LISTEN="127.0.0.1",
                        WEBHOOK_PORT=str(port), WEBHOOK_SECRET=WEBHOOK_SECRET)
        try:
            post_update(port, user.message_update("/start"))
            wait_for(server, lambda s: "nom de votre projet" in s.text)
            with server.lock:
                assert any(method == "setWebhook" for method, _ in server.api.calls)
        finally:
            stop(bot)
    assert_light(tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_a_bot_started_on_a_database_at_its_newest_schema_leaves_the_migration_tool_unloaded(tmp_path):
    migrate.upgrade(f"sqlite:///{tmp_path / 'bot.db'}")  # an earlier start migrated it
    answer_a_first_start(tmp_path, 6003, "Inès")
    assert_light(tmp_path)
    assert not {"alembic", "mako", "pygments"} & imported_modules((tmp_path / "bot.log").read_text())


def test_the_import_list_is_read_from_importtime_lines():
    log = ("import time: self [us] | cumulative | imported package\n"
           "import time:       120 |        450 |   matplotlib.figure\n"
           "2027-07-01 INFO telegram.ext.Application: Application started\n")
    assert imported_modules(log) == {"matplotlib.figure"}
