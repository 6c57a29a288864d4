"""The bot as a real process against a Bot API server on localhost: it serves, dies by kill -9, resumes."""
from __future__ import annotations

import os
import signal
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from store.db import make_engine
from store.reminders import Planned, ReminderStore

from tests.support.clock import PARIS
from tests.support.bot_process import kill, stop
from tests.support.http_api import BotApiServer
from tests.support.instances import RULES, NoApplication, start_bot, update_for, wait_for
from tests.support.telegram import ChatClient

def say(server: BotApiServer, user: ChatClient, text: str, answered: str) -> dict:
    """The user sends a text; the bot answers with a message containing `answered`. The update sent."""
    update = user.message_update(text)
    server.push(update)
    wait_for(server, lambda s: answered in s.text)
    return update


def test_telegram_is_asked_for_edited_messages_and_the_bot_says_it_keeps_the_first_text(tmp_path):
    """The bot asks Telegram for the messages people edit once sent (it gets only the kinds it asks for), to tell
    them the edit is not taken."""
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=5003, first_name="Lou")
        bot = start_bot(tmp_path / "bot.log", server, f"sqlite:///{tmp_path / 'bot.db'}")
        try:
            say(server, user, "/start", "nom de votre projet")
            name = say(server, user, "MSAP du Quercy", "territoire")
            server.push(user.edit_update(name, "MSAP du Quercy blanc"))
            wait_for(server, lambda s: "Vous avez modifié un message déjà envoyé" in s.text)
        finally:
            stop(bot)
    assert "Traceback" not in (tmp_path / "bot.log").read_text()


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9")
def test_serves_survives_kill_9_and_resumes(tmp_path):
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=5001, first_name="Inès")
        bot = start_bot(tmp_path / "bot.log", server, f"sqlite:///{tmp_path / 'bot.db'}")
        try:
            say(server, user, "/start", "nom de votre projet")
            say(server, user, "MSAP des Causses", "territoire")
            say(server, user, "Aveyron", "Quelles règles suit")
            server.push(update_for(server, user, RULES))
            wait_for(server, lambda s: "Qui est le chef de projet" in s.text)
            say(server, user, "Inès Garcia", "Quelle est sa fonction")
        finally:
            kill(bot)

        # The last update may or may not have been confirmed before the kill: either way it counts once.
        bot = start_bot(tmp_path / "bot.log", server, f"sqlite:///{tmp_path / 'bot.db'}")
        try:
            server.push(user.message_update("/start"))
            resumed = wait_for(server, lambda s: "Bon retour" in s.text)
            assert "MSAP des Causses" in resumed.text
            with server.lock:
                message = server.api.messages[resumed.message_id]
            server.push(user.press_update(message, message["reply_markup"]["inline_keyboard"][0][0]["callback_data"]))
            question = wait_for(server, lambda s: "Quelle est sa fonction" in s.text and s.message_id > resumed.message_id)
            assert "question 2/3" in question.text
        finally:
            stop(bot)
    log = (tmp_path / "bot.log").read_text()
    assert "Traceback" not in log, log


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9")
def test_a_reminder_due_while_the_bot_was_down_is_sent_once_by_the_next_process(tmp_path):
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=5002, first_name="Paul")
        bot = start_bot(tmp_path / "bot.log", server, f"sqlite:///{tmp_path / 'bot.db'}")
        try:
            for message, expected in (("/start", "nom de votre projet"), ("MSAP du Ségala", "territoire"),
                                      ("Ségala", "Quelles règles suit"), (RULES, "Qui est le chef de projet")):
                server.push(update_for(server, user, message))
                wait_for(server, lambda s, expected=expected: expected in s.text)
        finally:
            kill(bot)
        # While it is down, the 30-day reminder of a committee falls due.
        database = make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
        now = datetime.now(timezone.utc)
        with database.begin() as connection:
            project_id = connection.execute(text("SELECT project_id FROM membership")).scalar_one()
            ReminderStore(connection).add(project_id, 5002, Planned(
                # The committee's day in the bot's zone: it counts "dans 30 jours" in Paris time.
                "committee_30", now - timedelta(hours=1), now + timedelta(days=6),
                (now.astimezone(PARIS) + timedelta(days=30)).date()))
        database.dispose()

        bot = start_bot(tmp_path / "bot.log", server, f"sqlite:///{tmp_path / 'bot.db'}")
        try:
            reminder = wait_for(server, lambda s: "Comité de pilotage : MSAP du Ségala" in s.text)
            assert "dans 30 jours" in reminder.text
            time.sleep(2)  # another pass of the periodic job sends nothing more
            with server.lock:
                copies = [s for s in server.api.sent() if "Comité de pilotage : MSAP du Ségala" in s.text]
            assert len(copies) == 1
        finally:
            stop(bot)
    log = (tmp_path / "bot.log").read_text()
    assert "Traceback" not in log, log


def children(pid: int) -> dict[int, str]:
    """The live child processes of `pid` and their command lines, read from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _state(int(entry.name)) not in (None, "Z"):
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                if ppid == pid:
                    found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except (OSError, IndexError, ValueError):
                continue  # it exited while we looked
    return found


def _state(pid: int) -> str | None:
    """A process's state letter; None once it is gone. A zombie ("Z") has exited and waits to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_of_the_bot_leaves_no_document_worker_running(tmp_path):
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=5003, first_name="Chloé")
        bot = start_bot(tmp_path / "bot.log", server, f"sqlite:///{tmp_path / 'bot.db'}")
        workers: dict[int, str] = {}
        try:
            for message, expected in (("/start", "nom de votre projet"), ("MSAP du Lévézou", "territoire"),
                                      ("Lévézou", "Quelles règles suit"), (RULES, "Qui est le chef de projet"),
                                      ("/dossier", "Brouillon")):
                server.push(update_for(server, user, message))
                choice = wait_for(server, lambda s, expected=expected: expected in s.text + " ".join(s.labels))
            with server.lock:
                message = server.api.messages[choice.message_id]
            draft = next(button for row in message["reply_markup"]["inline_keyboard"] for button in row
                         if "Brouillon" in button["text"])
            server.push(user.press_update(message, draft["callback_data"]))
            deadline = time.monotonic() + 60
            while not server.api.documents:  # a worker process has rendered the draft
                assert time.monotonic() < deadline, "no document was sent"
                time.sleep(0.05)
            workers = children(bot.pid)
            assert any("multiprocessing" in command and "spawn_main" in command for command in workers.values()), \
                workers
        finally:
            kill(bot)
        try:
            deadline = time.monotonic() + 10
            while left := {pid: command for pid, command in workers.items() if _state(pid) not in (None, "Z")}:
                assert time.monotonic() < deadline, f"still running after the bot was killed: {left}"
                time.sleep(0.05)
        finally:
            for pid in workers:  # clean up after a failure; a no-op when they exited
                if _state(pid) not in (None, "Z"):
                    os.kill(pid, signal.SIGKILL)
