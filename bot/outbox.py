"""The outbox, Telegram side: replies rendered into rows in the engine's transaction, and the sender of those rows.

A reply becomes one row per Telegram message (a long text one per part), so a crash between sending a message
and marking it sent repeats that message only. Rows go out oldest first per chat, one chat sender at a time
whichever instance it runs in (store.outbox). A document request is a row: interrupted, it is made again.
"""
from __future__ import annotations

import asyncio
import logging
import os
import socket
import warnings
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection
from telegram import Bot
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import ContextTypes
from telegram.warnings import PTBUserWarning

from bot.calls import DatabaseCalls
from bot.render import TELEGRAM_LIMIT, Renderer
from bot.rendering import ProcessRendering, ThreadRendering
from bot.splitting import split_html
from dossier.calendar_file import calendar_file, calendar_filename
from states.events import Button, Outcome, Reply
from store.outbox import Outbox, Outgoing, write

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=30)  # a message is held this long by the sender that claimed it
MARK_DELAY = 0.2  # seconds a sent reply's mark waits for a transaction to carry it
DOCUMENT_LEASE = timedelta(minutes=10)  # documents take longer to make
RETRY = timedelta(seconds=5)
MAX_ATTEMPTS = 5
INTERVAL_SECONDS = 2  # how often the periodic pass looks for messages left behind


def instance_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _rows(buttons: list[list[Button]]) -> list[list[dict[str, str]]] | None:
    return [[{"label": b.label, "data": b.data} for b in row] for row in buttons] or None


def _markup(rows: list[list[dict[str, str]]] | None) -> dict[str, Any]:
    """The keyboard as the Bot API's JSON, passed through `api_kwargs`.

    python-telegram-bot's InlineKeyboardMarkup objects cost about 10 µs a button to build and serialise, a
    recap's fifteen buttons more than the rest of sending it; the JSON sent is the same.
    """
    if not rows:
        return {}
    return {"reply_markup": {"inline_keyboard": [[{"text": b["label"], "callback_data": b["data"]} for b in row]
                                                 for row in rows]}}


class Recording:
    """Writes an outcome's messages in the engine's transaction, claiming the chat's first one there too.

    The same transaction carries the marks of messages sent since the last one (`Outbox.sent_later`), and the
    messages the outcome has for other chats (`others`, sent by `OutboxSender.flush` once it has committed).
    """

    def __init__(self, writer: OutboxWriter, chat_id: int, update_id: int | None,
                 edit_message_id: int | None) -> None:
        self.writer = writer
        self.chat_id = chat_id
        self.update_id = update_id
        self.edit_message_id = edit_message_id
        self.marks: list[int] = []
        self.claimed: Outgoing | None = None  # what the sender starts with, once the transaction has committed
        self.others: list[int] = []  # other chats given a message

    def __call__(self, connection: Connection, outcome: Outcome) -> None:
        outbox = self.writer.outbox
        self.marks = outbox.unmarked()
        outbox.mark_in(connection, self.marks)
        messages = self.writer.messages(outcome, self.edit_message_id)
        if outcome.forget_chat:
            messages = [message | {"forget": True} for message in messages]
        self.claimed = outbox.add_in(connection, self.chat_id, self.update_id, messages, LEASE)
        for chat_id, reply in outcome.others:
            write(connection, chat_id, None, self.writer.messages(Outcome([reply])), outbox.clock())
        self.others = list(dict.fromkeys(chat_id for chat_id, _ in outcome.others))

    def committed(self) -> None:
        """The engine's transaction committed: the marks it carried are written."""
        self.writer.outbox.marked(self.marks)


class OutboxWriter:
    """Turns an outcome into the rows of its messages (plain JSON), written in the engine's transaction."""

    def __init__(self, outbox: Outbox, renderer: Renderer, zone: ZoneInfo, clock: Callable[[], datetime]) -> None:
        self.outbox = outbox
        self.renderer = renderer
        self.zone = zone
        self.clock = clock

    def recorder(self, chat_id: int, update_id: int | None, edit_message_id: int | None) -> Recording:
        return Recording(self, chat_id, update_id, edit_message_id)

    def messages(self, outcome: Outcome, edit_message_id: int | None = None) -> list[dict[str, Any]]:
        """`edit_message_id`: the message whose button was pressed, which a reply may replace."""
        messages: list[dict[str, Any]] = []
        for reply in outcome.replies:
            made = self._reply(reply, outcome.project, edit_message_id)
            # A secret (an invitation link) is not kept once sent.
            messages += [message | {"forget": True} for message in made] if reply.secret else made
        return messages

    def _reply(self, reply: Reply, project: str | None, edit_message_id: int | None) -> list[dict[str, Any]]:
        text, rows = self.renderer.html(reply, project), _rows(reply.buttons)
        if reply.image is not None:
            name, data = reply.image
            return [{"kind": "image", "caption": text, "keyboard": rows, "image": name, "data": data}]
        files = _files_to_make(reply)
        if files is not None:
            return [{"kind": "text", "html": text, "keyboard": rows}, files]
        if reply.edit and edit_message_id is not None and len(text) <= TELEGRAM_LIMIT:
            return [{"kind": "edit", "message_id": edit_message_id, "html": text, "keyboard": rows}]
        chunks = split_html(text)
        messages = [{"kind": "text", "html": chunk, "keyboard": rows if number == len(chunks) else None}
                    for number, chunk in enumerate(chunks, start=1)]
        if reply.file is not None:
            messages.append({"kind": "file", "filename": reply.file.filename, "caption": reply.file.caption,
                             "content": reply.file.content})
        if reply.calendar is not None:
            invite = reply.calendar
            messages.append({"kind": "calendar", "filename": calendar_filename(invite), "caption": invite.caption,
                             "ics": calendar_file(invite, self.zone, self.clock()).decode()})
        return messages


class OutboxSender:
    def __init__(self, outbox: Outbox, rendering: ThreadRendering | ProcessRendering, calls: DatabaseCalls,
                 single_instance: bool) -> None:
        """`single_instance`: no other process sends this database's messages (SQLite), so a sent reply's mark
        can wait for the next transaction; with other instances it is written at once, or another instance
        taking the chat's next update would find the chat held until the lease ends."""
        self.outbox = outbox
        self.rendering = rendering
        self.calls = calls
        self.defer_marks = single_instance
        self._mark_timer: asyncio.TimerHandle | None = None
        self._marking: asyncio.Future | None = None

    async def flush(self, bot: Bot, chat_id: int, claimed: Outgoing | None = None) -> None:
        """Send the chat's pending messages, oldest first, until none is left or another sender holds the chat.

        `claimed`: the chat's oldest message, already claimed by this sender.
        """
        message = claimed or await self.calls(self.outbox.claim_next, chat_id, LEASE)
        while message is not None:
            try:
                await self._send(bot, message)
            except RetryAfter as error:
                await self.calls(self.outbox.retry_later, message, _seconds(error.retry_after), str(error))
                return
            except (Forbidden, BadRequest) as error:  # blocked, or a message Telegram will never take
                log.warning("Message %s to chat %s refused: %s", message.id, chat_id, error)
                await self.calls(self.outbox.failed, message, str(error))
                message = await self.calls(self.outbox.claim_next, chat_id, LEASE)
                continue
            except Exception as error:  # network, a document that could not be made: tried again later
                if not isinstance(error, TelegramError):
                    log.exception("Message %s to chat %s failed", message.id, chat_id)
                if message.attempts >= MAX_ATTEMPTS:
                    log.warning("Message %s to chat %s given up: %s", message.id, chat_id, error)
                    await self.calls(self.outbox.failed, message, str(error))
                    message = await self.calls(self.outbox.claim_next, chat_id, LEASE)
                    continue
                await self.calls(self.outbox.retry_later, message, RETRY, str(error))
                return
            if message.payload.get("forget"):
                # To an erased user: once out, nothing of it stays (not even that it was sent).
                message = await self.calls(self.outbox.drop_then_next, message, LEASE)
                continue
            if message.alone and self.defer_marks:
                self.outbox.sent_later(message)
                self._mark_soon()
                return
            message = await self.calls(self.outbox.sent_then_next, message, LEASE)

    def _mark_soon(self) -> None:
        """Marks not carried by a transaction within MARK_DELAY get one of their own."""
        if self._mark_timer is None:
            self._mark_timer = asyncio.get_running_loop().call_later(MARK_DELAY, self._mark_due)

    def _mark_due(self) -> None:
        self._mark_timer = None
        self._marking = asyncio.ensure_future(self._write_marks())

    async def _write_marks(self) -> None:
        try:
            await self.calls(self.outbox.mark_sent)
        except Exception:
            log.exception("Sent messages could not be marked sent; tried again shortly")
            self._mark_soon()

    async def close(self) -> None:
        """Write the marks still waiting: a clean stop sends nothing twice."""
        if self._mark_timer is not None:
            self._mark_timer.cancel()
            self._mark_timer = None
        if self._marking is not None:
            await asyncio.gather(self._marking, return_exceptions=True)
        await self.calls(self.outbox.mark_sent)

    async def job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The JobQueue's periodic callback: messages a crash, a failure or another instance left pending."""
        for chat_id in await self.calls(self.outbox.chats_due):
            await self.flush(context.bot, chat_id)

    async def _send(self, bot: Bot, message: Outgoing) -> None:
        chat_id, payload = message.chat_id, message.payload
        kind, markup = payload["kind"], _markup(payload.get("keyboard"))
        if kind == "text":
            await _call(bot, "sendMessage", {"chat_id": chat_id, "text": payload["html"], **_REPLY_OPTIONS,
                                             **markup})
        elif kind == "edit":
            try:
                await _call(bot, "editMessageText", {"chat_id": chat_id, "message_id": payload["message_id"],
                                                     "text": payload["html"], **_REPLY_OPTIONS, **markup})
            except BadRequest as error:
                # Pressing the same toggle twice quickly asks for an identical edit: nothing to do.
                if "not modified" not in str(error).lower():
                    raise
        elif kind == "image":
            await bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
            png = await self.rendering.draw(payload["image"], payload["data"])
            await bot.send_photo(chat_id, png, caption=payload["caption"][:1024], parse_mode=ParseMode.HTML,
                                 api_kwargs=markup)
        elif kind in ("documents", "personal"):
            await self.calls(self.outbox.extend, message, DOCUMENT_LEASE)
            await bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
            made = (self.rendering.make(payload["project_id"], payload["draft"]) if kind == "documents"
                    else self.rendering.personal(payload["user_id"]))
            for file in await made:
                await bot.send_document(chat_id, file.content, filename=file.filename, caption=file.caption)
        elif kind == "file":
            await bot.send_document(chat_id, payload["content"].encode(), filename=payload["filename"],
                                    caption=payload["caption"])
        elif kind == "calendar":
            await bot.send_document(chat_id, payload["ics"].encode(), filename=payload["filename"],
                                    caption=payload["caption"])
        else:
            raise ValueError(kind)


# What the application's Defaults give the typed methods, for the calls below that go without them.
_REPLY_OPTIONS = {"parse_mode": ParseMode.HTML.value, "link_preview_options": {"is_disabled": True}}


async def _call(bot: Bot, endpoint: str, parameters: dict[str, Any]) -> None:
    """A Bot API call whose answer is not read.

    send_message and edit_message_text parse Telegram's answer into a Message, about 60 µs a reply that
    nothing uses. python-telegram-bot advises its typed methods over do_api_request with a warning, silenced
    for these two endpoints below.
    """
    await bot.do_api_request(endpoint, parameters)


warnings.filterwarnings("ignore", message=r"Please use 'Bot\.(sendMessage|editMessageText)'",
                        category=PTBUserWarning)


def _files_to_make(reply: Reply) -> dict[str, Any] | None:
    """The row of the files a reply announces, made when the row is sent (a crash makes them again)."""
    if reply.documents is not None:
        return {"kind": "documents", "project_id": reply.documents.project_id, "draft": reply.documents.draft}
    if reply.personal_data is not None:
        return {"kind": "personal", "user_id": reply.personal_data}
    return None


def _seconds(value: int | timedelta) -> timedelta:
    return value if isinstance(value, timedelta) else timedelta(seconds=value)
