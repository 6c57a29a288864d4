"""Users silent for months: who is to be warned that their data will be erased, and who is to be erased now."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select, update

from store.models import User, as_utc

USER = User.__table__


def to_warn(connection: Connection, silent_since: datetime) -> list[tuple[int, datetime]]:
    """Users not seen since `silent_since` and not warned yet, with when they were last seen (UTC)."""
    return [(row.id, as_utc(row.last_seen_at)) for row in connection.execute(
        select(USER.c.id, USER.c.last_seen_at)
        .where(USER.c.last_seen_at <= silent_since, USER.c.inactivity_warned_at.is_(None))
        .order_by(USER.c.id))]


def mark_warned(connection: Connection, user_id: int, now: datetime) -> None:
    connection.execute(update(USER).where(USER.c.id == user_id).values(inactivity_warned_at=now))


def to_erase(connection: Connection, silent_since: datetime, warned_before: datetime) -> list[int]:
    """Users not seen since `silent_since` who were warned before `warned_before` and have not come back."""
    return list(connection.execute(
        select(USER.c.id).where(USER.c.last_seen_at <= silent_since, USER.c.inactivity_warned_at <= warned_before)
        .order_by(USER.c.id)).scalars())

