"""Main text and metadata of a saved HTML page.

Two trafilatura passes are combined: the recall-oriented pass's paragraphs from the first to the last one
that the precision-oriented pass also keeps. Whatever both agree on is the article; what lies between is
the article too (quotes, short lines the precision pass is unsure of); what the recall pass adds outside
that span is the related-links, fact-box and comment material around it.

The page's own structure then repairs what both passes get wrong on Nordic news templates:
- the lead (standfirst) sits in the article <header> next to the headline, which extractors drop;
- ads split the body into several sibling containers and the passes keep only the first;
- infinite-scroll pages append the next article, with its own <article> and <h1>, after the text;
- "Les også:"/"Läs mer:" teasers and widget lines sit inside the body with body-paragraph markup.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from ..errors import InputError
from ..textbounds import MAX_TAGS, too_many_tags
from . import Extraction
from .boilerplate import boilerplate_cue
from .htmlmeta import (
    canonical_url,
    dice,
    headline,
    html_cues,
    norm_space,
    published_date,
    read_page_meta,
    split_authors,
    words,
)

# Elements a paragraph of extracted text can come from.
_TEXT_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "td", "dd", "pre")
_LEAF_CONTAINERS = ("div", "span", "section")
# Children of a body container that carry article text.
_BODY_CHILDREN = {"p", "h2", "h3", "h4", "blockquote"}
# Never part of the lead, even with a lead-like class.
_NOT_LEAD = {"figure", "figcaption", "nav", "aside", "button", "form", "script", "style", "noscript"}
_LEAD_WORDS = (5, 150)
# A paragraph this long is prose, not a label or a teaser headline.
_PROSE_WORDS = 15
# Share of a paragraph's characters inside links above which it is a link, not text.
_LINK_ONLY = 0.9
# A repeated headline may follow at most this many kicker/section lines at the top of the text.
_HEADER_LINES = 3
_SAME_TEXT = 0.9
# How many words of a paragraph identify it in the page.
_KEY_WORDS = 12
_KEY_CHARS = 300  # enough for those words; spares tokenizing long texts
# The two trafilatura passes (benchmarks/extraction_options.py measures the alternatives).
# htmldate's extensive search (dateparser over the whole page) costs more than both passes together;
# its date is only the last resort after the page's own statements (see htmlmeta.published_date).
RECALL_PASS = {"favor_recall": True, "with_metadata": True,
               "date_extraction_params": {"original_date": True, "extensive_search": False}}
# The precision pass only bounds the span, so it runs without trafilatura's fallbacks (readability,
# jusText), which cost a third of the extraction and changed no page's text (see the README table).
PRECISION_PASS: dict | None = {"favor_precision": True, "fast": True}


@dataclass
class _Page:
    """The parsed page with the document order of its elements, for "is this before that" questions."""

    tree: HtmlElement
    order: list[HtmlElement]
    position: dict[HtmlElement, int]

    @classmethod
    def of(cls, tree: HtmlElement) -> _Page:
        order = [el for el in tree.iter() if isinstance(el.tag, str)]
        return cls(tree, order, {el: i for i, el in enumerate(order)})


def extract_html(html: str, reference_date: date | None = None) -> Extraction:
    if too_many_tags(html):  # refused before parsing: its tree alone would take gigabytes
        raise InputError("too_large", f"more than {MAX_TAGS} tags: generated markup, not a saved article page")
    try:
        tree = load_html(html)
    except (ValueError, TypeError, etree.LxmlError) as exc:
        raise InputError("malformed", f"HTML could not be parsed: {exc}") from exc
    if tree is None:
        raise InputError("malformed", "HTML could not be parsed")
    recall = _trafilatura_pass(tree, **RECALL_PASS)
    precision = _trafilatura_pass(tree, **PRECISION_PASS) if PRECISION_PASS is not None else None
    paragraphs = agreed_span(_paragraph_lines(recall), _paragraph_lines(precision))
    meta = read_page_meta(tree)
    title, title_element = headline(tree, meta)
    title = title or (recall.title if recall else None)
    description = recall.description if recall else None
    paragraphs = _repair_with_page_structure(paragraphs, _Page.of(tree), title, title_element, description)
    paragraphs = [p for p in paragraphs if not is_boilerplate(p)]
    if not paragraphs:
        raise InputError("no_content", "no article text found in the page")
    fallback = recall.date if recall else None
    published = published_date(tree, meta, _article_of(title_element), fallback, reference_date)
    return Extraction(
        text="\n\n".join(paragraphs),
        title=title,
        published=published.day if published else None,
        published_from="relative" if published and published.relative else "page" if published else None,
        authors=split_authors(recall.author if recall else None),
        site=recall.sitename if recall else None,
        url=canonical_url(meta, recall.url if recall else None),
        description=description,
    )


def _trafilatura_pass(tree: HtmlElement, **options):
    """One trafilatura run (it copies the tree); its own fallbacks (readability, justext, baseline)
    step in when its first pass finds little."""
    try:
        return trafilatura.bare_extraction(tree, include_comments=False, include_tables=True, **options)
    except (ValueError, TypeError, etree.LxmlError, RecursionError):
        return None


def _paragraph_lines(doc) -> list[str]:
    return [norm_space(line) for line in (doc.text or "").splitlines() if line.strip()] if doc else []


def agreed_span(recall: list[str], precision: list[str]) -> list[str]:
    """The recall paragraphs from the first to the last that the precision pass also found
    (all of the recall pass when the two share nothing, e.g. when the precision pass found nothing).
    Paragraphs are compared by their opening words: the passes may render inline markup differently."""
    kept = {_key(p) for p in precision}
    shared = [i for i, p in enumerate(recall) if _key(p) in kept]
    if not shared:
        return recall or precision
    return recall[shared[0] : shared[-1] + 1]


def is_boilerplate(paragraph: str) -> bool:
    return boilerplate_cue(paragraph) is not None


def _key(text: str) -> str:
    return " ".join(words(text[:_KEY_CHARS])[:_KEY_WORDS])


def _repair_with_page_structure(
    paragraphs: list[str], page: _Page, title: str | None, title_element: HtmlElement | None, description: str | None
) -> list[str]:
    headings = [h for h in (title, title_element.text_content() if title_element is not None else None) if h]
    paragraphs = _without_header(paragraphs, headings)
    located = _without_other_articles(paragraphs, _locate(paragraphs, page), title_element)
    located = [(p, el) for p, el in located if el is None or not _link_only(el)]
    paragraphs = [p for p, _ in located]
    body = [el for _, el in located if el is not None]
    paragraphs += [p for p in _continuation(body, page) if p not in paragraphs]
    lead = _lead(page, title_element, body[0] if body else None, description)
    if lead and norm_space(lead) not in " ".join(paragraphs):
        paragraphs.insert(0, lead)
    return paragraphs


def _without_header(paragraphs: list[str], headings: list[str]) -> list[str]:
    """Drop the headline (as title or as shown in the <h1>) where a pass repeats it, and the kicker /
    section label lines above it."""

    def is_heading(paragraph: str) -> bool:
        return any(dice(paragraph, h) >= _SAME_TEXT for h in headings)

    repeats = [i for i, p in enumerate(paragraphs[:_HEADER_LINES]) if is_heading(p)]
    if repeats:
        paragraphs = paragraphs[repeats[0] + 1 :]
    return [p for p in paragraphs if not is_heading(p)]


def _locate(paragraphs: list[str], page: _Page) -> list[HtmlElement | None]:
    """The page element each paragraph was extracted from (None when it cannot be told). Text repeated
    on the page (a short line, a headline in a teaser) is placed after the previous paragraph's element."""
    wanted = {_key(p) for p in paragraphs}
    found: dict[str, list[HtmlElement]] = {}
    for el in page.order:
        if el.tag in _TEXT_BLOCKS or (el.tag in _LEAF_CONTAINERS and not any(_is_block(child) for child in el)):
            key = _key(el.text_content())
            if key in wanted:
                found.setdefault(key, []).append(el)
    located, after = [], -1
    for paragraph in paragraphs:
        candidates = found.get(_key(paragraph), [])
        # candidates are in document order: bisect, as a page may repeat one short line thousands of times
        later = bisect.bisect_right(candidates, after, key=page.position.__getitem__)
        el = candidates[later] if later < len(candidates) else (candidates[0] if candidates else None)
        if el is not None:
            after = page.position[el]
        located.append(el)
    return located


def _is_block(el: HtmlElement) -> bool:
    return el.tag in _TEXT_BLOCKS or el.tag in _LEAF_CONTAINERS


def _article_of(title_element: HtmlElement | None) -> HtmlElement | None:
    return _nearest(title_element, ("article", "main")) if title_element is not None else None


def _nearest(el: HtmlElement, tags: tuple[str, ...]) -> HtmlElement | None:
    return next((a for a in el.iterancestors() if a.tag in tags), None)


def _without_other_articles(
    paragraphs: list[str], elements: list[HtmlElement | None], title_element: HtmlElement | None
) -> list[tuple[str, HtmlElement | None]]:
    """(paragraph, element) pairs without the text of another <article> that has its own headline,
    e.g. the next story on an infinite-scroll page."""
    home = _nearest(title_element, ("article",)) if title_element is not None else None
    located = list(zip(paragraphs, elements, strict=False))
    if home is None:
        return located
    return [(p, el) for p, el in located if el is None or not _other_article(el, home)]


def _other_article(el: HtmlElement, home: HtmlElement) -> bool:
    other = _nearest(el, ("article",))
    if other is None or other is home or home in other.iterancestors() or other in home.iterancestors():
        return False
    return next(other.iter("h1"), None) is not None


def _link_only(el: HtmlElement) -> bool:
    """A paragraph that is all link is a teaser or navigation ("Read more about ..."), not prose."""
    if any(a.tag == "a" for a in el.iterancestors()):
        return True
    text = len(norm_space(el.text_content()))
    linked = sum(len(norm_space(a.text_content())) for a in el.iter("a"))
    return text > 0 and linked >= _LINK_ONLY * text


def _continuation(body: list[HtmlElement], page: _Page) -> list[str]:
    """Paragraphs of the containers that continue the body after an ad break: later elements with the
    same tag and class as the body's container, in the same <article>, before any further <h1>."""
    if not body:
        return []
    container = body[-1].getparent()
    scope = _nearest(container, ("article", "main")) if container is not None else None
    if scope is None or not container.get("class"):
        return []
    start = page.position[container]
    h1_after = [page.position[h] for h in page.tree.iter("h1") if page.position[h] > start]
    end = min(h1_after, default=len(page.order))
    found = []
    for candidate in scope.iter(container.tag):
        later = start < page.position[candidate] < end and container not in candidate.iterancestors()
        if not later or candidate.get("class") != container.get("class"):
            continue
        texts = [norm_space(c.text_content()) for c in candidate if c.tag in _BODY_CHILDREN and not _link_only(c)]
        # a class shared with a sidebar or teaser block must not bring that in: continued body is prose
        if any(len(words(t)) >= _PROSE_WORDS for t in texts):
            found += [t for t in texts if t]
    return found


def _lead(
    page: _Page, title_element: HtmlElement | None, body_start: HtmlElement | None, description: str | None
) -> str | None:
    """The standfirst between the headline and the body: an element marked as lead by its class or id,
    or one whose text is the page's meta description."""
    if title_element is None:
        return None
    start = page.position[title_element] + 1
    end = page.position[body_start] if body_start is not None else start + 300
    cues = html_cues()
    holds_body = set(body_start.iterancestors()) if body_start is not None else set()
    lead = None
    for el in page.order[start:end]:
        if lead is not None and lead not in el.iterancestors():
            break  # past the first lead element and everything inside it
        if el.tag in _NOT_LEAD or el in holds_body:
            continue
        text = norm_space(el.text_content())
        if not (_LEAD_WORDS[0] <= len(words(text)) <= _LEAD_WORDS[1]):
            continue
        if any(a.tag in _NOT_LEAD for a in el.iterancestors()):
            continue
        names = set(_class_words(el))
        if names & cues.not_lead_markers:
            continue
        if names & cues.lead_markers or (description and _contained(text, description)):
            lead = el  # an inner match wins: the outer one may hold a section label or byline too
    if lead is None:
        return None
    # a lead block holding paragraphs may hold a byline or section label beside them
    inner = [norm_space(p.text_content()) for p in lead.iter("p") if p is not lead]
    return " ".join(t for t in inner if t) if any(inner) else norm_space(lead.text_content())


def _class_words(el: HtmlElement) -> list[str]:
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", names).lower())


def _contained(text: str, description: str) -> bool:
    """Nearly all words of `text` occur in `description`."""
    tw, dw = words(text), set(words(description))
    return bool(tw) and sum(w in dw for w in tw) >= 0.9 * len(tw)
