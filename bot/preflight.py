"""Start-up checks: what would stop the bot, found before it serves and said in one line.

A database that cannot be reached or written, or a Bot API that cannot be reached, would otherwise surface as a
page of traceback from deep inside SQLAlchemy or python-telegram-bot. Each check raises `StartupProblem` with the
line the operator reads (texts in dialogs/ui.yaml); `python -m bot` prints it and exits non-zero.
"""
from __future__ import annotations

import asyncio
import errno
import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

from bot.config import Settings
from dialogs.ui import Startup
from store.db import make_engine, sqlite_file


class StartupProblem(Exception):
    """The one line that says why the bot cannot start."""


def check_database(url: str, texts: Startup) -> None:
    """The database answers and, for SQLite, its folder and file can be written."""
    if (path := sqlite_file(url)) is not None:
        _check_sqlite_file(path.absolute(), texts)
    engine = make_engine(url)
    try:
        with engine.connect():
            pass
    except DBAPIError as error:
        raise StartupProblem(_database_problem(make_url(url), error, texts)) from None
    finally:
        engine.dispose()


def _check_sqlite_file(path: Path, texts: Startup) -> None:
    # SQLite writes the -wal and -shm files beside the database: the folder must be writable too.
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StartupProblem(texts.data_folder.format(path=folder, reason=error.strerror)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StartupProblem(texts.data_folder.format(path=folder, reason=os.strerror(errno.EACCES)))
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StartupProblem(texts.database_read_only.format(path=path))


def _database_problem(parsed: URL, error: DBAPIError, texts: Startup) -> str:
    message = str(error.orig)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "").absolute()
        if "readonly" in message:
            return texts.database_read_only.format(path=path)
        if "unable to open" in message:
            return texts.data_folder.format(path=path.parent, reason=message)
        return texts.database_unusable.format(target=path, reason=_one_line(message))
    target = parsed.set(drivername=parsed.get_backend_name()).render_as_string(hide_password=True)
    # libpq says "connection to server at ... failed: <why>"; the server's own refusals start with FATAL.
    reason = _one_line(message.rsplit("failed: ", 1)[-1].splitlines()[0]).removeprefix("FATAL:").strip()
    if "authentication failed" in message or "no password supplied" in message:
        return texts.database_login.format(target=target, reason=reason)
    if "FATAL:" in message:
        return texts.database_refused.format(target=target, reason=reason)
    return texts.database_unreachable.format(target=target, reason=reason)


def reach_bot_api(settings: Settings, texts: Startup) -> None:
    """The Bot API answers getMe with this token."""
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError

    async def reach() -> None:
        async with Bot(settings.telegram_bot_token, base_url=settings.telegram_base_url,
                       base_file_url=settings.telegram_base_file_url):
            pass  # entering calls getMe

    try:
        asyncio.run(reach())
    except InvalidToken:
        # The URL is shown without the token, which python-telegram-bot appends to it.
        raise StartupProblem(texts.bot_token_rejected.format(url=settings.telegram_base_url)) from None
    except NetworkError as error:  # TimedOut included
        raise StartupProblem(texts.bot_api_unreachable.format(url=settings.telegram_base_url,
                                                              reason=_one_line(error.message))) from None


def _one_line(text: str) -> str:
    return " ".join(text.split())
