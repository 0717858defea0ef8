"""``medlint anchors``: the cross-post anchor profile (:mod:`medlint.anchor_profile`) to look at,
as text, JSON or one self-contained HTML page with a chart per target page.

For every page of the site that the drafts and cross-posted posts link to: how many links, each
exact text with its count, share and kind (exact title, partial match, branded, naked URL,
generic, other), and where each link is written. Targets come most-linked first, so the pages
that get all the links and the texts that are overused are on the first screen. A text is
*overused* where ML110 says so, with its configured ``max_share`` and ``min_links``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass

from medlint.anchor_profile import KINDS, AnchorProfile, Target

#: each kind's colour in the HTML chart
COLOURS = {
    "exact title": "#2b6cb0",
    "partial match": "#38a169",
    "branded": "#805ad5",
    "naked URL": "#dd6b20",
    "generic": "#e53e3e",
    "other": "#718096",
}

Namer = Callable[[str], str]


def _ranked(profile: AnchorProfile) -> list[Target]:
    return sorted(profile.targets.values(), key=lambda target: (-len(target.links), target.url))


@dataclass(frozen=True)
class Limits:
    """When one text is overused (ML110's options)."""

    max_share: float
    min_links: int

    def overused(self, target: Target, count: int) -> bool:
        return len(target.links) >= self.min_links and count / len(target.links) > self.max_share


def as_json(profile: AnchorProfile, name: Namer, limits: Limits) -> str:
    """The profile as a JSON object: ``documents``, and ``targets`` most-linked first."""
    return json.dumps(as_data(profile, name, limits), ensure_ascii=False, indent=2)


def as_data(profile: AnchorProfile, name: Namer, limits: Limits) -> dict[str, object]:
    """The JSON object of :func:`as_json`, unserialised (the language server's ``medlint.anchors``)."""
    targets = []
    for target in _ranked(profile):
        total = len(target.links)
        targets.append(
            {
                "url": target.url,
                "page": name(target.page),
                "title": target.title,
                "links": total,
                "texts": [
                    {
                        "text": text,
                        "count": count,
                        "share": round(count / total, 4),
                        "kind": kind,
                        "overused": limits.overused(target, count),
                    }
                    for text, count, kind in target.shares()
                ],
                "kinds": {kind: count for kind, count in target.kinds().items()},
                "sources": [
                    {
                        "path": name(link.source),
                        "line": link.line,
                        "column": link.column,
                        "text": link.text,
                        "draft": link.draft,
                    }
                    for link in target.links
                ],
            }
        )
    return {"documents": len(profile.sources), "targets": targets}


def as_text(profile: AnchorProfile, name: Namer, limits: Limits, printable: Callable[[str], str]) -> str:
    """The profile for a terminal: a block per target page."""
    lines = []
    for target in _ranked(profile):
        total = len(target.links)
        title = f' "{printable(target.title)}"' if target.title else ""
        lines.append(f"{printable(target.url)}{title}: {total} link{'s' if total != 1 else ''}")
        for text, count, kind in target.shares():
            flag = "  overused" if limits.overused(target, count) else ""
            lines.append(f"  {count:>3}  {count / total:>4.0%}  {printable(text)}  ({kind}){flag}")
        lines.append("")
    documents = len(profile.sources)
    lines.append(f"{len(profile.targets)} pages linked from {documents} document{'s' if documents != 1 else ''}.")
    if not documents:
        lines.append(
            "The profile reads the drafts (the paths given, or the drafts folders of the settings) and the posts "
            "whose front matter says where they were cross-posted (cross_posted: or medium_url:)."
        )
    return "\n".join(lines)


def as_html(profile: AnchorProfile, name: Namer, limits: Limits) -> str:
    """One self-contained page (no script, no request): a section per target, with a bar per text."""
    escape = html.escape
    sections = []
    for target in _ranked(profile):
        total = len(target.links)
        bars = []
        for text, count, kind in target.shares():
            share = count / total
            overused = limits.overused(target, count)
            bars.append(
                f'<li class="text{" overused" if overused else ""}" data-count="{count}" data-kind="{escape(kind)}">'
                f'<span class="label">{escape(text)}</span>'
                f'<span class="bar" style="width:{share * 100:.1f}%;background:{COLOURS[kind]}"></span>'
                f'<span class="figure">{count} of {total} ({share:.0%}) · {escape(kind)}'
                f"{' · overused' if overused else ''}</span></li>"
            )
        sources = "".join(
            f"<li>{escape(name(link.source))}:{link.line} “{escape(link.text)}”"
            f"{'' if link.draft else ' (cross-posted)'}</li>"
            for link in target.links
        )
        sections.append(
            f'<section class="target" data-url="{escape(target.url)}" data-links="{total}">'
            f'<h2><a href="{escape(target.url)}">{escape(target.title or target.url)}</a></h2>'
            f'<p class="url">{escape(target.url)} · {total} link{"s" if total != 1 else ""}</p>'
            f'<ul class="chart">{"".join(bars)}</ul>'
            f"<details><summary>Where the links are</summary><ul>{sources}</ul></details></section>"
        )
    legend = "".join(
        f'<span class="kind"><span class="swatch" style="background:{COLOURS[kind]}"></span>{escape(kind)}</span>'
        for kind in KINDS
    )
    body = "".join(sections) or "<p>No link to a page of the site in these documents.</p>"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Anchor profile · medlint</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; color: #1a202c; }}
h1 {{ font-size: 1.4rem; }} h2 {{ font-size: 1.1rem; margin: 0; }} .url {{ color: #4a5568; margin: .2rem 0 .6rem; }}
.target {{ border-top: 1px solid #e2e8f0; padding: .8rem 0; }}
.chart {{ list-style: none; padding: 0; margin: 0; }}
.text {{ display: grid; grid-template-columns: 16rem 1fr 13rem; gap: .6rem; align-items: center; margin: .2rem 0; }}
.label {{ overflow-wrap: anywhere; }} .bar {{ height: .9rem; border-radius: 3px; min-width: 2px; }}
.figure {{ color: #4a5568; font-size: .85rem; }} .overused .label {{ font-weight: 600; color: #c53030; }}
@media (max-width: 40rem) {{ .text {{ grid-template-columns: 1fr; gap: .1rem; margin: .5rem 0; }} }}
.legend {{ display: flex; flex-wrap: wrap; gap: 1rem; margin-bottom: 1rem; }}
.swatch {{ display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .3rem; }}
</style></head>
<body><h1>Anchor profile: {len(profile.targets)} pages linked from {len(profile.sources)} documents</h1>
<div class="legend">{legend}</div>
{body}
</body></html>
"""
