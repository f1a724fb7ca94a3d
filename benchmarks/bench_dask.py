#!/usr/bin/env python3
"""Throughput of `clipper ingest` on one process, a process pool and Dask (run by hand, not by the tests).

    python benchmarks/bench_dask.py [--docs 5000] [--corpus replicated|distinct] [--dask-workers 2]

--corpus replicated: the fixtures replicated to --docs files (hard links), so nearly every document
is an exact copy of an earlier one; distinct: --docs clippings of 12-30 sentences drawn at random
from benchmarks/data/sentences.tsv (the seeds' and free software's Nordic sentences), all originals,
each with dozens of LSH candidates to compare in the duplicate step. Each configuration ingests
them into a JSON Lines file (-o) in a child process: -j1, -j2, --dask local:N (a LocalCluster of N
single-threaded worker processes, started by the run and counted in its time; the start-up the run
reports is printed apart), and --dask ADDRESS of a LocalCluster of N workers this script started
before timing (an existing cluster: no start-up in the run).
Printed per run: wall seconds, documents/s, the ratio to -j1 and the cost over -j2 (wall), the CPU
seconds of every process that worked for the run (for ADDRESS: the run, and the cluster's scheduler
and workers over the run) and their cost over -j2's, which other people's work on a shared machine
skews far less than the wall time, and the peak RSS of the client process (for -j1 the only process;
with local:N it also holds the scheduler) and of its largest child (the existing cluster's workers
are not the run's children). The load average is printed too.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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
self, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
cpu = sum(usage.ru_utime + usage.ru_stime for usage in (self, children))
print(f"{cpu:.2f} {self.ru_maxrss / 1024:.0f} {children.ru_maxrss / 1024:.0f}", file=sys.stderr)
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


def distinct_clippings(folder: Path, count: int) -> None:
    by_language: dict[str, list[str]] = {}
    for line in (ROOT / "benchmarks" / "data" / "sentences.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        _, language, _, sentence = line.split("\t")
        if language in ("sv", "da", "no", "nb", "nn") and len(sentence.split()) > 5:
            by_language.setdefault(language, []).append(sentence)
    languages = sorted(by_language)
    rng = random.Random(count)
    for i in range(count):
        sentences = rng.sample(by_language[languages[i % len(languages)]], rng.randint(12, 30))
        paragraphs = [" ".join(sentences[j : j + 3]) for j in range(1, len(sentences), 3)]
        (folder / f"{i:05d}.txt").write_text("\n\n".join([sentences[0], *paragraphs]) + "\n", encoding="utf-8")


def measure(options: list[str], inputs: Path, output: Path) -> tuple[float, float, float, float, float | None]:
    """(seconds, CPU seconds of the run and its children, client peak RSS in MB, largest child's peak
    RSS in MB, LocalCluster start-up seconds)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "ingest", "-v", *options, "-o", str(output), str(inputs)],
                          env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"failed: {options}\n{done.stderr}")
    cpu, client, child = map(float, done.stderr.split()[-3:])
    start_up = re.search(r"LocalCluster of \d+ workers started in ([\d.]+)s", done.stderr)
    return seconds, cpu, client, child, float(start_up[1]) if start_up else None


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--corpus", choices=("replicated", "distinct"), default="replicated")
    parser.add_argument("--dask-workers", type=int, default=2)
    parser.add_argument("--docs-per-task", type=int, default=100)
    args = parser.parse_args()
    from distributed import Client, LocalCluster  # the dask extra: only this script's own cluster needs it here

    workers = args.dask_workers
    dask_options = ["--docs-per-task", str(args.docs_per_task)]
    with tempfile.TemporaryDirectory(prefix="clipper-bench-dask-") as work:
        inputs = Path(work) / "inputs"
        inputs.mkdir()
        (replicated_fixtures if args.corpus == "replicated" else distinct_clippings)(inputs, args.docs)
        print(f"{args.docs} documents ({args.corpus}); {os.cpu_count()} cores; "
              f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
        print("| run | seconds | docs/s | ratio to -j1 | over -j2 | CPU s | CPU over -j2 | client peak MB "
              "| largest child MB |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
        seconds_of: dict[str, float] = {}
        cpu_of: dict[str, float] = {}
        outputs = []

        def row(label: str, options: list[str], cluster_cpu: Callable[[], float] | None = None) -> float | None:
            output = Path(work) / f"out{len(outputs)}.jsonl"
            cluster_before = cluster_cpu() if cluster_cpu else 0.0
            seconds, cpu, client, child, start_up = measure(options, inputs, output)
            cpu += cluster_cpu() - cluster_before if cluster_cpu else 0.0
            seconds_of[label], cpu_of[label] = seconds, cpu
            outputs.append(output)
            pool = "-j2" in seconds_of and label != "-j2"
            over = f"{seconds / seconds_of['-j2'] - 1:+.0%}" if pool else ""
            cpu_over = f"{cpu / cpu_of['-j2'] - 1:+.0%}" if pool else ""
            print(f"| `{label}` | {seconds:.1f} | {args.docs / seconds:.1f} | {seconds_of['-j1'] / seconds:.2f} | "
                  f"{over} | {cpu:.1f} | {cpu_over} | {client:.0f} | {child:.0f} |", flush=True)
            return start_up

        row("-j1", ["-j1"])
        row("-j2", ["-j2"])
        start_up = row(f"--dask local:{workers}", ["--dask", f"local:{workers}", *dask_options])
        started = time.perf_counter()
        with (LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
              Client(cluster) as client):
            started_here = time.perf_counter() - started

            def cluster_cpu() -> float:  # its workers', and this process's (the scheduler's)
                return sum(client.run(cpu_seconds).values()) + cpu_seconds()

            row(f"--dask ADDRESS ({workers} workers up)", ["--dask", cluster.scheduler_address, *dask_options],
                cluster_cpu)
        print(f"LocalCluster start-up: {start_up}s inside the local:{workers} run; "
              f"{started_here:.1f}s for this script's cluster")
        lines = [len(path.read_text(encoding="utf-8").splitlines()) for path in outputs]
        assert len(set(lines)) == 1, f"the runs wrote different numbers of records: {lines}"
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
