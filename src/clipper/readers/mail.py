"""E-mail: a single message (.eml) or a mailbox of them (mbox). Each message is a document: its
HTML part, else its plain-text part; the Subject is a title candidate and the Date header a date
candidate, used where the body states none. In an mbox a message's part is its Message-ID."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from ..document import Document, Failed, Hints, Item
from ..errors import InputError
from . import markup

# "From sender@example.com Tue Mar  4 09:12:00 2025": the separator line of an mbox.
_MBOX_FROM = re.compile(rb"^From \S+ +\S.*$")
_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]")
# Headers that a message has and a text file that merely starts with "Title: ..." has not.
_MAIL_HEADERS = re.compile(rb"^(from|to|subject|date|message-id|received|return-path|mime-version):", re.I | re.M)


def recognises(data: bytes) -> bool:
    return is_mbox(data) or is_message(data)


def is_mbox(data: bytes) -> bool:
    return _MBOX_FROM.match(data.split(b"\n", 1)[0].rstrip(b"\r")) is not None


def is_message(data: bytes) -> bool:
    head = header_block(data)
    return head is not None and len(set(m.lower() for m in _MAIL_HEADERS.findall(head))) >= 2


def header_block(data: bytes) -> bytes | None:
    """The header lines before the first blank line, when the data starts with RFC 5322 headers."""
    end = re.search(rb"\r?\n\r?\n", data[:65536])
    if end is None or not _HEADER.match(data):
        return None
    return data[: end.start()]


def read(path: str, data: bytes) -> Iterator[Item]:
    if not is_mbox(data):
        yield message_document(path, data, None)
        return
    for number, raw in enumerate(_mbox_messages(data), start=1):
        message_id = _message_id(raw)
        part = message_id or f"message {number}"
        try:
            yield message_document(path, raw, part)
        except InputError as exc:
            yield Failed(path, part, exc, hashlib.sha256(raw).hexdigest(), len(raw))


def message_document(path: str, raw: bytes, part: str | None) -> Document:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)  # policy.default makes EmailMessage
    body = message.get_body(preferencelist=("html", "plain"))
    if body is None:
        raise InputError("no_content", "e-mail without a text or HTML part")
    try:
        content = body.get_content()
    except (LookupError, ValueError) as exc:
        raise InputError("bad_encoding", f"e-mail part could not be decoded: {exc}") from None
    if not isinstance(content, str) or not content.strip():
        raise InputError("no_content", "e-mail with an empty body")
    hints = Hints(title=_header(message, "subject"), published=_date(message))
    # Decoded by its declared charset already: handed on as UTF-8, which the markup reader reads first.
    return markup.document(path, content.encode("utf-8", "surrogatepass"), "email", part, hints)


def _mbox_messages(data: bytes) -> Iterator[bytes]:
    """The messages between "From " lines (mboxrd: ">From " in a body is an escaped "From ")."""
    lines = data.splitlines(keepends=True)
    current: list[bytes] = []
    for line in lines:
        if _MBOX_FROM.match(line.rstrip(b"\r\n")) and (not current or not current[-1].strip()):
            if current:
                yield b"".join(current)
            current = []
            continue
        current.append(line[1:] if re.match(rb">+From ", line) else line)
    if current and b"".join(current).strip():
        yield b"".join(current)


def _message_id(raw: bytes) -> str | None:
    try:
        value = BytesParser(policy=policy.default).parsebytes(raw, headersonly=True).get("message-id")
    except (ValueError, IndexError):
        return None
    return str(value).strip() or None if value else None


def _header(message: EmailMessage, name: str) -> str | None:
    try:
        value = message.get(name)
    except (ValueError, IndexError):  # a header the parser cannot make sense of
        return None
    return str(value).strip() or None if value is not None else None


def _date(message: EmailMessage) -> str | None:
    value = _header(message, "date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None
