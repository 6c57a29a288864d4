"""The documents' HTML read back as a small typed block model, which dossier/word.py writes as a DOCX.

The HTML a template may use is a contract, so that a template cannot print something the DOCX silently drops:
- document scaffolding: html, head (title, meta, link: ignored but the title), body;
- transparent containers: section, div, header;
- blocks: h1–h4, p, ul/ol/li, table/thead/tbody/tr/th/td (colspan);
- inline: strong/b, em/i, span, br.
Attributes: `class` everywhere, `colspan` on th/td, and only in the scaffolding lang, charset, rel and href.
Classes that mean something here:
- `div.page-header` and `div.page-footer` are the running header and footer (WeasyPrint running elements),
  `div.draft-marker` marks a draft; none of them is part of the flow;
- "page-break-after", and `section.cover`, end with a page break;
- "blank" and "blank-inline" mark a fill-in blank; an empty one (not even a space) prints BLANK_LINE, as the
  stylesheet does with :empty;
- "muted" and "reference" are greyed, "draft-notice" and "state-not_met" red (Run.kind);
- "answer" keeps the text's line breaks (CSS white-space: pre-line).
Other classes are kept on paragraphs, cells, rows and tables for the writer to style, or ignored. Any other tag
or attribute raises UnsupportedMarkup, naming it and its line.

Text is data: character references are decoded once by the parser, whitespace is collapsed the way HTML does
(non-breaking spaces kept), characters XML cannot carry are dropped, and nothing is ever evaluated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

BLANK_LINE = "_" * 20          # an empty fill-in blank; documents.css draws the same underscores
BREAK = "\n"                   # a line break (<br>, or a newline in an "answer") inside a run's text

SCAFFOLDING = {"html": {"lang"}, "head": set(), "title": set(), "meta": {"charset"}, "link": {"rel", "href"},
               "body": set()}
CONTAINERS = {"section", "div", "header"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
INLINE = {"strong", "b", "em", "i", "span", "br"}
BLOCKS = {"p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", *HEADINGS}
VOID = {"br", "meta", "link"}
RUN_KINDS = {"blank": "blank", "blank-inline": "blank", "muted": "muted", "reference": "muted",
             "draft-notice": "alert", "state-not_met": "alert"}

_HTML_SPACE = re.compile("[ \t\n\r\f]+")     # what HTML collapses; U+00A0 and U+202F are not among them
_LINE_SPACE = re.compile("[ \t\r\f]+")
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class UnsupportedMarkup(ValueError):
    """HTML outside the documents' subset: the DOCX could not say the same as the PDF."""


@dataclass(frozen=True)
class Run:
    text: str                  # may hold BREAK
    bold: bool = False
    italic: bool = False
    kind: str = ""             # "" | "blank" (a fill-in blank) | "muted" | "alert"


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    level: int                 # 1..4
    runs: Runs

    @property
    def text(self) -> str:
        return text_of(self.runs)


@dataclass(frozen=True)
class Paragraph:
    runs: Runs
    classes: frozenset[str] = frozenset()     # the element's own classes ("reference", "kicker", …)

    @property
    def text(self) -> str:
        return text_of(self.runs)


@dataclass(frozen=True)
class BulletList:
    items: tuple[Runs, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Cell:
    blocks: tuple[Paragraph | BulletList, ...]
    header: bool = False       # a th
    colspan: int = 1
    classes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    header: bool = False       # in thead: repeated at the top of every page
    classes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    classes: frozenset[str] = frozenset()

    @property
    def columns(self) -> int:
        return max((sum(cell.colspan for cell in row.cells) for row in self.rows), default=0)


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | BulletList | Table | PageBreak


@dataclass(frozen=True)
class Document:
    title: str
    header: str                # the running header's text, "" when none
    footer: str
    draft: bool
    blocks: tuple[Block, ...]


def text_of(runs: Runs) -> str:
    return "".join(run.text for run in runs)


def parse(markup: str) -> Document:
    """The document an HTML string of the subset describes; UnsupportedMarkup for anything else."""
    tree = _TreeBuilder()
    tree.feed(markup)
    tree.close()
    return _Converter().document(tree.root)


# --- HTML to a tree of checked elements --------------------------------------------------------------------------

@dataclass
class _Element:
    tag: str
    classes: frozenset[str]
    colspan: int
    line: int
    children: list[_Element | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """Builds the element tree, refusing tags and attributes outside the subset and unbalanced end tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)   # character references decoded once, into data
        self.root = _Element("#document", frozenset(), 1, 0)
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        allowed = SCAFFOLDING.get(tag, set()) | {"class"} | ({"colspan"} if tag in ("th", "td") else set())
        if tag not in SCAFFOLDING and tag not in CONTAINERS and tag not in INLINE and tag not in BLOCKS:
            raise UnsupportedMarkup(f"line {line}: <{tag}> is not part of the documents' HTML subset")
        names = {name for name, _ in attrs}
        if names - allowed:
            raise UnsupportedMarkup(f"line {line}: <{tag}> has unsupported attributes {sorted(names - allowed)}")
        values = dict(attrs)
        colspan = values.get("colspan") or "1"
        if not colspan.isdigit() or not 1 <= int(colspan) <= 50:
            raise UnsupportedMarkup(f"line {line}: colspan {colspan!r} is not a small positive number")
        element = _Element(tag, frozenset((values.get("class") or "").split()), int(colspan), line)
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if len(self.open) == 1 or self.open[-1].tag != tag:
            expected = self.open[-1].tag if len(self.open) > 1 else "nothing"
            raise UnsupportedMarkup(f"line {self.getpos()[0]}: </{tag}> closes {expected}: end tags are required")
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)

    def handle_pi(self, data: str) -> None:
        raise UnsupportedMarkup(f"line {self.getpos()[0]}: processing instructions are not supported")

    def close(self) -> None:
        super().close()
        if len(self.open) > 1:
            raise UnsupportedMarkup(f"<{self.open[-1].tag}> of line {self.open[-1].line} is never closed")


# --- Tree to blocks ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Style:
    """What an element passes down to the text inside it."""

    bold: bool = False
    italic: bool = False
    kind: str = ""
    pre_line: bool = False

    def inside(self, element: _Element) -> _Style:
        kinds = [RUN_KINDS[name] for name in sorted(element.classes) if name in RUN_KINDS]
        return _Style(self.bold or element.tag in ("strong", "b"), self.italic or element.tag in ("em", "i"),
                      kinds[0] if kinds else self.kind, self.pre_line or "answer" in element.classes)


@dataclass(frozen=True)
class _Piece:
    text: str                  # raw text, or BREAK for a <br>
    style: _Style
    hard: bool = False         # a <br>


def _empty_blank(element: _Element) -> bool:
    """A blank with nothing inside, not even a space: what CSS's :empty selects to draw the underscores."""
    return bool(element.classes & {"blank", "blank-inline"}) and not element.children


class _Converter:
    def __init__(self) -> None:
        self.title = self.header = self.footer = ""
        self.draft = False

    def document(self, root: _Element) -> Document:
        blocks = self.flow(root, _Style())
        while blocks and isinstance(blocks[-1], PageBreak):
            blocks.pop()
        return Document(self.title, self.header, self.footer, self.draft, tuple(blocks))

    def flow(self, element: _Element, style: _Style) -> list[Block]:
        """The blocks of a container's children; loose inline content becomes a paragraph, as in HTML."""
        blocks: list[Block] = []
        pending: list[_Piece] = []

        def flush() -> None:
            runs = _runs(pending)
            if runs:
                blocks.append(Paragraph(runs))
            pending.clear()

        for child in element.children:
            if isinstance(child, str) or child.tag in INLINE:
                pending.extend(self.inline(child, style))
                continue
            flush()
            blocks.extend(self.block(child, style.inside(child)))
        flush()
        return blocks

    def block(self, element: _Element, style: _Style) -> list[Block]:
        tag, classes = element.tag, element.classes
        if tag == "head":
            self.title = text_of(_runs(self.text_pieces(element, style)))
            return []
        if tag == "div" and classes & {"page-header", "page-footer", "draft-marker"}:
            text = text_of(_runs(self.inline_children(element, style))).replace(BREAK, " ")
            if "page-header" in classes:
                self.header = text
            elif "page-footer" in classes:
                self.footer = text
            else:
                self.draft = True
            return []
        if tag in ("html", "body") or tag in CONTAINERS:
            blocks = self.flow(element, style)
            if _empty_blank(element):
                blocks = [Paragraph((Run(BLANK_LINE, style.bold, style.italic, "blank"),))]
            if "page-break-after" in classes or (tag == "section" and "cover" in classes):
                blocks.append(PageBreak())
            return blocks
        if tag in HEADINGS:
            return [Heading(HEADINGS[tag], _runs(self.inline_children(element, style)))]
        if tag == "p":
            runs = _runs(self.inline_children(element, style))
            return [Paragraph(runs, classes)] if runs else []
        if tag in ("ul", "ol"):
            items = tuple(_runs(self.inline_children(item, style.inside(item)))
                          for item in self.children(element, {"li"}))
            return [BulletList(tuple(item for item in items if item), tag == "ol")]
        if tag == "table":
            return [self.table(element, style)]
        raise UnsupportedMarkup(f"line {element.line}: <{tag}> cannot stand here")

    def children(self, element: _Element, tags: set[str]) -> list[_Element]:
        """The element children of a list or a table part, which may only be of the given tags."""
        found = []
        for child in element.children:
            if isinstance(child, str):
                if _HTML_SPACE.sub("", child):
                    raise UnsupportedMarkup(f"line {element.line}: text directly inside <{element.tag}>")
            elif child.tag in tags:
                found.append(child)
            else:
                raise UnsupportedMarkup(f"line {child.line}: <{child.tag}> inside <{element.tag}>")
        return found

    def table(self, element: _Element, style: _Style) -> Table:
        rows = []
        for part in self.children(element, {"thead", "tbody", "tr"}):
            for row in ([part] if part.tag == "tr" else self.children(part, {"tr"})):
                row_style = style.inside(part).inside(row) if part is not row else style.inside(row)
                cells = tuple(self.cell(cell, row_style.inside(cell)) for cell in self.children(row, {"th", "td"}))
                rows.append(Row(cells, part.tag == "thead", row.classes))
        return Table(tuple(rows), element.classes)

    def cell(self, element: _Element, style: _Style) -> Cell:
        blocks = []
        for block in self.flow(element, style):
            if not isinstance(block, Paragraph | BulletList):
                raise UnsupportedMarkup(f"line {element.line}: only paragraphs and lists may stand in a cell")
            blocks.append(block)
        if _empty_blank(element):
            blocks = [Paragraph((Run(BLANK_LINE, kind="blank"),))]
        return Cell(tuple(blocks), element.tag == "th", element.colspan, element.classes)

    def inline_children(self, element: _Element, style: _Style) -> list[_Piece]:
        return [piece for child in element.children for piece in self.inline(child, style)]

    def inline(self, node: _Element | str, style: _Style) -> list[_Piece]:
        if isinstance(node, str):
            return [_Piece(node, style)]
        if node.tag == "br":
            return [_Piece(BREAK, style, hard=True)]
        if node.tag not in INLINE:
            raise UnsupportedMarkup(f"line {node.line}: <{node.tag}> inside inline content")
        inner = style.inside(node)
        return [_Piece(BLANK_LINE, inner)] if _empty_blank(node) else self.inline_children(node, inner)

    def text_pieces(self, element: _Element, style: _Style) -> list[_Piece]:
        """Every text inside an element, whatever the tags (the head's title)."""
        return [piece for child in element.children for piece in
                ([_Piece(child, style)] if isinstance(child, str) else self.text_pieces(child, style))]


def _runs(pieces: list[_Piece]) -> Runs:
    """Pieces of inline text as runs, whitespace collapsed as HTML does, equal neighbours merged."""
    out: list[list] = []          # [text, (bold, italic, kind)]
    line_start = True

    def add(text: str, style: _Style) -> None:
        look = (style.bold, style.italic, style.kind)
        if out and out[-1][1] == look:
            out[-1][0] += text
        else:
            out.append([text, look])

    def trim_end() -> None:
        while out and out[-1][0].endswith(" "):
            out[-1][0] = out[-1][0][:-1]
            if not out[-1][0]:
                out.pop()

    for piece in pieces:
        text = _UNPRINTABLE.sub("", piece.text.replace("\r\n", "\n").replace("\r", "\n")) if not piece.hard else ""
        lines = [BREAK] if piece.hard else (
            re.split("( ?\n ?)", _LINE_SPACE.sub(" ", text)) if piece.style.pre_line else [_HTML_SPACE.sub(" ", text)])
        for segment in lines:
            if segment.strip(" ") == BREAK:
                trim_end()
                add(BREAK, piece.style)
                line_start = True
                continue
            if segment.startswith(" ") and (line_start or (out and out[-1][0].endswith(" "))):
                segment = segment[1:]
            if segment:
                add(segment, piece.style)
                line_start = False
    trim_end()
    if out and out[-1][0].endswith(BREAK):   # a last line break ends no line, as in HTML
        out[-1][0] = out[-1][0][:-1]
        trim_end()
        if out and not out[-1][0]:
            out.pop()
    return tuple(Run(text, *look) for text, look in out if text)
