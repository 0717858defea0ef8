"""Where a link's destination is written in the file: the span a fix rewrites.

The model keeps a link's target as the parser normalized it; a fix must replace the characters the
writer typed. This finds them in the link's source (``[text](dest "title")``, ``<dest>``,
``<a href="dest">``) or, for a reference link, in its definition (``[label]: dest``), and checks
the result against the file's line, so that a position that cannot be trusted (a destination
split over lines, a link inside a container whose prefix the parser removed) gives no span at
all rather than a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from medlint.document.model import Document, Link

_HTML_ATTRIBUTE = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_DEFINITION = re.compile(r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)")


@dataclass(frozen=True, slots=True)
class Destination:
    """The destination as written: on ``line``, from ``column`` up to ``end_column``; ``shared``
    when it is a reference definition that other links use too (rewriting it changes them all)."""

    line: int
    column: int
    end_column: int
    text: str
    shared: bool = False


def destination_of(doc: Document, link: Link) -> Destination | None:
    """The span of ``link``'s destination in the file, or ``None`` where it cannot be known for sure."""
    source = link.source
    if link.kind == "autolink":
        return _checked(doc, link, 1, source[1:-1]) if source.startswith("<") and source.endswith(">") else None
    if link.kind == "html":
        if not source:  # an inline <a>: its tag starts at the link's position
            source = doc.lines[link.line - 1][link.column - 1 :] if 0 < link.line <= len(doc.lines) else ""
        found = _HTML_ATTRIBUTE.search(source)
        if found is None:
            return None
        group = next(number for number in (1, 2, 3) if found.group(number) is not None)
        return _checked(doc, link, found.start(group), found.group(group))
    label_end = _label_end(source, _opening(link))
    if label_end is None:
        return None
    if source[label_end + 1 : label_end + 2] == "(":
        return _inline(doc, link, source, label_end + 2)
    return _reference(doc, _reference_label(link, label_end))


def label_of(doc: Document, link: Link) -> Destination | None:
    """The span of a Markdown link's text as written (``[text]``, without the brackets), or
    ``None`` where it cannot be known for sure (a text over lines, an HTML or auto link)."""
    if link.kind != "link" or not link.source.startswith("["):
        return None
    label_end = _label_end(link.source, 1)
    return _checked(doc, link, 1, link.source[1:label_end]) if label_end is not None else None


def _opening(link: Link) -> int:
    """Where a link's text starts in its source: after ``[``, or ``![`` for an image."""
    return 2 if link.kind == "image" else 1


def _reference_label(link: Link, label_end: int) -> str:
    """The label a reference link (``[text][label]``, ``[text][]``, ``[text]``) names."""
    source, opening = link.source, _opening(link)
    if source[label_end + 1 : label_end + 2] == "[":
        closing = source.find("]", label_end + 2)
        label = source[label_end + 2 : closing] if closing > 0 else ""
        return label or source[opening:label_end]
    return source[opening:label_end]


def _label_end(source: str, start: int) -> int | None:
    """The index of the ``]`` that closes the link text opened before ``start``."""
    depth, index = 1, start
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def _inline(doc: Document, link: Link, source: str, start: int) -> Destination | None:
    while start < len(source) and source[start] in " \t":
        start += 1
    if source[start : start + 1] == "<":
        end = source.find(">", start)
        return _checked(doc, link, start + 1, source[start + 1 : end]) if end > 0 else None
    if link.target[:2] in ("{{", "{%") and source.startswith(link.target, start):
        return _checked(doc, link, start, link.target)  # a generator's link, spaces and all, as written
    depth, index = 0, start
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char in " \t\n":
            break
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        index += 1
    return _checked(doc, link, start, source[start:index]) if index > start else None


def _reference(doc: Document, label: str) -> Destination | None:
    """The destination of the definition of ``label`` (the first, or the last where the site's
    Markdown takes the last), and whether other links use it too."""
    key = _label_key(label)
    if not key:
        return None
    definitions, users = _references(doc)
    found = definitions.get(key)
    return replace(found, shared=users.get(key, 0) > 1) if found is not None else None


def _references(doc: Document) -> tuple[dict[str, Destination], dict[str, int]]:
    """Every reference definition by label, and how many links use each label: worked out once a
    document (a draft of n reference links costs n, not n squared)."""
    known = doc.derived.get("references")
    if known is None:
        definitions: dict[str, Destination] = {}
        for number, line in enumerate(doc.lines[doc.body_start :], start=doc.body_start + 1):
            match = _DEFINITION.match(line)
            if match is None:
                continue
            key = _label_key(match.group(1))
            if key in definitions and not doc.last_definition_wins:
                continue
            text, column = match.group(2), match.start(2) + 1
            if text.startswith("<"):
                text, column = text[1:-1], column + 1
            definitions[key] = Destination(number, column, column + len(text), text)
        users: dict[str, int] = {}
        for link in doc.links:
            used = _used_label(link)
            if used is not None:
                users[used] = users.get(used, 0) + 1
        known = doc.derived["references"] = (definitions, users)
    return known  # type: ignore[no-any-return]


def _used_label(link: Link) -> str | None:
    """The label of the definition a reference link uses, or ``None`` for any other link."""
    if link.kind not in ("link", "image"):
        return None
    label_end = _label_end(link.source, _opening(link))
    if label_end is None or link.source[label_end + 1 : label_end + 2] == "(":
        return None
    return _label_key(_reference_label(link, label_end))


def _label_key(label: str) -> str:
    return " ".join(label.split()).casefold()


def _checked(doc: Document, link: Link, offset: int, text: str) -> Destination | None:
    """``text`` at ``offset`` in the link's source, as a file position, if the file says so."""
    if not text or "\n" in link.source[:offset] or "\n" in text:
        return None
    column = link.column + offset
    line = doc.lines[link.line - 1] if 0 < link.line <= len(doc.lines) else ""
    if line[column - 1 : column - 1 + len(text)] != text:
        return None
    return Destination(link.line, column, column + len(text), text)
