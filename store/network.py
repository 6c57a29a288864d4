"""What the network's animator reads across every project: project-level facts only, no member's answers."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Connection, select

from store.models import Project

PROJECT = Project.__table__
_PROJECTS = select(PROJECT.c.id, PROJECT.c.name, PROJECT.c.territory, PROJECT.c.state,
                   PROJECT.c.updated_at).order_by(PROJECT.c.name, PROJECT.c.id)


@dataclass(frozen=True)
class NetworkProject:
    id: int
    name: str
    territory: str | None
    state: str
    last_activity: datetime  # UTC


def network_projects(connection: Connection) -> list[NetworkProject]:
    """Every project, by name."""
    return [NetworkProject(row.id, row.name, row.territory, row.state, _utc(row.updated_at))
            for row in connection.execute(_PROJECTS)]


def _utc(instant: datetime) -> datetime:
    return instant.replace(tzinfo=timezone.utc) if instant.tzinfo is None else instant.astimezone(timezone.utc)
