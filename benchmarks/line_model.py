"""Would a small statistical model tell article lines from boilerplate better than the hand-set rules of
extract/text.py, on texts it was not fitted on?

A logistic regression (numpy, L2, gradient descent) over layout features of each logical line (length, stop-word
density, sentence end, heading shape, list marker, quote opener, share of digits and capitals, position, a cue of
data/boilerplate.toml, a date, a byline, the same of the neighbours) is fitted on the lines of the dev batch
(tests/data/textcopies) and tested on the held-out batch (tests/data/textcopies_heldout). A line is labelled by
the gold: article if a must_include snippet holds it or it holds one, boilerplate likewise for must_exclude; other
lines are not scored. The rules are scored on the same lines: kept if the line is in the extracted text.

usage: python benchmarks/line_model.py
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np

from clipper.extract.boilerplate import boilerplate_cue
from clipper.extract.bylines import byline_authors
from clipper.extract.dates import parse_dateline
from clipper.extract.reflow import BULLET, SENTENCE_END, logical_lines
from clipper.extract.stopwords import foreign_stopwords, stopword_density, words
from clipper.extract.text import extract_text

ROOT = Path(__file__).resolve().parent.parent
DEV, TEST = ROOT / "tests/data/textcopies", ROOT / "tests/data/textcopies_heldout"


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


def own_features(text: str, foreign: frozenset[str], position: float, first: bool, last: bool) -> list[float]:
    n = len(words(text))
    letters = [c for c in text if c.isalpha()]
    tokens = text.split()
    return [
        np.log1p(n), stopword_density(text, foreign), float(bool(SENTENCE_END.search(text))),
        float(text.endswith(":")), float(bool(BULLET.match(text))), float(bool(re.match(r"^[-–—”»\"“]", text))),
        sum(c.isdigit() for c in text) / max(len(text), 1),
        sum(t[:1].isupper() for t in tokens) / max(len(tokens), 1),
        float(bool(letters) and all(c.isupper() for c in letters)),
        position, float(first), float(last),
        float(boilerplate_cue(text) is not None), float(parse_dateline(text) is not None),
        float(bool(byline_authors(text))),
    ]


def document_lines(path: Path):
    text = path.read_text(encoding="utf-8")
    lines = [line.text for line in logical_lines(text)]
    foreign = foreign_stopwords(" ".join(lines))
    own = [own_features(t, foreign, i / max(len(lines) - 1, 1), i == 0, i == len(lines) - 1)
           for i, t in enumerate(lines)]
    blank = [0.0] * len(own[0])
    rows = [own[i] + (own[i - 1] if i else blank) + (own[i + 1] if i + 1 < len(own) else blank)
            for i in range(len(own))]
    return text, lines, rows


def labelled(folder: Path):
    """(features, label, kept by the rules) of every line the gold speaks about."""
    X, y, rules = [], [], []
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        path = folder / gold["file"]
        text, lines, rows = document_lines(path)
        extraction = extract_text(text)
        kept_text = norm(extraction.text)
        for line, row in zip(lines, rows, strict=True):
            line_n = norm(line).lstrip("• ")
            if len(line_n.split()) < 1:
                continue

            def about(snippets, line_n=line_n):
                return any(norm(s) in line_n or (line_n in norm(s) and len(line_n) > 3) for s in snippets)

            label = 1 if about(gold.get("must_include") or []) else 0 if about(gold.get("must_exclude") or []) else None
            if label is None:
                continue
            X.append(row)
            y.append(label)
            rules.append(int(line_n in kept_text))
    return np.array(X), np.array(y), np.array(rules)


def fit(X: np.ndarray, y: np.ndarray, l2: float = 0.1, steps: int = 4000, rate: float = 0.3):
    mean, std = X.mean(0), X.std(0) + 1e-9
    Z = np.c_[(X - mean) / std, np.ones(len(X))]
    w = np.zeros(Z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-Z @ w))
        w -= rate * (Z.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0] / len(y))
    return lambda A: (1 / (1 + np.exp(-np.c_[(A - mean) / std, np.ones(len(A))] @ w))) > 0.5


def report(name: str, predicted: np.ndarray, y: np.ndarray) -> None:
    article, boiler = y == 1, y == 0
    print(f"  {name:28s} accuracy {np.mean(predicted == y):.3f}  article kept {np.mean(predicted[article]):.3f}"
          f"  boilerplate dropped {1 - np.mean(predicted[boiler]):.3f}  ({len(y)} lines)")


def main() -> None:
    X_dev, y_dev, rules_dev = labelled(DEV)
    X_test, y_test, rules_test = labelled(TEST)
    model = fit(X_dev, y_dev)
    print("dev batch (the model is fitted here)")
    report("logistic regression", model(X_dev), y_dev)
    report("rules", rules_dev, y_dev)
    print("held-out batch")
    report("logistic regression", model(X_test), y_test)
    report("rules", rules_test, y_test)


if __name__ == "__main__":
    sys.exit(main())
