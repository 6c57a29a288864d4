"""The resources bar chart: PNG size, verbatim user text, French amounts, threads, empty budgets."""
from __future__ import annotations

import ast
import io
import struct
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import matplotlib
import pytest
from PIL import Image

from dialogs.formatting import euros
from dossier import charts
from dossier.charts import resources_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TITLE = "Ressources prévisionnelles"
ONE_LINE_TITLE_PX = 2 * charts.MARGIN_PX + charts.TITLE_LINE_PX
SOURCES = [
    ("Subvention MSAP (État, FNADT)", 3_500_000),
    ("Région Île-de-France", 1_250_050),
    ("Communauté de communes — cœur de bourg", 800_000),
    ("Autofinancement", 12_345_678),
]


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE
    length, kind, width, height = struct.unpack(">I4sII", png[8:24])
    assert (length, kind) == (13, b"IHDR")
    return width, height


def texts(figure, gid: str) -> list[str]:
    return [text.get_text() for text in figure.texts if text.get_gid() == gid]


def sources(count: int) -> list[tuple[str, int]]:
    return [(f"Source n° {number}", 100_000 * number) for number in range(1, count + 1)]


@pytest.mark.parametrize("count", [0, 1, 2, 5, 12])
def test_the_png_is_900_wide_and_one_row_taller_per_source(count):
    width, height = png_size(resources_chart(sources(count), TITLE))
    rows = charts.TITLE_GAP_PX + count * charts.ROW_PX if count else 0
    assert (width, height) == (900, ONE_LINE_TITLE_PX + rows)


def test_the_height_grows_with_the_number_of_sources():
    heights = [png_size(resources_chart(sources(count), TITLE))[1] for count in range(6)]
    assert heights == sorted(set(heights))


def test_the_image_decodes_on_a_white_background():
    image = Image.open(io.BytesIO(resources_chart(SOURCES, TITLE)))
    image.load()
    assert image.size == png_size(resources_chart(SOURCES, TITLE))
    assert image.convert("RGB").getpixel((0, 0)) == (255, 255, 255)
    assert image.convert("RGB").getpixel((image.width - 1, image.height - 1)) == (255, 255, 255)


def test_labels_amounts_and_title_in_display_order():
    figure = charts._figure(SOURCES, TITLE)
    assert texts(figure, "title") == [TITLE]
    assert texts(figure, "label") == [
        "Subvention MSAP (État,\nFNADT)", "Région Île-de-France", "Communauté de communes\n— cœur de bourg",
        "Autofinancement",
    ]
    assert texts(figure, "amount") == [euros(Decimal(cents) / 100) for _, cents in SOURCES]
    plain = [amount.replace("\u202f", " ").replace("\xa0", " ") for amount in texts(figure, "amount")]
    assert plain == ["35 000 €", "12 500,50 €", "8 000 €", "123 456,78 €"]
    heights = [text.get_position()[1] for text in figure.texts if text.get_gid() == "label"]
    assert heights == sorted(heights, reverse=True)  # first source at the top


@pytest.mark.parametrize("label", [
    "$x$ & <b>gras</b> 😀",
    "Coût : 5 $ puis 10 $",
    r"$\frac{1}{$ x",
    "<i>1</i> &amp; 50%",
])
def test_user_text_is_shown_verbatim_never_as_mathtext(label):
    title = f"Budget {label}"
    figure = charts._figure([(label, 100_000)], title)
    assert texts(figure, "label") == [label]
    assert texts(figure, "title") == [title]
    assert not any(text.get_parse_math() or text.get_usetex() for text in figure.texts)
    png_size(resources_chart([(label, 100_000)], title))  # draws without a mathtext error or warning


def test_characters_without_a_glyph_are_dropped_instead_of_warning():
    label = "Mairie 🚀 de Saint-Œuvre 🇫🇷\u0007"
    figure = charts._figure([(label, 100_000)], "Budget 🏛️ 2027")
    assert texts(figure, "label") == ["Mairie de Saint-Œuvre"]
    assert texts(figure, "title") == ["Budget \ufe0f 2027"]  # U+FE0F has a (blank) glyph in DejaVu Sans
    png_size(resources_chart([(label, 100_000)], "Budget 🏛️ 2027"))  # filterwarnings=error: no glyph warning


def test_a_long_label_is_wrapped_on_two_lines_and_shortened_with_an_ellipsis():
    label = ("Fonds national d'aménagement et de développement du territoire, "
             "volet maisons de services au public, programmation 2027")
    [shown] = texts(charts._figure([(label, 100_000)], TITLE), "label")
    lines = shown.split("\n")
    assert len(lines) == 2 and shown.endswith("…")
    assert len(shown.replace("\n", " ")) <= charts.LABEL_MAX_CHARS
    assert label.startswith(shown.replace("\n", " ")[:-1].rstrip())


def test_even_wide_text_stays_inside_the_image():
    wide = "W" * 80
    items = [(wide, 999_999_999_99), ("Ǆ" * 30 + " " + "Ꙭ" * 30, 1), (wide, -50_000)]
    figure = charts._figure(items, wide * 2)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    width, height = figure.canvas.get_width_height()
    for text in figure.texts:
        box = text.get_window_extent(renderer)
        assert 0 <= box.x0 and box.x1 <= width and 0 <= box.y0 and box.y1 <= height, text.get_text()
    assert len(texts(figure, "title")[0].split("\n")) <= charts.TITLE_MAX_LINES


def test_a_long_title_wraps_and_makes_room_for_itself():
    title = "Plan de financement prévisionnel de la Maison de services au public de Saint-Étienne-de-Œuvre"
    figure = charts._figure([], title)
    lines = texts(figure, "title")[0].split("\n")
    assert len(lines) == 2 and " ".join(lines) == title
    assert png_size(resources_chart([], title)) == (900, ONE_LINE_TITLE_PX + charts.TITLE_LINE_PX)


def test_an_empty_budget_still_gives_a_titled_png_without_bars():
    figure = charts._figure([], TITLE)
    assert texts(figure, "title") == [TITLE]
    assert texts(figure, "label") == [] and texts(figure, "amount") == [] and not figure.patches
    assert png_size(resources_chart([], TITLE)) == (900, ONE_LINE_TITLE_PX)


def test_zero_and_negative_amounts_are_drawn():
    figure = charts._figure([("Rien", 0), ("Reprise", -150_000), ("Don", 300_000)], TITLE)
    # A no-break space keeps "€" with its amount.
    assert [amount.replace("\u202f", " ") for amount in texts(figure, "amount")] == ["0\xa0€", "-1 500\xa0€",
                                                                                     "3 000\xa0€"]
    png_size(resources_chart([("Rien", 0)], TITLE))
    png_size(resources_chart([("Rien", 0), ("Encore rien", 0)], TITLE))


def test_four_threads_at_once_give_the_same_bytes_as_one():
    inputs = [(sources(count), f"Budget {count}") for count in (1, 3, 6, 9)]
    expected = [resources_chart(items, title) for items, title in inputs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda pair: resources_chart(*pair), inputs * 4))
    assert results == expected * 4
    assert len(set(expected)) == 4


def test_no_global_matplotlib_state_is_touched():
    before = dict(matplotlib.rcParams)
    resources_chart(SOURCES, TITLE)
    assert dict(matplotlib.rcParams) == before
    tree = ast.parse(Path(charts.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not {"matplotlib.pyplot", "pylab"} & imported
    assert "rcParams" not in tree_names(tree) and "rc_context" not in tree_names(tree)


def tree_names(tree: ast.AST) -> set[str]:
    return {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)} | {
        node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


def test_timing_of_one_chart():
    """Prints the median time of one chart of 8 sources (no assertion: machines differ)."""
    items = [(f"Financeur numéro {number} — part de fonctionnement", 250_000 * number) for number in range(1, 9)]
    resources_chart(items, TITLE)  # warm the font caches
    durations = []
    for _ in range(7):
        start = time.perf_counter()
        resources_chart(items, TITLE)
        durations.append(time.perf_counter() - start)
    print(f"\nresources_chart, 8 sources: median {sorted(durations)[3] * 1000:.1f} ms, "
          f"min {min(durations) * 1000:.1f} ms")
