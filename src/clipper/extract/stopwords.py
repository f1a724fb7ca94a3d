"""Scandinavian stop words (package data) and the stop-word density that tells prose from page furniture."""
from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

LANGUAGES = ("sv", "da", "no")
_WORD = re.compile(r"\w+(?:-\w+)*")


@cache
def stopwords(language: str) -> frozenset[str]:
    text = resources.files("clipper").joinpath(f"data/stopwords/{language}.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _all_stopwords() -> frozenset[str]:
    return frozenset().union(*(stopwords(lang) for lang in LANGUAGES))


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def is_stopword(word: str) -> bool:
    return word.lower() in _all_stopwords()


def stopword_density(text: str) -> float:
    """Share of the words of `text` that are stop words of its best-matching Scandinavian language."""
    tokens = words(text)
    if not tokens:
        return 0.0
    return max(sum(t in stopwords(lang) for t in tokens) for lang in LANGUAGES) / len(tokens)
