"""Metadata helpers shared by the assets."""

from __future__ import annotations

import dagster as dg


def md_table(header: list[str], rows: list[list[object]], limit: int = 20) -> dg.MetadataValue:
    def cell(value: object) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")[:160]

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"| … {len(rows) - limit} more | " + " | " * (len(header) - 1))
    return dg.MetadataValue.md("\n".join(lines))
