"""Two real bot processes on one PostgreSQL database, behind a round-robin forwarder: one chat, one at a time.

Consecutive updates of one chat go to alternating instances, each answered 200 as soon as it is stored, so one
instance receives an update while the other still processes the previous one. Whatever the instance, the chat's
updates are processed one at a time in update_id order: one user, one project, the answers and the replies, in
their order, of a single process, and no apology.
"""
from __future__ import annotations

import os
import uuid

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.services import build_services
from dialogs.budget_model import load_budget_model
from dialogs.referentials import load_referentials
from states.buttons import Action, Payload
from states.events import Choice, Command, Sender, Text
from store import migrate
from store.db import make_engine
from tests.support.bot_process import stop
from tests.support.http_api import BotApiServer
from tests.support.instances import NoApplication, RoundRobin, free_port, post_update, start_bot, wait_until
from tests.support.telegram import ChatClient

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "")
pytestmark = pytest.mark.skipif(not POSTGRES_ADMIN_URL, reason="TEST_POSTGRES_URL is not set")

UPDATES_PER_RUN = 100
RUNS = 3


def _libpq(database: str | None = None) -> str:
    url = make_url(POSTGRES_ADMIN_URL).set(drivername="postgresql")
    return (url.set(database=database) if database else url).render_as_string(hide_password=False)


@pytest.fixture
def postgres_url():
    name = f"test_instances_{uuid.uuid4().hex}"
    with psycopg.connect(_libpq(), autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _libpq(name)
    finally:
        with psycopg.connect(_libpq(), autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def rules_tap(project_id: int) -> str:
    """The button choosing the 2016 fiche for a new project (its data: the project, the referential's position)."""
    position = list(load_referentials(load_budget_model())).index("msap")
    return Payload(project_id, None, Action.REFERENTIAL_CHOOSE, position).encode()


def conversation(user: ChatClient, run: int) -> list[dict]:
    """The runs share the database: run n creates its project n + 1."""
    bot_message = {"message_id": 1, "date": 0, "chat": user.chat, "text": "règles",
                   "from": {"id": 1, "is_bot": True, "first_name": "Guide MSAP"}}
    updates = [user.message_update(message) for message in ("/start", f"MSAP n°{run}", f"Territoire n°{run}")]
    updates.append(user.press_update(bot_message, rules_tap(run + 1)))
    updates += [user.message_update(f"Réponse {number:03d}") for number in range(UPDATES_PER_RUN - len(updates))]
    return updates


def one_process_replies(tmp_path, updates: list[dict]) -> list[str]:
    """What the bot says to these updates, processed one after the other by one engine."""
    url = f"sqlite:///{tmp_path / 'reference.db'}"
    migrate.upgrade(url)
    services = build_services(Settings(_env_file=None, telegram_bot_token="1:reference", database_url=url))
    try:
        replies = []
        for update in updates:
            message = update.get("message") or update["callback_query"]
            sender = Sender(message["from"]["id"], f"{message['from']['first_name']} {message['from']['last_name']}")
            if "callback_query" in update:
                event = Choice(sender, rules_tap(1))  # this database's one project
            elif message["text"].startswith("/"):
                event = Command(sender, message["text"][1:])
            else:
                event = Text(sender, message["text"])
            replies += [services.renderer.html(reply) for reply in services.engine.handle(event).replies]
        return replies
    finally:
        services.close()


def test_two_instances_process_one_chat_in_order(tmp_path, postgres_url):
    migrate.upgrade(postgres_url)
    database = make_engine(postgres_url)
    ports = [free_port(), free_port()]
    with BotApiServer() as server:
        try:
            for run in range(RUNS):  # each run with two fresh processes, as the "3 runs" asks
                bots = [start_bot(tmp_path / f"bot{n}.log", server, postgres_url, webhook_port=port)
                        for n, port in enumerate(ports)]
                forwarder = RoundRobin(ports)
                try:
                    user = ChatClient(NoApplication(), server.api, user_id=9000 + run, first_name="Inès",
                                      last_name=f"Run{run}")
                    updates = conversation(user, run)
                    for update in updates:
                        post_update(forwarder.port, update)
                    ids = [u["update_id"] for u in updates]
                    wait_until(lambda: _processed(database, ids) == len(ids), seconds=120)
                    _check_run(database, server, user, ids, tmp_path, run, updates)
                finally:
                    forwarder.close()
                    for bot in bots:
                        stop(bot)
        finally:
            database.dispose()
    for n in range(len(ports)):
        log = (tmp_path / f"bot{n}.log").read_text()
        assert "Traceback" not in log, log


def _processed(database, ids: list[int]) -> int:
    with database.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM processed_update WHERE update_id = ANY(:ids)"),
                                  {"ids": ids}).scalar_one()


def _check_run(database, server: BotApiServer, user: ChatClient, ids: list[int], tmp_path, run: int,
               updates: list[dict]) -> None:
    with database.connect() as connection:
        users = connection.execute(text('SELECT count(*) FROM "user" WHERE id = :u'), {"u": user.user_id}).scalar()
        projects = connection.execute(text("SELECT count(*) FROM membership WHERE user_id = :u"),
                                      {"u": user.user_id}).scalar()
        order = connection.execute(text("SELECT update_id FROM processed_update WHERE update_id = ANY(:ids) "
                                        "ORDER BY processed_at, update_id"), {"ids": ids}).scalars().all()
        answers = connection.execute(text("SELECT a.question_id, a.value FROM answer a JOIN membership m "
                                          "ON m.project_id = a.project_id WHERE m.user_id = :u ORDER BY a.id"),
                                     {"u": user.user_id}).all()
    assert (users, projects) == (1, 1)
    assert order == ids  # claimed, and so processed, in update_id order
    assert answers == [("chef_projet_nom", "Réponse 000"), ("chef_projet_fonction", "Réponse 001")]
    expected = one_process_replies(tmp_path / f"run{run}", updates)
    wait_until(lambda: len(_said(server, user)) >= len(expected), seconds=60)
    assert _said(server, user) == expected  # the outbox sends a chat's messages in order, whoever sends them


def _said(server: BotApiServer, user: ChatClient) -> list[str]:
    with server.lock:
        return [sent.markup for sent in server.api.sent() if sent.chat_id == user.user_id]
