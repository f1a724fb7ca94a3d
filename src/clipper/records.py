"""Reading records back: the JSON Lines files `clipper ingest` wrote, as plain dicts.

Shared by the commands that look at records rather than make them (`ls`, `digest`). A cron job
appends to one file run after run, so the same input may have several records: the latest one
(the last in the files, in the order given) stands for it.
"""
from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any


class RecordsError(Exception):
    """A records file that cannot be read, or a line in it that is not a record (file and line named)."""


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # ISO date: clippings published on or after it
    until: str | None = None
    topics: tuple[str, ...] = ()  # any of these labels
    regions: tuple[str, ...] = ()  # any of these names (case-insensitive)
    vendors: tuple[str, ...] = ()
    relevant_only: bool = True

    def admit(self, record: dict[str, Any]) -> bool:
        if record.get("error"):
            return False
        if self.relevant_only and not record.get("relevant"):
            return False
        published = record.get("published") or ""
        if self.since and not (published and published[:10] >= self.since):
            return False
        if self.until and not (published and published[:10] <= self.until):
            return False
        if self.topics and not set(self.topics) & set(topic_labels(record)):
            return False
        for wanted, kind in ((self.regions, "region"), (self.vendors, "vendor")):
            if wanted and not {w.casefold() for w in wanted} & {n.casefold() for n in entity_names(record, kind)}:
                return False
        return True


def read_records(paths: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Every record of the files, in order; '-' is stdin. Blank lines are skipped; anything else
    that is not a JSON object raises RecordsError naming the file and line."""
    import sys

    for path in paths:
        try:
            stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
        except OSError as exc:
            raise RecordsError(f"{path}: {exc.strerror or exc}") from None
        with stream if path != "-" else contextlib.nullcontext(stream):  # stdin stays open
            try:
                for number, line in enumerate(stream, 1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except ValueError as exc:
                        raise RecordsError(f"{path}, line {number}: not a JSON record ({exc})") from None
                    if not isinstance(record, dict) or "source" not in record:
                        raise RecordsError(f"{path}, line {number}: not a clipper record")
                    yield record
            except UnicodeDecodeError:
                raise RecordsError(f"{path}: not UTF-8 text, so not clipper's JSON Lines") from None


def latest_per_input(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per input (path and part inside it), the last one seen, in first-seen order."""
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for record in records:
        source = record.get("source") or {}
        latest[(str(source.get("path")), str(source.get("part") or ""))] = record
    return list(latest.values())


def entity_names(record: dict[str, Any], kind: str) -> list[str]:
    return [e["name"] for e in record.get("entities") or [] if e.get("type") == kind and e.get("name")]


def topic_labels(record: dict[str, Any]) -> list[str]:
    return [t["label"] for t in record.get("topics") or [] if t.get("label")]


def display_title(record: dict[str, Any]) -> str:
    """The title, else the start of the text, else the file name: never empty."""
    if record.get("title"):
        return str(record["title"])
    text = " ".join((record.get("text") or "").split())
    if text:
        return text[:80] + ("…" if len(text) > 80 else "")
    return str((record.get("source") or {}).get("path", "")).rsplit("/", 1)[-1]


# A lead is prose: a paragraph this long at least (a subheading or a label is shorter).
_LEAD_MIN_CHARS = 60


def lead(record: dict[str, Any], max_chars: int = 280) -> str:
    """The first prose paragraph (not the title, not a subheading), cut at a sentence end near max_chars."""
    title = " ".join((record.get("title") or "").split())
    paragraphs = [" ".join(p.split()) for p in (record.get("text") or "").split("\n\n")]
    paragraphs = [p for p in paragraphs if p and p != title]
    prose = [p for p in paragraphs if len(p) >= _LEAD_MIN_CHARS]
    paragraph = (prose or paragraphs or [""])[0]
    if len(paragraph) <= max_chars:
        return paragraph
    cut = paragraph.rfind(". ", 0, max_chars)
    return paragraph[: cut + 1] if cut > max_chars // 2 else paragraph[:max_chars].rstrip() + "…"


def format_amount(amount: dict[str, Any]) -> str:
    """'2.1 bn SEK', '350 000 DKK', '125–140 m NOK': short, for tables and digests."""
    currency = amount.get("currency") or ""
    values = [v for v in (amount.get("value"), amount.get("value_max")) if v is not None]
    if not values:
        return str(amount.get("text", ""))
    return "–".join(_short_number(float(v)) for v in values) + (f" {currency}" if currency else "")


def _short_number(value: float) -> str:
    for size, unit in ((1e9, " bn"), (1e6, " m")):
        if abs(value) >= size:
            return f"{value / size:.3g}{unit}"
    return f"{value:,.0f}".replace(",", " ") if value == int(value) else f"{value:,.2f}".replace(",", " ")
