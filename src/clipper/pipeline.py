"""One input → its documents → their records: the reading glue around the pure `analyse`, and the
public `process` / `Pipeline` API for callers that want records without a batch run."""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import lru_cache

from . import readers
from .analyse import Analysis, Knowledge, analyse, error_record, internal_error_record, load_knowledge, source_of
from .document import Document, Failed, Item
from .errors import InputError
from .inputs import DEFAULT_MAX_BYTES, display_path, read_bytes
from .record import Record


@dataclass(frozen=True)
class Settings:
    max_bytes: int = DEFAULT_MAX_BYTES
    gazetteer_files: tuple[str, ...] = ()
    default_gazetteer: bool = True  # False: gazetteer_files replace the built-in entries
    taxonomy_file: str | None = None


def read_items(path: str, data: bytes | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               modified: date | None = None) -> Iterator[Item]:
    """The documents of one input (its bytes read from `path` unless given), never raising: a whole
    input that cannot be read is one Failed item with part None, and so is a container that holds
    no document at all, so that every input says something. `modified` (the file's date) goes into
    each document's hints."""
    shown = display_path(path)
    try:
        if data is None:
            data = read_bytes(path, max_bytes)
    except InputError as exc:
        yield Failed(shown, None, exc)
        return
    except Exception as exc:  # one bad file must not crash a batch
        yield Failed(shown, None, _Internal(exc))
        return
    documents = skipped = 0
    try:
        for item in readers.read(shown, data):
            if isinstance(item, Document | Failed):
                documents += 1
            else:
                skipped += 1
            if isinstance(item, Document) and modified is not None:
                item = replace(item, hints=replace(item.hints, modified=modified.isoformat()))
            yield item
    except InputError as exc:
        yield Failed(shown, None, exc, hashlib.sha256(data).hexdigest(), len(data))
        return
    except RecursionError:
        yield Failed(shown, None, InputError("malformed", "document nested too deeply to parse"),
                     hashlib.sha256(data).hexdigest(), len(data))
        return
    except Exception as exc:  # a bug in a reader costs this input, not the batch
        yield Failed(shown, None, _Internal(exc), hashlib.sha256(data).hexdigest(), len(data))
        return
    if not documents:
        yield Failed(shown, None, InputError("no_content", f"holds no document ({skipped} parts are not articles)"),
                     hashlib.sha256(data).hexdigest(), len(data))


class _Internal(InputError):
    """An unexpected exception while reading, carried as an error with its traceback."""

    def __init__(self, exc: Exception):
        super().__init__("internal", f"{type(exc).__name__}: {exc}")
        self.original = exc


def failure_analysis(failed: Failed) -> Analysis:
    if isinstance(failed.error, _Internal):
        return Analysis(internal_error_record(source_of(failed), failed.error.original), None)
    return Analysis(error_record(source_of(failed), failed.error), None)


@dataclass
class Pipeline:
    """Holds what analysis loads once (gazetteer, taxonomy) and turns inputs into Records."""

    settings: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        self.knowledge: Knowledge = load_knowledge(self.settings.gazetteer_files, self.settings.taxonomy_file,
                                                   default_gazetteer=self.settings.default_gazetteer)

    @property
    def gazetteer(self):
        return self.knowledge.gazetteer

    @property
    def taxonomy(self):
        return self.knowledge.taxonomy

    def records(self, path: str, data: bytes | None = None, modified: date | None = None) -> list[Record]:
        """One record per document of the input (a container gives several). Never raises."""
        out = []
        if data is None:
            modified = modified_date(path)
        for item in read_items(path, data, self.settings.max_bytes, modified):
            if isinstance(item, Document):
                analysis = analyse(item, self.knowledge)
            elif isinstance(item, Failed):
                analysis = failure_analysis(item)
            else:
                continue
            analysis.record.ingested_at = now_iso()
            out.append(analysis.record)
        return out

    def process_path(self, path: str) -> Record:
        """The record of the input's first document. Never raises: bad input and bugs alike come
        back as an error record."""
        return self.records(path)[0]

    def process_bytes(self, data: bytes, path: str = "<bytes>", reference_date: date | None = None) -> Record:
        """`reference_date` stands for the file's modification date: relative dates count from it, and it
        is the date of last resort."""
        return self.records(path, data, reference_date)[0]


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


def process(source: str | os.PathLike | bytes, *, settings: Settings | None = None) -> Record:
    """One input through the whole pipeline: a path (str or PathLike) is read from disk, bytes are the
    content. The gazetteer and taxonomy are loaded once per distinct Settings, not on every call. A
    container (mbox, WARC) gives the record of its first document: `Pipeline.records` gives them all.
    Text you hold as a str goes to process_text: a str here is always a path."""
    if isinstance(source, bytes):
        return pipeline_for(settings or Settings()).process_bytes(source)
    return process_path(source, settings=settings)


def process_path(path: str | os.PathLike, *, settings: Settings | None = None) -> Record:
    """The record of the file at `path` (never raises: a missing file is a `not_found` error record)."""
    return pipeline_for(settings or Settings()).process_path(os.fspath(path))


def process_text(text: str, *, name: str = "<text>", settings: Settings | None = None) -> Record:
    """The record of a clipping's content given as a str (plain text or HTML); `name` becomes source.path."""
    return pipeline_for(settings or Settings()).process_bytes(text.encode("utf-8", "surrogatepass"), name)

