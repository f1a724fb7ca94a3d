"""A batch run: every input found under the given paths becomes exactly one record, in sorted order.

With a state file (`IngestSettings.state`) the run is incremental and safe to interrupt:
- an input whose path, size and mtime match the state is skipped unread; one whose size matches
  but mtime does not is hashed, and skipped when its SHA-256 matches (a touched, unchanged file);
- records go out in batches; after each batch the output is flushed and fsync'ed, then one state
  transaction records the batch's inputs and the output's new committed length. A run first cuts
  the output back to that length, so records written after the last commit of a killed run are
  dropped together with the state entries that never committed, and those inputs are done again:
  with `-o FILE`, every input yields exactly one record across a killed run and its re-run, even
  for kill -9. On stdout nothing can be taken back: a kill -9 may repeat the last batch there
  (at most BATCH_RECORDS records) on the next run; SIGINT/SIGTERM stop cleanly after the current
  record and commit, so they never repeat or lose one.
- Inputs that could not be read at all (vanished, unreadable, symlink loop) and internal errors
  are not remembered, so the next run retries them; everything else (records and content errors
  such as an empty or binary file) is, until the file changes or --force.

Testing hook: the environment variable CLIPPER_TEST_SLOW_SECONDS makes the run sleep that long
after writing each record (before the batch commits), so a test can kill it mid-batch.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import dedup
from .errors import InputError
from .output import is_regular_output, open_writer
from .pipeline import Pipeline, Settings, error_record, internal_error_record, pipeline_for
from .progress import Reporter
from .record import Record
from .sources import iter_inputs
from .state import State, StateError, output_owner

BATCH_RECORDS = 20
BATCH_SECONDS = 5.0
MIN_INPUTS_FOR_WORKERS = 32
WINDOW_PER_WORKER = 4  # in-flight inputs per worker: enough to keep it busy, few enough to stay small
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


@dataclass
class Summary:
    ingested: int = 0  # records written, duplicates included
    duplicates: int = 0
    off_topic: int = 0  # with only_relevant: ingested but not written
    unchanged: int = 0  # skipped: the state says they were ingested as they are
    failed: int = 0
    seconds: float = 0.0
    interrupted_by: int | None = None  # signal number
    failures: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        held_back = f", {self.off_topic} off-topic not written" if self.off_topic else ""
        text = (f"clipper: {self.ingested} ingested ({self.duplicates} duplicates{held_back}), "
                f"{self.unchanged} unchanged, {self.failed} failed in {self.seconds:.1f}s")
        if self.interrupted_by:
            text += f"; interrupted by {signal.Signals(self.interrupted_by).name}"
        return text


@dataclass(frozen=True)
class _Input:
    path: str
    problem: InputError | None = None  # found while walking the folders
    size: int | None = None  # size and mtime as the state will remember them
    mtime_ns: int | None = None


@dataclass
class _Stop:
    signum: int | None = None  # set by the signal handler; the run stops after the current record


def run(paths: Iterable[str], settings: IngestSettings, reporter: Reporter | None = None) -> Summary:
    """Ingest every input under `paths`, writing records as the settings say. Returns the summary;
    raises state.StateLocked / state.StateError when the state file cannot be used."""
    reporter = reporter or Reporter(quiet=True)
    started = time.monotonic()
    summary = Summary()
    with State(settings.state, wait=settings.wait) as state:
        output_key, writer = _open_output(settings, state, reporter)
        completed = False
        try:
            inputs = _without_own_files(iter_inputs(list(paths)), settings)
            reporter.start(len(inputs))
            with _stop_on_signals() as stop:
                pending, last_commit = 0, time.monotonic()
                slow = float(os.environ.get("CLIPPER_TEST_SLOW_SECONDS") or 0)
                to_do = list(_to_do(inputs, state, settings, summary, reporter))
                # Starting worker processes costs about as much as a few dozen inputs.
                workers = settings.workers if len(to_do) >= MIN_INPUTS_FOR_WORKERS else 1
                for item, record, signature in _analysed(iter(to_do), settings.pipeline, workers, stop):
                    _take(item, record, signature, state, settings, summary, reporter)
                    if settings.only_relevant and record.relevant is False:
                        summary.off_topic += 1
                    else:
                        writer.write(record.to_dict())
                    reporter.advance()
                    pending += 1
                    if slow:
                        time.sleep(slow)
                    if pending >= BATCH_RECORDS or time.monotonic() - last_commit >= BATCH_SECONDS:
                        _commit(state, writer, output_key)
                        pending, last_commit = 0, time.monotonic()
                    if stop.signum:
                        summary.interrupted_by = stop.signum
                        break
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


def _without_own_files(inputs: Iterable[tuple[str, InputError | None]], settings: IngestSettings):
    """Every input but the run's own output and state files, which may well sit in the folder ingested."""
    own = {settings.output} if settings.output and settings.output != "-" else set()
    if settings.state:
        own |= {settings.state + suffix for suffix in ("", "-wal", "-shm", "-journal", ".lock")}
    own = {os.path.realpath(path) for path in own}
    return [(path, problem) for path, problem in inputs if not own or os.path.realpath(path) not in own]


def _to_do(inputs: list[tuple[str, InputError | None]], state: State, settings: IngestSettings,
           summary: Summary, reporter: Reporter) -> Iterator[_Input]:
    """The inputs to process; unchanged ones (per the state) are counted and skipped."""
    for path, problem in inputs:
        if problem or not settings.state:
            yield _Input(path, problem)
            continue
        try:
            st = os.stat(path)
        except OSError:
            yield _Input(path)  # reading it will say what is wrong
            continue
        if not settings.force and _unchanged(state, path, st):
            summary.unchanged += 1
            reporter.advance()
            continue
        yield _Input(path, size=st.st_size, mtime_ns=st.st_mtime_ns)


def _state_key(path: str) -> str:
    """Inputs are known to the state by absolute path: cron and a person at a terminal may name
    the same folder from different working directories."""
    return os.path.abspath(path)


def _unchanged(state: State, path: str, st: os.stat_result) -> bool:
    known = state.file_entry(_state_key(path))
    if known is None or known.size != st.st_size:
        return False
    if known.mtime_ns == st.st_mtime_ns:
        return True
    try:
        with open(path, "rb") as fh:
            same = hashlib.file_digest(fh, "sha256").hexdigest() == known.sha256
    except OSError:
        return False
    if same:
        state.touch_file(_state_key(path), st.st_mtime_ns)
    return same


def _take(item: _Input, record: Record, signature: dedup.Signature | None, state: State,
          settings: IngestSettings, summary: Summary, reporter: Reporter) -> None:
    """Count the record, report a failure, mark a duplicate, and note the input in the state."""
    if record.error:
        details = record.error.pop("traceback", None)
        reason = f"{record.error['message']} ({record.error['type']})"
        summary.failed += 1
        summary.failures.append((item.path, reason))
        reporter.error(item.path, reason, details)
    else:
        summary.ingested += 1
        assert record.id is not None  # every record but an error record has one
        record.duplicate_of = dedup.duplicate_of(state, record.id, _state_key(item.path), signature)
        summary.duplicates += record.duplicate_of is not None
    if settings.state and not (record.error and record.error["type"] in RETRIED_ERRORS):
        state.remember_file(  # the bytes read, when they were read: the file may have grown since the stat
            _state_key(item.path), item.size if record.source.bytes is None else record.source.bytes,
            item.mtime_ns, record.source.sha256, record.id,
            record.error["type"] if record.error else None, record.ingested_at,
        )


def _commit(state: State, writer, output_key: str | None) -> None:
    committed = writer.checkpoint()  # durable output first, then the state that points into it
    if output_key and committed is not None:
        state.set_committed_bytes(output_key, committed)
    state.commit()


# --- processing, in this process or in a pool of workers ---------------------------------------


def _analyse(pipeline: Pipeline, item: _Input) -> tuple[Record, dedup.Signature | None]:
    if item.problem:
        return error_record(item.path, item.problem), None
    record = pipeline.process_path(item.path)
    return record, None if record.error else dedup.signature(record.text)


def _analysed(items: Iterator[_Input], settings: Settings, workers: int, stop: _Stop):
    """(input, record, signature) in input order."""
    if workers <= 1:
        pipeline = pipeline_for(settings)
        for item in items:
            yield item, *_analyse(pipeline, item)
    else:
        yield from _pooled(items, settings, workers, stop)


# Each worker process builds its Pipeline once, in the pool's initializer; module state is the only
# place a ProcessPoolExecutor initializer can leave it for the tasks that follow.
_worker_pipeline: Pipeline | None = None


def _start_worker(settings: Settings) -> None:
    global _worker_pipeline
    # Ctrl-C reaches the whole process group; the parent decides how to stop, workers just work.
    # (SIGTERM keeps its default: the pool itself stops workers with it when one has died.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _worker_pipeline = Pipeline(settings)


def _exit_with_parent(parent_pid: int) -> None:
    """A parent killed with -9 cannot stop its workers, and they would wait for tasks forever."""
    while os.getppid() == parent_pid:
        time.sleep(1)
    os._exit(1)


def _analyse_in_worker(item: _Input) -> tuple[Record, dedup.Signature | None]:
    assert _worker_pipeline is not None, "the pool's initializer builds it"
    return _analyse(_worker_pipeline, item)


def _new_pool(settings: Settings, workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: workers must not inherit the state lock, the database or the output file.
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(settings,))


def _submit(pool: ProcessPoolExecutor, item: _Input) -> Future:
    done: Future = Future()
    if item.problem:  # nothing to read: answered here, in its place in the order
        done.set_result((error_record(item.path, item.problem), None))
        return done
    try:
        return pool.submit(_analyse_in_worker, item)
    except BrokenProcessPool as exc:  # a worker died while idle: dealt with when this input's turn comes
        done.set_exception(exc)
        return done


def _pooled(items: Iterator[_Input], settings: Settings, workers: int, stop: _Stop):
    """Streams results in input order from a bounded window of in-flight inputs. If a worker dies
    (killed, out of memory), the inputs that were in flight are redone one at a time, so only the
    one that kills a worker again gets an error record; unless the run is stopping anyway (a
    SIGTERM to the whole process group kills the workers too)."""
    pool = _new_pool(settings, workers)
    window: deque = deque()
    try:
        while True:
            for item in items:
                window.append((item, _submit(pool, item)))
                if len(window) >= workers * WINDOW_PER_WORKER:
                    break
            if not window:
                return
            item, future = window.popleft()
            try:
                result = future.result()
            except BrokenProcessPool:
                result = None
            except Exception as exc:  # the result could not come back (say, it would not pickle)
                result = internal_error_record(item.path, exc), None
            if result is not None:
                yield item, *result
                continue
            if stop.signum:
                return
            retry = [item] + [queued for queued, _ in window]
            window.clear()
            pool.shutdown(wait=True, cancel_futures=True)
            pool = _new_pool(settings, workers)
            for queued in retry:
                try:
                    result = _submit(pool, queued).result()
                except BrokenProcessPool:
                    crash = InputError("internal", "the worker process died on this input (out of memory?)")
                    result = error_record(queued.path, crash), None
                    pool.shutdown(wait=True, cancel_futures=True)
                    pool = _new_pool(settings, workers)
                yield queued, *result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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
