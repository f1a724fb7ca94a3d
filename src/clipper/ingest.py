"""The driver of a batch run: every document of every input found under the given paths becomes exactly
one record, in sorted input order (a file is one document; a container — mbox, WARC — holds several).
Reading happens here; the pure analysis runs in an executor (executor.py: this process or a pool of
workers, replaceable by another engine); counting, duplicates, output and state are here again.

With a state file (`IngestSettings.state`) the run is incremental and safe to interrupt:
- an input whose path, size and mtime match the state is skipped unread; one whose size matches
  but mtime does not is hashed, and skipped when its SHA-256 matches (a touched, unchanged file);
  an input that changed is read, and of its documents only those the state does not know by
  (path, part) and SHA-256 are done: an appended WARC or an mbox with new mail yields its new ones;
- records go out in batches; after each batch the output is flushed and fsync'ed, then one state
  transaction records the batch's inputs and the output's new committed length. A run first cuts
  the output back to that length, so records written after the last commit of a killed run are
  dropped together with the state entries that never committed, and those documents are done again:
  with `-o FILE`, every document yields exactly one record across a killed run and its re-run, even
  for kill -9 in the middle of a container (an input is marked as read only after its last
  document). On stdout nothing can be taken back: a kill -9 may repeat the last batch there
  (at most BATCH_RECORDS records) on the next run; SIGINT/SIGTERM stop cleanly after the current
  record and commit, so they never repeat or lose one.
- Inputs that could not be read at all (vanished, unreadable, symlink loop) and internal errors
  are not remembered, so the next run retries them; everything else (records and content errors
  such as an empty or binary file, timeouts) is, until the file changes or --force.

Testing hook: the environment variable CLIPPER_TEST_SLOW_SECONDS makes the run sleep that long
after writing each record (before the batch commits), so a test can kill it mid-batch.
"""
from __future__ import annotations

import hashlib
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import dedup
from .analyse import Analysis
from .document import Document, Failed, Item, Skipped
from .errors import InputError
from .executor import Budget, Executor, KnowledgeFiles, PoolExecutor, SerialExecutor, run_within
from .inputs import display_path, iter_inputs, read_bytes
from .output import is_regular_output, open_writer
from .pipeline import Settings, failure_analysis, modified_date, now_iso, pipeline_for, read_items
from .progress import Reporter
from .record import Record, record_id
from .state import State, StateError, output_owner

BATCH_RECORDS = 20
BATCH_SECONDS = 5.0
MIN_INPUTS_FOR_WORKERS = 32
# Errors that say nothing about the file's content: retried on the next run rather than remembered.
RETRIED_ERRORS = frozenset({"not_found", "unreadable", "symlink_loop", "internal"})


@dataclass(frozen=True)
class IngestSettings:
    """Everything `clipper ingest` options decide; the pipeline's own settings are nested."""

    pipeline: Settings = field(default_factory=Settings)
    output: str | None = None  # None or "-": stdout
    pretty: bool = False
    state: str | None = None
    force: bool = False
    wait: bool = False  # for the state lock
    workers: int = 1
    only_relevant: bool = False  # off-topic records are counted but not written
    follow_links: bool = False  # follow symbolic links out of the folders given
    budget: Budget = field(default_factory=Budget)


@dataclass(frozen=True)
class Given:
    """An input whose bytes are given rather than read from a path (stdin); `name` is its source.path."""

    name: str
    data: bytes


@dataclass
class Summary:
    ingested: int = 0  # records written, duplicates included
    relevant: int = 0  # of those ingested: relevant to the monitored field
    duplicates: int = 0
    off_topic: int = 0  # with only_relevant: ingested but not written
    unchanged: int = 0  # skipped: the state says they were ingested as they are (inputs or documents)
    skipped: int = 0  # parts of containers that are not documents (WARC requests, images)
    failed: int = 0
    seconds: float = 0.0
    interrupted_by: int | None = None  # signal number
    failures: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        held_back = f", {self.off_topic} off-topic not written" if self.off_topic else ""
        parts = f", {self.skipped} parts skipped (not articles)" if self.skipped else ""
        text = (f"clipper: {self.ingested} ingested ({self.relevant} relevant, "
                f"{self.duplicates} duplicates{held_back}), "
                f"{self.unchanged} unchanged{parts}, {self.failed} failed in {self.seconds:.1f}s")
        if self.interrupted_by:
            text += f"; interrupted by {signal.Signals(self.interrupted_by).name}"
        return text


@dataclass(frozen=True)
class _Input:
    path: str  # to open (may hold surrogate escapes)
    key: str  # in the state and the records: absolute, valid text
    problem: InputError | None = None  # found while walking the folders
    data: bytes | None = None  # given (stdin) rather than read


@dataclass
class _Progress:
    """What the driver has seen of one input while its documents pass."""

    size: int | None = None
    mtime_ns: int | None = None
    sha256: str | None = None
    retry: bool = False  # something in it failed for a reason that is not its content: not marked as read


@dataclass
class _Entry:
    """One step of the run in order: a document to analyse, or something already decided."""

    input: _Input
    progress: _Progress
    item: Item | None = None  # None: the input is done
    unchanged: bool = False


@dataclass
class _Stop:
    signum: int | None = None  # set by the signal handler; the run stops after the current record


def run(paths: Iterable[str | Given], settings: IngestSettings, reporter: Reporter | None = None,
        executor: Callable[[int], Executor] | None = None) -> Summary:
    """Ingest every input under `paths` (a Given is one input of given bytes), writing records as the
    settings say. `executor(inputs)` builds the engine (by default: serial, or a pool of
    settings.workers for 32 inputs or more). Returns the summary; raises state.StateLocked /
    state.StateError when the state file cannot be used."""
    reporter = reporter or Reporter(quiet=True)
    started = time.monotonic()
    summary = Summary()
    with State(settings.state, wait=settings.wait) as state:
        output_key, writer = _open_output(settings, state, reporter)
        completed = False
        try:
            with _stop_on_signals() as stop:
                inputs = _without_own_files(_found(paths, settings), settings)
                reporter.start(len(inputs))
                pending, last_commit = 0, time.monotonic()
                slow = float(os.environ.get("CLIPPER_TEST_SLOW_SECONDS") or 0)
                engine = (executor or _default_executor(settings))(len(inputs))
                try:
                    for entry, analysis in _analysed(_entries(inputs, state, settings, summary, reporter), engine):
                        record = _take(entry, analysis, state, settings, summary, reporter)
                        if record is None:
                            if stop.signum:
                                break
                            continue
                        summary.relevant += bool(record.relevant)
                        if settings.only_relevant and record.relevant is False:
                            summary.off_topic += 1
                        else:
                            writer.write(record.to_dict())
                        pending += 1
                        if slow:
                            time.sleep(slow)
                        if pending >= BATCH_RECORDS or time.monotonic() - last_commit >= BATCH_SECONDS:
                            _commit(state, writer, output_key)
                            pending, last_commit = 0, time.monotonic()
                        if stop.signum:
                            break
                finally:
                    engine.close()
                summary.interrupted_by = stop.signum
                _commit(state, writer, output_key)
            completed = not summary.interrupted_by
        finally:
            # A crash (bug, disk full) leaves the batch uncommitted: rolled back in the state, cut
            # from an appended output next run, and an atomic output is not replaced.
            writer.close(ok=completed)
    summary.seconds = time.monotonic() - started
    if summary.interrupted_by:
        if settings.state:
            outcome = "what was written is committed, and the next run picks up from here"
        elif settings.output and settings.output != "-":
            outcome = f"{settings.output} is left as it was"
        else:
            outcome = "the output is incomplete"
        reporter.always(f"interrupted by {signal.Signals(summary.interrupted_by).name}: {outcome}")
    reporter.finish(summary.line(), failed=bool(summary.failed))
    return summary


def _default_executor(settings: IngestSettings) -> Callable[[int], Executor]:
    def build(inputs: int) -> Executor:
        # Starting worker processes costs about as much as a few dozen inputs.
        if settings.workers > 1 and inputs >= MIN_INPUTS_FOR_WORKERS:
            files = KnowledgeFiles(settings.pipeline.gazetteer_files, settings.pipeline.taxonomy_file,
                                   settings.pipeline.default_gazetteer)
            return PoolExecutor(files, settings.workers, settings.budget)
        return SerialExecutor(pipeline_for(settings.pipeline).knowledge, settings.budget)
    return build


def _found(paths: Iterable[str | Given], settings: IngestSettings) -> list[_Input]:
    found: list[_Input] = []
    names: list[str] = []
    for given in paths:
        if isinstance(given, Given):
            found.extend(_inputs_of(names, settings))
            names = []
            found.append(_Input(given.name, display_path(given.name), data=given.data))
        else:
            names.append(given)
    found.extend(_inputs_of(names, settings))
    return found


def _inputs_of(names: list[str], settings: IngestSettings) -> list[_Input]:
    return [_Input(f.path, _state_key(f.path), f.problem)
            for f in iter_inputs(list(names), follow_links=settings.follow_links)] if names else []


def _without_own_files(inputs: list[_Input], settings: IngestSettings) -> list[_Input]:
    """Every input but the run's own output and state files, which may well sit in the folder ingested."""
    own = {settings.output} if settings.output and settings.output != "-" else set()
    if settings.state:
        own |= {settings.state + suffix for suffix in ("", "-wal", "-shm", "-journal", ".lock")}
    own = {os.path.realpath(path) for path in own}
    return [i for i in inputs if not own or i.data is not None or os.path.realpath(i.path) not in own]


def _state_key(path: str) -> str:
    """Inputs are known to the state by absolute path: cron and a person at a terminal may name
    the same folder from different working directories."""
    return display_path(os.path.abspath(path))


def _entries(inputs: list[_Input], state: State, settings: IngestSettings, summary: Summary,
             reporter: Reporter) -> Iterator[_Entry]:
    """Every input's documents and what needs no analysis, in order; each input ends with an item-less entry.
    Inputs the state says are unchanged are counted and passed over unread."""
    for given in inputs:
        progress = _Progress()
        if given.problem:
            yield _Entry(given, progress, Failed(display_path(given.path), None, given.problem))
            yield _Entry(given, progress)
            continue
        if settings.state and given.data is None:
            try:
                st = os.stat(given.path)
                progress.size, progress.mtime_ns = st.st_size, st.st_mtime_ns
            except (OSError, ValueError):
                pass  # reading it will say what is wrong
            else:
                if not settings.force and _unchanged(state, given, st):
                    summary.unchanged += 1
                    reporter.advance()
                    continue
        known = state.known_documents(given.key) if settings.state and not settings.force else {}
        data = given.data
        try:
            if data is None:
                data = read_bytes(given.path, settings.pipeline.max_bytes)
            elif len(data) > settings.pipeline.max_bytes:
                raise InputError("too_large", f"over the --max-bytes limit of {settings.pipeline.max_bytes}")
        except InputError as exc:
            yield _Entry(given, progress, Failed(display_path(given.path), None, exc))
            yield _Entry(given, progress)
            continue
        progress.sha256 = hashlib.sha256(data).hexdigest()
        if progress.size is None:
            progress.size = len(data)
        for item in _read_within(given, data, settings):
            same = isinstance(item, Document) and known.get(item.part or "", "") == item.sha256
            yield _Entry(given, progress, item, unchanged=same)
        yield _Entry(given, progress)


def _read_within(given: _Input, data: bytes, settings: IngestSettings) -> Iterator[Item]:
    """The input's items, each read within the per-document time budget (reading happens here, in
    the driver: a pathological PDF or page must not stall it either); over it, the input ends with
    a timeout error record."""
    modified = modified_date(given.path) if given.data is None else None
    items = read_items(given.path, data, settings.pipeline.max_bytes, modified)
    seconds = settings.budget.seconds
    while True:
        item, over = run_within(seconds, lambda: next(items, None))
        if over:
            yield Failed(display_path(given.path), None, InputError(
                "timeout", f"reading took longer than the budget of {seconds:g}s (see --timeout)"),
                hashlib.sha256(data).hexdigest(), len(data))
            return
        if item is None:
            return
        yield item


def _unchanged(state: State, given: _Input, st: os.stat_result) -> bool:
    known = state.file_entry(given.key)
    if known is None or known.size != st.st_size:
        return False
    if known.mtime_ns == st.st_mtime_ns:
        return True
    try:
        with open(given.path, "rb") as fh:
            same = hashlib.file_digest(fh, "sha256").hexdigest() == known.sha256
    except OSError:
        return False
    if same:
        state.touch_file(given.key, st.st_mtime_ns)
    return same


def _analysed(entries: Iterator[_Entry], engine: Executor) -> Iterator[tuple[_Entry, Analysis | None]]:
    """Entries in order, each Document with its analysis from the engine. The engine pulls documents
    lazily; the entries between them wait in a queue and come out in their place."""
    waiting: deque[_Entry] = deque()

    def documents() -> Iterator[Document]:
        for entry in entries:
            waiting.append(entry)
            if isinstance(entry.item, Document) and not entry.unchanged:
                yield entry.item

    def ready() -> Iterator[tuple[_Entry, None]]:
        while waiting and not (isinstance(waiting[0].item, Document) and not waiting[0].unchanged):
            yield waiting.popleft(), None

    for analysis in engine.map(documents()):
        yield from ready()
        yield waiting.popleft(), analysis
    # What followed the last document (or all of it, when there was none to analyse).
    for entry in entries:
        waiting.append(entry)
    yield from ready()


def _take(entry: _Entry, analysis: Analysis | None, state: State, settings: IngestSettings,
          summary: Summary, reporter: Reporter) -> Record | None:
    """Count and report the entry; the record to write, if any. Notes documents and finished inputs in the state."""
    item, progress = entry.item, entry.progress
    if item is None:
        if settings.state and not progress.retry:
            state.remember_file(entry.input.key, progress.size, progress.mtime_ns, progress.sha256)
        reporter.advance()
        return None
    if isinstance(item, Skipped):
        summary.skipped += 1
        return None
    if entry.unchanged:
        summary.unchanged += 1
        return None
    if isinstance(item, Failed):
        analysis = failure_analysis(item)
    assert analysis is not None
    record = analysis.record
    record.ingested_at = now_iso()
    shown = record.source.path
    where = f"{shown} [{record.source.part}]" if record.source.part else shown
    if record.error:
        details = record.error.pop("traceback", None)
        reason = f"{record.error['message']} ({record.error['type']})"
        summary.failed += 1
        summary.failures.append((where, reason))
        reporter.error(where, reason, details)
        if record.error["type"] in RETRIED_ERRORS:
            progress.retry = True
            return record
    else:
        summary.ingested += 1
        assert record.id is not None  # every record but an error record has one
        dedup_key = f"{entry.input.key}#{record.source.part}" if record.source.part else entry.input.key
        record.duplicate_of = dedup.duplicate_of(state, record.id, dedup_key, analysis.signature)
        summary.duplicates += record.duplicate_of is not None
    if settings.state:
        previous = state.document_sha256(entry.input.key, record.source.part or "")
        if previous is not None and previous != record.source.sha256:
            record.supersedes = record_id(record.source.path, record.source.part, previous)
        state.remember_document(entry.input.key, record.source.part or "", record.source.sha256, record.id,
                                record.error["type"] if record.error else None, record.ingested_at)
    return record


def _open_output(settings: IngestSettings, state: State, reporter: Reporter):
    """With a state file and -o FILE: append, after cutting FILE back to its committed length. A
    file another state appends to is refused (StateError): replacing or cutting it loses records."""
    output = settings.output if settings.output != "-" else None
    if output is None or not is_regular_output(output):
        return None, open_writer(output, settings.pretty)
    key = os.path.realpath(output)
    if not settings.state:
        if owner := output_owner(key):
            raise StateError(f"{output} is appended to by the state file {owner}: writing it "
                             "without that --state would replace its records")
        return None, open_writer(output, settings.pretty)
    state.claim_output(key)
    committed = state.committed_bytes(key)
    if committed is None:  # first run into this file: what is in it now is someone else's business
        committed = os.path.getsize(key) if os.path.exists(key) else 0
        state.set_committed_bytes(key, committed)
        state.commit()
    writer = open_writer(settings.output, settings.pretty, committed_bytes=committed)
    dropped = getattr(writer, "dropped_bytes", 0)
    if dropped:
        reporter.note(f"{settings.output}: dropped {dropped} bytes of uncommitted records "
                      "left by an interrupted run; their inputs are ingested again")
    return key, writer


def _commit(state: State, writer, output_key: str | None) -> None:
    committed = writer.checkpoint()  # durable output first, then the state that points into it
    if output_key and committed is not None:
        state.set_committed_bytes(output_key, committed)
    state.commit()


@contextmanager
def _stop_on_signals():
    """SIGINT and SIGTERM ask the run to stop after the current record (and commit); a second one
    acts at once as usual. Signal handlers can only be set from the main thread; elsewhere (an
    embedding application) the caller's own handling stands."""
    stop = _Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def ask_to_stop(signum, frame):
        stop.signum = signum
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    for sig in previous:
        signal.signal(sig, ask_to_stop)
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
