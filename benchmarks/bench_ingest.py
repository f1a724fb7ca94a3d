#!/usr/bin/env python3
"""Throughput and memory of `clipper ingest` (run by hand, not by the test suite).

    PYTHONPATH=src python benchmarks/bench_ingest.py [--replicas 1000] [--small 1000 10000]

(a) docs/s and peak RSS of `clipper ingest` on the fixtures replicated to --replicas files, beside
    bare `trafilatura.extract` on the HTML files among them;
(b) --workers 1 against --workers 2 on the same files;
(c) peak RSS for folders of small distinct clippings (1,000 against 10,000): it should stay flat.

Each run is a child process, timed by wall clock; peak RSS is that of its largest process (the
run or one of its workers), from os.wait4. The load average is printed, since other people's
work on a shared machine skews every figure. Work files go to benchmarks/work/ (git-ignored).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

BARE_TRAFILATURA = """
import sys, trafilatura
for path in sys.argv[1:]:
    with open(path, encoding="utf-8", errors="replace") as fh:
        trafilatura.extract(fh.read(), include_comments=False, include_tables=True, with_metadata=True)
"""


def replicated_fixtures(count: int) -> Path:
    folder = WORK / f"fixtures-{count}"
    if not folder.exists():
        sources = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.is_file())
        sources += sorted((ROOT.parent / "shared" / "corpus" / "html").glob("*.html"))  # real pages, if here
        folder.mkdir(parents=True)
        for i in range(count):
            source = sources[i % len(sources)]
            try:
                os.link(source, folder / f"{i:05d}-{source.name}")  # hard links: 1,000 copies cost no disk
            except OSError:
                shutil.copyfile(source, folder / f"{i:05d}-{source.name}")
    return folder


def small_clippings(count: int) -> Path:
    """Distinct short texts (60 words from a fixed vocabulary), so the duplicate index grows too."""
    folder = WORK / f"small-{count}"
    if not folder.exists():
        words = (ROOT / "fixtures" / "seeds" / "000_2ed052350000a80d.txt").read_text(encoding="utf-8").split()
        rng = random.Random(count)
        folder.mkdir(parents=True)
        for i in range(count):
            (folder / f"{i:05d}.txt").write_text(" ".join(rng.choices(words, k=60)) + "\n", encoding="utf-8")
    return folder


def measure(args: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of a child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed: {' '.join(args)}\n{proc.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def clipper(folder: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "clipper", "ingest", "-q", "-j", str(workers), str(folder)]


def row(label: str, inputs: int, seconds: float, rss: float) -> None:
    print(f"| {label:<46} | {inputs:>6} | {seconds:>7.1f} | {inputs / seconds:>6.1f} | {rss:>7.0f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=1000)
    parser.add_argument("--small", type=int, nargs=2, default=(1000, 10000))
    parser.add_argument("--keep", action="store_true", help="keep benchmarks/work/ for the next run")
    options = parser.parse_args()

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} CPUs")
    print(f"| {'run':<46} | inputs | seconds | docs/s | peak MB |")
    print(f"|{'-' * 48}|-------:|--------:|-------:|--------:|")
    folder = replicated_fixtures(options.replicas)
    html = sorted(str(p) for p in folder.iterdir() if p.suffix == ".html")
    row("bare trafilatura.extract (the HTML only)", len(html),
        *measure([sys.executable, "-c", BARE_TRAFILATURA, *html]))
    one = measure(clipper(folder, 1))
    row("clipper ingest -j1 (fixtures replicated)", options.replicas, *one)
    two = measure(clipper(folder, 2))
    row("clipper ingest -j2 (fixtures replicated)", options.replicas, *two)
    small = {}
    for count in options.small:
        small[count] = measure(clipper(small_clippings(count), 2))
        row(f"clipper ingest -j2 ({count:,} small distinct files)", count, *small[count])
    low, high = (small[c][1] for c in options.small)
    print(f"\n-j2 / -j1 throughput: {one[0] / two[0]:.2f}x")
    print(f"peak RSS, {options.small[1]} vs {options.small[0]} small inputs: {100 * (high / low - 1):+.1f} %")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not options.keep:
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
