"""What goes into the engine (events) and what comes out (replies): plain data, no Telegram."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
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
class Replied:
    """The earlier message a text was sent as a reply to (swiped in the app)."""

    message_id: int
    own: bool  # one of the user's messages; else the bot's
    text: str  # as the app shows it, markup removed
    project: str | None = None  # the project a message of the bot names at its top, to a user with several


@dataclass(frozen=True)
class Text(Event):
    text: str
    # When Telegram says the message was sent, and its id; None from front ends without them (the terminal).
    sent_at: datetime | None = field(default=None, kw_only=True)
    message_id: int | None = field(default=None, kw_only=True)
    replying_to: Replied | None = field(default=None, kw_only=True)
    # A contact card shared from the phone: `text` is its name, this its phone number (which no question asks).
    card: str | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class Edited(Event):
    """A text message the user changed once sent: its new text."""

    text: str
    message_id: int


@dataclass(frozen=True)
class Choice(Event):
    """A button press; `data` is the button's opaque payload, untrusted."""

    data: str
    # The message the button is on; None from front ends without messages (the terminal).
    message_id: int | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class Command(Event):
    name: str
    # What follows the command's name: "/start <token>" from an invitation link.
    arg: str | None = None


@dataclass(frozen=True)
class Unsupported(Event):
    """A sticker, photo, voice note, file… where the bot expects text or a button."""

    what: str


EDITED = "edited"  # the "unsupported" reply's `what` for an edit the bot does not take (an Edited event)
CARD = "contact"  # its `what` for a contact card where no question asks for a person


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
class CalendarInvite:
    """The steering committee as a calendar event; the front end turns it into an .ics file."""

    uid: str           # the same for one committee whatever its date; a new one after it is held
    sequence: int      # grows with each change of date, so calendars replace the event
    day: date
    minutes: tuple[int, int] | None  # start and end, minutes after local midnight; None: all day
    summary: str
    description: str
    alarm: str
    alarms_minutes_before: tuple[int, ...]
    project: str
    caption: str
    zone: str = ""     # the project's clock ("America/Cayenne"), its times' zone; "": the bot's
    location: str = ""  # where it meets, as typed: "Salle du conseil de la CC"; "": not said


@dataclass(frozen=True)
class Attachment:
    """A text file sent with a reply (a CSV export)."""

    filename: str
    content: str
    caption: str


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
    calendar: CalendarInvite | None = None
    file: Attachment | None = None
    personal_data: int | None = None  # the user whose data files (/mes_donnees) follow this text
    # Holds a secret (an invitation link): the stored copy of the message goes once it is sent.
    secret: bool = False


@dataclass(frozen=True)
class Outcome:
    """Everything one event produces; `notice` answers a button press as a short toast."""

    replies: list[Reply] = field(default_factory=list)
    notice: str | None = None
    # The project the replies are about, named at the top of each when the user has several; None: no need.
    project: str | None = None
    # The user was erased: what is sent to their chat must leave no row behind once sent.
    forget_chat: bool = False
    # Messages to other users' chats (a private chat's id is its user's), e.g. a team told its project is deleted.
    others: list[tuple[int, Reply]] = field(default_factory=list)
