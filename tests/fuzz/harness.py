"""Input generation, the targets, and the worker pool with a CPU limit per input (see __init__.py)."""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
MAX_INPUT_BYTES = 300_000
MEMORY_LIMIT = 3 * 1024**3  # address space per worker

# Pieces that once made a stage misbehave, and the markup and money words the stages look for.
PIECES = [
    b"<!---->", b"<!--", b"-->", b"<!DOCTYPE html [", b"]>", b"<?xml version='1.0'?>", b"<p>", b"</p>", b"<div>",
    b"<br>", b"<h1>", b"<article>", b"<meta charset=\"undefined\">", b"<meta charset=\"utf-16\">", b"&amp;",
    b"&#x0;", b"&nbsp;", b"@", b"a@", b"@.", b".", b"...", b"-", b"111 ", b"1", b"9" * 40, b" 000", b"tusen ",
    b"miljoner ", b"milliarder ", b"kronor", b" kr", b"mnkr", b"MSEK", b"\xe2\x82\xac", b"DKK", b"NOK", b"%",
    b"Region Sk\xc3\xa5ne ", b"Helse Vest ", b"Cerner ", b"journalsystem ", b"upphandling ", b"\n", b"\n\n",
    b"\r\n", b"\t", b" ", b"\xef\xbb\xbf", b"\xff\xfe", b"\xff", b"\xc3", b"\xc3\xa5", b"\x00", b"\x1b", b"\xc2\xad",
    b"x" * 120, b"\xc3\x83\xc2\xa4", b"https://example.se/", b"anna@region.se", b"[", b"]", b"<", b">",
]


def seed_inputs() -> list[bytes]:
    """The bundled clippings and pages, and the shapes of ../shared/repro, as starting points."""
    seeds = [p.read_bytes() for p in sorted((ROOT / "fixtures").rglob("*")) if p.is_file()]
    seeds += [p.read_bytes() for p in sorted(CORPUS.glob("*")) if p.is_file()]
    return seeds + [
        b"<!---->" * 40 + b"x", b"a@" * 3000, b"Regionen har betalat " + b"7" * 700 + b" kronor.",
        b"<html><body>" + b"<p>a</p>" * 5000, b"&amp;" * 10000, b"a\n" * 20000, b"." * 40000,
    ]


def generate(rng: random.Random, seeds: list[bytes], max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """One input: a seed mutated a few times, or pieces strung together."""
    if rng.random() < 0.25:
        data = b"".join(rng.choice(PIECES) for _ in range(rng.randint(1, 200)))
    else:
        data = rng.choice(seeds)
        for _ in range(rng.randint(1, 6)):
            data = mutate(rng, data, seeds)
    return data[:max_bytes]


def mutate(rng: random.Random, data: bytes, seeds: list[bytes]) -> bytes:
    at = rng.randint(0, len(data))
    kind = rng.randrange(7)
    if kind == 0 and data:  # flip bytes
        raw = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    if kind == 1:  # insert a piece
        return data[:at] + rng.choice(PIECES) + data[at:]
    if kind == 2:  # repeat a piece or a chunk of the input many times
        chunk = data[at : at + rng.randint(1, 16)] or rng.choice(PIECES)
        return data[:at] + chunk * rng.choice([10, 100, 1000, 5000]) + data[at:]
    if kind == 3:  # cut
        return data[:at] if rng.random() < 0.5 else data[at:]
    if kind == 4:  # delete a span
        return data[:at] + data[at + rng.randint(1, 2000) :]
    if kind == 5:  # splice with another input
        other = rng.choice(seeds)
        return data[:at] + other[rng.randint(0, len(other)) :]
    return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 32))) + data[at:]


# --- the targets, in a worker -----------------------------------------------------------------------


def check(data: bytes) -> list[str]:
    """What went wrong with one input (empty: nothing): each entry is 'outcome:target:detail'."""
    from clipper import amounts, process
    from clipper.errors import InputError
    from clipper.extract.html import extract_html
    from clipper.extract.text import extract_text
    from clipper.language import detect_language
    from clipper.output import dumps
    from clipper.readers import markup
    from clipper.textbounds import bounded

    problems = []
    try:
        record = process(data).to_dict()
    except Exception as exc:  # noqa: BLE001 (the very thing counted)
        return [f"exception:process:{type(exc).__name__}: {exc}"[:300]]
    try:
        json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except Exception as exc:  # noqa: BLE001
        problems.append(f"unserialisable:process:{type(exc).__name__}: {exc}"[:300])
        json.loads(dumps(record))  # the writer must cope all the same
    if record.get("error", {}).get("type") == "internal":
        problems.append(f"internal:process:{record['error']['message']}"[:300])

    def stage(name, call, *args):
        try:
            return call(*args)
        except InputError:
            return None
        except Exception as exc:  # noqa: BLE001
            problems.append(f"exception:{name}:{type(exc).__name__}: {exc}"[:300])
            return None

    decoded = stage("decode", markup.decode, data)
    if decoded is None:
        return problems
    text = decoded[0]
    fmt = stage("sniff", markup.sniff_format, data, text)
    if fmt == "html":
        stage("extract_html", extract_html, text)
    else:
        stage("extract_text", extract_text, bounded(text))
    for language in ("sv", "da", "no"):
        stage("amounts", amounts.find_amounts, bounded(text), language)
    stage("language", detect_language, bounded(text))
    return problems


def _worker(connection: Connection, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    check(b"Regionen har valt ett nytt journalsystem.")  # imports and data loading outside the budget
    while True:
        try:
            index, data = connection.recv()
        except EOFError:
            return
        used = resource.getrusage(resource.RUSAGE_SELF)
        spent = int(used.ru_utime + used.ru_stime) + 1
        # SIGXCPU (which kills) once this input has had its seconds
        resource.setrlimit(resource.RLIMIT_CPU, (spent + cpu_seconds, resource.RLIM_INFINITY))
        started = time.process_time()
        try:
            problems = check(data)
        except MemoryError:
            problems = ["memory:process:over the worker's address-space limit"]
        try:
            connection.send((index, problems, time.process_time() - started))
        except BrokenPipeError:  # the run was stopped: nobody is waiting for the answer
            return


# --- the run ------------------------------------------------------------------------------------------


@dataclass
class Report:
    inputs: int = 0
    outcomes: Counter = field(default_factory=Counter)  # outcome → inputs
    by_target: Counter = field(default_factory=Counter)  # (outcome, target) → inputs
    slowest: tuple[float, int] = (0.0, 0)  # CPU seconds, bytes
    kept: list[str] = field(default_factory=list)  # corpus files written
    seconds: float = 0.0

    def failed(self, fail_on: set[str]) -> bool:
        return any(self.outcomes[outcome] for outcome in fail_on)

    def lines(self) -> list[str]:
        out = [f"{self.inputs} inputs in {self.seconds:.0f} s; slowest {self.slowest[0]:.2f} s CPU "
               f"on {self.slowest[1]:,} bytes"]
        for outcome in ("exception", "unserialisable", "over_budget", "memory", "internal"):
            targets = ", ".join(f"{t} {n}" for (o, t), n in sorted(self.by_target.items()) if o == outcome)
            out.append(f"  {outcome}: {self.outcomes[outcome]}" + (f" ({targets})" if targets else ""))
        out += [f"  kept: {path}" for path in self.kept[:20]]
        return out


def run(inputs: list[bytes] | None = None, count: int = 0, seed: int = 0, workers: int = 2, cpu_seconds: int = 10,
        keep: bool = True, max_bytes: int = MAX_INPUT_BYTES, progress_every: int = 0) -> Report:
    """Check `inputs` (or `count` generated ones, of at most max_bytes) on `workers` worker processes;
    the report so far goes to stderr every progress_every inputs."""
    rng = random.Random(seed)
    seeds = seed_inputs()
    todo = iter(inputs) if inputs is not None else (generate(rng, seeds, max_bytes) for _ in range(count))
    report = Report()
    started = time.monotonic()
    context = multiprocessing.get_context("spawn")
    pool: dict[Connection, tuple] = {}  # connection → (process, input index, data)
    indexed = enumerate(todo)

    def start() -> Connection:
        ours, theirs = context.Pipe()
        process = context.Process(target=_worker, args=(theirs, cpu_seconds), daemon=True)
        process.start()
        theirs.close()
        pool[ours] = (process, None, None)
        return ours

    def feed(connection: Connection) -> None:
        item = next(indexed, None)
        process = pool[connection][0]
        if item is None:
            connection.close()
            process.join(5)
            del pool[connection]
            return
        pool[connection] = (process, *item)
        connection.send(item)

    def record(data: bytes, problems: list[str], seconds: float) -> None:
        report.inputs += 1
        if progress_every and report.inputs % progress_every == 0:
            report.seconds = time.monotonic() - started
            print("\n".join(report.lines()), file=sys.stderr, flush=True)
        if seconds > report.slowest[0]:
            report.slowest = (seconds, len(data))
        for outcome, target in {tuple(p.split(":", 2)[:2]) for p in problems}:
            report.by_target[outcome, target] += 1
        for outcome in {p.split(":", 1)[0] for p in problems}:
            report.outcomes[outcome] += 1
        if problems and keep:
            path = CORPUS / f"{hashlib.sha256(data).hexdigest()[:16]}.bin"
            if not path.exists():
                CORPUS.mkdir(exist_ok=True)
                path.write_bytes(data)
                (path.with_suffix(".txt")).write_text("\n".join(problems) + "\n", encoding="utf-8")
                report.kept.append(str(path.relative_to(ROOT)))

    for _ in range(workers):
        feed(start())
    while pool:
        for connection in wait(list(pool)):
            process, index, data = pool[connection]
            try:
                _, problems, seconds = connection.recv()
            except (EOFError, ConnectionResetError):  # killed: over its CPU time (SIGXCPU) or memory
                process.join(5)
                del pool[connection]
                outcome = "over_budget" if process.exitcode == -24 else "memory"
                record(data, [f"{outcome}:process:worker ended with {process.exitcode}"], float(cpu_seconds))
                feed(start())
                continue
            record(data, problems, seconds)
            feed(connection)
    report.seconds = time.monotonic() - started
    return report


def replay() -> Report:
    return run(inputs=[p.read_bytes() for p in sorted(CORPUS.glob("*.bin"))], keep=False)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--inputs", type=int, default=2000, help="how many generated inputs (default 2000)")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", "0")))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cpu-seconds", type=int, default=10, help="CPU budget per input (default 10)")
    parser.add_argument("--max-bytes", type=int, default=MAX_INPUT_BYTES, help="largest generated input")
    parser.add_argument("--progress", type=int, default=0, help="print the report every N inputs")
    parser.add_argument("--replay", action="store_true", help="check the kept failures only")
    parser.add_argument("--no-keep", action="store_true", help="do not write failing inputs to the corpus")
    parser.add_argument("--fail-on", default="exception,unserialisable,over_budget,memory",
                        help="outcomes that make the exit status 1 (default: all but internal)")
    options = parser.parse_args(argv)
    if options.replay:
        report = replay()
    else:
        report = run(count=options.inputs, seed=options.seed, workers=options.workers,
                     cpu_seconds=options.cpu_seconds, keep=not options.no_keep, max_bytes=options.max_bytes,
                     progress_every=options.progress)
    print("\n".join(report.lines()))
    return 1 if report.failed(set(options.fail_on.split(","))) else 0
