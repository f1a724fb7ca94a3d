"""MHTML ("Save as single file" in Chrome and Edge): a MIME message whose root part is the page.
The page goes to the HTML extractor; Snapshot-Content-Location is its URL."""
from __future__ import annotations

import re
from collections.abc import Iterator
from email import policy
from email.parser import BytesParser

from ..document import Hints, Item
from ..errors import InputError
from . import markup
from .mail import header_block


def recognises(data: bytes) -> bool:
    head = header_block(data)
    if head is None:
        return False
    # An HTML e-mail with inline images is multipart/related too, but it was sent: it has a Message-ID.
    return b"Snapshot-Content-Location:" in head or (
        re.search(rb"multipart/related", head, re.I) is not None
        and re.search(rb"^(message-id|received):", head, re.I | re.M) is None)


def read(path: str, data: bytes) -> Iterator[Item]:
    message = BytesParser(policy=policy.compat32).parsebytes(data)
    url = message.get("Snapshot-Content-Location")
    pages = [part for part in message.walk() if part.get_content_type() in ("text/html", "application/xhtml+xml")]
    if not pages:
        raise InputError("no_content", "MHTML file without an HTML part")
    # The root part is the one at the snapshot's location (Chrome puts it first; others may not).
    root = next((p for p in pages if url and p.get("Content-Location") == url), pages[0])
    payload = root.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise InputError("no_content", "MHTML file whose page is empty")
    yield markup.document(path, payload, "mhtml", hints=Hints(url=str(url).strip() if url else None))
