"""The pictures in Dagster metadata are real PNGs that show what they say."""

from __future__ import annotations

import base64
import io

from PIL import Image

from pipelines.stages.charts import bar_chart

BAR = (0x3B, 0x6E, 0xA8)


def _image(markdown: str) -> Image.Image:
    prefix = "![Instances per class](data:image/png;base64,"
    assert markdown.startswith(prefix) and markdown.endswith(")")
    return Image.open(io.BytesIO(base64.b64decode(markdown[len(prefix) : -1]))).convert("RGB")


def _bar_lengths(image: Image.Image) -> list[int]:
    """The length in pixels of each bar, top to bottom (rows of bar colour, one length per bar)."""
    lengths: list[int] = []
    in_bar = False
    for y in range(image.height):
        length = sum(image.getpixel((x, y)) == BAR for x in range(image.width))
        if length and not in_bar:
            lengths.append(length)
        in_bar = bool(length)
    return lengths


def test_bar_chart_draws_one_bar_per_nonzero_count_in_proportion() -> None:
    image = _image(bar_chart({"Person": 400, "Event": 0, "Claim": 100, "Policy": 200}, "Instances per class"))
    person, claim, policy = _bar_lengths(image)  # the zero count gets no bar
    assert abs(claim / person - 0.25) < 0.02 and abs(policy / person - 0.5) < 0.02


def test_bar_chart_is_the_same_bytes_for_the_same_counts() -> None:
    counts = {"Person": 3, "Claim": 7}
    assert bar_chart(counts, "Instances per class") == bar_chart(dict(counts), "Instances per class")
    assert bar_chart(counts, "Instances per class") != bar_chart({"Person": 3, "Claim": 8}, "Instances per class")


def test_network_picture_shows_actors_and_events_and_is_the_same_for_the_same_network() -> None:
    from pipelines.stages.charts import network_png

    edges = (("Jane Roe", "Open Source Week", "x"), ("Example Trust", "Open Source Week", "y"), ("Jane Roe", "IGF", "z"))
    png = network_png(edges)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = set(image.getdata())
    assert (0x3B, 0x6E, 0xA8) in colours and (0xE0, 0x8A, 0x2C) in colours  # actors blue, events orange
    assert network_png(tuple(reversed(edges))) == png
    assert network_png(edges[:2]) != png
