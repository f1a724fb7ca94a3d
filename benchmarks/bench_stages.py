#!/usr/bin/env python3
"""Where the time of one clipping goes, stage by stage (run by hand, not by the test suite).

    PYTHONPATH=src python benchmarks/bench_stages.py [--rounds 5]

Runs every fixture through each stage in turn, `--rounds` times, and prints the seconds per stage and
each stage's share of the whole. The figure the tagging issue asks for is the share of tagging
(entities + amounts): it must add at most 20 % to the pipeline's time.
"""
from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from clipper import amounts, dedup, entities, topics
from clipper.extract import extract
from clipper.language import detect_language
from clipper.pipeline import Pipeline
from clipper.readers.markup import document as load

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    pipeline = Pipeline()
    files = sorted(p for p in FIXTURES.rglob("*") if p.is_file())
    detect_language("Värmen och ljuset återvänder till oss.")  # load langdetect's profiles outside the timing
    spent: dict[str, float] = defaultdict(float)

    def timed(stage, call, *args):
        started = time.perf_counter()
        result = call(*args)
        spent[stage] += time.perf_counter() - started
        return result

    for _ in range(rounds):
        for path in files:
            doc = timed("read+decode", lambda p: load(str(p), p.read_bytes()), path)
            extraction = timed("extract", extract, doc.format, doc.text)
            language, _ = timed("language", detect_language, extraction.text)
            found = timed("tag: entities", entities.tag, extraction.text, pipeline.gazetteer, language)
            timed("tag: amounts", amounts.find_amounts, extraction.text, language)
            timed("classify", topics.classify, extraction.text, extraction.title, found, pipeline.taxonomy)
            timed("dedup signature", dedup.signature, extraction.text)
    total = sum(spent.values())
    print(f"{len(files)} fixtures x {rounds} rounds: {total:.2f}s, {len(files) * rounds / total:.1f} docs/s")
    for stage, seconds in spent.items():
        print(f"  {stage:18s} {seconds * 1000 / (len(files) * rounds):8.2f} ms/doc  {seconds / total:6.1%}")
    tagging = spent["tag: entities"] + spent["tag: amounts"]
    print(f"tagging (entities + amounts) adds {tagging / (total - tagging):.1%} to the rest of the pipeline")


if __name__ == "__main__":
    main()
