"""Walking input folders: links out of them, pipes and devices in them, odd names, deep trees; and
signals from the first moment on."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from conftest import ROOT

from clipper.cli import cli
from clipper.inputs import iter_inputs

TEXT = ("Region Kronoberg har valt en ny leverantör av journalsystem.\n\n"
        "Avtalet gäller i åtta år och börjar gälla vid årsskiftet.\n")


def ingest(*args):
    result = CliRunner().invoke(cli, ["ingest", "-j1", *map(str, args)])
    return result, [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def folder(tmp_path):
    inside = tmp_path / "in"
    inside.mkdir()
    (inside / "a.txt").write_text(TEXT, encoding="utf-8")
    return inside


def test_links_out_of_the_folders_given_are_not_followed_by_default(folder, tmp_path):
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "shadow.txt").write_text(TEXT.replace("Kronoberg", "Jönköping"), encoding="utf-8")
    (folder / "b_file_link.txt").symlink_to(secret / "shadow.txt")
    (folder / "c_dir_link").symlink_to(secret)
    (folder / "d_inside_link.txt").symlink_to(folder / "a.txt")  # stays inside: followed
    result, records = ingest(folder)
    assert result.exit_code == 1
    errors = {os.path.basename(r["source"]["path"]): r.get("error", {}).get("type") for r in records}
    assert errors == {"a.txt": None, "b_file_link.txt": "link_outside", "c_dir_link": "link_outside",
                      "d_inside_link.txt": None}
    assert not any("Jönköping" in r.get("text", "") for r in records)
    assert "--follow-links" in result.stderr
    followed, records = ingest(folder, "--follow-links")
    assert followed.exit_code == 0
    assert sum("Jönköping" in r["text"] for r in records) == 2  # through the file link and the folder link


def test_a_link_given_by_name_is_read(folder, tmp_path):
    (tmp_path / "link.txt").symlink_to(folder / "a.txt")
    result, [record] = ingest(tmp_path / "link.txt")
    assert result.exit_code == 0 and record["text"]


@pytest.mark.parametrize("with_state", [False, True])
def test_a_fifo_and_a_socket_in_a_folder_get_error_records_and_never_block(folder, tmp_path, with_state):
    import socket

    os.mkfifo(folder / "b_pipe")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "c_socket"))
    try:
        args = [folder, "--state", tmp_path / "s.db"] if with_state else [folder]
        for _ in range(2 if with_state else 1):  # and again, after the pipe's mtime changed
            os.utime(folder / "b_pipe", ns=(time.time_ns(), time.time_ns()))
            result, records = ingest(*args)
            assert result.exit_code == 1
            errors = {os.path.basename(r["source"]["path"]): r["error"]["message"] for r in records if "error" in r}
            assert errors == {"b_pipe": "named pipe (FIFO), not a file; not read",
                              "c_socket": "socket, not a file; not read"}
    finally:
        server.close()


def test_file_names_that_are_not_utf8_are_ingested_and_shown_escaped(folder, tmp_path):
    name = os.fsencode(folder) + b"/caf\xe9_r\xe4tt.txt"  # Latin-1 bytes, as an old Windows share gives them
    with open(name, "wb") as fh:
        fh.write(TEXT.encode("utf-8"))
    for args in ([], ["--state", tmp_path / "s.db"]):
        result, records = ingest(folder, *args)
        assert result.exit_code == 0, result.stderr
        [odd] = [r for r in records if "caf" in r["source"]["path"]]
        assert odd["source"]["path"].endswith("caf\\xe9_r\\xe4tt.txt") and "Kronoberg" in odd["text"]


@pytest.fixture
def deep_tree(tmp_path, monkeypatch):
    """tmp_path/d/d/.../d/bottom.txt, a thousand levels; built and removed by relative steps (recursive
    removal, pytest's own included, runs out of stack that deep)."""
    monkeypatch.chdir(tmp_path)
    for _ in range(1000):
        os.mkdir("d")
        os.chdir("d")
    with open("bottom.txt", "w", encoding="utf-8") as fh:
        fh.write(TEXT)
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(tmp_path)
    for _ in range(1000):
        os.chdir("d")
    os.unlink("bottom.txt")
    for _ in range(1000):
        os.chdir("..")
        os.rmdir("d")


def test_a_folder_tree_a_thousand_levels_deep(deep_tree):
    found = list(iter_inputs([deep_tree]))
    assert len(found) == 1  # the file, or one error record for a path too long to open
    result, [record] = ingest(deep_tree)
    assert result.exit_code in (0, 1) and "Traceback" not in result.stderr
    assert record["source"]["path"].endswith("bottom.txt")
    assert "Kronoberg" in record.get("text", "") or record["error"]["type"] == "unreadable"


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.parametrize("delay", [0.4, 0.8, 1.6])
def test_a_signal_during_start_up_exits_quietly(folder, sig, code, delay):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.Popen([sys.executable, "-c", "from clipper.start import main; main()", "ingest", str(folder)],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    run.send_signal(sig)
    _, stderr = run.communicate(timeout=60)
    assert "Traceback" not in stderr and "Aborted" not in stderr
    # Finished before the signal came (a fast machine), stopped by it, or (a loaded machine) killed by it
    # before the interpreter ran any code: a shell then also reports 128 + the signal number.
    assert run.returncode in (0, code, -sig), stderr
