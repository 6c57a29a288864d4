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


class BudgetTexts(_Texts):
    add_investment: str
    add_operating: str
    add_resource: str
    edit_lines: str
    chart: str
    open: str
    investment: str
    operating: str
    change_amount: str
    change_label: str
    remove: str
    cancel: str
    line: str
    subsidy_label: str
    chart_title: str
    chart_title_no_year: str


class Commands(_Texts):
    start: str
    menu: str
    avancement: str
    budget: str
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
    budget: BudgetTexts
    commands: Commands
    notices: Notices
    terminal: Terminal
    startup: Startup


def load_ui(path: Path = UI_FILE) -> UiTexts:
    return UiTexts.model_validate(read_yaml(path))
