#!/usr/bin/env python3
"""The plain-text extractor on plain-text copies of the real saved pages (run by hand; the test suite asserts
floors on the same figures).

    PYTHONPATH=src python benchmarks/text_copies.py [--style browser|lynx] [--width 76] [-v] [--show NAME]

We have five real plain-text clippings and thirteen real saved pages (in ../shared/corpus/html, outside the
repository; without it there is nothing to measure). Each page is turned into
the text a person gets from it without the HTML: what a browser's "select all, copy" gives (blank lines round
paragraphs and headings, "  • item" list lines, as in the seeds), or a "lynx -dump"-like text dump (hard-wrapped
lines, no bullets). Only visible text is kept: script, style, noscript, template and elements hidden by
attribute or inline style go. Style sheets are not applied, so menus a site hides by CSS stay in the copy: the
copies are, if anything, harder than the real thing. The extractor's text and title are then scored against the
page's gold snippets as the official scorer does (norm(), substring hits); "vs html" is the token F1 against
what the HTML extractor takes from the page itself.
"""
from __future__ import annotations

import argparse
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from clipper.errors import InputError
from clipper.extract.html import extract_html
from clipper.extract.text import extract_text
from clipper.readers.markup import decode

ROOT = Path(__file__).resolve().parent.parent
# The test suite's gold cases and scoring helpers, which count as the official scorer does.
sys.path.insert(0, str(ROOT / "tests"))
from conftest import gold_cases, norm, token_f1  # noqa: E402

STYLES = ("browser", "lynx")

# Not rendered as text at all.
_INVISIBLE = {"head", "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
              "select", "option", "datalist", "img", "picture", "video", "audio", "source", "track", "map", "input"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Set off by a blank line (browsers add one for their margins); other blocks by a line break.
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "dl", "table", "figure", "pre",
               "hr", "address", "fieldset"}
_BLOCKS = _PARAGRAPHS | {"div", "section", "article", "header", "footer", "nav", "aside", "main", "form", "li",
                         "dt", "dd", "tr", "figcaption", "caption", "details", "summary", "dialog", "legend",
                         "center", "hgroup", "menu", "body", "html"}
_CELLS = {"td", "th"}
_LISTS = {"ul", "ol", "menu"}
_LIST_INDENT = "  "
_LYNX_WIDTH = 76
_LYNX_INDENT = "   "


def visible_blocks(html: str) -> list[tuple[str, int]]:
    """The page's visible text as (line, depth of list nesting) pairs, with '' for a paragraph break.
    Inline text is joined and its white space collapsed, as a browser renders it; a list item's line
    starts with its marker ("• ", "1. ") and has the depth of its list, every other line depth 0."""
    return _lines(_events(BeautifulSoup(html, "lxml"), 0))


def _events(node: Tag, depth: int):
    """("text", str), ("break", 1 or 2) and ("item", marker, depth) in document order."""
    number = 1 if node.name == "ol" else 0
    for child in node.children:
        if isinstance(child, PreformattedString):  # comments, the doctype
            continue
        if isinstance(child, NavigableString):
            yield from _text_events(str(child), keep_lines=node.name == "pre")
            continue
        if not isinstance(child, Tag) or _hidden(child):
            continue
        name = child.name
        if name == "br":
            yield ("break", 1)
            continue
        if name in _CELLS:
            yield ("text", "\t")
        gap = 2 if name in _PARAGRAPHS else 1 if name in _BLOCKS else 0
        if name in _LISTS and depth:  # a nested list has no margin
            gap = 1
        if gap:
            yield ("break", gap)
        if name == "li":
            yield ("item", f"{number}. " if number else "• ", depth)
            number += bool(number)
        yield from _events(child, depth + (name in _LISTS))
        if gap:
            yield ("break", gap)


def _text_events(text: str, keep_lines: bool):
    if not keep_lines:
        yield ("text", re.sub(r"[ \t\r\n\f]+", " ", text))
        return
    for i, piece in enumerate(text.split("\n")):
        if i:
            yield ("break", 1)
        yield ("text", piece)


def _lines(events) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    line: list[str] = []
    line_depth, owed, item = 0, 0, None  # owed: the break due before the next text

    def flush() -> None:
        text = re.sub(r" {2,}", " ", "".join(line)).strip()
        if text:
            out.append((text, line_depth))
        line.clear()

    for event in events:
        kind = event[0]
        if kind == "break":
            owed = max(owed, event[1])
        elif kind == "item":
            owed, item = max(owed, 1), event[1:]
        elif event[1].strip():
            if owed:
                flush()
                if owed == 2 and out and out[-1][0]:
                    out.append(("", 0))
                owed = 0
            if not line:
                marker, line_depth = item or ("", 0)
                line.append(marker)
                item = None
            line.append(event[1] if len(line) > 1 else event[1].lstrip())
        elif line:
            line.append(event[1])
    flush()
    return out


def _hidden(el: Tag) -> bool:
    if el.name in _INVISIBLE:
        return True
    attrs = el.attrs or {}
    if "hidden" in attrs or attrs.get("type") == "hidden":
        return True
    return bool(_HIDDEN_STYLE.search(str(attrs.get("style") or "")))


def browser_copy(html: str) -> str:
    """What "select all, copy" in a browser gives: list items as indented "• item" lines."""
    return "\n".join(_LIST_INDENT * depth + text for text, depth in visible_blocks(html)) + "\n"


def lynx_dump(html: str, width: int = _LYNX_WIDTH) -> str:
    """A text-mode browser's dump: every line indented and hard-wrapped, list items without bullets."""
    lines = []
    for text, depth in visible_blocks(html):
        if not text:
            lines.append("")
            continue
        text = re.sub(r"^• ", "", text)
        indent = _LYNX_INDENT + "  " * max(depth - 1, 0)
        lines += textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent)
    return "\n".join(lines) + "\n"


def copy_of(path: Path, style: str, width: int = _LYNX_WIDTH) -> str:
    html, _ = decode(path.read_bytes())
    return browser_copy(html) if style == "browser" else lynx_dump(html, width)


@dataclass
class PageScore:
    name: str
    included: int
    must_include: int
    leaked: int
    must_exclude: int
    title_ok: bool
    missed: list[str]
    leaks: list[str]
    title: str | None
    text: str = ""
    error: str | None = None


def score_page(name: str, copy: str, gold: dict) -> PageScore:
    include, exclude = gold.get("must_include") or [], gold.get("must_exclude") or []
    try:
        extraction = extract_text(copy)
    except InputError as exc:
        return PageScore(name, 0, len(include), 0, len(exclude), False, list(include), [], None, error=str(exc))
    text = norm(extraction.text)
    missed = [s for s in include if norm(s) not in text]
    leaks = [s for s in exclude if norm(s) in text]
    title_ok = norm(extraction.title).casefold() == norm(gold.get("title")).casefold()
    return PageScore(name, len(include) - len(missed), len(include), len(leaks), len(exclude), title_ok,
                     missed, leaks, extraction.title, extraction.text)


def score_style(style: str, width: int = _LYNX_WIDTH) -> list[PageScore]:
    return [score_page(path.stem, copy_of(path, style, width), gold) for path, gold in gold_cases("html")]


def totals(scores: list[PageScore]) -> dict[str, float]:
    include = sum(s.must_include for s in scores)
    exclude = sum(s.must_exclude for s in scores)
    return {
        "include_recall": sum(s.included for s in scores) / include,
        "exclude_clean": 1 - sum(s.leaked for s in scores) / exclude,
        "title_acc": sum(s.title_ok for s in scores) / len(scores),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--style", choices=STYLES, action="append", help="copy style (default: both)")
    parser.add_argument("--show", metavar="NAME", help="print the copy of one page and what was extracted")
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed and leaked snippets")
    parser.add_argument("--width", type=int, default=_LYNX_WIDTH, help="column the lynx style wraps at")
    args = parser.parse_args()
    styles = args.style or list(STYLES)
    if args.show:
        path = next(p for p, _ in gold_cases("html") if args.show in p.stem)
        copy = copy_of(path, styles[0], args.width)
        print(copy)
        print("=" * 40, "extracted", "=" * 40)
        extraction = extract_text(copy)
        print("TITLE:", extraction.title, "| PUBLISHED:", extraction.published, "| AUTHORS:", extraction.authors)
        print(extraction.text)
        return
    html_texts = {path.stem: _html_text(path) for path, _ in gold_cases("html")}
    for style in styles:
        scores = score_style(style, args.width)
        print(f"== {style}")
        print(f"  {'page':42s} {'include':>8s} {'exclude':>8s} {'vs html':>8s}  title")
        for s in scores:
            print(f"  {s.name:42s} {s.included:>4d}/{s.must_include:<3d}"
                  f" {s.must_exclude - s.leaked:>4d}/{s.must_exclude:<3d} {token_f1(html_texts[s.name], s.text):8.3f}"
                  f"  {'ok' if s.title_ok else repr(s.title)}{'  ERROR ' + s.error if s.error else ''}")
            if args.verbose:
                for snippet in s.missed:
                    print(f"      missed: {snippet[:100]}")
                for snippet in s.leaks:
                    print(f"      leaked: {snippet[:100]}")
        agreement = sum(token_f1(html_texts[s.name], s.text) for s in scores) / len(scores)
        print("  " + "  ".join(f"{k} {v:.3f}" for k, v in totals(scores).items()) + f"  vs_html {agreement:.3f}")


def _html_text(path: Path) -> str:
    """What the HTML extractor (1.0 on these pages' snippets) takes from the page itself: a stand-in for a gold
    body, so that "vs html" (token F1) shows text kept or dropped beyond the snippets."""
    html, _ = decode(path.read_bytes())
    return extract_html(html).text


if __name__ == "__main__":
    sys.exit(main())
