"""Not clippings: images, archives, executables, databases, and data files (JSON, CSV) that people
drop into clipping folders by mistake. Each becomes an `unsupported` error saying what it is.
(XML data files are told from web pages after decoding, in `markup`.)"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator

from ..document import Item
from ..errors import InputError

# Magic numbers, checked after the readers of PDF, DOCX and WARC have had their say.
_MAGIC = [
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or an XLSX/ODT/PPTX document)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0", "MS Office document (DOC/XLS)"),
    (b"RIFF", "RIFF media file"),
    (b"SQLite format 3", "SQLite database"),
    (b"%!PS", "PostScript document"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
]
_SAMPLE = 65536
_CSV_LINES = 5  # a table shows itself in its first lines: the same number of delimiters on each
_JSON_START = re.compile(rb"^\s*[\[{]")


def recognises(data: bytes) -> bool:
    return what(data) is not None


def read(path: str, data: bytes) -> Iterator[Item]:
    raise InputError("unsupported", f"not a clipping: {what(data)}")


def what(data: bytes) -> str | None:
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if _JSON_START.match(data) and _is_json(data):
        return "JSON data"
    if _is_table(data):
        return "CSV/TSV table"
    return None


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data)
        return True
    except (ValueError, RecursionError):
        pass
    lines = data[:_SAMPLE].splitlines()
    try:  # JSON Lines: every complete line of the sample an object
        return len(lines) > 1 and all(isinstance(json.loads(line), dict) for line in lines[:-1] if line.strip())
    except (ValueError, RecursionError):
        return False


def _is_table(data: bytes) -> bool:
    """At least five lines that split into the same number (2 or more) of fields on one delimiter.
    Prose has commas too, but not the same number on every line."""
    text = data[:_SAMPLE].decode("utf-8", "replace")
    lines = [line for line in text.splitlines() if line.strip()][: _CSV_LINES * 4]
    if len(lines) < _CSV_LINES:
        return False
    for delimiter in ",;\t|":
        try:
            widths = {len(row) for row in csv.reader(lines[:-1] or lines, delimiter=delimiter)}
        except csv.Error:
            continue
        if len(widths) == 1 and widths.pop() >= 3:
            return True
    return False
