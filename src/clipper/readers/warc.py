"""WARC (.warc, .warc.gz): web archives and crawls. Each `response` record holding an HTML page is a
document, with the record's target URI as its URL, its WARC-Date as a date candidate and its
WARC-Record-ID as `source.part`; every other record (warcinfo, requests, metadata, images,
scripts) is skipped and counted, not an error. Read with warcio."""
from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator

from ..document import Failed, Hints, Item, Skipped
from ..errors import InputError
from . import markup

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def recognises(data: bytes) -> bool:
    if data.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data[:65536])) as head:
                return head.read(5) == b"WARC/"
        except (OSError, EOFError, zlib.error):  # a damaged gzip file: not a WARC we can read
            return False
    return data.startswith(b"WARC/")


def read(path: str, data: bytes) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            part = record.rec_headers.get_header("WARC-Record-ID") or f"record {number}"
            if record.rec_type != "response":
                yield Skipped(path, part, f"WARC {record.rec_type} record")
                continue
            media = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if media.split(";")[0].strip().lower() not in _HTML_TYPES:
                yield Skipped(path, part, f"WARC response of {media or 'unknown type'}")
                continue
            payload = record.content_stream().read()
            date = record.rec_headers.get_header("WARC-Date") or ""
            hints = Hints(url=record.rec_headers.get_header("WARC-Target-URI"), published=date[:10] or None)
            try:
                yield markup.document(path, payload, "warc", part, hints)
            except InputError as exc:
                yield Failed(path, part, exc)
    # A cut or damaged archive; warcio meets damaged record headers (a response without its target URI)
    # with AttributeError, TypeError or KeyError rather than an error of its own.
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error, AttributeError, TypeError,
            KeyError, IndexError) as exc:
        raise InputError("malformed", f"WARC file could not be read past here: {exc}") from None
