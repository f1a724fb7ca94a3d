"""Batch runs: worker pool (order, equality with one process, a dying worker), stderr for people
and for cron, exit status."""
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from clipper.cli import cli
from clipper.ingest import MIN_INPUTS_FOR_WORKERS, IngestSettings, run
from clipper.progress import Reporter


@pytest.fixture
def many_inputs(tmp_path):
    """More inputs than it takes to start workers: the seeds and small HTML pages under many names."""
    folder = tmp_path / "many"
    folder.mkdir()
    sources = sorted((FIXTURES / "seeds").iterdir()) + [FIXTURES / "html" / "nb_helseteknikk_kurveloesning.html"]
    for i in range(MIN_INPUTS_FOR_WORKERS):
        source = sources[i % len(sources)]
        shutil.copy(source, folder / f"{i:03d}{source.suffix}")
    return folder


def ingest(*args):
    result = CliRunner().invoke(cli, ["ingest", *map(str, args)])
    return result, [json.loads(line) for line in result.stdout.splitlines()]


def without_timestamps(records):
    return [{k: v for k, v in r.items() if k != "ingested_at"} for r in records]


def test_two_workers_give_the_same_records_in_the_same_order_as_one(many_inputs):
    (many_inputs / "loop").symlink_to(many_inputs)  # an input that fails before it is read
    one, serial = ingest("-j1", many_inputs)
    two, parallel = ingest("-j2", many_inputs)
    assert one.exit_code == two.exit_code == 1
    assert [r["source"]["path"] for r in parallel] == sorted(str(p) for p in many_inputs.iterdir())
    assert without_timestamps(parallel) == without_timestamps(serial)
    assert [r["error"]["type"] for r in parallel if "error" in r] == ["symlink_loop"]
    # copies under other names point at the first of them
    firsts = {}
    for record in (r for r in serial if "error" not in r):
        firsts.setdefault(record["id"], record)
        expected = None if firsts[record["id"]] is record else record["id"]
        assert record["duplicate_of"] == expected


def test_a_worker_killed_mid_run_costs_nothing(many_inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CLIPPER_TEST_SLOW_SECONDS": "0.1"}
    proc = subprocess.Popen([sys.executable, "-m", "clipper", "ingest", "-j2", "--state", str(tmp_path / "s.db"),
                             "-o", str(out), str(many_inputs)], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 10:
            break
        time.sleep(0.02)
    workers = [pid for pid in _children(proc.pid) if b"spawn_main" in _cmdline(pid)]
    assert proc.poll() is None and len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)  # the pool breaks: what is in flight fails, and so would new work
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["path"] for r in records] == sorted(str(p) for p in many_inputs.iterdir())
    assert not [r for r in records if r.get("error")]


def _children(pid):
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(stat.parent.name))
        except (OSError, ValueError):
            pass
    return kids


def _cmdline(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_cron_hears_nothing_when_all_is_well_and_stdout_only_has_records(tmp_path):
    result, records = ingest("-j1", FIXTURES / "seeds")
    assert result.exit_code == 0 and len(records) == 5 and result.stderr == ""
    verbose, records = ingest("-j1", "--verbose", FIXTURES / "seeds")
    assert verbose.stderr.startswith("clipper: 5 ingested (5 relevant, 0 duplicates), 0 unchanged, 0 failed in ")
    assert len(records) == 5  # stdout still parses as records only


def test_failures_give_exit_1_a_line_each_and_the_summary_unless_quiet(tmp_path):
    shutil.copy(FIXTURES / "seeds" / "001_d381fe02363b1423.txt", tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    result, records = ingest("-j1", tmp_path)
    assert result.exit_code == 1 and len(records) == 2
    assert result.stderr.splitlines() == [
        f"clipper: error: {tmp_path / 'empty.txt'}: empty file (empty)",
        result.stderr.splitlines()[-1],
    ]
    assert "1 ingested (1 relevant, 0 duplicates), 0 unchanged, 1 failed" in result.stderr.splitlines()[-1]
    quiet, _ = ingest("-j1", "--quiet", tmp_path)
    assert quiet.exit_code == 1 and quiet.stderr.splitlines() == result.stderr.splitlines()[:1]


def test_usage_errors_exit_2(tmp_path):
    assert ingest("--quiet", "--verbose", tmp_path)[0].exit_code == 2
    assert ingest("--force", tmp_path)[0].exit_code == 2  # --force without --state
    assert ingest("-j", "0", tmp_path)[0].exit_code == 2
    no_folder, records = ingest("-o", tmp_path / "missing" / "out.jsonl", FIXTURES / "seeds")
    assert no_folder.exit_code == 2 and records == []
    assert no_folder.stderr == f"clipper: error: cannot write {tmp_path / 'missing' / 'out.jsonl'}: No such file or directory\n"


def test_progress_bar_at_a_terminal(tmp_path):
    stderr = io.StringIO()
    summary = run([str(FIXTURES / "seeds")], IngestSettings(output=str(tmp_path / "out.jsonl")),
                  Reporter(stderr, interactive=True))
    shown = stderr.getvalue()
    assert summary.ingested == 5
    assert "\r[########################] 5/5 " in shown and "files/s ETA 0:00" in shown
    last_line = shown.rsplit("\r\x1b[K", 1)[1]  # the bar is wiped before the summary
    assert last_line.startswith("clipper: 5 ingested") and last_line.endswith("\n")


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    stderr = io.StringIO()
    run([str(FIXTURES / "seeds")], IngestSettings(output=str(tmp_path / "out.jsonl")), Reporter(stderr))
    assert stderr.getvalue() == ""


def test_atomic_output_file_is_replaced_only_by_a_complete_run(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n", encoding="utf-8")
    result, _ = ingest("-j1", "-o", out, FIXTURES / "seeds")
    assert result.exit_code == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 5
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temp file left behind


def test_progress_bar_gives_no_eta_from_the_first_inputs_alone():
    stderr = io.StringIO()
    reporter = Reporter(stderr, interactive=True)
    reporter.start(1000)
    reporter.advance()  # one input done at once: a rate from it would promise 0:00 for all 1000
    assert "1/1000" in stderr.getvalue() and "ETA --:--" in stderr.getvalue()
