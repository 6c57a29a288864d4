"""The one factory of the Telegram application; tests pass a fake request object."""
from __future__ import annotations

import asyncio

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (Application, ApplicationBuilder, BaseRateLimiter, CallbackQueryHandler, Defaults,
                          MessageHandler, filters)
from telegram.request import BaseRequest, HTTPXRequest

from bot.calls import DatabaseCalls
from bot.handlers import Handlers
from bot.inactivity import INTERVAL_SECONDS as INACTIVITY_INTERVAL_SECONDS
from bot.inactivity import InactivitySweep
from bot.inbox import ArrivingUpdates, InboxQueue, recover
from bot.outbox import INTERVAL_SECONDS as OUTBOX_INTERVAL_SECONDS
from bot.outbox import OutboxSender, OutboxWriter, instance_name
from bot.ordering import PerChatUpdateProcessor
from bot.limiter import rate_limiter
from bot.reminders import ReminderDispatcher
from bot.rendering import ProcessRendering, ThreadRendering
from bot.services import Services
from states.engine import COMMANDS
from store.inbox import KEPT_FOR, Inbox
from store.outbox import Outbox

PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE


USE_LIMITER = object()
REMINDERS = "reminders"  # bot_data key of the application's ReminderDispatcher
REMINDER_INTERVAL_SECONDS = 30
PRUNE_INTERVAL_SECONDS = 30 * 60
OUTBOX = "outbox"  # bot_data key of the application's OutboxSender
INACTIVITY = "inactivity"  # bot_data key of the application's InactivitySweep


def build_application(services: Services, request: BaseRequest | None = None,
                      rendering: ThreadRendering | ProcessRendering | None = None,
                      limiter: BaseRateLimiter | None | object = USE_LIMITER) -> Application:
    """The bot; documents and charts render in `rendering` (default: a worker thread of this process).

    Every Bot API call goes through Telegram's rate limits (`limiter`); tests of other things pass None.
    """
    settings = services.settings
    calls = DatabaseCalls(services.database)
    single_instance = services.database.dialect.name == "sqlite"
    inbox = Inbox(services.database)
    queue = InboxQueue(inbox, calls)
    processor = PerChatUpdateProcessor(calls, inbox=inbox, shared=not single_instance)
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.telegram_base_file_url)
        # No link previews: Telegram would fetch URLs that users typed into their answers.
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        # Every update is stored before Telegram is told it arrived, then processed in order per chat.
        .update_queue(queue)
        .concurrent_updates(processor)
        .post_init(_start(services))
    )
    if request is not None:
        builder = builder.request(request)
    # python-telegram-bot's own getUpdates transport, unless a test or a benchmark gives one.
    polling = request if request is not None else HTTPXRequest(connection_pool_size=1)
    builder = builder.get_updates_request(ArrivingUpdates(polling, queue))
    limiter = rate_limiter() if limiter is USE_LIMITER else limiter
    if limiter is not None:
        builder = builder.rate_limiter(limiter)
    dispatcher = ReminderDispatcher(services.reminders, services.renderer, calls)
    outbox = Outbox(services.database, instance_name())
    sender = OutboxSender(outbox, rendering or ThreadRendering(services.documents), calls, single_instance)
    application = builder.post_shutdown(lambda _: _close(dispatcher, sender)).build()
    processor.application = application
    application.bot_data[REMINDERS] = dispatcher
    application.job_queue.run_repeating(dispatcher.job, interval=REMINDER_INTERVAL_SECONDS, first=1,
                                        name="reminders")

    application.bot_data[OUTBOX] = sender
    application.job_queue.run_repeating(sender.job, interval=OUTBOX_INTERVAL_SECONDS, first=1, name="outbox")
    application.job_queue.run_repeating(_prune(inbox, outbox, calls, services.engine.clock), first=60,
                                        interval=PRUNE_INTERVAL_SECONDS, name="prune")
    writer = OutboxWriter(outbox, services.renderer, services.settings.zone, services.engine.clock)
    inactivity = InactivitySweep(services.database, services.engine.reminders.inactivity, writer, sender, calls,
                                 services.engine.clock, services.settings.zone, services.engine.plan_reminders)
    application.bot_data[INACTIVITY] = inactivity
    application.job_queue.run_repeating(inactivity.job, interval=INACTIVITY_INTERVAL_SECONDS, first=300,
                                        name="inactivity")
    handlers = Handlers(services.engine, services.renderer, writer, sender, calls, processor.processed_by_engine)
    # Order matters: commands before plain text, text before the catch-all for other messages.
    application.add_handler(MessageHandler(PRIVATE & filters.COMMAND, handlers.command))
    application.add_handler(MessageHandler(PRIVATE & filters.TEXT, handlers.text))
    application.add_handler(MessageHandler(PRIVATE & filters.CONTACT, handlers.contact))
    application.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE
                                           & filters.TEXT, handlers.edited))
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(MessageHandler(PRIVATE & ~filters.StatusUpdate.ALL, handlers.other))
    application.add_error_handler(handlers.error)
    return application


def _prune(inbox: Inbox, outbox: Outbox, calls: DatabaseCalls, clock):
    """What is kept only for Telegram's redelivery window goes once it is over (/confidentialite says so)."""
    async def prune(context) -> None:
        cutoff = clock() - KEPT_FOR
        await calls(inbox.forget_before, cutoff)
        await calls(outbox.forget_before, cutoff)
    return prune


async def _close(dispatcher: ReminderDispatcher, sender: OutboxSender) -> None:
    dispatcher.close()
    await sender.close()


def _start(services: Services):
    async def start(application: Application) -> None:
        descriptions = services.ui.commands
        await application.bot.set_my_commands(
            [BotCommand(name, getattr(descriptions, name)) for name in COMMANDS])
        # Before the first new update: what was received but not processed when the last process ended.
        await recover(application)
        if services.database.dialect.name == "sqlite":
            # One instance on SQLite: a message held by a sender is held by this process's dead predecessor.
            await asyncio.to_thread(Outbox(services.database, instance_name()).release_all)
    return start
