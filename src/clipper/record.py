"""The one record type clipper emits, and the JSON Schema that documents it."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Any

from .document import FORMATS

SCHEMA_VERSION = 1
# Where `published` was read: the page's metadata or markup, a dateline in the text, a relative date
# ("I går 14:03", "12 mars") read against the reference date, or, as the last resort, the reference date
# itself: the file's modification time (or the date of the e-mail or WARC record that carried it).
PUBLISHED_FROM = ("page", "text", "relative", "file")


@dataclass
class Source:
    path: str
    sha256: str | None = None
    format: str | None = None  # one of document.FORMATS, or None when unreadable
    bytes: int | None = None
    url: str | None = None
    encoding: str | None = None
    part: str | None = None  # the document's address inside a container


@dataclass
class Record:
    """One clipping. A failed input is a Record whose `error` is set and whose content fields are empty."""

    source: Source
    id: str | None = None
    title: str | None = None
    published: str | None = None
    published_from: str | None = None  # see PUBLISHED_FROM
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    description: str | None = None
    language: str = "und"
    language_confidence: float = 0.0
    text: str = ""
    word_count: int = 0
    entities: list[dict[str, Any]] = field(default_factory=list)
    amounts: list[dict[str, Any]] = field(default_factory=list)
    topics: list[dict[str, Any]] = field(default_factory=list)
    relevant: bool | None = None
    relevance: float | None = None
    relevance_evidence: dict[str, list[str]] = field(default_factory=dict)
    duplicate_of: str | None = None
    supersedes: str | None = None  # record_id of the previous record of this input (path and part), with --state
    error: dict[str, str] | None = None
    ingested_at: str | None = None
    clipper_version: str | None = None
    schema_version: int = SCHEMA_VERSION

    @property
    def record_id(self) -> str:
        """Unique per input (path and part) and content: the key of this record, where `id` names its story."""
        return record_id(self.source.path, self.source.part, self.source.sha256)

    def to_dict(self) -> dict[str, Any]:
        if self.error is not None:
            return {
                "schema_version": self.schema_version,
                "record_id": self.record_id,
                "source": _as_dict(self.source),
                "error": self.error,
                # The list fields stay lists, so `jq '.topics[]'` and SQL over a batch need no guard.
                "authors": [], "entities": [], "amounts": [], "topics": [],
                "supersedes": self.supersedes,
                "ingested_at": self.ingested_at,
                "clipper_version": self.clipper_version,
            }
        data = _as_dict(self)
        del data["error"]
        return {"record_id": self.record_id, **data}


def _as_dict(instance: Source | Record) -> dict[str, Any]:
    """dataclasses.asdict for a record's plain data, a third of its cost: the parent of a worker pool
    turns every record into a dict."""
    return {f.name: _copied(getattr(instance, f.name)) for f in fields(instance)}


def _copied(value: Any) -> Any:
    """A JSON-shaped value with fresh containers, so that changing the dict leaves the record as it was."""
    if isinstance(value, Source):
        return _as_dict(value)
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_copied(item) for item in value)
    return value


def record_id(path: str, part: str | None, sha256: str | None) -> str:
    """The record key of a document: its input's path, its part inside it, and the bytes it was read from."""
    key = "\0".join((path, part or "", sha256 or ""))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def normalize_for_id(text: str) -> str:
    """Text as compared for identity: NFC, case-folded, whitespace collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


def text_id(text: str) -> str:
    return hashlib.sha256(normalize_for_id(text).encode("utf-8")).hexdigest()[:16]


def _nullable(type_: str) -> dict[str, Any]:
    return {"type": [type_, "null"]}


_SOURCE_SCHEMA = {
    "type": "object",
    "required": ["path"],
    "properties": {
        "path": {"type": "string", "description": "Input path as given or found."},
        "sha256": {**_nullable("string"), "description": "SHA-256 of the raw bytes."},
        "format": {"enum": [*FORMATS, None],
                   "description": "What the input was; a container's format for a document inside one."},
        "bytes": {**_nullable("integer"), "description": "Size of the bytes the document came from."},
        "url": {**_nullable("string"), "description": "Canonical URL where the page states one."},
        "encoding": {**_nullable("string"), "description": "Encoding the bytes were decoded with."},
        "part": {**_nullable("string"),
                 "description": "Address inside a container: PDF page range, mbox Message-ID, WARC-Record-ID."},
    },
}

_MENTION_SCHEMA = {
    "type": "object",
    "required": ["text", "start", "end"],
    "properties": {"text": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}},
}

_RECORD_ID_SCHEMA = {
    "type": "string",
    "description": "Unique per input (path and part inside it) and content: the key of a record, where `id` "
                   "(the same for the same story) is not.",
}
_SUPERSEDES_SCHEMA = {
    **_nullable("string"),
    "description": "With --state: the record_id of the previous record of the same input, when it changed.",
}

RECORD_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://clipper.invalid/schema/record-v1.json",
    "title": "clipper record",
    "description": "One JSON object per document (a file, or a part of a container), one per line (JSON Lines). "
    "A failed input yields the error form: source + error, its list fields empty, no other content fields.",
    "oneOf": [{"$ref": "#/$defs/record"}, {"$ref": "#/$defs/error_record"}],
    "$defs": {
        "record": {
            "type": "object",
            "additionalProperties": False,
            "required": [
                "schema_version", "record_id", "id", "source", "title", "published", "authors", "site",
                "language", "language_confidence", "text", "word_count", "entities", "amounts",
                "topics", "relevant", "relevance_evidence", "ingested_at", "clipper_version",
            ],
            "properties": {
                "schema_version": {"const": SCHEMA_VERSION},
                "id": {"type": "string",
                       "description": "Hash of the normalized text: the same story gives the same id."},
                "source": _SOURCE_SCHEMA,
                "title": _nullable("string"),
                "published": {**_nullable("string"), "description": "ISO 8601 date (YYYY-MM-DD) or null."},
                "published_from": {"enum": [*PUBLISHED_FROM, None],
                                   "description": "Where `published` was read; `file`: stated nowhere, the file date."},
                "authors": {"type": "array", "items": {"type": "string"}},
                "site": _nullable("string"),
                "description": _nullable("string"),
                "language": {"type": "string", "description": "ISO 639-1 code (sv, da, no, en, ...) or 'und'."},
                "language_confidence": {"type": "number", "minimum": 0, "maximum": 1},
                "text": {"type": "string",
                         "description": "Clean article body, NFC, paragraphs separated by a blank line."},
                "word_count": {"type": "integer", "minimum": 0},
                "entities": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["type", "name", "id", "known", "mentions"],
                        "properties": {
                            "type": {"type": "string"},
                            "name": {"type": "string"},
                            "id": {"type": "string"},
                            "known": {"type": "boolean",
                                      "description": "true: in the gazetteer; false: found from its context "
                                                     "(a name to review and add with --gazetteer)."},
                            "mentions": {"type": "array", "items": _MENTION_SCHEMA},
                        },
                    },
                },
                "amounts": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["text", "start", "end", "value", "currency", "qualifier"],
                        "properties": {
                            "text": {"type": "string"},
                            "start": {"type": "integer"},
                            "end": {"type": "integer"},
                            "value": {"type": "number"},
                            "value_max": _nullable("number"),
                            "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                            "qualifier": {"enum": [None, "approx", "at_least", "at_most", "range"]},
                            "in": {"enum": ["text", "title"],
                                   "description": "Where start and end point: the text, or the title "
                                                  "(a headline figure the text does not repeat)."},
                        },
                    },
                },
                "topics": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["label", "score", "evidence"],
                        "properties": {
                            "label": {"type": "string"},
                            "score": {"type": "number", "minimum": 0, "maximum": 1},
                            "evidence": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                        },
                    },
                },
                "relevant": {"type": ["boolean", "null"]},
                "relevance": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                "relevance_evidence": {
                    "type": "object",
                    "description": "Why the clipping is (not) relevant: the field's own terms ('field') and, "
                                   "per facet of the taxonomy (health_care, information_technology), the "
                                   "entities and terms found, 'together' the lead's sentences that hold every "
                                   "facet, 'not_in_point' the facets the title and lede never touch. Relevance "
                                   "needs every facet.",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
                "duplicate_of": {
                    **_nullable("string"),
                    "description": "id of the first record seen with the same or a near-identical text."},
                "record_id": _RECORD_ID_SCHEMA,
                "supersedes": _SUPERSEDES_SCHEMA,
                "ingested_at": {"type": "string", "description": "UTC timestamp, ISO 8601."},
                "clipper_version": {"type": "string"},
            },
        },
        "error_record": {
            "type": "object",
            "additionalProperties": False,
            "required": ["schema_version", "record_id", "source", "error"],
            "properties": {
                "schema_version": {"const": SCHEMA_VERSION},
                "record_id": _RECORD_ID_SCHEMA,
                "supersedes": _SUPERSEDES_SCHEMA,
                "source": _SOURCE_SCHEMA,
                "error": {
                    "type": "object",
                    "required": ["type", "message"],
                    "properties": {"type": {"type": "string"}, "message": {"type": "string"}},
                },
                **{name: {"type": "array", "maxItems": 0} for name in ("authors", "entities", "amounts", "topics")},
                "ingested_at": {"type": "string"},
                "clipper_version": {"type": "string"},
            },
        },
    },
}
