"""``medlint export --target PLATFORM DRAFT``: the draft as that platform takes it.

For Medium, which reads no Markdown, it is the preview page (:mod:`medlint.preview`). For a
Markdown platform (dev.to, Hashnode) it is Markdown with the platform's own front matter
(:mod:`medlint.targets`): the title, description, tags within its limit, the canonical link set
to the page the draft is (or will be) published at, the cover image; and a body in which

- the relative links and images that the site publishes are absolute (the fixes of ML205/ML206,
  safe and unsafe), and the site's link syntax (Hugo's ``ref``, Jekyll's ``post_url``, Zola's
  ``@/``) is resolved to published URLs, as the preview does;
- MkDocs admonitions (``!!! note "Title"``) are quotes with a bold title, which both platforms show;
- a first ``#`` heading that repeats the title is dropped (the platform shows the title).

An export is deterministic: the same draft and site give the same bytes. What it cannot make
absolute (a link to nothing the site publishes) is left as written and listed in ``left``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from medlint.document import Document
from medlint.findings import Finding
from medlint.fixes import choose, rewrite
from medlint.targets import Platform, tags_of
from medlint.urls import is_relative

LINK_CODES = ("ML205", "ML206")
"""The rules whose fixes make a draft's relative links and images absolute."""
_ADMONITION = re.compile(r'^(!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+"([^"]*)")?\s*$')


@dataclass
class Export:
    """A draft as a platform takes it, and the links it left relative (no published URL known)."""

    text: str
    left: list[str] = field(default_factory=list)


def export_markdown(
    doc: Document, findings: list[Finding], target: Platform, expand: Callable[[str], str], page_url: str | None
) -> Export:
    """``doc`` (read, with its check's ``findings``) as Markdown for ``target``; ``expand`` resolves
    the site's link syntax, ``page_url`` is the draft's published URL (its canonical, unless its
    front matter names one)."""
    fixes = choose([finding for finding in findings if finding.code in LINK_CODES], unsafe=True).get(doc.path)
    data = rewrite(doc.data, fixes.edits) if fixes is not None else doc.data
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")[doc.body_start :]
    body = expand("\n".join(lines))
    title = doc.title[0] if doc.title else None
    body = _without_title_heading(body, title)
    title = title or Path(doc.path).stem.replace("-", " ").capitalize()  # the platforms require one
    body = _admonitions_as_quotes(body)
    fixed = {(finding.line, finding.column) for finding in fixes.findings} if fixes is not None else set()
    left = sorted(
        {
            link.target
            for link in doc.links
            if is_relative(link.target)
            and not link.target.startswith("#")
            and "{" not in link.target  # the site's own syntax, resolved by expand
            and (link.line, link.column) not in fixed
        }
    )
    canonical = doc.canonical_url[0] if doc.canonical_url else page_url
    meta = doc.meta
    cover = _text(meta.get("cover_image") or meta.get("image") or meta.get("cover"))
    facts: dict[str, Any] = {
        "title": title,
        "description": _text(meta.get("description") or meta.get("subtitle")),
        "tags": tags_of(meta.get("tags")),
        "canonical": canonical,
        "cover": urljoin(page_url, cover) if cover and page_url else cover,
        "series": _text(meta.get("series")),
        "slug": _text(meta.get("slug")),
    }
    return Export(_with_front_matter(target.export_front_matter(facts), body), left)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _with_front_matter(mapping: dict[str, Any], body: str) -> str:
    import yaml

    head = yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{head}---\n\n{body.strip()}\n"


def _without_title_heading(body: str, title: str | None) -> str:
    """The body without a first ``# Title`` line that repeats the front matter's title."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if title is not None and line.startswith("# ") and line[2:].strip() == title.strip():
            return "\n".join(lines[:index] + lines[index + 1 :])
        return body
    return body


def _admonitions_as_quotes(body: str) -> str:
    """MkDocs admonitions and collapsible blocks as quotes: ``> **Title**`` and the indented body."""
    out: list[str] = []
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        found = _ADMONITION.match(lines[index])
        if found is None:
            out.append(lines[index])
            index += 1
            continue
        label = found.group(3) if found.group(3) is not None else found.group(2).capitalize()
        quoted = [f"> **{label}**" if label else ">", ">"]
        index += 1
        while index < len(lines) and (lines[index].startswith("    ") or not lines[index].strip()):
            if not lines[index].strip() and (index + 1 >= len(lines) or not lines[index + 1].startswith("    ")):
                break
            quoted.append(f"> {lines[index][4:]}".rstrip())
            index += 1
        out.extend(quoted)
    return "\n".join(out)
