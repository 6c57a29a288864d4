"""What the network's animator reads across every project: project-level facts only, no member's answers."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from store.models import Project, as_utc

PROJECT = Project.__table__
_PROJECTS = select(PROJECT.c.id, PROJECT.c.name, PROJECT.c.territory, PROJECT.c.state, PROJECT.c.referential,
                   PROJECT.c.updated_at).order_by(PROJECT.c.name, PROJECT.c.id)


@dataclass(frozen=True)
class NetworkProject:
    id: int
    name: str
    territory: str | None
    state: str
    referential: str
    last_activity: datetime  # UTC


def network_projects(connection: Connection) -> list[NetworkProject]:
    """Every project, by name."""
    return [NetworkProject(row.id, row.name, row.territory, row.state, row.referential,
                           as_utc(row.updated_at))
            for row in connection.execute(_PROJECTS)]

