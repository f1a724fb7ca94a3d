"""`clipper ingest --dask` and clipper.dask.analyse_bag give the records the local run gives,
duplicates included, on a LocalCluster of two worker processes."""
import json
import pickle
import shutil
import sys
import time
from types import SimpleNamespace

import pytest
from conftest import FIXTURES
from test_ingest import ingest, without_timestamps

import clipper
from clipper.analyse import analyse
from clipper.document import Document
from clipper.pipeline import Pipeline, Settings, read_items

SEEDS = sorted((FIXTURES / "seeds").iterdir())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds, an exact copy and a near copy (a correction line added) of one of them, a broken PDF
    (an error record) and a symlink loop (an error found while listing the inputs)."""
    folder = tmp_path_factory.mktemp("corpus")
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    text = SEEDS[1].read_text(encoding="utf-8")
    (folder / "copy_of_001.txt").write_text(text, encoding="utf-8")
    (folder / "near_copy_of_001.txt").write_text(
        text.rstrip() + "\n\nRättelse: i en tidigare version angavs fel datum för beslutet.\n", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n")
    (folder / "loop").symlink_to(folder)
    return folder


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed: pip install -e '.[dask]'")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def local_records(corpus):
    result, records = ingest("-j1", corpus)
    assert result.exit_code == 1  # the PDF and the loop
    duplicates = {r["source"]["path"].rsplit("/", 1)[1]: r["duplicate_of"] for r in records if r.get("duplicate_of")}
    original = next(r["id"] for r in records if r["source"]["path"] == str(corpus / SEEDS[1].name))
    assert duplicates == {"copy_of_001.txt": original, "near_copy_of_001.txt": original}
    return records


def test_a_local_cluster_of_two_workers_gives_the_records_of_one_process(corpus, local_records):
    pytest.importorskip("distributed", reason="the dask extra is not installed: pip install -e '.[dask]'")
    result, records = ingest("--dask", "local:2", "--docs-per-task", 3, corpus)
    assert result.exit_code == 1
    assert without_timestamps(records) == without_timestamps(local_records)
    assert sorted(r["error"]["type"] for r in records if "error" in r) == ["malformed", "symlink_loop"]
    assert "scan.pdf: PDF could not be opened" in result.stderr


def test_workers_write_parts_in_input_order(corpus, local_records, cluster, tmp_path):
    out = tmp_path / "parts"
    result, printed = ingest("--dask", cluster.scheduler_address, "--docs-per-task", 2, "--output-dir", out, corpus)
    assert result.exit_code == 1 and printed == []
    parts = sorted(out.glob("part-*.jsonl"))
    assert len(parts) == 5  # 10 inputs, 2 per task
    written = [json.loads(line) for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
    assert without_timestamps(written) == without_timestamps(local_records)


def test_analyse_bag_resolves_duplicates_across_the_bag(corpus, local_records, cluster):
    import dask.bag as db
    from distributed import Client

    from clipper.dask import analyse_bag

    paths = [r["source"]["path"] for r in local_records if "error" not in r]
    with Client(cluster):
        records = analyse_bag(db.from_sequence(paths, npartitions=3)).compute()
    expected = [r for r in local_records if "error" not in r]
    assert without_timestamps([r.to_dict() for r in records]) == without_timestamps(expected)


def test_without_the_extra_dask_is_a_clear_usage_error(corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)  # import dask now raises ImportError
    monkeypatch.delitem(sys.modules, "clipper.dask", raising=False)
    monkeypatch.delattr(clipper, "dask", raising=False)
    result, records = ingest("--dask", "local:2", corpus)
    assert result.exit_code == 2 and records == []
    assert "--dask needs Dask: pip install 'clipper[dask]'" in result.stderr


def test_dask_options_that_cannot_work_are_usage_errors(corpus, tmp_path):
    result, _ = ingest("--dask", "local", "--state", tmp_path / "state.db", corpus)
    assert result.exit_code == 2 and "--state is not available with --dask" in result.stderr
    result, _ = ingest("--dask", "local", "--output-dir", tmp_path / "parts", "-o", tmp_path / "x.jsonl", corpus)
    assert result.exit_code == 2 and "not with -o or --pretty" in result.stderr


def test_pickled_knowledge_analyses_as_the_original(corpus):
    """Dask ships the Knowledge to workers pickled: its gazetteer must tag the same after the trip."""
    knowledge = Pipeline(Settings()).knowledge
    shipped = pickle.loads(pickle.dumps(knowledge))
    for path in SEEDS:
        for doc in read_items(str(path)):
            assert isinstance(doc, Document)
            here, there = analyse(doc, knowledge).record, analyse(doc, shipped).record
            assert here.entities and here.entities == there.entities


def test_each_document_is_analysed_once(corpus, local_records, monkeypatch):
    """The duplicate steps reuse the analysed partitions instead of analysing the documents again."""
    pytest.importorskip("dask", reason="the dask extra is not installed: pip install -e '.[dask]'")
    import dask.bag as db

    from clipper import dask as on_dask

    analysed = []
    analyse_partition = on_dask._analyse_partition
    monkeypatch.setattr(on_dask, "_analyse_partition", lambda docs, *args: analysed.extend(docs) or analyse_partition(docs, *args))
    paths = [r["source"]["path"] for r in local_records if "error" not in r]
    records = on_dask.analyse_bag(db.from_sequence(paths, npartitions=3)).compute(scheduler="sync")
    assert len(records) == len(analysed) == len(paths)


def test_every_result_can_travel_between_workers(corpus, local_records):
    """Each task's result must pickle to move to another worker (a generator would not, and the run
    would hang): the process scheduler's code path pickles every one."""
    pytest.importorskip("dask", reason="the dask extra is not installed: pip install -e '.[dask]'")
    from concurrent.futures import ThreadPoolExecutor

    import dask.bag as db
    import dask.multiprocessing

    from clipper.dask import analyse_bag

    paths = [r["source"]["path"] for r in local_records if "error" not in r]
    with ThreadPoolExecutor(1) as pool:
        records = analyse_bag(db.from_sequence(paths, npartitions=3)).compute(
            scheduler=dask.multiprocessing.get, pool=pool, optimize_graph=False)
    assert without_timestamps([r.to_dict() for r in records]) == without_timestamps(
        [r for r in local_records if "error" not in r])


def test_containers_give_a_record_per_document_and_count_skipped_parts(cluster):
    """A WARC file holds several documents and parts that are none (requests): one record per
    document, in order, and the others counted, as locally."""
    warc = FIXTURES / "formats" / "crawl.warc.gz"
    one, local = ingest("-j1", "-v", warc)
    result, records = ingest("--dask", cluster.scheduler_address, "-v", warc)
    assert result.exit_code == one.exit_code == 0
    assert len(records) == 3 and len({r["source"]["part"] for r in records}) == 3
    assert without_timestamps(records) == without_timestamps(local)
    assert "2 parts skipped (not articles)" in result.stderr


def test_a_document_over_the_time_budget_is_a_timeout_record_on_a_worker(cluster, tmp_path, monkeypatch):
    """Dask runs tasks in worker threads, where no interval timer can be set: the budget still holds
    for a document stuck in Python code, and the others in its task are analysed."""
    from budget_helpers import BUSY, MisbehavingOnArrival

    from clipper import dask as on_dask

    text = ("Region Halland har tecknat avtal om ett nytt journalsystem för primärvården.\n\n"
            "Avtalet gäller i sex år och omfattar samtliga vårdcentraler i länet, sade {} på tisdagen.\n")
    for name, marker in (("a.txt", "Anna"), ("b.txt", BUSY), ("c.txt", "Bo")):
        (tmp_path / name).write_text(text.format(marker), encoding="utf-8")
    loaded = Pipeline(Settings()).knowledge
    shipped = SimpleNamespace(knowledge=MisbehavingOnArrival(loaded.gazetteer, loaded.taxonomy))
    monkeypatch.setattr(on_dask, "Pipeline", lambda settings: shipped)
    started = time.monotonic()
    result, records = ingest("--dask", cluster.scheduler_address, "--timeout", "1", "--docs-per-task", 3, tmp_path)
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    assert [r.get("error", {}).get("type") for r in records] == [None, "timeout", None]
    assert "budget of 1s" in records[1]["error"]["message"] and "b.txt" in result.stderr


def test_tasks_are_cut_smaller_where_workers_would_idle():
    pytest.importorskip("dask", reason="the dask extra is not installed: pip install -e '.[dask]'")
    from clipper.dask import _partition_size

    assert _partition_size(5000, 100, threads=2) == 100  # 50 tasks: plenty for 2 threads
    assert _partition_size(300, 100, threads=2) == 38  # 8 tasks, not 3 (one thread idle for the last)
    assert _partition_size(3, 100, threads=4) == 1
    assert _partition_size(300, 100, threads=0) == 100  # no worker has joined yet: as asked
