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
from .boilerplate import Cues, boilerplate_cue, default_cues, has_ad_voice, is_bare_label, opens_sentence
from .bylines import AGENCY_TAG, byline_authors, is_author_note, is_bare_prefix, is_introduced
from .dates import Dateline, is_date_label, is_message_header, parse_dateline, publication
from .reflow import BULLET, NUMBERED, SENTENCE_END, Line, logical_lines
from .stopwords import foreign_stopwords, stopword_density, words
from .verbs import has_finite_verb

# Prose: enough words, enough stop words, and a finished sentence (or long enough to be one).
_PROSE_MIN_WORDS = 8
_PROSE_MIN_DENSITY = 0.2
_PROSE_UNFINISHED_MIN_WORDS = 25
_PROSE_MIN_LONG_WORDS = 5
_PROSE_MIN_CHARS = 50
# A line of at least this many words, this share of them capitalized, is a strip of links, not a headline.
_LINK_STRIP_MIN_WORDS = 5
_LINK_STRIP_CAPITALS = 0.7
# Menu items copied onto one line with separators between them: "Nyheter · Sport · Kultur".
_SEPARATED_ITEMS = re.compile(r"\s[·•|»/]\s")
_SEPARATED_ITEMS_MIN = 2  # separators, so three items at least
# A dateline may name the section or place beside the date: "Debat 10. okt. 2014 kl. 20.57".
_DATELINE_LABEL_MAX_WORDS = 1
# A heading, kicker or label: few words, no sentence end.
_HEADING_MAX_WORDS = 20
# A headline says something: a site name ("Dagens IT") or a section label ("Inrikes") has fewer words.
_TITLE_MIN_WORDS = 3
# ... and runs to about 110 characters at most; a longer heading-like line is a standfirst without its period.
_TITLE_MAX_CHARS = 120
# A heading-like line of this many words right under another is a standfirst; a name (a site's, all capitalised
# words) above a headline is not a headline.
_STANDFIRST_MIN_WORDS = 12
# Page chrome at the top ("Spring menu over", "Börsen just nu") runs to three words; a headline to more.
_HEADLINE_MIN_WORDS = 4
# A text cut off after this many words of its last line still ends in article text ("... regionen har afsat til").
_CUT_OFF_MIN_WORDS = 8
# A byline word and at most this many words after it is a byline whether or not they are known names.
_BARE_BYLINE_MAX_WORDS = 4
# A line under the headline with this share of its words holding digits is a reference, not a standfirst.
_FIGURE_LINE_SHARE = 0.5
_ABBREVIATION_MAX_CHARS = 3
# A line under the headline of this many words with a date in it is a dateline whatever else it says.
_DATE_LINE_MAX_WORDS = 8
# Lines of this many capitalised words or fewer over a quote name the speaker ("Rådmand" / "Anne Kjær").
_NAME_LABEL_MAX_WORDS = 3
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
# ... and its copy runs to a sentence this long.
_PROMPT_COPY_MAX_WORDS = 15
# A paragraph this long printed twice is a duplicate; a short one ("Fakta") may well recur.
_DEDUP_MIN_WORDS = 4

_HEADING_END = re.compile(r"[.,;:…][\"'»”’)\]]*$")
_EXCLAIMED = re.compile(r"[?!][\"'»”’)\]]*$")
_INNER_SENTENCE_END = re.compile(r"[.!?…]\s+\S")
# Two parts of a headline: "Helse Vest: Ny kurveløsning utsatt", "Sjuksköterskor larmar – journalen kraschar".
_TWO_PARTS = re.compile(r"\S: \S| [–—-] \S")
# "Fredrik : Upphandlingsdokument lämnade tolkningsutrymme", the header of a reader comment.
_COMMENT_HEADER = re.compile(r"^[A-ZÅÄÖÆØÉ][\w.'’-]*(?: [\w.'’-]+){0,3} : \S")
# "Infrastruktur | Horsens", "Hem > Nyheter > Vård": a category / place strip or a breadcrumb trail.
_SEPARATED = re.compile(r"\s[|>›/]\s|^\|")
# "Fra: Nyhedsovervågning <alerts@example.dk>", "Emne: Nyhedsalarm": a field of a header block.
_HEADER_FIELD = re.compile(r"^[^\W\d_][\w-]*:\s+\S")
# A bare address: "http://politiken.dk/5592320", "/137229294/Article-mobile".
_ADDRESS = re.compile(r"^(?:https?://|www\.|/)\S*$")
# An image's file name: "cura_skaermbillede_2024.jpg", "img_4031".
_FILE_NAME = re.compile(r"^[\w-]+\.(?:jpe?g|png|gif|webp|svg|tiff?|mp4)$|^[a-z0-9]+(?:_[a-z0-9]+)+$", re.I)
# A note under an article that opens with a one-word label: "Kilde: https://...", "Rättad: I en tidigare ...".
_LABELLED_NOTE = re.compile(r"^[A-ZÅÄÖÆØ][\wåäöæø]+:\s")
# Under the article a label may run to three words ("About the author: ..."), but a quote it introduces ("Hun
# siger: – Vi ...") is article text.
_TAIL_NOTE = re.compile(r"^[A-ZÅÄÖÆØ][\w-]*(?: [\w-]+){0,2}:\s+(?![-–—”»\"“])")
# A quote set as its own paragraph: "– Vi tar ...", "»Det er ...", "”Vi ...".
_QUOTE_OPENER = re.compile(r"^[-–—”»\"“]")
_BRACKETED = re.compile(r"\([^)]*\)")
# A signed or percent figure: "+0,4%", "-1,2", "12%": a market ticker lists several.
_SIGNED_FIGURE = re.compile(r"^[+\-−]\d[\d.,]*%?$|^\d[\d.,]*%$")
# A match score: "2 – 1", "3-1": a results ticker lists several; a match header or a headline holds one.
_SCORE = re.compile(r"(?<![\d.,–-])\d{1,2} ?[–-] ?\d{1,2}(?![\d.,–-])")
_TICKER_MIN_FIGURES = 2
# A news ticker's item: a clock time, then a title ("11:52 Trafikolycka på E4 norr om Uppsala").
_CLOCK_ITEM = re.compile(r"^\d{1,2}[:.]\d{2}\s+\w")
# A video's caption ends in its running time: "Så fungerar den nya appen (1:12)".
_RUNNING_TIME = re.compile(r"\(\d{1,2}:\d{2}(?::\d{2})?\)$")
# An e-mail address: a short line holding one is a tip-us or contact line, or the chrome of an e-mail alert.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A sentence full of names ("Analytiker Karen Foss i Fondsfinans mener ...") is read for its stop words without
# them when this many words remain.
_NAMELESS_MIN_WORDS = 4
# A credit in brackets at the end of a caption: "(Foto: PR-Foto)", "(Skjermbilete: Helse Førde)".
_BRACKETED_CREDIT = re.compile(r"\(\s*[^\W\d][\w-]*:\s*[^()]{2,60}\)$")
# A picture's credit on a line of its own ("Bild: Per Andersson/TT") is this short, its caption this long at most.
_CREDIT_MAX_WORDS = 6
_CAPTION_MAX_CHARS = 260
# A page's title line names the site after the headline: "Headline | Site", "Headline | Section | Site",
# "Headline – sundhedsnyt.dk". (A headline's own dash joins two parts of it.)
_SITE_SUFFIX = re.compile(r"\s\|\s.*$|\s[-–—]\s+[\w-]+\.[a-z]{2,3}$")
# ... and so repeats the headline printed under it with at most this many words more.
_SITE_SUFFIX_MAX_WORDS = 4
# A label that introduces a link ("Læs mere her:") is this short.
_LABEL_MAX_WORDS = 4

PROSE, SHORT, BOILERPLATE, SECTION_END = "prose", "short", "boilerplate", "section_end"
# Page furniture that may sit between a headline and its lead without ending the article's head.
_PASSABLE = ("metadata", "agency", "ticker", "doubled", "repeated", "file_name")


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


@dataclass(frozen=True)
class LineVerdict:
    """What became of one logical line, and why: for `clipper explain`."""

    text: str
    role: str  # "title", "body", "meta" (a dateline or byline read as metadata) or "dropped"
    klass: str  # PROSE, SHORT, BOILERPLATE or SECTION_END
    why: str  # the rule or cue kind behind the class
    words: int


def extract_text(text: str, reference_date: date | None = None) -> Extraction:
    """`reference_date` (the file's modification time, the e-mail's date) dates "I går 14:03"."""
    return read_text(text, reference_date)[0]


def read_text(text: str, reference_date: date | None = None) -> tuple[Extraction, list[LineVerdict]]:
    """The extraction, and the verdict on every logical line of the text."""
    lines = logical_lines(text)
    if not lines:
        raise InputError("no_content", "no text found")
    units = _classify(lines, reference_date)
    span = _article_span(units)
    if span is None:
        kept = [u for u in units if u.klass == SHORT and not _is_meta(u)]
        if not kept:
            raise InputError("no_content", "no article text found")
        return Extraction(text=_render(kept)), _verdicts(units, None, {id(u) for u in kept})
    start, end = span
    start = _article_start(units, start, end)
    head = _head(units, start)
    _mark_cut_caption(units, head)
    title_at = _title_index(units, head, start, end)
    _mark_head_captions(units, title_at, end)
    _mark_figure_lines(units, head, title_at)
    body_from = _body_start(units, head, title_at, start)
    end = _body_end(units, end)
    top = head + list(range(start, min(end, start + _DATELINE_REACH)))
    under_title = [units[i] for i in top if i >= body_from]
    above_title = [units[i] for i in top if i < body_from]
    # Above the headline a date is as likely the site's "today" and a bare name a tag: the last resort.
    dateline = _published(under_title + _below(units, end)) or _published(above_title)
    body = [units[i] for i in range(body_from, end) if _in_body(units[i])]
    extraction = Extraction(
        text=_render(body),
        title=_headline_text(units[title_at].text) if title_at is not None else None,
        published=dateline.published if dateline else None,
        published_from=("relative" if dateline.relative else "text") if dateline else None,
        authors=(
            _authors(under_title + [u for u in above_title if is_introduced(u.text)])
            or _tail_authors(units, end)
            or _authors(above_title)
        ),
    )
    return extraction, _verdicts(units, title_at, {id(u) for u in body})


def _verdicts(units: list[_Unit], title_at: int | None, body: set[int]) -> list[LineVerdict]:
    def role(i: int, u: _Unit) -> str:
        if i == title_at:
            return "title"
        if id(u) in body:
            return "body"
        return "meta" if _is_meta(u) else "dropped"

    return [LineVerdict(u.text, role(i, u), u.klass, u.why, u.n_words) for i, u in enumerate(units)]


def _classify(lines: list[Line], reference_date: date | None = None) -> list[_Unit]:
    cues = default_cues()
    foreign = foreign_stopwords(" ".join(line.text for line in lines))
    units = [_classify_line(line, cues, foreign, reference_date) for line in lines]
    _mark_byline_after_bare_prefix(units)
    _mark_message_headers(units)
    _label_split_datelines(units, reference_date)
    _mark_captions_over_credits(units)
    _mark_two_part_headlines(units)
    _mark_article_lists(units)
    _mark_covered_blocks(units, cues)
    _mark_cut_off_end(units, foreign)
    _mark_unfinished_tail(units)
    _mark_prompt_boxes(units, cues)
    _mark_tail_notes(units, cues)
    _mark_repeats(units)
    _mark_repeated_furniture(units)
    _mark_teaser_runs(units, cues)
    _mark_short_runs(units)
    _mark_link_before_subheading(units)
    _mark_name_labels(units)
    return units


def _classify_line(
    line: Line, cues: Cues, foreign: frozenset[str] = frozenset(), reference_date: date | None = None
) -> _Unit:
    text, n = line.text, len(words(line.text))

    def unit(klass: str, why: str, **meta) -> _Unit:
        return _Unit(text, line.block, klass, why, n, **meta)

    # Datelines and bylines first: a dateline is also cued as boilerplate ("Publicerad ...") for the HTML text.
    dateline = parse_dateline(text, reference=reference_date)
    # The outlet's tag beside the place ("Trondheim (NRK) 9. desember ...") is part of the dateline.
    if dateline and sum(not AGENCY_TAG.match(w) for w in dateline.rest.split()) <= _DATELINE_LABEL_MAX_WORDS:
        return unit(SHORT, "dateline", dateline=dateline)
    # "14. maj 2024 kl: 09.15 Af: Redaktionen", "Aalborg - 3. oktober 2023 Af Mikkel Lund": a byline word beside
    # the date (after the place, if any), whatever follows it.
    byline = _after_place(dateline.rest) if dateline else text
    authors = tuple(byline_authors(byline))
    # "Af: Redaktionen", "Av NTB": a byline word and a few words it introduces, names or not.
    short_byline = is_introduced(text) and n <= _BARE_BYLINE_MAX_WORDS and not SENTENCE_END.search(text)
    if authors or (dateline and is_introduced(byline)) or is_bare_prefix(text) or short_byline:
        return unit(SHORT, "byline", dateline=dateline, authors=authors)
    finished = bool(SENTENCE_END.search(text))
    density = stopword_density(text, foreign)
    prose_shaped = n >= _PROSE_MIN_WORDS and (finished or n >= _PROSE_UNFINISHED_MIN_WORDS)
    cue = boilerplate_cue(text, cues)
    # A prompt's words ("logga in") in a line that neither speaks to the reader nor opens a sentence with them, as a
    # prompt's imperative does, are news ("Legene må logge inn på nytt ...", "Tusentals patienter kunde inte logga
    # in på 1177"); a label of a few words that opens with them is a prompt.
    if cue in cues.owns_prose_beside and not has_ad_voice(text, cues) and not opens_sentence(text, cue, cues) and (
            n > _LABEL_MAX_WORDS or _mentions_prompt(text, cues)):
        cue = None
    if cue:
        return unit(SECTION_END if cue in cues.ends_article else BOILERPLATE, cue, cued=True)
    if n <= 2 * _HEADING_MAX_WORDS and _is_doubled(text):
        return unit(BOILERPLATE, "doubled")
    if _COMMENT_HEADER.match(text):
        return unit(BOILERPLATE, "comment")
    # A menu link has no sentence end; an item of a fact box is a sentence ("• Systemet viser medicinen.").
    if BULLET.match(text) and n <= _MENU_ITEM_MAX_WORDS and not (text.endswith(".") and n >= _TITLE_MIN_WORDS):
        return unit(BOILERPLATE, "menu")
    if AGENCY_TAG.match(text):
        return unit(BOILERPLATE, "agency")
    if _CLOCK_ITEM.match(text) and not finished:
        return unit(BOILERPLATE, "ticker")
    if _RUNNING_TIME.search(text):
        return unit(BOILERPLATE, "video_caption")
    if _BRACKETED_CREDIT.search(text) and len(text) <= _CAPTION_MAX_CHARS:
        return unit(BOILERPLATE, "caption")
    if _EMAIL.search(text) and n <= _HEADING_MAX_WORDS:
        return unit(BOILERPLATE, "contact")
    figures = sum(bool(_SIGNED_FIGURE.match(t)) for t in text.split()) + len(_SCORE.findall(text))
    if figures >= _TICKER_MIN_FIGURES and not finished:
        return unit(BOILERPLATE, "ticker")
    if _FILE_NAME.match(text):
        return unit(BOILERPLATE, "file_name")
    if _is_labelled_link(text):
        return unit(BOILERPLATE, "labelled_link", cued=True)
    if (_SEPARATED.search(text) and n <= _MENU_ITEM_MAX_WORDS) or _ADDRESS.match(text):
        return unit(BOILERPLATE, "metadata")
    # A sentence of fewer, long words, as Finnish and German write them, is prose too when it reads as such.
    long_words = finished and n >= _PROSE_MIN_LONG_WORDS and len(text) >= _PROSE_MIN_CHARS
    if long_words and not prose_shaped and density >= _PROSE_MIN_DENSITY:
        return unit(PROSE, "prose")
    if prose_shaped:
        if density < _PROSE_MIN_DENSITY and _nameless_density(text, foreign) < _PROSE_MIN_DENSITY:
            return unit(BOILERPLATE, "few_stopwords")
        return unit(PROSE, "prose" if finished else "unfinished")
    if n <= _HEADING_MAX_WORDS:
        return unit(SHORT, "short")
    return unit(BOILERPLATE, "unfinished")


def _mark_message_headers(units: list[_Unit]) -> None:
    """The header of a forwarded e-mail or an alert ("Fra: ...", "Dato: ...", "Emne: ...") is no headline, and its
    date is the message's, not the article's."""
    i = 0
    while i < len(units):
        j = i
        while j < len(units) and units[j].block == units[i].block and _HEADER_FIELD.match(units[j].text):
            j += 1
        if j - i >= 2 and is_message_header(u.text for u in units[i:j]):
            for u in units[i:j]:
                u.klass, u.why, u.dateline, u.authors = BOILERPLATE, "message_header", None, ()
        i = max(j, i + 1)


def _label_split_datelines(units: list[_Unit], reference_date: date | None) -> None:
    """A dateline's label on a line of its own ("Opdateret" / "5. marts 2025 kl. 09.14" / "Publiceret" / ...)
    labels the date on the next line."""
    for label, dated in zip(units, units[1:], strict=False):
        if dated.dateline is not None and label.dateline is None and is_date_label(label.text):
            dated.dateline = parse_dateline(f"{label.text} {dated.text}", reference=reference_date) or dated.dateline
            label.why = "dateline"


def _nameless_density(text: str, foreign: frozenset[str]) -> float:
    """Stop-word density of a sentence without the capitalised words inside it: names ("Analytiker Karen Foss i
    Fondsfinans mener markedet overreagerer.") crowd out the stop words of a sentence, not of a list of links."""
    tokens = text.split()
    rest = tokens[:1] + [t for t in tokens[1:] if not t[:1].isupper()]
    return stopword_density(" ".join(rest), foreign) if len(rest) >= _NAMELESS_MIN_WORDS else 0.0


def _mentions_prompt(text: str, cues: Cues) -> bool:
    """A heading of one sentence that names a prompt's action after other words: a prompt opens with its call
    ("Logg inn for å lese", "Tilmeld dig nyhedsbrevet")."""
    opening = " ".join(text.split()[:2])
    return (len(words(text)) >= _HEADLINE_MIN_WORDS and _is_heading_like(text)
            and not _INNER_SENTENCE_END.search(text) and boilerplate_cue(opening, cues) is None)


def _after_place(rest: str) -> str:
    """What a dateline says besides its date, without the place that may open it ("Aalborg Af Mikkel Lund")."""
    place, _, after = rest.partition(" ")
    return after if after and not is_introduced(rest) and is_introduced(after) else rest


def _is_labelled_link(text: str) -> bool:
    """ "Lue myös: Apotin kustannukset nousivat taas", "Läs också (Yle 2.2.2025): ...": a label of two or three
    words, a colon, and a title, in any language. (A one-word label, "Helseplattformen: ...", opens headlines and
    subheadings.)"""
    label, colon, title = text.partition(":")
    label_words = _BRACKETED.sub(" ", label).split()
    # A name before the colon ("Region Västernorrland: Lönesystemet slog fel") opens a two-part headline.
    return (bool(colon) and 2 <= len(label_words) <= 3 and label[:1].isupper() and not any(c.isdigit() for c in label)
            and not _is_name(" ".join(label_words))
            and all(w.isalpha() for w in label_words) and len(title.split()) >= _TITLE_MIN_WORDS
            and len(text.split()) <= _HEADING_MAX_WORDS and _is_heading_like(text))


def _mark_cut_off_end(units: list[_Unit], foreign: frozenset[str]) -> None:
    """Copies stop mid-sentence, often mid-word: a last line of prose without its sentence end is article text."""
    last = units[-1]
    # Not an item of a list nor a title under others (a related-links box): one more item of the box.
    title_like = last.why == "short" and not _INNER_SENTENCE_END.search(last.text)
    under_titles = title_like and len(units) >= 3 and all(
        u.why == "short" and _is_heading_like(u.text) for u in units[-3:-1])
    if (not last.cued and not last.covered and last.why in ("short", "unfinished")
            and last.n_words >= _CUT_OFF_MIN_WORDS and stopword_density(last.text, foreign) >= _PROSE_MIN_DENSITY
            and not _is_list_item(last.text) and not under_titles):
        last.klass, last.why = PROSE, "cut_off"


def _mark_captions_over_credits(units: list[_Unit]) -> None:
    """A caption whose credit is set on the line under it ("Sjuksköterskor i Umeå är bland dem som drabbats." /
    "Bild: Per Andersson/TT"): the credit, not the sentence, gives it away."""
    for u, credit in zip(units, units[1:], strict=False):
        if (credit.why == "media" and ":" in credit.text and credit.n_words <= _CREDIT_MAX_WORDS
                and u.klass in (PROSE, SHORT) and not _is_meta(u) and len(u.text) <= _CAPTION_MAX_CHARS
                and not _QUOTE_OPENER.match(u.text)):
            u.klass, u.why, u.cued = BOILERPLATE, "caption", True


def _mark_two_part_headlines(units: list[_Unit]) -> None:
    """A headline in two parts ("Nedbrud i Sundhedsplatformen: Personale måtte ...") has the shape of a labelled
    link; above the page's first paragraph, with its dateline or byline below it, it is the headline."""
    for i, u in enumerate(units):
        if u.klass == PROSE:
            return
        if u.why == "labelled_link":
            u.klass, u.why, u.cued = SHORT, "short", False
            if not _heads_article(units, i):
                u.klass, u.why, u.cued = BOILERPLATE, "labelled_link", True


def _mark_article_lists(units: list[_Unit]) -> None:
    """Short bullets right under a sentence of the article that introduces them with a colon ("Apoteket nævner tre
    gevinster:") are the article's list, not a menu."""
    for i, u in enumerate(units[1:], start=1):
        intro = units[i - 1]
        if u.why == "menu" and (intro.why == "list_item" or (
                intro.klass in (PROSE, SHORT) and not _is_meta(intro) and intro.text.endswith(":")
                and intro.n_words >= _TITLE_MIN_WORDS)):
            u.klass, u.why = SHORT, "list_item"


def _mark_tail_notes(units: list[_Unit], cues: Cues) -> None:
    """The last paragraphs of the page may be notes under the article, not its text: a labelled note ("Rettelse: I
    en tidligere version ...", "Kilde: ..."), one about its author ("Maja Dahl er journalist på ..."), or, above more
    page chrome, one that speaks to the reader of an e-mail alert ("Du modtager denne mail, fordi ...")."""
    authors = tuple(a for u in units for a in u.authors)
    prose = [i for i, u in enumerate(units) if u.klass == PROSE]
    for i in reversed(prose[1:]):
        u, following = units[i], units[i + 1] if i + 1 < len(units) else None
        if u.why != "prose":
            break
        if _TAIL_NOTE.match(u.text):
            u.klass, u.why = BOILERPLATE, "labelled_note"
        elif is_author_note(u.text, authors):
            u.klass, u.why = BOILERPLATE, "author_note"
        elif has_ad_voice(u.text, cues) and following is not None and following.klass == BOILERPLATE:
            u.klass, u.why = BOILERPLATE, "reader_note"
        else:
            break


def _mark_unfinished_tail(units: list[_Unit]) -> None:
    """A long line with no sentence end after the text's last finished paragraph is a blurb of a widget under the
    article ("... har pr. 1. oktober ansat ... Nyt job"). Above it, it is a paragraph a PDF dump ran together."""
    last_finished = max((i for i, u in enumerate(units) if u.why == "prose"), default=len(units))
    for u in units[last_finished + 1:]:
        if u.why == "unfinished":
            u.klass = BOILERPLATE


def _mark_byline_after_bare_prefix(units: list[_Unit]) -> None:
    """ "Af:" alone on its line, the names ("Sofie Krogh, journalist") on the next."""
    for u, follower in zip(units, units[1:], strict=False):
        if u.why == "byline" and not u.authors and is_bare_prefix(u.text) and follower.n_words <= _HEADING_MAX_WORDS:
            follower.klass, follower.why = SHORT, "byline"
            follower.authors = tuple(byline_authors(follower.text) or byline_authors("Af " + follower.text))


def _mark_link_before_subheading(units: list[_Unit]) -> None:
    """Two headings in a row between paragraphs: the second is the subheading, the first a link to a related
    article set without a cue ("Miljardaffären som delade regionerna" / "Vad händer med journalerna?")."""
    first_prose = next((i for i, u in enumerate(units) if u.klass == PROSE), len(units))
    # Above the first paragraph two headings are the headline and its standfirst, kicker or source.
    for i in range(first_prose + 1, len(units) - 2):
        before, link, subheading, after = units[i - 1:i + 3]
        # Above the link may stand prose or another link ("LÄS ÄVEN: ...").
        if ((before.klass == PROSE or before.cued) and after.klass == PROSE and link.why == subheading.why == "short"
                and _is_heading_like(link.text) and _is_heading_like(subheading.text)):
            link.klass, link.why = BOILERPLATE, "related_link"


def _mark_name_labels(units: list[_Unit]) -> None:
    """One to three capitalised words on lines of their own right over a quote name who speaks, as a picture's
    label: "Rådmand" / "Anne Kjær" / "- Vi havde håbet ...". Not text of the article."""
    for i, u in enumerate(units):
        if not _QUOTE_OPENER.match(u.text) or u.klass != PROSE:
            continue
        j = i - 1
        while j >= 0 and _is_name_label(units[j]):
            units[j].klass, units[j].why = BOILERPLATE, "name_label"
            j -= 1


def _is_name_label(u: _Unit) -> bool:
    bare_name = u.why == "byline" and u.dateline is None and not is_introduced(u.text)
    if u.why != "short" and not bare_name:
        return False
    tokens = u.text.split()
    return 0 < len(tokens) <= _NAME_LABEL_MAX_WORDS and all(t[:1].isupper() and t.isalpha() for t in tokens)


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
        # A cued label ending in a colon ("Læs mere her:") introduces one thing: in a block, the next line.
        introduces = u.cued and not u.covered and u.text.endswith(":") and u.n_words <= _LABEL_MAX_WORDS
        if (u.why in cues.marks_next_block and is_bare_label(u.text, cues)) or introduces:
            if i > 0 and units[i - 1].block == u.block and follower.block != u.block:
                continue
            alone = follower.block != u.block
            labelled: list[_Unit] = []
            for j, v in enumerate(units[i + 1:], start=i + 1):
                next_item = alone and bool(labelled) and _is_list_item(labelled[-1].text) and _is_list_item(v.text)
                if (v.block != follower.block and not next_item) or v.cued or _is_meta(v):
                    break
                if not alone and (labelled and u.text.endswith(":") or _opens_article(units, j)):
                    break
                # The line right after a bare label is what it labels unless it is a sentence of the article.
                first_unfinished = not labelled and not SENTENCE_END.search(v.text)
                # A list widget's heading ("Mest læste") labels its items and titles, however long.
                in_list = u.why in cues.governs_list and v.klass != PROSE and (
                    _is_list_item(v.text) or _is_heading_like(v.text))
                if not alone and v.n_words > _MENU_ITEM_MAX_WORDS and not has_ad_voice(v.text, cues) and not (
                        first_unfinished or in_list):
                    break
                labelled.append(v)
            if any(v.klass != PROSE or has_ad_voice(v.text, cues) for v in labelled):
                for v in labelled:
                    v.klass, v.why, v.cued, v.covered = BOILERPLATE, u.why, True, True
        elif u.why == "comment" and follower.block == u.block and follower.klass != SECTION_END:
            follower.klass, follower.why, follower.covered = BOILERPLATE, "comment", True


def _opens_article(units: list[_Unit], i: int) -> bool:
    """A heading whose next line, past an agency tag or a ticker, is a dateline or byline is a headline: what an
    "Annons" label right above it marks ends there. Above the page's first paragraph, a standfirst may come
    between them."""
    following = next((v for v in units[i + 1:] if v.why not in _PASSABLE), None)
    above_text = all(v.klass != PROSE for v in units[:i])
    return _is_heading_like(units[i].text) and (following is not None and _is_meta(following) or (
        above_text and _heads_article(units, i)))


def _heads_article(units: list[_Unit], i: int) -> bool:
    """A headline: a heading of a few words with a dateline or byline below it, past page furniture, short lines
    and at most one paragraph (the standfirst)."""
    u = units[i]
    if u.why != "short" or not _is_heading_like(u.text) or u.n_words < _HEADLINE_MIN_WORDS or _is_link_strip(u.text):
        return False
    paragraphs = 0
    for v in units[i + 1:i + 1 + _HEAD_REACH]:
        if _is_meta(v):
            return True
        paragraphs += v.klass == PROSE
        if paragraphs > 1 or not (v.klass in (PROSE, SHORT) or v.cued or v.why in _PASSABLE):
            return False
    return False


def _article_start(units: list[_Unit], start: int, end: int) -> int:
    """The article begins under its headline: prose above a headline with its dateline or byline (a consent
    banner, a promo) is not the article's, unless it outweighs what follows the headline."""
    for h in range(start + 1, min(end, start + _HEAD_SCAN)):
        if _is_meta(units[h]):
            break
        # (A heading right under a paragraph is a caption under the standfirst, or a subheading.)
        if units[h - 1].klass != PROSE and _heads_article(units, h):
            below = [i for i in range(h + 1, end) if units[i].klass == PROSE]
            above = sum(u.n_words for u in units[start:h] if u.klass == PROSE)
            if below and above < sum(units[i].n_words for i in below):
                return below[0]
            break
    return start


def _is_list_item(text: str) -> bool:
    return bool(BULLET.match(text) or NUMBERED.match(text))


def _mark_prompt_boxes(units: list[_Unit], cues: Cues) -> None:
    """A login or newsletter prompt is a small box: the prose beside it in its block that speaks to the reader
    ("For at kunne gemme artikler skal du logge ind") is the prompt's copy."""
    prompts = [i for i, u in enumerate(units) if u.why in cues.owns_prose_beside]
    first_prose = next((i for i, u in enumerate(units) if u.klass == PROSE), len(units))
    for i in prompts:
        block = units[i].block
        for v in units[max(i - _PROMPT_REACH, 0):i + _PROMPT_REACH + 1]:
            if v.block == block and v.klass == PROSE and has_ad_voice(v.text, cues):
                v.klass, v.why, v.cued = BOILERPLATE, "prompt", True
        box = _prompt_box(units, i, first_prose)
        for v in box:
            v.klass, v.why, v.cued = BOILERPLATE, "prompt", True


def _prompt_box(units: list[_Unit], i: int, first_prose: int) -> list[_Unit]:
    """The lines of the prompt at `i`'s box: its heading right above it ("Få helsenyhetene rett i innboksen"),
    once the article has begun (above that, a heading over a prompt is the headline); its copy, one short
    sentence ("Få de viktigaste nyheterna varje vardag."), when the box closes after it; and its field and
    button ("Din e-postadresse", "Meld meg på")."""
    block, box = units[i].block, []
    heading = units[i - 1]
    if first_prose < i - 1 and heading.block == block and heading.why == "short" and _is_heading_like(heading.text):
        box.append(heading)
    below = units[i + 1:]
    copy = below[0] if below and below[0].block == block and below[0].klass == PROSE else None
    if copy is not None and copy.n_words <= _PROMPT_COPY_MAX_WORDS and not _INNER_SENTENCE_END.search(copy.text) and (
            len(below) < 2 or below[1].klass != PROSE):
        box.append(copy)
        below = below[1:]
    for v in below:
        if v.block != block or v.klass == PROSE or _is_meta(v) or v.n_words > _LABEL_MAX_WORDS or not (
                _is_heading_like(v.text)):
            break
        box.append(v)
    return box


def _mark_repeats(units: list[_Unit]) -> None:
    """A line printed twice in a row is page chrome (a tagline in two layouts), or, if it is a heading, page chrome
    and the heading (a breadcrumb, then the headline)."""
    for a, b in zip(units, units[1:], strict=False):
        if a.text == b.text and a.n_words > 2:
            for u in (a,) if _is_heading_like(a.text) else (a, b):
                if u.klass != SECTION_END:
                    u.klass, u.why = BOILERPLATE, "repeated"
    # A sentence printed again around one short line ("Vis mere") is a caption doubled around its toggle; a heading
    # so printed is a breadcrumb, a label ("Pressemeddelelse"), then the headline.
    for a, toggle, b in zip(units, units[1:], units[2:], strict=False):
        if a.text == b.text and a.n_words > 2 and toggle.n_words <= _NAME_LABEL_MAX_WORDS:
            for u in (a, toggle) if _is_heading_like(a.text) else (a, toggle, b):
                if u.klass != SECTION_END:
                    u.klass, u.why = BOILERPLATE, "repeated"


def _mark_repeated_furniture(units: list[_Unit]) -> None:
    """A heading or label printed again further down (a PDF's running head, "REGION X  Tjänsteskrivelse"; a menu
    printed at the top and the bottom) is page furniture there: its first print is the headline or dropped above
    it."""
    seen: dict[str, int] = {}
    for i, u in enumerate(units):
        if u.klass == PROSE or u.n_words <= 2 or _is_meta(u):
            continue
        # (Printed again one or two lines on, a heading is a breadcrumb and the headline: see _mark_repeats.)
        if seen.get(u.text, i) < i - 2 and u.klass != SECTION_END:
            u.klass, u.why = BOILERPLATE, "repeated"
        seen.setdefault(u.text, i)


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
        elif u.why == "few_stopwords" and u.n_words <= _HEADING_MAX_WORDS:
            # Names and figures between headline and lead: a match's score and scorers, a standfirst of names.
            u.klass, u.why = SHORT, "head_line"
            head.append(i)
        elif u.why == "labelled_link":
            # Right above the article a label, a colon and a title are the two parts of its headline ("Nedbrud i
            # Sundhedsplatformen: ..."): a link to another article stands in or after the article it leaves.
            u.klass, u.why, u.cued = SHORT, "short", False
            head.append(i)
        elif u.why == "unfinished" and i > 0 and units[i - 1].why in ("short", "labelled_link") and _is_heading_like(
                units[i - 1].text):
            # A long line without its period right under a heading is the standfirst, not a widget's blurb.
            u.klass, u.why = SHORT, "standfirst"
            head.append(i)
        elif u.klass == PROSE or not (u.cued or u.why in _PASSABLE):
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
    """The article text ends after the short sentences (and the lists they introduce) right below its last prose
    paragraph; not a note with a label ("Kilde: ...") nor a line that introduces, with its colon, what is not
    article text."""
    while end < len(units):
        u, following = units[end], units[end + 1:end + 2]
        sentence_next = bool(following) and (_ends_sentence(following[0]) or following[0].why == "list_item")
        if _ends_sentence(u) or u.why == "list_item":
            if u.text.endswith(":") and not sentence_next:
                break
        # A heading with short sentences under it is a last section: a fact box ("Fakta: Sjukhusapoteket" / "Har
        # omkring 60 anställda."), a decision ("Beslutning" / "Regionsrådet godkendte indstillingen.").
        elif not (u.why == "short" and _is_heading_like(u.text) and not u.in_run and sentence_next):
            break
        end += 1
    return end


def _ends_sentence(u: _Unit) -> bool:
    return u.why == "short" and bool(SENTENCE_END.search(u.text)) and not _LABELLED_NOTE.match(u.text)


def _mark_cut_caption(units: list[_Unit], head: list[int]) -> None:
    """Headline, dateline, then a long line that stops without a sentence end right over the lead: a picture's
    caption the copy cut off ("Ansatte ved driftssenteret følger med på skjermer som viser")."""
    if not head:
        return
    last = units[head[-1]]
    j = head[-1] - 1
    while j >= 0 and _is_meta(units[j]):
        j -= 1
    headline = units[j] if 0 <= j < head[-1] - 1 else None
    if (headline is not None and headline.why == "short" and _is_heading_like(headline.text)
            and headline.n_words >= _TITLE_MIN_WORDS and last.why == "short" and last.n_words >= _CUT_OFF_MIN_WORDS
            and _is_heading_like(last.text) and last.text[-1:].islower()):
        last.klass, last.why = BOILERPLATE, "cut_caption"


def _mark_head_captions(units: list[_Unit], title_at: int | None, end: int) -> None:
    """Under the headline and a finished standfirst, before the text proper, a long line without a sentence end
    is a picture's caption or alt text without a credit ("En ung kvinde med hættetrøje sidder i en sofa ...")."""
    if title_at is None:
        return
    for i in range(title_at + 2, min(end, title_at + _HEAD_SCAN)):
        u, above = units[i], units[i - 1]
        if u.klass == PROSE:
            break
        if (u.why == "short" and u.n_words >= _CUT_OFF_MIN_WORDS and _is_heading_like(u.text)
                and (_is_meta(above) or SENTENCE_END.search(above.text))):
            u.klass, u.why = BOILERPLATE, "caption"


def _mark_figure_lines(units: list[_Unit], head: list[int], title_at: int | None) -> None:
    """Under the headline, a short line mostly of figures is a magazine's issue and page ("Version2 nr. 4, s.
    12-15") or a similar reference, not its standfirst; a short line with a date and a few more words is the
    article's dateline ("June 27, 2024 · 3 min read", "Dagbladet Ringkøbing-Skjern, 13. maj 2025, side 6")."""
    for i in head:
        u = units[i]
        if title_at is None or i <= title_at or u.why != "short":
            continue
        if _is_figure_line(u.text):
            u.klass, u.why = BOILERPLATE, "figure_line"
        elif u.n_words <= _DATE_LINE_MAX_WORDS and not SENTENCE_END.search(u.text) and (
                dateline := parse_dateline(u.text)):
            u.why, u.dateline = "dateline", dateline


def _is_figure_line(text: str) -> bool:
    tokens = text.split()
    return sum(_is_figure(t) for t in tokens) >= _FIGURE_LINE_SHARE * len(tokens)


def _is_figure(token: str) -> bool:
    """A figure or the abbreviation that names one ("nr.", "s.")."""
    return any(c.isdigit() for c in token) or (token.endswith(".") and len(token) <= _ABBREVIATION_MAX_CHARS)


def _title_index(units: list[_Unit], head: list[int], start: int, end: int) -> int | None:
    """The longest heading-like line above the article; failing that, a question or exclamation that opens
    it ("Kan Cerner leverera i tid?") when prose follows. Never the first sentence of plain body text."""
    candidates = [
        i for i in head
        if units[i].why == "short" and _is_heading_like(units[i].text) and not _is_link_strip(units[i].text)
        and units[i].n_words >= _TITLE_MIN_WORDS and not _is_figure_line(units[i].text)
        and (units[i].n_words >= _HEADLINE_MIN_WORDS or _is_short_headline(units, i, start))
    ]
    candidates = [i for i in candidates if not any(_repeats_with_site(units[i], units[j]) for j in candidates)]
    if candidates:
        # A period-less standfirst under the headline is longer than a headline runs.
        headline_long = [i for i in candidates if len(units[i].text) <= _TITLE_MAX_CHARS] or candidates
        longest = max(reversed(headline_long), key=lambda i: units[i].n_words)
        # A longer heading right under a headline is its standfirst with the period left off, or a caption
        # without a credit; under a shorter line of page chrome (a site's name, the last link of a menu) it is
        # the headline itself.
        above = units[longest - 1]
        if longest - 1 in candidates and not _is_name(above.text) and not above.in_run and (
                above.n_words >= _HEADLINE_MIN_WORDS or units[longest].n_words >= _STANDFIRST_MIN_WORDS) and not (
                _names_over_headline(above, units[longest])):
            return longest - 1
        # A line that names something (a picture's alt text, a kicker) over one that says it: that one.
        if longest + 1 in candidates and _names_over_headline(units[longest], units[longest + 1]):
            return longest + 1
        return longest
    first = units[start]
    one_sentence = not _INNER_SENTENCE_END.search(first.text)
    if _EXCLAIMED.search(first.text) and one_sentence and first.n_words <= _HEADING_MAX_WORDS and end - start > 1:
        return start
    return None


def _is_short_headline(units: list[_Unit], i: int, start: int) -> bool:
    """Three words are a headline when they say something ("Två miljardupphandlingar försenas"), or when a
    dateline, byline or standfirst under them says so ("Journalen nede igjen"); right over the lead, naming
    something, they are a site's or a section's name ("Dagens Medicin Sverige", "Sundhed og omsorg")."""
    return not _is_name(units[i].text) and (_says_something(units[i].text) or i + 1 < start)


def _names_over_headline(upper: _Unit, lower: _Unit) -> bool:
    """Two heading-like lines, the lower one too short for a standfirst: does the upper one only name something
    (a picture's alt text, a kicker: "Sygeplejerske i blå uniform", "Striden om journalen") and the lower one say
    it, as a headline does?"""
    return (lower.n_words < _STANDFIRST_MIN_WORDS and _says_something(lower.text)
            and not _says_something(upper.text))


def _says_something(text: str) -> bool:
    """A headline's shape: a finite verb, two parts joined by a colon or a dash, or a question."""
    return has_finite_verb(text) or bool(_TWO_PARTS.search(text) or _EXCLAIMED.search(text))


def _repeats_with_site(line: _Unit, other: _Unit) -> bool:
    """ "Headline | Site" over "Headline": the page's title line, repeating the headline with the site's name."""
    return (other.text != line.text and other.text in line.text
            and line.n_words - other.n_words <= _SITE_SUFFIX_MAX_WORDS)


def _headline_text(text: str) -> str:
    """The headline without the site's name its page's title line adds ("Headline | Site")."""
    return _SITE_SUFFIX.sub("", text) or text


def _is_name(text: str) -> bool:
    """ "Dagens Medicin Sverige", "Region Västernorrland": every word capitalised (and not all set in capitals,
    as a shouted label is: "LÄS ÄVEN")."""
    return all(w[:1].isupper() for w in text.split()) and not text.isupper()


def _is_link_strip(text: str) -> bool:
    """ "Tipsa Aftonbladet Om Aftonbladet Kontakta redaktionen Kundsupport": menu links copied as one line. A
    Scandinavian headline is written in sentence case, its capitals only on names."""
    if len(_SEPARATED_ITEMS.findall(f" {text} ")) >= _SEPARATED_ITEMS_MIN:
        return True
    initials = [w[0] for w in text.split() if w[0].isalpha()]
    capitals = sum(c.isupper() for c in initials)
    shouted = text.isupper()  # a headline set in capitals
    return not shouted and len(initials) >= _LINK_STRIP_MIN_WORDS and capitals >= _LINK_STRIP_CAPITALS * len(initials)


def _below(units: list[_Unit], end: int) -> list[_Unit]:
    """The datelines, bylines and cued boilerplate right under the article (not the dates of a related-links
    list further down)."""
    below = []
    for i in range(end, min(end + _TAIL_REACH, len(units))):
        u = units[i]
        # A section that follows the article (comments, related links) dates its own items; a dateline or byline
        # over prose of its own heads that (a reader's comment), not the article.
        if not (u.cued or _is_meta(u)) or u.klass == SECTION_END or (
                _is_meta(u) and i + 1 < len(units) and units[i + 1].klass == PROSE):
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
    return publication(u.dateline for u in candidates if u.dateline)


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
