"""Runs the stages on one input: read → extract → detect language → tag → classify → Record."""
from __future__ import annotations

import hashlib
import os
import traceback
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache

from . import amounts, entities, topics
from .errors import InputError
from .extract import extract
from .language import detect_language
from .record import Record, Source, text_id
from .sources import DEFAULT_MAX_BYTES, load, read_bytes
from .textbounds import bounded


@dataclass(frozen=True)
class Settings:
    max_bytes: int = DEFAULT_MAX_BYTES
    gazetteer_files: tuple[str, ...] = ()
    default_gazetteer: bool = True  # False: gazetteer_files replace the built-in entries
    taxonomy_file: str | None = None


@dataclass
class Pipeline:
    """Holds what the stages load once (gazetteer, taxonomy) and turns inputs into Records."""

    settings: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        self.gazetteer = entities.load_gazetteer(self.settings.gazetteer_files,
                                                 default_entries=self.settings.default_gazetteer)
        self.taxonomy = topics.load_taxonomy(self.settings.taxonomy_file)

    def process_path(self, path: str) -> Record:
        """Never raises: bad input and bugs alike come back as an error record."""
        try:
            data = read_bytes(path, self.settings.max_bytes)
        except InputError as exc:
            return error_record(path, exc)
        except Exception as exc:  # one bad file must not crash a batch
            return internal_error_record(path, exc)
        return self.process_bytes(data, path, reference_date=modified_date(path))

    def process_bytes(self, data: bytes, path: str = "<bytes>", reference_date: date | None = None) -> Record:
        """`reference_date` (the file's modification time, the e-mail's or WARC record's date) dates what
        the document says relatively ("I går 14:03") and is the date of last resort."""
        try:
            return self._process(data, path, reference_date)
        except InputError as exc:
            return error_record(path, exc, data)
        except RecursionError:
            return error_record(path, InputError("malformed", "document nested too deeply to parse"), data)
        except Exception as exc:  # a bug in a stage costs this one record, not the batch
            return internal_error_record(path, exc, data)

    def _process(self, data: bytes, path: str, reference_date: date | None) -> Record:
        doc = load(path, data)
        # Plain text is bounded before its extraction too; markup is not (a long attribute is no word).
        extraction = extract(doc.format, bounded(doc.text) if doc.format == "text" else doc.text, reference_date)
        text = bounded(extraction.text)
        language, confidence = detect_language(text)
        found_entities = entities.tag(text, self.gazetteer, language)
        found_amounts = amounts.find_amounts(text, language, title=extraction.title)
        classification = topics.classify(text, extraction.title, found_entities, self.taxonomy)
        return Record(
            source=Source(
                path=path, sha256=doc.sha256, format=doc.format, bytes=doc.raw_bytes,
                url=extraction.url, encoding=doc.encoding,
            ),
            id=text_id(text),
            title=extraction.title,
            published=extraction.published,
            published_from=extraction.published_from,
            authors=extraction.authors,
            site=extraction.site,
            description=extraction.description,
            language=language,
            language_confidence=confidence,
            text=text,
            word_count=len(text.split()),
            entities=found_entities,
            amounts=found_amounts,
            topics=classification.topics,
            relevant=classification.relevant,
            relevance=classification.relevance,
            relevance_evidence=classification.relevance_evidence,
            ingested_at=now_iso(),
            clipper_version=_version(),
        )


def error_record(path: str, exc: InputError, data: bytes | None = None) -> Record:
    source = Source(path=path)
    if data is not None:
        source.sha256 = hashlib.sha256(data).hexdigest()
        source.bytes = len(data)
    return Record(
        source=source,
        error={"type": exc.kind, "message": exc.message},
        ingested_at=now_iso(),
        clipper_version=_version(),
    )


def internal_error_record(path: str, exc: Exception, data: bytes | None = None) -> Record:
    """Error record of type "internal" for an unexpected exception; error["traceback"] keeps the
    traceback for whoever wants to show it (the ingest command does so with --verbose)."""
    record = error_record(path, InputError("internal", f"{type(exc).__name__}: {exc}"), data)
    assert record.error is not None
    record.error["traceback"] = "".join(traceback.format_exception(exc))
    return record


def modified_date(path: str) -> date | None:
    """The file's modification date (local time): the reference for relative dates, the date of last resort."""
    try:
        return date.fromtimestamp(os.stat(path).st_mtime)
    except (OSError, ValueError, OverflowError):  # gone since it was read, or a timestamp out of range
        return None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@lru_cache(maxsize=8)
def pipeline_for(settings: Settings) -> Pipeline:
    """The Pipeline of these settings, built once per process: a Pipeline holds only what it loaded
    (read-only after loading), so the CLI's up-front check, the batch and process() share it."""
    return Pipeline(settings)


def _version() -> str:
    from . import __version__

    return __version__


def process(source: str | os.PathLike | bytes, *, settings: Settings | None = None) -> Record:
    """One input through the whole pipeline. A path is read from disk; bytes or str are the content.
    The gazetteer and taxonomy are loaded once per distinct Settings, not on every call."""
    pipeline = pipeline_for(settings or Settings())
    if isinstance(source, bytes):
        return pipeline.process_bytes(source)
    if isinstance(source, str) and ("\n" in source or "<" in source) and not os.path.exists(source):
        return pipeline.process_bytes(source.encode("utf-8"), "<string>")
    return pipeline.process_path(os.fspath(source))
