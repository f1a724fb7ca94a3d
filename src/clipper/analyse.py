"""The pure step: one Document → its record and near-duplicate signature.

`analyse` does no I/O, keeps no state and reads no clock: the same document and knowledge give the
same Analysis in any process, in any order, on any machine. That is what an engine maps over (the
local executor's process pool, or a distributed one). Everything that depends on other documents or
on time — `ingested_at`, and which of two near-copies came first (`duplicate_of`) — is the
driver's (ingest.py).
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass
from datetime import date

from . import amounts, dedup, entities, topics
from .document import Document, Failed
from .errors import InputError
from .extract import extract
from .language import detect_language
from .record import Record, Source, text_id
from .textbounds import bounded


@dataclass(frozen=True)
class Knowledge:
    """What analysis knows beyond the document: loaded once, read-only after."""

    gazetteer: entities.Gazetteer
    taxonomy: topics.Taxonomy


def load_knowledge(gazetteer_files: tuple[str, ...] = (), taxonomy_file: str | None = None, *,
                   default_gazetteer: bool = True) -> Knowledge:
    """Raises InputError for a gazetteer or taxonomy file that cannot be used. default_gazetteer=False:
    the gazetteer files replace the built-in entries."""
    return Knowledge(entities.load_gazetteer(gazetteer_files, default_entries=default_gazetteer),
                     topics.load_taxonomy(taxonomy_file))


@dataclass(frozen=True)
class Analysis:
    record: Record  # ingested_at and duplicate_of unset: the driver's to fill in
    signature: dedup.Signature | None  # None for an error record or a text too short to compare


def analyse(doc: Document, knowledge: Knowledge) -> Analysis:
    """Never raises: bad content and bugs alike come back as an error record for this document."""
    try:
        return _analyse(doc, knowledge)
    except InputError as exc:
        return Analysis(error_record(source_of(doc), exc), None)
    except MemoryError:
        return Analysis(error_record(source_of(doc), InputError(
            "too_large", "analysis ran out of its memory budget (see --max-memory)")), None)
    except RecursionError:
        return Analysis(error_record(source_of(doc), InputError("malformed", "document nested too deeply")), None)
    except Exception as exc:  # a bug in a stage costs this one record, not the batch
        return Analysis(internal_error_record(source_of(doc), exc), None)


def _analyse(doc: Document, knowledge: Knowledge) -> Analysis:
    # The container's date (e-mail, WARC record), else the file's: what relative dates count from, and
    # the date of last resort.
    reference = doc.hints.published or doc.hints.modified
    # Plain text is bounded before its extraction too; markup is not (a long attribute is no word).
    extraction = extract(doc.markup, bounded(doc.text) if doc.markup == "text" else doc.text,
                         date.fromisoformat(reference) if reference else None)
    text = bounded(extraction.text)
    language, confidence = detect_language(text)
    found_entities = entities.tag(text, knowledge.gazetteer, language)
    title = extraction.title or doc.hints.title
    found_amounts = amounts.find_amounts(text, language, title=title)
    classification = topics.classify(text, title, found_entities, knowledge.taxonomy)
    source = source_of(doc)
    source.url = extraction.url or doc.hints.url
    record = Record(
        source=source,
        id=text_id(text),
        title=title,
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
        clipper_version=version(),
    )
    return Analysis(record, dedup.signature(text))


def source_of(doc: Document | Failed) -> Source:
    if isinstance(doc, Failed):
        return Source(path=doc.path, sha256=doc.sha256, bytes=doc.bytes, part=doc.part)
    return Source(path=doc.path, sha256=doc.sha256, format=doc.format, bytes=doc.bytes,
                  url=doc.hints.url, encoding=doc.encoding, part=doc.part)


def error_record(source: Source, exc: InputError) -> Record:
    return Record(source=source, error={"type": exc.kind, "message": exc.message}, clipper_version=version())


def internal_error_record(source: Source, exc: BaseException) -> Record:
    """Error record of type "internal" for an unexpected exception; error["traceback"] keeps the
    traceback for whoever wants to show it (the ingest command does so with --verbose)."""
    record = error_record(source, InputError("internal", f"{type(exc).__name__}: {exc}"))
    assert record.error is not None
    record.error["traceback"] = "".join(traceback.format_exception(exc))
    return record


def version() -> str:
    from . import __version__

    return __version__
