"""The errors of the dialogs layer: a malformed guide, an answer that does not parse."""
from __future__ import annotations

from typing import Any


class ParseError(ValueError):
    """A parse failure identified by a message key and its parameters."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        return f"{self.key} {self.params}" if self.params else self.key


class GuideError(Exception):
    """The guide cannot be used; the message names the file and the field."""
