"""The HTML extractor: each mechanism on small synthetic pages, then the real saved pages against gold."""
import hashlib
import json

import pytest
from conftest import gold_cases, needs_shared_html, norm, require_shared_html
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.html import document_fromstring

from clipper.errors import InputError
from clipper.extract.html import _locate, _Page, _without_other_articles, agreed_span, extract_html, is_boilerplate
from clipper.extract.htmlmeta import split_authors, visible_published_date, without_site_name
from clipper.readers.markup import document as load

SENTENCES = [
    "Regionen har beslutat att köpa ett nytt journalsystem för hela sjukvården i länet.",
    "Upphandlingen har pågått i två år och flera leverantörer har lämnat anbud under hösten.",
    "Enligt regionens it-direktör ska systemet införas stegvis under de kommande fyra åren.",
    "Personalen på sjukhusen har länge klagat på att det gamla systemet är långsamt och svårt att använda.",
    "Kostnaden beräknas till omkring 1,2 miljarder kronor inklusive drift och utbildning.",
    "Oppositionen kritiserar beslutet och menar att regionen borde ha väntat på en nationell lösning.",
]
HEADLINE = "Regionen köper journalsystem"


def paragraphs(sentences):
    return "".join(f"<p>{s} {s}</p>" for s in sentences)


def body(sentences, cls="article-body"):
    return f'<div class="{cls}">{paragraphs(sentences)}</div>'


def page(main, head=""):
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>"
        "<header class='site'><nav><a href='/'>Hem</a> <a href='/nyheter'>Nyheter</a></nav></header>"
        f"<main>{main}</main>"
        "<footer><p>© Tidningen AB 2024. Alla rättigheter förbehållna.</p></footer></body></html>"
    )


def article(inside_header="", sentences=SENTENCES):
    return f"<article><header><h1>{HEADLINE}</h1>{inside_header}</header>{body(sentences)}</article>"


# --- combining the recall and precision passes ---------------------------------------------------


def test_agreed_span_keeps_what_lies_between_agreed_paragraphs():
    assert agreed_span(["menu", "a", "b", "c", "related"], ["a", "c"]) == ["a", "b", "c"]


def test_agreed_span_falls_back_to_the_pass_that_found_something():
    assert agreed_span(["a", "b"], []) == ["a", "b"]
    assert agreed_span([], ["a"]) == ["a"]
    assert agreed_span(["a"], ["x"]) == ["a"]


def test_article_text_is_blank_line_separated_paragraphs():
    extraction = extract_html(page(article()))
    assert extraction.text.split("\n\n")[0] == f"{SENTENCES[0]} {SENTENCES[0]}"
    assert "© Tidningen" not in extraction.text and "Nyheter" not in extraction.text


# --- boilerplate inside the body -------------------------------------------------------------------


def test_teasers_counters_and_widget_lines_in_the_body_are_dropped():
    noise = ["Läs också: Så fungerar det nya vårdsystemet i grannregionen", "1/3", "Dagens namn: Erland"]
    main = f"<article><h1>{HEADLINE}</h1><div class='article-body'>{paragraphs(SENTENCES[:3])}"
    main += "".join(f"<p>{n}</p>" for n in noise) + f"{paragraphs(SENTENCES[3:])}</div></article>"
    text = extract_html(page(main)).text
    for line in noise:
        assert line not in text
    assert SENTENCES[5] in text


def test_paragraphs_that_are_all_link_are_dropped():
    teaser = "<p><a href='/a1'>Läs mer om upphandlingen och vad den kostar</a></p>"
    linked = "<p>Beslutet togs i <a href='/rf'>regionfullmäktige</a> efter en lång debatt om kostnaderna.</p>"
    main = f"<article><h1>{HEADLINE}</h1><div class='article-body'>{paragraphs(SENTENCES[:3])}{teaser}{linked}"
    text = extract_html(page(main + f"{paragraphs(SENTENCES[3:])}</div></article>")).text
    assert "Läs mer om upphandlingen" not in text
    assert "Beslutet togs i regionfullmäktige" in text


@pytest.mark.parametrize(
    "line, cued",
    [
        ("2/12", True),
        ("Les også: Slik gikk det med sykehuset", True),
        ("Læs også: Regionen vælger Epic", True),
        ("Följ ämnen i artikeln", True),
        ("Uppdaterad 15.59 | Publicerad 14.14", True),
        ("Regionen betalar 1/3 av kostnaden själv.", False),
        ("Lesningen av budsjettet viser et underskudd.", False),
    ],
)
def test_is_boilerplate(line, cued):
    assert is_boilerplate(line) is cued


# --- repairs from the page structure ----------------------------------------------------------------


def test_lead_marked_by_class_in_the_article_header_is_kept():
    lead = "Efter två års utredning är beslutet om länets nya system nu fattat."
    text = extract_html(page(article(f"<p class='article__ingress'>{lead}</p><p class='byline'>Av Anna Berg</p>"))).text
    assert text.startswith(lead)
    assert "Anna Berg" not in text


def test_byline_in_a_lead_like_block_is_not_the_lead():
    byline = "<div class='article-intro__byline'>Av Anna Berg, reporter på nyhetsdesken i Göteborg</div>"
    assert "Anna Berg" not in extract_html(page(article(byline))).text


def test_lead_matching_the_meta_description_is_kept():
    lead = "Efter två års utredning är beslutet om länets nya system nu fattat."
    head = f'<meta name="description" content="{lead} Läs mer om bakgrunden här.">'
    assert extract_html(page(article(f"<p class='x1'>{lead}</p>"), head)).text.startswith(lead)


def test_lead_is_the_innermost_marked_element_without_its_section_label():
    lead = "Efter två års utredning är beslutet om länets nya system nu fattat."
    header = f"<div class='article-lead'><span>Nyheter</span><p class='preamble'>{lead}</p></div>"
    assert extract_html(page(article(header))).text.split("\n\n")[0] == lead


def test_body_continued_after_an_ad_break_is_kept():
    ad = "<div class='ad'><p>Annons</p><p>Artikeln fortsätter efter annonsen</p></div>"
    main = f"<article><h1>{HEADLINE}</h1>{body(SENTENCES[:4])}{ad}{body(SENTENCES[4:])}</article>"
    text = extract_html(page(main)).text
    assert SENTENCES[5] in text
    assert "Annons" not in text


def test_teaser_block_sharing_the_body_class_is_not_a_continuation():
    teasers = "<div class='article-body'><p>Fler nyheter från regionen</p><p>Sjukhuset byter system igen</p></div>"
    main = f"<article><h1>{HEADLINE}</h1>{body(SENTENCES)}<div class='ad'><p>Annons</p></div>{teasers}</article>"
    text = extract_html(page(main)).text
    assert "Fler nyheter" not in text and "Sjukhuset byter" not in text


def test_lead_block_gives_its_paragraphs_not_its_byline():
    lead = "Efter två års utredning är beslutet om länets nya system nu fattat."
    header = f"<div class='article-summary'><p>{lead}</p><span class='byline'>Av Anna Berg, reporter</span></div>"
    assert extract_html(page(article(header))).text.split("\n\n")[0] == lead


def test_body_continuation_stops_at_the_next_headline():
    ad = "<div class='ad'><p>Annons</p></div>"
    nxt = f"<h1>Nästa artikel</h1>{body(['Laget vann matchen med tre mål mot ett efter en stark andra halvlek.'])}"
    main = f"<article><h1>{HEADLINE}</h1>{body(SENTENCES)}{ad}{nxt}</article>"
    assert "Laget vann" not in extract_html(page(main)).text


def test_text_of_the_next_article_on_an_infinite_scroll_page_is_dropped():
    other = "Laget vann matchen med tre mål mot ett efter en stark andra halvlek."
    html = page(article() + f"<article><h1>Null tvil</h1>{body([other])}</article>")
    tree = document_fromstring(html)
    texts = [f"{SENTENCES[0]} {SENTENCES[0]}", f"{other} {other}"]
    title_element = next(tree.iter("h1"))
    kept = _without_other_articles(texts, _locate(texts, _Page.of(tree)), title_element)
    assert [t for t, _ in kept] == texts[:1]


def test_kicker_and_repeated_headline_above_the_text_are_dropped():
    top = f"<p>MENINGSMÅLING:</p><p>{HEADLINE}</p>"
    main = f"<article><div class='article-body'>{top}{paragraphs(SENTENCES)}</div></article>"
    assert extract_html(page(main, f'<meta property="og:title" content="{HEADLINE}">')).text.startswith(SENTENCES[0])
    # the social title differs; the article's own h1 shows the headline that the text repeats
    main = f"<article><h1>{HEADLINE}</h1><div class='article-body'><p>{HEADLINE}</p>{paragraphs(SENTENCES)}</div>"
    main += "</article>"
    head = '<meta property="og:title" content="Klart: ny journal för miljarder">'
    assert extract_html(page(main, head)).text.startswith(SENTENCES[0])


# --- headline -----------------------------------------------------------------------------------


def test_headline_is_the_h1_that_the_metadata_confirms_not_the_social_title():
    head = f'<title>{HEADLINE} | Tidningen</title><meta property="og:title" content="Klart: ny journal för miljarder">'
    assert extract_html(page(article(), head)).title == HEADLINE


def test_section_h1_named_in_the_breadcrumb_is_not_the_headline():
    crumbs = [{"@type": "ListItem", "position": i, "name": n} for i, n in enumerate(["Nyheter", HEADLINE], 1)]
    data = json.dumps({"@type": "BreadcrumbList", "itemListElement": crumbs})
    head = f'<script type="application/ld+json">{data}</script><meta property="og:title" content="Klart: ny journal">'
    main = f"<h1>Nyheter</h1><article><h1>{HEADLINE}</h1>{body(SENTENCES)}</article>"
    assert extract_html(page(main, head)).title == HEADLINE


def test_site_logo_h1_is_not_the_headline():
    head = '<meta property="og:site_name" content="Tidningen">'
    head += '<meta property="og:title" content="Nytt system - Tidningen">'
    main = f"<h1>Tidningen</h1><article><h2>{HEADLINE}</h2>{body(SENTENCES)}</article>"
    assert extract_html(page(main, head)).title == "Nytt system"


def test_headline_that_names_the_site_is_not_taken_for_the_logo():
    head = '<meta property="og:site_name" content="Danmarks Naturfredningsforening">'
    head += '<meta property="og:title" content="Sprøjtegifte: DN vil have stop">'
    title = "Danmarks Naturfredningsforening kræver stop for sprøjtegifte"
    main = f"<article><h1>{title}</h1>{body(SENTENCES)}</article>"
    assert extract_html(page(main, head + f"<title>{title}</title>")).title == title


def test_unconfirmed_h1_still_anchors_the_lead():
    lead = "Efter två års utredning är beslutet om länets nya system nu fattat."
    head = '<meta property="og:title" content="Klart: ny journal för miljarder">'
    extraction = extract_html(page(article(f"<p class='ingress'>{lead}</p>"), head))
    assert extraction.title == "Klart: ny journal för miljarder"
    assert extraction.text.startswith(lead)


def test_headline_from_the_title_tag_without_site_suffix():
    main = f"<article>{body(SENTENCES)}</article>"
    assert extract_html(page(main, f"<title>{HEADLINE} | Tidningen</title>")).title == HEADLINE


def test_without_site_name():
    assert without_site_name("Nytt system - Tidningen", ["Tidningen"]) == "Nytt system"
    assert without_site_name("Tidningen: Nytt system", ["Tidningen"]) == "Nytt system"
    assert without_site_name("Epic - eller Cerner?", ["Tidningen"]) == "Epic - eller Cerner?"


def test_url_is_the_canonical_link_made_absolute():
    head = '<meta property="og:url" content="https://tidningen.se/a/x1">'
    head += '<link rel="canonical" href="/nyheter/a/x1/journal">'
    assert extract_html(page(article(), head)).url == "https://tidningen.se/nyheter/a/x1/journal"


# --- publication date -----------------------------------------------------------------------------


def test_published_time_metadata_beats_dates_in_the_text():
    head = '<meta property="article:published_time" content="2024-03-01T08:00:00+01:00">'
    inside = "<p class='dateline'>Publicerad 5 mars 2024</p>"
    assert extract_html(page(article(inside), head)).published == "2024-03-01"


def test_json_ld_date_published():
    data = '{"@graph": [{"@type": "NewsArticle", "datePublished": "2023-11-02T10:00:00Z"}]}'
    head = f'<script type="application/ld+json">{data}</script>'
    assert extract_html(page(article(), head)).published == "2023-11-02"


def test_first_published_line_beats_date_microdata_on_the_update_date():
    stamp = '<time itemprop="datePublished" datetime="2017-06-06T10:00:00+00:00">6. juni 2017</time>'
    history = "<p>Oprindeligt publiceret d. 20. september 2013, senest ajourført d. 6. juni 2017</p>"
    main = article(f"<p>Ajourført: {stamp}</p>").replace("</article>", f"{history}</article>")
    assert extract_html(page(main)).published == "2013-09-20"


@pytest.mark.parametrize(
    "text, day",
    [
        ("Oprindeligt publiceret d. 20. september 2013, senest ajourført", "2013-09-20"),
        ("Publisert 14.05.2020 kl. 06:06", "2020-05-14"),
        ("Publicerad: 2020-05-14 06:06", "2020-05-14"),
        ("Publicerad 3 feb. 2021", "2021-02-03"),
        ("Offentliggjort 3. maj 2019", "2019-05-03"),  # a dateline label of dates.toml
        ("Uppdaterad 15.59 | Publicerad 14.14", None),
        ("Publiceret 31. februar 2020", None),
        ("Rapporten blev publiceret 3. maj 2019 af ministeriet.", None),
    ],
)
def test_visible_published_date(text, day):
    found = visible_published_date([text])
    assert (found.day if found else None) == day


def test_visible_published_label_and_date_in_separate_nodes():
    found = visible_published_date(["Av Anna Berg", "Publicerad", "14 maj 2020", "kl. 06.06"])
    assert found is not None and found.day == "2020-05-14"


# --- authors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "byline, names",
    [
        ("Trine Jørgensen og Tôrtia Reimer-Johansen", ["Trine Jørgensen", "Tôrtia Reimer-Johansen"]),
        ("Af Mette Jensen; Line Jensen", ["Mette Jensen", "Line Jensen"]),
        ("Text: Anna Berg och Per Lund", ["Anna Berg", "Per Lund"]),
        ("Text och foto: Anna Svensson", ["Anna Svensson"]),  # the opener holds a joiner
        # prefixes and joiners of bylines.toml
        ("By: Kari Nordmann samt Ola Hansen", ["Kari Nordmann", "Ola Hansen"]),
        ("Olle Råde; Olle Råde", ["Olle Råde"]),
        ("Per Lund, reporter", ["Per Lund"]),  # a job title is not part of the name
        ("Af journalist Mette Jensen fagekspert Rados Nenadovic journalist Line Jensen",
         ["Mette Jensen", "Rados Nenadovic", "Line Jensen"]),  # job titles between names, as Bolius writes
        ("Anna Foto", ["Anna Foto"]),  # capitalized, a job-title word may be a surname
        ("Ogge Ågren", ["Ogge Ågren"]),
        (None, []),
    ],
)
def test_split_authors(byline, names):
    assert split_authors(byline) == names


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html", ["", "<html><body></body></html>", "<html><body><script>var x = 1;</script></body></html>"]
)
def test_pages_without_text_raise_input_error(html):
    with pytest.raises(InputError):
        extract_html(html)


def test_deeply_nested_markup_does_not_crash():
    text = "<p>Text i djupet av sidan, med några fler ord.</p>"
    html = "<html><body>" + "<div>" * 3000 + text + "</div>" * 3000 + "</body></html>"
    try:
        extraction = extract_html(html)
    except InputError:
        return
    assert isinstance(extraction.text, str)


_PIECES = st.sampled_from(
    ["<article>", "</article>", "<h1>", "</h1>", "<p>", "</p>", "<div class='lead'>", "</div>", "<a href='/'>", "</a>",
     "<meta property='article:published_time' content='2024-13-45T99:00'>", "<script>", "Publicerad 3 maj 2024",
     "Läs också: ", "1/3", "Regionen köper ett journalsystem för miljarder.", "<", ">", "&amp;", "\x00", "ø"]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_markup_gives_an_extraction_or_an_input_error(html):
    try:
        extraction = extract_html(html)
    except InputError:
        return
    assert extraction.text.strip()


# --- the real saved pages ---------------------------------------------------------------------------

CASES = gold_cases("html")


@pytest.fixture(scope="module")
def extracted():
    return {path.name: extract_html(load(str(path), path.read_bytes()).text) for path, _ in CASES}


@needs_shared_html
@pytest.mark.parametrize("path, gold", CASES, ids=[p.stem for p, _ in CASES])
def test_fixture_headline_and_date(extracted, path, gold):
    extraction = extracted[path.name]
    assert norm(extraction.title).casefold() == norm(gold["title"]).casefold()
    assert extraction.published == gold["published"]


def test_fixture_snippets_meet_the_floors(extracted):
    require_shared_html()
    hits = leaks = total_in = total_ex = 0
    for path, gold in CASES:
        text = norm(extracted[path.name].text)
        hits += sum(norm(s) in text for s in gold["must_include"])
        leaks += sum(norm(s) in text for s in gold["must_exclude"])
        total_in += len(gold["must_include"])
        total_ex += len(gold["must_exclude"])
    assert hits / total_in >= 0.95
    assert 1 - leaks / total_ex >= 0.95



# --- our own saved pages (fixtures/html) -----------------------------------------------------------

OWN = gold_cases("own-html")


@pytest.mark.parametrize("path, gold", OWN, ids=[p.stem for p, _ in OWN])
def test_own_pages_extract_cleanly(path, gold):
    extraction = extract_html(load(str(path), path.read_bytes()).text)
    assert (extraction.title, extraction.published) == (gold["title"], gold["published"])
    assert (extraction.authors, extraction.site) == (gold["authors"], gold["site"])
    text = norm(extraction.text)
    assert [s for s in gold["must_include"] if norm(s) not in text] == []
    assert [s for s in gold["must_exclude"] if norm(s) in text] == []
    assert text.startswith(norm(gold["must_include"][0]))  # the lead opens the text


def test_no_fixture_is_a_copy_of_a_third_party_page():
    require_shared_html()
    from conftest import FIXTURES, SHARED_HTML

    theirs = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SHARED_HTML.iterdir() if p.is_file()}
    ours = {p.name for p in FIXTURES.rglob("*") if p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest() in theirs}
    assert ours == set()


def test_a_canonical_link_that_is_no_url_is_ignored():
    from clipper.extract.htmlmeta import PageMeta, canonical_url

    page = PageMeta({}, [], None, [], "http://[regionen.se/nyheter")  # an unclosed IPv6 bracket
    assert canonical_url(page, "https://regionen.se/a") == "https://regionen.se/a"
