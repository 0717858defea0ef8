"""The draft rendered as its site renders it: Python-Markdown with the site's extensions (the MkDocs
family) or CommonMark (markdown-it-py), with the costs of a hostile draft bounded, then shaped
for Medium (:mod:`medlint.story.shape`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree as etree

from medlint.story.markup import CODE_BLOCK, html_escape, plain_text, without_silent_html
from medlint.story.shape import MediumShape

BASE_EXTENSIONS = ("tables", "footnotes", "fenced_code", "admonition", "def_list", "sane_lists")
"""What the story of a draft is rendered with where the site names no Python-Markdown extensions
(Hugo, Jekyll, Zola, a folder): what their Markdown does too."""


_READS_FILES = frozenset({"pymdownx.snippets", "pymdownx.b64"})
"""Extensions that read other files: never run on a draft (it could name any file)."""


def story_extensions(configured: Any) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The extensions a site renders with (MkDocs' ``markdown_extensions``, names and options) as
    the story is rendered: Python-Markdown's own and PyMdown's, installed, without those that read
    files; options medlint cannot read as data (python tags) left at their defaults. A name from
    elsewhere is not imported: the site's settings are untrusted input, and importing runs code."""
    from medlint.document.dialect import markdown_extensions
    from medlint.loaders import Tagged

    if not isinstance(configured, list) or not configured:  # fences anywhere, as in CommonMark, if it can
        fences = "pymdownx.superfences" if _installed("pymdownx.superfences") else "fenced_code"
        return [fences if name == "fenced_code" else name for name in BASE_EXTENSIONS], {}
    entries: dict[str, dict[str, Any]] = {}
    for name, options in markdown_extensions(configured).items():
        if name in _READS_FILES or not _known(name) or not _installed(name):
            continue
        options = options if isinstance(options, dict) else {}
        entries[name] = {key: value for key, value in options.items() if not _holds(value, Tagged)}
    return list(entries), {name: options for name, options in entries.items() if options}


def _known(name: str) -> bool:
    """Python-Markdown's own extensions (short or full name) and PyMdown Extensions."""
    short = name.removeprefix("markdown.extensions.")
    return name.startswith("pymdownx.") or (short.isidentifier() and short in _BUILT_IN)


_BUILT_IN = frozenset(
    {"abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes"}
    | {"legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc"}
    | {"wikilinks"}
)


@cache
def _installed(name: str) -> bool:
    """Whether Python-Markdown can load the extension ``name`` alone (asked once a process: a
    preview under ``mkdocs serve`` asks for every draft)."""
    import markdown

    try:
        markdown.Markdown(extensions=[name])
    except Exception:  # not installed, or it needs options only code can give
        return False
    return True


def _holds(value: Any, kind: type) -> bool:
    if isinstance(value, kind):
        return True
    if isinstance(value, dict):
        return any(_holds(item, kind) for item in value.values())
    if isinstance(value, list):
        return any(_holds(item, kind) for item in value)
    return False


class RenderError(Exception):
    """Python-Markdown cannot render the draft; the message says why."""


def render_python_markdown(body: str, drop_title: str, extensions: Any = None) -> list[tuple[str, str]]:
    """The body rendered as the site renders it, shaped for Medium: one (html, text) per block,
    blocks with nothing to show (a comment) left out. Raw HTML becomes the words it shows and a
    code block its text in ``<pre><code>``, escaped once: Medium drops tags, and a draft from a
    pull request must not run in the reader's browser."""
    import markdown

    body = _DEEP_TAB.sub(" " * 4 * MAX_TAB_DEPTH, body)
    names, configs = story_extensions(extensions)
    md = markdown.Markdown(extensions=names, extension_configs=configs, output_format="html")
    _bound_link_scans(md, LINK_SCAN_BUDGET * len(body) + LINK_SCAN_FLOOR)
    _bound_footnote_markers(md)
    shaper = MediumShape(drop_title)
    md.treeprocessors.register(_CodeInTree(md), "medium-code", -9)  # after Python-Markdown's unescape
    md.treeprocessors.register(shaper, "medium", -10)
    try:
        md.convert(body)
    except RecursionError:  # Python-Markdown recurses once per item of some constructs
        raise RenderError(
            "Python-Markdown cannot render it: its constructs nest or chain too deep "
            "(a few hundred definitions in a row do); the site cannot build it either"
        ) from None
    md.htmlStash.rawHtmlBlocks = [_stashed_as_story(block) for block in md.htmlStash.rawHtmlBlocks]
    restored = []
    for html in shaper.blocks:
        for processor in md.postprocessors:  # what Python-Markdown stashed, put back
            html = processor.run(html)
        restored.append(html)
    return _shown(restored)


def render_commonmark(body: str, drop_title: str) -> list[tuple[str, str]]:
    """The body as a CommonMark site renders it (markdown-it-py, with GFM tables and
    strikethrough, footnotes and definition lists), shaped for Medium like :func:`render_python_markdown`'s."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin).use(deflist_plugin)
    tokens = md.parse(body)
    pending = list(tokens)
    while pending:  # raw HTML as the words it shows
        token = pending.pop()
        pending.extend(token.children or [])
        if token.type in ("html_block", "html_inline"):
            text = html_escape(plain_text(without_silent_html(token.content)))
            token.content = f"<p>{text}</p>\n" if token.type == "html_block" and text.strip() else text
    root = _tree_of(md.renderer.render(tokens, md.options, {}))
    shaper = MediumShape(drop_title)
    shaper.run(root)
    return _shown(shaper.blocks)


def _shown(blocks: list[str]) -> list[tuple[str, str]]:
    """Each block's HTML and text, blocks with nothing to show (a comment) left out."""
    texts = [(html, plain_text(html)) for html in blocks]
    return [(html, text) for html, text in texts if text.strip() or "<img" in html]


_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _TreeOf(HTMLParser):
    """HTML (markdown-it's, well formed) as an element tree under one ``div``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = etree.TreeBuilder()
        self.builder.start("div", {})
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.start(tag, {name: value or "" for name, value in attrs})
        if tag in _VOID:
            self.builder.end(tag)
        else:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open:
                closed = self.open.pop()
                self.builder.end(closed)
                if closed == tag:
                    break

    def handle_data(self, data: str) -> None:
        self.builder.data(data)

    def close(self) -> None:
        super().close()
        while self.open:
            self.builder.end(self.open.pop())


def _tree_of(html: str) -> etree.Element:
    parser = _TreeOf()
    parser.feed(html)
    parser.close()
    parser.builder.end("div")
    return parser.builder.close()


MAX_TAB_DEPTH = 10
"""Content tabs nested deeper than this are rendered at this depth: pymdownx.tabbed's time grows
about 1.7 times with each level (22 levels: 0.9 s; 30: minutes), and no article nests ten."""


_DEEP_TAB = re.compile(rf"^ {{{4 * MAX_TAB_DEPTH + 1},}}(?====[!+]? )", re.MULTILINE)


LINK_SCAN_BUDGET = 64
"""Characters Python-Markdown's link patterns may scan, per character of the draft. Each ``[``
scans on to its paragraph's end when nothing closes it, so a paragraph of n unclosed brackets
costs n squared (10,000 ``[``: 9 s); no real draft spends a tenth of this budget."""


LINK_SCAN_FLOOR = 100_000
"""Characters any draft's link patterns may scan, however short it is."""


def _bound_link_scans(md: Any, budget: int) -> None:
    """Python-Markdown's link and reference patterns stop looking (the brackets stay text) once
    their scans have cost ``budget`` characters: the story of any draft is linear in its size."""
    from markdown.inlinepatterns import LinkInlineProcessor, ReferenceInlineProcessor

    left = [budget]
    for processor in md.inlinePatterns:
        if isinstance(processor, (LinkInlineProcessor, ReferenceInlineProcessor)):
            processor.handleMatch = _budgeted(processor.handleMatch, left)


FOOTNOTE_MARKER = re.compile(r"\[\^([^\]\[]{0,200})\]", re.DOTALL)
"""The footnotes extension's marker (``[^label]``) with a label of at most 200 characters and
no ``[``: its own pattern scans from every ``[^`` to the next ``]``, so a paragraph of n
unclosed markers costs n squared. No footnote a reader can follow has such a label."""


def _bound_footnote_markers(md: Any) -> None:
    if "footnote" in md.inlinePatterns:
        md.inlinePatterns["footnote"].compiled_re = FOOTNOTE_MARKER


def _budgeted(handle: Callable[..., Any], left: list[int]) -> Callable[..., Any]:
    def handle_match(found: re.Match[str], data: str) -> Any:
        if left[0] <= 0:
            return None, None, None
        element, start, end = handle(found, data)
        left[0] -= (end if element is not None else len(data)) - found.start(0)
        return element, start, end

    return handle_match


def _stashed_as_story(block: Any) -> str:
    """What Python-Markdown set aside (raw HTML, a highlighted code block) as the story shows it."""
    code = _code_text(block)
    if code is not None:
        return f"<pre><code>{html_escape(code)}</code></pre>"
    return html_escape(plain_text(without_silent_html(str(block))))


def _code_text(block: Any) -> str | None:
    """The text of a code block Python-Markdown set aside (fenced, highlighted), ending in a line
    break; None for anything else it set aside."""
    html = str(block)
    if not CODE_BLOCK.match(html):
        return None
    return plain_text(without_silent_html(html), spaced=False).strip("\n") + "\n"


_PLACEHOLDER = re.compile("^\x02wzxhzdk:(\\d+)\x03$")


class _CodeInTree:
    """A tree processor: the code blocks Python-Markdown set aside (a fenced or highlighted block is
    a placeholder paragraph until the end) back in the tree as ``<pre><code>``, their text only, so
    a list that holds one is seen to hold one."""

    def __init__(self, md: Any) -> None:
        self.md = md

    def run(self, root: etree.Element) -> None:
        _code_in_tree(root, self.md.htmlStash.rawHtmlBlocks)


def _code_in_tree(root: etree.Element, stash: list[Any]) -> None:
    from markdown.util import AtomicString

    for node in root.iter("p"):
        found = _PLACEHOLDER.match((node.text or "").strip()) if len(node) == 0 else None
        index = int(found.group(1)) if found is not None else len(stash)
        code = _code_text(stash[index]) if index < len(stash) else None
        if code is not None:
            node.tag, node.text = "pre", None
            etree.SubElement(node, "code").text = AtomicString(code)
