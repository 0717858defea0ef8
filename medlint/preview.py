"""``medlint preview``: one self-contained HTML page with the draft as Medium will get it (in its one
``<article>``), every finding of ``medlint check`` beside the block it concerns, and the passages a
duplicate repeats side by side.

The story is the draft after the safe fixes of ``--fix`` (published absolute URLs) and its
generator's shortcodes or tags, rendered as its site renders it (Python-Markdown with the site's
extensions for the MkDocs family, CommonMark for the others) and then reshaped into what Medium
can show: title and subtitle, two heading levels, flat lists, tables as text, footnotes inlined,
tabs as labelled sections, admonitions as block quotes, math as its source, code as its text. Raw
HTML becomes the words it shows (Medium drops tags, and a draft from a pull request must not run
in the reader's browser); a link or image that is not an absolute web address keeps its text only.
The page loads nothing from outside and works with scripts off; the one script is the "Copy for
Medium" button.
"""

from __future__ import annotations

import difflib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as etree

from markdown.serializers import to_html_string

from medlint.document import Document
from medlint.findings import Finding, Namer, Related, Severity
from medlint.fixes import choose, rewrite
from medlint.urls import web_url

_ABSOLUTE = re.compile(r"^(?:https?:|mailto:)", re.IGNORECASE)
_WORD = re.compile(r"\w+", re.UNICODE)


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
    rendered = (
        _render_commonmark("\n".join(body), drop_title=title)
        if rendering.commonmark
        else _render("\n".join(body), drop_title=title, extensions=rendering.extensions)
    )
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

    words = [_normal(_LIST_MARKER.sub("", line, count=1)).split() for line in lines]
    holding: dict[str, list[int]] = {}
    for index in range(body_start, len(lines)):
        for word in dict.fromkeys(words[index]):
            holding.setdefault(word, []).append(index)
    starts: list[int] = []
    cursor = body_start
    for _, text in rendered:
        key = _normal(_LIST_MARKER.sub("", text.lstrip(), count=1)).split()[:2]
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


def _normal(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


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
    from medlint.loaders import Tagged

    if not isinstance(configured, list) or not configured:  # fences anywhere, as in CommonMark, if it can
        fences = "pymdownx.superfences" if _installed("pymdownx.superfences") else "fenced_code"
        return [fences if name == "fenced_code" else name for name in BASE_EXTENSIONS], {}
    entries: dict[str, dict[str, Any]] = {}
    for entry in configured:
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()), ("", {}))
        if not isinstance(name, str) or name in _READS_FILES or not _known(name) or not _installed(name):
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


def _installed(name: str) -> bool:
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


def _render(body: str, drop_title: str, extensions: Any = None) -> list[tuple[str, str]]:
    """The body rendered as the site renders it, shaped for Medium: one (html, text) per block,
    blocks with nothing to show (a comment) left out. Raw HTML becomes the words it shows and a
    code block its text in ``<pre><code>``, escaped once: Medium drops tags, and a draft from a
    pull request must not run in the reader's browser."""
    import markdown

    body = _DEEP_TAB.sub(" " * 4 * MAX_TAB_DEPTH, body)
    names, configs = story_extensions(extensions)
    md = markdown.Markdown(extensions=names, extension_configs=configs, output_format="html")
    _bound_link_scans(md, LINK_SCAN_BUDGET * len(body) + LINK_SCAN_FLOOR)
    shaper = _MediumShape(md, drop_title)
    md.treeprocessors.register(shaper, "medium", -10)  # after Python-Markdown's own unescape
    try:
        md.convert(body)
    except RecursionError:  # Python-Markdown recurses once per item of some constructs
        raise PreviewError(
            "Python-Markdown cannot render it: its constructs nest or chain too deep "
            "(a few hundred definitions in a row do); the site cannot build it either"
        ) from None
    md.htmlStash.rawHtmlBlocks = [_stashed_as_story(block) for block in md.htmlStash.rawHtmlBlocks]
    blocks = []
    for html in shaper.blocks:
        for processor in md.postprocessors:  # what Python-Markdown stashed, put back
            html = processor.run(html)
        text = _plain(html)
        if text.strip() or "<img" in html:
            blocks.append((html, text))
    return blocks


def _render_commonmark(body: str, drop_title: str) -> list[tuple[str, str]]:
    """The body as a CommonMark site renders it (markdown-it-py, with GFM tables and
    strikethrough, footnotes and definition lists), shaped for Medium like :func:`_render`'s."""
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
            text = html_escape(_plain(_without_silent_html(token.content)))
            token.content = f"<p>{text}</p>\n" if token.type == "html_block" and text.strip() else text
    root = _tree_of(md.renderer.render(tokens, md.options, {}))
    shaper = _MediumShape(None, drop_title)
    shaper.run(root)
    blocks = [(html, _plain(html)) for html in shaper.blocks]
    return [(html, text) for html, text in blocks if text.strip() or "<img" in html]


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


def _budgeted(handle: Callable[..., Any], left: list[int]) -> Callable[..., Any]:
    def handle_match(found: re.Match[str], data: str) -> Any:
        if left[0] <= 0:
            return None, None, None
        element, start, end = handle(found, data)
        left[0] -= (end if element is not None else len(data)) - found.start(0)
        return element, start, end

    return handle_match


_SILENT_OPENER = re.compile(r"<!--|<(script|style)\b", re.IGNORECASE)


def _without_silent_html(html: str) -> str:
    """``html`` without its comments, scripts and styles, which show nothing (an unclosed one hides
    the rest, as in a browser). One pass: each closer is looked for once, from its opener."""
    kept, position, lowered = [], 0, html.lower()
    while True:  # each turn ends past a closer, or returns
        opener = _SILENT_OPENER.search(html, position)
        if opener is None:
            break
        kept.append(html[position : opener.start()])
        closer = "-->" if opener.group(1) is None else f"</{opener.group(1).lower()}"
        end = lowered.find(closer, opener.end())
        if end < 0:
            return "".join(kept)
        position = lowered.find(">", end) + 1 if closer != "-->" else end + 3
        if position == 0:
            return "".join(kept)
    kept.append(html[position:])
    return "".join(kept)


_CODE_BLOCK = re.compile(r"^\s*(?:<div\b[^>]*>\s*)?<pre\b", re.IGNORECASE)


def _stashed_as_story(block: Any) -> str:
    """What Python-Markdown set aside (raw HTML, a highlighted code block) as the story shows it."""
    text = _plain(_without_silent_html(str(block)), spaced=not _CODE_BLOCK.match(str(block)))
    if _CODE_BLOCK.match(str(block)):
        return f"<pre><code>{html_escape(text.strip(chr(10)))}\n</code></pre>"
    return html_escape(text)


_BLOCK_TAG = re.compile(r"</?(?:p|li|h[1-6]|pre|blockquote|div|tr|td|th|dt|dd|br|hr)\b[^<>]*>", re.IGNORECASE)


def _plain(html: str, spaced: bool = True) -> str:
    """The text an HTML fragment shows (``spaced``: a space where a block begins or ends)."""
    import html as entities

    return entities.unescape(re.sub(r"<[^<>]*>", "", _BLOCK_TAG.sub(" ", html) if spaced else html))


def html_escape(text: str) -> str:
    import html as entities

    return entities.escape(text, quote=False)


class _MediumShape:
    """A tree processor: reshapes the rendered tree as Medium takes it and keeps the HTML of each
    of the story's blocks (a tab's label and content, a definition's term, are blocks of their own)."""

    def __init__(self, md: Any, drop_title: str) -> None:
        self.md = md
        self.drop_title = _normal(drop_title)
        self.blocks: list[str] = []

    def run(self, root: etree.Element) -> None:
        notes = _footnotes(root)
        if self.md is not None:
            _code_in_tree(root, self.md)
        first = True
        for element in list(root):
            if _is_footnotes(element):
                continue
            if first and element.tag in ("h1", "h2") and _normal("".join(element.itertext())) == self.drop_title:
                first = False
                continue  # the title, shown as the story's title
            first = False
            shaped = _shape(element, notes)
            parts = list(shaped) if shaped.tag == "div" and not shaped.text else [shaped]
            self.blocks += [to_html_string(part).strip() for part in parts]
        root.clear()
        return None


_PLACEHOLDER = re.compile("^\x02wzxhzdk:(\\d+)\x03$")


def _code_in_tree(root: etree.Element, md: Any) -> None:
    """The code blocks Python-Markdown set aside (a fenced or highlighted block is a placeholder
    paragraph until the end) back in the tree as ``<pre><code>``, their text only, so a list that
    holds one is seen to hold one."""
    from markdown.util import AtomicString

    stash = md.htmlStash.rawHtmlBlocks
    for node in root.iter("p"):
        found = _PLACEHOLDER.match((node.text or "").strip()) if len(node) == 0 else None
        if found is None or int(found.group(1)) >= len(stash) or not _CODE_BLOCK.match(str(stash[int(found.group(1))])):
            continue
        code = _plain(_without_silent_html(str(stash[int(found.group(1))])), spaced=False).strip("\n")
        node.tag, node.text = "pre", None
        etree.SubElement(node, "code").text = AtomicString(code + "\n")


def _footnotes(root: etree.Element) -> dict[str, str]:
    """Footnote id -> its text (without the back link)."""
    from markdown.extensions.footnotes import FN_BACKLINK_TEXT, NBSP_PLACEHOLDER

    notes: dict[str, str] = {}
    for section in root:
        if not _is_footnotes(section):
            continue
        for item in section.iter("li"):
            text = "".join(item.itertext()).replace(FN_BACKLINK_TEXT, "").replace(NBSP_PLACEHOLDER, " ")
            notes[item.get("id") or ""] = " ".join(text.replace("\u21a9", "").replace("\ufe0e", "").split())
    return notes


def _is_footnotes(element: etree.Element) -> bool:
    """The footnotes at the end (Python-Markdown's ``div.footnote``, markdown-it's ``section`` and
    the rule before it)."""
    classes = (element.get("class") or "").split()
    return "footnote" in classes or "footnotes" in classes or "footnotes-sep" in classes


def _shape(element: etree.Element, notes: dict[str, str]) -> etree.Element:
    element = _medium_blocks(element)
    tag = element.tag
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        element.tag = "h1" if tag in ("h1", "h2") else "h2"  # Medium's two levels: large and small
    elif tag == "table":
        element = _table_as_text(element)
    elif (tag == "div" and "admonition" in (element.get("class") or "")) or tag == "details":
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
            elif (child.tag == "div" and "admonition" in (child.get("class") or "")) or child.tag == "details":
                _replace(parent, child, _admonition(child))
            elif child.tag == "dl":
                _replace(parent, child, _definitions(child))
    if element.tag in ("ul", "ol"):
        _flatten(element)
    if element.tag == "ol" and (element.get("start", "1") != "1" or element.find(".//pre") is not None):
        element = _numbered_paragraphs(element)
    _inline_notes(element, notes)
    _emoji_as_text(element)
    _only_absolute(element)
    for node in element.iter():  # attr_list's attributes (an event handler, a style) go too
        for name in [name for name in node.attrib if name not in _KEPT_ATTRIBUTES]:
            del node.attrib[name]
    return element


_KEPT_ATTRIBUTES = frozenset({"href", "src", "alt", "title"})


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
    rows = [[" ".join(_text(cell).split()) for cell in row] for row in table.iter("tr")]
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
    """An admonition (or a ``<details>`` block) as a block quote whose first line is its title, in bold."""
    quote = etree.Element("blockquote")
    for child in list(div):
        if (child.tag == "p" and "admonition-title" in (child.get("class") or "")) or child.tag == "summary":
            strong = etree.SubElement(etree.SubElement(quote, "p"), "strong")
            strong.text = "".join(child.itertext())
        else:
            quote.append(child)
    return quote


def _text(element: etree.Element) -> str:
    """An element's text as a reader sees it (a code span's text is kept escaped in the tree)."""
    import html

    return html.unescape("".join(element.itertext()))


def _numbered_paragraphs(listing: etree.Element) -> etree.Element:
    """A numbered list Medium would number wrong (one that continues a list a code block broke,
    or one with a code block inside: Medium restarts it after the code) as paragraphs that carry
    their numbers, an item's other blocks after its first."""
    wrapper = etree.Element("div")
    start = listing.get("start", "1")
    number = int(start) if start.isdigit() else 1
    for item in listing:
        blocks = [child for child in item if child.tag in _BLOCKS]
        first = blocks[0] if blocks and blocks[0].tag == "p" and not (item.text or "").strip() else None
        if first is None:  # the item's text and inline elements make its first paragraph
            first = etree.Element("p")
            first.text = item.text
            for child in [child for child in item if child.tag not in _BLOCKS]:
                first.append(child)
            blocks.insert(0, first)
        first.text = f"{number}. " + (first.text or "").lstrip()
        for block in blocks:
            block.tail = None
            wrapper.append(block)
        number += 1
    return wrapper


_BLOCKS = frozenset({"p", "pre", "blockquote", "div", "ul", "ol", "h1", "h2", "table", "dl"})


def _medium_blocks(element: etree.Element) -> etree.Element:
    """Content tabs as one section a tab, its label in bold; math as its source in code."""
    for parent in list(element.iter()):
        for child in list(parent):
            if child.tag == "div" and "tabbed-set" in (child.get("class") or ""):
                _replace(parent, child, _tabs(child))
    if element.tag == "div" and "tabbed-set" in (element.get("class") or ""):
        element = _tabs(element)
    for node in list(element.iter()):
        if "arithmatex" in (node.get("class") or ""):
            _math_as_code(node)
    return element


_DELIMITERS = (("\\(", "\\)"), ("\\[", "\\]"))


def _math_as_code(node: etree.Element) -> None:
    """pymdownx.arithmatex's math as its source, written with dollars, in code (a block of math
    in a code block): Medium renders no math."""
    script = node.find("script")
    source = _text(script if script is not None else node).strip()
    block = node.tag == "div" or "mode=display" in (script.get("type") or "" if script is not None else "")
    for opening, closing in _DELIMITERS:
        if source.startswith(opening) and source.endswith(closing):
            source = source[len(opening) : -len(closing)].strip()
    source = f"$${source}$$" if block else f"${source}$"
    tail = node.tail
    node.clear()
    node.tail = tail
    if block:
        node.tag = "pre"
        etree.SubElement(node, "code").text = source
    else:
        node.tag, node.text = "code", source


def _tabs(tabset: etree.Element) -> etree.Element:
    """pymdownx.tabbed's tabs (either style) as sections: the label in bold, then the tab's content."""
    labels = [_text(label).strip() for label in tabset.iter("label")]
    blocks = [
        node
        for node in tabset.iter("div")
        if (node.get("class") or "").split()[:1] in (["tabbed-block"], ["tabbed-content"])
    ]
    if any((node.get("class") or "") == "tabbed-content" for node in blocks) and any(
        "tabbed-block" in (node.get("class") or "") for node in blocks
    ):
        blocks = [node for node in blocks if "tabbed-block" in (node.get("class") or "")]
    wrapper = etree.Element("div")
    for label, block in zip(labels, blocks, strict=False):
        strong = etree.SubElement(etree.SubElement(wrapper, "p"), "strong")
        strong.text = label
        for child in list(block):
            wrapper.append(_medium_blocks(child))
    return wrapper


def _definitions(listing: etree.Element) -> etree.Element:
    """A definition list as paragraphs: the term in bold, then its definition."""
    wrapper = etree.Element("div")
    for child in listing:
        paragraph = etree.SubElement(wrapper, "p")
        if child.tag == "dt":
            strong = etree.SubElement(paragraph, "strong")
            strong.text = _text(child)
        else:
            paragraph.text = _text(child)
    return wrapper


def _inline_notes(element: etree.Element, notes: dict[str, str]) -> None:
    """A footnote reference becomes its note, in parentheses, where it stood."""
    for parent in list(element.iter()):
        for child in list(parent):
            if child.tag == "sup" and (
                (child.get("id") or "").startswith("fnref") or "footnote-ref" in (child.get("class") or "")
            ):
                link = child.find("a")
                target = (link.get("href") or "").lstrip("#") if link is not None else ""
                note = notes.get(target, "")
                _as_text(parent, child, f" ({note})" if note else "")


def _as_text(parent: etree.Element, child: etree.Element, text: str) -> None:
    """``child`` of ``parent`` replaced by ``text``."""
    index = list(parent).index(child)
    parent.remove(child)
    if index == 0:
        parent.text = (parent.text or "") + text + (child.tail or "")
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + text + (child.tail or "")


def _emoji_as_text(element: etree.Element) -> None:
    """pymdownx.emoji's images as the characters they stand for (Medium would import each as a
    picture)."""
    for parent in list(element.iter()):
        for child in list(parent):
            if child.tag == "img" and "emoji" in (child.get("class") or ""):
                _as_text(parent, child, child.get("alt") or "")


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
    #: the id of its section of the page, which its finding links to
    anchor: str


@dataclass
class Note:
    """A finding beside its block: the rule's summary once a page, and its duplicate view's anchor."""

    finding: Finding
    summary: str | None
    duplicate_anchor: str | None


def render_page(
    doc: Document,
    data: bytes,
    findings: list[Finding],
    name: Namer,
    language: str | None,
    rendering: Rendering = Rendering(),
) -> str:
    """The whole preview page: ``findings`` are the draft's (real paths), ``name`` the run's namer,
    ``rendering`` how its site writes (see :class:`Rendering`)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    from medlint import __version__
    from medlint.rules import RULES

    story = story_of(doc, data, findings, rendering)
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
    environment = Environment(loader=PackageLoader("medlint", "templates"), autoescape=select_autoescape(["html"]))
    return environment.get_template("preview.html").render(
        story=story,
        rows=rows,
        head_notes=head_notes,
        head_row=3,
        draft_name=name(doc.path),
        summary=f"{summary} from medlint check; each is shown beside the paragraph it concerns.",
        canonical=web_url(canonical),
        canonical_suggested=suggested,
        duplicates=duplicates,
        language=language or "en",
        version=__version__,
        nonce=secrets.token_urlsafe(18),
    )


def preview_name(name: str) -> str:
    """Where a draft's preview goes, relative to the previews' folder: the draft's path with
    ``.html`` (``drafts/a/post.md`` -> ``drafts/a/post.html``), so two drafts never share one;
    ``..`` parts become ``__``, so a preview stays inside that folder."""
    stem = name.replace("\\", "/").rsplit(".", 1)[0] if "." in name.rsplit("/", 1)[-1] else name
    parts = ["__" if part == ".." else part for part in stem.split("/") if part not in ("", ".")]
    return "/".join(parts or ["draft"]) + ".html"


@dataclass
class Listed:
    """A draft on the previews' index: its name, its preview's address, its findings."""

    name: str
    address: str
    findings: int


def render_index(listed: list[Listed]) -> str:
    """The index of every draft's preview (``/_medlint/preview/`` under ``mkdocs serve``)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("medlint", "templates"), autoescape=select_autoescape(["html"]))
    return environment.get_template("preview_index.html").render(listed=listed)


class PreviewError(Exception):
    """A draft that cannot be previewed (it cannot be read, or rendered); the message says why."""
