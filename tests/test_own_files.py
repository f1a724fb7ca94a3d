"""Our own files (state, output, gazetteer, taxonomy) failing: a clear message and exit 2 or 3, never a
traceback, and nothing lost."""
import json
import os
import stat

import pytest
from click.testing import CliRunner

from clipper.cli import cli
from clipper.state import State


def ingest(*args):
    result = CliRunner().invoke(cli, ["ingest", "-j1", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_state_with_flipped_bytes_is_exit_2_with_a_message(inbox, tmp_path):
    state = tmp_path / "s.db"
    assert ingest(inbox, "--state", state).exit_code == 0
    data = bytearray(state.read_bytes())
    for i in range(len(data) // 2, len(data), 97):  # the second half: table pages, not the header
        data[i] ^= 0xFF
    state.write_bytes(bytes(data))
    (tmp_path / "s.db-wal").unlink(missing_ok=True)
    result = ingest(inbox, "--state", state)
    assert result.exit_code == 2
    assert "not a usable clipper state file" in result.stderr
    assert result.stdout == ""


def test_a_foreign_file_as_state_is_exit_2_and_left_alone(inbox, tmp_path):
    foreign = tmp_path / "notes.txt"
    foreign.write_text("Inköpslista: mjölk, bröd.\n" * 200)
    result = ingest(inbox, "--state", foreign)
    assert result.exit_code == 2 and "not a usable clipper state file" in result.stderr
    assert foreign.read_text() == "Inköpslista: mjölk, bröd.\n" * 200


def test_a_state_reached_through_a_symlink_shares_its_lock(inbox, tmp_path):
    state = tmp_path / "s.db"
    link = tmp_path / "link.db"
    link.symlink_to(state)
    with State(str(state)):
        result = ingest(inbox, "--state", link, "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 3
    assert not (tmp_path / "out.jsonl").exists()


def test_a_second_state_cannot_take_over_an_output(inbox, tmp_path):
    out = tmp_path / "out.jsonl"
    assert ingest(inbox, "--state", tmp_path / "a.db", "-o", out).exit_code == 0
    before = out.read_bytes()
    second = ingest(inbox, "--state", tmp_path / "b.db", "-o", out)
    assert second.exit_code == 2 and "is written by the state file" in second.stderr
    replacing = ingest(inbox, "-o", out)  # an atomic run would replace the owner's records
    assert replacing.exit_code == 2 and "is appended to by the state file" in replacing.stderr
    (inbox / "new.txt").write_text("Region Skåne byter journalsystem. Beslutet fattades i går.\n")
    assert ingest(inbox, "--state", tmp_path / "a.db", "-o", out).exit_code == 0
    assert out.read_bytes().startswith(before)
    assert len(lines(out)) == 6


def test_an_output_being_written_by_another_state_is_exit_3(inbox, tmp_path):
    out = tmp_path / "out.jsonl"
    with State(str(tmp_path / "a.db")) as holder:
        holder.claim_output(str(out))
        result = ingest(inbox, "--state", tmp_path / "b.db", "-o", out)
    assert result.exit_code == 3


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can replace /dev/null")
def test_dev_null_stays_a_device(inbox):
    assert ingest(inbox, "-o", "/dev/null").exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symlinked_output_writes_its_target(inbox, tmp_path):
    target = tmp_path / "archive" / "out.jsonl"
    target.parent.mkdir()
    link = tmp_path / "out.jsonl"
    link.symlink_to(target)
    assert ingest(inbox, "-o", link).exit_code == 0
    assert link.is_symlink() and len(lines(target)) == 5


@pytest.mark.parametrize("content", [
    "[regions]\nx = " + "[" * 5000 + "]" * 5000 + "\n",  # nested deeper than the parser recurses
    "[regions\nx = 1\n",  # not TOML
    b"\xff\xfe[regions]".decode("latin-1"),  # not UTF-8
])
@pytest.mark.parametrize("option", ["--gazetteer", "--taxonomy"])
def test_an_unloadable_data_file_is_exit_2(inbox, tmp_path, content, option):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(content.encode("latin-1") if content.startswith("\xff") else content.encode())
    result = ingest(option, bad, inbox)
    assert result.exit_code == 2
    assert result.stderr.startswith("clipper: error:") and "bad.toml" in result.stderr
