"""What the benchmarks' fake Bot APIs share: no network, nothing to open or close."""
from __future__ import annotations

from telegram.request import BaseRequest


class OfflineRequest(BaseRequest):
    """Base of a transport that answers in memory."""

    @property
    def read_timeout(self) -> float | None:
        """No network, no timeout."""
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""
