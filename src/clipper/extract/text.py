"""Article text out of plain-text copies of web pages and PDF text dumps."""
from __future__ import annotations

import re

from ..errors import InputError
from . import Extraction


def extract_text(text: str) -> Extraction:
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise InputError("no_content", "no text found")
    return Extraction(text="\n\n".join(paragraphs), title=paragraphs[0] if len(paragraphs[0]) < 200 else None)
