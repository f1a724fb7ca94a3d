"""Stage 2: turn a decoded document into clean article text plus metadata."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Extraction:
    text: str
    title: str | None = None
    published: str | None = None  # ISO date
    published_from: str | None = None  # where it was read: one of record.PUBLISHED_FROM
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    url: str | None = None
    description: str | None = None


def extract(fmt: str, text: str, reference_date: date | None = None) -> Extraction:
    """Dispatch on the sniffed format. `reference_date` (the file's modification time, the e-mail's or
    WARC record's date) dates what the document says relatively ("I går 14:03", "12 mars"), and is the
    date of last resort when it states none (published_from "file")."""
    if fmt == "html":
        from .html import extract_html

        extraction = extract_html(text, reference_date)
    else:
        from .text import extract_text

        extraction = extract_text(text, reference_date)
    if extraction.published is None and reference_date is not None:
        extraction.published, extraction.published_from = reference_date.isoformat(), "file"
    return extraction
