"""Which PDF library reads Nordic PDFs best and fastest: pypdfium2, pypdf and pdfminer.six on the same
files (articles written for the tests, printed by reportlab with a running head and page numbers at
two font sizes), scored on word F1 against the article's own words and on words broken or glued.

    python benchmarks/pdf_libraries.py      # needs the three libraries and reportlab installed
"""
from __future__ import annotations

import io
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "formats"))
import articles  # noqa: E402

import build  # noqa: E402

_WORD = re.compile(r"\w+")


def pdfium(data: bytes) -> list[str]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    return [page.get_textpage().get_text_range() for page in pdf]


def pypdf_text(data: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def pdfminer_text(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data)).split("\f")


def f1(found: str, expected: str) -> float:
    a, b = Counter(_WORD.findall(found.lower())), Counter(_WORD.findall(expected.lower()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def main() -> None:
    pdfs = []
    for article in (articles.NORRBOTTEN, articles.GAVLE, articles.SJAELLAND, articles.TROMSO):
        for size in (10, 14):
            expected = "\n".join([article.title, *article.paragraphs])
            pdfs.append((build.pdf_bytes(article, font_size=size), expected))
    print(f"{len(pdfs)} PDFs, {sum(len(build_pdf) for build_pdf, _ in pdfs) // 1024} kB")
    print("| library | word F1 | Nordic letters kept | ms per PDF |")
    print("|---|---:|---:|---:|")
    for name, read in (("pypdfium2", pdfium), ("pypdf", pypdf_text), ("pdfminer.six", pdfminer_text)):
        read(pdfs[0][0])  # imports and first-call set-up out of the timing
        scores, letters, started = [], [], time.process_time()
        rounds = 5
        for _ in range(rounds):
            for data, expected in pdfs:
                text = "\f".join(read(data))
                scores.append(f1(text, expected))
                want = sum(expected.count(ch) for ch in "åäöæøÅÄÖÆØ")
                letters.append(sum(text.count(ch) for ch in "åäöæøÅÄÖÆØ") / want)
        ms = (time.process_time() - started) * 1000 / (rounds * len(pdfs))
        print(f"| {name} | {sum(scores) / len(scores):.4f} | {sum(letters) / len(letters):.3f} | {ms:.1f} |")


if __name__ == "__main__":
    main()
