"""The documents' HTML subset read as blocks: each tag, whitespace as HTML collapses it, entities, refusals."""
from __future__ import annotations

import pytest

from dossier.blocks import (BLANK_LINE, BulletList, Cell, Document, Heading, PageBreak, Paragraph, Row, Run, Table,
                            UnsupportedMarkup, parse)
from dossier.markup import render_html
from tests.dossier.sample import HOSTILE, sample_dossier


def blocks(body: str) -> tuple:
    return parse(f"<body>{body}</body>").blocks


def only(body: str):
    found = blocks(body)
    assert len(found) == 1, found
    return found[0]


# Each tag.

def test_headings_keep_their_level():
    assert blocks("<h1>Un</h1><h2>Deux</h2><h3>Trois</h3><h4>Quatre</h4>") == (
        Heading(1, (Run("Un"),)), Heading(2, (Run("Deux"),)), Heading(3, (Run("Trois"),)), Heading(4, (Run("Quatre"),)))


def test_paragraph_with_bold_italic_span_and_line_break():
    paragraph = only('<p class="kicker x">a <strong>b</strong> <b>c</b> <em>d</em> <i><span>e</span></i>'
                     'f<br>g</p>')
    assert paragraph == Paragraph((Run("a "), Run("b", bold=True), Run(" "), Run("c", bold=True), Run(" "),
                                   Run("d", italic=True), Run(" "), Run("e", italic=True), Run("f\ng")),
                                  frozenset({"kicker", "x"}))
    assert paragraph.text == "a b c d ef\ng"


def test_nested_bold_and_italic_add_up():
    assert only("<p><strong>a <em>b</em></strong></p>").runs == (Run("a ", bold=True), Run("b", bold=True, italic=True))


def test_lists_ordered_or_not():
    assert blocks("<ul><li>a</li><li><strong>b</strong> c</li></ul><ol><li>d</li></ol>") == (
        BulletList(((Run("a"),), (Run("b", bold=True), Run(" c")))), BulletList(((Run("d"),),), ordered=True))


def test_a_table_with_header_rows_spans_and_classes():
    table = only('<table class="money"><thead><tr><th class="label-column">Poste</th><th>Montant</th></tr></thead>'
                 '<tbody><tr class="total"><th>Total</th><td class="amount">1 €</td></tr>'
                 '<tr><td colspan="2"><p>x</p><ul><li>y</li></ul>z</td></tr></tbody></table>')
    assert table == Table((
        Row((Cell((Paragraph((Run("Poste"),)),), header=True, classes=frozenset({"label-column"})),
             Cell((Paragraph((Run("Montant"),)),), header=True)), header=True),
        Row((Cell((Paragraph((Run("Total"),)),), header=True),
             Cell((Paragraph((Run("1 €"),)),), classes=frozenset({"amount"}))), classes=frozenset({"total"})),
        Row((Cell((Paragraph((Run("x"),), frozenset({})), BulletList(((Run("y"),),)), Paragraph((Run("z"),))),
                  colspan=2),)),
    ), frozenset({"money"}))
    assert table.columns == 2


def test_rows_straight_in_the_table_and_empty_cells():
    table = only("<table><tr><td></td><td> </td></tr></table>")
    assert table == Table((Row((Cell(()), Cell(()))),))


def test_containers_are_transparent_and_loose_text_is_a_paragraph():
    assert blocks("<section><header><div>a <span>b</span></div></header>c<p>d</p>e</section>") == (
        Paragraph((Run("a b"),)), Paragraph((Run("c"),)), Paragraph((Run("d"),)), Paragraph((Run("e"),)))


def test_page_breaks_after_the_cover_and_marked_elements_but_not_at_the_end():
    assert blocks('<section class="cover"><h1>T</h1></section><div class="page-break-after"><p>a</p></div>'
                  '<p>b</p><section class="page-break-after">c</section>') == (
        Heading(1, (Run("T"),)), PageBreak(), Paragraph((Run("a"),)), PageBreak(), Paragraph((Run("b"),)),
        Paragraph((Run("c"),)))


def test_the_document_title_running_header_footer_and_draft_mark():
    document = parse('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Le &amp; titre</title>'
                     '<link rel="stylesheet" href="documents.css"></head><body>'
                     '<div class="draft-marker">BROUILLON</div><div class="page-header">En-tête – <b>P</b></div>'
                     '<div class="page-footer">Pied</div><p>Texte</p></body></html>')
    assert document == Document("Le & titre", "En-tête – P", "Pied", True, (Paragraph((Run("Texte"),)),))
    assert parse("<p>a</p>").draft is False


def test_blanks_muted_and_alert_kinds():
    paragraph = only('<p class="draft-notice">A <span class="muted">b</span> <span class="blank-inline">___</span>'
                     ' <span class="blank-inline"></span> <span class="state state-not_met">N</span></p>')
    assert paragraph.runs == (Run("A ", kind="alert"), Run("b", kind="muted"), Run(" ", kind="alert"),
                              Run("___", kind="blank"), Run(" ", kind="alert"), Run(BLANK_LINE, kind="blank"),
                              Run(" N", kind="alert"))
    filled = '<div class="blank"><p class="label">À compléter</p><div></div></div>'
    assert blocks(f'<div class="blank"></div>{filled}') == (
        Paragraph((Run(BLANK_LINE, kind="blank"),)), Paragraph((Run("À compléter", kind="blank"),),
                                                               frozenset({"label"})))
    assert only('<table><tr><td class="blank"></td></tr></table>').rows[0].cells[0].blocks == (
        Paragraph((Run(BLANK_LINE, kind="blank"),)),)


# Whitespace and text.

def test_whitespace_collapses_as_in_html():
    assert only("<p>\n  Un \t deux\r\n  trois  </p>").text == "Un deux trois"
    assert only("<p>a <b> b </b> c</p>").runs == (Run("a "), Run("b ", bold=True), Run("c"))
    assert only("<p>a <br> b <br></p>").text == "a\nb"
    assert only("<p> <span> </span> a</p>").text == "a"


def test_no_break_spaces_are_not_whitespace():
    assert only("<p>12\u202f500\u00a0€ :&nbsp;x \u00a0 </p>").text == "12\u202f500\u00a0€ :\u00a0x \u00a0"


def test_an_answer_keeps_its_line_breaks():
    assert only('<p class="answer">1 rue Haute  \r\n 12400\tSaint-Affrique\n\nFrance </p>').text == (
        "1 rue Haute\n12400 Saint-Affrique\n\nFrance")
    cell = only('<table><tr><td class="answer">a\nb</td></tr></table>').rows[0].cells[0]
    assert cell.blocks[0].text == "a\nb"


def test_entities_are_decoded_once_and_text_is_never_evaluated():
    assert only("<p>&amp;lt;b&amp;gt; &lt;i&gt; &#123;&#123; 7*7 }} {% raw %} &quot;&#x27;&eacute;</p>").text == (
        "&lt;b&gt; <i> {{ 7*7 }} {% raw %} \"'é")


def test_characters_xml_cannot_carry_are_dropped():
    assert only("<p>a\x00b\x07c\x0bd\x7fe\x85f\ufffeg\ud800h</p>").text == "abcdefgh"


# Refusals.

@pytest.mark.parametrize("markup, named", [
    ('<img src="x.png">', "<img>"), ("<script>alert(1)</script>", "<script>"), ("<style>p{}</style>", "<style>"),
    ('<a href="http://x">x</a>', "<a>"), ("<dl><dt>a</dt></dl>", "<dl>"), ("<h5>a</h5>", "<h5>"),
    ('<p style="color:red">a</p>', "style"), ('<p id="x">a</p>', "id"), ('<td colspan="0">', "colspan"),
])
def test_unknown_tags_and_attributes_are_refused_by_name(markup, named):
    with pytest.raises(UnsupportedMarkup, match=named):
        parse(f"<body>{markup}</body>")


@pytest.mark.parametrize("markup", [
    "<p>a", "<p>a</div>", "<p><p>a</p></p>", "<ul>a<li>b</li></ul>", "<ul><p>a</p></ul>", "<li>a</li>",
    "<table><tr><td><h2>a</h2></td></tr></table>", "<table><tr><td><table></table></td></tr></table>",
    "<p>a<ul><li>b</li></ul></p>", "<tr><td>a</td></tr>",
])
def test_malformed_or_misplaced_markup_is_refused(markup):
    with pytest.raises(UnsupportedMarkup):
        parse(f"<body>{markup}</body>")


# The real templates.

@pytest.mark.parametrize("template", ["dossier.html.j2", "convention.html.j2", "checklist.html.j2"])
@pytest.mark.parametrize("draft", [False, True])
def test_every_document_template_stays_inside_the_subset(template, draft):
    document = parse(render_html(template, sample_dossier(draft=draft, hostile=HOSTILE)))
    assert document.draft is draft
    assert HOSTILE in document.header and document.footer and HOSTILE in document.title
    assert any(isinstance(block, Heading) and block.level == 2 for block in document.blocks)
