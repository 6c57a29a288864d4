"""PDF documents of a dossier (labelling request, draft convention, checklist) rendered by WeasyPrint."""
from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urljoin

import matplotlib
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from dossier.model import Dossier

with warnings.catch_warnings():
    # Without the system's libharfbuzz-subset, WeasyPrint warns once at import and subsets fonts with fontTools.
    warnings.filterwarnings("ignore", message="HarfBuzz-Subset will be required", category=DeprecationWarning)
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url

TEMPLATE_PACKAGE = "templates"
TEMPLATE_FOLDER = "documents"
STYLESHEET = "documents.css"
FONT_FOLDER = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONTS = {  # URL relative to the assets' base -> file shipped with matplotlib
    "fonts/DejaVuSans.ttf": FONT_FOLDER / "DejaVuSans.ttf",
    "fonts/DejaVuSans-Bold.ttf": FONT_FOLDER / "DejaVuSans-Bold.ttf",
}
CONTENT_TYPES = {".css": "text/css; charset=utf-8", ".ttf": "font/ttf"}

# Characters XML 1.0 and text shaping cannot carry: C0 and C1 controls (tab and line breaks kept),
# lone surrogates and the two noncharacters of the basic plane.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class _WithoutSubsetNotice(logging.Filter):
    """Drops WeasyPrint's per-render notice that fontTools, not HarfBuzz-Subset, subsets the fonts."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Using fontTools instead of HarfBuzz-Subset")


logging.getLogger("weasyprint").addFilter(_WithoutSubsetNotice())


class RefusedURL(ValueError):
    """A URL outside the documents' own assets."""


class AssetFetcher(URLFetcher):
    """WeasyPrint URL fetcher serving only the stylesheet and the two fonts; every other URL raises."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        """The asset behind exactly this URL, or RefusedURL."""
        path = assets().get(url)
        if path is None:
            raise RefusedURL(f"not one of the documents' assets: {url[:200]!r}")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": CONTENT_TYPES[path.suffix]})


def render_dossier_pdf(dossier: Dossier) -> bytes:
    """The labelling request ("Dossier de demande de labellisation") as a PDF."""
    return _render("dossier.html.j2", dossier)


def render_convention_pdf(dossier: Dossier) -> bytes:
    """The draft framework agreement ("Projet de convention-cadre") as a PDF."""
    return _render("convention.html.j2", dossier)


def render_checklist_pdf(dossier: Dossier) -> bytes:
    """The printable checklist, one page per stage, as a PDF."""
    return _render("checklist.html.j2", dossier)


def _render(template: str, dossier: Dossier) -> bytes:
    """One template filled with the dossier (as context, never as source), then laid out as a PDF."""
    markup = environment().get_template(template).render(dossier=dossier)
    return HTML(string=markup, base_url=base_url(), url_fetcher=AssetFetcher()).write_pdf()


@cache
def environment() -> Environment:
    """The Jinja2 environment of templates/documents, built once and read-only afterwards."""
    return Environment(
        loader=PackageLoader(TEMPLATE_PACKAGE, TEMPLATE_FOLDER),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
        undefined=StrictUndefined, finalize=_printable,
    )


@cache
def base_url() -> str:
    """file:// URL of the templates/documents folder, ending with a slash."""
    return path2url(str(resources.files(TEMPLATE_PACKAGE).joinpath(TEMPLATE_FOLDER))).rstrip("/") + "/"


@cache
def assets() -> Mapping[str, Path]:
    """The only URLs the fetcher serves, as WeasyPrint spells them, and their files."""
    folder = Path(str(resources.files(TEMPLATE_PACKAGE).joinpath(TEMPLATE_FOLDER)))
    files = {STYLESHEET: folder / STYLESHEET, **FONTS}
    return MappingProxyType({urljoin(base_url(), name): path for name, path in files.items()})


def _printable(value: object) -> object:
    """Every printed value without the characters a PDF cannot carry; template-made markup untouched."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _UNPRINTABLE.sub("", value)
    return value
