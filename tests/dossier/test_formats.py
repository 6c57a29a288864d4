"""One source, two formats: the PDF and the DOCX of a document say the same, part by part; every character prints.

Both are read back (pypdf, python-docx) and cut at each level-2 heading: the PDF's from its outline (WeasyPrint
makes a bookmark of each heading), the DOCX's from its Heading 2 paragraphs. The texts are compared without
whitespace (pypdf breaks lines anywhere), case (CSS upper-cases the kicker) and the bullets CSS draws.
"""
from __future__ import annotations

import io
import logging
import re

import pytest
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont

from dossier import pdf
from dossier.word import render_convention_docx, render_dossier_docx
from tests.dossier.sample import HOSTILE, sample_dossier
from tests.dossier.test_docx import open_docx
from tests.dossier.test_pdf import Collected, body_texts, reader

RENDERERS = {"dossier": (pdf.render_dossier_pdf, render_dossier_docx),
             "convention": (pdf.render_convention_pdf, render_convention_docx)}
TYPED = "🏛️ مرحبا"
TRICKY = "{{ 7*7 }} {_{ x }_} {%p if %} <b>&amp;</b> ]]>"


def body_text(data: bytes) -> str:
    """The text of every page without the margin boxes (running header, footer, draft mark, page number)."""
    return "".join(body_texts(data))


def normal(text: str) -> str:
    return "".join(text.split()).casefold().replace("•", "")


def pdf_headings(data: bytes) -> list[str]:
    """The level-2 headings of a PDF, from its outline."""
    found: list[str] = []

    def walk(items, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            elif level == 2:
                found.append(item.title)

    outline = reader(data).outline
    walk(outline, 1 if any(not isinstance(item, list) for item in outline) else 0)
    return found


def pdf_sections(data: bytes, titles: list[str]) -> list[str]:
    """The PDF's body text (margin boxes left out), cut before each title, the text before the first included."""
    text, sections, start = normal(body_text(data)), [], 0
    for title in titles:
        found = text.find(normal(title), start)
        assert found >= 0, title
        sections.append(text[start:found])
        start = found + len(normal(title))
    return sections + [text[start:]]


def texts(element) -> str:
    return "".join(node.text or "" for node in element.iter(qn("w:t")))


def docx_sections(data: bytes) -> tuple[list[str], list[str], list[list[str]]]:
    """The DOCX's level-2 headings, its body text cut before each of them, and each part's table header rows."""
    body = open_docx(data).element.body
    titles, sections, header_rows = [], [[]], [[]]
    for element in body.iterchildren(qn("w:p"), qn("w:tbl")):
        style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val")) == "Heading2":
            titles.append(texts(element))
            sections.append([])
            header_rows.append([])
            continue
        sections[-1].append(texts(element))
        header_rows[-1] += [normal(texts(row)) for row in element.iter(qn("w:tr"))
                            if row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]
    return titles, [normal("".join(section)) for section in sections], header_rows


def without_repeated_headers(text: str, header_rows: list[str], reference: str) -> str:
    """A PDF part without the table header rows WeasyPrint repeats on each page a table spans (Word repeats
    them too, when it lays the page out): as many of each as the DOCX holds are kept, the first ones."""
    for row in set(header_rows):
        while row and text.count(row) > reference.count(row):
            last = text.rindex(row)
            text = text[:last] + text[last + len(row):]
    return text


@pytest.fixture(scope="module", params=[(name, draft) for name in RENDERERS for draft in (False, True)],
                ids=lambda param: f"{param[0]}-{'draft' if param[1] else 'complete'}")
def both(request) -> tuple[bytes, bytes]:
    name, draft = request.param
    render_pdf, render_docx = RENDERERS[name]
    dossier = sample_dossier(draft=draft)
    return render_pdf(dossier), render_docx(dossier)


def test_the_same_parts_in_the_same_order(both):
    pdf_data, docx_data = both
    titles, _, _ = docx_sections(docx_data)
    assert len(titles) >= 2
    assert pdf_headings(pdf_data) == titles


def test_each_part_says_the_same(both):
    pdf_data, docx_data = both
    titles, docx_parts, header_rows = docx_sections(docx_data)
    pdf_parts = pdf_sections(pdf_data, titles)
    assert len(pdf_parts) == len(docx_parts)
    for title, in_pdf, in_docx, rows in zip(["(before the first part)", *titles], pdf_parts, docx_parts, header_rows):
        assert without_repeated_headers(in_pdf, rows, in_docx) == in_docx, title


# Every character prints.

BFCHAR = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


def embedded_fonts(data: bytes) -> dict[str, tuple[TTFont, dict[int, str]]]:
    """Each font embedded in the PDF, by its PostScript name: the embedded file as fontTools reads it, and its
    ToUnicode map from glyph id (WeasyPrint keeps the ids: CIDToGIDMap /Identity) to the text it draws."""
    fonts = {}
    for page in reader(data).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            assert descendant["/CIDToGIDMap"] == "/Identity"
            file = TTFont(io.BytesIO(descendant["/FontDescriptor"]["/FontFile2"].get_data()))
            cmap = font["/ToUnicode"].get_data().decode("latin-1")
            text = {int(code, 16): bytes.fromhex(unicode).decode("utf-16-be") for code, unicode in BFCHAR.findall(cmap)}
            fonts[str(font["/BaseFont"])] = (file, text)
    return fonts


@pytest.fixture(scope="module")
def typed_pdf() -> tuple[bytes, list[str]]:
    """The dossier with an answer typed with an emoji and Arabic, and WeasyPrint's warnings."""
    collected, logger = Collected(), logging.getLogger("weasyprint")
    logger.addHandler(collected)
    try:
        typed = f"{TYPED} œuvre 12\u202f500\u00a0€"
        return pdf.render_dossier_pdf(sample_dossier(hostile=typed)), collected.messages
    finally:
        logger.removeHandler(collected)


def test_only_the_documents_fonts_are_embedded_and_no_glyph_is_missing(typed_pdf):
    data, warnings = typed_pdf
    assert not [message for message in warnings if "notdef" in message]
    fonts = embedded_fonts(data)
    assert fonts and all("+Guide-MSAP-" in name for name in fonts), sorted(fonts)   # no system font


def test_the_emoji_comes_from_the_emoji_font_which_has_it_and_is_drawn(typed_pdf):
    data, _ = typed_pdf
    ((name, (font, text)),) = [(n, f) for n, f in embedded_fonts(data).items() if "Emoji" in n]
    glyph = font.getBestCmap()[0x1F3DB]
    assert glyph != ".notdef" and "\U0001F3DB" in text[font.getGlyphID(glyph)]
    prefix = name.strip("/").split("+")[0]
    images = [str(key) for page in reader(data).pages for key in page["/Resources"].get("/XObject", {})]
    assert any(image.startswith(f"/i{prefix}") for image in images)   # WeasyPrint draws its colour bitmaps


@pytest.mark.parametrize("character", ["\u0645", "œ", "€", "\u202f", "\u00a0"])
def test_arabic_and_french_signs_are_drawn_with_real_outlines(typed_pdf, character):
    data, _ = typed_pdf
    drawn = [(font, glyph_id) for font, text in embedded_fonts(data).values()
             for glyph_id, chars in text.items() if character in chars]
    assert drawn, f"U+{ord(character):04X} is never drawn"
    for font, glyph_id in drawn:
        assert glyph_id != 0   # .notdef
        if not character.isspace():
            assert font["glyf"][font.getGlyphOrder()[glyph_id]].numberOfContours != 0


def test_an_emoji_and_arabic_come_back_verbatim_in_the_docx():
    document = open_docx(render_dossier_docx(sample_dossier(hostile=TYPED)))
    assert any(TYPED in paragraph.text for paragraph in document.paragraphs)


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_hostile_text_is_verbatim_in_both_formats(name):
    render_pdf, render_docx = RENDERERS[name]
    hostile = f"{HOSTILE} {TRICKY} {TYPED} œ 12\u202f500\u00a0€"
    dossier = sample_dossier(draft=True, hostile=hostile + "\x00\x07\x1b\ufffe")
    assert normal(hostile) in normal(body_text(render_pdf(dossier)))
    document = open_docx(render_docx(dossier))
    assert any(hostile in paragraph.text for paragraph in document.paragraphs)
