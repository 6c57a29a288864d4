"""The short French labels of the interface (buttons, commands, toasts), loaded from ui.yaml."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from dialogs.yaml_files import read_yaml

UI_FILE = Path(__file__).parent / "ui.yaml"


class _Texts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Buttons(_Texts):
    answer_yes: str
    answer_no: str
    back: str
    skip: str
    defer: str
    confirm: str
    next_step: str
    edit: str
    resume: str
    progress: str
    help: str
    menu: str
    stage: str
    ticked: str
    unticked: str
    fix: str
    answer: str
    checklist: str


class Commands(_Texts):
    start: str
    menu: str
    avancement: str
    conformite: str
    checklist: str
    a_traiter: str
    aide: str


class Notices(_Texts):
    stale: str
    required: str
    first: str
    pick_one: str


class Terminal(_Texts):
    no_token: str
    hint: str
    bye: str


class Startup(_Texts):
    config_error: str
    guide_error: str


class UiTexts(_Texts):
    buttons: Buttons
    commands: Commands
    notices: Notices
    terminal: Terminal
    startup: Startup


def load_ui(path: Path = UI_FILE) -> UiTexts:
    return UiTexts.model_validate(read_yaml(path))
