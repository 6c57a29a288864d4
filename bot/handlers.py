"""Generic handlers: every update becomes one engine event; every reply becomes one message."""
from __future__ import annotations

import asyncio
import logging

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.rendering import ProcessRendering, ThreadRendering
from bot.render import Renderer
from bot.splitting import split_html
from dossier.calendar_file import calendar_file, calendar_filename
from states.engine import Engine
from states.events import (Button, CalendarInvite, Choice, Command, DocumentRequest, Event, Outcome, Reply, Sender,
                           Text, Unsupported)

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
                          ("document", message.document)):
        if present:
            return kind
    return "other"


async def send_text(bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """A message in as many parts as Telegram's length limit needs; the buttons go on the last."""
    chunks = split_html(text)
    for number, chunk in enumerate(chunks, start=1):
        await bot.send_message(chat_id, chunk, parse_mode=ParseMode.HTML,
                               reply_markup=markup if number == len(chunks) else None)


class Handlers:
    def __init__(self, engine: Engine, renderer: Renderer, rendering: ThreadRendering | ProcessRendering) -> None:
        self.engine = engine
        self.renderer = renderer
        self.rendering = rendering  # documents and charts: matplotlib and WeasyPrint stay out of this process

    async def command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        word = update.effective_message.text.split(maxsplit=1)[0]
        name = word[1:].split("@", 1)[0].lower()
        await self._run(update, context, Command(_sender(update), name, update_id=update.update_id))

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._run(update, context, Text(_sender(update), update.effective_message.text,
                                              update_id=update.update_id))

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._run(update, context, Choice(_sender(update), update.callback_query.data or "",
                                                update_id=update.update_id))

    async def other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._run(update, context, Unsupported(_sender(update), _attachment_kind(update.effective_message),
                                                     update_id=update.update_id))

    async def _run(self, update: Update, context: ContextTypes.DEFAULT_TYPE, event: Event) -> None:
        # The engine's unit of work is synchronous and commits before returning: one thread hop.
        outcome = await asyncio.to_thread(self.engine.handle, event)
        if not outcome.replies and outcome.notice is None:
            return  # already processed (delivered twice, or by another instance): its answer went with it
        await self._deliver(update, context, outcome)

    async def _deliver(self, update: Update, context: ContextTypes.DEFAULT_TYPE, outcome: Outcome) -> None:
        query = update.callback_query
        if query is not None:
            await query.answer(outcome.notice)
        chat_id = update.effective_user.id  # private chats only: the chat is the user
        for reply in outcome.replies:
            text = self.renderer.html(reply)
            markup = keyboard(reply.buttons)
            if reply.image is not None:
                await self._send_image(context, chat_id, reply.image, text, markup)
                continue
            if reply.documents is not None:
                await context.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)
                await self._send_documents(context, chat_id, reply.documents)
                continue
            if reply.edit and query is not None and query.message is not None and len(text) <= 4096:
                await self._edit(query.message, text, markup)
                continue
            await send_text(context.bot, chat_id, text, markup)
            if reply.calendar is not None:
                await self._send_calendar(context, chat_id, reply.calendar)

    async def _send_calendar(self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, invite: CalendarInvite) -> None:
        content = calendar_file(invite, self.engine.planner.zone, self.engine.clock())
        await context.bot.send_document(chat_id, content, filename=calendar_filename(invite), caption=invite.caption)

    async def _send_image(self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, image: tuple, caption: str,
                          markup: InlineKeyboardMarkup | None) -> None:
        await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
        png = await self.rendering.draw(*image)
        await context.bot.send_photo(chat_id, png, caption=caption[:1024], parse_mode=ParseMode.HTML,
                                     reply_markup=markup)

    async def _send_documents(self, context: ContextTypes.DEFAULT_TYPE, chat_id: int,
                              request: DocumentRequest) -> None:
        await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
        files = await self.rendering.make(request.project_id, request.draft)
        for file in files:
            await context.bot.send_document(chat_id, file.content, filename=file.filename, caption=file.caption)

    @staticmethod
    async def _edit(message, text: str, markup: InlineKeyboardMarkup | None) -> None:
        try:
            await message.edit_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
        except BadRequest as error:
            # Pressing the same toggle twice quickly asks for an identical edit: nothing to do.
            if "not modified" not in str(error).lower():
                raise

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
