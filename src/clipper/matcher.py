"""One-pass multi-term matching (Aho–Corasick) on word boundaries, shared by the entity tagger and
the topic classifier.

Terms match case-insensitively unless added with case_sensitive=True (then the surface form in the
text must equal the term exactly: "Epic" the vendor, not "epic" the adjective). A term added with
prefix=True is a stem: it matches at a word start and the match runs on to the end of that word
("upphandl" finds "upphandlingen"); a longer stem of the same word wins over a shorter one. A term
added with head=True may also close a compound: it matches after a modifier of at least
MIN_MODIFIER letters in the same word, and the match then covers the whole word ("nedbrud" finds
"servernedbrud"). A term added with endings may run on with one of them ("tvist" finds "tvisten").

A split term (add_split) is a phrase whose parts may stand apart: up to MAX_GAP_WORDS words between
them, in order, with nothing but spaces between the words (so never across a sentence or clause
end): "skjut* … upp" finds "skjuter införandet av journalsystemet upp". Its match runs from the first
part to the last. It wins over the matches on its parts alone ("tildelt" of "tildel*" in "tildelt
Systematic kontrakten") and yields to a match that reaches beyond a part ("skjuts upp" as written).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import ahocorasick

MIN_MODIFIER = 3  # letters before a compound head: "servernedbrud", not "snedbrud"
MAX_GAP_WORDS = 3  # between the parts of a split term: "skjuter [införandet av journalsystemet] upp"


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
        self._split: list[tuple[str, str, Any]] = []  # first part lowered, pattern, payload
        # compiled on first use: a text holds few of the split terms, and compiling them all cost a
        # one-file run a tenth of its start-up
        self._compiled: dict[str, re.Pattern[str]] = {}

    def add(self, term: str, payload: Any, *, case_sensitive: bool = False, prefix: bool = False,
            head: bool = False, endings: frozenset[str] = frozenset()) -> None:
        key = term.lower()
        entries = self._automaton.get(key, [])
        entries.append(_Entry(term, payload, case_sensitive, prefix, head and not case_sensitive, endings))
        self._automaton.add_word(key, entries)
        self._built = False

    def add_split(self, parts: list[tuple[str, bool]], payload: Any, *, endings: frozenset[str] = frozenset()) -> None:
        """A phrase of `parts` (text, is a stem) that may have words between them; case-insensitive."""
        ending = "(?:" + "|".join(map(re.escape, sorted(endings, key=len, reverse=True))) + ")?" if endings else ""
        gap = rf"(?:\s+[\w-]+){{0,{MAX_GAP_WORDS}}}\s+"
        pattern = gap.join(
            f"(?P<p{i}>" + r"\s+".join(map(re.escape, part.split())) + (r"\w*" if stem else ending + r"(?!\w)") + ")"
            for i, (part, stem) in enumerate(parts))
        self._split.append((parts[0][0].split()[0].lower(), r"(?<!\w)" + pattern, payload))

    def __len__(self) -> int:
        return len(self._automaton) + len(self._split)

    def finditer(self, text: str) -> Iterator[Match]:
        """All matches, leftmost-longest, non-overlapping, in text order (a split term's gap may hold
        other matches)."""
        whole = list(self._whole_matches(text))
        splits: list[tuple[Match, list[tuple[int, int]]]] = []
        lowered = text.lower()
        for first, pattern, payload in self._split:
            if first not in lowered:  # a cheap test first: most texts hold few of the split terms
                continue
            compiled = self._compiled.get(pattern)
            if compiled is None:
                compiled = self._compiled[pattern] = re.compile(pattern, re.IGNORECASE)
            for found in compiled.finditer(text):
                parts = [found.span(name) for name in found.groupdict()]
                splits.append((Match(found.start(), found.end(), found.group(), payload), parts))
        splits.sort(key=lambda s: (s[0].start, -(s[0].end - s[0].start)))
        whole_ends = [m.end for m in whole]  # the whole matches do not overlap: their ends rise with their starts
        taken: list[tuple[int, int]] = []  # the parts of the split matches kept, in text order
        dropped: set[int] = set()  # whole matches that lie on a kept split match's part
        kept: list[Match] = []
        for match, parts in splits:
            if any(_overlaps_any(part, taken) for part in parts):
                continue
            on_parts = [(i, part) for part in parts for i in _overlapping(part, whole, whole_ends)]
            if any(not (part[0] <= whole[i].start and whole[i].end <= part[1]) for i, part in on_parts):
                continue  # a match reaches beyond a part: "skjuts upp" as written
            for part in parts:
                bisect.insort(taken, part)
            dropped.update(i for i, _ in on_parts)
            kept.append(match)
        whole = [m for i, m in enumerate(whole) if i not in dropped]
        yield from sorted(whole + kept, key=lambda m: m.start)

    def _whole_matches(self, text: str) -> Iterator[Match]:
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


def _overlapping(span: tuple[int, int], matches: list[Match], ends: list[int]) -> Iterator[int]:
    """The indexes of the matches (in text order, not overlapping; `ends` their ends) that overlap span."""
    i = bisect.bisect_right(ends, span[0])
    while i < len(matches) and matches[i].start < span[1]:
        yield i
        i += 1


def _overlaps_any(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether span overlaps one of `spans` (sorted, not overlapping)."""
    i = bisect.bisect_right(spans, (span[0], span[0]))
    return any(start < span[1] and span[0] < end for start, end in spans[max(i - 1, 0):i + 1])


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
