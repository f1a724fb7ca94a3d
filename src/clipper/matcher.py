"""One-pass multi-term matching (Aho–Corasick) on word boundaries, shared by the entity tagger and
the topic classifier.

Terms match case-insensitively unless added with case_sensitive=True (then the surface form in the
text must equal the term exactly: "Epic" the vendor, not "epic" the adjective). A term added with
prefix=True is a stem: it matches at a word start and the match runs on to the end of that word
("upphandl" finds "upphandlingen"); a longer stem of the same word wins over a shorter one. A term
added with head=True may also close a compound: it matches after a modifier of at least
MIN_MODIFIER letters in the same word, and the match then covers the whole word ("nedbrud" finds
"servernedbrud"). A term added with endings may run on with one of them ("tvist" finds "tvisten").
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import ahocorasick

MIN_MODIFIER = 3  # letters before a compound head: "servernedbrud", not "snedbrud"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    payload: Any


@dataclass(frozen=True)
class _Entry:
    term: str
    payload: Any
    case_sensitive: bool
    prefix: bool
    head: bool
    endings: frozenset[str]


class TermMatcher:
    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._built = False

    def add(self, term: str, payload: Any, *, case_sensitive: bool = False, prefix: bool = False,
            head: bool = False, endings: frozenset[str] = frozenset()) -> None:
        key = term.lower()
        entries = self._automaton.get(key, [])
        entries.append(_Entry(term, payload, case_sensitive, prefix, head and not case_sensitive, endings))
        self._automaton.add_word(key, entries)
        self._built = False

    def __len__(self) -> int:
        return len(self._automaton)

    def finditer(self, text: str) -> Iterator[Match]:
        """All matches, leftmost-longest, non-overlapping, in text order."""
        if not len(self._automaton):
            return
        if not self._built:
            self._automaton.make_automaton()
            self._built = True
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters change length when lowered; keep offsets true
            lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        candidates = []
        for end_index, entries in self._automaton.iter(lowered):
            start = end_index - len(entries[0].term) + 1
            end = end_index + 1
            inside = start > 0 and _is_word_char(text[start - 1])
            word_start = _word_start(text, start) if inside else start
            for entry in entries:
                if inside and not (entry.head and start - word_start >= MIN_MODIFIER
                                   and text[word_start:start].replace("-", "").isalpha()):
                    continue
                stop = _word_end(text, end)
                if not entry.prefix and stop > end and text[end:stop].lower() not in entry.endings:
                    continue
                if entry.case_sensitive and text[start:end] != entry.term:
                    continue
                candidates.append((word_start, stop, end - start, entry))
        # Leftmost-longest without overlaps. Among equal spans (stems run on to the end of the word) the
        # longest term wins, "udbudskonkurrent" over "udbud"; then the first added.
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), -c[2]))
        last_end = -1
        for start, stop, _, entry in candidates:
            if start < last_end:
                continue
            last_end = stop
            yield Match(start, stop, text[start:stop], entry.payload)


def _word_start(text: str, pos: int) -> int:
    """Where the word holding text[pos - 1] starts; a hyphen inside a compound ("it-nedbrud") joins."""
    while pos > 0 and (_is_word_char(text[pos - 1]) or text[pos - 1] == "-" and pos > 1
                       and _is_word_char(text[pos - 2])):
        pos -= 1
    return pos


def _word_end(text: str, pos: int) -> int:
    while pos < len(text) and _is_word_char(text[pos]):
        pos += 1
    return pos


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
