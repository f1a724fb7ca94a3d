"""The batch run on a Dask cluster: the same reading, analysis and duplicate resolution as
`clipper ingest`, spread over the cluster's workers (needs the `clipper[dask]` extra).

The work, for inputs listed on the client and cut into partitions of many documents:

    read (flat_map) → analyse (map)                  on the workers, once per document
    → each partition, as it is done, in input order → the client: duplicate_of by the local run's
      own rule (dedup.duplicate_of over an index of the originals so far) → written there,
      or (--output-dir) only the partition's ids and signatures come back, and a worker writes it

The duplicate rule is sequential (a document is compared with the originals before it, and only
originals are remembered), so one process applies it, in input order: the client, while the
workers analyse the partitions after, as the local run's parent does while its workers analyse.
It costs the client what it costs that parent (the index: ~2.5 KB per original, in a temporary
SQLite file), and no shuffle. A group-by of LSH band keys on the cluster was tried first: its
task shuffle cost a third of the run on 5,000 documents, and with 64 keys per document nearly
every document of a large corpus shares a key with some other, so it did not narrow the replay.
`analyse_bag`, a lazy graph without a client loop, replays in one task after the analysis.

The Knowledge (gazetteer and taxonomy, loaded on the client) goes into the graph once, as one
key: each worker receives it once and every task on that worker shares it.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from uuid import uuid4

import dask
import dask.bag as db
from dask.delayed import Delayed
from distributed import Client, Future, LocalCluster

from . import dedup
from .analyse import Knowledge
from .document import Document, Failed, Skipped
from .executor import Budget, SerialExecutor
from .ingest import Given, IngestSettings, Summary, _found, _Input, _state_key, _without_own_files
from .inputs import DEFAULT_MAX_BYTES, display_path
from .output import dumps, open_writer
from .pipeline import Pipeline, Settings, failure_analysis, modified_date, now_iso, read_items
from .progress import Reporter
from .record import Record
from .state import State

DOCS_PER_TASK = 100  # a task of ~100 documents runs for seconds: the scheduler's ~1 ms per task is lost in it
TASKS_PER_THREAD = 4  # at least, where inputs allow: a worker that finishes early takes another, so loads even out
RETRIES = 2  # a task that raises (a worker lost, a network error) is run again this many times
PREFETCH_TASKS = 4  # partitions fetched ahead of the one being written, when streaming back

Order = tuple[int, int, int]  # (partition, input within it, item within the input): the input order


@dataclass(frozen=True)
class DaskSettings:
    scheduler: str  # "tcp://host:8786", or "local" / "local:N" for a LocalCluster of N workers
    docs_per_task: int = DOCS_PER_TASK  # at most: see _partition_size
    output_dir: str | None = None  # workers write part-NNNNN.jsonl there instead of streaming back


@dataclass(frozen=True)
class _Doc:
    order: Order
    key: str  # the input as the duplicate index knows it (absolute, fixed where it was listed)
    item: Document | Failed | Skipped


@dataclass(frozen=True)
class _Analysed:
    order: Order
    dedup_key: str
    record: Record
    signature: dedup.Signature | None


@dataclass(frozen=True)
class _DedupEntry:
    """What the duplicate replay needs of a document: no text, and the signature packed (1 KB
    instead of ~5 KB of Python ints), since the replay holds every duplicated document's entry."""

    order: Order
    id: str
    dedup_key: str
    minhashes: bytes | None
    shingles: int

    def signature(self) -> dedup.Signature | None:
        return dedup.Signature.from_bytes(self.minhashes, self.shingles) if self.minhashes else None


# --- the seam to the pipeline: what "read" and "analyse" are for one partition ------------------


def _read_partition(part: Iterable[_Input], partition: int, max_bytes: int) -> list[_Doc]:
    """flat_map(read): the items of a partition's inputs, read on the worker as the local run reads them."""
    docs: list[_Doc] = []
    for i, given in enumerate(part):
        if given.problem:
            items: Iterable[Document | Failed | Skipped] = [Failed(display_path(given.path), None, given.problem)]
        else:
            modified = modified_date(given.path) if given.data is None else None
            items = read_items(given.path, given.data, max_bytes, modified)
        docs.extend(_Doc((partition, i, n), given.key, item) for n, item in enumerate(items))
    return docs


def _skipped_in(docs: list[_Doc]) -> int:
    return sum(isinstance(doc.item, Skipped) for doc in docs)


def _analyse_partition(docs: list[_Doc], knowledge: Knowledge, budget: Budget) -> list[_Analysed]:
    """map(analyse) under the run's time budget (a document over it becomes a `timeout` error record,
    as locally), with the signature the local run computes beside each record. Parts of containers
    that are no documents are left out (counted apart)."""
    analyses = SerialExecutor(knowledge, budget).map(doc.item for doc in docs if isinstance(doc.item, Document))
    analysed = []
    for doc in docs:
        if isinstance(doc.item, Skipped):
            continue
        analysis = failure_analysis(doc.item) if isinstance(doc.item, Failed) else next(analyses)
        analysis.record.ingested_at = now_iso()
        part = analysis.record.source.part
        analysed.append(_Analysed(doc.order, f"{doc.key}#{part}" if part else doc.key, analysis.record,
                                  analysis.signature))
    return analysed


# --- the graph -----------------------------------------------------------------------------------


def analyse_bag(bag: db.Bag, settings: Settings | None = None, budget: Budget | None = None) -> db.Bag:
    """A bag of input paths (readable by the workers) → a bag of Records in the same order, with
    duplicate_of resolved across the whole bag as `clipper ingest` does, each document analysed
    within `budget` (default: ingest's). Lazy, like any bag: the duplicate rule runs as one task
    over every document's entry (no text) once all are analysed."""
    settings = settings or Settings()
    analysed, _ = _analysed(bag.map(_listed_on_worker).to_delayed(), Pipeline(settings).knowledge, budget or Budget(),
                            settings.max_bytes)
    entries = [dask.delayed(_entries_of)(part) for part in analysed]
    duplicates = dask.delayed(_resolve)(entries)
    return db.from_delayed([dask.delayed(_with_duplicates)(part, duplicates) for part in analysed])


def _listed_on_worker(path: str | os.PathLike) -> _Input:
    return _Input(os.fspath(path), _state_key(os.fspath(path)))


def _analysed(parts: Iterable[Delayed | list[_Input]], knowledge: Knowledge, budget: Budget,
              max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Delayed], Delayed]:
    """Each partition's analysed documents in input order, and the number of container parts skipped."""
    shipped = dask.delayed(knowledge, name=f"clipper-knowledge-{uuid4().hex}")
    analysed, skipped = [], []
    for i, part in enumerate(parts):
        # Earlier partitions first: the client takes them in input order, and one left to the end
        # would hold every record after it on the workers until then.
        with dask.annotate(priority=-i):
            docs = dask.delayed(_read_partition)(part, i, max_bytes)
            analysed.append(dask.delayed(_analyse_partition)(docs, shipped, budget))
            skipped.append(dask.delayed(_skipped_in)(docs))
    return analysed, dask.delayed(sum)(skipped)


def _entries_of(part: Iterable[_Analysed]) -> list[_DedupEntry]:
    return [_DedupEntry(a.order, a.record.id, a.dedup_key, a.signature.to_bytes() if a.signature else None,
                        a.signature.shingles if a.signature else 0)
            for a in part if a.record.id is not None]  # an error record is never a duplicate, nor an original


def _replay(index: State, entries: Iterable[_DedupEntry]) -> dict[Order, str]:
    """duplicate_of for each entry that has one: the local run's own rule, applied in the entries' order."""
    duplicates = {}
    for entry in entries:
        original = dedup.duplicate_of(index, entry.id, entry.dedup_key, entry.signature())
        if original:
            duplicates[entry.order] = original
    return duplicates


def _resolve(partitions: list[list[_DedupEntry]]) -> dict[Order, str]:
    with State(None) as index:
        return _replay(index, (entry for part in partitions for entry in part))


def _with_duplicates(part: Iterable[_Analysed], duplicates: dict[Order, str]) -> list[Record]:
    return [replace(a.record, duplicate_of=duplicates.get(a.order)) if a.record.id else a.record for a in part]


# --- the command: list inputs, run the graph, resolve duplicates, write ---------------------------


def run(paths: Iterable[str | Given], settings: IngestSettings, dask_settings: DaskSettings,
        reporter: Reporter | None = None) -> Summary:
    """`clipper ingest --dask`: like ingest.run without a state file. The workers read and analyse;
    this process resolves duplicates partition by partition in input order as results come in, as
    the local run's parent does while its workers analyse."""
    reporter = reporter or Reporter(quiet=True)
    started = time.monotonic()
    listed = _without_own_files(_found(paths, settings), settings)
    reporter.start(len(listed))
    summary = Summary()
    with _client(dask_settings.scheduler, reporter) as client, State(None) as index:
        if listed:
            threads = sum(client.nthreads().values())  # 0 while a cluster's workers have not joined yet
            size = _partition_size(len(listed), dask_settings.docs_per_task, threads)
            # Cut here, not as a bag: each task then holds its inputs, and the first to run are the first in order.
            parts = [listed[start : start + size] for start in range(0, len(listed), size)]
            analysed, skipped = _analysed(parts, Pipeline(settings.pipeline).knowledge, settings.budget,
                                          settings.pipeline.max_bytes)
            # One graph for both, unoptimized: the count reuses the read partitions instead of reading again.
            *done, counted = client.compute([*analysed, skipped], retries=RETRIES, optimize_graph=False)
            if dask_settings.output_dir:
                _write_parts(client, done, index, dask_settings.output_dir, settings, summary, reporter)
            else:
                _stream(done, index, settings, summary, reporter)
            summary.skipped = counted.result()
        elif dask_settings.output_dir:
            os.makedirs(dask_settings.output_dir, exist_ok=True)
        else:
            open_writer(settings.output, settings.pretty).close(ok=True)
    summary.seconds = time.monotonic() - started
    reporter.finish(summary.line(), failed=bool(summary.failed))
    return summary


@contextmanager
def _client(scheduler: str, reporter: Reporter) -> Iterator[Client]:
    """A client of the scheduler at that address, or of a LocalCluster ("local", "local:N") for the run."""
    if scheduler != "local" and not scheduler.startswith("local:"):
        with Client(scheduler) as client:
            yield client
        return
    workers = int(scheduler.partition(":")[2] or os.cpu_count() or 1)
    started = time.monotonic()
    # Without a dashboard nobody sees the workers' statistical profiler, which samples every 10 ms.
    with (dask.config.set({"distributed.worker.profile.enabled": False}),
          LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
          Client(cluster) as client):
        reporter.note(f"LocalCluster of {workers} workers started in {time.monotonic() - started:.1f}s")
        yield client


def _partition_size(inputs: int, docs_per_task: int, threads: int) -> int:
    """docs_per_task, or fewer where that would leave under TASKS_PER_THREAD tasks per worker thread."""
    return max(1, min(docs_per_task, -(-inputs // (TASKS_PER_THREAD * threads)))) if threads else docs_per_task


def _in_order(futures: list[Future]) -> Iterator:
    """The futures' results in order, each released once taken: the cluster runs ahead while this
    process handles one at a time."""
    for future in futures:
        yield future.result()
        future.release()


def _take(record: Record, settings: IngestSettings, summary: Summary) -> tuple[bool, str | None]:
    """Count the record as ingest.run does; (write it?, traceback of an internal error)."""
    details = None
    if record.error:
        details = record.error.pop("traceback", None)
        summary.failed += 1
        summary.failures.append((_named(record), f"{record.error['message']} ({record.error['type']})"))
        return True, details
    summary.ingested += 1
    summary.duplicates += record.duplicate_of is not None
    if settings.only_relevant and record.relevant is False:
        summary.off_topic += 1
        return False, None
    return True, None


def _named(record: Record) -> str:
    """A failure's name in messages, as ingest gives it: `path [part]` for a part of a container."""
    return f"{record.source.path} [{record.source.part}]" if record.source.part else record.source.path


def _stream(parts: list[Future], index: State, settings: IngestSettings, summary: Summary, reporter: Reporter) -> None:
    """The records come back in input order; duplicate_of is resolved here and they are written."""
    writer = open_writer(settings.output, settings.pretty)
    completed = False
    try:
        for part in _in_order(parts):
            duplicates = _replay(index, _entries_of(part))
            for record in _with_duplicates(part, duplicates):
                write, details = _take(record, settings, summary)
                if record.error:
                    reporter.error(_named(record), summary.failures[-1][1], details)
                if write:
                    writer.write(record.to_dict())
                reporter.advance()
        completed = True
    finally:
        writer.close(ok=completed)


def _write_parts(client: Client, parts: list[Future], index: State, directory: str, settings: IngestSettings,
                 summary: Summary, reporter: Reporter) -> None:
    """Only the duplicate entries (no text) come back; this process resolves duplicate_of and the
    workers write one DIR/part-NNNNN.jsonl per task (in input order by name), sending back counts."""
    os.makedirs(directory, exist_ok=True)
    entries = client.map(_entries_of, parts, retries=RETRIES)
    written = []
    for i, (part, part_entries) in enumerate(zip(parts, _in_order(entries), strict=True)):
        written.append(client.submit(_write_part, part, _replay(index, part_entries),
                                     os.path.join(directory, f"part-{i:05d}.jsonl"), settings, retries=RETRIES))
        part.release()  # the write task holds it now
    for tally in client.gather(written):
        summary.ingested += tally.ingested
        summary.duplicates += tally.duplicates
        summary.off_topic += tally.off_topic
        summary.failed += tally.failed
        summary.failures.extend(tally.failures)
        for (path, reason), details in zip(tally.failures, tally.details, strict=True):
            reporter.error(path, reason, details)
        reporter.advance(tally.ingested + tally.failed)


@dataclass
class _Tally(Summary):
    details: list[str | None] = field(default_factory=list)  # traceback of each failure, if internal


def _write_part(part: list[_Analysed], duplicates: dict[Order, str], path: str, settings: IngestSettings) -> _Tally:
    tally = _Tally()
    with open(path, "w", encoding="utf-8") as out:
        for record in _with_duplicates(part, duplicates):
            write, details = _take(record, settings, tally)
            if record.error:
                tally.details.append(details)
            if write:
                out.write(dumps(record.to_dict()) + "\n")
    return tally
