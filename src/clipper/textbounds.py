"""Bounds on what the stages look at, so that the work on a document stays linear in its size and
small whatever the input.

Real prose has no word longer than a few dozen letters and no character repeated more than a few
dozen times; generated or broken input does ("xxxx…" × 10^6, 40,000 dots, "a@a@a@…"). Such runs
make patterns that are linear on prose quadratic (each start position rescans the run), and
word-level work (spelling variants of a word, n-grams) grows with the square of a word's length.
Articles, even long reports, fit well within the character and line caps; what lies beyond them
is not read.
"""
from __future__ import annotations

import re

# A character repeated more than this is cut to this many ("--------" rules, "!!!!" stay as they are).
MAX_RUN = 64
# A token (maximal run of non-space) longer than this is split with a space every MAX_TOKEN
# characters: longer than any word, compound or name, and than nearly every web address.
MAX_TOKEN = 300
# An article runs 2,000-20,000 characters and 20-500 lines; a 60-page report fits too.
MAX_CHARS = 200_000
MAX_LINES = 20_000
# Tags ("<" characters) in a page: the largest of 13 real saved pages holds 4,400. Far more is generated
# markup, and every element costs the HTML stage time and memory.
MAX_TAGS = 30_000

_LONG_RUN = re.compile(rf"(\S)\1{{{MAX_RUN},}}")
_LONG_TOKEN = re.compile(rf"(\S{{{MAX_TOKEN}}})(?=\S)")


def bounded(text: str) -> str:
    """The first MAX_CHARS characters and MAX_LINES lines of text, with runs of one character cut
    to MAX_RUN and tokens split every MAX_TOKEN characters."""
    text = _head_lines(text[:MAX_CHARS], MAX_LINES)
    text = _LONG_RUN.sub(lambda run: run.group(1) * MAX_RUN, text)
    return _LONG_TOKEN.sub(r"\1 ", text)


def too_many_tags(markup: str) -> bool:
    return markup.count("<") > MAX_TAGS


def _head_lines(text: str, limit: int) -> str:
    if text.count("\n") < limit:
        return text
    end = -1
    for _ in range(limit):
        end = text.find("\n", end + 1)
    return text[:end]
