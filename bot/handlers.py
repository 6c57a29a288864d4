"""Generic handlers: every update becomes one engine event; its replies become outbox rows, then messages."""
from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes
from telegram.helpers import create_deep_linked_url

from bot.calls import DatabaseCalls
from bot.render import Renderer
from bot.splitting import split_html
from states.engine import Engine
from states.events import Button, Choice, Command, Edited, Event, Replied, Reply, Sender, Text, Unsupported

if TYPE_CHECKING:
    from bot.outbox import OutboxSender, OutboxWriter

log = logging.getLogger(__name__)


def keyboard(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in rows])


def _sender(update: Update) -> Sender:
    user = update.effective_user
    return Sender(user.id, user.full_name)


def _attachment_kind(message: Message) -> str:
    for kind, present in (("sticker", message.sticker), ("voice", message.voice or message.audio),
                          ("photo", message.photo), ("video", message.video or message.animation
                                                      or message.video_note),
                          ("document", message.document), ("location", message.location or message.venue)):
        if present:
            return kind
    return "other"


async def send_text(bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None,
                    rate_limit_args: object = None) -> None:
    """A message in as many parts as Telegram's length limit needs; the buttons go on the last.

    `rate_limit_args`: passed to the rate limiter with each part (bot.limiter's LOW for reminders).
    """
    chunks = split_html(text)
    for number, chunk in enumerate(chunks, start=1):
        await bot.send_message(chat_id, chunk, parse_mode=ParseMode.HTML,
                               reply_markup=markup if number == len(chunks) else None,
                               rate_limit_args=rate_limit_args)


class Handlers:
    def __init__(self, engine: Engine, renderer: Renderer, writer: OutboxWriter, sender: OutboxSender,
                 calls: DatabaseCalls, processed: Callable[[int], None] = lambda update_id: None) -> None:
        self.engine = engine
        self.calls = calls
        self.renderer = renderer
        self.writer = writer  # the replies become outbox rows in the engine's transaction
        self.sender = sender  # and go out from there
        self.processed = processed  # told of each update the engine has marked processed

    async def command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        word, *rest = update.effective_message.text.split(maxsplit=1)
        name = word[1:].split("@", 1)[0].lower()
        await self._run(update, context, Command(_sender(update), name, rest[0].strip() if rest else None,
                                                 update_id=update.update_id))

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        await self._run(update, context, Text(_sender(update), message.text, update_id=update.update_id,
                                              sent_at=message.date, message_id=message.message_id,
                                              replying_to=self._replied(message)))

    def _replied(self, message: Message) -> Replied | None:
        """The bot's message or the user's own that this text replies to; None for a text sent as it is."""
        original = message.reply_to_message
        if original is None or original.from_user is None:
            return None
        if original.from_user.id == message.from_user.id:
            return Replied(original.message_id, True, original.text or "")
        if not original.from_user.is_bot:
            return None
        text = original.text or original.caption or ""
        return Replied(original.message_id, False, text, self.renderer.project_named(text))

    async def contact(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A contact card shared from the phone's address book: a name, and a number the guide does not keep."""
        message = update.effective_message
        card = message.contact
        name = " ".join(part for part in (card.first_name, card.last_name) if part)
        await self._run(update, context, Text(_sender(update), name, card=card.phone_number,
                                              update_id=update.update_id, sent_at=message.date,
                                              message_id=message.message_id))

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await self._run(update, context, Choice(_sender(update), query.data or "", update_id=update.update_id,
                                                message_id=query.message.message_id if query.message else None))

    async def edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A text the user changed after sending it."""
        message = update.effective_message
        await self._run(update, context, Edited(_sender(update), message.text, message.message_id,
                                                update_id=update.update_id))

    async def other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._run(update, context, Unsupported(_sender(update), _attachment_kind(update.effective_message),
                                                     update_id=update.update_id))

    async def _run(self, update: Update, context: ContextTypes.DEFAULT_TYPE, event: Event) -> None:
        query = update.callback_query
        chat_id = update.effective_user.id  # private chats only: the chat is the user
        pressed = query.message.message_id if query is not None and query.message is not None else None
        # The engine's unit of work is synchronous and commits, with the replies' outbox rows, before returning.
        if self.engine.invite_link is None:  # the bot's name is known once the application is initialised
            self.engine.invite_link = partial(create_deep_linked_url, context.bot.username)
        record = self.writer.recorder(chat_id, update.update_id, pressed)
        outcome = await self.calls(self.engine.handle, event, record)
        record.committed()
        self.processed(update.update_id)
        if not outcome.replies and outcome.notice is None:
            return  # already processed (delivered twice, or by another instance): its answer went with it
        if query is not None:
            await query.answer(outcome.notice)
        await self.sender.flush(context.bot, chat_id, record.claimed)
        for other in record.others:
            await self.sender.flush(context.bot, other)

    async def error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("Update %s failed", getattr(update, "update_id", None), exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            try:
                if update.callback_query is not None:
                    await update.callback_query.answer()
            except Exception:  # the query may already be answered or too old; the apology matters more
                log.debug("Could not answer the callback query", exc_info=True)
            await context.bot.send_message(update.effective_chat.id, self.renderer.html(Reply("error")),
                                           parse_mode=ParseMode.HTML)
