"""Main text and metadata of a saved HTML page, through trafilatura."""
from __future__ import annotations

import trafilatura

from ..errors import InputError
from . import Extraction


def extract_html(html: str) -> Extraction:
    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        as_dict=False,
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError("no_content", "no article text found in the page")
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Extraction(
        text=_paragraphs(doc.text),
        title=doc.title,
        published=doc.date,
        authors=authors,
        site=doc.sitename,
        url=doc.url,
        description=doc.description,
    )


def _paragraphs(text: str) -> str:
    """One paragraph per line from trafilatura becomes blank-line separated paragraphs."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
