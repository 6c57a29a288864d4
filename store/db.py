"""Database engines: SQLite (WAL, immediate write transactions) or PostgreSQL (psycopg 3)."""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

SQLITE_BUSY_TIMEOUT_MS = 10_000
# A host that drops packets would otherwise hold a connection attempt for the system's TCP timeout (minutes).
POSTGRES_CONNECT_TIMEOUT_SECONDS = 10
CHECKPOINT_SECONDS = 1.0
# A new SQLite file's page size. A commit writes each page it changed to the WAL with a checksum over the page, and
# an answer changes about a dozen pages of rows far shorter than a page: at 1 KB a commit costs a third less than at
# SQLite's default 4 KB (bench/updates.py). A file made before keeps its pages.
SQLITE_PAGE_SIZE = 1024

log = logging.getLogger(__name__)


def normalise_url(url: str) -> str:
    """Give a database URL the driver this project uses (pysqlite or psycopg 3)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend == "sqlite":
        parsed = parsed.set(drivername="sqlite")
    else:
        raise ValueError(url)
    return parsed.render_as_string(hide_password=False)


def sqlite_file(url: str) -> Path | None:
    """The SQLite database's file; None for PostgreSQL and for an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str, background_checkpoints: bool = False) -> Engine:
    """`background_checkpoints`: SQLite's connections leave the WAL to a `Checkpoints` thread (the caller starts
    it) instead of copying it back into the database inside whichever commit crosses 1,000 pages."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True,
                             connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_SECONDS})
    if (path := sqlite_file(url)) is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    _make_sqlite_transactions_immediate(engine, background_checkpoints)
    _keep_writer_connections(engine)
    return engine


def write_transaction(database: Engine) -> AbstractContextManager[Connection]:
    """A transaction for the work done at every update (the engine's unit of work).

    On SQLite it runs on a connection the thread keeps: the process is the database's one writer, and taking a
    connection from the pool and giving it back costs more than the transaction's own BEGIN and COMMIT.
    Elsewhere it is `database.begin()`.
    """
    connection = _kept_connection(database)
    return database.begin() if connection is None else _transaction(connection)


def write_statement(database: Engine) -> AbstractContextManager[Connection]:
    """A connection for one write statement, committed as it runs (the inbox's row).

    On SQLite the statement runs in SQLite's own implicit transaction on the kept connection, without a BEGIN and
    a COMMIT of its own. Elsewhere it is `database.begin()`.
    """
    connection = _kept_connection(database)
    return database.begin() if connection is None else _statement(connection)


def _kept_connection(database: Engine) -> Connection | None:
    """This thread's kept connection to a SQLite database; None for other databases."""
    writers = getattr(database, _WRITERS, None)
    if writers is None:
        return None
    connection = getattr(writers, "connection", None)
    if connection is None or connection.closed:
        connection = writers.connection = database.connect()
        writers.kept.append(connection)
    return connection


@contextmanager
def _statement(connection: Connection) -> Iterator[Connection]:
    try:
        yield connection
        if connection.in_transaction():  # SQLAlchemy ran the statement and began a transaction: it ends here
            connection.commit()
    except BaseException:
        if connection.in_transaction():
            connection.rollback()
        raise


@contextmanager
def _transaction(connection: Connection) -> Iterator[Connection]:
    """BEGIN and COMMIT sent to SQLite directly: through SQLAlchemy they cost more than the statements between.

    A statement run through SQLAlchemy meanwhile starts its transaction object on top of this one (`_on_begin`
    sends no second BEGIN); committing or rolling back goes through that object then, so both end together.
    """
    driver = connection.connection.driver_connection
    driver.execute("BEGIN IMMEDIATE")
    try:
        yield connection
        if connection.in_transaction():
            connection.commit()
        else:
            driver.commit()
    except BaseException:
        if connection.in_transaction():
            connection.rollback()
        elif driver.in_transaction:
            driver.rollback()
        raise


_WRITERS = "guide_writer_connections"


class _Writers(threading.local):
    def __init__(self, kept: list[Connection]) -> None:
        self.kept = kept  # every thread's, shared: closed when the engine is disposed
        self.connection: Connection | None = None


def _keep_writer_connections(engine: Engine) -> None:
    kept: list[Connection] = []
    setattr(engine, _WRITERS, _Writers(kept))

    @event.listens_for(engine, "engine_disposed")
    def _close_kept(_engine):
        while kept:
            kept.pop().close()


class Checkpoints:
    """Copies SQLite's write-ahead log back into the database every second, off the event loop.

    A checkpoint inside a commit makes that answer wait several milliseconds; a passive one here waits for
    no reader or writer and takes no write lock, so the bot's transactions go on meanwhile.
    """

    def __init__(self, engine: Engine, interval: float = CHECKPOINT_SECONDS) -> None:
        self.engine = engine
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpoints", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        connection = self.engine.raw_connection()  # outside any transaction: the connections run in autocommit
        try:
            while not self._stop.wait(self.interval):
                try:
                    connection.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except Exception:
                    log.warning("SQLite checkpoint failed; tried again in %s s", self.interval, exc_info=True)
        finally:
            connection.close()

    def close(self) -> None:
        """Stop after one last checkpoint."""
        self._stop.set()
        self._thread.join()
        connection = self.engine.raw_connection()
        try:
            connection.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            connection.close()


def _make_sqlite_transactions_immediate(engine: Engine, background_checkpoints: bool) -> None:
    # pysqlite defers BEGIN until the first write, which lets two writers deadlock into
    # "database is locked"; taking the write lock at BEGIN makes the busy timeout apply.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA page_size={SQLITE_PAGE_SIZE}")  # before WAL: a WAL file's page size is fixed
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        if background_checkpoints:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        driver = connection.connection.driver_connection
        if not driver.in_transaction:  # already begun by `write_transaction`
            driver.execute("BEGIN IMMEDIATE")  # directly: SQLAlchemy would double its cost
