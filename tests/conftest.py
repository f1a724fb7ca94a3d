import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
GOLD = Path(__file__).resolve().parent / "gold"


# The scoring part of a taxonomy file, for tests that write a taxonomy of their own field.
TAXONOMY_SCORING = """[scoring]
title_factor = 3.0
lead_factor = 1.5
lead_words = 60
repeat_factor = 0.25
max_repeats = 3
[topics]
half_score = 1.5
dominance_exponent = 0.5
threshold = 0.4
require_relevance = true
"""


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


def gold_cases(corpus):
    """(input path, gold dict) for every gold file of a corpus ('seeds' or 'html')."""
    cases = []
    for g in sorted((GOLD / corpus).glob("*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        name = gold.get("file") or g.name[: -len(".gold.json")]
        stem = g.name[: -len(".gold.json")]
        matches = sorted((FIXTURES / corpus).glob(stem + ".*"))
        body = GOLD / corpus / (stem + ".body.txt")
        if body.exists():
            gold["_body"] = body.read_text(encoding="utf-8")
        cases.append((matches[0] if matches else FIXTURES / corpus / name, gold))
    return cases


def token_f1(gold_text, text):
    def tok(s):
        return Counter(re.findall(r"\w+", norm(s).casefold()))
    g, o = tok(gold_text), tok(text)
    overlap = sum((g & o).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(o.values()), overlap / sum(g.values())
    return 2 * p * r / (p + r)


@pytest.fixture(scope="session")
def pipeline():
    from clipper.pipeline import Pipeline

    return Pipeline()
