#!/usr/bin/env python3
"""Output-identity check for speed work: dump every record (less `ingested_at`), its near-duplicate
signature and the language of every benchmark sentence, then compare a later run against the dump.

    python benchmarks/golden_records.py dump GOLDEN.jsonl
    python benchmarks/golden_records.py compare GOLDEN.jsonl

Inputs: the fixtures, the red-team clippings, the saved pages under benchmarks/data/pages/, every
sentence of benchmarks/data/sentences.tsv, and any extra folders given with --extra (the shared
corpus, the fuzz reproducers). Keep the dump outside the repository: it holds text of the pages.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from clipper import dedup
from clipper.language import detect_language
from clipper.pipeline import process

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "fixtures", ROOT / "tests" / "data" / "redteam", ROOT / "benchmarks" / "data" / "pages"]
GOLD_SIDECARS = (".json", ".body.txt")  # gold files beside the inputs, not inputs
SENTENCES = ROOT / "benchmarks" / "data" / "sentences.tsv"


def entries(folders: list[Path]) -> Iterator[dict]:
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(GOLD_SIDECARS)):
            record = process(path).to_dict()
            record.pop("ingested_at", None)
            signature = dedup.signature(record.get("text") or "")
            record["_signature"] = list(signature.minhashes) if signature else None
            yield {"key": str(path.relative_to(folder.parent)), "value": record}
    with SENTENCES.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {"key": "sentence:" + row["sentence"], "value": list(detect_language(row["sentence"]))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["dump", "compare"])
    parser.add_argument("golden", type=Path)
    parser.add_argument("--extra", type=Path, action="append", default=[],
                        help="another folder of inputs (repeatable)")
    args = parser.parse_args()
    sys.set_int_max_str_digits(0)  # a fuzz reproducer holds an amount of thousands of digits
    folders = INPUTS + args.extra
    if args.mode == "dump":
        written = 0
        with args.golden.open("w", encoding="utf-8") as out:
            for entry in entries(folders):
                out.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
                written += 1
        print(f"{written} entries written to {args.golden}")
        return
    golden = {}
    with args.golden.open(encoding="utf-8") as lines:
        for line in lines:
            entry = json.loads(line)
            golden[entry["key"]] = entry["value"]
    differ = seen = 0
    for entry in entries(folders):
        seen += 1
        expected = golden.pop(entry["key"], None)
        if expected is None:
            differ += 1
            print(f"NEW: {entry['key'][:100]}")
        elif json.loads(json.dumps(entry["value"])) != expected:
            differ += 1
            print(f"DIFFERS: {entry['key'][:100]}")
            if isinstance(expected, dict):
                for field in sorted(set(expected) | set(entry["value"])):
                    if expected.get(field) != entry["value"].get(field):
                        print(f"    {field}: {str(expected.get(field))[:150]!r} -> "
                              f"{str(entry['value'].get(field))[:150]!r}")
            else:
                print(f"    {expected} -> {entry['value']}")
    for key in golden:
        differ += 1
        print(f"MISSING: {key[:100]}")
    print(f"{seen} entries compared, {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
