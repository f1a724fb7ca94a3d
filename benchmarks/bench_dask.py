#!/usr/bin/env python3
"""Throughput of `clipper ingest` on one process, a process pool and Dask (run by hand, not by the tests).

    python benchmarks/bench_dask.py [--docs 5000] [--dask-workers 2]

The fixtures are replicated to --docs files (hard links) in a temporary folder; each configuration
ingests them into a JSON Lines file (-o) in a child process: -j1, -j2 and --dask local:N (a
LocalCluster of N single-threaded worker processes, started by the run and counted in its time).
Printed per run: wall seconds, documents/s, the ratio to -j1, and the peak RSS of the client process
(for -j1 the only process; with Dask it also holds the scheduler) and of its largest child.

Every replica is an exact copy of one of the fixtures, so nearly every document takes part in the
duplicate step: the worst case for the one sequential task. The load average is printed: on a
shared machine other people's work skews every figure.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

# The run in a child that reports its own peak RSS and its largest child's (the pool's workers; with
# Dask the nannies and workers are grandchildren, whose memory the workers' own limits cap).
CHILD = """
import resource, sys
from clipper.cli import main
sys.argv = ["clipper", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    status = exit.code or 0
self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{self:.0f} {children:.0f}", file=sys.stderr)
sys.exit(status)
"""


def replicated_fixtures(folder: Path, count: int) -> None:
    sources = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.is_file())
    for i in range(count):
        source = sources[i % len(sources)]
        try:
            os.link(source, folder / f"{i:05d}-{source.name}")
        except OSError:
            shutil.copyfile(source, folder / f"{i:05d}-{source.name}")


def measure(options: list[str], inputs: Path, output: Path) -> tuple[float, float, float]:
    """(seconds, client peak RSS in MB, largest child's peak RSS in MB)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "ingest", "-q", *options, "-o", str(output), str(inputs)],
                          env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"failed: {options}\n{done.stderr}")
    client, child = map(float, done.stderr.split()[-2:])
    return seconds, client, child


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--dask-workers", type=int, default=2)
    parser.add_argument("--docs-per-task", type=int, default=100)
    args = parser.parse_args()
    configurations = [
        ("-j1", ["-j1"]),
        ("-j2", ["-j2"]),
        (f"--dask local:{args.dask_workers}",
         ["--dask", f"local:{args.dask_workers}", "--docs-per-task", str(args.docs_per_task)]),
    ]
    with tempfile.TemporaryDirectory(prefix="clipper-bench-dask-") as work:
        inputs = Path(work) / "inputs"
        inputs.mkdir()
        replicated_fixtures(inputs, args.docs)
        print(f"{args.docs} documents (the fixtures, replicated); {os.cpu_count()} cores; "
              f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
        print("| run | seconds | docs/s | ratio to -j1 | client peak MB | largest child MB |")
        print("|---|---:|---:|---:|---:|---:|", flush=True)
        base = None
        outputs = []
        for label, options in configurations:
            output = Path(work) / f"out{len(outputs)}.jsonl"
            seconds, client, child = measure(options, inputs, output)
            base = base or seconds
            outputs.append(output)
            print(f"| `{label}` | {seconds:.1f} | {args.docs / seconds:.1f} | {base / seconds:.2f} | "
                  f"{client:.0f} | {child:.0f} |", flush=True)
        lines = [len(path.read_text(encoding="utf-8").splitlines()) for path in outputs]
        assert len(set(lines)) == 1, f"the runs wrote different numbers of records: {lines}"
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
