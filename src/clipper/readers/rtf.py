"""RTF (word processors' and media archives' exports): control words stripped by striprtf, the
text's own code page (\\ansicpg) honoured for \\'xx escapes."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from ..document import Document, Item
from ..errors import InputError

_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")


def recognises(data: bytes) -> bool:
    return data.lstrip()[:5] == b"{\\rtf"


def read(path: str, data: bytes) -> Iterator[Item]:
    from striprtf.striprtf import rtf_to_text  # like every format library: imported by runs that meet one

    match = _CODE_PAGE.search(data[:4096])
    encoding = f"cp{match.group(1).decode()}" if match else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    try:  # RTF itself is 7-bit; a stray 8-bit byte is read in the same code page
        text = rtf_to_text(data.decode(encoding, "replace"), encoding=encoding, errors="replace")
    except (ValueError, IndexError, RecursionError) as exc:
        raise InputError("malformed", f"RTF could not be read: {exc}") from None
    if not text.strip():
        raise InputError("no_content", "RTF document without text")
    yield Document(path=path, format="rtf", markup="text", text=text, sha256=hashlib.sha256(data).hexdigest(),
                   bytes=len(data), encoding=encoding)
