"""Stage 4a: tag the regions, vendors and products a text names, from package gazetteers.

All names are found in one Aho–Corasick pass (TermMatcher) over a *matching view* of the text: white
space runs (line breaks included) collapsed to one space, words hyphenated over a line break joined,
soft hyphens and zero-width characters dropped, and a long word one edit away from a distinctive
name word replaced by that word ("Västra Götlandsregionen"). Offsets are mapped back so that every
mention is a true slice of the original text. Around the names: coordinated lists after a cue
("landstingen i Västerbotten, Örebro och Blekinge"), vendor mentions running on with a subsidiary
and legal form ("Cerner Sverige AB"), blocker spans that are something else ("Computer Sweden"), and names that
count only in a health-IT context ("Millennium", "CGI"). Names the gazetteer lacks are found from their
context (rules.toml [unknown_names]): system nouns, verbs of replacement and roll-out, appositions,
coordination with a found name, company words and legal forms; a guard drops dictionary words, job
titles, people and standards.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from . import tomlfile
from .errors import InputError
from .language import word_frequencies
from .matcher import TermMatcher

ENTITY_TYPES = ("region", "vendor", "product")
_GAZETTEER_PACKAGE_DIR = "data/gazetteer"
_RULES_FILE = "rules.toml"
_MAX_NAME_LENGTH = 200
_ENTRY_FIELDS = {"name", "aliases", "exact_aliases", "local_aliases", "case_sensitive", "needs_context", "country",
                 "parent", "places", "id"}
_RULE_LISTS = {  # table -> the lists it may hold; country_languages is keyed by country code
    "country_languages": (),
    "context": ("cues",),
    "blockers": ("terms",),
    "coordination": ("heads", "continued_after", "separators", "not_before"),
    "vendor_suffixes": ("subsidiaries", "legal_prefixes", "legal_forms"),
    "unknown_names": ("system_heads", "apposition_heads", "hyphen_heads", "vendor_hyphen_heads", "supplier_cues",
                      "company_cues", "company_roles", "role_heads", "product_frames", "replacing_verbs",
                      "source_cues", "finite_verb_endings", "auxiliaries", "it_words", "it_stems", "field_stems",
                      "not_names"),
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
    known: bool = True  # False: found from its context (unknown_names in rules.toml), not listed


@dataclass(frozen=True)
class NameRules:
    """Context patterns for names the gazetteer lacks (see [unknown_names] in rules.toml)."""

    product_after_noun: re.Pattern[str]  # "journalsystemet Lumio"
    product_after_frame: re.Pattern[str]  # "skal erstatte Tavlo", "indførelsen af ”Sensio”"
    product_in_apposition: re.Pattern[str]  # "et nyt omsorgssystem, Tiva, fra", "det nuværende system, Cura."
    product_before_replacing: re.Pattern[str]  # "”Lyra” ska ersätta"
    product_before_head: re.Pattern[str]  # "Nexus-platformen"
    vendor_before_head: re.Pattern[str]  # "Cerner-kund"
    vendor_after_cue: re.Pattern[str]  # "leverantören Cambio", "levert av Medinor AS"
    vendor_after_source: re.Pattern[str]  # "från Medora": counts after a product in the sentence
    vendor_after_company_cue: re.Pattern[str]  # "it-bolaget Nordvik Health", "avtalet med Medisoft"
    vendor_before_role: re.Pattern[str]  # "Tekvias Danmarkschef"
    firm: re.Pattern[str]  # a name with a legal form: "Nordlys Health A/S", "Oy Kronex Ab"
    name_after: re.Pattern[str]  # a name right after a vendor: "KMD Nexus"
    authority_verb: re.Pattern[str]  # a finite verb after a bare region place: "Skåne valde"
    it_words: re.Pattern[str]  # in a sentence: it speaks of IT
    field_words: TermMatcher  # in a text: it is about health or care
    legal_forms: frozenset[str]
    legal_prefixes: frozenset[str]
    subsidiaries: frozenset[str]
    role_heads: tuple[str, ...]
    first_names: frozenset[str]
    not_names: frozenset[str]
    cue_words: frozenset[str]


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
    unknown: NameRules


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


def load_gazetteer(extra_files: tuple[str, ...] = (), *, default_entries: bool = True) -> Gazetteer:
    """The package gazetteer merged with user files of the same format (an entry with the same type
    and name extends the package entry: its aliases and places are added, other fields replace).
    default_entries=False leaves out the package's regions, vendors and products, so the user files
    replace them; the package's rules (how names are found in text) stay."""
    entries: dict[tuple[str, str], Entry] = {}
    rules: dict[str, dict[str, list[str]]] = {table: {key: [] for key in keys} for table, keys in _RULE_LISTS.items()}
    sources = [(f"package {item.name}", item.read_text("utf-8")) for item in package_files()
               if default_entries or item.name == _RULES_FILE]
    for origin, content in sources:
        _merge_file(origin, content, tomlfile.parse(content, origin, "gazetteer"), entries, rules)
    for path in extra_files:
        content, data = tomlfile.read(path, "gazetteer")
        _merge_file(path, content, data, entries, rules)
    return _build(tuple(entries.values()), rules)


def package_files() -> list[Any]:
    """The built-in gazetteer files (importlib.resources Traversables; str() gives their path)."""
    package_dir = resources.files("clipper").joinpath(_GAZETTEER_PACKAGE_DIR)
    return sorted((item for item in package_dir.iterdir() if item.name.endswith(".toml")), key=lambda i: i.name)


def iter_entries(gazetteer: Gazetteer) -> Iterator[dict[str, Any]]:
    """What the gazetteer knows, one dict per entry, for listing (`clipper entities`)."""
    for entry in gazetteer.entries:
        yield {
            "type": entry.type, "name": entry.name, "id": entry.id, "country": entry.country,
            "parent": entry.parent, "known": entry.known,
            "aliases": list(entry.aliases + entry.exact_aliases + entry.local_aliases),
        }


def _merge_file(origin: str, content: str, data: dict[str, Any], entries: dict[tuple[str, str], Entry],
                rules: dict[str, dict[str, list[str]]]) -> None:
    for key, value in data.items():
        if key in ENTITY_TYPES:
            if not isinstance(value, list):
                raise InputError("gazetteer", f"{tomlfile.where(origin, content, key)}: [[{key}]] must be an array "
                                              "of tables")
            for table in value:
                name = table.get("name") if isinstance(table, dict) else None
                entry = _parse_entry(tomlfile.where(origin, content, *_name_needles(name), f"[[{key}]]"), key, table)
                known = entries.get((entry.type, entry.name.casefold()))
                entries[(entry.type, entry.name.casefold())] = _extend(known, entry, table) if known else entry
        elif key in _RULE_LISTS and isinstance(value, dict):
            for list_name, items in value.items():
                at = tomlfile.where(origin, content, f"{list_name} =", f"{list_name}=", f"[{key}]")
                if _RULE_LISTS[key] and list_name not in rules[key]:
                    raise InputError("gazetteer", f"{at}: unknown list {key}.{list_name}")
                rules[key].setdefault(list_name, [])
                rules[key][list_name] += _strings(at, f"{key}.{list_name}", items)
        else:
            raise InputError("gazetteer", f"{tomlfile.where(origin, content, key)}: unknown table {key!r}")


def _name_needles(name: Any) -> list[str]:
    """How an entry's name may be written in its file, to find the entry's line."""
    if not isinstance(name, str):
        return []
    return [f'name = "{name}"', f"name = '{name}'", f'"{name}"', name[:_MAX_NAME_LENGTH]]


def _parse_entry(origin: str, type_: str, table: Any) -> Entry:
    if not isinstance(table, dict) or not isinstance(table.get("name"), str) or not table["name"].strip():
        raise InputError("gazetteer", f"{origin}: every [[{type_}]] needs a name")
    unknown = set(table) - _ENTRY_FIELDS
    if unknown:
        raise InputError("gazetteer", f"{origin}: {table['name']}: unknown fields {sorted(unknown)}")
    _check_length(origin, f"[[{type_}]]", table["name"])
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
    for item in items:
        _check_length(origin, where, item)
    return [item.strip() for item in items]


def _check_length(origin: str, where: str, name: str) -> None:
    # A name is a few words: a 60,000-letter one is a mistake, and the typo index would hold every
    # one-letter deletion of it (60,000 copies of 60,000 letters).
    if len(name) > _MAX_NAME_LENGTH:
        raise InputError("gazetteer", f"{origin}: {where}: a name of {len(name)} characters "
                                      f"(at most {_MAX_NAME_LENGTH})")


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
    names = TermMatcher()
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
    places = {place: entry for entry in entries if entry.type == "region" for place in entry.places}
    return Gazetteer(
        entries=entries, names=names, cues=_stems(rules["context"]["cues"]),
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
        unknown=_name_rules(rules),
    )


# A name word: capitalised, its hyphenated parts too ("Midt-Norge", not "Aarhus-virksomheden").
_NAME_WORD = r"[A-ZÆØÅÄÖÜ][\w+]*(?:[-&][A-ZÆØÅÄÖÜ0-9][\w+]*)*"
_NAME = rf"{_NAME_WORD}(?: {_NAME_WORD}){{0,2}}"
_NAME_END = r"(?![\w/-]|:\w)"  # "EU:s regler": the name is a possessor
_QUOTE = r"[”“\"«'‘’]?"  # a name may stand in quotes: journalsystemet ”Lyra”
_WORD_START = r"(?<![\w-])"
_SENTENCE_END = re.compile(r"[.!?](?= |$)")
# Zipf frequency (data/lang/word_frequencies.tsv) from which a word is common in our languages.
_COMMON_ZIPF = 3.5
_MIN_NAME_LETTERS = 3  # "St." (Olavs hospital) is no name; an acronym ("EG") can be
# "Lumio från Medora", "Cosmic, som levereras från Cambio": how far (characters) a product may end
# before a source cue for the name after it to be the product's vendor.
_SOURCE_REACH = 30


def _stems(stems: list[str]) -> TermMatcher:
    matcher = TermMatcher()
    for stem in stems:
        matcher.add(stem, "stem", prefix=True)
    return matcher


def _name_rules(rules: dict[str, dict[str, list[str]]]) -> NameRules:
    lists = rules["unknown_names"]

    def alternation(items: list[str]) -> str:
        return "|".join(map(re.escape, sorted(set(items), key=len, reverse=True))) or "(?!)"

    legal = alternation(rules["vendor_suffixes"]["legal_forms"])
    legal_prefix = alternation(rules["vendor_suffixes"]["legal_prefixes"])
    single = r"[A-ZÆØÅÄÖÜ][\w+]*"
    verbs = alternation(lists["finite_verb_endings"])
    first_names = resources.files("clipper").joinpath("data/first_names.txt").read_text("utf-8").splitlines()

    def after_cue(cues: str, tail: str = _NAME_END, *, between: str = " ", glued: bool = False) -> re.Pattern[str]:
        """A name after one of the cues (any case). glued: the cue may close a compound ("journalsystemet",
        "it-bolaget"), so it is sought alone, then a name after it."""
        return re.compile(rf"{'' if glued else _WORD_START}(?i:{alternation(lists[cues])}){between}{_QUOTE}"
                          rf"(?P<name>{_NAME}){tail}")

    def before_head(heads: str, joiner: str) -> re.Pattern[str]:
        return re.compile(rf"{_WORD_START}(?P<name>{single}){joiner}(?i:{alternation(lists[heads])})(?!\w)")

    legal_tail = rf"(?: (?:{legal}))?(?![\w/])"
    return NameRules(
        product_after_noun=after_cue("system_heads", between=",? ", glued=True),
        product_in_apposition=after_cue("apposition_heads", rf"{_QUOTE}[,.;)]", between=", ", glued=True),
        product_before_replacing=re.compile(
            rf"{_WORD_START}{_QUOTE}(?P<name>{_NAME}){_QUOTE} (?:{alternation(lists['replacing_verbs'])})(?!\w)"),
        product_after_frame=after_cue("product_frames"),
        product_before_head=before_head("hyphen_heads", "-"),
        vendor_before_head=before_head("vendor_hyphen_heads", "-"),
        vendor_after_cue=after_cue("supplier_cues", legal_tail, between=",? "),
        vendor_after_company_cue=after_cue("company_cues", legal_tail, between=rf" (?:(?:{legal_prefix}) )?",
                                            glued=True),
        vendor_before_role=before_head("company_roles", "(?:s|'s|’s|’|') "),
        vendor_after_source=re.compile(
            rf"{_WORD_START}(?:{alternation(lists['source_cues'])}) (?P<name>{_NAME}){legal_tail}"),
        firm=re.compile(rf"{_WORD_START}(?:(?P<name>{_NAME}) (?:{legal})|(?:{legal_prefix}) (?P<prefixed>{_NAME}))"
                        rf"(?![\w/])"),
        name_after=re.compile(rf" (?P<name>{single}){_NAME_END}"),
        authority_verb=re.compile(
            rf" (?:{alternation(lists['auxiliaries'])}|[a-zåäöæø]+(?:{verbs}))(?!\w)"),
        it_words=re.compile("|".join([re.escape(word) for word in lists["it_words"]]
                                     + [rf"(?<!\w){re.escape(stem)}" for stem in lists["it_stems"]]) or "(?!)",
                            re.IGNORECASE),
        field_words=_stems(lists["field_stems"]),
        legal_forms=frozenset(rules["vendor_suffixes"]["legal_forms"]),
        legal_prefixes=frozenset(rules["vendor_suffixes"]["legal_prefixes"]),
        subsidiaries=frozenset(rules["vendor_suffixes"]["subsidiaries"]),
        role_heads=tuple(head.casefold() for head in lists["role_heads"]),
        first_names=frozenset(name.strip().casefold() for name in first_names
                              if name.strip() and not name.startswith("#")),
        not_names=frozenset(word.casefold() for word in lists["not_names"]),
        cue_words=frozenset(word.casefold() for word in lists["supplier_cues"] + lists["system_heads"]),
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
    it_text = _has_context(view, found, gazetteer)
    if not it_text:
        found = [f for f in found if not f.entry.needs_context or _has_legal_form(view, f, gazetteer)]
    else:
        found += _authorities(view, text, origin, found, gazetteer)
    if next(gazetteer.unknown.field_words.finditer(view), None) is not None:
        found += _unknown_names(view, text, origin, found, gazetteer, it_text=it_text)
    return _group(text, origin, found)


def _trim_name(view: str, text: str, origin: list[int], start: int, end: int, found: list[_Found],
               rules: NameRules) -> tuple[int, int]:
    """The words of view[start:end] that can be a new name: up to a line break of the original text or a
    known entity, without a leading cue word, legal form ("Oy") or sentence-opening common word, or a
    trailing legal form."""
    for i in range(start + 1, end):
        if "\n" in text[origin[i - 1]:origin[i]]:
            end = i - 1 if view[i - 1] == " " else i
            break
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", view[start:end])]
    def leading_word_is_no_name() -> bool:
        first = view[slice(*words[0])]
        opens_sentence = words[0][0] == _sentence_start(view, text, origin, words[0][0])
        return (_overlaps(*words[0], found) or first.casefold() in rules.cue_words or first in rules.legal_prefixes
                or (opens_sentence and len(words) > 1 and _is_common_word(first)))

    while words and leading_word_is_no_name():
        words.pop(0)
    kept = []
    for word in words:
        if _overlaps(*word, found):
            break
        kept.append(word)
    while len(kept) > 1 and view[slice(*kept[-1])] in rules.legal_forms:
        kept.pop()
    return (kept[0][0], kept[-1][1]) if kept else (start, start)


def _is_common_word(name: str) -> bool:
    """A word commoner in Swedish, Danish or Norwegian than elsewhere is a word, not a new name."""
    frequencies = word_frequencies().get(name.lower())
    return frequencies is not None and max(frequencies[:3]) >= _COMMON_ZIPF and max(frequencies[:3]) >= frequencies[3]


def _other_mentions(view: str, new: list[_Found], found: list[_Found]) -> list[_Found]:
    """Further mentions of each new name, anywhere in the text ("Medora AB ... Medora har")."""
    more: list[_Found] = []
    for entry in {f.entry for f in new}:
        for match in re.finditer(rf"(?<![\w-]){re.escape(entry.name)}(?![\w-])", view):
            if not _overlaps(match.start(), match.end(), found + new + more):
                more.append(_Found(entry, match.start(), match.end()))
    return more


def _has_legal_form(view: str, found: _Found, gazetteer: Gazetteer) -> bool:
    """A firm written with its legal form ("Systematic A/S") is a company whatever the context."""
    return found.entry.type == "vendor" and gazetteer.unknown.firm.match(view, found.start) is not None


def _overlaps(start: int, end: int, found: list[_Found]) -> bool:
    return any(start < f.end and f.start < end for f in found)


def _sentence_start(view: str, text: str, origin: list[int], pos: int) -> int:
    """Where the sentence holding view[pos] starts: after . ! ? : or a line break of the original."""
    start = pos
    while start > 0:
        ch = view[start - 1]
        if ch in ".!?:" and view[start:start + 1] == " ":
            break
        if ch == " " and "\n" in text[origin[start - 1]:origin[start]]:
            break
        start -= 1
    return start


def _authorities(view: str, text: str, origin: list[int], found: list[_Found],
                 gazetteer: Gazetteer) -> list[_Found]:
    """A bare region place that opens a sentence as its subject acts as the region ("Skåne valde Cerner"),
    and so do places coordinated with it there ("Halland och Kronoberg har tecknat avtal")."""
    if gazetteer.place_pattern is None:
        return []
    regions: list[_Found] = []
    for place in gazetteer.place_pattern.finditer(view):
        start, end = place.start(), place.end()
        if _overlaps(start, end, found + regions) or _sentence_start(view, text, origin, start) != start:
            continue
        subject = [_Found(gazetteer.places[place.group()], start, end)]
        subject += _listed_places(view, end, gazetteer, separator_first=True)
        if (gazetteer.unknown.authority_verb.match(view, subject[-1].end)
                and not (gazetteer.not_before_pattern and gazetteer.not_before_pattern.match(view, subject[-1].end))):
            regions += subject
    return regions


def _unknown_names(view: str, text: str, origin: list[int], found: list[_Found],
                   gazetteer: Gazetteer, *, it_text: bool) -> list[_Found]:
    """Products and vendors the gazetteer lacks, from the words around them (rules.toml [unknown_names]),
    in a text about health or care that has a health-IT cue (it_text); a company named with a legal form
    or a company word ("bolaget Pulsa") also where the text has none but its own sentence speaks of IT."""
    rules = gazetteer.unknown
    new: list[_Found] = []
    entries: dict[tuple[str, str], Entry] = {}

    def speaks_of_it(start: int, end: int) -> bool:
        opening = _sentence_start(view, text, origin, start)
        closing = _SENTENCE_END.search(view, end)
        return rules.it_words.search(view[opening:closing.start() if closing else len(view)]) is not None

    def add(type_: str, start: int, end: int, *, after_context: bool = True, it_sentence: bool = False,
            firm: bool = False) -> None:
        if after_context and "\n" in text[origin[start - 1]:origin[start]]:
            return  # the context word ends a line (a headline); the capitalised word opens the next
        if not (it_text or it_sentence) or view[start:end].split()[0].casefold() in rules.first_names:
            return  # no health-IT text, or a person ("Hanne Berg afløser"), before a sentence opener is trimmed
        start, end = _trim_name(view, text, origin, start, end, found + new, rules)
        name = view[start:end]
        if not _may_be_new_name(name, rules, firm=firm):
            return
        entry = entries.setdefault((type_, name), Entry(type=type_, name=name, id=f"{type_}/{slug(name)}",
                                                        known=False))
        new.append(_Found(entry, start, end))

    for found_vendor in [f for f in found if f.entry.type == "vendor"]:  # "KMD Nexus": KMD's product Nexus
        after = rules.name_after.match(view, found_vendor.end)
        if after and not _overlaps(after.start("name"), after.end("name"), found):
            add("product", after.start("name"), after.end("name"))
    for pattern, type_ in ((rules.product_after_noun, "product"), (rules.product_after_frame, "product"),
                           (rules.product_in_apposition, "product"), (rules.vendor_after_cue, "vendor")):
        for match in pattern.finditer(view):
            if not _overlaps(match.start(), match.start("name"), found):  # "Helseplattformen" is no cue
                add(type_, match.start("name"), match.end("name"))
    for pattern, type_ in ((rules.product_before_head, "product"), (rules.product_before_replacing, "product"),
                           (rules.vendor_before_head, "vendor"), (rules.vendor_before_role, "vendor")):
        for match in pattern.finditer(view):
            add(type_, match.start("name"), match.end("name"), after_context=False)
    for match in rules.firm.finditer(view):
        group = "name" if match.group("name") else "prefixed"
        if speaks_of_it(match.start(), match.end()):
            add("vendor", match.start(group), match.end(group), after_context=False, it_sentence=True, firm=True)
    for match in rules.vendor_after_company_cue.finditer(view):
        if speaks_of_it(match.start(), match.end()) and not _overlaps(match.start(), match.start("name"), found):
            add("vendor", match.start("name"), match.end("name"), it_sentence=True)
    products = [f for f in found + new if f.entry.type == "product"]
    product_names = {p.entry.name for p in products}
    for match in rules.vendor_after_source.finditer(view):
        # "Innføringa av Sylvan" after the product Sylvan names the product again, not its vendor
        if match.group("name") not in product_names and any(
                0 <= match.start() - p.end <= _SOURCE_REACH for p in products):
            add("vendor", match.start("name"), match.end("name"))
    if it_text:
        new += _coordinated(view, text, origin, found, new, gazetteer)
    return new + _other_mentions(view, new, found)


def _may_be_new_name(name: str, rules: NameRules, *, firm: bool = False) -> bool:
    """Not a word, a standard, a legal form, a job title ("Sverigechef"), a person ("Kari Holm"), or words
    led by a common one: a building, trust or agency ("Nye Ahus", "Helse Bergen", "Norsk Helsenett"),
    unless a legal form makes them a firm ("Nordlys Data A/S")."""
    words = name.split()
    folded = name.casefold()
    return not ((len(name) < _MIN_NAME_LETTERS and not name.isupper()) or folded in rules.not_names
                or name in rules.legal_forms | rules.legal_prefixes | rules.subsidiaries
                or _is_common_word(name if firm else words[0])
                or any(folded.endswith(head) for head in rules.role_heads)
                or words[0].casefold() in rules.first_names)


def _coordinated(view: str, text: str, origin: list[int], found: list[_Found], new: list[_Found],
                 gazetteer: Gazetteer) -> list[_Found]:
    """Names coordinated with a product or vendor take its type: "Cosmic och Trivo", "Treserva, Lifecare
    och Provi". Only single capitalised words that are no known entity, word or job title."""
    rules = gazetteer.unknown
    named = found + new
    more: list[_Found] = []
    entries: dict[tuple[str, str], Entry] = {}
    for anchor in [f for f in named if f.entry.type in ("product", "vendor")]:
        for step in (_next_in_list, _previous_in_list):
            pos = (anchor.start, anchor.end)
            while (span := step(view, text, origin, *pos, gazetteer)) is not None:
                start, end = span
                name = view[start:end]
                if (_overlaps(start, end, named + more) or not _may_be_new_name(name, rules)
                        or _sentence_start(view, text, origin, start) == start):
                    break
                entry = entries.setdefault((anchor.entry.type, name), Entry(
                    type=anchor.entry.type, name=name, id=f"{anchor.entry.type}/{slug(name)}", known=False))
                more.append(_Found(entry, start, end))
                pos = span
    return more


_LIST_WORD = re.compile(r"[A-ZÆØÅÄÖÜ][\w+]*(?![\w/-])")
_LIST_WORD_BEFORE = re.compile(r"(?<![\w-])[A-ZÆØÅÄÖÜ][\w+]*$")


def _next_in_list(view: str, text: str, origin: list[int], start: int, end: int,
                  gazetteer: Gazetteer) -> tuple[int, int] | None:
    separator = gazetteer.separator_pattern.match(view, end)
    word = _LIST_WORD.match(view, separator.end()) if separator else None
    if word is None or "\n" in text[origin[end - 1]:origin[word.start()]]:
        return None
    return word.start(), word.end()


def _previous_in_list(view: str, text: str, origin: list[int], start: int, end: int,
                      gazetteer: Gazetteer) -> tuple[int, int] | None:
    """The name before a ", " that opens a list ending in the name at start: "Treserva, Lifecare och Provi"."""
    if not view.startswith(", ", start - 2):
        return None
    word = _LIST_WORD_BEFORE.search(view, 0, start - 2)
    if word is None or "\n" in text[origin[word.start()]:origin[start - 1]]:
        return None
    return word.start(), word.end()


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
                                                  "known": f.entry.known, "mentions": []})
        mention = {"text": text[start:end], "start": start, "end": end}
        if mention not in entity["mentions"]:
            entity["mentions"].append(mention)
    return list(entities.values())
