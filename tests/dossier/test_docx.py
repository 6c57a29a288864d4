"""The Word documents: the blocks of the templates' HTML written with python-docx into base.docx, read back."""
from __future__ import annotations

import io
import time
import zipfile

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml.ns import qn
from docx.shared import Cm, Mm
from lxml import etree
from markupsafe import escape

from dossier import docx_templates
from dossier.blocks import BLANK_LINE, parse
from dossier.docx_templates import EMOJI_FONT, FONT, GREY, RED
from dossier.word import column_widths, render_convention_docx, render_dossier_docx, write_docx
from tests.dossier.sample import HOSTILE, sample_dossier

# docxtpl's own markers, Jinja tags, markup, entities and CDATA ends, then controls XML forbids.
TRICKY = "{{ 7*7 }} {_{ x }_} {_% y %_} {%p if %} <b>&amp;</b> ]]> 🏛️ مرحبا"
CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\ufffe\uffff"


def open_docx(data: bytes) -> WordDocument:
    """Read a rendered file back with python-docx."""
    return Document(io.BytesIO(data))


def header_texts(document: WordDocument) -> list[str]:
    """The text of every header of every section (default, first page, even pages)."""
    return ["\n".join(paragraph.text for paragraph in header.paragraphs)
            for section in document.sections
            for header in (section.header, section.first_page_header, section.even_page_header)]


def footer_texts(document: WordDocument) -> list[str]:
    """The text of every footer of every section."""
    return ["\n".join(paragraph.text for paragraph in footer.paragraphs)
            for section in document.sections
            for footer in (section.footer, section.first_page_footer, section.even_page_footer)]


def all_text(document: WordDocument) -> str:
    """Every paragraph, table cell, header and footer, one per line."""
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts + header_texts(document) + footer_texts(document))


def assert_well_formed(data: bytes) -> None:
    """Every XML part of the package parses with a strict parser."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))


def docx_of(body: str, draft: bool = False, header: str = "En-tête", footer: str = "Pied") -> WordDocument:
    """A DOCX from an HTML body of the documents' subset."""
    marker = '<div class="draft-marker">BROUILLON</div>' if draft else ""
    data = write_docx(parse(f"<html><head><title>{header}</title></head><body>{marker}"
                            f'<div class="page-header">{header}</div><div class="page-footer">{footer}</div>'
                            f"{body}</body></html>"))
    assert_well_formed(data)
    return open_docx(data)


def texts_and_styles(document: WordDocument) -> list[tuple[str, str]]:
    return [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]


# --- Blocks to Word ----------------------------------------------------------------------------------------------

def test_headings_paragraphs_and_lists_take_word_styles():
    document = docx_of("<h1>Titre</h1><h2>Partie</h2><h3>Sous-partie</h3><h4>Point</h4><p>Texte <b>gras</b></p>"
                       "<ul><li>un</li><li>deux</li></ul><ol><li>premier</li></ol>")
    assert texts_and_styles(document) == [
        ("Heading 1", "Titre"), ("Heading 2", "Partie"), ("Heading 3", "Sous-partie"), ("Heading 4", "Point"),
        ("Normal", "Texte gras"), ("List Bullet", "un"), ("List Bullet", "deux"), ("List Number", "premier")]
    assert [run.bold for run in document.paragraphs[4].runs] == [None, True]


def test_tables_are_real_tables_with_repeated_header_rows_spans_and_css_widths():
    document = docx_of('<table><thead><tr><th class="label-column">Poste</th><th>Montant</th></tr></thead><tbody>'
                       '<tr><td>Loyer</td><td class="amount">6 000 €</td></tr>'
                       '<tr class="total"><th>Total</th><td class="amount">6 000 €</td></tr>'
                       '<tr><td colspan="2">Deux colonnes</td></tr></tbody></table>')
    (table,) = document.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Poste", "Montant"], ["Loyer", "6 000 €"], ["Total", "6 000 €"], ["Deux colonnes", "Deux colonnes"]]
    repeated = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in table.rows]
    assert repeated == [True, False, False, False]
    assert table.rows[3]._tr.tc_lst[0].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "2"
    assert column_widths()["label-column"] == 0.42
    for column, share in zip(table.columns, (0.42, 0.58)):
        assert abs(column.width - Cm(17) * share) < Mm(0.1)
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold and table.rows[2].cells[1].paragraphs[0].runs[0].bold
    assert table.rows[1].cells[1].paragraphs[0].alignment == 2   # right-aligned amounts


def hyphenates(document: WordDocument, paragraph) -> bool:
    """Whether Word hyphenates this paragraph: the document allows it and neither it nor its style refuses."""
    if document.settings.element.find(qn("w:autoHyphenation")) is None:
        return False
    own = paragraph._p.pPr.find(qn("w:suppressAutoHyphens")) if paragraph._p.pPr is not None else None
    if own is not None:
        return own.get(qn("w:val")) in ("0", "false")
    style = paragraph.style
    while style is not None:
        inherited = style.element.pPr.find(qn("w:suppressAutoHyphens")) if style.element.pPr is not None else None
        if inherited is not None:
            return inherited.get(qn("w:val")) in ("0", "false")
        style = style.base_style
    return True


def test_only_the_partners_and_teams_narrow_columns_hyphenate_as_in_the_pdf():
    document = docx_of('<p>Un paragraphe.</p><table class="partners"><tr><td>Accompagnement</td><td><ul>'
                       '<li>intercommunalités</li></ul></td></tr></table><table class="team"><tr><th>Fonction</th>'
                       '</tr></table><table><tr><td>https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000051794367</td>'
                       '</tr></table>')
    partners, team, sources = document.tables
    assert [hyphenates(document, p) for row in partners.rows for cell in row.cells for p in cell.paragraphs] == [
        True, True]
    assert hyphenates(document, team.rows[0].cells[0].paragraphs[0])
    assert not hyphenates(document, sources.rows[0].cells[0].paragraphs[0])  # a source's address stays whole
    assert not hyphenates(document, document.paragraphs[0])
    assert document.settings.element.find(qn("w:doNotHyphenateCaps")) is not None  # DGFiP, CNAF


def test_a_page_break_starts_the_next_block_on_a_new_page():
    document = docx_of('<section class="cover"><h1>Couverture</h1></section><h2>Suite</h2>')
    assert [p.paragraph_format.page_break_before for p in document.paragraphs] == [None, True]


def test_blanks_muted_text_and_alerts_look_as_in_the_pdf():
    document = docx_of('<p class="draft-notice">Alerte</p><p><span class="muted">gris</span> '
                       '<span class="blank-inline"></span></p>')
    alert, line = document.paragraphs
    assert alert.runs[0].bold and alert.runs[0].font.color.rgb == RED
    assert line.text == f"gris {BLANK_LINE}"
    assert line.runs[0].font.color.rgb == GREY
    assert line.runs[-1].text == BLANK_LINE and line.runs[-1].bold and line.runs[-1].font.color.rgb == RED


def test_line_breaks_are_breaks_never_newlines_in_the_text():
    document = docx_of('<p class="answer">1 rue Haute\n12400 Saint-Affrique\tSud</p><p>a<br>b</p>')
    first, second = document.paragraphs
    assert first.text == "1 rue Haute\n12400 Saint-Affrique Sud" and second.text == "a\nb"
    for paragraph in document.paragraphs:
        assert len(paragraph._p.findall(f".//{qn('w:br')}")) == paragraph.text.count("\n")
        assert not any("\n" in text.text or "\t" in text.text for text in paragraph._p.iter(qn("w:t")))


def test_running_header_footer_and_draft_mark():
    draft = docx_of("<p>x</p>", draft=True)
    section = draft.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "En-tête\tBROUILLON"
    assert section.first_page_header.paragraphs[0].text == "\tBROUILLON"   # the cover has no running header
    for footer in (section.footer, section.first_page_footer):
        assert footer.paragraphs[0].text.startswith("Pied\tPage ")
        fields = [field.get(qn("w:instr")) for field in footer._element.iter(qn("w:fldSimple"))]
        assert fields == [" PAGE ", " NUMPAGES "]
    assert draft.core_properties.title == "En-tête"
    assert "BROUILLON" not in all_text(docx_of("<p>x</p>"))


def test_hostile_text_comes_back_verbatim_everywhere():
    text = escape(TRICKY + CONTROLS)
    document = docx_of(f'<h2>{text}</h2><p>{text}</p><ul><li>{text}</li></ul>'
                       f'<table><tr><th>{text}</th><td class="answer">{text}</td></tr></table>',
                       draft=True, header=text, footer=text)
    assert [paragraph.text for paragraph in document.paragraphs] == [TRICKY] * 3
    assert [cell.text for cell in document.tables[0].rows[0].cells] == [TRICKY] * 2
    assert document.sections[0].header.paragraphs[0].text == f"{TRICKY}\tBROUILLON"
    assert document.sections[0].footer.paragraphs[0].text.startswith(f"{TRICKY}\tPage")
    assert document.core_properties.title == TRICKY
    assert "49" not in all_text(document)


def test_emoji_take_the_emoji_font_and_complex_scripts_keep_bold_and_size():
    document = docx_of("<p><strong>Mairie 🏛️ مرحبا 👩🏽‍🌾</strong></p>")
    runs = document.paragraphs[0].runs
    assert [run.text for run in runs] == ["Mairie ", "🏛️", " مرحبا ", "👩🏽‍🌾"]
    fonts = [run._r.rPr.find(qn("w:rFonts")) for run in runs]
    assert [f is not None and f.get(qn("w:hAnsi")) for f in fonts] == [False, EMOJI_FONT, False, EMOJI_FONT]
    assert all(run._r.rPr.find(qn("w:bCs")) is not None for run in runs)   # Arabic in bold, not only Latin


# --- The base template -------------------------------------------------------------------------------------------

def test_the_document_is_a4_with_2_cm_margins_french_and_named_fonts():
    document = docx_of("<p>x</p>")
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    for margin in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin):
        assert abs(margin - Cm(2)) < Mm(0.1)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {FONT}
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "fr-FR"
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Normal", "List Bullet", "Table Grid"):
        assert document.styles[name] is not None
    font_table = etree.fromstring(document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable").blob)
    alternatives = {font.get(qn("w:name")): font.find(qn("w:altName")).get(qn("w:val"))
                    for font in font_table if font.find(qn("w:altName")) is not None}
    assert alternatives[FONT] and alternatives[EMOJI_FONT]


def zip_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_base_template_on_disk_is_what_the_builder_writes(tmp_path):
    built = zip_parts(docx_templates.write_base(tmp_path).read_bytes())
    on_disk = zip_parts((docx_templates.DOCUMENTS_DIR / docx_templates.BASE_TEMPLATE).read_bytes())
    assert built == on_disk, "run python -m dossier.docx_templates"
    assert sorted(path.name for path in docx_templates.DOCUMENTS_DIR.glob("*.docx")) == ["base.docx"]


# --- The real documents ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("render", [render_dossier_docx, render_convention_docx])
@pytest.mark.parametrize("draft", [False, True])
def test_the_documents_render_with_their_parts_and_no_template_leftovers(render, draft):
    sample = sample_dossier(draft=draft)
    data = render(sample)
    assert_well_formed(data)
    document = open_docx(data)
    text = all_text(document)
    assert ("BROUILLON" in document.sections[0].header.paragraphs[0].text) is draft
    assert sample.project in document.core_properties.title and sample.project in header_texts(document)[0]
    assert sum(paragraph.style.name == "Heading 2" for paragraph in document.paragraphs) >= 2
    assert document.tables
    for tag in ("{{", "}}", "{%", "%}", "{#"):
        assert tag not in text


def test_the_convention_leaves_room_to_sign_as_the_pdf_does():
    document = open_docx(render_convention_docx(sample_dossier()))
    signatures = next(table for table in document.tables if "Signature" in table.rows[0].cells[0].text)
    for row in signatures.rows:
        assert row.height_rule == WD_ROW_HEIGHT_RULE.AT_LEAST and abs(row.height - Mm(28)) < Mm(0.1)
        properties = [child.tag.split("}")[1] for child in row._tr.trPr]
        assert properties == ["cantSplit", "trHeight"]  # the schema's order, which Word insists on
    others = [row for table in document.tables if table._tbl is not signatures._tbl for row in table.rows]
    assert others and all(row.height is None for row in others)


@pytest.mark.parametrize("render", [render_dossier_docx, render_convention_docx])
def test_hostile_answers_are_printed_verbatim_never_evaluated(render):
    hostile = HOSTILE + " " + TRICKY
    data = render(sample_dossier(draft=True, hostile=hostile + CONTROLS))
    assert_well_formed(data)
    document = open_docx(data)
    assert any(hostile in paragraph.text for paragraph in document.paragraphs)
    assert hostile in header_texts(document)[0]
    assert "49" not in all_text(document)


def test_render_time_of_the_complete_sample():
    sample = sample_dossier()
    for label, render in (("dossier", render_dossier_docx), ("convention", render_convention_docx)):
        start = time.perf_counter()
        render(sample)
        print(f"\n{label} DOCX render: {time.perf_counter() - start:.3f} s")
