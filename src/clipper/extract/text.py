"""Article text out of plain-text copies of web pages and PDF text dumps.

In the spirit of jusText: the text is cut into logical lines (re-flowing lines a PDF dump broke mid-sentence),
each line is classified (boilerplate cue, menu, comment header, dateline, byline, prose by stop-word density,
short line), the main article is the best-scoring contiguous run of prose that crosses no section opener
(comments, related links, job ads...), and the headline is the longest heading-like line just above it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import InputError
from . import Extraction
from .boilerplate import Cues, boilerplate_cue, default_cues, has_ad_voice, is_bare_label
from .bylines import byline_authors, is_introduced
from .dates import Dateline, parse_dateline
from .reflow import BULLET, NUMBERED, SENTENCE_END, Line, logical_lines
from .stopwords import stopword_density, words

# Prose: enough words, enough stop words, and a finished sentence (or long enough to be one).
_PROSE_MIN_WORDS = 8
_PROSE_MIN_DENSITY = 0.2
_PROSE_UNFINISHED_MIN_WORDS = 25
# A line of at least this many words, this share of them capitalized, is a strip of links, not a headline.
_LINK_STRIP_MIN_WORDS = 5
_LINK_STRIP_CAPITALS = 0.7
# A dateline may name the section or place beside the date: "Debat 10. okt. 2014 kl. 20.57".
_DATELINE_LABEL_MAX_WORDS = 1
# A heading, kicker or label: few words, no sentence end.
_HEADING_MAX_WORDS = 20
# A list item this short is a link in a menu, not a fact in a fact box.
_MENU_ITEM_MAX_WORDS = 8
# This many short lines in a row are a menu or a listing (job ads, event promos, tags), not headings.
_SHORT_RUN = 5
# The article is scored in words: prose gains its words; a line of junk costs its words and a little more; a
# cued line ("Annons", "Läs också: ...") is routinely set inside articles and costs a flat rate, what it
# labels nothing more; a line in a run of short lines costs a little.
_JUNK_LINE_COST = 1
_CUED_COST = 2
_RUN_LINE_COST = 2
# A dateline after this many prose paragraphs heads another article ...
_HEADER_PROSE = 3
# ... and the first article scoring at least this share of the best is the page's own.
_FIRST_ARTICLE_SHARE = 0.5
# How many short lines above the article's first prose line (and how many lines in all) may hold the
# headline, dateline and byline ...
_HEAD_REACH = 6
_HEAD_SCAN = 12
# ... and how far into or below the article a dateline or byline is looked for.
_DATELINE_REACH = 8
_TAIL_REACH = 6
# A login or newsletter prompt's box reaches this many lines either side of it.
_PROMPT_REACH = 2
# A paragraph this long printed twice is a duplicate; a short one ("Fakta") may well recur.
_DEDUP_MIN_WORDS = 4

_HEADING_END = re.compile(r"[.,;:…][\"'»”’)\]]*$")
_EXCLAIMED = re.compile(r"[?!][\"'»”’)\]]*$")
_INNER_SENTENCE_END = re.compile(r"[.!?…]\s+\S")
# "Fredrik : Upphandlingsdokument lämnade tolkningsutrymme", the header of a reader comment.
_COMMENT_HEADER = re.compile(r"^[A-ZÅÄÖÆØÉ][\w.'’-]*(?: [\w.'’-]+){0,3} : \S")
# "Infrastruktur | Horsens", "Hem > Nyheter > Vård": a category / place strip or a breadcrumb trail.
_SEPARATED = re.compile(r"\s[|>›/]\s|^\|")
# A bare address: "http://politiken.dk/5592320", "/137229294/Article-mobile".
_ADDRESS = re.compile(r"^(?:https?://|www\.|/)\S*$")

PROSE, SHORT, BOILERPLATE, SECTION_END = "prose", "short", "boilerplate", "section_end"


@dataclass
class _Unit:
    text: str
    block: int
    klass: str  # PROSE, SHORT, BOILERPLATE or SECTION_END
    why: str  # the rule or cue kind behind the class
    n_words: int
    cued: bool = False  # classified by a boilerplate cue from package data
    covered: bool = False  # labelled by the line before it ("Annons", a comment header)
    in_run: bool = False  # one of many short lines in a row
    dateline: Dateline | None = None
    authors: tuple[str, ...] = ()


def extract_text(text: str, reference_date: date | None = None) -> Extraction:
    """`reference_date` (the file's modification time, the e-mail's date) dates "I går 14:03"."""
    lines = logical_lines(text)
    if not lines:
        raise InputError("no_content", "no text found")
    units = _classify(lines, reference_date)
    span = _article_span(units)
    if span is None:
        kept = [u for u in units if u.klass == SHORT and not _is_meta(u)]
        if not kept:
            raise InputError("no_content", "no article text found")
        return Extraction(text=_render(kept))
    start, end = span
    head = _head(units, start)
    title_at = _title_index(units, head, start, end)
    body_from = _body_start(units, head, title_at, start)
    end = _body_end(units, end)
    top = head + list(range(start, min(end, start + _DATELINE_REACH)))
    under_title = [units[i] for i in top if i >= body_from]
    above_title = [units[i] for i in top if i < body_from]
    # Above the headline a date is as likely the site's "today" and a bare name a tag: the last resort.
    dateline = _published(under_title + _below(units, end)) or _published(above_title)
    return Extraction(
        text=_render(units[i] for i in range(body_from, end) if _in_body(units[i])),
        title=units[title_at].text if title_at is not None else None,
        published=dateline.published if dateline else None,
        published_from=("relative" if dateline.relative else "text") if dateline else None,
        authors=(
            _authors(under_title + [u for u in above_title if is_introduced(u.text)])
            or _tail_authors(units, end)
            or _authors(above_title)
        ),
    )


def _classify(lines: list[Line], reference_date: date | None = None) -> list[_Unit]:
    cues = default_cues()
    units = [_classify_line(line, cues, reference_date) for line in lines]
    _mark_covered_blocks(units, cues)
    _mark_prompt_boxes(units, cues)
    _mark_repeats(units)
    _mark_teaser_runs(units, cues)
    _mark_short_runs(units)
    return units


def _classify_line(line: Line, cues: Cues, reference_date: date | None) -> _Unit:
    text, n = line.text, len(words(line.text))

    def unit(klass: str, why: str, **meta) -> _Unit:
        return _Unit(text, line.block, klass, why, n, **meta)

    # Datelines and bylines first: a dateline is also cued as boilerplate ("Publicerad ...") for the HTML text.
    dateline = parse_dateline(text, reference=reference_date)
    if dateline and len(dateline.rest.split()) <= _DATELINE_LABEL_MAX_WORDS:
        return unit(SHORT, "dateline", dateline=dateline)
    authors = tuple(byline_authors(dateline.rest if dateline else text))
    if authors:
        return unit(SHORT, "byline", dateline=dateline, authors=authors)
    cue = boilerplate_cue(text, cues)
    if cue:
        return unit(SECTION_END if cue in cues.ends_article else BOILERPLATE, cue, cued=True)
    if n <= 2 * _HEADING_MAX_WORDS and _is_doubled(text):
        return unit(BOILERPLATE, "doubled")
    if _COMMENT_HEADER.match(text):
        return unit(BOILERPLATE, "comment")
    if BULLET.match(text) and n <= _MENU_ITEM_MAX_WORDS:
        return unit(BOILERPLATE, "menu")
    if (_SEPARATED.search(text) and n <= _MENU_ITEM_MAX_WORDS) or _ADDRESS.match(text):
        return unit(BOILERPLATE, "metadata")
    finished = bool(SENTENCE_END.search(text))
    if n >= _PROSE_MIN_WORDS and (finished or n >= _PROSE_UNFINISHED_MIN_WORDS):
        if stopword_density(text) >= _PROSE_MIN_DENSITY:
            return unit(PROSE, "prose")
        return unit(BOILERPLATE, "few_stopwords")
    if n <= _HEADING_MAX_WORDS:
        return unit(SHORT, "short")
    return unit(BOILERPLATE, "unfinished")


def _is_doubled(text: str) -> bool:
    """ "Varför?Varför?": a link list that prints every headline twice."""
    half = len(text) // 2
    return len(text) >= 10 and len(text) % 2 == 0 and text[:half] == text[half:]


def _mark_covered_blocks(units: list[_Unit], cues: Cues) -> None:
    """A bare label ("Annons", "Läs också:") marks what it labels: the whole next block when the label stands
    alone (and when that block is an item of a list, the items after it: "Mest læste" / "1. ..." / "2. ..."),
    else the lines after it in its own block that are short or sound like ad copy (a label closing a
    block is a link: it marks nothing), up to the next cue, byline or dateline. Prose without the voice of
    ad copy is article text after an empty ad slot, not the ad. A comment header marks the line after it."""
    for i, u in enumerate(units[:-1]):
        follower = units[i + 1]
        if u.why in cues.marks_next_block and is_bare_label(u.text, cues):
            if i > 0 and units[i - 1].block == u.block and follower.block != u.block:
                continue
            alone = follower.block != u.block
            labelled: list[_Unit] = []
            for v in units[i + 1:]:
                next_item = alone and bool(labelled) and _is_list_item(labelled[-1].text) and _is_list_item(v.text)
                if (v.block != follower.block and not next_item) or v.cued or _is_meta(v):
                    break
                if not alone and v.n_words > _MENU_ITEM_MAX_WORDS and not has_ad_voice(v.text, cues):
                    break
                labelled.append(v)
            if any(v.klass != PROSE or has_ad_voice(v.text, cues) for v in labelled):
                for v in labelled:
                    v.klass, v.why, v.cued, v.covered = BOILERPLATE, u.why, True, True
        elif u.why == "comment" and follower.block == u.block and follower.klass != SECTION_END:
            follower.klass, follower.why, follower.covered = BOILERPLATE, "comment", True


def _is_list_item(text: str) -> bool:
    return bool(BULLET.match(text) or NUMBERED.match(text))


def _mark_prompt_boxes(units: list[_Unit], cues: Cues) -> None:
    """A login or newsletter prompt is a small box: the prose beside it in its block that speaks to the reader
    ("For at kunne gemme artikler skal du logge ind") is the prompt's copy."""
    prompts = [i for i, u in enumerate(units) if u.why in cues.owns_prose_beside]
    for i in prompts:
        for v in units[max(i - _PROMPT_REACH, 0):i + _PROMPT_REACH + 1]:
            if v.block == units[i].block and v.klass == PROSE and has_ad_voice(v.text, cues):
                v.klass, v.why, v.cued = BOILERPLATE, "prompt", True


def _mark_repeats(units: list[_Unit]) -> None:
    """A line printed twice in a row (a site tagline in two layouts) is page chrome."""
    for a, b in zip(units, units[1:], strict=False):
        if a.text == b.text and a.n_words > 2:
            for u in (a, b):
                if u.klass != SECTION_END:
                    u.klass, u.why = BOILERPLATE, "repeated"


def _mark_teaser_runs(units: list[_Unit], cues: Cues) -> None:
    """One "Läs mer:" link sits inside an article; two or more in a row are the related-links box after it. A
    bare "Läs mer" is the link of the box before it, not a teaser of its own."""
    teasers = [u for u in units if not u.covered and not is_bare_label(u.text, cues)]
    for a, b in zip(teasers, teasers[1:], strict=False):
        if a.why == b.why == "teaser":
            a.klass = b.klass = SECTION_END


def _mark_short_runs(units: list[_Unit]) -> None:
    """Many headings in a row are a menu or a listing (job ads, event promos, tags): not junk to drop when an
    article holds them (a list of quoted headlines), but a gap the article must pay to bridge."""
    run: list[_Unit] = []
    for u in units + [None]:
        if u is not None and u.klass == SHORT and u.why == "short" and _is_heading_like(u.text):
            run.append(u)
            continue
        if len(run) >= _SHORT_RUN:
            for v in run:
                v.in_run = True
        run = []


def _is_heading_like(text: str) -> bool:
    """No sentence punctuation at the end ("?" and "!" are fine), not an item of a list."""
    return not _HEADING_END.search(text) and not NUMBERED.match(text) and not BULLET.match(text)


def _weight(u: _Unit) -> float:
    if u.klass == PROSE:
        return u.n_words
    if u.in_run:
        return -_RUN_LINE_COST
    if u.klass != BOILERPLATE or u.covered or not u.n_words:  # an icon ("•") says nothing either way
        return 0
    return -_CUED_COST if u.cued else -(u.n_words + _JUNK_LINE_COST)


def _article_span(units: list[_Unit]) -> tuple[int, int] | None:
    """[start, end) of the article: the best-scoring run of units (Kadane) that crosses no section opener and
    no dateline below its first prose (the header of the next article on an endless-scroll page).
    Of runs that score at least half the best, the first: a page leads with its own article."""
    best_by_start: dict[int, tuple[float, int]] = {}  # run start -> (best score, end)
    score, start, prose_seen = 0.0, 0, 0
    for i, u in enumerate(units):
        if u.klass == SECTION_END or (u.dateline and prose_seen >= _HEADER_PROSE):
            score, prose_seen = 0.0, 0
            continue
        if score <= 0:
            if u.klass != PROSE:
                continue
            score, start, prose_seen = 0.0, i, 0
        score += _weight(u)
        prose_seen += u.klass == PROSE
        if score > best_by_start.get(start, (0.0, 0))[0]:
            best_by_start[start] = (score, i + 1)
    if not best_by_start:
        return None
    best = max(score for score, _ in best_by_start.values())
    return next((start, end) for start, (score, end) in best_by_start.items() if score >= _FIRST_ARTICLE_SHARE * best)


def _head(units: list[_Unit], start: int) -> list[int]:
    """Indices of the short lines just above the article (headline, kicker, standfirst, dateline, byline), in
    order. Cued boilerplate ("MENY", "Annons", a share bar) and metadata strips may sit between them; any
    other junk ends the head."""
    head: list[int] = []
    i = start - 1
    while i >= 0 and len(head) < _HEAD_REACH and start - i <= _HEAD_SCAN:
        u = units[i]
        if u.klass == SHORT:
            head.append(i)
        elif u.klass == PROSE or not (u.cued or u.why == "metadata"):
            break
        i -= 1
    return head[::-1]


def _body_start(units: list[_Unit], head: list[int], title_at: int | None, start: int) -> int:
    """The article text starts at its headline; without one, at the short sentences right above the first
    prose paragraph ("18-åriga Hanna försvann i tisdags.")."""
    if title_at is not None:
        return title_at
    body_from = start
    for i in reversed(head):
        if units[i].why != "short" or not SENTENCE_END.search(units[i].text):
            break
        body_from = i
    return body_from


def _body_end(units: list[_Unit], end: int) -> int:
    """The article text ends after the short sentences right below its last prose paragraph."""
    while end < len(units) and units[end].why == "short" and SENTENCE_END.search(units[end].text):
        end += 1
    return end


def _title_index(units: list[_Unit], head: list[int], start: int, end: int) -> int | None:
    """The longest heading-like line above the article; failing that, a question or exclamation that opens
    it ("Kan Cerner leverera i tid?") when prose follows. Never the first sentence of plain body text."""
    candidates = [
        i for i in head
        if units[i].why == "short" and _is_heading_like(units[i].text) and not _is_link_strip(units[i].text)
    ]
    if candidates:
        return max(reversed(candidates), key=lambda i: units[i].n_words)
    first = units[start]
    one_sentence = not _INNER_SENTENCE_END.search(first.text)
    if _EXCLAIMED.search(first.text) and one_sentence and first.n_words <= _HEADING_MAX_WORDS and end - start > 1:
        return start
    return None


def _is_link_strip(text: str) -> bool:
    """ "Tipsa Aftonbladet Om Aftonbladet Kontakta redaktionen Kundsupport": menu links copied as one line. A
    Scandinavian headline is written in sentence case, its capitals only on names."""
    initials = [w[0] for w in text.split() if w[0].isalpha()]
    capitals = sum(c.isupper() for c in initials)
    shouted = text.isupper()  # a headline set in capitals
    return not shouted and len(initials) >= _LINK_STRIP_MIN_WORDS and capitals >= _LINK_STRIP_CAPITALS * len(initials)


def _below(units: list[_Unit], end: int) -> list[_Unit]:
    """The datelines, bylines and cued boilerplate right under the article (not the dates of a related-links
    list further down)."""
    below = []
    for u in units[end:end + _TAIL_REACH]:
        if not (u.cued or _is_meta(u)):
            break
        below.append(u)
    return below


def _tail_authors(units: list[_Unit], end: int) -> list[str]:
    """A byline under the article is its first line that is not cued boilerplate ("Annons", "Läs mer: ...").
    A bare name with a role on the next line ("Henrik Fritzon" / "Ordförande") is a signature, not a byline."""
    for i in range(end, min(end + _TAIL_REACH, len(units))):
        u = units[i]
        if u.cued:
            continue
        following = units[i + 1] if i + 1 < len(units) else None
        if following is not None and following.why == "short" and u.text in u.authors:
            return []
        return list(u.authors)
    return []


def _is_meta(u: _Unit) -> bool:
    return u.why in ("dateline", "byline")


def _in_body(u: _Unit) -> bool:
    return u.klass in (PROSE, SHORT) and not _is_meta(u)


def _published(candidates: list[_Unit]) -> Dateline | None:
    datelines = [u.dateline for u in candidates if u.dateline and u.dateline.published]
    # The first dateline that says when the page was published; one that only says "updated" if none does.
    return min(datelines, key=lambda d: d.updated_only) if datelines else None


def _authors(candidates: list[_Unit]) -> list[str]:
    return next((list(u.authors) for u in candidates if u.authors), [])


def _render(units) -> str:
    """Paragraphs separated by a blank line; a paragraph printed again (a pull quote) is kept once."""
    out, seen = [], set()
    for u in units:
        text = BULLET.sub("• ", u.text)
        if text in seen:
            continue
        if u.n_words >= _DEDUP_MIN_WORDS:
            seen.add(text)
        out.append(text)
    return "\n\n".join(out)
