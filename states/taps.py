"""The same button tapped twice acts once: the second tap is recognised and only acknowledged.

People tap again while Telegram's spinner turns, or before the edited message reaches their phone; both taps
reach the bot. The membership remembers the last tap that had an effect: which message, which button data,
the project's revision right after it, and when. A tap of that same button, on that same message, with the
project unchanged since, is a repeat.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from states.buttons import MAX_BYTES, decode
from store.repo import MembershipRow

# A button carrying a revision acts on the project as it was when the button was sent: once it has acted and
# nothing changed since, another tap can only be the same request, however late. A button valid from any old
# message (menu, progress, documents, calendar file…) may rightly be tapped again later; a second tap of it
# is a repeat only this soon after the first. Measured on the engine's clock when each tap is handled, and
# the second waits behind the first in the chat's queue, documents included: hence far more than the second
# or so between two taps of a finger.
TAP_WINDOW = timedelta(seconds=30)


def repeated(membership: MembershipRow, message_id: int | None, data: str, revision: int, now: datetime) -> bool:
    """Whether this tap repeats the member's last one, with the project at `revision` now."""
    if message_id is None or membership.last_tap_at is None:
        return False
    if (membership.last_tap_message, membership.last_tap_data, membership.last_tap_revision) != (
            message_id, data, revision):
        return False
    payload = decode(data)
    return (payload is not None and payload.revision is not None) or now - membership.last_tap_at <= TAP_WINDOW


def remember(membership: MembershipRow, message_id: int | None, data: str, revision: int, now: datetime) -> None:
    """Note a tap that had an effect, with the project's revision after it."""
    if message_id is None or len(data) > MAX_BYTES:  # not from a Telegram message, or not our data
        forget(membership)
        return
    membership.last_tap_message, membership.last_tap_data = message_id, data
    membership.last_tap_revision, membership.last_tap_at = revision, now


def forget(membership: MembershipRow) -> None:
    """Anything but a tap in between: the next tap is not a repeat."""
    membership.last_tap_message = membership.last_tap_data = None
    membership.last_tap_revision = membership.last_tap_at = None
