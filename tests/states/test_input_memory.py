"""What the membership remembers of the last text and the last tap, and when the next input continues it."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from states import paste
from store.repo import MembershipRow

AT = datetime(2027, 7, 1, 8, 0, tzinfo=timezone.utc)
FULL = "é" * paste.TELEGRAM_TEXT_LIMIT


def member() -> MembershipRow:
    return MembershipRow(1, 1, "owner", None, None, None)


def test_a_text_at_the_limit_is_remembered_and_any_other_forgotten():
    membership = member()
    paste.remember(membership, FULL, AT, "objectifs")
    assert (membership.cut_text_at, membership.cut_text_question) == (AT, "objectifs")
    paste.remember(membership, FULL[:-1], AT, "objectifs")
    assert (membership.cut_text_at, membership.cut_text_question) == (None, None)
    paste.remember(membership, FULL, None, "objectifs")  # no Telegram date (the terminal): nothing to join
    assert membership.cut_text_at is None


def test_the_limit_counts_utf16_code_units():
    assert paste.utf16_length("🚀a") == 3
    membership = member()
    paste.remember(membership, "🚀" + FULL[2:], AT, None)
    assert membership.cut_text_at == AT


def test_the_next_part_comes_within_the_window_by_its_own_date():
    membership = member()
    paste.remember(membership, FULL, AT.astimezone(timezone(timedelta(hours=2))), None)
    assert membership.cut_text_at == AT and membership.cut_text_at.tzinfo == timezone.utc
    assert paste.continues(membership, AT)
    assert paste.continues(membership, AT + paste.PASTE_WINDOW)
    assert not paste.continues(membership, AT + paste.PASTE_WINDOW + timedelta(seconds=1))
    assert not paste.continues(membership, AT - timedelta(seconds=1))
    assert not paste.continues(membership, None)
    assert not paste.continues(member(), AT)
