"""Incremental runs through --state, the lock, and exactly-once output across interruptions."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from clipper.cli import cli
from clipper.ingest import BATCH_RECORDS
from clipper.output import AppendingWriter
from clipper.state import State, StateLocked

SRC = str(ROOT / "src")


def ingest(*args):
    result = CliRunner().invoke(cli, ["ingest", "-j1", *map(str, args)])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return result, records


def paths_of(records):
    return [Path(r["source"]["path"]).name for r in records]


def test_second_run_emits_nothing_and_exits_0(inbox, tmp_path):
    state = tmp_path / "s.db"
    first, records = ingest(inbox, "--state", state)
    assert first.exit_code == 0 and len(records) == 5
    second, records = ingest(inbox, "--state", state)
    assert second.exit_code == 0 and records == []


def test_the_same_folder_named_from_another_directory_is_the_same_input(inbox, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(ingest("in", "--state", "s.db")[1]) == 5
    monkeypatch.chdir(inbox)
    assert ingest(".", "--state", tmp_path / "s.db")[1] == []


def test_changed_file_again_new_file_once_touched_file_not(inbox, tmp_path):
    state = tmp_path / "s.db"
    ingest(inbox, "--state", state)
    changed = inbox / "002_017a12b53a60a50e.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nEn rad till.\n", encoding="utf-8")
    touched = inbox / "003_643a6c2293681b07.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    (inbox / "005_new.txt").write_text("Region Skåne byter journalsystem.\n\nEn helt ny nyhet.", encoding="utf-8")
    result, records = ingest(inbox, "--state", state)
    assert result.exit_code == 0
    assert paths_of(records) == ["002_017a12b53a60a50e.txt", "005_new.txt"]
    assert ingest(inbox, "--state", state)[1] == []
    # the touched file's new mtime was learned: no hashing on the next run
    with State(str(state)) as db:
        assert db.file_entry(str(touched)).mtime_ns == touched.stat().st_mtime_ns


def test_force_redoes_all(inbox, tmp_path):
    state = tmp_path / "s.db"
    ingest(inbox, "--state", state)
    result, records = ingest(inbox, "--state", state, "--force")
    assert result.exit_code == 0 and len(records) == 5
    assert all(r["duplicate_of"] is None for r in records)  # a file is not a duplicate of itself


def test_content_errors_are_remembered_unreadable_inputs_retried(inbox, tmp_path, monkeypatch):
    state = tmp_path / "s.db"
    (inbox / "empty.txt").write_bytes(b"")
    with open(inbox / "huge.txt", "wb") as fh:
        fh.truncate(10_000)  # the seeds are 2-8 kB
    result, records = ingest(inbox, "--state", state, "--max-bytes", "9000")
    assert result.exit_code == 1 and len(records) == 7
    assert [r["error"]["type"] for r in records if "error" in r] == ["empty", "too_large"]
    result, records = ingest(inbox, "--state", state, "--max-bytes", "9000")
    assert result.exit_code == 0 and records == []  # the same bad files: nothing new to say

    import clipper.inputs

    real_open = open

    def deny(path, *args, **kwargs):
        if str(path).endswith("new.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    (inbox / "new.txt").write_text("Ny text om vården i regionen, skriven i dag.", encoding="utf-8")
    monkeypatch.setattr(clipper.inputs, "open", deny, raising=False)
    result, records = ingest(inbox, "--state", state)
    assert result.exit_code == 1 and records[0]["error"]["type"] == "unreadable"
    monkeypatch.undo()
    result, records = ingest(inbox, "--state", state)
    assert result.exit_code == 0 and paths_of(records) == ["new.txt"]


def test_output_file_accumulates_across_runs(inbox, tmp_path):
    state, out = tmp_path / "s.db", tmp_path / "out.jsonl"
    ingest(inbox, "--state", state, "-o", out)
    (inbox / "005_new.txt").write_text("Region Skåne byter journalsystem.\n\nEn helt ny nyhet.", encoding="utf-8")
    ingest(inbox, "--state", state, "-o", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert Counter(paths_of(map(json.loads, lines))) == Counter(p.name for p in inbox.iterdir())


def test_uncommitted_tail_of_output_is_cut_on_next_open(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"a": 1}\n{"b": 2}\n{"half', encoding="utf-8")
    writer = AppendingWriter(str(out), committed_bytes=len('{"a": 1}\n'))
    writer.write({"c": 3})
    assert writer.checkpoint() == out.stat().st_size
    writer.close()
    assert out.read_text(encoding="utf-8") == '{"a": 1}\n{"c": 3}\n'


def test_unusable_state_file_is_a_usage_error(inbox, tmp_path):
    state = tmp_path / "s.db"
    state.write_text("this is not a database, just some text that happens to be here\n" * 20)
    result, records = ingest(inbox, "--state", state)
    assert result.exit_code == 2 and "not a usable clipper state" in result.stderr and records == []


def hold_lock(state, seconds):
    code = f"from clipper.state import State; s = State({str(state)!r}); print('held', flush=True); " \
           f"import time; time.sleep({seconds})"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": SRC})
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_concurrent_run_exits_3_at_once(inbox, tmp_path):
    state = tmp_path / "s.db"
    holder = hold_lock(state, 30)
    try:
        result, records = ingest(inbox, "--state", state)
        assert result.exit_code == 3 and records == []
        assert f"pid {holder.pid}" in result.stderr and "--wait" in result.stderr
        with pytest.raises(StateLocked):
            State(str(state))
    finally:
        holder.kill()
        holder.wait()


def test_wait_queues_behind_the_running_one(inbox, tmp_path):
    state = tmp_path / "s.db"
    holder = hold_lock(state, 1)
    try:
        result, records = ingest(inbox, "--state", state, "--wait")
        assert holder.poll() is not None  # it could only go on once the holder had let go
        assert result.exit_code == 0 and len(records) == 5
    finally:
        holder.kill()
        holder.wait()


@pytest.fixture
def many_inputs(tmp_path):
    """Enough inputs for several batches: the seed texts under many names."""
    folder = tmp_path / "many"
    folder.mkdir()
    seeds = sorted((FIXTURES / "seeds").iterdir())
    for i in range(2 * BATCH_RECORDS + 7):
        shutil.copy(seeds[i % len(seeds)], folder / f"{i:03d}.txt")
    return folder


def start_slow_run(folder, state, out, *extra):
    env = {**os.environ, "PYTHONPATH": SRC, "CLIPPER_TEST_SLOW_SECONDS": "0.05"}
    args = [sys.executable, "-m", "clipper", "ingest", str(folder), "--state", str(state), "-o", str(out), *extra]
    return subprocess.Popen(args, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for_lines(out, count, process):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.01)
    raise AssertionError("the run ended or stalled before it could be interrupted")


def assert_exactly_once(out, folder):
    counts = Counter(json.loads(line)["source"]["path"] for line in out.read_text(encoding="utf-8").splitlines())
    assert counts == Counter(str(p) for p in folder.iterdir())


def children_of(pid):
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def test_kill_9_mid_batch_then_rerun_gives_each_input_exactly_once(many_inputs, tmp_path):
    state, out = tmp_path / "s.db", tmp_path / "out.jsonl"
    run = start_slow_run(many_inputs, state, out, "-j2")
    wait_for_lines(out, BATCH_RECORDS + 3, run)  # one batch committed, the next one half written
    workers = children_of(run.pid)
    run.send_signal(signal.SIGKILL)
    run.wait()
    written = out.read_bytes().count(b"\n")
    assert BATCH_RECORDS < written < len(list(many_inputs.iterdir()))
    rerun, _ = ingest(many_inputs, "--state", state, "-o", out)
    assert rerun.exit_code == 0
    assert_exactly_once(out, many_inputs)
    # the workers of the killed run noticed and went away
    assert workers and not [pid for pid in workers if _alive_after(pid, seconds=10)]


def _alive_after(pid, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return False  # exited; a container's init may be slow to reap it
        except OSError:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.parametrize("sig, code, workers, whole_group", [
    (signal.SIGTERM, 143, "1", False),
    (signal.SIGINT, 130, "1", False),
    (signal.SIGTERM, 143, "2", True),  # a service manager stopping the unit signals every process
])
def test_sigterm_and_sigint_stop_cleanly_and_commit(many_inputs, tmp_path, sig, code, workers, whole_group):
    state, out = tmp_path / "s.db", tmp_path / "out.jsonl"
    run = start_slow_run(many_inputs, state, out, "-j", workers)
    wait_for_lines(out, 3, run)
    if whole_group:
        os.killpg(run.pid, sig)
    else:
        run.send_signal(sig)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == code
    assert f"interrupted by {sig.name}" in stderr
    written = out.read_bytes()
    assert 3 <= written.count(b"\n") < len(list(many_inputs.iterdir()))
    rerun, records = ingest(many_inputs, "--state", state, "-o", out)
    assert rerun.exit_code == 0
    assert out.read_bytes().startswith(written)  # all it wrote was committed: nothing is cut
    assert_exactly_once(out, many_inputs)


def test_record_id_is_unique_per_input_and_content_and_a_changed_input_supersedes_its_record(tmp_path):
    from click.testing import CliRunner

    from clipper.cli import cli

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    story = ("Regionen skjuter upp journalsystemet\n\nRegion Kronoberg skjuter upp införandet av det nya "
             "journalsystemet till hösten, meddelar regionen. Testerna visade fler fel än väntat.\n")
    (inbox / "a.txt").write_text(story, encoding="utf-8")
    (inbox / "b.txt").write_text(story, encoding="utf-8")  # the same story under another name
    out, state = tmp_path / "out.jsonl", tmp_path / "state.db"

    def ingest():
        result = CliRunner().invoke(cli, ["ingest", "--state", str(state), "-o", str(out), str(inbox)])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    a, b = ingest()
    assert a["id"] == b["id"] and a["record_id"] != b["record_id"] and b["duplicate_of"] == a["id"]
    assert a["supersedes"] is None
    (inbox / "a.txt").write_text(story.replace("hösten", "våren"), encoding="utf-8")
    records = ingest()
    assert len(records) == 3  # b.txt is unchanged: not written again
    assert records[2]["supersedes"] == a["record_id"] and records[2]["record_id"] != a["record_id"]
    assert len({r["record_id"] for r in records}) == 3
