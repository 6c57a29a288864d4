"""Store fixtures: an empty database on SQLite always, and on PostgreSQL when TEST_POSTGRES_URL is set."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from store import migrate
from store.db import make_engine

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "")


def _libpq_url(url: str, database: str | None = None) -> str:
    """The URL as libpq takes it: no SQLAlchemy driver suffix, optionally another database."""
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh database on the TEST_POSTGRES_URL server, dropped after the test."""
    name = f"test_store_{uuid.uuid4().hex}"
    admin = _libpq_url(POSTGRES_ADMIN_URL)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _libpq_url(POSTGRES_ADMIN_URL, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            # FORCE ends any session a failed test left open, which would block the drop.
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgres",
            marks=pytest.mark.skipif(not POSTGRES_ADMIN_URL, reason="TEST_POSTGRES_URL is not set"),
        ),
    ]
)
def database_url(request) -> str:
    """An empty database (no tables, not migrated) on each backend."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def engine(database_url) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def database(database_url) -> Iterator[Engine]:
    """An engine on the database, migrated to head."""
    migrate.upgrade(database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()
