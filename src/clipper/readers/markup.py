"""HTML and plain text: bytes decoded (BOM, UTF-8, declared charset, Windows-1252; mojibake repaired), then
told apart by content. Container readers use `document` for the pages they hold."""
from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Iterator

from ..document import Document, Hints
from ..errors import InputError

# Markup is sniffed with linear-time patterns only: what a page starts with (declaration, comments)
# is skipped by a loop (see _prolog_end), and a tag's attributes stop at the next "<", so that a
# run of unclosed "<p" or "<!--" costs one pass, not one pass per occurrence.
_HTML_START_TAG = re.compile(r"<(!doctype\s+html|html|head|body|meta|title)\b", re.I)
_XML_DECLARATION = re.compile(r"\s*<\?xml[^<>]*>")
_COMMENT_OPEN = re.compile(r"\s*<!--")
_SPACE = re.compile(r"\s*")
_XML_START = re.compile(r"^\s*<(\?xml|!doctype)\b", re.I)
# A DOCTYPE with an internal subset ("<!DOCTYPE html [ <!ENTITY ...> ]>") is never needed by a web
# page and is how entity-expansion bombs ("billion laughs") come in; it is cut before parsing.
_DOCTYPE_SUBSET_OPEN = re.compile(r"<!doctype\s[^\[<>]*\[", re.I)
_DOCTYPE_SUBSET_CLOSE = re.compile(r"\]\s*>")
_HTML_TAGS = re.compile(rb"<(p|div|span|a|br|h[1-6]|article|section|table|li|script|style)\b[^<>]*>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^<>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# Control characters that no text file holds (tab, line and page breaks aside).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
# Byte sequences of UTF-8 read as Latin-1/cp1252: Ã¤ Ã¶ Ã¥ Ã… Ã¸ Ã¦ â€“ and friends.
_MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf]|â€|Ã[¤¶¥…˜†„–]")


def read(path: str, data: bytes) -> Iterator[Document]:
    """HTML or plain text, told apart by content whatever the file is called; InputError says why not."""
    yield document(path, data)


def document(path: str, data: bytes, fmt: str | None = None, part: str | None = None,
             hints: Hints | None = None) -> Document:
    """Decode and sniff the bytes of a page or a text. `fmt` is the format the record reports: the
    container's ("warc", "email"), or by default what the content is ("html" or "text")."""
    text, encoding = decode(data)
    markup = sniff_format(data, text)
    if markup == "html":  # what precedes the markup proper is of no use, and can stop the parser
        text = _without_doctype_subset(text[_prolog_end(text) :])
    elif _XML_START.match(text):
        raise InputError("unsupported", "XML document that is not a web page (a feed or data file?)")
    return Document(
        path=path,
        format=fmt or markup,
        markup=markup,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
        encoding=encoding,
        part=part,
        hints=hints or Hints(),
    )


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to NFC text: BOM, then UTF-8, then the declared charset, then Windows-1252; mojibake repaired."""
    encoding = _bom_encoding(data) or _utf16_without_bom(data) or ""
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise InputError("bad_encoding",
                             f"declares {encoding} by its byte order but does not decode as it") from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            declared = _declared_charset(data)
            decoded: str | None = None
            if declared and declared not in ("utf-8", "utf8"):
                try:
                    decoded, encoding = data.decode(declared), declared
                except (UnicodeError, LookupError):  # also "undefined", a codec that refuses everything
                    decoded = None
            text, encoding = (decoded, encoding) if decoded is not None else _decode_line_by_line(data)
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise InputError("binary", "binary data (NUL bytes) in what should be text")
    if _looks_binary(text):
        raise InputError("binary", "binary data: too many control characters for text")
    if _may_hold_mojibake(text) and _MOJIBAKE.search(text):
        text = _repair_mojibake(text)
        encoding += "+mojibake-repaired"
    return unicodedata.normalize("NFC", text), encoding


def _may_hold_mojibake(text: str) -> bool:
    """Every _MOJIBAKE match holds Ã, Â or â€: three substring scans cost a tenth of the regex's."""
    return "Ã" in text or "Â" in text or "â€" in text


def _repair_mojibake(text: str) -> str:
    """ftfy on the lines that show mojibake only: a page often has one double-encoded widget, and
    ftfy over a whole 1 MB page costs a fifth of a second. Imported here: most inputs never need it,
    and its import is a tenth of clipper's start-up."""
    import ftfy

    lines = text.splitlines(keepends=True)
    return "".join(ftfy.fix_encoding(line) if _MOJIBAKE.search(line) else line for line in lines)


def _decode_line_by_line(data: bytes) -> tuple[str, str]:
    """Bytes that are not valid UTF-8 as a whole: a legacy 8-bit file, or UTF-8 with stray bytes
    (a truncated download, a Latin-1 line pasted into a UTF-8 file). Each line keeps UTF-8 when at
    least as many of its non-ASCII characters decode as fail (valid multi-byte sequences are rare in
    legacy text), with U+FFFD for the bytes that do not; otherwise the line is Windows-1252 (a
    superset of Latin-1 for printable text)."""
    parts, kinds = [], set()
    for line in data.splitlines(keepends=True):
        try:
            parts.append(line.decode("utf-8"))
            if not line.isascii():
                kinds.add("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        as_utf8 = line.decode("utf-8", errors="replace")
        replaced = as_utf8.count("\ufffd")
        decoded = sum(1 for ch in as_utf8 if ord(ch) > 127) - replaced
        if decoded and decoded >= replaced:
            parts.append(as_utf8)
            kinds.add("utf-8+replaced")
        else:
            # cp1252 decodes every byte but five; those five become U+FFFD.
            parts.append(line.decode("cp1252", errors="replace"))
            kinds.add("cp1252")
    if "cp1252" not in kinds:
        return "".join(parts), "utf-8+replaced"
    return "".join(parts), "cp1252" if kinds == {"cp1252"} else "utf-8+cp1252"


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return name
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:4096]
    if len(head) < 4:
        return None
    even_nuls = head[0::2].count(0) / len(head[0::2])
    odd_nuls = head[1::2].count(0) / len(head[1::2])
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 100)


def sniff_format(data: bytes, text: str) -> str:
    """'html' when the content is markup, whatever the file is called; else 'text'."""
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    head = data[:65536] if not utf16 else text[:65536].encode("utf-8", "ignore")
    start = head[:2048].lstrip(codecs.BOM_UTF8).decode("latin-1")  # the markup sought is ASCII
    if _HTML_START_TAG.match(start, _prolog_end(start)):
        return "html"
    if len(_HTML_TAGS.findall(head)) >= 5 and head.count(b"<") > head.count(b"\n") / 4:
        return "html"
    return "text"



def _prolog_end(text: str) -> int:
    """Where the markup proper starts: past leading white space, an XML declaration and comments.
    A loop, not one pattern: `(<!--.*?-->\\s*)*` backtracks exponentially over a few dozen comments
    that are not followed by a page."""
    declaration = _XML_DECLARATION.match(text)
    pos = declaration.end() if declaration else 0
    while comment := _COMMENT_OPEN.match(text, pos):
        close = text.find("-->", comment.end())
        if close < 0:
            break
        pos = close + len("-->")
    space = _SPACE.match(text, pos)
    return space.end() if space else pos


def _without_doctype_subset(text: str) -> str:
    """The page with the internal subset of its DOCTYPE cut: `<!DOCTYPE html [...]>` → `<!DOCTYPE html>`."""
    opened = _DOCTYPE_SUBSET_OPEN.match(text)
    if not opened:
        return text
    closed = _DOCTYPE_SUBSET_CLOSE.search(text, opened.end())
    if not closed:
        return text
    return text[: opened.end() - 1] + ">" + text[closed.end() :]
