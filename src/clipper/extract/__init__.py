"""Stage 2: turn a decoded document into clean article text plus metadata."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extraction:
    text: str
    title: str | None = None
    published: str | None = None  # ISO date
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    url: str | None = None
    description: str | None = None


def extract(fmt: str, text: str) -> Extraction:
    """Dispatch on the sniffed format."""
    if fmt == "html":
        from .html import extract_html

        return extract_html(text)
    from .text import extract_text

    return extract_text(text)
