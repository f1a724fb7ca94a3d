"""The batch run on a Dask cluster: the same reading, analysis and duplicate resolution as
`clipper ingest`, spread over the cluster's workers (needs the `clipper[dask]` extra).

The graph, for inputs listed on the client and cut into partitions of many documents:

    read (flat_map) → analyse (map)                 on the workers, once per document
    → (band key | text id, document) pairs, group-by: which documents share a key with another?
    → those documents' ids, paths and signatures → one task replays dedup.duplicate_of over them
      in input order, exactly as the local run does over all documents
    → each record gets its duplicate_of → streamed back in input order, or written by the workers

Only documents that share a text id or an LSH band key with another one can be, or have, a
duplicate; the others are originals nobody copies, and leaving them out of the replay changes no
answer. So the one sequential step sees the duplicated part of the corpus only, as slim entries
(no text).

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
from distributed import Client, LocalCluster

from . import dedup
from .analyse import Knowledge, analyse
from .document import Document, Failed, Skipped
from .ingest import Given, IngestSettings, Summary, _found, _Input, _state_key, _without_own_files
from .inputs import DEFAULT_MAX_BYTES, display_path
from .output import dumps, open_writer
from .pipeline import Pipeline, Settings, failure_analysis, modified_date, now_iso, read_items
from .progress import Reporter
from .record import Record
from .state import State

DOCS_PER_TASK = 100  # a task of ~100 documents runs for seconds: the scheduler's ~1 ms per task is lost in it
RETRIES = 2  # a task that raises (a worker lost, a network error) is run again this many times
PREFETCH_TASKS = 4  # partitions fetched ahead of the one being written, when streaming back

Order = tuple[int, int, int]  # (partition, input within it, item within the input): the input order


@dataclass(frozen=True)
class DaskSettings:
    scheduler: str  # "tcp://host:8786", or "local" / "local:N" for a LocalCluster of N workers
    docs_per_task: int = DOCS_PER_TASK
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


def _is_document(doc: _Doc) -> bool:
    return not isinstance(doc.item, Skipped)


def _is_skipped(doc: _Doc) -> bool:
    return isinstance(doc.item, Skipped)


def _analyse_partition(docs: list[_Doc], knowledge: Knowledge) -> list[_Analysed]:
    """map(analyse), with the signature the local run computes beside each record."""
    analysed = []
    for doc in docs:
        if isinstance(doc.item, Skipped):  # filtered out before; counted apart
            continue
        analysis = failure_analysis(doc.item) if isinstance(doc.item, Failed) else analyse(doc.item, knowledge)
        analysis.record.ingested_at = now_iso()
        part = analysis.record.source.part
        analysed.append(_Analysed(doc.order, f"{doc.key}#{part}" if part else doc.key, analysis.record,
                                  analysis.signature))
    return analysed


# --- the graph -----------------------------------------------------------------------------------


def analyse_bag(bag: db.Bag, settings: Settings | None = None) -> db.Bag:
    """A bag of input paths (readable by the workers) → a bag of Records in the same order, with
    duplicate_of resolved across the whole bag as `clipper ingest` does. Lazy, like any bag."""
    settings = settings or Settings()
    records, _ = _records(bag.map(_listed_on_worker), Pipeline(settings).knowledge, settings.max_bytes)
    return records


def _listed_on_worker(path: str | os.PathLike) -> _Input:
    return _Input(os.fspath(path), _state_key(os.fspath(path)))


def _records(listed: db.Bag, knowledge: Knowledge, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[db.Bag, db.Item]:
    """The records in input order, and the number of container parts skipped (not documents)."""
    shipped = dask.delayed(knowledge, name=f"clipper-knowledge-{uuid4().hex}")
    items = db.from_delayed([dask.delayed(_read_partition)(part, i, max_bytes)
                             for i, part in enumerate(listed.to_delayed())])
    docs = items.filter(_is_document)
    skipped = items.filter(_is_skipped).count()
    analysed = docs.map_partitions(_analyse_partition, shipped)
    groups = analysed.map_partitions(_dedup_keys).groupby(_key_of, shuffle="tasks")
    # Items go in as unoptimized delayeds: an optimized one renames the analysis keys it depends
    # on, and every document would be analysed once more for each of them.
    shared = groups.reduction(_orders_in_shared_groups, _union).to_delayed(optimize_graph=False)
    entries = analysed.map_partitions(_entries_of, shared)
    duplicates = entries.reduction(list, _resolve, split_every=False).to_delayed(optimize_graph=False)
    return analysed.map_partitions(_with_duplicates, duplicates), skipped


def _dedup_keys(part: Iterable[_Analysed]) -> list[tuple[str | int, Order]]:
    """(text id, document) and (band key, document) pairs: ids are str, band keys int, so they never meet.
    A list, as every partition here: a generator cannot travel to another worker."""
    pairs: list[tuple[str | int, Order]] = []
    for analysed in part:
        if analysed.record.id is None:  # an error record: never a duplicate, nor an original
            continue
        pairs.append((analysed.record.id, analysed.order))
        if analysed.signature:
            pairs.extend((key, analysed.order) for key in dedup.band_keys(analysed.signature))
    return pairs


def _key_of(pair: tuple[str | int, Order]) -> str | int:
    return pair[0]


def _orders_in_shared_groups(groups: Iterable[tuple[str | int, list[tuple[str | int, Order]]]]) -> set[Order]:
    return {order for _, members in groups if len(members) > 1 for _, order in members}


def _union(sets: Iterable[set[Order]]) -> set[Order]:
    return set().union(*sets)


def _entries_of(part: Iterable[_Analysed], shared: set[Order]) -> list[_DedupEntry]:
    return [_DedupEntry(a.order, a.record.id, a.dedup_key, a.signature.to_bytes() if a.signature else None,
                        a.signature.shingles if a.signature else 0)
            for a in part if a.order in shared and a.record.id is not None]


def _resolve(partitions: list[list[_DedupEntry]]) -> dict[Order, str]:
    """duplicate_of for every document that has one: the local run's own rule, replayed in input order."""
    duplicates = {}
    with State(None) as index:
        for entry in sorted((e for part in partitions for e in part), key=lambda e: e.order):
            original = dedup.duplicate_of(index, entry.id, entry.dedup_key, entry.signature())
            if original:
                duplicates[entry.order] = original
    return duplicates


def _with_duplicates(part: Iterable[_Analysed], duplicates: dict[Order, str]) -> list[Record]:
    return [replace(a.record, duplicate_of=duplicates.get(a.order)) if a.record.id else a.record for a in part]


# --- the command: list inputs, run the graph, write --------------------------------------------


def run(paths: Iterable[str | Given], settings: IngestSettings, dask_settings: DaskSettings,
        reporter: Reporter | None = None) -> Summary:
    """`clipper ingest --dask`: like ingest.run without a state file."""
    reporter = reporter or Reporter(quiet=True)
    started = time.monotonic()
    listed = _without_own_files(_found(paths, settings), settings)
    reporter.start(len(listed))
    summary = Summary()
    with _client(dask_settings.scheduler) as client:
        bag = db.from_sequence(listed, partition_size=dask_settings.docs_per_task) if listed else None
        ran = (_records(bag, Pipeline(settings.pipeline).knowledge, settings.pipeline.max_bytes)
               if bag is not None else None)
        if dask_settings.output_dir:
            _write_parts(client, ran, dask_settings.output_dir, settings, summary, reporter)
        else:
            _stream(client, ran, settings, summary, reporter)
    summary.seconds = time.monotonic() - started
    reporter.finish(summary.line(), failed=bool(summary.failed))
    return summary


@contextmanager
def _client(scheduler: str) -> Iterator[Client]:
    """A client of the scheduler at that address, or of a LocalCluster ("local", "local:N") for the run."""
    if scheduler != "local" and not scheduler.startswith("local:"):
        with Client(scheduler) as client:
            yield client
        return
    workers = int(scheduler.partition(":")[2] or os.cpu_count() or 1)
    with (LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
          Client(cluster) as client):
        yield client


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


def _stream(client: Client, ran: tuple[db.Bag, db.Item] | None, settings: IngestSettings, summary: Summary,
            reporter: Reporter) -> None:
    """Records back to this process in input order, into the writers the local run uses."""
    writer = open_writer(settings.output, settings.pretty)
    completed = False
    try:
        parts = ran[0].to_delayed(optimize_graph=False) if ran is not None else []
        # One graph for both, unoptimized: the count reuses the read partitions instead of reading again.
        *futures, skipped = (client.compute([*parts, ran[1]], retries=RETRIES, optimize_graph=False)
                             if ran is not None else [None])
        for i, future in enumerate(futures):
            for record in future.result():
                write, details = _take(record, settings, summary)
                if record.error:
                    reporter.error(_named(record), summary.failures[-1][1], details)
                if write:
                    writer.write(record.to_dict())
                reporter.advance()
            future.release()
            futures[i] = None
        summary.skipped = skipped.result() if skipped is not None else 0
        completed = True
    finally:
        writer.close(ok=completed)


def _write_parts(client: Client, ran: tuple[db.Bag, db.Item] | None, directory: str, settings: IngestSettings,
                 summary: Summary, reporter: Reporter) -> None:
    """Workers write one part-NNNNN.jsonl per task (in input order by name) and send back only counts."""
    os.makedirs(directory, exist_ok=True)
    if ran is None:
        return
    records, skipped = ran
    counted = records.map_partitions(_count_and_format, settings)
    lines = counted.filter(lambda item: item[1] is not None).pluck(1)
    written = lines.to_textfiles(os.path.join(directory, "part-*.jsonl"), name_function="{:05d}".format,
                                 last_endline=True, compute=False)
    tallies = counted.pluck(0).filter(lambda tally: tally is not None)
    _, partial, summary.skipped = client.compute([written, tallies, skipped], retries=RETRIES, sync=True)
    for tally in partial:
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


def _count_and_format(part: Iterable[Record], settings: IngestSettings) -> list[tuple[_Tally | None, str | None]]:
    """(None, JSON line) per record to write, then (the partition's tally, None)."""
    tally = _Tally()
    out: list[tuple[_Tally | None, str | None]] = []
    for record in part:
        write, details = _take(record, settings, tally)
        if record.error:
            tally.details.append(details)
        if write:
            out.append((None, dumps(record.to_dict())))
    out.append((tally, None))
    return out
