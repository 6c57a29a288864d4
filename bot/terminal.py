"""The same conversation in a terminal: numbered choices stand in for buttons."""
from __future__ import annotations

import getpass
from pathlib import Path
from collections.abc import Callable

from bot.images import draw
from bot.render import Renderer, make_environment, to_plain_text
from dossier.calendar_file import calendar_file, calendar_filename
from dossier.files import DocumentMaker
from dialogs.model import TYPED_KINDS
from dialogs.ui import UiTexts
from states.engine import Engine
from states.events import Button, Choice, Command, Event, Outcome, Sender, Text
from states.reminder_queue import ReminderQueue

TERMINAL_USER_ID = 0  # Telegram ids start at 1, so the terminal user never meets a Telegram one
TYPED = {kind.value for kind in TYPED_KINDS}


class TerminalChat:
    def __init__(self, engine: Engine, ui: UiTexts, files_dir: Path,
                 read: Callable[[str], str] | None = None, write: Callable[[str], None] | None = None,
                 documents: DocumentMaker | None = None, reminders: ReminderQueue | None = None) -> None:
        self.engine = engine
        self.files_dir = files_dir
        self.reminders = reminders
        self.renderer = Renderer(make_environment(front_end="terminal"))
        self.ui = ui
        self.documents = documents
        self.read = read or input
        self.write = write or print
        self.sender = Sender(TERMINAL_USER_ID, getpass.getuser())
        self.buttons: list[Button] = []
        # Where the answer itself may be a number, buttons are pressed with "#1" so "3" stays an answer.
        self.hash_keys = False

    def run(self) -> None:
        self.write(self.ui.terminal.hint)
        self.show(self.engine.handle(Command(self.sender, "start")))
        while True:
            self.show_reminders()
            try:
                line = self.read("> ").strip()
            except (EOFError, KeyboardInterrupt):
                self.write("\n" + self.ui.terminal.bye)
                return
            if line:
                self.show(self.engine.handle(self.event(line)))

    def event(self, line: str) -> Event:
        if line.startswith("/") and len(line) > 1:
            return Command(self.sender, line[1:].split()[0].lower())
        key = line[1:] if line.startswith("#") else None if self.hash_keys else line
        if key is not None and key.isdigit() and 1 <= int(key) <= len(self.buttons):
            return Choice(self.sender, self.buttons[int(key) - 1].data)
        return Text(self.sender, line)

    def show_reminders(self) -> None:
        """Reminders that fell due are shown before the next prompt: the terminal has no push."""
        if self.reminders is None:
            return
        for delivery in self.reminders.claim(self.sender.user_id).deliveries:
            self.show(Outcome([delivery.reply]))
            self.reminders.sent(delivery)

    def save(self, filename: str, content: bytes, caption: str = "") -> None:
        """Files are written to `files_dir`, and their path is shown: the terminal has no attachments."""
        path = self.files_dir / filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        self.write(f"📎 {path.resolve()}" + (f"  ({caption})" if caption else ""))

    def show(self, outcome: Outcome) -> None:
        if outcome.notice:
            self.write(f"ℹ️  {outcome.notice}")
        # As in Telegram, every message of the outcome keeps its buttons: numbered on from one to the next (a
        # long recap's ✏️ 41 is [41] under its second message).
        shown: list[Button] = []
        for reply in outcome.replies:
            self.write(to_plain_text(self.renderer.html(reply, outcome.project)))
            if reply.image is not None:
                self.save(f"{reply.image[0]}.png", draw(*reply.image))
            if reply.personal_data is not None and self.documents is not None:
                for file in self.documents.personal(reply.personal_data):
                    self.save(file.filename, file.content, file.caption)
            if reply.file is not None:
                self.save(reply.file.filename, reply.file.content.encode(), reply.file.caption)
            if reply.calendar is not None:
                self.save(calendar_filename(reply.calendar), calendar_file(reply.calendar, self.engine.planner.zone,
                                                                           self.engine.clock()),
                          reply.calendar.caption)
            if reply.documents is not None and self.documents is not None:
                for file in self.documents.make(reply.documents.project_id, reply.documents.draft):
                    self.save(file.filename, file.content, file.caption)
            if reply.buttons:
                first = len(shown) + 1
                shown += [button for row in reply.buttons for button in row]
                self.buttons = shown
                # Under the menu, "5" is stage 5 as in Telegram, not its fifth button (stage 2).
                self.hash_keys = reply.template == "menu" or (reply.template == "question"
                                                              and reply.values.get("kind") in TYPED)
                prefix = "#" if self.hash_keys else ""
                self.write("\n".join(f"  [{prefix}{n}] {b.label}"
                                      for n, b in enumerate(shown[first - 1:], start=first)))
            self.write("")
