"""Stage 6: write records as JSON Lines: streamed to stdout, to a file atomically, or appended to a
file with checkpoints (for runs with a state file).

Every writer flushes after each record (so `tail -f` and pipes see records as they come) and has
`checkpoint()` (make what was written durable; returns the committed byte length for an appending
writer) and `close(ok)`.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from typing import IO, Any


def dumps(record: dict[str, Any], pretty: bool = False) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2 if pretty else None, sort_keys=False)


class StreamWriter:
    """To an open text stream (stdout by default); nothing to commit."""

    def __init__(self, stream: IO[str] | None = None, pretty: bool = False):
        self._out = stream or sys.stdout
        self.pretty = pretty

    def write(self, record: dict[str, Any]) -> None:
        self._out.write(dumps(record, self.pretty) + "\n")
        self._out.flush()

    def checkpoint(self) -> int | None:
        return None

    def close(self, ok: bool = True) -> None:
        pass


class AtomicFileWriter(StreamWriter):
    """Writes a temp file beside `path` and renames it into place on success, so a reader never sees
    a half-written file and a failed run leaves the previous file as it was."""

    def __init__(self, path: str, pretty: bool = False):
        directory = os.path.dirname(os.path.abspath(path))
        fd, self._tmp_path = tempfile.mkstemp(prefix=".clipper-", suffix=".tmp", dir=directory)
        super().__init__(os.fdopen(fd, "w", encoding="utf-8"), pretty)
        self.path = path

    def close(self, ok: bool = True) -> None:
        if self._out.closed:
            return
        if ok:
            self._out.flush()
            os.fsync(self._out.fileno())
            self._out.close()
            os.replace(self._tmp_path, self.path)
        else:
            self._out.close()
            os.unlink(self._tmp_path)


class AppendingWriter(StreamWriter):
    """Appends to `path` after cutting it back to `committed_bytes`: records written after the last
    commit of an interrupted run belong to inputs the state does not list as ingested, and those
    inputs are about to be ingested again. A file shorter than that (rotated or emptied by someone)
    is appended to as it is."""

    def __init__(self, path: str, committed_bytes: int, pretty: bool = False):
        out = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (closed in close())
        size = os.fstat(out.fileno()).st_size
        self.dropped_bytes = max(0, size - committed_bytes)
        if self.dropped_bytes:
            out.truncate(committed_bytes)
        super().__init__(out, pretty)
        self.path = path

    def checkpoint(self) -> int:
        self._out.flush()
        os.fsync(self._out.fileno())
        return os.fstat(self._out.fileno()).st_size

    def close(self, ok: bool = True) -> None:
        self._out.close()


def open_writer(path: str | None, pretty: bool = False, committed_bytes: int | None = None) -> StreamWriter:
    """stdout for None or '-'; an AppendingWriter when a committed length is given; else atomic."""
    if not path or path == "-":
        return StreamWriter(pretty=pretty)
    if committed_bytes is not None:
        return AppendingWriter(path, committed_bytes, pretty)
    return AtomicFileWriter(path, pretty)
