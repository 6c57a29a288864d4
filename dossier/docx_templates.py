"""Build the Word templates of templates/documents (docxtpl tags in python-docx paragraphs); run as a module.

This module is the source of dossier.docx and convention.docx, as an .html.j2 file is for HTML: the French
headings and labels live here and nowhere else in Python. Regenerate with `python -m dossier.docx_templates`.
Every template reads one context variable, `d`, the view model dossier.model.Dossier.
"""
from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

DOCUMENTS_DIR = Path(__file__).resolve().parents[1] / "templates" / "documents"
FONT = "DejaVu Sans"
LANGUAGE = "fr-FR"
FIXED_TIME = datetime(2026, 1, 1, tzinfo=timezone.utc)   # core properties, so the files are reproducible
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
TEXT_WIDTH_CM = 17.0                                      # A4 (21 cm) minus two 2 cm margins
NBSP = "\u00a0"                                           # French typography: no-break space before ":"
DRAFT_COLOR = RGBColor(0xC0, 0x00, 0x00)
HEADER_FILL = "D9E2F3"
NOTE_COLOR = RGBColor(0x59, 0x59, 0x59)

Container = WordDocument | _Cell


# --- Low-level helpers -------------------------------------------------------------------------------------------

def _set_fonts(rpr) -> None:
    """Give an rPr element explicit DejaVu Sans fonts for every script, without theme fonts."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def _setup_styles(document: WordDocument) -> None:
    """DejaVu Sans everywhere (defaults, Normal and every style naming a font), French as the proofing language."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(defaults)
    language = defaults.find(qn("w:lang"))
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    _set_fonts(normal.element.get_or_add_rPr())
    for fonts in styles.iter(qn("w:rFonts")):
        _set_fonts(fonts.getparent())
    normal.paragraph_format.space_after = Pt(4)


def _setup_page(document: WordDocument) -> None:
    """A4 portrait, 2 cm margins."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1)


def _setup_properties(document: WordDocument, title: str) -> None:
    """Fixed core properties: no generator name, no build time."""
    properties = document.core_properties
    properties.author = "Guide MSAP"
    properties.last_modified_by = "Guide MSAP"
    properties.comments = ""
    properties.title = title
    properties.language = LANGUAGE
    properties.revision = 1
    properties.created = properties.modified = FIXED_TIME


def _page_field(paragraph: Paragraph) -> None:
    """Append a PAGE field (the current page number) to a paragraph."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _setup_header_footer(document: WordDocument, footer_text: str) -> None:
    """BROUILLON in the page header of every page when drafting; the project and the page number below."""
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run("{% if d.draft %}BROUILLON{% endif %}")
    run.bold = True
    run.font.size = Pt(14)
    run.font.color.rgb = DRAFT_COLOR
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run(f"{{{{ d.project }}}} · {footer_text} · page ")
    run.font.size = Pt(8)
    run.font.color.rgb = NOTE_COLOR
    _page_field(footer)


def _new_document(title: str, footer_text: str) -> WordDocument:
    """An empty A4 document with the fonts, properties, header and footer of every template."""
    document = Document()
    _setup_page(document)
    _setup_styles(document)
    _setup_properties(document, title)
    _setup_header_footer(document, footer_text)
    return document


def _paragraph(container: Container, text: str = "", style: str | None = None, *, bold: bool = False,
               italic: bool = False, size: float | None = None, color: RGBColor | None = None,
               align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
    """A paragraph of one run (tags must never be split between runs)."""
    paragraph = container.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = color
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _tag(container: Container, statement: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag, e.g. `{%p for f in d.summary %}`; it vanishes on render."""
    container.add_paragraph(f"{{%p {statement} %}}")


def _labelled(container: Container, label: str, value: str, style: str | None = None) -> Paragraph:
    """A "label : value" paragraph, the label in bold."""
    paragraph = container.add_paragraph(style=style)
    paragraph.add_run(label).bold = True
    paragraph.add_run(f"{NBSP}: {value}")
    return paragraph


def _or_blank(expression: str, blank: str) -> str:
    """The value of an expression, or a fixed text when it is empty."""
    return f"{{% if {expression} %}}{{{{ {expression} }}}}{{% else %}}{blank}{{% endif %}}"


def _page_break(container: Container) -> None:
    """A paragraph holding a page break."""
    container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _heading(container: WordDocument, text: str, level: int, *, new_page: bool = False) -> Paragraph:
    """A heading, optionally starting a page."""
    paragraph = container.add_heading(text, level)
    if new_page:
        paragraph.paragraph_format.page_break_before = True
    return paragraph


def _note(container: Container, text: str) -> Paragraph:
    """A small grey line (references to the fiche)."""
    return _paragraph(container, text, italic=True, size=8.5, color=NOTE_COLOR)


def _facts(container: Container, expression: str, empty: str, variable: str = "f") -> None:
    """One "label : text" paragraph per Fact of a list, or a sentence when the list is empty."""
    _tag(container, f"for {variable} in {expression}")
    _labelled(container, f"{{{{ {variable}.label }}}}", f"{{{{ {variable}.text }}}}")
    _tag(container, "else")
    _paragraph(container, empty, italic=True)
    _tag(container, "endfor")


def _bullets(container: Container, expression: str, empty: str, item: str = "{{ x }}", variable: str = "x") -> None:
    """One bulleted paragraph per item of a list, or a sentence when the list is empty."""
    _tag(container, f"for {variable} in {expression}")
    _paragraph(container, item, "List Bullet")
    _tag(container, "else")
    _paragraph(container, empty, italic=True)
    _tag(container, "endfor")


# --- Tables ------------------------------------------------------------------------------------------------------

def _shade(cell: _Cell, fill: str) -> None:
    """Fill a cell's background."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(row) -> None:
    """Repeat a row at the top of every page the table spans."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _new_table(document: WordDocument, headers: Sequence[str], widths_cm: Sequence[float]) -> Table:
    """A grid table with a shaded, repeated header row and fixed column widths."""
    table = document.add_table(rows=0, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    _row(table, headers, bold=True, fill=HEADER_FILL)
    _repeat_as_header(table.rows[0])
    return table


def _row(table: Table, texts: Sequence[str], *, bold: bool = False, fill: str | None = None):
    """Append a row, one single-run paragraph per cell."""
    row = table.add_row()
    texts = list(texts) + [""] * (len(table.columns) - len(texts))
    for cell, text, column in zip(row.cells, texts, table.columns):
        cell.width = column.width
        if text:
            cell.paragraphs[0].add_run(text).bold = bold or None
        if fill:
            _shade(cell, fill)
    return row


def _merged_row(table: Table, text: str, *, italic: bool = True):
    """Append a row of one cell spanning the whole table."""
    row = _row(table, [""] * len(table.columns))
    cell = row.cells[0].merge(row.cells[-1])
    cell.paragraphs[0].add_run(text).italic = italic or None
    return row


def _loop_rows(table: Table, statement: str, cells: Sequence[str], empty: str) -> None:
    """Rows repeated by a docxtpl `{%tr for %}` loop, with a spanning sentence when the list is empty."""
    _row(table, [f"{{%tr {statement} %}}"])
    _row(table, cells)
    _row(table, ["{%tr else %}"])
    _merged_row(table, empty)
    _row(table, ["{%tr endfor %}"])


# --- Shared blocks -----------------------------------------------------------------------------------------------

def _cover_lines(document: WordDocument) -> None:
    """Project, territory, carrier, leader, date and referential."""
    _paragraph(document, "{{ d.project }}", bold=True, size=20, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(document)
    _labelled(document, "Territoire", "{{ d.territory }}")
    _labelled(document, "Porteur", _or_blank("d.carrier", "non renseigné"))
    _labelled(document, "Chef de projet", _or_blank("d.leader", "non renseigné"))
    _labelled(document, "Date", "{{ d.generated_on }}")
    _labelled(document, "Référentiel", "{{ d.referential }}")


def _draft_block(document: WordDocument, purpose: str) -> None:
    """When drafting: the requirements' count, what is missing and the rules not met with their kind, then a page
    break; the same words as the PDF's `to_complete` macro."""
    _tag(document, "if d.draft")
    _heading(document, f"Éléments à compléter avant {purpose}", 1)
    _paragraph(document, "Ce document est un brouillon : il ne peut être ni transmis ni signé en l'état. Les points "
                         "suivants restent à traiter.")
    _paragraph(document, "{{ d.conformity }}", bold=True)
    _heading(document, "Réponses obligatoires manquantes", 2)
    _bullets(document, "d.missing", "Aucune réponse obligatoire ne manque.", "{{ m }}", "m")
    _heading(document, "Points en défaut", 2)
    _tag(document, "for c in d.unmet")
    paragraph = document.add_paragraph(style="List Bullet")
    paragraph.add_run("{{ c.kind_name }} · ")
    paragraph.add_run("{{ c.title }}").bold = True
    paragraph.add_run(f"{{% if c.reason %}}{NBSP}: {{{{ c.reason }}}}{{% endif %}}")
    paragraph.add_run(f" (Fiche technique{NBSP}: «{NBSP}{{{{ c.fiche }}}}{NBSP}»)").italic = True
    _tag(document, "else")
    _paragraph(document, "Aucun point n'est en défaut.", italic=True)
    _tag(document, "endfor")
    _page_break(document)
    _tag(document, "endif")


# --- The dossier -------------------------------------------------------------------------------------------------

def _dossier_stages(document: WordDocument) -> None:
    """One section per stage, one subsection per step, the answers as "label : text" paragraphs."""
    _tag(document, "for s in d.stages")
    _heading(document, "Étape {{ s.order }} · {{ s.title }}", 1, new_page=True)
    _note(document, "Fiche technique : {{ s.fiche }}")
    _tag(document, "for st in s.steps")
    _heading(document, "{{ st.title }}", 2)
    _note(document, "{{ st.fiche }}")
    _facts(document, "st.facts", "Aucune réponse pour le moment.")
    _tag(document, "if st.deferred")
    _paragraph(document, "Questions laissées pour plus tard :", bold=True)
    _bullets(document, "st.deferred", "", "{{ q }}", "q")
    _tag(document, "endif")
    _tag(document, "endfor")
    _tag(document, "endfor")


def _dossier_partnership(document: WordDocument) -> None:
    """Partners with their services and convention state, local actors."""
    _heading(document, "Partenariat", 1, new_page=True)
    _heading(document, "Opérateurs partenaires", 2)
    table = _new_table(document, ["Opérateur", "Services", "Convention", "Signée le"], [3.5, 7.5, 3.0, 3.0])
    _loop_rows(table, "for p in d.partners",
               ["{{ p.name }}", "{{ p.services }}", _or_blank("p.convention", "non renseignée"), "{{ p.signed_on }}"],
               "Aucun opérateur partenaire renseigné.")
    _heading(document, "Acteurs locaux associés", 2)
    _bullets(document, "d.local_actors", "Aucun acteur local renseigné.", "{{ a }}", "a")


def _dossier_reception(document: WordDocument) -> None:
    """Delivery points, weekly schedule and its total, spaces and equipment."""
    _heading(document, "Accueil du public", 1)
    _heading(document, "Modes de délivrance et points d'accueil", 2)
    _facts(document, "d.delivery", "Modes de délivrance non renseignés.")
    _heading(document, "Horaires d'ouverture", 2)
    table = _new_table(document, ["Jour", "Horaires"], [4.0, 13.0])
    _loop_rows(table, "for h in d.schedule", ["{{ h.day }}", _or_blank("h.hours", "non renseigné")],
               "Horaires non renseignés.")
    _row(table, ["Total", _or_blank("d.schedule_total", "non calculé")], bold=True)
    _heading(document, "Locaux", 2)
    _bullets(document, "d.spaces", "Aucun espace renseigné.", "{{ s }}", "s")
    _heading(document, "Équipements", 2)
    _bullets(document, "d.equipment", "Aucun équipement renseigné.", "{{ e }}", "e")


def _dossier_team(document: WordDocument) -> None:
    """Team and training."""
    _heading(document, "Équipe et formation", 1)
    _heading(document, "Équipe", 2)
    _facts(document, "d.team", "Équipe non renseignée.")
    _heading(document, "Formation", 2)
    _facts(document, "d.training", "Formation non renseignée.")


def _dossier_conformity(document: WordDocument) -> None:
    """The requirements' count, then the rules in their three groups: each rule's state in the words of its kind,
    the reason when not met and the fiche line it comes from."""
    _heading(document, "Conformité au cahier des charges", 1, new_page=True)
    _paragraph(document, "{{ d.conformity }}", bold=True)
    _tag(document, "for g in d.check_groups")
    _heading(document, "{{ g.heading }}", 2)
    _note(document, "{{ g.intro }}").paragraph_format.keep_with_next = True
    _tag(document, "if g.checks")
    table = _new_table(document, ["Point de contrôle", "État", "Référence de la fiche technique"], [5.5, 5.5, 6.0])
    _row(table, ["{%tr for c in g.checks %}"])
    row = _row(table, ["{{ c.title }}", "{{ c.verdict }}", "{{ c.fiche }}"])
    state = row.cells[1]
    _tag(state, "if c.reason")
    _paragraph(state, "{{ c.reason }}", italic=True, size=8.5)
    _tag(state, "endif")
    _row(table, ["{%tr endfor %}"])
    _tag(document, "else")
    _paragraph(document, "Aucun point de contrôle de ce type.", italic=True)
    _tag(document, "endif")
    _tag(document, "endfor")


def _money_table(document: WordDocument, lines: str, empty: str, total_label: str, total: str) -> None:
    """A two-column table of MoneyLines and its total."""
    table = _new_table(document, ["Poste", "Montant"], [12.5, 4.5])
    _loop_rows(table, f"for l in {lines}", ["{{ l.label }}", "{{ l.amount }}"], empty)
    _row(table, [total_label, f"{{{{ {total} }}}}"], bold=True)


def _plan_row(table: Table, label: str, plan: str) -> None:
    """One row of the funding plan: charges, resources, the gap with its share, the surplus."""
    gap = (f"{{% if {plan}.gap %}}{{{{ {plan}.gap }}}}{{% if {plan}.gap_percent %}} ({{{{ {plan}.gap_percent }}}})"
           f"{{% endif %}}{{% else %}}—{{% endif %}}")
    _row(table, [label, f"{{{{ {plan}.charges }}}}", f"{{{{ {plan}.resources }}}}", gap,
                 _or_blank(f"{plan}.surplus", "—")])


def _dossier_budget(document: WordDocument) -> None:
    """Charges, resources, the subsidy computation, the funding plan and its balance, notes."""
    _heading(document, "Budget prévisionnel{% if d.budget.year %} {{ d.budget.year }}{% endif %}", 1,
             new_page=True)
    _heading(document, "Charges de fonctionnement", 2)
    _money_table(document, "d.budget.operating_charges", "Aucune charge de fonctionnement renseignée.",
                 "Total du fonctionnement", "d.budget.operating_total")
    _heading(document, "Charges d'investissement", 2)
    _money_table(document, "d.budget.investment_charges", "Aucune charge d'investissement renseignée.",
                 "Total de l'investissement", "d.budget.investment_total")
    _heading(document, "Ressources", 2)
    table = _new_table(document, ["Financeur", "Section", "Montant"], [9.0, 3.5, 4.5])
    _loop_rows(table, "for r in d.budget.resources", ["{{ r.label }}", "{{ r.use }}", "{{ r.amount }}"],
               "Aucune ressource renseignée.")
    _heading(document, "Subvention de labellisation", 2)
    _labelled(document, "Montant", "{{ d.budget.subsidy }}")
    _labelled(document, "Calcul", "{{ d.budget.subsidy_formula }}")
    _heading(document, "Plan de financement et équilibre", 2)
    table = _new_table(document, ["Section", "Charges", "Ressources", "Reste à financer", "Excédent"],
                       [3.4, 3.2, 3.2, 4.0, 3.2])
    _plan_row(table, "Fonctionnement", "d.budget.operating")
    _plan_row(table, "Investissement", "d.budget.investment")
    _tag(document, "if d.budget.notes")
    _heading(document, "Remarques", 2)
    _bullets(document, "d.budget.notes", "", "{{ n }}", "n")
    _tag(document, "endif")


def build_dossier() -> WordDocument:
    """The template of the "Dossier de demande de labellisation"."""
    document = _new_document("Dossier de demande de labellisation", "Dossier de demande de labellisation")
    _paragraph(document, "Dossier de demande de labellisation", "Title")
    _paragraph(document, "Maison de services au public", "Subtitle")
    _cover_lines(document)
    _page_break(document)
    _draft_block(document, "le dépôt du dossier")
    _heading(document, "Synthèse", 1)
    _facts(document, "d.summary", "Aucune information pour le moment.")
    _paragraph(document, "{{ d.conformity }}", bold=True)
    _paragraph(document, f"Le détail de la conformité figure dans la partie «{NBSP}Conformité au cahier des "
                         f"charges{NBSP}».")
    _dossier_stages(document)
    _dossier_partnership(document)
    _dossier_reception(document)
    _dossier_team(document)
    _dossier_conformity(document)
    _dossier_budget(document)
    _heading(document, "Suivi et évaluation", 1, new_page=True)
    _facts(document, "d.follow_up", "Modalités de suivi non renseignées.")
    _heading(document, "Pièces à joindre", 1)
    _tag(document, "for a in d.annexes")
    _paragraph(document, "☐ {{ a }}")
    _tag(document, "else")
    _paragraph(document, "Aucune pièce à joindre.", italic=True)
    _tag(document, "endfor")
    return document


# --- The convention ----------------------------------------------------------------------------------------------

BLANK_LINE = "_" * 60


def build_convention() -> WordDocument:
    """The template of the "Projet de convention-cadre": the ten items of décret n° 2016-403, blanks marked."""
    document = _new_document("Projet de convention-cadre", "Projet de convention-cadre")
    _paragraph(document, "Projet de convention-cadre", "Title")
    _paragraph(document, "Maison de services au public", "Subtitle")
    _cover_lines(document)
    _paragraph(document)
    _paragraph(document, "Projet établi selon les dix rubriques de la convention-cadre prévues par le décret "
                         "n° 2016-403 du 4 avril 2016 relatif aux maisons de services au public. Les passages "
                         f"«{NBSP}À compléter{NBSP}» restent à rédiger avec les partenaires avant la signature.",
               italic=True)
    _page_break(document)
    _draft_block(document, "la signature de la convention")
    _tag(document, "for i in d.convention")
    _heading(document, "{{ i.number }}. {{ i.title }}", 1)
    _tag(document, "if i.text")
    _paragraph(document, "{{ i.text }}")
    _tag(document, "else")
    paragraph = document.add_paragraph()
    paragraph.add_run(f"À compléter{NBSP}: ").bold = True
    paragraph.add_run("_" * 40)
    _paragraph(document, BLANK_LINE)
    _paragraph(document, BLANK_LINE)
    _tag(document, "endif")
    _tag(document, "endfor")
    _heading(document, "Signatures", 1, new_page=True)
    _paragraph(document, "Fait à ____________________, le ____________________")
    table = _new_table(document, ["Signataire", "Qualité", "Signature"], [6.5, 4.0, 6.5])
    carrier = _row(table, [_or_blank("d.carrier", "Le porteur de la Maison"), "Porteur", ""])
    carrier.height = Cm(2)
    _row(table, ["{%tr for p in d.partners %}"])
    _row(table, ["{{ p.name }}", "Opérateur partenaire", ""]).height = Cm(2)
    _row(table, ["{%tr endfor %}"])
    _paragraph(document)
    return document


# --- Writing -----------------------------------------------------------------------------------------------------

TEMPLATES: dict[str, Callable[[], WordDocument]] = {
    "dossier.docx": build_dossier,
    "convention.docx": build_convention,
}


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


def write_templates(directory: Path = DOCUMENTS_DIR) -> list[Path]:
    """Build every Word template into a directory; return the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in TEMPLATES.items():
        path = directory / name
        path.write_bytes(docx_bytes(build()))
        written.append(path)
    return written


def main(argv: Sequence[str] = ()) -> None:
    """Write the templates into templates/documents, or into the directory given as the only argument."""
    directory = Path(argv[0]) if argv else DOCUMENTS_DIR
    for path in write_templates(directory):
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
