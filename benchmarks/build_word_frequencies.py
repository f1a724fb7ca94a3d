"""Build src/clipper/data/lang/word_frequencies.tsv: how common each word is in Swedish, Danish and
Norwegian Bokmål, and at most in any of the other (Latin-script) languages langdetect mistakes short
Scandinavian sentences for, for the word-frequency judge in clipper.language.

Offline tool, not a runtime dependency: needs `pip install wordfreq==3.1.1` (its data are
CC BY-SA 4.0, so the table it writes is too; see the table's header).

Takes the 30 000 most frequent words of each language (wordfreq's Danish list stops near there),
writes each word's Zipf frequency (log10 of occurrences per billion words) in the three languages,
with words missing from a list, or rarer than FLOOR, at FLOOR. Words about equally common in all
three say nothing about which it is and are left out.

usage: python benchmarks/build_word_frequencies.py
"""
from __future__ import annotations

from pathlib import Path

import wordfreq

OUT = Path(__file__).resolve().parent.parent / "src" / "clipper" / "data" / "lang" / "word_frequencies.tsv"
LANGUAGES = {"sv": "sv", "da": "da", "no": "nb"}  # our code → wordfreq's
# Icelandic is left out: it writes "og, er, við" too, and no clipping is in it.
OTHER_LANGUAGES = ["en", "de", "nl", "fr", "fi", "it", "es", "pt", "ca", "ro", "pl", "cs", "sk", "sl", "hu",
                   "lv", "lt", "tr", "id", "ms", "fil"]
TOP_N = 30000
FLOOR = 2.5
MIN_SPREAD = 0.3  # Zipf units between the highest and lowest of the four columns

HEADER = f"""\
# Zipf frequency (log10 per billion words) of words in Swedish, Danish and Norwegian Bokmål, and
# ('other') the highest of its Zipf frequencies in {", ".join(OTHER_LANGUAGES)}.
# Absent or rarer than {FLOOR} = {FLOOR}. Built by benchmarks/build_word_frequencies.py from wordfreq 3.1.1
# (Robyn Speer, https://github.com/rspeer/wordfreq), whose data are licensed CC BY-SA 4.0;
# this table is a derivative and is licensed CC BY-SA 4.0 likewise.
"""


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
            rows.append("\t".join([word, *(f"{z:.1f}" for z in zipf)]))
    header = "word\t" + "\t".join([*LANGUAGES, "other"]) + "\n"
    OUT.write_text(HEADER + header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words → {OUT}")


def _zipf(word: str, language: str) -> float:
    return max(round(wordfreq.zipf_frequency(word, language), 1), FLOOR)


if __name__ == "__main__":
    main()
