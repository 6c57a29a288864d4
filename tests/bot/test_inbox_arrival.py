"""The inbox stores each update as Telegram sent it, and never another update's JSON in its place."""
from __future__ import annotations

from telegram import Update

from bot.app import build_application
from store.inbox import Inbox
from tests.support.telegram import ChatClient


def _stored(inbox: Inbox) -> dict[int, dict]:
    return {stored.update_id: stored.payload for stored in inbox.pending()}


async def test_polling_stores_each_fetched_update_as_telegram_sent_it(services, api):
    application = build_application(services, request=api, limiter=None)
    await application.initialize()
    try:
        user = ChatClient(application, api, user_id=7001, first_name="Inès")
        first, second = user.message_update("MSAP des <Causses> & co"), user.message_update("Aveyron")
        first["message"]["a_field_telegram_adds_later"] = {"kept": True}
        api.pending_updates = [first, second]
        # What python-telegram-bot's Updater does with a batch: fetch it, then put each update in the queue.
        for update in await application.bot.get_updates():
            await application.update_queue.put(update)
        assert _stored(Inbox(services.database)) == {first["update_id"]: first, second["update_id"]: second}
    finally:
        await application.shutdown()


async def test_an_update_is_stored_from_its_own_json_only(services, api):
    application = build_application(services, request=api, limiter=None)
    queue = application.update_queue
    user = ChatClient(application, api, user_id=7002, first_name="Paul")
    arrived, other = user.message_update("Ségala"), user.message_update("Rodez")
    queue.arrived(arrived)  # a JSON whose update is never queued (a poller stopped mid-batch)
    await queue.put(Update.de_json(other, application.bot))
    stored = _stored(Inbox(services.database))
    assert list(stored) == [other["update_id"]]
    assert stored[other["update_id"]]["message"]["text"] == "Rodez"

