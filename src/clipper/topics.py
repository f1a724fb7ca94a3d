"""Stage 5: which topics of the monitored field a clipping is about, with the terms that fired as
evidence, and whether it is about the field at all.

All domain knowledge (labels, definitions, terms, weights, thresholds) is in a taxonomy file
(data/taxonomy.toml by default; its header documents the format). Scoring in short: each concept (a
term with its inflections) found counts once by its weight, times a position factor (title > lead >
body), plus a little for each repeat. A topic's score combines that evidence's strength with its
dominance over the article's strongest topic, so a passing mention beside the main story stays low.
"""
from __future__ import annotations

import bisect
import math
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from . import tomlfile
from .errors import InputError
from .matcher import Match, TermMatcher

_FIELD_TERMS = ""  # the relevance group of the field's own vocabulary (facets have names)
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?•]+(?=\s)")
_TITLE_SENTENCE = -1
_EVIDENCE_LIMIT = 8
_SPLIT = "…"  # between the parts of a form that may stand apart: "skjut* … upp" (matcher.add_split)
_CLASS = "@"  # before the name of a word class: "@system" (data/lang/word_classes.toml)
_BOTH = " & "  # between the parts of a concept found in one sentence in any order: "spreng* & budsjett*"


@dataclass
class Classification:
    topics: list[dict[str, Any]] = field(default_factory=list)
    relevant: bool | None = None
    relevance: float | None = None
    # why: the field's own terms ("field") and each facet's terms and entities, as found
    relevance_evidence: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Concept:
    """One distinct term of a group (a label or a relevance facet): its forms count as one."""

    group: str
    forms: str  # as written in the taxonomy, "form|form*|..."
    weight: float
    naming: bool = False  # merely names the label's subject; yields to later stages (see Label.yields_to)


@dataclass(frozen=True)
class _Part:
    """One part of a concept written as parts joined by "&": found alone, it is no evidence."""

    concept: Concept
    index: int


@dataclass(frozen=True)
class Label:
    id: str
    definition: str
    yields_to: tuple[str, ...] = ()  # labels whose terms, in the same sentence, take this label's naming terms
    rivals: bool = True  # False: its evidence does not lower the other labels' dominance (an occasion)


@dataclass(frozen=True)
class Facet:
    name: str
    entity_types: tuple[str, ...]
    entity_weight: float
    in_point: bool = False  # the story's point (title or lede) must touch the facet, else it is background


@dataclass(frozen=True)
class Scoring:
    title_factor: float
    lead_factor: float
    lead_words: int
    repeat_factor: float
    max_repeats: int


@dataclass(frozen=True)
class Vocabulary:
    """The concepts of a set of groups, ready to find in a text."""

    matcher: TermMatcher
    parts: TermMatcher  # the parts of the concepts written with "&"


@dataclass(frozen=True)
class Taxonomy:
    name: str
    description: str
    labels: tuple[Label, ...]
    scoring: Scoring
    topic_half_score: float
    dominance_exponent: float
    topic_threshold: float
    require_relevance: bool
    relevance_half_score: float
    relevance_threshold: float
    link_weight: float  # a sentence of the lead holding every facet, counted as a concept
    link_min_weight: float  # ... by terms of at least this weight
    relevance_background_factor: float  # the share of its evidence a clipping keeps without the field in its point
    facets: tuple[Facet, ...]
    topic_vocabulary: Vocabulary = field(compare=False, repr=False)
    # one per group (the field's terms, each facet): a compound may be evidence of two facets at once,
    # "patientsystemet" of health care by its modifier and of IT by its head
    relevance_vocabularies: tuple[Vocabulary, ...] = field(compare=False, repr=False)


@dataclass(frozen=True)
class _Occurrence:
    surface: str
    factor: float
    sentence: int  # _TITLE_SENTENCE for the title


def load_taxonomy(path: str | None = None) -> Taxonomy:
    """The taxonomy in the file at `path`, or the packaged default. Raises InputError('taxonomy', ...)
    for a file that cannot be read or does not follow the format."""
    if path is None:
        return _default_taxonomy()
    content, data = tomlfile.read(path, "taxonomy")
    return _build(_with_defaults(data, path), path, content)


def package_file() -> Any:
    """The built-in taxonomy file (an importlib.resources Traversable; str() gives its path)."""
    return resources.files("clipper").joinpath("data/taxonomy.toml")


@lru_cache(maxsize=1)
def _package_data() -> dict[str, Any]:
    return tomllib.loads(package_file().read_text("utf-8"))


@lru_cache(maxsize=1)
def _default_taxonomy() -> Taxonomy:
    return _build(_package_data(), "package taxonomy.toml", package_file().read_text("utf-8"))


def _with_defaults(data: dict[str, Any], origin: str) -> dict[str, Any]:
    """A user's taxonomy with every setting it leaves out taken from the built-in one, so a file with
    only [labels.X] works. Terms, facets and ignored words are the user's own (none if left out); topics
    require relevance only where the file says how relevance is judged."""
    package = _package_data()
    merged = dict(data)
    relevance = _table(data, "relevance", origin)
    merged["scoring"] = {**package["scoring"], **_table(data, "scoring", origin)}
    merged["topics"] = {key: value for key, value in package["topics"].items() if key not in ("ignore",)}
    merged["topics"]["require_relevance"] = bool(relevance.get("terms") or relevance.get("facets"))
    merged["topics"].update(_table(data, "topics", origin))
    merged["relevance"] = {**{key: package["relevance"][key]
                              for key in ("half_score", "threshold", "link_weight", "link_min_weight",
                                          "background_factor")},
                           **relevance}
    merged["labels"] = {label_id: {"definition": "", **entry} if isinstance(entry, dict) else entry
                        for label_id, entry in _table(data, "labels", origin).items()}
    return merged


def _table(data: dict[str, Any], key: str, origin: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise InputError("taxonomy", f"{origin}: {key} must be a table ([{key}]), not a {type(value).__name__}")
    return value


def label_definitions(taxonomy: Taxonomy) -> list[dict[str, str]]:
    """The labels a taxonomy can emit, with their definitions (for `clipper topics`)."""
    return [{"label": label.id, "definition": label.definition} for label in taxonomy.labels]


def classify(text: str, title: str | None, entities: list[dict[str, Any]], taxonomy: Taxonomy) -> Classification:
    text, title = text or "", title or ""
    relevance, evidence = _relevance(text, title, entities, taxonomy)
    relevant = relevance >= taxonomy.relevance_threshold
    if taxonomy.require_relevance and not relevant:
        return Classification([], relevant, relevance, evidence)
    return Classification(_topics(text, title, taxonomy), relevant, relevance, evidence)


def _topics(text: str, title: str, taxonomy: Taxonomy) -> list[dict[str, Any]]:
    asides = _aside_sentences(text, _after_title(text, title))
    found = _occurrences(text, title, (taxonomy.topic_vocabulary,), taxonomy.scoring, asides)
    for label in taxonomy.labels:
        if label.yields_to and label.id in found:
            found[label.id] = _yield(found[label.id], [found[other] for other in label.yields_to if other in found])
    found = {label_id: concepts for label_id, concepts in found.items() if concepts}
    evidence = {label_id: _evidence_weight(concepts, taxonomy.scoring) for label_id, concepts in found.items()}
    rivals = {label.id for label in taxonomy.labels if label.rivals}
    strongest = max((weight for label_id, weight in evidence.items() if label_id in rivals),
                    default=max(evidence.values(), default=0.0))
    topics = []
    for label_id, weight in evidence.items():
        strength = weight / (weight + taxonomy.topic_half_score)
        dominance = min(1.0, weight / strongest)
        score = round(strength * dominance**taxonomy.dominance_exponent, 3)
        if score >= taxonomy.topic_threshold:
            topics.append({"label": label_id, "score": score,
                           "evidence": _surfaces(found[label_id], taxonomy.scoring)})
    topics.sort(key=lambda topic: (-topic["score"], topic["label"]))
    return topics


def _yield(concepts: dict[Concept, list[_Occurrence]],
           stronger: list[dict[Concept, list[_Occurrence]]]) -> dict[Concept, list[_Occurrence]]:
    """A label's evidence without its naming terms in sentences where a label it yields to has a term."""
    taken = {o.sentence for other in stronger for occurrences in other.values() for o in occurrences}
    kept = {
        concept: [o for o in occurrences if not (concept.naming and o.sentence in taken)]
        for concept, occurrences in concepts.items()
    }
    return {concept: occurrences for concept, occurrences in kept.items() if occurrences}


def _relevance(text: str, title: str, entities: list[dict[str, Any]],
               taxonomy: Taxonomy) -> tuple[float, dict[str, list[str]]]:
    """The relevance score and, per group (the field's own terms, each facet, the sentences that join the
    facets), what counted for it."""
    layout = _layout(text, title, taxonomy.scoring.lead_words)
    last_point = _last_point_sentence(text, layout)
    found = _occurrences(text, title, taxonomy.relevance_vocabularies, taxonomy.scoring)
    field_terms = found.get(_FIELD_TERMS, {})
    weight = _evidence_weight(field_terms, taxonomy.scoring)
    evidence = {"field": _surfaces(field_terms, taxonomy.scoring)} if field_terms else {}
    field_in_point = any(o.sentence <= last_point for occurrences in field_terms.values() for o in occurrences)
    if taxonomy.facets:
        facet_weights: list[float] = []
        placed: list[list[_Placed]] = []
        for facet in taxonomy.facets:
            concepts = found.get(facet.name, {})
            facet_weight, facet_evidence = _facet_weight(facet, concepts, entities, taxonomy.scoring)
            facet_weights.append(facet_weight)
            if facet_evidence:
                evidence[facet.name] = facet_evidence
            placed.append(_placed(facet, concepts, entities, layout, taxonomy.scoring))
        link_weight, links = _link(placed, taxonomy)
        if links:
            evidence["together"] = links
        weight += min(facet_weights) + link_weight
        # the story's point (title, lede) must hold a field term or touch each facet marked in_point
        missing = [facet.name for facet, facet_placed in zip(taxonomy.facets, placed, strict=True)
                   if facet.in_point and not any(p.sentence <= last_point for p in facet_placed)]
        if missing and not field_in_point:
            weight *= taxonomy.relevance_background_factor
            evidence["not_in_point"] = missing
    return round(weight / (weight + taxonomy.relevance_half_score), 3), evidence


def _last_point_sentence(text: str, layout: tuple[int, int, list[int]]) -> int:
    """The number (as in _Occurrence.sentence) of the last sentence of the story's point: the title and
    the body's first paragraph that holds a sentence (a lede, not a headline), at most the lead."""
    body_start, lead_end, sentence_ends = layout
    first_word = _WORD.search(text, body_start)
    first_end = next((end for end in sentence_ends if first_word and end > first_word.start()), len(text))
    paragraph_end = text.find("\n", first_end)
    point_end = min(len(text) if paragraph_end < 0 else paragraph_end, max(lead_end, first_end))
    return bisect.bisect_right(sentence_ends, point_end - 1)


@dataclass(frozen=True)
class _Placed:
    """Where a facet's term or entity was found (sentence as in _Occurrence, with its position factor)."""

    sentence: int
    factor: float
    surface: str
    term_weight: float  # the weight of the term's concept; 0.0 for an entity


def _placed(facet: Facet, concepts: dict[Concept, list[_Occurrence]], entities: list[dict[str, Any]],
            layout: tuple[int, int, list[int]], scoring: Scoring) -> list[_Placed]:
    """Each term and entity mention of a facet with its place in the text."""
    body_start, lead_end, sentence_ends = layout
    placed = [_Placed(o.sentence, o.factor, o.surface, concept.weight)
              for concept, occurrences in concepts.items() for o in occurrences]
    for entity in entities or []:
        if entity.get("type") not in facet.entity_types:
            continue
        for mention in entity.get("mentions") or []:
            start, surface = int(mention.get("start", 0)), str(mention.get("text", ""))
            if start < body_start:
                placed.append(_Placed(_TITLE_SENTENCE, scoring.title_factor, surface, 0.0))
            else:
                placed.append(_Placed(bisect.bisect_right(sentence_ends, start),
                                      scoring.lead_factor if start < lead_end else 1.0, surface, 0.0))
    return placed


def _link(placed: list[list[_Placed]], taxonomy: Taxonomy) -> tuple[float, list[str]]:
    """The evidence of the title's or lead's sentences that hold a clear term of every facet, as one
    concept: a body of the field acting on or with a system ("pasientar i Helse Vest fekk ikkje time etter
    ein feil i det nye systemet"), stronger than the facets found apart. A name is not enough (a region
    runs buses too), nor a weak term. With what each such sentence holds, as "A + B"."""
    if not placed or taxonomy.link_weight == 0:
        return 0.0, []
    by_sentence: list[dict[int, _Placed]] = []
    for facet_placed in placed:
        clear: dict[int, _Placed] = {}
        for p in facet_placed:
            if p.factor > 1.0 and p.term_weight >= taxonomy.link_min_weight:
                clear.setdefault(p.sentence, p)
        by_sentence.append(clear)
    shared = sorted(set.intersection(*(set(clear) for clear in by_sentence)))
    if not shared:
        return 0.0, []
    occurrences = [_Occurrence("", min(clear[n].factor for clear in by_sentence), n) for n in shared]
    links = list(dict.fromkeys(" + ".join(clear[n].surface for clear in by_sentence) for n in shared))
    return _concept_weight(Concept("", "", taxonomy.link_weight), occurrences, taxonomy.scoring), links[:3]


def _facet_weight(facet: Facet, concepts: dict[Concept, list[_Occurrence]], entities: list[dict[str, Any]],
                  scoring: Scoring) -> tuple[float, list[str]]:
    """Term evidence of a facet plus its entities, skipping entities already counted as terms."""
    seen = {occurrence.surface.casefold() for occurrences in concepts.values() for occurrence in occurrences}
    names: dict[str, str] = {}
    for entity in entities or []:
        name = str(entity.get("name") or "")
        if entity.get("type") in facet.entity_types and name and not any(s.startswith(name.casefold())
                                                                            for s in seen):
            names.setdefault(name.casefold(), name)
    weight = _evidence_weight(concepts, scoring) + facet.entity_weight * len(names)
    return weight, list(names.values()) + _surfaces(concepts, scoring)


def _occurrences(text: str, title: str, vocabularies: Iterable[Vocabulary], scoring: Scoring,
                 asides: frozenset[int] = frozenset()) -> dict[str, dict[Concept, list[_Occurrence]]]:
    """group → concept → where it was found (surface form, position factor, sentence). A term in an
    aside (a sentence in `asides`: hypothetical or background) counts less (data/lang/aside.toml)."""
    found: dict[str, dict[Concept, list[_Occurrence]]] = defaultdict(lambda: defaultdict(list))
    layout = _layout(text, title, scoring.lead_words)
    for vocabulary in vocabularies:
        _add_occurrences(found, text, title, vocabulary, scoring, asides, layout)
    return found


def _layout(text: str, title: str, lead_words: int) -> tuple[int, int, list[int]]:
    """Where the body starts, where its lead ends, and where each of its sentences ends."""
    body_start = _after_title(text, title)
    return body_start, _lead_end(text, body_start, lead_words), [m.end() for m in _SENTENCE_END.finditer(text)]


def _add_occurrences(found: dict[str, dict[Concept, list[_Occurrence]]], text: str, title: str,
                     vocabulary: Vocabulary, scoring: Scoring, asides: frozenset[int],
                     layout: tuple[int, int, list[int]]) -> None:
    body_start, lead_end, sentence_ends = layout
    # (concept, sentence) → part index → where its first occurrence there lies, for the concepts written
    # with "&"; and (group, sentence) → the spans of the group's other concepts found there
    parts: dict[tuple[Concept, int], dict[int, tuple[int, int, _Occurrence]]] = defaultdict(dict)
    spans: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)

    def add(match: Match, occurrence: _Occurrence) -> None:
        for item in match.payload:
            if isinstance(item, _Part):
                parts[(item.concept, occurrence.sentence)].setdefault(item.index, (match.start, match.end, occurrence))
            else:
                found[item.group][item].append(occurrence)
                spans[(item.group, occurrence.sentence)].append((match.start, match.end))

    for match in _finditer(vocabulary, title):
        add(match, _Occurrence(match.text, scoring.title_factor, _TITLE_SENTENCE))
    for match in _finditer(vocabulary, text):
        if match.start < body_start:
            continue
        factor = scoring.lead_factor if match.start < lead_end else 1.0
        sentence = bisect.bisect_right(sentence_ends, match.start)
        if sentence in asides:
            factor *= _aside_cues()[1]
        add(match, _Occurrence(match.text, factor, sentence))
    for (concept, sentence), found_parts in parts.items():
        if len(found_parts) < concept.forms.count(_BOTH) + 1:
            continue
        taken = spans[(concept.group, sentence)]
        if all(any(start_ <= start and end <= end_ for start_, end_ in taken)
               for start, end, _ in found_parts.values()):
            continue  # the words already count for the label as one of its phrases ("kontrakten blev underskrevet")
        in_order = [occurrence for _, _, occurrence in sorted(found_parts.values(), key=lambda p: p[0])]
        found[concept.group][concept].append(_Occurrence(
            f" {_SPLIT} ".join(o.surface for o in in_order), min(o.factor for o in in_order), sentence))


def _finditer(vocabulary: Vocabulary, text: str) -> Iterator[Match]:
    yield from vocabulary.matcher.finditer(text)
    yield from vocabulary.parts.finditer(text)


def _after_title(text: str, title: str) -> int:
    """Where the body starts: after the title when the text repeats it first, so it counts once."""
    words = _WORD.findall(title)
    if not words:
        return 0
    pattern = r"^\W*" + r"\W+".join(map(re.escape, words))
    match = re.match(pattern, text, re.IGNORECASE)
    return match.end() if match else 0


def _lead_end(text: str, body_start: int, lead_words: int) -> int:
    end = body_start
    for count, word in enumerate(_WORD.finditer(text, body_start), start=1):
        end = word.end()
        if count == lead_words:
            break
    return end


def _evidence_weight(concepts: dict[Concept, list[_Occurrence]], scoring: Scoring) -> float:
    return sum(_concept_weight(concept, occurrences, scoring) for concept, occurrences in concepts.items())


def _concept_weight(concept: Concept, occurrences: list[_Occurrence], scoring: Scoring) -> float:
    factors = sorted((occurrence.factor for occurrence in occurrences), reverse=True)
    repeats = sum(factors[1 : 1 + scoring.max_repeats])
    return concept.weight * (factors[0] + scoring.repeat_factor * repeats)


def _surfaces(concepts: dict[Concept, list[_Occurrence]], scoring: Scoring) -> list[str]:
    """The terms that fired, as found (body before title), strongest concept first, without repeats."""
    ranked = sorted(concepts.items(), key=lambda item: -_concept_weight(item[0], item[1], scoring))
    surfaces: list[str] = []
    seen: set[str] = set()
    for _, occurrences in ranked:
        for occurrence in sorted(occurrences, key=lambda o: o.sentence == _TITLE_SENTENCE):
            key = occurrence.surface.casefold()
            if key not in seen:
                seen.add(key)
                surfaces.append(occurrence.surface)
    return surfaces[:_EVIDENCE_LIMIT]


def _build(data: dict[str, Any], origin: str, content: str) -> Taxonomy:
    try:
        _check_keys(data, {"name", "description", "scoring", "topics", "relevance", "labels"}, "the file")
        _check_keys(data["relevance"], {"half_score", "threshold", "link_weight", "link_min_weight",
                                         "background_factor", "terms", "facets"}, "[relevance]")
        for label_id, entry in data["labels"].items():
            _check_keys(entry, {"definition", "terms", "naming_terms", "yields_to", "rivals"}, f"[labels.{label_id}]")
            if not entry.get("terms"):
                raise _Malformed(f"[labels.{label_id}] has no terms: add a [labels.{label_id}.terms] table",
                                 f"[labels.{label_id}]")
        scoring_data, topics_data, relevance_data = data["scoring"], data["topics"], data["relevance"]
        scoring = Scoring(
            title_factor=_number(scoring_data["title_factor"], "title_factor"),
            lead_factor=_number(scoring_data["lead_factor"], "lead_factor"),
            lead_words=int(_number(scoring_data["lead_words"], "lead_words")),
            repeat_factor=_number(scoring_data["repeat_factor"], "repeat_factor"),
            max_repeats=int(_number(scoring_data["max_repeats"], "max_repeats")),
        )
        labels = tuple(
            Label(label_id, str(entry["definition"]), tuple(map(str, entry.get("yields_to", ()))),
                  bool(entry.get("rivals", True)))
            for label_id, entry in data["labels"].items()
        )
        topic_concepts = [
            concept
            for label_id, entry in data["labels"].items()
            for concept in (_concepts(label_id, entry["terms"])
                            + _concepts(label_id, entry.get("naming_terms", {}), True))
        ]
        facets_data = relevance_data.get("facets", {})
        facets = tuple(
            Facet(name, tuple(entry.get("entity_types", ())), _number(entry.get("entity_weight", 0.0), "entity_weight"),
                  bool(entry.get("in_point", False)))
            for name, entry in facets_data.items()
        )
        relevance_concepts = _concepts(_FIELD_TERMS, relevance_data.get("terms", {}))
        for name, entry in facets_data.items():
            relevance_concepts += _concepts(name, entry["terms"])
        taxonomy = Taxonomy(
            name=str(data.get("name", "")),
            description=str(data.get("description", "")),
            labels=labels,
            scoring=scoring,
            topic_half_score=_positive(topics_data["half_score"], "half_score"),
            dominance_exponent=_number(topics_data["dominance_exponent"], "dominance_exponent"),
            topic_threshold=_share(topics_data["threshold"], "threshold"),
            require_relevance=bool(topics_data.get("require_relevance", False)),
            relevance_half_score=_positive(relevance_data["half_score"], "half_score"),
            relevance_threshold=_share(relevance_data["threshold"], "threshold"),
            link_weight=_number(relevance_data["link_weight"], "link_weight"),
            link_min_weight=_number(relevance_data["link_min_weight"], "link_min_weight"),
            relevance_background_factor=_share(relevance_data["background_factor"], "background_factor"),
            facets=facets,
            topic_vocabulary=_vocabulary(topic_concepts, topics_data.get("ignore", ())),
            relevance_vocabularies=tuple(
                _vocabulary([c for c in relevance_concepts if c.group == group])
                for group in dict.fromkeys(c.group for c in relevance_concepts)),
        )
    except _Malformed as exc:
        raise InputError("taxonomy", f"{tomlfile.where(origin, content, *exc.needles)}: {exc}") from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        what = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        raise InputError("taxonomy", f"{origin}: malformed taxonomy: {what}") from exc
    if not taxonomy.labels:
        raise InputError("taxonomy", f"{origin}: no labels: a taxonomy needs a [labels.NAME.terms] table")
    known = {label.id for label in taxonomy.labels}
    for label in taxonomy.labels:
        if unknown := set(label.yields_to) - known:
            where = tomlfile.where(origin, content, "yields_to")
            raise InputError("taxonomy", f"{where}: {label.id} yields to unknown labels {sorted(unknown)}")
    return taxonomy


def _check_keys(table: dict[str, Any], allowed: set[str], where: str) -> None:
    """A stray key is most likely a term written outside its table: say so rather than ignore it."""
    if unknown := set(table) - allowed:
        raise _Malformed(f"unknown keys in {where}: {sorted(unknown)}", *(f"{key} =" for key in sorted(unknown)),
                         *sorted(unknown))


def _concepts(group: str, terms: dict[str, Any], naming: bool = False) -> list[Concept]:
    return [Concept(group, forms, _number(weight, forms), naming) for forms, weight in terms.items()]


def _vocabulary(concepts: list[Concept], ignored: Iterable[str] = ()) -> Vocabulary:
    """The concepts' forms in one matcher, the parts of the concepts written with "&" in another (so a
    part is found even where a longer form of a concept covers the same word)."""
    forms = [(raw, carrier) for concept in concepts for raw, carrier in _forms(concept)]
    return Vocabulary(_matcher([(raw, carrier) for raw, carrier in forms if isinstance(carrier, Concept)], ignored),
                      _matcher([(raw, carrier) for raw, carrier in forms if isinstance(carrier, _Part)], ignored))


def _matcher(forms: list[tuple[str, Concept | _Part]], ignored: Iterable[str]) -> TermMatcher:
    """One matcher for the forms; a form shared by several concepts carries all of them. Ignored
    forms carry none: as the longest match they keep a word from a shorter stem
    ("upphandlingschef" is a job title, not evidence of "upphandl*")."""
    by_form: dict[tuple[str, bool, bool, bool], list[Concept | _Part]] = defaultdict(list)
    split: dict[str, list[Concept | _Part]] = defaultdict(list)
    for raw, concept in [*_with_classes(forms), *((raw, None) for raw in ignored)]:
        form = raw.strip()
        if _SPLIT in form:
            if concept is not None and concept not in split[form.lower()]:
                split[form.lower()].append(concept)
            continue
        prefix, head = form.endswith("*"), form.startswith("*")
        form = form.strip("*").strip()
        if not form or "*" in form:
            raise _Malformed(f"empty form or '*' inside {raw!r}", raw.strip() or "||", "|*", "*|")
        case_sensitive = form == form.upper()  # an acronym: "EPJ", "KOFA"
        carried = by_form[(form if case_sensitive else form.lower(), prefix, head, case_sensitive)]
        if concept is not None and concept not in carried:
            carried.append(concept)
    matcher = TermMatcher()
    endings = inflection_endings()
    for (form, prefix, head, case_sensitive), carried in by_form.items():
        matcher.add(form, tuple(carried), case_sensitive=case_sensitive, prefix=prefix, head=head,
                    endings=frozenset() if case_sensitive else endings)
    for form, carried in split.items():
        matcher.add_split(_split_parts(form), tuple(carried), endings=endings)
    return matcher


def _with_classes(forms: list[tuple[str, Concept | _Part]]) -> Iterator[tuple[str, Concept | _Part]]:
    """The forms with each "@class" replaced by the words of that class (data/lang/word_classes.toml)."""
    classes = word_classes()
    for raw, carrier in forms:
        name = raw.strip()
        if not name.startswith(_CLASS):
            yield raw, carrier
        elif name[1:] in classes:
            yield from ((form, carrier) for form in classes[name[1:]])
        else:
            raise _Malformed(f"unknown word class {name!r}: the classes are "
                             f"{', '.join(_CLASS + known for known in sorted(classes))}", name)


def _forms(concept: Concept) -> Iterator[tuple[str, Concept | _Part]]:
    """Each form of a concept with what finding it means: the concept, or one part of a concept written
    as parts joined by "&" ("spreng*|sprak* & budsjett*|ramme*": a verb and its object, in either order)."""
    if _BOTH not in concept.forms:
        yield from ((raw, concept) for raw in concept.forms.split("|"))
        return
    alternatives = concept.forms.split(_BOTH)
    if any(not part.strip().strip("|") for part in alternatives):
        raise _Malformed(f"a form with '&' needs forms on both sides of it: {concept.forms!r}", concept.forms)
    for index, part in enumerate(alternatives):
        yield from ((raw, _Part(concept, index)) for raw in part.split("|"))


def _split_parts(form: str) -> list[tuple[str, bool]]:
    """The parts of a split form ("skjut* … upp"), each as (text, is a stem)."""
    parts = [part.strip() for part in form.split(_SPLIT)]
    if len(parts) < 2 or any(not part.strip("*").strip() or "*" in part.rstrip("*") for part in parts):
        raise _Malformed(f"a split form needs words on both sides of '{_SPLIT}' and '*' only at a part's end: "
                         f"{form!r}", form)
    return [(part.rstrip("*").strip(), part.endswith("*")) for part in parts]


def _aside_sentences(text: str, body_start: int) -> frozenset[int]:
    """The numbers (as in _Occurrence.sentence) of the body's sentences that hold an aside cue. The
    body's first sentence states the story, so it is never an aside."""
    cue = _aside_cues()[0]
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    first = bisect.bisect_right(sentence_ends, body_start)
    return frozenset(n for m in cue.finditer(text) if (n := bisect.bisect_right(sentence_ends, m.start())) > first)


@lru_cache(maxsize=1)
def _aside_cues() -> tuple[re.Pattern[str], float]:
    """One pattern for the aside cues of all our languages, and what a term in an aside counts."""
    data = tomllib.loads(resources.files("clipper").joinpath("data/lang/aside.toml").read_text("utf-8"))
    cues = sorted({cue for cues in data["cues"].values() for cue in cues}, key=len, reverse=True)
    pattern = r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, c.split())) for c in cues) + r")(?!\w)"
    return re.compile(pattern, re.IGNORECASE), float(data["weight"])


@lru_cache(maxsize=1)
def word_classes() -> dict[str, tuple[str, ...]]:
    """Each word class with its forms in all our languages (data/lang/word_classes.toml)."""
    data = tomllib.loads(resources.files("clipper").joinpath("data/lang/word_classes.toml").read_text("utf-8"))
    return {name: tuple(dict.fromkeys(form for forms in by_language.values() for form in forms))
            for name, by_language in data.items()}


@lru_cache(maxsize=1)
def inflection_endings() -> frozenset[str]:
    """The endings a full-form term may carry in any of our languages (data/lang/inflection.toml)."""
    data = tomllib.loads(resources.files("clipper").joinpath("data/lang/inflection.toml").read_text("utf-8"))
    return frozenset(ending for endings in data["endings"].values() for ending in endings)


class _Malformed(ValueError):
    """A value that breaks the format, with what to look for in the file to find its line."""

    def __init__(self, message: str, *needles: str) -> None:
        super().__init__(message)
        self.needles = needles


def _number(value: Any, key: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number) or number < 0:
        raise _Malformed(f"{key} = {value!r} is not a non-negative number", f"{key} =", f'"{key}" =', key)
    return number


def _positive(value: Any, key: str) -> float:
    number = _number(value, key)
    if number == 0:
        raise _Malformed(f"{key} = {value!r} is not a positive number", f"{key} =", key)
    return number


def _share(value: Any, key: str) -> float:
    number = _number(value, key)
    if number > 1:
        raise _Malformed(f"{key} = {value!r} is not between 0 and 1", f"{key} =", key)
    return number
