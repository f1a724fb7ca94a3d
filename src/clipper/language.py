"""Stage 3: language of the clean text, deterministic.

langdetect (fixed seed) names the language; when it or the text's own words point to Swedish, Danish
or Norwegian (cue words, or words likelier in one of the three than in any other language), a
narrower judge decides between those three. It adds up
  - cue points: words, word beginnings and endings, letter sequences and word patterns that one
    language writes and the others do not, hand-picked (data/lang/{sv,da,no}.toml; Nynorsk lives
    there too);
  - word frequencies: log-likelihood of the words under each language's word frequencies
    (data/lang/word_frequencies.bin), which knows the long tail the cue lists cannot;
  - langdetect's own belief, damped: its letter n-grams separate the three poorly on short text.
langdetect alone confuses the three on about one short sentence in ten; the words are what tell
"ble/hadde/noen" from "blev/havde/nogle". Where the words alone make the text Scandinavian and lead
by more than langdetect's damped belief could shift, langdetect (most of this stage's cost) is not run.
"""
from __future__ import annotations

import json
import math
import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from langdetect import DetectorFactory
from langdetect.detector import Detector
from langdetect.lang_detect_exception import LangDetectException
from langdetect.utils.ngram import NGram

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
# The most langdetect's term can move one language's score against another's.
LANGDETECT_SWING = -LANGDETECT_WEIGHT * math.log(LANGDETECT_FLOOR)
# From this many words on, langdetect is skipped where the words decide (see _decided_by_words): on
# such text it gives the three nearly all its probability, so leaving it out changes no confidence
# (1 of 303 such dev/test sentences, none of 107 clippings and pages); on shorter text its doubt
# still lowers the confidence.
MIN_WORDS_WITHOUT_LANGDETECT = 30
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


class WordFrequencies(Mapping[str, tuple[float, ...]]):
    """word → Zipf frequency in each of FREQUENCY_COLUMNS (same order); words absent say nothing.

    Read from data/lang/word_frequencies.bin (see data/lang/README.md): the words in one block and
    their values as bytes of tenths of a Zipf unit; a word's values become floats only when it is
    looked up, so loading costs a split and a dict, not 64 000 rows of float parsing."""

    MAGIC = b"clipper word frequencies 1\n"

    def __init__(self, blob: bytes) -> None:
        if not blob.startswith(self.MAGIC):
            raise ValueError("not a clipper word-frequency table")
        columns_end = blob.index(b"\n", len(self.MAGIC)) + 1
        self.columns = tuple(blob[len(self.MAGIC) : columns_end].decode("ascii").split())
        count_at = columns_end
        count = int.from_bytes(blob[count_at : count_at + 4], "little")
        values_at = count_at + 4
        words_at = values_at + count * len(self.columns)
        self._values = blob[values_at:words_at]
        words = blob[words_at:].decode("utf-8").split("\n")
        self._index = dict(zip(words, range(len(words)), strict=True))

    def __getitem__(self, word: str) -> tuple[float, ...]:
        width = len(self.columns)
        start = self._index[word] * width
        # tenths / 10 is the same float as parsing the written one-decimal figure
        return tuple(tenths / 10 for tenths in self._values[start : start + width])

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


@lru_cache(maxsize=1)
def word_frequencies() -> WordFrequencies:
    table = WordFrequencies(resources.files("clipper").joinpath("data/lang/word_frequencies.bin").read_bytes())
    if table.columns != FREQUENCY_COLUMNS:
        raise ValueError(f"word-frequency columns {table.columns}, expected {FREQUENCY_COLUMNS}")
    return table


class _LazyProfiles(dict[str, list[float]]):
    """langdetect's n-gram → per-language probability table, each row built on first use.

    langdetect builds all 87 000 rows of 55 floats up front (about 250 ms and 60 MB); a text needs a
    few thousand. Rows are computed exactly as DetectorFactory.add_profile computes them, in the same
    language order, so the detector's results are unchanged. A built row is a plain dict lookup."""

    def __init__(self, profiles: list[tuple[dict[str, int], list[int]]], size: int) -> None:
        super().__init__()
        self._profiles = profiles
        self._size = size
        self.ngrams = frozenset().union(*(freq for freq, _ in profiles))

    def __contains__(self, ngram: object) -> bool:
        return ngram in self.ngrams

    def __missing__(self, ngram: str) -> list[float]:
        if ngram not in self.ngrams:
            raise KeyError(ngram)
        row = [0.0] * self._size
        if 1 <= len(ngram) <= 3:
            for index, (freq, n_words) in enumerate(self._profiles):
                count = freq.get(ngram)
                if count is not None:
                    row[index] = 1.0 * count / n_words[len(ngram) - 1]
        self[ngram] = row
        return row


@lru_cache(maxsize=1)
def _detector_factory() -> DetectorFactory:
    # A private factory with a fixed seed keeps results deterministic. Its profiles are read as
    # DetectorFactory.load_profile reads them (same files, same order), into a lazily built table.
    from langdetect.detector_factory import PROFILES_DIRECTORY

    names = os.listdir(PROFILES_DIRECTORY)
    factory = DetectorFactory()
    profiles = []
    for name in names:
        path = os.path.join(PROFILES_DIRECTORY, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as profile:
            data = json.load(profile)
        factory.langlist.append(data["name"])
        profiles.append((data["freq"], data["n_words"]))
    factory.word_lang_prob_map = _LazyProfiles(profiles, len(names))
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
    common_words = _without_names(as_written)
    evidence = cue_evidence(words, common_words=common_words)
    by_words = _scandinavian_by_words(evidence, common_words)
    if by_words and len(words) >= MIN_WORDS_WITHOUT_LANGDETECT:
        decided = _decided_by_words(evidence.points, frequency_evidence(words))
        if decided:
            return decided
    general = langdetect_probabilities(_head(text, LANGDETECT_SAMPLE_CHARS))
    top = max(general, key=general.__getitem__, default="und")
    if top not in SCANDINAVIAN and not by_words and not _scandinavian_second_guess(evidence, general):
        return (top, round(general[top], 4)) if general else ("und", 0.0)
    return _judge_scandinavian(evidence.points, frequency_evidence(words), general)


def langdetect_probabilities(text: str) -> dict[str, float]:
    """langdetect's probability for every language it knows ({} when it finds no letters)."""
    detector = _QuickDetector(_detector_factory())
    detector.append(text)
    try:
        detector.get_probabilities()
    except LangDetectException:
        return {}
    return dict(zip(detector.langlist, detector.langprob, strict=False))


class _QuickDetector(Detector):
    """langdetect's Detector with its per-character and per-language Python loops replaced by
    equivalent bulk operations (the same n-grams in the same order, the same float operations in the
    same order, the same random draws), so its probabilities are bit for bit langdetect's. Reading
    the text and extracting n-grams cost a third less; the trial loop (_detect_block, langdetect's
    own: some 900 updates of 55 probabilities for a short clipping) is most of what remains."""

    _SPACE_RUN = re.compile(" {2,}")
    _LATIN = re.compile("[A-z]")  # cleaning_text's own test, 'A' <= ch <= 'z'
    _ABOVE_LATIN = re.compile("[^\\x00-\u02ff]")  # what cleaning_text may count as non-Latin

    def append(self, text: str) -> None:
        text = self.URL_RE.sub(" ", text)
        text = self.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text)
        # langdetect keeps each character but a space after a space: runs of spaces become one
        self.text += self._SPACE_RUN.sub(" ", text[: self.max_text_length])

    def cleaning_text(self) -> None:
        if len(self._LATIN.findall(self.text)) * 2 >= len(self._ABOVE_LATIN.findall(self.text)):
            return  # not enough non-Latin letters to strip the Latin ones, whatever their blocks
        super().cleaning_text()

    def _extract_ngrams(self) -> list[str]:
        # NGram.add_char's state machine, with each distinct character normalized once
        normalized = {ch: NGram.normalize(ch) for ch in set(self.text)}
        known = self.word_lang_prob_map.ngrams  # a set: no Python call per test
        result = []
        grams, capital_word = " ", False
        for raw in self.text:
            ch = normalized[raw]
            last = grams[-1]
            if last == " ":
                grams, capital_word = " ", False
                if ch == " ":
                    continue
            elif len(grams) >= NGram.N_GRAM:
                grams = grams[1:]
            grams += ch
            capital_word = ch.isupper() and (capital_word or last.isupper())
            if capital_word:
                continue
            for n in range(1, min(len(grams), NGram.N_GRAM) + 1):
                gram = grams[-n:]
                if gram != " " and gram in known:
                    result.append(gram)
        return result

    def _update_lang_prob(self, prob: list[float], word: str, alpha: float) -> bool:
        if word is None or word not in self.word_lang_prob_map.ngrams:
            return False
        weight = alpha / self.BASE_FREQ
        prob[:] = [p * (weight + q) for p, q in zip(prob, self.word_lang_prob_map[word], strict=True)]
        return True

    def _normalize_prob(self, prob: list[float]) -> float:
        total = sum(prob)
        prob[:] = [p / total for p in prob]
        return max(0.0, *prob)


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


def _scandinavian_by_words(evidence: Evidence, common_words: list[str]) -> bool:
    """The words alone make the text Scandinavian, whatever langdetect says."""
    strongest = max(evidence.word_points.values())
    if strongest >= MIN_WORD_POINTS and evidence.cue_words >= MIN_CUE_WORD_SHARE * evidence.words:
        return True
    likelihood = frequency_evidence(common_words)
    return max(likelihood[lang] for lang in SCANDINAVIAN) - likelihood["other"] >= MIN_FREQUENCY_MARGIN


def _scandinavian_second_guess(evidence: Evidence, general: dict[str, float]) -> bool:
    """Some word evidence, and langdetect gives the three some probability."""
    scandinavian_mass = sum(general.get(lang, 0.0) for lang in SCANDINAVIAN)
    strongest = max(evidence.word_points.values())
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


def _decided_by_words(points: dict[str, float], likelihood: dict[str, float]) -> tuple[str, float] | None:
    """The judge's answer when langdetect's damped term could not change it: the words' lead over
    the runner-up exceeds the most that term can shift between two languages. langdetect is most of
    the cost of this stage, and on a Scandinavian article the words settle it. The confidence is then
    the judge's own softmax over the three."""
    scores = sorted((points[lang] + likelihood[lang], lang) for lang in SCANDINAVIAN)
    if scores[-1][0] - scores[-2][0] <= LANGDETECT_SWING:
        return None
    best = scores[-1][0]
    return scores[-1][1], round(1.0 / sum(math.exp(s - best) for s, _ in scores), 4)


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
