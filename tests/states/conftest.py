"""A migrated SQLite file for the planning tests."""
from __future__ import annotations

import pytest

from store import migrate
from store.db import make_engine


@pytest.fixture
def database(tmp_path):
    url = f"sqlite:///{tmp_path / 'states.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()
