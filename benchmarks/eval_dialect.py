"""medlint's reading of Markdown against the parsers it must agree with, on real pages:

- MkDocs pages against Python-Markdown's own rendering, on every page of MkDocs' docs and the Go
  blog in ../shared/corpus and of the example site: for each page, the link and image targets
  medlint's model holds, whether it nests a list and the ids MkDocs gives its headings, beside
  what Python-Markdown renders with the extensions MkDocs sites commonly turn on;
- medlint's markdown-it parser with its shortcuts (rules skipped where they cannot match, the text
  rule's stops) against the same parser without them, on every Markdown file of the corpus: the
  same tokens, field by field.

    python benchmarks/eval_dialect.py            # files read, files that disagree (listed)

The test suite runs the same comparisons on fixed samples of these files (tests/test_dialect.py,
tests/test_properties.py).
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from medlint.document import ConstructKind, parse_document  # noqa: E402
from medlint.document.dialect import Dialect  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
EXTENSIONS = ["tables", "fenced_code", "footnotes", "admonition", "attr_list", "def_list", "abbr", "md_in_html", "toc"]
GENERATED = re.compile(r"^#fn(?:ref)?:")
"""The one exception: the footnote extension adds links of its own (to each note, and back to
where it is cited); the writer typed none of them, so medlint has no link there."""


class RenderedTargets(HTMLParser):
    """The link and image targets, the nesting depth of every list and the heading ids (and
    texts) in rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: set[str] = set()
        self.images: set[str] = set()
        self.depth = 0
        self.deepest = 0
        self.heading_ids: set[str] = set()
        self.heading_texts: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            if values.get("id") is not None:  # a heading written in HTML has only the id it was given
                self.heading_ids.add(str(values["id"]))
            self.heading_texts.append("")
            self._in_heading = True
        if tag == "a" and values.get("href"):
            self.links.add(key(str(values["href"])))
        elif tag == "img" and values.get("src"):
            self.images.add(key(str(values["src"])))
        elif tag in ("ul", "ol"):
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self.depth -= 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self.heading_texts[-1] += data


def key(url: str) -> str:
    """A target as both sides are compared: unquoted, ``&amp;`` as ``&``."""
    return unquote(url.strip()).replace("&amp;", "&")


def rendered(text: str, extensions: list[str]) -> RenderedTargets:
    """What Python-Markdown renders from ``text`` (its front matter left out) with ``extensions``."""
    import markdown

    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") and "\n---\n" in text else text
    targets = RenderedTargets()
    targets.feed(markdown.markdown(body, extensions=extensions))
    return targets


def corpus_pages() -> list[Path]:
    """MkDocs' docs and the Go blog of the corpus, then the example site, in a fixed order."""
    pages = sorted((CORPUS / "mkdocs-docs").rglob("*.md"))
    pages += sorted((CORPUS / "go-blog").glob("*.md"))
    pages += sorted((ROOT / "example-site").rglob("*.md"))
    return pages


def compared(page: Path) -> tuple[list[tuple[object, ...]], bool]:
    """How medlint's model of ``page`` differs from Python-Markdown's rendering of it (nothing when
    they agree), and whether the page nests a list."""
    from medlint.generators import generator_named

    dialect = Dialect.of_markdown_extensions(EXTENSIONS)
    text = page.read_text(encoding="utf-8")
    html = rendered(text, EXTENSIONS)
    html.links = {link for link in html.links if not GENERATED.match(link)}
    doc = parse_document(text, str(page), dialect=dialect)
    links = {key(link.target) for link in doc.links if link.kind != "image" and link.target}
    images = {key(link.target) for link in doc.links if link.kind == "image" and link.target}
    differences: list[tuple[object, ...]] = []
    extra_links, missing_links = links - html.links, html.links - links
    extra_images, missing_images = images - html.images, html.images - images
    if extra_links or missing_links or extra_images or missing_images:
        differences.append((page.name, extra_links, missing_links, extra_images, missing_images))
    heading_ids = generator_named("mkdocs").heading_ids(doc)
    if heading_ids != html.heading_ids:
        differences.append((page.name, "heading ids", heading_ids - html.heading_ids, html.heading_ids - heading_ids))
    nested = bool(doc.constructs_of(ConstructKind.NESTED_LIST))
    if nested != (html.deepest > 1):
        differences.append((page.name, "nested list" if html.deepest > 1 else "no nested list"))
    return differences, nested


def shortcut_parsers(python_markdown: bool = False):  # type: ignore[no-untyped-def]
    """medlint's markdown-it parser without its shortcuts and with them; Hugo's link syntaxes and
    Python-Markdown's references for ``python_markdown``."""
    from medlint.document.parser import markdown_it_for
    from medlint.generators import generator_named

    syntaxes = generator_named("hugo").dialect({}).link_syntaxes if python_markdown else ()
    return markdown_it_for(syntaxes, python_markdown, shortcuts=False), markdown_it_for(syntaxes, python_markdown)


def tokens(md, text: str) -> list[tuple]:  # type: ignore[no-untyped-def,type-arg]
    """Every token markdown-it makes of ``text``, and its children, field by field."""
    found = []
    for token in md.parse(text):
        for item in (token, *(token.children or ())):
            found.append((item.type, item.tag, item.content, item.markup, item.map, sorted(item.attrs.items()),
                          item.meta.get("span"), item.level))  # fmt: skip
    return found


def markdown_files() -> list[Path]:
    """Every Markdown file of the corpus, in a fixed order."""
    return sorted(CORPUS.rglob("*.md"))


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: nothing measured")
        return 0
    pages = corpus_pages()
    disagreeing, nesting = [], 0
    for page in pages:
        differences, nested = compared(page)
        disagreeing += differences
        nesting += nested
    print(f"pages read: {len(pages)} ({nesting} nest a list), with Python-Markdown and {', '.join(EXTENSIONS)}")
    print(f"pages where medlint's links, images, list nesting or heading ids differ from Python-Markdown's: "
          f"{len(disagreeing)}")  # fmt: skip
    for difference in disagreeing:
        print("  ", *difference)
    files = markdown_files()
    plain, quick = shortcut_parsers()
    differing = [
        file for file in files if tokens(quick, text := file.read_text("utf-8", "replace")) != tokens(plain, text)
    ]
    print(f"Markdown files of the corpus parsed with and without the parser's shortcuts: {len(files)}")
    print(f"files whose tokens differ: {len(differing)}")
    for file in differing:
        print("  ", file.relative_to(CORPUS))
    return 1 if disagreeing or differing else 0


if __name__ == "__main__":
    sys.exit(main())
