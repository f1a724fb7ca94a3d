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
        # The lock is keyed by the file itself, not by the name it was given: a second run reaching
        # the same state through a symbolic link or another relative path must wait its turn.
        self._lock_fd = _lock(os.path.realpath(path) + ".lock", wait) if path else None
        self._output_lock_fd: int | None = None
        try:
            # "" is a private temporary database on disk: its page cache stays small however many texts.
            self._db = sqlite3.connect(path or "", isolation_level="DEFERRED")
            # WAL: cheap commits, and readers (someone inspecting the state) never block a run.
            # NORMAL sync may lose the last commit on power loss, never on a crash or kill; the
            # output is then cut back to the length that commit before it recorded (see ingest.py).
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            if path:  # bytes flipped inside the file show here, before anything is written
                problems = [row[0] for row in self._db.execute("PRAGMA quick_check(3)")]
                if problems != ["ok"]:
                    raise sqlite3.DatabaseError("; ".join(map(str, problems)))
            self._check_version()
        except (sqlite3.DatabaseError, UnicodeDecodeError, ValueError) as exc:
            self.close()
            raise StateError(f"{path}: not a usable clipper state file ({exc}); "
                             "move it away to start afresh (every input is then ingested again)") from None

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

    def document_sha256(self, path: str, part: str) -> str | None:
        """The SHA-256 the document was last ingested from, None when it is new."""
        row = self._db.execute("SELECT sha256 FROM documents WHERE path = ? AND part = ?", (path, part)).fetchone()
        return row[0] if row else None

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

    def claim_output(self, output_path: str) -> None:
        """Make this state the owner of the output file at `output_path` (a real path), which it
        appends to and cuts back: a second state doing the same to one file would cut the first
        one's records. The owner is written in a hidden file beside the output, locked while this
        state is open. Raises StateLocked when another run is writing the output, StateError when
        another state owns it."""
        assert self.path, "only a state file on disk can own an output"
        owner_path = output_owner_file(output_path)
        fd = _lock_owner_file(owner_path, output_path)
        owner = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()
        if owner and owner != os.path.realpath(self.path):
            os.close(fd)
            raise StateError(f"{output_path} is written by the state file {owner}; use that --state, or "
                             f"another -o (if that state is gone, remove {owner_path} to hand the file over)")
        if not owner:
            os.pwrite(fd, f"{os.path.realpath(self.path)}\n".encode(), 0)
        self._output_lock_fd = fd

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
        for fd in (self._output_lock_fd, self._lock_fd):
            if fd is not None:
                os.close(fd)  # releases the lock
        self._lock_fd = self._output_lock_fd = None

    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _known(row: tuple) -> KnownText:
    text_id, path, shingles, blob = row
    return KnownText(text_id, path, Signature.from_bytes(blob, shingles) if blob else None)


def output_owner_file(output_path: str) -> str:
    """The hidden file beside an output that names the state owning it (see State.claim_output)."""
    directory, name = os.path.split(output_path)
    return os.path.join(directory, f".{name}.clipper-owner")


def output_owner(output_path: str) -> str | None:
    """The state file that owns the output at `output_path` (a real path), if any."""
    try:
        with open(output_owner_file(output_path), encoding="utf-8", errors="replace") as fh:
            return fh.read().strip() or None
    except OSError:
        return None


def _lock(lock_path: str, wait: bool) -> int:
    """An exclusive flock on STATE.lock (not on the database itself: SQLite's own POSIX locks on it
    would be dropped if we closed another descriptor of that file). The holder's pid is written in
    it for the message a second run prints."""
    fd = _open_lock_file(lock_path)
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


def _lock_owner_file(owner_path: str, output_path: str) -> int:
    fd = _open_lock_file(owner_path)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise StateLocked(f"another clipper run is writing {output_path}; try again later") from None
    return fd


def _open_lock_file(path: str) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StateError(f"{path}: cannot create lock file ({exc.strerror})") from None
