"""Split an HTML message over Telegram's 4,096-character limit without breaking tags."""
from __future__ import annotations

import re

_TOKEN = re.compile(r"<[^>]+>|&[#a-zA-Z0-9]+;|\n|[^<&\n]")
_OPEN = re.compile(r"<([a-z-]+)[^>]*>")
_CLOSE = re.compile(r"</([a-z-]+)>")

Tags = list[tuple[str, str]]  # (name, opening tag as written)


def _closing(tags: Tags) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(tags))


def split_html(text: str, limit: int = 4096) -> list[str]:
    """Cut at a line break, else a space, else anywhere; tags open at a cut are closed and reopened."""
    if len(text) <= limit:
        return [text]
    chunks: list[str] = []
    open_tags: Tags = []
    current: list[str] = []
    size = 0
    breaks: dict[str, tuple[int, int, Tags]] = {}  # "\n" or " " -> (token index, size before it, open tags)

    for token in _TOKEN.findall(text):
        opening = _OPEN.fullmatch(token)
        after = open_tags + [(opening.group(1), token)] if opening else open_tags
        if size + len(token) + len(_closing(after)) > limit and current:
            # A break in the second half keeps every chunk well filled and the rest under the limit.
            cut, _, tags = next((breaks[b] for b in ("\n", " ") if b in breaks and breaks[b][1] > size // 2),
                                (len(current), size, list(open_tags)))
            while cut > 0 and _OPEN.fullmatch(current[cut - 1]) and tags:
                cut, tags = cut - 1, tags[:-1]  # a tag opened right at the cut moves to the next chunk
            chunks.append(("".join(current[:cut]) + _closing(tags)).strip())
            current = [opening_tag for _, opening_tag in tags] + current[cut:]
            size = sum(len(t) for t in current)
            breaks = {}
        current.append(token)
        size += len(token)
        if opening:
            open_tags.append((opening.group(1), token))
        elif (closing := _CLOSE.fullmatch(token)) is not None and open_tags and open_tags[-1][0] == closing.group(1):
            open_tags.pop()
        elif token in ("\n", " "):
            breaks[token] = (len(current), size, list(open_tags))
    chunks.append("".join(current).strip())
    return [chunk for chunk in chunks if chunk]
