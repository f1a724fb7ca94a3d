"""Plain text → logical lines: white space cleaned, and lines that a PDF dump or a hard-wrapped copy broke
mid-sentence joined back together."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .boilerplate import is_bare_label
from .dates import is_bare_dateline
from .stopwords import is_stopword

# Sentence-final punctuation (a colon introduces a quote), optionally followed by closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?:…][\"'»”’)\]]*$")
BULLET = re.compile(r"^[•·▪◦●■*]\s*")
NUMBERED = re.compile(r"^\d{1,2}[.)]\s")
# "3", "- 3 -", "3 (12)", "Sida 3 av 12", "Side 3 af 12", "Page 3 of 12": page furniture of a PDF dump.
_PAGE_NUMBER = re.compile(
    r"^(?:(?:sida|side|page|s\.)\s*)?[-–]?\s*\d{1,3}\s*[-–]?\s*(?:(?:av|af|of|/)\s*\d{1,3}|\(\d{1,3}\))?$", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# A document is hard-wrapped when at least this share of its full-width lines (below) run on into a lower-case
# next line (in a web copy a long line is a whole paragraph, ending its sentence; menus and other short lines
# say nothing either way) ...
_WRAPPED_SHARE = 0.25
# ... and nine lines in ten are no longer than this (a web copy has one long line per paragraph).
_WRAPPED_MAX_WIDTH = 120
# In a hard-wrapped document a line at least this share of the wrap width was broken by the layout.
_FULL_LINE = 0.8
# A hard-wrapped document with fewer of its lines than this sharing a block with the line before is
# double-spaced (a PDF dump): its blank lines are layout. Otherwise (a text browser's dump, a saved e-mail)
# a blank line ends a paragraph, and only a lower-case line after it continues the sentence (a page break).
_DOUBLE_SPACED_SHARE = 0.2
# A short line printed more than once in a hard-wrapped document, next to a page number or this many lines
# from one, is a running head or foot.
_RUNNING_HEAD_MAX_WORDS = 12
_RUNNING_HEAD_REACH = 2
# "vårdinforma-" + "tionssystem": a lower-case word part of three letters or more before a line-end hyphen
# was hyphenated by the layout ("IT-" + "arkitektur" and "e-" + "hälsa" keep theirs).
_HYPHENATED = re.compile(r"(?<!\w)[a-zåäöæøéü]\w{2,}-$")


@dataclass(frozen=True)
class Line:
    text: str
    block: int  # lines of one blank-line separated block share a number


def logical_lines(text: str) -> list[Line]:
    """Non-empty lines of `text`, cleaned; lines broken mid-sentence are joined into one."""
    raw = _blocks(_clean(text))
    wrapped = _is_hard_wrapped([line for line, _ in raw])
    if wrapped:
        raw = _without_page_furniture(raw)
    width = _wrap_width([line for line, _ in raw]) if wrapped else 0
    double_spaced = wrapped and _is_double_spaced(raw)
    groups: list[tuple[list[str], int]] = []  # the physical lines of each logical line, and its block
    for i, (line, block) in enumerate(raw):
        pieces = groups[-1][0] if groups else None
        same_block = i > 0 and raw[i - 1][1] == block
        ends_block = i + 1 == len(raw) or raw[i + 1][1] != block
        layout_width = width if same_block or double_spaced else 0
        # A bare dateline ("tirsdag 4. mars 2025", "Publiceret 4. marts 2025 kl. 08.14") under a headline is its
        # dateline, not its last words.
        if (pieces and (same_block or wrapped) and _runs_on(pieces[-1], line, layout_width, ends_block)
                and not is_bare_dateline(line)):
            _continue(pieces, line)
        else:
            # In a double-spaced dump blank lines are layout, not structure: every logical line is a block.
            groups.append(([line], len(groups) if double_spaced else block))
    return [Line("".join(pieces), block) for pieces, block in groups]


def _is_double_spaced(raw: list[tuple[str, int]]) -> bool:
    in_block = sum(1 for (_, a), (_, b) in zip(raw, raw[1:], strict=False) if a == b)
    return in_block < _DOUBLE_SPACED_SHARE * len(raw)


def _without_page_furniture(raw: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A PDF dump's page numbers, and the running head or foot printed on every page, break its sentences.
    A running head is a short line printed more than once, once at least beside a page number: a web page's
    headline printed twice (breadcrumb and heading) is no running head, nor is the last word of a wrapped
    sentence ("Ukraina.") that recurs. Only the number of a page after the first tells where pages meet; a
    picture gallery's counter in a web page's dump ("1/3") shows its first picture."""
    lines = [line for line, _ in raw]
    page_numbers = [
        i for i, line in enumerate(lines) if _PAGE_NUMBER.match(line) and int(re.findall(r"\d+", line)[0]) > 1
    ]
    beside_page_number = {
        lines[j] for i in page_numbers for j in range(i - _RUNNING_HEAD_REACH, i + _RUNNING_HEAD_REACH + 1)
        if 0 <= j < len(lines) and len(lines[j].split()) <= _RUNNING_HEAD_MAX_WORDS
        and not SENTENCE_END.search(lines[j])
    }
    running = {line for line in beside_page_number if lines.count(line) > 1}
    return [(line, block) for line, block in raw if not _PAGE_NUMBER.match(line) and line not in running]


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _blocks(text: str) -> list[tuple[str, int]]:
    out, block = [], 0
    for line in text.split("\n"):
        if line:
            out.append((line, block))
        else:
            block += 1
    return out


def _starts_lower(line: str) -> bool:
    return line[:1].islower()


def _is_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 4:
        return False
    width = _wrap_width(lines)
    full = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if len(a) >= _FULL_LINE * width]
    run_ons = sum(1 for a, b in full if not SENTENCE_END.search(a) and _starts_lower(b))
    return run_ons >= 3 and run_ons >= _WRAPPED_SHARE * len(full) and width <= _WRAPPED_MAX_WIDTH


def _wrap_width(lines: list[str]) -> int:
    widths = sorted(len(line) for line in lines)
    return widths[int(0.9 * (len(widths) - 1))] if widths else 0


def _runs_on(line: str, following: str, wrap_width: int, following_ends_block: bool) -> bool:
    """Does `line` continue on `following`? (A sentence is never ended by a layout break.)"""
    if SENTENCE_END.search(line) or BULLET.match(following) or NUMBERED.match(following):
        return False
    if is_bare_label(line):  # "Mer om" over a list of lower-case tags is a label, not half a sentence
        return False
    if "_" in following and " " not in following:  # an image's file name ("bild_2018_01") is no sentence's rest
        return False
    if _starts_lower(following):
        return True
    if not wrap_width:
        return False
    if line.endswith((",", "-")):
        return True
    # The layout broke a line that is full, or that the next word would not fit on ("... Nu säger Västra" +
    # "Götalandsregionen"); it runs on into the rest of its paragraph: another full line, or the one that
    # ends the sentence or the block. A short heading or menu item after a long headline is no such rest.
    full = _FULL_LINE * wrap_width
    broken = len(line) >= full or len(line) + 1 + len(following.split(" ", 1)[0]) > wrap_width
    rest = len(following) >= full or bool(SENTENCE_END.search(following)) or following_ends_block
    return broken and rest


def _continue(pieces: list[str], following: str) -> None:
    """Append a continuation line to the physical lines of a logical line. A line-end hyphen joins word parts
    ("IT-" + "arkitektur", "Källö-" + "Knippla"; hyphenation "vårdinforma-" + "tionssystem" dropped);
    "hälso-" + "och sjukvård" keeps its space."""
    line = pieces[-1]
    first_word = following.split(" ", 1)[0]
    if line.endswith("-") and line[-2:-1].strip() and not is_stopword(first_word):
        if _starts_lower(following) and _HYPHENATED.search(line.rsplit(" ", 1)[-1]):
            pieces[-1] = line[:-1]
        pieces.append(following)
    else:
        pieces += [" ", following]
