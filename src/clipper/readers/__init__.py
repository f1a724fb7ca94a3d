"""Readers: the bytes of one input → the documents it holds.

Each input type is a module with `recognises(data) -> bool`, judged on content (magic bytes,
structure), not on the file name, and `read(path, data) -> Iterator[Item]`: Documents, and for a
container the parts that are not documents (Skipped) or cannot be read (Failed). A reader raises
InputError for a whole input it cannot read. Adding a format is adding a module here and its tests.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..document import Item
from ..errors import InputError
from . import docx, mail, markup, mhtml, pdf, rtf, unsupported, warc

# Asked in this order; the first that recognises the content reads it. HTML and plain text take the rest.
READERS = (pdf, docx, warc, rtf, mhtml, mail, unsupported)


def read(path: str, data: bytes) -> Iterator[Item]:
    if not data.strip():
        raise InputError("empty", "empty file" if not data else "file holds only white space")
    for reader in READERS:
        if reader.recognises(data):
            return reader.read(path, data)
    return markup.read(path, data)
