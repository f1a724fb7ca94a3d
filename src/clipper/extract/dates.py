"""Datelines of Scandinavian web pages: "| 2019-10-08", "8 oktober 2019", "den 8. okt. 2019 kl. 14.32",
"Publisert 08.10.2019". Month names and dateline words are package data."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

_ISO = r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
# Day first, as Scandinavians write it; a two-digit year ("15.10.24") is this century's.
_NUMERIC = r"(?P<nd>\d{1,2})[./-](?P<nm>\d{1,2})[./-](?P<ny>\d{4}|\d{2}(?![\d.]))"
_TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?![\d.]\d)")
_PUNCT = re.compile(r"[\s|,.:;/()\[\]·•–—-]+")


@dataclass(frozen=True)
class Dateline:
    published: str  # ISO date
    updated_only: bool  # the line only says when the page was last changed
    rest: str  # what is left of the line besides the date, its time and dateline words


@dataclass(frozen=True)
class _Vocabulary:
    date: re.Pattern[str]
    months: dict[str, int]
    published_labels: tuple[str, ...]
    published: re.Pattern[str]
    updated: re.Pattern[str]
    filler: re.Pattern[str]


def _words(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)\.?", re.I)


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    data = tomllib.loads(resources.files("clipper").joinpath("data/dates.toml").read_text("utf-8"))
    months = {
        name.lower(): int(number)
        for language in data["months"].values()
        for number, names in language.items()
        for name in names
    }
    month_names = "|".join(sorted(months, key=len, reverse=True))
    textual = rf"(?P<td>\d{{1,2}})\.?\s*(?P<tm>{month_names})\.?,?\s+(?P<ty>\d{{4}})"
    labels = data["labels"]
    return _Vocabulary(
        date=re.compile(rf"(?<![\w-])(?:{_ISO}|{_NUMERIC}|{textual})(?![\w-])", re.I),
        months=months,
        published_labels=tuple(labels["published"]),
        published=_words(labels["published"]),
        updated=_words(labels["updated"]),
        filler=_words(labels["filler"]),
    )


def month_numbers() -> dict[str, int]:
    """Month names and abbreviations of all three languages, lower-cased, to month number."""
    return dict(_vocabulary().months)


def published_labels() -> tuple[str, ...]:
    """Words that label a date as the page's first publication ("Publicerad", "Oprindeligt publiceret")."""
    return _vocabulary().published_labels


def find_date(text: str) -> str | None:
    """The first valid calendar date written in `text`, as an ISO date."""
    vocabulary = _vocabulary()
    for match in vocabulary.date.finditer(text):
        found = _iso(match, vocabulary)
        if found:
            return found
    return None


def _iso(match: re.Match[str], vocabulary: _Vocabulary) -> str | None:
    g = match.groupdict()
    if g["iy"]:
        parts = (g["iy"], g["im"], g["id"])
    elif g["ny"]:
        year = g["ny"] if len(g["ny"]) == 4 else "20" + g["ny"]
        parts = (year, g["nm"], g["nd"])
    else:
        parts = (g["ty"], vocabulary.months[g["tm"].lower()], g["td"])
    try:
        return date(*(int(p) for p in parts)).isoformat()
    except ValueError:
        return None


def parse_dateline(line: str, max_words: int = 12) -> Dateline | None:
    """A short line that gives a date; `rest` holds whatever else it says (a byline, say)."""
    if len(line.split()) > max_words:
        return None
    vocabulary = _vocabulary()
    published = find_date(line)
    if published is None:
        return None
    rest = vocabulary.date.sub(" ", line)
    rest = _TIME.sub(" ", rest)
    updated_only = bool(vocabulary.updated.search(rest)) and not vocabulary.published.search(rest)
    for words in (vocabulary.updated, vocabulary.published, vocabulary.filler):
        rest = words.sub(" ", rest)
    rest = _PUNCT.sub(" ", rest).strip()
    return Dateline(published, updated_only, rest)
