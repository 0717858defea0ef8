"""Drafts read in their site's dialect: Python-Markdown (and the site's extensions) for MkDocs
sites, checked against Python-Markdown itself on real pages; the Material constructs found once,
at their lines; and the markdownlint suite's findings fixed."""

from __future__ import annotations

import re
from pathlib import Path

import eval_dialect
import pytest
from conftest import CORPUS, lint_files, medlint, shared_or_skip

from medlint.document import ConstructKind, parse_document
from medlint.document.dialect import COMMONMARK, Dialect


def test_link_and_image_targets_are_python_markdowns_on_a_sample_of_the_corpus() -> None:
    """A fixed sample of the pages of both corpora and the example site (every tenth, and every
    page with a list item indented by four spaces, where Python-Markdown nests), read as an
    MkDocs site with common extensions reads it: the targets medlint's model holds are the ones
    Python-Markdown renders. ``benchmarks/eval_dialect.py`` compares every page."""
    shared_or_skip("corpus", "mkdocs-docs")
    indented_item = re.compile(r"^ {4,}(?:[-*+]|\d+[.)]) ", re.M)
    pages = eval_dialect.corpus_pages()
    sample = [page for number, page in enumerate(pages) if number % 10 == 0 or indented_item.search(page.read_text())]
    differences, nesting = [], 0
    for page in sample:
        found, nested = eval_dialect.compared(page)
        differences += found
        nesting += nested
    assert len(pages) > 300 and len(sample) >= 40 and nesting >= 3  # both sides nest lists: not an empty check
    assert differences == [], differences[:5]


HEADINGS_WITH_ATTRIBUTES = [
    '### 9.7.6 <small>March 19, 2026</small> { id="9.7.6" }',  # Material for MkDocs' own changelog
    "## Plain { #plain-id .wide }", '## Data { data-x="1" }', "## Words {not attr}", "## Glued{#glued}",
    "## Closed {#closed} ##", "## A {: #colon }", "## Linked [text](https://a.example/) {#linked}",
    "## Quoted {id='a b'}", "## Twice {#first #second}", "## Key {: id=plain}", "## Stray {a}b}", "## Empty {}",
    "## Taken", "## Taken {#taken}", "Setext {#setext}\n---",
]  # fmt: skip


def test_heading_ids_and_texts_are_python_markdowns_with_attribute_lists() -> None:
    """With ``attr_list``, a heading's attribute list gives its id (``#id`` or ``id="..."``, the
    last one) and is no part of its text; a list ``attr_list`` rejects stays text; and ``toc``
    takes every given id before it numbers a slug that repeats one: as real Python-Markdown
    renders each heading (``{ id="9.7.6" }`` was read as part of the text, its id a slug)."""
    from medlint.generators import generator_named

    extensions = ["attr_list", "toc"]
    dialect = Dialect.of_markdown_extensions(extensions)
    for heading in HEADINGS_WITH_ATTRIBUTES:
        rendered = eval_dialect.rendered(heading, extensions)
        doc = parse_document(heading + "\n", "page.md", dialect=dialect)
        assert generator_named("mkdocs").heading_ids(doc) == rendered.heading_ids, heading
        assert [found.text for found in doc.headings] == [text.strip() for text in rendered.heading_texts], heading
    together = "\n\n".join(HEADINGS_WITH_ATTRIBUTES) + "\n"
    rendered = eval_dialect.rendered(together, extensions)
    doc = parse_document(together, "page.md", dialect=dialect)
    assert generator_named("mkdocs").heading_ids(doc) == rendered.heading_ids


def test_a_link_to_an_id_an_attribute_list_gives_is_fixed_to_its_published_url(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\nsite_url: https://s.example/\nmarkdown_extensions:\n  - attr_list\n  - toc\n"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "changelog.md").write_text('# Changelog\n\n### 9.7.6 <small>March 19</small> { id="9.7.6" }\n')
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "post.md").write_text(
        "# Post\n\nSee the [9.7.6 release notes](../docs/changelog.md#9.7.6).\n"
    )
    run = medlint("check", "--select", "ML205", "--format", "json", "drafts/post.md", cwd=tmp_path)
    [finding] = run.findings
    assert finding["fix"]["edits"][0]["content"] == "https://s.example/changelog/#9.7.6", finding


def test_python_markdown_does_not_nest_by_two_spaces() -> None:
    import markdown

    assert markdown.markdown("- a\n  - b").count("<ul>") == 1


MATERIAL = """---
title: Material syntax in a real post
---

# Material syntax in a real post

{intro}

=== "Linux"

    Read [here](../docs/guide.md) for the steps.

    | Tool | Speed |
    | --- | --- |
    | medlint | fast |

=== "macOS"

    The [old notes](http://m.example/notes/) still work.

!!! note "Careful"
    Back up [the site folder guide](../docs/guide.md) first.

??? tip
    A [hidden tip](https://m.example/tip/) inside.

<div markdown>
Inside [the guide page](../docs/guide.md) we go.
</div>

Press ++ctrl+c++, then :rocket: and ==marked== and ^^inserted^^ and {{++added++}}.

![Logo](https://m.example/logo.png){{ width="300" }} and [a button](https://m.example/){{ .md-button }}

*[HTML]: Hyper Text Markup Language

- item
  - two spaces: a sibling in Python-Markdown
- other

- [ ] one
- [x] two

```python
print(1)  # (1)!
```

1.  The annotation, shown where the marker is.
"""
MATERIAL_YML = """site_name: M
site_url: https://m.example/
markdown_extensions:
  - admonition
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed: {alternate_style: true}
  - attr_list
  - md_in_html
  - abbr
  - pymdownx.emoji
  - pymdownx.keys
  - pymdownx.mark
  - pymdownx.caret
  - pymdownx.critic
  - pymdownx.tasklist
"""


def _material_site(root: Path, extensions: bool) -> Path:
    intro = next(
        block
        for block in (CORPUS / "go-blog" / "10years.md").read_text(encoding="utf-8").split("\n\n")
        if len(block) > 200 and not block.startswith(("<", "#", "-", "{"))
    )
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "guide.md").write_text("# Guide\n\nThe guide.\n")
    (root / "drafts").mkdir()
    (root / "drafts" / "post.md").write_text(MATERIAL.format(intro=" ".join(intro.split())))
    config = MATERIAL_YML if extensions else MATERIAL_YML.split("markdown_extensions:")[0]
    (root / "mkdocs.yml").write_text(config)
    return root


def _findings(root: Path) -> list[tuple[int, str, str]]:
    run = medlint("check", "drafts/post.md", "--format", "json", "--select", "ML1,ML2,ML4", cwd=root)
    return [(f["line"], f["code"], f["message"]) for f in run.findings]


def _line(root: Path, needle: str, occurrence: int = 1) -> int:
    """The line of the draft holding ``needle`` (its ``occurrence``-th)."""
    lines = (root / "drafts" / "post.md").read_text().split("\n")
    return [number for number, line in enumerate(lines, 1) if needle in line][occurrence - 1]


def test_material_constructs_are_found_once_and_their_links_at_their_own_lines(tmp_path: Path) -> None:
    shared_or_skip("corpus", "go-blog")
    root = _material_site(tmp_path, extensions=True)
    found = _findings(root)
    shown = [(line, message) for line, code, message in found if code in ("ML406", "ML404")]

    def at(needle: str, prefix: str) -> int:
        return sum(1 for line, message in shown if line == _line(root, needle) and message.startswith(prefix))

    assert at('=== "Linux"', "Content tabs") == 1 and at('=== "macOS"', "Content tabs") == 0  # one group
    assert at("!!! note", "Admonitions") == 1 and at("??? tip", "Collapsible") == 1
    assert at("<div markdown>", "Raw HTML") == 1 and at("</div>", "Raw HTML") == 0
    for prefix in ("Key markup", "Emoji or icon", "Highlight markup", "Insert markup", "Critic markup"):
        assert at("++ctrl+c++", prefix) == 1, prefix
    assert at("md-button", "Attribute list") == 2  # { width="300" } and { .md-button }
    assert at("*[HTML]", "Abbreviation definition") == 1
    assert sum(1 for _, message in shown if message.startswith("Task list")) == 1  # one list, one finding
    assert at("(1)!", "Code annotation") == 1
    # links in tabs, admonitions, details and md_in_html: reported at their own lines
    where = {(line, code) for line, code, _ in found}
    assert (_line(root, "Read [here]"), "ML101") in where and (_line(root, "Read [here]"), "ML205") in where
    assert (_line(root, "| medlint |") - 2, "ML401") in where
    assert (_line(root, "[old notes]"), "ML208") in where
    assert (_line(root, "Back up [the site"), "ML205") in where
    assert (_line(root, "Inside [the guide"), "ML205") in where
    assert not any(code == "ML403" for _, code, _ in found)  # two spaces do not nest in Python-Markdown


def test_without_the_extensions_the_site_shows_code_and_text(tmp_path: Path) -> None:
    """The same draft on a site without tabbed, md_in_html and friends: an indented tab body is a
    code block there, so its link is no finding, and the extension syntax is plain text."""
    shared_or_skip("corpus", "go-blog")
    root = _material_site(tmp_path, extensions=False)
    found = _findings(root)
    lines = {line for line, _, _ in found}
    assert _line(root, "Read [here]") not in lines and _line(root, "[old notes]") not in lines  # code there
    assert not any(
        message.startswith(("Content tabs", "Key markup", "Emoji", "Abbreviation")) for _, _, message in found
    )
    assert any(line == _line(root, "<div markdown>") and code == "ML404" for line, code, _ in found)


def test_commonmark_sites_keep_commonmark(tmp_path: Path) -> None:
    doc = parse_document("- a\n  - b\n", dialect=COMMONMARK)
    assert doc.constructs_of(ConstructKind.NESTED_LIST)
    python_markdown = parse_document("- a\n  - b\n", dialect=Dialect.of_markdown_extensions([]))
    assert not python_markdown.constructs_of(ConstructKind.NESTED_LIST)
    sane = parse_document(
        "- a\n  - b\n", dialect=Dialect.of_markdown_extensions([{"mdx_truly_sane_lists": {"nested_indent": 2}}])
    )
    assert sane.constructs_of(ConstructKind.NESTED_LIST)


@pytest.mark.parametrize(
    ("text", "select", "expected"),
    [
        ('Go <a href="https://x.example/a">https://x.example/a</a> now.\n', "ML102,ML107", ["ML102"]),
        ("$$\n[a link](https://math.example/) and https://bare.example/\n$$\n", "ML1,ML2", []),
        ("See {https://example.com/page} for it.\n", "ML107", ["ML107:https://example.com/page"]),
        ('An image <img src="https://i.example/a.png"> here.\n', "ML108", ["ML108"]),
        ("Run <code>curl https://api.example/v1</code> and <pre>https://x.example/</pre>.\n", "ML107", []),
    ],
    ids=["anchor-text-url", "math-block", "braced-url", "html-img-alt", "html-code"],
)
def test_the_markdownlint_suite_findings_are_fixed(tmp_path: Path, text: str, select: str, expected: list[str]) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(text)
    found = lint_files([draft], select)
    shown = [f"{f.code}:{_bare(f.text)}" if f.code == "ML107" else f.code for f in found]
    assert shown == expected


def _bare(message: str) -> str:
    match = re.search(r"Bare URL (\S+?);", message)
    return match.group(1) if match else message


def test_the_material_fixture_has_python_markdowns_link_targets(tmp_path: Path) -> None:
    """The Material-syntax fixture, rendered by Python-Markdown with its pymdownx extensions."""
    pytest.importorskip("pymdownx", reason="pymdown-extensions comes with mkdocs-material (pip install -e '.[test]')")
    root = _material_site(tmp_path, extensions=True)
    extensions = [
        "admonition", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed", "attr_list", "md_in_html",
        "abbr", "pymdownx.keys", "pymdownx.mark", "pymdownx.caret", "pymdownx.critic", "pymdownx.tasklist", "tables",
    ]  # fmt: skip
    text = (root / "drafts" / "post.md").read_text()
    rendered = eval_dialect.rendered(text, extensions)
    doc = parse_document(text, "post.md", dialect=Dialect.of_markdown_extensions(extensions))
    assert {eval_dialect.key(link.target) for link in doc.links if link.kind != "image"} == rendered.links
    assert {eval_dialect.key(link.target) for link in doc.links if link.kind == "image"} == rendered.images
    assert rendered.deepest == 1 and not doc.constructs_of(ConstructKind.NESTED_LIST)
