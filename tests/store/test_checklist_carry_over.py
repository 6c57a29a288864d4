"""Migration 0006 carries the hand ticks of the dropped duplicate checklist item over to the item kept."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import BigInteger, Boolean, DateTime, bindparam, text

from store import migrate
from tests.store.test_answer_carry_over import OldGuide
from tests.store.test_migrations import HEAD

USER = 7_000_000_001
DROPPED, KEPT = "part_todo_rencontres", "diag_rencontres_bilaterales"
TICKED_ON = datetime(2027, 3, 15, 9, 30, tzinfo=timezone.utc)
LATER = datetime(2027, 4, 2, 16, 0, tzinfo=timezone.utc)

_ADD_MARK = text("INSERT INTO checklist_mark (project_id, item_id, done, user_id, created_at, is_current) "
                 "VALUES (:project, :item, :done, :user, :at, :current)"
                 ).bindparams(bindparam("done", type_=Boolean), bindparam("user", type_=BigInteger),
                              bindparam("at", type_=DateTime(timezone=True)), bindparam("current", type_=Boolean))
_MARKS = text("SELECT id, project_id, item_id, done, user_id, created_at, is_current FROM checklist_mark "
              "ORDER BY id").columns(created_at=DateTime(timezone=True))
_CURRENT = text("SELECT project_id, item_id, done, user_id, created_at FROM checklist_mark WHERE is_current "
                "ORDER BY project_id, item_id").columns(created_at=DateTime(timezone=True))


def utc(instant: datetime) -> datetime:
    return instant.replace(tzinfo=timezone.utc) if instant.tzinfo is None else instant.astimezone(timezone.utc)


def add_mark(connection, project: int, item: str, done: bool, at: datetime, current: bool = True) -> None:
    connection.execute(_ADD_MARK, {"project": project, "item": item, "done": done, "user": USER, "at": at,
                                   "current": current})


def current_marks(engine) -> list[tuple]:
    with engine.connect() as connection:
        return [(p, item, done, user, utc(at)) for p, item, done, user, at in connection.execute(_CURRENT)]


def test_a_tick_on_the_dropped_item_becomes_the_kept_items(database_url, engine):
    migrate.upgrade(database_url, "0005")
    with engine.begin() as connection:
        old = OldGuide(connection)
        old.user(USER, "Camille")
        ticked, own_mark, unticked, other = (old.project(name) for name in ("A", "B", "C", "D"))
        add_mark(connection, ticked, DROPPED, True, TICKED_ON)
        add_mark(connection, own_mark, DROPPED, True, TICKED_ON)
        add_mark(connection, own_mark, KEPT, False, LATER)               # its own mark wins
        add_mark(connection, unticked, DROPPED, True, TICKED_ON, current=False)
        add_mark(connection, unticked, DROPPED, False, LATER)             # unticked since: nothing to carry
        add_mark(connection, other, "diag_visiter_maisons", True, LATER)
    with engine.connect() as connection:
        before = connection.execute(_MARKS).all()

    migrate.upgrade(database_url)

    assert migrate.current(database_url) == HEAD
    assert current_marks(engine) == sorted([
        (ticked, DROPPED, True, USER, TICKED_ON), (ticked, KEPT, True, USER, TICKED_ON),   # its time kept
        (own_mark, DROPPED, True, USER, TICKED_ON), (own_mark, KEPT, False, USER, LATER),
        (unticked, DROPPED, False, USER, LATER), (other, "diag_visiter_maisons", True, USER, LATER)])
    with engine.connect() as connection:
        after = connection.execute(_MARKS).all()
    assert after[:len(before)] == before and len(after) == len(before) + 1   # append-only


def test_down_and_up_again_changes_nothing(database_url, engine):
    migrate.upgrade(database_url, "0005")
    with engine.begin() as connection:
        old = OldGuide(connection)
        old.user(USER, "Camille")
        add_mark(connection, old.project("A"), DROPPED, True, TICKED_ON)
    migrate.upgrade(database_url)
    with engine.connect() as connection:
        first = connection.execute(_MARKS).all()

    migrate.downgrade(database_url, "0005")
    assert migrate.current(database_url) == "0005"
    with engine.connect() as connection:
        assert connection.execute(_MARKS).all() == first   # the carried tick stays, as history
    migrate.upgrade(database_url)

    assert migrate.current(database_url) == HEAD
    with engine.connect() as connection:
        assert connection.execute(_MARKS).all() == first
