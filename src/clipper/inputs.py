"""Finding inputs: the files under the given paths, in sorted order, and their bytes.

Directories are walked (iteratively: a tree a thousand levels deep is no problem) in sorted order;
hidden entries and the `NAME_files/` asset folders browsers save beside pages are skipped. A
symbolic link inside a folder is followed only while its target stays inside the folders given
(`follow_links` lifts that: a link to /etc must not ingest /etc/shadow). Named pipes, sockets and
devices inside a folder are reported, never opened (opening a FIFO blocks). File names that are not
valid UTF-8 are kept as the operating system gives them (surrogate escapes) for opening, and shown
with `display_path` wherever they are written out.
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import InputError

# Saved article pages run 0.05-1 MB (the largest fixture: 1 MB); single-file saves with inlined
# images reach tens of MB. 20 MB admits nearly all of them and keeps a worker's peak near 350 MB.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_NOT_FILES = ((stat.S_ISFIFO, "named pipe (FIFO)"), (stat.S_ISSOCK, "socket"),
              (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"))


@dataclass(frozen=True)
class Found:
    path: str  # as the operating system takes it (may hold surrogate escapes)
    problem: InputError | None = None  # found while walking: it will not be read


def display_path(path: str) -> str:
    """The path as valid text: bytes of a non-UTF-8 file name become \\xNN (JSON and SQLite take only valid text)."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def iter_inputs(paths: list[str | os.PathLike], *, follow_links: bool = False) -> Iterator[Found]:
    """Every file to ingest under `paths`, or a path with the reason it cannot be ingested.
    A path given by name is read even when it is a link; links found inside folders are judged."""
    seen_dirs: set[tuple[int, int]] = set()
    roots = []
    for given in paths:
        try:
            roots.append(os.path.realpath(os.fspath(given)))
        except (OSError, ValueError):
            pass
    for given in paths:
        path = os.fspath(given)
        try:
            st = os.stat(path)
        except (OSError, ValueError) as exc:
            yield Found(path, _os_error(exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, seen_dirs, None if follow_links else roots)
        else:
            yield Found(path)


def _walk(top: str, seen_dirs: set[tuple[int, int]], roots: list[str] | None) -> Iterator[Found]:
    pending: list[Iterator[os.DirEntry]] = []  # the sorted entries left in each open folder, innermost last
    listed = _list(top, seen_dirs)
    if isinstance(listed, Found):
        yield listed
        return
    pending.append(listed)
    while pending:
        entry = next(pending[-1], None)
        if entry is None:
            pending.pop()
            continue
        if entry.name.startswith(".") or entry.name.startswith("~$"):
            continue
        found = _judge(entry, roots)
        if found is not None:
            yield found
        elif not entry.name.endswith(("_files", "-filer")):  # assets saved beside a page ("Save page as, complete")
            listed = _list(entry.path, seen_dirs)
            if isinstance(listed, Found):
                yield listed
            else:
                pending.append(listed)


def _list(directory: str, seen_dirs: set[tuple[int, int]]) -> Iterator[os.DirEntry] | Found:
    try:
        st = os.stat(directory)
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            return Found(directory, InputError(
                "symlink_loop", "directory already visited (symlink loop); not walked again"))
        seen_dirs.add(key)
        with os.scandir(directory) as scan:
            return iter(sorted(scan, key=lambda e: e.name))
    except (OSError, ValueError) as exc:
        return Found(directory, _os_error(exc))


def _judge(entry: os.DirEntry, roots: list[str] | None) -> Found | None:
    """None for a directory to walk."""
    try:
        if entry.is_symlink() and roots is not None and not _inside(os.path.realpath(entry.path), roots):
            return Found(entry.path, InputError(
                "link_outside", "symbolic link to outside the folders given; not followed (see --follow-links)"))
        st = entry.stat()  # follows links
    except (OSError, ValueError) as exc:
        return Found(entry.path, _os_error(exc))
    if stat.S_ISDIR(st.st_mode):
        return None
    for test, what in _NOT_FILES:
        if test(st.st_mode):
            return Found(entry.path, InputError("unsupported", f"{what}, not a file; not read"))
    return Found(entry.path)


def _inside(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _os_error(exc: OSError | ValueError) -> InputError:
    if isinstance(exc, ValueError):  # a NUL byte in a name given on a list
        return InputError("not_found", f"not a usable path ({exc})")
    if exc.errno == errno.ELOOP:
        return InputError("symlink_loop", "symbolic link loop")
    if exc.errno == errno.ENOENT:
        return InputError("not_found", "no such file (it may have vanished during the run)")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError("unreadable", "permission denied")
    if exc.errno == errno.ENAMETOOLONG:
        return InputError("unreadable", "path too long (folders nested too deeply)")
    return InputError("unreadable", exc.strerror or str(exc))


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    try:
        with open(path, "rb", opener=_open_without_waiting) as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError("unsupported", "not a regular file")
            if st.st_size > max_bytes:
                raise InputError("too_large", f"{st.st_size} bytes is over the --max-bytes limit of {max_bytes}")
            data = fh.read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        raise _os_error(exc) from None
    if len(data) > max_bytes:  # grew while we read it
        raise InputError("too_large", f"over the --max-bytes limit of {max_bytes}")
    return data


def _open_without_waiting(path: str, flags: int) -> int:
    # Opening a named pipe blocks until someone writes to it; non-blocking, it opens at once and
    # is then refused as not a regular file. Reads from a regular file ignore the flag.
    return os.open(path, flags | os.O_NONBLOCK)
