"""`clipper explain FILE`: why clipper decided what it did on one input. Each line of a plain-text input with
its class and the rule or cue behind it; then the record's title, date, entities with their mentions, amounts,
topics with their evidence, and relevance with its evidence."""
from __future__ import annotations

import shutil
import textwrap
from dataclasses import asdict, dataclass, field
from typing import Any

from .document import Document
from .errors import InputError
from .extract.text import LineVerdict, read_text
from .pipeline import Pipeline, read_items

# What each rule of the plain-text extractor (extract/text.py) means; a kind not named here is a cue from
# data/boilerplate.toml.
REASONS = {
    "prose": "a sentence: enough words, enough stop words of the text's language, a sentence end",
    "unfinished": "a long line with no sentence end (a blurb when it stands after the last finished paragraph)",
    "cut_off": "the last line, prose that stops mid-sentence: the copy was cut off there",
    "few_stopwords": "long, but too few stop words to be prose (names, figures, a strip of links)",
    "short": "a short line: a heading, a label or a short sentence; kept inside the article, dropped outside it",
    "standfirst": "a long line without its period right under a heading above the article: the standfirst",
    "head_line": "names and figures between headline and lead (a match's score, a list of names)",
    "dateline": "a date with at most one other word besides an outlet's tag (under the headline, a short line "
                "with a date and a few words more): metadata",
    "byline": "a byline (known given names, or a byline word before names or a few words), with or without a "
              "date: metadata",
    "doubled": "the same text printed twice on one line",
    "repeated": "the line before it, or two before it around a toggle, says the same: page chrome (a breadcrumb "
                "over the headline, a caption doubled around 'Vis mere'); or a heading printed again further "
                "down (a running head)",
    "ticker": "two or more signed or percent figures or match scores, or a clock time before a title: a market, "
              "results or news ticker",
    "video_caption": "a line ending in a running time, '(1:12)': a video's caption",
    "contact": "a short line with an e-mail address: a tip-us or contact line, or an e-mail alert's chrome",
    "list_item": "a short list item under a line of the article that introduces it with a colon: the article's list",
    "caption": "a caption: a long line without a period under the standfirst, or a line over its credit line",
    "labelled_note": "under the last paragraph, a note with a label of one to three words: a correction, a source",
    "author_note": "under the last paragraph, a name, a verb and a role: a note about the author",
    "reader_note": "under the last paragraph and over more chrome, a line that speaks to the reader (an alert)",
    "comment": "a reader comment's header, or the comment under it",
    "menu": "a short list item: a menu link",
    "metadata": "a category strip, breadcrumb or bare web address",
    "agency": "a news agency's tag alone on a line (NTB, TT, /ritzau/)",
    "file_name": "an image's file name",
    "labelled_link": "a two- or three-word label, a colon and a title: a link to another article",
    "related_link": "a heading right before a subheading between paragraphs: a link to another article",
    "name_label": "one to three capitalised words over a quote: the speaker's name label",
    "figure_line": "a short line of figures and abbreviations under the headline: an issue and page reference",
    "message_header": "a field of a forwarded e-mail's header: its date is the message's, not the article's",
    "cut_caption": "a long line without a sentence end between dateline and lead: a caption cut off",
    "prompt": "reader-addressing copy beside a login or newsletter prompt, or its box's heading, copy and buttons",
}
_CUE = "a cue of kind '{}' (data/boilerplate.toml)"
_ROLES = {"title": "TITLE", "body": "keep", "meta": "meta", "dropped": "drop"}


@dataclass
class Explanation:
    path: str
    record: dict[str, Any]
    lines: list[LineVerdict] = field(default_factory=list)  # empty for HTML: its extractor works on the tree

    def to_dict(self) -> dict[str, Any]:
        reasons = {v.why: reason(v.why) for v in self.lines}
        return {"path": self.path, "lines": [asdict(v) for v in self.lines], "reasons": reasons,
                "record": self.record}


def reason(why: str) -> str:
    return REASONS.get(why, _CUE.format(why))


def explain_path(path: str, pipeline: Pipeline | None = None) -> Explanation:
    """The record of one input, and for a plain-text input the verdict on each of its lines."""
    pipeline = pipeline or Pipeline()
    record = pipeline.process_path(path).to_dict()
    lines: list[LineVerdict] = []
    if not record.get("error"):
        try:
            plain_text = _plain_text(path, pipeline.settings.max_bytes)
            if plain_text is not None:
                lines = read_text(plain_text)[1]
        except InputError:  # the record already carries the error
            pass
    return Explanation(path, record, lines)


def _plain_text(path: str, max_bytes: int) -> str | None:
    """The text of the input's first document as the text extractor reads it (a plain-text file, a PDF's
    pages, a DOCX); None for markup (HTML)."""
    for item in read_items(path, max_bytes=max_bytes):
        if isinstance(item, Document):
            return item.text if item.markup == "text" else None
    return None


def render(explanation: Explanation, width: int | None = None) -> str:
    """The explanation as text for a terminal of `width` columns."""
    width = width or shutil.get_terminal_size((100, 24)).columns
    r = explanation.record
    out = [explanation.path]
    if r.get("error"):
        return "\n".join(out + [f"  error: {r['error'].get('type')}: {r['error'].get('message')}"])
    source = r.get("source") or {}
    out.append(f"  format {source.get('format')}, language {r.get('language')} ({r.get('language_confidence')}), "
               f"{r.get('word_count')} words")
    out.append(f"  title      {r.get('title')}")
    out.append(f"  published  {r.get('published')}")
    out.append(f"  authors    {', '.join(r.get('authors') or []) or None}")
    if explanation.lines:
        out += ["", "Lines (verdict, rule, text):"]
        text_width = max(width - 28, 30)
        for v in explanation.lines:
            shown = v.text if len(v.text) <= text_width else v.text[:text_width - 1] + "…"
            out.append(f"  {_ROLES[v.role]:5} {v.why:14} {shown}")
        out += ["", "Rules:"]
        for why in dict.fromkeys(v.why for v in explanation.lines):
            out += textwrap.wrap(f"{why}: {reason(why)}", width - 2, initial_indent="  ", subsequent_indent="    ")
    out += ["", "Entities:"] + [_entity(e) for e in r.get("entities") or []] or ["  none"]
    out += ["", "Amounts:"] + [_amount(a) for a in r.get("amounts") or []]
    out += ["", "Topics:"] + [
        f"  {t.get('label')} {t.get('score')}: {', '.join(map(str, t.get('evidence') or []))}"
        for t in r.get("topics") or []
    ]
    out += ["", f"Relevance: {'relevant' if r.get('relevant') else 'not relevant'} ({r.get('relevance')})"]
    evidence = r.get("relevance_evidence")
    if evidence:
        out.append(f"  evidence: {evidence if isinstance(evidence, str) else _listed(evidence)}")
    return "\n".join(line.rstrip() for line in out)


def _entity(e: dict[str, Any]) -> str:
    known = e.get("known")
    status = "" if known is None else (" (in the gazetteer)" if known else " (found by context, not in the gazetteer)")
    mentions = ", ".join(f"{m.get('text')!r}@{m.get('start')}" for m in e.get("mentions") or [])
    return f"  {e.get('type')} {e.get('name')}{status}: {mentions}"


def _amount(a: dict[str, Any]) -> str:
    value = a.get("value") if a.get("value_max") is None else f"{a.get('value')}..{a.get('value_max')}"
    qualifier = f" {a['qualifier']}" if a.get("qualifier") else ""
    where = " (in the title)" if a.get("in") == "title" else ""
    return f"  {a.get('text')!r}@{a.get('start')}{where} = {value} {a.get('currency')}{qualifier}"


def _listed(evidence: Any) -> str:
    if isinstance(evidence, dict):
        return "; ".join(f"{k}: {_listed(v)}" for k, v in evidence.items())
    if isinstance(evidence, list | tuple):
        return ", ".join(map(str, evidence))
    return str(evidence)
