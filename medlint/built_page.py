"""The built-page reader: a page of a site's build output (``site/``, ``public/``, ``_site/``) as
Medium's "Import a story" meets it, for the Import checks (ML6xx).

A built page is untrusted input, as a draft is. It is read as markup only: no script runs,
nothing it names is fetched, and the cost is linear in its size. The scanner finds each tag with
one regular expression whose parts cannot overlap (so a failed match gives up in one pass), a
comment or raw text (``<script>``, ``<style>``) with one search for its end, and closes an end tag
against at most :data:`MAX_OPEN_SEARCH` open elements; an unclosed tag at the end of the page ends
the page, as it does in a browser.

What it keeps is the elements in document order, each with its attributes, its offsets and its
parent: enough to ask what Import would take (the head's Open Graph tags and canonical link, the
article element, what lies inside it), not a DOM.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
RAW_TEXT = frozenset({"script", "style", "textarea", "title"})
OPAQUE = frozenset({"nav", "svg"})
"""Elements kept whole, their insides not read: what Import would do with a navigation or an
inline drawing does not depend on what is in it, and a theme's site navigation, repeated on every
page, is most of a large site's HTML (316 kB a page of a 1,000-page Material site)."""
CLOSES_ITS_LIKE = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})
"""Elements a second one of their kind closes (``<li>a<li>b``), as browsers read them."""
CLOSES_A_PARAGRAPH = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "div",
        "dl",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    ]
)
"""Elements that close an open ``<p>`` they would otherwise be inside."""
MAX_OPEN_SEARCH = 100
"""Open elements an end tag is matched against, nearest first: past that it closes nothing, so
a page of 100,000 unclosed ``<div>`` costs no more per end tag than a page of ten."""

MAX_ANCESTORS = 64
"""How far up :meth:`BuiltPage.ancestors` looks (themes nest an article a dozen deep)."""

_MARKUP = re.compile(r"<(?:(!--)|(/?)([A-Za-z][A-Za-z0-9:-]*)|[!?])")
_TAG_END = re.compile(r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_RAW_END = {name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE) for name in RAW_TEXT}


@dataclass(slots=True)
class Element:
    """One element of the page: its tag (lower case), attributes (entities decoded), where its
    start tag begins, where it ends (past its end tag, or where it was closed), and its parent's
    index (``-1`` at the top)."""

    tag: str
    attributes: dict[str, str]
    start: int
    end: int
    parent: int

    def classes(self) -> list[str]:
        return self.attributes.get("class", "").split()

    def has_class(self, *names: str) -> bool:
        return any(name in names for name in self.classes())


@dataclass
class BuiltPage:
    """A built HTML page: its path, text and elements; set by who maps the build to the site, its
    published URL, its source and its build folder (``None`` when unknown). ``error`` says why it was not read."""

    path: str
    text: str = ""
    elements: list[Element] = field(default_factory=list)
    error: str | None = None
    url: str | None = None
    source: str | None = None
    #: the build output folder it is in (what else the site publishes), when known
    folder: str | None = None
    _cursor: tuple[int, int, int] = field(default=(0, 1, 0), repr=False)
    _by_tag: dict[str, list[int]] | None = field(default=None, repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``: newlines counted from the last position
        asked for when this one is further on (rules ask in document order), else from the start."""
        start, line, line_start = self._cursor if offset >= self._cursor[0] else (0, 1, 0)
        newlines = self.text.count("\n", start, offset)
        if newlines:
            line, line_start = line + newlines, self.text.rfind("\n", start, offset) + 1
        self._cursor = (offset, line, line_start)
        return line, offset - line_start + 1

    def all(self, *tags: str) -> list[int]:
        """The indexes of the elements with one of ``tags``, in document order."""
        if self._by_tag is None:
            self._by_tag = {}
            for index, element in enumerate(self.elements):
                self._by_tag.setdefault(element.tag, []).append(index)
        if len(tags) == 1:
            return self._by_tag.get(tags[0], [])
        return sorted(index for tag in tags for index in self._by_tag.get(tag, []))

    def inside(self, outer: int) -> Iterator[int]:
        """The indexes of the elements inside element ``outer``, in document order."""
        end = self.elements[outer].end
        for index in range(outer + 1, len(self.elements)):
            if self.elements[index].start >= end:
                return
            yield index

    def ancestors(self, index: int) -> Iterator[int]:
        """The indexes of the elements around element ``index``, nearest first, at most
        :data:`MAX_ANCESTORS` of them: a question about what encloses an element costs the same
        on a page nested 100,000 deep."""
        parent = self.elements[index].parent
        for _ in range(MAX_ANCESTORS):
            if parent < 0:
                return
            yield parent
            parent = self.elements[parent].parent

    def meta(self, name: str) -> tuple[str, int] | None:
        """The first ``<meta property=name>`` (or ``name=name``) with its content, and its index."""
        for index in self.all("meta"):
            attributes = self.elements[index].attributes
            if name in (attributes.get("property"), attributes.get("name")):
                return attributes.get("content", "").strip(), index
        return None

    def links(self, rel: str) -> list[tuple[str, int]]:
        """Every ``<link>`` whose ``rel`` holds ``rel``, with its ``href`` and index."""
        found = []
        for index in self.all("link"):
            attributes = self.elements[index].attributes
            if rel in attributes.get("rel", "").lower().split():
                found.append((attributes.get("href", "").strip(), index))
        return found

    def text_of(self, index: int, limit: int = 200) -> str:
        """The text inside element ``index`` (tags dropped, at most ``limit`` characters of markup read)."""
        element = self.elements[index]
        inner = self.text[element.start : min(element.end, element.start + limit)]
        inner = inner[inner.find(">") + 1 :]
        return " ".join(html.unescape(re.sub(r"<[^>]*>?", " ", inner)).split())


def parse_built_page(text: str, path: str) -> BuiltPage:
    """The elements of ``text``, the HTML of the built page at ``path``."""
    page = BuiltPage(path, text)
    elements = page.elements
    open_elements: list[int] = []
    position, length = 0, len(text)
    while True:
        found = _MARKUP.search(text, position)
        if found is None:
            break
        start = found.start()
        if found.group(1):  # a comment, to its end or the page's
            close = text.find("-->", found.end())
            position = length if close < 0 else close + 3
            continue
        rest = _TAG_END.match(text, found.end())
        if rest is None:  # a tag never closed: the page ends here
            break
        position = rest.end()
        name = found.group(3)
        if name is None:  # <!DOCTYPE ...>, <?xml ...?>
            continue
        tag = name.lower()
        if found.group(2):
            _close(elements, open_elements, tag, start, position)
            continue
        inner = text[found.end() : position - 1]
        parent = open_elements[-1] if open_elements else -1
        if (parent >= 0 and elements[parent].tag == tag in CLOSES_ITS_LIKE) or (
            parent >= 0 and elements[parent].tag == "p" and tag in CLOSES_A_PARAGRAPH
        ):
            _close(elements, open_elements, elements[parent].tag, start, start)
            parent = open_elements[-1] if open_elements else -1
        elements.append(Element(tag, _attributes(inner), start, position, parent))
        if tag in VOID or inner.endswith("/"):
            continue
        if tag in OPAQUE:
            position = _end_of_opaque(text, tag, position)
            elements[-1].end = position
            continue
        if tag in RAW_TEXT:
            closing = _RAW_END[tag].search(text, position)
            body_end = length if closing is None else closing.start()
            after = text.find(">", body_end)
            position = length if closing is None or after < 0 else after + 1
            elements[-1].end = position
            continue
        elements[-1].end = length  # until closed
        open_elements.append(len(elements) - 1)
    return page


_OPAQUE_TAGS = {name: re.compile(rf"<(/?){name}[\s/>]", re.IGNORECASE) for name in OPAQUE}


def _end_of_opaque(text: str, tag: str, position: int) -> int:
    """Where the ``tag`` element opened before ``position`` ends: past the end tag that closes
    it (ones of its kind inside it counted), else the page's end."""
    depth = 1
    for found in _OPAQUE_TAGS[tag].finditer(text, position):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            after = text.find(">", found.end() - 1)
            return len(text) if after < 0 else after + 1
    return len(text)


def _close(elements: list[Element], open_elements: list[int], tag: str, start: int, end: int) -> None:
    """Close the nearest open ``tag`` (of the last :data:`MAX_OPEN_SEARCH`) and what is open inside it."""
    for depth in range(len(open_elements) - 1, max(-1, len(open_elements) - 1 - MAX_OPEN_SEARCH), -1):
        if elements[open_elements[depth]].tag == tag:
            for index in open_elements[depth + 1 :]:
                elements[index].end = start
            elements[open_elements[depth]].end = end
            del open_elements[depth:]
            return


def _attributes(inner: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in _ATTRIBUTE.finditer(inner):
        name = item.group(1).lower()
        if name not in found:
            value = next((part for part in item.group(2, 3, 4) if part is not None), "")
            found[name] = html.unescape(value) if "&" in value else value
    return found


def read_built_page(path: str, max_size: int) -> BuiltPage:
    """The built page at ``path``, read if it is a regular file of at most ``max_size`` bytes
    (else its ``error`` says why not)."""
    from medlint.files import read_regular

    try:
        data = read_regular(path, max_size)
    except OSError as exc:
        return BuiltPage(path, error=exc.strerror or str(exc))
    if len(data) > max_size:
        return BuiltPage(path, error=f"larger than max_file_size ({max_size:,} bytes)")
    return parse_built_page(data.decode("utf-8", errors="replace"), path)
