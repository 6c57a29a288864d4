"""What goes into the engine (events) and what comes out (replies): plain data, no Telegram."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Sender:
    user_id: int
    name: str


@dataclass(frozen=True)
class Event:
    sender: Sender
    update_id: int | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class Text(Event):
    text: str


@dataclass(frozen=True)
class Choice(Event):
    """A button press; `data` is the button's opaque payload, untrusted."""

    data: str


@dataclass(frozen=True)
class Command(Event):
    name: str


@dataclass(frozen=True)
class Unsupported(Event):
    """A sticker, photo, voice note, file… where the bot expects text or a button."""

    what: str


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass(frozen=True)
class DocumentRequest:
    """The documents of a project, built and sent by the front end off the event loop."""

    project_id: int
    draft: bool


@dataclass(frozen=True)
class Reply:
    """A message to show: a template of templates/messages, its values, and buttons."""

    template: str
    values: dict[str, Any] = field(default_factory=dict)
    buttons: list[list[Button]] = field(default_factory=list)
    # Replace the message whose button was pressed instead of sending a new one.
    edit: bool = False
    # An image the front end draws off the event loop and sends with this text as caption:
    # (what to draw, its data), e.g. ("resources_chart", {"items": [...], "title": "..."}).
    image: tuple[str, dict[str, Any]] | None = None
    documents: DocumentRequest | None = None


@dataclass(frozen=True)
class Outcome:
    """Everything one event produces; `notice` answers a button press as a short toast."""

    replies: list[Reply] = field(default_factory=list)
    notice: str | None = None
