"""Pictures for Dagster metadata: markdown with an embedded PNG, so the UI shows rather than tells."""

from __future__ import annotations

import base64
import io
from collections import Counter
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import matplotlib.pyplot as plt


@cache
def _pyplot() -> ModuleType:
    """matplotlib, imported on the first picture: it costs about a second, and a rebuild whose pictures
    would not change draws none."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and in tests
    import matplotlib.pyplot

    return matplotlib.pyplot


def _png(fig: plt.Figure) -> bytes:
    plt = _pyplot()
    buffer = io.BytesIO()
    # no creation time in the file: the same graph gives the same bytes
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def markdown_png(png: bytes, alt: str) -> str:
    return f"![{alt}](data:image/png;base64,{base64.b64encode(png).decode()})"


def _markdown_png(fig: plt.Figure, alt: str) -> str:
    return markdown_png(_png(fig), alt)


def bar_chart(counts: dict[str, int], title: str) -> str:
    """Horizontal bars, one per non-zero count, drawn with Pillow: the counts change with most releases,
    and matplotlib would cost a second to import for each such release's picture."""
    from PIL import Image, ImageDraw, ImageFont

    items = [(k, v) for k, v in counts.items() if v]
    font, bold = ImageFont.load_default(size=12), ImageFont.load_default(size=14)
    row, top, pad = 22, 34, 8
    label_width = int(max((font.getlength(k) for k, _ in items), default=0)) + 2 * pad
    bar_space = 420
    width = label_width + bar_space + 70
    image = Image.new("RGB", (width, top + row * max(1, len(items)) + pad), "white")
    draw = ImageDraw.Draw(image)
    draw.text((width // 2, pad), title, fill="black", font=bold, anchor="mt")
    largest = max((v for _, v in items), default=1)
    for index, (name, value) in enumerate(items):
        y = top + index * row
        draw.text((label_width - pad, y + row // 2), name, fill="black", font=font, anchor="rm")
        end = label_width + max(1, round(bar_space * value / largest))
        draw.rectangle((label_width, y + 3, end, y + row - 3), fill="#3b6ea8")
        draw.text((end + 4, y + row // 2), str(value), fill="black", font=font, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return markdown_png(buffer.getvalue(), title)


def network_chart(edges: tuple[tuple[str, str, str], ...], max_nodes: int = 60) -> str:
    """The actor-event network as markdown for Dagster metadata."""
    return markdown_png(network_png(edges, max_nodes), "actor-event network")


def network_selection(
    edges: tuple[tuple[str, str, str], ...], max_nodes: int = 60
) -> tuple[tuple[tuple[str, str, int], ...], tuple[str, ...]]:
    """What the network picture draws: the weighted actor-event links among the best-connected nodes,
    and which nodes are events (a picture is redrawn only when this changes)."""
    weights = Counter((actor, event) for actor, event, _ in edges)
    degree: Counter[str] = Counter()
    for actor, event in weights:
        degree[actor] += 1
        degree[event] += 1
    keep = {name for name, _ in degree.most_common(max_nodes)}
    kept = tuple((a, e, w) for (a, e), w in weights.items() if a in keep and e in keep)
    return kept, tuple(sorted({e for _, e in weights if e in keep}))


def network_png(edges: tuple[tuple[str, str, str], ...], max_nodes: int = 60) -> bytes:
    """Actors (blue) linked to the events (orange) they took part in or made claims at."""
    import networkx as nx  # with matplotlib, only when a picture is drawn

    kept, events = network_selection(edges, max_nodes)
    graph = nx.Graph()
    for actor, event, weight in kept:
        graph.add_edge(actor, event, weight=weight)
    fig, ax = _pyplot().subplots(figsize=(9, 7))
    if graph.number_of_nodes():
        layout = nx.spring_layout(graph, seed=7, k=0.9)
        colours = ["#e08a2c" if n in events else "#3b6ea8" for n in graph.nodes]
        nx.draw_networkx(
            graph,
            layout,
            ax=ax,
            node_color=colours,
            node_size=260,
            font_size=7,
            edge_color="#999999",
            width=[0.6 + graph[u][v]["weight"] * 0.4 for u, v in graph.edges],
        )
    ax.set_title("Actor-event network (orange: events, blue: actors)")
    ax.axis("off")
    return _png(fig)
