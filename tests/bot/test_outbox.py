"""Replies committed with their answer go out even when the process dies before sending them.

The bot is killed with SIGKILL while a reply is on its way (Telegram holds the call): its fate is unknown, so the
next process sends it again; a dossier interrupted while its files go out is made and sent again.
"""
from __future__ import annotations

import sys

import pytest
from sqlalchemy import select

from store.db import make_engine
from store.models import OutgoingMessage

from tests.support.bot_process import kill, stop
from tests.support.http_api import BotApiServer
from tests.support.instances import RULES, NoApplication, start_bot, update_for, wait_for, wait_until
from tests.support.telegram import ChatClient

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kill -9")


def test_a_reply_committed_but_not_sent_goes_out_after_a_restart(tmp_path):
    log, database = tmp_path / "bot.log", f"sqlite:///{tmp_path / 'bot.db'}"
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=6101, first_name="Inès")
        bot = start_bot(log, server, database)
        try:
            server.push(user.message_update("/start"))
            wait_for(server, lambda s: "nom de votre projet" in s.text)
            server.hold_sends()
            server.push(user.message_update("MSAP des Causses"))  # the project is created, its reply hangs
            wait_until(lambda: server.held)
        finally:
            kill(bot)
        server.release_sends()

        bot = start_bot(log, server, database)
        try:
            asked = wait_for(server, lambda s: "territoire" in s.text)
            assert "MSAP des Causses" in asked.text
            server.push(user.message_update("Aveyron"))
            wait_for(server, lambda s: "Quelles règles suit" in s.text)
        finally:
            stop(bot)
    assert "Traceback" not in log.read_text(), log.read_text()


def test_a_stopped_bot_leaves_no_reply_to_send_again(tmp_path):
    log, database = tmp_path / "bot.log", f"sqlite:///{tmp_path / 'bot.db'}"
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=6103, first_name="Lou")
        bot = start_bot(log, server, database)
        try:
            for message, expected in (("/start", "nom de votre projet"), ("MSAP de Lézignan", "territoire"),
                                      ("Corbières", "Quelles règles suit"), (RULES, "Qui est le chef de projet"),
                                      ("Jeanne Martin", "fonction")):
                server.push(update_for(server, user, message))
                wait_for(server, lambda s, expected=expected: expected in s.text)
        finally:
            stop(bot)  # SIGTERM: the last reply's mark, waiting for a transaction, is written on the way out
        with make_engine(database).connect() as connection:
            statuses = connection.execute(select(OutgoingMessage.status)).scalars().all()
        assert statuses and set(statuses) == {"sent"}
        with server.lock:
            calls = len(server.api.calls)
        bot = start_bot(log, server, database)
        try:
            server.push(user.message_update("/start"))
            wait_for(server, lambda s: "Bon retour" in s.text)
            with server.lock:
                again = [m.text for m in server.api.sent(calls)]
            assert len(again) == 1 and "Bon retour" in again[0], again  # the new reply, nothing of before
        finally:
            stop(bot)
    assert "Traceback" not in log.read_text(), log.read_text()


def test_an_interrupted_dossier_is_sent_after_a_restart(tmp_path):
    log, database = tmp_path / "bot.log", f"sqlite:///{tmp_path / 'bot.db'}"
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=6102, first_name="Paul")
        bot = start_bot(log, server, database)
        try:
            for message, expected in (("/start", "nom de votre projet"), ("MSAP du Ségala", "territoire"),
                                      ("Ségala", "Quelles règles suit"), (RULES, "Qui est le chef de projet"),
                                      ("/dossier", "brouillon")):
                server.push(update_for(server, user, message))
                choice = wait_for(server, lambda s, expected=expected: expected in s.text)
            with server.lock:
                message = server.api.messages[choice.message_id]
            draft = next(b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row
                         if "brouillon" in b["text"].lower())
            server.hold_sends({"sendDocument"})
            server.push(user.press_update(message, draft))
            wait_for(server, lambda s: "Préparation du brouillon" in s.text)
            wait_until(lambda: server.held, seconds=120)  # the files are made; the first is on its way
        finally:
            kill(bot)
        server.release_sends()

        bot = start_bot(log, server, database)
        try:
            expected = {("checklist", "pdf"), ("convention-cadre", "docx"), ("convention-cadre", "pdf"),
                        ("dossier-labellisation", "docx"), ("dossier-labellisation", "pdf")}

            def kinds() -> set[tuple[str, str]]:
                with server.lock:
                    names = [name for name, _, _ in server.api.documents]
                return {(name.split("-msap-")[0], name.rsplit(".", 1)[1]) for name in names}

            wait_until(lambda: kinds() >= expected, seconds=120)  # every file of the draft, made again
            assert kinds() == expected
        finally:
            stop(bot)
    assert "Traceback" not in log.read_text(), log.read_text()
