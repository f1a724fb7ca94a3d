"""Build the held-out language-identification sentence set (benchmarks/data/sentences.tsv).

Sources, all real text already on hand:
  news  the 13 saved pages in fixtures/html (text via trafilatura) and the 5 plain-text seeds,
        labelled with the gold language of their article (nb → no);
  ui    translated software messages from the system's gettext catalogs (.mo files under
        /usr/share/locale): out-of-domain, but the only Nynorsk we have and a parallel
        sv/da/nb/nn/fi/de/en set (msgid = English) for checking non-Scandinavian sentences.

Each sentence goes to 'dev' or 'test' by a hash of its text, so the split is stable across rebuilds.
Tune on dev only; report on test.

usage: python benchmarks/build_sentences.py  (rewrites benchmarks/data/sentences.tsv)
"""
from __future__ import annotations

import glob
import gettext
import hashlib
import json
import re
import sys
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "data" / "sentences.tsv"
NEWS_CODE = {"nb": "no", "nn": "no"}
UI_LOCALES = {"sv": ["sv"], "da": ["da"], "no": ["nb", "no"], "nn": ["nn"], "fi": ["fi"], "de": ["de"]}
UI_PER_LANGUAGE = 400
# Lines of the news pages that are not in the article's language (English site chrome and job ads).
NOT_IN_ARTICLE_LANGUAGE = {
    "Skip to content",
    "Product owner (senior) - Data & Analytics",
    "Executive roundtable: Cyberrobusthed i praksis",
}

_SPLIT = re.compile(r"(?<=[.!?…])[\"”»']?\s+(?=[\"“«–—-]?[A-ZÅÄÖÆØÉ0-9])")
# Abbreviations after which a full stop does not end the sentence ("har pr. 2. februar ansat").
_ABBREVIATION_END = re.compile(r"(?:\b(?:pr|ca|nr|fx|kl|jf|bl\.a|dvs|mht|osv|f\.eks|t\.ex|d|st|mio|mia|mill|kr)\.)$", re.I)
_WORD = re.compile(r"[^\W\d_]+")


def sentences(text: str) -> list[str]:
    out = []
    for paragraph in text.splitlines():
        for sentence in _split_sentences(paragraph.strip()):
            sentence = re.sub(r"\s+", " ", sentence).strip(" -–—•")
            words = _WORD.findall(sentence)
            running_words = sum(w[0].islower() for w in words)  # drops bylines, name lists, ALL-CAPS labels
            if 3 <= len(words) <= 60 and running_words >= 2 and sum(map(len, words)) >= 0.6 * len(sentence):
                out.append(sentence)
    return out


def _split_sentences(paragraph: str) -> list[str]:
    pieces: list[str] = []
    for piece in _SPLIT.split(paragraph):
        if pieces and _ABBREVIATION_END.search(pieces[-1]):
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    return pieces


def news() -> list[tuple[str, str, str]]:
    rows = []
    for corpus in ("html", "seeds"):
        for gold_path in sorted((ROOT / "tests" / "gold" / corpus).glob("*.gold.json")):
            gold = json.loads(gold_path.read_text("utf-8"))
            stem = gold_path.name[: -len(".gold.json")]
            source = next((ROOT / "fixtures" / corpus).glob(stem + ".*"))
            raw = source.read_text("utf-8", errors="replace")
            text = trafilatura.extract(raw) if corpus == "html" else raw
            lang = NEWS_CODE.get(gold["language"], gold["language"])
            rows += [(lang, f"news:{stem}", s) for s in sentences(text or "") if s not in NOT_IN_ARTICLE_LANGUAGE]
    return rows


def ui_messages() -> list[tuple[str, str, str]]:
    """One-line, sentence-shaped translated messages (and their English originals)."""
    rows, english = [], {}
    shaped = re.compile(r"^[A-ZÅÄÖÆØ][^%{}<>\\/_=|\t\n@$]{20,200}[.!?]\Z")
    for code, locales in UI_LOCALES.items():
        picked = {}
        for locale in locales:
            for mo in sorted(glob.glob(f"/usr/share/locale/{locale}/LC_MESSAGES/*.mo")):
                if "/iso_" in mo:
                    continue  # language and country names: not sentences
                try:
                    catalog = gettext.GNUTranslations(open(mo, "rb"))._catalog
                except (OSError, UnicodeDecodeError, ValueError):
                    continue
                for msgid, msgstr in catalog.items():
                    if not (isinstance(msgid, str) and isinstance(msgstr, str)) or msgstr == msgid:
                        continue
                    if shaped.match(msgstr) and len(_WORD.findall(msgstr)) >= 4:
                        picked.setdefault(msgstr, Path(mo).stem)
                    if shaped.match(msgid) and len(_WORD.findall(msgid)) >= 4:
                        english.setdefault(msgid, Path(mo).stem)
        for msg in sorted(picked, key=_digest)[:UI_PER_LANGUAGE]:
            rows.append((code, f"ui:{picked[msg]}", msg))
    rows += [("en", f"ui:{english[m]}", m) for m in sorted(english, key=_digest)[:UI_PER_LANGUAGE]]
    return rows


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def main() -> None:
    seen, lines = set(), ["split\tlang\tsource\tsentence"]
    for lang, source, sentence in news() + ui_messages():
        if sentence in seen:
            continue
        seen.add(sentence)
        split = "test" if int(_digest(sentence)[:8], 16) % 2 else "dev"
        lines.append(f"{split}\t{lang}\t{source}\t{sentence}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} sentences → {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
