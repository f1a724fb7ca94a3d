"""The writer never raises on a record, and a failed write leaves no temp file and no torn line."""
import errno
import json
import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clipper import process
from clipper.output import AppendingWriter, AtomicFileWriter, dumps, open_writer
from clipper.record import Record, Source

# Any JSON-ish value, plus what the JSON encoder refuses: NaN, huge integers, sets, bytes.
awkward = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text()
    | st.builds(pow, st.just(10), st.integers(4400, 5000)) | st.binary(max_size=8) | st.frozensets(st.integers(), max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_records_of_random_text_serialise(text):
    record = process(text.encode("utf-8", "surrogatepass"))
    line = dumps(record.to_dict())
    assert "\n" not in line
    assert json.loads(line)["schema_version"] == record.schema_version


@settings(max_examples=300, deadline=None)
@given(path=st.text(), value=awkward, relevance=st.floats())
def test_any_record_becomes_a_line_or_an_internal_error_record(path, value, relevance):
    record = Record(source=Source(path=path), text="Regionen betalar.", relevance=relevance,
                    amounts=[{"value": value}], entities=[{"extra": value}])
    written = json.loads(dumps(record.to_dict()))
    if "error" in written:
        assert written["error"]["type"] == "internal"
        assert written["source"]["path"] == path
    else:
        assert written["text"] == "Regionen betalar."


def test_a_file_name_that_is_not_utf8_is_escaped_not_a_crash():
    name = os.fsdecode(b"klipp-\xe5r.txt")  # Latin-1 å: a lone surrogate once decoded
    written = json.loads(dumps(Record(source=Source(path=name), text="Hej hopp.").to_dict()))
    assert os.fsencode(written["source"]["path"]) == b"klipp-\xe5r.txt"


def test_a_twenty_thousand_digit_amount_is_an_internal_error_record():
    record = Record(source=Source(path="a.txt", sha256="ab"), amounts=[{"value": 10**20000}])
    written = json.loads(dumps(record.to_dict()))
    assert written["error"]["type"] == "internal"
    assert "4300 digits" in written["error"]["message"]
    assert written["source"]["sha256"] == "ab"


class DiskFull:
    """A raw file whose writes fail with ENOSPC after `room` bytes, as on a full file system."""

    def __init__(self, real, room):
        self.real, self.room = real, room

    def write(self, data):
        if self.room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = self.real.write(bytes(data[: self.room]))
        self.room -= n
        return n

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_disk_full_leaves_no_temp_file_and_the_old_output(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"earlier": 1}\n')
    writer = AtomicFileWriter(str(out))
    writer._file = DiskFull(writer._file, room=30)
    with pytest.raises(OSError):
        for _ in range(3):
            writer.write({"text": "Regionen betalar fem miljoner kronor."})
    writer.close(ok=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]
    assert out.read_text() == '{"earlier": 1}\n'


def test_disk_full_while_appending_cuts_the_torn_line(tmp_path):
    out = tmp_path / "out.jsonl"
    writer = AppendingWriter(str(out), committed_bytes=0)
    writer.write({"n": 1})
    writer.checkpoint()
    writer._file = DiskFull(writer._file, room=5)
    with pytest.raises(OSError):
        writer.write({"n": 2, "text": "Regionen betalar fem miljoner kronor."})
    writer.close(ok=False)
    assert out.read_text() == '{"n": 1}\n'


def test_a_full_tmpfs_leaves_whole_lines_only(tmp_path):
    """The same on a real 64 kB file system, where one can be mounted (root)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or os.system(f"mount -t tmpfs -o size=64k tmpfs {mount} 2>/dev/null") != 0:
        pytest.skip("mounting a tmpfs needs root")
    try:
        out = mount / "out.jsonl"
        writer = AppendingWriter(str(out), committed_bytes=0)
        with pytest.raises(OSError) as failure:
            for n in range(10_000):
                writer.write({"n": n, "text": "Regionen betalar fem miljoner kronor till leverantören."})
                if n % 20 == 0:
                    writer.checkpoint()
        writer.close(ok=False)
        assert failure.value.errno == errno.ENOSPC
        lines = out.read_text().splitlines(keepends=True)
        assert lines and all(line.endswith("}\n") for line in lines)
        assert len(lines) % 20 == 1
        assert sorted(p.name for p in mount.iterdir()) == ["out.jsonl"]
    finally:
        os.system(f"umount {mount}")


def test_a_fifo_is_written_as_a_stream(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        writer = open_writer(str(fifo))
        writer.write({"n": 1})
        writer.close()
        assert os.read(reader, 100) == b'{"n": 1}\n'
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_symlink_is_followed_and_stays_a_link(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out.jsonl"
    link = tmp_path / "out.jsonl"
    link.symlink_to(target)
    writer = open_writer(str(link))
    writer.write({"n": 1})
    writer.close()
    assert link.is_symlink()
    assert target.read_text() == '{"n": 1}\n'
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["out.jsonl"]
