"""The same text sent twice in a row: the second is a resend, not the answer to the question after it.

On a weak network the Telegram app shows a message as not sent, and people send it again; both arrive, seconds
apart. The membership remembers the member's last text that answered a question: a digest of its words (the text
itself is not kept), its Telegram date and that question. The same words again within a minute, by the messages'
own dates, while the guide asks another question now, are said to be taken once; sent a third time, they answer.
A short text ("oui", "12 400") may rightly answer two questions in a row, and so may one that refers to another
answer ("idem que La Poste", "pareil que pour la CAF"): neither is taken for a resend.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from dialogs.parsing import same_answer_as
from store.models import as_utc
from store.repo import MembershipRow

REPEAT_WINDOW = timedelta(seconds=60)
SHORTEST = 15  # characters: "oui", "Mi-temps", "12 400 habitants" answer two questions alike, a sentence rarely


def _digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()[:16]


def repeated(membership: MembershipRow, text: str, sent_at: datetime | None) -> str | None:
    """The question the member's last text answered, when this one repeats it just after; else None."""
    if membership.last_text_at is None or sent_at is None or len(text.strip()) < SHORTEST \
            or same_answer_as(text) is not None:
        return None
    if not timedelta(0) <= as_utc(sent_at) - membership.last_text_at <= REPEAT_WINDOW:
        return None
    return membership.last_text_question if membership.last_text_digest == _digest(text) else None


def remember(membership: MembershipRow, text: str, sent_at: datetime | None, question_id: str | None) -> None:
    """Note a text that answered `question_id`; one that answered nothing is forgotten."""
    if sent_at is None or question_id is None:
        forget(membership)
        return
    membership.last_text_digest, membership.last_text_at = _digest(text), as_utc(sent_at)
    membership.last_text_question = question_id


def forget(membership: MembershipRow) -> None:
    membership.last_text_digest = membership.last_text_at = membership.last_text_question = None
