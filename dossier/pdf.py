"""PDF documents of a dossier (labelling request, draft convention, checklist) rendered by WeasyPrint.

Fonts: DejaVu Sans (Latin with every French sign, œ, €, the narrow no-break space, Arabic, Hebrew, ☐ ☑) and
Noto Color Emoji (every emoji, drawn in colour: WeasyPrint embeds its bitmaps), the Debian packages
fonts-dejavu-core, fonts-dejavu-extra and fonts-noto-color-emoji that `make` installs. documents.css declares
them with @font-face, one family after the other, so a character missing from DejaVu Sans falls back on the
emoji font. WeasyPrint reads them only through AssetFetcher, which serves the stylesheet and these files and
refuses every other URL; and it sees no other font, as its Fontconfig configuration holds no system font: a
document prints the same on every machine, and a missing glyph is a bug of ours, never the host's fonts.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import logging
import warnings
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urljoin

from dossier.markup import TEMPLATE_FOLDER, TEMPLATE_PACKAGE, environment, render_html  # noqa: F401 (re-exported)
from dossier.model import Dossier

with warnings.catch_warnings():
    # Without the system's libharfbuzz-subset, WeasyPrint warns once at import and subsets fonts with fontTools.
    warnings.filterwarnings("ignore", message="HarfBuzz-Subset will be required", category=DeprecationWarning)
    from weasyprint import HTML
    from weasyprint.text.ffi import ffi, fontconfig, gobject, pangoft2
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url

STYLESHEET = "documents.css"
FONT_ROOTS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
FONTS = {  # URL relative to the assets' base -> the font file's name, found under FONT_ROOTS
    "fonts/DejaVuSans.ttf": "DejaVuSans.ttf",
    "fonts/DejaVuSans-Bold.ttf": "DejaVuSans-Bold.ttf",
    "fonts/DejaVuSans-Oblique.ttf": "DejaVuSans-Oblique.ttf",
    "fonts/DejaVuSans-BoldOblique.ttf": "DejaVuSans-BoldOblique.ttf",
    "fonts/NotoColorEmoji.ttf": "NotoColorEmoji.ttf",
}
FONT_PACKAGES = "fonts-dejavu-core fonts-dejavu-extra fonts-noto-color-emoji"
CONTENT_TYPES = {".css": "text/css; charset=utf-8", ".ttf": "font/ttf"}
# Fontconfig's own rule (10-scale-bitmap-fonts.conf) scaling a bitmap font, such as the colour emoji, from the
# size of its bitmaps to the size asked for; without it an emoji prints at its bitmaps' 109 px.
SCALE_BITMAP_FONTS = b"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <match target="font">
    <test name="outline" compare="eq"><bool>false</bool></test>
    <edit name="pixelsizefixupfactor" mode="assign">
      <divide><name target="pattern">pixelsize</name><name target="font">pixelsize</name></divide>
    </edit>
  </match>
  <match target="font">
    <test name="outline" compare="eq"><bool>false</bool></test>
    <test name="pixelsizefixupfactor" compare="not_eq"><double>1.0</double></test>
    <edit name="matrix" mode="assign">
      <times><name>matrix</name><matrix><name>pixelsizefixupfactor</name><double>0</double>
        <double>0</double><name>pixelsizefixupfactor</name></matrix></times>
    </edit>
    <edit name="size" mode="assign"><divide><name>size</name><name>pixelsizefixupfactor</name></divide></edit>
  </match>
</fontconfig>"""


class _WithoutSubsetNotice(logging.Filter):
    """Drops WeasyPrint's per-render notice that fontTools, not HarfBuzz-Subset, subsets the fonts."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Using fontTools instead of HarfBuzz-Subset")


logging.getLogger("weasyprint").addFilter(_WithoutSubsetNotice())


class RefusedURL(ValueError):
    """A URL outside the documents' own assets."""


class MissingFont(RuntimeError):
    """A font the documents need is not installed."""


class AssetFetcher(URLFetcher):
    """WeasyPrint URL fetcher serving only the stylesheet and the fonts; every other URL raises."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        """The asset behind exactly this URL, or RefusedURL."""
        path = assets().get(url)
        if path is None:
            raise RefusedURL(f"not one of the documents' assets: {url[:200]!r}")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": CONTENT_TYPES[path.suffix]})


class DocumentFonts(FontConfiguration):
    """WeasyPrint's font configuration holding the @font-face fonts it is given and never the host's fonts.

    FontConfiguration.__init__ on an empty Fontconfig configuration (plus Fontconfig's rule scaling bitmap fonts)
    instead of the system's. A test checks it sets the same attributes as WeasyPrint's own.
    """

    def __init__(self) -> None:   # the parent's is not called: it would load the system's configuration
        config = ffi.cast("FcConfig *", _fc_config_create())
        if config == ffi.NULL:
            raise MemoryError("FcConfigCreate failed")
        fontconfig.FcConfigParseAndLoadFromMemory(config, SCALE_BITMAP_FONTS, True)
        self._config = config
        self.font_map = ffi.gc(pangoft2.pango_ft2_font_map_new(), gobject.g_object_unref)
        pangoft2.pango_fc_font_map_set_config(ffi.cast("PangoFcFontMap *", self.font_map), config)
        fontconfig.FcConfigDestroy(config)   # the font map keeps its own reference, as in WeasyPrint
        self._folder = None
        self.strut_layouts = {}
        self.font_features = {}


def _fc_config_create() -> int:
    """FcConfigCreate, which WeasyPrint's bindings do not declare, from the same Fontconfig library."""
    return _fontconfig_library().FcConfigCreate() or 0


@cache
def _fontconfig_library() -> ctypes.CDLL:
    library = ctypes.CDLL(ctypes.util.find_library("fontconfig") or "libfontconfig.so.1")
    library.FcConfigCreate.restype = ctypes.c_void_p
    return library


def render_dossier_pdf(dossier: Dossier) -> bytes:
    """The labelling request ("Dossier de demande de labellisation") as a PDF."""
    return _render("dossier.html.j2", dossier)


def render_convention_pdf(dossier: Dossier) -> bytes:
    """The draft framework agreement ("Projet de convention-cadre") as a PDF."""
    return _render("convention.html.j2", dossier)


def render_checklist_pdf(dossier: Dossier) -> bytes:
    """The printable checklist, one page per stage, as a PDF."""
    return _render("checklist.html.j2", dossier)


def render_personal_pdf(summary: dict) -> bytes:
    """/mes_donnees: what the assistant keeps about a user, as a PDF."""
    return _layout(environment().get_template("personal_data.html.j2").render(data=summary))


def _render(template: str, dossier: Dossier) -> bytes:
    """One template filled with the dossier, then laid out as a PDF with the documents' fonts only."""
    return _layout(render_html(template, dossier))


def _layout(html: str) -> bytes:
    document = HTML(string=html, base_url=base_url(), url_fetcher=AssetFetcher())
    return document.write_pdf(font_config=DocumentFonts())


@cache
def base_url() -> str:
    """file:// URL of the templates/documents folder, ending with a slash."""
    return path2url(str(resources.files(TEMPLATE_PACKAGE).joinpath(TEMPLATE_FOLDER))).rstrip("/") + "/"


@cache
def font_files() -> Mapping[str, Path]:
    """Each font's URL and installed file; MissingFont names the Debian packages when one is absent."""
    found: dict[str, Path] = {}
    for root in FONT_ROOTS:
        for path in sorted(root.rglob("*.ttf")) if root.is_dir() else ():
            found.setdefault(path.name, path)
    missing = sorted(name for name in FONTS.values() if name not in found)
    if missing:
        raise MissingFont(f"fonts not installed: {', '.join(missing)}; run `make` (Debian packages {FONT_PACKAGES})")
    return MappingProxyType({url: found[name] for url, name in FONTS.items()})


@cache
def assets() -> Mapping[str, Path]:
    """The only URLs the fetcher serves, as WeasyPrint spells them, and their files."""
    folder = Path(str(resources.files(TEMPLATE_PACKAGE).joinpath(TEMPLATE_FOLDER)))
    files = {STYLESHEET: folder / STYLESHEET, **font_files()}
    return MappingProxyType({urljoin(base_url(), name): path for name, path in files.items()})
