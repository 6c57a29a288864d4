"""What the membership remembers of the last text and the last tap, and when the next input continues or repeats
it."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from states import paste, repeats, taps
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


def test_a_tap_repeats_the_last_one_only_on_the_same_message_with_the_same_data_and_nothing_changed():
    membership = member()
    taps.remember(membership, 55, "1:4:o:0", 5, AT)
    assert taps.repeated(membership, 55, "1:4:o:0", 5, AT + timedelta(days=1))  # carries a revision: any time
    assert not taps.repeated(membership, 56, "1:4:o:0", 5, AT)
    assert not taps.repeated(membership, 55, "1:4:o:1", 5, AT)
    assert not taps.repeated(membership, 55, "1:4:o:0", 6, AT)  # the project changed since
    assert not taps.repeated(membership, None, "1:4:o:0", 5, AT)
    taps.forget(membership)
    assert not taps.repeated(membership, 55, "1:4:o:0", 5, AT)


def test_a_button_valid_from_any_old_message_repeats_only_within_the_window():
    membership = member()
    taps.remember(membership, 55, "1::p:", 5, AT)
    assert taps.repeated(membership, 55, "1::p:", 5, AT + taps.TAP_WINDOW)
    assert not taps.repeated(membership, 55, "1::p:", 5, AT + taps.TAP_WINDOW + timedelta(seconds=1))


def test_data_that_cannot_be_ours_is_not_remembered():
    membership = member()
    taps.remember(membership, 55, "x" * 65, 5, AT)
    assert membership.last_tap_data is None


def test_the_same_words_within_the_window_repeat_the_text_that_answered():
    membership = member()
    sentence = "Éviter aux habitants d'aller à Saint-Flour"
    repeats.remember(membership, sentence, AT, "objectifs")
    assert membership.last_text_digest is not None and sentence not in str(vars(membership))  # no text kept
    assert repeats.repeated(membership, f"  {sentence.upper()} ", AT + repeats.REPEAT_WINDOW) == "objectifs"
    assert repeats.repeated(membership, sentence, AT + repeats.REPEAT_WINDOW + timedelta(seconds=1)) is None
    assert repeats.repeated(membership, sentence + ".", AT) is None
    assert repeats.repeated(membership, sentence, None) is None
    repeats.remember(membership, sentence, AT, None)  # it answered nothing: no resend of it either
    assert repeats.repeated(membership, sentence, AT) is None


def test_a_short_text_or_one_referring_to_another_answer_is_never_a_resend():
    membership = member()
    for text in ("Oui, bien sûr", "idem que La Poste", "Pareil que pour la CAF"):
        repeats.remember(membership, text, AT, "comite_annuel")
        assert repeats.repeated(membership, text, AT) is None
