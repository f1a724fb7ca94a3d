"""What readers hand to analysis: one document, which may be a whole file or one part of a container
(a message in an mbox, a response in a WARC file, the pages of a PDF)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import InputError

# What `source.format` says an input was; MARKUPS say how a document's text is to be read.
FORMATS = ("html", "text", "pdf", "email", "mhtml", "warc", "docx", "rtf")
MARKUPS = ("html", "text")


@dataclass(frozen=True)
class Hints:
    """What the container says about the document, used where the document itself is silent."""

    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD): an e-mail's Date, a WARC record's WARC-Date
    title: str | None = None
    modified: str | None = None  # ISO date the file was last modified: the date of last resort


@dataclass(frozen=True)
class Document:
    path: str
    format: str  # one of FORMATS: the kind of input it came from
    markup: str  # one of MARKUPS: which extractor reads `text`
    text: str  # decoded, NFC
    sha256: str  # of the bytes it came from: the whole file, or the part's own bytes in a container
    bytes: int
    encoding: str | None = None
    part: str | None = None  # its address in a container (a message id, a WARC record id); None for a whole file
    hints: Hints = field(default_factory=Hints)


@dataclass(frozen=True)
class Skipped:
    """A part of a container that is not a document (a WARC request record, an image response):
    counted, not an error."""

    path: str
    part: str
    reason: str


@dataclass(frozen=True)
class Failed:
    """An input, or a part of a container, that should have been a document but cannot be read (for a
    part, the rest of the container goes on)."""

    path: str
    part: str | None
    error: InputError
    sha256: str | None = None
    bytes: int | None = None


Item = Document | Skipped | Failed
