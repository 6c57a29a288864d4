"""Render the dossier and the convention as Word files from the docxtpl templates of templates/documents.

User text is data: every string of the view model is cleaned of the characters XML 1.0 forbids, then passed
as context to templates rendered with autoescape; nothing is ever added to a template's source. A newline in
a value becomes a line break (docxtpl turns "\n" inside a rendered text run into <w:br/>) and a tab a tab.
"""
from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path
from typing import TypeVar

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from dossier.model import Dossier

DOCUMENTS_DIR = Path(__file__).resolve().parents[1] / "templates" / "documents"
DOSSIER_TEMPLATE = "dossier.docx"
CONVENTION_TEMPLATE = "convention.docx"

# XML 1.0 allows tab, newline and carriage return among the C0 controls; never surrogates, U+FFFE or U+FFFF.
# Form feed and bell would also be read by docxtpl as page and paragraph breaks: they go with the rest.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CARRIAGE_RETURN = re.compile("\r\n?")

T = TypeVar("T")


def clean_text(text: str) -> str:
    """Drop the characters XML 1.0 forbids; carriage returns become newlines."""
    return FORBIDDEN.sub("", CARRIAGE_RETURN.sub("\n", text))


def clean(value: T) -> T:
    """The value with clean_text applied to every string inside it (dataclasses, lists, tuples, dicts)."""
    if isinstance(value, str):
        return clean_text(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{field.name: clean(getattr(value, field.name))
                                             for field in dataclasses.fields(value) if field.init})
    if isinstance(value, list | tuple):
        return type(value)(clean(item) for item in value)
    if isinstance(value, dict):
        return {clean(key): clean(item) for key, item in value.items()}
    return value


def escape_value(value: object) -> Markup:
    """Escape a value for XML and hide "{_" and "_}" from docxtpl, which turns "{_{" into "{{" after rendering."""
    return Markup(str(escape(value)).replace("{_", "{&#95;").replace("_}", "&#95;}"))


def _environment() -> Environment:
    """A Jinja environment that escapes every value and fails on a misspelt name."""
    return Environment(autoescape=True, undefined=StrictUndefined, finalize=escape_value)


def render_docx(template: str, dossier: Dossier) -> bytes:
    """Render one Word template of templates/documents with the cleaned view model as `d`."""
    document = DocxTemplate(DOCUMENTS_DIR / template)
    document.render({"d": clean(dossier)}, jinja_env=_environment(), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_dossier_docx(dossier: Dossier) -> bytes:
    """The "Dossier de demande de labellisation" as a DOCX file."""
    return render_docx(DOSSIER_TEMPLATE, dossier)


def render_convention_docx(dossier: Dossier) -> bytes:
    """The "Projet de convention-cadre" as a DOCX file."""
    return render_docx(CONVENTION_TEMPLATE, dossier)
