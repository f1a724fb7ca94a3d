"""Stage 6: write records as JSON Lines: streamed to stdout, to a file atomically, or appended to a
file with checkpoints (for runs with a state file).

Every writer flushes after each record (so `tail -f` and pipes see records as they come) and has
`checkpoint()` (make what was written durable; returns the committed byte length for an appending
writer) and `close(ok)`. A writer never raises on a record's content (see `dumps`); a failed write
(disk full) leaves no temp file and no torn line behind.

What `-o PATH` does with what is at PATH:
- nothing, or a regular file: written beside it and renamed into place (or appended to, with a state);
- a symbolic link: followed on purpose; the file it points to is written as above, its temp file
  beside that file, and the link stays a link;
- a device or named pipe (`-o /dev/null`, `-o /dev/stderr`, a FIFO): written as a stream, never
  replaced.
"""
from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from typing import IO, Any

# What the JSON encoder raises on a value it cannot write: an integer of more than 4,300 digits,
# NaN or infinity, a type it does not know, a structure nested too deep.
_UNWRITABLE = (ValueError, TypeError, OverflowError, RecursionError)
_SOURCE_FIELDS = ("path", "sha256", "format", "bytes", "url", "encoding")


def dumps(record: dict[str, Any], pretty: bool = False) -> str:
    """The record as JSON. Never raises: a record that cannot be written becomes an error record of
    type "internal" for the same source, which says why."""
    try:
        return _json(record, pretty)
    except _UNWRITABLE as exc:
        return _json(_unwritable(record, exc), pretty)


def _json(record: dict[str, Any], pretty: bool, default=None) -> str:
    indent = 2 if pretty else None
    text = json.dumps(record, ensure_ascii=False, allow_nan=False, indent=indent, default=default)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, e.g. from a file name that is not UTF-8: \u-escaped
        text = json.dumps(record, ensure_ascii=True, allow_nan=False, indent=indent, default=default)
    return text


def _unwritable(record: dict[str, Any], exc: BaseException) -> dict[str, Any]:
    source = record.get("source")
    source = source if isinstance(source, dict) else {}
    substitute = {
        "schema_version": record.get("schema_version"),
        "source": {key: source.get(key) for key in _SOURCE_FIELDS},
        "error": {"type": "internal",
                  "message": f"the record could not be written as JSON: {type(exc).__name__}: {str(exc)[:200]}"},
        "ingested_at": record.get("ingested_at"),
        "clipper_version": record.get("clipper_version"),
    }
    # the fields copied over are plain strings and numbers; repr stands in for anything else
    return json.loads(_json(substitute, False, default=repr))


class StreamWriter:
    """To an open text stream (stdout by default); nothing to commit."""

    def __init__(self, stream: IO[str] | None = None, pretty: bool = False, owned: bool = False):
        self._out = stream or sys.stdout
        self.pretty = pretty
        self._owned = owned  # opened here (a device or pipe named by -o): closed here

    def write(self, record: dict[str, Any]) -> None:
        self._out.write(dumps(record, self.pretty) + "\n")
        self._out.flush()

    def checkpoint(self) -> int | None:
        return None

    def close(self, ok: bool = True) -> None:
        if self._owned:
            _close_quietly(self._out)


class _FileWriter(StreamWriter):
    """To a regular file opened unbuffered in binary: each record is one write call, so a failed
    write leaves at most that record's line torn, and close(ok=False) can cut it off."""

    _file: IO[bytes]

    def write(self, record: dict[str, Any]) -> None:
        data = (dumps(record, self.pretty) + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[self._file.write(view) or 0 :]


class AtomicFileWriter(_FileWriter):
    """Writes a temp file beside `path` and renames it into place on success, so a reader never sees
    a half-written file and a failed run leaves the previous file as it was."""

    def __init__(self, path: str, pretty: bool = False):
        directory = os.path.dirname(path)
        fd, self._tmp_path = tempfile.mkstemp(prefix=".clipper-", suffix=".tmp", dir=directory)
        self._file = os.fdopen(fd, "wb", buffering=0)
        self.pretty = pretty
        self.path = path

    def close(self, ok: bool = True) -> None:
        if self._file.closed:
            return
        try:
            if ok:
                os.fsync(self._file.fileno())
                self._file.close()
                os.replace(self._tmp_path, self.path)
        finally:  # after a rename there is nothing left to remove; after a failure, the temp file
            _close_quietly(self._file)
            _unlink_quietly(self._tmp_path)


class AppendingWriter(_FileWriter):
    """Appends to `path` after cutting it back to `committed_bytes`: records written after the last
    commit of an interrupted run belong to inputs the state does not list as ingested, and those
    inputs are about to be ingested again. A file shorter than that (rotated or emptied by someone)
    is appended to as it is. A failed run cuts what it wrote after its last checkpoint."""

    def __init__(self, path: str, committed_bytes: int, pretty: bool = False):
        self._file = open(path, "ab", buffering=0)  # noqa: SIM115 (closed in close())
        size = os.fstat(self._file.fileno()).st_size
        self.dropped_bytes = max(0, size - committed_bytes)
        if self.dropped_bytes:
            os.ftruncate(self._file.fileno(), committed_bytes)
        self._committed = min(size, committed_bytes)
        self.pretty = pretty
        self.path = path

    def checkpoint(self) -> int:
        os.fsync(self._file.fileno())
        self._committed = os.fstat(self._file.fileno()).st_size
        return self._committed

    def close(self, ok: bool = True) -> None:
        if self._file.closed:
            return
        if not ok:
            try:
                os.ftruncate(self._file.fileno(), self._committed)
            except OSError:
                pass  # the next run cuts it back to the committed length all the same
        self._file.close()


def open_writer(path: str | None, pretty: bool = False, committed_bytes: int | None = None) -> StreamWriter:
    """stdout for None or '-'; a stream for a device or pipe; else an AppendingWriter when a
    committed length is given, or an atomic one. A symbolic link is resolved: its target is written."""
    if not path or path == "-":
        return StreamWriter(pretty=pretty)
    if not is_regular_output(path):
        return StreamWriter(open(path, "w", encoding="utf-8"), pretty, owned=True)  # noqa: SIM115
    target = os.path.realpath(path)
    if committed_bytes is not None:
        return AppendingWriter(target, committed_bytes, pretty)
    return AtomicFileWriter(target, pretty)


def is_regular_output(path: str) -> bool:
    """True unless something other than a regular file (a device, a pipe) is at path, links followed."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True  # nothing there yet (or a dangling link): a file will be made


def _close_quietly(stream: IO) -> None:
    try:
        stream.close()
    except OSError:
        pass


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
