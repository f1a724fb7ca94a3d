"""A state file written by the clipper before documents had parts (schema 1) keeps working."""
import sqlite3

from clipper.state import STATE_SCHEMA_VERSION, State


def test_schema_1_state_is_migrated_and_its_files_stay_unchanged(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '1');
        CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT,
                            record_id TEXT, error TEXT, ingested_at TEXT);
        INSERT INTO files VALUES ('/in/a.html', 120, 17, 'abc', 'id1', NULL, '2025-01-01T00:00:00Z');
        INSERT INTO files VALUES ('/in/empty.txt', 0, 18, 'e3b0', NULL, 'empty', '2025-01-01T00:00:00Z');
    """)
    db.commit()
    db.close()
    with State(str(path)) as state:
        entry = state.file_entry("/in/a.html")
        assert (entry.size, entry.mtime_ns, entry.sha256) == (120, 17, "abc")
        assert state.known_documents("/in/a.html") == {"": "abc"}
        assert state.known_documents("/in/empty.txt") == {"": "e3b0"}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta").fetchone() == (str(STATE_SCHEMA_VERSION),)
