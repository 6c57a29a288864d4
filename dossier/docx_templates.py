"""Build templates/documents/base.docx, the one Word template of every DOCX; run as a module to regenerate it.

The template holds what is not text: A4 page and 2 cm margins, styles (Title, Heading 1–4, Normal, List Bullet,
Table Grid), fonts, French proofing and hyphenation, the running header and footer. Its body is one
`{{p body }}` that dossier/word.py fills with the blocks of the document's HTML, so the wording lives in the HTML
templates only.
Context: `header` and `footer` (text), `draft` (BROUILLON in red on every page), `body` (a docxtpl Subdoc).
Regenerate with `python -m dossier.docx_templates`; a test checks the file on disk is what this module builds.
"""
from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

DOCUMENTS_DIR = Path(__file__).resolve().parents[1] / "templates" / "documents"
BASE_TEMPLATE = "base.docx"
# Word cannot embed fonts reliably: the files name them. DejaVu Sans is the PDF's font (Latin, accents, Arabic,
# ☐); where it is missing, Word substitutes by the font table's alternative name (Verdana: same design family).
# Emoji runs name Segoe UI Emoji (Windows); LibreOffice falls back on any installed colour emoji font.
FONT = "DejaVu Sans"
FONT_ALTERNATIVE = "Verdana"
EMOJI_FONT = "Segoe UI Emoji"
EMOJI_ALTERNATIVE = "Noto Color Emoji"
LANGUAGE = "fr-FR"
TEXT_WIDTH = Cm(17)                                       # A4 (21 cm) less two 2 cm margins
INK, NAVY, GREY, RED = (RGBColor.from_string(c) for c in ("1F2933", "1F3A5F", "52606D", "B42318"))
HEADINGS = {1: (17, NAVY), 2: (13, NAVY), 3: (11, NAVY), 4: (10, INK)}   # sizes and colours of documents.css
FIXED_TIME = datetime(2026, 1, 1, tzinfo=timezone.utc)   # core properties, so the file is reproducible
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# What may follow w:suppressAutoHyphens in a w:pPr (ECMA-376 order), so that it goes in the right place.
AFTER_SUPPRESS_AUTO_HYPHENS = ("w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
                               "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                               "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                               "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def set_fonts(rpr, name: str) -> None:
    """Name one font for every script of a run or style (ascii, hAnsi, East Asian, complex), no theme font."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), name)


def mirror_complex_script(rpr) -> None:
    """Arabic and the other complex scripts read bCs, iCs and szCs, not b, i and sz: give them the same values."""
    for latin, complex_script in (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs")):
        source = rpr.find(qn(latin))
        if source is not None and rpr.find(qn(complex_script)) is None:
            source.addnext(OxmlElement(complex_script, dict(source.attrib)))


def set_hyphenation(ppr, on: bool) -> None:
    """Let Word hyphenate a paragraph or style (when the document allows it), or keep it from doing so."""
    element = ppr.find(qn("w:suppressAutoHyphens"))
    if element is None:
        element = OxmlElement("w:suppressAutoHyphens")
        ppr.insert_element_before(element, *AFTER_SUPPRESS_AUTO_HYPHENS)
    element.set(qn("w:val"), "0" if on else "1")


def _setup_hyphenation(document: WordDocument) -> None:
    """French hyphenation on for the document but off by default: as in the PDF, only the narrow columns that
    word.py marks hyphenate ("Accompa-gnement" rather than "Accompagnemen" then "t"), never a source's address."""
    settings = document.settings.element
    settings.find(qn("w:defaultTabStop")).addnext(OxmlElement("w:autoHyphenation"))
    settings.find(qn("w:autoHyphenation")).addnext(OxmlElement("w:doNotHyphenateCaps"))  # DGFiP, CNAF stay whole
    set_hyphenation(document.styles["Normal"].element.get_or_add_pPr(), False)


def _setup_styles(document: WordDocument) -> None:
    """The font everywhere, French proofing, and headings coloured and sized as in the PDF."""
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(defaults, FONT)
    language = defaults.find(qn("w:lang"))
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)
    for fonts in list(styles.element.iter(qn("w:rFonts"))):
        set_fonts(fonts.getparent(), FONT)
    normal = styles["Normal"]
    normal.font.size = Pt(10)
    normal.font.color.rgb = INK
    normal.paragraph_format.space_after = Pt(4)
    for level, (size, colour) in HEADINGS.items():
        heading = styles[f"Heading {level}"]
        heading.font.size, heading.font.color.rgb = Pt(size), colour
        heading.font.bold, heading.font.italic = True, False
        heading.paragraph_format.space_before = Pt(14 if level <= 2 else 8)
        heading.paragraph_format.space_after = Pt(4)
    border = parse_xml('<w:pBdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                       '<w:bottom w:val="single" w:sz="10" w:space="2" w:color="1F3A5F"/></w:pBdr>')
    styles["Heading 2"].element.get_or_add_pPr().append(border)   # the rule under each part, as in the PDF
    styles["Title"].font.color.rgb = NAVY
    margins = parse_xml('<w:tblCellMar xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                        '<w:top w:w="45" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
                        '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar>')
    table = styles["Table Grid"].element.find(qn("w:tblPr"))
    table.replace(table.find(qn("w:tblCellMar")), margins)   # the cells' padding, as in the PDF
    for rpr in list(styles.element.iter(qn("w:rPr"))):
        mirror_complex_script(rpr)


def _setup_font_table(document: WordDocument) -> None:
    """Declare the two fonts with their alternatives, which Word uses on machines without them."""
    part = document.part.part_related_by(RELATIONSHIP_TYPE.FONT_TABLE)
    table = parse_xml(part.blob)
    for name, alternative, family in ((FONT, FONT_ALTERNATIVE, "swiss"), (EMOJI_FONT, EMOJI_ALTERNATIVE, "auto")):
        font = OxmlElement("w:font", {qn("w:name"): name})
        font.append(OxmlElement("w:altName", {qn("w:val"): alternative}))
        font.append(OxmlElement("w:family", {qn("w:val"): family}))
        font.append(OxmlElement("w:pitch", {qn("w:val"): "variable"}))
        table.append(font)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _setup_page(document: WordDocument) -> None:
    """A4 portrait, 2 cm margins, a first page without the running header (as the PDF's cover)."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    section.different_first_page_header_footer = True


def _setup_properties(document: WordDocument) -> None:
    """Fixed core properties: no generator name, no build time; word.py sets the title."""
    properties = document.core_properties
    properties.author = properties.last_modified_by = "Guide MSAP"
    properties.comments = properties.title = ""
    properties.language = LANGUAGE
    properties.revision = 1
    properties.created = properties.modified = FIXED_TIME


def _margin_line(paragraph: Paragraph, left: str, size: float) -> None:
    """A small grey text on the left and a right-aligned tab stop at the text's edge (Normal, not the Header
    style, whose tab stops are for US Letter)."""
    paragraph.style = "Normal"
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    if left:
        run = paragraph.add_run(left)
        run.font.size, run.font.color.rgb = Pt(size), GREY
    paragraph.add_run("\t")


def _draft_mark(paragraph: Paragraph) -> None:
    run = paragraph.add_run("{% if draft %}BROUILLON{% endif %}")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(11), RED


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A page-number field (PAGE or NUMPAGES), small and grey like the text beside it."""
    field = OxmlElement("w:fldSimple", {qn("w:instr"): f" {instruction} "})
    run = paragraph.add_run("1")
    run.font.size, run.font.color.rgb = Pt(8), GREY
    paragraph._p.remove(run._r)
    field.append(run._r)
    paragraph._p.append(field)


def _footer(paragraph: Paragraph) -> None:
    _margin_line(paragraph, "{{ footer }}", 7.5)
    for text, instruction in (("Page ", "PAGE"), (" / ", "NUMPAGES")):
        run = paragraph.add_run(text)
        run.font.size, run.font.color.rgb = Pt(8), GREY
        _field(paragraph, instruction)


def _setup_header_footer(document: WordDocument) -> None:
    """Header: the document's running text, BROUILLON at the right when drafting (the first page: only the
    mark). Footer on every page: the running text, then "Page n / N"."""
    section = document.sections[0]
    header = section.header.paragraphs[0]
    _margin_line(header, "{{ header }}", 7.5)
    _draft_mark(header)
    first = section.first_page_header.paragraphs[0]
    _margin_line(first, "", 7.5)
    _draft_mark(first)
    _footer(section.footer.paragraphs[0])
    _footer(section.first_page_footer.paragraphs[0])


def build_base() -> WordDocument:
    """The base template: every setting, a body of one docxtpl paragraph tag."""
    document = Document()
    _setup_page(document)
    _setup_styles(document)
    _setup_hyphenation(document)
    _setup_font_table(document)
    _setup_properties(document)
    _setup_header_footer(document)
    document.add_paragraph("{{p body }}")
    return document


def docx_bytes(document: WordDocument) -> bytes:
    """The document's file, with fixed zip timestamps so that rebuilding gives the same bytes."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def write_base(directory: Path = DOCUMENTS_DIR) -> Path:
    """Build the base template into a directory; return the file written."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / BASE_TEMPLATE
    path.write_bytes(docx_bytes(build_base()))
    return path


def main(argv: Sequence[str] = ()) -> None:
    """Write the template into templates/documents, or into the directory given as the only argument."""
    print(write_base(Path(argv[0]) if argv else DOCUMENTS_DIR))


if __name__ == "__main__":
    main(sys.argv[1:])
