"""`clipper eval DIR`: run clipper over a folder of inputs with gold files beside them and score the records with
the metrics (and the definitions) of the shared scorer `eval/score.py`, so users can measure clipper on their own
gold. The gold format is documented in the README ("Measuring clipper on your own gold")."""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError

GOLD_SUFFIX = ".gold.json"
BODY_SUFFIX = ".body.txt"
# Only the eight labels gold files use are scored: a label beyond them is neither right nor wrong.
SCORED_TOPICS = frozenset({"procurement", "award", "appeal", "delay", "contract_dispute", "implementation",
                           "patient_safety", "cost"})
ENTITY_KINDS = ("region", "vendor", "product")
# Relative tolerance within which an amount's value matches the gold value.
_AMOUNT_TOLERANCE = 0.005


@dataclass
class Gold:
    name: str  # the input's file name
    data: dict[str, Any]
    body: str | None = None


@dataclass
class Evaluation:
    metrics: dict[str, float | int]
    failures: dict[str, list[str]] = field(default_factory=dict)  # input name -> what went wrong there

    def to_dict(self) -> dict[str, Any]:
        return {**self.metrics, "failures": self.failures}


def load_golds(folder: str | Path) -> list[Gold]:
    """Every NAME.gold.json in `folder`, with NAME.body.txt (the gold article text) where present."""
    folder = Path(folder)
    golds = []
    for path in sorted(folder.glob("*" + GOLD_SUFFIX)):
        stem = path.name[:-len(GOLD_SUFFIX)]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError("malformed", f"{path}: not a gold file: {exc}") from exc
        if not isinstance(data, dict):
            raise InputError("malformed", f"{path}: not a gold file: a JSON object is expected")
        body = folder / (Path(stem).stem + BODY_SUFFIX)
        golds.append(Gold(data.get("file") or stem, data, body.read_text(encoding="utf-8") if body.exists() else None))
    return golds


def input_path(folder: str | Path, gold: Gold) -> Path:
    """The input a gold file describes: its "file", else the file named like the gold file without the suffix,
    else the one whose stem matches."""
    folder = Path(folder)
    exact = folder / gold.name
    if exact.exists():
        return exact
    stem = Path(gold.name).stem
    return next((p for p in sorted(folder.glob(stem + ".*"))
                 if not p.name.endswith((GOLD_SUFFIX, BODY_SUFFIX))), exact)


def evaluate_folder(folder: str | Path, process: Callable[[str], dict[str, Any]]) -> Evaluation:
    """Run `process` (path → record dict) on every input that has gold in `folder`, and score the records."""
    golds = load_golds(folder)
    return score(golds, {gold.name: process(str(input_path(folder, gold))) for gold in golds})


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", _norm(text).casefold()))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _entity_names(record: dict[str, Any], kind: str) -> set[str]:
    return {
        _norm(e.get("name")).casefold() for e in record.get("entities") or []
        if (e.get("type") or "").casefold() in (kind, kind + "s")
    }


def _amounts(record: dict[str, Any]) -> list[tuple[float, str]]:
    out = []
    for amount in record.get("amounts") or []:
        currency = (amount.get("currency") or "").upper()
        out += [(float(amount[key]), currency) for key in ("value", "value_max") if amount.get(key) is not None]
    return out


def _amount_hits(gold: Iterable[dict[str, Any]], found: list[tuple[float, str]]) -> tuple[int, int, int]:
    """Distinct (value, currency) pairs on both sides (an amount repeated in a text is one fact), matched on the
    currency and the value within 0.5 %."""
    wanted = sorted({(float(a["value"]), a["currency"].upper()) for a in gold})
    have = sorted(set(found))
    used = [False] * len(have)
    tp = 0
    for value, currency in wanted:
        for i, (v, c) in enumerate(have):
            if not used[i] and c == currency and abs(v - value) <= _AMOUNT_TOLERANCE * max(abs(value), 1):
                used[i], tp = True, tp + 1
                break
    return tp, len(have) - tp, len(wanted) - tp


def _same_language(gold: str, found: str) -> bool:
    scandinavian_norwegian = ("nb", "nn", "no")
    return found == gold or (gold in scandinavian_norwegian and found in scandinavian_norwegian)


def score(golds: list[Gold], records: dict[str, dict[str, Any] | None]) -> Evaluation:
    """The metrics of eval/score.py over `records` (input name → record dict, or None when missing)."""
    s: Counter[str] = Counter()
    failures: dict[str, list[str]] = {}
    for gold in golds:
        g, record = gold.data, records.get(gold.name)
        s["docs"] += 1
        wrong = failures.setdefault(gold.name, [])
        if record is None or record.get("error"):
            s["missing"] += 1
            wrong.append("missing: " + str((record or {}).get("error", {}).get("message", "no record")))
            continue
        text = _norm(record.get("text"))
        for snippet in g.get("must_include") or []:
            s["inc_total"] += 1
            hit = _norm(snippet) in text
            s["inc_hit"] += hit
            if not hit:
                wrong.append(f"dropped: {snippet}")
        for snippet in g.get("must_exclude") or []:
            s["exc_total"] += 1
            leaked = _norm(snippet) in text
            s["exc_leak"] += leaked
            if leaked:
                wrong.append(f"kept: {snippet}")
        if gold.body is not None:
            want, have = _tokens(gold.body), _tokens(text)
            overlap = sum((want & have).values())
            s["tok_tp"] += overlap
            s["tok_fp"] += sum(have.values()) - overlap
            s["tok_fn"] += sum(want.values()) - overlap
        if g.get("published"):
            s["date_total"] += 1
            ok = str(record.get("published") or "")[:10] == g["published"][:10]
            s["date_ok"] += ok
            if not ok:
                wrong.append(f"published {record.get('published')!r}, gold {g['published']!r}")
        if g.get("title"):
            s["title_total"] += 1
            ok = _norm(record.get("title")).casefold() == _norm(g["title"]).casefold()
            s["title_ok"] += ok
            if not ok:
                wrong.append(f"title {record.get('title')!r}, gold {g['title']!r}")
        if g.get("language"):
            s["lang_total"] += 1
            ok = _same_language(g["language"].lower(), (record.get("language") or "").lower())
            s["lang_ok"] += ok
            if not ok:
                wrong.append(f"language {record.get('language')!r}, gold {g['language']!r}")
        for kind in ENTITY_KINDS:
            if kind + "s" in g:
                want_names = {_norm(x).casefold() for x in g[kind + "s"]}
                have_names = _entity_names(record, kind)
                s[kind + "_tp"] += len(want_names & have_names)
                s[kind + "_fp"] += len(have_names - want_names)
                s[kind + "_fn"] += len(want_names - have_names)
                if want_names != have_names:
                    wrong.append(f"{kind}s {sorted(have_names)}, gold {sorted(want_names)}")
        if "amounts" in g:
            tp, fp, fn = _amount_hits(g["amounts"], _amounts(record))
            s["amount_tp"] += tp
            s["amount_fp"] += fp
            s["amount_fn"] += fn
            if fp or fn:
                wrong.append(f"amounts: {fp} extra, {fn} missed")
        if "topics" in g:
            want_topics = set(g["topics"])
            have_topics = {t.get("label") for t in record.get("topics") or []} & SCORED_TOPICS
            s["topic_tp"] += len(want_topics & have_topics)
            s["topic_fp"] += len(have_topics - want_topics)
            s["topic_fn"] += len(want_topics - have_topics)
            if want_topics != have_topics:
                wrong.append(f"topics {sorted(have_topics)}, gold {sorted(want_topics)}")
        if "on_topic" in g:
            s["rel_total"] += 1
            ok = "relevant" in record and bool(record["relevant"]) == bool(g["on_topic"])
            s["rel_ok"] += ok
            if not ok:
                wrong.append(f"relevant {record.get('relevant')!r}, gold {g['on_topic']!r}")
        if not wrong:
            del failures[gold.name]
    return Evaluation(_metrics(s), failures)


def _metrics(s: Counter[str]) -> dict[str, float | int]:
    out: dict[str, float | int] = {"docs": s["docs"], "missing": s["missing"]}
    if s["inc_total"]:
        out["include_recall"] = s["inc_hit"] / s["inc_total"]
    if s["exc_total"]:
        out["exclude_clean"] = 1 - s["exc_leak"] / s["exc_total"]
    if s["tok_tp"] + s["tok_fn"]:
        out["body_token_f1"] = prf(s["tok_tp"], s["tok_fp"], s["tok_fn"])[2]
    for key, total in (("language_acc", "lang"), ("title_acc", "title"), ("date_acc", "date")):
        if s[total + "_total"]:
            out[key] = s[total + "_ok"] / s[total + "_total"]
    for kind in (*ENTITY_KINDS, "amount", "topic"):
        if s[kind + "_tp"] + s[kind + "_fp"] + s[kind + "_fn"]:
            out[kind + "_p"], out[kind + "_r"], out[kind + "_f1"] = prf(s[kind + "_tp"], s[kind + "_fp"],
                                                                         s[kind + "_fn"])
    if s["rel_total"]:
        out["relevance_acc"] = s["rel_ok"] / s["rel_total"]
    return out


def render(evaluation: Evaluation, show_failures: bool = True) -> str:
    """The metrics one per line, as score.py prints them, then what went wrong in each input."""
    lines = [f"{k:16s} {v:.3f}" if isinstance(v, float) else f"{k:16s} {v}" for k, v in evaluation.metrics.items()]
    if show_failures:
        for name, wrong in evaluation.failures.items():
            lines.append(f"  {name}")
            lines += [f"    {w}" for w in wrong]
    return "\n".join(lines)
