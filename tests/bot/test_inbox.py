"""Updates Telegram was told arrived are processed, even when the process dies before it processed them.

Telegram forgets an update once it is confirmed: in polling by the next getUpdates (python-telegram-bot asks for
it while earlier updates still wait in its queue), in webhook mode by the 200. The bot is killed with SIGKILL after
the confirmation and before the processing; the next process processes what it stored.
"""
from __future__ import annotations

import sys

import pytest

from tests.support.bot_process import kill, stop
from tests.support.http_api import BotApiServer
from tests.support.instances import NoApplication, free_port, post_update, start_bot, wait_for, wait_until
from tests.support.telegram import ChatClient

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kill -9")


def test_polling_updates_fetched_but_not_processed_are_processed_after_a_restart(tmp_path):
    log, database = tmp_path / "bot.log", f"sqlite:///{tmp_path / 'bot.db'}"
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=6001, first_name="Inès")
        bot = start_bot(log, server, database)
        try:
            server.push(user.message_update("/start"))
            wait_for(server, lambda s: "nom de votre projet" in s.text)
            # The name's answer hangs on its way out; the territory waits behind it, fetched with it, and is
            # confirmed by the next getUpdates.
            server.hold_sends()
            name, territory = user.message_update("MSAP des Causses"), user.message_update("Aveyron")
            server.push(name, territory)
            wait_until(lambda: server.held and server.confirmed > territory["update_id"])
        finally:
            kill(bot)
        server.release_sends()

        bot = start_bot(log, server, database)
        try:
            wait_for(server, lambda s: "Quelles règles suit" in s.text)  # the territory's reply
        finally:
            stop(bot)
    assert "Traceback" not in log.read_text(), log.read_text()


def test_webhook_updates_answered_200_but_not_processed_are_processed_after_a_restart(tmp_path):
    log, database, port = tmp_path / "bot.log", f"sqlite:///{tmp_path / 'bot.db'}", free_port()
    with BotApiServer() as server:
        user = ChatClient(NoApplication(), server.api, user_id=6002, first_name="Paul")
        bot = start_bot(log, server, database, webhook_port=port)
        try:
            post_update(port, user.message_update("/start"))
            wait_for(server, lambda s: "nom de votre projet" in s.text)
            server.hold_sends()
            post_update(port, user.message_update("MSAP du Ségala"))
            wait_until(lambda: server.held)
            post_update(port, user.message_update("Ségala"))  # 200: Telegram will not send it again
        finally:
            kill(bot)
        server.release_sends()

        bot = start_bot(log, server, database, webhook_port=port)
        try:
            wait_for(server, lambda s: "Quelles règles suit" in s.text)  # the territory's reply
        finally:
            stop(bot)
    assert "Traceback" not in log.read_text(), log.read_text()
