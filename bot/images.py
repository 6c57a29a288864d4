"""Images a reply asks for, drawn by the dossier layer: the name in the reply picks the drawing.

matplotlib is imported on the first drawing, not with this module: when the bot serves Telegram, drawings are
made in its rendering workers (bot/rendering.py) and the bot process never loads it.
"""
from __future__ import annotations

from typing import Any


def _resources_chart(data: dict[str, Any]) -> bytes:
    from dossier.charts import resources_chart

    return resources_chart(data["items"], data["title"])


DRAWINGS = {"resources_chart": _resources_chart}


def draw(name: str, data: dict[str, Any]) -> bytes:
    return DRAWINGS[name](data)
