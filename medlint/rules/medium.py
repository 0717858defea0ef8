"""Medium compatibility rules (ML401-ML406): what Medium cannot render or import.

Medium's editor has paragraphs, two heading sizes, flat lists, quotes, code blocks, images and
links; everything else is dropped or flattened on import or paste.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from medlint.context import Context
from medlint.document import Document
from medlint.findings import Problem, Severity
from medlint.rules.base import NoOptions, rule


def _constructs(doc: Document, *kinds: str) -> Iterator[tuple[int, int, str, str]]:
    for construct in doc.constructs:
        if construct.kind in kinds:
            yield construct.line, construct.column, construct.kind, construct.detail


@rule("ML401", "medium-table", Severity.WARNING)
def medium_table(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A table (Medium has none).

    Why: Medium pastes a Markdown table as run-together lines of text. Make it an image (with alt
    text), a list, or a code block for tabular data.
    """
    for line, column, _, _ in _constructs(doc, "table"):
        yield Problem(
            line, column, "Medium has no tables and runs the cells together; use an image, a list or a code block"
        )


@dataclass(frozen=True)
class HeadingLevelOptions:
    max_level: int = 2
    """Medium shows two heading sizes: ``#`` and ``##`` by default."""


@rule("ML402", "medium-heading-level", Severity.WARNING, HeadingLevelOptions)
def medium_heading_level(doc: Document, context: Context, options: HeadingLevelOptions) -> Iterator[Problem]:
    """A heading deeper than Medium renders.

    Why: Medium has two heading sizes; deeper headings come out as plain paragraphs or all at the
    same size, losing the outline. Use ``##`` or a bold lead-in sentence.

    Options: max_level (default 2).
    """
    for heading in doc.headings:
        if heading.level > options.max_level:
            yield Problem(
                heading.line,
                1,
                f"Heading level {heading.level} ({'#' * heading.level}): Medium shows only "
                f"{options.max_level} heading levels; use {'#' * options.max_level} or a bold sentence",
            )


@rule("ML403", "medium-nested-list", Severity.WARNING)
def medium_nested_list(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A nested list (Medium flattens them).

    Why: Medium lists have one level; nested items become siblings of their parent, and the
    structure is lost. Split into two lists or write the sub-points as a sentence.
    """
    for line, column, _, _ in _constructs(doc, "nested-list"):
        yield Problem(line, column, "Medium flattens nested lists into one level; split the list or use a sentence")


@rule("ML404", "medium-raw-html", Severity.WARNING)
def medium_raw_html(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """Raw HTML (block or inline) that Medium drops. Comments and medlint directives are fine.

    Why: Medium neither renders nor keeps HTML tags from Markdown; their content may vanish or
    show as literal tags. Write it in Markdown. (``<details>`` is ML406's.)
    """
    for line, column, _, detail in _constructs(doc, "html"):
        yield Problem(line, column, f"Raw HTML {detail} is dropped by Medium; write it in Markdown")


@rule("ML405", "medium-footnote", Severity.WARNING)
def medium_footnote(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A footnote (reported once, at its first reference, or at its definition if never referenced).

    Why: Medium has no footnotes; ``[^1]`` shows literally and the note lands at the end without a
    link back. Put the note in parentheses, or link the source inline.
    """
    for line, column, _, label in _constructs(doc, "footnote"):
        yield Problem(
            line,
            column,
            f"Footnote [^{label}]: Medium has no footnotes; put the note in parentheses or link the source inline",
        )


_UNSUPPORTED = {
    "task-list": "Task list checkboxes show as literal [ ] on Medium; use a plain list",
    "definition-list": "Definition lists are flattened by Medium; use bold terms followed by sentences",
    "math": "Math is not rendered by Medium; use an image of the formula or plain text",
    "admonition": "Admonitions ({detail}) are not rendered by Medium; use a blockquote",
    "attr-list": "Attribute list {detail} shows literally on Medium; remove it",
    "snippet": "MkDocs snippet includes (--8<--) are not expanded on Medium; paste the content in",
    "details": "Collapsible {detail} blocks are dropped by Medium; show the content plainly",
    "template": "Template tag {detail} is not expanded on Medium and shows as typed; put in what it produces",
}


@rule("ML406", "medium-unsupported-syntax", Severity.WARNING)
def medium_unsupported_syntax(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """Other syntax Medium cannot render: task lists, definition lists, math, admonitions
    (``!!!``/``???``), attribute lists (``{: ...}``), MkDocs snippets, ``<details>``, and lines
    that open with a template tag (``{{image "chart.png"}}``, ``{% include "x.md" %}``).

    Why: these come from MkDocs extensions and site generators; on Medium they show as literal
    markup or disappear.
    """
    for line, column, kind, detail in _constructs(doc, *_UNSUPPORTED):
        yield Problem(line, column, _UNSUPPORTED[kind].format(detail=detail))
