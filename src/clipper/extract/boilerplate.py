"""Boilerplate cues (teasers, ads, comment prompts, menus, footers) from package data, shared by the
HTML and plain-text extractors."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_TRIM = re.compile(r"^[\s•·*\-–—|>]+|[\s.:!?|]+$")


@dataclass(frozen=True)
class Cues:
    prefixes: tuple[tuple[str, str], ...]  # (lower-cased prefix, kind)
    exact: dict[str, str]


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    data = tomllib.loads(resources.files("clipper").joinpath("data/boilerplate.toml").read_text("utf-8"))
    prefixes, exact = [], {}
    for kind, table in data.items():
        prefixes += [(p.lower(), kind) for p in table.get("prefixes", [])]
        exact.update({e.lower(): kind for e in table.get("exact", [])})
    prefixes.sort(key=lambda pk: -len(pk[0]))
    return Cues(tuple(prefixes), exact)


def boilerplate_cue(paragraph: str, cues: Cues | None = None) -> str | None:
    """The kind of boilerplate a paragraph is cued as ('teaser', 'ad', ...), or None."""
    cues = cues or default_cues()
    lowered = paragraph.strip().lower()
    trimmed = _TRIM.sub("", lowered)
    if trimmed in cues.exact:
        return cues.exact[trimmed]
    head = lowered.lstrip(" •·*-–—|>\t")
    for prefix, kind in cues.prefixes:
        if head.startswith(prefix):
            return kind
    return None
