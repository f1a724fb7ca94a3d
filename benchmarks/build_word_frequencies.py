"""Build src/clipper/data/lang/word_frequencies.bin: how common each word is in Swedish, Danish and
Norwegian Bokmål, and at most in any of the other (Latin-script) languages langdetect mistakes short
Scandinavian sentences for, for the word-frequency judge in clipper.language.

Offline tool, not a runtime dependency: needs `pip install wordfreq==3.1.1` (its data are
CC BY-SA 4.0, so the table it writes is too; see the table's header).

Takes the 30 000 most frequent words of each language (wordfreq's Danish list stops near there),
writes each word's Zipf frequency (log10 of occurrences per billion words) in the three languages,
with words missing from a list, or rarer than FLOOR, at FLOOR, to a tenth of a unit. Words about
equally common in all four columns say nothing and are left out. The layout (see
src/clipper/data/lang/README.md) loads in a few milliseconds, where parsing a 64 000-line table took
a fifth of a second of every start-up.

usage: python benchmarks/build_word_frequencies.py
"""
from __future__ import annotations

from pathlib import Path

import wordfreq

from clipper.language import WordFrequencies

OUT = Path(__file__).resolve().parent.parent / "src" / "clipper" / "data" / "lang" / "word_frequencies.bin"
LANGUAGES = {"sv": "sv", "da": "da", "no": "nb"}  # our code → wordfreq's
# Icelandic is left out: it writes "og, er, við" too, and no clipping is in it.
OTHER_LANGUAGES = ["en", "de", "nl", "fr", "fi", "it", "es", "pt", "ca", "ro", "pl", "cs", "sk", "sl", "hu",
                   "lv", "lt", "tr", "id", "ms", "fil"]
TOP_N = 30000
FLOOR = 2.5
MIN_SPREAD = 0.3  # Zipf units between the highest and lowest of the four columns

def main() -> None:
    lists = {code: wordfreq.top_n_list(source, TOP_N) for code, source in LANGUAGES.items()}
    words = sorted({w for top in lists.values() for w in top if w.isalpha()})
    rows = []
    for word in words:
        zipf = [_zipf(word, source) for source in LANGUAGES.values()]
        if max(zipf) - min(zipf) < MIN_SPREAD:
            # about equally common in the three: one figure, so that noise does not tip the judge
            zipf = [round(sum(zipf) / len(zipf), 1)] * len(zipf)
        zipf.append(max(_zipf(word, other) for other in OTHER_LANGUAGES))
        if max(zipf) - min(zipf) >= MIN_SPREAD:
            rows.append((word, zipf))
    columns = " ".join([*LANGUAGES, "other"]).encode("ascii")
    values = bytes(round(z * 10) for _, zipf in rows for z in zipf)
    words_block = "\n".join(word for word, _ in rows).encode("utf-8")
    OUT.write_bytes(WordFrequencies.MAGIC + columns + b"\n" + len(rows).to_bytes(4, "little") + values + words_block)
    print(f"{len(rows)} words → {OUT}")


def _zipf(word: str, language: str) -> float:
    return max(round(wordfreq.zipf_frequency(word, language), 1), FLOOR)


if __name__ == "__main__":
    main()
