"""The documents' HTML: one Jinja template of templates/documents filled with the dossier, read by both renderers.

The PDF lays this HTML out with WeasyPrint (dossier/pdf.py); the DOCX parses the same HTML into blocks
(dossier/blocks.py) and writes them with python-docx (dossier/word.py). So a document's wording and structure
live in its template and nowhere else.
"""
from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from dialogs.accents import with_accents
from dialogs.formatting import at_place, guillemets, lower_first, upper_first
from dialogs.parsing import without_full_stop
from dossier.model import Dossier

TEMPLATE_PACKAGE = "templates"
TEMPLATE_FOLDER = "documents"

# Characters XML 1.0 and text shaping cannot carry: C0 and C1 controls (tab and line breaks kept),
# lone surrogates and the two noncharacters of the basic plane.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def render_html(template: str, dossier: Dossier) -> str:
    """One template filled with the dossier, given as context and never as template source; the answers printed
    with the accents a phone left out, for the Préfecture and the partners read them."""
    # The templates' wording and the answers alike; both renderers keep the no-break space.
    return guillemets(environment(accented=True).get_template(template).render(dossier=dossier))


@cache
def environment(accented: bool = False) -> Environment:
    """The Jinja2 environment of templates/documents, built once and read-only afterwards; `accented`, the
    printed values with their accents ("Communaute" as "Communauté"), else as typed (what is kept about a user)."""
    documents = Environment(
        loader=PackageLoader(TEMPLATE_PACKAGE, TEMPLATE_FOLDER),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
        undefined=StrictUndefined, finalize=_accented if accented else _printable,
    )
    documents.filters["upper_first"] = upper_first
    documents.filters["at_place"] = at_place  # "Fait aux Rousses"
    documents.filters["lower_first"] = lower_first
    documents.filters["without_full_stop"] = without_full_stop  # user text before a bracket that ends the sentence
    return documents


def _accented(value: object) -> object:
    """A printed value as `_printable` gives it, with the accents its words typed bare are missing."""
    value = _printable(value)
    return with_accents(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def _printable(value: object) -> object:
    """Every printed value without the characters a document cannot carry; template-made markup untouched."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return UNPRINTABLE.sub("", value)
    return value
