"""What earlier runs ingested, in an SQLite file (standard library), and the lock that keeps cron
runs from overlapping.

Tables:
- files: one row per input path read to the end (size, mtime, sha256 of the bytes), so an
  unchanged file is skipped unread on the next run;
- documents: one row per document taken from an input, keyed by (path, part) (part "" for a file
  that is one document), with the sha256 of its bytes and its record id or error type: a container
  that changed (a WARC appended to, an mbox with new mail) yields only its new documents, and one
  whose reading was cut short by a kill is resumed where its committed documents end;
- texts and bands: the first-seen record of every text, with its MinHash signature and LSH band
  keys, so duplicates are recognised across runs;
- outputs: for each -o FILE, how many of its bytes belong to committed batches.

Everything a batch changes commits in one transaction (`commit`). Without a state file the same
tables live in a temporary database, which gives duplicate detection within the run.
"""
from __future__ import annotations

import fcntl
import os
import sqlite3
from dataclasses import dataclass

from .dedup import Signature

STATE_SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT);
CREATE TABLE IF NOT EXISTS documents (
    path TEXT NOT NULL, part TEXT NOT NULL, sha256 TEXT, record_id TEXT, error TEXT, ingested_at TEXT,
    PRIMARY KEY (path, part)
);
CREATE TABLE IF NOT EXISTS texts (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT NOT NULL,
    shingles INTEGER, minhashes BLOB
);
CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (key, seq))
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, committed_bytes INTEGER NOT NULL);
"""


class StateError(Exception):
    """The state file cannot be used (not a clipper state, newer schema, unreadable)."""


class StateLocked(StateError):
    """Another run holds the lock on this state file."""


@dataclass(frozen=True)
class FileEntry:
    size: int | None
    mtime_ns: int | None
    sha256: str | None


@dataclass(frozen=True)
class KnownText:
    id: str
    path: str
    signature: Signature | None


class State:
    def __init__(self, path: str | None = None, *, wait: bool = False):
        """Open (creating if needed) the state at `path`, or a temporary one for None. Takes the
        lock first: raises StateLocked at once, or blocks until it is free when `wait`."""
        self.path = path
        self._lock_fd = _lock(path + ".lock", wait) if path else None
        try:
            # "" is a private temporary database on disk: its page cache stays small however many texts.
            self._db = sqlite3.connect(path or "", isolation_level="DEFERRED")
            # WAL: cheap commits, and readers (someone inspecting the state) never block a run.
            # NORMAL sync may lose the last commit on power loss, never on a crash or kill; the
            # output is then cut back to the length that commit before it recorded (see ingest.py).
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._check_version()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StateError(f"{path}: not a usable clipper state file ({exc})") from None

    def _check_version(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(STATE_SCHEMA_VERSION),))
            self._db.commit()
        elif row[0] == "1":
            self._migrate_from_1()
        elif int(row[0]) != STATE_SCHEMA_VERSION:
            raise StateError(f"{self.path}: state schema {row[0]}, this clipper reads {STATE_SCHEMA_VERSION}")

    def _migrate_from_1(self) -> None:
        """Schema 1 kept one row per file, its record's too: the file is now the document at part ""."""
        self._db.executescript("""
            BEGIN;
            INSERT OR IGNORE INTO documents SELECT path, '', sha256, record_id, error, ingested_at FROM files;
            CREATE TABLE files_2 (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT);
            INSERT INTO files_2 SELECT path, size, mtime_ns, sha256 FROM files;
            DROP TABLE files;
            ALTER TABLE files_2 RENAME TO files;
            UPDATE meta SET value = '2' WHERE key = 'schema_version';
            COMMIT;
        """)

    # --- inputs -------------------------------------------------------------------------------

    def file_entry(self, path: str) -> FileEntry | None:
        row = self._db.execute("SELECT size, mtime_ns, sha256 FROM files WHERE path = ?", (path,)).fetchone()
        return FileEntry(*row) if row else None

    def remember_file(self, path: str, size: int | None, mtime_ns: int | None, sha256: str | None) -> None:
        self._db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (path, size, mtime_ns, sha256))

    def known_documents(self, path: str) -> dict[str, str | None]:
        """part → sha256 of every document taken from this input."""
        return dict(self._db.execute("SELECT part, sha256 FROM documents WHERE path = ?", (path,)).fetchall())

    def remember_document(self, path: str, part: str, sha256: str | None, record_id: str | None,
                          error: str | None, ingested_at: str | None) -> None:
        self._db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                         (path, part, sha256, record_id, error, ingested_at))

    def touch_file(self, path: str, mtime_ns: int) -> None:
        self._db.execute("UPDATE files SET mtime_ns = ? WHERE path = ?", (mtime_ns, path))

    # --- texts, for duplicates ----------------------------------------------------------------

    def known_text(self, text_id: str) -> KnownText | None:
        row = self._db.execute("SELECT id, path, shingles, minhashes FROM texts WHERE id = ?", (text_id,)).fetchone()
        return _known(row) if row else None

    def band_candidates(self, keys: list[int]) -> list[KnownText]:
        """Texts sharing at least one band key, first seen first."""
        marks = ",".join("?" * len(keys))
        rows = self._db.execute(
            f"SELECT id, path, shingles, minhashes FROM texts WHERE seq IN "
            f"(SELECT DISTINCT seq FROM bands WHERE key IN ({marks})) ORDER BY seq",
            keys,
        )
        return [_known(row) for row in rows]

    def remember_text(self, text_id: str, path: str, signature: Signature | None, keys: list[int]) -> None:
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO texts (id, path, shingles, minhashes) VALUES (?, ?, ?, ?)",
            (text_id, path, signature.shingles if signature else None, signature.to_bytes() if signature else None),
        )
        if cursor.rowcount:
            self._db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", [(k, cursor.lastrowid) for k in keys])

    # --- outputs ------------------------------------------------------------------------------

    def committed_bytes(self, output_path: str) -> int | None:
        row = self._db.execute("SELECT committed_bytes FROM outputs WHERE path = ?", (output_path,)).fetchone()
        return row[0] if row else None

    def set_committed_bytes(self, output_path: str, size: int) -> None:
        self._db.execute("INSERT OR REPLACE INTO outputs VALUES (?, ?)", (output_path, size))

    # --- transactions -------------------------------------------------------------------------

    def commit(self) -> None:
        self._db.commit()

    def close(self) -> None:
        """Closes without committing: whatever the current batch changed is rolled back."""
        db: sqlite3.Connection | None = getattr(self, "_db", None)
        if db is not None:
            db.close()
            del self._db
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the lock
            self._lock_fd = None

    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _known(row: tuple) -> KnownText:
    text_id, path, shingles, blob = row
    return KnownText(text_id, path, Signature.from_bytes(blob, shingles) if blob else None)


def _lock(lock_path: str, wait: bool) -> int:
    """An exclusive flock on STATE.lock (not on the database itself: SQLite's own POSIX locks on it
    would be dropped if we closed another descriptor of that file). The holder's pid is written in
    it for the message a second run prints."""
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StateError(f"{lock_path}: cannot create lock file ({exc.strerror})") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        os.close(fd)
        raise StateLocked(
            f"another clipper run (pid {holder or '?'}) holds the lock on {lock_path[: -len('.lock')]}; "
            "try again later, or pass --wait to queue behind it"
        ) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    return fd
