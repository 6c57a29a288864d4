"""Alembic migrations run from code: no alembic.ini, the same engine set-up as the application.

Alembic is imported only when a database is behind: with Mako and Pygments it weighs about 16 MiB in the bot's
memory, for a schema that is at its newest revision at almost every start.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from store.db import make_engine, normalise_url

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision of migrations/versions: a test holds it equal to Alembic's head.
HEAD = "0016"


def alembic_config(url: str) -> Config:
    """An Alembic config for this project's migrations against the database at url."""
    # No ini file: env.py then has no config_file_name and leaves the app's logging alone.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    # Option values go through configparser interpolation, where a bare % (as in a
    # percent-encoded password) would be taken for a reference.
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


# Any constant of this application's own: the advisory lock that one migration at a time holds on PostgreSQL.
MIGRATION_LOCK = 0x4D534150  # "MSAP"


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at url up to revision.

    Instances started together migrate one after the other: the first upgrades, the others find the schema at
    head. The whole upgrade is one transaction that holds the database first: PostgreSQL's advisory lock, or
    SQLite's write lock, which BEGIN IMMEDIATE takes before Alembic reads the current revision.
    """
    engine = make_engine(url)
    try:
        if revision == "head":
            with engine.connect() as connection:
                if _revision(connection) == HEAD:
                    return
        from alembic import command

        config = alembic_config(url)
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def _revision(connection: Connection) -> str | None:
    """The revision Alembic wrote in the database; None when it has none (never migrated, or not readable)."""
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:  # no such table: Alembic, migrating, says why if the database itself is the problem
        connection.rollback()
        return None


def downgrade(url: str, revision: str) -> None:
    """Migrate the database at url down to revision ("base" empties it)."""
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def current(url: str) -> str | None:
    """The revision the database at url is at, None when it was never migrated."""
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
