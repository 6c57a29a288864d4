"""PNG bar charts of a budget's resources, drawn with matplotlib's object-oriented API (no pyplot)."""
from __future__ import annotations

import io
import math
import textwrap
import threading
from decimal import Decimal
from functools import cache
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import IdentityTransform

from dialogs.formatting import euros

# Geometry, in pixels unless the name says points.
WIDTH_PX = 900
DPI = 100
MARGIN_PX = 24
TITLE_GAP_PX = 16
ROW_PX = 64
BAR_FRACTION = 0.62
TEXT_GAP_PX = 10
TITLE_POINTS = 18
LABEL_POINTS = 14
AMOUNT_POINTS = 14
TITLE_LINE_PX = round(TITLE_POINTS * DPI / 72 * 1.25)
LABEL_MAX_PX = round(WIDTH_PX * 0.4)

# Text limits, in characters.
LABEL_MAX_CHARS = 40
LABEL_WRAP_CHARS = 22
LABEL_MAX_LINES = 2
TITLE_WRAP_CHARS = 60
TITLE_MAX_LINES = 3
ELLIPSIS = "\u2026"

TEXT_COLOR = "#1f2933"
BAR_COLOR = "#3b6ea8"
AXIS_COLOR = "#9aa5b1"

_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_REGULAR = _FONT_DIR / "DejaVuSans.ttf"
_BOLD = _FONT_DIR / "DejaVuSans-Bold.ttf"

# matplotlib is not thread-safe (shared text-metrics and font caches): one chart at a time.
_LOCK = threading.Lock()


def resources_chart(items: list[tuple[str, int]], title: str) -> bytes:
    """PNG of a horizontal bar chart: one bar per (label, amount in cents), in the given order."""
    with _LOCK:
        figure = _figure(items, title)
        try:
            buffer = io.BytesIO()
            figure.canvas.print_png(buffer, metadata={"Software": None})
            return buffer.getvalue()
        finally:
            figure.clear()


def _figure(items: list[tuple[str, int]], title: str) -> Figure:
    """The chart as a Figure on an Agg canvas, laid out in pixels; its texts have gid title, label or amount."""
    measure = RendererAgg(1, 1, DPI)
    title_font = _font(_BOLD, TITLE_POINTS)
    label_font = _font(_REGULAR, LABEL_POINTS)
    amount_font = _font(_BOLD, AMOUNT_POINTS)

    title_lines = _fit(
        _clean(title, _BOLD), TITLE_WRAP_CHARS, TITLE_MAX_LINES, WIDTH_PX - 2 * MARGIN_PX,
        lambda text: _width(measure, text, title_font),
    )
    labels = [
        _fit(
            _shorten(_clean(label, _REGULAR), LABEL_MAX_CHARS), LABEL_WRAP_CHARS, LABEL_MAX_LINES,
            LABEL_MAX_PX, lambda text: _width(measure, text, label_font),
        )
        for label, _ in items
    ]
    amounts = [euros(Decimal(cents) / 100) for _, cents in items]

    rows = len(items)
    top_px = MARGIN_PX + len(title_lines) * TITLE_LINE_PX
    height_px = top_px + (TITLE_GAP_PX + rows * ROW_PX if rows else 0) + MARGIN_PX
    figure = Figure(
        figsize=(WIDTH_PX / DPI, _inches(height_px)), dpi=DPI,
        facecolor="white", edgecolor="white", linewidth=0, layout="none",
    )
    FigureCanvasAgg(figure)
    pixels = IdentityTransform()  # display coordinates: pixels from the bottom left corner
    figure.text(
        MARGIN_PX, height_px - MARGIN_PX, "\n".join(title_lines), transform=pixels,
        fontproperties=title_font, color=TEXT_COLOR, ha="left", va="top",
        parse_math=False, usetex=False, gid="title",
    )
    if not rows:
        return figure

    label_px = max(_width(measure, line, label_font) for lines in labels for line in lines)
    amount_px = max(_width(measure, amount, amount_font) for amount in amounts)
    left_px = MARGIN_PX + math.ceil(label_px) + TEXT_GAP_PX
    right_px = WIDTH_PX - MARGIN_PX - math.ceil(amount_px) - TEXT_GAP_PX
    values = [cents for _, cents in items]
    low, high = min(0, *values), max(0, *values)
    scale = (right_px - left_px) / ((high - low) or 1)
    zero_px = left_px - low * scale
    first_px = height_px - top_px - TITLE_GAP_PX  # top of the first row
    bar_px = ROW_PX * BAR_FRACTION

    for row, (lines, amount, cents) in enumerate(zip(labels, amounts, values)):
        middle = first_px - (row + 0.5) * ROW_PX
        end = zero_px + cents * scale
        figure.add_artist(Rectangle(
            (min(zero_px, end), middle - bar_px / 2), abs(end - zero_px), bar_px,
            transform=pixels, facecolor=BAR_COLOR, linewidth=0,
        ))
        figure.text(
            left_px - TEXT_GAP_PX, middle, "\n".join(lines), transform=pixels,
            fontproperties=label_font, color=TEXT_COLOR, ha="right", va="center",
            multialignment="right", parse_math=False, usetex=False, gid="label",
        )
        figure.text(
            max(zero_px, end) + TEXT_GAP_PX, middle, amount, transform=pixels,
            fontproperties=amount_font, color=TEXT_COLOR, ha="left", va="center",
            parse_math=False, usetex=False, gid="amount",
        )
    figure.add_artist(Line2D(
        [zero_px, zero_px], [first_px, first_px - rows * ROW_PX],
        transform=pixels, color=AXIS_COLOR, linewidth=1,
    ))
    return figure


def _inches(pixels: int) -> float:
    """Figure size in inches that Agg turns back into exactly `pixels` (it truncates)."""
    inches = pixels / DPI
    while int(inches * DPI) < pixels:
        inches = math.nextafter(inches, math.inf)
    return inches


def _font(path: Path, points: int) -> FontProperties:
    """Font from a file shipped with matplotlib, independent of rcParams and installed fonts."""
    return FontProperties(fname=path, size=points)


@cache
def _charmap(path: Path) -> frozenset[int]:
    """Code points the font has a glyph for."""
    return frozenset(FT2Font(str(path)).get_charmap())


def _clean(text: str, font: Path) -> str:
    """Whitespace collapsed; characters without a glyph (most emoji, control characters) dropped."""
    known = _charmap(font)
    kept = "".join(char for char in text if char.isspace() or ord(char) in known)
    return " ".join(kept.split())


def _shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word if one ends near the limit, then an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def _fit(text: str, chars: int, max_lines: int, max_px: float, width) -> list[str]:
    """Text wrapped into at most `max_lines` lines no wider than `max_px` (per `width`), ellipsis if cut."""
    if not text:
        return [""]
    for wrap in range(chars, 3, -2):
        lines = textwrap.wrap(text, wrap)
        if all(width(line) <= max_px for line in lines[:max_lines]):
            break
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += ELLIPSIS
    return [_clip(line, max_px, width) for line in lines]


def _clip(line: str, max_px: float, width) -> str:
    """The line cut and ended with an ellipsis until it fits."""
    while len(line) > 1 and width(line) > max_px:
        line = line[:-2] + ELLIPSIS
    return line


def _width(renderer: RendererAgg, text: str, font: FontProperties) -> float:
    """Rendered width of one line, in pixels."""
    return renderer.get_text_width_height_descent(text, font, ismath=False)[0]
