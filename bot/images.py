"""Images a reply asks for, drawn by the dossier layer: the name in the reply picks the drawing."""
from __future__ import annotations

from typing import Any

from dossier.charts import resources_chart

DRAWINGS = {"resources_chart": lambda data: resources_chart(data["items"], data["title"])}


def draw(name: str, data: dict[str, Any]) -> bytes:
    return DRAWINGS[name](data)
