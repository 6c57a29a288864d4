"""/mes_donnees: everything kept about a user, as JSON for a machine and as a PDF a person can read."""
from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine

from dialogs.formatting import cents, long_date
from dialogs.model import Question
from dialogs.reminder_model import load_reminder_model
from dossier.files import OutFile
from dossier.view import Sources
from store.personal import personal_records


def personal_files(sources: Sources, questions: Mapping[str, Question], database: Engine, user_id: int,
                   today: datetime.date) -> list[OutFile]:
    """The two files, or none for a user the database does not know (erased meanwhile); `questions`: those of
    every referential, by id, for the answers' prompts."""
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


def _readable(sources: Sources, questions: Mapping[str, Question], records: dict[str, Any],
              today: datetime.date) -> dict[str, Any]:
    """The records with questions by their prompt and dates in words, for the PDF's template."""

    def day(value: str | None) -> str:
        return long_date(datetime.date.fromisoformat(value[:10])) if value else ""

    def shown(question_id: str, value: Any) -> str:
        """A choice by its label, as the user tapped it; anything else as stored."""
        question = questions.get(question_id)
        labels = {option.id: option.label for option in question.options} if question and question.options else {}
        if isinstance(value, list):
            return _plain([labels.get(item, item) if isinstance(item, str) else item for item in value])
        return _plain(labels.get(value, value) if isinstance(value, str) else value)

    calendar = load_reminder_model()
    answers = [{**row, "question": questions[row["question"]].prompt if row["question"] in questions
                else row["question"], "value": shown(row["question"], row["value"]), "at": day(row["at"])}
               for row in records["answers"]]
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


def _plain(value: Any) -> str:
    """An answer's stored value as one line of text."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key} : {_plain(item)}" for key, item in value.items())
    return str(value)
