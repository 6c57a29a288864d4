"""The webhook: Telegram's POSTs are checked on their headers, read up to a limit, stored, then answered 200.

python-telegram-bot's own webhook server reads a body of up to 100 MB before it looks at the secret token, and
answers 500 to a body that is not JSON. This server checks the secret and the announced size before it reads a byte
of the body, refuses what is not an update with 400, and hands updates to the application's queue (our InboxQueue,
which stores them) before answering 200, as python-telegram-bot's handler does. The application's lifecycle around
it is the one of `Application.run_webhook`: initialize, post_init, setWebhook, serve, and on SIGTERM stop, shutdown,
post_shutdown.
"""
from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from http import HTTPStatus

import tornado.web
from tornado.httpserver import HTTPServer
from telegram import Update
from telegram.ext import Application, ExtBot

from bot.config import Settings
from bot.inbox import InboxQueue

log = logging.getLogger(__name__)

# Telegram's updates are a few kilobytes (a message holds at most 4096 characters; files come as ids, not bytes).
# A larger body is not from Telegram, and refusing it early bounds what a stranger can make the process hold.
MAX_BODY_BYTES = 1024 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
NO_SECRET_WARNING = ("WEBHOOK_SECRET is not set: the webhook accepts updates from anyone who knows its URL, and "
                     "forged updates cannot be told apart from Telegram's. Set WEBHOOK_SECRET to a random string.")


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    """One POST from Telegram; `prepare` runs on the headers alone, before the body is read."""

    SUPPORTED_METHODS = ("POST",)  # type: ignore[assignment]

    def initialize(self, bot: ExtBot, update_queue: asyncio.Queue, secret: str | None) -> None:
        self.bot = bot
        self.update_queue = update_queue
        self.secret = secret
        self.body = bytearray()

    def prepare(self) -> None:
        if self.secret is not None:
            token = self.request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(token.encode(), self.secret.encode()):
                raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        length = self.request.headers.get("Content-Length", "0")
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            # A chunked body has no length to check here: the server cuts it at MAX_BODY_BYTES while reading.
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        content_type = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            raise tornado.web.HTTPError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE)

    def data_received(self, chunk: bytes) -> None:
        self.body += chunk

    async def post(self) -> None:
        data, update = self._update()
        if update is None:
            log.warning("The webhook refused a body of %d bytes that is not a Telegram update", len(self.body))
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        if isinstance(self.bot, ExtBot):  # as python-telegram-bot's handler does, for arbitrary callback data
            self.bot.insert_callback_data(update)
        if isinstance(self.update_queue, InboxQueue):
            self.update_queue.arrived(data)  # stored as Telegram sent it
        await self.update_queue.put(update)  # stored in the inbox before the 200

    def _update(self) -> tuple[object, Update | None]:
        """The body's JSON and the update it holds (None when it holds none)."""
        try:
            data = json.loads(self.body)
            update = Update.de_json(data, self.bot) if isinstance(data, dict) else None
        except Exception:  # the body is a stranger's input: whatever fails to parse is not an update
            return None, None
        if update is None or type(update.update_id) is not int:
            return data, None
        return data, update

    def on_finish(self) -> None:
        self.body = bytearray()

    def on_connection_close(self) -> None:
        # A body cut at the limit ends here. Tornado's handlers sit in reference cycles: without this, the
        # megabyte read would wait for a full garbage collection, and a few such requests add up.
        self.body = bytearray()
        super().on_connection_close()

    def set_default_headers(self) -> None:
        self.set_header("Content-Type", 'application/json; charset="utf-8"')


def webhook_server(application: Application, path: str, secret: str | None) -> HTTPServer:
    """The HTTP server of the webhook at `path`; it is not listening yet."""
    routes = [(rf"/{path.strip('/')}/?", UpdateHandler,
               {"bot": application.bot, "update_queue": application.update_queue, "secret": secret})]
    # No access log line per update; refusals are logged by the handler.
    app = tornado.web.Application(routes, log_function=lambda handler: None)
    return HTTPServer(app, max_body_size=MAX_BODY_BYTES)


def run_webhook(application: Application, settings: Settings, path: str, allowed_updates: list[str]) -> None:
    """Serve Telegram's webhook until SIGINT or SIGTERM."""
    if not settings.webhook_secret:
        log.warning(NO_SECRET_WARNING)
    asyncio.run(_serve(application, settings, path, allowed_updates))


async def _serve(application: Application, settings: Settings, path: str, allowed_updates: list[str]) -> None:
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGABRT):
        with contextlib.suppress(NotImplementedError):  # Windows: Ctrl+C raises KeyboardInterrupt instead
            loop.add_signal_handler(signum, stopping.set)
    try:
        async with application:  # initialize, and shutdown however this block ends
            if application.post_init:
                await application.post_init(application)
            await application.bot.set_webhook(url=settings.webhook_url, allowed_updates=allowed_updates,
                                              secret_token=settings.webhook_secret)
            server = webhook_server(application, path, settings.webhook_secret)
            server.listen(settings.webhook_port, address=settings.webhook_listen)
            try:
                await application.start()
                await stopping.wait()
            finally:
                server.stop()
                await server.close_all_connections()
                if application.running:
                    await application.stop()
                    if application.post_stop:
                        await application.post_stop(application)
    finally:
        if application.post_shutdown:
            await application.post_shutdown(application)
