"""A time and memory budget per document: an input over it is an error record and the batch goes on,
with one worker or many."""
import json
import time

import budget_helpers
import pytest
from budget_helpers import HUNGRY, SLOW, STUCK, MisbehavingKnowledge
from click.testing import CliRunner

import clipper.analyse
import clipper.executor
import clipper.readers.markup
from clipper.cli import cli
from clipper.executor import Budget, PoolExecutor
from clipper.ingest import IngestSettings, run

TEXT = ("Region Halland har tecknat avtal om ett nytt journalsystem för primärvården.\n\n"
        "Avtalet gäller i sex år och omfattar samtliga vårdcentraler i länet, sade {} på tisdagen.\n")


@pytest.fixture
def folder(tmp_path):
    for name, marker in (("a.txt", "Anna"), ("b_slow.txt", SLOW), ("c.txt", "Bo"),
                         ("d_stuck.txt", STUCK), ("e_hungry.txt", HUNGRY), ("f.txt", "Eva")):
        (tmp_path / name).write_text(TEXT.format(marker), encoding="utf-8")
    return tmp_path


def records_of(out):
    return {r["source"]["path"].rsplit("/", 1)[1]: r for r in map(json.loads, out.read_text().splitlines())}


def test_one_process_a_slow_document_times_out_and_the_batch_goes_on(tmp_path, monkeypatch):
    for name, marker in (("a.txt", "Anna"), ("b.txt", SLOW), ("c.txt", "Bo")):
        (tmp_path / name).write_text(TEXT.format(marker), encoding="utf-8")
    real = clipper.analyse.detect_language

    def detect(text):
        budget_helpers.misbehave(text)
        return real(text)

    monkeypatch.setattr(clipper.analyse, "detect_language", detect)
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["ingest", "-j1", "--timeout", "0.5", str(tmp_path)])
    assert time.monotonic() - started < 30
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1
    assert [r.get("error", {}).get("type") for r in records] == [None, "timeout", None]
    assert "budget of 0.5s" in records[1]["error"]["message"] and "b.txt" in result.stderr


def test_workers_time_out_slow_and_stuck_documents_and_cap_memory(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(clipper.executor, "_HANG_GRACE", 1.0)
    out = tmp_path / "out.jsonl"
    settings = IngestSettings(output=str(out), workers=2, budget=Budget(1.0, 300))
    started = time.monotonic()
    summary = run([str(folder)], settings,
                  executor=lambda inputs: PoolExecutor(MisbehavingKnowledge(), 2, settings.budget))
    assert time.monotonic() - started < 60
    records = records_of(out)
    assert list(records) == ["a.txt", "b_slow.txt", "c.txt", "d_stuck.txt", "e_hungry.txt", "f.txt"]
    assert {name: r.get("error", {}).get("type") for name, r in records.items()} == {
        "a.txt": None, "b_slow.txt": "timeout", "c.txt": None, "d_stuck.txt": "timeout",
        "e_hungry.txt": "too_large", "f.txt": None}
    assert summary.failed == 3 and summary.ingested == 3


def test_reading_is_within_the_budget_too(tmp_path, monkeypatch):
    """Readers run in the driver (a pathological PDF or page must not stall it either)."""
    (tmp_path / "a.txt").write_text(TEXT.format("Anna"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT.format(SLOW), encoding="utf-8")
    real = clipper.readers.markup.decode

    def slow_decode(data):
        budget_helpers.misbehave(data.decode("utf-8", "replace"))
        return real(data)

    monkeypatch.setattr(clipper.readers.markup, "decode", slow_decode)
    result = CliRunner().invoke(cli, ["ingest", "-j1", "--timeout", "1", str(tmp_path)])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1
    assert [r.get("error", {}).get("type") for r in records] == [None, "timeout"]
    assert records[1]["error"]["message"].startswith("reading took longer than the budget of 1s")
