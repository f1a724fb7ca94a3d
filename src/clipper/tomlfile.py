"""Reading the TOML files a user may give (gazetteer, taxonomy) so that every error names the file,
the line and what is wrong, and no input, however odd, ends in a traceback."""
from __future__ import annotations

import re
import tomllib
from typing import Any

from .errors import InputError

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def parse(content: str, origin: str, kind: str) -> dict[str, Any]:
    """The TOML document in content (read from origin); InputError(kind, "ORIGIN: line N: ...") if it is none."""
    try:
        return tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _POSITION.search(message)
        where = f"{origin}: line {position[1]}, column {position[2]}" if position else origin
        raise InputError(kind, f"{where}: not valid TOML: {_POSITION.sub('', message)}") from exc
    except RecursionError as exc:  # tomllib recurses per nesting level: "a = [[[[[…"
        raise InputError(kind, f"{origin}: not valid TOML: arrays or tables nested too deeply") from exc


def read(path: str, kind: str) -> tuple[str, dict[str, Any]]:
    """The text of the file at path and its TOML document."""
    try:
        with open(path, encoding="utf-8") as handle:
            content = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(kind, f"{path}: cannot read {kind} file: {reason}") from exc
    return content, parse(content, path, kind)


def where(origin: str, content: str, *needles: str) -> str:
    """origin with the line of the first needle found in content ("vendors.toml: line 12"), so an error
    about a value points at it; origin alone if none is found."""
    for needle in needles:
        index = content.find(needle) if needle else -1
        if index >= 0:
            return f"{origin}: line {content.count(chr(10), 0, index) + 1}"
    return origin
