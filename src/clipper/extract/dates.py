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

from .bylines import byline_authors, is_introduced

_ISO = r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
# Day first, as Scandinavians write it; a two-digit year ("15.10.24") is this century's.
_NUMERIC = r"(?P<nd>\d{1,2})[./-](?P<nm>\d{1,2})[./-](?P<ny>\d{4}|\d{2}(?![\d.]))"
# "12/3 2024", as Swedes also write it.
_SLASHED = r"(?P<sd>\d{1,2})/(?P<sm>\d{1,2})\s+(?P<sy>\d{4})"
# Copies glue a date to the word beside it ("19. august 2024kl. 13.05", "Redaktionen14. maj 2024"): a date
# starting with a digit may follow a letter and one ending with a digit may precede one; a month name may not
# touch a letter ("3 marsvin").
# (Written so that a position inside a word fails at the first test: the grammar runs over every short line.)
_DATE_START = r"(?:(?<![\w-])|(?=\d)(?<![\d_-]))"
_DATE_END = r"(?:(?![\w-])|(?<=\d)(?![\d_-]))"
_TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?![\d.]\d)")
_PUNCT = re.compile(r"[\s|,.:;/()\[\]·•–—-]+")
_SOURCE_MAX_WORDS = 4
_COMPOUND_PART_MIN = 3  # letters of a compound's part: "opp" + "start", "møte" + "dato"
# "Publisert tirsdag 12. mars 2024 - 10:14 Sist oppdatert onsdag 13. mars 2024 - 08:00" is a long one.
_BARE_DATELINE_MAX_CHARS = 120
# "Fra: Nyhedsovervågning <alerts@example.dk>": the sender's address in an e-mail's header.
_MAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A date written without its year is taken as the last such day up to this many days after the reference
# (a page saved in another time zone, a clock a little off).
_YEARLESS_SLACK = timedelta(days=2)
_MAX_LABEL_GAP = 25  # characters between a "Published" label and its date


@dataclass(frozen=True)
class Dateline:
    published: str | None  # ISO date; None when the line names a day only relative to a reference not given
    updated_only: bool  # the line only says when the page was last changed
    rest: str  # what is left of the line besides the date, its time, dateline words and the outlet's name
    relative: bool = False  # the date was read against the reference date
    labelled: bool = False  # a "Published" label names the date


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
    reading_time: re.Pattern[str]
    events: re.Pattern[str]
    message_sent: re.Pattern[str]


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
    day_first = rf"(?P<td>\d{{1,2}})(?:st|nd|rd|th|\.)?\s*(?P<tm>{month_names})\.?(?:,?\s+(?P<ty>\d{{4}}))?"
    month_first = rf"(?P<em>{month_names})\.?\s+(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<ey>\d{{4}}))?"
    days_back = {word.lower(): n for language in data["days_back"].values() for word, n in language.items()}
    weekdays, past_weekdays = _by_number(data["weekdays"]), _by_number(data["past_weekdays"])
    relative = {**days_back, **weekdays, **past_weekdays}
    labels = data["labels"]
    return _Vocabulary(
        date=re.compile(rf"{_DATE_START}(?:{_ISO}|{_NUMERIC}|{_SLASHED}|{day_first}|{month_first}){_DATE_END}", re.I),
        relative=_words(relative),
        months=months,
        days_back=days_back,
        weekdays=weekdays,
        past_weekdays=past_weekdays,
        published_labels=tuple(labels["published"]),
        published=_words(labels["published"]),
        updated=_words(labels["updated"]),
        filler=_words(labels["filler"]),
        reading_time=_reading_time(labels["reading_time"]),
        events=_compound_parts(labels["events"]),
        message_sent=re.compile(rf"^(?:{'|'.join(map(re.escape, labels['message_sent']))})\s*:", re.I),
    )


def _compound_parts(words: list[str]) -> re.Pattern[str]:
    """A word that is one of `words`, or a compound with one as its head or modifier, its other part a few
    letters at least ("Anbudsfrist", "Møtedato"; not "Olive" for "live")."""
    stems = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    part = rf"[^\W\d_]{{{_COMPOUND_PART_MIN},}}"
    return re.compile(rf"(?<!\w)(?:(?:{stems})(?:{part})?|{part}(?:{stems}))(?!\w)", re.I)


def _reading_time(words: list[str]) -> re.Pattern[str]:
    """ "4 min read", "Læsetid 3 min.", "Lesetid: 5 minutter": a count of minutes with a reading-time word."""
    label = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    minutes = r"\d+\s*min(?:utes?|utter|uter)?\.?"
    return re.compile(rf"(?<!\w)(?:(?:{label})\s*:?\s*{minutes}|{minutes}\s*(?:{label})(?!\w)\.?)", re.I)


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
    headline), with no date. A line whose label names an event ("Anbudsfrist: 15 april 2025",
    "Møtedato: 27.03.2025", "Oppstart: 01.09.2025") says when that happens, not when the page was
    published: no dateline."""
    # Counted without its dates and times: a line that gives both the published and the updated date
    # ("Publisert tirsdag 12. mars 2024 - 10:14 Sist oppdatert onsdag 13. mars 2024 - 08:00") is long. Dates
    # and times take at most as many words as the rest, so a paragraph is told at a glance.
    if len(line.split()) > 2 * max_words:
        return None
    vocabulary = _vocabulary()
    if len(_TIME.sub(" ", vocabulary.date.sub(" ", line)).split()) > max_words:
        return None
    found = _line_date(line, vocabulary, reference)
    if found is None:
        return None
    stated, updated_only, labelled = found
    rest = _without_dateline_words(line, vocabulary)
    if _names_event(rest, vocabulary):
        return None
    if rest and rest == _outlet_before_date(line, vocabulary):
        rest = ""
    return Dateline(stated.day, updated_only, rest, stated.relative, labelled)


def publication(datelines: Iterable[Dateline]) -> Dateline | None:
    """Of the datelines around an article, in reading order, the one that dates its publication: a dated one
    that says "published" (or nothing) before one that only says "updated"; an absolute date before a
    relative one, which pages write for their latest change ("Oppdatert i dag 12:14"); else the first, as a
    page gives its publication before its update."""
    dated = [d for d in datelines if d.published]
    return min(dated, key=lambda d: (d.updated_only, not d.labelled, d.relative)) if dated else None


def is_bare_dateline(line: str) -> bool:
    """A line that is a date and dateline words alone, with no sentence's end: "tirsdag 4. mars 2025",
    "den 3. marts 2025". It starts nothing that the line above would run on into. (Cheap for the many lines
    without a figure: a line that names its day only in words, "i går", is no dateline without a label.)"""
    if len(line) > _BARE_DATELINE_MAX_CHARS or not any(c.isdigit() for c in line):
        return False
    dateline = parse_dateline(line)
    return dateline is not None and not dateline.rest and not line.rstrip().endswith(".")


def is_message_header(fields: Iterable[str]) -> bool:
    """Are these "Label: value" lines the header of a forwarded e-mail or an alert (a sender's address, a
    "Sent:" label), whose date is the message's, not the article's?"""
    vocabulary = _vocabulary()
    return any(_MAIL_ADDRESS.search(f) or vocabulary.message_sent.match(f) for f in fields)


def is_date_label(line: str) -> bool:
    """A "Published" or "Updated" label alone, its date on the next line: "Publiceret", "Sidst opdateret:"."""
    vocabulary = _vocabulary()
    return bool(vocabulary.published.search(line) or vocabulary.updated.search(line)) and not _without_dateline_words(
        line, vocabulary) and not vocabulary.date.search(line)


def _without_dateline_words(line: str, vocabulary: _Vocabulary) -> str:
    rest = vocabulary.date.sub(" ", line)
    rest = vocabulary.reading_time.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    for words in (vocabulary.relative, vocabulary.updated, vocabulary.published, vocabulary.filler):
        rest = words.sub(" ", rest)
    return _PUNCT.sub(" ", rest).strip()


def _names_event(rest: str, vocabulary: _Vocabulary) -> bool:
    """A word beside the date names an event, alone or as the head or the modifier of a compound: "Frist",
    "Anbudsfrist", "Møtedato", "Sammanträdesdatum", "Oppstart" (not "Olive" or "Clive": a compound's other
    part has a few letters at least)."""
    return vocabulary.events.search(rest) is not None


def _outlet_before_date(line: str, vocabulary: _Vocabulary) -> str | None:
    """The outlet's name that opens a dateline ("Dagens Medicin · 28. februar 2025", "Dagens Samhälle, 5 mars
    2025", "Läkartidningen 2025-03-10"), as `rest` would give it: a few capitalised words, not a byline (a
    byline word, a known given name)."""
    date_at = vocabulary.date.search(line)
    if not date_at:
        return None
    name = _without_dateline_words(line[: date_at.start()], vocabulary)
    name_words = name.split()
    if not 0 < len(name_words) <= _SOURCE_MAX_WORDS or not all(w[:1].isupper() for w in name_words):
        return None
    return None if is_introduced(name) or byline_authors(name) else name


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


def _line_date(line: str, vocabulary: _Vocabulary, reference: date | None) -> tuple[StatedDate, bool, bool] | None:
    """The date a line states, whether it only says "updated" and whether a "published" label names it. The
    line splits at its labels into
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
                return tokens[0], kind == "updated", kind == "published"
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
