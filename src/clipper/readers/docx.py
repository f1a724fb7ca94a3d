"""DOCX (press releases, board papers): paragraphs and table cells through python-docx, a
paragraph per line block; the document's own title property is a title candidate."""
from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from collections.abc import Iterator

from ..document import Document, Hints, Item
from ..errors import InputError


def recognises(data: bytes) -> bool:
    # A ZIP whose directory names the main part of a Word document (names are stored uncompressed).
    return data.startswith(b"PK\x03\x04") and b"word/document.xml" in data


def read(path: str, data: bytes) -> Iterator[Item]:
    import docx  # python-docx; its import costs a tenth of a second, paid only by runs that meet a DOCX
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError, zipfile.BadZipFile, zlib.error,
            SyntaxError) as exc:  # a damaged package or XML part (lxml's XMLSyntaxError is a SyntaxError)
        raise InputError("malformed", f"DOCX could not be opened: {exc}") from None
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        blocks.extend(cell.text for row in table.rows for cell in row.cells)
    text = "\n\n".join(block.strip() for block in blocks if block.strip())
    if not text:
        raise InputError("no_content", "DOCX document without text")
    title = (document.core_properties.title or "").strip() or None
    yield Document(path=path, format="docx", markup="text", text=text, sha256=hashlib.sha256(data).hexdigest(),
                   bytes=len(data), hints=Hints(title=title))
