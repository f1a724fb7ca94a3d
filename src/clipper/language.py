"""Stage 3: language of the clean text, deterministic.

langdetect (fixed seed) names the language; when it or the text's own words point to Swedish, Danish
or Norwegian (cue words, or words likelier in one of the three than in any other language), a
narrower judge decides between those three. It adds up
  - cue points: words, word beginnings and endings, letter sequences and word patterns that one
    language writes and the others do not, hand-picked (data/lang/{sv,da,no}.toml; Nynorsk lives
    there too);
  - word frequencies: log-likelihood of the words under each language's word frequencies
    (data/lang/word_frequencies.tsv), which knows the long tail the cue lists cannot;
  - langdetect's own belief, damped: its letter n-grams separate the three poorly on short text.
langdetect alone confuses the three on about one short sentence in ten; the words are what tell
"ble/hadde/noen" from "blev/havde/nogle".
"""
from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from langdetect import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

SCANDINAVIAN = ("sv", "da", "no")
# Columns of the word-frequency table: the three, and the most a word is used in any other language.
FREQUENCY_COLUMNS = (*SCANDINAVIAN, "other")
# What one cue is worth, by tier (see data/lang/README.md).
CUE_POINTS = {"only": 3.0, "shared": 1.0}
# Zipf units are log10 (× ln 10 = natural log), weighed at half: at full weight the table (web text,
# names and all) overrode the hand-picked cues too often on the dev sentences.
FREQUENCY_WEIGHT = 0.5 * math.log(10)
# How far langdetect's log-probability counts against the cue points: it sees letter n-grams, which
# separate the three languages poorly on short text, so its certainty is worth little there.
LANGDETECT_WEIGHT = 0.25
LANGDETECT_FLOOR = 0.01
# A text langdetect calls something else is still judged Scandinavian when this many points of word
# evidence back one of the three and the cue words make up this share of its words ...
MIN_WORD_POINTS = 6.0
MIN_CUE_WORD_SHARE = 0.25
# ... or, with fewer points, when langdetect itself gives the three together this much probability ...
MIN_WORD_POINTS_SECOND_GUESS = 3.0
MIN_SCANDINAVIAN_MASS = 0.1
# ... or when its words, names left out, are this much likelier (weighted log-likelihood) in one of
# the three than in any other language: langdetect's letter n-grams call short everyday sentences
# Dutch, Slovak or Tagalog ("Vad heter du?", "Hvor bor du?", "Jag saknar dig."), the words do not.
MIN_FREQUENCY_MARGIN = 1.5
# langdetect reads at most this much (its cost grows with length; an article's first few thousand
# characters settle its language); the cue count reads more, as it is cheap.
LANGDETECT_SAMPLE_CHARS = 3000
CUE_SAMPLE_CHARS = 20000
MIN_LETTERS = 3
# One word does not tell a language ("Regionen" is Swedish, Danish, Norwegian and German alike).
MIN_WORDS = 2

_WORD = re.compile(r"[^\W\d_]+")
# Addresses name no language. The e-mail half starts only where a token starts and its parts hold no
# "@": `\S+@\S+` backtracks cubically over "a@a@a@...".
_URL_OR_EMAIL = re.compile(r"\b(?:https?://|www\.)\S+|(?<!\S)[^\s@]+@[^\s@]+\.\w+")


@dataclass(frozen=True)
class Cues:
    """Scandinavian evidence: cue → {language: points}."""

    words: dict[str, dict[str, float]]
    prefixes: dict[str, dict[str, float]]
    suffixes: dict[str, dict[str, float]]
    infixes: dict[str, dict[str, float]]
    patterns: tuple[tuple[re.Pattern[str], dict[str, float]], ...]  # over the words joined by spaces
    prefix_lengths: tuple[int, ...]  # longest first
    suffix_lengths: tuple[int, ...]  # longest first


@lru_cache(maxsize=1)
def scandinavian_cues() -> Cues:
    tables: dict[str, dict[str, dict[str, float]]] = {
        "words": {}, "prefixes": {}, "suffixes": {}, "infixes": {}, "patterns": {}
    }
    for lang in SCANDINAVIAN:
        path = resources.files("clipper").joinpath(f"data/lang/{lang}.toml")
        data = tomllib.loads(path.read_text("utf-8"))
        for kind, table in tables.items():
            for tier, points in CUE_POINTS.items():
                for cue in data.get(kind, {}).get(tier, []):
                    table.setdefault(cue if kind == "patterns" else cue.lower(), {})[lang] = points
    patterns = tuple((re.compile(pattern), by_lang) for pattern, by_lang in tables.pop("patterns").items())

    def lengths(kind: str) -> tuple[int, ...]:
        return tuple(sorted({len(cue) for cue in tables[kind]}, reverse=True))

    return Cues(
        **tables, patterns=patterns, prefix_lengths=lengths("prefixes"), suffix_lengths=lengths("suffixes")
    )


@lru_cache(maxsize=1)
def word_frequencies() -> dict[str, tuple[float, ...]]:
    """word → Zipf frequency in each of FREQUENCY_COLUMNS (same order); words absent say nothing."""
    lines = resources.files("clipper").joinpath("data/lang/word_frequencies.tsv").read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    header, body = rows[0], rows[1:]
    order = [header.index(column) for column in FREQUENCY_COLUMNS]
    return {row[0]: tuple(float(row[i]) for i in order) for row in body}


@lru_cache(maxsize=1)
def _detector_factory() -> DetectorFactory:
    # langdetect's profiles load once; a private factory with a fixed seed keeps results deterministic.
    from langdetect.detector_factory import PROFILES_DIRECTORY

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, confidence 0..1); ('und', 0.0) when the text is too short to say.

    Norwegian, Bokmål or Nynorsk, is 'no'.
    """
    text = _URL_OR_EMAIL.sub(" ", text or "")
    as_written = _WORD.findall(text[:CUE_SAMPLE_CHARS])
    words = [w.lower() for w in as_written]
    if len(words) < MIN_WORDS or sum(map(len, words)) < MIN_LETTERS:
        return "und", 0.0
    general = langdetect_probabilities(_head(text, LANGDETECT_SAMPLE_CHARS))
    common_words = _without_names(as_written)
    evidence = cue_evidence(words, common_words=common_words)
    top = max(general, key=general.__getitem__, default="und")
    if top not in SCANDINAVIAN and not _scandinavian_by_words(evidence, common_words, general):
        return (top, round(general[top], 4)) if general else ("und", 0.0)
    return _judge_scandinavian(evidence.points, frequency_evidence(words), general)


def langdetect_probabilities(text: str) -> dict[str, float]:
    """langdetect's probability for every language it knows ({} when it finds no letters)."""
    detector = _detector_factory().create()
    detector.append(text)
    try:
        detector.get_probabilities()
    except LangDetectException:
        return {}
    return dict(zip(detector.langlist, detector.langprob, strict=False))


@dataclass(frozen=True)
class Evidence:
    points: dict[str, float]  # all cues, per Scandinavian language
    word_points: dict[str, float]  # whole-word cues only: endings and letters occur in other languages too
    cue_words: int  # words that are a whole-word cue
    words: int


def cue_evidence(
    words: list[str], cues: Cues | None = None, common_words: list[str] | None = None
) -> Evidence:
    """Cue points of the words; patterns run over common_words (the words less names, default all),
    so that "at Helse Vest" is not Danish "at" before an infinitive."""
    cues = cues or scandinavian_cues()
    points = dict.fromkeys(SCANDINAVIAN, 0.0)
    word_points = dict.fromkeys(SCANDINAVIAN, 0.0)
    cue_words = 0
    for word in words:
        if word in cues.words:
            # a listed word is judged as a whole: "være" is not Danish for its "æ"
            cue_words += 1
            _add(points, cues.words[word])
            _add(word_points, cues.words[word])
            continue
        for length in cues.prefix_lengths:
            if len(word) >= length + 2 and word[:length] in cues.prefixes:
                _add(points, cues.prefixes[word[:length]])
                break
        for length in cues.suffix_lengths:
            if len(word) >= length + 2 and word[-length:] in cues.suffixes:
                _add(points, cues.suffixes[word[-length:]])
                break
        for infix, by_lang in cues.infixes.items():
            if infix in word:
                _add(points, by_lang)
    running_text = " ".join(words if common_words is None else common_words)
    for pattern, by_lang in cues.patterns:
        for _ in pattern.finditer(running_text):
            _add(points, by_lang)
    return Evidence(points, word_points, cue_words, len(words))


def frequency_evidence(words: list[str]) -> dict[str, float]:
    """Weighted log-likelihood (up to a shared constant) of the words in each of FREQUENCY_COLUMNS."""
    frequencies = word_frequencies()
    totals = [0.0] * len(FREQUENCY_COLUMNS)
    for word in words:
        zipf = frequencies.get(word)
        if zipf:
            totals = [t + z for t, z in zip(totals, zipf, strict=False)]
    return {column: FREQUENCY_WEIGHT * t for column, t in zip(FREQUENCY_COLUMNS, totals, strict=False)}


def _add(total: dict[str, float], by_lang: dict[str, float]) -> None:
    for lang, points in by_lang.items():
        total[lang] += points


def _scandinavian_by_words(evidence: Evidence, common_words: list[str], general: dict[str, float]) -> bool:
    strongest = max(evidence.word_points.values())
    if strongest >= MIN_WORD_POINTS and evidence.cue_words >= MIN_CUE_WORD_SHARE * evidence.words:
        return True
    likelihood = frequency_evidence(common_words)
    if max(likelihood[lang] for lang in SCANDINAVIAN) - likelihood["other"] >= MIN_FREQUENCY_MARGIN:
        return True
    scandinavian_mass = sum(general.get(lang, 0.0) for lang in SCANDINAVIAN)
    return strongest >= MIN_WORD_POINTS_SECOND_GUESS and scandinavian_mass >= MIN_SCANDINAVIAN_MASS


def _without_names(as_written: list[str]) -> list[str]:
    """The words, lower-cased, less names: a name ("Helse Vest" in a Finnish sentence) tells where
    something is, not the language of the text. A capitalized word is taken for a name unless it is
    the first and the next is not capitalized too."""
    capitalized = [w[0].isupper() for w in as_written] + [False]
    return [
        w.lower() for i, w in enumerate(as_written)
        if not capitalized[i] or (i == 0 and not capitalized[1])
    ]


def _judge_scandinavian(
    points: dict[str, float], likelihood: dict[str, float], general: dict[str, float]
) -> tuple[str, float]:
    scores = {
        lang: points[lang] + likelihood[lang]
        + LANGDETECT_WEIGHT * math.log(max(general.get(lang, 0.0), LANGDETECT_FLOOR))
        for lang in SCANDINAVIAN
    }
    best = max(scores, key=scores.__getitem__)
    # softmax over the three, scaled by how sure langdetect is that the text is Scandinavian at all
    total = sum(math.exp(s - scores[best]) for s in scores.values())
    scandinavian_mass = sum(general.get(lang, 0.0) for lang in SCANDINAVIAN)
    confidence = (1.0 / total) * max(scandinavian_mass, 0.5)
    return best, round(confidence, 4)


def _head(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]
