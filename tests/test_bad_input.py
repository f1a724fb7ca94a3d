"""Bad input: each case gives a clear error record (or a correct record) and one stderr line naming
the file and the reason, and the rest of the batch goes on."""
import json
import os
import resource

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

import clipper.analyse
import clipper.ingest
import clipper.inputs
import clipper.pipeline
from clipper.cli import cli
from clipper.inputs import DEFAULT_MAX_BYTES

GOOD_TEXT = "Region Skåne har tecknat avtal om ett nytt vårdinformationssystem.\n\nAvtalet gäller i tio år."
BILLION_LAUGHS_ENTITIES = '<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
)


@pytest.fixture
def folder(tmp_path):
    """A folder with one good clipping on each side (in sorted order) of the bad one."""
    (tmp_path / "a_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "z_good.txt").write_text(GOOD_TEXT.replace("Skåne", "Halland"), encoding="utf-8")
    return tmp_path


def ingest(folder, *args):
    result = CliRunner().invoke(cli, ["ingest", "-j1", str(folder), *args])
    records = {os.path.basename(r["source"]["path"]): r for r in map(json.loads, result.stdout.splitlines())}
    return result, records


def assert_one_clear_failure(folder, name, error_type, reason_part, *args):
    result, records = ingest(folder, *args)
    assert result.exit_code == 1
    assert set(records) == {"a_good.txt", name, "z_good.txt"}
    assert records["a_good.txt"]["text"] and records["z_good.txt"]["text"]
    error = records[name]["error"]
    assert error["type"] == error_type and reason_part in error["message"]
    lines = [line for line in result.stderr.splitlines() if line.startswith("clipper: error:")]
    assert len(lines) == 1 and name in lines[0] and reason_part in lines[0]
    return records[name]


def test_empty_file(folder):
    (folder / "m_empty.html").write_bytes(b"")
    assert_one_clear_failure(folder, "m_empty.html", "empty", "empty file")


def test_binary_file_named_html(folder):
    (folder / "m_photo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (folder / "m_blob.html").write_bytes(bytes(range(256)) * 40)
    result, records = ingest(folder)
    assert result.exit_code == 1
    assert records["m_photo.html"]["error"] == {"type": "unsupported", "message": "not a clipping: PNG image"}
    assert records["m_blob.html"]["error"]["type"] == "binary"
    assert sum("m_photo.html" in line or "m_blob.html" in line for line in result.stderr.splitlines()) == 2
    assert records["z_good.txt"]["text"]


def test_truncated_html_gives_what_it_holds_or_says_there_is_no_article(folder):
    page = (FIXTURES / "html" / "sv_vardnytt_journalsystem-forsenas.html").read_bytes()
    (folder / "m_half.html").write_bytes(page[: page.index(b"Leverant\xc3\xb6ren har")])
    (folder / "m_head_only.html").write_bytes(page[: page.index(b"<body>")])
    result, records = ingest(folder)
    assert records["m_half.html"]["title"].startswith("Nytt journalsystem i Region")
    assert records["m_half.html"]["text"] and not records["m_half.html"].get("error")
    assert records["m_head_only.html"]["error"]["type"] == "no_content"
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 2  # the error + summary


def test_file_over_max_bytes_is_refused_unread(folder):
    with open(folder / "m_huge.html", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB that cost nothing to write
    record = assert_one_clear_failure(folder, "m_huge.html", "too_large", str(DEFAULT_MAX_BYTES))
    assert "--max-bytes" in record["error"]["message"]


def test_invalid_utf8_keeps_the_utf8_and_marks_the_bad_bytes(folder):
    # a stray byte in a line, and a download cut in the middle of the last character
    data = "Åsa Öberg, Västra Götaland.\n\nHon säger \xff att det gick bra".encode().replace(b"\xc3\xbf", b"\xff")
    (folder / "m_bad_bytes.txt").write_bytes(data + "\n\nSlut på mål".encode() + b"\xc3")
    result, records = ingest(folder)
    assert result.exit_code == 0
    record = records["m_bad_bytes.txt"]
    assert record["text"] == "Åsa Öberg, Västra Götaland.\n\nHon säger \ufffd att det gick bra\n\nSlut på mål\ufffd"
    assert record["source"]["encoding"] == "utf-8+replaced"
    assert result.stderr == ""


def test_latin1_line_pasted_into_a_utf8_file_decodes_line_by_line(folder):
    data = "Västra Götaland väljer Millennium.\n\n".encode() + "Åsa Öberg är nöjd.".encode("latin-1")
    (folder / "m_mixed.txt").write_bytes(data)
    result, records = ingest(folder)
    assert records["m_mixed.txt"]["text"] == "Västra Götaland väljer Millennium.\n\nÅsa Öberg är nöjd."
    assert records["m_mixed.txt"]["source"]["encoding"] == "utf-8+cp1252"


def test_latin1_swedish_text_decodes_correctly(folder):
    (folder / "m_latin1.txt").write_bytes("Västra Götalandsregionen väljer Millennium.\n\nÅtta år.".encode("latin-1"))
    result, records = ingest(folder)
    assert result.exit_code == 0 and result.stderr == ""
    assert "Västra Götalandsregionen" in records["m_latin1.txt"]["text"]
    assert records["m_latin1.txt"]["source"]["encoding"] == "cp1252"


def test_file_vanishing_between_discovery_and_read(folder, monkeypatch):
    (folder / "m_gone.txt").write_text(GOOD_TEXT, encoding="utf-8")
    discover = clipper.ingest.iter_inputs

    def discover_then_delete(paths, **options):
        found = list(discover(paths, **options))
        (folder / "m_gone.txt").unlink()
        return iter(found)

    monkeypatch.setattr(clipper.ingest, "iter_inputs", discover_then_delete)
    assert_one_clear_failure(folder, "m_gone.txt", "not_found", "vanished")


def test_file_becoming_unreadable(folder, monkeypatch):
    # Tests run as root, where chmod 000 blocks nothing: deny the open itself.
    (folder / "m_locked.txt").write_text(GOOD_TEXT, encoding="utf-8")
    real_open = open

    def deny(path, *args, **kwargs):
        if str(path).endswith("m_locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(clipper.inputs, "open", deny, raising=False)
    assert_one_clear_failure(folder, "m_locked.txt", "unreadable", "permission denied")


def test_symlink_loops(folder):
    (folder / "m_sub").mkdir()
    (folder / "m_sub" / "loop").symlink_to(folder / "m_sub")
    result, records = ingest(folder)
    assert records["loop"]["error"]["type"] == "symlink_loop"
    os.unlink(folder / "m_sub" / "loop")
    os.symlink("m_self", folder / "m_self")
    assert_one_clear_failure(folder, "m_self", "symlink_loop", "loop")


@pytest.mark.parametrize("doc", [
    f'<!DOCTYPE html [{BILLION_LAUGHS_ENTITIES}]><html><head><title>Bomb</title></head><body><article>'
    f'<p>Region Skåne köper nytt journalsystem. &lol9;</p><p>Avtalet gäller i tio år.</p></article></body></html>',
    f'<?xml version="1.0"?><!DOCTYPE lolz [{BILLION_LAUGHS_ENTITIES}]><lolz>&lol9;</lolz>',
])
def test_entity_expansion_bomb_is_not_expanded(folder, doc):
    (folder / "m_bomb.html").write_text(doc, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result, records = ingest(folder)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    record = records["m_bomb.html"]
    assert grown_kb < 100_000  # expanded, &lol9; alone would be 3 GB
    if record.get("error"):
        assert record["error"]["type"] == "unsupported" and "XML" in record["error"]["message"]
    else:
        assert "Region Skåne" in record["text"] and "lollol" not in record["text"]
        assert "ENTITY" not in record["text"]


def test_a_folder_of_many_small_files(tmp_path):
    for i in range(120):
        (tmp_path / f"{i:05d}.txt").write_text(f"Notis nummer {i} om vården i regionen.", encoding="utf-8")
    result, records = ingest(tmp_path)
    assert result.exit_code == 0
    assert list(records) == [f"{i:05d}.txt" for i in range(120)]


def test_a_bug_in_a_stage_costs_one_record_not_the_batch(folder, monkeypatch):
    (folder / "m_trigger.txt").write_text("Trigger the bug. " * 5, encoding="utf-8")
    real = clipper.analyse.detect_language

    def buggy(text):
        if text.startswith("Trigger"):
            raise ValueError("boom")
        return real(text)

    monkeypatch.setattr(clipper.analyse, "detect_language", buggy)
    record = assert_one_clear_failure(folder, "m_trigger.txt", "internal", "ValueError: boom")
    assert "traceback" not in record["error"]
    result, _ = ingest(folder, "--verbose")
    assert "Traceback (most recent call last)" in result.stderr and 'raise ValueError("boom")' in result.stderr


def test_process_path_never_raises(pipeline, monkeypatch):
    def broken_read(path, max_bytes):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(clipper.pipeline, "read_bytes", broken_read)
    record = pipeline.process_path("whatever.html")
    assert record.error["type"] == "internal" and record.error["message"] == "RuntimeError: disk on fire"


def test_named_pipe_is_refused_without_waiting_for_a_writer(folder):
    os.mkfifo(folder / "m_pipe")
    (folder / "m_link.html").symlink_to(folder / "m_pipe")
    result, records = ingest(folder)
    assert result.exit_code == 1
    assert set(records) == {"a_good.txt", "m_link.html", "m_pipe", "z_good.txt"}
    for name in ("m_link.html", "m_pipe"):
        assert records[name]["error"]["type"] == "unsupported"
        assert "named pipe (FIFO), not a file" in records[name]["error"]["message"]
        assert name in result.stderr
