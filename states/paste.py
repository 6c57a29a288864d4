"""A long paste cut by the Telegram app: the next part completes the answer the first part gave.

Telegram apps send a text longer than Telegram's limit as several messages, the first ones exactly at the
limit. The membership remembers the last text when it filled the limit (its Telegram date and the question
it answered); a text that follows it within a few seconds, by the messages' own dates, is its continuation.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from store.models import as_utc
from store.repo import MembershipRow

# Telegram's limit on one text message, in UTF-16 code units as Telegram and its apps count (an emoji
# outside the Basic Multilingual Plane counts two). A text exactly this long may be the head of a longer one.
TELEGRAM_TEXT_LIMIT = 4096
# The parts of one paste are sent together, within the same second or the next by their Telegram dates;
# a text typed by hand after a text that happened to be exactly 4,096 long comes later than this.
PASTE_WINDOW = timedelta(seconds=5)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def continues(membership: MembershipRow, sent_at: datetime | None) -> bool:
    """Whether a text sent at `sent_at` is the next part of the member's last text."""
    if membership.cut_text_at is None or sent_at is None:
        return False
    return timedelta(0) <= as_utc(sent_at) - membership.cut_text_at <= PASTE_WINDOW


def remember(membership: MembershipRow, text: str, sent_at: datetime | None, question_id: str | None) -> None:
    """Note this text for the next one: kept when it fills the limit (a part may follow), else forgotten."""
    if sent_at is not None and utf16_length(text) == TELEGRAM_TEXT_LIMIT:
        membership.cut_text_at, membership.cut_text_question = as_utc(sent_at), question_id
    else:
        forget(membership)


def forget(membership: MembershipRow) -> None:
    """Anything but a text ends a paste."""
    membership.cut_text_at = membership.cut_text_question = None
