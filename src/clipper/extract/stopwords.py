"""Stop words (Scandinavian ones as package data, other languages from jusText) and the stop-word density that
tells prose from page furniture."""
from __future__ import annotations

import importlib.util
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

LANGUAGES = ("sv", "da", "no")
_WORD = re.compile(r"\w+(?:-\w+)*")
# Another language's stoplist is used only when it covers more of the text's words than ours do by this margin:
# a Danish text also has some English stop words ("i", "at"), an English one few Danish.
_FOREIGN_MARGIN = 0.05


@cache
def stopwords(language: str) -> frozenset[str]:
    text = resources.files("clipper").joinpath(f"data/stopwords/{language}.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _all_stopwords() -> frozenset[str]:
    return frozenset().union(*(stopwords(lang) for lang in LANGUAGES))


@lru_cache(maxsize=1)
def _other_stoplists() -> tuple[frozenset[str], ...]:
    """jusText's stoplists (installed with trafilatura) of the languages we read, as justext.get_stoplist reads
    them, from its files: importing justext (and lxml with it) would cost a text clipping's run more than
    reading the lists."""
    spec = importlib.util.find_spec("justext")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("justext (installed with trafilatura) is missing")
    folder = Path(spec.submodule_search_locations[0], "stoplists")
    return tuple(frozenset(line.decode("utf8").lower() for line in (folder / f"{name}.txt").read_bytes().splitlines())
                 # in a fixed order: of two lists that cover a text alike, the first is taken, in every process
                 for name in sorted(stopwords("other_languages")))


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def is_stopword(word: str) -> bool:
    return word.lower() in _all_stopwords()


def _coverage(tokens: list[str], stoplist: frozenset[str]) -> float:
    return sum(t in stoplist for t in tokens) / len(tokens) if tokens else 0.0


def foreign_stopwords(text: str) -> frozenset[str]:
    """The stop words of the language beyond our three that the whole `text` is written in (an English or
    German clipping), or none when a Scandinavian stoplist covers it as well."""
    tokens = words(text)
    ours = max(_coverage(tokens, stopwords(lang)) for lang in LANGUAGES)
    coverage, best = max(((_coverage(tokens, s), s) for s in _other_stoplists()), key=lambda cs: cs[0])
    return best if coverage > ours + _FOREIGN_MARGIN else frozenset()


def stopword_density(text: str, foreign: frozenset[str] = frozenset()) -> float:
    """Share of the words of `text` that are stop words of its best-matching language: one of our three, or the
    text's own (`foreign_stopwords`)."""
    tokens = words(text)
    if not tokens:
        return 0.0
    lists = [stopwords(lang) for lang in LANGUAGES] + ([foreign] if foreign else [])
    return max(sum(t in stoplist for t in tokens) for stoplist in lists) / len(tokens)
