import json
import re
import shutil
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
GOLD = Path(__file__).resolve().parent / "gold"
# Real saved pages taken from other public repositories, with their gold: read where they lie, never
# committed here. Tests on them are skipped on a machine without them.
SHARED_HTML = ROOT.parent / "shared" / "corpus" / "html"
# corpus -> (folder of inputs, folder of gold)
CORPORA = {
    "seeds": (FIXTURES / "seeds", GOLD / "seeds"),
    "own-html": (FIXTURES / "html", GOLD / "own-html"),
    "html": (SHARED_HTML, SHARED_HTML),
}
NO_SHARED_HTML = "../shared/corpus/html is absent: the third-party saved pages are not part of this repository"


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
    """(input path, gold dict) for every gold file of a corpus ('seeds', 'own-html', or the shared 'html');
    none when the corpus is not on this machine (see require_shared_html)."""
    inputs, golds = CORPORA[corpus]
    cases = []
    for g in sorted(golds.glob("*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        name = gold.get("file") or g.name[: -len(".gold.json")]
        stem = g.name[: -len(".gold.json")]
        matches = sorted(p for p in inputs.glob(stem + ".*") if not p.name.endswith(".gold.json"))
        body = golds / (stem + ".body.txt")
        if body.exists():
            gold["_body"] = body.read_text(encoding="utf-8")
        cases.append((matches[0] if matches else inputs / name, gold))
    return cases


def require_shared_html():
    if not SHARED_HTML.is_dir():
        pytest.skip(NO_SHARED_HTML)


needs_shared_html = pytest.mark.skipif(not SHARED_HTML.is_dir(), reason=NO_SHARED_HTML)


def token_f1(gold_text, text):
    def tok(s):
        return Counter(re.findall(r"\w+", norm(s).casefold()))
    g, o = tok(gold_text), tok(text)
    overlap = sum((g & o).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(o.values()), overlap / sum(g.values())
    return 2 * p * r / (p + r)


@pytest.fixture
def inbox(tmp_path):
    """A folder holding a copy of the seed clippings."""
    folder = tmp_path / "in"
    shutil.copytree(FIXTURES / "seeds", folder)
    return folder


@pytest.fixture(scope="session")
def pipeline():
    from clipper.pipeline import Pipeline

    return Pipeline()
