"""Boilerplate cues (teasers, ads, comment prompts, menus, footers) from package data, shared by the
HTML and plain-text extractors."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ahocorasick

_TRIM = re.compile(r"^[\s•·*\-–—|>]+|[\s.:!?|]+$")
_DEFAULT_CONTAINS_MAX_WORDS = 20
# An image gallery's position counter ("1/3") on a line of its own.
_GALLERY_COUNTER = re.compile(r"\d{1,3}\s*/\s*\d{1,3}")
# A share bar copied as one line: "Följ Mejla Dela Spara".
_SHARE_BAR_MAX_WORDS = 6
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Cues:
    prefixes: tuple[tuple[str, str], ...]  # (lower-cased prefix, kind)
    exact: dict[str, str]
    contains: tuple[tuple[str, int, str], ...] = ()  # (lower-cased phrase, most words of a paragraph, kind)
    ends_article: frozenset[str] = frozenset()  # kinds that open a section after the article
    marks_next_block: frozenset[str] = frozenset()  # kinds whose bare label covers the next block
    ad_voice: frozenset[str] = frozenset()  # words by which ad copy speaks to the reader and of itself
    share_bar: frozenset[str] = frozenset()  # kinds whose one-word cues, several on a line, are a bar of buttons
    owns_prose_beside: frozenset[str] = frozenset()  # kinds whose prompt owns the reader-addressing prose beside it
    governs_list: frozenset[str] = frozenset()  # kinds whose bare label heads a list widget
    # Built from the above: trying 200 prefixes and 100 phrase patterns one by one cost ~100 µs a paragraph.
    _prefix_first: dict[str, tuple[int, str]] = field(init=False, repr=False, compare=False)  # prefix → (rank, kind)
    _prefix_lengths: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _phrases: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)
    _phrase_finder: ahocorasick.Automaton | None = field(init=False, repr=False, compare=False)
    _most_phrase_words: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        first: dict[str, tuple[int, str]] = {}
        for rank, (prefix, kind) in enumerate(self.prefixes):
            first.setdefault(prefix, (rank, kind))
        finder = None
        if self.contains:
            # a phrase pattern can only match where its words occur as a substring: one pass finds those
            finder = ahocorasick.Automaton()
            for index, (phrase, _, _) in enumerate(self.contains):
                finder.add_word(phrase, finder.get(phrase, ()) + (index,))
            finder.make_automaton()
        object.__setattr__(self, "_prefix_first", first)
        object.__setattr__(self, "_prefix_lengths", tuple(sorted({len(p) for p in first})))
        object.__setattr__(self, "_phrases", tuple(_phrase(phrase) for phrase, _, _ in self.contains))
        object.__setattr__(self, "_phrase_finder", finder)
        object.__setattr__(self, "_most_phrase_words", max((m for _, m, _ in self.contains), default=0))

    def prefix_kind(self, head: str) -> str | None:
        """The kind of the first of `prefixes` that `head` starts with."""
        matches = [self._prefix_first[head[:n]] for n in self._prefix_lengths if n <= len(head)
                   and head[:n] in self._prefix_first]
        return min(matches)[1] if matches else None

    def opens_with(self, head: str, kind: str) -> bool:
        """Does the lower-cased `head` start with a prefix or a phrase of `kind`?"""
        return self.prefix_kind(head) == kind or any(
            k == kind and self._phrases[i].match(head) for i, (_, _, k) in enumerate(self.contains))

    def phrase_kind(self, lowered: str) -> str | None:
        """The kind of the first of `contains` found in `lowered` (a whole phrase, in a short enough paragraph)."""
        if self._phrase_finder is None:
            return None
        n_words = len(lowered.split())
        if n_words > self._most_phrase_words:
            return None  # too long for any phrase cue: body prose, most paragraphs
        occurring = sorted({i for _, indexes in self._phrase_finder.iter(lowered) for i in indexes})
        for index in occurring:
            _, max_words, kind = self.contains[index]
            if n_words <= max_words and self._phrases[index].search(lowered):
                return kind
        return None


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    data = tomllib.loads(resources.files("clipper").joinpath("data/boilerplate.toml").read_text("utf-8"))
    ad_voice = frozenset(data.pop("ad_voice", []))
    prefixes, exact, contains = [], {}, []
    for kind, table in data.items():
        prefixes += [(p.lower(), kind) for p in table.get("prefixes", [])]
        exact.update({e.lower(): kind for e in table.get("exact", [])})
        max_words = table.get("contains_max_words", _DEFAULT_CONTAINS_MAX_WORDS)
        contains += [(c.lower(), max_words, kind) for c in table.get("contains", [])]
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
        frozenset(kind for kind, table in data.items() if table.get("governs_list")),
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
    return cues.prefix_kind(head) or cues.phrase_kind(lowered)


def has_ad_voice(paragraph: str, cues: Cues | None = None) -> bool:
    """Does the paragraph, outside a quote, speak to the reader or of its sender ("rustar dig", "våra kurser")?"""
    cues = cues or default_cues()
    if paragraph.lstrip().startswith(("–", "-", "—", "»", '"', "”")):
        return False
    return any(word in cues.ad_voice for word in re.findall(r"\w+", paragraph.lower()))


def opens_sentence(paragraph: str, kind: str, cues: Cues | None = None) -> bool:
    """Does a sentence of the paragraph open with a cue of `kind`? A prompt speaks in the imperative ("Logg inn
    for å kommentere", "Allerede abonnent? Logg inn ..."); news says the same words after its subject ("Legene
    må logge inn på nytt ...")."""
    cues = cues or default_cues()
    return any(cues.opens_with(_TRIM.sub("", s.lower()), kind) for s in _SENTENCE_BREAK.split(paragraph.strip()))


def is_bare_label(paragraph: str, cues: Cues | None = None) -> bool:
    """Is the paragraph nothing but a cue word ("Annons"), i.e. a label for what follows it?"""
    cues = cues or default_cues()
    return _TRIM.sub("", paragraph.strip().lower()) in cues.exact
