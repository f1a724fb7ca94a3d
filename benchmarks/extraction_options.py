#!/usr/bin/env python3
"""Quality and cost of ways to run trafilatura inside clipper's HTML extractor, in one table.

    python benchmarks/extraction_options.py [--scorer ../shared/eval/score.py] [CORPUS_DIR ...]

For each option, every page of each corpus (default: the shared saved pages, then the pages written
for this benchmark in benchmarks/data/pages/) goes through the whole pipeline and the official scorer;
the cost is the extract stage's CPU milliseconds per page (time.process_time), beside a bare
`trafilatura.extract` of the same pages. "changed" counts the pages whose text differs from the first
option's (today's extractor when this was written): gold snippets catch only what they name, a
changed text shows every difference.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from clipper.extract import html
from clipper.extract.html import extract_html
from clipper.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT.parent / "shared" / "corpus" / "html", ROOT / "benchmarks" / "data" / "pages"]
QUICK_DATES = {"original_date": True, "extensive_search": False}
RECALL = {"favor_recall": True, "with_metadata": True, "date_extraction_params": QUICK_DATES}
OPTIONS: dict[str, tuple[dict, dict | None]] = {
    "recall + precision, both with fallbacks": (RECALL, {"favor_precision": True}),
    "recall + precision fast (no fallback)": (RECALL, {"favor_precision": True, "fast": True}),
    "recall fast + precision fast": ({**RECALL, "fast": True}, {"favor_precision": True, "fast": True}),
    "recall + default fast": (RECALL, {"fast": True}),
    "recall only": (RECALL, None),
    "recall fast only": ({**RECALL, "fast": True}, None),
    "precision only (with metadata)": ({**RECALL, "favor_recall": False, "favor_precision": True}, None),
}
SCORED = ("include_recall", "exclude_clean", "body_token_f1", "title_acc", "date_acc")


def score(corpus: Path, records: list[dict], scorer: Path) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as out:
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        out.flush()
        result = subprocess.run([sys.executable, str(scorer), str(corpus), out.name, "--json"],
                                capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=CORPORA)
    parser.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pipeline = Pipeline()
    pages = {corpus: sorted(corpus.glob("*.html")) for corpus in args.corpora}
    texts = {p: p.read_text("utf-8", errors="replace") for ps in pages.values() for p in ps}
    every = list(texts.values())
    started = time.process_time()
    for _ in range(args.rounds):
        for text in every:
            trafilatura.extract(text)
    bare = (time.process_time() - started) * 1000 / (args.rounds * len(every))
    names = " | ".join(f"{c.name}: include / clean / body F1" for c in args.corpora)
    print(f"| option | extract ms/page | {names} | changed |")
    print("|---|---:|" + "---|" * len(args.corpora) + "---:|")
    first_texts: dict[Path, str | None] = {}
    print(f"| bare trafilatura.extract (for scale) | {bare:.1f} |" + " |" * len(args.corpora))
    for option, (recall, precision) in OPTIONS.items():
        html.RECALL_PASS, html.PRECISION_PASS = recall, precision
        extract_html(every[0])  # warm-up
        started = time.process_time()
        for _ in range(args.rounds):
            for text in every:
                try:
                    extract_html(text)
                except Exception:  # an option that finds nothing on a page is scored as such below
                    pass
        cost = (time.process_time() - started) * 1000 / (args.rounds * len(every))
        cells, changed = [], 0
        for corpus, paths in pages.items():
            records = [pipeline.process_path(str(p)).to_dict() for p in paths]
            for path, record in zip(paths, records, strict=True):
                changed += first_texts.setdefault(path, record.get("text")) != record.get("text")
            got = score(corpus, records, args.scorer)
            cells.append(" / ".join(f"{got.get(k, float('nan')):.3f}" for k in SCORED[:3]))
        print(f"| {option} | {cost:.1f} | " + " | ".join(cells) + f" | {changed} of {len(texts)} |")


if __name__ == "__main__":
    main()
