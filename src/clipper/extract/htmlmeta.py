"""Headline and publication date of a saved HTML page, read from its markup and metadata.

Trafilatura's metadata prefers og:title and htmldate's best guess; news pages often give a social-media
variant in og:title and show update dates next to the headline, so these read the page the way a reader
does: the visible <h1> that the metadata confirms, and the date the page itself calls the publication.
"""
from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from urllib.parse import urljoin

from lxml.html import HtmlElement

from .bylines import joiner_words, role_words, without_prefix
from .dates import StatedDate, labelled_published_date, parse_dateline, stamp_date

_WORD = re.compile(r"\w+")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—:-]\s+|\s*::\s*")
# A site name may also lead the title as "Site: Headline".
_SITE_SEPARATORS = re.compile(r"\s+[|–—:-]\s+|\s*::\s*|:\s+")
# An h1 is the headline when it shares at least this much (Dice over words) with a metadata title.
_HEADLINE_MATCH = 0.5
# A "Published" label and its date lie within this many text nodes.
_DATE_NODES = 4


@dataclass(frozen=True)
class HtmlCues:
    lead_markers: frozenset[str]
    not_lead_markers: frozenset[str]
    published_meta: tuple[str, ...]
    title_meta: tuple[str, ...]
    site_name_meta: tuple[str, ...]


@lru_cache(maxsize=1)
def html_cues() -> HtmlCues:
    data = tomllib.loads(resources.files("clipper").joinpath("data/html.toml").read_text("utf-8"))
    meta = data["meta"]
    return HtmlCues(
        lead_markers=frozenset(m.lower() for m in data["lead"]["markers"]),
        not_lead_markers=frozenset(m.lower() for m in data["lead"]["not_markers"]),
        published_meta=tuple(m.lower() for m in meta["published"]),
        title_meta=tuple(m.lower() for m in meta["titles"]),
        site_name_meta=tuple(m.lower() for m in meta["site_names"]),
    )


@dataclass(frozen=True)
class PageMeta:
    """What the page says about itself: <meta> contents by lower-cased name, JSON-LD objects, <title>,
    and datePublished microdata on visible elements."""

    meta: dict[str, list[str]]
    linked_data: list[dict]
    title_tag: str | None
    microdata_published: list[str]
    canonical: str | None = None  # <link rel="canonical"> as written, possibly relative


def norm_space(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def dice(a: str, b: str) -> float:
    """Word-overlap similarity of two short texts, 0..1."""
    wa, wb = set(words(a)), set(words(b))
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def read_page_meta(tree: HtmlElement) -> PageMeta:
    meta: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = norm_space(element.get("content") or "")
        if key and content:
            meta.setdefault(key.lower(), []).append(content)
    microdata_published = [
        value.strip()
        for element in tree.xpath("//*[@itemprop='datePublished'][not(self::meta)]")
        if (value := element.get("datetime") or element.get("content"))
    ]
    linked_data: list[dict] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            linked_data.extend(_objects(json.loads(script.text or "")))
        except (ValueError, RecursionError):
            continue  # a broken JSON-LD block is common and tells us nothing
    titles = tree.xpath("//head/title | //title")
    title_tag = norm_space(titles[0].text_content()) if titles else None
    canonical = next((link.get("href").strip() for link in tree.xpath("//link[@rel='canonical'][@href]")), None)
    return PageMeta(meta, linked_data, title_tag or None, microdata_published, canonical or None)


def canonical_url(page: PageMeta, other: str | None) -> str | None:
    """The page's canonical URL (the article's full address; og:url is often a short link), made
    absolute against `other` (another extractor's URL for the page) where it is relative."""
    if page.canonical:
        try:
            url = urljoin(other or "", page.canonical)
        except ValueError:  # not a URL at all ("http://[broken"): the page states none we can use
            return other
        if url.startswith(("http://", "https://")):
            return url
    return other


def _objects(node) -> list[dict]:
    """Every JSON object inside a JSON-LD value (@graph lists, nested publishers, breadcrumbs)."""
    found, stack = [], [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _ld_strings(page: PageMeta, key: str) -> list[str]:
    return [norm_space(o[key]) for o in page.linked_data if isinstance(o.get(key), str) and o[key].strip()]


def _site_names(page: PageMeta) -> list[str]:
    cues = html_cues()
    names = [v for key in cues.site_name_meta for v in page.meta.get(key, [])]
    for obj in page.linked_data:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(publisher["name"])
    return names


def headline(tree: HtmlElement, page: PageMeta) -> tuple[str | None, HtmlElement | None]:
    """The article's headline and the <h1> element that shows it. When no <h1> agrees with the metadata
    the title comes from the metadata, and the element is the first <h1> inside an <article>, if any:
    it still marks where the article starts."""
    cues = html_cues()
    meta_titles = [v for key in cues.title_meta for v in page.meta.get(key, [])]
    titles = meta_titles + _ld_strings(page, "headline") + ([page.title_tag] if page.title_tag else [])
    # JSON-LD names (breadcrumbs, WebPage) are weaker evidence: they also name sections and people
    names = _ld_strings(page, "name")
    site_names = _site_names(page)
    h1s = []
    for element in tree.iter("h1"):
        text = norm_space(element.text_content())
        if text and len(text) <= 300 and not _is_logo(text, site_names):
            h1s.append((text, element))
    for evidence in (titles, names):
        # best match first; among equals the longer h1 (a headline, not a section label), then the first
        scored = [
            (max((dice(text, e) for e in evidence), default=0.0), len(words(text)), -i, text, el)
            for i, (text, el) in enumerate(h1s)
        ]
        best = max(scored, key=lambda s: s[:3], default=None)
        if best and best[0] >= _HEADLINE_MATCH:
            return best[3], best[4]
    in_article = next((el for _, el in h1s if any(a.tag == "article" for a in el.iterancestors())), None)
    social = meta_titles[:1] or _ld_strings(page, "headline")[:1]
    if social:
        return without_site_name(social[0], site_names), in_article
    if h1s:
        return h1s[0]
    if page.title_tag:
        # "Headline | Site - Section": the headline is the longest part
        return max(_TITLE_SEPARATORS.split(page.title_tag), key=len).strip(), None
    return None, None


def _is_logo(h1_text: str, site_names: list[str]) -> bool:
    """An h1 of a few words that is mostly the site's name is the logo, not a headline."""
    return len(words(h1_text)) <= 3 and any(dice(h1_text, name) >= _HEADLINE_MATCH for name in site_names)


def without_site_name(title: str, site_names: list[str]) -> str:
    """"Headline - Site" → "Headline" when the part after (or before) the last separator is the site."""
    parts = _SITE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    for name in site_names:
        if dice(parts[-1], name) >= _HEADLINE_MATCH:
            return title[: title.rfind(parts[-1])].rstrip(" |–—:-")
        if dice(parts[0], name) >= _HEADLINE_MATCH:
            return title[len(parts[0]) :].lstrip(" |–—:-")
    return title


def published_date(
    tree: HtmlElement,
    page: PageMeta,
    article: HtmlElement | None = None,
    fallback: str | None = None,
    reference: date | None = None,
) -> StatedDate | None:
    """Date of first publication, from the most deliberate statement the page makes: <meta> and
    JSON-LD published time (written by the CMS from the article record), else a visible "first published
    <date>" line, else datePublished microdata on a visible date (templates often put it on whatever
    date they show, the last update included), else a dateline ("I går 14:03", "Uppdaterad 13 mars,
    publicerad 12 mars") or a <time datetime> in the article, else `fallback` (another extractor's guess),
    else, on a page with no article element, a dateline anywhere.
    `article` is the element holding the article, so that dates of comments and teasers elsewhere on the
    page are not read as the article's; `reference` dates what the page says relatively."""
    cues = html_cues()
    stamps = [v for key in cues.published_meta for v in page.meta.get(key, [])]
    stamps += _ld_strings(page, "datePublished")
    nodes = _text_nodes(article if article is not None else tree)
    stated = _first_date(stamps) or visible_published_date(nodes, reference) or _first_date(page.microdata_published)
    if stated:
        return stated
    if article is not None:
        # Outside the article, <time> elements and bare dates are as likely those of teasers and comments.
        # The first dateline in reading order, then a machine-readable <time>: related-story teasers inside
        # the article element bring <time> elements of their own.
        stated = _dateline_date(nodes, reference) or _first_date([t.get("datetime", "") for t in article.iter("time")])
        if stated:
            return stated
    if fallback:
        return StatedDate(fallback, relative=False)
    return _dateline_date(nodes, reference) if article is None else None


def _first_date(stamps: list[str]) -> StatedDate | None:
    day = next((day for stamp in stamps if (day := stamp_date(stamp))), None)
    return StatedDate(day, relative=False) if day else None


def _text_nodes(element: HtmlElement) -> list[str]:
    nodes = element.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")
    return [text for text in map(norm_space, nodes) if text]


def visible_published_date(text_nodes: list[str], reference: date | None = None) -> StatedDate | None:
    """The date of the first "Published <date>" line among the page's text nodes. The label must open a
    text node (a label, not a sentence such as "the report was published on 3 May"); the date may follow
    in the next nodes ("<span>Publicerad</span> <time>14 maj 2020</time>")."""
    for i in range(len(text_nodes)):
        stated = labelled_published_date(" ".join(text_nodes[i : i + _DATE_NODES]), reference)
        if stated and stated.day:
            return stated
    return None


def _dateline_date(text_nodes: list[str], reference: date | None) -> StatedDate | None:
    """The date of the article's datelines: a text node that is nothing but a date and its words, the
    published one before one that only says "updated"."""
    datelines = [
        d for node in text_nodes
        if (d := parse_dateline(node, reference=reference)) and d.published and not d.rest
    ]
    best = min(datelines, key=lambda d: d.updated_only, default=None)
    return StatedDate(best.published, best.relative) if best and best.published else None


def split_authors(byline: str | None) -> list[str]:
    """Names in a byline as extractors give it: "A; B", "Af A og B" → ["A", "B"]."""
    joiners = "|".join(re.escape(j) for j in joiner_words())
    # Job titles separate names only in lower case: capitalized, the same word may be a surname.
    roles = "|".join(re.escape(r) for r in role_words())
    separator = rf";|\s+(?i:{joiners})\s+|(?:^|\s+)(?:{roles})(?:\s+|$)"
    names = []
    # The opener goes first: it may itself hold a joiner ("Text och foto: Anna Svensson").
    for part in re.split(separator, without_prefix((byline or "").strip())):
        name = without_prefix(part.strip()).strip(" ,;:")
        if name and name not in names:
            names.append(name)
    return names
