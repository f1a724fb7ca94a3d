"""Executors: map the pure `analyse` over a stream of Documents, in order, under a per-document
budget of time and memory. The driver (ingest.py) needs only this interface; another engine (Dask,
a cluster) replaces it by providing the same:

    class Executor(Protocol):
        def map(self, documents: Iterable[Document]) -> Iterator[Analysis]: ...
        def close(self) -> None: ...

`map` yields exactly one Analysis per Document, in the order given, pulling documents lazily (the
driver interleaves what needs no analysis, and stops early on a signal); an over-budget document is
an error record (`timeout`, `too_large`), never an exception. `close` stops all work; no worker
outlives it, nor the parent process.

- SerialExecutor analyses in this process; the time budget is an interval timer (SIGALRM). Code in
  a C extension that never returns to Python (a pathological regex) can outrun it, and memory is not
  capped: use workers for untrusted input at scale.
- PoolExecutor runs worker processes, each with an address-space limit (RLIMIT_AS) and the same
  timer; a worker that dies or hangs past the budget is replaced, the documents in flight are
  redone one at a time, and only the one that kills a worker again gets an error record.
"""
from __future__ import annotations

import contextlib
import os
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from .analyse import Analysis, Knowledge, analyse, error_record, internal_error_record, load_knowledge, source_of
from .document import Document
from .errors import InputError

if TYPE_CHECKING:  # the pool's modules load with the first pool: a serial run does without them
    from concurrent.futures import Future, ProcessPoolExecutor

_Result = TypeVar("_Result")

DEFAULT_TIMEOUT = 10.0  # seconds per document: a 1 MB page takes under one on an idle machine
DEFAULT_MEMORY_MB = 1024  # address space a worker may add to what it holds after start-up
WINDOW_PER_WORKER = 4  # in-flight documents per worker: enough to keep it busy, few enough to stay small
# A worker that overruns the budget by this much is stuck in code the timer cannot interrupt.
_HANG_GRACE = 5.0


class Executor(Protocol):
    def map(self, documents: Iterable[Document]) -> Iterator[Analysis]: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Budget:
    seconds: float = DEFAULT_TIMEOUT  # 0: no limit
    memory_mb: int = DEFAULT_MEMORY_MB  # 0: no limit


@dataclass(frozen=True)
class KnowledgeFiles:
    """Where workers load their Knowledge from (each process loads its own, once)."""

    gazetteer_files: tuple[str, ...] = ()
    taxonomy_file: str | None = None
    default_gazetteer: bool = True

    def load(self) -> Knowledge:
        return load_knowledge(self.gazetteer_files, self.taxonomy_file, default_gazetteer=self.default_gazetteer)


class OverTime(BaseException):
    """Raised by the timer; a BaseException so no `except Exception` in a stage swallows it."""


@dataclass
class Timer:
    # Checked after the block: a library's bare `except:` may have turned OverTime into another error.
    fired: bool = False


@contextmanager
def time_limit(seconds: float) -> Iterator[Timer]:
    """Raises OverTime in the block when it runs past `seconds` (0: no limit). The block catches OverTime.
    In the main thread an interval timer raises it; in another (a Dask worker's task thread, where
    signals cannot be set) a timer thread raises it there as an asynchronous exception. Either way it
    arrives between two Python bytecodes: code in a C extension runs on until it returns."""
    timer = Timer()
    if not seconds:
        yield timer
    elif threading.current_thread() is not threading.main_thread():
        with _thread_time_limit(seconds, timer):
            yield timer
    else:
        def over_time(signum, frame):
            timer.fired = True
            raise OverTime

        previous = signal.signal(signal.SIGALRM, over_time)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield timer
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_time_limit(seconds: float, timer: Timer) -> Iterator[None]:
    import ctypes  # here, as in _die_with_parent: the command line starts without it

    thread = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"inside": False, "done": False}

    def over_time() -> None:
        while not state["inside"] and not state["done"]:  # the block has not begun yet: wait for it
            time.sleep(0.001)
        with lock:
            if state["inside"]:
                timer.fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, ctypes.py_object(OverTime))

    alarm = threading.Timer(seconds, over_time)
    alarm.daemon = True
    alarm.start()  # not in the block: an OverTime raised while it starts would escape the block
    state["inside"] = True
    try:
        yield
    finally:
        alarm.cancel()
        while True:  # an OverTime raised as the block ended must not escape it
            try:
                with lock:
                    state["inside"], state["done"] = False, True
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, None)  # one set, not yet raised
                break
            except OverTime:
                continue


def run_within(seconds: float, call: Callable[[], _Result]) -> tuple[_Result | None, bool]:
    """call() within `seconds` (0: no limit): its result, or None and True when it ran over."""
    result = None
    with time_limit(seconds) as timer:
        try:
            result = call()
        except OverTime:
            pass
    return result, timer.fired


def analyse_within(doc: Document, knowledge: Knowledge, seconds: float) -> Analysis:
    """`analyse` within the time budget: a timeout error record when over it."""
    analysis, over = run_within(seconds, lambda: analyse(doc, knowledge))
    return timeout_analysis(doc, seconds) if over or analysis is None else analysis


def warm_up(knowledge: Knowledge, markups: Iterable[str] = ("text", "html")) -> None:
    """Analyse a small page and/or a small text without a timer, so that what the stages load on first use
    (modules, data files) is loaded before any budget runs: a timer that fired in the middle of an import
    could leave it half done for every document after. langdetect's profiles (60 ms, 28 MB) stay unloaded
    until a document needs them (a short or foreign text; an article's own words settle its language):
    they load into an lru_cache, which keeps nothing of a load the timer interrupts."""
    for markup, text in _WARM_UP:
        if markup in markups:
            analyse(Document(path="<warm-up>", format=markup, markup=markup, text=text, sha256="",
                             bytes=len(text)), knowledge)


def timeout_analysis(doc: Document, seconds: float) -> Analysis:
    return Analysis(error_record(source_of(doc), InputError(
        "timeout", f"analysis took longer than the budget of {seconds:g}s (see --timeout)")), None)


# An article of some length, as most inputs are: long enough that its words settle its language.
_WARM_UP = (
    ("text", "Regionen har tecknat avtal om ett nytt journalsystem för 12 miljoner kronor.\n\n"
             "Avtalet gäller i fyra år, och systemet ska tas i bruk på alla sjukhus i länet nästa höst. "
             "Personalen får utbildning under våren."),
    ("html", "<html><head><title>Nytt journalsystem</title></head><body><article><h1>Nytt journalsystem</h1>"
             "<p>Regionen har tecknat avtal om ett nytt journalsystem för 12 miljoner kronor.</p>"
             "<p>Avtalet gäller i fyra år, och systemet ska tas i bruk på alla sjukhus i länet nästa höst. "
             "Personalen får utbildning under våren.</p></article></body></html>"),
)


def warmed_for(doc: Document, knowledge: Knowledge, budget: Budget, warm: set[str]) -> bool:
    """Warm up the path a document takes when the first one takes it (its markup is not in `warm`): a
    run of text clippings never loads the HTML extractor (most of a one-file run's start-up otherwise,
    and a third of a worker's). True when this call warmed up."""
    if not budget.seconds or doc.markup in warm:
        return False
    warm_up(knowledge, (doc.markup,))
    warm.add(doc.markup)
    return True


class SerialExecutor:
    def __init__(self, knowledge: Knowledge, budget: Budget = Budget()):
        self.knowledge = knowledge
        self.budget = budget
        self._warm: set[str] = set()

    def map(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        for doc in documents:
            warmed_for(doc, self.knowledge, self.budget, self._warm)
            yield analyse_within(doc, self.knowledge, self.budget.seconds)

    def close(self) -> None:
        pass


# --- worker processes ------------------------------------------------------------------------------

@dataclass
class _Worker:
    knowledge: Knowledge
    budget: Budget
    warm: set[str] = field(default_factory=set)  # the markups whose path is warmed up


# Each worker builds its Knowledge once, in the pool's initializer; module state is the only place a
# ProcessPoolExecutor initializer can leave it for the tasks that follow.
_worker: _Worker | None = None


def _start_worker(files: KnowledgeFiles, budget: Budget, ready) -> None:
    global _worker
    _die_with_parent()
    # Ctrl-C reaches the whole process group; the parent decides how to stop, workers just work.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = _Worker(files.load(), budget)
    _limit_memory(budget)
    ready.release()  # start-up (a few seconds on a busy machine) is not counted against any document


def _limit_memory(budget: Budget) -> None:
    """The address space the worker holds now, plus the budget."""
    if budget.memory_mb:
        with open("/proc/self/statm") as statm:  # virtual size in pages
            held = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = held + budget.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))


def _die_with_parent() -> None:
    """A parent killed with -9 cannot stop its workers: the kernel sends them SIGKILL (Linux), and
    where it cannot, a thread notices the parent is gone."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1)
    os._exit(1)


def _analyse_in_worker(doc: Document) -> Analysis:
    assert _worker is not None, "the pool's initializer sets it"
    if warmed_for(doc, _worker.knowledge, _worker.budget, _worker.warm):
        _limit_memory(_worker.budget)  # what the path loaded is the worker's, not the document's
    return analyse_within(doc, _worker.knowledge, _worker.budget.seconds)


class PoolExecutor:
    def __init__(self, files: KnowledgeFiles, workers: int, budget: Budget = Budget()):
        self.files = files
        self.workers = workers
        self.budget = budget
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: workers must not inherit the state lock, the database or the output file.
        context = multiprocessing.get_context("spawn")
        self._ready = context.Semaphore(0)
        self._workers_up = 0
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker,
                                   initargs=(self.files, self.budget, self._ready))

    def _all_up(self) -> bool:
        while self._ready.acquire(block=False):
            self._workers_up += 1
        return self._workers_up >= len(getattr(self._pool, "_processes", None) or {})

    def _renew(self) -> None:
        self._kill_workers()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._new_pool()

    def _kill_workers(self) -> None:
        for process in list(getattr(self._pool, "_processes", {}).values()):
            with contextlib.suppress(OSError, ValueError):
                process.kill()

    def _submit(self, doc: Document) -> Future:
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._pool.submit(_analyse_in_worker, doc)
        except BrokenProcessPool as exc:  # a worker died while idle: dealt with when this document's turn comes
            failed: Future = Future()
            failed.set_exception(exc)
            return failed

    def _result(self, doc: Document, future: Future) -> Analysis | bool:
        """The analysis; or True when a worker hung on this document (killed), False when one died
        (on it, or on another document in flight)."""
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        started: float | None = None
        # The oldest document in flight starts at the latest when another one ends its budget.
        hang = 2 * self.budget.seconds + _HANG_GRACE if self.budget.seconds else None
        while True:
            try:
                return future.result(timeout=0.5)
            except FutureTimeout:
                if hang is None:
                    continue
                # "running" means handed to the pool's queue; it counts once every worker has started.
                if started is None and future.running() and self._all_up():
                    started = time.monotonic()
                if started is not None and time.monotonic() - started > hang:
                    self._kill_workers()
                    return True
            except BrokenProcessPool:
                return False
            except Exception as exc:  # the result could not come back (say, it would not pickle)
                return Analysis(internal_error_record(source_of(doc), exc), None)

    def map(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        todo = iter(documents)
        window: deque[tuple[Document, Future]] = deque()
        while True:
            for doc in todo:
                window.append((doc, self._submit(doc)))
                if len(window) >= self.workers * WINDOW_PER_WORKER:
                    break
            if not window:
                return
            doc, future = window.popleft()
            result = self._result(doc, future)
            if isinstance(result, Analysis):
                yield result
                continue
            # A worker died or hung: every document in flight is suspect. Redo them one at a time.
            retry = [doc] + [queued for queued, _ in window]
            window.clear()
            self._renew()
            for queued in retry:
                result = self._result(queued, self._submit(queued))
                if not isinstance(result, Analysis):
                    result = self._blame(queued, hung=result)
                    self._renew()
                yield result

    def _blame(self, doc: Document, hung: bool) -> Analysis:
        if hung:
            return timeout_analysis(doc, self.budget.seconds)
        return Analysis(error_record(source_of(doc), InputError(
            "too_large", "the worker process died on this document (out of memory?)")), None)

    def close(self) -> None:
        self._kill_workers()
        self._pool.shutdown(wait=True, cancel_futures=True)
