"""Build the held-out language-identification sentence set (benchmarks/data/sentences.tsv).

Sources, all real text already on hand:
  news  the 5 plain-text seeds, labelled with the gold language of their article (nb → no).
        (The 13 third-party saved pages once used here are not part of the repository; their
        sentences were dropped, which left no Norwegian news sentence.)
  ui    translated software messages from the system's gettext catalogs (.mo files under
        /usr/share/locale): out-of-domain, but a parallel sv/da/nb/nn/fi/de/en set
        (msgid = English) for checking non-Scandinavian sentences.
  doc   running prose written or translated by people, from Debian packages: the Swedish book
        "Copyright finns inte" (cfi-sv), the Debian Edu manuals (debian-edu-doc-da, -nb-no,
        -legacy-sv), GIMP's Nynorsk help (gimp-help-nn) and vim's tutors (da, nb, sv);
  pkg   Debian's translated package descriptions (Translation-da/-sv/-nb: the DDTP's work).
        doc and pkg need the packages at hand, fetched for building only:
          apt-get -o Acquire::Languages=da,sv,nb,nn update
          cd DIR && apt-get download cfi-sv debian-edu-doc-da debian-edu-doc-nb-no \
            debian-edu-doc-legacy-sv gimp-help-nn && for d in *.deb; do dpkg-deb -x $d .; done
        and --debs DIR; without it those rows are left out.

Each sentence goes to 'dev' or 'test' by a hash of its text, so the split is stable across rebuilds.
Tune on dev only; report on test.

usage: python benchmarks/build_sentences.py [--debs DIR]  (rewrites benchmarks/data/sentences.tsv)
"""
from __future__ import annotations

import argparse
import gettext
import glob
import gzip
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "data" / "sentences.tsv"
NEWS_CODE = {"nb": "no", "nn": "no"}
UI_LOCALES = {"sv": ["sv"], "da": ["da"], "no": ["nb", "no"], "nn": ["nn"], "fi": ["fi"], "de": ["de"]}
UI_PER_LANGUAGE = 400
DOC_PER_LANGUAGE = 300
PKG_PER_LANGUAGE = 300
# Prose in Debian packages, by language, as paths under the directory the .debs were unpacked into.
DOCS = {
    "sv": ["usr/share/doc/cfi-sv/cfi.html",
           "usr/share/doc/debian-edu-doc-legacy-sv/*.html"],
    "da": ["usr/share/doc/debian-edu-doc-da/debian-edu-bookworm-manual.html"],
    "nb": ["usr/share/doc/debian-edu-doc-nb-no/debian-edu-bookworm-manual.html"],
    "nn": ["usr/share/gimp/2.0/help/nn/*.html"],
}
VIM_TUTORS = {"sv": "tutor.sv.utf-8", "da": "tutor.da.utf-8", "nb": "tutor.nb.utf-8"}
DESCRIPTIONS = {"sv": "sv", "da": "da", "nb": "nb"}  # our code → DDTP's Translation-XX
# The translated manuals leave some paragraphs in English: a sentence with one of these is dropped.
ENGLISH_WORDS = {"the", "and", "of", "you", "your", "with", "this", "that", "are", "which", "will", "it",
                 "can", "if", "not", "in", "on", "or", "by", "be", "an", "is", "from", "has", "have"}
# Lines of the news pages that are not in the article's language (English site chrome and job ads).
NOT_IN_ARTICLE_LANGUAGE = {
    "Skip to content",
    "Product owner (senior) - Data & Analytics",
    "Executive roundtable: Cyberrobusthed i praksis",
}

_SPLIT = re.compile(r"(?<=[.!?…])[\"”»']?\s+(?=[\"“«–—-]?[A-ZÅÄÖÆØÉ0-9])")
# Abbreviations after which a full stop does not end the sentence ("har pr. 2. februar ansat").
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:pr|ca|nr|fx|kl|jf|bl\.a|dvs|mht|osv|f\.eks|t\.ex|d|st|mio|mia|mill|kr)\.)$", re.I)
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
    for gold_path in sorted((ROOT / "tests" / "gold" / "seeds").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        stem = gold_path.name[: -len(".gold.json")]
        text = next((ROOT / "fixtures" / "seeds").glob(stem + ".*")).read_text("utf-8", errors="replace")
        lang = NEWS_CODE.get(gold["language"], gold["language"])
        rows += [(lang, f"news:{stem}", s) for s in sentences(text) if s not in NOT_IN_ARTICLE_LANGUAGE]
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


def docs(root: Path) -> list[tuple[str, str, str]]:
    """Whole prose sentences of the manuals, book and tutors (one per block, re-flowed)."""
    rows = []
    for code, patterns in DOCS.items():
        found = {}
        for pattern in patterns:
            for path in sorted(glob.glob(str(root / pattern))):
                for sentence in _prose_sentences(_html_blocks(Path(path))):
                    found.setdefault(sentence, Path(path).stem)
        tutor = VIM_TUTORS.get(code)
        for path in sorted(glob.glob(f"/usr/share/vim/vim*/tutor/{tutor}"))[:1] if tutor else []:
            paragraphs = Path(path).read_text("utf-8").split("\n\n")
            for sentence in _prose_sentences(paragraphs):
                found.setdefault(sentence, "vimtutor")
        for sentence in sorted(found, key=_digest)[:DOC_PER_LANGUAGE]:
            rows.append((code, f"doc:{found[sentence]}", sentence))
    return rows


def descriptions() -> list[tuple[str, str, str]]:
    """Whole sentences of Debian's translated package descriptions (long descriptions, re-flowed)."""
    rows = []
    for code, ddtp in DESCRIPTIONS.items():
        found = {}
        for path in sorted(glob.glob(f"/var/lib/apt/lists/*_i18n_Translation-{ddtp}*")):
            text = _read_list(path)
            for package, paragraphs in _description_paragraphs(text, ddtp):
                for sentence in _prose_sentences(paragraphs):
                    found.setdefault(sentence, package)
        for sentence in sorted(found, key=_digest)[:PKG_PER_LANGUAGE]:
            rows.append((code, f"pkg:{found[sentence]}", sentence))
    return rows


def _read_list(path: str) -> str:
    if path.endswith(".lz4"):  # apt's default compression; Python's standard library has no lz4
        return subprocess.run(["lz4cat", path], capture_output=True, check=True).stdout.decode("utf-8", "replace")
    with (gzip.open if path.endswith(".gz") else open)(path, "rt", encoding="utf-8", errors="replace") as handle:
        return handle.read()


def _description_paragraphs(text: str, ddtp: str):
    """(package, [paragraph, ...]) of each long description in a DDTP Translation file."""
    for entry in text.split("\n\n"):
        package = re.search(r"^Package: (\S+)", entry, re.M)
        body = re.search(rf"^Description-{ddtp}: [^\n]*\n((?: [^\n]*\n?)*)", entry, re.M)
        if package and body:
            lines = [line[1:] for line in body.group(1).splitlines()]
            paragraphs = "\n".join(" " if line.strip() == "." else line for line in lines).split("\n \n")
            yield package.group(1), paragraphs


def _html_blocks(path: Path) -> list[str]:
    soup = BeautifulSoup(path.read_text("utf-8", errors="replace"), "lxml")
    for tag in soup(["script", "style", "pre", "code", "tt", "kbd", "samp"]):
        tag.decompose()
    return [tag.get_text(" ", strip=True) for tag in soup.find_all(["p", "li", "dd"])]


def _prose_sentences(blocks: list[str]) -> list[str]:
    """Sentences of re-flowed blocks that are whole (capital to full stop) and not English."""
    out = []
    for block in blocks:
        for sentence in sentences(re.sub(r"\s+", " ", block)):
            words = _WORD.findall(sentence)
            if (sentence[0].isupper() and sentence[-1] in ".!?" and 4 <= len(words) <= 40
                    and not ENGLISH_WORDS & {w.lower() for w in words}):
                out.append(sentence)
    return out


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debs", type=Path, help="directory the doc packages were unpacked into")
    args = parser.parse_args()
    prose = docs(args.debs) + descriptions() if args.debs else []
    if not args.debs:
        print("no --debs: leaving out the doc and pkg sentences", file=sys.stderr)
    seen, lines = set(), ["split\tlang\tsource\tsentence"]
    for lang, source, sentence in news() + ui_messages() + prose:
        if sentence in seen:
            continue
        seen.add(sentence)
        split = "test" if int(_digest(sentence)[:8], 16) % 2 else "dev"
        lines.append(f"{split}\t{lang}\t{source}\t{sentence}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} sentences → {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
