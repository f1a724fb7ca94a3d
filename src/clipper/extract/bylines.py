"""Bylines: "Af Mette Jensen", "Text: Anna Svensson och Per Berg", or a name alone on its line.
The introducing words, joiners and a list of common given names are package data."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_MAX_NAME_WORDS = 4
# "Tekst: Per Olsen Foto: Lise Berg": a second credit label ends the author names.
_NEXT_CREDIT = re.compile(r"\s+\w+:\s.*$")
# An author's note names a role within this many words after its verb ("er freelance-journalist").
_BIO_ROLE_REACH = 4
# A news agency's tag alone: "NTB", "TT", "/ritzau/", "/TT".
AGENCY_TAG = re.compile(r"^/?[A-ZÅÄÖÆØ]{2,4}/?$|^/[a-zåäöæø]+/$")
_NAME_WORD = re.compile(r"^[A-ZÅÄÖÆØÜÉ][\w'’.]*(?:-[A-ZÅÄÖÆØÜÉa-zåäöæøüé][\w'’]*)*$")


@dataclass(frozen=True)
class _Vocabulary:
    prefix: re.Pattern[str]
    joiners: tuple[str, ...]
    joiner: re.Pattern[str]
    roles: tuple[str, ...]
    particles: frozenset[str]
    first_names: frozenset[str]
    bio_verbs: frozenset[str]


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    data_dir = resources.files("clipper").joinpath("data")
    data = tomllib.loads(data_dir.joinpath("bylines.toml").read_text("utf-8"))
    names = data_dir.joinpath("first_names.txt").read_text("utf-8").splitlines()
    prefixes = "|".join(re.escape(p) for p in sorted(data["prefixes"], key=len, reverse=True))
    joiners = "|".join(re.escape(j) for j in data["joiners"])
    return _Vocabulary(
        prefix=re.compile(rf"^(?:{prefixes})(?:\s*:\s*|\s+)", re.I),
        joiners=tuple(data["joiners"]),
        joiner=re.compile(rf"\s*[,;]\s*|\s+(?:{joiners})\s+", re.I),
        roles=tuple(data["roles"]),
        particles=frozenset(data["particles"]),
        first_names=frozenset(n.strip().lower() for n in names if n.strip() and not n.startswith("#")),
        bio_verbs=frozenset(data["bio_verbs"]),
    )


def byline_authors(line: str) -> list[str]:
    """Author names if the line is a byline, else []."""
    vocabulary = _vocabulary()
    line = line.strip().strip("|•·–—- ")
    introduced = vocabulary.prefix.match(line)
    if introduced:
        parts = vocabulary.joiner.split(_NEXT_CREDIT.sub("", line[introduced.end():]))
        # "Af Mette Jensen, journalist": a role or e-mail after the names is not a name.
        names = [p.strip() for p in parts if _is_name(p.strip(), vocabulary)]
        first = parts[0].strip() if parts else ""
        return names if names and names[0] == first else []
    # "Sofie Krogh, journalist": a name alone on its line, a role after it.
    parts = [p.strip() for p in vocabulary.joiner.split(line) if p.strip().lower() not in vocabulary.roles]
    # "Marte Bjørnstad, NTB": a news agency's tag after the name signs it, whether or not the given name is known.
    signed = len(parts) > 1 and bool(AGENCY_TAG.match(parts[-1]))
    parts = parts[:-1] if signed else parts
    if parts and all(_is_name(p, vocabulary) for p in parts) and (signed or all(
        p.split()[0].lower() in vocabulary.first_names for p in parts
    )):
        return parts
    return []


def is_author_note(line: str, authors: tuple[str, ...] = ()) -> bool:
    """ "Maja Dahl er journalist på Sundhedsnyt og skriver om ...": a name (a known given name, or one of the
    article's `authors`), a copula and a role within a few words: the note about the author under an article."""
    vocabulary = _vocabulary()
    tokens = line.split()
    for n in range(2, _MAX_NAME_WORDS + 1):
        name, rest = " ".join(tokens[:n]), [t.strip(",.").lower() for t in tokens[n:n + 1 + _BIO_ROLE_REACH]]
        known = name in authors or tokens[0].lower() in vocabulary.first_names
        if known and _is_name(name, vocabulary) and rest and rest[0] in vocabulary.bio_verbs:
            return any(w in vocabulary.roles or w.endswith(vocabulary.roles) for w in rest[1:])
    return False


def is_introduced(line: str) -> bool:
    """Does the line open with a byline word ("Av", "Text:")? A bare name may be a tag; this is a byline."""
    return bool(_vocabulary().prefix.match(line.strip().strip("|•·–—- ")))


def is_bare_prefix(line: str) -> bool:
    """Is the line nothing but a byline word ("Af:"), the names following on the next line?"""
    line = line.strip().strip("|•·–—- ")
    match = _vocabulary().prefix.match(line + " ")
    return match is not None and not line[match.end():].strip(" :")


def without_prefix(line: str) -> str:
    """The line without the byline word that opens it ("Text: Anna Svensson" → "Anna Svensson")."""
    return _vocabulary().prefix.sub("", line, count=1)


def role_words() -> tuple[str, ...]:
    """Lower-case job titles that stand between or after names in a byline ("journalist")."""
    return _vocabulary().roles


def joiner_words() -> tuple[str, ...]:
    """Words that join several names in a byline ("och", "og", "&")."""
    return _vocabulary().joiners


def _is_name(text: str, vocabulary: _Vocabulary) -> bool:
    words = text.split()
    if not 2 <= len(words) <= _MAX_NAME_WORDS:
        return False
    capitalized = [w for w in words if w not in vocabulary.particles]
    return (
        bool(_NAME_WORD.match(words[0]))
        and bool(_NAME_WORD.match(words[-1]))
        and all(_NAME_WORD.match(w) for w in capitalized)
        and not any(ch.isdigit() for ch in text)
    )
