"""Pictures for Dagster metadata and the dumps: PNGs drawn with Pillow (embedded in markdown for Dagster), so
the UI shows rather than tells."""

from __future__ import annotations

import base64
import io
from collections import Counter

# raise it whenever the drawing code changes: pictures kept from a release are reused only when they were
# drawn by the same code from the same data
DRAWING = 2


def markdown_png(png: bytes, alt: str) -> str:
    return f"![{alt}](data:image/png;base64,{base64.b64encode(png).decode()})"


def bar_chart(counts: dict[str, int], title: str) -> str:
    """Horizontal bars, one per non-zero count (the counts change with most releases: drawing them takes
    milliseconds)."""
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
    # ties broken by name: the same network keeps the same nodes, in whatever order its edges come
    keep = {name for name, _ in sorted(degree.items(), key=lambda item: (-item[1], item[0]))[:max_nodes]}
    kept = tuple(sorted((a, e, w) for (a, e), w in weights.items() if a in keep and e in keep))
    return kept, tuple(sorted({e for _, e in weights if e in keep}))


def network_png(edges: tuple[tuple[str, str, str], ...], max_nodes: int = 60) -> bytes:
    """Actors (blue) linked to the events (orange) they took part in or made claims at: networkx lays the
    best-connected nodes out (a seeded spring layout, so the same network gives the same picture) and
    Pillow draws them."""
    import networkx as nx  # only when a picture is drawn
    from PIL import Image, ImageDraw, ImageFont

    kept, events = network_selection(edges, max_nodes)
    graph = nx.Graph()
    for actor, event, weight in kept:
        graph.add_edge(actor, event, weight=weight)
    width, height, margin, radius = 900, 700, 70, 8
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    title = "Actor-event network (orange: events, blue: actors)"
    draw.text((width // 2, 12), title, fill="black", font=ImageFont.load_default(size=15), anchor="mt")
    if graph.number_of_nodes():
        layout = nx.spring_layout(graph, seed=7, k=0.9)
        xs = [x for x, _ in layout.values()]
        ys = [y for _, y in layout.values()]
        span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

        def at(node: str) -> tuple[float, float]:
            x, y = layout[node]
            return (
                margin + (x - min(xs)) / span_x * (width - 2 * margin),
                margin / 2 + 20 + (max(ys) - y) / span_y * (height - 1.5 * margin - 20),
            )

        for u, v, data in sorted(graph.edges(data=True)):
            draw.line((*at(u), *at(v)), fill="#999999", width=max(1, round(0.6 + data["weight"] * 0.4)))
        font = ImageFont.load_default(size=10)
        for node in sorted(graph.nodes):
            x, y = at(node)
            colour = "#e08a2c" if node in events else "#3b6ea8"
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
            draw.text((x, y + radius + 2), node, fill="black", font=font, anchor="mt")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
