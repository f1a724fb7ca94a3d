"""The one date grammar: datelines of web pages and text clippings ("| 2019-10-08", "8 oktober 2019",
"den 8. okt. 2019 kl. 14.32", "Publisert 08.10.2019", "March 12, 2024", "I går 14:03", "Publicerad i tisdags",
"Uppdaterad 13 mars, publicerad 12 mars") and the timestamps of page metadata. Words are package data
(data/dates.toml). Relative dates and dates without a year are read against a reference date the caller
passes (the file's modification time, the e-mail's date): no clock in here."""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources

_ISO = r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
# Day first, as Scandinavians write it; a two-digit year ("15.10.24") is this century's.
_NUMERIC = r"(?P<nd>\d{1,2})[./-](?P<nm>\d{1,2})[./-](?P<ny>\d{4}|\d{2}(?![\d.]))"
# "12/3 2024", as Swedes also write it.
_SLASHED = r"(?P<sd>\d{1,2})/(?P<sm>\d{1,2})\s+(?P<sy>\d{4})"
_TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?![\d.]\d)")
_PUNCT = re.compile(r"[\s|,.:;/()\[\]·•–—-]+")
# A date written without its year is taken as the last such day up to this many days after the reference
# (a page saved in another time zone, a clock a little off).
_YEARLESS_SLACK = timedelta(days=2)
_MAX_LABEL_GAP = 25  # characters between a "Published" label and its date


@dataclass(frozen=True)
class Dateline:
    published: str | None  # ISO date; None when the line names a day only relative to a reference not given
    updated_only: bool  # the line only says when the page was last changed
    rest: str  # what is left of the line besides the date, its time and dateline words
    relative: bool = False  # the date was read against the reference date


@dataclass(frozen=True)
class StatedDate:
    day: str | None  # ISO date, None when it needs a reference date that was not given
    relative: bool  # read against the reference date (a relative word, a weekday, a date without its year)


@dataclass(frozen=True)
class _Vocabulary:
    date: re.Pattern[str]
    relative: re.Pattern[str]
    months: dict[str, int]
    days_back: dict[str, int]
    weekdays: dict[str, int]
    past_weekdays: dict[str, int]
    published_labels: tuple[str, ...]
    published: re.Pattern[str]
    updated: re.Pattern[str]
    filler: re.Pattern[str]


def _words(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)\.?", re.I)


def _by_number(table: dict) -> dict[str, int]:
    return {name.lower(): int(n) for language in table.values() for n, names in language.items() for name in names}


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    data = tomllib.loads(resources.files("clipper").joinpath("data/dates.toml").read_text("utf-8"))
    months = _by_number(data["months"])
    month_names = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    day_first = rf"(?P<td>\d{{1,2}})\.?\s*(?P<tm>{month_names})\.?(?:,?\s+(?P<ty>\d{{4}}))?"
    month_first = rf"(?P<em>{month_names})\.?\s+(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<ey>\d{{4}}))?"
    days_back = {word.lower(): n for language in data["days_back"].values() for word, n in language.items()}
    weekdays, past_weekdays = _by_number(data["weekdays"]), _by_number(data["past_weekdays"])
    relative = {**days_back, **weekdays, **past_weekdays}
    labels = data["labels"]
    return _Vocabulary(
        date=re.compile(rf"(?<![\w-])(?:{_ISO}|{_NUMERIC}|{_SLASHED}|{day_first}|{month_first})(?![\w-])", re.I),
        relative=_words(relative),
        months=months,
        days_back=days_back,
        weekdays=weekdays,
        past_weekdays=past_weekdays,
        published_labels=tuple(labels["published"]),
        published=_words(labels["published"]),
        updated=_words(labels["updated"]),
        filler=_words(labels["filler"]),
    )


def month_numbers() -> dict[str, int]:
    """Month names and abbreviations of all languages, lower-cased, to month number."""
    return dict(_vocabulary().months)


def published_labels() -> tuple[str, ...]:
    """Words that label a date as the page's first publication ("Publicerad", "Oprindeligt publiceret")."""
    return _vocabulary().published_labels


def find_date(text: str, reference: date | None = None) -> str | None:
    """The first valid calendar date written in `text`, as an ISO date; one without its year only when
    a reference date tells the year."""
    vocabulary = _vocabulary()
    for match in vocabulary.date.finditer(text):
        found = _written_date(match, vocabulary, reference)
        if found and found.day:
            return found.day
    return None


def stamp_date(stamp: str) -> str | None:
    """The calendar date of a metadata timestamp as written: "2024-03-12T23:30:00+00:00" is the 12th, in
    its own offset (a page in another zone states its own day; converting every stamp to one newsroom's
    zone moved late-evening stamps to the next day); a stamp without an offset stays as written."""
    stamp = stamp.strip()
    try:
        return datetime.fromisoformat(stamp).date().isoformat()
    except ValueError:
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", stamp)
        return _iso(*map(int, match.groups())) if match else None


def parse_dateline(line: str, max_words: int = 12, reference: date | None = None) -> Dateline | None:
    """A short line (`max_words` besides its dates and times) that gives a date; `rest` holds whatever
    else it says (a byline, say). A line with both dates takes the published one ("Uppdaterad 13 mars,
    publicerad 12 mars" → 12 March). A relative date ("I går 14:03", "Publicerad i tisdags") is read
    against `reference`; without one the line is still a dateline (so that it is not read as a
    headline), with no date."""
    vocabulary = _vocabulary()
    # Counted without its dates and times: a line that gives both the published and the updated date
    # ("Publisert tirsdag 12. mars 2024 - 10:14 Sist oppdatert onsdag 13. mars 2024 - 08:00") is long.
    if len(_TIME.sub(" ", vocabulary.date.sub(" ", line)).split()) > max_words:
        return None
    found = _line_date(line, vocabulary, reference)
    if found is None:
        return None
    stated, updated_only = found
    rest = vocabulary.date.sub(" ", line)
    rest = _TIME.sub(" ", rest)
    for words in (vocabulary.relative, vocabulary.updated, vocabulary.published, vocabulary.filler):
        rest = words.sub(" ", rest)
    rest = _PUNCT.sub(" ", rest).strip()
    return Dateline(stated.day, updated_only, rest, stated.relative)


def labelled_published_date(text: str, reference: date | None = None) -> StatedDate | None:
    """The date of `text` when it opens with a "Published" label ("Publicerad 14 maj 2020 kl. 06.06",
    "Published March 12, 2024", "Publisert i dag kl. 07.45"): a label, not a sentence that mentions one."""
    vocabulary = _vocabulary()
    label = vocabulary.published.match(text.lstrip())
    if label is None:
        return None
    after = text.lstrip()[label.end() : label.end() + _MAX_LABEL_GAP + 30]
    tokens = [t for t in _tokens(after, vocabulary, reference) if t[0] <= _MAX_LABEL_GAP]
    return tokens[0][1] if tokens else None


def _line_date(line: str, vocabulary: _Vocabulary, reference: date | None) -> tuple[StatedDate, bool] | None:
    """The date a line states and whether it only says "updated". The line splits at its labels into
    published, updated and unlabelled parts; the date comes from the first published part that has one,
    else an unlabelled part, else an updated part."""
    labels = sorted(
        [(m.start(), m.end(), "published") for m in vocabulary.published.finditer(line)]
        + [(m.start(), m.end(), "updated") for m in vocabulary.updated.finditer(line)]
    )
    parts: list[tuple[str, str]] = [("none", line[: labels[0][0]] if labels else line)]
    for i, (_, end, kind) in enumerate(labels):
        parts.append((kind, line[end : labels[i + 1][0] if i + 1 < len(labels) else len(line)]))
    has_label = bool(labels)
    for wanted in ("published", "none", "updated"):
        for kind, part in parts:
            if kind != wanted:
                continue
            # A relative date counts only beside a time or a label: "I dag" alone is a section's name,
            # "Valet 14 september" a headline.
            tokens = [
                stated for _, stated in _tokens(part, vocabulary, reference)
                if not stated.relative or has_label or _TIME.search(line)
            ]
            if tokens:
                return tokens[0], kind == "updated"
    return None


def _tokens(text: str, vocabulary: _Vocabulary, reference: date | None) -> list[tuple[int, StatedDate]]:
    """The dates in `text` as (offset, date), the best kind first: a full date, then one without its
    year, then a relative word or weekday ("tirsdag 12. mars 2024" is the 12th)."""
    written = []
    for match in vocabulary.date.finditer(text):
        found = _written_date(match, vocabulary, reference)
        if found is not None:
            written.append((match.start(), found))
    words = [(m.start(), _relative_date(m.group(0), vocabulary, reference)) for m in vocabulary.relative.finditer(text)]
    return sorted(written, key=lambda t: (t[1].relative, t[0])) + words


def _written_date(match: re.Match[str], vocabulary: _Vocabulary, reference: date | None) -> StatedDate | None:
    g = match.groupdict()
    if g["iy"]:
        return _stated(_iso(int(g["iy"]), int(g["im"]), int(g["id"])))
    if g["ny"]:
        year = g["ny"] if len(g["ny"]) == 4 else "20" + g["ny"]
        return _stated(_iso(int(year), int(g["nm"]), int(g["nd"])))
    if g["sy"]:
        return _stated(_iso(int(g["sy"]), int(g["sm"]), int(g["sd"])))
    month_name, day, year = (g["tm"], g["td"], g["ty"]) if g["tm"] else (g["em"], g["ed"], g["ey"])
    month = vocabulary.months[month_name.lower()]
    if year:
        return _stated(_iso(int(year), month, int(day)))
    if reference is None:
        return StatedDate(None, relative=True)
    for candidate_year in (reference.year + 1, reference.year, reference.year - 1):
        day_text = _iso(candidate_year, month, int(day))
        if day_text and date.fromisoformat(day_text) <= reference + _YEARLESS_SLACK:
            return StatedDate(day_text, relative=True)
    return None


def _relative_date(word: str, vocabulary: _Vocabulary, reference: date | None) -> StatedDate:
    if reference is None:
        return StatedDate(None, relative=True)
    key = word.lower().rstrip(".")
    if key in vocabulary.days_back:
        back = vocabulary.days_back[key]
    elif key in vocabulary.past_weekdays:
        back = (reference.isoweekday() - vocabulary.past_weekdays[key] - 1) % 7 + 1
    else:
        back = (reference.isoweekday() - vocabulary.weekdays[key]) % 7
    return StatedDate((reference - timedelta(days=back)).isoformat(), relative=True)


def _stated(day: str | None) -> StatedDate | None:
    return StatedDate(day, relative=False) if day else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
