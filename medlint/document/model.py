"""The model every rule reads: a document's front matter, links, headings, paragraphs, constructs.

Lines and columns are 1-based and count the front matter's lines, so they point into the file.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from medlint.document.frontmatter import FrontMatter, scalar_text

CANONICAL_KEYS = ("canonical_url", "canonical")


class ConstructKind(str, enum.Enum):
    """Syntax that is not prose and that Medium cannot carry as it is."""

    TABLE = "table"
    NESTED_LIST = "nested-list"
    HTML = "html"
    DETAILS = "details"
    FOOTNOTE = "footnote"
    TASK_LIST = "task-list"
    DEFINITION_LIST = "definition-list"
    MATH = "math"
    ADMONITION = "admonition"
    ATTR_LIST = "attr-list"
    SNIPPET = "snippet"
    TEMPLATE = "template"
    TABS = "tabs"
    EMOJI = "emoji"
    ABBREVIATION = "abbreviation"
    KEYS = "keys"
    CRITIC = "critic"
    MARK = "mark"
    INSERT = "insert"
    CODE_ANNOTATION = "code-annotation"


@dataclass(slots=True)
class Link:
    """A link or image. ``kind`` is ``link``, ``image``, ``autolink`` or ``html`` (an ``<a href>``)."""

    kind: str
    text: str
    target: str
    title: str | None
    line: int
    column: int
    end_line: int
    end_column: int
    text_is_code: bool = False
    has_image: bool = False
    source: str = ""
    #: an image marked as decoration (``alt=""``, ``aria-hidden="true"``): it needs no alt text
    decorative: bool = False


@dataclass(slots=True)
class Heading:
    level: int
    #: its plain text, without the attribute list that gives it an id where the site's Markdown
    #: reads attribute lists (Python-Markdown's ``attr_list``: ``## Title { #id .class }``)
    text: str
    line: int
    #: the ``id`` that attribute list gives it (``""``: none); ``None`` where the site's Markdown
    #: reads no attribute lists (a generator may read a ``{#id}`` that ends the text itself)
    id: str | None = None


@dataclass(slots=True)
class Paragraph:
    """A run of prose (a paragraph, in a list item or quote too) with its text stripped of markup."""

    line: int
    end_line: int
    text: str
    words: int


@dataclass(slots=True)
class Construct:
    """Where a construct starts; ``detail`` names it as written (``<div>``, a footnote's label)."""

    kind: ConstructKind
    line: int
    column: int = 1
    detail: str = ""


@dataclass(slots=True)
class BareUrl:
    url: str
    line: int
    column: int
    end_column: int


@dataclass(slots=True)
class Directive:
    """An inline ``<!-- medlint-... -->`` comment; ``selectors`` empty means every rule."""

    action: str
    selectors: tuple[str, ...]
    line: int


@dataclass(slots=True)
class Document:
    """One file, read once. ``path`` is the real path it was read from; ``read_error`` says why a
    file could not be read (then the model is empty)."""

    path: str
    lines: list[str] = field(default_factory=list)
    read_error: str | None = None
    front_matter: FrontMatter = field(default_factory=FrontMatter)
    links: list[Link] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    constructs: list[Construct] = field(default_factory=list)
    bare_urls: list[BareUrl] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    word_count: int = 0
    #: a hash of the bytes read, so a fix can tell that the file changed on disk since
    content_hash: bytes = b""
    #: the bytes read (a preview applies the safe fixes to them, byte for byte)
    data: bytes = field(default=b"", repr=False)
    #: the last of several definitions of one reference label wins (Python-Markdown), not the first
    last_definition_wins: bool = False
    #: what is worked out once from the document when first asked (its reference definitions)
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text_links(self) -> list[Link]:
        """Links a reader clicks: everything but images."""
        return [link for link in self.links if link.kind != "image"]

    @property
    def images(self) -> list[Link]:
        return [link for link in self.links if link.kind == "image"]

    @property
    def meta(self) -> dict[str, Any]:
        return self.front_matter.data

    @property
    def body_start(self) -> int:
        """The 0-based index in ``lines`` of the first line after the front matter."""
        return self.front_matter.end_line

    @property
    def title(self) -> tuple[str, int] | None:
        """The title and its line: front matter ``title``, else the first top-level heading."""
        value = self.front_matter.text("title")
        if value:
            return value, self.front_matter.line_of("title")
        for heading in self.headings:
            if heading.level == 1 and heading.text.strip():
                return heading.text.strip(), heading.line
        return None

    @property
    def canonical_entry(self) -> tuple[str, Any, int] | None:
        """The canonical URL as written: its key (``canonical_url`` or ``canonical``), its value of
        whatever type, and its line."""
        for key in CANONICAL_KEYS:
            value = self.meta.get(key)
            if value is not None:
                return key, value, self.front_matter.line_of(key)
        return None

    @property
    def canonical_url(self) -> tuple[str, int] | None:
        """The canonical URL and its line, when it is text (ML504 reports any other value)."""
        entry = self.canonical_entry
        if entry is None or not isinstance(entry[1], str):
            return None
        return entry[1].strip(), entry[2]

    @property
    def tags(self) -> list[str]:
        """Tags as text: a comma-separated string or a list; items that are not text or a number
        (a nested list, a mapping) are not tags."""
        value = self.meta.get("tags")
        if isinstance(value, str):
            return [tag.strip() for tag in value.split(",") if tag.strip()]
        if isinstance(value, list):
            return [text for text in map(scalar_text, value) if text]
        return []

    def constructs_of(self, *kinds: ConstructKind) -> list[Construct]:
        return [construct for construct in self.constructs if construct.kind in kinds]
