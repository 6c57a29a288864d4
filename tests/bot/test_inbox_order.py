"""Through the real Application: an update is stored before it is queued, and a chat's older stored updates go
first, whichever instance received them."""
from __future__ import annotations

from telegram import Update

from bot.inbox import InboxQueue, recover
from store.inbox import Inbox
from tests.support.telegram import ChatClient


async def test_an_update_is_in_the_inbox_before_it_is_in_the_queue(application, services, api):
    user = ChatClient(application, api, user_id=7001)
    update = user.message_update("/start")
    queue = application.update_queue
    assert isinstance(queue, InboxQueue)
    await queue.put(Update.de_json(update, application.bot))
    assert [stored.payload["update_id"] for stored in Inbox(services.database).pending()] == [update["update_id"]]
    assert queue.qsize() == 1
    # Telegram delivers it again (no confirmation reached it): it is not queued twice.
    await queue.put(Update.de_json(update, application.bot))
    assert queue.qsize() == 1


async def test_stored_updates_are_queued_at_start_up_oldest_first(application, services, api):
    user = ChatClient(application, api, user_id=7002)
    inbox = Inbox(services.database)
    updates = [user.message_update(text) for text in ("/start", "MSAP du Lévezou")]
    for update in reversed(updates):
        inbox.receive(update["update_id"], user.user_id, update)
    assert await recover(application) == 2
    queued = [application.update_queue.get_nowait().update_id for _ in range(2)]
    assert queued == [u["update_id"] for u in updates]


async def test_a_chats_older_stored_update_is_processed_first(application, services, api):
    user = ChatClient(application, api, user_id=7003)
    inbox = Inbox(services.database)
    first, second = user.message_update("/start"), user.message_update("MSAP du Lévezou")
    application.update_processor.shared = True  # as on PostgreSQL, where other instances receive updates too
    # The first reached another instance, which stored it and has not processed it yet.
    inbox.receive(first["update_id"], user.user_id, first)
    update = Update.de_json(second, application.bot)
    await application.update_processor.process_update(update, application.process_update(update))
    texts = [sent.text for sent in api.sent()]
    assert len(texts) == 2 and "nom de votre projet" in texts[0] and "territoire" in texts[1], texts
    assert inbox.pending() == []
    # The other instance gets to it: it is processed already, nothing is said twice.
    older = Update.de_json(first, application.bot)
    await application.update_processor.process_update(older, application.process_update(older))
    assert len(api.sent()) == 2
