"""The story ``medlint preview`` copies for Medium, against the site's own rendering: each draft is
rendered by the real Python-Markdown with the site's pymdownx extensions (as MkDocs renders it,
its configuration loaded by MkDocs), and every word a reader sees there must be in the story,
with no markup shown as text, no control characters, HTML escaped once, and each finding beside
the block that holds its line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import build_hugo, hugo_layouts

from medlint.config import load_config
from medlint.session import Session

MKDOCS_YML = """\
site_name: Blog
site_url: https://example.com/
theme:
  name: material
markdown_extensions:
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - pymdownx.details
  - pymdownx.highlight
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""

DRAFTS = {
    "blog-post.md": """\
---
title: Wrapping errors in Go
description: What errors.As finds
---

# Wrapping errors in Go

An opening paragraph about wrapping errors, shown in the blog's index.

<!-- more -->

<!-- a note to myself: check the Go 1.20 changes -->

=== "Go 1.13 and later"

    ```go
    if errors.As(err, &target) {
        log.Print(target.Path)
    }
    ```

=== "Older Go"

    Use a type switch, and read [the release notes](https://go.dev/doc/go1.13).

| Call | Meaning |
| --- | --- |
| `errors.As(err, &target)` | finds the first match &amp; sets it |
| `errors.Is(err, fs.ErrNotExist)` | compares |

This is \\*not emphasis\\* and a < b & c, written by hand.
""",
    "constructs.md": """\
---
title: Every construct at once
---

# Every construct at once

!!! warning "Watch the order"
    The admonition body, with [a link](https://example.com/about/).

??? info "Details that fold"
    The folded body.

Latency budget
:   The time a request may take, end to end.

A claim about caches[^cache] that needs a source.

[^cache]: The cache paper, section four.

Inline math $a^2 + b^2 = c^2$ in a sentence.

$$
E = mc^2
$$

- top level item
    - nested item one
        - nested item two
- second top item

The steps:

1. first step
2. second step, with code:

    ```sh
    make build
    ```

3. third step

#### A deep heading

A happy ending :smile: with <b>raw bold</b> and <span title="x">a span</span>.

<div class="note" markdown>
Text inside a block of HTML with **markdown**.
</div>

A paragraph with attributes.
{: onclick="alert(1)" style="color: red" }
""",
}

WORD = re.compile(r"\w+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MARKUP = ("===", "!!!", "???", "```", "<!--", "-->", "[^", "](", "\\(", "\\[", "{{", ":smile:", "wzxhzdk")


class _Visible(HTMLParser):
    """The words a reader sees on a page: no comment, script or style, no footnote number or back
    link (the footnote's text is what the story keeps, inline)."""

    SKIPPED = ("script", "style", "sup", "svg")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag in self.SKIPPED or "footnote-backref" in classes:
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


class _Article(HTMLParser):
    """The story as the page holds it: its text, its tags, its blocks' line ranges by grid row,
    and each finding's line by the row of the block it sits beside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.tags: list[str] = []
        self.text: list[str] = []
        self.ranges: dict[str, tuple[int, int]] = {}
        self.blocks: dict[str, list[str]] = {}
        self.row: str | None = None
        self.findings: list[tuple[str, str, int]] = []  # (row, code, line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        row = re.search(r"--r:(\d+)", values.get("style") or "")
        if tag == "article":
            self.depth += 1
            return
        if self.depth:
            self.tags.append(tag)
            if values.get("data-lines") and row:
                first, last = str(values["data-lines"]).split("-")
                self.ranges[row.group(1)] = (int(first), int(last))
                self.row = row.group(1)
        elif tag == "aside" and row:
            self.row = row.group(1)
        elif tag == "li" and "data-code" in values and self.row is not None:
            self.findings.append((self.row, str(values["data-code"]), int(str(values["data-line"]))))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)
            if self.row is not None:
                self.blocks.setdefault(self.row, []).append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("material", reason="mkdocs-material is not installed (pip install -e '.[test]')")
    root = tmp_path_factory.mktemp("blog")
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Blog\n\nWelcome to the blog.\n")
    (root / "docs" / "about.md").write_text("# About\n\nWho writes here.\n")
    (root / "drafts").mkdir()
    for name, text in DRAFTS.items():
        (root / "drafts" / name).write_text(text)
    return root


def _site_words(site: Path, name: str) -> set[str]:
    """What a reader of the site sees of the draft, rendered as MkDocs renders it."""
    import markdown
    from mkdocs.config import load_config as load_mkdocs

    config = load_mkdocs(str(site / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    body = DRAFTS[name].split("---\n", 2)[2]
    visible = _Visible()
    visible.feed(md.convert(body))
    return {word.lower() for word in WORD.findall(" ".join(visible.parts))}


def _story(site: Path, name: str) -> tuple[str, _Article]:
    page, _ = Session.open(load_config(site), use_cache=False).preview(site / "drafts" / name)
    article = _Article()
    article.feed(page)
    return page[page.index("<article") : page.index("</article>")], article


@pytest.fixture(scope="module", params=sorted(DRAFTS))
def rendered(request: pytest.FixtureRequest, site: Path) -> Iterator[tuple[str, str, _Article]]:
    html, article = _story(site, request.param)
    yield request.param, html, article


def test_every_word_the_site_shows_is_in_the_story(site: Path, rendered: tuple[str, str, _Article]) -> None:
    name, _, article = rendered
    story = {word.lower() for word in WORD.findall(" ".join(article.text))}
    missing = _site_words(site, name) - story
    assert not missing, f"{name}: words the site shows that the story lost: {sorted(missing)}"


def test_no_markup_shows_as_text_and_no_control_character(rendered: tuple[str, str, _Article]) -> None:
    name, _, article = rendered
    text = "".join(article.text)
    shown = [token for token in MARKUP if token in text]
    assert not shown, f"{name}: markup shown as text: {shown}"
    assert not re.search(r"</?[a-z][a-z0-9]*[ >/]", text), f"{name}: a tag shown as text"
    assert not CONTROL.search(text), f"{name}: control characters {CONTROL.findall(text)!r}"
    assert not re.search(r"&(?:amp|lt|gt|quot|#\d+);", text), f"{name}: HTML escaped twice"


def test_what_medium_cannot_show_is_reshaped(rendered: tuple[str, str, _Article]) -> None:
    name, html, article = rendered
    assert not {"h3", "h4", "h5", "h6", "table", "details", "dl", "sup", "input", "label", "svg"} & set(article.tags)
    assert not re.search(r"<(?:ul|ol)>(?:(?!</(?:ul|ol)>).)*<(?:ul|ol)>", html, re.DOTALL), "a nested list"
    assert "highlight" not in html and "<span" not in html  # code is its text: Medium highlights it
    text = " ".join("".join(article.text).split())
    if name == "blog-post.md":
        assert "Go 1.13 and later" in text and "Older Go" in text  # each tab's label, as a bold line
        assert html.count("<strong>Go 1.13 and later</strong>") == 1
        assert "errors.As(err, &target)" in text and "&amp;amp;" not in html  # escaped once
        assert "finds the first match & sets it" in text
        assert "*not emphasis*" in text and "a < b & c" in text  # escapes stay literal characters
        assert '<a href="https://go.dev/doc/go1.13">the release notes</a>' in html
    else:
        assert "<blockquote" in html and "<strong>Watch the order</strong>" in html
        assert "<strong>Details that fold</strong>" in html and "The folded body." in text
        assert "<strong>Latency budget</strong>" in html
        assert "A claim about caches (The cache paper, section four.) that needs a source." in text
        assert "<code>$a^2 + b^2 = c^2$</code>" in html and "<code>$$E = mc^2$$</code>" in html
        assert re.search(r"<p[^>]*>3\. third step</p>", html)  # the numbering, kept in the text
        assert "\U0001f604" in text  # the emoji, as the character
        assert "raw bold" in text and "Text inside a block of HTML with markdown." in text
        assert "A paragraph with attributes." in text and "onclick" not in html and "color: red" not in html


def test_each_finding_sits_beside_the_block_that_holds_its_line(site: Path) -> None:
    (site / "drafts" / "findings.md").write_text(
        "---\ntitle: Findings in blocks\n---\n\n# Findings in blocks\n\nAn opening paragraph.\n\n"
        '=== "First tab"\n\n    Nothing to see.\n\n=== "Second tab"\n\n'
        "    More in [click here](https://example.com/about/).\n\n"
        '!!! note "Careful"\n    Read [here](https://example.com/).\n\n'
        "- one item\n- two item with [read more](https://example.com/about/)\n"
    )
    try:
        _, article = _story(site, "findings.md")
    finally:
        (site / "drafts" / "findings.md").unlink()
    beside = {}
    for row, code, line in article.findings:
        if row in article.ranges:  # a finding of the body: its block's lines hold its line
            first, last = article.ranges[row]
            assert first <= line <= last, (code, line, first, last)
            beside[line] = " ".join(" ".join(article.blocks[row]).split())
    assert beside[15] == "More in click here ."  # the second tab's content, not the tab group's start
    assert beside[18].startswith("Careful Read here")
    assert beside[21].startswith("one item two item with read more")


def _preview_article(root: Path, draft: str) -> tuple[str, str]:
    html, article = _story(root, draft)
    return html, " ".join("".join(article.text).split())


def test_hugo_shortcodes_become_what_they_stand_for(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('baseURL = "https://blog.example.org/"\ntitle = "B"\n')
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "content" / "posts" / "other.md").write_text("---\ntitle: Other\n---\n\nThe other post.\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "post.md").write_text(
        '---\ntitle: Embeds\n---\n\nSee {{< relref "posts/other.md" >}} for more.\n\n'
        '{{< gist spf13 7896402 >}}\n\n{{< youtube id="w7Ft2ymGmfc" >}}\n\n{{< x user="SanDiegoZoo" id="1453110110" >}}\n\n'
        '{{< figure src="https://blog.example.org/img/a.png" alt="A chart" caption="The chart" >}}\n\n'
        "{{% note %}}\nInside a note.\n{{% /note %}}\n\nWrite {{</* youtube abc */>}} to embed a video.\n"
    )
    html, text = _preview_article(tmp_path, "post.md")
    assert '<a href="https://blog.example.org/posts/other/">https://blog.example.org/posts/other/</a>' in html
    for url in (
        "https://gist.github.com/spf13/7896402",  # alone on its line: Medium embeds it
        "https://www.youtube.com/watch?v=w7Ft2ymGmfc",
        "https://x.com/SanDiegoZoo/status/1453110110",
    ):
        assert re.search(rf"<p[^>]*>{re.escape(url)}</p>", html), url
    assert '<img alt="A chart" src="https://blog.example.org/img/a.png"> The chart' in html
    assert "Inside a note." in text and "note %" not in text
    assert "Write {{< youtube abc >}} to embed a video." in text  # the comment form, shown as on the site
    assert text.count("{{") == 1


def test_jekyll_tags_become_what_they_stand_for(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("url: https://jk.example.org\n")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-02-other.md").write_text("---\ntitle: Other\n---\n\nThe other post.\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "post.md").write_text(
        "---\ntitle: Tags\n---\n\n{% gist parkr/c08ee0a36a3a8d3fd86f %}\n\n"
        "Read {% post_url 2024-01-02-other %} next{% include footer.html %}.\n"
    )
    html, text = _preview_article(tmp_path, "post.md")
    assert re.search(r"<p[^>]*>https://gist.github.com/parkr/c08ee0a36a3a8d3fd86f</p>", html)
    assert '<a href="https://jk.example.org/2024/01/02/other.html">' in html
    assert "{%" not in text and text.endswith("next.")


def test_an_extension_the_site_names_from_elsewhere_is_never_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "site_ext.py").write_text(
        "import pathlib\npathlib.Path(__file__).with_name('imported').write_text('ran')\n"
        "def makeExtension(**kwargs):\n    from markdown.extensions.toc import TocExtension\n    return TocExtension()\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))  # importable: only the site's settings name it
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nmarkdown_extensions: [site_ext, admonition]\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nWelcome.\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "post.md").write_text('# Post\n\n!!! note "Kept"\n    The admonition still renders.\n')
    html, text = _preview_article(tmp_path, "post.md")
    assert not (tmp_path / "imported").exists()
    assert "<strong>Kept</strong>" in html and "The admonition still renders." in text


def test_comments_scripts_and_styles_show_nothing_and_an_unclosed_one_hides_the_rest() -> None:
    from medlint.story.markup import without_silent_html

    html = "a<!-- x -->b<script>evil()</script>c<STYLE x>s</style >d<!-- open <b>never shown</b>"
    assert without_silent_html(html) == "abcd"
    assert without_silent_html("<script>" + "<!-- " * 50_000) == ""  # one pass, whatever the openers


HUGO_DRAFT = """\
---
title: A Hugo post
---

# A Hugo post

An opening paragraph with a footnote[^n] and ~~struck~~ words.

[^n]: The footnote's own words.

| Call | Meaning |
| --- | --- |
| `errors.As(err, &target)` | finds the first match |

- top level
  - nested at two spaces, as CommonMark nests
    1. and numbered
- back at the top

Term
: Its definition, in goldmark's extension.

```go
if err != nil { return err }
```

This is \\*not emphasis\\* and a < b & c, with <b>raw bold</b>.

<!-- a comment -->

A closing line with {{< gist spf13 7896402 >}} inline.
"""


def test_a_hugo_draft_reads_as_hugo_renders_it(tmp_path: Path) -> None:
    """The story of a Hugo draft against Hugo's own build of it: every word Hugo's page shows is in
    the story, the two-space nesting CommonMark reads included, and nothing shows as markup."""
    (tmp_path / "hugo.toml").write_text('baseURL = "https://blog.example.org/"\ntitle = "B"\n')
    hugo_layouts(tmp_path, "<main>{{ .Content }}</main>")
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "content" / "posts" / "post.md").write_text(HUGO_DRAFT)
    build_hugo(tmp_path)
    built = (tmp_path / "public" / "posts" / "post" / "index.html").read_text()
    visible = _Visible()
    visible.feed(built[built.index("<main>") : built.index("</main>")])
    shown = {word.lower() for word in WORD.findall(" ".join(visible.parts))}
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "post.md").write_text(HUGO_DRAFT)
    html, article = _story(tmp_path, "post.md")
    text = " ".join("".join(article.text).split())
    missing = shown - {word.lower() for word in WORD.findall(text)}
    assert not missing, f"words Hugo shows that the story lost: {sorted(missing)}"
    assert "nested at two spaces, as CommonMark nests" in text and "and numbered" in text
    assert not re.search(r"<(?:ul|ol)>(?:(?!</(?:ul|ol)>).)*<(?:ul|ol)>", html, re.DOTALL), "a nested list"
    assert "(The footnote's own words.)" in text and "<strong>Term</strong>" in html
    assert "errors.As(err, &target)" in text and "*not emphasis*" in text and "a < b & c" in text
    assert "https://gist.github.com/spf13/7896402" in text
    assert not [token for token in (*MARKUP, "~~") if token in text] and not CONTROL.search(text)
    assert not re.search(r"&(?:amp|lt|gt|quot|#\\d+);", text)
    assert "<s>struck</s>" in html  # goldmark's strikethrough (Python-Markdown would show the tildes)
