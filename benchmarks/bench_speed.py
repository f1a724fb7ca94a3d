#!/usr/bin/env python3
"""clipper's speed against bare trafilatura, on the same inputs in one run (by hand, not by the tests).

    python benchmarks/bench_speed.py [--rounds 5] [--pages DIR ...]

Prints CPU milliseconds per page (time.process_time: robust on a busy machine) for an lxml parse,
`trafilatura.extract`, clipper's whole analysis of a file (what `clipper ingest` does per input:
read, extract, language, tagging, classification, near-duplicate signature) and each of its stages;
the ratio clipper / trafilatura.extract; text clippings per CPU second; and the start-up of a
one-file `clipper ingest` in a fresh process (wall and CPU seconds, peak RSS) of a short clipping
and of an article.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import lxml.html
import trafilatura

from clipper import amounts, dedup, entities, topics
from clipper.extract import extract
from clipper.language import detect_language
from clipper.pipeline import Pipeline
from clipper.readers.markup import document as load

ROOT = Path(__file__).resolve().parent.parent
# Our own pages, and the real third-party ones where they lie (never committed; left out when absent).
PAGES = [ROOT / "fixtures" / "html", ROOT / "benchmarks" / "data" / "pages", ROOT.parent / "shared" / "corpus" / "html"]
TEXTS = [ROOT / "fixtures" / "seeds", ROOT / "tests" / "data" / "redteam"]
# One-file start-up: a 14-word clipping (langdetect must help name its language) and an article (its
# words alone do, so langdetect's profiles never load).
ONE_FILES = {
    "14-word clipping": "Region Skåne tecknar avtal med Cerner om ett nytt journalsystem för 1,2 miljarder kronor.\n",
    "seed article": (ROOT / "fixtures" / "seeds" / "000_2ed052350000a80d.txt").read_text("utf-8"),
}


def files(folders: list[Path], suffix: str) -> list[Path]:
    return sorted(p for folder in folders for p in folder.glob(f"*{suffix}") if p.is_file())


def cpu_ms(call: Callable[[], object], rounds: int, count: int) -> float:
    started = time.process_time()
    for _ in range(rounds):
        call()
    return (time.process_time() - started) * 1000 / (rounds * count)


def stages(paths: list[Path], pipeline: Pipeline, rounds: int) -> dict[str, float]:
    """CPU ms per input of each stage, in pipeline order."""
    spent: dict[str, float] = defaultdict(float)

    def timed(stage: str, call, *args):
        started = time.process_time()
        result = call(*args)
        spent[stage] += time.process_time() - started
        return result

    contents = [(str(p), p.read_bytes()) for p in paths]
    for _ in range(rounds):
        for path, data in contents:
            doc = timed("read + decode", load, path, data)
            extraction = timed("extract", extract, doc.format, doc.text)
            language, _ = timed("language", detect_language, extraction.text)
            found = timed("entities", entities.tag, extraction.text, pipeline.gazetteer, language)
            timed("amounts", amounts.find_amounts, extraction.text, language)
            timed("topics", topics.classify, extraction.text, extraction.title, found, pipeline.taxonomy)
            timed("dedup signature", dedup.signature, extraction.text)
    return {stage: seconds * 1000 / (rounds * len(paths)) for stage, seconds in spent.items()}


def whole(paths: list[Path], pipeline: Pipeline) -> Callable[[], None]:
    contents = [(str(p), p.read_bytes()) for p in paths]

    def run() -> None:
        for path, data in contents:
            record = pipeline.process_bytes(data, path)
            dedup.signature(record.text or "")

    return run


# Run from a small intermediate process: a child forked from this one (hundreds of MB by then) would
# report this process's memory as its own peak, as Linux carries the forked image's high-water mark
# across exec.
_START_UP = """
import json, os, subprocess, sys, time
clipper, one, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
results = []
for _ in range(runs):
    started = time.perf_counter()
    child = subprocess.Popen([clipper, "ingest", one], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    results.append((time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                    os.waitstatus_to_exitcode(status)))
print(json.dumps(results))
"""


def start_up(text: str, runs: int) -> tuple[float, float, float]:
    """Median wall seconds, median CPU seconds and largest peak RSS (MB) of `clipper ingest one-file.txt`."""
    clipper = Path(sys.executable).with_name("clipper")
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp, "one-file.txt")
        one.write_text(text, encoding="utf-8")
        output = subprocess.run([sys.executable, "-c", _START_UP, str(clipper), str(one), str(runs)],
                                capture_output=True, text=True, check=True).stdout
    results = json.loads(output)
    if any(status != 0 for *_, status in results):
        sys.exit(f"clipper ingest {one} failed")
    return (statistics.median(r[0] for r in results), statistics.median(r[1] for r in results),
            max(r[2] for r in results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", type=Path, action="append", help="folders of saved pages (default: "
                        "fixtures/html, benchmarks/data/pages and ../shared/corpus/html)")
    parser.add_argument("--start-ups", type=int, default=5)
    args = parser.parse_args()
    pages = files(args.pages or PAGES, ".html")
    texts = files(TEXTS, ".txt")
    htmls = [p.read_text("utf-8", errors="replace") for p in pages]
    pipeline = Pipeline()
    whole(pages[:1] + texts[:1], pipeline)()  # warm up: lazy loads stay out of the timings

    def parse() -> None:
        for html in htmls:
            lxml.html.document_fromstring(html)

    def bare() -> None:
        for html in htmls:
            trafilatura.extract(html)

    rounds = args.rounds
    print(f"{len(pages)} saved pages, {len(texts)} text clippings, {rounds} rounds; CPU ms per input")
    lxml_ms = cpu_ms(parse, rounds, len(pages))
    bare_ms = cpu_ms(bare, rounds, len(pages))
    clipper_ms = cpu_ms(whole(pages, pipeline), rounds, len(pages))
    text_ms = cpu_ms(whole(texts, pipeline), rounds, len(texts))
    print("| HTML page | ms |\n|---|---:|")
    print(f"| lxml parse | {lxml_ms:.1f} |")
    print(f"| trafilatura.extract | {bare_ms:.1f} |")
    print(f"| clipper, whole analysis | {clipper_ms:.1f} |")
    per_stage = stages(pages, pipeline, rounds)
    for stage, ms in per_stage.items():
        print(f"| · {stage} | {ms:.1f} |")
    print(f"\nclipper / trafilatura.extract = {clipper_ms / bare_ms:.2f}")
    tagging = per_stage["entities"] + per_stage["amounts"]
    print(f"tagging (entities + amounts) adds {tagging / (sum(per_stage.values()) - tagging):.1%} to the other stages")
    print(f"\ntext clippings: {text_ms:.1f} ms each, {1000 / text_ms:.0f} docs/s per core")
    for stage, ms in stages(texts, pipeline, rounds).items():
        print(f"  {stage:16s} {ms:6.2f} ms")
    print(f"\none-file `clipper ingest` (median of {args.start_ups}; load average {os.getloadavg()[0]:.1f}):")
    for name, text in ONE_FILES.items():
        wall, cpu, rss = start_up(text, args.start_ups)
        print(f"  {name}: {wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
