"""Language identification on held-out sentences: langdetect alone vs clipper.detect_language.

usage: PYTHONPATH=src python benchmarks/language_eval.py [--split test|dev|all] [--errors]

Reads benchmarks/data/sentences.tsv (built by build_sentences.py). Gold 'nb'/'nn' count as 'no'.
Prints accuracy per gold language and source (news = article sentences, ui = software messages),
then what each got wrong, as gold → guessed counts.
"""
from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from clipper.language import detect_language, langdetect_probabilities

DATA = Path(__file__).resolve().parent / "data" / "sentences.tsv"
NORWEGIAN = {"nb", "nn", "no"}


def load(split: str) -> list[tuple[str, str, str]]:
    """(gold language, source kind, sentence) rows of a split."""
    rows = []
    for line in DATA.read_text("utf-8").splitlines()[1:]:
        row_split, lang, source, sentence = line.split("\t")
        if split in ("all", row_split):
            rows.append((lang, source.split(":")[0], sentence))
    return rows


def langdetect_alone(sentence: str) -> str:
    probabilities = langdetect_probabilities(sentence)
    return max(probabilities, key=probabilities.get) if probabilities else "und"


def same_language(gold: str, guess: str) -> bool:
    return guess == gold or (gold in NORWEGIAN and guess in NORWEGIAN)


def evaluate(rows, detectors):
    """{detector: {(gold, source): Counter(guess)}}"""
    results = {name: defaultdict(Counter) for name in detectors}
    for gold, source, sentence in rows:
        for name, detect in detectors.items():
            results[name][(gold, source)][detect(sentence)] += 1
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["test", "dev", "all"])
    parser.add_argument("--errors", action="store_true", help="list every sentence clipper gets wrong")
    args = parser.parse_args()
    rows = load(args.split)
    detectors = {"langdetect": langdetect_alone, "clipper": lambda s: detect_language(s)[0]}
    results = evaluate(rows, detectors)

    print(f"split={args.split}  sentences={len(rows)}")
    print(f"{'gold':<5}{'source':<7}{'n':>5}  {'langdetect':>10}  {'clipper':>8}")
    for key in sorted(results["clipper"]):
        gold, source = key
        n = sum(results["clipper"][key].values())
        accuracy = {name: sum(c for g, c in results[name][key].items() if same_language(gold, g)) / n
                    for name in detectors}
        print(f"{gold:<5}{source:<7}{n:>5}  {accuracy['langdetect']:>10.1%}  {accuracy['clipper']:>8.1%}")
    print("all sources, Norwegian (nb+nn) together:")
    for gold in sorted({"no" if g in NORWEGIAN else g for g, _ in results["clipper"]}):
        keys = [k for k in results["clipper"] if ("no" if k[0] in NORWEGIAN else k[0]) == gold]
        n = sum(sum(results["clipper"][k].values()) for k in keys)
        accuracy = {name: sum(c for k in keys for g, c in results[name][k].items() if same_language(k[0], g)) / n
                    for name in detectors}
        print(f"{gold:<5}{'all':<7}{n:>5}  {accuracy['langdetect']:>10.1%}  {accuracy['clipper']:>8.1%}")
    for name in detectors:
        print(f"\nconfusions, {name} (gold → guess: count)")
        for (gold, source), guesses in sorted(results[name].items()):
            wrong = [f"{g}:{c}" for g, c in guesses.most_common() if not same_language(gold, g)]
            if wrong:
                print(f"  {gold:<3} {source:<5} → {' '.join(wrong)}")
    if args.errors:
        print("\nclipper errors")
        for gold, source, sentence in rows:
            guess, confidence = detect_language(sentence)
            if not same_language(gold, guess):
                print(f"  {gold}→{guess} {confidence:.2f} [{source}] {sentence}")


if __name__ == "__main__":
    main()
