"""``medlint preview``: one self-contained HTML page with the draft as Medium will get it (in its one
``<article>``: the story, made by :mod:`medlint.story`), every finding of ``medlint check`` beside
the block it concerns, and the passages a duplicate repeats side by side. The page loads nothing
from outside and works with scripts off; its one script is the "Copy for Medium" button.
"""

from __future__ import annotations

import difflib
import re
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from medlint.document import Document
from medlint.findings import Finding, Namer, Related, Severity
from medlint.similarity.text import words_of
from medlint.story import Rendering, story_of
from medlint.urls import web_url


@dataclass
class Passage:
    """One matched passage, both sides, with the words they share marked."""

    score: float
    draft_lines: str
    page_lines: str
    draft: list[tuple[str, bool]]
    page: list[tuple[str, bool]]


def passages_of(related: Related) -> list[Passage]:
    found = []
    for pair in related.passages:
        draft_words, page_words = pair.draft.text.split(), pair.page.text.split()
        matcher = difflib.SequenceMatcher(
            None, [tuple(words_of(w)) for w in draft_words], [tuple(words_of(w)) for w in page_words], autojunk=False
        )
        in_draft, in_page = set(), set()
        for block in matcher.get_matching_blocks():
            in_draft.update(range(block.a, block.a + block.size))
            in_page.update(range(block.b, block.b + block.size))
        found.append(
            Passage(
                pair.score,
                f"{pair.draft.line}-{pair.draft.end_line}",
                f"{pair.page.line}-{pair.page.end_line}",
                [(word, index in in_draft) for index, word in enumerate(draft_words)],
                [(word, index in in_page) for index, word in enumerate(page_words)],
            )
        )
    return found


@dataclass
class DuplicatePage:
    path: str
    url: str | None
    score: float
    passages: list[Passage]
    #: the id of its section of the page, which its finding links to
    anchor: str


@dataclass
class Note:
    """A finding beside its block: the rule's summary once a page, and its duplicate view's anchor."""

    finding: Finding
    summary: str | None
    duplicate_anchor: str | None


@dataclass
class ImportVerdict:
    """Whether Medium's Import would take the draft's built page: its findings (ML6xx, real
    paths) when the site's build has the page, else why medlint cannot say (``unknown``)."""

    page: str | None = None
    url: str | None = None
    findings: list[Finding] = field(default_factory=list)
    unknown: str | None = None


def render_page(
    doc: Document,
    data: bytes,
    findings: list[Finding],
    name: Namer,
    language: str | None,
    rendering: Rendering | None = None,
    verdict: ImportVerdict | None = None,
) -> str:
    """The whole preview page: ``findings`` are the draft's (real paths), ``name`` the run's namer,
    ``rendering`` how its site writes (see :class:`Rendering`), ``verdict`` whether the draft's
    built page is ready for Import, shown beside the paste-ready story."""
    from medlint import __version__
    from medlint.rules import RULES

    story = story_of(doc, data, findings, rendering or Rendering())
    canonical, suggested = (doc.canonical_url[0], False) if doc.canonical_url else (None, False)
    duplicates: list[DuplicatePage] = []
    for finding in findings:
        if finding.code not in ("ML301", "ML302"):
            continue
        for related in finding.named(name).related:
            url = web_url(related.url)
            if related.passages and all(page.path != related.path for page in duplicates):
                anchor = f"duplicate-{len(duplicates) + 1}"
                duplicates.append(DuplicatePage(related.path, url, related.score or 0.0, passages_of(related), anchor))
            if finding.code == "ML301" and canonical is None and url:
                canonical, suggested = url, True
    anchors = {page.path: page.anchor for page in duplicates}
    explained: set[str] = set()

    def note(finding: Finding) -> Note:
        """A finding as laid out: its rule's summary the first time the rule appears."""
        named = finding.named(name)
        summary = None if finding.code in explained else RULES[finding.code].summary.replace("``", "")
        explained.add(finding.code)
        anchor = next((anchors[item.path] for item in named.related if item.path in anchors), None)
        return Note(named, summary, anchor)

    head_notes = [note(finding) for finding in story.head_findings]
    first_row = 3 if story.subtitle else 2
    rows = []
    for index, block in enumerate(story.blocks):
        desktop, mobile = first_row + index, 4 + 2 * index
        attributes = (
            f' style="--r:{desktop};--m:{mobile}" data-line="{block.line}" data-lines="{block.line}-{block.end_line}"'
        )
        html = re.sub(r"^<(\w+)", r"<\1" + attributes, block.html, count=1)
        rows.append(
            {
                "html": html,
                "line": block.line,
                "r": desktop,
                "n": mobile + 1,
                "notes": [note(finding) for finding in block.findings],
            }
        )
    order = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    counts = {severity.value: sum(1 for f in findings if f.severity is severity) for severity in order}
    summary = (
        ", ".join(
            f"{number} {severity}{'s' if number != 1 and severity != 'info' else ''}"
            for severity, number in counts.items()
            if number
        )
        or "no findings"
    )
    return (
        _templates()
        .get_template("preview.html")
        .render(
            story=story,
            rows=rows,
            head_notes=head_notes,
            head_row=3,
            draft_name=name(doc.path),
            summary=f"{summary} from medlint check; each is shown beside the paragraph it concerns.",
            canonical=web_url(canonical),
            canonical_suggested=suggested,
            duplicates=duplicates,
            verdict=verdict,
            verdict_page=name(verdict.page) if verdict is not None and verdict.page else None,
            verdict_findings=[finding.named(name) for finding in verdict.findings] if verdict is not None else [],
            language=language or "en",
            version=__version__,
            nonce=secrets.token_urlsafe(18),
        )
    )


def preview_name(name: str) -> str:
    """Where a draft's preview goes, relative to the previews' folder: the draft's path with
    ``.html`` (``drafts/a/post.md`` -> ``drafts/a/post.html``), so two drafts never share one;
    ``..`` parts become ``__``, so a preview stays inside that folder."""
    path = name.replace("\\", "/")
    stem = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    parts = ["__" if part == ".." else part for part in stem.split("/") if part not in ("", ".")]
    return "/".join(parts or ["draft"]) + ".html"


@dataclass
class Listed:
    """A draft on the previews' index: its name, its preview's address, its findings."""

    name: str
    address: str
    findings: int


def render_index(listed: list[Listed], anchors: bool = False) -> str:
    """The index of every draft's preview (``/_medlint/preview/`` under ``mkdocs serve``), and a
    link to the drafts' anchor profile when there is one (``anchors``)."""
    return _templates().get_template("preview_index.html").render(listed=listed, anchors=anchors)


@lru_cache(maxsize=1)
def _templates() -> Any:
    """The package's Jinja2 templates, HTML escaped (loaded once a process: ``mkdocs serve`` writes
    a page a draft on every rebuild)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("medlint", "templates"), autoescape=select_autoescape(["html"]))
