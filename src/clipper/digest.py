"""A digest of the week's clippings for people: one self-contained HTML page, or Markdown for e-mail.

Built from records (see records.py), never from inputs: what `ingest` wrote is what a monitor
sends on. The page needs no network and no script: inline CSS, an inline SVG timeline, and
<details> elements to fold near-duplicates under their original.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Any

from .records import Filters, display_title, entity_names, format_amount, latest_per_input, lead, topic_labels

NO_TOPIC = "other"


@dataclass
class Story:
    """A clipping as the digest shows it, with the near-copies folded under it."""

    record: dict[str, Any]
    copies: list[dict[str, Any]] = field(default_factory=list)

    @property
    def topic(self) -> str:
        labels = topic_labels(self.record)  # ingest sorts topics by score: the first is the main one
        return labels[0] if labels else NO_TOPIC


@dataclass
class Digest:
    stories: list[Story]
    period: tuple[str, str] | None  # first and last publication date of the stories shown
    undated: int
    per_topic: Counter[str]
    per_region: Counter[str]
    per_vendor: Counter[str]
    timeline: dict[str, int]  # ISO week ("2024-W07"), or month ("2024-07") over long periods → clippings


def build(records: Iterable[dict[str, Any]], filters: Filters) -> Digest:
    """Choose, fold and count: the digest's content, whatever its format."""
    chosen = [r for r in latest_per_input(records) if filters.admit(r)]
    by_id: dict[str, Story] = {}
    stories: list[Story] = []
    for record in chosen:
        original = by_id.get(record.get("duplicate_of") or "") or by_id.get(record.get("id") or "")
        if original is not None:
            original.copies.append(record)
            continue
        story = Story(record)
        stories.append(story)
        if record.get("id"):
            by_id[record["id"]] = story
    stories.sort(key=lambda s: (s.record.get("published") or "", display_title(s.record)), reverse=True)
    dates = sorted(d for d in (_date(s.record) for s in stories) if d)
    return Digest(
        stories=stories,
        period=(dates[0].isoformat(), dates[-1].isoformat()) if dates else None,
        undated=sum(1 for s in stories if not _date(s.record)),
        per_topic=Counter(s.topic for s in stories),
        per_region=Counter(n for s in stories for n in set(entity_names(s.record, "region"))),
        per_vendor=Counter(n for s in stories for n in set(entity_names(s.record, "vendor"))),
        timeline=_timeline(dates),
    )


def _date(record: dict[str, Any]) -> dt.date | None:
    try:
        return dt.date.fromisoformat((record.get("published") or "")[:10])
    except ValueError:
        return None


# Over more weeks than this a bar per week is too thin to read: a bar per month instead.
_MAX_WEEKS = 104


def _timeline(dates: list[dt.date]) -> dict[str, int]:
    """Clippings per week (per month over long periods), every period from the first to the last present."""
    if not dates:
        return {}
    by_month = (dates[-1] - dates[0]).days > 7 * _MAX_WEEKS
    period = _month if by_month else _week
    counts = Counter(period(d) for d in dates)
    timeline: dict[str, int] = {}
    day = dates[0].replace(day=1) if by_month else dates[0] - dt.timedelta(days=dates[0].weekday())
    while day <= dates[-1]:
        timeline[period(day)] = counts.get(period(day), 0)
        day = (day + dt.timedelta(days=32)).replace(day=1) if by_month else day + dt.timedelta(weeks=1)
    return timeline


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month(day: dt.date) -> str:
    return f"{day.year}-{day.month:02d}"


def _by_topic(digest: Digest) -> list[tuple[str, list[Story]]]:
    groups: dict[str, list[Story]] = {}
    for story in digest.stories:
        groups.setdefault(story.topic, []).append(story)
    return sorted(groups.items(), key=lambda item: (item[0] == NO_TOPIC, -len(item[1]), item[0]))


def _source_label(record: dict[str, Any]) -> str:
    source = record.get("source") or {}
    return str(record.get("site") or str(source.get("path", "")).rsplit("/", 1)[-1])


# --- Markdown --------------------------------------------------------------------------------------


def to_markdown(digest: Digest, title: str = "Clippings") -> str:
    lines = [f"# {title}", "", _period_line(digest), ""]
    if digest.per_topic:
        lines += ["Topics: " + ", ".join(f"{label} {n}" for label, n in digest.per_topic.most_common()), ""]
    for label, stories in _by_topic(digest):
        lines += [f"## {label} ({len(stories)})", ""]
        for story in stories:
            record = story.record
            heading = display_title(record)
            url = (record.get("source") or {}).get("url")
            lines.append(f"- **[{heading}]({url})**" if url else f"- **{heading}**")
            lines.append(f"  {record.get('published') or 'undated'} · {_source_label(record)}")
            if lead(record):
                lines.append(f"  {lead(record)}")
            facts = _facts(record)
            if facts:
                lines.append("  " + " · ".join(f"{name}: {', '.join(values)}" for name, values in facts))
            for copy in story.copies:
                lines.append(f"  - also: {display_title(copy)} ({_source_label(copy)})")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _period_line(digest: Digest) -> str:
    n = len(digest.stories)
    if digest.period is None:
        return f"{n} clippings, none dated."
    first, last = digest.period
    undated = f" ({digest.undated} undated)" if digest.undated else ""
    return f"{n} clippings from {first} to {last}{undated}."


def _facts(record: dict[str, Any]) -> list[tuple[str, list[str]]]:
    facts = [
        ("Regions", entity_names(record, "region")),
        ("Vendors", entity_names(record, "vendor")),
        ("Products", entity_names(record, "product")),
        ("Amounts", [format_amount(a) for a in record.get("amounts") or []]),
    ]
    return [(name, list(dict.fromkeys(values))) for name, values in facts if values]


# --- HTML ------------------------------------------------------------------------------------------

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d232b;background:#f5f6f8}
main{max-width:980px;margin:0 auto;padding:24px}
h1{margin:0 0 4px;font-size:26px}
h2{margin:28px 0 10px;font-size:19px;border-bottom:2px solid #d8dde4;padding-bottom:4px}
.period{color:#5b6573;margin:0 0 18px}
.overview{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px}
.card{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:12px 14px}
.card h3{margin:0 0 8px;font-size:14px;text-transform:uppercase;letter-spacing:.04em;color:#5b6573}
.count{display:flex;align-items:center;gap:8px;font-size:14px;margin:3px 0}
.count span.name{flex:0 0 45%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.count span.bar{height:10px;background:#3b6fb6;border-radius:3px}
article{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:12px 16px;margin:10px 0}
article h4{margin:0 0 2px;font-size:17px}article h4 a{color:#1b4f9c;text-decoration:none}
.meta{color:#5b6573;font-size:13px}.lead{margin:6px 0}
.tags{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.tag{font-size:12px;border-radius:10px;padding:1px 8px;background:#eef1f5}
.tag.region{background:#e3f1e6}.tag.vendor{background:#e6ecf8}.tag.product{background:#f4ebdc}.tag.amount{background:#f8e3e3}
details{margin-top:6px;font-size:13px;color:#5b6573}
svg text{font:11px system-ui,sans-serif;fill:#5b6573}
"""


def to_html(digest: Digest, title: str = "Clippings") -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body><main>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="period">{escape(_period_line(digest))}</p>',
        '<section class="overview">',
        _count_card("Topics", digest.per_topic),
        _count_card("Regions", digest.per_region),
        _count_card("Vendors", digest.per_vendor),
        "</section>",
    ]
    if digest.timeline:
        unit = "month" if "W" not in next(iter(digest.timeline)) else "week"
        parts += [f'<h2>Clippings per {unit}</h2><div class="card">', _timeline_svg(digest.timeline), "</div>"]
    for label, stories in _by_topic(digest):
        parts.append(f'<h2 id="topic-{escape(label)}">{escape(label)} ({len(stories)})</h2>')
        parts += [_story_html(story) for story in stories]
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _count_card(heading: str, counts: Counter[str], most: int = 8) -> str:
    rows = counts.most_common(most)
    top = max((n for _, n in rows), default=1)
    body = "".join(
        f'<div class="count"><span class="name" title="{escape(name)}">{escape(name)}</span>'
        f'<span class="bar" style="width:{max(4, round(90 * n / top))}px"></span><span>{n}</span></div>'
        for name, n in rows
    ) or '<div class="count">none</div>'
    return f'<div class="card"><h3>{escape(heading)}</h3>{body}</div>'


def _timeline_svg(timeline: dict[str, int]) -> str:
    width, height, bottom = 900, 150, 24
    weeks = list(timeline.items())
    step = width / max(len(weeks), 1)
    top = max(timeline.values()) or 1
    bars = []
    label_every = max(1, len(weeks) // 12)
    for i, (week, n) in enumerate(weeks):
        h = (height - bottom - 14) * n / top
        x = i * step
        bars.append(f'<rect x="{x + step * 0.15:.1f}" y="{height - bottom - h:.1f}" width="{step * 0.7:.1f}" '
                     f'height="{h:.1f}" fill="#3b6fb6"><title>{week}: {n}</title></rect>')
        if n:
            bars.append(f'<text x="{x + step / 2:.1f}" y="{height - bottom - h - 3:.1f}" '
                        f'text-anchor="middle">{n}</text>')
        if i % label_every == 0:
            bars.append(f'<text x="{x + step / 2:.1f}" y="{height - 6}" text-anchor="middle">{week}</text>')
    return (f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
            f'aria-label="Clippings per week">{"".join(bars)}</svg>')


def _story_html(story: Story) -> str:
    record = story.record
    url = (record.get("source") or {}).get("url")
    heading = escape(display_title(record))
    linked = f'<a href="{escape(url)}">{heading}</a>' if url else heading
    tags = "".join(
        f'<span class="tag {kind}">{escape(value)}</span>'
        for kind, values in (
            ("region", entity_names(record, "region")),
            ("vendor", entity_names(record, "vendor")),
            ("product", entity_names(record, "product")),
            ("amount", [format_amount(a) for a in record.get("amounts") or []]),
        )
        for value in dict.fromkeys(values)
    )
    copies = ""
    if story.copies:
        items = "".join(f"<li>{escape(display_title(c))} — {escape(_source_label(c))}</li>" for c in story.copies)
        copies = f"<details><summary>{len(story.copies)} near-duplicate(s)</summary><ul>{items}</ul></details>"
    return (
        f"<article><h4>{linked}</h4>"
        f'<div class="meta">{escape(record.get("published") or "undated")} · {escape(_source_label(record))}'
        f' · {escape(", ".join(topic_labels(record)) or NO_TOPIC)}</div>'
        f'<p class="lead">{escape(lead(record))}</p>'
        f'<div class="tags">{tags}</div>{copies}</article>'
    )
