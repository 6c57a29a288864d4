"""/mes_donnees: everything kept about a user, as JSON for a machine and as a PDF a person can read."""
from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine

from dialogs.formatting import cents, long_date
from dialogs.model import CHOICE_KINDS, Question
from dialogs.parsing import from_json
from dialogs.reminder_model import load_reminder_model
from dialogs.ui import UiTexts
from dossier.answers import printed
from dossier.files import OutFile
from dossier.view import Sources
from store.personal import personal_records


def personal_files(sources: Sources, questions: Mapping[str, Mapping[str, Question]], database: Engine,
                   user_id: int, today: datetime.date) -> list[OutFile]:
    """The two files, or none for a user the database does not know (erased meanwhile); `questions`: each
    referential's, by id, the default first, for the answers' prompts and printed values."""
    from dossier.pdf import render_personal_pdf

    with database.connect() as connection:
        records = personal_records(connection, user_id)
    if records is None:
        return []
    texts = sources.ui.personal
    data = json.dumps(records, ensure_ascii=False, indent=2).encode()
    summary = _readable(sources, questions, records, today)
    return [OutFile(texts.pdf_filename.format(day=today.isoformat()), render_personal_pdf(summary), texts.pdf_caption),
            OutFile(texts.json_filename.format(day=today.isoformat()), data, texts.json_caption)]


def _readable(sources: Sources, questions: Mapping[str, Mapping[str, Question]], records: dict[str, Any],
              today: datetime.date) -> dict[str, Any]:
    """The records with questions by their prompt and dates in words, for the PDF's template."""

    def day(value: str | None) -> str:
        return long_date(datetime.date.fromisoformat(value[:10])) if value else ""

    calendar = load_reminder_model()
    question_of = _questions_of_projects(questions, records["projects"])
    answers = []
    for row in records["answers"]:
        question = question_of(row["project"], row["question"])
        answers.append({**row, "question": question.prompt if question else row["question"],
                        "value": _shown(question, row["value"], questions.values(), sources.ui),
                        "at": day(row["at"])})
    return {
        "today": long_date(today),
        "user": {**records["user"], "since": day(records["user"]["since"])},
        "projects": [{**row, "role": sources.ui.roles.get(row["role"], row["role"]), "since": day(row["since"])}
                     for row in records["projects"]],
        "answers": answers,
        "marks": len(records["checklist_marks"]),
        "lines": [{**row, "amount": cents(row["cents"]), "at": day(row["at"])} for row in records["budget_lines"]],
        "reminders": [{**row, "kind": calendar.label(calendar.group(row["kind"])), "due": day(row["due"]),
                       "sent": day(row["sent"])} for row in records["reminders"]],
    }


def _questions_of_projects(questions: Mapping[str, Mapping[str, Question]], projects: list[dict[str, Any]]):
    """The question an answer of a project (by name) replied to: as its project's rules ask it, else as the first
    referential asking it (an answer given under other rules, kept when the project switched)."""
    everyone: dict[str, Question] = {}
    for each in questions.values():
        for question_id, question in each.items():
            everyone.setdefault(question_id, question)
    rules: dict[str | None, set[str]] = {}
    for row in projects:
        rules.setdefault(row["project"], set()).add(row["referential"])
    # Two projects of one name under different rules: which one an answer belongs to is not known.
    own = {name: questions.get(next(iter(refs)), {}) if len(refs) == 1 else {} for name, refs in rules.items()}

    def question_of(project: str | None, question_id: str) -> Question | None:
        return own.get(project, {}).get(question_id) or everyone.get(question_id)
    return question_of


def _shown(question: Question | None, value: Any, referentials, ui: UiTexts) -> str:
    """A stored value as the chat and the documents print it: a choice by its label, "Oui", "15 juin 2027"."""
    if question is None or value is None:  # a question no rules ask any more; a question passed
        return _plain(value)
    if question.kind in CHOICE_KINDS:
        # The option may be another referential's (France services' own tools): its label is found there.
        labels: dict[str, str] = {}
        for each in referentials:
            if question.id in each:
                for option in each[question.id].options:
                    labels.setdefault(option.id, option.label)
        labels |= {option.id: option.label for option in question.options}
        return ", ".join(labels.get(item, str(item)) for item in (value if isinstance(value, list) else [value]))
    return printed(question.kind, from_json(question.kind, value), ui)


def _plain(value: Any) -> str:
    """An answer's stored value as one line of text."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key} : {_plain(item)}" for key, item in value.items())
    return str(value)
