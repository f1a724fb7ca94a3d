"""Boilerplate cues (teasers, ads, comment prompts, menus, footers) from package data, shared by the
HTML and plain-text extractors."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_TRIM = re.compile(r"^[\s•·*\-–—|>]+|[\s.:!?|]+$")
_DEFAULT_CONTAINS_MAX_WORDS = 20
# An image gallery's position counter ("1/3") on a line of its own.
_GALLERY_COUNTER = re.compile(r"\d{1,3}\s*/\s*\d{1,3}")
# A share bar copied as one line: "Följ Mejla Dela Spara".
_SHARE_BAR_MAX_WORDS = 6


@dataclass(frozen=True)
class Cues:
    prefixes: tuple[tuple[str, str], ...]  # (lower-cased prefix, kind)
    exact: dict[str, str]
    contains: tuple[tuple[re.Pattern[str], int, str], ...] = ()  # (phrase, most words of a paragraph, kind)
    ends_article: frozenset[str] = frozenset()  # kinds that open a section after the article
    marks_next_block: frozenset[str] = frozenset()  # kinds whose bare label covers the next block
    ad_voice: frozenset[str] = frozenset()  # words by which ad copy speaks to the reader and of itself
    share_bar: frozenset[str] = frozenset()  # kinds whose one-word cues, several on a line, are a bar of buttons
    owns_prose_beside: frozenset[str] = frozenset()  # kinds whose prompt owns the reader-addressing prose beside it


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    data = tomllib.loads(resources.files("clipper").joinpath("data/boilerplate.toml").read_text("utf-8"))
    ad_voice = frozenset(data.pop("ad_voice", []))
    prefixes, exact, contains = [], {}, []
    for kind, table in data.items():
        prefixes += [(p.lower(), kind) for p in table.get("prefixes", [])]
        exact.update({e.lower(): kind for e in table.get("exact", [])})
        max_words = table.get("contains_max_words", _DEFAULT_CONTAINS_MAX_WORDS)
        contains += [(_phrase(c), max_words, kind) for c in table.get("contains", [])]
    prefixes.sort(key=lambda pk: -len(pk[0]))
    return Cues(
        tuple(prefixes),
        exact,
        tuple(contains),
        frozenset(kind for kind, table in data.items() if table.get("ends_article")),
        frozenset(kind for kind, table in data.items() if table.get("marks_next_block")),
        ad_voice,
        frozenset(kind for kind, table in data.items() if table.get("share_bar")),
        frozenset(kind for kind, table in data.items() if table.get("owns_prose_beside")),
    )


def _phrase(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(text.lower()) + r"(?!\w)")


def boilerplate_cue(paragraph: str, cues: Cues | None = None) -> str | None:
    """The kind of boilerplate a paragraph is cued as ('teaser', 'ad', ...), or None."""
    cues = cues or default_cues()
    lowered = paragraph.strip().lower()
    trimmed = _TRIM.sub("", lowered)
    if trimmed in cues.exact:
        return cues.exact[trimmed]
    if _GALLERY_COUNTER.fullmatch(trimmed):
        return "gallery"
    button_words = trimmed.split()
    if 1 < len(button_words) <= _SHARE_BAR_MAX_WORDS and all(cues.exact.get(w) in cues.share_bar for w in button_words):
        return cues.exact[button_words[0]]
    head = lowered.lstrip(" •·*-–—|>\t")
    for prefix, kind in cues.prefixes:
        if head.startswith(prefix):
            return kind
    if cues.contains:
        n_words = len(lowered.split())
        for phrase, max_words, kind in cues.contains:
            if n_words <= max_words and phrase.search(lowered):
                return kind
    return None


def has_ad_voice(paragraph: str, cues: Cues | None = None) -> bool:
    """Does the paragraph, outside a quote, speak to the reader or of its sender ("rustar dig", "våra kurser")?"""
    cues = cues or default_cues()
    if paragraph.lstrip().startswith(("–", "-", "—", "»", '"', "”")):
        return False
    return any(word in cues.ad_voice for word in re.findall(r"\w+", paragraph.lower()))


def is_bare_label(paragraph: str, cues: Cues | None = None) -> bool:
    """Is the paragraph nothing but a cue word ("Annons"), i.e. a label for what follows it?"""
    cues = cues or default_cues()
    return _TRIM.sub("", paragraph.strip().lower()) in cues.exact
