"""The rendered story reshaped into what Medium's editor can show: two heading levels, flat lists,
tables as text, tabs as labelled sections, admonitions and details as block quotes, definitions as
term lines, footnotes inlined, math as its source, emoji as characters, only absolute links and
images, and no attribute but href, src, alt and title."""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown.serializers import to_html_string

from medlint.similarity.text import words_of

_ABSOLUTE = re.compile(r"^(?:https?:|mailto:)", re.IGNORECASE)


class MediumShape:
    """A tree processor: reshapes the rendered tree as Medium takes it and keeps the HTML of each
    of the story's blocks (a tab's label and content, a definition's term, are blocks of their own)."""

    def __init__(self, drop_title: str) -> None:
        self.drop_title = words_of(drop_title)
        self.blocks: list[str] = []

    def run(self, root: etree.Element) -> None:
        notes = _footnotes(root)
        first = True
        for element in list(root):
            if _is_footnotes(element):
                continue
            if first and element.tag in ("h1", "h2") and words_of("".join(element.itertext())) == self.drop_title:
                first = False
                continue  # the title, shown as the story's title
            first = False
            shaped = _shape(element, notes)
            parts = list(shaped) if shaped.tag == "div" and not shaped.text else [shaped]
            self.blocks += [to_html_string(part).strip() for part in parts]
        root.clear()
        return None


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
    if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        element.tag = "h1" if element.tag in ("h1", "h2") else "h2"  # Medium's two levels: large and small
    replacement = _as_medium_block(element)
    element = element if replacement is None else replacement
    for parent in list(element.iter()):
        for child in list(parent):
            if child.tag in ("ul", "ol"):
                _flatten(child)
            if child.tag in ("h3", "h4", "h5", "h6"):
                child.tag = "h2"
            replacement = _as_medium_block(child)
            if replacement is not None:
                _replace(parent, child, replacement)
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


def _as_medium_block(element: etree.Element) -> etree.Element | None:
    """What Medium can show for a table, an admonition or details block, or a definition list;
    None for any other element."""
    if element.tag == "table":
        return _table_as_text(element)
    if (element.tag == "div" and "admonition" in (element.get("class") or "")) or element.tag == "details":
        return _admonition(element)
    if element.tag == "dl":
        return _definitions(element)
    return None


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
                span.text = "".join(child.itertext())
                _replace(parent, child, span)
            elif child.tag == "img" and not _ABSOLUTE.match(child.get("src") or ""):
                span = etree.Element("em")
                span.text = f"[image not importable: {child.get('alt') or child.get('src') or ''}]"
                _replace(parent, child, span)
    if element.tag == "img" and not _ABSOLUTE.match(element.get("src") or ""):
        element.tag, element.text = "em", f"[image not importable: {element.get('alt') or ''}]"
        element.attrib.clear()
