"""A fake Bot API behind the real python-telegram-bot stack, and a chat client that reads like a conversation."""
from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

BOT_ID = 999_000
TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                 "tg-spoiler", "span", "blockquote", "tg-emoji"}


class _TelegramHtml(HTMLParser):
    """Parses a message the way Telegram does with parse_mode=HTML, rejecting what it rejects."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag not in TELEGRAM_TAGS:
            self.error = f"Unsupported start tag \"{tag}\""
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.error = f"Unexpected end tag \"{tag}\""

    def handle_data(self, data):
        self.text.append(data)


def parse_telegram_html(markup: str) -> tuple[str | None, str]:
    """(error, visible text) for a message sent with parse_mode HTML."""
    if re.search(r"&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)", markup):
        return "Can't parse entities: unescaped &", ""
    parser = _TelegramHtml()
    parser.feed(markup)
    parser.close()
    if parser.error is None and parser.stack:
        parser.error = f"Can't find end tag corresponding to start tag \"{parser.stack[-1]}\""
    return parser.error, as_seen("".join(parser.text))


def as_seen(text: str) -> str:
    """A message's text as a person reads it: the no-break space that holds « and » to their words reads as a
    space, so that tests quote messages as they look (test_conversation checks the markup keeps it)."""
    return text.replace("«\u00a0", "« ").replace("\u00a0»", " »")


@dataclass
class Sent:
    """A message as the user sees it after a call of the bot."""

    method: str
    chat_id: int
    message_id: int
    text: str  # visible text, tags removed and entities decoded
    markup: str
    buttons: list[list[dict]] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return [button["text"] for row in self.buttons for button in row]


class FakeBotApi(BaseRequest):
    """Answers Bot API calls offline, checks them as Telegram would, and records them."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.messages: dict[int, dict] = {}
        self._message_ids = itertools.count(1)
        self.delay = 0.0  # seconds each call takes, to model a slow network
        self.pending_updates: list[dict] = []  # what the next getUpdates returns (polling)
        self.documents: list[tuple[str, bytes, str]] = []  # (file name, content, caption) sent

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout=None, write_timeout=None, connect_timeout=None,
                         pool_timeout=None) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data is not None else {}
        if request_data is not None and request_data.contains_files:
            for key, (filename, content, _type) in request_data.multipart_data.items():
                params[key], params[f"{key}_filename"] = content, filename
        self.calls.append((name, params))
        if self.delay:
            await asyncio.sleep(self.delay)
        status, result = self.answer(name, params)
        if status != 200:
            # A dict carries Telegram's "parameters" too, e.g. {"description": ..., "parameters": {"retry_after": 2}}.
            error = result if isinstance(result, dict) else {"description": result}
            return status, json.dumps({"ok": False, "error_code": status, **error}).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def answer(self, name: str, params: dict[str, Any]) -> tuple[int, Any]:
        if name == "getMe":
            return 200, {"id": BOT_ID, "is_bot": True, "first_name": "Guide MSAP", "username": "guide_msap_bot",
                         "can_join_groups": False, "can_read_all_group_messages": False,
                         "supports_inline_queries": False}
        if name in ("sendMessage", "editMessageText"):
            return self._message(name, params)
        if name == "sendPhoto":
            return self._photo(params)
        if name == "sendDocument":
            return self._document(params)
        if name in ("answerCallbackQuery", "setMyCommands", "deleteWebhook", "setWebhook", "sendChatAction"):
            return 200, True
        if name == "getUpdates":
            updates, self.pending_updates = self.pending_updates, []
            return 200, updates
        return 400, f"Bad Request: method {name} is not faked"

    def _message(self, name: str, params: dict[str, Any]) -> tuple[int, Any]:
        markup = params["text"]
        error, visible = (parse_telegram_html(markup) if params.get("parse_mode") == "HTML"
                          else (None, markup))
        if error:
            return 400, f"Bad Request: can't parse entities: {error}"
        if not visible.strip():
            return 400, "Bad Request: message text is empty"
        if len(visible) > 4096:
            return 400, "Bad Request: message is too long"
        keyboard = params.get("reply_markup") or {}
        if isinstance(keyboard, str):
            keyboard = json.loads(keyboard)
        rows = keyboard.get("inline_keyboard", [])
        # Telegram's limits on an inline keyboard (core.telegram.org/bots/api does not list them; these are the
        # ones the servers enforce): 100 buttons, 8 a row.
        if sum(map(len, rows)) > 100 or any(len(row) > 8 for row in rows):
            return 400, "Bad Request: reply markup is too long"
        for row in rows:
            for button in row:
                if len(button.get("callback_data", "").encode()) > 64:
                    return 400, "Bad Request: BUTTON_DATA_INVALID"
        if name == "editMessageText":
            message_id = int(params["message_id"])
            old = self.messages[message_id]
            if old["text"] == visible and old.get("reply_markup") == (keyboard or None):
                return 400, "Bad Request: message is not modified"
        else:
            message_id = next(self._message_ids)
        chat_id = int(params["chat_id"])
        message = {"message_id": message_id, "date": int(time.time()), "text": visible, "_markup": markup,
                   "chat": {"id": chat_id, "type": "private"},
                   "from": {"id": BOT_ID, "is_bot": True, "first_name": "Guide MSAP"}}
        if keyboard:
            message["reply_markup"] = keyboard
        self.messages[message_id] = message
        return 200, {k: v for k, v in message.items() if not k.startswith("_")}

    def _photo(self, params: dict[str, Any]) -> tuple[int, Any]:
        caption = params.get("caption", "")
        error, visible = parse_telegram_html(caption) if params.get("parse_mode") == "HTML" else (None, caption)
        if error or len(visible) > 1024:
            return 400, f"Bad Request: can't parse caption: {error or 'too long'}"
        photo = params.get("photo")
        if not isinstance(photo, (bytes, bytearray)) or not photo.startswith(b"\x89PNG"):
            return 400, "Bad Request: photo is not a PNG upload"
        message_id = next(self._message_ids)
        message = {"message_id": message_id, "date": int(time.time()), "caption": visible, "_markup": caption,
                   "_photo": bytes(photo), "text": visible, "chat": {"id": int(params["chat_id"]), "type": "private"},
                   "from": {"id": BOT_ID, "is_bot": True, "first_name": "Guide MSAP"},
                   "photo": [{"file_id": f"p{message_id}", "file_unique_id": f"p{message_id}", "width": 900,
                              "height": 400}]}
        self.messages[message_id] = message
        return 200, {k: v for k, v in message.items() if not k.startswith("_") and k != "text"}

    def _document(self, params: dict[str, Any]) -> tuple[int, Any]:
        content, filename = params.get("document"), params.get("document_filename", "")
        if not isinstance(content, (bytes, bytearray)) or not filename:
            return 400, "Bad Request: document is not an upload"
        message_id = next(self._message_ids)
        message = {"message_id": message_id, "date": int(time.time()), "caption": params.get("caption", ""),
                   "chat": {"id": int(params["chat_id"]), "type": "private"},
                   "from": {"id": BOT_ID, "is_bot": True, "first_name": "Guide MSAP"},
                   "document": {"file_id": f"d{message_id}", "file_unique_id": f"d{message_id}",
                                "file_name": filename}}
        self.documents.append((filename, bytes(content), params.get("caption", "")))
        return 200, message

    def photos(self) -> list[bytes]:
        return [m["_photo"] for m in self.messages.values() if "_photo" in m]

    def sent(self, since: int = 0) -> list[Sent]:
        """The messages sent or edited by the calls after position `since`."""
        result = []
        for name, params in self.calls[since:]:
            if name not in ("sendMessage", "editMessageText"):
                continue
            chat_id = int(params["chat_id"])
            message = next((m for m in reversed(self.messages.values())
                            if m["chat"]["id"] == chat_id and m["_markup"] == params["text"]), None)
            if message is None:
                continue
            result.append(Sent(name, chat_id, message["message_id"], message["text"], message["_markup"],
                               message.get("reply_markup", {}).get("inline_keyboard", [])))
        return result

    def toasts(self, since: int = 0) -> list[str | None]:
        return [params.get("text") for name, params in self.calls[since:] if name == "answerCallbackQuery"]


# The rules a project follows, chosen once its territory is given (the buttons' labels, dialogs/referentials/).
MSAP_RULES = "Maison de services au public (fiche 2016)"
FRANCE_SERVICES_RULES = "France services (règles en vigueur)"

_update_ids = itertools.count(1)


class ChatClient:
    """One Telegram user talking to the bot in a private chat."""

    def __init__(self, application: Application, api: FakeBotApi, user_id: int = 1001,
                 first_name: str = "Marie", last_name: str = "Dupont") -> None:
        self.application = application
        self.api = api
        self.user = {"id": user_id, "is_bot": False, "first_name": first_name, "last_name": last_name,
                     "language_code": "fr"}
        self.chat = {"id": user_id, "type": "private", "first_name": first_name}
        self._message_ids = itertools.count(100_000)
        self.last_update: dict | None = None

    @property
    def user_id(self) -> int:
        return self.user["id"]

    async def start_project(self, name: str = "MSAP des Causses", territory: str = "Larzac",
                            rules: str = MSAP_RULES) -> list[Sent]:
        """A newcomer's project: /start, its name, its territory, then the rules' button; the tap's replies."""
        for text in ("/start", name, territory):
            await self.send(text)
        return await self.click(rules)

    def message_update(self, text: str | None = None, **extra) -> dict:
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": self.chat,
                   "from": self.user, **extra}
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return {"update_id": next(_update_ids), "message": message}

    def edit_update(self, sent: dict, text: str) -> dict:
        """The user changes the text of a message they sent (`sent`, a message update), some seconds later."""
        message = {**sent["message"], "text": text, "edit_date": sent["message"]["date"] + 30}
        return {"update_id": next(_update_ids), "edited_message": message}

    def reply_update(self, to: Sent | dict, text: str) -> dict:
        """A text sent as a reply to an earlier message (swiped in the app): the bot's (`Sent`), as it stands now,
        or one of the user's (its message update)."""
        original = to["message"] if isinstance(to, dict) else self.api.messages[to.message_id]
        return self.message_update(text, reply_to_message={k: v for k, v in original.items() if not k.startswith("_")})

    def button_update(self, label: str) -> dict:
        """Press the button labelled `label` (or containing it) on the newest message that has it."""
        for message in reversed(list(self.api.messages.values())):
            if message["chat"]["id"] != self.chat["id"]:
                continue
            for row in message.get("reply_markup", {}).get("inline_keyboard", []):
                for button in row:
                    if button["text"] == label or label in button["text"]:
                        return self.press_update(message, button["callback_data"])
        raise AssertionError(f"no button {label!r} in the chat")

    def press_update(self, message: dict, data: str) -> dict:
        public = {k: v for k, v in message.items() if not k.startswith("_")}
        return {"update_id": next(_update_ids),
                "callback_query": {"id": str(next(_update_ids)), "from": self.user, "chat_instance": "c1",
                                   "data": data, "message": public}}

    async def deliver(self, update: dict) -> list[Sent]:
        self.last_update = update
        since = len(self.api.calls)
        await self.application.process_update(Update.de_json(update, self.application.bot))
        return self.api.sent(since)

    async def send(self, text: str) -> list[Sent]:
        return await self.deliver(self.message_update(text))

    async def reply(self, to: Sent | dict, text: str) -> list[Sent]:
        return await self.deliver(self.reply_update(to, text))

    async def click(self, label: str) -> list[Sent]:
        return await self.deliver(self.button_update(label))

    async def send_other(self, **payload) -> list[Sent]:
        return await self.deliver(self.message_update(None, **payload))

    def last(self) -> Sent:
        """The newest message of the bot in this chat, as it stands now (edits included)."""
        message = max((m for m in self.api.messages.values() if m["chat"]["id"] == self.chat["id"]),
                      key=lambda m: m["message_id"])
        return Sent("current", self.chat["id"], message["message_id"], message["text"], message["_markup"],
                    message.get("reply_markup", {}).get("inline_keyboard", []))


def visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))
