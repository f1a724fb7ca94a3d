"""Stage 4a: tag the regions, vendors and products a text names, from package gazetteers.

All names are found in one Aho–Corasick pass (TermMatcher) over a *matching view* of the text: white
space runs (line breaks included) collapsed to one space, words hyphenated over a line break joined,
soft hyphens and zero-width characters dropped, and a long word one edit away from a distinctive
name word replaced by that word ("Västra Götlandsregionen"). Offsets are mapped back so that every
mention is a true slice of the original text. Around the names: coordinated lists after a cue
("landstingen i Västerbotten, Örebro och Blekinge"), vendor mentions running on with a subsidiary
and legal form ("Cerner Sverige AB"), blocker spans that are something else ("Computer Sweden"), and names that
count only in a
health-IT context ("Millennium", "CGI").
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from .errors import InputError
from .matcher import TermMatcher

ENTITY_TYPES = ("region", "vendor", "product")
_GAZETTEER_PACKAGE_DIR = "data/gazetteer"
_ENTRY_FIELDS = {"name", "aliases", "exact_aliases", "local_aliases", "case_sensitive", "needs_context", "country",
                 "parent", "places", "id"}
_RULE_LISTS = {  # table -> the lists it may hold; country_languages is keyed by country code
    "country_languages": (),
    "context": ("cues",),
    "blockers": ("terms",),
    "coordination": ("heads", "continued_after", "separators", "not_before"),
    "vendor_suffixes": ("subsidiaries", "legal_forms"),
}
# A misspelt word is corrected only if it is at least this long: shorter words are too often one edit
# away from some other real word.
_FUZZY_MIN_LETTERS = 10
# What the matching view drops or collapses: a word hyphenated over a line break (PDF dumps), white
# space runs, soft hyphens and zero-width characters.
_INVISIBLE = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[^\W\d_])|\s+|[\u00ad\u200b-\u200d\u2060\ufeff]+")
_LONG_WORD = re.compile(rf"[^\W\d_]{{{_FUZZY_MIN_LETTERS},}}")
_BLOCKER = "blocker"
_LIST_HEAD = "list head"


@dataclass(frozen=True)
class Entry:
    type: str
    name: str
    id: str
    aliases: tuple[str, ...] = ()
    exact_aliases: tuple[str, ...] = ()
    local_aliases: tuple[str, ...] = ()
    case_sensitive: bool = False
    needs_context: bool = False
    country: str | None = None
    parent: str | None = None
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[Entry, ...]
    names: TermMatcher  # payload: _Name, _BLOCKER or _LIST_HEAD
    cues: TermMatcher
    fuzzy: dict[str, tuple[str, ...]]  # one-deletion variant -> distinctive name words it comes from
    name_words: frozenset[str]  # every lower-cased long word of every name form: never "corrected"
    place_pattern: re.Pattern[str] | None  # a region place, then a word end
    places: dict[str, Entry]
    separator_pattern: re.Pattern[str]
    not_before_pattern: re.Pattern[str] | None
    continued_after: tuple[str, ...]
    vendor_suffix_pattern: re.Pattern[str]


@dataclass(frozen=True)
class _Name:
    entry: Entry
    languages: frozenset[str]  # the text languages the name counts in; empty: any


@dataclass(frozen=True)
class _Found:
    entry: Entry
    start: int
    end: int


# ---------------------------------------------------------------------------------------- loading


def load_gazetteer(extra_files: tuple[str, ...] = ()) -> Gazetteer:
    """The package gazetteer merged with user files of the same format (an entry with the same type
    and name extends the package entry: its aliases and places are added, other fields replace)."""
    entries: dict[tuple[str, str], Entry] = {}
    rules: dict[str, dict[str, list[str]]] = {table: {key: [] for key in keys} for table, keys in _RULE_LISTS.items()}
    package_dir = resources.files("clipper").joinpath(_GAZETTEER_PACKAGE_DIR)
    sources = [(f"package {item.name}", item.read_text("utf-8"))
               for item in sorted(package_dir.iterdir(), key=lambda item: item.name) if item.name.endswith(".toml")]
    for path in extra_files:
        try:
            with open(path, encoding="utf-8") as handle:
                sources.append((path, handle.read()))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError("gazetteer", f"{path}: cannot read gazetteer file: {exc}") from exc
    for origin, content in sources:
        _merge_file(origin, content, entries, rules)
    return _build(tuple(entries.values()), rules)


def iter_entries(gazetteer: Gazetteer) -> Iterator[dict[str, Any]]:
    """What the gazetteer knows, one dict per entry, for listing (`clipper entities`)."""
    for entry in gazetteer.entries:
        yield {
            "type": entry.type, "name": entry.name, "id": entry.id, "country": entry.country,
            "parent": entry.parent, "aliases": list(entry.aliases + entry.exact_aliases + entry.local_aliases),
        }


def _merge_file(origin: str, content: str, entries: dict[tuple[str, str], Entry],
                rules: dict[str, dict[str, list[str]]]) -> None:
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        raise InputError("gazetteer", f"{origin}: not valid TOML: {exc}") from exc
    for key, value in data.items():
        if key in ENTITY_TYPES:
            if not isinstance(value, list):
                raise InputError("gazetteer", f"{origin}: [[{key}]] must be an array of tables")
            for table in value:
                entry = _parse_entry(origin, key, table)
                known = entries.get((entry.type, entry.name.casefold()))
                entries[(entry.type, entry.name.casefold())] = _extend(known, entry, table) if known else entry
        elif key in _RULE_LISTS and isinstance(value, dict):
            for list_name, items in value.items():
                if _RULE_LISTS[key] and list_name not in rules[key]:
                    raise InputError("gazetteer", f"{origin}: unknown list {key}.{list_name}")
                rules[key].setdefault(list_name, [])
                rules[key][list_name] += _strings(origin, f"{key}.{list_name}", items)
        else:
            raise InputError("gazetteer", f"{origin}: unknown table {key!r}")


def _parse_entry(origin: str, type_: str, table: Any) -> Entry:
    if not isinstance(table, dict) or not isinstance(table.get("name"), str) or not table["name"].strip():
        raise InputError("gazetteer", f"{origin}: every [[{type_}]] needs a name")
    unknown = set(table) - _ENTRY_FIELDS
    if unknown:
        raise InputError("gazetteer", f"{origin}: {table['name']}: unknown fields {sorted(unknown)}")
    where = f"{type_} {table['name']}"
    for flag in ("case_sensitive", "needs_context"):
        if not isinstance(table.get(flag, False), bool):
            raise InputError("gazetteer", f"{origin}: {where}: {flag} must be true or false")
    for fact in ("country", "parent", "id"):
        if not isinstance(table.get(fact, ""), str):
            raise InputError("gazetteer", f"{origin}: {where}: {fact} must be a string")
    name = table["name"].strip()
    return Entry(
        type=type_, name=name, id=table.get("id") or f"{type_}/{slug(name)}",
        aliases=tuple(_strings(origin, where, table.get("aliases", []))),
        exact_aliases=tuple(_strings(origin, where, table.get("exact_aliases", []))),
        local_aliases=tuple(_strings(origin, where, table.get("local_aliases", []))),
        case_sensitive=table.get("case_sensitive", False), needs_context=table.get("needs_context", False),
        country=table.get("country"), parent=table.get("parent"),
        places=tuple(_strings(origin, where, table.get("places", []))),
    )


def _extend(known: Entry, update: Entry, table: dict[str, Any]) -> Entry:
    def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a + b))

    given = {key: getattr(update, key) for key in ("case_sensitive", "needs_context", "country", "parent", "id")
             if key in table}
    return replace(known, aliases=union(known.aliases, update.aliases),
                   exact_aliases=union(known.exact_aliases, update.exact_aliases),
                   local_aliases=union(known.local_aliases, update.local_aliases),
                   places=union(known.places, update.places), **given)


def _strings(origin: str, where: str, items: Any) -> list[str]:
    if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
        raise InputError("gazetteer", f"{origin}: {where}: expected a list of non-empty strings")
    return [item.strip() for item in items]


def slug(name: str) -> str:
    """ASCII slug of a name: "Helse Sør-Øst" -> "helse-sor-ost"."""
    folded = unicodedata.normalize("NFKD", name.translate(_NON_DECOMPOSING)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


_NON_DECOMPOSING = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "ß": "ss", "ð": "d", "þ": "th"})


def _name_forms(name: str) -> list[str]:
    """A name and its genitive ("Region Skåne" -> "Region Skånes"); definite forms are aliases."""
    forms = [name]
    if name[-1].isalpha() and name[-1].lower() not in "sxz":
        forms.append(name + "s")
    return forms


def _entry_forms(entry: Entry) -> Iterator[tuple[str, bool, bool]]:
    """(form, case-sensitive?, local?) for every form of every name of an entry."""
    groups = (((entry.name, *entry.aliases), entry.case_sensitive, False),
              (entry.exact_aliases, True, False),
              (entry.local_aliases, True, True))
    for aliases, case_sensitive, local in groups:
        for alias in aliases:
            for form in _name_forms(alias):
                yield form, case_sensitive, local


def _build(entries: tuple[Entry, ...], rules: dict[str, dict[str, list[str]]]) -> Gazetteer:
    ids = Counter(entry.id for entry in entries)
    if ids and ids.most_common(1)[0][1] > 1:
        raise InputError("gazetteer", f"two entries share the id {ids.most_common(1)[0][0]!r}")
    names, cues = TermMatcher(), TermMatcher()
    words_by_entry: dict[str, set[str]] = {}  # of the case-insensitive names, which typos may reach
    name_words: set[str] = set()
    for entry in entries:
        anywhere = _Name(entry, frozenset())
        local = _Name(entry, frozenset(rules["country_languages"].get(entry.country or "", ())))
        for form, case_sensitive, is_local in _entry_forms(entry):
            names.add(form, local if is_local else anywhere, case_sensitive=case_sensitive)
            words = {word.lower() for word in _LONG_WORD.findall(form)}
            name_words |= words
            if not case_sensitive:
                words_by_entry.setdefault(entry.id, set()).update(words)
    for term in rules["blockers"]["terms"]:
        names.add(term, _BLOCKER)
    for head in rules["coordination"]["heads"]:
        names.add(head, _LIST_HEAD)
    for cue in rules["context"]["cues"]:
        cues.add(cue, "cue", prefix=True)
    places = {place: entry for entry in entries if entry.type == "region" for place in entry.places}
    return Gazetteer(
        entries=entries, names=names, cues=cues,
        fuzzy=_fuzzy_index(words_by_entry), name_words=frozenset(name_words),
        place_pattern=_alternation(places, r"(?!\w)") if places else None,
        places=places,
        separator_pattern=re.compile(r" ?(?:{}) ".format("|".join(
            re.escape(s) if not s.isalpha() else re.escape(s) + r"(?!\w)"
            for s in rules["coordination"]["separators"]))),
        not_before_pattern=(
            _alternation(rules["coordination"]["not_before"], r"(?!\w)", prefix=" ", flags=re.IGNORECASE)
            if rules["coordination"]["not_before"] else None),
        continued_after=tuple(head.lower() for head in rules["coordination"]["continued_after"]),
        vendor_suffix_pattern=re.compile(
            r"(?: (?:{})(?!\w))?(?: (?:{})(?![\w/]))?".format(
                "|".join(map(re.escape, rules["vendor_suffixes"]["subsidiaries"])) or "(?!)",
                "|".join(map(re.escape, rules["vendor_suffixes"]["legal_forms"])) or "(?!)")),
    )


def _alternation(terms: Any, after: str, prefix: str = "", flags: int = 0) -> re.Pattern[str]:
    ordered = sorted(terms, key=len, reverse=True)  # longest first: "Örebro län" before "Örebro"
    return re.compile(prefix + "(?:" + "|".join(map(re.escape, ordered)) + ")" + after, flags)


def _fuzzy_index(words_by_entry: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    """Symmetric-deletion index of the *distinctive* name words (those of one entry only): a typo is
    corrected towards "götalandsregionen", never towards a word many names share ("landstinget")."""
    owners: dict[str, set[str]] = {}
    for entry_id, words in words_by_entry.items():
        for word in words:
            owners.setdefault(word, set()).add(entry_id)
    index: dict[str, set[str]] = {}
    for word, entry_ids in owners.items():
        if len(entry_ids) == 1:
            for variant in _deletions(word):
                index.setdefault(variant, set()).add(word)
    return {variant: tuple(sorted(words)) for variant, words in index.items()}


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


# ---------------------------------------------------------------------------------------- tagging


def tag(text: str, gazetteer: Gazetteer, language: str | None = None) -> list[dict[str, Any]]:
    """Entities named in text, in order of first mention, each with all its mentions. language (the
    text's ISO 639-1 code) lets local short forms count only in their own language; None or 'und'
    lets them count anywhere."""
    view, origin = _matching_view(text, gazetteer)
    named: list[_Found] = []
    listed: list[_Found] = []
    for match in gazetteer.names.finditer(view):
        if match.payload == _BLOCKER:
            continue
        if match.payload == _LIST_HEAD:
            listed += _listed_places(view, match.end, gazetteer)
            continue
        if match.payload.languages and language not in (None, "und", *match.payload.languages):
            continue
        entry, end = match.payload.entry, match.end
        if entry.type == "vendor":
            suffix = gazetteer.vendor_suffix_pattern.match(view, end)
            end = suffix.end() if suffix else end
        named.append(_Found(entry, match.start, end))
        if entry.type == "region" and match.text.lower().startswith(gazetteer.continued_after):
            listed += _listed_places(view, end, gazetteer, separator_first=True)
    found = named + [f for f in listed if not any(f.start < n.end and n.start < f.end for n in named)]
    if any(f.entry.needs_context for f in found) and not _has_context(view, found, gazetteer):
        found = [f for f in found if not f.entry.needs_context]
    return _group(text, origin, found)


def _listed_places(view: str, pos: int, gazetteer: Gazetteer, *, separator_first: bool = False) -> list[_Found]:
    """Regions named by bare places in a coordinated list that starts at pos."""
    if gazetteer.place_pattern is None:
        return []
    found: list[_Found] = []
    while True:
        if separator_first or found:
            separator = gazetteer.separator_pattern.match(view, pos)
            if not separator:
                return found
            pos = separator.end()
        elif view.startswith(" ", pos):
            pos += 1
        place = gazetteer.place_pattern.match(view, pos)
        if not place or (gazetteer.not_before_pattern and gazetteer.not_before_pattern.match(view, place.end())):
            return found
        found.append(_Found(gazetteer.places[place.group()], place.start(), place.end()))
        pos = place.end()


def _has_context(view: str, found: list[_Found], gazetteer: Gazetteer) -> bool:
    if any(not f.entry.needs_context for f in found):
        return True
    return next(gazetteer.cues.finditer(view), None) is not None


def _matching_view(text: str, gazetteer: Gazetteer) -> tuple[str, list[int]]:
    """The text as names are matched in, and for each of its characters the index it came from."""
    edits = [(m.start(), m.end(), _invisible_replacement(m)) for m in _INVISIBLE.finditer(text) if m.group() != " "]
    view, origin = _apply_edits(text, list(range(len(text))), edits)
    corrections = []
    for m in _LONG_WORD.finditer(view):
        correction = _correct(m.group().lower(), gazetteer)
        if correction:
            corrections.append((m.start(), m.end(), correction))
    return _apply_edits(view, origin, corrections)


def _invisible_replacement(match: re.Match[str]) -> str:
    if match.group().startswith("-"):  # "Götalands-⏎regionen" is one word, "Sør-⏎Øst" keeps its hyphen
        return "" if match.string[match.end()].islower() else "-"
    return " " if match.group()[0].isspace() else ""


def _correct(word: str, gazetteer: Gazetteer) -> str | None:
    """The distinctive name word one edit (insertion, deletion, substitution, swap) away, if any."""
    if word in gazetteer.name_words:
        return None
    for variant in _deletions(word):
        for candidate in gazetteer.fuzzy.get(variant, ()):
            if _one_edit_apart(word, candidate):
                return candidate
    return None


def _one_edit_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    if len(a) == len(b):
        rest_a, rest_b = a[prefix + 1:], b[prefix + 1:]
        swapped = a[prefix + 1:prefix + 2] == b[prefix:prefix + 1] and a[prefix:prefix + 1] == b[prefix + 1:prefix + 2]
        return rest_a == rest_b or (swapped and a[prefix + 2:] == b[prefix + 2:])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[prefix + 1:] == shorter[prefix:]


def _apply_edits(text: str, origin: list[int], edits: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """Replace non-overlapping spans (in order); a replacement's characters map into the span they
    replace, its first to the span's first and its last to the span's last."""
    if not edits:
        return text, origin
    pieces, new_origin, pos = [], [], 0
    for start, end, replacement in edits:
        pieces += [text[pos:start], replacement]
        new_origin += origin[pos:start]
        span = origin[start:end]
        new_origin += [span[min(i, len(span) - 1)] for i in range(len(replacement))]
        if replacement:
            new_origin[-1] = span[-1]
        pos = end
    pieces.append(text[pos:])
    new_origin += origin[pos:]
    return "".join(pieces), new_origin


def _group(text: str, origin: list[int], found: list[_Found]) -> list[dict[str, Any]]:
    entities: dict[str, dict[str, Any]] = {}
    for f in sorted(found, key=lambda f: f.start):
        start, end = origin[f.start], origin[f.end - 1] + 1
        entity = entities.setdefault(f.entry.id, {"type": f.entry.type, "name": f.entry.name, "id": f.entry.id,
                                                  "mentions": []})
        mention = {"text": text[start:end], "start": start, "end": end}
        if mention not in entity["mentions"]:
            entity["mentions"].append(mention)
    return list(entities.values())
