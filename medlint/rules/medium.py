"""Compatibility rules (ML401-ML406): what the draft's target platforms cannot render.

Medium's editor has paragraphs, two heading sizes, flat lists, quotes, code blocks, images and
links; everything else is dropped or flattened on import or paste. dev.to and Hashnode take more
(tables, nested lists). Each rule judges the draft for each of its targets (``targets``,
``--target``, or the draft's own front matter ``targets``), and a finding names the targets it
applies to: a table is an ML401 for Medium and nothing for dev.to. What a platform is not
documented to render or not (:mod:`medlint.targets`) is judged for no one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from medlint.context import Context
from medlint.document import ConstructKind, Document
from medlint.findings import Problem, Severity
from medlint.options import option
from medlint.rules.base import NoOptions, rule
from medlint.targets import Platform, named


def lacking(doc: Document, context: Context, kind: ConstructKind) -> list[Platform]:
    """The draft's targets known not to render ``kind``."""
    return [found for found in context.platforms_of(doc) if found.lacks(kind)]


def _has(found: list[Platform]) -> str:
    return f"{named(found)} {'has' if len(found) == 1 else 'have'}"


@rule("ML401", "medium-table", Severity.WARNING)
def medium_table(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A table, for a target without tables (Medium).

    Why: Medium pastes a Markdown table as run-together lines of text. Make it an image (with alt
    text), a list, or a code block for tabular data.

    Bad:  | tool | time |  (a Markdown table)
    Good: a list: "medlint: 2.1 s; markdownlint-cli2: 7.5 s", or an image of the table with alt text.
    """
    found = lacking(doc, context, ConstructKind.TABLE)
    for table in doc.constructs_of(ConstructKind.TABLE) if found else ():
        yield Problem(
            table.line,
            table.column,
            f"{_has(found)} no tables and {'runs' if len(found) == 1 else 'run'} the cells together; "
            "use an image, a list or a code block",
        )


@dataclass(frozen=True)
class HeadingLevelOptions:
    max_level: int = option(2, "Medium shows two heading sizes: # and ## by default (dev.to and Hashnode show six).")


@rule("ML402", "medium-heading-level", Severity.WARNING, HeadingLevelOptions)
def medium_heading_level(doc: Document, context: Context, options: HeadingLevelOptions) -> Iterator[Problem]:
    """A heading deeper than a target renders (Medium: two levels).

    Why: Medium has two heading sizes; deeper headings come out as plain paragraphs or all at the
    same size, losing the outline. Use ``##`` or a bold lead-in sentence.

    Bad:  ### Installing on Windows
    Good: ## Installing on Windows
    """
    targets = context.platforms_of(doc)
    for heading in doc.headings:
        found = [item for item in targets if heading.level > _deepest(item, options)]
        if found:
            deepest = min(_deepest(item, options) for item in found)
            yield Problem(
                heading.line,
                1,
                f"Heading level {heading.level} ({'#' * heading.level}): {named(found)} "
                f"{'shows' if len(found) == 1 else 'show'} only {deepest} heading levels; "
                f"use {'#' * deepest} or a bold sentence",
            )


def _deepest(target: Platform, options: HeadingLevelOptions) -> int:
    """The deepest heading a target shows: ``max_level`` for Medium, the platform's own for others."""
    return options.max_level if target.name == "medium" else target.heading_levels


@rule("ML403", "medium-nested-list", Severity.WARNING)
def medium_nested_list(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A nested list, for a target that flattens them (Medium).

    Why: Medium lists have one level; nested items become siblings of their parent, and the
    structure is lost. Split into two lists or write the sub-points as a sentence.

    Bad:  - Linux
              - Debian
    Good: - Linux (Debian, Fedora)
    """
    found = lacking(doc, context, ConstructKind.NESTED_LIST)
    for nested in doc.constructs_of(ConstructKind.NESTED_LIST) if found else ():
        verb = "flattens" if len(found) == 1 else "flatten"
        yield Problem(
            nested.line,
            nested.column,
            f"{named(found)} {verb} nested lists into one level; split the list or use a sentence",
        )


@rule("ML404", "medium-raw-html", Severity.WARNING)
def medium_raw_html(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """Raw HTML (block or inline), for a target that drops it (Medium; dev.to keeps it).
    Comments and medlint directives are fine.

    Why: Medium neither renders nor keeps HTML tags from Markdown; their content may vanish or
    show as literal tags. Write it in Markdown. (``<details>`` is ML406's.)

    Bad:  <div class="note">Back up first.</div>
    Good: > Back up first.
    """
    found = lacking(doc, context, ConstructKind.HTML)
    for html in doc.constructs_of(ConstructKind.HTML) if found else ():
        yield Problem(
            html.line, html.column, f"Raw HTML {html.detail} is dropped by {named(found)}; write it in Markdown"
        )


@rule("ML405", "medium-footnote", Severity.WARNING)
def medium_footnote(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A footnote, for a target without footnotes (Medium); reported once, at its first reference,
    or at its definition if never referenced.

    Why: Medium has no footnotes; ``[^1]`` shows literally and the note lands at the end without a
    link back. Put the note in parentheses, or link the source inline.

    Bad:  It is fast.[^bench]
    Good: It is fast (see [the benchmark](https://example.com/bench/)).
    """
    found = lacking(doc, context, ConstructKind.FOOTNOTE)
    for footnote in doc.constructs_of(ConstructKind.FOOTNOTE) if found else ():
        yield Problem(
            footnote.line,
            footnote.column,
            f"Footnote [^{footnote.detail}]: {_has(found)} no footnotes; put the note in parentheses or link the source inline",
        )


_UNSUPPORTED = {
    ConstructKind.TASK_LIST: "Task list checkboxes show as literal [ ] on Medium; use a plain list",
    ConstructKind.DEFINITION_LIST: "Definition lists are flattened by Medium; use bold terms followed by sentences",
    ConstructKind.MATH: "Math is not rendered by Medium; use an image of the formula or plain text",
    ConstructKind.ADMONITION: "Admonitions ({detail}) are not rendered by Medium; use a blockquote",
    ConstructKind.ATTR_LIST: "Attribute list {detail} shows literally on Medium; remove it",
    ConstructKind.SNIPPET: "MkDocs snippet includes (--8<--) are not expanded on Medium; paste the content in",
    ConstructKind.DETAILS: "Collapsible {detail} blocks are dropped by Medium; show the content plainly",
    ConstructKind.TEMPLATE: "Template tag {detail} is not expanded on Medium and shows as typed; put in what it produces",
    ConstructKind.TABS: "Content tabs ({detail}) are not rendered by Medium; show each tab's content in turn under a bold label",
    ConstructKind.EMOJI: "Emoji or icon shortcode {detail} shows as typed on Medium; type the emoji itself or drop it",
    ConstructKind.ABBREVIATION: "Abbreviation definition {detail} shows as a line of text on Medium; spell the term out once",
    ConstructKind.KEYS: "Key markup {detail} shows as typed on Medium; write the keys as text, like Ctrl+C",
    ConstructKind.CRITIC: "Critic markup {detail} shows as typed on Medium; accept or reject the change first",
    ConstructKind.MARK: "Highlight markup {detail} shows as typed on Medium; use bold or italics",
    ConstructKind.INSERT: "Insert markup {detail} shows as typed on Medium; use plain text",
    ConstructKind.CODE_ANNOTATION: "Code annotation {detail} shows as a literal comment on Medium; explain the line in the text",
}


@rule("ML406", "medium-unsupported-syntax", Severity.WARNING)
def medium_unsupported_syntax(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """Other syntax a target cannot render (for Medium, all of it): task lists (once a list), definition lists, math,
    admonitions (``!!!``) and collapsible blocks (``???``), content tabs (``=== "Linux"``),
    attribute lists (``{: ...}``, ``{ .md-button }``), MkDocs snippets, ``<details>``, lines that
    open with a template tag (``{{image "chart.png"}}``, ``{% include "x.md" %}``), and, where the
    site's ``markdown_extensions`` turn them on, emoji shortcodes, abbreviations, keys
    (``++ctrl+c++``), critic, mark (``==x==``) and insert (``^^x^^``) markup, and code annotations.
    Each construct is reported once, at its first line. Syntax whose extension the site does not
    configure is plain text on the site too, and is not reported.

    Why: these come from MkDocs extensions and site generators; on Medium they show as literal
    markup or disappear.

    Bad:  !!! note
              Back up first.
    Good: > **Note:** back up first.
    """
    for construct in doc.constructs_of(*_UNSUPPORTED):
        found = lacking(doc, context, construct.kind)
        if found:
            message = _UNSUPPORTED[construct.kind].replace("Medium", "{targets}")
            yield Problem(
                construct.line, construct.column, message.format(detail=construct.detail, targets=named(found))
            )
