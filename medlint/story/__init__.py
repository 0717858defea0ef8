"""The story Medium gets: the draft after its safe fixes and its generator's shortcodes, rendered
as its site renders it (:mod:`~medlint.story.render`), reshaped into what Medium can show
(:mod:`~medlint.story.shape`), each block with the source lines it came from and its findings."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medlint.document import Document
from medlint.document.dialect import blank_mdx
from medlint.findings import Finding
from medlint.fixes import choose, rewrite
from medlint.similarity.text import words_of
from medlint.story.render import RenderError, render_commonmark, render_python_markdown


@dataclass
class Block:
    """A top-level element of the story, the source lines it came from, and its findings."""

    html: str
    line: int
    end_line: int
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Story:
    title: str
    subtitle: str | None
    blocks: list[Block]
    #: findings that concern no paragraph of the body (front matter, the title)
    head_findings: list[Finding]


@dataclass(frozen=True)
class Rendering:
    """How the draft's site renders it, as the story needs it: the Python-Markdown ``extensions``
    it renders with (MkDocs' ``markdown_extensions``; None: the common ones) or CommonMark, and
    what its generator makes of its shortcodes or tags (``expand``, text to text, line for line)."""

    extensions: Any = None
    expand: Callable[[str], str] = str
    #: the site's Markdown is CommonMark's (Hugo's goldmark, Zola, Jekyll's GFM, a plain folder),
    #: rendered with markdown-it-py and its tables, strikethrough, footnotes and definition lists
    commonmark: bool = False


def story_of(doc: Document, data: bytes, findings: list[Finding], rendering: Rendering = Rendering()) -> Story:
    """The draft (``data``, its bytes as read) as Medium gets it, rendered as its site renders it
    (``rendering``), its findings placed beside the block that holds their line."""
    plan = choose(findings, unsafe=False).get(doc.path)
    fixed = rewrite(data, plan.edits) if plan is not None else data  # safe fixes change no line count
    text = fixed.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    title = doc.title[0] if doc.title else Path(doc.path).stem.replace("-", " ").capitalize()
    subtitle = doc.front_matter.text("subtitle") or doc.front_matter.text("description")
    body = rendering.expand("\n".join(lines[doc.body_start :])).split("\n")
    if doc.path.lower().endswith(".mdx"):
        body = blank_mdx(body, [])  # statements and JSX are code Medium never shows
    try:
        rendered = (
            render_commonmark("\n".join(body), drop_title=title)
            if rendering.commonmark
            else render_python_markdown("\n".join(body), drop_title=title, extensions=rendering.extensions)
        )
    except RenderError as exc:
        raise PreviewError(str(exc)) from None
    starts = _starts(rendered, lines[: doc.body_start] + body, doc.body_start)
    blocks = [
        Block(html, start, max(start, starts[index + 1] - 1) if index + 1 < len(starts) else len(lines))
        for index, ((html, _), start) in enumerate(zip(rendered, starts, strict=True))
    ]
    head: list[Finding] = []
    for finding in findings:
        owner = next((block for block in reversed(blocks) if block.line <= finding.line), None)
        (head if owner is None else owner.findings).append(finding)
    return Story(title, subtitle, blocks, head)


def _starts(rendered: list[tuple[str, str]], lines: list[str], body_start: int) -> list[int]:
    """The source line each rendered block starts at: the next line, after the previous block's,
    that begins with the block's first words or holds them (a tab's label, an admonition's title,
    a list item after its marker); a block no line shows keeps its predecessor's line. Only lines
    holding the block's first word are tried, a bounded number of them: linear in the draft."""
    from bisect import bisect_left

    words = [words_of(_LIST_MARKER.sub("", line, count=1)) for line in lines]
    holding: dict[str, list[int]] = {}
    for index in range(body_start, len(lines)):
        for word in dict.fromkeys(words[index]):
            holding.setdefault(word, []).append(index)
    starts: list[int] = []
    cursor = body_start
    for _, text in rendered:
        key = words_of(_LIST_MARKER.sub("", text.lstrip(), count=1))[:2]
        candidates = holding.get(key[0], []) if key else []
        first = bisect_left(candidates, cursor)
        tried = candidates[first : first + _TRIED_LINES]
        found = next((index for index in tried if _holds_words(words[index], key)), None)
        if found is None:
            starts.append(starts[-1] if starts else body_start + 1)
        else:
            starts.append(found + 1)
            cursor = found + 1
    return starts


_TRIED_LINES = 64
"""Lines holding a block's first word tried as its start (a block is found at the first, but for
a word its predecessors' lines repeat)."""


_LIST_MARKER = re.compile(r"^\s*\d+[.)]\s+")


def _holds_words(line: list[str], key: list[str]) -> bool:
    """``line`` holds the words of ``key``, or ends where they begin (``!!! note "Careful"`` for an
    admonition whose body follows its title, ``- top`` for a list)."""
    if not key or not line:
        return False
    if any(line[index : index + len(key)] == key for index in range(len(line) - len(key) + 1)):
        return True
    return any(line[-size:] == key[:size] for size in range(1, min(len(line), len(key)) + 1))


class PreviewError(Exception):
    """A draft that cannot be previewed (it cannot be read, or rendered); the message says why."""
