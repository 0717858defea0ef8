"""Dialects: a draft is read the way its site renders it.

MkDocs, ProperDocs and Zensical render with Python-Markdown and the site's ``markdown_extensions``;
the other generators' parsers (Hugo's goldmark, Zola's pulldown-cmark) and plain folders are close
to CommonMark, which markdown-it-py parses. To keep exact positions, the CommonMark parser stays,
and the body is first *prepared* line by line for a Python-Markdown site, with the line count
unchanged: what Python-Markdown reads differently is rewritten into what CommonMark reads the same
way, and the constructs it finds are recorded at their lines.

- lists nest by 4 spaces (Python-Markdown's tab length; ``mdx_truly_sane_lists``' ``nested_indent``
  when configured): a marker indented less is a sibling, so its indentation is rounded down;
- content tabs (``pymdownx.tabbed``: ``=== "Linux"``) lose their marker line and their body its
  4-space indentation, so the body is prose at its own lines; without the extension an indented
  body is a code block, as the site shows it;
- ``md_in_html`` blocks (``<div markdown>``) lose their opening and closing tag lines, so what is
  inside is Markdown;
- ``$$`` math blocks (``pymdownx.arithmatex``, and for CommonMark readers, as markdownlint reads
  them) are blanked: no link or word in a formula is prose;
- in an MDX file (Astro, Docusaurus), ``import``/``export`` statements and JSX blocks (a component
  such as ``<Tabs>``, a fragment, a ``{expression}``) are blanked: code, never prose. Each JSX
  block is recorded once as raw HTML; closing tags and ``{/* comments */}`` are not.

The parser maps every position back to the file by finding each parsed line in the original one,
so a line that lost its indentation still reports its own columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from medlint.document.linksyntax import LinkSyntax, Reference, reference_in
from medlint.document.model import Construct, ConstructKind

_LIST_MARKER = re.compile(r"^( +)([-*+]|\d{1,9}[.)])([ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TAB = re.compile(r'^( *)===[!+]?[ \t]+"([^"\n]*)"')
_MD_IN_HTML = re.compile(r"^ *<([A-Za-z][\w-]*)\b[^>]*\bmarkdown(?:\s*=\s*[\"']?(?:1|block|span)[\"']?)?[^>]*>\s*$")
_MATH_FENCE = re.compile(r"^ {0,3}\$\$")
_COMMENT_THEN_TEXT = re.compile(r"^ {0,3}<!--(?!\s*medlint-).*?-->[ \t]*(\S.*)$")
_COMMENT_LINE = re.compile(r"^ {0,3}<!--(?!\s*medlint-).*-->\s*$")
_ESM = re.compile(r"^(?:import|export)\b")
_JSX = re.compile(r"^( {0,3})(?:<([A-Z][\w.:-]*)|<(>)|(</)|\{(/\*)?)")


@dataclass(frozen=True)
class Dialect:
    """How a site's Markdown is read: Python-Markdown with ``extensions`` (short names, such as
    ``tabbed`` for ``pymdownx.tabbed``), or CommonMark."""

    python_markdown: bool = False
    extensions: frozenset[str] = frozenset()
    #: spaces that make a list item a child of the one above
    nested_indent: int = 4
    #: the generator's own link syntaxes (Hugo's ``ref``, Jekyll's ``post_url``, Zola's ``@/``)
    link_syntaxes: tuple[LinkSyntax, ...] = ()
    #: MDX (a ``.mdx`` file): ``import``/``export`` and JSX blocks are code, not Markdown
    mdx: bool = False

    def has(self, name: str) -> bool:
        return name in self.extensions

    def reference_in(self, target: str) -> Reference | None:
        """The generator reference a link's destination is written as, if any."""
        return reference_in(target, self.link_syntaxes)

    @classmethod
    def of_markdown_extensions(cls, configured: Any) -> Dialect:
        """The dialect of a site whose ``markdown_extensions`` are ``configured`` (MkDocs' list of
        names or of ``{name: options}``)."""
        names = markdown_extensions(configured)
        short = frozenset(name.rsplit(".", 1)[-1].removeprefix("mdx_") for name in names)
        indent = 4
        for name, value in names.items():
            if name.endswith("truly_sane_lists") and isinstance(value, dict):
                indent = int(value.get("nested_indent", 2)) if str(value.get("nested_indent", 2)).isdigit() else 2
            elif name.endswith("truly_sane_lists"):
                indent = 2
        return cls(True, short, indent)


COMMONMARK = Dialect()


def markdown_extensions(configured: Any) -> dict[str, Any]:
    """MkDocs' ``markdown_extensions`` as written (a list of names and of ``{name: options}``, or
    one of them) as name -> options (``{}`` where none are given)."""
    names: dict[str, Any] = {}
    for entry in configured if isinstance(configured, list) else [configured] if configured else []:
        if isinstance(entry, str):
            names[entry] = {}
        elif isinstance(entry, dict):
            names.update({str(key): value or {} for key, value in entry.items()})
    return names


def prepare(lines: list[str], dialect: Dialect) -> tuple[list[str], list[Construct]]:
    """The body's lines as the CommonMark parser should see them to read what the site renders,
    and the constructs found on the way (their line numbers 1-based within ``lines``)."""
    constructs: list[Construct] = []
    if dialect.mdx:
        lines = blank_mdx(lines, constructs)
    if not dialect.python_markdown:
        return _blank_math(lines, constructs)
    out = list(lines)
    fence: str | None = None
    fence_depth = 0  # how many tabs hold the open fence: it ends with the innermost of them
    tabs: list[int] = []  # the body indent of each tab holding the line, outermost first
    groups: list[int | None] = [None]  # at each depth, the marker indent of the tab group open there
    html: list[list[Any]] = []  # each md_in_html block open: [tag name, same tags open inside it]
    for index, line in enumerate(out):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if stripped:
            while tabs and indent < tabs[-1]:
                tabs.pop()
                del groups[len(tabs) + 1 :]
                if fence is not None and fence_depth > len(tabs):
                    _close_fence(out, index, fence)  # an unclosed fence ends with its tab, as in Python-Markdown
                    fence = None
        tab = _TAB.match(line) if dialect.has("tabbed") and fence is None and stripped else None
        if tab is not None:
            depth = len(tabs)
            if groups[depth] != indent:  # the first tab of a group, at this depth: one finding
                constructs.append(Construct(ConstructKind.TABS, index + 1, indent + 1, f'=== "{tab.group(2)}"'))
            groups[depth] = indent
            tabs.append(indent + 4)
            groups.append(None)
            out[index] = ""
            continue
        if tabs and stripped:
            line = line[tabs[-1] :]  # a tab's body, read as if it were not indented
            out[index] = line
            stripped = line.lstrip(" ")
            indent = len(line) - len(stripped)
        if stripped and not (tabs and indent >= 4) and fence is None:
            groups[len(tabs)] = None  # content at a group's own level ends the group
        fenced = _FENCE.match(line)
        if fence is not None:
            if fenced and fenced.group(1)[0] == fence[0] and len(fenced.group(1)) >= len(fence):
                fence = None
            continue
        if fenced:
            fence, fence_depth = fenced.group(1), len(tabs)
            continue
        if dialect.has("md_in_html") and _in_html_block(line, stripped, indent, html, constructs, index):
            out[index] = ""
            continue
        comment = _COMMENT_THEN_TEXT.match(line)
        if comment is not None:
            out[index] = comment.group(1)  # Python-Markdown keeps the comment and reads the rest
            continue
        if dialect.has("def_list") and _COMMENT_LINE.match(line) and _is_definition(lines, index + 1):
            out[index] = "\u00a0"  # a comment as a definition's term (Material's option lists)
            continue
        marker = _LIST_MARKER.match(line)
        if marker is not None and dialect.nested_indent != 2:
            levels = len(marker.group(1)) // dialect.nested_indent
            out[index] = " " * (levels * 4) + line.lstrip(" ")
    if dialect.has("arithmatex"):
        return _blank_math(out, constructs)
    return out, constructs


def _in_html_block(
    line: str, stripped: str, indent: int, html: list[list[Any]], constructs: list[Construct], index: int
) -> bool:
    """md_in_html: whether ``line`` opens or closes a ``<div markdown>`` block (the line is then
    not Markdown); a tag of the same name opened inside it must close before the block does."""
    opening = _MD_IN_HTML.match(line)
    if opening is not None:
        constructs.append(Construct(ConstructKind.HTML, index + 1, indent + 1, f"<{opening.group(1)} markdown>"))
        html.append([opening.group(1).lower(), 0])
        return True
    if not html:
        return False
    name, inner = html[-1]
    if inner == 0 and stripped.lower().startswith(f"</{name}") and stripped.rstrip().endswith(">"):
        html.pop()
        return True
    opened = len(re.findall(rf"<{name}\b(?![^>]*/>)", line, re.IGNORECASE))
    closed = len(re.findall(rf"</{name}\s*>", line, re.IGNORECASE))
    html[-1][1] = max(inner + opened - closed, 0)
    return False


def _is_definition(lines: list[str], index: int) -> bool:
    """Whether a definition (``:`` and a space, def_list's marker) starts at ``index`` or after
    one blank line."""
    if index < len(lines) and not lines[index].strip():
        index += 1
    return index < len(lines) and re.match(r"^ {0,3}:[ \t]+\S", lines[index]) is not None


def _close_fence(out: list[str], index: int, fence: str) -> None:
    """Close a fence its tab left open, on the blank line just before ``index`` (the line count stays)."""
    if index > 0 and not out[index - 1].strip():
        out[index - 1] = fence


def blank_mdx(lines: list[str], constructs: list[Construct]) -> list[str]:
    """An MDX body with its ``import``/``export`` statements and JSX blocks blanked, up to the
    blank line that ends each (as MDX reads them), each JSX block but a closing tag or a comment
    recorded as raw HTML; code fences are left alone."""
    out = list(lines)
    fence: str | None = None
    inside = False  # the line continues a statement or a JSX block
    for index, line in enumerate(lines):
        fenced = _FENCE.match(line)
        if fence is not None:
            if fenced and fenced.group(1)[0] == fence[0] and len(fenced.group(1)) >= len(fence):
                fence = None
            continue
        if not line.strip():
            inside = False
            continue
        at_start = index == 0 or not lines[index - 1].strip()
        jsx = _JSX.match(line) if at_start and not inside else None
        if inside or (at_start and _ESM.match(line)) or jsx is not None:
            if jsx is not None and not (jsx.group(4) or jsx.group(5)):
                name = jsx.group(2) or ("<>" if jsx.group(3) else "{expression}")
                detail = f"<{name}>" if jsx.group(2) else name
                constructs.append(Construct(ConstructKind.HTML, index + 1, len(jsx.group(1)) + 1, detail))
            out[index] = ""
            inside = True
        elif fenced:
            fence = fenced.group(1)
    return out


def _blank_math(lines: list[str], constructs: list[Construct]) -> tuple[list[str], list[Construct]]:
    """``$$`` ... ``$$`` blocks blanked (a formula is not prose), each recorded once."""
    out = list(lines)
    start: int | None = None
    fence: str | None = None
    for index, line in enumerate(lines):
        fenced = _FENCE.match(line) if start is None else None
        if fence is not None or fenced:
            if fence is None:
                fence = fenced.group(1)  # type: ignore[union-attr]
            elif fenced and fenced.group(1)[0] == fence[0] and len(fenced.group(1)) >= len(fence):
                fence = None
            continue
        if not _MATH_FENCE.match(line):
            if start is not None:
                out[index] = ""
            continue
        if start is None:
            constructs.append(Construct(ConstructKind.MATH, index + 1, line.index("$$") + 1, "$$ math block"))
            if line.strip() != "$$" and line.rstrip().endswith("$$") and len(line.strip()) > 4:
                out[index] = ""  # a one-line block
                continue
            start = index
        else:
            start = None
        out[index] = ""
    return out, constructs
