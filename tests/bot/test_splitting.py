"""Long replies are cut under Telegram's limit, each piece valid HTML, nothing lost."""
from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.splitting import split_html
from tests.support.telegram import parse_telegram_html

words = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), min_size=1,
                max_size=40)


@st.composite
def messages(draw):
    parts = []
    for _ in range(draw(st.integers(1, 60))):
        word = html.escape(draw(words))
        tag = draw(st.sampled_from([None, "b", "i", "code"]))
        parts.append(f"<{tag}>{word}</{tag}>" if tag else word)
        parts.append(draw(st.sampled_from([" ", "\n", "", "\n\n"])))
    return "".join(parts)


@settings(max_examples=200, deadline=None)
@given(messages(), st.integers(min_value=60, max_value=400))
def test_pieces_fit_parse_and_keep_every_character(markup, limit):
    pieces = split_html(markup, limit)
    assert all(len(piece) <= limit for piece in pieces)
    visible = []
    for piece in pieces:
        error, text = parse_telegram_html(piece)
        assert error is None, piece
        visible.append(text)
    _, whole = parse_telegram_html(markup)
    squash = lambda s: "".join(s.split())  # cuts may drop the blank at the cut, nothing else
    assert squash("".join(visible)) == squash(whole)


def test_a_short_message_is_left_alone():
    assert split_html("<b>Bonjour</b>") == ["<b>Bonjour</b>"]


def test_cuts_prefer_line_breaks():
    lines = [f"Ligne {n} " + "x" * 50 for n in range(200)]
    pieces = split_html("\n".join(lines), 4096)
    assert len(pieces) == 3
    assert all(piece.split("\n")[0].startswith("Ligne") for piece in pieces)


def test_a_tag_open_at_the_cut_is_closed_and_reopened():
    pieces = split_html("<b>" + "mot " * 2000 + "</b>", 4096)
    assert len(pieces) == 2
    assert pieces[0].endswith("</b>") and pieces[1].startswith("<b>")
