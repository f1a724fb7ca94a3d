"""`clipper ls`: records as a terminal table a person scans (date, language, relevance, topics, title)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .records import display_title, topic_labels

_COLUMNS = ("date", "lang", "rel", "topics", "title")
_TOPICS_WIDTH = 28


def rows(records: Iterable[dict[str, Any]]) -> list[tuple[str, str, str, str, str]]:
    table = []
    for record in records:
        if record.get("error"):
            error = record["error"]
            path = str((record.get("source") or {}).get("path", "")).rsplit("/", 1)[-1]  # the name fits
            table.append(("", "", "", "ERROR", f"{path}: {error.get('message', '')} ({error.get('type', '')})"))
            continue
        relevance = record.get("relevance")
        mark = ("yes" if record.get("relevant") else "no") if relevance is None else (
            f"{'yes' if record.get('relevant') else 'no'} {relevance:.2f}")
        duplicate = "(duplicate) " if record.get("duplicate_of") else ""  # before the title: never cut off
        table.append(((record.get("published") or "")[:10], record.get("language") or "",
                      mark, ",".join(topic_labels(record)), duplicate + display_title(record)))
    return table


def render(table: list[tuple[str, str, str, str, str]], width: int = 100, header: bool = True) -> str:
    """Fixed columns, the title cut to the terminal's width."""
    widths = [10, 4, 8, _TOPICS_WIDTH]
    lines = []
    for row in ([_COLUMNS] if header else []) + table:
        cells = [_fit(cell, w) for cell, w in zip(row[:4], widths, strict=True)]
        prefix = "  ".join(cells) + "  "
        lines.append((prefix + _fit(row[4], max(10, width - len(prefix)))).rstrip())
    return "\n".join(lines) + ("\n" if lines else "")


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"
