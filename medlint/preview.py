"""``medlint preview``: one self-contained HTML page with the draft as Medium will get it (in its one
``<article>``), every finding of ``medlint check`` beside the paragraph it concerns, and the
passages a duplicate repeats side by side.

The story is the draft after the safe fixes of ``--fix`` (published absolute URLs), rendered with
Python-Markdown (what MkDocs renders with) and then shaped the way Medium takes it: title and
subtitle, two heading levels, flat lists, tables as preformatted text, footnotes inlined,
admonitions as block quotes, code kept as code. Raw HTML is shown as text (Medium drops it, and a
draft from a pull request must not run in the reader's browser); a link or image that is not an
absolute web address keeps its text only. The page loads nothing from outside and works with
scripts off; the one script is the "Copy for Medium" button.
"""

from __future__ import annotations

import difflib
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as etree

from medlint.document import Document
from medlint.findings import Finding, Namer, Related, Severity
from medlint.fixes import choose, rewrite
from medlint.urls import web_url

_ABSOLUTE = re.compile(r"^(?:https?:|mailto:)", re.IGNORECASE)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Block:
    """A top-level element of the story, the source line it starts at, and its findings."""

    html: str
    line: int
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Story:
    title: str
    subtitle: str | None
    blocks: list[Block]
    #: findings that concern no paragraph of the body (front matter, the title)
    head_findings: list[Finding]


def story_of(doc: Document, data: bytes, findings: list[Finding]) -> Story:
    """The draft (``data``, its bytes as read) as Medium gets it, its findings placed by line."""
    plan = choose(findings, unsafe=False).get(doc.path)
    fixed = rewrite(data, plan.edits) if plan is not None else data  # safe fixes change no line count
    text = fixed.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    body = "\n".join(lines[doc.body_start :])
    title = doc.title[0] if doc.title else Path(doc.path).stem.replace("-", " ").capitalize()
    subtitle = doc.front_matter.text("subtitle") or doc.front_matter.text("description")
    html_blocks = _render(body, drop_title=title)
    starts = _block_lines(doc)
    blocks = []
    cursor = 0
    last_line = doc.body_start + 1
    for html, text_of_block in html_blocks:
        line, cursor = _line_of(text_of_block, starts, cursor, last_line)
        last_line = line
        blocks.append(Block(html, line))
    head: list[Finding] = []
    for finding in findings:
        owner = None
        for block in blocks:
            if block.line <= finding.line:
                owner = block
        if owner is None:
            head.append(finding)
        else:
            owner.findings.append(finding)
    return Story(title, subtitle, blocks, head)


def _block_lines(doc: Document) -> list[tuple[int, str]]:
    """The model's headings and paragraphs in file order, as (line, normalized text)."""
    items = [(heading.line, heading.text) for heading in doc.headings]
    items += [(paragraph.line, paragraph.text) for paragraph in doc.paragraphs]
    return sorted((line, _normal(text)) for line, text in items if _normal(text))


def _line_of(text: str, starts: list[tuple[int, str]], cursor: int, previous: int) -> tuple[int, int]:
    """The source line of a rendered block: the next model item whose text begins it."""
    key = _normal(text)[:40]
    if key:
        for index in range(cursor, len(starts)):
            line, candidate = starts[index]
            if candidate[:40] and (key.startswith(candidate[:40]) or candidate.startswith(key[: len(candidate)])):
                return line, index + 1
    return previous, cursor


def _normal(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _render(body: str, drop_title: str) -> list[tuple[str, str]]:
    """Python-Markdown's rendering of the body, shaped for Medium: one (html, text) per top-level
    element."""
    import markdown

    md = markdown.Markdown(
        extensions=["tables", "footnotes", "fenced_code", "admonition", "def_list", "sane_lists"],
        output_format="html",
    )
    md.preprocessors.deregister("html_block")  # raw HTML stays text: shown, never run
    md.inlinePatterns.deregister("html")
    shaper = _MediumShape(md, drop_title)
    md.treeprocessors.register(shaper, "medium", 1)
    md.convert(body)
    return [(_restore(md, html), text) for html, text in shaper.blocks]


def _restore(md: Any, html: str) -> str:
    """Put back what Python-Markdown stashed (code blocks) into one block's HTML."""
    for processor in md.postprocessors:
        html = processor.run(html)
    return html


class _MediumShape:
    """A tree processor: reshapes the rendered tree as Medium takes it and keeps each top-level
    element's HTML and text."""

    def __init__(self, md: Any, drop_title: str) -> None:
        self.md = md
        self.drop_title = _normal(drop_title)
        self.blocks: list[tuple[str, str]] = []

    def run(self, root: etree.Element) -> None:
        notes = _footnotes(root)
        first = True
        for element in list(root):
            if element.tag == "div" and "footnote" in (element.get("class") or ""):
                continue
            if first and element.tag in ("h1", "h2") and _normal("".join(element.itertext())) == self.drop_title:
                first = False
                continue  # the title, shown as the story's title
            first = False
            shaped = _shape(element, notes)
            text = "".join(element.itertext())
            self.blocks.append((etree.tostring(shaped, encoding="unicode", method="html"), text))
        root.clear()
        return None


def _footnotes(root: etree.Element) -> dict[str, str]:
    """Footnote id -> its text (without the back link)."""
    from markdown.extensions.footnotes import FN_BACKLINK_TEXT, NBSP_PLACEHOLDER

    notes: dict[str, str] = {}
    for div in root.iter("div"):
        if "footnote" not in (div.get("class") or ""):
            continue
        for item in div.iter("li"):
            text = "".join(item.itertext()).replace(FN_BACKLINK_TEXT, "").replace(NBSP_PLACEHOLDER, " ")
            notes[item.get("id") or ""] = " ".join(text.replace("\u21a9", "").split())
    return notes


def _shape(element: etree.Element, notes: dict[str, str]) -> etree.Element:
    tag = element.tag
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        element.tag = "h1" if tag in ("h1", "h2") else "h2"  # Medium's two levels: large and small
    elif tag == "table":
        element = _table_as_text(element)
    elif tag == "div" and "admonition" in (element.get("class") or ""):
        element = _admonition(element)
    elif tag == "dl":
        element = _definitions(element)
    for parent in list(element.iter()):
        for child in list(parent):
            if child.tag in ("ul", "ol"):
                _flatten(child)
            if child.tag in ("h3", "h4", "h5", "h6"):
                child.tag = "h2"
            if child.tag == "table":
                _replace(parent, child, _table_as_text(child))
            elif child.tag == "div" and "admonition" in (child.get("class") or ""):
                _replace(parent, child, _admonition(child))
    if element.tag in ("ul", "ol"):
        _flatten(element)
    _inline_notes(element, notes)
    _only_absolute(element)
    for node in element.iter():
        for name in ("id", "class"):
            node.attrib.pop(name, None)
    return element


def _replace(parent: etree.Element, old: etree.Element, new: etree.Element) -> None:
    index = list(parent).index(old)
    new.tail = old.tail
    parent.remove(old)
    parent.insert(index, new)


def _flatten(listing: etree.Element) -> None:
    """Nested list items moved up into ``listing``, after their parent item (Medium has one level)."""
    index = 0
    while index < len(listing):
        item = listing[index]
        nested = [child for child in item if child.tag in ("ul", "ol")]
        for sub in nested:
            item.remove(sub)
            _flatten(sub)
            for offset, subitem in enumerate(list(sub)):
                listing.insert(index + 1 + offset, subitem)
        index += 1


def _table_as_text(table: etree.Element) -> etree.Element:
    """A table as aligned columns of text in a ``<pre>`` block (Medium has no tables)."""
    rows = [[" ".join("".join(cell.itertext()).split()) for cell in row] for row in table.iter("tr")]
    widths = [
        max(len(row[index]) for row in rows if index < len(row)) for index in range(max(map(len, rows), default=0))
    ]
    lines = ["  ".join(cell.ljust(widths[index]) for index, cell in enumerate(row)).rstrip() for row in rows]
    if len(lines) > 1:
        lines.insert(1, "  ".join("-" * width for width in widths))
    pre = etree.Element("pre")
    pre.text = "\n".join(lines)
    return pre


def _admonition(div: etree.Element) -> etree.Element:
    """An admonition as a block quote whose first line is its title, in bold."""
    quote = etree.Element("blockquote")
    for child in list(div):
        if child.tag == "p" and "admonition-title" in (child.get("class") or ""):
            strong = etree.SubElement(etree.SubElement(quote, "p"), "strong")
            strong.text = "".join(child.itertext())
        else:
            quote.append(child)
    return quote


def _definitions(listing: etree.Element) -> etree.Element:
    """A definition list as paragraphs: the term in bold, then its definition."""
    wrapper = etree.Element("div")
    for child in listing:
        paragraph = etree.SubElement(wrapper, "p")
        if child.tag == "dt":
            strong = etree.SubElement(paragraph, "strong")
            strong.text = "".join(child.itertext())
        else:
            paragraph.text = "".join(child.itertext())
    return wrapper


def _inline_notes(element: etree.Element, notes: dict[str, str]) -> None:
    """A footnote reference becomes its note, in parentheses, where it stood."""
    for parent in list(element.iter()):
        for child in list(parent):
            if child.tag == "sup" and (child.get("id") or "").startswith("fnref"):
                link = child.find("a")
                target = (link.get("href") or "").lstrip("#") if link is not None else ""
                note = notes.get(target, "")
                index = list(parent).index(child)
                parent.remove(child)
                addition = f" ({note})" if note else ""
                if index == 0:
                    parent.text = (parent.text or "") + addition + (child.tail or "")
                else:
                    previous = parent[index - 1]
                    previous.tail = (previous.tail or "") + addition + (child.tail or "")


def _only_absolute(element: etree.Element) -> None:
    """Links and images keep only absolute web addresses: any other keeps its text (a relative
    link that no fix could make absolute goes nowhere on Medium, and ``javascript:`` runs)."""
    for parent in list(element.iter()):
        for child in list(parent):
            if child.tag == "a" and not _ABSOLUTE.match(child.get("href") or ""):
                span = etree.Element("span")
                span.text, span.tail = "".join(child.itertext()), child.tail
                _replace(parent, child, span)
                span.tail = child.tail
            elif child.tag == "img" and not _ABSOLUTE.match(child.get("src") or ""):
                span = etree.Element("em")
                span.text = f"[image not importable: {child.get('alt') or child.get('src') or ''}]"
                _replace(parent, child, span)
                span.tail = child.tail
    if element.tag == "img" and not _ABSOLUTE.match(element.get("src") or ""):
        element.tag, element.text = "em", f"[image not importable: {element.get('alt') or ''}]"
        element.attrib.clear()


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
            None, [_normal(w) for w in draft_words], [_normal(w) for w in page_words], autojunk=False
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


def render_page(doc: Document, data: bytes, findings: list[Finding], name: Namer, language: str | None) -> str:
    """The whole preview page: ``findings`` are the draft's (real paths), ``name`` the run's namer."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    from medlint import __version__
    from medlint.rules import RULES

    story = story_of(doc, data, findings)
    named = {id(finding): finding.named(name) for finding in findings}
    first_row = 3 if story.subtitle else 2
    rows = []
    for index, block in enumerate(story.blocks):
        desktop, mobile = first_row + index, 4 + 2 * index
        attributes = f' style="--r:{desktop};--m:{mobile}" data-line="{block.line}"'
        html = re.sub(r"^<(\w+)", r"<\1" + attributes.replace("\\", "\\\\"), block.html, count=1)
        rows.append(
            {
                "html": html,
                "line": block.line,
                "r": desktop,
                "n": mobile + 1,
                "findings": [named[id(finding)] for finding in block.findings],
            }
        )
    canonical, suggested = (doc.canonical_url[0], False) if doc.canonical_url else (None, False)
    duplicates = []
    for finding in findings:
        if finding.code not in ("ML301", "ML302"):
            continue
        for related in finding.named(name).related:
            url = web_url(related.url)
            if related.passages and all(page.path != related.path for page in duplicates):
                duplicates.append(DuplicatePage(related.path, url, related.score or 0.0, passages_of(related)))
            if finding.code == "ML301" and canonical is None and url:
                canonical, suggested = url, True
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
    environment = Environment(loader=PackageLoader("medlint", "templates"), autoescape=select_autoescape(["html"]))
    return environment.get_template("preview.html").render(
        story=story,
        rows=rows,
        head_findings=[named[id(finding)] for finding in story.head_findings],
        head_row=3,
        summaries={code: rule.summary.replace("``", "") for code, rule in RULES.items()},
        draft_name=name(doc.path),
        summary=f"{summary} from medlint check; each is shown beside the paragraph it concerns.",
        canonical=web_url(canonical),
        canonical_suggested=suggested,
        duplicates=duplicates,
        language=language or "en",
        version=__version__,
        nonce=secrets.token_urlsafe(18),
    )


class PreviewError(Exception):
    """A draft that cannot be previewed (it cannot be read); the message says why."""
