"""The dossier and the convention as Word files, from the same Jinja templates as their PDFs.

A template is rendered to HTML (dossier/markup.py), parsed into blocks (dossier/blocks.py), and the blocks are
written with python-docx into a subdocument that fills the `{{p body }}` of templates/documents/base.docx
(built by dossier/docx_templates.py, which also holds the page, the styles and the running header and footer).
The subdocument is what docxtpl's `new_subdoc()` makes, minus its import of docxcompose (an extra docxtpl
needs only to merge existing files): an empty python-docx document sharing the template's part, so that style
names resolve against the template's styles.

User text is data. It reaches the file only as run text set through python-docx, never as template source, with
two guards against docxtpl's post-processing of the rendered XML: it turns "{_{", "}_}", "{_%" and "%_}" into
"{{", "}}", "{%" and "%}", so run text is split wherever such a sequence would appear; and it turns tab, newline,
bell and form feed inside run text into tabs, line breaks and new paragraphs, which the blocks never hold (line
breaks are written as <w:br/>, whitespace is collapsed as in HTML, control characters are dropped).

Fonts: a DOCX cannot embed fonts reliably, so it names them (see docx_templates): DejaVu Sans, the PDF's font, for
every script slot (ascii, hAnsi, East Asian, complex script: Arabic is drawn by the cs font, DejaVu Sans has it),
and Segoe UI Emoji for runs of emoji, split from the text around them; each with an alternative in the font table.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache

import docx
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph
from docxtpl import DocxTemplate
from jinja2 import Environment
from lxml import etree
from markupsafe import Markup, escape

from dossier.blocks import (BREAK, BulletList, Cell, Document, Heading, PageBreak, Paragraph, Row, Run, Table,
                            parse)
from dossier.docx_templates import (BASE_TEMPLATE, DOCUMENTS_DIR, EMOJI_FONT, GREY, RED, TEXT_WIDTH,
                                    mirror_complex_script, set_fonts, set_hyphenation)
from dossier.markup import render_html
from dossier.model import Dossier

STYLESHEET = DOCUMENTS_DIR / "documents.css"
HEAD_FILL, LABEL_FILL = "E4E7EB", "F5F7FA"   # documents.css: thead th, and tbody th and total rows
# Emoji (with their modifiers, joiners and variation selectors) are set in the emoji font.
EMOJI = re.compile("[\U0001F000-\U0001FAFF](?:\u200d[\u2600-\u27bf\U0001F000-\U0001FAFF]"
                   "|[\U0001F000-\U0001FAFF\ufe0f\U000E0020-\U000E007F])*")
DOCXTPL_MARKER = re.compile("(?<=[{}%]_)(?=[{}%])")   # where "{_{" and its kin would be read by docxtpl
PERCENT_WIDTH = re.compile(r"^\.([\w-]+)\s*\{\s*width:\s*(\d+(?:\.\d+)?)%;\s*\}", re.MULTILINE)
HYPHENATED_RULE = re.compile(r"([^{}]*)\{[^{}]*\bhyphens:\s*auto;")   # its selectors
TABLE_CELL_SELECTOR = re.compile(r"\.([\w-]+)\s+t[dh]\b")
CELL_HEIGHT = re.compile(r"^\.([\w-]+)\s+td\s*\{[^{}]*?\bheight:\s*(\d+(?:\.\d+)?)mm;", re.MULTILINE)


@dataclass(frozen=True)
class Look:
    """The DOCX face of a paragraph class of the templates (documents.css says the same for the PDF)."""

    size: float | None = None
    bold: bool = False
    colour: RGBColor | None = None
    caps: bool = False


LOOKS = {
    "kicker": Look(size=10, colour=GREY, caps=True),
    "subtitle": Look(size=12),
    "project": Look(size=15, bold=True),
    "reference": Look(size=8, colour=GREY),
    "conformity": Look(bold=True),
    "draft-notice": Look(bold=True, colour=RED),
}
KIND_COLOURS = {"muted": GREY, "blank": RED, "alert": RED}


def render_dossier_docx(dossier: Dossier) -> bytes:
    """The "Dossier de demande de labellisation" as a DOCX file."""
    return render_docx("dossier.html.j2", dossier)


def render_convention_docx(dossier: Dossier) -> bytes:
    """The "Projet de convention-cadre" as a DOCX file."""
    return render_docx("convention.html.j2", dossier)


def render_docx(template: str, dossier: Dossier) -> bytes:
    """One HTML template of templates/documents, filled with the dossier, as a DOCX file."""
    return write_docx(parse(render_html(template, dossier)))


def write_docx(document: Document) -> bytes:
    """The blocks in the base template, with the document's running header and footer and draft mark."""
    template = DocxTemplate(io.BytesIO(_base_bytes()))
    body = _Body(template)
    _Writer(body.document).write(document.blocks)
    context = {"header": document.header, "footer": document.footer, "draft": document.draft, "body": body}
    template.render(context, jinja_env=_environment(), autoescape=True)
    template.docx.core_properties.title = document.title   # set, not rendered: docxtpl would escape it twice
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


class _Body:
    """A subdocument for `{{p body }}`: python-docx writes into it, docxtpl inserts its body's XML."""

    def __init__(self, template: DocxTemplate) -> None:
        self.document = docx.Document()
        self.document._part = template.get_docx()._part   # as docxtpl's Subdoc: the template's styles

    def __html__(self) -> str:
        body = self.document.element.body
        if body.sectPr is not None:
            body.remove(body.sectPr)
        return "".join(etree.tostring(child, encoding="unicode") for child in body)


@cache
def _base_bytes() -> bytes:
    return (DOCUMENTS_DIR / BASE_TEMPLATE).read_bytes()


@cache
def _environment() -> Environment:
    """Values of the header and footer escaped for XML, with "{_" and "_}" hidden from docxtpl."""
    return Environment(autoescape=True, finalize=_escape_value)


def _escape_value(value: object) -> object:
    if isinstance(value, str):
        return Markup(str(escape(value)).replace("{_", "{&#95;").replace("_}", "&#95;}"))
    return value   # the body (a Subdoc, already XML) and the draft flag


@cache
def _stylesheet() -> str:
    """documents.css without its comments: the PDF's look, which the Word files follow where they can."""
    return re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text("utf-8"), flags=re.DOTALL)


@cache
def column_widths() -> dict[str, float]:
    """The column classes of documents.css that give a width in percent, as fractions: one source for both."""
    return {name: float(percent) / 100 for name, percent in PERCENT_WIDTH.findall(_stylesheet())}


@cache
def hyphenated_tables() -> frozenset[str]:
    """The table classes whose cells documents.css hyphenates: the same cells hyphenate in Word."""
    return frozenset(name for selectors in HYPHENATED_RULE.findall(_stylesheet())
                     for name in TABLE_CELL_SELECTOR.findall(selectors))


@cache
def row_heights() -> dict[str, Mm]:
    """The table classes whose cells documents.css gives a height: the signature blocks' room to sign."""
    return {name: Mm(float(height)) for name, height in CELL_HEIGHT.findall(_stylesheet())}


class _Writer:
    """Writes blocks into a python-docx document (the Subdoc)."""

    def __init__(self, body) -> None:
        self.body = body
        self.break_before = False
        self.after_table = False

    def write(self, blocks) -> None:
        for block in blocks:
            if isinstance(block, PageBreak):
                self.break_before = True
            elif isinstance(block, Heading):
                _add_runs(self.paragraph(f"Heading{block.level}"), block.runs)
            elif isinstance(block, Paragraph):
                _add_runs(self.paragraph(), block.runs, looks=_looks(block))
            elif isinstance(block, BulletList):
                for item in block.items:
                    _add_runs(self.paragraph(_list_style(block)), item)
            elif isinstance(block, Table):
                if self.break_before:
                    self.paragraph()
                self.table(block)
                self.after_table = True

    def paragraph(self, style_id: str | None = None) -> WordParagraph:
        paragraph = _styled(self.body.add_paragraph(), style_id)
        if self.after_table and not style_id:   # a table's margin below it, as in the PDF
            paragraph.paragraph_format.space_before = Pt(6)
        self.after_table = False
        if self.break_before:
            paragraph.paragraph_format.page_break_before = True
            self.break_before = False
        return paragraph

    def table(self, block: Table) -> None:
        if not block.columns:
            return
        table = self.body.add_table(rows=0, cols=block.columns)
        table._tbl.tblPr.style = "TableGrid"
        table.autofit = False
        for column, width in zip(table.columns, _widths(block)):
            column.width = width
        hyphenate = bool(block.classes & hyphenated_tables())
        height = next((row_heights()[name] for name in sorted(block.classes) if name in row_heights()), None)
        for row in block.rows:
            self.row(table, row, hyphenate, height)

    def row(self, table, row: Row, hyphenate: bool, height: Mm | None) -> None:
        word_row = table.add_row()
        properties = word_row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))     # a row never breaks across pages, as in the PDF
        if row.header:
            properties.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page
        if height is not None:  # after them: python-docx puts w:trHeight in its schema place, between the two
            word_row.height, word_row.height_rule = height, WD_ROW_HEIGHT_RULE.AT_LEAST
        cells, column = word_row.cells, 0
        for cell in row.cells:
            target = cells[column]
            if cell.colspan > 1:
                target = target.merge(cells[min(column + cell.colspan, len(cells)) - 1])
            column += cell.colspan
            _cell(target, cell, row, hyphenate)


def _widths(block: Table) -> list[Emu]:
    """Column widths from the first row's classes, the rest shared equally, as CSS's fixed table layout does."""
    known = column_widths()
    fractions: list[float | None] = [None] * block.columns
    column = 0
    for cell in block.rows[0].cells if block.rows else ():
        given = [known[name] for name in sorted(cell.classes) if name in known]
        if cell.colspan == 1 and given:
            fractions[column] = given[0]
        column += cell.colspan
    unknown = fractions.count(None)
    rest = max(0.0, 1 - sum(f for f in fractions if f is not None)) / unknown if unknown else 0
    return [Emu(int(TEXT_WIDTH * (rest if f is None else f))) for f in fractions]


def _cell(target: _Cell, cell: Cell, row: Row, hyphenate: bool) -> None:
    """A cell's paragraphs and lists, in bold and shaded when it heads a row or a column, or totals; hyphenated
    when its table's are."""
    emphasis = cell.header or "total" in row.classes
    fill = HEAD_FILL if row.header or "total" in row.classes else LABEL_FILL if cell.header else None
    if fill:
        shading = OxmlElement("w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
        target._tc.get_or_add_tcPr().append(shading)
    first = target.paragraphs[0]
    for number, block in enumerate(cell.blocks):
        items = [block.runs] if isinstance(block, Paragraph) else list(block.items)
        for item_number, runs in enumerate(items):
            paragraph = first if number == item_number == 0 else target.add_paragraph()
            if hyphenate:
                set_hyphenation(paragraph._p.get_or_add_pPr(), True)
            if isinstance(block, BulletList):
                _styled(paragraph, _list_style(block))
            if "amount" in cell.classes:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.space_after = Pt(0)
            _add_runs(paragraph, runs, bold=emphasis, looks=_looks(block))


def _styled(paragraph: WordParagraph, style_id: str | None) -> WordParagraph:
    """Set a style by its id: python-docx's lookup by name walks every style of the template each time."""
    if style_id:
        paragraph._p.get_or_add_pPr().style = style_id
    return paragraph


def _list_style(block: BulletList) -> str:
    return "ListNumber" if block.ordered else "ListBullet"


def _looks(block) -> list[Look]:
    return [LOOKS[name] for name in sorted(getattr(block, "classes", ())) if name in LOOKS]


def _add_runs(paragraph: WordParagraph, runs: tuple[Run, ...], bold: bool = False, looks=()) -> None:
    """The runs' text, line breaks as <w:br/>, emoji in the emoji font, docxtpl's markers split apart."""
    for run in runs:
        for number, line in enumerate(run.text.split(BREAK)):
            if number:
                paragraph.add_run().add_break()
            start = 0
            for found in [*EMOJI.finditer(line), None]:
                end = found.start() if found else len(line)
                _add_text(paragraph, line[start:end], run, bold, looks, emoji=False)
                if found:
                    _add_text(paragraph, found.group(), run, bold, looks, emoji=True)
                    start = found.end()


def _add_text(paragraph: WordParagraph, text: str, run: Run, bold: bool, looks, emoji: bool) -> None:
    for piece in DOCXTPL_MARKER.split(text):
        if not piece:
            continue
        word_run = paragraph.add_run(piece)
        font = word_run.font
        if run.bold or bold or run.kind in ("blank", "alert") or any(look.bold for look in looks):
            font.bold = True
        if run.italic:
            font.italic = True
        colour = KIND_COLOURS.get(run.kind) or next((look.colour for look in looks if look.colour), None)
        if colour is not None:
            font.color.rgb = colour
        size = next((look.size for look in looks if look.size), None)
        if size:
            font.size = Pt(size)
        if any(look.caps for look in looks):
            font.all_caps = True
        if emoji:
            set_fonts(word_run._r.get_or_add_rPr(), EMOJI_FONT)
        if word_run._r.rPr is not None:
            mirror_complex_script(word_run._r.rPr)
