"""Restart, errors, command menu, per-chat ordering, polling and webhook, through the real Application."""
from __future__ import annotations

import asyncio
import socket
from datetime import timedelta

import httpx
from sqlalchemy import select, update

from bot.services import build_services
from bot.webhook import webhook_server
from store.inbox import Inbox
from store.models import OutgoingMessage, ProcessedUpdate, ReceivedUpdate
from tests.conftest import make_settings, start_application
from tests.support.telegram import ChatClient, FakeBotApi, MSAP_RULES
from tests.support.walk import question_in


async def test_a_second_application_over_the_same_database_resumes(client, services, database_url):
    await client.send("/start")
    await client.send("MSAP de Lézignan")
    await client.send("Corbières")
    await client.click(MSAP_RULES)
    await client.send("Jeanne Martin")
    await client.send("Secrétaire générale de mairie")
    await client.application.shutdown()

    restarted = build_services(make_settings(database_url))
    api = FakeBotApi()
    application = await start_application(restarted, api)
    try:
        again = ChatClient(application, api)
        replies = await again.send("/start")
        assert "Bon retour" in replies[0].text and "MSAP de Lézignan" in replies[0].text
        replies = await again.click("Continuer")
        assert question_in(restarted.guide, replies[-1]).id == "chef_projet_temps"
        recap = (await again.click("Temps plein"))[-1]
        assert "Récapitulatif" in recap.text and "Jeanne Martin" in recap.text and "Secrétaire générale de mairie" in recap.text
    finally:
        await application.shutdown()
        restarted.close()


async def test_an_error_gets_a_french_apology_and_no_exception_text(client, services, monkeypatch, caplog):
    await client.send("/start")

    def broken(event, record=None):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(services.engine, "handle", broken)
    replies = await client.send("Un projet")
    assert len(replies) == 1
    assert "Désolé, un problème est survenu" in replies[0].text
    assert "secret internal detail" not in replies[0].text
    assert "secret internal detail" in caplog.text


async def test_the_command_menu_is_registered_in_french(application, api):
    await application.post_init(application)
    name, params = next(call for call in api.calls if call[0] == "setMyCommands")
    commands = {c["command"]: c["description"] for c in params["commands"]}
    assert set(commands) == {"start", "menu", "avancement", "budget", "dossier", "conformite", "checklist", "a_traiter",
                             "rappels", "projets", "equipe", "passage", "mes_donnees", "supprimer", "confidentialite", "aide"}
    assert commands["avancement"] == "Voir l'avancement par étape"


async def test_updates_of_one_chat_are_handled_in_order_while_chats_run_concurrently(application, api):
    api.delay = 0.003
    marie, paul = ChatClient(application, api, 2001, "Marie"), ChatClient(application, api, 2002, "Paul")
    for who in (marie, paul):
        await who.send("/start")
        await who.send(f"Projet de {who.user['first_name']}")
        await who.send("Territoire")
        await who.click(MSAP_RULES)
    commands = ["/aide", "/avancement", "/menu"] * 5
    expected = ["Comment fonctionne le guide", "Avancement :", "Menu :"] * 5
    since = len(api.calls)
    await application.start()
    try:
        for command in commands:  # queued at once, as Telegram delivers a burst
            for who in (marie, paul):
                await application.update_queue.put(_as_update(application, who.message_update(command)))
        for _ in range(500):
            if len(api.sent(since)) == 2 * len(commands):
                break
            await asyncio.sleep(0.01)
    finally:
        await application.stop()
    sent = api.sent(since)
    for who in (marie, paul):
        texts = [s.text for s in sent if s.chat_id == who.user_id]
        assert len(texts) == len(expected)
        assert all(marker in text for marker, text in zip(expected, texts))
    chats = [s.chat_id for s in sent]
    # Concurrency between chats: Paul's replies are not all held back until Marie's are done.
    assert chats.index(2002) < max(i for i, c in enumerate(chats) if c == 2001)


def _as_update(application, data):
    from telegram import Update
    return Update.de_json(data, application.bot)


async def test_polling_serves_the_conversation(application, api):
    user = ChatClient(application, api, 3001, "Léa")
    api.pending_updates = [user.message_update("/start")]
    await application.updater.start_polling(poll_interval=0.01)
    await application.start()
    try:
        for _ in range(200):
            if any("Guide MSAP" in s.text for s in api.sent()):
                break
            await asyncio.sleep(0.01)
    finally:
        await application.updater.stop()
        await application.stop()
    assert any("Guide MSAP" in s.text and s.chat_id == 3001 for s in api.sent())


async def test_webhook_requires_the_secret_token(application, api):
    user = ChatClient(application, api, 4001, "Hugo")
    port = _free_port()
    server = webhook_server(application, "telegram", "s3cret-token")
    server.listen(port, address="127.0.0.1")
    await application.start()
    try:
        async with httpx.AsyncClient() as http:
            url = f"http://127.0.0.1:{port}/telegram"
            refused = await http.post(url, json=user.message_update("/start"),
                                      headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"})
            accepted = await http.post(url, json=user.message_update("/start"),
                                       headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
        for _ in range(200):
            if api.sent():
                break
            await asyncio.sleep(0.01)
    finally:
        server.stop()
        await server.close_all_connections()
        await application.stop()
    assert refused.status_code == 403 and accepted.status_code == 200
    assert [s.chat_id for s in api.sent()] == [4001]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_what_is_kept_for_telegram_s_redelivery_window_is_pruned_after_it(client, services):
    await client.send("/start")
    inbox = Inbox(services.database)
    inbox.receive(900_001, 1001, {"message": {"text": "MSAP des Causses"}})
    inbox.mark_processed(900_001)
    inbox.receive(900_002, 1001, {"message": {"text": "pas encore traité"}})
    now = services.engine.clock()
    with services.database.begin() as connection:
        connection.execute(update(ProcessedUpdate).values(processed_at=now - timedelta(days=3)))
        connection.execute(update(OutgoingMessage).values(status="sent", created_at=now - timedelta(days=3)))
    prune = next(job for job in client.application.job_queue.jobs() if job.name == "prune")
    await prune.callback(None)
    with services.database.connect() as connection:
        assert connection.execute(select(ReceivedUpdate.update_id)).scalars().all() == [900_002]  # not processed
        assert connection.execute(select(ProcessedUpdate.update_id)).scalars().all() == []
        assert connection.execute(select(OutgoingMessage.id)).scalars().all() == []
