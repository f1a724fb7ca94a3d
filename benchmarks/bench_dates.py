#!/usr/bin/env python3
"""Date accuracy: how often `published` is the date the page states (run by hand; the test suite runs
`score` on the own set as a floor).

    PYTHONPATH=src python benchmarks/bench_dates.py [--corpus ../shared/corpus] [--no-compare]

Three sets: benchmarks/data/dates/ (saved pages and text clippings written for clipper, in the date
shapes real pages use, with expectations in expected.toml: each is read against its reference date, as
the driver passes the file's modification time); CORPUS/html and CORPUS/seeds (real pages with gold
dates; skipped when absent); tests/data/textcopies* (plain-text clippings with gold, of the text
extractor's development and held-out batches). Beside clipper: htmldate (trafilatura's date extractor) and trafilatura's
metadata on the same documents, plain text wrapped in <p> elements for them.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from html import escape
from pathlib import Path

from clipper.pipeline import Pipeline
from clipper.record import Record

ROOT = Path(__file__).resolve().parent.parent
OWN = ROOT / "benchmarks" / "data" / "dates"


@dataclass(frozen=True)
class Case:
    path: Path
    published: str | None
    published_from: str | None = None
    reference: date | None = None
    held_out: bool = False  # written after the code, run before any change for it


def own_cases(folder: Path = OWN) -> list[Case]:
    expected = tomllib.loads((folder / "expected.toml").read_text("utf-8"))
    cases = []
    for name, want in expected["pages"].items():
        path = next(folder.glob(f"{name}.*"))
        reference = date.fromisoformat(want.get("reference", expected["reference"]))
        cases.append(Case(path, want["published"], want["from"], reference, want.get("held_out", False)))
    return cases


def gold_cases(folder: Path) -> list[Case]:
    """Pages with a gold date (a page whose gold says "no date" is not a date question)."""
    cases = []
    for gold in sorted(folder.glob("*.gold.json")):
        published = json.loads(gold.read_text("utf-8")).get("published")
        inputs = [p for p in folder.glob(gold.name.replace(".gold.json", ".*")) if p.suffix in (".html", ".txt")]
        if published and inputs:
            cases.append(Case(inputs[0], published))
    return cases


@dataclass(frozen=True)
class Score:
    right: int
    right_origin: int
    total: int
    misses: tuple[str, ...]

    def line(self, label: str) -> str:
        share = self.right / self.total if self.total else 0.0
        return f"{label:<34} {self.right:>3}/{self.total:<3} {share:6.1%}"


def score(cases: list[Case], pipeline: Pipeline | None = None) -> Score:
    """Each document is read as `clipper ingest` reads a file: a copy whose modification time is its
    reference date (none for the gold sets: their files' dates are those of the checkout)."""
    pipeline = pipeline or Pipeline()
    right = right_origin = 0
    misses = []
    for case in cases:
        record = _process_as_saved(pipeline, case)
        ok = record.published == case.published
        right += ok
        right_origin += ok and (case.published_from is None or record.published_from == case.published_from)
        if not ok or (case.published_from and record.published_from != case.published_from):
            misses.append(f"{case.path.name}: {record.published} ({record.published_from}), "
                          f"want {case.published} ({case.published_from})")
    return Score(right, right_origin, len(cases), tuple(misses))


def _process_as_saved(pipeline: Pipeline, case: Case) -> Record:
    if case.reference is None:
        return pipeline.process_bytes(case.path.read_bytes(), str(case.path))
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(shutil.copy(case.path, folder))
        saved = datetime.combine(case.reference, time(12)).timestamp()
        os.utime(copy, (saved, saved))
        return pipeline.process_path(str(copy))


def htmldate_score(cases: list[Case], with_trafilatura: bool = False) -> Score:
    import trafilatura
    from htmldate import find_date

    right = 0
    misses = []
    for case in cases:
        text = case.path.read_text("utf-8", errors="replace")
        if case.path.suffix != ".html":
            text = "<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in text.splitlines()) + "</body></html>"
        if with_trafilatura:
            metadata = trafilatura.extract_metadata(text)
            found = metadata.date if metadata else None
        else:
            found = find_date(text, original_date=True)
        right += found == case.published
        if found != case.published:
            misses.append(f"{case.path.name}: {found}, want {case.published}")
    return Score(right, right, len(cases), tuple(misses))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--no-compare", action="store_true", help="clipper only, without htmldate/trafilatura")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the misses")
    args = parser.parse_args()
    own = own_cases()
    sets = {
        "own pages (html)": [c for c in own if c.path.suffix == ".html"],
        "own clippings (text)": [c for c in own if c.path.suffix == ".txt"],
        "own, the held-out batch": [c for c in own if c.held_out],
    }
    for name in ("textcopies", "textcopies_heldout"):
        sets[f"tests/data/{name}"] = gold_cases(ROOT / "tests" / "data" / name)
    for name in ("html", "seeds"):
        if (args.corpus / name).is_dir():
            sets[f"corpus/{name}"] = gold_cases(args.corpus / name)
    pipeline = Pipeline()
    print(f"{'set':<34} {'right':>7} {'share':>6}   (clipper)")
    for label, cases in sets.items():
        result = score(cases, pipeline)
        print(result.line(label) + (f"   with the right published_from: {result.right_origin}"
                                    if label.startswith("own") else ""))
        if args.verbose:
            print("".join(f"    miss {m}\n" for m in result.misses), end="")
    shown = [c for c in own if c.path.suffix == ".txt" and c.published_from in ("text", "relative")]
    stated = score(shown, pipeline)
    print(f"text clippings that show a date, dated from their text: {stated.right_origin}/{stated.total}")
    if args.no_compare:
        return
    for tool, with_trafilatura in (("htmldate", False), ("trafilatura", True)):
        print(f"\n{'set':<34} {'right':>7} {'share':>6}   ({tool})")
        for label, cases in sets.items():
            result = htmldate_score(cases, with_trafilatura)
            print(result.line(label))
            if args.verbose:
                print("".join(f"    miss {m}\n" for m in result.misses), end="")


if __name__ == "__main__":
    main()
