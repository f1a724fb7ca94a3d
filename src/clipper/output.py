"""Stage 6: write records as JSON Lines to stdout (streamed) or to a file (atomically)."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from typing import IO, Any


def dumps(record: dict[str, Any], pretty: bool = False) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2 if pretty else None, sort_keys=False)


class RecordWriter:
    """Writes one JSON document per record. To a file it writes a temp file beside it and renames it
    into place on success, so a reader never sees a half-written file."""

    def __init__(self, path: str | None = None, pretty: bool = False, stream: IO[str] | None = None):
        self.path = path
        self.pretty = pretty
        self._tmp_path: str | None = None
        if path and path != "-":
            directory = os.path.dirname(os.path.abspath(path))
            fd, self._tmp_path = tempfile.mkstemp(prefix=".clipper-", suffix=".tmp", dir=directory)
            self._out: IO[str] = os.fdopen(fd, "w", encoding="utf-8")
        else:
            self._out = stream or sys.stdout

    def write(self, record: dict[str, Any]) -> None:
        self._out.write(dumps(record, self.pretty) + "\n")
        self._out.flush()

    def commit(self) -> None:
        if self._tmp_path:
            self._out.flush()
            os.fsync(self._out.fileno())
            self._out.close()
            os.replace(self._tmp_path, self.path)
            self._tmp_path = None

    def abort(self) -> None:
        if self._tmp_path:
            self._out.close()
            os.unlink(self._tmp_path)
            self._tmp_path = None

    def __enter__(self) -> "RecordWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()
