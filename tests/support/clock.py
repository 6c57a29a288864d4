"""A clock the tests set by hand, in Paris local time."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def paris(text: str) -> datetime:
    """'2028-05-14 09:00' in Paris, as a UTC instant."""
    return datetime.fromisoformat(text).replace(tzinfo=PARIS).astimezone(timezone.utc)


class FrozenClock:
    def __init__(self, local: str) -> None:
        self.now = paris(local)

    def __call__(self) -> datetime:
        return self.now

    def set(self, local: str) -> None:
        self.now = paris(local)

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
