"""PDF: the text layer of every page through PDFium (pypdfium2), pages joined by form feeds so the
plain-text extractor's re-flow can drop running heads and page numbers and join sentences broken
across lines and pages. One PDF is one document; `source.part` says which pages it spans.
(Why PDFium: benchmarks/pdf_libraries.py.)"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator

from ..document import Document, Item
from ..errors import InputError

# A page of text holds hundreds of characters; a scanned page has none, or a few from a stamp or a
# page number laid over the image.
_MIN_CHARS_PER_PAGE = 20


def recognises(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


def read(path: str, data: bytes) -> Iterator[Item]:
    pages = page_texts(data)
    text = "\f".join(pages)
    if sum(len(page.strip()) for page in pages) < _MIN_CHARS_PER_PAGE * len(pages):
        raise InputError("no_text_layer", f"PDF of {len(pages)} page(s) without a text layer (a scan?); "
                                          "run OCR on it first, e.g. ocrmypdf")
    yield Document(
        path=path, format="pdf", markup="text", text=text, sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data), part=f"pages 1-{len(pages)}" if len(pages) > 1 else "page 1",
    )


def page_texts(data: bytes) -> list[str]:
    import pypdfium2  # its import costs a tenth of a second, paid only by runs that meet a PDF

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise InputError("malformed", f"PDF could not be opened: {exc}") from None
    try:
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()
