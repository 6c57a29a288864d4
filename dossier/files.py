"""The files sent for /dossier: built from one read of the project, named for a Préfecture inbox.

The renderers (WeasyPrint and docxtpl) are imported by `DocumentMaker.make`, not here:
the bot process imports this module for `slug` and builds a maker, while documents are made in its workers.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from dossier.model import Dossier
from dossier.view import Sources, build_dossier
from store.models import utcnow
from store.repo import Repository


@dataclass(frozen=True)
class OutFile:
    filename: str
    content: bytes
    caption: str


def slug(text: str, limit: int = 40) -> str:
    """A clean ASCII file-name part: 'MSAP du Val-de-Sèvre !' -> 'msap-du-val-de-sevre'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "projet"


class DocumentMaker:
    """Builds the view model once, then every document from it, so no two files can disagree."""

    def __init__(self, sources: dict[str, Sources], database: Engine,
                 clock: Callable[[], datetime.datetime] = utcnow) -> None:
        """`sources`: by referential id; the first is the default (the user's own data, the time zone)."""
        self.by_referential = sources
        self.sources = next(iter(sources.values()))
        self.database = database
        self.clock = clock

    def today(self) -> datetime.date:
        """The day in the bot's time zone: the documents' date, as the team lives it."""
        return self.clock().astimezone(self.sources.zone).date()

    def view(self, project_id: int, draft: bool) -> Dossier:
        with self.database.connect() as connection:
            repo = Repository(connection)
            sources = self.by_referential[repo.project(project_id).referential]
            return build_dossier(sources, repo, project_id, draft, self.today())

    def personal(self, user_id: int) -> list[OutFile]:
        """/mes_donnees: the user's data as JSON and as a readable PDF."""
        from dossier.personal import personal_files

        questions = {referential: each.guide.questions for referential, each in self.by_referential.items()}
        return personal_files(self.sources, questions, self.database, user_id, self.today())

    def make(self, project_id: int, draft: bool) -> list[OutFile]:
        from dossier.pdf import render_checklist_pdf, render_convention_pdf, render_dossier_pdf
        from dossier.word import render_convention_docx, render_dossier_docx

        dossier = self.view(project_id, draft)
        texts = self.sources.ui.documents
        # The view's word, not the request's: a dossier asked for as final that is not complete is a draft.
        stem = f"{slug(dossier.project)}-{self.today().isoformat()}" + ("-brouillon" if dossier.draft else "")
        suffix = texts.draft_suffix if dossier.draft else ""
        pdf, docx = texts.format_pdf, texts.format_docx
        return [
            OutFile(f"dossier-labellisation-{stem}.pdf", render_dossier_pdf(dossier),
                    texts.caption_dossier.format(format=pdf, draft=suffix)),
            OutFile(f"dossier-labellisation-{stem}.docx", render_dossier_docx(dossier),
                    texts.caption_dossier.format(format=docx, draft=suffix)),
            OutFile(f"convention-cadre-{stem}.pdf", render_convention_pdf(dossier),
                    texts.caption_convention.format(format=pdf, draft=suffix)),
            OutFile(f"convention-cadre-{stem}.docx", render_convention_docx(dossier),
                    texts.caption_convention.format(format=docx, draft=suffix)),
            OutFile(f"checklist-{stem}.pdf", render_checklist_pdf(dossier),
                    texts.caption_checklist.format(draft=suffix)),
        ]
